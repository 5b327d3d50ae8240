//! The user's data folder: notes and journals live here, never beside the session file.

use std::path::PathBuf;

/// `$DELEGATE_DESK_DATA` if set (tests and portable installs), else the platform's data
/// folder (`~/.local/share/delegate-desk` on Linux), else `./delegate-desk-data`.
pub fn data_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("DELEGATE_DESK_DATA") {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("", "", "delegate-desk")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("delegate-desk-data"))
}

/// A session id made safe as a file name: anything but letters, digits, `-`, `_` and `.`
/// becomes `_`, and a leading dot is not allowed.
pub fn sanitize_file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "session".to_string()
    } else {
        s
    }
}
