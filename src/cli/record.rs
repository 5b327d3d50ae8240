//! `delegate-desk record`, `tally`, `verify`: the same journal code as the votes view.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{
    Action, Choice, GENESIS, JournalStatus, Mark, Planned, RecordError, Recorder, Tally,
    TallyReport, check_steps, default_path, verify_file,
};
use crate::model::{Loaded, load_path};

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
    secretary: Option<String>,
    steps: Vec<(String, Planned)>,
}

/// Parses actions in their command-line order. `--journal` and `--secretary` may also
/// appear among them. Errors are plain messages for the user.
fn parse_actions(tokens: &[String]) -> Result<Parsed, String> {
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
        let need = |n: usize| -> Result<(), String> {
            if vals.len() < n {
                Err(format!("{flag} needs {n} value(s)"))
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
                    .ok_or_else(|| format!("--vote: {:?} is not yes, no or abstain", vals[2]))?;
                Some(Planned::Act(Action::Vote {
                    motion: vals[0].as_str().into(),
                    delegate: vals[1].as_str().into(),
                    choice,
                }))
            }
            "--counts" => {
                need(4)?;
                used = vals.len().min(5);
                let n = |s: &String| -> Result<u32, String> {
                    s.parse::<u32>().map_err(|_| {
                        format!("--counts: {s:?} is not a whole number of votes (0 or more)")
                    })
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
            "--journal" | "--secretary" => {
                need(1)?;
                used = 1;
                if flag == "--journal" {
                    p.journal = Some(PathBuf::from(vals[0]));
                } else {
                    p.secretary = Some(vals[0].clone());
                }
                None
            }
            other => return Err(format!("unknown action {other:?}")),
        };
        if vals.len() > used {
            return Err(format!("{flag}: unexpected {:?}", vals[used]));
        }
        if let Some(s) = step {
            p.steps.push((tokens[i..=i + used].join(" "), s));
        }
        i += 1 + used;
    }
    Ok(p)
}

fn load_session(path: &Path, lang: Lang) -> Result<Loaded, ExitCode> {
    load_path(path, lang).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })
}

fn warn_status(path: &Path, status: &JournalStatus, lang: Lang) {
    let p = path.display().to_string();
    match status {
        JournalStatus::Ok => {}
        JournalStatus::TornTailCut { bytes } => eprintln!(
            "{}",
            trf(
                lang,
                "journal.file.torn_tail",
                &[("path", &p), ("bytes", &bytes.to_string())]
            )
        ),
        JournalStatus::Damaged { record, reason } => eprintln!(
            "{}",
            trf(
                lang,
                "journal.file.damaged",
                &[
                    ("path", &p),
                    ("record", &record.to_string()),
                    ("reason", reason)
                ]
            )
        ),
    }
}

pub fn run_record(args: &RecordArgs, lang: Lang) -> ExitCode {
    let parsed = match parse_actions(&args.actions) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", trf(lang, "journal.cli.usage", &[("error", &e)]));
            return ExitCode::from(1);
        }
    };
    if parsed.steps.is_empty() {
        eprintln!("{}", tr(lang, "journal.cli.no_actions"));
        return ExitCode::from(1);
    }
    let loaded = match load_session(&args.session, lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let session = &loaded.session;
    let journal = parsed
        .journal
        .clone()
        .or_else(|| args.journal.clone())
        .unwrap_or_else(|| default_path(session));
    let secretary = parsed
        .secretary
        .clone()
        .or_else(|| args.secretary.clone())
        .unwrap_or_default();
    let steps: Vec<Planned> = parsed.steps.iter().map(|(_, s)| s.clone()).collect();
    if !journal.exists() {
        // Check before creating the file, so a refused batch leaves no new journal behind.
        let fresh = Tally::new(session);
        if let Err((i, e)) = check_steps(&fresh, 1, GENESIS, &secretary, &steps) {
            refused(&parsed, i, &RecordError::Refused(e), lang);
            return ExitCode::from(1);
        }
    }
    let mut rec = match Recorder::open_for_writing(&journal, session, &secretary) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            return ExitCode::from(1);
        }
    };
    warn_status(&journal, rec.journal().status(), lang);
    let result = rec.record_batch(&secretary, &steps, |r| {
        // Printed only once the record is fsynced: whatever is printed is on disk.
        println!(
            "{}",
            trf(
                lang,
                "journal.cli.recorded",
                &[("seq", &r.seq.to_string()), ("hash", &r.hash.to_hex())]
            )
        );
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((i, e)) => {
            refused(&parsed, i, &e, lang);
            ExitCode::from(1)
        }
    }
}

