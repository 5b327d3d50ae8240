//! The table of delegates shared by attendance and the roll call: number, name, what is
//! recorded, and the three choices. Only visible rows are drawn.
//!
//! A row is one widget (its text painted, named for a screen reader) and its three buttons,
//! not a grid of cells: `egui_extras`' table gives every cell a child `Ui` and every text a
//! `Label` (layout, text selection, an id each), too much for a page of rows drawn every
//! frame. Striped, the keyboard's row highlighted, the name clipped when the table is narrow
//! and whole on hover.

use std::sync::Arc;

use egui::emath::GuiRounding as _;
use egui::{Galley, Rect, RichText, Sense, Ui, UiBuilder, vec2};

use super::attendance::RosterCursor;
use crate::i18n::{Lang, tr};
use crate::model::Session;
use crate::ui::one_line::one_line;
use crate::ui::segments::{Look, SegmentLabels, segments_ui};
use crate::ui::tip::Tip;

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
    /// Why the buttons are disabled, and how to enable them: said above the table once a
    /// disabled button is clicked, so the click is not silently lost.
    pub disabled_why: String,
}

/// The name gives way first (clipped, whole on hover): beside a motion's result and the
/// notes panel the table has ~360 points, and the buttons must stay inside it.
const MIN_NAME: f32 = 56.0;
const MIN_NUMBER: f32 = 56.0;
const MIN_MARK: f32 = 48.0;

/// Where the four columns start, and how wide the name's is.
struct Columns {
    x: [f32; 4],
    name_width: f32,
}

impl Columns {
    fn new(left: f32, width: f32, gap: f32, number: f32, mark: f32, actions: f32) -> Columns {
        let name_width = (width - number - mark - actions - 3.0 * gap).max(MIN_NAME);
        let x0 = left;
        let x1 = x0 + number + gap;
        let x2 = x1 + name_width + gap;
        let x3 = x2 + mark + gap;
        Columns {
            x: [x0, x1, x2, x3],
            name_width,
        }
    }
}

fn refused_id(ui: &Ui, id_salt: &str) -> egui::Id {
    ui.scope_id().with((id_salt, "refused"))
}

/// Says [`Choices::disabled_why`] above the table `id_salt` from the next frame on, as a
/// click on a disabled button does: for a key that would have marked a row.
pub fn say_why_disabled(ui: &Ui, id_salt: &str) {
    let id = refused_id(ui, id_salt);
    ui.data_mut(|d| d.insert_temp(id, true));
    ui.ctx().request_repaint();
}

