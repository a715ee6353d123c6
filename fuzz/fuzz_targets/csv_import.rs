//! `txn import`: a journal export (CSV) read row by row as the import reads it, with and
//! without a `--map` naming columns.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use posdoctor::journal::parse_row;
use posdoctor::txn::columns::{Columns, Field, parse_map};

fn import(data: &[u8], map: &BTreeMap<Field, String>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(data);
    let Ok(headers) = reader.headers().cloned() else {
        return;
    };
    let refs: Vec<&str> = headers.iter().collect();
    let Ok(cols) = Columns::from_headers(&refs, map, "fuzz.csv") else {
        return;
    };
    let mut rec = csv::StringRecord::new();
    while let Ok(true) = reader.read_record(&mut rec) {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = rec.position().map_or(0, |p| p.line());
        match parse_row(&cols, &rec, "fuzz.csv", line) {
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
