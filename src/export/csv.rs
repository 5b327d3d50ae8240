//! CSV: one file per table in a folder, UTF-8 with a byte-order mark (so Excel on Chinese
//! Windows does not read it as GBK), RFC 4180 quoting and CRLF line ends.
//!
//! Writing a folder: every file is first written and synced in a temporary folder inside the
//! target folder, then each is moved into place (a hard link without `--force`, which fails
//! rather than replace a file). A failure while writing leaves the folder as it was; a
//! failure while moving (rare: same file system) leaves the files already moved, each
//! complete, and is reported as [`ExportError::Partial`].

use std::io::Write;
use std::path::Path;

use crate::i18n::Lang;

use super::summary::SummaryData;
use super::tables::{Table, all_tables};
use super::{ExportError, io_error};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Every table as `(file name, bytes)`.
pub fn render(d: &SummaryData, lang: Lang) -> Vec<(String, Vec<u8>)> {
    all_tables(d, lang)
        .iter()
        .map(|t| (file_name(t), table_csv(t)))
        .collect()
}

fn file_name(t: &Table<'_>) -> String {
    format!("{}.csv", t.stem)
}

/// One table as CSV bytes.
pub fn table_csv(t: &Table<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + t.rows.len() * 48);
    out.extend_from_slice(BOM);
    for (i, h) in t.headers.iter().enumerate() {
        field(&mut out, i, h);
    }
    out.extend_from_slice(b"\r\n");
    for row in t.rows.iter() {
        for (i, c) in row.cells().enumerate() {
            field(&mut out, i, &c.as_text());
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// One field, quoted only when it holds a comma, a quote or a line break.
fn field(out: &mut Vec<u8>, i: usize, f: &str) {
    if i > 0 {
        out.push(b',');
    }
    // A byte loop: these four are ASCII, never part of a longer UTF-8 sequence, and most
    // fields are a few bytes (a call into a search routine costs more than the search).
    if f.bytes().any(|c| matches!(c, b',' | b'"' | b'\r' | b'\n')) {
        out.push(b'"');
        out.extend_from_slice(f.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(f.as_bytes());
    }
}

/// Fails with [`ExportError::Exists`] if any file the export would write is already there.
/// The files a CSV export of `d` writes into `dir`.
pub fn target_paths(d: &SummaryData, lang: Lang, dir: &Path) -> Vec<std::path::PathBuf> {
    all_tables(d, lang)
        .iter()
        .map(|t| dir.join(file_name(t)))
        .collect()
}

pub fn check_targets(d: &SummaryData, lang: Lang, dir: &Path) -> Result<(), ExportError> {
    if dir.exists() && !dir.is_dir() {
        return Err(ExportError::Exists(dir.to_path_buf()));
    }
    for t in all_tables(d, lang) {
        let p = dir.join(file_name(&t));
        if p.exists() {
            return Err(ExportError::Exists(p));
        }
    }
    Ok(())
}

/// Writes `files` into `dir` as described in the module comment.
pub fn write_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".tmp-export-")
        .tempdir_in(dir)
        .map_err(|e| io_error(dir, e))?;
    for (name, bytes) in files {
        let p = tmp.path().join(name);
        let mut f = std::fs::File::create(&p).map_err(|e| io_error(&dir.join(name), e))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| io_error(&dir.join(name), e))?;
    }
    let mut done = Vec::new();
    for (name, _) in files {
        let from = tmp.path().join(name);
        let to = dir.join(name);
        let moved = if force {
            std::fs::rename(&from, &to)
        } else {
            std::fs::hard_link(&from, &to)
        };
        if let Err(source) = moved {
            if done.is_empty() {
                return Err(io_error(&to, source));
            }
            return Err(ExportError::Partial {
                dir: dir.to_path_buf(),
                done,
                source,
            });
        }
        done.push(name.clone());
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tables::{Cell, Rows};

    #[test]
    fn quotes_only_what_rfc_4180_requires() {
        let t = Table {
            stem: "x",
            title: String::new(),
            headers: vec!["a".into(), "b".into()],
            widths: vec![1.0, 1.0],
            rows: Rows::Cells(vec![
                vec![Cell::Text("说 \"引号\", 逗号".into()), Cell::Int(3)],
                vec![Cell::Text("两\n行".into()), Cell::Num(0.5)],
            ]),
        };
        let bytes = table_csv(&t);
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "a,b\r\n\"说 \"\"引号\"\", 逗号\",3\r\n\"两\n行\",0.5\r\n"
        );
    }
}
