//! The annotated session example in the README must stay a session the app can read.

use delegate_desk::model::Session;

#[test]
fn the_readme_session_example_parses() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```ron\n")
        .expect("a ```ron block in the README")
        + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("the block ends");
    let session: Session = ron::Options::default()
        .from_str(&readme[start..end])
        .unwrap_or_else(|e| panic!("README example: {e}"));
    assert_eq!(session.seats, 107);
    assert_eq!(session.congress.title, "九江镇第三届人民代表大会第三次会议");
    assert!(!session.indicators.is_empty() && !session.itinerary.is_empty());
}
