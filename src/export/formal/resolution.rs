//! 决议: one per passed motion, each from a new page — the title, "（2017年9月21日九江镇第三届
//! 人民代表大会第三次会议通过）", and the body the secretary writes. Where none is written, a
//! standard opening sentence stating only what the tally shows is offered, followed by lines to
//! fill by hand.

use super::wording::{BLANK_LINE, chinese_date, passed, sitting_name};
use super::{FormalDoc, FormalFields, Kind};
use crate::export::SummaryData;

pub fn build(data: &SummaryData, fields: &FormalFields) -> FormalDoc {
    let sitting = sitting_name(&data.header);
    let date = chinese_date(&data.header.date);
    let mut doc = FormalDoc::new(format!("{sitting}决议"));
    let passed: Vec<_> = data.motions.iter().filter(|m| passed(m)).collect();
    if passed.is_empty() {
        doc.push(Kind::Title, format!("{sitting}决议"));
        doc.push(Kind::Empty, "");
        doc.push(Kind::Body, "本次会议没有通过的议案，无决议。");
        return doc;
    }
    for (i, m) in passed.into_iter().enumerate() {
        if i > 0 {
            doc.push(Kind::PageBreak, "");
        }
        doc.push(Kind::Title, format!("{sitting}关于《{}》的决议", m.title));
        doc.push(Kind::Subtitle, format!("（{date}{sitting}通过）"));
        doc.push(Kind::Empty, "");
        let written = fields
            .resolutions
            .get(&m.id)
            .map(|t| t.trim())
            .filter(|t| !t.is_empty());
        match written {
            Some(text) => {
                for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    doc.push(Kind::Body, line);
                }
            }
            None => {
                doc.push(Kind::Body, opening(&sitting, &m.title));
                doc.push(Kind::Body, BLANK_LINE);
                doc.push(Kind::Body, BLANK_LINE);
            }
        }
    }
    doc
}

/// The standard opening: what the sitting did with the motion, nothing more.
pub fn opening(sitting: &str, title: &str) -> String {
    format!("{sitting}审议并通过了《{title}》。")
}
