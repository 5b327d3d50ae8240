//! 表决: attendance, votes per motion, and the journal they are recorded in.
//!
//! The view reads the session's journal read-only by default (a delegate's laptop, perhaps
//! from a shared folder, refreshed when the file changes). Recording needs secretary mode,
//! switched on with the secretary's name, which goes into every record. Every rule is the
//! journal's ([`crate::journal::Tally::validate`]); the view only asks and shows.
//!
//! Nothing is recorded while drawing: clicks send [`VotesCommand`]s, which the app applies
//! after the frame with [`VotesView::apply`]; each step is recorded through
//! [`crate::journal::Recorder::record`], which returns only once the record is fsynced — only
//! then is it shown as recorded.

mod attendance;
mod audit;
mod close_confirm;
mod describe;
mod election;
mod election_result;
mod journal_menu;
mod merge;
mod motion;
mod result;
mod roster_table;
mod source;

use std::path::{Path, PathBuf};

use journal_menu::DialogAnswer;
pub use journal_menu::DialogKind;
use source::Source;

use crate::i18n::{Lang, tr, trf};
use crate::journal::{Journal, Planned, Side, default_path_in, merge as merge_journals, write_new};
use crate::model::Session;
use crate::ui::command::UiCommand;
use crate::ui::task::{Task, poll_slot};
use crate::ui::view::{AppCommand, ViewCtx, ViewUi};

/// What the Votes view asks for: sent as [`AppCommand::Votes`] while drawing, applied by the
/// app with [`VotesView::apply`] once the frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum VotesCommand {
    /// Record these steps in order. A step refused stops those after it: they were chosen
    /// on the assumption it succeeds.
    Record(Vec<Planned>),
    EnterSecretary(String),
    LeaveSecretary,
    /// Show another journal, read-only.
    OpenJournal(PathBuf),
    /// Back to the session's default journal.
    UseDefault,
    /// Copy the journal to a new file and continue there.
    SaveAs(PathBuf),
    /// Import another secretary's journal for merging.
    Import(PathBuf),
    Resolve(usize, Side),
    /// Ask for a file in a dialog (off the UI thread); the answer comes back as the
    /// command of that kind ([`VotesCommand::OpenJournal`], …), or nothing if cancelled.
    AskPath(DialogKind),
    /// Write the merged journal as a new file and continue there.
    SaveMerged(PathBuf),
    CancelMerge,
    /// Open the journal's folder in the file manager.
    ShowInFolder(PathBuf),
}

#[derive(Default)]
pub struct VotesView {
    /// The motion shown; None: the attendance page.
    selected: Option<String>,
    /// The journal shown, opened on the first frame for the open session.
    source: Option<Source>,
    session_id: Option<String>,
    /// The secretary's name as typed.
    secretary_name: String,
    /// The last refusal or failure, shown until the next success.
    error: Option<String>,
    /// The last thing recorded.
    notice: Option<String>,
    /// What to say once a worker has read a journal the user opened ("opened …"): said
    /// then, or the reason it was refused, not before.
    announce: Option<String>,
    attendance: attendance::AttendancePage,
    motion: motion::MotionPage,
    election: election::ElectionPage,
    dialog: Option<Task<DialogAnswer>>,
    merge: Option<merge::MergeState>,
    audit: audit::AuditTrail,
}

impl ViewUi for VotesView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let lang = cx.lang;
        self.open_source_if_new(ui.ctx(), cx);
        let Some(mut src) = self.source.take() else {
            return;
        };
        if src.reload_if_changed(cx.session, lang) {
            self.notice = Some(tr(lang, "votes.reloaded").into_owned());
        }
        // Read-only: a change to the file (a secretary writing elsewhere) wakes the window;
        // nothing repaints while nothing changes.
        src.wake_on_change(ui.ctx());
        src.observe_witness(cx.data_dir, lang);

        let mut asked = Vec::new();
        self.main_ui(ui, cx, &src, &mut asked);
        if let Some(m) = &self.merge {
            merge::window_ui(ui.ctx(), lang, cx.session, m, &mut asked);
        }
        self.source = Some(src);
        for c in asked {
            cx.send(AppCommand::Votes(c));
        }
    }
}

