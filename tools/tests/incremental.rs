//! Incremental builds (`dateline build --cache`) against clean ones: for
//! random sequences of batches (new articles, edits, removals, articles
//! dated before others), the site data built step by step through the
//! cache is byte for byte the data a clean build of the same articles
//! writes, and when a batch only adds newer articles, every file the layout
//! keeps (sealed catalog parts, index segments and body shards) keeps its
//! name and bytes.
//!
//! `make test` runs a few cases (`PROPTEST_CASES`, 6 by default here: each
//! builds several sites of over a thousand articles); `make properties` more.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use serde_json::json;

use dateline_core::model::Catalog;
use dateline_tools::site::cache::BuildState;
use dateline_tools::site::data::write_data_cached;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(6);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn scratch(what: &str) -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("dateline-inc-{}-{what}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// What a batch does to the archive.
#[derive(Debug, Clone)]
enum Batch {
    /// This many new articles, newer than all.
    Add(usize),
    /// This many new articles dated among the old ones.
    Backdated(usize),
    /// Rewrites the body of the article at this share of the archive.
    Edit(f64),
    /// Removes the article at this share of the archive.
    Remove(f64),
}

fn batch() -> impl Strategy<Value = Batch> {
    prop_oneof![
        6 => (1usize..700).prop_map(Batch::Add),
        1 => (1usize..20).prop_map(Batch::Backdated),
        1 => (0.0f64..1.0).prop_map(Batch::Edit),
        1 => (0.0f64..1.0).prop_map(Batch::Remove),
    ]
}

const WORDS: &[&str] = &[
    "oil", "prices", "bank", "rates", "grain", "wheat", "strike", "port", "election", "vote",
    "storm", "harbour", "bridge", "minister", "quota", "crude", "tender", "exports", "court",
    "ruling", "merger", "shares", "coffee", "harvest",
];

/// The archive as id → article (JSON), its dates spread by minute.
struct Archive {
    articles: BTreeMap<u64, serde_json::Value>,
    next: u64,
    seed: u64,
}

impl Archive {
    fn word(&mut self) -> &'static str {
        // xorshift: the words differ from article to article, the same on every run of a case.
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        WORDS[(self.seed % WORDS.len() as u64) as usize]
    }

    /// An article `minute`s after the first (the catalog's order is the minute's).
    fn article(&mut self, minute: u64) -> serde_json::Value {
        let title: Vec<&str> = (0..4).map(|_| self.word()).collect();
        let body: Vec<&str> = (0..30).map(|_| self.word()).collect();
        let topic = self.word();
        let place = ["TOKYO", "LONDON", "PARIS", "LAGOS"][(minute % 4) as usize];
        let (day, m) = (minute / 1440, minute % 1440);
        let published = format!(
            "{}-{:02}-{:02}T{:02}:{:02}:00Z",
            2000 + day / 336,
            1 + day / 28 % 12,
            1 + day % 28,
            m / 60,
            m % 60
        );
        json!({
            "id": format!("a{minute}"),
            "title": title.join(" "),
            "topics": [topic],
            "published": published,
            "dateline": place,
            "body": [{"type": "paragraph", "text": format!("{} {minute}", body.join(" "))}],
        })
    }

    fn apply(&mut self, batch: &Batch) {
        let pick =
            |share: f64, len: usize| ((share * len as f64) as usize).min(len.saturating_sub(1));
        match *batch {
            Batch::Add(k) => {
                for _ in 0..k {
                    self.next += 10;
                    let a = self.article(self.next);
                    self.articles.insert(self.next, a);
                }
            }
            Batch::Backdated(k) => {
                for i in 0..k as u64 {
                    let minute = (self.seed.wrapping_add(i * 7919) % self.next.max(1)) | 1;
                    if !self.articles.contains_key(&minute) {
                        let a = self.article(minute);
                        self.articles.insert(minute, a);
                    }
                }
            }
            Batch::Edit(share) if !self.articles.is_empty() => {
                let key = *self
                    .articles
                    .keys()
                    .nth(pick(share, self.articles.len()))
                    .unwrap();
                let edited = self.article(key);
                self.articles.insert(key, edited);
            }
            Batch::Remove(share) if self.articles.len() > 1 => {
                let key = *self
                    .articles
                    .keys()
                    .nth(pick(share, self.articles.len()))
                    .unwrap();
                self.articles.remove(&key);
            }
            _ => {}
        }
    }

    fn catalog(&self) -> Catalog {
        let list: Vec<&serde_json::Value> = self.articles.values().collect();
        Catalog::from_json(&json!({ "articles": list }).to_string()).unwrap()
    }
}

