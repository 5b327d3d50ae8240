//! Delegates' notes (批注): on a paragraph or a stretch of text in it, on an indicator, or on
//! an inspection stop; plus each stop's visited mark and questions to raise.
//!
//! - [`note`]: what a note is ([`Note`], [`Target`], [`TextQuote`], [`NoteKind`]).
//! - [`anchor`]: where a note is in a possibly revised session ([`SessionIndex::resolve`],
//!   [`Anchors`] for the views: marks per paragraph, the unplaced list, document order).
//! - [`store`]: the notes of one session with undo and atomic saving ([`NotesStore`]).
//! - [`file`] and [`merge`]: the on-disk format, export and import by note id.
//!
//! Notes live in the user's data folder (`data_dir()/notes/<session id>.json`), never in the
//! session file. A typical frame in the UI:
//!
//! ```no_run
//! # use delegate_desk::notes::*;
//! # fn demo(session: &delegate_desk::model::Session) -> Result<(), NotesError> {
//! let (mut store, warning) = NotesStore::open(&session.id)?;
//! if let Some(w) = warning { eprintln!("{}", w.message(delegate_desk::i18n::Lang::Zh)); }
//! let index = SessionIndex::new(session);
//! let anchors = store.reattach(&index); // once per session (re)load
//! let id = store.add(Target::indicator("gdp"), NoteKind::Question, "增速为何放缓？", None);
//! let _marks = anchors.in_paragraph("s1.1");
//! store.save_if_due(std::time::Instant::now())?; // every frame; saves within a second
//! # let _ = id; Ok(()) }
//! ```

pub mod anchor;
mod error;
pub mod file;
mod labels;
pub mod merge;
pub mod note;
pub mod store;

pub use anchor::{Anchors, Placement, SessionIndex, UnplacedReason, resolve};
pub use error::{NotesError, Warning};
pub use file::{FORMAT_VERSION, NotesFile};
pub use merge::ImportReport;
pub use note::{CONTEXT_CHARS, Note, NoteKind, StopState, Target, TextQuote, new_note_id};
pub use store::{NotesStore, SaveJob, notes_path, notes_path_in};
