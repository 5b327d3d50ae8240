//! The PDF keeps its Chinese as text: decoding the page content through the font's
//! ToUnicode map (what any text extractor does) gives back the title and table text.

use crate::export_common;

use std::collections::HashMap;
use std::io::Read;

use delegate_desk::export::{self, Format, Options, Rendered};
use delegate_desk::i18n::Lang;

fn pdf(lang: Lang) -> Vec<u8> {
    let opts = Options {
        lang,
        ..Options::default()
    };
    match export::render(&export_common::summary(lang), Format::Pdf, &opts).unwrap() {
        Rendered::File(b) => b,
        Rendered::Files(_) => panic!("pdf gave several files"),
    }
}

/// Every stream's bytes, inflated when compressed.
fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b"stream") {
        let start = at + i;
        // "endstream" also contains "stream"; only a keyword after ">>" opens one.
        let before = pdf[start.saturating_sub(400)..start].trim_ascii_end();
        if pdf[..start].ends_with(b"end") || !before.ends_with(b">>") {
            at = start + 6;
            continue;
        }
        let mut body = start + 6;
        if pdf.get(body) == Some(&b'\r') {
            body += 1;
        }
        if pdf.get(body) == Some(&b'\n') {
            body += 1;
        }
        let end = body + find(&pdf[body..], b"endstream").unwrap();
        let raw = &pdf[body..end];
        // The stream's dictionary: from the last "obj" keyword before it.
        let dict = match before.windows(3).rposition(|w| w == b"obj") {
            Some(k) => &before[k..],
            None => before,
        };
        if find(dict, b"FlateDecode").is_some() {
            let mut inflated = Vec::new();
            if flate2::read::ZlibDecoder::new(raw)
                .read_to_end(&mut inflated)
                .is_ok()
            {
                out.push(inflated);
            }
        } else {
            out.push(raw.to_vec());
        }
        at = end + 9;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn hex(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s.iter().copied().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
        .collect()
}

/// The `<code> <unicode>` pairs of every ToUnicode CMap (bfchar and bfrange).
fn to_unicode(streams: &[Vec<u8>]) -> HashMap<Vec<u8>, String> {
    let mut map = HashMap::new();
    for s in streams.iter().filter(|s| find(s, b"begincmap").is_some()) {
        let text = String::from_utf8_lossy(s);
        let mut in_char = false;
        let mut in_range = false;
        for line in text.lines() {
            let line = line.trim();
            if line.ends_with("beginbfchar") {
                in_char = true;
                continue;
            }
            if line.ends_with("beginbfrange") {
                in_range = true;
                continue;
            }
            if line == "endbfchar" {
                in_char = false;
            }
            if line == "endbfrange" {
                in_range = false;
            }
            let parts: Vec<&str> = line
                .split(['<', '>'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let utf16 = |h: &str| {
                let b = hex(h.as_bytes());
                let units: Vec<u16> = b
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            };
            if in_char && parts.len() == 2 {
                map.insert(hex(parts[0].as_bytes()), utf16(parts[1]));
            } else if in_range && parts.len() == 3 {
                let lo = hex(parts[0].as_bytes());
                let hi = hex(parts[1].as_bytes());
                let first = utf16(parts[2]);
                let as_num = |b: &[u8]| b.iter().fold(0u32, |a, &x| a << 8 | u32::from(x));
                let base = first.chars().next().map_or(0, u32::from);
                for (k, code) in (as_num(&lo)..=as_num(&hi)).enumerate() {
                    let key = code.to_be_bytes()[4 - lo.len()..].to_vec();
                    let ch = char::from_u32(base + k as u32).unwrap_or('\u{fffd}');
                    map.insert(key, ch.to_string());
                }
            }
        }
    }
    map
}

enum Shown {
    /// Character codes to look up in the ToUnicode map.
    Codes(Vec<u8>),
    /// A marked span's /ActualText, which replaces the glyphs inside it (used where one
    /// glyph stands for several characters, so one ToUnicode entry cannot say which).
    Actual(String),
}

/// The string operands of the text operators in a content stream, in order.
fn shown_strings(content: &[u8]) -> Vec<Shown> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < content.len() {
        if content[i..].starts_with(b"/ActualText<") {
            let start = i + b"/ActualText<".len();
            let end = start + content[start..].iter().position(|&b| b == b'>').unwrap();
            let b = hex(&content[start..end]);
            let units: Vec<u16> = b
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            out.push(Shown::Actual(
                String::from_utf16_lossy(&units)
                    .trim_start_matches('\u{feff}')
                    .to_string(),
            ));
            i = end + find(&content[end..], b"EMC").unwrap() + 3;
            continue;
        }
        match content[i] {
            b'(' => {
                let mut depth = 1;
                let mut s = Vec::new();
                i += 1;
                while i < content.len() && depth > 0 {
                    match content[i] {
                        b'\\' => {
                            i += 1;
                            match content.get(i) {
                                Some(b'n') => s.push(b'\n'),
                                Some(b'r') => s.push(b'\r'),
                                Some(b't') => s.push(b'\t'),
                                Some(b'b') => s.push(8),
                                Some(b'f') => s.push(12),
                                Some(d @ b'0'..=b'7') => {
                                    let mut v = u32::from(d - b'0');
                                    for _ in 0..2 {
                                        match content.get(i + 1) {
                                            Some(d @ b'0'..=b'7') => {
                                                v = v * 8 + u32::from(d - b'0');
                                                i += 1;
                                            }
                                            _ => break,
                                        }
                                    }
                                    s.push(v as u8);
                                }
                                Some(&c) => s.push(c),
                                None => {}
                            }
                        }
                        b'(' => {
                            depth += 1;
                            s.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                s.push(b')');
                            }
                        }
                        c => s.push(c),
                    }
                    i += 1;
                }
                out.push(Shown::Codes(s));
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                let end = i + content[i..].iter().position(|&b| b == b'>').unwrap();
                out.push(Shown::Codes(hex(&content[i + 1..end])));
                i = end + 1;
            }
            b'<' => i += 2,
            _ => i += 1,
        }
    }
    out
}

/// All text on all pages, via the ToUnicode maps (two-byte codes, as the CID font uses).
pub fn extract(pdf: &[u8]) -> String {
    let streams = streams(pdf);
    let map = to_unicode(&streams);
    assert!(!map.is_empty(), "no ToUnicode map: text would not extract");
    let mut text = String::new();
    for s in streams
        .iter()
        .filter(|s| s.is_ascii() && find(s, b"BT").is_some())
    {
        for shown in shown_strings(s) {
            match shown {
                Shown::Codes(bytes) => {
                    for code in bytes.chunks(2) {
                        text.push_str(map.get(code).map_or("\u{fffd}", String::as_str));
                    }
                }
                Shown::Actual(t) => text.push_str(&t),
            }
        }
        text.push('\n');
    }
    text
}

#[test]
fn chinese_title_and_tables_extract_as_text() {
    let bytes = pdf(Lang::Zh);
    assert!(bytes.starts_with(b"%PDF-"));
    let text = extract(&bytes);
    let session = export_common::session(Lang::Zh);
    assert!(
        text.contains(&session.congress.title),
        "title missing from:\n{text}"
    );
    assert!(
        !text.contains('\u{fffd}'),
        "a glyph without a Unicode mapping:\n{text}"
    );
    assert!(text.contains("表决结果") || text.contains("议案"), "{text}");
    assert!(text.contains(&session.indicators[0].name));
    assert!(text.contains("建议公布网格员的联系电话"));
    // Page numbers on every page: "第 1 页 / 共 N 页".
    assert!(text.contains("第") && text.contains("页"));
}

#[test]
fn font_is_embedded_as_a_subset() {
    let bytes = pdf(Lang::Zh);
    // The whole face is 16 MB; a subset of the few hundred characters used is far smaller.
    assert!(bytes.len() < 2_000_000, "{} bytes", bytes.len());
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/FontFile3"), "no embedded CFF font program");
    // Subset fonts carry a six-letter tag: /BaseFont /ABCDEF+Name.
    let tagged = text.split("/BaseFont").skip(1).any(|rest| {
        let name = rest.trim_start().trim_start_matches('/');
        name.as_bytes().get(6) == Some(&b'+') && name[..6].bytes().all(|b| b.is_ascii_uppercase())
    });
    assert!(tagged, "font is not marked as a subset");
}

/// Where poppler is installed, its extractor must agree.
#[test]
fn pdftotext_returns_the_chinese_when_available() {
    let Ok(out) = std::process::Command::new("pdftotext").arg("-v").output() else {
        eprintln!("pdftotext not installed; the ToUnicode test above covers extraction");
        return;
    };
    let _ = out;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.pdf");
    std::fs::write(&path, pdf(Lang::Zh)).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&export_common::session(Lang::Zh).congress.title));
}
