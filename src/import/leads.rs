//! A leads export read into what the scoring rules look at, and nothing else.
//!
//! Text columns are dictionary-coded (see [`Column`]), so a rule is checked once per distinct
//! value rather than once per lead. Email addresses keep only their domain, phone numbers only
//! whether they can be valid, dates only their month: a million leads stay a few dozen megabytes.

use std::path::Path;

use rlibphonenumber::{PHONE_NUMBER_UTIL, Region};
use rustc_hash::FxHashMap;

use super::customers::Column;
use super::dates::DateOrder;
use super::{Dialect, Flow, ImportError, Preview, Progress, ScanSummary, scan};
use crate::model::Behaviour;

/// What a column of a leads file can tell the scoring rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    CompanySize,
    Industry,
    Country,
    Email,
    Phone,
    /// When the lead arrived, for volumes per month.
    Date,
    Did(Behaviour),
}

impl Field {
    pub const ALL: [Self; 12] = [
        Self::Date,
        Self::Email,
        Self::Phone,
        Self::Title,
        Self::CompanySize,
        Self::Industry,
        Self::Country,
        Self::Did(Behaviour::VisitedPricingPage),
        Self::Did(Behaviour::DownloadedContent),
        Self::Did(Behaviour::AttendedWebinar),
        Self::Did(Behaviour::RequestedDemo),
        Self::Did(Behaviour::EngagedWithEmail),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Job title",
            Self::CompanySize => "Company size",
            Self::Industry => "Industry",
            Self::Country => "Country",
            Self::Email => "Email",
            Self::Phone => "Phone",
            Self::Date => "Date created",
            Self::Did(Behaviour::VisitedPricingPage) => "Visited pricing page",
            Self::Did(Behaviour::DownloadedContent) => "Downloaded content",
            Self::Did(Behaviour::AttendedWebinar) => "Attended a webinar",
            Self::Did(Behaviour::RequestedDemo) => "Requested a demo",
            Self::Did(Behaviour::EngagedWithEmail) => "Email engagement",
        }
    }

    /// Words that, found in a header, suggest this field. Checked in [`Field::ALL`] order, and a
    /// column goes to the first field that claims it.
    fn header_words(self) -> &'static [&'static str] {
        match self {
            Self::Date => &["created", "date", "submitted"],
            Self::Email => &["email", "e-mail"],
            Self::Phone => &["phone", "mobile", "telephone"],
            Self::Title => &["title", "position", "job"],
            Self::CompanySize => &["employees", "company size", "headcount", "size"],
            Self::Industry => &["industry", "sector", "vertical"],
            Self::Country => &["country"],
            Self::Did(Behaviour::VisitedPricingPage) => &["pricing"],
            Self::Did(Behaviour::DownloadedContent) => {
                &["download", "content", "ebook", "whitepaper"]
            }
            Self::Did(Behaviour::AttendedWebinar) => &["webinar"],
            Self::Did(Behaviour::RequestedDemo) => &["demo"],
            Self::Did(Behaviour::EngagedWithEmail) => {
                &["email open", "email click", "opens", "clicks", "engagement"]
            }
        }
    }

    fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or_default()
    }
}

/// Which column holds each field, by index; `None` where the file has none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadColumns {
    by_field: [Option<usize>; Field::ALL.len()],
    /// Further columns kept by name, for rules that match ICP criteria.
    pub extra: Vec<usize>,
}

impl LeadColumns {
    pub fn get(&self, field: Field) -> Option<usize> {
        self.by_field[field.index()]
    }

    /// Maps `field` to `column`, taking the column from any field that had it.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        if column.is_some() {
            for slot in &mut self.by_field {
                if *slot == column {
                    *slot = None;
                }
            }
        }
        self.by_field[field.index()] = column;
    }

    /// Guesses the fields from the header names, and keeps every column named like one of
    /// `attributes` (the ICP's criteria) for the rules that match them.
    pub fn guess(preview: &Preview, attributes: &[&str]) -> Self {
        let mut columns = Self::default();
        let lower: Vec<String> = preview.headers.iter().map(|h| h.to_lowercase()).collect();
        for field in Field::ALL {
            let taken = |i: &usize| columns.by_field.contains(&Some(*i));
            // "Email opens" is engagement, not the address.
            let engagement = Field::Did(Behaviour::EngagedWithEmail).header_words();
            let claims = |header: &str| {
                field.header_words().iter().any(|w| header.contains(w))
                    && (field != Field::Email || !engagement.iter().any(|w| header.contains(w)))
            };
            let found = (0..lower.len())
                .filter(|i| !taken(i))
                .find(|&i| claims(&lower[i]));
            columns.by_field[field.index()] = found;
        }
        columns.extra = (0..preview.headers.len())
            .filter(|i| !columns.by_field.contains(&Some(*i)))
            .filter(|&i| {
                attributes
                    .iter()
                    .any(|a| a.trim().eq_ignore_ascii_case(preview.headers[i].trim()))
            })
            .collect();
        columns
    }
}

