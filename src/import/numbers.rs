//! Finding the numbers in a report's paragraph: each number with a unit (亿元, 万元, 亩, 个, 家,
//! 条, 名, %, …) becomes a proposed indicator, with the name taken from the words around it,
//! the period the paragraph states (今年1-8月, 截至…), a stated change (同比增长 X%, 下降 X%),
//! a qualifier (约, 近, 超, 多, 以上) and whether the sentence states a target (力争, 预计, 目标).
//!
//! A proposal is only that: the secretary accepts, edits or drops each. Nothing is inferred
//! that the sentence does not say; a number without a unit (a date, an ordinal, a name such
//! as G325) is not proposed.

use crate::model::{IndicatorKind, Qualifier};

/// A number found in a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub name: String,
    pub value: f64,
    /// The number as printed, without grouping commas ("9.90", "1500"): written to the file
    /// as is, so its decimals are kept.
    pub value_text: String,
    pub unit: String,
    pub kind: IndicatorKind,
    pub qualifier: Option<Qualifier>,
    pub period: Option<String>,
    /// Stated change in percent, signed (下降 5% → -5).
    pub yoy: Option<f64>,
    pub yoy_text: Option<String>,
    /// The sentence states it as a target or forecast (力争, 预计, 目标 …).
    pub target: bool,
    /// The words it was read from, for the file's comment.
    pub quote: String,
    /// Where the quote starts in the paragraph, in characters.
    pub quote_start: usize,
}

/// Units of money, area, length, weight: amounts.
const AMOUNT_UNITS: &[&str] = &[
    "万亿元",
    "亿元",
    "万元",
    "千元",
    "元",
    "万平方米",
    "平方公里",
    "平方米",
    "万亩",
    "亩",
    "公顷",
    "公里",
    "千米",
    "万吨",
    "吨",
    "万千瓦",
    "千瓦",
    "万立方米",
    "立方米",
];
/// Measure words of things and people: counts. 次 is only taken after Arabic digits, since
/// 二次, 三次会议 are ordinals.
const COUNT_UNITS: &[&str] = &[
    "万人次",
    "人次",
    "万人",
    "万户",
    "个",
    "家",
    "条",
    "名",
    "人",
    "所",
    "件",
    "项",
    "座",
    "户",
    "处",
    "宗",
    "套",
    "辆",
    "间",
    "栋",
    "场",
    "批",
    "宗",
    "次",
];
const RATE_UNITS: &[&str] = &["个百分点", "%", "％"];

/// Characters that end a clause: the name of a number is read within its clause.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '！' | '!' | '？' | '?' | '\n' | '\t' | '|'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n')
}

const CN: &str = "零〇一二两三四五六七八九十百千";

pub(crate) fn cn_number(s: &[char]) -> Option<u64> {
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u64;
    let mut cur = 0u64;
    for &c in s {
        match c {
            '十' | '百' | '千' => {
                let m = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += cur.max(1) * m;
                cur = 0;
            }
            _ => cur = cur * 10 + digit(c)?,
        }
    }
    Some(total + cur)
}

/// Words that state a target or forecast rather than a result.
const TARGET_WORDS: &[&str] = &[
    "力争",
    "预计",
    "目标",
    "计划",
    "预期",
    "确保",
    "争取达到",
    "将达到",
    "拟",
];
const RISE: &[&str] = &["增长", "增加", "提高", "上升", "增幅"];
const FALL: &[&str] = &["下降", "减少", "降低", "回落", "降幅"];

fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

fn ends_with_at(chars: &[char], end: usize, word: &str) -> bool {
    let n = word.chars().count();
    end >= n && starts_with_at(chars, end - n, word)
}

fn unit_at(chars: &[char], at: usize, arabic: bool) -> Option<(&'static str, IndicatorKind)> {
    for &u in RATE_UNITS {
        if starts_with_at(chars, at, u) {
            return Some((u, IndicatorKind::Rate));
        }
    }
    for &u in AMOUNT_UNITS {
        if starts_with_at(chars, at, u) {
            return Some((u, IndicatorKind::Amount));
        }
    }
    for &u in COUNT_UNITS {
        if (u != "次" || arabic) && starts_with_at(chars, at, u) {
            return Some((u, IndicatorKind::Count));
        }
    }
    None
}

