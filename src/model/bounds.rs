//! The range of every number a session holds: the range the window's controls allow, and the
//! range a file must keep to, checked as it is read. A file written by hand or by another
//! program that puts a number outside its range is refused with the place of the number and
//! the range allowed, so nothing downstream (the scorer, the exports, the clock) ever meets a
//! number the window could not have set.

use std::fmt::Display;
use std::ops::RangeInclusive;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// Refuses `value` unless it lies in `range`; `what` names it in the message.
fn within<T, E>(value: T, range: &RangeInclusive<T>, what: &str) -> Result<T, E>
where
    T: PartialOrd + Display,
    E: serde::de::Error,
{
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(E::custom(format!(
            "{what} is {value}; Accord keeps it between {} and {}",
            range.start(),
            range.end()
        )))
    }
}

/// A bound: its range as a constant, and the function serde reads the field with.
macro_rules! bounded {
    ($(#[$doc:meta])* $read:ident, $range:ident: $t:ty = $low:literal ..= $high:literal, $what:literal) => {
        $(#[$doc])*
        pub const $range: RangeInclusive<$t> = $low..=$high;

        #[doc = concat!("Reads ", $what, ", refusing a value outside [`", stringify!($range), "`].")]
        pub fn $read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
            within(<$t>::deserialize(deserializer)?, &$range, $what)
        }
    };
}

bounded!(
    /// Points a scoring rule adds (or, negative, takes away).
    points, POINTS: i32 = -100..=100, "a rule's points"
);
bounded!(
    /// The score at which a lead becomes an MQL.
    threshold, THRESHOLD: i32 = -500..=500, "the MQL threshold"
);
bounded!(
    /// SDRs following up MQLs, and follow-ups each makes a day.
    capacity, CAPACITY: u32 = 0..=500, "a sales capacity"
);
bounded!(
    /// Working days in a month.
    working_days, WORKING_DAYS: u32 = 1..=31, "the working days a month"
);
bounded!(
    /// Employees, for a company-size rule.
    company_size, COMPANY_SIZE: u32 = 0..=10_000_000, "a company size"
);
bounded!(
    /// An SLA's window: so many minutes, hours or days.
    window_amount, WINDOW_AMOUNT: u32 = 0..=10_000, "an SLA's window"
);
bounded!(
    /// A recurring meeting's length.
    meeting_minutes, MEETING_MINUTES: u32 = 5..=480, "a meeting's length in minutes"
);
bounded!(
    /// An agenda item's planned time.
    planned_minutes, PLANNED_MINUTES: u32 = 0..=480, "an agenda item's planned minutes"
);
bounded!(
    /// Time the agenda clock recorded for one item: a month at the very most.
    spent_seconds, SPENT_SECONDS: u64 = 0..=2_678_400, "an agenda item's time spent in seconds"
);
bounded!(
    /// Records counted: customers, rows, funnel stages. The same cap as typed counts.
    count, COUNT: u64 = 0..=1_000_000_000_000, "a count of records"
);
bounded!(
    /// A share or a rate, as a fraction.
    share, SHARE: f64 = 0.0..=1.0, "a share"
);
bounded!(
    /// How many times more often a value is seen among the best customers.
    lift, LIFT: f64 = 0.0..=1_000_000_000_000.0, "a lift"
);

/// An SLA's target, in percent.
pub const TARGET_PERCENT: RangeInclusive<f64> = 0.0..=100.0;

/// Reads an SLA's target, when it has one, refusing one outside [`TARGET_PERCENT`].
pub fn target_percent<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(deserializer)?
        .map(|value| within(value, &TARGET_PERCENT, "an SLA's target percent"))
        .transpose()
}

/// A kept figure: a response time or a count a month. Always optional: see [`figure_if_any`].
pub const FIGURE: RangeInclusive<f64> = 0.0..=1_000_000_000_000.0;

/// Reads a share that may be missing, refusing one outside [`SHARE`].
pub fn share_if_any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(deserializer)?
        .map(|value| within(value, &SHARE, "a share"))
        .transpose()
}

/// Reads a kept figure that may be missing, refusing one outside [`FIGURE`].
pub fn figure_if_any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(deserializer)?
        .map(|value| within(value, &FIGURE, "a kept figure"))
        .transpose()
}

/// Reads the funnel's counts, refusing any outside [`COUNT`].
pub fn counts<'de, D, K>(deserializer: D) -> Result<std::collections::BTreeMap<K, u64>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
{
    let counts = std::collections::BTreeMap::<K, u64>::deserialize(deserializer)?;
    if let Some(count) = counts.values().find(|c| !COUNT.contains(c)) {
        return Err(D::Error::custom(format!(
            "a funnel count is {count}; Accord keeps it between {} and {}",
            COUNT.start(),
            COUNT.end()
        )));
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Rule {
        #[serde(deserialize_with = "points")]
        points: i32,
        #[serde(default, deserialize_with = "target_percent")]
        target: Option<f64>,
    }

    fn read(text: &str) -> Result<Rule, ron::error::SpannedError> {
        ron::from_str(text)
    }

    #[test]
    fn numbers_in_range_are_read() {
        let rule = read("(points: -100, target: Some(95.5))").unwrap();
        assert_eq!((rule.points, rule.target), (-100, Some(95.5)));
        assert_eq!(read("(points: 100)").unwrap().target, None);
    }

    #[test]
    fn numbers_out_of_range_are_refused_naming_the_range() {
        let error = read("(points: 2000000000)").unwrap_err();
        assert_eq!(
            error.code.to_string(),
            "a rule's points is 2000000000; Accord keeps it between -100 and 100"
        );
        let error = read("(points: 1, target: Some(NaN))").unwrap_err();
        assert!(
            error.code.to_string().contains("between 0 and 100"),
            "{error}"
        );
        assert!(read("(points: 1, target: Some(100.01))").is_err());
    }
}
