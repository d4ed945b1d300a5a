//! Feeds to articles: RSS 0.9x/1.0/2.0, Atom and JSON Feed 1.0/1.1, parsed
//! by `feed-rs`, one article per entry. Entry content that is HTML goes
//! through the same conversion and allowlist as a saved page.
//!
//! Dates: feed-rs gives every date as an instant in UTC (the offset the feed
//! printed is not kept), so feed articles carry their dates in UTC, written
//! with `Z` (docs/format.md says so).

use std::collections::HashSet;

use feed_rs::model::{Entry, Feed, MediaObject, Text};
use url::Url;

use super::feed_repair::{repair_json, repair_xml};
use super::html::{fragment_blocks, resolve_link, Media};
use dateline_core::data::fnv1a;
use dateline_core::model::text::{collapse_whitespace, derive_title, slugify};
use dateline_core::model::{Article, Block, Date, Photo, Time, Timestamp};

/// One entry of a feed: its article and the id the feed gave it (its
/// `guid` or Atom `id`, empty when it gave none).
#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub article: Article,
    pub guid: String,
    /// What identifies it within one run: its guid, else its first link as written.
    pub key: String,
}

/// A feed file's entries, in the feed's order, with what was noticed.
pub fn read_feed(
    bytes: &[u8],
    base_url: Option<&str>,
    media: &mut Media,
) -> Result<(Vec<FeedEntry>, Vec<String>), String> {
    let parse = |bytes: &[u8]| {
        feed_rs::parser::Builder::new()
            .base_uri(base_url)
            .build()
            .parse(bytes)
    };
    let mut notes = Vec::new();
    // Read with no entries (Atom 0.3's namespace hides them) is refused too.
    let parsed = parse(bytes).and_then(|feed| {
        if feed.entries.is_empty() && repair_xml(bytes).is_some() {
            Err(feed_rs::parser::ParseFeedError::ParseError(
                feed_rs::parser::ParseErrorKind::NoFeedRoot,
            ))
        } else {
            Ok(feed)
        }
    });
    let feed = match parsed {
        Ok(feed) => feed,
        Err(e) => {
            // Refused as it came: read it as tolerant readers do, and say how.
            let json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            let repaired = if json {
                repair_json(bytes)
            } else {
                repair_xml(bytes)
            };
            let Some(repaired) = repaired else {
                return Err(format!("not a feed that can be read ({e}); skipped"));
            };
            let feed = parse(&repaired.bytes).map_err(|e| {
                format!("not a feed that can be read, even repaired ({e}); skipped")
            })?;
            notes.push(format!("repaired: {}", repaired.repairs.join("; ")));
            feed
        }
    };
    let source = feed.title.as_ref().map(plain).filter(|t| !t.is_empty());
    let feed_link = feed.links.first().and_then(|l| Url::parse(&l.href).ok());
    let entries: Vec<FeedEntry> = feed
        .entries
        .iter()
        .map(|entry| FeedEntry {
            article: entry_article(
                entry,
                fnv1a(entry_key(entry).as_bytes()),
                &feed,
                source.clone(),
                feed_link.as_ref(),
                media,
            ),
            guid: entry.id.clone(),
            key: entry_key(entry),
        })
        .collect();
    if entries.is_empty() {
        return Err("a feed with no entries; skipped".into());
    }
    Ok((entries, notes))
}

