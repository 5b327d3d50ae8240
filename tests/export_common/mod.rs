//! Fixtures shared by the export tests: the Jiujiang session and a small notes file.

#![allow(dead_code)]

use delegate_desk::export::SummaryData;
use delegate_desk::i18n::Lang;
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

/// The summary the golden files show: the session, then the notes.
pub fn summary(lang: Lang) -> SummaryData {
    let s = session(lang);
    let n = notes(&s);
    SummaryData::from_session(&s, lang).with_notes(&s, &n, lang)
}
