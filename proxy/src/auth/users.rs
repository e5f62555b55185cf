//! The local user file: names, roles and argon2id password hashes (`tether user add|remove`).

use crate::files;
use crate::state::Role;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

/// One portal user as stored.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct StoredUser {
    /// User name.
    pub name: String,
    /// `viewer`, `operator` or `admin`.
    pub role: String,
    /// argon2id PHC string; never printed.
    pub password_hash: String,
}

impl std::fmt::Debug for StoredUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredUser")
            .field("name", &self.name)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// One parse of the users file, shared.
type Users = Arc<Vec<StoredUser>>;

/// The users file (JSON), consulted on every login and every signed-in request so that
/// `tether user add|remove` takes effect at once; parsed again only when the file changes.
#[derive(Debug, Clone)]
pub struct UserStore {
    path: PathBuf,
    cache: Arc<Mutex<Option<(Stamp, Users)>>>,
    /// Password verifications run (argon2 passes), shared by clones: what the login throttle
    /// must keep small, so tests can count it.
    verifications: Arc<AtomicU64>,
}

/// Whether `name` is one a portal user may have: 1-64 letters, digits, `.`, `_`, `-`, `@`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
}

impl UserStore {
    /// The store at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            cache: Arc::default(),
            verifications: Arc::default(),
        }
    }

    /// How many password verifications this store (and its clones) has run.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    /// Where the file lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every user.
    pub fn load(&self) -> Result<Vec<StoredUser>, String> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => {
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", self.path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(format!("{}: {e}", self.path.display())),
        }
    }

    /// Every user, from the last parse while the file's modification time, length (and inode)
    /// are unchanged. `save` replaces the file by rename, so every change gets a new inode.
    fn current(&self) -> Result<Users, String> {
        let stamp = match std::fs::metadata(&self.path) {
            Ok(m) => Stamp::of(&m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Arc::default()),
            Err(e) => return Err(format!("{}: {e}", self.path.display())),
        };
        if let Ok(cache) = self.cache.lock()
            && let Some((seen, users)) = cache.as_ref()
            && *seen == stamp
        {
            return Ok(users.clone());
        }
        // Stamped before reading: a change during the read leaves a stale stamp, so the next
        // call reads again rather than keeping old contents under a new stamp.
        let users = Arc::new(self.load()?);
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some((stamp, users.clone()));
        }
        Ok(users)
    }

    fn save(&self, users: &[StoredUser]) -> Result<(), String> {
        if let Some(dir) = self.path.parent() {
            files::create_dir(dir)?;
        }
        let text = serde_json::to_string_pretty(users).map_err(|e| e.to_string())?;
        // Write then rename, so a crash never leaves a half-written user file; the new file
        // is 0600 from its creation, so the hashes are never readable by others.
        let tmp = self.path.with_extension("tmp");
        let mut file = files::create_file(&tmp)?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| format!("{}: {e}", self.path.display()))
    }

    /// Adds or replaces a user.
    pub fn add(&self, name: &str, role: Role, password: &str) -> Result<(), String> {
        if !is_valid_name(name) {
            return Err("user names are 1-64 characters: letters, digits, . _ - @".into());
        }
        if password.chars().count() < 8 {
            return Err("passwords need at least 8 characters".into());
        }
        let salt =
            SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| e.to_string())?;
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| e.to_string())?
            .to_string();
        let mut users = self.load()?;
        users.retain(|u| u.name != name);
        users.push(StoredUser {
            name: name.to_owned(),
            role: role.as_str().to_owned(),
            password_hash: hash,
        });
        self.save(&users)
    }

    /// Removes a user; false when there was none.
    pub fn remove(&self, name: &str) -> Result<bool, String> {
        let mut users = self.load()?;
        let before = users.len();
        users.retain(|u| u.name != name);
        self.save(&users)?;
        Ok(users.len() != before)
    }

    /// The current role of `name`; `None` when there is no such user (or its role is not one
    /// this version knows).
    pub fn role_of(&self, name: &str) -> Result<Option<Role>, String> {
        // A file that is briefly gone (an editor saving by rename) says nothing about who is a
        // user: it is an error (refuse, delete nothing), not an empty list (end every session).
        if !self.path.exists() {
            return Err(format!("{} is missing", self.path.display()));
        }
        Ok(self
            .current()?
            .iter()
            .find(|u| u.name == name)
            .and_then(|u| Role::parse(&u.role)))
    }

    /// The user's role when the password matches. A name that does not exist is checked
    /// against a dummy hash, so the time taken does not tell which names exist.
    pub fn verify(&self, name: &str, password: &str) -> Option<Role> {
        let users = self.current().ok()?;
        let user = users.iter().find(|u| u.name == name);
        let hash = user
            .and_then(|u| PasswordHash::new(&u.password_hash).ok())
            .or_else(|| dummy_hash().and_then(|h| PasswordHash::new(h).ok()))?;
        self.verifications.fetch_add(1, Ordering::Relaxed);
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok();
        user.filter(|_| matches).and_then(|u| Role::parse(&u.role))
    }
}

/// What tells one version of the users file from another without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

impl Stamp {
    fn of(m: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(m);
        #[cfg(not(unix))]
        let inode = 0;
        Self {
            modified: m.modified().ok(),
            len: m.len(),
            inode,
        }
    }
}

/// A hash of a random password with the same (default) parameters `add` uses, made once.
fn dummy_hash() -> Option<&'static str> {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).ok()?;
            let password = rand::random::<[u8; 32]>();
            let hash = Argon2::default().hash_password(&password, &salt).ok()?;
            Some(hash.to_string())
        })
        .as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_verify_and_remove_a_user_with_an_argon2id_hash() {
        let path = std::env::temp_dir().join(format!("tether-users-{}.json", std::process::id()));
        let store = UserStore::new(&path);
        store.add("alice", Role::Operator, "correct horse").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("$argon2id$"), "{text}");
        assert!(!text.contains("correct horse"));
        assert_eq!(store.verify("alice", "correct horse"), Some(Role::Operator));
        assert_eq!(store.verify("alice", "wrong"), None);
        assert_eq!(store.verify("bob", "correct horse"), None);
        assert!(store.remove("alice").unwrap());
        assert_eq!(store.verify("alice", "correct horse"), None);
        assert!(store.add("x", Role::Viewer, "short").is_err());
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn the_parsed_file_is_reused_until_the_file_changes() {
        let path =
            std::env::temp_dir().join(format!("tether-users-cache-{}.json", std::process::id()));
        let store = UserStore::new(&path);
        store.add("alice", Role::Operator, "correct horse").unwrap();
        let first = store.current().unwrap();
        assert!(
            Arc::ptr_eq(&first, &store.current().unwrap()),
            "not parsed again"
        );
        assert_eq!(store.role_of("alice"), Ok(Some(Role::Operator)));
        store.add("alice", Role::Admin, "correct horse").unwrap();
        assert!(!Arc::ptr_eq(&first, &store.current().unwrap()));
        assert_eq!(store.role_of("alice"), Ok(Some(Role::Admin)));
        store.remove("alice").unwrap();
        assert_eq!(store.role_of("alice"), Ok(None));
        std::fs::remove_file(&path).unwrap();
        assert!(
            store.role_of("alice").is_err(),
            "a missing file is an error, not an empty list"
        );
    }
}
