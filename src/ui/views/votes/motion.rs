//! One motion: its method and rule, open / close / reopen, the totals form (show of hands,
//! secret ballot) or the roll-call table, and the records that touched it.

use super::attendance::{RosterCursor, filter, plain_key};
use super::close_confirm;
use super::roster_table::{Choices, roster_table_ui};
use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{Action, ActionError, Choice, MotionState, MotionTally, Planned, Tally};
use crate::model::{Session, VotingMethod};
use crate::ui::separated::Separated;
use crate::ui::tip::Tip;

/// The totals being typed for a show of hands or secret ballot, checked as they are typed.
#[derive(Default)]
pub struct CountForm {
    motion: String,
    /// yes, no, abstain, invalid.
    fields: [String; 4],
    /// Records applied when the fields were last filled from the tally.
    synced_at: u64,
    /// Typed since then: do not overwrite.
    dirty: bool,
}

impl CountForm {
    fn sync(&mut self, tally: &Tally, m: &MotionTally) {
        let stale =
            self.motion != m.id || (!self.dirty && self.synced_at != tally.records_applied());
        if !stale {
            return;
        }
        self.motion = m.id.clone();
        let c = m.counts();
        self.fields = if m.is_counted() {
            [c.yes, c.no, c.abstain, c.invalid].map(|v| v.to_string())
        } else {
            Default::default()
        };
        self.synced_at = tally.records_applied();
        self.dirty = false;
    }

    /// The recorded form was taken by the journal: follow the tally again.
    pub fn recorded(&mut self) {
        self.dirty = false;
        self.synced_at = 0;
    }
}

/// Parses one total: a whole number, not negative; empty means 0.
pub(super) fn parse_total(lang: Lang, what: &str, text: &str) -> Result<u32, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    match t.parse::<u32>() {
        Ok(v) => Ok(v),
        Err(_) if t.parse::<i64>().is_ok_and(|v| v < 0) => {
            Err(trf(lang, "votes.err.negative", &[("what", what)]))
        }
        Err(_) => Err(trf(lang, "votes.err.not_a_number", &[("what", what)])),
    }
}

/// Why a vote or an election round cannot open, short: below the quorum (Art. 14 ¶4) it
/// says how many more must sign in; anything else in the journal's words.
pub(super) fn refusal_text(lang: Lang, e: &ActionError) -> String {
    match e {
        ActionError::NoQuorum { short: Some(n), .. }
        | ActionError::ElectionNoQuorum { short: Some(n), .. } => {
            trf(lang, "votes.motion.open.short", &[("n", &n.to_string())])
        }
        other => other.message(lang),
    }
}

/// 重新开启: the reason field and its button, the same for a motion and an election round.
/// The trimmed reason once the button is clicked (it is enabled while `allowed(reason)`).
pub(super) fn reopen_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    reason: &mut String,
    button_key: &str,
    allowed: impl FnOnce(&str) -> bool,
) -> Option<String> {
    let l = ui.label(tr(lang, "votes.motion.reason"));
    ui.add(
        egui::TextEdit::singleline(reason)
            .hint_text(tr(lang, "votes.motion.reason_hint"))
            .desired_width(240.0),
    )
    .labelled_by(l.id);
    let trimmed = reason.trim().to_string();
    let ok = allowed(&trimmed);
    if ui
        .add_enabled(ok, egui::Button::new(tr(lang, button_key)))
        .clicked()
    {
        reason.clear();
        Some(trimmed)
    } else {
        None
    }
}

/// The motion page's state between frames.
#[derive(Default)]
pub struct MotionPage {
    pub form: CountForm,
    pub reason: String,
    pub cursor: RosterCursor,
    /// The motion the cursor belongs to.
    cursor_motion: String,
    /// 结束表决 was clicked for this motion: the confirmation is open.
    confirm_close: Option<String>,
}

/// What the motion page asks for.
#[derive(Default)]
pub struct MotionOut {
    pub steps: Vec<Planned>,
    pub toggle_projector: bool,
}

/// The totals' fields: the three choices' own words, then invalid ballots.
fn count_keys() -> [&'static str; 4] {
    [
        Choice::Yes.label_key(),
        Choice::No.label_key(),
        Choice::Abstain.label_key(),
        "votes.count.invalid",
    ]
}

