//! Writes the site data (`dateline_core::data`) for a catalog: manifest, catalog
//! parts, body shards and index segments under `data/`, laid out so that
//! newer articles leave the files of older ones as they were
//! (`dateline_core::data::layout`): numbers (topics, facet values) are given
//! from the oldest article on, shards are filled from the oldest on, and
//! related stories are chosen among older ones (`related`).

use std::collections::HashMap;
use std::fs;
use std::ops::Range;
use std::path::Path;

mod overlay;

use super::cache::{BuildCache, BuildState, Group, Slot, Slots};
use super::related::{self, Related};
use crate::output::write_atomically;
use dateline_core::data::facets::facets_text;
use dateline_core::data::index::{
    encode_chunks, lexicon_text, table_text, ChunkEntry, LexiconRef, TermTable,
};
use dateline_core::data::layout::{self, CATALOG_LEVEL, HEAD, INDEX_LEVEL};
use dateline_core::data::shards::shard_table_text;
use dateline_core::data::{
    hashed_name, BodyShard, CatalogPart, IndexInfo, Manifest, Part, MANIFEST_URL,
};
use dateline_core::model::{Article, Catalog};
use dateline_core::query::search::{Posting, SearchIndex};
use dateline_core::query::typo::lexicon_pieces;

/// Target size of a body shard before compression: opening an article
/// fetches one. A shard is closed before the article that would take it past
/// this (an article larger than this has a shard of its own).
pub const SHARD_BYTES: usize = 128 * 1024;

pub struct DataReport {
    pub manifest: Manifest,
    /// The body shards, in table order.
    pub shards: Vec<Part>,
    /// Per article (catalog position): its shard's position in `shards`.
    pub shard_of: Vec<usize>,
    pub files: usize,
    pub bytes: u64,
    /// Of `files`, those taken as they were from the build cache.
    pub reused: usize,
    /// Whether the build took up the previous one (its sealed units'
    /// articles were unchanged) and processed only the newest articles.
    pub taken_up: bool,
    /// Of the related stories of articles with topics, the share sharing one.
    pub related_agreement: Option<f64>,
    /// Per article: its related stories (indexes into the catalog).
    pub related: Vec<Vec<u32>>,
}

/// "; 1,020 from the build cache" when the build took files from it.
pub fn reused_note(report: &DataReport) -> String {
    if report.reused == 0 {
        return String::new();
    }
    format!("; {} from the build cache", report.reused)
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
    write_data_cached(root, catalog, allow_empty, None)
}

