//! `tether user add|remove`: changes to the users file that also end the user's sessions, so
//! no session opened before a new password, a new role or a removal outlives it.

use crate::auth::sessions::{DEFAULT_IDLE_TIMEOUT, SessionStore};
use crate::auth::users::UserStore;
use crate::config::Config;
use crate::startup::{database_file, users_file};
use crate::state::Role;

fn sessions(config: &Config) -> Result<SessionStore, String> {
    // Sessions are only ended here, so the idle timeout plays no part.
    SessionStore::open(&database_file(config), DEFAULT_IDLE_TIMEOUT)
}

/// Adds or replaces a user and ends every session under that name: a new password or role
/// applies from the next sign-in, and a name given to someone new inherits nothing. Returns
/// how many sessions ended.
pub fn add_user(config: &Config, name: &str, role: Role, password: &str) -> Result<usize, String> {
    UserStore::new(users_file(config)).add(name, role, password)?;
    sessions(config)?.end_all_of(name)
}

/// Removes a user and ends their sessions; false when there was no such user.
pub fn remove_user(config: &Config, name: &str) -> Result<bool, String> {
    let removed = UserStore::new(users_file(config)).remove(name)?;
    sessions(config)?.end_all_of(name)?;
    Ok(removed)
}
