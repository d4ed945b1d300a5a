//! The search index in chunks: terms in sorted order, cut into files of about
//! `CHUNK_BYTES`, so a query fetches only the chunks that hold its words (a
//! prefix: the chunks its completions span). The chunk table lists each
//! chunk's first term. The archive's index is in segments (`layout`),
//! each with its own table, chunks and lexicon and documents numbered from
//! its own first; `Segments` reads them as one index.
//!
//! Chunk encoding (binary, little work to decode): `DLIX`, version byte, then
//! the term count and per term its UTF-8 length and bytes, its posting count,
//! and per posting the gap to the previous document, `body_tf * 4 +
//! min(title_tf, 3)`, and `title_tf` again when it is 3 or more — all as
//! LEB128 varints. The varints are written by hand: a dozen lines that the
//! wasm runs in a tight loop over every posting it reads, where a crate
//! (`leb128`, or a serde format such as `postcard`) would add a dependency
//! and more code for the same loop.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use super::records::{self, push_record};
use super::{damaged, verify, DataError, Part, DATA_VERSION};
use crate::query::search::{prefix_range, term_position, Posting, Postings, Terms};
use crate::query::typo::{piece_index, words_starting, LexiconEntry};

const MAGIC: &[u8; 4] = b"DLIX";
const VERSION: u8 = 1;
/// The largest chunk size before compression (`chunk_bytes_for`).
pub const CHUNK_BYTES: usize = 32 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkEntry {
    /// The chunk's first term; its last is just before the next chunk's first.
    pub first: String,
    pub file: String,
    pub bytes: u64,
}

/// A lexicon piece: the words from its first letter `key` up to the next
/// piece's (see `query::typo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconRef {
    pub key: char,
    pub file: String,
    pub bytes: u64,
}

impl LexiconRef {
    pub fn part(&self) -> Part {
        Part {
            file: self.file.clone(),
            bytes: self.bytes,
            count: 0,
        }
    }
}

/// The terms table: the index chunks and the lexicon pieces, and what has
/// been removed from them since they were written (the overlay below).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermTable {
    pub chunks: Vec<ChunkEntry>,
    pub lexicons: Vec<LexiconRef>,
    /// The documents (as the chunks number them) removed since: their
    /// postings are skipped and the rest numbered as if they were not there.
    pub gone: Vec<u32>,
    /// The lexicon's words whose counts the removals changed, with their
    /// counts now (0: no document has the word any more), in word order.
    pub patch: Vec<LexiconEntry>,
}

const TABLE_KIND: &str = "dateline-terms";
const LEXICON_KIND: &str = "dateline-lexicon";

/// The terms table: a `chunk first-term file bytes` record per chunk, in
/// term order, then a `lexicon first-letter file bytes` record per piece,
/// then the overlay: a `gone document` record per removed document, in
/// order, and a `patch word documents` record per changed lexicon count.
/// (A reader from before lexicons skips the records it does not know.)
pub fn table_text(table: &TermTable) -> String {
    let mut out = records::header(TABLE_KIND, DATA_VERSION);
    for c in &table.chunks {
        push_record(
            &mut out,
            &["chunk", &c.first, &c.file, &c.bytes.to_string()],
        );
    }
    for l in &table.lexicons {
        push_record(
            &mut out,
            &["lexicon", &l.key.to_string(), &l.file, &l.bytes.to_string()],
        );
    }
    for doc in &table.gone {
        push_record(&mut out, &["gone", &doc.to_string()]);
    }
    for e in &table.patch {
        push_record(&mut out, &["patch", &e.word, &e.docs.to_string()]);
    }
    out
}

