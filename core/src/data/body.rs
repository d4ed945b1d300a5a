//! Article bodies inside the body shards. Every node of an article's block
//! tree — a block, a list item or table row, an inline span — is one record
//! `kind depth fields…`; a record one level deeper than the record before it
//! is that record's child, so the tree reads back in one pass.
//!
//! ```text
//! (fields separated by tabs, shown here as spaces)
//! p  0  Plain paragraph text.
//! p  0
//! t  1  A
//! em  1
//! t  2  real
//! a  1  https://example.com/
//! t  2  link
//! list  0  o
//! li  1  First item
//! ```
//!
//! Why not JSON, like the bundle: decoding these nested blocks with serde
//! cost the wasm 22 kB gzip (serde_json plus the derives; measured with the
//! rich model in place, 289.6 kB against 267.7 kB), more than the whole
//! budget left for this feature. This reader is a few hundred bytes.

use std::borrow::Cow;

#[cfg(not(target_arch = "wasm32"))]
use super::records::push_record;
use super::records::Record;
use super::DataError;
use crate::model::{Block, Inline, ListItem, Photo, Table};

/// Deeper than any cleaned body goes (blocks and spans nest at most
/// `model::blocks::MAX_DEPTH` each); a deeper record means damage.
const MAX_RECORD_DEPTH: usize = 64;

/// The record kinds of blocks and of the parts of blocks.
const BLOCK_KINDS: &[&str] = &[
    "p", "h", "list", "quote", "figure", "pre", "table", "hr", "embed", "link", "li", "thead", "tr",
];
/// The record kinds of inline spans.
const SPAN_KINDS: &[&str] = &["t", "em", "strong", "code", "a", "br"];

pub fn is_body_record(kind: &str) -> bool {
    BLOCK_KINDS.contains(&kind) || SPAN_KINDS.contains(&kind)
}

/// A photo's fields, in record order: url alt caption credit width height.
#[cfg(not(target_arch = "wasm32"))]
pub fn photo_fields(p: &Photo) -> [String; 6] {
    let size = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    [
        p.url.clone().unwrap_or_default(),
        p.alt.clone().unwrap_or_default(),
        p.caption.clone(),
        p.credit.clone().unwrap_or_default(),
        size(p.width),
        size(p.height),
    ]
}

