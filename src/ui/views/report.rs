//! 报告: the documents, with a table of contents, find, and notes beside each paragraph,
//! in a [`VirtualList`] of headings and paragraphs.

use std::collections::HashMap;

use egui::text::LayoutJob;
use egui::{Color32, TextFormat};

use crate::i18n::{Lang, tr, trf};
use crate::model::Session;
use crate::model::search::{self, Hit};
use crate::notes::Target;
use crate::ui::note_color::{note_background, note_color};
use crate::ui::prefs::Prefs;
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx, ViewUi};
use crate::ui::virtual_list::VirtualList;

/// A row of the current document: a section heading or a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Heading { section: usize },
    Paragraph { section: usize, paragraph: usize },
}

#[derive(Default)]
pub struct ReportView {
    /// Index of the document being read.
    doc: usize,
    rows: Vec<Row>,
    /// Only the rows in view are laid out.
    list: VirtualList,
    /// Row at the top of the viewport, per document (the remembered reading position).
    top_row: HashMap<usize, usize>,
    /// Paragraph briefly highlighted after a jump, with the char range if any.
    flash: Option<(String, Option<(usize, usize)>)>,
    /// The delegate's current text selection: paragraph id and char range.
    pub selection: Option<(String, usize, usize)>,
    pub find: FindState,
    /// Set when the current hit changed and the reader should scroll to it.
    pending_hit_jump: bool,
}

#[derive(Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    searched: String,
    pub hits: Vec<Hit>,
    pub current: usize,
    focus_requested: bool,
}

impl ViewUi for ReportView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let session = cx.session;
        if self.rows.is_empty() && !session.documents.is_empty() {
            self.set_doc(session, self.doc.min(session.documents.len() - 1));
        }
        if session.documents.is_empty() {
            ui.label(cx.tr("report.no_documents"));
            return;
        }
        self.refresh_find(session);
        if self.pending_hit_jump {
            self.pending_hit_jump = false;
            if let Some(h) = self.find.hits.get(self.find.current).cloned() {
                self.jump_to(session, &h.paragraph_id, Some((h.start, h.end)));
            }
        }
        egui::Panel::left("report_toc")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| self.toc_ui(ui, cx));
        egui::CentralPanel::default().show(ui, |ui| {
            if self.find.open {
                self.find_bar_ui(ui, cx);
                ui.separator();
            }
            self.selection_bar_ui(ui, cx);
            self.reader_ui(ui, cx);
        });
    }
}

impl ReportView {
    /// Starts reading a newly opened session at the remembered positions.
    pub fn reset(&mut self, session: &Session, prefs: &Prefs) {
        *self = Self::default();
        for (d, doc) in session.documents.iter().enumerate() {
            if let Some(&row) = prefs
                .positions
                .get(&Prefs::position_key(&session.id, &doc.id))
            {
                self.top_row.insert(d, row);
            }
        }
        let current = prefs
            .positions
            .get(&Prefs::position_key(&session.id, CURRENT_DOC))
            .copied()
            .filter(|d| *d < session.documents.len())
            .unwrap_or(0);
        self.set_doc(session, current);
    }

    /// Stores the reading position of every document in the preferences.
    pub fn remember_positions(&self, session: &Session, prefs: &mut Prefs) {
        for (d, row) in &self.top_row {
            if let Some(doc) = session.documents.get(*d) {
                prefs
                    .positions
                    .insert(Prefs::position_key(&session.id, &doc.id), *row);
            }
        }
        prefs
            .positions
            .insert(Prefs::position_key(&session.id, CURRENT_DOC), self.doc);
    }

    pub fn current_document(&self) -> usize {
        self.doc
    }

    fn set_doc(&mut self, session: &Session, d: usize) {
        self.doc = d;
        self.rows.clear();
        if let Some(doc) = session.documents.get(d) {
            for (s, sec) in doc.sections.iter().enumerate() {
                self.rows.push(Row::Heading { section: s });
                for p in 0..sec.paragraphs.len() {
                    self.rows.push(Row::Paragraph {
                        section: s,
                        paragraph: p,
                    });
                }
            }
        }
        self.list.clear();
        self.list
            .jump_to(self.top_row.get(&d).copied().unwrap_or(0));
    }

