//! XLSX: the CSV tables as sheets of one workbook (rust_xlsxwriter), numbers as numbers,
//! column widths set, the header row frozen.
//!
//! Deterministic: rust_xlsxwriter stamps the zip entries with a fixed date, and the
//! document's creation time is set to the session date rather than the clock.

use std::borrow::Cow;

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use crate::i18n::{Lang, tr};

use super::ExportError;
use super::summary::SummaryData;
use super::tables::{Cell, CellRef, Rows, all_tables};

/// Excel's limit on one cell's text.
const MAX_CELL_CHARS: usize = 32_767;

pub fn render(d: &SummaryData, lang: Lang, stamp: Option<&str>) -> Result<Vec<u8>, ExportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let mut wb = Workbook::new();
    let created = session_date(&d.header.date)
        .or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok())
        .ok_or_else(|| ExportError::Xlsx("date".into()))?;
    let props = DocProperties::new()
        .set_title(&d.header.title)
        .set_subject(tr(lang, "export.subtitle"))
        .set_creation_datetime(&created);
    wb.set_properties(&props);

    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF3F5F7))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let plain = Format::new().set_align(rust_xlsxwriter::FormatAlign::Top);

    let mut tables = all_tables(d, lang);
    if let (Some(stamp), Some(Rows::Cells(first))) =
        (stamp, tables.first_mut().map(|t| &mut t.rows))
    {
        first.push(vec![
            Cell::Text(tr(lang, "export.field.generated").into_owned()),
            Cell::Text(stamp.to_string()),
        ]);
    }
    for table in &tables {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&table.title)).map_err(err)?;
        for (c, (h, w)) in table.headers.iter().zip(&table.widths).enumerate() {
            let col = u16::try_from(c).map_err(|_| ExportError::Xlsx("too many columns".into()))?;
            ws.write_string_with_format(0, col, h, &head).map_err(err)?;
            ws.set_column_width(col, f64::from(*w).clamp(6.0, 80.0))
                .map_err(err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
        for (r, row) in table.rows.iter().enumerate() {
            let row_no =
                u32::try_from(r + 1).map_err(|_| ExportError::Xlsx("too many rows".into()))?;
            for (c, cell) in row.cells().enumerate() {
                let col =
                    u16::try_from(c).map_err(|_| ExportError::Xlsx("too many columns".into()))?;
                let fmt = if table.widths.get(c).copied().unwrap_or(0.0) >= 30.0 {
                    &wrap
                } else {
                    &plain
                };
                match cell {
                    CellRef::Empty => {}
                    CellRef::Int(n) => {
                        ws.write_number_with_format(row_no, col, f64::from(n), fmt)
                            .map_err(err)?;
                    }
                    CellRef::Num(v) | CellRef::Written(v, _) => {
                        ws.write_number_with_format(row_no, col, v, fmt)
                            .map_err(err)?;
                    }
                    CellRef::Text(s) => {
                        // Cut only what is longer than Excel takes (a byte count under
                        // the limit is a character count under it too).
                        let s = if s.len() <= MAX_CELL_CHARS {
                            Cow::Borrowed(s)
                        } else {
                            Cow::Owned(s.chars().take(MAX_CELL_CHARS).collect())
                        };
                        ws.write_string_with_format(row_no, col, s.as_ref(), fmt)
                            .map_err(err)?;
                    }
                }
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// "2017-09-21" as a date; None if the text is not one.
fn session_date(s: &str) -> Option<ExcelDateTime> {
    let mut it = s.splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`, not starting or ending
/// with an apostrophe.
fn sheet_name(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let s = s.trim_matches('\'').to_string();
    if s.is_empty() { "Sheet".to_string() } else { s }
}
