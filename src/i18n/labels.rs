//! The words for domain values: each variant of each enum a person reads (a qualifier, a
//! voting method, a mark, a choice, a verdict, a note's kind…) has one locale key, given by
//! its `Label` impl beside the type (`model/labels.rs`, `journal/labels.rs`,
//! `notes/labels.rs`), so the window, the command line and every export call a value by the
//! same word. The words themselves are in `locales/labels.yml`.

use std::borrow::Cow;

use super::{Lang, tr};

/// A value that has a word in each language.
pub trait Label {
    /// The locale key of the word for this value.
    fn label_key(&self) -> &'static str;

    /// The word for this value in `lang`.
    fn label(&self, lang: Lang) -> Cow<'static, str> {
        tr(lang, self.label_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Choice, Mark, MotionState, Verdict};
    use crate::model::{AgendaKind, Qualifier, VotingMethod, qualified};
    use crate::notes::NoteKind;

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
            &[
                Verdict::Pending,
                Verdict::Passed,
                Verdict::NotPassed,
                Verdict::NoQuorum,
            ],
            lang,
            &mut out,
        );
        each(&[Mark::Present, Mark::Leave, Mark::Absent], lang, &mut out);
        each(&[Choice::Yes, Choice::No, Choice::Abstain], lang, &mut out);
        use AgendaKind::*;
        each(
            &[
                Procedure, Report, Review, Vote, Speech, Inspection, Election, Other,
            ],
            lang,
            &mut out,
        );
        each(&NoteKind::ALL, lang, &mut out);
        use crate::model::Post;
        each(
            &[Post::Head, Post::Deputy, Post::ByElection, Post::Project],
            lang,
            &mut out,
        );
        use crate::model::election_count::RoundKind;
        each(
            &[
                RoundKind::First,
                RoundKind::Revote,
                RoundKind::TieBallot,
                RoundKind::Further,
            ],
            lang,
            &mut out,
        );
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