pub fn parse_table(part: &Part, bytes: &[u8]) -> Result<TermTable, DataError> {
    verify(part, bytes)?;
    let lines = records::read(&part.file, bytes, TABLE_KIND, DATA_VERSION)?;
    let mut table = TermTable::default();
    for r in &lines {
        match r.kind() {
            "chunk" => {
                let [first, file, bytes] = r.fields()?;
                table.chunks.push(ChunkEntry {
                    first: first.into(),
                    file: file.into(),
                    bytes: r.number(bytes)?,
                });
            }
            "lexicon" => {
                let [key, file, bytes] = r.fields()?;
                let mut letters = key.chars();
                let (Some(key), None) = (letters.next(), letters.next()) else {
                    return Err(r.error("a lexicon key is one letter"));
                };
                table.lexicons.push(LexiconRef {
                    key,
                    file: file.into(),
                    bytes: r.number(bytes)?,
                });
            }
            "gone" => {
                let [doc] = r.fields()?;
                let doc = r.number(doc)?;
                if table.gone.last().is_some_and(|&last| last >= doc) {
                    return Err(r.error("its removed documents are out of order"));
                }
                table.gone.push(doc);
            }
            "patch" => {
                let [word, docs] = r.fields()?;
                if table
                    .patch
                    .last()
                    .is_some_and(|last| last.word.as_str() >= word)
                {
                    return Err(r.error("its lexicon patch is out of order"));
                }
                table.patch.push(LexiconEntry {
                    word: word.into(),
                    docs: r.number(docs)?,
                });
            }
            _ => {}
        }
    }
    Ok(table)
}

/// A lexicon piece: a `word word documents` record per word, in word order.
pub fn lexicon_text(piece: &[LexiconEntry]) -> String {
    let mut out = records::header(LEXICON_KIND, DATA_VERSION);
    for e in piece {
        push_record(&mut out, &["word", &e.word, &e.docs.to_string()]);
    }
    out
}

/// Reads a lexicon piece, checking that its words come in order from its key.
pub fn parse_lexicon(lexicon: &LexiconRef, bytes: &[u8]) -> Result<Vec<LexiconEntry>, DataError> {
    verify(&lexicon.part(), bytes)?;
    let lines = records::read(&lexicon.file, bytes, LEXICON_KIND, DATA_VERSION)?;
    let mut piece: Vec<LexiconEntry> = Vec::new();
    for r in lines.iter().filter(|r| r.kind() == "word") {
        let [word, docs] = r.fields()?;
        let in_order = piece.last().is_none_or(|last| last.word.as_str() < word);
        if word.chars().next() < Some(lexicon.key) || !in_order {
            return Err(r.error("its words are out of order"));
        }
        piece.push(LexiconEntry {
            word: word.into(),
            docs: r.number(docs)?,
        });
    }
    Ok(piece)
}

