//! Access key credentials whose secret can be used but never printed.

use std::fmt;

/// An AccessKey pair, optionally with an STS security token.
///
/// `Debug` and `Display` print only the key id: logs, panics and error messages are where
/// secrets leak, so the secret and the token are reachable only through explicit accessors.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The AccessKeyId, sent in clear on every request.
    pub access_key_id: String,
    secret: Secret,
    /// The STS security token, present only for temporary credentials.
    pub security_token: Option<String>,
}

/// The AccessKeySecret; a newtype so no derived `Debug` can ever print it.
#[derive(Clone, PartialEq, Eq)]
struct Secret(String);

impl Credentials {
    /// Long-term credentials from an AccessKeyId and its AccessKeySecret.
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret: Secret(secret.into()),
            security_token: None,
        }
    }

    /// The same credentials marked as STS temporary credentials carrying `token`.
    #[must_use]
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The AccessKeySecret, for the signing code that needs it as HMAC key material.
    pub fn secret(&self) -> &str {
        &self.secret.0
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Credentials {{ access_key_id: {:?}, secret: \"<redacted>\", .. }}",
            self.access_key_id
        )
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_secret_or_the_token() {
        let creds = Credentials::new("EXAMPLEKEYID01", "s3cr3t-VALUE-xyz")
            .with_security_token("CAIS-token-value");
        for printed in [
            format!("{creds:?}"),
            format!("{creds}"),
            format!("{creds:#?}"),
        ] {
            assert!(!printed.contains("s3cr3t-VALUE-xyz"), "{printed}");
            assert!(!printed.contains("CAIS-token-value"), "{printed}");
            assert!(printed.contains("EXAMPLEKEYID01"), "{printed}");
        }
        assert_eq!(
            format!("{creds:?}"),
            "Credentials { access_key_id: \"EXAMPLEKEYID01\", secret: \"<redacted>\", .. }"
        );
    }

    #[test]
    fn the_secret_is_reachable_through_its_accessor() {
        let creds = Credentials::new("id", "secret");
        assert_eq!(creds.secret(), "secret");
        assert_eq!(creds.security_token, None);
        let sts = creds.with_security_token("tok");
        assert_eq!(sts.security_token.as_deref(), Some("tok"));
    }
}
