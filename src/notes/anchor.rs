//! Finding a note's place in a (possibly revised) session.
//!
//! A paragraph note remembers its paragraph id *and* its words (a [`TextQuote`], or the
//! paragraph's head for whole-paragraph notes). Ids are positional (`s.3`), so an inserted
//! paragraph shifts them; the words decide. The search, cheapest first:
//!
//! 1. the stored paragraph still holds the exact text at the stored offsets, with its
//!    prefix and suffix: placed where it was;
//! 2. occurrences of the exact text in the stored paragraph and its neighbours (±2 in
//!    reading order): a hit with its full context is taken at once;
//! 3. occurrences anywhere in the session.
//!
//! Among candidates the one with the most matching context chars wins, then the one nearest
//! to the old paragraph, then the one nearest to the old offset. A candidate is accepted
//! only with enough evidence (exact + matching context ≥ 8 chars, or everything stored
//! matches), so a one-character quote never jumps to a random "的" elsewhere. Anything not
//! accepted is [`Placement::Unplaced`]: the note is kept and listed, never dropped.
//!
//! Build a [`SessionIndex`] once per session and resolve every note against it: paragraphs
//! are looked up by id in a `HashMap`, and text is searched only when the fast path fails.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::note::{CONTEXT_CHARS, Note, Target, TextQuote};
use crate::i18n::{Lang, tr};
use crate::model::Session;

/// How much matching text (exact plus context, in chars) a moved quote needs to be trusted.
const MIN_EVIDENCE: usize = 8;
/// Neighbouring paragraphs searched before the whole session.
const NEAR: usize = 2;
/// Whole-paragraph notes stay on an edited paragraph when its head is this similar.
const MIN_HEAD_SIMILARITY: f64 = 0.5;

/// Where a note is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Chars `start..end` of a paragraph (the whole paragraph for whole-paragraph notes).
    Text {
        paragraph_id: String,
        start: usize,
        end: usize,
        /// The paragraph id differs from the one stored in the note.
        moved: bool,
    },
    Indicator {
        id: String,
    },
    Stop {
        id: String,
    },
    /// Cannot be placed in this session; the note is kept and listed as unplaced.
    Unplaced {
        reason: UnplacedReason,
    },
}

impl Placement {
    pub fn is_placed(&self) -> bool {
        !matches!(self, Placement::Unplaced { .. })
    }

    /// The paragraph a text placement is in.
    pub fn paragraph_id(&self) -> Option<&str> {
        match self {
            Placement::Text { paragraph_id, .. } => Some(paragraph_id),
            _ => None,
        }
    }
}

/// Why a note could not be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnplacedReason {
    /// The quoted words are nowhere in the session any more.
    QuoteNotFound,
    /// A whole-paragraph note whose paragraph was deleted or rewritten.
    ParagraphGone,
    IndicatorGone,
    StopGone,
}

impl UnplacedReason {
    /// A sentence for the unplaced list.
    pub fn message(self, lang: Lang) -> String {
        let key = match self {
            UnplacedReason::QuoteNotFound => "notes.unplaced.quote_not_found",
            UnplacedReason::ParagraphGone => "notes.unplaced.paragraph_gone",
            UnplacedReason::IndicatorGone => "notes.unplaced.indicator_gone",
            UnplacedReason::StopGone => "notes.unplaced.stop_gone",
        };
        tr(lang, key).into_owned()
    }
}

struct Para<'s> {
    id: String,
    text: &'s str,
}

/// A session prepared for placing many notes quickly.
pub struct SessionIndex<'s> {
    paras: Vec<Para<'s>>,
    by_id: HashMap<String, usize>,
    /// Section id → index of its first paragraph and its paragraph count.
    sections: HashMap<&'s str, (usize, usize)>,
    /// A paragraph's first [`CONTEXT_CHARS`] chars → paragraphs starting so.
    heads: HashMap<String, Vec<usize>>,
    indicators: HashMap<&'s str, usize>,
    stops: HashMap<&'s str, usize>,
    /// Every paragraph joined by a separator that no quote contains, built on first need.
    all: OnceCell<Joined>,
}

