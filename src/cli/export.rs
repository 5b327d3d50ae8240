//! `delegate-desk export`: a session summary as Markdown, HTML, CSV, XLSX or PDF.
//!
//! Exit status: 0 written; 1 the export failed (the output exists without `--force`, it
//! could not be written, or the journal is damaged); 2 the input could not be used (session,
//! journal or notes unreadable or invalid, no format given).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::export::{self, Format, Options, SummaryData};
use crate::i18n::{Lang, tr, trf};
use crate::journal::{JournalStatus, Recorder};
use crate::model;
use crate::notes::NotesFile;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Session file (.ron).
    pub session: PathBuf,
    /// Vote journal: adds attendance, counts, verdicts, roll calls and the chain hash.
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// Notes file: adds the delegate's notes, grouped by where they sit.
    #[arg(long)]
    pub notes: Option<PathBuf>,
    /// Output format; guessed from the output name's extension when left out.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Output file; for csv, a folder that receives one file per table.
    #[arg(long = "output", short = 'o')]
    pub output: PathBuf,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    /// Print the generation time in the summary (otherwise output is byte-identical
    /// across runs).
    #[arg(long)]
    pub stamp: bool,
}

pub fn run(args: &ExportArgs, lang: Lang) -> ExitCode {
    let Some(format) = args.format.or_else(|| Format::from_path(&args.output)) else {
        eprintln!("{}", tr(lang, "export.cli.no_format"));
        return ExitCode::from(2);
    };
    let loaded = match model::load_path(&args.session, lang) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let session = &loaded.session;
    let mut data = SummaryData::from_session(session, lang);
    if let Some(path) = &args.journal {
        let rec = match Recorder::open_read_only(path, session) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{}", e.message(lang));
                return ExitCode::from(2);
            }
        };
        let shown = path.display().to_string();
        match rec.journal().status() {
            JournalStatus::Ok => {}
            JournalStatus::TornTailCut { .. } => eprintln!(
                "{}",
                trf(lang, "export.cli.journal_torn", &[("path", &shown)])
            ),
            // A summary is a record of the sitting: never made from a journal that fails
            // its own chain check.
            JournalStatus::Damaged { record, .. } => {
                eprintln!(
                    "{}",
                    trf(
                        lang,
                        "export.cli.journal_damaged",
                        &[("path", &shown), ("record", &record.to_string())]
                    )
                );
                return ExitCode::from(1);
            }
        }
        data = data.with_tally(session, rec.tally(), &rec.journal().head().to_hex(), lang);
    }
    if let Some(path) = &args.notes {
        let file = match NotesFile::read(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{}", e.message(lang));
                return ExitCode::from(2);
            }
        };
        if file.session_id != session.id {
            eprintln!(
                "{}",
                trf(
                    lang,
                    "export.cli.notes_other_session",
                    &[("notes", &file.session_id), ("session", &session.id)]
                )
            );
        }
        data = data.with_notes(session, &file, lang);
    }
    let opts = Options {
        lang,
        force: args.force,
        stamp: args.stamp.then(|| {
            chrono::Local::now()
                .format("%Y-%m-%d %H:%M:%S %:z")
                .to_string()
        }),
        inputs: std::iter::once(args.session.clone())
            .chain(args.journal.clone())
            .chain(args.notes.clone())
            .collect(),
    };
    match export::write(&data, format, &args.output, &opts) {
        Ok(path) => {
            println!(
                "{}",
                trf(
                    lang,
                    "export.cli.written",
                    &[("path", &path.display().to_string())]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.message(lang));
            ExitCode::from(1)
        }
    }
}
