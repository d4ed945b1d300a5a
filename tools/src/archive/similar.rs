//! The same story told twice: a wire story that several outlets republish
//! under their own addresses (retitled, trimmed, a paragraph added) is
//! found by the words it shares, not by any key.
//!
//! Each article's text (title and body, lower-cased words, the first
//! `MAX_WORDS`) becomes its set of 4-word shingles, summarised by a MinHash
//! signature of `HASHES` values: the share of equal values estimates the
//! shingle sets' Jaccard similarity J, and with the two sets' sizes, how
//! much of the shorter text the other holds (containment: |A∩B| / min(|A|,
//! |B|) = J (|A|+|B|) / ((1+J) min)). Containment, not J, is the measure:
//! a republished story is often trimmed or has a paragraph added, which
//! lowers J but not containment. Candidates are found by locality-
//! sensitive hashing (`BANDS` bands of `HASHES / BANDS` values: two texts
//! that agree on a whole band are compared), so a run never compares every
//! pair. Two articles are the same story when their similarity reaches
//! `SAME_STORY` and they were published within `DAYS` of each other; the
//! threshold was measured on a labelled set made from Reuters stories
//! (`dedup-score`, docs/import.md "One story once").

use std::collections::HashMap;

use dateline_core::data::fnv1a;
use dateline_core::model::{Article, Timestamp};

const HASHES: usize = 64;
const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 4;
const MAX_WORDS: usize = 600;
/// The least similarity of one story told twice (measured: docs/import.md).
pub const SAME_STORY: f64 = 0.5;
/// The most days between two tellings of one story.
pub const DAYS: i64 = 3;
/// Texts shorter than this many words are too short to tell apart by words.
const MIN_WORDS: usize = 25;

/// A text's MinHash signature and its number of distinct shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    mins: [u32; HASHES],
    shingles: usize,
}

/// The multipliers of the hash family: odd 64-bit constants from splitmix64.
fn family() -> [(u64, u64); HASHES] {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    std::array::from_fn(|_| (next() | 1, next()))
}

/// The words that carry the story: lower case, letters and digits only.
fn words(article: &Article) -> Vec<String> {
    let text: String = std::iter::once(article.title.clone())
        .chain(article.body.iter().map(|b| b.text()))
        .collect::<Vec<_>>()
        .join(" ");
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_lowercase)
        .collect()
}

/// The article's signature, or none for a text too short to judge.
pub fn signature(article: &Article) -> Option<Signature> {
    let words = words(article);
    if words.len() < MIN_WORDS {
        return None;
    }
    let family = family();
    let mut mins = [u32::MAX; HASHES];
    let hashes: std::collections::HashSet<u64> = words
        .windows(SHINGLE)
        .map(|s| fnv1a(s.join(" ").as_bytes()))
        .collect();
    for &h in &hashes {
        for (min, (a, b)) in mins.iter_mut().zip(family.iter()) {
            let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
            if v < *min {
                *min = v;
            }
        }
    }
    Some(Signature {
        mins,
        shingles: hashes.len(),
    })
}

impl Signature {
    /// The estimated Jaccard similarity of two texts' shingles.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let same = self
            .mins
            .iter()
            .zip(other.mins.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// The estimated share of the shorter text's shingles the other holds.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let j = self.jaccard(other);
        let (a, b) = (self.shingles as f64, other.shingles as f64);
        (j * (a + b) / ((1.0 + j) * a.min(b))).min(1.0)
    }

    fn bands(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.mins.chunks(ROWS).enumerate().map(|(band, rows)| {
            let bytes: Vec<u8> = rows.iter().flat_map(|r| r.to_le_bytes()).collect();
            (band, fnv1a(&bytes))
        })
    }
}

/// Whether two publication times are close enough to be one story's (an
/// undated one is close to any).
fn near_in_time(a: Option<Timestamp>, b: Option<Timestamp>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (day_number(a) - day_number(b)).abs() <= DAYS,
        _ => true,
    }
}