/// Draws the table over `rows` (roster indices). Returns the delegate and option clicked,
/// when it differs from what is recorded.
pub fn roster_table_ui<T: Copy + PartialEq>(
    ui: &mut Ui,
    id_salt: &str,
    lang: Lang,
    session: &Session,
    rows: &[usize],
    cursor: &mut RosterCursor,
    choices: &Choices<'_, T>,
) -> Option<(usize, T)> {
    let row_h = ui.spacing().interact_size.y + 4.0;
    let gap = ui.spacing().item_spacing.x;
    let padding = ui.spacing().button_padding.x;
    let texts = choices.options.map(choices.label);
    let labels = SegmentLabels::new(ui, texts.each_ref().map(String::as_str));
    let none = one_line(ui, choices.none.as_str());

    let keys = [
        "votes.col.number",
        "votes.col.name",
        choices.column_key,
        "votes.col.actions",
    ];
    let heads = keys.map(|k| one_line(ui, RichText::new(tr(lang, k)).strong()));

    // A click on a disabled button is answered, until the buttons are enabled again.
    let refused_id = refused_id(ui, id_salt);
    if choices.enabled {
        ui.data_mut(|d| d.remove::<bool>(refused_id));
    } else if ui.data(|d| d.get_temp::<bool>(refused_id)).unwrap_or(false) {
        ui.add(
            egui::Label::new(
                RichText::new(&choices.disabled_why)
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            )
            .wrap(),
        );
    }
    let mut refused = false;

    // The number column holds the seat's place on the roster (1, 2, …), never the file's
    // internal id. It fits the widest number seen so far (remembered, as a table's
    // auto-sized column would), starting from the roster's last.
    let width_id = ui.scope_id().with((id_salt, "number_width"));
    let seen = ui.data(|d| d.get_temp::<f32>(width_id));
    let known = seen.unwrap_or_else(|| {
        one_line(ui, session.roster.len().to_string().as_str())
            .size()
            .x
    });
    let number = MIN_NUMBER.max(heads[0].size().x).max(known);
    let mark = labels
        .galleys()
        .iter()
        .chain([&none, &heads[2]])
        .fold(MIN_MARK, |w, g| w.max(g.size().x));
    let actions = labels.width(padding, gap).max(heads[3].size().x);

    // Header: the four titles, outside the scrolling part.
    let (head_rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::hover());
    let cols = Columns::new(
        head_rect.left(),
        head_rect.width(),
        gap,
        number,
        mark,
        actions,
    );
    let text_color = ui.visuals().text_color();
    let weak_color = ui.visuals().weak_text_color();
    let unnamed = tr(lang, "votes.unnamed");
    for (i, g) in heads.iter().enumerate() {
        let pos = egui::pos2(cols.x[i], head_rect.center().y - g.size().y / 2.0);
        ui.painter().galley(pos, Arc::clone(g), text_color);
    }
    // A screen reader hears the titles as one line.
    let head_id = ui.scope_id().with((id_salt, "head"));
    let head = ui.interact(head_rect, head_id, Sense::hover());
    head.widget_info(|| {
        let names: Vec<&str> = heads.iter().map(|g| g.text()).collect();
        egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, names.join(" "))
    });

    let mut clicked = None;
    let mut widest = number;
    let scroll_to = std::mem::take(&mut cursor.scroll).then_some(cursor.row);
    let row_pitch = row_h + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink([false, false])
        .show_rows(ui, row_h, rows.len(), |ui, range| {
            let top = ui.max_rect().top();
            if let Some(r) = scroll_to {
                // Rows before `range.start` start above this Ui; any row's place follows.
                let y = top + (r as f32 - range.start as f32) * row_pitch;
                let rect =
                    Rect::from_min_size(egui::pos2(ui.max_rect().left(), y), vec2(1.0, row_h));
                ui.scroll_to_rect(rect, None);
            }
            for r in range {
                let Some(&d) = rows.get(r) else {
                    break;
                };
                let Some(delegate) = session.roster.get(d) else {
                    continue;
                };
                let current =
                    (choices.current)(d).and_then(|c| choices.options.iter().position(|o| *o == c));
                let (rect, resp) =
                    ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::hover());
                let cols = Columns::new(rect.left(), rect.width(), gap, number, mark, actions);
                let selected = r == cursor.row;
                let fill = if selected {
                    Some(ui.visuals().selection.bg_fill)
                } else if r % 2 == 0 {
                    Some(ui.visuals().faint_bg_color)
                } else {
                    None
                };
                let painter = ui.painter();
                if let Some(fill) = fill {
                    let band = rect.expand2(0.5 * ui.spacing().item_spacing).round_ui();
                    painter.rect_filled(band, egui::CornerRadius::ZERO, fill);
                }
                let color = if selected {
                    ui.visuals().selection.stroke.color
                } else {
                    text_color
                };
                let seat = (d + 1).to_string();
                let id_text = one_line(ui, seat.as_str());
                widest = widest.max(id_text.size().x);
                // A placeholder (the source names only some delegates) says so, dimmed,
                // rather than repeating its number.
                let (name, name_color) = match delegate.name.as_deref() {
                    Some(name) => (name, color),
                    None if selected => (unnamed.as_ref(), color),
                    None => (unnamed.as_ref(), weak_color),
                };
                let name_text = one_line(ui, name);
                let clipped = name_text.size().x > cols.name_width;
                let mark_text = current.map_or(&none, |i| &labels.galleys()[i]);
                let y = rect.center().y;
                let at = |x: f32, g: &Arc<Galley>| egui::pos2(x, y - g.size().y / 2.0);
                painter.galley(at(cols.x[0], &id_text), Arc::clone(&id_text), color);
                let name_rect = Rect::from_min_size(
                    egui::pos2(cols.x[1], rect.top()),
                    vec2(cols.name_width, row_h),
                );
                painter
                    .with_clip_rect(name_rect.intersect(painter.clip_rect()))
                    .galley(
                        at(cols.x[1], &name_text),
                        Arc::clone(&name_text),
                        name_color,
                    );
                painter.galley(at(cols.x[2], mark_text), Arc::clone(mark_text), color);
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::accesskit::Role::Label,
                        true,
                        format!("{seat} {name} {}", mark_text.text()),
                    )
                });
                if clipped {
                    let _ = resp.tip(|| name.to_owned());
                }

                // The three choices, in a child placed in the row (not allocated again).
                let buttons = Rect::from_min_max(egui::pos2(cols.x[3], rect.top()), rect.max);
                let mut cell = ui.new_child(
                    UiBuilder::new()
                        .id_salt(("roster_row", d))
                        .max_rect(buttons)
                        .layout(egui::Layout::left_to_right(egui::Align::Center)),
                );
                let look = Look::Selectable { selected: current };
                // "出席 12 王小明": the row's buttons told apart by seat and name.
                let button_name = |i: usize| format!("{} {seat} {name}", labels.text(i));
                segments_ui(
                    &mut cell,
                    &labels,
                    look,
                    choices.enabled,
                    button_name,
                    |i, resp| {
                        if !choices.enabled
                            && resp.hovered()
                            && resp.ctx.input(|i| i.pointer.primary_clicked())
                        {
                            refused = true;
                        }
                        if resp.clicked() {
                            cursor.row = r;
                            if current != Some(i) {
                                clicked = Some((d, choices.options[i]));
                            }
                        }
                    },
                );
            }
        });
    if refused {
        ui.data_mut(|d| d.insert_temp(refused_id, true));
        ui.ctx().request_repaint();
    }
    if seen.is_none_or(|s| widest > s) {
        ui.data_mut(|d| d.insert_temp(width_id, widest));
    }
    clicked
}
