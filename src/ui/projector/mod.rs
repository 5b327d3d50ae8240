//! The projector: a second window (an egui viewport) the secretary drags to the projector
//! and puts full screen. It shows only [`content::Content`] — the sitting, the current
//! motion or election, its counts and verdict, or the waiting screen — in type sized to the
//! window, light on black. The app computes the content from the journal's tally every
//! frame; the window repaints only when it changes (a deferred viewport).

pub mod content;

use std::sync::{Arc, Mutex, MutexGuard};

use content::{Content, Figure, Screen, Tone};
use egui::{Color32, RichText};

const BACKGROUND: Color32 = Color32::BLACK;
const TEXT: Color32 = Color32::WHITE;
const SOFT: Color32 = Color32::from_gray(215);
const GOOD: Color32 = Color32::from_rgb(80, 230, 120);
const BAD: Color32 = Color32::from_rgb(255, 110, 100);
const PENDING: Color32 = Color32::from_rgb(255, 215, 90);

/// The verdict's font size as a share of the window's height. A Chinese glyph's ink is
/// about nine tenths of its font size, so 0.16 makes the verdict's strokes stand over 1/8
/// of the screen (0.13 left them at 0.117 in screenshots).
const VERDICT_SHARE: f32 = 0.16;

/// What the app and the projector window share.
#[derive(Default)]
struct Shared {
    content: Option<Content>,
    title: String,
    /// The projector's close button was pressed; the app closes it on its next frame.
    close_requested: bool,
}

/// The projector window, open or not.
#[derive(Default)]
pub struct Projector {
    open: bool,
    shared: Arc<Mutex<Shared>>,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while drawing cannot leave the content half-written: it is replaced whole.
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Projector {
    pub fn id() -> egui::ViewportId {
        egui::ViewportId::from_hash_of("delegate_desk_projector")
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn toggle(&mut self) {
        self.open = !self.open;
        if self.open {
            lock(&self.shared).close_requested = false;
        }
    }

    /// The content shown (None before the first frame or when closed).
    pub fn content(&self) -> Option<Content> {
        self.open
            .then(|| lock(&self.shared).content.clone())
            .flatten()
    }

    /// Shows the window with `content`, once per frame of the main window while open; the
    /// projector repaints only when the content changed.
    pub fn show(&mut self, ctx: &egui::Context, content: Content, title: String) {
        {
            let mut s = lock(&self.shared);
            if s.close_requested {
                s.close_requested = false;
                self.open = false;
            }
            if !self.open {
                s.content = None;
                return;
            }
            if s.content.as_ref() != Some(&content) {
                s.content = Some(content);
                ctx.request_repaint_of(Self::id());
            }
            s.title = title;
        }
        let title = lock(&self.shared).title.clone();
        let builder = egui::ViewportBuilder::default()
            .with_title(title)
            .with_app_id("delegate-desk")
            .with_inner_size([1024.0, 640.0])
            .with_min_inner_size([480.0, 300.0]);
        let shared = Arc::clone(&self.shared);
        ctx.show_viewport_deferred(Self::id(), builder, move |ui, class| {
            if ui.input(|i| i.viewport().close_requested()) {
                lock(&shared).close_requested = true;
                ui.ctx().request_repaint_of(egui::ViewportId::ROOT);
            }
            if class != egui::ViewportClass::EmbeddedWindow {
                fullscreen_keys(ui.ctx());
            }
            let content = lock(&shared).content.clone();
            if let Some(c) = content {
                projector_ui(ui, &c);
            }
        });
    }
}

/// F11 or a double click toggles full screen; Esc leaves it.
fn fullscreen_keys(ctx: &egui::Context) {
    let (toggle, leave, full) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::F11)
                || i.pointer
                    .button_double_clicked(egui::PointerButton::Primary),
            i.key_pressed(egui::Key::Escape),
            i.viewport().fullscreen.unwrap_or(false),
        )
    });
    if toggle {
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
    } else if leave && full {
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    }
}

