//! `delegate-desk generate`. (Owned by the scale work.)

use std::process::ExitCode;

use crate::i18n::Lang;

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {}

pub fn run(_args: &GenerateArgs, _lang: Lang) -> ExitCode {
    eprintln!("generate: not built yet");
    ExitCode::from(2)
}
