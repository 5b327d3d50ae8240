//! The result panel: counts, threshold and verdict, large enough to read from a projector.

use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{Choice, MotionState, MotionTally, Tally, Verdict};
use crate::model::VotingMethod;

const GREEN: egui::Color32 = egui::Color32::from_rgb(0, 140, 60);

/// Draws the result of `m`; `scale` 1.0 beside the form, larger on the projector.
pub fn result_ui(ui: &mut egui::Ui, lang: Lang, tally: &Tally, m: &MotionTally, scale: f32) {
    let r = tally.result(m);
    let size = |s: f32| s * scale;
    if scale > 1.0 {
        // Beside the form the title is already the page's heading.
        ui.label(egui::RichText::new(&m.title).size(size(18.0)).strong());
        ui.add_space(size(6.0));
    }

    // The verdict first: it is what people look for, and beside the form at 1024×640 the
    // panel is too short for the counts, the verdict and the rule's details together.
    let (text, color) = match r.verdict {
        Verdict::Passed => (Verdict::Passed.label(lang), GREEN),
        Verdict::NotPassed => (Verdict::NotPassed.label(lang), ui.visuals().error_fg_color),
        Verdict::NoQuorum => (Verdict::NoQuorum.label(lang), ui.visuals().error_fg_color),
        Verdict::Pending => (
            match m.state {
                MotionState::NotOpen => tr(lang, "votes.result.not_open"),
                _ => tr(lang, "votes.result.voting"),
            },
            ui.visuals().weak_text_color(),
        ),
    };
    ui.label(
        egui::RichText::new(text)
            .size(size(56.0))
            .strong()
            .color(color),
    );
    ui.add_space(size(4.0));

    let mut rows: Vec<(String, u32)> = vec![
        (Choice::Yes.label(lang).into_owned(), r.counts.yes),
        (Choice::No.label(lang).into_owned(), r.counts.no),
        (Choice::Abstain.label(lang).into_owned(), r.counts.abstain),
    ];
    if m.method == VotingMethod::SecretBallot {
        rows.push((
            tr(lang, "votes.count.invalid").into_owned(),
            r.counts.invalid,
        ));
    }
    rows.push((
        tr(lang, "votes.count.not_voting").into_owned(),
        r.not_voting,
    ));
    let counted = m.is_counted();
    egui::Grid::new("votes_result_counts")
        .num_columns(2)
        .spacing([size(24.0), size(4.0)])
        .show(ui, |ui| {
            for (label, v) in rows {
                ui.label(egui::RichText::new(label).size(size(22.0)));
                let value = if counted {
                    v.to_string()
                } else {
                    "—".to_string()
                };
                ui.label(egui::RichText::new(value).size(size(28.0)).strong());
                ui.end_row();
            }
        });
    ui.add_space(size(6.0));

    ui.add_space(size(6.0));

    let present = m.frozen.map_or(tally.attendance().present, |a| a.present);
    let key = if m.frozen.is_some() {
        "votes.result.present_frozen"
    } else {
        "votes.result.present_live"
    };
    ui.label(egui::RichText::new(trf(lang, key, &[("n", &present.to_string())])).size(size(16.0)));
    ui.label(
        egui::RichText::new(trf(
            lang,
            "votes.result.rule",
            &[("rule", &m.rule.describe(lang))],
        ))
        .size(size(16.0)),
    );
    let required = match r.required {
        Some(n) => trf(
            lang,
            "votes.result.required",
            &[("base", &r.base.to_string()), ("n", &n.to_string())],
        ),
        None => trf(
            lang,
            "votes.result.unreachable",
            &[("base", &r.base.to_string())],
        ),
    };
    ui.label(egui::RichText::new(required).size(size(16.0)));
}
