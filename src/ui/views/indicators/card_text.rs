//! What an indicator card says, worked out once per session and language rather than on
//! every frame: the numbers (value, derived last year, growth, computed rate) and their
//! labels never change while the card is shown, so formatting them per frame is waste.

use crate::i18n::{Lang, tr, trf};
use crate::model::indicator_math::{
    self as im, Shape, axis_unit_label, consistency, derived_decimals, fmt_fixed, fmt_value,
    fmt_yoy, previous_period,
};
use crate::model::{Indicator, Session};

pub(super) struct CardText {
    /// Qualifier and the number as the file writes it: "约1500", "189.25".
    pub value: String,
    pub unit: String,
    /// "▲ 同比 +8.7%", and whether it rose.
    pub yoy: Option<(String, bool)>,
    /// "期间：2017年1-8月"; none when the file states no period.
    pub period: Option<String>,
    /// The paragraph it comes from is in the session.
    pub has_source: bool,
    /// "目标" beside the name of a planned value.
    pub target: Option<String>,
    /// "基数：2016年 10.0亿元": the indicator it grows from.
    pub basis: Option<String>,
    /// The value does not follow from its basis and stated change: what it would be.
    pub growth_warning: Option<String>,
    pub body: Body,
}

pub(super) enum Body {
    Chart(Chart),
    Rate(Rate),
    /// A figure; `no_previous` when a growth is stated but last year cannot be derived.
    Figure {
        no_previous: Option<String>,
    },
}

/// This period beside the same period last year, derived from the stated growth.
pub(super) struct Chart {
    pub value: f64,
    pub prev: f64,
    pub last_label: String,
    pub this_label: String,
    pub x_label: String,
    pub y_label: String,
    /// "≈174.10" over the derived bar.
    pub last_value: String,
    /// The value over this period's bar, with the growth beside it when it does not fit
    /// inside the bar.
    pub this_value: String,
    /// The growth printed inside this period's bar, when the bar is tall enough.
    pub yoy_inside: Option<String>,
    /// "图表：工业总产值", for a screen reader.
    pub accessible: String,
}

/// A rate against 100 %, checked against its parts when the file gives them.
pub(super) struct Rate {
    pub fraction: f32,
    pub gauge: String,
    pub check: Option<Check>,
}

pub(super) enum Check {
    Consistent { computed: String, verdict: String },
    Mismatch { computed: String, verdict: String },
    ZeroWhole(String),
}

impl CardText {
    pub fn new(session: &Session, ind: &Indicator, lang: Lang) -> CardText {
        let value = crate::model::qualified(lang, ind.qualifier, &session.value_text(ind));
        let basis = im::basis_check(session, ind);
        // A basis of the same unit is stated: the chart sets the value beside it instead of
        // beside a last year derived from the growth.
        let stated_basis = basis
            .as_ref()
            .map(|b| b.basis)
            .filter(|b| b.unit.trim() == ind.unit.trim());
        let body = match im::shape_of(ind) {
            Shape::YoyBars => match (
                stated_basis,
                ind.yoy.and_then(|y| previous_period(ind.value, y)),
            ) {
                (Some(b), _) => Body::Chart(beside_basis(session, ind, b, lang)),
                (None, Some(prev)) => Body::Chart(chart(session, ind, prev, lang)),
                (None, None) => Body::Figure { no_previous: None },
            },
            Shape::Progress => Body::Rate(rate(session, ind, &value, lang)),
            Shape::Figure => Body::Figure {
                no_previous: ind
                    .yoy
                    .map(|_| tr(lang, "indicators.no_previous").into_owned()),
            },
        };
        CardText {
            yoy: ind.yoy.map(|y| {
                let arrow = if y >= 0.0 { "▲" } else { "▼" };
                let text = trf(lang, "indicators.yoy", &[("yoy", &fmt_yoy(y))]);
                (format!("{arrow} {text}"), y >= 0.0)
            }),
            period: ind
                .period
                .as_ref()
                .map(|p| trf(lang, "indicators.period", &[("period", p)])),
            has_source: ind
                .source
                .as_deref()
                .is_some_and(|p| session.find_paragraph(p).is_some()),
            target: ind
                .target
                .then(|| tr(lang, "indicators.target").into_owned()),
            basis: basis.as_ref().map(|b| {
                let value =
                    crate::model::qualified(lang, b.basis.qualifier, &session.value_text(b.basis));
                trf(
                    lang,
                    "indicators.basis",
                    &[
                        (
                            "period",
                            &b.basis
                                .period
                                .as_ref()
                                .map(|p| format!("{p} "))
                                .unwrap_or_default(),
                        ),
                        ("value", &value),
                        ("unit", b.basis.unit.trim()),
                    ],
                )
            }),
            growth_warning: basis.as_ref().and_then(|b| {
                let expected = b.expected.as_ref()?;
                Some(trf(
                    lang,
                    "indicators.growth_mismatch",
                    &[
                        ("basis", &session.value_text(b.basis)),
                        ("yoy", &fmt_yoy(ind.yoy.unwrap_or_default())),
                        ("expected", expected),
                        ("value", &session.value_text(ind)),
                        ("unit", ind.unit.trim()),
                    ],
                ))
            }),
            unit: ind.unit.trim().to_string(),
            value,
            body,
        }
    }
}

