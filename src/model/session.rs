//! The session file: one sitting of a people's congress, as a secretary writes it in RON.
//!
//! Field names are plain English so a file can be fixed by hand; everything the law gives a
//! default for (quorum, majority) may be left out. Ids are short slugs the author chooses;
//! paragraph ids are derived (`section-id.N`), so nobody numbers paragraphs by hand.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::election::Election;
use super::rules::Threshold;

/// A whole session file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Stable id of this session; notes and journals are keyed by it.
    pub id: String,
    pub congress: Congress,
    /// 实有代表: delegates seated, the base of quorum and majority.
    pub seats: u32,
    /// 开会法定人数. Default: at least two-thirds of the seated (Organic Law Art. 14 ¶4).
    #[serde(default = "Threshold::default_quorum")]
    pub quorum: Threshold,
    /// Delegates named in the file.
    #[serde(default)]
    pub roster: Vec<Delegate>,
    /// When set, the roster is filled up to `seats` with numbered placeholders
    /// ("代表 002", id "d002", …) for delegates the source does not name.
    #[serde(default)]
    pub fill_roster_with_placeholders: bool,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub motions: Vec<Motion>,
    /// Elections and project votes (see [`Election`]); ids share one namespace with motions.
    /// Not written when empty, so a session without elections is written as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elections: Vec<Election>,
    #[serde(default)]
    pub itinerary: Vec<Stop>,
    /// Look-ups by id, built once when the file is loaded (see [`Session::reindex`]).
    #[serde(skip)]
    pub(crate) index: Index,
}

/// Positions of everything addressed by id, so look-ups are O(1) at national scale
/// (300 sections, 300 indicators, 2,977 delegates) instead of a scan per call.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    sections: HashMap<String, (usize, usize)>,
    indicators: HashMap<String, usize>,
    motions: HashMap<String, usize>,
    elections: HashMap<String, usize>,
    documents: HashMap<String, usize>,
    delegates: HashMap<String, usize>,
    /// Decimals each indicator's value is written with in the file (9.90 → 2), by id.
    decimals: HashMap<String, u8>,
}

/// Derived data: two sessions are equal when their contents are.
impl PartialEq for Index {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Who is sitting, and when and where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Congress {
    /// e.g. "佛山市南海区九江镇人民代表大会".
    pub name: String,
    /// The full title of the sitting, e.g. "九江镇第三届人民代表大会第三次会议".
    pub title: String,
    /// 届: the term ordinal.
    pub term: u32,
    /// 次: the session ordinal within the term.
    pub session: u32,
    pub town: String,
    /// ISO date, "2017-09-21".
    pub date: String,
    #[serde(default)]
    pub venue: Option<String>,
    /// 主席团 or whoever presides; None where the source does not say.
    #[serde(default)]
    pub presiding_body: Option<String>,
    /// Where the facts in this file come from (article, publisher, date).
    #[serde(default)]
    pub source: Option<String>,
}

/// 代表小组: a delegation group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// One delegate on the roster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegate {
    pub id: String,
    /// None: the source does not name this delegate; shown as a numbered placeholder.
    #[serde(default)]
    pub name: Option<String>,
    /// Group id, if the file has groups.
    #[serde(default)]
    pub group: Option<String>,
    /// e.g. "主席团成员", "上东社区党委书记".
    #[serde(default)]
    pub roles: Vec<String>,
    /// Set on delegates created by `fill_roster_with_placeholders`; never written by hand.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub placeholder: bool,
}

impl Delegate {
    /// The name to show: the real name, or "代表 d002"-style placeholder text.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => format!("〔{}〕", self.id),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgendaKind {
    /// 开幕 / 闭幕 and other procedure.
    Procedure,
    /// A report delivered to the sitting (政府工作报告).
    Report,
    /// 审议: review or group discussion.
    Review,
    /// 表决: a vote.
    Vote,
    /// A speech (讲话, 传达).
    Speech,
    /// 视察: the inspection.
    Inspection,
    /// 选举: an election (or a 票决 of projects) held in the item.
    Election,
    Other,
}

