//! How an election round (or a project vote) is counted, as the Organic Law (2022) says.
//! Pure functions over numbers: the journal's tally feeds them, tests call them directly.
//!
//! - Art. 25 read with Art. 29: a candidate (a written-in person too) is elected with more
//!   than half of the votes of **all seated delegates**, however many are present:
//!   [`required_votes`].
//! - Art. 29 ¶1: when more pass than there are seats, the most votes win; a tie at the last
//!   seat means a new ballot among the tied ([`Next::TieBallot`]), where the most votes win.
//! - Art. 29 ¶2–3: seats left unfilled go to a further election (另行选举) in a new round
//!   ([`Next::FurtherElection`]), its candidates the next by votes or newly nominated; for a
//!   deputy post it stays 差额 (Art. 27).
//! - Township election rules (选举办法, configurable in the session file): more ballots
//!   returned than issued voids the round, which is voted again ([`Next::Revote`]); a ballot
//!   marking 赞成 for more people than seats is invalid (废票).

use super::election::{BallotRules, Post, candidates_rule};

/// Votes needed to be elected: more than half of all seated delegates (Art. 25, Art. 29),
/// in integer arithmetic: 46 → 24, 76 → 39, 107 → 54.
pub fn required_votes(seated: u32) -> u32 {
    seated / 2 + 1
}

/// Whether a round stands given ballots issued (发出) and returned (收回).
pub fn returns_valid(rules: &BallotRules, issued: u32, returned: u32) -> bool {
    returned <= issued || !rules.void_if_more_returned
}

/// Whether one ballot is valid: no more 赞成 marks (write-ins included) than seats.
pub fn ballot_valid(rules: &BallotRules, yes_marks: usize, seats: u32) -> bool {
    !rules.invalid_if_too_many_marks
        || u64::try_from(yes_marks).unwrap_or(u64::MAX) <= u64::from(seats)
}

/// What a round is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// The first ballot on the file's candidates.
    First,
    /// The same ballot again, after a void round.
    Revote,
    /// A new ballot among candidates tied at the last seat (Art. 29 ¶1): the most votes
    /// win; they all passed the majority already.
    TieBallot,
    /// 另行选举 for seats left unfilled (Art. 29 ¶2): the majority of all seated again.
    Further,
}

/// One candidate's totals in a round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    pub name: String,
    /// 另选他人: not on the ballot, written in.
    pub written_in: bool,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

/// Everything a round's result depends on.
#[derive(Clone, Debug)]
pub struct RoundInput<'a> {
    pub post: Post,
    pub kind: RoundKind,
    pub rules: BallotRules,
    /// Seats this round fills.
    pub seats: u32,
    /// All seated delegates (the session's `seats`), the base of the majority.
    pub seated: u32,
    pub issued: u32,
    pub returned: u32,
    /// Whether the attendance frozen at the close met the quorum (Art. 14 ¶4).
    pub quorate: bool,
    /// Candidates on the ballot, then written-in persons.
    pub candidates: &'a [Totals],
}

/// Why a round counts for nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoidReason {
    /// More ballots returned than issued.
    MoreReturnedThanIssued,
    /// Fewer present than the quorum when the round closed.
    NoQuorum,
}

/// What comes after a closed round.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum Next {
    /// Every seat is filled (or, for a project vote, nothing more is prescribed).
    Done,
    /// The round was void: the same ballot again.
    Revote,
    /// A new ballot among `among` for `seats` seats (Art. 29 ¶1).
    TieBallot { seats: u32, among: Vec<String> },
    /// 另行选举 for `seats` seats (Art. 29 ¶2). `candidates`: the next by votes, as many as
    /// the post's rule asks; None when they cannot be taken that way (too few left, or a tie
    /// at the cut), and the candidates must be nominated.
    FurtherElection {
        seats: u32,
        candidates: Option<Vec<String>>,
    },
}

/// A round's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundResult {
    /// None when the round is not void.
    pub void: Option<VoidReason>,
    /// Votes needed (None in a tie ballot: the most votes win).
    pub required: Option<u32>,
    /// Elected names, most votes first (ties in ballot order).
    pub elected: Vec<String>,
    pub next: Next,
}

