//! A journal of a full sitting: everyone present, everyone voting on every motion.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::rng::Rng;
use crate::journal::{Action, Choice, FORMAT, GENESIS, Mark, Record, fingerprint};
use crate::model::{Session, VotingMethod};

/// Journal times: the sitting's date at 01:00 UTC (09:00 in Beijing), one record every
/// 200 ms, so the file is deterministic and times still go forward.
fn journal_time(start: DateTime<Utc>, n: u64) -> String {
    (start + Duration::milliseconds(200 * n as i64))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The sitting's date at 01:00 UTC (09:00 in Beijing): where generated times start.
pub(super) fn session_start(s: &Session) -> DateTime<Utc> {
    chrono::NaiveDate::parse_from_str(&s.congress.date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(1, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default()
}

/// The records of a full sitting: header, everyone present (one attendance record per
/// delegation), each election's round counted ballot by ballot, then for every roll-call motion: open, one vote per present delegate, close.
/// Mostly yes, with some no and abstain, so every motion passes with a real spread.
pub fn journal_records(s: &Session, seed: u64) -> Vec<Record> {
    let mut rng = Rng::new(seed ^ 0x6A09_E667_F3BC_C908);
    let start = session_start(s);
    let secretary = "秘书处".to_string();
    let mut out: Vec<Record> = Vec::new();
    let push = |out: &mut Vec<Record>, action: Action| {
        let seq = out.len() as u64;
        let prev = out.last().map_or(GENESIS, |r| r.hash);
        out.push(Record::new(
            seq,
            journal_time(start, seq),
            secretary.clone(),
            action,
            prev,
        ));
    };
    push(
        &mut out,
        Action::Begin {
            session: s.id.clone(),
            fingerprint: fingerprint(s),
            format: FORMAT,
        },
    );
    // Attendance by delegation, in roster order; delegates without a group come last.
    let mut by_group: BTreeMap<Option<&str>, Vec<compact_str::CompactString>> = BTreeMap::new();
    for d in &s.roster {
        by_group
            .entry(d.group.as_deref())
            .or_default()
            .push(d.id.as_str().into());
    }
    for (_, delegates) in by_group {
        push(
            &mut out,
            Action::Attendance {
                mark: Mark::Present,
                delegates,
            },
        );
    }
    // Elections before the motions: the journal still ends on a motion's close.
    for e in &s.elections {
        let present = u32::try_from(s.roster.len()).unwrap_or(u32::MAX);
        for a in super::election::actions(e, present, seed) {
            push(&mut out, a);
        }
    }
    for m in s
        .motions
        .iter()
        .filter(|m| m.method == VotingMethod::RollCall)
    {
        push(
            &mut out,
            Action::Open {
                motion: m.id.as_str().into(),
            },
        );
        for d in &s.roster {
            let choice = match rng.below(100) {
                0..=3 => Choice::No,
                4..=6 => Choice::Abstain,
                _ => Choice::Yes,
            };
            push(
                &mut out,
                Action::Vote {
                    motion: m.id.as_str().into(),
                    delegate: d.id.as_str().into(),
                    choice,
                },
            );
        }
        push(
            &mut out,
            Action::Close {
                motion: m.id.as_str().into(),
            },
        );
    }
    out
}

/// The journal file's bytes: one canonical line per record.
pub fn journal_bytes(records: &[Record]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * 300);
    for r in records {
        out.extend_from_slice(r.to_line().as_bytes());
        out.push(b'\n');
    }
    out
}