impl MotionPage {
    /// The header, controls and form of motion `m`; the result and audit trail are drawn by
    /// the caller beside it.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        session: &Session,
        tally: &Tally,
        m: &MotionTally,
        writable: bool,
    ) -> MotionOut {
        let mut out = MotionOut::default();
        ui.heading(&m.title);
        ui.horizontal_wrapped(|ui| {
            // Whole items: "状态：未开始" moves to the next line whole, with no separator
            // left at the end of the line above.
            let mut line = Separated::new();
            line.label(
                ui,
                trf(
                    lang,
                    "votes.motion.method",
                    &[("method", &m.method.label(lang))],
                ),
            );
            line.label(
                ui,
                trf(
                    lang,
                    "votes.motion.rule",
                    &[("rule", &m.rule.describe(lang))],
                ),
            );
            let state = trf(
                lang,
                "votes.motion.state",
                &[("state", &m.state.label(lang))],
            );
            line.label(ui, egui::RichText::new(state).strong());
            if line
                .button(ui, tr(lang, "votes.projector"))
                .tip(|| tr(lang, "votes.projector.tip"))
                .clicked()
            {
                out.toggle_projector = true;
            }
        });
        if writable {
            self.controls_ui(ui, lang, session, tally, m, &mut out);
        } else {
            ui.label(egui::RichText::new(tr(lang, "votes.read_only_hint")).weak());
        }
        ui.separator();
        match m.method {
            VotingMethod::RollCall => {
                self.roll_call_ui(ui, lang, session, tally, m, writable, &mut out);
            }
            VotingMethod::ShowOfHands | VotingMethod::SecretBallot => {
                self.form.sync(tally, m);
                if writable && m.state == MotionState::Open {
                    self.form_ui(ui, lang, session, tally, m, &mut out);
                } else if m.state == MotionState::Open {
                    ui.label(egui::RichText::new(tr(lang, "votes.count.waiting")).weak());
                }
            }
        }
        out
    }

    fn controls_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        session: &Session,
        tally: &Tally,
        m: &MotionTally,
        out: &mut MotionOut,
    ) {
        ui.horizontal_wrapped(|ui| match m.state {
            MotionState::NotOpen => {
                // Organic Law Art. 14 ¶4: no vote until two-thirds or more have signed in.
                let open = Action::Open {
                    motion: m.id.as_str().into(),
                };
                let refusal = tally.validate(&open).err();
                let resp = ui.add_enabled(
                    refusal.is_none(),
                    egui::Button::new(tr(lang, "votes.motion.open")),
                );
                if let Some(e) = &refusal {
                    let named = e.named(session, lang);
                    ui.label(
                        egui::RichText::new(refusal_text(lang, &named))
                            .color(ui.visuals().warn_fg_color),
                    );
                    resp.on_disabled_hover_text(named.message(lang));
                } else if resp.clicked() {
                    out.steps.push(Planned::Act(open));
                }
            }
            MotionState::Open => {
                let counted = m.is_counted();
                let resp = ui
                    .add_enabled(counted, egui::Button::new(tr(lang, "votes.motion.close")))
                    .tip(|| tr(lang, "votes.motion.close.tip"))
                    .on_disabled_hover_text(tr(lang, "votes.motion.close.need_counts"));
                if resp.clicked() {
                    self.confirm_close = Some(m.id.clone());
                }
                if self.confirm_close.as_deref() == Some(m.id.as_str()) {
                    match close_confirm::modal_ui(ui.ctx(), lang, tally, m) {
                        Some(close_confirm::Answer::Close) => {
                            self.confirm_close = None;
                            out.steps.push(Planned::Act(Action::Close {
                                motion: m.id.as_str().into(),
                            }));
                        }
                        Some(close_confirm::Answer::Cancel) => self.confirm_close = None,
                        None => {}
                    }
                }
            }
            MotionState::Closed => {
                ui.label(egui::RichText::new(tr(lang, "votes.motion.locked")).weak());
                if let Some(reason) =
                    reopen_ui(ui, lang, &mut self.reason, "votes.motion.reopen", |r| {
                        !r.is_empty()
                    })
                {
                    out.steps.push(Planned::Act(Action::Reopen {
                        motion: m.id.as_str().into(),
                        reason,
                    }));
                }
            }
        });
    }

    fn form_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        session: &Session,
        tally: &Tally,
        m: &MotionTally,
        out: &mut MotionOut,
    ) {
        let ballot = m.method == VotingMethod::SecretBallot;
        let n = if ballot { 4 } else { 3 };
        ui.label(egui::RichText::new(tr(lang, "votes.count.title")).strong());
        ui.horizontal_wrapped(|ui| {
            for (i, key) in count_keys().iter().enumerate().take(n) {
                let l = ui.label(tr(lang, key));
                let resp = ui
                    .add(egui::TextEdit::singleline(&mut self.form.fields[i]).desired_width(70.0))
                    .labelled_by(l.id);
                if resp.changed() {
                    self.form.dirty = true;
                }
            }
        });
        let parsed: Result<Vec<u32>, String> = count_keys()
            .iter()
            .zip(&self.form.fields)
            .take(n)
            .map(|(k, f)| parse_total(lang, &tr(lang, k), f))
            .collect();
        let action = parsed.and_then(|v| {
            let a = Action::Counts {
                motion: m.id.as_str().into(),
                yes: v[0],
                no: v[1],
                abstain: v[2],
                invalid: v.get(3).copied().unwrap_or(0),
            };
            // The journal's own check: none negative (by type), the sum within those present.
            tally
                .validate(&a)
                .map(|()| a)
                .map_err(|e| e.named(session, lang).message(lang))
        });
        ui.horizontal_wrapped(|ui| {
            let ok = action.is_ok();
            if ui
                .add_enabled(ok, egui::Button::new(tr(lang, "votes.count.record")))
                .clicked()
                && let Ok(a) = &action
            {
                out.steps.push(Planned::Act(a.clone()));
            }
            match &action {
                Ok(Action::Counts {
                    yes,
                    no,
                    abstain,
                    invalid,
                    ..
                }) => {
                    let present = u64::from(tally.attendance().present);
                    let sum = u64::from(*yes) + u64::from(*no) + u64::from(*abstain);
                    let not_voting = present.saturating_sub(sum + u64::from(*invalid));
                    ui.label(
                        egui::RichText::new(trf(
                            lang,
                            "votes.count.preview",
                            &[
                                ("present", &present.to_string()),
                                ("not_voting", &not_voting.to_string()),
                            ],
                        ))
                        .weak(),
                    );
                }
                Ok(_) => {}
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            }
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn roll_call_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        session: &Session,
        tally: &Tally,
        m: &MotionTally,
        writable: bool,
        out: &mut MotionOut,
    ) {
        if self.cursor_motion != m.id {
            self.cursor = RosterCursor::default();
            self.cursor_motion = m.id.clone();
        }
        let can_vote = writable && m.state == MotionState::Open;
        let rows = filter(session, tally, &self.cursor.query, true);
        ui.label(egui::RichText::new(tr(lang, "votes.roll.title")).strong());
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(tr(lang, "votes.search"));
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut self.cursor.query)
                        .hint_text(tr(lang, "votes.roll.search_hint"))
                        .desired_width(220.0),
                )
                .labelled_by(l.id);
            if resp.changed() {
                self.cursor.row = 0;
            }
            if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                // The first match is highlighted; Y/N/A now vote for it.
                self.cursor.row = 0;
                self.cursor.scroll = true;
            }
            ui.label(
                egui::RichText::new(trf(
                    lang,
                    "votes.matches",
                    &[
                        ("n", &rows.len().to_string()),
                        ("total", &tally.attendance().present.to_string()),
                    ],
                ))
                .weak(),
            );
        });
        ui.label(egui::RichText::new(tr(lang, "votes.roll.keys")).weak());
        self.cursor.keys(ui, rows.len());
        if can_vote && let Some(&d) = rows.get(self.cursor.row) {
            for (keys, choice) in [
                ([egui::Key::Y, egui::Key::Num1], Choice::Yes),
                ([egui::Key::N, egui::Key::Num2], Choice::No),
                ([egui::Key::A, egui::Key::Num3], Choice::Abstain),
            ] {
                if keys.iter().any(|k| plain_key(ui, *k)) {
                    if m.choice(d) != Some(choice) {
                        out.steps.push(vote_step(session, m, d, choice));
                    }
                    self.cursor.advance(rows.len());
                }
            }
        }

        let choices = Choices {
            column_key: "votes.col.choice",
            none: tr(lang, "votes.choice.none").into_owned(),
            options: [Choice::Yes, Choice::No, Choice::Abstain],
            label: &|c| c.label(lang).into_owned(),
            current: &|d| m.choice(d),
            enabled: can_vote,
            disabled_why: tr(
                lang,
                match m.state {
                    _ if !writable => "votes.roll.read_only_click",
                    MotionState::NotOpen => "votes.roll.not_open_click",
                    _ => "votes.roll.closed_click",
                },
            )
            .into_owned(),
        };
        if let Some((d, choice)) = roster_table_ui(
            ui,
            "votes_roll_call_table",
            lang,
            session,
            &rows,
            &mut self.cursor,
            &choices,
        ) {
            out.steps.push(vote_step(session, m, d, choice));
        }
    }
}

