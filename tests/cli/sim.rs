//! `posdoctor sim` as a user runs it: it prints its endpoints and a ready profile, answers a
//! terminal's sign-in and the gateway's health check, and stops cleanly on Ctrl-C (SIGINT).

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{Env, json};

#[cfg(unix)]
#[test]
fn sim_serves_until_interrupted() {
    let env = Env::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("posdoctor"))
        .args(["--lang", "en", "sim", "--fault", "maintenance"])
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut profile = String::new();
    let mut in_profile = false;
    let (mut dns, mut ca) = (String::new(), String::new());
    // The banner and profile come first; bounded by their length.
    for _ in 0..40 {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(v) = line.trim().strip_prefix("DNS server") {
            dns = v.trim().to_string();
        }
        if let Some(v) = line.trim().strip_prefix("Gateway CA") {
            ca = v.trim().to_string();
        }
        if line.starts_with("[profiles.sim]") {
            in_profile = true;
        }
        if in_profile {
            profile.push_str(&line);
            profile.push('\n');
            if line.starts_with("url = ") {
                break;
            }
        }
    }
    assert!(
        profile.contains("host = \"upos.posdoctor.test:"),
        "{profile}"
    );
    assert!(
        dns.starts_with("127.0.0.1:") && ca.ends_with(".pem"),
        "{dns} {ca}"
    );
    env.write_config(&profile);
    let doc = json(
        &env.cmd()
            .args([
                "--json",
                "--profile",
                "sim",
                "net",
                "--iso8583",
                "--count",
                "1",
                "--dns",
                &dns,
                "--ca-file",
                &ca,
            ])
            .output()
            .unwrap(),
    );
    let signin = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "net.iso8583.signin")
        .cloned()
        .unwrap();
    assert_eq!(signin["metrics"]["code"], "96", "{doc:#}");
    let gateway = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "net.http.phases")
        .cloned()
        .unwrap();
    assert_eq!(gateway["metrics"]["status"], 200, "{doc:#}");

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let code = child.wait().unwrap();
    assert_eq!(code.code(), Some(0));
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    assert!(
        !std::path::Path::new(&ca).exists(),
        "the CA file is removed on Ctrl-C"
    );
}
