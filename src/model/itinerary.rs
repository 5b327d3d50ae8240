//! The inspection itinerary as the delegates walk it: which report paragraphs and indicators
//! belong to each stop (and back), which stop comes next, and where the route sketch puts
//! its labels so they never cover each other.
//!
//! Plain Rust: the Itinerary view, the report and indicator views and the exporter all read
//! the same links from here.

use std::collections::HashMap;

use super::session::{Indicator, Session, Stop};

/// A paragraph linked to a stop, resolved to its text.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkedParagraph<'s> {
    pub id: &'s str,
    /// Title of the document the paragraph is in.
    pub document: &'s str,
    /// Title of its section.
    pub section: &'s str,
    /// 1-based position inside the section.
    pub number: usize,
    pub text: &'s str,
}

/// One stop with its links resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct StopLink<'s> {
    /// 0-based position in the itinerary (the visiting order).
    pub index: usize,
    pub stop: &'s Stop,
    pub indicators: Vec<&'s Indicator>,
    pub paragraphs: Vec<LinkedParagraph<'s>>,
}

/// Every stop's paragraphs and indicators, and the reverse maps paragraph → stops and
/// indicator → stops, so a paragraph in the reader can say "视察点：第2站".
#[derive(Clone, Debug, Default)]
pub struct StopLinks<'s> {
    stops: Vec<StopLink<'s>>,
    by_paragraph: HashMap<&'s str, Vec<usize>>,
    by_indicator: HashMap<&'s str, Vec<usize>>,
}

impl<'s> StopLinks<'s> {
    /// Resolves the links of every stop in file order. Validation guarantees that every id a
    /// stop names exists; an id that does not (a session built by hand) is left out rather
    /// than shown as a broken link.
    pub fn new(session: &'s Session) -> StopLinks<'s> {
        let mut links = StopLinks::default();
        for (index, stop) in session.itinerary.iter().enumerate() {
            let mut indicators = Vec::new();
            for id in &stop.indicators {
                if let Some(ind) = session.indicator(id) {
                    push_once(
                        links.by_indicator.entry(ind.id.as_str()).or_default(),
                        index,
                    );
                    indicators.push(ind);
                }
            }
            let mut paragraphs = Vec::new();
            for id in &stop.paragraphs {
                if let Some((at, text)) = session.find_paragraph(id) {
                    let doc = &session.documents[at.document];
                    let sec = &doc.sections[at.section];
                    push_once(links.by_paragraph.entry(id.as_str()).or_default(), index);
                    paragraphs.push(LinkedParagraph {
                        id: id.as_str(),
                        document: doc.title.as_str(),
                        section: sec.title.as_str(),
                        number: at.paragraph + 1,
                        text,
                    });
                }
            }
            links.stops.push(StopLink {
                index,
                stop,
                indicators,
                paragraphs,
            });
        }
        links
    }

    /// The stops in visiting order, with their links.
    pub fn stops(&self) -> &[StopLink<'s>] {
        &self.stops
    }

    /// The links of the stop with this id.
    pub fn stop(&self, id: &str) -> Option<&StopLink<'s>> {
        self.stops.iter().find(|s| s.stop.id == id)
    }

    /// The stops (in visiting order) that name this paragraph.
    pub fn stops_for_paragraph(&self, paragraph_id: &str) -> Vec<&StopLink<'s>> {
        self.resolve(self.by_paragraph.get(paragraph_id))
    }

    /// The stops (in visiting order) whose numbers include this indicator.
    pub fn stops_for_indicator(&self, indicator_id: &str) -> Vec<&StopLink<'s>> {
        self.resolve(self.by_indicator.get(indicator_id))
    }

    fn resolve(&self, at: Option<&Vec<usize>>) -> Vec<&StopLink<'s>> {
        at.map(|v| v.iter().filter_map(|&i| self.stops.get(i)).collect())
            .unwrap_or_default()
    }
}

fn push_once(v: &mut Vec<usize>, i: usize) {
    // A stop naming the same id twice still counts once.
    if v.last() != Some(&i) {
        v.push(i);
    }
}

/// The stop to go to next: the first unvisited stop after the last visited one, so a stop
/// skipped on the day does not hold the "next" pointer back; when every later stop is done,
/// the earliest stop still unvisited. None when all are visited.
pub fn next_unvisited(stops: &[Stop], visited: impl Fn(&str) -> bool) -> Option<(usize, &Stop)> {
    let last_visited = stops.iter().rposition(|s| visited(&s.id));
    let after = last_visited.map_or(0, |i| i + 1);
    stops
        .iter()
        .enumerate()
        .skip(after)
        .chain(stops.iter().enumerate().take(after))
        .find(|(_, s)| !visited(&s.id))
}

/// How many of the stops are visited.
pub fn visited_count(stops: &[Stop], visited: impl Fn(&str) -> bool) -> usize {
    stops.iter().filter(|s| visited(&s.id)).count()
}

