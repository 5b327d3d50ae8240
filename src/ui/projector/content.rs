//! What the projector shows, as plain data: a function of the session and the tally, so the
//! screen can be tested without drawing it. Nothing personal goes in (no notes, no
//! secretary, no file paths): it is read by the whole hall.

use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{Choice, ElectionTally, MotionState, MotionTally, Tally, Verdict};
use crate::model::election_count::{RoundKind, VoidReason, required_votes};
use crate::model::{Post, Session, VotingMethod};

/// One projector screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content {
    /// The sitting's title (九江镇第三届人民代表大会第三次会议).
    pub sitting: String,
    pub screen: Screen,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Between votes: attendance against the quorum.
    Waiting { figures: Vec<Figure>, status: Line },
    /// A motion or an election round, live or decided.
    Result {
        heading: String,
        figures: Vec<Figure>,
        verdict: Line,
        /// 应到 / 实到 and what the rule needs, in one short line.
        detail: String,
    },
}

/// A label with its number, e.g. 赞成 98.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

/// A sentence shown large, with how it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub tone: Tone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    /// Not decided yet.
    Pending,
}

impl Content {
    /// Every text on the screen, in reading order (what a test or a screen reader reads).
    pub fn texts(&self) -> Vec<&str> {
        fn figures<'a>(out: &mut Vec<&'a str>, f: &'a [Figure]) {
            for x in f {
                out.push(&x.label);
                out.push(&x.value);
            }
        }
        let mut out = vec![self.sitting.as_str()];
        match &self.screen {
            Screen::Waiting { figures: f, status } => {
                figures(&mut out, f);
                out.push(&status.text);
            }
            Screen::Result {
                heading,
                figures: f,
                verdict,
                detail,
            } => {
                out.push(heading);
                figures(&mut out, f);
                out.push(&verdict.text);
                out.push(detail);
            }
        }
        out
    }
}

/// The screen for this moment of the sitting. An open motion, else an open election round,
/// is shown live whatever is selected; otherwise the motion or election the secretary
/// `selected` once it is decided (its verdict stays up until another is chosen); otherwise
/// the waiting screen.
pub fn content(session: &Session, tally: &Tally, selected: Option<&str>, lang: Lang) -> Content {
    let sitting = session.congress.title.clone();
    let open_motion = tally
        .motions()
        .iter()
        .find(|m| m.state == MotionState::Open);
    let open_election = tally.elections().iter().find(|e| e.open_round().is_some());
    let screen = if let Some(m) = open_motion {
        motion_screen(tally, m, lang)
    } else if let Some(e) = open_election {
        election_screen(tally, e, lang)
    } else if let Some(m) = selected
        .and_then(|id| tally.motion(id))
        .filter(|m| m.state == MotionState::Closed)
    {
        motion_screen(tally, m, lang)
    } else if let Some(e) = selected
        .and_then(|id| tally.election(id))
        .filter(|e| !e.rounds.is_empty())
    {
        election_screen(tally, e, lang)
    } else {
        waiting_screen(tally, lang)
    };
    Content { sitting, screen }
}

fn figure(label: impl Into<String>, value: impl ToString) -> Figure {
    Figure {
        label: label.into(),
        value: value.to_string(),
    }
}

fn waiting_screen(tally: &Tally, lang: Lang) -> Screen {
    let a = tally.attendance();
    let quorum = a
        .quorum_required
        .map_or_else(|| "—".to_string(), |n| n.to_string());
    let figures = vec![
        figure(tr(lang, "projector.seated"), a.seated),
        figure(tr(lang, "projector.present"), a.present),
        figure(tr(lang, "projector.quorum"), quorum),
    ];
    // Organic Law Art. 14 ¶4: the sitting is held only with two-thirds or more present.
    let status = if !a.sign_in_started() {
        Line {
            text: tr(lang, "projector.sign_in_not_started").into_owned(),
            tone: Tone::Pending,
        }
    } else if a.quorate {
        Line {
            text: tr(lang, "projector.quorate").into_owned(),
            tone: Tone::Good,
        }
    } else {
        let text = match tally.quorum_shortfall() {
            Some(n) => trf(lang, "projector.short", &[("n", &n.to_string())]),
            None => tr(lang, "projector.not_quorate").into_owned(),
        };
        Line {
            text,
            tone: Tone::Bad,
        }
    };
    Screen::Waiting { figures, status }
}

