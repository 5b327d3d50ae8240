//! Reading a journal line that is already in canonical form, directly.
//!
//! Every line must be exactly what serde_json writes for its record ([`super::record`]).
//! Checking that by parsing with serde_json and writing the record out again to compare
//! costs most of opening a national journal (180,000 lines). Nearly every line has
//! no escape in it, and such a line, if canonical, is one fixed sequence of keys and
//! punctuation with plain values between them, so it is read here in one pass that checks
//! the form as it goes. Anything else — an escape, another order, a space, an unknown
//! action — is left to serde_json and the comparison ([`read`] returns `None`), which
//! decide the same question the slow way; the tests check the two agree.

use compact_str::CompactString;

use super::action::{Action, Choice, Mark};
use super::chain_hash::ChainHash;
use super::record::Record;

/// The record in `line` if `line` is its canonical form and has no escape in it; `None` if
/// that cannot be told this way (the line may still be canonical, or not a record at all).
pub(super) fn read(line: &str) -> Option<Record> {
    if memchr::memchr(b'\\', line.as_bytes()).is_some() {
        return None;
    }
    let mut c = Cursor { text: line, at: 0 };
    c.lit("{\"seq\":")?;
    let seq = c.number()?;
    c.lit(",\"time\":")?;
    let time = c.string()?.into();
    c.lit(",\"secretary\":")?;
    let secretary = c.string()?.into();
    c.lit(",\"action\":{")?;
    let action = action(&mut c)?;
    c.lit("}")?;
    // `more` is written only when not 0 (and then without a leading zero).
    let more = if c.eat(",\"more\":") {
        u32::try_from(c.number()?).ok().filter(|&n| n > 0)?
    } else {
        0
    };
    c.lit(",\"prev\":")?;
    let prev = c.hash()?;
    c.lit(",\"hash\":")?;
    let hash = c.hash()?;
    c.lit("}")?;
    (c.at == line.len()).then_some(Record {
        seq,
        time,
        secretary,
        action,
        more,
        prev,
        hash,
    })
}

/// `"kind":{…}`, the action inside `"action":{…}`.
fn action(c: &mut Cursor) -> Option<Action> {
    let kind = c.string()?;
    c.lit(":{")?;
    let action = match kind {
        "begin" => {
            c.lit("\"session\":")?;
            let session = c.string()?.to_string();
            c.lit(",\"fingerprint\":")?;
            let fingerprint = c.string()?.to_string();
            c.lit(",\"format\":")?;
            let format = u32::try_from(c.number()?).ok()?;
            Action::Begin {
                session,
                fingerprint,
                format,
            }
        }
        "attendance" => {
            c.lit("\"mark\":")?;
            let mark = match c.string()? {
                "present" => Mark::Present,
                "leave" => Mark::Leave,
                "absent" => Mark::Absent,
                _ => return None,
            };
            c.lit(",\"delegates\":[")?;
            let mut delegates = Vec::new();
            if !c.eat("]") {
                loop {
                    delegates.push(CompactString::from(c.string()?));
                    if c.eat("]") {
                        break;
                    }
                    c.lit(",")?;
                }
            }
            Action::Attendance { mark, delegates }
        }
        "open" => Action::Open {
            motion: c.field_string("motion")?,
        },
        "close" => Action::Close {
            motion: c.field_string("motion")?,
        },
        "vote" => {
            let motion = c.field_string("motion")?;
            c.lit(",\"delegate\":")?;
            let delegate = c.string()?.into();
            c.lit(",\"choice\":")?;
            let choice = match c.string()? {
                "yes" => Choice::Yes,
                "no" => Choice::No,
                "abstain" => Choice::Abstain,
                _ => return None,
            };
            Action::Vote {
                motion,
                delegate,
                choice,
            }
        }
        "counts" => {
            let motion = c.field_string("motion")?;
            let mut n = [0u32; 4];
            for (slot, key) in
                n.iter_mut()
                    .zip([",\"yes\":", ",\"no\":", ",\"abstain\":", ",\"invalid\":"])
            {
                c.lit(key)?;
                *slot = u32::try_from(c.number()?).ok()?;
            }
            let [yes, no, abstain, invalid] = n;
            Action::Counts {
                motion,
                yes,
                no,
                abstain,
                invalid,
            }
        }
        "reopen" => {
            let motion = c.field_string("motion")?;
            c.lit(",\"reason\":")?;
            Action::Reopen {
                motion,
                reason: c.string()?.to_string(),
            }
        }
        "undo" => {
            c.lit("\"seq\":")?;
            let seq = c.number()?;
            c.lit(",\"record\":")?;
            Action::Undo {
                seq,
                record: c.string()?.to_string(),
            }
        }
        _ => return None,
    };
    c.lit("}")?;
    Some(action)
}

