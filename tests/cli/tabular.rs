//! Tabular input: the example files as Chinese Excel and acquirers' portals save them (GBK,
//! GB18030, UTF-16 "Unicode text", semicolons, .xlsx, .xls) import to exactly the rows of
//! the UTF-8 file and reconcile to the same result; a file that cannot be read says which
//! encoding and delimiter were tried. The fixtures are made by
//! `tests/fixtures/tabular/make.py` from `docs/examples/`. The imports run on SQLite and on
//! PostgreSQL.

use crate::common;

use std::path::PathBuf;

use common::db::Backend;
use common::{Env, json};

crate::on_both_backends!(
    every_format_imports_exactly_the_rows_of_the_utf8_file,
    a_file_that_cannot_be_read_names_encoding_and_delimiter,
);

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tabular")
        .join(name)
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("docs/examples")
        .join(name)
}

/// Each format: the file name's middle and the extra arguments it needs (the .xlsx has a
/// cover sheet before the rows).
const FORMATS: &[(&str, &[&str])] = &[
    ("gbk.csv", &[]),
    ("gb18030.csv", &[]),
    ("utf16.txt", &[]),
    ("semicolon.csv", &[]),
    ("xlsx", &["--sheet", "明细"]),
    ("xls", &[]),
];

fn import(env: &Env, file: &PathBuf, extra: &[&str]) -> serde_json::Value {
    let out = env
        .cmd()
        .args(["--json", "txn", "import"])
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        file.display(),
        common::stderr(&out)
    );
    json(&out)
}

fn metric(doc: &serde_json::Value, name: &str) -> u64 {
    doc["findings"][0]["metrics"][name].as_u64().unwrap()
}

fn every_format_imports_exactly_the_rows_of_the_utf8_file(b: &Backend) {
    for (side, rows) in [("sales", 5), ("settlement", 2)] {
        for (format, extra) in FORMATS {
            let b = b.another();
            let env = Env::on(&b);
            let doc = import(&env, &example(&format!("{side}.csv")), &[]);
            assert_eq!(metric(&doc, "added"), rows);
            let kind = doc["kind"].clone();
            // Every row of the other format is one the journal already has, field for field
            // (the journal's fingerprint covers every stored value): nothing is added.
            let doc = import(&env, &fixture(&format!("{side}.{format}")), extra);
            assert_eq!(metric(&doc, "rows"), rows, "{side}.{format}");
            assert_eq!(metric(&doc, "added"), 0, "{side}.{format} differs");
            assert_eq!(doc["kind"], kind, "{side}.{format}");
            // And alone, it is all of them.
            let fresh = Env::on(&b.another());
            let doc = import(&fresh, &fixture(&format!("{side}.{format}")), extra);
            assert_eq!(metric(&doc, "added"), rows, "{side}.{format}");
        }
    }
}

fn reconcile(env: &Env, sales: &PathBuf, settle: &PathBuf, extra: &[&str]) -> serde_json::Value {
    let out = env
        .cmd()
        .args(["--json", "txn", "reconcile", "--sales"])
        .arg(sales)
        .arg("--settlement")
        .arg(settle)
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    json(&out)
}

#[test]
fn every_format_reconciles_as_the_utf8_files_do() {
    let env = Env::new();
    let want = reconcile(&env, &example("sales.csv"), &example("settlement.csv"), &[]);
    // The example: 102 sold and never credited, 103 credited with another amount.
    assert_eq!(want["totals"]["not_credited"]["rows"], 1);
    assert_eq!(want["totals"]["amount_mismatch"], 1);
    for (format, extra) in FORMATS {
        let got = reconcile(
            &env,
            &fixture(&format!("sales.{format}")),
            &fixture(&format!("settlement.{format}")),
            extra,
        );
        assert_eq!(got["totals"], want["totals"], "{format}");
        assert_eq!(got["items"], want["items"], "{format}");
    }
    // A GBK sales file against a UTF-16 settlement file: each is detected on its own.
    let got = reconcile(
        &env,
        &fixture("sales.gbk.csv"),
        &fixture("settlement.utf16.txt"),
        &[],
    );
    assert_eq!(got["items"], want["items"]);
}

