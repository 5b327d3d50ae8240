//! Semantic checks on a parsed session. Each finding names the path of the offending item,
//! which `load` turns into a line and column.

use std::collections::{HashMap, HashSet};

use super::Severity;
use super::election::candidates_rule;
use super::rules::Threshold;
use super::session::{Indicator, IndicatorKind, Session};
use crate::i18n::{Lang, trf};

/// A path step that owns nothing, so findings can be collected and located later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSeg {
    Field(&'static str),
    Index(usize),
}

/// One finding, before it has a line and column.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub path: Vec<PathSeg>,
    /// When set, point at this string inside the list at `path` (one bad reference of many).
    pub list_item: Option<String>,
    pub message: String,
}

use PathSeg::{Field as F, Index as I};

/// The most seats a session may have. The largest assembly there is, the National People's
/// Congress, has 2,977 seats; a township's has tens to about a hundred. 10,000 leaves room
/// for any real assembly (and for test sessions three times the NPC) while keeping a roster
/// filled with placeholders, and every per-delegate table, small.
pub const MAX_SEATS: u32 = 10_000;

struct Checker<'a> {
    lang: Lang,
    out: Vec<Finding>,
    s: &'a Session,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, path: Vec<PathSeg>, key: &str, args: &[(&str, &str)]) {
        self.out.push(Finding {
            severity,
            path,
            list_item: None,
            message: trf(self.lang, key, args),
        });
    }

    fn error(&mut self, path: Vec<PathSeg>, key: &str, args: &[(&str, &str)]) {
        self.push(Severity::Error, path, key, args);
    }

    fn warn(&mut self, path: Vec<PathSeg>, key: &str, args: &[(&str, &str)]) {
        self.push(Severity::Warning, path, key, args);
    }

    fn missing_ref(&mut self, path: Vec<PathSeg>, list_item: Option<&str>, what: &str, id: &str) {
        let what = crate::i18n::tr(self.lang, what);
        self.out.push(Finding {
            severity: Severity::Error,
            path,
            list_item: list_item.map(str::to_string),
            message: trf(
                self.lang,
                "check.missing_ref",
                &[("what", &what), ("id", id)],
            ),
        });
    }

    /// Reports the second and later uses of each id in `ids` (list field `list`).
    fn unique<'b>(&mut self, list: &'static str, ids: impl Iterator<Item = &'b str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.get(id) {
                let first = (first + 1).to_string();
                self.error(
                    vec![F(list), I(i), F("id")],
                    "check.duplicate_id",
                    &[("id", id), ("first", &first)],
                );
            } else {
                seen.insert(id, i);
            }
            if id.trim().is_empty() {
                self.error(vec![F(list), I(i), F("id")], "check.empty_id", &[]);
            }
        }
    }

    fn nonempty(&mut self, path: Vec<PathSeg>, value: &str) {
        if value.trim().is_empty() {
            self.error(path, "check.empty_title", &[]);
        }
    }

    fn threshold(&mut self, path: Vec<PathSeg>, t: &Threshold) {
        if !t.is_valid() {
            let (n, d) = t.fraction;
            let mut p = path;
            p.push(F("fraction"));
            self.error(
                p,
                "check.bad_fraction",
                &[("n", &n.to_string()), ("d", &d.to_string())],
            );
        }
    }
}

