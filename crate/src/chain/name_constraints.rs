//! RFC 5280 §4.2.1.10 name constraints, as `certcheck verify` applies them: a CA's permitted and
//! excluded subtrees against the names of every certificate below it on the path.
//!
//! dNSName and iPAddress follow rustls-webpki exactly (its `subject_name` module, ported here
//! under its ISC licence: the same name syntax, wildcard and netmask rules), so the BetterTLS
//! suite reads the same. Beyond it, directoryName constraints are processed (webpki refuses every
//! certificate under one): a distinguished name is within a subtree when the subtree's RDNs are its
//! first RDNs, attribute values compared as RFC 4518 prepares them (case and inner spaces
//! ignored). URI constraints and the other name forms fail closed, as in webpki: a certificate
//! carrying a name of a constrained form the validator does not process is refused.

use crate::input::ber::{children, read_element, Element};

/// Why names do not pass a CA's constraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A name is outside the permitted subtrees, inside an excluded one, or of a form whose
    /// constraints are not processed.
    Violation,
    /// A presented dNSName is not a valid DNS name.
    MalformedName,
    /// A dNSName constraint is not a valid DNS name or suffix.
    MalformedConstraint,
    /// An iPAddress constraint's mask is not a run of ones then zeros, or has the wrong length.
    InvalidNetmask,
    /// The extension or a name is not valid DER.
    BadEncoding,
    /// More comparisons than [`MAX_NAME_COMPARISONS`] in one validation.
    TooManyComparisons,
}

/// Most name-against-constraint comparisons in one validation (the limit of rustls-webpki and
/// Go's crypto/x509): a CA with thousands of subtrees over a leaf with thousands of names is
/// refused before any comparison, so the cost stays bounded.
pub const MAX_NAME_COMPARISONS: usize = 250_000;

