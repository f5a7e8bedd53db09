//! Which leads a rule fires on: a condition checked against the columns of a leads file,
//! once per distinct value.

use super::{
    Column, Condition, DecimalMark, Field, FxHashSet, Icp, LeadTable, OnceLock, Phone, parse_amount,
};

/// The leads a rule fires on, or why it cannot be checked against this file.
pub type Hits = Result<Vec<bool>, Unanswerable>;

/// Why a rule cannot be checked against a leads file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unanswerable {
    /// The field it looks at ("job title", "email") has no column in the file.
    #[error("no column is mapped to {0}")]
    Unmapped(String),
    #[error("the ICP criterion it names was removed")]
    CriterionRemoved,
    /// The ICP criterion it names is about an attribute the file has no column for.
    #[error("the leads file has no “{0}” column")]
    NoSuchColumn(String),
    #[error("no competitor domain is listed")]
    NoCompetitors,
    #[error("neither a job title nor an email column is mapped")]
    NoTitleNorEmail,
}

/// Which leads `condition` fires on.
pub fn hits(table: &LeadTable, condition: &Condition, icp: &Icp) -> Hits {
    let text = |field: Field| {
        table
            .field(field)
            .ok_or_else(|| Unanswerable::Unmapped(field.label().to_lowercase()))
    };
    match condition {
        Condition::TitleContains(words) => {
            let words: Vec<String> = words.iter().map(|w| words_of(w)).collect();
            let words: Vec<&String> = words.iter().filter(|w| !w.trim().is_empty()).collect();
            Ok(per_value(text(Field::Title)?, |title| {
                let title = words_of(title);
                words.iter().any(|word| title.contains(word.as_str()))
            }))
        }
        Condition::CompanySizeBetween { min, max } => {
            let (min, max) = (f64::from(*min), f64::from(*max));
            Ok(per_value(text(Field::CompanySize)?, |size| {
                size_range(size).is_some_and(|(low, high)| low >= min && high <= max)
            }))
        }
        Condition::IndustryIn(industries) => Ok(per_value(text(Field::Industry)?, |industry| {
            industries
                .iter()
                .any(|i| i.trim().eq_ignore_ascii_case(industry.trim()))
        })),
        Condition::CountryIn(countries) => {
            let wanted: Vec<String> = countries
                .iter()
                .filter(|c| !c.trim().is_empty())
                .map(|c| country_key(c))
                .collect();
            Ok(per_value(text(Field::Country)?, |country| {
                wanted.contains(&country_key(country))
            }))
        }
        Condition::MatchesIcpCriterion(id) => {
            let criterion = icp
                .criteria
                .iter()
                .find(|c| c.id == *id)
                .ok_or(Unanswerable::CriterionRemoved)?;
            let column = table
                .column_named(&criterion.attribute)
                .ok_or_else(|| Unanswerable::NoSuchColumn(criterion.attribute.trim().to_owned()))?;
            Ok(per_value(column, |value| {
                criterion
                    .values
                    .iter()
                    .any(|wanted| value_matches(wanted, value))
            }))
        }
        Condition::Did(behaviour) => Ok(per_value(text(Field::Did(*behaviour))?, did)),
        Condition::CompetitorDomain(domains) => {
            if domains.iter().all(|d| d.trim().is_empty()) {
                return Err(Unanswerable::NoCompetitors);
            }
            let domains: Vec<String> = domains
                .iter()
                .map(|d| d.trim().trim_start_matches('@').to_lowercase())
                .filter(|d| !d.is_empty())
                .collect();
            let emails = email_domains(table)?;
            Ok(per_value(emails, |domain| {
                domains
                    .iter()
                    .any(|d| domain == d || domain.ends_with(&format!(".{d}")))
            }))
        }
        Condition::Student => {
            let by_title = table
                .field(Field::Title)
                .map(|title| per_value(title, |t| words_of(t).contains(" student ")));
            let by_email = table.email_domain.as_ref().map(|d| per_value(d, academic));
            match (by_title, by_email) {
                (None, None) => Err(Unanswerable::NoTitleNorEmail),
                (Some(a), Some(b)) => Ok(a.iter().zip(&b).map(|(a, b)| *a || *b).collect()),
                (Some(only), None) | (None, Some(only)) => Ok(only),
            }
        }
        Condition::FreeMailAddress => {
            let free = free_mail_domains();
            Ok(per_value(email_domains(table)?, |d| free.contains(d)))
        }
        Condition::InvalidPhone => {
            if table.phones.is_empty() && !table.is_empty() {
                return Err(Unanswerable::Unmapped("phone".to_owned()));
            }
            Ok(table.phones.iter().map(|p| *p == Phone::Invalid).collect())
        }
    }
}

