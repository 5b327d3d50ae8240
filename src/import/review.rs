//! What the secretary decides in the window after the files were read: the agenda as
//! arranged, and each number the importer found accepted (perhaps edited) or dropped.
//! Applied to a [`Prepared`] sitting before it is saved, so the window saves through the same
//! [`super::prepare`] and [`super::save::save`] as `delegate-desk new`.

use std::collections::HashSet;

use super::election_entry::ElectionEntry;
use super::sitting::Prepared;
use super::stop_entry::StopEntry;
use crate::i18n::{Lang, tr, trf};
use crate::model::{AgendaItem, AgendaKind, IndicatorKind, Motion, Threshold, VotingMethod};

/// One item of the agenda as arranged in the window.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaEntry {
    pub title: String,
    pub kind: AgendaKind,
    /// Id of a document the item presents.
    pub document: Option<String>,
    /// For a vote: how it is taken. The item gets a motion of its own title.
    pub method: Option<VotingMethod>,
    /// For an election: the election held in the item, defined here.
    pub election: Option<ElectionEntry>,
    /// For the inspection: its stops, in visiting order (may be none yet).
    pub stops: Vec<StopEntry>,
    /// Where the item came from, for the file's comment.
    pub comment: String,
}

impl AgendaEntry {
    /// The items `prepare` proposed (one per report), with their comments, for the window
    /// to arrange.
    pub fn from_prepared(p: &Prepared) -> Vec<AgendaEntry> {
        let arranged = tr(p.lang, "import.src.agenda_arranged");
        AgendaEntry::proposed(p, |i| {
            p.comments
                .agenda
                .get(i)
                .map(|_| arranged.clone().into_owned())
                .unwrap_or_default()
        })
    }

    /// The items `prepare` proposed, as `prepare` wrote them: for the command line, which
    /// only adds to them.
    pub fn as_prepared(p: &Prepared) -> Vec<AgendaEntry> {
        AgendaEntry::proposed(p, |i| p.comments.agenda.get(i).cloned().unwrap_or_default())
    }

    fn proposed(p: &Prepared, comment: impl Fn(usize) -> String) -> Vec<AgendaEntry> {
        p.session
            .agenda
            .iter()
            .enumerate()
            .map(|(i, a)| AgendaEntry {
                title: a.title.clone(),
                kind: a.kind,
                document: a.document.clone(),
                method: None,
                election: None,
                stops: Vec::new(),
                comment: comment(i),
            })
            .collect()
    }

    /// An item added in the window.
    pub fn added(kind: AgendaKind, lang: Lang) -> AgendaEntry {
        AgendaEntry {
            title: String::new(),
            kind,
            document: None,
            method: (kind == AgendaKind::Vote).then_some(VotingMethod::ShowOfHands),
            election: (kind == AgendaKind::Election).then(ElectionEntry::default),
            stops: Vec::new(),
            comment: tr(lang, "import.src.agenda_added").into_owned(),
        }
    }

    /// Makes the item of `kind`: a vote gets a method, an election an election to define.
    /// An election or stops typed before are kept (a slip of the drop-down loses nothing) but
    /// only written while the item is of their kind.
    pub fn set_kind(&mut self, kind: AgendaKind) {
        self.kind = kind;
        if kind != AgendaKind::Vote {
            self.method = None;
        } else if self.method.is_none() {
            self.method = Some(VotingMethod::ShowOfHands);
        }
        if kind == AgendaKind::Election && self.election.is_none() {
            self.election = Some(ElectionEntry::default());
        }
    }

    /// What is wrong with the item as typed, if anything (its title, its election, its
    /// stops), saying which item (rows from 1).
    pub fn problem(&self, row: usize, lang: Lang) -> Option<ReviewError> {
        if self.title.trim().is_empty() {
            return Some(ReviewError::AgendaTitle { row });
        }
        if self.kind == AgendaKind::Election {
            let what = match &self.election {
                Some(e) => e.problem(lang),
                None => Some(tr(lang, "import.election.none").into_owned()),
            };
            if let Some(what) = what {
                return Some(ReviewError::Election { row, what });
            }
        }
        if self.kind == AgendaKind::Inspection {
            for (i, s) in self.stops.iter().enumerate() {
                if let Some(what) = s.problem(lang) {
                    return Some(ReviewError::Stop {
                        row,
                        stop: i + 1,
                        what,
                    });
                }
            }
        }
        None
    }
}

/// A number found in the report, as reviewed: kept or dropped, its fields as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberEntry {
    pub keep: bool,
    pub name: String,
    /// The value as printed ("9.90"): written to the file as is.
    pub value: String,
    pub unit: String,
    pub period: String,
    /// The stated change in percent ("-5", "8.7"), or empty.
    pub yoy: String,
    pub target: bool,
}

