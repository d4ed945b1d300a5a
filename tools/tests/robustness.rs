//! Nothing lost, nothing hangs: one regression test per failure found by
//! the hostile-input run (issue 13), numbered as there.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use dateline_core::model::{Article, Block, BundleError, Catalog, MAX_TITLE_CHARS};
use dateline_tools::importer::{self, assign_ids_counting, Options};

const BIN: &str = env!("CARGO_BIN_EXE_dateline");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-robust-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn article(id: &str, title: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        body: vec![Block::paragraph("Text.")],
        ..Article::default()
    }
}

/// (1) Ten thousand articles with one title: linear work, unique ids.
#[test]
fn duplicate_titles_get_ids_in_linear_work() {
    let n = 20_000;
    let mut articles: Vec<Article> = (0..n).map(|_| article("", "Market report")).collect();
    // A literal id in the way of the numbering costs one try, once.
    articles[5].id = "market-report-3".into();
    let tries = assign_ids_counting(&mut articles);
    assert!(tries <= 2 * n + 2, "{tries} tries for {n} articles");
    let unique: std::collections::HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(unique.len(), n);
    assert_eq!(articles[0].id, "market-report");
    assert_eq!(articles[1].id, "market-report-2");
}

/// (3) A build that fails midway, or an empty bundle, leaves the site as it was.
#[test]
fn a_failed_site_build_keeps_the_previous_site() {
    let dir = scratch("site");
    let good = Catalog::from_json(
        &dateline_core::model::BundleFile::new(&[article("a", "A"), article("b", "B")]).to_json(),
    )
    .unwrap();
    dateline_tools::site::data::write_data(&dir, &good, false).unwrap();
    let before = files(&dir.join("data"));
    assert!(before.len() >= 5);

    // More topics than a site can number: refused partway through writing.
    let mut crowded = article("c", "C");
    crowded.topics = (0..dateline_tools::site::data::MAX_TOPICS + 1)
        .map(|i| format!("t{i}"))
        .collect();
    let crowded =
        Catalog::from_json(&dateline_core::model::BundleFile::new(&[crowded]).to_json()).unwrap();
    let err = dateline_tools::site::data::write_data(&dir, &crowded, false)
        .err()
        .unwrap();
    assert!(err.contains("topics"), "{err}");
    assert_eq!(
        files(&dir.join("data")),
        before,
        "the previous data is untouched"
    );
    assert!(no_leftovers(&dir));

    // An empty bundle (or one whose articles are all invalid) is refused, exit 1.
    let bundle = dir.join("empty.json");
    fs::write(
        &bundle,
        r#"{"format":"dateline-bundle","version":2,"articles":[{"id":"x"}]}"#,
    )
    .unwrap();
    let out = Command::new(BIN)
        .arg("build")
        .arg("--data")
        .arg(&bundle)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article to show"));
    assert_eq!(files(&dir.join("data")), before);
    let out = Command::new(BIN)
        .arg("build")
        .args(["--allow-empty", "--data"])
        .arg(&bundle)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "told to, it publishes an empty site");
}

fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

fn no_leftovers(dir: &std::path::Path) -> bool {
    fs::read_dir(dir)
        .unwrap()
        .all(|e| !e.unwrap().file_name().to_string_lossy().starts_with('.'))
}

fn import(dir: &std::path::Path, inputs: &[PathBuf], extra: &[&str]) -> (bool, String, PathBuf) {
    let out_file = dir.join("out/articles.json");
    let out = Command::new(BIN)
        .arg("import")
        .arg("-o")
        .arg(&out_file)
        .args(extra)
        .args(inputs)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out_file,
    )
}

