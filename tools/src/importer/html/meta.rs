//! What a saved page says about its article, from the whole page: JSON-LD
//! (`NewsArticle`, `Article` and kin), OpenGraph and `article:*` meta,
//! `<meta name=author>`, `<time datetime>`, `<html lang dir>`,
//! `<link rel=canonical>`, `<base href>`.

use dom_query::Document;
use serde_json::Value;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub sections: Vec<String>,
    pub keywords: Vec<String>,
    pub image: Option<Image>,
    pub site_name: Option<String>,
    pub canonical: Option<String>,
    pub base_href: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Image {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
];

pub fn read(doc: &Document) -> PageMeta {
    let meta = |key: &str| -> Option<String> {
        let selector = format!("meta[property='{key}'], meta[name='{key}']");
        doc.select(&selector)
            .nodes()
            .iter()
            .find_map(|n| n.attr("content").map(|c| c.trim().to_string()))
            .filter(|c| !c.is_empty())
    };
    let metas = |key: &str| -> Vec<String> {
        let selector = format!("meta[property='{key}'], meta[name='{key}']");
        doc.select(&selector)
            .nodes()
            .iter()
            .filter_map(|n| n.attr("content").map(|c| c.trim().to_string()))
            .filter(|c| !c.is_empty())
            .collect()
    };
    let ld = json_ld_article(doc);
    let ld_str = |key: &str| ld.as_ref().and_then(|a| text_of(a.get(key)?));
    let html = doc.select("html");
    let attr = |sel: &dom_query::Selection, name: &str| {
        sel.attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };

    let mut authors = ld
        .as_ref()
        .map(|a| names(a.get("author")))
        .unwrap_or_default();
    if authors.is_empty() {
        authors = metas("author")
            .into_iter()
            .chain(metas("article:author"))
            .filter(|a| !a.starts_with("http"))
            .collect();
    }
    dedup(&mut authors);
    let mut sections = ld
        .as_ref()
        .map(|a| strings(a.get("articleSection")))
        .unwrap_or_default();
    if sections.is_empty() {
        sections = metas("article:section");
    }
    dedup(&mut sections);
    let mut keywords = ld
        .as_ref()
        .map(|a| keyword_list(a.get("keywords")))
        .unwrap_or_default();
    if keywords.is_empty() {
        keywords = metas("article:tag")
            .into_iter()
            .chain(
                metas("news_keywords")
                    .iter()
                    .chain(&metas("keywords"))
                    .flat_map(|k| split_keywords(k)),
            )
            .collect();
    }
    dedup(&mut keywords);
    let image = ld
        .as_ref()
        .and_then(|a| image(a.get("image")?))
        .or_else(|| {
            Some(Image {
                url: meta("og:image").or_else(|| meta("twitter:image"))?,
                width: meta("og:image:width").and_then(|w| w.parse().ok()),
                height: meta("og:image:height").and_then(|h| h.parse().ok()),
                caption: meta("og:image:alt"),
            })
        });
    let first_time = doc
        .select("time[datetime]")
        .nodes()
        .first()
        .and_then(|t| t.attr("datetime").map(|d| d.trim().to_string()));
    PageMeta {
        headline: ld_str("headline").or_else(|| meta("og:title")),
        authors,
        published: ld_str("datePublished")
            .or_else(|| meta("article:published_time"))
            .or_else(|| meta("datePublished"))
            .or_else(|| meta("date"))
            .or(first_time),
        modified: ld_str("dateModified").or_else(|| meta("article:modified_time")),
        sections,
        keywords,
        image,
        site_name: meta("og:site_name").or_else(|| {
            ld.as_ref()
                .and_then(|a| names(a.get("publisher")).into_iter().next())
        }),
        canonical: doc
            .select("link[rel='canonical']")
            .attr("href")
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .or_else(|| meta("og:url")),
        base_href: doc
            .select("base[href]")
            .attr("href")
            .map(|h| h.trim().to_string()),
        lang: attr(&html, "lang").or_else(|| meta("og:locale").map(|l| l.replace('_', "-"))),
        dir: attr(&html, "dir").map(|d| d.to_ascii_lowercase()),
        description: meta("description").or_else(|| meta("og:description")),
    }
}

/// The first JSON-LD object whose `@type` is an article type, looking
/// through arrays and `@graph`s. Blocks that are not JSON are ignored.
fn json_ld_article(doc: &Document) -> Option<Value> {
    let mut found = None;
    for script in doc.select("script[type='application/ld+json']").nodes() {
        let text = script.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut queue = vec![value];
        while let Some(v) = queue.pop() {
            match v {
                Value::Array(items) => queue.extend(items.into_iter().rev()),
                Value::Object(ref map) => {
                    if is_article(map.get("@type")) {
                        found = Some(v);
                        break;
                    }
                    if let Some(graph) = map.get("@graph") {
                        queue.push(graph.clone());
                    }
                }
                _ => {}
            }
        }
        if found.is_some() {
            break;
        }
    }
    found
}