/// The value beside its stated basis (the same measure for the period before), both as
/// printed.
fn beside_basis(session: &Session, ind: &Indicator, basis: &Indicator, lang: Lang) -> Chart {
    let mut c = chart(session, ind, basis.value, lang);
    c.last_label = match &basis.period {
        Some(p) => trf(lang, "indicators.basis_bar", &[("period", p)]),
        None => tr(lang, "indicators.basis_bar_no_period").into_owned(),
    };
    if ind.target {
        c.this_label = tr(lang, "indicators.target").into_owned();
    }
    c.last_value = session.value_text(basis);
    c
}

fn chart(session: &Session, ind: &Indicator, prev: f64, lang: Lang) -> Chart {
    let written = session.value_text(ind);
    let yoy = fmt_yoy(ind.yoy.unwrap_or_default());
    let top = prev.max(ind.value).max(0.0);
    // Growth inside the bar when the bar is tall enough to hold it, else beside the value.
    let inside = top > 0.0 && ind.value / top >= 0.3;
    Chart {
        value: ind.value,
        prev,
        last_label: tr(lang, "indicators.last_year").into_owned(),
        this_label: tr(lang, "indicators.this_period").into_owned(),
        x_label: ind
            .period
            .clone()
            .unwrap_or_else(|| tr(lang, "indicators.axis_period").into_owned()),
        y_label: axis_unit_label(ind, lang),
        last_value: format!("≈{}", fmt_fixed(prev, derived_decimals(ind.value))),
        this_value: if inside {
            written
        } else {
            format!("{written} ({yoy})")
        },
        yoy_inside: inside.then_some(yoy),
        accessible: trf(lang, "indicators.chart_label", &[("name", &ind.name)]),
    }
}

fn rate(session: &Session, ind: &Indicator, value: &str, lang: Lang) -> Rate {
    let check = consistency(session, ind).map(|c| match c.computed {
        Some(computed) if c.ok => Check::Consistent {
            computed: computed_text(lang, &c, computed),
            verdict: tr(lang, "indicators.consistent").into_owned(),
        },
        Some(computed) => Check::Mismatch {
            computed: computed_text(lang, &c, computed),
            verdict: format!(
                "■ {}",
                trf(
                    lang,
                    "indicators.mismatch",
                    &[("stated", &fmt_value(c.stated))]
                )
            ),
        },
        None => Check::ZeroWhole(tr(lang, "indicators.zero_whole").into_owned()),
    });
    Rate {
        fraction: (ind.value / 100.0).clamp(0.0, 1.0) as f32,
        gauge: trf(lang, "indicators.of_100", &[("value", value)]),
        check,
    }
}

/// "按分项计算：1246 ÷ 1252 = 99.52%", on the card and in its hover.
pub(super) fn computed_text(lang: Lang, c: &im::Consistency, computed: f64) -> String {
    trf(
        lang,
        "indicators.computed",
        &[
            ("part", &fmt_value(c.part)),
            ("whole", &fmt_value(c.whole)),
            ("computed", &fmt_fixed(computed, 2)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(target_value: &str) -> Session {
        let text = format!(
            r#"Session(
    id: "t",
    congress: Congress(name: "某镇人民代表大会", title: "某镇会议", term: 1, session: 1,
                       town: "某镇", date: "2017-03-01"),
    seats: 30,
    fill_roster_with_placeholders: true,
    indicators: [
        Indicator(id: "gdp16", name: "地区生产总值", category: "经济", kind: Amount,
                  value: 10.0, unit: "亿元", period: Some("2016年")),
        Indicator(id: "gdp17", name: "地区生产总值", category: "经济", kind: Amount,
                  value: {target_value}, unit: "亿元", period: Some("2017年"), yoy: Some(10),
                  target: true, basis: Some("gdp16")),
    ],
)"#
        );
        crate::model::load_str("t.ron", &text, Lang::Zh)
            .expect("loads")
            .session
    }

    #[test]
    fn a_target_is_marked_and_set_beside_its_stated_basis() {
        let s = session("11.0");
        for (lang, mark, basis) in [
            (Lang::Zh, "目标", "基数：2016年 10.0亿元"),
            (Lang::En, "Target", "Basis: 2016年 10.0 亿元"),
        ] {
            let t = CardText::new(&s, &s.indicators[1], lang);
            assert_eq!(t.target.as_deref(), Some(mark));
            assert_eq!(t.basis.as_deref(), Some(basis));
            assert_eq!(t.growth_warning, None, "10.0 × 1.10 = 11.0 follows");
            let Body::Chart(c) = &t.body else {
                panic!("an amount with a change is a chart")
            };
            // The bar beside it is the basis as printed, not a last year derived from 10 %.
            assert_eq!((c.prev, c.last_value.as_str()), (10.0, "10.0"));
            assert_eq!(c.this_label, mark);
        }
        // The basis itself is a result, not a target, and has no basis.
        let t = CardText::new(&s, &s.indicators[0], Lang::Zh);
        assert_eq!((t.target, t.basis), (None, None));
    }

    #[test]
    fn a_target_that_does_not_follow_from_its_basis_says_what_it_would_be() {
        let s = session("12.5");
        let t = CardText::new(&s, &s.indicators[1], Lang::Zh);
        let w = t.growth_warning.expect("12.5 is not 10.0 × 1.10");
        assert!(w.contains("11.0亿元") && w.contains("12.5亿元"), "{w}");
        // Within the rounding of the printed figures 11.1 can follow from 10.0 and 10 %
        // (10.05 × 1.105 ≥ 11.05); 11.2 cannot.
        let warned = |v: &str| {
            let s = session(v);
            CardText::new(&s, &s.indicators[1], Lang::Zh)
                .growth_warning
                .is_some()
        };
        assert!(!warned("11.1"));
        assert!(warned("11.2"));
    }
}
