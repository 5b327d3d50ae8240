//! Synthetic sessions, journals and notes for measuring the app at scale. No UI here.
//!
//! Everything is a pure function of [`Params`] (and its seed): the same parameters give
//! byte-identical files, so a benchmark or a bug report can name a fixture by its command
//! line instead of shipping it. The text is Chinese-looking report prose built from a fixed
//! list of phrases whose characters all exist in the bundled font; the session passes every
//! check of `delegate-desk check` (unique ids, valid references, rates consistent with their
//! parts).
//!
//! One random stream makes the whole session, drawn from in a fixed order (roster,
//! indicators, report, motions, stops) that [`session`] keeps: a part that draws one number
//! more or less changes every part after it, so keep a seed's output byte-identical when
//! changing any of these files.

mod agenda;
mod election;
mod indicators;
mod itinerary;
mod journal;
mod notes;
mod phrases;
mod prose;
mod report;
mod rng;
mod roster;

pub use election::ID as ELECTION_ID;
pub use journal::{journal_bytes, journal_records};
pub use notes::notes;
pub use phrases::alphabet;
pub use rng::Rng;

use crate::model::{Congress, Session, Threshold};

/// How big a session to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    pub delegates: u32,
    pub groups: u32,
    pub sections: u32,
    pub indicators: u32,
    pub motions: u32,
    pub stops: u32,
    /// Notes to write (0: none).
    pub notes: u32,
    /// An election of 190 candidates for 175 seats, counted ballot by ballot in the journal.
    pub election: bool,
    pub seed: u64,
}

impl Params {
    /// The National People's Congress: 2,977 delegates in 35 delegations, a report of about
    /// 600,000 characters, 300 indicators, 60 roll-call motions (≈180,000 vote records), an
    /// election of 190 candidates for 175 seats with 2,977 ballots, 12 stops and 5,000 notes.
    pub const NATIONAL: Params = Params {
        delegates: 2977,
        groups: 35,
        sections: 300,
        indicators: 300,
        motions: 60,
        stops: 12,
        notes: 5000,
        election: true,
        seed: 1,
    };

    /// About the size of a town congress (the Jiujiang sitting has 107 seats).
    pub const TOWN: Params = Params {
        delegates: 107,
        groups: 6,
        sections: 20,
        indicators: 40,
        motions: 3,
        stops: 4,
        notes: 50,
        election: false,
        seed: 1,
    };
}

/// Paragraphs per section; with [`PARAGRAPH_CHARS`] a section is about 2,000 characters.
const PARAGRAPHS_PER_SECTION: usize = 10;
/// Target length of a paragraph in characters (a real report paragraph is 100–300).
const PARAGRAPH_CHARS: usize = 200;

/// Builds a session. Every id is unique, every reference resolves, and every rate agrees
/// with its parts, so the result passes `check`.
pub fn session(p: &Params) -> Session {
    let mut rng = Rng::new(p.seed);
    let delegates = p.delegates.max(1);
    let groups = roster::groups(p.groups);
    let roster = roster::roster(&mut rng, delegates, &groups);
    let layout = report::Layout::new(p.sections);
    // Indicators first, so the paragraphs they come from can state them.
    let (indicators, statements) =
        indicators::indicators(&mut rng, p.indicators as usize, &layout.section_ids);
    let documents = report::documents(&mut rng, &layout, statements);
    let motions = agenda::motions(&mut rng, p.motions, &documents);
    let itinerary = itinerary::stops(&mut rng, p.stops, &layout.section_ids, &indicators);
    let agenda = agenda::agenda(&documents, !itinerary.is_empty(), &motions);

    let mut s = Session {
        id: format!("generated-{}-{}", p.seed, delegates),
        congress: Congress {
            name: "示例市人民代表大会".to_string(),
            title: format!(
                "示例市第十四届人民代表大会第{}次会议",
                prose::chinese_ordinal(1 + (p.seed % 5) as usize)
            ),
            term: 14,
            session: 1 + (p.seed % 5) as u32,
            town: "示例市".to_string(),
            date: "2024-03-05".to_string(),
            venue: Some("示例市人民大会堂".to_string()),
            presiding_body: Some("大会主席团".to_string()),
            source: Some(format!(
                "合成数据：delegate-desk generate，种子 {}，代表 {delegates} 名",
                p.seed
            )),
        },
        seats: delegates,
        quorum: Threshold::default_quorum(),
        roster,
        fill_roster_with_placeholders: false,
        groups,
        agenda,
        documents,
        indicators,
        motions,
        elections: Vec::new(),
        itinerary,
        index: Default::default(),
    };
    // Last, and drawing nothing: a seed's other parts stay as they were.
    if p.election {
        s.elections.extend(election::election(&s));
    }
    s
}

