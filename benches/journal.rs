//! The vote journal at national scale: open + verify the hash chain + replay the tally
//! (≈180,000 records, an election's 2,977 ballots among them), and the tally update after
//! one recorded vote or one ballot.
//!
//! Budgets (BENCHMARKS.md): replay and verify ≤ 150 ms; one vote's update ≤ 50 µs
//! (excluding the fsync of the append).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use delegate_desk::journal::{self, Action, ChainHash, Choice, Record, Recorder, Tally};

mod common;

fn journal(c: &mut Criterion) {
    let fx = common::national();
    let session = &fx.session;

    let mut g = c.benchmark_group("journal");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("national/open_read_only (read+verify+replay)", |b| {
        b.iter(|| Recorder::open_read_only(black_box(&fx.journal_path), session).expect("opens"))
    });
    g.bench_function("national/scan (verify chain only)", |b| {
        b.iter(|| journal::scan(black_box(&fx.journal_bytes)))
    });
    g.bench_function("national/replay (tally only)", |b| {
        b.iter(|| Tally::replay(session, black_box(&fx.records)).expect("replays"))
    });
    g.finish();

    // One more vote on an open motion, with everyone present and the whole journal but the
    // last motion's close already applied: the state the window is in during a roll call.
    let upto = fx.records.len() - 1; // everything but the final Close
    let base = Tally::replay(session, &fx.records[..upto]).expect("replays");
    let last = &fx.records[upto - 1];
    let motion = last.action.motion().expect("a vote").to_string();
    let delegates: Vec<String> = session.roster.iter().map(|d| d.id.clone()).collect();
    let make = |i: u64, prev: ChainHash| {
        let choice = [Choice::Yes, Choice::No, Choice::Abstain][(i % 3) as usize];
        Record::new(
            upto as u64 + i,
            "2024-03-05T12:00:00.000Z".to_string(),
            "秘书处".to_string(),
            Action::Vote {
                motion: motion.as_str().into(),
                delegate: delegates[(i as usize * 7919) % delegates.len()]
                    .as_str()
                    .into(),
                choice,
            },
            prev,
        )
    };

    let mut g = c.benchmark_group("journal");
    g.measurement_time(Duration::from_secs(5));
    // The tally update alone: the record is already built and hashed.
    g.bench_function("national/tally.apply (one vote)", |b| {
        b.iter_custom(|iters| {
            let mut t = base.clone();
            let recs: Vec<Record> = (0..iters).map(|i| make(i, last.hash)).collect();
            let start = Instant::now();
            for r in &recs {
                t.apply(black_box(r)).expect("valid vote");
            }
            start.elapsed()
        })
    });
    // Everything a recorded vote costs but the file write: build and hash the record,
    // check it, apply it.
    g.bench_function("national/record (hash+validate+apply, no fsync)", |b| {
        b.iter_custom(|iters| {
            let mut t = base.clone();
            let start = Instant::now();
            for i in 0..iters {
                let r = make(i, last.hash);
                t.validate(&r.action).expect("valid");
                t.apply(black_box(&r)).expect("valid vote");
            }
            start.elapsed()
        })
    });
    g.finish();

    election(c, &fx);
}

/// The national election's count (190 candidates, 175 seats, 2,977 ballots one by one, in
/// the journal replayed above): the tally's update after one ballot, alone and with the
/// election's report the window draws from (running totals, the count of Art. 25/29).
/// Budget ≤ 50 µs.
fn election(c: &mut Criterion, fx: &common::Fixture) {
    let session = &fx.session;
    let first = fx
        .records
        .iter()
        .position(|r| matches!(r.action, Action::ElectionBallot { .. }))
        .expect("the national preset has an election");
    let ballots: Vec<&Record> = fx.records[first..]
        .iter()
        .take_while(|r| matches!(r.action, Action::ElectionBallot { .. }))
        .collect();
    let base = Tally::replay(session, &fx.records[..first]).expect("replays");
    let id = ballots[0]
        .action
        .election()
        .expect("an election")
        .to_string();
    // Ballots are applied in runs from the round's start; a run ends when every returned
    // ballot is counted, and the next starts from a fresh copy, untimed.
    let run = |iters: u64, with_report: bool| {
        let mut total = Duration::ZERO;
        let mut left = iters as usize;
        while left > 0 {
            let mut t = base.clone();
            let n = left.min(ballots.len());
            let start = Instant::now();
            for r in &ballots[..n] {
                t.apply(black_box(r)).expect("valid ballot");
                if with_report {
                    let e = t.election(&id).expect("election");
                    black_box(journal::ElectionReport::new(e, t.seated()));
                }
            }
            total += start.elapsed();
            left -= n;
        }
        total
    };
    let mut g = c.benchmark_group("journal");
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("national/election tally.apply (one ballot)", |b| {
        b.iter_custom(|iters| run(iters, false))
    });
    g.bench_function("national/election tally.apply + report (one ballot)", |b| {
        b.iter_custom(|iters| run(iters, true))
    });
    g.finish();
}

criterion_group!(benches, journal);
criterion_main!(benches);
