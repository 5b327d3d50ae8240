//! Type and colour for older eyes: body text 16 points in near-black (egui's default is
//! 13 in grey), nothing smaller than 12 (egui's small text is 9), weak text still dark
//! enough to read. Set once for both themes; the zoom (A−/A+, Ctrl+/Ctrl−) scales it all.

use egui::{Color32, FontFamily, FontId, TextStyle, Theme};

/// The smallest text the window draws.
pub const MIN_TEXT: f32 = 12.0;
pub const BODY_TEXT: f32 = 16.0;

pub fn install_desk_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|s| {
        s.text_styles = [
            (
                TextStyle::Small,
                FontId::new(MIN_TEXT, FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(BODY_TEXT, FontFamily::Proportional),
            ),
            (
                TextStyle::Button,
                FontId::new(BODY_TEXT, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
    });
    let text = |theme: Theme, normal: u8, weak: u8| {
        ctx.style_mut_of(theme, |s| {
            let w = &mut s.visuals.widgets;
            w.noninteractive.fg_stroke.color = Color32::from_gray(normal);
            w.inactive.fg_stroke.color = Color32::from_gray(normal);
            s.visuals.weak_text_color = Some(Color32::from_gray(weak));
        });
    };
    // Light: near-black on white, weak text still over 5:1; dark: the same, reversed.
    text(Theme::Light, 20, 90);
    text(Theme::Dark, 235, 175);
}
