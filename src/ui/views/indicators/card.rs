//! One indicator as a card: name, value with unit, the shape that suits it (growth chart,
//! progress bar or big figure), period and growth, and the buttons to open its paragraph,
//! annotate it, copy its data and save it as a picture.

use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, GridMark, Plot, PlotPoint, Text};

use super::card_text::{Body, CardText, Chart, Check, Rate, computed_text};
use super::chart_png;
use crate::i18n::{Lang, tr, trf};
use crate::model::Indicator;
use crate::model::indicator_math::{
    self as im, consistency, derived_decimals, fmt_fixed, fmt_tick, fmt_yoy, previous_period,
    value_text,
};
use crate::notes::Target;
use crate::ui::segments::{Look, SegmentLabels, segments_ui};
use crate::ui::text_block::text_block;
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx};

pub(super) struct CardEnv<'a> {
    pub text: &'a CardText,
    /// 批注 · 复制 · 存图.
    pub actions: &'a SegmentLabels<3>,
    pub focused: bool,
}

const ACCENT: Color32 = Color32::from_rgb(0x2f, 0x6f, 0xb0);
const FOCUS: Color32 = Color32::from_rgb(0xe0, 0x8a, 0x00);
const GOOD: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);
const BAD: Color32 = Color32::from_rgb(0xc0, 0x39, 0x2b);
/// The mark of a planned value.
const TARGET: Color32 = Color32::from_rgb(0x8e, 0x44, 0xad);

/// Draws a card filling the ui's max rect; returns the height its content needs.
pub(super) fn card_ui(ui: &mut egui::Ui, cx: &mut ViewCtx, ind: &Indicator, env: &CardEnv) -> f32 {
    let text = env.text;
    let outer = ui.max_rect();
    // The card as a whole answers hover and click; registered first, so the buttons drawn
    // on top of it take their own clicks.
    let card = ui.interact(outer, ui.scope_id().with("card"), egui::Sense::click());

    let stroke = if env.focused {
        egui::Stroke::new(2.5, FOCUS)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    let frame = egui::Frame::group(ui.style())
        .stroke(stroke)
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::same(8));
    let margin = frame.total_margin().sum();
    let mut prepared = frame.begin(ui);
    let mut jump = false;
    {
        let ui = &mut prepared.content_ui;
        ui.set_width(outer.width() - margin.x);
        // The card's texts are painted, not labels: a card is drawn on every frame.
        let name = RichText::new(&ind.name).strong();
        let badge = text.target.as_ref().map(|t| {
            RichText::new(format!(" {t} "))
                .small()
                .strong()
                .color(Color32::WHITE)
                .background_color(TARGET)
        });
        text_block(ui, std::iter::once(name).chain(badge), 6.0);
        let value = RichText::new(&text.value).size(22.0).strong().color(ACCENT);
        let unit = RichText::new(&text.unit).size(15.0);
        let yoy = text
            .yoy
            .as_ref()
            .map(|(yoy, rose)| RichText::new(yoy).color(if *rose { GOOD } else { BAD }));
        let gap = ui.spacing().item_spacing.x;
        text_block(ui, [value, unit].into_iter().chain(yoy), gap);
        match &text.body {
            Body::Chart(chart) => {
                let r = yoy_chart_ui(ui, &ind.id, chart);
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Image, true, &chart.accessible)
                });
                let r = r.tip_ui(|ui| details_ui(ui, cx, ind));
                jump |= r.clicked();
            }
            Body::Rate(rate) => rate_ui(ui, rate),
            Body::Figure { no_previous } => {
                if let Some(why) = no_previous {
                    text_block(ui, [RichText::new(why).weak()], 0.0);
                }
            }
        }
        if let Some(basis) = &text.basis {
            text_block(ui, [RichText::new(basis).small()], 0.0);
        }
        if let Some(warning) = &text.growth_warning {
            let color = ui.visuals().warn_fg_color;
            text_block(ui, [RichText::new(warning).small().color(color)], 0.0);
        }
        // An unstated period is said in the hover card only: on every card it is noise.
        if let Some(period) = &text.period {
            text_block(ui, [RichText::new(period).weak().small()], 0.0);
        }
        ui.horizontal_wrapped(|ui| buttons_ui(ui, cx, ind, env, outer));
    }
    let natural = prepared.content_ui.min_rect().height() + margin.y;
    // Cards in a row share the row's height, so the frames line up.
    // (`set_min_height` would add the height below the content, not measure from its top.)
    let top = prepared.content_ui.min_rect().min;
    let want =
        egui::Rect::from_min_size(top, egui::vec2(0.0, (outer.height() - margin.y).max(0.0)));
    prepared.content_ui.expand_to_include_rect(want);
    prepared.end(ui);

    let card = card.tip_ui(|ui| details_ui(ui, cx, ind));
    if card.clicked() || jump {
        jump_to_source(cx, ind);
    }
    natural
}

