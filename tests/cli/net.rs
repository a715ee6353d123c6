//! `posdoctor net` against real servers on loopback, started by each test: a DNS server
//! answering from the test's own zone (passed with `--dns`, never the machine's resolver) and
//! TCP listeners that accept, refuse, or never complete a handshake.

use crate::common;

use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

use common::dns::{Answer, DnsServer};
use common::{Env, assert_schema, json, stderr, stdout};

fn localhost() -> Vec<IpAddr> {
    vec![IpAddr::V4(Ipv4Addr::LOCALHOST)]
}

fn findings(doc: &serde_json::Value, id: &str) -> Vec<serde_json::Value> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == id)
        .cloned()
        .collect()
}

/// A port on loopback where nothing listens (bound, then closed).
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    port
}

#[test]
fn a_healthy_host_resolves_connects_and_is_fast() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let dns = DnsServer::start(&[("upos.test", Answer::Ips(localhost()))]);
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--json",
            "net",
            &format!("upos.test:{port}"),
            "--dns",
            &dns.arg(),
            "--count",
            "3",
            "--interval",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let doc = json(&out);
    assert_schema(&doc);
    let resolve = &findings(&doc, "net.dns.resolve")[0];
    assert_eq!(resolve["status"], "ok");
    assert_eq!(resolve["metrics"]["addresses"], "127.0.0.1");
    assert_eq!(findings(&doc, "net.tcp.connect")[0]["status"], "ok");
    let latency = &findings(&doc, "net.tcp.latency")[0];
    assert_eq!(latency["metrics"]["attempts"], 3);
    assert_eq!(latency["metrics"]["lost"], 0);
    assert!(latency["metrics"]["median_ms"].as_f64().unwrap() < 300.0);
}

#[test]
fn dns_faults_are_told_apart() {
    let dns = DnsServer::start(&[
        ("gone.test", Answer::NxDomain),
        ("broken.test", Answer::ServFail),
        (
            "slow.test",
            Answer::Slow(Duration::from_secs(4), localhost()),
        ),
    ]);
    let env = Env::new();
    for (host, words) in [
        ("gone.test", "NXDOMAIN"),
        ("broken.test", "SERVFAIL"),
        ("slow.test", "did not answer"),
    ] {
        let start = Instant::now();
        let out = env
            .cmd()
            .args([
                "--json",
                "--timeout",
                "2",
                "net",
                &format!("{host}:5000"),
                "--dns",
                &dns.arg(),
            ])
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        assert_eq!(out.status.code(), Some(1), "{host}");
        let doc = json(&out);
        assert_schema(&doc);
        let f = &findings(&doc, "net.dns.resolve")[0];
        assert_eq!(f["status"], "fail", "{host}: {f}");
        assert!(
            f["summary"].as_str().unwrap().contains(words),
            "{host}: {f}"
        );
        assert_eq!(f["category"], "no-response");
        assert_eq!(f["cause"], "network");
        assert_eq!(f["fix"], "posdoctor fix no-response --cause network");
        // Within the deadline (2 s) plus process start-up, however slow the server.
        assert!(elapsed < Duration::from_secs(4), "{host} took {elapsed:?}");
    }
}

#[test]
fn differing_answers_between_resolvers_are_flagged() {
    let one = DnsServer::start(&[("upos.test", Answer::Ips(localhost()))]);
    let two = DnsServer::start(&[("upos.test", Answer::Ips(vec!["127.0.0.2".parse().unwrap()]))]);
    let listener = TcpListener::bind("0.0.0.0:0");
    // Both 127.0.0.1 and 127.0.0.2 reach a listener bound to 0.0.0.0.
    let port = listener
        .as_ref()
        .map(|l| l.local_addr().unwrap().port())
        .unwrap_or(closed_port());
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--json",
            "net",
            &format!("upos.test:{port}"),
            "--dns",
            &one.arg(),
            "--dns",
            &two.arg(),
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    let f = &findings(&doc, "net.dns.consistency")[0];
    assert_eq!(f["status"], "warn");
    let s = f["summary"].as_str().unwrap();
    assert!(s.contains("127.0.0.1") && s.contains("127.0.0.2"), "{s}");
    assert_eq!(
        findings(&doc, "net.tcp.connect").len(),
        2,
        "both answers are probed"
    );
}

