//! Checking a journal's hash chain while it is read, without holding the file in memory.
//!
//! The bytes arrive in blocks of whole lines. Each line is first checked on its own (parse,
//! canonical form, seq, hash, header) — on worker threads for a large journal, a block per
//! job — while the reading thread links the results in order (`prev` is the hash before),
//! hands each good record to the caller and lets it go. Memory stays at a few blocks
//! whatever the journal's size, and the reasons and their order are those of a
//! line-by-line reader.

use std::collections::VecDeque;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::action::Action;
use super::chain_hash::ChainHash;
use super::file::JournalStatus;
use super::record::{GENESIS, Record};

/// Bytes read per block (a block grows to hold a longer line). Large enough that reading
/// a national journal is not dominated by per-block work, small enough that the blocks in
/// flight on every thread stay a small part of the window's memory.
const BLOCK: usize = 256 * 1024;

/// Below this many bytes one thread does it all: threads cost more than they save.
const PARALLEL_MIN_BYTES: u64 = 2 * BLOCK as u64;

/// The records found in a journal's bytes, and what was wrong, without any session check.
#[derive(Clone, Debug)]
pub struct Scan {
    pub records: Vec<Record>,
    pub status: JournalStatus,
    /// Bytes of the good prefix (the records kept).
    pub good_len: u64,
}

impl Scan {
    /// The last good record's hash: the chain's head.
    pub fn head(&self) -> ChainHash {
        self.records.last().map_or(GENESIS, |r| r.hash)
    }
}

/// Reads records and checks the chain: seq numbers, `prev` links and hashes.
pub fn scan(bytes: &[u8]) -> Scan {
    let mut records = Vec::new();
    let end = scan_with(bytes, bytes.len() as u64, |r, _| {
        records.push(r);
        Ok::<(), std::convert::Infallible>(())
    });
    let (status, good_len) = match end {
        Ok(end) => (end.status, end.good_len),
        // Reading a slice cannot fail, and the visitor above never stops the scan.
        Err(_) => (JournalStatus::Ok, 0),
    };
    Scan {
        records,
        status,
        good_len,
    }
}

/// Checks the chain of the file at `path` without keeping its records: memory stays at a
/// few blocks whatever the journal's size (a national journal is 52 MB).
pub fn verify_file(path: &std::path::Path) -> std::io::Result<ScanEnd> {
    let file = std::fs::File::open(path)?;
    let len = crate::storage::ensure_regular(&file)?.len();
    match scan_with(file, len, |_, _| Ok::<(), std::convert::Infallible>(())) {
        Ok(end) => Ok(end),
        Err(Halt::Io(e)) => Err(e),
        Err(Halt::Visitor(never)) => match never {},
    }
}

/// [`verify_file`], and whether the journal holds the record `code` names.
pub fn verify_file_holding(
    path: &std::path::Path,
    code: super::HeadCode,
) -> std::io::Result<(ScanEnd, bool)> {
    let file = std::fs::File::open(path)?;
    let len = crate::storage::ensure_regular(&file)?.len();
    let mut found = false;
    let end = scan_with(file, len, |r, _| {
        if r.seq == code.seq {
            found = code.names(r.seq, r.hash.short());
        }
        Ok::<(), std::convert::Infallible>(())
    });
    match end {
        Ok(end) => Ok((end, found)),
        Err(Halt::Io(e)) => Err(e),
        Err(Halt::Visitor(never)) => match never {},
    }
}

impl ScanEnd {
    /// The head's short code (None when there is no good record).
    pub fn head_code(&self) -> Option<super::HeadCode> {
        let seq = self.count.checked_sub(1)?;
        Some(super::HeadCode::of(seq, &self.head))
    }
}

/// Where a good record's line lies in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Line {
    pub start: u64,
    /// Just past its `\n`.
    pub end: u64,
}

/// How a scan ended.
#[derive(Clone, Debug)]
pub struct ScanEnd {
    pub status: JournalStatus,
    /// Bytes of the good prefix.
    pub good_len: u64,
    /// Good records handed to the visitor.
    pub count: u64,
    /// The last good record's hash ([`GENESIS`] if none).
    pub head: ChainHash,
}

