//! `delegate-desk generate`: a synthetic session, and optionally its journal and notes, for
//! measuring and testing at scale (`--preset national` is the NPC's size).
//!
//! Exit status as for every subcommand: 0 written; 1 the parameters cannot make a session or
//! a file already exists without `--force`; 2 a file could not be written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::CliError;
use crate::generate::{self, Params};
use crate::i18n::{Lang, trf};

/// Sizes to start from; any number given on the command line overrides the preset's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    /// 2,977 delegates, 35 delegations, 300 sections (≈600,000 characters), 300 indicators,
    /// 60 motions, 12 stops, 5,000 notes.
    National,
    /// About a town congress: 107 delegates, 6 groups, 20 sections.
    Town,
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Start from these sizes (default: town).
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
    /// Delegates on the roster (= seats).
    #[arg(long)]
    pub delegates: Option<u32>,
    /// Delegations (代表团 / 代表小组).
    #[arg(long)]
    pub groups: Option<u32>,
    /// Report sections, ten paragraphs (≈2,000 characters) each.
    #[arg(long)]
    pub sections: Option<u32>,
    /// Indicators (every fourth slot is a rate with its two counts).
    #[arg(long)]
    pub indicators: Option<u32>,
    /// Motions, all roll-call.
    #[arg(long)]
    pub motions: Option<u32>,
    /// Inspection stops.
    #[arg(long)]
    pub stops: Option<u32>,
    /// Also write a journal: full attendance and a roll call of everyone on every motion.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
    /// Also write this many notes (the preset's count when only --notes-out is given).
    #[arg(long, value_name = "N")]
    pub notes: Option<u32>,
    /// Where to write the notes (default: the output name with `.notes.json`).
    #[arg(long, value_name = "FILE")]
    pub notes_out: Option<PathBuf>,
    /// The same seed gives byte-identical files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Session file to write (.ron).
    #[arg(long = "output", short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

impl GenerateArgs {
    /// The preset's sizes with the command line's numbers on top.
    pub fn params(&self) -> Params {
        let base = match self.preset {
            Some(Preset::National) => Params::NATIONAL,
            Some(Preset::Town) | None => Params::TOWN,
        };
        Params {
            delegates: self.delegates.unwrap_or(base.delegates),
            groups: self.groups.unwrap_or(base.groups),
            sections: self.sections.unwrap_or(base.sections),
            indicators: self.indicators.unwrap_or(base.indicators),
            motions: self.motions.unwrap_or(base.motions),
            stops: self.stops.unwrap_or(base.stops),
            notes: self.notes.unwrap_or(base.notes),
            election: base.election,
            seed: self.seed,
        }
    }

    fn notes_path(&self) -> Option<PathBuf> {
        if self.notes.is_none() && self.notes_out.is_none() {
            return None;
        }
        Some(
            self.notes_out
                .clone()
                .unwrap_or_else(|| self.output.with_extension("notes.json")),
        )
    }
}

pub fn run(args: &GenerateArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let p = args.params();
    if p.delegates == 0 || p.sections == 0 {
        return Err(CliError::EmptySession.into());
    }
    let notes_path = args.notes_path();
    let targets: Vec<&Path> = std::iter::once(args.output.as_path())
        .chain(args.journal.as_deref())
        .chain(notes_path.as_deref())
        .collect();
    // Refuse before doing any work, so nothing is half-written.
    if !args.force
        && let Some(t) = targets.iter().find(|t| t.exists())
    {
        return Err(CliError::Exists(t.to_path_buf()).into());
    }

    let session = generate::session(&p);
    let text =
        generate::session_ron(&session, &p).map_err(|e| CliError::Serialize(e.to_string()))?;
    // The generator promises a valid session; check it as `check` would before writing.
    crate::model::load_str(&args.output.display().to_string(), &text, lang)
        .map_err(CliError::Session)?;
    write(&args.output, text.as_bytes(), args.force)?;
    let mut out = std::io::stdout().lock();
    let chars: usize = session
        .paragraphs()
        .map(|(_, _, t)| t.chars().count())
        .sum();
    writeln!(
        out,
        "{}",
        trf(
            lang,
            "generate.wrote_session",
            &[
                ("path", &args.output.display().to_string()),
                ("delegates", &p.delegates.to_string()),
                ("groups", &p.groups.to_string()),
                ("chars", &chars.to_string()),
                ("indicators", &p.indicators.to_string()),
                ("motions", &p.motions.to_string()),
                ("stops", &p.stops.to_string()),
            ]
        )
    )?;

    if let Some(path) = &args.journal {
        let records = generate::journal_records(&session, p.seed);
        write(path, &generate::journal_bytes(&records), args.force)?;
        writeln!(
            out,
            "{}",
            trf(
                lang,
                "generate.wrote_journal",
                &[
                    ("path", &path.display().to_string()),
                    ("records", &records.len().to_string()),
                ]
            )
        )?;
    }
    if let Some(path) = &notes_path {
        let file = generate::notes(&session, p.notes, p.seed);
        write(path, &file.to_bytes(), args.force)?;
        writeln!(
            out,
            "{}",
            trf(
                lang,
                "generate.wrote_notes",
                &[
                    ("path", &path.display().to_string()),
                    ("notes", &file.notes.len().to_string()),
                ]
            )
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    let result = if force {
        crate::storage::write_atomic(path, bytes)
    } else {
        crate::storage::write_atomic_new(path, bytes)
    };
    result.map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        source,
    })
}
