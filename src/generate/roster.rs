//! Delegations and the roster.

use super::phrases::{DELEGATIONS, ROLES};
use super::prose::name;
use super::rng::Rng;
use crate::model::{Delegate, Group};

/// `count` delegations, named after real ones while the list lasts.
pub(super) fn groups(count: u32) -> Vec<Group> {
    (0..count)
        .map(|i| {
            let name = match DELEGATIONS.get(i as usize) {
                Some(d) => format!("{d}代表团"),
                None => format!("第{}代表小组", i + 1),
            };
            Group {
                id: format!("g{:02}", i + 1),
                name,
            }
        })
        .collect()
}

/// `delegates` delegates with Chinese names, a few with roles, listed by delegation.
pub(super) fn roster(rng: &mut Rng, delegates: u32, groups: &[Group]) -> Vec<Delegate> {
    (0..delegates)
        .map(|i| {
            let group = if groups.is_empty() {
                None
            } else {
                // Contiguous blocks, as a roster lists delegates by delegation.
                let g = (i as usize * groups.len()) / delegates as usize;
                Some(groups[g].id.clone())
            };
            let mut roles = Vec::new();
            if rng.chance(1, 8) {
                roles.push(rng.word(ROLES).to_string());
            }
            Delegate {
                id: format!("d{:04}", i + 1),
                name: Some(name(rng)),
                group,
                roles,
                placeholder: false,
            }
        })
        .collect()
}
