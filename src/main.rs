//! The `delegate-desk` binary: subcommands, or the window.

use std::process::ExitCode;

use clap::Parser;
use delegate_desk::cli::{self, Cli, CliError};

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) => return cli::usage(&e),
    };
    match run(&args) {
        Ok(code) => code,
        Err(e) => cli::report(&e, args.lang()),
    }
}

fn run(args: &Cli) -> anyhow::Result<ExitCode> {
    match &args.command {
        Some(command) => cli::run(command, args.lang()),
        None => {
            delegate_desk::ui::run_window(args.start())
                .map_err(|e| CliError::Window(e.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
