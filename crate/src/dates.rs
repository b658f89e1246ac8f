//! Dates without a clock: the check date is always a parameter (Unix seconds), never read here.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// Format Unix seconds as RFC 3339 UTC (`2026-11-25T09:00:00Z`).
pub fn rfc3339(unix: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(unix) {
        Ok(moment) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            moment.year(),
            moment.month() as u8,
            moment.day(),
            moment.hour(),
            moment.minute(),
            moment.second()
        ),
        Err(_) => format!("(out of range: {unix})"),
    }
}

/// Format Unix seconds as a date (`2026-11-25`).
pub fn date(unix: i64) -> String {
    rfc3339(unix).chars().take(10).collect()
}

/// Parse `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ` / `+00:00` into Unix seconds.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if text.len() < 10
        || text.as_bytes().get(4) != Some(&b'-')
        || text.as_bytes().get(7) != Some(&b'-')
    {
        return None;
    }
    let year = number(0..4)? as i32;
    let month = Month::try_from(number(5..7)? as u8).ok()?;
    let day = number(8..10)? as u8;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let mut clock = Time::MIDNIGHT;
    let mut offset_seconds: i64 = 0;
    if text.len() > 10 {
        let bytes = text.as_bytes();
        if !(bytes[10] == b'T' || bytes[10] == b't' || bytes[10] == b' ') || text.len() < 19 {
            return None;
        }
        clock = Time::from_hms(number(11..13)? as u8, number(14..16)? as u8, number(17..19)? as u8)
            .ok()?;
        let mut zone = &text[19..];
        if let Some(rest) = zone.strip_prefix('.') {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            zone = &rest[digits..];
        }
        match zone {
            "Z" | "z" | "" => {}
            _ if zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')) => {
                let hours: i64 = zone.get(1..3)?.parse().ok()?;
                let minutes: i64 = zone.get(4..6)?.parse().ok()?;
                let sign = if zone.starts_with('-') { -1 } else { 1 };
                offset_seconds = sign * (hours * 3600 + minutes * 60);
            }
            _ => return None,
        }
    }
    Some(PrimitiveDateTime::new(date, clock).assume_utc().unix_timestamp() - offset_seconds)
}

/// Whole days from `from` to `to` (rounded down).
pub fn days_between(from: i64, to: i64) -> i64 {
    (to - from).div_euclid(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let unix = parse("2026-11-25").expect("date");
        assert_eq!(rfc3339(unix), "2026-11-25T00:00:00Z");
        assert_eq!(parse("2026-11-25T10:00:00+01:00"), Some(unix + 9 * 3600));
        assert_eq!(parse("2026-02-30"), None);
        assert_eq!(parse("yesterday"), None);
    }
}
