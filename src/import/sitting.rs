//! Assembling a sitting from what the files say and what the secretary types: documents from
//! the reports, the roster from the spreadsheet, proposed indicators from the report's
//! numbers, and a comment for every item saying where it came from.
//!
//! Nothing is invented. Fields no file and no option gives stay empty; where the session
//! format needs something (the congress's name, the term and session ordinals) it is read
//! from the title the secretary typed, or left at a value `check` accepts and the comment
//! says to fill it in.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ImportError;
use super::docx::{Block, Origin, read_docx};
use super::headings::{
    Numbering, is_caption_style, is_title_style, numbering, numbering_levels, style_level,
};
use super::numbers::{Found, find_numbers};
use super::roster::{Column, read_roster};
use crate::i18n::{Lang, tr, trf};
use crate::model::{
    AgendaItem, AgendaKind, Congress, Delegate, Document, DocumentKind, Group, Indicator, Section,
    Session, Threshold,
};

/// What the secretary gives: files and the facts no file holds.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub reports: Vec<PathBuf>,
    pub roster: Option<PathBuf>,
    pub sheet: Option<String>,
    pub title: String,
    /// ISO date, "2017-09-21".
    pub date: String,
    pub seats: u32,
    pub congress: Option<String>,
    pub town: Option<String>,
    pub venue: Option<String>,
    pub presiding_body: Option<String>,
    pub term: Option<u32>,
    pub session: Option<u32>,
    /// The session's id (the command line uses the output file's name).
    pub id: String,
    /// Put the proposed indicators into the session instead of leaving them commented out
    /// for review.
    pub accept_indicators: bool,
    /// Language of the comments written into the file.
    pub lang: Lang,
    /// The facts were typed in the window rather than given as options: the file's comments
    /// say so.
    pub from_window: bool,
}

/// An indicator found in a report, with how it is printed and where it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub indicator: Indicator,
    /// The value as printed ("9.90"), so the file keeps its decimals.
    pub value_text: String,
    pub yoy_text: Option<String>,
    /// The words it was read from and the file and paragraph.
    pub comment: String,
}

/// Where each item of the session came from, as comments for the file, index for index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comments {
    /// Comments on the congress's fields, by field name.
    pub congress: Vec<(&'static str, String)>,
    pub seats: String,
    pub documents: Vec<String>,
    pub sections: Vec<Vec<String>>,
    pub paragraphs: Vec<Vec<Vec<String>>>,
    pub roster: Vec<String>,
    pub groups: Vec<String>,
    pub agenda: Vec<String>,
    pub elections: Vec<String>,
    pub itinerary: Vec<String>,
}

/// A prepared sitting: the session, the proposals and what was left out.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub session: Session,
    pub proposals: Vec<Proposal>,
    /// Whether the proposals are in `session.indicators` (else written commented out).
    pub accepted: bool,
    /// After a review in the window: how many numbers were kept and how many dropped.
    pub reviewed: Option<(usize, usize)>,
    pub comments: Comments,
    /// What was left out or decided, one line each (for the file's head and the terminal).
    pub notes: Vec<String>,
    /// The files read, for the file's head.
    pub sources: Vec<String>,
    pub lang: Lang,
    /// Typed in the window rather than given as options (see [`Request::from_window`]).
    pub from_window: bool,
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn origin_text(lang: Lang, file: &str, o: Origin) -> String {
    match o {
        Origin::Paragraph(n) => trf(
            lang,
            "import.src.paragraph",
            &[("file", file), ("n", &n.to_string())],
        ),
        Origin::TableRow { table, row } => trf(
            lang,
            "import.src.table_row",
            &[
                ("file", file),
                ("table", &table.to_string()),
                ("n", &row.to_string()),
            ],
        ),
    }
}

