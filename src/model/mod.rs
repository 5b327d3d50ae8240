//! The session domain: what a sitting is, how its file is read and checked, and the rules
//! that decide quorum and majority. No UI here.

mod diagnostic;
pub mod indicator_math;
pub mod itinerary;
mod load;
pub mod locate;
pub mod rules;
pub mod search;
mod session;
pub mod validate;

pub use diagnostic::{line_col, offset_of, Diagnostic, Severity};
pub use load::{
    load_bundled, load_bytes, load_path, load_str, LoadError, Loaded, BUNDLED_JIUJIANG,
    BUNDLED_NAME,
};
pub use rules::{Base, Threshold};
pub use session::*;
