//! What a person may write into a session through an edit or the room: names that are one
//! plain line, and longer texts whose only breaks are ordinary line breaks. Both are kept in
//! Unicode's composed form (NFC), so "é" typed on two phones is one name, and a letter carries
//! at most [`MAX_MARKS`] combining marks, so no text grows into a tower of accents.

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use super::MAX_NAME;
use crate::model::text::{acts_unseen, for_document};

/// The combining marks one letter may carry (Vietnamese needs two).
pub const MAX_MARKS: usize = 3;

/// The name a participant gave, trimmed and composed, or why it cannot be a name.
pub fn name(raw: &str) -> Result<String, String> {
    let name: String = raw.trim().nfc().collect();
    if name.is_empty() {
        return Err("give your name".to_owned());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!("a name has at most {MAX_NAME} characters"));
    }
    if let Some(c) = name.chars().find(|c| acts_unseen(*c) || stored_escaped(*c)) {
        return Err(format!(
            "a name is one line of ordinary letters; U+{:04X} cannot be in it",
            u32::from(c)
        ));
    }
    if marks_run(&name) > MAX_MARKS {
        return Err(format!(
            "a letter carries at most {MAX_MARKS} accents or marks in a name"
        ));
    }
    Ok(name)
}

/// A name as two names are compared: composed, in lower case, its spaces single.
pub fn folded(name: &str) -> String {
    if !name.is_ascii() {
        return folded_composed(name);
    }
    // ASCII is composed already, and its lower case is ASCII's: one pass, one allocation
    // (a phone's name is folded with each of its submissions).
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

fn folded_composed(name: &str) -> String {
    let composed: String = name.nfc().collect::<String>().to_lowercase();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A longer text (a reason, a proposed wording) made inert: composed, its line breaks plain
/// `\n`, every other control, format or separator character dropped, characters RON would
/// store as long escapes dropped, and marks past [`MAX_MARKS`] on one letter dropped.
pub fn long_text(raw: &str) -> String {
    let composed: String = for_document(raw).nfc().collect();
    let mut out = String::with_capacity(composed.len());
    let mut marks = 0;
    for c in composed.chars() {
        if is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        if c == '\n' || c == '\t' || !(acts_unseen(c) || stored_escaped(c)) {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// The bytes `text` takes in a session file, quotes included: RON writes most characters as
/// their UTF-8, and escapes the rest (a line break as `\n`, a combining mark as `\u{301}`).
pub fn written_len(text: &str) -> usize {
    2 + text
        .chars()
        .flat_map(char::escape_debug)
        .map(char::len_utf8)
        .sum::<usize>()
}

/// True for a character with no meaning a person could have typed: private use, unassigned
/// or a surrogate. The file stores each as a `\u{…}` escape of up to ten bytes.
fn stored_escaped(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::PrivateUse | GeneralCategory::Unassigned | GeneralCategory::Surrogate
    )
}

/// The longest run of combining marks in `text`.
fn marks_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if is_combining_mark(c) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::edit::tests::random_cases(512))]

        /// An ASCII name, folded in one pass, folds as composing it would.
        #[test]
        fn an_ascii_name_folds_as_any_name_does(name in "[ \\t\\n\\x0b\\x0c\\raAzZ09.-]{0,12}") {
            prop_assert_eq!(folded(&name), folded_composed(&name));
        }
    }

    #[test]
    fn a_name_is_one_line_of_ordinary_letters() {
        assert_eq!(name("  Dana Scott "), Ok("Dana Scott".to_owned()));
        assert_eq!(name("Nguyễn Thị"), Ok("Nguyễn Thị".to_owned()));
        // Decomposed "é" comes out composed: one name however the phone typed it.
        assert_eq!(name("Rene\u{301}"), Ok("René".to_owned()));
        for hostile in [
            "(\u{202e}live)",
            "Ana\u{2028}B",
            "Ana\nB",
            "A\u{200b}na",
            "Ana\u{1b}[2J",
            "Ana\u{100000}",
        ] {
            assert!(name(hostile).is_err(), "{hostile:?}");
        }
        assert!(name(&format!("Z{}", "\u{301}".repeat(80))).is_err());
        assert!(name(&"n".repeat(MAX_NAME + 1)).is_err());
        assert!(name("   ").is_err());
    }

    #[test]
    fn a_text_is_measured_as_the_file_writes_it() {
        for text in [
            "Dana",
            "Nguyễn Thị",
            "a\nb",
            "क्षि",
            "日本",
            "x\u{301}\u{302}",
        ] {
            let written = ron::to_string(text).unwrap();
            assert_eq!(written_len(text), written.len(), "{text:?} as {written}");
        }
    }

    #[test]
    fn names_compare_composed_and_whatever_their_case() {
        assert_eq!(folded("DANA  SCOTT"), folded("dana scott"));
        assert_eq!(folded("Rene\u{301}"), folded("RENÉ"));
        assert_ne!(folded("Dana"), folded("Dan"));
    }

    #[test]
    fn a_long_text_keeps_its_line_breaks_and_loses_what_acts_unseen() {
        assert_eq!(long_text("a\r- injected"), "a\n- injected");
        assert_eq!(
            long_text("x\u{1b}]0;PWNED\u{7} (\u{202e}live)"),
            "x]0;PWNED (live)"
        );
        assert_eq!(long_text(&"\u{100000}".repeat(990)), "");
        assert_eq!(
            long_text(&format!("Z{}", "\u{301}".repeat(80)))
                .chars()
                .count(),
            1 + MAX_MARKS,
            "Z and an acute compose to Ź, which keeps three of the other marks"
        );
    }
}
