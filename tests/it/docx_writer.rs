//! A minimal .docx writer for the importer's tests and bench: the parts Word itself writes
//! for text, headings (styles with the ids Chinese Word gives them: "1", "2", "3"), captions,
//! tables, a picture and a header, zipped with the `zip` crate the importer reads with.
#![allow(dead_code)]

use std::io::Write;

pub enum Block {
    Title(String),
    /// Heading level 1–3, by style.
    Heading(u8, String),
    Text(String),
    Caption(String),
    /// A paragraph holding only a picture.
    Picture,
    Table(Vec<Vec<String>>),
}

pub fn text(s: &str) -> Block {
    Block::Text(s.to_string())
}

pub fn heading(level: u8, s: &str) -> Block {
    Block::Heading(level, s.to_string())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn para(style: Option<&str>, s: &str) -> String {
    let ppr = style
        .map(|id| format!("<w:pPr><w:pStyle w:val=\"{id}\"/></w:pPr>"))
        .unwrap_or_default();
    // Two runs, as Word splits text at formatting and spell-check boundaries.
    let mid = s
        .char_indices()
        .nth(s.chars().count() / 2)
        .map_or(s.len(), |(i, _)| i);
    format!(
        "<w:p w:rsidR=\"00A1\">{ppr}<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:t>{}</w:t></w:r></w:p>",
        esc(&s[..mid]),
        esc(&s[mid..])
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 3"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="caption"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="a4"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>
</w:styles>"#;

/// The bytes of a .docx holding `blocks`, with a page header when `header` is set.
pub fn docx(blocks: &[Block], header: bool) -> Vec<u8> {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Title(s) => body.push_str(&para(Some("a4"), s)),
            Block::Heading(l, s) => body.push_str(&para(Some(&l.to_string()), s)),
            Block::Text(s) => body.push_str(&para(None, s)),
            Block::Caption(s) => body.push_str(&para(Some("a3"), s)),
            Block::Picture => body.push_str(
                "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><wp:docPr id=\"1\" name=\"图片 1\"/></wp:inline></w:drawing></w:r></w:p>",
            ),
            Block::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr/>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        body.push_str("<w:tc><w:tcPr/>");
                        body.push_str(&para(None, c));
                        body.push_str("</w:tc>");
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr>{}</w:sectPr></w:body></w:document>"#,
        if header {
            "<w:headerReference w:type=\"default\" r:id=\"rId9\"/>"
        } else {
            ""
        }
    );
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, data: &str| {
            z.start_file(name, opts).expect("zip entry");
            z.write_all(data.as_bytes()).expect("zip write");
        };
        put(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        );
        put(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        );
        put("word/document.xml", &document);
        put("word/styles.xml", STYLES);
        if header {
            put(
                "word/header1.xml",
                r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>九江镇人民政府</w:t></w:r></w:p></w:hdr>"#,
            );
        }
        z.finish().expect("zip finish");
    }
    out.into_inner()
}
