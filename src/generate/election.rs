//! The national preset's election: 190 candidates for 175 seats, every delegate's ballot
//! entered one by one (唱票) — the biggest count the election page and the tally meet.
//!
//! The candidates are delegates (the first 190 distinct names of the roster). The post is a
//! by-election's, whose rule (Art. 30: at least as many candidates as seats) is the only one
//! of the township law's that a 差额 of fifteen over 175 seats keeps; the national rules for
//! such a list are not modelled.

use std::collections::HashSet;

use compact_str::CompactString;

use super::rng::Rng;
use crate::journal::Action;
use crate::model::{BallotRules, Candidate, Election, Post, Session};

/// The election's id in the session and the journal.
pub const ID: &str = "standing-committee";
const SEATS: u32 = 175;
const CANDIDATES: usize = 190;

/// The election, candidates taken from `roster` names (fewer seats when a small roster has
/// fewer than 175 names); None when the roster names nobody.
pub fn election(s: &Session) -> Option<Election> {
    let mut seen = HashSet::new();
    let candidates = s
        .roster
        .iter()
        .filter_map(|d| d.name.clone())
        .filter(|n| seen.insert(n.clone()))
        .take(CANDIDATES)
        .map(|name| Candidate { name, note: None })
        .collect::<Vec<_>>();
    let n = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
    (n > 0).then(|| Election {
        id: ID.to_string(),
        office: "常务委员会委员".to_string(),
        post: Post::ByElection,
        seats: SEATS.min(n),
        candidates,
        rules: BallotRules::default(),
        source: None,
    })
}

/// The round's records: open, ballots issued and returned (one per delegate present), each
/// ballot, close. A ballot marks 赞成 for all but 15 to 18 of the candidates — those mostly
/// among the last forty on the list — and 反对 or 弃权 or nothing for those; one in five
/// hundred is spoiled. Its own random stream, so the motions' votes do not change with it.
pub fn actions(e: &Election, present: u32, seed: u64) -> Vec<Action> {
    let mut rng = Rng::new(seed ^ 0xBB67_AE85_84CA_A73B);
    let id = || CompactString::from(e.id.as_str());
    let names: Vec<CompactString> = e
        .candidates
        .iter()
        .map(|c| c.name.as_str().into())
        .collect();
    let n = names.len();
    let mut out = vec![
        Action::ElectionOpen {
            election: id(),
            nominees: Vec::new(),
        },
        Action::ElectionBallots {
            election: id(),
            issued: present,
            returned: present,
        },
    ];
    let mut marks = vec![0u8; n];
    for _ in 0..present {
        if rng.below(500) == 0 {
            out.push(Action::ElectionBallot {
                election: id(),
                yes: Vec::new(),
                no: Vec::new(),
                abstain: Vec::new(),
                write_in: Vec::new(),
                spoiled: true,
            });
            continue;
        }
        marks.fill(0);
        let seats = usize::try_from(e.seats).unwrap_or(usize::MAX);
        let skip = n.saturating_sub(seats) + rng.below(4);
        let mut skipped = 0;
        while skipped < skip.min(n) {
            let i = if rng.below(4) == 0 {
                rng.below(n)
            } else {
                n - 1 - rng.below(40.min(n))
            };
            if marks[i] == 0 {
                marks[i] = 1 + rng.below(3) as u8;
                skipped += 1;
            }
        }
        let pick = |k: u8| -> Vec<CompactString> {
            names
                .iter()
                .zip(&marks)
                .filter(|(_, m)| **m == k)
                .map(|(name, _)| name.clone())
                .collect()
        };
        out.push(Action::ElectionBallot {
            election: id(),
            yes: pick(0),
            no: pick(1),
            abstain: pick(2),
            write_in: Vec::new(),
            spoiled: false,
        });
    }
    out.push(Action::ElectionClose { election: id() });
    out
}
