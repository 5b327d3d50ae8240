//! 文件 → 新建会议: a sitting prepared from the township's own files, in a window over the app.
//! Pick the report(s) and the roster (a file dialog, or a path typed: it works without a
//! portal), fill in what no file says, read the files, arrange the agenda, review the numbers
//! found, and save; the new session then opens.
//!
//! Reading and saving run [`crate::import::prepare`] as [`Task`]s, and saving goes through
//! [`crate::import::save::save`], the path `delegate-desk new` takes. File dialogs are the
//! app's (one at a time); the view asks for them with [`NewSessionCommand`]s.

mod agenda;
mod election;
mod files;
mod itinerary;
mod numbers;

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, tr, trf};
use crate::import::review::{AgendaEntry, NumberEntry, Review};
use crate::import::save::{SaveError, save};
use crate::import::{Prepared, Request, is_iso_date, prepare, review};
use crate::ui::task::{Task, poll_slot};
use crate::ui::view::AppCommand;
use crate::ui::virtual_list::VirtualList;

/// What the dialog asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum NewSessionCommand {
    /// Open a file dialog for report(s), the roster or where to save.
    PickReports,
    PickRoster,
    PickOutput,
    /// What a file dialog answered.
    AddReports(Vec<PathBuf>),
    SetRoster(PathBuf),
    SetOutput(PathBuf),
    /// Read the files (in the background).
    Read,
    /// Save (in the background); `overwrite` once the secretary said to replace the file.
    Save {
        overwrite: bool,
    },
    Close,
}

/// The facts no file holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub title: String,
    pub congress: String,
    pub town: String,
    pub date: String,
    pub term: String,
    pub session: String,
    pub seats: String,
    pub venue: String,
    pub presiding_body: String,
}

/// The files as read: what they gave, and the secretary's review of it.
pub struct ReadFiles {
    /// The files and the year the numbers were read with: a change asks for a new reading.
    key: ReadKey,
    pub documents: Vec<DocumentRead>,
    pub delegates: usize,
    pub notes: Vec<String>,
    /// Where each number was read ("“…” — file, paragraph n").
    pub sources: Vec<String>,
    pub review: Review,
}

/// A document as read, for the summary and the agenda's choice of document.
pub struct DocumentRead {
    pub id: String,
    pub title: String,
    pub sections: usize,
    pub paragraphs: usize,
}

#[derive(Clone, Debug, PartialEq)]
struct ReadKey {
    reports: Vec<PathBuf>,
    roster: Option<PathBuf>,
    sheet: String,
    year: Option<String>,
}

/// What reading the files gave: the prepared sitting, and the seats proposed from the
/// roster when none were typed.
type Reading = (Prepared, Option<u32>);

/// How a save ended.
pub enum Saved {
    Done {
        path: PathBuf,
        warnings: usize,
    },
    /// The file exists; the secretary is asked before it is replaced.
    Exists(PathBuf),
    Failed(String),
}

#[derive(Default)]
pub struct NewSessionView {
    pub reports: Vec<PathBuf>,
    /// A report's path being typed.
    pub report_text: String,
    pub roster_text: String,
    pub sheet: String,
    pub facts: Facts,
    pub output_text: String,
    pub read: Option<ReadFiles>,
    /// Why the last reading or saving failed, naming the file.
    pub error: Option<String>,
    /// The output exists: replace it?
    pub ask_overwrite: Option<PathBuf>,
    /// The output as chosen in the save dialog, which asked before replacing a file.
    chosen_output: Option<PathBuf>,
    reading: Option<Task<Result<Reading, String>>>,
    saving: Option<Task<Saved>>,
    numbers_list: VirtualList,
}

impl NewSessionView {
    pub fn is_busy(&self) -> bool {
        self.reading.is_some() || self.saving.is_some()
    }

