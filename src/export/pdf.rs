//! PDF: A4, a title page with the contents, each part from a new page, tables with a
//! repeated header row, page numbers, the bundled Chinese font embedded as a subset.
//!
//! Why krilla: it is pure Rust (no C toolchain, no system fonts), embeds only the glyphs used
//! (subsetting CFF-flavoured OpenType such as Noto Sans CJK, whose 16 MB would otherwise go
//! into every file), and writes a ToUnicode map for every glyph it places, so the text stays
//! selectable and `pdftotext` returns the Chinese. typst would also typeset well but brings a
//! whole compiler and its own markup; printpdf leaves subsetting and Unicode mapping to the
//! caller. Layout is ours and simple: we place glyphs by their measured advances and break
//! lines anywhere between CJK characters (and at spaces in Latin text), which is how Chinese
//! is set; no shaping is needed for Chinese, and the Latin in a summary is plain.
//!
//! Layout is one pass over the document, pages are drawn in a second (so "page n of N" is
//! known); both are linear in the amount of text.

use std::borrow::Cow;
use std::collections::HashMap;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;

use crate::fonts::CJK_FONT;
use crate::i18n::trf;

use super::ExportError;
use super::doc::{Block, Doc};
use super::markdown::numeric_column;
use super::tables::{CellRef, Table};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = PAGE_H - 56.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;

const BODY: f32 = 10.0;
const LEADING: f32 = 1.55;
const CELL_PAD: f32 = 3.0;

type Rgb = (u8, u8, u8);
const INK: Rgb = (0x1d, 0x23, 0x27);
const MUTED: Rgb = (0x5f, 0x6b, 0x73);
const ACCENT: Rgb = (0xa4, 0x16, 0x1a);
const RULE: Rgb = (0xc8, 0xcf, 0xd5);
const BAND: Rgb = (0xf0, 0xf2, 0xf4);

/// A drawing instruction on one page, in points from the top-left corner.
enum Op {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
}

/// Glyph ids and advances from the font's own tables, cached per character.
pub(super) struct Metrics {
    font: skrifa::FontRef<'static>,
    upem: f32,
    cache: HashMap<char, (u32, f32)>,
}

impl Metrics {
    pub(super) fn new() -> Result<Self, ExportError> {
        let font = skrifa::FontRef::new(CJK_FONT).map_err(|e| ExportError::Pdf(e.to_string()))?;
        let upem = f32::from(
            font.head()
                .map_err(|e| ExportError::Pdf(e.to_string()))?
                .units_per_em(),
        );
        Ok(Self {
            font,
            upem: upem.max(1.0),
            cache: HashMap::new(),
        })
    }

    /// (glyph id, advance in em).
    pub(super) fn glyph(&mut self, c: char) -> (u32, f32) {
        if let Some(g) = self.cache.get(&c) {
            return *g;
        }
        let gid = self.font.charmap().map(c).unwrap_or_default();
        let adv = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(gid)
            .unwrap_or(0.0)
            / self.upem;
        let g = (gid.to_u32(), adv);
        self.cache.insert(c, g);
        g
    }

    fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    /// Breaks `text` into lines no wider than `max`: anywhere next to a CJK character
    /// (never before closing or after opening punctuation), at spaces otherwise, and inside
    /// a word only when the word alone is too wide.
    fn wrap(&mut self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut w = 0.0;
            // Byte offset in `line` where a break may go.
            let mut brk: Option<usize> = None;
            let mut prev: Option<char> = None;
            for c in para.chars() {
                if c == '\r' {
                    continue;
                }
                if let Some(p) = prev
                    && may_break_between(p, c)
                {
                    brk = Some(line.len());
                }
                let cw = self.glyph(c).1 * size;
                if w + cw > max && !line.is_empty() && !c.is_whitespace() {
                    match brk.filter(|&b| b > 0) {
                        Some(b) => {
                            let rest = line.split_off(b);
                            lines.push(line.trim_end().to_string());
                            line = rest.trim_start().to_string();
                        }
                        None => lines.push(std::mem::take(&mut line)),
                    }
                    w = self.width(&line, size);
                    brk = None;
                }
                if line.is_empty() && c.is_whitespace() {
                    prev = Some(c);
                    continue;
                }
                line.push(c);
                w += cw;
                prev = Some(c);
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

pub(super) fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』】〕”’…—·,.;:?!)]}%".contains(c)
}

