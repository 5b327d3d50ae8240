//! 导出: write the session summary as Markdown, HTML, CSV, XLSX or PDF, or a formal document
//! (表决结果公告, 决议, 会议纪要) as DOCX or PDF with the fields no file states, which are
//! remembered beside the journal as the command line does.
//!
//! The buttons send [`ExportTo`] commands, applied by the app after the frame. The file dialog
//! and the export itself are [`Task`]s, off the UI thread, polled at the start of each frame;
//! the view shows progress, then the path written or the reason it failed.

use std::path::{Path, PathBuf};

use crate::export::formal::{self, Document, FormalFields};
use crate::export::{self, Format, Options, SummaryData};
use crate::i18n::{Lang, tr, trf};
use crate::ui::task::{Task, poll_slot};
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx, ViewUi};

/// What the Export view asks the app to do: write the summary, asking where first or not.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportTo {
    /// Ask in a save dialog, then write there.
    Ask,
    /// Write here (the quick export): an existing file is replaced only if asked to be.
    Path(PathBuf),
    /// Write here, as chosen in the save dialog, which already asked before replacing.
    Chosen(PathBuf),
}

/// A save dialog that answers sooner than this did not open: nobody cancels that fast.
const NO_DIALOG: std::time::Duration = std::time::Duration::from_millis(300);

pub struct ExportView {
    pub format: Format,
    pub include_votes: bool,
    pub include_notes: bool,
    pub stamp: bool,
    pub force: bool,
    /// The summary's language; None follows the window.
    pub summary_lang: Option<Lang>,
    /// The save dialog: its answer, and how long it took to come.
    dialog: Option<Task<(Option<PathBuf>, std::time::Duration)>>,
    job: Option<Task<Result<PathBuf, String>>>,
    /// The outcome of the last export: Ok(path) or Err(message).
    pub last: Option<Result<PathBuf, String>>,
    /// The journal the Votes view has open (another secretary's, a shared one); None: the
    /// session's default journal in the data folder.
    pub journal: Option<PathBuf>,
    /// A formal document instead of the summary.
    pub document: Option<Document>,
    /// What the secretary typed for the formal documents.
    pub fields: FormalFields,
    /// The file `fields` were read from (beside the journal); read again when it changes.
    fields_from: Option<PathBuf>,
}

impl Default for ExportView {
    fn default() -> Self {
        Self {
            format: Format::Html,
            include_votes: true,
            include_notes: false,
            stamp: false,
            force: false,
            summary_lang: None,
            dialog: None,
            job: None,
            last: None,
            journal: None,
            document: None,
            fields: FormalFields::default(),
            fields_from: None,
        }
    }
}

