//! Inputs the fuzz targets in `fuzz/` found to break a parser, kept so they stay fixed. (The
//! track 2 and ISO 8583 findings are tested beside their code, in src/card.rs and
//! tests/iso8583.rs.)

use posdoctor::txn::columns::{parse_date, parse_time};

/// `fuzz/` target `csv_import`: a date or time whose number does not fit was multiplied out
/// before the range check threw it away, an arithmetic overflow (a panic in debug builds).
#[test]
fn dates_and_times_out_of_range_are_refused_without_overflow() {
    assert_eq!(parse_date("601022-11-23"), None);
    assert_eq!(parse_date("4294967295/12/31"), None);
    assert_eq!(parse_time("4294967295:00"), None);
    assert_eq!(parse_time("2026-11-23 99999999:00:00"), None);
    assert_eq!(parse_date("2026-11-23"), Some(20261123));
    assert_eq!(parse_time("14:05"), Some((None, 140500)));
}
