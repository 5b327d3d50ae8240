//! 结束表决 asks first: a modal with the counts and the verdict the close will freeze, so
//! the secretary sees what becomes final before it does (a closed vote reopens only with a
//! reason on record).

use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{Choice, MotionTally, Tally, Verdict};
use crate::model::VotingMethod;

/// What the secretary answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Close,
    Cancel,
}

/// The sentence the modal shows: the counts and the verdict closing now freezes.
pub fn summary(lang: Lang, tally: &Tally, m: &MotionTally) -> (String, String) {
    let r = tally.result_if_closed_now(m);
    let mut parts = vec![
        format!("{} {}", Choice::Yes.label(lang), r.counts.yes),
        format!("{} {}", Choice::No.label(lang), r.counts.no),
        format!("{} {}", Choice::Abstain.label(lang), r.counts.abstain),
    ];
    if m.method == VotingMethod::SecretBallot {
        parts.push(format!(
            "{} {}",
            tr(lang, "votes.count.invalid"),
            r.counts.invalid
        ));
    }
    parts.push(format!(
        "{} {}",
        tr(lang, "votes.count.not_voting"),
        r.not_voting
    ));
    let counts = trf(
        lang,
        "votes.close_confirm.counts",
        &[
            (
                "counts",
                &parts.join(tr(lang, "votes.close_confirm.sep").as_ref()),
            ),
            ("present", &tally.attendance().present.to_string()),
        ],
    );
    let verdict = match (r.verdict, r.required) {
        (Verdict::Passed | Verdict::NotPassed, Some(n)) => trf(
            lang,
            "votes.close_confirm.verdict_needed",
            &[("verdict", &r.verdict.label(lang)), ("n", &n.to_string())],
        ),
        (v, _) => trf(
            lang,
            "votes.close_confirm.verdict",
            &[("verdict", &v.label(lang))],
        ),
    };
    (counts, verdict)
}

/// The modal over the window; None while it waits for an answer.
pub fn modal_ui(ctx: &egui::Context, lang: Lang, tally: &Tally, m: &MotionTally) -> Option<Answer> {
    let (counts, verdict) = summary(lang, tally, m);
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("votes_close_confirm")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(tr(lang, "votes.close_confirm.title"));
        ui.label(egui::RichText::new(&m.title).strong());
        ui.add_space(6.0);
        ui.label(counts);
        ui.label(egui::RichText::new(verdict).strong().size(20.0));
        ui.label(tr(lang, "votes.close_confirm.final"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "votes.close_confirm.yes")).clicked() {
                answer = Some(Answer::Close);
            }
            if ui.button(tr(lang, "votes.close_confirm.no")).clicked() {
                answer = Some(Answer::Cancel);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(Answer::Cancel);
    }
    answer
}
