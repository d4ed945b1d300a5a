//! "Related stories": up to five per article, chosen at build time from the
//! words the article is most about and the topics it shares, and written
//! into its body shard, so the app spends nothing on them.
//!
//! An article's related stories are older ones, chosen with what the
//! archive held up to it: the build goes from the oldest article to the
//! newest, and each is summed up by its most telling words (TF-IDF with the
//! document counts so far, title words counting twice; words in more than
//! 5% of the articles so far tell nothing). Two
//! articles are as related as the cosine of those summaries, plus a share of
//! their topics in common. So what an article shows never depends on what
//! came after it, and a day's new articles leave every older article's
//! record, and its body shard, as it was (`dateline_core::data::layout`).
//! Candidates come only through shared telling words, so the work grows
//! with the archive, not with its square; a word shared by very many
//! summaries offers its strongest holders only. Ties go to the newer
//! article (the catalog's order), so the result is the same on every build.

use std::collections::HashMap;
use std::ops::Range;

use dateline_core::model::{Article, Place, Tombstone};
use dateline_core::query::search::{word_hash, SearchIndex};

/// Related stories per article, at most.
pub const RELATED: usize = 5;
/// Words that sum an article up.
const SUMMARY_WORDS: usize = 12;
/// A word in more than this share of the articles tells nothing.
const COMMON: f64 = 0.05;
/// At most this many articles are found through one word.
const HOLDERS: usize = 400;
/// Weight of the topics in common (Jaccard) beside the words' cosine.
const TOPIC_WEIGHT: f32 = 0.25;
/// Below this an article is not related at all.
const MIN_SCORE: f32 = 0.12;

/// For each article (by position), the positions of its related ones (all
/// older: later in the catalog), most related first.
pub fn related(articles: &[Article], index: &SearchIndex) -> Vec<Vec<u32>> {
    let mut state = Related::new(index.terms.clone());
    let counts = word_counts(index, 0..articles.len());
    let by_age: Vec<Place> = (0..articles.len()).rev().map(Place::Article).collect();
    let archive = Places {
        articles,
        removed: &[],
        by_age: &by_age,
        counts: &counts,
    };
    state.feed_all(&archive, 0..by_age.len());
    state.positions(&by_age, articles.len())
}

/// What the choice reads: the catalog's articles and removed ones, their
/// places by age (0 the oldest), and the articles' word counts (by catalog
/// position, for those fed).
pub struct Places<'a> {
    pub articles: &'a [Article],
    pub removed: &'a [Tombstone],
    pub by_age: &'a [Place],
    pub counts: &'a [Vec<(u32, u32)>],
}

/// Each article's words (of letters) with their counts, title words twice,
/// for the documents `docs` of `index` (by their number there).
pub fn word_counts(index: &SearchIndex, docs: std::ops::Range<usize>) -> Vec<Vec<(u32, u32)>> {
    let mut counts: Vec<Vec<(u32, u32)>> = vec![Vec::new(); docs.len()];
    for (term, postings) in index.postings.iter().enumerate() {
        if !index.terms[term].chars().any(char::is_alphabetic) {
            continue;
        }
        for p in postings {
            if docs.contains(&(p.doc as usize)) {
                let tf = 2 * u32::from(p.title_tf) + u32::from(p.body_tf);
                counts[p.doc as usize - docs.start].push((term as u32, tf));
            }
        }
    }
    counts
}

/// The choice so far, from the oldest place to the newest one seen: what
/// choosing for a newer article needs (document counts, each word's holders)
/// and what was chosen. Places are numbered by age (0 the oldest), which
/// newer ones do not change, and a removed article keeps its place, so the
/// state can be kept and taken up again by the next build (`site::cache`)
/// with the same result as a clean one.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Related {
    /// The vocabulary, sorted: words are numbered by it.
    pub terms: Vec<String>,
    df: Vec<u32>,
    /// Word → the articles it sums up (by place), with their weights.
    holders: Vec<Vec<(u32, f32)>>,
    /// Per place: its related ones, by place (none for a removed article).
    pub chosen: Vec<Vec<u32>>,
}

