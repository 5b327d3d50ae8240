//! The summary as a document: parts of headings, paragraphs, field lists and tables, in the
//! reader's language. Markdown, HTML and PDF each render this one outline, so the three
//! formats say the same thing in the same order.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::i18n::{Label, Lang, tr, trf};

use super::summary::{ElectionBlock, RollCallRow, SummaryData};
use super::tables::{self, Table};

/// A whole summary document. It borrows the roll-call rows of the summary it is built from
/// rather than copying 178,620 of them at national scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc<'a> {
    pub lang: Lang,
    pub title: String,
    /// "会议纪要" / "Session summary".
    pub subtitle: String,
    /// Lines for the title page under the title (congress, date, venue).
    pub cover: Vec<String>,
    /// The generation time, only when asked for.
    pub stamp: Option<String>,
    pub parts: Vec<Part<'a>>,
}

/// A part starts a new page in print.
#[derive(Clone, Debug, PartialEq)]
pub struct Part<'a> {
    /// ASCII anchor, e.g. "votes".
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block<'a> {
    /// A heading inside a part.
    Heading(String),
    Para(String),
    /// Label/value pairs.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    /// Text to copy exactly (the chain hash).
    Code(String),
    Table(Table<'a>),
    /// A picture of the data; HTML draws it, the other formats already have the table.
    Chart(Chart),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    /// One stacked bar per motion with counts: (title, yes, no, abstain, required).
    Votes {
        title: String,
        legend: [String; 3],
        rows: Vec<(String, u32, u32, u32, Option<u32>)>,
    },
    /// Year-on-year change per indicator, in percent.
    Yoy {
        title: String,
        rows: Vec<(String, f64)>,
    },
}

fn t(lang: Lang, key: &str) -> String {
    tr(lang, key).into_owned()
}

/// Builds the document. Linear in the size of the summary.
pub fn build<'a>(d: &'a SummaryData, lang: Lang, stamp: Option<&str>) -> Doc<'a> {
    let h = &d.header;
    let mut cover = vec![h.congress.clone(), h.date.clone()];
    if let Some(v) = &h.venue {
        cover.push(v.clone());
    }
    let mut parts = vec![
        overview(d, lang),
        attendance(d, lang),
        votes(d, lang),
        indicators(d, lang),
        itinerary(d, lang),
    ];
    if !d.notes.is_empty() {
        parts.push(notes(d, lang));
    }
    parts.push(verification(d, lang));
    Doc {
        lang,
        title: h.title.clone(),
        subtitle: t(lang, "export.subtitle"),
        cover,
        stamp: stamp.map(|s| trf(lang, "export.generated_at", &[("time", s)])),
        parts,
    }
}

fn overview(d: &SummaryData, lang: Lang) -> Part<'_> {
    let mut blocks = vec![Block::Fields(tables::header_fields(d, lang))];
    blocks.push(Block::Heading(t(lang, "export.table.agenda")));
    if d.agenda.is_empty() {
        blocks.push(Block::Para(t(lang, "export.empty.agenda")));
    } else {
        blocks.push(Block::Table(tables::agenda_table(d, lang)));
    }
    Part {
        id: "overview",
        title: t(lang, "export.part.overview"),
        blocks,
    }
}

fn attendance(d: &SummaryData, lang: Lang) -> Part<'_> {
    let mut blocks = Vec::new();
    if d.attendance.present.is_none() {
        blocks.push(Block::Para(t(lang, "export.att.none")));
    }
    blocks.push(Block::Table(tables::attendance_table(d, lang)));
    Part {
        id: "attendance",
        title: t(lang, "export.part.attendance"),
        blocks,
    }
}

fn votes(d: &SummaryData, lang: Lang) -> Part<'_> {
    let mut blocks = Vec::new();
    if d.motions.is_empty() {
        blocks.push(Block::Para(t(lang, "export.empty.motions")));
    } else {
        if d.chain_hash.is_none() {
            blocks.push(Block::Para(t(lang, "export.votes.no_journal")));
        }
        blocks.push(Block::Table(tables::votes_table(d, lang)));
        let rows: Vec<_> = d
            .motions
            .iter()
            .filter_map(|m| Some((m.title.clone(), m.yes?, m.no?, m.abstain?, m.required)))
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Chart(Chart::Votes {
                title: t(lang, "export.chart.votes"),
                legend: [
                    t(lang, "export.col.yes"),
                    t(lang, "export.col.vote_no"),
                    t(lang, "export.col.abstain"),
                ],
                rows,
            }));
        }
    }
    // One pass buckets the roll calls by motion, so a national roll call stays linear.
    let mut by_motion: FxHashMap<&str, Vec<&RollCallRow>> = FxHashMap::default();
    for r in &d.roll_calls {
        by_motion.entry(r.motion_id.as_str()).or_default().push(r);
    }
    for m in &d.motions {
        if let Some(rows) = by_motion.remove(m.id.as_str()) {
            blocks.push(Block::Heading(trf(
                lang,
                "export.votes.roll_call_of",
                &[("motion", &m.title)],
            )));
            blocks.push(Block::Table(tables::roll_call_table(lang, rows, false)));
        }
    }
    for e in &d.elections {
        elections(e, lang, &mut blocks);
    }
    Part {
        id: "votes",
        title: t(lang, "export.part.votes"),
        blocks,
    }
}

