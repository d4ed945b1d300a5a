//! Saved HTML pages to articles: decode (`decode`), find the one article a
//! page holds (dom_smoothie, a port of Mozilla's Readability, chosen by
//! measurement: see `docs/import.md`), read what the page says about it
//! (`meta`), and turn its DOM into blocks (`convert`). Pictures saved with
//! the page ("Save page, complete") are copied into the site (`Media`).

pub mod convert;
pub mod decode;
pub mod meta;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dom_query::Document;
use url::Url;

use convert::Urls as _;

use dateline_core::model::text::{collapse_whitespace, derive_title, is_language_tag, is_safe_url};
use dateline_core::model::{Article, Block, Direction, Photo};

pub use super::lines::page_time;

/// One saved page to import.
pub struct HtmlInput<'a> {
    pub bytes: &'a [u8],
    /// The page's file, for pictures saved beside it.
    pub path: Option<&'a Path>,
    /// The address the page was saved from, when the page does not say (`--base-url`).
    pub base_url: Option<&'a str>,
}

/// An article, or why the page holds none.
pub type PageResult = Result<(Article, Vec<String>), String>;

/// Fewer letters than this after extraction (about 40 words of English; a
/// count of letters, not words, so that Chinese and Japanese count too): not
/// an article but an index, an error page, a page of links.
const MIN_LETTERS: usize = 200;

/// Pictures copied from saved pages, by the name they get in the site
/// (`media/<hash>.<ext>`); the same picture is stored once.
#[derive(Default, Debug)]
pub struct Media {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Media {
    fn add(&mut self, bytes: Vec<u8>, ext: &str) -> String {
        let name = format!("media/{:016x}.{ext}", dateline_core::data::fnv1a(&bytes));
        self.files.entry(name.clone()).or_insert(bytes);
        name
    }
}

pub fn import_html(input: &HtmlInput<'_>, media: &mut Media) -> PageResult {
    if super::sniff::sniff(input.bytes) == super::sniff::Content::Binary {
        return Err("not a text page (binary data); skipped".into());
    }
    let mut notes = Vec::new();
    let (text, encoding) = decode::decode(input.bytes);
    if encoding != encoding_rs::UTF_8 {
        notes.push(format!("read as {}", encoding.name()));
    }
    let limited = decode::limit_nesting(&text);
    if matches!(limited, std::borrow::Cow::Owned(_)) {
        notes.push(format!(
            "elements nested deeper than {} levels were flattened",
            decode::MAX_NESTING
        ));
    }
    // Parsed once: the metadata is read from it, then the extractor takes it.
    let page = Document::from(limited.as_ref());
    let meta = meta::read(&page);

    let document_url = input
        .base_url
        .and_then(|u| Url::parse(u).ok())
        .or_else(|| meta.canonical.as_deref().and_then(|c| Url::parse(c).ok()))
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let base = match (&meta.base_href, &document_url) {
        (Some(href), Some(doc)) => doc.join(href).ok(),
        (Some(href), None) => Url::parse(href).ok(),
        (None, doc) => doc.clone(),
    }
    .filter(|u| matches!(u.scheme(), "http" | "https"));

    // Classes kept: they tell a picture's credit from its caption.
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::with_document(page, None, Some(config))
        .map_err(|e| format!("not an HTML page ({e}); skipped"))?;
    let extracted = readability
        .parse()
        .map_err(|e| format!("no article found ({e}); skipped"))?;
    let content = Document::from(extracted.content.as_ref());
    let mut urls = PageUrls {
        base: base.clone(),
        page_file: input.path,
        media,
    };
    let root = content.root();
    let mut body = convert::blocks(&root, &mut urls);

    // A Chinese or Japanese character says about what a short word does.
    let weight = |c: char| if c >= '\u{2e80}' { 3 } else { 1 };
    let letters: usize = body
        .iter()
        .map(|b| {
            b.text()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .map(weight)
                .sum::<usize>()
        })
        .sum();
    if letters < MIN_LETTERS {
        return Err(format!(
            "no article text found ({letters} letters after removing the page's menus and links); skipped"
        ));
    }
    let mut title = collapse_whitespace(&extracted.title);
    if title.is_empty() {
        title = meta.headline.clone().unwrap_or_default();
    }
    let title_derived = title.is_empty();
    if title_derived {
        title = derive_title(&body[0].text());
    }
    // The headline repeated as the body's first heading says nothing new.
    if matches!(body.first(), Some(b @ Block::Heading { .. }) if collapse_whitespace(&b.text()) == title)
    {
        body.remove(0);
    }

    let published_text = extracted.published_time.clone().or(meta.published.clone());
    let published = published_text.as_deref().and_then(page_time);
    if published_text.is_some() && published.is_none() {
        notes.push(format!(
            "date {:?} not understood; left undated",
            published_text.unwrap_or_default()
        ));
    }
    let language = extracted
        .lang
        .clone()
        .or(meta.lang.clone())
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| is_language_tag(l));
    let direction = match extracted
        .dir
        .clone()
        .or(meta.dir.clone())
        .or_else(|| content_direction(&content))
    {
        Some(d) if d.eq_ignore_ascii_case("rtl") => Some(Direction::Rtl),
        Some(d) if d.eq_ignore_ascii_case("ltr") => Some(Direction::Ltr),
        _ => None,
    };
    let lead_image = meta.image.as_ref().and_then(|image| {
        let url = urls.image(&image.url)?;
        Some(Box::new(Photo {
            url: Some(url),
            alt: None,
            caption: image.caption.clone().unwrap_or_default(),
            credit: None,
            width: image.width.filter(|_| image.height.is_some()),
            height: image.height.filter(|_| image.width.is_some()),
        }))
    });
    let source_url = document_url
        .as_ref()
        .map(|u| u.to_string())
        .filter(|u| is_safe_url(u));
    let byline = extracted
        .byline
        .as_deref()
        .map(collapse_whitespace)
        .filter(|b| !b.is_empty());
    let article = Article {
        id: String::new(),
        title,
        title_derived,
        topics: meta.sections.clone(),
        published,
        updated: meta.modified.as_deref().and_then(page_time),
        byline,
        authors: meta.authors.clone(),
        summary: extracted
            .excerpt
            .as_deref()
            .map(collapse_whitespace)
            .unwrap_or_default(),
        body,
        source_url,
        language,
        direction,
        site_name: extracted
            .site_name
            .clone()
            .or(meta.site_name.clone())
            .map(|s| collapse_whitespace(&s)),
        lead_image,
        tags: meta.keywords.clone(),
        ..Article::default()
    };
    Ok((article, notes))
}

