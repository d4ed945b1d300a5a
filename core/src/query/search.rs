//! Full-text search over titles and bodies: an inverted index of words in
//! their search form (`model::fold`; CJK by characters and pairs), every word required, the last word as a prefix while
//! typing, ranked by BM25F with the title weighted above the body.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::fold::{fold_char, is_combining_mark};
pub use crate::model::text::is_gram_script;
use crate::model::{Article, Block};
pub use crate::query::typo::Correction;
use crate::query::typo::{
    correct, lexicon_pieces, needs_checking, piece_index, piece_key, trusted_docs, words_starting,
    LexiconEntry,
};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const TITLE_WEIGHT: f32 = 3.0;
/// Letters a word being typed needs before it is matched as a prefix.
pub const MIN_PREFIX: usize = 3;

/// What a token is: a word of a script written with spaces, or for scripts
/// written without them (Chinese, Japanese) and Korean, one character or two
/// adjacent ones. Indexing every character and every pair, and searching a
/// typed run by its pairs, finds "北京" inside "北京市政府" with no
/// dictionary, as the CJK analysers of search engines do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gram {
    Word,
    /// One character of a longer run.
    Char,
    /// A run of one character.
    Lone,
    /// Two adjacent characters.
    Pair,
}

/// A word of a text in its search form, with its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: std::ops::Range<usize>,
    pub word: String,
    pub gram: Gram,
}

/// The tokens of a text in its search form (`fold`), in text order.
/// The hashes of an article's distinct words of letters (title and body,
/// as the index reads them), sorted: all a removed article keeps of its
/// words (`Tombstone::words`), never its text, so that the related stories
/// of the articles after it are chosen with the word counts they had.
pub fn word_digest(article: &Article) -> Vec<u32> {
    let blocks = article.body.iter().map(|block| block.text());
    let mut hashes: Vec<u32> = std::iter::once(Cow::Borrowed(article.title.as_str()))
        .chain(blocks.map(Cow::Owned))
        .flat_map(|text| tokens(&text))
        .filter(|token| token.word.chars().any(char::is_alphabetic))
        .map(|token| word_hash(&token.word))
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// A word's hash in a `word_digest` (32-bit FNV-1a of its UTF-8: stable
/// across builds and machines).
pub fn word_hash(word: &str) -> u32 {
    word.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut word_at: Option<std::ops::Range<usize>> = None;
    let mut run: Vec<(std::ops::Range<usize>, char)> = Vec::new();
    let flush_word =
        |out: &mut Vec<Token>, word: &mut String, at: &mut Option<std::ops::Range<usize>>| {
            if let Some(range) = at.take() {
                out.push(Token {
                    range,
                    word: std::mem::take(word),
                    gram: Gram::Word,
                });
            }
        };
    let flush_run = |out: &mut Vec<Token>, run: &mut Vec<(std::ops::Range<usize>, char)>| {
        let lone = run.len() == 1;
        for (k, (range, c)) in run.iter().enumerate() {
            out.push(Token {
                range: range.clone(),
                word: c.to_string(),
                gram: if lone { Gram::Lone } else { Gram::Char },
            });
            if let Some((next, d)) = run.get(k + 1) {
                out.push(Token {
                    range: range.start..next.end,
                    word: [*c, *d].iter().collect(),
                    gram: Gram::Pair,
                });
            }
        }
        run.clear();
    };
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_combining_mark(c) {
            // A mark written apart belongs to the word before it.
            if let Some(range) = &mut word_at {
                range.end = end;
            }
            continue;
        }
        for f in fold_char(c) {
            if is_gram_script(f) {
                flush_word(&mut out, &mut word, &mut word_at);
                run.push((i..end, f));
            } else if f.is_alphanumeric() {
                flush_run(&mut out, &mut run);
                word_at.get_or_insert(i..end).end = end;
                word.push(f);
            } else {
                flush_word(&mut out, &mut word, &mut word_at);
                flush_run(&mut out, &mut run);
            }
        }
    }
    flush_word(&mut out, &mut word, &mut word_at);
    flush_run(&mut out, &mut run);
    out
}

