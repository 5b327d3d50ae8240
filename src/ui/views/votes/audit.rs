//! A motion's audit trail: every record that touched it, newest first.
//!
//! The journal keeps only where each record lies in the file, so the trail reads its
//! records back when the motion, the journal or the language changes, not every frame, and
//! keeps them as the lines it draws.

use super::describe::record_line;
use super::source::Source;
use crate::i18n::{Lang, tr, trf};
use crate::journal::MotionTally;
use crate::model::Session;

/// What the trail was read for: the motion, how many records touched it, the journal's
/// head (a new record or another file changes it) and the language.
#[derive(Clone, PartialEq, Eq)]
struct Key {
    motion: String,
    records: usize,
    head: String,
    lang: Lang,
}

/// The selected motion's records, as last read from the journal.
pub struct AuditTrail {
    key: Option<Key>,
    /// Newest first, ready to draw; or why they could not be read.
    lines: Result<Vec<String>, String>,
}

impl Default for AuditTrail {
    fn default() -> Self {
        AuditTrail {
            key: None,
            lines: Ok(Vec::new()),
        }
    }
}

impl AuditTrail {
    /// Reads `m`'s records again if anything they depend on changed.
    pub fn refresh(&mut self, src: &Source, session: &Session, m: &MotionTally, lang: Lang) {
        let key = Key {
            motion: m.id.clone(),
            records: m.audit.len(),
            head: src.journal().map(|j| j.head().to_hex()).unwrap_or_default(),
            lang,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.lines = src.read_seqs(&m.audit, lang).map(|records| {
            records
                .iter()
                .rev()
                .map(|r| record_line(lang, session, r))
                .collect()
        });
        self.key = Some(key);
    }

    /// The header and the trail in a scroll area of its own that fills the rest of `ui`:
    /// only the rows in view are laid out (a national roll call has ~3,000 records, too many
    /// to lay out every frame). A row is one line, cut with "…" if it must be; the
    /// whole line shows on hover.
    pub fn ui(&self, ui: &mut egui::Ui, lang: Lang, m: &MotionTally) {
        egui::CollapsingHeader::new(trf(
            lang,
            "votes.audit.title",
            &[("n", &m.audit.len().to_string())],
        ))
        .id_salt("votes_audit")
        .default_open(true)
        .show(ui, |ui| match &self.lines {
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            Ok(lines) if lines.is_empty() => {
                ui.label(egui::RichText::new(tr(lang, "votes.audit.empty")).weak());
            }
            Ok(lines) => {
                let row_h = ui.text_style_height(&egui::TextStyle::Small);
                egui::ScrollArea::vertical()
                    .id_salt("votes_audit_scroll")
                    .auto_shrink([false, true])
                    .show_rows(ui, row_h, lines.len(), |ui, range| {
                        for line in &lines[range] {
                            ui.add(egui::Label::new(egui::RichText::new(line).small()).truncate());
                        }
                    });
            }
        });
    }
}
