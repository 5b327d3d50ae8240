//! The Indicators view driven through its widgets: every Jiujiang indicator can be found by
//! its name, a number leads to its paragraph, notes and copies work, a rate that disagrees
//! with its parts is flagged, and a national-size session lays out only what is visible.

use crate::common;

use delegate_desk::i18n::Lang;
use delegate_desk::model::indicator_math::{group_by_category, tsv};
use delegate_desk::model::{IndicatorKind, load_bundled};
use delegate_desk::notes::Target;
use delegate_desk::ui::DeskApp;
use delegate_desk::ui::view::{AppCommand, View};
use delegate_desk::ui::views::indicators::chart_png::{
    ChartPngError, chart_path, crop, encode_png, save_chart,
};
use egui::accesskit::Role;
use egui::{Color32, ColorImage, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// As `common::harness`, with room for a long jump to settle: the rows between are measured
/// as they scroll past, and the scroll is aimed again until their heights are known.
fn harness(app: DeskApp) -> Harness<'static, DeskApp> {
    let mut h = Harness::builder()
        .with_size(common::SIZE)
        .with_max_steps(16)
        .with_context_setup(delegate_desk::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut DeskApp| app.show(ui), app);
    h.run();
    h
}

fn open_indicators(dir: &std::path::Path) -> Harness<'static, DeskApp> {
    let mut h = harness(common::app_with_bundled(dir));
    h.get_by_role_and_label(Role::Button, "指标").click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Indicators);
    h
}

fn jump_to(h: &mut Harness<'static, DeskApp>, id: &str) {
    h.state_mut()
        .send(AppCommand::JumpToIndicator(id.to_string()));
    h.run();
}

#[test]
fn every_jiujiang_indicator_is_found_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    let session = load_bundled(Lang::Zh).unwrap().session;
    assert!(session.indicators.len() > 30);
    // The first category's first card is on screen without scrolling.
    h.get_by_label("原文：工业总产值");
    for ind in &session.indicators {
        jump_to(&mut h, &ind.id);
        assert_eq!(h.state().prefs.view, View::Indicators);
        assert_eq!(h.state().indicators.focused(), Some(ind.id.as_str()));
        assert!(
            h.query_all_by_label(&ind.name).count() >= 1,
            "no label {}: {:?}",
            ind.name,
            h.query_all_by_label_contains(&ind.name)
                .map(|n| format!("{:?}", n.accesskit_node()))
                .collect::<Vec<_>>()
        );
        h.get_by_label(&format!("原文：{}", ind.name));
        h.get_by_label(&format!("批注：{}", ind.name));
        h.get_by_label(&format!("复制数据：{}", ind.name));
    }
    // Every category of the file has its heading, shown above its first indicator.
    for cat in group_by_category(&session.indicators) {
        jump_to(&mut h, &session.indicators[cat.indicators[0]].id);
        h.get_by_label(&format!("收起：{}", cat.name));
    }
}

#[test]
fn the_source_link_opens_the_report_at_the_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    // A paragraph of another document section, far from the start of the report.
    jump_to(&mut h, "grid-closure-rate");
    assert!(
        h.query_by_label(&common::add_note_label("grid.2"))
            .is_none()
    );
    h.get_by_label("原文：上报事件办结率").click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    h.get_by_label(&common::add_note_label("grid.2"));

    // Back in the Indicators view, still where the delegate left it; then the first one.
    h.get_by_role_and_label(Role::Button, "指标").click();
    h.run();
    h.get_by_label("原文：上报事件办结率");
    jump_to(&mut h, "industrial-output");
    h.get_by_label("原文：工业总产值").click();
    h.run();
    assert_eq!(h.state().prefs.view, View::Report);
    h.get_by_label(&common::add_note_label("industry.1"));
}

#[test]
fn rates_show_the_value_computed_from_their_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    jump_to(&mut h, "opinions-resolution-rate");
    h.get_by_label("按分项计算：1246 ÷ 1252 = 99.52%");
    h.get_by_label("与所述一致");
    assert!(h.query_by_label_contains("不一致").is_none());

    // A stated rate off by more than rounding is flagged (the file loader would refuse it,
    // so change the open session directly).
    {
        let open = h.state_mut().open.as_mut().unwrap();
        let rate = open
            .loaded
            .session
            .indicators
            .iter_mut()
            .find(|i| i.id == "opinions-resolution-rate")
            .unwrap();
        assert_eq!(rate.kind, IndicatorKind::Rate);
        rate.value = 99.6;
        // The view words each card once per opened session; opening one starts it afresh.
        h.state_mut().indicators = Default::default();
    }
    jump_to(&mut h, "opinions-resolution-rate");
    h.get_by_label_contains("不一致：所述 99.6%");
    assert!(h.query_by_label("与所述一致").is_none());
}

