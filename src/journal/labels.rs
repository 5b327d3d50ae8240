//! The word for each of this layer's values a person reads: one locale key per variant
//! (see `i18n::Label`; the words are in `locales/labels.yml`).

use crate::i18n::Label;

use super::{Choice, Mark, MotionState, Verdict};

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
