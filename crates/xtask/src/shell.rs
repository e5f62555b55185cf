//! Running commands with progress output, from the workspace root.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The workspace root (xtask lives in crates/xtask).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

/// The project-local tools folder (git-ignored).
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// PATH with the project's tools first, so Trunk finds the pinned binaries.
pub fn tools_path() -> String {
    let tools = tools_dir();
    let mut parts = vec![tools.join("bin"), tools.join("npm/node_modules/.bin")];
    if let Some(path) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(parts)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A command run from the root with the tools on PATH.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root()).env("PATH", tools_path());
    if NO_INCREMENTAL.load(Ordering::Relaxed) {
        c.env("CARGO_INCREMENTAL", "0");
    }
    c
}

/// Set by `cargo xtask test`: every cargo it starts then builds without incremental caches.
static NO_INCREMENTAL: AtomicBool = AtomicBool::new(false);

/// Makes every later `cmd` build without incremental compilation.
pub fn turn_off_incremental() {
    NO_INCREMENTAL.store(true, Ordering::Relaxed);
}

/// Runs `command`, printing what and why first; fails with a message naming the step.
pub fn run(step: &str, command: &mut Command) -> Result<(), String> {
    println!("==> {step}");
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("{step}: could not start {:?}: {e}", command.get_program()))?;
    if status.success() {
        println!("    done in {:.1}s", started.elapsed().as_secs_f64());
        Ok(())
    } else {
        Err(format!("{step} failed ({status})"))
    }
}

/// The stdout of a command, if it ran successfully.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(program, args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether a program can be found on PATH (tools folder included).
pub fn on_path(program: &str) -> bool {
    std::env::split_paths(&tools_path()).any(|dir| dir.join(program).is_file())
}

/// Runs the command its arguments name (`"$@"`) in the wrapper's place, with a watcher beside
/// it in the same process group that kills the whole group (`kill 0`) once its stdin reaches
/// end of file: xtask holds the only writing end, so that happens when xtask closes it or ends
/// however it ends (a panic, Ctrl-C, a kill). A non-interactive shell gives a background job
/// /dev/null as stdin, hence the copy on fd 3.
const WATCHED: &str = "exec 3<&0; (read -r _ <&3; kill -KILL 0) & exec \"$@\" </dev/null 3<&-";

/// `program args` as a [`Background`] command runs it, configured like [`cmd`].
pub fn background_cmd(program: &str, args: &[&str]) -> Command {
    let mut all = vec!["-c", WATCHED, "sh", program];
    all.extend(args);
    cmd("sh", &all)
}

/// A command running in the background in a process group of its own, with everything it
/// starts (cargo's rustc, cc and linker processes): dropping it before it ends kills the whole
/// group, and so does xtask's end. Killing cargo alone would leave its compilers running.
pub struct Background {
    child: Child,
    /// The watcher's stdin; closing it kills the group.
    watch: Option<ChildStdin>,
    finished: bool,
}

impl Background {
    /// Starts `command`, made by [`background_cmd`].
    pub fn spawn(mut command: Command) -> std::io::Result<Self> {
        let mut child = command.process_group(0).stdin(Stdio::piped()).spawn()?;
        let watch = child.stdin.take();
        Ok(Self {
            child,
            watch,
            finished: false,
        })
    }

    /// Waits for the command to end; what it left behind in its group is killed then.
    pub fn wait(&mut self) -> std::io::Result<ExitStatus> {
        let status = self.child.wait()?;
        self.finished = true;
        self.watch.take();
        Ok(status)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // The group is named by its leader's id, which cannot be reused before it is waited
        // for: kill first, wait after. Closing the watcher's pipe kills it too, should the
        // `kill` program be missing.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        self.watch.take();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Whether process `pid` runs (exists and is not a zombie).
    fn running(pid: u32) -> bool {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                let state = stat.rsplit_once(')')?.1.trim_start().chars().next()?;
                Some(state != 'Z' && state != 'X')
            })
            .unwrap_or(false)
    }

    /// A background `sh` that starts a `sleep` of its own (as cargo starts rustc) and writes
    /// its id into a file; returns both.
    fn with_grandchild(name: &str) -> (Background, u32) {
        let file = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_file(&file);
        let script = "sleep 300 & echo $! > \"$1\"; wait";
        let path = file.to_string_lossy().into_owned();
        let command = background_cmd("sh", &["-c", script, "sh", &path]);
        let background = Background::spawn(command).unwrap();
        for _ in 0..100 {
            if let Some(pid) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| t.trim().parse().ok())
            {
                let _ = std::fs::remove_file(&file);
                return (background, pid);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the background command never started its child");
    }

    fn ends_soon(pid: u32) -> bool {
        (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            !running(pid)
        })
    }

    #[test]
    fn dropping_a_background_command_kills_what_it_started() {
        // Review, 2026-11-30: killing the background cargo left its rustc processes running.
        let (background, grandchild) = with_grandchild("drop");
        assert!(running(grandchild));
        drop(background);
        assert!(ends_soon(grandchild), "{grandchild} still runs");
    }

    #[test]
    fn the_end_of_xtask_kills_a_background_command_and_what_it_started() {
        let (mut background, grandchild) = with_grandchild("end");
        // What xtask's end does: the pipe's writing end closes, nothing else.
        background.watch.take();
        assert!(ends_soon(grandchild), "{grandchild} still runs");
        assert!(background.wait().is_ok());
    }
}
