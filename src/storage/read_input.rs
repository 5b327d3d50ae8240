//! Reading a file given as input (a session, a notes file) whole, within bounds: a device
//! (`/dev/zero`), a pipe or a folder is refused before anything is read, and so is a file
//! larger than any real input, so that a wrong path cannot eat the memory or hang.

use std::io::Read;
use std::path::Path;

/// The largest input read whole. A national session (2,977 delegates, a long report) is a
/// few megabytes, a year of a delegate's notes less; 64 MB is ten times anything real.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Checks that the open `file` is a regular file (not a device, pipe or folder).
pub fn ensure_regular(file: &std::fs::File) -> std::io::Result<std::fs::Metadata> {
    let meta = file.metadata()?;
    if meta.is_file() {
        Ok(meta)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a device, a pipe or a folder); give the path of a file",
        ))
    }
}

/// Reads `path` whole if it is a regular file of at most [`MAX_INPUT_BYTES`].
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let len = ensure_regular(&file)?.len();
    let too_big = |len: u64| {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "{len} bytes is more than the {} MB an input file may have",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
    };
    if len > MAX_INPUT_BYTES {
        return Err(too_big(len));
    }
    // The file may grow while it is read: never read past the bound.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_huge_files_are_refused_before_reading() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let e = read_input(dir.path()).map(|_| ());
        assert!(e.is_err());
        #[cfg(unix)]
        {
            let e = read_input(Path::new("/dev/zero")).unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
        }
        let big = dir.path().join("big");
        std::fs::File::create(&big)?.set_len(MAX_INPUT_BYTES + 1)?;
        let e = read_input(&big).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        let ok = dir.path().join("ok");
        std::fs::write(&ok, b"x")?;
        assert_eq!(read_input(&ok)?, b"x");
        Ok(())
    }
}
