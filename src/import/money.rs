//! Amounts as CRMs and spreadsheets write them: `$1,200.50`, `1.200,50 €`, `1 200,50`, `(300)`.
//!
//! Whether `.` or `,` marks the decimals is decided once per column from its values
//! ([`DecimalMark::guess`]), because a single value such as `1,200` cannot tell on its own.

use thiserror::Error;

/// The character that separates whole units from decimals in a column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,200.50`
    #[default]
    Point,
    /// `1.200,50`
    Comma,
}

/// Why a cell is not an amount.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AmountError {
    #[error("“{0}” is not an amount")]
    NotANumber(String),
    #[error("“{0}” has more than one decimal mark")]
    TwoDecimalMarks(String),
}

impl DecimalMark {
    fn char(self) -> char {
        match self {
            Self::Point => '.',
            Self::Comma => ',',
        }
    }

    fn other(self) -> char {
        match self {
            Self::Point => ',',
            Self::Comma => '.',
        }
    }

    /// The mark a column most likely uses, from sample values. Values that cannot tell (`1,200`,
    /// `300`) do not vote; when none can, `fallback` wins — a semicolon-separated file usually
    /// comes from a locale that writes decimal commas.
    pub fn guess<'a>(values: impl IntoIterator<Item = &'a str>, fallback: Self) -> Self {
        let (mut point, mut comma) = (0usize, 0usize);
        for value in values {
            match vote(value) {
                Some(Self::Point) => point += 1,
                Some(Self::Comma) => comma += 1,
                None => {}
            }
        }
        match point.cmp(&comma) {
            std::cmp::Ordering::Greater => Self::Point,
            std::cmp::Ordering::Less => Self::Comma,
            std::cmp::Ordering::Equal => fallback,
        }
    }
}

/// What one value says about its decimal mark, if anything.
fn vote(value: &str) -> Option<DecimalMark> {
    let last_point = value.rfind('.');
    let last_comma = value.rfind(',');
    match (last_point, last_comma) {
        (Some(p), Some(c)) => Some(if p > c {
            DecimalMark::Point
        } else {
            DecimalMark::Comma
        }),
        (Some(_), None) => single_kind(value, '.', DecimalMark::Point),
        (None, Some(_)) => single_kind(value, ',', DecimalMark::Comma),
        (None, None) => None,
    }
}

/// A value with only one kind of mark: repeated, it groups thousands; once with other than three
/// digits after it, it is the decimal mark; once with exactly three digits, it cannot tell.
fn single_kind(value: &str, mark: char, as_decimal: DecimalMark) -> Option<DecimalMark> {
    if value.matches(mark).count() > 1 {
        return Some(match as_decimal {
            DecimalMark::Point => DecimalMark::Comma,
            DecimalMark::Comma => DecimalMark::Point,
        });
    }
    let after = value.rsplit(mark).next().unwrap_or_default();
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    (digits != 3).then_some(as_decimal)
}

/// Characters that group digits: the other mark, spaces of every width, and the Swiss apostrophe.
fn is_group_separator(c: char, mark: DecimalMark) -> bool {
    c == mark.other() || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’')
}

