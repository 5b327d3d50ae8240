//! Shared by the journal tests: small sessions written in RON, and journal helpers.
#![allow(dead_code)]

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Action, Choice, Mark, Recorder};
use delegate_desk::model::{Session, load_str};

/// A session with `seats` placeholder delegates (d001 …) and three motions:
/// "hands" (show of hands), "roll" (roll call), "ballot" (secret ballot), each decided by
/// the default rule (more than half of all seated).
pub fn session_text(id: &str, seats: u32) -> String {
    format!(
        r#"Session(
    id: "{id}",
    congress: Congress(name: "测试镇人民代表大会", title: "测试会议", term: 1, session: 1,
                       town: "测试镇", date: "2017-09-21"),
    seats: {seats},
    fill_roster_with_placeholders: true,
    motions: [
        Motion(id: "hands", title: "举手议案", method: ShowOfHands),
        Motion(id: "roll", title: "记名议案", method: RollCall),
        Motion(id: "ballot", title: "投票议案", method: SecretBallot),
    ],
)"#
    )
}

pub fn session(seats: u32) -> Session {
    load_str("test.ron", &session_text("test-session", seats), Lang::En)
        .unwrap()
        .session
}

/// Placeholder ids d001 … d{n}.
pub fn ids(range: std::ops::RangeInclusive<u32>) -> Vec<compact_str::CompactString> {
    range.map(|n| format!("d{n:03}").into()).collect()
}

pub fn present(range: std::ops::RangeInclusive<u32>) -> Action {
    Action::Attendance {
        mark: Mark::Present,
        delegates: ids(range),
    }
}

pub fn mark(mark: Mark, range: std::ops::RangeInclusive<u32>) -> Action {
    Action::Attendance {
        mark,
        delegates: ids(range),
    }
}

pub fn open(m: &str) -> Action {
    Action::Open { motion: m.into() }
}

pub fn close(m: &str) -> Action {
    Action::Close { motion: m.into() }
}

pub fn counts(m: &str, yes: u32, no: u32, abstain: u32, invalid: u32) -> Action {
    Action::Counts {
        motion: m.into(),
        yes,
        no,
        abstain,
        invalid,
    }
}

pub fn vote(m: &str, n: u32, choice: Choice) -> Action {
    Action::Vote {
        motion: m.into(),
        delegate: format!("d{n:03}").into(),
        choice,
    }
}

/// A recorder on a fresh journal in `dir`.
pub fn recorder(dir: &std::path::Path, session: &Session) -> Recorder {
    Recorder::open_for_writing(&dir.join("votes.jsonl"), session, "李秘书").unwrap()
}
