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

use dateline_core::data::archive::{Archive as DataArchive, SearchNeeds};
use dateline_core::data::{Manifest, MANIFEST_URL};
use dateline_core::model::{Article, Catalog};
use dateline_core::query::{Outcome, View};
use dateline_tools::archive::tombstone_of;
use dateline_tools::site::cache::{BuildState, Slots};
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
    /// Removes it as `dateline remove` does: its place is kept.
    Tombstone(f64),
}

fn batch() -> impl Strategy<Value = Batch> {
    prop_oneof![
        6 => (1usize..700).prop_map(Batch::Add),
        1 => (1usize..20).prop_map(Batch::Backdated),
        1 => (0.0f64..1.0).prop_map(Batch::Edit),
        1 => (0.0f64..1.0).prop_map(Batch::Remove),
        2 => (0.0f64..1.0).prop_map(Batch::Tombstone),
    ]
}

const WORDS: &[&str] = &[
    "oil", "prices", "bank", "rates", "grain", "wheat", "strike", "port", "election", "vote",
    "storm", "harbour", "bridge", "minister", "quota", "crude", "tender", "exports", "court",
    "ruling", "merger", "shares", "coffee", "harvest",
];

/// A word only the article of this minute has ("w" and its digits as
/// the letters b to k): its misspellings have one correction, or none.
fn own_word(minute: u64) -> String {
    let digits = minute.to_string();
    let letters = digits.bytes().map(|d| char::from(b'b' + d - b'0'));
    std::iter::once('w').chain(letters).collect()
}

/// The archive as id → article (JSON), its dates spread by minute.
struct Archive {
    articles: BTreeMap<u64, serde_json::Value>,
    removed: Vec<serde_json::Value>,
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
        // Authors most articles share, and now and then one of its own: a
        // removed article's leaves a hole in the facet values' numbers.
        let mut authors =
            vec![["Ana Lima", "Rui Costa", "Eva Marsh"][(minute % 3) as usize].to_string()];
        if minute % 7 == 0 {
            authors.push(format!("Solo {}", own_word(minute)));
        }
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
            "authors": authors,
            "body": [{"type": "paragraph", "text": format!("{} {minute} {}", body.join(" "), own_word(minute))}],
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
            Batch::Tombstone(share) if self.articles.len() > 1 => {
                let key = *self
                    .articles
                    .keys()
                    .nth(pick(share, self.articles.len()))
                    .unwrap();
                let article = self.articles.remove(&key).unwrap();
                let article: Article = serde_json::from_value(article).unwrap();
                // As the archive keeps it: id, date, topics, facet slugs, word hashes.
                self.removed
                    .push(serde_json::to_value(tombstone_of(&article)).unwrap());
            }
            _ => {}
        }
    }

    fn catalog(&self) -> Catalog {
        let list: Vec<&serde_json::Value> = self.articles.values().collect();
        Catalog::from_json(&json!({ "articles": list, "removed": self.removed }).to_string())
            .unwrap()
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
        let mut archive = Archive { articles: BTreeMap::new(), removed: Vec::new(), next: 0, seed };
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
            let slots = Slots::new(&catalog);
            let prints = BuildState::fingerprints(&catalog, &slots);
            let same = previous.fingerprints.iter().zip(&prints).take_while(|(a, b)| a == b).count();
            let usable = previous.sealed > 0 && same >= previous.sealed;
            prop_assert_eq!(report.taken_up, usable, "{:?}: {} unchanged of {} sealed", batch, same, previous.sealed);
            let clean = scratch("clean");
            write_data_cached(&clean, &catalog, false, None).unwrap();
            let after = files(&site);
            let now = state(&cache);
            same_as_clean(&site, &clean, &now, &archive)?;
            let _ = fs::remove_dir_all(&clean);

            if let Batch::Add(_) = batch {
                // What the layout keeps is kept: sealed groups, closed shards.
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
            if let Batch::Tombstone(_) = batch {
                // A removed article's place is kept: every index segment but
                // its own keeps its files, and so does every body shard of the
                // units before its own, and every catalog part but its own
                // (topics and facet values are numbered by first appearance,
                // and a removed article keeps claiming its own).
                let unit = dateline_core::data::layout::open_unit_start(same);
                let articles = slots.article_ages(&(0..unit)).end;
                let older = previous.catalog.iter().chain(&previous.segments).filter(|g| !g.ages.contains(&same))
                    .chain(previous.shards.iter().filter(|g| g.ages.end <= articles));
                let mut count = 0;
                for group in older {
                    for file in &group.files {
                        let name = file.trim_start_matches("data/");
                        prop_assert!(before.contains_key(name) && after.get(name) == before.get(name), "{} changed", file);
                        count += 1;
                    }
                }
                prop_assert!(unit == 0 || count > 0, "nothing kept before place {}", same);
                // Its own segment, in a sealed unit, keeps its chunks and
                // lexicon: only its terms table changes (the overlay).
                if same < previous.sealed {
                    let own = previous.segments.iter().find(|g| g.ages.contains(&same)).unwrap();
                    let now_own = now.segments.iter().find(|g| g.ages == own.ages);
                    prop_assert!(now_own.is_some_and(|g| g.gone.contains(&same)), "no overlay for place {}", same);
                    for file in own.files.iter().filter(|f| **f != own.file) {
                        let name = file.trim_start_matches("data/");
                        prop_assert!(after.get(name) == before.get(name), "{} changed", file);
                    }
                }
            }
        }
        let _ = fs::remove_dir_all(&site);
        let _ = fs::remove_dir_all(&cache);
    }
}