fn tone_color(t: Tone) -> Color32 {
    match t {
        Tone::Good => GOOD,
        Tone::Bad => BAD,
        Tone::Pending => PENDING,
    }
}

/// Draws one projector screen into `ui`, filling it: every size is a share of its height.
pub fn projector_ui(ui: &mut egui::Ui, c: &Content) {
    let rect = ui.available_rect_before_wrap();
    ui.painter().rect_filled(rect, 0.0, BACKGROUND);
    let h = rect.height().max(200.0);
    let margin = (h * 0.04).round();
    let inner = rect.shrink(margin);
    ui.scope_builder(egui::UiBuilder::new().max_rect(inner), |ui| {
        ui.set_min_size(inner.size());
        ui.vertical_centered(|ui| {
            ui.spacing_mut().item_spacing.y = h * 0.006;
            match &c.screen {
                Screen::Waiting { figures, status } => {
                    // Between votes the sitting's name is the screen's title.
                    ui.add_space(h * 0.04);
                    wrapped(
                        ui,
                        RichText::new(&c.sitting)
                            .size(h * 0.07)
                            .strong()
                            .color(TEXT),
                    );
                    ui.add_space(h * 0.06);
                    figures_ui(ui, figures, h, 0.14);
                    ui.add_space(h * 0.06);
                    wrapped(
                        ui,
                        RichText::new(&status.text)
                            .size(h * 0.08)
                            .strong()
                            .color(tone_color(status.tone)),
                    );
                }
                Screen::Result {
                    heading,
                    figures,
                    verdict,
                    detail,
                } => {
                    wrapped(ui, RichText::new(&c.sitting).size(h * 0.045).color(SOFT));
                    wrapped(
                        ui,
                        RichText::new(heading).size(h * 0.055).strong().color(TEXT),
                    );
                    ui.add_space(h * 0.02);
                    figures_ui(ui, figures, h, 0.1);
                    ui.add_space(h * 0.02);
                    // A long 当选 list gets smaller type rather than leaving the screen.
                    let share = if verdict.text.chars().count() > 12 {
                        VERDICT_SHARE * 0.6
                    } else {
                        VERDICT_SHARE
                    };
                    wrapped(
                        ui,
                        RichText::new(&verdict.text)
                            .size(h * share)
                            .strong()
                            .color(tone_color(verdict.tone)),
                    );
                    ui.add_space(h * 0.01);
                    wrapped(ui, RichText::new(detail).size(h * 0.035).color(SOFT));
                }
            }
        });
    });
}

fn wrapped(ui: &mut egui::Ui, text: RichText) {
    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Wrap));
}

/// The numbers side by side, five to a row at most; with more rows (an election's
/// candidates) the type shrinks so they all stay on screen. Each figure has a cell of its
/// own, so a label that wraps never pushes its neighbours.
fn figures_ui(ui: &mut egui::Ui, figures: &[Figure], h: f32, value_share: f32) {
    let per_row = figures.len().clamp(1, 5);
    let rows = figures.len().div_ceil(per_row).max(1);
    let shrink = 1.0 / rows as f32;
    let label_size = h * 0.045 * shrink.max(0.6);
    let value_size = h * value_share * shrink.max(0.5);
    let row_h = label_size * 1.5 + value_size * 1.3;
    let width = ui.available_width();
    let col = width / per_row as f32;
    for row in figures.chunks(per_row) {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, row_h), egui::Sense::hover());
        let left = rect.left() + (width - col * row.len() as f32) / 2.0;
        for (i, f) in row.iter().enumerate() {
            let cell = egui::Rect::from_min_size(
                egui::pos2(left + col * i as f32, rect.top()),
                egui::vec2(col, row_h),
            );
            let mut ui = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(cell)
                    .layout(egui::Layout::top_down(egui::Align::Center)),
            );
            wrapped(
                &mut ui,
                RichText::new(&f.label).size(label_size).color(SOFT),
            );
            ui.label(
                RichText::new(&f.value)
                    .size(value_size)
                    .strong()
                    .color(TEXT),
            );
        }
    }
}
