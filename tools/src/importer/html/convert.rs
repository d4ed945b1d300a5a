//! The extracted article's DOM to blocks. An allowlist: the elements below
//! become the blocks and spans they mean, containers are read through, and
//! everything else — scripts, styles, forms, frames, objects, SVG, event
//! handlers, inline styles — is dropped, because only text and the URLs
//! that pass `Urls` ever leave this module.

use dom_query::NodeRef;

use dateline_core::model::blocks::clean_blocks;
use dateline_core::model::text::collapse_whitespace;
use dateline_core::model::{Block, Inline, ListItem, Photo, Table};

/// Where links and pictures may point, decided by the page being imported.
pub trait Urls {
    /// An absolute, allowed link target, or `None` (the words stay).
    fn link(&self, href: &str) -> Option<String>;
    /// A picture's URL as the site will use it (a copied local file, or an
    /// absolute remote one), or `None` (the caption stays).
    fn image(&mut self, src: &str) -> Option<String>;
}

/// How deep the converter follows containers and spans; below that, text.
const MAX_DEPTH: usize = 48;

/// Elements whose content is never text of the article.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "form", "input", "button", "select", "option",
    "textarea", "svg", "math", "canvas", "head", "title", "meta", "link", "base", "nav", "map",
    "area", "dialog", "frameset", "frame", "param", "source", "track", "label", "fieldset",
];

pub fn blocks(root: &NodeRef, urls: &mut dyn Urls) -> Vec<Block> {
    let mut converter = Converter { urls };
    let blocks = converter.blocks_of(root, 0);
    clean_blocks(blocks)
}

struct Converter<'u> {
    urls: &'u mut dyn Urls,
}

fn name(n: &NodeRef) -> String {
    n.node_name()
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_block_level(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "pre"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "center"
            | "details"
            | "summary"
            | "address"
            | "hgroup"
            | "picture"
            | "iframe"
            | "video"
            | "audio"
            | "embed"
            | "object"
    )
}

/// Whether an inline element holds blocks (`<a><div>…</div></a>`), and so is read as a container.
fn holds_blocks(n: &NodeRef) -> bool {
    n.descendants_it()
        .any(|d| d.is_element() && is_block_level(&name(&d)) && name(&d) != "picture")
}

/// Inline spans being gathered into the next paragraph.
#[derive(Default)]
struct Pending {
    spans: Vec<Inline>,
    figures: Vec<Block>,
}

impl Pending {
    fn flush(&mut self, out: &mut Vec<Block>) {
        let spans = normalize(std::mem::take(&mut self.spans));
        if !spans.is_empty() {
            out.push(Block::rich_paragraph(spans));
        }
        out.append(&mut self.figures);
    }
}