    /// Opens the document holding `paragraph_id` and scrolls it into view.
    pub fn jump_to(
        &mut self,
        session: &Session,
        paragraph_id: &str,
        range: Option<(usize, usize)>,
    ) {
        let Some((at, _)) = session.find_paragraph(paragraph_id) else {
            return;
        };
        if at.document != self.doc || self.rows.is_empty() {
            self.set_doc(session, at.document);
        }
        let row = self.rows.iter().position(|r| {
            *r == Row::Paragraph {
                section: at.section,
                paragraph: at.paragraph,
            }
        });
        // Leave the section heading visible above a jumped-to paragraph when it is the first.
        if let Some(r) = row {
            self.list.jump_to(r.saturating_sub(1));
        }
        self.flash = Some((paragraph_id.to_string(), range));
    }

    pub fn open_find(&mut self) {
        self.find.open = true;
        self.find.focus_requested = true;
    }

    /// Moves to the next (+1) or previous (-1) hit.
    pub fn find_step(&mut self, delta: isize) {
        let n = self.find.hits.len();
        if n == 0 {
            return;
        }
        self.find.current = (self.find.current as isize + delta).rem_euclid(n as isize) as usize;
        self.pending_hit_jump = true;
    }

    fn toc_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let session = cx.session;
        ui.heading(cx.tr("report.contents"));
        egui::ScrollArea::vertical()
            .id_salt("toc_scroll")
            .show(ui, |ui| {
                for (d, doc) in session.documents.iter().enumerate() {
                    let is_doc = d == self.doc;
                    let title = match &doc.speaker {
                        Some(s) => format!("{}（{s}）", doc.title),
                        None => doc.title.clone(),
                    };
                    if ui
                        .selectable_label(is_doc, egui::RichText::new(title).strong())
                        .clicked()
                    {
                        self.set_doc(session, d);
                    }
                    if is_doc {
                        for (s, sec) in doc.sections.iter().enumerate() {
                            // Wrapped: a long title must not widen the contents past
                            // the text it leads to.
                            ui.horizontal_wrapped(|ui| {
                                ui.add_space(12.0 * f32::from(sec.level.min(3)));
                                if ui.link(&sec.title).clicked() {
                                    let row = self
                                        .rows
                                        .iter()
                                        .position(|r| *r == Row::Heading { section: s });
                                    if let Some(row) = row {
                                        self.list.jump_to(row);
                                    }
                                }
                            });
                        }
                    }
                }
            });
    }

    fn refresh_find(&mut self, session: &Session) {
        if self.find.query != self.find.searched {
            self.find.searched = self.find.query.clone();
            self.find.hits = search::find(session, &self.find.query);
            self.find.current = 0;
            if !self.find.hits.is_empty() {
                self.pending_hit_jump = true;
            }
        }
    }

    fn find_bar_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let lang = cx.lang;
        ui.horizontal(|ui| {
            let label = ui.label(cx.tr("report.find"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .hint_text(tr(lang, "report.find_hint"))
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            if self.find.focus_requested {
                r.request_focus();
                self.find.focus_requested = false;
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.find_step(1);
                r.request_focus();
            }
            let n = self.find.hits.len();
            let count = if self.find.query.trim().is_empty() {
                String::new()
            } else if n == 0 {
                tr(lang, "report.find_none").into_owned()
            } else {
                trf(
                    lang,
                    "report.find_count",
                    &[
                        ("i", &(self.find.current + 1).to_string()),
                        ("n", &n.to_string()),
                    ],
                )
            };
            ui.label(count);
            if ui
                .add_enabled(n > 0, egui::Button::new("▲"))
                .tip(|| tr(lang, "cmd.find_previous"))
                .clicked()
            {
                self.find_step(-1);
            }
            if ui
                .add_enabled(n > 0, egui::Button::new("▼"))
                .tip(|| tr(lang, "cmd.find_next"))
                .clicked()
            {
                self.find_step(1);
            }
            if ui.button(tr(lang, "report.find_close")).clicked() {
                self.find.open = false;
                self.find.query.clear();
            }
        });
    }

    fn selection_bar_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let Some((pid, start, end)) = self.selection.clone() else {
            ui.label(egui::RichText::new(cx.tr("report.select_hint")).weak());
            return;
        };
        let Some((_, text)) = cx.session.find_paragraph(&pid) else {
            self.selection = None;
            return;
        };
        ui.horizontal(|ui| {
            let quote: String = text.chars().skip(start).take(end - start).collect();
            let short: String = quote.chars().take(40).collect();
            let ellipsis = if quote.chars().count() > 40 {
                "…"
            } else {
                ""
            };
            ui.label(format!("「{short}{ellipsis}」"));
            if ui.button(cx.tr("report.annotate_selection")).clicked() {
                cx.send(AppCommand::NewNote(Target::selection(
                    &pid, text, start, end,
                )));
                self.selection = None;
            }
            if ui.button(cx.tr("report.clear_selection")).clicked() {
                self.selection = None;
            }
        });
    }

    fn reader_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let session = cx.session;
        let Some(doc) = session.documents.get(self.doc) else {
            return;
        };
        let width = (ui.available_width() - MARGIN).max(120.0);
        let body_font = egui::TextStyle::Body.resolve(ui.style());
        if !self
            .list
            .is_laid_out_for(self.rows.len(), ui.available_width())
        {
            let estimates = self.estimate_heights(ui, doc, width, &body_font);
            self.list.set_rows(estimates, ui.available_width());
        }
        let gap = ui.spacing().item_spacing.y + PARAGRAPH_GAP;
        let links = crate::model::itinerary::StopLinks::new(session);
        let flash = self.flash.clone();
        let hits = &self.find.hits;
        let current_hit = hits.get(self.find.current);
        let rows = &self.rows;
        let mut new_selection = None;
        let output = self.list.ui(ui, ("reader", self.doc), gap, |ui, i| {
            let Some(row) = rows.get(i) else {
                return;
            };
            match *row {
                Row::Heading { section } => {
                    let sec = &doc.sections[section];
                    let size = if sec.level <= 1 { 1.35 } else { 1.15 };
                    ui.horizontal(|ui| {
                        ui.add_space(MARGIN);
                        // One line (rows have fixed heights): a title wider than the
                        // column ends in "…" and shows whole on hover.
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(&sec.title)
                                    .size(body_font.size * size)
                                    .strong(),
                            )
                            .truncate(),
                        )
                    });
                }
                Row::Paragraph { section, paragraph } => {
                    let sec = &doc.sections[section];
                    let pid = sec.paragraph_id(paragraph);
                    let text = sec.paragraphs[paragraph].as_str();
                    let marks = ParagraphMarks {
                        find: hits
                            .iter()
                            .filter(|h| h.paragraph_id == pid)
                            .map(|h| (h.start, h.end, Some(h) == current_hit))
                            .collect(),
                        notes: note_ranges(cx, &pid),
                        flash: flash.as_ref().filter(|(p, _)| *p == pid).map(|(_, r)| *r),
                    };
                    let stops: Vec<(String, String)> = links
                        .stops_for_paragraph(&pid)
                        .iter()
                        .map(|l| (l.stop.id.clone(), l.stop.project.clone()))
                        .collect();
                    let margin = Margin {
                        add_label: add_note_label(cx.lang, paragraph, text),
                        note_count: cx.anchors.in_paragraph(&pid).len(),
                        stops: &stops,
                    };
                    let sel = paragraph_ui(ui, cx, &pid, text, width, &body_font, &marks, &margin);
                    if let Some((s, e)) = sel {
                        new_selection = Some((pid.clone(), s, e));
                    }
                }
            }
        });
        if let Some(top) = output.first_visible {
            self.top_row.insert(self.doc, top);
        }
        if let Some(sel) = new_selection {
            self.selection = Some(sel);
        }
        if ui.input(|i| i.pointer.any_click())
            && self.flash.is_some()
            && output
                .inner_rect
                .contains(ui.input(|i| i.pointer.interact_pos().unwrap_or_default()))
        {
            self.flash = None;
        }
    }

    /// A first guess at each row's height, replaced by the real one once the row is drawn:
    /// CJK glyphs are all one em wide, so a paragraph's length says how many lines it takes.
    fn estimate_heights(
        &self,
        ui: &egui::Ui,
        doc: &crate::model::Document,
        width: f32,
        body: &egui::FontId,
    ) -> Vec<f32> {
        let heading = egui::FontId::proportional(body.size * 1.35);
        let (em, row_h, head_h) = ui.ctx().fonts_mut(|f| {
            (
                f.glyph_width(body, '中').max(1.0),
                body.size * 1.6,
                f.row_height(&heading),
            )
        });
        let per_line = ((width - MARGIN) / em).max(1.0);
        self.rows
            .iter()
            .map(|r| match *r {
                Row::Heading { .. } => head_h + 4.0,
                Row::Paragraph { section, paragraph } => {
                    let chars = doc.sections[section].paragraphs[paragraph].chars().count() as f32;
                    (chars / per_line).ceil().max(1.0) * row_h + 4.0
                }
            })
            .collect()
    }
}

