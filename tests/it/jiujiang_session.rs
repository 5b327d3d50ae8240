//! The bundled Jiujiang session against the article it was transcribed from.
//!
//! These tests pin the facts a secretary relies on (seats, headline numbers, the budget vote,
//! the inspection route) and guard the transcription itself: every indicator must be found
//! in the paragraph it cites, and every report paragraph must appear verbatim in the seed.

use std::path::PathBuf;

use delegate_desk::i18n::Lang;
use delegate_desk::model::validate::fmt_num;
use delegate_desk::model::{
    IndicatorKind, Qualifier, Session, StatedResult, Threshold, VotingMethod, load_bundled,
};

fn session() -> Session {
    let loaded = load_bundled(Lang::Zh).unwrap();
    assert!(
        loaded.warnings.is_empty(),
        "bundled session has warnings: {:?}",
        loaded.warnings
    );
    loaded.session
}

/// The article the session comes from, kept outside the crate in `../shared/seed/`.
fn seed_article() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("seed")
        .join("000_f9a80b5bf8805cb0.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!(
            "the seed article {} is needed to check the transcription ({e}); \
             check out ../shared next to this crate",
            path.display()
        ),
    }
}

/// Chinese numerals for the small counts the article writes in words (十三连冠, 三所, 七大, 两大, 四个).
fn chinese_numeral(n: u32) -> Vec<String> {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut out = Vec::new();
    match n {
        0..=9 => out.push(DIGITS[n as usize].to_string()),
        10 => out.push("十".to_string()),
        11..=19 => out.push(format!("十{}", DIGITS[(n % 10) as usize])),
        20..=99 if n.is_multiple_of(10) => out.push(format!("{}十", DIGITS[(n / 10) as usize])),
        20..=99 => out.push(format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            DIGITS[(n % 10) as usize]
        )),
        _ => {}
    }
    if n == 2 {
        out.push("两".to_string());
    }
    out
}

/// Ways the article may write `value` (in `unit`): digits as stored, digits with the trailing
/// zeros the article keeps (9.90), or words; 1 before 亿/万 is left unwritten (近亿元).
fn spellings(value: f64, unit: &str) -> Vec<String> {
    let digits = fmt_num(value);
    let mut out = vec![digits.clone()];
    if value.fract() == 0.0 && (0.0..100.0).contains(&value) {
        out.extend(chinese_numeral(value as u32));
    }
    if value == 1.0 && (unit.starts_with('亿') || unit.starts_with('万')) {
        out.push(unit.to_string());
    }
    out
}

#[test]
fn seats_and_roster_name_only_the_delegate_the_article_names() {
    let s = session();
    assert_eq!(s.seats, 107);
    assert_eq!(s.roster.len(), 107);
    let named: Vec<_> = s.roster.iter().filter(|d| d.name.is_some()).collect();
    assert_eq!(named.len(), 1, "only 张钊荣 is named as a delegate");
    assert_eq!(named[0].name.as_deref(), Some("张钊荣"));
    assert!(!named[0].placeholder);
    assert_eq!(named[0].roles, vec!["上东社区党委书记".to_string()]);
    let placeholders = s.roster.iter().filter(|d| d.placeholder).count();
    assert_eq!(placeholders, 106);
    assert!(
        s.roster
            .iter()
            .filter(|d| d.placeholder)
            .all(|d| d.name.is_none())
    );
    // Officials who speak are not delegates in the article.
    for official in ["张厚祥", "潘洁英", "冯纯祥", "卢达生"] {
        assert!(
            s.roster.iter().all(|d| d.name.as_deref() != Some(official)),
            "{official} is not stated to be a delegate"
        );
    }
    // Quorum and majority are the legal defaults, not numbers from the article.
    assert_eq!(s.quorum, Threshold::default_quorum());
    assert_eq!(s.quorum.required(s.seats), Some(72));
}

#[test]
fn congress_leaves_unstated_facts_empty() {
    let s = session();
    assert_eq!(s.congress.title, "九江镇第三届人民代表大会第三次会议");
    assert_eq!((s.congress.term, s.congress.session), (3, 3));
    assert_eq!(s.congress.date, "2017-09-21");
    assert_eq!(s.congress.venue, None);
    assert_eq!(s.congress.presiding_body, None);
    let source = s.congress.source.as_deref().unwrap_or_default();
    assert!(source.contains("朱觉超"), "{source}");
    assert!(source.contains("九江镇党委办"), "{source}");
}

