//! `delegate-desk record`, `tally`, `verify`: the same journal code as the votes view.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::journal_source::{self, JournalSource};
use super::{ActionSpecError, CliError, say};
use crate::i18n::{Label, Lang, tr, trf};
use crate::journal::{
    Action, Choice, ElectionReport, FORMAT, GENESIS, HeadCode, JournalError, JournalStatus, Mark,
    Planned, Record, RecordError, Recorder, Tally, TallyReport, check_steps, default_path,
    verify_file, verify_file_holding,
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
  --undo                     undo the most recent record still in effect

ELECTIONS (--open, --close, --reopen and --undo work for election ids too):
  --ballots E ISSUED RETURNED
                             ballots issued (发出) and returned (收回) in the open round
  --ballot E SPEC            one ballot: 张三=yes,李四=no,王五=abstain,+赵六 (+NAME: a
                             write-in), or invalid
  --candidate-counts E NAME YES NO ABSTAIN
                             one person's totals from the counting sheet (write-ins too)
  --invalid-ballots E N      invalid ballots (废票) from the counting sheet
  --nominate E NAME...       open a further election (另行选举) with these nominees"
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
            "--ballots" | "--invalid-ballots" | "--ballot" => {
                let n = if flag == "--ballots" { 3 } else { 2 };
                need(n)?;
                used = n;
                let election = vals[0].as_str().into();
                let num = |s: &String| number(flag, s);
                Some(Planned::Act(match flag {
                    "--ballots" => Action::ElectionBallots {
                        election,
                        issued: num(vals[1])?,
                        returned: num(vals[2])?,
                    },
                    "--invalid-ballots" => Action::ElectionInvalid {
                        election,
                        invalid: num(vals[1])?,
                    },
                    _ => Action::ballot_from_spec(vals[0], vals[1])
                        .map_err(ActionSpecError::Ballot)?,
                }))
            }
            "--candidate-counts" => {
                need(5)?;
                used = 5;
                let num = |s: &String| number(flag, s);
                Some(Planned::Act(Action::ElectionCounts {
                    election: vals[0].as_str().into(),
                    name: vals[1].as_str().into(),
                    yes: num(vals[2])?,
                    no: num(vals[3])?,
                    abstain: num(vals[4])?,
                }))
            }
            "--nominate" => {
                need(2)?;
                Some(Planned::Act(Action::ElectionOpen {
                    election: vals[0].as_str().into(),
                    nominees: vals[1..].iter().map(|s| s.as_str().into()).collect(),
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

/// A count after `flag`: a whole number, 0 or more.
fn number(flag: &str, value: &str) -> Result<u32, ActionSpecError> {
    value.parse::<u32>().map_err(|_| ActionSpecError::Number {
        flag: flag.into(),
        value: value.into(),
    })
}

/// `--open`, `--close` and `--reopen` name a motion or an election (one namespace): the
/// election's actions for an election id.
fn for_elections(steps: &mut [(String, Planned)], session: &Session) {
    for (_, step) in steps {
        let Planned::Act(a) = step else { continue };
        let is_election = |id: &str| session.election(id).is_some();
        *a = match a {
            Action::Open { motion } if is_election(motion) => Action::ElectionOpen {
                election: motion.clone(),
                nominees: Vec::new(),
            },
            Action::Close { motion } if is_election(motion) => Action::ElectionClose {
                election: motion.clone(),
            },
            Action::Reopen { motion, reason } if is_election(motion) => Action::ElectionReopen {
                election: motion.clone(),
                reason: std::mem::take(reason),
            },
            _ => continue,
        };
    }
}

fn load_session(path: &Path, lang: Lang) -> Result<Loaded, CliError> {
    load_path(path, lang).map_err(CliError::Session)
}

/// A journal of an older format is read, not written: say so.
fn warn_format(path: &Path, format: u32, lang: Lang) {
    if format != FORMAT {
        let e = JournalError::OldFormat {
            path: path.display().to_string(),
            found: format,
        };
        say(&e.message(lang));
    }
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
    let mut parsed = parse_actions(&args.actions).map_err(CliError::Actions)?;
    let adopt = parsed.adopt.clone().or_else(|| args.adopt.clone());
    if parsed.steps.is_empty() && adopt.is_none() {
        return Err(CliError::NoActions.into());
    }
    let loaded = load_session(&args.session, lang)?;
    let session = &loaded.session;
    for_elections(&mut parsed.steps, session);
    let secretary = parsed
        .secretary
        .clone()
        .or_else(|| args.secretary.clone())
        .unwrap_or_default();
    let journal = match record_source(args, &parsed, session) {
        JournalSource::Dir(dir) => {
            if let Some(copy) = adopt {
                return journal_source::run_adopt(&dir, session, &copy, &secretary, lang);
            }
            let steps: Vec<Planned> = parsed.steps.iter().map(|(_, s)| s.clone()).collect();
            let mut out = io::stdout().lock();
            let mut printed = Ok(());
            let code = journal_source::record(&dir, session, &secretary, &steps, lang, |r| {
                if printed.is_ok() {
                    printed = writeln!(out, "{}", recorded_line(r, lang));
                }
            })?
            .map_err(|(i, e)| refused(&parsed, i, e))?;
            printed?;
            if let Some(code) = code {
                writeln!(out, "{}", head_code_line(code, lang))?;
            }
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
    // The journal stays locked against other writers until `rec` is dropped, at exit.
    let mut rec =
        Recorder::open_for_writing(&journal, session, &secretary).map_err(CliError::Journal)?;
    warn_status(&journal, rec.journal().status(), lang);
    let mut out = io::stdout().lock();
    let mut printed = Ok(());
    let result = rec.record_batch(&secretary, &steps, |r| {
        // Printed only once the whole batch is fsynced: whatever is printed is on disk. A reader
        // that went away does not stop the batch, which was checked whole before any of it
        // was written.
        if printed.is_ok() {
            printed = writeln!(out, "{}", recorded_line(r, lang));
        }
    });
    if let (Ok(()), Ok(()), Some(code)) = (&result, &printed, rec.journal().head_code()) {
        printed = writeln!(out, "{}", head_code_line(code, lang));
    }
    result.map_err(|(i, e)| refused(&parsed, i, e))?;
    printed?;
    Ok(ExitCode::SUCCESS)
}

/// The journal's head code, printed after a batch is recorded.
fn head_code_line(code: HeadCode, lang: Lang) -> String {
    trf(
        lang,
        "journal.cli.head_code",
        &[("code", &code.to_string())],
    )
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
            warn_format(journal, rec.journal().format(), lang);
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
            let (f, cut) = journal_source::read(dir, &loaded.session, lang)?;
            let report = TallyReport::new(
                &f.tally,
                &f.head.to_hex(),
                journal_source::folder_status(&f),
                lang,
            );
            let folder = journal_source::FolderReport::new(&f, &loaded.session, lang);
            // Printed, but not a tally to rely on until every warning is dealt with.
            (report, Some(folder), f.is_clean() && !cut)
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
    if let Some(code) = &r.head_code {
        writeln!(
            out,
            "{}",
            trf(lang, "journal.cli.head_code", &[("code", code)])
        )?;
    }
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
                    ("method", &m.method.label(lang)),
                    ("state", &m.state.label(lang)),
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
                    ("verdict", &m.verdict.label(lang)),
                ]
            )
        )?;
    }
    for e in &r.elections {
        print_election(out, e, a.seated, lang)?;
    }
    Ok(())
}

/// An election as the secretary reads it: each round's ballots, each person's votes, who is
/// elected and what comes next.
fn print_election(
    out: &mut impl Write,
    e: &ElectionReport,
    seated: u32,
    lang: Lang,
) -> io::Result<()> {
    let s = |n: u32| n.to_string();
    let t = |key: &str, args: &[(&str, &str)]| trf(lang, key, args);
    writeln!(
        out,
        "{}",
        t(
            "election.cli.election",
            &[
                ("office", &e.office),
                ("id", &e.id),
                ("post", &e.post.label(lang)),
                ("seats", &s(e.seats)),
            ]
        )
    )?;
    let chosen = if e.post == crate::model::Post::Project {
        "election.cli.is_chosen"
    } else {
        "election.cli.is_elected"
    };
    for r in &e.rounds {
        let required = match r.required {
            Some(n) => t(
                "election.cli.required",
                &[("n", &s(n)), ("seated", &s(seated))],
            ),
            None => tr(lang, "election.cli.required_tie").into_owned(),
        };
        writeln!(
            out,
            "{}",
            t(
                "election.cli.round",
                &[
                    ("n", &s(r.number)),
                    ("kind", &r.kind.label(lang)),
                    ("state", &r.state.label(lang)),
                    ("seats", &s(r.seats)),
                    ("required", &required),
                ]
            )
        )?;
        match (r.issued, r.returned) {
            (Some(issued), Some(returned)) => writeln!(
                out,
                "{}",
                t(
                    "election.cli.ballots",
                    &[
                        ("issued", &s(issued)),
                        ("returned", &s(returned)),
                        ("valid", &s(r.valid)),
                        ("invalid", &s(r.invalid)),
                    ]
                )
            )?,
            _ => writeln!(out, "{}", tr(lang, "election.cli.no_ballots"))?,
        }
        for c in &r.candidates {
            let written = if c.written_in {
                tr(lang, "election.cli.written_in")
            } else {
                "".into()
            };
            let elected = if c.elected {
                tr(lang, chosen)
            } else {
                "".into()
            };
            writeln!(
                out,
                "{}",
                t(
                    "election.cli.candidate",
                    &[
                        ("name", &c.name),
                        ("written", &written),
                        ("yes", &s(c.yes)),
                        ("no", &s(c.no)),
                        ("abstain", &s(c.abstain)),
                        ("elected", &elected),
                    ]
                )
            )?;
        }
        if let Some(v) = r.void {
            writeln!(out, "{}", tr(lang, &format!("election.cli.void.{v:?}")))?;
        }
    }
    let names = if e.elected.is_empty() {
        tr(lang, "election.cli.nobody").into_owned()
    } else {
        e.elected.join(tr(lang, "election.cli.list_sep").as_ref())
    };
    writeln!(out, "{}", t("election.cli.elected", &[("names", &names)]))?;
    writeln!(
        out,
        "{}",
        t("election.cli.next", &[("next", &e.next_text(lang))])
    )?;
    Ok(())
}

/// `verify J [--head CODE]`: the chain, and with `--head` that the journal still holds the
/// record a published head code names (a journal cut short or written anew is a good chain).
/// A broken chain is the answer, printed with the first bad record, exit 1; a file that is
/// no journal at all is an error.
pub fn run_verify(journal: &Path, head: Option<&str>, lang: Lang) -> anyhow::Result<ExitCode> {
    let head = head
        .map(|h| h.parse::<HeadCode>())
        .transpose()
        .map_err(|e| CliError::HeadCode(e.to_string()))?;
    let scanned = match head {
        Some(code) => verify_file_holding(journal, code).map(|(s, found)| (s, Some(found))),
        None => verify_file(journal).map(|s| (s, None)),
    };
    let (s, found) = scanned.map_err(|source| CliError::Read {
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
            let code = s.head_code().map(|c| c.to_string()).unwrap_or_default();
            writeln!(
                out,
                "{}",
                trf(
                    lang,
                    "journal.cli.verify_ok",
                    &[
                        ("records", &s.count.to_string()),
                        ("hash", &s.head.to_hex()),
                        ("code", &code),
                    ]
                )
            )?;
            Ok(match (head, found) {
                (Some(want), Some(false)) => {
                    let key = if want.seq >= s.count {
                        "journal.cli.head_truncated"
                    } else {
                        "journal.cli.head_rewritten"
                    };
                    writeln!(
                        out,
                        "{}",
                        trf(
                            lang,
                            key,
                            &[
                                ("code", &want.to_string()),
                                ("records", &s.count.to_string())
                            ]
                        )
                    )?;
                    ExitCode::from(1)
                }
                (Some(want), _) => {
                    writeln!(
                        out,
                        "{}",
                        trf(
                            lang,
                            "journal.cli.head_found",
                            &[("code", &want.to_string())]
                        )
                    )?;
                    ExitCode::SUCCESS
                }
                (None, _) => ExitCode::SUCCESS,
            })
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

    #[test]
    fn election_flags_parse_into_election_actions() {
        let p = parse_actions(&toks(
            "--ballots by 73 73 --ballot by 宋正舜=yes,徐进=no,+王五 --ballot by invalid \
             --candidate-counts by 宋正舜 73 0 0 --invalid-ballots by 2 --nominate by 甲 乙",
        ))
        .unwrap();
        let acts: Vec<&Planned> = p.steps.iter().map(|(_, s)| s).collect();
        assert!(matches!(
            acts[0],
            Planned::Act(Action::ElectionBallots {
                issued: 73,
                returned: 73,
                ..
            })
        ));
        assert!(matches!(
            acts[1],
            Planned::Act(Action::ElectionBallot { yes, no, write_in, spoiled: false, .. })
                if yes[0] == "宋正舜" && no[0] == "徐进" && write_in[0] == "王五"
        ));
        assert!(matches!(
            acts[2],
            Planned::Act(Action::ElectionBallot { spoiled: true, .. })
        ));
        assert!(matches!(
            acts[3],
            Planned::Act(Action::ElectionCounts { yes: 73, .. })
        ));
        assert!(matches!(
            acts[4],
            Planned::Act(Action::ElectionInvalid { invalid: 2, .. })
        ));
        assert!(matches!(
            acts[5],
            Planned::Act(Action::ElectionOpen { nominees, .. }) if nominees.len() == 2
        ));
        for bad in [
            "--ballots by 73",
            "--ballot by 甲=maybe",
            "--ballot by 甲",
            "--candidate-counts by 甲 1 0",
            "--invalid-ballots by -1",
            "--nominate by",
        ] {
            assert!(parse_actions(&toks(bad)).is_err(), "{bad}");
        }
    }
}