/// Char ranges of the notes placed in a paragraph.
fn note_ranges(cx: &ViewCtx, pid: &str) -> Vec<(usize, usize)> {
    cx.anchors
        .in_paragraph(pid)
        .iter()
        .filter_map(|id| match cx.anchors.placement(id) {
            Some(crate::notes::Placement::Text { start, end, .. }) => Some((*start, *end)),
            _ => None,
        })
        .collect()
}

/// The key under which the document being read is remembered (no document id starts with '#').
const CURRENT_DOC: &str = "#current";

/// Room left of the text for the note marks and the add-note button.
const MARGIN: f32 = 44.0;
const PARAGRAPH_GAP: f32 = 6.0;

/// The add-note button's name for a screen reader: the paragraph's number in its section
/// and its first words, never its id ("industry.1").
pub fn add_note_label(lang: Lang, index: usize, text: &str) -> String {
    const WORDS: usize = 12;
    let mut start: String = text.chars().take(WORDS).collect();
    if text.chars().nth(WORDS).is_some() {
        start.push('…');
    }
    trf(
        lang,
        "report.add_note_label",
        &[("n", &(index + 1).to_string()), ("start", &start)],
    )
}

/// What sits in a paragraph's margin.
struct Margin<'a> {
    /// The add-note button's accessible name.
    add_label: String,
    note_count: usize,
    /// (stop id, project) of inspection stops linked to the paragraph.
    stops: &'a [(String, String)],
}

