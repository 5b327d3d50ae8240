//! UI preferences remembered between runs (eframe persistence). Only preferences live here:
//! notes and votes have their own files with stronger guarantees.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::view::View;
use crate::i18n::Lang;

/// Bumped when the shape changes incompatibly; an older or newer version is ignored
/// (eframe silently yields None on a decode error, so the version makes it explicit).
pub const PREFS_VERSION: u32 = 1;
pub const PREFS_KEY: &str = "delegate-desk-prefs";
const MAX_RECENT: usize = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub version: u32,
    pub lang: Lang,
    /// egui zoom factor: the text size for older delegates.
    pub zoom: f32,
    pub dark: bool,
    pub view: View,
    /// Last session opened from a file (None: the bundled one).
    pub last_session: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    /// Reading position per session id and document id: the paragraph index at the top.
    pub positions: HashMap<String, usize>,
    /// Whether the notes panel is shown, view by view.
    pub notes_panel: NotesPanelShown,
    pub secretary_name: String,
}

/// Whether the notes panel is shown beside each view. It takes some 300 points: on Votes
/// and Export, where the delegate's notes are not what is worked on, it is hidden unless
/// asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotesPanelShown {
    pub overview: bool,
    pub report: bool,
    pub indicators: bool,
    pub votes: bool,
    pub itinerary: bool,
    pub export: bool,
}

impl Default for NotesPanelShown {
    fn default() -> Self {
        Self {
            overview: true,
            report: true,
            indicators: true,
            votes: false,
            itinerary: true,
            export: false,
        }
    }
}

impl NotesPanelShown {
    fn slot(&mut self, v: View) -> &mut bool {
        match v {
            View::Overview => &mut self.overview,
            View::Report => &mut self.report,
            View::Indicators => &mut self.indicators,
            View::Votes => &mut self.votes,
            View::Itinerary => &mut self.itinerary,
            View::Export => &mut self.export,
        }
    }

    pub fn on(mut self, v: View) -> bool {
        *self.slot(v)
    }

    pub fn set(&mut self, v: View, shown: bool) {
        *self.slot(v) = shown;
    }

    /// The same choice on every view (tests, benches).
    pub fn everywhere(shown: bool) -> Self {
        Self {
            overview: shown,
            report: shown,
            indicators: shown,
            votes: shown,
            itinerary: shown,
            export: shown,
        }
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            version: PREFS_VERSION,
            lang: Lang::Zh,
            zoom: 1.0,
            dark: false,
            view: View::Overview,
            last_session: None,
            recent: Vec::new(),
            positions: HashMap::new(),
            notes_panel: NotesPanelShown::default(),
            secretary_name: String::new(),
        }
    }
}

impl Prefs {
    /// Loads from eframe storage, falling back to defaults for a missing or foreign version.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
            .filter(|p| p.version == PREFS_VERSION)
            .map(Prefs::sanitized)
            .unwrap_or_default()
    }

    fn sanitized(mut self) -> Self {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        self.recent.truncate(MAX_RECENT);
        self
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_session = Some(path);
    }

    pub fn position_key(session: &str, document: &str) -> String {
        format!("{session}/{document}")
    }
}

pub const MIN_ZOOM: f32 = 0.6;
pub const MAX_ZOOM: f32 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_most_recent_first_without_duplicates() {
        let mut p = Prefs::default();
        p.remember("a.ron".into());
        p.remember("b.ron".into());
        p.remember("a.ron".into());
        assert_eq!(
            p.recent,
            vec![PathBuf::from("a.ron"), PathBuf::from("b.ron")]
        );
        for i in 0..20 {
            p.remember(format!("{i}.ron").into());
        }
        assert_eq!(p.recent.len(), MAX_RECENT);
    }

    #[test]
    fn the_notes_panel_is_hidden_on_votes_and_export_unless_asked_for() {
        let mut p = Prefs::default();
        for v in View::ALL {
            let hidden = matches!(v, View::Votes | View::Export);
            assert_eq!(p.notes_panel.on(v), !hidden, "{v:?}");
        }
        p.notes_panel.set(View::Votes, true);
        assert!(p.notes_panel.on(View::Votes));
        assert!(!p.notes_panel.on(View::Export));
    }

    #[test]
    fn prefs_saved_before_the_per_view_panel_still_load() {
        // An older app.ron had one `show_notes_panel` for every view.
        let old = "(version: 1, lang: Zh, zoom: 1.3, show_notes_panel: false)";
        let p: Prefs = ron::from_str(old).unwrap();
        assert_eq!(p.zoom, 1.3);
        assert_eq!(p.notes_panel, NotesPanelShown::default());
    }

    #[test]
    fn absurd_zoom_is_clamped() {
        let p = Prefs {
            zoom: 50.0,
            ..Prefs::default()
        }
        .sanitized();
        assert_eq!(p.zoom, MAX_ZOOM);
    }
}
