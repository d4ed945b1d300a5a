//! An article body: blocks in reading order (bundle format v2, see
//! `docs/format.md`), and the inline spans that paragraph-like blocks hold.
//!
//! Everything here is data, never markup: the app builds each block as the
//! element it is, and loading cleans what it cannot show safely
//! ([`clean_blocks`]) without losing the words.

use serde::{Deserialize, Serialize};

use super::text::{collapse_whitespace, is_safe_url};
use super::Photo;

/// How deep blocks may nest (a list in a quote in a list …) and spans may
/// nest (a link in emphasis in strong …); deeper content is kept as the
/// text of its container. Keeps every recursion over a body shallow, and the
/// JSON well inside serde_json's own limit of 128 levels.
pub const MAX_DEPTH: usize = 12;

/// Written internally tagged (`{"type":"paragraph",…}`); read through
/// [`WireBlock`], one flat struct, because serde's derive for internally
/// tagged enums buffers every value first and cost the wasm about 50 kB
/// (gzip) against a few for a flat struct (measured; see the comment there).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", from = "WireBlock")]
pub enum Block {
    /// `text` alone is a v1 paragraph; `spans` carries emphasis and links.
    Paragraph {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        spans: Vec<Inline>,
    },
    /// Level 2–6 (the headline is the article's only level 1).
    Heading {
        level: u8,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        spans: Vec<Inline>,
    },
    List {
        #[serde(default, skip_serializing_if = "is_false")]
        ordered: bool,
        items: Vec<ListItem>,
    },
    Quote {
        blocks: Vec<Block>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A picture anywhere in the flow (a `photo` of the body).
    Figure(Photo),
    Preformatted {
        text: String,
    },
    Table(Table),
    Divider,
    /// A video or social post, kept as a captioned link to it.
    Embed {
        href: String,
        #[serde(default)]
        caption: String,
    },
    /// A v1 link block: a line of its own that links somewhere.
    Link {
        text: String,
        href: String,
    },
    /// A block type from a newer bundle; dropped on load.
    #[serde(other)]
    Unknown,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", from = "WireInline")]
pub enum Inline {
    Text {
        text: String,
    },
    Em {
        spans: Vec<Inline>,
    },
    Strong {
        spans: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        href: String,
        spans: Vec<Inline>,
    },
    Break,
    #[serde(other)]
    Unknown,
}

/// A list item holds inline text, nested blocks, or both (text first).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ListItem {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Inline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Table {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Column headings (one row); empty when the table has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<String>,
    #[serde(default)]
    pub rows: Vec<Vec<String>>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Any block as read: every field any block type has, the type deciding
/// which count. A field of the wrong JSON type is still an error (the
/// article is skipped and reported), a type we do not know is `Unknown`.
#[derive(Deserialize)]
struct WireBlock {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    spans: Vec<Inline>,
    #[serde(default)]
    level: u8,
    #[serde(default)]
    ordered: bool,
    #[serde(default)]
    items: Vec<ListItem>,
    #[serde(default)]
    blocks: Vec<Block>,
    #[serde(default)]
    cite: Option<String>,
    #[serde(default)]
    href: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    alt: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    credit: Option<String>,
    #[serde(default)]
    width: Option<u32>,
    #[serde(default)]
    height: Option<u32>,
    #[serde(default)]
    header: Vec<String>,
    #[serde(default)]
    rows: Vec<Vec<String>>,
}

impl From<WireBlock> for Block {
    fn from(w: WireBlock) -> Block {
        match w.kind.as_str() {
            "paragraph" => Block::Paragraph {
                text: w.text,
                spans: w.spans,
            },
            "heading" => Block::Heading {
                level: w.level,
                text: w.text,
                spans: w.spans,
            },
            "list" => Block::List {
                ordered: w.ordered,
                items: w.items,
            },
            "quote" => Block::Quote {
                blocks: w.blocks,
                cite: w.cite,
            },
            "figure" => Block::Figure(Photo {
                url: w.url,
                alt: w.alt,
                caption: w.caption.unwrap_or_default(),
                credit: w.credit,
                width: w.width,
                height: w.height,
            }),
            "preformatted" => Block::Preformatted { text: w.text },
            "table" => Block::Table(Table {
                caption: w.caption,
                header: w.header,
                rows: w.rows,
            }),
            "divider" => Block::Divider,
            "embed" => Block::Embed {
                href: w.href,
                caption: w.caption.unwrap_or_default(),
            },
            "link" => Block::Link {
                text: w.text,
                href: w.href,
            },
            _ => Block::Unknown,
        }
    }
}

#[derive(Deserialize)]
struct WireInline {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    spans: Vec<Inline>,
    #[serde(default)]
    href: String,
}

impl From<WireInline> for Inline {
    fn from(w: WireInline) -> Inline {
        match w.kind.as_str() {
            "text" => Inline::Text { text: w.text },
            "em" => Inline::Em { spans: w.spans },
            "strong" => Inline::Strong { spans: w.spans },
            "code" => Inline::Code { text: w.text },
            "link" => Inline::Link {
                href: w.href,
                spans: w.spans,
            },
            "break" => Inline::Break,
            _ => Inline::Unknown,
        }
    }
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            spans: Vec::new(),
        }
    }