/// Every file of a data directory: name → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir.join("data"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn state(cache: &Path) -> BuildState {
    serde_json::from_slice(&fs::read(cache.join("state.json")).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn incremental_builds_are_clean_builds(seed in 1u64.., first in 900usize..2600, batches in prop::collection::vec(batch(), 1..5)) {
        let mut archive = Archive { articles: BTreeMap::new(), next: 0, seed };
        archive.apply(&Batch::Add(first));
        let (site, cache) = (scratch("site"), scratch("cache"));
        write_data_cached(&site, &archive.catalog(), false, Some(&cache)).unwrap();
        for batch in &batches {
            let before = files(&site);
            let previous = state(&cache);
            archive.apply(batch);
            let catalog = archive.catalog();
            let report = write_data_cached(&site, &catalog, false, Some(&cache)).unwrap();
            // The cache is taken up exactly when the sealed units' articles
            // did not change (an edit or removal in the open unit included).
            let prints = BuildState::fingerprints(&catalog.articles);
            let same = previous.fingerprints.iter().zip(&prints).take_while(|(a, b)| a == b).count();
            let usable = previous.sealed() > 0 && same >= previous.sealed();
            prop_assert_eq!(report.reused > 0, usable, "{:?}: {} unchanged of {} sealed", batch, same, previous.sealed());
            let clean = scratch("clean");
            write_data_cached(&clean, &catalog, false, None).unwrap();
            let after = files(&site);
            prop_assert!(after == files(&clean), "{batch:?}: not the clean build's files");
            let _ = fs::remove_dir_all(&clean);

            if let Batch::Add(_) = batch {
                // What the layout keeps is kept: sealed groups, closed shards.
                let now = state(&cache);
                let closed = previous.shards.len().saturating_sub(1);
                let kept = previous.catalog.iter().filter(|g| now.catalog.iter().any(|h| h.ages == g.ages))
                    .chain(previous.segments.iter().filter(|g| now.segments.iter().any(|h| h.ages == g.ages)))
                    .chain(&previous.shards[..closed]);
                let mut count = 0;
                for group in kept {
                    for file in &group.files {
                        let name = file.trim_start_matches("data/");
                        prop_assert_eq!(after.get(name), before.get(name), "{} changed", file);
                        prop_assert!(before.contains_key(name));
                        count += 1;
                    }
                }
                // A batch that seals no unit keeps every sealed group.
                let sealed = |n: usize| n / dateline_core::data::layout::UNIT;
                if sealed(previous.fingerprints.len()) == sealed(now.fingerprints.len()) && previous.fingerprints.len() >= 2000 {
                    prop_assert!(count > 0, "nothing kept");
                }
            }
        }
        let _ = fs::remove_dir_all(&site);
        let _ = fs::remove_dir_all(&cache);
    }
}

/// A cache that does not fit (another archive, damaged, missing files)
/// gives a clean build, never a wrong one.
#[test]
fn a_cache_that_does_not_fit_gives_a_clean_build() {
    let mut archive = Archive {
        articles: BTreeMap::new(),
        next: 0,
        seed: 7,
    };
    archive.apply(&Batch::Add(1200));
    let (site, cache) = (scratch("site"), scratch("cache"));
    write_data_cached(&site, &archive.catalog(), false, Some(&cache)).unwrap();
    // Files gone from the cache, then a damaged state.
    let data = cache.join("data");
    for entry in fs::read_dir(&data).unwrap().take(3) {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    archive.apply(&Batch::Add(30));
    let catalog = archive.catalog();
    write_data_cached(&site, &catalog, false, Some(&cache)).unwrap();
    let clean = scratch("clean");
    write_data_cached(&clean, &catalog, false, None).unwrap();
    assert_eq!(files(&site), files(&clean));
    fs::write(cache.join("state.json"), b"{not json").unwrap();
    archive.apply(&Batch::Add(5));
    let catalog = archive.catalog();
    write_data_cached(&site, &catalog, false, Some(&cache)).unwrap();
    write_data_cached(&clean, &catalog, false, None).unwrap();
    assert_eq!(files(&site), files(&clean));
    assert_eq!(
        state(&cache).fingerprints.len(),
        1235,
        "the cache is whole again"
    );
}