impl ViewUi for ExportView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let lang = cx.lang;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(tr(lang, "export.view.title"));
            if self.document.is_none() {
                ui.label(egui::RichText::new(tr(lang, "export.view.intro")).weak());
            }
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(tr(lang, "export.view.document")).strong());
                ui.radio_value(
                    &mut self.document,
                    None,
                    tr(lang, "export.view.doc_summary"),
                );
                for d in Document::ALL {
                    let label = document_label(d, cx.session, lang);
                    ui.radio_value(&mut self.document, Some(d), label);
                }
            });
            let formats: &[Format] = match self.document {
                None => &Format::ALL,
                Some(_) => &[Format::Docx, Format::Pdf],
            };
            if !formats.contains(&self.format) {
                self.format = formats[0];
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(tr(lang, "export.view.format")).strong());
                for &f in formats {
                    ui.radio_value(&mut self.format, f, format_label(f, lang));
                }
            });
            let journal = self.journal_for(cx);
            if self.document.is_some() {
                self.fields_ui(ui, cx, &journal);
            }
            let has_journal = journal.exists();
            ui.horizontal_wrapped(|ui| {
                ui.add_enabled(
                    has_journal,
                    egui::Checkbox::new(&mut self.include_votes, tr(lang, "export.view.votes")),
                );
                if has_journal {
                    ui.label(egui::RichText::new(journal.display().to_string()).weak());
                } else {
                    ui.label(egui::RichText::new(tr(lang, "export.view.no_journal")).weak());
                }
            });
            // Notes, the generation time and the language belong to the summary only.
            if self.document.is_none() {
                ui.checkbox(
                    &mut self.include_notes,
                    trf(
                        lang,
                        "export.view.notes",
                        &[("n", &cx.notes.notes().len().to_string())],
                    ),
                );
                ui.checkbox(&mut self.stamp, tr(lang, "export.view.stamp"));
            }
            ui.checkbox(&mut self.force, tr(lang, "export.view.force"));
            if self.document.is_none() {
                ui.horizontal(|ui| {
                    ui.label(tr(lang, "export.view.language"));
                    let current = self.summary_lang.unwrap_or(lang);
                    if ui.radio(current == Lang::Zh, "中文").clicked() {
                        self.summary_lang = Some(Lang::Zh);
                    }
                    if ui.radio(current == Lang::En, "English").clicked() {
                        self.summary_lang = Some(Lang::En);
                    }
                });
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let idle = !self.is_busy();
                if ui
                    .add_enabled(idle, egui::Button::new(tr(lang, "export.view.save_as")))
                    .tip(|| tr(lang, "export.view.save_as_tip"))
                    .clicked()
                {
                    cx.send(AppCommand::Export(ExportTo::Ask));
                }
                let quick = self.quick_path_now(cx);
                if ui
                    .add_enabled(idle, egui::Button::new(tr(lang, "export.view.quick")))
                    .tip(|| quick.display().to_string())
                    .clicked()
                {
                    cx.send(AppCommand::Export(ExportTo::Path(quick)));
                }
            });
            if let Some(job) = &self.job {
                let p = job.progress();
                ui.add(
                    egui::ProgressBar::new(p)
                        .show_percentage()
                        .text(tr(lang, "export.view.working")),
                );
            }
            match &self.last {
                Some(Ok(path)) => {
                    ui.label(trf(
                        lang,
                        "export.view.done",
                        &[("path", &path.display().to_string())],
                    ));
                    ui.horizontal_wrapped(|ui| {
                        if ui.button(tr(lang, "export.view.open_file")).clicked() {
                            cx.send(AppCommand::OpenExternally(path.clone()));
                        }
                        if let Some(folder) = path.parent()
                            && ui.button(tr(lang, "export.view.open_folder")).clicked()
                        {
                            cx.send(AppCommand::OpenExternally(folder.to_path_buf()));
                        }
                    });
                }
                Some(Err(why)) => {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                }
                None => {}
            }
        });
    }
}

impl ExportView {
    pub fn focus(&mut self, _id: &str) {}

    fn journal_for(&self, cx: &ViewCtx) -> PathBuf {
        self.journal
            .clone()
            .unwrap_or_else(|| crate::journal::default_path_in(cx.data_dir, cx.session))
    }

    pub fn is_busy(&self) -> bool {
        self.job.is_some() || self.dialog.is_some()
    }

    /// Where the quick export writes: `<data>/exports/<session>-summary.<ext>` (a folder for CSV).
    pub fn quick_path(data_dir: &Path, session_id: &str, format: Format) -> PathBuf {
        let stem = format!("{}-summary", crate::storage::sanitize_file_stem(session_id));
        let dir = data_dir.join("exports");
        if format.is_folder() {
            dir.join(format!("{stem}-csv"))
        } else {
            dir.join(format!("{stem}.{}", format.extension()))
        }
    }

    /// Where the quick export writes a formal document: `<data>/exports/<session>-<doc>.<ext>`.
    pub fn formal_quick_path(
        data_dir: &Path,
        session_id: &str,
        document: Document,
        format: Format,
    ) -> PathBuf {
        let name = format!(
            "{}-{}.{}",
            crate::storage::sanitize_file_stem(session_id),
            format!("{document:?}").to_lowercase(),
            format.extension()
        );
        data_dir.join("exports").join(name)
    }

    fn quick_path_now(&self, cx: &ViewCtx) -> PathBuf {
        match self.document {
            Some(d) => Self::formal_quick_path(cx.data_dir, &cx.session.id, d, self.format),
            None => Self::quick_path(cx.data_dir, &cx.session.id, self.format),
        }
    }

