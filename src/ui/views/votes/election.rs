//! One election, as the secretary records it: open a round (only with a quorum), ballots
//! issued and returned, then the count — typed from the counting sheet, or ballot by ballot
//! as the tellers call them out (唱票) — and the close, after which the result says what
//! comes next and the next round opens when asked.
//!
//! Every rule is the journal's ([`Tally::validate`], [`check_steps`]): the page asks it
//! about what is being typed, so a refusal shows before anything is recorded.

use super::motion::{parse_total, refusal_text, reopen_ui};
use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{
    Action, ActionError, Choice, ElectionTally, GENESIS, MotionState, Planned, RoundTally, Tally,
    check_steps,
};
use crate::model::Post;
use crate::model::election_count::{RoundKind, ballot_valid};
use crate::ui::segments::{Look, SegmentLabels, segments_ui};
use crate::ui::tip::Tip;

/// A candidate's marks, in ballot order.
const CHOICES: [Choice; 3] = [Choice::Yes, Choice::No, Choice::Abstain];

/// How the open round's count is entered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Mode {
    /// 录入计票单: each person's totals and the invalid ballots.
    #[default]
    Sheet,
    /// 逐张唱票: one keystroke per mark, Enter for the next ballot.
    Ballots,
}

/// What the counting sheet's check depends on: records applied, edits, language.
type SheetKey = (u64, u64, Lang);
/// The records the counting sheet makes, or why the journal refuses them.
type SheetPlan = Result<Vec<Planned>, String>;

/// The ballot being called out, not recorded yet.
#[derive(Clone, Debug, Default)]
struct Draft {
    /// One mark (or none) per candidate of the round, in ballot order.
    marks: Vec<Option<Choice>>,
    write_ins: Vec<String>,
    /// 废票 for a reason other than too many marks.
    spoiled: bool,
    /// The highlighted candidate, which the next keystroke marks.
    row: usize,
    /// The highlight moved by a key: bring it into view (a list of 190 scrolls).
    scroll: bool,
}

/// The election page's state between frames.
#[derive(Default)]
pub struct ElectionPage {
    /// The election and round the fields below belong to.
    round: (String, u32),
    /// Records applied when the fields were last filled from the tally.
    synced_at: u64,
    /// Typed since then: not overwritten by the tally.
    dirty: bool,
    mode: Mode,
    issued: String,
    returned: String,
    /// From the counting sheet: 赞成, 反对, 弃权 per candidate of the round.
    sheet: Vec<[String; 3]>,
    /// Written-in persons from the counting sheet: name and 赞成 (Art. 28: only 赞成).
    sheet_write_ins: Vec<(String, String)>,
    invalid: String,
    draft: Draft,
    /// A write-in being typed on the ballot.
    write_in: String,
    /// Why the last closed round is reopened.
    reason: String,
    /// Nominees of a further election, as typed ("甲、乙").
    nominees: String,
    /// Edits of the counting sheet so far, and the sheet's plan as last checked: (records
    /// applied, edits, language) and the result.
    edits: u64,
    checked: Option<(SheetKey, SheetPlan)>,
}

impl ElectionPage {
    /// What was asked was recorded: the ballot is counted, the fields follow the tally.
    pub fn recorded(&mut self) {
        self.dirty = false;
        self.synced_at = 0;
        let n = self.draft.marks.len();
        self.draft = Draft {
            marks: vec![None; n],
            ..Draft::default()
        };
    }

