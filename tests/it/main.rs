//! All integration tests, one binary (one link of egui instead of one per file).

mod common;
mod export_common;
mod journal_support;

mod check_fixtures;
mod cli_version;
mod export_files;
mod export_golden;
mod export_journal;
mod export_pdf;
mod export_scale;
mod indicator_math;
mod itinerary_links;
mod jiujiang_session;
mod journal_cli;
mod journal_compat;
mod journal_file;
mod journal_merge;
mod journal_prop;
mod journal_tally;
mod journal_watch;
mod notes_anchor;
mod notes_crash;
mod notes_datadir;
mod notes_scale;
mod notes_store;
mod readme_example;
mod robustness;
mod separated_line;
mod ui_desk;
mod ui_export;
mod ui_indicators;
mod ui_itinerary;
mod ui_national;
mod ui_votes;
mod ui_warm_up;
