//! Runs the built binary the way a user would, in a clean environment: no locale or
//! POSDOCTOR_* variables from the machine, and config/data directories of the test's own.

#![allow(dead_code)]

pub mod db;
pub mod dns;
pub mod postgres;
pub mod servers;

use std::path::{Path, PathBuf};

pub struct Env {
    pub dir: tempfile::TempDir,
    /// Set on every command: the database of [`Env::on`] and how to log in to it.
    db: Vec<(&'static str, String)>,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
            db: Vec::new(),
        }
    }

    /// A clean environment whose commands keep their journal and incident log on `backend`
    /// (the default SQLite file, or a database of its own on the test server).
    pub fn on(backend: &db::Backend) -> Env {
        Env {
            db: backend.vars(),
            ..Env::new()
        }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config").join("posdoctor")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        std::fs::create_dir_all(self.config_dir()).unwrap();
        std::fs::write(self.config_file(), text).unwrap();
        self.config_file()
    }

    /// `posdoctor` with English, UTF-8, no colors, and this test's XDG directories.
    pub fn cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd())
    }

    /// The same as [`Env::cmd`], as a `std::process::Command` for spawning and killing.
    pub fn std_cmd(&self) -> std::process::Command {
        #[allow(deprecated)]
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("posdoctor"));
        for (k, _) in std::env::vars() {
            if k.starts_with("POSDOCTOR_") || k.starts_with("LC_") || k == "LANG" || k == "NO_COLOR"
            {
                c.env_remove(k);
            }
        }
        c.env("LANG", "en_US.UTF-8")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("COLUMNS", "80")
            // Times in output and records are local: the same zone on every machine.
            .env("TZ", "UTC")
            // The merchant's today, for when a sale is due and whether it is overdue: the
            // day the tests' sales were written for, whatever the calendar says when they
            // run (a test that needs another day sets its own).
            .env("POSDOCTOR_TODAY", "2026-11-23");
        if !self.db.is_empty() {
            for k in ["PGUSER", "PGHOST", "PGPORT", "PGDATABASE", "PGPASSFILE"] {
                c.env_remove(k);
            }
            c.envs(self.db.iter().map(|(k, v)| (k, v)));
        }
        c
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

/// stderr with its line breaks and runs of spaces folded into single spaces, to find a phrase
/// the terminal width may have wrapped.
pub fn stderr_flat(out: &std::process::Output) -> String {
    stderr(out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Imports one approved sale of 100.00 on 2026-11-20 (terminal 10000001, RRN 000000000001)
/// into the test's journal.
pub fn import_one_sale(env: &Env) {
    let sales = env.path().join("sales.csv");
    std::fs::write(
        &sales,
        "交易日期,交易时间,终端号,凭证号,参考号,交易金额,交易类型\n2026-11-20,10:00:01,10000001,000001,000000000001,100.00,消费\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["txn", "import"])
        .arg(&sales)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

pub fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

/// Validates a document against the published report schema (docs/report.schema.json).
pub fn assert_schema(doc: &serde_json::Value) {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "JSON does not match docs/report.schema.json: {errors:#?}\n{doc:#}"
    );
}

/// `text` as one line per paragraph: the wrapper's line breaks (and the indent after them)
/// taken out, so a test can look for a phrase wherever the terminal's width broke it. A
/// break after a Chinese character joins without a space, as Chinese is written.
pub fn unwrapped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        let piece = if i == 0 { line } else { line.trim_start() };
        if i > 0 {
            let cjk = |c: char| c as u32 >= 0x2E80;
            let joins_tight = out.chars().last().is_some_and(cjk)
                || piece.chars().next().is_some_and(cjk)
                || out.ends_with('|')
                || out.ends_with('/');
            if !joins_tight && !out.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(piece);
    }
    out
}

/// Every command path (`["txn", "status"]`), from the command definition itself.
pub fn command_paths(lang: posdoctor::i18n::Lang) -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&posdoctor::cli::command(lang), Vec::new(), &mut out);
    out
}

/// Waits (bounded) for the child to end; its exit code and stdout.
pub fn finish(mut child: std::process::Child) -> (Option<i32>, String) {
    use std::io::Read;
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("still running 20 s after the signal");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    (child.wait().unwrap().code(), out)
}
