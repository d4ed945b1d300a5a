//! Filters and search on the real Reuters-21578 corpus, with every expected
//! count computed here straight from the JSONL, independently of the engine.
//! Skips (with a message) when ../shared is not beside the checkout.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use dateline_core::model::{BundleFile, Catalog, Timestamp};
use dateline_core::query::{Engine, Sort, View, NO_TOPIC};
use serde_json::Value;

const CORPUS: &str = "../shared/corpora/reuters21578";

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    if dir.join("reuters21578.jsonl.gz").exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {CORPUS} is not here (tests and benchmarks only; see ../shared/README.md)"
        );
        None
    }
}

struct Fixture {
    records: Vec<Value>,
    catalog: Catalog,
    engine: Engine,
}

fn fixture() -> Option<&'static Fixture> {
    static FIXTURE: std::sync::OnceLock<Option<Fixture>> = std::sync::OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let dir = corpus()?;
            let gz = std::fs::read(dir.join("reuters21578.jsonl.gz")).unwrap();
            let mut text = String::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_string(&mut text)
                .unwrap();
            let records: Vec<Value> = text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let articles = common::import_reuters(&dir.join("reuters21578.jsonl.gz"));
            let mut bundle = BundleFile::new(&articles);
            bundle
                .topics
                .insert("acq".into(), "Mergers/Acquisitions".into());
            let catalog = Catalog::from_json(&bundle.to_json()).unwrap();
            let engine = Engine::new(&catalog);
            Some(Fixture {
                records,
                catalog,
                engine,
            })
        })
        .as_ref()
}

/// The records the importer keeps: those with a title or any text.
fn kept(records: &[Value]) -> impl Iterator<Item = &Value> {
    let has = |r: &Value, k: &str| r[k].as_str().is_some_and(|s| !s.trim().is_empty());
    records
        .iter()
        .filter(move |r| has(r, "title") || has(r, "body") || has(r, "unproc_text"))
}

