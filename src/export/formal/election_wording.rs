//! The sentences that state an election's result as a town office writes it: "会议以无记名投票
//! 方式，补选宋正舜、徐进为某镇人民政府副镇长。本次选举发出选票73张，收回73张……宋正舜得赞成票
//! 73票……" — one paragraph per round, from the journal's integer tally. What was void, who was
//! not elected and what comes next (重新投票, 再次投票, 另行选举) are said plainly; an election
//! the journal has not recorded says so, and no figure is ever supplied that it does not hold.

use crate::export::summary::ElectionBlock;
use crate::journal::{CandidateReport, MotionState, RoundReport};
use crate::model::Post;
use crate::model::election_count::{Next, RoundKind, VoidReason};

use super::wording::short_town;

/// The statute the majority rule comes from, as a formal document names it.
const LAW: &str = "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》";

/// The office as a notice names it: a town's 镇长/副镇长 are its government's
/// ("九江镇人民政府副镇长"), its 主席/副主席 its congress's; an office the file already
/// qualifies, or a project list, is kept as written.
pub fn office_title(office: &str, post: Post, town: &str) -> String {
    let office = office.trim();
    let town = short_town(town);
    if post == Post::Project || town.is_empty() || office.contains(town) {
        return office.to_string();
    }
    if office.ends_with("镇长") || office.ends_with("乡长") {
        format!("{town}人民政府{office}")
    } else if office.ends_with("主席") {
        format!("{town}人民代表大会{office}")
    } else {
        office.to_string()
    }
}

/// One paragraph per round of `e` (one paragraph when nothing is recorded yet).
pub fn election_paragraphs(e: &ElectionBlock, town: &str) -> Vec<String> {
    let r = &e.report;
    let office = office_title(&r.office, r.post, town);
    let project = r.post == Post::Project;
    if r.rounds.is_empty() {
        let what = if project { "票决" } else { "选举" };
        return vec![format!("{office}的{what}尚未进行。")];
    }
    r.rounds
        .iter()
        .map(|round| round_paragraph(round, r.post, &office))
        .collect()
}

/// "宋正舜、徐进".
fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().collect::<Vec<_>>().join("、")
}

/// How the round was held, before what it decided.
fn intro(kind: RoundKind) -> &'static str {
    match kind {
        RoundKind::First => "会议以无记名投票方式",
        RoundKind::Revote => "会议以无记名投票方式重新投票",
        RoundKind::TieBallot => "会议就得票相等的人选以无记名投票方式再次投票",
        RoundKind::Further => "会议以无记名投票方式另行选举",
    }
}

fn verb(post: Post) -> &'static str {
    match post {
        Post::ByElection => "补选",
        Post::Project => "票决确定",
        Post::Head | Post::Deputy => "选举",
    }
}

fn round_paragraph(round: &RoundReport, post: Post, office: &str) -> String {
    let project = post == Post::Project;
    let what = if project { "票决" } else { "选举" };
    let label = match round.kind {
        RoundKind::First => String::new(),
        _ => format!("（第{}轮）", round.number),
    };
    if round.state != MotionState::Closed {
        return format!("{office}的{what}{label}正在计票，结果待计票结束后公告。");
    }
    let ballots = match (round.issued, round.returned) {
        (Some(i), Some(r)) => Some((i, r)),
        _ => None,
    };
    match round.void {
        Some(VoidReason::MoreReturnedThanIssued) => {
            let (i, r) = ballots.unwrap_or_default();
            return format!(
                "{}{}{office}{label}，发出选票{i}张，收回{r}张，收回的选票多于发出的选票，本次{what}无效，应重新投票。",
                intro(round.kind),
                verb(post)
            );
        }
        // Organic Law Art. 14 ¶4: no vote is held without two thirds present.
        Some(VoidReason::NoQuorum) => {
            return format!(
                "{office}的{what}{label}结束时出席代表未达法定人数，本次{what}无效，应重新投票。"
            );
        }
        None => {}
    }

    let mut s = if round.elected.is_empty() {
        let subject = if project {
            "没有项目入选"
        } else {
            "无人当选"
        };
        format!(
            "{}，{}{office}{label}，{subject}。",
            intro(round.kind),
            verb(post)
        )
    } else {
        format!(
            "{}，{}{}为{office}。",
            intro(round.kind),
            verb(post),
            names(round.elected.iter().map(String::as_str))
        )
    };
    if let Some((i, r)) = ballots {
        s.push_str(&format!(
            "本次{what}发出选票{i}张，收回{r}张，其中有效票{}张、无效票{}张。",
            round.valid, round.invalid
        ));
    }
    let votes: Vec<String> = round.candidates.iter().map(candidate_votes).collect();
    if !votes.is_empty() {
        s.push_str(&votes.join("；"));
        s.push('。');
    }
    s.push_str(&rule_sentence(round, project));
    s.push_str(&not_elected_sentence(round, project));
    s.push_str(&next_sentence(round.next.as_ref(), office));
    s
}