    /// Fills the fields from the tally when the round changed, or when it changed and
    /// nothing has been typed since.
    fn sync(&mut self, tally: &Tally, e: &ElectionTally) {
        let Some(r) = e.rounds.last() else {
            return;
        };
        let key = (e.id.clone(), r.number);
        let new_round = self.round != key;
        if !new_round && (self.dirty || self.synced_at == tally.records_applied()) {
            return;
        }
        if new_round {
            self.round = key;
            self.mode = if r.ballots_counted() > 0 {
                Mode::Ballots
            } else {
                Mode::Sheet
            };
            self.draft = Draft {
                marks: vec![None; r.candidates.len()],
                ..Draft::default()
            };
            self.write_in.clear();
        }
        let (issued, returned) = r.ballots.map_or((String::new(), String::new()), |(i, r)| {
            (i.to_string(), r.to_string())
        });
        self.issued = issued;
        self.returned = returned;
        let totals = r.totals();
        self.sheet = totals
            .iter()
            .filter(|t| !t.written_in)
            .map(|t| [t.yes, t.no, t.abstain].map(blank_zero))
            .collect();
        self.sheet_write_ins = totals
            .iter()
            .filter(|t| t.written_in)
            .map(|t| (t.name.clone(), blank_zero(t.yes)))
            .collect();
        self.invalid = blank_zero(r.invalid());
        self.edits += 1;
        self.synced_at = tally.records_applied();
        self.dirty = false;
    }

