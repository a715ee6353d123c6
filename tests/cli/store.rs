//! The journal and incident log on both backends: the same commands give the same answers
//! on SQLite and on a real PostgreSQL server started on loopback for the test process (a
//! database of its own for each test); agents working at once lose and duplicate nothing;
//! a killed import leaves nothing; connection failures are named, exit 3 and never hang;
//! the password never shows.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common;

use common::db::Backend;
use common::postgres::{PASSWORD, Server};
use common::{Env, json, stderr, stdout};

const SALES: &str = "交易日期,交易时间,终端号,凭证号,参考号,交易金额,卡号,交易类型,订单号,商户名称,原凭证号
2026-11-20,10:00:01,10000001,000001,000000000001,100.00,6222021234567890123,消费,A-1,上海便利店,
2026-11-20,10:00:01,10000001,000001,000000000001,100.00,6222021234567890123,消费,A-1,上海便利店,
2026-11-20,10:05:00,10000001,000003,000000000003,55.50,6222021234567890125,消费,A-3,上海便利店,
2026-11-20,10:06:00,10000001,000004,000000000004,55.50,6222021234567890125,撤销,A-3,上海便利店,000003
2026-11-20,,10000002,000005,000000000005,12.00,,消费,,,
";

const SETTLEMENT: &str = "清算日期,参考号,终端号,凭证号,交易日期,交易金额,手续费,清算金额,状态
2026-11-21,000000000001,10000001,000001,2026-11-20,100.00,0.60,99.40,已入账
";

/// A command in the test's directory, so that file names read the same on both backends.
fn cmd(env: &Env) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.current_dir(env.path());
    c
}

fn run(env: &Env, args: &[&str]) -> serde_json::Value {
    let out = cmd(env).arg("--json").args(args).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&out)
    );
    let mut doc = json(&out);
    // Where the database is differs by construction.
    if let Some(o) = doc.as_object_mut() {
        o.remove("database");
    }
    doc
}

/// Everything the journal and the incident log do, as one script; the JSON of every step.
fn script(env: &Env) -> Vec<serde_json::Value> {
    let sales = env.path().join("sales.csv");
    let settle = env.path().join("settle.csv");
    std::fs::write(&sales, SALES).unwrap();
    std::fs::write(&settle, SETTLEMENT).unwrap();
    let (sales, settle) = ("sales.csv", "settle.csv");
    let mut docs = vec![
        run(env, &["txn", "import", sales]),
        // Again: nothing added.
        run(env, &["txn", "import", sales]),
        run(env, &["txn", "import", "--format", "settlement", settle]),
    ];
    for rrn in [
        "000000000001",
        "000000000003",
        "000000000005",
        "000000000009",
    ] {
        docs.push(run(
            env,
            &["txn", "status", "--source", "journal", "--rrn", rrn],
        ));
    }
    docs.push(run(
        env,
        &[
            "txn",
            "status",
            "--source",
            "journal",
            "--terminal",
            "10000001",
            "--trace",
            "000003",
        ],
    ));
    for (at, category, cause, terminal, outcome) in [
        (
            "2026-11-16 09:00",
            "no-response",
            "network",
            "10000001",
            "resolved",
        ),
        (
            "2026-11-23 10:00",
            "no-response",
            "network",
            "10000001",
            "open",
        ),
        (
            "2026-11-23 11:00",
            "declined",
            "funds",
            "10000002",
            "escalated",
        ),
        (
            "2026-11-20 08:00",
            "not-credited",
            "settlement",
            "10000003",
            "open",
        ),
    ] {
        docs.push(run(
            env,
            &[
                "incident",
                "add",
                category,
                "--cause",
                cause,
                "--terminal",
                terminal,
                "--outcome",
                outcome,
                "--at",
                at,
                "--card",
                "6222021234567890123",
                "--note",
                "卡号 6222 0212 3456 7890 123",
                "--caller",
                "13800138000",
            ],
        ));
    }
    docs.push(run(
        env,
        &[
            "incident",
            "add",
            "declined",
            "--training",
            "--at",
            "2026-11-23 12:00",
        ],
    ));
    docs.push(run(
        env,
        &[
            "incident",
            "update",
            "2",
            "--status",
            "escalated",
            "--note",
            "called back",
        ],
    ));
    docs.push(run(env, &["incident", "close", "3", "--note", "settled"]));
    docs.push(run(env, &["incident", "list"]));
    docs.push(run(env, &["incident", "list", "--training"]));
    docs.push(run(
        env,
        &[
            "incident",
            "list",
            "--terminal",
            "10000001",
            "--since",
            "2026-11-20",
        ],
    ));
    docs.push(run(env, &["incident", "stats"]));
    docs.push(run(
        env,
        &["incident", "stats", "--training", "--by", "week"],
    ));
    docs.push(run(env, &["incident", "show", "2"]));
    docs.push(run(env, &["incident", "show", "3", "--ticket"]));
    docs.push(run(env, &["incident", "export", "--format", "json"]));
    let out = cmd(env)
        .args(["incident", "export", "--format", "csv", "--training"])
        .output()
        .unwrap();
    docs.push(serde_json::Value::String(stdout(&out)));
    docs
}