/// 核验: what a reader needs to check the handout against the journal — the session's
/// code, the chain hash and the head code — short, at the end, out of the handout's way.
fn verification(d: &SummaryData, lang: Lang) -> Part<'_> {
    let mut blocks = vec![Block::Fields(vec![(
        t(lang, "export.field.session_id"),
        d.header.session_id.clone(),
    )])];
    match &d.chain_hash {
        Some(hash) => {
            let n = d.journal_records.unwrap_or(0).to_string();
            blocks.push(Block::Para(trf(
                lang,
                "export.votes.chain_intro",
                &[("records", &n)],
            )));
            blocks.push(Block::Code(hash.clone()));
            if let Some(code) = &d.head_code {
                blocks.push(Block::Para(trf(
                    lang,
                    "export.votes.head_code",
                    &[("code", code)],
                )));
            }
            blocks.push(Block::Para(t(lang, "export.votes.chain_check")));
        }
        None => blocks.push(Block::Para(t(lang, "export.votes.chain_none"))),
    }
    Part {
        id: "verification",
        title: t(lang, "export.part.verification"),
        blocks,
    }
}

/// One election: its heading, who is elected and what comes next, then its rounds.
fn elections<'a>(e: &'a ElectionBlock, lang: Lang, blocks: &mut Vec<Block<'a>>) {
    let r = &e.report;
    blocks.push(Block::Heading(trf(
        lang,
        "export.election.heading",
        &[
            ("office", &r.office),
            ("post", &r.post.label(lang)),
            ("seats", &r.seats.to_string()),
        ],
    )));
    if !r.rounds.is_empty() {
        let sep = tr(lang, "election.cli.list_sep");
        let names = if r.elected.is_empty() {
            t(lang, "election.cli.nobody")
        } else {
            r.elected.join(sep.as_ref())
        };
        let key = if r.post == crate::model::Post::Project {
            "election.ui.chosen_all"
        } else {
            "election.ui.elected_all"
        };
        blocks.push(Block::Para(trf(lang, key, &[("names", &names)])));
    }
    blocks.push(Block::Para(trf(
        lang,
        "election.ui.next",
        &[("next", &e.next)],
    )));
    blocks.push(Block::Table(tables::elections_table(lang, vec![e], false)));
}

fn indicators(d: &SummaryData, lang: Lang) -> Part<'_> {
    let mut blocks = Vec::new();
    if d.indicators.is_empty() {
        blocks.push(Block::Para(t(lang, "export.empty.indicators")));
    } else {
        blocks.push(Block::Table(tables::indicators_table(d, lang)));
        let yoy: Vec<_> = d
            .indicators
            .iter()
            .filter_map(|i| Some((i.name.clone(), i.yoy?)))
            .collect();
        if !yoy.is_empty() {
            blocks.push(Block::Chart(Chart::Yoy {
                title: t(lang, "export.chart.yoy"),
                rows: yoy,
            }));
        }
    }
    Part {
        id: "indicators",
        title: t(lang, "export.part.indicators"),
        blocks,
    }
}

fn itinerary(d: &SummaryData, lang: Lang) -> Part<'_> {
    let mut blocks = Vec::new();
    if d.itinerary.is_empty() {
        blocks.push(Block::Para(t(lang, "export.empty.itinerary")));
    }
    for (i, s) in d.itinerary.iter().enumerate() {
        blocks.push(Block::Heading(trf(
            lang,
            "export.stop.heading",
            &[("n", &(i + 1).to_string()), ("project", &s.project)],
        )));
        let mut fields = vec![(t(lang, "export.col.place"), s.place.clone())];
        if let Some(time) = &s.time {
            fields.push((t(lang, "export.col.time"), time.clone()));
        }
        if let Some(host) = &s.host {
            fields.push((t(lang, "export.col.host"), host.clone()));
        }
        blocks.push(Block::Fields(fields));
        if !s.facts.is_empty() {
            blocks.push(Block::Bullets(s.facts.clone()));
        }
        if !s.figures.is_empty() {
            blocks.push(Block::Para(t(lang, "export.stop.figures")));
            blocks.push(Block::Bullets(
                s.figures
                    .iter()
                    .map(|f| tables::figure_text(lang, f))
                    .collect(),
            ));
        }
    }
    Part {
        id: "itinerary",
        title: t(lang, "export.part.itinerary"),
        blocks,
    }
}

/// Notes grouped by where they sit, groups in order of first appearance.
fn notes(d: &SummaryData, lang: Lang) -> Part<'_> {
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<String>> = HashMap::new();
    for n in &d.notes {
        let mut line = format!("【{}】", n.kind);
        if let Some(q) = &n.quote {
            line.push_str(&format!("「{q}」 "));
        }
        line.push_str(&n.text);
        if !n.author.is_empty() {
            line.push_str(&format!(" —— {}", n.author));
        }
        groups
            .entry(n.place.as_str())
            .or_insert_with(|| {
                order.push(n.place.as_str());
                Vec::new()
            })
            .push(line);
    }
    let mut blocks = vec![Block::Para(trf(
        lang,
        "export.notes.intro",
        &[("n", &d.notes.len().to_string())],
    ))];
    for place in order {
        blocks.push(Block::Heading(place.to_string()));
        blocks.push(Block::Bullets(groups.remove(place).unwrap_or_default()));
    }
    Part {
        id: "notes",
        title: t(lang, "export.part.notes"),
        blocks,
    }
}
