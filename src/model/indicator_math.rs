//! Arithmetic and text behind the Indicators view: last year's value derived from the stated
//! growth, the consistency of a rate with its parts, the sentence a number comes from, number
//! formatting without exponents, grouping by category, and tab-separated tables.
//!
//! No egui here: the view draws what these functions decide.

use super::session::{Indicator, IndicatorKind, Session};
use super::validate::{RateCheck, decimals_of, fmt_num, rate_check};
use crate::i18n::{Label, Lang, tr};

/// The same period last year, derived from this period's value and the stated year-on-year
/// change in percent: `value / (1 + yoy/100)`. None when the change is -100 % or less (there
/// was nothing, or less than nothing, last year) or anything is not finite.
pub fn previous_period(value: f64, yoy_percent: f64) -> Option<f64> {
    if !value.is_finite() || !yoy_percent.is_finite() || yoy_percent <= -100.0 {
        return None;
    }
    let prev = value / (1.0 + yoy_percent / 100.0);
    prev.is_finite().then_some(prev)
}

/// How many decimals a derived value is shown with: as many as the stated value has, and at
/// least two, so 189.25 / 1.087 reads 174.10 and 600 / 1.1 reads 545.45.
pub fn derived_decimals(stated: f64) -> usize {
    decimals_of(stated).max(2)
}

/// Rounds half away from zero to `decimals` places.
pub fn round_to(v: f64, decimals: usize) -> f64 {
    let f = 10f64.powi(decimals.min(12) as i32);
    (v * f).round() / f
}

/// A rate checked against its parts (`part / whole`), as the validator checks it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Consistency {
    /// The rate as the session states it, in percent.
    pub stated: f64,
    /// `part / whole · 100`; None when the whole is zero.
    pub computed: Option<f64>,
    pub part: f64,
    pub whole: f64,
    /// True when the stated rate is the computed one, rounded as it is written.
    pub ok: bool,
}

/// The consistency of an indicator with its parts. None when it has no parts, or a part the
/// session does not define (the validator reports that).
pub fn consistency(session: &Session, ind: &Indicator) -> Option<Consistency> {
    let parts = ind.parts.as_ref()?;
    let part = session.indicator(&parts.part)?.value;
    let whole = session.indicator(&parts.whole)?.value;
    let (computed, ok) = match rate_check(ind.value, part, whole) {
        RateCheck::Consistent(c) => (Some(c), true),
        RateCheck::Mismatch(c) => (Some(c), false),
        RateCheck::ZeroWhole => (None, false),
    };
    Some(Consistency {
        stated: ind.value,
        computed,
        part,
        whole,
        ok,
    })
}

/// How an indicator is best drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    /// This period beside the same period last year (derived from the growth).
    YoyBars,
    /// A bar against 100 %.
    Progress,
    /// A big number with its unit.
    Figure,
}

pub fn shape_of(ind: &Indicator) -> Shape {
    match ind.kind {
        IndicatorKind::Rate => Shape::Progress,
        IndicatorKind::Amount | IndicatorKind::Count => {
            match ind.yoy.and_then(|y| previous_period(ind.value, y)) {
                Some(_) => Shape::YoyBars,
                None => Shape::Figure,
            }
        }
    }
}

/// One category of indicators, in the order the file first names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    /// Indices into `Session::indicators`, in file order.
    pub indicators: Vec<usize>,
}

/// Groups indicators by their category text, categories in order of first appearance and
/// indicators in file order within each. A blank category is kept as its own group.
pub fn group_by_category(indicators: &[Indicator]) -> Vec<Category> {
    let mut out: Vec<Category> = Vec::new();
    for (i, ind) in indicators.iter().enumerate() {
        let name = ind.category.trim();
        match out.iter_mut().find(|c| c.name == name) {
            Some(c) => c.indicators.push(i),
            None => out.push(Category {
                name: name.to_string(),
                indicators: vec![i],
            }),
        }
    }
    out
}

/// The sentence of the source paragraph that states the number: the paragraph is split on
/// 。；; and the first sentence holding the value as written (with its unit, else alone and
/// not as part of a longer number or a date) is returned. Falls back to the whole paragraph;
/// None when the indicator has no source paragraph.
pub fn source_sentence(session: &Session, ind: &Indicator) -> Option<String> {
    let (_, text) = session.find_paragraph(ind.source.as_deref()?)?;
    Some(sentence_with(text, ind.value, &ind.unit).unwrap_or_else(|| text.trim().to_string()))
}

/// Where [`source_sentence`] sits in its paragraph, as a char range (start, end), for the
/// Report view to highlight. None when the sentence is not found (the whole paragraph is
/// meant) or there is no source.
pub fn source_sentence_range(session: &Session, ind: &Indicator) -> Option<(usize, usize)> {
    let (_, text) = session.find_paragraph(ind.source.as_deref()?)?;
    let (a, b) = sentence_bytes(text, ind.value, &ind.unit)?;
    let start = text[..a].chars().count();
    Some((start, start + text[a..b].chars().count()))
}