#[test]
fn the_journal_and_incident_log_give_the_same_answers_on_both_backends() {
    let Some(backend) = Backend::postgres() else {
        return;
    };
    let lite = Env::new();
    let pg = Env::on(&backend);
    let a = script(&lite);
    let b = script(&pg);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "SQLite and PostgreSQL differ");
    }
    // What the script shows, on both.
    assert_eq!(a[0]["findings"][0]["metrics"]["added"], 5);
    assert_eq!(a[1]["findings"][0]["metrics"]["added"], 0);
    assert_eq!(a.len(), 24);
    let list = &a[15];
    assert_eq!(
        list["total"], 4,
        "the training record is left out: {list:#}"
    );
    let ids: Vec<i64> = list["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [3, 2, 4, 1], "newest first");
    assert_eq!(a[16]["total"], 5, "--training includes it");
    assert_eq!(a[14]["incident"]["outcome"], "resolved", "closed");
    assert_eq!(
        a[13]["incident"]["note"],
        "卡号 622202*********0123\ncalled back"
    );
    assert_eq!(a[13]["incident"]["caller"], "13800138000");
    assert_eq!(a[21]["ticket"]["card"], "622202*********0123");
    let text = serde_json::to_string(&a).unwrap();
    assert!(!text.contains("6222021234567890123"));
    assert!(!text.contains("6222 0212 3456 7890 123"));
    // Nothing was created in the data directory of the PostgreSQL run.
    assert!(!pg.path().join("data/posdoctor/posdoctor.db").exists());
}

