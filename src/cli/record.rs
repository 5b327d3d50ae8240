//! `delegate-desk record`, `tally`, `verify`: the same journal code as the votes view.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::journal_source::{self, JournalSource};
use super::{ActionSpecError, CliError, say};
use crate::i18n::{Lang, tr, trf};
use crate::journal::{
    Action, Choice, GENESIS, JournalStatus, Mark, Planned, Record, RecordError, Recorder, Tally,
    TallyReport, check_steps, default_path, verify_file,
};
use crate::model::{Loaded, Session, load_path};

/// Append records to a vote journal.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "ACTIONS (applied in the order given; all are checked before any is written):
  --present ID...            mark delegates present (出席)
  --leave ID...              mark delegates on leave (请假)
  --absent ID...             mark delegates absent (缺席)
  --rest-absent              mark every delegate not yet marked absent
  --open MOTION              open a motion
  --vote MOTION ID CHOICE    roll-call vote; CHOICE is yes, no or abstain
  --counts MOTION YES NO ABSTAIN [INVALID]
                             totals of a show of hands or secret ballot
  --close MOTION             close a motion (freezes attendance and verdict)
  --reopen MOTION REASON     reopen a closed motion, with a reason
  --undo                     undo the most recent record still in effect"
)]
pub struct RecordArgs {
    /// Session file (.ron).
    pub session: PathBuf,
    /// Journal file (default: the session's journal in the user data folder).
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// A sitting's folder shared by a sync engine: the records go to this secretary's own
    /// journal in it, checked against every journal of the session there.
    #[arg(long, conflicts_with = "journal")]
    pub journal_dir: Option<PathBuf>,
    /// With --journal-dir: recover a sync engine's conflict copy's records (into a new
    /// journal of the folder; the copy is left for a person to delete).
    #[arg(long, requires = "journal_dir")]
    pub adopt: Option<PathBuf>,
    /// The secretary's name, written into every record.
    #[arg(long)]
    pub secretary: Option<String>,
    /// Actions: see below.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ACTION"
    )]
    pub actions: Vec<String>,
}

/// The command line after the session file, parsed in order.
#[derive(Debug, Default, PartialEq, Eq)]
struct Parsed {
    journal: Option<PathBuf>,
    journal_dir: Option<PathBuf>,
    adopt: Option<PathBuf>,
    secretary: Option<String>,
    steps: Vec<(String, Planned)>,
}

