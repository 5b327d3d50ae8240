//! Re-anchoring at the size of a long report: 600,000 chars, 5,000 notes, every paragraph
//! id shifted by the revision. Checks the result; the time is printed, not asserted.

use delegate_desk::i18n::Lang;
use delegate_desk::model::{Document, DocumentKind, Section, Session, load_str};
use delegate_desk::notes::{Anchors, Note, NoteKind, Placement, SessionIndex, Target};

const CHARS: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

/// A deterministic pseudo-random generator (no crate needed for test data).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn text(rng: &mut Lcg, len: usize) -> String {
    let pool: Vec<char> = CHARS.chars().collect();
    (0..len).map(|_| pool[rng.next(pool.len())]).collect()
}

fn with_sections(base: &Session, sections: Vec<Section>) -> Session {
    let mut s = base.clone();
    s.documents = vec![Document {
        id: "report".into(),
        title: "政府工作报告".into(),
        kind: DocumentKind::Report,
        speaker: None,
        sections,
    }];
    s
}

#[test]
fn five_thousand_notes_follow_a_revision_of_a_long_report() {
    let base = load_str(
        "t.ron",
        r#"Session(id: "big", congress: Congress(name: "某镇人民代表大会", title: "某镇会议",
            term: 1, session: 1, town: "某镇", date: "2017-09-21"), seats: 10)"#,
        Lang::Zh,
    )
    .unwrap()
    .session;
    let mut rng = Lcg(7);
    // 50 sections × 40 paragraphs × 300 chars = 600,000 chars.
    let sections: Vec<Section> = (0..50)
        .map(|k| Section {
            id: format!("s{k}"),
            title: format!("第{k}部分"),
            level: 1,
            paragraphs: (0..40).map(|_| text(&mut rng, 300)).collect(),
        })
        .collect();
    let original = with_sections(&base, sections.clone());

    // 5,000 notes on 5-15 char quotes; every tenth on a whole paragraph.
    let paras: Vec<(String, String)> = original
        .paragraphs()
        .map(|(id, _, t)| (id, t.to_string()))
        .collect();
    let mut notes = Vec::new();
    let mut expect = Vec::new();
    for i in 0..5000 {
        let (pid, t) = &paras[rng.next(paras.len())];
        let target = if i % 10 == 0 {
            expect.push(t.clone());
            Target::paragraph(pid, t)
        } else {
            let len = 5 + rng.next(11);
            let start = rng.next(300 - len);
            let words: String = t.chars().skip(start).take(len).collect();
            expect.push(words);
            Target::selection(pid, t, start, start + len)
        };
        notes.push(Note::new(target, NoteKind::Question, "", None));
    }

    // Revision: a new paragraph at the top of every section (every id shifts) and every
    // fifth section renamed.
    let revised_sections: Vec<Section> = sections
        .into_iter()
        .enumerate()
        .map(|(k, mut s)| {
            s.paragraphs.insert(0, text(&mut rng, 120));
            if k % 5 == 0 {
                s.id = format!("renamed{k}");
            }
            s
        })
        .collect();
    let revised = with_sections(&base, revised_sections);

    let t0 = std::time::Instant::now();
    let same = Anchors::compute(&original, &notes);
    eprintln!("unchanged session: {:?}", t0.elapsed());
    assert!(same.unplaced().is_empty());
    let t0 = std::time::Instant::now();
    let index = SessionIndex::new(&revised);
    let anchors = Anchors::compute_with(&index, &notes);
    eprintln!(
        "re-anchored {} notes in a {}-char session in {:?}",
        notes.len(),
        revised
            .paragraphs()
            .map(|(_, _, t)| t.chars().count())
            .sum::<usize>(),
        t0.elapsed()
    );

    assert!(
        anchors.unplaced().is_empty(),
        "{} unplaced",
        anchors.unplaced().len()
    );
    for (note, words) in notes.iter().zip(&expect) {
        match anchors.placement(&note.id) {
            Some(Placement::Text {
                paragraph_id,
                start,
                end,
                moved,
            }) => {
                assert!(*moved);
                let (_, t) = revised.find_paragraph(paragraph_id).unwrap();
                let got: String = t.chars().skip(*start).take(end - start).collect();
                assert_eq!(&got, words);
            }
            other => panic!("{other:?}"),
        }
    }
}
