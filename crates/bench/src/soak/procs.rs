//! The soak's processes: the simulator and the proxy binaries started, SIGKILLed and waited for.

use super::*;

pub(super) fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// The binaries under test: `target/release`, or `target/debug` for the short soak of `cargo xtask test`.
pub(super) fn binary(profile: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target")
        .join(profile)
        .join(name)
}

/// A started binary, SIGKILLed when dropped, so an early error leaves no process behind.
pub(super) struct Proc(pub(super) Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(super) fn start_sim(profile: &str, port: u16, state: &Path) -> Result<Proc, String> {
    Command::new(binary(profile, "tether-sim"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--access-key", &format!("{}:{}", KEY.0, KEY.1)])
        .args(["--speed", "instant", "--world", "generated:400:200"])
        .arg("--state")
        .arg(state)
        .stdout(Stdio::null())
        .spawn()
        .map(Proc)
        .map_err(|e| format!("starting target/{profile}/tether-sim (build it first): {e}"))
}

/// Starts the proxy and opens the sign-in link it prints (a real endpoint behind `--auth none`
/// answers `/api` only with that link's cookie); returns it with the cookie.
pub(super) async fn start_proxy(
    profile: &str,
    port: u16,
    sim_port: u16,
    data: &Path,
) -> Result<(Proc, String), String> {
    let mut child = Command::new(binary(profile, "tether"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--endpoint", &format!("http://127.0.0.1:{sim_port}")])
        .args(["--access-key-id", KEY.0, "--auth", "none"])
        .args(["--mutations-per-minute", "10000000"])
        .args(["--reads-per-minute", "10000000"])
        .arg("--data-dir")
        .arg(data)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", KEY.1)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting target/{profile}/tether (build it first): {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let proxy = Proc(child);
    let (link_tx, link_rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        let mut link_tx = Some(link_tx);
        // Read to the end, so the proxy never blocks on a full pipe.
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("Sign in")
                && let (Some(tx), Some(url)) = (link_tx.take(), line.split_whitespace().last())
            {
                let _ = tx.send(url.to_owned());
            }
        }
    });
    let link = tokio::time::timeout(Duration::from_secs(30), link_rx)
        .await
        .map_err(|_| "the proxy printed no sign-in link".to_owned())?
        .map_err(|_| "the proxy exited before printing its sign-in link".to_owned())?;
    let opener = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(30);
    let opened = loop {
        match opener.get(&link).send().await {
            Ok(r) => break r,
            Err(e) if Instant::now() > deadline => return Err(format!("{link}: {e}")),
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    let cookie = opened
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .ok_or_else(|| {
            format!(
                "the sign-in link answered {} without a cookie",
                opened.status()
            )
        })?
        .to_owned();
    Ok((proxy, cookie))
}

/// SIGKILL, then a moment for the OS to free the port before a restart on it.
pub(super) async fn kill_hard(child: &mut Proc) {
    let _ = child.0.kill();
    let _ = child.0.wait();
    tokio::time::sleep(Duration::from_millis(300)).await;
}

pub(super) async fn set_faults(
    http: &reqwest::Client,
    sim_url: &str,
    faults: &Value,
) -> Result<(), String> {
    http.post(format!("{sim_url}/_sim/faults"))
        .header(SECRET_HEADER, KEY.1)
        .json(faults)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| e.to_string())?;
    Ok(())
}

pub(super) async fn wait_ready(http: &reqwest::Client, url: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.get(url).send().await.is_err() {
        if Instant::now() > deadline {
            return Err(format!("{url} never answered"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}