struct ParagraphMarks {
    /// (start, end, is the current hit)
    find: Vec<(usize, usize, bool)>,
    notes: Vec<(usize, usize)>,
    flash: Option<Option<(usize, usize)>>,
}

/// Draws one paragraph: marks and the add-note button in the margin, the text as read-only
/// selectable text. Returns the selected char range, if any.
#[allow(clippy::too_many_arguments)]
fn paragraph_ui(
    ui: &mut egui::Ui,
    cx: &mut ViewCtx,
    pid: &str,
    text: &str,
    width: f32,
    font: &egui::FontId,
    marks: &ParagraphMarks,
    margin: &Margin,
) -> Option<(usize, usize)> {
    let note_count = margin.note_count;
    let lang = cx.lang;
    let mut selection = None;
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(MARGIN - 4.0, 20.0),
            egui::Layout::top_down(egui::Align::Center),
            |ui| {
                let add = ui
                    .small_button("＋")
                    .tip(|| tr(lang, "report.add_note_tip"));
                add.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, &margin.add_label)
                });
                if add.clicked() {
                    cx.send(AppCommand::NewNote(Target::paragraph(pid, text)));
                }
                if note_count > 0 {
                    let badge = ui
                        .add(
                            egui::Button::new(
                                egui::RichText::new(format!("{note_count}"))
                                    .color(Color32::WHITE)
                                    .small(),
                            )
                            .fill(note_color()),
                        )
                        .tip(|| trf(lang, "report.notes_here", &[("n", &note_count.to_string())]));
                    if badge.clicked() {
                        cx.send(AppCommand::ShowNotesFor(pid.to_string()));
                    }
                }
                // Stops of the inspection that concern this paragraph: the other half of
                // the itinerary's links.
                for (id, project) in margin.stops {
                    let tip = trf(lang, "report.stop_link_tip", &[("project", project)]);
                    // Whole on one line, however narrow the margin: never a character a line.
                    let b = ui
                        .add(
                            egui::Button::new(tr(lang, "report.stop_link"))
                                .small()
                                .wrap_mode(egui::TextWrapMode::Extend),
                        )
                        .tip(|| &tip);
                    b.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &tip));
                    if b.clicked() {
                        cx.send(AppCommand::JumpToStop(id.clone()));
                    }
                }
            },
        );
        let dark = ui.visuals().dark_mode;
        let base_color = ui.visuals().text_color();
        let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
            let job = paragraph_job(buf.as_str(), font, base_color, marks, dark, wrap);
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let mut t = text;
        let out = egui::TextEdit::multiline(&mut t)
            .id_salt(("para", pid))
            .frame(egui::Frame::NONE)
            .desired_width(width)
            .desired_rows(1)
            .layouter(&mut layouter)
            .show(ui);
        if let Some(c) = out.cursor_range {
            let (a, b) = (c.primary.index.0, c.secondary.index.0);
            if a != b && out.response.response.has_focus() {
                selection = Some((a.min(b), a.max(b)));
            }
        }
    });
    selection
}

