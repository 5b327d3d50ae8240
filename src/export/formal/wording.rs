//! The words formal documents share: Chinese ordinals (第三届), dates (2017年9月21日), the
//! sitting's name, the blank line to fill by hand, and the sentences that state attendance and
//! each vote. Figures inside sentences stay Arabic, as town offices write them.

use crate::export::summary::{Attendance, Header, MotionRow, MotionState, Verdict};
use crate::model::VotingMethod;

/// What prints where no file says the fact: a line to fill in by hand.
pub const BLANK: &str = "＿＿＿＿＿＿";

/// A whole line to fill in by hand (26 characters: a body line less its indent).
pub const BLANK_LINE: &str = "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿";

/// `value`, or [`BLANK`] when it is empty or only spaces.
pub fn or_blank(value: &str) -> &str {
    let v = value.trim();
    if v.is_empty() { BLANK } else { v }
}

/// The first of `values` that is not empty, or [`BLANK`].
pub fn first_or_blank<'a>(values: &[Option<&'a str>]) -> &'a str {
    values
        .iter()
        .flatten()
        .map(|v| v.trim())
        .find(|v| !v.is_empty())
        .unwrap_or(BLANK)
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` in Chinese numerals as ordinals are written: 3 → 三, 10 → 十, 11 → 十一, 20 → 二十,
/// 105 → 一百零五, 110 → 一百一十. Numbers from 10 000 on are written in Arabic, which no term
/// or session number reaches.
pub fn chinese_number(n: u32) -> String {
    if n >= 10_000 {
        return n.to_string();
    }
    if n < 10 {
        return DIGITS[n as usize].to_string();
    }
    if n < 20 {
        // 十一, not 一十一, when the number starts with ten.
        let mut s = String::from("十");
        if n > 10 {
            s.push(DIGITS[(n - 10) as usize]);
        }
        return s;
    }
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut s = String::new();
    let mut rest = n;
    let mut zero = false;
    for (value, unit) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if zero {
                s.push('零');
                zero = false;
            }
            s.push(DIGITS[d as usize]);
            s.push(unit);
        } else if !s.is_empty() {
            zero = true;
        }
    }
    if rest > 0 {
        if zero {
            s.push('零');
        }
        s.push(DIGITS[rest as usize]);
    }
    s
}

/// "2017-09-21" → "2017年9月21日"; a date in another shape is kept as written.
pub fn chinese_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
    {
        return format!("{y}年{m}月{d}日");
    }
    iso.trim().to_string()
}

/// The town as a sitting names itself: "佛山市南海区九江镇" → "九江镇" (the city and district
/// before it are dropped, as in "九江镇第三届人民代表大会").
pub fn short_town(town: &str) -> &str {
    let town = town.trim();
    match town
        .char_indices()
        .rfind(|(_, c)| matches!(c, '市' | '区' | '县' | '旗'))
    {
        Some((i, c)) if i + c.len_utf8() < town.len() => &town[i + c.len_utf8()..],
        _ => town,
    }
}

/// "九江镇第三届人民代表大会第三次会议", from the town, term and session numbers.
pub fn sitting_name(h: &Header) -> String {
    format!(
        "{}第{}届人民代表大会第{}次会议",
        short_town(&h.town),
        chinese_number(h.term),
        chinese_number(h.session)
    )
}

/// The voting method in the words the session's method stands for.
pub fn method_words(m: VotingMethod) -> &'static str {
    match m {
        VotingMethod::ShowOfHands => "举手表决",
        VotingMethod::RollCall => "记名表决",
        VotingMethod::SecretBallot => "无记名投票",
    }
}

/// "会议应到代表107名，实到102名，符合法定人数。" — 实到 left blank until the journal records it.
pub fn attendance_sentence(a: &Attendance) -> String {
    match a.present {
        Some(p) => {
            let quorum = match a.quorum_met {
                Some(true) => "，符合法定人数",
                Some(false) => "，不足法定人数",
                None => "",
            };
            format!("会议应到代表{}名，实到{p}名{quorum}。", a.seats)
        }
        None => format!("会议应到代表{}名，实到{BLANK}名。", a.seats),
    }
}

/// "赞成98票、反对1票、弃权2票" (with 无效 for a secret ballot), when all counts are known.
fn counts(m: &MotionRow) -> Option<String> {
    let (y, n, a) = (m.yes?, m.no?, m.abstain?);
    let mut s = format!("赞成{y}票、反对{n}票、弃权{a}票");
    if let Some(i) = m.invalid.filter(|&i| i > 0) {
        s.push_str(&format!("、无效{i}票"));
    }
    Some(s)
}

/// The sentence stating what became of one motion: passed with its figures, not passed and
/// why, still being voted on, or not yet put to the vote.
pub fn motion_sentence(m: &MotionRow) -> String {
    let how = method_words(m.method);
    let title = &m.title;
    let decided = match m.state {
        MotionState::Closed | MotionState::NotRecorded => m.verdict,
        MotionState::Open => None,
    };
    match (decided, counts(m)) {
        (Some(Verdict::Passed), Some(c)) => {
            format!("会议以{how}方式，以{c}，通过了《{title}》。")
        }
        (Some(Verdict::Passed), None) => {
            format!("会议以{how}方式通过了《{title}》（表决票数未见记录）。")
        }
        (Some(Verdict::NotPassed), Some(c)) => {
            let needed = match m.required {
                Some(r) => format!("赞成票未达到{}（{r}票），", m.rule),
                None => String::new(),
            };
            format!("会议以{how}方式对《{title}》进行表决，{c}，{needed}未获通过。")
        }
        (Some(Verdict::NotPassed), None) => {
            format!("会议以{how}方式对《{title}》进行表决，未获通过（表决票数未见记录）。")
        }
        // Organic Law Art. 14 ¶4: a sitting is held only with two thirds of the delegates
        // present; a vote closed below that decides nothing, whatever its counts.
        (Some(Verdict::NoQuorum), _) => {
            format!("《{title}》表决时出席代表未达法定人数，表决无效。")
        }
        (None, _) if m.state == MotionState::Open => {
            format!("《{title}》的表决尚未结束，结果待表决结束后公告。")
        }
        (None, _) => format!("《{title}》尚未付表决。"),
    }
}

/// Whether the motion passed, by the journal or, where the journal never opened it, by what
/// the source states.
pub fn passed(m: &MotionRow) -> bool {
    m.state != MotionState::Open && m.verdict == Some(Verdict::Passed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_written_in_chinese() {
        let cases = [
            (1, "一"),
            (3, "三"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1005, "一千零五"),
            (2017, "二千零一十七"),
        ];
        for (n, want) in cases {
            assert_eq!(chinese_number(n), want, "{n}");
        }
        assert_eq!(format!("第{}届", chinese_number(3)), "第三届");
        assert_eq!(format!("第{}届", chinese_number(11)), "第十一届");
        assert_eq!(format!("第{}次", chinese_number(20)), "第二十次");
    }

    #[test]
    fn empty_fields_print_a_line_to_fill_by_hand() {
        assert_eq!(or_blank(""), BLANK);
        assert_eq!(or_blank("   "), BLANK);
        assert_eq!(or_blank(" 李明 "), "李明");
        assert_eq!(first_or_blank(&[None, Some(" "), Some("主席团")]), "主席团");
        assert_eq!(first_or_blank(&[None, Some("")]), BLANK);
        assert!(BLANK.chars().all(|c| c == '＿'));
        assert_eq!(BLANK_LINE.chars().count(), 26);
    }

    #[test]
    fn dates_and_town_names() {
        assert_eq!(chinese_date("2017-09-21"), "2017年9月21日");
        assert_eq!(chinese_date("2017年秋"), "2017年秋");
        assert_eq!(short_town("佛山市南海区九江镇"), "九江镇");
        assert_eq!(short_town("九江镇"), "九江镇");
        assert_eq!(short_town("某某区"), "某某区");
    }
}