fn jump_to_source(cx: &mut ViewCtx, ind: &Indicator) {
    if let Some(pid) = &ind.source
        && cx.session.find_paragraph(pid).is_some()
    {
        let range = im::source_sentence_range(cx.session, ind);
        cx.send(AppCommand::JumpToParagraph {
            paragraph_id: pid.clone(),
            range,
        });
    }
}

/// This period beside the same period last year (derived), growth printed on the bar.
fn yoy_chart_ui(ui: &mut egui::Ui, id: &str, c: &Chart) -> egui::Response {
    let top = c.prev.max(c.value).max(0.0);
    let bottom = c.prev.min(c.value).min(0.0);
    let text_color = ui.visuals().text_color();
    let dark = ui.visuals().dark_mode;
    let derived_fill = if dark {
        Color32::from_rgb(0x3a, 0x4a, 0x5c)
    } else {
        Color32::from_rgb(0xc9, 0xd9, 0xec)
    };
    let bars = vec![
        Bar::new(0.0, c.prev)
            .width(0.55)
            .fill(derived_fill)
            .stroke(egui::Stroke::new(1.0, ACCENT))
            .name(&c.last_label),
        Bar::new(1.0, c.value)
            .width(0.55)
            .fill(ACCENT)
            .name(&c.this_label),
    ];
    Plot::new(("indicator_chart", id))
        .height(170.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag(false)
        .show_x(false)
        .show_y(false)
        .show_crosshair(false)
        .show_grid([false, true])
        // Room either side so the outer tick labels are not cut at the plot's edges.
        .include_x(-0.8)
        .include_x(1.8)
        .include_y(bottom)
        .include_y(top * 1.25)
        // One mark under each bar. The plot hides a tick label wider than `step_size` in
        // points; the two labels are narrower than the bars' distance together, so claim a
        // wide step to keep both.
        .x_grid_spacer(|_| {
            vec![
                GridMark {
                    value: 0.0,
                    step_size: 3.0,
                },
                GridMark {
                    value: 1.0,
                    step_size: 3.0,
                },
            ]
        })
        .x_axis_formatter(|m, _| {
            if m.value.abs() < 1e-6 {
                c.last_label.clone()
            } else if (m.value - 1.0).abs() < 1e-6 {
                c.this_label.clone()
            } else {
                String::new()
            }
        })
        // Three or four labelled lines, at least 36 points apart (the grid's spacer is
        // handed the value of its minimum spacing, 8 points).
        .y_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            (im::axis_marks(lo, hi, input.base_step_size * 36.0 / 8.0).into_iter())
                .map(|(value, step_size)| GridMark { value, step_size })
                .collect()
        })
        .y_axis_formatter(|m, _| fmt_tick(m.value, m.step_size))
        .x_axis_label(c.x_label.as_str())
        .y_axis_label(c.y_label.as_str())
        .show(ui, |p| {
            p.bar_chart(BarChart::new("bars", bars).allow_hover(false));
            p.text(
                Text::new(
                    "last_value",
                    PlotPoint::new(0.0, c.prev),
                    RichText::new(&c.last_value).color(text_color),
                )
                .anchor(egui::Align2::CENTER_BOTTOM)
                .allow_hover(false),
            );
            p.text(
                Text::new(
                    "this_value",
                    PlotPoint::new(1.0, c.value),
                    RichText::new(&c.this_value).strong().color(text_color),
                )
                .anchor(egui::Align2::CENTER_BOTTOM)
                .allow_hover(false),
            );
            if let Some(yoy) = &c.yoy_inside {
                p.text(
                    Text::new(
                        "yoy",
                        PlotPoint::new(1.0, c.value / 2.0),
                        RichText::new(yoy).strong().color(Color32::WHITE),
                    )
                    .allow_hover(false),
                );
            }
        })
        .response
}

