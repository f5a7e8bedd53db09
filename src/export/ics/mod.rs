//! The planning cadence as calendar events (RFC 5545): one recurring event per scheduled
//! meeting, with its purpose, attendees, inputs and agenda in the description.
//!
//! Every start is written in a time zone: the meeting's own, else the workshop's, else the
//! zone of the computer exporting. A named zone is written as `TZID=…` with its `VTIMEZONE`
//! (so a weekly 09:00 in Berlin stays 09:00 across summer time, and a New York attendee sees
//! 03:00), and a zone without a name as UTC. Nothing is "floating": a Berlin and a New York
//! attendee of the same meeting import the same instant.

mod zones;

use std::collections::BTreeMap;

use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};
use jiff::Timestamp;
use jiff::civil::{DateTime, Time};
use jiff::tz::TimeZone;

use zones::vtimezone;

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
    /// Meetings whose time zone is not one Accord knows, with the zone written instead:
    /// "Lead review: no time zone “Mars/Base”; written in Europe/Berlin".
    pub zone_problems: Vec<String>,
}

/// When a meeting starts if the room picked a date but no time.
const DEFAULT_START: Time = Time::constant(9, 0, 0, 0);

/// The calendar of `session`'s scheduled meetings. `stamp` becomes each event's DTSTAMP, the
/// one value the format requires to change between exports; `local` is the zone of meetings
/// for which neither the meeting nor the workshop names one (the exporting computer's).
pub fn calendar(session: &Session, stamp: Timestamp, local: &TimeZone) -> CalendarExport {
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
    let mut zone_problems = Vec::new();
    // Each named zone, with the first meeting start it must describe.
    let mut zones: BTreeMap<String, (TimeZone, Timestamp)> = BTreeMap::new();
    for meeting in &session.meetings {
        let Some(date) = meeting.first_date else {
            unscheduled.push(meeting.name.clone());
            continue;
        };
        let (zone, problem) = meeting_zone(session, meeting, local);
        let start = date.to_datetime(meeting.start_time.unwrap_or(DEFAULT_START));
        let Ok(instant) = zone.to_ambiguous_timestamp(start).compatible() else {
            unscheduled.push(meeting.name.clone());
            continue;
        };
        if let Some(problem) = problem {
            zone_problems.push(format!("{}: {problem}", meeting.name));
        }
        let when = match zone.iana_name() {
            Some(tzid) => {
                let first = zones
                    .entry(tzid.to_owned())
                    .or_insert_with(|| (zone.clone(), instant));
                first.1 = first.1.min(instant);
                When::Zoned(tzid.to_owned())
            }
            None => When::Utc,
        };
        calendar.push(event(session, meeting, start, instant, &when, &stamp));
        events += 1;
    }
    let mut text = calendar.done().to_string();
    let definitions: String = zones
        .iter()
        .map(|(tzid, (zone, first))| vtimezone(tzid, zone, *first))
        .collect();
    // The zones go before the events that name them, as calendar programs write them.
    let at = text
        .find("BEGIN:VEVENT\r\n")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    text.insert_str(at, &definitions);
    CalendarExport {
        text,
        events,
        unscheduled,
        zone_problems,
    }
}

/// How a meeting's start is written.
enum When {
    /// Local time with `TZID=` this zone, defined in the calendar's `VTIMEZONE`.
    Zoned(String),
    /// The instant in UTC, for a zone without a name.
    Utc,
}

/// The zone a meeting is held in: its own, else the workshop's, else `local`; with what to
/// say when a zone it names is not one Accord knows.
fn meeting_zone(
    session: &Session,
    meeting: &Meeting,
    local: &TimeZone,
) -> (TimeZone, Option<String>) {
    let mut unknown = None;
    for name in [meeting.time_zone.trim(), session.meta.time_zone.trim()] {
        if name.is_empty() {
            continue;
        }
        match TimeZone::get(name) {
            Ok(zone) => {
                return (
                    zone,
                    unknown.map(|u| format!("no time zone “{u}”; written in {name}")),
                );
            }
            Err(_) => unknown = unknown.or(Some(name.to_owned())),
        }
    }
    let written = local.iana_name().unwrap_or("UTC").to_owned();
    (
        local.clone(),
        unknown.map(|u| format!("no time zone “{u}”; written in {written}")),
    )
}

