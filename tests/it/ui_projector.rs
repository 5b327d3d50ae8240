//! The projector window: opened from the View menu's command, it shows the sitting, the
//! current vote, its counts and verdict, or the waiting screen — nothing else, nothing
//! personal — and follows the journal.

use crate::common;

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Action, Mark, Recorder, default_path_in};
use delegate_desk::model::{self, Session};
use delegate_desk::ui::command::UiCommand;
use delegate_desk::ui::projector::content::{self, Content, Screen, Tone};
use delegate_desk::ui::projector::projector_ui;
use delegate_desk::ui::view::AppCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

const MOTION: &str = "budget-2017-jan-aug";

fn jiujiang() -> Session {
    model::load_bundled(Lang::Zh).unwrap().session
}

/// `present` of the Jiujiang delegates signed in (the rest absent), the budget report
/// opened, and (if `counts`) its show of hands counted and closed.
fn record_sitting(dir: &std::path::Path, s: &Session, present: usize, counts: Option<[u32; 3]>) {
    let path = default_path_in(dir, s);
    let mut rec = Recorder::open_for_writing(&path, s, "秘书").unwrap();
    let ids =
        |r: std::ops::Range<usize>| s.roster[r].iter().map(|d| d.id.as_str().into()).collect();
    rec.record(
        "秘书",
        Action::Attendance {
            mark: Mark::Present,
            delegates: ids(0..present),
        },
    )
    .unwrap();
    if present < s.roster.len() {
        rec.record(
            "秘书",
            Action::Attendance {
                mark: Mark::Absent,
                delegates: ids(present..s.roster.len()),
            },
        )
        .unwrap();
    }
    if let Some([yes, no, abstain]) = counts {
        rec.record(
            "秘书",
            Action::Open {
                motion: MOTION.into(),
            },
        )
        .unwrap();
        rec.record(
            "秘书",
            Action::Counts {
                motion: MOTION.into(),
                yes,
                no,
                abstain,
                invalid: 0,
            },
        )
        .unwrap();
        rec.record(
            "秘书",
            Action::Close {
                motion: MOTION.into(),
            },
        )
        .unwrap();
    }
}

/// Every label and text the AccessKit tree holds.
fn all_labels(h: &Harness<'_, ()>) -> Vec<String> {
    h.root()
        .query_all(by())
        .filter_map(|n| {
            let a = n.accesskit_node();
            // A wrapped label's lines are its children; the label holds the whole text.
            (a.role() != egui::accesskit::Role::TextRun)
                .then(|| a.label().or_else(|| a.value()))
                .flatten()
        })
        .collect()
}

fn figure(c: &Content, label: &str) -> Option<String> {
    let figures = match &c.screen {
        Screen::Waiting { figures, .. } | Screen::Result { figures, .. } => figures,
    };
    figures
        .iter()
        .find(|f| f.label == label)
        .map(|f| f.value.clone())
}

#[test]
fn between_votes_the_projector_waits_with_the_attendance_against_the_quorum() {
    let dir = tempfile::tempdir().unwrap();
    let s = jiujiang();
    record_sitting(dir.path(), &s, 105, None);
    let mut app = common::app_with_bundled(dir.path());
    app.send(AppCommand::Ui(UiCommand::ToggleProjector));
    let h = common::harness(app);
    let c = h
        .state()
        .projector
        .content()
        .expect("the projector is open");
    assert_eq!(c.sitting, s.congress.title);
    let Screen::Waiting { status, .. } = &c.screen else {
        panic!("no vote is open: {c:?}")
    };
    assert_eq!(figure(&c, "应到").as_deref(), Some("107"));
    assert_eq!(figure(&c, "实到").as_deref(), Some("105"));
    // Two-thirds of 107, rounded up (Organic Law Art. 14 ¶4).
    assert_eq!(figure(&c, "法定人数").as_deref(), Some("72"));
    assert_eq!(
        (status.text.as_str(), status.tone),
        ("符合法定人数", Tone::Good)
    );
}

