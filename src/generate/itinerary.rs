//! Inspection stops, each pointing at a paragraph and a few indicators.

use super::PARAGRAPHS_PER_SECTION;
use super::phrases::{PLACES, PROJECTS};
use super::prose::{name, sentence};
use super::rng::Rng;
use crate::model::{Indicator, Stop};

/// `count` stops in the morning and afternoon, at made-up places with made-up facts.
pub(super) fn stops(
    rng: &mut Rng,
    count: u32,
    section_ids: &[String],
    indicators: &[Indicator],
) -> Vec<Stop> {
    (0..count)
        .map(|k| {
            let sec = &section_ids[rng.below(section_ids.len())];
            let paragraphs = vec![format!("{sec}.{}", 1 + rng.below(PARAGRAPHS_PER_SECTION))];
            let n_inds = if indicators.is_empty() {
                0
            } else {
                rng.below(4)
            };
            let inds: Vec<String> = (0..n_inds)
                .map(|_| indicators[rng.below(indicators.len())].id.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let facts = (0..2 + rng.below(3)).map(|_| sentence(rng)).collect();
            Stop {
                id: format!("stop{:02}", k + 1),
                project: rng.word(PROJECTS).to_string(),
                place: rng.word(PLACES).to_string(),
                time: Some(if k % 2 == 0 { "上午" } else { "下午" }.to_string()),
                host: Some(format!("项目负责人 {}", name(rng))),
                facts,
                indicators: inds,
                paragraphs,
                coords: Some((
                    100.0 + rng.below(20_000) as f64 / 1000.0,
                    22.0 + rng.below(18_000) as f64 / 1000.0,
                )),
            }
        })
        .collect()
}