/// A parsed search: whole words, and the word being typed (matched as a prefix).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Terms {
    pub words: Vec<String>,
    pub prefix: Option<String>,
    /// Search exactly as typed: no spelling corrections (`typo`).
    pub exact: bool,
    /// Spellings searched besides the typed ones (found by `corrections`),
    /// so highlighting marks them too.
    pub also: Vec<String>,
}

impl Terms {
    /// "Oil pri" → words ["oil"], prefix "pri"; "oil price " → words ["oil", "price"].
    /// A word being typed counts as a prefix from its third letter: "oil p"
    /// searches "oil" alone (a one-letter prefix would match a good part of
    /// the vocabulary, and fetch a good part of a chunked index), while a
    /// short word on its own ("uk") is matched whole.
    pub fn parse(q: &str) -> Terms {
        let tokens = tokens(q);
        // A run of characters is searched by its pairs; a lone one by itself.
        let typing_a_word = !q.ends_with(|c: char| c.is_whitespace())
            && tokens.last().is_some_and(|t| t.gram == Gram::Word);
        let mut words: Vec<String> = tokens
            .into_iter()
            .filter(|t| t.gram != Gram::Char)
            .map(|t| t.word)
            .collect();
        let mut prefix = if typing_a_word { words.pop() } else { None };
        if let Some(short) = prefix.take_if(|p| p.chars().count() < MIN_PREFIX) {
            if words.is_empty() {
                words.push(short);
            }
        }
        // Repeats removed in typed order, without a sort (a query has a
        // few words; each sort is code the wasm carries).
        let mut unique: Vec<String> = Vec::with_capacity(words.len());
        for word in words {
            if !unique.contains(&word) {
                unique.push(word);
            }
        }
        let words = unique;
        Terms {
            words,
            prefix,
            ..Terms::default()
        }
    }

    /// These terms with the words their corrections search too.
    pub fn corrected(&self, corrections: &[Correction]) -> Terms {
        let mut terms = self.clone();
        terms
            .also
            .extend(corrections.iter().map(|c| c.word.clone()));
        terms
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.prefix.is_none()
    }

    pub fn matches(&self, word: &str) -> bool {
        self.words.iter().chain(&self.also).any(|w| w == word)
            || self.prefix.as_deref().is_some_and(|p| word.starts_with(p))
    }
}

/// The search box's text with its terms, parsed once when the text is set
/// (from the URL or the box) and passed down from there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    text: String,
    terms: Terms,
}

impl Query {
    pub fn new(text: impl Into<String>) -> Query {
        let text = text.into();
        let terms = Terms::parse(&text);
        Query { text, terms }
    }

    /// A search for exactly what is typed, without spelling corrections.
    pub fn exact(text: impl Into<String>) -> Query {
        let mut query = Query::new(text);
        query.terms.exact = true;
        query
    }

    pub fn is_exact(&self) -> bool {
        self.terms.exact
    }

