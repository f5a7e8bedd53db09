//! How long a response took, as an SLA counts time: on the wall clock, or only in business hours
//! in the SLA's time zone.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::model::{BusinessHours, Sla, TimeUnit};

/// Why an SLA's clock cannot be set up.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("\"{0}\" is not a time zone Accord knows; use a name such as Europe/Berlin")]
    UnknownZone(String),
    #[error("the business hours close at or before they open")]
    EmptyDay,
    #[error("the business hours have no working day")]
    NoDays,
    #[error("a volume per month has no response time to measure")]
    Volume,
    #[error("the SLA has no agreed amount yet: set its window first")]
    NoAmount,
}

/// The clock an SLA's window is measured on.
#[derive(Clone, Debug)]
pub struct SlaClock {
    pub zone: TimeZone,
    pub unit: TimeUnit,
    /// Opening hours when the unit counts business time.
    hours: Option<BusinessHours>,
    /// The window: a response within it meets the SLA.
    pub limit: SignedDuration,
}

impl SlaClock {
    /// The clock of `sla`. A blank time zone is UTC.
    pub fn new(sla: &Sla) -> Result<Self, ClockError> {
        let zone = zone(&sla.time_zone)?;
        let unit = sla.when.unit;
        let hours = if unit.uses_business_hours() {
            let hours = &sla.business_hours;
            if hours.closes <= hours.opens {
                return Err(ClockError::EmptyDay);
            }
            if hours.days.is_empty() {
                return Err(ClockError::NoDays);
            }
            Some(hours.clone())
        } else {
            None
        };
        let amount = i64::from(sla.when.amount);
        let limit = match unit {
            TimeUnit::Minutes => SignedDuration::from_mins(amount),
            TimeUnit::Hours | TimeUnit::BusinessHours => SignedDuration::from_hours(amount),
            TimeUnit::Days => SignedDuration::from_hours(amount * 24),
            TimeUnit::BusinessDays => day_length(&sla.business_hours) * amount as i32,
            TimeUnit::PerMonth => return Err(ClockError::Volume),
        };
        Ok(Self {
            zone,
            unit,
            hours,
            limit,
        })
    }

    /// The time counted from `start` to `end`: all of it on the wall clock, only the part inside
    /// opening hours in business time. Zero when `end` is not after `start`.
    pub fn elapsed(&self, start: Timestamp, end: Timestamp) -> SignedDuration {
        if end <= start {
            return SignedDuration::ZERO;
        }
        match &self.hours {
            None => end.duration_since(start),
            Some(hours) => business_time(&self.zone, hours, start, end),
        }
    }

    /// `duration` in the SLA's unit, for reading: hours for hours and business hours, days for
    /// days, working days of the business hours' length for business days.
    pub fn in_unit(&self, duration: SignedDuration) -> f64 {
        let seconds = duration.as_secs_f64();
        match (self.unit, &self.hours) {
            (TimeUnit::Minutes, _) => seconds / 60.0,
            (TimeUnit::Days, _) => seconds / 86_400.0,
            (TimeUnit::BusinessDays, Some(hours)) => seconds / day_length(hours).as_secs_f64(),
            _ => seconds / 3_600.0,
        }
    }

    /// What [`Self::in_unit`] counts in: "hours", "business days".
    pub fn unit_label(&self) -> &'static str {
        match self.unit {
            TimeUnit::Minutes => "minutes",
            TimeUnit::Days => "days",
            TimeUnit::BusinessDays => "business days",
            TimeUnit::BusinessHours => "business hours",
            TimeUnit::Hours | TimeUnit::PerMonth => "hours",
        }
    }
}

/// The zone called `name`; UTC when it is blank.
pub fn zone(name: &str) -> Result<TimeZone, ClockError> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(TimeZone::UTC);
    }
    TimeZone::get(name).map_err(|_| ClockError::UnknownZone(name.to_owned()))
}

/// How long one working day is open.
fn day_length(hours: &BusinessHours) -> SignedDuration {
    hours.closes.duration_since(hours.opens)
}