/// The sentence of `text` that contains `value` (see [`source_sentence`]).
pub fn sentence_with(text: &str, value: f64, unit: &str) -> Option<String> {
    let (a, b) = sentence_bytes(text, value, unit)?;
    Some(text[a..b].to_string())
}

/// Byte range of the sentence holding `value`, trimmed of surrounding spaces.
fn sentence_bytes(text: &str, value: f64, unit: &str) -> Option<(usize, usize)> {
    let sentences = split_sentences(text);
    let spellings = spellings(value);
    let unit = unit.trim();
    let with_unit = |s: &str| {
        spellings
            .iter()
            .any(|v| find_number(s, &format!("{v}{unit}"), false))
    };
    let alone = |s: &str| spellings.iter().any(|v| find_number(s, v, true));
    let &(a, b) = sentences
        .iter()
        .find(|(a, b)| !unit.is_empty() && with_unit(&text[*a..*b]))
        .or_else(|| sentences.iter().find(|(a, b)| alone(&text[*a..*b])))?;
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Some((a + lead, b - trail))
}

/// Byte ranges of the sentences, split after each 。；; with the terminator kept; blank ones
/// dropped.
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';') {
            let end = i + c.len_utf8();
            out.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out.retain(|&(a, b)| !text[a..b].trim().is_empty());
    out
}

/// How a number may be written in the text: 9.9 may appear as "9.90".
fn spellings(v: f64) -> Vec<String> {
    let mut out = vec![fmt_num(v)];
    for d in 1..=2 {
        let s = format!("{v:.d$}");
        if !out.contains(&s) && s.parse::<f64>().ok() == Some(v) {
            out.push(s);
        }
    }
    out
}

