//! A tiny seedable PRNG (SplitMix64): the same seed gives the same IDs, MACs and fault rolls.

use serde::{Deserialize, Serialize};

/// SplitMix64; its whole state is one `u64`, so it serialises with the world.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rng {
    state: u64,
}

const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const MIXED_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator seeded from the operating system (for request IDs and credentials).
    pub fn from_entropy() -> Self {
        let mut bytes = [0u8; 8];
        if getrandom::fill(&mut bytes).is_err() {
            // No OS entropy: fall back to the clock, still unique enough for request IDs.
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            return Self::new(nanos ^ u64::from(std::process::id()));
        }
        Self::new(u64::from_le_bytes(bytes))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A value in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn pick(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[(self.next_u64() % alphabet.len() as u64) as usize] as char)
            .collect()
    }

    /// `len` lowercase letters and digits (the tail of an Alibaba resource ID).
    pub fn lower_alnum(&mut self, len: usize) -> String {
        self.pick(LOWER_ALNUM, len)
    }

    /// `len` uppercase letters and digits.
    pub fn upper_alnum(&mut self, len: usize) -> String {
        self.pick(UPPER_ALNUM, len)
    }

    /// `len` mixed-case letters and digits.
    pub fn mixed_alnum(&mut self, len: usize) -> String {
        self.pick(MIXED_ALNUM, len)
    }

    /// An uppercase UUID-shaped request ID, `9BE1875B-EE52-501D-AD6E-BF0EEC4E1660`.
    pub fn request_id(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        format!(
            "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )
    }
}

/// FNV-1a: a stable hash of a name, so a seeded resource's ID does not depend on seeding order.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_sequence() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(a.lower_alnum(17), b.lower_alnum(17));
        assert_eq!(a.request_id(), b.request_id());
    }

    #[test]
    fn request_id_has_uuid_shape() {
        let id = Rng::new(1).request_id();
        let lens: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(lens, [8, 4, 4, 4, 12]);
        assert_eq!(id, id.to_uppercase());
    }
}
