//! Where things are in a RON file.
//!
//! serde tells us *that* a value is wrong, not *where* it stands once parsing succeeded.
//! This is a small, lenient reader of RON's shape that keeps byte offsets, so a semantic
//! check can point at `indicators[3].value` by line and column. It runs only on text that
//! serde already accepted, and never fails: anything it cannot follow becomes `Other`.

/// One value in the file and the byte offset where it starts.
#[derive(Clone, Debug)]
pub struct Node {
    pub offset: usize,
    pub kind: NodeKind,
}

#[derive(Clone, Debug)]
pub enum NodeKind {
    /// `Name(field: value, …)` or `(field: value, …)`: fields with the offset of their name.
    Struct(Vec<(String, usize, Node)>),
    /// `[a, b]`.
    Seq(Vec<Node>),
    /// A tuple `(a, b)`, or `Some(a)`.
    Tuple(Vec<Node>),
    Str(String),
    Other,
}

/// One step of a path into the file.
#[derive(Clone, Copy, Debug)]
pub enum Seg<'a> {
    Field(&'a str),
    Index(usize),
}

impl Node {
    /// Parses `source` leniently. Returns a node of kind `Other` for text it cannot follow.
    pub fn parse(source: &str) -> Node {
        let mut r = Reader {
            s: source.as_bytes(),
            src: source,
            i: 0,
            depth: 0,
        };
        r.value()
    }

    /// Offset of the deepest node along `path` that exists, and whether the whole path was
    /// found. For a field, the offset is that of the field's name, which is where a person
    /// looks.
    pub fn locate(&self, path: &[Seg]) -> (usize, bool) {
        let mut node = self;
        let mut at = self.offset;
        for seg in path {
            let next = match (seg, &node.kind) {
                (Seg::Field(name), _) => node.unwrap_some().field(name),
                (Seg::Index(i), _) => match &node.unwrap_some().kind {
                    NodeKind::Seq(items) | NodeKind::Tuple(items) => {
                        items.get(*i).map(|n| (n.offset, n))
                    }
                    _ => None,
                },
            };
            match next {
                Some((offset, n)) => {
                    at = offset;
                    node = n;
                }
                None => return (at, false),
            }
        }
        (at, true)
    }

    /// The offset of the string literal equal to `value` inside this node's list (for
    /// pointing at one bad reference in `paragraphs: ["a.1", "b.9"]`).
    pub fn locate_str_in(&self, path: &[Seg], value: &str) -> usize {
        let (at, found) = self.locate(path);
        if !found {
            return at;
        }
        let mut node = self;
        for seg in path {
            let next = match seg {
                Seg::Field(name) => node.unwrap_some().field(name).map(|(_, n)| n),
                Seg::Index(i) => match &node.unwrap_some().kind {
                    NodeKind::Seq(items) | NodeKind::Tuple(items) => items.get(*i),
                    _ => None,
                },
            };
            match next {
                Some(n) => node = n,
                None => return at,
            }
        }
        if let NodeKind::Seq(items) = &node.unwrap_some().kind {
            for item in items {
                if matches!(&item.kind, NodeKind::Str(s) if s == value) {
                    return item.offset;
                }
            }
        }
        at
    }

    fn field(&self, name: &str) -> Option<(usize, &Node)> {
        match &self.kind {
            NodeKind::Struct(fields) => fields
                .iter()
                .find(|(n, _, _)| n == name)
                .map(|(_, off, node)| (*off, node)),
            _ => None,
        }
    }

    /// `Some(x)` is a one-element tuple; paths look through it.
    fn unwrap_some(&self) -> &Node {
        match &self.kind {
            NodeKind::Tuple(items) if items.len() == 1 => &items[0],
            _ => self,
        }
    }
}

struct Reader<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
    depth: usize,
}

/// Nesting deeper than this is not followed (a hostile file must not overflow the stack).
const MAX_DEPTH: usize = 128;

