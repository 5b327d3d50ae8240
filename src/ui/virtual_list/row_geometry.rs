//! Where each row of a long list sits: a height per row, estimated until the row is drawn and
//! measured from then on, and the tops those heights add up to.
//!
//! Plain numbers, no egui, so the arithmetic the list's scrolling rests on is tested on its
//! own.

use std::ops::Range;

#[derive(Clone, Debug, Default)]
pub struct RowGeometry {
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// Space between two rows.
    gap: f32,
    /// `tops[i]` is row i's top; `tops[len]` is where a row after the last would start.
    /// Valid below `stale_from`.
    tops: Vec<f32>,
    stale_from: usize,
}

/// Heights closer than this are the same height: text layout rounds to fractions of a point.
const SAME: f32 = 0.5;

impl RowGeometry {
    /// Rows of the estimated heights, none measured yet.
    pub fn new(estimates: impl IntoIterator<Item = f32>, gap: f32) -> Self {
        let heights: Vec<f32> = estimates.into_iter().map(|h| h.max(1.0)).collect();
        let n = heights.len();
        Self {
            heights,
            measured: vec![false; n],
            gap,
            tops: vec![0.0; n + 1],
            stale_from: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.heights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    pub fn gap(&self) -> f32 {
        self.gap
    }

    pub fn set_gap(&mut self, gap: f32) {
        if gap != self.gap {
            self.gap = gap;
            self.stale_from = 0;
        }
    }

    pub fn height(&self, row: usize) -> f32 {
        self.heights.get(row).copied().unwrap_or(0.0)
    }

    pub fn is_measured(&self, row: usize) -> bool {
        self.measured.get(row).copied().unwrap_or(false)
    }

    /// The drawn height of `row`. Returns by how much its height changed (0 when the estimate
    /// or the last measurement was right).
    pub fn measure(&mut self, row: usize, height: f32) -> f32 {
        let (Some(h), Some(m)) = (self.heights.get_mut(row), self.measured.get_mut(row)) else {
            return 0.0;
        };
        *m = true;
        let height = height.max(1.0);
        if (height - *h).abs() <= SAME {
            return 0.0;
        }
        let change = height - *h;
        *h = height;
        self.stale_from = self.stale_from.min(row + 1);
        change
    }

    /// Treats every height as an estimate again (the width changed), keeping the numbers:
    /// a height measured at a nearby width is a better guess than none.
    pub fn forget_measurements(&mut self) {
        self.measured.fill(false);
    }

    /// Row `row`'s top; the list's end past the last row.
    pub fn top(&mut self, row: usize) -> f32 {
        if row >= self.len() {
            return self.total();
        }
        self.settle();
        self.tops[row]
    }

    /// The height of the whole list.
    pub fn total(&mut self) -> f32 {
        self.settle();
        let n = self.len();
        if n == 0 { 0.0 } else { self.tops[n] - self.gap }
    }

    /// The rows that overlap `min_y..=max_y`, in list coordinates.
    pub fn rows_between(&mut self, min_y: f32, max_y: f32) -> Range<usize> {
        self.settle();
        let n = self.len();
        let gap = self.gap;
        // Row i ends a gap above row i + 1's top: both searches are binary.
        let first = self.tops[1..].partition_point(|next| next - gap < min_y);
        let end = self.tops[..n].partition_point(|t| *t <= max_y).max(first);
        first..end
    }

    /// The row under `y` (the last one past the end, None when empty).
    pub fn row_at(&mut self, y: f32) -> Option<usize> {
        let n = self.len();
        if n == 0 {
            return None;
        }
        self.settle();
        let after = self.tops[..n].partition_point(|t| *t <= y);
        Some(after.saturating_sub(1))
    }

    fn settle(&mut self) {
        let n = self.len();
        if self.tops.len() != n + 1 {
            self.tops.resize(n + 1, 0.0);
            self.stale_from = 0;
        }
        if self.stale_from > n {
            return;
        }
        let mut y = if self.stale_from == 0 {
            0.0
        } else {
            self.tops[self.stale_from - 1] + self.heights[self.stale_from - 1] + self.gap
        };
        for i in self.stale_from..n {
            self.tops[i] = y;
            y += self.heights[i] + self.gap;
        }
        self.tops[n] = y;
        self.stale_from = n + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_place_the_rows_until_one_is_measured() {
        let mut g = RowGeometry::new([10.0, 20.0, 30.0], 5.0);
        assert_eq!(g.top(0), 0.0);
        assert_eq!(g.top(1), 15.0);
        assert_eq!(g.top(2), 40.0);
        assert_eq!(g.total(), 70.0);
        assert!(!g.is_measured(1));

        // Row 1 drawn 50 high: 30 more than guessed; the rows after it move down by 30.
        assert_eq!(g.measure(1, 50.0), 30.0);
        assert!(g.is_measured(1));
        assert_eq!(g.top(1), 15.0);
        assert_eq!(g.top(2), 70.0);
        assert_eq!(g.total(), 100.0);

        // Measured again the same: nothing moves.
        assert_eq!(g.measure(1, 50.2), 0.0);
        assert_eq!(g.top(2), 70.0);
    }

    #[test]
    fn rows_after_a_correction_are_found_where_they_now_are() {
        let mut g = RowGeometry::new(std::iter::repeat_n(20.0, 100), 0.0);
        assert_eq!(g.rows_between(401.0, 439.0), 20..22);
        assert_eq!(g.row_at(410.0), Some(20));
        // Rows 0..10 turn out twice as tall: row 20 is now 200 further down.
        for i in 0..10 {
            g.measure(i, 40.0);
        }
        assert_eq!(g.top(20), 600.0);
        assert_eq!(g.row_at(410.0), Some(10));
        assert_eq!(g.rows_between(601.0, 639.0), 20..22);
        // A window starting inside row 21 begins there.
        assert_eq!(g.rows_between(621.0, 630.0), 21..22);
    }

    #[test]
    fn a_jump_lands_on_the_row_s_top_with_measured_heights_above() {
        let mut g = RowGeometry::new(std::iter::repeat_n(30.0, 50), 4.0);
        assert_eq!(g.top(10), 10.0 * 34.0);
        g.measure(3, 60.0);
        assert_eq!(g.top(10), 10.0 * 34.0 + 30.0);
        let top = g.top(10);
        assert_eq!(g.row_at(top), Some(10));
        // Past the end: the last row.
        let end = g.total();
        assert_eq!(g.row_at(end + 100.0), Some(49));
        assert_eq!(g.top(80), end);
    }

    #[test]
    fn forgetting_keeps_heights_as_estimates() {
        let mut g = RowGeometry::new([10.0, 10.0], 0.0);
        g.measure(0, 25.0);
        g.forget_measurements();
        assert!(!g.is_measured(0));
        assert_eq!(g.height(0), 25.0);
        assert_eq!(g.total(), 35.0);
    }

    #[test]
    fn an_empty_list_has_no_rows() {
        let mut g = RowGeometry::default();
        assert!(g.is_empty());
        assert_eq!(g.total(), 0.0);
        assert_eq!(g.row_at(10.0), None);
        assert_eq!(g.rows_between(0.0, 100.0), 0..0);
        assert_eq!(g.measure(3, 10.0), 0.0);
    }
}
