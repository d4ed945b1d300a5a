//! Body shards (`data/body-*.txt`): whole articles, each in the shard
//! `shard_of(id, shards)`, and the shard table (`data/bodies-*.txt`) that
//! lists them. An article is an `article` record followed by its `topic`,
//! `paragraph`, `link` and `photo` records in order.

use super::files::{fnv1a, verify, Part, PART_FIELDS};
use super::records::{self, Field};
#[cfg(not(target_arch = "wasm32"))]
use super::records::{push_fields, push_record};
use super::{DataError, DATA_VERSION};
use crate::model::text::is_valid_id;
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
    Field {
        name: "id",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.id.clone(),
        read: |a, s| {
            if !is_valid_id(s) {
                return Err("invalid id");
            }
            a.id = s.into();
            Ok(())
        },
    },
    Field {
        name: "title",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.title.clone(),
        read: |a, s| {
            a.title = s.into();
            Ok(())
        },
    },
    Field {
        name: "flags",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| {
            let mut flags = String::new();
            if a.title_derived {
                flags.push('d');
            }
            if a.published_inferred {
                flags.push('i');
            }
            flags
        },
        read: |a, s| {
            a.title_derived = s.contains('d');
            a.published_inferred = s.contains('i');
            Ok(())
        },
    },
    Field {
        name: "published",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.published.map(|t| t.to_string()).unwrap_or_default(),
        read: |a, s| {
            a.published = records::timestamp(s)?;
            Ok(())
        },
    },
    Field {
        name: "updated",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.updated.map(|t| t.to_string()).unwrap_or_default(),
        read: |a, s| {
            a.updated = records::timestamp(s)?;
            Ok(())
        },
    },
    Field {
        name: "dateline",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.dateline.clone().unwrap_or_default(),
        read: |a, s| {
            a.dateline = records::optional(s);
            Ok(())
        },
    },
    Field {
        name: "source",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.source.clone().unwrap_or_default(),
        read: |a, s| {
            a.source = records::optional(s);
            Ok(())
        },
    },
    Field {
        name: "byline",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.byline.clone().unwrap_or_default(),
        read: |a, s| {
            a.byline = records::optional(s);
            Ok(())
        },
    },
    Field {
        name: "credit",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.credit.clone().unwrap_or_default(),
        read: |a, s| {
            a.credit = records::optional(s);
            Ok(())
        },
    },
    Field {
        name: "source url",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.source_url.clone().unwrap_or_default(),
        read: |a, s| {
            a.source_url = records::optional(s);
            Ok(())
        },
    },
    Field {
        name: "summary",
        #[cfg(not(target_arch = "wasm32"))]
        write: |a| a.summary.clone(),
        read: |a, s| {
            a.summary = s.into();
            Ok(())
        },
    },
];

/// `photo url alt caption credit`.
const PHOTO_FIELDS: &[Field<Photo>] = &[
    Field {
        name: "url",
        #[cfg(not(target_arch = "wasm32"))]
        write: |p| p.url.clone().unwrap_or_default(),
        read: |p, s| {
            p.url = records::optional(s);
            Ok(())
        },
    },
    Field {
        name: "alt",
        #[cfg(not(target_arch = "wasm32"))]
        write: |p| p.alt.clone().unwrap_or_default(),
        read: |p, s| {
            p.alt = records::optional(s);
            Ok(())
        },
    },
    Field {
        name: "caption",
        #[cfg(not(target_arch = "wasm32"))]
        write: |p| p.caption.clone(),
        read: |p, s| {
            p.caption = s.into();
            Ok(())
        },
    },
    Field {
        name: "credit",
        #[cfg(not(target_arch = "wasm32"))]
        write: |p| p.credit.clone().unwrap_or_default(),
        read: |p, s| {
            p.credit = records::optional(s);
            Ok(())
        },
    },
];

/// A link block: `link text href`.
#[derive(Default)]
struct Link {
    text: String,
    href: String,
}

const LINK_FIELDS: &[Field<Link>] = &[
    Field {
        name: "text",
        #[cfg(not(target_arch = "wasm32"))]
        write: |l| l.text.clone(),
        read: |l, s| {
            l.text = s.into();
            Ok(())
        },
    },
    Field {
        name: "href",
        #[cfg(not(target_arch = "wasm32"))]
        write: |l| l.href.clone(),
        read: |l, s| {
            l.href = s.into();
            Ok(())
        },
    },
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
