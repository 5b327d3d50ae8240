//! Elections (选举) and project votes (票决) in the session file.
//!
//! ```ron
//! elections: [
//!     Election(
//!         id: "by-deputy-mayor",
//!         office: "副镇长",
//!         post: ByElection,
//!         seats: 2,
//!         candidates: [Candidate(name: "宋正舜"), Candidate(name: "徐进")],
//!     ),
//! ],
//! ```
//!
//! Ids share one namespace with motions, so `record --open ID` is never ambiguous. Whether
//! a file's candidate list is lawful for its post is checked by [`candidates_rule`]
//! (Organic Law 2022 Art. 27 and Art. 30); how ballots are counted is in
//! [`super::election_count`].

use serde::{Deserialize, Serialize};

/// What an election fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Post {
    /// 正职: 人大主席, 镇长 (Art. 27: one more candidate than seats, or a single nominee).
    Head,
    /// 副职: 人大副主席, 副镇长 (Art. 27: one to three more candidates than seats).
    Deputy,
    /// 补选 (Art. 30): as many candidates as seats, or more.
    ByElection,
    /// 票决: choose `seats` of the listed projects; nobody can be written in.
    Project,
}

/// A person nominated, or a project on a 票决 ballot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// As printed on the ballot.
    pub name: String,
    /// e.g. "现任镇党委委员"; shown beside the name, never counted.
    #[serde(default)]
    pub note: Option<String>,
}

/// Validity rules that township election rules (选举办法) commonly write; not statute, so
/// a session file may switch them off. Both default to on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotRules {
    /// 收回的选票多于发出的选票，选举无效，重新投票.
    #[serde(default = "yes")]
    pub void_if_more_returned: bool,
    /// 所选人数多于应选人数的为废票.
    #[serde(default = "yes")]
    pub invalid_if_too_many_marks: bool,
}

fn yes() -> bool {
    true
}

impl Default for BallotRules {
    fn default() -> Self {
        BallotRules {
            void_if_more_returned: true,
            invalid_if_too_many_marks: true,
        }
    }
}

/// One election or project vote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Election {
    pub id: String,
    /// The office ("副镇长") or, for a project vote, what is chosen ("2024年民生实事项目").
    pub office: String,
    pub post: Post,
    /// 应选名额 (projects: how many are chosen).
    pub seats: u32,
    /// The formal candidates (正式候选人), in ballot order.
    pub candidates: Vec<Candidate>,
    #[serde(default)]
    pub rules: BallotRules,
    /// Where the facts come from, when taken from a published source.
    #[serde(default)]
    pub source: Option<String>,
}

impl Election {
    /// Candidate names in ballot order.
    pub fn candidate_names(&self) -> impl Iterator<Item = &str> {
        self.candidates.iter().map(|c| c.name.as_str())
    }
}

/// Why a candidate list breaks the law for its post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidatesRule {
    /// Art. 27: a head post has at most one candidate more than seats.
    HeadTooMany { max: u32 },
    /// Art. 27: a head post elected 等额 needs a single nominee for a single seat.
    HeadTooFew,
    /// Art. 27: a deputy post needs at least one more candidate than seats.
    DeputyTooFew { min: u32 },
    /// Art. 27: more than three over the seats: a primary (预选) comes first.
    DeputyNeedsPrimary { max: u32 },
    /// Art. 30: a by-election needs at least as many candidates as seats.
    ByElectionTooFew { min: u32 },
    /// Choosing `seats` of fewer projects than that.
    ProjectTooFew { min: u32 },
}

impl CandidatesRule {
    /// The locale key of the finding.
    pub fn key(self) -> &'static str {
        match self {
            CandidatesRule::HeadTooMany { .. } => "check.election.head_too_many",
            CandidatesRule::HeadTooFew => "check.election.head_too_few",
            CandidatesRule::DeputyTooFew { .. } => "check.election.deputy_too_few",
            CandidatesRule::DeputyNeedsPrimary { .. } => "check.election.deputy_primary",
            CandidatesRule::ByElectionTooFew { .. } => "check.election.by_too_few",
            CandidatesRule::ProjectTooFew { .. } => "check.election.project_too_few",
        }
    }

    /// The bound the message names (0 where it names none).
    pub fn bound(self) -> u32 {
        match self {
            CandidatesRule::HeadTooMany { max } | CandidatesRule::DeputyNeedsPrimary { max } => max,
            CandidatesRule::DeputyTooFew { min }
            | CandidatesRule::ByElectionTooFew { min }
            | CandidatesRule::ProjectTooFew { min } => min,
            CandidatesRule::HeadTooFew => 0,
        }
    }
}