    /// The header, the round's controls and its entry form; the result is drawn beside it
    /// by the caller.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        writable: bool,
    ) -> Vec<Planned> {
        let mut out = Vec::new();
        ui.heading(&e.office);
        ui.label(trf(
            lang,
            "election.ui.header",
            &[
                ("post", &e.post.label(lang)),
                ("seats", &e.seats.to_string()),
                ("seated", &tally.seated().to_string()),
                (
                    "required",
                    &crate::model::election_count::required_votes(tally.seated()).to_string(),
                ),
            ],
        ));
        if !writable {
            ui.label(egui::RichText::new(tr(lang, "votes.read_only_hint")).weak());
            return out;
        }
        self.sync(tally, e);
        match e.open_round() {
            None => self.between_rounds_ui(ui, lang, tally, e, &mut out),
            Some(r) => {
                ui.label(
                    egui::RichText::new(trf(
                        lang,
                        "election.ui.round",
                        &[
                            ("n", &r.number.to_string()),
                            ("kind", &r.kind.label(lang)),
                            ("state", &r.state.label(lang)),
                            ("seats", &r.seats.to_string()),
                        ],
                    ))
                    .strong(),
                );
                self.ballots_ui(ui, lang, tally, e, r, &mut out);
                ui.separator();
                if r.ballots.is_some() {
                    self.count_ui(ui, lang, tally, e, r, &mut out);
                    ui.separator();
                }
                close_ui(ui, lang, tally, e, &mut out);
            }
        }
        out
    }

    /// No round open: open the first or the next (refused below the quorum, with how many
    /// more must sign in), or reopen the last with a reason.
    fn between_rounds_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        out: &mut Vec<Planned>,
    ) {
        let open = Action::ElectionOpen {
            election: e.id.as_str().into(),
            nominees: Vec::new(),
        };
        let refusal = tally.validate(&open).err();
        let label = if e.rounds.is_empty() {
            tr(lang, "election.ui.open_first").into_owned()
        } else {
            tr(lang, "election.ui.open_next").into_owned()
        };
        match &refusal {
            Some(ActionError::ElectionDone(_)) => {
                ui.label(egui::RichText::new(tr(lang, "election.next.done")).strong());
            }
            Some(ActionError::NeedsNomination(_)) => self.nominate_ui(ui, lang, tally, e, out),
            _ => {
                ui.horizontal_wrapped(|ui| {
                    let resp = ui.add_enabled(refusal.is_none(), egui::Button::new(label));
                    if let Some(err) = &refusal {
                        ui.label(
                            egui::RichText::new(said(e, refusal_text(lang, err)))
                                .color(ui.visuals().warn_fg_color),
                        );
                        resp.on_disabled_hover_text(said(e, err.message(lang)));
                    } else if resp.clicked() {
                        out.push(Planned::Act(open.clone()));
                    }
                });
                // Nominees stand instead of the next by votes, when the law allows either.
                if refusal.is_none()
                    && matches!(
                        e.next(tally.seated()),
                        Some(crate::model::election_count::Next::FurtherElection { .. })
                    )
                {
                    self.nominate_ui(ui, lang, tally, e, out);
                }
            }
        }
        if !e.rounds.is_empty() {
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                let reopen = |reason: &str| Action::ElectionReopen {
                    election: e.id.as_str().into(),
                    reason: reason.to_string(),
                };
                if let Some(reason) =
                    reopen_ui(ui, lang, &mut self.reason, "election.ui.reopen", |r| {
                        tally.validate(&reopen(r)).is_ok()
                    })
                {
                    out.push(Planned::Act(reopen(&reason)));
                }
            });
        }
    }

    /// 另行提名 (Art. 29 ¶2): the further election's candidates typed, checked by Art. 27/30.
    fn nominate_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        out: &mut Vec<Planned>,
    ) {
        ui.label(tr(lang, "election.ui.nominate.title"));
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(tr(lang, "election.ui.nominate"));
            ui.add(
                egui::TextEdit::singleline(&mut self.nominees)
                    .hint_text(tr(lang, "election.ui.nominate.hint"))
                    .desired_width(260.0),
            )
            .labelled_by(l.id);
            let nominees: Vec<_> = self
                .nominees
                .split(['、', ',', '，', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Into::into)
                .collect();
            let a = Action::ElectionOpen {
                election: e.id.as_str().into(),
                nominees,
            };
            let check = tally.validate(&a);
            if ui
                .add_enabled(
                    check.is_ok(),
                    egui::Button::new(tr(lang, "election.ui.nominate.open")),
                )
                .clicked()
            {
                out.push(Planned::Act(a));
                self.nominees.clear();
            }
            if let Err(err) = check
                && !self.nominees.trim().is_empty()
            {
                ui.colored_label(ui.visuals().error_fg_color, said(e, err.message(lang)));
            }
        });
    }

    /// 发出 / 收回: recorded before any count.
    fn ballots_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        r: &RoundTally,
        out: &mut Vec<Planned>,
    ) {
        ui.horizontal_wrapped(|ui| {
            for (key, field) in [
                ("election.ui.issued", &mut self.issued),
                ("election.ui.returned", &mut self.returned),
            ] {
                let l = ui.label(tr(lang, key));
                if ui
                    .add(egui::TextEdit::singleline(field).desired_width(70.0))
                    .labelled_by(l.id)
                    .changed()
                {
                    self.dirty = true;
                }
            }
            let action = parse_total(lang, &tr(lang, "election.ui.issued"), &self.issued)
                .and_then(|issued| {
                    let returned =
                        parse_total(lang, &tr(lang, "election.ui.returned"), &self.returned)?;
                    Ok(Action::ElectionBallots {
                        election: e.id.as_str().into(),
                        issued,
                        returned,
                    })
                })
                .and_then(|a| {
                    tally
                        .validate(&a)
                        .map(|()| a)
                        .map_err(|err| said(e, err.message(lang)))
                });
            let same = matches!(&action, Ok(Action::ElectionBallots { issued, returned, .. })
                if r.ballots == Some((*issued, *returned)));
            if ui
                .add_enabled(
                    action.is_ok() && !same,
                    egui::Button::new(tr(lang, "election.ui.ballots.record")),
                )
                .clicked()
                && let Ok(a) = &action
            {
                out.push(Planned::Act(a.clone()));
            }
            match &action {
                Err(err) if !(self.issued.is_empty() && self.returned.is_empty()) => {
                    ui.colored_label(ui.visuals().error_fg_color, err);
                }
                Ok(Action::ElectionBallots {
                    issued, returned, ..
                }) if returned > issued => {
                    // Recorded as it is; the round will be void (选举办法).
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        tr(lang, "election.ui.more_returned"),
                    );
                }
                _ => {}
            }
        });
        if r.ballots.is_none() {
            ui.label(egui::RichText::new(tr(lang, "election.ui.ballots.first")).weak());
        }
    }

    /// The count: the counting sheet or ballot by ballot, chosen by the secretary.
    fn count_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        r: &RoundTally,
        out: &mut Vec<Planned>,
    ) {
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.mode,
                Mode::Sheet,
                tr(lang, "election.ui.mode.sheet"),
            );
            ui.selectable_value(
                &mut self.mode,
                Mode::Ballots,
                tr(lang, "election.ui.mode.ballots"),
            );
        });
        match self.mode {
            Mode::Sheet => self.sheet_ui(ui, lang, tally, e, r, out),
            Mode::Ballots => self.ballot_ui(ui, lang, tally, e, r, out),
        }
    }

    /// The counting sheet: each person's 赞成/反对/弃权, write-ins, invalid ballots, checked
    /// as typed (counted ≤ returned, each person's sum ≤ valid ballots).
    fn sheet_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        r: &RoundTally,
        out: &mut Vec<Planned>,
    ) {
        let choices = [Choice::Yes, Choice::No, Choice::Abstain];
        let mut changed = false;
        egui::Grid::new(("election_sheet", &e.id, r.number))
            .num_columns(4)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                ui.label(egui::RichText::new(tr(lang, "election.ui.col.name")).strong());
                for c in choices {
                    ui.label(egui::RichText::new(c.label(lang)).strong());
                }
                ui.end_row();
                for (name, fields) in r.candidates.iter().zip(self.sheet.iter_mut()) {
                    ui.label(name.as_str());
                    for (c, f) in choices.iter().zip(fields.iter_mut()) {
                        changed |= ui
                            .add(egui::TextEdit::singleline(f).desired_width(60.0))
                            .accessible_name(format!("{} {name}", c.label(lang)))
                            .changed();
                    }
                    ui.end_row();
                }
                let mut remove = None;
                for (i, (name, yes)) in self.sheet_write_ins.iter_mut().enumerate() {
                    changed |= ui
                        .add(
                            egui::TextEdit::singleline(name)
                                .hint_text(tr(lang, "election.ui.write_in.name"))
                                .desired_width(100.0),
                        )
                        .accessible_name(tr(lang, "election.ui.write_in.name"))
                        .changed();
                    changed |= ui
                        .add(egui::TextEdit::singleline(yes).desired_width(60.0))
                        .accessible_name(format!(
                            "{} {}",
                            Choice::Yes.label(lang),
                            tr(lang, "election.ui.write_in.name")
                        ))
                        .changed();
                    if ui
                        .small_button("×")
                        .on_hover_text(tr(lang, "election.ui.write_in.remove"))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
                if let Some(i) = remove {
                    self.sheet_write_ins.remove(i);
                    changed = true;
                }
            });
        ui.horizontal_wrapped(|ui| {
            if e.post != Post::Project
                && r.kind != RoundKind::TieBallot
                && ui
                    .button(tr(lang, "election.ui.write_in.add"))
                    .tip(|| tr(lang, "election.ui.write_in.tip"))
                    .clicked()
            {
                self.sheet_write_ins.push((String::new(), String::new()));
                changed = true;
            }
            let l = ui.label(tr(lang, "votes.count.invalid"));
            changed |= ui
                .add(egui::TextEdit::singleline(&mut self.invalid).desired_width(60.0))
                .labelled_by(l.id)
                .changed();
        });
        if changed {
            self.dirty = true;
            self.edits += 1;
        }
        // Checked against a copy of the tally: once per change of the fields or the journal,
        // not every frame.
        let key = (tally.records_applied(), self.edits, lang);
        let plan = match &self.checked {
            Some((k, plan)) if *k == key => plan.clone(),
            _ => {
                let plan = self.sheet_plan(lang, tally, e, r);
                self.checked = Some((key, plan.clone()));
                plan
            }
        };
        ui.horizontal_wrapped(|ui| {
            let ok = matches!(&plan, Ok(p) if !p.is_empty());
            if ui
                .add_enabled(ok, egui::Button::new(tr(lang, "election.ui.sheet.record")))
                .clicked()
                && let Ok(p) = &plan
            {
                out.extend(p.iter().cloned());
            }
            if let Err(err) = &plan {
                ui.colored_label(ui.visuals().error_fg_color, err);
            }
        });
        let (_, returned) = r.ballots.unwrap_or((0, 0));
        let invalid = parse_total(lang, "", &self.invalid).unwrap_or(0);
        ui.label(
            egui::RichText::new(trf(
                lang,
                "election.ui.sheet.valid",
                &[
                    ("returned", &returned.to_string()),
                    ("invalid", &invalid.to_string()),
                    ("valid", &returned.saturating_sub(invalid).to_string()),
                ],
            ))
            .weak(),
        );
    }

    /// The records the counting sheet as typed makes: the invalid ballots and each person's
    /// totals that differ from the tally (all of them while nothing is entered), checked in
    /// order by the journal — invalid ballots first, or last when that order is refused (a
    /// correction that lowers someone's totals before raising the invalid ballots).
    fn sheet_plan(
        &self,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        r: &RoundTally,
    ) -> Result<Vec<Planned>, String> {
        let id = || e.id.as_str().into();
        let totals = r.totals();
        let fresh = r.ballots_counted() == 0
            && r.invalid() == 0
            && totals.iter().all(|t| t.yes + t.no + t.abstain == 0);
        let mut counts = Vec::new();
        let words = [Choice::Yes, Choice::No, Choice::Abstain].map(|c| c.label(lang));
        for (name, fields) in r.candidates.iter().zip(&self.sheet) {
            let mut v = [0u32; 3];
            for (i, f) in fields.iter().enumerate() {
                v[i] = parse_total(lang, &format!("{} {name}", words[i]), f)?;
            }
            let old = totals.iter().find(|t| t.name == name.as_str());
            if fresh || old.is_none_or(|t| [t.yes, t.no, t.abstain] != v) {
                counts.push(Planned::Act(Action::ElectionCounts {
                    election: id(),
                    name: name.clone(),
                    yes: v[0],
                    no: v[1],
                    abstain: v[2],
                }));
            }
        }
        for (name, yes) in &self.sheet_write_ins {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let v = parse_total(lang, name, yes)?;
            let old = totals.iter().find(|t| t.written_in && t.name == name);
            if old.is_none_or(|t| t.yes != v) {
                counts.push(Planned::Act(Action::ElectionCounts {
                    election: id(),
                    name: name.into(),
                    yes: v,
                    no: 0,
                    abstain: 0,
                }));
            }
        }
        let invalid = parse_total(lang, &tr(lang, "votes.count.invalid"), &self.invalid)?;
        let mut first = Vec::new();
        if fresh || invalid != r.invalid() {
            first.push(Planned::Act(Action::ElectionInvalid {
                election: id(),
                invalid,
            }));
        }
        let check = |steps: &[Planned]| {
            check_steps(tally, tally.records_applied() + 1, GENESIS, "", steps)
                .map_err(|(_, err)| said(e, err.message(lang)))
        };
        let mut plan = first.clone();
        plan.extend(counts.iter().cloned());
        match check(&plan) {
            Ok(()) => Ok(plan),
            Err(err) => {
                let mut other = counts;
                other.extend(first);
                check(&other).map(|()| other).map_err(|_| err)
            }
        }
    }

    /// 唱票: the highlighted candidate takes the next keystroke (Y/1 赞成, N/2 反对,
    /// A/3 弃权, 0/Space none) and the highlight moves on; Enter records the ballot,
    /// X marks it 废票, Backspace takes back the last ballot. Running totals beside it.
    #[allow(clippy::too_many_lines)]
    fn ballot_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        tally: &Tally,
        e: &ElectionTally,
        r: &RoundTally,
        out: &mut Vec<Planned>,
    ) {
        let n = r.candidates.len();
        if self.draft.marks.len() != n {
            self.draft.marks = vec![None; n];
        }
        let (_, returned) = r.ballots.unwrap_or((0, 0));
        let counted = r.ballots_counted();
        ui.label(
            egui::RichText::new(trf(
                lang,
                "election.ui.ballots.progress",
                &[
                    ("counted", &counted.to_string()),
                    ("valid", &r.valid().to_string()),
                    ("invalid", &r.invalid().to_string()),
                    ("returned", &returned.to_string()),
                    ("left", &returned.saturating_sub(counted).to_string()),
                ],
            ))
            .strong(),
        );
        ui.label(egui::RichText::new(tr(lang, "election.ui.ballots.keys")).weak());

        // Keys, while no text field has the keyboard; taken, so that a button with the
        // focus does not also answer Enter or Space.
        let key = |k: egui::Key| {
            !ui.ctx().text_edit_focused()
                && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, k))
        };
        let d = &mut self.draft;
        let row_before = d.row;
        if key(egui::Key::ArrowDown) {
            d.row = (d.row + 1).min(n.saturating_sub(1));
        }
        if key(egui::Key::ArrowUp) {
            d.row = d.row.saturating_sub(1);
        }
        for (keys, mark) in [
            ([egui::Key::Y, egui::Key::Num1], Some(Choice::Yes)),
            ([egui::Key::N, egui::Key::Num2], Some(Choice::No)),
            ([egui::Key::A, egui::Key::Num3], Some(Choice::Abstain)),
            ([egui::Key::Num0, egui::Key::Space], None),
        ] {
            if keys.iter().any(|k| key(*k))
                && let Some(m) = d.marks.get_mut(d.row)
            {
                *m = mark;
                d.spoiled = false;
                d.row = (d.row + 1).min(n.saturating_sub(1));
            }
        }
        d.scroll |= d.row != row_before;
        if key(egui::Key::X) {
            d.spoiled = !d.spoiled;
        }
        let action = self.draft_action(e);
        let check = tally.validate(&action);
        if key(egui::Key::Enter) && check.is_ok() {
            out.push(Planned::Act(action.clone()));
        }
        let can_undo = tally.undo_takes_back_a_ballot_of(&e.id);
        if key(egui::Key::Backspace) && can_undo {
            out.push(Planned::UndoLast);
        }

        let totals = r.totals();
        let d = &mut self.draft;
        let words = CHOICES.map(|c| c.label(lang));
        let labels = SegmentLabels::new(ui, [&words[0], &words[1], &words[2]]);
        // Only the rows in view are drawn: a national list has 190 candidates. The
        // highlighted one is kept near the top as the keys move it.
        let h = ui.spacing().interact_size.y;
        let gap = ui.spacing().item_spacing;
        let widths = [
            140.0,
            labels.width(ui.spacing().button_padding.x, gap.x) + 12.0,
            56.0,
            56.0,
            56.0,
        ];
        ui.horizontal(|ui| {
            let heads = [
                tr(lang, "election.ui.col.name"),
                tr(lang, "election.ui.col.mark"),
                words[0].clone(),
                words[1].clone(),
                words[2].clone(),
            ];
            for (w, head) in widths.iter().zip(heads) {
                cell_ui(ui, *w, h, egui::RichText::new(head).strong());
            }
        });
        let write_ins: Vec<_> = totals.iter().filter(|t| t.written_in).collect();
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("election_ballot", &e.id, r.number))
            .max_height((h + gap.y) * 15.0);
        if d.scroll {
            let top = d.row.saturating_sub(3) as f32 * (h + gap.y);
            area = area.vertical_scroll_offset(top);
            d.scroll = false;
        }
        area.show_rows(ui, h, n + write_ins.len(), |ui, rows| {
            for i in rows {
                ui.horizontal(|ui| {
                    let Some(name) = r.candidates.get(i) else {
                        // A written-in person: 赞成 only (Art. 28).
                        if let Some(t) = write_ins.get(i - n) {
                            let written = tr(lang, "election.cli.written_in");
                            cell_ui(ui, widths[0], h, format!("{}{written}", t.name));
                            cell_ui(ui, widths[1], h, "");
                            cell_ui(ui, widths[2], h, t.yes.to_string());
                        }
                        return;
                    };
                    let here = i == d.row;
                    let text = if here {
                        format!("▶ {name}")
                    } else {
                        name.to_string()
                    };
                    ui.allocate_ui_with_layout(
                        egui::vec2(widths[0], h),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_min_width(widths[0]);
                            if ui.selectable_label(here, text).clicked() {
                                d.row = i;
                            }
                        },
                    );
                    ui.allocate_ui_with_layout(
                        egui::vec2(widths[1], h),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_min_width(widths[1]);
                            let selected =
                                d.marks[i].and_then(|m| CHOICES.iter().position(|c| *c == m));
                            segments_ui(
                                ui,
                                &labels,
                                Look::Selectable { selected },
                                true,
                                |k| format!("{} {name}", labels.text(k)),
                                |k, resp| {
                                    if resp.clicked() {
                                        let c = CHOICES[k];
                                        d.marks[i] = (d.marks[i] != Some(c)).then_some(c);
                                        d.spoiled = false;
                                        d.row = i;
                                    }
                                },
                            );
                        },
                    );
                    let t = totals.get(i);
                    for (w, v) in widths[2..]
                        .iter()
                        .zip(t.map_or([0; 3], |t| [t.yes, t.no, t.abstain]))
                    {
                        cell_ui(ui, *w, h, v.to_string());
                    }
                });
            }
        });

        if e.post != Post::Project && r.kind != RoundKind::TieBallot {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(tr(lang, "election.ui.write_in.ballot"));
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.write_in)
                            .hint_text(tr(lang, "election.ui.write_in.name"))
                            .desired_width(120.0),
                    )
                    .labelled_by(l.id);
                let add = ui.button(tr(lang, "election.ui.write_in.add_to_ballot"));
                let name = self.write_in.trim().to_string();
                if (add.clicked()
                    || (resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))))
                    && !name.is_empty()
                    && !self.draft.write_ins.contains(&name)
                {
                    self.draft.write_ins.push(name);
                    self.draft.spoiled = false;
                    self.write_in.clear();
                }
                let mut remove = None;
                for (i, w) in self.draft.write_ins.iter().enumerate() {
                    if ui
                        .button(format!("+{w} ×"))
                        .on_hover_text(tr(lang, "election.ui.write_in.remove"))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                }
                if let Some(i) = remove {
                    self.draft.write_ins.remove(i);
                }
            });
        }

        // The ballot as it will be counted, and the journal's verdict on it.
        let yes = self
            .draft
            .marks
            .iter()
            .filter(|m| **m == Some(Choice::Yes))
            .count()
            + self.draft.write_ins.len();
        if self.draft.spoiled {
            ui.colored_label(ui.visuals().warn_fg_color, tr(lang, "election.ui.spoiled"));
        } else if !ballot_valid(&e.rules, yes, r.seats) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                trf(
                    lang,
                    "election.ui.too_many_marks",
                    &[("n", &yes.to_string()), ("seats", &r.seats.to_string())],
                ),
            );
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(
                    check.is_ok(),
                    egui::Button::new(tr(lang, "election.ui.ballot.record")),
                )
                .clicked()
            {
                out.push(Planned::Act(action.clone()));
            }
            if ui
                .add_enabled(
                    !self.draft.spoiled,
                    egui::Button::new(tr(lang, "election.ui.ballot.spoil")),
                )
                .clicked()
            {
                self.draft.spoiled = true;
            }
            if ui
                .add_enabled(
                    can_undo,
                    egui::Button::new(tr(lang, "election.ui.ballot.undo")),
                )
                .clicked()
            {
                out.push(Planned::UndoLast);
            }
            if let Err(err) = &check {
                ui.colored_label(ui.visuals().error_fg_color, said(e, err.message(lang)));
            }
        });
    }

    /// The ballot being called out, as the journal records it.
    fn draft_action(&self, e: &ElectionTally) -> Action {
        let d = &self.draft;
        let names = e
            .open_round()
            .map(|r| r.candidates.as_slice())
            .unwrap_or(&[]);
        let pick = |c: Choice| {
            if d.spoiled {
                return Vec::new();
            }
            names
                .iter()
                .zip(&d.marks)
                .filter(|(_, m)| **m == Some(c))
                .map(|(n, _)| n.clone())
                .collect()
        };
        Action::ElectionBallot {
            election: e.id.as_str().into(),
            yes: pick(Choice::Yes),
            no: pick(Choice::No),
            abstain: pick(Choice::Abstain),
            write_in: if d.spoiled {
                Vec::new()
            } else {
                d.write_ins.iter().map(|w| w.as_str().into()).collect()
            },
            spoiled: d.spoiled,
        }
    }
}