/// A rate as a bar against 100 %, with the value computed from its parts beside it.
fn rate_ui(ui: &mut egui::Ui, rate: &Rate) {
    gauge_ui(ui, rate.fraction, &rate.gauge);
    match &rate.check {
        None => {}
        Some(Check::Consistent { computed, verdict }) => {
            text_block(ui, [RichText::new(computed)], 0.0);
            text_block(ui, [RichText::new(verdict).color(GOOD)], 0.0);
        }
        Some(Check::Mismatch { computed, verdict }) => {
            text_block(ui, [RichText::new(computed)], 0.0);
            text_block(ui, [RichText::new(verdict).color(BAD).strong()], 0.0);
        }
        Some(Check::ZeroWhole(why)) => {
            text_block(ui, [RichText::new(why).color(BAD)], 0.0);
        }
    }
}

/// A bar against 100 %: a visible track, the filled part, the value printed after the bar
/// so it reads the same on any fill, and tick labels 0 and 100%.
fn gauge_ui(ui: &mut egui::Ui, frac: f32, text: &str) {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 14.0), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, text));
    let painter = ui.painter_at(rect.expand(1.0));
    let track = if ui.visuals().dark_mode {
        Color32::from_gray(70)
    } else {
        Color32::from_gray(215)
    };
    painter.rect_filled(rect, 4.0, track);
    let mut fill = rect;
    fill.set_width(rect.width() * frac.clamp(0.0, 1.0));
    painter.rect_filled(fill, 4.0, ACCENT);
    text_block(ui, [RichText::new(text).strong()], 0.0);
}

/// 原文 · 批注 · 复制 · 存图 · note count, each with the indicator's name in its accessible
/// label so they can be told apart.
fn buttons_ui(
    ui: &mut egui::Ui,
    cx: &mut ViewCtx,
    ind: &Indicator,
    env: &CardEnv,
    card_rect: egui::Rect,
) {
    let lang = cx.lang;
    // Accessible names are built only when asked for (by a screen reader or a test): these
    // are four strings per card per frame otherwise.
    let label = |r: &egui::Response, role: egui::Role, key: &str| {
        r.widget_info(|| {
            egui::WidgetInfo::labeled(role, true, trf(lang, key, &[("name", &ind.name)]))
        });
    };

    if env.text.has_source {
        let r = ui.link(tr(lang, "indicators.source"));
        label(&r, egui::Role::Link, "indicators.source_label");
        if r.tip(|| tr(lang, "indicators.source.tip")).clicked() {
            jump_to_source(cx, ind);
        }
    } else {
        text_block(
            ui,
            [RichText::new(tr(lang, "indicators.no_source")).weak()],
            0.0,
        );
    }

    // 批注 · 复制 · 存图, laid out once per frame for all the cards.
    const ACTIONS: [(&str, &str); 3] = [
        ("indicators.note_label", "indicators.note.tip"),
        ("indicators.copy_label", "indicators.copy.tip"),
        ("indicators.save_png_label", "indicators.save_png.tip"),
    ];
    let name = |i: usize| trf(lang, ACTIONS[i].0, &[("name", &ind.name)]);
    let mut pressed = None;
    segments_ui(ui, env.actions, Look::Small, true, name, |i, r| {
        if r.tip(|| tr(lang, ACTIONS[i].1)).clicked() {
            pressed = Some(i);
        }
    });
    match pressed {
        Some(0) => cx.send(AppCommand::NewNote(Target::indicator(&ind.id))),
        Some(1) => {
            if let Some(i) = cx.session.indicators.iter().position(|i| i.id == ind.id) {
                let rows = im::table(cx.session, &[i], lang);
                cx.send(AppCommand::Copy(im::tsv(&rows)));
            }
            cx.send(AppCommand::Status(trf(
                lang,
                "indicators.copied",
                &[("name", &ind.name)],
            )));
        }
        Some(_) => request_png(cx, ind, card_rect),
        None => {}
    }

    let notes = cx.anchors.on_indicator(&ind.id);
    if let Some(first) = notes.first() {
        let text = trf(
            lang,
            "indicators.notes_count",
            &[("n", &notes.len().to_string())],
        );
        let r = ui.add(
            egui::Button::new(RichText::new(&text).color(Color32::WHITE).small())
                .fill(crate::ui::note_color::note_color()),
        );
        r.widget_info(|| {
            let n = notes.len().to_string();
            let text = trf(
                lang,
                "indicators.notes_count_label",
                &[("n", &n), ("name", &ind.name)],
            );
            egui::WidgetInfo::labeled(egui::Role::Button, true, text)
        });
        let tip = cx.notes.get(first).map(|n| &n.text);
        let r = r.tip_ui(|ui| {
            let first_80: String = tip
                .map(|t| t.chars().take(80).collect())
                .unwrap_or_default();
            ui.label(first_80);
        });
        if r.clicked() {
            cx.send(AppCommand::EditNote(first.clone()));
        }
    }
}