/// A number token: where it starts and ends, its printed form and value.
struct Token {
    start: usize,
    end: usize,
    text: String,
    value: f64,
    arabic: bool,
}

fn arabic_at(chars: &[char], i: usize) -> Option<Token> {
    if !chars[i].is_ascii_digit() {
        return None;
    }
    if i > 0 {
        let p = chars[i - 1];
        // Part of a code (G325), a longer number or a decimal.
        if p.is_ascii_alphanumeric() || p == '.' || p == '_' {
            return None;
        }
    }
    let mut j = i;
    let mut text = String::new();
    let mut seen_dot = false;
    while j < chars.len() {
        let c = chars[j];
        if c.is_ascii_digit() {
            text.push(c);
            j += 1;
        } else if c == '.' && !seen_dot && chars.get(j + 1).is_some_and(|d| d.is_ascii_digit()) {
            seen_dot = true;
            text.push('.');
            j += 1;
        } else if c == ','
            && !seen_dot
            && (1..=3).contains(&text.len().min(4))
            && chars.len() > j + 3
            && chars[j + 1..j + 4].iter().all(|d| d.is_ascii_digit())
            && chars.get(j + 4).is_none_or(|d| !d.is_ascii_digit())
            && !text.is_empty()
        {
            // 1,252: a grouping comma (three digits follow and then no digit).
            j += 1;
        } else {
            break;
        }
    }
    let value: f64 = text.parse().ok()?;
    Some(Token {
        start: i,
        end: j,
        text,
        value,
        arabic: true,
    })
}

fn chinese_at(chars: &[char], i: usize) -> Option<Token> {
    if !CN.contains(chars[i]) || (i > 0 && (CN.contains(chars[i - 1]) || chars[i - 1] == '第')) {
        return None;
    }
    let mut j = i;
    while j < chars.len() && CN.contains(chars[j]) {
        j += 1;
    }
    let run = &chars[i..j];
    // 一 alone is the article "a"; 一个 is not a figure the report states.
    if run == ['一'] {
        return None;
    }
    let v = cn_number(run)?;
    Some(Token {
        start: i,
        end: j,
        text: v.to_string(),
        value: v as f64,
        arabic: false,
    })
}

/// Every number with a unit in `text`, in order. `year` is the sitting's year, used to write
/// 今年 as a year ("今年1-8月" → "2017年1-8月"); without it 今年 is kept.
pub fn find_numbers(text: &str, year: Option<i32>) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let periods = periods(&chars, year);
    let mut out: Vec<Found> = Vec::new();
    // Index in `out` of the last amount in the current sentence, for a change that follows.
    let mut last_in_sentence: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_sentence_end(c) {
            last_in_sentence = None;
        }
        // 近亿元, 超亿元: a qualifier and 亿元 with no figure mean about one 亿元.
        if matches!(c, '近' | '超' | '逾' | '约')
            && starts_with_at(&chars, i + 1, "亿元")
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            let tok = Token {
                start: i + 1,
                end: i + 1,
                text: "1".into(),
                value: 1.0,
                arabic: false,
            };
            let f = build(&chars, &tok, "亿元", IndicatorKind::Amount, i + 3, &periods);
            out.push(f);
            last_in_sentence = Some(out.len() - 1);
            i += 3;
            continue;
        }
        let tok = arabic_at(&chars, i).or_else(|| chinese_at(&chars, i));
        let Some(tok) = tok else {
            i += 1;
            continue;
        };
        let next = tok.end;
        // Ranges (1-8月, 1至8月) and dates are not figures.
        let after = chars.get(next).copied();
        if matches!(after, Some('-' | '~' | '～' | '至' | '—' | '/'))
            && chars
                .get(next + 1)
                .is_some_and(|d| d.is_ascii_digit() || CN.contains(*d))
        {
            i = next + 1;
            continue;
        }
        // 多 / 余 between the number and its unit: "600多亩", "10余家".
        let mut u_at = next;
        let mut more = false;
        if matches!(after, Some('多' | '余')) {
            more = true;
            u_at += 1;
        }
        // "6大片区", "两大产业平台": N big things, counted.
        if chars.get(next) == Some(&'大')
            && (tok.arabic || tok.end - tok.start == 1)
            && tok.value >= 2.0
        {
            let f = big_things(&chars, &tok, &periods);
            if let Some(f) = f {
                out.push(f);
            }
            i = next + 1;
            continue;
        }
        let Some((unit, kind)) = unit_at(&chars, u_at, tok.arabic) else {
            i = next.max(i + 1);
            continue;
        };
        if !tok.arabic && kind != IndicatorKind::Count {
            i = next;
            continue;
        }
        let unit_end = u_at + unit.chars().count();
        // A stated change: "同比增长8.7%" after an amount in the same sentence.
        if kind == IndicatorKind::Rate
            && let Some(sign) = change_before(&chars, tok.start)
        {
            let yoy = sign * tok.value;
            let yoy_text = if sign < 0.0 {
                format!("-{}", tok.text)
            } else {
                tok.text.clone()
            };
            if let Some(k) = last_in_sentence
                && out[k].yoy.is_none()
                && out[k].kind != IndicatorKind::Rate
            {
                out[k].yoy = Some(yoy);
                out[k].yoy_text = Some(yoy_text);
                extend_quote(&mut out[k], &chars, unit_end);
                i = unit_end;
                continue;
            }
        }
        let mut f = build(&chars, &tok, unit, kind, unit_end, &periods);
        if more {
            f.qualifier = Some(Qualifier::MoreThan);
        }
        if starts_with_at(&chars, unit_end, "以上") {
            f.qualifier = Some(Qualifier::MoreThan);
        }
        if f.kind == IndicatorKind::Rate && f.value > 100.0 {
            f.kind = IndicatorKind::Amount;
        }
        out.push(f);
        if kind != IndicatorKind::Rate {
            last_in_sentence = Some(out.len() - 1);
        }
        i = unit_end;
    }
    out
}

