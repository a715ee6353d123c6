//! A gateway that redirects the transaction look-up: followed only within its own origin
//! (scheme, host, port). A hostile server on another loopback address, or on another port,
//! that the look-up is pointed at records every request it gets: the token must never arrive
//! there, and nothing it says is taken for the gateway's answer.

use crate::common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Env, assert_schema, json, stdout};

const TOKEN: &str = "tok-3f9a-secret";
const RRN: &str = "000000000042";

/// A plain HTTP/1.1 server on `bind` that records each request's head and answers what
/// `answer` says for its path; stops when dropped.
struct Recorder {
    addr: SocketAddr,
    heads: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Recorder {
    fn start(bind: &str, answer: impl Fn(&str) -> String + Send + 'static) -> Recorder {
        let listener = TcpListener::bind(bind).unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (h, s) = (heads.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                let Ok((mut conn, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                conn.set_nonblocking(false).unwrap();
                conn.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 65536 {
                    match conn.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&buf).into_owned();
                let path = head.split(' ').nth(1).unwrap_or("").to_string();
                h.lock().unwrap().push(head);
                let _ = conn.write_all(answer(&path).as_bytes());
            }
        });
        Recorder { addr, heads, stop }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn redirect(location: &str) -> String {
    format!(
        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
}

fn approved() -> String {
    let body = format!(r#"{{"state": "approved", "rrn": "{RRN}", "amount": 100}}"#);
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn profile(env: &Env, gateway: SocketAddr) {
    env.write_config(&format!(
        r#"
[profiles.shop]
merchant_id = "898310054111234"
terminal_id = "10000001"

[profiles.shop.gateway]
url = "http://{gateway}"
auth_env = "ACQ_TOKEN"
auth_header = "X-Api-Key"
"#
    ));
}

fn look_up(env: &Env, lang: &str) -> std::process::Output {
    env.cmd()
        .env("ACQ_TOKEN", TOKEN)
        .args([
            "--json",
            "--lang",
            lang,
            "--timeout",
            "5",
            "txn",
            "status",
            "--rrn",
            RRN,
            "--source",
            "gateway",
        ])
        .output()
        .unwrap()
}

fn finding<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {doc:#}"))
}

/// The gateway points the look-up at `hostile`; what must (not) happen.
fn refused_to(hostile_bind: &str, lang: &str) {
    let hostile = Recorder::start(hostile_bind, |_| approved());
    let target = hostile.addr;
    let gateway = Recorder::start("127.0.0.1:0", move |path| {
        redirect(&format!(
            "http://user:pa55w0rd@{target}{path}?sig=hunter2&token={TOKEN}"
        ))
    });
    let env = Env::new();
    profile(&env, gateway.addr);
    let out = look_up(&env, lang);
    let text = stdout(&out);
    // The answer is unknown, not the hostile server's "approved".
    assert_eq!(out.status.code(), Some(1), "{text}");
    let doc = json(&out);
    assert_schema(&doc);
    let g = finding(&doc, "txn.gateway");
    assert_eq!(g["status"], "fail", "{g:#}");
    assert_eq!(g["metrics"]["error"], "redirect", "{g:#}");
    assert_eq!(g["metrics"]["redirect"], "other-origin", "{g:#}");
    let shown = format!("http://{target}/v1/transactions/{RRN}?…");
    assert_eq!(g["metrics"]["location"], shown.as_str(), "{g:#}");
    assert!(g["summary"].as_str().unwrap().contains(&shown), "{g:#}");
    assert_eq!(finding(&doc, "txn.status")["metrics"]["state"], "pending");
    // No secret from the Location (userinfo, query) nor the token is shown.
    for secret in ["pa55w0rd", "hunter2", TOKEN] {
        assert!(!text.contains(secret), "{secret} shown: {text}");
    }
    // The gateway itself got the token; the hostile server got nothing at all.
    let asked = gateway.heads();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(
        asked[0]
            .to_ascii_lowercase()
            .contains(&format!("x-api-key: {TOKEN}"))
    );
    let stolen = hostile.heads();
    assert!(
        stolen.iter().all(|h| !h.contains(TOKEN)),
        "the token reached the other origin: {stolen:?}"
    );
    assert!(stolen.is_empty(), "the redirect was followed: {stolen:?}");
}

#[test]
fn a_redirect_to_another_host_is_reported_not_followed() {
    refused_to("127.0.0.2:0", "en");
}

#[test]
fn a_redirect_to_another_port_is_reported_not_followed() {
    refused_to("127.0.0.1:0", "zh");
}

#[test]
fn a_redirect_within_the_gateway_is_followed() {
    let gateway = Recorder::start("127.0.0.1:0", |path| {
        if path.starts_with("/v1/") {
            redirect(&path.replace("/v1/", "/v2/"))
        } else {
            approved()
        }
    });
    let env = Env::new();
    profile(&env, gateway.addr);
    let out = look_up(&env, "en");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(finding(&doc, "txn.status")["metrics"]["state"], "approved");
    let asked = gateway.heads();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[1].starts_with(&format!("GET /v2/transactions/{RRN} ")));
}

#[test]
fn an_endless_redirect_chain_is_cut_short() {
    let gateway = Recorder::start("127.0.0.1:0", |path| redirect(&format!("{path}x")));
    let env = Env::new();
    profile(&env, gateway.addr);
    let out = look_up(&env, "en");
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let doc = json(&out);
    let g = finding(&doc, "txn.gateway");
    assert_eq!(g["metrics"]["redirect"], "too-many", "{g:#}");
    // The first request and at most three redirects.
    assert_eq!(gateway.heads().len(), 4);
}

#[test]
fn the_net_probe_reports_a_redirect_and_follows_none_nor_sends_credentials() {
    let hostile = Recorder::start("127.0.0.2:0", |_| approved());
    let target = hostile.addr;
    let site = Recorder::start("127.0.0.1:0", move |path| {
        if path == "/moved" {
            redirect("/here")
        } else {
            redirect(&format!("http://u:pa55w0rd@{target}/x?token=hunter2"))
        }
    });
    let env = Env::new();
    // Userinfo in the URL is never sent (nor shown).
    let url = format!("http://admin:s3cr3t@{}/", site.addr);
    let out = env
        .cmd()
        .args(["--json", "--timeout", "5", "net", &url, "--count", "1"])
        .output()
        .unwrap();
    let text = stdout(&out);
    let doc = json(&out);
    assert_schema(&doc);
    let r = finding(&doc, "net.http.redirect");
    assert_eq!(r["status"], "warn", "{r:#}");
    assert_eq!(r["metrics"]["redirect"], "other-origin", "{r:#}");
    let shown = format!("http://{target}/x?…");
    assert_eq!(r["metrics"]["location"], shown.as_str(), "{r:#}");
    assert!(r["summary"].as_str().unwrap().contains(&shown), "{r:#}");
    for secret in ["pa55w0rd", "hunter2"] {
        assert!(!text.contains(secret), "{secret} shown: {text}");
    }
    assert!(
        hostile.heads().is_empty(),
        "followed: {:?}",
        hostile.heads()
    );
    let asked = site.heads();
    assert!(!asked.is_empty());
    assert!(
        asked
            .iter()
            .all(|h| !h.to_ascii_lowercase().contains("authorization")),
        "credentials sent: {asked:?}"
    );
    // A redirect within the site: named, no warning.
    let out = env
        .cmd()
        .args([
            "--json",
            "--timeout",
            "5",
            "net",
            &format!("http://{}/moved", site.addr),
            "--count",
            "1",
        ])
        .output()
        .unwrap();
    let doc = json(&out);
    let p = finding(&doc, "net.http.phases");
    assert_eq!(p["metrics"]["status"], 302, "{p:#}");
    assert_eq!(
        p["metrics"]["location"],
        format!("http://{}/here", site.addr).as_str()
    );
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"] != "net.http.redirect"),
        "{doc:#}"
    );
}