/// What a lead's phone number says about reaching them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phone {
    Blank,
    Valid,
    /// Given, but no number could be valid that way in the lead's country.
    Invalid,
}

/// A calendar month, counted from year 0: `year * 12 + month - 1`.
pub type Month = i32;

/// The month a [`Month`] stands for, as "2026-03".
pub fn month_label(month: Month) -> String {
    format!("{}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

/// The leads of one import, column by column. Row `i` of every column is the same lead.
#[derive(Clone, Debug, Default)]
pub struct LeadTable {
    pub scan: ScanSummary,
    pub len: usize,
    /// The file line each lead starts on.
    pub lines: Vec<u64>,
    /// A name for each lead (its email, or else its first cell); empty unless asked for.
    pub labels: Vec<String>,
    /// Text columns by their header: the mapped text fields and the extra columns.
    pub columns: Vec<Column>,
    /// Where each text field is in `columns`.
    field_columns: FxHashMap<Field, usize>,
    /// The part after the @, lowercased; blank where there is no address.
    pub email_domain: Option<Column>,
    /// Empty when no phone column was mapped.
    pub phones: Vec<Phone>,
    /// Empty when no date column was mapped; `None` where the date could not be read.
    pub months: Vec<Option<Month>>,
}

impl LeadTable {
    /// The column holding a text field, if it was mapped.
    pub fn field(&self, field: Field) -> Option<&Column> {
        self.field_columns.get(&field).map(|&i| &self.columns[i])
    }

    /// The kept column with this header, ignoring case.
    pub fn column_named(&self, name: &str) -> Option<&Column> {
        let name = name.trim();
        self.columns
            .iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(name))
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Reads the leads of `path`. No lead is skipped: a blank cell only means a rule cannot fire.
/// With `labels`, each lead's email (or first cell) is kept to name it in a listing.
pub fn read(
    path: &Path,
    dialect: Dialect,
    mapping: &LeadColumns,
    labels: bool,
    progress: &Progress,
) -> Result<LeadTable, ImportError> {
    let mut table = LeadTable::default();
    let text_fields: Vec<(Field, usize)> = Field::ALL
        .into_iter()
        .filter(|f| !matches!(f, Field::Email | Field::Phone | Field::Date))
        .filter_map(|f| mapping.get(f).map(|i| (f, i)))
        .collect();
    let kept: Vec<usize> = text_fields
        .iter()
        .map(|(_, i)| *i)
        .chain(mapping.extra.iter().copied())
        .collect();
    table.columns = kept.iter().map(|_| Column::new("")).collect();
    let email = mapping.get(Field::Email);
    let phone = mapping.get(Field::Phone);
    let date = mapping.get(Field::Date);
    let country = mapping.get(Field::Country);
    if email.is_some() {
        table.email_domain = Some(Column::new("email domain"));
    }
    let mut regions = Regions::default();
    let mut date_order = None;
    let scan = scan(path, dialect, progress, |row| {
        table.lines.push(row.line);
        for (column, &index) in table.columns.iter_mut().zip(&kept) {
            column.push(row.bytes(index).unwrap_or_default());
        }
        if let (Some(index), Some(domains)) = (email, &mut table.email_domain) {
            domains.push(&domain_of(row.bytes(index).unwrap_or_default()));
        }
        if let Some(index) = phone {
            let region = country.and_then(|c| regions.get(&row.text(c)));
            table.phones.push(check_phone(&row.text(index), region));
        }
        if let Some(index) = date {
            let text = row.text(index);
            // The column's habit is read from its first filled cell, not a blank one.
            let order = match date_order {
                Some(order) => order,
                None if text.trim().is_empty() => DateOrder::DayFirst,
                None => *date_order.insert(DateOrder::of(&text)),
            };
            table.months.push(month_of(&text, order));
        }
        if labels {
            let label = email.unwrap_or(0);
            table.labels.push(row.text(label).into_owned());
        }
        table.len += 1;
        Ok(Flow::Continue)
    })?;
    let name = |index: usize| scan.headers.get(index).cloned().unwrap_or_default();
    for (column, &index) in table.columns.iter_mut().zip(&kept) {
        column.name = name(index);
    }
    table.field_columns = text_fields
        .iter()
        .enumerate()
        .map(|(position, (field, _))| (*field, position))
        .collect();
    table.scan = scan;
    Ok(table)
}

/// The domain of an address, lowercased; empty when there is no @.
fn domain_of(address: &[u8]) -> Vec<u8> {
    match address.iter().rposition(|b| *b == b'@') {
        Some(at) => address[at + 1..].trim_ascii().to_ascii_lowercase(),
        None => Vec::new(),
    }
}

/// Country cells turned into phone regions, each distinct cell once.
#[derive(Default)]
struct Regions(FxHashMap<String, Option<Region>>);

impl Regions {
    /// The phone region of a country written as a code ("DE", "DEU") or a name ("Germany").
    fn get(&mut self, country: &str) -> Option<Region> {
        if let Some(region) = self.0.get(country) {
            return *region;
        }
        let key: String = country
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let region = key
            .parse::<celes::Country>()
            .ok()
            .and_then(|c| c.alpha2.parse().ok());
        self.0.insert(country.to_owned(), region);
        region
    }
}

/// Whether a phone number can be valid: in its own right when written with a "+", otherwise in
/// the lead's country. A national number without a known country cannot be checked and is
/// taken as given.
fn check_phone(number: &str, region: Option<Region>) -> Phone {
    let number = number.trim();
    if number.is_empty() {
        return Phone::Blank;
    }
    if !number.starts_with('+') && region.is_none() {
        return Phone::Valid;
    }
    match PHONE_NUMBER_UTIL.parse(number, region) {
        Ok(parsed) if parsed.is_valid() => Phone::Valid,
        _ => Phone::Invalid,
    }
}

/// The month of a date such as 2026-03-14, 2026-03-14T09:30:00Z, 03/14/2026 or 14.03.2026.
fn month_of(text: &str, order: DateOrder) -> Option<Month> {
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .take(3);
    let (a, b, c) = (numbers.next()?, numbers.next()?, numbers.next()?);
    let (year, month) = if a.len() == 4 {
        (a, b)
    } else if c.len() == 4 {
        match order {
            DateOrder::MonthFirst if a.parse::<u32>().ok()? <= 12 => (c, a),
            _ => (c, b),
        }
    } else {
        return None;
    };
    let (year, month): (i32, i32) = (year.parse().ok()?, month.parse().ok()?);
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_give_their_month_in_the_common_spellings() {
        let march = Some(2026 * 12 + 2);
        assert_eq!(month_of("2026-03-14", DateOrder::DayFirst), march);
        assert_eq!(month_of("2026-03-14T09:30:00Z", DateOrder::DayFirst), march);
        assert_eq!(month_of("03/14/2026", DateOrder::MonthFirst), march);
        assert_eq!(month_of("14.03.2026", DateOrder::DayFirst), march);
        // A first number over 12 cannot be the month, whatever the column's habit.
        assert_eq!(month_of("14/03/2026", DateOrder::MonthFirst), march);
        assert_eq!(month_of("yesterday", DateOrder::DayFirst), None);
        assert_eq!(month_of("2026-13-01", DateOrder::DayFirst), None);
        assert_eq!(month_label(2026 * 12 + 2), "2026-03");
    }

    #[test]
    fn phones_are_checked_in_the_leads_country() {
        let mut regions = Regions::default();
        let germany = regions.get("Germany");
        assert_eq!(germany, regions.get("DE"));
        assert!(germany.is_some());
        assert_eq!(check_phone("+49 30 901820", None), Phone::Valid);
        assert_eq!(check_phone("030 901820", germany), Phone::Valid);
        assert_eq!(check_phone("12", germany), Phone::Invalid);
        assert_eq!(check_phone("+1 555", None), Phone::Invalid);
        assert_eq!(check_phone("", germany), Phone::Blank);
        // Without a country a national number cannot be judged, so it is not held against anyone.
        assert_eq!(check_phone("030 901820", None), Phone::Valid);
    }

    #[test]
    fn the_domain_is_what_follows_the_last_at() {
        assert_eq!(domain_of(b"Ana@Example.COM"), b"example.com");
        assert_eq!(domain_of(b"no address"), b"");
    }
}