    /// The fields no file states, read from beside the journal the first time they are shown.
    fn fields_ui(&mut self, ui: &mut egui::Ui, cx: &ViewCtx, journal: &Path) {
        let lang = cx.lang;
        let remembered = FormalFields::beside(journal);
        if self.fields_from.as_deref() != Some(remembered.as_path()) {
            // A missing or unreadable file leaves the fields empty: blanks to fill by hand.
            self.fields = FormalFields::read(&remembered).unwrap_or_default();
            self.fields_from = Some(remembered);
        }
        ui.label(egui::RichText::new(tr(lang, "export.view.fields_intro")).weak());
        let f = &mut self.fields;
        egui::Grid::new("formal-fields")
            .num_columns(2)
            .show(ui, |ui| {
                for (key, value) in [
                    ("export.view.field_doc_number", &mut f.doc_number),
                    ("export.view.field_presiding", &mut f.presiding_body),
                    ("export.view.field_chair", &mut f.chair),
                    ("export.view.field_recorder", &mut f.recorder),
                    ("export.view.field_attending", &mut f.attending),
                    ("export.view.field_venue", &mut f.venue),
                ] {
                    let label = ui.label(tr(lang, key));
                    ui.text_edit_singleline(value).labelled_by(label.id);
                    ui.end_row();
                }
            });
        if self.document == Some(Document::Resolution) {
            for m in &cx.session.motions {
                let label = ui.label(trf(
                    lang,
                    "export.view.field_resolution",
                    &[("title", &m.title)],
                ));
                let text = f.resolutions.entry(m.id.clone()).or_default();
                ui.add(egui::TextEdit::multiline(text).desired_rows(3))
                    .labelled_by(label.id);
            }
        }
    }

    /// Applies what the view asked for; the app calls it once the frame is drawn.
    pub fn apply(&mut self, to: ExportTo, ctx: &egui::Context, cx: &mut ViewCtx) {
        if self.is_busy() {
            return; // one export at a time
        }
        match to {
            ExportTo::Ask => self.ask_for_path(ctx, cx),
            ExportTo::Path(path) => self.start(ctx, cx, path),
            ExportTo::Chosen(path) => {
                let force = self.force;
                self.force = true;
                self.start(ctx, cx, path);
                self.force = force;
            }
        }
    }

    /// Builds the summary now (cheap: plain data) and writes it off the UI thread.
    fn start(&mut self, ctx: &egui::Context, cx: &mut ViewCtx, out: PathBuf) {
        let lang = self.summary_lang.unwrap_or(cx.lang);
        let mut data = SummaryData::from_session(cx.session, lang);
        if self.include_votes {
            let journal = self.journal_for(cx);
            if journal.exists() {
                match with_journal(data, cx.session, &journal, lang) {
                    Ok(d) => data = d,
                    Err(why) => {
                        self.last = Some(Err(why));
                        return;
                    }
                }
            }
        }
        if self.include_notes {
            data = data.with_notes(cx.session, cx.notes.file(), lang);
        }
        let opts = Options {
            lang,
            force: self.force,
            stamp: self.stamp.then(|| {
                chrono::Local::now()
                    .format("%Y-%m-%d %H:%M %:z")
                    .to_string()
            }),
            // The journal and the notes file (the window's own data) are never written over.
            inputs: vec![self.journal_for(cx), cx.notes.path().to_path_buf()],
        };
        let format = self.format;
        if let Some(document) = self.document {
            let mut fields = self.fields.clone();
            fields.resolutions.retain(|_, text| !text.trim().is_empty());
            let remembered = FormalFields::beside(&self.journal_for(cx));
            let force = self.force;
            self.job = Some(Task::spawn(ctx, "export", move || {
                // Remembered for the next export; a failure to remember does not stop it.
                if fields != FormalFields::default() {
                    let _ = fields.save(&remembered);
                }
                let doc = formal::build(document, &data, &fields);
                formal::write(&doc, format, &out, force).map_err(|e| e.message(lang))
            }));
            self.last = None;
            return;
        }
        self.job = Some(Task::spawn_with_progress(ctx, "export", move |report| {
            export::write_with_progress(&data, format, &out, &opts, report)
                .map_err(|e| e.message(lang))
        }));
        self.last = None;
    }