/// One item of the agenda, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// As the source gives it ("下午", "09:00"); None when it does not.
    #[serde(default)]
    pub time: Option<String>,
    pub title: String,
    pub kind: AgendaKind,
    #[serde(default)]
    pub presenter: Option<String>,
    /// Id of a document this item presents.
    #[serde(default)]
    pub document: Option<String>,
    /// Id of a motion voted on in this item.
    #[serde(default)]
    pub motion: Option<String>,
    /// Id of an election held in this item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    /// 政府工作报告 and other formal reports.
    Report,
    /// A speech at the sitting.
    Speech,
    /// Remarks (e.g. a delegate or official interviewed during the inspection).
    Remarks,
    /// Background text (e.g. the article's own narrative).
    Background,
}

/// A text the delegates read: sections of paragraphs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub kind: DocumentKind,
    /// Who delivered it, e.g. "镇长 张厚祥".
    #[serde(default)]
    pub speaker: Option<String>,
    pub sections: Vec<Section>,
}

/// A section. Paragraph ids are `"{section id}.{n}"`, n counting from 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// 1 for a part heading, 2 for a section inside a part.
    #[serde(default = "default_level")]
    pub level: u8,
    #[serde(default)]
    pub paragraphs: Vec<String>,
}

fn default_level() -> u8 {
    1
}

impl Section {
    pub fn paragraph_id(&self, index: usize) -> String {
        format!("{}.{}", self.id, index + 1)
    }
}

/// How an indicator is best shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IndicatorKind {
    /// Money or size (亿元, 万元, 亩): bars, with last year's value derived from `yoy`.
    Amount,
    /// A percentage of completion or success, 0–100.
    Rate,
    /// A count of things or people (个, 条, 名).
    Count,
}

/// Words the source puts around a number: "近7000万元", "约1500万元", "超1000亩", "600多亩".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Qualifier {
    /// 约
    About,
    /// 近
    Nearly,
    /// 超 / 多 / 以上
    MoreThan,
}

/// A rate stated together with its parts: `part` of `whole`, both indicator ids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parts {
    pub part: String,
    pub whole: String,
}

/// A number from the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// Free text used for grouping ("经济", "城市", "生态", "治理", …).
    pub category: String,
    pub kind: IndicatorKind,
    pub value: f64,
    /// "亿元", "%", "个", …
    pub unit: String,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// "2017年1-8月", "截至2017年8月31日".
    #[serde(default)]
    pub period: Option<String>,
    /// Year-on-year change in percent, as stated (8.7 for +8.7%).
    #[serde(default)]
    pub yoy: Option<f64>,
    /// For a rate: the indicators it is computed from.
    #[serde(default)]
    pub parts: Option<Parts>,
    /// Paragraph id the number comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// A planned value (力争, 预计, 目标 …), not a result.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub target: bool,
    /// Id of the indicator this one grows from: the same measure for the period before
    /// (last year's result beside this year's target). With `yoy`, `check` compares them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// 表决方式.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VotingMethod {
    /// 举手表决: only totals are known.
    ShowOfHands,
    /// 记名表决: one recorded choice per delegate.
    RollCall,
    /// 无记名投票: totals, plus invalid ballots.
    SecretBallot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatedResult {
    Passed,
    NotPassed,
}

/// What the source says happened, when it says so. Counts stay None unless stated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedOutcome {
    pub result: StatedResult,
    #[serde(default)]
    pub yes: Option<u32>,
    #[serde(default)]
    pub no: Option<u32>,
    #[serde(default)]
    pub abstain: Option<u32>,
    /// Where the source says it.
    #[serde(default)]
    pub source: Option<String>,
}