/// Counts a closed round.
pub fn count(r: &RoundInput) -> RoundResult {
    let required = (r.kind != RoundKind::TieBallot).then(|| required_votes(r.seated));
    let void = if !r.quorate {
        Some(VoidReason::NoQuorum)
    } else if !returns_valid(&r.rules, r.issued, r.returned) {
        Some(VoidReason::MoreReturnedThanIssued)
    } else {
        None
    };
    if void.is_some() {
        return RoundResult {
            void,
            required,
            elected: Vec::new(),
            next: Next::Revote,
        };
    }
    // Most votes first; a stable sort keeps ballot order among equals.
    let mut order: Vec<&Totals> = r.candidates.iter().collect();
    order.sort_by_key(|t| std::cmp::Reverse(t.yes));
    let passing: Vec<&Totals> = order
        .iter()
        .copied()
        .filter(|t| required.is_none_or(|q| t.yes >= q))
        .collect();
    let seats = usize::try_from(r.seats).unwrap_or(usize::MAX);
    if passing.len() > seats && seats > 0 {
        let last = passing[seats - 1].yes;
        let above: Vec<String> = passing
            .iter()
            .filter(|t| t.yes > last)
            .map(|t| t.name.clone())
            .collect();
        let at_last: Vec<String> = passing
            .iter()
            .filter(|t| t.yes == last)
            .map(|t| t.name.clone())
            .collect();
        let left = seats - above.len();
        if at_last.len() > left {
            return RoundResult {
                void: None,
                required,
                elected: above,
                next: Next::TieBallot {
                    seats: u32::try_from(left).unwrap_or(u32::MAX),
                    among: at_last,
                },
            };
        }
    }
    let elected: Vec<String> = passing.iter().take(seats).map(|t| t.name.clone()).collect();
    let unfilled = seats - elected.len();
    let next = if unfilled == 0 || r.post == Post::Project {
        Next::Done
    } else {
        let rest: Vec<&Totals> = order
            .iter()
            .copied()
            .filter(|t| !elected.contains(&t.name))
            .collect();
        let original = r.candidates.iter().filter(|t| !t.written_in).count();
        let unfilled = u32::try_from(unfilled).unwrap_or(u32::MAX);
        Next::FurtherElection {
            seats: unfilled,
            candidates: further_candidates(r.post, r.seats, original, unfilled, &rest),
        }
    };
    RoundResult {
        void: None,
        required,
        elected,
        next,
    }
}