/// The files of the incremental build are the clean build's, but for the
/// index segments with an overlay (removals not folded in yet), and it
/// answers every search as the clean build does.
fn same_as_clean(
    site: &Path,
    clean: &Path,
    state: &BuildState,
    archive: &Archive,
) -> Result<(), TestCaseError> {
    let (mine, theirs) = (files(site), files(clean));
    let index_file = |name: &&String| {
        ["index-", "lexicon-", "terms-"]
            .iter()
            .any(|k| name.starts_with(k))
    };
    let differ: Vec<&String> = mine
        .keys()
        .chain(theirs.keys())
        .filter(|name| mine.get(*name) != theirs.get(*name))
        .filter(|name| *name != "manifest.txt")
        .collect();
    if differ.is_empty() {
        prop_assert_eq!(mine.get("manifest.txt"), theirs.get("manifest.txt"));
        return Ok(());
    }
    prop_assert!(
        differ.iter().all(index_file),
        "not the clean build's files: {:?}",
        differ
    );
    prop_assert!(
        state.segments.iter().any(|g| !g.gone.is_empty()),
        "index files differ with no overlay: {:?}",
        differ
    );
    // Every word alone, pairs, prefixes, misspellings, the numbers only
    // removed articles had, and one nothing has.
    let mut queries: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    queries.extend(
        [
            "oil prices",
            "bank rates",
            "s",
            "ha",
            "cr",
            "bnak",
            "harbur",
            "electoin vote",
            "zzz",
        ]
        .map(String::from),
    );
    // Their own words misspelled (an "x" put in): the lexicon's counts
    // decide whether a removed one's is offered.
    let minutes = archive
        .removed
        .iter()
        .rev()
        .take(5)
        .map(|removed| {
            removed["id"]
                .as_str()
                .unwrap()
                .trim_start_matches('a')
                .parse::<u64>()
                .unwrap()
        })
        .chain(archive.articles.keys().step_by(97).take(8).copied());
    for minute in minutes {
        let word = own_word(minute);
        queries.push(minute.to_string());
        queries.push(format!("{} ", &word[..3]));
        queries.push(format!("{}x{}", &word[..2], &word[2..]));
        queries.push(word);
    }
    let (mut a, mut b) = (load(site), load(clean));
    prop_assert_eq!(&a.catalog.articles, &b.catalog.articles);
    for q in &queries {
        let view = View {
            q: q.as_str().into(),
            ..View::default()
        };
        let (x, y) = (answer(site, &mut a, &view), answer(clean, &mut b, &view));
        prop_assert_eq!(x, y, "{:?}", q);
    }
    Ok(())
}