pub(super) fn is_opening(c: char) -> bool {
    "（《「『【〔“‘([{".contains(c)
}

fn may_break_between(prev: char, c: char) -> bool {
    if is_closing(c) || is_opening(prev) {
        return false;
    }
    prev.is_whitespace() || is_cjk(prev) || is_cjk(c)
}

/// Places blocks onto pages.
struct Layout {
    m: Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            x,
            y: baseline,
            size,
            color,
            text: text.to_string(),
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.ops().push(Op::Rect { x, y, w, h, color });
    }

    /// Wrapped text at `x`, `width` wide, from the current position.
    fn para(&mut self, x: f32, width: f32, size: f32, color: Rgb, text: &str) {
        let lh = size * LEADING;
        for line in self.m.wrap(text, size, width) {
            self.ensure(lh);
            let base = self.y + baseline_offset(size, lh);
            self.text(x, base, size, color, &line);
            self.y += lh;
        }
    }

    fn heading(&mut self, size: f32, color: Rgb, text: &str, rule: bool) {
        self.ensure(size * LEADING * 3.0);
        self.y += size * 0.6;
        self.para(MARGIN_X, WIDTH, size, color, text);
        if rule {
            self.rect(MARGIN_X, self.y + 1.0, WIDTH, 1.2, ACCENT);
            self.y += 6.0;
        }
        self.y += size * 0.3;
    }

    fn fields(&mut self, fields: &[(String, String)]) {
        let label_w = fields
            .iter()
            .map(|(k, _)| self.m.width(k, BODY))
            .fold(0.0_f32, f32::max)
            .min(WIDTH * 0.3)
            + 12.0;
        let lh = BODY * LEADING;
        for (k, v) in fields {
            let lines = self.m.wrap(v, BODY, WIDTH - label_w);
            self.ensure(lh);
            let base = self.y + baseline_offset(BODY, lh);
            self.text(MARGIN_X, base, BODY, MUTED, k);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    self.ensure(lh);
                }
                let base = self.y + baseline_offset(BODY, lh);
                self.text(MARGIN_X + label_w, base, BODY, INK, line);
                self.y += lh;
            }
        }
        self.y += BODY * 0.6;
    }

    fn bullets(&mut self, items: &[String]) {
        let lh = BODY * LEADING;
        for item in items {
            self.ensure(lh);
            let base = self.y + baseline_offset(BODY, lh);
            self.text(MARGIN_X + 4.0, base, BODY, MUTED, "•");
            self.para(MARGIN_X + 16.0, WIDTH - 16.0, BODY, INK, item);
        }
        self.y += BODY * 0.6;
    }

    fn code(&mut self, text: &str) {
        let size = 9.0;
        let lines = self.m.wrap(text, size, WIDTH - 16.0);
        let lh = size * LEADING;
        let h = lines.len() as f32 * lh + 10.0;
        self.ensure(h);
        self.rect(MARGIN_X, self.y, WIDTH, h, BAND);
        self.y += 5.0;
        for line in lines {
            let base = self.y + baseline_offset(size, lh);
            self.text(MARGIN_X + 8.0, base, size, INK, &line);
            self.y += lh;
        }
        self.y += 5.0 + BODY * 0.6;
    }

    fn table(&mut self, t: &Table<'_>) {
        let n = t.headers.len();
        if n == 0 {
            return;
        }
        let size = if n > 6 { 7.5 } else { 9.0 };
        let lh = size * 1.4;
        let total: f32 = t.widths.iter().take(n).sum::<f32>().max(1.0);
        let widths: Vec<f32> = (0..n)
            .map(|i| t.widths.get(i).copied().unwrap_or(1.0) / total * WIDTH)
            .collect();
        let numeric: Vec<bool> = (0..n).map(|c| numeric_column(t, c)).collect();
        let header: Vec<Vec<String>> = t
            .headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| self.m.wrap(h, size, w - 2.0 * CELL_PAD))
            .collect();
        let header_h = rows_height(&header, lh);
        self.ensure(header_h + lh + 2.0 * CELL_PAD);
        self.table_row(&header, &widths, &numeric, size, lh, true);
        for row in t.rows.iter() {
            let cells: Vec<Vec<String>> = (0..n)
                .map(|i| {
                    let text = match row.get(i) {
                        Some(CellRef::Empty) | None => Cow::Borrowed("—"),
                        Some(c) => c.as_text(),
                    };
                    self.m.wrap(&text, size, widths[i] - 2.0 * CELL_PAD)
                })
                .collect();
            let mut cells = cells;
            loop {
                let h = rows_height(&cells, lh);
                if self.y + h <= BOTTOM {
                    self.table_row(&cells, &widths, &numeric, size, lh, false);
                    break;
                }
                // Not enough room: a row that fits on a fresh page moves there whole; a
                // taller one fills what is left here and continues on the next page.
                if h <= BOTTOM - TOP - header_h {
                    self.new_page();
                    self.table_row(&header, &widths, &numeric, size, lh, true);
                    continue;
                }
                let fit = ((BOTTOM - self.y - 2.0 * CELL_PAD) / lh).floor();
                if fit < 1.0 {
                    self.new_page();
                    self.table_row(&header, &widths, &numeric, size, lh, true);
                    continue;
                }
                let k = fit as usize;
                let rest: Vec<Vec<String>> = cells
                    .iter_mut()
                    .map(|c| {
                        if c.len() > k {
                            c.split_off(k)
                        } else {
                            Vec::new()
                        }
                    })
                    .collect();
                self.table_row(&cells, &widths, &numeric, size, lh, false);
                cells = rest;
                self.new_page();
                self.table_row(&header, &widths, &numeric, size, lh, true);
            }
        }
        self.y += BODY * 0.8;
    }

    fn table_row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        numeric: &[bool],
        size: f32,
        lh: f32,
        header: bool,
    ) {
        let h = rows_height(cells, lh);
        if header {
            self.rect(MARGIN_X, self.y, WIDTH, h, BAND);
        }
        let mut x = MARGIN_X;
        for (i, lines) in cells.iter().enumerate() {
            let w = widths[i];
            for (j, line) in lines.iter().enumerate() {
                let base = self.y + CELL_PAD + j as f32 * lh + baseline_offset(size, lh);
                let tx = if numeric[i] && !header {
                    x + w - CELL_PAD - self.m.width(line, size)
                } else {
                    x + CELL_PAD
                };
                self.text(tx, base, size, INK, line);
            }
            x += w;
        }
        self.rect(MARGIN_X, self.y + h - 0.5, WIDTH, 0.5, RULE);
        self.y += h;
    }
}

