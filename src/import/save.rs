//! Saving a prepared sitting: rendered, checked exactly as `check` checks a file, and written
//! atomically, never over an existing file unless asked, never over one of its inputs.

use std::path::Path;

use super::sitting::Prepared;
use super::write_ron::render;
use crate::i18n::{Lang, trf};
use crate::model::{Diagnostic, LoadError, load_str};
use crate::storage::{write_atomic, write_atomic_new};

/// Why a prepared sitting was not saved. `Display` is English for logs; the user is shown
/// [`SaveError::message`].
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The output exists and overwriting was not asked for.
    #[error("{0}: already exists")]
    Exists(String),
    /// The output is one of the files the sitting was prepared from.
    #[error("{0}: is one of the inputs")]
    IsInput(String),
    /// The rendered file does not pass the checks (a defect of the importer).
    #[error("the prepared session does not pass its checks ({} findings)", .0.len())]
    Invalid(Vec<Diagnostic>),
    #[error("{path}: cannot write: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SaveError::Exists(p) => trf(lang, "import.cli.exists", &[("path", p)]),
            SaveError::IsInput(p) => trf(lang, "import.cli.input_is_output", &[("path", p)]),
            SaveError::Invalid(d) => {
                let mut s = trf(lang, "import.cli.invalid", &[]);
                for x in d {
                    s.push('\n');
                    s.push_str(&x.to_string());
                }
                s
            }
            SaveError::Io { path, source } => trf(
                lang,
                "import.cli.write_failed",
                &[("path", path), ("why", &source.to_string())],
            ),
        }
    }
}

/// Renders and checks `p`; returns the text and the warnings `check` would print.
pub fn render_checked(p: &Prepared, name: &str) -> Result<(String, Vec<Diagnostic>), SaveError> {
    let text = render(p);
    match load_str(name, &text, p.lang) {
        Ok(loaded) => Ok((text, loaded.warnings)),
        Err(LoadError::Invalid(d)) => Err(SaveError::Invalid(d)),
        Err(LoadError::Io { path, source }) => Err(SaveError::Io { path, source }),
    }
}

/// Writes the sitting to `out`. `inputs` are the files it was read from.
pub fn save(
    p: &Prepared,
    out: &Path,
    inputs: &[&Path],
    force: bool,
) -> Result<Vec<Diagnostic>, SaveError> {
    let shown = out.display().to_string();
    let same = |a: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == out,
    };
    if inputs.iter().any(|i| same(i)) {
        return Err(SaveError::IsInput(shown));
    }
    let (text, warnings) = render_checked(p, &shown)?;
    let written = if force {
        write_atomic(out, text.as_bytes())
    } else {
        write_atomic_new(out, text.as_bytes())
    };
    match written {
        Ok(()) => Ok(warnings),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(SaveError::Exists(shown)),
        Err(source) => Err(SaveError::Io {
            path: shown,
            source,
        }),
    }
}
