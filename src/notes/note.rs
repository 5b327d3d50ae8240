//! One note (批注) and what it is attached to.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many characters of context a quote keeps on each side (W3C TextQuoteSelector style).
pub const CONTEXT_CHARS: usize = 32;

/// What kind of remark a note is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NoteKind {
    /// 疑问
    Question,
    /// 建议
    Suggestion,
    /// 赞同
    Support,
    /// 关注
    Concern,
}

impl NoteKind {
    /// Every kind, in the order a picker shows them.
    pub const ALL: [NoteKind; 4] = [
        NoteKind::Question,
        NoteKind::Suggestion,
        NoteKind::Support,
        NoteKind::Concern,
    ];
}

/// A stretch of text inside one paragraph, remembered by its words rather than only by
/// position, so it can be found again after the paragraph moves or is edited.
///
/// All offsets and lengths are in `char`s, never bytes. `prefix` and `suffix` are the up to
/// [`CONTEXT_CHARS`] characters before and after the quote *within the same paragraph*.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// First char of `exact` in the paragraph.
    pub start: usize,
    /// One past the last char of `exact`.
    pub end: usize,
}

impl TextQuote {
    /// The quote for chars `start..end` of `paragraph`; None when the range is empty or out
    /// of bounds.
    pub fn from_selection(paragraph: &str, start: usize, end: usize) -> Option<TextQuote> {
        let chars: Vec<char> = paragraph.chars().collect();
        if start >= end || end > chars.len() {
            return None;
        }
        Some(TextQuote::from_chars(&chars, start, end))
    }

    pub(crate) fn from_chars(chars: &[char], start: usize, end: usize) -> TextQuote {
        let pre_start = start.saturating_sub(CONTEXT_CHARS);
        let suf_end = (end + CONTEXT_CHARS).min(chars.len());
        TextQuote {
            exact: chars[start..end].iter().collect(),
            prefix: chars[pre_start..start].iter().collect(),
            suffix: chars[end..suf_end].iter().collect(),
            start,
            end,
        }
    }
}

/// What a note is attached to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// A paragraph of a document, or a stretch of text inside it.
    Paragraph {
        /// `section-id.N`, as [`crate::model::Section::paragraph_id`] makes it.
        paragraph_id: String,
        /// None: the note is on the whole paragraph.
        #[serde(default)]
        quote: Option<TextQuote>,
        /// For whole-paragraph notes: the paragraph's first [`CONTEXT_CHARS`] chars when the
        /// note was made. Paragraph ids are positional (`s.3`), so inserting a paragraph
        /// shifts them; the head lets the note follow its paragraph instead of silently
        /// landing on a neighbour.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        head: Option<String>,
    },
    /// An indicator (a number from the report), by id.
    Indicator { id: String },
    /// A stop of the inspection, by id.
    Stop { id: String },
}

impl Target {
    /// A note on the whole paragraph `paragraph_id`, whose current text is `text`.
    pub fn paragraph(paragraph_id: &str, text: &str) -> Target {
        Target::Paragraph {
            paragraph_id: paragraph_id.to_string(),
            quote: None,
            head: Some(text.chars().take(CONTEXT_CHARS).collect()),
        }
    }

    /// A note on chars `start..end` of the paragraph; a whole-paragraph note when the range
    /// is empty or out of bounds.
    pub fn selection(paragraph_id: &str, text: &str, start: usize, end: usize) -> Target {
        match TextQuote::from_selection(text, start, end) {
            Some(q) => Target::Paragraph {
                paragraph_id: paragraph_id.to_string(),
                quote: Some(q),
                head: None,
            },
            None => Target::paragraph(paragraph_id, text),
        }
    }

    pub fn indicator(id: &str) -> Target {
        Target::Indicator { id: id.to_string() }
    }

    pub fn stop(id: &str) -> Target {
        Target::Stop { id: id.to_string() }
    }
}

