//! The cloud client: sends a validated `domain` request to an endpoint (Alibaba Cloud or any
//! base URL such as the simulator), signed, with timeouts and a retry policy that can never
//! create twice.

mod client;
mod endpoint;
mod error;
mod retry;
mod scrub;

pub use client::{Answer, CloudClient, SignatureVersion};
pub use endpoint::Target;
pub use error::UpstreamError;
pub use retry::{Attempt, Decision, RetryPolicy, decide};
