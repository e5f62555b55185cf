//! Versioned schema migrations, the same list for both backends (each version written once per
//! SQL dialect). Applied at start, each in its own transaction; a database whose schema is
//! newer than this binary stops the start, since an older binary would misread it (a rolling
//! upgrade rolls forward, never back).

/// One step of the schema.
#[derive(Debug)]
pub struct Migration {
    /// Its version; versions count up from 1 without gaps.
    pub version: i64,
    /// What it does, as recorded in `schema_migrations`.
    pub name: &'static str,
    /// The SQLite statements.
    pub sqlite: &'static str,
    /// The PostgreSQL statements.
    pub postgres: &'static str,
}

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "users, sessions, failed sign-ins and the audit trail",
    sqlite: include_str!("migrations/0001_initial.sqlite.sql"),
    postgres: include_str!("migrations/0001_initial.postgres.sql"),
}];

/// The newest schema this binary knows.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The migrations a database at `current` still needs, or why this binary must not touch it.
pub fn pending(current: i64) -> Result<&'static [Migration], String> {
    if current > latest() {
        return Err(format!(
            "the database's schema is version {current}, newer than this tether knows ({}); \
             run the newer tether (a rolling upgrade must not roll back)",
            latest()
        ));
    }
    let done = MIGRATIONS
        .iter()
        .take_while(|m| m.version <= current)
        .count();
    Ok(&MIGRATIONS[done..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up_from_one_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "{}", m.name);
        }
    }

    #[test]
    fn a_newer_schema_is_refused_and_an_older_one_gets_the_rest() {
        assert_eq!(pending(0).unwrap().len(), MIGRATIONS.len());
        assert!(pending(latest()).unwrap().is_empty());
        let e = pending(latest() + 1).unwrap_err();
        assert!(e.contains("newer than this tether"), "{e}");
    }
}
