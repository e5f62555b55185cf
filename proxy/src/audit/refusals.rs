//! Refused requests in the audit trail. A refusal (401, 403, 400, 404, 421, 429) is a probe
//! worth seeing, whichever layer refused it: the Host guard, sign-in, the same-origin and role
//! checks, body parsing, validation, the region allowlist, delete protection or a rate limit.
//! Every one of them answers through `AppError`, which marks its response with a `Refusal`, so
//! one outermost middleware (`record`) writes them all. A request that wrote its own record (a
//! mutation that reached `execute`, a replay) carries `Recorded` and is not written twice.
//!
//! Flood cap: anyone can send refused requests without signing in, and each record is a
//! synchronous write to disk. So refusals are written within a budget per minute, per user (or
//! per peer address when nobody is signed in), and anonymous addresses together share an
//! overall budget too. Signed-in users are outside that overall budget, so a flood of anonymous
//! refusals cannot hide what a user was refused. The rest are counted, and one summary record
//! per source ("N more refusals ... not recorded") is written when the minute is over, with the
//! next refusal or the next read of the trail. The in-memory state is bounded: only sources that
//! got a record have an entry, anonymous ones at most the overall budget, users at most
//! [`MAX_USERS_PER_MINUTE`] (a users file or a single sign-on holds far fewer; beyond it, the
//! refusals of further users are counted in one summary).

use super::{AuditLog, AuditRecord, Recorded, now_utc};
use crate::auth::PortalUser;
use crate::error::{AppError, Refusal};
use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// Refusal records kept per user or address per minute.
pub const PER_SOURCE_PER_MINUTE: u32 = 20;
/// Refusal records kept per minute from all anonymous addresses together (many addresses, one
/// flood). Signed-in users are not counted here.
pub const ALL_SOURCES_PER_MINUTE: u32 = 200;
/// Signed-in users remembered per minute: the bound on the budget's state for users.
pub const MAX_USERS_PER_MINUTE: usize = 1_000;
const WINDOW: Duration = Duration::from_secs(60);
/// Paths and messages can be as long as a client likes; the trail keeps a readable prefix.
const MAX_TEXT: usize = 200;

/// Whom a refusal is counted against.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A signed-in user.
    User(String),
    /// Nobody signed in; the peer address.
    Address(IpAddr),
    /// Nobody signed in and no peer address (in-process callers).
    Unknown,
    /// New anonymous addresses, once the all-sources budget is spent.
    Everyone,
    /// Users beyond the [`MAX_USERS_PER_MINUTE`] remembered this minute.
    OtherUsers,
}

impl Source {
    fn user(&self) -> &str {
        match self {
            Self::User(name) => name,
            Self::OtherUsers => "*",
            _ => "anonymous",
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::User(name) => write!(f, "user {name}"),
            Self::Address(ip) => write!(f, "address {ip}"),
            Self::Unknown => f.write_str("an unknown address"),
            Self::Everyone => f.write_str("anonymous addresses beyond the overall limit"),
            Self::OtherUsers => f.write_str("users beyond the per-minute limit on users"),
        }
    }
}

#[derive(Debug, Default)]
struct Counts {
    recorded: u32,
    suppressed: u32,
}

/// The per-minute refusal budget. Time is passed in, so tests need no clock.
#[derive(Debug)]
pub struct Budget {
    per_source: u32,
    all_sources: u32,
    window_start: Option<Instant>,
    /// Records written this minute for anonymous sources.
    recorded: u32,
    sources: HashMap<Source, Counts>,
    users: usize,
    overflow: u32,
    user_overflow: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Self::new(PER_SOURCE_PER_MINUTE, ALL_SOURCES_PER_MINUTE)
    }
}

/// What to write for one refusal: the summaries of a minute that just ended, then (if `record`)
/// the refusal itself.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Admission {
    /// Whether the refusal itself is written.
    pub record: bool,
    /// Sources whose refusals were not written in the minute that ended, with how many.
    pub suppressed: Vec<(Source, u32)>,
}

impl Budget {
    /// A budget of `per_source` records per source and `all_sources` in all, per minute.
    pub fn new(per_source: u32, all_sources: u32) -> Self {
        Self {
            per_source,
            all_sources,
            window_start: None,
            recorded: 0,
            sources: HashMap::new(),
            users: 0,
            overflow: 0,
            user_overflow: 0,
        }
    }