impl ChunkEntry {
    pub fn part(&self) -> Part {
        Part {
            file: self.file.clone(),
            bytes: self.bytes,
            count: 0,
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            // The tenth byte has room for one bit: more is a number past u64, damage.
            if shift == 63 && byte & 0x7e != 0 {
                return None;
            }
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }
}

/// The chunk size for a segment whose index is `bytes` in all: a search
/// fetches the segment's terms table (about 50 bytes a chunk) and one chunk
/// a word, so `√(50 · bytes)` keeps the two about even; between 2 and 32 kB.
/// It depends on the segment alone, so a segment's files never change
/// while its articles do not.
pub fn chunk_bytes_for(bytes: usize) -> usize {
    (((50 * bytes) as f64).sqrt() as usize).clamp(2 * 1024, CHUNK_BYTES)
}

/// Encodes terms (sorted) with their postings (by document) into chunks of
/// `chunk_bytes_for` the whole; returns each chunk's first term and bytes.
pub fn encode_chunks(terms: &[String], postings: &[Vec<Posting>]) -> Vec<(String, Vec<u8>)> {
    let whole: usize = encode_in(terms, postings, usize::MAX)
        .iter()
        .map(|(_, b)| b.len())
        .sum();
    encode_in(terms, postings, chunk_bytes_for(whole))
}

fn encode_in(
    terms: &[String],
    postings: &[Vec<Posting>],
    chunk_bytes: usize,
) -> Vec<(String, Vec<u8>)> {
    let mut chunks = Vec::new();
    let mut body = Vec::new();
    let mut count = 0u64;
    let mut first: Option<&String> = None;
    let mut finish = |body: &mut Vec<u8>, count: &mut u64, first: &mut Option<&String>| {
        if let Some(term) = first.take() {
            let mut bytes = MAGIC.to_vec();
            bytes.push(VERSION);
            put_varint(&mut bytes, *count);
            bytes.append(body);
            chunks.push((term.clone(), bytes));
            *count = 0;
        }
    };
    for (term, list) in terms.iter().zip(postings) {
        first.get_or_insert(term);
        put_varint(&mut body, term.len() as u64);
        body.extend_from_slice(term.as_bytes());
        put_varint(&mut body, list.len() as u64);
        let mut last = 0u32;
        for p in list {
            put_varint(&mut body, u64::from(p.doc - last));
            last = p.doc;
            put_varint(
                &mut body,
                u64::from(p.body_tf) * 4 + u64::from(p.title_tf.min(3)),
            );
            if p.title_tf >= 3 {
                put_varint(&mut body, u64::from(p.title_tf));
            }
        }
        count += 1;
        if body.len() >= chunk_bytes {
            finish(&mut body, &mut count, &mut first);
        }
    }
    finish(&mut body, &mut count, &mut first);
    chunks
}

/// One decoded chunk: sorted terms and their postings.
#[derive(Debug, Default)]
pub struct Chunk {
    pub terms: Vec<String>,
    pub postings: Vec<Vec<Posting>>,
}

impl Chunk {
    /// Decodes a chunk, checking its hash, its encoding, that its terms are
    /// in order within the table's range, and that documents exist (`docs`
    /// in its segment as written, whose first is the archive's document
    /// `offset`). The documents `gone` since (sorted) are left out and the
    /// rest numbered without them; a term left with none is left out too,
    /// so the chunk reads as one written without them.
    pub fn decode(
        entry: &ChunkEntry,
        next_first: Option<&str>,
        (docs, offset, gone): (u32, u32, &[u32]),
        bytes: &[u8],
    ) -> Result<Chunk, DataError> {
        verify(&entry.part(), bytes)?;
        let bad = |why: &str| damaged(&entry.file, why);
        let mut r = Reader { bytes, at: 0 };
        if r.take(4) != Some(MAGIC.as_slice()) {
            return Err(bad("not an index chunk"));
        }
        if r.take(1) != Some(&[VERSION][..]) {
            return Err(bad("unknown index chunk version"));
        }
        let truncated = || bad("it ends early");
        let count = r.varint().ok_or_else(truncated)? as usize;
        let mut chunk = Chunk {
            terms: Vec::with_capacity(count.min(bytes.len())),
            postings: Vec::with_capacity(count.min(bytes.len())),
        };
        let mut previous: Option<String> = None;
        for _ in 0..count {
            let len = r.varint().ok_or_else(truncated)? as usize;
            let term = std::str::from_utf8(r.take(len).ok_or_else(truncated)?)
                .map_err(|_| bad("a term is not UTF-8"))?
                .to_string();
            let in_order = previous.as_ref().map_or(term == entry.first, |t| *t < term)
                && next_first.is_none_or(|n| term.as_str() < n);
            if !in_order {
                return Err(bad("its terms are out of order"));
            }
            let n = r.varint().ok_or_else(truncated)? as usize;
            let mut list = Vec::with_capacity(n.min(bytes.len()));
            let mut doc = 0u64;
            // The removed documents before `doc`: the gap its number closes.
            let mut before = 0;
            for i in 0..n {
                let gap = r.varint().ok_or_else(truncated)?;
                if i > 0 && gap == 0 {
                    return Err(bad("a document is listed twice"));
                }
                // Checked: a crafted gap that wraps must read as damage, not as
                // some other document (it once showed "No articles match").
                doc = doc
                    .checked_add(gap)
                    .ok_or_else(|| bad("a document number overflows"))?;
                if doc >= u64::from(docs) {
                    return Err(bad("it names a document that does not exist"));
                }
                let packed = r.varint().ok_or_else(truncated)?;
                let mut title_tf = (packed & 3) as u16;
                if title_tf == 3 {
                    title_tf = r.varint().ok_or_else(truncated)?.min(u64::from(u16::MAX)) as u16;
                }
                while gone.get(before).is_some_and(|&g| u64::from(g) < doc) {
                    before += 1;
                }
                if gone.get(before).is_some_and(|&g| u64::from(g) == doc) {
                    continue;
                }
                list.push(Posting {
                    doc: doc as u32 - before as u32 + offset,
                    title_tf,
                    body_tf: (packed >> 2).min(u64::from(u16::MAX)) as u16,
                });
            }
            previous = Some(term.clone());
            if !list.is_empty() {
                chunk.terms.push(term);
                chunk.postings.push(list);
            }
        }
        if r.at != bytes.len() {
            return Err(bad("it has bytes after its last term"));
        }
        Ok(chunk)
    }
}

/// The terms table plus whatever chunks and lexicon pieces have been fetched.
#[derive(Debug, Default)]
pub struct ChunkedIndex {
    pub table: Vec<ChunkEntry>,
    pub lexicons: Vec<LexiconRef>,
    /// The overlay (`TermTable`): what the chunks skip, what the lexicon changes.
    pub gone: Vec<u32>,
    patch: Vec<LexiconEntry>,
    loaded: HashMap<usize, Arc<Chunk>>,
    /// A few pieces at most (one per misspelled first letter): a list.
    loaded_lexicons: Vec<(char, Vec<LexiconEntry>)>,
}

impl ChunkedIndex {
    pub fn new(table: TermTable) -> ChunkedIndex {
        ChunkedIndex {
            table: table.chunks,
            lexicons: table.lexicons,
            gone: table.gone,
            patch: table.patch,
            loaded: HashMap::new(),
            loaded_lexicons: Vec::new(),
        }
    }

