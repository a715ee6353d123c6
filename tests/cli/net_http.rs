//! `posdoctor net` on URL targets: TLS certificates generated in the test (valid, expired,
//! not yet valid, wrong host, self-signed), HTTP servers that answer, hang, reset, answer
//! slowly or answer garbage, and a server clock set wrong. All on loopback, names resolved
//! by the test's own DNS server.

use crate::common;

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use common::dns::{Answer, DnsServer};
use common::servers::{self, Leaf, Mode, Pki};
use common::{Env, assert_schema, json};

fn finding(doc: &serde_json::Value, id: &str) -> serde_json::Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no {id} in {doc:#}"))
}

struct Setup {
    env: Env,
    dns: DnsServer,
    ca_file: std::path::PathBuf,
}

fn setup(pki: &Pki) -> Setup {
    let env = Env::new();
    let dns = DnsServer::start(&[(
        "gw.test",
        Answer::Ips(vec![IpAddr::V4(Ipv4Addr::LOCALHOST)]),
    )]);
    let ca_file = env.path().join("ca.pem");
    std::fs::write(&ca_file, &pki.ca_pem).unwrap();
    Setup { env, dns, ca_file }
}

fn run(s: &Setup, url: &str, timeout: &str) -> (Option<i32>, serde_json::Value, Duration) {
    let start = Instant::now();
    let out = s
        .env
        .cmd()
        .args([
            "--json",
            "--timeout",
            timeout,
            "net",
            url,
            "--dns",
            &s.dns.arg(),
            "--count",
            "1",
        ])
        .args(["--ca-file", s.ca_file.to_str().unwrap()])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_schema(&doc);
    (out.status.code(), doc, start.elapsed())
}

#[test]
fn a_healthy_https_gateway() {
    let pki = Pki::new();
    let s = setup(&pki);
    let server = servers::start(servers::ok(), Some(pki.server_config(Leaf::Valid)));
    let (code, doc, _) = run(
        &s,
        &format!("https://gw.test:{}/health", server.addr.port()),
        "5",
    );
    assert_eq!(code, Some(0), "{doc:#}");
    let tls = finding(&doc, "net.tls.certificate");
    assert_eq!(tls["status"], "ok");
    assert!(tls["metrics"]["days_left"].as_i64().unwrap() >= 198);
    assert!(
        tls["metrics"]["tls_version"]
            .as_str()
            .unwrap()
            .starts_with("TLS")
    );
    let http = finding(&doc, "net.http.phases");
    assert_eq!(http["metrics"]["status"], 200);
    for phase in [
        "dns_ms",
        "connect_ms",
        "tls_ms",
        "start_transfer_ms",
        "total_ms",
    ] {
        assert!(http["metrics"][phase].as_f64().is_some(), "{phase}");
    }
    assert_eq!(finding(&doc, "net.clock.skew")["status"], "ok");
}

