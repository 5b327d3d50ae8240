//! An election the secretary defines while arranging the agenda (in the 新建会议 window, or
//! with `delegate-desk new --election`): office, post, seats and candidates as typed. Nothing
//! is read from a file; whether the list is lawful for the post is the same
//! [`candidates_rule`] `check` applies (Organic Law 2022 Art. 27 and Art. 30).

use crate::i18n::{Label, Lang, tr, trf};
use crate::model::{BallotRules, Candidate, Election, Post, candidates_rule};

/// An election as typed: the fields stay text until it is saved, so a half-typed one can be
/// shown with what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct ElectionEntry {
    /// 职务 ("副镇长"), or for a project vote what is chosen.
    pub office: String,
    pub post: Post,
    /// 应选名额, as typed.
    pub seats: String,
    /// One candidate a line: "张三", or with a note "张三（现任镇党委委员）".
    pub candidates: String,
}

impl Default for ElectionEntry {
    fn default() -> Self {
        ElectionEntry {
            office: String::new(),
            // Township sittings elect deputies (副镇长, 人大副主席) most often.
            post: Post::Deputy,
            seats: "1".to_string(),
            candidates: String::new(),
        }
    }
}

/// The posts in the order a secretary picks from.
pub const POSTS: [Post; 4] = [Post::Head, Post::Deputy, Post::ByElection, Post::Project];

impl ElectionEntry {
    pub fn seats(&self) -> Option<u32> {
        self.seats.trim().parse::<u32>().ok().filter(|&n| n > 0)
    }

    /// The candidates in ballot order; blank lines skipped.
    pub fn candidates(&self) -> Vec<Candidate> {
        self.candidates
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(candidate)
            .collect()
    }

    /// The rule for the post, with the article it comes from.
    pub fn rule_text(&self, lang: Lang) -> String {
        tr(lang, rule_key(self.post)).into_owned()
    }

    /// What is wrong with the election as typed, if anything: the same findings `check`
    /// would make of the saved file, the article named where the law is broken.
    pub fn problem(&self, lang: Lang) -> Option<String> {
        if self.office.trim().is_empty() {
            return Some(tr(lang, "import.election.no_office").into_owned());
        }
        let Some(seats) = self.seats() else {
            return Some(trf(
                lang,
                "import.election.bad_seats",
                &[("text", self.seats.trim())],
            ));
        };
        let candidates = self.candidates();
        let mut seen = std::collections::HashSet::new();
        for c in &candidates {
            if c.name.is_empty() {
                return Some(tr(lang, "check.election.empty_name").into_owned());
            }
            // `+`, `,` and `=` separate a ballot on the command line (`张三=yes,+王五`).
            if c.name.starts_with('+') || c.name.contains([',', '=']) {
                return Some(trf(lang, "check.election.bad_name", &[("name", &c.name)]));
            }
            if !seen.insert(c.name.as_str()) {
                return Some(trf(
                    lang,
                    "check.election.duplicate_name",
                    &[("name", &c.name)],
                ));
            }
        }
        let n = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
        match candidates_rule(self.post, seats, n) {
            Ok(()) => None,
            Err(rule) => Some(trf(
                lang,
                rule.key(),
                &[
                    ("candidates", &n.to_string()),
                    ("seats", &seats.to_string()),
                    ("bound", &rule.bound().to_string()),
                ],
            )),
        }
    }

    /// The election to write, once [`ElectionEntry::problem`] found nothing.
    pub fn to_election(&self, id: String) -> Election {
        Election {
            id,
            office: self.office.trim().to_string(),
            post: self.post,
            seats: self.seats().unwrap_or(0),
            candidates: self.candidates(),
            rules: BallotRules::default(),
            source: None,
        }
    }

    /// The readable stem of the election's id: its post ("deputy-1").
    pub fn id_stem(&self) -> &'static str {
        match self.post {
            Post::Head => "head",
            Post::Deputy => "deputy",
            Post::ByElection => "by-election",
            Post::Project => "project",
        }
    }

    /// The agenda item's title when none is typed (the command line): "选举副镇长".
    pub fn default_title(&self, lang: Lang) -> String {
        let key = match self.post {
            Post::Project => "import.election.project_title",
            _ => "import.election.title",
        };
        trf(lang, key, &[("office", self.office.trim())])
    }

    /// From `--election "副镇长;副职;2;张三,李四（现任镇党委委员）,王五"`: office, post, seats,
    /// candidates. `Err` says what was expected.
    pub fn from_spec(spec: &str, lang: Lang) -> Result<ElectionEntry, String> {
        let bad = |why: &str| {
            trf(
                lang,
                "import.cli.bad_election",
                &[("spec", spec), ("why", why)],
            )
        };
        let parts: Vec<&str> = spec.split([';', '；']).map(str::trim).collect();
        let [office, post, seats, names] = parts.as_slice() else {
            return Err(bad(&tr(lang, "import.cli.election_fields")));
        };
        let post = parse_post(post).ok_or_else(|| bad(&tr(lang, "import.cli.election_post")))?;
        Ok(ElectionEntry {
            office: office.to_string(),
            post,
            seats: seats.to_string(),
            candidates: split_outside_brackets(names).join("\n"),
        })
    }
}