/// Parses actions in their command-line order. `--journal` and `--secretary` may also
/// appear among them.
fn parse_actions(tokens: &[String]) -> Result<Parsed, ActionSpecError> {
    let mut p = Parsed::default();
    let mut i = 0;
    // The values after an option, up to the next `--option`.
    let values = |i: usize| -> Vec<&String> {
        tokens[i + 1..]
            .iter()
            .take_while(|t| !t.starts_with("--"))
            .collect()
    };
    while i < tokens.len() {
        let flag = tokens[i].as_str();
        let vals = values(i);
        let need = |n: usize| -> Result<(), ActionSpecError> {
            if vals.len() < n {
                Err(ActionSpecError::TooFew {
                    flag: flag.into(),
                    n,
                })
            } else {
                Ok(())
            }
        };
        let mut used = vals.len();
        let step = match flag {
            "--present" | "--leave" | "--absent" => {
                need(1)?;
                let mark = match flag {
                    "--present" => Mark::Present,
                    "--leave" => Mark::Leave,
                    _ => Mark::Absent,
                };
                Some(Planned::Act(Action::Attendance {
                    mark,
                    delegates: vals.iter().map(|s| s.as_str().into()).collect(),
                }))
            }
            "--rest-absent" => {
                used = 0;
                Some(Planned::MarkRest(Mark::Absent))
            }
            "--undo" => {
                used = 0;
                Some(Planned::UndoLast)
            }
            "--open" | "--close" => {
                need(1)?;
                used = 1;
                let motion = vals[0].as_str().into();
                Some(Planned::Act(if flag == "--open" {
                    Action::Open { motion }
                } else {
                    Action::Close { motion }
                }))
            }
            "--reopen" => {
                need(2)?;
                used = vals.len();
                Some(Planned::Act(Action::Reopen {
                    motion: vals[0].as_str().into(),
                    reason: vals[1..]
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                }))
            }
            "--vote" => {
                need(3)?;
                used = 3;
                let choice = Choice::parse(vals[2])
                    .ok_or_else(|| ActionSpecError::Choice(vals[2].clone()))?;
                Some(Planned::Act(Action::Vote {
                    motion: vals[0].as_str().into(),
                    delegate: vals[1].as_str().into(),
                    choice,
                }))
            }
            "--counts" => {
                need(4)?;
                used = vals.len().min(5);
                let n = |s: &String| -> Result<u32, ActionSpecError> {
                    s.parse::<u32>()
                        .map_err(|_| ActionSpecError::Count(s.clone()))
                };
                Some(Planned::Act(Action::Counts {
                    motion: vals[0].as_str().into(),
                    yes: n(vals[1])?,
                    no: n(vals[2])?,
                    abstain: n(vals[3])?,
                    invalid: match vals.get(4) {
                        Some(v) => n(v)?,
                        None => 0,
                    },
                }))
            }
            "--journal" | "--journal-dir" | "--adopt" | "--secretary" => {
                need(1)?;
                used = 1;
                match flag {
                    "--journal" => p.journal = Some(PathBuf::from(vals[0])),
                    "--journal-dir" => p.journal_dir = Some(PathBuf::from(vals[0])),
                    "--adopt" => p.adopt = Some(PathBuf::from(vals[0])),
                    _ => p.secretary = Some(vals[0].clone()),
                }
                None
            }
            other => return Err(ActionSpecError::Unknown(other.into())),
        };
        if vals.len() > used {
            return Err(ActionSpecError::Unexpected {
                flag: flag.into(),
                value: vals[used].clone(),
            });
        }
        if let Some(s) = step {
            p.steps.push((tokens[i..=i + used].join(" "), s));
        }
        i += 1 + used;
    }
    Ok(p)
}

fn load_session(path: &Path, lang: Lang) -> Result<Loaded, CliError> {
    load_path(path, lang).map_err(CliError::Session)
}

fn warn_status(path: &Path, status: &JournalStatus, lang: Lang) {
    let p = path.display().to_string();
    match status {
        JournalStatus::Ok => {}
        JournalStatus::TornTailCut { bytes } => say(&trf(
            lang,
            "journal.file.torn_tail",
            &[("path", &p), ("bytes", &bytes.to_string())],
        )),
        JournalStatus::Damaged { record, reason } => say(&trf(
            lang,
            "journal.file.damaged",
            &[
                ("path", &p),
                ("record", &record.to_string()),
                ("reason", reason),
            ],
        )),
    }
}

/// The journal `record` writes: `--journal-dir` (this secretary's own file in the folder),
/// `--journal`, or the session's default journal; options among the actions win.
fn record_source(args: &RecordArgs, parsed: &Parsed, session: &Session) -> JournalSource {
    let dir = parsed.journal_dir.as_ref().or(args.journal_dir.as_ref());
    let file = parsed.journal.as_ref().or(args.journal.as_ref());
    JournalSource::from_args(file.map(PathBuf::as_path), dir.map(PathBuf::as_path))
        .unwrap_or_else(|| JournalSource::File(default_path(session)))
}

