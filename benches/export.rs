//! Exporting the national summary (session, the 178,776-record journal with 60 roll calls,
//! 5,000 notes) to each format, in memory.
//!
//! Budgets (BENCHMARKS.md): md and html ≤ 100 ms, csv ≤ 50 ms, pdf ≤ 3 s. The summary data
//! is built once, as the window does before rendering; building it is measured separately.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_desk::export::{self, Format, Options, SummaryData};
use delegate_desk::i18n::Lang;

mod common;

fn export(c: &mut Criterion) {
    let fx = common::national();
    let session = &fx.session;
    let lang = Lang::Zh;
    let tally = delegate_desk::journal::Tally::replay(session, &fx.records).expect("replays");
    let head = fx
        .records
        .last()
        .map(|r| r.hash.to_hex())
        .unwrap_or_default();
    let data = SummaryData::from_session(session, lang)
        .with_tally(session, &tally, &head, lang)
        .with_notes(session, &fx.notes, lang);
    let opts = Options {
        lang,
        ..Options::default()
    };

    let mut g = c.benchmark_group("export");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("national/summary data (session + tally + notes)", |b| {
        b.iter(|| {
            SummaryData::from_session(black_box(session), lang)
                .with_tally(session, &tally, &head, lang)
                .with_notes(session, &fx.notes, lang)
        })
    });
    for format in [Format::Md, Format::Html, Format::Csv, Format::Xlsx] {
        g.bench_function(format!("national/{}", format.extension()), |b| {
            b.iter(|| export::render(black_box(&data), format, &opts).expect("renders"))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("export");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("national/pdf", |b| {
        b.iter(|| export::render(black_box(&data), Format::Pdf, &opts).expect("renders"))
    });
    g.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
