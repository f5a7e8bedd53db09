//! Numbers cut into bands: the default edges for a column, edges as the room types them, and
//! how a band is labelled.

use super::{Column, DecimalMark, Grouping, parse_amount};

/// Categories for text, bands for numbers: a column is numeric when nine in ten of its non-blank
/// cells are numbers and it has more distinct values than a category list would.
pub fn default_grouping(column: &Column) -> Grouping {
    let counts = column.counts();
    let mark = DecimalMark::guess(column.values.iter().map(String::as_str), DecimalMark::Point);
    let mut numbers: Vec<(f64, u64)> = Vec::new();
    let (mut filled, mut numeric) = (0u64, 0u64);
    for (value, &count) in column.values.iter().zip(&counts) {
        if value.is_empty() {
            continue;
        }
        filled += count;
        if let Ok(Some(number)) = parse_amount(value, mark) {
            numeric += count;
            numbers.push((number, count));
        }
    }
    if filled == 0 || numeric * 10 < filled * 9 || numbers.len() <= 12 {
        return Grouping::Categories;
    }
    Grouping::Bands(default_edges(&mut numbers))
}

/// Band edges near the quartiles, rounded to 1, 2 or 5 times a power of ten.
pub(super) fn default_edges(numbers: &mut [(f64, u64)]) -> Vec<f64> {
    numbers.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: u64 = numbers.iter().map(|(_, count)| count).sum();
    let (Some(&(min, _)), Some(&(max, _))) = (numbers.first(), numbers.last()) else {
        return Vec::new();
    };
    let mut edges: Vec<f64> = Vec::new();
    for quarter in 1..4 {
        let target = total * quarter / 4;
        let mut seen = 0;
        let quantile = numbers
            .iter()
            .find(|(_, count)| {
                seen += count;
                seen > target
            })
            .map_or(max, |(value, _)| *value);
        let edge = nice(quantile);
        if edge > min && edge <= max && edges.last().is_none_or(|last| edge > *last) {
            edges.push(edge);
        }
    }
    edges
}

/// The nearest of 1, 2 and 5 times a power of ten (in ratio).
pub(super) fn nice(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return value.max(0.0);
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .min_by(|a, b| (a / value).ln().abs().total_cmp(&(b / value).ln().abs()))
        .unwrap_or(value)
}

/// Parses band edges as the facilitator types them: "50, 200, 1000" or "50 200 1 000".
pub fn parse_edges(text: &str) -> Result<Vec<f64>, NotANumber> {
    let mut edges = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match parse_amount(part, DecimalMark::Point) {
            Ok(Some(edge)) => edges.push(edge),
            _ => return Err(NotANumber(part.to_owned())),
        }
    }
    edges.sort_by(f64::total_cmp);
    edges.dedup();
    Ok(edges)
}

/// A band edge that does not read as a number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a number")]
pub struct NotANumber(pub String);

/// A number as a band edge is written: 1,000 or 2.5.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = format!("{}", value.abs() as u64);
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if value < 0.0 {
            grouped.insert(0, '-');
        }
        grouped
    } else {
        format!("{value:.2}")
    }
}

/// The label of band `index` of `edges`: "< 50", "50–200", "≥ 1,000".
pub fn band_label(edges: &[f64], index: usize) -> String {
    match (
        index.checked_sub(1).and_then(|i| edges.get(i)),
        edges.get(index),
    ) {
        (None, Some(upper)) => format!("< {}", format_number(*upper)),
        (Some(lower), Some(upper)) => {
            format!("{}–{}", format_number(*lower), format_number(*upper))
        }
        (Some(lower), None) => format!("≥ {}", format_number(*lower)),
        (None, None) => "All".to_owned(),
    }
}
