//! Preparing a sitting from the township's own files: the report(s) as .docx, the roster as
//! .xlsx or .csv. The result is a commented session file that `check` accepts; the command
//! line (`delegate-desk new`) and the window run the same [`prepare`] and [`write_ron::render`].
//!
//! Domain only: no egui here.

pub mod docx;
pub mod election_entry;
pub mod headings;
pub mod numbers;
pub mod review;
pub mod roster;
pub mod save;
pub mod sitting;
pub mod stop_entry;
pub mod write_ron;

pub use sitting::{Prepared, Request, prepare};

use crate::i18n::{Lang, trf};

/// Whether `s` is a date as a session file writes it: YYYY-MM-DD.
pub fn is_iso_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

/// Why the files could not be made into a sitting. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: a .{kind} file cannot be read; save it as .docx (Word: File → Save As → Word Document)"
    )]
    SaveAsDocx { path: String, kind: String },
    #[error("{path}: not a readable .docx: {what}")]
    BadDocx { path: String, what: String },
    #[error("{path}: a roster must be .xlsx, .xls, .ods or .csv")]
    RosterFormat { path: String },
    #[error("{path}: cannot read the roster: {what}")]
    BadRoster { path: String, what: String },
    #[error("{path}: no sheet named {sheet:?} (sheets: {sheets})")]
    NoSuchSheet {
        path: String,
        sheet: String,
        sheets: String,
    },
    #[error("{path}: no column of names (a header 姓名); headers found: {headers}")]
    NoNameColumn { path: String, headers: String },
    #[error("{path}: the roster names {roster} delegates, more than the {seats} seats")]
    RosterExceedsSeats {
        path: String,
        roster: usize,
        seats: u32,
    },
}

impl ImportError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let (key, args): (&str, Vec<(&str, String)>) = match self {
            ImportError::Io { path, source } => (
                "import.err.io",
                vec![("path", path.clone()), ("why", source.to_string())],
            ),
            ImportError::SaveAsDocx { path, kind } => (
                "import.err.save_as_docx",
                vec![("path", path.clone()), ("kind", kind.clone())],
            ),
            ImportError::BadDocx { path, what } => (
                "import.err.bad_docx",
                vec![("path", path.clone()), ("why", what.clone())],
            ),
            ImportError::RosterFormat { path } => {
                ("import.err.roster_format", vec![("path", path.clone())])
            }
            ImportError::BadRoster { path, what } => (
                "import.err.bad_roster",
                vec![("path", path.clone()), ("why", what.clone())],
            ),
            ImportError::NoSuchSheet {
                path,
                sheet,
                sheets,
            } => (
                "import.err.no_sheet",
                vec![
                    ("path", path.clone()),
                    ("sheet", sheet.clone()),
                    ("sheets", sheets.clone()),
                ],
            ),
            ImportError::NoNameColumn { path, headers } => (
                "import.err.no_name_column",
                vec![("path", path.clone()), ("headers", headers.clone())],
            ),
            ImportError::RosterExceedsSeats {
                path,
                roster,
                seats,
            } => (
                "import.err.roster_exceeds_seats",
                vec![
                    ("path", path.clone()),
                    ("roster", roster.to_string()),
                    ("seats", seats.to_string()),
                ],
            ),
        };
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        trf(lang, key, &args)
    }

    /// True when a file could not be read at all (exit status 2), rather than read and found
    /// unusable (exit status 1).
    pub fn is_unreadable(&self) -> bool {
        matches!(self, ImportError::Io { .. })
    }
}
