//! Hostile input: devices, FIFOs, endless and oversized lines where files are expected,
//! impossible dates, overflowing amounts, oversized identifiers, formula cells. Every run
//! has a deadline: a command still running after it is killed and the test fails.

use crate::common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::Env;

/// Generous for a debug build on a loaded 2-core machine; the commands here take well
/// under a second when they behave.
const DEADLINE: Duration = Duration::from_secs(60);
/// What a test keeps of a child's stdout or stderr; the rest is read and dropped.
const KEEP: usize = 4 << 20;

type Feed = Box<dyn FnOnce(std::process::ChildStdin) + Send>;

/// Runs `cmd` to the end or kills it at the deadline (a failure); `feed` writes its stdin.
fn run(mut cmd: Command, feed: Option<Feed>) -> Output {
    cmd.stdin(if feed.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn posdoctor");
    let feeder = feed.map(|f| {
        let stdin = child.stdin.take().expect("stdin");
        std::thread::spawn(move || f(stdin))
    });
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut buf = [0u8; 65536];
            while let Ok(n) = r.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let room = KEEP.saturating_sub(kept.len()).min(n);
                kept.extend_from_slice(&buf[..room]);
            }
            kept
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {DEADLINE:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

fn cmd(env: &Env, args: &[&str]) -> Command {
    let mut c = env.std_cmd();
    c.args(args);
    c
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exit 2 (bad input), and a short message: nothing outside was echoed at length.
fn assert_refused(out: &Output, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: {}\n{}",
        stderr(out),
        stdout(out)
    );
    assert!(
        out.stderr.len() < 2048 && out.stdout.len() < 2048,
        "{what}: {} bytes of stderr, {} of stdout",
        out.stderr.len(),
        out.stdout.len()
    );
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &path,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
    )
    .expect("mkfifo");
    path
}

fn journal(env: &Env) -> PathBuf {
    env.path().join("data/posdoctor/posdoctor.db")
}

fn write(env: &Env, name: &str, text: &str) -> PathBuf {
    let p = env.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A profile whose TMK is read from `key`.
fn profile_with_key(env: &Env, key: &Path) {
    env.write_config(&format!(
        "[profiles.shop]\nmerchant_id = \"898310058121234\"\nterminal_id = \"12345678\"\n\
         [profiles.shop.keys.tmk]\nfile = \"{}\"\n",
        key.display()
    ));
}

const SALES: &str = "rrn,terminal_id,trace,date,amount\n\
                     000000000001,12345678,000001,2026-11-23,100.00\n";
const SETTLEMENT: &str = "rrn,terminal_id,trace,date,amount,fee,net\n\
                          000000000001,12345678,000001,2026-11-23,100.00,0.60,99.40\n";

#[test]
fn key_files_that_are_devices_or_fifos_are_refused_without_reading() {
    let env = Env::new();
    let pipe = fifo(env.path(), "tmk.fifo");
    for key in [Path::new("/dev/zero"), Path::new("/dev/urandom"), &pipe] {
        profile_with_key(&env, key);
        for args in [
            &["profile", "show"][..],
            &["check"],
            &["doctor", "--timeout", "2"],
        ] {
            let out = run(cmd(&env, args), None);
            assert_refused(&out, &format!("{args:?} with key {}", key.display()));
            assert!(
                stderr(&out).contains("not a regular file"),
                "{}",
                stderr(&out)
            );
        }
        let mut c = cmd(&env, &["check", "key", "--file"]);
        c.arg(key);
        assert_refused(
            &run(c, None),
            &format!("check key --file {}", key.display()),
        );
    }
}

#[test]
fn an_oversized_key_file_is_refused() {
    let env = Env::new();
    let key = write(&env, "big.key", &"0123456789ABCDEF".repeat(100_000));
    let mut c = cmd(&env, &["check", "key", "--file"]);
    c.arg(&key);
    let out = run(c, None);
    assert_refused(&out, "1.6 MB key file");
    assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));
    profile_with_key(&env, &key);
    assert_refused(&run(cmd(&env, &["profile", "show"]), None), "profile show");
}

