//! `posdoctor txn status` and the money: a sale compared with its settlement row, its due date
//! from the acquirer's terms and the working-day calendar, overdue and not-credited sales, a
//! sale debited without a receipt (单边账), and one representation of times.
//!
//! Dates are fixed with `POSDOCTOR_TODAY` and the merchant's zone with `TZ=CST-8` (Beijing
//! time, no time-zone database needed). Each test runs on SQLite and on PostgreSQL.

use crate::common;

use common::db::Backend;
use common::{Env, assert_schema, json, stdout};

crate::on_both_backends!(
    credited_as_sold,
    settled_with_a_different_amount,
    sold_and_missing_from_the_next_days_settlement,
    due_tomorrow_and_after_the_cut_off,
    due_after_a_weekend,
    due_after_a_public_holiday_with_a_make_up_working_day,
    overdue_by_working_days_with_a_ticket,
    the_profile_states_the_terms,
    debited_without_a_receipt_and_settled,
    debited_without_a_receipt_and_reversed,
    debited_without_a_receipt_waiting_for_the_reversal,
    times_are_rfc3339_in_json_and_local_in_text,
    rrn_and_today_are_checked,
    not_found_is_not_blamed_on_the_network,
    another_merchants_settlement_is_not_this_ones,
);

/// Sales on both sides of weekends, holidays and make-up working days (2026 notice), and two
/// sales the terminal did not show as approved.
const SALES: &str = "交易日期,交易时间,终端号,凭证号,参考号,交易金额,交易类型,状态,原凭证号
2026-11-23,12:00:00,10000001,000301,331009000301,10.00,消费,成功,
2026-11-23,23:30:00,10000001,000302,331009000302,10.00,消费,成功,
2026-11-20,15:00:00,10000001,000303,331009000303,20.00,消费,成功,
2026-02-14,10:00:00,10000001,000304,331009000304,30.00,消费,成功,
2026-10-09,10:00:00,10000001,000305,331009000305,40.00,消费,成功,
2026-12-31,10:00:00,10000001,000306,331009000306,50.00,消费,成功,
2026-11-23,12:10:00,10000001,000401,331009000401,50.00,消费,超时,
2026-11-23,12:20:00,10000001,000402,331009000402,60.00,消费,失败,
2026-11-23,12:21:00,10000001,000403,,60.00,冲正,成功,000402
2026-11-23,12:30:00,10000001,000404,331009000404,70.00,消费,超时,
";

/// The settlement of 2026-11-24 for the one-sided sale 331009000401 (the sale of 2026-11-20,
/// due on 2026-11-23, is in no settlement imported).
const SETTLEMENT: &str = "清算日期,参考号,终端号,凭证号,交易日期,交易金额,手续费,清算金额
2026-11-24,331009000401,10000001,000401,2026-11-23,50.00,0.30,49.70
";

fn env_with_journal(b: &Backend) -> Env {
    journal_of(b, true)
}

/// The example files and the sales above; with `settled`, the settlement files too.
fn journal_of(b: &Backend, settled: bool) -> Env {
    let env = Env::on(b);
    let dir = env.path().to_path_buf();
    let sales = dir.join("sales.csv");
    let settle = dir.join("settle.csv");
    std::fs::write(&sales, SALES).unwrap();
    std::fs::write(&settle, SETTLEMENT).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("docs/examples/sales.csv"), sales];
    if settled {
        files.extend([root.join("docs/examples/settlement.csv"), settle]);
    }
    for f in files {
        env.cmd().args(["txn", "import"]).arg(&f).assert().success();
    }
    env
}

/// `txn status --json` on `today`: the exit code and the document.
fn status(env: &Env, today: &str, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = env
        .cmd()
        .env("TZ", "CST-8")
        .env("POSDOCTOR_TODAY", today)
        .args(["--json", "txn", "status"])
        .args(args)
        .output()
        .unwrap();
    let doc = json(&out);
    assert_schema(&doc);
    (out.status.code(), doc)
}

fn finding<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {doc:#}"))
}

fn state(doc: &serde_json::Value) -> &str {
    finding(doc, "txn.status")["metrics"]["state"]
        .as_str()
        .unwrap()
}

fn crediting(doc: &serde_json::Value) -> &serde_json::Value {
    &doc["transactions"][0]["crediting"]
}

