//! Files that hold secrets must be the owner's: a users file (password hashes) or a secret file
//! that other accounts on the machine can read is refused at start, with the command to fix it,
//! as ssh does with a private key.

use std::path::Path;

/// Refuses `path` when other users can read it (an absent file is fine: nothing to leak).
pub fn refuse_if_world_readable(path: &Path, what: &str) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o004 != 0 {
                return Err(format!(
                    "{what} {} can be read by every user of this machine (mode {mode:o}); run `chmod 600 {}`",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, what);
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_world_readable_file_is_refused_with_the_chmod_to_run() {
        let path = std::env::temp_dir().join(format!("tether-perm-{}", std::process::id()));
        std::fs::write(&path, "secret").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = refuse_if_world_readable(&path, "the secret file").unwrap_err();
        assert!(e.contains("chmod 600") && e.contains("644"), "{e}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert!(refuse_if_world_readable(&path, "the secret file").is_ok());
        std::fs::remove_file(&path).unwrap();
        assert!(
            refuse_if_world_readable(&path, "the secret file").is_ok(),
            "absent"
        );
    }
}
