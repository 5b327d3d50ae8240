//! Report prose: names, sentences, paragraphs and the numbers written in them.

use super::PARAGRAPH_CHARS;
use super::phrases::{GIVEN, OBJECTS, OPENERS, RESULTS, SURNAMES, TAILS, VERBS};
use super::rng::Rng;

pub(super) fn name(rng: &mut Rng) -> String {
    let mut n = rng.word(SURNAMES).to_string();
    n.push_str(rng.word(GIVEN));
    if rng.chance(2, 3) {
        n.push_str(rng.word(GIVEN));
    }
    n
}

/// One sentence of report prose, about 25–45 characters.
pub(super) fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(1, 2) {
        s.push_str(rng.word(OPENERS));
    }
    s.push_str(rng.word(VERBS));
    s.push_str(rng.word(OBJECTS));
    s.push('，');
    if rng.chance(1, 3) {
        let n = rng.range(2, 980);
        s.push_str(&format!("完成项目{n}个，"));
    }
    s.push_str(rng.word(RESULTS));
    if rng.chance(1, 2) {
        s.push('，');
        s.push_str(rng.word(TAILS));
    }
    s.push('。');
    s
}

pub(super) fn paragraph(rng: &mut Rng, extra: &[String]) -> String {
    let mut p = String::new();
    let mut chars = 0;
    let target = PARAGRAPH_CHARS / 2 + rng.below(PARAGRAPH_CHARS);
    let mut extra = extra.iter();
    while chars < target {
        let s = match extra.next() {
            Some(e) => e.clone(),
            None => sentence(rng),
        };
        chars += s.chars().count();
        p.push_str(&s);
    }
    // Sentences about indicators that did not fit the length still belong here.
    for e in extra {
        p.push_str(e);
    }
    p
}

/// A value with one decimal, as reports print amounts ("189.3").
pub(super) fn one_decimal(rng: &mut Rng, lo: u64, hi: u64) -> f64 {
    rng.range(lo * 10, hi * 10) as f64 / 10.0
}

pub(super) fn fmt_value(v: f64) -> String {
    crate::model::validate::fmt_num(v)
}

pub(super) fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".to_string(),
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}
