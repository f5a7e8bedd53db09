//! Lead scoring: which leads each rule fires on, their scores, how many pass the threshold (per
//! month when the leads are dated), the score distribution, Sales' follow-up capacity, and the
//! threshold that gives a target volume. The screen and `accord score` both use these.
//!
//! Which leads a rule fires on depends only on its condition; the points only weigh it. So the
//! hits are kept per rule, and moving a slider only adds them up again.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::import::customers::Column;
use crate::import::leads::{Field, LeadTable, Month, Phone, month_label};
use crate::import::money::{DecimalMark, parse_amount};
use crate::model::{Condition, Function, Icp, SalesCapacity, ScoringModel, Session, TimeUnit};

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

fn email_domains(table: &LeadTable) -> Result<&Column, Unanswerable> {
    table
        .email_domain
        .as_ref()
        .ok_or_else(|| Unanswerable::Unmapped("email".to_owned()))
}

/// Evaluates `test` once per distinct value of `column` and spreads the answers over its rows.
fn per_value(column: &Column, test: impl Fn(&str) -> bool) -> Vec<bool> {
    let answers: Vec<bool> = column.values.iter().map(|v| test(v)).collect();
    column.codes.iter().map(|&c| answers[c as usize]).collect()
}

/// Lowercase words separated by single spaces, with a space at each end, so that " vp " is
/// found in " svp of sales " only as a whole word.
fn words_of(text: &str) -> String {
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
fn size_range(text: &str) -> Option<(f64, f64)> {
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
fn value_matches(wanted: &str, value: &str) -> bool {
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
fn country_key(country: &str) -> String {
    let key: String = country
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    key.parse::<celes::Country>()
        .map_or(key, |c| c.alpha2.to_owned())
}

/// True when a behaviour cell says it happened: a "yes", a count above zero, a date.
fn did(cell: &str) -> bool {
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
fn academic(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    match labels.as_slice() {
        [.., last] if *last == "edu" => true,
        [.., kind, country] => (*kind == "ac" || *kind == "edu") && country.len() == 2,
        _ => false,
    }
}

/// The free-mail domains of `assets/data/free-mail-domains.txt`.
fn free_mail_domains() -> &'static FxHashSet<&'static str> {
    static DOMAINS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    DOMAINS.get_or_init(|| {
        include_str!("../../assets/data/free-mail-domains.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

/// Every lead's score under a model, with the hits that made it.
#[derive(Clone, Debug, Default)]
pub struct Scored {
    /// Per rule of the model, in its order.
    pub hits: Vec<Hits>,
    pub scores: Vec<i32>,
    /// The scores in ascending order, to count the leads above any threshold quickly.
    sorted: Vec<i32>,
    /// The same for the leads with a readable date.
    dated_sorted: Vec<i32>,
    /// How many calendar months the dated leads span, first to last; 0 without dates.
    pub months: u32,
    pub first_month: Option<Month>,
    /// Leads whose date could not be read (0 without a date column).
    pub undated: u64,
    /// The scores in bands of [`BIN_POINTS`], lowest first.
    pub distribution: Vec<Bin>,
}

/// The width of the distribution's bands, in points.
pub const BIN_POINTS: i32 = 10;

impl Scored {
    /// Checks every rule, then scores.
    pub fn new(table: &LeadTable, model: &ScoringModel, icp: &Icp) -> Self {
        let hits = model
            .rules
            .iter()
            .map(|rule| hits(table, &rule.condition, icp))
            .collect();
        let mut scored = Self {
            hits,
            ..Self::default()
        };
        let dated: Vec<Month> = table.months.iter().flatten().copied().collect();
        if let (Some(first), Some(last)) = (dated.iter().min(), dated.iter().max()) {
            scored.first_month = Some(*first);
            scored.months = (last - first + 1) as u32;
        }
        scored.undated = table.months.iter().filter(|m| m.is_none()).count() as u64;
        scored.rescore(table, model);
        scored
    }

    /// Adds up the points again, for when only points changed.
    pub fn rescore(&mut self, table: &LeadTable, model: &ScoringModel) {
        let mut scores = vec![0i32; table.len];
        for (rule, hits) in model.rules.iter().zip(&self.hits) {
            if let Ok(hits) = hits {
                for (score, hit) in scores.iter_mut().zip(hits) {
                    if *hit {
                        *score = score.saturating_add(rule.points);
                    }
                }
            }
        }
        self.sorted = scores.clone();
        self.sorted.sort_unstable();
        self.dated_sorted = scores
            .iter()
            .zip(&table.months)
            .filter(|(_, month)| month.is_some())
            .map(|(score, _)| *score)
            .collect();
        self.dated_sorted.sort_unstable();
        self.distribution = histogram(&scores, BIN_POINTS);
        self.scores = scores;
    }

    /// How many leads score at or above `threshold`.
    pub fn qualifying(&self, threshold: i32) -> usize {
        at_or_above(&self.sorted, threshold)
    }

    /// MQLs a month at `threshold`, averaged over the months the dated leads span.
    pub fn per_month(&self, threshold: i32) -> Option<f64> {
        (self.months > 0)
            .then(|| at_or_above(&self.dated_sorted, threshold) as f64 / f64::from(self.months))
    }

    /// The lowest threshold that gives at most `target` MQLs a month (or, without dates, in the
    /// whole file), with the volume it gives. `None` when there are no leads.
    pub fn threshold_for(&self, target: f64) -> Option<(i32, f64)> {
        let (sorted, months) = if self.months > 0 {
            (&self.dated_sorted, f64::from(self.months))
        } else {
            (&self.sorted, 1.0)
        };
        let (&lowest, &highest) = (sorted.first()?, sorted.last()?);
        // Volume only falls as the threshold rises, and only changes at a lead's score.
        let mut candidates: Vec<i32> = sorted.clone();
        candidates.dedup();
        candidates.push(highest.saturating_add(1));
        let volume = |t: i32| at_or_above(sorted, t) as f64 / months;
        let threshold = candidates
            .into_iter()
            .find(|&t| volume(t) <= target)
            .unwrap_or(lowest);
        Some((threshold, volume(threshold)))
    }

    pub fn lowest(&self) -> Option<i32> {
        self.sorted.first().copied()
    }

    pub fn highest(&self) -> Option<i32> {
        self.sorted.last().copied()
    }
}

fn at_or_above(sorted: &[i32], threshold: i32) -> usize {
    sorted.len() - sorted.partition_point(|&s| s < threshold)
}

/// MQLs Sales can follow up in a month within the response-time SLA; `None` until the room
/// gave the number of SDRs and how many follow-ups each manages a day.
pub fn capacity_per_month(capacity: &SalesCapacity) -> Option<u64> {
    let per_month = u64::from(capacity.sdrs)
        * u64::from(capacity.follow_ups_per_sdr_per_day)
        * u64::from(capacity.working_days_per_month);
    (per_month > 0).then_some(per_month)
}

/// The response time Sales committed to for MQLs, as an adjective ("4-hour"): the first timed
/// SLA from a sales team to Marketing.
pub fn follow_up_window(session: &Session) -> Option<String> {
    let function = |team| session.team(team?).map(|t| t.function);
    session
        .slas
        .iter()
        .filter(|sla| {
            matches!(
                function(sla.from_team),
                Some(Function::SalesDevelopment | Function::AccountExecutives)
            ) && function(sla.to_team) == Some(Function::Marketing)
        })
        .find(|sla| sla.when.amount > 0 && sla.when.unit != TimeUnit::PerMonth)
        .map(|sla| {
            let unit = sla
                .when
                .unit
                .label()
                .trim_end_matches('s')
                .replace(' ', "-");
            format!("{}-{unit}", sla.when.amount)
        })
}

/// One bar of the score distribution: leads scoring `from` to `to`, both included.
/// One band of the score distribution: the leads scoring `from` to `to`, both included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bin {
    pub from: i64,
    pub to: i64,
    pub leads: u64,
}

/// The most bands a distribution is drawn in. Scores spread wider than that many bands of
/// the asked width are shown in wider bands (a whole multiple of it), so whatever the rules'
/// points add up to, the distribution costs a screenful of bars, never memory.
pub const MAX_BINS: i64 = 100;

/// The scores in bins `width` points wide (or a multiple of it, to stay within [`MAX_BINS`]),
/// aligned on multiples of the width, lowest first. Worked out in i64: no score is near its
/// limits.
pub fn histogram(scores: &[i32], width: i32) -> Vec<Bin> {
    let (Some(&low), Some(&high)) = (scores.iter().min(), scores.iter().max()) else {
        return Vec::new();
    };
    let (low, high) = (i64::from(low), i64::from(high));
    let base = i64::from(width.max(1));
    let bins_of = |width: i64| high.div_euclid(width) - low.div_euclid(width) + 1;
    let mut width = base * bins_of(base).div_euclid(MAX_BINS).max(1);
    while bins_of(width) > MAX_BINS {
        width += base;
    }
    let start = low.div_euclid(width) * width;
    let mut bins: Vec<Bin> = (0..bins_of(width))
        .map(|i| {
            let from = start + i * width;
            Bin {
                from,
                to: from + width - 1,
                leads: 0,
            }
        })
        .collect();
    for &score in scores {
        let index = (i64::from(score) - start).div_euclid(width);
        if let Some(bin) = usize::try_from(index).ok().and_then(|i| bins.get_mut(i)) {
            bin.leads += 1;
        }
    }
    bins
}

/// Leads and MQLs of one calendar month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthVolume {
    pub month: String,
    pub leads: u64,
    pub mqls: u64,
}

/// Leads and MQLs month by month, oldest first; empty without dates.
pub fn by_month(table: &LeadTable, scored: &Scored, threshold: i32) -> Vec<MonthVolume> {
    let Some(first) = scored.first_month else {
        return Vec::new();
    };
    let mut months: Vec<MonthVolume> = (0..scored.months as i32)
        .map(|i| MonthVolume {
            month: month_label(first + i),
            leads: 0,
            mqls: 0,
        })
        .collect();
    for (month, score) in table.months.iter().zip(&scored.scores) {
        if let Some(month) = month {
            let slot = &mut months[(month - first) as usize];
            slot.leads += 1;
            slot.mqls += u64::from(*score >= threshold);
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_whole_words_only() {
        assert!(words_of("SVP, Sales").contains(" svp "));
        assert!(!words_of("MVP Engineer").contains(" vp "));
        assert!(words_of("Head of Growth").contains(&words_of("head OF")));
    }

    #[test]
    fn sizes_read_as_ranges() {
        assert_eq!(size_range("120"), Some((120.0, 120.0)));
        assert_eq!(size_range("51-200"), Some((51.0, 200.0)));
        assert_eq!(size_range("1,001–5,000"), Some((1001.0, 5000.0)));
        assert_eq!(size_range("10,001+"), Some((10001.0, f64::INFINITY)));
        assert_eq!(size_range("unknown"), None);
    }

    #[test]
    fn icp_bands_hold_numbers() {
        assert!(value_matches("≥ 100", "250"));
        assert!(!value_matches("≥ 100", "99"));
        assert!(value_matches("100–499", "100"));
        assert!(
            !value_matches("100–499", "499"),
            "a band's upper edge is the next band's"
        );
        assert!(value_matches("< 50", "12"));
        assert!(value_matches("Fintech", "fintech"));
        assert!(!value_matches("Fintech", "Retail"));
    }

    #[test]
    fn behaviour_cells_say_yes_in_many_ways() {
        for yes in ["Yes", "TRUE", "1", "3", "2026-03-01", "x"] {
            assert!(did(yes), "{yes}");
        }
        for no in ["", "No", "false", "0", "-", "never"] {
            assert!(!did(no), "{no}");
        }
    }

    #[test]
    fn academic_and_free_mail_domains_are_known() {
        assert!(academic("stanford.edu"));
        assert!(academic("ox.ac.uk"));
        assert!(academic("unimelb.edu.au"));
        assert!(!academic("acme.com"));
        assert!(free_mail_domains().contains("gmail.com"));
        assert!(!free_mail_domains().contains("acme.com"));
    }

    #[test]
    fn countries_compare_by_code_whatever_their_spelling() {
        assert_eq!(country_key("Germany"), country_key("DE"));
        assert_eq!(country_key("United States"), country_key("usa"));
        assert_ne!(country_key("France"), country_key("DE"));
    }

    #[test]
    fn the_histogram_widens_its_bins_rather_than_grow_past_its_cap() {
        // A rule worth two billion points once asked for 400 million bins: 6.4 GB.
        let scores = [i32::MIN, -5, 0, 7, i32::MAX];
        let bins = histogram(&scores, 10);
        assert!(bins.len() as i64 <= MAX_BINS, "{} bins", bins.len());
        let width = bins[0].to - bins[0].from + 1;
        assert_eq!(width % 10, 0, "a whole multiple of the asked width");
        assert!(bins.iter().all(|b| b.to - b.from + 1 == width));
        assert!(
            bins.windows(2).all(|w| w[1].from == w[0].to + 1),
            "contiguous"
        );
        assert_eq!(
            bins.iter().map(|b| b.leads).sum::<u64>(),
            5,
            "every score is in a bin"
        );
        assert!(bins[0].from <= i64::from(i32::MIN));
        assert!(bins.last().unwrap().to >= i64::from(i32::MAX));
        // Just past the cap: a few wider bins, not a hundred and one.
        let spread: Vec<i32> = (0..=1000).collect();
        let bins = histogram(&spread, 10);
        assert!(bins.len() as i64 <= MAX_BINS);
        assert_eq!(bins[0].to - bins[0].from + 1, 20);
        assert_eq!(
            histogram(&[3, 99], 10).len(),
            10,
            "within the cap the width stays"
        );
    }

    #[test]
    fn the_histogram_aligns_bins_on_the_width() {
        let bins = histogram(&[-20, -1, 0, 9, 10, 55], 10);
        let spans: Vec<(i64, i64, u64)> = bins.iter().map(|b| (b.from, b.to, b.leads)).collect();
        assert_eq!(
            spans,
            [
                (-20, -11, 1),
                (-10, -1, 1),
                (0, 9, 2),
                (10, 19, 1),
                (20, 29, 0),
                (30, 39, 0),
                (40, 49, 0),
                (50, 59, 1)
            ]
        );
    }

    #[test]
    fn the_follow_up_window_comes_from_the_sales_to_marketing_sla() {
        let session = crate::storage::templates::find("b2b-sales-led")
            .and_then(|t| t.session().ok())
            .unwrap_or_default();
        assert_eq!(follow_up_window(&session).as_deref(), Some("4-hour"));
        assert_eq!(follow_up_window(&Session::default()), None);
    }

    #[test]
    fn capacity_needs_both_numbers() {
        let mut capacity = SalesCapacity::default();
        assert_eq!(capacity_per_month(&capacity), None);
        capacity.sdrs = 2;
        capacity.follow_ups_per_sdr_per_day = 6;
        assert_eq!(capacity_per_month(&capacity), Some(2 * 6 * 21));
    }
}
