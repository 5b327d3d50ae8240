//! Notes of a delegate reading the session: on paragraphs, indicators and stops.

use chrono::Duration;

use super::journal::session_start;
use super::phrases::NOTE_TEXTS;
use super::prose::name;
use super::rng::Rng;
use crate::model::Session;
use crate::notes::{Note, NoteKind, NotesFile, StopState, Target};

/// `count` notes on paragraphs (whole, or a stretch of text), indicators and stops, with ids
/// and times derived from the seed; a third of the stops marked visited with a question.
pub fn notes(s: &Session, count: u32, seed: u64) -> NotesFile {
    let mut rng = Rng::new(seed ^ 0xBB67_AE85_84CA_A73B);
    let start = session_start(s);
    let paragraphs: Vec<(String, &str)> = s.paragraphs().map(|(id, _, t)| (id, t)).collect();
    let authors: Vec<String> = (0..5).map(|_| name(&mut rng)).collect();
    let mut file = NotesFile::new(&s.id);
    for n in 0..count {
        let target = match rng.below(10) {
            0..=1 if !s.indicators.is_empty() => {
                Target::indicator(&s.indicators[rng.below(s.indicators.len())].id)
            }
            2 if !s.itinerary.is_empty() => {
                Target::stop(&s.itinerary[rng.below(s.itinerary.len())].id)
            }
            _ if !paragraphs.is_empty() => {
                let (pid, text) = &paragraphs[rng.below(paragraphs.len())];
                let len = text.chars().count();
                if rng.chance(1, 2) && len > 8 {
                    let a = rng.below(len - 6);
                    let b = a + 2 + rng.below(5);
                    Target::selection(pid, text, a, b)
                } else {
                    Target::paragraph(pid, text)
                }
            }
            _ => Target::stop("none"),
        };
        let created = start + Duration::seconds(30 * i64::from(n));
        file.notes.push(Note {
            id: format!("n-gen-{seed}-{n}"),
            target,
            kind: NoteKind::ALL[rng.below(NoteKind::ALL.len())],
            text: rng.word(NOTE_TEXTS).to_string(),
            author: Some(rng.pick(&authors).clone()),
            created,
            updated: created,
        });
    }
    for (k, stop) in s.itinerary.iter().enumerate() {
        if k % 3 == 0 {
            file.stops.insert(
                stop.id.clone(),
                StopState {
                    visited: true,
                    questions: rng.word(NOTE_TEXTS).to_string(),
                    updated: Some(start),
                },
            );
        }
    }
    file
}
