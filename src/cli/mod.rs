//! The command line: one binary, the window by default, subcommands for the secretary's
//! tools. Every subcommand runs the same domain code as the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

mod check;
mod export;
mod generate;
mod record;

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
        #[arg(long)]
        journal: PathBuf,
        /// Print JSON (documented in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Verify a journal's hash chain: exit 0 and the final hash if intact, exit 1 and the
    /// first bad record's number if not.
    Verify {
        /// Journal file.
        journal: PathBuf,
    },
    /// Export a session summary as Markdown, HTML, CSV, XLSX or PDF.
    Export(export::ExportArgs),
    /// Generate a synthetic session (and optionally a journal and notes) for testing at scale.
    Generate(generate::GenerateArgs),
}

/// Runs a subcommand; returns None when the window should open instead.
pub fn run(cli: &Cli) -> Option<ExitCode> {
    let lang = cli.lang.unwrap_or_default();
    let cmd = cli.command.as_ref()?;
    Some(match cmd {
        Command::Check { files } => check::run(files, lang),
        Command::Record(args) => record::run_record(args, lang),
        Command::Tally {
            session,
            journal,
            json,
        } => record::run_tally(session, journal, *json, lang),
        Command::Verify { journal } => record::run_verify(journal, lang),
        Command::Export(args) => export::run(args, lang),
        Command::Generate(args) => generate::run(args, lang),
    })
}