impl Converter<'_> {
    fn blocks_of(&mut self, node: &NodeRef, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let mut pending = Pending::default();
        for child in node.children_it(false) {
            self.block_child(&child, &mut out, &mut pending, depth);
        }
        pending.flush(&mut out);
        out
    }

    fn block_child(
        &mut self,
        n: &NodeRef,
        out: &mut Vec<Block>,
        pending: &mut Pending,
        depth: usize,
    ) {
        if n.is_text() {
            pending.spans.push(Inline::Text {
                text: n.text().to_string(),
            });
            return;
        }
        if !n.is_element() {
            return;
        }
        let tag = name(n);
        if DROPPED.contains(&tag.as_str()) {
            return;
        }
        if depth >= MAX_DEPTH {
            pending.spans.push(Inline::Text {
                text: format!(" {} ", n.text()),
            });
            return;
        }
        let is_inline = !is_block_level(&tag) && !holds_blocks(n);
        if is_inline && tag != "br" && tag != "img" {
            self.inline(n, &mut pending.spans, &mut pending.figures, depth);
            return;
        }
        pending.flush(out);
        match tag.as_str() {
            "br" => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let mut figures = Vec::new();
                let mut spans = Vec::new();
                self.inline(n, &mut spans, &mut figures, depth);
                let spans = normalize(spans);
                if !spans.is_empty() {
                    let level = tag[1..].parse::<u8>().unwrap_or(2).max(2);
                    out.push(heading(level, spans));
                }
                out.extend(figures);
            }
            "p" | "dt" | "dd" | "summary" | "address" | "figcaption" => {
                let mut inner = Pending::default();
                self.inline(n, &mut inner.spans, &mut inner.figures, depth);
                inner.flush(out);
            }
            "ul" | "ol" => {
                let items: Vec<ListItem> = n
                    .children_it(false)
                    .filter(|c| c.is_element() && name(c) == "li")
                    .map(|li| self.list_item(&li, depth + 1))
                    .collect();
                if !items.is_empty() {
                    out.push(Block::List {
                        ordered: tag == "ol",
                        items,
                    });
                }
            }
            "blockquote" => out.push(self.quote(n, depth + 1)),
            "figure" => self.figure(n, out, depth),
            "img" | "picture" => out.extend(self.image_figure(n, None)),
            "pre" => {
                let text = n.text().trim_matches('\n').to_string();
                if !text.trim().is_empty() {
                    out.push(Block::Preformatted { text });
                }
            }
            "table" => self.table(n, out, depth),
            "hr" => out.push(Block::Divider),
            "iframe" | "video" | "audio" | "embed" | "object" => out.extend(self.embed(n)),
            _ => out.extend(self.blocks_of(n, depth + 1)),
        }
    }

    fn inline(
        &mut self,
        n: &NodeRef,
        spans: &mut Vec<Inline>,
        figures: &mut Vec<Block>,
        depth: usize,
    ) {
        for child in n.children_it(false) {
            if child.is_text() {
                spans.push(Inline::Text {
                    text: child.text().to_string(),
                });
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let tag = name(&child);
            if DROPPED.contains(&tag.as_str()) {
                continue;
            }
            if depth >= MAX_DEPTH {
                spans.push(Inline::Text {
                    text: child.text().to_string(),
                });
                continue;
            }
            let href = if tag == "a" {
                child.attr("href").and_then(|h| self.urls.link(&h))
            } else {
                None
            };
            let mut inner = || {
                let mut inner = Vec::new();
                self.inline(&child, &mut inner, figures, depth + 1);
                inner
            };
            match tag.as_str() {
                "em" | "i" | "dfn" | "var" => spans.push(Inline::Em { spans: inner() }),
                "strong" | "b" => spans.push(Inline::Strong { spans: inner() }),
                "code" | "kbd" | "samp" | "tt" => spans.push(Inline::Code {
                    text: child.text().to_string(),
                }),
                "br" => spans.push(Inline::Break),
                "a" => {
                    let content = inner();
                    match href {
                        Some(href) => spans.push(Inline::Link {
                            href,
                            spans: content,
                        }),
                        None => spans.extend(content),
                    }
                }
                "img" | "picture" => figures.extend(self.image_figure(&child, None)),
                "iframe" | "video" | "audio" | "embed" | "object" => {
                    figures.extend(self.embed(&child))
                }
                "q" => {
                    spans.push(Inline::Text { text: "“".into() });
                    spans.extend(inner());
                    spans.push(Inline::Text { text: "”".into() });
                }
                "sup" | "sub" => {
                    // Footnote marks and exponents: keep them apart from the word.
                    spans.extend(inner());
                }
                _ => {
                    // span, small, mark, abbr, time, u, s, cite, font, and blocks met inside a paragraph.
                    let block = is_block_level(&tag);
                    if block {
                        spans.push(Inline::Text { text: " ".into() });
                    }
                    spans.extend(inner());
                    if block {
                        spans.push(Inline::Text { text: " ".into() });
                    }
                }
            }
        }
    }

    fn list_item(&mut self, li: &NodeRef, depth: usize) -> ListItem {
        let mut blocks = Vec::new();
        let mut pending = Pending::default();
        let mut spans = None;
        for child in li.children_it(false) {
            let tag = if child.is_element() {
                name(&child)
            } else {
                String::new()
            };
            let starts_block = child.is_element() && (is_block_level(&tag) || holds_blocks(&child));
            if starts_block && spans.is_none() {
                spans = Some(normalize(std::mem::take(&mut pending.spans)));
            }
            self.block_child(&child, &mut blocks, &mut pending, depth);
        }
        let spans = match spans {
            Some(spans) => {
                pending.flush(&mut blocks);
                spans
            }
            None => {
                let spans = normalize(std::mem::take(&mut pending.spans));
                blocks.append(&mut pending.figures);
                spans
            }
        };
        // `<li><p>Text</p></li>`: the paragraph is the item's text.
        if spans.is_empty() {
            if let Some(Block::Paragraph { .. }) = blocks.first() {
                if let Block::Paragraph { text, spans } = blocks.remove(0) {
                    return ListItem {
                        text,
                        spans,
                        blocks,
                    };
                }
            }
        }
        let (text, spans) = plain_or_spans(spans);
        ListItem {
            text,
            spans,
            blocks,
        }
    }

    fn quote(&mut self, n: &NodeRef, depth: usize) -> Block {
        let mut blocks = Vec::new();
        let mut pending = Pending::default();
        let mut cite = None;
        for child in n.children_it(false) {
            if child.is_element() && matches!(name(&child).as_str(), "footer" | "cite") {
                let text = collapse_whitespace(&child.text());
                if !text.is_empty() {
                    cite = Some(text.trim_start_matches(['—', '–', '-', ' ']).to_string());
                    continue;
                }
            }
            self.block_child(&child, &mut blocks, &mut pending, depth);
        }
        pending.flush(&mut blocks);
        Block::Quote { blocks, cite }
    }

    fn figure(&mut self, n: &NodeRef, out: &mut Vec<Block>, depth: usize) {
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
    fn image_figure(
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
    fn embed(&mut self, n: &NodeRef) -> Option<Block> {
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

    fn table(&mut self, n: &NodeRef, out: &mut Vec<Block>, depth: usize) {
        let rows: Vec<NodeRef> = table_rows(n);
        let nested = n
            .descendants_it()
            .any(|d| d.is_element() && name(&d) == "table");
        let single_column = rows.iter().all(|r| cells(r).len() <= 1);
        // A table used for layout: its content, not a grid.
        if nested || single_column || rows.is_empty() {
            out.extend(self.blocks_of(n, depth + 1));
            return;
        }
        let caption = n
            .children_it(false)
            .find(|c| c.is_element() && name(c) == "caption")
            .map(|c| collapse_whitespace(&c.text()))
            .filter(|c| !c.is_empty());
        let mut table = Table {
            caption,
            ..Table::default()
        };
        for (i, row) in rows.iter().enumerate() {
            let row_cells = cells(row);
            let in_head = row.parent().is_some_and(|p| name(&p) == "thead");
            let all_th = row_cells.iter().all(|c| name(c) == "th");
            let texts: Vec<String> = row_cells
                .iter()
                .map(|c| collapse_whitespace(&c.text()))
                .collect();
            if table.header.is_empty() && i == 0 && (in_head || all_th) {
                table.header = texts;
            } else if in_head && table.rows.is_empty() {
                // A second header row: keep it as the first row.
                table.rows.push(texts);
            } else {
                table.rows.push(texts);
            }
        }
        table.rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        out.push(Block::Table(table));
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

fn table_rows<'a>(table: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut rows = Vec::new();
    for child in table.children_it(false).filter(|c| c.is_element()) {
        match name(&child).as_str() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                child
                    .children_it(false)
                    .filter(|r| r.is_element() && name(r) == "tr"),
            ),
            _ => {}
        }
    }
    rows
}

fn cells<'a>(row: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    row.children_it(false)
        .filter(|c| c.is_element() && matches!(name(c).as_str(), "td" | "th"))
        .collect()
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

fn heading(level: u8, spans: Vec<Inline>) -> Block {
    let (text, spans) = plain_or_spans(spans);
    Block::Heading { level, text, spans }
}

fn plain_or_spans(spans: Vec<Inline>) -> (String, Vec<Inline>) {
    match Block::rich_paragraph(spans) {
        Block::Paragraph { text, spans } => (text, spans),
        _ => unreachable!("rich_paragraph makes a paragraph"),
    }
}

/// HTML whitespace rules on spans: runs of white space are one space, none
/// at the start or end, none doubled across span boundaries; empty spans go.
pub fn normalize(spans: Vec<Inline>) -> Vec<Inline> {
    let mut last_space = true;
    let mut spans = collapse(spans, &mut last_space);
    trim_end(&mut spans);
    prune(spans)
}

fn collapse(spans: Vec<Inline>, last_space: &mut bool) -> Vec<Inline> {
    spans
        .into_iter()
        .map(|span| match span {
            Inline::Text { text } => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    if c.is_whitespace() && c != '\u{a0}' {
                        if !*last_space {
                            out.push(' ');
                            *last_space = true;
                        }
                    } else {
                        out.push(c);
                        *last_space = false;
                    }
                }
                Inline::Text { text: out }
            }
            Inline::Code { text } => {
                *last_space = text.ends_with(' ');
                Inline::Code { text }
            }
            Inline::Break => {
                *last_space = true;
                Inline::Break
            }
            Inline::Em { spans } => Inline::Em {
                spans: collapse(spans, last_space),
            },
            Inline::Strong { spans } => Inline::Strong {
                spans: collapse(spans, last_space),
            },
            Inline::Link { href, spans } => Inline::Link {
                href,
                spans: collapse(spans, last_space),
            },
            Inline::Unknown => Inline::Unknown,
        })
        .collect()
}

