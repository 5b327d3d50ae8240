//! `delegate-desk export`. (Owned by the export work.)

use std::process::ExitCode;

use crate::i18n::Lang;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {}

pub fn run(_args: &ExportArgs, _lang: Lang) -> ExitCode {
    eprintln!("export: not built yet");
    ExitCode::from(2)
}