/// Whether `needle` (starting with a digit) occurs in `hay` not glued to other digits. With
/// `not_date`, an occurrence followed by 年/月/日 or a dash (1-8月) does not count.
fn find_number(hay: &str, needle: &str, not_date: bool) -> bool {
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let at = from + pos;
        let end = at + needle.len();
        let before = hay[..at].chars().next_back();
        let after = hay[end..].chars().next();
        let glued_before = before.is_some_and(|c| c.is_ascii_digit() || c == '.');
        let glued_after = match after {
            Some('.') => hay[end + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit()),
            Some(c) => c.is_ascii_digit() || (not_date && matches!(c, '年' | '月' | '日' | '-')),
            None => false,
        };
        if !glued_before && !glued_after {
            return true;
        }
        from = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// A number with a fixed count of decimals, never in exponent form, with thousands
/// separators on a whole part of five digits or more (112,120; 1,234.50; 9999).
pub fn fmt_fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let s = format!("{:.*}", decimals.min(12), v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::new();
    // "-0.00" reads as zero: keep the sign only when something non-zero is shown.
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A number as written, without exponent or trailing zeros, grouped as [`fmt_fixed`].
pub fn fmt_value(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    fmt_fixed(v, decimals_of(v).min(6))
}

fn group_thousands(int: &str) -> String {
    if int.len() < 5 {
        return int.to_string();
    }
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A year-on-year change with its sign: "+8.7%", "-3%".
pub fn fmt_yoy(yoy: f64) -> String {
    let sign = if yoy > 0.0 { "+" } else { "" };
    format!("{sign}{}%", fmt_value(yoy))
}

/// A tick label for an axis whose marks are `step` apart: as many decimals as the step
/// needs, no exponent, grouped.
pub fn fmt_tick(v: f64, step: f64) -> String {
    let decimals = if step.is_finite() && step > 0.0 && step < 1.0 {
        (-step.log10()).ceil().clamp(0.0, 6.0) as usize
    } else {
        0
    };
    fmt_fixed(v, decimals)
}

/// The marks of a value axis over `lo..=hi`: multiples of the smallest "nice" step (1, 2 or
/// 5 times a power of ten) that is at least `min_step`, as (value, step). One level only: a
/// card's small chart reads better with three or four labelled lines than with faded minor
/// ones, and each mark costs a formatted label every frame. Empty for a degenerate range.
pub fn axis_marks(lo: f64, hi: f64, min_step: f64) -> Vec<(f64, f64)> {
    if !(lo.is_finite() && hi.is_finite() && min_step.is_finite() && lo <= hi && 0.0 < min_step) {
        return Vec::new();
    }
    let magnitude = 10f64.powf(min_step.log10().floor());
    let Some(step) = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| min_step <= s * (1.0 + 1e-9))
    else {
        return Vec::new();
    };
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
    // A step from a sane plot gives a handful; refuse rather than loop on a broken one.
    if !(first.is_finite() && last.is_finite()) || 1000.0 < last - first {
        return Vec::new();
    }
    let count = (last - first).max(-1.0) as i64 + 1;
    (0..count)
        .map(|i| ((first + i as f64) * step, step))
        .collect()
}

/// The label of a value axis: the unit, or the kind's default when the file gives none, so
/// no axis is ever without a unit.
pub fn axis_unit_label(ind: &Indicator, lang: Lang) -> String {
    let unit = ind.unit.trim();
    if unit.is_empty() {
        tr(lang, "indicators.unit.none").into_owned()
    } else {
        tr(lang, "indicators.axis_unit").replace("%{unit}", unit)
    }
}

/// The value as a person reads it: qualifier, number, unit ("近7,000万元", "99.5%").
pub fn value_text(session: &Session, ind: &Indicator, lang: Lang) -> String {
    let number = format!("{}{}", session.value_text(ind), ind.unit.trim());
    super::qualified(lang, ind.qualifier, &number)
}

/// Tab-separated text for a spreadsheet: one line per row, tabs and line breaks inside a
/// cell replaced by spaces so the columns stay aligned.
pub fn tsv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| c.replace(['\t', '\n', '\r'], " "))
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// The table of some indicators: a header row, then one row per indicator with its name,
/// category, period, qualifier, value, unit, growth, the derived last-year value and the
/// source paragraph. Numbers are plain (no thousands separators) so a spreadsheet reads them.
pub fn table(session: &Session, indices: &[usize], lang: Lang) -> Vec<Vec<String>> {
    let header = [
        "indicators.col.name",
        "indicators.col.category",
        "indicators.col.period",
        "indicators.col.qualifier",
        "indicators.col.value",
        "indicators.col.unit",
        "indicators.col.yoy",
        "indicators.col.previous",
        "indicators.col.computed",
        "indicators.col.source",
    ];
    let mut rows = vec![header.iter().map(|k| tr(lang, k).into_owned()).collect()];
    for &i in indices {
        let Some(ind) = session.indicators.get(i) else {
            continue;
        };
        let prev = ind.yoy.and_then(|y| previous_period(ind.value, y));
        let computed = consistency(session, ind).and_then(|c| c.computed);
        rows.push(vec![
            ind.name.clone(),
            ind.category.clone(),
            ind.period.clone().unwrap_or_default(),
            ind.qualifier
                .map(|q| q.label(lang).into_owned())
                .unwrap_or_default(),
            session.value_text(ind),
            ind.unit.clone(),
            ind.yoy.map(fmt_num).unwrap_or_default(),
            prev.map(|p| format!("{:.*}", derived_decimals(ind.value), p))
                .unwrap_or_default(),
            computed.map(|c| format!("{c:.2}")).unwrap_or_default(),
            ind.source.clone().unwrap_or_default(),
        ]);
    }
    rows
}

/// An indicator's basis: the indicator it grows from, and, when its value does not follow
/// from the basis and its stated change beyond the rounding of the printed figures, what it
/// would be (printed with the decimals of the figures). What `check` warns of and the
/// Indicators view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct BasisCheck<'a> {
    pub basis: &'a Indicator,
    pub expected: Option<String>,
}

/// The basis of `ind`, if it names one that exists (and is not itself); the growth is
/// checked when both have the same unit and `ind` states a change.
pub fn basis_check<'a>(s: &'a Session, ind: &Indicator) -> Option<BasisCheck<'a>> {
    let basis = s.indicator(ind.basis.as_deref()?)?;
    if basis.id == ind.id {
        return None;
    }
    let expected = match ind.yoy {
        Some(yoy) if basis.unit.trim() == ind.unit.trim() => growth_mismatch(s, ind, basis, yoy),
        _ => None,
    };
    Some(BasisCheck { basis, expected })
}

/// What `ind` would be grown from `basis` by `yoy` percent, when its value does not follow
/// beyond the rounding of the printed figures; None when it does.
pub fn growth_mismatch(
    s: &Session,
    ind: &Indicator,
    basis: &Indicator,
    yoy: f64,
) -> Option<String> {
    let decimals = |x: &Indicator| {
        s.written_decimals(x)
            .map_or_else(|| decimals_of(x.value), usize::from)
    };
    let value = (ind.value, decimals(ind));
    let base = (basis.value, decimals(basis));
    match growth_check(value, base, (yoy, decimals_of(yoy)))? {
        GrowthCheck::Consistent => None,
        GrowthCheck::Mismatch { expected } => Some(format!("{:.*}", value.1.max(base.1), expected)),
    }
}

/// A value checked against its basis and stated change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GrowthCheck {
    /// Some reading of the printed figures within their rounding makes them agree.
    Consistent,
    /// Off by more than the rounding of the figures explains; carries basis × (1 + change).
    Mismatch { expected: f64 },
}

