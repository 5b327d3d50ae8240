//! Indicators, and the sentence of report prose that states each one.

use std::collections::BTreeMap;

use super::PARAGRAPHS_PER_SECTION;
use super::phrases::{AMOUNT_NAMES, CATEGORIES, COUNT_NAMES};
use super::prose::{fmt_value, one_decimal};
use super::rng::Rng;
use crate::model::{Indicator, IndicatorKind, Parts, Qualifier};

/// `n_ind` indicators sourced from random paragraphs of `section_ids`, and for each source
/// paragraph the sentences that state them. Every fourth slot (with room for three) is a
/// rate with its two counts, consistent as `check` requires.
pub(super) fn indicators(
    rng: &mut Rng,
    n_ind: usize,
    section_ids: &[String],
) -> (Vec<Indicator>, BTreeMap<String, Vec<String>>) {
    let mut indicators: Vec<Indicator> = Vec::with_capacity(n_ind);
    let mut statements: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let year = 2024;
    let mut i = 0;
    while i < n_ind {
        let category = rng.word(CATEGORIES).to_string();
        let section = &section_ids[rng.below(section_ids.len())];
        let source = format!("{section}.{}", 1 + rng.below(PARAGRAPHS_PER_SECTION));
        let period = Some(format!("{year}年"));
        // Every fourth slot (with room for three) is a rate with its two counts.
        if i % 4 == 3 && i + 3 <= n_ind {
            let base = rng.word(COUNT_NAMES);
            let whole = rng.range(100, 20_000);
            let part = rng.range(whole / 2, whole);
            let rate = ((part as f64 / whole as f64) * 1000.0).round() / 10.0;
            let ids = [
                format!("i{:03}", i + 1),
                format!("i{:03}", i + 2),
                format!("i{:03}", i + 3),
            ];
            let names = [
                format!("{base}总数"),
                format!("{base}办结数"),
                format!("{base}办结率"),
            ];
            statements.entry(source.clone()).or_default().push(format!(
                "{}{whole}件，{}{part}件，{}{}%。",
                names[0],
                names[1],
                names[2],
                fmt_value(rate)
            ));
            for (k, (kind, value, unit)) in [
                (IndicatorKind::Count, whole as f64, "件"),
                (IndicatorKind::Count, part as f64, "件"),
                (IndicatorKind::Rate, rate, "%"),
            ]
            .into_iter()
            .enumerate()
            {
                indicators.push(Indicator {
                    id: ids[k].clone(),
                    name: names[k].clone(),
                    category: category.clone(),
                    kind,
                    value,
                    unit: unit.to_string(),
                    qualifier: None,
                    period: period.clone(),
                    yoy: None,
                    parts: (kind == IndicatorKind::Rate).then(|| Parts {
                        part: ids[1].clone(),
                        whole: ids[0].clone(),
                    }),
                    source: Some(source.clone()),
                    target: false,
                    basis: None,
                });
            }
            i += 3;
            continue;
        }
        let id = format!("i{:03}", i + 1);
        let (kind, name, value, unit) = if rng.chance(2, 3) {
            let n = rng.word(AMOUNT_NAMES);
            (
                IndicatorKind::Amount,
                n.to_string(),
                one_decimal(rng, 1, 5000),
                "亿元",
            )
        } else {
            let n = rng.word(COUNT_NAMES);
            (
                IndicatorKind::Count,
                n.to_string(),
                rng.range(1, 50_000) as f64,
                "个",
            )
        };
        let yoy = rng
            .chance(3, 4)
            .then(|| rng.range(0, 400) as f64 / 10.0 - 10.0);
        let qualifier = match rng.below(8) {
            0 => Some(Qualifier::About),
            1 => Some(Qualifier::Nearly),
            2 => Some(Qualifier::MoreThan),
            _ => None,
        };
        let q = match qualifier {
            Some(Qualifier::About) => "约",
            Some(Qualifier::Nearly) => "近",
            Some(Qualifier::MoreThan) => "超",
            None => "",
        };
        let mut st = format!("全年{name}{q}{}{unit}", fmt_value(value));
        if let Some(y) = yoy {
            if y >= 0.0 {
                st.push_str(&format!("，同比增长{}%", fmt_value(y)));
            } else {
                st.push_str(&format!("，同比下降{}%", fmt_value(-y)));
            }
        }
        st.push('。');
        statements.entry(source.clone()).or_default().push(st);
        indicators.push(Indicator {
            id,
            name,
            category,
            kind,
            value,
            unit: unit.to_string(),
            qualifier,
            period,
            yoy,
            parts: None,
            source: Some(source),
            target: false,
            basis: None,
        });
        i += 1;
    }
    (indicators, statements)
}
