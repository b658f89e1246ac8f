//! Native figures for `npm run bench`: `cargo run --release --example bench -- PILE CHAIN`.
//! Prints one JSON line: parsing throughput (median of 7 runs) and full-check times.

use std::time::Instant;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(pile), Some(chain)) = (args.next(), args.next()) else {
        eprintln!("usage: bench PILE.pem CHAIN.pem");
        std::process::exit(2);
    };
    let pile = std::fs::read(&pile).expect("read pile");
    let chain = std::fs::read(&chain).expect("read chain");
    let count = certcheck::parse_count(&pile);
    let rates: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            let parsed = certcheck::parse_count(&pile);
            assert_eq!(parsed, count);
            parsed as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    let check = |bytes: &[u8]| {
        let inputs = [certcheck::Input::file("bench.pem", bytes.to_vec())];
        let start = Instant::now();
        let report =
            certcheck::check(&inputs, &Default::default(), 1_795_564_800, certcheck::Lang::En);
        (start.elapsed().as_secs_f64() * 1000.0, report.summary.certificates)
    };
    let pile_check = median((0..3).map(|_| check(&pile).0).collect());
    let chain_check = median((0..7).map(|_| check(&chain).0).collect());
    println!(
        "{{\"certificates\": {count}, \"parse_per_second\": {:.0}, \"pile_check_ms\": {pile_check:.1}, \"chain_check_ms\": {chain_check:.2}}}",
        median(rates)
    );
}