#[test]
fn headline_indicators_carry_value_unit_and_growth() {
    let s = session();
    for (id, value, yoy) in [
        ("industrial-output", 189.25, 8.7),
        ("fixed-asset-investment", 37.99, 55.74),
        ("tax-revenue", 9.90, 25.43),
    ] {
        let i = s
            .indicator(id)
            .unwrap_or_else(|| panic!("missing indicator {id}"));
        assert_eq!(i.value, value, "{id}");
        assert_eq!(i.unit, "亿元", "{id}");
        assert_eq!(i.kind, IndicatorKind::Amount, "{id}");
        assert_eq!(i.yoy, Some(yoy), "{id}");
        assert_eq!(i.period.as_deref(), Some("2017年1-8月"), "{id}");
    }
}

#[test]
fn resolution_rate_is_tied_to_its_parts() {
    let s = session();
    let rate = s.indicator("opinions-resolution-rate").unwrap();
    assert_eq!(rate.kind, IndicatorKind::Rate);
    assert_eq!(rate.value, 99.5);
    let parts = rate.parts.as_ref().expect("99.5% is stated with its parts");
    let part = s.indicator(&parts.part).unwrap();
    let whole = s.indicator(&parts.whole).unwrap();
    assert_eq!((part.value, whole.value), (1246.0, 1252.0));
    let computed = part.value / whole.value * 100.0;
    assert!((computed - rate.value).abs() < 0.05, "{computed}");
}

#[test]
fn qualified_numbers_keep_their_qualifier() {
    let s = session();
    for (id, value, unit, q) in [
        ("sme-financing", 1.0, "亿元", Qualifier::Nearly),
        ("reserve-land", 600.0, "亩", Qualifier::MoreThan),
        ("greening-funds", 1500.0, "万元", Qualifier::About),
        ("new-green-area", 1000.0, "亩", Qualifier::MoreThan),
        (
            "village-environment-investment",
            7000.0,
            "万元",
            Qualifier::Nearly,
        ),
        ("shangdong-former-firms", 10.0, "家", Qualifier::MoreThan),
    ] {
        let i = s.indicator(id).unwrap();
        assert_eq!(
            (i.value, i.unit.as_str(), i.qualifier),
            (value, unit, Some(q)),
            "{id}"
        );
    }
    // A plain number has no qualifier.
    assert_eq!(s.indicator("grid-records").unwrap().qualifier, None);
}

#[test]
fn budget_motion_is_a_show_of_hands_passed_without_counts() {
    let s = session();
    assert_eq!(s.motions.len(), 1);
    let m = &s.motions[0];
    assert_eq!(
        m.title,
        "九江镇2017年1-8月的财政预算执行情况及财政预算调整报告"
    );
    assert_eq!(m.method, VotingMethod::ShowOfHands);
    assert_eq!(m.rule, Threshold::default_majority());
    assert_eq!(m.rule.required(s.seats), Some(54));
    assert_eq!(
        m.document, None,
        "the article does not contain the budget report"
    );
    let outcome = m.outcome.as_ref().expect("the article says it passed");
    assert_eq!(outcome.result, StatedResult::Passed);
    assert_eq!(
        (outcome.yes, outcome.no, outcome.abstain),
        (None, None, None)
    );
    assert!(
        outcome
            .source
            .as_deref()
            .is_some_and(|q| q.contains("审议并通过了"))
    );
    // The vote sits on the agenda.
    assert!(
        s.agenda
            .iter()
            .any(|a| a.motion.as_deref() == Some(m.id.as_str()))
    );
}

#[test]
fn agenda_times_are_only_the_afternoon_the_article_states() {
    let s = session();
    let timed: Vec<_> = s.agenda.iter().filter_map(|a| a.time.as_deref()).collect();
    assert_eq!(timed, vec!["下午", "下午"]);
    let last = s.agenda.last().unwrap();
    assert_eq!(last.document.as_deref(), Some("feng-speech"));
    assert_eq!(s.agenda[1].document.as_deref(), Some("gov-report"));
}

