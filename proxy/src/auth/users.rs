//! Portal users (`tether user add|remove|list`): names, roles and argon2id password hashes,
//! kept in the store, so every replica sees an addition or a removal on its next request.

use crate::state::Role;
use crate::store::Store;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

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

/// The users in the store, consulted on every login and every signed-in request so that
/// `tether user add|remove` takes effect at once, on every replica.
#[derive(Debug, Clone)]
pub struct UserStore {
    store: Store,
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

/// An argon2id hash of `password` with argon2's default parameters (19 MiB, see `throttle`).
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| e.to_string())?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| e.to_string())?
        .to_string())
}

impl UserStore {
    /// The users kept in `store`.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            verifications: Arc::default(),
        }
    }

    /// How many password verifications this store (and its clones) has run.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    /// Every user, by name.
    pub async fn list(&self) -> Result<Vec<StoredUser>, String> {
        self.store.users().await
    }

    /// Adds or replaces a user and ends every session under that name: a new password or role
    /// applies from the next sign-in, and a name given to someone new inherits nothing.
    /// Returns how many sessions ended.
    pub async fn add(&self, name: &str, role: Role, password: &str) -> Result<usize, String> {
        if !is_valid_name(name) {
            return Err("user names are 1-64 characters: letters, digits, . _ - @".into());
        }
        if password.chars().count() < 8 {
            return Err("passwords need at least 8 characters".into());
        }
        let password = password.to_owned();
        let hash = tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|e| e.to_string())??;
        self.store
            .put_user(StoredUser {
                name: name.to_owned(),
                role: role.as_str().to_owned(),
                password_hash: hash,
            })
            .await
    }

    /// Removes a user and ends their sessions; false when there was none.
    pub async fn remove(&self, name: &str) -> Result<bool, String> {
        self.store.delete_user(name).await
    }

    /// The current role of `name`; `None` when there is no such user (or its role is not one
    /// this version knows). An unreachable database is an error, never "no such user".
    pub async fn role_of(&self, name: &str) -> Result<Option<Role>, String> {
        Ok(self
            .store
            .user(name)
            .await?
            .and_then(|u| Role::parse(&u.role)))
    }

    /// The user's role when the password matches, checking on the calling thread (run it off
    /// the async workers). A name that does not exist is checked against a dummy hash, so the
    /// time taken does not tell which names exist.
    pub fn check_password(&self, user: Option<&StoredUser>, password: &str) -> Option<Role> {
        let hash = user
            .and_then(|u| PasswordHash::new(&u.password_hash).ok())
            .or_else(|| dummy_hash().and_then(|h| PasswordHash::new(h).ok()))?;
        self.verifications.fetch_add(1, Ordering::Relaxed);
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok();
        user.filter(|_| matches).and_then(|u| Role::parse(&u.role))
    }

    /// The stored user `name` (for [`Self::check_password`]).
    pub async fn get(&self, name: &str) -> Result<Option<StoredUser>, String> {
        self.store.user(name).await
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

    #[tokio::test]
    async fn add_verify_and_remove_a_user_with_an_argon2id_hash() {
        let dir = std::env::temp_dir().join(format!("tether-users-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = UserStore::new(Store::sqlite(&dir.join("t.db")).unwrap());
        store
            .add("alice", Role::Operator, "correct horse")
            .await
            .unwrap();
        let alice = store.get("alice").await.unwrap().unwrap();
        assert!(alice.password_hash.starts_with("$argon2id$"));
        assert!(
            !format!("{alice:?}").contains("argon2"),
            "Debug hides the hash"
        );
        let check = |name: &str, pw: &str, u: Option<&StoredUser>| {
            let _ = name;
            store.check_password(u, pw)
        };
        assert_eq!(
            check("alice", "correct horse", Some(&alice)),
            Some(Role::Operator)
        );
        assert_eq!(check("alice", "wrong", Some(&alice)), None);
        assert_eq!(check("bob", "correct horse", None), None);
        assert!(store.remove("alice").await.unwrap());
        assert!(!store.remove("alice").await.unwrap());
        assert_eq!(store.role_of("alice").await, Ok(None));
        assert!(store.add("x", Role::Viewer, "short").await.is_err());
        assert!(
            store
                .add("no spaces", Role::Viewer, "long enough")
                .await
                .is_err()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
