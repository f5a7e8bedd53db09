//! Dates and times as CRM exports write them: ISO 8601 with or without an offset, American and
//! European day orders, a 12-hour clock, Unix seconds or milliseconds.

use jiff::Timestamp;
use jiff::civil::{self, DateTime};
use jiff::tz::TimeZone;

/// How a column writes day and month when the year does not come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// 03/14/2026
    MonthFirst,
    /// 14.03.2026
    DayFirst,
}

impl DateOrder {
    /// Guesses from one value: dots and dashes are European, slashes American.
    pub fn of(text: &str) -> Self {
        if text.contains('/') {
            Self::MonthFirst
        } else {
            Self::DayFirst
        }
    }

    /// Reads the habit of a column from sample values: a first number over 12 can only be a
    /// day, a second one over 12 only a month; when no value settles it, the first filled one
    /// is read as [`Self::of`] reads it.
    pub fn of_samples<'a>(samples: impl IntoIterator<Item = &'a str>) -> Self {
        let mut first = None;
        for text in samples {
            let numbers: Vec<&str> = numbers(text).take(3).collect();
            let [a, b, _] = numbers[..] else { continue };
            if a.len() == 4 {
                continue;
            }
            first.get_or_insert(Self::of(text));
            match (a.parse::<u32>(), b.parse::<u32>()) {
                (Ok(a), _) if a > 12 => return Self::DayFirst,
                (_, Ok(b)) if b > 12 => return Self::MonthFirst,
                _ => {}
            }
        }
        first.unwrap_or(Self::DayFirst)
    }
}

/// The runs of digits in `text`.
fn numbers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
}

/// The instant `text` names. A value with an offset ("Z", "+01:00") is read as written; one
/// without is a wall-clock time in `zone`. Blank or unreadable text gives `None`.
pub fn instant(text: &str, order: DateOrder, zone: &TimeZone) -> Option<Timestamp> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        let number: i64 = text.parse().ok()?;
        return match text.len() {
            10 => Timestamp::from_second(number).ok(),
            13 => Timestamp::from_millisecond(number).ok(),
            _ => None,
        };
    }
    if let Ok(timestamp) = text.parse::<Timestamp>() {
        return Some(timestamp);
    }
    let local = match text.parse::<DateTime>() {
        Ok(datetime) => datetime,
        Err(_) => written_out(text, order)?,
    };
    zone.to_ambiguous_timestamp(local).compatible().ok()
}

/// "03/14/2026 9:05 PM", "14.03.2026 21:05:30", "2026/03/14 21:05": a date in the column's
/// order, then an optional time, with AM or PM.
fn written_out(text: &str, order: DateOrder) -> Option<DateTime> {
    let mut parts = numbers(text);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let (year, month, day) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        match order {
            DateOrder::MonthFirst if a.parse::<u32>().ok()? <= 12 => (c, a, b),
            _ => (c, b, a),
        }
    } else {
        return None;
    };
    let date = civil::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()?;
    let mut hour: i8 = parts.next().map_or(Some(0), |h| h.parse().ok())?;
    let minute: i8 = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    let second: i8 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    let lower = text.to_ascii_lowercase();
    if lower.ends_with("pm") && (1..12).contains(&hour) {
        hour += 12;
    } else if lower.ends_with("am") && hour == 12 {
        hour = 0;
    }
    let time = civil::Time::new(hour, minute, second, 0).ok()?;
    Some(date.to_datetime(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Option<Timestamp> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn the_common_spellings_name_the_same_instant() {
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let expected = utc("2026-03-14T20:05:00Z");
        let read = |text| instant(text, DateOrder::of(text), &berlin);
        assert_eq!(read("2026-03-14T20:05:00Z"), expected);
        assert_eq!(read("2026-03-14T21:05:00+01:00"), expected);
        assert_eq!(read("2026-03-14 21:05"), expected);
        assert_eq!(read("2026-03-14T21:05:00"), expected);
        assert_eq!(read("03/14/2026 9:05 PM"), expected);
        assert_eq!(read("14.03.2026 21:05"), expected);
        assert_eq!(read("1773518700"), expected);
        assert_eq!(read("1773518700000"), expected);
        assert_eq!(
            instant("14/03/2026 21:05", DateOrder::DayFirst, &berlin),
            expected
        );
        assert_eq!(
            instant("12/03/2026 12:30 AM", DateOrder::MonthFirst, &TimeZone::UTC),
            utc("2026-12-03T00:30:00Z")
        );
        for bad in [
            "",
            "  ",
            "yesterday",
            "2026-02-30 10:00",
            "14.03.26 10:00",
            "123",
        ] {
            assert_eq!(read(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_column_shows_its_order_in_any_value_over_twelve() {
        assert_eq!(
            DateOrder::of_samples(["03/04/2026", "", "25/04/2026"]),
            DateOrder::DayFirst
        );
        assert_eq!(
            DateOrder::of_samples(["03/04/2026", "04/25/2026"]),
            DateOrder::MonthFirst
        );
        assert_eq!(DateOrder::of_samples(["03/04/2026"]), DateOrder::MonthFirst);
        assert_eq!(DateOrder::of_samples(["03.04.2026"]), DateOrder::DayFirst);
        assert_eq!(
            DateOrder::of_samples(["2026-04-03", "x"]),
            DateOrder::DayFirst
        );
    }
}