/// The next by votes for a further election, as many as the post asks (the round's margin
/// of candidates over seats, within Art. 27's one to three for a deputy, at most one for a
/// head post), or None if that cannot be done without a nomination.
fn further_candidates(
    post: Post,
    seats: u32,
    original: usize,
    unfilled: u32,
    rest: &[&Totals],
) -> Option<Vec<String>> {
    let margin = original.saturating_sub(usize::try_from(seats).unwrap_or(usize::MAX));
    let margin = match post {
        Post::Deputy => margin.clamp(1, 3),
        Post::Head => margin.min(1),
        Post::ByElection | Post::Project => margin,
    };
    let want = (usize::try_from(unfilled).unwrap_or(usize::MAX) + margin).min(rest.len());
    // A tie across the cut: who goes on the ballot is not for the count to decide.
    if want < rest.len() && want > 0 && rest[want].yes == rest[want - 1].yes {
        return None;
    }
    let n = u32::try_from(want).unwrap_or(u32::MAX);
    candidates_rule(post, unfilled, n).ok()?;
    Some(rest[..want].iter().map(|t| t.name.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, yes: u32) -> Totals {
        Totals {
            name: name.into(),
            written_in: false,
            yes,
            no: 0,
            abstain: 0,
        }
    }

    fn input<'a>(post: Post, seats: u32, seated: u32, c: &'a [Totals]) -> RoundInput<'a> {
        RoundInput {
            post,
            kind: RoundKind::First,
            rules: BallotRules::default(),
            seats,
            seated,
            issued: seated,
            returned: seated,
            quorate: true,
            candidates: c,
        }
    }

    #[test]
    fn more_than_half_of_all_seated() {
        assert_eq!(required_votes(46), 24);
        assert_eq!(required_votes(107), 54);
        assert_eq!(required_votes(76), 39);
        assert_eq!(required_votes(100), 51);
        assert_eq!(required_votes(1), 1);
        // Exactly half is not enough, one more is.
        let c = [t("甲", 50)];
        let r = count(&input(Post::Head, 1, 100, &c));
        assert!(r.elected.is_empty());
        let c = [t("甲", 51)];
        assert_eq!(count(&input(Post::Head, 1, 100, &c)).elected, ["甲"]);
    }

    #[test]
    fn returned_equal_to_issued_stands_one_more_voids_the_round() {
        let rules = BallotRules::default();
        assert!(returns_valid(&rules, 73, 73));
        assert!(returns_valid(&rules, 73, 72));
        assert!(!returns_valid(&rules, 73, 74));
        let c = [t("甲", 60)];
        let mut i = input(Post::Head, 1, 76, &c);
        i.issued = 73;
        i.returned = 74;
        let r = count(&i);
        assert_eq!(r.void, Some(VoidReason::MoreReturnedThanIssued));
        assert_eq!(r.next, Next::Revote);
        assert!(r.elected.is_empty());
        // A session file may switch the rule off.
        i.rules.void_if_more_returned = false;
        assert_eq!(count(&i).elected, ["甲"]);
    }

    #[test]
    fn a_ballot_with_more_yes_marks_than_seats_is_invalid() {
        let rules = BallotRules::default();
        assert!(ballot_valid(&rules, 2, 2));
        assert!(!ballot_valid(&rules, 3, 2));
        assert!(ballot_valid(&rules, 0, 2));
        let off = BallotRules {
            invalid_if_too_many_marks: false,
            ..rules
        };
        assert!(ballot_valid(&off, 3, 2));
    }

    #[test]
    fn no_quorum_at_the_close_voids_the_round() {
        let c = [t("甲", 60)];
        let mut i = input(Post::Head, 1, 76, &c);
        i.quorate = false;
        assert_eq!(count(&i).void, Some(VoidReason::NoQuorum));
    }

    #[test]
    fn the_most_votes_win_and_a_tie_at_the_last_seat_goes_to_a_new_ballot() {
        // Three pass for two seats.
        let c = [t("甲", 50), t("乙", 70), t("丙", 60)];
        let r = count(&input(Post::Deputy, 2, 76, &c));
        assert_eq!(r.elected, ["乙", "丙"]);
        assert_eq!(r.next, Next::Done);
        // 乙 ahead, 甲 and 丙 tied at the last seat.
        let c = [t("甲", 60), t("乙", 70), t("丙", 60)];
        let r = count(&input(Post::Deputy, 2, 76, &c));
        assert_eq!(r.elected, ["乙"]);
        assert_eq!(
            r.next,
            Next::TieBallot {
                seats: 1,
                among: vec!["甲".into(), "丙".into()]
            }
        );
        // The tie ballot: the most votes win, no majority needed again.
        let c = [t("甲", 30), t("丙", 31)];
        let mut i = input(Post::Deputy, 1, 76, &c);
        i.kind = RoundKind::TieBallot;
        let r = count(&i);
        assert_eq!(r.required, None);
        assert_eq!(r.elected, ["丙"]);
        assert_eq!(r.next, Next::Done);
        // Tied again: another tie ballot.
        let c = [t("甲", 30), t("丙", 30)];
        let mut i = input(Post::Deputy, 1, 76, &c);
        i.kind = RoundKind::TieBallot;
        assert!(matches!(count(&i).next, Next::TieBallot { seats: 1, .. }));
        // A tie among those who all fit is no tie.
        let c = [t("甲", 60), t("乙", 60), t("丙", 10)];
        assert_eq!(count(&input(Post::Deputy, 2, 76, &c)).elected, ["甲", "乙"]);
    }

    #[test]
    fn unfilled_seats_go_to_a_further_election_of_the_next_by_votes() {
        // Deputy, 2 seats, 4 candidates: one passes; 1 seat left, margin stays 1..=3 (here 2).
        let c = [t("甲", 40), t("乙", 30), t("丙", 20), t("丁", 10)];
        let r = count(&input(Post::Deputy, 2, 76, &c));
        assert_eq!(r.elected, ["甲"]);
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 1,
                candidates: Some(vec!["乙".into(), "丙".into(), "丁".into()])
            }
        );
        // Nobody passes: both candidates go on again (still 差额, Art. 29 ¶3).
        let c = [t("甲", 30), t("乙", 20)];
        let r = count(&input(Post::Deputy, 1, 76, &c));
        assert!(r.elected.is_empty());
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 1,
                candidates: Some(vec!["甲".into(), "乙".into()])
            }
        );
        let c = [t("甲", 40), t("乙", 39), t("丙", 30)];
        let r = count(&input(Post::Deputy, 2, 76, &c));
        assert_eq!(r.elected, ["甲", "乙"]);
        let c = [t("甲", 40), t("乙", 20), t("丙", 30)];
        let r = count(&input(Post::Deputy, 2, 76, &c));
        assert_eq!(r.elected, ["甲"]);
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 1,
                candidates: Some(vec!["丙".into(), "乙".into()])
            }
        );
        // Ties among those who all go on do not matter.
        let c = [t("甲", 40), t("乙", 20), t("丙", 20), t("丁", 20)];
        let r = count(&input(Post::Deputy, 2, 76, &c));
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 1,
                candidates: Some(vec!["乙".into(), "丙".into(), "丁".into()])
            }
        );
        let c = [t("甲", 40), t("乙", 20), t("丙", 20)];
        let r = count(&input(Post::Deputy, 2, 76, &c));
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 1,
                candidates: Some(vec!["乙".into(), "丙".into()])
            }
        );
        let c = [
            t("甲", 40),
            t("乙", 20),
            t("丙", 20),
            t("丁", 20),
            t("戊", 20),
        ];
        let r = count(&input(Post::Deputy, 3, 76, &c));
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 2,
                candidates: Some(vec!["乙".into(), "丙".into(), "丁".into(), "戊".into()])
            }
        );
        let c = [
            t("甲", 40),
            t("乙", 20),
            t("丙", 19),
            t("丁", 19),
            t("戊", 1),
        ];
        let r = count(&input(Post::Deputy, 3, 76, &c));
        assert_eq!(r.elected, ["甲"]);
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 2,
                candidates: Some(vec!["乙".into(), "丙".into(), "丁".into(), "戊".into()])
            }
        );
        let c = [
            t("甲", 40),
            t("乙", 20),
            t("丙", 19),
            t("丁", 19),
            t("戊", 1),
            t("己", 1),
        ];
        let r = count(&input(Post::Deputy, 3, 76, &c));
        // Margin 3: 2 seats + 3 = 5 of the 5 left.
        assert!(matches!(
            r.next,
            Next::FurtherElection { seats: 2, candidates: Some(ref v) } if v.len() == 5
        ));
        let c = [
            t("甲", 40),
            t("乙", 20),
            t("丙", 19),
            t("丁", 19),
            t("戊", 1),
            t("己", 1),
            Totals {
                written_in: true,
                ..t("庚", 1)
            },
        ];
        let r = count(&input(Post::Deputy, 3, 76, &c));
        // 6 left, 5 wanted, 己 and 庚 tie across the cut: not for the count to decide.
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 2,
                candidates: None
            }
        );
        // A by-election with as many candidates as seats: the one left is the candidate.
        let c = [t("甲", 40), t("乙", 20)];
        let r = count(&input(Post::ByElection, 2, 76, &c));
        assert_eq!(
            r.next,
            Next::FurtherElection {
                seats: 1,
                candidates: Some(vec!["乙".into()])
            }
        );
    }

    #[test]
    fn write_ins_are_elected_like_candidates() {
        let mut w = t("王五", 45);
        w.written_in = true;
        let c = [t("甲", 30), t("乙", 20), w];
        let r = count(&input(Post::Head, 1, 76, &c));
        assert_eq!(r.elected, ["王五"]);
    }

    #[test]
    fn project_votes_choose_n_with_a_majority_and_revote_a_tie() {
        let c = [t("A", 40), t("B", 60), t("C", 39), t("D", 50)];
        let r = count(&input(Post::Project, 3, 76, &c));
        // All four pass (39 of 76 is the majority); the three with the most votes are chosen.
        assert_eq!(r.elected, ["B", "D", "A"]);
        assert_eq!(r.next, Next::Done);
        let c = [t("A", 40), t("B", 60), t("C", 38), t("D", 50)];
        let r = count(&input(Post::Project, 3, 76, &c));
        assert_eq!(r.elected, ["B", "D", "A"]);
        let c = [t("A", 40), t("B", 60), t("C", 38), t("D", 10)];
        let r = count(&input(Post::Project, 3, 76, &c));
        assert_eq!(r.elected, ["B", "A"]);
        assert_eq!(r.next, Next::Done);
        let c = [t("A", 50), t("B", 60), t("C", 50), t("D", 10)];
        let r = count(&input(Post::Project, 2, 76, &c));
        assert_eq!(r.elected, ["B"]);
        assert!(matches!(r.next, Next::TieBallot { seats: 1, .. }));
    }

    /// 补选 of two 副镇长: 76 seated, 73 present, 宋正舜 73 and 徐进 71, 39 needed.
    #[test]
    fn published_by_election_of_two_deputy_mayors() {
        let c = [t("宋正舜", 73), t("徐进", 71)];
        let mut i = input(Post::ByElection, 2, 76, &c);
        i.issued = 73;
        i.returned = 73;
        let r = count(&i);
        assert_eq!(r.required, Some(39));
        assert_eq!(r.void, None);
        assert_eq!(r.elected, ["宋正舜", "徐进"]);
        assert_eq!(r.next, Next::Done);
    }

    /// 90 of 102 present: 叶沛长 赞成 90, 反对 0, 弃权 0.
    #[test]
    fn published_single_nominee_90_of_102() {
        let c = [Totals {
            name: "叶沛长".into(),
            written_in: false,
            yes: 90,
            no: 0,
            abstain: 0,
        }];
        let mut i = input(Post::Head, 1, 102, &c);
        i.issued = 90;
        i.returned = 90;
        let r = count(&i);
        assert_eq!(r.required, Some(52));
        assert_eq!(r.elected, ["叶沛长"]);
        assert_eq!(r.next, Next::Done);
    }
}
