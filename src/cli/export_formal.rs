//! `delegate-desk export … --document notice|resolution|minutes`: the formal documents, with
//! the fields no file states taken from `--fields FILE.ron` and the options below, and
//! remembered beside the journal ("<journal>.formal.ron") for the next export.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::export::ExportArgs;
use super::{CliError, say};
use crate::export::formal::{self, Document, FormalFields, wording};
use crate::export::{Format, SummaryData};
use crate::i18n::{Lang, trf};

/// `--document`: the CLI's own names for export's [`Document`] (export knows no clap).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DocumentArg {
    /// 表决结果公告, with the sitting's elections: 表决和选举结果公告, or 选举结果公告 when
    /// nothing else was voted on. `election-notice` names the same notice.
    #[value(alias = "election-notice")]
    Notice,
    /// 决议, one per passed motion.
    Resolution,
    /// 会议纪要.
    Minutes,
}

impl From<DocumentArg> for Document {
    fn from(d: DocumentArg) -> Self {
        match d {
            DocumentArg::Notice => Document::Notice,
            DocumentArg::Resolution => Document::Resolution,
            DocumentArg::Minutes => Document::Minutes,
        }
    }
}

#[derive(Debug, Default, clap::Args)]
pub struct FormalArgs {
    /// Write a formal document (docx or pdf) instead of the summary.
    #[arg(long, value_enum)]
    pub document: Option<DocumentArg>,
    /// The fields no session file states, as RON (see FormalFields in the README).
    #[arg(long, value_name = "FILE.ron")]
    pub fields: Option<PathBuf>,
    /// 文号.
    #[arg(long)]
    pub doc_number: Option<String>,
    /// 署名: the presiding body, when the session does not name it.
    #[arg(long)]
    pub presiding: Option<String>,
    /// 主持人.
    #[arg(long)]
    pub chair: Option<String>,
    /// 记录人.
    #[arg(long)]
    pub recorder: Option<String>,
    /// 列席.
    #[arg(long)]
    pub attending: Option<String>,
    /// 地点, when the session does not say.
    #[arg(long)]
    pub venue: Option<String>,
    /// A 决议's text from a UTF-8 file: `FILE` when one motion passed, else `MOTION=FILE`
    /// (the motion's id or title). May be repeated.
    #[arg(long, value_name = "[MOTION=]FILE")]
    pub resolution_body: Vec<String>,
}

/// Writes the formal document `which`; `data` already holds the journal's tally.
pub fn run(
    which: Document,
    export: &ExportArgs,
    data: &SummaryData,
    format: Format,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let args = &export.formal;
    // A sitting's folder keeps them beside itself ("<folder>.formal.ron"), outside the
    // synced folder.
    let journal = export.journal.as_deref().or(export.journal_dir.as_deref());
    if !matches!(format, Format::Docx | Format::Pdf) {
        return Err(CliError::Input(trf(
            lang,
            "export.cli.formal_format",
            &[("format", format.extension())],
        ))
        .into());
    }
    let remembered = journal.map(FormalFields::beside);
    let mut fields = FormalFields::default();
    for path in remembered.iter().filter(|p| p.exists()).chain(&args.fields) {
        fields.merge(&FormalFields::read(path).map_err(CliError::Fields)?);
    }
    let before = fields.clone();
    fields.merge(&from_options(args, data, lang)?);

    let doc = formal::build(which, data, &fields);
    let path =
        formal::write(&doc, format, &export.output, export.force).map_err(CliError::Export)?;
    let mut out = std::io::stdout().lock();
    super::export::say_written(&mut out, &path, lang)?;
    // Remember what was typed, never writing over the --fields file given as input.
    if let Some(path) = remembered
        && fields != before
        && args.fields.as_deref() != Some(path.as_path())
    {
        let shown = path.display().to_string();
        match fields.save(&path) {
            Ok(()) => writeln!(
                out,
                "{}",
                trf(lang, "export.cli.fields_saved", &[("path", &shown)])
            )?,
            // The document is written; only the memory of the typed fields is lost.
            Err(e) => say(&trf(
                lang,
                "export.cli.fields_not_saved",
                &[("path", &shown), ("error", &e.to_string())],
            )),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The fields given as options; `--resolution-body` files are read here.
fn from_options(
    args: &FormalArgs,
    data: &SummaryData,
    lang: Lang,
) -> Result<FormalFields, CliError> {
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut f = FormalFields {
        doc_number: text(&args.doc_number),
        presiding_body: text(&args.presiding),
        chair: text(&args.chair),
        recorder: text(&args.recorder),
        attending: text(&args.attending),
        venue: text(&args.venue),
        ..FormalFields::default()
    };
    let passed: Vec<_> = data.motions.iter().filter(|m| wording::passed(m)).collect();
    for spec in &args.resolution_body {
        let (motion, file) = match spec.split_once('=') {
            Some((m, file)) if !Path::new(spec).exists() => (Some(m.trim()), file),
            _ => (None, spec.as_str()),
        };
        let id = match motion {
            Some(m) => data
                .motions
                .iter()
                .find(|x| x.id == m || x.title == m)
                .map(|x| x.id.clone()),
            None if passed.len() == 1 => passed.first().map(|x| x.id.clone()),
            None => None,
        };
        let Some(id) = id else {
            let titles: Vec<&str> = passed.iter().map(|m| m.title.as_str()).collect();
            return Err(CliError::Input(trf(
                lang,
                "export.cli.which_motion",
                &[("spec", spec), ("motions", &titles.join("、"))],
            )));
        };
        let body = std::fs::read_to_string(file).map_err(|source| CliError::Read {
            path: PathBuf::from(file),
            source,
        })?;
        f.resolutions.insert(id, body);
    }
    Ok(f)
}
