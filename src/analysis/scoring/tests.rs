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