#[test]
fn a_config_that_is_a_device_fifo_or_huge_is_refused() {
    let env = Env::new();
    let pipe = fifo(env.path(), "config.fifo");
    let huge = write(&env, "huge.toml", &"# padding\n".repeat(200_000));
    for config in [
        Path::new("/dev/zero"),
        Path::new("/dev/urandom"),
        &pipe,
        &huge,
    ] {
        for args in [
            &["profile", "show"][..],
            &["check"],
            &["doctor", "--timeout", "2"],
        ] {
            let mut c = env.std_cmd();
            c.arg("--config").arg(config).args(args);
            assert_refused(
                &run(c, None),
                &format!("--config {} {args:?}", config.display()),
            );
        }
    }
}

#[test]
fn a_ca_file_that_is_a_device_or_fifo_is_refused() {
    let env = Env::new();
    let pipe = fifo(env.path(), "ca.fifo");
    for ca in [Path::new("/dev/zero"), Path::new("/dev/urandom"), &pipe] {
        let mut c = cmd(
            &env,
            &["net", "--timeout", "2", "https://127.0.0.1:9/", "--ca-file"],
        );
        c.arg(ca);
        assert_refused(&run(c, None), &format!("--ca-file {}", ca.display()));
    }
}

#[test]
fn a_key_file_with_a_byte_order_mark_is_read() {
    let env = Env::new();
    let key = env.path().join("bom.key");
    std::fs::write(&key, b"\xef\xbb\xbf0123456789ABCDEFFEDCBA9876543210\r\n").unwrap();
    let mut c = cmd(&env, &["check", "key", "--kcv", "--file"]);
    c.arg(&key);
    let out = run(c, None);
    assert_eq!(stdout(&out).trim(), "08D7B4", "{}", stderr(&out));
    profile_with_key(&env, &key);
    let out = run(cmd(&env, &["--json", "profile", "show"]), None);
    assert!(stdout(&out).contains("08D7B4"), "{}", stdout(&out));
}

#[test]
fn csv_inputs_that_are_devices_or_directories_are_refused_and_create_nothing() {
    let env = Env::new();
    let dir = env.path().join("a-directory");
    std::fs::create_dir(&dir).unwrap();
    let settlement = write(&env, "settlement.csv", SETTLEMENT);
    for bad in [Path::new("/dev/zero"), Path::new("/dev/urandom"), &dir] {
        let mut c = cmd(&env, &["txn", "import"]);
        c.arg(bad);
        assert_refused(&run(c, None), &format!("txn import {}", bad.display()));
        let mut c = cmd(&env, &["check", "--batch"]);
        c.arg(bad);
        assert_refused(&run(c, None), &format!("check --batch {}", bad.display()));
        let mut c = cmd(&env, &["txn", "reconcile", "--sales"]);
        c.arg(bad).arg("--settlement").arg(&settlement);
        assert_refused(
            &run(c, None),
            &format!("reconcile --sales {}", bad.display()),
        );
    }
    assert!(
        !journal(&env).exists(),
        "a refused import created the journal"
    );
}

#[test]
fn a_wrong_map_creates_no_journal() {
    let env = Env::new();
    let sales = write(&env, "sales.csv", SALES);
    let mut c = cmd(&env, &["txn", "import", "--map", "rrn=NoSuchColumn"]);
    c.arg(&sales);
    let out = run(c, None);
    assert_refused(&out, "--map rrn=NoSuchColumn");
    assert!(stderr(&out).contains("NoSuchColumn"), "{}", stderr(&out));
    let bad_row = write(
        &env,
        "bad.csv",
        "rrn,terminal_id,trace,date,amount\n000000000001,12345678,000001,2026-02-30,1.00\n",
    );
    let mut c = cmd(&env, &["txn", "import"]);
    c.arg(&bad_row);
    assert_refused(&run(c, None), "a first row with an impossible date");
    assert!(
        !journal(&env).exists(),
        "a refused import created the journal"
    );
}

