//! The bundled Simplified Chinese font, installed first in every family so Chinese renders on
//! a machine without any Chinese font. One installer serves the app and every test.

/// Noto Sans CJK SC Regular (OFL-1.1, see `assets/fonts/`).
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansCJKsc-Regular.otf");

const CJK_NAME: &str = "NotoSansCJKsc";

/// Puts the bundled CJK face first in the proportional and monospace families, ahead of
/// egui's defaults (which keep Latin glyph shapes for the monospace family's fallbacks).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        CJK_NAME.to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, CJK_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Whether the bundled font has a glyph for `c` (used by the test that every character of
/// every shipped session renders).
pub fn has_glyph(c: char) -> bool {
    use skrifa::MetadataProvider;
    use std::sync::OnceLock;
    static FACE: OnceLock<Option<skrifa::FontRef<'static>>> = OnceLock::new();
    let face = FACE.get_or_init(|| skrifa::FontRef::new(CJK_FONT).ok());
    match face {
        Some(f) => c.is_whitespace() || c.is_control() || f.charmap().map(c).is_some(),
        None => false,
    }
}
