//! `data/manifest.txt`: the one file not named by its hash, read first and
//! always revalidated. It says how many articles there are, their topics,
//! which catalog parts hold them, where the body shard and index chunk
//! tables are, the search totals, and what the build skipped.

use std::collections::BTreeMap;

use super::files::{Part, COUNTED_PART_FIELDS, PART_FIELDS};
use super::records::{self, Field, Slot};
#[cfg(not(target_arch = "wasm32"))]
use super::records::{push_fields, push_record};
use super::{damaged, DataError, DATA_FORMAT, DATA_VERSION, MANIFEST_URL};
use crate::model::Skipped;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexInfo {
    /// Documents and word totals over the whole archive, for BM25.
    pub docs: u32,
    pub title_tokens: u64,
    pub body_tokens: u64,
}

/// `index docs title-words body-words`.
const INDEX_FIELDS: &[Field<IndexInfo>] = &[
    Field::new("docs", |v| Slot::U32(&mut v.docs)),
    Field::new("title words", |v| Slot::U64(&mut v.title_tokens)),
    Field::new("body words", |v| Slot::U64(&mut v.body_tokens)),
];

/// `skipped position id reason` (an empty id: the item had none).
const SKIPPED_FIELDS: &[Field<Skipped>] = &[
    Field::new("position", |v| Slot::Count(&mut v.position)),
    Field::new("id", |v| Slot::Optional(&mut v.id)),
    Field::new("reason", |v| Slot::Text(&mut v.reason)),
];

/// A topic's label: `label slug label`.
#[derive(Default, Clone)]
struct Label {
    slug: String,
    label: String,
}

const LABEL_FIELDS: &[Field<Label>] = &[
    Field::new("slug", |v| Slot::Text(&mut v.slug)),
    Field::new("label", |v| Slot::Text(&mut v.label)),
];

/// A `dateline-data` file whose records are `articles N`, `index …`,
/// `head file bytes count`, `catalog file bytes count` (newest first),
/// `segment file bytes docs` (newest first), `bodies file bytes`, `topic
/// name` (in order), `label slug label`, `facets file bytes count` and
/// `skipped …`. Records of other kinds are ignored, so later versions can
/// add some.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub articles: u32,
    /// Topic names as printed, indexed by catalog parts.
    pub topic_names: Vec<String>,
    /// Topic slug → label.
    pub topic_labels: BTreeMap<String, String>,
    /// The facet values' file (`count`: how many values), when the archive
    /// has any. Not here in the manifest: at 200k articles the values are
    /// 20 kB gzipped, ten times the rest of the manifest, and the first
    /// screen needs none of them (`data::facets`).
    pub facets: Option<Part>,
    /// The newest `layout::HEAD` articles again, in a part of their own: the
    /// first screen's, small and fetched first (the parts below hold them
    /// too, in groups that stay unchanged for long).
    pub head: Part,
    /// The catalog in its groups (`layout`), newest first.
    pub catalog: Vec<Part>,
    /// The body shard table: shards in catalog order, each with its count.
    pub bodies: Part,
    /// The index segments' terms tables, newest first (`count`: documents).
    pub segments: Vec<Part>,
    pub index: IndexInfo,
    /// Articles the build left out, and why.
    pub skipped: Vec<Skipped>,
}

impl Manifest {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_text(&self) -> String {
        let mut out = records::header(DATA_FORMAT, DATA_VERSION);
        push_record(&mut out, &["articles", &self.articles.to_string()]);
        push_fields(&mut out, "index", &self.index, INDEX_FIELDS);
        push_fields(&mut out, "head", &self.head, COUNTED_PART_FIELDS);
        for part in &self.catalog {
            push_fields(&mut out, "catalog", part, COUNTED_PART_FIELDS);
        }
        for segment in &self.segments {
            push_fields(&mut out, "segment", segment, COUNTED_PART_FIELDS);
        }
        push_fields(&mut out, "bodies", &self.bodies, PART_FIELDS);
        for name in &self.topic_names {
            push_record(&mut out, &["topic", name]);
        }
        for (slug, label) in &self.topic_labels {
            let label = Label {
                slug: slug.clone(),
                label: label.clone(),
            };
            push_fields(&mut out, "label", &label, LABEL_FIELDS);
        }
        if let Some(facets) = &self.facets {
            push_fields(&mut out, "facets", facets, COUNTED_PART_FIELDS);
        }
        for skipped in &self.skipped {
            push_fields(&mut out, "skipped", skipped, SKIPPED_FIELDS);
        }
        out
    }

    pub fn parse(bytes: &[u8]) -> Result<Manifest, DataError> {
        let lines =
            records::read(MANIFEST_URL, bytes, DATA_FORMAT, DATA_VERSION).map_err(|e| match e {
                DataError::Damaged { file, reason } => {
                    DataError::NotData(format!("{file}: {reason}"))
                }
                e => e,
            })?;
        let (mut articles, mut index, mut head, mut bodies) = (None, None, None, None);
        let mut manifest = Manifest::default();
        for r in &lines {
            match r.kind() {
                "articles" => articles = Some(r.number(r.fields::<1>()?[0])?),
                "index" => index = Some(r.read_into(INDEX_FIELDS)?),
                "head" => head = Some(r.read_into(COUNTED_PART_FIELDS)?),
                "segment" => manifest.segments.push(r.read_into(COUNTED_PART_FIELDS)?),
                "bodies" => bodies = Some(r.read_into(PART_FIELDS)?),
                "catalog" => manifest.catalog.push(r.read_into(COUNTED_PART_FIELDS)?),
                "topic" => manifest.topic_names.push(r.fields::<1>()?[0].to_string()),
                "label" => {
                    let Label { slug, label } = r.read_into(LABEL_FIELDS)?;
                    manifest.topic_labels.insert(slug, label);
                }
                "facets" => manifest.facets = Some(r.read_into(COUNTED_PART_FIELDS)?),
                "skipped" => manifest.skipped.push(r.read_into(SKIPPED_FIELDS)?),
                _ => {}
            }
        }
        let missing = |what: &str| damaged(MANIFEST_URL, format!("it has no {what} line"));
        manifest.articles = articles.ok_or_else(|| missing("articles"))?;
        manifest.index = index.ok_or_else(|| missing("index"))?;
        manifest.head = head.ok_or_else(|| missing("head"))?;
        manifest.bodies = bodies.ok_or_else(|| missing("bodies"))?;
        let sum = |parts: &[Part]| parts.iter().map(|p| u64::from(p.count)).sum::<u64>();
        let articles = u64::from(manifest.articles);
        if sum(&manifest.catalog) != articles
            || sum(&manifest.segments) != articles
            || u64::from(manifest.index.docs) != articles
            || u64::from(manifest.head.count) > articles
        {
            return Err(damaged(MANIFEST_URL, "its article counts do not add up"));
        }
        Ok(manifest)
    }
}