#[test]
fn switching_the_language_rewords_every_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    h.get_by_label_contains("同比 +8.7%");
    h.get_by_role_and_label(Role::Image, "图表：工业总产值");
    h.state_mut().prefs.lang = Lang::En;
    h.run();
    assert!(h.query_by_label_contains("同比").is_none());
    h.get_by_label_contains("Year on year\u{a0}+8.7%");
    h.get_by_role_and_label(Role::Image, "Chart: 工业总产值");
}

#[test]
fn growth_charts_show_the_derived_last_year() {
    let dir = tempfile::tempdir().unwrap();
    let h = open_indicators(dir.path());
    // One chart per amount with a growth, named for accessibility.
    h.get_by_role_and_label(Role::Image, "图表：工业总产值");
    h.get_by_role_and_label(Role::Image, "图表：固定资产投资");
    h.get_by_role_and_label(Role::Image, "图表：国、地两税入库");
    // The growth beside the value, as the report states it.
    h.get_by_label_contains("同比 +8.7%");
    h.get_by_label_contains("同比 +55.74%");
    // Counts without growth are figures, not charts.
    assert!(h.query_by_label("图表：上市企业培育库企业").is_none());
}

#[test]
fn a_delegate_annotates_an_indicator_and_sees_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    assert!(h.query_by_label("1 条批注：工业总产值").is_none());
    h.get_by_label("批注：工业总产值").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "疑问").click();
    h.run();
    let text = h.get_by_role_and_label(Role::MultilineTextInput, "内容");
    text.focus();
    text.type_text("增速为何低于去年");
    h.run();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();

    let notes = h.state().open.as_ref().unwrap().notes.notes().to_vec();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].target, Target::indicator("industrial-output"));
    assert_eq!(notes[0].text, "增速为何低于去年");
    h.get_by_label("1 条批注：工业总产值");
    // Other indicators have none.
    assert!(h.query_by_label_contains("条批注：固定资产投资").is_none());
}

#[test]
fn copying_gives_a_tab_separated_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    h.get_by_label("复制数据：工业总产值").click();
    h.step();
    let copied = copied_text(&h).expect("the card's data is copied");
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("指标\t"));
    let cells: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(cells.len(), lines[0].split('\t').count());
    assert_eq!(cells[0], "工业总产值");
    assert!(cells.contains(&"189.25") && cells.contains(&"174.10"));

    h.run();
    h.get_by_label("复制本类数据：经济").click();
    h.step();
    let copied = copied_text(&h).expect("the category's data is copied");
    let session = load_bundled(Lang::Zh).unwrap().session;
    let n = session
        .indicators
        .iter()
        .filter(|i| i.category == "经济")
        .count();
    assert_eq!(copied.lines().count(), n + 1);
    assert_eq!(
        copied,
        tsv(&copied
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect::<Vec<_>>())
    );
}

fn copied_text(h: &Harness<'static, DeskApp>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}

#[test]
fn a_category_folds_and_unfolds() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    h.get_by_label("收起：经济").click();
    h.run();
    assert!(h.query_by_label("原文：工业总产值").is_none());
    h.get_by_label("展开：经济").click();
    h.run();
    h.get_by_label("原文：工业总产值");
    // A jump into a folded category unfolds it.
    h.get_by_label("收起：经济").click();
    h.run();
    jump_to(&mut h, "tax-revenue");
    h.get_by_label("原文：国、地两税入库");
}

