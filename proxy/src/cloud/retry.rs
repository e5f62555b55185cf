//! The retry policy as a pure decision, so every case is a unit test. Reads retry on transient
//! errors; mutations retry only when they carry a ClientToken (the cloud then deduplicates), so
//! a retry can never create twice.

use super::UpstreamError;
use std::time::Duration;
use tether_domain::error::is_transient;

/// Limits of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included.
    pub max_attempts: u32,
    /// Backoff before the second attempt; doubles each time.
    pub base_delay: Duration,
    /// Upper bound of one backoff.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

/// What is known about one failed attempt.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// 1 for the first attempt.
    pub number: u32,
    /// Whether the action changes anything.
    pub mutates: bool,
    /// Whether the request carries a ClientToken.
    pub has_client_token: bool,
    /// How it failed.
    pub error: &'a UpstreamError,
    /// A number in `0.0..1.0` for jitter (injected so tests are deterministic).
    pub jitter: f64,
}

/// Retry after a delay, or give up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Try again after this long.
    RetryAfter(Duration),
    /// Return the error.
    GiveUp,
}

/// Decides whether to retry a failed attempt.
pub fn decide(policy: &RetryPolicy, attempt: Attempt<'_>) -> Decision {
    if attempt.number >= policy.max_attempts {
        return Decision::GiveUp;
    }
    if attempt.mutates && !attempt.has_client_token {
        return Decision::GiveUp;
    }
    let retryable = match attempt.error {
        UpstreamError::Api {
            status, envelope, ..
        } => is_transient(&envelope.code) || matches!(status, 500 | 502 | 503 | 504),
        UpstreamError::Timeout | UpstreamError::Transport(_) => true,
        UpstreamError::Decode(_) => false,
    };
    if !retryable {
        return Decision::GiveUp;
    }
    let exp = policy
        .base_delay
        .saturating_mul(1 << (attempt.number - 1).min(16));
    // Full jitter between half and all of the exponential delay spreads synchronized clients.
    let jittered = exp.mul_f64(0.5 + 0.5 * attempt.jitter.clamp(0.0, 1.0));
    let server_hint = match attempt.error {
        UpstreamError::Api {
            retry_after_ms: Some(ms),
            ..
        } => Duration::from_millis(*ms),
        _ => Duration::ZERO,
    };
    Decision::RetryAfter(
        jittered
            .max(server_hint)
            .min(policy.max_delay.max(server_hint)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tether_domain::ErrorEnvelope;

    fn api(status: u16, code: &str) -> UpstreamError {
        UpstreamError::Api {
            status,
            envelope: Box::new(ErrorEnvelope::new(code, "m", "R", "h")),
            retry_after_ms: None,
        }
    }

    fn attempt(error: &UpstreamError, mutates: bool, token: bool, number: u32) -> Attempt<'_> {
        Attempt {
            number,
            mutates,
            has_client_token: token,
            error,
            jitter: 1.0,
        }
    }

    #[test]
    fn reads_retry_on_throttling_unavailable_internal_5xx_and_timeouts() {
        let p = RetryPolicy::default();
        for e in [
            api(400, "Throttling"),
            api(503, "ServiceUnavailable"),
            api(500, "InternalError"),
            api(502, "Whatever"),
            UpstreamError::Timeout,
            UpstreamError::Transport("reset".into()),
        ] {
            assert!(
                matches!(
                    decide(&p, attempt(&e, false, false, 1)),
                    Decision::RetryAfter(_)
                ),
                "{e}"
            );
        }
    }

    #[test]
    fn reads_do_not_retry_on_client_errors() {
        let p = RetryPolicy::default();
        for e in [
            api(403, "InvalidOperation.VpcMismatch"),
            api(404, "InvalidEniId.NotFound"),
            api(400, "SignatureDoesNotMatch"),
            UpstreamError::Decode("x".into()),
        ] {
            assert_eq!(
                decide(&p, attempt(&e, false, false, 1)),
                Decision::GiveUp,
                "{e}"
            );
        }
    }

    #[test]
    fn mutations_never_blind_retry_but_retry_with_a_client_token() {
        let p = RetryPolicy::default();
        let e = api(503, "ServiceUnavailable");
        assert_eq!(decide(&p, attempt(&e, true, false, 1)), Decision::GiveUp);
        assert!(matches!(
            decide(&p, attempt(&e, true, true, 1)),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            decide(&p, attempt(&UpstreamError::Timeout, true, false, 1)),
            Decision::GiveUp
        );
    }

    #[test]
    fn gives_up_after_the_last_attempt() {
        let p = RetryPolicy::default();
        let e = api(400, "Throttling");
        assert!(matches!(
            decide(&p, attempt(&e, false, false, 2)),
            Decision::RetryAfter(_)
        ));
        assert_eq!(decide(&p, attempt(&e, false, false, 3)), Decision::GiveUp);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_honours_retry_after() {
        let p = RetryPolicy::default();
        let e = api(400, "Throttling");
        let mut a = attempt(&e, false, false, 1);
        assert_eq!(
            decide(&p, a),
            Decision::RetryAfter(Duration::from_millis(200))
        );
        a.number = 2;
        assert_eq!(
            decide(&p, a),
            Decision::RetryAfter(Duration::from_millis(400))
        );
        a.jitter = 0.0;
        assert_eq!(
            decide(&p, a),
            Decision::RetryAfter(Duration::from_millis(200))
        );
        let hinted = UpstreamError::Api {
            status: 400,
            envelope: Box::new(ErrorEnvelope::new("Throttling", "m", "R", "h")),
            retry_after_ms: Some(1500),
        };
        assert_eq!(
            decide(&p, attempt(&hinted, false, false, 1)),
            Decision::RetryAfter(Duration::from_millis(1500))
        );
    }
}