    /// Counts one refusal from `source` at `now`.
    pub fn admit(&mut self, source: &Source, now: Instant) -> Admission {
        let suppressed = self.close(now);
        self.window_start.get_or_insert(now);
        let signed_in = matches!(source, Source::User(_));
        let overall_spent = !signed_in && self.recorded >= self.all_sources;
        let record = match self.sources.get_mut(source) {
            Some(c) if c.recorded >= self.per_source || overall_spent => {
                c.suppressed += 1;
                false
            }
            Some(c) => {
                c.recorded += 1;
                true
            }
            None if overall_spent => {
                self.overflow += 1;
                false
            }
            None if signed_in && self.users >= MAX_USERS_PER_MINUTE => {
                self.user_overflow += 1;
                false
            }
            None => {
                let first = Counts {
                    recorded: 1,
                    suppressed: 0,
                };
                self.sources.insert(source.clone(), first);
                self.users += usize::from(signed_in);
                true
            }
        };
        if !signed_in {
            self.recorded += u32::from(record);
        }
        Admission { record, suppressed }
    }

    /// Ends the minute if it is over, returning what it suppressed (sorted, for stable records).
    pub fn close(&mut self, now: Instant) -> Vec<(Source, u32)> {
        match self.window_start {
            Some(start) if now.saturating_duration_since(start) >= WINDOW => {}
            _ => return Vec::new(),
        }
        let mut out: Vec<(Source, u32)> = self
            .sources
            .drain()
            .filter(|(_, c)| c.suppressed > 0)
            .map(|(s, c)| (s, c.suppressed))
            .collect();
        out.sort();
        if self.overflow > 0 {
            out.push((Source::Everyone, self.overflow));
        }
        if self.user_overflow > 0 {
            out.push((Source::OtherUsers, self.user_overflow));
        }
        self.window_start = None;
        self.recorded = 0;
        self.users = 0;
        self.overflow = 0;
        self.user_overflow = 0;
        out
    }
}

fn summary(source: &Source, count: u32) -> AuditRecord {
    AuditRecord {
        time: now_utc(),
        user: source.user().to_owned(),
        action: "*".to_owned(),
        outcome: "Tether.RefusalsSuppressed".to_owned(),
        reason: format!(
            "{count} more refusals from {source} were not recorded (at most \
             {PER_SOURCE_PER_MINUTE} per user or address and {ALL_SOURCES_PER_MINUTE} from \
             anonymous addresses in all are kept per minute)."
        ),
        ..AuditRecord::default()
    }
}

impl AuditLog {
    /// Writes a refusal from `source` if the budget allows, after the summaries of a minute that
    /// ended. Returns whether the refusal itself was written.
    pub async fn record_refusal(
        &self,
        source: &Source,
        record: &AuditRecord,
    ) -> Result<bool, String> {
        let admission = self
            .refusals
            .lock()
            .map_err(|_| "refusal budget lock poisoned".to_owned())?
            .admit(source, Instant::now());
        for (from, count) in &admission.suppressed {
            self.record(&summary(from, *count)).await?;
        }
        if admission.record {
            self.record(record).await?;
        }
        Ok(admission.record)
    }