/// Reads the files and builds the sitting.
pub fn prepare(req: &Request) -> Result<Prepared, ImportError> {
    let lang = req.lang;
    let mut notes = Vec::new();
    let mut sources = Vec::new();
    let mut comments = Comments::default();
    let year: Option<i32> = req.date.get(..4).and_then(|y| y.parse().ok());
    let given = if req.from_window {
        "import.src.typed"
    } else {
        "import.src.option"
    };

    // Documents.
    let mut documents = Vec::new();
    let mut found: Vec<(Found, String, String, String)> = Vec::new();
    for (k, path) in req.reports.iter().enumerate() {
        let name = path.display().to_string();
        let file = file_name(path);
        let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
            path: name.clone(),
            source,
        })?;
        let text = read_docx(&name, &bytes)?;
        sources.push(file.clone());
        let doc_id = format!("r{}", k + 1);
        let mut blocks: Vec<&Block> = text.blocks.iter().collect();
        // The title: a paragraph in Word's Title style, else the document properties, else
        // the file's name.
        let title_at = blocks
            .iter()
            .position(|b| is_title_style(b.style.as_deref()));
        let (title, title_src) = match title_at {
            Some(i) => {
                let b = blocks.remove(i);
                (b.text.clone(), origin_text(lang, &file, b.origin))
            }
            None => match &text.title {
                Some(t) => (
                    t.clone(),
                    trf(lang, "import.src.properties", &[("file", &file)]),
                ),
                None => (
                    path.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| file.clone()),
                    trf(lang, "import.src.file_name", &[("file", &file)]),
                ),
            },
        };
        let captions = blocks
            .iter()
            .filter(|b| is_caption_style(b.style.as_deref()))
            .count();
        blocks.retain(|b| !is_caption_style(b.style.as_deref()));
        if text.images > 0 || captions > 0 {
            notes.push(trf(
                lang,
                "import.note.images",
                &[
                    ("file", &file),
                    ("images", &text.images.to_string()),
                    ("captions", &captions.to_string()),
                ],
            ));
        }
        if text.has_headers_or_footers {
            notes.push(trf(lang, "import.note.headers", &[("file", &file)]));
        }
        if text.has_notes_or_comments {
            notes.push(trf(lang, "import.note.footnotes", &[("file", &file)]));
        }

        let levels = heading_levels(&blocks);
        if levels.iter().any(|l| l.is_some_and(|(_, deep)| deep)) {
            notes.push(trf(lang, "import.note.deep_headings", &[("file", &file)]));
        }
        let mut sections: Vec<Section> = Vec::new();
        let mut sec_src: Vec<String> = Vec::new();
        let mut par_src: Vec<Vec<String>> = Vec::new();
        let mut origins: Vec<Vec<Origin>> = Vec::new();
        for (b, level) in blocks.iter().zip(&levels) {
            if let Some((level, _)) = level {
                sections.push(Section {
                    id: format!("{doc_id}-s{}", sections.len() + 1),
                    title: b.text.clone(),
                    level: *level,
                    paragraphs: Vec::new(),
                });
                sec_src.push(origin_text(lang, &file, b.origin));
                par_src.push(Vec::new());
                origins.push(Vec::new());
                continue;
            }
            if sections.is_empty() {
                // Text before the first heading: a section under the document's title.
                sections.push(Section {
                    id: format!("{doc_id}-s1"),
                    title: title.clone(),
                    level: 1,
                    paragraphs: Vec::new(),
                });
                sec_src.push(tr(lang, "import.src.before_headings").into_owned());
                par_src.push(Vec::new());
                origins.push(Vec::new());
            }
            let n = sections.len() - 1;
            sections[n].paragraphs.push(b.text.clone());
            par_src[n].push(origin_text(lang, &file, b.origin));
            origins[n].push(b.origin);
        }
        // Numbers, with the top-level section they stand under as their category.
        let mut category = title.clone();
        for (si, sec) in sections.iter().enumerate() {
            if sec.level == 1 {
                category = sec.title.clone();
            }
            for (pi, p) in sec.paragraphs.iter().enumerate() {
                for f in find_numbers(p, year) {
                    let at = origin_text(lang, &file, origins[si][pi]);
                    found.push((f, sec.paragraph_id(pi), category.clone(), at));
                }
            }
        }
        comments.documents.push(title_src);
        comments.sections.push(sec_src);
        comments.paragraphs.push(par_src);
        documents.push(Document {
            id: doc_id,
            title,
            kind: DocumentKind::Report,
            speaker: None,
            sections,
        });
    }

    // Roster.
    let mut roster = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    if let Some(path) = &req.roster {
        let file = file_name(path);
        let r = read_roster(path, req.sheet.as_deref())?;
        sources.push(match &r.sheet {
            Some(s) => format!("{file} [{s}]"),
            None => file.clone(),
        });
        let used: Vec<String> = r
            .columns
            .iter()
            .map(|(kind, header, col)| {
                let what = match kind {
                    Column::Name => "import.col.name",
                    Column::Group => "import.col.group",
                    Column::Role => "import.col.role",
                    Column::Gender => "import.col.gender",
                };
                trf(lang, what, &[("header", header), ("n", &col.to_string())])
            })
            .collect();
        notes.push(trf(
            lang,
            "import.note.columns",
            &[("file", &file), ("columns", &used.join("; "))],
        ));
        if let Some(enc) = r.encoding {
            notes.push(trf(
                lang,
                "import.note.encoding",
                &[("file", &file), ("encoding", enc)],
            ));
        }
        if !r.nameless_rows.is_empty() {
            let rows: Vec<String> = r.nameless_rows.iter().map(|n| n.to_string()).collect();
            notes.push(trf(
                lang,
                "import.note.nameless",
                &[("file", &file), ("rows", &rows.join(", "))],
            ));
        }
        for (name, rows) in &r.duplicates {
            let rows: Vec<String> = rows.iter().map(|n| n.to_string()).collect();
            notes.push(trf(
                lang,
                "import.note.duplicate",
                &[("file", &file), ("name", name), ("rows", &rows.join(", "))],
            ));
        }
        if r.rows.len() as u64 > u64::from(req.seats) {
            return Err(ImportError::RosterExceedsSeats {
                path: path.display().to_string(),
                roster: r.rows.len(),
                seats: req.seats,
            });
        }
        for row in &r.rows {
            let group =
                row.group
                    .as_ref()
                    .map(|g| match groups.iter().position(|x| &x.name == g) {
                        Some(i) => groups[i].id.clone(),
                        None => {
                            let id = format!("g{}", groups.len() + 1);
                            groups.push(Group {
                                id: id.clone(),
                                name: g.clone(),
                            });
                            comments.groups.push(trf(
                                lang,
                                "import.src.row",
                                &[("file", &file), ("n", &row.row.to_string())],
                            ));
                            id
                        }
                    });
            // Ids by position: two delegates of the same name get distinct ids.
            roster.push(Delegate {
                id: format!("d{:03}", roster.len() + 1),
                name: Some(row.name.clone()),
                group,
                roles: row.roles.clone(),
                placeholder: false,
            });
            comments.roster.push(trf(
                lang,
                "import.src.row",
                &[("file", &file), ("n", &row.row.to_string())],
            ));
        }
    }
    let fill = (roster.len() as u64) < u64::from(req.seats);
    if fill {
        notes.push(trf(
            lang,
            "import.note.placeholders",
            &[
                ("roster", &roster.len().to_string()),
                ("seats", &req.seats.to_string()),
            ],
        ));
    }

    // Indicators.
    let mut proposals = Vec::new();
    for (k, (f, source, category, at)) in found.into_iter().enumerate() {
        let mut comment = format!("“{}” — {at}", f.quote);
        if f.target {
            comment.push_str(&tr(lang, "import.src.target"));
        }
        proposals.push(Proposal {
            indicator: Indicator {
                id: format!("i{:03}", k + 1),
                name: f.name.clone(),
                category,
                kind: f.kind,
                value: f.value,
                unit: f.unit.clone(),
                qualifier: f.qualifier,
                period: f.period.clone(),
                yoy: f.yoy,
                parts: None,
                source: Some(source),
                target: f.target,
                basis: None,
            },
            value_text: f.value_text.clone(),
            yoy_text: f.yoy_text.clone(),
            comment,
        });
    }
    link_bases(&mut proposals);

    // Congress: what the options say, and what the title says.
    let (term, term_src) = match req.term {
        Some(t) => (t, tr(lang, given).into_owned()),
        None => match ordinal_in(&req.title, "届") {
            Some(t) => (t, tr(lang, "import.src.from_title").into_owned()),
            None => (0, tr(lang, "import.src.unknown_ordinal").into_owned()),
        },
    };
    let (session_no, session_src) = match req.session {
        Some(t) => (t, tr(lang, given).into_owned()),
        None => match ordinal_in(&req.title, "次会议").or_else(|| ordinal_in(&req.title, "次"))
        {
            Some(t) => (t, tr(lang, "import.src.from_title").into_owned()),
            None => (0, tr(lang, "import.src.unknown_ordinal").into_owned()),
        },
    };
    let (name, name_src) = match &req.congress {
        Some(c) => (c.clone(), tr(lang, given).into_owned()),
        None => (
            congress_from_title(&req.title),
            tr(lang, "import.src.congress_from_title").into_owned(),
        ),
    };
    comments.congress = vec![
        ("name", name_src),
        ("title", tr(lang, given).into_owned()),
        ("term", term_src),
        ("session", session_src),
        (
            "town",
            if req.town.is_some() {
                tr(lang, given).into_owned()
            } else {
                tr(lang, "import.src.not_given").into_owned()
            },
        ),
        ("date", tr(lang, given).into_owned()),
        ("venue", tr(lang, given).into_owned()),
        ("presiding_body", tr(lang, given).into_owned()),
    ];
    comments.seats = tr(lang, given).into_owned();
    let agenda: Vec<AgendaItem> = documents
        .iter()
        .map(|d| AgendaItem {
            time: None,
            title: d.title.clone(),
            kind: AgendaKind::Report,
            presenter: None,
            document: Some(d.id.clone()),
            motion: None,
            election: None,
        })
        .collect();
    comments.agenda = agenda
        .iter()
        .map(|_| tr(lang, "import.src.agenda").into_owned())
        .collect();

    let mut session = Session {
        id: req.id.clone(),
        congress: Congress {
            name,
            title: req.title.clone(),
            term,
            session: session_no,
            town: req.town.clone().unwrap_or_default(),
            date: req.date.clone(),
            venue: req.venue.clone(),
            presiding_body: req.presiding_body.clone(),
            source: (!sources.is_empty()).then(|| sources.join("；")),
        },
        seats: req.seats,
        quorum: Threshold::default_quorum(),
        roster,
        fill_roster_with_placeholders: fill,
        groups,
        agenda,
        documents,
        indicators: if req.accept_indicators {
            proposals.iter().map(|p| p.indicator.clone()).collect()
        } else {
            Vec::new()
        },
        motions: Vec::new(),
        elections: Vec::new(),
        itinerary: Vec::new(),
        index: Default::default(),
    };
    session.reindex();
    Ok(Prepared {
        session,
        proposals,
        accepted: req.accept_indicators,
        reviewed: None,
        comments,
        notes,
        sources,
        lang,
        from_window: req.from_window,
    })
}

