//! Shared by the integration tests that read the Reuters corpus.

use std::path::Path;

use dateline_core::model::Article;
use dateline_tools::importer::{import_jsonl, records::FieldMap, Options};

/// The Makefile's Reuters mapping.
pub const REUTERS_MAP: &str =
    "id=newid,title=title,published=date,topics=topics,body=body|unproc_text,dateline=dateline,\
byline=author,facet.country=places,facet.people=people,facet.orgs=orgs,facet.exchanges=exchanges";

/// The Reuters export imported as the importer does it, ids assigned.
pub fn import_reuters(file: &Path) -> Vec<Article> {
    let options = Options {
        jsonl: vec![file.to_path_buf()],
        map: Some(FieldMap::parse(REUTERS_MAP).unwrap()),
        ..Options::default()
    };
    let mut articles = import_jsonl(&options, &mut Vec::new()).unwrap();
    dateline_tools::importer::assign_ids(&mut articles);
    articles
}