/// Why a scan stopped before the end of the chain was decided.
#[derive(Debug)]
pub(super) enum Halt<E> {
    /// The visitor refused a record.
    Visitor(E),
    /// The bytes could not be read.
    Io(std::io::Error),
}

/// Scans `reader` (`len` bytes expected, which only decides whether threads are worth it),
/// handing each good record and its line to `visit`, in order.
pub(super) fn scan_with<E>(
    reader: impl Read,
    len: u64,
    visit: impl FnMut(Record, Line) -> Result<(), E>,
) -> Result<ScanEnd, Halt<E>> {
    let workers = if len < PARALLEL_MIN_BYTES {
        0
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8))
    };
    scan_blocks(reader, BLOCK, workers, visit)
}

/// A block of whole lines, the first numbered `first_seq`, starting at byte `offset`.
struct Block {
    bytes: Vec<u8>,
    /// How many lines (`\n`s) it holds.
    lines: usize,
    first_seq: u64,
    offset: u64,
}

/// Cuts a stream into [`Block`]s of whole lines; what follows the last `\n` is the tail.
struct Blocks<R> {
    reader: R,
    size: usize,
    carry: Vec<u8>,
    offset: u64,
    seq: u64,
    eof: bool,
}

impl<R: Read> Blocks<R> {
    fn next_block(&mut self) -> std::io::Result<Option<Block>> {
        loop {
            // A block's worth read, or the stream ended: cut after the last newline.
            if self.carry.len() >= self.size || self.eof {
                if let Some(nl) = memchr::memrchr(b'\n', &self.carry) {
                    let rest = self.carry[nl + 1..].to_vec();
                    let mut bytes = std::mem::replace(&mut self.carry, rest);
                    bytes.truncate(nl + 1);
                    let lines = memchr::memchr_iter(b'\n', &bytes).count();
                    let block = Block {
                        first_seq: self.seq,
                        offset: self.offset,
                        lines,
                        bytes,
                    };
                    self.seq += lines as u64;
                    self.offset += block.bytes.len() as u64;
                    return Ok(Some(block));
                }
                if self.eof {
                    return Ok(None);
                }
            }
            // Up to a block more (a line longer than a block makes the block grow).
            self.carry.reserve(self.size);
            let n = (&mut self.reader)
                .take(self.size as u64)
                .read_to_end(&mut self.carry)?;
            if n < self.size {
                self.eof = true;
            }
        }
    }

    /// Bytes after the last `\n` once the stream has ended.
    fn tail(&self) -> u64 {
        self.carry.len() as u64
    }
}

/// Why checking a block stopped before its end.
enum Stop {
    /// The line is refused before its `prev` link matters (parse, canonical form, seq).
    Early(String),
    /// The line is refused after its `prev` link (hash, header): a broken link, found in
    /// order later, is the reason to report if there is one.
    Late(Box<Record>, String),
}

/// A block's lines checked on their own: the good records, then why it stopped, if it did.
struct Checked {
    records: Vec<(Record, Line)>,
    stop: Option<Stop>,
}

/// Checks a block's lines until the first refused one.
fn check_block(block: &Block) -> Checked {
    // Sized once: growing it a line at a time would copy each block's records about twice over.
    let mut records = Vec::with_capacity(block.lines);
    let mut start = 0usize;
    for (k, nl) in memchr::memchr_iter(b'\n', &block.bytes).enumerate() {
        let seq = block.first_seq + k as u64;
        match check_line(&block.bytes[start..nl], seq) {
            Ok(r) => records.push((
                r,
                Line {
                    start: block.offset + start as u64,
                    end: block.offset + nl as u64 + 1,
                },
            )),
            Err(stop) => {
                return Checked {
                    records,
                    stop: Some(stop),
                };
            }
        }
        start = nl + 1;
    }
    Checked {
        records,
        stop: None,
    }
}

/// Everything about one line that does not depend on the line before it.
fn check_line(line: &[u8], seq: u64) -> Result<Record, Stop> {
    let (r, hash_ok) = Record::parse_checked(line).map_err(Stop::Early)?;
    if r.seq != seq {
        return Err(Stop::Early(format!(
            "seq {} where {seq} was expected",
            r.seq
        )));
    }
    if !hash_ok {
        return Err(Stop::Late(
            Box::new(r),
            "hash does not match the record's content".to_string(),
        ));
    }
    if (seq == 0) != matches!(r.action, Action::Begin { .. }) {
        return Err(Stop::Late(
            Box::new(r),
            "the header must be record 0, and only record 0".to_string(),
        ));
    }
    Ok(r)
}

