//! The layers point down only. Every `.rs` file under `src/` is read, and a module that
//! names one above it (or beside it) fails the test with the file and line:
//!
//! | rank | modules                     | may also use            |
//! |------|-----------------------------|-------------------------|
//! | 0    | `i18n`, `storage`, `fonts`  | `fonts`: egui           |
//! | 1    | `model`                     |                         |
//! | 2    | `journal`, `notes`, `import`|                         |
//! | 3    | `export`, `generate`        |                         |
//! | 4    | `ui`                        | egui, eframe, rfd, …    |
//! | 5    | `cli`                       | clap                    |
//!
//! A module may name its own layer and any of a lower rank, never one of the same rank
//! (`journal` and `notes` know nothing of each other) or above. Paths are read as the
//! compiler reads them, with comments, strings and characters blanked out first:
//! `crate::ui::…`, `use crate::{model, ui}`, and `super::super::…` resolved from the file's
//! module (inline `mod x { … }` blocks included). `#[cfg(test)]` modules are not part of the
//! program and may name anything (a model test may check a journal fingerprint).

use std::path::{Path, PathBuf};

/// (top-level module, rank)
const RANKS: &[(&str, u8)] = &[
    ("i18n", 0),
    ("storage", 0),
    ("fonts", 0),
    ("model", 1),
    ("journal", 2),
    ("notes", 2),
    ("import", 2),
    ("export", 3),
    ("generate", 3),
    ("ui", 4),
    ("cli", 5),
];

/// Outside crates only some layers may use: (crate, modules allowed to name it).
const EXTERNAL: &[(&str, &[&str])] = &[
    ("egui", &["ui", "fonts"]),
    ("eframe", &["ui"]),
    ("egui_plot", &["ui"]),
    ("egui_extras", &["ui"]),
    ("egui_kittest", &["ui"]),
    ("rfd", &["ui"]),
    ("clap", &["cli"]),
];