fn refused(parsed: &Parsed, i: usize, e: &RecordError, lang: Lang) {
    let what = parsed.steps.get(i).map_or("", |(w, _)| w.as_str());
    eprintln!(
        "{}",
        trf(
            lang,
            "journal.cli.refused",
            &[
                ("n", &(i + 1).to_string()),
                ("what", what),
                ("error", &e.message(lang))
            ]
        )
    );
}

pub fn run_tally(session: &Path, journal: &Path, json: bool, lang: Lang) -> ExitCode {
    let loaded = match load_session(session, lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let rec = match Recorder::open_read_only(journal, &loaded.session) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            return ExitCode::from(1);
        }
    };
    let status = rec.journal().status();
    warn_status(journal, status, lang);
    let status_name = match status {
        JournalStatus::Ok => "ok",
        JournalStatus::TornTailCut { .. } => "torn_tail_cut",
        JournalStatus::Damaged { .. } => "damaged",
    };
    let report = TallyReport::new(
        rec.tally(),
        &rec.journal().head().to_hex(),
        status_name,
        lang,
    );
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print_text(&report, lang);
    }
    if matches!(status, JournalStatus::Damaged { .. }) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_text(r: &TallyReport, lang: Lang) {
    let a = &r.attendance;
    let s = |n: u32| n.to_string();
    println!(
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
    );
    let required = a
        .quorum_required
        .map_or_else(|| tr(lang, "journal.verdict.unreachable").into_owned(), s);
    let key = if a.quorate {
        "journal.cli.quorate"
    } else {
        "journal.cli.not_quorate"
    };
    println!("{}", trf(lang, key, &[("required", &required)]));
    for m in &r.motions {
        println!(
            "{}",
            trf(
                lang,
                "journal.cli.motion",
                &[
                    ("id", &m.id),
                    ("title", &m.title),
                    ("method", &m.method.label(lang)),
                    ("state", &m.state.label(lang)),
                ]
            )
        );
        println!(
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
        );
        let required = m
            .required
            .map_or_else(|| tr(lang, "journal.verdict.unreachable").into_owned(), s);
        println!(
            "{}",
            trf(
                lang,
                "journal.cli.threshold",
                &[
                    ("rule", &m.rule),
                    ("base", &s(m.base)),
                    ("required", &required),
                    ("verdict", &m.verdict.label(lang)),
                ]
            )
        );
    }
}

pub fn run_verify(journal: &Path, lang: Lang) -> ExitCode {
    let s = match verify_file(journal) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "{}",
                trf(
                    lang,
                    "journal.file.io",
                    &[
                        ("path", &journal.display().to_string()),
                        ("error", &e.to_string())
                    ]
                )
            );
            return ExitCode::from(2);
        }
    };
    match &s.status {
        JournalStatus::Damaged { record, reason } => {
            println!(
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
            );
            ExitCode::from(1)
        }
        _ if s.count == 0 => {
            println!(
                "{}",
                trf(
                    lang,
                    "journal.file.not_a_journal",
                    &[("path", &journal.display().to_string())]
                )
            );
            ExitCode::from(1)
        }
        status => {
            warn_status(journal, status, lang);
            println!(
                "{}",
                trf(
                    lang,
                    "journal.cli.verify_ok",
                    &[
                        ("records", &s.count.to_string()),
                        ("hash", &s.head.to_hex())
                    ]
                )
            );
            ExitCode::SUCCESS
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
