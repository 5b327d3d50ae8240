//! `delegate-desk export`: a session summary as Markdown, HTML, CSV, XLSX or PDF, or with
//! `--document` a formal document as DOCX or PDF (see `export_formal`).
//!
//! Exit status as for every subcommand: 0 written; 1 the input is wrong (session, journal or
//! notes invalid, the journal damaged, no format given, the output exists without
//! `--force`); 2 a file could not be read or written.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::journal_source::{self, JournalSource};
use super::{CliError, say};
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
    /// A sitting's folder shared by a sync engine: every journal of the session in it, folded
    /// into one tally (refused while it has warnings: see `tally --journal-dir`).
    #[arg(long, conflicts_with = "journal")]
    pub journal_dir: Option<PathBuf>,
    /// Notes file: adds the delegate's notes, grouped by where they sit.
    #[arg(long)]
    pub notes: Option<PathBuf>,
    /// Output format; guessed from the output name's extension when left out.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<FormatArg>,
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
    #[command(flatten)]
    pub formal: super::export_formal::FormalArgs,
}

/// The formats as the command line spells them (export itself knows nothing of clap).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Md,
    Html,
    /// One file per table, written into a folder.
    Csv,
    Xlsx,
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Md => Format::Md,
            FormatArg::Html => Format::Html,
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

pub fn run(args: &ExportArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let format = args
        .format
        .map(Format::from)
        .or_else(|| Format::from_path(&args.output))
        .ok_or(CliError::NoFormat)?;
    let loaded = model::load_path(&args.session, lang).map_err(CliError::Session)?;
    let session = &loaded.session;
    let mut data = SummaryData::from_session(session, lang);
    let source = JournalSource::from_args(args.journal.as_deref(), args.journal_dir.as_deref());
    if let Some(JournalSource::Dir(dir)) = &source {
        let (f, cut) = journal_source::read(dir, session, lang)?;
        if !f.is_clean() || cut {
            return Err(CliError::FolderNotClean(dir.clone()).into());
        }
        data = data.with_tally(session, &f.tally, &f.head.to_hex(), lang);
    }
    if let Some(JournalSource::File(path)) = &source {
        let rec = Recorder::open_read_only(path, session).map_err(CliError::Journal)?;
        match rec.journal().status() {
            JournalStatus::Ok => {}
            JournalStatus::TornTailCut { .. } => say(&trf(
                lang,
                "export.cli.journal_torn",
                &[("path", &path.display().to_string())],
            )),
            // A summary is a record of the sitting: never made from a journal that fails
            // its own chain check.
            JournalStatus::Damaged { record, .. } => {
                return Err(CliError::Damaged {
                    path: path.clone(),
                    record: *record,
                }
                .into());
            }
        }
        data = data.with_tally(session, rec.tally(), &rec.journal().head().to_hex(), lang);
    }
    if let Some(path) = &args.notes {
        let file = NotesFile::read(path).map_err(CliError::Notes)?;
        if file.session_id != session.id {
            say(&trf(
                lang,
                "export.cli.notes_other_session",
                &[("notes", &file.session_id), ("session", &session.id)],
            ));
        }
        data = data.with_notes(session, &file, lang);
    }
    if let Some(which) = args.formal.document {
        return super::export_formal::run(which.into(), args, &data, format, lang);
    }
    if format == Format::Docx {
        return Err(
            CliError::Input(tr(lang, "export.cli.docx_needs_document").into_owned()).into(),
        );
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
    let path = export::write(&data, format, &args.output, &opts).map_err(CliError::Export)?;
    say_written(&mut std::io::stdout().lock(), &path, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// "Written: PATH", on standard output, for every file an export writes.
pub(super) fn say_written(
    out: &mut impl Write,
    path: &std::path::Path,
    lang: Lang,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        trf(
            lang,
            "export.cli.written",
            &[("path", &path.display().to_string())]
        )
    )
}
