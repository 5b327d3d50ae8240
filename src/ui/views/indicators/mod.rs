//! 指标: the report's numbers, grouped by the categories the session file gives, as cards:
//! growth charts for amounts with a year-on-year change, progress bars for rates, and big
//! figures for counts.
//!
//! The cards are laid out in rows (one row per category heading, then rows of cards of one
//! shape) on a [`VirtualList`], so a national session with hundreds of indicators costs the
//! same per frame as a township one.

mod card;
mod card_text;
pub mod chart_png;

use card_text::CardText;

use std::collections::HashSet;

use crate::i18n::{Lang, tr, trf};
use crate::model::Session;
use crate::model::indicator_math::{self, Category, Shape};
use crate::ui::segments::SegmentLabels;
use crate::ui::tip::Tip;
use crate::ui::view::{AppCommand, ViewCtx, ViewUi};
use crate::ui::virtual_list::VirtualList;

/// One row of the scrolled list.
#[derive(Clone, Debug, PartialEq)]
enum Row {
    Header {
        category: usize,
    },
    /// `tall`: a row of growth charts; else rates and figures.
    Cards {
        tall: bool,
        items: Vec<usize>,
    },
}

#[derive(Default)]
pub struct IndicatorsView {
    /// The indicator shown highlighted (after a jump from elsewhere).
    focused: Option<String>,
    /// Indicator to bring into view on the next frame.
    scroll_to: Option<String>,
    categories: Vec<Category>,
    /// The session the categories were computed for (id, indicator count).
    grouped_for: Option<(String, usize)>,
    /// What each card says, by indicator index, and the language it is in.
    texts: Vec<CardText>,
    texts_lang: Option<Lang>,
    /// Names of the categories folded away.
    collapsed: HashSet<String>,
    rows: Vec<Row>,
    /// Only the rows in view are laid out.
    list: VirtualList,
    /// Width the rows were laid out for; a change rebuilds them.
    layout_width: f32,
    layout_dirty: bool,
}

/// Gap between cards and between rows.
const GAP: f32 = 8.0;

impl ViewUi for IndicatorsView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx) {
        let session = cx.session;
        ui.heading(cx.tr("view.indicators"));
        if session.indicators.is_empty() {
            ui.label(cx.tr("indicators.empty"));
            return;
        }
        ui.label(egui::RichText::new(cx.tr("indicators.intro")).weak());
        ui.add_space(4.0);
        self.regroup_if_needed(session);
        if self.texts_lang != Some(cx.lang) || self.texts.len() != session.indicators.len() {
            self.texts = (session.indicators.iter())
                .map(|ind| CardText::new(session, ind, cx.lang))
                .collect();
            self.texts_lang = Some(cx.lang);
        }
        self.unfold_for_scroll(session);

        // The scroll bar takes its room from the content width.
        let width = (ui.available_width() - ui.spacing().scroll.bar_width - 4.0).max(160.0);
        if self.layout_dirty || (width - self.layout_width).abs() > 0.5 {
            self.build_rows(session, width);
        }
        self.rows_ui(ui, cx, width);
    }
}

impl IndicatorsView {
    /// Highlights one indicator and scrolls it into view on the next frame.
    pub fn focus(&mut self, id: &str) {
        self.focused = Some(id.to_string());
        self.scroll_to = Some(id.to_string());
    }

    /// The indicator shown highlighted, if any.
    pub fn focused(&self) -> Option<&str> {
        self.focused.as_deref()
    }

    fn regroup_if_needed(&mut self, session: &Session) {
        let key = (session.id.clone(), session.indicators.len());
        if self.grouped_for.as_ref() != Some(&key) {
            self.categories = indicator_math::group_by_category(&session.indicators);
            self.grouped_for = Some(key);
            self.layout_dirty = true;
        }
    }

    /// A jump to an indicator in a folded category unfolds it.
    fn unfold_for_scroll(&mut self, session: &Session) {
        let Some(id) = &self.scroll_to else {
            return;
        };
        if let Some(ind) = session.indicator(id) {
            let name = ind.category.trim().to_string();
            if self.collapsed.remove(&name) {
                self.layout_dirty = true;
            }
        }
    }

    fn build_rows(&mut self, session: &Session, width: f32) {
        self.rows.clear();
        for (ci, cat) in self.categories.iter().enumerate() {
            self.rows.push(Row::Header { category: ci });
            if self.collapsed.contains(&cat.name) {
                continue;
            }
            // Charts first, in rows of their own (they are tall); rates and figures share
            // rows of smaller cards, in file order (1252 collected, 1246 resolved, 99.5 %).
            let shape = |i: &usize| session.indicators.get(*i).map(indicator_math::shape_of);
            let (charts, small): (Vec<usize>, Vec<usize>) = cat
                .indicators
                .iter()
                .partition(|i| shape(i) == Some(Shape::YoyBars));
            for (items, tall) in [(charts, true), (small, false)] {
                for chunk in items.chunks(columns(tall, width)) {
                    self.rows.push(Row::Cards {
                        tall,
                        items: chunk.to_vec(),
                    });
                }
            }
        }
        let estimates = self.rows.iter().map(estimated_height);
        self.list.set_rows(estimates, width);
        self.layout_width = width;
        self.layout_dirty = false;
    }