/// The one check that needs the line before: `prev` is its hash.
fn check_link(r: &Record, head: ChainHash) -> Result<(), String> {
    if r.prev != head {
        return Err("prev does not match the previous record's hash".to_string());
    }
    Ok(())
}

/// The in-order half of a scan: links checked records and hands them on, a whole batch at a
/// time (see `more` in [`super::record`]): a batch the file ends inside was torn mid-write
/// and is held back with the torn tail.
struct Linker<F> {
    visit: F,
    /// Hash of the last checked record (held back or not): what the next `prev` must be.
    link: ChainHash,
    /// Hash of the last record handed on.
    head: ChainHash,
    count: u64,
    good_len: u64,
    /// The records of a batch not yet complete.
    batch: Vec<(Record, Line)>,
    status: Option<JournalStatus>,
}

impl<F> Linker<F> {
    fn damaged(&mut self, reason: String) {
        self.status = Some(JournalStatus::Damaged {
            record: self.count + self.batch.len() as u64,
            reason,
        });
    }

    /// Bytes of the records held back in an incomplete batch.
    fn held_back(&self) -> u64 {
        self.batch
            .first()
            .zip(self.batch.last())
            .map_or(0, |((_, first), (_, last))| last.end - first.start)
    }

    /// Hands on a record of a complete batch.
    fn hand_on<E>(&mut self, r: Record, line: Line) -> Result<(), E>
    where
        F: FnMut(Record, Line) -> Result<(), E>,
    {
        self.head = r.hash;
        self.count += 1;
        self.good_len = line.end;
        (self.visit)(r, line)
    }

    /// Takes one checked block; false once the chain has ended (damage found).
    fn take<E>(&mut self, checked: Checked) -> Result<bool, E>
    where
        F: FnMut(Record, Line) -> Result<(), E>,
    {
        for (r, line) in checked.records {
            if let Err(reason) = check_link(&r, self.link) {
                self.damaged(reason);
                return Ok(false);
            }
            if let Some((last, _)) = self.batch.last()
                && r.more.checked_add(1) != Some(last.more)
            {
                self.damaged(format!(
                    "batch broken: {} more record(s) announced, this one says {}",
                    last.more, r.more
                ));
                return Ok(false);
            }
            self.link = r.hash;
            if r.more == 0 && self.batch.is_empty() {
                // A batch of one, nearly every record: handed on without being held.
                self.hand_on(r, line)?;
            } else {
                let more = r.more;
                self.batch.push((r, line));
                if more == 0 {
                    let batch = std::mem::take(&mut self.batch);
                    for (r, line) in batch {
                        self.hand_on(r, line)?;
                    }
                }
            }
        }
        match checked.stop {
            None => Ok(true),
            Some(Stop::Early(reason)) => {
                self.damaged(reason);
                Ok(false)
            }
            Some(Stop::Late(r, reason)) => {
                let reason = check_link(&r, self.link).err().unwrap_or(reason);
                self.damaged(reason);
                Ok(false)
            }
        }
    }
}

/// [`scan_with`] with the block size and the number of worker threads given (0: none).
fn scan_blocks<E>(
    reader: impl Read,
    size: usize,
    workers: usize,
    visit: impl FnMut(Record, Line) -> Result<(), E>,
) -> Result<ScanEnd, Halt<E>> {
    let mut blocks = Blocks {
        reader,
        size: size.max(1),
        carry: Vec::new(),
        offset: 0,
        seq: 0,
        eof: false,
    };
    let mut linker = Linker {
        visit,
        link: GENESIS,
        head: GENESIS,
        count: 0,
        good_len: 0,
        batch: Vec::new(),
        status: None,
    };
    if workers == 0 {
        while let Some(block) = blocks.next_block().map_err(Halt::Io)? {
            if !linker.take(check_block(&block)).map_err(Halt::Visitor)? {
                break;
            }
        }
    } else {
        in_parallel(&mut blocks, &mut linker, workers)?;
    }
    let status = match linker.status {
        Some(s) => s,
        // No newline after the last line, or the file ends inside a batch: written only in
        // part. A batch is reported written only after all of it is on disk, so nothing
        // reported is lost.
        None if blocks.tail() > 0 || !linker.batch.is_empty() => JournalStatus::TornTailCut {
            bytes: blocks.tail() + linker.held_back(),
        },
        None => JournalStatus::Ok,
    };
    Ok(ScanEnd {
        status,
        good_len: linker.good_len,
        count: linker.count,
        head: linker.head,
    })
}

