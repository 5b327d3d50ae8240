//! Tooltips that cost nothing until they can show.
//!
//! egui's `on_hover_text` takes the text built and runs its tooltip logic (a `Popup`
//! assembled, the last pass's layers searched) for every widget on every frame, hovered or
//! not, which adds up where forty small buttons each have one (the indicator cards).
//! A tooltip can only appear over a widget the pointer is on, or one whose tooltip was open
//! last frame (it may cover the widget), or when egui is told to show everything; otherwise
//! these skip the work. The text also describes the widget to a screen reader, so it is
//! given whenever the widget has a node in the accessibility tree.

use egui::{Response, Ui, WidgetText};

pub trait Tip: Sized {
    /// `on_hover_text`, with the text built only when it can be used.
    fn tip<T: Into<WidgetText>>(self, text: impl FnOnce() -> T) -> Self;
    /// `on_hover_ui`, with egui's tooltip logic run only when the tooltip can show.
    fn tip_ui(self, add_contents: impl FnOnce(&mut Ui)) -> Self;
}

impl Tip for Response {
    fn tip<T: Into<WidgetText>>(self, text: impl FnOnce() -> T) -> Self {
        if could_show(&self) || self.ctx.has_accesskit_node(self.id) {
            self.on_hover_text(text())
        } else {
            self
        }
    }

    fn tip_ui(self, add_contents: impl FnOnce(&mut Ui)) -> Self {
        if could_show(&self) {
            self.on_hover_ui(add_contents)
        } else {
            self
        }
    }
}

/// A superset of egui's own test (`Tooltip::should_show_tooltip`) for an enabled widget.
fn could_show(r: &Response) -> bool {
    r.hovered()
        || r.contains_pointer()
        // A container's tooltip shows over its children too.
        || r.container_contains_pointer()
        || r.is_tooltip_open()
        || r.ctx.memory(|m| m.everything_is_visible())
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use egui_kittest::kittest::Queryable;

    use super::Tip;

    /// One pass with the pointer at `pointer` (or outside the window); counts how often the
    /// tooltip's text was built.
    fn pass(ctx: &egui::Context, pointer: Option<egui::Pos2>, built: &Cell<u32>) -> egui::Rect {
        let mut raw = egui::RawInput::default();
        raw.events.push(match pointer {
            Some(p) => egui::Event::PointerMoved(p),
            None => egui::Event::PointerGone,
        });
        let mut rect = egui::Rect::NOTHING;
        let mut out = ctx.run_ui(raw, |ui| {
            let r = ui.button("Open").tip(|| {
                built.set(built.get() + 1);
                "Opens the file"
            });
            rect = r.rect;
        });
        out.textures_delta.clear();
        rect
    }

    #[test]
    fn the_text_is_built_only_under_the_pointer() {
        let ctx = egui::Context::default();
        let built = Cell::new(0);
        let rect = pass(&ctx, None, &built);
        for _ in 0..3 {
            pass(&ctx, None, &built);
        }
        assert_eq!(built.get(), 0, "nobody is pointing at the button");
        pass(&ctx, Some(rect.center()), &built);
        assert!(built.get() > 0, "the pointer is on the button");
    }

    #[test]
    fn a_hovered_widget_still_shows_its_tooltip() {
        let mut h = egui_kittest::Harness::new_ui(|ui| {
            ui.button("Open").tip(|| "Opens the file");
        });
        h.run();
        assert!(h.query_by_label("Opens the file").is_none());
        h.get_by_label("Open").hover();
        h.run();
        h.get_by_label("Opens the file");
    }
}
