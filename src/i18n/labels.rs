//! The words for domain values: each variant of each enum a person reads (a qualifier, a
//! voting method, a mark, a choice, a verdict, a note's kind…) has its one locale key here,
//! so the window, the command line and every export call a value by the same word.
//!
//! The domain types stay free of words; this file knows them, and the views and exporters
//! ask it.

use std::borrow::Cow;

use super::{Lang, tr, trf};
use crate::journal::{Choice, Mark, MotionState, Verdict};
use crate::model::election_count::RoundKind;
use crate::model::{AgendaKind, Post, Qualifier, VotingMethod};
use crate::notes::NoteKind;

/// A value that has a word in each language.
pub trait Label {
    /// The locale key of the word for this value.
    fn label_key(&self) -> &'static str;

    /// The word for this value in `lang`.
    fn label(&self, lang: Lang) -> Cow<'static, str> {
        tr(lang, self.label_key())
    }
}

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

impl Label for MotionState {
    fn label_key(&self) -> &'static str {
        match self {
            MotionState::NotOpen => "label.motion_state.not_open",
            MotionState::Open => "label.motion_state.open",
            MotionState::Closed => "label.motion_state.closed",
        }
    }
}

impl Label for Verdict {
    fn label_key(&self) -> &'static str {
        match self {
            Verdict::Pending => "label.verdict.pending",
            Verdict::Passed => "label.verdict.passed",
            Verdict::NotPassed => "label.verdict.not_passed",
            Verdict::NoQuorum => "label.verdict.no_quorum",
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

impl Label for Mark {
    fn label_key(&self) -> &'static str {
        match self {
            Mark::Present => "label.mark.present",
            Mark::Leave => "label.mark.leave",
            Mark::Absent => "label.mark.absent",
        }
    }
}

impl Label for Choice {
    fn label_key(&self) -> &'static str {
        match self {
            Choice::Yes => "label.choice.yes",
            Choice::No => "label.choice.no",
            Choice::Abstain => "label.choice.abstain",
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
            AgendaKind::Other => "label.agenda.other",
        }
    }
}

impl Label for NoteKind {
    fn label_key(&self) -> &'static str {
        match self {
            NoteKind::Question => "label.note_kind.question",
            NoteKind::Suggestion => "label.note_kind.suggestion",
            NoteKind::Support => "label.note_kind.support",
            NoteKind::Concern => "label.note_kind.concern",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant, as `(key, word in Chinese, word in English)`.
    fn all(lang: Lang) -> Vec<(&'static str, String)> {
        fn each<T: Label>(values: &[T], lang: Lang, out: &mut Vec<(&'static str, String)>) {
            out.extend(
                values
                    .iter()
                    .map(|v| (v.label_key(), v.label(lang).into_owned())),
            );
        }
        let mut out = Vec::new();
        use Qualifier::*;
        each(&[About, Nearly, MoreThan], lang, &mut out);
        use VotingMethod::*;
        each(&[ShowOfHands, RollCall, SecretBallot], lang, &mut out);
        each(
            &[MotionState::NotOpen, MotionState::Open, MotionState::Closed],
            lang,
            &mut out,
        );
        each(
            &[Verdict::Pending, Verdict::Passed, Verdict::NotPassed],
            lang,
            &mut out,
        );
        each(&[Mark::Present, Mark::Leave, Mark::Absent], lang, &mut out);
        each(&[Choice::Yes, Choice::No, Choice::Abstain], lang, &mut out);
        use AgendaKind::*;
        each(
            &[Procedure, Report, Review, Vote, Speech, Inspection, Other],
            lang,
            &mut out,
        );
        each(&NoteKind::ALL, lang, &mut out);
        out
    }

    #[test]
    fn every_value_has_a_word_of_its_own_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let words = all(lang);
            for (key, word) in &words {
                assert!(
                    !word.is_empty() && word != key,
                    "{key} has no word in {lang:?}"
                );
                assert_eq!(word.trim(), word, "{key} in {lang:?}: {word:?}");
            }
            // Within one enum no two values share a word.
            for (i, (a, wa)) in words.iter().enumerate() {
                for (b, wb) in &words[i + 1..] {
                    let same_enum =
                        a.rsplit_once('.').map(|p| p.0) == b.rsplit_once('.').map(|p| p.0);
                    assert!(!(same_enum && wa == wb), "{a} and {b} both read {wa:?}");
                }
            }
        }
    }

    #[test]
    fn chinese_and_english_words_differ() {
        for ((key, zh), (_, en)) in all(Lang::Zh).into_iter().zip(all(Lang::En)) {
            assert_ne!(zh, en, "{key}");
        }
    }

    #[test]
    fn a_qualifier_stands_before_its_number() {
        assert_eq!(
            qualified(Lang::Zh, Some(Qualifier::MoreThan), "1000亩"),
            "超1000亩"
        );
        assert_eq!(
            qualified(Lang::Zh, Some(Qualifier::About), "1500万元"),
            "约1500万元"
        );
        assert_eq!(
            qualified(Lang::En, Some(Qualifier::Nearly), "7000万元"),
            "nearly 7000万元"
        );
        assert_eq!(qualified(Lang::En, None, "99.5%"), "99.5%");
    }
}
