//! Markdown: plain text first (a reader without a viewer sees labelled lines and aligned
//! pipes), and CommonMark/GFM tables for any viewer.

use std::fmt::Write;

use super::doc::{Block, Doc};
use super::tables::{CellRef, Table};

/// Renders the document. Charts are left out: their tables carry the same numbers.
pub fn render(doc: &Doc) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let sep = colon(doc);
    let _ = writeln!(out, "# {}\n", inline(&doc.title));
    let _ = writeln!(out, "**{}**\n", inline(&doc.subtitle));
    for line in &doc.cover {
        let _ = writeln!(out, "{}  ", inline(line));
    }
    out.push('\n');
    if let Some(stamp) = &doc.stamp {
        let _ = writeln!(out, "*{}*\n", inline(stamp));
    }
    for part in &doc.parts {
        let _ = writeln!(out, "## {}\n", inline(&part.title));
        for block in &part.blocks {
            match block {
                Block::Heading(h) => {
                    let _ = writeln!(out, "### {}\n", inline(h));
                }
                Block::Para(p) => {
                    let _ = writeln!(out, "{}\n", para(p));
                }
                Block::Fields(fields) => {
                    for (k, v) in fields {
                        let _ = writeln!(out, "- **{}**{sep}{}", inline(k), inline(v));
                    }
                    out.push('\n');
                }
                Block::Bullets(items) => {
                    // `*` rather than `-`: a change of marker keeps a list apart from a
                    // field list just above it.
                    for item in items {
                        let _ = writeln!(out, "* {}", inline(item));
                    }
                    out.push('\n');
                }
                Block::Code(code) => {
                    let _ = writeln!(out, "```text\n{code}\n```\n");
                }
                Block::Table(table) => table_md(&mut out, table),
                Block::Chart(_) => {}
            }
        }
    }
    out
}

fn colon(doc: &Doc) -> &'static str {
    match doc.lang {
        crate::i18n::Lang::Zh => "：",
        crate::i18n::Lang::En => ": ",
    }
}

fn table_md(out: &mut String, table: &Table<'_>) {
    out.push('|');
    for h in &table.headers {
        let _ = write!(out, " {} |", inline(h));
    }
    out.push_str("\n|");
    for col in 0..table.headers.len() {
        out.push_str(if numeric_column(table, col) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
    for row in table.rows.iter() {
        out.push('|');
        for cell in row.cells() {
            out.push(' ');
            match cell {
                CellRef::Empty => out.push('—'),
                c => push_inline(out, &c.as_text()),
            }
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// A column reads as numbers when every filled cell is one.
pub(crate) fn numeric_column(table: &Table<'_>, col: usize) -> bool {
    let mut any = false;
    for row in table.rows.iter() {
        match row.get(col) {
            Some(CellRef::Empty) | None => {}
            Some(c) if c.is_number() => any = true,
            Some(_) => return false,
        }
    }
    any
}

/// Like [`inline`], for text that starts a line, where `#`, `-`, `+` and `=` are markup.
fn para(s: &str) -> String {
    let body = inline(s);
    if body.starts_with(['#', '-', '+', '=']) {
        format!("\\{body}")
    } else {
        body
    }
}

/// Escapes what Markdown would read as markup, keeps one line, leaves CJK text alone.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_inline(&mut out, s);
    out
}

/// [`inline`], appending to `out`.
fn push_inline(out: &mut String, s: &str) {
    if !s.contains(['\\', '`', '*', '_', '[', ']', '<', '>', '|', '\n', '\r']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_cjk_is_not() {
        assert_eq!(inline("a|b*c_d"), "a\\|b\\*c\\_d");
        assert_eq!(para("# 标题\n第二行"), "\\# 标题 第二行");
        assert_eq!(inline("-3%"), "-3%");
        assert_eq!(inline("九江镇"), "九江镇");
    }
}