/// A place in a line being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    /// Consumes `s` if it comes next.
    fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s.as_bytes());
        if found {
            self.at += s.len();
        }
        found
    }

    fn lit(&mut self, s: &str) -> Option<()> {
        self.eat(s).then_some(())
    }

    /// A number as serde_json writes an unsigned integer: digits, no leading zero.
    fn number(&mut self) -> Option<u64> {
        let digits = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let text = self.text.get(self.at..self.at + digits)?;
        if digits == 0 || (digits > 1 && text.starts_with('0')) {
            return None;
        }
        self.at += digits;
        text.parse().ok()
    }

    /// A string without escapes (the caller has made sure there are none in the line) and
    /// without the control characters serde_json would have escaped.
    fn string(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        if rest.first() != Some(&b'"') {
            return None;
        }
        let len = rest[1..].iter().position(|&b| b == b'"' || b < 0x20)?;
        if rest[1 + len] != b'"' {
            return None;
        }
        // Quotes are ASCII, so both ends are character boundaries.
        let s = self.text.get(self.at + 1..self.at + 1 + len)?;
        self.at += len + 2;
        Some(s)
    }

    /// A hash: `"` and 64 lowercase hex digits and `"`.
    fn hash(&mut self) -> Option<ChainHash> {
        let quoted = self.rest().get(..66)?;
        if quoted[0] != b'"' || quoted[65] != b'"' {
            return None;
        }
        self.at += 66;
        ChainHash::from_hex(&quoted[1..65])
    }

    /// `"key":"value"`, first in an object.
    fn field_string(&mut self, key: &str) -> Option<CompactString> {
        self.lit("\"")?;
        self.lit(key)?;
        self.lit("\":")?;
        self.string().map(CompactString::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::record::GENESIS;

    fn records() -> Vec<Record> {
        let actions = vec![
            Action::Begin {
                session: "九江镇 三届三次".into(),
                fingerprint: "f/é\u{7f}".into(),
                format: 0,
            },
            Action::Begin {
                session: "quoted \"name\"\\".into(),
                fingerprint: "tab\there".into(),
                format: u32::MAX,
            },
            Action::Attendance {
                mark: Mark::Leave,
                delegates: vec!["d1".into(), "d2".into()],
            },
            Action::Attendance {
                mark: Mark::Present,
                delegates: vec![],
            },
            Action::Attendance {
                mark: Mark::Absent,
                delegates: vec!["代表甲".into()],
            },
            Action::Open {
                motion: "m1".into(),
            },
            Action::Vote {
                motion: "m1".into(),
                delegate: "代表乙".into(),
                choice: Choice::Abstain,
            },
            Action::Vote {
                motion: "m\"1\"".into(),
                delegate: "d\n".into(),
                choice: Choice::Yes,
            },
            Action::Vote {
                motion: "m".into(),
                delegate: "d".into(),
                choice: Choice::No,
            },
            Action::Counts {
                motion: "m1".into(),
                yes: 100,
                no: 0,
                abstain: u32::MAX,
                invalid: 7,
            },
            Action::Close {
                motion: "m1".into(),
            },
            Action::Reopen {
                motion: "m1".into(),
                reason: "计票有误 </script> \u{2028}".into(),
            },
            Action::Undo {
                seq: u64::MAX,
                record: "ab".repeat(32),
            },
        ];
        actions
            .into_iter()
            .enumerate()
            .map(|(k, a)| {
                Record::new(
                    k as u64 * 1000,
                    "2017-09-21T06:30:00.000Z",
                    "李秘书",
                    a,
                    GENESIS,
                )
                // Every other record inside a batch.
                .with_more((k % 2 * k) as u32)
            })
            .collect()
    }

    /// What serde_json says: the record, if the line parses and is its canonical form.
    fn reference(line: &str) -> Option<Record> {
        let r: Record = serde_json::from_str(line).ok()?;
        (r.to_line() == line).then_some(r)
    }

    /// Every canonical line without an escape is read here (else the fast path would
    /// silently stop being taken), and gives serde_json's record.
    #[test]
    fn reads_every_kind_of_canonical_line() {
        let mut read_here = 0;
        for r in records() {
            let line = r.to_line();
            let got = read(&line);
            if line.contains('\\') {
                assert_eq!(got, None, "{line}");
            } else {
                assert_eq!(got.as_ref(), Some(&r), "{line}");
                read_here += 1;
            }
        }
        assert_eq!(read_here, 11);
    }

    /// Whatever this reads, serde_json reads the same and calls canonical: lines edited at
    /// every place (spaces, signs, zeros, fractions, escapes, a character left out, another
    /// field order) are never read as something else.
    #[test]
    fn never_reads_what_serde_json_would_not() {
        let mut differs = 0;
        for r in records() {
            let line = r.to_line();
            let mut variants: Vec<String> = Vec::new();
            for (at, ch) in line.char_indices() {
                for insert in [" ", "\n", "\u{1}", "-", "0", "1", ".0", "e0", "\\/", "\""] {
                    variants.push(format!("{}{insert}{}", &line[..at], &line[at..]));
                }
                let after = &line[at + ch.len_utf8()..];
                variants.push(format!("{}\\u{:04x}{after}", &line[..at], ch as u32));
                variants.push(format!("{}{after}", &line[..at]));
            }
            let mut swapped: serde_json::Value = serde_json::from_str(&line).unwrap();
            if let Some(map) = swapped.as_object_mut() {
                let time = map.remove("time").unwrap();
                map.insert("time".into(), time);
            }
            variants.push(swapped.to_string());
            for v in &variants {
                let fast = read(v);
                let slow = reference(v);
                if fast.is_some() {
                    assert_eq!(fast, slow, "{v}");
                } else if slow.is_some() {
                    // Only a line with an escape may be left to the slow way.
                    assert!(v.contains('\\'), "{v}");
                }
                if slow.is_none() {
                    differs += 1;
                }
            }
        }
        assert!(differs > 1000, "{differs}");
    }
}
