//! Finding texts too long to keep in RON text, without parsing it: a session file whose one
//! string is megabytes long is refused by the place of that string before ron builds it.

use super::MAX_TEXT_BYTES;

/// A string in RON text longer than [`MAX_TEXT_BYTES`] as written, quotes and escapes included.
#[derive(Debug, PartialEq)]
pub(super) struct LongText {
    pub line: usize,
    pub col: usize,
    /// Where its opening quote (or `r`) is, in bytes.
    pub start: usize,
    pub bytes: usize,
}

/// The first string in RON `text` longer than [`MAX_TEXT_BYTES`].
/// Strings are found the way RON writes them: quoted with backslash escapes, or raw
/// (`r#"…"#`); comments are skipped so a quote inside one is not taken for a string.
pub(super) fn overlong_text(text: &str) -> Option<LongText> {
    if text.len() <= MAX_TEXT_BYTES {
        return None;
    }
    let bytes = text.as_bytes();
    let find = |from: usize, needle: &[u8]| {
        bytes[from.min(bytes.len())..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map_or(bytes.len(), |at| from + at)
    };
    let mut i = 0;
    while i < bytes.len() {
        let (start, end) = match (bytes[i], bytes.get(i + 1)) {
            (b'/', Some(b'/')) => {
                i = find(i, b"\n");
                continue;
            }
            (b'/', Some(b'*')) => {
                i = find(i + 2, b"*/") + 2;
                continue;
            }
            (b'"', _) => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                (start, i)
            }
            (b'r', Some(b'"' | b'#')) => {
                let start = i;
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                if bytes.get(i + 1 + hashes) != Some(&b'"') {
                    // A raw identifier (r#type), not a string.
                    i += 1 + hashes;
                    continue;
                }
                let mut closing = vec![b'"'];
                closing.extend(std::iter::repeat_n(b'#', hashes));
                i = find(i + 2 + hashes, &closing);
                (start, i)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        i += 1;
        if end - start > MAX_TEXT_BYTES {
            let before = &text[..start];
            let line = 1 + before.matches('\n').count();
            let line_start = before.rfind('\n').map_or(0, |at| at + 1);
            let col = 1 + before[line_start..].chars().count();
            return Some(LongText {
                line,
                col,
                start,
                bytes: end - start,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::from_ron;

    #[test]
    fn overlong_texts_are_found_whether_quoted_raw_or_behind_a_comment() {
        let long = "x".repeat(MAX_TEXT_BYTES + 1);
        let fits = "y".repeat(MAX_TEXT_BYTES - 10);
        for (text, found) in [
            (format!("(\n  notes: \"{long}\",\n)"), Some((2, 10))),
            (
                format!("(\n  notes: r##\"a\"#{long}\"##,\n)"),
                Some((2, 10)),
            ),
            (
                format!("(notes: \"a\\\"b\", meta: (title: \"{long}\"))"),
                Some((1, 31)),
            ),
            // Quotes in comments, a raw identifier, and a long text that fits.
            (
                format!("( // \"\n /* \" */ r#type: 1, notes: \"{fits}\")"),
                None,
            ),
        ] {
            let result = overlong_text(&text).map(|long| (long.line, long.col));
            assert_eq!(result, found, "{}", &text[..40]);
        }
        let error = from_ron(&format!("(\n  meta: (title: \"{long}\"),\n)")).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("2:17: this text is 256 KB long"),
            "{error}"
        );
    }
}
