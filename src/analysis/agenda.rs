//! The agenda's arithmetic and its timer. The timer never reads a clock itself: callers pass
//! `now`, seconds on any monotonic clock, so it can be tested without waiting.

use jiff::civil::Time;

use crate::model::Agenda;

/// When the day starts if the agenda does not say.
pub const DEFAULT_START: Time = Time::constant(9, 0, 0, 0);

/// Share of an item's time box left when the countdown turns amber.
const AMBER_SHARE: f64 = 0.2;

/// An agenda item's place in the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: Time,
    pub end: Time,
}

/// Start and end times of every item, one after the other from the agenda's start. A day
/// that would run past midnight stops at 23:59.
pub fn schedule(agenda: &Agenda) -> Vec<Slot> {
    let mut start = agenda.start.unwrap_or(DEFAULT_START);
    agenda
        .items
        .iter()
        .map(|item| {
            let minutes = jiff::SignedDuration::from_mins(i64::from(item.planned_minutes));
            let end = start
                .checked_add(minutes)
                .unwrap_or(Time::constant(23, 59, 0, 0));
            let slot = Slot { start, end };
            start = end;
            slot
        })
        .collect()
}

/// How the current item's countdown should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// Plenty of time left.
    Calm,
    /// 20% or less of the time box left.
    Amber,
    /// The time box is used up.
    Red,
}

/// The running or paused agenda item. Time already spent lives in the session
/// (`actual_seconds`); the timer adds the stretch since it was last started.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timer {
    /// The index of the current item, if the agenda has been started.
    pub current: Option<usize>,
    /// When the current stretch started; `None` while paused.
    running_since: Option<f64>,
}

impl Timer {
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Makes `index` the current item and starts its clock, recording the time spent on the
    /// item that was running.
    pub fn start(&mut self, agenda: &mut Agenda, index: usize, now: f64) {
        self.pause(agenda, now);
        if index < agenda.items.len() {
            self.current = Some(index);
            self.running_since = Some(now);
        }
    }

    /// Stops the clock and records the time spent in the session.
    pub fn pause(&mut self, agenda: &mut Agenda, now: f64) {
        let since = self.running_since.take();
        let item = self.current.and_then(|index| agenda.items.get_mut(index));
        if let (Some(item), Some(since)) = (item, since) {
            // Whole seconds; a clock that went backwards adds nothing.
            let spent = (now - since).max(0.0).round() as u64;
            // A clock left running for weeks stops at what a file may hold.
            item.actual_seconds = item
                .actual_seconds
                .saturating_add(spent)
                .min(*crate::model::bounds::SPENT_SECONDS.end());
        }
    }

