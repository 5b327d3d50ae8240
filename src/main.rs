//! The `delegate-desk` binary: subcommands, or the window.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = delegate_desk::cli::Cli::parse();
    if cli.command.is_some() {
        die_quietly_on_broken_pipe();
    }
    if let Some(code) = delegate_desk::cli::run(&cli) {
        return code;
    }
    delegate_desk::ui::run_window(&cli)
}

/// `delegate-desk tally … | head` should end quietly when `head` stops reading, as other
/// command-line tools do, instead of panicking inside `println!` (Rust ignores SIGPIPE).
fn die_quietly_on_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread is started
    // has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
