//! `posdoctor profile`, and how the config is read.

use crate::common;

use common::{Env, assert_schema, json, stderr, stdout};

const KEY: &str = "0123456789ABCDEFFEDCBA9876543210";

fn init_shop(env: &Env) {
    env.cmd()
        .args([
            "profile",
            "init",
            "shop",
            "--merchant-id",
            "898310054110001",
            "--terminal-id",
            "10000001",
            "--mcc",
            "5411",
            "--currency",
            "cny",
            "--host",
            "upos.example.cn:5000",
            "--key",
            "tmk=file:keys/tmk.hex",
            "--kcv",
            "tmk=08d7b4",
            "--key",
            "tak=env:SHOP_TAK",
        ])
        .assert()
        .code(0);
}

#[test]
fn init_by_flags_then_show_and_list() {
    let env = Env::new();
    init_shop(&env);
    let text = std::fs::read_to_string(env.config_file()).unwrap();
    assert!(text.contains("default_profile = \"shop\""), "{text}");
    assert!(
        text.contains("[profiles.shop.keys.tmk]") && text.contains("kcv = \"08D7B4\""),
        "{text}"
    );
    assert!(text.contains("currency = \"CNY\""));

    let keys = env.config_dir().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    std::fs::write(keys.join("tmk.hex"), KEY).unwrap();
    set_mode(&keys.join("tmk.hex"), 0o600);

    let out = env
        .cmd()
        .env("SHOP_TAK", KEY)
        .args(["--json", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(doc["profile"], "shop");
    assert_eq!(doc["settings"]["merchant_id"], "898310054110001");
    assert_eq!(doc["keys"][0]["kcv"], "08D7B4");
    assert_eq!(doc["keys"][0]["present"], true);

    env.cmd()
        .args([
            "profile",
            "init",
            "backup",
            "--merchant-id",
            "898310058120002",
            "--terminal-id",
            "10000002",
        ])
        .assert()
        .code(0);
    let out = env.cmd().args(["profile", "list"]).output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("* shop") && text.contains("  backup"),
        "{text}"
    );
    let doc = json(
        &env.cmd()
            .args(["--json", "profile", "list"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["profiles"].as_array().unwrap().len(), 2);
    // --profile picks another one.
    let doc = json(
        &env.cmd()
            .args(["--json", "--profile", "backup", "profile", "show"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["profile"], "backup");
}

#[test]
fn init_keeps_the_rest_of_the_file_and_refuses_to_overwrite() {
    let env = Env::new();
    env.write_config(
        "# my terminals\n[profiles.old]\nmerchant_id = \"898310058120009\" # shop on 5th street\n",
    );
    init_shop(&env);
    let text = std::fs::read_to_string(env.config_file()).unwrap();
    assert!(
        text.contains("# my terminals") && text.contains("# shop on 5th street"),
        "{text}"
    );
    let again = env
        .cmd()
        .args([
            "profile",
            "init",
            "shop",
            "--merchant-id",
            "898310058120001",
            "--terminal-id",
            "10000001",
        ])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(env.config_file()).unwrap(),
        text,
        "nothing written"
    );
    env.cmd()
        .args([
            "profile",
            "init",
            "shop",
            "--merchant-id",
            "898310058120001",
            "--terminal-id",
            "10000003",
            "--force",
        ])
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(env.config_file())
            .unwrap()
            .contains("10000003")
    );
}

#[test]
fn init_without_a_terminal_names_the_missing_flags() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["profile", "init", "shop"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--merchant-id") && err.contains("--terminal-id"),
        "{err}"
    );
    assert!(!env.config_file().exists(), "nothing written");
    let zh = env
        .cmd()
        .args(["--lang", "zh", "profile", "init", "shop"])
        .output()
        .unwrap();
    assert!(stderr(&zh).contains("缺少以下值"), "{}", stderr(&zh));
}

#[test]
fn init_rejects_bad_values_by_name() {
    let env = Env::new();
    for (flag, value) in [
        ("--merchant-id", "12345"),
        ("--terminal-id", "1"),
        ("--mcc", "54x1"),
        ("--currency", "C1Y"),
        ("--host", "upos.example.cn"),
        ("--gateway-url", "ftp://gw"),
        ("--tpdu", "600003"),
        ("--app-header", "6031"),
    ] {
        let mut args = vec![
            "profile",
            "init",
            "shop",
            "--merchant-id",
            "898310058120001",
            "--terminal-id",
            "10000001",
        ];
        match args.iter().position(|a| *a == flag) {
            Some(i) => args[i + 1] = value,
            None => args.extend([flag, value]),
        }
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        assert!(stderr(&out).contains(value), "{flag}: {}", stderr(&out));
        assert!(!env.config_file().exists(), "nothing written for {flag}");
    }
    let bad_name = env
        .cmd()
        .args([
            "profile",
            "init",
            "a b",
            "--merchant-id",
            "898310058120001",
            "--terminal-id",
            "10000001",
        ])
        .output()
        .unwrap();
    assert_eq!(bad_name.status.code(), Some(2));
}

#[test]
fn malformed_config_names_file_line_and_field() {
    let env = Env::new();
    let path = env.write_config("[profiles.shop]\nmerchant_id = \"898310058120001\"\nmcc = 5411\n");
    for args in [vec!["profile", "show"], vec!["profile", "list"]] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(
            err.contains("line 3") && err.contains("profiles.shop.mcc"),
            "{err}"
        );
    }
    let zh = env
        .cmd()
        .args(["--lang", "zh", "profile", "show"])
        .output()
        .unwrap();
    assert!(stderr(&zh).contains("第 3 行"), "{}", stderr(&zh));
    // An unknown field, and --config pointing elsewhere.
    let other = env.path().join("other.toml");
    std::fs::write(&other, "[profiles.a]\nmerchant_idd = \"1\"\n").unwrap();
    let out = env
        .cmd()
        .args(["--config", other.to_str().unwrap(), "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("merchant_idd") && stderr(&out).contains("other.toml"));
}

#[test]
fn keys_never_appear_in_any_output() {
    let env = Env::new();
    // Pasted into the config by mistake, in several shapes.
    for text in [
        format!("[profiles.s]\nmerchant_id = \"898310058120001\"\nkeys.tmk = \"{KEY}\"\n"),
        format!("[profiles.s.keys.tmk]\nvalue = \"{KEY}\"\n"),
        format!("[profiles.s.keys.tmk]\nfile = \"{KEY}\"\nkcv = \"{KEY}\"\n"),
    ] {
        env.write_config(&text);
        for lang in ["en", "zh"] {
            for args in [
                vec!["profile", "show"],
                vec!["--json", "profile", "show"],
                vec!["-v", "profile", "list"],
            ] {
                let out = env
                    .cmd()
                    .args(["--lang", lang])
                    .args(&args)
                    .output()
                    .unwrap();
                let all = format!("{}{}", stdout(&out), stderr(&out));
                assert!(
                    !all.contains(KEY) && !all.contains(&KEY[..16]),
                    "key leaked: {all}"
                );
            }
        }
    }
    // Given on the command line instead of a reference.
    for given in [
        format!("tmk={KEY}"),
        KEY.to_string(),
        format!("{KEY}=file:x"),
    ] {
        for flag in ["--key", "--kcv"] {
            let out = env
                .cmd()
                .args([
                    "profile",
                    "init",
                    "x",
                    "--merchant-id",
                    "898310058120001",
                    "--terminal-id",
                    "10000001",
                    flag,
                    &given,
                ])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2));
            assert!(!stderr(&out).contains(&KEY[..10]), "{}", stderr(&out));
        }
    }
    // A real key file and variable: shown masked, with the KCV only.
    env.write_config("[profiles.s.keys.tmk]\nfile = \"tmk.hex\"\nkcv = \"08D7B4\"\n[profiles.s.keys.tak]\nenv = \"S_TAK\"\n");
    std::fs::write(env.config_dir().join("tmk.hex"), KEY).unwrap();
    for args in [vec!["profile", "show"], vec!["--json", "profile", "show"]] {
        let out = env.cmd().env("S_TAK", KEY).args(&args).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!all.contains(KEY) && all.contains("08D7B4"), "{all}");
    }
}