impl VotesView {
    /// Selects a motion by id.
    pub fn focus(&mut self, id: &str) {
        self.selected = Some(id.to_string());
    }

    /// The motion or election selected (None: the attendance page).
    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    /// Keeps the journal followed while another view is shown (the projector shows its
    /// tally): opened on first use, read again when the file changed, and the window woken
    /// when it changes.
    pub fn follow(&mut self, ctx: &egui::Context, cx: &ViewCtx) {
        self.open_source_if_new(ctx, cx);
        if let Some(src) = self.source.as_mut() {
            if src.reload_if_changed(cx.session, cx.lang) {
                self.notice = Some(tr(cx.lang, "votes.reloaded").into_owned());
            }
            src.wake_on_change(ctx);
        }
    }

    /// The journal file shown, once the view has drawn.
    pub fn journal_path(&self) -> Option<&Path> {
        self.source.as_ref().map(|s| s.path.as_path())
    }

    /// Whether secretary mode is on, and as whom.
    pub fn secretary(&self) -> Option<&str> {
        self.source.as_ref().and_then(|s| s.secretary.as_deref())
    }

    /// Takes what the view's background work has finished, whichever view is shown (the
    /// work wakes the window for it); the app calls it at the start of every frame and
    /// applies what it returns: the path a file dialog answered, as the command it was asked
    /// for, and what the status line should say about a journal read.
    pub fn poll_tasks(&mut self, lang: Lang) -> Vec<AppCommand> {
        let mut out = Vec::new();
        // Err: the dialog died without an answer; as good as cancelled.
        if let Some(Ok(DialogAnswer {
            kind,
            path: Some(p),
        })) = poll_slot(&mut self.dialog)
        {
            out.push(AppCommand::Votes(match kind {
                // A folder is opened as a source like a file; the source sees it is one.
                DialogKind::OpenJournal | DialogKind::OpenFolder => VotesCommand::OpenJournal(p),
                DialogKind::SaveAs => VotesCommand::SaveAs(p),
                DialogKind::Import => VotesCommand::Import(p),
                DialogKind::SaveMerged => VotesCommand::SaveMerged(p),
            }));
        }
        if let Some(said) = self.poll_journal(lang) {
            out.push(AppCommand::Status(said));
        }
        out
    }

    /// Applies a finished background read of the journal. What could not be read is said
    /// where the view says what went wrong, as when a small journal is opened. Returns what
    /// the status bar should now say, when the read was of a journal the user opened: the
    /// `announce`d success, or the problem.
    fn poll_journal(&mut self, lang: Lang) -> Option<String> {
        let src = self.source.as_mut()?;
        if !src.poll(lang) {
            return None;
        }
        let announced = self.announce.take();
        match &src.problem {
            Some(problem) => {
                self.error = Some(problem.clone());
                announced.map(|_| problem.clone())
            }
            None => {
                if announced.is_some() {
                    self.notice.clone_from(&announced);
                }
                announced
            }
        }
    }

    /// Whether the journal is still being read on a worker thread.
    pub fn is_reading_journal(&self) -> bool {
        self.source.as_ref().is_some_and(Source::is_reading)
    }

    /// The tally shown, once the view has drawn.
    pub fn tally(&self) -> Option<&crate::journal::Tally> {
        self.source.as_ref().map(Source::tally)
    }

