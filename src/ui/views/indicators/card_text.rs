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
        let body = match im::shape_of(ind) {
            Shape::YoyBars => match ind.yoy.and_then(|y| previous_period(ind.value, y)) {
                Some(prev) => Body::Chart(chart(session, ind, prev, lang)),
                None => Body::Figure { no_previous: None },
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
            unit: ind.unit.trim().to_string(),
            value,
            body,
        }
    }
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
