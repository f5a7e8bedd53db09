//! Events exported from a CRM for an SLA check: when each item was created, when it was handled
//! (blank while it is not), and who owned it.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rustc_hash::FxHashMap;

use super::dates::{self, DateOrder};
use super::{Flow, ImportError, Preview, Progress, ScanSummary, Skip, scan};

/// What a column of an events file can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventField {
    /// The event that starts the clock.
    Created,
    /// The response that stops it.
    Handled,
    Owner,
}

impl EventField {
    pub const ALL: [Self; 3] = [Self::Created, Self::Handled, Self::Owner];

    pub fn label(self) -> &'static str {
        match self {
            Self::Created => "Clock starts",
            Self::Handled => "Handled at",
            Self::Owner => "Owner",
        }
    }

    /// Words that give the field away in a header, most telling first.
    fn header_words(self) -> &'static [&'static str] {
        match self {
            Self::Created => &["created", "assigned", "received", "submitted", "start"],
            Self::Handled => &[
                "first touch",
                "first_touch",
                "handled",
                "responded",
                "response",
                "first activity",
                "contacted",
                "touched",
                "closed",
                "done",
            ],
            Self::Owner => &["owner", "assigned to", "rep", "agent", "sdr", "user"],
        }
    }
}

/// Which column holds each field, by index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EventColumns {
    pub created: Option<usize>,
    pub handled: Option<usize>,
    pub owner: Option<usize>,
}

impl EventColumns {
    pub fn get(&self, field: EventField) -> Option<usize> {
        match field {
            EventField::Created => self.created,
            EventField::Handled => self.handled,
            EventField::Owner => self.owner,
        }
    }

    /// Maps `field` to `column`, taking the column from any field that had it.
    pub fn set(&mut self, field: EventField, column: Option<usize>) {
        if column.is_some() {
            for slot in [&mut self.created, &mut self.handled, &mut self.owner] {
                if *slot == column {
                    *slot = None;
                }
            }
        }
        match field {
            EventField::Created => self.created = column,
            EventField::Handled => self.handled = column,
            EventField::Owner => self.owner = column,
        }
    }

    /// Guesses the fields from the header names.
    pub fn guess(preview: &Preview) -> Self {
        let lower: Vec<String> = preview.headers.iter().map(|h| h.to_lowercase()).collect();
        let mut columns = Self::default();
        for field in EventField::ALL {
            let taken: Vec<usize> = EventField::ALL
                .iter()
                .filter_map(|f| columns.get(*f))
                .collect();
            let found = field.header_words().iter().find_map(|word| {
                (0..lower.len()).find(|i| !taken.contains(i) && lower[*i].contains(word))
            });
            columns.set(field, found);
        }
        columns
    }

    /// The date order of the time columns, read from the preview's values.
    pub fn date_order(&self, preview: &Preview) -> DateOrder {
        let samples = [self.created, self.handled]
            .into_iter()
            .flatten()
            .flat_map(|index| preview.column(index));
        DateOrder::of_samples(samples)
    }
}

/// One event: seconds since the Unix epoch keep a million of them small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    pub created: Timestamp,
    pub handled: Option<Timestamp>,
    /// Index into [`EventTable::owners`]; 0 is "no owner".
    pub owner: u32,
}

/// The usable events of a file, in file order.
#[derive(Clone, Debug, Default)]
pub struct EventTable {
    pub scan: ScanSummary,
    pub events: Vec<Event>,
    /// Owner names; the first is the empty name of events without an owner.
    pub owners: Vec<String>,
    /// The latest time the file mentions: what "now" was when it was exported.
    pub as_of: Option<Timestamp>,
}

/// Reads the events of `path`. A row without a readable start, or with an unreadable or earlier
/// response, is skipped with its line and the reason; a blank response means not handled yet.
/// Times written without an offset are read in `zone`.
pub fn read(
    preview: &Preview,
    columns: EventColumns,
    order: DateOrder,
    zone: &TimeZone,
    progress: &Progress,
) -> Result<EventTable, ImportError> {
    let path = &preview.path;
    let Some(created_column) = columns.created else {
        return Err(ImportError::Csv {
            path: path.clone(),
            line: 1,
            message: "no column is chosen for the time the clock starts".to_owned(),
        });
    };
    let mut table = EventTable {
        owners: vec![String::new()],
        ..EventTable::default()
    };
    let mut owner_index: FxHashMap<String, u32> = FxHashMap::default();
    let header = |index: usize| preview.headers.get(index).map_or("", String::as_str);
    let scan = scan(path, preview.dialect, progress, |row| {
        let time = |index: usize, what: &'static str| -> Result<Option<Timestamp>, Skip> {
            let text = row.text(index);
            if text.is_empty() {
                return Ok(None);
            }
            dates::instant(&text, order, zone)
                .map(Some)
                .ok_or_else(|| Skip {
                    kind: what,
                    detail: format!(
                        "column {} ({}): “{text}” is not a date and time",
                        index + 1,
                        header(index)
                    ),
                })
        };
        let Some(created) = time(created_column, "unreadable start time")? else {
            return Err(Skip {
                kind: "no start time",
                detail: format!(
                    "column {} ({}) is blank",
                    created_column + 1,
                    header(created_column)
                ),
            });
        };
        let handled = match columns.handled {
            Some(index) => time(index, "unreadable response time")?,
            None => None,
        };
        if let (Some(handled), Some(index)) = (handled, columns.handled)
            && handled < created
        {
            return Err(Skip {
                kind: "handled before it started",
                detail: format!(
                    "handled “{}” is before its start “{}”",
                    row.text(index),
                    row.text(created_column)
                ),
            });
        }
        let owner = match columns.owner.map(|index| row.text(index)) {
            Some(name) if !name.is_empty() => match owner_index.get(name.as_ref()) {
                Some(&index) => index,
                None => {
                    let index = table.owners.len() as u32;
                    owner_index.insert(name.clone().into_owned(), index);
                    table.owners.push(name.into_owned());
                    index
                }
            },
            _ => 0,
        };
        let latest = handled.unwrap_or(created).max(created);
        table.as_of = Some(table.as_of.map_or(latest, |t| t.max(latest)));
        table.events.push(Event {
            created,
            handled,
            owner,
        });
        Ok(Flow::Continue)
    })?;
    table.scan = scan;
    Ok(table)
}
