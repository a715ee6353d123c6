//! Ctrl-C (SIGINT) and SIGTERM sent to the real binary at a known point of its work: while a
//! probe waits on a silent loopback server, during a journal import, during a scripted `fix`
//! walk whose automatic check is waiting. Every command exits 130, `--json` still prints one
//! document saying it was interrupted, nothing is half-written, and the walk is recorded as
//! abandoned.

use crate::common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::db::Backend;
use common::{Env, assert_schema};

crate::on_both_backends!(
    an_import_from_a_pipe_interrupted_by_sigterm_rolls_back,
    a_large_import_interrupted_midway_leaves_the_journal_as_before,
);

fn send(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits (bounded) until the child's signal thread runs (Linux names threads in /proc):
/// from then on a signal is its to handle. Elsewhere, a moment's wait.
fn handlers_installed(child: &Child) {
    let tasks = format!("/proc/{}/task", child.id());
    if !std::path::Path::new(&tasks).exists() {
        std::thread::sleep(Duration::from_millis(500));
        return;
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        let running = std::fs::read_dir(&tasks).into_iter().flatten().any(|t| {
            t.ok()
                .and_then(|t| std::fs::read_to_string(t.path().join("comm")).ok())
                .is_some_and(|c| c.starts_with("posdoctor-sig"))
        });
        if running {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no signal thread in {tasks}");
}

/// Accepts connections (bounded) until one sends bytes: the probe that is now waiting for an
/// answer. The connection is returned so that it stays open and silent.
fn wait_for_request(listener: &TcpListener) -> std::net::TcpStream {
    listener.set_nonblocking(true).unwrap();
    let start = Instant::now();
    let mut open = Vec::new();
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok((s, _)) = listener.accept() {
            s.set_nonblocking(true).unwrap();
            open.push(s);
        }
        for s in &mut open {
            let mut b = [0u8; 1];
            if matches!(s.peek(&mut b), Ok(n) if n > 0) {
                return s.try_clone().unwrap();
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no request arrived");
}

fn interrupted_document(out: &str, command: &str, signal: &str) -> serde_json::Value {
    let doc: serde_json::Value =
        serde_json::from_str(out).unwrap_or_else(|e| panic!("not one JSON document ({e}): {out}"));
    assert_schema(&doc);
    assert_eq!(doc["command"], command, "{doc:#}");
    assert_eq!(doc["status"], "skip", "{doc:#}");
    assert_eq!(doc["interrupted"], signal, "{doc:#}");
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "interrupted" && f["status"] == "skip"),
        "{doc:#}"
    );
    doc
}

#[test]
fn a_probe_waiting_on_a_silent_server_stops_on_sigint_with_its_report() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let env = Env::new();
    let child = env
        .std_cmd()
        .args([
            "--json",
            "--timeout",
            "30",
            "net",
            &format!("http://{addr}/"),
        ])
        .args(["--count", "1"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // The HTTP request has been sent; the server never answers.
    let _held = wait_for_request(&listener);
    let sent = Instant::now();
    send(&child, "INT");
    let (code, out) = common::finish(child);
    assert_eq!(code, Some(130), "{out}");
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    let doc = interrupted_document(&out, "net", "SIGINT");
    // What was done by then is kept: the connection was made.
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "net.tcp.connect" && f["status"] == "ok"),
        "{doc:#}"
    );
    // The probe cut short is named, and not as a failure.
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["status"] != "fail"),
        "{doc:#}"
    );
}

#[test]
fn text_output_says_interrupted_and_exits_130_on_sigterm() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let env = Env::new();
    let child = env
        .std_cmd()
        .args([
            "--timeout",
            "30",
            "net",
            &format!("http://{addr}/"),
            "--count",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _held = wait_for_request(&listener);
    send(&child, "TERM");
    let (code, out) = common::finish(child);
    assert_eq!(code, Some(130), "{out}");
    assert!(out.contains("interrupted (SIGTERM)"), "{out}");
}

fn rows(n: usize, offset: usize) -> String {
    let mut s = String::with_capacity(n * 48);
    for i in offset..offset + n {
        s.push_str(&format!(
            "{i:012},{:08},{:06},2026-11-20,10:{:02}:{:02},{}.{:02}\n",
            i % 50,
            i % 1_000_000,
            i / 60 % 60,
            i % 60,
            i % 1000 + 1,
            i % 100
        ));
    }
    s
}

const HEADER: &str = "rrn,terminal_id,trace,date,time,amount\n";

fn an_import_from_a_pipe_interrupted_by_sigterm_rolls_back(b: &Backend) {
    let env = Env::on(b);
    let mut child = env
        .std_cmd()
        .args(["--json", "txn", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(HEADER.as_bytes()).unwrap();
    stdin.write_all(rows(2000, 0).as_bytes()).unwrap();
    stdin.flush().unwrap();
    // The journal is open and the import waits for more input (the SQLite file exists; the
    // server runs the import's COPY).
    let start = Instant::now();
    let open = || match b {
        Backend::Sqlite => Backend::sqlite_file(&env).exists(),
        Backend::Postgres { .. } => b.import_under_way(&env),
    };
    while !open() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(300));
    send(&child, "TERM");
    // More rows arrive after the signal, then the end of the input.
    let _ = stdin.write_all(rows(2000, 2000).as_bytes());
    drop(stdin);
    let (code, out) = common::finish(child);
    assert_eq!(code, Some(130), "{out}");
    interrupted_document(&out, "txn import", "SIGTERM");
    assert_eq!(b.rows(&env, "txns"), 0, "an interrupted import left rows");
    assert_eq!(
        b.rows(&env, "imports"),
        0,
        "an interrupted import was recorded"
    );
}

fn a_large_import_interrupted_midway_leaves_the_journal_as_before(b: &Backend) {
    let env = Env::on(b);
    let small = env.path().join("small.csv");
    std::fs::write(&small, format!("{HEADER}{}", rows(10, 900_000))).unwrap();
    env.cmd()
        .args(["txn", "import"])
        .arg(&small)
        .assert()
        .success();
    let big = env.path().join("big.csv");
    std::fs::write(&big, format!("{HEADER}{}", rows(150_000, 0))).unwrap();
    let child = env
        .std_cmd()
        .args(["--json", "txn", "import"])
        .arg(&big)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait (bounded) until the import is writing, then press Ctrl-C.
    let start = Instant::now();
    while !b.import_under_way(&env) && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(2));
    }
    send(&child, "INT");
    let (code, out) = common::finish(child);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    // All or nothing: interrupted, nothing of it stays; finished before the signal came
    // (a fast machine), all of it.
    match b.rows(&env, "txns") {
        10 => {
            assert_eq!(code, Some(130), "{out}");
            interrupted_document(&out, "txn import", "SIGINT");
        }
        150_010 => {
            assert!(matches!(code, Some(0 | 130)), "{code:?} {out}");
            assert_eq!(doc["findings"][0]["metrics"]["added"], 150_000)
        }
        n => panic!("{n} rows: a half-written import"),
    }
}