/// "宋正舜得赞成票73票、反对票0票、弃权票0票"; a written-in person is marked as one.
fn candidate_votes(c: &CandidateReport) -> String {
    let who = if c.written_in {
        format!("另选他人{}", c.name)
    } else {
        c.name.clone()
    };
    format!(
        "{who}得赞成票{}票、反对票{}票、弃权票{}票",
        c.yes, c.no, c.abstain
    )
}

/// Why those elected are: more than half of all seated delegates (Art. 25, Art. 29), or in
/// a tie ballot the most votes (Art. 29 ¶1).
fn rule_sentence(round: &RoundReport, project: bool) -> String {
    let who = if project { "项目" } else { "候选人" };
    let elected = if project { "入选" } else { "当选" };
    match round.required {
        Some(q) => format!(
            "依照{LAW}第二十五条、第二十九条，获得全体代表过半数即{q}票以上赞成票的{who}始得{elected}。"
        ),
        None => format!("依照{LAW}第二十九条第一款，再次投票以得票多的{elected}。"),
    }
}

/// Who was on the ballot and not elected, and why: short of the majority, or outvoted when
/// more passed than there were seats.
fn not_elected_sentence(round: &RoundReport, project: bool) -> String {
    let elected = if project { "入选" } else { "当选" };
    let losers: Vec<&CandidateReport> = round
        .candidates
        .iter()
        .filter(|c| !c.elected && (!c.written_in || c.yes > 0))
        .collect();
    let (short, outvoted): (Vec<&CandidateReport>, Vec<&CandidateReport>) = losers
        .into_iter()
        .partition(|c| round.required.is_none_or(|q| c.yes < q));
    let tied: Vec<&str> = match &round.next {
        Some(Next::TieBallot { among, .. }) => among.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let mut s = String::new();
    if !short.is_empty() {
        let what = if round.required.is_some() {
            "所得赞成票未过半数，"
        } else {
            "得票较少，"
        };
        s.push_str(&format!(
            "{}{what}未{elected}。",
            names(short.iter().map(|c| c.name.as_str()))
        ));
    }
    let outvoted: Vec<&str> = outvoted
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| !tied.contains(n))
        .collect();
    if !outvoted.is_empty() {
        s.push_str(&format!(
            "{}所得赞成票虽过半数，但得票少于{elected}人，未{elected}。",
            names(outvoted)
        ));
    }
    s
}

