//! The inspection itinerary's order and links, both ways, on the bundled Jiujiang session and
//! on a made-up session with coordinates and more stops.

use std::collections::BTreeSet;

use delegate_desk::i18n::Lang;
use delegate_desk::model::itinerary::{StopLinks, next_unvisited, place_labels};
use delegate_desk::model::{Session, load_bundled, load_path};

fn jiujiang() -> Session {
    load_bundled(Lang::Zh).unwrap().session
}

fn with_coords() -> Session {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/itinerary-coords.ron"
    );
    let loaded = load_path(std::path::Path::new(path), Lang::Zh).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.session
}

/// What a stop's links must be, read straight from the file's stop: every id, in file order.
fn assert_links_follow_the_file(session: &Session) {
    let links = StopLinks::new(session);
    assert_eq!(links.stops().len(), session.itinerary.len());
    for (i, (link, stop)) in links.stops().iter().zip(&session.itinerary).enumerate() {
        assert_eq!(link.index, i);
        assert_eq!(link.stop.id, stop.id);
        let ind: Vec<&str> = link.indicators.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ind, stop.indicators, "indicators of {}", stop.id);
        let par: Vec<&str> = link.paragraphs.iter().map(|p| p.id).collect();
        assert_eq!(par, stop.paragraphs, "paragraphs of {}", stop.id);
        for p in &link.paragraphs {
            let (_, text) = session.find_paragraph(p.id).unwrap();
            assert_eq!(p.text, text);
        }
    }
    // The reverse maps hold exactly the stops that name each id, in visiting order.
    let all_paragraphs: BTreeSet<&str> = session
        .itinerary
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(String::as_str))
        .collect();
    for pid in all_paragraphs {
        let expected: Vec<&str> = session
            .itinerary
            .iter()
            .filter(|s| s.paragraphs.iter().any(|p| p == pid))
            .map(|s| s.id.as_str())
            .collect();
        let got: Vec<&str> = links
            .stops_for_paragraph(pid)
            .iter()
            .map(|l| l.stop.id.as_str())
            .collect();
        assert_eq!(got, expected, "stops for paragraph {pid}");
    }
    for ind in &session.indicators {
        let expected: Vec<&str> = session
            .itinerary
            .iter()
            .filter(|s| s.indicators.contains(&ind.id))
            .map(|s| s.id.as_str())
            .collect();
        let got: Vec<&str> = links
            .stops_for_indicator(&ind.id)
            .iter()
            .map(|l| l.stop.id.as_str())
            .collect();
        assert_eq!(got, expected, "stops for indicator {}", ind.id);
    }
}

#[test]
fn jiujiang_stops_are_the_four_projects_in_the_articles_order() {
    let s = jiujiang();
    let projects: Vec<&str> = s.itinerary.iter().map(|x| x.project.as_str()).collect();
    assert_eq!(
        projects,
        [
            "上东工业区改造提升示范项目",
            "南北主涌沙口段挡土墙重建工程",
            "乐善·家",
            "社会治理网格化",
        ]
    );
    // The article gives only "下午" and no coordinates: nothing invented.
    assert!(
        s.itinerary
            .iter()
            .all(|x| x.time.as_deref() == Some("下午"))
    );
    assert!(s.itinerary.iter().all(|x| x.coords.is_none()));
    assert_links_follow_the_file(&s);
}