/// +1 or -1 when the number at `at` is introduced as a change (增长, 下降 …).
fn change_before(chars: &[char], at: usize) -> Option<f64> {
    let mut end = at;
    if end > 0 && chars[end - 1] == '了' {
        end -= 1;
    }
    if RISE.iter().any(|w| ends_with_at(chars, end, w)) {
        return Some(1.0);
    }
    if FALL.iter().any(|w| ends_with_at(chars, end, w)) {
        return Some(-1.0);
    }
    None
}

fn clause_start(chars: &[char], at: usize) -> usize {
    (0..at)
        .rev()
        .find(|&k| is_clause_end(chars[k]))
        .map_or(0, |k| k + 1)
}

fn clause_end(chars: &[char], at: usize) -> usize {
    (at..chars.len())
        .find(|&k| is_clause_end(chars[k]))
        .unwrap_or(chars.len())
}

/// Extends the quote of an amount to the end of the change stated after it.
fn extend_quote(f: &mut Found, chars: &[char], to: usize) {
    f.quote = chars[f.quote_start..to].iter().collect();
}

const LEADING: &[&str] = &[
    "目前",
    "其中",
    "全镇",
    "全区",
    "全市",
    "全县",
    "全乡",
    "我镇",
    "已经",
    "已",
    "累计",
    "共计",
    "共",
    "实现",
    "完成了",
    "完成",
    "成功",
    "及时",
    "力争",
    "预计",
    "计划",
    "争取",
    "全年",
    "今年",
    "上半年",
];
const TRAILING: &[&str] = &[
    "增加到",
    "增至",
    "达到",
    "超过",
    "共计",
    "合计",
    "累计",
    "约",
    "近",
    "超",
    "逾",
    "达",
    "为",
    "共",
    "计",
    "有",
    "了",
    "的",
    "到",
];

fn trim_name(mut s: &str, period: Option<&str>) -> String {
    s = s.trim();
    if let Some(p) = period {
        s = s.strip_prefix(p).unwrap_or(s).trim();
    }
    loop {
        let before = s;
        for w in LEADING {
            if let Some(r) = s.strip_prefix(w)
                && !r.is_empty()
            {
                s = r;
            }
        }
        for w in TRAILING {
            if let Some(r) = s.strip_suffix(w) {
                s = r;
            }
        }
        if s == before {
            break;
        }
    }
    s.trim().to_string()
}

/// The words after a count's unit, up to the clause's end or a "的": "104名网格长" → 网格长.
fn words_after(chars: &[char], from: usize) -> String {
    let end = clause_end(chars, from);
    let mut s: String = chars[from..end].iter().collect();
    for stop in [
        "的", "、", "和", "及", "大多", "正式", "组成", "开展", "进行",
    ] {
        if let Some(k) = s.find(stop) {
            s.truncate(k);
        }
    }
    // A following figure starts another item.
    if let Some(k) = s.find(|c: char| c.is_ascii_digit()) {
        s.truncate(k);
    }
    let s: String = s.chars().take(16).collect();
    s.trim().to_string()
}

