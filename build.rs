use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    // rust-i18n reads `locales/*.yml` inside a macro, which cargo does not track: rebuild when
    // a translation changes, or the binary keeps the old strings.
    println!("cargo:rerun-if-changed=locales");

    // `delegate-desk --version` names the commit it was built from, so a bug report from an
    // installed package can be traced to the source.
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = own_repo(&dir)
        .then(|| git(&dir, &["rev-parse", "--short", "HEAD"]))
        .flatten();
    if commit.is_some() {
        rerun_when_head_moves(&dir);
    }
    println!(
        "cargo:rustc-env=DELEGATE_DESK_COMMIT={}",
        commit.as_deref().unwrap_or("unknown")
    );
}

/// Whether this source tree is the top of a git work tree, and not, say, an unpacked source
/// tarball lying inside somebody else's repository (whose commit would be a lie).
fn own_repo(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--show-toplevel"]).is_some_and(|top| same_dir(Path::new(&top), dir))
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// HEAD changes on checkout; the branch's ref (loose or packed) changes on commit. In a git
/// worktree `.git` is a file and both live elsewhere, so ask git where they are.
fn rerun_when_head_moves(dir: &Path) {
    let mut files = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        files.push(branch);
    }
    for file in files {
        let Some(path) = git(dir, &["rev-parse", "--git-path", &file]) else {
            continue;
        };
        let path = dir.join(path);
        // A path that does not exist would make cargo rerun this script on every build.
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

/// One line of git's output, or None when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let line = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!line.is_empty()).then_some(line)
}