    /// The lexicon piece that holds the words starting with `key`.
    pub fn lexicon_ref(&self, key: char) -> Option<&LexiconRef> {
        let i = piece_index(&self.lexicons, |l| l.key, key)?;
        Some(&self.lexicons[i])
    }

    /// Takes in a lexicon piece with the overlay's counts put in.
    pub fn insert_lexicon(&mut self, key: char, mut piece: Vec<LexiconEntry>) {
        if !self.patch.is_empty() {
            piece.retain_mut(|e| {
                let at = self.patch.partition_point(|p| p.word < e.word);
                match self.patch.get(at) {
                    Some(p) if p.word == e.word => {
                        e.docs = p.docs;
                        e.docs > 0
                    }
                    _ => true,
                }
            });
        }
        self.loaded_lexicons.retain(|(k, _)| *k != key);
        self.loaded_lexicons.push((key, piece));
    }

    /// The chunk that would hold `word`.
    fn chunk_of(&self, word: &str) -> Option<usize> {
        self.table
            .partition_point(|c| c.first.as_str() <= word)
            .checked_sub(1)
    }

    /// Chunks holding any word that starts with `prefix`.
    fn chunks_of_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.chunk_of(prefix).unwrap_or(0);
        let end = start
            + self.table[start..]
                .iter()
                .skip(1)
                .take_while(|c| c.first.starts_with(prefix))
                .count()
            + 1;
        start..end.min(self.table.len())
    }

    /// Every chunk a search needs, in table order.
    pub fn needed(&self, terms: &Terms) -> Vec<usize> {
        // Marked in a table-long list rather than sorted: no sort code in the wasm.
        let mut wanted = vec![false; self.table.len()];
        let chunks = terms
            .words
            .iter()
            .filter_map(|w| self.chunk_of(w))
            .chain(terms.prefix.iter().flat_map(|p| self.chunks_of_prefix(p)));
        for i in chunks {
            wanted[i] = true;
        }
        (0..wanted.len()).filter(|&i| wanted[i]).collect()
    }