fn build(
    chars: &[char],
    tok: &Token,
    unit: &str,
    kind: IndicatorKind,
    unit_end: usize,
    periods: &[(usize, usize, String)],
) -> Found {
    let cs = clause_start(chars, tok.start);
    let mut qual_start = tok.start;
    let mut qualifier = None;
    for (w, q) in [
        ("超过", Qualifier::MoreThan),
        ("约", Qualifier::About),
        ("近", Qualifier::Nearly),
        ("超", Qualifier::MoreThan),
        ("逾", Qualifier::MoreThan),
    ] {
        if ends_with_at(chars, tok.start, w) {
            qualifier = Some(q);
            qual_start = tok.start - w.chars().count();
            break;
        }
    }
    // 近亿元: the qualifier sits right before the unit.
    if tok.start == tok.end && tok.start > 0 {
        qualifier = match chars[tok.start - 1] {
            '近' => Some(Qualifier::Nearly),
            '约' => Some(Qualifier::About),
            _ => Some(Qualifier::MoreThan),
        };
        qual_start = tok.start - 1;
    }
    let period = periods
        .iter()
        .rev()
        .find(|(s, e, _)| *e <= tok.start && *s < tok.start)
        .map(|(_, _, p)| p.clone());
    let period_text = periods
        .iter()
        .rev()
        .find(|(s, _, _)| *s == cs)
        .map(|(s, e, _)| chars[*s..*e].iter().collect::<String>());
    let before: String = chars[cs.min(qual_start)..qual_start].iter().collect();
    let before = trim_name(&before, period_text.as_deref());
    let name = if kind == IndicatorKind::Count {
        let after = words_after(chars, unit_end);
        if !after.is_empty() { after } else { before }
    } else {
        before
    };
    let qs = clause_start(chars, tok.start);
    let quote: String = chars[qs..unit_end.min(chars.len())].iter().collect();
    let quote = quote.trim().to_string();
    // A name is needed; when the words around say nothing more, the words it was read from.
    let name = if name.is_empty() { quote.clone() } else { name };
    Found {
        name,
        value: tok.value,
        value_text: tok.text.clone(),
        unit: unit.to_string(),
        kind,
        qualifier,
        period,
        yoy: None,
        yoy_text: None,
        target: is_target(chars, tok.start),
        quote,
        quote_start: qs,
    }
}

fn big_things(chars: &[char], tok: &Token, periods: &[(usize, usize, String)]) -> Option<Found> {
    let name = words_after(chars, tok.end + 1);
    if name.is_empty() {
        return None;
    }
    let mut f = build(chars, tok, "个", IndicatorKind::Count, tok.end + 1, periods);
    f.name = name;
    let end = clause_end(chars, tok.end);
    f.quote = chars[f.quote_start..end].iter().collect();
    Some(f)
}

fn is_target(chars: &[char], at: usize) -> bool {
    let s = (0..at)
        .rev()
        .find(|&k| is_sentence_end(chars[k]))
        .map_or(0, |k| k + 1);
    let e = (at..chars.len())
        .find(|&k| is_sentence_end(chars[k]))
        .unwrap_or(chars.len());
    let sentence: String = chars[s..e].iter().collect();
    TARGET_WORDS.iter().any(|w| sentence.contains(w))
}

