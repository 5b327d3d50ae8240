//! The session fingerprint in a journal's header.
//!
//! A journal means something only against the session it was recorded for. The fingerprint
//! is the hex SHA-256 of the compact JSON of everything that gives a record its meaning: the
//! session id, seats, quorum rule, the roster's ids and names in order (placeholders filled
//! in), each motion's id, title, method and rule, and each election's id, office, post, seats,
//! candidates and ballot rules (left out when there is none, so a session without elections
//! keeps its fingerprint). An export shows titles and names beside
//! the recorded counts, so renaming a motion or a delegate in the session file must not carry
//! an old journal's verdicts over to the new text; fixing the report text does not matter.
//!
//! Format 1 journals were fingerprinted without titles and names ([`fingerprint_v1`]); they
//! are still read against that, and not written any more.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{BallotRules, Post, Session, Threshold, VotingMethod};

type ElectionPrint<'a> = (&'a str, &'a str, Post, u32, Vec<&'a str>, &'a BallotRules);

#[derive(Serialize)]
struct Canonical<'a> {
    id: &'a str,
    seats: u32,
    quorum: &'a Threshold,
    /// (id, name): a placeholder has no name.
    roster: Vec<(&'a str, Option<&'a str>)>,
    /// (id, title, method, rule).
    motions: Vec<(&'a str, &'a str, VotingMethod, &'a Threshold)>,
    /// (id, office, post, seats, candidates, ballot rules).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    elections: Vec<ElectionPrint<'a>>,
}

/// The fingerprint of `session` (as loaded, placeholders filled).
pub fn fingerprint(session: &Session) -> String {
    let c = Canonical {
        id: &session.id,
        seats: session.seats,
        quorum: &session.quorum,
        roster: session
            .roster
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_deref()))
            .collect(),
        motions: session
            .motions
            .iter()
            .map(|m| (m.id.as_str(), m.title.as_str(), m.method, &m.rule))
            .collect(),
        elections: session
            .elections
            .iter()
            .map(|e| {
                let names = e.candidate_names().collect();
                (
                    e.id.as_str(),
                    e.office.as_str(),
                    e.post,
                    e.seats,
                    names,
                    &e.rules,
                )
            })
            .collect(),
    };
    hex::encode(Sha256::digest(serde_json::to_vec(&c).unwrap_or_default()))
}

#[derive(Serialize)]
struct CanonicalV1<'a> {
    id: &'a str,
    seats: u32,
    quorum: &'a Threshold,
    roster: Vec<&'a str>,
    motions: Vec<(&'a str, VotingMethod, &'a Threshold)>,
}

/// The fingerprint format 1 journals carry: ids, seats and rules only.
pub fn fingerprint_v1(session: &Session) -> String {
    let c = CanonicalV1 {
        id: &session.id,
        seats: session.seats,
        quorum: &session.quorum,
        roster: session.roster.iter().map(|d| d.id.as_str()).collect(),
        motions: session
            .motions
            .iter()
            .map(|m| (m.id.as_str(), m.method, &m.rule))
            .collect(),
    };
    hex::encode(Sha256::digest(serde_json::to_vec(&c).unwrap_or_default()))
}