/// (4) What the importer writes, its loader takes whole: no update dated in
/// the year 10000, no article without a title, no `javascript:` link.
#[test]
fn the_importer_writes_only_what_loads() {
    let dir = scratch("loads");
    let page = dir.join("page.txt");
    fs::write(
        &page,
        "Year end\n9999-12-31 23:59 Last Updated At:00:01\nCITY (AP) — The last story of the calendar, printed at the very end of it.\n\
         AP Bad: javascript:alert(1)\n",
    )
    .unwrap();
    let jsonl = dir.join("records.jsonl");
    fs::write(
        &jsonl,
        "{\"body\":\".\"}\n{\"title\":\"Fine\",\"body\":\"Words.\"}\n",
    )
    .unwrap();
    let (ok, stderr, out) = import(
        &dir,
        &[page],
        &[
            "--jsonl",
            jsonl.to_str().unwrap(),
            "--map",
            "title=title,body=body",
        ],
    );
    assert!(ok, "{stderr}");
    let json = fs::read_to_string(out).unwrap();
    let catalog = Catalog::from_json(&json).unwrap();
    assert!(catalog.skipped.is_empty(), "{:?}", catalog.skipped);
    assert_eq!(catalog.articles.len(), 2, "{json}");
    assert!(!json.contains("10000-"), "{json}");
    assert!(!json.to_ascii_lowercase().contains("javascript:"), "{json}");
    let year_end = catalog
        .articles
        .iter()
        .find(|a| a.dateline.as_deref() == Some("CITY"))
        .unwrap();
    assert_eq!(year_end.published.unwrap().to_string(), "9999-12-31T23:59");
    assert_eq!(year_end.updated, None);
    assert!(
        stderr.contains("dated outside the years 1000–2999"),
        "{stderr}"
    );
}