/// A general name, as presented by a certificate or as the base of a subtree.
#[derive(Clone, Copy, Debug)]
pub enum Name<'a> {
    /// dNSName, as encoded.
    Dns(&'a [u8]),
    /// iPAddress: 4 or 16 bytes for a name, address and mask for a constraint.
    Ip(&'a [u8]),
    /// directoryName: the content of the Name SEQUENCE (its RDNs).
    Directory(&'a [u8]),
    /// uniformResourceIdentifier.
    Uri(&'a [u8]),
    /// Another form (otherName 0, rfc822Name 1, x400Address 3, ediPartyName 5, registeredID 8).
    Other(u8),
}

impl<'a> Name<'a> {
    /// Read one GeneralName element (RFC 5280 4.2.1.6), with the tags rustls-webpki accepts.
    fn from_element(element: &Element<'a>) -> Result<Self, Problem> {
        Ok(match element.tag {
            0x82 => Name::Dns(element.content),
            0x87 => Name::Ip(element.content),
            0x86 => Name::Uri(element.content),
            0xa4 => {
                let name = read_element(element.content).map_err(|_| Problem::BadEncoding)?;
                if name.tag != 0x30 || name.encoded_len != element.content.len() {
                    return Err(Problem::BadEncoding);
                }
                Name::Directory(name.content)
            }
            0xa0 | 0x81 | 0xa3 | 0xa5 | 0x88 => Name::Other(element.tag & 0x1f),
            _ => return Err(Problem::BadEncoding),
        })
    }
}

/// The names of a GeneralNames SEQUENCE (a subjectAltName extension's value).
pub fn general_names(value: &[u8]) -> Result<Vec<Name<'_>>, Problem> {
    let outer = read_element(value).map_err(|_| Problem::BadEncoding)?;
    if outer.tag != 0x30 || outer.encoded_len != value.len() {
        return Err(Problem::BadEncoding);
    }
    let elements = children(outer.content).map_err(|_| Problem::BadEncoding)?;
    elements.iter().map(Name::from_element).collect()
}

/// A nameConstraints extension: the bases of its permitted and excluded subtrees.
#[derive(Clone, Debug, Default)]
pub struct Constraints<'a> {
    /// permittedSubtrees, when present.
    pub permitted: Option<Vec<Name<'a>>>,
    /// excludedSubtrees, when present.
    pub excluded: Option<Vec<Name<'a>>>,
}

impl<'a> Constraints<'a> {
    /// Read a nameConstraints extension value. A subtree carrying minimum or maximum is refused
    /// (RFC 5280: "the minimum MUST be zero, and maximum MUST be absent", so neither is encoded).
    pub fn parse(value: &'a [u8]) -> Result<Self, Problem> {
        let outer = read_element(value).map_err(|_| Problem::BadEncoding)?;
        if outer.tag != 0x30 || outer.encoded_len != value.len() {
            return Err(Problem::BadEncoding);
        }
        let mut constraints = Constraints::default();
        for part in children(outer.content).map_err(|_| Problem::BadEncoding)? {
            let slot = match part.tag {
                0xa0 if constraints.permitted.is_none() && constraints.excluded.is_none() => {
                    &mut constraints.permitted
                }
                0xa1 if constraints.excluded.is_none() => &mut constraints.excluded,
                _ => return Err(Problem::BadEncoding),
            };
            let mut bases = Vec::new();
            for subtree in children(part.content).map_err(|_| Problem::BadEncoding)? {
                if subtree.tag != 0x30 {
                    return Err(Problem::BadEncoding);
                }
                let base = read_element(subtree.content).map_err(|_| Problem::BadEncoding)?;
                if base.encoded_len != subtree.content.len() {
                    return Err(Problem::BadEncoding);
                }
                bases.push(Name::from_element(&base)?);
            }
            *slot = Some(bases);
        }
        Ok(constraints)
    }

    /// How many subtrees in all.
    pub fn len(&self) -> usize {
        self.permitted.as_ref().map_or(0, Vec::len) + self.excluded.as_ref().map_or(0, Vec::len)
    }

    /// No subtree at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Check one certificate's names: its subject (`None` when it is empty) and its
    /// subjectAltName entries.
    pub fn check(&self, subject: Option<&[u8]>, names: &[Name<'_>]) -> Result<(), Problem> {
        let subject = subject.map(Name::Directory);
        for name in subject.iter().chain(names) {
            self.check_name(name)?;
        }
        Ok(())
    }

    fn check_name(&self, name: &Name<'_>) -> Result<(), Problem> {
        for (kind, subtrees) in
            [(Subtrees::Permitted, &self.permitted), (Subtrees::Excluded, &self.excluded)]
        {
            let Some(bases) = subtrees else { continue };
            let mut matched = false;
            let mut mismatched = false;
            for base in bases {
                let matches = match (name, base) {
                    (Name::Dns(name), Name::Dns(base)) => dns_matches(name, base, kind),
                    (Name::Ip(name), Name::Ip(base)) => ip_matches(name, base),
                    (Name::Directory(name), Name::Directory(base)) => directory_within(name, base),
                    // Not processed: fail closed, as rustls-webpki does.
                    (Name::Uri(_), Name::Uri(_)) => Ok(kind == Subtrees::Excluded),
                    (Name::Other(name), Name::Other(base)) if name == base => {
                        Err(Problem::Violation)
                    }
                    _ => continue,
                };
                match (kind, matches?) {
                    (Subtrees::Permitted, true) => matched = true,
                    (Subtrees::Permitted, false) => mismatched = true,
                    (Subtrees::Excluded, true) => return Err(Problem::Violation),
                    (Subtrees::Excluded, false) => {}
                }
            }
            // Some subtree of this name's form was permitted, and none matched.
            if mismatched && !matched {
                return Err(Problem::Violation);
            }
        }
        Ok(())
    }
}

/// Which list a subtree is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subtrees {
    Permitted,
    Excluded,
}

/// What a DNS name is being validated as (rustls-webpki's `IdRole`, without the reference role).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Presented,
    Constraint,
}

