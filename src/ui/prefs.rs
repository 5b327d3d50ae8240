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
    pub show_notes_panel: bool,
    pub secretary_name: String,
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
            show_notes_panel: true,
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
    fn absurd_zoom_is_clamped() {
        let p = Prefs {
            zoom: 50.0,
            ..Prefs::default()
        }
        .sanitized();
        assert_eq!(p.zoom, MAX_ZOOM);
    }
}