fn motion_screen(tally: &Tally, m: &MotionTally, lang: Lang) -> Screen {
    let r = tally.result(m);
    let counted = m.is_counted();
    let value = |v: u32| {
        if counted {
            v.to_string()
        } else {
            "—".to_string()
        }
    };
    let mut figures = vec![
        figure(Choice::Yes.label(lang), value(r.counts.yes)),
        figure(Choice::No.label(lang), value(r.counts.no)),
        figure(Choice::Abstain.label(lang), value(r.counts.abstain)),
    ];
    if m.method == VotingMethod::SecretBallot {
        figures.push(figure(
            tr(lang, "votes.count.invalid"),
            value(r.counts.invalid),
        ));
    }
    figures.push(figure(
        tr(lang, "votes.count.not_voting"),
        value(r.not_voting),
    ));
    let verdict = match r.verdict {
        Verdict::Passed => Line {
            text: Verdict::Passed.label(lang).into_owned(),
            tone: Tone::Good,
        },
        v @ (Verdict::NotPassed | Verdict::NoQuorum) => Line {
            text: v.label(lang).into_owned(),
            tone: Tone::Bad,
        },
        Verdict::Pending => Line {
            text: match m.state {
                MotionState::NotOpen => tr(lang, "votes.result.not_open"),
                _ => tr(lang, "votes.result.voting"),
            }
            .into_owned(),
            tone: Tone::Pending,
        },
    };
    let a = m.frozen.unwrap_or_else(|| tally.attendance());
    let detail = match r.required {
        Some(n) => trf(
            lang,
            "projector.detail",
            &[
                ("seated", &a.seated.to_string()),
                ("present", &a.present.to_string()),
                ("n", &n.to_string()),
            ],
        ),
        None => trf(
            lang,
            "projector.detail_unreachable",
            &[
                ("seated", &a.seated.to_string()),
                ("present", &a.present.to_string()),
            ],
        ),
    };
    Screen::Result {
        heading: m.title.clone(),
        figures,
        verdict,
        detail,
    }
}

/// The election's open round, else its last round with who was elected.
fn election_screen(tally: &Tally, e: &ElectionTally, lang: Lang) -> Screen {
    let seated = tally.seated();
    let Some(i) = e.rounds.len().checked_sub(1) else {
        return waiting_screen(tally, lang);
    };
    let round = &e.rounds[i];
    // 补选 and 票决 are said as such: the hall knows a by-election from a full election.
    let heading_key = match e.post {
        Post::ByElection => "projector.by_election",
        Post::Project => "projector.project_vote",
        Post::Head | Post::Deputy => "projector.election",
    };
    let heading = trf(
        lang,
        heading_key,
        &[("office", &e.office), ("n", &round.number.to_string())],
    );
    // Each person's 赞成 votes: what decides an election (Art. 29).
    let figures = round
        .totals()
        .into_iter()
        .map(|t| figure(t.name, t.yes))
        .collect();
    let a = round.frozen.unwrap_or_else(|| tally.attendance());
    let (issued, returned) = round.ballots.unwrap_or((0, 0));
    let detail = trf(
        lang,
        "projector.ballots",
        &[
            ("present", &a.present.to_string()),
            ("issued", &issued.to_string()),
            ("returned", &returned.to_string()),
            ("invalid", &round.invalid().to_string()),
        ],
    );
    // The hall sees the bar each name is measured against: more than half of all seated
    // delegates (Art. 25, Art. 29), however many are present; a tie ballot has none.
    let result = e.result(i, seated);
    let required = match &result {
        Some(r) => r.required,
        None => (round.kind != RoundKind::TieBallot).then(|| required_votes(seated)),
    };
    let detail = match required {
        Some(q) => trf(
            lang,
            "projector.ballots_required",
            &[("ballots", &detail), ("n", &q.to_string())],
        ),
        None => detail,
    };
    let verdict = match result {
        None => Line {
            text: tr(lang, "projector.counting").into_owned(),
            tone: Tone::Pending,
        },
        Some(r) => match r.void {
            Some(VoidReason::NoQuorum) => Line {
                text: Verdict::NoQuorum.label(lang).into_owned(),
                tone: Tone::Bad,
            },
            Some(VoidReason::MoreReturnedThanIssued) => Line {
                text: tr(lang, "projector.void").into_owned(),
                tone: Tone::Bad,
            },
            None if r.elected.is_empty() => Line {
                text: tr(lang, "projector.none_elected").into_owned(),
                tone: Tone::Bad,
            },
            None => Line {
                text: trf(
                    lang,
                    "projector.elected",
                    &[(
                        "names",
                        &r.elected.join(tr(lang, "projector.name_sep").as_ref()),
                    )],
                ),
                tone: Tone::Good,
            },
        },
    };
    Screen::Result {
        heading,
        figures,
        verdict,
        detail,
    }
}
