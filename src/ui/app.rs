//! The app: the open session, the views, and the once-per-frame application of commands.

use std::path::{Path, PathBuf};

use super::command::UiCommand;
use super::prefs::{MAX_ZOOM, MIN_ZOOM, PREFS_KEY, Prefs};
use super::segments::{Look, SegmentLabels, segments_ui};
use super::task::{Task, poll_slot};
use super::view::{AppCommand, View, ViewCtx, ViewUi};
use super::views;
use super::views::new_session::NewSessionCommand;
use crate::i18n::{Lang, tr, trf};
use crate::model::{self, Diagnostic, LoadError, Loaded};
use crate::notes::{Anchors, NotesStore, SessionIndex};
use crate::ui::tip::Tip;

/// A session that is open in the window, with the delegate's notes for it.
pub struct OpenSession {
    pub loaded: Loaded,
    /// None for the bundled session.
    pub path: Option<PathBuf>,
    pub notes: NotesStore,
    /// Where each note sits; recomputed whenever the notes change.
    pub anchors: Anchors,
    /// Bumped on every change to the notes; unique across sessions opened in this run.
    pub notes_rev: u64,
}

/// A fresh revision number (a process-wide counter, so two sessions never share one).
fn next_rev() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static REV: AtomicU64 = AtomicU64::new(1);
    REV.fetch_add(1, Ordering::Relaxed)
}

impl OpenSession {
    /// What a view is given to draw itself (or to apply a command of its own).
    fn view_ctx<'a>(
        &'a self,
        lang: Lang,
        data_dir: &'a Path,
        commands: &'a mut Vec<AppCommand>,
    ) -> ViewCtx<'a> {
        ViewCtx {
            session: &self.loaded.session,
            lang,
            notes: &self.notes,
            anchors: &self.anchors,
            notes_rev: self.notes_rev,
            data_dir,
            commands,
        }
    }

    fn refresh_anchors(&mut self) {
        self.anchors = Anchors::compute(&self.loaded.session, self.notes.notes());
        self.notes_rev = next_rev();
    }
}

/// A file that failed to open: shown in a panel, while the previous session stays open.
pub struct Problems {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
    /// For unreadable files: the OS error.
    pub io_error: Option<String>,
}

/// What a background file dialog came back with.
enum DialogResult {
    OpenSession(Option<PathBuf>),
    ExportNotes(Option<PathBuf>),
    ImportNotes(Option<PathBuf>),
    NewSessionReports(Option<Vec<PathBuf>>),
    NewSessionRoster(Option<PathBuf>),
    NewSessionOutput(Option<PathBuf>),
}

pub struct DeskApp {
    pub prefs: Prefs,
    pub open: Option<OpenSession>,
    pub problems: Option<Problems>,
    /// The last status message (saved, exported, errors that need no panel).
    pub status: Option<String>,
    /// Where notes live; the user data folder unless a test says otherwise.
    data_dir: PathBuf,
    pending: Vec<AppCommand>,
    dialog: Option<Task<DialogResult>>,
    /// Files and folders being opened by the desktop.
    openings: Vec<Task<super::open_externally::Opened>>,
    /// Charts being saved as pictures.
    chart_saves: Vec<views::indicators::chart_png::ChartSave>,
    pub overview: views::overview::OverviewView,
    pub report: views::report::ReportView,
    pub indicators: views::indicators::IndicatorsView,
    pub votes: views::votes::VotesView,
    pub itinerary: views::itinerary::ItineraryView,
    pub export: views::export::ExportView,
    pub notes_panel: views::notes_panel::NotesPanel,
    pub note_editor: Option<views::note_editor::NoteEditor>,
    /// The 新建会议 dialog, while it is open.
    pub new_session: Option<views::new_session::NewSessionView>,
    palette: views::palette::Palette,
    /// The second window for the hall's projector.
    pub projector: super::projector::Projector,
    applied_zoom: Option<f32>,
    applied_dark: Option<bool>,
}