    /// The chunks a search still has to fetch.
    pub fn missing(&self, terms: &Terms) -> Vec<usize> {
        self.needed(terms)
            .into_iter()
            .filter(|i| !self.loaded.contains_key(i))
            .collect()
    }

    pub fn insert(&mut self, i: usize, chunk: Chunk) {
        self.loaded.insert(i, Arc::new(chunk));
    }
}

impl ChunkedIndex {
    /// Whether the lexicon piece for `key` is at hand (or there is none).
    pub fn has_lexicon(&self, key: char) -> bool {
        self.lexicon_ref(key)
            .is_none_or(|piece| self.loaded_lexicons.iter().any(|(k, _)| *k == piece.key))
    }

    fn exact_list(&self, word: &str) -> Option<&[Posting]> {
        let chunk = self.loaded.get(&self.chunk_of(word)?)?;
        Some(&chunk.postings[term_position(&chunk.terms, word)?])
    }

    /// The loaded words starting with `prefix`, in order, with their lists.
    fn prefixed(&self, prefix: &str) -> Vec<(&str, &[Posting])> {
        self.chunks_of_prefix(prefix)
            .filter_map(|i| self.loaded.get(&i))
            .flat_map(|chunk| {
                let range = prefix_range(&chunk.terms, prefix);
                chunk.terms[range.clone()]
                    .iter()
                    .map(String::as_str)
                    .zip(chunk.postings[range].iter().map(Vec::as_slice))
            })
            .collect()
    }

    fn lexicon_words(&self, key: char) -> Option<&[LexiconEntry]> {
        let Some(piece) = self.lexicon_ref(key) else {
            return Some(&[]);
        };
        self.loaded_lexicons
            .iter()
            .find(|(k, _)| *k == piece.key)
            .map(|(_, words)| words_starting(words, key))
    }
}

/// The index segments of an archive read as one index: a word's lists are
/// its lists in each segment, newest segment first (so in document order);
/// the lexicon's counts are summed over the segments.
pub struct Segments<'a>(pub Vec<&'a ChunkedIndex>);