#[test]
fn a_national_session_lays_out_only_what_is_visible() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = load_bundled(Lang::Zh).unwrap().session;
    let base = session.indicators.clone();
    session.indicators.clear();
    // Copy 0 keeps the original ids, which the itinerary refers to.
    for k in 0..8 {
        for ind in &base {
            let mut i = ind.clone();
            if k == 0 {
                session.indicators.push(i);
                continue;
            }
            i.id = format!("{}-{k}", ind.id);
            i.name = format!("{}（{k}）", ind.name);
            i.category = format!("{}{k}", ind.category);
            if let Some(p) = &mut i.parts {
                p.part = format!("{}-{k}", p.part);
                p.whole = format!("{}-{k}", p.whole);
            }
            session.indicators.push(i);
        }
    }
    let total = session.indicators.len();
    assert!(total >= 300);
    let path = dir.path().join("national.ron");
    std::fs::write(
        &path,
        ron::ser::to_string_pretty(&session, Default::default()).unwrap(),
    )
    .unwrap();
    let mut app = DeskApp::with_prefs(Default::default(), dir.path().join("data"));
    app.open_path(&path);
    assert!(
        app.open.is_some(),
        "the generated session opens: {:?}",
        app.problems.as_ref().map(|p| (&p.diagnostics, &p.io_error))
    );
    app.prefs.view = View::Indicators;
    let mut h = harness(app);
    let drawn = h.query_all_by_label_contains("原文：").count();
    assert!(drawn > 0 && drawn < total / 4, "{drawn} of {total} drawn");
    // The last one is reachable by a jump.
    let last = session.indicators.last().unwrap().clone();
    jump_to(&mut h, &last.id);
    h.get_by_label(&format!("原文：{}", last.name));
    assert!(h.query_by_label("原文：工业总产值").is_none());
}

/// A 40×30 image: left half red, right half blue, one green pixel at (30, 20).
fn synthetic() -> ColorImage {
    let (w, h) = (40, 30);
    let mut pixels = vec![Color32::RED; w * h];
    for y in 0..h {
        for x in w / 2..w {
            pixels[y * w + x] = Color32::BLUE;
        }
    }
    pixels[20 * w + 30] = Color32::GREEN;
    ColorImage::new([w, h], pixels)
}

#[test]
fn a_chart_is_cropped_in_physical_pixels_and_encoded_as_png() {
    let image = synthetic();
    // Points at 2 pixels per point: (10, 5)–(20, 15) points is (20, 10)–(40, 30) pixels.
    let rect = Rect::from_min_max(pos2(10.0, 5.0), pos2(20.0, 15.0));
    let cropped = crop(&image, rect, 2.0).unwrap();
    assert_eq!(cropped.size, [20, 20]);
    assert!(
        cropped
            .pixels
            .iter()
            .all(|&c| c == Color32::BLUE || c == Color32::GREEN)
    );
    assert_eq!(cropped.pixels[10 * 20 + 10], Color32::GREEN);

    let png = encode_png(&cropped).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let decoded = image::load_from_memory(&png).unwrap().to_rgba8();
    assert_eq!(decoded.dimensions(), (20, 20));
    assert_eq!(decoded.get_pixel(10, 10).0, [0, 255, 0, 255]);
    assert_eq!(decoded.get_pixel(0, 0).0, [0, 0, 255, 255]);
}

#[test]
fn a_rect_partly_or_wholly_outside_the_screenshot_is_clamped_or_refused() {
    let image = synthetic();
    let partly = Rect::from_min_max(pos2(30.0, 25.0), pos2(100.0, 100.0));
    assert_eq!(crop(&image, partly, 1.0).unwrap().size, [10, 5]);
    let outside = Rect::from_min_max(pos2(50.0, 0.0), pos2(60.0, 10.0));
    assert!(crop(&image, outside, 1.0).is_none());
    let negative = Rect::from_min_max(pos2(-10.0, -10.0), pos2(5.0, 5.0));
    assert_eq!(crop(&image, negative, 1.0).unwrap().size, [5, 5]);
    assert!(crop(&image, Rect::NOTHING, 1.0).is_none());
    assert!(
        crop(
            &image,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(f32::NAN, 5.0)),
            1.0
        )
        .is_none()
    );

    let dir = tempfile::tempdir().unwrap();
    let path = chart_path(dir.path(), "jiujiang/2017", "industrial-output");
    assert!(path.starts_with(dir.path().join("charts")));
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        "jiujiang_2017-industrial-output.png"
    );
    assert!(matches!(
        save_chart(&image, outside, 1.0, &path),
        Err(ChartPngError::Empty)
    ));
    assert!(!path.exists());
    save_chart(&image, partly, 1.0, &path).unwrap();
    let saved = image::open(&path).unwrap();
    assert_eq!((saved.width(), saved.height()), (10, 5));
}

#[test]
fn hovering_a_chart_shows_the_exact_value_and_its_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open_indicators(dir.path());
    h.get_by_role_and_label(Role::Image, "图表：工业总产值")
        .hover();
    h.run();
    h.get_by_label("数值：189.25亿元");
    h.get_by_label("同比 +8.7%");
    h.get_by_label("上年同期（推算）：≈174.10亿元");
    h.get_by_label("原句：今年1-8月,全镇实现工业总产值189.25亿元,较去年同期增长8.7%;");
}
