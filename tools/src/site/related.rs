//! "Related stories": up to five per article, chosen at build time from the
//! words the article is most about and the topics it shares, and written
//! into its body shard, so the app spends nothing on them.
//!
//! Each article is summed up by its most telling words (TF-IDF over the
//! search index's counts, title words counting twice; words in more than 5%
//! of the archive or in only one article tell nothing). Two articles are as
//! related as the cosine of those summaries, plus a share of their topics in
//! common. Candidates come only through shared telling words, so the work
//! grows with the archive, not with its square; a word shared by very many
//! summaries offers its strongest holders only. Ties go to the newer
//! article (the catalog's order), so the result is the same on every build.

use dateline_core::model::Article;
use dateline_core::query::search::SearchIndex;

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

/// For each article (by position), the positions of its related ones, most related first.
pub fn related(articles: &[Article], index: &SearchIndex) -> Vec<Vec<u32>> {
    let n = articles.len();
    if n < 2 {
        return vec![Vec::new(); n];
    }
    let max_df = ((n as f64 * COMMON).ceil() as usize).max(2);
    // Each article's words with their weights.
    let mut words: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    for (term, postings) in index.postings.iter().enumerate() {
        let df = postings.len();
        if df < 2 || df > max_df || !index.terms[term].chars().any(char::is_alphabetic) {
            continue;
        }
        let idf = (n as f64 / df as f64).ln() as f32;
        for p in postings {
            let tf = 2 * u32::from(p.title_tf) + u32::from(p.body_tf);
            words[p.doc as usize].push((term as u32, (1.0 + (tf as f32).ln()) * idf));
        }
    }
    // Keep the telling words, normalised to length 1, sorted by term.
    for list in &mut words {
        list.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(SUMMARY_WORDS);
        let norm = list.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        for (_, w) in list.iter_mut() {
            *w /= norm.max(f32::MIN_POSITIVE);
        }
        list.sort_unstable_by_key(|&(t, _)| t);
    }
    // Word → the articles it sums up, strongest first.
    let mut holders: Vec<Vec<(u32, f32)>> = vec![Vec::new(); index.terms.len()];
    for (doc, list) in words.iter().enumerate() {
        for &(term, w) in list {
            holders[term as usize].push((doc as u32, w));
        }
    }
    for list in &mut holders {
        if list.len() > HOLDERS {
            list.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(HOLDERS);
        }
    }

    let mut scores = vec![0f32; n];
    let mut touched: Vec<u32> = Vec::new();
    (0..n)
        .map(|doc| {
            for &(term, w) in &words[doc] {
                for &(other, w2) in &holders[term as usize] {
                    if other as usize == doc {
                        continue;
                    }
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
                    let topics = topic_share(&articles[doc], &articles[other as usize]);
                    (other, cosine + TOPIC_WEIGHT * topics)
                })
                .filter(|&(_, score)| score >= MIN_SCORE)
                .collect();
            found.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            found.truncate(RELATED);
            found.into_iter().map(|(other, _)| other).collect()
        })
        .collect()
}

/// Topics in common over topics in either (0 when neither has any).
fn topic_share(a: &Article, b: &Article) -> f32 {
    let common = a.topics.iter().filter(|t| b.topics.contains(t)).count();
    let either = a.topics.len() + b.topics.len() - common;
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
        let articles: Vec<serde_json::Value> = items
            .iter()
            .map(|(id, text, topics)| {
                serde_json::json!({"id": id, "title": id, "topics": topics,
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

    #[test]
    fn articles_about_the_same_thing_are_related_and_never_themselves() {
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
        let catalog = catalog(&items);
        let index = SearchIndex::new(&catalog.articles);
        let related = related(&catalog.articles, &index);
        let names = |doc: usize| -> Vec<&str> {
            related[doc]
                .iter()
                .map(|&o| catalog.articles[o as usize].id.as_str())
                .collect()
        };
        let at = |id: &str| catalog.articles.iter().position(|a| a.id == id).unwrap();
        assert_eq!(names(at("opec-1"))[..2], ["opec-2", "opec-3"]);
        assert_eq!(names(at("wheat-1")), ["wheat-2"]);
        for (doc, list) in related.iter().enumerate() {
            assert!(list.len() <= RELATED);
            assert!(!list.contains(&(doc as u32)), "never the article itself");
        }
        assert!(
            names(at("filler-3")).is_empty(),
            "nothing shared, nothing related"
        );
        // The same on every build.
        assert_eq!(related, super::related(&catalog.articles, &index));
        let share = topic_agreement(&catalog.articles, &related).unwrap();
        assert!(share > 0.6, "{share}");
    }

    #[test]
    fn tiny_archives_have_no_related_stories() {
        let catalog = catalog(&[("only", "a lonely story", &[])]);
        let index = SearchIndex::new(&catalog.articles);
        assert_eq!(related(&catalog.articles, &index), vec![Vec::<u32>::new()]);
        assert_eq!(related(&[], &SearchIndex::new(&[])), Vec::<Vec<u32>>::new());
    }
}
