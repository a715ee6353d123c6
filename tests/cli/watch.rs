//! `posdoctor watch` on loopback: listeners that go away and come back, a flapping one,
//! `/metrics` read by an independent parser, SIGTERM and SIGHUP.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Env;
use serde_json::Value;

/// Every wait in these tests ends: a watch that hangs fails the test instead.
const WAIT: Duration = Duration::from_secs(20);

struct Watching {
    child: Child,
    lines: mpsc::Receiver<Value>,
    stderr: mpsc::Receiver<String>,
    seen: Vec<Value>,
}

impl Watching {
    fn start(env: &Env, args: &[&str]) -> Watching {
        let mut child = env
            .std_cmd()
            .args(["--json", "-v", "watch"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("posdoctor runs");
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let v: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("not a JSON line: {line}: {e}"));
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let (etx, stderr) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = etx.send(line);
            }
        });
        Watching {
            child,
            lines,
            stderr,
            seen: Vec::new(),
        }
    }

    /// The next event, or `None` when the watch ended.
    fn next(&mut self) -> Option<Value> {
        let v = self.lines.recv_timeout(WAIT).ok()?;
        self.seen.push(v.clone());
        Some(v)
    }

    /// Reads events up to the end of cycle `n`.
    fn until_cycle(&mut self, n: u64) {
        while let Some(v) = self.next() {
            if v["event"] == "cycle" && v["cycle"].as_u64() >= Some(n) {
                return;
            }
        }
        panic!("the watch ended before cycle {n}: {:?}", self.seen);
    }

    fn until_event(&mut self, kind: &str) -> Value {
        while let Some(v) = self.next() {
            if v["event"] == kind {
                return v;
            }
        }
        panic!("no {kind} event: {:?}", self.seen);
    }

    /// Drains the events and waits for the exit code.
    fn finish(&mut self) -> i32 {
        while self.next().is_some() {}
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(start.elapsed() < WAIT, "the watch did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, name: &str) {
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name}");
    }

    fn changes(&self) -> Vec<&Value> {
        self.seen
            .iter()
            .filter(|v| v["event"] == "change")
            .collect()
    }

    fn metrics_addr(&self) -> SocketAddr {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(line) = self.stderr.recv_timeout(WAIT)
                && let Some(rest) = line.split("http://").nth(1)
            {
                return rest.trim_end_matches("/metrics").parse().unwrap();
            }
        }
        panic!("no metrics address on stderr");
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn listener() -> (TcpListener, SocketAddr) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let a = l.local_addr().unwrap();
    (l, a)
}

/// A port nothing listens on.
fn closed_port() -> SocketAddr {
    listener().1
}

