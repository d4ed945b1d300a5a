//! The example in docs/format.md is a bundle the app accepts.

#[test]
fn the_documented_example_loads() {
    let doc = include_str!("../docs/format.md");
    let start = doc
        .find("```json\n")
        .expect("docs/format.md has a JSON example")
        + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let catalog = dateline_core::model::Catalog::from_json(&doc[start..end]).unwrap();
    assert_eq!(catalog.articles.len(), 2);
    assert!(catalog.skipped.is_empty());
    assert!(catalog.articles[0].title_derived && catalog.articles[0].published_inferred);
}

/// The block examples in docs/format.md are blocks the app reads as documented.
#[test]
fn the_documented_blocks_load() {
    use dateline_core::model::Block;
    let doc = include_str!("../docs/format.md");
    let at = doc
        .find("## Body blocks")
        .expect("docs/format.md documents body blocks");
    let start = at + doc[at..].find("```json\n").unwrap() + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let bundle = format!(
        r#"{{"format":"dateline-bundle","version":2,"articles":[{{"id":"a","title":"A","body":{}}}]}}"#,
        &doc[start..end]
    );
    let catalog = dateline_core::model::Catalog::from_json(&bundle).unwrap();
    assert!(catalog.skipped.is_empty(), "{:?}", catalog.skipped);
    let body = &catalog.articles[0].body;
    let kinds: Vec<&str> = body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "paragraph",
            Block::List { .. } => "list",
            Block::Quote { .. } => "quote",
            Block::Table(_) => "table",
            Block::Figure(_) => "figure",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["paragraph", "list", "quote", "table", "figure"]);
    assert_eq!(
        body[0].text(),
        "The bridge reopened two years late; see the report."
    );
}

/// The archive line and the feed state in docs/format.md are what
/// `dateline update` reads and writes.
#[test]
fn the_documented_archive_and_feed_state_load() {
    let doc = include_str!("../docs/format.md");
    let at = doc
        .find("## The archive")
        .expect("docs/format.md documents the archive");
    let block = |fence: &str, from: usize| {
        let start = from + doc[from..].find(fence).unwrap() + fence.len();
        (
            &doc[start..start + doc[start..].find("```").unwrap()],
            start,
        )
    };
    let (line, after) = block("```jsonl\n", at);
    let record: dateline_tools::archive::Record = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(record.archive.feeds, ["https://news.test/feed.xml"]);
    assert_eq!(
        dateline_tools::archive::month_of(&record.article),
        "2026-02"
    );
    let bundle = format!(r#"{{"articles":[{}]}}"#, line.trim());
    let catalog = dateline_core::model::Catalog::from_json(&bundle).unwrap();
    assert!(
        catalog.skipped.is_empty(),
        "an archive line is an article record"
    );
    let (state, _) = block("```json\n", after);
    let dir = std::env::temp_dir().join(format!("dateline-doc-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(dateline_tools::fetch::state::FILE), state).unwrap();
    let states = dateline_tools::fetch::state::States::read(&dir).unwrap();
    assert!(states.feeds["https://gone.test/rss"].retired);
    assert_eq!(
        states.feeds["https://news.test/feed.xml"]
            .validators
            .etag
            .as_deref(),
        Some("\"5d1b\"")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
