//! Writing a prepared sitting as a session file a person can read and fix: RON laid out as
//! the shipped Jiujiang file is, with a `//` comment on each item saying where it came from.
//! Written by hand rather than through ron's serializer, which cannot place comments.
//! Quorum and majority are left out so the law's defaults apply, as in the shipped file.

use std::fmt::Write as _;

use super::sitting::{Prepared, Proposal};
use crate::i18n::{tr, trf};
use crate::model::{AgendaKind, DocumentKind, IndicatorKind, Post, Qualifier, VotingMethod};

/// A RON string literal. Control characters other than line breaks and tabs were dropped
/// when the text was read.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|v| format!("Some({})", q(v)))
}

/// A comment's text on one line.
fn c(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The session file's text.
pub fn render(p: &Prepared) -> String {
    let lang = p.lang;
    let s = &p.session;
    let cm = &p.comments;
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "// {}", c(&s.congress.title));
    let _ = writeln!(w, "//");
    for line in tr(lang, "import.head").lines() {
        let _ = writeln!(w, "// {line}");
    }
    for src in &p.sources {
        let _ = writeln!(w, "//   {}", c(src));
    }
    if !p.notes.is_empty() {
        let _ = writeln!(w, "//");
        for n in &p.notes {
            let _ = writeln!(w, "// {}", c(n));
        }
    }
    let _ = writeln!(w, "Session(");
    let _ = writeln!(w, "    id: {},", q(&s.id));
    let _ = writeln!(w);
    let _ = writeln!(w, "    congress: Congress(");
    let field_comment = |name: &str| -> String {
        cm.congress
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, t)| format!(" // {}", c(t)))
            .unwrap_or_default()
    };
    let k = &s.congress;
    let _ = writeln!(w, "        name: {},{}", q(&k.name), field_comment("name"));
    let _ = writeln!(
        w,
        "        title: {},{}",
        q(&k.title),
        field_comment("title")
    );
    let _ = writeln!(w, "        term: {},{}", k.term, field_comment("term"));
    let _ = writeln!(
        w,
        "        session: {},{}",
        k.session,
        field_comment("session")
    );
    let _ = writeln!(w, "        town: {},{}", q(&k.town), field_comment("town"));
    let _ = writeln!(w, "        date: {},{}", q(&k.date), field_comment("date"));
    match opt(&k.venue) {
        Some(v) => {
            let _ = writeln!(w, "        venue: {v},{}", field_comment("venue"));
        }
        None => {
            let _ = writeln!(w, "        // venue: {}", tr(lang, "import.src.not_given"));
        }
    }
    match opt(&k.presiding_body) {
        Some(v) => {
            let _ = writeln!(
                w,
                "        presiding_body: {v},{}",
                field_comment("presiding_body")
            );
        }
        None => {
            let _ = writeln!(
                w,
                "        // presiding_body: {}",
                tr(lang, "import.src.not_given")
            );
        }
    }
    if let Some(src) = opt(&k.source) {
        let _ = writeln!(w, "        source: {src},");
    }
    let _ = writeln!(w, "    ),");
    let _ = writeln!(w);
    let _ = writeln!(w, "    seats: {}, // {}", s.seats, c(&cm.seats));
    let _ = writeln!(w, "    // quorum: {}", tr(lang, "import.src.quorum"));
    let _ = writeln!(w);

    let _ = writeln!(w, "    roster: [");
    for (i, d) in s.roster.iter().enumerate() {
        let mut fields = vec![format!("id: {}", q(&d.id))];
        if let Some(n) = opt(&d.name) {
            fields.push(format!("name: {n}"));
        }
        if let Some(g) = opt(&d.group) {
            fields.push(format!("group: {g}"));
        }
        if !d.roles.is_empty() {
            let roles: Vec<String> = d.roles.iter().map(|r| q(r)).collect();
            fields.push(format!("roles: [{}]", roles.join(", ")));
        }
        let _ = writeln!(
            w,
            "        Delegate({}), // {}",
            fields.join(", "),
            c(cm.roster.get(i).map_or("", String::as_str))
        );
    }
    let _ = writeln!(w, "    ],");
    if s.fill_roster_with_placeholders {
        let _ = writeln!(
            w,
            "    fill_roster_with_placeholders: true, // {}",
            tr(lang, "import.src.placeholders")
        );
    }
    if !s.groups.is_empty() {
        let _ = writeln!(w, "    groups: [");
        for (i, g) in s.groups.iter().enumerate() {
            let _ = writeln!(
                w,
                "        Group(id: {}, name: {}), // {}",
                q(&g.id),
                q(&g.name),
                c(cm.groups.get(i).map_or("", String::as_str))
            );
        }
        let _ = writeln!(w, "    ],");
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "    agenda: [");
    for (i, a) in s.agenda.iter().enumerate() {
        let _ = writeln!(
            w,
            "        AgendaItem(title: {}, kind: {}{}), // {}",
            q(&a.title),
            agenda_kind(a.kind),
            a.document
                .as_ref()
                .map(|d| format!(", document: Some({})", q(d)))
                .unwrap_or_default()
                + &a.motion
                    .as_ref()
                    .map(|m| format!(", motion: Some({})", q(m)))
                    .unwrap_or_default()
                + &a.election
                    .as_ref()
                    .map(|e| format!(", election: Some({})", q(e)))
                    .unwrap_or_default(),
            c(cm.agenda.get(i).map_or("", String::as_str))
        );
    }
    let _ = writeln!(w, "    ],");
    if !s.motions.is_empty() {
        // The majority is left out so the law's default applies, as for the quorum.
        let _ = writeln!(w, "    motions: [");
        for m in &s.motions {
            let _ = writeln!(
                w,
                "        Motion(id: {}, title: {}, method: {}{}),",
                q(&m.id),
                q(&m.title),
                voting_method(m.method),
                m.document
                    .as_ref()
                    .map(|d| format!(", document: Some({})", q(d)))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(w, "    ],");
    }
    if !s.elections.is_empty() {
        let _ = writeln!(w, "    elections: [");
        for (i, e) in s.elections.iter().enumerate() {
            let _ = writeln!(
                w,
                "        // {}",
                c(cm.elections.get(i).map_or("", String::as_str))
            );
            let _ = writeln!(
                w,
                "        Election(id: {}, office: {}, post: {}, seats: {}, candidates: [",
                q(&e.id),
                q(&e.office),
                post(e.post),
                e.seats
            );
            for cand in &e.candidates {
                let _ = writeln!(
                    w,
                    "            Candidate(name: {}{}),",
                    q(&cand.name),
                    opt(&cand.note)
                        .map(|n| format!(", note: {n}"))
                        .unwrap_or_default()
                );
            }
            let _ = writeln!(w, "        ]),");
        }
        let _ = writeln!(w, "    ],");
    }
    if !s.itinerary.is_empty() {
        let _ = writeln!(w, "    itinerary: [");
        for (i, st) in s.itinerary.iter().enumerate() {
            let mut fields = vec![
                format!("id: {}", q(&st.id)),
                format!("project: {}", q(&st.project)),
                format!("place: {}", q(&st.place)),
            ];
            if let Some(t) = opt(&st.time) {
                fields.push(format!("time: {t}"));
            }
            if let Some(h) = opt(&st.host) {
                fields.push(format!("host: {h}"));
            }
            let _ = writeln!(
                w,
                "        Stop({}), // {}",
                fields.join(", "),
                c(cm.itinerary.get(i).map_or("", String::as_str))
            );
        }
        let _ = writeln!(w, "    ],");
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "    documents: [");
    for (di, d) in s.documents.iter().enumerate() {
        let _ = writeln!(w, "        Document(");
        let _ = writeln!(w, "            id: {},", q(&d.id));
        let _ = writeln!(
            w,
            "            title: {}, // {}",
            q(&d.title),
            c(cm.documents.get(di).map_or("", String::as_str))
        );
        let _ = writeln!(w, "            kind: {},", document_kind(d.kind));
        if let Some(sp) = opt(&d.speaker) {
            let _ = writeln!(w, "            speaker: {sp},");
        }
        let _ = writeln!(w, "            sections: [");
        for (si, sec) in d.sections.iter().enumerate() {
            let src = cm.sections.get(di).and_then(|v| v.get(si));
            let _ = writeln!(w, "                Section(");
            let _ = writeln!(w, "                    id: {},", q(&sec.id));
            let _ = writeln!(
                w,
                "                    title: {}, // {}",
                q(&sec.title),
                c(src.map_or("", String::as_str))
            );
            let _ = writeln!(w, "                    level: {},", sec.level);
            let _ = writeln!(w, "                    paragraphs: [");
            for (pi, para) in sec.paragraphs.iter().enumerate() {
                let src = cm
                    .paragraphs
                    .get(di)
                    .and_then(|v| v.get(si))
                    .and_then(|v| v.get(pi));
                let _ = writeln!(
                    w,
                    "                        {}, // {} · {}",
                    q(para),
                    sec.paragraph_id(pi),
                    c(src.map_or("", String::as_str))
                );
            }
            let _ = writeln!(w, "                    ],");
            let _ = writeln!(w, "                ),");
        }
        let _ = writeln!(w, "            ],");
        let _ = writeln!(w, "        ),");
    }
    let _ = writeln!(w, "    ],");
    let _ = writeln!(w);

    if p.accepted {
        let said = match p.reviewed {
            Some((kept, dropped)) => trf(
                lang,
                "import.src.indicators_reviewed",
                &[
                    ("kept", &kept.to_string()),
                    ("dropped", &dropped.to_string()),
                ],
            ),
            None => tr(lang, "import.src.indicators_accepted").into_owned(),
        };
        let _ = writeln!(w, "    // {said}");
        let _ = writeln!(w, "    indicators: [");
        for pr in &p.proposals {
            indicator(w, pr, "        ");
        }
        let _ = writeln!(w, "    ],");
    } else if !p.proposals.is_empty() {
        let _ = writeln!(
            w,
            "    // {}",
            trf(
                lang,
                "import.src.indicators_review",
                &[("n", &p.proposals.len().to_string())]
            )
        );
        let _ = writeln!(w, "    // indicators: [");
        for pr in &p.proposals {
            indicator(w, pr, "    //     ");
        }
        let _ = writeln!(w, "    // ],");
    }
    let _ = writeln!(w, ")");
    o
}

fn indicator(w: &mut String, p: &Proposal, pad: &str) {
    let ind = &p.indicator;
    let _ = writeln!(w, "{pad}Indicator(");
    let _ = writeln!(w, "{pad}    id: {},", q(&ind.id));
    let _ = writeln!(w, "{pad}    name: {},", q(&ind.name));
    let _ = writeln!(w, "{pad}    category: {},", q(&ind.category));
    let _ = writeln!(w, "{pad}    kind: {},", indicator_kind(ind.kind));
    let _ = writeln!(w, "{pad}    value: {}, // {}", p.value_text, c(&p.comment));
    let _ = writeln!(w, "{pad}    unit: {},", q(&ind.unit));
    if let Some(qf) = ind.qualifier {
        let _ = writeln!(w, "{pad}    qualifier: Some({}),", qualifier(qf));
    }
    if let Some(per) = opt(&ind.period) {
        let _ = writeln!(w, "{pad}    period: {per},");
    }
    if let Some(y) = &p.yoy_text {
        let _ = writeln!(w, "{pad}    yoy: Some({y}),");
    }
    if let Some(src) = opt(&ind.source) {
        let _ = writeln!(w, "{pad}    source: {src},");
    }
    if ind.target {
        let _ = writeln!(w, "{pad}    target: true,");
    }
    if let Some(b) = opt(&ind.basis) {
        let _ = writeln!(w, "{pad}    basis: {b},");
    }
    let _ = writeln!(w, "{pad}),");
}

fn agenda_kind(k: AgendaKind) -> &'static str {
    match k {
        AgendaKind::Procedure => "Procedure",
        AgendaKind::Report => "Report",
        AgendaKind::Review => "Review",
        AgendaKind::Vote => "Vote",
        AgendaKind::Speech => "Speech",
        AgendaKind::Inspection => "Inspection",
        AgendaKind::Election => "Election",
        AgendaKind::Other => "Other",
    }
}

