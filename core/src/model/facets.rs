//! Facets: the lists besides topics that a reader filters by — the source,
//! the place (from the dateline, or a mapped field), the authors, and any
//! list field an import maps as `facet.<name>` (Reuters `places`, `people`,
//! `orgs`). One home for what an article's facet values are, and for the
//! table that numbers them in the site data.

use std::collections::BTreeMap;

use super::text::slugify;
use super::{places_by_age, Article, Place, Tombstone};

pub const SOURCE: &str = "source";
pub const PLACE: &str = "place";
pub const AUTHOR: &str = "author";
/// The built-in facets, in the order the filters show them (mapped ones follow, by name).
pub const BUILT_IN: &[&str] = &[SOURCE, PLACE, AUTHOR];

/// URL keys that are not facets (the list's other state).
pub const RESERVED: &[&str] = &[
    "topic", "from", "to", "q", "exact", "sort", "unread", "list",
];

/// Whether `name` can be a facet: a short slug that is not one of the list's other URL keys.
/// Where a facet is listed: the built-in ones first, then the others by name.
pub fn facet_rank(name: &str) -> (usize, &str) {
    let built_in = BUILT_IN.iter().position(|b| *b == name);
    (built_in.unwrap_or(BUILT_IN.len()), name)
}

pub fn is_facet_name(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !RESERVED.contains(&name)
}

/// A facet's heading: "Source", "Place", "Author", or the mapped name
/// capitalised ("people" → "People").
pub fn facet_label(name: &str) -> String {
    // Names are ASCII (`is_facet_name`): no Unicode case table for this.
    let mut label = name.to_string();
    if let Some(first) = label.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    label
}

/// The place a dateline names: "TOKYO, March 3 -" → "Tokyo", "MEXICO CITY
/// (AP) —" → "Mexico City", "Paris" → "Paris". All-capital places are
/// written in title case, as readers look for them.
pub fn place_of_dateline(dateline: &str) -> Option<String> {
    let place = dateline
        .split([',', '(', '—', '–', '/'])
        .next()?
        .split(" - ")
        .next()?
        .trim()
        .trim_end_matches(['-', ':'])
        .trim();
    let words = place.split_whitespace().count();
    let letters = place.chars().any(char::is_alphabetic);
    let plausible = letters
        && (1..=4).contains(&words)
        && place.chars().count() <= 40
        && !place.chars().any(|c| c.is_ascii_digit());
    plausible.then(|| unshouted(place))
}

/// A name printed in capitals, in title case ("NEW YORK" → "New York",
/// "ALAN WHEATLEY" → "Alan Wheatley"); any other name as printed.
fn unshouted(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names in a byline: "By Rich Miller, Reuters" → ["Rich Miller"];
/// "By Ana Lima and Rui Costa" → ["Ana Lima", "Rui Costa"].
pub fn byline_names(byline: &str) -> Vec<String> {
    let byline = byline.trim();
    let names = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| byline.strip_prefix(p))
        .unwrap_or(byline);
    let names = names.split([',', ';', '|']).next().unwrap_or_default();
    names
        .split(" and ")
        .flat_map(|n| n.split(" & "))
        .map(str::trim)
        .filter(|n| (1..=5).contains(&n.split_whitespace().count()) && n.len() <= 60)
        .map(unshouted)
        .collect()
}

/// An article's facet values as (facet, label): mapped ones as given; the
/// source (or site name), the place of its dateline and its authors (or
/// the names in its byline) unless mapped.
pub fn article_facets(article: &Article) -> Vec<(&str, String)> {
    let mapped = article.facets.as_deref();
    let given = |name: &str| mapped.and_then(|m| m.get(name));
    let mut out: Vec<(&str, String)> = Vec::new();
    match given(SOURCE) {
        Some(values) => out.extend(values.iter().map(|v| (SOURCE, v.clone()))),
        None => out.extend(
            article
                .source
                .as_ref()
                .or(article.site_name.as_ref())
                .map(|s| (SOURCE, s.clone())),
        ),
    }
    match given(PLACE) {
        Some(values) => out.extend(values.iter().map(|v| (PLACE, v.clone()))),
        None => out.extend(
            article
                .dateline
                .as_deref()
                .and_then(place_of_dateline)
                .map(|p| (PLACE, p)),
        ),
    }
    match given(AUTHOR) {
        Some(values) => out.extend(values.iter().map(|v| (AUTHOR, v.clone()))),
        None if !article.authors.is_empty() => {
            out.extend(article.authors.iter().map(|a| (AUTHOR, a.clone())))
        }
        None => out.extend(
            article
                .byline
                .as_deref()
                .map(byline_names)
                .unwrap_or_default()
                .into_iter()
                .map(|a| (AUTHOR, a)),
        ),
    }
    for (name, values) in mapped.into_iter().flatten() {
        if !BUILT_IN.contains(&name.as_str()) {
            out.extend(values.iter().map(|v| (name.as_str(), v.clone())));
        }
    }
    out.retain(|(_, label)| !slugify(label).is_empty());
    out
}

