//! 会议纪要: time, place, 主持人, 出席/列席, 记录人; then the agenda as it happened, attendance
//! and each result in sentences, motions and elections alike.

use super::election_wording::election_paragraphs;
use super::wording::{
    attendance_sentence, chinese_date, chinese_number, first_or_blank, motion_sentence, or_blank,
    sitting_name,
};
use super::{FormalDoc, FormalFields, Kind};
use crate::export::SummaryData;

pub fn build(data: &SummaryData, fields: &FormalFields) -> FormalDoc {
    let h = &data.header;
    let a = &data.attendance;
    let sitting = sitting_name(h);
    let mut doc = FormalDoc::new(format!("{sitting}纪要"));
    doc.push(Kind::Title, format!("{sitting}纪要"));
    doc.push(Kind::Empty, "");

    doc.push(Kind::Body, format!("时间：{}", chinese_date(&h.date)));
    doc.push(
        Kind::Body,
        format!(
            "地点：{}",
            first_or_blank(&[h.venue.as_deref(), Some(fields.venue.as_str())])
        ),
    );
    doc.push(Kind::Body, format!("主持人：{}", or_blank(&fields.chair)));
    let present = match a.present {
        Some(p) => {
            let mut s = format!("应到代表{}名，实到{p}名", a.seats);
            if let Some(l) = a.on_leave.filter(|&n| n > 0) {
                s.push_str(&format!("，请假{l}名"));
            }
            if let Some(x) = a.absent.filter(|&n| n > 0) {
                s.push_str(&format!("，缺席{x}名"));
            }
            s
        }
        None => format!("应到代表{}名，实到{}名", a.seats, super::BLANK),
    };
    doc.push(Kind::Body, format!("出席：{present}"));
    doc.push(Kind::Body, format!("列席：{}", or_blank(&fields.attending)));
    doc.push(
        Kind::Body,
        format!("记录人：{}", or_blank(&fields.recorder)),
    );

    doc.push(Kind::Heading1, "一、会议议程");
    if data.agenda.is_empty() {
        // The session file lists no agenda: a line to write it in by hand, not an empty
        // heading that reads as if there was none.
        doc.push(Kind::Body, super::wording::BLANK_LINE);
    }
    for (i, item) in data.agenda.iter().enumerate() {
        let mut line = format!("（{}）", chinese_number(i as u32 + 1));
        if let Some(t) = item.time.as_deref().filter(|t| !t.trim().is_empty()) {
            line.push_str(t.trim());
            line.push('，');
        }
        line.push_str(&item.title);
        line.push('。');
        doc.push(Kind::Body, line);
    }

    doc.push(Kind::Heading1, "二、出席情况");
    doc.push(Kind::Body, attendance_sentence(a));

    // A sitting that only elected has no 表决结果 section to leave empty.
    let mut next = 3;
    if !data.motions.is_empty() || data.elections.is_empty() {
        doc.push(
            Kind::Heading1,
            format!("{}、表决结果", chinese_number(next)),
        );
        next += 1;
        if data.motions.is_empty() {
            doc.push(Kind::Body, "本次会议没有付表决的议案。");
        }
        for m in &data.motions {
            doc.push(Kind::Body, motion_sentence(m));
        }
    }
    if !data.elections.is_empty() {
        doc.push(
            Kind::Heading1,
            format!("{}、选举结果", chinese_number(next)),
        );
        for e in &data.elections {
            for p in election_paragraphs(e, &h.town) {
                doc.push(Kind::Body, p);
            }
        }
    }

    doc.push(Kind::Empty, "");
    doc.push(Kind::Date, chinese_date(&h.date));
    doc
}
