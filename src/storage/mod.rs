//! Where user data lives and how it is written so that a crash never tears it.

mod atomic;
mod dirs;

pub use atomic::{write_atomic, write_atomic_new, write_atomic_with};
pub use dirs::{data_dir, sanitize_file_stem};
