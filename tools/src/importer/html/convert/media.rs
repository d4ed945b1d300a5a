//! Pictures (with caption and credit) and embedded players, which become
//! captioned links.

use dom_query::NodeRef;

use dateline_core::model::text::collapse_whitespace;
use dateline_core::model::{Block, Photo};

use super::{name, Converter};

impl Converter<'_> {
    pub(super) fn figure(&mut self, n: &NodeRef, out: &mut Vec<Block>, depth: usize) {
        let caption_node = n
            .descendants_it()
            .find(|d| d.is_element() && name(d) == "figcaption");
        let mut caption = None;
        if let Some(node) = &caption_node {
            let credit_node = node.descendants_it().find(|d| {
                d.is_element()
                    && d.class().is_some_and(|c| {
                        let c = c.to_ascii_lowercase();
                        c.contains("credit") || c.contains("copyright") || c.contains("source")
                    })
            });
            let credit = credit_node.as_ref().map(words).filter(|c| !c.is_empty());
            let mut text = words(node);
            if let Some(credit) = &credit {
                if let Some(stripped) = text.strip_suffix(credit.as_str()) {
                    text = stripped.trim_end().to_string();
                } else {
                    text = text.replacen(credit.as_str(), "", 1).trim().to_string();
                }
            }
            let (text, credit) = match credit {
                Some(credit) => (text, Some(strip_label(&credit).to_string())),
                None => split_credit(&text),
            };
            caption = Some((text, credit));
        }
        let img = n
            .descendants_it()
            .find(|d| d.is_element() && name(d) == "img");
        match img {
            Some(img) => out.extend(self.image_figure(&img, caption)),
            None => {
                // A figure of something else (a video, a chart table): its content.
                let has_embed = n.descendants_it().find(|d| {
                    d.is_element()
                        && matches!(name(d).as_str(), "iframe" | "video" | "embed" | "object")
                });
                match has_embed.and_then(|e| self.embed(&e)) {
                    Some(Block::Embed { href, caption: c }) => out.push(Block::Embed {
                        href,
                        caption: caption
                            .map(|(t, _)| t)
                            .filter(|t| !t.is_empty())
                            .unwrap_or(c),
                    }),
                    _ => out.extend(self.blocks_of(n, depth + 1)),
                }
            }
        }
    }

    /// A picture from an `img` (or a `picture` holding one), with the caption
    /// its figure gives, else its alt text as nothing more than alt.
    pub(super) fn image_figure(
        &mut self,
        n: &NodeRef,
        caption: Option<(String, Option<String>)>,
    ) -> Option<Block> {
        let img = if name(n) == "img" {
            *n
        } else {
            n.descendants_it()
                .find(|d| d.is_element() && name(d) == "img")?
        };
        let size = |attr: &str| {
            img.attr(attr)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
                .filter(|&v| v > 0)
        };
        let (width, height) = (size("width"), size("height"));
        if width.is_some_and(|w| w <= 2) || height.is_some_and(|h| h <= 2) {
            return None; // a tracking pixel
        }
        let candidates = [
            "src",
            "data-src",
            "data-original",
            "data-lazy-src",
            "data-url",
        ]
        .iter()
        .filter_map(|a| img.attr(a))
        .map(|s| s.trim().to_string())
        .chain(img.attr("srcset").and_then(|s| best_srcset(&s)))
        .filter(|s| !s.is_empty() && !s.to_ascii_lowercase().starts_with("data:"));
        let mut url = None;
        for candidate in candidates.collect::<Vec<_>>() {
            if let Some(found) = self.urls.image(&candidate) {
                url = Some(found);
                break;
            }
        }
        let alt = img
            .attr("alt")
            .map(|a| collapse_whitespace(&a))
            .filter(|a| !a.is_empty());
        let (caption, credit) = caption.unwrap_or_default();
        if url.is_none() && caption.is_empty() {
            return None;
        }
        Some(Block::Figure(Photo {
            url,
            alt,
            caption,
            credit,
            width: width.filter(|_| height.is_some()),
            height: height.filter(|_| width.is_some()),
        }))
    }

    /// A video, audio or frame becomes a link to what it shows, never a frame.
    pub(super) fn embed(&mut self, n: &NodeRef) -> Option<Block> {
        let src = ["src", "data-src", "data"]
            .iter()
            .filter_map(|a| n.attr(a))
            .chain(
                n.descendants_it()
                    .filter(|d| d.is_element() && name(d) == "source")
                    .filter_map(|s| s.attr("src")),
            )
            .next()?;
        let href = self.urls.link(&watch_url(&src))?;
        if !href.starts_with("http") {
            return None;
        }
        let host = href
            .split('/')
            .nth(2)
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_string();
        let kind = match name(n).as_str() {
            "video" => "Video",
            "audio" => "Audio",
            _ if host.contains("youtube") || host.contains("vimeo") => "Video",
            _ => "Embedded content",
        };
        let caption = n
            .attr("title")
            .or_else(|| n.attr("aria-label"))
            .map(|t| collapse_whitespace(&t))
            .filter(|t| !t.is_empty())
            .map(|t| format!("{kind}: {t} ({host})"))
            .unwrap_or_else(|| format!("{kind} ({host})"));
        Some(Block::Embed { href, caption })
    }
}

