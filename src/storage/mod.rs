//! Where user data lives and how it is written so that a crash never tears it.

mod atomic;
mod dirs;
mod read_input;

pub use atomic::{sync_parent, write_atomic, write_atomic_new, write_atomic_with};
pub use dirs::{data_dir, sanitize_file_stem};
pub use read_input::{MAX_INPUT_BYTES, ensure_regular, read_input};