    /// A paragraph from spans: plain text when that is all they hold.
    pub fn rich_paragraph(spans: Vec<Inline>) -> Block {
        match plain(&spans) {
            Some(text) => Block::paragraph(text),
            None => Block::Paragraph {
                text: String::new(),
                spans,
            },
        }
    }

    /// The words a reader sees in this block, appended to `out` with a space
    /// between pieces (for search, summaries and word counts).
    pub fn push_text(&self, out: &mut String) {
        match self {
            Block::Paragraph { text, spans } | Block::Heading { text, spans, .. } => {
                push_piece(out, text);
                push_spans_text(spans, out);
            }
            Block::List { items, .. } => {
                for item in items {
                    push_piece(out, &item.text);
                    push_spans_text(&item.spans, out);
                    item.blocks.iter().for_each(|b| b.push_text(out));
                }
            }
            Block::Quote { blocks, cite } => {
                blocks.iter().for_each(|b| b.push_text(out));
                push_piece(out, cite.as_deref().unwrap_or(""));
            }
            Block::Figure(photo) => {
                push_piece(out, &photo.caption);
                push_piece(out, photo.credit.as_deref().unwrap_or(""));
            }
            Block::Preformatted { text } => push_piece(out, text),
            Block::Table(table) => {
                push_piece(out, table.caption.as_deref().unwrap_or(""));
                for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                    push_piece(out, cell);
                }
            }
            Block::Embed { caption: text, .. } | Block::Link { text, .. } => push_piece(out, text),
            Block::Divider | Block::Unknown => {}
        }
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }
}

/// The text of spans when they are nothing but text, else `None`.
fn plain(spans: &[Inline]) -> Option<String> {
    let mut out = String::new();
    for span in spans {
        match span {
            Inline::Text { text } => out.push_str(text),
            _ => return None,
        }
    }
    Some(out)
}

fn push_piece(out: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(piece);
}

/// Spans read as one run of text: no space is added between spans (a word
/// may be half emphasised), a line break reads as a space.
pub fn push_spans_text(spans: &[Inline], out: &mut String) {
    if !spans.is_empty() && !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    push_spans_run(spans, out);
}

fn push_spans_run(spans: &[Inline], out: &mut String) {
    for span in spans {
        match span {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Em { spans } | Inline::Strong { spans } | Inline::Link { spans, .. } => {
                push_spans_run(spans, out)
            }
            Inline::Break => out.push(' '),
            Inline::Unknown => {}
        }
    }
}

pub fn spans_text(spans: &[Inline]) -> String {
    let mut out = String::new();
    push_spans_run(spans, &mut out);
    out
}

/// What loading does to a body: drops unknown and empty blocks, turns links
/// we would not follow into their words, pictures we would not load into
/// captions, clamps heading levels, and keeps anything nested deeper than
/// [`MAX_DEPTH`] as plain text of its container. No words are lost.
pub fn clean_blocks(blocks: Vec<Block>) -> Vec<Block> {
    clean_at(blocks, 0)
}