/// A delegate's note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Unique across laptops, so imports merge by it (see [`new_note_id`]).
    pub id: String,
    pub target: Target,
    pub kind: NoteKind,
    /// Free text, typically Chinese.
    pub text: String,
    #[serde(default)]
    pub author: Option<String>,
    pub created: DateTime<Utc>,
    /// Last edit; on import the newer edit wins.
    pub updated: DateTime<Utc>,
}

impl Note {
    /// A fresh note with a new id, created and updated now.
    pub fn new(target: Target, kind: NoteKind, text: &str, author: Option<&str>) -> Note {
        let now = Utc::now();
        Note {
            id: new_note_id(),
            target,
            kind,
            text: text.to_string(),
            author: clean_author(author),
            created: now,
            updated: now,
        }
    }

    /// True when `query` (already lower-cased) occurs in the text, author or quoted words.
    pub(crate) fn matches_lowercase(&self, query: &str) -> bool {
        if query.is_empty() {
            return true;
        }
        let hit = |s: &str| s.to_lowercase().contains(query);
        hit(&self.text)
            || self.author.as_deref().is_some_and(hit)
            || match &self.target {
                Target::Paragraph { quote: Some(q), .. } => hit(&q.exact),
                _ => false,
            }
    }
}

/// An author name as typed: surrounding blanks dropped, empty means none.
pub(crate) fn clean_author(author: Option<&str>) -> Option<String> {
    author
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
}

/// Per-stop state of the inspection, kept in the notes file beside the notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StopState {
    pub visited: bool,
    /// Questions to raise at the stop, free text.
    pub questions: String,
    /// Last change, so an import can tell which side is newer.
    pub updated: Option<DateTime<Utc>>,
}

/// A new, practically unique note id: `n-<ms since 1970, base 36>-<counter>-<8 hex>`.
///
/// The time and counter keep ids unique on one laptop; the last part is a hash of time,
/// process id and counter under std's randomly seeded hasher, which keeps two laptops that
/// create notes in the same millisecond apart without a random-number crate.
pub fn new_note_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = Utc::now();
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    let mut h = RandomState::new().build_hasher();
    now.timestamp_nanos_opt().hash(&mut h);
    std::process::id().hash(&mut h);
    n.hash(&mut h);
    let rand = h.finish() as u32;
    format!("n-{}-{n}-{rand:08x}", base36(millis))
}

fn base36(mut v: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(v % 36) as usize]);
        v /= 36;
        if v == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_counts_chars_not_bytes() {
        let text = "全镇实现地区生产总值约120亿元，同比增长8.7%。";
        let q = TextQuote::from_selection(text, 6, 10).unwrap();
        assert_eq!(q.exact, "生产总值");
        assert_eq!(q.prefix, "全镇实现地区");
        assert_eq!(q.suffix, "约120亿元，同比增长8.7%。");
        assert!(TextQuote::from_selection(text, 3, 3).is_none());
        assert!(TextQuote::from_selection(text, 3, 999).is_none());
    }

    #[test]
    fn context_is_at_most_32_chars() {
        let text: String = "一二三四五六七八九十".repeat(10);
        let q = TextQuote::from_selection(&text, 50, 52).unwrap();
        assert_eq!(q.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(q.suffix.chars().count(), CONTEXT_CHARS);
        let whole = Target::paragraph("a.1", &text);
        match whole {
            Target::Paragraph { head: Some(h), .. } => {
                assert_eq!(h.chars().count(), CONTEXT_CHARS)
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<String> = (0..2000).map(|_| new_note_id()).collect();
        assert_eq!(ids.len(), 2000);
    }

    #[test]
    fn author_blank_is_none() {
        let n = Note::new(Target::stop("s1"), NoteKind::Support, "好", Some("  "));
        assert_eq!(n.author, None);
        let n = Note::new(Target::stop("s1"), NoteKind::Support, "好", Some(" 李梅 "));
        assert_eq!(n.author.as_deref(), Some("李梅"));
    }
}
