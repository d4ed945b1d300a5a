//! The article bundle: the versioned JSON the app loads (see `docs/format.md`).
//! Loading is forgiving per article and strict about the envelope: an article
//! that fails validation is skipped and reported, a bundle that is not a
//! Dateline bundle at all is an error.

pub mod blocks;
pub mod facets;
pub mod fold;
pub mod hosts;
pub mod text;
pub mod time;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

pub use blocks::{Block, Inline, ListItem, Table};
pub use time::{Date, Time, Timestamp};

/// The topic choice (in filters and URLs) for articles that have none.
pub const NO_TOPIC: &str = "none";
pub const NO_TOPIC_LABEL: &str = "No topic";

pub const FORMAT: &str = "dateline-bundle";
/// The longest title kept whole (characters); longer ones are cut at a word
/// and kept whole as the body's first paragraph. A 10 MB title once took the
/// list 4.9 s to show.
pub const MAX_TITLE_CHARS: usize = 300;
/// The most body blocks an article may have; one with more is refused
/// (skipped and reported) rather than shipped to a reader's phone.
pub const MAX_BLOCKS: usize = 200_000;
/// Version 2 added rich blocks and the article metadata after `source_url`;
/// a version 1 bundle is a valid version 2 bundle.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Article {
    /// URL-safe and unique within the bundle: the article lives at `/article/<id>`.
    pub id: String,
    pub title: String,
    /// The source printed no headline; the importer wrote this one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_derived: bool,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Timestamp>,
    /// The source printed no date; `published` was inferred (e.g. from photo captions).
    #[serde(default, skip_serializing_if = "is_false")]
    pub published_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Each author's name, when the source lists them (the byline is the line as printed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: Vec<Block>,
    #[serde(default)]
    pub photos: Vec<Photo>,
    /// A contributors line such as "Associated Press writers … contributed to this report."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The article's canonical address, when known.
    #[serde(
        default,
        alias = "canonical_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub source_url: Option<String>,
    /// BCP 47 ("en", "pt-BR", "ar").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The publication's name as it calls itself ("The Guardian").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The picture that stands for the article (shown first, and in cards).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Boxed: most articles have none, and the app holds every article of
    /// the list (a Photo inline made each 60 bytes larger).
    pub lead_image: Option<Box<Photo>>,
    /// Keywords, separate from the section (`topics`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Lists an import mapped as facets (`--map facet.people=people`):
    /// facet name → values. Boxed, like the lead image: most articles
    /// have none, and the app holds every article of the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<Box<BTreeMap<String, Vec<String>>>>,
    /// Related stories, most related first: chosen by the site build
    /// (`dateline-site`, which ignores any a bundle brings) and stored with
    /// their titles, so the page shows them before the catalog arrives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Other outlets that carried the same story: the archive makes a wire
    /// story republished under other addresses one article (`dateline
    /// update`), and the page lists every source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Outlet>,
}

/// An outlet that carried a story: its name and its address for it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Outlet {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A related story: its id and headline.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub id: String,
    pub title: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Photo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default)]
    pub caption: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// In pixels, when the source gives them (the page reserves the space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

impl Photo {
    /// A URL we would not load is dropped (the caption stays): a script, or
    /// a host off the public web (`hosts`); blank fields are absent.
    pub fn clean(&mut self) {
        if self
            .url
            .as_deref()
            .is_some_and(|u| !text::is_safe_url(u) || hosts::not_public(u).is_some())
        {
            self.url = None;
        }
        drop_blank(&mut self.alt);
        drop_blank(&mut self.credit);
        if self.width == Some(0) || self.height == Some(0) {
            (self.width, self.height) = (None, None);
        }
    }
}

/// The file as written by the importer.
#[derive(Serialize, Debug)]
pub struct BundleFile<'a> {
    pub format: &'static str,
    pub version: u32,
    /// Labels for topic codes used by the articles (`"acq": "Mergers/Acquisitions"`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub topics: BTreeMap<String, String>,
    pub articles: &'a [Article],
    /// Articles removed from the archive: their places (`Tombstone`).
    #[serde(skip_serializing_if = "<[Tombstone]>::is_empty")]
    pub removed: &'a [Tombstone],
}