impl NumberEntry {
    /// The proposals as found, all kept.
    pub fn from_prepared(p: &Prepared) -> Vec<NumberEntry> {
        p.proposals
            .iter()
            .map(|pr| NumberEntry {
                keep: true,
                name: pr.indicator.name.clone(),
                value: pr.value_text.clone(),
                unit: pr.indicator.unit.clone(),
                period: pr.indicator.period.clone().unwrap_or_default(),
                yoy: pr.yoy_text.clone().unwrap_or_default(),
                target: pr.indicator.target,
            })
            .collect()
    }

    /// What is wrong with the entry as typed, if anything (a kept entry must have a name, a
    /// number and a unit).
    pub fn problem(&self, lang: Lang) -> Option<String> {
        if !self.keep {
            return None;
        }
        if self.name.trim().is_empty() {
            return Some(tr(lang, "import.review.no_name").into_owned());
        }
        if number(&self.value).is_none() {
            return Some(trf(
                lang,
                "import.review.not_a_number",
                &[("text", &self.value)],
            ));
        }
        if self.unit.trim().is_empty() {
            return Some(tr(lang, "import.review.no_unit").into_owned());
        }
        if !self.yoy.trim().is_empty() && number(&self.yoy).is_none() {
            return Some(trf(
                lang,
                "import.review.not_a_number",
                &[("text", &self.yoy)],
            ));
        }
        None
    }
}

/// A number as written in a session file: digits with at most one point and a leading minus,
/// so the text can go into the file verbatim and keeps its decimals.
fn number(s: &str) -> Option<(String, f64)> {
    let t = s.trim().replace([',', '，'], "");
    let digits = t.strip_prefix('-').unwrap_or(&t);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if !ok {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    v.is_finite().then_some((t, v))
}

/// The secretary's decisions, made in the window.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub agenda: Vec<AgendaEntry>,
    /// One per proposal of the prepared sitting, index for index.
    pub numbers: Vec<NumberEntry>,
}

/// Why a review cannot be applied: an entry typed wrong (row numbers from 1).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReviewError {
    #[error("number {row}: {what}")]
    Number { row: usize, what: String },
    #[error("agenda item {row} has no title")]
    AgendaTitle { row: usize },
    #[error("agenda item {row}: {what}")]
    Election { row: usize, what: String },
    #[error("agenda item {row}, stop {stop}: {what}")]
    Stop {
        row: usize,
        stop: usize,
        what: String,
    },
    #[error("the files gave {found} numbers but the review has {reviewed}")]
    Stale { found: usize, reviewed: usize },
}

impl ReviewError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReviewError::Number { row, what } => trf(
                lang,
                "import.review.number_row",
                &[("row", &row.to_string()), ("what", what)],
            ),
            ReviewError::AgendaTitle { row } => trf(
                lang,
                "import.review.agenda_title",
                &[("row", &row.to_string())],
            ),
            ReviewError::Election { row, what } => trf(
                lang,
                "import.review.election_row",
                &[("row", &row.to_string()), ("what", what)],
            ),
            ReviewError::Stop { row, stop, what } => trf(
                lang,
                "import.review.stop_row",
                &[
                    ("row", &row.to_string()),
                    ("stop", &stop.to_string()),
                    ("what", what),
                ],
            ),
            ReviewError::Stale { .. } => tr(lang, "import.review.stale").into_owned(),
        }
    }
}

/// Puts the review into the prepared sitting: the agenda as arranged (a motion for each
/// vote), the kept numbers as indicators, the dropped ones left out of the file, and a basis
/// that pointed at a dropped number removed.
pub fn apply(p: &mut Prepared, r: &Review) -> Result<(), ReviewError> {
    let lang = p.lang;
    if r.numbers.len() != p.proposals.len() {
        return Err(ReviewError::Stale {
            found: p.proposals.len(),
            reviewed: r.numbers.len(),
        });
    }
    if let Some(e) = r
        .agenda
        .iter()
        .enumerate()
        .find_map(|(i, a)| a.problem(i + 1, lang))
    {
        return Err(e);
    }
    let mut kept = Vec::new();
    for (i, (pr, n)) in p.proposals.iter().zip(&r.numbers).enumerate() {
        if !n.keep {
            continue;
        }
        if let Some(what) = n.problem(lang) {
            return Err(ReviewError::Number { row: i + 1, what });
        }
        let mut pr = pr.clone();
        // Checked by `problem` above.
        let Some((value_text, value)) = number(&n.value) else {
            continue;
        };
        let yoy = number(&n.yoy);
        let edited = value_text != pr.value_text
            || n.name.trim() != pr.indicator.name
            || n.unit.trim() != pr.indicator.unit
            || yoy.as_ref().map(|y| y.0.as_str()) != pr.yoy_text.as_deref()
            || n.period.trim() != pr.indicator.period.as_deref().unwrap_or("")
            || n.target != pr.indicator.target;
        pr.indicator.name = n.name.trim().to_string();
        pr.indicator.value = value;
        pr.value_text = value_text;
        pr.indicator.unit = n.unit.trim().to_string();
        if n.unit.contains('%') || n.unit.contains('％') || n.unit.contains("百分点") {
            pr.indicator.kind = IndicatorKind::Rate;
        }
        pr.indicator.period = (!n.period.trim().is_empty()).then(|| n.period.trim().to_string());
        pr.indicator.yoy = yoy.as_ref().map(|y| y.1);
        pr.yoy_text = yoy.map(|y| y.0);
        pr.indicator.target = n.target;
        if edited {
            pr.comment.push_str(&tr(lang, "import.src.edited"));
        }
        kept.push(pr);
    }
    let ids: std::collections::HashSet<String> =
        kept.iter().map(|k| k.indicator.id.clone()).collect();
    for k in &mut kept {
        if k.indicator.basis.as_ref().is_some_and(|b| !ids.contains(b)) {
            k.indicator.basis = None;
        }
    }
    p.reviewed = Some((kept.len(), p.proposals.len() - kept.len()));
    p.proposals = kept;
    p.accepted = true;
    p.session.indicators = p.proposals.iter().map(|x| x.indicator.clone()).collect();

    apply_agenda(p, &r.agenda)
}

