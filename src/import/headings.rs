//! Telling headings from text. A report styled in Word says it with heading styles
//! (标题 1/2/3, stored as "heading 1" …) or an outline level; a report typed without styles says
//! it with the numbering Chinese official documents use, in this order of rank:
//! 第一部分 / 第一章 › 一、 › （一） › 1. › （1）.

/// How a paragraph opens, when it opens with a heading number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Numbering {
    /// 第一部分, 第一章, 第一篇
    Part,
    /// 一、
    Chinese,
    /// （一）
    ParenChinese,
    /// 1. or 1、
    Arabic,
    /// （1）
    ParenArabic,
}

/// The heading level (1 = top) a Word style name or outline level gives.
pub fn style_level(style: Option<&str>, outline: Option<u8>) -> Option<u8> {
    if let Some(name) = style {
        let lower = name.trim().to_lowercase();
        for prefix in ["heading", "标题"] {
            if let Some(rest) = lower.strip_prefix(prefix)
                && let Ok(n) = rest.trim().parse::<u8>()
                && (1..=9).contains(&n)
            {
                return Some(n);
            }
        }
    }
    // Outline levels are 0-based; 9 means body text.
    outline.filter(|&o| o < 9).map(|o| o + 1)
}

/// Whether a style marks a caption (题注), which belongs to a picture that is left out.
pub fn is_caption_style(style: Option<&str>) -> bool {
    style.is_some_and(|s| {
        let s = s.trim().to_lowercase();
        s == "caption" || s == "题注"
    })
}

/// Whether a style marks the document's title (标题, "Title").
pub fn is_title_style(style: Option<&str>) -> bool {
    style.is_some_and(|s| {
        let s = s.trim().to_lowercase();
        s == "title" || s == "标题"
    })
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇两";

/// The numbering a paragraph opens with, if it is short enough to be a heading. A numbered
/// paragraph that goes on into sentences ("一、招商引资势头良好。南海南新…") is text with a
/// run-in head, not a heading: it is kept as a paragraph.
pub fn numbering(text: &str) -> Option<Numbering> {
    let t = text.trim();
    let n = t.chars().count();
    if n == 0 || n > 40 {
        return None;
    }
    // A sentence stop inside (not at the end) means body text.
    let body = t.trim_end_matches(['。', '.', '；', ';', '：', ':']);
    if body.contains(['。', '；', ';', '！', '？']) {
        return None;
    }
    opening(t)
}

fn opening(t: &str) -> Option<Numbering> {
    let cn_run = |s: &str| -> usize {
        s.char_indices()
            .find(|(_, c)| !CN_DIGITS.contains(*c))
            .map(|(i, _)| i)
            .unwrap_or(s.len())
    };
    let ar_run = |s: &str| -> usize {
        s.char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map(|(i, _)| i)
            .unwrap_or(s.len())
    };
    let nonempty_after = |rest: &str| !rest.trim().is_empty();
    if let Some(rest) = t.strip_prefix('第') {
        let k = cn_run(rest).max(ar_run(rest));
        if k > 0 {
            let after = &rest[k..];
            for w in ["部分", "章", "篇"] {
                if after.starts_with(w) {
                    return Some(Numbering::Part);
                }
            }
        }
        return None;
    }
    for open in ['（', '('] {
        if let Some(rest) = t.strip_prefix(open) {
            let c = cn_run(rest);
            let a = ar_run(rest);
            let (k, kind) = if c > 0 {
                (c, Numbering::ParenChinese)
            } else if a > 0 {
                (a, Numbering::ParenArabic)
            } else {
                return None;
            };
            let after = &rest[k..];
            let close = after
                .strip_prefix('）')
                .or_else(|| after.strip_prefix(')'))?;
            return nonempty_after(close).then_some(kind);
        }
    }
    let c = cn_run(t);
    if c > 0 {
        let after = t[c..].strip_prefix('、')?;
        return nonempty_after(after).then_some(Numbering::Chinese);
    }
    let a = ar_run(t);
    if a > 0 && a <= 2 {
        let after = &t[a..];
        // "1." but not "1.5亿元"; "1、" ; "1．"
        let rest = after
            .strip_prefix('、')
            .or_else(|| after.strip_prefix('．'))
            .or_else(|| {
                after
                    .strip_prefix('.')
                    .filter(|r| !r.starts_with(|c: char| c.is_ascii_digit()))
            })?;
        return nonempty_after(rest).then_some(Numbering::Arabic);
    }
    None
}

/// Levels for numbered headings: the highest-ranking numbering used is level 1, the next is
/// level 2, and so on, so a report that starts at 一、 has 一、 at the top.
pub fn numbering_levels(used: &[Numbering]) -> impl Fn(Numbering) -> u8 + use<> {
    let mut kinds: Vec<Numbering> = used.to_vec();
    kinds.sort();
    kinds.dedup();
    move |n| {
        kinds
            .iter()
            .position(|k| *k == n)
            .map_or(1, |i| u8::try_from(i + 1).unwrap_or(u8::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_heading_styles_in_english_and_chinese_and_outline_levels() {
        assert_eq!(style_level(Some("heading 1"), None), Some(1));
        assert_eq!(style_level(Some("标题 2"), None), Some(2));
        assert_eq!(style_level(Some("Heading 3"), None), Some(3));
        assert_eq!(style_level(Some("Normal"), Some(1)), Some(2));
        assert_eq!(style_level(Some("Normal"), Some(9)), None);
        assert_eq!(style_level(Some("标题"), None), None);
        assert!(is_title_style(Some("Title")));
    }

    #[test]
    fn chinese_report_numbering() {
        assert_eq!(numbering("第一部分 2023年工作回顾"), Some(Numbering::Part));
        assert_eq!(numbering("一、产业发展动能增强"), Some(Numbering::Chinese));
        assert_eq!(
            numbering("（二）加大招商力度"),
            Some(Numbering::ParenChinese)
        );
        assert_eq!(numbering("3. 完善机制"), Some(Numbering::Arabic));
        assert_eq!(numbering("（1）建设道路"), Some(Numbering::ParenArabic));
        // A run-in head followed by sentences is text.
        assert_eq!(
            numbering("一、招商引资势头良好。南海南新等项目进展顺利。"),
            None
        );
        assert_eq!(numbering("1.5亿元用于道路"), None);
        assert_eq!(numbering("第三届人大"), None);
        assert_eq!(numbering("二〇二三年"), None);
        let level = numbering_levels(&[Numbering::ParenChinese, Numbering::Chinese]);
        assert_eq!(level(Numbering::Chinese), 1);
        assert_eq!(level(Numbering::ParenChinese), 2);
    }
}
