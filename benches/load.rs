//! Loading: the national session (parse + validate) against a bare `ron::from_str` of the
//! same text, and the bundled Jiujiang session.
//!
//! Budgets (BENCHMARKS.md): national load+validate ≤ 60 ms and ≤ 1.3× bare parse;
//! Jiujiang load ≤ 5 ms.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_desk::i18n::Lang;
use delegate_desk::model::{self, Session};

mod common;

fn load(c: &mut Criterion) {
    let fx = common::national();
    let text = fx.session_text.as_str();
    let mut g = c.benchmark_group("load");
    g.sample_size(20).measurement_time(Duration::from_secs(6));
    g.bench_function("national/load_str (parse+validate)", |b| {
        b.iter(|| model::load_str("national.ron", black_box(text), Lang::Zh).expect("valid"))
    });
    g.bench_function("national/ron::from_str (bare parse)", |b| {
        b.iter(|| {
            ron::Options::default()
                .from_str::<Session>(black_box(text))
                .expect("parses")
        })
    });
    g.bench_function("national/load_path (read+parse+validate)", |b| {
        b.iter(|| model::load_path(black_box(&fx.session_path), Lang::Zh).expect("valid"))
    });
    g.finish();

    let mut g = c.benchmark_group("load");
    g.bench_function("jiujiang/load_bundled", |b| {
        b.iter(|| model::load_bundled(black_box(Lang::Zh)).expect("valid"))
    });
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