fn credited_as_sold(b: &Backend) {
    let env = env_with_journal(b);
    let (code, doc) = status(&env, "2026-11-24", &["--rrn", "331009000101"]);
    assert_eq!(code, Some(0), "{doc:#}");
    assert_eq!(state(&doc), "credited");
    let s = finding(&doc, "txn.settlement");
    assert_eq!(s["status"], "ok");
    assert_eq!(s["metrics"]["settled"], 8800);
    assert_eq!(s["metrics"]["fee"], 53);
    assert_eq!(s["metrics"]["net"], 8747);
    assert_eq!(crediting(&doc)["state"], "credited");
    assert_eq!(crediting(&doc)["settlement"]["settle_date"], "2026-11-24");
}

fn settled_with_a_different_amount(b: &Backend) {
    let env = env_with_journal(b);
    let (code, doc) = status(&env, "2026-11-24", &["--rrn", "331009000103"]);
    assert_eq!(code, Some(1), "{doc:#}");
    let s = finding(&doc, "txn.settlement");
    assert_eq!(s["status"], "fail");
    assert_eq!(s["category"], "not-credited");
    assert_eq!(s["metrics"]["sold"], 25650);
    assert_eq!(s["metrics"]["settled"], 26500);
    let summary = s["summary"].as_str().unwrap();
    assert!(
        summary.contains("256.50") && summary.contains("265.00") && summary.contains("8.50"),
        "{summary}"
    );
    let d = &crediting(&doc)["differences"][0];
    assert_eq!(d["field"], "amount");
    assert_eq!(
        (d["expected"].as_i64(), d["actual"].as_i64()),
        (Some(25650), Some(26500))
    );
    assert!(doc["tickets"][0].is_object(), "a difference gets a ticket");
    // In Chinese too, with both amounts.
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-11-24")
        .args(["--lang", "zh", "txn", "status", "--rrn", "331009000103"])
        .output()
        .unwrap();
    let text = common::unwrapped(&stdout(&out));
    assert!(text.contains("销售 256.50 元，清算 265.00 元"), "{text}");
}

