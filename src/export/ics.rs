//! The planning cadence as calendar events (RFC 5545): one recurring event per scheduled
//! meeting, with its purpose, attendees, inputs and agenda in the description.

use icalendar::{Calendar, Component, Event, EventLike};
use jiff::civil::{DateTime, Time};

use crate::model::{Frequency, Meeting, Session};

/// What an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarExport {
    /// The calendar, in iCalendar text.
    pub text: String,
    /// How many events it holds.
    pub events: usize,
    /// Meetings left out because they have no first date yet.
    pub unscheduled: Vec<String>,
}

/// When a meeting starts if the room picked a date but no time.
const DEFAULT_START: Time = Time::constant(9, 0, 0, 0);

/// The calendar of `session`'s scheduled meetings. `stamp` becomes each event's DTSTAMP, the
/// one value the format requires to change between exports.
pub fn calendar(session: &Session, stamp: jiff::Timestamp) -> CalendarExport {
    let stamp = stamp.strftime("%Y%m%dT%H%M%SZ").to_string();
    let name = if session.meta.title.trim().is_empty() {
        "Revenue cadence".to_owned()
    } else {
        format!("{} — cadence", session.meta.title.trim())
    };
    let mut calendar = Calendar::new();
    calendar.name(&name);
    let mut events = 0;
    let mut unscheduled = Vec::new();
    for meeting in &session.meetings {
        match meeting.first_date {
            Some(date) => {
                let start = date.to_datetime(meeting.start_time.unwrap_or(DEFAULT_START));
                calendar.push(event(session, meeting, start, &stamp));
                events += 1;
            }
            None => unscheduled.push(meeting.name.clone()),
        }
    }
    CalendarExport {
        text: calendar.done().to_string(),
        events,
        unscheduled,
    }
}

fn event(session: &Session, meeting: &Meeting, start: DateTime, stamp: &str) -> Event {
    let minutes = i64::from(meeting.duration_minutes.max(1));
    let end = start
        .checked_add(jiff::SignedDuration::from_mins(minutes))
        .unwrap_or(start);
    let mut event = Event::new();
    event
        .uid(&uid(session, meeting))
        .add_property("DTSTAMP", stamp)
        .summary(&meeting.name)
        .description(&description(session, meeting))
        .starts(floating(start))
        .ends(floating(end));
    if let Some(rule) = recurrence(meeting.frequency) {
        event.add_property("RRULE", rule);
    }
    event.done()
}

/// A stable id, so importing a new export updates the events instead of doubling them.
fn uid(session: &Session, meeting: &Meeting) -> String {
    let owner = format!("{} {}", session.meta.company, session.meta.title);
    let slug: String = crate::storage::file_stem_for(&owner)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("meeting-{}.{slug}@accord", meeting.id.raw())
}

/// The calendar's recurrence rule for a meeting frequency; none for meetings held as needed.
fn recurrence(frequency: Frequency) -> Option<&'static str> {
    match frequency {
        Frequency::Weekly => Some("FREQ=WEEKLY"),
        Frequency::Fortnightly => Some("FREQ=WEEKLY;INTERVAL=2"),
        Frequency::Monthly => Some("FREQ=MONTHLY"),
        Frequency::Quarterly => Some("FREQ=MONTHLY;INTERVAL=3"),
        Frequency::Annual => Some("FREQ=YEARLY"),
        Frequency::Ongoing | Frequency::PerDeal => None,
    }
}

/// A local wall-clock time, the same for every attendee's time zone setting ("floating").
fn floating(at: DateTime) -> chrono::NaiveDateTime {
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::from(at.year()),
        at.month().unsigned_abs().into(),
        at.day().unsigned_abs().into(),
    );
    let time = chrono::NaiveTime::from_hms_opt(
        at.hour().unsigned_abs().into(),
        at.minute().unsigned_abs().into(),
        0,
    );
    // jiff's civil values are always valid dates and times, so both conversions succeed.
    date.zip(time)
        .map(|(date, time)| date.and_time(time))
        .unwrap_or_default()
}

fn description(session: &Session, meeting: &Meeting) -> String {
    let mut text = String::new();
    if !meeting.purpose.trim().is_empty() {
        text.push_str(meeting.purpose.trim());
        text.push_str("\n\n");
    }
    let attendees: Vec<_> = meeting
        .attendees
        .iter()
        .map(|id| session.team_name(Some(*id)))
        .collect();
    if !attendees.is_empty() {
        text.push_str(&format!("Attendees: {}\n", attendees.join(", ")));
    }
    if meeting.owner.is_some() {
        text.push_str(&format!("Run by: {}\n", session.team_name(meeting.owner)));
    }
    let list = |title: &str, items: &[String], text: &mut String| {
        let items: Vec<_> = items
            .iter()
            .map(|i| i.trim())
            .filter(|i| !i.is_empty())
            .collect();
        if items.is_empty() {
            return;
        }
        text.push_str(&format!("\n{title}:\n"));
        for (n, item) in items.iter().enumerate() {
            text.push_str(&format!("{}. {item}\n", n + 1));
        }
    };
    list("Bring", &meeting.inputs, &mut text);
    list("Agenda", &meeting.agenda, &mut text);
    text.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meeting, MeetingId};
    use jiff::civil::date;

    #[test]
    fn only_scheduled_meetings_become_events() {
        let mut session = Session::default();
        session.meetings.push(Meeting {
            id: MeetingId(1),
            name: "Lead review".into(),
            frequency: Frequency::Weekly,
            first_date: Some(date(2026, 12, 1)),
            ..Meeting::default()
        });
        session.meetings.push(Meeting {
            id: MeetingId(2),
            name: "Revenue planning".into(),
            ..Meeting::default()
        });
        let stamp = jiff::Timestamp::UNIX_EPOCH;
        let export = calendar(&session, stamp);
        assert_eq!(export.events, 1);
        assert_eq!(export.unscheduled, ["Revenue planning"]);
        assert!(export.text.contains("RRULE:FREQ=WEEKLY"));
        assert!(export.text.contains("DTSTART:20261201T090000"));
        assert!(export.text.contains("DTEND:20261201T100000"));
        assert_eq!(export, calendar(&session, stamp), "same input, same bytes");
    }
}
