//! Why a subcommand stopped, its exit code, and the one place either is said.
//!
//! Exit codes mean the same in every subcommand: 0 fine; 1 the input or the journal is wrong
//! (a bad command line or session, a refused action, a damaged journal); 2 a file could not
//! be read or written. Subcommands return a [`CliError`] (or an I/O error on the way up);
//! [`report`] prints it, once, as `delegate-desk: …` in the user's language.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::export::ExportError;
use crate::i18n::{Lang, tr, trf};
use crate::journal::{JournalError, OpenError, RecordError};
use crate::model::LoadError;
use crate::notes::NotesError;

/// The input or the journal is wrong.
const WRONG: u8 = 1;
/// A file could not be read or written.
const FILE: u8 = 2;

/// Something a user can cause and fix. `Display` is English for logs; the user is shown
/// [`CliError::message`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Session(#[from] LoadError),
    #[error(transparent)]
    Journal(#[from] OpenError),
    #[error(transparent)]
    Notes(#[from] NotesError),
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The actions after `record` are not understood; nothing was checked or written.
    #[error(transparent)]
    Actions(#[from] ActionSpecError),
    #[error("no action given")]
    NoActions,
    /// `verify --head` given something that is not a head code.
    #[error("bad head code: {0}")]
    HeadCode(String),
    /// Action `n` (1-based, as written on the command line: `what`) was refused; the journal
    /// holds every action before it.
    #[error("action {n} ({what}) refused: {source}")]
    Refused {
        n: usize,
        what: String,
        #[source]
        source: RecordError,
    },
    /// A summary is never made from a journal that fails its own chain check.
    #[error("{}: damaged at record {record}", .path.display())]
    Damaged { path: PathBuf, record: u64 },
    #[error("{}: not a journal", .0.display())]
    NotAJournal(PathBuf),
    #[error("{}: cannot read: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("no output format given or guessed")]
    NoFormat,
    #[error("a session needs delegates and sections")]
    EmptySession,
    #[error("{}: already exists", .0.display())]
    Exists(PathBuf),
    #[error("{}: cannot write: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the session: {0}")]
    Serialize(String),
    #[error("cannot open the window: {0}")]
    Window(String),
    /// A report or roster could not be read or made sense of (`new`).
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// The prepared session could not be written (`new`).
    #[error(transparent)]
    ImportSave(#[from] crate::import::save::SaveError),
    /// Wrong input whose message is already in the user's language.
    #[error("{0}")]
    Input(String),
    /// The remembered or given formal-document fields could not be read.
    #[error(transparent)]
    Fields(#[from] crate::export::formal::FieldsError),
    /// `--adopt` reads a sitting's folder: it needs `--journal-dir`.
    #[error("--adopt needs --journal-dir")]
    AdoptNeedsDir,
    /// Neither `--journal` nor `--journal-dir` (clap normally says so first).
    #[error("no journal given")]
    NoJournal,
    /// A summary is never made from a folder with records missing, refused or disputed.
    #[error("{}: the folder's journals have warnings to deal with first", .0.display())]
    FolderNotClean(PathBuf),
}

impl CliError {
    /// 1 when the input or the journal is wrong, 2 when a file could not be read or written.
    pub fn exit_code(&self) -> u8 {
        let journal = |e: &JournalError| match e {
            // Another program is recording: the journal cannot be written now.
            JournalError::Io { .. } | JournalError::Busy { .. } => FILE,
            _ => WRONG,
        };
        match self {
            CliError::Session(LoadError::Io { .. }) => FILE,
            CliError::Journal(OpenError::Journal(e)) => journal(e),
            CliError::Refused {
                source: RecordError::Journal(e),
                ..
            } => journal(e),
            CliError::Notes(NotesError::Io { .. }) => FILE,
            CliError::Export(ExportError::Exists(_) | ExportError::OwnInput(_)) => WRONG,
            CliError::Export(_) => FILE,
            CliError::Read { .. }
            | CliError::Write { .. }
            | CliError::Serialize(_)
            | CliError::Window(_) => FILE,
            CliError::Session(LoadError::Invalid(_))
            | CliError::Journal(OpenError::Replay(_))
            | CliError::Refused { .. }
            | CliError::Notes(_)
            | CliError::Actions(_)
            | CliError::NoActions
            | CliError::HeadCode(_)
            | CliError::Damaged { .. }
            | CliError::NotAJournal(_)
            | CliError::NoFormat
            | CliError::EmptySession
            | CliError::Exists(_)
            | CliError::Input(_)
            | CliError::AdoptNeedsDir
            | CliError::NoJournal
            | CliError::FolderNotClean(_) => WRONG,
            CliError::Import(e) if e.is_unreadable() => FILE,
            CliError::Import(_) => WRONG,
            CliError::ImportSave(crate::import::save::SaveError::Io { .. }) => FILE,
            CliError::ImportSave(_) => WRONG,
            CliError::Fields(crate::export::formal::FieldsError::Io { .. }) => FILE,
            CliError::Fields(_) => WRONG,
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let path = |p: &std::path::Path| p.display().to_string();
        match self {
            CliError::Session(LoadError::Io { path, source }) => trf(
                lang,
                "cli.err.read",
                &[("path", path), ("error", &source.to_string())],
            ),
            // The diagnostics are in `lang` already, each with its file, line and column.
            CliError::Session(e @ LoadError::Invalid(_)) => e.to_string(),
            CliError::Journal(e) => e.message(lang),
            CliError::Notes(e) => e.message(lang),
            CliError::Export(e) => e.message(lang),
            CliError::Actions(e) => trf(lang, "journal.cli.usage", &[("error", &e.message(lang))]),
            CliError::NoActions => tr(lang, "journal.cli.no_actions").into_owned(),
            CliError::HeadCode(e) => trf(lang, "journal.cli.usage", &[("error", e)]),
            CliError::Refused { n, what, source } => trf(
                lang,
                "journal.cli.refused",
                &[
                    ("n", &n.to_string()),
                    ("what", what),
                    ("error", &source.message(lang)),
                ],
            ),
            CliError::Damaged { path: p, record } => trf(
                lang,
                "export.cli.journal_damaged",
                &[("path", &path(p)), ("record", &record.to_string())],
            ),
            CliError::NotAJournal(p) => {
                trf(lang, "journal.file.not_a_journal", &[("path", &path(p))])
            }
            CliError::Read { path: p, source } => trf(
                lang,
                "cli.err.read",
                &[("path", &path(p)), ("error", &source.to_string())],
            ),
            CliError::NoFormat => tr(lang, "export.cli.no_format").into_owned(),
            CliError::EmptySession => tr(lang, "generate.err.empty").into_owned(),
            CliError::Exists(p) => trf(lang, "generate.err.exists", &[("path", &path(p))]),
            CliError::Write { path: p, source } => trf(
                lang,
                "generate.err.write",
                &[("path", &path(p)), ("error", &source.to_string())],
            ),
            CliError::Serialize(e) => trf(lang, "generate.err.serialize", &[("error", e)]),
            CliError::Window(e) => trf(lang, "cli.err.window", &[("error", e)]),
            CliError::Input(message) => message.clone(),
            CliError::Import(e) => e.message(lang),
            CliError::ImportSave(e) => e.message(lang),
            CliError::Fields(e) => e.to_string(),
            CliError::AdoptNeedsDir => tr(lang, "folder.err.adopt_needs_dir").into_owned(),
            CliError::NoJournal => tr(lang, "folder.err.no_journal").into_owned(),
            CliError::FolderNotClean(p) => trf(lang, "folder.err.not_clean", &[("dir", &path(p))]),
        }
    }
}

/// Why the actions after `record` could not be read. Nothing is checked or written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionSpecError {
    #[error("{flag} needs {n} value(s)")]
    TooFew { flag: String, n: usize },
    #[error("--vote: {0:?} is not yes, no or abstain")]
    Choice(String),
    #[error("--counts: {0:?} is not a whole number of votes (0 or more)")]
    Count(String),
    #[error("unknown action {0:?}")]
    Unknown(String),
    #[error("{flag}: unexpected {value:?}")]
    Unexpected { flag: String, value: String },
    /// A count of ballots or votes after an election flag.
    #[error("{flag}: {value:?} is not a whole number (0 or more)")]
    Number { flag: String, value: String },
    /// The part of a `--ballot` spec that is not NAME=CHOICE, +NAME or invalid.
    #[error("--ballot: {0:?} is not NAME=yes|no|abstain, +NAME (a write-in) or invalid")]
    Ballot(String),
}

impl ActionSpecError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ActionSpecError::TooFew { flag, n } => trf(
                lang,
                "journal.cli.spec.too_few",
                &[("flag", flag), ("n", &n.to_string())],
            ),
            ActionSpecError::Choice(v) => trf(lang, "journal.cli.spec.choice", &[("value", v)]),
            ActionSpecError::Count(v) => trf(lang, "journal.cli.spec.count", &[("value", v)]),
            ActionSpecError::Unknown(v) => trf(lang, "journal.cli.spec.unknown", &[("flag", v)]),
            ActionSpecError::Unexpected { flag, value } => trf(
                lang,
                "journal.cli.spec.unexpected",
                &[("flag", flag), ("value", value)],
            ),
            ActionSpecError::Number { flag, value } => trf(
                lang,
                "election.cli.spec.number",
                &[("flag", flag), ("value", value)],
            ),
            ActionSpecError::Ballot(part) => {
                trf(lang, "election.cli.spec.ballot", &[("part", part)])
            }
        }
    }
}

/// Prints `error` as `delegate-desk: …` in `lang` and gives its exit code. Standard output
/// closed by the reader (`delegate-desk tally … | head`) is a quiet success, as it is for
/// other command-line tools.
pub fn report(error: &anyhow::Error, lang: Lang) -> ExitCode {
    match describe(error, lang) {
        None => ExitCode::SUCCESS,
        Some((message, code)) => {
            say(&message);
            ExitCode::from(code)
        }
    }
}

/// What [`report`] says and the exit code, or None for a reader that went away.
fn describe(error: &anyhow::Error, lang: Lang) -> Option<(String, u8)> {
    let broken_pipe = error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return None;
    }
    // Context added on the way up comes first, then the cause, as anyhow's `{:#}` would.
    let mut code = FILE;
    let mut parts = Vec::new();
    for e in error.chain() {
        if let Some(e) = e.downcast_ref::<CliError>() {
            code = e.exit_code();
            parts.push(e.message(lang));
            // Its message already says what its sources say.
            break;
        }
        parts.push(e.to_string());
    }
    Some((parts.join(": "), code))
}

