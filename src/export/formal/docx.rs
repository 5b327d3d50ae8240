//! DOCX for editing in WPS or Word, laid out as GB/T 9704-2012 §5 asks: A4; top margin 37 mm,
//! binding (left) margin 28 mm, a 156 × 225 mm text block; 22 lines of 28 characters in 3号
//! (16 pt) 仿宋_GB2312; the title in 2号 (22 pt) 方正小标宋简体; 一级 headings 黑体, 二级
//! 楷体_GB2312; page numbers "— 1 —" in 4号 (14 pt) 宋体 in the footer.
//!
//! The fonts are named, not embedded: they are the ones town offices have installed, and WPS
//! or Word substitutes its nearest face where one is missing.

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType,
};

use super::{FormalDoc, Kind};
use crate::export::ExportError;

/// Twentieths of a point per millimetre.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

const PAGE_W_MM: f64 = 210.0;
const PAGE_H_MM: f64 = 297.0;
const TOP_MM: f64 = 37.0;
const LEFT_MM: f64 = 28.0;
const BLOCK_W_MM: f64 = 156.0;
const BLOCK_H_MM: f64 = 225.0;

/// 225 mm / 22 lines = 28.95 pt, in twentieths of a point.
const LINE_PITCH: u32 = 579;
/// Half-points.
const BODY_SIZE: usize = 32;
const TITLE_SIZE: usize = 44;
const PAGE_NUMBER_SIZE: usize = 28;
/// One body character (16 pt) in twentieths of a point.
const CHAR: i32 = 320;

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const H1_FONT: &str = "黑体";
const H2_FONT: &str = "楷体_GB2312";
const NUMBER_FONT: &str = "宋体";

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
}

fn exact() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_PITCH as i32)
        .before(0)
        .after(0)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn paragraph(kind: Kind, text: &str) -> Paragraph {
    let p = Paragraph::new().line_spacing(exact());
    match kind {
        // Off the character grid: on it each 22 pt character would take two 16 pt cells.
        Kind::Title => p
            .snap_to_grid(false)
            .align(AlignmentType::Center)
            // A 22 pt title on a 28.95 pt grid line would touch the next line.
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(700)
                    .before(0)
                    .after(0),
            )
            .add_run(run(text, TITLE_FONT, TITLE_SIZE)),
        Kind::Subtitle => p
            .align(AlignmentType::Center)
            .add_run(run(text, BODY_FONT, BODY_SIZE)),
        Kind::Heading1 => p
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR)),
                None,
                None,
            )
            .add_run(run(text, H1_FONT, BODY_SIZE)),
        Kind::Heading2 => p
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR)),
                None,
                None,
            )
            .add_run(run(text, H2_FONT, BODY_SIZE)),
        Kind::Body => p
            .align(AlignmentType::Both)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR)),
                None,
                None,
            )
            .add_run(run(text, BODY_FONT, BODY_SIZE)),
        // Signature and date sit four characters in from the right edge, leaving room for a
        // seal that overlaps both (GB/T 9704-2012 §7.3.5.1).
        Kind::Signature | Kind::Date => p
            .align(AlignmentType::Right)
            .indent(None, None, Some(4 * CHAR), None)
            .add_run(run(text, BODY_FONT, BODY_SIZE)),
        Kind::Empty => p.add_run(run("", BODY_FONT, BODY_SIZE)),
        Kind::PageBreak => p.add_run(Run::new().add_break(BreakType::Page)),
    }
}

/// "— 1 —", the number a PAGE field.
fn page_number() -> Footer {
    let dash = |t: &str| run(t, NUMBER_FONT, PAGE_NUMBER_SIZE);
    let field = Run::new()
        .fonts(fonts(NUMBER_FONT))
        .size(PAGE_NUMBER_SIZE)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    Footer::new().add_paragraph(
        Paragraph::new()
            .snap_to_grid(false)
            .align(AlignmentType::Center)
            .add_run(dash("— "))
            .add_run(field)
            .add_run(dash(" —")),
    )
}

pub fn render(doc: &FormalDoc) -> Result<Vec<u8>, ExportError> {
    let bottom = PAGE_H_MM - TOP_MM - BLOCK_H_MM;
    let right = PAGE_W_MM - LEFT_MM - BLOCK_W_MM;
    let mut docx = Docx::new()
        .page_size(mm(PAGE_W_MM) as u32, mm(PAGE_H_MM) as u32)
        .page_margin(PageMargin {
            top: mm(TOP_MM),
            left: mm(LEFT_MM),
            bottom: mm(bottom),
            right: mm(right),
            header: mm(15.0),
            // The number's top sits about 7 mm below the text block.
            footer: mm(bottom - 7.0 - 5.0),
            gutter: 0,
        })
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .footer(page_number())
        .custom_property("generator", "delegate-desk");
    // 28 characters to a line: the pitch is the block width over 28, given to Word and WPS as
    // the difference from the font size in 1/4096 pt.
    let pitch_pt = BLOCK_W_MM / 25.4 * 72.0 / 28.0;
    let char_space = ((pitch_pt - 16.0) * 4096.0).round() as isize;
    docx.document = docx.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::LinesAndChars)
            .line_pitch(LINE_PITCH as usize)
            .char_space(char_space),
    );
    let mut break_next = false;
    for p in &doc.paras {
        if p.kind == Kind::PageBreak {
            break_next = true;
            continue;
        }
        docx = docx.add_paragraph(paragraph(p.kind, &p.text).page_break_before(break_next));
        break_next = false;
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.pack(&mut out)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}