/// Puts the agenda as arranged into the prepared sitting: a motion for each vote, an election
/// for each election item, the stops of the inspection items as the itinerary. Ids are
/// readable and unique across motions and elections, which share one namespace.
pub fn apply_agenda(p: &mut Prepared, agenda: &[AgendaEntry]) -> Result<(), ReviewError> {
    let lang = p.lang;
    if let Some(e) = agenda
        .iter()
        .enumerate()
        .find_map(|(i, a)| a.problem(i + 1, lang))
    {
        return Err(e);
    }
    let typed = |window: &str, option: &str| {
        tr(lang, if p.from_window { window } else { option }).into_owned()
    };
    let election_src = typed("import.src.election_typed", "import.src.election_option");
    let stop_src = typed("import.src.stop_typed", "import.src.stop_option");
    let mut taken: HashSet<String> = HashSet::new();
    let mut motions = Vec::new();
    let mut elections = Vec::new();
    let mut itinerary = Vec::new();
    let mut items = Vec::new();
    let mut comments = Vec::new();
    for a in agenda {
        let mut comment = a.comment.clone();
        let mut motion = None;
        let mut election = None;
        match (a.kind, a.method, &a.election) {
            (AgendaKind::Vote, Some(method), _) => {
                let id = fresh_id(&mut taken, "m", motions.len() + 1);
                motions.push(Motion {
                    id: id.clone(),
                    title: a.title.trim().to_string(),
                    method,
                    rule: Threshold::default_majority(),
                    document: a.document.clone(),
                    outcome: None,
                });
                motion = Some(id);
            }
            (AgendaKind::Election, _, Some(e)) => {
                let id = fresh_id(&mut taken, &format!("{}-", e.id_stem()), 1);
                elections.push(e.to_election(id.clone()));
                election = Some(id);
            }
            (AgendaKind::Inspection, _, _) => {
                if a.stops.is_empty() {
                    comment.push_str(&tr(lang, "import.src.itinerary_empty"));
                }
                for s in &a.stops {
                    itinerary.push(s.to_stop(format!("stop-{}", itinerary.len() + 1)));
                }
            }
            _ => {}
        }
        items.push(AgendaItem {
            time: None,
            title: a.title.trim().to_string(),
            kind: a.kind,
            presenter: None,
            document: a.document.clone(),
            motion,
            election,
        });
        comments.push(comment);
    }
    p.comments.elections = vec![election_src; elections.len()];
    p.comments.itinerary = vec![stop_src; itinerary.len()];
    p.session.agenda = items;
    p.session.motions = motions;
    p.session.elections = elections;
    p.session.itinerary = itinerary;
    p.comments.agenda = comments;
    p.session.reindex();
    Ok(())
}

/// `stem` followed by the first number from `n` not yet taken ("m1", "deputy-2").
fn fresh_id(taken: &mut HashSet<String>, stem: &str, mut n: usize) -> String {
    loop {
        let id = format!("{stem}{n}");
        if taken.insert(id.clone()) {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_are_taken_as_printed_or_refused() {
        assert_eq!(number("9.90"), Some(("9.90".to_string(), 9.9)));
        assert_eq!(number(" 1,500 "), Some(("1500".to_string(), 1500.0)));
        assert_eq!(number("-5"), Some(("-5".to_string(), -5.0)));
        for bad in ["", "-", "1.2.3", ".5", "5.", "1e3", "约5", "NaN", "inf"] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }
}