fn day_number(t: Timestamp) -> i64 {
    use chrono::Datelike;
    chrono::NaiveDate::from_ymd_opt(
        i32::from(t.date.year),
        u32::from(t.date.month),
        u32::from(t.date.day),
    )
    .map_or(0, |d| i64::from(d.num_days_from_ce()))
}

/// The signatures of a set of articles, by band, to find an article's
/// other tellings without comparing it with every one.
#[derive(Default)]
pub struct StoryIndex {
    signatures: Vec<Option<(Signature, Option<Timestamp>)>>,
    buckets: HashMap<(usize, u64), Vec<usize>>,
}

impl StoryIndex {
    /// Adds the article at position `i` (positions are the caller's).
    pub fn insert(&mut self, i: usize, article: &Article) {
        if self.signatures.len() <= i {
            self.signatures.resize(i + 1, None);
        }
        let Some(sig) = signature(article) else {
            return;
        };
        for band in sig.bands() {
            self.buckets.entry(band).or_default().push(i);
        }
        self.signatures[i] = Some((sig, article.published));
    }

    /// The indexed article that tells `article`'s story, most similar first,
    /// among those `eligible` allows.
    pub fn same_story(&self, article: &Article, eligible: impl Fn(usize) -> bool) -> Option<usize> {
        let sig = signature(article)?;
        let mut best: Option<(f64, usize)> = None;
        let mut seen = std::collections::HashSet::new();
        for band in sig.bands() {
            for &i in self.buckets.get(&band).into_iter().flatten() {
                if !seen.insert(i) || !eligible(i) {
                    continue;
                }
                let Some((other, published)) = &self.signatures[i] else {
                    continue;
                };
                let similarity = sig.similarity(other);
                if similarity >= SAME_STORY
                    && near_in_time(article.published, *published)
                    && best.is_none_or(|(s, _)| similarity > s)
                {
                    best = Some((similarity, i));
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::Block;

    fn story(title: &str, paragraphs: &[&str], day: u8) -> Article {
        Article {
            title: title.into(),
            published: Timestamp::parse(&format!("2026-02-{day:02}")).ok(),
            body: paragraphs.iter().map(|p| Block::paragraph(*p)).collect(),
            ..Article::default()
        }
    }

    const P1: &str = "The port authority closed the east pier on Tuesday after inspectors found cracks in the sea wall, and ferries will use the west pier for at least a week.";
    const P2: &str = "Engineers said the cracks were not a danger to the public but that repairs could not wait until the spring, when the pier is busiest with visitors.";
    const P3: &str = "Ferry operators said timetables would not change, although passengers should allow ten more minutes to reach the west pier from the station.";

    #[test]
    fn one_story_retitled_trimmed_or_extended_is_found_and_another_is_not() {
        let mut index = StoryIndex::default();
        index.insert(
            0,
            &story("Port shuts east pier after cracks found", &[P1, P2, P3], 3),
        );
        index.insert(1, &story("Council approves budget for new schools", &[
            "The city council approved a budget on Tuesday that adds three schools in the north of the city, after a debate that lasted most of the night and ended in a vote of nine to four.",
            "Opponents said the plan would raise taxes for families already struggling with rents, while supporters said the schools were overdue by a decade.",
        ], 3));
        let retold = story(
            "East pier closed: cracks in sea wall",
            &[P1, P2, "Reporting by A. Writer; editing by B. Editor."],
            4,
        );
        assert_eq!(index.same_story(&retold, |_| true), Some(0));
        let trimmed = story("Port shuts east pier after cracks found", &[P1, P2], 3);
        assert_eq!(index.same_story(&trimmed, |_| true), Some(0));
        let other = story("Port shuts east pier after cracks found", &[P3, "A completely different story about tram fares rising by ten cents in March, which the transport board said was needed to pay for new trams and more drivers."], 3);
        assert_eq!(
            index.same_story(&other, |_| true),
            None,
            "one shared paragraph of three is not the same story"
        );
        let later = story("Port shuts east pier after cracks found", &[P1, P2, P3], 20);
        assert_eq!(
            index.same_story(&later, |_| true),
            None,
            "weeks apart: another story"
        );
        assert_eq!(
            signature(&story("Short", &["Too short to judge."], 3)),
            None
        );
    }
}
