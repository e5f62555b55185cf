//! The official Alibaba Cloud Python SDKs against `tether-sim`: installs them into a
//! project-local virtualenv from PyPI (pinned versions), starts the simulator and runs
//! tests/sdk/official_sdk.py: every item of issue 15 the SDKs can reach, once with V3 and once
//! with V1 signatures. The simulator runs as an STS key (`--security-token`), so every SDK
//! request carries the token and the script checks that a wrong or missing one is refused.

use crate::shell::{cmd, on_path, root, run, tools_dir};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The SDK packages, pinned to the versions the API reference was written from.
const PACKAGES: &[&str] = &[
    "alibabacloud_ecs20140526==7.11.8",
    "alibabacloud_vpc20160428==7.2.2",
];

fn ensure_venv() -> Result<String, String> {
    let venv = tools_dir().join("sdk-venv");
    let python = venv.join("bin/python");
    let python_s = python.to_string_lossy().into_owned();
    let ready = cmd(
        &python_s,
        &[
            "-c",
            "import alibabacloud_ecs20140526, alibabacloud_vpc20160428",
        ],
    )
    .stderr(Stdio::null())
    .status()
    .is_ok_and(|s| s.success());
    if ready {
        return Ok(python_s);
    }
    if !on_path("python3") {
        return Err("python3 is needed for the SDK compatibility check: apt-get install -y python3 python3-venv".into());
    }
    let venv_s = venv.to_string_lossy().into_owned();
    run(
        "creating .tools/sdk-venv (official Alibaba SDKs for the compatibility check)",
        &mut cmd("python3", &["-m", "venv", &venv_s]),
    )?;
    let mut args = vec![
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ];
    args.extend(PACKAGES);
    run(
        "installing the official Alibaba Cloud ECS and VPC Python SDKs from PyPI",
        &mut cmd(&python_s, &args),
    )?;
    Ok(python_s)
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// Runs the check; the simulator is stopped whatever happens.
pub fn check() -> Result<(), String> {
    let python = ensure_venv()?;
    run(
        "building tether-sim",
        &mut cmd(
            "cargo",
            &["build", "-p", "tether-sim", "--bin", "tether-sim"],
        ),
    )?;
    let port = free_port()?;
    let (key, secret) = ("SDKCHECKKEY01", format!("sdk-check-{}", std::process::id()));
    let token = format!("CAIS-sdk-check-{}", std::process::id());
    let sim_bin = root().join("target/debug/tether-sim");
    let mut sim = cmd(sim_bin.to_string_lossy().as_ref(), &[])
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--access-key",
            &format!("{key}:{secret}"),
            "--speed",
            "instant",
            "--security-token",
            &token,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting tether-sim: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let result = run(
        "official Alibaba SDKs (V3 and V1) against tether-sim",
        cmd(&python, &["tests/sdk/official_sdk.py"])
            .env("TETHER_SIM_ENDPOINT", format!("127.0.0.1:{port}"))
            .env("TETHER_SIM_KEY", key)
            .env("TETHER_SIM_SECRET", &secret)
            .env("TETHER_SIM_TOKEN", &token),
    );
    let _ = sim.kill();
    let _ = sim.wait();
    result
}
