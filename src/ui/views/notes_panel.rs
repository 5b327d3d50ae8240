//! The side panel listing the delegate's notes: filter by kind, search, jump, edit, delete.

use std::sync::Arc;

use crate::i18n::{tr, trf};
use crate::model::Session;
use crate::notes::{Anchors, Note, NoteKind, Placement, Target};
use crate::ui::notes_change::NotesChange;
use crate::ui::segments::{Look, SegmentLabels, segments_ui};
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx, ViewUi};

#[derive(Default)]
pub struct NotesPanel {
    pub kind: Option<NoteKind>,
    pub query: String,
    /// Only the notes on this paragraph (set by clicking a paragraph's note count).
    pub paragraph: Option<String>,
    /// The filtered list, kept until the filter or the notes change: filtering and sorting
    /// 5,000 notes every frame would cost more than the whole frame budget. Shared, so a
    /// frame takes it without copying 5,000 ids.
    cache: Option<(CacheKey, Arc<[Row]>)>,
    /// How wide the kind filter draws on one line, in this language (last frame's).
    filter_width: f32,
    /// The content's width and the panel's (last frame's): the difference is its margins.
    content_width: f32,
    panel_width: f32,
    /// The least width asked of the panel last frame.
    last_min: f32,
}

/// The panel's width until the user drags it.
const DEFAULT_WIDTH: f32 = 300.0;

#[derive(Clone, Debug, PartialEq)]
struct CacheKey {
    kind: Option<NoteKind>,
    query: String,
    paragraph: Option<String>,
    notes_rev: u64,
}

/// One row of the list; every row has the same height so only visible rows are laid out.
#[derive(Clone, Debug, PartialEq)]
enum Row {
    UnplacedHeading,
    Note(String),
}

impl ViewUi for NotesPanel {
    /// The panel at the window's right edge. Never narrower than its kind filter on one line
    /// (in English "All Question Suggestion Support Concern" is wider than the default 300
    /// points, and "Concern" wrapped alone onto a second line); the width comes from the
    /// last frame, and a change of it asks for another frame. A panel only pushed wider by
    /// that least width goes back when the filter narrows again (English, then Chinese).
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let margins = (self.panel_width - self.content_width).max(0.0);
        // A point more: egui rounds the content's edges to pixels.
        let min = (self.filter_width + margins + 1.0).ceil().max(120.0);
        let pushed = self.panel_width > DEFAULT_WIDTH + 0.5
            && (self.panel_width - self.last_min).abs() <= 0.5;
        let mut panel = egui::Panel::right("notes_panel")
            .resizable(true)
            .default_size(DEFAULT_WIDTH)
            .min_size(min);
        if pushed && min + 0.5 < self.last_min {
            // For one frame: egui keeps the width it was given as the panel's own.
            panel = panel.exact_size(min.max(DEFAULT_WIDTH));
        }
        self.last_min = min;
        let filter_width = self.filter_width;
        let shown = panel.show(ui, |ui| self.content_ui(ui, cx));
        self.panel_width = shown.response.rect.width();
        if (self.filter_width - filter_width).abs() > 0.5 {
            ui.ctx().request_repaint();
        }
    }
}

impl NotesPanel {
    fn rows(&mut self, cx: &ViewCtx) -> Arc<[Row]> {
        let key = CacheKey {
            kind: self.kind,
            query: self.query.clone(),
            paragraph: self.paragraph.clone(),
            notes_rev: cx.notes_rev,
        };
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let mut notes = cx.notes.filter(self.kind, &self.query, Some(cx.anchors));
            if let Some(pid) = &self.paragraph {
                let here = cx.anchors.in_paragraph(pid);
                notes.retain(|n| here.contains(&n.id));
            }
            let unplaced: std::collections::HashSet<&str> =
                cx.anchors.unplaced().iter().map(String::as_str).collect();
            let mut rows = Vec::with_capacity(notes.len() + 1);
            let mut heading = false;
            for n in notes {
                if !heading && unplaced.contains(n.id.as_str()) {
                    rows.push(Row::UnplacedHeading);
                    heading = true;
                }
                rows.push(Row::Note(n.id.clone()));
            }
            self.cache = Some((key, rows.into()));
        }
        self.cache
            .as_ref()
            .map_or_else(|| Arc::from([]), |(_, rows)| Arc::clone(rows))
    }

    fn content_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let lang = cx.lang;
        ui.heading(tr(lang, "notes_panel.title"));
        // 全部 · 疑问 · 建议 · 赞同 · 关注: which kinds of note are listed.
        let [a, b, c, d] = NoteKind::ALL;
        let kinds = [None, Some(a), Some(b), Some(c), Some(d)];
        let texts = kinds.map(|k| {
            k.map_or_else(
                || tr(lang, "notes_panel.all").into_owned(),
                |k| crate::i18n::Label::label(&k, lang).into_owned(),
            )
        });
        let labels = SegmentLabels::new(ui, texts.each_ref().map(String::as_str));
        self.content_width = ui.max_rect().width();
        self.filter_width =
            labels.width(ui.spacing().button_padding.x, ui.spacing().item_spacing.x);
        let selected = kinds.iter().position(|k| *k == self.kind);
        ui.horizontal_wrapped(|ui| {
            let look = Look::Selectable { selected };
            let name = |i: usize| labels.text(i).to_owned();
            segments_ui(ui, &labels, look, true, name, |i, r| {
                if r.clicked() {
                    self.kind = kinds[i];
                }
            });
        });
        ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text(tr(lang, "notes_panel.search"))
                .desired_width(f32::INFINITY),
        );
        if let Some(pid) = self.paragraph.clone() {
            ui.horizontal_wrapped(|ui| {
                let label = paragraph_label(cx.session, &pid, lang);
                ui.label(egui::RichText::new(label).strong());
                if ui.button(tr(lang, "notes_panel.show_all")).clicked() {
                    self.paragraph = None;
                }
            });
        }
        let rows = self.rows(cx);
        let shown = rows.iter().filter(|r| matches!(r, Row::Note(_))).count();
        ui.label(
            egui::RichText::new(trf(
                lang,
                "notes_panel.count",
                &[
                    ("n", &shown.to_string()),
                    ("total", &cx.notes.notes().len().to_string()),
                ],
            ))
            .weak(),
        );
        ui.separator();
        if rows.is_empty() {
            ui.label(egui::RichText::new(tr(lang, "notes_panel.empty")).weak());
            return;
        }
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let row_h =
            3.0 * line + ui.spacing().interact_size.y + 4.0 * ui.spacing().item_spacing.y + 8.0;
        egui::ScrollArea::vertical()
            .id_salt("notes_list")
            .auto_shrink([false, false])
            .show_rows(ui, row_h, rows.len(), |ui, range| {
                for row in &rows[range] {
                    let (rect, _) = ui.allocate_exact_size(
                        egui::vec2(ui.available_width(), row_h),
                        egui::Sense::hover(),
                    );
                    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                    match row {
                        Row::UnplacedHeading => {
                            child.label(
                                egui::RichText::new(tr(lang, "notes_panel.unplaced"))
                                    .strong()
                                    .color(child.visuals().warn_fg_color),
                            );
                            child.label(
                                egui::RichText::new(tr(lang, "notes_panel.unplaced_tip")).weak(),
                            );
                        }
                        Row::Note(id) => {
                            if let Some(note) = cx.notes.get(id) {
                                note_card_ui(&mut child, cx, note);
                            }
                        }
                    }
                }
            });
    }
}