/// Reads an amount; a blank cell is `Ok(None)`.
///
/// Currency symbols and codes around the number are ignored; a leading or trailing minus and
/// accounting parentheses make it negative. When the decimal mark appears more than once and the
/// other mark never does (`1.200.000` read with a decimal point), the marks are taken as grouping.
pub fn parse_amount(text: &str, mark: DecimalMark) -> Result<Option<f64>, AmountError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let not_a_number = || AmountError::NotANumber(trimmed.to_owned());

    let mut body = trimmed;
    let mut negative = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner;
    }
    // Currency and signs may sit on either side, in any order: "-$300", "$-300", "300 €", "EUR 300-".
    let is_digit_edge = |c: char| c.is_ascii_digit() || c == mark.char() || c == mark.other();
    let start = body.find(is_digit_edge).ok_or_else(not_a_number)?;
    let end = body
        .rfind(|c: char| c.is_ascii_digit())
        .ok_or_else(not_a_number)?
        + 1;
    for side in [&body[..start], &body[end..]] {
        let mut letters = 0;
        for c in side.chars() {
            match c {
                '-' | '−' => negative = !negative,
                '+' => {}
                c if c.is_alphabetic() => letters += 1,
                c if c.is_whitespace() || is_currency_symbol(c) => {}
                _ => return Err(not_a_number()),
            }
        }
        // A currency code ("USD", "kr") but not a word ("12 monkeys").
        if letters > 3 {
            return Err(not_a_number());
        }
    }
    let number = &body[start..end];

    let decimal = mark.char();
    let treat_marks_as_groups =
        number.matches(decimal).count() > 1 && !number.contains(mark.other());
    if !treat_marks_as_groups && number.matches(decimal).count() > 1 {
        return Err(AmountError::TwoDecimalMarks(trimmed.to_owned()));
    }

    let mut plain = String::with_capacity(number.len());
    let mut seen_decimal = false;
    let mut previous_was_digit = false;
    for c in number.chars() {
        if c.is_ascii_digit() {
            plain.push(c);
            previous_was_digit = true;
        } else if c == decimal && !treat_marks_as_groups {
            if seen_decimal {
                return Err(AmountError::TwoDecimalMarks(trimmed.to_owned()));
            }
            seen_decimal = true;
            plain.push('.');
            previous_was_digit = false;
        } else if (is_group_separator(c, mark) || c == decimal)
            && previous_was_digit
            && !seen_decimal
        {
            // A group separator sits between digits and before the decimals.
            previous_was_digit = false;
        } else {
            return Err(not_a_number());
        }
    }
    if !previous_was_digit && !plain.ends_with(|c: char| c.is_ascii_digit()) {
        return Err(not_a_number());
    }
    let value: f64 = plain.parse().map_err(|_| not_a_number())?;
    Ok(Some(if negative { -value } else { value }))
}

/// Symbols that name a currency around an amount.
fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩' | '₺' | '₪' | '¢' | '₫' | '₴' | '₦' | '฿'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(text: &str) -> Option<f64> {
        parse_amount(text, DecimalMark::Point).unwrap()
    }

    fn comma(text: &str) -> Option<f64> {
        parse_amount(text, DecimalMark::Comma).unwrap()
    }

    #[test]
    fn reads_the_ways_money_is_written() {
        assert_eq!(point("$1,200.50"), Some(1200.5));
        assert_eq!(comma("1.200,50 €"), Some(1200.5));
        assert_eq!(comma("1 200,50"), Some(1200.5));
        assert_eq!(comma("1\u{a0}200,50"), Some(1200.5));
        assert_eq!(point("(300)"), Some(-300.0));
        assert_eq!(point("($1,000.00)"), Some(-1000.0));
        assert_eq!(point("-$300"), Some(-300.0));
        assert_eq!(point("$-300"), Some(-300.0));
        assert_eq!(point("USD 2500"), Some(2500.0));
        assert_eq!(point("CHF 1'234.50"), Some(1234.5));
        assert_eq!(point("0.5"), Some(0.5));
        assert_eq!(point(".5"), Some(0.5));
        assert_eq!(point("1.200.000"), Some(1_200_000.0));
        assert_eq!(comma("12"), Some(12.0));
    }

    #[test]
    fn blank_is_none_and_garbage_is_an_error() {
        assert_eq!(point(""), None);
        assert_eq!(point("   "), None);
        for bad in [
            "n/a",
            "12abc34",
            "1.2.3,4",
            "$",
            "--",
            "1,2,3.4.5",
            "12 monkeys",
            "1..2",
        ] {
            assert!(
                parse_amount(bad, DecimalMark::Point).is_err(),
                "{bad} should not be an amount"
            );
        }
        assert!(matches!(
            parse_amount("1,2.3,4", DecimalMark::Comma),
            Err(AmountError::TwoDecimalMarks(_))
        ));
    }

    #[test]
    fn guesses_the_decimal_mark_from_the_values_that_can_tell() {
        let us = ["$1,200.50", "300", "1,200"];
        assert_eq!(
            DecimalMark::guess(us, DecimalMark::Comma),
            DecimalMark::Point
        );
        let de = ["1.200,50 €", "300", "1.200"];
        assert_eq!(
            DecimalMark::guess(de, DecimalMark::Point),
            DecimalMark::Comma
        );
        let fr = ["1 200,5", "7"];
        assert_eq!(
            DecimalMark::guess(fr, DecimalMark::Point),
            DecimalMark::Comma
        );
        let silent = ["1,200", "300"];
        assert_eq!(
            DecimalMark::guess(silent, DecimalMark::Comma),
            DecimalMark::Comma
        );
        let grouped = ["1,200,000"];
        assert_eq!(
            DecimalMark::guess(grouped, DecimalMark::Comma),
            DecimalMark::Point
        );
    }
}
