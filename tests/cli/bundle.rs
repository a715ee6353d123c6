//! `posdoctor doctor --bundle FILE`: the support archive, read back with the zip crate entry
//! by entry. A profile with a key file, a gateway token in the environment, a proxy password
//! and an incident whose note holds a card number: none of them is in the archive; the
//! findings and the key's KCV are. Bad paths exit 2 naming them, and a run stopped by Ctrl-C
//! leaves no archive and no temporary file. All traffic stays on 127.0.0.1.

use crate::common;

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::db::Backend;
use common::{Env, assert_schema, json, stderr};

crate::on_both_backends!(the_bundle_has_the_findings_and_the_kcv_and_nothing_secret);

const KEY: &str = "0123456789ABCDEFFEDCBA9876543210";
const TOKEN: &str = "tok_live_9f8e7d6c5b4a3f2e1d0c";
const PROXY_PASSWORD: &str = "Pr0xySecret";
const CARD: &str = "6222020000000000006";

/// A config whose profile `shop` has a key file (mode 0600), a gateway whose token comes from
/// `SHOP_GATEWAY_TOKEN`, and `host` as its acquirer host.
fn shop(env: &Env, host: &str, gateway_port: u16) {
    let keys = env.config_dir().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    let key_file = keys.join("tmk.hex");
    std::fs::write(&key_file, format!("{KEY}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    env.write_config(&format!(
        r#"[profiles.shop]
merchant_id = "898310054111234"
terminal_id = "10000001"
mcc = "5411"
host = "{host}"

[profiles.shop.gateway]
url = "https://127.0.0.1:{gateway_port}"
auth_env = "SHOP_GATEWAY_TOKEN"

[profiles.shop.keys]
tmk = {{ file = "keys/tmk.hex" }}
"#
    ));
}

fn kcv() -> String {
    posdoctor::keys::Key::from_hex(KEY, Default::default())
        .unwrap()
        .kcv()
        .to_string()
}

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Every entry of the archive: name and text.
fn entries(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("the bundle is a zip archive");
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            let mut text = String::new();
            e.read_to_string(&mut text)
                .expect("every entry is UTF-8 text");
            (name, text)
        })
        .collect()
}

