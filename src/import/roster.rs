//! Reading the roster of delegates from a spreadsheet: .xlsx/.xls/.ods with calamine (the
//! first sheet, or one named), .csv with csv. Excel on Chinese Windows saves CSV in GBK, so a
//! CSV that is not UTF-8 is read as GBK (encoding_rs). Columns are found by their headers.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Reader, open_workbook_auto};

use super::ImportError;

/// One delegate read from a row.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterRow {
    /// The row number as the spreadsheet shows it (from 1, the header included).
    pub row: usize,
    pub name: String,
    pub group: Option<String>,
    /// 职务 / 工作单位, verbatim.
    pub roles: Vec<String>,
}

/// What a column holds, by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Group,
    Role,
    Gender,
}

/// The roster and what the reader made of the sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roster {
    pub rows: Vec<RosterRow>,
    /// The columns used: (kind, header as written, 1-based column number).
    pub columns: Vec<(Column, String, usize)>,
    /// The sheet read (spreadsheets only).
    pub sheet: Option<String>,
    /// The CSV's encoding when it was not UTF-8 ("GBK").
    pub encoding: Option<&'static str>,
    /// Rows with no name skipped (blank rows not counted).
    pub nameless_rows: Vec<usize>,
    /// Names that appear more than once, with their rows.
    pub duplicates: Vec<(String, Vec<usize>)>,
}

/// Headers recognised for each column, in order of preference.
const HEADERS: &[(Column, &[&str])] = &[
    (Column::Name, &["代表姓名", "姓名", "名字", "name"]),
    (
        Column::Group,
        &["代表团", "代表小组", "小组", "选区", "选举单位", "group"],
    ),
    (
        Column::Role,
        &[
            "职务",
            "工作单位及职务",
            "单位及职务",
            "工作单位",
            "职务职称",
            "role",
        ],
    ),
    (Column::Gender, &["性别", "gender"]),
];

