//! Finding text in a session's documents. Offsets are in chars, so hits line up with what
//! is drawn, whatever the script.

use super::session::{ParagraphRef, Session};

/// One occurrence of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub at: ParagraphRef,
    pub paragraph_id: String,
    /// Char range in the paragraph.
    pub start: usize,
    pub end: usize,
}

/// Every occurrence of `query` in reading order, case-insensitively for scripts with case.
/// An empty or blank query finds nothing.
pub fn find(session: &Session, query: &str) -> Vec<Hit> {
    let needle: Vec<char> = query.trim().chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (id, at, text) in session.paragraphs() {
        for (start, end) in find_in(text, &needle) {
            hits.push(Hit {
                at,
                paragraph_id: id.clone(),
                start,
                end,
            });
        }
    }
    hits
}

/// Non-overlapping char ranges of `needle` (already lower-cased) in `text`.
pub fn find_in(text: &str, needle: &[char]) -> Vec<(usize, usize)> {
    // Lower-casing can change the length of a few letters (e.g. 'İ'); map by original char
    // so offsets stay in the original text.
    let hay: Vec<char> = text
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            out.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_chinese_by_char_offsets() {
        let needle: Vec<char> = "九江".chars().collect();
        assert_eq!(find_in("佛山九江镇，九江", &needle), vec![(2, 4), (6, 8)]);
    }

    #[test]
    fn latin_is_case_insensitive_and_blank_finds_nothing() {
        let needle: Vec<char> = "g325".chars().collect();
        assert_eq!(find_in("G325国道", &needle), vec![(0, 4)]);
        assert!(find_in("abc", &[]).is_empty());
    }
}
