//! What a summary says, as plain data: filled from the session, then (when given) from the
//! vote journal and the delegate's notes. Every format renders this one structure, so the
//! exporter does not depend on how journals or notes are stored.

use crate::i18n::Lang;
use crate::model::{
    AgendaKind, Base, IndicatorKind, Qualifier, Session, StatedResult, Threshold, VotingMethod,
};

/// Everything one summary shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SummaryData {
    pub header: Header,
    pub agenda: Vec<AgendaRow>,
    pub attendance: Attendance,
    pub motions: Vec<MotionRow>,
    pub roll_calls: Vec<RollCallRow>,
    /// The session file's elections, with what a journal recorded of them.
    pub elections: Vec<ElectionBlock>,
    /// The journal's final chain hash (hex), when a journal was given.
    pub chain_hash: Option<String>,
    /// How many records the journal holds, shown beside the hash.
    pub journal_records: Option<usize>,
    /// The head's short code (`#117-23fb592c`), to read aloud and check with
    /// `delegate-desk verify J --head CODE`.
    pub head_code: Option<String>,
    pub indicators: Vec<IndicatorRow>,
    pub itinerary: Vec<StopBlock>,
    /// The delegate's notes, in the order the notes file gives them.
    pub notes: Vec<NoteRow>,
}

/// The session header.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub session_id: String,
    /// The sitting's full title.
    pub title: String,
    /// The congress (人民代表大会) holding it.
    pub congress: String,
    pub term: u32,
    pub session: u32,
    pub town: String,
    pub date: String,
    pub venue: Option<String>,
    pub presiding_body: Option<String>,
    /// Where the facts come from.
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgendaRow {
    pub time: Option<String>,
    pub title: String,
    pub kind: AgendaKind,
    pub presenter: Option<String>,
}

/// 应到 / 实到 / 请假 / 缺席 and the quorum. Counts the session alone cannot know are None.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attendance {
    /// 应到: delegates seated.
    pub seats: u32,
    /// 实到.
    pub present: Option<u32>,
    /// 请假.
    pub on_leave: Option<u32>,
    /// 缺席.
    pub absent: Option<u32>,
    /// On the roster but not marked in the journal yet.
    pub unmarked: Option<u32>,
    /// The quorum rule in words.
    pub quorum_rule: String,
    /// Delegates needed for a quorum.
    pub quorum_required: Option<u32>,
    /// Whether those present make a quorum; None until attendance is recorded.
    pub quorum_met: Option<bool>,
}

/// Where a motion's figures come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MotionState {
    /// Nothing recorded in a journal; figures (if any) are what the source states.
    NotRecorded,
    /// Voting opened in the journal but not closed.
    Open,
    /// Voting closed in the journal: the counts are final.
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    NotPassed,
    /// Closed below the quorum (Organic Law Art. 14 ¶4): void, whatever the counts.
    NoQuorum,
}

impl From<StatedResult> for Verdict {
    fn from(r: StatedResult) -> Self {
        match r {
            StatedResult::Passed => Verdict::Passed,
            StatedResult::NotPassed => Verdict::NotPassed,
        }
    }
}

/// One motion: method, counts, threshold and verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct MotionRow {
    pub id: String,
    pub title: String,
    pub method: VotingMethod,
    pub state: MotionState,
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
    /// Invalid ballots (secret ballot only).
    pub invalid: Option<u32>,
    pub not_voting: Option<u32>,
    /// The rule in words, e.g. "全体代表过半数".
    pub rule: String,
    /// The count the rule is taken of (seated, present or cast), when known.
    pub base: Option<u32>,
    /// Yes votes needed, when the base is known.
    pub required: Option<u32>,
    pub verdict: Option<Verdict>,
    /// True when counts and verdict are the source's statement, not a journal's tally.
    pub stated: bool,
}

/// One election: the file's candidates and, once a journal records rounds, each round's
/// ballots and votes (the journal's [`ElectionReport`], plain data).
#[derive(Clone, Debug, PartialEq)]
pub struct ElectionBlock {
    /// Rounds empty while nothing is recorded.
    pub report: ElectionReport,
    /// The file's candidates, in ballot order.
    pub candidates: Vec<String>,
    /// What comes next, in the summary's language.
    pub next: String,
}

pub use crate::journal::ElectionReport;

/// A roll-call choice: the journal's own.
pub use crate::journal::Choice;

/// One delegate's recorded choice in a roll call.
#[derive(Clone, Debug, PartialEq)]
pub struct RollCallRow {
    pub motion_id: String,
    pub motion_title: String,
    pub delegate_id: String,
    pub name: String,
    pub choice: Choice,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRow {
    pub id: String,
    pub category: String,
    pub name: String,
    pub kind: IndicatorKind,
    pub value: f64,
    /// The value as the session file writes it ("9.90"), for text formats.
    pub written: String,
    pub unit: String,
    pub qualifier: Option<Qualifier>,
    pub period: Option<String>,
    /// Year-on-year change in percent.
    pub yoy: Option<f64>,
}

/// One inspection stop with the numbers that belong to it.
#[derive(Clone, Debug, PartialEq)]
pub struct StopBlock {
    pub project: String,
    pub place: String,
    pub time: Option<String>,
    pub host: Option<String>,
    pub facts: Vec<String>,
    /// The indicators that belong to this stop.
    pub figures: Vec<Figure>,
}

/// A number shown beside a stop: "上东工业区原有小型企业：超10家".
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub name: String,
    pub qualifier: Option<Qualifier>,
    pub value: f64,
    /// The value as the session file writes it ("9.90").
    pub written: String,
    pub unit: String,
}

