//! `posdoctor txn`: gateway look-ups against the simulated acquirer and a real local API,
//! the journal on SQLite and on PostgreSQL (idempotent, atomic, concurrent, crash-safe) and
//! reconciliation.

use crate::common;

use std::io::Write;
use std::process::Stdio;

use common::db::Backend;
use common::{Env, assert_schema, json, stdout};

crate::on_both_backends!(
    journal_import_and_status,
    bad_import_input_writes_nothing,
    four_processes_importing_at_once_lose_and_duplicate_nothing,
    an_import_killed_midway_leaves_the_journal_as_before,
    a_version_3_journal_is_upgraded_in_place,
);

fn status_demo(env: &Env, fault: &str) -> serde_json::Value {
    let out = env
        .cmd()
        .args([
            "--json",
            "--timeout",
            "3",
            "txn",
            "status",
            "--demo",
            "--fault",
            fault,
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_schema(&doc);
    doc
}

fn finding<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {doc:#}"))
}

#[test]
fn demo_sale_is_found_at_the_gateway() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["txn", "status", "--demo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("approved"), "{text}");
    assert!(text.contains("do not charge the card again"), "{text}");
    // A declined sale (the simulator declines amounts ending in .51 with 51).
    let out = env
        .cmd()
        .args(["--json", "txn", "status", "--demo", "--amount", "100.51"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_schema(&doc);
    let st = finding(&doc, "txn.status");
    assert_eq!(st["metrics"]["state"], "declined");
    assert_eq!(st["metrics"]["code"], "51");
    assert_eq!(st["category"], "declined");
    assert_eq!(st["cause"], "funds");
}

#[test]
fn zh_output() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--lang", "zh", "txn", "status", "--demo"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("交易成功"), "{text}");
    assert!(text.contains("撤销"), "{text}");
}

#[test]
fn gateway_error_classes() {
    let env = Env::new();
    for (fault, error) in [
        ("gateway-status=401", "unauthorized"),
        ("gateway-status=403", "forbidden"),
        ("gateway-status=429", "rate-limited"),
        ("gateway-status=500", "server-error"),
        ("gateway-status=418", "http-status"),
        ("gateway-garbage", "malformed"),
        ("gateway-oversize", "too-large"),
        ("gateway-slow=10s", "timeout"),
        ("tls-expired", "tls"),
    ] {
        let doc = status_demo(&env, fault);
        let g = finding(&doc, "txn.gateway");
        assert_eq!(g["status"], "fail", "{fault}: {doc:#}");
        assert_eq!(g["metrics"]["error"], error, "{fault}: {doc:#}");
        // Nobody could say what happened: the outcome is unknown, never "not found".
        assert_eq!(finding(&doc, "txn.status")["metrics"]["state"], "pending");
        assert!(doc["tickets"][0]["rrn"].is_string(), "{doc:#}");
    }
}

#[test]
fn server_errors_are_retried_and_client_errors_are_not() {
    let env = Env::new();
    // Two 503s, then an answer: the default two retries get through.
    let doc = status_demo(&env, "gateway-flaky=2");
    assert_eq!(finding(&doc, "txn.gateway")["status"], "ok");
    assert_eq!(finding(&doc, "txn.status")["metrics"]["state"], "approved");
    // Three 503s are one too many.
    let doc = status_demo(&env, "gateway-flaky=3");
    let g = finding(&doc, "txn.gateway");
    assert!(
        g["summary"].as_str().unwrap().contains("3 attempts"),
        "{g:#}"
    );
    let doc = status_demo(&env, "gateway-status=500");
    assert!(
        finding(&doc, "txn.gateway")["summary"]
            .as_str()
            .unwrap()
            .contains("503")
            || finding(&doc, "txn.gateway")["summary"]
                .as_str()
                .unwrap()
                .contains("500 after 3 attempts")
    );
}

#[test]
fn unknown_rrn_is_not_found() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "txn", "status", "--demo", "--rrn", "999999999999"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(finding(&doc, "txn.status")["metrics"]["state"], "not-found");
}

#[test]
fn a_mapped_acquirer_api_with_a_token() {
    let server = common::servers::start(
        common::servers::Mode::Api {
            path: "/api/query?ref=000000000042&tid=10000001".into(),
            header: "X-Api-Key".into(),
            value: "secret-token-1".into(),
            body: r#"{"code": "0", "data": {"txnStatus": "SUCCESS", "respCode": "00",
                "amt": "88.00", "txnTime": "2026-11-23 12:30:00", "settleStatus": "CREDITED",
                "pan": "6222021234567890123"}}"#
                .into(),
        },
        None,
    );
    let env = Env::new();
    env.write_config(&format!(
        r#"
[profiles.shop]
merchant_id = "898310054111234"
terminal_id = "10000001"

[profiles.shop.gateway]
url = "http://127.0.0.1:{port}"
lookup = "{{url}}/api/query?ref={{rrn}}&tid={{terminal_id}}"
auth_env = "ACQ_TOKEN"
auth_header = "X-Api-Key"
amount_unit = "yuan"

[profiles.shop.gateway.fields]
state = "/data/txnStatus"
response_code = "/data/respCode"
amount = "/data/amt"
time = "/data/txnTime"
settlement = "/data/settleStatus"
card = "/data/pan"

[profiles.shop.gateway.states]
SUCCESS = "approved"
"#,
        port = server.addr.port()
    ));
    let out = env
        .cmd()
        .env("ACQ_TOKEN", "secret-token-1")
        .args([
            "--json",
            "txn",
            "status",
            "--rrn",
            "000000000042",
            "--source",
            "gateway",
        ])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("secret-token-1"));
    assert!(
        !text.contains("6222021234567890123"),
        "full card number shown: {text}"
    );
    let doc = json(&out);
    assert_eq!(finding(&doc, "txn.status")["metrics"]["state"], "credited");
    assert_eq!(finding(&doc, "txn.status")["metrics"]["amount"], 8800);
    // A wrong token: 401, named.
    let out = env
        .cmd()
        .env("ACQ_TOKEN", "wrong")
        .args([
            "--json",
            "txn",
            "status",
            "--rrn",
            "000000000042",
            "--source",
            "gateway",
        ])
        .output()
        .unwrap();
    assert_eq!(
        finding(&json(&out), "txn.gateway")["metrics"]["error"],
        "unauthorized"
    );
    // No token at all: said before anything is sent.
    let out = env
        .cmd()
        .args([
            "--json",
            "txn",
            "status",
            "--rrn",
            "000000000042",
            "--source",
            "gateway",
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_eq!(
        finding(&doc, "txn.gateway")["metrics"]["error"],
        "missing-token"
    );
    assert!(
        finding(&doc, "txn.gateway")["summary"]
            .as_str()
            .unwrap()
            .contains("ACQ_TOKEN")
    );
    // An RRN the API does not know.
    let out = env
        .cmd()
        .env("ACQ_TOKEN", "secret-token-1")
        .args([
            "--json",
            "txn",
            "status",
            "--rrn",
            "000000000043",
            "--source",
            "gateway",
        ])
        .output()
        .unwrap();
    assert_eq!(
        finding(&json(&out), "txn.status")["metrics"]["state"],
        "not-found"
    );
}

const SALES: &str = "交易日期,交易时间,终端号,凭证号,参考号,交易金额,卡号,交易类型,订单号,商户名称,原凭证号
2026-11-20,10:00:01,10000001,000001,000000000001,100.00,6222021234567890123,消费,A-1,上海便利店,
2026-11-20,10:00:01,10000001,000002,000000000002,100.00,6222021234567890124,消费,A-2,上海便利店,
2026-11-20,10:05:00,10000001,000003,000000000003,55.50,6222021234567890125,消费,A-3,上海便利店,
2026-11-20,10:06:00,10000001,000004,000000000004,55.50,6222021234567890125,撤销,A-3,上海便利店,000003
";

const SETTLEMENT: &str = "清算日期,参考号,终端号,凭证号,交易日期,交易金额,手续费,清算金额,状态
2026-11-21,000000000001,10000001,000001,2026-11-20,100.00,0.60,99.40,已入账
";

fn write(env: &Env, name: &str, text: &str) -> std::path::PathBuf {
    let p = env.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Imports `file` into the journal of `env`, which must succeed.
fn imported(env: &Env, file: &std::path::Path) {
    env.cmd()
        .args(["txn", "import"])
        .arg(file)
        .assert()
        .success();
}

/// `txn import --json FILE`, as it ended.
fn import_json(env: &Env, file: &std::path::Path) -> std::process::Output {
    env.cmd()
        .args(["--json", "txn", "import"])
        .arg(file)
        .output()
        .unwrap()
}

fn db_rows(b: &Backend, env: &Env) -> i64 {
    b.rows(env, "txns")
}

/// A journal the previous schema wrote (version 3: every row naming its file, separate
/// fingerprint and RRN indexes) is upgraded by the next command: its rows still match a
/// re-import, look-ups find them, and it ends with the current columns and indexes.
fn a_version_3_journal_is_upgraded_in_place(b: &Backend) {
    let env = Env::on(b);
    let sales = write(&env, "sales.csv", SALES);
    imported(&env, &sales);
    // Back to version 3's layout, as the last release left it.
    b.batch(
        &env,
        "ALTER TABLE txns ADD COLUMN file TEXT NOT NULL DEFAULT 'sales.csv';
         DROP INDEX txns_rrn_fp; DROP INDEX txns_fp; DROP INDEX txns_trace;
         DROP INDEX txns_order; DROP INDEX txns_settled;
         CREATE UNIQUE INDEX txns_fp ON txns (fp);
         CREATE INDEX txns_rrn ON txns (rrn) WHERE rrn IS NOT NULL;
         CREATE INDEX txns_trace ON txns (terminal_id, trace);
         CREATE INDEX txns_order ON txns (order_id) WHERE order_id IS NOT NULL;",
    );
    let (version, file_columns, indexes) = if b.is_sqlite() {
        b.batch(&env, "PRAGMA user_version = 3");
        (
            "PRAGMA user_version",
            "SELECT count(*) FROM pragma_table_info('txns') WHERE name = 'file'",
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'txns' \
             AND name IN ('txns_rrn_fp', 'txns_fp', 'txns_trace', 'txns_order', 'txns_settled')",
        )
    } else {
        b.batch(&env, "DELETE FROM posdoctor_schema WHERE version > 3");
        (
            "SELECT max(version) FROM posdoctor_schema",
            "SELECT count(*) FROM information_schema.columns \
             WHERE table_name = 'txns' AND column_name = 'file'",
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'txns' AND indexname IN \
             ('txns_rrn_fp', 'txns_fp', 'txns_trace', 'txns_order', 'txns_settled')",
        )
    };
    assert_eq!(b.count(&env, version), 3);
    let out = import_json(&env, &sales);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    assert_eq!(
        json(&out)["findings"][0]["metrics"]["added"],
        0,
        "the old rows match"
    );
    assert_eq!(b.count(&env, version), 4);
    assert_eq!(b.count(&env, file_columns), 0);
    assert_eq!(b.count(&env, indexes), 5);
    let doc = json(
        &env.cmd()
            .args(["--json", "txn", "status", "--source", "journal"])
            .args(["--rrn", "000000000003"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["transactions"].as_array().unwrap().len(), 1, "{doc:#}");
}

fn journal_import_and_status(b: &Backend) {
    let env = Env::on(b);
    let sales = write(&env, "sales.csv", SALES);
    let settle = write(&env, "settle.csv", SETTLEMENT);
    let out = import_json(&env, &sales);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(doc["kind"], "sales");
    assert_eq!(doc["findings"][0]["metrics"]["added"], 4);
    // Re-importing adds nothing.
    let out = import_json(&env, &sales);
    assert_eq!(json(&out)["findings"][0]["metrics"]["added"], 0);
    let out = import_json(&env, &settle);
    assert_eq!(json(&out)["kind"], "settlement");
    assert_eq!(db_rows(b, &env), 5);
    // The full card number is nowhere in the database.
    let bytes = b.stored(&env);
    assert!(bytes.len() > 1000, "{}: nothing stored?", b.name());
    assert!(
        !bytes.windows(19).any(|w| w == b"6222021234567890123"),
        "a full card number reached the database"
    );

    let state = |args: &[&str]| {
        let out = env
            .cmd()
            // A fixed today: the sales' due dates are compared with it.
            .env("POSDOCTOR_TODAY", "2026-11-23")
            .args(["--json", "txn", "status"])
            .args(args)
            .output()
            .unwrap();
        let doc = json(&out);
        assert_schema(&doc);
        (
            out.status.code(),
            finding(&doc, "txn.status")["metrics"]["state"]
                .as_str()
                .unwrap()
                .to_string(),
        )
    };
    assert_eq!(
        state(&["--rrn", "000000000001"]),
        (Some(0), "credited".into())
    );
    assert_eq!(
        state(&[
            "--trace",
            "000002",
            "--terminal",
            "10000001",
            "--date",
            "2026-11-20"
        ]),
        (Some(0), "approved".into())
    );
    assert_eq!(
        state(&["--rrn", "000000000003"]),
        (Some(1), "voided".into())
    );
    assert_eq!(state(&["--order", "A-2"]), (Some(0), "approved".into()));
    assert_eq!(
        state(&["--rrn", "000000000077"]),
        (Some(1), "not-found".into())
    );
    // Amount + window: two sales of 100.00 at the same second.
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-11-23")
        .args([
            "--json",
            "txn",
            "status",
            "--amount",
            "100",
            "--from",
            "2026-11-20 09:59",
            "--to",
            "2026-11-20 10:01",
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_eq!(doc["transactions"].as_array().unwrap().len(), 2, "{doc:#}");
    // An approved sale from an earlier day: refund, not void.
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-11-23")
        .args(["txn", "status", "--rrn", "000000000002"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("refund"), "{}", stdout(&out));
}

fn bad_import_input_writes_nothing(b: &Backend) {
    let env = Env::on(b);
    let good = write(&env, "good.csv", SALES);
    imported(&env, &good);
    let before = db_rows(b, &env);
    let bad = write(
        &env,
        "bad.csv",
        "rrn,amount\n000000000101,1.00\n000000000102,1.00\n000000000103,12.345\n",
    );
    let out = env
        .cmd()
        .args(["txn", "import"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains("line 4") && err.contains("12.345"), "{err}");
    assert_eq!(db_rows(b, &env), before);
    let out = env
        .cmd()
        .args(["txn", "import"])
        .arg(write(&env, "nohead.csv", "a,b\n1,2\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("--map"));
    let out = env
        .cmd()
        .args(["txn", "import", "--map", "cvv=x"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cmd()
        .args(["txn", "import", "missing.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env.cmd().args(["txn", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cmd()
        .args(["txn", "status", "--amount", "abc", "--from", "2026-11-20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("abc"));
}

fn big_csv(env: &Env, name: &str, rows: usize, offset: usize) -> std::path::PathBuf {
    let p = env.path().join(name);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    writeln!(f, "rrn,terminal_id,trace,date,time,amount").unwrap();
    for i in offset..offset + rows {
        writeln!(
            f,
            "{:012},{:08},{:06},2026-11-20,{:02}:{:02}:{:02},{}.{:02}",
            i,
            i % 50,
            i % 1_000_000,
            i / 3600 % 24,
            i / 60 % 60,
            i % 60,
            i % 1000 + 1,
            i % 100
        )
        .unwrap();
    }
    p
}

fn four_processes_importing_at_once_lose_and_duplicate_nothing(b: &Backend) {
    let env = Env::on(b);
    // Two files, each imported twice, all four at the same time.
    let first = big_csv(&env, "a.csv", 3000, 0);
    let second = big_csv(&env, "b.csv", 3000, 2000); // 1000 rows overlap with a.csv
    let children: Vec<_> = [&first, &second, &first, &second]
        .iter()
        .map(|f| {
            env.std_cmd()
                .args(["--json", "txn", "import"])
                .arg(f)
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut added = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        added += json(&out)["findings"][0]["metrics"]["added"]
            .as_i64()
            .unwrap();
    }
    assert_eq!(added, 5000);
    assert_eq!(db_rows(b, &env), 5000);
}

fn an_import_killed_midway_leaves_the_journal_as_before(b: &Backend) {
    let env = Env::on(b);
    let small = big_csv(&env, "small.csv", 10, 900_000);
    imported(&env, &small);
    let big = big_csv(&env, "big.csv", 120_000, 0);
    let mut child = env
        .std_cmd()
        .args(["txn", "import"])
        .arg(&big)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Wait (bounded) until the import is writing, then kill it hard.
    // Bounded by time, not by a count of polls: on a loaded machine the import is slower.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut killed_midway = false;
    while std::time::Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if b.import_under_way(&env) {
            // Some rows in (the journal appears with the transaction's first write).
            std::thread::sleep(std::time::Duration::from_millis(100));
            child.kill().unwrap();
            killed_midway = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        killed_midway,
        "the import finished before it could be killed"
    );
    assert_eq!(db_rows(b, &env), 10, "a killed import left rows behind");
    // The import can simply be run again.
    imported(&env, &big);
    assert_eq!(db_rows(b, &env), 120_010);
    if b.is_sqlite() {
        // Whichever journal mode the killed import left, the database is in WAL mode again.
        let c = rusqlite::Connection::open(Backend::sqlite_file(&env)).unwrap();
        let mode: String = c
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
}

/// Generated files with planted problems, Chinese headers and text, and pairs of sales of
/// equal amounts at the same second.
#[test]
fn reconciliation_finds_exactly_what_was_planted() {
    let env = Env::new();
    let n = 20_000;
    let mut sales =
        String::from("交易日期,交易时间,终端号,凭证号,参考号,交易金额,商户名称,交易类型\n");
    let mut settle = String::from("参考号,终端号,凭证号,交易日期,交易金额,手续费,清算金额\n");
    let mut not_credited = Vec::new();
    let mut amount_mismatch = Vec::new();
    let mut fee_mismatch = Vec::new();
    for i in 0..n {
        let rrn = format!("{:012}", 100_000 + i);
        // Pairs of sales with the same amount at the same second on the same terminal.
        let cents = 1000 + (i / 2) * 7 % 50_000;
        let time = format!(
            "{:02}:{:02}:{:02}",
            (i / 2) / 3600 % 24,
            (i / 2) / 60 % 60,
            (i / 2) % 60
        );
        let amount = format!("{}.{:02}", cents / 100, cents % 100);
        sales.push_str(&format!(
            "2026-11-20,{time},{:08},{:06},{rrn},{amount},“老王”水果店,消费\n",
            10_000_000 + i % 7,
            i
        ));
        if i % 997 == 0 {
            not_credited.push(rrn);
            continue;
        }
        let fee = cents * 6 / 1000;
        let mut settled_cents = cents;
        let mut net = cents - fee;
        if i % 1009 == 1 && i % 10 != 3 {
            settled_cents += 1;
            net += 1;
            amount_mismatch.push(rrn.clone());
        } else if i % 1013 == 2 {
            net -= 5;
            fee_mismatch.push(rrn.clone());
        }
        // Every tenth row without an RRN: matched by terminal + trace + date.
        let shown_rrn = if i % 10 == 3 { String::new() } else { rrn };
        settle.push_str(&format!(
            "{shown_rrn},{:08},{:06},20261120,{}.{:02},{}.{:02},{}.{:02}\n",
            10_000_000 + i % 7,
            i,
            settled_cents / 100,
            settled_cents % 100,
            fee / 100,
            fee % 100,
            net / 100,
            net % 100
        ));
    }
    // Credited but never sold, and a settlement row listed twice.
    settle.push_str("999999999999,10000001,999999,20261120,12.00,0.07,11.93\n");
    let dup_line = settle.lines().nth(5).unwrap().to_string();
    settle.push_str(&dup_line);
    settle.push('\n');
    let s = write(&env, "sales.csv", &sales);
    let t = write(&env, "settle.csv", &settle);
    let out = env
        .cmd()
        .args(["--json", "txn", "reconcile", "--sales"])
        .arg(&s)
        .arg("--settlement")
        .arg(&t)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_schema(&doc);
    let items = doc["items"].as_array().unwrap();
    let rrns = |p: &str| {
        let mut v: Vec<String> = items
            .iter()
            .filter(|i| i["problem"] == p)
            .map(|i| i["rrn"].as_str().unwrap_or("").to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(rrns("not-credited"), not_credited);
    assert_eq!(rrns("amount-mismatch"), amount_mismatch);
    let fee_expected: Vec<String> = fee_mismatch.clone();
    let mut fee_found: Vec<String> = items
        .iter()
        .filter(|i| i["problem"] == "fee-mismatch")
        .map(|i| {
            // Settlement rows without an RRN are named by their trace.
            let line = i["other_line"].as_u64().unwrap() as usize;
            sales
                .lines()
                .nth(line - 1)
                .unwrap()
                .split(',')
                .nth(4)
                .unwrap()
                .to_string()
        })
        .collect();
    fee_found.sort();
    assert_eq!(fee_found, fee_expected);
    assert_eq!(rrns("not-sold"), vec!["999999999999".to_string()]);
    assert_eq!(rrns("duplicate").len(), 1);
    assert_eq!(
        doc["totals"]["matched"]["rows"].as_u64().unwrap(),
        (n - not_credited.len()) as u64
    );
    // The same, as CSV for a spreadsheet, and as a table in Chinese.
    let out = env
        .cmd()
        .args(["txn", "reconcile", "--output", "csv", "--sales"])
        .arg(&s)
        .arg("--settlement")
        .arg(&t)
        .output()
        .unwrap();
    let csv_text = stdout(&out);
    assert_eq!(
        csv_text
            .lines()
            .filter(|l| l.starts_with("not-credited,"))
            .count(),
        not_credited.len()
    );
    let out = env
        .cmd()
        .args(["--lang", "zh", "txn", "reconcile", "--sales"])
        .arg(&s)
        .arg("--settlement")
        .arg(&t)
        .output()
        .unwrap();
    assert!(stdout(&out).contains("已售未到账"), "{}", stdout(&out));
}

#[test]
fn reconcile_clean_files_exit_zero() {
    let env = Env::new();
    let s = write(&env, "s.csv", "rrn,amount\n1,1.00\n2,2.00\n");
    let t = write(&env, "t.csv", "rrn,amount\n2,2.00\n1,1.00\n");
    let out = env
        .cmd()
        .args(["txn", "reconcile", "--sales"])
        .arg(&s)
        .arg("--settlement")
        .arg(&t)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = env
        .cmd()
        .args(["txn", "reconcile", "--sales"])
        .arg(&s)
        .arg("--settlement")
        .arg(env.path().join("nope.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