/// The journal's message with the election named by its office, as people know it: the
/// journal's words name the session file's id.
fn said(e: &ElectionTally, message: String) -> String {
    message.replace(e.id.as_str(), &e.office)
}

/// One cell of a table of one-line rows: `text` in `width` points, vertically centred.
pub(super) fn cell_ui(
    ui: &mut egui::Ui,
    width: f32,
    height: f32,
    text: impl Into<egui::WidgetText>,
) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.label(text);
        },
    );
}

/// A total for a field: empty for 0 (an empty field means 0), so typing needs no deleting.
fn blank_zero(n: u32) -> String {
    if n == 0 { String::new() } else { n.to_string() }
}

/// 结束本轮: enabled once the journal would take it; otherwise says why.
fn close_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    tally: &Tally,
    e: &ElectionTally,
    out: &mut Vec<Planned>,
) {
    let close = Action::ElectionClose {
        election: e.id.as_str().into(),
    };
    let check = tally.validate(&close);
    ui.horizontal_wrapped(|ui| {
        let resp = ui
            .add_enabled(
                check.is_ok(),
                egui::Button::new(tr(lang, "election.ui.close")),
            )
            .tip(|| tr(lang, "election.ui.close.tip"));
        if resp.clicked() {
            out.push(Planned::Act(close.clone()));
        }
        if let Err(err) = &check {
            ui.label(egui::RichText::new(said(e, err.message(lang))).weak());
        }
    });
}

