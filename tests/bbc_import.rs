//! The BBC set (blank-line paragraphs, no dates) through the same JSON Lines
//! importer, checked against the raw records. Skips without ../shared.

use std::io::Read;
use std::path::Path;

use dateline_core::query::{Engine, View};
use dateline_tools::importer::{import_jsonl, records::FieldMap, Options};

#[test]
fn bbc_imports_with_paragraphs_and_topics_as_in_the_source() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc-news/bbc.jsonl.gz");
    if !file.exists() {
        eprintln!("skipped: ../shared/corpora/bbc-news is not here (tests and benchmarks only)");
        return;
    }
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&file).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    let options = Options {
        jsonl: vec![file],
        map: Some(FieldMap::parse("id=id,title=title,topics=category,body=body").unwrap()),
        source: Some("BBC".into()),
        ..Options::default()
    };
    let mut articles = import_jsonl(&options, &mut Vec::new()).unwrap();
    dateline_tools::importer::assign_ids(&mut articles);
    assert_eq!(articles.len(), records.len());
    assert_eq!(articles.len(), 2_225);
    for (article, record) in articles.iter().zip(&records) {
        let body = record["body"].as_str().unwrap();
        let blocks = body.split("\n\n").filter(|b| !b.trim().is_empty()).count();
        assert_eq!(article.paragraphs().count(), blocks, "{}", record["id"]);
        assert_eq!(article.topics, [record["category"].as_str().unwrap()]);
        assert_eq!(
            article.title,
            record["title"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert_eq!(article.published, None);
    }
    assert_eq!(articles[0].id, "business-001");

    let bundle = dateline_core::model::BundleFile::new(&articles).to_json();
    let catalog = dateline_core::model::Catalog::from_json(&bundle).unwrap();
    let out = Engine::new(&catalog).run(
        &catalog,
        &View {
            topics: vec!["sport".into()],
            ..View::default()
        },
    );
    let sport = records.iter().filter(|r| r["category"] == "sport").count();
    assert_eq!(out.hits.len(), sport);
    assert_eq!(out.histogram.undated, sport);
    assert!(out.histogram.buckets.is_empty(), "no dates, no histogram");
}
