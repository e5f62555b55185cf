//! The optional state file. With one configured, the world is written after every mutation that
//! succeeded and before its answer is sent, so a crash (SIGKILL included) loses nothing the
//! simulator acknowledged; the next start continues from it. The write goes to a temporary file
//! that is flushed and renamed over the old one, so a crash mid-write leaves the previous state.
//! Cost: one write of the whole world per mutation (fine for demo-sized worlds, not for the
//! 100 000-ENI benchmark worlds, which run without a file).

use crate::world::World;
use std::io::Write;
use std::path::Path;

/// Writes `world` to `path` atomically.
pub fn save(world: &World, path: &Path) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(world).map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    {
        // Owner-only from the first byte: the world names the demo credentials' resources and
        // a team's saved state is nobody else's business.
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// The world saved at `path`; `Ok(None)` when there is no file yet.
pub fn load(path: &Path) -> Result<Option<World>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read the state file {}: {e}",
                path.display()
            ));
        }
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| {
        format!(
            "the state file {} is not a simulator world ({e}); move it away to start afresh",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_world_loads_back_and_a_missing_file_is_no_world() {
        let dir = std::env::temp_dir().join(format!("tether-sim-persist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        let _ = std::fs::remove_file(&path);
        assert!(load(&path).unwrap().is_none());
        let world = crate::seed::demo_world();
        save(&world, &path).unwrap();
        let back = load(&path).unwrap().unwrap();
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&world).unwrap()
        );
        assert!(
            !dir.join("state.json.tmp").exists(),
            "the temporary file is renamed away"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "the state file is the owner's only");
        }
        std::fs::write(&path, b"{not json").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.contains("not a simulator world"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
