//! A real PostgreSQL server for a test, on loopback: `initdb` in a temporary directory, a
//! free port, `listen_addresses=127.0.0.1`, its socket in the same directory; as `nobody`
//! when the tests run as root (PostgreSQL refuses to run as root). Stopped when dropped.
//!
//! The binaries are looked for on PATH, in /usr/local/bin and in Debian's
//! /usr/lib/postgresql/*/bin. Without them the PostgreSQL half of a test is skipped with a
//! note on stderr, so `cargo test` runs on a machine with only the Rust toolchain; with
//! `POSDOCTOR_REQUIRE_POSTGRES=1` (set by CI, which installs Debian's package) it fails
//! instead.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The superuser's password for TCP logins (`scram-sha-256`); the socket trusts.
pub const PASSWORD: &str = "pg-test-Secr3t";

pub struct Server {
    pub port: u16,
    pub dir: tempfile::TempDir,
    bin: PathBuf,
    child: Option<Child>,
    /// `Some(uid)` when the server runs as another user than the tests.
    user: Option<u32>,
}

fn find_bin() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path));
    }
    candidates.push("/usr/local/bin".into());
    if let Ok(rd) = std::fs::read_dir("/usr/lib/postgresql") {
        let mut versions: Vec<PathBuf> = rd.flatten().map(|e| e.path().join("bin")).collect();
        versions.sort();
        candidates.extend(versions.into_iter().rev());
    }
    candidates
        .into_iter()
        .find(|d| d.join("initdb").is_file() && d.join("postgres").is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// A running server, or `None` when the binaries are missing and skipping is allowed.
    pub fn start() -> Option<Server> {
        let Some(bin) = find_bin() else {
            let required = std::env::var("POSDOCTOR_REQUIRE_POSTGRES").as_deref() == Ok("1");
            assert!(
                !required,
                "PostgreSQL binaries (initdb, postgres) not found on PATH, in /usr/local/bin or \
                 /usr/lib/postgresql/*/bin, and POSDOCTOR_REQUIRE_POSTGRES=1: install Debian's \
                 postgresql package"
            );
            eprintln!(
                "PostgreSQL binaries not found: the PostgreSQL test is skipped (install Debian's \
                 postgresql package to run it; CI sets POSDOCTOR_REQUIRE_POSTGRES=1)"
            );
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("posdoctor-pg")
            .tempdir()
            .unwrap();
        let user = is_root().then_some(65534u32);
        if let Some(uid) = user {
            let ok = Command::new("chown")
                .arg(format!("{uid}:{uid}"))
                .arg(dir.path())
                .status()
                .unwrap()
                .success();
            assert!(ok, "chown of the server's directory");
        }
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, PASSWORD).unwrap();
        if let Some(uid) = user {
            let _ = Command::new("chown")
                .arg(format!("{uid}:{uid}"))
                .arg(&pwfile)
                .status();
        }
        let data = dir.path().join("data");
        let out = as_user(user, &bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "--no-locale",
                "-E",
                "UTF8",
                "--no-sync",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
            ])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let child = as_user(user, &bin.join("postgres"))
            .arg("-D")
            .arg(&data)
            .arg("-p")
            .arg(port.to_string())
            .args(["-c", "listen_addresses=127.0.0.1"])
            .arg("-c")
            .arg(format!("unix_socket_directories={}", dir.path().display()))
            .args(["-c", "fsync=off", "-c", "max_connections=60"])
            .args(["-c", "shared_buffers=32MB"])
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(dir.path().join("server.log")).unwrap(),
            ))
            .spawn()
            .unwrap();
        let mut server = Server {
            port,
            dir,
            bin,
            child: Some(child),
            user,
        };
        server.wait_ready();
        Some(server)
    }

    /// Waits (bounded) until the server accepts logins.
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let ready = self.bin.join("pg_isready");
        loop {
            let ok = if ready.is_file() {
                Command::new(&ready)
                    .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-q"])
                    .status()
                    .map(|s| s.success())
                    .unwrap_or(false)
            } else {
                std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok()
            };
            if ok {
                return;
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(|c| c.try_wait()) {
                let log =
                    std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
                panic!("postgres exited ({status}): {log}");
            }
            assert!(Instant::now() < deadline, "postgres did not start in 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A URL for `database` without the password (it comes from `PGPASSWORD`).
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// `posdoctor` against this server: `--db` from `POSDOCTOR_DB`, the password from
    /// `PGPASSWORD`.
    pub fn cmd(&self, env: &super::Env) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd(env))
    }

    pub fn std_cmd(&self, env: &super::Env) -> Command {
        let mut c = env.std_cmd();
        c.env("POSDOCTOR_DB", self.url("postgres"))
            .env("PGPASSWORD", PASSWORD)
            .env_remove("PGUSER")
            .env_remove("PGHOST")
            .env_remove("PGDATABASE")
            .env_remove("PGPASSFILE");
        c
    }

    /// Creates `name` as a new, empty database (through the trusted socket).
    pub fn create_database(&self, name: &str) {
        let psql = self.bin.join("psql");
        let psql = if psql.is_file() {
            psql
        } else {
            PathBuf::from("psql")
        };
        let out = as_user(self.user, &psql)
            .args(["-h"])
            .arg(self.dir.path())
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "postgres",
            ])
            .args(["-v", "ON_ERROR_STOP=1", "-c"])
            .arg(format!("CREATE DATABASE {name}"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "createdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `program`, as `uid` when given (setpriv execs, so the child is the program itself).
fn as_user(uid: Option<u32>, program: &Path) -> Command {
    match uid {
        Some(uid) => {
            let mut c = Command::new("setpriv");
            c.arg(format!("--reuid={uid}"))
                .arg(format!("--regid={uid}"))
                .arg("--clear-groups")
                .arg("--")
                .arg(program)
                .env("HOME", "/tmp");
            c
        }
        None => Command::new(program),
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SIGINT: a fast shutdown; then a bounded wait, then SIGKILL.
            let _ = Command::new("kill")
                .arg("-INT")
                .arg(child.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
