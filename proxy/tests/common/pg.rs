//! A throwaway PostgreSQL cluster for the store and replica tests: `initdb` into a temporary
//! directory, `pg_ctl start` on a free loopback port (as the `postgres` user when the tests
//! run as root: the server refuses root), one fresh database per test. One cluster per test
//! binary, started by the first test that asks; a watchdog process stops it and deletes its
//! directory when the test process exits, however it exits (a static is never dropped).
//!
//! The binaries come from `TETHER_PG_BIN` (`cargo xtask test` sets it after installing
//! Debian's `postgresql`), else Debian's default location. Without either, the PostgreSQL
//! half of the tests is skipped with a note; with `TETHER_PG_BIN` set, a missing server fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use tether::store::DatabaseUrl;

const DEBIAN_BIN: &str = "/usr/lib/postgresql/15/bin";

/// A running cluster.
pub struct Cluster {
    port: u16,
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `program args...`, as the postgres user when we are root.
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(what: &str, cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn bin_dir() -> Option<PathBuf> {
    match std::env::var_os("TETHER_PG_BIN") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.join("initdb").exists(),
                "TETHER_PG_BIN={} holds no initdb",
                dir.display()
            );
            Some(dir)
        }
        None => Some(PathBuf::from(DEBIAN_BIN)).filter(|d| d.join("initdb").exists()),
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
}

impl Cluster {
    fn start(bin: &Path) -> Self {
        let dir = std::env::temp_dir().join(format!("tether-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sock")).expect("cluster directory");
        if is_root() {
            run(
                "chown the cluster directory",
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&dir),
            );
        }
        let data = dir.join("data");
        run(
            "initdb",
            as_server_user(&bin.join("initdb"))
                .args([
                    "-U",
                    "tether",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "-D",
                ])
                .arg(&data),
        );
        let port = free_port();
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            dir.join("sock").display()
        );
        run(
            "pg_ctl start",
            as_server_user(&bin.join("pg_ctl"))
                .args(["-w", "-D"])
                .arg(&data)
                .args(["-l"])
                .arg(dir.join("server.log"))
                .args(["-o", &options, "start"]),
        );
        // Stops the cluster and deletes it once this process is gone.
        let stop = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {runuser} {pg_ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
            pid = std::process::id(),
            runuser = if is_root() {
                "runuser -u postgres --"
            } else {
                ""
            },
            pg_ctl = bin.join("pg_ctl").display(),
            data = data.display(),
            dir = dir.display(),
        );
        // Never waited for: it must outlive this process (init reaps it).
        #[allow(clippy::zombie_processes)]
        Command::new("sh")
            .args(["-c", &stop])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the cluster's watchdog starts");
        Self { port }
    }

    /// The URL of database `name` on this cluster.
    pub fn url(&self, name: &str) -> DatabaseUrl {
        DatabaseUrl::parse(&format!("postgres://tether@127.0.0.1:{}/{name}", self.port))
            .expect("a valid URL")
    }

    /// A new, empty database; its URL.
    pub async fn database(&self, label: &str) -> DatabaseUrl {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "t{}_{}",
            NEXT.fetch_add(1, Ordering::Relaxed),
            label
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(40)
                .collect::<String>()
        )
        .to_ascii_lowercase();
        let DatabaseUrl::Postgres(config) = self.url("postgres") else {
            unreachable!()
        };
        let (client, connection) = config
            .connect(tokio_postgres::NoTls)
            .await
            .expect("connects to the test cluster");
        tokio::spawn(connection);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("creates a database");
        self.url(&name)
    }
}

/// The cluster of this test binary, or `None` (with a note) when PostgreSQL is not installed.
pub fn cluster() -> Option<&'static Cluster> {
    static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();
    CLUSTER
        .get_or_init(|| match bin_dir() {
            Some(bin) => Some(Cluster::start(&bin)),
            None => {
                eprintln!(
                    "PostgreSQL tests skipped: no {DEBIAN_BIN}/initdb and no TETHER_PG_BIN \
                     (`cargo xtask test` installs it)"
                );
                None
            }
        })
        .as_ref()
}