/// "产业发展动能增强 第2段": a paragraph's section title and number, or its id when the
/// session has no such paragraph. Shared by the notes list, its filter and the note editor.
pub fn paragraph_label(session: &Session, paragraph_id: &str, lang: crate::i18n::Lang) -> String {
    match session.find_paragraph(paragraph_id) {
        Some((at, _)) => trf(
            lang,
            "notes_panel.in_paragraph",
            &[
                (
                    "section",
                    &session.documents[at.document].sections[at.section].title,
                ),
                ("n", &(at.paragraph + 1).to_string()),
            ],
        ),
        None => paragraph_id.to_string(),
    }
}

/// Where a note sits, as a short human label: "产业发展动能增强 第2段「…」", an indicator's
/// name, a stop's project, or "unplaced".
pub fn place_label(
    session: &Session,
    anchors: &Anchors,
    note: &Note,
    lang: crate::i18n::Lang,
) -> String {
    match anchors.placement(&note.id) {
        Some(Placement::Text {
            paragraph_id,
            start,
            end,
            ..
        }) => {
            let mut s = paragraph_label(session, paragraph_id, lang);
            if let Target::Paragraph { quote: Some(_), .. } = &note.target
                && let Some((_, text)) = session.find_paragraph(paragraph_id)
            {
                let q: String = text
                    .chars()
                    .skip(*start)
                    .take(end - start)
                    .take(24)
                    .collect();
                s.push_str(&format!("「{q}」"));
            }
            s
        }
        Some(Placement::Indicator { id }) => session
            .indicator(id)
            .map(|i| format!("{} {}", tr(lang, "notes_panel.indicator"), i.name))
            .unwrap_or_else(|| id.clone()),
        Some(Placement::Stop { id }) => session
            .itinerary
            .iter()
            .find(|s| &s.id == id)
            .map(|s| format!("{} {}", tr(lang, "notes_panel.stop"), s.project))
            .unwrap_or_else(|| id.clone()),
        Some(Placement::Unplaced { reason }) => reason.message(lang),
        None => String::new(),
    }
}

fn note_card_ui(ui: &mut egui::Ui, cx: &mut ViewCtx, note: &Note) {
    let lang = cx.lang;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(crate::i18n::Label::label(&note.kind, lang)).strong());
            if let Some(a) = &note.author {
                ui.label(egui::RichText::new(a).weak());
            }
            ui.label(egui::RichText::new(note.updated.format("%Y-%m-%d %H:%M").to_string()).weak());
        });
        // One line each, so every card has the same height; the whole text is on hover.
        ui.add(egui::Label::new(place_label(cx.session, cx.anchors, note, lang)).truncate());
        ui.add(egui::Label::new(&note.text).truncate())
            .tip(|| &note.text);
        ui.horizontal(|ui| {
            let placement = cx.anchors.placement(&note.id).cloned();
            let can_jump = placement.as_ref().is_some_and(Placement::is_placed);
            if ui
                .add_enabled(can_jump, egui::Button::new(tr(lang, "notes_panel.jump")))
                .clicked()
            {
                match placement {
                    Some(Placement::Text {
                        paragraph_id,
                        start,
                        end,
                        ..
                    }) => cx.send(AppCommand::JumpToParagraph {
                        paragraph_id,
                        range: Some((start, end)),
                    }),
                    Some(Placement::Indicator { id }) => cx.send(AppCommand::JumpToIndicator(id)),
                    Some(Placement::Stop { id }) => cx.send(AppCommand::JumpToStop(id)),
                    _ => {}
                }
            }
            if ui.button(tr(lang, "notes_panel.edit")).clicked() {
                cx.send(AppCommand::EditNote(note.id.clone()));
            }
            if ui.button(tr(lang, "notes_panel.delete")).clicked() {
                cx.send(AppCommand::NotesChange(NotesChange::Delete(
                    note.id.clone(),
                )));
            }
        });
    });
}
