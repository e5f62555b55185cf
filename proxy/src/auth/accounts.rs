//! `tether user add|remove|list`: the store behind `--database` (default: the SQLite file in
//! the data directory), opened and migrated like the server opens it.

use crate::auth::users::{StoredUser, UserStore};
use crate::config::Config;
use crate::state::Role;

async fn users(config: &Config) -> Result<UserStore, String> {
    Ok(UserStore::new(crate::startup::open_store(config).await?))
}

/// Adds or replaces a user and ends every session under that name (see [`UserStore::add`]).
/// Returns how many sessions ended.
pub async fn add_user(
    config: &Config,
    name: &str,
    role: Role,
    password: &str,
) -> Result<usize, String> {
    users(config).await?.add(name, role, password).await
}

/// Removes a user and ends their sessions; false when there was no such user.
pub async fn remove_user(config: &Config, name: &str) -> Result<bool, String> {
    users(config).await?.remove(name).await
}

/// Every user, by name.
pub async fn list_users(config: &Config) -> Result<Vec<StoredUser>, String> {
    users(config).await?.list().await
}