struct Joined {
    text: String,
    /// Byte offset where each paragraph starts in `text`.
    starts: Vec<usize>,
    /// Each pair of adjacent chars → byte offsets where it occurs in `text`, so a search
    /// of the whole session checks only the places holding the quote's rarest pair.
    pairs: HashMap<(char, char), Vec<u32>>,
}

impl Joined {
    /// Byte offsets in `text` where `exact` occurs.
    fn find_all(&self, exact: &str) -> Vec<usize> {
        let chars: Vec<(usize, char)> = exact.char_indices().collect();
        let rarest = chars
            .windows(2)
            .map(|w| (w[0].0, self.pairs.get(&(w[0].1, w[1].1))))
            .min_by_key(|(_, hits)| hits.map_or(0, Vec::len));
        match rarest {
            // A quote of one char: scan.
            None => self.text.match_indices(exact).map(|(b, _)| b).collect(),
            Some((_, None)) => Vec::new(),
            Some((offset, Some(hits))) => hits
                .iter()
                .filter_map(|&at| (at as usize).checked_sub(offset))
                .filter(|&b| self.text.get(b..).is_some_and(|t| t.starts_with(exact)))
                .collect(),
        }
    }
}

const SEP: char = '\u{1}';

#[derive(Clone, Copy)]
struct Cand {
    para: usize,
    start: usize,
    end: usize,
    /// Matching context chars (prefix + suffix).
    score: usize,
}

