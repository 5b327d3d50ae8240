//! What a stop's card shows that derives from the session and the notes: its indicators,
//! its report paragraphs and its notes, resolved to text once per notes revision.

use std::collections::HashMap;

use crate::i18n::{Label, Lang, trf};
use crate::model::itinerary::StopLinks;
use crate::model::qualified;
use crate::model::{Indicator, Session, Stop};
use crate::notes::Note;
use crate::ui::view::ViewCtx;

use super::LIST_CAP;

/// The derived text of every stop's card, for one notes revision (which also changes when
/// another session opens) and one language.
pub(super) struct Cards {
    pub rev: u64,
    pub lang: Lang,
    pub cards: Vec<Card>,
}

/// One stop's links and notes, resolved to what the card prints.
pub(super) struct Card {
    /// (indicator id, "名称 数值")
    pub indicators: Vec<(String, String)>,
    pub paragraphs: Vec<CardParagraph>,
    pub notes: Vec<CardNote>,
}

pub(super) struct CardParagraph {
    pub id: String,
    /// 「the first words…」
    pub quote: String,
    /// Where it comes from: document, section, number.
    pub at: String,
}

pub(super) struct CardNote {
    pub id: String,
    pub kind: String,
    pub text: String,
}

impl Cards {
    pub fn build(cx: &ViewCtx) -> Cards {
        let lang = cx.lang;
        let session = cx.session;
        let links = StopLinks::new(session);
        // Notes by id, once: the store looks ids up one by one by scanning all notes.
        let wanted = session
            .itinerary
            .iter()
            .any(|s| !cx.anchors.on_stop(&s.id).is_empty());
        let by_id: HashMap<&str, &Note> = if wanted {
            cx.notes
                .notes()
                .iter()
                .map(|n| (n.id.as_str(), n))
                .collect()
        } else {
            HashMap::new()
        };
        let cards = links
            .stops()
            .iter()
            .map(|link| Card {
                indicators: link
                    .indicators
                    .iter()
                    .map(|ind| {
                        let text = format!("{} {}", ind.name, indicator_value(lang, session, ind));
                        (ind.id.clone(), text)
                    })
                    .collect(),
                paragraphs: link
                    .paragraphs
                    .iter()
                    .map(|p| CardParagraph {
                        id: p.id.to_string(),
                        quote: format!("「{}」", excerpt(p.text, 40)),
                        at: trf(
                            lang,
                            "itinerary.paragraph_at",
                            &[
                                ("doc", p.document),
                                ("section", p.section),
                                ("n", &p.number.to_string()),
                            ],
                        ),
                    })
                    .collect(),
                notes: cx
                    .anchors
                    .on_stop(&link.stop.id)
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()))
                    .map(|note| CardNote {
                        id: note.id.clone(),
                        kind: note.kind.label(lang).into_owned(),
                        text: note.text.clone(),
                    })
                    .collect(),
            })
            .collect();
        Cards {
            rev: cx.notes_rev,
            lang,
            cards,
        }
    }
}

impl Card {
    /// A first guess at the height of this stop's row, replaced by the real one once drawn.
    pub fn estimate(&self, stop: &Stop) -> f32 {
        let lines = stop.facts.len()
            + self.paragraphs.len().min(LIST_CAP)
            + self.notes.len().min(LIST_CAP)
            + usize::from(!self.indicators.is_empty());
        240.0 + 24.0 * lines as f32
    }
}

/// An indicator's number as the report states it: "约420份", "99.32%".
fn indicator_value(lang: Lang, session: &Session, ind: &Indicator) -> String {
    let number = format!("{}{}", session.value_text(ind), ind.unit);
    qualified(lang, ind.qualifier, &number)
}

/// The first `n` chars of `text`, with an ellipsis when cut.
fn excerpt(text: &str, n: usize) -> String {
    let mut s: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        s.push('…');
    }
    s
}