/// Asks the app to save the card as a picture once this frame is on screen.
fn request_png(cx: &mut ViewCtx, ind: &Indicator, rect: egui::Rect) {
    let path = chart_png::chart_path(cx.data_dir, &cx.session.id, &ind.id);
    cx.send(AppCommand::SaveChart { rect, path });
    cx.send(AppCommand::Status(
        tr(cx.lang, "indicators.saving_png").into_owned(),
    ));
}

/// The hover card: exact value, unit, period, change, derived and computed values, and the
/// sentence the number comes from.
fn details_ui(ui: &mut egui::Ui, cx: &ViewCtx, ind: &Indicator) {
    let lang = cx.lang;
    ui.set_max_width(380.0);
    ui.label(RichText::new(&ind.name).strong());
    ui.label(trf(
        lang,
        "indicators.hover.value",
        &[("value", &value_text(cx.session, ind, lang))],
    ));
    ui.label(trf(
        lang,
        "indicators.hover.unit",
        &[("unit", ind.unit.trim())],
    ));
    ui.label(match &ind.period {
        Some(p) => trf(lang, "indicators.period", &[("period", p)]),
        None => tr(lang, "indicators.no_period").into_owned(),
    });
    if let Some(y) = ind.yoy {
        ui.label(trf(lang, "indicators.yoy", &[("yoy", &fmt_yoy(y))]));
        match previous_period(ind.value, y) {
            Some(prev) => {
                let colon = if lang == Lang::En { ": " } else { "：" };
                ui.label(format!(
                    "{}{colon}≈{}{}",
                    tr(lang, "indicators.last_year"),
                    fmt_fixed(prev, derived_decimals(ind.value)),
                    ind.unit.trim()
                ));
                ui.label(RichText::new(tr(lang, "indicators.derived_tip")).weak());
            }
            None => {
                ui.label(tr(lang, "indicators.no_previous"));
            }
        }
    }
    if let Some(c) = consistency(cx.session, ind)
        && let Some(computed) = c.computed
    {
        ui.label(computed_text(lang, &c, computed));
    }
    if let Some(sentence) = im::source_sentence(cx.session, ind) {
        ui.separator();
        ui.label(trf(
            lang,
            "indicators.hover.sentence",
            &[("sentence", &sentence)],
        ));
    }
    // The paragraph by where it stands (document, section, number), never by its id.
    if let Some((at, _)) = ind
        .source
        .as_deref()
        .and_then(|p| cx.session.find_paragraph(p))
        && let Some(doc) = cx.session.documents.get(at.document)
        && let Some(sec) = doc.sections.get(at.section)
    {
        ui.label(
            RichText::new(trf(
                lang,
                "indicators.hover.click",
                &[
                    ("document", &doc.title),
                    ("section", &sec.title),
                    ("n", &(at.paragraph + 1).to_string()),
                ],
            ))
            .weak(),
        );
    }
}
