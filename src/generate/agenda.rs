//! Motions and the agenda that leads to their votes.

use super::phrases::{DOC_TITLES, OBJECTS};
use super::rng::Rng;
use crate::model::{AgendaItem, AgendaKind, Document, Motion, Threshold, VotingMethod};

/// `count` roll-call motions: a resolution on each document, then decisions.
pub(super) fn motions(rng: &mut Rng, count: u32, documents: &[Document]) -> Vec<Motion> {
    (0..count)
        .map(|m| {
            let doc = &documents[m as usize % documents.len()];
            let short = DOC_TITLES[m as usize % documents.len()].2;
            let title = if (m as usize) < documents.len() {
                format!("关于{short}的决议（草案）")
            } else {
                format!("关于加强{}的决定（草案）", rng.word(OBJECTS))
            };
            Motion {
                id: format!("m{:02}", m + 1),
                title,
                method: VotingMethod::RollCall,
                rule: Threshold::default_majority(),
                document: ((m as usize) < documents.len()).then(|| doc.id.clone()),
                outcome: None,
            }
        })
        .collect()
}

/// Opening, a report item per document, the inspection (if there are stops), a vote per
/// motion, closing.
pub(super) fn agenda(
    documents: &[Document],
    inspection: bool,
    motions: &[Motion],
) -> Vec<AgendaItem> {
    let mut agenda = vec![AgendaItem {
        time: Some("上午".to_string()),
        title: "大会开幕".to_string(),
        kind: AgendaKind::Procedure,
        presenter: None,
        document: None,
        motion: None,
        election: None,
    }];
    for doc in documents {
        agenda.push(AgendaItem {
            time: None,
            title: format!("听取和审议{}", doc.title),
            kind: AgendaKind::Report,
            presenter: doc.speaker.clone(),
            document: Some(doc.id.clone()),
            motion: None,
            election: None,
        });
    }
    if inspection {
        agenda.push(AgendaItem {
            time: Some("下午".to_string()),
            title: "代表视察重点项目".to_string(),
            kind: AgendaKind::Inspection,
            presenter: None,
            document: None,
            motion: None,
            election: None,
        });
    }
    for m in motions {
        agenda.push(AgendaItem {
            time: None,
            title: format!("表决{}", m.title),
            kind: AgendaKind::Vote,
            presenter: None,
            document: None,
            motion: Some(m.id.clone()),
            election: None,
        });
    }
    agenda.push(AgendaItem {
        time: None,
        title: "大会闭幕".to_string(),
        kind: AgendaKind::Procedure,
        presenter: None,
        document: None,
        motion: None,
        election: None,
    });
    agenda
}