    fn ask_for_path(&mut self, ctx: &egui::Context, cx: &ViewCtx) {
        let format = self.format;
        let name = self
            .quick_path_now(cx)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // rfd can block for long without a portal; never on the UI thread.
        self.dialog = Some(Task::spawn(ctx, "file-dialog", move || {
            let started = std::time::Instant::now();
            let path = if format.is_folder() {
                rfd::FileDialog::new().pick_folder()
            } else {
                rfd::FileDialog::new()
                    .set_file_name(name)
                    .add_filter(format.extension(), &[format.extension()])
                    .save_file()
            };
            (path, started.elapsed())
        }));
    }

    /// Takes what the dialog or the export has finished; the app calls it at the start of
    /// every frame and applies what it returns: the path chosen, as the export to start, and
    /// what the status line should say.
    pub fn poll_tasks(&mut self, lang: Lang) -> Vec<AppCommand> {
        let mut out = Vec::new();
        match poll_slot(&mut self.dialog) {
            Some(Ok((Some(path), _))) => out.push(AppCommand::Export(ExportTo::Chosen(path))),
            // rfd answers None both for a cancel and for a dialog that never opened (no
            // desktop portal or GTK): an answer sooner than a person can cancel is the
            // latter, and is said; the quick export still works.
            Some(Ok((None, took))) if took < NO_DIALOG => {
                let msg = tr(lang, "export.view.no_dialog").into_owned();
                out.push(AppCommand::Status(msg.clone()));
                self.last = Some(Err(msg));
            }
            // Err: the dialog died without an answer; as good as cancelled.
            _ => {}
        }
        match poll_slot(&mut self.job) {
            None => {}
            Some(Ok(result)) => {
                let msg = match &result {
                    Ok(p) => trf(
                        lang,
                        "export.view.done",
                        &[("path", &p.display().to_string())],
                    ),
                    Err(e) => e.clone(),
                };
                out.push(AppCommand::Status(msg));
                self.last = Some(result);
            }
            Some(Err(_lost)) => {
                self.last = Some(Err(tr(lang, "export.view.crashed").into_owned()));
            }
        }
        out
    }
}

/// Adds the votes of the journal at `path` (read-only: the export never writes to it).
fn with_journal(
    data: SummaryData,
    session: &crate::model::Session,
    path: &Path,
    lang: Lang,
) -> Result<SummaryData, String> {
    use crate::journal::{OpenError, Recorder};
    let rec = Recorder::open_read_only(path, session).map_err(|e| match e {
        OpenError::Replay(e) => trf(
            lang,
            "export.view.replay_failed",
            &[("seq", &e.seq.to_string()), ("why", &e.error.message(lang))],
        ),
        e => e.message(lang),
    })?;
    Ok(data.with_tally(session, rec.tally(), &rec.journal().head().to_hex(), lang))
}

/// The notice is named for what the sitting decided, as its title will be
/// ([`formal::notice::title`]).
fn document_label(d: Document, session: &crate::model::Session, lang: Lang) -> String {
    let key = match d {
        Document::Notice if !session.elections.is_empty() && session.motions.is_empty() => {
            "export.view.doc_election_notice"
        }
        Document::Notice if !session.elections.is_empty() => "export.view.doc_vote_election_notice",
        Document::Notice => "export.view.doc_notice",
        Document::Resolution => "export.view.doc_resolution",
        Document::Minutes => "export.view.doc_minutes",
    };
    tr(lang, key).into_owned()
}

fn format_label(f: Format, lang: Lang) -> String {
    let key = match f {
        Format::Md => "export.view.fmt_md",
        Format::Html => "export.view.fmt_html",
        Format::Csv => "export.view.fmt_csv",
        Format::Xlsx => "export.view.fmt_xlsx",
        Format::Pdf => "export.view.fmt_pdf",
        Format::Docx => "export.view.fmt_docx",
    };
    tr(lang, key).into_owned()
}
