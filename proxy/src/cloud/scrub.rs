//! What the cloud says in an error can carry what the browser must never see: Alibaba's
//! `SignatureDoesNotMatch` message quotes the server's string to sign (with the AccessKeyId and
//! every parameter), and a message or link may echo the AccessKeyId or the STS token. Every
//! error envelope is scrubbed here, before it leaves the cloud client.

use tether_domain::ErrorEnvelope;
use tether_signer::Credentials;

const WITHHELD: &str = "[withheld]";

/// Removes the string to sign, the AccessKeyId and the security token from `envelope`.
pub fn scrub(envelope: &mut ErrorEnvelope, credentials: &Credentials) {
    let secrets: Vec<&str> = [
        Some(credentials.access_key_id.as_str()),
        credentials.security_token.as_deref(),
        Some(credentials.secret()),
    ]
    .into_iter()
    .flatten()
    // A very short value would scrub ordinary words; real IDs and tokens are long.
    .filter(|s| s.len() >= 8)
    .collect();
    for text in [
        &mut envelope.message,
        &mut envelope.recommend,
        &mut envelope.host_id,
    ] {
        cut_string_to_sign(text);
        for secret in &secrets {
            if text.contains(secret) {
                *text = text.replace(secret, WITHHELD);
            }
        }
    }
}

/// Cuts `text` where it starts quoting a string to sign ("string to sign is:..." in V1,
/// "StringToSign" or "CanonicalRequest" in V3 answers).
fn cut_string_to_sign(text: &mut String) {
    let lower = text.to_ascii_lowercase();
    let cut = [
        "string to sign",
        "stringtosign",
        "canonicalrequest",
        "canonical request",
    ]
    .iter()
    .filter_map(|marker| lower.find(marker))
    .min();
    if let Some(at) = cut {
        text.truncate(at);
        text.push_str("(the string to sign is withheld)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_string_to_sign_and_the_credentials_never_survive() {
        let creds = Credentials::new("TESTKEYSCRUB0001", "secret-value-123")
            .with_security_token("CAIS-sts-token-abcdef".to_owned());
        let mut e = ErrorEnvelope::new(
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DTESTKEYSCRUB0001%26Action%3DDeleteInstance",
            "RID",
            "ecs.aliyuncs.com",
        );
        e.recommend =
            "https://api.aliyun.com/troubleshoot?q=x&ak=TESTKEYSCRUB0001&t=CAIS-sts-token-abcdef"
                .into();
        scrub(&mut e, &creds);
        let all = format!("{} {} {}", e.message, e.recommend, e.host_id);
        for leak in [
            "TESTKEYSCRUB0001",
            "CAIS-sts-token-abcdef",
            "POST&%2F",
            "DeleteInstance",
        ] {
            assert!(!all.contains(leak), "{leak} in {all}");
        }
        assert!(
            e.message.starts_with("Specified signature is not matched"),
            "{}",
            e.message
        );
        assert_eq!(e.code, "SignatureDoesNotMatch");
    }

    #[test]
    fn an_ordinary_message_is_left_alone() {
        let creds = Credentials::new("TESTKEYSCRUB0001", "secret-value-123");
        let mut e = ErrorEnvelope::new(
            "InvalidEniId.NotFound",
            "The specified EniId is not found.",
            "R",
            "h",
        );
        let before = e.clone();
        scrub(&mut e, &creds);
        assert_eq!(e, before);
    }
}