pub fn run_record(args: &RecordArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let parsed = parse_actions(&args.actions).map_err(CliError::Actions)?;
    let adopt = parsed.adopt.as_ref().or(args.adopt.as_ref());
    if parsed.steps.is_empty() && adopt.is_none() {
        return Err(CliError::NoActions.into());
    }
    let loaded = load_session(&args.session, lang)?;
    let session = &loaded.session;
    let secretary = parsed
        .secretary
        .clone()
        .or_else(|| args.secretary.clone())
        .unwrap_or_default();
    let journal = match record_source(args, &parsed, session) {
        JournalSource::Dir(dir) => {
            if let Some(copy) = adopt {
                return journal_source::run_adopt(&dir, session, copy, &secretary, lang);
            }
            let steps: Vec<Planned> = parsed.steps.iter().map(|(_, s)| s.clone()).collect();
            let mut out = io::stdout().lock();
            let mut printed = Ok(());
            journal_source::record(&dir, session, &secretary, &steps, lang, |r| {
                if printed.is_ok() {
                    printed = writeln!(out, "{}", recorded_line(r, lang));
                }
            })?
            .map_err(|(i, e)| refused(&parsed, i, e))?;
            printed?;
            return Ok(ExitCode::SUCCESS);
        }
        JournalSource::File(_) if adopt.is_some() => {
            return Err(CliError::AdoptNeedsDir.into());
        }
        JournalSource::File(f) => f,
    };
    let steps: Vec<Planned> = parsed.steps.iter().map(|(_, s)| s.clone()).collect();
    if !journal.exists() {
        // Check before creating the file, so a refused batch leaves no new journal behind.
        let fresh = Tally::new(session);
        if let Err((i, e)) = check_steps(&fresh, 1, GENESIS, &secretary, &steps) {
            return Err(refused(&parsed, i, RecordError::Refused(e)).into());
        }
    }
    let mut rec =
        Recorder::open_for_writing(&journal, session, &secretary).map_err(CliError::Journal)?;
    warn_status(&journal, rec.journal().status(), lang);
    let mut out = io::stdout().lock();
    let mut printed = Ok(());
    let result = rec.record_batch(&secretary, &steps, |r| {
        // Printed only once the record is fsynced: whatever is printed is on disk. A reader
        // that went away does not stop the batch, which was checked whole before any of it
        // was written.
        if printed.is_ok() {
            printed = writeln!(out, "{}", recorded_line(r, lang));
        }
    });
    result.map_err(|(i, e)| refused(&parsed, i, e))?;
    printed?;
    Ok(ExitCode::SUCCESS)
}

/// What is printed once a record is on disk.
fn recorded_line(r: &Record, lang: Lang) -> String {
    trf(
        lang,
        "journal.cli.recorded",
        &[("seq", &r.seq.to_string()), ("hash", &r.hash.to_hex())],
    )
}

fn refused(parsed: &Parsed, i: usize, source: RecordError) -> CliError {
    CliError::Refused {
        n: i + 1,
        what: parsed
            .steps
            .get(i)
            .map_or_else(String::new, |(w, _)| w.clone()),
        source,
    }
}

