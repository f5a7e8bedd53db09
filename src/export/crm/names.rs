//! Names a CRM accepts, made from the session: machine names derived from ids and words (so a
//! second export after an edit names everything else the same), and labels clipped to what the
//! CRM stores.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// `text` as lowercase ASCII words joined by `_`: accents dropped ("Économie" → "economie"),
/// everything else that is not a letter or digit a separator. At most `max` bytes, cut at a
/// word's end where there is one.
pub fn slug(text: &str, max: usize) -> String {
    let mut slug = String::new();
    let mut gap = false;
    // An apostrophe joins: "MQL's" is one word.
    for c in text
        .nfd()
        .filter(|c| !is_combining_mark(*c) && !matches!(c, '\'' | '’'))
    {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('_');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    if slug.len() <= max {
        return slug;
    }
    let cut = &slug[..max];
    if slug.as_bytes()[max] == b'_' {
        return cut.to_owned();
    }
    match cut.rfind('_') {
        Some(end) if end > max / 2 => cut[..end].to_owned(),
        _ => cut.trim_end_matches('_').to_owned(),
    }
}

/// Six hex digits that stand for `text` exactly, to tell apart two texts with the same slug.
pub fn short_hash(text: &str) -> String {
    crate::model::text_hash(text).chars().take(6).collect()
}

/// `text` on one line, its runs of white space one space, at most `max` characters: a longer
/// text is cut at a word's end and ends with "…".
pub fn label(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let keep: String = line.chars().take(max.saturating_sub(1)).collect();
    let cut = match keep.rfind(' ') {
        Some(end) if end > keep.len() / 2 => &keep[..end],
        _ => keep.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.']))
}

/// A Salesforce API name: letters, digits and single underscores, starting with a letter, at
/// most `max` characters before the `__c` suffix the caller adds.
pub fn salesforce(words: &[&str], max: usize) -> String {
    let mut name = words
        .iter()
        .map(|w| {
            slug(w, max)
                .split('_')
                .filter(|p| !p.is_empty())
                .map(|part| {
                    let mut chars = part.chars();
                    chars
                        .next()
                        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join("_")
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "Accord_");
    }
    if name.len() > max {
        name.truncate(max);
        // Cut at a word's end where one is near.
        if let Some(end) = name.rfind('_').filter(|end| *end > max * 2 / 3) {
            name.truncate(end);
        }
    }
    name.trim_end_matches('_').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_keeps_letters_and_digits_and_drops_accents() {
        assert_eq!(slug("Phone number is valid!", 40), "phone_number_is_valid");
        assert_eq!(slug("Économie & « Tech »", 40), "economie_tech");
        assert_eq!(slug("✅🚀", 40), "");
        assert_eq!(
            slug("The SDR checked the MQL's details on a call", 24),
            "the_sdr_checked_the_mqls"
        );
    }

    #[test]
    fn a_label_is_one_line_and_cut_at_a_word() {
        assert_eq!(label("Budget\n  confirmed", 40), "Budget confirmed");
        let long = label("The SDR checked the MQL's details on a call", 40);
        assert!(long.chars().count() <= 40, "{long}");
        assert_eq!(long, "The SDR checked the MQL's details on a…");
    }

    #[test]
    fn a_salesforce_name_starts_with_a_letter_and_has_no_double_underscore() {
        assert_eq!(salesforce(&["Accord", "Score"], 40), "Accord_Score");
        assert_eq!(salesforce(&["3 calls", "__x__"], 40), "Accord_3_Calls_X");
        let long = salesforce(
            &[
                "Accord",
                "MQL",
                "phone number is valid and reachable by day",
            ],
            30,
        );
        assert!(
            long.len() <= 30 && !long.ends_with('_') && !long.contains("__"),
            "{long}"
        );
    }
}
