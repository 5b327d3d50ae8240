//! The summary's tables, once, in the reader's language: CSV and XLSX write them as they
//! are, and the document formats (Markdown, HTML, PDF) place them among their text.

use std::borrow::Cow;

use crate::i18n::{Label, Lang, tr};
use crate::journal;
use crate::model::qualified;
use crate::model::{Qualifier, validate::fmt_num};

use super::summary::{
    Choice, ElectionBlock, Figure, MotionState, RollCallRow, SummaryData, Verdict,
};

/// One table cell. Numbers stay numbers so a spreadsheet can sum them.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(u32),
    Num(f64),
    /// A number with the text it is written as (9.90): text formats print the text,
    /// spreadsheets get the number.
    Written(f64, String),
    Empty,
}

impl Cell {
    fn opt(v: Option<u32>) -> Cell {
        v.map_or(Cell::Empty, Cell::Int)
    }

    fn opt_text(v: &Option<String>) -> Cell {
        v.as_ref().map_or(Cell::Empty, |s| Cell::Text(s.clone()))
    }

    pub fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Text(s) => CellRef::Text(s),
            Cell::Int(n) => CellRef::Int(*n),
            Cell::Num(v) => CellRef::Num(*v),
            Cell::Written(v, s) => CellRef::Written(*v, s),
            Cell::Empty => CellRef::Empty,
        }
    }
}

/// A cell as the formats read it: a [`Cell`] of a built row, or text borrowed from the
/// summary (a roll call's row).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellRef<'t> {
    Text(&'t str),
    Int(u32),
    Num(f64),
    Written(f64, &'t str),
    Empty,
}

impl<'t> CellRef<'t> {
    /// The cell as text, numbers without exponent; borrowed where it is text already.
    pub fn as_text(self) -> Cow<'t, str> {
        match self {
            CellRef::Text(s) | CellRef::Written(_, s) => Cow::Borrowed(s),
            CellRef::Int(n) => Cow::Owned(n.to_string()),
            CellRef::Num(v) => Cow::Owned(fmt_num(v)),
            CellRef::Empty => Cow::Borrowed(""),
        }
    }

    /// Whether the cell reads best right-aligned.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            CellRef::Int(_) | CellRef::Num(_) | CellRef::Written(..)
        )
    }
}

/// A table's rows.
#[derive(Clone, Debug, PartialEq)]
pub enum Rows<'a> {
    /// Rows built cell by cell: every table but the roll calls (tens to a few thousand rows).
    Cells(Vec<Vec<Cell>>),
    /// Roll-call rows read from the summary as they are written, never copied into cells: a
    /// national roll call has 178,620 rows, and a row of cells built and dropped for each
    /// would cost more than writing them.
    RollCall {
        rows: Vec<&'a RollCallRow>,
        /// The motion column (CSV, XLSX); the documents print one table under each motion
        /// and leave it out.
        with_motion: bool,
        /// The choice labels in the reader's language: yes, no, abstain.
        labels: [String; 3],
    },
}

impl Rows<'_> {
    pub fn len(&self) -> usize {
        match self {
            Rows::Cells(rows) => rows.len(),
            Rows::RollCall { rows, .. } => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    pub fn get(&self, i: usize) -> Option<Row<'_>> {
        match self {
            Rows::Cells(rows) => rows.get(i).map(|r| Row::Cells(r)),
            Rows::RollCall {
                rows,
                with_motion,
                labels,
            } => rows.get(i).map(|&r| Row::RollCall {
                row: r,
                with_motion: *with_motion,
                label: &labels[choice_index(r.choice)],
            }),
        }
    }
}

impl From<Vec<Vec<Cell>>> for Rows<'_> {
    fn from(rows: Vec<Vec<Cell>>) -> Self {
        Rows::Cells(rows)
    }
}

/// One row of a table, its cells read on demand.
#[derive(Clone, Copy, Debug)]
pub enum Row<'t> {
    Cells(&'t [Cell]),
    RollCall {
        row: &'t RollCallRow,
        with_motion: bool,
        label: &'t str,
    },
}