    /// The row holding an indicator, or the heading just above it when that is the row
    /// before, so the category stays visible after a jump.
    fn row_of(&self, session: &Session, id: &str) -> Option<usize> {
        let index = session.indicators.iter().position(|i| i.id == id)?;
        let row = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Cards { items, .. } if items.contains(&index)))?;
        Some(match row.checked_sub(1).map(|p| &self.rows[p]) {
            Some(Row::Header { .. }) => row - 1,
            _ => row,
        })
    }

    fn rows_ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewCtx, width: f32) {
        let session = cx.session;
        if let Some(id) = self.scroll_to.take()
            && let Some(row) = self.row_of(session, &id)
        {
            self.list.jump_to(row);
        }
        let lang = cx.lang;
        let actions = SegmentLabels::new(
            ui,
            [
                &tr(lang, "indicators.note"),
                &tr(lang, "indicators.copy"),
                &tr(lang, "indicators.save_png"),
            ],
        );
        let mut toggled: Option<String> = None;
        let focused = self.focused.clone();
        let rows = &self.rows;
        let categories = &self.categories;
        let texts = &self.texts;
        let collapsed = &self.collapsed;
        self.list
            .ui(ui, "indicators_scroll", GAP, |ui, i| match rows.get(i) {
                None => {}
                Some(Row::Header { category }) => {
                    let Some(cat) = categories.get(*category) else {
                        return;
                    };
                    let open = !collapsed.contains(&cat.name);
                    if header_ui(ui, cx, cat, open) {
                        toggled = Some(cat.name.clone());
                    }
                }
                Some(Row::Cards { tall, items }) => {
                    let rect = ui.max_rect();
                    let cols = columns(*tall, width);
                    let card_w = card_width(width, cols);
                    let mut tallest: f32 = 0.0;
                    for (k, &index) in items.iter().enumerate() {
                        let (Some(ind), Some(text)) =
                            (session.indicators.get(index), texts.get(index))
                        else {
                            continue;
                        };
                        let card_rect = egui::Rect::from_min_size(
                            rect.min + egui::vec2(k as f32 * (card_w + GAP), 0.0),
                            egui::vec2(card_w, rect.height()),
                        );
                        let mut child = ui.new_child(
                            egui::UiBuilder::new()
                                .max_rect(card_rect)
                                .id_salt(("indicator_card", &ind.id)),
                        );
                        let env = card::CardEnv {
                            text,
                            actions: &actions,
                            focused: focused.as_deref() == Some(ind.id.as_str()),
                        };
                        tallest = tallest.max(card::card_ui(&mut child, cx, ind, &env));
                    }
                    // The cards are drawn side by side in children of their own: the row is as
                    // tall as the tallest.
                    ui.set_min_height(tallest);
                }
            });
        if let Some(name) = toggled {
            if !self.collapsed.remove(&name) {
                self.collapsed.insert(name);
            }
            self.layout_dirty = true;
            ui.ctx().request_repaint();
        }
    }
}

/// How many cards of a shape fit side by side.
fn columns(tall: bool, width: f32) -> usize {
    let min = if tall { 300.0 } else { 220.0 };
    (((width + GAP) / (min + GAP)).floor() as usize).max(1)
}

fn card_width(width: f32, cols: usize) -> f32 {
    ((width - GAP * (cols.saturating_sub(1)) as f32) / cols.max(1) as f32).max(120.0)
}

fn estimated_height(row: &Row) -> f32 {
    match row {
        Row::Header { .. } => 34.0,
        Row::Cards { tall: true, .. } => 290.0,
        Row::Cards { tall: false, .. } => 130.0,
    }
}

/// A category heading: fold toggle, count, copy-as-table. Returns true when toggled.
fn header_ui(ui: &mut egui::Ui, cx: &mut ViewCtx, cat: &Category, open: bool) -> bool {
    let lang = cx.lang;
    let name = if cat.name.is_empty() {
        tr(lang, "indicators.uncategorised").into_owned()
    } else {
        cat.name.clone()
    };
    let mut toggled = false;
    ui.horizontal(|ui| {
        let arrow = if open { "▼" } else { "▶" };
        let r = ui.add(
            egui::Button::new(egui::RichText::new(format!("{arrow} {name}")).heading())
                .frame(false),
        );
        let key = if open {
            "indicators.collapse"
        } else {
            "indicators.expand"
        };
        let label = || trf(lang, key, &[("name", &name)]);
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label()));
        if r.tip(label).clicked() {
            toggled = true;
        }
        ui.label(
            egui::RichText::new(trf(
                lang,
                "indicators.count_in_category",
                &[("n", &cat.indicators.len().to_string())],
            ))
            .weak(),
        );
        let copy = ui
            .small_button(tr(lang, "indicators.copy_category"))
            .tip(|| tr(lang, "indicators.copy_category.tip"));
        copy.widget_info(|| {
            let label = trf(lang, "indicators.copy_category_label", &[("name", &name)]);
            egui::WidgetInfo::labeled(egui::Role::Button, true, label)
        });
        if copy.clicked() {
            let rows = indicator_math::table(cx.session, &cat.indicators, lang);
            cx.send(AppCommand::Copy(indicator_math::tsv(&rows)));
            cx.send(AppCommand::Status(trf(
                lang,
                "indicators.copied_category",
                &[("name", &name), ("n", &cat.indicators.len().to_string())],
            )));
        }
    });
    toggled
}
