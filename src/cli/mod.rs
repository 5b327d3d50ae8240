//! The command line: one binary, the window by default, subcommands for the secretary's
//! tools. Every subcommand runs the same domain code as the window, writes its output with
//! `?` to a locked standard output and returns its errors to [`report`], which prints them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;
use crate::ui::view::View;

mod check;
mod error;
mod export;
mod export_formal;
mod generate;
mod journal_source;
mod new;
mod record;

use journal_source::JournalSource;

pub use error::{ActionSpecError, CliError, report, say, usage};

/// What `--version` prints after the name: the package version and the commit it was built
/// from (set by build.rs; "unknown" outside a git checkout).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("DELEGATE_DESK_COMMIT"),
    ")"
);

/// Delegate Desk: read the report, weigh the indicators, record the votes, follow the
/// inspection, and annotate all of it, for one sitting of a people's congress.
#[derive(Debug, Parser)]
#[command(name = "delegate-desk", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// Session file to open in the window (default: the bundled Jiujiang session).
    pub file: Option<PathBuf>,
    /// View to start on (a projector laptop can start straight on the votes).
    #[arg(long, value_enum)]
    pub view: Option<StartView>,
    /// Language of the window and of messages: zh (default) or en.
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use zh or en"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StartView {
    Overview,
    Report,
    Indicators,
    Votes,
    Itinerary,
    Export,
}

impl From<StartView> for View {
    fn from(v: StartView) -> Self {
        match v {
            StartView::Overview => View::Overview,
            StartView::Report => View::Report,
            StartView::Indicators => View::Indicators,
            StartView::Votes => View::Votes,
            StartView::Itinerary => View::Itinerary,
            StartView::Export => View::Export,
        }
    }
}

impl Cli {
    /// The language of messages: `--lang`, else Simplified Chinese.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// What the window is asked to start with.
    pub fn start(&self) -> crate::ui::Start {
        crate::ui::Start {
            file: self.file.clone(),
            view: self.view.map(View::from),
            lang: self.lang,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check session files. Prints FILE:LINE:COL: error|warning: message with the source line
    /// and a caret. Exit status: 0 no errors (warnings allowed), 1 errors, 2 a file could not
    /// be read.
    Check {
        /// Session files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Append records to a vote journal: attendance, opening, votes, counts, closing.
    /// All actions are checked first; if any is invalid nothing is written (exit 1).
    Record(record::RecordArgs),
    /// Print attendance, quorum, and each motion's counts, threshold and verdict.
    Tally {
        /// Session file.
        session: PathBuf,
        /// Journal file.
        #[arg(long, required_unless_present = "journal_dir")]
        journal: Option<PathBuf>,
        /// A sitting's folder shared by a sync engine: every journal of the session in it,
        /// folded into one tally (exit 1 while a warning stands: a conflict copy with records
        /// the folder lacks, a refused record, a disagreement, damage).
        #[arg(long, conflicts_with = "journal")]
        journal_dir: Option<PathBuf>,
        /// Print JSON (documented in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Verify a journal's hash chain: exit 0 and the final hash if intact, exit 1 and the
    /// first bad record's number if not. With --head, exit 1 also unless the journal still
    /// holds the record a published head code names (cut short or written anew).
    Verify {
        /// Journal file.
        #[arg(required_unless_present = "journal_dir")]
        journal: Option<PathBuf>,
        /// A head code shown earlier (e.g. #117-23fb592c, printed after `record`, in the
        /// window and in exports).
        #[arg(long, value_name = "CODE", requires = "journal")]
        head: Option<String>,
        /// A sitting's folder: verify every journal in it, check each against the head this
        /// machine last saw of it, and name every sync engine's conflict copy (exit 1 if
        /// there is one).
        #[arg(long, conflicts_with = "journal")]
        journal_dir: Option<PathBuf>,
    },
    /// Export a session summary (Markdown, HTML, CSV, XLSX, PDF) or a formal document
    /// (表决结果公告 or, with elections, 选举结果公告; 决议; 会议纪要; DOCX or PDF).
    Export(export::ExportArgs),
    /// Prepare a session file from the report(s) in Word (.docx) and the roster in Excel or
    /// CSV. Exit status: 0 written, 1 bad input, 2 a file could not be read or written.
    New(new::NewArgs),
    /// Generate a synthetic session (and optionally a journal and notes) for testing at scale.
    Generate(generate::GenerateArgs),
}

/// Runs a subcommand. `Ok` carries 0, or 1 when the subcommand's answer is "no" (a check
/// found errors, a journal fails verification) and it has said so itself; errors are for
/// [`report`].
pub fn run(command: &Command, lang: Lang) -> anyhow::Result<ExitCode> {
    let result = match command {
        Command::Check { files } => check::run(files, lang),
        Command::Record(args) => record::run_record(args, lang),
        Command::Tally {
            session,
            journal,
            journal_dir,
            json,
        } => match JournalSource::from_args(journal.as_deref(), journal_dir.as_deref()) {
            Some(source) => record::run_tally(session, &source, *json, lang),
            None => Err(CliError::NoJournal.into()),
        },
        Command::Verify {
            journal,
            head,
            journal_dir,
        } => match JournalSource::from_args(journal.as_deref(), journal_dir.as_deref()) {
            Some(JournalSource::File(f)) => record::run_verify(&f, head.as_deref(), lang),
            Some(JournalSource::Dir(d)) => journal_source::run_verify_dir(&d, lang),
            None => Err(CliError::NoJournal.into()),
        },
        Command::Export(args) => export::run(args, lang),
        Command::Generate(args) => generate::run(args, lang),
        Command::New(args) => new::run(args, lang),
    };
    // Every file a subcommand reads or writes fails as a `CliError` naming it; a bare I/O
    // error can only be standard output's.
    result.map_err(|e| {
        if e.is::<std::io::Error>() {
            e.context(crate::i18n::tr(lang, "cli.err.stdout"))
        } else {
            e
        }
    })
}
