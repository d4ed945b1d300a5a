//! What the list's filter controls show, worked out from a view's outcome:
//! which values a multi-select lists, and the histogram's bars and words.
//! The app's panel (`src/components/filters`) only puts these on the page.

use super::search::tokens;
use super::{Bucket, Histogram, TopicCount, Unit};
use crate::model::text::{group_thousands, plural};

/// How many values a multi-select shows before "Show all".
pub const SHORT_LIST: usize = 10;

/// `s` as search reads it: lowercase words, accents folded, one space apart.
fn folded(s: &str) -> String {
    tokens(s)
        .into_iter()
        .map(|t| t.word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The values a multi-select lists, in the outcome's order, and how many
/// match `find`. A value is listed when it matches `find` (by label or by
/// its URL value) and either it is among the first [`SHORT_LIST`], or the
/// reader asked for all (`all`) or typed a find, or it is chosen: a chosen
/// value never hides.
pub fn listed<'a>(
    values: &'a [TopicCount],
    chosen: &[String],
    find: &str,
    all: bool,
) -> (Vec<&'a TopicCount>, usize) {
    let needle = folded(find);
    let matching = values.iter().filter(|t| {
        needle.is_empty() || folded(&t.label).contains(&needle) || t.slug.contains(&needle)
    });
    let mut total = 0;
    let shown = matching
        .inspect(|_| total += 1)
        .enumerate()
        .filter(|(i, t)| {
            all || !needle.is_empty() || *i < SHORT_LIST || chosen.iter().any(|c| **c == *t.slug)
        })
        .map(|(_, t)| t)
        .collect();
    (shown, total)
}

/// One bar of the histogram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// "April 1987: 1,203 articles": its name and tooltip.
    pub label: String,
    /// Its height in tenths of a percent: 0 when empty, else at least 4 %
    /// (so one article still shows) up to 100 % for the fullest.
    pub permille: usize,
}

impl Bar {
    /// The CSS height, in whole tenths of a percent: integer formatting keeps
    /// float printing out of the wasm.
    pub fn height(&self) -> String {
        format!("height: {}.{}%", self.permille / 10, self.permille % 10)
    }
}

/// A bucket as the reader reads it: "7 April 1987", "April 1987", "1987",
/// "1980–1989".
pub fn bucket_label(bucket: &Bucket, unit: Unit) -> String {
    match unit {
        Unit::Day => bucket.first.long(),
        Unit::Month => format!("{} {}", bucket.first.month_name(), bucket.first.year),
        Unit::Year if bucket.first.year == bucket.last.year => bucket.first.year.to_string(),
        Unit::Year => format!("{}–{}", bucket.first.year, bucket.last.year),
    }
}

pub fn bars(histogram: &Histogram) -> Vec<Bar> {
    let max = histogram
        .buckets
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    histogram
        .buckets
        .iter()
        .map(|bucket| Bar {
            label: format!(
                "{}: {}",
                bucket_label(bucket, histogram.unit),
                plural(bucket.count, "article", "articles")
            ),
            permille: match bucket.count {
                0 => 0,
                n => 40 + 960 * n / max,
            },
        })
        .collect()
}

/// "Results by month (12 undated not shown)".
pub fn caption(histogram: &Histogram) -> String {
    let unit = match (histogram.unit, histogram.buckets.first()) {
        (Unit::Day, _) => "day",
        (Unit::Month, _) => "month",
        (Unit::Year, Some(b)) if b.first.year != b.last.year => "years",
        (Unit::Year, _) => "year",
    };
    let undated = match histogram.undated {
        0 => String::new(),
        n => format!(" ({} undated not shown)", group_thousands(n)),
    };
    format!("Results by {unit}{undated}")
}

