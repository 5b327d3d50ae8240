//! The arithmetic and text behind the Indicators view: derived last-year values, rates
//! checked against their parts, the source sentence, formatting, grouping and tables.

use delegate_desk::i18n::Lang;
use delegate_desk::model::indicator_math::{
    Shape, axis_marks, consistency, derived_decimals, fmt_fixed, fmt_tick, fmt_value, fmt_yoy,
    group_by_category, previous_period, round_to, sentence_with, shape_of, source_sentence, table,
    tsv, value_text,
};
use delegate_desk::model::validate::{RateCheck, rate_check};
use delegate_desk::model::{Indicator, IndicatorKind, Parts, Qualifier, Session, load_bundled};

fn jiujiang() -> Session {
    load_bundled(Lang::Zh).unwrap().session
}

fn ind(id: &str, kind: IndicatorKind, value: f64, unit: &str) -> Indicator {
    Indicator {
        id: id.to_string(),
        name: id.to_string(),
        category: "c".to_string(),
        kind,
        value,
        unit: unit.to_string(),
        qualifier: None,
        period: None,
        yoy: None,
        parts: None,
        source: None,
        target: false,
        basis: None,
    }
}

#[test]
fn last_year_is_derived_from_the_stated_growth() {
    // The issue's example: 189.25 / 1.087 ≈ 174.10.
    let prev = previous_period(189.25, 8.7).unwrap();
    assert!((prev - 174.103_036).abs() < 1e-5, "{prev}");
    assert_eq!(fmt_fixed(prev, derived_decimals(189.25)), "174.10");
    // Growth of 55.74 %: 37.99 / 1.5574.
    assert_eq!(
        fmt_fixed(previous_period(37.99, 55.74).unwrap(), 2),
        "24.39"
    );
    // No change: the same value; a fall: a larger value last year.
    assert_eq!(previous_period(50.0, 0.0), Some(50.0));
    assert_eq!(previous_period(50.0, -50.0), Some(100.0));
    // Derived, then grown again, gives back the stated value.
    let p = previous_period(9.9, 25.43).unwrap();
    assert!((p * 1.2543 - 9.9).abs() < 1e-12);
}

#[test]
fn last_year_is_not_derived_at_or_below_minus_100_percent() {
    assert_eq!(previous_period(10.0, -100.0), None);
    assert_eq!(previous_period(10.0, -100.000_001), None);
    assert_eq!(previous_period(10.0, -250.0), None);
    assert!(previous_period(10.0, -99.999).is_some());
    assert_eq!(previous_period(10.0, f64::NAN), None);
    assert_eq!(previous_period(10.0, f64::INFINITY), None);
    assert_eq!(previous_period(f64::NAN, 5.0), None);
    // A huge growth still gives a finite, tiny value.
    assert!(previous_period(1.0, 1e300).unwrap() > 0.0);
}

#[test]
fn rounding_for_display() {
    assert_eq!(round_to(174.103, 2), 174.1);
    assert_eq!(round_to(2.675_000_1, 2), 2.68);
    assert_eq!(derived_decimals(189.25), 2);
    assert_eq!(derived_decimals(600.0), 2);
    assert_eq!(derived_decimals(1.2345), 4);
}

#[test]
fn the_jiujiang_resolution_rate_matches_its_parts() {
    let s = jiujiang();
    let rate = s.indicator("opinions-resolution-rate").unwrap();
    let c = consistency(&s, rate).unwrap();
    assert_eq!(c.stated, 99.5);
    assert_eq!((c.part, c.whole), (1246.0, 1252.0));
    let computed = c.computed.unwrap();
    assert!((computed - 1246.0 / 1252.0 * 100.0).abs() < 1e-9);
    assert!(c.ok);
    // A rate without parts has nothing to check.
    assert_eq!(
        consistency(&s, s.indicator("grid-closure-rate").unwrap()),
        None
    );
}

/// A session with a rate `stated` of `part` / `whole`.
fn rate_session(stated: f64, part: f64, whole: f64) -> Session {
    let mut s = jiujiang();
    let mut r = ind("r", IndicatorKind::Rate, stated, "%");
    r.parts = Some(Parts {
        part: "p".into(),
        whole: "w".into(),
    });
    s.indicators = vec![
        ind("p", IndicatorKind::Count, part, "条"),
        ind("w", IndicatorKind::Count, whole, "条"),
        r,
    ];
    s
}

