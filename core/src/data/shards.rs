//! Body shards (`data/body-*.txt`): whole articles, each in the shard
//! `shard_of(id, shards)`, and the shard table (`data/bodies-*.txt`) that
//! lists them. An article is an `article` record followed by its `topic`,
//! `paragraph`, `link` and `photo` records in order.

use super::files::{fnv1a, verify, Part, PART_FIELDS};
use super::records::{self, Field, Slot};
#[cfg(not(target_arch = "wasm32"))]
use super::records::{push_fields, push_record};
use super::{DataError, DATA_VERSION};

use crate::model::{Article, Block, Photo};

const SHARD_KIND: &str = "dateline-bodies";
const SHARD_TABLE_KIND: &str = "dateline-shards";

/// The body shard that holds an article.
pub fn shard_of(id: &str, shards: usize) -> usize {
    (fnv1a(id.as_bytes()) % shards.max(1) as u64) as usize
}

/// `article id title flags published updated dateline source byline credit
/// source-url summary`: flags `d` (derived title) and `i` (inferred date);
/// an empty optional field is absent.
const ARTICLE_FIELDS: &[Field<Article>] = &[
    Field::new("id", |v| Slot::Id(&mut v.id)),
    Field::new("title", |v| Slot::Text(&mut v.title)),
    Field {
        name: "flags",
        slot: |v| {
            Slot::Flags([
                (&mut v.title_derived, 'd'),
                (&mut v.published_inferred, 'i'),
            ])
        },
    },
    Field::new("published", |v| Slot::Time(&mut v.published)),
    Field::new("updated", |v| Slot::Time(&mut v.updated)),
    Field::new("dateline", |v| Slot::Optional(&mut v.dateline)),
    Field::new("source", |v| Slot::Optional(&mut v.source)),
    Field::new("byline", |v| Slot::Optional(&mut v.byline)),
    Field::new("credit", |v| Slot::Optional(&mut v.credit)),
    Field::new("source url", |v| Slot::Optional(&mut v.source_url)),
    Field::new("summary", |v| Slot::Text(&mut v.summary)),
];

/// `photo url alt caption credit`.
const PHOTO_FIELDS: &[Field<Photo>] = &[
    Field::new("url", |v| Slot::Optional(&mut v.url)),
    Field::new("alt", |v| Slot::Optional(&mut v.alt)),
    Field::new("caption", |v| Slot::Text(&mut v.caption)),
    Field::new("credit", |v| Slot::Optional(&mut v.credit)),
];

/// A link block: `link text href`.
#[derive(Default, Clone)]
struct Link {
    text: String,
    href: String,
}

const LINK_FIELDS: &[Field<Link>] = &[
    Field::new("text", |v| Slot::Text(&mut v.text)),
    Field::new("href", |v| Slot::Text(&mut v.href)),
];

#[derive(Debug, Default)]
pub struct BodyShard {
    pub articles: Vec<Article>,
}

impl BodyShard {
    #[cfg(not(target_arch = "wasm32"))]
    /// One article's records, ready to be joined into a shard.
    pub fn article_text(a: &Article) -> String {
        let mut out = String::new();
        push_fields(&mut out, "article", a, ARTICLE_FIELDS);
        for topic in &a.topics {
            push_record(&mut out, &["topic", topic]);
        }
        for block in &a.body {
            match block {
                Block::Paragraph { text } => push_record(&mut out, &["paragraph", text]),
                Block::Link { text, href } => {
                    let link = Link {
                        text: text.clone(),
                        href: href.clone(),
                    };
                    push_fields(&mut out, "link", &link, LINK_FIELDS);
                }
                Block::Unknown => {}
            }
        }
        for photo in &a.photos {
            push_fields(&mut out, "photo", photo, PHOTO_FIELDS);
        }
        out
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// A shard file from its articles' records.
    pub fn to_text<'a>(articles: impl IntoIterator<Item = &'a str>) -> String {
        let mut out = records::header(SHARD_KIND, DATA_VERSION);
        out.extend(articles);
        out
    }

    pub fn parse(part: &Part, bytes: &[u8]) -> Result<BodyShard, DataError> {
        verify(part, bytes)?;
        let lines = records::read(&part.file, bytes, SHARD_KIND, DATA_VERSION)?;
        let mut articles: Vec<Article> = Vec::new();
        for r in &lines {
            if r.kind() == "article" {
                articles.push(r.read_into(ARTICLE_FIELDS)?);
                continue;
            }
            let Some(a) = articles.last_mut() else {
                return Err(r.error("a record before the first article"));
            };
            match r.kind() {
                "topic" => a.topics.push(r.fields::<1>()?[0].into()),
                "paragraph" => a.body.push(Block::Paragraph {
                    text: r.fields::<1>()?[0].into(),
                }),
                "link" => {
                    let Link { text, href } = r.read_into(LINK_FIELDS)?;
                    a.body.push(Block::Link { text, href });
                }
                "photo" => a.photos.push(r.read_into(PHOTO_FIELDS)?),
                _ => {}
            }
        }
        Ok(BodyShard { articles })
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The body shard table: a `shard file bytes` record per shard, in order.
pub fn shard_table_text(parts: &[Part]) -> String {
    let mut out = records::header(SHARD_TABLE_KIND, DATA_VERSION);
    for part in parts {
        push_fields(&mut out, "shard", part, PART_FIELDS);
    }
    out
}

pub fn parse_shard_table(part: &Part, bytes: &[u8]) -> Result<Vec<Part>, DataError> {
    verify(part, bytes)?;
    let lines = records::read(&part.file, bytes, SHARD_TABLE_KIND, DATA_VERSION)?;
    lines
        .iter()
        .filter(|r| r.kind() == "shard")
        .map(|r| r.read_into(PART_FIELDS))
        .collect()
}
