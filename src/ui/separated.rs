//! A line of short items with a separator between each two, that wraps whole items: the
//! motion header (方式 · 规则 · 状态 · 投屏), the attendance summary, the itinerary's head.
//!
//! In egui's `horizontal_wrapped` a label that does not fit is parted mid-text, and a
//! separator drawn before an item that then moves to the next line is left dangling at the
//! end of the line above. Here each item is laid out whole first; when it does not fit after
//! a separator it starts the next line, without one.

use std::sync::Arc;

use egui::{Galley, Response, Ui, WidgetText};

use super::one_line::one_line;

/// Call inside `ui.horizontal_wrapped`, one call per item, in order.
#[derive(Default)]
pub struct Separated {
    started: bool,
}

impl Separated {
    pub fn new() -> Separated {
        Separated::default()
    }

    /// Room for an item `width` points wide: a separator before it if both fit on this
    /// line, else a new line.
    fn before(&mut self, ui: &mut Ui, width: f32) {
        if !std::mem::replace(&mut self.started, true) {
            return;
        }
        // A vertical separator takes its spacing, and the item after it one item spacing.
        let separator = ui.spacing().item_spacing.x + SEPARATOR_SPACING;
        if separator + width <= ui.available_size_before_wrap().x {
            ui.add(egui::Separator::default().spacing(SEPARATOR_SPACING));
        } else {
            ui.end_row();
        }
    }

    pub fn label(&mut self, ui: &mut Ui, text: impl Into<WidgetText>) -> Response {
        let galley = whole(ui, text);
        self.before(ui, galley.size().x);
        ui.add(egui::Label::new(galley))
    }

    pub fn link(&mut self, ui: &mut Ui, text: impl Into<WidgetText>) -> Response {
        let galley = whole(ui, text);
        self.before(ui, galley.size().x);
        ui.add(egui::Link::new(galley))
    }

    pub fn button(&mut self, ui: &mut Ui, text: impl Into<WidgetText>) -> Response {
        let galley = whole(ui, text);
        self.before(ui, galley.size().x + 2.0 * ui.spacing().button_padding.x);
        ui.add(egui::Button::new(galley))
    }
}

/// egui's `Separator` default spacing, set explicitly so the room asked for matches.
const SEPARATOR_SPACING: f32 = 6.0;

/// The text laid out on one line, unless it is wider than a whole line of this ui: then
/// wrapped to the line's width, so that nothing is cut off.
fn whole(ui: &Ui, text: impl Into<WidgetText>) -> Arc<Galley> {
    let text = text.into();
    let line = ui.max_rect().width();
    let single = one_line(ui, text.clone());
    if single.size().x <= line {
        single
    } else {
        text.into_galley(
            ui,
            Some(egui::TextWrapMode::Wrap),
            line,
            egui::TextStyle::Body,
        )
    }
}
