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