/// Runs every semantic check. Findings come in file order within each kind of check.
pub fn validate(s: &Session, lang: Lang) -> Vec<Finding> {
    let mut c = Checker {
        lang,
        out: Vec::new(),
        s,
    };

    c.nonempty(vec![F("id")], &s.id);
    c.nonempty(vec![F("congress"), F("title")], &s.congress.title);
    c.nonempty(vec![F("congress"), F("name")], &s.congress.name);
    if !is_iso_date(&s.congress.date) {
        c.warn(
            vec![F("congress"), F("date")],
            "check.bad_date",
            &[("date", &s.congress.date)],
        );
    }

    // Seats and roster.
    if s.seats == 0 {
        c.error(vec![F("seats")], "check.zero_seats", &[]);
    } else if s.seats > MAX_SEATS {
        c.error(
            vec![F("seats")],
            "check.too_many_seats",
            &[
                ("seats", &s.seats.to_string()),
                ("max", &MAX_SEATS.to_string()),
            ],
        );
    }
    let explicit = s.roster.iter().filter(|d| !d.placeholder).count();
    if explicit as u64 > u64::from(s.seats) {
        c.error(
            vec![F("seats")],
            "check.roster_exceeds_seats",
            &[
                ("roster", &explicit.to_string()),
                ("seats", &s.seats.to_string()),
            ],
        );
    } else if s.roster.len() < s.seats as usize && !s.fill_roster_with_placeholders {
        c.warn(
            vec![F("seats")],
            "check.roster_short",
            &[
                ("roster", &s.roster.len().to_string()),
                ("seats", &s.seats.to_string()),
            ],
        );
    }
    c.threshold(vec![F("quorum")], &s.quorum);

    // Ids are unique within their kind; sections across all documents, since paragraph ids
    // (`section.N`) must be unique in the whole session.
    c.unique(
        "roster",
        s.roster
            .iter()
            .filter(|d| !d.placeholder)
            .map(|d| d.id.as_str()),
    );
    c.unique("groups", s.groups.iter().map(|g| g.id.as_str()));
    c.unique("documents", s.documents.iter().map(|d| d.id.as_str()));
    c.unique("indicators", s.indicators.iter().map(|d| d.id.as_str()));
    c.unique("motions", s.motions.iter().map(|d| d.id.as_str()));
    c.unique("elections", s.elections.iter().map(|d| d.id.as_str()));
    c.unique("itinerary", s.itinerary.iter().map(|d| d.id.as_str()));
    let mut section_seen: HashSet<&str> = HashSet::new();
    for (di, doc) in s.documents.iter().enumerate() {
        c.nonempty(vec![F("documents"), I(di), F("title")], &doc.title);
        for (si, sec) in doc.sections.iter().enumerate() {
            let path = vec![F("documents"), I(di), F("sections"), I(si)];
            if !section_seen.insert(sec.id.as_str()) {
                let mut p = path.clone();
                p.push(F("id"));
                c.error(p, "check.duplicate_section", &[("id", &sec.id)]);
            }
            if sec.id.trim().is_empty() {
                let mut p = path.clone();
                p.push(F("id"));
                c.error(p, "check.empty_id", &[]);
            }
            let mut p = path.clone();
            p.push(F("title"));
            c.nonempty(p, &sec.title);
            if !(1..=2).contains(&sec.level) {
                let mut p = path.clone();
                p.push(F("level"));
                c.warn(p, "check.bad_level", &[("level", &sec.level.to_string())]);
            }
        }
    }

    let groups: HashSet<&str> = s.groups.iter().map(|g| g.id.as_str()).collect();
    for (i, d) in s.roster.iter().enumerate().filter(|(_, d)| !d.placeholder) {
        if let Some(name) = &d.name
            && name.trim().is_empty()
        {
            c.error(vec![F("roster"), I(i), F("name")], "check.empty_name", &[]);
        }
        if let Some(g) = &d.group
            && !groups.contains(g.as_str())
        {
            c.missing_ref(
                vec![F("roster"), I(i), F("group")],
                None,
                "check.what.group",
                g,
            );
        }
    }

    // Agenda references.
    for (i, item) in s.agenda.iter().enumerate() {
        c.nonempty(vec![F("agenda"), I(i), F("title")], &item.title);
        if let Some(doc) = &item.document
            && s.document(doc).is_none()
        {
            c.missing_ref(
                vec![F("agenda"), I(i), F("document")],
                None,
                "check.what.document",
                doc,
            );
        }
        if let Some(m) = &item.motion
            && s.motion(m).is_none()
        {
            c.missing_ref(
                vec![F("agenda"), I(i), F("motion")],
                None,
                "check.what.motion",
                m,
            );
        }
        if let Some(e) = &item.election
            && s.election(e).is_none()
        {
            c.missing_ref(
                vec![F("agenda"), I(i), F("election")],
                None,
                "check.what.election",
                e,
            );
        }
    }

    // Indicators.
    for (i, ind) in s.indicators.iter().enumerate() {
        let at = |f: &'static str| vec![F("indicators"), I(i), F(f)];
        c.nonempty(at("name"), &ind.name);
        if ind.unit.trim().is_empty() {
            c.error(at("unit"), "check.empty_unit", &[]);
        }
        if !ind.value.is_finite() {
            c.error(at("value"), "check.not_finite", &[]);
        }
        if ind.kind == IndicatorKind::Rate && !(0.0..=100.0).contains(&ind.value) {
            c.error(
                at("value"),
                "check.rate_range",
                &[("value", &fmt_num(ind.value))],
            );
        }
        if matches!(ind.kind, IndicatorKind::Amount | IndicatorKind::Count) && ind.value < 0.0 {
            c.error(
                at("value"),
                "check.negative",
                &[("value", &fmt_num(ind.value))],
            );
        }
        if let Some(y) = ind.yoy
            && (!y.is_finite() || y <= -100.0)
        {
            c.error(at("yoy"), "check.bad_yoy", &[("yoy", &fmt_num(y))]);
        }
        if let Some(src) = &ind.source
            && s.find_paragraph(src).is_none()
        {
            c.missing_ref(at("source"), None, "check.what.paragraph", src);
        }
        if let Some(basis_id) = &ind.basis {
            match s.indicator(basis_id) {
                None => c.missing_ref(at("basis"), None, "check.what.indicator", basis_id),
                Some(basis) if basis.id == ind.id => c.error(at("basis"), "check.basis_self", &[]),
                Some(basis) if basis.unit.trim() != ind.unit.trim() => c.warn(
                    at("basis"),
                    "check.basis_unit",
                    &[("unit", &ind.unit), ("basis_unit", &basis.unit)],
                ),
                Some(basis) => {
                    if let Some(yoy) = ind.yoy {
                        growth(&mut c, i, ind, basis, yoy);
                    }
                }
            }
        }
        if let Some(parts) = &ind.parts {
            let part = s.indicator(&parts.part);
            let whole = s.indicator(&parts.whole);
            if part.is_none() {
                let p = vec![F("indicators"), I(i), F("parts"), F("part")];
                c.missing_ref(p, None, "check.what.indicator", &parts.part);
            }
            if whole.is_none() {
                let p = vec![F("indicators"), I(i), F("parts"), F("whole")];
                c.missing_ref(p, None, "check.what.indicator", &parts.whole);
            }
            if let (Some(part), Some(whole)) = (part, whole) {
                match rate_check(ind.value, part.value, whole.value) {
                    RateCheck::Consistent(_) => {}
                    RateCheck::Mismatch(computed) => c.error(
                        at("value"),
                        "check.rate_mismatch",
                        &[
                            ("stated", &fmt_num(ind.value)),
                            ("computed", &format!("{computed:.2}")),
                            ("part", &fmt_num(part.value)),
                            ("whole", &fmt_num(whole.value)),
                        ],
                    ),
                    RateCheck::ZeroWhole => c.error(at("parts"), "check.zero_whole", &[]),
                }
            }
        }
    }

    // Motions.
    for (i, m) in s.motions.iter().enumerate() {
        c.nonempty(vec![F("motions"), I(i), F("title")], &m.title);
        c.threshold(vec![F("motions"), I(i), F("rule")], &m.rule);
        if let Some(doc) = &m.document
            && s.document(doc).is_none()
        {
            c.missing_ref(
                vec![F("motions"), I(i), F("document")],
                None,
                "check.what.document",
                doc,
            );
        }
    }

    elections(&mut c);

    // Itinerary.
    for (i, stop) in s.itinerary.iter().enumerate() {
        c.nonempty(vec![F("itinerary"), I(i), F("project")], &stop.project);
        for id in &stop.indicators {
            if s.indicator(id).is_none() {
                let p = vec![F("itinerary"), I(i), F("indicators")];
                c.missing_ref(p, Some(id), "check.what.indicator", id);
            }
        }
        for id in &stop.paragraphs {
            if s.find_paragraph(id).is_none() {
                let p = vec![F("itinerary"), I(i), F("paragraphs")];
                c.missing_ref(p, Some(id), "check.what.paragraph", id);
            }
        }
        if let Some((lon, lat)) = stop.coords
            && !((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
        {
            c.error(
                vec![F("itinerary"), I(i), F("coords")],
                "check.bad_coords",
                &[],
            );
        }
    }
    c.out
}

/// Elections: ids apart from the motions' (one namespace, so `record --open ID` is never
/// ambiguous), names unique on a ballot, and the candidate list lawful for the post.
fn elections(c: &mut Checker) {
    let s = c.s;
    for (i, e) in s.elections.iter().enumerate() {
        let at = |f: &'static str| vec![F("elections"), I(i), F(f)];
        if s.motion(&e.id).is_some() {
            c.error(at("id"), "check.election.id_is_motion", &[("id", &e.id)]);
        }
        c.nonempty(at("office"), &e.office);
        if e.seats == 0 {
            c.error(at("seats"), "check.election.zero_seats", &[]);
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for (k, cand) in e.candidates.iter().enumerate() {
            let p = vec![F("elections"), I(i), F("candidates"), I(k), F("name")];
            let name = cand.name.trim();
            if name.is_empty() {
                c.error(p, "check.election.empty_name", &[]);
            } else if name.starts_with('+') || name.contains([',', '=']) || name != cand.name {
                // `+`, `,` and `=` separate a ballot on the command line (`张三=yes,+王五`).
                c.error(p, "check.election.bad_name", &[("name", &cand.name)]);
            } else if !seen.insert(name) {
                c.error(p, "check.election.duplicate_name", &[("name", name)]);
            }
        }
        let n = u32::try_from(e.candidates.len()).unwrap_or(u32::MAX);
        if e.seats > 0
            && let Err(rule) = candidates_rule(e.post, e.seats, n)
        {
            c.error(
                at("candidates"),
                rule.key(),
                &[
                    ("candidates", &n.to_string()),
                    ("seats", &e.seats.to_string()),
                    ("bound", &rule.bound().to_string()),
                ],
            );
        }
    }
}

/// Warns when an indicator's value does not follow from its basis and stated change beyond
/// the rounding of the printed figures; the numbers stay as printed.
fn growth(c: &mut Checker<'_>, i: usize, ind: &Indicator, basis: &Indicator, yoy: f64) {
    let s = c.s;
    if let Some(shown) = super::indicator_math::growth_mismatch(s, ind, basis, yoy) {
        c.warn(
            vec![F("indicators"), I(i), F("value")],
            "check.growth_mismatch",
            &[
                ("value", &s.value_text(ind)),
                ("unit", &ind.unit),
                ("basis", &s.value_text(basis)),
                ("yoy", &fmt_num(yoy)),
                ("expected", &shown),
            ],
        );
    }
}

/// Result of comparing a stated rate with its parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RateCheck {
    /// The stated value is the computed one, rounded to the stated precision.
    Consistent(f64),
    /// Off by more than rounding can explain; carries the computed percentage.
    Mismatch(f64),
    ZeroWhole,
}

/// Compares `stated` (a percentage) with `part / whole · 100`. The stated value may be
/// rounded to as many decimals as it is written with: 99.5 stands for [99.45, 99.55).
pub fn rate_check(stated: f64, part: f64, whole: f64) -> RateCheck {
    if whole == 0.0 {
        return RateCheck::ZeroWhole;
    }
    let computed = part / whole * 100.0;
    let decimals = decimals_of(stated);
    let half_ulp = 0.5 * 10f64.powi(-(decimals as i32));
    // A hair of tolerance for binary floating point at the exact rounding boundary.
    if (computed - stated).abs() <= half_ulp + 1e-9 {
        RateCheck::Consistent(computed)
    } else {
        RateCheck::Mismatch(computed)
    }
}

/// Decimals in the shortest representation of `v` (99.5 → 1, 68 → 0, 99.32 → 2).
pub fn decimals_of(v: f64) -> usize {
    let s = format!("{v}");
    s.split_once('.').map(|(_, f)| f.len()).unwrap_or(0).min(10)
}

/// Numbers without scientific notation or trailing zeros: 189.25, 112120, 0.5.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(s[5..7].parse::<u32>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u32>(), Ok(1..=31))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_rounding_boundaries() {
        // 1246 of 1252 = 99.52…%, stated 99.5: fine.
        assert!(matches!(
            rate_check(99.5, 1246.0, 1252.0),
            RateCheck::Consistent(_)
        ));
        // stated 99.6 is off by more than half of 0.1.
        assert!(matches!(
            rate_check(99.6, 1246.0, 1252.0),
            RateCheck::Mismatch(_)
        ));
        // exactly on the rounding edge: 1/8 = 12.5% stated as 13 (one decimal less) is fine,
        // 12 is not.
        assert!(matches!(
            rate_check(13.0, 1.0, 8.0),
            RateCheck::Consistent(_)
        ));
        assert!(matches!(
            rate_check(12.0, 1.0, 8.0),
            RateCheck::Consistent(_)
        ));
        assert!(matches!(rate_check(11.0, 1.0, 8.0), RateCheck::Mismatch(_)));
        assert_eq!(rate_check(50.0, 1.0, 0.0), RateCheck::ZeroWhole);
    }

    #[test]
    fn numbers_print_without_exponent() {
        assert_eq!(fmt_num(189.25), "189.25");
        assert_eq!(fmt_num(987783.0), "987783");
        assert_eq!(fmt_num(1e12), "1000000000000");
        assert_eq!(decimals_of(99.32), 2);
        assert_eq!(decimals_of(68.0), 0);
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2017-09-21"));
        assert!(!is_iso_date("2017-9-21"));
        assert!(!is_iso_date("2017-13-01"));
        assert!(!is_iso_date("二〇一七年"));
    }
}