/// Each block's heading level (and whether a deeper heading was folded into level 2), or
/// None for text. Word's heading styles decide when the report uses any; otherwise the
/// numbering of short paragraphs does.
fn heading_levels(blocks: &[&Block]) -> Vec<Option<(u8, bool)>> {
    let styled: Vec<Option<u8>> = blocks
        .iter()
        .map(|b| {
            if matches!(b.origin, Origin::TableRow { .. }) {
                None
            } else {
                style_level(b.style.as_deref(), b.outline)
            }
        })
        .collect();
    let raw: Vec<Option<u8>> = if styled.iter().any(Option::is_some) {
        styled
    } else {
        let nums: Vec<Option<Numbering>> = blocks
            .iter()
            .map(|b| match b.origin {
                Origin::Paragraph(_) => numbering(&b.text),
                Origin::TableRow { .. } => None,
            })
            .collect();
        let used: Vec<Numbering> = nums.iter().flatten().copied().collect();
        let level = numbering_levels(&used);
        nums.iter().map(|n| n.map(&level)).collect()
    };
    // The shallowest level used is 1; the session has two levels, so deeper ones are 2.
    let top = raw.iter().flatten().min().copied().unwrap_or(1);
    raw.iter()
        .map(|l| {
            l.map(|l| {
                let rel = l - top + 1;
                (rel.min(2), rel > 2)
            })
        })
        .collect()
}