/// Reads a roster file by its extension.
pub fn read_roster(path: &Path, sheet: Option<&str>) -> Result<Roster, ImportError> {
    let name = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if ext == "csv" || ext == "txt" {
        let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
            path: name.clone(),
            source,
        })?;
        return read_csv(&name, &bytes);
    }
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Err(ImportError::RosterFormat { path: name });
    }
    if !path.exists() {
        return Err(ImportError::Io {
            path: name,
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    let bad = |what: String| ImportError::BadRoster {
        path: name.clone(),
        what,
    };
    let mut book = open_workbook_auto(path).map_err(|e| bad(e.to_string()))?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| ImportError::NoSuchSheet {
                path: name.clone(),
                sheet: s.to_string(),
                sheets: names.join("、"),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| bad("the workbook has no sheets".into()))?,
    };
    let range = book
        .worksheet_range(&chosen)
        .map_err(|e| bad(e.to_string()))?;
    // Row numbers as Excel shows them: the range may start below row 1.
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let rows = range.rows().enumerate().map(|(i, cells)| {
        (
            first_row + i + 1,
            cells.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        )
    });
    let mut roster = from_rows(&name, rows)?;
    roster.sheet = Some(chosen);
    Ok(roster)
}

/// Reads CSV bytes: UTF-8 (with or without a BOM), else GBK.
pub fn read_csv(name: &str, bytes: &[u8]) -> Result<Roster, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(t) => (std::borrow::Cow::Borrowed(t), None),
        Err(_) => {
            let (t, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(ImportError::BadRoster {
                    path: name.to_string(),
                    what: "the file is neither UTF-8 nor GBK text".into(),
                });
            }
            (t, Some("GBK"))
        }
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line numbers counted from each record's byte offset (as an editor shows them, whatever
    // the line endings and however many line breaks sit inside quoted cells).
    let (mut line, mut counted) = (1usize, 0usize);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| ImportError::BadRoster {
            path: name.to_string(),
            what: e.to_string(),
        })?;
        let at = rec
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(counted)
            .min(text.len());
        // After a CRLF the reported offset is that of the LF: a record never starts with one.
        let at = at
            + text.as_bytes()[at..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..at]).count();
        counted = at;
        rows.push((line, rec.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    let mut roster = from_rows(name, rows.into_iter())?;
    roster.encoding = encoding;
    Ok(roster)
}

/// Finds the header row (the first non-blank one) and reads every later row by it.
fn from_rows(
    name: &str,
    rows: impl Iterator<Item = (usize, Vec<String>)>,
) -> Result<Roster, ImportError> {
    let mut rows = rows.filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, header)) = rows.next() else {
        return Err(ImportError::BadRoster {
            path: name.to_string(),
            what: "the sheet is empty".into(),
        });
    };
    let mut columns: Vec<(Column, String, usize)> = Vec::new();
    for (kind, words) in HEADERS {
        let found = words.iter().find_map(|w| {
            header.iter().enumerate().find(|(_, h)| {
                let h = h.trim().to_lowercase();
                h == *w
            })
        });
        if let Some((i, h)) = found {
            columns.push((*kind, h.trim().to_string(), i + 1));
        }
    }
    let col = |k: Column| columns.iter().find(|c| c.0 == k).map(|c| c.2 - 1);
    let Some(name_col) = col(Column::Name) else {
        return Err(ImportError::NoNameColumn {
            path: name.to_string(),
            headers: header
                .iter()
                .map(|h| h.trim())
                .filter(|h| !h.is_empty())
                .collect::<Vec<_>>()
                .join("、"),
        });
    };
    let group_col = col(Column::Group);
    let role_col = col(Column::Role);
    let mut roster = Roster {
        columns: columns.clone(),
        ..Roster::default()
    };
    let cell = |cells: &[String], i: Option<usize>| -> Option<String> {
        let v = cells.get(i?)?.trim();
        (!v.is_empty()).then(|| v.to_string())
    };
    for (row, cells) in rows {
        let Some(person) = cell(&cells, Some(name_col)) else {
            roster.nameless_rows.push(row);
            continue;
        };
        roster.rows.push(RosterRow {
            row,
            name: person,
            group: cell(&cells, group_col),
            roles: cell(&cells, role_col).into_iter().collect(),
        });
    }
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for r in &roster.rows {
        let e = seen.entry(r.name.as_str()).or_default();
        if e.is_empty() {
            order.push(r.name.as_str());
        }
        e.push(r.row);
    }
    let duplicates = order
        .into_iter()
        .filter_map(|n| {
            let rows = &seen[n];
            (rows.len() > 1).then(|| (n.to_string(), rows.clone()))
        })
        .collect();
    roster.duplicates = duplicates;
    Ok(roster)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_by_header_blank_rows_skipped_duplicates_listed() {
        let csv = "序号,姓名,性别,代表小组,职务\r\n1,张伟,男,第一小组,\"村委\n主任\"\r\n,,,,\n2,李娜,女,第二小组,\n3,张伟,男,第二小组,教师\n4,,女,第二小组,\n";
        let r = read_csv("r.csv", csv.as_bytes()).unwrap();
        assert_eq!(r.rows.len(), 3);
        assert_eq!(r.rows[1].row, 5, "a line break inside quotes counts");
        assert_eq!(r.rows[0].roles, vec!["村委\n主任".to_string()]);
        assert_eq!(r.rows[1].group.as_deref(), Some("第二小组"));
        assert!(r.rows[1].roles.is_empty());
        assert_eq!(r.duplicates, vec![("张伟".to_string(), vec![2, 6])]);
        assert_eq!(r.nameless_rows, vec![7]);
        assert!(r.columns.iter().any(|c| c.0 == Column::Gender && c.2 == 3));
    }

    #[test]
    fn gbk_and_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,代表团\n王芳,九江\n");
        let r = read_csv("r.csv", &gbk).unwrap();
        assert_eq!(r.encoding, Some("GBK"));
        assert_eq!(r.rows[0].name, "王芳");
        let r = read_csv("r.csv", "\u{feff}姓名\n王芳\n".as_bytes()).unwrap();
        assert_eq!(r.encoding, None);
        assert_eq!(r.rows[0].name, "王芳");
    }

    #[test]
    fn no_name_column_says_which_headers_there_are() {
        let e = read_csv("r.csv", "编号,单位\n1,x\n".as_bytes()).unwrap_err();
        assert!(matches!(e, ImportError::NoNameColumn { headers, .. } if headers == "编号、单位"));
    }
}