/// The direction an element holding most of the article's text declares
/// (`<article dir="rtl">` in a page that declares none).
fn content_direction(content: &Document) -> Option<String> {
    let total = content
        .root()
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    content.select("[dir]").nodes().iter().find_map(|n| {
        let share = n.text().chars().filter(|c| !c.is_whitespace()).count();
        (share * 2 >= total).then(|| n.attr("dir").map(|d| d.to_string()))?
    })
}

/// An HTML fragment (a feed entry's content) as blocks, through the same
/// allowlist as a page: links and pictures resolved against `base` and kept
/// only when allowed. Remote pictures only: a feed has no folder beside it.
pub fn fragment_blocks(html: &str, base: Option<&Url>, media: &mut Media) -> Vec<Block> {
    let limited = decode::limit_nesting(html);
    let doc = Document::from(limited.as_ref());
    let mut urls = PageUrls {
        base: base.cloned(),
        page_file: None,
        media,
    };
    convert::blocks(&doc.root(), &mut urls)
}

/// `href` made absolute against `base` (a fragment or blank is no link).
fn absolute(href: &str, base: Option<&Url>) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    match Url::parse(href) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok(),
        Err(_) => None,
    }
}

/// A link resolved against `base` and kept only when allowed (http, https, mailto).
pub fn resolve_link(href: &str, base: Option<&Url>) -> Option<String> {
    let url = absolute(href, base)?;
    matches!(url.scheme(), "http" | "https" | "mailto")
        .then(|| url.to_string())
        .filter(|u| is_safe_url(u))
}

/// The URL rules of one page: links resolved against its base and kept
/// only when allowed; pictures copied when saved beside the page, else
/// resolved like links but only over http(s).
struct PageUrls<'a> {
    base: Option<Url>,
    page_file: Option<&'a Path>,
    media: &'a mut Media,
}

impl PageUrls<'_> {
    /// A picture saved beside the page, read if it is really an image and
    /// inside the page's folder.
    fn local_image(&self, src: &str) -> Option<(Vec<u8>, &'static str)> {
        let page = self.page_file?;
        let page = page.canonicalize().ok()?;
        let folder = page.parent()?;
        let file_url = Url::from_file_path(&page).ok()?.join(src.trim()).ok()?;
        if file_url.scheme() != "file" {
            return None;
        }
        let path: PathBuf = file_url.to_file_path().ok()?.canonicalize().ok()?;
        if !path.starts_with(folder) || !path.is_file() {
            return None;
        }
        const MAX_IMAGE: u64 = 25 << 20;
        if std::fs::metadata(&path).ok()?.len() > MAX_IMAGE {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        let ext = image_type(&bytes)?;
        Some((bytes, ext))
    }
}

impl convert::Urls for PageUrls<'_> {
    fn link(&self, href: &str) -> Option<String> {
        resolve_link(href, self.base.as_ref())
    }

    fn image(&mut self, src: &str) -> Option<String> {
        if let Some((bytes, ext)) = self.local_image(src) {
            return Some(self.media.add(bytes, ext));
        }
        let url = absolute(src, self.base.as_ref())?;
        matches!(url.scheme(), "http" | "https").then(|| url.to_string())
    }
}

/// The picture formats browsers show, by their first bytes (never SVG: an
/// SVG served from the site could run script if opened on its own).
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [0x89, b'P', b'N', b'G', ..] => Some("png"),
        [b'G', b'I', b'F', b'8', ..] => Some("gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("webp"),
        [_, _, _, _, b'f', b't', b'y', b'p', b'a', b'v', b'i', b'f', ..] => Some("avif"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_images_are_copied() {
        assert_eq!(image_type(b"\xff\xd8\xff\xe0JFIF"), Some("jpg"));
        assert_eq!(image_type(b"<svg onload=alert(1)>"), None);
        assert_eq!(image_type(b"<html>"), None);
    }
}