fn rows_height(cells: &[Vec<String>], lh: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * CELL_PAD
}

/// Where the baseline sits in a line box of height `lh` (the face's ascent is ~0.88 em).
fn baseline_offset(size: f32, lh: f32) -> f32 {
    (lh - size) / 2.0 + size * 0.88
}

/// Lays out and draws the document.
pub fn render(doc: &Doc, progress: &mut dyn FnMut(f32)) -> Result<Vec<u8>, ExportError> {
    let mut l = Layout {
        m: Metrics::new()?,
        pages: vec![Vec::new()],
        y: TOP,
    };
    // Title page: the contents are drawn once the parts' pages are known.
    l.y = 220.0;
    l.para(MARGIN_X, WIDTH, 24.0, ACCENT, &doc.title);
    l.y += 10.0;
    l.para(MARGIN_X, WIDTH, 15.0, MUTED, &doc.subtitle);
    l.y += 14.0;
    for line in &doc.cover {
        l.para(MARGIN_X, WIDTH, 11.0, INK, line);
    }
    if let Some(stamp) = &doc.stamp {
        l.y += 8.0;
        l.para(MARGIN_X, WIDTH, 9.0, MUTED, stamp);
    }
    let contents_y = l.y + 36.0;

    let mut starts = Vec::with_capacity(doc.parts.len());
    for part in &doc.parts {
        l.new_page();
        starts.push(l.pages.len());
        l.heading(16.0, ACCENT, &part.title, true);
        for block in &part.blocks {
            match block {
                Block::Heading(h) => l.heading(12.0, INK, h, false),
                Block::Para(p) => {
                    l.para(MARGIN_X, WIDTH, BODY, INK, p);
                    l.y += BODY * 0.6;
                }
                Block::Fields(f) => l.fields(f),
                Block::Bullets(b) => l.bullets(b),
                Block::Code(c) => l.code(c),
                Block::Table(t) => l.table(t),
                Block::Chart(_) => {}
            }
        }
    }

    // Contents on the title page.
    l.y = contents_y;
    let saved = std::mem::take(&mut l.pages);
    l.pages = vec![Vec::new()];
    l.para(
        MARGIN_X,
        WIDTH,
        12.0,
        INK,
        &crate::i18n::tr(doc.lang, "export.pdf.contents"),
    );
    l.y += 4.0;
    for (part, page) in doc.parts.iter().zip(&starts) {
        let lh = 11.0 * LEADING;
        let base = l.y + baseline_offset(11.0, lh);
        l.text(MARGIN_X + 12.0, base, 11.0, INK, &part.title);
        let num = page.to_string();
        let w = l.m.width(&num, 11.0);
        l.text(MARGIN_X + WIDTH - w, base, 11.0, MUTED, &num);
        l.y += lh;
    }
    let contents = std::mem::take(&mut l.pages);
    let mut pages = saved;
    if let (Some(first), Some(extra)) = (pages.first_mut(), contents.into_iter().next()) {
        first.extend(extra);
    }

    // Running head and page numbers.
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let label = trf(
            doc.lang,
            "export.pdf.page",
            &[("n", &(i + 1).to_string()), ("total", &total.to_string())],
        );
        let w = l.m.width(&label, 8.0);
        page.push(Op::Text {
            x: (PAGE_W - w) / 2.0,
            y: PAGE_H - 30.0,
            size: 8.0,
            color: MUTED,
            text: label,
        });
        if i > 0 {
            page.push(Op::Text {
                x: MARGIN_X,
                y: 38.0,
                size: 8.0,
                color: MUTED,
                text: doc.title.clone(),
            });
            page.push(Op::Rect {
                x: MARGIN_X,
                y: 44.0,
                w: WIDTH,
                h: 0.5,
                color: RULE,
            });
        }
    }

    draw(doc, &pages, &mut l.m, progress)
}

