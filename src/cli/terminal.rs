//! What the command line prints, made safe for a terminal: a session's text can hold escape
//! sequences (a hand-edited file, an old room), and printed raw they would retitle the window
//! or clear the screen. Every character that acts unseen is printed as a visible `\uXXXX`
//! escape instead; JSON stays valid JSON.

use std::io::{self, Write};

use crate::model::text::for_terminal;

/// A writer that passes text through [`for_terminal`]. Bytes of a character split across two
/// writes wait for the rest of it.
pub struct Inert<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Inert<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes what is pending up to the last whole character; with `all`, the rest too.
    fn drain(&mut self, all: bool) -> io::Result<()> {
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(text) => {
                    self.inner.write_all(for_terminal(text).as_bytes())?;
                    self.pending.clear();
                    return Ok(());
                }
                Err(error) => {
                    let good = error.valid_up_to();
                    let text = String::from_utf8_lossy(&self.pending[..good]).into_owned();
                    self.inner.write_all(for_terminal(&text).as_bytes())?;
                    match error.error_len() {
                        // Not UTF-8 at all: shown as a replacement character.
                        Some(bad) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            self.pending.drain(..good + bad);
                        }
                        None if all => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            self.pending.clear();
                            return Ok(());
                        }
                        None => {
                            self.pending.drain(..good);
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Inert<W> {
    fn drop(&mut self) {
        // Nothing is left to report an error to.
        let _ = self.flush();
    }
}

/// `eprintln!` with the same escapes as standard output.
macro_rules! eprintln_inert {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::model::text::for_terminal(&format!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_even_split_across_writes() {
        let mut out = Vec::new();
        {
            let mut inert = Inert::new(&mut out);
            let text = "Dana \u{1b}]0;PWNED\u{7} (\u{202e}live) é\n".as_bytes();
            // Split inside the two bytes of "é" and the three of U+202E.
            for chunk in text.chunks(3) {
                inert.write_all(chunk).unwrap();
            }
        }
        let shown = String::from_utf8(out).unwrap();
        assert_eq!(shown, "Dana \\u001b]0;PWNED\\u0007 (\\u202elive) é\n");
    }
}
