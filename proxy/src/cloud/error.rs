//! What can go wrong between the proxy and the cloud, kept typed so the app sees
//! `InvalidOperation.VpcMismatch`, not "error".

use std::fmt;
use tether_domain::ErrorEnvelope;

/// A failed cloud call.
#[derive(Debug, Clone, PartialEq)]
pub enum UpstreamError {
    /// The endpoint answered an Alibaba error.
    Api {
        /// HTTP status.
        status: u16,
        /// The error body (boxed: it is large and errors travel by value through `?`).
        envelope: Box<ErrorEnvelope>,
        /// `x-acs-retry-after` in milliseconds, when sent.
        retry_after_ms: Option<u64>,
    },
    /// No answer in time.
    Timeout,
    /// Could not connect or the connection broke.
    Transport(String),
    /// A 2xx answer that did not parse as the action's response.
    Decode(String),
}

impl UpstreamError {
    /// The Alibaba error code, when the endpoint gave one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { envelope, .. } => Some(&envelope.code),
            _ => None,
        }
    }
}

impl fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api {
                status, envelope, ..
            } => {
                write!(
                    f,
                    "{status} {}: {} (RequestId {})",
                    envelope.code, envelope.message, envelope.request_id
                )
            }
            Self::Timeout => f.write_str("the cloud did not answer in time"),
            Self::Transport(e) => write!(f, "could not reach the cloud: {e}"),
            Self::Decode(e) => write!(f, "unexpected answer from the cloud: {e}"),
        }
    }
}

impl std::error::Error for UpstreamError {}
