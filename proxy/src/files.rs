//! Files that hold secrets must be the owner's: a users file (password hashes) or a secret file
//! that other accounts on the machine can read is refused at start, with the command to fix it,
//! as ssh does with a private key. What Tether writes itself is created that way: the data
//! directory 0700, the users file and the database 0600.

use std::fs::File;
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

fn io_err(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// Creates `dir` and any missing parents, 0700. A directory that already exists keeps its
/// mode (it may be one an operator chose to share); the files in it are made 0600 anyway.
pub fn create_dir(dir: &Path) -> Result<(), String> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| io_err(dir, e))
}

/// Makes an existing file 0600.
pub fn restrict(path: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| io_err(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Opens `path` for writing, emptied, created 0600, so the contents are never readable by
/// others even for a moment (a file that existed is made 0600 before anything is written).
pub fn create_file(path: &Path) -> Result<File, String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(|e| io_err(path, e))?;
    restrict(path)?;
    Ok(file)
}

/// Readies an SQLite database at `path`: its directory created 0700, the file created (empty
/// is a valid database) or tightened to 0600. SQLite gives the `-wal` and `-shm` files it
/// creates the database's mode; ones left by an older version are tightened here too.
pub fn prepare_database(path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        create_dir(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| io_err(path, e))?;
    restrict(path)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = Path::new(&side);
        if side.exists() {
            restrict(side)?;
        }
    }
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

    #[test]
    fn a_database_left_readable_by_an_older_version_is_tightened() {
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let dir = std::env::temp_dir().join(format!("tether-private-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("audit.db");
        for file in [db.clone(), dir.join("audit.db-wal")] {
            std::fs::write(&file, b"").unwrap();
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        prepare_database(&db).unwrap();
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&dir.join("audit.db-wal")), 0o600);
        let fresh = dir.join("new/deeper");
        create_dir(&fresh).unwrap();
        assert_eq!((mode(&dir.join("new")), mode(&fresh)), (0o700, 0o700));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
