//! Time zones as a calendar carries them: a `VTIMEZONE` with the offset in force at a zone's
//! first meeting and each change of offset after it, as the time-zone database has them.

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ToSpan as _};

/// How many years of summer-time changes each time zone carries after its first meeting.
const ZONE_YEARS: i16 = 10;

/// A zone's definition: the offset in force at its first meeting, then each change of
/// offset over the next [`ZONE_YEARS`] years, as the time-zone database has them.
pub(super) fn vtimezone(tzid: &str, zone: &TimeZone, first: Timestamp) -> String {
    let crlf = "\r\n";
    let mut text = format!("BEGIN:VTIMEZONE{crlf}TZID:{tzid}{crlf}");
    let until = first
        .to_zoned(TimeZone::UTC)
        .checked_add(ZONE_YEARS.years())
        .map_or(first, |z| z.timestamp());
    // The first observance starts a day early, so the first meeting falls inside it.
    let from = first
        .checked_sub(jiff::SignedDuration::from_hours(24))
        .unwrap_or(first);
    let info = zone.to_offset_info(from);
    let mut offset = info.offset();
    text.push_str(&observance(
        info.dst().is_dst(),
        from.to_zoned(TimeZone::fixed(offset)).datetime(),
        offset,
        offset,
        info.abbreviation(),
    ));
    for change in zone.following(from).take_while(|c| c.timestamp() < until) {
        let before = change
            .timestamp()
            .to_zoned(TimeZone::fixed(offset))
            .datetime();
        text.push_str(&observance(
            change.dst().is_dst(),
            before,
            offset,
            change.offset(),
            change.abbreviation(),
        ));
        offset = change.offset();
    }
    text.push_str(&format!("END:VTIMEZONE{crlf}"));
    text
}

/// One STANDARD or DAYLIGHT part of a `VTIMEZONE`: from `starts` (local time in the offset
/// before), the clock reads `to` instead of `from`.
fn observance(dst: bool, starts: DateTime, from: Offset, to: Offset, name: &str) -> String {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    let crlf = "\r\n";
    let mut text = format!(
        "BEGIN:{kind}{crlf}DTSTART:{}{crlf}TZOFFSETFROM:{}{crlf}TZOFFSETTO:{}{crlf}",
        starts.strftime("%Y%m%dT%H%M%S"),
        utc_offset(from),
        utc_offset(to),
    );
    // Abbreviations are letters, digits and signs ("CEST", "+03"); anything else is left out
    // rather than escaped into a property.
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
    {
        text.push_str(&format!("TZNAME:{name}{crlf}"));
    }
    text.push_str(&format!("END:{kind}{crlf}"));
    text
}

/// An offset as RFC 5545 writes it: `+0100`, `-0430`, `+053328` with seconds.
fn utc_offset(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_zone_definition_carries_summer_time() {
        let zone = TimeZone::get("Europe/Berlin").unwrap();
        let first = zone
            .to_ambiguous_timestamp(date(2026, 12, 1).at(9, 0, 0, 0))
            .compatible()
            .unwrap();
        let text = vtimezone("Europe/Berlin", &zone, first);
        // Winter at the first meeting, then the change of 29 March 2027 at 02:00 local.
        assert!(text.contains("BEGIN:STANDARD\r\nDTSTART:20261130T090000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nTZNAME:CET"), "{text}");
        assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST"), "{text}");
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 10, "ten summers");
    }

    #[test]
    fn offsets_are_written_as_the_standard_does() {
        assert_eq!(utc_offset(jiff::tz::offset(1)), "+0100");
        assert_eq!(
            utc_offset(Offset::from_seconds(-(4 * 3600 + 30 * 60)).unwrap()),
            "-0430"
        );
        assert_eq!(
            utc_offset(Offset::from_seconds(5 * 3600 + 33 * 60 + 28).unwrap()),
            "+053328"
        );
        assert_eq!(utc_offset(Offset::UTC), "+0000");
    }
}