impl<'t> Row<'t> {
    pub fn len(self) -> usize {
        match self {
            Row::Cells(c) => c.len(),
            Row::RollCall { with_motion, .. } => 3 + usize::from(with_motion),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Cell `i`, counting from 0.
    pub fn get(self, i: usize) -> Option<CellRef<'t>> {
        match self {
            Row::Cells(c) => c.get(i).map(Cell::as_ref),
            Row::RollCall {
                row,
                with_motion,
                label,
            } => {
                let cells = [
                    row.motion_title.as_str(),
                    row.delegate_id.as_str(),
                    row.name.as_str(),
                    label,
                ];
                cells
                    .get(i + usize::from(!with_motion))
                    .map(|s| CellRef::Text(s))
            }
        }
    }

    /// The cells in order.
    pub fn cells(self) -> impl Iterator<Item = CellRef<'t>> {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
}

/// A titled table with a file stem for CSV and a sheet name for XLSX.
#[derive(Clone, Debug, PartialEq)]
pub struct Table<'a> {
    /// ASCII file stem ("votes") for `votes.csv`.
    pub stem: &'static str,
    pub title: String,
    pub headers: Vec<String>,
    /// Relative column widths (in characters of a CJK-width font), for XLSX and PDF.
    pub widths: Vec<f32>,
    pub rows: Rows<'a>,
}

fn t(lang: Lang, key: &str) -> String {
    tr(lang, key).into_owned()
}

fn headers(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(lang, k)).collect()
}

/// The tables CSV and XLSX write, in order. Roll calls and notes only when there are any.
pub fn all_tables(d: &SummaryData, lang: Lang) -> Vec<Table<'_>> {
    let mut v = vec![
        session_table(d, lang),
        agenda_table(d, lang),
        attendance_table(d, lang),
        votes_table(d, lang),
    ];
    if !d.roll_calls.is_empty() {
        v.push(roll_call_table(lang, d.roll_calls.iter().collect(), true));
    }
    if !d.elections.is_empty() {
        v.push(elections_table(lang, d.elections.iter().collect(), true));
    }
    v.push(indicators_table(d, lang));
    v.push(itinerary_table(d, lang));
    if !d.notes.is_empty() {
        v.push(notes_table(d, lang));
    }
    v
}

/// The header as field/value pairs, plus the chain hash.
pub fn header_fields(d: &SummaryData, lang: Lang) -> Vec<(String, String)> {
    let h = &d.header;
    let mut f = vec![
        (t(lang, "export.field.title"), h.title.clone()),
        (t(lang, "export.field.congress"), h.congress.clone()),
        (t(lang, "export.field.term"), h.term.to_string()),
        (t(lang, "export.field.session"), h.session.to_string()),
        (t(lang, "export.field.date"), h.date.clone()),
    ];
    let unknown = t(lang, "export.unknown");
    f.push((
        t(lang, "export.field.venue"),
        h.venue.clone().unwrap_or_else(|| unknown.clone()),
    ));
    f.push((
        t(lang, "export.field.presiding"),
        h.presiding_body.clone().unwrap_or(unknown),
    ));
    if let Some(s) = &h.source {
        f.push((t(lang, "export.field.source"), s.clone()));
    }
    f
}

fn session_table(d: &SummaryData, lang: Lang) -> Table<'_> {
    let mut rows: Vec<Vec<Cell>> = header_fields(d, lang)
        .into_iter()
        .map(|(k, v)| vec![Cell::Text(k), Cell::Text(v)])
        .collect();
    rows.push(vec![
        Cell::Text(t(lang, "export.field.session_id")),
        Cell::Text(d.header.session_id.clone()),
    ]);
    rows.push(vec![
        Cell::Text(t(lang, "export.field.chain_hash")),
        d.chain_hash.clone().map_or(Cell::Empty, Cell::Text),
    ]);
    rows.push(vec![
        Cell::Text(t(lang, "export.field.head_code")),
        d.head_code.clone().map_or(Cell::Empty, Cell::Text),
    ]);
    Table {
        stem: "session",
        title: t(lang, "export.table.session"),
        headers: headers(lang, &["export.col.field", "export.col.value"]),
        widths: vec![14.0, 60.0],
        rows: Rows::Cells(rows),
    }
}