    /// The text with each corrected word replaced by its first correction:
    /// what "Showing results for …" shows.
    pub fn corrected_text(&self, corrections: &[Correction]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for token in tokens(&self.text) {
            let correction = corrections.iter().find(|c| c.typed == token.word);
            if let Some(word) = correction.map(|c| &c.word) {
                out.push_str(&self.text[at..token.range.start]);
                out.push_str(word);
                at = token.range.end;
            }
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// As typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// Nothing typed (a query of only spaces is not empty, but searches nothing).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl From<&str> for Query {
    fn from(text: &str) -> Query {
        Query::new(text)
    }
}

/// Splits `text` into runs, each marked whether it is a matched word.
pub fn highlight<'a>(text: &'a str, terms: &Terms) -> Vec<(&'a str, bool)> {
    if terms.is_empty() {
        return vec![(text, false)];
    }
    // Matched ranges, overlapping ones (character pairs) merged.
    let mut marked: Vec<std::ops::Range<usize>> = Vec::new();
    for token in tokens(text) {
        if !terms.matches(&token.word) {
            continue;
        }
        match marked.last_mut() {
            Some(last) if token.range.start < last.end => last.end = last.end.max(token.range.end),
            _ => marked.push(token.range),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for range in marked {
        if range.start > at {
            out.push((&text[at..range.start], false));
        }
        out.push((&text[range.clone()], true));
        at = range.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

/// One document's counts for a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub title_tf: u16,
    pub body_tf: u16,
}

/// Term ids by word, and the current document's counts in a dense array that
/// `touched` resets, so building allocates once per distinct word.
#[derive(Default)]
struct Builder {
    ids: HashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    counts: Vec<(u16, u16)>,
    touched: Vec<u32>,
}

impl Builder {
    fn count(&mut self, word: String, in_title: bool) {
        let id = match self.ids.get(word.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.postings.len() as u32;
                self.ids.insert(word, id);
                self.postings.push(Vec::new());
                self.counts.push((0, 0));
                id
            }
        };
        let c = &mut self.counts[id as usize];
        if *c == (0, 0) {
            self.touched.push(id);
        }
        if in_title {
            c.0 = c.0.saturating_add(1);
        } else {
            c.1 = c.1.saturating_add(1);
        }
    }

    fn finish_doc(&mut self, doc: u32) {
        for id in self.touched.drain(..) {
            let (title_tf, body_tf) = std::mem::take(&mut self.counts[id as usize]);
            self.postings[id as usize].push(Posting {
                doc,
                title_tf,
                body_tf,
            });
        }
    }

    fn into_sorted(self) -> (Vec<String>, Vec<Vec<Posting>>) {
        let mut entries: Vec<(String, u32)> = self.ids.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut slots: Vec<Option<Vec<Posting>>> = self.postings.into_iter().map(Some).collect();
        entries
            .into_iter()
            .map(|(term, id)| (term, slots[id as usize].take().unwrap_or_default()))
            .unzip()
    }
}

/// Word counts per document, for BM25's length normalisation. The totals
/// cover the whole archive even while only part of it is loaded, so scores
/// never depend on how much has arrived.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DocStats {
    pub title_len: Vec<u16>,
    pub body_len: Vec<u32>,
    pub docs: u32,
    pub title_tokens: u64,
    pub body_tokens: u64,
}

impl DocStats {
    pub fn push(&mut self, title: u16, body: u32) {
        self.title_len.push(title);
        self.body_len.push(body);
    }

    fn avg_title(&self) -> f32 {
        (self.title_tokens as f32 / self.docs.max(1) as f32).max(1.0)
    }

    fn avg_body(&self) -> f32 {
        (self.body_tokens as f32 / self.docs.max(1) as f32).max(1.0)
    }
}

/// Where postings come from: an index built in memory, or chunks fetched per query.
pub trait Postings {
    /// The lists of an exact word, one per index segment that has it, in
    /// document order (none when no document has it).
    fn exact(&self, word: &str) -> Vec<&[Posting]>;
    /// For every word that starts with `prefix`, in word order, its lists.
    fn with_prefix(&self, prefix: &str) -> Vec<Vec<&[Posting]>>;
    /// The lexicon's words starting with `key`, once their pieces are at
    /// hand (none when the archive has no such words).
    fn lexicon(&self, key: char) -> Option<Cow<'_, [LexiconEntry]>>;
}

/// Documents a typed word finds as it is (a prefix: all its completions').
fn own_docs(postings: &dyn Postings, word: &str, is_prefix: bool) -> usize {
    let lists = if is_prefix {
        postings.with_prefix(word).concat()
    } else {
        postings.exact(word)
    };
    lists.iter().map(|l| l.len()).sum()
}

/// The spelling corrections a search gets, with the lexicon pieces it still
/// needs to decide (empty when it has all it needs). Needs the chunks of
/// the typed words first: a word is only looked up when it finds few documents.
pub fn corrections(
    postings: &dyn Postings,
    terms: &Terms,
    docs: u32,
) -> (Vec<Correction>, Vec<char>) {
    let trusted = trusted_docs(docs);
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    if terms.exact {
        return (found, missing);
    }
    let typed = terms
        .words
        .iter()
        .map(|w| (w, false))
        .chain(terms.prefix.iter().map(|p| (p, true)));
    for (word, is_prefix) in typed {
        let own = own_docs(postings, word, is_prefix);
        let Some(key) = piece_key(word).filter(|_| needs_checking(word, own, trusted)) else {
            continue;
        };
        match postings.lexicon(key) {
            Some(piece) => found.extend(correct(word, own, trusted, &piece)),
            // A few words at most: a list, not a sort (the wasm pays for each sort it has).
            None if !missing.contains(&key) => missing.push(key),
            None => {}
        }
    }
    (found, missing)
}

/// Adds this term's BM25F score for each document of one of its lists
/// (`df`: its documents in all its lists), times `weight`, to its entry in `sum`.
fn score_list(
    stats: &DocStats,
    (list, df): (&[Posting], usize),
    weight: f32,
    sum: &mut [f32],
    hit: &mut [bool],
    touched: &mut Vec<u32>,
) {
    let n = stats.docs as f32;
    let df = df as f32;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let (avg_title, avg_body) = (stats.avg_title(), stats.avg_body());
    for p in list {
        let d = p.doc as usize;
        // Postings may name documents whose catalog part has not arrived yet.
        let (Some(&tl), Some(&bl)) = (stats.title_len.get(d), stats.body_len.get(d)) else {
            continue;
        };
        let tnorm = 1.0 - B + B * f32::from(tl) / avg_title;
        let bnorm = 1.0 - B + B * bl as f32 / avg_body;
        let tf = TITLE_WEIGHT * f32::from(p.title_tf) / tnorm + f32::from(p.body_tf) / bnorm;
        let score = idf * tf * (K1 + 1.0) / (tf + K1);
        if !hit[d] {
            sum[d] = 0.0;
            hit[d] = true;
            touched.push(p.doc);
        }
        sum[d] += weight * score;
    }
}

/// Corrections weigh less than what was typed, so the documents that have
/// the word as typed rank first.
const CORRECTION_WEIGHT: f32 = 0.5;

/// Relevance per loaded document, `None` for one that misses any word.
/// Every word must match; the prefix matches any word it starts, and scores
/// what the reader is likely typing: each completion's score weighted by
/// its share of the completions' documents. "oil pri" then ranks the
/// oil-price stories (price, prices: thousands of documents) above one
/// that has "Primagaz" (two), where scoring by the best completion put the
/// rare word first because rarity is what BM25 rewards, and the list
/// changed with every letter typed.
/// A corrected word also matches its correction, weighted by `CORRECTION_WEIGHT`.
pub fn score(
    stats: &DocStats,
    postings: &dyn Postings,
    terms: &Terms,
    corrections: &[Correction],
) -> Vec<Option<f32>> {
    let n = stats.title_len.len();
    let mut scores = vec![0.0f32; n];
    let mut matched = vec![0u8; n];
    let mut hit = vec![false; n];
    let mut sum = vec![0.0f32; n];
    // The documents each word touched: only these are visited after it (a
    // pass over every document per word cost more than the scoring at 200k).
    let mut touched: Vec<u32> = Vec::new();
    let mut required = 0u8;
    let groups = terms
        .words
        .iter()
        .map(|w| (w, vec![postings.exact(w)]))
        .chain(terms.prefix.as_ref().map(|p| (p, postings.with_prefix(p))));
    let docs = |lists: &[&[Posting]]| lists.iter().map(|l| l.len()).sum::<usize>();
    for (word, group) in groups {
        required += 1;
        touched.clear();
        let documents: usize = group.iter().map(|lists| docs(lists)).sum();
        for lists in &group {
            let df = docs(lists);
            let weight = df as f32 / documents.max(1) as f32;
            for list in lists {
                score_list(stats, (list, df), weight, &mut sum, &mut hit, &mut touched);
            }
        }
        let corrected = corrections
            .iter()
            .filter(|c| c.typed == *word)
            .map(|c| postings.exact(&c.word));
        for lists in corrected {
            let df = docs(&lists);
            for list in lists {
                score_list(
                    stats,
                    (list, df),
                    CORRECTION_WEIGHT,
                    &mut sum,
                    &mut hit,
                    &mut touched,
                );
            }
        }
        for &d in &touched {
            let d = d as usize;
            hit[d] = false;
            matched[d] += 1;
            scores[d] += sum[d];
        }
    }
    // The last word's documents include every one that matched all words.
    let mut out = vec![None; n];
    for &d in &touched {
        let d = d as usize;
        if matched[d] == required {
            out[d] = Some(scores[d]);
        }
    }
    out
}

/// The position of `word` in `terms` (sorted).
pub fn term_position(terms: &[String], word: &str) -> Option<usize> {
    terms.binary_search_by(|t| t.as_str().cmp(word)).ok()
}

/// The range of `terms` (sorted) that start with `prefix`.
pub fn prefix_range(terms: &[String], prefix: &str) -> std::ops::Range<usize> {
    let start = terms.partition_point(|t| t.as_str() < prefix);
    let len = terms[start..].partition_point(|t| t.starts_with(prefix));
    start..start + len
}

/// The whole index in memory: what the importer writes out in chunks, and
/// what native tests compare the chunked index with.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Sorted vocabulary, parallel to `postings`.
    pub terms: Vec<String>,
    pub postings: Vec<Vec<Posting>>,
    pub stats: DocStats,
    /// The correctable words with their document counts, in pieces (`typo::lexicon_pieces`).
    pub lexicon: Vec<(char, Vec<LexiconEntry>)>,
}

impl SearchIndex {
    /// The words of an article's body as the index counts them (a
    /// heading's twice): the catalog's count, for the reading time.
    pub fn body_words(article: &Article) -> u32 {
        let weight = |block: &Block| {
            if matches!(block, Block::Heading { .. }) {
                2
            } else {
                1
            }
        };
        article
            .body
            .iter()
            .map(|block| weight(block) * tokens(&block.text()).len() as u32)
            .sum()
    }

