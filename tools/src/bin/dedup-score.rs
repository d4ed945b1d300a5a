//! How well the archive finds one story told twice (`archive::similar`), on a
//! labelled set made from Reuters-21578 (`../shared`; research use, so only
//! measured, never shipped):
//!
//! - same story (positives): a story and a copy as another outlet would run
//!   it: retitled, trimmed (the last paragraph cut), a paragraph added (a
//!   credit line, or another story's paragraph), or all three, as one
//!   variant each, chosen by the story's id;
//! - different stories (negatives): pairs of distinct stories on the same
//!   topic and the same day, the hardest case, with different titles and
//!   first paragraphs (Reuters itself sent some stories twice).
//!
//!   cargo run --release -p dateline-tools --bin dedup-score -- ../shared/corpora/reuters21578/reuters21578.jsonl.gz
//!
//! Prints precision, recall and F1 at each threshold, and at `SAME_STORY`.

use std::collections::BTreeMap;
use std::io::Read;

use dateline_core::model::{Article, Block, Timestamp};
use dateline_tools::archive::similar::{signature, StoryIndex, SAME_STORY};

struct Story {
    id: u64,
    title: String,
    date: String,
    topic: String,
    paragraphs: Vec<String>,
}

fn read(path: &str) -> Result<Vec<Story>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut stories = Vec::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        // A new paragraph starts with a newline and indentation.
        let paragraphs: Vec<String> = s("body")
            .split("\n ")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| p.split_whitespace().count() >= 8)
            .collect();
        let words: usize = paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum();
        let topic = v["topics"]
            .as_array()
            .and_then(|t| t.first())
            .and_then(|t| t.as_str())
            .unwrap_or("");
        if paragraphs.len() >= 3 && words >= 80 && !topic.is_empty() {
            stories.push(Story {
                id: v["newid"].as_u64().unwrap_or(0),
                title: s("title"),
                date: s("date").chars().take(10).collect(),
                topic: topic.to_string(),
                paragraphs,
            });
        }
    }
    Ok(stories)
}

fn article(title: &str, date: &str, paragraphs: &[String]) -> Article {
    Article {
        title: title.into(),
        published: Timestamp::parse(date).ok(),
        body: paragraphs
            .iter()
            .map(|p| Block::paragraph(p.clone()))
            .collect(),
        ..Article::default()
    }
}

/// The copy another outlet runs: variant by the story's id.
fn retold(story: &Story, other: &Story) -> Article {
    let mut paragraphs = story.paragraphs.clone();
    let mut title = story.title.clone();
    let kind = story.id % 4;
    if kind == 0 || kind == 3 {
        title = format!(
            "UPDATE 1-{}",
            title.split_whitespace().rev().collect::<Vec<_>>().join(" ")
        );
    }
    if kind == 1 || kind == 3 {
        paragraphs.pop();
    }
    if kind == 2 || kind == 3 {
        paragraphs.push(other.paragraphs[0].clone());
        paragraphs.insert(
            0,
            "(Reporting by the wire desk; editing by the night editor)".into(),
        );
    }
    article(&title, &story.date, &paragraphs)
}

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dedup-score REUTERS.jsonl.gz");
        return std::process::ExitCode::from(2);
    };
    let stories = match read(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dedup-score: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Positives: every 7th story and its copy.
    let positives: Vec<(Article, Article)> = stories
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 7 == 0)
        .map(|(i, s)| {
            (
                article(&s.title, &s.date, &s.paragraphs),
                retold(s, &stories[(i + 1) % stories.len()]),
            )
        })
        .collect();
    // Negatives: distinct stories of one topic and day.
    let mut by_day: BTreeMap<(String, String), Vec<&Story>> = BTreeMap::new();
    for s in &stories {
        by_day
            .entry((s.date.clone(), s.topic.clone()))
            .or_default()
            .push(s);
    }
    let mut negatives = Vec::new();
    for group in by_day.values() {
        for pair in group.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.title != b.title && a.paragraphs[0] != b.paragraphs[0] {
                negatives.push((
                    article(&a.title, &a.date, &a.paragraphs),
                    article(&b.title, &b.date, &b.paragraphs),
                ));
            }
        }
    }
    let score = |pairs: &[(Article, Article)]| -> Vec<f64> {
        pairs
            .iter()
            .filter_map(|(a, b)| Some(signature(a)?.similarity(&signature(b)?)))
            .collect()
    };
    let (pos, neg) = (score(&positives), score(&negatives));
    println!(
        "labelled pairs: {} same story, {} different stories (same topic, same day)",
        pos.len(),
        neg.len()
    );
    println!("threshold  precision  recall  F1");
    let mut rows = Vec::new();
    for step in 6..=18 {
        let t = f64::from(step) * 0.05;
        let tp = pos.iter().filter(|&&s| s >= t).count() as f64;
        let fp = neg.iter().filter(|&&s| s >= t).count() as f64;
        let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
        let recall = tp / pos.len().max(1) as f64;
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
        let chosen = if (t - SAME_STORY).abs() < 1e-9 {
            "  <- SAME_STORY"
        } else {
            ""
        };
        println!("{t:9.2}  {precision:9.4}  {recall:6.4}  {f1:.4}{chosen}");
        rows.push((t, f1));
    }
    // End to end through the index (bands, the date window): each copy found?
    let mut index = StoryIndex::default();
    for (i, (a, _)) in positives.iter().enumerate() {
        index.insert(i, a);
    }
    let found = positives
        .iter()
        .enumerate()
        .filter(|(i, (_, b))| index.same_story(b, |_| true) == Some(*i))
        .count();
    let wrong = negatives
        .iter()
        .filter(|(a, b)| {
            let mut index = StoryIndex::default();
            index.insert(0, a);
            index.same_story(b, |_| true).is_some()
        })
        .count();
    // The different-story pairs it would merge, to read: several are one
    // story Reuters sent twice under other titles.
    let mut shown = 0;
    for (a, b) in &negatives {
        let (Some(x), Some(y)) = (signature(a), signature(b)) else {
            continue;
        };
        if x.similarity(&y) >= SAME_STORY && shown < 8 {
            shown += 1;
            println!(
                "  merged: {:.2} {:?} ~ {:?}",
                x.similarity(&y),
                a.title,
                b.title
            );
        }
    }
    println!(
        "through the index at {SAME_STORY}: {found} of {} copies found (recall {:.4}); {wrong} of {} different pairs merged",
        positives.len(),
        found as f64 / positives.len().max(1) as f64,
        negatives.len()
    );
    std::process::ExitCode::SUCCESS
}