#[test]
fn consistency_follows_the_validator_on_rounding_boundaries() {
    // (stated, part, whole): 1/8 = 12.5 %, written without decimals, may be 12 or 13;
    // 99.45 rounds to 99.5 (one decimal) but 99.44 does not.
    for (stated, part, whole) in [
        (13.0, 1.0, 8.0),
        (12.0, 1.0, 8.0),
        (11.0, 1.0, 8.0),
        (99.5, 1246.0, 1252.0),
        (99.6, 1246.0, 1252.0),
        (99.5, 9945.0, 10000.0),
        (99.5, 9944.0, 10000.0),
        (99.5, 9955.0, 10000.0),
        (99.5, 9956.0, 10000.0),
        (100.0, 5.0, 5.0),
        (0.0, 0.0, 7.0),
    ] {
        let s = rate_session(stated, part, whole);
        let c = consistency(&s, s.indicator("r").unwrap()).unwrap();
        let expected = matches!(rate_check(stated, part, whole), RateCheck::Consistent(_));
        assert_eq!(c.ok, expected, "{stated} vs {part}/{whole}");
    }
    let ok = |stated, part, whole| {
        let s = rate_session(stated, part, whole);
        consistency(&s, s.indicator("r").unwrap()).unwrap().ok
    };
    assert!(ok(99.5, 9945.0, 10000.0));
    assert!(!ok(99.5, 9944.0, 10000.0));
    assert!(ok(99.5, 9955.0, 10000.0));
    assert!(!ok(99.5, 9956.0, 10000.0));
    assert!(!ok(11.0, 1.0, 8.0));
}

#[test]
fn a_zero_whole_is_never_consistent() {
    let s = rate_session(50.0, 1.0, 0.0);
    let c = consistency(&s, s.indicator("r").unwrap()).unwrap();
    assert_eq!(c.computed, None);
    assert!(!c.ok);
}

#[test]
fn a_missing_part_gives_no_check() {
    let mut s = rate_session(50.0, 1.0, 2.0);
    s.indicators.remove(0);
    assert_eq!(consistency(&s, s.indicator("r").unwrap()), None);
}

#[test]
fn the_source_sentence_is_the_one_stating_the_number() {
    let s = jiujiang();
    let sentence = |id: &str| source_sentence(&s, s.indicator(id).unwrap()).unwrap();
    assert_eq!(
        sentence("industrial-output"),
        "今年1-8月,全镇实现工业总产值189.25亿元,较去年同期增长8.7%;"
    );
    // 9.90 is written with a trailing zero.
    assert_eq!(
        sentence("tax-revenue"),
        "国、地两税实现入库9.90亿元,同比增长25.43%。"
    );
    // 10 must not match 103381 nor 10 in a date; it is "超过10条".
    assert!(sentence("grid-daily-tasks").contains("每个网格日均巡查任务超过10条"));
    assert!(sentence("opinions-resolution-rate").contains("99.5%"));
}

#[test]
fn a_number_not_found_falls_back_to_the_whole_paragraph() {
    let s = jiujiang();
    let mut i = s.indicator("industrial-output").unwrap().clone();
    i.value = 123.0;
    let (_, para) = s.find_paragraph("industry.1").unwrap();
    assert_eq!(source_sentence(&s, &i).unwrap(), para.trim());
    i.source = None;
    assert_eq!(source_sentence(&s, &i), None);
    i.source = Some("nowhere.9".into());
    assert_eq!(source_sentence(&s, &i), None);
}

#[test]
fn numbers_glued_to_others_or_dates_do_not_count() {
    assert_eq!(
        sentence_with("共1000人；共10人。", 10.0, "人").unwrap(),
        "共10人。"
    );
    assert_eq!(sentence_with("1-8月；超过1条", 1.0, "").unwrap(), "超过1条");
    assert_eq!(sentence_with("8月31日；2.5个", 31.0, "个"), None);
    assert_eq!(sentence_with("3.14；3", 3.0, "").unwrap(), "3");
}

#[test]
fn numbers_print_without_exponent_and_with_grouping() {
    assert_eq!(fmt_value(112120.0), "112,120");
    assert_eq!(fmt_value(987783.0), "987,783");
    assert_eq!(fmt_value(7000.0), "7000");
    assert_eq!(fmt_value(189.25), "189.25");
    assert_eq!(fmt_value(1e12), "1,000,000,000,000");
    assert_eq!(fmt_value(0.0001), "0.0001");
    assert_eq!(fmt_fixed(-0.001, 2), "0.00");
    assert_eq!(fmt_fixed(-12345.678, 1), "-12,345.7");
    assert_eq!(fmt_yoy(8.7), "+8.7%");
    assert_eq!(fmt_yoy(-3.0), "-3%");
    assert_eq!(fmt_yoy(0.0), "0%");
    assert_eq!(fmt_tick(200000.0, 50000.0), "200,000");
    assert_eq!(fmt_tick(0.25, 0.05), "0.25");
    for v in [1e-7, 3.5e20, 123456789.123] {
        assert!(!fmt_value(v).contains('e'), "{v}");
    }
}

