//! 签到: the always-visible attendance strip and the roster table for marking attendance.
//!
//! The table lays out only the rows on screen, so a roster of thousands stays fast. Quick
//! entry is by keyboard: type a name or number in the search field and press Enter to mark
//! the first match present; or move the highlighted row with ↑/↓ and press P (出席),
//! L (请假) or A (缺席).

use super::roster_table::{Choices, roster_table_ui, say_why_disabled};
use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{Action, Attendance, Mark, Planned, Tally};
use crate::model::Session;
use crate::ui::separated::Separated;

/// The attendance table's id salt.
const TABLE: &str = "votes_attendance_table";

/// The roster search and the keyboard cursor, shared by the attendance and roll-call tables.
#[derive(Default)]
pub struct RosterCursor {
    pub query: String,
    /// Index into the filtered rows.
    pub row: usize,
    /// Scroll the table to `row` on the next frame (after a keyboard move).
    pub scroll: bool,
}

impl RosterCursor {
    /// Moves the cursor by ↑/↓ when no text field has the keyboard; returns the row count
    /// clamp applied.
    pub fn keys(&mut self, ui: &egui::Ui, rows: usize) {
        if rows == 0 {
            self.row = 0;
            return;
        }
        self.row = self.row.min(rows - 1);
        if ui.ctx().text_edit_focused() {
            return;
        }
        let (down, up) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::ArrowUp),
            )
        });
        if down && self.row + 1 < rows {
            self.row += 1;
            self.scroll = true;
        }
        if up && self.row > 0 {
            self.row -= 1;
            self.scroll = true;
        }
    }

    /// Moves to the next row after the current one was handled.
    pub fn advance(&mut self, rows: usize) {
        if self.row + 1 < rows {
            self.row += 1;
            self.scroll = true;
        }
    }
}

/// A letter pressed with no modifier while no text field has the keyboard.
pub fn plain_key(ui: &egui::Ui, key: egui::Key) -> bool {
    !ui.ctx().text_edit_focused() && ui.input(|i| i.modifiers.is_none() && i.key_pressed(key))
}

/// Roster indices whose seat number is `query`, or whose id or name contains it (case-insensitive); with
/// `present_only`, only delegates marked present.
pub fn filter(session: &Session, tally: &Tally, query: &str, present_only: bool) -> Vec<usize> {
    let q = query.trim().to_lowercase();
    session
        .roster
        .iter()
        .enumerate()
        .filter(|(i, _)| !present_only || tally.mark(*i) == Some(Mark::Present))
        .filter(|(i, d)| {
            q.is_empty()
                || (i + 1).to_string() == q
                || d.id.to_lowercase().contains(&q)
                || d.name
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(&q))
        })
        .map(|(i, _)| i)
        .collect()
}

/// 应到 · 实到 · 请假 · 缺席 · 未签到 · 法定人数 · 已达/未达.
pub fn summary_ui(ui: &mut egui::Ui, lang: Lang, a: &Attendance) {
    ui.horizontal_wrapped(|ui| {
        let n = |v: u32| v.to_string();
        let mut line = Separated::new();
        line.label(ui, trf(lang, "votes.sum.seated", &[("n", &n(a.seated))]));
        line.label(
            ui,
            egui::RichText::new(trf(lang, "votes.sum.present", &[("n", &n(a.present))])).strong(),
        );
        line.label(ui, trf(lang, "votes.sum.leave", &[("n", &n(a.leave))]));
        line.label(ui, trf(lang, "votes.sum.absent", &[("n", &n(a.absent))]));
        line.label(
            ui,
            trf(lang, "votes.sum.unmarked", &[("n", &n(a.unmarked))]),
        );
        let required = a
            .quorum_required
            .map_or_else(|| tr(lang, "journal.verdict.unreachable").into_owned(), n);
        line.label(ui, trf(lang, "votes.sum.quorum", &[("n", &required)]));
        let (text, color) = if !a.sign_in_started() {
            // Nobody marked yet: nothing is wrong, sign-in simply has not begun.
            (
                tr(lang, "votes.sum.not_started"),
                ui.visuals().weak_text_color(),
            )
        } else if a.quorate {
            (
                tr(lang, "votes.sum.quorate"),
                egui::Color32::from_rgb(0, 140, 60),
            )
        } else {
            (
                tr(lang, "votes.sum.not_quorate"),
                ui.visuals().error_fg_color,
            )
        };
        // The verdict follows the quorum it answers, without a separator between them.
        let verdict = egui::RichText::new(text).strong().color(color);
        ui.add(egui::Label::new(verdict).wrap_mode(egui::TextWrapMode::Extend));
    });
}

/// What the attendance page asks for.
#[derive(Default)]
pub struct AttendanceOut {
    pub steps: Vec<Planned>,
}