/// The site data loaded the way the app loads it: manifest, then catalog.
fn load(dir: &Path) -> DataArchive {
    let read = |file: &str| fs::read(dir.join(file)).unwrap();
    let mut archive = DataArchive::new(Manifest::parse(&read(MANIFEST_URL)).unwrap());
    while let Some((_, part)) = archive.next_part() {
        let file = part.file.clone();
        archive.add_part(&read(&file)).unwrap();
    }
    archive
}

/// A view's outcome once every index file its search needs is fetched.
fn answer(dir: &Path, archive: &mut DataArchive, view: &View) -> Outcome {
    while let SearchNeeds::Files(needed) = archive.search_needs(view.q.terms()) {
        for (file, part) in needed {
            archive
                .add_index_file(file, &fs::read(dir.join(&part.file)).unwrap())
                .unwrap();
        }
    }
    (*archive.run(view).outcome).clone()
}

/// A cache that does not fit (another archive, damaged, missing files)
/// gives a clean build, never a wrong one.
#[test]
fn a_cache_that_does_not_fit_gives_a_clean_build() {
    let mut archive = Archive {
        articles: BTreeMap::new(),
        removed: Vec::new(),
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

/// `--keep-days` removes the oldest articles every day: the oldest is the
/// first with its topic, place and author, and one of its authors is its
/// own, yet only its own unit's catalog part and body shard may change (the
/// rest keep their numbers and related stories, `Tombstone`), and the site
/// answers as a clean build.
#[test]
fn removing_the_oldest_article_keeps_every_other_catalog_part() {
    let mut archive = Archive {
        articles: BTreeMap::new(),
        removed: Vec::new(),
        next: 0,
        seed: 11,
    };
    archive.apply(&Batch::Add(2400));
    // The oldest with an author of its own (minute 70: the seventh).
    for _ in 0..6 {
        archive.apply(&Batch::Tombstone(0.0));
    }
    let (site, cache) = (scratch("site"), scratch("cache"));
    write_data_cached(&site, &archive.catalog(), false, Some(&cache)).unwrap();
    let (before, previous) = (files(&site), state(&cache));
    let oldest = archive.articles.values().next().unwrap().clone();
    assert!(oldest["authors"].to_string().contains("Solo"), "{oldest}");
    archive.apply(&Batch::Tombstone(0.0));
    let catalog = archive.catalog();
    write_data_cached(&site, &catalog, false, Some(&cache)).unwrap();
    let after = files(&site);
    let own = |g: &&dateline_tools::site::cache::Group| g.ages.contains(&6);
    let others: Vec<_> = previous.catalog.iter().filter(|g| !own(g)).collect();
    assert!(
        others.len() >= 2,
        "{} catalog parts",
        previous.catalog.len()
    );
    // Nor the body shards of the others: their related stories are chosen
    // with the removed one's words still counted.
    // (Shards are filled by article, so all of its unit's may: the unit's
    // first 1,000 places held 994 articles.)
    let shards: Vec<_> = previous
        .shards
        .iter()
        .filter(|g| g.ages.start >= 994)
        .collect();
    assert!(shards.len() >= 2, "{} body shards", previous.shards.len());
    for group in others.into_iter().chain(shards) {
        let name = group.file.trim_start_matches("data/");
        assert!(
            before.contains_key(name) && after.get(name) == before.get(name),
            "{name} changed"
        );
    }
    let clean = scratch("clean");
    write_data_cached(&clean, &catalog, false, None).unwrap();
    same_as_clean(&site, &clean, &state(&cache), &archive).unwrap();
    for dir in [site, cache, clean] {
        let _ = fs::remove_dir_all(dir);
    }
}
