//! Journal records in words, for the audit trail and the merge window.

use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{Action, Record};
use crate::model::Session;

/// A delegate as "编号 姓名" (the id alone when the roster does not know it).
pub fn delegate_label(session: &Session, id: &str) -> String {
    match session.roster.iter().find(|d| d.id == id) {
        Some(d) if d.name.is_some() => format!("{} {}", d.id, d.display_name()),
        _ => id.to_string(),
    }
}

/// One line describing what a record did.
pub fn action_text(lang: Lang, session: &Session, action: &Action) -> String {
    match action {
        Action::Begin { .. } => tr(lang, "votes.act.begin").into_owned(),
        Action::Attendance { mark, delegates } => {
            let names: Vec<String> = delegates
                .iter()
                .take(5)
                .map(|d| delegate_label(session, d))
                .collect();
            let mut who = names.join("、");
            if delegates.len() > names.len() {
                who = trf(
                    lang,
                    "votes.act.and_more",
                    &[("who", &who), ("n", &delegates.len().to_string())],
                );
            }
            trf(
                lang,
                "votes.act.attendance",
                &[("mark", &mark.label(lang)), ("who", &who)],
            )
        }
        Action::Open { .. } => tr(lang, "votes.act.open").into_owned(),
        Action::Vote {
            delegate, choice, ..
        } => trf(
            lang,
            "votes.act.vote",
            &[
                ("who", &delegate_label(session, delegate)),
                ("choice", &choice.label(lang)),
            ],
        ),
        Action::Counts {
            yes,
            no,
            abstain,
            invalid,
            ..
        } => {
            let mut s = trf(
                lang,
                "votes.act.counts",
                &[
                    ("yes", &yes.to_string()),
                    ("no", &no.to_string()),
                    ("abstain", &abstain.to_string()),
                ],
            );
            // A show of hands has no ballots to spoil.
            if *invalid > 0 {
                s.push_str(&trf(
                    lang,
                    "votes.act.counts_invalid",
                    &[("invalid", &invalid.to_string())],
                ));
            }
            s
        }
        Action::Close { .. } => tr(lang, "votes.act.close").into_owned(),
        Action::Reopen { reason, .. } => {
            trf(lang, "votes.act.reopen", &[("reason", reason.as_str())])
        }
        Action::Undo { seq, .. } => trf(lang, "votes.act.undo", &[("seq", &seq.to_string())]),
        Action::ElectionOpen { election, .. } => trf(
            lang,
            "election.act.open",
            &[("e", office(session, election))],
        ),
        Action::ElectionBallots {
            election,
            issued,
            returned,
        } => trf(
            lang,
            "election.act.ballots",
            &[
                ("e", office(session, election)),
                ("issued", &issued.to_string()),
                ("returned", &returned.to_string()),
            ],
        ),
        Action::ElectionBallot { election, .. } => trf(
            lang,
            "election.act.ballot",
            &[("e", office(session, election))],
        ),
        Action::ElectionCounts {
            election,
            name,
            yes,
            no,
            abstain,
        } => trf(
            lang,
            "election.act.counts",
            &[
                ("e", office(session, election)),
                ("name", name),
                ("yes", &yes.to_string()),
                ("no", &no.to_string()),
                ("abstain", &abstain.to_string()),
            ],
        ),
        Action::ElectionInvalid { election, invalid } => trf(
            lang,
            "election.act.invalid",
            &[
                ("e", office(session, election)),
                ("invalid", &invalid.to_string()),
            ],
        ),
        Action::ElectionClose { election } => trf(
            lang,
            "election.act.close",
            &[("e", office(session, election))],
        ),
        Action::ElectionReopen { election, reason } => trf(
            lang,
            "election.act.reopen",
            &[("e", office(session, election)), ("reason", reason)],
        ),
    }
}

/// An election by its office ("副镇长"), as people know it; the id only if the session does
/// not list it.
fn office<'a>(session: &'a Session, id: &'a str) -> &'a str {
    session.election(id).map_or(id, |e| e.office.as_str())
}

/// The record's time in local time, "HH:MM:SS" (the journal keeps UTC).
pub fn local_time(record: &Record) -> String {
    match chrono::DateTime::parse_from_rfc3339(&record.time) {
        Ok(t) => t
            .with_timezone(&chrono::Local)
            .format("%H:%M:%S")
            .to_string(),
        Err(_) => record.time.to_string(),
    }
}

/// "#seq HH:MM:SS 秘书 — 做了什么".
pub fn record_line(lang: Lang, session: &Session, record: &Record) -> String {
    format!(
        "#{} {} {} — {}",
        record.seq,
        local_time(record),
        record.secretary,
        action_text(lang, session, &record.action)
    )
}
