//! Reading a session file: bytes → text → RON → checks, every problem with a location.

use std::path::Path;

use super::diagnostic::LineIndex;
use super::locate::{Node, Seg};
use super::session::Session;
use super::validate::{PathSeg, validate};
use super::{Diagnostic, Severity};
use crate::i18n::{Lang, trf};

/// The Jiujiang session, compiled in so the app starts from any folder.
pub const BUNDLED_JIUJIANG: &str = include_str!("../../sessions/jiujiang-2017-09-21.ron");
/// The name the bundled session is shown and reported under.
pub const BUNDLED_NAME: &str = "sessions/jiujiang-2017-09-21.ron";

/// A session that parsed and passed every error-level check.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub session: Session,
    /// Warnings only; errors stop a load.
    pub warnings: Vec<Diagnostic>,
    /// Where it came from, for titles and messages.
    pub name: String,
}

/// Why a file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Parse or validation errors (and any warnings found alongside), in file order.
    #[error("{}", .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
}

/// Reads and checks a file.
pub fn load_path(path: &Path, lang: Lang) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let bytes = crate::storage::read_input(path).map_err(|source| LoadError::Io {
        path: name.clone(),
        source,
    })?;
    load_bytes(&name, &bytes, lang)
}

/// Checks raw bytes: invalid UTF-8 is reported where it starts.
pub fn load_bytes(name: &str, bytes: &[u8], lang: Lang) -> Result<Loaded, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(name, text, lang),
        Err(e) => {
            let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let d = Diagnostic::at_offset(
                name,
                &good,
                good.len(),
                Severity::Error,
                trf(lang, "check.not_utf8", &[]),
            );
            Err(LoadError::Invalid(vec![d]))
        }
    }
}

/// Parses and checks RON text.
pub fn load_str(name: &str, text: &str, lang: Lang) -> Result<Loaded, LoadError> {
    // A BOM is common from Windows editors; ignore it but keep columns right.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut session: Session = match ron::Options::default().from_str(body) {
        Ok(s) => s,
        Err(e) => {
            // ron points just after a `:`; move onto the offending value itself.
            let (line, col) = skip_blanks(body, e.span.start.line, e.span.start.col);
            let d = Diagnostic::at_line_col(
                name,
                body,
                line,
                col,
                Severity::Error,
                trf(
                    lang,
                    "check.parse",
                    &[("what", &shortened(&e.code.to_string()))],
                ),
            );
            return Err(LoadError::Invalid(vec![d]));
        }
    };
    session.reindex();
    // Before the checks: a growth check reads the figures as the file prints them (10.0).
    session.remember_written_decimals(body);
    let findings = validate(&session, lang);
    // Locating is a second pass over the text; a clean file (the usual case) never needs it.
    let root = std::cell::LazyCell::new(|| Node::parse(body));
    // One index of the lines for all findings: 40,000 duplicate ids are 40,000 findings.
    let lines = std::cell::LazyCell::new(|| LineIndex::new(body));
    let mut diags: Vec<Diagnostic> = findings
        .iter()
        .map(|f| {
            let path: Vec<Seg> = f
                .path
                .iter()
                .map(|p| match p {
                    PathSeg::Field(n) => Seg::Field(n),
                    PathSeg::Index(i) => Seg::Index(*i),
                })
                .collect();
            let offset = match &f.list_item {
                Some(item) => root.locate_str_in(&path, item),
                None => root.locate(&path).0,
            };
            lines.at_offset(name, offset, f.severity, f.message.clone())
        })
        .collect();
    diags.sort_by_key(|d| (d.line, d.column));
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(LoadError::Invalid(diags));
    }
    session.fill_placeholders();
    session.remember_written_decimals(body);
    session.reindex();
    Ok(Loaded {
        session,
        warnings: diags,
        name: name.to_string(),
    })
}

/// A parser message cut to a few hundred characters: it may quote a name of megabytes.
fn shortened(message: &str) -> String {
    const MAX: usize = 300;
    match message.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &message[..at]),
        None => message.to_string(),
    }
}

/// Moves a 1-based (line, column) forward over spaces and tabs on the same line.
fn skip_blanks(source: &str, line: usize, col: usize) -> (usize, usize) {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let extra = text
        .chars()
        .skip(col.saturating_sub(1))
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    let len = text.chars().count();
    if col.saturating_sub(1) + extra >= len {
        (line, col)
    } else {
        (line, col + extra)
    }
}

/// The bundled Jiujiang session.
pub fn load_bundled(lang: Lang) -> Result<Loaded, LoadError> {
    load_str(BUNDLED_NAME, BUNDLED_JIUJIANG, lang)
}
