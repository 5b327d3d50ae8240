//! The table of delegates shared by attendance and the roll call: number, name, what is
//! recorded, and the three choices. Only visible rows are laid out.

use egui_extras::{Column, TableBuilder};

use super::attendance::RosterCursor;
use crate::i18n::{Lang, tr};
use crate::model::Session;
use crate::ui::segments::{Look, SegmentLabels, segments_ui};

/// What the table shows in its third column and offers as buttons.
pub struct Choices<'a, T> {
    /// Header key of the "recorded" column (e.g. `votes.col.mark`).
    pub column_key: &'a str,
    /// Shown when nothing is recorded for a delegate.
    pub none: String,
    pub options: [T; 3],
    pub label: &'a dyn Fn(T) -> String,
    /// What is recorded for delegate `d` (a roster index).
    pub current: &'a dyn Fn(usize) -> Option<T>,
    pub enabled: bool,
}

/// Draws the table over `rows` (roster indices). Returns the delegate and option clicked,
/// when it differs from what is recorded.
pub fn roster_table_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id_salt: &str,
    lang: Lang,
    session: &Session,
    rows: &[usize],
    cursor: &mut RosterCursor,
    choices: &Choices<'_, T>,
) -> Option<(usize, T)> {
    let row_h = ui.spacing().interact_size.y + 4.0;
    let texts = choices.options.map(choices.label);
    let labels = SegmentLabels::new(ui, texts.each_ref().map(String::as_str));
    let mut table = TableBuilder::new(ui)
        .id_salt(id_salt)
        .striped(true)
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        // The name gives way first (clipped, whole on hover): beside a motion's result and
        // the notes panel the table has ~360 points, and the buttons must stay inside it.
        .column(Column::auto().at_least(56.0))
        .column(Column::remainder().at_least(56.0).clip(true))
        .column(Column::auto().at_least(48.0))
        .column(Column::auto());
    if std::mem::take(&mut cursor.scroll) {
        table = table.scroll_to_row(cursor.row, None);
    }
    let mut clicked = None;
    table
        .header(row_h, |mut h| {
            for key in [
                "votes.col.number",
                "votes.col.name",
                choices.column_key,
                "votes.col.actions",
            ] {
                h.col(|ui| {
                    ui.strong(tr(lang, key));
                });
            }
        })
        .body(|body| {
            body.rows(row_h, rows.len(), |mut row| {
                let r = row.index();
                let d = rows[r];
                let Some(delegate) = session.roster.get(d) else {
                    return;
                };
                row.set_selected(r == cursor.row);
                let current =
                    (choices.current)(d).and_then(|c| choices.options.iter().position(|o| *o == c));
                row.col(|ui| {
                    ui.label(&delegate.id);
                });
                row.col(|ui| {
                    ui.label(delegate.display_name());
                });
                row.col(|ui| {
                    ui.label(current.map_or(choices.none.as_str(), |i| labels.text(i)));
                });
                row.col(|ui| {
                    let look = Look::Selectable { selected: current };
                    let enabled = choices.enabled;
                    // "出席 d001": the row's buttons told apart.
                    let name = |i: usize| format!("{} {}", labels.text(i), delegate.id);
                    segments_ui(ui, &labels, look, enabled, name, |i, resp| {
                        if resp.clicked() {
                            cursor.row = r;
                            if current != Some(i) {
                                clicked = Some((d, choices.options[i]));
                            }
                        }
                    });
                });
            });
        });
    clicked
}