    /// Starts the clock again on the current item.
    pub fn resume(&mut self, now: f64) {
        if self.current.is_some() && self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// Moves to the next item; after the last one the timer stops.
    pub fn next(&mut self, agenda: &mut Agenda, now: f64) {
        let next = self.current.map_or(0, |i| i + 1);
        if next < agenda.items.len() {
            self.start(agenda, next, now);
        } else {
            self.pause(agenda, now);
            self.current = None;
        }
    }

    /// Seconds spent on item `index` so far, including the running stretch.
    pub fn spent_seconds(&self, agenda: &Agenda, index: usize, now: f64) -> f64 {
        let recorded = agenda.items.get(index).map_or(0, |i| i.actual_seconds) as f64;
        let running = match (self.current, self.running_since) {
            (Some(current), Some(since)) if current == index => (now - since).max(0.0),
            _ => 0.0,
        };
        recorded + running
    }

    /// Seconds left in the current item's time box; negative once over.
    pub fn remaining_seconds(&self, agenda: &Agenda, now: f64) -> Option<f64> {
        let index = self.current?;
        let planned = f64::from(agenda.items.get(index)?.planned_minutes) * 60.0;
        Some(planned - self.spent_seconds(agenda, index, now))
    }

    /// How the countdown should look now.
    pub fn urgency(&self, agenda: &Agenda, now: f64) -> Option<Urgency> {
        let index = self.current?;
        let planned = f64::from(agenda.items.get(index)?.planned_minutes) * 60.0;
        let remaining = self.remaining_seconds(agenda, now)?;
        Some(if remaining <= 0.0 {
            Urgency::Red
        } else if remaining <= planned * AMBER_SHARE {
            Urgency::Amber
        } else {
            Urgency::Calm
        })
    }

    /// Seconds behind the plan (negative: ahead): the overrun of the finished items, plus the
    /// current item's overrun once it passes its time box.
    pub fn drift_seconds(&self, agenda: &Agenda, now: f64) -> f64 {
        let Some(current) = self.current else {
            return 0.0;
        };
        let finished: f64 = agenda.items[..current.min(agenda.items.len())]
            .iter()
            .map(|item| item.actual_seconds as f64 - f64::from(item.planned_minutes) * 60.0)
            .sum();
        let over = self
            .remaining_seconds(agenda, now)
            .map_or(0.0, |r| (-r).max(0.0));
        finished + over
    }
}

/// Seconds as "12:05", or "−3:10" when negative.
pub fn clock_text(seconds: f64) -> String {
    let sign = if seconds < 0.0 { "−" } else { "" };
    let whole = seconds.abs().round() as u64;
    format!("{sign}{}:{:02}", whole / 60, whole % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AgendaItem;

    fn agenda(minutes: &[u32]) -> Agenda {
        Agenda {
            start: Some(Time::constant(9, 30, 0, 0)),
            items: minutes
                .iter()
                .map(|m| AgendaItem {
                    planned_minutes: *m,
                    ..AgendaItem::default()
                })
                .collect(),
        }
    }

    #[test]
    fn start_times_follow_the_time_boxes() {
        let slots = schedule(&agenda(&[20, 45, 15]));
        let starts: Vec<_> = slots.iter().map(|s| s.start.to_string()).collect();
        assert_eq!(starts, ["09:30:00", "09:50:00", "10:35:00"]);
        assert_eq!(slots[2].end, Time::constant(10, 50, 0, 0));
        let late = Agenda {
            start: Some(Time::constant(23, 0, 0, 0)),
            ..agenda(&[90])
        };
        assert_eq!(schedule(&late)[0].end, Time::constant(23, 59, 0, 0));
    }

    #[test]
    fn the_countdown_turns_amber_at_a_fifth_left_and_red_at_zero() {
        let mut agenda = agenda(&[10]);
        let mut timer = Timer::default();
        timer.start(&mut agenda, 0, 1000.0);
        assert_eq!(timer.remaining_seconds(&agenda, 1000.0), Some(600.0));
        assert_eq!(timer.urgency(&agenda, 1479.0), Some(Urgency::Calm));
        assert_eq!(timer.urgency(&agenda, 1480.0), Some(Urgency::Amber));
        assert_eq!(timer.urgency(&agenda, 1600.0), Some(Urgency::Red));
        assert_eq!(timer.remaining_seconds(&agenda, 1660.0), Some(-60.0));
    }

    #[test]
    fn pausing_records_the_time_spent_and_stops_the_clock() {
        let mut agenda = agenda(&[10, 10]);
        let mut timer = Timer::default();
        timer.start(&mut agenda, 0, 0.0);
        timer.pause(&mut agenda, 125.0);
        assert_eq!(agenda.items[0].actual_seconds, 125);
        assert_eq!(
            timer.spent_seconds(&agenda, 0, 5000.0),
            125.0,
            "paused: no time passes"
        );
        timer.resume(5000.0);
        timer.next(&mut agenda, 5060.0);
        assert_eq!(agenda.items[0].actual_seconds, 185);
        assert_eq!(timer.current, Some(1));
        timer.next(&mut agenda, 5660.0);
        assert_eq!(agenda.items[1].actual_seconds, 600);
        assert_eq!(timer.current, None, "past the last item the timer stops");
        assert!(!timer.is_running());
    }

    #[test]
    fn drift_counts_overruns_and_underruns() {
        let mut agenda = agenda(&[10, 10, 10]);
        let mut timer = Timer::default();
        timer.start(&mut agenda, 0, 0.0);
        timer.next(&mut agenda, 900.0); // item 1 took 15 minutes: 5 behind
        assert_eq!(timer.drift_seconds(&agenda, 900.0), 300.0);
        timer.next(&mut agenda, 1200.0); // item 2 took 5 minutes: back on plan
        assert_eq!(timer.drift_seconds(&agenda, 1200.0), 0.0);
        assert_eq!(
            timer.drift_seconds(&agenda, 1200.0 + 660.0),
            60.0,
            "current item over by 1 min"
        );
    }

    #[test]
    fn clock_text_reads_like_a_countdown() {
        assert_eq!(clock_text(605.0), "10:05");
        assert_eq!(clock_text(-190.0), "−3:10");
        assert_eq!(clock_text(0.4), "0:00");
    }
}
