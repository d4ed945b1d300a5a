//! The site data as the app holds it: the manifest, the catalog as far as its
//! parts have arrived, and the index chunks and body shards fetched so far.
//! Pure (no fetching): the app feeds it bytes, native tests feed it files.

use std::collections::HashMap;
use std::sync::Arc;

use super::index::{self, Chunk, ChunkedIndex, Segments};
use super::{empty_catalog, parse_shard_table, BodyShard, CatalogPart, DataError, Manifest, Part};
use crate::model::{Article, Catalog};
use crate::query::search::{self, DocStats, Terms};
use crate::query::{Engine, Outcome, Scope, View};

/// What a search still needs before it can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchNeeds {
    Nothing,
    /// These index files: segments' terms tables, then chunks, then lexicon
    /// pieces when a word found few documents and may be misspelled.
    Files(Vec<(IndexFile, Part)>),
}

/// An index file a search fetches, by index segment (its position in the manifest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexFile {
    /// A segment's terms table (`terms-*.txt`).
    Table(usize),
    /// A chunk, by segment and position in its terms table.
    Chunk(usize, usize),
    /// A segment's lexicon piece, by first letter.
    Lexicon(usize, char),
}

/// Where an article's body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// In this shard (position in the shard table).
    Shard(usize, Part),
    /// Not in the catalog so far: it may be in a part still to come.
    NotYet,
    /// Not in this archive.
    Nowhere,
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
    /// Per index segment, once its terms table is in.
    index: Vec<Option<ChunkedIndex>>,
    body_table: Option<Vec<Part>>,
    shards: HashMap<usize, BodyShard>,
}