#[test]
fn a_scripted_fix_walk_interrupted_during_its_check_is_recorded_as_abandoned() {
    // The acquirer host accepts the sign-in and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let env = Env::new();
    env.write_config(&format!(
        r#"
[profiles.shop]
host = "{}"
merchant_id = "898310054111234"
terminal_id = "10000001"
"#,
        listener.local_addr().unwrap()
    ));
    let child = env
        .std_cmd()
        .args([
            "--json",
            "--timeout",
            "30",
            "fix",
            "no-response",
            "--cause",
            "host",
        ])
        .args(["--answer", "host.1=no", "--answer", "host.2.fix=no"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // host.2 is the sign-in check: its request is out, no answer comes.
    let _held = wait_for_request(&listener);
    send(&child, "INT");
    let (code, out) = common::finish(child);
    assert_eq!(code, Some(130), "{out}");
    let doc = interrupted_document(&out, "fix", "SIGINT");
    assert_eq!(doc["outcome"], "abandoned", "{doc:#}");
    // The steps before the signal are kept; the check cut short is not an answer.
    let steps: Vec<&str> = doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["node"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["host.1"], "{doc:#}");
    let out = env
        .cmd()
        .args(["--json", "incident", "list"])
        .output()
        .unwrap();
    let list = common::json(&out);
    let incidents = list["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1, "{list:#}");
    assert_eq!(incidents[0]["outcome"], "abandoned", "{list:#}");
    assert_eq!(incidents[0]["category"], "no-response", "{list:#}");
}

#[test]
fn ctrl_c_at_a_menu_on_a_terminal_ends_the_walk_as_abandoned() {
    use expectrl::{Expect, Session};
    let env = Env::new();
    let mut cmd = env.std_cmd();
    cmd.env("TERM", "xterm-256color")
        .args(["--lang", "en", "fix", "no-response"]);
    let mut s = Session::spawn(cmd).expect("spawn on a pty");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    // No profile: go on without one (the third choice, the menu's last line).
    s.expect("Go on without one").unwrap();
    s.send("jj\r").unwrap();
    s.expect("What happened after the card was read?").unwrap();
    // The first branch, then Ctrl-C at the step's menu.
    s.send("\r").unwrap();
    s.expect("Did that fix it?").unwrap();
    s.send("\x03").unwrap();
    s.expect("Quit before the guide ended").unwrap();
    s.expect(expectrl::Eof).ok();
    match s.get_process().wait().unwrap() {
        expectrl::process::unix::WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("not exited: {other:?}"),
    }
    let out = env
        .cmd()
        .args(["--json", "incident", "list"])
        .output()
        .unwrap();
    let list = common::json(&out);
    assert_eq!(list["incidents"][0]["outcome"], "abandoned", "{list:#}");
}

#[test]
fn a_command_blocked_on_its_input_still_ends_with_130() {
    let env = Env::new();
    for signals in [&["INT"][..], &["INT", "TERM"][..]] {
        // Reads a key from stdin, which stays open and silent.
        let mut child = env
            .std_cmd()
            .args(["check", "key"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _stdin = child.stdin.take();
        handlers_installed(&child);
        let start = Instant::now();
        for s in signals {
            send(&child, s);
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut err = String::new();
        let mut stderr = child.stderr.take().unwrap();
        let (code, _) = common::finish(child);
        stderr.read_to_string(&mut err).unwrap();
        assert_eq!(code, Some(130), "{signals:?}: {err}");
        assert!(err.contains("interrupted"), "{err}");
        // At most the grace period (3 s) after one signal; at once after a second.
        let limit = if signals.len() == 1 { 6 } else { 2 };
        assert!(
            start.elapsed() < Duration::from_secs(limit),
            "{signals:?}: {:?}",
            start.elapsed()
        );
    }
}