fn rule_key(post: Post) -> &'static str {
    match post {
        Post::Head => "import.election.rule.head",
        Post::Deputy => "import.election.rule.deputy",
        Post::ByElection => "import.election.rule.by_election",
        Post::Project => "import.election.rule.project",
    }
}

/// A post by its name in the file (`Deputy`) or in Chinese (副职), as a secretary writes it.
fn parse_post(s: &str) -> Option<Post> {
    let lower = s.trim().to_ascii_lowercase();
    POSTS.into_iter().find(|p| {
        let file = match p {
            Post::Head => ["head", "正职"],
            Post::Deputy => ["deputy", "副职"],
            Post::ByElection => ["byelection", "补选"],
            Post::Project => ["project", "票决"],
        };
        file.contains(&lower.replace(['-', '_', ' '], "").as_str()) || p.label(Lang::Zh) == s.trim()
    })
}

/// "张三（现任镇党委委员）" → 张三 with the note; a bracket only counts at the end.
fn candidate(line: &str) -> Candidate {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(body) = line.strip_suffix(close)
            && let Some(at) = body.find(open)
        {
            let name = body[..at].trim();
            let note = body[at + open.len_utf8()..].trim();
            return Candidate {
                name: name.to_string(),
                note: (!note.is_empty()).then(|| note.to_string()),
            };
        }
    }
    Candidate {
        name: line.to_string(),
        note: None,
    }
}

/// Names separated by `,` `，` or `、`, except inside a note's brackets.
fn split_outside_brackets(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0u32;
    for ch in s.chars() {
        match ch {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && matches!(ch, ',' | '，' | '、') {
            out.push(std::mem::take(&mut cur).trim().to_string());
        } else {
            cur.push(ch);
        }
    }
    out.push(cur.trim().to_string());
    out.retain(|x| !x.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(post: Post, seats: &str, names: &str) -> ElectionEntry {
        ElectionEntry {
            office: "副镇长".into(),
            post,
            seats: seats.into(),
            candidates: names.into(),
        }
    }

    #[test]
    fn candidates_are_one_a_line_with_an_optional_note_in_brackets() {
        let e = entry(
            Post::Deputy,
            "1",
            "张三\n\n 李四（现任镇党委委员） \n王五(村主任)\n",
        );
        let c = e.candidates();
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].name.as_str(), c[0].note.as_deref()), ("张三", None));
        assert_eq!(
            (c[1].name.as_str(), c[1].note.as_deref()),
            ("李四", Some("现任镇党委委员"))
        );
        assert_eq!(c[2].note.as_deref(), Some("村主任"));
    }

    #[test]
    fn a_breach_of_article_27_or_30_is_named_and_a_lawful_list_passes() {
        let six = "甲\n乙\n丙\n丁\n戊\n己";
        let too_many = entry(Post::Deputy, "1", six).problem(Lang::Zh).unwrap();
        assert!(too_many.contains("第二十七条"), "{too_many}");
        assert!(too_many.contains("预选"), "{too_many}");
        assert_eq!(
            entry(Post::Deputy, "2", "甲\n乙\n丙").problem(Lang::Zh),
            None
        );
        let by = entry(Post::ByElection, "2", "甲")
            .problem(Lang::Zh)
            .unwrap();
        assert!(by.contains("第三十条"), "{by}");
        let dup = entry(Post::Head, "1", "甲\n甲").problem(Lang::Zh).unwrap();
        assert!(dup.contains("两次"), "{dup}");
        assert!(entry(Post::Head, "0", "甲").problem(Lang::Zh).is_some());
        let mut blank = entry(Post::Head, "1", "甲");
        blank.office = " ".into();
        assert!(blank.problem(Lang::Zh).is_some());
    }

    #[test]
    fn the_command_line_spec_gives_office_post_seats_and_candidates() {
        let e = ElectionEntry::from_spec(
            "副镇长;Deputy;2;张三,李四（现任，党委委员）、王五",
            Lang::Zh,
        )
        .unwrap();
        assert_eq!(e.post, Post::Deputy);
        assert_eq!(e.seats(), Some(2));
        let names: Vec<String> = e.candidates().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["张三", "李四", "王五"]);
        assert_eq!(
            ElectionEntry::from_spec("镇长；正职；1；赵六", Lang::Zh)
                .unwrap()
                .post,
            Post::Head
        );
        assert_eq!(
            ElectionEntry::from_spec("x;by-election;1;a", Lang::Zh)
                .unwrap()
                .post,
            Post::ByElection
        );
        assert!(ElectionEntry::from_spec("副镇长;2;张三", Lang::Zh).is_err());
        let err = ElectionEntry::from_spec("副镇长;部长;2;张三", Lang::Zh).unwrap_err();
        assert!(err.contains("副镇长;部长;2;张三"), "{err}");
    }
}