    fn main_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut ViewCtx,
        src: &Source,
        asked: &mut Vec<VotesCommand>,
    ) {
        let lang = cx.lang;
        let tally = src.tally();
        let writable = src.is_writable();
        journal_menu::bar_ui(ui, lang, src, &mut self.secretary_name, asked);
        attendance::summary_ui(ui, lang, &tally.attendance());
        if let Some(w) = src.witness_warning() {
            ui.label(
                egui::RichText::new(w)
                    .strong()
                    .size(18.0)
                    .color(ui.visuals().error_fg_color),
            );
        }
        if let Some(code) = src.head_code() {
            ui.label(trf(lang, "votes.head_code", &[("code", &code.to_string())]))
                .on_hover_text(tr(lang, "votes.head_code.tip"));
        }
        // Said, not animated: a spinner would repaint the window until the worker is done,
        // and the worker wakes it anyway.
        if src.is_reading() {
            ui.label(egui::RichText::new(tr(lang, "votes.journal.reading")).strong());
        }
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        } else if let Some(n) = &self.notice {
            ui.label(egui::RichText::new(n).color(egui::Color32::from_rgb(0, 140, 60)));
        }
        ui.separator();

        egui::Panel::left("votes_motion_list")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("votes_motion_list_scroll")
                    .show(ui, |ui| {
                        if let Some(pick) =
                            motion::list_ui(ui, lang, tally, self.selected.as_deref())
                        {
                            self.selected = pick;
                        }
                        if let Some(pick) =
                            election::list_ui(ui, lang, tally, self.selected.as_deref())
                        {
                            self.selected = Some(pick);
                        }
                    });
            });

        // Motions and elections share one namespace of ids.
        if let Some(e) = self.selected.as_deref().and_then(|id| tally.election(id)) {
            let report = crate::journal::ElectionReport::new(e, tally.seated());
            let mut project = false;
            egui::Panel::right("votes_election_result")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| {
                    // As on a motion's page: the projector shows what is selected here.
                    project = ui
                        .button(tr(lang, "votes.projector"))
                        .on_hover_text(tr(lang, "votes.projector.tip"))
                        .clicked();
                    egui::ScrollArea::vertical()
                        .id_salt("votes_election_result_scroll")
                        .show(ui, |ui| {
                            election_result::result_ui(ui, lang, &report, tally.seated());
                        });
                });
            egui::ScrollArea::vertical()
                .id_salt("votes_election_scroll")
                .show(ui, |ui| {
                    let steps = self.election.ui(ui, lang, tally, e, writable);
                    if !steps.is_empty() {
                        asked.push(VotesCommand::Record(steps));
                    }
                });
            if project {
                cx.send(AppCommand::Ui(UiCommand::ToggleProjector));
            }
            return;
        }
        let motion = self.selected.as_deref().and_then(|id| tally.motion(id));
        match motion {
            None => {
                let out = self.attendance.ui(ui, lang, cx.session, tally, writable);
                if !out.steps.is_empty() {
                    asked.push(VotesCommand::Record(out.steps));
                }
            }
            Some(m) => {
                self.audit.refresh(src, cx.session, m, lang);
                let audit = &self.audit;
                egui::Panel::right("votes_result_panel")
                    .resizable(true)
                    .default_size(360.0)
                    .show(ui, |ui| {
                        // The result above, whole when the window allows (the verdict is
                        // what people look for); the audit trail scrolls on its own below it,
                        // in at least 160 points or half the panel, whichever is less.
                        let h = ui.available_height();
                        egui::ScrollArea::vertical()
                            .id_salt("votes_result_scroll")
                            .max_height((h - 160.0).max(h * 0.5))
                            .show(ui, |ui| {
                                result::result_ui(ui, lang, tally, m, 1.0);
                            });
                        ui.separator();
                        audit.ui(ui, lang, m);
                    });
                let out = self.motion.ui(ui, lang, cx.session, tally, m, writable);
                if !out.steps.is_empty() {
                    asked.push(VotesCommand::Record(out.steps));
                }
                if out.toggle_projector {
                    cx.send(AppCommand::Ui(UiCommand::ToggleProjector));
                }
            }
        }
    }

    fn open_dialog(&mut self, ctx: &egui::Context, kind: DialogKind, session: &Session) {
        if self.dialog.is_some() {
            return; // one dialog at a time
        }
        let stem = crate::storage::sanitize_file_stem(&session.id);
        let suggested = match kind {
            DialogKind::SaveMerged => format!("{stem}-merged.jsonl"),
            _ => format!("{stem}-copy.jsonl"),
        };
        self.dialog = Some(journal_menu::ask_path(ctx, kind, suggested));
    }

    /// Opens the session's journal the first time the view meets the session (drawn, or a
    /// command for it applied).
    fn open_source_if_new(&mut self, ctx: &egui::Context, cx: &ViewCtx) {
        if self.session_id.as_deref() == Some(cx.session.id.as_str()) {
            return;
        }
        let path = default_path_in(cx.data_dir, cx.session);
        self.source = Some(Source::open_read_only(&path, cx.session, cx.lang, ctx));
        self.session_id = Some(cx.session.id.clone());
    }

    /// Applies one command the view sent; the app calls it once the frame is drawn.
    pub fn apply(&mut self, c: VotesCommand, ctx: &egui::Context, cx: &mut ViewCtx) {
        self.open_source_if_new(ctx, cx);
        let Some(mut src) = self.source.take() else {
            return;
        };
        self.apply_to(c, ctx, cx, &mut src);
        self.source = Some(src);
    }

    fn fail(&mut self, cx: &mut ViewCtx, msg: String) {
        cx.send(AppCommand::Status(msg.clone()));
        self.error = Some(msg);
    }

    fn succeed(&mut self, cx: &mut ViewCtx, msg: String) {
        cx.send(AppCommand::Status(msg.clone()));
        self.error = None;
        self.notice = Some(msg);
    }

    /// A journal the user chose is open: said now, or, while a worker reads a big one, once
    /// it is read (it may yet be refused: another session's, or broken).
    fn opened(&mut self, cx: &mut ViewCtx, src: &Source, path: &Path) {
        let msg = trf(
            cx.lang,
            "votes.journal.opened",
            &[("path", &path.display().to_string())],
        );
        if src.is_reading() {
            self.announce = Some(msg);
            self.error = None;
            self.notice = None;
            cx.send(AppCommand::Status(
                tr(cx.lang, "votes.journal.reading").into_owned(),
            ));
        } else {
            self.announce = None;
            self.succeed(cx, msg);
        }
    }

    fn apply_to(
        &mut self,
        c: VotesCommand,
        ctx: &egui::Context,
        cx: &mut ViewCtx,
        src: &mut Source,
    ) {
        let lang = cx.lang;
        let session = cx.session;
        match c {
            VotesCommand::Record(steps) => self.record(cx, src, &steps),
            VotesCommand::EnterSecretary(name) => {
                match Source::open_for_writing(&src.path, session, &name, cx.data_dir, lang, ctx) {
                    Ok(s) => {
                        *src = s;
                        self.succeed(cx, trf(lang, "votes.secretary.entered", &[("name", &name)]));
                    }
                    Err(e) => self.fail(cx, e),
                }
            }
            VotesCommand::LeaveSecretary => {
                *src = Source::open_read_only(&src.path, session, lang, ctx);
                self.succeed(cx, tr(lang, "votes.secretary.left").into_owned());
            }
            VotesCommand::OpenJournal(p) => {
                *src = Source::open_read_only(&p, session, lang, ctx);
                match &src.problem {
                    Some(e) => self.fail(cx, e.clone()),
                    None => self.opened(cx, src, &p),
                }
            }
            VotesCommand::UseDefault => {
                let p = default_path_in(cx.data_dir, session);
                *src = Source::open_read_only(&p, session, lang, ctx);
                self.opened(cx, src, &p);
            }
            VotesCommand::SaveAs(p) => self.save_as(ctx, cx, src, &p),
            VotesCommand::Import(p) => self.import(cx, src, &p),
            VotesCommand::Resolve(i, side) => {
                if let Some(m) = self.merge.as_mut() {
                    m.result.resolve(i, side);
                }
            }
            VotesCommand::AskPath(kind) => self.open_dialog(ctx, kind, session),
            VotesCommand::SaveMerged(p) => self.save_merged(ctx, cx, src, &p),
            VotesCommand::CancelMerge => self.merge = None,
            VotesCommand::ShowInFolder(p) => cx.send(AppCommand::OpenExternally(p)),
        }
    }

    /// Copies the journal's records, byte for byte, to a new file and continues there in the
    /// same mode.
    fn save_as(&mut self, ctx: &egui::Context, cx: &mut ViewCtx, src: &mut Source, path: &Path) {
        let lang = cx.lang;
        let copied = match src.journal() {
            Some(j) => j.copy_to_new(path).map_err(|e| e.message(lang)),
            None => Ok(()),
        };
        if let Err(e) = copied {
            let msg = trf(
                lang,
                "votes.err.save_as",
                &[("path", &path.display().to_string()), ("error", &e)],
            );
            return self.fail(cx, msg);
        }
        self.switch_to(ctx, cx, src, path);
    }

    /// Continues on `path` in the current mode.
    fn switch_to(&mut self, ctx: &egui::Context, cx: &mut ViewCtx, src: &mut Source, path: &Path) {
        let lang = cx.lang;
        let next = match &src.secretary {
            Some(name) => Source::open_for_writing(path, cx.session, name, cx.data_dir, lang, ctx),
            None => Ok(Source::open_read_only(path, cx.session, lang, ctx)),
        };
        match next {
            Ok(s) => {
                *src = s;
                self.opened(cx, src, path);
            }
            Err(e) => self.fail(cx, e),
        }
    }

    fn import(&mut self, cx: &mut ViewCtx, src: &Source, path: &Path) {
        let lang = cx.lang;
        let theirs = match Journal::open_read_only(path, cx.session) {
            Ok(j) => j,
            Err(e) => return self.fail(cx, e.message(lang)),
        };
        // Both journals whole, for as long as the merge is being decided.
        let records = |j: Option<&Journal>| j.map_or(Ok(Vec::new()), Journal::read_all);
        let both = records(src.journal()).and_then(|ours| Ok((ours, records(Some(&theirs))?)));
        let (ours, theirs_records) = match both {
            Ok(b) => b,
            Err(e) => return self.fail(cx, e.message(lang)),
        };
        match merge_journals(&ours, &theirs_records) {
            Ok(result) => {
                self.merge = Some(merge::MergeState {
                    theirs: path.to_path_buf(),
                    result,
                });
            }
            Err(e) => self.fail(
                cx,
                trf(lang, "votes.err.merge", &[("error", &e.to_string())]),
            ),
        }
    }

    fn save_merged(
        &mut self,
        ctx: &egui::Context,
        cx: &mut ViewCtx,
        src: &mut Source,
        path: &Path,
    ) {
        let lang = cx.lang;
        let (Some(m), Some(secretary)) = (&self.merge, src.secretary.clone()) else {
            return;
        };
        let written = m
            .result
            .finish(cx.session)
            .map_err(|e| trf(lang, "votes.err.merge", &[("error", &e.to_string())]))
            .and_then(|records| {
                write_new(path, cx.session, &secretary, &records).map_err(|e| e.message(lang))
            });
        match written {
            Ok(_) => {
                self.merge = None;
                self.switch_to(ctx, cx, src, path);
            }
            Err(e) => self.fail(cx, e),
        }
    }

    fn record(&mut self, cx: &mut ViewCtx, src: &mut Source, steps: &[Planned]) {
        let lang = cx.lang;
        for step in steps {
            match src.record(step, cx.session, lang) {
                Ok(r) => {
                    self.motion.form.recorded();
                    self.election.recorded();
                    let line = describe::action_text(lang, cx.session, &r.action);
                    self.succeed(
                        cx,
                        trf(
                            lang,
                            "votes.recorded",
                            &[("seq", &r.seq.to_string()), ("what", &line)],
                        ),
                    );
                }
                Err(e) => {
                    // Later steps were chosen on the assumption this one succeeds.
                    self.fail(cx, e);
                    break;
                }
            }
        }
    }
}