/// The labels under the first and the last bar.
pub fn ends(histogram: &Histogram) -> (String, String) {
    match (histogram.buckets.first(), histogram.buckets.last()) {
        (Some(a), Some(b)) => (
            bucket_label(a, histogram.unit),
            bucket_label(b, histogram.unit),
        ),
        _ => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn value(slug: &str, label: &str, count: usize) -> TopicCount {
        TopicCount {
            slug: slug.into(),
            label: label.into(),
            count,
        }
    }

    fn slugs(listed: &[&TopicCount]) -> Vec<String> {
        listed.iter().map(|t| t.slug.to_string()).collect()
    }

    #[test]
    fn a_multi_select_lists_the_first_values_and_every_chosen_one() {
        let values: Vec<TopicCount> = (0..15)
            .map(|i| value(&format!("v{i}"), &format!("Value {i}"), 100 - i))
            .collect();
        let (shown, total) = listed(&values, &[], "", false);
        assert_eq!(total, 15);
        assert_eq!(
            slugs(&shown),
            (0..10).map(|i| format!("v{i}")).collect::<Vec<_>>()
        );

        // A chosen value past the short list still shows, in its place.
        let (shown, _) = listed(&values, &["v13".to_string()], "", false);
        assert_eq!(shown.len(), 11);
        assert_eq!(shown[10].slug.as_ref(), "v13");

        let (shown, total) = listed(&values, &[], "", true);
        assert_eq!((shown.len(), total), (15, 15));
    }

    #[test]
    fn find_matches_labels_as_search_reads_them_and_url_values() {
        let values = vec![
            value("ivory-coast", "Côte d'Ivoire", 3),
            value("usa", "United States", 9),
            value("uk", "United Kingdom", 2),
        ];
        let (shown, total) = listed(&values, &[], "COTE", false);
        assert_eq!((slugs(&shown), total), (vec!["ivory-coast".to_string()], 1));
        let (shown, _) = listed(&values, &[], "united", false);
        assert_eq!(slugs(&shown), ["usa", "uk"]);
        let (shown, _) = listed(&values, &[], "usa", false);
        assert_eq!(slugs(&shown), ["usa"]);
        let (shown, total) = listed(&values, &[], "nowhere", false);
        assert!(shown.is_empty());
        assert_eq!(total, 0);
    }

    fn month(year: u16, m: u8, count: usize) -> Bucket {
        let last = (28..=31).rev().find_map(|d| Date::new(year, m, d)).unwrap();
        Bucket {
            first: Date::new(year, m, 1).unwrap(),
            last,
            count,
        }
    }

    #[test]
    fn bars_are_named_and_sized_from_the_fullest() {
        let histogram = Histogram {
            unit: Unit::Month,
            buckets: vec![month(1987, 3, 1200), month(1987, 4, 0), month(1987, 5, 1)],
            undated: 1234,
        };
        let bars = bars(&histogram);
        assert_eq!(bars[0].label, "March 1987: 1,200 articles");
        assert_eq!(bars[1].label, "April 1987: 0 articles");
        assert_eq!(bars[2].label, "May 1987: 1 article");
        assert_eq!(
            bars.iter().map(|b| b.permille).collect::<Vec<_>>(),
            [1000, 0, 40]
        );
        assert_eq!(bars[0].height(), "height: 100.0%");
        assert_eq!(bars[2].height(), "height: 4.0%");
        assert_eq!(
            caption(&histogram),
            "Results by month (1,234 undated not shown)"
        );
        assert_eq!(ends(&histogram), ("March 1987".into(), "May 1987".into()));
    }

    #[test]
    fn days_and_runs_of_years_have_their_own_words() {
        let day = Date::new(1987, 4, 7).unwrap();
        let bucket = Bucket {
            first: day,
            last: day,
            count: 2,
        };
        assert_eq!(bucket_label(&bucket, Unit::Day), "7 April 1987");
        let decade = Bucket {
            first: Date::new(1980, 1, 1).unwrap(),
            last: Date::new(1989, 12, 31).unwrap(),
            count: 5,
        };
        assert_eq!(bucket_label(&decade, Unit::Year), "1980–1989");
        let years = Histogram {
            unit: Unit::Year,
            buckets: vec![decade],
            undated: 0,
        };
        assert_eq!(caption(&years), "Results by years");
        let empty = Histogram {
            unit: Unit::Day,
            buckets: vec![],
            undated: 0,
        };
        assert!(bars(&empty).is_empty());
        assert_eq!(ends(&empty), (String::new(), String::new()));
    }
}
