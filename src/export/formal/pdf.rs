//! PDF with the same GB/T 9704-2012 layout as the DOCX: A4, the text block 156 × 225 mm from
//! 28 mm left and 37 mm top, 22 lines of 28 characters at 16 pt, the title at 22 pt centred,
//! "— n —" at 14 pt about 7 mm below the block, signature and date four characters in from the
//! right.
//!
//! One face serves every kind: the bundled Noto Sans CJK SC (OFL-1.1), embedded as a subset.
//! Town offices' 仿宋/小标宋/楷体 are proprietary and cannot be shipped; the DOCX names them for
//! editing. Sixteen-point CJK glyphs are one em wide, so 28 of them take 448 pt against the
//! block's 442.2 pt: every advance is narrowed by that ratio, as the DOCX's character grid does.

use krilla::geom::Point;
use krilla::text::{GlyphId, KrillaGlyph};

use super::super::ExportError;
use super::super::pdf::{Metrics, a4_document, fill, is_closing, is_opening};
use super::{FormalDoc, Kind};

const PT_PER_MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * PT_PER_MM;
pub(crate) const LEFT: f32 = 28.0 * PT_PER_MM;
pub(crate) const TOP: f32 = 37.0 * PT_PER_MM;
const BLOCK_W: f32 = 156.0 * PT_PER_MM;
const BLOCK_H: f32 = 225.0 * PT_PER_MM;
const LINES: usize = 22;
const PITCH: f32 = BLOCK_H / LINES as f32;
const BODY: f32 = 16.0;
const TITLE: f32 = 22.0;
const TITLE_PITCH: f32 = 35.0;
const NUMBER: f32 = 14.0;
/// Advances are scaled so 28 body characters fill the block exactly.
const SQUEEZE: f32 = BLOCK_W / (28.0 * BODY);
const INK: (u8, u8, u8) = (0, 0, 0);

struct Line {
    x: f32,
    /// Baseline, from the top of the page.
    y: f32,
    size: f32,
    /// How much each advance is narrowed: [`SQUEEZE`] on the character grid, 1 off it.
    squeeze: f32,
    text: String,
}

/// Breaks `text` into lines: `first` wide for the first, `rest` for the others. Breaks go
/// between CJK characters; a run of Latin letters and digits (a figure, "2017") stays whole;
/// a closing mark never starts a line nor an opening one ends it (the character before moves
/// down with it).
fn wrap(m: &mut Metrics, text: &str, size: f32, first: f32, rest: f32) -> Vec<String> {
    // Units that are never split: a Latin/digit run, or one other character.
    let mut units: Vec<String> = Vec::new();
    for c in text.chars() {
        let latin = c.is_ascii_alphanumeric() || c == '.' || c == '%';
        match units.last_mut() {
            Some(u)
                if latin
                    && u.chars()
                        .all(|p| p.is_ascii_alphanumeric() || p == '.' || p == '%') =>
            {
                u.push(c)
            }
            _ => units.push(c.to_string()),
        }
    }
    let width = |m: &mut Metrics, s: &str| -> f32 {
        s.chars().map(|c| m.glyph(c).1).sum::<f32>() * size * SQUEEZE
    };
    let mut lines: Vec<Vec<String>> = vec![Vec::new()];
    let mut w = 0.0;
    for u in units {
        let uw = width(m, &u);
        let max = if lines.len() == 1 { first } else { rest };
        let cur = lines.len() - 1;
        if w + uw > max + 0.01 && !lines[cur].is_empty() {
            // Units moved down to the new line, in reading order.
            let mut carry: Vec<String> = Vec::new();
            let starts_closing = |u: &str| u.chars().next().is_some_and(is_closing);
            if starts_closing(&u) {
                // "款）" then "，": pull down until the new line starts with a character
                // that may start one, not only the closing mark before this one.
                while lines[cur].len() > 1 {
                    let Some(p) = lines[cur].pop() else { break };
                    let closing = starts_closing(&p);
                    carry.insert(0, p);
                    if !closing {
                        break;
                    }
                }
            }
            while lines[cur].len() > 1
                && lines[cur]
                    .last()
                    .and_then(|l| l.chars().last())
                    .is_some_and(is_opening)
            {
                if let Some(p) = lines[cur].pop() {
                    carry.insert(0, p);
                }
            }
            lines.push(carry);
            w = lines
                .last()
                .map_or(0.0, |l| l.iter().map(|s| width(m, s)).sum());
        }
        w += uw;
        let last = lines.len() - 1;
        lines[last].push(u);
    }
    lines.into_iter().map(|l| l.concat()).collect()
}