/// The ids of a report's findings, in order.
fn ids(doc: &serde_json::Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

/// `doctor --count 1 --bundle FILE` with `cmd`'s settings and `args` of its own: the JSON
/// report, which says where the bundle is, and stderr.
fn doctor(
    mut cmd: assert_cmd::Command,
    args: &[&str],
    bundle: &Path,
) -> (serde_json::Value, String) {
    let out = cmd
        .args(["--json", "doctor", "--count", "1"])
        .args(args)
        .arg("--bundle")
        .arg(bundle)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?} {}",
        out.status.code(),
        stderr(&out)
    );
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(doc["bundle"], bundle.display().to_string());
    (doc, stderr(&out))
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn the_bundle_has_the_findings_and_the_kcv_and_nothing_secret(b: &Backend) {
    let env = Env::on(b);
    // The acquirer host: the simulator's ISO 8583 host on loopback.
    let host = common::servers::iso_host(&[], "unionpay");
    let port = host.port;
    shop(&env, &format!("127.0.0.1:{port}"), closed_port());

    // An incident for this terminal, whose note then holds a card number as an older
    // version or another writer may have stored it; and one for another terminal.
    for terminal in ["10000001", "10000002"] {
        env.cmd()
            .args([
                "incident",
                "add",
                "declined",
                "--cause",
                "funds",
                "--terminal",
                terminal,
                "--code",
                "51",
                "--note",
                "customer asked twice",
            ])
            .assert()
            .success();
    }
    let spaced = "6222 0200 0000 0000 006";
    b.execute(
        &env,
        "UPDATE incidents SET note = $1",
        &format!("card {CARD} declined, then {spaced} again"),
    );

    let out_dir = env.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let bundle = out_dir.join("support.zip");
    let mut cmd = env.cmd();
    cmd.env("SHOP_GATEWAY_TOKEN", TOKEN)
        .env(
            "HTTPS_PROXY",
            format!("http://agent:{PROXY_PASSWORD}@127.0.0.1:9"),
        )
        .env("NO_PROXY", "127.0.0.1")
        .args(["--timeout", "3", "--profile", "shop"]);
    let (doc, err) = doctor(cmd, &[], &bundle);
    assert!(err.contains("support bundle written to"), "{err}");
    // Written whole and renamed into place: nothing else is left in the folder.
    assert_eq!(files_in(&out_dir), ["support.zip"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&bundle).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the bundle is the operator's to send");
    }

    let entries = entries(&bundle);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, posdoctor::bundle::ENTRIES);
    let card_groups = "0200 0000 0000";
    for (name, text) in &entries {
        for secret in [
            KEY.to_string(),
            KEY.to_ascii_lowercase(),
            TOKEN.to_string(),
            PROXY_PASSWORD.to_string(),
            CARD.to_string(),
            card_groups.to_string(),
        ] {
            assert!(!text.contains(&secret), "{name} holds `{secret}`:\n{text}");
        }
    }
    let entry = |n: &str| -> serde_json::Value {
        serde_json::from_str(&entries.iter().find(|(name, _)| name == n).unwrap().1)
            .unwrap_or_else(|e| panic!("{n}: {e}"))
    };

    // The report: the same findings as printed.
    let report = entry("report.json");
    assert_schema(&report);
    assert_eq!(ids(&report), ids(&doc));
    assert!(ids(&report).contains(&"net.iso8583.signin".to_string()));
    let text = &entries.iter().find(|(n, _)| n == "report.txt").unwrap().1;
    assert!(text.contains("net.iso8583.signin"), "{text}");
    assert!(!text.contains('\x1b'), "no color codes in the text report");

    // The profile: the key as its KCV, the token by the name of its variable.
    let profile = entry("profile.json");
    assert_eq!(profile["keys"][0]["computed_kcv"], kcv(), "{profile:#}");
    assert_eq!(profile["keys"][0]["present"], true);
    assert_eq!(profile["gateway"]["token_variable"], "SHOP_GATEWAY_TOKEN");
    assert_eq!(profile["gateway"]["token_set"], true);
    assert_eq!(profile["terminal_id"], "10000001");

    // This terminal's incident, its note masked; not the other terminal's.
    let incidents = entry("incidents.json");
    let list = incidents["incidents"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{incidents:#}");
    assert_eq!(list[0]["terminal_id"], "10000001");
    let note = list[0]["note"].as_str().unwrap();
    assert!(note.contains("622202") && note.contains("0006"), "{note}");

    // The environment: proxy variables by name.
    let environment = entry("environment.json");
    let proxies = environment["proxy_variables"].as_array().unwrap();
    assert!(proxies.contains(&"HTTPS_PROXY".into()), "{environment:#}");
    assert!(proxies.contains(&"NO_PROXY".into()));
    assert_eq!(environment["posdoctor"], env!("CARGO_PKG_VERSION"));
    assert_eq!(environment["time_zone"]["tz"], "UTC");
    assert_eq!(environment["locale"]["LANG"], "en_US.UTF-8");

    // The timeline: every group of checks, and every finding.
    let timeline = entry("timeline.json");
    let phases: Vec<&str> = timeline["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for phase in ["check.profile", "net", "iso8583.signin"] {
        assert!(phases.contains(&phase), "{timeline:#}");
    }
    // No simulator to send a test sale to: no sale in the timeline.
    assert!(!phases.contains(&"iso8583.sale"), "{timeline:#}");
    assert_eq!(
        timeline["findings"].as_array().unwrap().len(),
        report["findings"].as_array().unwrap().len()
    );
}

/// The timeline lists the steps that ran, each for as long as it took: against the
/// simulator (`--demo`) the test sale is sent and listed; every phase ends after it starts,
/// and the run's wall time covers them.
#[test]
fn the_timeline_lists_the_steps_that_ran_with_their_durations() {
    let env = Env::new();
    let bundle = env.path().join("demo.zip");
    let started = Instant::now();
    let mut cmd = env.cmd();
    cmd.args(["--timeout", "5"]);
    let (doc, _) = doctor(cmd, &["--demo"], &bundle);
    let took_ms = started.elapsed().as_secs_f64() * 1000.0;
    let ids = ids(&doc);
    let entries = entries(&bundle);
    let timeline: serde_json::Value = serde_json::from_str(
        &entries
            .iter()
            .find(|(n, _)| n == "timeline.json")
            .unwrap()
            .1,
    )
    .unwrap();
    let phases = timeline["phases"].as_array().unwrap();
    let phase = |name: &str| {
        phases
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no {name}: {timeline:#}"))
    };
    let sale = phase("iso8583.sale");
    assert!(
        ids.iter().any(|i| i.starts_with("net.iso8583.sale")),
        "the sale was sent: {ids:?}"
    );
    for p in phases {
        let (start, end) = (
            p["start_ms"].as_f64().unwrap(),
            p["end_ms"].as_f64().unwrap(),
        );
        assert!(start >= 0.0 && end >= start && end < took_ms, "{p}");
    }
    // A sale over TCP to the simulator and back takes time: not the 0 ms of a step that
    // never ran.
    let duration = sale["end_ms"].as_f64().unwrap() - sale["start_ms"].as_f64().unwrap();
    assert!(duration > 0.0, "{sale}");
    phase("iso8583.signin");
    phase("net");
}

#[test]
fn a_bad_path_is_named_and_nothing_runs() {
    let env = Env::new();
    let missing = env.path().join("no-such-folder").join("support.zip");
    let folder = env.path().to_path_buf();
    for (path, reason) in [
        (missing.as_path(), "its folder does not exist"),
        (folder.as_path(), "give a file name, not a folder"),
    ] {
        let start = Instant::now();
        let out = env
            .cmd()
            .args(["doctor", "--demo", "--bundle"])
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = common::unwrapped(&stderr(&out));
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains(reason), "{err}");
        assert!(out.stdout.is_empty(), "no checks ran");
        assert!(start.elapsed() < Duration::from_secs(5));
    }
    assert!(!missing.parent().unwrap().exists());
    assert!(
        files_in(env.path()).iter().all(|f| !f.ends_with(".tmp")),
        "{:?}",
        files_in(env.path())
    );
}

#[test]
fn ctrl_c_leaves_no_archive_and_no_temporary_file() {
    let env = Env::new();
    // An acquirer host that accepts and never answers: the sign-in waits on it.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    shop(&env, &format!("127.0.0.1:{port}"), closed_port());
    let out_dir = env.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let bundle = out_dir.join("support.zip");
    let child = env
        .std_cmd()
        .args([
            "--json",
            "--timeout",
            "20",
            "--profile",
            "shop",
            "doctor",
            "--count",
            "1",
        ])
        .arg("--bundle")
        .arg(&bundle)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait (bounded) until the sign-in has been sent, then interrupt.
    silent.set_nonblocking(true).unwrap();
    let start = Instant::now();
    let mut open = Vec::new();
    'wait: while start.elapsed() < Duration::from_secs(20) {
        if let Ok((s, _)) = silent.accept() {
            s.set_nonblocking(true).unwrap();
            open.push(s);
        }
        for s in &open {
            let mut b = [0u8; 1];
            if matches!(s.peek(&mut b), Ok(n) if n > 0) {
                break 'wait;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // The temporary file is there while the checks run.
    assert!(files_in(&out_dir).iter().any(|f| f.ends_with(".tmp")));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let (code, out) = common::finish(child);
    assert_eq!(code, Some(130));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["interrupted"], "SIGINT");
    assert!(doc.get("bundle").is_none());
    assert_eq!(
        files_in(&out_dir),
        Vec::<String>::new(),
        "nothing left behind"
    );
}