/// The opening hours between `start` and `end`, day by day in `zone`, so that a day on which the
/// clocks change is as long as it really is.
fn business_time(
    zone: &TimeZone,
    hours: &BusinessHours,
    start: Timestamp,
    end: Timestamp,
) -> SignedDuration {
    let at = |date: Date, time| {
        zone.to_ambiguous_timestamp(DateTime::from_parts(date, time))
            .compatible()
    };
    let last = zone.to_datetime(end).date();
    let mut date = zone.to_datetime(start).date();
    let mut total = SignedDuration::ZERO;
    while date <= last {
        if hours.is_open_on(date)
            && let (Ok(opens), Ok(closes)) = (at(date, hours.opens), at(date, hours.closes))
        {
            let (from, to) = (opens.max(start), closes.min(end));
            if to > from {
                total += to.duration_since(from);
            }
        }
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Window;

    fn sla(amount: u32, unit: TimeUnit, zone: &str) -> Sla {
        Sla {
            when: Window {
                amount,
                unit,
                clock_starts: "MQL assigned".into(),
            },
            time_zone: zone.into(),
            ..Sla::default()
        }
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn hours(clock: &SlaClock, start: &str, end: &str) -> f64 {
        clock.in_unit(clock.elapsed(at(start), at(end)))
    }

    #[test]
    fn wall_clock_hours_count_everything() {
        let clock = SlaClock::new(&sla(4, TimeUnit::Hours, "")).unwrap();
        // Friday 16:00 to Monday 10:00 UTC is 66 hours on the wall clock.
        assert_eq!(
            hours(&clock, "2026-03-06T16:00:00Z", "2026-03-09T10:00:00Z"),
            66.0
        );
        assert_eq!(clock.limit, SignedDuration::from_hours(4));
    }

    #[test]
    fn business_hours_stop_overnight_and_over_the_weekend() {
        // 09:00–17:00 Monday to Friday, Berlin (UTC+1 in early March 2026).
        let clock = SlaClock::new(&sla(4, TimeUnit::BusinessHours, "Europe/Berlin")).unwrap();
        // Tuesday 16:00 Berlin → Wednesday 11:00 Berlin: 1 h on Tuesday, 2 h on Wednesday.
        assert_eq!(
            hours(&clock, "2026-03-03T15:00:00Z", "2026-03-04T10:00:00Z"),
            3.0
        );
        // Friday 16:30 Berlin → Monday 09:30 Berlin: 0.5 h + 0.5 h.
        assert_eq!(
            hours(&clock, "2026-03-06T15:30:00Z", "2026-03-09T08:30:00Z"),
            1.0
        );
        // Created on Saturday, handled Monday 10:00 Berlin: the clock starts Monday 09:00.
        assert_eq!(
            hours(&clock, "2026-03-07T12:00:00Z", "2026-03-09T09:00:00Z"),
            1.0
        );
        // Created and handled in the same evening: no business time at all.
        assert_eq!(
            hours(&clock, "2026-03-03T18:00:00Z", "2026-03-03T20:00:00Z"),
            0.0
        );
        // A whole working week, Monday 09:00 to the next Monday 09:00 Berlin: 5 × 8 hours.
        assert_eq!(
            hours(&clock, "2026-03-02T08:00:00Z", "2026-03-09T08:00:00Z"),
            40.0
        );
    }

    #[test]
    fn a_holiday_counts_no_business_time() {
        let mut berlin = sla(4, TimeUnit::BusinessHours, "Europe/Berlin");
        // Wednesday 4 March 2026 is declared a holiday.
        berlin.business_hours.holidays = vec![jiff::civil::date(2026, 3, 4)];
        let clock = SlaClock::new(&berlin).unwrap();
        // Tuesday 16:00 → Thursday 11:00 Berlin: 1 h on Tuesday, none on Wednesday, 2 h on
        // Thursday.
        assert_eq!(
            hours(&clock, "2026-03-03T15:00:00Z", "2026-03-05T10:00:00Z"),
            3.0
        );
        // Created and handled on the holiday itself: no business time at all.
        assert_eq!(
            hours(&clock, "2026-03-04T09:00:00Z", "2026-03-04T15:00:00Z"),
            0.0
        );
        // Two business days from Tuesday 09:00 end on Thursday 17:00, not Wednesday.
        let mut days = berlin.clone();
        days.when.unit = TimeUnit::BusinessDays;
        let clock = SlaClock::new(&days).unwrap();
        let elapsed = clock.elapsed(at("2026-03-03T08:00:00Z"), at("2026-03-05T16:00:00Z"));
        assert_eq!(clock.in_unit(elapsed), 2.0);
    }

    #[test]
    fn the_same_instants_differ_by_time_zone() {
        // Tuesday 3 March 2026, 13:00 → 20:00 UTC, against 09:00–17:00 local: London is on
        // UTC (13–17, 4 h), Berlin on UTC+1 (13–16 UTC, 3 h), New York on UTC−5 (14–20 UTC, 6 h).
        let (start, end) = ("2026-03-03T13:00:00Z", "2026-03-03T20:00:00Z");
        let london = SlaClock::new(&sla(4, TimeUnit::BusinessHours, "Europe/London")).unwrap();
        let berlin = SlaClock::new(&sla(4, TimeUnit::BusinessHours, "Europe/Berlin")).unwrap();
        let new_york = SlaClock::new(&sla(4, TimeUnit::BusinessHours, "America/New_York")).unwrap();
        assert_eq!(hours(&london, start, end), 4.0);
        assert_eq!(hours(&berlin, start, end), 3.0);
        assert_eq!(hours(&new_york, start, end), 6.0);
    }

    #[test]
    fn business_days_are_working_days_of_the_opening_hours() {
        let clock = SlaClock::new(&sla(5, TimeUnit::BusinessDays, "UTC")).unwrap();
        assert_eq!(clock.limit, SignedDuration::from_hours(40));
        // Thursday 13:00 → next Wednesday 13:00: Thu 4 h, Fri 8, Mon 8, Tue 8, Wed 4 = 32 h = 4 days.
        assert_eq!(
            hours(&clock, "2026-03-05T13:00:00Z", "2026-03-11T13:00:00Z"),
            4.0
        );
    }

    #[test]
    fn a_day_on_which_the_clocks_change_is_as_long_as_it_is() {
        // Opening hours that span the change: 00:00–06:00 on Sunday 29 March 2026 in Berlin,
        // when 02:00 jumps to 03:00. Only five hours of that day exist.
        let mut every_day = sla(1, TimeUnit::BusinessHours, "Europe/Berlin");
        every_day.business_hours = BusinessHours {
            opens: jiff::civil::time(0, 0, 0, 0),
            closes: jiff::civil::time(6, 0, 0, 0),
            days: crate::model::Weekday::ALL.to_vec(),
            holidays: Vec::new(),
        };
        let clock = SlaClock::new(&every_day).unwrap();
        assert_eq!(
            hours(&clock, "2026-03-28T22:00:00Z", "2026-03-29T12:00:00Z"),
            5.0
        );
    }

    #[test]
    fn a_response_before_its_event_counts_nothing() {
        let clock = SlaClock::new(&sla(4, TimeUnit::Hours, "")).unwrap();
        assert_eq!(
            clock.elapsed(at("2026-03-03T12:00:00Z"), at("2026-03-03T11:00:00Z")),
            SignedDuration::ZERO
        );
    }

    #[test]
    fn clocks_that_cannot_run_say_why() {
        assert_eq!(
            SlaClock::new(&sla(4, TimeUnit::Hours, "Mars/Olympus")).err(),
            Some(ClockError::UnknownZone("Mars/Olympus".into()))
        );
        assert_eq!(
            SlaClock::new(&sla(4, TimeUnit::PerMonth, "")).err(),
            Some(ClockError::Volume)
        );
        let mut closed = sla(4, TimeUnit::BusinessHours, "");
        closed.business_hours.closes = closed.business_hours.opens;
        assert_eq!(SlaClock::new(&closed).err(), Some(ClockError::EmptyDay));
        closed.business_hours = BusinessHours {
            days: Vec::new(),
            ..BusinessHours::default()
        };
        assert_eq!(SlaClock::new(&closed).err(), Some(ClockError::NoDays));
    }
}
