//! The site data as the app holds it: the manifest, the catalog as far as its
//! parts have arrived, and the index chunks and body shards fetched so far.
//! Pure (no fetching): the app feeds it bytes, native tests feed it files.

use std::collections::HashMap;
use std::sync::Arc;

use super::index::{self, Chunk, ChunkEntry, ChunkedIndex};
use super::{empty_catalog, parse_shard_table, BodyShard, CatalogPart, DataError, Manifest, Part};
use crate::model::{Article, Catalog};
use crate::query::search::{self, DocStats, Terms};
use crate::query::{Engine, Outcome, Scope, View};

/// What a search still needs before it can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchNeeds {
    Nothing,
    /// The chunk table (`terms-*.txt`).
    Table(Part),
    /// These index files: chunks, or lexicon pieces when a word found few
    /// documents and may be misspelled.
    Files(Vec<(IndexFile, Part)>),
}

/// An index file a search fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexFile {
    /// A chunk, by position in the terms table.
    Chunk(usize),
    /// A lexicon piece, by first letter.
    Lexicon(char),
}

/// A view's outcome over the archive so far, and what its search is waiting for.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Shared: the app's list, filters and counts all read the same one.
    pub outcome: Arc<Outcome>,
    pub needs: SearchNeeds,
}

impl Answer {
    /// The search is waiting for index files: its outcome is not its answer yet.
    pub fn is_waiting(&self) -> bool {
        self.needs != SearchNeeds::Nothing
    }
}

pub struct Archive {
    pub manifest: Manifest,
    pub catalog: Catalog,
    pub engine: Engine,
    stats: DocStats,
    index: Option<ChunkedIndex>,
    body_table: Option<Vec<Part>>,
    shards: HashMap<usize, BodyShard>,
}

impl Archive {
    pub fn new(manifest: Manifest) -> Archive {
        let (catalog, stats) = empty_catalog(&manifest);
        let mut engine = Engine::default();
        engine.facets_pending = manifest.facets.is_some();
        Archive {
            manifest,
            catalog,
            engine,
            stats,
            index: None,
            body_table: None,
            shards: HashMap::new(),
        }
    }

    /// The facet values' file, while it is still to come. (Whether it came
    /// is the engine's flag, not an empty list of values: a file of no
    /// values must not be fetched again and again.)
    fn facets_pending(&self) -> Option<&Part> {
        self.manifest
            .facets
            .as_ref()
            .filter(|_| self.engine.facets_pending)
    }

    /// The catalog file to fetch next, with its position among the parts;
    /// `None` when all are in. In order: the first part (the first screen),
    /// the facet values (`usize::MAX`), then the other parts.
    pub fn next_part(&self) -> Option<(usize, &Part)> {
        if !self.catalog.articles.is_empty() {
            if let Some(facets) = self.facets_pending() {
                return Some((usize::MAX, facets));
            }
        }
        let mut seen = 0usize;
        for (i, part) in self.manifest.catalog.iter().enumerate() {
            if seen >= self.catalog.articles.len() {
                return Some((i, part));
            }
            seen += part.count as usize;
        }
        None
    }

    pub fn is_complete(&self) -> bool {
        self.next_part().is_none()
    }

    /// Takes in the next catalog file's bytes (see `next_part`).
    pub fn add_part(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        let Some((i, part)) = self.next_part() else {
            return Ok(());
        };
        if i == usize::MAX {
            self.catalog.facets.values = super::facets::parse_facets(part, bytes)?;
            self.engine.facets_pending = false;
            self.engine.extend(&self.catalog);
            return Ok(());
        }
        let parsed = CatalogPart::parse(part, bytes, &self.manifest)?;
        parsed.append_to(&self.manifest, &mut self.catalog, &mut self.stats);
        self.engine.extend(&self.catalog);
        Ok(())
    }

    pub fn search_needs(&self, terms: &Terms) -> SearchNeeds {
        if terms.is_empty() {
            return SearchNeeds::Nothing;
        }
        let Some(index) = &self.index else {
            return SearchNeeds::Table(self.manifest.index.table.clone());
        };
        let chunks = |terms: &Terms| -> Vec<(IndexFile, Part)> {
            index
                .missing(terms)
                .into_iter()
                .map(|i| (IndexFile::Chunk(i), index.table[i].part()))
                .collect()
        };
        // First the typed words' chunks, then the lexicon pieces of those
        // that find few documents, then the chunks of their corrections.
        let mut missing = chunks(terms);
        if missing.is_empty() {
            let (corrections, pieces) = search::corrections(index, terms, self.stats.docs);
            for key in pieces {
                // Two letters may share a piece: fetched once, by its first letter.
                let Some(piece) = index.lexicon_ref(key) else {
                    continue;
                };
                let file = IndexFile::Lexicon(piece.key);
                if !missing.iter().any(|(f, _)| *f == file) {
                    missing.push((file, piece.part()));
                }
            }
            if missing.is_empty() {
                missing = chunks(&Terms {
                    words: corrections.into_iter().map(|c| c.word).collect(),
                    ..Terms::default()
                });
            }
        }
        if missing.is_empty() {
            SearchNeeds::Nothing
        } else {
            SearchNeeds::Files(missing)
        }
    }