    pub fn new(articles: &[Article]) -> SearchIndex {
        let mut builder = Builder::default();
        let mut stats = DocStats {
            docs: articles.len() as u32,
            ..DocStats::default()
        };
        for (doc, article) in articles.iter().enumerate() {
            let mut tl = 0u16;
            for token in tokens(&article.title) {
                builder.count(token.word, true);
                tl = tl.saturating_add(1);
            }
            let mut bl = 0u32;
            // Every block's words count; a heading's count twice, so an
            // article whose section is about a word ranks above a passing mention.
            for block in &article.body {
                let weight = if matches!(block, Block::Heading { .. }) {
                    2
                } else {
                    1
                };
                for token in tokens(&block.text()) {
                    for _ in 0..weight {
                        builder.count(token.word.clone(), false);
                        bl += 1;
                    }
                }
            }
            stats.push(tl, bl);
            stats.title_tokens += u64::from(tl);
            stats.body_tokens += u64::from(bl);
            builder.finish_doc(doc as u32);
        }
        let (terms, postings) = builder.into_sorted();
        let lexicon = lexicon_pieces(
            terms
                .iter()
                .zip(&postings)
                .map(|(t, p)| (t.as_str(), p.len())),
        );
        SearchIndex {
            terms,
            postings,
            stats,
            lexicon,
        }
    }

