//! Notes re-attach to a revised session file by their quoted words; what cannot be placed
//! is listed as unplaced and kept.

use delegate_desk::i18n::Lang;
use delegate_desk::model::{Session, load_str};
use delegate_desk::notes::{
    Anchors, NoteKind, NotesStore, Placement, SessionIndex, Target, UnplacedReason,
};

struct Sec<'a> {
    id: &'a str,
    title: &'a str,
    paragraphs: Vec<&'a str>,
}

fn ron_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A valid session file with one report document, the given indicators and stops.
fn session(secs: &[Sec], indicators: &[&str], stops: &[&str]) -> Session {
    let sections: Vec<String> = secs
        .iter()
        .map(|s| {
            let paras: Vec<String> = s.paragraphs.iter().map(|p| ron_str(p)).collect();
            format!(
                "Section(id: {}, title: {}, paragraphs: [{}])",
                ron_str(s.id),
                ron_str(s.title),
                paras.join(", ")
            )
        })
        .collect();
    let inds: Vec<String> = indicators
        .iter()
        .map(|id| {
            format!(
                "Indicator(id: {}, name: \"指标\", category: \"经济\", kind: Amount, value: 1.0, unit: \"亿元\")",
                ron_str(id)
            )
        })
        .collect();
    let stops: Vec<String> = stops
        .iter()
        .map(|id| {
            format!(
                "Stop(id: {}, project: \"项目\", place: \"九江\")",
                ron_str(id)
            )
        })
        .collect();
    let text = format!(
        r#"Session(
    id: "test-session",
    congress: Congress(name: "某镇人民代表大会", title: "某镇第一届人民代表大会第一次会议",
        term: 1, session: 1, town: "某镇", date: "2017-09-21"),
    seats: 10,
    fill_roster_with_placeholders: true,
    documents: [Document(id: "report", title: "政府工作报告", kind: Report, sections: [{}])],
    indicators: [{}],
    itinerary: [{}],
)"#,
        sections.join(",\n"),
        inds.join(", "),
        stops.join(", ")
    );
    match load_str("test.ron", &text, Lang::Zh) {
        Ok(l) => l.session,
        Err(e) => panic!("test session does not load: {e}"),
    }
}

const P1: &str =
    "今年以来，全镇上下紧紧围绕年初确定的目标任务，攻坚克难，经济社会保持平稳健康发展。";
const P2: &str = "全镇实现地区生产总值约120亿元，同比增长8.7%；规模以上工业总产值完成300亿元。";
const P3: &str = "城乡环境明显改善，完成河涌整治12条，新增绿地面积600多亩。";
const P4: &str = "推进改革，深化改革，落实改革，是全年工作的主线。";
const Q1: &str = "加快推进产业转型升级，培育壮大战略性新兴产业。";
const Q2: &str = "深化农村综合改革，推进集体经济组织股份合作制改革。";
const Q3: &str = "持续抓好安全生产工作，坚决遏制重特大事故发生。";

fn original() -> Session {
    session(
        &[
            Sec {
                id: "s1",
                title: "一、过去一年的工作",
                paragraphs: vec![P1, P2, P3, P4],
            },
            Sec {
                id: "s2",
                title: "二、下一步工作安排",
                paragraphs: vec![Q1, Q2, Q3],
            },
        ],
        &["gdp", "green"],
        &["st1", "st2"],
    )
}

/// The same session revised: a paragraph inserted at the top of s1, P2's growth figure
/// corrected, P3 edited around the quote, P4 given a prefix, section s2 renamed (title and
/// id) and Q3 deleted; indicator "green" and stop "st2" removed.
fn revised() -> Session {
    session(
        &[
            Sec {
                id: "s1",
                title: "一、过去一年的工作",
                paragraphs: vec![
                    "一年来，我们在镇党委的坚强领导下开展工作。",
                    P1,
                    "全镇实现地区生产总值约120亿元，同比增长9.1%；规模以上工业总产值完成300亿元。",
                    "城乡环境持续改善，全年完成河涌整治12条，新增绿地面积600多亩。",
                    "我们坚持推进改革，深化改革，落实改革，是全年工作的主线。",
                ],
            },
            Sec {
                id: "plan",
                title: "二、二〇一八年工作安排",
                paragraphs: vec![Q1, Q2],
            },
        ],
        &["gdp"],
        &["st1"],
    )
}

