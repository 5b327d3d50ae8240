//! Delegate Desk: a desktop companion for one sitting of a people's congress.
//!
//! Layers point down only: `model` (the session), `journal` (votes), `notes`
//! (annotations), `export` (summaries) are plain Rust without egui; `ui` is a thin layer of
//! views over them; `cli` runs the same domain code from the command line.

rust_i18n::i18n!("locales", fallback = "zh-CN");

pub mod cli;
pub mod export;
pub mod fonts;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod journal;
pub mod model;
pub mod notes;
pub mod storage;
pub mod ui;
