//! `delegate-desk record`, `tally`, `verify`. (Owned by the journal work.)

use std::path::Path;
use std::process::ExitCode;

use crate::i18n::Lang;

#[derive(Debug, clap::Args)]
pub struct RecordArgs {}

pub fn run_record(_args: &RecordArgs, _lang: Lang) -> ExitCode {
    eprintln!("record: not built yet");
    ExitCode::from(2)
}

pub fn run_tally(_session: &Path, _journal: &Path, _json: bool, _lang: Lang) -> ExitCode {
    eprintln!("tally: not built yet");
    ExitCode::from(2)
}

pub fn run_verify(_journal: &Path, _lang: Lang) -> ExitCode {
    eprintln!("verify: not built yet");
    ExitCode::from(2)
}
