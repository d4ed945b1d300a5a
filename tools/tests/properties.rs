//! Property tests: generated pages, saved HTML, JSON Lines records, bundles
//! and damaged site files. For each: no panic; whatever the importer writes,
//! the site's loader accepts whole; site data gives back every article
//! exactly; a damaged site file is reported as damaged.
//!
//! `make test` runs a bounded number of cases (`PROPTEST_CASES`, 48 by
//! default here); the long run is `make properties` (see the Makefile).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use serde_json::{json, Value};

use dateline_core::data::archive::{Archive, IndexFile, Located};
use dateline_core::data::{Manifest, MANIFEST_URL};
use dateline_core::model::Catalog;
use dateline_tools::importer::{self, records::FieldMap, Options};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(48)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn scratch() -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("dateline-prop-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Text as it comes: words, markup, URLs of every scheme, control
/// characters, right-to-left and combining marks, very long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9 ,.'’—-]{0,60}",
        2 => any::<String>(),
        1 => "[<>&\"'/=:;a-z ]{0,40}",
        1 => Just("javascript:alert(1)".to_string()),
        1 => Just("<img src=x onerror=alert(1)>".to_string()),
        1 => Just("مرحبا بالعالم".to_string()),
        1 => Just("e\u{301}\u{200f}\u{feff}\t\r\n".to_string()),
        1 => Just("word ".repeat(3000)),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://example.test/a".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just(" JaVaScRiPt:alert(1)".to_string()),
        Just("data:text/html,<script>alert(1)</script>".to_string()),
        Just("vbscript:x".to_string()),
        Just("/relative/path".to_string()),
        Just("mailto:a@b.test".to_string()),
        text(),
    ]
}

fn timestamp() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("2025-09-04T03:38")),
        Just(json!("2025-09-04T03:38:00+02:00")),
        Just(json!("0001-01-01T00:00:00Z")),
        Just(json!("9999-12-31")),
        Just(json!("2025-02-30")),
        Just(json!("yesterday")),
        Just(json!(1234)),
        Just(Value::Null),
        text().prop_map(Value::String),
    ]
}

fn span() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        text().prop_map(|t| json!({"type": "text", "text": t})),
        text().prop_map(|t| json!({"type": "code", "text": t})),
        Just(json!({"type": "break"})),
        Just(json!({"type": "sparkle"})),
    ];
    leaf.prop_recursive(4, 16, 4, |inner| {
        let spans = prop::collection::vec(inner, 0..4);
        prop_oneof![
            spans
                .clone()
                .prop_map(|s| json!({"type": "em", "spans": s})),
            spans
                .clone()
                .prop_map(|s| json!({"type": "strong", "spans": s})),
            (url(), spans).prop_map(|(h, s)| json!({"type": "link", "href": h, "spans": s})),
        ]
    })
    .boxed()
}

fn block() -> impl Strategy<Value = Value> {
    let spans = || prop::collection::vec(span(), 0..4);
    let leaf = prop_oneof![
        text().prop_map(|t| json!({"type": "paragraph", "text": t})),
        spans().prop_map(|s| json!({"type": "paragraph", "spans": s})),
        (0u8..9, spans()).prop_map(|(l, s)| json!({"type": "heading", "level": l, "spans": s})),
        (url(), text(), prop::option::of(1u32..5000)).prop_map(
            |(u, c, w)| json!({"type": "figure", "url": u, "caption": c, "width": w, "height": w})
        ),
        text().prop_map(|t| json!({"type": "preformatted", "text": t})),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(prop::collection::vec(text(), 0..3), 0..3)
        )
            .prop_map(|(h, r)| json!({"type": "table", "header": h, "rows": r})),
        Just(json!({"type": "divider"})),
        (url(), text()).prop_map(|(h, c)| json!({"type": "embed", "href": h, "caption": c})),
        (text(), url()).prop_map(|(t, h)| json!({"type": "link", "text": t, "href": h})),
        Just(json!({"type": "hologram", "text": 5})),
        Just(json!({"type": "paragraph", "text": 5})),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        let blocks = prop::collection::vec(inner, 0..3);
        prop_oneof![
            (blocks.clone(), prop::option::of(text()))
                .prop_map(|(b, c)| json!({"type": "quote", "blocks": b, "cite": c})),
            (any::<bool>(), prop::collection::vec((text(), blocks), 0..3)).prop_map(
                |(o, items)| {
                    let items: Vec<Value> = items
                        .into_iter()
                        .map(|(t, b)| json!({"text": t, "blocks": b}))
                        .collect();
                    json!({"type": "list", "ordered": o, "items": items})
                }
            ),
        ]
    })
}