pub(super) fn email_domains(table: &LeadTable) -> Result<&Column, Unanswerable> {
    table
        .email_domain
        .as_ref()
        .ok_or_else(|| Unanswerable::Unmapped("email".to_owned()))
}

/// Evaluates `test` once per distinct value of `column` and spreads the answers over its rows.
pub(super) fn per_value(column: &Column, test: impl Fn(&str) -> bool) -> Vec<bool> {
    let answers: Vec<bool> = column.values.iter().map(|v| test(v)).collect();
    column.codes.iter().map(|&c| answers[c as usize]).collect()
}

/// Lowercase words separated by single spaces, with a space at each end, so that " vp " is
/// found in " svp of sales " only as a whole word.
pub(super) fn words_of(text: &str) -> String {
    let mut words = String::from(" ");
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words.push_str(&word.to_lowercase());
        words.push(' ');
    }
    words
}

/// A company size as the range it stands for: "120" is 120 to 120, "51-200" is 51 to 200,
/// "10,001+" is 10,001 and up.
pub(super) fn size_range(text: &str) -> Option<(f64, f64)> {
    let text = text.trim();
    let number = |part: &str| parse_amount(part.trim(), DecimalMark::Point).ok().flatten();
    if let Some(open) = text.strip_suffix('+') {
        return Some((number(open)?, f64::INFINITY));
    }
    if let Some((low, high)) = text.split_once(['-', '–']) {
        return Some((number(low)?, number(high)?));
    }
    number(text).map(|n| (n, n))
}

/// True when an ICP criterion's value covers a lead's: the same text, or a band ("100–499",
/// "≥ 500", "< 50") that holds its number.
pub(super) fn value_matches(wanted: &str, value: &str) -> bool {
    let (wanted, value) = (wanted.trim(), value.trim());
    if wanted.eq_ignore_ascii_case(value) {
        return true;
    }
    let number = |text: &str| {
        parse_amount(&text.replace(',', ""), DecimalMark::Point)
            .ok()
            .flatten()
    };
    let Some(n) = number(value) else {
        return false;
    };
    if let Some(low) = wanted.strip_prefix('≥') {
        return number(low).is_some_and(|low| n >= low);
    }
    if let Some(high) = wanted.strip_prefix('<') {
        return number(high).is_some_and(|high| n < high);
    }
    match wanted.split_once('–') {
        Some((low, high)) => match (number(low), number(high)) {
            (Some(low), Some(high)) => n >= low && n < high,
            _ => false,
        },
        None => false,
    }
}

/// A country, written as a code or a name, as one comparable key ("de", "deu" and "Germany"
/// all give "DE").
pub(super) fn country_key(country: &str) -> String {
    let key: String = country
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    key.parse::<celes::Country>()
        .map_or(key, |c| c.alpha2.to_owned())
}

/// True when a behaviour cell says it happened: a "yes", a count above zero, a date.
pub(super) fn did(cell: &str) -> bool {
    let cell = cell.trim();
    let no = ["", "0", "no", "n", "false", "f", "none", "-", "never"];
    if no.iter().any(|n| cell.eq_ignore_ascii_case(n)) {
        return false;
    }
    match parse_amount(cell, DecimalMark::Point) {
        Ok(Some(count)) => count > 0.0,
        _ => true,
    }
}

/// A university's domain: ".edu", or ".ac" or ".edu" before a country code ("ox.ac.uk").
pub(super) fn academic(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    match labels.as_slice() {
        [.., last] if *last == "edu" => true,
        [.., kind, country] => (*kind == "ac" || *kind == "edu") && country.len() == 2,
        _ => false,
    }
}

/// The free-mail domains of `assets/data/free-mail-domains.txt`, sorted: what a CRM's own
/// scoring rule must list to give the same points.
pub fn free_mail_list() -> Vec<&'static str> {
    let mut domains: Vec<&'static str> = free_mail_domains().iter().copied().collect();
    domains.sort_unstable();
    domains
}

/// The free-mail domains of `assets/data/free-mail-domains.txt`.
pub(super) fn free_mail_domains() -> &'static FxHashSet<&'static str> {
    static DOMAINS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    DOMAINS.get_or_init(|| {
        include_str!("../../../assets/data/free-mail-domains.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}
