//! One file per screen; each holds only that screen's state.

pub mod diagnostics;
pub mod export;
pub mod indicators;
pub mod itinerary;
pub mod new_session;
pub mod note_editor;
pub mod notes_panel;
pub mod overview;
pub mod palette;
pub mod report;
pub mod votes;
