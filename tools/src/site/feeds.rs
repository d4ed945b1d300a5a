//! The site's own feeds: `feed.xml` (Atom 1.0, RFC 4287) and `feed.json`
//! (JSON Feed 1.1) of the newest articles, so a reader can subscribe to a
//! Dateline archive. Links are absolute (feed readers fetch them outside
//! the site), so they need the address the site is served from
//! (`super::address`).

use super::address::{page_url, xml};
use dateline_core::model::text::slugify;
use dateline_core::model::{Article, Catalog, Timestamp};

/// How many articles the feeds carry (the newest).
pub const FEED_ARTICLES: usize = 50;
pub const ATOM_FILE: &str = "feed.xml";
pub const JSON_FILE: &str = "feed.json";
const TITLE: &str = "Dateline";

/// An RFC 3339 date-time as both feed formats want it: a date alone is
/// midnight, a time without an offset is taken as UTC.
fn rfc3339(at: &Timestamp) -> String {
    let (hour, minute, second) = at
        .time
        .map_or((0, 0, 0), |t| (t.hour, t.minute, t.second.unwrap_or(0)));
    let offset = match at.offset_minutes.unwrap_or(0) {
        0 => "Z".to_string(),
        off => {
            let sign = if off < 0 { '-' } else { '+' };
            let off = off.unsigned_abs();
            format!("{sign}{:02}:{:02}", off / 60, off % 60)
        }
    };
    format!(
        "{}T{hour:02}:{minute:02}:{second:02}{offset}",
        at.date.iso()
    )
}

/// One article as the feeds give it.
struct Entry<'a> {
    article: &'a Article,
    url: String,
    /// Published (or updated) time; for an undated article the feed's own.
    when: String,
    updated: String,
    text: String,
    /// Topic slugs and labels.
    topics: Vec<(String, &'a str)>,
}

fn authors(article: &Article) -> Vec<&str> {
    if !article.authors.is_empty() {
        return article.authors.iter().map(String::as_str).collect();
    }
    article
        .byline
        .as_deref()
        .map(|b| b.trim())
        .filter(|b| !b.is_empty())
        .into_iter()
        .collect()
}

fn entries<'a>(catalog: &'a Catalog, site: &str, feed_updated: &str) -> Vec<Entry<'a>> {
    catalog
        .articles
        .iter()
        .take(FEED_ARTICLES)
        .map(|article| {
            let when = article
                .published
                .or(article.updated)
                .map_or_else(|| feed_updated.to_string(), |t| rfc3339(&t));
            let updated = article
                .updated
                .map_or_else(|| when.clone(), |t| rfc3339(&t));
            let text = article
                .body
                .iter()
                .map(|b| b.text())
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            let topics = article
                .topics
                .iter()
                .map(|t| (slugify(t), catalog.topic_label(t)))
                .collect();
            Entry {
                article,
                url: page_url(site, &article.id),
                when,
                updated,
                text,
                topics,
            }
        })
        .collect()
}

/// The newest date in the archive (its articles are newest first), or the
/// Unix epoch for an archive without dates: never the build's clock, so the
/// same content builds the same feeds.
fn feed_updated(catalog: &Catalog) -> String {
    catalog
        .articles
        .iter()
        .flat_map(|a| [a.published, a.updated])
        .flatten()
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |t| rfc3339(&t))
}