/// Prints `message` on standard error as `delegate-desk: …`: errors (through [`report`])
/// and warnings that do not stop a subcommand.
pub fn say(message: &str) {
    // Nothing is left to tell anyone if standard error is gone too.
    let _ = writeln!(io::stderr().lock(), "delegate-desk: {message}");
}

/// A command line clap refused (or `--help`, `--version`, which are not errors): clap
/// prints it; the code is 1, the input is wrong, as everywhere else.
pub fn usage(error: &clap::Error) -> ExitCode {
    let _ = error.print();
    if error.use_stderr() {
        ExitCode::from(WRONG)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_anywhere_in_the_chain_is_a_quiet_success() {
        let e = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("writing the tally");
        assert_eq!(describe(&e, Lang::Zh), None);
        assert_eq!(report(&e, Lang::Zh), ExitCode::SUCCESS);
    }

    #[test]
    fn an_error_is_said_with_its_context_and_the_code_of_its_kind() {
        let e = anyhow::Error::from(CliError::NoActions).context("while recording");
        let (message, code) = describe(&e, Lang::En).unwrap();
        assert_eq!(code, WRONG);
        assert!(
            message.starts_with("while recording: no action given"),
            "{message}"
        );
        let (message, _) = describe(&e, Lang::Zh).unwrap();
        assert!(message.contains("没有给出任何操作"), "{message}");
        let e = anyhow::Error::from(io::Error::other("disk full")).context("standard output");
        assert_eq!(
            describe(&e, Lang::En),
            Some(("standard output: disk full".to_string(), FILE))
        );
    }

    #[test]
    fn every_action_spec_message_is_translated() {
        let errors = [
            ActionSpecError::TooFew {
                flag: "--open".into(),
                n: 1,
            },
            ActionSpecError::Choice("maybe".into()),
            ActionSpecError::Count("-1".into()),
            ActionSpecError::Unknown("--frobnicate".into()),
            ActionSpecError::Unexpected {
                flag: "--open".into(),
                value: "m2".into(),
            },
        ];
        for e in errors {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            for t in [&zh, &en] {
                assert!(!t.contains("journal.") && !t.contains("%{"), "{t}");
            }
            assert_ne!(zh, en);
        }
    }
}