fn vote_step(session: &Session, m: &MotionTally, d: usize, choice: Choice) -> Planned {
    Planned::Act(Action::Vote {
        motion: m.id.as_str().into(),
        delegate: session
            .roster
            .get(d)
            .map(|x| x.id.as_str().into())
            .unwrap_or_default(),
        choice,
    })
}

/// The motion list on the left: 签到 first, then each motion with its state.
pub fn list_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    tally: &Tally,
    selected: Option<&str>,
) -> Option<Option<String>> {
    let mut pick = None;
    if ui
        .selectable_label(selected.is_none(), tr(lang, "votes.attendance.title"))
        .clicked()
    {
        pick = Some(None);
    }
    ui.separator();
    ui.label(egui::RichText::new(tr(lang, "votes.motions")).strong());
    if tally.motions().is_empty() {
        ui.label(egui::RichText::new(tr(lang, "votes.no_motions")).weak());
    }
    for m in tally.motions() {
        let marker = match m.state {
            MotionState::NotOpen => "○",
            MotionState::Open => "●",
            MotionState::Closed => "■",
        };
        let text = format!("{marker} {} · {}", m.title, m.state.label(lang));
        let resp = ui.add(
            egui::Button::selectable(selected == Some(m.id.as_str()), text)
                .wrap_mode(egui::TextWrapMode::Wrap),
        );
        if resp.clicked() {
            pick = Some(Some(m.id.clone()));
        }
    }
    pick
}