fn sold_and_missing_from_the_next_days_settlement(b: &Backend) {
    let env = env_with_journal(b);
    let (code, doc) = status(&env, "2026-11-24", &["--rrn", "331009000102"]);
    assert_eq!(code, Some(1), "{doc:#}");
    assert_eq!(state(&doc), "not-credited");
    let c = finding(&doc, "txn.crediting");
    assert_eq!(c["status"], "fail");
    assert!(
        c["summary"].as_str().unwrap().contains("2026-11-24"),
        "the settlement date checked is named: {c:#}"
    );
    assert_eq!(crediting(&doc)["state"], "not-credited");
    assert_eq!(crediting(&doc)["checked"][0], "2026-11-24");
    assert_eq!(crediting(&doc)["due"], "2026-11-24");
    assert!(doc["tickets"][0]["rrn"] == "331009000102", "{doc:#}");
    // The text says it too.
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-11-24")
        .args(["txn", "status", "--rrn", "331009000102"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("not credited"), "{text}");
    assert!(!text.contains("approved"), "{text}");
}

fn due_tomorrow_and_after_the_cut_off(b: &Backend) {
    // No settlement imported yet: the sale is waiting for its day.
    let env = journal_of(b, false);
    let (code, doc) = status(&env, "2026-11-23", &["--rrn", "331009000301"]);
    assert_eq!(code, Some(0), "{doc:#}");
    assert_eq!(state(&doc), "approved");
    assert_eq!(crediting(&doc)["state"], "due");
    assert_eq!(crediting(&doc)["due"], "2026-11-24");
    assert_eq!(crediting(&doc)["terms"], "T+1");
    assert!(
        finding(&doc, "txn.crediting")["summary"]
            .as_str()
            .unwrap()
            .contains("due on 2026-11-24")
    );
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-11-23")
        .args(["--lang", "zh", "txn", "status", "--rrn", "331009000301"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("到账日") && text.contains("2026-11-24"),
        "{text}"
    );
    // 23:30 is after the default 23:00 cut-off: it counts for Tuesday, due Wednesday.
    let (_, doc) = status(&env, "2026-11-23", &["--rrn", "331009000302"]);
    assert_eq!(crediting(&doc)["trade_day"], "2026-11-24");
    assert_eq!(crediting(&doc)["due"], "2026-11-25");
}

fn due_after_a_weekend(b: &Backend) {
    // No settlement imported yet: the sale is waiting for its day.
    let env = journal_of(b, false);
    // Friday 20 November 2026 → Monday 23 November.
    let (code, doc) = status(&env, "2026-11-20", &["--rrn", "331009000303"]);
    assert_eq!(code, Some(0), "{doc:#}");
    assert_eq!(crediting(&doc)["due"], "2026-11-23");
    assert_eq!(crediting(&doc)["due_may_move"], false);
}

fn due_after_a_public_holiday_with_a_make_up_working_day(b: &Backend) {
    // No settlement imported yet: the sale is waiting for its day.
    let env = journal_of(b, false);
    // Saturday 14 February 2026 is a make-up working day before the Spring Festival
    // (15–23 February off): its sale is due on Tuesday 24 February.
    let (_, doc) = status(&env, "2026-02-14", &["--rrn", "331009000304"]);
    assert_eq!(crediting(&doc)["trade_day"], "2026-02-14");
    assert_eq!(crediting(&doc)["due"], "2026-02-24");
    // Friday 9 October 2026, after National Day: due Saturday 10 October, a make-up day.
    let (_, doc) = status(&env, "2026-10-09", &["--rrn", "331009000305"]);
    assert_eq!(crediting(&doc)["due"], "2026-10-10");
    // 31 December 2026 → 2027, a year the calendar does not know yet: the date may move.
    let (_, doc) = status(&env, "2026-12-31", &["--rrn", "331009000306"]);
    assert_eq!(crediting(&doc)["due"], "2027-01-01");
    assert_eq!(crediting(&doc)["due_may_move"], true);
    assert!(
        finding(&doc, "txn.crediting")["summary"]
            .as_str()
            .unwrap()
            .contains("may move")
    );
}

fn overdue_by_working_days_with_a_ticket(b: &Backend) {
    // No settlement imported: nothing says it is absent, only that it is late.
    let env = journal_of(b, false);
    // Due Monday 23 November; on Wednesday 25 November it is two working days late.
    let (code, doc) = status(&env, "2026-11-25", &["--rrn", "331009000303"]);
    assert_eq!(code, Some(1), "{doc:#}");
    let c = finding(&doc, "txn.crediting");
    assert_eq!(c["status"], "fail");
    assert_eq!(c["metrics"]["overdue_working_days"], 2);
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .contains("overdue by 2 working day"),
        "{c:#}"
    );
    assert_eq!(crediting(&doc)["state"], "overdue");
    assert_eq!(doc["tickets"][0]["rrn"], "331009000303");
    assert_eq!(doc["tickets"][0]["category"], "not-credited");
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-11-25")
        .args(["--lang", "zh", "txn", "status", "--rrn", "331009000303"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("已逾期 2 个工作日"),
        "{}",
        stdout(&out)
    );
}

fn the_profile_states_the_terms(b: &Backend) {
    let env = env_with_journal(b);
    env.write_config(
        r#"
[profiles.shop]
merchant_id = "898310054111234"
terminal_id = "10000001"
settlement = "D+0"
cutoff = "none"
"#,
    );
    // D+0: the same calendar day, weekend or not.
    let (_, doc) = status(&env, "2026-11-20", &["--rrn", "331009000303"]);
    assert_eq!(crediting(&doc)["terms"], "D+0");
    assert_eq!(crediting(&doc)["due"], "2026-11-20");
    assert!(crediting(&doc)["cutoff"].is_null());
    env.write_config("[profiles.shop]\nsettlement = \"T+X\"\n");
    let out = env
        .cmd()
        .args(["txn", "status", "--rrn", "331009000303"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains("T+X") && err.contains("settlement"), "{err}");
    // The config is refused wherever it is read, naming the field.
    env.write_config("[profiles.shop]\ncutoff = \"25:00\"\n");
    let out = env.cmd().args(["profile", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("profiles.shop.cutoff") && err.contains("25:00"),
        "{err}"
    );
}

fn debited_without_a_receipt_and_settled(b: &Backend) {
    let env = env_with_journal(b);
    // The terminal timed out; the settlement of 2026-11-24 has the sale.
    let (code, doc) = status(&env, "2026-11-24", &["--rrn", "331009000401"]);
    assert_eq!(code, Some(0), "the merchant has the money: {doc:#}");
    assert_eq!(state(&doc), "credited");
    let one = &doc["transactions"][0]["one_sided"];
    assert_eq!(one["case"], "credited");
    assert_eq!(one["terminal"], "pending");
    assert_eq!(one["money_moved"][0], "settlement");
    assert!(one["cancelled_by"].is_null());
    assert!(
        one["tell_customer"]
            .as_str()
            .unwrap()
            .contains("must not be made again")
    );
    assert!(one["sources"][0].as_str().unwrap().starts_with("http"));
    assert_eq!(finding(&doc, "txn.one-sided")["status"], "warn");
    let steps = doc["next_steps"][0].as_array().unwrap();
    assert_eq!(
        steps.len(),
        3,
        "what happens, what to tell, when to escalate"
    );
    // The day before the settlement's date: settled, not yet credited, never "unknown".
    let (code, doc) = status(&env, "2026-11-23", &["--rrn", "331009000401"]);
    assert_eq!((code, state(&doc)), (Some(0), "settled"), "{doc:#}");
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-11-24")
        .args(["--lang", "zh", "txn", "status", "--rrn", "331009000401"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("单边账") && text.contains("签购单"), "{text}");
}

/// An acquirer API on loopback that answers `body` for one RRN.
fn api(rrn: &str, body: &str) -> common::servers::Server {
    common::servers::start(
        common::servers::Mode::Api {
            path: format!("/q?ref={rrn}"),
            header: "X-Api-Key".into(),
            value: "t0ken".into(),
            body: body.into(),
        },
        None,
    )
}

fn gateway_profile(env: &Env, port: u16) {
    env.write_config(&format!(
        r#"
[profiles.shop]
merchant_id = "898310054111234"
terminal_id = "10000001"

[profiles.shop.gateway]
url = "http://127.0.0.1:{port}"
lookup = "{{url}}/q?ref={{rrn}}"
auth_env = "ACQ_TOKEN"
auth_header = "X-Api-Key"
"#
    ));
}

fn status_gw(env: &Env, today: &str, rrn: &str) -> (Option<i32>, serde_json::Value) {
    let out = env
        .cmd()
        .env("TZ", "CST-8")
        .env("POSDOCTOR_TODAY", today)
        .env("ACQ_TOKEN", "t0ken")
        .args(["--json", "txn", "status", "--rrn", rrn])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_schema(&doc);
    (out.status.code(), doc)
}

fn debited_without_a_receipt_and_reversed(b: &Backend) {
    let env = env_with_journal(b);
    // The host approved 331009000402; the terminal showed a failure and reversed it (冲正).
    let server = api(
        "331009000402",
        r#"{"rrn": "331009000402", "state": "approved", "response_code": "00",
            "amount": 6000, "time": "2026-11-23T04:20:00.201922907Z"}"#,
    );
    gateway_profile(&env, server.addr.port());
    let (code, doc) = status_gw(&env, "2026-11-23", "331009000402");
    assert_eq!(code, Some(1), "not money received: {doc:#}");
    assert_eq!(state(&doc), "reversed");
    let one = &doc["transactions"][0]["one_sided"];
    assert_eq!(one["case"], "returned");
    assert_eq!(one["terminal"], "declined");
    assert_eq!(one["money_moved"][0], "gateway");
    assert_eq!(one["cancelled_by"]["kind"], "reversal");
    assert_eq!(one["cancelled_by"]["trace"], "000403");
    // Seven working days after Monday 23 November 2026.
    assert_eq!(one["return_by"], "2026-12-02");
    assert!(one["what_happens"].as_str().unwrap().contains("2026-12-02"));
    assert!(doc["tickets"][0].is_object());
    // One representation of time: the gateway's UTC with nanoseconds becomes the merchant's
    // zone, to the second.
    assert_eq!(
        doc["transactions"][0]["txn"]["time"],
        "2026-11-23T12:20:00+08:00"
    );
}

fn debited_without_a_receipt_waiting_for_the_reversal(b: &Backend) {
    // No settlement yet: the next day's would tell whether the reversal happened.
    let env = journal_of(b, false);
    // Approved at the host, the terminal timed out, nothing reversed or settled yet.
    let server = api(
        "331009000404",
        r#"{"rrn": "331009000404", "state": "approved", "response_code": "00",
            "amount": 7000, "time": "2026-11-23T04:30:00Z"}"#,
    );
    gateway_profile(&env, server.addr.port());
    let (_, doc) = status_gw(&env, "2026-11-23", "331009000404");
    let one = &doc["transactions"][0]["one_sided"];
    assert_eq!(one["case"], "reversal-expected", "{doc:#}");
    assert!(one["cancelled_by"].is_null());
    assert!(
        one["what_happens"]
            .as_str()
            .unwrap()
            .contains("reversal (冲正)")
    );
    assert_eq!(crediting(&doc)["due"], "2026-11-24");
}

fn times_are_rfc3339_in_json_and_local_in_text(b: &Backend) {
    let env = env_with_journal(b);
    let (_, doc) = status(&env, "2026-11-24", &["--rrn", "331009000101"]);
    assert_eq!(
        doc["transactions"][0]["txn"]["time"],
        "2026-11-23T09:15:02+08:00"
    );
    let out = env
        .cmd()
        .env("TZ", "CST-8")
        .env("POSDOCTOR_TODAY", "2026-11-24")
        .args(["txn", "status", "--rrn", "331009000101"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("2026-11-23 09:15:02"), "{text}");
    assert!(!text.contains("+08:00"), "{text}");
}

fn rrn_and_today_are_checked(b: &Backend) {
    let env = Env::on(b);
    for bad in ["1", "33100900010", "33100900010A1", "33100900010!"] {
        let out = env
            .cmd()
            .args(["txn", "status", "--rrn", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            common::stderr(&out).contains(bad),
            "{bad}: {}",
            common::stderr(&out)
        );
    }
    let out = env
        .cmd()
        .env("POSDOCTOR_TODAY", "2026-13-01")
        .args(["txn", "status", "--rrn", "331009000101"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("2026-13-01"));
}

fn not_found_is_not_blamed_on_the_network(b: &Backend) {
    let env = env_with_journal(b);
    let (code, doc) = status(&env, "2026-11-24", &["--rrn", "331009000999"]);
    assert_eq!(code, Some(1));
    let f = finding(&doc, "txn.status");
    assert_eq!(f["metrics"]["state"], "not-found");
    assert!(f["cause"].is_null(), "{f:#}");
}

/// One journal, two shops: the settlement of shop B says nothing about shop A's money; shop
/// A's own settlement without the sale does.
fn another_merchants_settlement_is_not_this_ones(b: &Backend) {
    let env = Env::on(b);
    let dir = env.path().to_path_buf();
    let files = [
        (
            "sales.csv",
            "交易日期,交易时间,商户号,终端号,凭证号,参考号,交易金额,交易类型,状态
2026-11-23,12:00:00,898310054110001,10000001,000501,331009000501,10.00,消费,成功
2026-11-23,12:05:00,898310054110002,20000001,000601,331009000601,20.00,消费,成功
",
        ),
        (
            "settle_b.csv",
            "清算日期,商户号,参考号,终端号,凭证号,交易日期,交易金额,手续费,清算金额
2026-11-24,898310054110002,331009000601,20000001,000601,2026-11-23,20.00,0.12,19.88
",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
        env.cmd()
            .args(["txn", "import"])
            .arg(dir.join(name))
            .assert()
            .success();
    }
    let (code, doc) = status(&env, "2026-11-24", &["--rrn", "331009000501"]);
    assert_ne!(state(&doc), "not-credited", "{doc:#}");
    assert_ne!(crediting(&doc)["state"], "not-credited", "{doc:#}");
    assert_eq!(code, Some(0), "{doc:#}");
    // Shop A's own settlement of that day, without the sale: now it is missing.
    let own = dir.join("settle_a.csv");
    std::fs::write(
        &own,
        "清算日期,商户号,参考号,终端号,凭证号,交易日期,交易金额,手续费,清算金额
2026-11-24,898310054110001,331009000509,10000001,000509,2026-11-23,5.00,0.03,4.97
",
    )
    .unwrap();
    env.cmd()
        .args(["txn", "import"])
        .arg(&own)
        .assert()
        .success();
    let (code, doc) = status(&env, "2026-11-24", &["--rrn", "331009000501"]);
    assert_eq!(crediting(&doc)["state"], "not-credited", "{doc:#}");
    assert_eq!(code, Some(1), "{doc:#}");
}
