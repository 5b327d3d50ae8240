//! A problem found in a file, with where it is, printed the way compilers do:
//! `FILE:LINE:COL: error: message`, the source line, and a caret under the column.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem. `line` and `column` count from 1; the column counts characters, not bytes,
/// so a caret lines up under Chinese text in a terminal that shows one cell per character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    /// The offending source line, without its line break; a long line is cut to
    /// [`EXCERPT_CHARS`] characters around the column, with `…` where it was cut.
    pub source_line: String,
    /// Characters of the line left out before `source_line` (the caret's shift).
    pub cut_before: usize,
}

/// Characters of a source line echoed on each side of the caret: a whole line of a
/// one-line file of megabytes would bury the message.
pub const EXCERPT_CHARS: usize = 80;

/// Where each line of a source starts, to turn many offsets into lines and columns without
/// going over the text again for each one.
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { source, starts }
    }

    /// 1-based (line, character column) of a byte offset, as [`line_col`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
    }

    /// The text of 1-based `line`, without its line break.
    fn line(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .starts
            .get(line)
            .map_or(self.source.len(), |&next| next - 1);
        self.source
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// A diagnostic at a byte offset.
    pub fn at_offset(
        &self,
        file: &str,
        offset: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        self.at_line_col(file, line, column, severity, message)
    }

    /// A diagnostic at a 1-based line and character column.
    pub fn at_line_col(
        &self,
        file: &str,
        line: usize,
        column: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (source_line, cut_before) = excerpt(self.line(line), column);
        Diagnostic {
            file: file.to_string(),
            line: line.max(1),
            column: column.max(1),
            severity,
            message: message.into(),
            source_line,
            cut_before,
        }
    }
}

/// At most [`EXCERPT_CHARS`] characters each side of 1-based `column` of `line`, `…` where
/// cut; and how many characters were left out before.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let at = column.saturating_sub(1);
    let from = at.saturating_sub(EXCERPT_CHARS);
    let mut chars = line.chars().skip(from);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(chars.by_ref().take(at - from + EXCERPT_CHARS));
    if chars.next().is_some() {
        out.push('…');
    }
    // The `…` in front stands for the characters cut, less the one cell it takes.
    (out, from.saturating_sub(usize::from(from > 0)))
}

impl Diagnostic {
    /// Builds a diagnostic at a byte offset of `source`.
    pub fn at_offset(
        file: &str,
        source: &str,
        offset: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        LineIndex::new(source).at_offset(file, offset, severity, message)
    }

    /// Builds a diagnostic at a 1-based line and character column of `source`.
    pub fn at_line_col(
        file: &str,
        source: &str,
        line: usize,
        column: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        LineIndex::new(source).at_line_col(file, line, column, severity, message)
    }

    /// The first line: `FILE:LINE:COL: error: message`.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, self.severity, self.message
        )
    }

    /// The source line and a caret under the column. East-Asian wide characters before the
    /// column take two cells in a terminal, so the caret is padded to match.
    pub fn caret_lines(&self) -> String {
        let prefix: String = self
            .source_line
            .chars()
            .take(
                self.column
                    .saturating_sub(1)
                    .saturating_sub(self.cut_before),
            )
            .map(|c| {
                if c == '\t' {
                    "\t".to_string()
                } else if is_wide(c) {
                    "  ".to_string()
                } else {
                    " ".to_string()
                }
            })
            .collect();
        format!("  {}\n  {}^", self.source_line, prefix)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n{}", self.headline(), self.caret_lines())
    }
}

/// 1-based (line, character column) of a byte offset; offsets past the end clamp to the end.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based (line, character column).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match source[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return source.len(),
        }
    }
    source[start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| start + i)
        .unwrap_or(source.len())
}

/// CJK and full-width forms take two terminal cells.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "a\n九江镇x\n";
        let off = src.find('x').unwrap_or(0);
        assert_eq!(line_col(src, off), (2, 4));
        assert_eq!(offset_of(src, 2, 4), off);
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let src = format!("{}bad{}", "x".repeat(100_000), "y".repeat(100_000));
        let off = src.find("bad").unwrap_or(0);
        let d = Diagnostic::at_offset("f.ron", &src, off, Severity::Error, "boom");
        assert_eq!(d.headline(), "f.ron:1:100001: error: boom");
        assert_eq!(
            d.source_line,
            format!("…{}bad{}…", "x".repeat(80), "y".repeat(77))
        );
        let caret = d.caret_lines();
        let last = caret.lines().last().unwrap_or("");
        // Under the `b`: `…` and 80 x's before it.
        assert_eq!(last, format!("  {}^", " ".repeat(81)));
        // Short lines are echoed whole.
        let d = Diagnostic::at_offset("f.ron", "a: bad", 3, Severity::Error, "boom");
        assert_eq!((d.source_line.as_str(), d.cut_before), ("a: bad", 0));
    }

    #[test]
    fn the_line_index_agrees_with_line_col() {
        let src = "a\n九江镇x\r\n\nlast";
        let idx = LineIndex::new(src);
        for off in 0..=src.len() + 2 {
            assert_eq!(idx.line_col(off), line_col(src, off), "{off}");
        }
        let d = idx.at_offset("f", src.find('x').unwrap_or(0), Severity::Error, "m");
        assert_eq!(d.source_line, "九江镇x");
    }

    #[test]
    fn caret_sits_under_the_column_after_wide_characters() {
        let src = "title: \"九江\", bad";
        let off = src.find("bad").unwrap_or(0);
        let d = Diagnostic::at_offset("f.ron", src, off, Severity::Error, "boom");
        assert_eq!(d.headline(), "f.ron:1:14: error: boom");
        let caret = d.caret_lines();
        let last = caret.lines().last().unwrap_or("");
        // 11 narrow chars and 2 wide ones (4 cells) stand before "bad".
        assert_eq!(last, format!("  {}^", " ".repeat(15)));
    }
}
