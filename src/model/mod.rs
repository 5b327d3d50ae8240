//! The session domain: what a sitting is, how its file is read and checked, and the rules
//! that decide quorum and majority. No UI here.

mod diagnostic;
mod election;
pub mod election_count;
pub mod indicator_math;
pub mod itinerary;
mod labels;
mod load;
pub mod locate;
pub mod rules;
pub mod search;
mod session;
pub mod validate;

pub use diagnostic::{Diagnostic, Severity, line_col, offset_of};
pub use election::{BallotRules, Candidate, CandidatesRule, Election, Post, candidates_rule};
pub use labels::qualified;
pub use load::{
    BUNDLED_JIUJIANG, BUNDLED_NAME, LoadError, Loaded, load_bundled, load_bytes, load_path,
    load_str,
};
pub use rules::{Base, Threshold};
pub use session::*;