fn targets_file(env: &Env, targets: &[SocketAddr]) -> String {
    let path = env.path().join("targets.txt");
    let text: String = targets.iter().map(|a| format!("{a}\n")).collect();
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_listener_that_goes_away_and_comes_back_is_one_down_and_one_up() {
    let env = Env::new();
    let (l, addr) = listener();
    let file = targets_file(&env, &[addr]);
    let mut w = Watching::start(
        &env,
        &["--targets", &file, "--every", "300ms", "--count", "8"],
    );
    w.until_cycle(2);
    drop(l);
    w.until_cycle(4);
    let back = TcpListener::bind(addr).expect("the port can be bound again");
    assert_eq!(w.finish(), 0, "{:?}", w.seen);
    drop(back);
    let changes = w.changes();
    assert_eq!(changes.len(), 2, "{changes:?}");
    let (down, up) = (changes[0], changes[1]);
    assert_eq!((&down["from"], &down["to"]), (&"ok".into(), &"fail".into()));
    assert_eq!(down["target"], addr.to_string());
    assert_eq!(down["category"], "no-response");
    assert_eq!(down["cause"], "network");
    assert_eq!(down["fix"], "posdoctor fix no-response --cause network");
    assert_eq!((&up["from"], &up["to"]), (&"fail".into(), &"ok".into()));
    // Down for two cycles of 0.3 s, give or take the offsets.
    let after = up["after_s"].as_f64().unwrap();
    assert!((0.3..=1.5).contains(&after), "{after}");
    // The cause of the outage comes with the recovery.
    assert_eq!(up["cause"], "network");
    let cycles = w.seen.iter().filter(|v| v["event"] == "cycle").count();
    assert_eq!(cycles, 8);
}

#[test]
fn a_flapping_listener_does_not_report_every_cycle() {
    let env = Env::new();
    let (l, addr) = listener();
    let file = targets_file(&env, &[addr]);
    let mut w = Watching::start(
        &env,
        &[
            "--targets",
            &file,
            "--every",
            "300ms",
            "--count",
            "8",
            "--flap",
            "3",
        ],
    );
    let mut current = Some(l);
    for n in 1..8 {
        w.until_cycle(n);
        current = match current {
            Some(l) => {
                drop(l);
                None
            }
            None => Some(TcpListener::bind(addr).unwrap()),
        };
    }
    w.finish();
    assert_eq!(w.changes(), Vec::<&Value>::new());
}

#[test]
fn the_first_cycle_reports_only_targets_that_are_not_ok() {
    let env = Env::new();
    let (_l, up) = listener();
    let down = closed_port();
    let file = targets_file(&env, &[up, down]);
    let out = env
        .cmd()
        .args([
            "watch",
            "--targets",
            &file,
            "--every",
            "100ms",
            "--count",
            "2",
        ])
        .output()
        .unwrap();
    // A target failing at the end of a counted watch makes it exit 1, as `net` would.
    assert_eq!(out.status.code(), Some(1));
    let text = common::stdout(&out);
    assert!(text.contains(&down.to_string()), "{text}");
    assert!(!text.contains(&up.to_string()), "{text}");
    assert!(text.contains("failing at start"), "{text}");
    assert!(
        text.contains("posdoctor fix no-response --cause network"),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
}

fn scrape(addr: SocketAddr) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (head.to_string(), body.to_string())
}

/// A sample: its name, labels and value.
type Sample = (String, Vec<(String, String)>, f64);

/// The Prometheus text format, checked line by line: HELP/TYPE/UNIT lines before their
/// samples, sample names that belong to a declared family, well-formed labels, numeric
/// values, and `# EOF` last.
fn check_exposition(text: &str) -> Vec<Sample> {
    let mut families: Vec<(String, String)> = Vec::new();
    let mut samples = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.last(), Some(&"# EOF"), "ends with # EOF");
    let name_ok = |n: &str| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
            && !n.starts_with(|c: char| c.is_ascii_digit())
    };
    for line in &lines[..lines.len() - 1] {
        if let Some(rest) = line.strip_prefix("# ") {
            let mut parts = rest.splitn(3, ' ');
            let (kind, name) = (parts.next().unwrap(), parts.next().unwrap());
            assert!(name_ok(name), "{line}");
            match kind {
                "TYPE" => {
                    let t = parts.next().unwrap();
                    assert!(["gauge", "counter"].contains(&t), "{line}");
                    families.push((name.to_string(), t.to_string()));
                }
                "HELP" | "UNIT" => {}
                _ => panic!("unknown comment {line}"),
            }
            continue;
        }
        let (series, value) = line.rsplit_once(' ').unwrap();
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("{line}"));
        let (name, labels) = match series.split_once('{') {
            Some((n, l)) => {
                let l = l.strip_suffix('}').unwrap_or_else(|| panic!("{line}"));
                let labels: Vec<(String, String)> = l
                    .split("\",")
                    .map(|kv| {
                        let (k, v) = kv.split_once("=\"").unwrap_or_else(|| panic!("{line}"));
                        assert!(name_ok(k), "{line}");
                        (k.to_string(), v.trim_end_matches('"').to_string())
                    })
                    .collect();
                (n, labels)
            }
            None => (series, Vec::new()),
        };
        let family = families
            .iter()
            .rev()
            .find(|(f, t)| name == f || (t == "counter" && name == format!("{f}_total")));
        assert!(family.is_some(), "sample before its TYPE line: {line}");
        samples.push((name.to_string(), labels, value));
    }
    samples
}