/// `feed.xml`: Atom 1.0.
pub fn atom(catalog: &Catalog, site: &str) -> String {
    let updated = feed_updated(catalog);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    out += &format!("  <title>{TITLE}</title>\n  <id>{}</id>\n", xml(site));
    out += &format!("  <updated>{updated}</updated>\n");
    out += &format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&format!("{site}{ATOM_FILE}"))
    );
    out += &format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(site)
    );
    // Atom wants an author for every entry; articles without one take the feed's.
    out += &format!("  <author><name>{TITLE}</name></author>\n  <generator>Dateline</generator>\n");
    for entry in entries(catalog, site, &updated) {
        let article = entry.article;
        out += "  <entry>\n";
        out += &format!("    <title>{}</title>\n", xml(&article.title));
        out += &format!("    <id>{}</id>\n", xml(&entry.url));
        out += &format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&entry.url)
        );
        out += &format!("    <published>{}</published>\n", entry.when);
        out += &format!("    <updated>{}</updated>\n", entry.updated);
        for name in authors(article) {
            out += &format!("    <author><name>{}</name></author>\n", xml(name));
        }
        for (slug, label) in &entry.topics {
            out += &format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml(slug),
                xml(label)
            );
        }
        if !article.summary.trim().is_empty() {
            out += &format!(
                "    <summary type=\"text\">{}</summary>\n",
                xml(&article.summary)
            );
        }
        out += &format!(
            "    <content type=\"text\">{}</content>\n",
            xml(&entry.text)
        );
        out += "  </entry>\n";
    }
    out + "</feed>\n"
}

/// `feed.json`: JSON Feed 1.1.
pub fn json(catalog: &Catalog, site: &str) -> String {
    let updated = feed_updated(catalog);
    let items: Vec<serde_json::Value> = entries(catalog, site, &updated)
        .into_iter()
        .map(|entry| {
            let article = entry.article;
            let mut item = serde_json::json!({
                "id": entry.url,
                "url": entry.url,
                "title": article.title,
                "content_text": entry.text,
                "date_published": entry.when,
                "date_modified": entry.updated,
            });
            if !article.summary.trim().is_empty() {
                item["summary"] = article.summary.clone().into();
            }
            let authors: Vec<serde_json::Value> = authors(article)
                .into_iter()
                .map(|name| serde_json::json!({ "name": name }))
                .collect();
            if !authors.is_empty() {
                item["authors"] = authors.into();
            }
            if !entry.topics.is_empty() {
                let tags: Vec<&str> = entry.topics.iter().map(|(_, label)| *label).collect();
                item["tags"] = tags.into();
            }
            if let Some(image) = article
                .photos
                .iter()
                .find_map(|p| image_url(p.url.as_deref()?, site))
            {
                item["image"] = image.into();
            }
            item
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": TITLE,
        "home_page_url": site,
        "feed_url": format!("{site}{JSON_FILE}"),
        "authors": [{ "name": TITLE }],
        "items": items,
    });
    serde_json::to_string_pretty(&feed).expect("serializes") + "\n"
}

/// A photo's address for a feed: absolute web addresses as they are, the
/// site's own pictures (`media/…`) under the site; anything else (data:,
/// javascript:, other schemes) is left out.
fn image_url(url: &str, site: &str) -> Option<String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        return Some(url.to_string());
    }
    let local = url.trim_start_matches("./");
    (local.starts_with("media/") && !local.contains("..")).then(|| format!("{site}{local}"))
}

