//! Full-text search over titles and bodies: a diacritic- and case-folded
//! inverted index, every word required, the last word as a prefix while
//! typing, ranked by BM25F with the title weighted above the body.

use std::collections::HashMap;

use crate::model::text::fold_char;
use crate::model::{Article, Block};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const TITLE_WEIGHT: f32 = 3.0;
/// Letters a word being typed needs before it is matched as a prefix.
pub const MIN_PREFIX: usize = 3;

/// Lower-case, diacritic-free words of a text with their byte ranges.
pub fn tokens(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let mut word = String::new();
        let mut start = None;
        while let Some(&(i, c)) = chars.peek() {
            let mut folded = fold_char(c).filter(|f| f.is_alphanumeric()).peekable();
            if folded.peek().is_some() {
                start.get_or_insert(i);
                word.extend(folded.flat_map(char::to_lowercase));
                chars.next();
            } else if start.is_some() {
                break;
            } else {
                chars.next();
            }
        }
        let start = start?;
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        Some((start..end, word))
    })
}

/// A parsed search: whole words, and the word being typed (matched as a prefix).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Terms {
    pub words: Vec<String>,
    pub prefix: Option<String>,
}

impl Terms {
    /// "Oil pri" → words ["oil"], prefix "pri"; "oil price " → words ["oil", "price"].
    /// A word being typed counts as a prefix from its third letter: "oil p"
    /// searches "oil" alone (a one-letter prefix would match a good part of
    /// the vocabulary, and fetch a good part of a chunked index), while a
    /// short word on its own ("uk") is matched whole.
    pub fn parse(q: &str) -> Terms {
        let mut words: Vec<String> = tokens(q).map(|(_, w)| w).collect();
        let typing = !q.ends_with(|c: char| c.is_whitespace());
        let mut prefix = if typing { words.pop() } else { None };
        if let Some(short) = prefix.take_if(|p| p.chars().count() < MIN_PREFIX) {
            if words.is_empty() {
                words.push(short);
            }
        }
        words.sort();
        words.dedup();
        Terms { words, prefix }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.prefix.is_none()
    }

    pub fn matches(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
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
    let mut out = Vec::new();
    let mut at = 0;
    if terms.is_empty() {
        return vec![(text, false)];
    }
    for (range, word) in tokens(text) {
        if terms.matches(&word) {
            if range.start > at {
                out.push((&text[at..range.start], false));
            }
            out.push((&text[range.clone()], true));
            at = range.end;
        }
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
    /// The list of an exact word, if any document has it.
    fn exact(&self, word: &str) -> Option<&[Posting]>;
    /// The lists of every word that starts with `prefix`.
    fn with_prefix(&self, prefix: &str) -> Vec<&[Posting]>;
}

/// Raises each document's entry in `best` to this term's BM25F score for it.
fn score_list(stats: &DocStats, list: &[Posting], best: &mut [f32], hit: &mut [bool]) {
    let n = stats.docs as f32;
    let df = list.len() as f32;
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
        if !hit[d] || score > best[d] {
            best[d] = score;
        }
        hit[d] = true;
    }
}

/// Relevance per loaded document, `None` for one that misses any word.
/// Every word must match; the prefix matches any word it starts, and counts
/// once per document, by its best-scoring completion.
pub fn score(stats: &DocStats, postings: &dyn Postings, terms: &Terms) -> Vec<Option<f32>> {
    let n = stats.title_len.len();
    let mut scores = vec![0.0f32; n];
    let mut matched = vec![0u8; n];
    let mut hit = vec![false; n];
    let mut best = vec![0.0f32; n];
    let mut required = 0u8;
    let groups = terms
        .words
        .iter()
        .map(|w| postings.exact(w).into_iter().collect::<Vec<_>>())
        .chain(terms.prefix.as_deref().map(|p| postings.with_prefix(p)));
    for group in groups {
        required += 1;
        hit.fill(false);
        for list in group {
            score_list(stats, list, &mut best, &mut hit);
        }
        for ((m, s), (h, b)) in matched
            .iter_mut()
            .zip(scores.iter_mut())
            .zip(hit.iter().zip(&best))
        {
            if *h {
                *m += 1;
                *s += b;
            }
        }
    }
    scores
        .into_iter()
        .zip(matched)
        .map(|(s, m)| (m == required && required > 0).then_some(s))
        .collect()
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
}

impl SearchIndex {
    pub fn new(articles: &[Article]) -> SearchIndex {
        let mut builder = Builder::default();
        let mut stats = DocStats {
            docs: articles.len() as u32,
            ..DocStats::default()
        };
        for (doc, article) in articles.iter().enumerate() {
            let mut tl = 0u16;
            for (_, w) in tokens(&article.title) {
                builder.count(w, true);
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
                for (_, w) in tokens(&block.text()) {
                    for _ in 0..weight {
                        builder.count(w.clone(), false);
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
        SearchIndex {
            terms,
            postings,
            stats,
        }
    }

    pub fn search(&self, terms: &Terms) -> Vec<Option<f32>> {
        score(&self.stats, self, terms)
    }
}

impl Postings for SearchIndex {
    fn exact(&self, word: &str) -> Option<&[Posting]> {
        Some(&self.postings[term_position(&self.terms, word)?])
    }

    fn with_prefix(&self, prefix: &str) -> Vec<&[Posting]> {
        self.postings[prefix_range(&self.terms, prefix)]
            .iter()
            .map(Vec::as_slice)
            .collect()
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
        let index = SearchIndex::new(&[in_heading, in_paragraph, elsewhere]);
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
    fn tokens_fold_case_and_diacritics() {
        let words: Vec<String> = tokens("Ramón's CAFÉ—U.S. 4.5% naïve")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["ramon", "s", "cafe", "u", "s", "4", "5", "naive"]);
        let (range, _) = tokens("  Ramón!").next().unwrap();
        assert_eq!(&"  Ramón!"[range], "Ramón");
    }

    #[test]
    fn terms_treat_the_last_word_as_a_prefix_while_typing() {
        assert_eq!(
            Terms::parse("Oil pri"),
            Terms {
                words: vec!["oil".into()],
                prefix: Some("pri".into())
            }
        );
        assert_eq!(
            Terms::parse("oil price "),
            Terms {
                words: vec!["oil".into(), "price".into()],
                prefix: None
            }
        );
        assert!(Terms::parse("  ").is_empty());
        assert_eq!(Terms::parse("oil p"), Terms::parse("oil "));
        assert_eq!(
            Terms::parse("UK"),
            Terms {
                words: vec!["uk".into()],
                prefix: None
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