fn rank(module: &str) -> Option<u8> {
    RANKS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// Whether `from` may name `to`.
fn may_name(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    match (rank(from), rank(to)) {
        (Some(a), Some(b)) => b < a,
        // Anything not in the table (the crate root) is not a layer.
        _ => true,
    }
}

/// The source with comments, string literals and character literals replaced by spaces,
/// newlines kept, so that braces and paths are only the code's own and lines still count.
fn blank_non_code(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |n| i + n);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            // Block comments nest in Rust.
            let (mut depth, mut j) = (0usize, i);
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if (rest.starts_with(b"r\"") || rest.starts_with(b"r#") || rest.starts_with(b"br"))
            && (i == 0 || !is_ident(b[i - 1]))
            && let Some(end) = raw_string_end(b, i)
        {
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if b[i] == b'\'' {
            // A character literal ('{', '\n', '\u{7b}', '中'), not a lifetime ('a).
            let j = if rest.get(1) == Some(&b'\\') {
                rest.iter()
                    .skip(2)
                    .position(|&c| c == b'\'')
                    .map(|n| i + 2 + n)
            } else {
                let len = std::str::from_utf8(&rest[1..rest.len().min(5)])
                    .or_else(|e| std::str::from_utf8(&rest[1..1 + e.valid_up_to()]))
                    .ok()
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
                (rest.get(1 + len) == Some(&b'\'')).then_some(i + 1 + len)
            };
            match j {
                Some(j) => {
                    blank(&mut out, i, j + 1);
                    i = j + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The end of a raw string starting at `i` (`r"…"`, `r#"…"#`, `br"…"`), if it is one.
fn raw_string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + if b[i] == b'b' { 2 } else { 1 };
    let mut hashes = 0;
    while b.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    if b.get(j) != Some(&b'"') {
        return None;
    }
    let close: Vec<u8> = std::iter::once(b'"')
        .chain(std::iter::repeat_n(b'#', hashes))
        .collect();
    b[j + 1..]
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map(|n| j + 1 + n + close.len())
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn ident_at(code: &str, at: usize) -> &str {
    let rest = &code[at..];
    let end = rest
        .bytes()
        .position(|c| !is_ident(c))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn skip_blanks(code: &str, mut at: usize) -> usize {
    while code.as_bytes().get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The first segments of `{a, b::c, d::{e}}` starting at the `{` at `at`.
fn group_heads(code: &str, at: usize) -> Vec<&str> {
    let b = code.as_bytes();
    let (mut depth, mut heads, mut j, mut expect) = (0, Vec::new(), at, true);
    while j < b.len() {
        match b[j] {
            b'{' => {
                depth += 1;
                expect = depth == 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expect = true,
            c if expect && depth == 1 && is_ident(c) => {
                heads.push(ident_at(code, j));
                expect = false;
            }
            _ => {}
        }
        j += 1;
    }
    heads
}

/// The module path of a file under `src/`: `src/ui/views/votes/mod.rs` → `ui::views::votes`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// For each byte offset, the inline modules it is inside: (name, is `#[cfg(test)]`).
fn inline_modules(code: &str) -> Vec<(usize, usize, String, bool)> {
    let b = code.as_bytes();
    let mut found = Vec::new();
    let mut open: Vec<(usize, usize, String, bool)> = Vec::new(); // (depth, start, name, test)
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let at_word = i == 0 || !is_ident(b[i - 1]);
        if at_word && code[i..].starts_with("mod ") {
            let name_at = skip_blanks(code, i + 3);
            let name = ident_at(code, name_at);
            let brace = skip_blanks(code, name_at + name.len());
            if !name.is_empty() && b.get(brace) == Some(&b'{') {
                let before = code[..i].trim_end();
                let before = before.strip_suffix("pub").unwrap_or(before).trim_end();
                let test = before.ends_with("#[cfg(test)]");
                depth += 1;
                open.push((depth, brace, name.to_string(), test));
                i = brace + 1;
                continue;
            }
        }
        match b[i] {
            b'{' => depth += 1,
            b'}' => {
                if open.last().is_some_and(|(d, ..)| *d == depth)
                    && let Some((_, start, name, test)) = open.pop()
                {
                    found.push((start, i, name, test));
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        i += 1;
    }
    found
}

#[derive(Debug, PartialEq)]
struct Violation {
    file: String,
    line: usize,
    what: String,
}

/// Every name in `src` (the text of `rel`, a path under `src/`) its layer may not use.
fn violations(rel: &Path, src: &str) -> Vec<Violation> {
    let module = module_of(rel);
    let Some(layer) = module.first().cloned() else {
        return Vec::new();
    };
    let code = blank_non_code(src);
    let inline = inline_modules(&code);
    let line_of = |at: usize| code[..at].bytes().filter(|&c| c == b'\n').count() + 1;
    let mut found = Vec::new();
    let mut report = |at: usize, what: String| {
        found.push(Violation {
            file: format!("src/{}", rel.display()),
            line: line_of(at),
            what,
        });
    };
    let forbidden = |target: &str, how: &str| {
        (rank(target).is_some() && !may_name(&layer, target))
            .then(|| format!("{layer} names {target} ({how})"))
    };
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if i > 0 && is_ident(b[i - 1]) || !is_ident(b[i]) {
            i += 1;
            continue;
        }
        let word = ident_at(&code, i);
        let after = skip_blanks(&code, i + word.len());
        let is_path = code[after..].starts_with("::");
        let preceded_by_colons = code[..i].trim_end().ends_with("::");
        // Inside an inline `#[cfg(test)]` module: not part of the program.
        let here: Vec<&(usize, usize, String, bool)> = inline
            .iter()
            .filter(|(s, e, ..)| *s < i && i < *e)
            .collect();
        if here.iter().any(|m| m.3) {
            i += word.len();
            continue;
        }
        let is_use =
            code[..i].trim_end().ends_with("use") || code[..i].trim_end().ends_with("crate");
        if word == "crate" && is_path && !preceded_by_colons {
            let next = skip_blanks(&code, after + 2);
            if b.get(next) == Some(&b'{') {
                for head in group_heads(&code, next) {
                    if let Some(w) = forbidden(head, &format!("crate::{{{head}, …}}")) {
                        report(i, w);
                    }
                }
            } else {
                let target = ident_at(&code, next);
                if let Some(w) = forbidden(target, &format!("crate::{target}")) {
                    report(i, w);
                }
            }
        } else if word == "super" && is_path && !preceded_by_colons {
            // Count the chain and resolve it from this file's module (and inline modules).
            let mut ups = 0;
            let mut j = i;
            while code[j..].starts_with("super") {
                ups += 1;
                j = skip_blanks(&code, j + 5);
                if code[j..].starts_with("::") {
                    j = skip_blanks(&code, j + 2);
                } else {
                    break;
                }
            }
            let mut path: Vec<String> = module.clone();
            path.extend(here.iter().map(|m| m.2.clone()));
            if ups >= path.len() {
                let heads = if b.get(j) == Some(&b'{') {
                    group_heads(&code, j)
                } else {
                    vec![ident_at(&code, j)]
                };
                // Going up past the crate root is a compile error; reaching it names a module.
                if ups == path.len() {
                    for head in heads {
                        if let Some(w) =
                            forbidden(head, &format!("{}{head}", "super::".repeat(ups)))
                        {
                            report(i, w);
                        }
                    }
                }
            }
            i = j;
            continue;
        } else if (is_path || is_use)
            && !preceded_by_colons
            && let Some((name, allowed)) = EXTERNAL.iter().find(|(n, _)| *n == word)
            && !allowed.contains(&layer.as_str())
        {
            report(i, format!("{layer} uses the {name} crate"));
        }
        i += word.len();
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_layer_names_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 100, "only {} files under src/", files.len());
    let mut all = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        all.extend(violations(f.strip_prefix(&src).unwrap(), &text));
    }
    let listed: Vec<String> = all
        .iter()
        .map(|v| format!("{}:{}: {}", v.file, v.line, v.what))
        .collect();
    assert!(listed.is_empty(), "layers broken:\n{}", listed.join("\n"));
}

#[test]
fn the_checker_sees_every_way_of_naming_a_layer() {
    let found = |file: &str, src: &str| -> Vec<(usize, String)> {
        violations(Path::new(file), src)
            .into_iter()
            .map(|v| (v.line, v.what))
            .collect()
    };
    let one = |file: &str, src: &str, want: &str| {
        let got = found(file, src);
        assert_eq!(got.len(), 1, "{file}: {src:?} → {got:?}");
        assert!(got[0].1.contains(want), "{got:?}");
    };
    one("model/x.rs", "use crate::ui::View;", "model names ui");
    one(
        "journal/x.rs",
        "\n\nfn f() { crate::cli::run(); }",
        "journal names cli",
    );
    one(
        "export/x.rs",
        "use crate::{\n    model::Session,\n    ui::View,\n};",
        "names ui",
    );
    one(
        "export/a/b.rs",
        "use super::super::super::ui::View;",
        "export names ui",
    );
    one(
        "export/a/mod.rs",
        "use super::super::{model, cli};",
        "export names cli",
    );
    one(
        "notes/x.rs",
        "use crate::journal::Tally;",
        "notes names journal",
    );
    one("ui/x.rs", "use crate::cli::Cli;", "ui names cli");
    one(
        "export/mod.rs",
        "#[derive(Clone, clap::ValueEnum)]\nenum F {}",
        "clap",
    );
    one("model/x.rs", "use egui::Ui;", "egui");
    one("journal/x.rs", "fn f(x: &eframe::Frame) {}", "eframe");
    one(
        "generate/x.rs",
        "use crate::export::Format;",
        "generate names export",
    );
    one(
        "model/x.rs",
        "mod inner {\n    use super::super::super::ui;\n}",
        "names ui",
    );
    assert_eq!(found("model/x.rs", "use crate::ui::View;")[0].0, 1);
    assert_eq!(
        found("journal/x.rs", "\n\nfn f() { crate::cli::run(); }")[0].0,
        3
    );
    // Downward, within a layer, in comments, strings and test modules: all allowed.
    for (file, src) in [
        ("ui/x.rs", "use crate::{export, journal::Tally, model};"),
        ("cli/x.rs", "use crate::ui::Start; use clap::Parser;"),
        (
            "journal/a/b.rs",
            "use super::super::record::Record; use super::Tally;",
        ),
        (
            "model/x.rs",
            "// see crate::ui::View\nlet s = \"crate::cli\"; let c = '{';",
        ),
        ("model/x.rs", "/* crate::ui */ let r = r#\"crate::ui\"#;"),
        (
            "model/x.rs",
            "#[cfg(test)]\nmod tests {\n    use crate::journal::fingerprint;\n}",
        ),
        ("fonts.rs", "pub fn f(ctx: &egui::Context) {}"),
        (
            "export/x.rs",
            "use crate::fonts::CJK_FONT; fn f<'a>(x: &'a str) {}",
        ),
    ] {
        assert_eq!(found(file, src), Vec::new(), "{file}: {src:?}");
    }
}