impl Postings for Segments<'_> {
    fn exact(&self, word: &str) -> Vec<&[Posting]> {
        self.0.iter().filter_map(|s| s.exact_list(word)).collect()
    }

    fn with_prefix(&self, prefix: &str) -> Vec<Vec<&[Posting]>> {
        // Each segment's words are in order: merged, a word's lists together.
        let mut words: Vec<(&str, Vec<&[Posting]>)> = Vec::new();
        for segment in &self.0 {
            for (word, list) in segment.prefixed(prefix) {
                let at = words.partition_point(|(w, _)| *w < word);
                match words.get_mut(at) {
                    Some((w, lists)) if *w == word => lists.push(list),
                    _ => words.insert(at, (word, vec![list])),
                }
            }
        }
        words.into_iter().map(|(_, lists)| lists).collect()
    }

    fn lexicon(&self, key: char) -> Option<Cow<'_, [LexiconEntry]>> {
        let mut pieces = Vec::with_capacity(self.0.len());
        for segment in &self.0 {
            pieces.push(segment.lexicon_words(key)?);
        }
        if let [one] = pieces[..] {
            return Some(Cow::Borrowed(one));
        }
        let mut words: Vec<LexiconEntry> = Vec::new();
        for piece in pieces {
            for entry in piece {
                let at = words.partition_point(|e| e.word < entry.word);
                match words.get_mut(at) {
                    Some(e) if e.word == entry.word => e.docs += entry.docs,
                    _ => words.insert(at, entry.clone()),
                }
            }
        }
        Some(Cow::Owned(words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::hashed_name;

    fn entries(chunks: &[(String, Vec<u8>)]) -> Vec<ChunkEntry> {
        chunks
            .iter()
            .map(|(first, bytes)| ChunkEntry {
                first: first.clone(),
                file: hashed_name("index", "bin", bytes),
                bytes: bytes.len() as u64,
            })
            .collect()
    }

    fn sample() -> (Vec<String>, Vec<Vec<Posting>>) {
        let p = |doc, title_tf, body_tf| Posting {
            doc,
            title_tf,
            body_tf,
        };
        let terms: Vec<String> = (0..3000).map(|i| format!("wor{i:05}")).collect();
        let postings = (0..3000u32)
            .map(|i| {
                let mut list = vec![p(i % 7, 0, 1), p(10 + i % 5, 5, 300)];
                list.extend((0..12).map(|k| p(100 + k * 20, 0, 2)));
                list.push(p(400, 1, 0));
                list
            })
            .collect();
        (terms, postings)
    }

    #[test]
    fn chunks_round_trip_and_split_by_size() {
        let (terms, postings) = sample();
        let chunks = encode_chunks(&terms, &postings);
        assert!(chunks.len() > 1, "{} chunk(s)", chunks.len());
        let table = entries(&chunks);
        let mut index = ChunkedIndex::new(TermTable {
            chunks: table.clone(),
            lexicons: Vec::new(),
            ..TermTable::default()
        });
        for (i, (_, bytes)) in chunks.iter().enumerate() {
            let next = table.get(i + 1).map(|c| c.first.as_str());
            index.insert(
                i,
                Chunk::decode(&table[i], next, (401, 0, &[]), bytes).unwrap(),
            );
        }
        let index = Segments(vec![&index]);
        for (term, list) in terms.iter().zip(&postings) {
            assert_eq!(index.exact(term), [list.as_slice()], "{term}");
        }
        assert!(index.exact("wor3").is_empty());
        assert_eq!(index.with_prefix("wor01").len(), 1000);
    }

    #[test]
    fn a_search_needs_only_the_chunks_of_its_words() {
        let (terms, postings) = sample();
        let table = entries(&encode_chunks(&terms, &postings));
        let index = ChunkedIndex::new(TermTable {
            chunks: table.clone(),
            lexicons: Vec::new(),
            ..TermTable::default()
        });
        let one = index.needed(&Terms::parse("wor00010 "));
        assert_eq!(one, [0]);
        let last = index.needed(&Terms::parse("wor02999 "));
        assert_eq!(last, [table.len() - 1]);
        let all = index.needed(&Terms::parse("wor"));
        assert_eq!(all, (0..table.len()).collect::<Vec<_>>());
        assert_eq!(index.needed(&Terms::parse("a ")), Vec::<usize>::new());
    }

    #[test]
    fn damaged_chunks_are_errors() {
        let (terms, postings) = sample();
        let chunks = encode_chunks(&terms[..10], &postings[..10]);
        let table = entries(&chunks);
        let bytes = &chunks[0].1;
        let truncated = &bytes[..bytes.len() - 3];
        let err = Chunk::decode(&table[0], None, (401, 0, &[]), truncated).unwrap_err();
        assert!(err.to_string().contains("bytes instead of"), "{err}");
        let mut flipped = bytes.clone();
        flipped[20] ^= 1;
        assert!(Chunk::decode(&table[0], None, (401, 0, &[]), &flipped).is_err());
        // A well-formed chunk naming documents past the archive is refused too.
        assert!(Chunk::decode(&table[0], None, (100, 0, &[]), bytes)
            .unwrap_err()
            .to_string()
            .contains("does not exist"));
        // Hash right but content cut: the decoder itself notices.
        let cut = bytes[..bytes.len() - 3].to_vec();
        let entry = ChunkEntry {
            first: table[0].first.clone(),
            file: hashed_name("index", "bin", &cut),
            bytes: cut.len() as u64,
        };
        assert!(Chunk::decode(&entry, None, (401, 0, &[]), &cut)
            .unwrap_err()
            .to_string()
            .contains("ends early"));
    }

    /// A crafted chunk whose second gap wraps the document number back to a
    /// real document is damage, not another document's posting.
    #[test]
    fn removed_documents_are_skipped_and_the_rest_renumbered() {
        let p = |doc| Posting {
            doc,
            title_tf: 0,
            body_tf: 1,
        };
        let terms: Vec<String> = ["alone", "bank", "coal"].map(String::from).to_vec();
        let postings = vec![vec![p(2)], vec![p(0), p(2), p(4)], vec![p(1), p(3)]];
        let chunks = encode_chunks(&terms, &postings);
        let entry = &entries(&chunks)[0];
        // Documents 2 and 3 removed, the segment's first at 100.
        let chunk = Chunk::decode(entry, None, (5, 100, &[2, 3]), &chunks[0].1).unwrap();
        assert_eq!(
            chunk.terms,
            ["bank", "coal"],
            "a word only the removed had is gone"
        );
        let docs = |l: &[Posting]| l.iter().map(|p| p.doc).collect::<Vec<_>>();
        assert_eq!(docs(&chunk.postings[0]), [100, 102]);
        assert_eq!(docs(&chunk.postings[1]), [101]);
        // Numbers still checked against the documents as written.
        assert!(Chunk::decode(entry, None, (4, 0, &[2]), &chunks[0].1).is_err());
    }

    #[test]
    fn the_overlay_round_trips_and_patches_the_lexicon() {
        let lexicon = |words: &[(&str, u32)]| {
            words
                .iter()
                .map(|&(word, docs)| LexiconEntry {
                    word: word.into(),
                    docs,
                })
                .collect::<Vec<_>>()
        };
        let table = TermTable {
            chunks: Vec::new(),
            lexicons: vec![LexiconRef {
                key: 'b',
                file: "data/lexicon-0.txt".into(),
                bytes: 10,
            }],
            gone: vec![3, 17],
            patch: lexicon(&[("bank", 1), ("bond", 0)]),
        };
        let text = table_text(&table);
        let part = Part {
            file: hashed_name("terms", "txt", text.as_bytes()),
            bytes: text.len() as u64,
            count: 0,
        };
        assert_eq!(parse_table(&part, text.as_bytes()).unwrap(), table);
        let mut index = ChunkedIndex::new(table);
        index.insert_lexicon('b', lexicon(&[("bank", 4), ("bond", 1), ("bull", 2)]));
        assert_eq!(
            index.lexicon_words('b').unwrap(),
            lexicon(&[("bank", 1), ("bull", 2)])
        );
        // Out of order is damage.
        let swapped = text.replace("gone\t3", "gone\t99");
        let part = Part {
            file: hashed_name("terms", "txt", swapped.as_bytes()),
            bytes: swapped.len() as u64,
            count: 0,
        };
        assert!(swapped != text && parse_table(&part, swapped.as_bytes()).is_err());
    }

    #[test]
    fn a_document_gap_that_overflows_is_damage() {
        let mut bytes = MAGIC.to_vec();
        bytes.push(VERSION);
        put_varint(&mut bytes, 1); // one term
        put_varint(&mut bytes, 3);
        bytes.extend_from_slice(b"oil");
        put_varint(&mut bytes, 2); // two postings
        put_varint(&mut bytes, 5); // document 5
        put_varint(&mut bytes, 4); // body_tf 1
        put_varint(&mut bytes, u64::MAX - 2); // 5 + (2^64 - 3) wraps to 2
        put_varint(&mut bytes, 4);
        let entry = ChunkEntry {
            first: "oil".into(),
            file: hashed_name("index", "bin", &bytes),
            bytes: bytes.len() as u64,
        };
        let err = Chunk::decode(&entry, None, (10, 0, &[]), &bytes).unwrap_err();
        assert!(err.to_string().contains("overflows"), "{err}");
        // A varint longer than 64 bits is damage too.
        let mut long = bytes[..5].to_vec();
        long.extend_from_slice(&[0xff; 9]);
        long.push(0x7f);
        let entry = ChunkEntry {
            first: "oil".into(),
            file: hashed_name("index", "bin", &long),
            bytes: long.len() as u64,
        };
        assert!(Chunk::decode(&entry, None, (10, 0, &[]), &long).is_err());
    }
}