#[test]
fn column_names_in_gbk_are_read_without_mojibake() {
    let env = Env::new();
    let file = env.path().join("no-amount.csv");
    // GBK for 交易日期,参考号 and a row: no amount column.
    let (gbk, _, _) = encoding_rs::GBK.encode("交易日期,参考号\n2026-11-23,331009000101\n");
    std::fs::write(&file, gbk).unwrap();
    let out = env
        .cmd()
        .args(["txn", "reconcile", "--sales"])
        .arg(&file)
        .arg("--settlement")
        .arg(example("settlement.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::unwrapped(&common::stderr(&out));
    assert!(err.contains("交易日期, 参考号"), "{err}");
    assert!(
        err.contains("GBK/GB18030") && err.contains("comma"),
        "{err}"
    );
}

fn a_file_that_cannot_be_read_names_encoding_and_delimiter(b: &Backend) {
    let env = Env::on(b);
    // A GBK file read as UTF-8, as told.
    let out = env
        .cmd()
        .args(["txn", "import", "--encoding", "utf-8"])
        .arg(fixture("sales.gbk.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::unwrapped(&common::stderr(&out));
    assert!(err.contains("UTF-8, comma-separated"), "{err}");
    assert!(!env.path().join("data").exists(), "nothing written");
    assert_eq!(b.rows(&env, "txns"), 0, "nothing written");
    // The same in Chinese.
    let out = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["txn", "import", "--encoding", "utf-8"])
        .arg(fixture("sales.gbk.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::unwrapped(&common::stderr(&out));
    assert!(err.contains("UTF-8 编码、逗号分隔"), "{err}");
    // UTF-16 text read as GBK: its NUL bytes are no GBK column names.
    let out = env
        .cmd()
        .args(["txn", "import", "--encoding", "gbk"])
        .arg(fixture("sales.utf16.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::unwrapped(&common::stderr(&out));
    assert!(err.contains("GBK/GB18030"), "{err}");
    // An encoding nobody has, and a sheet the workbook does not have.
    let out = env
        .cmd()
        .args(["txn", "import", "--encoding", "klingon"])
        .arg(example("sales.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("klingon"));
    let out = env
        .cmd()
        .args(["txn", "import", "--sheet", "汇总"])
        .arg(fixture("sales.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::unwrapped(&common::stderr(&out));
    assert!(err.contains("汇总") && err.contains("说明, 明细"), "{err}");
    // The first sheet of that workbook is a cover page, not transactions: the error says
    // it read the workbook's sheet.
    let out = env
        .cmd()
        .args(["txn", "import"])
        .arg(fixture("sales.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::unwrapped(&common::stderr(&out));
    assert!(err.contains("xlsx") && err.contains("说明"), "{err}");
}

#[test]
fn a_batch_reads_gbk_and_utf16_files() {
    let env = Env::new();
    let text = "merchant_id,terminal_id,mcc,备注\n898310054111234,10000001,5411,老王水果店\n";
    let gbk = env.path().join("fleet-gbk.csv");
    std::fs::write(&gbk, encoding_rs::GBK.encode(text).0).unwrap();
    let utf16 = env.path().join("fleet-utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    for u in text.replace(',', "\t").encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    let mut summaries = Vec::new();
    for f in [&gbk, &utf16] {
        let out = env
            .cmd()
            .args(["--json", "check", "--batch"])
            .arg(f)
            .output()
            .unwrap();
        let last = common::stdout(&out)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
        let doc: serde_json::Value = serde_json::from_str(&last).unwrap();
        assert_eq!(doc["summary"]["records"], 1, "{}", common::stderr(&out));
        assert_eq!(doc["summary"]["unreadable"], 0);
        summaries.push(doc["summary"].clone());
    }
    assert_eq!(summaries[0], summaries[1]);
}
