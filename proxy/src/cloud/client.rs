//! Signs and sends one typed request, retrying per the policy. Secrets never reach a log line:
//! only the action, region, status and RequestId are traced.

use super::retry::{Attempt, Decision, RetryPolicy, decide};
use super::{Target, UpstreamError};
use axum::body::Bytes;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tether_domain::essentials::{Essentials, essentials};
use tether_domain::{Action, ErrorEnvelope, Validated};
use tether_signer::{Credentials, format_timestamp, v1, v3};

/// Which signature to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureVersion {
    /// RPC HMAC-SHA1 (the default; simplest and verified against the published vector).
    #[default]
    V1,
    /// ACS3-HMAC-SHA256 (what current official SDKs send).
    V3,
}

/// A 2xx answer: the JSON as the endpoint sent it and, for a mutation, what the proxy checked in
/// it and (when it reads as its type) that JSON parsed into the action's response type.
#[derive(Debug, Clone)]
pub struct Answer<R> {
    /// The typed answer of a mutation, when it reads as its type (see [`CloudClient::send_answer`]).
    pub typed: Option<R>,
    /// A mutation's RequestId and the IDs it created, always checked.
    pub essentials: Option<Essentials>,
    /// The body as the endpoint sent it: JSON by its syntax, and of type `R` when `typed` is set.
    pub raw: Bytes,
}

impl<R: serde::Serialize> Answer<R> {
    /// The answer as the audit records it: the typed answer, or, when the answer did not read as
    /// its type, what was checked in it (so a created resource is never missing from the trail).
    pub fn audit_json(&self) -> serde_json::Value {
        match (&self.typed, &self.essentials) {
            (Some(typed), _) => serde_json::to_value(typed).unwrap_or_default(),
            (None, Some(e)) => serde_json::json!({"RequestId": e.request_id, "Created": e.created}),
            (None, None) => serde_json::Value::Null,
        }
    }
}

/// A client for one endpoint and one credential.
#[derive(Clone)]
pub struct CloudClient {
    http: reqwest::Client,
    target: Target,
    credentials: Credentials,
    signature: SignatureVersion,
    retry: RetryPolicy,
}