/// The articles of one feed file, or why it has none. `seen` holds the
/// entries already taken in this run: the same entry in two feeds is one article.
pub fn import_feed(
    bytes: &[u8],
    base_url: Option<&str>,
    seen: &mut HashSet<u64>,
    media: &mut Media,
) -> Result<(Vec<Article>, Vec<String>), String> {
    let (entries, mut notes) = read_feed(bytes, base_url, media)?;
    let mut articles = Vec::new();
    let mut repeats = 0;
    // One id on two entries of this feed with other links or other text is
    // two stories (a real blog feed gave 50 items three ids): keyed apart.
    let mut in_this_feed: std::collections::HashMap<String, (Option<String>, u64)> =
        Default::default();
    let mut other_stories = 0;
    for entry in entries {
        let text: String = std::iter::once(entry.article.title.clone())
            .chain(entry.article.body.iter().map(Block::text))
            .collect();
        let told = (entry.article.source_url.clone(), fnv1a(text.as_bytes()));
        let mut key = entry.key.clone();
        match in_this_feed.get(&entry.key) {
            Some(first) if *first != told => {
                other_stories += 1;
                key = format!("{key}\n{}\n{:x}", told.0.as_deref().unwrap_or(""), told.1);
            }
            Some(_) => {}
            None => {
                in_this_feed.insert(entry.key.clone(), told);
            }
        }
        if !seen.insert(fnv1a(key.as_bytes())) {
            repeats += 1;
            continue;
        }
        articles.push(entry.article);
    }
    if repeats > 0 {
        notes.push(format!(
            "{repeats} entry(ies) already imported (from another feed, or repeated in this one); kept once"
        ));
    }
    if other_stories > 0 {
        notes.push(format!(
            "{other_stories} entry(ies) share an id with another entry of this feed but tell another story: kept as articles of their own"
        ));
    }
    if articles.is_empty() {
        return Err("a feed with no entries; skipped".into());
    }
    Ok((articles, notes))
}

/// What identifies an entry across feeds: its id or guid, else its link.
fn entry_key(entry: &Entry) -> String {
    let link = entry.links.first().map(|l| l.href.as_str()).unwrap_or("");
    if entry.id.is_empty() {
        link.to_string()
    } else {
        entry.id.clone()
    }
}

fn entry_article(
    entry: &Entry,
    key: u64,
    feed: &Feed,
    source: Option<String>,
    feed_link: Option<&Url>,
    media: &mut Media,
) -> Article {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first());
    let base = link
        .and_then(|l| Url::parse(&l.href).ok())
        .or_else(|| feed_link.cloned());
    let mut body = match (&entry.content, &entry.summary) {
        (Some(content), _)
            if content
                .body
                .as_deref()
                .is_some_and(|b| !b.trim().is_empty()) =>
        {
            let text = content.body.as_deref().unwrap_or("");
            let kind = content.content_type.essence().to_string();
            if kind.contains("html") || kind.contains("xml") {
                fragment_blocks(text, base.as_ref(), media)
            } else {
                paragraphs(text)
            }
        }
        (_, Some(summary)) => text_blocks(summary, base.as_ref(), media),
        _ => Vec::new(),
    };
    body.extend(entry.media.iter().flat_map(|m| photos(m, base.as_ref())));
    let mut title = entry.title.as_ref().map(plain).unwrap_or_default();
    let title_derived = title.is_empty();
    if title_derived {
        let first = body
            .iter()
            .map(|b| b.text())
            .find(|t| !t.trim().is_empty())
            .unwrap_or_default();
        title = derive_title(&first);
    }
    let authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(collapse_whitespace))
        // RSS writes "email (Name)"; the name alone is the byline.
        .map(|n| {
            n.trim_start_matches('(')
                .trim_end_matches(')')
                .trim()
                .to_string()
        })
        .filter(|n| !n.is_empty())
        .collect();
    let topics: Vec<String> = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .map(|t| collapse_whitespace(&t))
        .filter(|t| !slugify(t).is_empty())
        .collect();
    let summary = entry
        .summary
        .as_ref()
        .map(plain)
        .map(|s| dateline_core::model::text::truncate_words(&s, 300))
        .unwrap_or_default();
    let slug: String = slugify(&title).chars().take(60).collect();
    let slug = slug.trim_end_matches('-');
    Article {
        id: format!(
            "{}{}{:08x}",
            slug,
            if slug.is_empty() { "" } else { "-" },
            key as u32
        ),
        title,
        title_derived,
        topics,
        published: entry.published.or(entry.updated).and_then(utc),
        updated: entry
            .updated
            .filter(|u| Some(*u) != entry.published)
            .and_then(utc),
        source,
        byline: (!authors.is_empty()).then(|| format!("By {}", authors.join(", "))),
        authors,
        summary,
        body,
        source_url: link.and_then(|l| resolve_link(&l.href, None)),
        language: feed.language.clone(),
        ..Article::default()
    }
}

