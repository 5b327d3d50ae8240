//! An election's result, read-only: each round's ballots, each person's votes, who is
//! elected, what is void and what comes next. The same for the secretary and for a delegate
//! reading the journal.

use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{ElectionReport, MotionState, RoundReport};
use crate::model::Post;

use super::election::cell_ui;

const GREEN: egui::Color32 = egui::Color32::from_rgb(0, 140, 60);

/// Draws every round of `e`, the newest first, then who is elected and what comes next.
pub fn result_ui(ui: &mut egui::Ui, lang: Lang, e: &ElectionReport, seated: u32) {
    let names = if e.elected.is_empty() {
        tr(lang, "election.cli.nobody").into_owned()
    } else {
        e.elected.join(tr(lang, "election.cli.list_sep").as_ref())
    };
    let elected_key = if e.post == Post::Project {
        "election.ui.chosen_all"
    } else {
        "election.ui.elected_all"
    };
    ui.label(
        egui::RichText::new(trf(lang, elected_key, &[("names", &names)]))
            .size(20.0)
            .strong()
            .color(if e.elected.is_empty() {
                ui.visuals().text_color()
            } else {
                GREEN
            }),
    );
    ui.label(
        egui::RichText::new(trf(
            lang,
            "election.ui.next",
            &[("next", &e.next_text(lang))],
        ))
        .strong(),
    );
    for r in e.rounds.iter().rev() {
        ui.separator();
        round_ui(ui, lang, e, r, seated);
    }
}

fn round_ui(ui: &mut egui::Ui, lang: Lang, e: &ElectionReport, r: &RoundReport, seated: u32) {
    let s = |n: u32| n.to_string();
    ui.label(
        egui::RichText::new(trf(
            lang,
            "election.ui.round",
            &[
                ("n", &s(r.number)),
                ("kind", &r.kind.label(lang)),
                ("state", &r.state.label(lang)),
                ("seats", &s(r.seats)),
            ],
        ))
        .strong(),
    );
    let required = match r.required {
        Some(n) => trf(
            lang,
            "election.cli.required",
            &[("n", &s(n)), ("seated", &s(seated))],
        ),
        None => tr(lang, "election.cli.required_tie").into_owned(),
    };
    ui.label(required);
    match (r.issued, r.returned) {
        (Some(issued), Some(returned)) => ui.label(
            trf(
                lang,
                "election.cli.ballots",
                &[
                    ("issued", &s(issued)),
                    ("returned", &s(returned)),
                    ("valid", &s(r.valid)),
                    ("invalid", &s(r.invalid)),
                ],
            )
            .trim(),
        ),
        _ => ui.label(tr(lang, "election.cli.no_ballots").trim()),
    };
    if let Some(f) = r.frozen {
        ui.label(trf(
            lang,
            "votes.result.present_frozen",
            &[("n", &f.present.to_string())],
        ));
    }
    if let Some(v) = r.void {
        ui.colored_label(
            ui.visuals().error_fg_color,
            egui::RichText::new(tr(lang, &format!("election.cli.void.{v:?}")).trim()).strong(),
        );
    }
    let chosen = if e.post == Post::Project {
        "election.cli.is_chosen"
    } else {
        "election.cli.is_elected"
    };
    let closed = r.state == MotionState::Closed;
    // One row per person: a national round names 190, so only the rows in view are laid out
    // (all rows are one line high: egui's own `show_rows`).
    let h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let name_w = 150.0;
    let num_w = 56.0;
    let cell = |ui: &mut egui::Ui, width: f32, text: egui::WidgetText| cell_ui(ui, width, h, text);
    ui.horizontal(|ui| {
        for (key, w) in [
            ("election.ui.col.name", name_w),
            ("label.choice.yes", num_w),
            ("label.choice.no", num_w),
            ("label.choice.abstain", num_w),
            ("election.ui.col.result", num_w),
        ] {
            cell(ui, w, egui::RichText::new(tr(lang, key)).strong().into());
        }
    });
    egui::ScrollArea::vertical()
        .id_salt(("election_round", &e.id, r.number))
        .max_height(h * ROWS_SHOWN)
        .auto_shrink([false, true])
        .show_rows(ui, h, r.candidates.len(), |ui, rows| {
            for c in &r.candidates[rows] {
                ui.horizontal(|ui| {
                    let name = if c.written_in {
                        format!("{}{}", c.name, tr(lang, "election.cli.written_in"))
                    } else {
                        c.name.clone()
                    };
                    cell(ui, name_w, name.into());
                    for v in [c.yes, c.no, c.abstain] {
                        cell(ui, num_w, v.to_string().into());
                    }
                    let result: egui::WidgetText = if c.elected {
                        egui::RichText::new(tr(lang, chosen).trim_start_matches([' ', '—']))
                            .strong()
                            .color(GREEN)
                            .into()
                    } else if closed {
                        "—".into()
                    } else {
                        "".into()
                    };
                    cell(ui, num_w, result);
                });
            }
        });
}

/// Rows of a round's table in view before it scrolls.
const ROWS_SHOWN: f32 = 16.0;
