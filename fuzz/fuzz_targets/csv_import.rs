//! `txn import`: a journal export (CSV) read row by row as the import reads it, with and
//! without a `--map` naming columns.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use posdoctor::journal::Row;
use posdoctor::tabular::txn::is_blank;
use posdoctor::tabular::{Options, Table};
use posdoctor::txn::columns::{Columns, Field, parse_map};

fn import(data: &[u8], map: &BTreeMap<Field, String>) {
    // Through the tabular reader, as the import reads: encoding and delimiter detected.
    let Ok(mut table) = Table::new(data, "fuzz.csv", &Options::default()) else {
        return;
    };
    let headers = table.headers();
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let Ok(cols) = Columns::from_headers(&refs, map, "fuzz.csv") else {
        return;
    };
    let mut rec = csv::ByteRecord::new();
    while let Ok(true) = table.read(&mut rec) {
        if is_blank(&rec) {
            continue;
        }
        let line = rec.position().map_or(0, |p| p.line());
        match Row::parse(&cols, &rec, "fuzz.csv", line) {
            Ok(row) => {
                let _ = format!("{row:?}");
            }
            Err(_) => return,
        }
    }
}

fuzz_target!(|data: &[u8]| {
    import(data, &BTreeMap::new());
    // The first line, when it looks like `field=Column` pairs, is a `--map`.
    if let Some(nl) = data.iter().position(|b| *b == b'\n') {
        let specs: Vec<String> = String::from_utf8_lossy(&data[..nl])
            .split(';')
            .map(str::to_string)
            .collect();
        if let Ok(map) = parse_map(&specs) {
            import(&data[nl + 1..], &map);
        }
    }
});