/// The ordinal before `suffix` in a title: "第三届" → 3, "第3次会议" → 3.
fn ordinal_in(title: &str, suffix: &str) -> Option<u32> {
    let at = title.find(suffix)?;
    let before = &title[..at];
    let start = before.rfind('第')? + '第'.len_utf8();
    let digits = &before[start..];
    if digits.is_empty() {
        return None;
    }
    if let Ok(n) = digits.parse::<u32>() {
        return Some(n);
    }
    let chars: Vec<char> = digits.chars().collect();
    super::numbers::cn_number(&chars).and_then(|n| u32::try_from(n).ok())
}

/// The congress a sitting's title names: "九江镇第三届人民代表大会第三次会议" → "九江镇人民代表大会".
/// Without 人民代表大会 in the title, the title itself.
fn congress_from_title(title: &str) -> String {
    const BODY: &str = "人民代表大会";
    let Some(at) = title.find(BODY) else {
        return title.to_string();
    };
    let head = &title[..at];
    // Drop the term (第…届) between the place and the body.
    let head = match (head.rfind('第'), head.rfind('届')) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &head[..a], &head[b + '届'.len_utf8()..]),
        _ => head.to_string(),
    };
    format!("{head}{BODY}")
}

/// Links a target, or a later result, to the same measure's earlier result when the report
/// states both: same name and unit, the earlier one not a target, and its year (if both
/// periods name one) the year before.
fn link_bases(props: &mut [Proposal]) {
    let year = |p: &Proposal| -> Option<i32> {
        let per = p.indicator.period.as_deref()?;
        let at = per.find('年')?;
        per[..at].trim_start_matches("截至").parse().ok()
    };
    // Only the same measure can be a basis: each proposal is compared with those of its name
    // and unit, not with every other (a long report has tens of thousands of numbers).
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, p) in props.iter().enumerate() {
        if !p.indicator.name.is_empty() {
            groups
                .entry((p.indicator.name.as_str(), p.indicator.unit.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    for members in groups.values() {
        // The last result of each year, over the whole group.
        let mut last_of_year: HashMap<i32, usize> = HashMap::new();
        for &j in members {
            if !props[j].indicator.target
                && let Some(y) = year(&props[j])
            {
                last_of_year.insert(y, j);
            }
        }
        // Going down the report: the last result so far, and the last one without a year.
        let mut last: Option<usize> = None;
        let mut last_yearless: Option<usize> = None;
        for &i in members {
            let later = &props[i];
            // A result of the year before, anywhere in the report; or, for a target, a
            // result above it whose year cannot be compared. The nearest the end wins.
            let by_year = year(later).and_then(|b| last_of_year.get(&(b - 1)).copied());
            let above = if later.indicator.target {
                match year(later) {
                    Some(_) => last_yearless,
                    None => last,
                }
            } else {
                None
            };
            if let Some(j) = by_year.max(above) {
                links.push((i, j));
            }
            if !later.indicator.target {
                last = Some(i);
                if year(later).is_none() {
                    last_yearless = Some(i);
                }
            }
        }
    }
    for (i, j) in links {
        let id = props[j].indicator.id.clone();
        props[i].indicator.basis = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(id: &str, name: &str, period: Option<&str>, target: bool) -> Proposal {
        Proposal {
            indicator: Indicator {
                id: id.into(),
                name: name.into(),
                category: String::new(),
                kind: crate::model::IndicatorKind::Amount,
                value: 1.0,
                unit: "亿元".into(),
                qualifier: None,
                period: period.map(str::to_string),
                yoy: None,
                parts: None,
                source: None,
                target,
                basis: None,
            },
            value_text: "1".into(),
            yoy_text: None,
            comment: String::new(),
        }
    }

    #[test]
    fn a_basis_is_last_years_result_or_for_a_target_the_nearest_result_above() {
        let mut p = vec![
            proposal("a", "总值", Some("2016年"), false),
            proposal("b", "总值", None, false),
            // A target: last year's result, or a result above it without a year; the nearer.
            proposal("t", "总值", Some("2017年"), true),
            // A result: only last year's.
            proposal("c", "总值", Some("2017年1-8月"), false),
            proposal("u", "总值", None, true),
            proposal("x", "其他", None, true),
            proposal("d", "总值", Some("2018年"), false),
            proposal("e", "", None, true),
        ];
        link_bases(&mut p);
        let bases: Vec<Option<&str>> = p.iter().map(|x| x.indicator.basis.as_deref()).collect();
        assert_eq!(
            bases,
            [
                None,
                None,
                Some("b"),
                Some("a"),
                Some("c"),
                None,
                Some("c"),
                None
            ]
        );
    }

    #[test]
    fn the_congress_term_and_session_come_from_the_title() {
        let t = "九江镇第三届人民代表大会第三次会议";
        assert_eq!(congress_from_title(t), "九江镇人民代表大会");
        assert_eq!(ordinal_in(t, "届"), Some(3));
        assert_eq!(ordinal_in(t, "次会议"), Some(3));
        assert_eq!(ordinal_in("某镇第18届人大第2次会议", "次会议"), Some(2));
        assert_eq!(ordinal_in("年中会议", "届"), None);
        assert_eq!(congress_from_title("年中会议"), "年中会议");
    }
}