/// Endless input on stdin: never a line end, or one 200 MB line after the header.
fn endless(header: &'static str, byte: u8, total: usize) -> Feed {
    Box::new(move |mut stdin| {
        let _ = stdin.write_all(header.as_bytes());
        let chunk = vec![byte; 1 << 16];
        let mut sent = 0;
        while sent < total {
            if stdin.write_all(&chunk).is_err() {
                return;
            }
            sent += chunk.len();
        }
        let _ = stdin.write_all(b"\n");
    })
}

#[test]
fn endless_and_200_mb_lines_are_refused_naming_the_line() {
    let env = Env::new();
    let settlement = write(&env, "settlement.csv", SETTLEMENT);
    // /dev/zero as standard input: one endless line of NUL bytes.
    for args in [&["txn", "import", "-"][..], &["check", "--batch", "-"]] {
        let mut c = cmd(&env, args);
        c.stdin(std::fs::File::open("/dev/zero").unwrap());
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        let out = run_with_stdin_file(c);
        assert_refused(&out, &format!("{args:?} < /dev/zero"));
        assert!(stderr(&out).contains("line 1"), "{}", stderr(&out));
    }
    // A header, then a single 200 MB line.
    let header = "rrn,terminal_id,trace,date,amount\n";
    let out = run(
        cmd(&env, &["txn", "import", "-"]),
        Some(endless(header, b'7', 200 << 20)),
    );
    assert_refused(&out, "txn import of a 200 MB line");
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    let mut c = cmd(&env, &["txn", "reconcile", "--sales", "-", "--settlement"]);
    c.arg(&settlement);
    let out = run(c, Some(endless(header, b'7', 200 << 20)));
    assert_refused(&out, "reconcile of a 200 MB line");
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    let out = run(
        cmd(&env, &["check", "--batch", "-"]),
        Some(endless("merchant_id,terminal_id\n", b'7', 200 << 20)),
    );
    assert_refused(&out, "check --batch of a 200 MB line");
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    // A quoted field that never closes, over short lines.
    let out = run(
        cmd(&env, &["txn", "import", "-"]),
        Some(Box::new(|mut stdin| {
            let _ = stdin.write_all(b"rrn,terminal_id,trace,date,amount\n\"");
            let lines = b"x\n".repeat(1 << 15);
            for _ in 0..4096 {
                if stdin.write_all(&lines).is_err() {
                    return;
                }
            }
        })),
    );
    assert_refused(&out, "an unclosed quote");
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    // A long line in a file is named too.
    let long = write(
        &env,
        "long.csv",
        &format!(
            "{header}000000000001,12345678,000001,2026-11-23,1.00\n{}\n",
            "9".repeat(1 << 20)
        ),
    );
    let mut c = cmd(&env, &["txn", "import"]);
    c.arg(&long);
    let out = run(c, None);
    assert_refused(&out, "a 1 MB line in a file");
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
}