/// The elections in the list on the left, each with its state.
pub fn list_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    tally: &Tally,
    selected: Option<&str>,
) -> Option<String> {
    let mut pick = None;
    if tally.elections().is_empty() {
        return None;
    }
    ui.separator();
    ui.label(egui::RichText::new(tr(lang, "election.ui.list")).strong());
    for e in tally.elections() {
        let (marker, state) = match e.rounds.last() {
            None => ("○", MotionState::NotOpen.label(lang).into_owned()),
            Some(r) if r.state == MotionState::Open => (
                "●",
                trf(
                    lang,
                    "election.ui.list.round",
                    &[("n", &r.number.to_string())],
                ),
            ),
            Some(_) => match e.next(tally.seated()) {
                Some(crate::model::election_count::Next::Done) => {
                    ("■", tr(lang, "election.ui.list.done").into_owned())
                }
                _ => ("◐", tr(lang, "election.ui.list.next").into_owned()),
            },
        };
        let text = format!("{marker} {} · {state}", e.office);
        let resp = ui.add(
            egui::Button::selectable(selected == Some(e.id.as_str()), text)
                .wrap_mode(egui::TextWrapMode::Wrap),
        );
        if resp.clicked() {
            pick = Some(e.id.clone());
        }
    }
    pick
}