/// Periods stated in a paragraph: (start, end, period as written, 今年 made a year).
fn periods(chars: &[char], year: Option<i32>) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if starts_with_at(chars, i, "截至") || starts_with_at(chars, i, "截止") {
            let e = clause_end(chars, i);
            // "截至8月31日,…": the period is the phrase up to the clause's end, when short.
            if e - i <= 16 {
                out.push((i, e, chars[i..e].iter().collect()));
            }
            i = e;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut year_text = None;
        if starts_with_at(chars, i, "今年") {
            year_text = Some(year.map_or_else(|| "今年".to_string(), |y| format!("{y}年")));
            j = i + 2;
        } else if i + 4 < chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            year_text = Some(chars[i..i + 5].iter().collect());
            j = i + 5;
        }
        // From-since phrases (自2016年3月…以来) date an event, not a figure.
        let since = i > 0 && matches!(chars[i - 1], '自' | '从' | '《');
        let mut months = String::new();
        let mut k = j;
        while k < chars.len() && chars[k].is_ascii_digit() {
            k += 1;
        }
        if k > j && k < chars.len() && matches!(chars[k], '-' | '~' | '～' | '至' | '—') {
            let mut m = k + 1;
            while m < chars.len() && chars[m].is_ascii_digit() {
                m += 1;
            }
            if m > k + 1 && chars.get(m) == Some(&'月') {
                months = chars[j..=m].iter().collect();
                j = m + 1;
            }
        }
        for w in ["上半年", "前三季度", "全年", "以来"] {
            if months.is_empty() && starts_with_at(chars, j, w) {
                months = w.to_string();
                j += w.chars().count();
            }
        }
        if (year_text.is_some() || !months.is_empty()) && !since && j > start {
            if chars.get(j) == Some(&'度') {
                i = j + 1;
                continue;
            }
            let p = format!("{}{}", year_text.unwrap_or_default(), months);
            out.push((start, j, p));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Found {
        let v = find_numbers(text, Some(2017));
        assert_eq!(v.len(), 1, "{v:#?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn amount_with_its_change_and_period() {
        let v = find_numbers(
            "今年1-8月,全镇实现工业总产值189.25亿元,较去年同期增长8.7%; 完成固定资产投资37.99亿元,同比下降5.5%。",
            Some(2017),
        );
        assert_eq!(v.len(), 2, "{v:#?}");
        assert_eq!(v[0].name, "工业总产值");
        assert_eq!(v[0].value_text, "189.25");
        assert_eq!(v[0].unit, "亿元");
        assert_eq!(v[0].yoy, Some(8.7));
        assert_eq!(v[0].period.as_deref(), Some("2017年1-8月"));
        assert_eq!(v[1].name, "固定资产投资");
        assert_eq!(v[1].yoy, Some(-5.5));
        assert!(!v[0].target);
    }

    #[test]
    fn qualifiers() {
        assert_eq!(
            one("新增储备用地600多亩。").qualifier,
            Some(Qualifier::MoreThan)
        );
        assert_eq!(one("资金约1500万元").qualifier, Some(Qualifier::About));
        let f = one("协助企业融资近亿元,");
        assert_eq!((f.value, f.unit.as_str()), (1.0, "亿元"));
        assert_eq!(f.qualifier, Some(Qualifier::Nearly));
        assert_eq!(
            one("新增绿化面积超1000亩").qualifier,
            Some(Qualifier::MoreThan)
        );
        assert_eq!(
            one("受益群众5000人以上").qualifier,
            Some(Qualifier::MoreThan)
        );
    }

    #[test]
    fn counts_take_the_words_after_their_measure_word() {
        let v = find_numbers("配置了104名网格长、242名网格巡查员", None);
        assert_eq!(v[0].name, "网格长");
        assert_eq!(v[1].name, "网格巡查员");
        assert_eq!(one("全镇已划分为6大片区").name, "片区");
        assert_eq!(one("积极推进儒林一小等三所学校的扩建工程").value, 3.0);
    }

    #[test]
    fn dates_ordinals_codes_and_ranges_are_not_figures() {
        assert!(
            find_numbers(
                "第三届人民代表大会第三次会议,9月21日,G325国道,1-8月,三届二次",
                None
            )
            .is_empty()
        );
        assert!(find_numbers("为迎接党的十九大召开,一大波干货", None).is_empty());
    }

    #[test]
    fn targets_and_counted_periods() {
        let f = one("力争全年地区生产总值达到12.5亿元。");
        assert!(f.target);
        assert_eq!(f.name, "地区生产总值");
        let f = one("截至2017年9月初,共收集群众意见1252条");
        assert_eq!(f.period.as_deref(), Some("截至2017年9月初"));
        assert_eq!(f.name, "收集群众意见");
        let f = one("阶段完成率达68%。");
        assert_eq!(
            (f.name.as_str(), f.kind),
            ("阶段完成率", IndicatorKind::Rate)
        );
    }

    #[test]
    fn grouping_commas() {
        assert_eq!(one("收集意见1,252条").value, 1252.0);
        let v = find_numbers("收集意见1252条,成功解决1246条", None);
        assert_eq!(v.len(), 2);
    }
}