impl<'s> SessionIndex<'s> {
    pub fn new(session: &'s Session) -> SessionIndex<'s> {
        let mut paras = Vec::new();
        let mut sections: HashMap<&str, (usize, usize)> = HashMap::new();
        for doc in &session.documents {
            for sec in &doc.sections {
                let first = paras.len();
                for (n, text) in sec.paragraphs.iter().enumerate() {
                    paras.push(Para {
                        id: sec.paragraph_id(n),
                        text,
                    });
                }
                sections
                    .entry(&sec.id)
                    .or_insert((first, sec.paragraphs.len()));
            }
        }
        let mut by_id = HashMap::with_capacity(paras.len());
        let mut heads: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in paras.iter().enumerate() {
            by_id.entry(p.id.clone()).or_insert(i);
            heads.entry(head_of(p.text)).or_default().push(i);
        }
        let indicators = session
            .indicators
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        let stops = session
            .itinerary
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        SessionIndex {
            paras,
            by_id,
            sections,
            heads,
            indicators,
            stops,
            all: OnceCell::new(),
        }
    }

    /// Where `note` belongs in this session.
    pub fn resolve(&self, note: &Note) -> Placement {
        match &note.target {
            Target::Paragraph {
                paragraph_id,
                quote: Some(q),
                ..
            } => self.resolve_quote(paragraph_id, q),
            Target::Paragraph {
                paragraph_id,
                quote: None,
                head,
            } => self.resolve_whole(paragraph_id, head.as_deref()),
            Target::Indicator { id } => {
                if self.indicators.contains_key(id.as_str()) {
                    Placement::Indicator { id: id.clone() }
                } else {
                    unplaced(UnplacedReason::IndicatorGone)
                }
            }
            Target::Stop { id } => {
                if self.stops.contains_key(id.as_str()) {
                    Placement::Stop { id: id.clone() }
                } else {
                    unplaced(UnplacedReason::StopGone)
                }
            }
        }
    }

    /// Reading-order position of a paragraph, indicator or stop (for sorting notes).
    pub(crate) fn order_of(&self, placement: &Placement) -> (u8, usize, usize) {
        match placement {
            Placement::Text {
                paragraph_id,
                start,
                ..
            } => (
                0,
                self.by_id.get(paragraph_id).copied().unwrap_or(usize::MAX),
                *start,
            ),
            Placement::Indicator { id } => {
                (1, self.indicators.get(id.as_str()).copied().unwrap_or(0), 0)
            }
            Placement::Stop { id } => (2, self.stops.get(id.as_str()).copied().unwrap_or(0), 0),
            Placement::Unplaced { .. } => (3, 0, 0),
        }
    }

    /// The note's target rewritten to describe where it was found, when that differs from
    /// what is stored (new paragraph id, offsets or context). None when nothing changed.
    pub fn reattached_target(&self, note: &Note, placement: &Placement) -> Option<Target> {
        let Placement::Text {
            paragraph_id,
            start,
            end,
            ..
        } = placement
        else {
            return None;
        };
        let text = self.paras.get(*self.by_id.get(paragraph_id)?)?.text;
        let new = match &note.target {
            Target::Paragraph { quote: Some(_), .. } => Target::Paragraph {
                paragraph_id: paragraph_id.clone(),
                quote: TextQuote::from_selection(text, *start, *end),
                head: None,
            },
            Target::Paragraph { quote: None, .. } => Target::paragraph(paragraph_id, text),
            _ => return None,
        };
        (new != note.target).then_some(new)
    }

    /// Where paragraph `id` stood, or would stand, in reading order: its index if it still
    /// exists, else the same position inside its section, else nothing.
    fn position_of(&self, id: &str) -> Option<usize> {
        if let Some(&i) = self.by_id.get(id) {
            return Some(i);
        }
        let (sec, n) = id.rsplit_once('.')?;
        let n: usize = n.parse().ok()?;
        let &(first, count) = self.sections.get(sec)?;
        Some(first + n.saturating_sub(1).min(count.saturating_sub(1)))
    }

    fn resolve_quote(&self, old_id: &str, q: &TextQuote) -> Placement {
        let prefix: Vec<char> = q.prefix.chars().collect();
        let suffix: Vec<char> = q.suffix.chars().collect();
        let full = prefix.len() + suffix.len();
        let exact_len = q.exact.chars().count();
        if exact_len == 0 {
            return unplaced(UnplacedReason::QuoteNotFound);
        }
        let old = self.by_id.get(old_id).copied();

        // 1. Unchanged.
        if let Some(i) = old
            && let Some(c) = self.candidate_at(i, q, &prefix, &suffix)
            && c.score == full
        {
            return self.placed(c, old_id);
        }

        let p0 = self.position_of(old_id);
        let better = |a: &Cand, b: &Cand| -> bool {
            let dist = |c: &Cand| match p0 {
                Some(p) => c.para.abs_diff(p),
                None => c.para,
            };
            (
                a.score,
                std::cmp::Reverse(dist(a)),
                std::cmp::Reverse(a.start.abs_diff(q.start)),
            ) > (
                b.score,
                std::cmp::Reverse(dist(b)),
                std::cmp::Reverse(b.start.abs_diff(q.start)),
            )
        };
        let mut best: Option<Cand> = None;
        let consider = |c: Cand, best: &mut Option<Cand>| {
            if best.as_ref().is_none_or(|b| better(&c, b)) {
                *best = Some(c);
            }
        };

        // 2. The old paragraph and its neighbours.
        if let Some(p) = p0 {
            let lo = p.saturating_sub(NEAR);
            let hi = (p + NEAR + 1).min(self.paras.len());
            for i in lo..hi {
                for c in self.candidates_in(i, q, &prefix, &suffix) {
                    consider(c, &mut best);
                }
            }
        }

        // 3. Everywhere.
        if best.is_none_or(|b| b.score < full) {
            let all = self.joined();
            for byte in all.find_all(&q.exact) {
                let i = all.starts.partition_point(|&s| s <= byte).saturating_sub(1);
                let Some(p) = self.paras.get(i) else { continue };
                let local = byte - all.starts[i];
                if let Some(c) = self.score_at(i, p.text, local, q, &prefix, &suffix) {
                    consider(c, &mut best);
                }
            }
        }

        match best {
            Some(c) if exact_len + c.score >= MIN_EVIDENCE.min(exact_len + full) => {
                self.placed(c, old_id)
            }
            _ => unplaced(UnplacedReason::QuoteNotFound),
        }
    }

    fn resolve_whole(&self, old_id: &str, head: Option<&str>) -> Placement {
        let old = self.by_id.get(old_id).copied();
        let Some(head) = head else {
            // Hand-made or legacy note without a head: trust the id.
            return match old {
                Some(i) => self.whole(i, old_id),
                None => unplaced(UnplacedReason::ParagraphGone),
            };
        };
        if let Some(i) = old
            && self.paras[i].text.starts_with(head)
        {
            return self.whole(i, old_id);
        }
        let p0 = self.position_of(old_id);
        let nearest = |cands: &mut dyn Iterator<Item = usize>| {
            cands.min_by_key(|&i| match p0 {
                Some(p) => i.abs_diff(p),
                None => i,
            })
        };
        // Moved: the same head somewhere else (neighbours first, which also covers heads
        // shorter than CONTEXT_CHARS that grew).
        if let Some(p) = p0 {
            let lo = p.saturating_sub(NEAR);
            let hi = (p + NEAR + 1).min(self.paras.len());
            if let Some(i) =
                nearest(&mut (lo..hi).filter(|&i| self.paras[i].text.starts_with(head)))
            {
                return self.whole(i, old_id);
            }
        }
        if let Some(list) = self.heads.get(head)
            && let Some(i) = nearest(&mut list.iter().copied())
        {
            return self.whole(i, old_id);
        }
        // Edited in place: keep it if the beginning still looks alike.
        if let Some(i) = old
            && similarity(head, &head_of(self.paras[i].text)) >= MIN_HEAD_SIMILARITY
        {
            return self.whole(i, old_id);
        }
        unplaced(UnplacedReason::ParagraphGone)
    }

    fn whole(&self, i: usize, old_id: &str) -> Placement {
        let p = &self.paras[i];
        Placement::Text {
            paragraph_id: p.id.clone(),
            start: 0,
            end: p.text.chars().count(),
            moved: p.id != old_id,
        }
    }

    fn placed(&self, c: Cand, old_id: &str) -> Placement {
        let id = &self.paras[c.para].id;
        Placement::Text {
            paragraph_id: id.clone(),
            start: c.start,
            end: c.end,
            moved: id != old_id,
        }
    }

    /// The exact text at the stored offsets of paragraph `i`, if it is there.
    fn candidate_at(&self, i: usize, q: &TextQuote, pre: &[char], suf: &[char]) -> Option<Cand> {
        let text = self.paras.get(i)?.text;
        let byte = text.char_indices().nth(q.start).map(|(b, _)| b)?;
        if !text[byte..].starts_with(q.exact.as_str()) {
            return None;
        }
        self.score_at(i, text, byte, q, pre, suf)
    }

    fn candidates_in(&self, i: usize, q: &TextQuote, pre: &[char], suf: &[char]) -> Vec<Cand> {
        let text = self.paras[i].text;
        text.match_indices(q.exact.as_str())
            .filter_map(|(b, _)| self.score_at(i, text, b, q, pre, suf))
            .collect()
    }

    /// Scores an occurrence of `q.exact` at byte `byte` of paragraph `i`.
    fn score_at(
        &self,
        i: usize,
        text: &str,
        byte: usize,
        q: &TextQuote,
        pre: &[char],
        suf: &[char],
    ) -> Option<Cand> {
        let before = text.get(..byte)?;
        let after = text.get(byte + q.exact.len()..)?;
        let p = before
            .chars()
            .rev()
            .zip(pre.iter().rev())
            .take_while(|(a, b)| a == *b)
            .count();
        let s = after
            .chars()
            .zip(suf.iter())
            .take_while(|(a, b)| a == *b)
            .count();
        let start = before.chars().count();
        Some(Cand {
            para: i,
            start,
            end: start + q.exact.chars().count(),
            score: p + s,
        })
    }

    fn joined(&self) -> &Joined {
        self.all.get_or_init(|| {
            let mut text = String::new();
            let mut starts = Vec::with_capacity(self.paras.len());
            for p in &self.paras {
                starts.push(text.len());
                text.push_str(p.text);
                text.push(SEP);
            }
            let mut pairs: HashMap<(char, char), Vec<u32>> = HashMap::new();
            let mut prev: Option<(usize, char)> = None;
            for (b, c) in text.char_indices() {
                if let Some((pb, pc)) = prev
                    && pc != SEP
                    && c != SEP
                    && let Ok(pb) = u32::try_from(pb)
                {
                    pairs.entry((pc, c)).or_default().push(pb);
                }
                prev = Some((b, c));
            }
            Joined {
                text,
                starts,
                pairs,
            }
        })
    }
}

fn unplaced(reason: UnplacedReason) -> Placement {
    Placement::Unplaced { reason }
}

fn head_of(text: &str) -> String {
    text.chars().take(CONTEXT_CHARS).collect()
}

/// Dice coefficient over character bigrams: 1.0 for equal strings, 0.0 for nothing shared.
fn similarity(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let ga = grams(a);
    let mut gb = grams(b);
    if ga.is_empty() || gb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let total = ga.len() + gb.len();
    let mut shared = 0;
    for g in &ga {
        if let Some(pos) = gb.iter().position(|x| x == g) {
            gb.swap_remove(pos);
            shared += 1;
        }
    }
    (2 * shared) as f64 / total as f64
}

/// Places one note. For many notes build a [`SessionIndex`] once instead.
pub fn resolve(session: &Session, note: &Note) -> Placement {
    SessionIndex::new(session).resolve(note)
}

/// Every note's placement against one session, with the look-ups the views need.
#[derive(Clone, Debug, Default)]
pub struct Anchors {
    placements: HashMap<String, Placement>,
    /// Note ids by paragraph id, ordered by start offset.
    by_paragraph: HashMap<String, Vec<String>>,
    by_indicator: HashMap<String, Vec<String>>,
    by_stop: HashMap<String, Vec<String>>,
    /// Note ids that could not be placed, in file order.
    unplaced: Vec<String>,
    /// Note id → position in reading order.
    order: HashMap<String, (u8, usize, usize, usize)>,
}

impl Anchors {
    /// Places every note.
    pub fn compute(session: &Session, notes: &[Note]) -> Anchors {
        Anchors::compute_with(&SessionIndex::new(session), notes)
    }

