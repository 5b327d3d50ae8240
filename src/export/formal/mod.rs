//! Formal documents a township issues after a sitting: the 表决结果公告 ([`notice`]; with the
//! sitting's elections it is the 表决和选举结果公告, or the 选举结果公告 alone), a 决议
//! for each passed motion ([`resolution`]) and the 会议纪要 ([`minutes`]).
//!
//! Each is built as a [`FormalDoc`] — a list of paragraphs of a few kinds — from the summary
//! data (session plus journal tally) and the [`FormalFields`] the secretary supplies, and that
//! one model is rendered to DOCX ([`docx`], for editing in WPS/Word) and PDF ([`pdf`]), both laid
//! out as GB/T 9704-2012 asks. The documents are in Chinese whatever the interface language:
//! they are the town's official record.
//!
//! Nothing is invented: a figure the journal does not hold and a fact no file states (文号,
//! 主持人, 记录人, 列席, the 决议 text) prints as a blank line to fill by hand ([`BLANK`]).

mod docx;
pub mod election_wording;
mod fields;
pub mod minutes;
pub mod notice;
mod pdf;
pub mod resolution;
pub mod wording;

use std::path::{Path, PathBuf};

pub use fields::{FieldsError, FormalFields};
pub use wording::BLANK;

use super::{ExportError, Format, SummaryData};

/// Which formal document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Document {
    /// 表决结果公告; 表决和选举结果公告 or 选举结果公告 when the sitting holds elections.
    Notice,
    /// 决议, one per passed motion.
    Resolution,
    /// 会议纪要.
    Minutes,
}

impl Document {
    pub const ALL: [Document; 3] = [Document::Notice, Document::Resolution, Document::Minutes];

    /// The document's name as a town office says it (the notice's title follows what the
    /// sitting decided: [`notice::title`]).
    pub fn name_zh(self) -> &'static str {
        match self {
            Document::Notice => "表决结果公告",
            Document::Resolution => "决议",
            Document::Minutes => "会议纪要",
        }
    }
}

/// What a paragraph is; each writer gives every kind the same GB/T 9704 style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 标题: 2号 小标宋, centred.
    Title,
    /// A centred line under the title in body type: 文号, "（…通过）".
    Subtitle,
    /// 一级标题 "一、…": 黑体.
    Heading1,
    /// 二级标题 "（一）…": 楷体.
    Heading2,
    /// 正文: 3号 仿宋, first line indented two characters.
    Body,
    /// 署名: right-aligned, with room above for the seal.
    Signature,
    /// 成文日期: right-aligned, four characters in from the right edge.
    Date,
    /// An empty line of the grid.
    Empty,
    /// The next paragraph starts a new page.
    PageBreak,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    pub kind: Kind,
    pub text: String,
}

/// One formal document, ready for a writer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormalDoc {
    /// The file's title in its metadata.
    pub name: String,
    pub paras: Vec<Para>,
}

impl FormalDoc {
    pub(crate) fn new(name: impl Into<String>) -> Self {
        FormalDoc {
            name: name.into(),
            paras: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, kind: Kind, text: impl Into<String>) {
        self.paras.push(Para {
            kind,
            text: text.into(),
        });
    }

    /// All text, one paragraph a line (what a reader of the file sees, for tests and previews).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for p in &self.paras {
            out.push_str(&p.text);
            out.push('\n');
        }
        out
    }
}

/// Builds `which` from the summary data and the secretary's fields.
pub fn build(which: Document, data: &SummaryData, fields: &FormalFields) -> FormalDoc {
    match which {
        Document::Notice => notice::build(data, fields),
        Document::Resolution => resolution::build(data, fields),
        Document::Minutes => minutes::build(data, fields),
    }
}

/// The document as DOCX or PDF bytes; other formats are for the summary.
pub fn render(doc: &FormalDoc, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => docx::render(doc),
        Format::Pdf => pdf::render(doc),
        other => Err(ExportError::FormalFormat(other.extension())),
    }
}

/// Renders and writes the document atomically; refuses an existing file unless `force`.
pub fn write(
    doc: &FormalDoc,
    format: Format,
    out: &Path,
    force: bool,
) -> Result<PathBuf, ExportError> {
    if !force && out.exists() {
        return Err(ExportError::Exists(out.to_path_buf()));
    }
    let bytes = render(doc, format)?;
    super::write_file(out, &bytes, force)?;
    Ok(out.to_path_buf())
}