/// An axis-aligned rectangle in screen units (y grows downwards; only overlap matters).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelRect {
    pub min: (f32, f32),
    pub max: (f32, f32),
}

impl LabelRect {
    pub fn from_center(center: (f32, f32), size: (f32, f32)) -> LabelRect {
        LabelRect {
            min: (center.0 - size.0 / 2.0, center.1 - size.1 / 2.0),
            max: (center.0 + size.0 / 2.0, center.1 + size.1 / 2.0),
        }
    }

    pub fn center(&self) -> (f32, f32) {
        (
            (self.min.0 + self.max.0) / 2.0,
            (self.min.1 + self.max.1) / 2.0,
        )
    }

    /// Area shared with `other`; 0 when they only touch.
    pub fn overlap(&self, other: &LabelRect) -> f32 {
        let w = self.max.0.min(other.max.0) - self.min.0.max(other.min.0);
        let h = self.max.1.min(other.max.1) - self.min.1.max(other.min.1);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    pub fn area(&self) -> f32 {
        (self.max.0 - self.min.0).max(0.0) * (self.max.1 - self.min.1).max(0.0)
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains(&self, other: &LabelRect) -> bool {
        self.min.0 <= other.min.0
            && self.min.1 <= other.min.1
            && other.max.0 <= self.max.0
            && other.max.1 <= self.max.1
    }

    pub fn intersects(&self, other: &LabelRect) -> bool {
        self.overlap(other) > 0.0
    }
}

/// Width of `text` in a proportional CJK font of `size` units: CJK and full-width characters
/// are one em, others (Latin, digits, ASCII punctuation) about half. Good enough to keep
/// labels apart when the real glyph widths are not at hand.
pub fn estimate_text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// How many rings of eight positions a label tries before settling for the least overlap.
pub const RINGS: usize = 3;

/// Places one label per point, greedily in point order: each label tries eight positions
/// around its point (right, left, above, below, then the diagonals), first close to it and
/// then on [`RINGS`]` - 1` wider rings, and takes the first whose rectangle covers neither an
/// earlier label nor any point's marker. When every position is taken, it takes the one that
/// overlaps least.
///
/// `points` are marker centres, `sizes` the label sizes (same length; extra entries on
/// either side are ignored), `gap` the distance between marker and label, `marker` the
/// marker's radius, `within` the drawing area if labels should stay inside it (a label
/// sticking out counts its outside area as overlap). Returns each label's rectangle.
pub fn place_labels(
    points: &[(f32, f32)],
    sizes: &[(f32, f32)],
    gap: f32,
    marker: f32,
    within: Option<LabelRect>,
) -> Vec<LabelRect> {
    let markers: Vec<LabelRect> = points
        .iter()
        .map(|&p| LabelRect::from_center(p, (2.0 * marker, 2.0 * marker)))
        .collect();
    let mut placed: Vec<LabelRect> = Vec::with_capacity(points.len());
    for (&(x, y), &(w, h)) in points.iter().zip(sizes) {
        // Centres of the candidate rectangles, in order of preference.
        let candidates = (0..RINGS).flat_map(|ring| {
            let d = marker + gap + ring as f32 * (h + gap);
            [
                (x + d + w / 2.0, y),
                (x - d - w / 2.0, y),
                (x, y - d - h / 2.0),
                (x, y + d + h / 2.0),
                (x + d + w / 2.0, y - d - h / 2.0),
                (x - d - w / 2.0, y - d - h / 2.0),
                (x + d + w / 2.0, y + d + h / 2.0),
                (x - d - w / 2.0, y + d + h / 2.0),
            ]
        });
        let cost = |r: &LabelRect| -> f32 {
            let outside = within.map_or(0.0, |area| r.area() - r.overlap(&area));
            outside
                + placed
                    .iter()
                    .chain(markers.iter())
                    .map(|o| r.overlap(o))
                    .sum::<f32>()
        };
        let mut best: Option<(LabelRect, f32)> = None;
        for c in candidates {
            let r = LabelRect::from_center(c, (w, h));
            let overlap = cost(&r);
            if overlap == 0.0 {
                best = Some((r, 0.0));
                break;
            }
            if best.is_none_or(|(_, b)| overlap < b) {
                best = Some((r, overlap));
            }
        }
        if let Some((r, _)) = best {
            placed.push(r);
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(id: &str) -> Stop {
        Stop {
            id: id.to_string(),
            project: format!("项目{id}"),
            place: format!("地点{id}"),
            time: None,
            host: None,
            facts: Vec::new(),
            indicators: Vec::new(),
            paragraphs: Vec::new(),
            coords: None,
        }
    }

    #[test]
    fn next_is_the_first_stop_when_nothing_is_visited() {
        let stops = [stop("a"), stop("b"), stop("c")];
        let next = next_unvisited(&stops, |_| false).map(|(i, _)| i);
        assert_eq!(next, Some(0));
    }

    #[test]
    fn next_follows_the_last_visited_stop_past_a_skipped_one() {
        let stops = [stop("a"), stop("b"), stop("c"), stop("d")];
        // b was skipped; c is done, so d is next.
        let visited = |id: &str| id == "a" || id == "c";
        assert_eq!(
            next_unvisited(&stops, visited).map(|(_, s)| &*s.id),
            Some("d")
        );
        // Once d is done too, the skipped b is what is left.
        let visited = |id: &str| id != "b";
        assert_eq!(
            next_unvisited(&stops, visited).map(|(_, s)| &*s.id),
            Some("b")
        );
        assert_eq!(visited_count(&stops, visited), 3);
    }

    #[test]
    fn no_next_when_all_are_visited_or_there_are_no_stops() {
        let stops = [stop("a"), stop("b")];
        assert!(next_unvisited(&stops, |_| true).is_none());
        assert!(next_unvisited(&[], |_| false).is_none());
    }

    #[test]
    fn a_lone_label_goes_to_the_right_of_its_point() {
        let r = place_labels(&[(100.0, 100.0)], &[(40.0, 10.0)], 2.0, 3.0, None);
        assert_eq!(r.len(), 1);
        assert!(r[0].min.0 >= 100.0 + 3.0);
        assert!((r[0].center().1 - 100.0).abs() < 1e-3);
    }

    #[test]
    fn labels_of_crowded_points_do_not_overlap_each_other_or_the_markers() {
        // A row of close points, a tight cluster, and a diagonal: the kinds of layout a
        // town's inspection route produces when zoomed out.
        let layouts: Vec<Vec<(f32, f32)>> = vec![
            (0..6).map(|i| (i as f32 * 30.0, 50.0)).collect(),
            vec![(50.0, 50.0), (54.0, 52.0), (48.0, 57.0), (60.0, 45.0)],
            (0..5).map(|i| (i as f32 * 15.0, i as f32 * 15.0)).collect(),
        ];
        for points in layouts {
            let sizes: Vec<(f32, f32)> = (0..points.len())
                .map(|i| {
                    (
                        estimate_text_width(&format!("{} 上东工业区", i + 1), 12.0),
                        14.0,
                    )
                })
                .collect();
            let rects = place_labels(&points, &sizes, 2.0, 3.0, None);
            assert_eq!(rects.len(), points.len());
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    assert!(!a.intersects(b), "{a:?} overlaps {b:?} in {points:?}");
                }
                for &p in &points {
                    let m = LabelRect::from_center(p, (6.0, 6.0));
                    assert!(!a.intersects(&m), "{a:?} covers the marker at {p:?}");
                }
                let (w, h) = sizes[i];
                assert!((a.max.0 - a.min.0 - w).abs() < 1e-3);
                assert!((a.max.1 - a.min.1 - h).abs() < 1e-3);
            }
        }
    }

    #[test]
    fn when_every_position_is_taken_the_least_covered_one_wins() {
        // Many points on one spot: overlap cannot be avoided, but every label is placed
        // next to its point and they overlap far less than labels stacked in one place.
        let n = 8 * RINGS + 6;
        let (w, h) = (30.0, 10.0);
        let points = vec![(0.0, 0.0); n];
        let rects = place_labels(&points, &vec![(w, h); n], 1.0, 2.0, None);
        assert_eq!(rects.len(), n);
        let mut total = 0.0;
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                total += a.overlap(b);
            }
            let reach = 2.0 + 1.0 + RINGS as f32 * (h + 1.0) + w;
            assert!(a.min.0 >= -reach && a.max.0 <= reach && a.min.1 >= -reach && a.max.1 <= reach);
        }
        let stacked = (n * (n - 1) / 2) as f32 * w * h;
        assert!(total < stacked * 0.1, "overlap {total} of {stacked}");
    }

    #[test]
    fn labels_stay_inside_the_drawing_area_when_there_is_room() {
        // A point at the right edge: its label goes left instead of off the plot; one at
        // the top-left corner goes below-right.
        let area = LabelRect {
            min: (0.0, 0.0),
            max: (200.0, 100.0),
        };
        let points = [(195.0, 50.0), (4.0, 4.0)];
        let sizes = [(60.0, 12.0), (60.0, 12.0)];
        let rects = place_labels(&points, &sizes, 2.0, 3.0, Some(area));
        for r in &rects {
            assert!(area.contains(r), "{r:?}");
        }
        assert!(rects[0].max.0 < 195.0);
        let free = place_labels(&points, &sizes, 2.0, 3.0, None);
        assert!(
            !area.contains(&free[0]),
            "without an area the label goes right"
        );
    }

    #[test]
    fn cjk_text_is_estimated_wider_than_the_same_count_of_digits() {
        assert!(estimate_text_width("上东工业", 10.0) > estimate_text_width("1234", 10.0));
        assert_eq!(estimate_text_width("", 10.0), 0.0);
    }
}