    fn roster(&self) -> Option<PathBuf> {
        let t = self.roster_text.trim();
        (!t.is_empty()).then(|| PathBuf::from(t))
    }

    fn key(&self) -> ReadKey {
        ReadKey {
            reports: self.reports.clone(),
            roster: self.roster(),
            sheet: self.sheet.trim().to_string(),
            year: self.facts.date.trim().get(..4).map(str::to_string),
        }
    }

    /// Whether the files or the date changed since they were read.
    pub fn is_stale(&self) -> bool {
        self.read.as_ref().is_some_and(|r| r.key != self.key())
    }

    /// The request for `prepare`, from what is typed; `seats` as given.
    fn request(&self, lang: Lang, seats: u32) -> Request {
        let opt = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        let f = &self.facts;
        let out = PathBuf::from(self.output_text.trim());
        let id = out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| format!("session-{}", f.date.trim()));
        Request {
            reports: self.reports.clone(),
            roster: self.roster(),
            sheet: opt(&self.sheet),
            title: f.title.trim().to_string(),
            date: f.date.trim().to_string(),
            seats,
            congress: opt(&f.congress),
            town: opt(&f.town),
            venue: opt(&f.venue),
            presiding_body: opt(&f.presiding_body),
            term: f.term.trim().parse().ok(),
            session: f.session.trim().parse().ok(),
            id,
            accept_indicators: false,
            lang,
            from_window: true,
        }
    }

    /// What must be typed before saving, one line each; empty when it can be saved.
    pub fn missing(&self, lang: Lang) -> Vec<String> {
        let f = &self.facts;
        let mut out = Vec::new();
        let mut need = |ok: bool, key: &str| {
            if !ok {
                out.push(tr(lang, key).into_owned());
            }
        };
        need(!self.reports.is_empty(), "new_session.need.report");
        need(self.read.is_some(), "new_session.need.read");
        need(!self.is_stale(), "new_session.need.read_again");
        need(!f.title.trim().is_empty(), "new_session.need.title");
        need(is_iso_date(f.date.trim()), "new_session.need.date");
        need(
            f.seats.trim().parse::<u32>().is_ok_and(|n| n > 0),
            "new_session.need.seats",
        );
        for t in [&f.term, &f.session] {
            need(
                t.trim().is_empty() || t.trim().parse::<u32>().is_ok(),
                "new_session.need.ordinal",
            );
        }
        need(
            !self.output_text.trim().is_empty(),
            "new_session.need.output",
        );
        if let Some(r) = &self.read {
            for (i, n) in r.review.numbers.iter().enumerate() {
                if let Some(why) = n.problem(lang) {
                    out.push(trf(
                        lang,
                        "import.review.number_row",
                        &[("row", &(i + 1).to_string()), ("what", &why)],
                    ));
                }
            }
            for (i, a) in r.review.agenda.iter().enumerate() {
                if let Some(e) = a.problem(i + 1, lang) {
                    out.push(e.message(lang));
                }
            }
        }
        out.dedup();
        out
    }

    /// Applies what the dialog asked for (the app routes file dialogs itself).
    pub fn apply(&mut self, c: NewSessionCommand, ctx: &egui::Context, lang: Lang) {
        match c {
            NewSessionCommand::AddReports(paths) => {
                for p in paths {
                    if !self.reports.contains(&p) {
                        self.reports.push(p);
                    }
                }
            }
            NewSessionCommand::SetRoster(p) => self.roster_text = p.display().to_string(),
            NewSessionCommand::SetOutput(p) => {
                self.output_text = p.display().to_string();
                self.ask_overwrite = None;
                self.chosen_output = Some(p);
            }
            NewSessionCommand::Read => self.start_reading(ctx, lang),
            NewSessionCommand::Save { overwrite } => self.start_saving(ctx, lang, overwrite),
            NewSessionCommand::PickReports
            | NewSessionCommand::PickRoster
            | NewSessionCommand::PickOutput
            | NewSessionCommand::Close => {}
        }
    }

    fn start_reading(&mut self, ctx: &egui::Context, lang: Lang) {
        if self.is_busy() {
            return;
        }
        let seats = self.facts.seats.trim().parse::<u32>().ok();
        let req = self.request(lang, seats.unwrap_or(0));
        self.error = None;
        self.reading = Some(Task::spawn(ctx, "new-session-read", move || {
            let mut req = req;
            match seats {
                Some(_) => prepare(&req)
                    .map(|p| (p, None))
                    .map_err(|e| e.message(lang)),
                None => {
                    // Seats not typed yet: the roster's length is proposed, and the files
                    // are read again with it so the notes say nothing of a made-up number.
                    req.seats = if req.roster.is_some() { u32::MAX } else { 0 };
                    let first = prepare(&req).map_err(|e| e.message(lang))?;
                    let n = first
                        .session
                        .roster
                        .iter()
                        .filter(|d| !d.placeholder)
                        .count();
                    let n = u32::try_from(n).unwrap_or(u32::MAX);
                    if req.roster.is_none() || n == 0 {
                        return Ok((first, None));
                    }
                    req.seats = n;
                    prepare(&req)
                        .map(|p| (p, Some(n)))
                        .map_err(|e| e.message(lang))
                }
            }
        }));
    }

    fn start_saving(&mut self, ctx: &egui::Context, lang: Lang, overwrite: bool) {
        if self.is_busy() || !self.missing(lang).is_empty() {
            return;
        }
        let Some(read) = &self.read else {
            return;
        };
        let seats = self.facts.seats.trim().parse::<u32>().unwrap_or(0);
        let req = self.request(lang, seats);
        let review = read.review.clone();
        let out = PathBuf::from(self.output_text.trim());
        // The save dialog already asked before replacing the file it gave.
        let overwrite = overwrite || self.chosen_output.as_ref() == Some(&out);
        self.error = None;
        self.ask_overwrite = None;
        self.saving = Some(Task::spawn(ctx, "new-session-save", move || {
            save_new(&req, &review, &out, overwrite, lang)
        }));
    }

    /// Takes what reading or saving has finished; the app calls it at the start of every
    /// frame and applies what it returns.
    pub fn poll_tasks(&mut self, lang: Lang) -> Vec<AppCommand> {
        let mut out = Vec::new();
        match poll_slot(&mut self.reading) {
            None => {}
            Some(Ok(Ok((p, seats)))) => {
                if let Some(n) = seats {
                    self.facts.seats = n.to_string();
                }
                self.took(p);
            }
            Some(Ok(Err(why))) => self.error = Some(why),
            Some(Err(_lost)) => self.error = Some(tr(lang, "new_session.crashed").into_owned()),
        }
        match poll_slot(&mut self.saving) {
            None => {}
            Some(Ok(Saved::Done { path, warnings })) => {
                out.push(AppCommand::OpenPath(path.clone()));
                out.push(AppCommand::Status(trf(
                    lang,
                    "new_session.saved",
                    &[
                        ("path", &path.display().to_string()),
                        ("warnings", &warnings.to_string()),
                    ],
                )));
                out.push(AppCommand::NewSession(NewSessionCommand::Close));
            }
            Some(Ok(Saved::Exists(p))) => self.ask_overwrite = Some(p),
            Some(Ok(Saved::Failed(why))) => self.error = Some(why),
            Some(Err(_lost)) => self.error = Some(tr(lang, "new_session.crashed").into_owned()),
        }
        out
    }

    /// Keeps what the files gave, with everything proposed: each report an agenda item, each
    /// number kept.
    fn took(&mut self, p: Prepared) {
        let s = &p.session;
        self.read = Some(ReadFiles {
            key: self.key(),
            documents: s
                .documents
                .iter()
                .map(|d| DocumentRead {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    sections: d.sections.len(),
                    paragraphs: d.sections.iter().map(|x| x.paragraphs.len()).sum(),
                })
                .collect(),
            delegates: s.roster.iter().filter(|d| !d.placeholder).count(),
            notes: p.notes.clone(),
            sources: p.proposals.iter().map(|x| x.comment.clone()).collect(),
            review: Review {
                agenda: AgendaEntry::from_prepared(&p),
                numbers: NumberEntry::from_prepared(&p),
            },
        });
        self.numbers_list = VirtualList::default();
    }

    /// The dialog, over the app; its ✕ asks the app to close it.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang, commands: &mut Vec<AppCommand>) {
        let mut open = true;
        egui::Window::new(tr(lang, "new_session.title"))
            .id(egui::Id::unique("new_session_window"))
            .open(&mut open)
            .default_size([940.0, 660.0])
            .min_width(640.0)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("new_session_scroll")
                    .auto_shrink([false, true])
                    .show(ui, |ui| self.contents_ui(ui, lang, commands));
            });
        if !open {
            commands.push(AppCommand::NewSession(NewSessionCommand::Close));
        }
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, lang: Lang, commands: &mut Vec<AppCommand>) {
        let send = |commands: &mut Vec<AppCommand>, c| commands.push(AppCommand::NewSession(c));
        ui.label(egui::RichText::new(tr(lang, "new_session.intro")).weak());
        ui.add_space(6.0);

        section_heading_ui(ui, &tr(lang, "new_session.files"));
        files::files_ui(ui, self, lang, commands);
        ui.add_space(6.0);

        section_heading_ui(ui, &tr(lang, "new_session.facts"));
        self.facts_ui(ui, lang);
        ui.add_space(6.0);

        ui.horizontal(|ui| {
            let can = !self.reports.is_empty() && !self.is_busy();
            if ui
                .add_enabled(can, egui::Button::new(tr(lang, "new_session.read")))
                .clicked()
            {
                send(commands, NewSessionCommand::Read);
            }
            if self.reading.is_some() {
                ui.spinner();
                ui.label(tr(lang, "new_session.reading"));
            } else if self.is_stale() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    tr(lang, "new_session.need.read_again"),
                );
            }
        });
        if let Some(why) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }

        if let Some(read) = &mut self.read {
            ui.add_space(6.0);
            files::summary_ui(ui, read, lang);
            ui.add_space(6.0);
            section_heading_ui(ui, &tr(lang, "new_session.agenda"));
            agenda::agenda_ui(ui, read, lang);
            ui.add_space(6.0);
            section_heading_ui(
                ui,
                &trf(
                    lang,
                    "new_session.numbers",
                    &[("n", &read.review.numbers.len().to_string())],
                ),
            );
            numbers::numbers_ui(ui, read, &mut self.numbers_list, lang);
        }

        ui.add_space(6.0);
        section_heading_ui(ui, &tr(lang, "new_session.save_heading"));
        self.save_ui(ui, lang, commands);
    }

    fn facts_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let f = &mut self.facts;
        egui::Grid::new("new_session_facts")
            .num_columns(4)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let rows: [[(&str, &mut String, &str); 2]; 5] = [
                    [
                        (
                            "new_session.field.title",
                            &mut f.title,
                            "new_session.hint.title",
                        ),
                        (
                            "new_session.field.date",
                            &mut f.date,
                            "new_session.hint.date",
                        ),
                    ],
                    [
                        (
                            "new_session.field.congress",
                            &mut f.congress,
                            "new_session.hint.congress",
                        ),
                        (
                            "new_session.field.town",
                            &mut f.town,
                            "new_session.hint.town",
                        ),
                    ],
                    [
                        (
                            "new_session.field.term",
                            &mut f.term,
                            "new_session.hint.term",
                        ),
                        (
                            "new_session.field.session",
                            &mut f.session,
                            "new_session.hint.session",
                        ),
                    ],
                    [
                        (
                            "new_session.field.seats",
                            &mut f.seats,
                            "new_session.hint.seats",
                        ),
                        (
                            "new_session.field.venue",
                            &mut f.venue,
                            "new_session.hint.venue",
                        ),
                    ],
                    [
                        (
                            "new_session.field.presiding",
                            &mut f.presiding_body,
                            "new_session.hint.presiding",
                        ),
                        ("", &mut String::new(), ""),
                    ],
                ];
                for row in rows {
                    for (key, value, hint) in row {
                        if key.is_empty() {
                            continue;
                        }
                        let label = ui.label(tr(lang, key));
                        // Sized, not a desired width: a grid column other than the last is
                        // only as wide as it was last frame.
                        let size = [280.0, ui.spacing().interact_size.y];
                        ui.add_sized(
                            size,
                            egui::TextEdit::singleline(value).hint_text(tr(lang, hint)),
                        )
                        .labelled_by(label.id);
                    }
                    ui.end_row();
                }
            });
    }

    fn save_ui(&mut self, ui: &mut egui::Ui, lang: Lang, commands: &mut Vec<AppCommand>) {
        let send = |commands: &mut Vec<AppCommand>, c| commands.push(AppCommand::NewSession(c));
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "new_session.output"));
            ui.add(
                egui::TextEdit::singleline(&mut self.output_text)
                    .hint_text(tr(lang, "new_session.hint.output"))
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
            if ui.button(tr(lang, "new_session.choose_output")).clicked() {
                send(commands, NewSessionCommand::PickOutput);
            }
        });
        let missing = self.missing(lang);
        for m in &missing {
            ui.label(egui::RichText::new(format!("· {m}")).weak());
        }
        ui.horizontal(|ui| {
            let can = missing.is_empty() && !self.is_busy();
            if ui
                .add_enabled(can, egui::Button::new(tr(lang, "new_session.save")))
                .clicked()
            {
                send(commands, NewSessionCommand::Save { overwrite: false });
            }
            if ui.button(tr(lang, "new_session.cancel")).clicked() {
                send(commands, NewSessionCommand::Close);
            }
            if self.saving.is_some() {
                ui.spinner();
                ui.label(tr(lang, "new_session.saving"));
            }
        });
        if let Some(p) = self.ask_overwrite.clone() {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    trf(
                        lang,
                        "new_session.exists",
                        &[("path", &p.display().to_string())],
                    ),
                );
                if ui.button(tr(lang, "new_session.overwrite")).clicked() {
                    send(commands, NewSessionCommand::Save { overwrite: true });
                }
                if ui.button(tr(lang, "new_session.keep")).clicked() {
                    self.ask_overwrite = None;
                }
            });
        }
    }
}

fn section_heading_ui(ui: &mut egui::Ui, text: &str) {
    ui.separator();
    ui.label(egui::RichText::new(text).strong().size(16.0));
}

/// Prepares the sitting from the files again with the facts as typed, applies the review and
/// saves it, as `delegate-desk new` does.
fn save_new(req: &Request, review: &Review, out: &Path, overwrite: bool, lang: Lang) -> Saved {
    let mut p = match prepare(req) {
        Ok(p) => p,
        Err(e) => return Saved::Failed(e.message(lang)),
    };
    if let Err(e) = review::apply(&mut p, review) {
        return Saved::Failed(e.message(lang));
    }
    let inputs: Vec<&Path> = req
        .reports
        .iter()
        .chain(req.roster.iter())
        .map(PathBuf::as_path)
        .collect();
    match save(&p, out, &inputs, overwrite) {
        Ok(warnings) => Saved::Done {
            path: out.to_path_buf(),
            warnings: warnings.len(),
        },
        Err(SaveError::Exists(_)) => Saved::Exists(out.to_path_buf()),
        Err(e) => Saved::Failed(e.message(lang)),
    }
}