fn post(p: Post) -> &'static str {
    match p {
        Post::Head => "Head",
        Post::Deputy => "Deputy",
        Post::ByElection => "ByElection",
        Post::Project => "Project",
    }
}

fn voting_method(m: VotingMethod) -> &'static str {
    match m {
        VotingMethod::ShowOfHands => "ShowOfHands",
        VotingMethod::RollCall => "RollCall",
        VotingMethod::SecretBallot => "SecretBallot",
    }
}

fn document_kind(k: DocumentKind) -> &'static str {
    match k {
        DocumentKind::Report => "Report",
        DocumentKind::Speech => "Speech",
        DocumentKind::Remarks => "Remarks",
        DocumentKind::Background => "Background",
    }
}

fn indicator_kind(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Amount => "Amount",
        IndicatorKind::Rate => "Rate",
        IndicatorKind::Count => "Count",
    }
}

fn qualifier(q: Qualifier) -> &'static str {
    match q {
        Qualifier::About => "About",
        Qualifier::Nearly => "Nearly",
        Qualifier::MoreThan => "MoreThan",
    }
}

#[cfg(test)]
mod tests {
    use super::q;

    #[test]
    fn strings_are_escaped_for_ron() {
        assert_eq!(q("他说“好”\"x\"\\\n"), "\"他说“好”\\\"x\\\"\\\\\\n\"");
        let back: String = ron::from_str(&q("a\"b\\c\nd\te")).unwrap();
        assert_eq!(back, "a\"b\\c\nd\te");
    }
}