impl std::fmt::Debug for CloudClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloudClient")
            .field("target", &self.target)
            .field("credentials", &self.credentials)
            .field("signature", &self.signature)
            .finish()
    }
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl CloudClient {
    /// A client with 5 s connect and 30 s total timeouts.
    pub fn new(
        target: Target,
        credentials: Credentials,
        signature: SignatureVersion,
    ) -> Result<Self, UpstreamError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("tether/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| UpstreamError::Transport(e.to_string()))?;
        Ok(Self {
            http,
            target,
            credentials,
            signature,
            retry: RetryPolicy::default(),
        })
    }

    /// Replaces the retry policy (tests use short delays).
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sends `request`, retrying where safe; the number of retries is returned with the answer.
    pub async fn send<A: Action>(
        &self,
        request: &Validated<A>,
    ) -> (Result<A::Response, UpstreamError>, u32) {
        let (body, retries) = self.send_raw(request).await;
        (body.and_then(|raw| parse(&raw)), retries)
    }

    /// Like [`CloudClient::send`], keeping the answer's bytes as they came, which the proxy
    /// forwards as they are (re-encoding a 27 KB page of ENIs cost it ~15% of its throughput).
    pub async fn send_answer<A: Action>(
        &self,
        request: &Validated<A>,
    ) -> (Result<Answer<A::Response>, UpstreamError>, u32) {
        // A mutation's answer must carry what the proxy needs (its RequestId, a create's new
        // IDs): without them the change cannot be acknowledged or audited. Anything else that
        // does not read as the answer's type is logged and the answer forwarded, as the cloud
        // may add or blank fields at any time (DESIGN §6a). A read's is checked to be JSON and
        // forwarded: the app parses it into the same type and says so when it cannot; a second
        // typed parse here cost the proxy ~10 points of throughput on a 27 KB page of ENIs.
        let (body, retries) = self.send_raw(request).await;
        let answer = body.and_then(|raw| {
            if !A::MUTATES {
                parse::<serde::de::IgnoredAny>(&raw)?;
                return Ok(Answer {
                    typed: None,
                    essentials: None,
                    raw,
                });
            }
            let checked =
                essentials::<A>(&raw).map_err(|e| UpstreamError::Decode(e.to_string()))?;
            let typed = parse::<A::Response>(&raw)
                .inspect_err(|e| {
                    tracing::warn!(
                        action = A::NAME,
                        request_id = %checked.request_id,
                        error = %e,
                        "answer differs from its documented type; forwarded as sent"
                    );
                })
                .ok();
            Ok(Answer {
                typed,
                essentials: Some(checked),
                raw,
            })
        });
        (answer, retries)
    }

    /// The body of a 2xx answer to `request`, after the retries the policy allows. (An answer
    /// that does not parse is never retried, so parsing after this loop changes nothing.)
    async fn send_raw<A: Action>(
        &self,
        request: &Validated<A>,
    ) -> (Result<Bytes, UpstreamError>, u32) {
        let mut number = 1;
        loop {
            let result = self.send_once(request.get()).await;
            let Err(error) = result else {
                return (result, number - 1);
            };
            let attempt = Attempt {
                number,
                mutates: A::MUTATES,
                has_client_token: request.get().client_token().is_some(),
                error: &error,
                jitter: rand::random::<f64>(),
            };
            match decide(&self.retry, attempt) {
                Decision::GiveUp => return (Err(error), number - 1),
                Decision::RetryAfter(delay) => {
                    tracing::debug!(
                        action = A::NAME,
                        attempt = number,
                        ?delay,
                        code = error.code(),
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                    number += 1;
                }
            }
        }
    }

    async fn send_once<A: Action>(&self, request: &A) -> Result<Bytes, UpstreamError> {
        let url = self.target.url(A::PRODUCT, request.region());
        let mut params: Vec<(String, String)> = request.to_params().into_iter().collect();
        let timestamp = format_timestamp(now_unix());
        // A fresh nonce per attempt: the gateway refuses a reused one.
        let nonce = crate::random::random_hex(16);
        let builder = match self.signature {
            SignatureVersion::V1 => {
                params.push(("Action".into(), A::NAME.into()));
                params.push(("Version".into(), A::PRODUCT.version().into()));
                let signed =
                    v1::signed_params("POST", params, &self.credentials, &timestamp, &nonce);
                self.http
                    .post(format!("{url}?{}", v1::encode_query(&signed)))
            }
            SignatureVersion::V3 => {
                let host = host_of(&url);
                let extra = [("accept".to_owned(), "application/json".to_owned())];
                let headers = v3::sign_headers(
                    "POST",
                    &host,
                    &params,
                    b"",
                    A::NAME,
                    A::PRODUCT.version(),
                    &self.credentials,
                    &timestamp,
                    &nonce,
                    &extra,
                );
                let mut b = self
                    .http
                    .post(format!("{url}?{}", v1::encode_query(&params)));
                for (name, value) in headers.into_iter().filter(|(n, _)| n != "host") {
                    b = b.header(name, value);
                }
                b
            }
        };
        let response = builder.send().await.map_err(|e| {
            if e.is_timeout() {
                UpstreamError::Timeout
            } else {
                UpstreamError::Transport(without_url(&e))
            }
        })?;
        let status = response.status().as_u16();
        let retry_after_ms = response
            .headers()
            .get("x-acs-retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let body = response
            .bytes()
            .await
            .map_err(|e| UpstreamError::Transport(without_url(&e)))?;
        if (200..300).contains(&status) {
            return Ok(body);
        }
        let mut envelope =
            serde_json::from_slice::<ErrorEnvelope>(&body).unwrap_or_else(|_| ErrorEnvelope {
                code: format!("Http{status}"),
                message: String::from_utf8_lossy(&body).chars().take(200).collect(),
                ..ErrorEnvelope::default()
            });
        super::scrub::scrub(&mut envelope, &self.credentials);
        Err(UpstreamError::Api {
            status,
            envelope: Box::new(envelope),
            retry_after_ms,
        })
    }
}

/// A 2xx body read as `T` (the action's type, or just JSON with `IgnoredAny`).
fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, UpstreamError> {
    serde_json::from_slice(body).map_err(|e| UpstreamError::Decode(e.to_string()))
}

/// The `host[:port]` of a URL, as V3 signs it.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_owned()
}

/// reqwest's error text includes the URL, whose query holds the signature: drop it.
fn without_url(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "<endpoint>");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v3_signs_the_host_with_its_port() {
        assert_eq!(host_of("http://127.0.0.1:9000/"), "127.0.0.1:9000");
        assert_eq!(
            host_of("https://ecs-cn-hangzhou.aliyuncs.com/"),
            "ecs-cn-hangzhou.aliyuncs.com"
        );
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let c = CloudClient::new(
            Target::BaseUrl("http://127.0.0.1:1".into()),
            Credentials::new("TETHERKEY", "very-secret-value"),
            SignatureVersion::V1,
        )
        .unwrap();
        assert!(!format!("{c:?}").contains("very-secret-value"));
    }
}
