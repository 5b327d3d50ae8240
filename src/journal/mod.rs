//! The secretaries' vote journal and the tally recomputed from it. No UI here.
//!
//! - [`Action`]: what a secretary records (attendance, open, vote, counts, close, reopen,
//!   undo); [`Record`]: one journal line, hash-chained to the one before.
//! - [`Journal`]: the file (JSON Lines, fsynced appends, torn tails cut, damage reported),
//!   kept as an index of where each record lies, records read back on demand;
//!   [`scan`] checks a file's chain without a session (`delegate-desk verify`), block by
//!   block on every core, without holding the file in memory.
//! - [`Tally`]: attendance, quorum and each motion's counts and verdict, replayed from the
//!   records and updated one record at a time; [`Tally::validate`] is the one check used by
//!   the window and the command line.
//! - [`Recorder`]: secretary mode, a journal and its tally kept in step.
//! - [`merge`]: importing another secretary's journal, with conflicts listed for a decision.
//! - [`read_folder`]: a sitting's folder shared by a sync engine, one journal per writer
//!   ([`writer_file_name`]), folded into one tally; disagreements and sync engines'
//!   conflict copies listed, never dropped ([`adopt`] recovers a copy's records).
//! - [`JournalWatcher`]: tells a read-only viewer that the file changed.
//! - [`TallyReport`]: the tally as plain data (the `tally --json` shape).
//! - [`HeadCode`]: a head's short readable code (`#117-23fb592c`), and [`Witness`]: the last
//!   head a window showed, to notice a journal cut short or written anew.
//!
//! A typical window:
//! ```no_run
//! # use delegate_desk::journal::*;
//! # fn demo(session: &delegate_desk::model::Session) -> Result<(), Box<dyn std::error::Error>> {
//! let path = default_path(session);
//! let mut rec = Recorder::open_for_writing(&path, session, "李秘书")?;
//! rec.record("李秘书", Action::Open { motion: "m1".into() })?; // on disk when Ok
//! let att = rec.tally().attendance();
//! # let _ = att; Ok(()) }
//! ```

mod action;
mod canonical_line;
mod chain_hash;
mod election_tally;
mod error;
mod file;
mod fingerprint;
mod folder;
mod folder_warnings;
mod head_code;
mod labels;
mod merge;
mod record;
mod recorder;
mod report;
mod scan;
mod secretary;
mod tally;
mod watch;
mod witness;

pub use action::{Action, Choice, Counts, Mark};
pub use chain_hash::ChainHash;
pub use election_tally::{ElectionTally, Marks, RoundTally};
pub use error::ActionError;
pub use file::{
    FORMAT, Journal, JournalError, JournalStatus, Mismatch, default_path, default_path_in,
    write_new,
};
pub use fingerprint::{fingerprint, fingerprint_v1};
pub use folder::{
    AdoptError, ConflictCopy, Disagreement, Folded, FolderJournal, FolderTally, Refused,
    Unreadable, adopt, conflict_copy_original, fold, host_name, list_folder, machine_id,
    own_journal_in, read_folder, writer_file_name,
};
pub use folder_warnings::Warnings;
pub use head_code::{BadHeadCode, HeadCode};
pub use merge::{Conflict, ConflictKey, MergeError, MergeResult, Side, merge};
pub use record::{GENESIS, Record, now};
pub use recorder::{OpenError, Planned, RecordError, Recorder, check_steps};
pub use report::{CandidateReport, ElectionReport, MotionReport, RoundReport, TallyReport};
pub use scan::{Scan, ScanEnd, scan, verify_file, verify_file_holding};
pub use secretary::{MAX_SECRETARY_CHARS, SecretaryError, check_secretary};
pub use tally::{
    Attendance, MotionResult, MotionState, MotionTally, ReplayError, Tally, Verdict, validate,
};
pub use watch::JournalWatcher;
pub use witness::{Witness, Witnessed};
