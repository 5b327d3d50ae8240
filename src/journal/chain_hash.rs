//! A record's hash in the chain: 32 bytes, written in the journal as 64 lowercase hex digits.
//!
//! Held as bytes, not text: a national journal has ~180,000 records with two hashes each,
//! and as `String`s each record would cost four allocations and frees while it is read,
//! the frees on another thread than the allocations.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A SHA-256 digest in the hash chain.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ChainHash(pub [u8; 32]);

/// Each byte's value as a hex digit, or `NOT_HEX`. Lowercase only: that is what is written.
const NOT_HEX: u8 = 0xff;
const NIBBLE: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

impl ChainHash {
    /// Reads 64 lowercase hex digits; anything else is `None`.
    pub fn from_hex(text: &[u8]) -> Option<Self> {
        if text.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        let mut bad = 0u8;
        for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
            let (hi, lo) = (NIBBLE[pair[0] as usize], NIBBLE[pair[1] as usize]);
            // One test at the end rather than a branch per digit.
            bad |= (hi | lo) & 0xf0;
            *byte = (hi << 4) | (lo & 0x0f);
        }
        (bad == 0).then_some(ChainHash(out))
    }

    /// The 64 hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The first 8 bytes as a number: enough to tell records apart in an index.
    pub fn short(&self) -> u64 {
        let mut first = [0u8; 8];
        first.copy_from_slice(&self.0[..8]);
        u64::from_be_bytes(first)
    }
}

impl fmt::Display for ChainHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for ChainHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChainHash({self})")
    }
}

impl Serialize for ChainHash {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut hex = [0u8; 64];
        // 64 bytes is exactly the room 32 bytes need, and hex digits are ASCII.
        let _ = hex::encode_to_slice(self.0, &mut hex);
        s.serialize_str(std::str::from_utf8(&hex).unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for ChainHash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Hex;
        impl Visitor<'_> for Hex {
            type Value = ChainHash;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a hash: 64 lowercase hex digits")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ChainHash, E> {
                ChainHash::from_hex(v.as_bytes())
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Hex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_only_lowercase_hex_is_read() {
        let h = ChainHash(std::array::from_fn(|i| (i * 37 + 5) as u8));
        let text = h.to_hex();
        assert_eq!(text.len(), 64);
        assert_eq!(ChainHash::from_hex(text.as_bytes()), Some(h));
        assert_eq!(serde_json::to_string(&h).unwrap(), format!("\"{text}\""));
        assert_eq!(
            serde_json::from_str::<ChainHash>(&format!("\"{text}\"")).unwrap(),
            h
        );
        for bad in [
            text.to_uppercase(),
            text[..63].to_string(),
            format!("{text}0"),
            text.replacen(|c: char| c.is_ascii_hexdigit(), "g", 1),
            text.replacen(|c: char| c.is_ascii_hexdigit(), "/", 1),
            text.replacen(|c: char| c.is_ascii_hexdigit(), ":", 1),
        ] {
            assert_eq!(ChainHash::from_hex(bad.as_bytes()), None, "{bad}");
            assert!(serde_json::from_str::<ChainHash>(&format!("\"{bad}\"")).is_err());
        }
        assert_eq!(h.short(), u64::from_be_bytes(h.0[..8].try_into().unwrap()));
    }
}