/// Whether `candidates` for `seats` is lawful for `post` (Art. 27, Art. 30; Art. 29 ¶3 applies
/// Art. 27 again to a further election for a deputy post).
pub fn candidates_rule(post: Post, seats: u32, candidates: u32) -> Result<(), CandidatesRule> {
    let (s, c) = (u64::from(seats), u64::from(candidates));
    let max = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    match post {
        Post::Head if c > s + 1 => Err(CandidatesRule::HeadTooMany { max: max(s + 1) }),
        // 差额 (seats + 1), or 等额 with a single nominee.
        Post::Head if c == s + 1 || (c == 1 && s == 1) => Ok(()),
        Post::Head => Err(CandidatesRule::HeadTooFew),
        Post::Deputy if c < s + 1 => Err(CandidatesRule::DeputyTooFew { min: max(s + 1) }),
        Post::Deputy if c > s + 3 => Err(CandidatesRule::DeputyNeedsPrimary { max: max(s + 3) }),
        Post::Deputy => Ok(()),
        Post::ByElection if c < s => Err(CandidatesRule::ByElectionTooFew { min: seats }),
        Post::Project if c < s => Err(CandidatesRule::ProjectTooFew { min: seats }),
        Post::ByElection | Post::Project => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_posts_take_one_more_or_a_single_nominee() {
        assert_eq!(candidates_rule(Post::Head, 1, 2), Ok(()));
        assert_eq!(candidates_rule(Post::Head, 1, 1), Ok(()));
        assert_eq!(
            candidates_rule(Post::Head, 1, 3),
            Err(CandidatesRule::HeadTooMany { max: 2 })
        );
        assert_eq!(
            candidates_rule(Post::Head, 1, 0),
            Err(CandidatesRule::HeadTooFew)
        );
        assert_eq!(
            candidates_rule(Post::Head, 2, 2),
            Err(CandidatesRule::HeadTooFew)
        );
    }

    #[test]
    fn deputy_posts_take_one_to_three_more() {
        assert_eq!(
            candidates_rule(Post::Deputy, 2, 2),
            Err(CandidatesRule::DeputyTooFew { min: 3 })
        );
        assert_eq!(candidates_rule(Post::Deputy, 2, 3), Ok(()));
        assert_eq!(candidates_rule(Post::Deputy, 2, 5), Ok(()));
        assert_eq!(
            candidates_rule(Post::Deputy, 2, 6),
            Err(CandidatesRule::DeputyNeedsPrimary { max: 5 })
        );
    }

    #[test]
    fn by_elections_and_projects_need_at_least_the_seats() {
        assert_eq!(candidates_rule(Post::ByElection, 2, 2), Ok(()));
        assert_eq!(candidates_rule(Post::ByElection, 2, 9), Ok(()));
        assert_eq!(
            candidates_rule(Post::ByElection, 2, 1),
            Err(CandidatesRule::ByElectionTooFew { min: 2 })
        );
        assert_eq!(candidates_rule(Post::Project, 10, 12), Ok(()));
        assert_eq!(
            candidates_rule(Post::Project, 10, 9),
            Err(CandidatesRule::ProjectTooFew { min: 10 })
        );
    }

    /// A session of `seats` placeholder delegates with one motion and `elections` (RON).
    fn session_with(elections: &str) -> String {
        format!(
            r#"Session(
    id: "t",
    congress: Congress(name: "测试镇人民代表大会", title: "测试", term: 1, session: 1,
                       town: "测试镇", date: "2024-01-05"),
    seats: 76,
    fill_roster_with_placeholders: true,
    motions: [Motion(id: "m1", title: "决议", method: ShowOfHands)],
    elections: [
{elections}
    ],
)"#
        )
    }

    fn errors(text: &str) -> Vec<crate::model::Diagnostic> {
        match crate::model::load_str("t.ron", text, crate::i18n::Lang::Zh) {
            Ok(_) => Vec::new(),
            Err(crate::model::LoadError::Invalid(d)) => d,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_file_without_elections_loads_as_before_and_a_lawful_one_loads() {
        let bare = session_with("").replace("    elections: [\n\n    ],\n", "");
        assert!(!bare.contains("elections"));
        let s = crate::model::load_str("t.ron", &bare, crate::i18n::Lang::Zh).unwrap();
        assert!(s.session.elections.is_empty());
        let ok = session_with(
            r#"        Election(id: "by", office: "副镇长", post: ByElection, seats: 2,
                 candidates: [Candidate(name: "宋正舜"), Candidate(name: "徐进")]),"#,
        );
        let s = crate::model::load_str("t.ron", &ok, crate::i18n::Lang::Zh).unwrap();
        let e = s.session.election("by").unwrap();
        assert_eq!(e.rules, BallotRules::default());
        assert_eq!(e.candidate_names().collect::<Vec<_>>(), ["宋正舜", "徐进"]);
    }

    #[test]
    fn check_names_the_article_a_candidate_list_breaks_with_line_and_column() {
        let text = session_with(
            r#"        Election(id: "dep", office: "副镇长", post: Deputy, seats: 1,
                 candidates: [Candidate(name: "甲")]),"#,
        );
        let d = errors(&text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("第二十七条"), "{}", d[0].message);
        assert_eq!((d[0].line, d[0].column), (10, 18), "{}", d[0]);
        assert!(d[0].source_line.trim_start().starts_with("candidates:"));

        let text = session_with(
            r#"        Election(id: "by", office: "副镇长", post: ByElection, seats: 2,
                 candidates: [Candidate(name: "甲")]),"#,
        );
        let d = errors(&text);
        assert!(d[0].message.contains("第三十条"), "{}", d[0].message);
    }

    #[test]
    fn election_ids_share_the_motions_namespace_and_names_are_unique() {
        let text = session_with(
            r#"        Election(id: "m1", office: "镇长", post: Head, seats: 1,
                 candidates: [Candidate(name: "甲"), Candidate(name: "甲")]),"#,
        );
        let d = errors(&text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (9, 18));
        assert!(d[0].message.contains("议案"));
        assert_eq!(d[1].line, 10);
        assert!(d[1].message.contains("两次"));
    }
}