#[test]
fn inspection_visits_four_stops_in_article_order() {
    let s = session();
    let projects: Vec<_> = s.itinerary.iter().map(|t| t.project.as_str()).collect();
    assert_eq!(
        projects,
        vec![
            "上东工业区改造提升示范项目",
            "南北主涌沙口段挡土墙重建工程",
            "乐善·家",
            "社会治理网格化",
        ]
    );
    for stop in &s.itinerary {
        assert_eq!(stop.time.as_deref(), Some("下午"), "{}", stop.id);
        assert_eq!(
            stop.coords, None,
            "{}: the article gives no coordinates",
            stop.id
        );
    }
    // The article mentions the stops in this order in one sentence; check it really does.
    let article = seed_article();
    let positions: Vec<usize> = projects
        .iter()
        .map(|p| {
            article
                .find(p)
                .unwrap_or_else(|| panic!("{p} not in article"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn every_indicator_is_written_in_the_paragraph_it_cites() {
    let s = session();
    assert!(s.indicators.len() >= 40, "every number of the article");
    for i in &s.indicators {
        let src = i
            .source
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no source paragraph", i.id));
        let (_, text) = s
            .find_paragraph(src)
            .unwrap_or_else(|| panic!("{}: paragraph {src} not found", i.id));
        let forms = spellings(i.value, &i.unit);
        let found: Vec<&String> = forms.iter().filter(|f| text.contains(f.as_str())).collect();
        assert!(
            !found.is_empty(),
            "{}: none of {forms:?} in {src}: {text}",
            i.id
        );
        // Money, area and percentages must also carry the unit the indicator claims.
        if matches!(i.kind, IndicatorKind::Amount | IndicatorKind::Rate) {
            assert!(
                text.contains(&i.unit),
                "{}: unit {} not in {src}",
                i.id,
                i.unit
            );
        }
        if let Some(yoy) = i.yoy {
            let yoy = format!("{}%", fmt_num(yoy));
            assert!(text.contains(&yoy), "{}: {yoy} not in {src}", i.id);
        }
        // The qualifier stands right next to the number: 近7000, 约1500, 超1000, 600多, 超过10.
        if let Some(q) = i.qualifier {
            let next_to = |f: &String| match q {
                Qualifier::Nearly => text.contains(&format!("近{f}")),
                Qualifier::About => text.contains(&format!("约{f}")),
                Qualifier::MoreThan => {
                    text.contains(&format!("超{f}"))
                        || text.contains(&format!("超过{f}"))
                        || text.contains(&format!("{f}多"))
                }
            };
            assert!(
                found.into_iter().any(next_to),
                "{}: {q:?} not in {src}",
                i.id
            );
        }
    }
}

#[test]
fn stop_links_resolve_and_stay_on_their_stop() {
    let s = session();
    for stop in &s.itinerary {
        for p in &stop.paragraphs {
            assert!(s.find_paragraph(p).is_some(), "{}: {p}", stop.id);
        }
        for id in &stop.indicators {
            let i = s.indicator(id).unwrap();
            let src = i.source.as_deref().unwrap();
            assert!(
                stop.paragraphs.iter().any(|p| p == src),
                "{}: indicator {id} comes from {src}, which the stop does not link",
                stop.id
            );
        }
    }
}

#[test]
fn every_paragraph_is_verbatim_from_the_article() {
    let s = session();
    let article = seed_article();
    let lines: Vec<&str> = article.lines().map(str::trim).collect();
    for (id, _, text) in s.paragraphs() {
        assert!(!text.starts_with('▲'), "{id} is a picture caption");
        assert!(
            lines.contains(&text),
            "{id} is not a paragraph of the article verbatim: {text}"
        );
    }
}

#[test]
fn report_holds_every_paragraph_the_article_gives_it() {
    let s = session();
    let article = seed_article();
    let report = s.document("gov-report").unwrap();
    let titles: Vec<&str> = report.sections.iter().map(|x| x.title.as_str()).collect();
    let ours: Vec<&str> = report
        .sections
        .iter()
        .flat_map(|x| x.paragraphs.iter().map(String::as_str))
        .collect();
    // The report runs from the article's heading “解读政府工作报告” to the inspection heading.
    let start = article.find("解读政府工作报告").unwrap();
    let end = article.find("107名人大代表视察部分重点项目").unwrap();
    let theirs: Vec<&str> = article[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "解读政府工作报告")
        .filter(|l| !l.starts_with('▲') && !titles.contains(l))
        // A picture caption the article prints without its ▲.
        .filter(|l| *l != "G325国道改造后")
        .collect();
    assert_eq!(ours, theirs);
}

#[test]
fn report_keeps_every_article_heading_in_order() {
    let s = session();
    let article = seed_article();
    let report = s.document("gov-report").unwrap();
    let mut last = 0;
    for sec in &report.sections {
        let at = article[last..]
            .find(&sec.title)
            .unwrap_or_else(|| panic!("heading {} not found after byte {last}", sec.title));
        last += at + sec.title.len();
        // Each paragraph follows its heading in the article.
        for p in &sec.paragraphs {
            let at = article[last..]
                .find(p.as_str())
                .unwrap_or_else(|| panic!("{}: paragraph out of order", sec.id));
            last += at + p.len();
        }
    }
    let levels: Vec<u8> = report.sections.iter().map(|x| x.level).collect();
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 2);
    assert_eq!(levels.len(), 13);
}
