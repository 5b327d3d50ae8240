//! Reading a .docx: its body paragraphs and table rows in order, with each paragraph's style
//! name and outline level, so headings can be told from text. A .docx is a zip of XML parts
//! (ECMA-376); only `word/document.xml` and `word/styles.xml` are read. Images, headers,
//! footers, footnotes and comments are left out, and the reader says so.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::ImportError;

/// Where a block stands in the file, for the `//` comment that cites it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The n-th non-empty paragraph of the body (from 1), as a reader counts them.
    Paragraph(usize),
    /// Row `row` (from 1) of the `table`-th table (from 1).
    TableRow { table: usize, row: usize },
}

/// One paragraph or one table row of the body, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Verbatim text; a table row's cells are joined by " | ".
    pub text: String,
    /// The paragraph style's name as Word stores it ("heading 1", "标题 1", "Caption").
    pub style: Option<String>,
    /// 0-based outline level (0 = level 1) from the paragraph or its style.
    pub outline: Option<u8>,
    pub origin: Origin,
}

/// The readable content of a .docx and what was left out of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocxText {
    /// The document title from its properties (File → Properties), when set.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// Drawings and pictures in the body, left out.
    pub images: usize,
    /// Headers, footers, footnotes and comments are present (left out).
    pub has_headers_or_footers: bool,
    pub has_notes_or_comments: bool,
}

/// Formats the importer cannot read, and what to do instead.
pub fn refuse_other_formats(name: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    // Old Word and WPS files are OLE compound files; a PDF starts with "%PDF".
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let pdf = bytes.starts_with(b"%PDF");
    if matches!(ext, "doc" | "wps" | "pdf" | "rtf" | "odt") || ole || pdf {
        let kind = if pdf {
            "pdf".to_string()
        } else if ole && !matches!(ext, "doc" | "wps") {
            "doc".to_string()
        } else {
            ext.to_string()
        };
        return Err(ImportError::SaveAsDocx {
            path: name.to_string(),
            kind,
        });
    }
    Ok(())
}

/// Reads a .docx from its bytes. `name` is used in messages.
pub fn read_docx(name: &str, bytes: &[u8]) -> Result<DocxText, ImportError> {
    refuse_other_formats(name, bytes)?;
    let bad = |what: String| ImportError::BadDocx {
        path: name.to_string(),
        what,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let document = part(&mut zip, "word/document.xml")
        .ok_or_else(|| bad("word/document.xml is missing".into()))?;
    let styles = part(&mut zip, "word/styles.xml")
        .map(|s| parse_styles(&s))
        .unwrap_or_default();
    let title = part(&mut zip, "docProps/core.xml").and_then(|s| core_title(&s));
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let mut out = parse_body(&document, &styles).map_err(bad)?;
    out.title = title;
    out.has_headers_or_footers = names
        .iter()
        .any(|n| n.starts_with("word/header") || n.starts_with("word/footer"));
    out.has_notes_or_comments = names
        .iter()
        .any(|n| n == "word/footnotes.xml" || n == "word/endnotes.xml" || n == "word/comments.xml");
    Ok(out)
}

/// A part of the zip as text; None when it is missing or not UTF-8.
fn part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).ok()?;
    Some(s)
}

/// A paragraph style: its name and the outline level it gives, following `basedOn`.
#[derive(Clone, Debug, Default)]
struct Style {
    name: Option<String>,
    outline: Option<u8>,
    based_on: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn name(&self, id: &str) -> Option<String> {
        self.by_id.get(id).and_then(|s| s.name.clone())
    }

