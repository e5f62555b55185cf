//! `--database URL`: `sqlite://PATH` or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`, checked
//! when the configuration is read, so a typo stops the start with a message rather than at the
//! first sign-in. The password never appears in `Debug` or in an error.

use std::path::PathBuf;
use std::str::FromStr;

/// Where users, sessions, failed sign-ins and the audit trail are kept.
#[derive(Clone)]
pub enum DatabaseUrl {
    /// A SQLite file (the default: `audit.db` in the data directory).
    Sqlite(PathBuf),
    /// A PostgreSQL database, shared by replicas.
    Postgres(Box<tokio_postgres::Config>),
}

const EXPECTED: &str = "use sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE (TETHER_DATABASE_URL, TOML `database`)";

impl DatabaseUrl {
    /// Parses a `--database` value.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(format!(
                    "--database sqlite:// needs a file path: {EXPECTED}"
                ));
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            // The parser's message never quotes the password; ours quotes nothing of the URL.
            let config = tokio_postgres::Config::from_str(text)
                .map_err(|e| format!("--database: not a PostgreSQL URL ({e}); {EXPECTED}"))?;
            if config.get_hosts().is_empty() {
                return Err(format!(
                    "--database: the PostgreSQL URL names no host; {EXPECTED}"
                ));
            }
            if config.get_ssl_mode() == tokio_postgres::config::SslMode::Require {
                return Err(
                    "--database: sslmode=require, but this build speaks to PostgreSQL without TLS; \
                     reach it over a private network or a unix socket (sslmode=disable)"
                        .to_owned(),
                );
            }
            return Ok(Self::Postgres(Box::new(config)));
        }
        let scheme = text.split_once("://").map_or("(no scheme)", |(s, _)| s);
        Err(format!("--database: unknown scheme {scheme:?}; {EXPECTED}"))
    }

    /// `sqlite` or `postgres`, as `/readyz` and the logs name the backend.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(config) => write!(
                f,
                "postgres://{}@{:?}/{} (password hidden)",
                config.get_user().unwrap_or(""),
                config.get_hosts(),
                config.get_dbname().unwrap_or("")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_and_postgres_urls_parse_and_others_are_refused_clearly() {
        assert!(matches!(
            DatabaseUrl::parse("sqlite:///var/lib/tether/tether.db"),
            Ok(DatabaseUrl::Sqlite(p)) if p == std::path::Path::new("/var/lib/tether/tether.db")
        ));
        assert!(matches!(
            DatabaseUrl::parse("sqlite://data/t.db"),
            Ok(DatabaseUrl::Sqlite(p)) if p == std::path::Path::new("data/t.db")
        ));
        let pg = DatabaseUrl::parse("postgres://tether:s3cret@db.internal:5432/tether").unwrap();
        assert_eq!(pg.kind(), "postgres");
        let shown = format!("{pg:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        for bad in [
            "sqlite://",
            "mysql://root:s3cret@db/tether",
            "tether.db",
            "postgres://tether:s3cret@db/tether?sslmode=require",
            "postgres://tether:s3cret@db/tether?bogus=1",
        ] {
            let e = DatabaseUrl::parse(bad).unwrap_err();
            assert!(!e.contains("s3cret"), "{bad}: {e}");
            assert!(e.starts_with("--database"), "{bad}: {e}");
        }
    }
}
