//! `delegate-desk check FILE...`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CliError;
use crate::i18n::Lang;
use crate::model::{LoadError, Severity, load_path};

/// Checks each file; prints every diagnostic to stderr, a one-line verdict per good file.
/// The diagnostics are the answer, not an error of the command: every file is checked, and
/// the code is 2 if one could not be read, else 1 if one has errors.
pub fn run(files: &[PathBuf], lang: Lang) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let mut errors = false;
    let mut unreadable = false;
    for f in files {
        match load_path(f, lang) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    writeln!(err, "{w}")?;
                }
                writeln!(
                    out,
                    "{}: ok ({} warning(s))",
                    f.display(),
                    loaded.warnings.len()
                )?;
            }
            Err(e @ LoadError::Io { .. }) => {
                unreadable = true;
                super::say(&CliError::Session(e).message(lang));
            }
            Err(LoadError::Invalid(diags)) => {
                for d in &diags {
                    writeln!(err, "{d}")?;
                    errors |= d.severity == Severity::Error;
                }
            }
        }
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