fn article() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just(None), "[a-z0-9-]{1,12}".prop_map(Some), text().prop_map(Some)],
        text(),
        prop::collection::vec(text(), 0..3),
        timestamp(),
        timestamp(),
        prop::collection::vec(block(), 0..6),
        prop::option::of(url()),
        prop::option::of(prop_oneof![Just("ar".to_string()), Just("en-GB".to_string()), text()]),
        prop::option::of(prop_oneof![Just("rtl"), Just("ltr"), Just("sideways")]),
        prop::collection::vec((text(), prop::option::of(url())), 0..3),
    )
        .prop_map(|(id, title, topics, published, updated, body, source_url, language, direction, also)| {
            let also: Vec<Value> = also.into_iter().map(|(name, url)| json!({"name": name, "url": url})).collect();
            json!({"id": id, "title": title, "topics": topics, "published": published, "updated": updated,
                   "body": body, "source_url": source_url, "language": language, "direction": direction,
                   "authors": ["A"], "tags": topics, "also": also})
        })
}

/// Loads site data the way the app does and returns every article whole,
/// from its body shard, in catalog order.
fn load_site(dir: &Path) -> Vec<dateline_core::model::Article> {
    let read = |file: &str| fs::read(dir.join(file)).unwrap();
    let mut archive = Archive::new(Manifest::parse(&read(MANIFEST_URL)).unwrap());
    while let Some((_, part)) = archive.next_part() {
        let file = part.file.clone();
        archive.add_part(&read(&file)).unwrap();
    }
    let table = archive.manifest.bodies.file.clone();
    archive.set_body_table(&read(&table)).unwrap();
    let ids: Vec<String> = archive
        .catalog
        .articles
        .iter()
        .map(|a| a.id.clone())
        .collect();
    ids.iter()
        .map(|id| {
            let Located::Shard(i, part) = archive.locate(id) else {
                panic!("{id}: no shard")
            };
            if !archive.has_shard(i) {
                archive.add_shard(i, &read(&part.file)).unwrap();
            }
            archive.article(id).unwrap().clone()
        })
        .collect()
}

/// The bundle at `out` loads with nothing skipped, and its site data gives
/// every article back exactly.
fn accepted_whole(out: &Path) -> Result<(), TestCaseError> {
    let json = fs::read_to_string(out).unwrap();
    let catalog = Catalog::from_json(&json).map_err(|e| TestCaseError::fail(format!("{e}")))?;
    prop_assert!(catalog.skipped.is_empty(), "{:?}", catalog.skipped);
    site_round_trips(&catalog)
}

fn site_round_trips(catalog: &Catalog) -> Result<(), TestCaseError> {
    if catalog.articles.is_empty() {
        return Ok(());
    }
    let dir = scratch();
    dateline_tools::site::data::write_data(&dir, catalog, false).map_err(TestCaseError::fail)?;
    let mut whole = load_site(&dir);
    // The site adds the related stories it chose: other articles of the
    // bundle, with their titles; apart from them every article comes back.
    for article in &mut whole {
        for related in std::mem::take(&mut article.related) {
            prop_assert_ne!(&related.id, &article.id);
            let other = catalog.articles.iter().find(|a| a.id == related.id);
            prop_assert_eq!(other.map(|a| &a.title), Some(&related.title));
        }
    }
    prop_assert_eq!(&whole, &catalog.articles);
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

/// Every string under a key that holds a URL, anywhere in a bundle.
fn urls_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("href" | "url" | "source_url" | "canonical_url", Value::String(s)) => {
                        out.push(s.clone())
                    }
                    _ => urls_in(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| urls_in(v, out)),
        _ => {}
    }
}