    /// The outline level a style gives, inherited from the styles it is based on.
    fn outline(&self, id: &str) -> Option<u8> {
        let mut at = id;
        // A chain of basedOn is short; the bound stops a cycle in a broken file.
        for _ in 0..16 {
            let s = self.by_id.get(at)?;
            if s.outline.is_some() {
                return s.outline;
            }
            at = s.based_on.as_deref()?;
        }
        None
    }
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                quick_xml::escape::unescape(&a.value)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

fn parse_styles(xml: &str) -> Styles {
    let mut r = Reader::from_str(xml);
    let mut styles = Styles::default();
    let mut cur: Option<(String, Style)> = None;
    loop {
        let ev = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) if e.local_name().as_ref() == "style" => {
                let para = attr(&e, "type").is_none_or(|t| t == "paragraph");
                cur = match (para, attr(&e, "styleId")) {
                    (true, Some(id)) => Some((id, Style::default())),
                    _ => None,
                };
            }
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = cur.take() {
                    styles.by_id.insert(id, s);
                }
            }
            Event::Empty(e) | Event::Start(e) => {
                if let Some((_, s)) = cur.as_mut() {
                    match e.local_name().as_ref() {
                        "name" => s.name = attr(&e, "val"),
                        "basedOn" => s.based_on = attr(&e, "val"),
                        "outlineLvl" => s.outline = attr(&e, "val").and_then(|v| v.parse().ok()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    styles
}

/// `dc:title` from docProps/core.xml.
fn core_title(xml: &str) -> Option<String> {
    let mut r = Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) if e.local_name().as_ref() == "title" => inside = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == "title" => break,
            Ok(Event::Text(t)) if inside => out.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(g)) if inside => push_ref(&mut out, &g),
            _ => {}
        }
    }
    let t = out.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn push_ref(out: &mut String, g: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = g.resolve_char_ref() {
        out.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(g) {
        out.push_str(s);
    }
}

/// Walks the body: paragraphs outside tables become blocks, each table row becomes one
/// block. Text is taken from `w:t` only, so deleted text (`w:delText`) and field codes
/// (`w:instrText`) stay out.
fn parse_body(xml: &str, styles: &Styles) -> Result<DocxText, String> {
    let mut r = Reader::from_str(xml);
    let mut out = DocxText::default();
    let mut para_no = 0usize;
    let mut table_no = 0usize;
    // Nesting: tables inside tables are read as part of the outer row.
    let mut table_depth = 0usize;
    let mut row_no = 0usize;
    let mut row_cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut text = String::new();
    let mut style_id: Option<String> = None;
    let mut outline: Option<u8> = None;
    let mut in_t = false;
    // Text inside a text box or a header reference is not body text.
    let mut skip_depth = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| {
            format!(
                "word/document.xml is not well-formed XML at byte {}: {e}",
                r.error_position()
            )
        })?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                "txbxContent" => skip_depth += 1,
                "drawing" | "pict" | "object" => {
                    out.images += 1;
                    skip_depth += 1;
                }
                "tbl" => {
                    table_depth += 1;
                    if table_depth == 1 {
                        table_no += 1;
                        row_no = 0;
                    }
                }
                "tr" if table_depth == 1 => {
                    row_cells.clear();
                }
                "tc" if table_depth == 1 => cell.clear(),
                "p" if skip_depth == 0 => {
                    text.clear();
                    style_id = None;
                    outline = None;
                }
                "t" => in_t = skip_depth == 0,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "pStyle" => style_id = attr(&e, "val"),
                "outlineLvl" => outline = attr(&e, "val").and_then(|v| v.parse().ok()),
                "tab" if skip_depth == 0 => text.push('\t'),
                "br" | "cr" if skip_depth == 0 => text.push('\n'),
                "drawing" | "pict" => out.images += 1,
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) if in_t => push_ref(&mut text, &g),
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "txbxContent" | "drawing" | "pict" | "object" => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                "p" if skip_depth == 0 => {
                    let clean = clean_text(&text);
                    if table_depth > 0 {
                        if !clean.is_empty() {
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&clean);
                        }
                    } else if !clean.is_empty() {
                        para_no += 1;
                        let name = style_id.as_deref().and_then(|id| styles.name(id));
                        let outline = outline
                            .or_else(|| style_id.as_deref().and_then(|id| styles.outline(id)));
                        out.blocks.push(Block {
                            text: clean,
                            style: name,
                            outline,
                            origin: Origin::Paragraph(para_no),
                        });
                    }
                }
                "tc" if table_depth == 1 => row_cells.push(std::mem::take(&mut cell)),
                "tr" if table_depth == 1 => {
                    row_no += 1;
                    if row_cells.iter().any(|c| !c.is_empty()) {
                        out.blocks.push(Block {
                            text: row_cells.join(" | "),
                            style: None,
                            outline: None,
                            origin: Origin::TableRow {
                                table: table_no,
                                row: row_no,
                            },
                        });
                    }
                }
                "tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

/// Trims a paragraph and drops control characters other than tab and line break, which a
/// session file could not carry readably.
fn clean_text(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() && c != '\u{3000}')
        .chars()
        .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_formats_are_refused_with_what_to_do() {
        assert!(matches!(
            refuse_other_formats("报告.doc", b"\xD0\xCF\x11\xE0rest"),
            Err(ImportError::SaveAsDocx { .. })
        ));
        assert!(matches!(
            refuse_other_formats("report.docx", b"%PDF-1.7"),
            Err(ImportError::SaveAsDocx { kind, .. }) if kind == "pdf"
        ));
        assert!(refuse_other_formats("report.docx", b"PK\x03\x04").is_ok());
    }

    #[test]
    fn body_paragraphs_styles_and_table_rows() {
        let styles = parse_styles(
            r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="x"><w:name w:val="My head"/><w:basedOn w:val="1"/></w:style></w:styles>"#,
        );
        let doc = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="x"/></w:pPr><w:r><w:t>一、总体</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">A &amp; B </w:t></w:r><w:r><w:delText>gone</w:delText></w:r><w:r><w:drawing/></w:r></w:p>
            <w:p></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数值</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let out = parse_body(doc, &styles).unwrap();
        assert_eq!(out.blocks.len(), 3);
        assert_eq!(out.blocks[0].style.as_deref(), Some("My head"));
        assert_eq!(out.blocks[0].outline, Some(0));
        assert_eq!(out.blocks[1].text, "A & B");
        assert_eq!(out.blocks[1].origin, Origin::Paragraph(2));
        assert_eq!(out.images, 1);
        assert_eq!(out.blocks[2].text, "指标 | 数值");
        assert_eq!(out.blocks[2].origin, Origin::TableRow { table: 1, row: 1 });
    }
}