impl Related {
    pub fn new(terms: Vec<String>) -> Related {
        let n = terms.len();
        Related {
            terms,
            df: vec![0; n],
            holders: vec![Vec::new(); n],
            chosen: Vec::new(),
        }
    }

    /// Places seen so far.
    pub fn seen(&self) -> usize {
        self.chosen.len()
    }

    /// Adds the words of `more` (sorted) to the vocabulary; returns the new
    /// number of each of `more`'s words.
    pub fn extend_terms(&mut self, more: &[String]) -> Vec<u32> {
        let mut merged: Vec<String> = Vec::with_capacity(self.terms.len() + more.len());
        let (mut old_ids, mut new_ids) = (Vec::with_capacity(self.terms.len()), Vec::new());
        let (mut i, mut j) = (0, 0);
        while i < self.terms.len() || j < more.len() {
            let take_old = j == more.len() || (i < self.terms.len() && self.terms[i] <= more[j]);
            let same = take_old && j < more.len() && self.terms[i] == more[j];
            let id = merged.len() as u32;
            if take_old {
                old_ids.push(id);
                merged.push(std::mem::take(&mut self.terms[i]));
                i += 1;
                if same {
                    new_ids.push(id);
                    j += 1;
                }
            } else {
                new_ids.push(id);
                merged.push(more[j].clone());
                j += 1;
            }
        }
        let mut df = vec![0; merged.len()];
        let mut holders = vec![Vec::new(); merged.len()];
        for (old, &id) in old_ids.iter().enumerate() {
            df[id as usize] = self.df[old];
            holders[id as usize] = std::mem::take(&mut self.holders[old]);
        }
        (self.terms, self.df, self.holders) = (merged, df, holders);
        new_ids
    }

    /// Chooses for the places `ages` (the next ones, oldest first). A
    /// removed article's place counts its words and is never chosen, so the
    /// articles after it choose as they did when it was there, but for it.
    pub fn feed_all(&mut self, places: &Places, ages: Range<usize>) {
        debug_assert_eq!(ages.start, self.seen());
        let mut by_hash: Option<HashMap<u32, Vec<u32>>> = None;
        let mut scores: Vec<f32> = Vec::new();
        let no_topics = Vec::new();
        let topics_of = |age: u32| match places.by_age[age as usize] {
            Place::Article(doc) => &places.articles[doc].topics,
            Place::Removed(_) => &no_topics,
        };
        for age in ages {
            match places.by_age[age] {
                Place::Article(doc) => {
                    scores.resize(self.seen(), 0.0);
                    let article = &places.articles[doc];
                    let counts = &places.counts[doc];
                    let chosen = self.feed(counts, &article.topics, &topics_of, &mut scores);
                    self.chosen.push(chosen);
                }
                Place::Removed(r) => {
                    let by_hash = by_hash.get_or_insert_with(|| self.terms_by_hash());
                    let mut terms: Vec<u32> = places.removed[r]
                        .words
                        .iter()
                        .filter_map(|hash| by_hash.get(hash))
                        .flatten()
                        .copied()
                        .collect();
                    terms.sort_unstable();
                    terms.dedup();
                    for term in terms {
                        self.df[term as usize] += 1;
                    }
                    self.chosen.push(Vec::new());
                }
            }
        }
    }

    /// The vocabulary's words of letters by their `word_hash`.
    fn terms_by_hash(&self) -> HashMap<u32, Vec<u32>> {
        let mut by_hash: HashMap<u32, Vec<u32>> = HashMap::new();
        for (term, word) in self.terms.iter().enumerate() {
            if word.chars().any(char::is_alphabetic) {
                by_hash
                    .entry(word_hash(word))
                    .or_default()
                    .push(term as u32);
            }
        }
        by_hash
    }

