//! Filling the personal part of a summary from the delegate's notes file.
//!
//! Each note is placed in the session as the notes view places it ([`Anchors`], which follows
//! quoted words into a revised session), then labelled by where it sits: document, section
//! and paragraph; indicator; or inspection stop. Notes are listed in reading order, so the
//! summary groups them as the report reads. Notes that cannot be placed are kept, under a
//! label of their own, never dropped. A stop's "questions to raise" are included too.

use std::collections::HashMap;

use crate::i18n::{Label, Lang, tr, trf};
use crate::model::Session;
use crate::notes::{Anchors, NotesFile, Placement, SessionIndex, Target};

use super::summary::{NoteRow, SummaryData};

impl SummaryData {
    /// Adds the notes of `file` (for `session`), replacing any notes already present.
    pub fn with_notes(mut self, session: &Session, file: &NotesFile, lang: Lang) -> Self {
        let index = SessionIndex::new(session);
        let anchors = Anchors::compute_with(&index, &file.notes);
        let labels = Labels::new(session, lang);
        let mut rows = Vec::with_capacity(file.notes.len() + file.stops.len());
        for note in &file.notes {
            let placement = anchors.placement(&note.id);
            let place = placement.map_or_else(|| labels.unplaced.clone(), |p| labels.place(p));
            let quote = match (placement, &note.target) {
                (Some(Placement::Text { .. }), Target::Paragraph { quote: Some(q), .. }) => {
                    Some(q.exact.clone())
                }
                _ => None,
            };
            let row = NoteRow {
                place,
                kind: note.kind.label(lang).into_owned(),
                text: note.text.clone(),
                quote,
                author: note.author.clone().unwrap_or_default(),
            };
            rows.push((anchors.order_key(&note.id), row));
        }
        // A stop's questions to raise follow the notes on that stop.
        for (n, stop) in session.itinerary.iter().enumerate() {
            if let Some(state) = file.stops.get(&stop.id)
                && !state.questions.trim().is_empty()
            {
                let (g, x, _) = index.order_of(&Placement::Stop {
                    id: stop.id.clone(),
                });
                let row = NoteRow {
                    place: labels.stop(n),
                    kind: tr(lang, "export.notes.questions").into_owned(),
                    text: state.questions.trim().to_string(),
                    quote: None,
                    author: String::new(),
                };
                rows.push(((g, x, usize::MAX, usize::MAX), row));
            }
        }
        // Stable, and the keys end in the note's position in the file: deterministic.
        rows.sort_by_key(|(k, _)| *k);
        self.notes = rows.into_iter().map(|(_, r)| r).collect();
        self
    }
}

/// Place labels, computed once per session so that many notes stay cheap.
struct Labels<'s> {
    session: &'s Session,
    lang: Lang,
    /// Paragraph id → "政府工作报告 · 一、… · 第3段".
    paragraphs: HashMap<String, String>,
    indicators: HashMap<&'s str, usize>,
    stops: HashMap<&'s str, usize>,
    unplaced: String,
}

impl<'s> Labels<'s> {
    fn new(session: &'s Session, lang: Lang) -> Self {
        let mut paragraphs = HashMap::new();
        for (id, r, _) in session.paragraphs() {
            let (Some(doc), Some(sec)) = (
                session.documents.get(r.document),
                session
                    .documents
                    .get(r.document)
                    .and_then(|d| d.sections.get(r.section)),
            ) else {
                continue;
            };
            let label = trf(
                lang,
                "export.notes.place_paragraph",
                &[
                    ("document", &doc.title),
                    ("section", &sec.title),
                    ("n", &(r.paragraph + 1).to_string()),
                ],
            );
            paragraphs.insert(id, label);
        }
        Labels {
            session,
            lang,
            paragraphs,
            indicators: session
                .indicators
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), i))
                .collect(),
            stops: session
                .itinerary
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), i))
                .collect(),
            unplaced: tr(lang, "export.notes.place_unplaced").into_owned(),
        }
    }

    fn place(&self, p: &Placement) -> String {
        match p {
            Placement::Text { paragraph_id, .. } => self
                .paragraphs
                .get(paragraph_id)
                .cloned()
                .unwrap_or_else(|| self.unplaced.clone()),
            Placement::Indicator { id } => match self.indicators.get(id.as_str()) {
                Some(&i) => trf(
                    self.lang,
                    "export.notes.place_indicator",
                    &[("name", &self.session.indicators[i].name)],
                ),
                None => self.unplaced.clone(),
            },
            Placement::Stop { id } => match self.stops.get(id.as_str()) {
                Some(&i) => self.stop(i),
                None => self.unplaced.clone(),
            },
            Placement::Unplaced { .. } => self.unplaced.clone(),
        }
    }

    fn stop(&self, i: usize) -> String {
        let project = self
            .session
            .itinerary
            .get(i)
            .map_or("", |s| s.project.as_str());
        trf(
            self.lang,
            "export.notes.place_stop",
            &[("n", &(i + 1).to_string()), ("project", project)],
        )
    }
}