/// Places the paragraphs on pages of the 22-line grid.
fn layout(m: &mut Metrics, doc: &FormalDoc) -> Vec<Vec<Line>> {
    let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
    // Top of the next line box, from the top of the text block.
    let mut y = 0.0_f32;
    let bottom = BLOCK_H + 0.01;
    for p in &doc.paras {
        let (size, pitch) = match p.kind {
            Kind::Title => (TITLE, TITLE_PITCH),
            _ => (BODY, PITCH),
        };
        if p.kind == Kind::PageBreak {
            pages.push(Vec::new());
            y = 0.0;
            continue;
        }
        let indent = match p.kind {
            Kind::Body | Kind::Heading1 | Kind::Heading2 => 2.0 * BODY * SQUEEZE,
            _ => 0.0,
        };
        let right_gap = match p.kind {
            Kind::Signature | Kind::Date => 4.0 * BODY * SQUEEZE,
            _ => 0.0,
        };
        let lines = if p.text.is_empty() {
            vec![String::new()]
        } else {
            wrap(
                m,
                &p.text,
                size,
                BLOCK_W - indent - right_gap,
                BLOCK_W - right_gap,
            )
        };
        for (i, text) in lines.into_iter().enumerate() {
            if y + pitch > bottom {
                pages.push(Vec::new());
                y = 0.0;
                // An empty line never opens a page.
                if text.is_empty() {
                    continue;
                }
            }
            let w = text.chars().map(|c| m.glyph(c).1).sum::<f32>() * size * SQUEEZE;
            let x = match p.kind {
                Kind::Title | Kind::Subtitle => LEFT + (BLOCK_W - w) / 2.0,
                Kind::Signature | Kind::Date => LEFT + BLOCK_W - right_gap - w,
                _ if i == 0 => LEFT + indent,
                _ => LEFT,
            };
            // The glyphs' ascent is ~0.88 em; centre the em box in the line box.
            let base = TOP + y + (pitch - size) / 2.0 + size * 0.88;
            if let Some(page) = pages.last_mut()
                && !text.is_empty()
            {
                page.push(Line {
                    x,
                    y: base,
                    size,
                    squeeze: SQUEEZE,
                    text,
                });
            }
            y += pitch;
        }
    }
    pages
}

pub fn render(doc: &FormalDoc) -> Result<Vec<u8>, ExportError> {
    let mut m = Metrics::new()?;
    let mut pages = layout(&mut m, doc);
    // Page numbers: the line's top about 7 mm below the text block.
    let number_base = TOP + BLOCK_H + 7.0 * PT_PER_MM + NUMBER * 0.88;
    for (i, page) in pages.iter_mut().enumerate() {
        let text = format!("— {} —", i + 1);
        let w = text.chars().map(|c| m.glyph(c).1).sum::<f32>() * NUMBER;
        page.push(Line {
            x: (PAGE_W - w) / 2.0,
            y: number_base,
            size: NUMBER,
            squeeze: 1.0,
            text,
        });
    }
    draw(doc, &pages, &mut m)
}

fn draw(doc: &FormalDoc, pages: &[Vec<Line>], m: &mut Metrics) -> Result<Vec<u8>, ExportError> {
    let (font, settings, mut document) = a4_document(&doc.name, "zh-CN")?;
    let mut glyphs: Vec<KrillaGlyph> = Vec::new();
    for lines in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        surface.set_fill(Some(fill(INK)));
        for line in lines {
            let text = line.text.as_str();
            glyphs.clear();
            for (start, c) in text.char_indices() {
                let (gid, adv) = m.glyph(c);
                glyphs.push(KrillaGlyph {
                    glyph_id: GlyphId::new(gid),
                    text_range: start..start + c.len_utf8(),
                    x_advance: adv * line.squeeze,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    y_advance: 0.0,
                    location: None,
                });
            }
            surface.draw_glyphs(
                Point::from_xy(line.x, line.y),
                &glyphs,
                font.clone(),
                text,
                line.size,
                false,
            );
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_line_holds_28_characters_and_figures_stay_whole() {
        let mut m = Metrics::new().unwrap();
        let text = "一".repeat(60);
        let lines = wrap(&mut m, &text, BODY, BLOCK_W - 2.0 * BODY * SQUEEZE, BLOCK_W);
        assert_eq!(lines[0].chars().count(), 26);
        assert_eq!(lines[1].chars().count(), 28);
        let text = format!("{}赞成98票，通过。", "一".repeat(24));
        let lines = wrap(&mut m, &text, BODY, BLOCK_W, BLOCK_W);
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("98")), "{lines:?}");
        assert_eq!(lines.concat(), text);
        // Two closing marks at the break: neither starts the next line.
        let text = format!("{}款），候选人", "一".repeat(26));
        let lines = wrap(&mut m, &text, BODY, BLOCK_W, BLOCK_W);
        assert!(
            lines.iter().skip(1).all(|l| !l.starts_with(is_closing)),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), text);
        // An opening mark never ends a line, however many stand before the break.
        let text = format!("{}（《「条例」》）", "一".repeat(25));
        let lines = wrap(&mut m, &text, BODY, BLOCK_W, BLOCK_W);
        assert!(lines.iter().all(|l| !l.ends_with(is_opening)), "{lines:?}");
        assert_eq!(lines.concat(), text);
    }
}
