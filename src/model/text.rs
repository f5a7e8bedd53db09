//! Characters that act instead of showing: control characters, bidirectional overrides and
//! isolates, line and paragraph separators, zero-width characters. A session can hold them
//! (a file written by hand, a paste), so whatever prints or exports a session's text makes
//! them visible or drops them, and nothing a participant sends may contain them.

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory, get_general_category};

/// True for a character that changes how the text around it is shown rather than showing
/// itself: C0 and C1 controls (tab and line feed included), DEL, format characters such as
/// bidirectional overrides and zero-width spaces, and the line and paragraph separators.
pub fn acts_unseen(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// `text` as a terminal may show it: every character that [`acts_unseen`], but a line feed
/// and a tab, written as a visible `\uXXXX` escape, as `ls` and `git` show odd file names. An
/// escape sequence in a name can then neither retitle the window nor clear the screen. The
/// escape is JSON's own, so JSON output stays valid JSON.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| acts_unseen(c) && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` as a document may hold it: line breaks as `\n` whatever they were (`\r\n`, a bare
/// `\r`, U+2028, U+2029), tabs kept, and every other character that [`acts_unseen`] dropped.
pub fn for_document(text: &str) -> Cow<'_, str> {
    let needs_work = |c: char| acts_unseen(c) && c != '\n' && c != '\t';
    if !text.chars().any(needs_work) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\n' => out.push('\n'),
            '\t' => out.push('\t'),
            c if acts_unseen(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_a_terminal_only_as_visible_text() {
        let hostile = "x\u{1b}]0;PWNED\u{7}\u{1b}[2J (\u{202e}live)\tok\n";
        let shown = for_terminal(hostile);
        assert_eq!(
            shown,
            "x\\u001b]0;PWNED\\u0007\\u001b[2J (\\u202elive)\tok\n"
        );
        let json = format!("\"{}\"", for_terminal("\u{85}\u{202e}\u{e0001}"));
        let read: String = serde_json::from_str(&json).unwrap();
        assert_eq!(
            read, "\u{85}\u{202e}\u{e0001}",
            "JSON reads the escapes back"
        );
        assert!(!shown.chars().any(|c| c == '\u{1b}' || c == '\u{202e}'));
        assert!(matches!(for_terminal("Dana Scott"), Cow::Borrowed(_)));
    }

    #[test]
    fn documents_get_plain_line_breaks_and_nothing_unseen() {
        assert_eq!(for_document("a\r- injected"), "a\n- injected");
        assert_eq!(for_document("a\r\nb\u{2028}c"), "a\nb\nc");
        assert_eq!(for_document("ok\u{200b}\u{202e}\u{1b}[31m"), "ok[31m");
        assert_eq!(for_document("été\tà"), "été\tà");
    }
}
