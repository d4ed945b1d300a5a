//! Search quality on a real archive, measured the same way by the benchmark
//! (`query-bench`) and asserted by the native tests: how stable the results
//! are while a query is typed, and how often a misspelled query still finds
//! its story.

use dateline_core::model::Catalog;
use dateline_core::query::{Engine, View};

/// The benchmark's queries (`tests/bench/queries.json`).
#[derive(Debug, serde::Deserialize)]
pub struct Queries {
    pub typing: Vec<String>,
    #[serde(default)]
    pub misspellings: Vec<Misspelling>,
}

/// A misspelled query and the story it is meant to find.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Misspelling {
    pub query: String,
    /// The article id.
    pub story: String,
    /// The misspelled word and the word meant.
    pub typo: String,
    pub meant: String,
    /// What was done to the word ("transposition: swapped 'ne'", ...).
    pub edit: String,
}

impl Queries {
    pub fn load() -> Queries {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/bench/queries.json");
        let text = std::fs::read_to_string(path).expect("tests/bench/queries.json is readable");
        serde_json::from_str(&text).expect("tests/bench/queries.json is well formed")
    }
}

/// The first ten results of a query.
pub fn top10(engine: &Engine, catalog: &Catalog, q: &str) -> Vec<u32> {
    let view = View {
        q: q.into(),
        ..View::default()
    };
    let mut hits = engine.run(catalog, &view).hits;
    hits.truncate(10);
    hits
}

/// One query typed letter by letter.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Typed {
    pub typed: String,
    /// Stories shared with the whole query's first ten (of at most ten).
    pub shared: usize,
}

/// For each query, the first ten after typing all but the last letters of
/// its last word (from the word's third letter), compared with the first
/// ten of the whole query. Returns every step and the average shared.
pub fn typing_stability(
    engine: &Engine,
    catalog: &Catalog,
    queries: &[String],
) -> (Vec<Typed>, f64) {
    let mut steps = Vec::new();
    for query in queries {
        let full = top10(engine, catalog, &format!("{query} "));
        let last = query.split_whitespace().last().unwrap_or_default();
        let head = &query[..query.len() - last.len()];
        let letters: Vec<char> = last.chars().collect();
        for n in 3..letters.len() {
            let typed = format!("{head}{}", letters[..n].iter().collect::<String>());
            let got = top10(engine, catalog, &typed);
            let shared = got.iter().filter(|d| full.contains(d)).count();
            steps.push(Typed { typed, shared });
        }
    }
    let average = steps.iter().map(|s| s.shared as f64).sum::<f64>() / steps.len().max(1) as f64;
    (steps, average)
}

/// How a misspelling list fares: for each query, whether its story is in
/// the first ten, misspelled and (for reference) spelled right.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Spelled {
    pub query: String,
    pub story: String,
    pub found: bool,
    /// Found with the word spelled right (for reference: the list keeps
    /// only stories the right spelling finds).
    pub found_spelled_right: bool,
}

/// Runs each misspelled query as typed (the last word still a prefix, as
/// in the search box) and looks for its story in the first ten. Returns
/// every query and the share found.
pub fn misspelling_recall(
    engine: &Engine,
    catalog: &Catalog,
    list: &[Misspelling],
) -> (Vec<Spelled>, f64) {
    let mut rows = Vec::new();
    for m in list {
        let story = catalog.articles.iter().position(|a| a.id == m.story);
        let finds =
            |q: &str| story.is_some_and(|s| top10(engine, catalog, q).contains(&(s as u32)));
        rows.push(Spelled {
            query: m.query.clone(),
            story: m.story.clone(),
            found: finds(&m.query),
            found_spelled_right: finds(&m.query.replacen(&m.typo, &m.meant, 1)),
        });
    }
    let share = rows.iter().filter(|r| r.found).count() as f64 / rows.len().max(1) as f64;
    (rows, share)
}
