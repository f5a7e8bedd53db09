//! A count of records as a person writes it, read the same way in the window and on the
//! command line: digits, with spaces, underscores or commas between groups of thousands.

use thiserror::Error;

/// The largest count a funnel stage holds: a trillion records, more than any CRM export
/// reaches, and small enough that every sum and ratio over the funnel stays exact.
pub const MAX_COUNT: u64 = 1_000_000_000_000;

/// Why a written count was not read.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum CountError {
    #[error("“{0}” is not a whole number of records")]
    NotWhole(String),
    #[error("“{0}” is more than the {MAX_COUNT} records a stage can hold")]
    TooLarge(String),
}

/// Reads a count: `1200`, `1 200`, `1_200` or `1,200`. An empty text is no count (`None`).
/// Anything else (`1.5k`, `-3`, `12 leads`) is refused whole, never read for its digits.
pub fn parse_count(text: &str) -> Result<Option<u64>, CountError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let refused = || CountError::NotWhole(trimmed.to_owned());
    let groups: Vec<&str> = trimmed
        .split(|c: char| c == ',' || c == '_' || c.is_whitespace())
        .collect();
    // Separators only between digits: "1,,000" and "1000," are typing slips, not counts.
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| all_digits(g)) {
        return Err(refused());
    }
    let digits: String = groups.concat();
    match digits.parse::<u64>() {
        Ok(count) if count <= MAX_COUNT => Ok(Some(count)),
        // Every character is a digit: it can only fail for being too long.
        _ => Err(CountError::TooLarge(trimmed.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_their_thousands_separators() {
        assert_eq!(parse_count("1200"), Ok(Some(1200)));
        assert_eq!(parse_count(" 1 200 "), Ok(Some(1200)));
        assert_eq!(parse_count("1_200"), Ok(Some(1200)));
        assert_eq!(parse_count("1,200,000"), Ok(Some(1_200_000)));
        assert_eq!(
            parse_count("1\u{202f}200"),
            Ok(Some(1200)),
            "a narrow no-break space"
        );
        assert_eq!(parse_count("0"), Ok(Some(0)));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("   "), Ok(None));
    }

    #[test]
    fn anything_but_a_whole_count_is_refused_not_read_for_its_digits() {
        for text in [
            "1.5k", "-3", "12 leads", "1,,000", "1000,", "+5", "3e6", "½",
        ] {
            assert_eq!(
                parse_count(text),
                Err(CountError::NotWhole(text.trim().to_owned())),
                "{text}"
            );
        }
        assert_eq!(
            parse_count("1000000000001"),
            Err(CountError::TooLarge("1000000000001".into()))
        );
        assert_eq!(parse_count("1000000000000"), Ok(Some(MAX_COUNT)));
        assert!(matches!(
            parse_count("99999999999999999999999"),
            Err(CountError::TooLarge(_))
        ));
    }
}