/// One value of one facet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FacetValue {
    pub facet: String,
    pub slug: String,
    pub label: String,
}

/// The archive's facet values, numbered: the site data writes the table
/// in the manifest and each article's numbers in its catalog record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FacetTable {
    /// Values by first appearance, from the oldest article on.
    pub values: Vec<FacetValue>,
    /// Per article (catalog order), its values' numbers.
    pub articles: Vec<Vec<u16>>,
    /// Values past the table's limit (65,536): left out of the filters
    /// (the articles keep them in their pages).
    pub dropped: usize,
}

impl FacetTable {
    /// Numbered by first appearance from the oldest place on, so that newer
    /// articles only add numbers and older catalog parts keep theirs
    /// (`data::layout`); a removed article (`Tombstone`) keeps claiming its
    /// values, and one no article has any more stays as a hole (no slug, no
    /// label) that the filters leave out. The engine shows facets in
    /// `facet_rank` order, whatever the numbering.
    pub fn new(articles: &[Article], removed: &[Tombstone]) -> FacetTable {
        let found: Vec<Vec<(&str, String)>> = articles.iter().map(article_facets).collect();
        let valid = |f: &str| BUILT_IN.contains(&f) || is_facet_name(f);
        let mut table = FacetTable {
            articles: vec![Vec::new(); articles.len()],
            ..FacetTable::default()
        };
        let mut numbers: BTreeMap<(&str, String), u16> = BTreeMap::new();
        for place in places_by_age(articles, removed) {
            let values: Vec<(&str, String, Option<&str>)> = match place {
                Place::Article(a) => (found[a].iter())
                    .map(|(facet, label)| (*facet, slugify(label), Some(label.as_str())))
                    .collect(),
                Place::Removed(r) => (removed[r].facets.iter())
                    .map(|(facet, slug)| (facet.as_str(), slugify(slug), None))
                    .filter(|(_, slug, _)| !slug.is_empty())
                    .collect(),
            };
            for (facet, slug, label) in values.into_iter().filter(|v| valid(v.0)) {
                let number = match numbers.get(&(facet, slug.clone())) {
                    Some(&n) => n,
                    None => {
                        let Ok(n) = u16::try_from(table.values.len()) else {
                            table.dropped += usize::from(label.is_some());
                            continue;
                        };
                        numbers.insert((facet, slug.clone()), n);
                        table.values.push(FacetValue {
                            facet: facet.to_string(),
                            ..FacetValue::default()
                        });
                        n
                    }
                };
                let (Place::Article(a), Some(label)) = (place, label) else {
                    continue;
                };
                let value = &mut table.values[usize::from(number)];
                if value.slug.is_empty() {
                    // The first article with it names it.
                    (value.slug, value.label) = (slug, label.to_string());
                }
                if !table.articles[a].contains(&number) {
                    table.articles[a].push(number);
                }
            }
        }
        table
    }
}