fn run_import(options: Options) -> Result<Option<PathBuf>, TestCaseError> {
    let out = options.output.clone();
    match importer::run(&options) {
        Ok(_) => Ok(Some(out)),
        Err(importer::ImportError::NoArticles { .. }) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("import failed: {e}"))),
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any bundle: loading never panics; what loads gives site data that
    /// gives every article back exactly.
    #[test]
    fn bundles_load_and_round_trip(articles in prop::collection::vec(article(), 0..6), version in prop_oneof![Just(json!(1)), Just(json!(2)), Just(json!("1")), Just(json!(-1))]) {
        let json = json!({"format": "dateline-bundle", "version": version, "articles": articles}).to_string();
        if let Ok(catalog) = Catalog::from_json(&json) {
            site_round_trips(&catalog)?;
        }
    }

    /// Any text page: the importer never panics and writes only what loads.
    #[test]
    fn text_pages_import_to_what_loads(lines in prop::collection::vec(prop_oneof![
        3 => text(),
        1 => text().prop_map(|t| format!("MEXICO CITY (AP) — {t}")),
        1 => Just("2025-09-04 03:38 Last Updated At:03:40".to_string()),
        1 => Just("9999-12-31 23:59 Last Updated At:00:01".to_string()),
        1 => text().prop_map(|t| format!("{t} (AP Photo/Jeff Chiu)")),
        1 => url().prop_map(|u| format!("AP NBA: {u}")),
        1 => Just(String::new()),
        1 => text().prop_map(|t| format!("By {t}")),
        1 => text().prop_map(|t| format!("Read more: {t}")),
        1 => text().prop_map(|t| format!("lower {t}")),
        1 => text().prop_map(|t| format!("{t}…")),
        1 => prop_oneof![
            Just("21.dez.2018 às 12h55"),
            Just("AFP 30 avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)"),
            Just("Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST"),
            Just("Published 31 December 9999 23:59 Published 1 Jan 10000"),
            Just("首页|新闻|图片|评论|娱乐"),
            Just("您想去哪里？"),
            Just("港口管理局周二在检查人员发现海堤出现裂缝后关闭了东码头，渡轮将改在西码头停靠至少一周。"),
            Just("Home | News | N.Y.C."),
        ].prop_map(str::to_string),
    ], 0..40)) {
        let dir = scratch();
        let page = dir.join("page.txt");
        fs::write(&page, lines.join("\n")).unwrap();
        let options = Options { pages: vec![page], output: dir.join("out/articles.json"), ..Options::default() };
        if let Some(out) = run_import(options)? {
            accepted_whole(&out)?;
        }
        let _ = fs::remove_dir_all(&dir);
    }

    /// Any JSON Lines record: the importer never panics and writes only what loads.
    #[test]
    fn json_lines_import_to_what_loads(records in prop::collection::vec((text(), text(), timestamp(), prop::collection::vec(text(), 0..3)), 0..8)) {
        let dir = scratch();
        let file = dir.join("records.jsonl");
        let lines: Vec<String> = records
            .into_iter()
            .map(|(title, body, date, topics)| json!({"title": title, "body": body, "date": date, "topics": topics}).to_string())
            .collect();
        fs::write(&file, lines.join("\n") + "\nnot json\n").unwrap();
        let options = Options {
            jsonl: vec![file],
            map: Some(FieldMap::parse("title=title,body=body,published=date,topics=topics").unwrap()),
            output: dir.join("out/articles.json"),
            ..Options::default()
        };
        if let Some(out) = run_import(options)? {
            accepted_whole(&out)?;
        }
        let _ = fs::remove_dir_all(&dir);
    }

    /// Any tag soup saved as a page: the importer never panics and writes
    /// only what loads, with nothing executable in it.
    #[test]
    fn html_pages_import_to_what_loads(parts in prop::collection::vec(prop_oneof![
        3 => text().prop_map(|t| format!("<p>{t} and the harbour ferry kept running through the night.</p>")),
        1 => prop::sample::select(vec!["<div>", "</div>", "<ul><li>", "</li></ul>", "<table><tr><td>", "</td></tr></table>",
            "<blockquote>", "</blockquote>", "<figure><img src=\"/a.jpg\"><figcaption>Cap</figcaption></figure>", "<h2>", "</h2>",
            "<script>alert(1)</script>", "<svg onload=alert(1)>", "<iframe srcdoc=\"<script>x</script>\"></iframe>",
            "<a href=\"javascript:alert(1)\">x</a>", "<em><strong>", "</strong></em>", "<pre>  x\n y</pre>", "<hr>", "<br>",
            "<meta http-equiv=refresh content=\"0;url=javascript:x\">", "<form><input></form>", "<!--", "-->", "<"]).prop_map(String::from),
        1 => url().prop_map(|u| format!("<a href=\"{u}\">link</a> <img src=\"{u}\" onerror=\"x()\">")),
    ], 0..40)) {
        let dir = scratch();
        let page = dir.join("page.html");
        fs::write(&page, format!("<html><head><title>T</title></head><body><article>{}</article></body></html>", parts.concat())).unwrap();
        let options = Options { pages: vec![page], output: dir.join("out/articles.json"), base_url: Some("https://paper.test/x/".into()), ..Options::default() };
        if let Some(out) = run_import(options)? {
            accepted_whole(&out)?;
            let bundle: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
            let mut urls = Vec::new();
            urls_in(&bundle, &mut urls);
            for url in urls {
                let lower = url.to_ascii_lowercase();
                prop_assert!(
                    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"),
                    "{} in {}", url, bundle
                );
            }
        }
        let _ = fs::remove_dir_all(&dir);
    }

    /// Any feed of generated entries (RSS, Atom or JSON Feed, text escaped
    /// or not): the importer never panics and writes only what loads.
    #[test]
    fn feeds_import_to_what_loads(entries in prop::collection::vec((text(), text(), url(), prop_oneof![Just("Mon, 02 Feb 2026 20:15:00 +0000"), Just("not a date"), Just("")]), 0..6), kind in 0..4u8) {
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let body = match kind {
            0 => format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>{}</channel></rss>",
                entries.iter().enumerate().map(|(i, (t, d, u, date))| format!("<item><guid>{i}</guid><title>{}</title><link>{}</link><pubDate>{date}</pubDate><description>{}</description></item>", esc(t), esc(u), esc(d))).collect::<String>()),
            1 => format!("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><id>f</id>{}</feed>",
                entries.iter().enumerate().map(|(i, (t, d, u, _))| format!("<entry><id>e{i}</id><title type=\"html\">{}</title><link href=\"{}\"/><content type=\"html\">{}</content></entry>", esc(t), esc(u), esc(d))).collect::<String>()),
            2 => json!({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": entries.iter().enumerate().map(|(i, (t, d, u, _))| json!({"id": i.to_string(), "title": t, "url": u, "content_html": d})).collect::<Vec<_>>()}).to_string(),
            // Truncated: a feed cut off mid-entry.
            _ => "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Cut".to_string(),
        };
        let dir = scratch();
        let file = dir.join("feed.xml");
        fs::write(&file, body).unwrap();
        let options = Options { pages: vec![file], output: dir.join("out/articles.json"), ..Options::default() };
        if let Some(out) = run_import(options)? {
            accepted_whole(&out)?;
        }
        let _ = fs::remove_dir_all(&dir);
    }

    /// Any change to a site data file (a byte changed, or cut short) is
    /// reported as damage by the reader of that file.
    #[test]
    fn damaged_site_files_are_reported(pick in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), cut in any::<bool>(), xor in 1u8..=255) {
        let catalog = Catalog::from_json(&json!({"articles": [
            {"id": "a", "title": "Alpha", "topics": ["x"], "published": "2025-01-02", "body": [{"type": "paragraph", "text": "oil prices rose"}]},
            {"id": "b", "title": "Beta", "body": [{"type": "list", "items": [{"text": "one"}]}]}
        ]}).to_string()).unwrap();
        let dir = scratch();
        dateline_tools::site::data::write_data(&dir, &catalog, false).unwrap();
        let manifest = Manifest::parse(&fs::read(dir.join(MANIFEST_URL)).unwrap()).unwrap();
        let mut files: Vec<String> = fs::read_dir(dir.join("data")).unwrap()
            .map(|e| format!("data/{}", e.unwrap().file_name().to_string_lossy()))
            .filter(|f| f != MANIFEST_URL)
            .collect();
        files.sort();
        let file = pick.get(&files).clone();
        let mut bytes = fs::read(dir.join(&file)).unwrap();
        let i = at.index(bytes.len());
        if cut { bytes.truncate(i); } else { bytes[i] ^= xor; }
        let mut archive = Archive::new(manifest.clone());
        let table = IndexFile::Table(0);
        let table_bytes = || fs::read(dir.join(&manifest.segments[0].file)).unwrap();
        let result = if manifest.head.file == file || manifest.catalog.iter().any(|p| p.file == file) {
            archive.add_part(&bytes)
        } else if file == manifest.bodies.file {
            archive.set_body_table(&bytes)
        } else if file == manifest.segments[0].file {
            archive.add_index_file(table, &bytes)
        } else if file.contains("/body-") {
            archive.set_body_table(&fs::read(dir.join(&manifest.bodies.file)).unwrap()).unwrap();
            let i = archive.body_table().unwrap().iter().position(|p| p.file == file).unwrap();
            archive.add_shard(i, &bytes)
        } else if file.contains("/lexicon-") {
            archive.add_index_file(table, &table_bytes()).unwrap();
            let key = archive.segment(0).unwrap().lexicons.iter().find(|l| l.file == file).unwrap().key;
            archive.add_index_file(IndexFile::Lexicon(0, key), &bytes)
        } else {
            archive.add_index_file(table, &table_bytes()).unwrap();
            let i = archive.segment(0).unwrap().table.iter().position(|c| c.file == file).unwrap();
            archive.add_index_file(IndexFile::Chunk(0, i), &bytes)
        };
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        prop_assert!(error.contains("damaged"), "{} changed at {}: {:?}", file, i, error);
        let _ = fs::remove_dir_all(&dir);
    }
}