fn is_article(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(s)) => ARTICLE_TYPES.contains(&s.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| is_article(Some(k))),
        _ => false,
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.trim().to_string()],
        Some(Value::Array(items)) => items.iter().flat_map(|i| strings(Some(i))).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// Names from a string, a `{name}` object, or an array of either.
fn names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Object(map)) => map.get("name").and_then(text_of).into_iter().collect(),
        Some(Value::Array(items)) => items.iter().flat_map(|i| names(Some(i))).collect(),
        other => strings(other),
    }
}

fn keyword_list(v: Option<&Value>) -> Vec<String> {
    strings(v).iter().flat_map(|k| split_keywords(k)).collect()
}

fn split_keywords(s: &str) -> Vec<String> {
    s.split(',')
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

fn image(v: &Value) -> Option<Image> {
    match v {
        Value::String(url) => Some(Image {
            url: url.trim().to_string(),
            ..Image::default()
        }),
        Value::Array(items) => items.iter().find_map(image),
        Value::Object(map) => {
            let number = |key: &str| match map.get(key)? {
                Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                Value::String(s) => s.trim().trim_end_matches("px").parse().ok(),
                _ => None,
            };
            Some(Image {
                url: map
                    .get("url")
                    .or_else(|| map.get("contentUrl"))
                    .and_then(text_of)?,
                width: number("width"),
                height: number("height"),
                caption: map.get("caption").and_then(text_of),
            })
        }
        _ => None,
    }
}

fn dedup(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|s| seen.insert(s.to_lowercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_first_then_meta() {
        let doc = Document::from(
            r#"<html lang="pt-BR" dir="ltr"><head>
            <link rel="canonical" href="https://paper.test/a">
            <meta property="og:site_name" content="The Paper">
            <meta property="article:tag" content="ignored when JSON-LD has keywords">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Paper"},
              {"@type":["NewsArticle"],"headline":"The headline","datePublished":"2024-05-01T10:00:00+02:00",
               "dateModified":"2024-05-01T12:00:00+02:00","author":[{"@type":"Person","name":"Ana Lima"},"Rui Costa"],
               "articleSection":["World","Europe"],"keywords":"vote, parliament",
               "image":{"@type":"ImageObject","url":"https://paper.test/a.jpg","width":1200,"height":"800"}}]}</script>
            <script type="application/ld+json">{not json</script>
            </head><body></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.headline.as_deref(), Some("The headline"));
        assert_eq!(m.authors, ["Ana Lima", "Rui Costa"]);
        assert_eq!(m.published.as_deref(), Some("2024-05-01T10:00:00+02:00"));
        assert_eq!(m.modified.as_deref(), Some("2024-05-01T12:00:00+02:00"));
        assert_eq!(m.sections, ["World", "Europe"]);
        assert_eq!(m.keywords, ["vote", "parliament"]);
        let image = m.image.unwrap();
        assert_eq!(
            (image.url.as_str(), image.width, image.height),
            ("https://paper.test/a.jpg", Some(1200), Some(800))
        );
        assert_eq!(m.site_name.as_deref(), Some("The Paper"));
        assert_eq!(m.canonical.as_deref(), Some("https://paper.test/a"));
        assert_eq!(
            (m.lang.as_deref(), m.dir.as_deref()),
            (Some("pt-BR"), Some("ltr"))
        );
    }

    #[test]
    fn meta_tags_alone() {
        let doc = Document::from(
            r#"<html><head><meta name="author" content="Sam Reporter">
            <meta property="article:published_time" content="2019-01-03T07:00:02.000Z">
            <meta property="article:section" content="Science">
            <meta property="article:tag" content="space"><meta property="article:tag" content="Space">
            <meta property="og:image" content="/lead.jpg"><base href="https://cdn.test/x/">
            </head><body><time datetime="2001-01-01">old</time></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.authors, ["Sam Reporter"]);
        assert_eq!(m.published.as_deref(), Some("2019-01-03T07:00:02.000Z"));
        assert_eq!(m.sections, ["Science"]);
        assert_eq!(m.keywords, ["space"], "tags are deduplicated ignoring case");
        assert_eq!(m.image.unwrap().url, "/lead.jpg");
        assert_eq!(m.base_href.as_deref(), Some("https://cdn.test/x/"));
    }
}
