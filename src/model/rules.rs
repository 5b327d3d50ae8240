//! Quorum and majority rules, in integer arithmetic only.
//!
//! Organic Law of the Local People's Congresses and Local People's Governments (2022):
//! - Art. 14 ¶4: a sitting needs 三分之二以上 (two-thirds *or more*) of the seated delegates.
//! - Art. 25: a resolution passes with 过半数 (*more than* half) of all seated delegates.
//!
//! With 107 seated: quorum 72 (3·72 = 216 ≥ 214), majority 54 (2·54 = 108 > 107).

use serde::{Deserialize, Serialize};

/// What a fraction is taken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Base {
    /// 全体代表: all seated delegates (the law's default for resolutions).
    Seated,
    /// 出席代表: delegates present at the vote.
    Present,
    /// Votes cast (yes + no + abstain; invalid ballots not counted).
    Cast,
}

/// "`fraction` of `base`", passed when the count is strictly greater (`strict`) or at least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub base: Base,
    /// (numerator, denominator), e.g. (1, 2).
    pub fraction: (u32, u32),
    /// true: more than (过半数); false: at least (以上).
    pub strict: bool,
}

impl Threshold {
    /// Two-thirds or more of the seated (Art. 14 ¶4).
    pub fn default_quorum() -> Self {
        Self {
            base: Base::Seated,
            fraction: (2, 3),
            strict: false,
        }
    }

    /// More than half of all seated (Art. 25).
    pub fn default_majority() -> Self {
        Self {
            base: Base::Seated,
            fraction: (1, 2),
            strict: true,
        }
    }

    /// Whether the fraction lies in (0, 1].
    pub fn is_valid(&self) -> bool {
        let (n, d) = self.fraction;
        d > 0 && n > 0 && n <= d
    }

    /// The smallest count that meets the rule for a base of `base_count`.
    /// None when the fraction is invalid, or when no count ≤ base can meet it.
    pub fn required(&self, base_count: u32) -> Option<u32> {
        if !self.is_valid() {
            return None;
        }
        let (n, d) = (u64::from(self.fraction.0), u64::from(self.fraction.1));
        let b = u64::from(base_count);
        // at least: smallest c with c·d ≥ n·b  → ceil(n·b / d)
        // strictly: smallest c with c·d > n·b  → floor(n·b / d) + 1
        let c = if self.strict {
            n * b / d + 1
        } else {
            (n * b).div_ceil(d)
        };
        if c > b {
            return None;
        }
        u32::try_from(c).ok()
    }

    /// Whether `count` out of `base_count` meets the rule.
    pub fn is_met(&self, count: u32, base_count: u32) -> bool {
        if !self.is_valid() {
            return false;
        }
        let (n, d) = (u64::from(self.fraction.0), u64::from(self.fraction.1));
        let lhs = u64::from(count) * d;
        let rhs = n * u64::from(base_count);
        if self.strict { lhs > rhs } else { lhs >= rhs }
    }

    /// Human-readable, e.g. "全体代表过半数" / "more than 1/2 of all seated".
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let (n, d) = self.fraction;
        match lang {
            Lang::Zh => {
                let base = match self.base {
                    Base::Seated => "全体代表",
                    Base::Present => "出席代表",
                    Base::Cast => "有效表决票",
                };
                let frac = match (n, d) {
                    (1, 2) => "半数".to_string(),
                    (2, 3) => "三分之二".to_string(),
                    _ => format!("{n}/{d}"),
                };
                if self.strict {
                    format!("{base}过{frac}")
                } else {
                    format!("{base}{frac}以上")
                }
            }
            Lang::En => {
                let base = match self.base {
                    Base::Seated => "all seated delegates",
                    Base::Present => "delegates present",
                    Base::Cast => "votes cast",
                };
                let cmp = if self.strict { "more than" } else { "at least" };
                format!("{cmp} {n}/{d} of {base}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jiujiang_boundaries() {
        let q = Threshold::default_quorum();
        assert_eq!(q.required(107), Some(72));
        assert!(!q.is_met(71, 107));
        assert!(q.is_met(72, 107));
        let m = Threshold::default_majority();
        assert_eq!(m.required(107), Some(54));
        assert!(!m.is_met(53, 107));
        assert!(m.is_met(54, 107));
    }

    #[test]
    fn exactly_two_thirds_is_a_quorum_and_exactly_half_is_not_a_majority() {
        assert!(Threshold::default_quorum().is_met(2, 3));
        assert_eq!(Threshold::default_quorum().required(99), Some(66));
        assert!(!Threshold::default_majority().is_met(50, 100));
        assert_eq!(Threshold::default_majority().required(100), Some(51));
    }

    #[test]
    fn invalid_fractions_never_pass() {
        for fraction in [(0, 2), (3, 2), (1, 0)] {
            let t = Threshold {
                base: Base::Seated,
                fraction,
                strict: false,
            };
            assert!(!t.is_valid());
            assert!(!t.is_met(10, 10));
            assert_eq!(t.required(10), None);
        }
    }

    #[test]
    fn unanimity_rules() {
        let all = Threshold {
            base: Base::Present,
            fraction: (1, 1),
            strict: false,
        };
        assert_eq!(all.required(5), Some(5));
        let more_than_all = Threshold {
            strict: true,
            ..all
        };
        assert_eq!(more_than_all.required(5), None);
    }
}