fn clean_at(blocks: Vec<Block>, depth: usize) -> Vec<Block> {
    blocks
        .into_iter()
        .filter_map(|block| clean_block(block, depth))
        .collect()
}

fn clean_block(block: Block, depth: usize) -> Option<Block> {
    let nested_too_deep = depth >= MAX_DEPTH
        && matches!(
            block,
            Block::List { .. } | Block::Quote { .. } | Block::Table(_)
        );
    if nested_too_deep {
        let text = collapse_whitespace(&block.text());
        return (!text.is_empty()).then(|| Block::paragraph(text));
    }
    let block = match block {
        Block::Unknown => return None,
        Block::Paragraph { text, spans } => {
            let spans = clean_spans(spans, 0);
            if spans.is_empty() {
                Block::paragraph(text)
            } else {
                Block::rich_paragraph(spans)
            }
        }
        Block::Heading { level, text, spans } => {
            let spans = clean_spans(spans, 0);
            let text = if spans.is_empty() {
                text
            } else {
                String::new()
            };
            Block::Heading {
                level: level.clamp(2, 6),
                text,
                spans,
            }
        }
        Block::List { ordered, items } => {
            let items: Vec<ListItem> = items
                .into_iter()
                .map(|item| ListItem {
                    spans: clean_spans(item.spans, 0),
                    blocks: clean_at(item.blocks, depth + 1),
                    text: item.text,
                })
                .filter(|item| !is_blank_item(item))
                .collect();
            Block::List { ordered, items }
        }
        Block::Quote { blocks, cite } => Block::Quote {
            blocks: clean_at(blocks, depth + 1),
            cite: cite.filter(|c| !c.trim().is_empty()),
        },
        Block::Figure(mut photo) => {
            photo.clean();
            if photo.url.is_none() && photo.caption.trim().is_empty() {
                return None;
            }
            Block::Figure(photo)
        }
        Block::Link { text, href } if !is_safe_url(&href) => Block::paragraph(text),
        Block::Embed { href, caption } if !is_safe_url(&href) => Block::paragraph(caption),
        Block::Table(mut table) => {
            table.caption = table.caption.filter(|c| !c.trim().is_empty());
            table.rows.retain(|row| !row.is_empty());
            Block::Table(table)
        }
        block => block,
    };
    (!is_empty(&block)).then_some(block)
}

fn is_blank_item(item: &ListItem) -> bool {
    item.blocks.is_empty() && item.spans.is_empty() && item.text.trim().is_empty()
}

fn is_empty(block: &Block) -> bool {
    match block {
        Block::Divider => false,
        Block::Figure(_) => false,
        Block::List { items, .. } => items.is_empty(),
        Block::Quote { blocks, .. } => blocks.is_empty(),
        Block::Table(table) => table.rows.is_empty() && table.header.is_empty(),
        block => block.text().trim().is_empty(),
    }
}