/// `run` for a command whose stdin is already set (a file).
fn run_with_stdin_file(mut c: Command) -> Output {
    let mut child = c.spawn().expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{c:?} still running after {DEADLINE:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn pipes_and_fifos_still_work_for_csv_input() {
    let env = Env::new();
    let settlement = write(&env, "settlement.csv", SETTLEMENT);
    // Process substitution: the header is read once, so the kind is guessed from a pipe.
    if Path::new("/bin/bash").exists() {
        let mut c = Command::new("/bin/bash");
        c.arg("-c")
            .arg("\"$0\" --json txn import <(cat \"$1\")")
            .arg(env.std_cmd().get_program())
            .arg(&settlement);
        for (k, v) in env.std_cmd().get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        let out = run(c, None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["kind"], "settlement", "{doc}");
    }
    // A FIFO with a writer.
    let pipe = fifo(env.path(), "sales.fifo");
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(&pipe).unwrap();
            f.write_all(SALES.as_bytes()).unwrap();
        })
    };
    let mut c = cmd(&env, &["--json", "txn", "import"]);
    c.arg(&pipe);
    let out = run(c, None);
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"sales\""), "{}", stdout(&out));
    // A FIFO nobody writes to ends at once: an empty file, not a hang.
    let idle = fifo(env.path(), "idle.fifo");
    let mut c = cmd(&env, &["txn", "import"]);
    c.arg(&idle);
    assert_refused(&run(c, None), "a FIFO without a writer");
    // Standard input.
    let out = run(
        cmd(&env, &["txn", "import", "-"]),
        Some(Box::new(|mut s| {
            let _ = s.write_all(SALES.as_bytes());
        })),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn impossible_dates_and_times_are_refused() {
    let env = Env::new();
    for at in [
        "2026-02-30 10:00",
        "2026-11-23 25:00",
        "2026-04-31",
        "2026-11-23 14:60",
    ] {
        let out = run(
            cmd(&env, &["incident", "add", "declined", "--at", at]),
            None,
        );
        assert_refused(&out, at);
        assert!(stderr(&out).contains("--at"), "{}", stderr(&out));
    }
    for (flag, v) in [("--date", "2026-02-30"), ("--from", "2026-11-23 25:00")] {
        let out = run(
            cmd(
                &env,
                &[
                    "txn", "status", "--source", "journal", "--amount", "1", flag, v,
                ],
            ),
            None,
        );
        assert_refused(&out, v);
    }
    for (date, time) in [("2026-02-30", "10:00"), ("2026-11-23", "25:00")] {
        let f = write(
            &env,
            "dates.csv",
            &format!(
                "rrn,terminal_id,trace,date,time,amount\n\
                 000000000001,12345678,000001,2026-11-23,10:00,1.00\n\
                 000000000002,12345678,000002,{date},{time},1.00\n"
            ),
        );
        let mut c = cmd(&env, &["txn", "import"]);
        c.arg(&f);
        let out = run(c, None);
        assert_refused(&out, &format!("{date} {time}"));
        assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
    }
}

#[test]
fn amounts_that_would_overflow_are_refused_not_wrapped() {
    let env = Env::new();
    let mut sales = String::from("rrn,terminal_id,trace,date,amount\n");
    for i in 0..200 {
        sales.push_str(&format!(
            "{i:012},12345678,{i:06},2026-11-23,999999999999999.99\n"
        ));
    }
    let sales = write(&env, "sales.csv", &sales);
    let settlement = write(&env, "settlement.csv", SETTLEMENT);
    let mut c = cmd(&env, &["txn", "reconcile", "--sales"]);
    c.arg(&sales).arg("--settlement").arg(&settlement);
    let out = run(c, None);
    assert_refused(&out, "overflowing totals");
    assert!(stderr(&out).contains("add up"), "{}", stderr(&out));
    assert!(!stdout(&out).contains('-'), "{}", stdout(&out));
}

#[test]
fn rrn_flags_are_checked_and_card_numbers_never_echoed() {
    let env = Env::new();
    let out = run(
        cmd(
            &env,
            &["txn", "status", "--source", "journal", "--rrn", "12345"],
        ),
        None,
    );
    assert_refused(&out, "short rrn");
    assert!(stderr(&out).contains("--rrn"), "{}", stderr(&out));
    for card in [
        "6222021234567890123",
        "6222 0212 3456 7890",
        "4111111111111111",
    ] {
        for args in [
            &["txn", "status", "--source", "journal", "--rrn", card][..],
            &["incident", "add", "declined", "--rrn", card],
        ] {
            let out = run(cmd(&env, args), None);
            assert_refused(&out, card);
            let err = stderr(&out);
            assert!(err.contains("--rrn") && !err.contains(card), "{err}");
            assert!(!err.contains(&card.replace(' ', "")), "{err}");
        }
    }
    assert!(!journal(&env).exists());
}

#[test]
fn txn_status_keys_are_bounded() {
    let env = Env::new();
    let huge = "7".repeat(130_000);
    for (flag, v) in [
        ("--trace", huge.as_str()),
        ("--trace", "12a"),
        ("--terminal", huge.as_str()),
        ("--order", huge.as_str()),
    ] {
        let out = run(
            cmd(&env, &["txn", "status", "--source", "journal", flag, v]),
            None,
        );
        assert_refused(&out, flag);
        assert!(stderr(&out).contains(flag), "{}", stderr(&out));
    }
}

#[test]
fn host_names_longer_than_dns_allows_are_input_errors() {
    let env = Env::new();
    let long = format!("{}:5000", "a".repeat(131_000));
    let label = format!("{}.example.cn:5000", "b".repeat(64));
    for target in [&long, &label] {
        // A loopback resolver that is not there: nothing may leave the machine even if the
        // name got through.
        let out = run(
            cmd(
                &env,
                &["net", "--dns", "127.0.0.1:9", "--timeout", "2", target],
            ),
            None,
        );
        assert_refused(&out, "long host name");
        assert!(stderr(&out).contains("253"), "{}", stderr(&out));
    }
}

#[test]
fn incident_fields_are_validated_and_nothing_is_recorded() {
    let env = Env::new();
    // Near the longest argument Linux passes (128 KiB).
    let huge = "x".repeat(130_000);
    let cases: [(&str, &str); 7] = [
        ("--terminal", &huge),
        ("--terminal", "1234567"),
        ("--merchant", "1234567890123456"),
        ("--merchant", &huge),
        ("--code", "ABC"),
        ("--code", &huge),
        ("--note", &huge),
    ];
    for (flag, v) in cases {
        let out = run(cmd(&env, &["incident", "add", "declined", flag, v]), None);
        assert_refused(&out, flag);
        assert!(stderr(&out).contains(flag), "{}", stderr(&out));
    }
    assert!(!journal(&env).exists());
    let out = run(
        cmd(
            &env,
            &[
                "incident",
                "add",
                "declined",
                "--terminal",
                "12345678",
                "--merchant",
                "898310058121234",
                "--code",
                "51",
                "--note",
                "fine",
            ],
        ),
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The cells of a CSV document.
fn cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn written_csv_cells_cannot_start_a_formula() {
    let env = Env::new();
    for note in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"] {
        let flag = format!("--note={note}");
        let out = run(cmd(&env, &["incident", "add", "declined", &flag]), None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = run(cmd(&env, &["incident", "export", "--format", "csv"]), None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = cells(&stdout(&out));
    let note = rows[0].iter().position(|h| h == "note").unwrap();
    for row in &rows[1..] {
        assert!(row[note].starts_with('\''), "{:?}", row[note]);
    }
    let sales = write(
        &env,
        "sales.csv",
        "rrn,terminal_id,trace,date,amount\n\
         =HYPERLINK(1),@12345678,+000001,2026-11-23,-5.00\n",
    );
    let settlement = write(&env, "settlement.csv", SETTLEMENT);
    let mut c = cmd(&env, &["txn", "reconcile", "--output", "csv", "--sales"]);
    c.arg(&sales).arg("--settlement").arg(&settlement);
    let out = run(c, None);
    let rows = cells(&stdout(&out));
    let sale = rows
        .iter()
        .find(|r| r[0] == "not-credited")
        .unwrap_or_else(|| panic!("{}", stdout(&out)));
    for cell in sale {
        assert!(
            !cell.starts_with(['=', '+', '@', '\t', '\r']),
            "{cell:?} in {sale:?}"
        );
    }
    // A plain negative amount stays a number.
    assert!(sale.contains(&"-5.00".to_string()), "{sale:?}");
    assert!(sale.contains(&"'=HYPERLINK(1)".to_string()), "{sale:?}");
}

#[test]
fn export_to_dash_is_standard_output() {
    let env = Env::new();
    let out = run(
        cmd(
            &env,
            &["incident", "add", "declined", "--terminal", "12345678"],
        ),
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut c = cmd(&env, &["incident", "export", "-o", "-"]);
    c.current_dir(env.path());
    let out = run(c, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("12345678"), "{}", stdout(&out));
    assert!(!env.path().join("-").exists(), "a file named - was written");
}
