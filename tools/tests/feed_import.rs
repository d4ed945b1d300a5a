//! Feed import: every fixture of feed-rs (with the parse it expects beside
//! it) and the JSON Feed specification's examples, from `../shared` (skipped
//! when absent), and a hostile feed of our own in each format.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use dateline_core::model::{Block, BundleFile, Catalog, Inline};
use dateline_tools::importer::feed::import_feed;
use dateline_tools::importer::html::Media;
use serde_json::Value;

const FEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpora/feeds");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/feeds");

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.to_string_lossy().ends_with(".serde.json") {
            out.push(path);
        }
    }
}

fn text(v: &Value) -> String {
    v["content"]
        .as_str()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn feed_rs_fixtures_import_as_their_expected_parse_says() {
    let dir = Path::new(FEEDS).join("feed-rs");
    if !dir.is_dir() {
        eprintln!("skipping: {} is not here", dir.display());
        return;
    }
    let mut expected_files = Vec::new();
    fixtures(&dir, &mut expected_files);
    expected_files.sort();
    let mut checked = 0;
    let mut entries_checked = 0;
    for expected_file in &expected_files {
        let stem = expected_file
            .to_string_lossy()
            .trim_end_matches(".serde.json")
            .to_string();
        let source = ["xml", "json", "rss", "atom"]
            .iter()
            .map(|e| PathBuf::from(format!("{stem}.{e}")))
            .find(|p| p.is_file());
        let Some(source) = source else { continue };
        let expected: Value =
            serde_json::from_str(&fs::read_to_string(expected_file).unwrap()).unwrap();
        let entries = expected["entries"].as_array().cloned().unwrap_or_default();
        let unique: HashSet<String> = entries
            .iter()
            .map(|e| e["id"].as_str().unwrap_or("").to_string())
            .collect();
        let result = import_feed(
            &fs::read(&source).unwrap(),
            None,
            &mut HashSet::new(),
            &mut Media::default(),
        );
        let name = source.display();
        if entries.is_empty() {
            assert!(result.is_err(), "{name}: a feed with no entries gives none");
            continue;
        }
        let (articles, _) = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(articles.len(), unique.len(), "{name}: entry count");
        // Every article loads whole.
        let json = BundleFile::new(&articles).to_json();
        let catalog = Catalog::from_json(&json).unwrap();
        assert!(catalog.skipped.is_empty(), "{name}: {:?}", catalog.skipped);
        let mut seen = HashSet::new();
        let mut i = 0;
        for entry in &entries {
            if !seen.insert(entry["id"].as_str().unwrap_or("").to_string()) {
                continue;
            }
            let a = &articles[i];
            i += 1;
            let title = text(&entry["title"]);
            if !title.is_empty()
                && entry["title"]["content_type"]
                    .as_str()
                    .is_some_and(|t| t == "text/plain")
            {
                assert_eq!(a.title, title, "{name}: title");
            }
            let date = entry["published"].as_str().or(entry["updated"].as_str());
            if let Some(date) = date {
                let want = chrono_instant(date);
                let got = a
                    .published
                    .unwrap_or_else(|| panic!("{name}: {title}: no date"));
                assert_eq!(
                    got.sort_key(),
                    want,
                    "{name}: {title}: date {date} vs {got}"
                );
            }
            let authors: Vec<String> = entry["authors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p["name"].as_str())
                .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|n| !n.is_empty())
                .collect();
            // As many people (the expected parses come from an older feed-rs,
            // which spelled some names differently: "(mailto:…)", "author").
            assert_eq!(
                a.authors.len(),
                authors.len(),
                "{name}: {title}: authors {:?} vs {authors:?}",
                a.authors
            );
            assert!(
                a.authors.iter().all(|n| !n.starts_with('(')),
                "{:?}",
                a.authors
            );
            if let Some(link) = entry["links"]
                .as_array()
                .and_then(|l| l.first())
                .and_then(|l| l["href"].as_str())
            {
                if link.starts_with("http") && !link.contains(char::is_whitespace) {
                    assert!(a.source_url.is_some(), "{name}: {title}: link {link}");
                }
            }
            entries_checked += 1;
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked} fixtures checked");
    eprintln!("{checked} feed-rs fixtures, {entries_checked} entries checked");
}

/// Minutes since 1970 of an RFC 3339 instant, like `Timestamp::sort_key`.
fn chrono_instant(s: &str) -> i64 {
    let t = dateline_core::model::Timestamp::parse(s).unwrap_or_else(|_| panic!("{s}"));
    t.sort_key()
}

#[test]
fn json_feed_spec_examples_import() {
    let dir = Path::new(FEEDS).join("jsonfeed-spec");
    if !dir.is_dir() {
        eprintln!("skipping: {} is not here", dir.display());
        return;
    }
    let mut total = 0;
    for file in fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let spec: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        let items = spec["items"].as_array().unwrap();
        let (articles, _) = import_feed(
            &fs::read(&file).unwrap(),
            None,
            &mut HashSet::new(),
            &mut Media::default(),
        )
        .unwrap();
        assert_eq!(articles.len(), items.len(), "{}", file.display());
        for (a, item) in articles.iter().zip(items) {
            if let Some(title) = item["title"].as_str() {
                assert_eq!(a.title, title);
            } else {
                assert!(
                    a.title_derived,
                    "{}: an item with no title gets a derived one",
                    file.display()
                );
            }
            if let Some(url) = item["url"].as_str() {
                assert_eq!(a.source_url.as_deref(), Some(url));
            }
        }
        total += articles.len();
    }
    assert!(total >= 6);
}

/// Scripts, handlers and `javascript:` links in titles, summaries and
/// content, in RSS, Atom and JSON Feed: nothing executable comes through.
#[test]
fn hostile_feeds_yield_nothing_executable() {
    for name in ["hostile.rss", "hostile.atom", "hostile.json"] {
        let bytes = fs::read(Path::new(FIXTURES).join(name)).unwrap();
        let (articles, _) = import_feed(&bytes, None, &mut HashSet::new(), &mut Media::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!articles.is_empty(), "{name}");
        let json = BundleFile::new(&articles).to_json();
        let catalog = Catalog::from_json(&json).unwrap();
        assert!(catalog.skipped.is_empty());
        for a in &catalog.articles {
            for url in a.source_url.iter().chain(links(&a.body).iter()) {
                assert!(
                    url.starts_with("http://")
                        || url.starts_with("https://")
                        || url.starts_with("mailto:"),
                    "{name}: {url}"
                );
            }
            assert!(
                a.title.contains("Ferry"),
                "{name}: the words stay: {}",
                a.title
            );
        }
        let text: String = catalog
            .articles
            .iter()
            .flat_map(|a| a.body.iter().map(|b| b.text()))
            .collect();
        assert!(text.contains("kept running"), "{name}: {text}");
    }
}

fn links(blocks: &[Block]) -> Vec<String> {
    fn spans(s: &[Inline], out: &mut Vec<String>) {
        for span in s {
            match span {
                Inline::Link { href, spans: inner } => {
                    out.push(href.clone());
                    spans(inner, out);
                }
                Inline::Em { spans: inner } | Inline::Strong { spans: inner } => spans(inner, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { spans: s, .. } | Block::Heading { spans: s, .. } => {
                spans(s, &mut out)
            }
            Block::Link { href, .. } | Block::Embed { href, .. } => out.push(href.clone()),
            Block::Figure(p) => out.extend(p.url.clone()),
            _ => {}
        }
    }
    out
}

/// Feeds as the wild web writes them (tests/fixtures/feeds-wild, one a
/// repair, written for these tests): each imports as feed readers read it,
/// as a feed (never a text page), with what was repaired said.
#[test]
fn feeds_as_the_wild_web_writes_them_are_read_and_the_repairs_said() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/feeds-wild"
    ));
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "mangled-declaration.xml",
            &["First post", "Second post"],
            "",
        ),
        ("comment-first.xml", &["A commented feed"], ""),
        ("junk-before-root.xml", &["After a warning"], ""),
        ("html-entities.xml", &["Café news — R&D"], "HTML entities"),
        (
            "wrong-encoding.xml",
            &["Café reopens"],
            "not UTF-8 as declared",
        ),
        (
            "no-declaration-latin1.xml",
            &["Naïve reader"],
            "read as Windows-1252",
        ),
        (
            "empty-media-description.xml",
            &["Photo post", "Second photo post"],
            "empty media",
        ),
        ("atom-03.xml", &["An Atom 0.3 entry"], "Atom 0.3"),
        (
            "same-guid-two-stories.xml",
            &["Story one", "Story two"],
            "tell another story",
        ),
        (
            "title-only-markup.xml",
            &["The harbour ferry is back on its old timetable after a week at the west pier"],
            "",
        ),
        (
            "jsonfeed-http-version.json",
            &["Hello", "Again"],
            "version URL",
        ),
    ];
    for (file, titles, said) in cases {
        let out = std::env::temp_dir().join(format!(
            "dateline-wild-feed-{}-{file}.json",
            std::process::id()
        ));
        let options = dateline_tools::importer::Options {
            pages: vec![dir.join(file)],
            output: out.clone(),
            ..Default::default()
        };
        let (_, notes) =
            dateline_tools::importer::run(&options).unwrap_or_else(|e| panic!("{file}: {e}"));
        let catalog = Catalog::from_json(&fs::read_to_string(&out).unwrap()).unwrap();
        let mut got: Vec<&str> = catalog.articles.iter().map(|a| a.title.as_str()).collect();
        got.sort();
        let mut want = titles.to_vec();
        want.sort();
        assert_eq!(got, want, "{file}: {notes:?}");
        let notes = notes.join("\n");
        assert!(notes.contains(said), "{file} says {said:?}: {notes}");
        assert!(
            !notes.contains("read as a saved web page") && !notes.contains("no article text"),
            "{file}: {notes}"
        );
        if file.ends_with(".json") {
            // A feed's categories (JSON Feed's tags) are the article's topics.
            let topics = &catalog
                .articles
                .iter()
                .find(|a| a.title == "Hello")
                .unwrap()
                .topics;
            assert_eq!(topics, &["workflow", "omnifocus"], "{file}");
        }
        let _ = fs::remove_file(&out);
    }
}
