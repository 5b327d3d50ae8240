//! 表决结果公告: attendance, then one sentence per motion with the journal's figures and one
//! paragraph per election round (当选 names and their votes), "特此公告", signed by the
//! presiding body with the date.
//!
//! Elections go into this one notice rather than a document of their own: a sitting posts
//! one notice under one 文号 with one attendance sentence, and the secretary never has to
//! know which document holds which result. Its title says what it carries: 表决结果公告,
//! 选举结果公告, or 表决和选举结果公告 when the sitting did both.

use super::election_wording::election_paragraphs;
use super::wording::{
    attendance_sentence, chinese_date, first_or_blank, motion_sentence, or_blank, sitting_name,
};
use super::{FormalDoc, FormalFields, Kind};
use crate::export::SummaryData;

/// The notice's title after the sitting's name.
pub fn title(data: &SummaryData) -> &'static str {
    match (data.motions.is_empty(), data.elections.is_empty()) {
        (_, true) => "表决结果公告",
        (true, false) => "选举结果公告",
        (false, false) => "表决和选举结果公告",
    }
}

pub fn build(data: &SummaryData, fields: &FormalFields) -> FormalDoc {
    let sitting = sitting_name(&data.header);
    let title = title(data);
    let mut doc = FormalDoc::new(format!("{sitting}{title}"));
    doc.push(Kind::Title, sitting);
    doc.push(Kind::Title, title);
    doc.push(
        Kind::Subtitle,
        format!("（{}）", or_blank(&fields.doc_number)),
    );
    doc.push(Kind::Empty, "");
    doc.push(Kind::Body, attendance_sentence(&data.attendance));
    for m in &data.motions {
        doc.push(Kind::Body, motion_sentence(m));
    }
    for e in &data.elections {
        for p in election_paragraphs(e, &data.header.town) {
            doc.push(Kind::Body, p);
        }
    }
    doc.push(Kind::Body, "特此公告。");
    signature(&mut doc, data, fields);
    doc
}

/// 署名 and 成文日期, with two empty lines above for the seal.
pub(super) fn signature(doc: &mut FormalDoc, data: &SummaryData, fields: &FormalFields) {
    doc.push(Kind::Empty, "");
    doc.push(Kind::Empty, "");
    doc.push(
        Kind::Signature,
        first_or_blank(&[
            data.header.presiding_body.as_deref(),
            Some(fields.presiding_body.as_str()),
        ]),
    );
    doc.push(Kind::Date, chinese_date(&data.header.date));
}