impl<'a> BundleFile<'a> {
    pub fn new(articles: &'a [Article]) -> Self {
        BundleFile {
            format: FORMAT,
            version: FORMAT_VERSION,
            topics: BTreeMap::new(),
            articles,
            removed: &[],
        }
    }

    /// Compact JSON with a trailing newline; the same articles give the same bytes.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string(self).expect("articles always serialize");
        json.push('\n');
        json
    }
}

/// The envelope as read: each field kept raw, so a field of the wrong kind
/// is named in the error ("its \"version\" is \"1\", not a whole number")
/// rather than reported as a bundle of the wrong shape.
#[derive(Deserialize)]
struct Envelope {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    topics: Option<serde_json::Value>,
    articles: Option<Box<RawValue>>,
    removed: Option<serde_json::Value>,
}

/// An article removed from the archive (`dateline remove`): its place in
/// the archive's order is kept, so the site's files for the articles around
/// it stay as they were (`dateline_core::data::layout`). The bundle lists
/// them under `removed`; an article with a removed id is left out.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Tombstone {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Timestamp>,
    /// Its topics and its facet values (`[facet, slug]`): both are numbered
    /// by first appearance from the oldest place on, so a removed article
    /// keeps claiming its numbers and no older catalog part is renumbered
    /// when it goes (`--keep-days` removes the oldest every day). A number
    /// no article left has is written without a name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<(String, String)>,
    /// Which words it had, as hashes (`query::search::word_digest`), never
    /// its text: the related stories of the articles after it were chosen
    /// counting them, and still are, so a removal does not move the choice
    /// of every newer article. Filled by the archive; `of` leaves it empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<u32>,
}

/// One place in the archive's order: an article (its catalog position) or
/// a removed one (its position in `Catalog::removed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Article(usize),
    Removed(usize),
}

/// The places of these articles and removed ones (both newest first), the
/// oldest first.
pub fn places_by_age(articles: &[Article], removed: &[Tombstone]) -> Vec<Place> {
    let mut newest_first = Vec::with_capacity(articles.len() + removed.len());
    let (mut i, mut r) = (0, 0);
    while i < articles.len() || r < removed.len() {
        let tombstone_first =
            r < removed.len() && (i == articles.len() || removed[r].place(&articles[i]).is_lt());
        if tombstone_first {
            newest_first.push(Place::Removed(r));
            r += 1;
        } else {
            newest_first.push(Place::Article(i));
            i += 1;
        }
    }
    newest_first.reverse();
    newest_first
}

impl Tombstone {
    /// What is kept of a removed article: its id, date, topics and facet
    /// values by slug.
    pub fn of(article: &Article) -> Tombstone {
        Tombstone {
            id: article.id.clone(),
            published: article.published,
            topics: article.topics.clone(),
            facets: facets::article_facets(article)
                .into_iter()
                .map(|(facet, label)| (facet.to_string(), text::slugify(&label)))
                .collect(),
            words: Vec::new(),
        }
    }

    /// Newest first, undated last (like `newest_first`; a removed article
    /// among others of the same second goes after them).
    pub fn place(&self, article: &Article) -> std::cmp::Ordering {
        newest_date_first(self.published, article.published).then(std::cmp::Ordering::Greater)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("The article file is not valid JSON: {0}")]
    Syntax(String),
    #[error("The article file is not a Dateline bundle: {0}")]
    NotABundle(String),
    #[error("The article file uses format version {found}, newer than this app reads (version {supported}); reload to get the latest app")]
    UnsupportedVersion { found: u32, supported: u32 },
}

/// Just the id of an item, to name it when it is skipped.
#[derive(Deserialize)]
struct IdProbe {
    id: Option<String>,
}

/// One article that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Skipped {
    /// Position in the bundle's `articles` array, counting from 1.
    pub position: usize,
    pub id: Option<String>,
    pub reason: String,
}

/// A loaded bundle: valid articles newest first, plus what was skipped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalog {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
    /// Topic slug → label: the bundle's `topics` where given, else the topic as first printed.
    pub topic_labels: BTreeMap<String, String>,
    /// Photos per article when the catalog came without them (site data parts).
    pub photo_counts: Vec<u16>,
    /// The facet values and each article's (from the bundle, or the site data).
    pub facets: facets::FacetTable,
    /// Removed articles, newest first (only the site builder reads them).
    pub removed: Vec<Tombstone>,
}

