//! 表决结果公告: attendance, then one sentence per motion with the journal's figures, "特此公告",
//! signed by the presiding body with the date.

use super::wording::{
    attendance_sentence, chinese_date, first_or_blank, motion_sentence, or_blank, sitting_name,
};
use super::{FormalDoc, FormalFields, Kind};
use crate::export::SummaryData;

pub fn build(data: &SummaryData, fields: &FormalFields) -> FormalDoc {
    let sitting = sitting_name(&data.header);
    let mut doc = FormalDoc::new(format!("{sitting}表决结果公告"));
    doc.push(Kind::Title, sitting);
    doc.push(Kind::Title, "表决结果公告");
    doc.push(
        Kind::Subtitle,
        format!("（{}）", or_blank(&fields.doc_number)),
    );
    doc.push(Kind::Empty, "");
    doc.push(Kind::Body, attendance_sentence(&data.attendance));
    for m in &data.motions {
        doc.push(Kind::Body, motion_sentence(m));
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