#[cfg(unix)]
fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_draws_a_warning() {
    let env = Env::new();
    env.write_config("[profiles.s.keys.tmk]\nfile = \"tmk.hex\"\n");
    let key = env.config_dir().join("tmk.hex");
    std::fs::write(&key, KEY).unwrap();
    set_mode(&key, 0o644);
    let out = env
        .cmd()
        .args(["--json", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not fail the run"
    );
    let doc = json(&out);
    assert_eq!(doc["status"], "warn");
    assert_eq!(doc["findings"][0]["id"], "profile.key.permissions");
    let text = stdout(&env.cmd().args(["profile", "show"]).output().unwrap());
    assert!(
        text.contains("chmod 600") && text.contains("0644"),
        "{text}"
    );
    env.cmd()
        .args(["--strict", "profile", "show"])
        .assert()
        .code(1);
    set_mode(&key, 0o600);
    let doc = json(
        &env.cmd()
            .args(["--json", "profile", "show"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["status"], "ok");
}

#[test]
fn a_missing_key_fails_and_links_to_the_fix() {
    let env = Env::new();
    env.write_config("[profiles.s.keys.tpk]\nenv = \"NOT_SET_ANYWHERE\"\n");
    let out = env
        .cmd()
        .args(["--json", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_schema(&doc);
    assert_eq!(
        doc["findings"][0]["fix"],
        "posdoctor fix declined --cause merchant-params"
    );
}

#[test]
fn no_config_yet_is_explained() {
    let env = Env::new();
    let out = env.cmd().args(["profile", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("profile init"));
    let list = env.cmd().args(["profile", "list"]).output().unwrap();
    assert_eq!(list.status.code(), Some(0));
    assert!(stdout(&list).contains("profile init"));
}

#[test]
fn key_check_values_are_computed_and_compared() {
    let env = Env::new();
    env.write_config(
        "[profiles.s.keys.tmk]\nfile = \"tmk.hex\"\nkcv = \"08D7B4\"\n\
         [profiles.s.keys.tak]\nenv = \"S_TAK\"\nkcv = \"123456\"\n\
         [profiles.s.keys.tdk]\nenv = \"S_TDK\"\nalgorithm = \"aes\"\n",
    );
    std::fs::write(env.config_dir().join("tmk.hex"), format!("{KEY}\n")).unwrap();
    set_mode(&env.config_dir().join("tmk.hex"), 0o600);
    let aes = "2B7E151628AED2A6ABF7158809CF4F3C";
    let out = env
        .cmd()
        .env("S_TAK", KEY)
        .env("S_TDK", aes)
        .args(["--json", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a KCV mismatch fails");
    let doc = json(&out);
    assert_schema(&doc);
    let keys = doc["keys"].as_array().unwrap();
    let by = |n: &str| keys.iter().find(|k| k["name"] == n).unwrap().clone();
    assert_eq!(by("tmk")["computed_kcv"], "08D7B4");
    assert_eq!(by("tak")["computed_kcv"], "08D7B4");
    assert_eq!(by("tdk")["computed_kcv"], "7AD386C376");
    let f = &doc["findings"][0];
    assert_eq!(f["id"], "profile.key.kcv");
    assert_eq!(f["target"], "tak");
    assert_eq!(f["fix"], "posdoctor fix declined --cause merchant-params");
    let all = format!("{doc}");
    assert!(!all.contains(KEY) && !all.contains(aes));
    // A malformed key is reported without being shown.
    let bad = format!("{}XYZ", &KEY[..29]);
    let out = env
        .cmd()
        .env("S_TAK", &bad)
        .env("S_TDK", aes)
        .args(["profile", "show"])
        .output()
        .unwrap();
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!text.contains(&bad[..20]), "{text}");
}

/// The framing a terminal uses (TPDU, application header) is a flag like every other value,
/// kept as typed in upper case; the key's check value goes with its key.
#[test]
fn init_takes_the_framing_and_the_key_check_value_as_flags() {
    let env = Env::new();
    let flags = "profile init shop --merchant-id 898310058120001 --terminal-id 10000001 \
                 --tpdu 6000050000 --app-header 603100000001 --key tmk=env:SHOP_TMK \
                 --kcv tmk=08d7b4";
    env.cmd().args(flags.split_whitespace()).assert().success();
    let config = std::fs::read_to_string(env.config_file()).unwrap();
    for want in [
        "tpdu = \"6000050000\"",
        "app_header = \"603100000001\"",
        "08D7B4",
    ] {
        assert!(config.contains(want), "{want}: {config}");
    }
}
