//! Writes the site data (`dateline_core::data`) for a catalog: manifest, catalog
//! parts, body shards and index chunks under `data/`.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use super::related;
use crate::output::write_atomically;
use dateline_core::data::facets::facets_text;
use dateline_core::data::index::{
    encode_chunks, lexicon_text, table_text, ChunkEntry, LexiconRef, TermTable,
};
use dateline_core::data::shards::shard_table_text;
use dateline_core::data::{
    hashed_name, shard_of, BodyShard, CatalogPart, IndexInfo, Manifest, Part, MANIFEST_URL,
};
use dateline_core::model::{Article, Catalog};
use dateline_core::query::search::SearchIndex;

/// The first catalog part: enough for the first screen, small enough to come at once.
pub const FIRST_PART: usize = 100;
/// Every later catalog part.
pub const PART: usize = 10_000;
/// Target size of a body shard before compression: opening an article fetches one.
pub const SHARD_BYTES: usize = 128 * 1024;

pub struct DataReport {
    pub manifest: Manifest,
    /// The body shards, in table order.
    pub shards: Vec<Part>,
    pub files: usize,
    pub bytes: u64,
    /// Of the related stories of articles with topics, the share sharing one.
    pub related_agreement: Option<f64>,
    /// Per article: its related stories (indexes into the catalog).
    pub related: Vec<Vec<u32>>,
}

/// At most this many distinct topics in a site: the catalog numbers them
/// with 16 bits.
pub const MAX_TOPICS: usize = u16::MAX as usize + 1;

/// Writes every file of `root/data/`, replacing what was there only when
/// all of it is written: the files go to a fresh directory that is swapped
/// in at the end, so a build that fails midway (disk full, a file too large)
/// leaves the previous site whole. A catalog with no article to show is
/// refused unless `allow_empty`: an empty bundle must not silently replace a
/// good site.
pub fn write_data(root: &Path, catalog: &Catalog, allow_empty: bool) -> Result<DataReport, String> {
    if catalog.articles.is_empty() && !allow_empty {
        return Err(format!(
            "the bundle has no article to show ({} skipped); the site is left as it was \
             (dateline build --allow-empty publishes an empty site)",
            catalog.skipped.len()
        ));
    }
    let staging = root.join(format!(".data-new-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = write_files(&staging, catalog).and_then(|report| {
        swap_in(&staging.join("data"), &root.join("data"))?;
        Ok(report)
    });
    let _ = fs::remove_dir_all(&staging);
    result
}

/// Puts `new` where `old` is, keeping `old` until `new` is in place.
fn swap_in(new: &Path, old: &Path) -> Result<(), String> {
    let previous = old.with_file_name(format!(".data-old-{}", std::process::id()));
    let had_old = old.exists();
    if had_old {
        let _ = fs::remove_dir_all(&previous);
        fs::rename(old, &previous)
            .map_err(|e| format!("cannot move {} aside: {e}", old.display()))?;
    }
    if let Err(e) = fs::rename(new, old) {
        if had_old {
            let _ = fs::rename(&previous, old);
        }
        return Err(format!(
            "cannot put the new {} in place: {e}",
            old.display()
        ));
    }
    if had_old {
        let _ = fs::remove_dir_all(&previous);
    }
    Ok(())
}