#[test]
fn the_projector_follows_a_vote_to_its_verdict_and_shows_the_real_figures() {
    let dir = tempfile::tempdir().unwrap();
    let s = jiujiang();
    record_sitting(dir.path(), &s, 105, Some([98, 3, 2]));
    let mut app = common::app_with_bundled(dir.path());
    // The secretary has the decided motion selected: its verdict stays up.
    app.votes.focus(MOTION);
    app.send(AppCommand::Ui(UiCommand::ToggleProjector));
    let mut h = common::harness(app);
    let c = h.state().projector.content().unwrap();
    let Screen::Result {
        heading, verdict, ..
    } = &c.screen
    else {
        panic!("a decided motion is selected: {c:?}")
    };
    assert_eq!(heading, &s.motions[0].title);
    assert_eq!(figure(&c, "赞成").as_deref(), Some("98"));
    assert_eq!(figure(&c, "反对").as_deref(), Some("3"));
    assert_eq!(figure(&c, "弃权").as_deref(), Some("2"));
    assert_eq!(figure(&c, "未表决").as_deref(), Some("2"));
    assert_eq!((verdict.text.as_str(), verdict.tone), ("通过", Tone::Good));
    // Drawn in the window (embedded in the test harness), not in the main view.
    assert!(h.query_by_label("通过").is_some());

    // The command closes it again.
    h.state_mut()
        .send(AppCommand::Ui(UiCommand::ToggleProjector));
    h.run();
    assert!(h.state().projector.content().is_none());
    assert!(!h.state().projector.is_open());
}

/// The projector screen alone: its AccessKit tree holds the content's texts and nothing
/// else — no menu, no tabs, no buttons, no notes, no secretary, no path — and the verdict
/// stands at least 1/8 of the screen high.
#[test]
fn the_projector_screen_shows_only_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let s = jiujiang();
    record_sitting(dir.path(), &s, 105, Some([98, 3, 2]));
    let tally = Recorder::open_read_only(&default_path_in(dir.path(), &s), &s)
        .unwrap()
        .tally()
        .clone();
    let c = content::content(&s, &tally, Some(MOTION), Lang::Zh);
    for size in [[1024.0, 640.0], [1280.0, 800.0], [1920.0, 1080.0]] {
        let shown = c.clone();
        let h = Harness::builder()
            .with_size(size)
            .with_context_setup(delegate_desk::fonts::install_fonts)
            .build_ui(move |ui| projector_ui(ui, &shown));
        let texts = c.texts();
        let labels = all_labels(&h);
        assert!(!labels.is_empty());
        for l in &labels {
            assert!(texts.contains(&l.as_str()), "{l:?} is not the result's");
        }
        for t in &texts {
            assert!(labels.iter().any(|l| l == t), "{t:?} is not on screen");
        }
        for role in [
            egui::accesskit::Role::Button,
            egui::accesskit::Role::TextInput,
            egui::accesskit::Role::MenuBar,
            egui::accesskit::Role::Tab,
        ] {
            assert!(
                h.query_by_role(role).is_none(),
                "a {role:?} on the projector"
            );
        }
        // The figures stand side by side on one line.
        let tops: Vec<f32> = ["赞成", "反对", "弃权", "未表决"]
            .iter()
            .map(|l| h.get_by_label(l).rect().top())
            .collect();
        assert!(
            tops.iter().all(|t| (t - tops[0]).abs() < 1.0),
            "figures not on one line: {tops:?}"
        );
        let verdict = h.get_by_label("通过").rect();
        assert!(
            verdict.height() >= size[1] / 8.0,
            "verdict {} high on a {} screen",
            verdict.height(),
            size[1]
        );
        // Everything inside the screen.
        for n in h.root().query_all(by()) {
            let Some(r) = n.accesskit_node().bounding_box() else {
                continue;
            };
            assert!(
                r.x1 <= f64::from(size[0]) + 0.5 && r.y1 <= f64::from(size[1]) + 0.5,
                "{:?} leaves the screen at {size:?}: {r:?}",
                n.accesskit_node().label()
            );
        }
    }
}

