-- `user` is a reserved word in PostgreSQL, hence `user_name`.
CREATE TABLE audit (
    id BIGSERIAL PRIMARY KEY, time TEXT NOT NULL, user_name TEXT NOT NULL, role TEXT NOT NULL,
    action TEXT NOT NULL, region TEXT NOT NULL, resources TEXT NOT NULL, parameters TEXT NOT NULL,
    outcome TEXT NOT NULL, request_id TEXT NOT NULL, duration_ms BIGINT NOT NULL,
    reason TEXT NOT NULL DEFAULT '');
CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY, user_name TEXT NOT NULL,
    created BIGINT NOT NULL, last_seen BIGINT NOT NULL);
CREATE INDEX sessions_by_user ON sessions (user_name);
CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL);
CREATE TABLE login_failures (id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL, at_ms BIGINT NOT NULL);
CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);
CREATE INDEX login_failures_by_time ON login_failures (at_ms);