#[test]
fn an_axis_gets_marks_at_one_nice_step() {
    let values =
        |lo, hi, min| -> Vec<f64> { axis_marks(lo, hi, min).iter().map(|m| m.0).collect() };
    // 189.25 against ≈174.10, the plot showing 0..236: a step of at least 80 is 100.
    assert_eq!(values(0.0, 236.5, 80.0), [0.0, 100.0, 200.0]);
    assert!(axis_marks(0.0, 236.5, 80.0).iter().all(|m| m.1 == 100.0));
    // 1, 2, 5 times a power of ten, the smallest not under the minimum.
    assert_eq!(axis_marks(0.0, 47.5, 15.7)[1], (20.0, 20.0));
    assert_eq!(axis_marks(0.0, 12.4, 4.1)[1], (5.0, 5.0));
    assert_eq!(axis_marks(0.0, 0.9, 0.3)[1], (0.5, 0.5));
    // A minimum that is a nice step already is kept, rounding noise or not.
    assert_eq!(axis_marks(0.0, 30.0, 10.000000001)[1].1, 10.0);
    // Negative growth: marks either side of zero, zero included.
    assert_eq!(values(-12.0, 30.0, 9.0), [-10.0, 0.0, 10.0, 20.0, 30.0]);
    // Degenerate input gives no marks rather than a loop or a panic.
    assert!(axis_marks(0.0, 10.0, 0.0).is_empty());
    assert!(axis_marks(0.0, f64::INFINITY, 1.0).is_empty());
    assert!(axis_marks(5.0, 1.0, 1.0).is_empty());
    assert!(axis_marks(0.0, 1e12, 1e-6).is_empty());
    assert!(axis_marks(0.0, f64::NAN, 1.0).is_empty());
}

#[test]
fn values_carry_their_qualifier_and_unit() {
    let s = jiujiang();
    let mut i = ind("x", IndicatorKind::Amount, 7000.0, "万元");
    i.qualifier = Some(Qualifier::Nearly);
    assert_eq!(value_text(&s, &i, Lang::Zh), "近7000万元");
    i.qualifier = Some(Qualifier::MoreThan);
    // 超, the word the export uses too (one word per qualifier).
    assert_eq!(value_text(&s, &i, Lang::Zh), "超7000万元");
    i.qualifier = Some(Qualifier::About);
    assert_eq!(value_text(&s, &i, Lang::En), "about 7000万元");
    // as the file writes it: 9.90亿元, not 9.9
    let tax = s.indicator("tax-revenue").unwrap();
    assert_eq!(value_text(&s, tax, Lang::Zh), "9.90亿元");
}

#[test]
fn shapes_follow_kind_and_growth() {
    let mut a = ind("a", IndicatorKind::Amount, 10.0, "亿元");
    assert_eq!(shape_of(&a), Shape::Figure);
    a.yoy = Some(5.0);
    assert_eq!(shape_of(&a), Shape::YoyBars);
    a.yoy = Some(-100.0);
    assert_eq!(shape_of(&a), Shape::Figure);
    assert_eq!(
        shape_of(&ind("r", IndicatorKind::Rate, 5.0, "%")),
        Shape::Progress
    );
}

#[test]
fn categories_keep_file_order() {
    let s = jiujiang();
    let groups = group_by_category(&s.indicators);
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "经济",
            "生态",
            "民生与治理",
            "发展规划",
            "视察项目",
            "人大工作"
        ]
    );
    let total: usize = groups.iter().map(|g| g.indicators.len()).sum();
    assert_eq!(total, s.indicators.len());
    for g in &groups {
        assert!(g.indicators.windows(2).all(|w| w[0] < w[1]));
        assert!(
            g.indicators
                .iter()
                .all(|&i| s.indicators[i].category == g.name)
        );
    }
    // Interleaved categories still group together, in order of first appearance.
    let mixed = vec![
        Indicator {
            category: "b".into(),
            ..ind("1", IndicatorKind::Count, 1.0, "个")
        },
        Indicator {
            category: "a".into(),
            ..ind("2", IndicatorKind::Count, 1.0, "个")
        },
        Indicator {
            category: "b".into(),
            ..ind("3", IndicatorKind::Count, 1.0, "个")
        },
    ];
    let g = group_by_category(&mixed);
    assert_eq!(g.len(), 2);
    assert_eq!(
        (g[0].name.as_str(), g[0].indicators.clone()),
        ("b", vec![0, 2])
    );
}

#[test]
fn tables_are_tab_separated_and_keep_columns() {
    let text = tsv(&[
        vec!["a".into(), "b\tc".into()],
        vec!["多行\n文本".into(), "1".into()],
    ]);
    assert_eq!(text, "a\tb c\n多行 文本\t1\n");

    let s = jiujiang();
    let i = s
        .indicators
        .iter()
        .position(|i| i.id == "industrial-output")
        .unwrap();
    let rows = table(&s, &[i], Lang::Zh);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].len(), rows[1].len());
    assert_eq!(rows[0][0], "指标");
    assert_eq!(rows[1][0], "工业总产值");
    assert!(rows[1].contains(&"189.25".to_string()));
    assert!(rows[1].contains(&"174.10".to_string()));
    assert!(rows[1].contains(&"8.7".to_string()));
    let text = tsv(&rows);
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().all(|l| l.split('\t').count() == rows[0].len()));
}
