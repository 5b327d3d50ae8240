//! The views of the window and what every view is given to draw itself.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::Session;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum View {
    #[default]
    Overview,
    Report,
    Indicators,
    Votes,
    Itinerary,
    Export,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Report,
        View::Indicators,
        View::Votes,
        View::Itinerary,
        View::Export,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            View::Overview => "view.overview",
            View::Report => "view.report",
            View::Indicators => "view.indicators",
            View::Votes => "view.votes",
            View::Itinerary => "view.itinerary",
            View::Export => "view.export",
        }
    }

    /// Alt+1 … Alt+6.
    pub fn number_key(self) -> egui::Key {
        use egui::Key;
        match self {
            View::Overview => Key::Num1,
            View::Report => Key::Num2,
            View::Indicators => Key::Num3,
            View::Votes => Key::Num4,
            View::Itinerary => Key::Num5,
            View::Export => Key::Num6,
        }
    }
}

/// Something a view asks the app to do. Views never change shared state while drawing;
/// the app applies these once per frame, after the views are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    Ui(super::command::UiCommand),
    /// Open the Report view at a paragraph (`section.N`), optionally selecting chars.
    JumpToParagraph {
        paragraph_id: String,
        range: Option<(usize, usize)>,
    },
    /// Open the Indicators view with one indicator highlighted.
    JumpToIndicator(String),
    /// Open the Itinerary view at a stop.
    JumpToStop(String),
    /// Open the Votes view on a motion or an election (by id).
    JumpToVote(String),
    /// Show the notes panel filtered to the notes on one paragraph.
    ShowNotesFor(String),
    /// Open the note editor for a new note on this target.
    NewNote(crate::notes::Target),
    /// Open the note editor on an existing note.
    EditNote(String),
    /// Open a file path as a session.
    OpenPath(std::path::PathBuf),
    /// Show a message in the status line.
    Status(String),
    /// Open a file or folder with the desktop's own program (a file manager for a folder).
    OpenExternally(std::path::PathBuf),
    /// Copy text to the clipboard.
    Copy(String),
    /// Add, edit or delete a note, or change a stop's state.
    NotesChange(super::notes_change::NotesChange),
    /// Close the note editor.
    CloseNoteEditor,
    /// Write the notes to this file (chosen in a save dialog, which asked before replacing).
    ExportNotesTo(std::path::PathBuf),
    /// Merge the notes of this file into the session's.
    ImportNotesFrom(std::path::PathBuf),
    /// Pick files for, read, save or close the 新建会议 dialog.
    NewSession(super::views::new_session::NewSessionCommand),
    /// Write the session summary (the Export view).
    Export(super::views::export::ExportTo),
    /// Record in, open, save or merge the Votes view's journal.
    Votes(super::views::votes::VotesCommand),
    /// Save what the window shows under `rect` (a chart) as a PNG at `path`, once the frame
    /// is on screen.
    SaveChart {
        rect: egui::Rect,
        path: std::path::PathBuf,
    },
}

/// What a view may read while drawing, and where it puts its requests.
pub struct ViewCtx<'a> {
    pub session: &'a Session,
    pub lang: Lang,
    pub notes: &'a crate::notes::NotesStore,
    /// Where each note sits in this session.
    pub anchors: &'a crate::notes::Anchors,
    /// Changes whenever the notes (or the session) change: a key for views' caches.
    pub notes_rev: u64,
    /// The app's data folder (journals live under it); a temp folder in tests.
    pub data_dir: &'a std::path::Path,
    pub commands: &'a mut Vec<AppCommand>,
}

/// What every view of the window is: a struct holding only that view's state, drawn into
/// the `Ui` it is given each frame. It reads the session through `cx` and asks for every
/// change with [`ViewCtx::send`]; the app applies those once the frame is drawn.
pub trait ViewUi {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx);
}

impl ViewCtx<'_> {
    pub fn tr(&self, key: &str) -> String {
        crate::i18n::tr(self.lang, key).into_owned()
    }

    pub fn send(&mut self, c: AppCommand) {
        self.commands.push(c);
    }
}
