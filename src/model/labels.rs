//! The word for each of this layer's values a person reads: one locale key per variant
//! (see `i18n::Label`; the words are in `locales/labels.yml`).

use crate::i18n::{Label, Lang, trf};

use super::election_count::RoundKind;
use super::{AgendaKind, Post, Qualifier, VotingMethod};

impl Label for Qualifier {
    fn label_key(&self) -> &'static str {
        match self {
            Qualifier::About => "label.qualifier.about",
            Qualifier::Nearly => "label.qualifier.nearly",
            Qualifier::MoreThan => "label.qualifier.more_than",
        }
    }
}

impl Label for VotingMethod {
    fn label_key(&self) -> &'static str {
        match self {
            VotingMethod::ShowOfHands => "label.method.show_of_hands",
            VotingMethod::RollCall => "label.method.roll_call",
            VotingMethod::SecretBallot => "label.method.secret_ballot",
        }
    }
}

impl Label for AgendaKind {
    fn label_key(&self) -> &'static str {
        match self {
            AgendaKind::Procedure => "label.agenda.procedure",
            AgendaKind::Report => "label.agenda.report",
            AgendaKind::Review => "label.agenda.review",
            AgendaKind::Vote => "label.agenda.vote",
            AgendaKind::Speech => "label.agenda.speech",
            AgendaKind::Inspection => "label.agenda.inspection",
            AgendaKind::Election => "label.agenda.election",
            AgendaKind::Other => "label.agenda.other",
        }
    }
}

impl Label for Post {
    fn label_key(&self) -> &'static str {
        match self {
            Post::Head => "label.post.head",
            Post::Deputy => "label.post.deputy",
            Post::ByElection => "label.post.by_election",
            Post::Project => "label.post.project",
        }
    }
}

impl Label for RoundKind {
    fn label_key(&self) -> &'static str {
        match self {
            RoundKind::First => "label.round_kind.first",
            RoundKind::Revote => "label.round_kind.revote",
            RoundKind::TieBallot => "label.round_kind.tie_ballot",
            RoundKind::Further => "label.round_kind.further",
        }
    }
}

/// A number (with its unit) after its qualifier, as the report writes it: "约420份" in
/// Chinese, "about 420份" in English.
pub fn qualified(lang: Lang, qualifier: Option<Qualifier>, number: &str) -> String {
    match qualifier {
        None => number.to_string(),
        Some(q) => trf(
            lang,
            "label.qualified",
            &[("qualifier", &q.label(lang)), ("number", number)],
        ),
    }
}