impl DeskApp {
    /// The app as the window starts it: preferences from eframe storage, then the session
    /// from the command line, else the last one, else the bundled one.
    pub fn new(cc: &eframe::CreationContext<'_>, start: &crate::ui::Start) -> Self {
        crate::fonts::install_fonts(&cc.egui_ctx);
        let mut prefs = Prefs::load(cc.storage);
        if let Some(lang) = start.lang {
            prefs.lang = lang;
        }
        if let Some(v) = start.view {
            prefs.view = v;
        }
        let mut app = Self::with_prefs(prefs, crate::storage::data_dir());
        let start = start
            .file
            .clone()
            .or_else(|| app.prefs.last_session.clone());
        match start {
            Some(path) => {
                app.open_path(&path);
                if app.open.is_none() {
                    // Say it on the command line too; the window shows the same list.
                    if let Some(p) = &app.problems {
                        if let Some(io) = &p.io_error {
                            eprintln!("{}: {io}", p.file);
                        }
                        for d in &p.diagnostics {
                            eprintln!("{d}");
                        }
                    }
                    let problems = app.problems.take();
                    app.open_bundled();
                    if problems.is_some() {
                        app.problems = problems;
                    }
                }
            }
            None => app.open_bundled(),
        }
        app
    }

    /// An app with no session open yet, storing notes under `data_dir` (tests pass a temp dir).
    pub fn with_prefs(prefs: Prefs, data_dir: PathBuf) -> Self {
        Self {
            prefs,
            open: None,
            problems: None,
            status: None,
            data_dir,
            pending: Vec::new(),
            dialog: None,
            chart_saves: Vec::new(),
            openings: Vec::new(),
            overview: Default::default(),
            report: Default::default(),
            indicators: Default::default(),
            votes: Default::default(),
            itinerary: Default::default(),
            export: Default::default(),
            notes_panel: Default::default(),
            note_editor: None,
            new_session: None,
            palette: Default::default(),
            projector: Default::default(),
            applied_zoom: None,
            applied_dark: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Opens the bundled Jiujiang session.
    pub fn open_bundled(&mut self) {
        match model::load_bundled(self.lang()) {
            Ok(loaded) => {
                self.install(loaded, None);
                self.prefs.last_session = None;
            }
            Err(e) => self.show_load_error(model::BUNDLED_NAME, e),
        }
    }

    /// Opens a session that is already loaded (tests, sessions built in memory).
    pub fn open_loaded(&mut self, loaded: Loaded) {
        self.install(loaded, None);
    }

    /// Opens a session file. On failure the diagnostics are shown and the session that was
    /// open stays open.
    pub fn open_path(&mut self, path: &Path) {
        match model::load_path(path, self.lang()) {
            Ok(loaded) => {
                self.install(loaded, Some(path.to_path_buf()));
                self.prefs.remember(path.to_path_buf());
            }
            Err(e) => self.show_load_error(&path.display().to_string(), e),
        }
    }

    fn show_load_error(&mut self, file: &str, e: LoadError) {
        self.problems = Some(match e {
            LoadError::Io { source, .. } => Problems {
                file: file.to_string(),
                diagnostics: Vec::new(),
                io_error: Some(source.to_string()),
            },
            LoadError::Invalid(diagnostics) => Problems {
                file: file.to_string(),
                diagnostics,
                io_error: None,
            },
        });
    }

    fn install(&mut self, loaded: Loaded, path: Option<PathBuf>) {
        // Flush the notes of the session being replaced before opening the next.
        self.close_session();
        let path_for_notes = crate::notes::notes_path_in(&self.data_dir, &loaded.session.id);
        let (mut notes, warning) = match NotesStore::open_at(&path_for_notes, &loaded.session.id) {
            Ok(x) => x,
            Err(e) => {
                // The notes file exists but cannot be read (permissions, a folder in the
                // way): keep working with no notes shown, and say so; nothing is overwritten
                // because saving will fail the same way and report it.
                self.status = Some(e.message(self.prefs.lang));
                match NotesStore::open_at(
                    &self.data_dir.join("notes").join(".unavailable.json"),
                    &loaded.session.id,
                ) {
                    Ok(x) => x,
                    Err(_) => return,
                }
            }
        };
        if let Some(w) = warning {
            self.status = Some(w.message(self.prefs.lang));
        }
        let anchors = notes.reattach(&SessionIndex::new(&loaded.session));
        self.problems = if loaded.warnings.is_empty() {
            None
        } else {
            Some(Problems {
                file: loaded.name.clone(),
                diagnostics: loaded.warnings.clone(),
                io_error: None,
            })
        };
        self.report.reset(&loaded.session, &self.prefs);
        self.indicators = Default::default();
        self.itinerary = Default::default();
        self.votes = Default::default();
        self.open = Some(OpenSession {
            loaded,
            path,
            notes,
            anchors,
            notes_rev: next_rev(),
        });
    }

    /// Saves notes and closes the session.
    pub fn close_session(&mut self) {
        let lang = self.prefs.lang;
        if let Some(open) = self.open.as_mut() {
            if let Err(e) = open.notes.save() {
                self.status = Some(trf(
                    lang,
                    "status.notes_save_failed",
                    &[("why", &e.message(self.prefs.lang))],
                ));
            }
            self.report
                .remember_positions(&open.loaded.session, &mut self.prefs);
        }
        self.open = None;
        self.note_editor = None;
    }

    /// Queues a command, as a menu or shortcut would.
    pub fn send(&mut self, c: AppCommand) {
        self.pending.push(c);
    }

    /// Draws one frame into `ui` (the whole window) and applies what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_look(&ctx);
        if let Some(c) = UiCommand::from_input(&ctx) {
            self.pending.push(AppCommand::Ui(c));
        }
        self.poll_tasks(&ctx);
        self.take_dropped_files(&ctx);

        self.top_bar_ui(ui);
        self.status_bar_ui(ui);
        if self.prefs.notes_panel.on(self.prefs.view)
            && let Some(open) = &self.open
        {
            let mut cx = open.view_ctx(self.prefs.lang, &self.data_dir, &mut self.pending);
            self.notes_panel.ui(ui, &mut cx);
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
        self.show_projector(&ctx);
        self.problems_ui(&ctx);
        if let Some(dialog) = self.new_session.as_mut() {
            dialog.ui(&ctx, self.prefs.lang, &mut self.pending);
        }
        self.palette.ui(ui, self.prefs.lang, &mut self.pending);
        if let (Some(editor), Some(open)) = (self.note_editor.as_mut(), &self.open) {
            let mut cx = open.view_ctx(self.prefs.lang, &self.data_dir, &mut self.pending);
            editor.ui(ui, &mut cx);
        }

        if !self.pending.is_empty() {
            // The state changes after this frame was drawn: draw it again.
            ctx.request_repaint();
        }
        // What applying a command asks for in turn (a status line) is applied now too.
        while !self.pending.is_empty() {
            for c in std::mem::take(&mut self.pending) {
                self.apply(c, &ctx);
            }
        }
        self.save_notes_if_due(&ctx);
    }

    /// Takes what background work has finished (each task woke the window when it did) and
    /// queues what follows from it, to be applied with this frame's commands.
    fn poll_tasks(&mut self, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        // Err: the dialog died without an answer; None inside: the person cancelled.
        if let Some(Ok(answer)) = poll_slot(&mut self.dialog) {
            match answer {
                DialogResult::OpenSession(Some(p)) => self.pending.push(AppCommand::OpenPath(p)),
                DialogResult::ExportNotes(Some(p)) => {
                    self.pending.push(AppCommand::ExportNotesTo(p))
                }
                DialogResult::ImportNotes(Some(p)) => {
                    self.pending.push(AppCommand::ImportNotesFrom(p))
                }
                DialogResult::NewSessionReports(Some(p)) => self
                    .pending
                    .push(AppCommand::NewSession(NewSessionCommand::AddReports(p))),
                DialogResult::NewSessionRoster(Some(p)) => self
                    .pending
                    .push(AppCommand::NewSession(NewSessionCommand::SetRoster(p))),
                DialogResult::NewSessionOutput(Some(p)) => self
                    .pending
                    .push(AppCommand::NewSession(NewSessionCommand::SetOutput(p))),
                _ => {}
            }
        }
        if let Some(dialog) = self.new_session.as_mut() {
            let done = dialog.poll_tasks(lang);
            self.pending.extend(done);
        }
        let votes = self.votes.poll_tasks(lang);
        self.pending.extend(votes);
        let export = self.export.poll_tasks(lang);
        self.pending.extend(export);
        let mut j = 0;
        while j < self.openings.len() {
            match self.openings[j].poll() {
                None => j += 1,
                Some(done) => {
                    self.openings.swap_remove(j);
                    // Err(Lost): the thread died; as good as not opened.
                    let failed = match done {
                        Ok(Ok(_)) => None,
                        Ok(Err((path, why))) => Some((path.display().to_string(), why)),
                        Err(_) => Some((String::new(), String::new())),
                    };
                    if let Some((path, why)) = failed {
                        self.pending.push(AppCommand::Status(trf(
                            lang,
                            "status.open_failed",
                            &[("path", &path), ("why", &why)],
                        )));
                    }
                }
            }
        }
        let mut i = 0;
        while i < self.chart_saves.len() {
            let Some(done) = self.chart_saves[i].poll(ctx) else {
                i += 1;
                continue;
            };
            self.chart_saves.swap_remove(i);
            let said = match done {
                Ok(path) => trf(
                    lang,
                    "indicators.saved_png",
                    &[("path", &path.display().to_string())],
                ),
                Err(e) => {
                    let why = match e {
                        views::indicators::chart_png::ChartPngError::Empty => {
                            tr(lang, "indicators.png_empty").into_owned()
                        }
                        e => e.to_string(),
                    };
                    trf(lang, "indicators.save_png_failed", &[("why", &why)])
                }
            };
            self.pending.push(AppCommand::Status(said));
        }
    }

    fn apply_look(&mut self, ctx: &egui::Context) {
        if self.applied_zoom.is_none() {
            super::look::install_desk_style(ctx);
        }
        if self.applied_zoom != Some(self.prefs.zoom) {
            ctx.set_zoom_factor(self.prefs.zoom);
            self.applied_zoom = Some(self.prefs.zoom);
        }
        if self.applied_dark != Some(self.prefs.dark) {
            ctx.set_theme(if self.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_dark = Some(self.prefs.dark);
        }
    }

    fn save_notes_if_due(&mut self, ctx: &egui::Context) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        match open.notes.save_if_due(std::time::Instant::now()) {
            Ok(true) => {}
            Ok(false) => {}
            Err(e) => {
                self.status = Some(trf(
                    self.prefs.lang,
                    "status.notes_save_failed",
                    &[("why", &e.message(self.prefs.lang))],
                ));
            }
        }
        if open.notes.is_dirty() {
            // Come back soon to save: within a second of the change, even if idle.
            ctx.request_repaint_after(std::time::Duration::from_millis(300));
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.prefs.lang;
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button(tr(lang, "menu.file"), |ui| {
                    self.command_button(ui, UiCommand::NewSession);
                    self.command_button(ui, UiCommand::OpenSession);
                    self.command_button(ui, UiCommand::OpenBundled);
                    ui.menu_button(tr(lang, "menu.recent"), |ui| {
                        if self.prefs.recent.is_empty() {
                            ui.label(tr(lang, "menu.recent_empty"));
                        }
                        for p in self.prefs.recent.clone() {
                            if ui.button(p.display().to_string()).clicked() {
                                self.pending.push(AppCommand::OpenPath(p));
                            }
                        }
                    });
                    self.command_button(ui, UiCommand::CloseSession);
                    ui.separator();
                    self.command_button(ui, UiCommand::Quit);
                });
                ui.menu_button(tr(lang, "menu.view"), |ui| {
                    for v in View::ALL {
                        self.command_button(ui, UiCommand::Show(v));
                    }
                    ui.separator();
                    self.command_button(ui, UiCommand::ToggleNotesPanel);
                    self.command_button(ui, UiCommand::ToggleProjector);
                    self.command_button(ui, UiCommand::ZoomIn);
                    self.command_button(ui, UiCommand::ZoomOut);
                    self.command_button(ui, UiCommand::ZoomReset);
                    self.command_button(ui, UiCommand::ToggleTheme);
                    self.command_button(ui, UiCommand::ToggleLanguage);
                    self.command_button(ui, UiCommand::CommandPalette);
                });
                ui.menu_button(tr(lang, "menu.notes"), |ui| {
                    self.command_button(ui, UiCommand::UndoNote);
                    self.command_button(ui, UiCommand::ExportNotes);
                    self.command_button(ui, UiCommand::ImportNotes);
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let other = match lang {
                        Lang::Zh => "English",
                        Lang::En => "中文",
                    };
                    if ui
                        .button(other)
                        .tip(|| UiCommand::ToggleLanguage.tooltip(&ctx, lang))
                        .clicked()
                    {
                        self.pending.push(AppCommand::Ui(UiCommand::ToggleLanguage));
                    }
                });
            });
            // The views' tabs, drawn on every frame of every view: one strip (src/ui/segments.rs).
            let texts = View::ALL.map(|v| tr(lang, v.label_key()));
            let labels = SegmentLabels::new(ui, texts.each_ref().map(|t| t.as_ref()));
            let selected = View::ALL.iter().position(|v| *v == self.prefs.view);
            ui.horizontal(|ui| {
                let look = Look::Selectable { selected };
                let name = |i: usize| labels.text(i).to_owned();
                segments_ui(ui, &labels, look, true, name, |i, r| {
                    let v = View::ALL[i];
                    if r.tip(|| UiCommand::Show(v).tooltip(&ctx, lang)).clicked() {
                        self.pending.push(AppCommand::Ui(UiCommand::Show(v)));
                    }
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.desk_controls_ui(ui);
                });
            });
        });
    }

    /// Beside the tabs, where older eyes find them without the menu: larger and smaller
    /// text, and this view's notes panel.
    fn desk_controls_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.prefs.lang;
        let ctx = ui.ctx().clone();
        for (text, c) in [("A+", UiCommand::ZoomIn), ("A−", UiCommand::ZoomOut)] {
            let b = egui::Button::new(egui::RichText::new(text).strong())
                .min_size(egui::vec2(36.0, 0.0));
            if ui.add(b).tip(|| c.tooltip(&ctx, lang)).clicked() {
                self.pending.push(AppCommand::Ui(c));
            }
        }
        ui.separator();
        let shown = self.prefs.notes_panel.on(self.prefs.view);
        if ui
            .selectable_label(shown, tr(lang, "desk.notes_panel"))
            .tip(|| UiCommand::ToggleNotesPanel.tooltip(&ctx, lang))
            .clicked()
        {
            self.pending
                .push(AppCommand::Ui(UiCommand::ToggleNotesPanel));
        }
    }

    fn command_button(&mut self, ui: &mut egui::Ui, c: UiCommand) {
        let lang = self.prefs.lang;
        let b = egui::Button::new(c.label(lang)).shortcut_text(c.shortcut_text(ui.ctx()));
        if ui.add(b).tip(|| c.tooltip(ui.ctx(), lang)).clicked() {
            self.pending.push(AppCommand::Ui(c));
            ui.close();
        }
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.prefs.lang;
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                match &self.open {
                    Some(open) => {
                        ui.label(&open.loaded.session.congress.title);
                        ui.separator();
                        let from = match &open.path {
                            Some(p) => p.display().to_string(),
                            None => tr(lang, "status.bundled").into_owned(),
                        };
                        ui.label(from);
                        ui.separator();
                        let saved = if open.notes.is_dirty() {
                            tr(lang, "status.notes_unsaved")
                        } else {
                            tr(lang, "status.notes_saved")
                        };
                        ui.label(saved)
                            .tip(|| open.notes.path().display().to_string());
                    }
                    None => {
                        ui.label(tr(lang, "status.no_session"));
                    }
                }
                if let Some(s) = &self.status {
                    ui.separator();
                    ui.label(s);
                }
            });
        });
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.prefs.lang;
        let Some(open) = &self.open else {
            ui.heading(tr(lang, "status.no_session"));
            if ui.button(UiCommand::OpenBundled.label(lang)).clicked() {
                self.pending.push(AppCommand::Ui(UiCommand::OpenBundled));
            }
            return;
        };
        let mut cx = open.view_ctx(lang, &self.data_dir, &mut self.pending);
        match self.prefs.view {
            View::Overview => self.overview.ui(ui, &mut cx),
            View::Report => self.report.ui(ui, &mut cx),
            View::Indicators => self.indicators.ui(ui, &mut cx),
            View::Votes => self.votes.ui(ui, &mut cx),
            View::Itinerary => self.itinerary.ui(ui, &mut cx),
            View::Export => {
                // Export the votes the Votes view shows, whichever journal that is.
                self.export.journal = self.votes.journal_path().map(Path::to_path_buf);
                self.export.ui(ui, &mut cx)
            }
        }
    }

    /// The projector window, while open: the tally the Votes view follows, as its content.
    fn show_projector(&mut self, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        let Some(open) = &self.open else {
            return;
        };
        if !self.projector.is_open() {
            return;
        }
        let session = &open.loaded.session;
        let cx = open.view_ctx(lang, &self.data_dir, &mut self.pending);
        self.votes.follow(ctx, &cx);
        let Some(tally) = self.votes.tally() else {
            return;
        };
        let content =
            super::projector::content::content(session, tally, self.votes.selected(), lang);
        let title = trf(
            lang,
            "projector.window_title",
            &[("title", &session.congress.title)],
        );
        self.projector.show(ctx, content, title);
    }

    fn problems_ui(&mut self, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        let Some(p) = &self.problems else {
            return;
        };
        let mut open = true;
        egui::Window::new(tr(lang, "problems.title"))
            .id(egui::Id::unique("problems_window"))
            .open(&mut open)
            .default_width(640.0)
            .show(ctx, |ui| views::diagnostics::diagnostics_ui(ui, lang, p));
        if !open {
            self.problems = None;
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // While 新建会议 is open, reports and rosters dropped on the window are its files.
        if self.new_session.is_some() {
            let ext = |p: &PathBuf| {
                p.extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default()
            };
            let (reports, other): (Vec<PathBuf>, Vec<PathBuf>) = dropped
                .into_iter()
                .partition(|p| matches!(ext(p).as_str(), "docx" | "doc" | "wps" | "pdf"));
            if !reports.is_empty() {
                self.pending
                    .push(AppCommand::NewSession(NewSessionCommand::AddReports(
                        reports,
                    )));
            }
            if let Some(p) = other
                .into_iter()
                .find(|p| matches!(ext(p).as_str(), "xlsx" | "xls" | "ods" | "csv"))
            {
                self.pending
                    .push(AppCommand::NewSession(NewSessionCommand::SetRoster(p)));
            }
            return;
        }
        if let Some(p) = dropped.into_iter().next() {
            self.pending.push(AppCommand::OpenPath(p));
        }
    }

    /// Runs a file dialog off the UI thread so the window never freezes; its answer is
    /// taken in [`DeskApp::poll_tasks`].
    fn spawn_dialog(
        &mut self,
        ctx: &egui::Context,
        make: impl FnOnce() -> DialogResult + Send + 'static,
    ) {
        if self.dialog.is_some() {
            return; // one dialog at a time
        }
        self.dialog = Some(Task::spawn(ctx, "file-dialog", make));
    }

    fn export_notes_to(&mut self, path: &Path) {
        let lang = self.prefs.lang;
        let Some(open) = self.open.as_mut() else {
            return;
        };
        // The save dialog already asked before replacing a file.
        self.status = Some(match open.notes.export_to(path, true) {
            Ok(()) => trf(
                lang,
                "status.notes_exported",
                &[("path", &path.display().to_string())],
            ),
            Err(e) => trf(
                lang,
                "status.notes_export_failed",
                &[("why", &e.message(lang))],
            ),
        });
    }

    fn import_notes_from(&mut self, path: &Path) {
        let lang = self.prefs.lang;
        let Some(open) = self.open.as_mut() else {
            return;
        };
        self.status = Some(match open.notes.import_from(path) {
            Ok(r) => trf(
                lang,
                "status.notes_imported",
                &[
                    ("added", &r.added.to_string()),
                    ("updated", &r.updated.to_string()),
                    ("deleted", &r.deleted.to_string()),
                    ("unchanged", &r.unchanged.to_string()),
                ],
            ),
            Err(e) => trf(
                lang,
                "status.notes_import_failed",
                &[("why", &e.message(lang))],
            ),
        });
        open.refresh_anchors();
    }

    /// Applies one command. This is the only place the app's state changes in response to
    /// the UI.
    pub fn apply(&mut self, c: AppCommand, ctx: &egui::Context) {
        match c {
            AppCommand::Ui(u) => self.apply_ui(u, ctx),
            AppCommand::OpenPath(p) => self.open_path(&p),
            AppCommand::JumpToParagraph {
                paragraph_id,
                range,
            } => {
                if let Some(open) = &self.open {
                    self.report
                        .jump_to(&open.loaded.session, &paragraph_id, range);
                }
                self.prefs.view = View::Report;
            }
            AppCommand::JumpToIndicator(id) => {
                self.indicators.focus(&id);
                self.prefs.view = View::Indicators;
            }
            AppCommand::ShowNotesFor(paragraph_id) => {
                self.prefs.notes_panel.set(self.prefs.view, true);
                self.notes_panel.paragraph = Some(paragraph_id);
            }
            AppCommand::JumpToStop(id) => {
                self.itinerary.focus(&id);
                self.prefs.view = View::Itinerary;
            }
            AppCommand::JumpToVote(id) => {
                self.votes.focus(&id);
                self.prefs.view = View::Votes;
            }
            AppCommand::NewNote(target) => {
                self.note_editor = Some(views::note_editor::NoteEditor::new_note(target));
            }
            AppCommand::EditNote(id) => {
                if let Some(open) = &self.open
                    && let Some(note) = open.notes.get(&id)
                {
                    self.note_editor = Some(views::note_editor::NoteEditor::edit(note));
                }
            }
            AppCommand::Status(s) => self.status = Some(s),
            AppCommand::Copy(text) => ctx.copy_text(text),
            AppCommand::OpenExternally(p) => self
                .openings
                .push(super::open_externally::open_externally(ctx, p)),
            AppCommand::NotesChange(change) => {
                if let Some(open) = self.open.as_mut() {
                    self.status = Some(change.apply(&mut open.notes, self.prefs.lang));
                    open.refresh_anchors();
                }
            }
            AppCommand::CloseNoteEditor => self.note_editor = None,
            AppCommand::ExportNotesTo(p) => self.export_notes_to(&p),
            AppCommand::ImportNotesFrom(p) => self.import_notes_from(&p),
            AppCommand::Votes(c) => {
                if let Some(open) = &self.open {
                    let mut cx = open.view_ctx(self.prefs.lang, &self.data_dir, &mut self.pending);
                    self.votes.apply(c, ctx, &mut cx);
                }
            }
            AppCommand::Export(to) => {
                if let Some(open) = &self.open {
                    let mut cx = open.view_ctx(self.prefs.lang, &self.data_dir, &mut self.pending);
                    self.export.apply(to, ctx, &mut cx);
                }
            }
            AppCommand::NewSession(c) => self.apply_new_session(c, ctx),
            AppCommand::SaveChart { rect, path } => {
                let save = views::indicators::chart_png::ChartSave::start(ctx, rect, path);
                self.chart_saves.push(save);
            }
        }
    }

    /// The 新建会议 dialog's requests: file dialogs are the app's (one at a time), the rest
    /// the dialog's own.
    fn apply_new_session(&mut self, c: NewSessionCommand, ctx: &egui::Context) {
        match c {
            NewSessionCommand::PickReports => self.spawn_dialog(ctx, || {
                DialogResult::NewSessionReports(
                    rfd::FileDialog::new()
                        .add_filter("Word (.docx)", &["docx"])
                        .pick_files(),
                )
            }),
            NewSessionCommand::PickRoster => self.spawn_dialog(ctx, || {
                DialogResult::NewSessionRoster(
                    rfd::FileDialog::new()
                        .add_filter("Excel / CSV", &["xlsx", "xls", "ods", "csv"])
                        .pick_file(),
                )
            }),
            NewSessionCommand::PickOutput => self.spawn_dialog(ctx, || {
                DialogResult::NewSessionOutput(
                    rfd::FileDialog::new()
                        .add_filter("RON", &["ron"])
                        .set_file_name("session.ron")
                        .save_file(),
                )
            }),
            NewSessionCommand::Close => self.new_session = None,
            c => {
                if let Some(dialog) = self.new_session.as_mut() {
                    dialog.apply(c, ctx, self.prefs.lang);
                }
            }
        }
    }

    fn apply_ui(&mut self, u: UiCommand, ctx: &egui::Context) {
        let lang = self.prefs.lang;
        match u {
            UiCommand::NewSession => {
                if self.new_session.is_none() {
                    self.new_session = Some(Default::default());
                }
            }
            UiCommand::OpenSession => self.spawn_dialog(ctx, || {
                DialogResult::OpenSession(
                    rfd::FileDialog::new()
                        .add_filter("RON", &["ron"])
                        .pick_file(),
                )
            }),
            UiCommand::OpenBundled => self.open_bundled(),
            UiCommand::CloseSession => self.close_session(),
            UiCommand::Show(v) => self.prefs.view = v,
            UiCommand::Find => {
                self.prefs.view = View::Report;
                self.report.open_find();
            }
            UiCommand::FindNext => self.report.find_step(1),
            UiCommand::FindPrevious => self.report.find_step(-1),
            UiCommand::ZoomIn => self.prefs.zoom = (self.prefs.zoom + 0.1).min(MAX_ZOOM),
            UiCommand::ZoomOut => self.prefs.zoom = (self.prefs.zoom - 0.1).max(MIN_ZOOM),
            UiCommand::ZoomReset => self.prefs.zoom = 1.0,
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            UiCommand::ToggleLanguage => {
                self.prefs.lang = match lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            }
            UiCommand::ToggleNotesPanel => {
                let v = self.prefs.view;
                let shown = self.prefs.notes_panel.on(v);
                self.prefs.notes_panel.set(v, !shown);
            }
            UiCommand::ToggleProjector => self.projector.toggle(),
            UiCommand::CommandPalette => self.palette.open(),
            UiCommand::UndoNote => {
                if let Some(open) = self.open.as_mut() {
                    self.status = Some(if open.notes.undo().is_some() {
                        tr(lang, "status.undone").into_owned()
                    } else {
                        tr(lang, "status.nothing_to_undo").into_owned()
                    });
                    open.refresh_anchors();
                }
            }
            UiCommand::ExportNotes => {
                let name = self
                    .open
                    .as_ref()
                    .map(|o| {
                        format!(
                            "{}-notes.json",
                            crate::storage::sanitize_file_stem(&o.loaded.session.id)
                        )
                    })
                    .unwrap_or_else(|| "notes.json".to_string());
                self.spawn_dialog(ctx, move || {
                    DialogResult::ExportNotes(
                        rfd::FileDialog::new()
                            .set_file_name(name)
                            .add_filter("JSON", &["json"])
                            .save_file(),
                    )
                })
            }
            UiCommand::ImportNotes => self.spawn_dialog(ctx, || {
                DialogResult::ImportNotes(
                    rfd::FileDialog::new()
                        .add_filter("JSON", &["json"])
                        .pick_file(),
                )
            }),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Called by eframe on exit and every 30 s.
    pub fn save_prefs(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(open) = &self.open {
            self.report
                .remember_positions(&open.loaded.session, &mut self.prefs);
        }
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    /// Flushes notes; called on exit.
    pub fn flush(&mut self) {
        if let Some(open) = self.open.as_mut() {
            let _ = open.notes.save();
        }
    }
}

impl eframe::App for DeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_prefs(storage);
        self.flush();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
    }
}