pub fn agenda_table(d: &SummaryData, lang: Lang) -> Table<'_> {
    Table {
        stem: "agenda",
        title: t(lang, "export.table.agenda"),
        headers: headers(
            lang,
            &[
                "export.col.seq",
                "export.col.time",
                "export.col.item",
                "export.col.kind",
                "export.col.presenter",
            ],
        ),
        widths: vec![5.0, 8.0, 36.0, 8.0, 16.0],
        rows: d
            .agenda
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    Cell::Int(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                    Cell::opt_text(&a.time),
                    Cell::Text(a.title.clone()),
                    Cell::Text(a.kind.label(lang).into_owned()),
                    Cell::opt_text(&a.presenter),
                ]
            })
            .collect::<Vec<_>>()
            .into(),
    }
}

pub fn yes_no(lang: Lang, b: bool) -> String {
    t(lang, if b { "export.yes" } else { "export.no" })
}

pub fn attendance_table(d: &SummaryData, lang: Lang) -> Table<'_> {
    let a = &d.attendance;
    let row = |key: &str, c: Cell| vec![Cell::Text(t(lang, key)), c];
    Table {
        stem: "attendance",
        title: t(lang, "export.table.attendance"),
        headers: headers(lang, &["export.col.item", "export.col.count"]),
        widths: vec![24.0, 30.0],
        rows: [
            Some(row("export.att.seats", Cell::Int(a.seats))),
            Some(row("export.att.present", Cell::opt(a.present))),
            Some(row("export.att.leave", Cell::opt(a.on_leave))),
            Some(row("export.att.absent", Cell::opt(a.absent))),
            a.unmarked.map(|n| row("export.att.unmarked", Cell::Int(n))),
            Some(row(
                "export.att.quorum_rule",
                Cell::Text(a.quorum_rule.clone()),
            )),
            Some(row(
                "export.att.quorum_required",
                Cell::opt(a.quorum_required),
            )),
            Some(row(
                "export.att.quorum_met",
                match a.quorum_met {
                    Some(b) => Cell::Text(yes_no(lang, b)),
                    None => Cell::Text(t(lang, "export.not_recorded")),
                },
            )),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .into(),
    }
}

/// A motion's state; open and closed in the journal's words.
pub fn state_label(lang: Lang, state: MotionState, stated: bool) -> String {
    match (state, stated) {
        (MotionState::NotRecorded, true) => t(lang, "export.state.stated"),
        (MotionState::NotRecorded, false) => t(lang, "export.state.not_recorded"),
        (MotionState::Open, _) => journal::MotionState::Open.label(lang).into_owned(),
        (MotionState::Closed, _) => journal::MotionState::Closed.label(lang).into_owned(),
    }
}

/// A motion's outcome in the journal's words; a dash while there is none.
pub fn verdict_label(lang: Lang, v: Option<Verdict>) -> String {
    match v {
        Some(Verdict::Passed) => journal::Verdict::Passed.label(lang).into_owned(),
        Some(Verdict::NotPassed) => journal::Verdict::NotPassed.label(lang).into_owned(),
        Some(Verdict::NoQuorum) => journal::Verdict::NoQuorum.label(lang).into_owned(),
        None => t(lang, "export.verdict.none"),
    }
}

pub fn votes_table(d: &SummaryData, lang: Lang) -> Table<'_> {
    Table {
        stem: "votes",
        title: t(lang, "export.table.votes"),
        headers: headers(
            lang,
            &[
                "export.col.motion",
                "export.col.method",
                "export.col.state",
                "export.col.yes",
                "export.col.vote_no",
                "export.col.abstain",
                "export.col.invalid",
                "export.col.not_voting",
                "export.col.rule",
                "export.col.base",
                "export.col.required",
                "export.col.verdict",
            ],
        ),
        widths: vec![30.0, 8.0, 8.0, 5.0, 5.0, 5.0, 5.0, 6.0, 14.0, 5.0, 6.0, 7.0],
        rows: d
            .motions
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.title.clone()),
                    Cell::Text(m.method.label(lang).into_owned()),
                    Cell::Text(state_label(lang, m.state, m.stated)),
                    Cell::opt(m.yes),
                    Cell::opt(m.no),
                    Cell::opt(m.abstain),
                    Cell::opt(m.invalid),
                    Cell::opt(m.not_voting),
                    Cell::Text(m.rule.clone()),
                    Cell::opt(m.base),
                    Cell::opt(m.required),
                    Cell::Text(verdict_label(lang, m.verdict)),
                ]
            })
            .collect::<Vec<_>>()
            .into(),
    }
}

