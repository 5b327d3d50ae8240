//! One journal line: a record, its hash, and the chain that links it to the one before.
//!
//! A record is one JSON object on one `\n`-terminated line, with its fields in this order:
//! `seq`, `time`, `secretary`, `action`, `more` (only when not 0), `prev`, `hash`.
//! - `more` is how many records still follow in the same batch: a batch (one `record`
//!   command, one click) is written with one write and one fsync, and a file that ends inside
//!   a batch was torn mid-write, so the whole batch is cut, not half of it. Journals written
//!   before batches (format 1) have no `more`: each record is a batch of one.
//! - `hash` is the hex SHA-256 of the same JSON object written without `hash` (serde_json's
//!   compact form, fields in the order above).
//! - `prev` is the previous record's `hash`; record 0 has [`GENESIS`].
//! - The line must be exactly the compact JSON that serde_json writes for the record, so a
//!   changed byte anywhere (even one that still parses) is found.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::action::Action;
use super::canonical_line;
use super::chain_hash::ChainHash;

/// `prev` of record 0: sixty-four zeros.
pub const GENESIS: ChainHash = ChainHash([0; 32]);

/// A journal record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// 0 for the [`Action::Begin`] header, then 1, 2, …
    pub seq: u64,
    /// RFC 3339, UTC, milliseconds (`2017-09-21T06:30:00.000Z`), so text order is time order.
    /// (24 bytes: inline in a `CompactString`, as is a secretary's name of up to 8 characters,
    /// so reading a record of a vote allocates nothing.)
    pub time: CompactString,
    /// Who recorded it (secretary mode's name).
    pub secretary: CompactString,
    pub action: Action,
    /// Records still to come in this record's batch (0: the batch ends here).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more: u32,
    /// Hash of the previous record.
    pub prev: ChainHash,
    /// Hash of this record without this field.
    pub hash: ChainHash,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct Body<'a> {
    seq: u64,
    time: &'a str,
    secretary: &'a str,
    action: &'a Action,
    #[serde(skip_serializing_if = "is_zero")]
    more: u32,
    prev: ChainHash,
}

#[derive(Serialize)]
struct Identity<'a> {
    time: &'a str,
    secretary: &'a str,
    action: &'a Action,
}

/// [`Record::id`] of a record with these fields.
pub(super) fn record_id(time: &str, secretary: &str, action: &Action) -> String {
    let ident = Identity {
        time,
        secretary,
        action,
    };
    sha256_hex(&serde_json::to_vec(&ident).unwrap_or_default())
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The current time in the journal's format.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Record {
    /// A new record after `prev`, hashed, a batch of its own.
    pub fn new(
        seq: u64,
        time: impl Into<CompactString>,
        secretary: impl Into<CompactString>,
        action: Action,
        prev: ChainHash,
    ) -> Self {
        let mut r = Record {
            seq,
            time: time.into(),
            secretary: secretary.into(),
            action,
            more: 0,
            prev,
            hash: ChainHash::default(),
        };
        r.hash = r.compute_hash();
        r
    }

    /// This record with `more` records still to come in its batch, hashed again.
    pub fn with_more(mut self, more: u32) -> Self {
        self.more = more;
        self.hash = self.compute_hash();
        self
    }

    /// What `hash` should be.
    pub fn compute_hash(&self) -> ChainHash {
        // Serialising plain strings, integers and enums cannot fail.
        ChainHash(Sha256::digest(serde_json::to_vec(&self.body()).unwrap_or_default()).into())
    }

    /// The record without `hash`: what `hash` is computed over.
    fn body(&self) -> Body<'_> {
        Body {
            seq: self.seq,
            time: &self.time,
            secretary: &self.secretary,
            action: &self.action,
            more: self.more,
            prev: self.prev,
        }
    }

    /// The record's identity for merging: a hash of `time`, `secretary` and `action` only,
    /// so the same action by the same secretary at the same moment is one record wherever
    /// it sits in a chain.
    pub fn id(&self) -> String {
        record_id(&self.time, &self.secretary, &self.action)
    }

    /// The journal line, without the trailing `\n`.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses a line (without `\n`); refused unless it is a record in exactly canonical form.
    pub fn from_line(line: &[u8]) -> Result<Self, String> {
        Record::parse_checked(line).map(|(r, _)| r)
    }

    /// [`Record::from_line`], and whether `hash` is right. Once the line is known to be
    /// canonical, the body `hash` covers is the line up to `,"hash":…` closed with `}`, and
    /// that is hashed where it lies.
    pub(super) fn parse_checked(line: &[u8]) -> Result<(Self, bool), String> {
        // The direct reader works on text; a line that is not UTF-8 goes to serde_json for
        // the located error.
        let r = match std::str::from_utf8(line) {
            Ok(text) => match canonical_line::read(text) {
                Some(r) => r,
                None => Record::parse_slowly(text.as_bytes())?,
            },
            Err(_) => Record::parse_slowly(line)?,
        };
        let hash_ok = r.hash_matches(line);
        Ok((r, hash_ok))
    }

    /// Parses with serde_json and writes the record back to compare: for the lines
    /// [`canonical_line::read`] leaves (escapes, or not canonical at all).
    fn parse_slowly(line: &[u8]) -> Result<Self, String> {
        let r: Record = serde_json::from_slice(line).map_err(|e| e.to_string())?;
        if r.to_line().as_bytes() != line {
            return Err("not in canonical form".to_string());
        }
        Ok(r)
    }

    /// Whether `hash` is the digest of the body of `line`, this record's canonical line.
    fn hash_matches(&self, line: &[u8]) -> bool {
        // `,"hash":"` + 64 hex digits + `"}`.
        let Some(body) = line.len().checked_sub(75).and_then(|n| line.get(..n)) else {
            return false;
        };
        let digest = Sha256::new()
            .chain_update(body)
            .chain_update(b"}")
            .finalize();
        digest.as_slice() == self.hash.0
    }

    /// The same record moved to a new place in a chain (for merging), a batch of its own:
    /// a merged journal is written whole, atomically.
    pub fn rechained(&self, seq: u64, prev: ChainHash) -> Self {
        Record::new(
            seq,
            self.time.clone(),
            self.secretary.clone(),
            self.action.clone(),
            prev,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_round_trips_and_hash_covers_every_field() {
        let a = Record::new(
            1,
            "2017-09-21T06:30:00.000Z",
            "李秘书",
            Action::Open {
                motion: "m1".into(),
            },
            GENESIS,
        );
        let line = a.to_line();
        let b = Record::from_line(line.as_bytes()).unwrap();
        assert_eq!(a, b);
        assert_eq!(b.hash, b.compute_hash());
        let mut c = a.clone();
        c.secretary = "王秘书".into();
        assert_ne!(c.compute_hash(), a.hash);
        // Same action, time and secretary at another place in a chain: same id.
        assert_eq!(a.rechained(7, ChainHash([0xab; 32])).id(), a.id());
        assert_ne!(c.id(), a.id());
    }

    #[test]
    fn non_canonical_lines_are_refused() {
        let a = Record::new(0, now(), "s", Action::Close { motion: "m".into() }, GENESIS);
        let spaced = a.to_line().replacen(':', ": ", 1);
        assert!(Record::from_line(spaced.as_bytes()).is_err());
    }
}