impl Reader<'_> {
    fn rest(&self) -> &[u8] {
        &self.s[self.i.min(self.s.len())..]
    }

    fn skip_ws(&mut self) {
        loop {
            while self.i < self.s.len() && (self.s[self.i] as char).is_ascii_whitespace() {
                self.i += 1;
            }
            if self.rest().starts_with(b"//") {
                while self.i < self.s.len() && self.s[self.i] != b'\n' {
                    self.i += 1;
                }
            } else if self.rest().starts_with(b"/*") {
                let mut level = 0usize;
                while self.i < self.s.len() {
                    if self.rest().starts_with(b"/*") {
                        level += 1;
                        self.i += 2;
                    } else if self.rest().starts_with(b"*/") {
                        level -= 1;
                        self.i += 2;
                        if level == 0 {
                            break;
                        }
                    } else {
                        self.i += 1;
                    }
                }
            } else if self.rest().starts_with("\u{feff}".as_bytes()) {
                self.i += 3;
            } else {
                return;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ident(&mut self) -> Option<String> {
        let start = self.i;
        if self.rest().starts_with(b"r#") {
            self.i += 2;
        }
        while self.i < self.s.len() {
            let c = self.s[self.i];
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.i += 1;
            } else {
                break;
            }
        }
        (self.i > start).then(|| self.src[start..self.i].trim_start_matches("r#").to_string())
    }

    fn value(&mut self) -> Node {
        self.skip_ws();
        let offset = self.i;
        if self.depth > MAX_DEPTH {
            self.i = self.s.len();
            return Node {
                offset,
                kind: NodeKind::Other,
            };
        }
        let kind = match self.peek() {
            Some(b'"') => NodeKind::Str(self.string()),
            Some(b'r') if matches!(self.s.get(self.i + 1), Some(b'"') | Some(b'#')) => {
                NodeKind::Str(self.raw_string())
            }
            Some(b'[') => {
                self.i += 1;
                NodeKind::Seq(self.items(b']'))
            }
            Some(b'(') => {
                self.i += 1;
                self.parens()
            }
            Some(b'{') => {
                self.i += 1;
                // Maps are not addressed by path; skip them as a sequence of values.
                let _ = self.items(b'}');
                NodeKind::Other
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let _ = self.ident();
                self.skip_ws();
                if self.peek() == Some(b'(') {
                    self.i += 1;
                    self.parens()
                } else {
                    NodeKind::Other
                }
            }
            Some(b'\'') => {
                self.i += 1;
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == b'\\' {
                        self.i += 1;
                    } else if c == b'\'' {
                        break;
                    }
                }
                NodeKind::Other
            }
            Some(_) => {
                // number or other scalar
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'+' | b'_') {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                if self.i == offset {
                    self.i += 1;
                }
                NodeKind::Other
            }
            None => NodeKind::Other,
        };
        Node { offset, kind }
    }

    /// After `(`: a struct with named fields, or a tuple.
    fn parens(&mut self) -> NodeKind {
        self.skip_ws();
        let save = self.i;
        if self.ident().is_some() {
            self.skip_ws();
            if self.peek() == Some(b':') {
                self.i = save;
                return self.fields();
            }
        }
        self.i = save;
        NodeKind::Tuple(self.items(b')'))
    }

    fn fields(&mut self) -> NodeKind {
        self.depth += 1;
        let mut fields = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(b')') => {
                    self.i += 1;
                    break;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let at = self.i;
            let Some(name) = self.ident() else {
                self.i += 1;
                continue;
            };
            self.skip_ws();
            if self.peek() == Some(b':') {
                self.i += 1;
            }
            let v = self.value();
            fields.push((name, at, v));
        }
        self.depth -= 1;
        NodeKind::Struct(fields)
    }

    fn items(&mut self, close: u8) -> Vec<Node> {
        self.depth += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(c) if c == close => {
                    self.i += 1;
                    break;
                }
                Some(b',') | Some(b':') => {
                    self.i += 1;
                    continue;
                }
                Some(b')') | Some(b']') | Some(b'}') => {
                    // mismatched closer: stop here rather than loop
                    self.i += 1;
                    break;
                }
                _ => {}
            }
            let before = self.i;
            items.push(self.value());
            if self.i == before {
                self.i += 1;
            }
        }
        self.depth -= 1;
        items
    }

    fn string(&mut self) -> String {
        self.i += 1;
        let mut out = String::new();
        let rest = self.src.get(self.i..).unwrap_or("");
        let mut chars = rest.char_indices();
        while let Some((k, c)) = chars.next() {
            match c {
                '"' => {
                    self.i += k + 1;
                    return out;
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, e)) => out.push(e),
                    None => break,
                },
                c => out.push(c),
            }
        }
        self.i = self.s.len();
        out
    }

    fn raw_string(&mut self) -> String {
        self.i += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        self.i += 1; // opening quote
        let end: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        match self.src.get(self.i..).and_then(|r| r.find(&end)) {
            Some(k) => {
                let s = self.src[self.i..self.i + k].to_string();
                self.i += k + end.len();
                s
            }
            None => {
                self.i = self.s.len();
                String::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"// a comment with id: "x"
Session(
    id: "s",
    indicators: [
        Indicator(id: "a", value: 1.0),
        Indicator(id: "b", /* note */ value: 250.0, parts: Some(Parts(part: "a", whole: "c"))),
    ],
    itinerary: [ Stop(paragraphs: ["p.1", "p.9"]) ],
)"#;

    #[test]
    fn finds_fields_by_path() {
        let root = Node::parse(SRC);
        let (off, found) =
            root.locate(&[Seg::Field("indicators"), Seg::Index(1), Seg::Field("value")]);
        assert!(found);
        assert!(SRC[off..].starts_with("value: 250.0"));
        let (off, found) = root.locate(&[
            Seg::Field("indicators"),
            Seg::Index(1),
            Seg::Field("parts"),
            Seg::Field("whole"),
        ]);
        assert!(found);
        assert!(SRC[off..].starts_with("whole"));
    }

    #[test]
    fn missing_path_falls_back_to_deepest_found() {
        let root = Node::parse(SRC);
        let (off, found) =
            root.locate(&[Seg::Field("indicators"), Seg::Index(0), Seg::Field("unit")]);
        assert!(!found);
        assert!(SRC[off..].starts_with("Indicator(id: \"a\""));
    }

    #[test]
    fn finds_a_string_inside_a_list() {
        let root = Node::parse(SRC);
        let off = root.locate_str_in(
            &[
                Seg::Field("itinerary"),
                Seg::Index(0),
                Seg::Field("paragraphs"),
            ],
            "p.9",
        );
        assert!(SRC[off..].starts_with("\"p.9\""));
    }

    #[test]
    fn never_panics_on_garbage() {
        for s in [
            "",
            "(",
            "[[[[",
            "Session(id: \"",
            "r#\"abc",
            "/* open",
            "(a: ,,, b:)",
            "\u{feff}(",
        ] {
            let _ = Node::parse(s).locate(&[Seg::Field("a"), Seg::Index(3)]);
        }
        let deep = "[".repeat(100_000);
        let _ = Node::parse(&deep);
    }
}