/// 议案: something the sitting votes on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Motion {
    pub id: String,
    pub title: String,
    pub method: VotingMethod,
    /// Default: more than half of all seated delegates (Organic Law Art. 25).
    #[serde(default = "Threshold::default_majority")]
    pub rule: Threshold,
    /// Document this motion approves, if any.
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub outcome: Option<StatedOutcome>,
}

/// One stop of the inspection, in visiting order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    pub id: String,
    /// The project inspected.
    pub project: String,
    pub place: String,
    /// As the source gives it ("下午"); never invented.
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    /// Plain-sentence facts about the project.
    #[serde(default)]
    pub facts: Vec<String>,
    /// Indicator ids whose numbers belong to this stop.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Paragraph ids that concern this stop.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// (longitude, latitude), when known.
    #[serde(default)]
    pub coords: Option<(f64, f64)>,
}

/// Where a paragraph sits: used to map ids back to text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParagraphRef {
    pub document: usize,
    pub section: usize,
    pub paragraph: usize,
}

impl Session {
    /// Every paragraph with its id, in reading order.
    pub fn paragraphs(&self) -> impl Iterator<Item = (String, ParagraphRef, &str)> + '_ {
        self.documents.iter().enumerate().flat_map(|(d, doc)| {
            doc.sections.iter().enumerate().flat_map(move |(s, sec)| {
                sec.paragraphs.iter().enumerate().map(move |(p, text)| {
                    (
                        sec.paragraph_id(p),
                        ParagraphRef {
                            document: d,
                            section: s,
                            paragraph: p,
                        },
                        text.as_str(),
                    )
                })
            })
        })
    }

    /// Finds a paragraph by id (`section.N`).
    pub fn find_paragraph(&self, id: &str) -> Option<(ParagraphRef, &str)> {
        let (sec_id, n) = id.rsplit_once('.')?;
        let n: usize = n.parse().ok()?;
        let (d, s) = self.section_position(sec_id)?;
        let text = self.documents[d].sections[s]
            .paragraphs
            .get(n.checked_sub(1)?)?;
        Some((
            ParagraphRef {
                document: d,
                section: s,
                paragraph: n - 1,
            },
            text.as_str(),
        ))
    }

    /// (document, section) of the section with this id.
    fn section_position(&self, sec_id: &str) -> Option<(usize, usize)> {
        if let Some(&(d, s)) = self.index.sections.get(sec_id)
            && self
                .documents
                .get(d)
                .and_then(|doc| doc.sections.get(s))
                .is_some_and(|sec| sec.id == sec_id)
        {
            return Some((d, s));
        }
        self.documents.iter().enumerate().find_map(|(d, doc)| {
            doc.sections
                .iter()
                .position(|sec| sec.id == sec_id)
                .map(|s| (d, s))
        })
    }

    pub fn delegate(&self, id: &str) -> Option<&Delegate> {
        lookup(&self.index.delegates, &self.roster, id, |x| &x.id)
    }

    pub fn motion(&self, id: &str) -> Option<&Motion> {
        lookup(&self.index.motions, &self.motions, id, |x| &x.id)
    }

    pub fn election(&self, id: &str) -> Option<&Election> {
        lookup(&self.index.elections, &self.elections, id, |x| &x.id)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        lookup(&self.index.indicators, &self.indicators, id, |x| &x.id)
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        lookup(&self.index.documents, &self.documents, id, |x| &x.id)
    }

    /// Rebuilds the id look-ups (loading does this). The index is only a hint: a hit is
    /// checked against the item's id and a miss falls back to a scan, so a session changed
    /// in memory after loading still answers correctly, just slower until reindexed.
    /// The first of duplicate ids wins, as with a scan.
    pub fn reindex(&mut self) {
        let mut ix = Index {
            decimals: std::mem::take(&mut self.index.decimals),
            ..Index::default()
        };
        for (d, doc) in self.documents.iter().enumerate() {
            ix.documents.entry(doc.id.clone()).or_insert(d);
            for (s, sec) in doc.sections.iter().enumerate() {
                ix.sections.entry(sec.id.clone()).or_insert((d, s));
            }
        }
        for (i, x) in self.indicators.iter().enumerate() {
            ix.indicators.entry(x.id.clone()).or_insert(i);
        }
        for (i, x) in self.motions.iter().enumerate() {
            ix.motions.entry(x.id.clone()).or_insert(i);
        }
        for (i, x) in self.elections.iter().enumerate() {
            ix.elections.entry(x.id.clone()).or_insert(i);
        }
        for (i, x) in self.roster.iter().enumerate() {
            ix.delegates.entry(x.id.clone()).or_insert(i);
        }
        self.index = ix;
    }

    /// Remembers how many decimals each indicator's value is written with in `source` (the
    /// text this session was parsed from), so 9.90亿元 is shown as written, not as 9.9.
    ///
    /// serde only hands over the number, so this reads the `value:` tokens of the text. It is
    /// all or nothing: unless there is exactly one token per indicator, in order, each equal
    /// to its indicator's value, nothing is remembered and values print in shortest form.
    pub(crate) fn remember_written_decimals(&mut self, source: &str) {
        let tokens = value_tokens(source);
        if tokens.len() != self.indicators.len() {
            return;
        }
        let mut out = HashMap::new();
        for (ind, tok) in self.indicators.iter().zip(&tokens) {
            let clean = tok.replace('_', "");
            if clean.parse::<f64>().ok() != Some(ind.value) {
                return;
            }
            if let Some((_, frac)) = clean.split_once('.')
                && !frac.contains(['e', 'E'])
                && let Ok(d) = u8::try_from(frac.len())
            {
                out.insert(ind.id.clone(), d);
            }
        }
        self.index.decimals = out;
    }

    /// An indicator's value as the file writes it (9.90), else in shortest form without an
    /// exponent (189.25, 112120).
    pub fn value_text(&self, ind: &Indicator) -> String {
        match self.index.decimals.get(&ind.id) {
            Some(&d)
                if format!("{:.*}", usize::from(d), ind.value)
                    .parse::<f64>()
                    .ok()
                    == Some(ind.value) =>
            {
                format!("{:.*}", usize::from(d), ind.value)
            }
            _ => super::validate::fmt_num(ind.value),
        }
    }

    /// The part of the session a vote journal is read against (who sits, the motions,
    /// the elections and their rules), without the report, indicators and itinerary: what a worker thread
    /// reading a big journal is given, for a fraction of the cost of a whole copy.
    pub fn votes_part(&self) -> Session {
        let mut part = Session {
            id: self.id.clone(),
            congress: self.congress.clone(),
            seats: self.seats,
            quorum: self.quorum,
            roster: self.roster.clone(),
            fill_roster_with_placeholders: self.fill_roster_with_placeholders,
            groups: self.groups.clone(),
            agenda: Vec::new(),
            documents: Vec::new(),
            indicators: Vec::new(),
            motions: self.motions.clone(),
            elections: self.elections.clone(),
            itinerary: Vec::new(),
            index: Index::default(),
        };
        part.reindex();
        part
    }

    /// Decimals the file writes an indicator's value with, when known (for spreadsheets).
    pub fn written_decimals(&self, ind: &Indicator) -> Option<u8> {
        self.index.decimals.get(&ind.id).copied()
    }

    /// Fills the roster up to `seats` with numbered placeholders, when the file asks for it.
    /// Placeholder ids are `d001`, `d002`, … skipping ids already taken.
    pub(crate) fn fill_placeholders(&mut self) {
        if !self.fill_roster_with_placeholders {
            return;
        }
        // One set of the ids taken, so the fill is linear in the seats (`seats` is bounded
        // by validation: see MAX_SEATS).
        let taken: std::collections::HashSet<String> =
            self.roster.iter().map(|d| d.id.clone()).collect();
        let want = usize::try_from(self.seats).unwrap_or(usize::MAX);
        self.roster.reserve(want.saturating_sub(self.roster.len()));
        let mut n = 0u32;
        while self.roster.len() < want {
            n += 1;
            let id = format!("d{n:03}");
            if taken.contains(&id) {
                continue;
            }
            self.roster.push(Delegate {
                id,
                name: None,
                group: None,
                roles: Vec::new(),
                placeholder: true,
            });
        }
    }
}

