//! The route sketch: the stops with coordinates on a plot, numbered, joined in visiting
//! order, labelled without overlap; a click on a stop highlights it.

use egui::RichText;
use egui_plot::{Line, Plot, PlotPoint, PlotPoints, Points};

use crate::i18n::{tr, trf};
use crate::model::Stop;
use crate::model::itinerary;
use crate::ui::note_color::note_color;
use crate::ui::view::ViewCtx;

use super::{ItineraryView, NEXT_COLOR, VISITED_COLOR};

impl ItineraryView {
    /// The route sketch: the stops with coordinates, numbered and joined in visiting order.
    pub(super) fn route_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx, stops: &[Stop]) {
        let lang = cx.lang;
        let notes = cx.notes;
        ui.heading(tr(lang, "itinerary.route"));
        ui.label(RichText::new(tr(lang, "itinerary.route_tip")).weak());
        let missing = stops.iter().filter(|s| s.coords.is_none()).count();
        if missing > 0 {
            ui.label(
                RichText::new(trf(
                    lang,
                    "itinerary.some_without_coords",
                    &[("n", &missing.to_string())],
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        // (index in the itinerary, stop, lon, lat)
        let pts: Vec<(usize, &Stop, f64, f64)> = stops
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.coords.map(|(lon, lat)| (i, s, lon, lat)))
            .collect();
        let mean_lat = pts.iter().map(|p| p.3).sum::<f64>() / pts.len().max(1) as f64;
        // One degree of longitude is cos(latitude) as long as one of latitude: keep the
        // sketch's proportions true to the ground.
        let aspect = (1.0 / mean_lat.to_radians().cos().max(0.1)) as f32;
        let labels: Vec<String> = pts
            .iter()
            .map(|(i, s, _, _)| format!("{} {}", i + 1, s.place))
            .collect();
        let line_color = ui.visuals().widgets.noninteractive.fg_stroke.color;
        let focused = self.focused.clone();
        let line_name = tr(lang, "itinerary.route_line").into_owned();
        let visited_name = tr(lang, "itinerary.route_visited").into_owned();
        let unvisited_name = tr(lang, "itinerary.route_unvisited").into_owned();
        let pts_in = pts.clone();
        let resp = Plot::new("itinerary_route_plot")
            .data_aspect(aspect)
            .x_axis_label(tr(lang, "itinerary.lon"))
            .y_axis_label(tr(lang, "itinerary.lat"))
            .x_axis_formatter(|m, _| format!("{:.3}°", m.value))
            .y_axis_formatter(|m, _| format!("{:.3}°", m.value))
            .set_margin_fraction(egui::vec2(0.2, 0.2))
            .allow_scroll(false)
            .show_crosshair(false)
            .show(ui, move |plot_ui| {
                let path: Vec<[f64; 2]> = pts_in.iter().map(|p| [p.2, p.3]).collect();
                plot_ui.line(
                    Line::new(line_name, PlotPoints::from(path))
                        .color(line_color)
                        .width(2.0)
                        .allow_hover(false),
                );
                let (done, todo): (Vec<_>, Vec<_>) =
                    pts_in.iter().partition(|p| notes.stop(&p.1.id).visited);
                let xy = |v: &[&(usize, &Stop, f64, f64)]| -> Vec<[f64; 2]> {
                    v.iter().map(|p| [p.2, p.3]).collect()
                };
                plot_ui.points(
                    Points::new(visited_name, xy(&done))
                        .radius(MARKER)
                        .filled(true)
                        .color(VISITED_COLOR),
                );
                plot_ui.points(
                    Points::new(unvisited_name, xy(&todo))
                        .radius(MARKER)
                        .filled(true)
                        .color(note_color()),
                );
                if let Some(p) = pts_in
                    .iter()
                    .find(|p| focused.as_deref() == Some(p.1.id.as_str()))
                {
                    plot_ui.points(
                        Points::new("focused", vec![[p.2, p.3]])
                            .radius(MARKER + 4.0)
                            .filled(false)
                            .color(NEXT_COLOR)
                            .allow_hover(false),
                    );
                }
            });
        // Labels are painted over the plot with this frame's transform, in screen units
        // where overlap is visible. (As plot items they would widen the plot's automatic
        // bounds, which would move them again on the next frame.)
        let frame = *resp.transform.frame();
        let screen: Vec<(f32, f32)> = pts
            .iter()
            .map(|p| {
                let s = resp
                    .transform
                    .position_from_point(&PlotPoint::new(p.2, p.3));
                (s.x, s.y)
            })
            .collect();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let text_color = ui.visuals().text_color();
        let galleys: Vec<_> = ui.fonts_mut(|f| {
            labels
                .iter()
                .map(|t| f.layout_no_wrap(t.clone(), font.clone(), text_color))
                .collect()
        });
        let pad = egui::vec2(3.0, 1.0);
        let sizes: Vec<(f32, f32)> = galleys
            .iter()
            .map(|g| (g.size().x + 2.0 * pad.x, g.size().y + 2.0 * pad.y))
            .collect();
        let area = itinerary::LabelRect {
            min: (frame.min.x, frame.min.y),
            max: (frame.max.x, frame.max.y),
        };
        let rects = itinerary::place_labels(&screen, &sizes, 3.0, MARKER, Some(area));
        let painter = ui.painter_at(frame);
        let bg = ui.visuals().extreme_bg_color.gamma_multiply(0.85);
        for (rect, galley) in rects.iter().zip(galleys) {
            let r = egui::Rect::from_min_max(
                egui::pos2(rect.min.0, rect.min.1),
                egui::pos2(rect.max.0, rect.max.1),
            );
            painter.rect_filled(r, 3.0, bg);
            painter.galley(r.min + pad, galley, text_color);
        }
        if resp.response.clicked()
            && let Some(pos) = resp.response.interact_pointer_pos()
        {
            let hit = pts
                .iter()
                .map(|p| {
                    let s = resp
                        .transform
                        .position_from_point(&PlotPoint::new(p.2, p.3));
                    (s.distance(pos), p.1)
                })
                .filter(|(d, _)| *d <= MARKER + 8.0)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, s)) = hit {
                self.focus(&s.id);
            }
        }
    }
}

const MARKER: f32 = 5.0;