fn chars_of(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

fn find_chars(hay: &str, needle: &str) -> usize {
    let byte = hay.find(needle).unwrap();
    hay[..byte].chars().count()
}

/// Paragraph text by id in `s`.
fn para(s: &Session, id: &str) -> String {
    s.find_paragraph(id).unwrap().1.to_string()
}

struct Made {
    store: NotesStore,
    gdp_quote: String,
    river: String,
    twice: String,
    growth: String,
    new_industry: String,
    safety: String,
    whole_p1: String,
    whole_q2: String,
    whole_q3: String,
    ind_gdp: String,
    ind_green: String,
    stop1: String,
    stop2: String,
    _dir: tempfile::TempDir,
}

fn selection(s: &Session, pid: &str, words: &str) -> Target {
    let text = para(s, pid);
    let start = find_chars(&text, words);
    Target::selection(pid, &text, start, start + words.chars().count())
}

fn make_notes() -> Made {
    let s = original();
    let dir = tempfile::tempdir().unwrap();
    let (mut store, w) = NotesStore::open_at(&dir.path().join("n.json"), &s.id).unwrap();
    assert!(w.is_none());
    let mut add = |t: Target, k: NoteKind, text: &str| store.add(t, k, text, Some("李代表"));
    let gdp_quote = add(
        selection(&s, "s1.2", "生产总值约120亿元"),
        NoteKind::Question,
        "口径？",
    );
    let river = add(
        selection(&s, "s1.3", "河涌整治12条"),
        NoteKind::Support,
        "很好",
    );
    // The second of three "改革" in P4: the context must pick it again.
    let p4 = para(&s, "s1.4");
    let second = find_chars(&p4, "深化改革") + 2;
    let twice = add(
        Target::selection("s1.4", &p4, second, second + 2),
        NoteKind::Concern,
        "第二个改革",
    );
    let growth = add(
        selection(&s, "s1.2", "同比增长8.7%"),
        NoteKind::Question,
        "增速",
    );
    let new_industry = add(
        selection(&s, "s2.1", "培育壮大战略性新兴产业"),
        NoteKind::Suggestion,
        "具体哪些产业",
    );
    let safety = add(
        selection(&s, "s2.3", "坚决遏制重特大事故发生"),
        NoteKind::Concern,
        "安全",
    );
    let whole_p1 = add(Target::paragraph("s1.1", P1), NoteKind::Support, "整段");
    let whole_q2 = add(
        Target::paragraph("s2.2", Q2),
        NoteKind::Suggestion,
        "农村改革",
    );
    let whole_q3 = add(Target::paragraph("s2.3", Q3), NoteKind::Concern, "安全生产");
    let ind_gdp = add(Target::indicator("gdp"), NoteKind::Question, "GDP");
    let ind_green = add(Target::indicator("green"), NoteKind::Question, "绿地");
    let stop1 = add(Target::stop("st1"), NoteKind::Support, "站一");
    let stop2 = add(Target::stop("st2"), NoteKind::Support, "站二");
    Made {
        store,
        gdp_quote,
        river,
        twice,
        growth,
        new_industry,
        safety,
        whole_p1,
        whole_q2,
        whole_q3,
        ind_gdp,
        ind_green,
        stop1,
        stop2,
        _dir: dir,
    }
}

/// Asserts `id` is placed at paragraph `pid` over exactly `words` (whole paragraph when None).
fn assert_text(s: &Session, a: &Anchors, id: &str, pid: &str, words: Option<&str>, moved: bool) {
    match a.placement(id) {
        Some(Placement::Text {
            paragraph_id,
            start,
            end,
            moved: m,
        }) => {
            assert_eq!(paragraph_id, pid, "note {id}");
            let text = para(s, pid);
            match words {
                Some(w) => assert_eq!(chars_of(&text, *start, *end), w, "note {id}"),
                None => assert_eq!((*start, *end), (0, text.chars().count()), "note {id}"),
            }
            assert_eq!(*m, moved, "moved flag of note {id}");
        }
        other => panic!("note {id}: expected placed in {pid}, got {other:?}"),
    }
}

fn reason(a: &Anchors, id: &str) -> UnplacedReason {
    match a.placement(id) {
        Some(Placement::Unplaced { reason }) => *reason,
        other => panic!("note {id}: expected unplaced, got {other:?}"),
    }
}

#[test]
fn every_note_is_placed_in_the_session_it_was_made_in() {
    let m = make_notes();
    let s = original();
    let a = Anchors::compute(&s, m.store.notes());
    assert!(a.unplaced().is_empty(), "{:?}", a.unplaced());
    assert_text(
        &s,
        &a,
        &m.gdp_quote,
        "s1.2",
        Some("生产总值约120亿元"),
        false,
    );
    assert_text(&s, &a, &m.whole_q3, "s2.3", None, false);
    let p4 = para(&s, "s1.4");
    match a.placement(&m.twice) {
        Some(Placement::Text { start, .. }) => {
            assert_eq!(*start, find_chars(&p4, "深化改革") + 2)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        a.in_paragraph("s1.2"),
        [m.gdp_quote.clone(), m.growth.clone()]
    );
    assert_eq!(a.on_indicator("gdp"), std::slice::from_ref(&m.ind_gdp));
    assert_eq!(a.on_stop("st2"), std::slice::from_ref(&m.stop2));
}

#[test]
fn notes_follow_their_words_into_a_revised_session() {
    let m = make_notes();
    let s = revised();
    let a = Anchors::compute(&s, m.store.notes());

    // Shifted down by the inserted paragraph: moved, same words.
    assert_text(
        &s,
        &a,
        &m.gdp_quote,
        "s1.3",
        Some("生产总值约120亿元"),
        true,
    );
    // Edited around the quote: still found by the words.
    assert_text(&s, &a, &m.river, "s1.4", Some("河涌整治12条"), true);
    // The same words three times: the context picks the second again.
    let p4 = para(&s, "s1.5");
    match a.placement(&m.twice) {
        Some(Placement::Text {
            paragraph_id,
            start,
            ..
        }) => {
            assert_eq!(paragraph_id, "s1.5");
            assert_eq!(*start, find_chars(&p4, "深化改革") + 2);
        }
        other => panic!("{other:?}"),
    }
    // Section renamed (new id): found under the new id.
    assert_text(
        &s,
        &a,
        &m.new_industry,
        "plan.1",
        Some("培育壮大战略性新兴产业"),
        true,
    );
    // Whole paragraphs follow their text, not their old position: s1.1 is now the
    // inserted paragraph, P1 moved to s1.2.
    assert_text(&s, &a, &m.whole_p1, "s1.2", None, true);
    assert_text(&s, &a, &m.whole_q2, "plan.2", None, true);
    assert_eq!(
        a.placement(&m.ind_gdp),
        Some(&Placement::Indicator { id: "gdp".into() })
    );
    assert_eq!(
        a.placement(&m.stop1),
        Some(&Placement::Stop { id: "st1".into() })
    );
}

#[test]
fn notes_that_cannot_be_placed_are_listed_not_dropped() {
    let m = make_notes();
    let s = revised();
    let a = Anchors::compute(&s, m.store.notes());

    // The quoted figure was corrected, the quoted paragraph deleted, the whole paragraph
    // deleted, the indicator and the stop removed.
    assert_eq!(reason(&a, &m.growth), UnplacedReason::QuoteNotFound);
    assert_eq!(reason(&a, &m.safety), UnplacedReason::QuoteNotFound);
    assert_eq!(reason(&a, &m.whole_q3), UnplacedReason::ParagraphGone);
    assert_eq!(reason(&a, &m.ind_green), UnplacedReason::IndicatorGone);
    assert_eq!(reason(&a, &m.stop2), UnplacedReason::StopGone);
    let expected = [&m.growth, &m.safety, &m.whole_q3, &m.ind_green, &m.stop2];
    assert_eq!(a.unplaced(), expected.map(|s| s.clone()));
    // Still in the store, and nothing else was lost.
    assert_eq!(m.store.notes().len(), 13);
    for id in expected {
        assert!(m.store.get(id).is_some());
    }
    // Unplaced notes come last in document order.
    let ordered: Vec<&str> = m
        .store
        .filter(None, "", Some(&a))
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(&ordered[8..], expected.map(|s| s.as_str()));
    assert_eq!(ordered[0], m.whole_p1);
}

#[test]
fn reattaching_rewrites_anchors_and_survives_a_reopen() {
    let mut m = make_notes();
    let s = revised();
    let index = SessionIndex::new(&s);
    let first = m.store.reattach(&index);
    m.store.save().unwrap();

    // Reopened, against the same revision: everything placed stays where it was, now
    // without being "moved"; the unplaced ones are still there and still unplaced.
    let path = m.store.path().to_path_buf();
    let (store, w) = NotesStore::open_at(&path, &s.id).unwrap();
    assert!(w.is_none());
    assert_eq!(store.notes().len(), 13);
    let again = Anchors::compute(&s, store.notes());
    for n in store.notes() {
        let (before, after) = (
            first.placement(&n.id).unwrap(),
            again.placement(&n.id).unwrap(),
        );
        match (before, after) {
            (
                Placement::Text {
                    paragraph_id: p1,
                    start: s1,
                    end: e1,
                    ..
                },
                Placement::Text {
                    paragraph_id: p2,
                    start: s2,
                    end: e2,
                    moved,
                },
            ) => {
                assert_eq!((p1, s1, e1), (p2, s2, e2), "note {}", n.id);
                assert!(!moved, "note {} still marked moved after reattach", n.id);
            }
            (b, a) => assert_eq!(b, a, "note {}", n.id),
        }
    }
    assert_eq!(again.unplaced(), first.unplaced());
    // Reattaching is not an edit.
    assert!(!store.can_undo());

    // And the quote of the moved note now carries the revised context.
    match &store.get(&m.river).unwrap().target {
        Target::Paragraph {
            paragraph_id,
            quote: Some(q),
            ..
        } => {
            assert_eq!(paragraph_id, "s1.4");
            assert_eq!(q.exact, "河涌整治12条");
            assert!(q.prefix.ends_with("全年完成"), "{:?}", q.prefix);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_short_quote_does_not_jump_to_unrelated_text() {
    let s = original();
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = NotesStore::open_at(&dir.path().join("n.json"), &s.id).unwrap();
    // One character, "改" of the last "改革" in Q2; then Q2 is deleted.
    let q2 = para(&s, "s2.2");
    let at = q2.chars().count() - 3;
    let id = store.add(
        Target::selection("s2.2", &q2, at, at + 1),
        NoteKind::Question,
        "",
        None,
    );
    let without_q2 = session(
        &[
            Sec {
                id: "s1",
                title: "一",
                paragraphs: vec![P1, P2, P3, P4],
            },
            Sec {
                id: "s2",
                title: "二",
                paragraphs: vec![Q1, Q3],
            },
        ],
        &[],
        &[],
    );
    let a = Anchors::compute(&without_q2, store.notes());
    assert_eq!(reason(&a, &id), UnplacedReason::QuoteNotFound);
}

#[test]
fn filter_by_kind_and_chinese_search() {
    let m = make_notes();
    let s = original();
    let a = Anchors::compute(&s, m.store.notes());
    let questions: Vec<&str> = m
        .store
        .filter(Some(NoteKind::Question), "", Some(&a))
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    // Document order: s1.2 by offset (生产总值 before 同比增长), then indicators.
    assert_eq!(
        questions,
        [&m.gdp_quote, &m.growth, &m.ind_gdp, &m.ind_green]
    );
    // Text, quoted words and author are searched; Latin letters ignore case.
    let hits = |q: &str| m.store.filter(None, q, Some(&a)).len();
    assert_eq!(hits("改革"), 2); // "第二个改革" and "农村改革"
    assert_eq!(hits("河涌"), 1); // only in the quote
    assert_eq!(hits("gdp"), 1);
    assert_eq!(hits("李代表"), 13);
    assert_eq!(hits("不存在的词"), 0);
}