/// Links to where we would not go keep their words; spans nested deeper
/// than [`MAX_DEPTH`] become their text.
fn clean_spans(spans: Vec<Inline>, depth: usize) -> Vec<Inline> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let nested = match &span {
            Inline::Em { spans } | Inline::Strong { spans } | Inline::Link { spans, .. } => {
                Some(spans)
            }
            _ => None,
        };
        if nested.is_some() && depth >= MAX_DEPTH {
            out.push(Inline::Text {
                text: spans_text(std::slice::from_ref(&span)),
            });
            continue;
        }
        match span {
            Inline::Unknown => {}
            Inline::Text { ref text } | Inline::Code { ref text } if text.is_empty() => {}
            Inline::Em { spans } => out.push(Inline::Em {
                spans: clean_spans(spans, depth + 1),
            }),
            Inline::Strong { spans } => out.push(Inline::Strong {
                spans: clean_spans(spans, depth + 1),
            }),
            Inline::Link { href, spans } if is_safe_url(&href) => out.push(Inline::Link {
                href,
                spans: clean_spans(spans, depth + 1),
            }),
            Inline::Link { spans, .. } => out.extend(clean_spans(spans, depth + 1)),
            span => out.push(span),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(json: &str) -> Vec<Block> {
        clean_blocks(serde_json::from_str(json).unwrap())
    }

    #[test]
    fn a_v1_paragraph_is_still_a_paragraph() {
        assert_eq!(
            blocks(r#"[{"type":"paragraph","text":"Hi."}]"#),
            [Block::paragraph("Hi.")]
        );
    }

    #[test]
    fn every_block_type_round_trips() {
        let json = r#"[
          {"type":"heading","level":2,"text":"Why"},
          {"type":"paragraph","spans":[{"type":"text","text":"A "},{"type":"em","spans":[{"type":"text","text":"real"}]},
             {"type":"break"},{"type":"link","href":"https://x.test/","spans":[{"type":"strong","spans":[{"type":"text","text":"link"}]}]},
             {"type":"text","text":" "},{"type":"code","text":"x = 1"}]},
          {"type":"list","ordered":true,"items":[{"text":"One"},{"spans":[{"type":"em","spans":[{"type":"text","text":"Two"}]}],
             "blocks":[{"type":"list","items":[{"text":"Two a"}]}]}]},
          {"type":"quote","blocks":[{"type":"paragraph","text":"Said."}],"cite":"Someone"},
          {"type":"figure","url":"https://x.test/a.jpg","alt":"A","width":640,"height":480,"caption":"Cap","credit":"Cred"},
          {"type":"preformatted","text":"  a\n  b"},
          {"type":"table","caption":"T","header":["a","b"],"rows":[["1","2"]]},
          {"type":"divider"},
          {"type":"embed","href":"https://video.test/v/1","caption":"Watch: the launch"}
        ]"#;
        let parsed = blocks(json);
        assert_eq!(parsed.len(), 9);
        let again: Vec<Block> =
            serde_json::from_str(&serde_json::to_string(&parsed).unwrap()).unwrap();
        assert_eq!(again, parsed);
        assert_eq!(
            parsed[1].text(),
            "A real link x = 1",
            "spans read as one run"
        );
        assert_eq!(parsed[2].text(), "One Two Two a");
    }

    #[test]
    fn unsafe_links_and_pictures_keep_their_words() {
        let parsed = blocks(
            r#"[{"type":"paragraph","spans":[{"type":"link","href":"javascript:alert(1)","spans":[{"type":"text","text":"Click"}]}]},
                {"type":"figure","url":"data:image/svg+xml,<svg onload=alert(1)>","caption":"A cat"},
                {"type":"embed","href":"vbscript:x","caption":"Video"},
                {"type":"hologram","text":"?"},
                {"type":"heading","level":9,"text":"Deep"},
                {"type":"paragraph","text":"   "}]"#,
        );
        assert_eq!(parsed[0], Block::paragraph("Click"));
        let Block::Figure(photo) = &parsed[1] else {
            panic!("{parsed:?}")
        };
        assert_eq!(
            (photo.url.as_deref(), photo.caption.as_str()),
            (None, "A cat")
        );
        assert_eq!(parsed[2], Block::paragraph("Video"));
        assert!(matches!(parsed[3], Block::Heading { level: 6, .. }));
        assert_eq!(parsed.len(), 4);
    }

    #[test]
    fn nesting_past_the_limit_becomes_text() {
        let mut block = Block::paragraph("core");
        for _ in 0..40 {
            block = Block::Quote {
                blocks: vec![block],
                cite: None,
            };
        }
        let mut span = Inline::Text {
            text: "deep".into(),
        };
        for _ in 0..40 {
            span = Inline::Em { spans: vec![span] };
        }
        let cleaned = clean_blocks(vec![block, Block::rich_paragraph(vec![span])]);
        let depth = |mut b: &Block| {
            let mut n = 0;
            while let Block::Quote { blocks, .. } = b {
                n += 1;
                b = &blocks[0];
            }
            (n, b.clone())
        };
        assert_eq!(depth(&cleaned[0]), (MAX_DEPTH, Block::paragraph("core")));
        assert_eq!(cleaned[1].text(), "deep");
        let json = serde_json::to_string(&cleaned).unwrap();
        assert_eq!(
            serde_json::from_str::<Vec<Block>>(&json).unwrap(),
            cleaned,
            "the cleaned body loads again"
        );
    }
}