/// Drops the space at the very end, and before each line break.
fn trim_end(spans: &mut Vec<Inline>) {
    while let Some(last) = spans.last_mut() {
        match last {
            Inline::Text { text } => {
                let trimmed = text.trim_end_matches(' ').len();
                text.truncate(trimmed);
                if text.is_empty() {
                    spans.pop();
                    continue;
                }
            }
            Inline::Em { spans: inner }
            | Inline::Strong { spans: inner }
            | Inline::Link { spans: inner, .. } => {
                trim_end(inner);
                if inner.is_empty() {
                    spans.pop();
                    continue;
                }
            }
            Inline::Break => {
                spans.pop();
                continue;
            }
            _ => {}
        }
        break;
    }
}

fn prune(spans: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(spans.len());
    let kept = spans.into_iter().filter_map(|span| match span {
        Inline::Text { text } if text.is_empty() => None,
        Inline::Em { spans } => Some(prune(spans))
            .filter(|s| !s.is_empty())
            .map(|spans| Inline::Em { spans }),
        Inline::Strong { spans } => Some(prune(spans))
            .filter(|s| !s.is_empty())
            .map(|spans| Inline::Strong { spans }),
        Inline::Link { href, spans } => Some(prune(spans))
            .filter(|s| !s.is_empty())
            .map(|spans| Inline::Link { href, spans }),
        Inline::Code { text } if text.trim().is_empty() => None,
        span => Some(span),
    });
    // Neighbouring text is one span (a link that was dropped leaves three).
    for span in kept {
        match (out.last_mut(), span) {
            (Some(Inline::Text { text: last }), Inline::Text { text }) => last.push_str(&text),
            (_, span) => out.push(span),
        }
    }
    out
}
