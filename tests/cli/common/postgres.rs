//! A real PostgreSQL server for the tests, on loopback: a data directory in a temporary
//! directory (a copy of one made by `initdb` once), a free port,
//! `listen_addresses=127.0.0.1`, its socket in the same directory; as `nobody` when the
//! tests run as root (PostgreSQL refuses to run as root). One server per test process
//! ([`Server::shared`]), a database per test ([`Server::database`]).
//!
//! The binaries are looked for on PATH, in /usr/local/bin and in Debian's
//! /usr/lib/postgresql/*/bin. Without them the PostgreSQL half of a test is skipped with a
//! note on stderr, so `cargo test` runs on a machine with only the Rust toolchain; with
//! `POSDOCTOR_REQUIRE_POSTGRES=1` (set by CI, which installs Debian's package) it fails
//! instead.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
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
    let dir = candidates
        .into_iter()
        .find(|d| d.join("initdb").is_file() && d.join("postgres").is_file())?;
    // Where the links lead (/usr/local/bin/initdb to Debian's directory): psql and pg_dump
    // are beside the real binaries, and the directory names the version.
    std::fs::canonicalize(dir.join("initdb"))
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| d.join("postgres").is_file())
        .or(Some(dir))
}

/// The binaries' directory, or `None` (with a note) when they are missing and skipping is
/// allowed.
fn bin_or_skip() -> Option<PathBuf> {
    let bin = find_bin();
    if bin.is_none() {
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
    }
    bin
}

fn chown(user: Option<u32>, path: &Path) {
    if let Some(uid) = user {
        let ok = Command::new("chown")
            .arg(format!("{uid}:{uid}"))
            .arg(path)
            .status()
            .unwrap()
            .success();
        assert!(ok, "chown of {}", path.display());
    }
}

/// A data directory made by `initdb` once per build directory and server version, owned by
/// the server's user, that servers start from a copy of. Made under another name and
/// renamed into place, so test processes starting at once never see half of one.
fn template(bin: &Path, user: Option<u32>) -> PathBuf {
    let version = bin
        .parent()
        .and_then(|p| p.file_name())
        .map(|v| v.to_string_lossy().into_owned())
        .unwrap_or_default();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let ready = root.join(format!("postgres-template-{version}-{}", user.unwrap_or(0)));
    if ready.join("data").join("PG_VERSION").is_file() {
        return ready.join("data");
    }
    std::fs::create_dir_all(root).unwrap();
    let work = tempfile::Builder::new()
        .prefix("postgres-template-")
        .tempdir_in(root)
        .unwrap();
    chown(user, work.path());
    let pwfile = work.path().join("pw");
    std::fs::write(&pwfile, PASSWORD).unwrap();
    chown(user, &pwfile);
    let mut initdb = as_user(user, &bin.join("initdb"));
    initdb
        .arg("-D")
        .arg(work.path().join("data"))
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
        .arg(format!("--pwfile={}", pwfile.display()));
    output(initdb, "initdb");
    let _ = std::fs::remove_file(&pwfile);
    // Another process may have been first: its template is as good.
    let work = work.keep();
    if std::fs::rename(&work, &ready).is_err() {
        let _ = std::fs::remove_dir_all(&work);
    }
    assert!(ready.join("data").join("PG_VERSION").is_file());
    ready.join("data")
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
        let bin = bin_or_skip()?;
        let dir = tempfile::Builder::new()
            .prefix("posdoctor-pg")
            .tempdir()
            .unwrap();
        let user = is_root().then_some(65534u32);
        chown(user, dir.path());
        let data = dir.path().join("data");
        // A copy of a data directory made once (initdb takes seconds, a copy a fraction).
        let template = template(&bin, user);
        let ok = Command::new("cp")
            .arg("-a")
            .arg(&template)
            .arg(&data)
            .status()
            .unwrap()
            .success();
        assert!(ok, "copy of the server's template data directory");
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
            .stdin(Stdio::null())
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

    /// The server this test process shares between its tests (each in a database of its
    /// own, see [`Server::database`]), started at first use; `None` as [`Server::start`].
    /// A static is never dropped, so a watchdog stops the server and removes its directory
    /// once the test process has exited, however it ended.
    pub fn shared() -> Option<&'static Server> {
        static SHARED: OnceLock<Option<Server>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                let server = Server::start()?;
                let pg = server.child.as_ref().map(Child::id).unwrap_or_default();
                // Never waited for: it outlives this process by design, to stop the server
                // after the exit.
                #[allow(clippy::zombie_processes)]
                let _watchdog = Command::new("sh")
                    .arg("-c")
                    .arg(
                        "while kill -0 \"$1\" 2>/dev/null; do sleep 0.2; done; \
                         kill -INT \"$2\" 2>/dev/null; i=0; \
                         while kill -0 \"$2\" 2>/dev/null && [ $i -lt 100 ]; do \
                         sleep 0.1; i=$((i+1)); done; \
                         kill -KILL \"$2\" 2>/dev/null; rm -rf \"$3\"",
                    )
                    .arg("watchdog")
                    .arg(std::process::id().to_string())
                    .arg(pg.to_string())
                    .arg(server.dir.path())
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("the server's watchdog starts");
                Some(server)
            })
            .as_ref()
    }

    /// A new, empty database with a name of its own in this process; its name.
    pub fn database(&self) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        self.create_database(&name);
        name
    }

    /// A client program beside the server's binaries, else from PATH.
    fn tool(&self, name: &str) -> PathBuf {
        let beside = self.bin.join(name);
        if beside.is_file() {
            return beside;
        }
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(name))
            .find(|p| p.is_file())
            .unwrap_or_else(|| PathBuf::from(name))
    }

    /// `psql` as the superuser through the trusted socket, unaligned and without headers;
    /// stops at the first error.
    fn psql(&self, database: &str) -> Command {
        let mut c = as_user(self.user, &self.tool("psql"));
        c.arg("-h")
            .arg(self.dir.path())
            .args(["-p", &self.port.to_string(), "-U", "postgres", "-d"])
            .arg(database)
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]);
        c
    }

    /// Runs `sql` in `database`; what it printed (one row a line, `|` between columns).
    pub fn sql(&self, database: &str, sql: &str) -> String {
        let mut psql = self.psql(database);
        psql.arg("-c").arg(sql);
        String::from_utf8(output(psql, &format!("psql {sql}"))).unwrap()
    }

    /// Everything `database` holds, as `pg_dump` writes it (schema and rows, as text).
    pub fn dump(&self, database: &str) -> Vec<u8> {
        let mut pg_dump = as_user(self.user, &self.tool("pg_dump"));
        pg_dump
            .arg("-h")
            .arg(self.dir.path())
            .args(["-p", &self.port.to_string(), "-U", "postgres", "-d"])
            .arg(database);
        output(pg_dump, "pg_dump")
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

    /// Creates `name` as a new, empty database (through the trusted socket).
    pub fn create_database(&self, name: &str) {
        self.sql("postgres", &format!("CREATE DATABASE {name}"));
    }
}

/// What `command` printed on stdout; a failure ends the test with its stderr.
fn output(mut command: Command, what: &str) -> Vec<u8> {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
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