impl FacetValue {
    /// A number only removed articles had: kept so the numbers after it do
    /// not move, never shown.
    pub fn is_hole(&self) -> bool {
        self.slug.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_come_from_datelines() {
        for (dateline, place) in [
            ("TOKYO, March 3 -", Some("Tokyo")),
            ("NEW YORK, March 3 -", Some("New York")),
            ("MEXICO CITY (AP) —", Some("Mexico City")),
            ("Paris", Some("Paris")),
            ("SALVADOR, Feb 26 -", Some("Salvador")),
            ("March 3, 1987 -", None),
            ("", None),
        ] {
            assert_eq!(place_of_dateline(dateline).as_deref(), place, "{dateline}");
        }
    }

    #[test]
    fn names_come_from_bylines() {
        assert_eq!(byline_names("By Rich Miller, Reuters"), ["Rich Miller"]);
        assert_eq!(
            byline_names("By Ana Lima and Rui Costa"),
            ["Ana Lima", "Rui Costa"]
        );
        assert_eq!(byline_names("Staff"), ["Staff"]);
        assert_eq!(byline_names("BY ALAN WHEATLEY, REUTERS"), ["Alan Wheatley"]);
        assert!(byline_names("").is_empty());
    }

    #[test]
    fn facet_names_stay_clear_of_the_list_keys() {
        assert!(is_facet_name("place"));
        assert!(is_facet_name("people"));
        assert!(!is_facet_name("topic"));
        assert!(!is_facet_name("q"));
        assert!(!is_facet_name("Place"));
        assert!(!is_facet_name("a b"));
    }

    fn article(json: serde_json::Value) -> Article {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_table_numbers_each_value_once_per_facet() {
        let articles = [
            article(
                serde_json::json!({"id": "a", "title": "A", "source": "Reuters",
                "dateline": "TOKYO, March 3 -", "byline": "By Rich Miller, Reuters",
                "facets": {"people": ["James Baker"], "place": ["japan", "usa"]}}),
            ),
            article(
                serde_json::json!({"id": "b", "title": "B", "source": "Reuters",
                "dateline": "Tokyo", "authors": ["Ana Lima"]}),
            ),
        ];
        let table = FacetTable::new(&articles, &[]);
        let labels: Vec<(&str, &str)> = table
            .values
            .iter()
            .map(|v| (v.facet.as_str(), v.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            // From the oldest article (b) on: a newer article only adds numbers.
            [
                ("source", "Reuters"),
                ("place", "Tokyo"),
                ("author", "Ana Lima"),
                ("place", "japan"),
                ("place", "usa"),
                ("author", "Rich Miller"),
                ("people", "James Baker"),
            ]
        );
        assert_eq!(table.articles, [vec![0, 3, 4, 5, 6], vec![0, 1, 2]]);
        assert_eq!(table.dropped, 0);
    }

    #[test]
    fn a_removed_article_keeps_its_numbers_and_leaves_holes() {
        let newer = article(serde_json::json!({"id": "b", "title": "B",
            "published": "2026-12-02T08:00", "source": "Wire", "authors": ["Rui Costa"]}));
        let oldest = article(serde_json::json!({"id": "a", "title": "A",
            "published": "2026-12-01T08:00", "source": "Wire", "authors": ["Ana Lima"],
            "facets": {"desk": ["Metro"]}}));
        let before = FacetTable::new(&[newer.clone(), oldest.clone()], &[]);
        let after = FacetTable::new(std::slice::from_ref(&newer), &[Tombstone::of(&oldest)]);
        // The newer article's numbers do not move, nor does the table's length.
        assert_eq!(after.articles, [before.articles[0].clone()]);
        assert_eq!(after.values.len(), before.values.len());
        let shown = |t: &FacetTable| -> Vec<(String, String, String)> {
            (t.values.iter())
                .map(|v| (v.facet.clone(), v.slug.clone(), v.label.clone()))
                .collect()
        };
        let s = |x: &str| x.to_string();
        assert_eq!(
            shown(&after),
            [
                (s("source"), s("wire"), s("Wire")),
                (s("author"), s(""), s("")),
                (s("desk"), s(""), s("")),
                (s("author"), s("rui-costa"), s("Rui Costa")),
            ],
            "the values only the removed article had are holes, a shared one keeps its name"
        );
        assert!(after.values[1].is_hole() && !after.values[0].is_hole());
        // A newer article with a hole's value fills it (named as it writes it).
        let back = article(serde_json::json!({"id": "c", "title": "C",
            "published": "2026-12-03T08:00", "authors": ["ANA LIMA"]}));
        let refilled = FacetTable::new(&[back, newer], &[Tombstone::of(&oldest)]);
        assert_eq!(refilled.values[1].label, "ANA LIMA");
        assert_eq!(refilled.articles[0], [1]);
    }
}
