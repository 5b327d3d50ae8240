//! A sitting folder's warnings in words, for the command line and the window: damage,
//! conflict copies, records not counted, disagreements, files that are not journals.

use super::action::Action;
use super::file::JournalStatus;
use std::path::Path;

use super::folder::FolderTally;
use super::merge::ConflictKey;
use super::record::Record;
use super::witness::Witnessed;
use crate::i18n::{Label, Lang, trf};
use crate::model::Session;

fn delegate(session: &Session, id: &str) -> String {
    session
        .roster
        .iter()
        .find(|d| d.id == id)
        .and_then(|d| d.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn motion(session: &Session, id: &str) -> String {
    session
        .motions
        .iter()
        .find(|m| m.id == id)
        .map_or_else(|| id.to_string(), |m| m.title.clone())
}

/// What a disagreement is about, in words.
fn key_text(key: &ConflictKey, session: &Session, lang: Lang) -> String {
    match key {
        ConflictKey::Attendance { delegate: d } => trf(
            lang,
            "votes.merge.key.attendance",
            &[("who", &delegate(session, d))],
        ),
        ConflictKey::Vote {
            motion: m,
            delegate: d,
        } => trf(
            lang,
            "votes.merge.key.vote",
            &[
                ("who", &delegate(session, d)),
                ("motion", &motion(session, m)),
            ],
        ),
        ConflictKey::Counts { motion: m } => trf(
            lang,
            "votes.merge.key.counts",
            &[("motion", &motion(session, m))],
        ),
        ConflictKey::ElectionBallots { election } => trf(
            lang,
            "election.merge.key.ballots",
            &[("e", &office(session, election))],
        ),
        ConflictKey::ElectionCounts { election, name } => trf(
            lang,
            "election.merge.key.counts",
            &[("e", &office(session, election)), ("name", name)],
        ),
        ConflictKey::ElectionInvalid { election } => trf(
            lang,
            "election.merge.key.invalid",
            &[("e", &office(session, election))],
        ),
    }
}

fn office(session: &Session, id: &str) -> String {
    session
        .election(id)
        .map_or_else(|| id.to_string(), |e| e.office.clone())
}

/// The value a record gives the thing a disagreement is about, in words.
fn value_text(r: &Record, lang: Lang) -> String {
    match &r.action {
        Action::Attendance { mark, .. } => mark.label(lang).into_owned(),
        Action::Vote { choice, .. } => choice.label(lang).into_owned(),
        Action::Counts {
            yes,
            no,
            abstain,
            invalid,
            ..
        } => format!("{yes}/{no}/{abstain}/{invalid}"),
        Action::ElectionBallots {
            issued, returned, ..
        } => format!("{issued}/{returned}"),
        Action::ElectionCounts {
            yes, no, abstain, ..
        } => format!("{yes}/{no}/{abstain}"),
        Action::ElectionInvalid { invalid, .. } => invalid.to_string(),
        _ => String::new(),
    }
}

/// The folder's warnings in `lang`, one line each, by kind.
#[derive(Debug, Default)]
pub struct Warnings {
    /// Torn tails and damage.
    pub journals: Vec<String>,
    pub copies: Vec<String>,
    pub refused: Vec<String>,
    pub disagreements: Vec<String>,
    /// Files that are not this session's journals.
    pub others: Vec<String>,
}

impl Warnings {
    pub fn new(f: &FolderTally, session: &Session, lang: Lang) -> Self {
        Warnings {
            journals: journal_lines(f, lang),
            copies: copy_lines(f, lang),
            refused: f
                .refused
                .iter()
                .map(|r| {
                    trf(
                        lang,
                        "folder.refused",
                        &[
                            ("secretary", &r.record.secretary),
                            ("time", &r.record.time),
                            ("error", &r.error.message(lang)),
                        ],
                    )
                })
                .collect(),
            disagreements: f
                .disagreements
                .iter()
                .map(|d| {
                    trf(
                        lang,
                        "folder.disagreement",
                        &[
                            ("what", &key_text(&d.key, session, lang)),
                            ("a", &value_text(&d.earlier, lang)),
                            ("a_by", &d.earlier.secretary),
                            ("a_time", &d.earlier.time),
                            ("b", &value_text(&d.later, lang)),
                            ("b_by", &d.later.secretary),
                            ("b_time", &d.later.time),
                        ],
                    )
                })
                .collect(),
            others: f
                .others
                .iter()
                .map(|o| {
                    trf(
                        lang,
                        "folder.other",
                        &[("name", &o.name), ("error", &o.error.message(lang))],
                    )
                })
                .collect(),
        }
    }
}

impl Warnings {
    /// What [`FolderTally::witness`] found, one line per journal.
    pub fn witnessed(found: &[(&Path, Witnessed)], lang: Lang) -> Vec<String> {
        found
            .iter()
            .map(|(path, w)| {
                let path = path.display().to_string();
                match w {
                    Witnessed::Truncated { seen, now } => trf(
                        lang,
                        "folder.witness.truncated",
                        &[
                            ("path", &path),
                            ("code", &seen.to_string()),
                            ("records", &now.to_string()),
                        ],
                    ),
                    Witnessed::Rewritten { seen } => trf(
                        lang,
                        "folder.witness.rewritten",
                        &[("path", &path), ("code", &seen.to_string())],
                    ),
                    Witnessed::Consistent => String::new(),
                }
            })
            .filter(|l| !l.is_empty())
            .collect()
    }
}

fn journal_lines(f: &FolderTally, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for j in &f.journals {
        let p = j.path.display().to_string();
        match j.status() {
            JournalStatus::Ok => {}
            JournalStatus::TornTailCut { bytes } => out.push(trf(
                lang,
                "journal.file.torn_tail",
                &[("path", &p), ("bytes", &bytes.to_string())],
            )),
            JournalStatus::Damaged { record, reason } => out.push(trf(
                lang,
                "journal.file.damaged",
                &[
                    ("path", &p),
                    ("record", &record.to_string()),
                    ("reason", reason),
                ],
            )),
        }
    }
    out
}

fn copy_lines(f: &FolderTally, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let dir = f.dir.display().to_string();
    for c in &f.copies {
        let path = c.path.display().to_string();
        out.push(match &c.problem {
            Some(e) => trf(
                lang,
                "folder.copy_unreadable",
                &[("name", &c.name), ("error", &e.message(lang))],
            ),
            None if c.missing > 0 => trf(
                lang,
                "folder.copy_missing",
                &[
                    ("name", &c.name),
                    ("original", &c.original),
                    ("missing", &c.missing.to_string()),
                    ("records", &c.records.to_string()),
                    ("dir", &dir),
                    ("path", &path),
                ],
            ),
            None => trf(
                lang,
                "folder.copy_merged",
                &[("name", &c.name), ("records", &c.records.to_string())],
            ),
        });
    }
    out
}
