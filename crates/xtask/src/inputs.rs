//! What the app's bytes are built from, as one fingerprint: the build is redone when any of it
//! changes, and only then. Contents, not modification times: a checkout, a `touch` or a copied
//! tree must not fool it either way.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

/// Everything that can change the shipped app, relative to the workspace root: its sources and
/// the domain's, the profiles (root `Cargo.toml`), the lock file (wasm-bindgen's version),
/// rustflags, Trunk's configuration, the split hook and the pinned tool versions.
pub const APP_INPUTS: &[&str] = &[
    "frontend",
    "crates/domain",
    "Cargo.toml",
    "Cargo.lock",
    ".cargo/config.toml",
    "Trunk.toml",
    "crates/xtask/src/release.rs",
    "crates/xtask/src/split.rs",
    "crates/xtask/src/names.rs",
    "crates/xtask/src/tools.rs",
    "vendor/wasm-split",
];

/// The fingerprint of `inputs` under `root`: every file's path and contents, in path order. A
/// missing input counts as absent (hashed as such), so creating it changes the fingerprint.
/// `DefaultHasher` may hash differently under another Rust release; that only costs a rebuild.
pub fn fingerprint(root: &Path, inputs: &[&str]) -> String {
    let mut files = Vec::new();
    for input in inputs {
        collect(&root.join(input), &mut files);
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    for input in inputs {
        hasher.write(input.as_bytes());
        hasher.write_u8(0);
    }
    for file in files {
        let relative = file.strip_prefix(root).unwrap_or(&file);
        hasher.write(relative.to_string_lossy().as_bytes());
        hasher.write_u8(0);
        let bytes = std::fs::read(&file).unwrap_or_default();
        hasher.write_u64(bytes.len() as u64);
        hasher.write(&bytes);
    }
    format!("{:016x}", hasher.finish())
}

/// The files under `path` (or `path` itself), skipping build output.
fn collect(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if name != "target" && name != "dist" {
            collect(&entry.path(), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-inputs-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in [
            ("frontend/src/lib.rs", "fn app() {}"),
            ("frontend/style.css", "body {}"),
            ("frontend/index.html", "<html>"),
            ("crates/domain/src/lib.rs", "pub struct Eni;"),
            ("Cargo.toml", "[profile.wasm-release]"),
            ("Cargo.lock", "wasm-bindgen 0.2"),
            (".cargo/config.toml", "[build]"),
            ("Trunk.toml", "[build]"),
            ("crates/xtask/src/split.rs", "// hook"),
            (
                "crates/xtask/src/tools.rs",
                "const TRUNK: &str = \"0.21.14\";",
            ),
        ] {
            let file = dir.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).unwrap();
        }
        dir
    }

    #[test]
    fn every_input_changes_the_fingerprint_and_nothing_else_does() {
        let dir = tree("each");
        let before = fingerprint(&dir, APP_INPUTS);
        assert_eq!(fingerprint(&dir, APP_INPUTS), before, "stable");
        // Build output and unrelated files are not inputs.
        fs::create_dir_all(dir.join("frontend/target")).unwrap();
        fs::write(dir.join("frontend/target/app.wasm"), "bytes").unwrap();
        fs::write(dir.join("README.md"), "docs").unwrap();
        assert_eq!(fingerprint(&dir, APP_INPUTS), before, "output and docs");
        // Rewriting a file with the same bytes (a new mtime) is no change.
        fs::write(dir.join("frontend/style.css"), "body {}").unwrap();
        assert_eq!(fingerprint(&dir, APP_INPUTS), before, "same bytes");
        for path in [
            "frontend/src/lib.rs",
            "frontend/style.css",
            "frontend/index.html",
            "crates/domain/src/lib.rs",
            "Cargo.toml",
            "Cargo.lock",
            ".cargo/config.toml",
            "Trunk.toml",
            "crates/xtask/src/split.rs",
            "crates/xtask/src/tools.rs",
        ] {
            let file = dir.join(path);
            let old = fs::read(&file).unwrap();
            fs::write(&file, [old.as_slice(), b" "].concat()).unwrap();
            assert_ne!(fingerprint(&dir, APP_INPUTS), before, "{path} changed");
            fs::write(&file, old).unwrap();
            assert_eq!(fingerprint(&dir, APP_INPUTS), before, "{path} restored");
        }
        fs::write(dir.join("frontend/src/new_page.rs"), "").unwrap();
        assert_ne!(fingerprint(&dir, APP_INPUTS), before, "a new source file");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn moving_bytes_between_files_changes_the_fingerprint() {
        let dir = tree("move");
        let before = fingerprint(&dir, APP_INPUTS);
        fs::write(dir.join("frontend/style.css"), "").unwrap();
        fs::write(dir.join("frontend/index.html"), "<html>body {}").unwrap();
        assert_ne!(fingerprint(&dir, APP_INPUTS), before);
        let _ = fs::remove_dir_all(&dir);
    }
}
