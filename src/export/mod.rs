//! Session summaries as Markdown, HTML, CSV, XLSX or PDF.
//!
//! The summary is plain data ([`SummaryData`]): filled from the session with
//! [`SummaryData::from_session`], then from a vote journal and the delegate's notes. Each format
//! renders that one structure; [`render`] gives bytes, [`write`] puts them on disk atomically.
//!
//! Output is deterministic: the same data and options give byte-identical files. A
//! generation time appears only when [`Options::stamp`] is set. Nothing is written over an
//! existing file unless [`Options::force`] is set, and a failed export leaves no partial file.
//! Everything here is plain Rust, safe to call from a background thread.

mod csv;
mod doc;
mod from_journal;
mod from_notes;
mod html;
mod markdown;
mod pdf;
pub mod summary;
pub mod tables;
mod xlsx;

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, trf};

pub use summary::SummaryData;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Md,
    Html,
    /// One file per table, written into a folder.
    Csv,
    Xlsx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Html,
        Format::Csv,
        Format::Xlsx,
        Format::Pdf,
    ];

    /// The file extension; CSV's is that of each file in the folder.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }

    /// Guesses the format from an output path's extension (`.md`, `.markdown`, `.html`,
    /// `.htm`, `.xlsx`, `.pdf`); a path without one of these is not guessed.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "xlsx" => Some(Format::Xlsx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// Whether the output is a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self == Format::Csv
    }
}

/// How to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The language of labels and headings.
    pub lang: Lang,
    /// Replace existing files.
    pub force: bool,
    /// A generation time to print (e.g. "2017-09-21 18:00 +08:00"); None keeps output
    /// byte-identical across runs.
    pub stamp: Option<String>,
    /// The files the summary was made from (session, journal, notes): never written over,
    /// `force` or not.
    pub inputs: Vec<PathBuf>,
}

/// What a format produced: one file, or named files for a folder (CSV).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rendered {
    File(Vec<u8>),
    Files(Vec<(String, Vec<u8>)>),
}

/// Why an export failed. Nothing was written, except where [`ExportError::Partial`] says.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}: already exists (use --force to replace it)")]
    Exists(PathBuf),
    /// The output is one of the export's own inputs (the journal, the session, the notes).
    #[error("{0}: is an input of this export and is never written over")]
    OwnInput(PathBuf),
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A CSV folder export failed after some files were moved into place; the files listed
    /// are complete, the others untouched.
    #[error("{dir}: stopped after writing {done:?}: {source}")]
    Partial {
        dir: PathBuf,
        done: Vec<String>,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot build the spreadsheet: {0}")]
    Xlsx(String),
    #[error("cannot build the PDF: {0}")]
    Pdf(String),
}

impl ExportError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::Exists(p) => trf(
                lang,
                "export.err.exists",
                &[("path", &p.display().to_string())],
            ),
            ExportError::OwnInput(p) => trf(
                lang,
                "export.err.own_input",
                &[("path", &p.display().to_string())],
            ),
            ExportError::Io { path, source } => trf(
                lang,
                "export.err.io",
                &[
                    ("path", &path.display().to_string()),
                    ("error", &source.to_string()),
                ],
            ),
            ExportError::Partial { dir, done, source } => trf(
                lang,
                "export.err.partial",
                &[
                    ("path", &dir.display().to_string()),
                    ("done", &done.join(", ")),
                    ("error", &source.to_string()),
                ],
            ),
            ExportError::Xlsx(e) => trf(lang, "export.err.xlsx", &[("error", e)]),
            ExportError::Pdf(e) => trf(lang, "export.err.pdf", &[("error", e)]),
        }
    }
}

/// Renders the summary in memory.
pub fn render(data: &SummaryData, format: Format, opts: &Options) -> Result<Rendered, ExportError> {
    render_with_progress(data, format, opts, &mut |_| {})
}

/// Like [`render`], calling `progress` with a fraction in 0..=1 as work advances (the PDF
/// reports per page; the fast formats only at the start and end).
pub fn render_with_progress(
    data: &SummaryData,
    format: Format,
    opts: &Options,
    progress: &mut dyn FnMut(f32),
) -> Result<Rendered, ExportError> {
    progress(0.0);
    let lang = opts.lang;
    let out = match format {
        Format::Csv => Rendered::Files(csv::render(data, lang)),
        Format::Xlsx => Rendered::File(xlsx::render(data, lang, opts.stamp.as_deref())?),
        Format::Md | Format::Html | Format::Pdf => {
            let doc = doc::build(data, lang, opts.stamp.as_deref());
            Rendered::File(match format {
                Format::Md => markdown::render(&doc).into_bytes(),
                Format::Html => html::render(&doc).into_bytes(),
                _ => pdf::render(&doc, progress)?,
            })
        }
    };
    progress(1.0);
    Ok(out)
}

/// Renders and writes the summary to `out` (a file, or for CSV a folder, created if
/// missing). Returns the path written.
pub fn write(
    data: &SummaryData,
    format: Format,
    out: &Path,
    opts: &Options,
) -> Result<PathBuf, ExportError> {
    write_with_progress(data, format, out, opts, &mut |_| {})
}

/// Like [`write`], reporting progress as [`render_with_progress`] does.
pub fn write_with_progress(
    data: &SummaryData,
    format: Format,
    out: &Path,
    opts: &Options,
    progress: &mut dyn FnMut(f32),
) -> Result<PathBuf, ExportError> {
    // Refuse before doing the work; the atomic write below refuses again if a file
    // appears meanwhile.
    refuse_own_inputs(data, format, out, opts)?;
    if format.is_folder() {
        if !opts.force {
            csv::check_targets(data, opts.lang, out)?;
        }
    } else if !opts.force && out.exists() {
        return Err(ExportError::Exists(out.to_path_buf()));
    }
    match render_with_progress(data, format, opts, progress)? {
        Rendered::File(bytes) => write_file(out, &bytes, opts.force)?,
        Rendered::Files(files) => csv::write_folder(out, &files, opts.force)?,
    }
    Ok(out.to_path_buf())
}

/// An export never writes over a file it was made from, `--force` or not: the output (or,
/// for CSV, any file it writes into its folder) must not be one of `opts.inputs`.
fn refuse_own_inputs(
    data: &SummaryData,
    format: Format,
    out: &Path,
    opts: &Options,
) -> Result<(), ExportError> {
    let targets: Vec<PathBuf> = if format.is_folder() {
        let mut t = vec![out.to_path_buf()];
        t.extend(csv::target_paths(data, opts.lang, out));
        t
    } else {
        vec![out.to_path_buf()]
    };
    for target in &targets {
        if opts.inputs.iter().any(|i| same_file(i, target)) {
            return Err(ExportError::OwnInput(target.clone()));
        }
    }
    Ok(())
}

/// Whether `a` and `b` name the same existing file (through links, `..`, another spelling).
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (ma.dev(), ma.ino()) == (mb.dev(), mb.ino()) {
            return true;
        }
    }
    let _ = (ma, mb);
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    let result = if force {
        crate::storage::write_atomic(path, bytes)
    } else {
        crate::storage::write_atomic_new(path, bytes)
    };
    result.map_err(|source| io_error(path, source))?;
    // The temporary file was created private (0600); a summary is meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    Ok(())
}

fn io_error(path: &Path, source: std::io::Error) -> ExportError {
    // "Already exists" also comes from creating a folder where a file is; only the target
    // itself existing means "use --force".
    if source.kind() == std::io::ErrorKind::AlreadyExists && path.exists() {
        ExportError::Exists(path.to_path_buf())
    } else {
        ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