/// `write_data`, taking up what the previous build left in `cache` (when
/// given): when the sealed units' articles did not change, their files are
/// taken as they are and only the newest articles are processed
/// (`site::cache`). The files are the same as a clean build's, byte for
/// byte (tests/incremental.rs).
pub fn write_data_cached(
    root: &Path,
    catalog: &Catalog,
    allow_empty: bool,
    cache: Option<&Path>,
) -> Result<DataReport, String> {
    if catalog.articles.is_empty() && !allow_empty {
        return Err(format!(
            "the bundle has no article to show ({} skipped); the site is left as it was \
             (dateline build --allow-empty publishes an empty site)",
            catalog.skipped.len()
        ));
    }
    let cache = cache.map(BuildCache::open);
    let staging = root.join(format!(".data-new-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = write_files(&staging, catalog, cache.as_ref()).and_then(|(report, state)| {
        swap_in(&staging.join("data"), &root.join("data"))?;
        if let Some(cache) = &cache {
            // A cache that cannot be written costs the next build its speed, not this one.
            if let Err(e) = cache.save(&root.join("data"), &state) {
                eprintln!(
                    "note: the build cache {} was not updated: {e}",
                    cache.dir.display()
                );
            }
        }
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

/// The files written (or taken from the cache) and their bytes.
struct Writer<'a> {
    root: &'a Path,
    files: usize,
    bytes: u64,
    reused: usize,
}

impl Writer<'_> {
    fn hashed(&mut self, kind: &str, ext: &str, bytes: &[u8]) -> Result<Part, String> {
        self.write(&hashed_name(kind, ext, bytes), bytes)
    }

    fn write(&mut self, name: &str, bytes: &[u8]) -> Result<Part, String> {
        write_atomically(&self.root.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(Part {
            file: name.to_string(),
            bytes: bytes.len() as u64,
            count: 0,
        })
    }

    /// Takes a group's files from the cache.
    fn reuse(&mut self, cache: &BuildCache, group: &Group) -> Result<Part, String> {
        for file in &group.files {
            self.reuse_file(cache, file)?;
        }
        Ok(group.part())
    }

    fn reuse_file(&mut self, cache: &BuildCache, file: &str) -> Result<(), String> {
        self.bytes += cache.link(file, &self.root.join(file))?;
        self.files += 1;
        self.reused += 1;
        Ok(())
    }
}

fn write_files(
    root: &Path,
    catalog: &Catalog,
    cache: Option<&BuildCache>,
) -> Result<(DataReport, BuildState), String> {
    let mut out = Writer {
        root,
        files: 0,
        bytes: 0,
        reused: 0,
    };
    let n = catalog.articles.len();
    // The layout counts places (articles and removed ones), the files hold
    // the articles.
    let slots = Slots::new(catalog);
    let places = slots.len();
    let fingerprints = BuildState::fingerprints(catalog, &slots);
    // What the previous build left, when its sealed units' places are the
    // oldest `kept` of these, unchanged.
    let previous = cache.and_then(|c| c.state_for(&fingerprints).map(|s| (c, s)));
    let kept = previous.as_ref().map_or(0, |(_, s)| s.sealed);
    let kept_articles = slots.article_ages(&(0..kept)).end;
    let reusable = |groups: Option<&Vec<Group>>, ages: &Range<usize>| -> Option<Group> {
        let group = groups?
            .iter()
            .find(|g| g.ages == *ages && ages.end <= kept)?;
        Some(group.clone())
    };
    let prior = |pick: fn(&BuildState) -> &Vec<Group>| previous.as_ref().map(|(_, s)| pick(s));
    // The catalog positions of the articles of the places `ages`.
    let at = |ages: &Range<usize>| {
        let articles = slots.article_ages(ages);
        n - articles.end..n - articles.start
    };

    // The newest articles, from the oldest index segment that is not kept
    // on: the only ones the build reads the words of.
    let segments = layout::groups(places, INDEX_LEVEL);
    let fresh = segments
        .iter()
        .find(|ages| reusable(prior(|s| &s.segments), ages).is_none())
        .map_or(0, |ages| at(&(ages.start..places)).end);
    let index = SearchIndex::new(&catalog.articles[..fresh]);
    let lens: Vec<(u16, u32)> = (0..n)
        .map(|i| match previous.as_ref() {
            Some((_, s)) if i >= fresh => s.lens[n - 1 - i],
            _ => (index.stats.title_len[i], index.stats.body_len[i]),
        })
        .collect();

    let topics = topic_numbers(catalog, &slots)?;
    let catalog_part = |out: &mut Writer, range: Range<usize>| -> Result<Part, String> {
        let mut part = CatalogPart::default();
        for i in range.clone() {
            let article = &catalog.articles[i];
            part.push(
                article,
                topics.ids[i].clone(),
                catalog.facets.articles[i].clone(),
                lens[i],
            );
        }
        let mut written = out.hashed("catalog", "txt", part.to_text().as_bytes())?;
        written.count = range.len() as u32;
        Ok(written)
    };
    let head = catalog_part(&mut out, 0..n.min(HEAD))?;
    let mut parts = Vec::new();
    let mut catalog_groups = Vec::new();
    for ages in layout::groups(places, CATALOG_LEVEL).into_iter().rev() {
        let part = match (reusable(prior(|s| &s.catalog), &ages), &previous) {
            (Some(group), Some((cache, _))) => out.reuse(cache, &group)?,
            _ => catalog_part(&mut out, at(&ages))?,
        };
        catalog_groups.push(Group::new(ages, &part, vec![part.file.clone()]));
        parts.push(part);
    }

    // Related stories for the articles after the kept ones; the state at
    // the open unit's start is what the next build takes up.
    let mut chosen = previous
        .as_ref()
        .map_or_else(|| Related::new(Vec::new()), |(_, s)| s.related.clone());
    let ids = chosen.extend_terms(&index.terms);
    let mut counts = related::word_counts(&index, 0..n - kept_articles);
    for list in &mut counts {
        for (term, _) in list.iter_mut() {
            *term = ids[*term as usize];
        }
    }
    let open = layout::open_unit_start(places);
    let choosing = related::Places {
        articles: &catalog.articles,
        removed: &catalog.removed,
        by_age: slots.by_age(),
        counts: &counts,
    };
    chosen.feed_all(&choosing, kept..open);
    let at_open = chosen.clone();
    chosen.feed_all(&choosing, open..places);
    let related = chosen.positions(slots.by_age(), n);
    let related_agreement = related::topic_agreement(&catalog.articles, &related);

    let (bodies, body_table, shard_of, shard_groups) = write_bodies(
        &mut out,
        catalog,
        &related,
        previous.as_ref(),
        &slots,
        kept_articles,
    )?;

    // A build after removals from the sealed units is a clean one, but for
    // the index segments: those the removals touched keep their chunks,
    // with an overlay, until they are merged (`overlay`).
    let overlay = match (&previous, cache) {
        (None, Some(cache)) => cache.state().map(|state| overlay::Overlay {
            cache,
            state,
            fingerprints: &fingerprints,
            slots: &slots,
        }),
        _ => None,
    };
    let mut segment_groups = Vec::new();
    for ages in segments.into_iter().rev() {
        let taken = match (reusable(prior(|s| &s.segments), &ages), &previous) {
            (Some(group), Some((cache, _))) => {
                out.reuse(cache, &group)?;
                Some(group)
            }
            _ => match overlay.as_ref() {
                Some(overlay) => overlay.segment(&mut out, &index, &ages, at(&ages))?,
                None => None,
            },
        };
        let group = match taken {
            Some(group) => group,
            None => {
                let (part, files) = write_segment(&mut out, &index, at(&ages))?;
                Group::new(ages, &part, files)
            }
        };
        segment_groups.push(group);
    }
    let segment_parts = segment_groups.iter().map(Group::part).collect();
    let facets = if catalog.facets.values.is_empty() {
        None
    } else {
        let text = facets_text(&catalog.facets.values);
        let mut part = out.hashed("facets", "txt", text.as_bytes())?;
        part.count = catalog.facets.values.len() as u32;
        Some(part)
    };

    let manifest = Manifest {
        articles: n as u32,
        topic_names: topics.names,
        topic_labels: catalog.topic_labels.clone(),
        facets,
        head,
        catalog: parts,
        bodies,
        segments: segment_parts,
        index: IndexInfo {
            docs: n as u32,
            title_tokens: lens.iter().map(|l| u64::from(l.0)).sum(),
            body_tokens: lens.iter().map(|l| u64::from(l.1)).sum(),
        },
        skipped: catalog.skipped.clone(),
    };
    out.write(MANIFEST_URL, manifest.to_text().as_bytes())?;
    let removed = (0..places)
        .filter(|&age| matches!(slots.at(age), Slot::Removed(_)))
        .collect();
    let state = BuildState {
        fingerprints,
        sealed: layout::open_unit_start(places),
        removed,
        lens: lens.iter().rev().copied().collect(),
        related: at_open,
        catalog: catalog_groups,
        segments: segment_groups,
        shards: shard_groups,
        ..BuildState::default()
    };
    let report = DataReport {
        manifest,
        shards: body_table,
        shard_of,
        files: out.files,
        bytes: out.bytes,
        reused: out.reused,
        taken_up: previous.is_some() && kept > 0,
        related_agreement,
        related,
    };
    Ok((report, state))
}

/// Topic names numbered by first appearance from the oldest place on
/// (newer articles only add numbers, a removed one keeps claiming its own:
/// `Tombstone`), and each article's topics by number. A topic no article
/// has any more is named `""`: the site does not show removed articles'
/// topics, and no article refers to it.
struct TopicNumbers {
    names: Vec<String>,
    ids: Vec<Vec<u16>>,
}

fn topic_numbers(catalog: &Catalog, slots: &Slots) -> Result<TopicNumbers, String> {
    let mut names: Vec<String> = Vec::new();
    let mut live: Vec<bool> = Vec::new();
    let mut numbers: HashMap<&str, u16> = HashMap::new();
    let mut ids: Vec<Vec<u16>> = vec![Vec::new(); catalog.articles.len()];
    for age in 0..slots.len() {
        let (topics, article) = match slots.at(age) {
            Slot::Article(i) => (&catalog.articles[i].topics, Some(i)),
            Slot::Removed(r) => (&catalog.removed[r].topics, None),
        };
        for topic in topics {
            let id = match numbers.get(topic.as_str()) {
                Some(&id) => id,
                None => {
                    let id = u16::try_from(names.len()).map_err(|_| {
                        format!("more than {MAX_TOPICS} different topics; a site holds at most {MAX_TOPICS}")
                    })?;
                    names.push(topic.clone());
                    live.push(false);
                    numbers.insert(topic.as_str(), id);
                    id
                }
            };
            if let Some(i) = article {
                live[usize::from(id)] = true;
                ids[i].push(id);
            }
        }
    }
    for (name, live) in names.iter_mut().zip(live) {
        if !live {
            name.clear();
        }
    }
    Ok(TopicNumbers { names, ids })
}

type Bodies = (Part, Vec<Part>, Vec<usize>, Vec<Group>);

/// The body shards and their table. Shards are filled from the oldest
/// article on (`shard_ages`), and a unit's articles start a new shard: the
/// previous build's shards up to the one closed by an article of the open
/// unit are taken as they are (the first `kept` articles did not change),
/// and the rest are filled again from there.
fn write_bodies(
    out: &mut Writer,
    catalog: &Catalog,
    related: &[Vec<u32>],
    previous: Option<&(&BuildCache, BuildState)>,
    slots: &Slots,
    kept: usize,
) -> Result<Bodies, String> {
    let n = catalog.articles.len();
    let mut groups: Vec<Group> = Vec::new();
    let mut parts = Vec::new();
    if let Some((cache, state)) = previous {
        // A shard ending at `end` was closed by the article at `end`.
        for group in state.shards.iter().take_while(|g| g.ages.end < kept) {
            parts.push(out.reuse(cache, group)?);
            groups.push(group.clone());
        }
    }
    let start = groups.last().map_or(0, |g| g.ages.end);
    let text = |age: usize| {
        let i = n - 1 - age;
        let others: Vec<&Article> = related[i]
            .iter()
            .map(|&other| &catalog.articles[other as usize])
            .collect();
        BodyShard::article_text(&catalog.articles[i], &others)
    };
    let written: Vec<String> = (start..n).map(text).collect();
    let units: Vec<usize> = (1..=slots.len() / layout::UNIT)
        .map(|unit| slots.article_ages(&(0..unit * layout::UNIT)).end)
        .collect();
    for ages in shard_ages(start, written.iter().map(String::len), &units) {
        // Catalog order within a shard, newest first, like the table.
        let records = written[ages.start - start..ages.end - start].iter().rev();
        let shard = BodyShard::to_text(records.map(String::as_str));
        let mut part = out.hashed("body", "txt", shard.as_bytes())?;
        part.count = ages.len() as u32;
        groups.push(Group::new(ages, &part, vec![part.file.clone()]));
        parts.push(part);
    }
    parts.reverse();
    let table_groups: Vec<&Group> = groups.iter().rev().collect();
    let mut shard_of = vec![0; n];
    for (shard, group) in table_groups.iter().enumerate() {
        shard_of[n - group.ages.end..n - group.ages.start].fill(shard);
    }
    let table = out.hashed("bodies", "txt", shard_table_text(&parts).as_bytes())?;
    Ok((table, parts, shard_of, groups))
}

/// The shards' article ranges by age (0 the oldest), oldest first, for the
/// records from age `start` on, of `sizes` bytes: a shard is closed before
/// the record that would take it past `SHARD_BYTES`, and before each of
/// `breaks` (the first article of a unit, ascending), so adding newer
/// articles changes only the newest shard, which shards hold the older
/// ones never changes, and a removed article changes only its unit's.
pub fn shard_ages(
    start: usize,
    sizes: impl Iterator<Item = usize>,
    breaks: &[usize],
) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let (mut from, mut bytes, mut age) = (start, 0usize, start);
    let mut next_break = breaks.iter().copied().filter(|&b| b > start).peekable();
    for size in sizes {
        let mut at_break = false;
        while let Some(&b) = next_break.peek().filter(|&&b| b <= age) {
            at_break |= b == age;
            next_break.next();
        }
        if bytes > 0 && (at_break || bytes + size > SHARD_BYTES) {
            ranges.push(from..age);
            (from, bytes) = (age, 0);
        }
        bytes += size;
        age += 1;
    }
    if age > from {
        ranges.push(from..age);
    }
    ranges
}

/// An index segment's terms table, chunks and lexicon pieces, for the
/// documents in `range` (catalog positions, within `index`).
fn write_segment(
    out: &mut Writer,
    index: &SearchIndex,
    range: Range<usize>,
) -> Result<(Part, Vec<String>), String> {
    let (terms, postings) = segment_postings(index, range.clone());
    let mut files = Vec::new();
    let mut term_table = TermTable::default();
    for (first, bytes) in encode_chunks(&terms, &postings) {
        let part = out.hashed("index", "bin", &bytes)?;
        files.push(part.file.clone());
        term_table.chunks.push(ChunkEntry {
            first,
            file: part.file,
            bytes: part.bytes,
        });
    }
    let words = terms
        .iter()
        .zip(&postings)
        .map(|(t, p)| (t.as_str(), p.len()));
    for (key, piece) in &lexicon_pieces(words) {
        let part = out.hashed("lexicon", "txt", lexicon_text(piece).as_bytes())?;
        files.push(part.file.clone());
        term_table.lexicons.push(LexiconRef {
            key: *key,
            file: part.file,
            bytes: part.bytes,
        });
    }
    let mut table = out.hashed("terms", "txt", table_text(&term_table).as_bytes())?;
    table.count = range.len() as u32;
    files.push(table.file.clone());
    Ok((table, files))
}

/// One index segment's terms and postings: the documents in `range`
/// (catalog positions), numbered from the segment's first.
fn segment_postings(
    index: &SearchIndex,
    range: std::ops::Range<usize>,
) -> (Vec<String>, Vec<Vec<Posting>>) {
    let (start, end) = (range.start as u32, range.end as u32);
    let mut terms = Vec::new();
    let mut postings = Vec::new();
    for (term, list) in index.terms.iter().zip(&index.postings) {
        let from = list.partition_point(|p| p.doc < start);
        let to = list.partition_point(|p| p.doc < end);
        if from < to {
            terms.push(term.clone());
            postings.push(
                list[from..to]
                    .iter()
                    .map(|p| Posting {
                        doc: p.doc - start,
                        ..*p
                    })
                    .collect(),
            );
        }
    }
    (terms, postings)
}
