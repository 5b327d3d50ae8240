//! `delegate-desk check FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::i18n::Lang;
use crate::model::{LoadError, Severity, load_path};

/// Checks each file; prints every diagnostic to stderr, a one-line verdict per good file.
pub fn run(files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut errors = false;
    let mut unreadable = false;
    for f in files {
        match load_path(f, lang) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    eprintln!("{w}");
                }
                println!("{}: ok ({} warning(s))", f.display(), loaded.warnings.len());
            }
            Err(e @ LoadError::Io { .. }) => {
                // Display already says which file and why.
                unreadable = true;
                eprintln!("{e}");
            }
            Err(LoadError::Invalid(diags)) => {
                for d in &diags {
                    eprintln!("{d}");
                    errors |= d.severity == Severity::Error;
                }
            }
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
