//! The `delegate-desk` binary: subcommands, or the window.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = delegate_desk::cli::Cli::parse();
    if let Some(code) = delegate_desk::cli::run(&cli) {
        return code;
    }
    delegate_desk::ui::run_window(&cli)
}
