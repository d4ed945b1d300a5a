//! Folding one fetched feed into the archive: one story once.
//!
//! An entry is an archived article when any of its keys is that article's:
//! - `guid:` the feed's id for it. An id that looks global (a URL, a `tag:`
//!   or `urn:`, or 16 characters and more) is shared across feeds; a short
//!   one ("1", "42") means something only inside its own feed, so it is
//!   scoped to the feed's address.
//! - `url:` its link after normalising: scheme (http and https alike), host
//!   case, default port, trailing slash, fragment, and tracking parameters
//!   (`utm_*`, `fbclid`, `gclid`, …) dropped.
//! - `text:` a fingerprint of title and text, only for an entry with neither
//!   a link nor an id.
//!
//! A feed that changes its entries' ids on every fetch (a known real-world
//! fault) still matches by link, and the new ids are not added, so it cannot
//! flood the archive. Two entries of one fetch with the same id but other
//! links are two stories: that id is not used to match either.
//!
//! An entry that matches no key but tells an archived story again (a wire
//! story another outlet republished under its own address: `similar`)
//! joins that article: its link and feed are added, and the article lists
//! the outlet in `also`, so the reader sees every source.
//!
//! An entry seen again keeps its article's id; when the feed that first
//! brought it changed its text or dates the article is updated in place. The
//! same entry from another feed only adds that feed to the article's list.

use std::collections::{HashMap, HashSet};

use url::Url;

use super::similar::StoryIndex;
use super::{Archive, Provenance, Record};
use crate::importer::feed::FeedEntry;
use dateline_core::data::fnv1a;
use dateline_core::model::{Article, Outlet};

/// The most keys one article keeps (links from several feeds add up).
const MAX_KEYS: usize = 16;
/// The most other outlets one article lists: a story a hundred sites ran
/// is not made better by a hundred names under its headline.
const MAX_OUTLETS: usize = 12;

/// Query parameters that only say who sent the reader.
fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "_hsenc"
                | "_hsmi"
                | "yclid"
                | "twclid"
                | "cmpid"
                | "ocid"
                | "ref_src"
        )
}

/// A link as a key: the same page however it was linked.
pub fn normalize_url(link: &str) -> Option<String> {
    let mut url = Url::parse(link.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    // `Url` already lowercases the host and drops a default port.
    let host = url.host_str()?.trim_start_matches("www.").to_string();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = url.path().trim_end_matches('/');
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    Some(format!("//{host}{port}{path}{query}"))
}

fn global_guid(guid: &str) -> bool {
    guid.contains("://")
        || guid.starts_with("tag:")
        || guid.starts_with("urn:")
        || guid.chars().count() >= 16
}

/// The keys an entry of `feed` is known by (see the module's comment).
pub fn entry_keys(feed: &str, entry: &FeedEntry) -> Vec<String> {
    let mut keys = Vec::new();
    let guid = entry.guid.trim();
    if !guid.is_empty() {
        keys.push(if global_guid(guid) {
            format!("guid:{guid}")
        } else {
            format!("guid:{feed}#{guid}")
        });
    }
    let link = entry.article.source_url.as_deref().and_then(normalize_url);
    if let Some(link) = &link {
        keys.push(format!("url:{link}"));
    }
    if keys.is_empty() {
        keys.push(text_key(&entry.article));
    }
    keys
}

fn text_key(article: &Article) -> String {
    let text: String = article
        .body
        .iter()
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<String> = format!("{} {text}", article.title)
        .split_whitespace()
        .take(200)
        .map(str::to_lowercase)
        .collect();
    format!("text:{:016x}", fnv1a(words.join(" ").as_bytes()))
}

/// What one feed's fetch did to the archive.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub new: usize,
    pub updated: usize,
    /// Entries already archived (from this feed or another), unchanged.
    pub known: usize,
    /// Entries that told an archived story again under another address.
    pub joined: usize,
}

/// The archive with an index from keys to records, for a run's merges.
pub struct Merger<'a> {
    archive: &'a mut Archive,
    by_key: HashMap<String, usize>,
    ids: HashSet<String>,
    /// Built at the first entry that matches no key: a run where every
    /// feed answered 304, or only known entries came, never signs the texts.
    stories: Option<StoryIndex>,
}