fn write_files(root: &Path, catalog: &Catalog) -> Result<DataReport, String> {
    let mut files = 0usize;
    let mut bytes_written = 0u64;
    let mut write = |name: &str, bytes: &[u8]| -> Result<Part, String> {
        write_atomically(&root.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
        files += 1;
        bytes_written += bytes.len() as u64;
        Ok(Part {
            file: name.to_string(),
            bytes: bytes.len() as u64,
            count: 0,
        })
    };
    let mut hashed =
        |kind: &str, ext: &str, bytes: &[u8]| write(&hashed_name(kind, ext, bytes), bytes);

    let index = SearchIndex::new(&catalog.articles);

    let mut topic_names: Vec<String> = Vec::new();
    let mut topic_ids: HashMap<&str, u16> = HashMap::new();
    let mut parts = Vec::new();
    let mut start = 0;
    while start < catalog.articles.len() {
        let size = if start == 0 { FIRST_PART } else { PART };
        let end = (start + size).min(catalog.articles.len());
        let mut part = CatalogPart::default();
        for (i, article) in catalog.articles.iter().enumerate().take(end).skip(start) {
            let mut ids = Vec::with_capacity(article.topics.len());
            for topic in &article.topics {
                let id = match topic_ids.get(topic.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = u16::try_from(topic_names.len()).map_err(|_| {
                            format!("more than {MAX_TOPICS} different topics; a site holds at most {MAX_TOPICS}")
                        })?;
                        topic_names.push(topic.clone());
                        topic_ids.insert(topic.as_str(), id);
                        id
                    }
                };
                ids.push(id);
            }
            part.push(
                article,
                ids,
                catalog.facets.articles[i].clone(),
                (index.stats.title_len[i], index.stats.body_len[i]),
            );
        }
        let mut written = hashed("catalog", "txt", part.to_text().as_bytes())?;
        written.count = (end - start) as u32;
        parts.push(written);
        start = end;
    }

    // Each article is written out once, with its related stories; a shard
    // is its articles' records joined.
    let related = related::related(&catalog.articles, &index);
    let related_agreement = related::topic_agreement(&catalog.articles, &related);
    let written: Vec<String> = catalog
        .articles
        .iter()
        .zip(&related)
        .map(|(article, related)| {
            let others: Vec<&Article> = related
                .iter()
                .map(|&other| &catalog.articles[other as usize])
                .collect();
            BodyShard::article_text(article, &others)
        })
        .collect();
    let total: usize = written.iter().map(String::len).sum();
    let shard_count = total.div_ceil(SHARD_BYTES).max(1);
    let mut shards: Vec<Vec<&str>> = vec![Vec::new(); shard_count];
    for (article, text) in catalog.articles.iter().zip(&written) {
        shards[shard_of(&article.id, shard_count)].push(text);
    }
    let mut body_table = Vec::with_capacity(shard_count);
    for shard in &shards {
        let text = BodyShard::to_text(shard.iter().copied());
        body_table.push(hashed("body", "txt", text.as_bytes())?);
    }
    let bodies = hashed("bodies", "txt", shard_table_text(&body_table).as_bytes())?;

    let mut term_table = TermTable::default();
    for (first, bytes) in encode_chunks(&index.terms, &index.postings) {
        let part = hashed("index", "bin", &bytes)?;
        term_table.chunks.push(ChunkEntry {
            first,
            file: part.file,
            bytes: part.bytes,
        });
    }
    for (key, piece) in &index.lexicon {
        let part = hashed("lexicon", "txt", lexicon_text(piece).as_bytes())?;
        term_table.lexicons.push(LexiconRef {
            key: *key,
            file: part.file,
            bytes: part.bytes,
        });
    }
    let table = hashed("terms", "txt", table_text(&term_table).as_bytes())?;
    let facets = if catalog.facets.values.is_empty() {
        None
    } else {
        let mut part = hashed(
            "facets",
            "txt",
            facets_text(&catalog.facets.values).as_bytes(),
        )?;
        part.count = catalog.facets.values.len() as u32;
        Some(part)
    };

    let manifest = Manifest {
        articles: catalog.articles.len() as u32,
        topic_names,
        topic_labels: catalog.topic_labels.clone(),
        facets,
        catalog: parts,
        bodies,
        index: IndexInfo {
            docs: index.stats.docs,
            title_tokens: index.stats.title_tokens,
            body_tokens: index.stats.body_tokens,
            table,
        },
        skipped: catalog.skipped.clone(),
    };
    write(MANIFEST_URL, manifest.to_text().as_bytes())?;
    Ok(DataReport {
        manifest,
        shards: body_table,
        files,
        bytes: bytes_written,
        related_agreement,
        related,
    })
}