/// rustls-webpki's `presented_id_matches_reference_id` for a name constraint.
fn dns_matches(presented: &[u8], constraint: &[u8], kind: Subtrees) -> Result<bool, Problem> {
    if !valid_dns_id(presented, Role::Presented, true) {
        return Err(Problem::MalformedName);
    }
    if !valid_dns_id(constraint, Role::Constraint, false) {
        return Err(Problem::MalformedConstraint);
    }
    let mut presented_rest = presented;
    let mut constraint_rest = constraint;
    if presented.len() > constraint.len() {
        if constraint.is_empty() {
            // An empty constraint matches everything.
            return Ok(true);
        }
        // A constraint starting with a dot matches below it; otherwise the presented name must
        // be the constraint or end with "." and the constraint.
        if constraint[0] == b'.' {
            presented_rest = &presented[presented.len() - constraint.len()..];
        } else {
            presented_rest = &presented[presented.len() - constraint.len() - 1..];
            match presented_rest.split_first() {
                Some((b'.', rest)) => presented_rest = rest,
                _ => return Ok(false),
            }
        }
    }
    // A wildcard label is not expanded against permitted subtrees (it could reach names outside
    // them); against excluded ones it is, so a wildcard reaching into one is refused
    // (CVE-2025-61727).
    if presented_rest.first() == Some(&b'*') && kind != Subtrees::Permitted {
        presented_rest = &presented_rest[1..];
        loop {
            match constraint_rest.split_first() {
                Some((_, rest)) => constraint_rest = rest,
                None => return Ok(false),
            }
            if constraint_rest.first() == Some(&b'.') {
                break;
            }
        }
    }
    loop {
        let byte = match (presented_rest.split_first(), constraint_rest.split_first()) {
            (Some((&p, p_rest)), Some((&r, r_rest))) if p.eq_ignore_ascii_case(&r) => {
                presented_rest = p_rest;
                constraint_rest = r_rest;
                p
            }
            _ => return Ok(false),
        };
        if presented_rest.is_empty() {
            // A presented name is never absolute.
            if byte == b'.' {
                return Err(Problem::MalformedName);
            }
            break;
        }
    }
    Ok(constraint_rest.is_empty())
}

/// rustls-webpki's `is_valid_dns_id` for presented names and constraints: at most 253 bytes,
/// labels of letters, digits, '-' and '_' up to 63 bytes, no label starting or ending with '-',
/// the last label not all digits; a wildcard only as a whole first label with at least two
/// labels after it; an empty constraint, or one starting with '.', is valid.
fn valid_dns_id(hostname: &[u8], role: Role, allow_wildcard: bool) -> bool {
    const MAX_LABEL_LENGTH: usize = 63;
    if hostname.len() > 253 {
        return false;
    }
    if role == Role::Constraint && hostname.is_empty() {
        return true;
    }
    let mut input = hostname;
    let mut dot_count = 0;
    let mut label_length = 0;
    let mut label_is_all_numeric = false;
    let mut label_ends_with_hyphen = false;
    let is_wildcard = allow_wildcard && input.first() == Some(&b'*');
    let mut is_first_byte = !is_wildcard;
    if is_wildcard {
        if input.get(1) != Some(&b'.') {
            return false;
        }
        input = &input[2..];
        dot_count += 1;
    }
    loop {
        let Some((&byte, rest)) = input.split_first() else { return false };
        input = rest;
        match byte {
            b'-' => {
                if label_length == 0 {
                    return false;
                }
                label_is_all_numeric = false;
                label_ends_with_hyphen = true;
                label_length += 1;
            }
            b'0'..=b'9' => {
                if label_length == 0 {
                    label_is_all_numeric = true;
                }
                label_ends_with_hyphen = false;
                label_length += 1;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                label_is_all_numeric = false;
                label_ends_with_hyphen = false;
                label_length += 1;
            }
            b'.' => {
                dot_count += 1;
                if label_length == 0 && (role != Role::Constraint || !is_first_byte) {
                    return false;
                }
                if label_ends_with_hyphen {
                    return false;
                }
                label_length = 0;
            }
            _ => return false,
        }
        if label_length > MAX_LABEL_LENGTH {
            return false;
        }
        is_first_byte = false;
        if input.is_empty() {
            break;
        }
    }
    // Neither a presented name nor a constraint may be absolute (end with a dot).
    if label_length == 0 || label_ends_with_hyphen || label_is_all_numeric {
        return false;
    }
    if is_wildcard && dot_count + 1 < 3 {
        return false;
    }
    true
}