/// One note, with a label for where it sits ("政府工作报告 · 一、… ¶3", "视察 · 第2站").
#[derive(Clone, Debug, PartialEq)]
pub struct NoteRow {
    pub place: String,
    pub kind: String,
    pub text: String,
    /// The words a note on a stretch of text refers to.
    pub quote: Option<String>,
    pub author: String,
}

impl SummaryData {
    /// Fills the parts the session itself knows: header, agenda, seats and quorum rule,
    /// motions with any outcome the source states, indicators and itinerary. `lang` is the
    /// language rule descriptions are written in.
    pub fn from_session(s: &Session, lang: Lang) -> Self {
        let header = Header {
            session_id: s.id.clone(),
            title: s.congress.title.clone(),
            congress: s.congress.name.clone(),
            term: s.congress.term,
            session: s.congress.session,
            town: s.congress.town.clone(),
            date: s.congress.date.clone(),
            venue: s.congress.venue.clone(),
            presiding_body: s.congress.presiding_body.clone(),
            source: s.congress.source.clone(),
        };
        let agenda = s
            .agenda
            .iter()
            .map(|a| AgendaRow {
                time: a.time.clone(),
                title: a.title.clone(),
                kind: a.kind,
                presenter: a.presenter.clone(),
            })
            .collect();
        let attendance = Attendance {
            seats: s.seats,
            present: None,
            on_leave: None,
            absent: None,
            unmarked: None,
            quorum_rule: s.quorum.describe(lang),
            quorum_required: quorum_required(&s.quorum, s.seats, None),
            quorum_met: None,
        };
        let motions = s
            .motions
            .iter()
            .map(|m| {
                let stated = m.outcome.as_ref();
                let base = rule_base(&m.rule, s.seats, None, None);
                MotionRow {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    method: m.method,
                    state: MotionState::NotRecorded,
                    yes: stated.and_then(|o| o.yes),
                    no: stated.and_then(|o| o.no),
                    abstain: stated.and_then(|o| o.abstain),
                    invalid: None,
                    not_voting: None,
                    rule: m.rule.describe(lang),
                    base,
                    required: base.and_then(|b| m.rule.required(b)),
                    verdict: stated.map(|o| o.result.into()),
                    stated: stated.is_some(),
                }
            })
            .collect();
        let indicators = s
            .indicators
            .iter()
            .map(|i| IndicatorRow {
                id: i.id.clone(),
                category: i.category.clone(),
                name: i.name.clone(),
                kind: i.kind,
                value: i.value,
                written: s.value_text(i),
                unit: i.unit.clone(),
                qualifier: i.qualifier,
                period: i.period.clone(),
                yoy: i.yoy,
            })
            .collect();
        let itinerary = s
            .itinerary
            .iter()
            .map(|st| StopBlock {
                project: st.project.clone(),
                place: st.place.clone(),
                time: st.time.clone(),
                host: st.host.clone(),
                facts: st.facts.clone(),
                figures: st
                    .indicators
                    .iter()
                    .filter_map(|id| s.indicator(id))
                    .map(|i| Figure {
                        name: i.name.clone(),
                        qualifier: i.qualifier,
                        value: i.value,
                        written: s.value_text(i),
                        unit: i.unit.clone(),
                    })
                    .collect(),
            })
            .collect();
        let elections = s
            .elections
            .iter()
            .map(|e| {
                let report = ElectionReport {
                    id: e.id.clone(),
                    office: e.office.clone(),
                    post: e.post,
                    seats: e.seats,
                    elected: Vec::new(),
                    next: None,
                    rounds: Vec::new(),
                    audit: Vec::new(),
                };
                ElectionBlock {
                    next: report.next_text(lang),
                    report,
                    candidates: e.candidate_names().map(str::to_string).collect(),
                }
            })
            .collect();
        SummaryData {
            header,
            agenda,
            attendance,
            motions,
            roll_calls: Vec::new(),
            elections,
            chain_hash: None,
            journal_records: None,
            head_code: None,
            indicators,
            itinerary,
            notes: Vec::new(),
        }
    }
}

/// Delegates needed for a quorum: the rule's base is the seated unless the rule says
/// otherwise, and a "present"-based quorum needs attendance first.
pub fn quorum_required(rule: &Threshold, seats: u32, present: Option<u32>) -> Option<u32> {
    rule_base(rule, seats, present, None).and_then(|b| rule.required(b))
}

/// The count a rule is taken of, when it is known.
pub fn rule_base(
    rule: &Threshold,
    seats: u32,
    present: Option<u32>,
    cast: Option<u32>,
) -> Option<u32> {
    match rule.base {
        Base::Seated => Some(seats),
        Base::Present => present,
        Base::Cast => cast,
    }
}
