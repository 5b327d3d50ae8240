//! Text laid out on one line in the body style, as a label or button that does not wrap
//! would lay it out: for widgets that paint their text themselves (segment buttons, roster
//! rows) or must know its width before placing it (separated lines).

use std::sync::Arc;

use egui::{Galley, TextStyle, TextWrapMode, Ui, WidgetText};

pub fn one_line(ui: &Ui, text: impl Into<WidgetText>) -> Arc<Galley> {
    text.into().into_galley(
        ui,
        Some(TextWrapMode::Extend),
        f32::INFINITY,
        TextStyle::Body,
    )
}
