//! One indicator as a card: name, value with unit, the shape that suits it (growth chart,
//! progress bar or big figure), period and growth, and the buttons to open its paragraph,
//! annotate it, copy its data and save it as a picture.

use std::sync::mpsc;

use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, GridMark, Plot, PlotPoint, Text};

use super::PngResult;
use super::chart_png;
use crate::i18n::{Lang, tr, trf};
use crate::model::Indicator;
use crate::model::indicator_math::{
    self as im, Shape, axis_unit_label, consistency, derived_decimals, fmt_fixed, fmt_tick,
    fmt_value, fmt_yoy, previous_period, value_text,
};
use crate::notes::Target;
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx};

pub(super) struct CardEnv {
    pub shape: Shape,
    pub focused: bool,
    pub png_tx: mpsc::Sender<PngResult>,
}

const ACCENT: Color32 = Color32::from_rgb(0x2f, 0x6f, 0xb0);
const FOCUS: Color32 = Color32::from_rgb(0xe0, 0x8a, 0x00);
const GOOD: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);
const BAD: Color32 = Color32::from_rgb(0xc0, 0x39, 0x2b);

/// Draws a card filling the ui's max rect; returns the height its content needs.
pub(super) fn card_ui(ui: &mut egui::Ui, cx: &mut ViewCtx, ind: &Indicator, env: &CardEnv) -> f32 {
    let lang = cx.lang;
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
        ui.label(RichText::new(&ind.name).strong());
        ui.horizontal_wrapped(|ui| {
            let value = format!(
                "{}{}",
                im::qualifier_word(ind.qualifier, lang),
                cx.session.value_text(ind)
            );
            ui.label(RichText::new(value).size(22.0).strong().color(ACCENT));
            ui.label(RichText::new(ind.unit.trim()).size(15.0));
            if let Some(y) = ind.yoy {
                let (arrow, color) = if y >= 0.0 {
                    ("▲", GOOD)
                } else {
                    ("▼", BAD)
                };
                ui.label(
                    RichText::new(format!(
                        "{arrow} {}",
                        trf(lang, "indicators.yoy", &[("yoy", &fmt_yoy(y))])
                    ))
                    .color(color),
                );
            }
        });
        match env.shape {
            Shape::YoyBars => {
                if let Some(prev) = ind.yoy.and_then(|y| previous_period(ind.value, y)) {
                    let written = cx.session.value_text(ind);
                    let r = yoy_chart_ui(ui, ind, &written, prev, lang);
                    r.widget_info(|| {
                        let label = format!("{}：{}", tr(lang, "indicators.chart"), ind.name);
                        egui::WidgetInfo::labeled(egui::Role::Image, true, label)
                    });
                    let r = r.tip_ui(|ui| details_ui(ui, cx, ind));
                    jump |= r.clicked();
                }
            }
            Shape::Progress => rate_ui(ui, cx, ind),
            Shape::Figure => {
                if ind.yoy.is_some() {
                    ui.label(RichText::new(tr(lang, "indicators.no_previous")).weak());
                }
            }
        }
        // An unstated period is said in the hover card only: on every card it is noise.
        if let Some(p) = &ind.period {
            let period = trf(lang, "indicators.period", &[("period", p)]);
            ui.label(RichText::new(period).weak().small());
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
fn yoy_chart_ui(
    ui: &mut egui::Ui,
    ind: &Indicator,
    written: &str,
    prev: f64,
    lang: Lang,
) -> egui::Response {
    let this_label = tr(lang, "indicators.this_period").into_owned();
    let last_label = tr(lang, "indicators.last_year").into_owned();
    let x_label = ind
        .period
        .clone()
        .unwrap_or_else(|| tr(lang, "indicators.axis_period").into_owned());
    let decimals = derived_decimals(ind.value);
    let top = prev.max(ind.value).max(0.0);
    let bottom = prev.min(ind.value).min(0.0);
    let text_color = ui.visuals().text_color();
    let dark = ui.visuals().dark_mode;
    let derived_fill = if dark {
        Color32::from_rgb(0x3a, 0x4a, 0x5c)
    } else {
        Color32::from_rgb(0xc9, 0xd9, 0xec)
    };
    let bars = vec![
        Bar::new(0.0, prev)
            .width(0.55)
            .fill(derived_fill)
            .stroke(egui::Stroke::new(1.0, ACCENT))
            .name(&last_label),
        Bar::new(1.0, ind.value)
            .width(0.55)
            .fill(ACCENT)
            .name(&this_label),
    ];
    let yoy = ind.yoy.unwrap_or_default();
    // Growth inside the bar when the bar is tall enough to hold it, else beside the value.
    let inside = top > 0.0 && ind.value / top >= 0.3;
    let value_text = if inside {
        written.to_string()
    } else {
        format!("{written} ({})", fmt_yoy(yoy))
    };
    let (ticks_last, ticks_this) = (last_label.clone(), this_label.clone());
    Plot::new(("indicator_chart", &ind.id))
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
        .x_axis_formatter(move |m, _| {
            if m.value.abs() < 1e-6 {
                ticks_last.clone()
            } else if (m.value - 1.0).abs() < 1e-6 {
                ticks_this.clone()
            } else {
                String::new()
            }
        })
        .y_axis_formatter(|m, _| fmt_tick(m.value, m.step_size))
        .x_axis_label(x_label)
        .y_axis_label(axis_unit_label(ind, lang))
        .show(ui, |p| {
            p.bar_chart(BarChart::new("bars", bars).allow_hover(false));
            p.text(
                Text::new(
                    "last_value",
                    PlotPoint::new(0.0, prev),
                    RichText::new(format!("≈{}", fmt_fixed(prev, decimals))).color(text_color),
                )
                .anchor(egui::Align2::CENTER_BOTTOM)
                .allow_hover(false),
            );
            p.text(
                Text::new(
                    "this_value",
                    PlotPoint::new(1.0, ind.value),
                    RichText::new(value_text).strong().color(text_color),
                )
                .anchor(egui::Align2::CENTER_BOTTOM)
                .allow_hover(false),
            );
            if inside {
                p.text(
                    Text::new(
                        "yoy",
                        PlotPoint::new(1.0, ind.value / 2.0),
                        RichText::new(fmt_yoy(yoy)).strong().color(Color32::WHITE),
                    )
                    .allow_hover(false),
                );
            }
        })
        .response
}

/// A rate as a bar against 100 %, with the value computed from its parts beside it.
fn rate_ui(ui: &mut egui::Ui, cx: &ViewCtx, ind: &Indicator) {
    let lang = cx.lang;
    let frac = (ind.value / 100.0).clamp(0.0, 1.0) as f32;
    let text = trf(
        lang,
        "indicators.of_100",
        &[(
            "value",
            &format!(
                "{}{}",
                im::qualifier_word(ind.qualifier, lang),
                cx.session.value_text(ind)
            ),
        )],
    );
    gauge_ui(ui, frac, &text);
    let Some(c) = consistency(cx.session, ind) else {
        return;
    };
    match c.computed {
        Some(computed) => {
            ui.label(computed_text(lang, &c, computed));
            if c.ok {
                ui.label(RichText::new(tr(lang, "indicators.consistent")).color(GOOD));
            } else {
                ui.label(
                    RichText::new(format!(
                        "■ {}",
                        trf(
                            lang,
                            "indicators.mismatch",
                            &[("stated", &fmt_value(c.stated))]
                        )
                    ))
                    .color(BAD)
                    .strong(),
                );
            }
        }
        None => {
            ui.label(RichText::new(tr(lang, "indicators.zero_whole")).color(BAD));
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
    ui.horizontal(|ui| {
        ui.label(RichText::new(text).strong());
    });
}

/// 原文 · 批注 · note count · 复制 · 存图, each with the indicator's name in its accessible
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

    let has_source = ind
        .source
        .as_deref()
        .is_some_and(|p| cx.session.find_paragraph(p).is_some());
    if has_source {
        let r = ui.link(tr(lang, "indicators.source"));
        label(&r, egui::Role::Link, "indicators.source_label");
        if r.tip(|| tr(lang, "indicators.source.tip")).clicked() {
            jump_to_source(cx, ind);
        }
    } else {
        ui.label(RichText::new(tr(lang, "indicators.no_source")).weak());
    }

    let r = ui.small_button(tr(lang, "indicators.note"));
    label(&r, egui::Role::Button, "indicators.note_label");
    if r.tip(|| tr(lang, "indicators.note.tip")).clicked() {
        cx.send(AppCommand::NewNote(Target::indicator(&ind.id)));
    }

    let notes = cx.anchors.on_indicator(&ind.id);
    if let Some(first) = notes.first() {
        let text = trf(
            lang,
            "indicators.notes_count",
            &[("n", &notes.len().to_string())],
        );
        let r = ui.add(
            egui::Button::new(RichText::new(&text).color(Color32::WHITE).small()).fill(ACCENT),
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

    let r = ui.small_button(tr(lang, "indicators.copy"));
    label(&r, egui::Role::Button, "indicators.copy_label");
    if r.tip(|| tr(lang, "indicators.copy.tip")).clicked() {
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

    let r = ui.small_button(tr(lang, "indicators.save_png"));
    label(&r, egui::Role::Button, "indicators.save_png_label");
    if r.tip(|| tr(lang, "indicators.save_png.tip")).clicked() {
        request_png(ui.ctx(), cx, ind, card_rect, env.png_tx.clone());
    }
}

/// Asks the renderer for a screenshot of the next frame; when it comes, a worker crops it
/// to the card and writes the PNG, then reports through `tx`.
fn request_png(
    ctx: &egui::Context,
    cx: &mut ViewCtx,
    ind: &Indicator,
    rect: egui::Rect,
    tx: mpsc::Sender<PngResult>,
) {
    let lang = cx.lang;
    let path = chart_png::chart_path(cx.data_dir, &cx.session.id, &ind.id);
    let ppp = ctx.pixels_per_point();
    let repaint = ctx.clone();
    ctx.request_screenshot(move |image| {
        std::thread::spawn(move || {
            let result = match chart_png::save_chart(&image, rect, ppp, &path) {
                Ok(()) => Ok(path),
                Err(chart_png::ChartPngError::Empty) => {
                    Err(tr(lang, "indicators.png_empty").into_owned())
                }
                Err(e) => Err(e.to_string()),
            };
            let _ = tx.send(result);
            repaint.request_repaint();
        });
    });
    cx.send(AppCommand::Status(
        tr(lang, "indicators.saving_png").into_owned(),
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
                ui.label(format!(
                    "{}：≈{}{}",
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
    if let Some(pid) = &ind.source {
        ui.label(RichText::new(trf(lang, "indicators.hover.click", &[("id", pid)])).weak());
    }
}

/// "按分项计算：1246 ÷ 1252 = 99.52%", on the card and in its hover.
fn computed_text(lang: Lang, c: &im::Consistency, computed: f64) -> String {
    trf(
        lang,
        "indicators.computed",
        &[
            ("part", &fmt_value(c.part)),
            ("whole", &fmt_value(c.whole)),
            ("computed", &fmt_fixed(computed, 2)),
        ],
    )
}