pub fn photo_from(fields: &[Cow<'_, str>]) -> Photo {
    let field = |i: usize| fields.get(i).map_or("", |f| f.as_ref());
    let optional = |i: usize| Some(field(i).to_string()).filter(|s| !s.is_empty());
    Photo {
        url: optional(0),
        alt: optional(1),
        caption: field(2).to_string(),
        credit: optional(3),
        width: field(4).parse().ok(),
        height: field(5).parse().ok(),
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn push_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        push_block(out, 0, block);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn node(out: &mut String, kind: &str, depth: usize, fields: &[&str]) {
    let depth = depth.to_string();
    let mut all = vec![kind, depth.as_str()];
    all.extend_from_slice(fields);
    push_record(out, &all);
}

#[cfg(not(target_arch = "wasm32"))]
fn push_block(out: &mut String, d: usize, block: &Block) {
    match block {
        Block::Paragraph { text, spans } => {
            node(out, "p", d, &[text]);
            push_spans(out, d + 1, spans);
        }
        Block::Heading { level, text, spans } => {
            node(out, "h", d, &[&level.to_string(), text]);
            push_spans(out, d + 1, spans);
        }
        Block::List { ordered, items } => {
            node(out, "list", d, &[if *ordered { "o" } else { "" }]);
            for item in items {
                node(out, "li", d + 1, &[&item.text]);
                push_spans(out, d + 2, &item.spans);
                for block in &item.blocks {
                    push_block(out, d + 2, block);
                }
            }
        }
        Block::Quote { blocks, cite } => {
            node(out, "quote", d, &[cite.as_deref().unwrap_or("")]);
            for block in blocks {
                push_block(out, d + 1, block);
            }
        }
        Block::Figure(photo) => {
            let fields = photo_fields(photo);
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            node(out, "figure", d, &fields);
        }
        Block::Preformatted { text } => node(out, "pre", d, &[text]),
        Block::Table(table) => {
            node(out, "table", d, &[table.caption.as_deref().unwrap_or("")]);
            fn cells(row: &[String]) -> Vec<&str> {
                row.iter().map(String::as_str).collect()
            }
            if !table.header.is_empty() {
                node(out, "thead", d + 1, &cells(&table.header));
            }
            for row in &table.rows {
                node(out, "tr", d + 1, &cells(row));
            }
        }
        Block::Divider => node(out, "hr", d, &[]),
        Block::Embed { href, caption } => node(out, "embed", d, &[href, caption]),
        Block::Link { text, href } => node(out, "link", d, &[text, href]),
        Block::Unknown => {}
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn push_spans(out: &mut String, d: usize, spans: &[Inline]) {
    for span in spans {
        match span {
            Inline::Text { text } => node(out, "t", d, &[text]),
            Inline::Em { spans } => {
                node(out, "em", d, &[]);
                push_spans(out, d + 1, spans);
            }
            Inline::Strong { spans } => {
                node(out, "strong", d, &[]);
                push_spans(out, d + 1, spans);
            }
            Inline::Code { text } => node(out, "code", d, &[text]),
            Inline::Link { href, spans } => {
                node(out, "a", d, &[href]);
                push_spans(out, d + 1, spans);
            }
            Inline::Break => node(out, "br", d, &[]),
            Inline::Unknown => {}
        }
    }
}

/// One record of the tree, with its children.
struct Node {
    kind: String,
    fields: Vec<String>,
    children: Vec<Node>,
}

/// Reads one article's body records, in order, into blocks.
#[derive(Default)]
pub struct BodyReader {
    /// The open path from a root down to the last record.
    open: Vec<Node>,
    roots: Vec<Node>,
}

impl BodyReader {
    pub fn add(&mut self, record: &Record<'_>) -> Result<(), DataError> {
        let (depth, fields) = match record.rest() {
            [depth, fields @ ..] => (depth, fields),
            [] => return Err(record.error("a body record without its depth")),
        };
        let depth: usize = record.number(depth)?;
        if depth > self.open.len() || depth > MAX_RECORD_DEPTH {
            return Err(record.error("a body record deeper than its parent"));
        }
        while self.open.len() > depth {
            self.close();
        }
        self.open.push(Node {
            kind: record.kind().to_string(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
            children: Vec::new(),
        });
        Ok(())
    }

    fn close(&mut self) {
        if let Some(node) = self.open.pop() {
            match self.open.last_mut() {
                Some(parent) => parent.children.push(node),
                None => self.roots.push(node),
            }
        }
    }

    pub fn finish(mut self) -> Vec<Block> {
        while !self.open.is_empty() {
            self.close();
        }
        self.roots
            .into_iter()
            .map(block)
            .filter(|b| *b != Block::Unknown)
            .collect()
    }
}

fn field(node: &Node, i: usize) -> String {
    node.fields.get(i).cloned().unwrap_or_default()
}

fn block(node: Node) -> Block {
    let text = field(&node, 0);
    match node.kind.as_str() {
        "p" => Block::Paragraph {
            text,
            spans: spans(node.children),
        },
        "h" => Block::Heading {
            level: text.parse().unwrap_or(2),
            text: field(&node, 1),
            spans: spans(node.children),
        },
        "list" => Block::List {
            ordered: text == "o",
            items: node.children.into_iter().map(list_item).collect(),
        },
        "quote" => Block::Quote {
            cite: Some(text).filter(|c| !c.is_empty()),
            blocks: node.children.into_iter().map(block).collect(),
        },
        "figure" => {
            let fields: Vec<Cow<str>> = node.fields.iter().map(|f| f.into()).collect();
            Block::Figure(photo_from(&fields))
        }
        "pre" => Block::Preformatted { text },
        "table" => {
            let mut table = Table {
                caption: Some(text).filter(|c| !c.is_empty()),
                ..Table::default()
            };
            for row in node.children {
                match row.kind.as_str() {
                    "thead" => table.header = row.fields,
                    _ => table.rows.push(row.fields),
                }
            }
            Block::Table(table)
        }
        "hr" => Block::Divider,
        "embed" => Block::Embed {
            href: text,
            caption: field(&node, 1),
        },
        "link" => Block::Link {
            text,
            href: field(&node, 1),
        },
        _ => Block::Unknown,
    }
}

fn list_item(node: Node) -> ListItem {
    let text = field(&node, 0);
    let (inline, nested): (Vec<Node>, Vec<Node>) = node
        .children
        .into_iter()
        .partition(|n| SPAN_KINDS.contains(&n.kind.as_str()));
    ListItem {
        text,
        spans: spans(inline),
        blocks: nested.into_iter().map(block).collect(),
    }
}

fn spans(nodes: Vec<Node>) -> Vec<Inline> {
    nodes
        .into_iter()
        .map(|node| {
            let text = field(&node, 0);
            match node.kind.as_str() {
                "t" => Inline::Text { text },
                "em" => Inline::Em {
                    spans: spans(node.children),
                },
                "strong" => Inline::Strong {
                    spans: spans(node.children),
                },
                "code" => Inline::Code { text },
                "a" => Inline::Link {
                    href: text,
                    spans: spans(node.children),
                },
                "br" => Inline::Break,
                _ => Inline::Unknown,
            }
        })
        .collect()
}