impl<'a> Merger<'a> {
    pub fn new(archive: &'a mut Archive) -> Merger<'a> {
        let mut by_key = HashMap::new();
        let mut ids = HashSet::new();
        for (i, record) in archive.records.iter().enumerate() {
            for key in &record.archive.keys {
                by_key.entry(key.clone()).or_insert(i);
            }
            ids.insert(record.article.id.clone());
        }
        Merger {
            archive,
            by_key,
            ids,
            stories: None,
        }
    }

    /// Folds one fetch of `feed` into the archive.
    pub fn merge(&mut self, feed: &str, entries: Vec<FeedEntry>) -> Merged {
        let mut merged = Merged::default();
        let keyed: Vec<(Vec<String>, FeedEntry)> = entries
            .into_iter()
            .map(|e| (entry_keys(feed, &e), e))
            .collect();
        let ambiguous = ambiguous_guids(&keyed);
        let mut taken_now = HashSet::new();
        for (mut keys, entry) in keyed {
            keys.retain(|k| !ambiguous.contains(k));
            if keys.is_empty() {
                keys.push(text_key(&entry.article));
            }
            // An entry repeated within one fetch, word for word: once.
            if !taken_now.insert(keys.clone()) {
                continue;
            }
            match keys.iter().find_map(|k| self.by_key.get(k).copied()) {
                Some(i) => {
                    if self.update(i, feed, &keys, entry.article) {
                        merged.updated += 1;
                    } else {
                        merged.known += 1;
                    }
                }
                // Only another feed's telling: a feed's own near-identical
                // posts (a daily template) are its stories, one each.
                None => match self.same_story(feed, &entry.article) {
                    Some(i) => {
                        self.join(i, feed, keys, entry.article);
                        merged.joined += 1;
                    }
                    None => {
                        self.add(feed, keys, entry.article);
                        merged.new += 1;
                    }
                },
            }
        }
        merged
    }

    /// An archived article met again; true when its text or dates changed.
    fn update(&mut self, i: usize, feed: &str, keys: &[String], article: Article) -> bool {
        let record = &mut self.archive.records[i];
        if !record.archive.feeds.iter().any(|f| f == feed) {
            record.archive.feeds.push(feed.to_string());
        }
        // Links other feeds give it are kept to match by (ids are not: a
        // feed whose ids change each fetch would add one every run).
        for key in keys.iter().filter(|k| k.starts_with("url:")) {
            if record.archive.keys.len() < MAX_KEYS && !record.archive.keys.contains(key) {
                record.archive.keys.push(key.clone());
                self.by_key.entry(key.clone()).or_insert(i);
            }
        }
        // A removed article stays removed, whatever its feed says of it.
        if record.archive.removed || record.archive.feeds.first().is_some_and(|f| f != feed) {
            return false;
        }
        let article = Article {
            id: record.article.id.clone(),
            ..article
        };
        if article == record.article {
            return false;
        }
        record.article = article;
        true
    }

    /// The archived article another feed told `article`'s story in.
    fn same_story(&mut self, feed: &str, article: &Article) -> Option<usize> {
        let records = &self.archive.records;
        let stories = self.stories.get_or_insert_with(|| {
            let mut index = StoryIndex::default();
            for (i, record) in records.iter().enumerate() {
                index.insert(i, &record.article);
            }
            index
        });
        stories.same_story(article, |i| {
            !records[i].archive.removed && !records[i].archive.feeds.iter().any(|f| f == feed)
        })
    }

    /// Another outlet's telling of the story at `i`: its keys match the
    /// article from now on, and the article lists the outlet.
    fn join(&mut self, i: usize, feed: &str, keys: Vec<String>, article: Article) {
        let record = &mut self.archive.records[i];
        for key in keys.into_iter().filter(|k| k.starts_with("url:")) {
            if record.archive.keys.len() < MAX_KEYS && !record.archive.keys.contains(&key) {
                self.by_key.entry(key.clone()).or_insert(i);
                record.archive.keys.push(key);
            }
        }
        if !record.archive.feeds.iter().any(|f| f == feed) {
            record.archive.feeds.push(feed.to_string());
        }
        let name = article
            .source
            .or(article.site_name)
            .unwrap_or_else(|| feed.to_string());
        let own = record
            .article
            .source
            .as_deref()
            .or(record.article.site_name.as_deref());
        let listed = record.article.also.iter().any(|o| o.name == name);
        if own != Some(name.as_str()) && !listed && record.article.also.len() < MAX_OUTLETS {
            record.article.also.push(Outlet {
                name,
                url: article.source_url,
            });
        }
    }

    fn add(&mut self, feed: &str, keys: Vec<String>, article: Article) {
        let mut id = article.id.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{}-{n}", article.id);
            n += 1;
        }
        self.ids.insert(id.clone());
        let i = self.archive.records.len();
        for key in &keys {
            self.by_key.entry(key.clone()).or_insert(i);
        }
        if let Some(stories) = &mut self.stories {
            stories.insert(i, &article);
        }
        self.archive.records.push(Record {
            article: Article { id, ..article },
            archive: Provenance {
                keys,
                feeds: vec![feed.to_string()],
                removed: false,
                words: Vec::new(),
            },
        });
    }
}

