//! Facets: the lists besides topics that a reader filters by — the source,
//! the place (from the dateline, or a mapped field), the authors, and any
//! list field an import maps as `facet.<name>` (Reuters `places`, `people`,
//! `orgs`). One home for what an article's facet values are, and for the
//! table that numbers them in the site data.

use std::collections::BTreeMap;

use super::text::slugify;
use super::Article;

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
    pub fn new(articles: &[Article]) -> FacetTable {
        let found: Vec<Vec<(&str, String)>> = articles.iter().map(article_facets).collect();
        let mut facets: Vec<&str> = BUILT_IN.to_vec();
        let mut mapped: Vec<&str> = found
            .iter()
            .flatten()
            .map(|(f, _)| *f)
            .filter(|f| !BUILT_IN.contains(f) && is_facet_name(f))
            .collect();
        mapped.sort_unstable();
        mapped.dedup();
        facets.extend(mapped);
        let rank = |f: &str| facets.iter().position(|x| *x == f);
        // Numbered by first appearance from the oldest article on, so that
        // newer articles only add numbers: older catalog parts keep theirs
        // (`data::layout`). The engine shows facets in `facet_rank` order.
        let mut table = FacetTable::default();
        let mut numbers: BTreeMap<(usize, String), u16> = BTreeMap::new();
        let mut order: Vec<(usize, usize, usize)> = Vec::new(); // (facet, article, position)
        for (a, values) in found.iter().enumerate().rev() {
            for (p, (facet, _)) in values.iter().enumerate() {
                if let Some(r) = rank(facet) {
                    order.push((r, a, p));
                }
            }
        }
        table.articles = vec![Vec::new(); articles.len()];
        for (r, a, p) in order {
            let label = &found[a][p].1;
            let slug = slugify(label);
            let number = match numbers.get(&(r, slug.clone())) {
                Some(&n) => n,
                None => {
                    let Ok(n) = u16::try_from(table.values.len()) else {
                        table.dropped += 1;
                        continue;
                    };
                    numbers.insert((r, slug.clone()), n);
                    table.values.push(FacetValue {
                        facet: facets[r].to_string(),
                        slug,
                        label: label.clone(),
                    });
                    n
                }
            };
            if !table.articles[a].contains(&number) {
                table.articles[a].push(number);
            }
        }
        table
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
        let table = FacetTable::new(&articles);
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
}