/// (5) A binary, a feed, a JSON file and an HTML file named `.txt`: each is
/// read as what it is or refused with a message; no article at all is an
/// error that keeps the previous bundle.
#[test]
fn inputs_are_recognised_by_their_content() {
    let dir = scratch("sniff");
    let elf = dir.join("program.txt");
    fs::write(&elf, b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0").unwrap();
    let feed = dir.join("feed.txt");
    fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>",
    )
    .unwrap();
    let json = dir.join("bundle.txt");
    fs::write(&json, "{\"format\":\"dateline-bundle\",\"articles\":[]}").unwrap();
    let out_file = dir.join("out/articles.json");
    fs::create_dir_all(out_file.parent().unwrap()).unwrap();
    fs::write(&out_file, "previous bundle").unwrap();
    let (ok, stderr, _) = import(&dir, &[elf.clone(), feed.clone(), json.clone()], &[]);
    assert!(!ok, "nothing to import is an error");
    for (file, why) in [(&elf, "binary data"), (&feed, "feed"), (&json, "JSON")] {
        assert!(
            stderr.contains(&format!("{}: ", file.display())) && stderr.contains(why),
            "{why}: {stderr}"
        );
    }
    assert_eq!(fs::read_to_string(&out_file).unwrap(), "previous bundle");

    let html = dir.join("saved.txt");
    let para =
        "<p>The harbour ferry kept running through the storm, the only boat out that night.</p>";
    fs::write(&html, format!("<!doctype html><html><head><title>Ferry</title></head><body><article><h1>Ferry</h1>{}</article></body></html>", para.repeat(4))).unwrap();
    let (ok, stderr, out) = import(&dir, &[html, elf], &[]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("holds HTML"), "{stderr}");
    let catalog = Catalog::from_json(&fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(catalog.articles[0].title, "Ferry");
}

/// (6) Errors name the real problem.
#[test]
fn bundle_errors_name_the_real_problem() {
    let bom = "\u{feff}{\"format\":\"dateline-bundle\",\"version\":2,\"articles\":[{\"id\":\"a\",\"title\":\"A\"}]}";
    assert_eq!(Catalog::from_json(bom).unwrap().articles.len(), 1);
    for (version, says) in [
        ("\"1\"", "\"1\", not a number"),
        ("-1", "-1, not a whole number"),
        ("1.5", "1.5, not a whole number"),
    ] {
        let json =
            format!("{{\"format\":\"dateline-bundle\",\"version\":{version},\"articles\":[]}}");
        match Catalog::from_json(&json) {
            Err(BundleError::NotABundle(why)) => {
                assert!(why.contains("\"version\"") && why.contains(says), "{why}")
            }
            other => panic!("{version}: {other:?}"),
        }
    }
    match Catalog::from_json("{\"version\":1e999,\"articles\":[]}") {
        Err(e) => assert!(e.to_string().contains("number out of range"), "{e}"),
        Ok(_) => panic!("1e999 accepted"),
    }
    match Catalog::from_json("{\"articles\":{\"a\":1}}") {
        Err(BundleError::NotABundle(why)) => assert!(why.contains("not a list"), "{why}"),
        other => panic!("{other:?}"),
    }
}

/// (8) A gzip bomb and an over-long record stop at the limit, with a message.
#[test]
fn limits_stop_bombs_and_say_so() {
    let dir = scratch("limits");
    let bomb = dir.join("bomb.txt.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&vec![b'a'; 3 << 20]).unwrap();
    fs::write(&bomb, gz.finish().unwrap()).unwrap();
    let options = Options {
        pages: vec![bomb.clone()],
        max_input_bytes: Some(1 << 20),
        output: dir.join("out.json"),
        ..Options::default()
    };
    match importer::run(&options) {
        Err(importer::ImportError::NoArticles { notes }) => {
            assert!(
                notes
                    .iter()
                    .any(|n| n.contains("expands to more than 1 MiB")),
                "{notes:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    let mut notes = Vec::new();
    let options = Options {
        jsonl: vec![write_long_line(&dir)],
        map: Some(importer::records::FieldMap::parse("title=title,body=body").unwrap()),
        ..Options::default()
    };
    let articles = importer::import_jsonl(&options, &mut notes).unwrap();
    assert_eq!(articles.len(), 1, "the short record is kept");
    assert!(
        notes.iter().any(|n| n.contains("longer than 16 MiB")),
        "{notes:?}"
    );
}

fn write_long_line(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("long.jsonl");
    let long = format!(
        "{{\"title\":\"Long\",\"body\":\"{}\"}}\n",
        "word ".repeat(4 << 20)
    );
    fs::write(&path, long + "{\"title\":\"Short\",\"body\":\"Fine.\"}\n").unwrap();
    path
}

/// (8) An article past the block limit is refused by name, not shipped.
#[test]
fn an_article_past_the_block_limit_is_refused() {
    let body: Vec<serde_json::Value> = (0..dateline_core::model::MAX_BLOCKS + 1)
        .map(|_| serde_json::json!({"type": "divider"}))
        .collect();
    let json = serde_json::json!({"articles": [{"id": "big", "title": "Big", "body": body}, {"id": "ok", "title": "Ok"}]});
    let catalog = Catalog::from_json(&json.to_string()).unwrap();
    assert_eq!(catalog.articles.len(), 1);
    assert!(
        catalog.skipped[0].reason.contains("body blocks"),
        "{:?}",
        catalog.skipped
    );
}

/// (9) A 10 MB title: the list gets a short one, the body keeps it whole.
#[test]
fn a_huge_title_is_cut_for_the_list_and_kept_in_the_body() {
    let title = "word ".repeat(2_000_000);
    let json = format!(
        "{{\"articles\":[{{\"id\":\"a\",\"title\":\"{title}\",\"body\":[{{\"type\":\"paragraph\",\"text\":\"Body.\"}}]}}]}}"
    );
    let catalog = Catalog::from_json(&json).unwrap();
    let a = &catalog.articles[0];
    assert!(a.title.chars().count() <= MAX_TITLE_CHARS && a.title.ends_with('…'));
    assert_eq!(a.body[0].text(), title.trim());
    assert_eq!(a.body[1].text(), "Body.");
}