    /// One article's related ones (by age), and the article joins the holders.
    fn feed<'a>(
        &mut self,
        counts: &[(u32, u32)],
        topics: &[String],
        topics_of: &dyn Fn(u32) -> &'a Vec<String>,
        scores: &mut [f32],
    ) -> Vec<u32> {
        let age = self.seen() as u32;
        for &(term, _) in counts {
            self.df[term as usize] += 1;
        }
        let words = summary(counts, &self.df, age as usize + 1);
        let mut touched: Vec<u32> = Vec::new();
        for &(term, w) in &words {
            for &(other, w2) in &self.holders[term as usize] {
                if scores[other as usize] == 0.0 {
                    touched.push(other);
                }
                scores[other as usize] += w * w2;
            }
        }
        let mut found: Vec<(u32, f32)> = touched
            .drain(..)
            .map(|other| {
                let cosine = std::mem::take(&mut scores[other as usize]);
                (
                    other,
                    cosine + TOPIC_WEIGHT * topic_share(topics, topics_of(other)),
                )
            })
            .filter(|&(_, score)| score >= MIN_SCORE)
            .collect();
        // Ties go to the newer article: the larger age.
        found.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        found.truncate(RELATED);
        for (term, w) in words {
            hold(&mut self.holders[term as usize], age, w);
        }
        found.into_iter().map(|(other, _)| other).collect()
    }

    /// Each of the `n` articles' related ones as catalog positions (0 the
    /// newest), by the places `by_age`.
    pub fn positions(&self, by_age: &[Place], n: usize) -> Vec<Vec<u32>> {
        let position = |age: &u32| match by_age[*age as usize] {
            Place::Article(doc) => Some(doc as u32),
            Place::Removed(_) => None,
        };
        let mut related = vec![Vec::new(); n];
        for (age, place) in by_age.iter().enumerate() {
            if let Place::Article(doc) = place {
                related[*doc] = self.chosen[age].iter().filter_map(position).collect();
            }
        }
        related
    }
}

/// An article's telling words, weighted and normalised to length 1: those
/// in at most `COMMON` of the `seen` so far (a word first seen here counts:
/// the later articles of the same story will share it).
fn summary(counts: &[(u32, u32)], df: &[u32], seen: usize) -> Vec<(u32, f32)> {
    let max_df = ((seen as f64 * COMMON).ceil() as u32).max(2);
    let mut words: Vec<(u32, f32)> = counts
        .iter()
        .filter(|&&(term, _)| df[term as usize] <= max_df)
        .map(|&(term, tf)| {
            let idf = (seen as f64 / f64::from(df[term as usize])).ln() as f32;
            (term, (1.0 + (tf as f32).ln()) * idf)
        })
        .collect();
    words.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    words.truncate(SUMMARY_WORDS);
    let norm = words.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    for (_, w) in words.iter_mut() {
        *w /= norm.max(f32::MIN_POSITIVE);
    }
    words
}

/// Adds an article to a word's holders, keeping the `HOLDERS` strongest
/// (a newcomer replaces the weakest only when it is stronger).
fn hold(list: &mut Vec<(u32, f32)>, doc: u32, w: f32) {
    if list.len() < HOLDERS {
        list.push((doc, w));
        return;
    }
    let weakest = (0..list.len())
        .min_by(|&a, &b| list[a].1.total_cmp(&list[b].1))
        .expect("full");
    if w > list[weakest].1 {
        list[weakest] = (doc, w);
    }
}

/// Topics in common over topics in either (0 when neither has any).
fn topic_share(a: &[String], b: &[String]) -> f32 {
    let common = a.iter().filter(|t| b.contains(t)).count();
    let either = a.len() + b.len() - common;
    if either == 0 {
        0.0
    } else {
        common as f32 / either as f32
    }
}