    pub fn compute_with(index: &SessionIndex<'_>, notes: &[Note]) -> Anchors {
        let mut a = Anchors::default();
        let mut starts: HashMap<String, usize> = HashMap::new();
        for (k, note) in notes.iter().enumerate() {
            let p = index.resolve(note);
            let (g, x, y) = index.order_of(&p);
            a.order.insert(note.id.clone(), (g, x, y, k));
            match &p {
                Placement::Text {
                    paragraph_id,
                    start,
                    ..
                } => {
                    starts.insert(note.id.clone(), *start);
                    a.by_paragraph
                        .entry(paragraph_id.clone())
                        .or_default()
                        .push(note.id.clone());
                }
                Placement::Indicator { id } => {
                    a.by_indicator
                        .entry(id.clone())
                        .or_default()
                        .push(note.id.clone());
                }
                Placement::Stop { id } => {
                    a.by_stop
                        .entry(id.clone())
                        .or_default()
                        .push(note.id.clone());
                }
                Placement::Unplaced { .. } => a.unplaced.push(note.id.clone()),
            }
            a.placements.insert(note.id.clone(), p);
        }
        for ids in a.by_paragraph.values_mut() {
            ids.sort_by_key(|id| starts.get(id).copied().unwrap_or(0));
        }
        a
    }

