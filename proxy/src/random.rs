//! Random hex strings: nonces, ClientTokens and the sign-in link's secrets (one generator, not
//! one per caller).

/// `bytes` random bytes as lower-case hex.
pub fn random_hex(bytes: usize) -> String {
    (0..bytes)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect()
}