/// The `<link rel="alternate">` tags naming the feeds, for every page's head.
pub fn head_links() -> String {
    format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{TITLE} (Atom)\" href=\"{ATOM_FILE}\">\
         <link rel=\"alternate\" type=\"application/feed+json\" title=\"{TITLE} (JSON Feed)\" href=\"{JSON_FILE}\">"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::BundleFile;

    fn catalog(count: usize) -> Catalog {
        let articles: Vec<Article> = (0..count)
            .map(|i| {
                serde_json::from_value(serde_json::json!({
                    "id": format!("story-{i:03}"),
                    "title": format!("Story {i} <b>&amp; \"quoted\"</b>"),
                    "published": format!("2024-03-{:02}T{:02}:30:00+02:00", 1 + i % 28, i % 24),
                    "topics": ["Oil & Gas"],
                    "authors": if i % 2 == 0 { serde_json::json!(["Ann Lee"]) } else { serde_json::json!([]) },
                    "summary": format!("Summary {i}"),
                    "body": [{"type": "paragraph", "text": format!("Body of {i}\u{0}\u{1b} <script>alert(1)</script>")}],
                    "photos": [{"url": "media/p.jpg"}, {"url": "javascript:alert(1)"}],
                }))
                .unwrap()
            })
            .collect();
        Catalog::from_json(&BundleFile::new(&articles).to_json()).unwrap()
    }

    const SITE: &str = "https://example.org/dateline/";

    #[test]
    fn atom_parses_back_with_the_newest_fifty_and_their_facts() {
        let catalog = catalog(60);
        let text = atom(&catalog, SITE);
        let feed = feed_rs::parser::parse(text.as_bytes()).expect("valid Atom");
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.entries.len(), FEED_ARTICLES);
        assert!(feed
            .links
            .iter()
            .any(|l| l.href == format!("{SITE}feed.xml") && l.rel.as_deref() == Some("self")));
        for (entry, article) in feed.entries.iter().zip(&catalog.articles) {
            let url = format!("{SITE}article/{}/", article.id);
            assert_eq!(entry.id, url);
            assert_eq!(entry.links[0].href, url);
            assert_eq!(entry.title.as_ref().unwrap().content, article.title);
            let published = entry.published.unwrap();
            let expected = article.published.unwrap();
            let written = chrono::DateTime::parse_from_rfc3339(&rfc3339(&expected)).unwrap();
            assert_eq!(published, written, "the same instant");
            assert_eq!(
                written.offset().local_minus_utc(),
                2 * 3600,
                "the offset kept"
            );
            assert_eq!(entry.categories[0].term, "oil-gas");
            assert_eq!(entry.categories[0].label.as_deref(), Some("Oil & Gas"));
            let body = entry.content.as_ref().unwrap().body.as_deref().unwrap();
            assert!(
                body.contains("<script>alert(1)</script>") && !body.contains('\u{0}'),
                "{body}"
            );
            let authors: Vec<&str> = entry
                .authors
                .iter()
                .map(|a| a.name.as_deref().unwrap_or(""))
                .collect();
            assert_eq!(
                authors,
                article
                    .authors
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
            );
        }
        // The markup in the text stays text: escaped in the file.
        assert!(!text.contains("<script>") && text.contains("&lt;script&gt;"));
    }

    #[test]
    fn json_feed_parses_back_and_keeps_text_as_text() {
        let catalog = catalog(3);
        let text = json(&catalog, SITE);
        let feed = feed_rs::parser::parse(text.as_bytes()).expect("valid JSON Feed");
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::JSON);
        assert_eq!(feed.entries.len(), 3);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(value["feed_url"], format!("{SITE}feed.json"));
        let item = &value["items"][0];
        assert_eq!(
            item["url"],
            format!("{SITE}article/{}/", catalog.articles[0].id)
        );
        assert_eq!(
            item["image"],
            format!("{SITE}media/p.jpg"),
            "the site's picture, not javascript:"
        );
        assert_eq!(item["tags"][0], "Oil & Gas");
        assert!(item["content_text"]
            .as_str()
            .unwrap()
            .starts_with("Body of"));
        assert!(
            item.get("content_html").is_none(),
            "article text is never sent as HTML"
        );
    }

    #[test]
    fn an_archive_without_dates_still_makes_valid_feeds() {
        let articles: Vec<Article> = vec![serde_json::from_value(
            serde_json::json!({"id": "undated", "title": "No date", "body": []}),
        )
        .unwrap()];
        let catalog = Catalog::from_json(&BundleFile::new(&articles).to_json()).unwrap();
        let feed = feed_rs::parser::parse(atom(&catalog, SITE).as_bytes()).expect("valid Atom");
        assert_eq!(
            feed.updated.unwrap().to_rfc3339(),
            "1970-01-01T00:00:00+00:00"
        );
        assert_eq!(feed.entries.len(), 1);
        feed_rs::parser::parse(json(&catalog, SITE).as_bytes()).expect("valid JSON Feed");
    }
}