#[test]
fn incidents_sort_by_the_instant_across_time_zones() {
    let Some(pg) = Backend::postgres() else {
        return;
    };
    for b in [Backend::sqlite(), pg] {
        let env = Env::on(&b);
        // 19:13 at UTC+8 is 11:13 UTC; 11:17 UTC is later.
        let add = |tz: &str, at: &str| {
            let out = cmd(&env)
                .env("TZ", tz)
                .args(["incident", "add", "declined", "--at", at])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        };
        add("Asia/Shanghai", "2026-11-23 19:13");
        add("UTC", "2026-11-23 11:17");
        let doc = run(&env, &["incident", "list"]);
        let ids: Vec<i64> = doc["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [2, 1]);
    }
}

fn rows_csv(from: usize, to: usize) -> String {
    let mut s = String::from("rrn,terminal_id,trace,date,time,amount\n");
    for i in from..to {
        s.push_str(&format!(
            "{:012},{:08},{:06},2026-11-20,{:02}:{:02}:{:02},{}.{:02}\n",
            i,
            10_000_000 + i % 50,
            i % 1_000_000,
            i / 3600 % 24,
            i / 60 % 60,
            i % 60,
            i % 1000 + 1,
            i % 100
        ));
    }
    s
}

/// `files` imports started at once, file `i` holding rows `[step i, step i + len)`.
fn overlapping_imports(
    env: &Env,
    files: usize,
    step: usize,
    len: usize,
) -> Vec<std::process::Child> {
    (0..files)
        .map(|i| {
            let p = env.path().join(format!("part{i}.csv"));
            std::fs::write(&p, rows_csv(step * i, step * i + len)).unwrap();
            env.std_cmd()
                .args(["--json", "txn", "import"])
                .arg(&p)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect()
}

/// The rows the imports added, all of them having succeeded.
fn added_by(imports: Vec<std::process::Child>) -> i64 {
    imports
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            json(&out)["findings"][0]["metrics"]["added"]
                .as_i64()
                .unwrap()
        })
        .sum()
}

#[test]
fn agents_at_once_on_postgresql_lose_and_duplicate_nothing() {
    let Some(b) = Backend::postgres() else {
        return;
    };
    let env = Env::on(&b);
    // The schema exists before the crowd arrives (its creation is tested on its own below).
    env.cmd().args(["incident", "list"]).assert().success();
    // 4 overlapping files: rows [1000 i, 1000 i + 2000): 5000 distinct rows in all.
    let imports = overlapping_imports(&env, 4, 1000, 2000);
    // 8 agents recording 25 incidents each, and one running stats all along.
    let agents: Vec<std::thread::JoinHandle<()>> = (0..8)
        .map(|a| {
            let mut cmds: Vec<std::process::Command> = (0..25)
                .map(|n| {
                    let mut c = env.std_cmd();
                    c.args([
                        "incident",
                        "add",
                        "no-response",
                        "--cause",
                        "network",
                        "--terminal",
                        &format!("{:08}", 20_000_000 + a),
                        "--note",
                        &format!("agent {a} call {n}"),
                    ]);
                    c
                })
                .collect();
            std::thread::spawn(move || {
                for c in &mut cmds {
                    let out = c.output().unwrap();
                    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
                }
            })
        })
        .collect();
    let mut stats_runs = 0;
    while !agents.iter().all(|a| a.is_finished()) && stats_runs < 50 {
        let out = env
            .cmd()
            .args(["--json", "incident", "stats"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stats_runs += 1;
    }
    for a in agents {
        a.join().unwrap();
    }
    let added = added_by(imports);
    assert_eq!(added, 5000, "each distinct row added exactly once");
    // All 5000 are there: importing their union adds nothing.
    let all = env.path().join("all.csv");
    std::fs::write(&all, rows_csv(0, 5000)).unwrap();
    let doc = json(
        &env.cmd()
            .args(["--json", "txn", "import"])
            .arg(&all)
            .output()
            .unwrap(),
    );
    assert_eq!(doc["findings"][0]["metrics"]["added"], 0);
    let doc = json(
        &env.cmd()
            .args(["--json", "incident", "stats", "--by", "terminal"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["total"], 200);
    let per_agent: Vec<u64> = doc["by"]["terminal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .collect();
    assert_eq!(per_agent, [25; 8]);
}

/// First loads at once: each import is larger than the journal, so each may take the bulk
/// path (the table locked, its look-up indexes built after the rows). They queue instead of
/// deadlocking, every distinct row is added once, agents' look-ups wait and then answer,
/// and the journal ends with the indexes the schema made.
#[test]
fn first_loads_at_once_on_postgresql_take_the_bulk_path_one_at_a_time() {
    let Some(b) = Backend::postgres() else {
        return;
    };
    let env = Env::on(&b);
    env.cmd().args(["incident", "list"]).assert().success();
    let look_up_index = "SELECT 'txns_trace'::regclass::oid::bigint";
    let made_by_the_schema = b.count(&env, look_up_index);
    // 3 files of 20,000 rows overlapping by 10,000: 40,000 distinct rows.
    let imports = overlapping_imports(&env, 3, 10_000, 20_000);
    // A look-up while they run: it waits for the lock (within its deadline), never fails.
    let out = env
        .cmd()
        .args([
            "--json",
            "--timeout",
            "60",
            "txn",
            "status",
            "--source",
            "journal",
        ])
        .args(["--rrn", "000000015000"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let added = added_by(imports);
    assert_eq!(added, 40_000, "each distinct row added exactly once");
    assert_eq!(b.rows(&env, "txns"), 40_000);
    assert_eq!(
        b.count(
            &env,
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'txns' AND indexname IN \
             ('txns_pkey', 'txns_rrn_fp', 'txns_fp', 'txns_trace', 'txns_order', 'txns_settled')"
        ),
        6,
        "the schema's indexes are all there"
    );
    assert_ne!(
        b.count(&env, look_up_index),
        made_by_the_schema,
        "the bulk path built the index again"
    );
    let doc = json(
        &env.cmd()
            .args(["--json", "txn", "status", "--source", "journal"])
            .args(["--rrn", "000000015000"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["transactions"].as_array().unwrap().len(), 1, "{doc:#}");
}

/// Ten rows imported into the journal of `env`; their file.
fn ten_rows(env: &Env) -> std::path::PathBuf {
    let small = env.path().join("small.csv");
    std::fs::write(&small, rows_csv(900_000, 900_010)).unwrap();
    env.cmd()
        .args(["txn", "import"])
        .arg(&small)
        .assert()
        .success();
    small
}

/// A first load killed (SIGKILL) while the server inserts its rows or builds the indexes
/// it dropped: the transaction rolls back whole, indexes included.
#[test]
fn a_first_load_killed_in_its_bulk_phase_leaves_the_journal_and_its_indexes() {
    let Some(b) = Backend::postgres() else {
        return;
    };
    let Backend::Postgres { server, database } = &b else {
        unreachable!()
    };
    let env = Env::on(&b);
    ten_rows(&env);
    let indexes = "SELECT count(*) FROM pg_indexes WHERE tablename = 'txns'";
    let before = b.count(&env, indexes);
    let big = env.path().join("big.csv");
    std::fs::write(&big, rows_csv(0, 200_000)).unwrap();
    let mut child = env
        .std_cmd()
        .args(["txn", "import"])
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let bulk_phase = format!(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND state = \
         'active' AND (query LIKE 'INSERT INTO txns%' OR query LIKE 'CREATE INDEX%')"
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut killed = false;
    while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
        if server.sql("postgres", &bulk_phase).trim() != "0" {
            child.kill().unwrap();
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(killed, "the import ended before its bulk phase was seen");
    // The server notices the closed connection and rolls back (bounded wait).
    let quiet = Instant::now() + Duration::from_secs(30);
    while server.sql("postgres", &bulk_phase).trim() != "0" && Instant::now() < quiet {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(b.rows(&env, "txns"), 10, "a killed import left rows behind");
    assert_eq!(b.count(&env, indexes), before, "the indexes are all there");
    let doc = json(
        &env.cmd()
            .args(["--json", "txn", "import"])
            .arg(&big)
            .output()
            .unwrap(),
    );
    assert_eq!(doc["findings"][0]["metrics"]["added"], 200_000);
}

#[test]
fn agents_creating_the_schema_at_once_on_postgresql() {
    let Some(b) = Backend::postgres() else {
        return;
    };
    let env = Env::on(&b);
    let children: Vec<std::process::Child> = (0..6)
        .map(|i| {
            env.std_cmd()
                .args([
                    "incident",
                    "add",
                    "declined",
                    "--note",
                    &format!("first {i}"),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let doc = json(
        &env.cmd()
            .args(["--json", "incident", "list"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["total"], 6);
}

#[test]
fn an_import_killed_midway_on_postgresql_leaves_nothing() {
    let Some(b) = Backend::postgres() else {
        return;
    };
    let env = Env::on(&b);
    let small = ten_rows(&env);
    // The import reads standard input: half the file is written (so the import is inside
    // its transaction, copying rows), then the process is killed with SIGKILL.
    let big = rows_csv(0, 60_000);
    let half = big.len() / 2;
    let mut child = env
        .std_cmd()
        .args(["txn", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    {
        let stdin = child.stdin.as_mut().unwrap();
        stdin.write_all(&big.as_bytes()[..half]).unwrap();
        stdin.flush().unwrap();
    }
    // Everything but what the pipe holds has been read: the import is under way.
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import ended early"
    );
    child.kill().unwrap();
    let _ = child.wait();
    // The whole file imports afterwards with every row added: none was left behind.
    let whole = env.path().join("whole.csv");
    std::fs::write(&whole, &big).unwrap();
    let doc = json(
        &env.cmd()
            .args(["--json", "txn", "import"])
            .arg(&whole)
            .output()
            .unwrap(),
    );
    assert_eq!(doc["findings"][0]["metrics"]["added"], 60_000, "{doc:#}");
    let doc = json(
        &env.cmd()
            .args(["--json", "txn", "import"])
            .arg(&small)
            .output()
            .unwrap(),
    );
    assert_eq!(doc["findings"][0]["metrics"]["added"], 0);
}

/// Runs `posdoctor incident list` against `url`; the exit code, stderr, and how long it took.
fn connect(env: &Env, url: &str, password: Option<&str>) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let mut c = env.cmd();
    c.env("POSDOCTOR_DB", url).env_remove("PGPASSWORD");
    if let Some(p) = password {
        c.env("PGPASSWORD", p);
    }
    let out = c
        .args(["--timeout", "3", "-v", "incident", "list"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!err.contains(PASSWORD) && !stdout(&out).contains(PASSWORD));
    (
        out.status.code(),
        common::unwrapped(&err),
        started.elapsed(),
    )
}

#[test]
fn connection_failures_are_named_with_a_fix_and_exit_3() {
    let Some(server) = Server::shared() else {
        return;
    };
    let env = Env::new();
    let port = server.port;
    // Refused: nothing listens on a port just freed.
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (code, err, _) = connect(
        &env,
        &format!("postgres://postgres@127.0.0.1:{free}/postgres"),
        Some(PASSWORD),
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("refused the connection") && err.contains("Fix:"),
        "{err}"
    );
    // Authentication: a wrong password (shown nowhere), and none at all.
    let (code, err, _) = connect(
        &env,
        &format!("postgres://postgres:wrong-Pa55@127.0.0.1:{port}/postgres"),
        None,
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("did not accept the login"), "{err}");
    assert!(!err.contains("wrong-Pa55"), "{err}");
    let (code, err, _) = connect(&env, &server.url("postgres"), None);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("did not accept the login"), "{err}");
    // TLS required by the client, not offered by the server.
    let (code, err, _) = connect(
        &env,
        &format!("{}?sslmode=require", server.url("postgres")),
        Some(PASSWORD),
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("TLS connection"), "{err}");
    // The database does not exist.
    let (code, err, _) = connect(&env, &server.url("nosuchdb"), Some(PASSWORD));
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("has no such database"), "{err}");
    // A server that accepts and then says nothing: the deadline, not a hang.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let (code, err, took) = connect(
        &env,
        &format!("postgres://postgres@127.0.0.1:{silent_port}/postgres"),
        Some(PASSWORD),
    );
    drop(silent);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("did not answer in time"), "{err}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    // A URL that does not parse is bad input, shown without its password.
    let (code, err, _) = connect(
        &env,
        "postgres://postgres:Hidden-9@127.0.0.1:notaport/x",
        None,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(!err.contains("Hidden-9"), "{err}");
}

#[test]
fn the_password_comes_from_the_environment_pgpass_or_a_named_variable() {
    let Some(server) = Server::shared() else {
        return;
    };
    // The database is named in each place below; the environment names none.
    let env = Env::new();
    let desk = server.database();
    let url = server.url(&desk);
    let bare = || {
        let mut c = env.cmd();
        c.env_remove("PGPASSWORD").env_remove("PGPASSFILE");
        c
    };
    let list = |c: &mut assert_cmd::Command| {
        let out = c
            .args(["--json", "-v", "incident", "add", "declined"])
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!all.contains(PASSWORD), "{all}");
        out.status.code()
    };
    // PGPASSWORD.
    assert_eq!(
        list(bare().env("POSDOCTOR_DB", &url).env("PGPASSWORD", PASSWORD)),
        Some(0)
    );
    // A variable named in the config, with the database there too.
    env.write_config(&format!(
        "database = \"{url}\"\ndatabase_password_env = \"DESK_DB_PASSWORD\"\n"
    ));
    assert_eq!(list(bare().env("DESK_DB_PASSWORD", PASSWORD)), Some(0));
    // ~/.pgpass (HOME is the test's directory), ignored while others may read it.
    let pgpass = env.path().join(".pgpass");
    std::fs::write(
        &pgpass,
        format!("127.0.0.1:{}:{desk}:postgres:{PASSWORD}\n", server.port),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(list(&mut bare()), Some(3));
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(list(&mut bare()), Some(0));
    // --db wins over the config; the report names the database without a password.
    let out = env
        .cmd()
        .env("PGPASSWORD", PASSWORD)
        .args(["--db"])
        .arg(format!(
            "postgres://postgres:{PASSWORD}@127.0.0.1:{}/{desk}",
            server.port
        ))
        .args(["--json", "incident", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains(PASSWORD));
    assert_eq!(json(&out)["total"], 3);
}