/// An instant as a timestamp in UTC; none for a year outside 1–9999 (the
/// entry is left undated rather than dated wrongly).
fn utc(t: chrono::DateTime<chrono::Utc>) -> Option<Timestamp> {
    use chrono::{Datelike, Timelike};
    let year = u16::try_from(t.year()).ok()?;
    Some(Timestamp {
        date: Date::new(year, t.month() as u8, t.day() as u8)?,
        time: Some(Time::new(
            t.hour() as u8,
            t.minute() as u8,
            Some(t.second() as u8),
        )?),
        offset_minutes: Some(0),
    })
}

/// Text as a reader sees it: HTML reduced to its words.
fn plain(text: &Text) -> String {
    let kind = text.content_type.essence().to_string();
    if kind.contains("html") || looks_like_markup(&text.content) {
        plain_of_html(&text.content)
    } else {
        collapse_whitespace(&text.content)
    }
}

/// The words of an HTML fragment as a reader sees them: what scripts,
/// styles and other non-content elements hold is no text (an entry's
/// summary once read "… plenty of words to keep.steal()").
pub fn plain_of_html(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    doc.select("script, style, noscript, template, iframe, object, embed, svg, math, head, title")
        .remove();
    collapse_whitespace(&doc.root().text())
}

/// Text declared plain that holds tags (RSS titles often carry escaped
/// HTML: "Safe &lt;b&gt;bold&lt;/b&gt;"): read as HTML, as feed readers do.
/// Only known tag names count, so "a < b" and "x<y" stay text.
fn looks_like_markup(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "script", "style", "p", "b", "i", "u", "em", "strong", "a", "span", "br", "img", "div",
        "font", "small", "sup", "sub", "iframe", "svg", "object", "code",
    ];
    text.match_indices('<').any(|(at, _)| {
        let rest = text[at + 1..].trim_start_matches('/');
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let (name, after) = rest.split_at(name_len);
        TAGS.iter().any(|t| name.eq_ignore_ascii_case(t))
            && after.starts_with([' ', '>', '/', '\t', '\n'])
    })
}

fn text_blocks(text: &Text, base: Option<&Url>, media: &mut Media) -> Vec<Block> {
    if text.content_type.essence().to_string().contains("html") || looks_like_html(&text.content) {
        fragment_blocks(&text.content, base, media)
    } else {
        paragraphs(&text.content)
    }
}

/// RSS descriptions are often HTML declared as text.
fn looks_like_html(text: &str) -> bool {
    ["<p", "<br", "<a ", "<div", "<img", "<em", "<strong"]
        .iter()
        .any(|t| text.contains(t))
}

/// Plain text: a paragraph per blank-line-separated run.
fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(collapse_whitespace)
        .filter(|p| !p.is_empty())
        .map(Block::paragraph)
        .collect()
}

/// Pictures of an entry's media (enclosures, `media:content`,
/// `media:thumbnail`, `media:group`, JSON Feed image and attachments).
fn photos(m: &MediaObject, base: Option<&Url>) -> Vec<Block> {
    let caption = m
        .description
        .as_ref()
        .or(m.title.as_ref())
        .map(plain)
        .unwrap_or_default();
    let credit = m
        .credits
        .iter()
        .map(|c| collapse_whitespace(&c.entity))
        .find(|c| !c.is_empty());
    let image = |url: &str| resolve_link(url, base).filter(|u| u.starts_with("http"));
    let mut out: Vec<Block> = m
        .content
        .iter()
        .filter(|c| {
            c.content_type
                .as_ref()
                .is_none_or(|t| t.essence().to_string().starts_with("image/"))
        })
        .filter_map(|c| {
            let url = image(c.url.as_ref()?.as_str())?;
            Some(Block::Figure(Photo {
                url: Some(url),
                alt: None,
                caption: caption.clone(),
                credit: credit.clone(),
                width: c.width.filter(|_| c.height.is_some()),
                height: c.height.filter(|_| c.width.is_some()),
            }))
        })
        .collect();
    if out.is_empty() {
        if let Some(t) = m.thumbnails.first() {
            if let Some(url) = image(&t.image.uri) {
                out.push(Block::Figure(Photo {
                    url: Some(url),
                    alt: None,
                    caption,
                    credit,
                    width: t.image.width.filter(|_| t.image.height.is_some()),
                    height: t.image.height.filter(|_| t.image.width.is_some()),
                }));
            }
        }
    }
    out
}
