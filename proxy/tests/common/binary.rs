//! The real `tether` binary on a free loopback port, for tests of what a process does.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct Binary {
    pub child: Child,
    pub url: String,
    pub port: u16,
    pub dir: std::path::PathBuf,
    lines: mpsc::Receiver<String>,
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Binary {
    /// Starts `tether --listen 127.0.0.1:<free> --data-dir <tmp> <args>` with `env` and waits
    /// for /healthz.
    pub async fn start(name: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("tether-bin-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_tether"))
            .args([
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--sim-speed",
                "instant",
                "--data-dir",
            ])
            .arg(&dir)
            .args(args)
            .envs(env.iter().copied())
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the tether binary starts");
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let url = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while http.get(format!("{url}/healthz")).send().await.is_err() {
            assert!(Instant::now() < deadline, "tether did not come up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self {
            child,
            url,
            port,
            dir,
            lines,
        }
    }

    /// The first line of standard output containing `needle` (waits up to 10 s).
    pub fn line_with(&self, needle: &str) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Some(line),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }
}