/// Python's `prometheus_client` parses `text` when it is installed (CI installs it); on a
/// bare machine the structural check above is the test.
fn python_parses(text: &str) -> Option<Vec<String>> {
    let script = "import sys\n\
        from prometheus_client.openmetrics.parser import text_string_to_metric_families as p\n\
        for f in p(sys.stdin.read()):\n    print(f.name, f.type, len(f.samples))\n";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named") {
        return None;
    }
    assert!(
        out.status.success(),
        "prometheus_client rejects it: {stderr}"
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn metrics_are_served_and_sigterm_stops_with_exit_0() {
    let env = Env::new();
    let (_l, up) = listener();
    let down = closed_port();
    let file = targets_file(&env, &[up, down]);
    let mut w = Watching::start(
        &env,
        &[
            "--targets",
            &file,
            "--every",
            "200ms",
            "--metrics",
            "127.0.0.1:0",
        ],
    );
    let addr = w.metrics_addr();
    w.until_cycle(2);
    let (head, body) = scrape(addr);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("application/openmetrics-text"), "{head}");
    let samples = check_exposition(&body);
    let value = |name: &str, target: &SocketAddr| {
        samples
            .iter()
            .find(|(n, l, _)| {
                n == name
                    && l.iter()
                        .any(|(k, v)| k == "target" && *v == target.to_string())
            })
            .map(|s| s.2)
    };
    assert_eq!(value("posdoctor_watch_up", &up), Some(1.0));
    assert_eq!(value("posdoctor_watch_up", &down), Some(0.0));
    assert_eq!(value("posdoctor_watch_state", &down), Some(2.0));
    assert!(value("posdoctor_watch_latency_seconds", &up).is_some_and(|v| v < 1.0));
    assert!(value("posdoctor_watch_since_change_seconds", &up).is_some());
    let cycles = samples
        .iter()
        .find(|s| s.0 == "posdoctor_watch_cycles_total")
        .unwrap();
    assert!(cycles.2 >= 2.0);
    let by_state = |s: &str| {
        samples
            .iter()
            .find(|(n, l, _)| n == "posdoctor_watch_targets" && l[0].1 == s)
            .map(|x| x.2)
    };
    assert_eq!((by_state("ok"), by_state("fail")), (Some(1.0), Some(1.0)));
    if let Some(families) = python_parses(&body) {
        assert!(
            families
                .iter()
                .any(|f| f.starts_with("posdoctor_watch_up gauge")),
            "{families:?}"
        );
    }
    w.signal("TERM");
    assert_eq!(w.finish(), 0);
}

#[test]
fn sigint_stops_with_exit_0() {
    let env = Env::new();
    let (_l, up) = listener();
    let file = targets_file(&env, &[up]);
    let mut w = Watching::start(&env, &["--targets", &file, "--every", "200ms"]);
    w.until_cycle(1);
    w.signal("INT");
    assert_eq!(w.finish(), 0);
}

#[test]
fn sighup_reloads_the_targets_and_keeps_the_state_of_those_that_remain() {
    let env = Env::new();
    let down = closed_port();
    let (_l, up) = listener();
    let file = targets_file(&env, &[down]);
    let mut w = Watching::start(&env, &["--targets", &file, "--every", "200ms"]);
    w.until_cycle(1);
    assert_eq!(w.changes().len(), 1, "the failing target at start");
    targets_file(&env, &[down, up]);
    w.signal("HUP");
    let reload = w.until_event("reload");
    assert_eq!(
        (&reload["targets"], &reload["added"], &reload["removed"]),
        (&2.into(), &1.into(), &0.into())
    );
    let after = w.until_event("cycle")["cycle"].as_u64().unwrap();
    w.until_cycle(after + 2);
    let last = w.seen.iter().rev().find(|v| v["event"] == "cycle").unwrap();
    assert_eq!(
        (&last["targets"], &last["ok"], &last["fail"]),
        (&2.into(), &1.into(), &1.into())
    );
    // The target that stayed is not reported again; the new one is ok, so not reported.
    assert_eq!(w.changes().len(), 1, "{:?}", w.seen);
    // A broken file leaves the watch as it was.
    std::fs::write(env.path().join("targets.txt"), "not a target\n").unwrap();
    w.signal("HUP");
    let failed = w.until_event("reload-failed");
    assert!(
        failed["error"].as_str().unwrap().contains("not a target"),
        "{failed}"
    );
    let c = w.until_event("cycle");
    assert_eq!(c["targets"], 2);
    w.signal("TERM");
    assert_eq!(w.finish(), 0);
}