/// The session as a RON file, with a header comment saying how it was made.
pub fn session_ron(s: &Session, p: &Params) -> Result<String, ron::Error> {
    let body = ron::ser::to_string_pretty(s, ron::ser::PrettyConfig::default())?;
    Ok(format!(
        "// Synthetic session made by `delegate-desk generate` (seed {}): {} delegates, {} \
         groups, {} sections, {} indicators, {} motions, {} stops. Not real data.\n{body}\n",
        p.seed, p.delegates, p.groups, p.sections, p.indicators, p.motions, p.stops
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::notes::NotesFile;

    fn small() -> Params {
        Params {
            delegates: 120,
            groups: 7,
            sections: 23,
            indicators: 41,
            motions: 5,
            stops: 4,
            notes: 30,
            election: false,
            seed: 7,
        }
    }

    #[test]
    fn generated_session_passes_check_with_no_warnings() {
        let p = small();
        let s = session(&p);
        let text = session_ron(&s, &p).unwrap();
        let loaded = crate::model::load_str("gen.ron", &text, Lang::En).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.session, s);
        assert_eq!(s.roster.len(), 120);
        assert_eq!(s.groups.len(), 7);
        assert_eq!(s.indicators.len(), 41);
        assert_eq!(s.motions.len(), 5);
        assert_eq!(s.itinerary.len(), 4);
        let sections: usize = s.documents.iter().map(|d| d.sections.len()).sum();
        assert_eq!(sections, 23);
        assert!(
            s.indicators.iter().any(|i| i.parts.is_some()),
            "some rates carry their parts"
        );
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_text() {
        let p = small();
        let a = session_ron(&session(&p), &p).unwrap();
        let b = session_ron(&session(&p), &p).unwrap();
        assert_eq!(a, b);
        let q = Params { seed: 8, ..p };
        assert_ne!(a, session_ron(&session(&q), &q).unwrap());
        let s = session(&p);
        assert_eq!(
            journal_bytes(&journal_records(&s, 7)),
            journal_bytes(&journal_records(&s, 7))
        );
        assert_eq!(notes(&s, 30, 7).to_bytes(), notes(&s, 30, 7).to_bytes());
    }

    /// The files a seed gives are pinned: the generator's parts draw from one random stream
    /// in order, and a change that moves one draw would silently change every fixture named
    /// by its command line (`generate --seed 7 --delegates 120 --groups 7 --sections 23
    /// --notes 40`, the hashes `sha256sum` prints for its three files).
    #[test]
    fn a_seed_s_files_are_pinned() {
        use sha2::{Digest, Sha256};
        let p = Params {
            delegates: 120,
            groups: 7,
            sections: 23,
            notes: 40,
            seed: 7,
            ..Params::TOWN
        };
        let s = session(&p);
        let sha = |bytes: &[u8]| hex::encode(Sha256::digest(bytes));
        assert_eq!(
            sha(session_ron(&s, &p).unwrap().as_bytes()),
            "9f00e0cc28b655feee98995c8c4b80c4e9ed0395cbe5e8390118286d34cbfc31"
        );
        assert_eq!(
            sha(&journal_bytes(&journal_records(&s, p.seed))),
            "b939b412def965e06ef0e9dc04544f70d974a10bd693a29ff9a713cf995a462c"
        );
        assert_eq!(
            sha(&notes(&s, p.notes, p.seed).to_bytes()),
            "16a8ee48ec3980ca179474c7bbc337bbd875566a81bb65509d41eca502cf6376"
        );
    }

    #[test]
    fn every_character_has_a_glyph_in_the_bundled_font() {
        let missing: String = alphabet()
            .chars()
            .filter(|c| !crate::fonts::has_glyph(*c))
            .collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
        // And the alphabet really covers what is generated.
        let p = small();
        let text = session_ron(&session(&p), &p).unwrap();
        let missing: String = text
            .chars()
            .filter(|c| !crate::fonts::has_glyph(*c))
            .collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
    }

    #[test]
    fn paragraphs_are_report_length_and_state_their_indicators() {
        let s = session(&small());
        let lens: Vec<usize> = s.paragraphs().map(|(_, _, t)| t.chars().count()).collect();
        let avg = lens.iter().sum::<usize>() / lens.len();
        assert!((150..=260).contains(&avg), "average paragraph {avg} chars");
        for ind in &s.indicators {
            let src = ind.source.as_deref().unwrap();
            let (_, text) = s.find_paragraph(src).unwrap();
            assert!(text.contains(&ind.name), "{} not in {src}", ind.name);
        }
    }

    #[test]
    fn journal_replays_to_every_motion_passed_with_full_attendance() {
        use crate::journal::{Tally, Verdict, scan};
        let s = session(&small());
        let records = journal_records(&s, 7);
        // header + 7 groups + 5 × (open + 120 votes + close)
        assert_eq!(records.len(), 1 + 7 + 5 * 122);
        let bytes = journal_bytes(&records);
        let sc = scan(&bytes);
        assert_eq!(sc.status, crate::journal::JournalStatus::Ok);
        let t = Tally::replay(&s, &sc.records).unwrap();
        assert_eq!(t.attendance().present, 120);
        for m in t.motions() {
            let r = t.result(m);
            assert_eq!(r.verdict, Verdict::Passed, "{}", m.id);
            assert_eq!(r.counts.yes + r.counts.no + r.counts.abstain, 120);
            assert!(r.counts.no > 0 || r.counts.abstain > 0);
        }
    }

    #[test]
    fn the_election_is_lawful_and_its_ballots_replay_one_by_one() {
        use crate::journal::{MotionState, Tally, scan};
        let p = Params {
            delegates: 400,
            election: true,
            ..small()
        };
        let s = session(&p);
        let text = session_ron(&s, &p).unwrap();
        let loaded = crate::model::load_str("gen.ron", &text, Lang::Zh).unwrap();
        assert_eq!(loaded.session, s);
        let e = &s.elections[0];
        assert_eq!((e.candidates.len(), e.seats), (190, 175));
        let records = journal_records(&s, p.seed);
        let t = Tally::replay(&s, &scan(&journal_bytes(&records)).records).unwrap();
        let e = t.election(election::ID).unwrap();
        let r = &e.rounds[0];
        assert_eq!(r.state, MotionState::Closed);
        assert_eq!(r.ballots_counted(), 400);
        assert_eq!(r.ballots, Some((400, 400)));
        // Every valid ballot marks at most 175 yes: none is invalid for too many marks, so
        // the invalid ones are the spoiled ones only.
        let spoiled = records
            .iter()
            .filter(|r| {
                matches!(
                    r.action,
                    crate::journal::Action::ElectionBallot { spoiled: true, .. }
                )
            })
            .count();
        assert_eq!(r.invalid() as usize, spoiled);
        let elected = e.elected(t.seated());
        assert!(
            !elected.is_empty() && elected.len() <= 175,
            "{}",
            elected.len()
        );
        // The motions' votes come after and are as before: the journal ends on a close.
        assert!(matches!(
            records.last().map(|r| &r.action),
            Some(crate::journal::Action::Close { .. })
        ));
    }

    #[test]
    fn notes_all_attach_in_the_session() {
        use crate::notes::Anchors;
        let s = session(&small());
        let f = notes(&s, 30, 7);
        assert_eq!(f.notes.len(), 30);
        let back = NotesFile::parse(std::path::Path::new("n.json"), &f.to_bytes()).unwrap();
        assert_eq!(back, f);
        let anchors = Anchors::compute(&s, &f.notes);
        assert_eq!(anchors.unplaced().len(), 0);
    }

    #[test]
    fn national_preset_is_national_sized() {
        let p = Params::NATIONAL;
        let s = session(&p);
        let chars: usize = s.paragraphs().map(|(_, _, t)| t.chars().count()).sum();
        assert!(
            (500_000..=700_000).contains(&chars),
            "{chars} characters of report"
        );
        assert_eq!(s.roster.len(), 2977);
        assert_eq!(s.groups.len(), 35);
        assert_eq!(s.elections[0].candidates.len(), 190);
        assert_eq!(s.elections[0].seats, 175);
        let text = session_ron(&s, &p).unwrap();
        assert!(crate::model::load_str("n.ron", &text, Lang::Zh).is_ok());
    }
}