#[test]
fn certificate_faults_are_named() {
    let pki = Pki::new();
    let s = setup(&pki);
    for (leaf, key, cause) in [
        (Leaf::Expired, "expired", "host"),
        (Leaf::NotYetValid, "not-yet-valid", "host"),
        (Leaf::WrongHost, "wrong-host", "merchant-params"),
        (Leaf::SelfSigned, "self-signed", "network"),
    ] {
        let server = servers::start(servers::ok(), Some(pki.server_config(leaf)));
        let (code, doc, elapsed) =
            run(&s, &format!("https://gw.test:{}/", server.addr.port()), "5");
        assert_eq!(code, Some(1), "{key}");
        let f = finding(&doc, "net.tls.certificate");
        assert_eq!(f["status"], "fail", "{key}");
        assert_eq!(f["metrics"]["error"], key, "{f}");
        assert_eq!(f["category"], "no-response");
        assert_eq!(f["cause"], cause, "{key}");
        assert!(elapsed < Duration::from_secs(7));
    }
    // Without the private CA, a valid certificate's issuer is unknown.
    let server = servers::start(servers::ok(), Some(pki.server_config(Leaf::Valid)));
    let out = s
        .env
        .cmd()
        .args([
            "--json",
            "net",
            &format!("https://gw.test:{}/", server.addr.port()),
            "--dns",
            &s.dns.arg(),
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    assert_eq!(
        finding(&doc, "net.tls.certificate")["metrics"]["error"],
        "unknown-issuer"
    );
}

#[test]
fn servers_that_hang_reset_or_babble() {
    let pki = Pki::new();
    let s = setup(&pki);
    for (mode, error) in [
        (Mode::Silent, "no-answer"),
        (Mode::Reset, "closed"),
        (Mode::Garbage, "not-http"),
    ] {
        let server = servers::start(mode, None);
        let (code, doc, elapsed) = run(&s, &format!("http://gw.test:{}/", server.addr.port()), "2");
        assert_eq!(code, Some(1), "{error}");
        let f = finding(&doc, "net.http.phases");
        assert_eq!(f["metrics"]["error"], error, "{f}");
        assert_eq!(f["cause"], "host");
        assert!(elapsed < Duration::from_secs(4), "{error}: {elapsed:?}");
    }
}

#[test]
fn slow_answers_are_timed_and_errors_judged() {
    let pki = Pki::new();
    let s = setup(&pki);
    let slow = servers::start(
        Mode::Http {
            status: 200,
            delay: Duration::from_millis(300),
            clock_offset: 0,
        },
        None,
    );
    let (code, doc, _) = run(&s, &format!("http://gw.test:{}/", slow.addr.port()), "5");
    assert_eq!(code, Some(0));
    let ttfb = finding(&doc, "net.http.phases")["metrics"]["start_transfer_ms"]
        .as_f64()
        .unwrap();
    assert!((300.0..1500.0).contains(&ttfb), "{ttfb}");
    let failing = servers::start(
        Mode::Http {
            status: 503,
            delay: Duration::ZERO,
            clock_offset: 0,
        },
        None,
    );
    let (code, doc, _) = run(&s, &format!("http://gw.test:{}/", failing.addr.port()), "5");
    assert_eq!(code, Some(1));
    assert_eq!(finding(&doc, "net.http.phases")["status"], "fail");
}

#[test]
fn a_wrong_clock_is_reported() {
    let pki = Pki::new();
    let s = setup(&pki);
    for (offset, status) in [(120, "warn"), (-3600, "fail")] {
        let server = servers::start(
            Mode::Http {
                status: 200,
                delay: Duration::ZERO,
                clock_offset: offset,
            },
            None,
        );
        let (_, doc, _) = run(&s, &format!("http://gw.test:{}/", server.addr.port()), "5");
        let f = finding(&doc, "net.clock.skew");
        assert_eq!(f["status"], status, "{f}");
        let skew = f["metrics"]["skew_s"].as_f64().unwrap();
        assert!((skew - offset as f64).abs() <= 2.0, "{skew} vs {offset}");
        assert_eq!(f["cause"], "software");
    }
}

#[test]
fn a_bad_ca_file_is_exit_2() {
    let env = Env::new();
    let bad = env.path().join("ca.pem");
    std::fs::write(&bad, "not a certificate").unwrap();
    env.cmd()
        .args([
            "net",
            "https://127.0.0.1:1/",
            "--ca-file",
            bad.to_str().unwrap(),
        ])
        .assert()
        .code(2);
}

#[test]
fn proxies_from_the_environment_are_used_and_reported() {
    let pki = Pki::new();
    let s = setup(&pki);
    let server = servers::start(servers::ok(), Some(pki.server_config(Leaf::Valid)));
    let proxy = servers::start(Mode::Proxy { refuse: false }, None);
    let refusing = servers::start(Mode::Proxy { refuse: true }, None);
    let url = format!("https://localhost:{}/", server.addr.port());
    let ca = s.ca_file.to_str().unwrap().to_string();
    let run = |proxy_env: &str, no_proxy: &str| {
        let out = s
            .env
            .cmd()
            .env("HTTPS_PROXY", proxy_env)
            .env("NO_PROXY", no_proxy)
            .args([
                "--json",
                "--timeout",
                "5",
                "net",
                &url,
                "--count",
                "1",
                "--ca-file",
                &ca,
                "--dns",
                &s.dns.arg(),
            ])
            .output()
            .unwrap();
        (out.status.code(), json(&out))
    };
    let (code, doc) = run(&format!("http://{}", proxy.addr), "");
    assert_eq!(code, Some(0), "{doc:#}");
    assert_eq!(finding(&doc, "net.http.proxy")["status"], "ok");
    assert_eq!(finding(&doc, "net.tls.certificate")["status"], "ok");
    assert_eq!(finding(&doc, "net.http.phases")["metrics"]["status"], 200);
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"] != "net.tcp.connect"),
        "no direct connection"
    );

    let (code, doc) = run(&format!("http://{}", refusing.addr), "");
    assert_eq!(code, Some(1));
    let f = finding(&doc, "net.http.proxy");
    assert_eq!(f["status"], "fail");
    assert!(f["summary"].as_str().unwrap().contains("403"), "{f}");

    // NO_PROXY sends it direct (our DNS server does not know `localhost`, so use the IP).
    let direct = s
        .env
        .cmd()
        .env("HTTPS_PROXY", format!("http://{}", refusing.addr))
        .env("NO_PROXY", "127.0.0.1")
        .args([
            "--json",
            "net",
            &format!("https://127.0.0.1:{}/", server.addr.port()),
            "--count",
            "1",
            "--ca-file",
            &ca,
        ])
        .output()
        .unwrap();
    let doc = json(&direct);
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"] != "net.http.proxy"),
        "{doc:#}"
    );

    // A plain http URL through HTTP_PROXY.
    let plain = s
        .env
        .cmd()
        .env("HTTP_PROXY", format!("{}", proxy.addr))
        .args([
            "--json",
            "net",
            "http://gw.example.invalid:8080/health",
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    let doc = json(&plain);
    assert_eq!(finding(&doc, "net.http.proxy")["status"], "ok", "{doc:#}");
    assert_eq!(finding(&doc, "net.http.phases")["metrics"]["status"], 200);
}

#[test]
fn a_certificate_about_to_expire_warns() {
    let pki = Pki::new();
    let s = setup(&pki);
    let server = servers::start(servers::ok(), Some(pki.server_config(Leaf::ExpiringSoon)));
    let (code, doc, _) = run(&s, &format!("https://gw.test:{}/", server.addr.port()), "5");
    assert_eq!(code, Some(0), "a warning does not fail the run");
    let f = finding(&doc, "net.tls.certificate");
    assert_eq!(f["status"], "warn");
    assert_eq!(f["metrics"]["days_left"], 10);
}
