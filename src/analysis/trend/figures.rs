//! Numbers as a room writes them, read and shown.

/// A metric's number, short: "1.2M", "450k", "32", "3.5".
pub(super) fn number(value: f64) -> String {
    let size = value.abs();
    let trimmed = |text: String| {
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    };
    if size >= 1e9 {
        format!("{}B", trimmed(format!("{:.2}", value / 1e9)))
    } else if size >= 1e6 {
        format!("{}M", trimmed(format!("{:.2}", value / 1e6)))
    } else if size >= 1e4 {
        format!("{}k", trimmed(format!("{:.1}", value / 1e3)))
    } else {
        trimmed(format!("{value:.2}"))
    }
}

/// What a text writes around its number: "$" of "$1.2M", "%" of "32%", "days" of "45 days".
pub(super) fn unit_of(text: &str) -> String {
    let text = text.trim();
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return String::new();
    };
    let before = text[..start].trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '−');
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let after = rest[end..].trim_start();
    let word_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let after = match &after[..word_end] {
        "k" | "K" | "m" | "M" | "mm" | "MM" | "b" | "B" | "bn" | "Bn" => &after[word_end..],
        _ => after,
    };
    if before.is_empty() {
        after.trim().to_owned()
    } else {
        before.to_owned()
    }
}

/// A number as a room writes one: "32%", "$1.2M", "€ 450k", "1,200", "3.5x", "45 days".
/// None for a text that holds no number, or more than one ("10–20").
pub fn figure(text: &str) -> Option<f64> {
    let text = text.trim();
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let negative = text[..start].trim_end().ends_with(['-', '−']);
    // What comes before the number may only be a sign, a currency symbol or code.
    if text[..start].chars().filter(|c| c.is_alphabetic()).count() > 3 {
        return None;
    }
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let digits = &rest[..end];
    let after = rest[end..].trim_start();
    if after.starts_with(|c: char| c.is_ascii_digit() || "–-/".contains(c))
        && after.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    // A lone comma with one or two digits after it is a decimal comma ("3,5"); otherwise
    // commas group thousands.
    let number = match digits.split_once(',') {
        Some((_, after)) if !digits.contains('.') && !after.contains(',') && after.len() <= 2 => {
            digits.replace(',', ".")
        }
        _ => digits.replace(',', ""),
    };
    let value: f64 = number.parse().ok()?;
    let word_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let scale = match &after[..word_end] {
        "k" | "K" => 1e3,
        "m" | "M" | "mm" | "MM" => 1e6,
        "b" | "B" | "bn" | "Bn" => 1e9,
        _ => 1.0,
    };
    let value = value * scale;
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_a_room_writes_them() {
        assert_eq!(figure("32%"), Some(32.0));
        assert_eq!(figure("$1.2M"), Some(1_200_000.0));
        assert_eq!(figure("€ 450k"), Some(450_000.0));
        assert_eq!(figure("1,200"), Some(1200.0));
        assert_eq!(figure("3,5"), Some(3.5));
        assert_eq!(figure("3.5x"), Some(3.5));
        assert_eq!(figure("45 days"), Some(45.0));
        assert_eq!(figure("-4%"), Some(-4.0));
        assert_eq!(figure("USD 2,400,000"), Some(2_400_000.0));
        assert_eq!(figure(""), None);
        assert_eq!(figure("to be agreed"), None);
        assert_eq!(figure("10–20%"), None);
        assert_eq!(figure("about 30 a week"), None);
        assert_eq!(unit_of("$1.2M"), "$");
        assert_eq!(unit_of("32 %"), "%");
        assert_eq!(unit_of("84 days"), "days");
        assert_eq!(unit_of("3.5x"), "x");
        assert_eq!(unit_of("1,200"), "");
    }
}
