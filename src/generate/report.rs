//! The documents: sections of report prose, with the indicators' statements placed in the
//! paragraphs they name as their source.

use std::collections::BTreeMap;

use super::PARAGRAPHS_PER_SECTION;
use super::phrases::{DOC_TITLES, PART_TITLES, SECTION_TITLES};
use super::prose::{chinese_ordinal, name, paragraph};
use super::rng::Rng;
use crate::model::{Document, Section};

/// How many sections each document gets, and every section's id.
pub(super) struct Layout {
    pub doc_sections: Vec<usize>,
    /// Ids of every section, in order, to point indicators and stops at.
    pub section_ids: Vec<String>,
}

impl Layout {
    /// Sections are spread over the documents: the work report gets half, the rest share.
    pub fn new(sections: u32) -> Layout {
        let n_sections = sections.max(1) as usize;
        let n_docs = DOC_TITLES.len().min(n_sections);
        let mut doc_sections: Vec<usize> = vec![0; n_docs];
        for i in 0..n_sections {
            let d = if i < n_sections.div_ceil(2) || n_docs == 1 {
                0
            } else {
                1 + (i % (n_docs - 1))
            };
            doc_sections[d] += 1;
        }
        let mut section_ids: Vec<String> = Vec::new();
        for i in 0..n_sections {
            section_ids.push(format!("s{:03}", i + 1));
        }
        Layout {
            doc_sections,
            section_ids,
        }
    }
}

/// The documents, their paragraphs written around the `statements` (keyed by paragraph id).
pub(super) fn documents(
    rng: &mut Rng,
    layout: &Layout,
    mut statements: BTreeMap<String, Vec<String>>,
) -> Vec<Document> {
    let Layout {
        doc_sections,
        section_ids,
    } = layout;
    let n_docs = doc_sections.len();
    let mut documents: Vec<Document> = Vec::with_capacity(n_docs);
    let mut next_section = 0;
    for (d, count) in doc_sections.iter().enumerate() {
        let (title, kind, _) = DOC_TITLES[d];
        let mut sections = Vec::with_capacity(*count);
        for k in 0..*count {
            let id = section_ids[next_section].clone();
            next_section += 1;
            // A part heading every tenth section, sections inside it otherwise.
            let (level, title) = if k % 10 == 0 {
                let part = PART_TITLES[(k / 10) % PART_TITLES.len()];
                (1, format!("{}、{part}", chinese_ordinal(k / 10 + 1)))
            } else {
                (2, format!("（{}）{}", k % 10, rng.word(SECTION_TITLES)))
            };
            let paragraphs = (0..PARAGRAPHS_PER_SECTION)
                .map(|n| {
                    let pid = format!("{id}.{}", n + 1);
                    let extra = statements.remove(&pid).unwrap_or_default();
                    paragraph(rng, &extra)
                })
                .collect();
            sections.push(Section {
                id,
                title,
                level,
                paragraphs,
            });
        }
        let speaker = format!("{}作报告", name(rng));
        documents.push(Document {
            id: format!("doc{}", d + 1),
            title: title.to_string(),
            kind,
            speaker: Some(speaker),
            sections,
        });
    }
    documents
}
