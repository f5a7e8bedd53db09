//! A fingerprint of a session file's bytes, to notice a change by another program.

use std::fs::File;
use std::io;
use std::path::Path;

use sha2::{Digest as _, Sha256};

/// What a session file held when Accord last read or wrote it: a hash of its bytes. Comparing
/// it with the file before a save tells whether another program changed the file meanwhile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The SHA-256 in lowercase hex, as files and reports name it.
    pub fn hex(&self) -> String {
        self.0.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    /// The fingerprint of the file at `path` as it is now; `None` when there is no file.
    /// The file is read in small pieces, never whole: the window asks at every focus and
    /// save, and whatever another program left there may be of any size.
    pub fn of_file(path: &Path) -> io::Result<Option<Self>> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        Self::of_reader(file).map(Some)
    }

    /// The fingerprint of everything `reader` yields, read a piece at a time.
    pub fn of_reader(mut reader: impl io::Read) -> io::Result<Self> {
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            match reader.read(&mut buffer) {
                Ok(0) => return Ok(Self(hasher.finalize().into())),
                Ok(read) => hasher.update(&buffer[..read]),
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn a_file_is_fingerprinted_as_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        assert_eq!(Fingerprint::of_file(&path).unwrap(), None, "no file yet");
        std::fs::write(&path, b"(version: 1)").unwrap();
        assert_eq!(
            Fingerprint::of_file(&path).unwrap(),
            Some(Fingerprint::of(b"(version: 1)"))
        );
    }

    #[test]
    fn a_file_far_past_the_session_cap_is_read_in_pieces() {
        // Sparse: a hundred megabytes of zeros that take no disk.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.ron");
        let bytes = 3 * super::super::MAX_FILE_BYTES + 7;
        File::create(&path).unwrap().set_len(bytes).unwrap();
        let streamed = Fingerprint::of_reader(io::repeat(0).take(bytes)).unwrap();
        let (of_file, peak) = crate::test_alloc::peak_bytes(|| Fingerprint::of_file(&path));
        assert_eq!(of_file.unwrap(), Some(streamed));
        assert_ne!(streamed, Fingerprint::of(&[0; 16]));
        // Reading it whole once took the file's size in memory, at every focus and save.
        assert!(
            peak < 1024 * 1024,
            "{peak} bytes held to fingerprint {bytes}"
        );
    }
}