fn topics(r: &Value) -> Vec<&str> {
    r["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect()
}

fn day(r: &Value) -> Option<&str> {
    r["date"].as_str().map(|d| &d[..10])
}

/// Lower-case ASCII words of title and body (Reuters has no diacritics worth folding).
fn words(r: &Value) -> Vec<String> {
    let text = format!(
        "{} {} {}",
        r["title"].as_str().unwrap_or(""),
        r["body"].as_str().unwrap_or(""),
        if r["body"].as_str().is_some_and(|b| !b.trim().is_empty()) {
            ""
        } else {
            r["unproc_text"].as_str().unwrap_or("")
        }
    );
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn count(f: &Fixture, view: View) -> usize {
    f.engine.run(&f.catalog, &view).hits.len()
}

fn date(s: &str) -> Option<dateline_core::model::Date> {
    Some(Timestamp::parse(s).unwrap().date)
}

fn topic_view(slugs: &[&str]) -> View {
    View {
        topics: slugs.iter().map(|s| s.to_string()).collect(),
        ..View::default()
    }
}

#[test]
fn every_record_with_text_is_imported() {
    let Some(f) = fixture() else { return };
    assert_eq!(f.records.len(), 21_578);
    assert_eq!(f.catalog.articles.len(), kept(&f.records).count());
    assert!(f.catalog.skipped.is_empty());
    assert_eq!(count(f, View::default()), f.catalog.articles.len());
}

#[test]
fn topic_filters_match_the_raw_labels() {
    let Some(f) = fixture() else { return };
    for slugs in [
        &["acq"][..],
        &["earn", "acq"],
        &["crude", "nat-gas", "gas"],
        &["cocoa"],
    ] {
        let expected = kept(&f.records)
            .filter(|r| topics(r).iter().any(|t| slugs.contains(t)))
            .count();
        assert_eq!(count(f, topic_view(slugs)), expected, "{slugs:?}");
    }
    let untagged = kept(&f.records).filter(|r| topics(r).is_empty()).count();
    assert_eq!(count(f, topic_view(&[NO_TOPIC])), untagged);
    let several = kept(&f.records).filter(|r| topics(r).len() > 1).count();
    assert_eq!(several, 1_873);
    let either = kept(&f.records)
        .filter(|r| topics(r).is_empty() || topics(r).contains(&"acq"))
        .count();
    assert_eq!(count(f, topic_view(&[NO_TOPIC, "acq"])), either);
    assert_eq!(f.catalog.topic_label("acq"), "Mergers/Acquisitions");
}

#[test]
fn topic_counts_are_what_each_choice_would_give() {
    let Some(f) = fixture() else { return };
    let view = View {
        from: date("1987-04-01"),
        to: date("1987-04-30"),
        topics: vec!["grain".into()],
        ..View::default()
    };
    let out = f.engine.run(&f.catalog, &view);
    assert_eq!(
        out.topics.iter().filter(|t| *t.slug != *NO_TOPIC).count(),
        120,
        "all 120 topics are listed"
    );
    let in_april = |r: &&Value| day(r).is_some_and(|d| d.starts_with("1987-04"));
    for slug in ["acq", "earn", "wheat", "grain"] {
        let expected = kept(&f.records)
            .filter(in_april)
            .filter(|r| topics(r).contains(&slug))
            .count();
        assert_eq!(
            out.topics.iter().find(|t| *t.slug == *slug).unwrap().count,
            expected,
            "{slug}"
        );
    }
    let untagged = kept(&f.records)
        .filter(in_april)
        .filter(|r| topics(r).is_empty())
        .count();
    assert_eq!(out.topics.last().unwrap().count, untagged);
}

#[test]
fn date_ranges_are_inclusive_calendar_days_as_printed() {
    let Some(f) = fixture() else { return };
    for (from, to) in [
        ("1987-03-01", "1987-03-31"),
        ("1987-02-26", "1987-02-26"),
        ("1987-04-07", "1987-06-02"),
    ] {
        let expected = kept(&f.records)
            .filter(|r| day(r).is_some_and(|d| d >= from && d <= to))
            .count();
        let view = View {
            from: date(from),
            to: date(to),
            ..View::default()
        };
        assert_eq!(count(f, view), expected, "{from}..{to}");
    }
    // A story filed late in the evening counts on its own day, not the next.
    let late = kept(&f.records)
        .find(|r| r["date"].as_str().is_some_and(|d| &d[11..13] == "23"))
        .unwrap();
    let d = day(late).unwrap();
    let view = View {
        from: date(d),
        to: date(d),
        ..View::default()
    };
    let out = f.engine.run(&f.catalog, &view);
    let id = late["newid"].to_string();
    assert!(out
        .hits
        .iter()
        .any(|&i| f.catalog.articles[i as usize].id == id));
}

#[test]
fn the_unparsable_date_is_undated_not_lost() {
    let Some(f) = fixture() else { return };
    let odd = f.records.iter().find(|r| r["newid"] == 17192).unwrap();
    assert_eq!(odd["date"], Value::Null);
    let article = f.catalog.article("17192").expect("kept");
    assert_eq!(article.published, None);
    let all = f.engine.run(&f.catalog, &View::default());
    assert_eq!(all.histogram.undated, 1);
    let dated = View {
        from: date("1987-01-01"),
        to: date("1987-12-31"),
        ..View::default()
    };
    assert_eq!(count(f, dated), f.catalog.articles.len() - 1);
}

#[test]
fn search_requires_every_word_and_matches_the_last_as_a_prefix() {
    let Some(f) = fixture() else { return };
    let raw: Vec<Vec<String>> = kept(&f.records).map(words).collect();
    for (q, whole, prefix) in [
        ("oil price ", &["oil", "price"][..], None),
        ("Coffee", &[][..], Some("coffee")),
        ("crud", &[][..], Some("crud")),
        ("bank rate cut ", &["bank", "rate", "cut"][..], None),
        ("yen dol", &["yen"][..], Some("dol")),
    ] {
        let expected = raw
            .iter()
            .filter(|w| whole.iter().all(|t| w.iter().any(|x| x == t)))
            .filter(|w| prefix.is_none_or(|p| w.iter().any(|x| x.starts_with(p))))
            .count();
        let got = count(
            f,
            View {
                q: q.into(),
                ..View::default()
            },
        );
        assert_eq!(got, expected, "{q:?}");
        assert!(got > 0, "{q:?} finds something");
    }
}

#[test]
fn search_combines_with_filters_and_sorts() {
    let Some(f) = fixture() else { return };
    let q = "oil price ";
    let expected = kept(&f.records)
        .filter(|r| {
            topics(r).contains(&"crude") && day(r).is_some_and(|d| d.starts_with("1987-03"))
        })
        .filter(|r| {
            let w = words(r);
            w.iter().any(|x| x == "oil") && w.iter().any(|x| x == "price")
        })
        .count();
    let base = View {
        q: q.into(),
        topics: vec!["crude".into()],
        from: date("1987-03-01"),
        to: date("1987-03-31"),
        sort: None,
        ..View::default()
    };
    let relevance = f.engine.run(&f.catalog, &base);
    assert_eq!(relevance.hits.len(), expected);
    assert_eq!(relevance.sort, Sort::Relevance);
    let newest = f.engine.run(
        &f.catalog,
        &View {
            sort: Some(Sort::Newest),
            ..base.clone()
        },
    );
    let mut sorted = relevance.hits.clone();
    sorted.sort();
    assert_eq!(
        newest.hits, sorted,
        "same set, catalog (newest-first) order"
    );
    let title_hit = &f.catalog.articles[relevance.hits[0] as usize]
        .title
        .to_lowercase();
    assert!(
        title_hit.contains("oil") || title_hit.contains("price"),
        "best hit mentions it in its title: {title_hit}"
    );
}

#[test]
fn histogram_by_month_keeps_the_empty_months() {
    let Some(f) = fixture() else { return };
    let out = f.engine.run(&f.catalog, &View::default());
    let months: Vec<(String, usize)> = out
        .histogram
        .buckets
        .iter()
        .map(|b| (b.first.iso()[..7].to_string(), b.count))
        .collect();
    let expected: Vec<(String, usize)> = ["02", "03", "04", "05", "06", "07", "08", "09", "10"]
        .iter()
        .map(|m| {
            let prefix = format!("1987-{m}");
            (
                prefix.clone(),
                kept(&f.records)
                    .filter(|r| day(r).is_some_and(|d| d.starts_with(&prefix)))
                    .count(),
            )
        })
        .collect();
    assert_eq!(months, expected);
    assert_eq!(months[3].1, 0, "May 1987 is empty and still shown");
}

/// Results hold still while a query is typed: the first ten after typing all
/// but the last letters of its last word share at least 6 of the whole
/// query's first ten, on average over the benchmark's queries.
#[test]
fn results_hold_still_while_a_query_is_typed() {
    let Some(f) = fixture() else { return };
    let queries = dateline_tools::quality::Queries::load();
    let (steps, average) =
        dateline_tools::quality::typing_stability(&f.engine, &f.catalog, &queries.typing);
    for step in &steps {
        eprintln!("{:>3}/10  {}", step.shared, step.typed);
    }
    eprintln!("average {average:.2} of 10 over {} steps", steps.len());
    assert!(steps.len() >= 40, "{} steps", steps.len());
    assert!(average >= 6.0, "average {average:.2}");
}

/// A misspelled query still finds its story: at least 90% of the list in
/// `tests/bench/queries.json` (one and two edits, swapped, dropped, doubled,
/// inserted and wrong letters) have their story in the first ten.
#[test]
fn misspelled_queries_find_their_story() {
    let Some(f) = fixture() else { return };
    let queries = dateline_tools::quality::Queries::load();
    let (rows, share) =
        dateline_tools::quality::misspelling_recall(&f.engine, &f.catalog, &queries.misspellings);
    for row in &rows {
        eprintln!(
            "{} {} {:<40} {}",
            if row.found { "found " } else { "MISSED" },
            if row.found_spelled_right {
                "right:found "
            } else {
                "right:MISSED"
            },
            row.query,
            row.story
        );
    }
    eprintln!("{:.1}% of {} found", share * 100.0, rows.len());
    assert!(rows.len() >= 60, "{} queries", rows.len());
    assert!(
        rows.iter().all(|r| r.found_spelled_right),
        "the list holds findable stories"
    );
    assert!(share >= 0.9, "{:.1}%", share * 100.0);
}

/// The examples: each once found nothing; now each is corrected,
/// finds stories, and says what it searched. Searching exactly does not correct.
#[test]
fn misspelled_words_are_corrected_and_say_so() {
    let Some(f) = fixture() else { return };
    let run = |q: dateline_core::query::Query| {
        f.engine.run(
            &f.catalog,
            &View {
                q,
                ..View::default()
            },
        )
    };
    for (typed, meant, shown) in [
        ("opek", "opec", "opec"),
        ("accquisition", "acquisition", "acquisition"),
        ("bundesbnak", "bundesbank", "bundesbank"),
        ("intrest rate", "interest", "interest rate"),
        ("petrolium", "petroleum", "petroleum"),
        ("wheet", "wheat", "wheat"),
    ] {
        let q = dateline_core::query::Query::new(typed);
        let outcome = run(q.clone());
        assert!(!outcome.hits.is_empty(), "{typed}");
        assert_eq!(outcome.corrections[0].word, meant, "{typed}");
        assert_eq!(q.corrected_text(&outcome.corrections), shown);
        let exact = run(dateline_core::query::Query::exact(typed));
        assert!(exact.corrections.is_empty(), "{typed}");
        assert!(exact.hits.len() < outcome.hits.len(), "{typed}");
    }
    // Words spelled right are not corrected, rare ones included.
    for q in ["oil prices ", "primagaz ", "opec", "bank rate cut", "cocoa"] {
        let outcome = run(q.into());
        assert!(
            outcome.corrections.is_empty(),
            "{q}: {:?}",
            outcome.corrections
        );
    }
}

fn list<'a>(r: &'a Value, field: &str) -> Vec<&'a str> {
    r[field]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The authors a Reuters byline names ("By Rich Miller, Reuters" →
/// "rich-miller"; "BY A B and C D, Reuters" → "a-b", "c-d").
fn author_slugs(r: &Value) -> Vec<String> {
    let Some(byline) = r["author"].as_str() else {
        return Vec::new();
    };
    let byline = byline.trim();
    let names = if byline.to_ascii_lowercase().starts_with("by ") {
        &byline[3..]
    } else {
        byline
    };
    let names = names.split(',').next().unwrap_or_default();
    names
        .split(" and ")
        .map(|name| {
            // Apostrophes join, as in URL slugs: "O'Neill" → "oneill".
            name.replace('\'', "")
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|slug| !slug.is_empty())
        .collect()
}

/// Facets count like topics: each value says what choosing it would give
/// under the other filters, the values of one facet combine with "or",
/// facets with each other and with topics with "and"; counted here from
/// the JSONL's `places`, `people` and `author` fields.
#[test]
fn facet_counts_are_what_each_choice_would_give() {
    let Some(f) = fixture() else { return };
    let mut view = View {
        topics: vec!["crude".into()],
        ..View::default()
    };
    view.facet_mut("country")
        .extend(["japan".to_string(), "uk".to_string()]);
    let out = f.engine.run(&f.catalog, &view);
    let crude = |r: &&Value| topics(r).contains(&"crude");
    let in_countries = |r: &&Value| {
        list(r, "places")
            .iter()
            .any(|p| ["japan", "uk"].contains(p))
    };
    let expected_hits = kept(&f.records).filter(crude).filter(in_countries).count();
    assert_eq!(out.hits.len(), expected_hits);
    let countries = out.values(&dateline_core::query::Filter::Facet("country".into()));
    for place in ["usa", "japan", "uk", "saudi-arabia"] {
        let expected = kept(&f.records)
            .filter(crude)
            .filter(|r| list(r, "places").contains(&place))
            .count();
        let got = countries
            .iter()
            .find(|v| *v.slug == *place)
            .map_or(0, |v| v.count);
        assert_eq!(got, expected, "country {place}");
    }
    // Topic counts obey the country filter now.
    let acq = kept(&f.records)
        .filter(in_countries)
        .filter(|r| topics(r).contains(&"acq"))
        .count();
    assert_eq!(
        out.topics.iter().find(|t| &*t.slug == "acq").unwrap().count,
        acq
    );
    // Every person under both filters.
    let people = out.values(&dateline_core::query::Filter::Facet("people".into()));
    let mut expected: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in kept(&f.records).filter(crude).filter(in_countries) {
        for person in list(r, "people") {
            *expected.entry(person).or_default() += 1;
        }
    }
    assert!(!expected.is_empty());
    let nonzero: std::collections::BTreeMap<&str, usize> = people
        .iter()
        .filter(|v| v.count > 0)
        .map(|v| (&*v.slug, v.count))
        .collect();
    assert_eq!(nonzero, expected);

    // Authors from the bylines, on their own.
    let out = f.engine.run(&f.catalog, &View::default());
    let authors = out.values(&dateline_core::query::Filter::Facet("author".into()));
    let mut expected: std::collections::BTreeMap<String, usize> = Default::default();
    for r in kept(&f.records) {
        for slug in author_slugs(r) {
            *expected.entry(slug).or_default() += 1;
        }
    }
    assert_eq!(authors.len(), expected.len());
    for value in authors {
        assert_eq!(
            Some(&value.count),
            expected.get(&*value.slug),
            "{}",
            value.slug
        );
    }
    // Places from the datelines: Tokyo's stories ("TOKYO, March 3 -",
    // "Tokyo, April 17 -", "TOKYO -").
    let places = out.values(&dateline_core::query::Filter::Facet("place".into()));
    let tokyo = kept(&f.records)
        .filter(|r| {
            r["dateline"].as_str().is_some_and(|d| {
                let d = d.trim().to_ascii_uppercase();
                d.strip_prefix("TOKYO")
                    .is_some_and(|rest| rest.starts_with([',', ' ']))
            })
        })
        .count();
    assert_eq!(
        places.iter().find(|v| &*v.slug == "tokyo").unwrap().count,
        tokyo
    );
    // A value the archive does not have is ignored, not an empty list.
    let mut unknown = View::default();
    unknown.facet_mut("country").push("atlantis".into());
    unknown.facet_mut("planet").push("mars".into());
    assert_eq!(
        f.engine.run(&f.catalog, &unknown).hits.len(),
        f.catalog.articles.len()
    );
}

/// Related stories on Reuters: the share of the related stories of articles
/// with topics that share one with their article (the figure the closing
/// note reports), and the rules every list keeps.
#[test]
fn related_stories_mostly_share_a_topic() {
    let Some(f) = fixture() else { return };
    use dateline_core::query::search::SearchIndex;
    use dateline_tools::site::related::{related, topic_agreement, RELATED};
    let started = std::time::Instant::now();
    let index = SearchIndex::new(&f.catalog.articles);
    let related = related(&f.catalog.articles, &index);
    let share = topic_agreement(&f.catalog.articles, &related).unwrap();
    let with_any = related.iter().filter(|r| !r.is_empty()).count();
    eprintln!(
        "related stories: {:.1}% share a topic; {with_any} of {} articles have some ({:.1?})",
        share * 100.0,
        related.len(),
        started.elapsed()
    );
    assert!(share >= 0.75, "only {:.1}% share a topic", share * 100.0);
    assert!(
        with_any * 10 >= related.len() * 9,
        "most articles have related stories"
    );
    for (doc, list) in related.iter().enumerate() {
        assert!(list.len() <= RELATED && !list.contains(&(doc as u32)));
        let mut unique = list.clone();
        unique.dedup();
        assert_eq!(unique.len(), list.len());
    }
}