/// rustls-webpki's iPAddress constraint match: an address of the constraint's family, equal to
/// it under its mask; the mask must be ones then zeros.
fn ip_matches(name: &[u8], constraint: &[u8]) -> Result<bool, Problem> {
    match (name.len(), constraint.len()) {
        (4, 8) | (16, 32) => {}
        // An IPv4 address never matches an IPv6 constraint, nor the reverse.
        (4, 32) | (16, 8) => return Ok(false),
        (4, _) | (16, _) => return Err(Problem::InvalidNetmask),
        _ => return Err(Problem::BadEncoding),
    }
    let (address, mask) = constraint.split_at(constraint.len() / 2);
    let mut seen_zero_bit = false;
    for ((name_byte, address_byte), mask_byte) in name.iter().zip(address).zip(mask) {
        if mask_byte.leading_ones() + mask_byte.trailing_zeros() != 8
            || (seen_zero_bit && *mask_byte != 0)
        {
            return Err(Problem::InvalidNetmask);
        }
        if *mask_byte != 0xff {
            seen_zero_bit = true;
        }
        if (name_byte ^ address_byte) & mask_byte != 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// RFC 5280 4.2.1.10: a distinguished name is within a directoryName subtree when the subtree's
/// RDNs are its first RDNs. RDNs compare attribute by attribute in encoded order (DER sorts a
/// SET OF), so the work is linear in the names.
fn directory_within(name: &[u8], base: &[u8]) -> Result<bool, Problem> {
    let name_rdns = children(name).map_err(|_| Problem::BadEncoding)?;
    let base_rdns = children(base).map_err(|_| Problem::BadEncoding)?;
    if base_rdns.len() > name_rdns.len() {
        return Ok(false);
    }
    for (name_rdn, base_rdn) in name_rdns.iter().zip(&base_rdns) {
        if !rdn_equal(name_rdn, base_rdn)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn rdn_equal(left: &Element<'_>, right: &Element<'_>) -> Result<bool, Problem> {
    if left.tag != 0x31 || right.tag != 0x31 {
        return Err(Problem::BadEncoding);
    }
    if left.content == right.content {
        return Ok(true);
    }
    let left = children(left.content).map_err(|_| Problem::BadEncoding)?;
    let right = children(right.content).map_err(|_| Problem::BadEncoding)?;
    if left.len() != right.len() {
        return Ok(false);
    }
    for (left, right) in left.iter().zip(&right) {
        let (left_type, left_value) = attribute(left)?;
        let (right_type, right_value) = attribute(right)?;
        if left_type != right_type || !value_equal(&left_value, &right_value) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// An AttributeTypeAndValue: its OID's content and its value element.
fn attribute<'a>(element: &Element<'a>) -> Result<(&'a [u8], Element<'a>), Problem> {
    if element.tag != 0x30 {
        return Err(Problem::BadEncoding);
    }
    let parts = children(element.content).map_err(|_| Problem::BadEncoding)?;
    match parts.as_slice() {
        [oid, value] if oid.tag == 0x06 => Ok((oid.content, *value)),
        _ => Err(Problem::BadEncoding),
    }
}

/// Equal as encoded, or both strings equal once prepared as RFC 4518 caseIgnoreMatch does
/// (leading and trailing spaces dropped, inner runs of spaces made one, case folded).
fn value_equal(left: &Element<'_>, right: &Element<'_>) -> bool {
    if left.tag == right.tag && left.content == right.content {
        return true;
    }
    match (string_value(left), string_value(right)) {
        (Some(left), Some(right)) => prepared(&left) == prepared(&right),
        _ => false,
    }
}

fn string_value(element: &Element<'_>) -> Option<String> {
    match element.tag {
        // UTF8String, PrintableString, IA5String, TeletexString (read as Latin-1).
        0x0c => std::str::from_utf8(element.content).ok().map(str::to_string),
        0x13 | 0x16 | 0x14 => Some(element.content.iter().map(|&byte| byte as char).collect()),
        // BMPString: UTF-16 big-endian.
        0x1e if element.content.len().is_multiple_of(2) => {
            let units: Vec<u16> = element
                .content
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

fn prepared(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_constraints_follow_webpki() {
        let permitted = Subtrees::Permitted;
        assert_eq!(dns_matches(b"www.example.com", b"example.com", permitted), Ok(true));
        assert_eq!(dns_matches(b"badexample.com", b"example.com", permitted), Ok(false));
        assert_eq!(dns_matches(b"www.example.com", b".example.com", permitted), Ok(true));
        assert_eq!(dns_matches(b"example.com", b".example.com", permitted), Ok(false));
        assert_eq!(dns_matches(b"Example.COM", b"example.com", permitted), Ok(true));
        assert_eq!(dns_matches(b"anything.test", b"", permitted), Ok(true));
        assert_eq!(
            dns_matches(b"example.com.", b"example.com", permitted),
            Err(Problem::MalformedName)
        );
        assert_eq!(
            dns_matches(b"example.com", b"example..com", permitted),
            Err(Problem::MalformedConstraint)
        );
        // A wildcard is not expanded into a permitted subtree, but is into an excluded one.
        assert_eq!(dns_matches(b"*.example.com", b"example.com", permitted), Ok(true));
        assert_eq!(dns_matches(b"*.example.com", b"bad.example.com", permitted), Ok(false));
        assert_eq!(dns_matches(b"*.example.com", b"bad.example.com", Subtrees::Excluded), Ok(true));
    }

    #[test]
    fn ip_constraints_check_the_mask() {
        assert_eq!(ip_matches(&[10, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]), Ok(true));
        assert_eq!(ip_matches(&[11, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]), Ok(false));
        assert_eq!(
            ip_matches(&[10, 1, 2, 3], &[10, 0, 0, 0, 0, 255, 0, 0]),
            Err(Problem::InvalidNetmask)
        );
        assert_eq!(ip_matches(&[10, 1, 2, 3], &[0; 32]), Ok(false));
        assert_eq!(ip_matches(&[10, 1, 2], &[0; 8]), Err(Problem::BadEncoding));
    }

    /// The content of a Name SEQUENCE with one RDN per (OID content, tag, value).
    fn name(rdns: &[(&[u8], u8, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (oid, tag, value) in rdns {
            let mut attribute = vec![0x06, oid.len() as u8];
            attribute.extend_from_slice(oid);
            attribute.extend_from_slice(&[*tag, value.len() as u8]);
            attribute.extend_from_slice(value.as_bytes());
            let mut sequence = vec![0x30, attribute.len() as u8];
            sequence.extend(attribute);
            out.extend_from_slice(&[0x31, sequence.len() as u8]);
            out.extend(sequence);
        }
        out
    }

    #[test]
    fn directory_names_match_by_leading_rdns() {
        const CN: &[u8] = &[0x55, 0x04, 0x03];
        const O: &[u8] = &[0x55, 0x04, 0x0a];
        let base = name(&[(O, 0x13, "Example")]);
        let inside = name(&[(O, 0x0c, "example"), (CN, 0x0c, "host")]);
        let outside = name(&[(O, 0x0c, "Other"), (CN, 0x0c, "host")]);
        assert_eq!(directory_within(&inside, &base), Ok(true));
        assert_eq!(directory_within(&outside, &base), Ok(false));
        assert_eq!(directory_within(&base, &inside), Ok(false));
        assert_eq!(directory_within(&inside, &[]), Ok(true));
        let spaced = name(&[(O, 0x0c, "  Big   Corp ")]);
        assert_eq!(directory_within(&spaced, &name(&[(O, 0x13, "big corp")])), Ok(true));
    }
}