impl Archive {
    pub fn new(manifest: Manifest) -> Archive {
        let (catalog, stats) = empty_catalog(&manifest);
        let mut engine = Engine::default();
        engine.facets_pending = manifest.facets.is_some();
        Archive {
            index: manifest.segments.iter().map(|_| None).collect(),
            manifest,
            catalog,
            engine,
            stats,
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
    /// `None` when all are in. In order: the head (the first screen,
    /// `HEAD_PART`), the facet values (`FACETS_PART`), then the parts the
    /// head does not cover.
    pub fn next_part(&self) -> Option<(usize, &Part)> {
        let have = self.catalog.articles.len();
        if have == 0 && self.manifest.head.count > 0 {
            return Some((HEAD_PART, &self.manifest.head));
        }
        if have > 0 {
            if let Some(facets) = self.facets_pending() {
                return Some((FACETS_PART, facets));
            }
        }
        let mut end = 0usize;
        for (i, part) in self.manifest.catalog.iter().enumerate() {
            end += part.count as usize;
            if have < end {
                return Some((i, part));
            }
        }
        None
    }

    pub fn is_complete(&self) -> bool {
        self.next_part().is_none()
    }

    /// Takes in the next catalog file's bytes (see `next_part`). A part
    /// that begins with articles already in (the head's) adds the rest.
    pub fn add_part(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        let Some((i, part)) = self.next_part() else {
            return Ok(());
        };
        if i == FACETS_PART {
            self.catalog.facets.values = super::facets::parse_facets(part, bytes)?;
            self.engine.facets_pending = false;
            self.engine.extend(&self.catalog);
            return Ok(());
        }
        let mut parsed = CatalogPart::parse(part, bytes, &self.manifest)?;
        let start: usize = match i {
            HEAD_PART => 0,
            i => self.manifest.catalog[..i]
                .iter()
                .map(|p| p.count as usize)
                .sum(),
        };
        let have = self.catalog.articles.len() - start;
        parsed.entries.drain(..have.min(parsed.entries.len()));
        parsed.append_to(&self.manifest, &mut self.catalog, &mut self.stats);
        self.engine.extend(&self.catalog);
        Ok(())
    }

    /// The index segments whose terms tables are in, as one index; `None`
    /// while any is missing.
    fn segments(&self) -> Option<Segments<'_>> {
        self.index
            .iter()
            .map(Option::as_ref)
            .collect::<Option<Vec<_>>>()
            .map(Segments)
    }

    pub fn search_needs(&self, terms: &Terms) -> SearchNeeds {
        if terms.is_empty() {
            return SearchNeeds::Nothing;
        }
        let Some(segments) = self.segments() else {
            let tables = (self.index.iter().enumerate())
                .filter(|(_, index)| index.is_none())
                .map(|(s, _)| (IndexFile::Table(s), self.manifest.segments[s].clone()))
                .collect();
            return SearchNeeds::Files(tables);
        };
        let chunks = |terms: &Terms| -> Vec<(IndexFile, Part)> {
            let each = segments.0.iter().enumerate().flat_map(|(s, index)| {
                index
                    .missing(terms)
                    .into_iter()
                    .map(move |i| (IndexFile::Chunk(s, i), index.table[i].part()))
            });
            each.collect()
        };
        // First the typed words' chunks, then the lexicon pieces of those
        // that find few documents, then the chunks of their corrections.
        let mut missing = chunks(terms);
        if missing.is_empty() {
            let (corrections, keys) = search::corrections(&segments, terms, self.stats.docs);
            for key in keys {
                for (s, index) in segments.0.iter().enumerate() {
                    // Two letters may share a piece: fetched once, by its first letter.
                    let Some(piece) = index.lexicon_ref(key).filter(|_| !index.has_lexicon(key))
                    else {
                        continue;
                    };
                    let file = IndexFile::Lexicon(s, piece.key);
                    if !missing.iter().any(|(f, _)| *f == file) {
                        missing.push((file, piece.part()));
                    }
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

    /// Takes in an index file's bytes (a terms table, a chunk or a lexicon piece).
    pub fn add_index_file(&mut self, file: IndexFile, bytes: &[u8]) -> Result<(), DataError> {
        let segment = |s: usize| self.manifest.segments.get(s);
        match file {
            IndexFile::Table(s) => {
                if let (Some(part), Some(None)) = (segment(s), self.index.get(s)) {
                    let table = index::parse_table(part, bytes)?;
                    self.index[s] = Some(ChunkedIndex::new(table));
                }
            }
            IndexFile::Chunk(s, i) => {
                let offset: u32 = self.manifest.segments[..s].iter().map(|p| p.count).sum();
                let index = self.index[s].as_mut().expect("the terms table comes first");
                // As written: the documents it has and those removed since.
                let docs = self.manifest.segments[s]
                    .count
                    .saturating_add(index.gone.len() as u32);
                let next = index.table.get(i + 1).map(|c| c.first.clone());
                let numbering = (docs, offset, index.gone.as_slice());
                let chunk = Chunk::decode(&index.table[i], next.as_deref(), numbering, bytes)?;
                index.insert(i, chunk);
            }
            IndexFile::Lexicon(s, key) => {
                let index = self.index[s].as_mut().expect("the terms table comes first");
                if let Some(lexicon) = index.lexicon_ref(key).cloned() {
                    let piece = index::parse_lexicon(&lexicon, bytes)?;
                    index.insert_lexicon(lexicon.key, piece);
                }
            }
        }
        Ok(())
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
        let (scores, corrections) = match (self.segments(), &needs) {
            _ if terms.is_empty() => (None, Vec::new()),
            (Some(index), SearchNeeds::Nothing) => {
                let (corrections, _) = search::corrections(&index, terms, self.stats.docs);
                (
                    Some(search::score(&self.stats, &index, terms, &corrections)),
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

    /// An index segment's tables, once its terms table is in.
    pub fn segment(&self, s: usize) -> Option<&ChunkedIndex> {
        self.index.get(s)?.as_ref()
    }

    /// The bytes of all the index's chunks, once every terms table is in.
    pub fn chunk_bytes(&self) -> Option<u64> {
        let segments = self.segments()?;
        Some(
            segments
                .0
                .iter()
                .flat_map(|s| &s.table)
                .map(|c| c.bytes)
                .sum(),
        )
    }

    /// The body shard table, once fetched.
    pub fn body_table(&self) -> Option<&[Part]> {
        self.body_table.as_deref()
    }

    pub fn set_body_table(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        self.body_table = Some(parse_shard_table(&self.manifest.bodies, bytes)?);
        Ok(())
    }

    /// Where an article's body is: the shard that holds its catalog
    /// position. The body table lists shards in catalog order with their
    /// counts; an article not in the catalog yet may still come.
    pub fn locate(&self, id: &str) -> Located {
        let Some(table) = self.body_table.as_ref() else {
            return Located::NotYet;
        };
        let Some(at) = self.catalog.articles.iter().position(|a| a.id == id) else {
            return if self.is_complete() {
                Located::Nowhere
            } else {
                Located::NotYet
            };
        };
        let mut end = 0usize;
        for (i, part) in table.iter().enumerate() {
            end += part.count as usize;
            if at < end {
                return Located::Shard(i, part.clone());
            }
        }
        Located::Nowhere
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
        let Located::Shard(i, _) = self.locate(id) else {
            return None;
        };
        self.shards.get(&i)?.articles.iter().find(|a| a.id == id)
    }
}

/// `next_part`'s position for the head part.
pub const HEAD_PART: usize = usize::MAX - 1;
/// `next_part`'s position for the facet values.
pub const FACETS_PART: usize = usize::MAX;