#[test]
fn a_closed_port_is_refused() {
    let port = closed_port();
    let env = Env::new();
    let out = env
        .cmd()
        .args(["--json", "net", &format!("127.0.0.1:{port}")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let f = &findings(&doc, "net.tcp.connect")[0];
    assert_eq!(f["metrics"]["error"], "refused");
    assert!(
        findings(&doc, "net.dns.resolve").is_empty(),
        "an IP needs no lookup"
    );
    let text = |lang: &str| {
        let out = env
            .cmd()
            .args(["--lang", lang, "net", &format!("127.0.0.1:{port}")])
            .output()
            .unwrap();
        stdout(&out).replace(&port.to_string(), "PORT")
    };
    insta::assert_snapshot!("net_refused_en", text("en"));
    insta::assert_snapshot!("net_refused_zh", text("zh"));
}

/// A listener whose accept queue is full drops further SYNs: the handshake never completes,
/// as with a firewall that silently drops packets.
#[cfg(target_os = "linux")]
#[test]
fn a_handshake_that_never_completes_times_out_within_the_deadline() {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket
        .bind(
            &"127.0.0.1:0"
                .parse::<std::net::SocketAddr>()
                .unwrap()
                .into(),
        )
        .unwrap();
    socket.listen(0).unwrap();
    let addr = socket.local_addr().unwrap().as_socket().unwrap();
    // Fill the queue (never accepted).
    let mut fillers = Vec::new();
    for _ in 0..4 {
        if let Ok(s) = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            fillers.push(s);
        }
    }
    let env = Env::new();
    let start = Instant::now();
    let out = env
        .cmd()
        .args([
            "--json",
            "--timeout",
            "2",
            "net",
            &addr.to_string(),
            "--count",
            "2",
        ])
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let doc = json(&out);
    let f = &findings(&doc, "net.tcp.connect")[0];
    assert_eq!(f["metrics"]["error"], "timeout", "{doc}");
    assert!(elapsed < Duration::from_secs(4), "took {elapsed:?}");
}

#[test]
fn targets_come_from_a_file_or_the_profile() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let closed = closed_port();
    let env = Env::new();
    let file = env.path().join("fleet.csv");
    std::fs::write(
        &file,
        format!("target,name\n127.0.0.1:{port},main\n# spare\n127.0.0.1:{closed},backup\n"),
    )
    .unwrap();
    let doc = json(
        &env.cmd()
            .args([
                "--json",
                "net",
                "--targets",
                file.to_str().unwrap(),
                "--count",
                "1",
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["targets"].as_array().unwrap().len(), 2);
    assert_eq!(doc["status"], "fail");
    env.write_config(&format!("[profiles.shop]\nhost = \"127.0.0.1:{port}\"\n"));
    let doc = json(
        &env.cmd()
            .args(["--json", "net", "--count", "1"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["targets"][0], format!("127.0.0.1:{port}"));
    assert_eq!(doc["status"], "ok");
}

#[test]
fn bad_input_is_exit_2() {
    let env = Env::new();
    for args in [
        vec!["net", "upos.example.cn"],
        vec!["net", "ftp://x:21"],
        vec!["net", "127.0.0.1:1", "--dns", "dns.example"],
        vec!["net", "127.0.0.1:1", "--count", "0"],
        vec!["net"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn probing_through_a_named_interface() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--json",
            "net",
            &format!("127.0.0.1:{port}"),
            "--interface",
            "lo",
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let bad = env
        .cmd()
        .args(["net", "127.0.0.1:1", "--interface", "nosuch0"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("nosuch0"));
}

#[test]
fn the_local_link_is_checked_unless_every_address_is_on_this_machine() {
    let env = Env::new();
    // A name that cannot be resolved might be off this machine: the link is checked.
    let dns = DnsServer::start(&[("gone.test", Answer::NxDomain)]);
    let doc = json(
        &env.cmd()
            .args(["--json", "net", "gone.test:5000", "--dns", &dns.arg()])
            .output()
            .unwrap(),
    );
    assert_schema(&doc);
    let link = findings(&doc, "net.link");
    assert_eq!(link.len(), 1);
    assert!(["ok", "warn", "fail"].contains(&link[0]["status"].as_str().unwrap()));
    let local = json(
        &env.cmd()
            .args(["--json", "net", &format!("127.0.0.1:{}", closed_port())])
            .output()
            .unwrap(),
    );
    assert!(
        findings(&local, "net.link").is_empty(),
        "loopback needs no link"
    );
}

#[test]
fn ipv6_addresses_are_probed_too() {
    let Ok(listener) = TcpListener::bind("[::1]:0") else {
        eprintln!("no IPv6 loopback on this machine; skipped");
        return;
    };
    let port = listener.local_addr().unwrap().port();
    let dns = DnsServer::start(&[("dual.test", Answer::Ips(vec!["::1".parse().unwrap()]))]);
    let env = Env::new();
    let doc = json(
        &env.cmd()
            .args([
                "--json",
                "net",
                &format!("dual.test:{port}"),
                "--dns",
                &dns.arg(),
                "--count",
                "1",
            ])
            .output()
            .unwrap(),
    );
    let f = &findings(&doc, "net.tcp.connect")[0];
    assert_eq!(f["status"], "ok", "{doc:#}");
    assert!(f["target"].as_str().unwrap().contains("[::1]"));
    let direct = json(
        &env.cmd()
            .args(["--json", "net", &format!("[::1]:{port}"), "--count", "1"])
            .output()
            .unwrap(),
    );
    assert_eq!(direct["status"], "ok");
}

/// A listener whose accept queue is full: handshakes to it are never answered.
fn unanswering_listener() -> (
    socket2::Socket,
    std::net::SocketAddr,
    Vec<std::net::TcpStream>,
) {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    let any: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
    socket.bind(&any.into()).unwrap();
    socket.listen(0).unwrap();
    let addr = socket.local_addr().unwrap().as_socket().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..4 {
        if let Ok(s) = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            fillers.push(s);
        }
    }
    (socket, addr, fillers)
}

#[test]
fn a_silent_resolver_does_not_use_up_the_connections_time() {
    let live = DnsServer::start(&[("upos.test", Answer::Ips(localhost()))]);
    // A resolver that never answers: the socket is open, nobody reads it.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let silent = silent.local_addr().unwrap().to_string();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let env = Env::new();
    for order in [[live.arg(), silent.clone()], [silent.clone(), live.arg()]] {
        let start = Instant::now();
        let out = env
            .cmd()
            .args([
                "--json",
                "--timeout",
                "3",
                "net",
                &format!("upos.test:{port}"),
                "--dns",
                &order[0],
                "--dns",
                &order[1],
                "--count",
                "2",
            ])
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        let doc = json(&out);
        assert_schema(&doc);
        // The port listens: the connection is not blamed.
        let tcp = &findings(&doc, "net.tcp.connect")[0];
        assert_eq!(tcp["status"], "ok", "{doc:#}");
        assert_eq!(out.status.code(), Some(0), "{doc:#}");
        let dns = findings(&doc, "net.dns.resolve");
        let by = |server: &str| {
            dns.iter()
                .find(|f| f["metrics"]["server"] == server)
                .unwrap_or_else(|| panic!("no finding for {server}: {doc:#}"))
                .clone()
        };
        assert_eq!(by(&live.arg())["status"], "ok");
        let dead = by(&silent);
        assert_eq!(dead["status"], "warn", "{dead:#}");
        assert_eq!(dead["metrics"]["error"], "abandoned", "{dead:#}");
        // Abandoned soon after the live one answered, not at the end of its own time.
        assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
    }
}

#[test]
fn a_check_left_without_time_is_skipped_not_failed() {
    let (_socket, addr, _fillers) = unanswering_listener();
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "--json",
            "--timeout",
            "1",
            "net",
            &format!("http://{addr}/"),
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_schema(&doc);
    let tcp = &findings(&doc, "net.tcp.connect")[0];
    // Half a second (its share, before the HTTP request's) says nothing about the host.
    assert_eq!(tcp["status"], "skip", "{doc:#}");
    assert_eq!(tcp["metrics"]["skipped"], "no-time", "{doc:#}");
    assert!(
        tcp["summary"].as_str().unwrap().contains("--timeout"),
        "{tcp:#}"
    );
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["status"] != "fail"),
        "{doc:#}"
    );
    assert_eq!(out.status.code(), Some(0));
    // In Chinese too.
    let out = env
        .cmd()
        .args([
            "--json",
            "--lang",
            "zh",
            "--timeout",
            "1",
            "net",
            &format!("http://{addr}/"),
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    let tcp = &findings(&doc, "net.tcp.connect")[0];
    assert!(
        tcp["summary"].as_str().unwrap().contains("未检查"),
        "{tcp:#}"
    );
}

/// Findings carry message keys, said by the rendering layer: the same probe reads in English
/// or Chinese as the locale says, the text and the JSON document in the same words, and the
/// latency sparkline is drawn in Unicode blocks only where the character set has them.
#[test]
fn a_finding_is_said_in_the_locales_language_and_characters() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let target = format!("127.0.0.1:{}", listener.local_addr().unwrap().port());
    let env = Env::new();
    let run = |lang: &str, json_out: bool| {
        let mut c = env.cmd();
        c.env("LANG", lang).env("COLUMNS", "200");
        if json_out {
            c.arg("--json");
        }
        c.args(["net", &target, "--count", "3", "--interval", "0"])
            .output()
            .unwrap()
    };
    for (lang, chinese, unicode) in [
        ("en_US.UTF-8", false, true),
        ("zh_CN.UTF-8", true, true),
        ("C", false, false),
    ] {
        let doc = json(&run(lang, true));
        let latency = &findings(&doc, "net.tcp.latency")[0];
        let summary = latency["summary"].as_str().unwrap().to_string();
        let has_chinese = summary
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert_eq!(has_chinese, chinese, "{lang}: {summary}");
        assert!(
            !summary.contains('{'),
            "{lang}: a placeholder left: {summary}"
        );
        let spark: Vec<char> = summary.chars().rev().take(3).collect();
        let blocks = "▁▂▃▄▅▆▇█✗";
        let ascii = "_.-=#x";
        let set = if unicode { blocks } else { ascii };
        assert!(
            spark.iter().all(|c| set.contains(*c)),
            "{lang}: sparkline {spark:?} in {summary}"
        );
        let connect = &findings(&doc, "net.tcp.connect")[0];
        let text = stdout(&run(lang, false));
        // The text and the document say the same words (the figures are another run's).
        let words = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_ascii_digit() && !set.contains(*c))
                .collect()
        };
        if !unicode {
            assert!(!text.chars().any(|c| blocks.contains(c)), "{lang}: {text}");
        }
        let text = words(&text);
        for said in [&summary, connect["summary"].as_str().unwrap()] {
            let said = words(said);
            assert!(text.contains(&said), "{lang}: {said:?} not in\n{text}");
        }
    }
}