impl Catalog {
    pub fn from_json(json: &str) -> Result<Catalog, BundleError> {
        // A byte-order mark is not JSON, but editors write one: skip it.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let envelope: Envelope = serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                BundleError::NotABundle("expected an object with an \"articles\" list".into())
            } else {
                BundleError::Syntax(e.to_string())
            }
        })?;
        use serde_json::Value;
        let not_a_bundle = |what: String| Err(BundleError::NotABundle(what));
        match envelope.format {
            None => {}
            Some(Value::String(format)) if format == FORMAT => {}
            Some(format) => return not_a_bundle(format!("its \"format\" is {format}")),
        }
        let version = match envelope.version {
            None => FORMAT_VERSION,
            Some(Value::Number(n)) => match n.as_u64().and_then(|v| u32::try_from(v).ok()) {
                Some(v) => v,
                None => {
                    return not_a_bundle(format!(
                        "its \"version\" is {n}, not a whole number from 0"
                    ))
                }
            },
            Some(v) => return not_a_bundle(format!("its \"version\" is {v}, not a number")),
        };
        if version > FORMAT_VERSION {
            return Err(BundleError::UnsupportedVersion {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let Some(raw) = envelope.articles else {
            return not_a_bundle("it has no \"articles\" list".into());
        };
        let Ok(items) = serde_json::from_str::<Vec<Box<RawValue>>>(raw.get()) else {
            return not_a_bundle("its \"articles\" is not a list".into());
        };
        let topics: BTreeMap<String, String> = match envelope.topics {
            None | Some(Value::Null) => BTreeMap::new(),
            Some(topics) => match serde_json::from_value(topics) {
                Ok(topics) => topics,
                Err(_) => return not_a_bundle("its \"topics\" is not an object of labels".into()),
            },
        };
        let removed: Vec<Tombstone> = match envelope.removed {
            None | Some(Value::Null) => Vec::new(),
            Some(list) => match serde_json::from_value(list) {
                Ok(list) => list,
                Err(_) => {
                    return not_a_bundle(
                        "its \"removed\" is not a list of {\"id\", \"published\"}".into(),
                    )
                }
            },
        };
        let mut catalog = Catalog::from_items(items);
        catalog.set_removed(removed);
        for (code, label) in topics {
            catalog.topic_labels.insert(text::slugify(&code), label);
        }
        Ok(catalog)
    }

    /// Each item is parsed on its own (from its raw JSON), so one bad item
    /// costs only itself.
    fn from_items(items: Vec<Box<RawValue>>) -> Catalog {
        let mut catalog = Catalog::default();
        let mut seen = std::collections::HashSet::new();
        for (index, item) in items.into_iter().enumerate() {
            let id = serde_json::from_str::<IdProbe>(item.get())
                .ok()
                .and_then(|p| p.id);
            let skip = |reason: String| Skipped {
                position: index + 1,
                id: id.clone(),
                reason,
            };
            let article = match serde_json::from_str::<Article>(item.get()) {
                Ok(article) => article,
                Err(e) => {
                    catalog.skipped.push(skip(e.to_string()));
                    continue;
                }
            };
            match article.validated() {
                Ok(article) if seen.insert(article.id.clone()) => catalog.articles.push(article),
                Ok(article) => catalog
                    .skipped
                    .push(skip(format!("duplicate id {:?}", article.id))),
                Err(reason) => catalog.skipped.push(skip(reason)),
            }
        }
        catalog.articles.sort_by(newest_first);
        catalog.facets = facets::FacetTable::new(&catalog.articles, &[]);
        for topic in catalog.articles.iter().flat_map(|a| &a.topics) {
            if !catalog.topic_labels.contains_key(topic.as_str()) {
                catalog
                    .topic_labels
                    .entry(text::slugify(topic))
                    .or_insert_with(|| topic.clone());
            }
        }
        catalog
    }

    /// Takes the removed articles: an article with a removed id is left
    /// out (it was removed), and they are kept newest first.
    pub fn set_removed(&mut self, mut removed: Vec<Tombstone>) {
        let ids: std::collections::HashSet<&str> = removed.iter().map(|t| t.id.as_str()).collect();
        let before = self.articles.len();
        self.articles.retain(|a| !ids.contains(a.id.as_str()));
        removed.sort_by(|a, b| {
            newest_date_first(a.published, b.published).then_with(|| a.id.cmp(&b.id))
        });
        let mut seen = std::collections::HashSet::new();
        removed.retain(|t| seen.insert(t.id.clone()));
        if before != self.articles.len() || !removed.is_empty() || !self.removed.is_empty() {
            self.facets = facets::FacetTable::new(&self.articles, &removed);
        }
        self.removed = removed;
    }

    pub fn photo_count(&self, i: usize) -> usize {
        self.photo_counts
            .get(i)
            .map_or_else(|| self.articles[i].photos.len(), |&n| usize::from(n))
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// How a topic is shown, given its name as printed or its slug: the
    /// bundle's label ("acq" → "Mergers/Acquisitions"), else the label the
    /// articles gave it ("nba" → "NBA"), "No topic" for `NO_TOPIC`, else as given.
    pub fn topic_label<'a>(&'a self, topic: &'a str) -> &'a str {
        let slug = text::slugify(topic);
        match self.topic_labels.get(&slug) {
            Some(label) => label,
            None if topic == NO_TOPIC => NO_TOPIC_LABEL,
            None => topic,
        }
    }
}

/// Dates newest first, undated last: the catalog's order (articles and
/// removed ones alike).
fn newest_date_first(a: Option<Timestamp>, b: Option<Timestamp>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Newest first; undated articles last, in title order.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    newest_date_first(a.published, b.published)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.id.cmp(&b.id))
}

impl Article {
    /// Checks what serde cannot and cleans what can be cleaned without losing
    /// text: what loading a bundle does to each article, and what the
    /// importer does before writing one, so it never writes what its own
    /// loader would reject.
    pub fn validated(mut self) -> Result<Article, String> {
        if !text::is_valid_id(&self.id) {
            return Err(format!(
                "id {:?} is not a URL-safe name (letters, digits, '-', '_', '.')",
                self.id
            ));
        }
        self.title = text::collapse_whitespace(&self.title);
        if self.title.is_empty() {
            return Err("title is empty".into());
        }
        if self.body.len() > MAX_BLOCKS {
            return Err(format!(
                "{} body blocks, more than the {MAX_BLOCKS} an article may have",
                self.body.len()
            ));
        }
        // A title past the limit is cut at a word for the list and the page;
        // the whole of it opens the body, so nothing is lost.
        if self.title.chars().count() > MAX_TITLE_CHARS {
            let whole = std::mem::take(&mut self.title);
            self.title = text::truncate_words(&whole, MAX_TITLE_CHARS);
            self.body.insert(0, Block::paragraph(whole));
        }
        self.topics.retain(|t| !text::slugify(t).is_empty());
        self.body = blocks::clean_blocks(std::mem::take(&mut self.body));
        for photo in self.photos.iter_mut().chain(self.lead_image.as_deref_mut()) {
            photo.clean();
        }
        if self
            .lead_image
            .as_ref()
            .is_some_and(|p| p.url.is_none() && p.caption.trim().is_empty())
        {
            self.lead_image = None;
        }
        for field in [
            &mut self.dateline,
            &mut self.source,
            &mut self.byline,
            &mut self.credit,
            &mut self.site_name,
        ] {
            drop_blank(field);
        }
        if self
            .language
            .as_deref()
            .is_some_and(|l| !text::is_language_tag(l))
        {
            self.language = None;
        }
        for list in [&mut self.authors, &mut self.tags] {
            list.retain(|s| !s.trim().is_empty());
        }
        if self
            .source_url
            .as_deref()
            .is_some_and(|u| !text::is_safe_url(u))
        {
            self.source_url = None;
        }
        self.also.retain(|o| !o.name.trim().is_empty());
        for outlet in &mut self.also {
            outlet.url = outlet.url.take().filter(|u| text::is_safe_url(u));
        }
        if self.summary.trim().is_empty() {
            let summary = self
                .body
                .iter()
                .find(|b| matches!(b, Block::Paragraph { .. }))
                .map(|p| text::summarize(&p.text()))
                .unwrap_or_default();
            self.summary = summary;
        }
        Ok(self)
    }

    /// The plain (v1) paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|b| match b {
            Block::Paragraph { text, spans } if spans.is_empty() => Some(text.as_str()),
            _ => None,
        })
    }

    /// "Updated 03:40" when updated the same day, else with the date.
    pub fn updated_label(&self) -> Option<String> {
        let updated = self.updated?;
        let time = updated.time.map(|t| t.hm());
        let same_day = self.published.is_some_and(|p| p.date == updated.date);
        Some(match (same_day, time) {
            (true, Some(t)) => format!("Updated {t}"),
            (_, Some(t)) => format!("Updated {}, {t}", updated.date.short()),
            (_, None) => format!("Updated {}", updated.date.short()),
        })
    }
}