/// The item with `id`: through the index when it points at the right item, else by scan.
fn lookup<'a, T>(
    index: &HashMap<String, usize>,
    items: &'a [T],
    id: &str,
    id_of: impl Fn(&T) -> &String,
) -> Option<&'a T> {
    if let Some(&i) = index.get(id)
        && let Some(x) = items.get(i)
        && id_of(x) == id
    {
        return Some(x);
    }
    items.iter().find(|x| id_of(x) == id)
}

/// The number after each `value:` field in RON text, in order. Only indicators have a field
/// named `value`; a `value:` inside a string or comment would break the one-to-one match,
/// which the caller detects.
fn value_tokens(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // memmem (SIMD) rather than `match_indices`: a national file is 2.6 MB and this search
    // runs over all of it on every load.
    for at in memchr::memmem::find_iter(source.as_bytes(), b"value") {
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = source[at + 5..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E' | '_')))
            .unwrap_or(rest.len());
        if end > 0 {
            out.push(&rest[..end]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn the_votes_part_reads_a_journal_as_the_whole_session_does() {
        let s = crate::model::load_bundled(Lang::Zh).unwrap().session;
        let part = s.votes_part();
        assert!(part.documents.is_empty() && part.indicators.is_empty());
        // A journal is checked against the session's fingerprint and replayed into a tally.
        assert_eq!(
            crate::journal::fingerprint(&part),
            crate::journal::fingerprint(&s)
        );
        assert_eq!(part.roster, s.roster);
        assert_eq!(part.motions, s.motions);
        let id = &s.roster[0].id;
        assert_eq!(part.delegate(id).map(|d| &d.id), Some(id));
    }

    #[test]
    fn values_print_as_the_file_writes_them() {
        let s = crate::model::load_bundled(Lang::Zh).unwrap().session;
        let tax = s.indicator("tax-revenue").unwrap();
        assert_eq!(tax.value, 9.9);
        assert_eq!(s.value_text(tax), "9.90");
        let out = s.indicator("industrial-output").unwrap();
        assert_eq!(s.value_text(out), "189.25");
        // A value changed in memory no longer claims the written form.
        let mut changed = tax.clone();
        changed.value = 9.953;
        assert_eq!(s.value_text(&changed), "9.953");
    }

    #[test]
    fn a_value_inside_a_string_disables_written_decimals_rather_than_misaligning() {
        assert_eq!(
            super::value_tokens("Indicator(value: 9.90), \"x\", value:1"),
            vec!["9.90", "1"]
        );
        assert!(super::value_tokens("myvalue: 3").is_empty());
    }

    #[test]
    fn lookups_stay_right_when_a_loaded_session_is_changed_in_memory() {
        let mut s = crate::model::load_bundled(Lang::Zh).unwrap().session;
        let first = s.indicators[0].id.clone();
        assert!(s.indicator(&first).is_some());
        assert!(s.find_paragraph("industry.1").is_some());
        // Reorder and rename without reindexing: hits are checked, misses scan.
        s.indicators.reverse();
        assert_eq!(s.indicator(&first).map(|i| &i.id), Some(&first));
        s.documents.reverse();
        let (at, _) = s.find_paragraph("industry.1").unwrap();
        assert_eq!(s.documents[at.document].sections[at.section].id, "industry");
        s.indicators[0].id = "renamed".into();
        assert!(s.indicator("renamed").is_some());
        assert!(s.indicator("no-such").is_none());
        s.reindex();
        assert!(s.indicator("renamed").is_some());
    }
}