/// What the law asks next, when the round did not settle every seat.
fn next_sentence(next: Option<&Next>, office: &str) -> String {
    match next {
        None | Some(Next::Done) => String::new(),
        Some(Next::Revote) => "应重新投票。".into(),
        Some(Next::TieBallot { seats, among }) => format!(
            "{}得票相等，不能确定当选人，应就{seats}个名额在票数相等的人中再次投票（第二十九条第一款）。",
            names(among.iter().map(String::as_str))
        ),
        Some(Next::FurtherElection { seats, candidates }) => {
            // Art. 29 ¶2 leaves the choice to the congress: the next by votes, or new
            // nominees; the notice names the first without deciding for it.
            let who = match candidates {
                Some(c) => format!(
                    "候选人可按得票多少确定为{}，也可另行提名。",
                    names(c.iter().map(String::as_str))
                ),
                None => "候选人另行提名。".into(),
            };
            format!("{office}尚缺{seats}名，不足的名额另行选举（第二十九条第二款），{who}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::ElectionReport;

    fn person(name: &str, yes: u32, no: u32, abstain: u32, elected: bool) -> CandidateReport {
        CandidateReport {
            name: name.into(),
            written_in: false,
            yes,
            no,
            abstain,
            elected,
        }
    }

    fn block(post: Post, rounds: Vec<RoundReport>) -> ElectionBlock {
        ElectionBlock {
            report: ElectionReport {
                id: "e".into(),
                office: "副镇长".into(),
                post,
                seats: 2,
                elected: Vec::new(),
                next: None,
                rounds,
                audit: Vec::new(),
            },
            candidates: Vec::new(),
            next: String::new(),
        }
    }

    fn round(kind: RoundKind, candidates: Vec<CandidateReport>, next: Next) -> RoundReport {
        RoundReport {
            number: 1,
            kind,
            state: MotionState::Closed,
            seats: 2,
            required: Some(39),
            issued: Some(73),
            returned: Some(73),
            valid: 73,
            invalid: 0,
            void: None,
            elected: candidates
                .iter()
                .filter(|c| c.elected)
                .map(|c| c.name.clone())
                .collect(),
            candidates,
            next: Some(next),
            frozen: None,
        }
    }

    #[test]
    fn one_short_of_the_majority_is_not_elected_and_the_seat_goes_to_a_further_election() {
        let r = round(
            RoundKind::First,
            vec![
                person("甲", 39, 30, 4, true),
                person("乙", 38, 30, 5, false),
                person("丙", 10, 60, 3, false),
            ],
            Next::FurtherElection {
                seats: 1,
                candidates: Some(vec!["乙".into(), "丙".into()]),
            },
        );
        let p = election_paragraphs(&block(Post::Deputy, vec![r]), "九江镇").join("");
        assert!(
            p.starts_with("会议以无记名投票方式，选举甲为九江镇人民政府副镇长。"),
            "{p}"
        );
        assert!(
            p.contains("甲得赞成票39票、反对票30票、弃权票4票；乙得赞成票38票"),
            "{p}"
        );
        assert!(p.contains("乙、丙所得赞成票未过半数，未当选。"), "{p}");
        assert!(
            p.contains("尚缺1名，不足的名额另行选举（第二十九条第二款），候选人可按得票多少确定为乙、丙，也可另行提名。"),
            "{p}"
        );
    }

    #[test]
    fn a_void_round_and_an_open_round_state_no_result() {
        let mut void = round(
            RoundKind::First,
            vec![person("甲", 50, 0, 0, false)],
            Next::Revote,
        );
        void.returned = Some(74);
        void.elected.clear();
        void.void = Some(VoidReason::MoreReturnedThanIssued);
        let mut open = round(RoundKind::Revote, Vec::new(), Next::Done);
        open.number = 2;
        open.state = MotionState::Open;
        open.next = None;
        let p = election_paragraphs(&block(Post::Head, vec![void, open]), "九江镇");
        assert_eq!(
            p[0],
            "会议以无记名投票方式选举九江镇人民政府副镇长，发出选票73张，收回74张，收回的选票多于发出的选票，本次选举无效，应重新投票。"
        );
        assert!(
            !p[0].contains("50票"),
            "a void round's counts decide nothing"
        );
        assert_eq!(
            p[1],
            "九江镇人民政府副镇长的选举（第2轮）正在计票，结果待计票结束后公告。"
        );
        let none = election_paragraphs(&block(Post::Head, Vec::new()), "九江镇");
        assert_eq!(none, ["九江镇人民政府副镇长的选举尚未进行。"]);
    }

    #[test]
    fn a_tie_at_the_last_seat_calls_a_new_ballot_among_the_tied() {
        let r = round(
            RoundKind::First,
            vec![
                person("甲", 60, 0, 0, true),
                person("乙", 50, 0, 0, false),
                person("丙", 50, 0, 0, false),
            ],
            Next::TieBallot {
                seats: 1,
                among: vec!["乙".into(), "丙".into()],
            },
        );
        let p = election_paragraphs(&block(Post::Deputy, vec![r]), "九江镇").join("");
        assert!(
            p.contains("乙、丙得票相等，不能确定当选人，应就1个名额在票数相等的人中再次投票"),
            "{p}"
        );
        assert!(!p.contains("未过半数"), "{p}");
        assert!(!p.contains("虽过半数"), "the tied are not outvoted: {p}");
    }

    #[test]
    fn offices_are_named_with_their_organ() {
        assert_eq!(
            office_title("副镇长", Post::ByElection, "佛山市南海区九江镇"),
            "九江镇人民政府副镇长"
        );
        assert_eq!(
            office_title("主席", Post::Head, "九江镇"),
            "九江镇人民代表大会主席"
        );
        assert_eq!(
            office_title("九江镇人民政府镇长", Post::Head, "九江镇"),
            "九江镇人民政府镇长"
        );
        assert_eq!(
            office_title("2024年民生实事项目", Post::Project, "九江镇"),
            "2024年民生实事项目"
        );
    }
}