pub fn run_tally(
    session: &Path,
    source: &JournalSource,
    json: bool,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let loaded = load_session(session, lang)?;
    let (report, folder, good) = match source {
        JournalSource::File(journal) => {
            let rec =
                Recorder::open_read_only(journal, &loaded.session).map_err(CliError::Journal)?;
            let status = rec.journal().status();
            warn_status(journal, status, lang);
            let report = TallyReport::new(
                rec.tally(),
                &rec.journal().head().to_hex(),
                journal_source::status_name(status),
                lang,
            );
            // The tally of a damaged journal is printed (up to the damage) but is not a good one.
            let good = !matches!(status, JournalStatus::Damaged { .. });
            (report, None, good)
        }
        JournalSource::Dir(dir) => {
            let f = journal_source::read(dir, &loaded.session, lang)?;
            let report = TallyReport::new(
                &f.tally,
                &f.head.to_hex(),
                journal_source::folder_status(&f),
                lang,
            );
            let folder = journal_source::FolderReport::new(&f, &loaded.session, lang);
            // Printed, but not a tally to rely on until every warning is dealt with.
            (report, Some(folder), f.is_clean())
        }
    };
    let mut out = io::stdout().lock();
    if json {
        #[derive(serde::Serialize)]
        struct WithFolder<'a> {
            #[serde(flatten)]
            report: &'a TallyReport,
            #[serde(skip_serializing_if = "Option::is_none")]
            folder: Option<&'a journal_source::FolderReport>,
        }
        let both = WithFolder {
            report: &report,
            folder: folder.as_ref(),
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&both)?)?;
    } else {
        print_text(&mut out, &report, lang)?;
    }
    Ok(if good {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_text(out: &mut impl Write, r: &TallyReport, lang: Lang) -> io::Result<()> {
    let a = &r.attendance;
    let s = |n: u32| n.to_string();
    writeln!(
        out,
        "{}",
        trf(
            lang,
            "journal.cli.attendance",
            &[
                ("seated", &s(a.seated)),
                ("present", &s(a.present)),
                ("leave", &s(a.leave)),
                ("absent", &s(a.absent)),
                ("unmarked", &s(a.unmarked)),
            ]
        )
    )?;
    let required = a
        .quorum_required
        .map_or_else(|| tr(lang, "journal.verdict.unreachable").into_owned(), s);
    let key = if a.quorate {
        "journal.cli.quorate"
    } else {
        "journal.cli.not_quorate"
    };
    writeln!(out, "{}", trf(lang, key, &[("required", &required)]))?;
    for m in &r.motions {
        writeln!(
            out,
            "{}",
            trf(
                lang,
                "journal.cli.motion",
                &[
                    ("id", &m.id),
                    ("title", &m.title),
                    (
                        "method",
                        &tr(lang, &format!("journal.method.{:?}", m.method))
                    ),
                    ("state", &tr(lang, &format!("journal.state.{:?}", m.state))),
                ]
            )
        )?;
        writeln!(
            out,
            "{}",
            trf(
                lang,
                "journal.cli.counts",
                &[
                    ("yes", &s(m.yes)),
                    ("no", &s(m.no)),
                    ("abstain", &s(m.abstain)),
                    ("invalid", &s(m.invalid)),
                    ("not_voting", &s(m.not_voting)),
                ]
            )
        )?;
        let required = m
            .required
            .map_or_else(|| tr(lang, "journal.verdict.unreachable").into_owned(), s);
        writeln!(
            out,
            "{}",
            trf(
                lang,
                "journal.cli.threshold",
                &[
                    ("rule", &m.rule),
                    ("base", &s(m.base)),
                    ("required", &required),
                    (
                        "verdict",
                        &tr(lang, &format!("journal.verdict.{:?}", m.verdict))
                    ),
                ]
            )
        )?;
    }
    Ok(())
}

/// Verifies the chain. A broken chain is the answer, printed with the first bad record,
/// exit 1; a file that is no journal at all is an error.
pub fn run_verify(journal: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    let s = verify_file(journal).map_err(|source| CliError::Read {
        path: journal.to_path_buf(),
        source,
    })?;
    let mut out = io::stdout().lock();
    match &s.status {
        JournalStatus::Damaged { record, reason } => {
            writeln!(
                out,
                "{}",
                trf(
                    lang,
                    "journal.cli.verify_bad",
                    &[
                        ("record", &record.to_string()),
                        ("line", &(record + 1).to_string()),
                        ("reason", reason),
                    ]
                )
            )?;
            Ok(ExitCode::from(1))
        }
        _ if s.count == 0 => Err(CliError::NotAJournal(journal.to_path_buf()).into()),
        status => {
            warn_status(journal, status, lang);
            writeln!(
                out,
                "{}",
                trf(
                    lang,
                    "journal.cli.verify_ok",
                    &[
                        ("records", &s.count.to_string()),
                        ("hash", &s.head.to_hex())
                    ]
                )
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn actions_keep_their_command_line_order() {
        let p = parse_actions(&toks(
            "--present d001 d002 --open m1 --counts m1 1 0 0 --absent d003 --close m1 --secretary 王",
        ))
        .unwrap();
        let names: Vec<&str> = p.steps.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            names,
            [
                "--present d001 d002",
                "--open m1",
                "--counts m1 1 0 0",
                "--absent d003",
                "--close m1"
            ]
        );
        assert_eq!(p.secretary.as_deref(), Some("王"));
    }

    #[test]
    fn negative_or_missing_counts_are_refused() {
        assert!(parse_actions(&toks("--counts m1 -1 0 0")).is_err());
        assert!(parse_actions(&toks("--counts m1 1 0")).is_err());
        assert!(parse_actions(&toks("--vote m1 d001 maybe")).is_err());
        assert!(parse_actions(&toks("--open m1 m2")).is_err());
        assert!(parse_actions(&toks("--frobnicate")).is_err());
    }
}