/// `guid:` keys that two entries of one fetch share while their links differ.
fn ambiguous_guids(keyed: &[(Vec<String>, FeedEntry)]) -> HashSet<String> {
    let mut links: HashMap<&str, HashSet<Option<&str>>> = HashMap::new();
    for (keys, _) in keyed {
        let link = keys
            .iter()
            .find(|k| k.starts_with("url:"))
            .map(String::as_str);
        for guid in keys.iter().filter(|k| k.starts_with("guid:")) {
            links.entry(guid).or_default().insert(link);
        }
    }
    links
        .into_iter()
        .filter(|(_, links)| links.len() > 1)
        .map(|(guid, _)| guid.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::Block;

    fn entry(guid: &str, link: Option<&str>, title: &str) -> FeedEntry {
        FeedEntry {
            article: Article {
                id: dateline_core::model::text::slugify(title),
                title: title.into(),
                source_url: link.map(str::to_string),
                body: vec![Block::paragraph(format!("{title} text"))],
                ..Article::default()
            },
            guid: guid.into(),
            key: guid.into(),
        }
    }

    #[test]
    fn links_are_one_page_however_they_were_written() {
        let same = [
            "https://News.Example.test/a/story/",
            "http://news.example.test:80/a/story",
            "https://www.news.example.test/a/story?utm_source=rss&utm_medium=feed#comments",
            "https://news.example.test:443/a/story?fbclid=x",
        ];
        let keys: HashSet<_> = same.iter().map(|u| normalize_url(u).unwrap()).collect();
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert_ne!(
            normalize_url("https://news.example.test/a/story?id=2"),
            normalize_url("https://news.example.test/a/story?id=3")
        );
        assert_eq!(normalize_url("javascript:alert(1)"), None);
    }

    #[test]
    fn an_entry_seen_again_keeps_its_id_and_is_updated_not_duplicated() {
        let mut archive = Archive::default();
        let feed = "https://a.test/feed";
        let m = Merger::new(&mut archive).merge(
            feed,
            vec![entry("tag:a,1", Some("https://a.test/1"), "One")],
        );
        assert_eq!(
            m,
            Merged {
                new: 1,
                ..Merged::default()
            }
        );
        let id = archive.records[0].article.id.clone();
        let mut changed = entry("tag:a,1", Some("https://a.test/1"), "One, corrected");
        changed.article.id = "another-id".into();
        let m = Merger::new(&mut archive).merge(
            feed,
            vec![changed, entry("tag:a,2", Some("https://a.test/2"), "Two")],
        );
        assert_eq!(
            m,
            Merged {
                new: 1,
                updated: 1,
                ..Merged::default()
            }
        );
        assert_eq!(archive.records[0].article.id, id);
        assert_eq!(archive.records[0].article.title, "One, corrected");
        let m = Merger::new(&mut archive).merge(feed, vec![]);
        assert_eq!(m, Merged::default());
        assert_eq!(archive.records.len(), 2, "entries that left the feed stay");
    }

    #[test]
    fn a_removed_article_stays_removed_when_its_feed_still_carries_it() {
        let mut archive = Archive::default();
        let (feed, other) = ("https://a.test/feed", "https://b.test/feed");
        let one = || {
            entry(
                "tag:a,1",
                Some("https://a.test/1"),
                "Harbour tunnel opens to cyclists after nine years",
            )
        };
        Merger::new(&mut archive).merge(feed, vec![one(), entry("tag:a,2", None, "Two")]);
        let id = archive.records[0].article.id.clone();
        let published = Some(dateline_core::model::Timestamp::parse("2026-12-01T09:00").unwrap());
        archive.records[0].article.published = published;
        archive.records[0].article.topics = vec!["Transport".into()];
        archive.records[0].article.authors = vec!["Ana Lima".into()];
        let numbered = super::super::tombstone_of(&archive.records[0].article);
        assert!(!numbered.words.is_empty());
        assert!(numbered
            .facets
            .contains(&("author".into(), "ana-lima".into())));
        assert_eq!(
            archive.remove(std::slice::from_ref(&id)).unwrap(),
            vec![id.clone()]
        );
        assert!(archive
            .remove(&["no-such".into()])
            .unwrap_err()
            .contains("no-such"));

        let mut changed = one();
        changed.article.title = "Harbour tunnel opens to cyclists, corrected".into();
        let m = Merger::new(&mut archive).merge(feed, vec![changed]);
        assert_eq!(
            m,
            Merged {
                known: 1,
                ..Merged::default()
            }
        );
        // Another outlet's telling is not joined to a removed article.
        let mut told = one();
        told.guid = "tag:b,9".into();
        told.key = told.guid.clone();
        told.article.source_url = Some("https://b.test/9".into());
        let m = Merger::new(&mut archive).merge(other, vec![told]);
        assert_eq!(m.joined, 0);

        let record = &archive.records[0];
        assert!(record.archive.removed);
        assert_eq!(
            (record.article.id.as_str(), record.article.published),
            (id.as_str(), published)
        );
        assert!(
            record.article.title.is_empty()
                && record.article.body.is_empty()
                && record.article.source_url.is_none()
        );
        assert!(!archive.articles().iter().any(|a| a.id == id));
        // What numbers its topics and facet values stays (`Tombstone`).
        assert_eq!(archive.removed(), vec![numbered]);
        assert!(record.article.authors.is_empty() && record.article.byline.is_none());
    }

    #[test]
    fn the_same_story_in_two_feeds_is_one_article_with_both_feeds() {
        let mut archive = Archive::default();
        let mut merger = Merger::new(&mut archive);
        merger.merge(
            "https://a.test/feed",
            vec![entry(
                "1",
                Some("https://paper.test/s?utm_source=a"),
                "Story",
            )],
        );
        let m = merger.merge(
            "https://b.test/feed",
            vec![entry(
                "1",
                Some("https://paper.test/s/"),
                "Story (B's copy)",
            )],
        );
        assert_eq!(
            m,
            Merged {
                known: 1,
                ..Merged::default()
            }
        );
        assert_eq!(archive.records.len(), 1);
        assert_eq!(
            archive.records[0].archive.feeds,
            ["https://a.test/feed", "https://b.test/feed"]
        );
        assert_eq!(
            archive.records[0].article.title, "Story",
            "the first feed's text is kept"
        );
    }

    #[test]
    fn a_wire_story_another_outlet_republished_is_one_article_listing_both() {
        let wire = "The port authority closed the east pier on Tuesday after inspectors found cracks in the sea wall, \
            and ferries will use the west pier for at least a week, engineers said, adding that repairs could not wait.";
        let mut archive = Archive::default();
        let mut merger = Merger::new(&mut archive);
        let mut first = entry(
            "tag:wire,1",
            Some("https://wire.test/pier"),
            "Port shuts east pier",
        );
        first.article.body = vec![Block::paragraph(wire)];
        first.article.source = Some("The Wire".into());
        merger.merge("https://wire.test/feed", vec![first]);
        let mut copy = entry(
            "tag:paper,9",
            Some("https://paper.test/local/pier-closed"),
            "East pier closed after cracks found",
        );
        copy.article.body = vec![
            Block::paragraph(wire),
            Block::paragraph("Reporting by the wire desk."),
        ];
        copy.article.source = Some("The Paper".into());
        let m = merger.merge("https://paper.test/feed", vec![copy.clone()]);
        assert_eq!(
            m,
            Merged {
                joined: 1,
                ..Merged::default()
            }
        );
        assert_eq!(archive.records.len(), 1);
        let article = &archive.records[0].article;
        assert_eq!(
            article.title, "Port shuts east pier",
            "the first telling is kept"
        );
        assert_eq!(
            article.also,
            [Outlet {
                name: "The Paper".into(),
                url: Some("https://paper.test/local/pier-closed".into())
            }]
        );
        // The next fetch of the copy matches by its link at once, and lists it once.
        let m = Merger::new(&mut archive).merge("https://paper.test/feed", vec![copy]);
        assert_eq!(
            m,
            Merged {
                known: 1,
                ..Merged::default()
            }
        );
        assert_eq!(archive.records[0].article.also.len(), 1);
    }

    #[test]
    fn a_feeds_own_templated_posts_stay_separate_stories() {
        let template = |day: &str| {
            format!("Markets at the close on {day}: the index rose, the bond yield fell, oil was steady and \
                the currency held its ground against the dollar in quiet trading, dealers said, ahead of data.")
        };
        let mut archive = Archive::default();
        let mut merger = Merger::new(&mut archive);
        for (guid, day) in [("m-1", "Monday"), ("m-2", "Tuesday")] {
            let mut e = entry(
                guid,
                Some(&format!("https://markets.test/{guid}")),
                &format!("Markets on {day}"),
            );
            e.article.body = vec![Block::paragraph(template(day))];
            let m = merger.merge("https://markets.test/feed", vec![e]);
            assert_eq!(m.new, 1, "{day}");
        }
        assert_eq!(archive.records.len(), 2);
    }

    #[test]
    fn short_guids_mean_something_only_in_their_own_feed() {
        let mut archive = Archive::default();
        let mut merger = Merger::new(&mut archive);
        merger.merge("https://a.test/feed", vec![entry("1", None, "A's first")]);
        let m = merger.merge("https://b.test/feed", vec![entry("1", None, "B's first")]);
        assert_eq!(m.new, 1);
        assert_eq!(archive.records.len(), 2);
    }

    #[test]
    fn a_feed_that_changes_its_guids_every_fetch_does_not_flood_the_archive() {
        let mut archive = Archive::default();
        for run in 0..5 {
            let entries = (0..3)
                .map(|i| {
                    entry(
                        &format!("urn:uuid:{run}-{i}-0000-0000"),
                        Some(&format!("https://a.test/{i}")),
                        &format!("S{i}"),
                    )
                })
                .collect();
            Merger::new(&mut archive).merge("https://a.test/feed", entries);
        }
        assert_eq!(archive.records.len(), 3);
        assert!(
            archive.records.iter().all(|r| r.archive.keys.len() == 2),
            "no key added per run"
        );
    }

    #[test]
    fn one_guid_on_two_different_stories_of_one_feed_is_two_articles() {
        let mut archive = Archive::default();
        let m = Merger::new(&mut archive).merge(
            "https://blog.test/feed",
            vec![
                entry(
                    "https://blog.test/?p=1",
                    Some("https://blog.test/first"),
                    "First",
                ),
                entry(
                    "https://blog.test/?p=1",
                    Some("https://blog.test/second"),
                    "Second",
                ),
                entry(
                    "https://blog.test/?p=1",
                    Some("https://blog.test/second"),
                    "Second",
                ),
            ],
        );
        assert_eq!(m.new, 2);
        let ids: HashSet<_> = archive
            .records
            .iter()
            .map(|r| r.article.id.clone())
            .collect();
        assert_eq!(ids.len(), 2);
    }
}