/// The state the attendance page keeps between frames.
#[derive(Default)]
pub struct AttendancePage {
    pub cursor: RosterCursor,
    /// "Mark the rest …" waiting for confirmation.
    pub confirm_rest: Option<Mark>,
}

impl AttendancePage {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        session: &Session,
        tally: &Tally,
        writable: bool,
    ) -> AttendanceOut {
        let mut out = AttendanceOut::default();
        ui.heading(tr(lang, "votes.attendance.title"));
        let rows = filter(session, tally, &self.cursor.query, false);

        ui.horizontal_wrapped(|ui| {
            let search_label = ui.label(tr(lang, "votes.search"));
            let resp = ui.add(
                egui::TextEdit::singleline(&mut self.cursor.query)
                    .hint_text(tr(lang, "votes.attendance.search_hint"))
                    .desired_width(260.0),
            );
            let resp = resp.labelled_by(search_label.id);
            if resp.changed() {
                self.cursor.row = 0;
            }
            if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && writable {
                if let Some(&first) = rows.first() {
                    out.steps.push(mark_step(session, first, Mark::Present));
                    self.cursor.query.clear();
                    self.cursor.row = 0;
                }
                // Keep typing the next number.
                resp.request_focus();
            }
            ui.label(
                egui::RichText::new(trf(
                    lang,
                    "votes.matches",
                    &[
                        ("n", &rows.len().to_string()),
                        ("total", &session.roster.len().to_string()),
                    ],
                ))
                .weak(),
            );
        });

        if writable {
            self.rest_ui(ui, lang, tally, &mut out);
        } else {
            ui.label(egui::RichText::new(tr(lang, "votes.read_only_hint")).weak());
        }
        ui.label(egui::RichText::new(tr(lang, "votes.attendance.keys")).weak());

        self.cursor.keys(ui, rows.len());
        if !writable
            && [egui::Key::P, egui::Key::L, egui::Key::A]
                .into_iter()
                .any(|k| plain_key(ui, k))
        {
            say_why_disabled(ui, TABLE);
        }
        if writable && let Some(&d) = rows.get(self.cursor.row) {
            for (key, mark) in [
                (egui::Key::P, Mark::Present),
                (egui::Key::L, Mark::Leave),
                (egui::Key::A, Mark::Absent),
            ] {
                if plain_key(ui, key) {
                    if tally.mark(d) != Some(mark) {
                        out.steps.push(mark_step(session, d, mark));
                    }
                    self.cursor.advance(rows.len());
                }
            }
        }
        self.table_ui(ui, lang, session, tally, writable, &rows, &mut out);
        out
    }

    fn rest_ui(&mut self, ui: &mut egui::Ui, lang: Lang, tally: &Tally, out: &mut AttendanceOut) {
        let unmarked = tally.attendance().unmarked;
        ui.horizontal_wrapped(|ui| match self.confirm_rest {
            None => {
                for (key, mark) in [
                    ("votes.rest.present", Mark::Present),
                    ("votes.rest.absent", Mark::Absent),
                ] {
                    if ui
                        .add_enabled(unmarked > 0, egui::Button::new(tr(lang, key)))
                        .clicked()
                    {
                        self.confirm_rest = Some(mark);
                    }
                }
            }
            Some(mark) => {
                ui.label(
                    egui::RichText::new(trf(
                        lang,
                        "votes.rest.confirm",
                        &[("n", &unmarked.to_string()), ("mark", &mark.label(lang))],
                    ))
                    .strong(),
                );
                if ui.button(tr(lang, "votes.confirm")).clicked() {
                    out.steps.push(Planned::MarkRest(mark));
                    self.confirm_rest = None;
                }
                if ui.button(tr(lang, "votes.cancel")).clicked() {
                    self.confirm_rest = None;
                }
            }
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        session: &Session,
        tally: &Tally,
        writable: bool,
        rows: &[usize],
        out: &mut AttendanceOut,
    ) {
        let choices = Choices {
            column_key: "votes.col.mark",
            none: tr(lang, "votes.mark.none").into_owned(),
            options: [Mark::Present, Mark::Leave, Mark::Absent],
            label: &|m| m.label(lang).into_owned(),
            current: &|d| tally.mark(d),
            enabled: writable,
            disabled_why: tr(lang, "votes.attendance.read_only_click").into_owned(),
        };
        if let Some((d, mark)) =
            roster_table_ui(ui, TABLE, lang, session, rows, &mut self.cursor, &choices)
        {
            out.steps.push(mark_step(session, d, mark));
        }
    }
}

fn mark_step(session: &Session, d: usize, mark: Mark) -> Planned {
    Planned::Act(Action::Attendance {
        mark,
        delegates: session
            .roster
            .get(d)
            .map(|x| x.id.as_str().into())
            .into_iter()
            .collect(),
    })
}