/// An A4 document with its metadata, the bundled CJK font and the page settings every
/// exported PDF (summary and formal documents) starts from.
pub(super) fn a4_document(
    title: &str,
    language: &str,
) -> Result<(Font, PageSettings, Document), ExportError> {
    let font = Font::new(CJK_FONT.into(), 0)
        .ok_or_else(|| ExportError::Pdf("cannot read the bundled font".into()))?;
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| ExportError::Pdf("page size".into()))?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(language.to_string())
            .creator("delegate-desk".to_string()),
    );
    Ok((font, settings, document))
}

fn draw(
    doc: &Doc,
    pages: &[Vec<Op>],
    m: &mut Metrics,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<u8>, ExportError> {
    let (font, settings, mut document) = a4_document(&doc.title, doc.lang.code())?;
    let total = pages.len().max(1) as f32;
    let mut glyphs: Vec<KrillaGlyph> = Vec::new();
    for (i, ops) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Rect { x, y, w, h, color } => {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(Some(fill(*color)));
                            surface.draw_path(&path);
                        }
                    }
                }
                Op::Text {
                    x,
                    y,
                    size,
                    color,
                    text,
                } => {
                    glyphs.clear();
                    for (start, c) in text.char_indices() {
                        let (gid, adv) = m.glyph(c);
                        glyphs.push(KrillaGlyph {
                            glyph_id: GlyphId::new(gid),
                            text_range: start..start + c.len_utf8(),
                            x_advance: adv,
                            x_offset: 0.0,
                            y_offset: 0.0,
                            y_advance: 0.0,
                            location: None,
                        });
                    }
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &glyphs,
                        font.clone(),
                        text,
                        *size,
                        false,
                    );
                }
            }
        }
        surface.finish();
        page.finish();
        progress((i + 1) as f32 / total * 0.95);
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

pub(super) fn fill((r, g, b): Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_breaks_anywhere_but_not_before_closing_punctuation() {
        let mut m = Metrics::new().unwrap();
        // Each CJK glyph is 1 em: at size 10 a 35-point line holds three.
        let lines = m.wrap("九江镇人民代表，大会", 10.0, 35.0);
        assert_eq!(lines[0], "九江镇");
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(lines.concat(), "九江镇人民代表，大会");
    }

    #[test]
    fn latin_breaks_at_spaces() {
        let mut m = Metrics::new().unwrap();
        let lines = m.wrap("alpha beta gamma delta", 10.0, 60.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(!l.starts_with(' ') && !l.ends_with(' '));
            assert!(m.width(l, 10.0) <= 60.0, "{l}");
        }
        assert_eq!(lines.join(" "), "alpha beta gamma delta");
    }
}
