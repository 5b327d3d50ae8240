//! Fixtures shared by the export tests: the Jiujiang session and a small notes file.

#![allow(dead_code)]

use delegate_desk::export::SummaryData;
use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Action, FORMAT, GENESIS, Mark, Record, Tally, fingerprint};
use delegate_desk::model::{self, Session};
use delegate_desk::notes::{Note, NoteKind, NotesFile, StopState, Target};

pub fn session(lang: Lang) -> Session {
    model::load_bundled(lang).unwrap().session
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().unwrap()
}

fn note(id: &str, target: Target, kind: NoteKind, text: &str, author: Option<&str>) -> Note {
    Note {
        id: id.to_string(),
        target,
        kind,
        text: text.to_string(),
        author: author.map(str::to_string),
        created: at("2017-09-21T01:00:00Z"),
        updated: at("2017-09-21T01:00:00Z"),
    }
}

/// Four notes (a quote in the report, an indicator, a stop, one whose words are gone) and
/// questions for the first stop. Written out of reading order on purpose.
pub fn notes(session: &Session) -> NotesFile {
    let (pid, text) = session
        .paragraphs()
        .find(|(id, _, _)| id.starts_with("industry."))
        .map(|(id, _, t)| (id, t.to_string()))
        .unwrap();
    let mut f = NotesFile::new(&session.id);
    f.notes = vec![
        note(
            "n-stop",
            Target::stop(&session.itinerary.last().unwrap().id),
            NoteKind::Suggestion,
            "建议公布网格员的联系电话。",
            None,
        ),
        note(
            "n-quote",
            Target::selection(&pid, &text, 0, 6),
            NoteKind::Question,
            "增速比去年高还是低？",
            Some("李代表"),
        ),
        note(
            "n-indicator",
            Target::indicator(&session.indicators[0].id),
            NoteKind::Support,
            "工业产值增长明显 | 值得肯定",
            Some("李代表"),
        ),
        note(
            "n-gone",
            Target::selection("nowhere.1", "这段文字在会议文件里并不存在", 0, 8),
            NoteKind::Concern,
            "原文已改。",
            None,
        ),
    ];
    f.stops.insert(
        session.itinerary[0].id.clone(),
        StopState {
            visited: true,
            questions: "停车场何时建成？".to_string(),
            updated: None,
        },
    );
    f
}

/// A hash-chained journal of `actions` after the header, at fixed times so its chain hash
/// is the same on every run.
pub fn chain(session: &Session, actions: Vec<Action>) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let begin = Action::Begin {
        session: session.id.clone(),
        fingerprint: fingerprint(session),
        format: FORMAT,
    };
    for (seq, action) in std::iter::once(begin).chain(actions).enumerate() {
        let prev = out.last().map_or(GENESIS, |r| r.hash);
        let time = format!("2017-09-21T01:{:02}:00.000Z", seq % 60);
        out.push(Record::new(seq as u64, time, "秘书甲", action, prev));
    }
    out
}

/// The journal file's bytes.
pub fn journal_bytes(records: &[Record]) -> Vec<u8> {
    let mut text = String::new();
    for r in records {
        text.push_str(&r.to_line());
        text.push('\n');
    }
    text.into_bytes()
}

/// A small journal of the Jiujiang sitting: 102 present, 3 on leave, 2 absent; the budget
/// motion opened, counted by show of hands (98 / 1 / 2) and closed.
pub fn jiujiang_journal(session: &Session) -> Vec<Record> {
    let ids: Vec<compact_str::CompactString> = session
        .roster
        .iter()
        .map(|d| d.id.as_str().into())
        .collect();
    let motion: compact_str::CompactString = session.motions[0].id.as_str().into();
    chain(
        session,
        vec![
            Action::Attendance {
                mark: Mark::Present,
                delegates: ids[5..].to_vec(),
            },
            Action::Attendance {
                mark: Mark::Leave,
                delegates: ids[..3].to_vec(),
            },
            Action::Attendance {
                mark: Mark::Absent,
                delegates: ids[3..5].to_vec(),
            },
            Action::Open {
                motion: motion.clone(),
            },
            Action::Counts {
                motion: motion.clone(),
                yes: 98,
                no: 1,
                abstain: 2,
                invalid: 0,
            },
            Action::Close { motion },
        ],
    )
}

/// The summary the golden files show: the session, the small journal, the notes.
pub fn summary(lang: Lang) -> SummaryData {
    let s = session(lang);
    let n = notes(&s);
    let records = jiujiang_journal(&s);
    let tally = Tally::replay(&s, &records).unwrap();
    let head = records.last().unwrap().hash.to_hex();
    SummaryData::from_session(&s, lang)
        .with_tally(&s, &tally, &head, lang)
        .with_notes(&s, &n, lang)
}