    /// Takes in an index file's bytes (a chunk or a lexicon piece).
    pub fn add_index_file(&mut self, file: IndexFile, bytes: &[u8]) -> Result<(), DataError> {
        let index = self.index.as_mut().expect("the terms table comes first");
        match file {
            IndexFile::Chunk(i) => {
                let docs = self.manifest.index.docs;
                let next = index.table.get(i + 1).map(|c| c.first.clone());
                let chunk = Chunk::decode(&index.table[i], next.as_deref(), docs, bytes)?;
                index.insert(i, chunk);
            }
            IndexFile::Lexicon(key) => {
                if let Some(lexicon) = index.lexicon_ref(key).cloned() {
                    let piece = index::parse_lexicon(&lexicon, bytes)?;
                    index.insert_lexicon(lexicon.key, piece);
                }
            }
        }
        Ok(())
    }

    pub fn set_chunk_table(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        let table = index::parse_table(&self.manifest.index.table, bytes)?;
        self.index = Some(ChunkedIndex::new(table));
        Ok(())
    }

    pub fn chunk_table(&self) -> Option<&[ChunkEntry]> {
        self.index.as_ref().map(|i| i.table.as_slice())
    }

    /// The lexicon pieces the terms table lists, once it is in.
    pub fn lexicons(&self) -> Option<&[index::LexiconRef]> {
        self.index.as_ref().map(|i| i.lexicons.as_slice())
    }

    /// The view over the catalog so far, with what its search still needs.
    /// While that is not `Nothing` the search finds nothing yet (the filters'
    /// counts say so too), and the app fetches what is needed.
    pub fn run(&self, view: &View) -> Answer {
        self.run_in(view, None)
    }

    /// `run`, limited to a scope (the Saved section, unread only).
    pub fn run_in(&self, view: &View, scope: Option<&Scope>) -> Answer {
        let terms = view.q.terms();
        let needs = self.search_needs(terms);
        let (scores, corrections) = match (&self.index, &needs) {
            _ if terms.is_empty() => (None, Vec::new()),
            (Some(index), SearchNeeds::Nothing) => {
                let (corrections, _) = search::corrections(index, terms, self.stats.docs);
                (
                    Some(search::score(&self.stats, index, terms, &corrections)),
                    corrections,
                )
            }
            _ => (Some(Vec::new()), Vec::new()),
        };
        Answer {
            outcome: Arc::new(self.engine.run_scored(view, scores, corrections, scope)),
            needs,
        }
    }

    /// The body shard table, once fetched.
    pub fn body_table(&self) -> Option<&[Part]> {
        self.body_table.as_deref()
    }

    pub fn set_body_table(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        self.body_table = Some(parse_shard_table(&self.manifest.bodies, bytes)?);
        Ok(())
    }

    /// The shard that holds an article, with its position.
    pub fn shard_for(&self, id: &str) -> Option<(usize, Part)> {
        let table = self.body_table.as_ref()?;
        let i = super::shard_of(id, table.len());
        Some((i, table.get(i)?.clone()))
    }

    pub fn has_shard(&self, i: usize) -> bool {
        self.shards.contains_key(&i)
    }

    pub fn add_shard(&mut self, i: usize, bytes: &[u8]) -> Result<(), DataError> {
        let part = self
            .body_table
            .as_ref()
            .and_then(|t| t.get(i))
            .expect("the shard table comes first");
        let shard = BodyShard::parse(part, bytes)?;
        self.shards.insert(i, shard);
        Ok(())
    }

    /// The words in the body of the `i`th article of the catalog (the count
    /// the ranking uses: a heading's words twice), once its part is in.
    pub fn body_words(&self, i: usize) -> Option<u32> {
        self.stats.body_len.get(i).copied()
    }

    /// A whole article, once its shard is in; `None` also when it does not exist.
    pub fn article(&self, id: &str) -> Option<&Article> {
        let (i, _) = self.shard_for(id)?;
        self.shards.get(&i)?.articles.iter().find(|a| a.id == id)
    }
}