#[test]
fn bad_input_is_a_usage_error() {
    let env = Env::new();
    let fleet = env.path().join("fleet.csv");
    std::fs::write(
        &fleet,
        "merchant_id,terminal_id\n898310054111234,10000001\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["watch", "--fleet", fleet.to_str().unwrap(), "--every", "1s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("host or endpoints"));
    let out = env
        .cmd()
        .args(["watch", "--targets", "x.txt", "--every", "fortnightly"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("fortnightly"));
    let out = env
        .cmd()
        .args(["watch", "--targets", "nowhere.txt", "--every", "1s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("nowhere.txt"));
}

#[test]
fn a_fleet_signs_in_each_terminal_to_its_host() {
    let env = Env::new();
    // The simulator answers sign-ins; one terminal's host is down.
    let mut sim = env
        .std_cmd()
        .args(["sim", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut banner = BufReader::new(sim.stdout.take().unwrap());
    let mut host = None;
    for _ in 0..10 {
        let mut line = String::new();
        banner.read_line(&mut line).unwrap();
        host = line
            .split_whitespace()
            .find_map(|w| w.parse::<SocketAddr>().ok());
        if host.is_some() {
            break;
        }
    }
    let host = host.expect("the simulator's address");
    let down = closed_port();
    let fleet = env.path().join("fleet.csv");
    std::fs::write(
        &fleet,
        format!(
            "merchant_id,terminal_id,host,tmk\n\
             898310054111234,10000001,{host},0123456789ABCDEFFEDCBA9876543210\n\
             898310054111235,10000002,{down},0123456789ABCDEFFEDCBA9876543210\n"
        ),
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["--json", "watch", "--fleet", fleet.to_str().unwrap()])
        .args(["--iso8583", "--every", "200ms", "--count", "2"])
        .output()
        .unwrap();
    let _ = sim.kill();
    let _ = sim.wait();
    assert_eq!(out.status.code(), Some(1));
    let text = common::stdout(&out);
    assert!(!text.contains("0123456789ABCDEF"), "keys never shown");
    let events: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e["terminal"], "10000002");
    assert_eq!(e["merchant"], "898310054111235");
    assert_eq!(e["finding"]["id"], "net.iso8583.signin");
    assert!(e["from"].is_null());
}

/// The exposition's shape is pinned by a committed golden file, itself checked by the
/// structural parser here and by `prometheus_client` where installed. Regenerate with
/// `UPDATE_GENERATED=1 cargo test --test cli watch`.
#[test]
fn golden_exposition() {
    use posdoctor::finding::Status;
    use posdoctor::net::Target;
    use posdoctor::watch::{Cycle, WatchTarget, metrics::Metrics};
    let m = Metrics::new();
    let now = Instant::now();
    let a = WatchTarget::new(
        Target::parse("upos.example.cn:5000").unwrap(),
        Some("10000001".into()),
        Some("898310054111234".into()),
    );
    let b = WatchTarget::new(
        Target::parse("https://gw.example.cn/health").unwrap(),
        None,
        None,
    );
    m.add(&a);
    m.add(&b);
    m.result(&a, Status::Ok, Status::Ok, Some(42.0), Some("00"), now);
    m.result(&b, Status::Fail, Status::Fail, None, None, now);
    m.cycle(&Cycle {
        cycle: 1,
        duration_s: 0.25,
        targets: 2,
        ok: 1,
        warn: 0,
        fail: 1,
        skipped: 0,
    });
    let text = m.encode_at(now);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/watch_metrics.golden");
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    // Series within a family come in no fixed order: compare the lines as sets, and the
    // family order as it is.
    let sorted = |t: &str| {
        let mut l: Vec<String> = t.lines().map(str::to_string).collect();
        l.sort();
        l
    };
    let families = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("# TYPE"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        sorted(&text),
        sorted(&golden),
        "run UPDATE_GENERATED=1 cargo test --test cli watch"
    );
    assert_eq!(families(&text), families(&golden));
    let samples = check_exposition(&golden);
    assert!(
        samples
            .iter()
            .any(|(n, l, v)| n == "posdoctor_watch_signin_code"
                && l.iter().any(|(k, v)| k == "code" && v == "00")
                && *v == 1.0)
    );
    assert!(
        samples
            .iter()
            .any(|(n, l, v)| n == "posdoctor_watch_latency_seconds"
                && l.iter().any(|(k, v)| k == "terminal" && v == "10000001")
                && *v == 0.042)
    );
    if let Some(families) = python_parses(&golden) {
        assert_eq!(families.len(), 9, "{families:?}");
    }
}

/// A targets file may carry a URL with credentials: neither the events (text and JSON) nor a
/// scrape of `/metrics` show them.
#[test]
fn credentials_in_a_target_reach_neither_events_nor_metrics() {
    let env = Env::new();
    let down = closed_port();
    let file = env.path().join("secret-targets.txt");
    std::fs::write(
        &file,
        format!("http://agent:S3cretPassw0rd@{down}/health?token=abcdef0123456789abcdef\n"),
    )
    .unwrap();
    let file = file.to_string_lossy().into_owned();
    let text = env
        .cmd()
        .args([
            "watch",
            "--targets",
            &file,
            "--every",
            "100ms",
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    let mut w = Watching::start(
        &env,
        &[
            "--targets",
            &file,
            "--every",
            "200ms",
            "--metrics",
            "127.0.0.1:0",
        ],
    );
    let addr = w.metrics_addr();
    w.until_cycle(1);
    let (_, body) = scrape(addr);
    w.signal("TERM");
    w.finish();
    let events: Vec<String> = w.seen.iter().map(|v| v.to_string()).collect();
    let all = format!(
        "{}{}{}{body}",
        common::stdout(&text),
        common::stderr(&text),
        events.join("\n")
    );
    assert!(all.contains(&down.port().to_string()), "{all}");
    for secret in ["S3cretPassw0rd", "abcdef0123456789abcdef", "agent:"] {
        assert!(!all.contains(secret), "{secret} in {all}");
    }
}