/// An element's text with its text nodes kept apart (a caption's
/// `<span>Credit</span><span>Name</span>` reads "Credit Name").
fn words(n: &NodeRef) -> String {
    let pieces: Vec<String> = n
        .descendants_it()
        .filter(|d| d.is_text())
        .map(|d| d.text().to_string())
        .collect();
    collapse_whitespace(&pieces.join(" "))
}

/// A caption ending "… Credit Name" (no markup tells them apart): the
/// caption and the credit.
fn split_credit(caption: &str) -> (String, Option<String>) {
    let at = caption
        .rfind("Credit")
        .filter(|&at| at == 0 || caption[..at].ends_with(' '));
    match at {
        Some(at) => {
            let credit = caption[at + "Credit".len()..].trim_start_matches([':', ' ']);
            if credit.is_empty() || credit.chars().count() > 100 {
                return (caption.to_string(), None);
            }
            (
                caption[..at].trim_end().to_string(),
                Some(credit.to_string()),
            )
        }
        None => (caption.to_string(), None),
    }
}

/// "Credit: Name", "Photo: Name" → "Name".
fn strip_label(credit: &str) -> &str {
    for label in ["credit", "photo", "photograph", "image", "foto"] {
        if credit.len() > label.len()
            && credit
                .get(..label.len())
                .is_some_and(|l| l.eq_ignore_ascii_case(label))
        {
            let rest = credit[label.len()..].trim_start_matches([':', ' ']);
            if !rest.is_empty() && rest.len() < credit.len() - label.len() {
                return rest;
            }
        }
    }
    credit
}

/// The widest candidate of a `srcset` ("a.jpg 480w, b.jpg 1080w"), else the first.
fn best_srcset(srcset: &str) -> Option<String> {
    srcset
        .split(',')
        .filter_map(|c| {
            let mut parts = c.split_whitespace();
            let url = parts.next()?;
            let width = parts
                .next()
                .and_then(|w| w.trim_end_matches(['w', 'x']).parse::<f32>().ok())
                .unwrap_or(0.0);
            Some((url.to_string(), width))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(url, _)| url)
}

/// A player's embed address as the page people can open.
fn watch_url(src: &str) -> String {
    let src = src.trim();
    for prefix in [
        "https://www.youtube.com/embed/",
        "https://www.youtube-nocookie.com/embed/",
        "//www.youtube.com/embed/",
    ] {
        if let Some(rest) = src.strip_prefix(prefix) {
            let id = rest.split(['?', '&', '/']).next().unwrap_or("");
            return format!("https://www.youtube.com/watch?v={id}");
        }
    }
    if let Some(rest) = src.strip_prefix("https://player.vimeo.com/video/") {
        let id = rest.split(['?', '/']).next().unwrap_or("");
        return format!("https://vimeo.com/{id}");
    }
    src.to_string()
}
