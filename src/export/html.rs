//! HTML: one self-contained file. Inline CSS with a Chinese font stack and an A4 print
//! stylesheet (each part on a new page), charts as inline SVG drawn from the data, and no
//! external request of any kind (no fonts, scripts or images from elsewhere).

use std::fmt::Write;

use super::doc::{Block, Chart, Doc};
use super::markdown::numeric_column;
use super::tables::{CellRef, Table, fmt_yoy};

const CSS: &str = r#"
:root { --ink: #1d2327; --muted: #5f6b73; --rule: #d5dbe0; --band: #f3f5f7; --accent: #a4161a; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif;
  font-size: 15px; line-height: 1.65; color: var(--ink); background: #fff;
}
h1 { font-size: 1.9rem; line-height: 1.3; margin: 0 0 .4rem; color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .5rem; }
.cover { padding: 1.5rem 0 1rem; border-bottom: 1px solid var(--rule); }
.cover .subtitle { font-size: 1.2rem; margin: 0 0 .8rem; color: var(--muted); letter-spacing: .1em; }
.cover p { margin: .15rem 0; }
.cover .stamp { color: var(--muted); font-size: .9rem; margin-top: .8rem; }
nav.toc ol { margin: 1rem 0 0; padding-left: 1.4rem; columns: 2; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; }
.table-wrap { overflow-x: auto; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { color: var(--muted); text-align: center; }
pre.hash { background: var(--band); padding: .6rem .8rem; border-radius: 4px; overflow-x: auto;
  font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace; font-size: .85rem; }
figure.chart { margin: .5rem 0 1.2rem; }
figure.chart figcaption { font-weight: 600; margin: 0 0 .4rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart text { font-family: inherit; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .cover { border: none; min-height: 60vh; break-after: page; }
  nav.toc ol { columns: 1; }
  section.part { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, figure.chart { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Renders the whole page.
pub fn render(doc: &Doc) -> String {
    let mut o = String::with_capacity(128 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        doc.lang.code(),
        esc(&doc.title),
        esc(&doc.subtitle)
    );
    o.push_str("<header class=\"cover\">\n");
    let _ = writeln!(o, "<h1>{}</h1>", esc(&doc.title));
    let _ = writeln!(o, "<p class=\"subtitle\">{}</p>", esc(&doc.subtitle));
    for line in &doc.cover {
        let _ = writeln!(o, "<p>{}</p>", esc(line));
    }
    if let Some(stamp) = &doc.stamp {
        let _ = writeln!(o, "<p class=\"stamp\">{}</p>", esc(stamp));
    }
    o.push_str("<nav class=\"toc\"><ol>\n");
    for part in &doc.parts {
        let _ = writeln!(
            o,
            "<li><a href=\"#{}\">{}</a></li>",
            part.id,
            esc(&part.title)
        );
    }
    o.push_str("</ol></nav>\n</header>\n");
    for part in &doc.parts {
        let _ = writeln!(
            o,
            "<section class=\"part\" id=\"{}\">\n<h2>{}</h2>",
            part.id,
            esc(&part.title)
        );
        for block in &part.blocks {
            block_html(&mut o, block);
        }
        o.push_str("</section>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

fn block_html(o: &mut String, block: &Block) {
    match block {
        Block::Heading(h) => {
            let _ = writeln!(o, "<h3>{}</h3>", esc(h));
        }
        Block::Para(p) => {
            let _ = writeln!(o, "<p>{}</p>", esc(p));
        }
        Block::Fields(fields) => {
            o.push_str("<dl class=\"fields\">\n");
            for (k, v) in fields {
                let _ = writeln!(o, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
            }
            o.push_str("</dl>\n");
        }
        Block::Bullets(items) => {
            o.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(o, "<li>{}</li>", esc(item));
            }
            o.push_str("</ul>\n");
        }
        Block::Code(code) => {
            let _ = writeln!(o, "<pre class=\"hash\"><code>{}</code></pre>", esc(code));
        }
        Block::Table(t) => table_html(o, t),
        Block::Chart(c) => chart_svg(o, c),
    }
}

fn table_html(o: &mut String, t: &Table<'_>) {
    let numeric: Vec<bool> = (0..t.headers.len()).map(|c| numeric_column(t, c)).collect();
    o.push_str("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for (h, num) in t.headers.iter().zip(&numeric) {
        if *num {
            let _ = write!(o, "<th class=\"num\">{}</th>", esc(h));
        } else {
            let _ = write!(o, "<th>{}</th>", esc(h));
        }
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for row in t.rows.iter() {
        o.push_str("<tr>");
        for (i, cell) in row.cells().enumerate() {
            match cell {
                CellRef::Empty => o.push_str("<td class=\"empty\">—</td>"),
                c => {
                    o.push_str(if numeric.get(i).copied().unwrap_or(false) {
                        "<td class=\"num\">"
                    } else {
                        "<td>"
                    });
                    push_esc(o, &c.as_text());
                    o.push_str("</td>");
                }
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table></div>\n");
}

const YES: &str = "#2e7d32";
const NO: &str = "#c62828";
const ABSTAIN: &str = "#9e9e9e";
const UP: &str = "#1565c0";
const DOWN: &str = "#ef6c00";

/// Horizontal bars, one labelled row each: the label above, the bar below, so long Chinese
/// titles never collide with the bars.
fn chart_svg(o: &mut String, chart: &Chart) {
    const W: f64 = 640.0;
    const ROW: f64 = 40.0;
    match chart {
        Chart::Votes {
            title,
            legend,
            rows,
        } => {
            let max = rows
                .iter()
                .map(|(_, y, n, a, req)| (y + n + a).max(req.unwrap_or(0)))
                .max()
                .unwrap_or(0)
                .max(1);
            let scale = (W - 120.0) / f64::from(max);
            let h = 28.0 + ROW * rows.len() as f64;
            let _ = write!(
                o,
                "<figure class=\"chart\"><figcaption>{}</figcaption>\
                 <svg xmlns=\"http://www.w3.org/2000/svg\" \
                 viewBox=\"0 0 {W} {h}\" role=\"img\" font-size=\"12\">",
                esc(title)
            );
            for (i, (label, color)) in legend.iter().zip([YES, NO, ABSTAIN]).enumerate() {
                let x = i as f64 * 110.0;
                let _ = write!(
                    o,
                    "<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{color}\"/>\
                     <text x=\"{}\" y=\"14\">{}</text>",
                    x + 16.0,
                    esc(label)
                );
            }
            for (i, (title, yes, no, abstain, required)) in rows.iter().enumerate() {
                let top = 28.0 + ROW * i as f64;
                let _ = write!(
                    o,
                    "<text x=\"0\" y=\"{:.1}\">{}</text>",
                    top + 12.0,
                    esc(title)
                );
                let mut x = 0.0;
                for (n, color) in [(yes, YES), (no, NO), (abstain, ABSTAIN)] {
                    let w = f64::from(*n) * scale;
                    if w > 0.0 {
                        let _ = write!(
                            o,
                            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"14\" fill=\"{color}\"/>",
                            top + 17.0
                        );
                    }
                    x += w;
                }
                let _ = write!(
                    o,
                    "<text x=\"{:.1}\" y=\"{:.1}\">{yes} / {no} / {abstain}</text>",
                    x + 6.0,
                    top + 28.5
                );
                if let Some(req) = required {
                    let rx = f64::from(*req) * scale;
                    let _ = write!(
                        o,
                        "<line x1=\"{rx:.1}\" x2=\"{rx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" \
                         stroke=\"#1d2327\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>",
                        top + 14.0,
                        top + 34.0
                    );
                }
            }
            o.push_str("</svg></figure>\n");
        }
        Chart::Yoy { title, rows } => {
            let max = rows
                .iter()
                .map(|(_, v)| v.abs())
                .fold(0.0_f64, f64::max)
                .max(1e-9);
            // The zero line sits where the signs need it: left when all rise, right when
            // all fall, in the middle otherwise.
            let neg = rows.iter().any(|(_, v)| *v < 0.0);
            let pos = rows.iter().any(|(_, v)| *v > 0.0);
            let (zero, span) = match (neg, pos) {
                (true, true) => (W / 2.0, W / 2.0 - 70.0),
                (true, false) => (W - 10.0, W - 80.0),
                _ => (10.0, W - 80.0),
            };
            let scale = span / max;
            let h = ROW * rows.len() as f64 + 4.0;
            let _ = write!(
                o,
                "<figure class=\"chart\"><figcaption>{}</figcaption>\
                 <svg xmlns=\"http://www.w3.org/2000/svg\" \
                 viewBox=\"0 0 {W} {h}\" role=\"img\" font-size=\"12\">\
                 <line x1=\"{zero}\" x2=\"{zero}\" y1=\"0\" y2=\"{h}\" stroke=\"#5f6b73\" stroke-width=\"1\"/>",
                esc(title)
            );
            for (i, (name, v)) in rows.iter().enumerate() {
                let top = ROW * i as f64;
                let w = v.abs() * scale;
                let (x, color, tx, anchor) = if *v >= 0.0 {
                    (zero, UP, zero + w + 4.0, "start")
                } else {
                    (zero - w, DOWN, zero - w - 4.0, "end")
                };
                let _ = write!(
                    o,
                    "<text x=\"0\" y=\"{:.1}\">{}</text>\
                     <rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"14\" fill=\"{color}\"/>\
                     <text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                    top + 12.0,
                    esc(name),
                    top + 17.0,
                    top + 28.5,
                    esc(&fmt_yoy(*v))
                );
            }
            o.push_str("</svg></figure>\n");
        }
    }
}

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_esc(&mut out, s);
    out
}

/// [`esc`], appending to `out`.
fn push_esc(out: &mut String, s: &str) {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}
