-- The audit and sessions tables are created IF NOT EXISTS: a data directory from before
-- migrations already has them (same columns), and keeps its records and sign-ins.
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL,
    action TEXT NOT NULL, region TEXT NOT NULL, resources TEXT NOT NULL, parameters TEXT NOT NULL,
    outcome TEXT NOT NULL, request_id TEXT NOT NULL, duration_ms INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS sessions (
    token_sha256 TEXT PRIMARY KEY, user TEXT NOT NULL,
    created INTEGER NOT NULL, last_seen INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user);
CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL);
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, at_ms INTEGER NOT NULL);
CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);
CREATE INDEX login_failures_by_time ON login_failures (at_ms);
