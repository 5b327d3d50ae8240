//! A separated line (src/ui/separated.rs) wraps whole items: no item is parted, no separator
//! ends a line, and an item wider than the line is wrapped within it.

use delegate_desk::ui::separated::Separated;
use egui::{Rect, Shape, pos2, vec2};

const ITEMS: [&str; 7] = [
    "应到：40",
    "实到：38",
    "请假：1",
    "缺席：1",
    "未签到：0",
    "法定人数：21",
    "Quorum reached",
];

/// What one frame of a line `width` points wide painted: each text's rect and rows, and
/// each separator's x and vertical extent.
struct Painted {
    texts: Vec<(Rect, usize)>,
    separators: Vec<(f32, f32, f32)>,
}

fn paint(width: f32, items: &[&str]) -> Painted {
    let ctx = egui::Context::default();
    delegate_desk::fonts::install_fonts(&ctx);
    let raw = || egui::RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1000.0, 600.0))),
        ..Default::default()
    };
    let mut draw = |ui: &mut egui::Ui| {
        ui.allocate_ui(vec2(width, 500.0), |ui| {
            ui.set_max_width(width);
            ui.horizontal_wrapped(|ui| {
                let mut line = Separated::new();
                for t in items {
                    line.label(ui, *t);
                }
            });
        });
    };
    // Fonts are loaded in the first pass; the second is the one looked at.
    // (Their font textures are dropped here, not uploaded.)
    ctx.run_ui(raw(), &mut draw).textures_delta.clear();
    let mut out = ctx.run_ui(raw(), &mut draw);
    out.textures_delta.clear();
    let mut painted = Painted {
        texts: vec![],
        separators: vec![],
    };
    for s in out.shapes {
        match s.shape {
            Shape::Text(t) => painted.texts.push((
                t.galley.rect.translate(t.pos.to_vec2()),
                t.galley.rows.len(),
            )),
            Shape::LineSegment { points: [a, b], .. } if (a.x - b.x).abs() < 0.01 => {
                painted.separators.push((a.x, a.y.min(b.y), a.y.max(b.y)))
            }
            _ => {}
        }
    }
    painted
}

/// Whether text `r` is on the same line as a separator spanning `top..bottom`.
fn beside(r: &Rect, top: f32, bottom: f32) -> bool {
    r.center().y > top && r.center().y < bottom
}

#[test]
fn a_wide_line_has_a_separator_between_each_two_items() {
    let p = paint(900.0, &ITEMS);
    assert_eq!(p.texts.len(), ITEMS.len());
    assert_eq!(p.separators.len(), ITEMS.len() - 1);
    let top = p.texts[0].0.top();
    assert!(
        p.texts
            .iter()
            .all(|(r, rows)| *rows == 1 && (r.top() - top).abs() < 0.5)
    );
}

#[test]
fn a_narrow_line_wraps_whole_items_and_leaves_no_separator_at_a_line_end() {
    let p = paint(200.0, &ITEMS);
    assert_eq!(p.texts.len(), ITEMS.len());
    let mut lines: Vec<f32> = p.texts.iter().map(|(r, _)| r.top().round()).collect();
    lines.dedup();
    assert!(lines.len() >= 3, "200 points hold only a few items a line");
    for (r, rows) in &p.texts {
        assert_eq!(*rows, 1, "an item was parted: {r:?}");
        assert!(r.right() <= 200.5, "an item runs past the line: {r:?}");
    }
    // One separator fewer than items on each line, and each between two of them.
    assert_eq!(p.separators.len(), ITEMS.len() - lines.len());
    for &(x, top, bottom) in &p.separators {
        let left = p
            .texts
            .iter()
            .any(|(r, _)| beside(r, top, bottom) && r.right() < x);
        let right = p
            .texts
            .iter()
            .any(|(r, _)| beside(r, top, bottom) && r.left() > x);
        assert!(left && right, "a separator at x {x} ends its line");
    }
}

#[test]
fn an_item_wider_than_the_line_is_wrapped_within_it() {
    let long = "九江镇第三届人民代表大会第三次会议听取和审议镇人民政府工作报告";
    let p = paint(150.0, &["应到：40", long]);
    let (r, rows) = p
        .texts
        .iter()
        .find(|(r, _)| r.width() > 100.0)
        .expect("the long item is painted");
    assert!(*rows > 1);
    assert!(r.right() <= 150.5, "{r:?}");
    assert!(p.separators.is_empty(), "the long item starts its own line");
}
