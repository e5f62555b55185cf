//! RFC 3986 percent-encoding and the sorted canonical query string shared by V1 and V3.

/// Percent-encodes `s` the way Alibaba's signers do (RFC 3986, UTF-8 bytes).
///
/// The unreserved characters `A-Z a-z 0-9 - _ . ~` are kept; every other byte becomes `%XY`
/// with uppercase hex. Space is `%20` (never `+`), `*` is `%2A` and `~` stays literal, which is
/// exactly where form encoders differ and where hand-rolled signers usually break.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &byte in s.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// Builds `enc(k1)=enc(v1)&enc(k2)=enc(v2)...` with the pairs sorted byte-wise by name.
///
/// Pairs with equal names are ordered by value so the result does not depend on the order the
/// pairs arrived in. An empty value still yields `k=`: the SDKs sign such params
/// (e.g. `SignatureType=`), so dropping them would break verification.
pub fn canonical_query_string(params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| (a.0.as_bytes(), a.1.as_bytes()).cmp(&(b.0.as_bytes(), b.1.as_bytes())));
    join_encoded(sorted.into_iter())
}

/// Joins pairs as `enc(k)=enc(v)` with `&`, in the order given.
pub(crate) fn join_encoded<'a>(pairs: impl Iterator<Item = &'a (String, String)>) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&percent_encode(name));
        out.push('=');
        out.push_str(&percent_encode(value));
    }
    out
}

/// Decodes `%XY` escapes and `+` (form encoding's space); malformed escapes stay literal.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|b| char::from(*b).to_digit(16));
                let lo = bytes.get(i + 2).and_then(|b| char::from(*b).to_digit(16));
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    // Two hex digits always fit in a byte.
                    out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'%'));
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encode_matches_the_alibaba_table() {
        let table = [
            ("AZaz09-_.~", "AZaz09-_.~"),
            (" ", "%20"),
            ("*", "%2A"),
            ("~", "~"),
            ("+", "%2B"),
            ("/", "%2F"),
            (":", "%3A"),
            ("=", "%3D"),
            ("&", "%26"),
            ("!'()", "%21%27%28%29"),
            ("测试", "%E6%B5%8B%E8%AF%95"),
            ("é", "%C3%A9"),
            ("", ""),
        ];
        for (input, expected) in table {
            assert_eq!(percent_encode(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn canonical_query_sorts_by_name_then_value_and_keeps_empty_values() {
        let params = vec![
            ("b".to_string(), "2".to_string()),
            ("a".to_string(), "z".to_string()),
            ("SignatureType".to_string(), String::new()),
            ("a".to_string(), "y".to_string()),
        ];
        assert_eq!(
            canonical_query_string(&params),
            "SignatureType=&a=y&a=z&b=2"
        );
    }

    #[test]
    fn percent_decode_reverses_encode_and_reads_plus_as_space() {
        for s in [
            "my eni*name~1",
            "测试 ENI (demo)!",
            "CAIS+token/abc=",
            "%zz",
        ] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(percent_decode("a+b%2"), "a b%2");
    }
}
