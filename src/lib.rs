//! Delegate Desk: a desktop companion for one sitting of a people's congress.
//!
//! Layers point down only: `model` (the session) → `journal` (votes), `notes`
//! (annotations) → `export` (summaries), `generate` (synthetic sessions at scale) → `ui` (a
//! thin layer of views) → `cli` (the same domain code from the command line, and the window's
//! start). `i18n`, `storage` and `fonts` are base modules any layer may use. Nothing below
//! `ui` uses egui or clap; `tests/it/layers.rs` holds the code to this.

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
