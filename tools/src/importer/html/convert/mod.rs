//! The extracted article's DOM to blocks. An allowlist: the elements below
//! become the blocks and spans they mean, containers are read through, and
//! everything else — scripts, styles, forms, frames, objects, SVG, event
//! handlers, inline styles — is dropped, because only text and the URLs
//! that pass `Urls` ever leave this module. Pictures and embeds are in
//! `media`, tables in `table`, white-space rules for spans in `spans`.

mod media;
mod spans;
mod table;

use dom_query::NodeRef;

pub use spans::normalize;

use dateline_core::model::blocks::clean_blocks;
use dateline_core::model::text::collapse_whitespace;
use dateline_core::model::{Block, Inline, ListItem};

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

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::{Photo, Table};
    use dom_query::Document;

    /// Links resolve against one base; pictures too.
    struct Base;

    impl Urls for Base {
        fn link(&self, href: &str) -> Option<String> {
            match href {
                h if h.starts_with("https://") => Some(h.to_string()),
                h if h.starts_with('/') => Some(format!("https://site.test{h}")),
                _ => None,
            }
        }
        fn image(&mut self, src: &str) -> Option<String> {
            self.link(src)
        }
    }

    fn convert(html: &str) -> Vec<Block> {
        let doc = Document::from(html);
        blocks(&doc.root(), &mut Base)
    }

    fn text(t: &str) -> Inline {
        Inline::Text { text: t.into() }
    }

    #[test]
    fn every_structure_becomes_its_block() {
        let body = convert(
            r#"<div><h1>Title again</h1><h2>Part <em>one</em></h2>
            <p>Some  <em>emphasis</em>, <b>strong</b>, <code>x&lt;1</code>,<br>a <a href="/more" onclick="x()">link</a>
               and <a href="javascript:x()">a bad one</a>.</p>
            <ul><li>One</li><li><p>Two</p><ol><li>Two a</li></ol></li></ul>
            <blockquote><p>Said so.</p><footer>— Someone</footer></blockquote>
            <figure><img src="/a.jpg" width="640" height="480" alt="Alt"><figcaption>A cap. <span class="credit">Photo: Jo</span></figcaption></figure>
            <pre>  keep
  lines</pre>
            <table><caption>T</caption><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>
            <hr><iframe src="https://www.youtube.com/embed/abc123?x=1" title="Launch"></iframe>
            <script>evil()</script><form><input value="no"></form><p style="x" onmouseover="y()">End.</p></div>"#,
        );
        assert_eq!(
            body[..2],
            [
                Block::Heading {
                    level: 2,
                    text: "Title again".into(),
                    spans: vec![]
                },
                Block::Heading {
                    level: 2,
                    text: String::new(),
                    spans: vec![
                        text("Part "),
                        Inline::Em {
                            spans: vec![text("one")]
                        }
                    ]
                }
            ]
        );
        assert_eq!(
            body[2],
            Block::Paragraph {
                text: String::new(),
                spans: vec![
                    text("Some "),
                    Inline::Em {
                        spans: vec![text("emphasis")]
                    },
                    text(", "),
                    Inline::Strong {
                        spans: vec![text("strong")]
                    },
                    text(", "),
                    Inline::Code { text: "x<1".into() },
                    text(","),
                    Inline::Break,
                    text("a "),
                    Inline::Link {
                        href: "https://site.test/more".into(),
                        spans: vec![text("link")]
                    },
                    text(" and a bad one."),
                ]
            }
        );
        let Block::List {
            ordered: false,
            items,
        } = &body[3]
        else {
            panic!("{:?}", body[3])
        };
        assert_eq!(
            (items[0].text.as_str(), items[1].text.as_str()),
            ("One", "Two")
        );
        assert!(matches!(
            &items[1].blocks[..],
            [Block::List { ordered: true, .. }]
        ));
        assert_eq!(
            body[4],
            Block::Quote {
                blocks: vec![Block::paragraph("Said so.")],
                cite: Some("Someone".into())
            }
        );
        assert_eq!(
            body[5],
            Block::Figure(Photo {
                url: Some("https://site.test/a.jpg".into()),
                alt: Some("Alt".into()),
                caption: "A cap.".into(),
                credit: Some("Jo".into()),
                width: Some(640),
                height: Some(480),
            })
        );
        assert_eq!(
            body[6],
            Block::Preformatted {
                text: "  keep\n  lines".into()
            }
        );
        assert_eq!(
            body[7],
            Block::Table(Table {
                caption: Some("T".into()),
                header: vec!["a".into(), "b".into()],
                rows: vec![vec!["1".into(), "2".into()]],
            })
        );
        assert_eq!(body[8], Block::Divider);
        assert_eq!(
            body[9],
            Block::Embed {
                href: "https://www.youtube.com/watch?v=abc123".into(),
                caption: "Video: Launch (youtube.com)".into()
            }
        );
        assert_eq!(body[10], Block::paragraph("End."));
        assert_eq!(body.len(), 11);
    }

    #[test]
    fn layout_tables_are_read_as_content() {
        let body =
            convert("<table><tr><td><p>First paragraph.</p><p>Second.</p></td></tr></table>");
        assert_eq!(
            body,
            [
                Block::paragraph("First paragraph."),
                Block::paragraph("Second.")
            ]
        );
    }

    #[test]
    fn white_space_collapses_across_spans() {
        let spans = normalize(vec![
            text("  a  "),
            Inline::Em {
                spans: vec![text(" b ")],
            },
            text(" c "),
            Inline::Break,
            text(" "),
        ]);
        assert_eq!(
            spans,
            [
                text("a "),
                Inline::Em {
                    spans: vec![text("b ")]
                },
                text("c")
            ]
        );
    }
}
