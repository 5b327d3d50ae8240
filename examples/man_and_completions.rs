//! Writes the man pages and the bash, zsh and fish completions that the .deb installs, from
//! the same clap definitions the binary parses its arguments with, so they cannot disagree:
//!
//!     cargo run --example man_and_completions -- target/dist-files
//!
//! `.ci/package` runs it before `cargo deb`; `[package.metadata.deb]` in Cargo.toml picks the
//! files up from `target/dist-files/`. An example rather than a subcommand keeps clap_mangen and
//! clap_complete out of the installed binary.

use std::path::PathBuf;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

fn main() -> anyhow::Result<()> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: man_and_completions OUT_DIR")?;
    let man = out.join("man");
    let completions = out.join("completions");
    for dir in [&man, &completions] {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }

    let mut cmd = delegate_desk::cli::Cli::command();
    // delegate-desk.1 and one page per subcommand (delegate-desk-check.1, …).
    clap_mangen::generate_to(cmd.clone(), &man)
        .with_context(|| format!("writing man pages to {}", man.display()))?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let path = clap_complete::generate_to(shell, &mut cmd, "delegate-desk", &completions)
            .with_context(|| format!("writing {shell} completions to {}", completions.display()))?;
        println!("{}", path.display());
    }
    println!("{}", man.display());
    Ok(())
}
