//! People never see internal ids: every label of every Jiujiang view (and the Votes view's
//! pages, with a refusal shown) is walked through the AccessKit tree, and none may hold an id
//! from the session file (a motion's, an election's, a delegate's, an indicator's, a stop's, a
//! document's or a section's) nor anything shaped like one: a paragraph id ("industry.1"), a
//! roster number ("d001") or a kebab-case id ("budget-2017-jan-aug").

use crate::common;

use delegate_desk::i18n::Lang;
use delegate_desk::journal::{Action, Mark, Recorder, default_path_in};
use delegate_desk::model;
use delegate_desk::ui::DeskApp;
use delegate_desk::ui::view::View;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

/// Whether `id` stands in `text` as a word of its own (not inside a longer word).
fn holds_id(text: &str, id: &str) -> bool {
    let part =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    text.match_indices(id).any(|(i, _)| {
        !part(text[..i].chars().next_back()) && !part(text[i + id.len()..].chars().next())
    })
}

/// The first word of `text` shaped like an internal id. Words are runs of ASCII letters,
/// digits and `. _ -`; Chinese text around them splits them off.
fn id_shaped(text: &str) -> Option<&str> {
    let lower_alnum = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .map(|w| w.trim_end_matches('.'))
        .find(|w| {
            let paragraph = w.rsplit_once('.').is_some_and(|(sec, n)| {
                sec.starts_with(|c: char| c.is_ascii_lowercase())
                    && sec.split(['-', '_']).all(lower_alnum)
                    && !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
            });
            let roster =
                w.len() >= 4 && w.starts_with('d') && w[1..].chars().all(|c| c.is_ascii_digit());
            // A kebab id starts with a letter; "2-6b1ee3a4" is a journal head, a code to
            // read out and compare on purpose.
            let kebab = w.contains('-')
                && w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.split('-').all(lower_alnum)
                && w.chars().any(|c| c.is_ascii_lowercase());
            paragraph || roster || kebab
        })
}

/// Each label in the tree that holds one of `ids` or, when `shapes`, anything shaped like
/// an id; with what it holds.
fn ids_shown(h: &Harness<'_, DeskApp>, ids: &[String], shapes: bool) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for n in h.root().query_all(by()) {
        let a = n.accesskit_node();
        for text in [a.label(), a.value()].into_iter().flatten() {
            let hit = ids
                .iter()
                .find(|id| holds_id(&text, id))
                .map(String::as_str)
                .or_else(|| shapes.then(|| id_shaped(&text)).flatten());
            if let Some(id) = hit {
                found.push((id.to_string(), text.clone()));
            }
        }
    }
    found
}

#[test]
fn the_word_test_finds_ids_only_as_words() {
    assert!(holds_id(
        "议案“budget-2017-jan-aug”的票数",
        "budget-2017-jan-aug"
    ));
    assert!(holds_id("出席 d001", "d001"));
    assert!(!holds_id("d0012", "d001"));
    assert!(!holds_id("Excel", "lu"));
}

#[test]
fn the_shape_test_finds_paragraph_roster_and_kebab_ids_but_not_dates_or_numbers() {
    assert_eq!(id_shaped("添加批注 industry.1"), Some("industry.1"));
    assert_eq!(id_shaped("见grid-closure.12。"), Some("grid-closure.12"));
    assert_eq!(id_shaped("出席 d001、d002"), Some("d001"));
    assert_eq!(
        id_shaped("议案“budget-2017-jan-aug”的票数"),
        Some("budget-2017-jan-aug")
    );
    assert_eq!(id_shaped("zhang-zhaorong"), Some("zhang-zhaorong"));
    for fine in [
        "2017年1-8月",
        "2017-09-21",
        "增长 12.5%",
        "版本 0.1.0",
        "DOCX、PDF",
        "代表 105 名",
        "jiujiang.json",
        "head #2-6b1ee3a4",
    ] {
        assert_eq!(id_shaped(fine), None, "{fine}");
    }
}

#[test]
fn no_view_of_the_jiujiang_session_shows_an_internal_id() {
    let dir = tempfile::tempdir().unwrap();
    let s = model::load_bundled(Lang::Zh).unwrap().session;
    let mut ids: Vec<String> = s.roster.iter().map(|d| d.id.clone()).collect();
    ids.extend(s.motions.iter().map(|m| m.id.clone()));
    ids.extend(s.elections.iter().map(|e| e.id.clone()));
    ids.extend(s.indicators.iter().map(|i| i.id.clone()));
    ids.extend(s.itinerary.iter().map(|i| i.id.clone()));
    ids.extend(s.documents.iter().map(|d| d.id.clone()));
    ids.extend(
        s.documents
            .iter()
            .flat_map(|d| d.sections.iter().map(|sec| sec.id.clone())),
    );
    assert!(ids.iter().any(|i| i == "zhang-zhaorong") && ids.iter().any(|i| i == "d001"));
    assert!(ids.iter().any(|i| i == "budget-2017-jan-aug"));

    // A sitting under way: 105 present, the budget report open for a show of hands.
    let mut rec = Recorder::open_for_writing(&default_path_in(dir.path(), &s), &s, "秘书").unwrap();
    let delegates = s.roster[..105]
        .iter()
        .map(|d| d.id.as_str().into())
        .collect();
    rec.record(
        "秘书",
        Action::Attendance {
            mark: Mark::Present,
            delegates,
        },
    )
    .unwrap();
    rec.record(
        "秘书",
        Action::Open {
            motion: s.motions[0].id.as_str().into(),
        },
    )
    .unwrap();
    drop(rec);

    let mut h = common::harness(common::app_with_bundled(dir.path()));
    let mut seen = Vec::new();
    for v in View::ALL {
        h.state_mut().prefs.view = v;
        h.state_mut().prefs.notes_panel.set(v, true);
        h.run();
        seen.extend(ids_shown(&h, &ids, true).into_iter().map(|f| (v, f)));
    }

    // The Votes view's pages: attendance, then the motion with a refused total.
    h.state_mut().prefs.view = View::Votes;
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "工作人员姓名");
    field.focus();
    field.type_text("秘书");
    h.run();
    h.get_by_role_and_label(Role::Button, "进入工作人员模式")
        .click();
    h.run();
    seen.extend(
        ids_shown(&h, &ids, true)
            .into_iter()
            .map(|f| (View::Votes, f)),
    );
    h.get_by_label_contains("财政预算执行情况").click();
    h.run();
    let yes = h.get_by_role_and_label(Role::TextInput, "赞成");
    yes.focus();
    yes.type_text("200");
    h.run();
    // The refusal names the motion by its title.
    h.get_by_label_contains("的票数合计 200，超过出席人数 105");
    h.get_by_label_contains(&format!("议案“{}”", s.motions[0].title));
    seen.extend(
        ids_shown(&h, &ids, true)
            .into_iter()
            .map(|f| (View::Votes, f)),
    );

    // The same views in English: ids are as foreign there as in Chinese, but an id that is
    // one English word ("opening", "sitting") is then also just a word.
    let en_ids: Vec<String> = ids
        .iter()
        .filter(|i| !i.chars().all(|c| c.is_ascii_lowercase()))
        .cloned()
        .collect();
    h.state_mut().prefs.lang = Lang::En;
    for v in View::ALL {
        h.state_mut().prefs.view = v;
        h.run();
        seen.extend(ids_shown(&h, &en_ids, true).into_iter().map(|f| (v, f)));
    }

    assert!(seen.is_empty(), "internal ids on screen: {seen:#?}");
}