    /// Scores for the terms, with the corrections they get.
    pub fn search_corrected(&self, terms: &Terms) -> (Vec<Option<f32>>, Vec<Correction>) {
        let (corrections, _) = corrections(self, terms, self.stats.docs);
        (score(&self.stats, self, terms, &corrections), corrections)
    }

    pub fn search(&self, terms: &Terms) -> Vec<Option<f32>> {
        self.search_corrected(terms).0
    }
}

impl Postings for SearchIndex {
    fn exact(&self, word: &str) -> Vec<&[Posting]> {
        term_position(&self.terms, word)
            .map(|i| self.postings[i].as_slice())
            .into_iter()
            .collect()
    }

    fn with_prefix(&self, prefix: &str) -> Vec<Vec<&[Posting]>> {
        self.postings[prefix_range(&self.terms, prefix)]
            .iter()
            .map(|list| vec![list.as_slice()])
            .collect()
    }

    fn lexicon(&self, key: char) -> Option<Cow<'_, [LexiconEntry]>> {
        Some(Cow::Borrowed(
            piece_index(&self.lexicon, |(first, _)| *first, key)
                .map_or(&[][..], |i| words_starting(&self.lexicon[i].1, key)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        serde_json::from_value(serde_json::json!({
            "id": "x", "title": title, "body": [{"type": "paragraph", "text": body}]
        }))
        .unwrap()
    }

    /// Every block's words are found (lists, quotes, tables, captions), and
    /// a word in a heading counts above the same word in a paragraph.
    #[test]
    fn all_blocks_are_searched_and_headings_weigh_more() {
        let rich = |blocks: serde_json::Value| -> Article {
            serde_json::from_value(serde_json::json!({"id": "x", "title": "T", "body": blocks}))
                .unwrap()
        };
        let in_heading = rich(serde_json::json!([
            {"type": "heading", "level": 2, "text": "Comet"},
            {"type": "paragraph", "text": "Filler words here."}]));
        let in_paragraph = rich(serde_json::json!([
            {"type": "heading", "level": 2, "text": "Filler"},
            {"type": "paragraph", "text": "Comet words here."}]));
        let elsewhere = rich(serde_json::json!([
            {"type": "list", "items": [{"text": "orbit"}]},
            {"type": "quote", "blocks": [{"type": "paragraph", "text": "perihelion"}], "cite": "Halley"},
            {"type": "table", "header": ["tail"], "rows": [["nucleus"]]},
            {"type": "figure", "caption": "coma", "credit": "observatory"}]));
        let articles = [in_heading, in_paragraph, elsewhere];
        let index = SearchIndex::new(&articles);
        // The article page's count (its reading time) is the catalog's.
        let counted: Vec<u32> = articles.iter().map(SearchIndex::body_words).collect();
        assert_eq!(counted, index.stats.body_len);
        assert_eq!(counted[0], 5);
        let scores = index.search(&Terms::parse("comet "));
        assert!(scores[0].unwrap() > scores[1].unwrap(), "{scores:?}");
        assert_eq!(scores[2], None);
        for word in [
            "orbit ",
            "perihelion ",
            "halley ",
            "tail ",
            "nucleus ",
            "coma ",
            "observatory ",
        ] {
            assert!(index.search(&Terms::parse(word))[2].is_some(), "{word}");
        }
    }

    #[test]
    fn a_word_digest_holds_the_words_of_letters_the_index_has() {
        let a = article(
            "Café prices rise 5%",
            "Crème brûlée, 1987: prices ROSE again.",
        );
        let index = SearchIndex::new(std::slice::from_ref(&a));
        let mut expected: Vec<u32> = index
            .terms
            .iter()
            .filter(|t| t.chars().any(char::is_alphabetic))
            .map(|t| word_hash(t))
            .collect();
        expected.sort_unstable();
        assert!(expected.contains(&word_hash("cafe")) && !expected.contains(&word_hash("1987")));
        assert_eq!(word_digest(&a), expected);
        assert_ne!(word_hash("prices"), word_hash("price"));
    }

    #[test]
    fn tokens_fold_case_and_diacritics() {
        let words: Vec<String> = tokens("Ramón's CAFÉ—U.S. 4.5% naïve")
            .into_iter()
            .map(|t| t.word)
            .collect();
        assert_eq!(words, ["ramon", "s", "cafe", "u", "s", "4", "5", "naive"]);
        let token = tokens("  Ramón!").remove(0);
        assert_eq!(&"  Ramón!"[token.range], "Ramón");
        // A combining mark written apart stays inside its word's range.
        let token = tokens("Lo\u{301}dz\u{301}!").remove(0);
        assert_eq!((token.word.as_str(), token.range), ("lodz", 0..8));
    }

    #[test]
    fn terms_treat_the_last_word_as_a_prefix_while_typing() {
        assert_eq!(
            Terms::parse("Oil pri"),
            Terms {
                words: vec!["oil".into()],
                prefix: Some("pri".into()),
                ..Terms::default()
            }
        );
        assert_eq!(
            Terms::parse("oil price "),
            Terms {
                words: vec!["oil".into(), "price".into()],
                prefix: None,
                ..Terms::default()
            }
        );
        assert!(Terms::parse("  ").is_empty());
        assert_eq!(Terms::parse("oil p"), Terms::parse("oil "));
        assert_eq!(
            Terms::parse("UK"),
            Terms {
                words: vec!["uk".into()],
                prefix: None,
                ..Terms::default()
            }
        );
    }

    #[test]
    fn every_word_must_match_and_title_outranks_body() {
        let docs = [
            article("Oil prices rise", "Crude climbed on Monday."),
            article("Markets calm", "Oil traders said prices were steady."),
            article("Oil output", "Production fell."),
        ];
        let index = SearchIndex::new(&docs);
        let hits = index.search(&Terms::parse("oil prices "));
        assert!(hits[0].is_some() && hits[1].is_some() && hits[2].is_none());
        assert!(
            hits[0].unwrap() > hits[1].unwrap(),
            "title match ranks first"
        );
        let typed = index.search(&Terms::parse("OIL PRI"));
        assert_eq!(typed.iter().filter(|h| h.is_some()).count(), 2);
        assert!(index
            .search(&Terms::parse("café"))
            .iter()
            .all(Option::is_none));
        assert!(index
            .search(&Terms::parse("zzz oil"))
            .iter()
            .all(Option::is_none));
    }

    /// A rare spelling near a far commoner one is searched with it too,
    /// and the documents with the word as typed come first.
    #[test]
    fn corrections_add_documents_after_the_exact_ones() {
        let mut docs: Vec<Article> = (0..60)
            .map(|i| article(&format!("Opec meeting {i}"), "Ministers met in Vienna."))
            .collect();
        docs.push(article("Oper house reopens", "Vienna's stage."));
        let index = SearchIndex::new(&docs);
        let (scores, corrections) = index.search_corrected(&Terms::parse("oper "));
        assert_eq!(corrections[0].word, "opec");
        let best = scores
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.unwrap_or(0.0).total_cmp(&b.1.unwrap_or(0.0)))
            .unwrap();
        assert_eq!(best.0, 60, "the exact match ranks first");
        assert_eq!(scores.iter().filter(|s| s.is_some()).count(), 61);
        // Searching exactly: only the word as typed.
        let exact = Terms {
            exact: true,
            ..Terms::parse("oper ")
        };
        let (scores, corrections) = index.search_corrected(&exact);
        assert!(corrections.is_empty());
        assert_eq!(scores.iter().filter(|s| s.is_some()).count(), 1);
    }

    #[test]
    fn diacritics_match_either_way() {
        let index = SearchIndex::new(&[article("Café society", "Ramón de la Fuente spoke.")]);
        assert!(index
            .search(&Terms::parse("cafe ramon "))
            .iter()
            .all(Option::is_some));
        assert!(index
            .search(&Terms::parse("CAFÉ Ramón"))
            .iter()
            .all(Option::is_some));
    }

    #[test]
    fn highlights_whole_words_and_the_prefix() {
        let terms = Terms::parse("oil pri");
        let runs = highlight("Oil prices: spoil the price.", &terms);
        let marked: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0).collect();
        assert_eq!(marked, ["Oil", "prices", "price"]);
        let joined: String = runs.iter().map(|r| r.0).collect();
        assert_eq!(joined, "Oil prices: spoil the price.");
        assert_eq!(highlight("abc", &Terms::default()), [("abc", false)]);
    }
}
