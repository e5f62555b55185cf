//! `cargo xtask dist`: a release people can install. Writes
//! `target/dist/tether-<version>-<target>.tar.gz` holding the single binary (the app embedded),
//! the example configuration, the hardened systemd unit (`deploy/tether.service`, a system user
//! of its own, its state directory 0700) and the
//! README's deployment part as DEPLOY.md; then unpacks it elsewhere and checks that the binary,
//! started from another directory, serves the console.

use crate::shell::{cmd, root, run};
use std::io::Read;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The README's sections a person deploying Tether needs, from the first to the one before
/// the last named here.
const DEPLOY_FROM: &str = "## Pointing it at real Alibaba Cloud";
const DEPLOY_UNTIL: &str = "## Layout";

/// The README's deployment part: from [`DEPLOY_FROM`] up to [`DEPLOY_UNTIL`].
pub fn deploy_part(readme: &str) -> Result<String, String> {
    let start = readme
        .find(DEPLOY_FROM)
        .ok_or_else(|| format!("README.md has no {DEPLOY_FROM:?} section"))?;
    let end = readme[start..]
        .find(DEPLOY_UNTIL)
        .map(|n| start + n)
        .ok_or_else(|| format!("README.md has no {DEPLOY_UNTIL:?} section after it"))?;
    Ok(format!(
        "# Deploying Tether\n\nFrom the project's README; `tether.service` is the systemd unit.\n\n{}",
        readme[start..end].trim_end()
    ))
}

/// The host's target triple, as rustc names it.
fn host_triple() -> Result<String, String> {
    let out = cmd("rustc", &["-vV"])
        .output()
        .map_err(|e| format!("rustc -vV: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_owned)
        .ok_or_else(|| "rustc -vV named no host".into())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

/// Builds the release archive and checks it; returns its path.
pub fn dist() -> Result<PathBuf, String> {
    crate::tools::ensure_all(false)?;
    crate::app::build_app()?;
    // Release builds embed dist/ (proxy/src/routes/assets.rs).
    run(
        "building the proxy (release, the app embedded)",
        &mut cmd("cargo", &["build", "--release", "-p", "tether"]),
    )?;
    let name = format!("tether-{}-{}", env!("CARGO_PKG_VERSION"), host_triple()?);
    let out = root().join("target/dist");
    let stage = out.join(&name);
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage).map_err(|e| format!("creating {}: {e}", stage.display()))?;
    copy(&root().join("target/release/tether"), &stage.join("tether"))?;
    copy(
        &root().join("tether.example.toml"),
        &stage.join("tether.example.toml"),
    )?;
    copy(
        &root().join("deploy/tether.service"),
        &stage.join("tether.service"),
    )?;
    let readme = std::fs::read_to_string(root().join("README.md"))
        .map_err(|e| format!("reading README.md: {e}"))?;
    std::fs::write(stage.join("DEPLOY.md"), deploy_part(&readme)?)
        .map_err(|e| format!("writing DEPLOY.md: {e}"))?;
    let archive = out.join(format!("{name}.tar.gz"));
    run(
        &format!("packing {}", archive.display()),
        cmd("tar", &["-czf"])
            .arg(&archive)
            .arg("-C")
            .arg(&out)
            .arg(&name),
    )?;
    check(&archive, &name)?;
    println!("==> {}", archive.display());
    Ok(archive)
}

/// Unpacks `archive` in a fresh directory and runs its binary from another one: `/` must be
/// the console's page and `/healthz` must answer.
fn check(archive: &Path, name: &str) -> Result<(), String> {
    let place = std::env::temp_dir().join(format!("tether-dist-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&place);
    std::fs::create_dir_all(&place).map_err(|e| format!("creating {}: {e}", place.display()))?;
    run(
        "unpacking the archive elsewhere",
        cmd("tar", &["-xzf"]).arg(archive).arg("-C").arg(&place),
    )?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())?;
    let data = place.join("data");
    let mut child = cmd(
        place.join(name).join("tether").to_string_lossy().as_ref(),
        &[],
    )
    .args(["--listen", &format!("127.0.0.1:{port}"), "--data-dir"])
    .arg(&data)
    // Not the project's directory: the app must come from inside the binary.
    .current_dir("/")
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .map_err(|e| format!("starting the unpacked binary: {e}"))?;
    let result = serves_console(port);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&place);
    result
}

/// A bare HTTP/1.1 GET on loopback: the status line and the body.
fn get(port: u16, path: &str) -> std::io::Result<(String, String)> {
    use std::io::Write;
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut text = String::new();
    s.read_to_string(&mut text)?;
    let status = text.lines().next().unwrap_or_default().to_owned();
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    Ok((status, body))
}

fn serves_console(port: u16) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(port, "/healthz").is_err() {
        if Instant::now() > deadline {
            return Err("the unpacked binary never answered".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, body) = get(port, "/").map_err(|e| format!("GET /: {e}"))?;
    if !status.contains(" 200 ") || !body.contains("<html") {
        return Err(format!("GET / from the unpacked binary: {status}"));
    }
    println!("==> the unpacked binary, run from /, serves the console ({status})");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deploy_part_is_the_readmes_deployment_sections() {
        let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
        let part = deploy_part(&readme).unwrap();
        assert!(part.contains(DEPLOY_FROM));
        assert!(
            part.contains("## Security model"),
            "the security model is part of deploying"
        );
        assert!(!part.contains(DEPLOY_UNTIL));
        assert!(deploy_part("# nothing here").is_err());
    }

    #[test]
    fn the_systemd_unit_is_hardened_and_keeps_the_secret_out_of_the_environment() {
        let unit = std::fs::read_to_string(root().join("deploy/tether.service")).unwrap();
        for line in [
            "User=tether",
            "StateDirectory=tether",
            "WorkingDirectory=/var/lib/tether",
            "StateDirectoryMode=0700",
            "ProtectSystem=strict",
            "NoNewPrivileges=yes",
            "LoadCredential=alibaba-secret:/etc/tether/alibaba-secret",
            "Environment=TETHER_ACCESS_KEY_SECRET_FILE=%d/alibaba-secret",
            "--data-dir /var/lib/tether",
        ] {
            assert!(unit.contains(line), "tether.service lacks {line}");
        }
        assert!(
            !unit.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET="),
            "no secret in the unit"
        );
    }
}
