//! `delegate-desk new`: a session file prepared from the report(s) in Word and the roster in
//! Excel or CSV, through the same `import::prepare` and `import::save::save` the window uses.
//!
//! Exit status: 0 written; 1 bad input (a file in a format that cannot be read, a roster
//! with more names than seats, an existing output without `--force`); 2 a file could not be
//! read or written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, say};
use crate::i18n::{Lang, tr, trf};
use crate::import::election_entry::ElectionEntry;
use crate::import::review::{AgendaEntry, apply_agenda};
use crate::import::save::save;
use crate::import::stop_entry::StopEntry;
use crate::import::{Prepared, Request, is_iso_date, prepare};
use crate::model::AgendaKind;

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// A report in Word format (.docx); repeat for several documents, in agenda order.
    #[arg(long = "report", value_name = "R.docx")]
    pub reports: Vec<PathBuf>,
    /// The delegates: .xlsx (first sheet, or --sheet) or .csv (UTF-8 or GBK).
    #[arg(long, value_name = "X.xlsx|X.csv")]
    pub roster: Option<PathBuf>,
    /// The roster's sheet, by name.
    #[arg(long)]
    pub sheet: Option<String>,
    /// Full title of the sitting, e.g. 九江镇第三届人民代表大会第三次会议.
    #[arg(long)]
    pub title: String,
    /// Date of the sitting, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// Delegates seated (实有代表), the base of quorum and majority.
    #[arg(long)]
    pub seats: u32,
    /// The congress, e.g. 佛山市南海区九江镇人民代表大会 (default: the title without term and session).
    #[arg(long)]
    pub congress: Option<String>,
    #[arg(long)]
    pub town: Option<String>,
    #[arg(long)]
    pub venue: Option<String>,
    /// 主席团 or whoever presides.
    #[arg(long)]
    pub presiding_body: Option<String>,
    /// 届 (default: read from the title).
    #[arg(long)]
    pub term: Option<u32>,
    /// 次 (default: read from the title).
    #[arg(long)]
    pub session: Option<u32>,
    /// Put every number found in the report into the file as an indicator; without it they
    /// are written as comments to review.
    #[arg(long)]
    pub accept_indicators: bool,
    /// An election held at the sitting, added to the agenda after the reports:
    /// "OFFICE;POST;SEATS;NAME1,NAME2,…" with POST one of Head (正职), Deputy (副职),
    /// ByElection (补选), Project (票决), and a note in brackets after a name if wanted,
    /// e.g. --election "副镇长;Deputy;2;张三,李四（现任镇党委委员）,王五". Checked against the
    /// Organic Law (Art. 27, Art. 30) as `check` does; repeat for several.
    #[arg(long = "election", value_name = "OFFICE;POST;SEATS;NAMES")]
    pub elections: Vec<String>,
    /// A stop of the inspection, in visiting order: "PROJECT;PLACE[;TIME[;HOST]]",
    /// e.g. --stop "污水处理厂;沙口村;下午". Any --stop adds an inspection item to the agenda.
    #[arg(long = "stop", value_name = "PROJECT;PLACE[;TIME[;HOST]]")]
    pub stops: Vec<String>,
    /// The session file to write (.ron).
    #[arg(long = "output", short = 'o')]
    pub output: PathBuf,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &NewArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    if !is_iso_date(&args.date) {
        return Err(
            CliError::Input(trf(lang, "import.cli.bad_date", &[("date", &args.date)])).into(),
        );
    }
    let id = args
        .output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("session-{}", args.date));
    let req = Request {
        reports: args.reports.clone(),
        roster: args.roster.clone(),
        sheet: args.sheet.clone(),
        title: args.title.clone(),
        date: args.date.clone(),
        seats: args.seats,
        congress: args.congress.clone(),
        town: args.town.clone(),
        venue: args.venue.clone(),
        presiding_body: args.presiding_body.clone(),
        term: args.term,
        session: args.session,
        id,
        accept_indicators: args.accept_indicators,
        lang,
        from_window: false,
    };
    // The options are read before the files, so a typo costs nothing.
    let elections = args
        .elections
        .iter()
        .map(|e| ElectionEntry::from_spec(e, lang))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::Input)?;
    let stops = args
        .stops
        .iter()
        .map(|s| StopEntry::from_spec(s, lang))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::Input)?;
    let mut prepared = prepare(&req).map_err(CliError::Import)?;
    if !elections.is_empty() || !stops.is_empty() {
        arrange(&mut prepared, elections, stops, lang)?;
    }
    let inputs: Vec<&Path> = args
        .reports
        .iter()
        .chain(args.roster.iter())
        .map(PathBuf::as_path)
        .collect();
    let warnings =
        save(&prepared, &args.output, &inputs, args.force).map_err(CliError::ImportSave)?;
    {
        {
            // What was left out or guessed, then the checker's warnings: said, not fatal.
            for n in &prepared.notes {
                say(n);
            }
            for w in &warnings {
                say(&w.to_string());
            }
            let s = &prepared.session;
            let paragraphs: usize = s
                .documents
                .iter()
                .flat_map(|d| &d.sections)
                .map(|x| x.paragraphs.len())
                .sum();
            let state = if prepared.accepted {
                tr(lang, "import.cli.accepted")
            } else {
                tr(lang, "import.cli.to_review")
            };
            writeln!(
                std::io::stdout().lock(),
                "{}",
                trf(
                    lang,
                    "import.cli.written",
                    &[
                        ("path", &args.output.display().to_string()),
                        ("documents", &s.documents.len().to_string()),
                        ("paragraphs", &paragraphs.to_string()),
                        (
                            "delegates",
                            &s.roster
                                .iter()
                                .filter(|d| !d.placeholder)
                                .count()
                                .to_string()
                        ),
                        ("indicators", &prepared.proposals.len().to_string()),
                        ("state", &state),
                    ]
                )
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The agenda `prepare` proposed (one item per report), then an item per election and, when
/// stops were given, the inspection: through the same [`apply_agenda`] as the window.
fn arrange(
    p: &mut Prepared,
    elections: Vec<ElectionEntry>,
    stops: Vec<StopEntry>,
    lang: Lang,
) -> Result<(), CliError> {
    let mut agenda = AgendaEntry::as_prepared(p);
    let option = |flag: &str| trf(lang, "import.src.agenda_option", &[("option", flag)]);
    for e in elections {
        agenda.push(AgendaEntry {
            title: e.default_title(lang),
            kind: AgendaKind::Election,
            document: None,
            method: None,
            election: Some(e),
            stops: Vec::new(),
            comment: option("--election"),
        });
    }
    if !stops.is_empty() {
        agenda.push(AgendaEntry {
            title: tr(lang, "import.cli.inspection_title").into_owned(),
            kind: AgendaKind::Inspection,
            document: None,
            method: None,
            election: None,
            stops,
            comment: option("--stop"),
        });
    }
    apply_agenda(p, &agenda).map_err(|e| CliError::Input(e.message(lang)))
}