    /// Where note `id` is; None for an id not given to [`Anchors::compute`].
    pub fn placement(&self, note_id: &str) -> Option<&Placement> {
        self.placements.get(note_id)
    }

    /// Notes shown beside paragraph `paragraph_id`, by position in it.
    pub fn in_paragraph(&self, paragraph_id: &str) -> &[String] {
        self.by_paragraph
            .get(paragraph_id)
            .map_or(&[], Vec::as_slice)
    }

    pub fn on_indicator(&self, id: &str) -> &[String] {
        self.by_indicator.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn on_stop(&self, id: &str) -> &[String] {
        self.by_stop.get(id).map_or(&[], Vec::as_slice)
    }

    /// Notes that could not be placed, in file order. They are kept, never dropped.
    pub fn unplaced(&self) -> &[String] {
        &self.unplaced
    }

    /// Sort key in document order: paragraphs in reading order (then by offset),
    /// indicators, stops, and finally the unplaced notes. Unknown ids sort last.
    pub fn order_key(&self, note_id: &str) -> (u8, usize, usize, usize) {
        self.order
            .get(note_id)
            .copied()
            .unwrap_or((u8::MAX, 0, 0, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_bounds() {
        assert!((similarity("加快推进乡村振兴", "加快推进乡村振兴") - 1.0).abs() < 1e-9);
        assert!(similarity("加快推进乡村振兴", "全面深化改革开放") < 0.1);
        assert!(similarity("加快推进乡村振兴战略", "加快推进乡村全面振兴战略") > 0.5);
    }
}
