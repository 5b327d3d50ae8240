//! The numbers found in the report, one row each: keep or drop, and the name, value, unit,
//! period, stated change and whether it is a target, each editable; where it was read is
//! shown beside it. A long report gives hundreds, so the rows are on the [`VirtualList`].

use super::ReadFiles;
use crate::i18n::{Lang, tr, trf};
use crate::ui::virtual_list::VirtualList;

const ROW: f32 = 26.0;
/// Column widths: keep, name, value, unit, period, change, target; the source takes the rest.
const WIDTHS: [f32; 7] = [44.0, 210.0, 80.0, 64.0, 130.0, 64.0, 44.0];

pub(super) fn numbers_ui(
    ui: &mut egui::Ui,
    read: &mut ReadFiles,
    list: &mut VirtualList,
    lang: Lang,
) {
    let rows = read.review.numbers.len();
    if rows == 0 {
        ui.label(egui::RichText::new(tr(lang, "new_session.no_numbers")).weak());
        return;
    }
    ui.horizontal(|ui| {
        let kept = read.review.numbers.iter().filter(|n| n.keep).count();
        ui.label(trf(
            lang,
            "new_session.numbers_kept",
            &[("kept", &kept.to_string()), ("n", &rows.to_string())],
        ));
        if ui.small_button(tr(lang, "new_session.keep_all")).clicked() {
            read.review.numbers.iter_mut().for_each(|n| n.keep = true);
        }
        if ui.small_button(tr(lang, "new_session.drop_all")).clicked() {
            read.review.numbers.iter_mut().for_each(|n| n.keep = false);
        }
    });
    ui.horizontal(|ui| {
        for (key, w) in [
            "new_session.col.keep",
            "new_session.col.name",
            "new_session.col.value",
            "new_session.col.unit",
            "new_session.col.period",
            "new_session.col.yoy",
            "new_session.col.target",
        ]
        .into_iter()
        .zip(WIDTHS)
        {
            ui.add_sized(
                [w, ROW],
                egui::Label::new(egui::RichText::new(tr(lang, key)).strong()),
            );
        }
        ui.label(egui::RichText::new(tr(lang, "new_session.col.source")).strong());
    });
    let width = ui.available_width();
    if !list.is_laid_out_for(rows, width) {
        list.set_rows(std::iter::repeat_n(ROW, rows), width);
    }
    let height = (rows as f32 * (ROW + 2.0)).min(360.0);
    let numbers = &mut read.review.numbers;
    let sources = &read.sources;
    ui.allocate_ui(egui::vec2(width, height), |ui| {
        ui.set_min_height(height);
        list.ui(ui, "new_session_numbers", 2.0, |ui, i| {
            let (Some(n), source) = (numbers.get_mut(i), sources.get(i)) else {
                return;
            };
            let row = (i + 1).to_string();
            let problem = n.problem(lang);
            ui.horizontal(|ui| {
                let keep_label = trf(lang, "new_session.keep_number", &[("n", &row)]);
                let keep = n.keep;
                let r = ui.add_sized([WIDTHS[0], ROW], egui::Checkbox::without_text(&mut n.keep));
                r.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, keep, &keep_label)
                });
                let enabled = n.keep;
                let fields: [(&mut String, f32, &str); 5] = [
                    (&mut n.name, WIDTHS[1], "new_session.col.name"),
                    (&mut n.value, WIDTHS[2], "new_session.col.value"),
                    (&mut n.unit, WIDTHS[3], "new_session.col.unit"),
                    (&mut n.period, WIDTHS[4], "new_session.col.period"),
                    (&mut n.yoy, WIDTHS[5], "new_session.col.yoy"),
                ];
                for (text, w, col) in fields {
                    let label = trf(
                        lang,
                        "new_session.number_field",
                        &[("n", &row), ("column", &tr(lang, col))],
                    );
                    let r = ui.add_enabled(
                        enabled,
                        egui::TextEdit::singleline(text).desired_width(w - 8.0),
                    );
                    let now = text.clone();
                    r.widget_info(|| egui::WidgetInfo {
                        label: Some(label.clone()),
                        ..egui::WidgetInfo::text_edit(enabled, &now, &now, "")
                    });
                }
                let target_label = trf(lang, "new_session.target_number", &[("n", &row)]);
                let target = n.target;
                let r = ui.add_enabled_ui(enabled, |ui| {
                    ui.add_sized(
                        [WIDTHS[6], ROW],
                        egui::Checkbox::without_text(&mut n.target),
                    )
                });
                r.inner.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, enabled, target, &target_label)
                });
                match &problem {
                    Some(why) => {
                        ui.colored_label(ui.visuals().error_fg_color, why);
                    }
                    None => {
                        let s = source.map_or("", String::as_str);
                        ui.add(egui::Label::new(egui::RichText::new(s).weak()).truncate())
                            .on_hover_text(s);
                    }
                }
            });
        });
    });
}