    /// Writes the summaries of a minute that has ended (so a reader sees a flood that stopped).
    pub async fn flush_refusals(&self) -> Result<(), String> {
        let suppressed = self
            .refusals
            .lock()
            .map_err(|_| "refusal budget lock poisoned".to_owned())?
            .close(Instant::now());
        for (from, count) in &suppressed {
            self.record(&summary(from, *count)).await?;
        }
        Ok(())
    }
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The refusal a response reports, unless it is already recorded or is the app's own question.
fn refusal_of(method: &Method, path: &str, response: &Response) -> Option<Refusal> {
    if response.extensions().get::<Recorded>().is_some() {
        return None;
    }
    if let Some(refusal) = response.extensions().get::<Refusal>() {
        // The app asks who is signed in on every load; "nobody" is the sign-in page, not a probe.
        let signed_out = AppError::Unauthenticated.to_api_error().message;
        if method == Method::GET && path == "/api/session" && refusal.reason == signed_out {
            return None;
        }
        return Some(refusal.clone());
    }
    // Extractor rejections (a malformed query string and the like) come from axum itself.
    let status = response.status();
    (path.starts_with("/api/") && status.is_client_error()).then(|| Refusal {
        code: format!("HTTP {}", status.as_u16()),
        reason: status.canonical_reason().unwrap_or("refused").to_owned(),
    })
}

/// Middleware, outermost: records every refused request (see the module comment).
pub async fn record(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(audit) = state.audit.clone() else {
        return next.run(req).await;
    };
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let response = next.run(req).await;
    let Some(refusal) = refusal_of(&method, &path, &response) else {
        return response;
    };
    let user = response.extensions().get::<PortalUser>().cloned();
    let source = match (&user, peer) {
        (Some(u), _) => Source::User(u.name.clone()),
        (None, Some(ip)) => Source::Address(ip),
        (None, None) => Source::Unknown,
    };
    let record = AuditRecord {
        time: now_utc(),
        user: source.user().to_owned(),
        role: user.map(|u| u.role.as_str().to_owned()).unwrap_or_default(),
        action: clip(path.strip_prefix("/api/").unwrap_or(&path)),
        parameters: serde_json::json!({"Method": method.as_str(), "Peer": peer}).to_string(),
        outcome: refusal.code,
        duration_ms: started.elapsed().as_millis() as i64,
        reason: clip(&refusal.reason),
        ..AuditRecord::default()
    };
    if audit.record_refusal(&source, &record).await.is_err() {
        // The refusal stands either way; a missing record must not turn it into a 500.
        tracing::error!(%path, "audit record of a refusal could not be written");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> Source {
        Source::User("alice".into())
    }

    #[test]
    fn a_source_over_its_budget_is_counted_and_summarised_when_the_minute_ends() {
        let mut b = Budget::new(2, 100);
        let t0 = Instant::now();
        for _ in 0..2 {
            assert_eq!(
                b.admit(&alice(), t0),
                Admission {
                    record: true,
                    suppressed: vec![]
                }
            );
        }
        for _ in 0..3 {
            assert!(!b.admit(&alice(), t0 + Duration::from_secs(59)).record);
        }
        let bob = Source::User("bob".into());
        assert!(b.admit(&bob, t0).record, "others keep their own budget");
        let next = b.admit(&bob, t0 + WINDOW);
        assert_eq!(
            next,
            Admission {
                record: true,
                suppressed: vec![(alice(), 3)]
            }
        );
        assert!(
            b.admit(&alice(), t0 + WINDOW).record,
            "a new minute, a new budget"
        );
    }

    #[test]
    fn many_sources_share_one_overall_budget_and_one_summary() {
        let mut b = Budget::new(5, 3);
        let t0 = Instant::now();
        let ip = |n: u8| Source::Address(IpAddr::from([10, 0, 0, n]));
        let written = (0..10).filter(|n| b.admit(&ip(*n), t0).record).count();
        assert_eq!(written, 3);
        assert_eq!(
            b.sources.len(),
            3,
            "only sources that got a record are remembered"
        );
        assert_eq!(b.close(t0 + WINDOW), vec![(Source::Everyone, 7)]);
        assert!(
            b.close(t0 + WINDOW * 2).is_empty(),
            "a summary is written once"
        );
    }

    #[test]
    fn signed_in_users_keep_their_budget_and_summary_after_an_anonymous_flood() {
        let mut b = Budget::new(2, 3);
        let t0 = Instant::now();
        let ip = |n: u8| Source::Address(IpAddr::from([10, 0, 0, n]));
        for n in 0..10 {
            let _ = b.admit(&ip(n % 2), t0);
        }
        let alice_written = (0..4).filter(|_| b.admit(&alice(), t0).record).count();
        assert_eq!(
            alice_written, 2,
            "alice's own cap, not the spent overall one"
        );
        assert_eq!(
            b.close(t0 + WINDOW),
            vec![(alice(), 2), (ip(0), 3), (ip(1), 4)],
            "known sources are summarised each under its own name"
        );
    }

    #[test]
    fn the_users_remembered_per_minute_are_bounded() {
        let mut b = Budget::new(1, 1);
        let t0 = Instant::now();
        let user = |n: usize| Source::User(format!("u{n}"));
        for n in 0..MAX_USERS_PER_MINUTE + 3 {
            let _ = b.admit(&user(n), t0);
        }
        assert_eq!(b.sources.len(), MAX_USERS_PER_MINUTE);
        assert_eq!(b.close(t0 + WINDOW), vec![(Source::OtherUsers, 3)]);
    }

    #[test]
    fn long_paths_and_messages_are_clipped() {
        let long = "é".repeat(MAX_TEXT + 50);
        assert_eq!(clip(&long).chars().count(), MAX_TEXT + 1);
        assert_eq!(clip("short"), "short");
    }
}