/// Elections, a row per person per round with the round's figures beside: seats, votes
/// needed (more than half of all seated, Organic Law Art. 25 and 29; none in a tie ballot),
/// ballots issued, returned, valid and invalid, whether it is void, each person's votes and
/// whether elected. An election not voted on yet has a row per candidate and no figures.
/// `with_office` adds the election column (CSV, XLSX); the documents print one table under
/// each election and leave it out.
pub fn elections_table<'a>(
    lang: Lang,
    elections: Vec<&'a ElectionBlock>,
    with_office: bool,
) -> Table<'a> {
    let mut keys = Vec::new();
    let mut widths = Vec::new();
    if with_office {
        keys.push("export.col.election");
        widths.push(14.0);
    }
    keys.extend([
        "export.col.round",
        "export.col.state",
        "export.col.seats",
        "export.col.required",
        "export.col.issued",
        "export.col.returned",
        "export.col.valid",
        "export.col.invalid_ballots",
        "export.col.void",
        "export.col.candidate",
        "export.col.yes",
        "export.col.vote_no",
        "export.col.abstain",
        "export.col.elected",
    ]);
    widths.extend([
        10.0, 6.0, 5.0, 6.0, 5.0, 5.0, 5.0, 5.0, 10.0, 12.0, 5.0, 5.0, 5.0, 6.0,
    ]);
    let mut rows = Vec::new();
    for e in elections {
        let office = || with_office.then(|| Cell::Text(e.report.office.clone()));
        if e.report.rounds.is_empty() {
            for name in &e.candidates {
                let mut row: Vec<Cell> = office().into_iter().collect();
                row.extend([
                    Cell::Text(t(lang, "export.election.not_voted")),
                    Cell::Empty,
                    Cell::Int(e.report.seats),
                ]);
                row.extend(std::iter::repeat_n(Cell::Empty, 6));
                row.push(Cell::Text(name.clone()));
                row.extend(std::iter::repeat_n(Cell::Empty, 4));
                rows.push(row);
            }
            continue;
        }
        let chosen = if e.report.post == crate::model::Post::Project {
            "export.election.chosen"
        } else {
            "export.election.elected"
        };
        for r in &e.report.rounds {
            let round = crate::i18n::trf(
                lang,
                "export.election.round",
                &[("n", &r.number.to_string()), ("kind", &r.kind.label(lang))],
            );
            let void = r.void.map_or(Cell::Empty, |v| {
                Cell::Text(tr(lang, &format!("export.election.void.{v:?}")).into_owned())
            });
            for c in &r.candidates {
                let mut row: Vec<Cell> = office().into_iter().collect();
                let name = if c.written_in {
                    format!("{}{}", c.name, tr(lang, "election.cli.written_in"))
                } else {
                    c.name.clone()
                };
                let elected = if c.elected {
                    Cell::Text(t(lang, chosen))
                } else {
                    Cell::Empty
                };
                row.extend([
                    Cell::Text(round.clone()),
                    Cell::Text(r.state.label(lang).into_owned()),
                    Cell::Int(r.seats),
                    Cell::opt(r.required),
                    Cell::opt(r.issued),
                    Cell::opt(r.returned),
                    Cell::Int(r.valid),
                    Cell::Int(r.invalid),
                    void.clone(),
                    Cell::Text(name),
                    Cell::Int(c.yes),
                    Cell::Int(c.no),
                    Cell::Int(c.abstain),
                    elected,
                ]);
                rows.push(row);
            }
        }
    }
    Table {
        stem: "elections",
        title: t(lang, "export.table.elections"),
        headers: headers(lang, &keys),
        widths,
        rows: Rows::Cells(rows),
    }
}

fn choice_index(c: Choice) -> usize {
    match c {
        Choice::Yes => 0,
        Choice::No => 1,
        Choice::Abstain => 2,
    }
}