/// A blank optional field says nothing: it is absent.
fn drop_blank(field: &mut Option<String>) {
    if field.as_deref().is_some_and(|s| s.trim().is_empty()) {
        *field = None;
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(articles: &str) -> String {
        format!(r#"{{"format":"dateline-bundle","version":1,"articles":[{articles}]}}"#)
    }

    #[test]
    fn loads_minimal_articles_and_sorts_newest_first() {
        let json = bundle(
            r#"{"id":"old","title":"Old","published":"2020-01-01"},
               {"id":"undated","title":"Undated"},
               {"id":"new","title":"New","published":"2025-09-04T03:38","body":[{"type":"paragraph","text":"First one. Second."}]}"#,
        );
        let catalog = Catalog::from_json(&json).unwrap();
        let ids: Vec<_> = catalog.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["new", "old", "undated"]);
        assert!(catalog.skipped.is_empty());
        assert_eq!(catalog.article("new").unwrap().summary, "First one.");
    }

    #[test]
    fn skips_and_reports_bad_items_but_keeps_the_rest() {
        let json = bundle(
            r#"{"id":"ok","title":"Fine"},
               {"id":"no-title"},
               {"id":"blank","title":"   "},
               {"id":"bad-date","title":"T","published":"last Tuesday"},
               {"id":"../etc","title":"T"},
               {"id":"ok","title":"Duplicate"},
               42"#,
        );
        let catalog = Catalog::from_json(&json).unwrap();
        assert_eq!(catalog.articles.len(), 1);
        assert_eq!(catalog.articles[0].title, "Fine");
        let positions: Vec<_> = catalog.skipped.iter().map(|s| s.position).collect();
        assert_eq!(positions, [2, 3, 4, 5, 6, 7]);
        assert!(
            catalog.skipped[0].reason.contains("title"),
            "{:?}",
            catalog.skipped[0]
        );
        assert!(catalog.skipped[2].reason.contains("last Tuesday"));
        assert!(catalog.skipped[4].reason.contains("duplicate"));
    }

    #[test]
    fn ignores_unknown_fields_and_block_types() {
        let json = r#"{"format":"dateline-bundle","version":1,"generator":"x","articles":[
            {"id":"a","title":"A","mood":"sunny","body":[{"type":"video","src":"x"},{"type":"paragraph","text":"Hi."}]}]}"#;
        let catalog = Catalog::from_json(json).unwrap();
        assert_eq!(catalog.articles[0].body, [Block::paragraph("Hi.")]);
    }

    #[test]
    fn neutralises_unsafe_urls_without_losing_text() {
        let json = bundle(
            r#"{"id":"a","title":"A","source_url":"javascript:alert(1)",
                "body":[{"type":"link","text":"Click","href":"javascript:alert(1)"}],
                "photos":[{"url":"data:text/html,x","caption":"A cat"}]}"#,
        );
        let a = &Catalog::from_json(&json).unwrap().articles[0];
        assert_eq!(a.body, [Block::paragraph("Click")]);
        assert_eq!(a.photos[0].url, None);
        assert_eq!(a.photos[0].caption, "A cat");
        assert_eq!(a.source_url, None);
    }

    #[test]
    fn envelope_errors_are_clear() {
        assert!(matches!(
            Catalog::from_json("{not json"),
            Err(BundleError::Syntax(_))
        ));
        assert!(matches!(
            Catalog::from_json("[1,2]"),
            Err(BundleError::NotABundle(_))
        ));
        assert!(matches!(
            Catalog::from_json(r#"{"version":1}"#),
            Err(BundleError::NotABundle(_))
        ));
        assert!(matches!(
            Catalog::from_json(r#"{"format":"rss","articles":[]}"#),
            Err(BundleError::NotABundle(_))
        ));
        assert_eq!(
            Catalog::from_json(r#"{"format":"dateline-bundle","version":7,"articles":[]}"#),
            Err(BundleError::UnsupportedVersion {
                found: 7,
                supported: FORMAT_VERSION
            })
        );
    }

    #[test]
    fn filters_by_topic_slug_and_labels_topics() {
        let json = bundle(
            r#"{"id":"a","title":"A","topics":["NBA"]},{"id":"b","title":"B","topics":["News","Sports News"]},{"id":"c","title":"C"}"#,
        );
        let catalog = Catalog::from_json(&json).unwrap();
        let engine = crate::query::Engine::new(&catalog);
        let ids = |slugs: &[String]| {
            let view = crate::query::View {
                topics: slugs.to_vec(),
                ..Default::default()
            };
            let hits = engine.run(&catalog, &view).hits;
            hits.iter()
                .map(|&i| catalog.articles[i as usize].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&["nba".into()]), ["a"]);
        assert_eq!(ids(&["nba".into(), "sports-news".into()]), ["a", "b"]);
        assert_eq!(ids(&[]).len(), 3);
        assert_eq!(catalog.topic_label("sports-news"), "Sports News");
        assert_eq!(catalog.topic_label("Sports News"), "Sports News");
        assert_eq!(catalog.topic_label("weather"), "weather");
        assert_eq!(catalog.topic_label(NO_TOPIC), "No topic");
    }

    #[test]
    fn update_label_says_only_what_changed() {
        let mut a: Article = serde_json::from_str(
            r#"{"id":"a","title":"A","published":"2025-09-04T03:38","updated":"2025-09-04T03:40"}"#,
        )
        .unwrap();
        assert_eq!(a.updated_label().unwrap(), "Updated 03:40");
        a.updated = Some(Timestamp::parse("2025-09-05T01:00").unwrap());
        assert_eq!(a.updated_label().unwrap(), "Updated 5 Sep 2025, 01:00");
    }

    /// A version 1 bundle (paragraphs with `text`, link blocks, photos) loads
    /// exactly as it did, and written again as version 2 loads the same.
    #[test]
    fn version_1_bundles_load_unchanged() {
        let json = r#"{"format":"dateline-bundle","version":1,"articles":[
            {"id":"a","title":"A","source_url":"https://x.test/a","body":[
              {"type":"paragraph","text":"One."},{"type":"link","text":"AP NBA","href":"https://apnews.com/NBA"}],
             "photos":[{"alt":"Alt","caption":"Cap","credit":"AP"}]}]}"#;
        let catalog = Catalog::from_json(json).unwrap();
        let a = &catalog.articles[0];
        assert_eq!(
            a.body,
            [
                Block::paragraph("One."),
                Block::Link {
                    text: "AP NBA".into(),
                    href: "https://apnews.com/NBA".into()
                }
            ]
        );
        assert_eq!(a.paragraphs().collect::<Vec<_>>(), ["One."]);
        assert_eq!(a.photos[0].caption, "Cap");
        assert_eq!(a.source_url.as_deref(), Some("https://x.test/a"));
        let written = BundleFile::new(&catalog.articles).to_json();
        assert!(written.contains(r#""version":2"#));
        assert!(
            written.contains(r#"{"type":"paragraph","text":"One."}"#),
            "{written}"
        );
        assert_eq!(Catalog::from_json(&written).unwrap(), catalog);
    }

    #[test]
    fn bundle_file_round_trips() {
        let json = bundle(
            r#"{"id":"a","title":"A","title_derived":true,"topics":["X"],"published":"2026-01-15","published_inferred":true}"#,
        );
        let catalog = Catalog::from_json(&json).unwrap();
        let again = Catalog::from_json(&BundleFile::new(&catalog.articles).to_json()).unwrap();
        assert_eq!(catalog, again);
    }
}
