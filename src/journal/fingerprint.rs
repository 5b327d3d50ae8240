//! The session fingerprint in a journal's header.
//!
//! A journal means something only against the session it was recorded for. The fingerprint
//! is the hex SHA-256 of the compact JSON of exactly what the journal's meaning depends on:
//! the session id, seats, quorum rule, the roster's ids in order (placeholders filled in), and
//! each motion's id, method and rule, and each election's id, post, seats, candidates and
//! ballot rules (left out when there is none, so a journal of a session without elections
//! keeps its fingerprint). Fixing a typo in the report text or a delegate's name
//! keeps the journal usable; changing who is seated or how a motion is decided does not.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{BallotRules, Post, Session, Threshold, VotingMethod};

#[derive(Serialize)]
struct Canonical<'a> {
    id: &'a str,
    seats: u32,
    quorum: &'a Threshold,
    roster: Vec<&'a str>,
    motions: Vec<(&'a str, VotingMethod, &'a Threshold)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    elections: Vec<(&'a str, Post, u32, Vec<&'a str>, &'a BallotRules)>,
}

/// The fingerprint of `session` (as loaded, placeholders filled).
pub fn fingerprint(session: &Session) -> String {
    let c = Canonical {
        id: &session.id,
        seats: session.seats,
        quorum: &session.quorum,
        roster: session.roster.iter().map(|d| d.id.as_str()).collect(),
        motions: session
            .motions
            .iter()
            .map(|m| (m.id.as_str(), m.method, &m.rule))
            .collect(),
        elections: session
            .elections
            .iter()
            .map(|e| {
                let names = e.candidate_names().collect();
                (e.id.as_str(), e.post, e.seats, names, &e.rules)
            })
            .collect(),
    };
    hex::encode(Sha256::digest(serde_json::to_vec(&c).unwrap_or_default()))
}
