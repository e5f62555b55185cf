//! The real `tether` binary on a free loopback port, for tests of what a process does: its
//! output (stdout and stderr, read as it comes so a trace log never stalls it) is kept for
//! [`Binary::line_with`] and [`Binary::stop`].

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Binary {
    pub child: Child,
    pub url: String,
    pub port: u16,
    pub dir: PathBuf,
    output: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
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

/// Copies everything `from` yields into `into`, on its own thread.
fn drain(from: impl Read + Send + 'static, into: &Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    let into = into.clone();
    std::thread::spawn(move || {
        let mut from = from;
        let mut chunk = [0_u8; 8192];
        while let Ok(n) = from.read(&mut chunk) {
            if n == 0 {
                break;
            }
            into.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    })
}

impl Binary {
    /// Starts `tether --listen 127.0.0.1:<free> --data-dir <fresh tmp> <args>` with `env` and
    /// waits for /healthz.
    pub async fn start(name: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("tether-bin-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Self::start_in(dir, args, env).await
    }

    /// As [`Binary::start`], with the data directory `dir` as it is (users added beforehand).
    pub async fn start_in(dir: PathBuf, args: &[&str], env: &[(&str, &str)]) -> Self {
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
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the tether binary starts");
        let output = Arc::new(Mutex::new(Vec::new()));
        let readers = vec![
            drain(child.stdout.take().expect("stdout is piped"), &output),
            drain(child.stderr.take().expect("stderr is piped"), &output),
        ];
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
            output,
            readers,
        }
    }

    /// The first whole line of output containing `needle` (waits up to 10 s).
    pub fn line_with(&self, needle: &str) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned();
            // Only lines already ended: the last one may still be arriving.
            let whole = text.rsplit_once('\n').map_or("", |(done, _)| done);
            if let Some(line) = whole.lines().find(|l| l.contains(needle)) {
                return Some(line.to_owned());
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Ends the process (SIGKILL) and returns everything it wrote.
    pub fn stop(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }
}
