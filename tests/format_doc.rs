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