/// Of the related stories of articles that have topics, the share that
/// shares one with its article: the quality figure the build reports.
pub fn topic_agreement(articles: &[Article], related: &[Vec<u32>]) -> Option<f64> {
    let (mut shown, mut agreeing) = (0usize, 0usize);
    for (article, list) in articles.iter().zip(related) {
        if article.topics.is_empty() {
            continue;
        }
        for &other in list {
            shown += 1;
            let other = &articles[other as usize];
            agreeing += usize::from(article.topics.iter().any(|t| other.topics.contains(t)));
        }
    }
    (shown > 0).then(|| agreeing as f64 / shown as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::Catalog;

    fn catalog(items: &[(&str, &str, &[&str])]) -> Catalog {
        // Listed newest first: each a minute older than the one before.
        let articles: Vec<serde_json::Value> = items
            .iter()
            .enumerate()
            .map(|(i, (id, text, topics))| {
                let minutes = 1000 - i;
                let published = format!("2025-01-01T{:02}:{:02}", minutes / 60, minutes % 60);
                serde_json::json!({"id": id, "title": id, "topics": topics, "published": published,
                    "body": [{"type": "paragraph", "text": text}]})
            })
            .collect();
        let json =
            serde_json::json!({"format": "dateline-bundle", "version": 1, "articles": articles});
        Catalog::from_json(&json.to_string()).unwrap()
    }

    fn filler(n: usize) -> Vec<(String, String)> {
        // Unrelated articles, so the words above are rare enough to tell.
        (0..n)
            .map(|i| (format!("filler-{i}"), format!("word{i}a word{i}b word{i}c")))
            .collect()
    }

    /// Two stories (crude, three articles; grain, two) among unrelated
    /// ones, the newest first.
    fn stories() -> Catalog {
        let fill = filler(60);
        let mut items: Vec<(&str, &str, &[&str])> = vec![
            (
                "opec-1",
                "opec ministers cut crude output quota vienna",
                &["crude"],
            ),
            (
                "opec-2",
                "opec quota output crude ministers meet in vienna",
                &["crude"],
            ),
            ("opec-3", "crude output quota talks opec", &[]),
            (
                "wheat-1",
                "wheat harvest grain exports soviet tender",
                &["grain"],
            ),
            (
                "wheat-2",
                "soviet wheat tender grain exports",
                &["grain", "wheat"],
            ),
        ];
        items.extend(
            fill.iter()
                .map(|(id, text)| (id.as_str(), text.as_str(), &[][..])),
        );
        catalog(&items)
    }

    #[test]
    fn articles_about_the_same_thing_are_related_and_never_themselves() {
        let catalog = stories();
        let index = SearchIndex::new(&catalog.articles);
        let related = related(&catalog.articles, &index);
        let names = |doc: usize| -> Vec<&str> {
            related[doc]
                .iter()
                .map(|&o| catalog.articles[o as usize].id.as_str())
                .collect()
        };
        let at = |id: &str| catalog.articles.iter().position(|a| a.id == id).unwrap();
        // Related stories are older ones: the newest of each story has the others.
        fn newest<'a>(ids: &[&'a str], at: &dyn Fn(&str) -> usize) -> &'a str {
            ids.iter().copied().min_by_key(|id| at(id)).unwrap()
        }
        let opec = ["opec-1", "opec-2", "opec-3"];
        let mut others: Vec<&str> = opec
            .iter()
            .copied()
            .filter(|&id| id != newest(&opec, &at))
            .collect();
        others.sort_by_key(|id| at(id));
        let mut found = names(at(newest(&opec, &at)));
        found.sort_by_key(|id| at(id));
        assert_eq!(found[..2], others[..]);
        let wheat = ["wheat-1", "wheat-2"];
        let older_wheat = wheat.iter().find(|&&id| id != newest(&wheat, &at)).unwrap();
        assert_eq!(names(at(newest(&wheat, &at))), [*older_wheat]);
        for (doc, list) in related.iter().enumerate() {
            assert!(list.len() <= RELATED);
            assert!(list.iter().all(|&o| o as usize > doc), "only older stories");
        }
        assert!(
            names(at("filler-3")).is_empty(),
            "nothing shared, nothing related"
        );
        // The same on every build.
        assert_eq!(related, super::related(&catalog.articles, &index));
        // Half the pairs here: opec-3 has no topic (Reuters: tests/reuters_queries.rs).
        let share = topic_agreement(&catalog.articles, &related).unwrap();
        assert_eq!(share, 0.5);
    }

    /// Each article's id and its related ones' ids.
    type Lists = Vec<(String, Vec<String>)>;

    /// Each article's related ones with `gone` removed as the archive
    /// removes it, and the document count of each word.
    fn choose(catalog: &Catalog, gone: Option<&str>) -> (Lists, HashMap<String, u32>) {
        let mut articles = catalog.articles.clone();
        let mut removed = Vec::new();
        if let Some(id) = gone {
            let at = articles.iter().position(|a| a.id == id).unwrap();
            removed.push(crate::archive::tombstone_of(&articles.remove(at)));
        }
        let by_age = dateline_core::model::places_by_age(&articles, &removed);
        let index = SearchIndex::new(&articles);
        let counts = word_counts(&index, 0..articles.len());
        let mut state = Related::new(index.terms.clone());
        let places = Places {
            articles: &articles,
            removed: &removed,
            by_age: &by_age,
            counts: &counts,
        };
        state.feed_all(&places, 0..by_age.len());
        assert_eq!(state.seen(), articles.len() + removed.len(), "a place each");
        let lists = articles
            .iter()
            .zip(state.positions(&by_age, articles.len()))
            .map(|(a, list)| {
                let ids = list.iter().map(|&o| articles[o as usize].id.clone());
                (a.id.clone(), ids.collect())
            })
            .collect();
        let df = state.terms.iter().cloned().zip(state.df.iter().copied());
        (lists, df.collect())
    }

    #[test]
    fn a_removed_article_is_chosen_by_none_and_the_others_choose_as_before() {
        let catalog = stories();
        let (before, counted) = choose(&catalog, None);
        let chosen = |id: &str| {
            before
                .iter()
                .filter(|(_, l)| l.iter().any(|o| o == id))
                .count()
        };
        assert_eq!(chosen("opec-3"), 2, "the newer crude stories chose it");
        assert_eq!(chosen("filler-59"), 0);
        for gone in ["opec-3", "filler-59", "wheat-2"] {
            let (after, counts) = choose(&catalog, Some(gone));
            // Its words still count, so every other article's are weighed
            // as they were.
            for (word, df) in &counts {
                assert_eq!(counted.get(word), Some(df), "{word} without {gone}");
            }
            let after: HashMap<String, Vec<String>> = after.into_iter().collect();
            assert_eq!(after.len(), before.len() - 1);
            for (id, list) in before.iter().filter(|(id, _)| id != gone) {
                let kept: Vec<String> = list.iter().filter(|o| *o != gone).cloned().collect();
                let now = &after[id];
                assert_eq!(
                    now[..kept.len().min(now.len())],
                    kept[..],
                    "{id} without {gone}"
                );
                assert!(now.len() <= kept.len() + usize::from(kept.len() < list.len()));
            }
        }
    }

    #[test]
    fn tiny_archives_have_no_related_stories() {
        let catalog = catalog(&[("only", "a lonely story", &[])]);
        let index = SearchIndex::new(&catalog.articles);
        assert_eq!(related(&catalog.articles, &index), vec![Vec::<u32>::new()]);
        assert_eq!(related(&[], &SearchIndex::new(&[])), Vec::<Vec<u32>>::new());
    }
}