fn event(
    session: &Session,
    meeting: &Meeting,
    start: DateTime,
    instant: Timestamp,
    when: &When,
    stamp: &str,
) -> Event {
    let minutes = i64::from(meeting.duration_minutes.max(1));
    let length = jiff::SignedDuration::from_mins(minutes);
    let (starts, ends) = match when {
        When::Zoned(tzid) => {
            // The end in the same wall-clock terms as the start, as calendar programs do.
            let end = start.checked_add(length).unwrap_or(start);
            let zoned = |at| CalendarDateTime::WithTimezone {
                date_time: naive(at),
                tzid: tzid.clone(),
            };
            (zoned(start), zoned(end))
        }
        When::Utc => {
            let end = instant.checked_add(length).unwrap_or(instant);
            (utc(instant), utc(end))
        }
    };
    let mut event = Event::new();
    event
        .uid(&uid(session, meeting))
        .add_property("DTSTAMP", stamp)
        .summary(&meeting.name)
        .description(&description(session, meeting))
        .starts(starts)
        .ends(ends);
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

/// A civil date and time as the calendar library takes it.
fn naive(at: DateTime) -> chrono::NaiveDateTime {
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

/// An instant in UTC, as the calendar library takes it.
fn utc(at: Timestamp) -> CalendarDateTime {
    let civil = at.to_zoned(TimeZone::UTC).datetime();
    CalendarDateTime::Utc(naive(civil).and_utc())
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

    fn lead_review(zone: &str) -> Meeting {
        Meeting {
            id: MeetingId(1),
            name: "Lead review".into(),
            frequency: Frequency::Weekly,
            first_date: Some(date(2026, 12, 1)),
            time_zone: zone.into(),
            ..Meeting::default()
        }
    }

    #[test]
    fn only_scheduled_meetings_become_events() {
        let mut session = Session::default();
        session.meta.time_zone = "Europe/Berlin".into();
        session.meetings.push(lead_review(""));
        session.meetings.push(Meeting {
            id: MeetingId(2),
            name: "Revenue planning".into(),
            ..Meeting::default()
        });
        let stamp = Timestamp::UNIX_EPOCH;
        let export = calendar(&session, stamp, &TimeZone::UTC);
        assert_eq!(export.events, 1);
        assert_eq!(export.unscheduled, ["Revenue planning"]);
        assert!(export.text.contains("RRULE:FREQ=WEEKLY"));
        assert!(
            export
                .text
                .contains("DTSTART;TZID=Europe/Berlin:20261201T090000")
        );
        assert!(
            export
                .text
                .contains("DTEND;TZID=Europe/Berlin:20261201T100000")
        );
        assert!(export.text.contains("TZID:Europe/Berlin\r\n"));
        assert!(export.text.find("BEGIN:VTIMEZONE") < export.text.find("BEGIN:VEVENT"));
        assert_eq!(
            export,
            calendar(&session, stamp, &TimeZone::UTC),
            "same input, same bytes"
        );
    }

    #[test]
    fn a_zone_without_a_name_is_written_in_utc_and_an_unknown_one_is_said() {
        let mut session = Session::default();
        session.meetings.push(lead_review("Mars/Base"));
        let here = TimeZone::fixed(jiff::tz::offset(-5));
        let export = calendar(&session, Timestamp::UNIX_EPOCH, &here);
        assert!(
            export.text.contains("DTSTART:20261201T140000Z"),
            "{}",
            export.text
        );
        assert!(!export.text.contains("VTIMEZONE"));
        assert_eq!(
            export.zone_problems,
            ["Lead review: no time zone “Mars/Base”; written in UTC"]
        );
    }
}