/// The published 补选 of two 副镇长 (76 seated, 73 present): while the round is counted the
/// projector shows each candidate's votes; once closed, who was elected.
#[test]
fn an_election_round_shows_each_candidates_votes_then_who_was_elected() {
    let text = r#"Session(
    id: "by-election",
    congress: Congress(name: "测试镇人民代表大会", title: "测试镇第一届人民代表大会第二次会议",
                       term: 1, session: 2, town: "测试镇", date: "2024-01-05"),
    seats: 76,
    fill_roster_with_placeholders: true,
    elections: [
        Election(id: "by", office: "副镇长", post: ByElection, seats: 2,
            candidates: [Candidate(name: "宋正舜"), Candidate(name: "徐进")]),
    ],
)"#;
    let s = model::load_str("by.ron", text, Lang::Zh).unwrap().session;
    let dir = tempfile::tempdir().unwrap();
    let mut rec = Recorder::open_for_writing(&dir.path().join("j.jsonl"), &s, "秘书").unwrap();
    let present = s.roster[..73]
        .iter()
        .map(|d| d.id.as_str().into())
        .collect();
    let by = || "by".into();
    let counts = |name: &str, yes, no, abstain| Action::ElectionCounts {
        election: by(),
        name: name.into(),
        yes,
        no,
        abstain,
    };
    for a in [
        Action::Attendance {
            mark: Mark::Present,
            delegates: present,
        },
        Action::ElectionOpen {
            election: by(),
            nominees: Vec::new(),
        },
        Action::ElectionBallots {
            election: by(),
            issued: 73,
            returned: 73,
        },
        counts("宋正舜", 73, 0, 0),
        counts("徐进", 71, 0, 2),
    ] {
        rec.record("秘书", a).unwrap();
    }
    let c = content::content(&s, rec.tally(), None, Lang::Zh);
    let Screen::Result {
        heading, verdict, ..
    } = &c.screen
    else {
        panic!("an open round is shown: {c:?}")
    };
    assert_eq!(heading, "补选副镇长 · 第 1 轮");
    assert_eq!(figure(&c, "宋正舜").as_deref(), Some("73"));
    assert_eq!(figure(&c, "徐进").as_deref(), Some("71"));
    assert_eq!(
        (verdict.text.as_str(), verdict.tone),
        ("计票中", Tone::Pending)
    );

    rec.record("秘书", Action::ElectionClose { election: by() })
        .unwrap();
    // Closed and selected: who was elected stays up.
    let c = content::content(&s, rec.tally(), Some("by"), Lang::Zh);
    let Screen::Result { verdict, .. } = &c.screen else {
        panic!("{c:?}")
    };
    assert_eq!(
        (verdict.text.as_str(), verdict.tone),
        ("当选：宋正舜、徐进", Tone::Good)
    );
    // Not selected: between votes, the waiting screen.
    let c = content::content(&s, rec.tally(), None, Lang::Zh);
    assert!(matches!(c.screen, Screen::Waiting { .. }), "{c:?}");
}

/// The published 补选, recorded and closed before the window opened: on its page in the
/// Votes view, 投影 opens the projector with who was elected, as a motion's 投影 does.
#[test]
fn a_decided_election_chosen_in_the_votes_view_goes_on_the_projector() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/elections/by-election-76.ron");
    let loaded = model::load_path(&path, Lang::Zh).unwrap();
    let s = loaded.session.clone();
    let dir = tempfile::tempdir().unwrap();
    let mut rec = Recorder::open_for_writing(&default_path_in(dir.path(), &s), &s, "秘书").unwrap();
    let e = || "by-deputy-mayor".into();
    let counts = |name: &str, yes, no, abstain| Action::ElectionCounts {
        election: e(),
        name: name.into(),
        yes,
        no,
        abstain,
    };
    for a in [
        Action::Attendance {
            mark: Mark::Present,
            delegates: s.roster[..73]
                .iter()
                .map(|d| d.id.as_str().into())
                .collect(),
        },
        Action::ElectionOpen {
            election: e(),
            nominees: Vec::new(),
        },
        Action::ElectionBallots {
            election: e(),
            issued: 73,
            returned: 73,
        },
        counts("宋正舜", 73, 0, 0),
        counts("徐进", 71, 1, 1),
        Action::ElectionClose { election: e() },
    ] {
        rec.record("秘书", a).unwrap();
    }
    drop(rec);
    let mut app = delegate_desk::ui::DeskApp::with_prefs(
        delegate_desk::ui::prefs::Prefs::default(),
        dir.path().to_path_buf(),
    );
    app.open_loaded(loaded);
    let mut h = common::harness(app);
    h.get_by_label("表决").click();
    h.run();
    h.get_by_label_contains("副镇长").click();
    h.run();
    assert!(!h.state().projector.is_open());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "投影")
        .click();
    h.run();
    assert!(h.state().projector.is_open());
    let c = h.state().projector.content().unwrap();
    let Screen::Result {
        heading, verdict, ..
    } = &c.screen
    else {
        panic!("the chosen election is shown: {c:?}")
    };
    assert!(heading.contains("副镇长"), "{heading}");
    assert_eq!(figure(&c, "宋正舜").as_deref(), Some("73"));
    assert_eq!(figure(&c, "徐进").as_deref(), Some("71"));
    assert_eq!(
        (verdict.text.as_str(), verdict.tone),
        ("当选：宋正舜、徐进", Tone::Good)
    );
    // The bar: more than half of all 76 seated (Art. 25, Art. 29), not of the 73 present.
    assert!(
        c.texts().iter().any(|t| t.ends_with("当选须得 39 票")),
        "{c:?}"
    );
}