fn paragraph_job(
    text: &str,
    font: &egui::FontId,
    color: Color32,
    marks: &ParagraphMarks,
    dark: bool,
    wrap: f32,
) -> LayoutJob {
    let n = text.chars().count();
    // Per char background, by priority: current hit > hit > note > flash.
    let note_bg = note_background(dark);
    let (hit_bg, cur_bg, flash_bg) = if dark {
        (
            Color32::from_rgb(0x6b, 0x5a, 0x00),
            Color32::from_rgb(0xb0, 0x5a, 0x00),
            Color32::from_rgb(0x33, 0x33, 0x20),
        )
    } else {
        (
            Color32::from_rgb(0xff, 0xef, 0x80),
            Color32::from_rgb(0xff, 0xa5, 0x3a),
            Color32::from_rgb(0xff, 0xfa, 0xd8),
        )
    };
    let mut bg = vec![Color32::TRANSPARENT; n];
    let mut underline = vec![false; n];
    if let Some(flash) = marks.flash {
        let (s, e) = flash.unwrap_or((0, n));
        for b in bg.iter_mut().take(e.min(n)).skip(s) {
            *b = flash_bg;
        }
    }
    for &(s, e) in &marks.notes {
        for i in s.min(n)..e.min(n) {
            bg[i] = note_bg;
            underline[i] = true;
        }
    }
    for &(s, e, cur) in &marks.find {
        for b in bg.iter_mut().take(e.min(n)).skip(s) {
            *b = if cur { cur_bg } else { hit_bg };
        }
    }
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: wrap,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut run_start = 0usize; // byte offset
    let mut run_style: Option<(Color32, bool)> = None;
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        let style = (bg[ci], underline[ci]);
        if run_style != Some(style) {
            if let Some((b, u)) = run_style {
                job.append(&text[run_start..bi], 0.0, fmt(font, color, b, u));
            }
            run_start = bi;
            run_style = Some(style);
        }
    }
    if let Some((b, u)) = run_style {
        job.append(&text[run_start..], 0.0, fmt(font, color, b, u));
    }
    job
}

fn fmt(font: &egui::FontId, color: Color32, bg: Color32, underline: bool) -> TextFormat {
    TextFormat {
        font_id: font.clone(),
        color,
        background: bg,
        underline: if underline {
            egui::Stroke::new(1.0, note_color())
        } else {
            egui::Stroke::NONE
        },
        line_height: Some(font.size * 1.6),
        ..Default::default()
    }
}
