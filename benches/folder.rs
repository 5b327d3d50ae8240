//! A national sitting recorded by its 35 delegations' secretaries, each into its own journal
//! in a shared folder: reading, verifying and folding them all into one tally.
//!
//! Budget (BENCHMARKS.md): folding the 35 journals (178,776 records in all) ≤ 200 ms.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_desk::journal::{
    Action, Journal, JournalError, Record, fold, list_folder, read_folder, write_new,
};

mod common;

fn folder(c: &mut Criterion) {
    let fx = common::national();
    let session = &fx.session;
    // Each record goes to the journal of the delegation it is about: attendance by
    // delegation, a vote by its delegate's delegation; opening and closing motions to the
    // first delegation's secretary (who chairs the count). Times stay as generated.
    let group_of: HashMap<&str, &str> = session
        .roster
        .iter()
        .map(|d| (d.id.as_str(), d.group.as_deref().unwrap_or("none")))
        .collect();
    let first = session.roster[0].group.as_deref().unwrap_or("none");
    let mut by_group: HashMap<String, Vec<Record>> = HashMap::new();
    for r in fx.records.iter().skip(1) {
        let group = match &r.action {
            Action::Attendance { delegates, .. } => group_of[delegates[0].as_str()],
            Action::Vote { delegate, .. } => group_of[delegate.as_str()],
            _ => first,
        };
        let mut r = r.clone();
        r.secretary = format!("{group}秘书").into();
        by_group.entry(group.to_string()).or_default().push(r);
    }
    let dir = fx.dir.path().join("sitting");
    let mut total = 0;
    for (group, records) in &by_group {
        total += records.len();
        let path = dir.join(format!("votes-{group}秘书-laptop-0000.jsonl"));
        write_new(&path, session, &format!("{group}秘书"), records).expect("writes");
    }
    let folded = read_folder(&dir, session).expect("reads");
    assert_eq!(folded.journals.len(), by_group.len());
    assert_eq!(folded.records.len(), total);
    assert!(folded.is_clean());
    eprintln!(
        "folder: {} delegation journals, {} records (headers aside)",
        by_group.len(),
        total
    );

    let mut g = c.benchmark_group("folder");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("national/35 journals read+verify+fold", |b| {
        b.iter(|| read_folder(black_box(&dir), session).expect("reads"))
    });
    // The two halves, to see where the time goes: each file read and verified (one after
    // another here), and the fold of records already read.
    let paths: Vec<_> = list_folder(&dir).expect("lists").journals;
    let read_one = |path: &std::path::Path| {
        let mut records = Vec::new();
        Journal::open_read_only_with(path, session, |r| {
            records.push(r);
            Ok::<(), JournalError>(())
        })
        .expect("reads");
        records
    };
    g.bench_function("national/35 journals read+verify, one by one", |b| {
        b.iter(|| {
            for (_, p) in &paths {
                black_box(read_one(p));
            }
        })
    });
    let sources: Vec<Vec<Record>> = paths.iter().map(|(_, p)| read_one(p)).collect();
    g.bench_function("national/fold of 35 journals' records", |b| {
        b.iter_batched(
            || sources.clone(),
            |s| fold(session, s),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, folder);
criterion_main!(benches);