/// Whether `value` follows from `basis` grown by `yoy_percent`, each figure standing for
/// every number that rounds to it as printed (12.5 with one decimal: [12.45, 12.55]). The
/// comparison is made on the printed digits as integers, so a value exactly on the edge of
/// the rounding is decided exactly, not by binary floating point. None when a figure does
/// not fit the integer range or the basis is negative.
pub fn growth_check(
    value: (f64, usize),
    basis: (f64, usize),
    yoy_percent: (f64, usize),
) -> Option<GrowthCheck> {
    let (v, dv) = (value.0, value.1.min(9));
    let (b, db) = (basis.0, basis.1.min(9));
    let (y, dy) = (yoy_percent.0, yoy_percent.1.min(9));
    if b < 0.0 {
        return None;
    }
    let digits = |x: f64, d: usize| -> Option<i128> {
        let s = (x * 10f64.powi(d as i32)).round();
        (s.is_finite() && s.abs() < 1e30).then_some(s as i128)
    };
    let pow = |d: usize| 10i128.pow(d as u32);
    let xv = digits(v, dv)?;
    let xb = digits(b, db)?;
    let xy = digits(y, dy)?;
    // Doubled so that half a unit of the last printed digit is an integer.
    let (b_lo, b_hi) = ((2 * xb - 1).max(0), 2 * xb + 1);
    let g = 100 * pow(dy) + xy;
    let (g_lo, g_hi) = ((2 * g - 1).max(0), 2 * g + 1);
    let (v_lo, v_hi) = (2 * xv - 1, 2 * xv + 1);
    // basis·growth lies in [b_lo·g_lo, b_hi·g_hi] / (4·10^(db+dy)·100);
    // the value in [v_lo, v_hi] / (2·10^dv). Cross-multiplied:
    let p_scale = 2i128.checked_mul(pow(dv))?;
    let v_scale = 400i128.checked_mul(pow(db + dy))?;
    let p_lo = b_lo.checked_mul(g_lo)?.checked_mul(p_scale)?;
    let p_hi = b_hi.checked_mul(g_hi)?.checked_mul(p_scale)?;
    let v_lo = v_lo.checked_mul(v_scale)?;
    let v_hi = v_hi.checked_mul(v_scale)?;
    if p_lo <= v_hi && v_lo <= p_hi {
        Some(GrowthCheck::Consistent)
    } else {
        Some(GrowthCheck::Mismatch {
            expected: b * (1.0 + y / 100.0),
        })
    }
}

#[cfg(test)]
mod growth_tests {
    use super::{GrowthCheck, growth_check};

    #[test]
    fn the_issues_example_is_a_mismatch() {
        // 10.0亿元 grown by 10 % is 11.0, not the 12.5 stated.
        let r = growth_check((12.5, 1), (10.0, 1), (10.0, 0));
        assert!(
            matches!(r, Some(GrowthCheck::Mismatch { expected }) if (expected - 11.0).abs() < 1e-9)
        );
        assert_eq!(
            growth_check((11.0, 1), (10.0, 1), (10.0, 0)),
            Some(GrowthCheck::Consistent)
        );
    }

    #[test]
    fn at_the_edge_of_the_rounding() {
        // 10.0 stands for [9.95, 10.05], 10 % for [9.5, 10.5]: at most 10.05 × 1.105 = 11.10525.
        // 11.1 ([11.05, 11.15]) can follow; 11.2 ([11.15, 11.25]) cannot.
        assert_eq!(
            growth_check((11.1, 1), (10.0, 1), (10.0, 0)),
            Some(GrowthCheck::Consistent)
        );
        assert!(matches!(
            growth_check((11.2, 1), (10.0, 1), (10.0, 0)),
            Some(GrowthCheck::Mismatch { .. })
        ));
        // Exactly on the edge: 1000 × 1.10 at most 1000.5 × 1.105 = 1105.5525, the lower end
        // of 1105.553 as printed with three decimals. Equal counts as following.
        assert_eq!(
            growth_check((1105.553, 3), (1000.0, 0), (10.0, 0)),
            Some(GrowthCheck::Consistent)
        );
        assert!(matches!(
            growth_check((1105.554, 3), (1000.0, 0), (10.0, 0)),
            Some(GrowthCheck::Mismatch { .. })
        ));
        // The lower edge, and a fall: 1000 less 10 % is at least 999.5 × 0.895 = 894.5525.
        assert_eq!(
            growth_check((894.552, 3), (1000.0, 0), (-10.0, 0)),
            Some(GrowthCheck::Consistent)
        );
        assert!(matches!(
            growth_check((894.551, 3), (1000.0, 0), (-10.0, 0)),
            Some(GrowthCheck::Mismatch { .. })
        ));
    }
}
