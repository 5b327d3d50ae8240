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
    /// The offending source line, without its line break.
    pub source_line: String,
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
        let (line, column) = line_col(source, offset);
        Self::at_line_col(file, source, line, column, severity, message)
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
        let source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        Self {
            file: file.to_string(),
            line: line.max(1),
            column: column.max(1),
            severity,
            message: message.into(),
            source_line,
        }
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
            .take(self.column.saturating_sub(1))
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