/// Checks blocks on `workers` threads, two jobs in flight per thread, and links the results
/// in the order the blocks were read.
fn in_parallel<R: Read, F, E>(
    blocks: &mut Blocks<R>,
    linker: &mut Linker<F>,
    workers: usize,
) -> Result<(), Halt<E>>
where
    F: FnMut(Record, Line) -> Result<(), E>,
{
    const IN_FLIGHT: usize = 2;
    std::thread::scope(|scope| {
        let mut jobs: Vec<SyncSender<Block>> = Vec::with_capacity(workers);
        let mut results: Vec<Receiver<Checked>> = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (job_tx, job_rx) = sync_channel::<Block>(IN_FLIGHT);
            let (res_tx, res_rx) = sync_channel::<Checked>(IN_FLIGHT);
            scope.spawn(move || {
                for block in job_rx {
                    // The reader has stopped listening (damage found): nothing more to do.
                    if res_tx.send(check_block(&block)).is_err() {
                        break;
                    }
                }
            });
            jobs.push(job_tx);
            results.push(res_rx);
        }
        // Which worker has each block in flight, oldest first.
        let mut pending: VecDeque<usize> = VecDeque::new();
        let mut next = 0usize;
        let mut reading = true;
        let outcome = loop {
            while reading && pending.len() < workers * IN_FLIGHT {
                match blocks.next_block() {
                    Ok(Some(block)) => {
                        // A worker that is gone (it panicked) shows up as a closed result
                        // channel below.
                        let _ = jobs[next].send(block);
                        pending.push_back(next);
                        next = (next + 1) % workers;
                    }
                    Ok(None) => reading = false,
                    Err(e) => return Err(Halt::Io(e)),
                }
            }
            let Some(w) = pending.pop_front() else {
                break Ok(());
            };
            let checked = results[w].recv().unwrap_or_else(|_| Checked {
                // Checking a line does not panic; were it to, nothing from here on is trusted.
                records: Vec::new(),
                stop: Some(Stop::Early("could not be checked".to_string())),
            });
            match linker.take(checked) {
                Ok(true) => {}
                Ok(false) => break Ok(()),
                Err(e) => break Err(Halt::Visitor(e)),
            }
        };
        // Closing the channels ends the workers, whatever they were doing.
        drop(jobs);
        drop(results);
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::file::FORMAT;
    use crate::journal::record::now;
    use crate::journal::{Choice, Mark};

    /// A chained journal of `n` records: header, attendance, then votes and undos.
    fn journal(n: u64) -> Vec<u8> {
        let mut out: Vec<Record> = Vec::new();
        for seq in 0..n {
            let action = match seq {
                0 => Action::Begin {
                    session: "s".into(),
                    fingerprint: "f".into(),
                    format: FORMAT,
                },
                1 => Action::Attendance {
                    mark: Mark::Present,
                    delegates: vec!["d1".into()],
                },
                _ if seq % 5 == 0 => Action::Undo {
                    seq: seq - 1,
                    record: out[seq as usize - 1].id(),
                },
                _ => Action::Vote {
                    motion: "m\"1\"".into(),
                    delegate: format!("代表{seq}").into(),
                    choice: Choice::Yes,
                },
            };
            let prev = out.last().map_or(GENESIS, |r| r.hash);
            out.push(Record::new(seq, now(), "秘书", action, prev));
        }
        out.iter()
            .flat_map(|r| (r.to_line() + "\n").into_bytes())
            .collect()
    }

    /// A scan in blocks of `size` bytes on `workers` threads (0: on this one).
    fn scan_in(bytes: &[u8], size: usize, workers: usize) -> Scan {
        let mut records = Vec::new();
        let mut lines = Vec::new();
        let end = scan_blocks(bytes, size, workers, |r, line| {
            records.push(r);
            lines.push(line);
            Ok::<(), ()>(())
        })
        .unwrap();
        // Every line is where the bytes say it is.
        for (r, line) in records.iter().zip(&lines) {
            let text = &bytes[line.start as usize..line.end as usize - 1];
            assert_eq!(
                text,
                r.to_line().as_bytes(),
                "{size} bytes, {workers} threads"
            );
        }
        assert_eq!(end.count as usize, records.len());
        assert_eq!(end.head, records.last().map_or(GENESIS, |r| r.hash));
        Scan {
            records,
            status: end.status,
            good_len: end.good_len,
        }
    }

    /// One line at a time on one thread: the reference.
    fn one(bytes: &[u8]) -> Scan {
        scan_in(bytes, 1, 0)
    }

    /// Block sizes that cut lines anywhere, on 0–3 worker threads.
    const SPLITS: [(usize, usize); 6] = [(7, 0), (300, 0), (1, 2), (64, 2), (500, 3), (1 << 20, 1)];

    fn same(a: &Scan, b: &Scan, what: &str) {
        assert_eq!(a.status, b.status, "{what}");
        assert_eq!(a.records, b.records, "{what}");
        assert_eq!(a.good_len, b.good_len, "{what}");
    }

    /// Checking blocks of any size, on several threads, finds the same records and the same
    /// first damage, with the same reason, as checking line after line.
    #[test]
    fn blocks_on_several_threads_agree_with_one_line_at_a_time() {
        let good = journal(40);
        let reference = one(&good);
        assert_eq!(reference.status, JournalStatus::Ok);
        assert_eq!(reference.records.len(), 40);
        assert_eq!(reference.good_len, good.len() as u64);
        for (size, workers) in SPLITS {
            same(&reference, &scan_in(&good, size, workers), "intact");
        }
        same(&reference, &scan(&good), "scan");
        let starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', &good).map(|i| i + 1))
            .collect();
        // What was changed, the bytes, and the damage a line-by-line reader reports first
        // (None: a torn tail).
        type Case = (String, Vec<u8>, Option<(usize, &'static str)>);
        let mut cases: Vec<Case> = Vec::new();
        for (k, &at) in starts.iter().enumerate().take(40) {
            let field = |name: &str| {
                let line_end = starts[k + 1];
                let from = at
                    + good[at..line_end]
                        .windows(name.len())
                        .position(|w| w == name.as_bytes())
                        .unwrap();
                from + name.len() + 2
            };
            // A changed hash character, a changed prev character, a changed seq digit, a
            // torn tail after this line, a line that does not parse.
            for (what, pos, reason) in [
                ("hash", field("\"hash\":"), "hash does not match"),
                ("prev", field("\"prev\":"), "prev does not match"),
            ] {
                let mut b = good.clone();
                b[pos] = if b[pos] == b'a' { b'b' } else { b'a' };
                cases.push((format!("{what} of line {k}"), b, Some((k, reason))));
            }
            let mut b = good.clone();
            b[at + 7] = if b[at + 7] == b'9' { b'8' } else { b'9' };
            cases.push((format!("seq of line {k}"), b, Some((k, "seq "))));
            let mut b = good[..starts[k + 1]].to_vec();
            b.extend_from_slice(b"{\"seq\":");
            cases.push((format!("torn after line {k}"), b, None));
            let mut b = good.clone();
            b[at] = b'x';
            cases.push((format!("garbage at line {k}"), b, Some((k, ""))));
        }
        // Two damages: the first one is reported.
        let mut b = good.clone();
        b[starts[30] + 7] = b'9';
        b[starts[5]] = b'x';
        cases.push(("two damages".into(), b, Some((5, ""))));
        for (what, b, want) in &cases {
            let one = one(b);
            match (&one.status, want) {
                (JournalStatus::Damaged { record, reason }, Some((at, why))) => {
                    assert_eq!(*record as usize, *at, "{what}");
                    assert!(reason.starts_with(why), "{what}: {reason}");
                }
                (JournalStatus::TornTailCut { .. }, None) => {}
                (status, _) => panic!("{what}: {status:?}"),
            }
            for (size, workers) in SPLITS {
                same(&one, &scan_in(b, size, workers), what);
            }
        }
    }
}