/// A roll-call table over `rows`; `with_motion` adds the motion column (CSV, XLSX), which
/// the document formats leave out because they print one table under each motion.
pub fn roll_call_table<'a>(lang: Lang, rows: Vec<&'a RollCallRow>, with_motion: bool) -> Table<'a> {
    let mut hdr = Vec::new();
    let mut widths = Vec::new();
    if with_motion {
        hdr.push(t(lang, "export.col.motion"));
        widths.push(30.0);
    }
    hdr.extend(headers(
        lang,
        &[
            "export.col.delegate_id",
            "export.col.name",
            "export.col.choice",
        ],
    ));
    widths.extend([10.0, 14.0, 8.0]);
    Table {
        stem: "roll_calls",
        title: t(lang, "export.table.roll_calls"),
        headers: hdr,
        widths,
        rows: Rows::RollCall {
            rows,
            with_motion,
            labels: [Choice::Yes, Choice::No, Choice::Abstain].map(|c| c.label(lang).into_owned()),
        },
    }
}

pub fn qualifier_label(lang: Lang, q: Option<Qualifier>) -> Cell {
    q.map_or(Cell::Empty, |q| Cell::Text(q.label(lang).into_owned()))
}

/// A year-on-year change as "+8.7%", "-3%" or "0%".
pub fn fmt_yoy(v: f64) -> String {
    if v > 0.0 {
        format!("+{}%", fmt_num(v))
    } else {
        format!("{}%", fmt_num(v))
    }
}

pub fn indicators_table(d: &SummaryData, lang: Lang) -> Table<'_> {
    Table {
        stem: "indicators",
        title: t(lang, "export.table.indicators"),
        headers: headers(
            lang,
            &[
                "export.col.category",
                "export.col.indicator",
                "export.col.qualifier",
                "export.col.number",
                "export.col.unit",
                "export.col.period",
                "export.col.yoy",
            ],
        ),
        widths: vec![6.0, 28.0, 5.0, 9.0, 6.0, 14.0, 8.0],
        rows: d
            .indicators
            .iter()
            .map(|i| {
                vec![
                    Cell::Text(i.category.clone()),
                    Cell::Text(i.name.clone()),
                    qualifier_label(lang, i.qualifier),
                    Cell::Written(i.value, i.written.clone()),
                    Cell::Text(i.unit.clone()),
                    Cell::opt_text(&i.period),
                    i.yoy.map_or(Cell::Empty, |y| Cell::Text(fmt_yoy(y))),
                ]
            })
            .collect::<Vec<_>>()
            .into(),
    }
}

/// "上东工业区原有小型企业：超10家" / "…: over 10 家".
pub fn figure_text(lang: Lang, f: &Figure) -> String {
    let sep = if lang == Lang::En { ": " } else { "：" };
    let number = format!("{}{}", f.written, f.unit);
    format!("{}{sep}{}", f.name, qualified(lang, f.qualifier, &number))
}

pub fn itinerary_table(d: &SummaryData, lang: Lang) -> Table<'_> {
    Table {
        stem: "itinerary",
        title: t(lang, "export.table.itinerary"),
        headers: headers(
            lang,
            &[
                "export.col.seq",
                "export.col.project",
                "export.col.place",
                "export.col.time",
                "export.col.host",
                "export.col.facts",
            ],
        ),
        widths: vec![5.0, 20.0, 14.0, 6.0, 14.0, 40.0],
        rows: d
            .itinerary
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut facts = s.facts.clone();
                facts.extend(s.figures.iter().map(|f| figure_text(lang, f)));
                vec![
                    Cell::Int(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                    Cell::Text(s.project.clone()),
                    Cell::Text(s.place.clone()),
                    Cell::opt_text(&s.time),
                    Cell::opt_text(&s.host),
                    Cell::Text(facts.join("\n")),
                ]
            })
            .collect::<Vec<_>>()
            .into(),
    }
}

pub fn notes_table(d: &SummaryData, lang: Lang) -> Table<'_> {
    Table {
        stem: "notes",
        title: t(lang, "export.table.notes"),
        headers: headers(
            lang,
            &[
                "export.col.place_label",
                "export.col.note_kind",
                "export.col.quote",
                "export.col.note",
                "export.col.author",
            ],
        ),
        widths: vec![24.0, 8.0, 20.0, 50.0, 10.0],
        rows: d
            .notes
            .iter()
            .map(|n| {
                vec![
                    Cell::Text(n.place.clone()),
                    Cell::Text(n.kind.clone()),
                    Cell::opt_text(&n.quote),
                    Cell::Text(n.text.clone()),
                    Cell::Text(n.author.clone()),
                ]
            })
            .collect::<Vec<_>>()
            .into(),
    }
}
