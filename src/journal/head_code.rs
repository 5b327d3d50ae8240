//! A journal head's short code, to read aloud, print and check later: `#117-23fb592c` is
//! record 117 whose hash begins `23fb592c`.
//!
//! A hash chain shows any edit inside a journal, but not records cut off its end, nor a whole
//! journal written anew: both are chains as good as the original. What was published can
//! show it: a code shown in the window, printed after every `record` and in every export
//! names a record that a later journal must still hold (`delegate-desk verify J --head
//! CODE`). 32 bits of the hash: a forged record matching a code needs ~2³¹ tries per code,
//! and a code must still be short enough to copy by hand from a projected screen.

use std::fmt;
use std::str::FromStr;

use super::chain_hash::ChainHash;

/// Record number and the first 8 hex digits of its hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HeadCode {
    pub seq: u64,
    /// The hash's first 4 bytes.
    pub prefix: u32,
}

impl HeadCode {
    /// The code of record `seq` whose hash is `hash`.
    pub fn of(seq: u64, hash: &ChainHash) -> HeadCode {
        HeadCode {
            seq,
            prefix: u32::from_be_bytes([hash.0[0], hash.0[1], hash.0[2], hash.0[3]]),
        }
    }

    /// Whether a record `seq` whose hash begins with the 8 bytes `short` ([`ChainHash::short`])
    /// is the one this code names.
    pub fn names(&self, seq: u64, short: u64) -> bool {
        self.seq == seq && (short >> 32) as u32 == self.prefix
    }
}

impl fmt::Display for HeadCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}-{:08x}", self.seq, self.prefix)
    }
}

/// A code that does not read as `#N-xxxxxxxx`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a head code like #117-23fb592c (record number, a dash, 8 hex digits)")]
pub struct BadHeadCode(pub String);

impl FromStr for HeadCode {
    type Err = BadHeadCode;

    /// Reads `#117-23fb592c`; the `#` may be left out (a shell comment otherwise) and the
    /// hex digits may be in capitals (copied by hand).
    fn from_str(s: &str) -> Result<HeadCode, BadHeadCode> {
        let bad = || BadHeadCode(s.to_string());
        let t = s.trim();
        let t = t.strip_prefix('#').unwrap_or(t);
        let (seq, hex) = t.split_once('-').ok_or_else(bad)?;
        if seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if hex.len() != 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(HeadCode {
            seq: seq.parse().map_err(|_| bad())?,
            prefix: u32::from_str_radix(hex, 16).map_err(|_| bad())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes() {
        let h = ChainHash(std::array::from_fn(|i| (i * 29 + 0x23) as u8));
        let code = HeadCode::of(117, &h);
        let text = code.to_string();
        assert_eq!(text, format!("#117-{}", &h.to_hex()[..8]));
        assert_eq!(text.parse::<HeadCode>(), Ok(code));
        assert_eq!(text[1..].to_uppercase().parse::<HeadCode>(), Ok(code));
        assert!(code.names(117, h.short()));
        assert!(!code.names(116, h.short()));
        assert!(!code.names(117, h.short() ^ (1 << 40)));
        for bad in [
            "",
            "#",
            "#117",
            "#-23fb592c",
            "#117-23fb592",
            "#117-23fb592cc",
            "#x-23fb592c",
            "#117-23fb59zc",
            "#+1-23fb592c",
        ] {
            assert!(bad.parse::<HeadCode>().is_err(), "{bad}");
        }
    }
}