#[test]
fn jiujiang_links_reach_the_numbers_of_the_article() {
    let s = jiujiang();
    let links = StopLinks::new(&s);
    let shangdong = links.stop("shangdong").unwrap();
    let values: Vec<(f64, &str)> = shangdong
        .indicators
        .iter()
        .map(|i| (i.value, i.unit.as_str()))
        .collect();
    assert_eq!(values, [(52.4, "亩"), (10.0, "家"), (160.0, "个")]);

    let grid = links.stop("grid").unwrap();
    let value_of = |id: &str| grid.indicators.iter().find(|i| i.id == id).unwrap().value;
    assert_eq!(value_of("grid-areas"), 6.0);
    assert_eq!(value_of("grid-cells"), 104.0);
    assert_eq!(value_of("grid-stations"), 27.0);
    assert_eq!(value_of("grid-records"), 112120.0);
    assert_eq!(value_of("grid-patrol-tasks"), 987783.0);
    assert_eq!(value_of("grid-events"), 15155.0);
    assert_eq!(value_of("grid-closure-rate"), 99.32);
    let staff: f64 = [
        "grid-leaders",
        "grid-inspectors",
        "grid-handlers",
        "grid-seat-operators",
        "grid-system-admins",
    ]
    .iter()
    .map(|id| value_of(id))
    .sum();
    assert_eq!(staff, (104 + 242 + 105 + 32 + 27) as f64);

    // The article's inspection paragraph concerns all four stops; the remarks of 张钊荣
    // only the first.
    let all: Vec<&str> = links
        .stops_for_paragraph("inspection.1")
        .iter()
        .map(|l| l.stop.id.as_str())
        .collect();
    assert_eq!(all, ["shangdong", "shakou-wall", "leshan-jia", "grid"]);
    let zhang: Vec<usize> = links
        .stops_for_paragraph("zhang.1")
        .iter()
        .map(|l| l.index)
        .collect();
    assert_eq!(zhang, [0]);
    assert!(links.stops_for_paragraph("no-such.1").is_empty());
    assert!(links.stops_for_indicator("no-such").is_empty());
}

#[test]
fn the_session_with_coordinates_links_both_ways_in_file_order() {
    let s = with_coords();
    assert!(s.itinerary.len() >= 6);
    assert!(s.itinerary.iter().filter(|x| x.coords.is_some()).count() >= 6);
    assert!(s.itinerary.iter().any(|x| x.time.is_none()));
    assert_links_follow_the_file(&s);
    // An indicator shared by two stops points back at both, in visiting order.
    let links = StopLinks::new(&s);
    let river: Vec<usize> = links
        .stops_for_indicator("river-km")
        .iter()
        .map(|l| l.index)
        .collect();
    assert_eq!(river.len(), 2);
    assert!(river[0] < river[1]);
}

#[test]
fn next_stop_walks_the_route_as_stops_are_ticked() {
    let s = with_coords();
    let mut visited: Vec<String> = Vec::new();
    for expected in &s.itinerary {
        let is_visited = |id: &str| visited.iter().any(|v| v == id);
        let (_, next) = next_unvisited(&s.itinerary, is_visited).unwrap();
        assert_eq!(next.id, expected.id);
        visited.push(next.id.clone());
    }
    assert!(next_unvisited(&s.itinerary, |_| true).is_none());
}

#[test]
fn route_labels_of_the_fixture_do_not_overlap_at_sketch_scale() {
    // Project the fixture's coordinates the way the sketch does (equal ground distance per
    // pixel) into a 380-pixel-wide plot; two stops are a few dozen metres apart.
    let s = with_coords();
    let coords: Vec<(f64, f64)> = s.itinerary.iter().filter_map(|x| x.coords).collect();
    let (min_lon, max_lon) = coords
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), c| (a.min(c.0), b.max(c.0)));
    let max_lat = coords.iter().fold(f64::MIN, |a, c| a.max(c.1));
    let cos = coords[0].1.to_radians().cos();
    let scale = 380.0 / ((max_lon - min_lon) * cos);
    let points: Vec<(f32, f32)> = coords
        .iter()
        .map(|c| {
            (
                ((c.0 - min_lon) * cos * scale) as f32,
                ((max_lat - c.1) * scale) as f32,
            )
        })
        .collect();
    let sizes: Vec<(f32, f32)> = s
        .itinerary
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let text = format!("{} {}", i + 1, x.place);
            (
                delegate_desk::model::itinerary::estimate_text_width(&text, 14.0),
                18.0,
            )
        })
        .collect();
    // The two close stops really are close enough to collide if both labels went right.
    let (k, c) = (4, 5);
    let dx = (points[k].0 - points[c].0).abs();
    let dy = (points[k].1 - points[c].1).abs();
    assert!(dx < sizes[k].0 && dy < sizes[k].1, "{dx} {dy}");
    let rects = place_labels(&points, &sizes, 3.0, 5.0, None);
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            assert!(!a.intersects(b), "{a:?} / {b:?}");
        }
    }
}
