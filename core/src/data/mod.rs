//! The sharded site data the app reads (see `docs/format.md`, "Site data"):
//! a small manifest, the catalog in parts (what the list and filters need,
//! newest first), article bodies in shards and the search index in chunks.
//! Every file but the manifest is named by a hash of its bytes, which the
//! reader checks, so a stale, truncated or damaged file is an error for the
//! part it holds, never wrong results.

pub mod archive;
pub mod index;
pub mod records;

use std::collections::BTreeMap;

use crate::model::text::is_valid_id;
use crate::model::{Article, Block, Catalog, Photo, Skipped, Timestamp};
use crate::query::search::DocStats;
use records::{push_record, Record};

pub const DATA_FORMAT: &str = "dateline-data";
pub const DATA_VERSION: u32 = 1;
/// Relative to the document's `<base>`, like every data file.
pub const MANIFEST_URL: &str = "data/manifest.txt";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    #[error("The article index is not Dateline site data: {0}")]
    NotData(String),
    #[error("The site data uses format version {found}, newer than this app reads (version {supported}); reload to get the latest app")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("{file} is damaged ({reason})")]
    Damaged { file: String, reason: String },
}

fn damaged(file: &str, reason: impl Into<String>) -> DataError {
    DataError::Damaged {
        file: file.to_string(),
        reason: reason.into(),
    }
}

/// One hashed file and its size in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    pub file: String,
    pub bytes: u64,
    /// Articles in a catalog part; 0 for other files.
    pub count: u32,
}

impl Part {
    fn read(record: &Record, [file, bytes]: [&str; 2]) -> Result<Part, DataError> {
        Ok(Part {
            file: file.to_string(),
            bytes: record.number(bytes)?,
            count: 0,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexInfo {
    /// Documents and word totals over the whole archive, for BM25.
    pub docs: u32,
    pub title_tokens: u64,
    pub body_tokens: u64,
    /// The chunk table (`ChunkTable`): each chunk's first term and file.
    pub table: Part,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedItem {
    pub position: usize,
    pub id: Option<String>,
    pub reason: String,
}

/// `data/manifest.txt`: a `dateline-data` file whose records are
/// `articles N`, `index docs title-words body-words`, `terms file bytes`,
/// `bodies file bytes`, `catalog file bytes count` (in order), `topic name`
/// (in order), `label slug label` and `skipped position id reason`.
/// Records of other kinds are ignored, so later versions can add some.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub articles: u32,
    /// Topic names as printed, indexed by catalog parts.
    pub topic_names: Vec<String>,
    /// Topic slug → label.
    pub topic_labels: BTreeMap<String, String>,
    /// In catalog order: newest first, the first part small so the first screen comes fast.
    pub catalog: Vec<Part>,
    /// The body shard table: an article is in shard `shard_of(id, len)`.
    pub bodies: Part,
    pub index: IndexInfo,
    /// Articles the build left out, and why.
    pub skipped: Vec<SkippedItem>,
}

impl Manifest {
    pub fn to_text(&self) -> String {
        let mut out = records::header(DATA_FORMAT, DATA_VERSION);
        let n = |n: u64| n.to_string();
        push_record(&mut out, &["articles", &n(self.articles.into())]);
        let index = &self.index;
        let totals = [
            n(index.docs.into()),
            n(index.title_tokens),
            n(index.body_tokens),
        ];
        push_record(&mut out, &["index", &totals[0], &totals[1], &totals[2]]);
        push_record(
            &mut out,
            &["terms", &index.table.file, &n(index.table.bytes)],
        );
        push_record(
            &mut out,
            &["bodies", &self.bodies.file, &n(self.bodies.bytes)],
        );
        for part in &self.catalog {
            let (bytes, count) = (n(part.bytes), n(part.count.into()));
            push_record(&mut out, &["catalog", &part.file, &bytes, &count]);
        }
        for name in &self.topic_names {
            push_record(&mut out, &["topic", name]);
        }
        for (slug, label) in &self.topic_labels {
            push_record(&mut out, &["label", slug, label]);
        }
        for s in &self.skipped {
            let position = n(s.position as u64);
            let id = s.id.as_deref().unwrap_or("");
            push_record(&mut out, &["skipped", &position, id, &s.reason]);
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
        let (mut articles, mut totals, mut terms, mut bodies) = (None, None, None, None);
        let mut manifest = Manifest::default();
        for r in &lines {
            match r.kind() {
                "articles" => articles = Some(r.number(r.fields::<1>()?[0])?),
                "index" => {
                    let [docs, title, body] = r.fields()?;
                    totals = Some((r.number(docs)?, r.number(title)?, r.number(body)?));
                }
                "terms" => terms = Some(Part::read(r, r.fields()?)?),
                "bodies" => bodies = Some(Part::read(r, r.fields()?)?),
                "catalog" => {
                    let [file, bytes, count] = r.fields()?;
                    let mut part = Part::read(r, [file, bytes])?;
                    part.count = r.number(count)?;
                    manifest.catalog.push(part);
                }
                "topic" => manifest.topic_names.push(r.fields::<1>()?[0].to_string()),
                "label" => {
                    let [slug, label] = r.fields()?;
                    manifest.topic_labels.insert(slug.into(), label.into());
                }
                "skipped" => {
                    let [position, id, reason] = r.fields()?;
                    manifest.skipped.push(SkippedItem {
                        position: r.number(position)?,
                        id: (!id.is_empty()).then(|| id.to_string()),
                        reason: reason.to_string(),
                    });
                }
                _ => {}
            }
        }
        let missing = |what: &str| damaged(MANIFEST_URL, format!("it has no {what} line"));
        manifest.articles = articles.ok_or_else(|| missing("articles"))?;
        let (docs, title_tokens, body_tokens) = totals.ok_or_else(|| missing("index"))?;
        manifest.index = IndexInfo {
            docs,
            title_tokens,
            body_tokens,
            table: terms.ok_or_else(|| missing("terms"))?,
        };
        manifest.bodies = bodies.ok_or_else(|| missing("bodies"))?;
        let counted: u64 = manifest.catalog.iter().map(|p| u64::from(p.count)).sum();
        if counted != u64::from(manifest.articles) || manifest.index.docs != manifest.articles {
            return Err(damaged(MANIFEST_URL, "its article counts do not add up"));
        }
        Ok(manifest)
    }

    pub fn skipped(&self) -> Vec<Skipped> {
        self.skipped
            .iter()
            .map(|s| Skipped {
                position: s.position,
                id: s.id.clone(),
                reason: s.reason.clone(),
            })
            .collect()
    }
}

/// FNV-1a, 64 bits: names files by content (cache busting and a check against
/// truncation or damage, not a security hash).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `data/<kind>-<hash>.<ext>`.
pub fn hashed_name(kind: &str, ext: &str, bytes: &[u8]) -> String {
    format!("data/{kind}-{:016x}.{ext}", fnv1a(bytes))
}

/// Checks a downloaded file against the hash in its name.
pub fn verify(part: &Part, bytes: &[u8]) -> Result<(), DataError> {
    let stem = part
        .file
        .rsplit_once('.')
        .map_or(part.file.as_str(), |s| s.0);
    let hash = stem.rsplit_once('-').map_or("", |s| s.1);
    let expected =
        u64::from_str_radix(hash, 16).map_err(|_| damaged(&part.file, "no hash in its name"))?;
    if bytes.len() as u64 != part.bytes {
        return Err(damaged(
            &part.file,
            format!("{} bytes instead of {}", bytes.len(), part.bytes),
        ));
    }
    if fnv1a(bytes) != expected {
        return Err(damaged(&part.file, "its content does not match its name"));
    }
    Ok(())
}

/// The body shard that holds an article.
pub fn shard_of(id: &str, shards: usize) -> usize {
    (fnv1a(id.as_bytes()) % shards.max(1) as u64) as usize
}

/// A catalog part: the list's fields for each article, in catalog order.
///
/// On disk it is tab-separated text, one article per line after a
/// `dateline-catalog 1` header: id, title, published (ISO, or empty), topics
/// (indices into the manifest's names, comma-separated), dateline, summary
/// (cut to 200 characters), photo count, title words, body words. Tabs and
/// line breaks inside a field become spaces (whitespace is not meaningful in
/// these fields). Compact, and parsed with no JSON machinery.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CatalogPart {
    pub ids: Vec<String>,
    pub titles: Vec<String>,
    pub published: Vec<Option<Timestamp>>,
    pub topics: Vec<Vec<u16>>,
    pub datelines: Vec<Option<String>>,
    pub summaries: Vec<String>,
    pub photos: Vec<u16>,
    /// Title and body word counts, for search ranking.
    pub title_len: Vec<u16>,
    pub body_len: Vec<u32>,
}

/// A short summary for the list: the article's summary cut to this many characters.
pub const LIST_SUMMARY_CHARS: usize = 200;
const CATALOG_HEADER: &str = "dateline-catalog\t1";

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

impl CatalogPart {
    pub fn push(&mut self, article: &Article, topic_ids: Vec<u16>, lengths: (u16, u32)) {
        self.ids.push(article.id.clone());
        self.titles.push(article.title.clone());
        self.published.push(article.published);
        self.topics.push(topic_ids);
        self.datelines.push(article.dateline.clone());
        self.summaries.push(crate::model::text::truncate_words(
            &article.summary,
            LIST_SUMMARY_CHARS,
        ));
        self.photos
            .push(article.photos.len().min(usize::from(u16::MAX)) as u16);
        self.title_len.push(lengths.0);
        self.body_len.push(lengths.1);
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The part as written to disk.
    pub fn to_text(&self) -> String {
        let mut out = String::from(CATALOG_HEADER);
        out.push('\n');
        for i in 0..self.len() {
            let topics: Vec<String> = self.topics[i].iter().map(u16::to_string).collect();
            let fields = [
                self.ids[i].clone(),
                one_line(&self.titles[i]),
                self.published[i].map(|p| p.to_string()).unwrap_or_default(),
                topics.join(","),
                one_line(self.datelines[i].as_deref().unwrap_or("")),
                one_line(&self.summaries[i]),
                self.photos[i].to_string(),
                self.title_len[i].to_string(),
                self.body_len[i].to_string(),
            ];
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
        out
    }

    /// Parses and checks a part: its hash and size, its header, nine fields
    /// per line, valid ids, dates and numbers, known topics, as many
    /// articles as the manifest says. Anything else means the file is damaged.
    pub fn parse(part: &Part, bytes: &[u8], manifest: &Manifest) -> Result<CatalogPart, DataError> {
        verify(part, bytes)?;
        let text = std::str::from_utf8(bytes).map_err(|_| damaged(&part.file, "not UTF-8 text"))?;
        let mut lines = text.lines();
        if lines.next() != Some(CATALOG_HEADER) {
            return Err(damaged(&part.file, "not a catalog part"));
        }
        let mut parsed = CatalogPart::default();
        for (n, line) in lines.enumerate() {
            let bad = |what: &str| damaged(&part.file, format!("line {}: {what}", n + 2));
            let fields: Vec<&str> = line.split('\t').collect();
            let [id, title, published, topics, dateline, summary, photos, title_len, body_len] =
                fields[..]
            else {
                return Err(bad("not nine fields"));
            };
            if !is_valid_id(id) {
                return Err(bad("invalid id"));
            }
            let number = |s: &str| s.parse::<u32>().map_err(|_| bad("not a number"));
            let mut topic_ids = Vec::new();
            for t in topics.split(',').filter(|t| !t.is_empty()) {
                let t = number(t)?;
                if t as usize >= manifest.topic_names.len() {
                    return Err(bad("unknown topic"));
                }
                topic_ids.push(t as u16);
            }
            parsed.ids.push(id.to_string());
            parsed.titles.push(title.to_string());
            parsed.published.push(if published.is_empty() {
                None
            } else {
                Some(Timestamp::parse(published).map_err(|_| bad("invalid date"))?)
            });
            parsed.topics.push(topic_ids);
            parsed
                .datelines
                .push((!dateline.is_empty()).then(|| dateline.to_string()));
            parsed.summaries.push(summary.to_string());
            parsed
                .photos
                .push(number(photos)?.min(u32::from(u16::MAX)) as u16);
            parsed
                .title_len
                .push(number(title_len)?.min(u32::from(u16::MAX)) as u16);
            parsed.body_len.push(number(body_len)?);
        }
        if parsed.len() != part.count as usize {
            return Err(damaged(
                &part.file,
                format!("{} articles instead of {}", parsed.len(), part.count),
            ));
        }
        Ok(parsed)
    }

    /// Appends this part's articles (bodies empty) to the catalog and their
    /// word counts to the search statistics.
    pub fn append_to(self, manifest: &Manifest, catalog: &mut Catalog, stats: &mut DocStats) {
        let columns = self
            .ids
            .into_iter()
            .zip(self.titles)
            .zip(self.published)
            .zip(self.topics)
            .zip(self.datelines)
            .zip(self.summaries);
        for (((((id, title), published), topics), dateline), summary) in columns {
            catalog.articles.push(Article {
                id,
                title,
                title_derived: false,
                topics: topics
                    .into_iter()
                    .map(|t| manifest.topic_names[usize::from(t)].clone())
                    .collect(),
                published,
                published_inferred: false,
                updated: None,
                dateline,
                source: None,
                byline: None,
                summary,
                body: Vec::new(),
                photos: Vec::new(),
                credit: None,
                source_url: None,
            });
        }
        catalog.photo_counts.extend(self.photos);
        for (t, b) in self.title_len.into_iter().zip(self.body_len) {
            stats.push(t, b);
        }
    }
}

const SHARD_KIND: &str = "dateline-bodies";
const SHARD_TABLE_KIND: &str = "dateline-shards";

/// A body shard: whole articles. Each starts with an `article` record (id,
/// title, flags `d` derived title / `i` inferred date, published, updated,
/// dateline, source, byline, credit, source URL, summary; an empty field is
/// absent), followed by its `topic`, `paragraph`, `link` (text, href) and
/// `photo` (url, alt, caption, credit) records in order.
#[derive(Debug, Default)]
pub struct BodyShard {
    pub articles: Vec<Article>,
}

fn optional(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

impl BodyShard {
    /// One article's records, ready to be joined into a shard.
    pub fn article_text(a: &Article) -> String {
        let mut out = String::new();
        let flags = match (a.title_derived, a.published_inferred) {
            (true, true) => "di",
            (true, false) => "d",
            (false, true) => "i",
            (false, false) => "",
        };
        let time = |t: Option<Timestamp>| t.map(|t| t.to_string()).unwrap_or_default();
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        push_record(
            &mut out,
            &[
                "article",
                &a.id,
                &a.title,
                flags,
                &time(a.published),
                &time(a.updated),
                &opt(&a.dateline),
                &opt(&a.source),
                &opt(&a.byline),
                &opt(&a.credit),
                &opt(&a.source_url),
                &a.summary,
            ],
        );
        for topic in &a.topics {
            push_record(&mut out, &["topic", topic]);
        }
        for block in &a.body {
            match block {
                Block::Paragraph { text } => push_record(&mut out, &["paragraph", text]),
                Block::Link { text, href } => push_record(&mut out, &["link", text, href]),
                Block::Unknown => {}
            }
        }
        for p in &a.photos {
            let [url, alt, credit] = [&p.url, &p.alt, &p.credit].map(opt);
            push_record(&mut out, &["photo", &url, &alt, &p.caption, &credit]);
        }
        out
    }

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
                let [id, title, flags, published, updated, dateline, source, byline, credit, source_url, summary] =
                    r.fields()?;
                let time = |t: &str| match t {
                    "" => Ok(None),
                    t => Timestamp::parse(t)
                        .map(Some)
                        .map_err(|_| r.error("invalid date")),
                };
                if !is_valid_id(id) {
                    return Err(r.error("invalid id"));
                }
                articles.push(Article {
                    id: id.into(),
                    title: title.into(),
                    title_derived: flags.contains('d'),
                    topics: Vec::new(),
                    published: time(published)?,
                    published_inferred: flags.contains('i'),
                    updated: time(updated)?,
                    dateline: optional(dateline),
                    source: optional(source),
                    byline: optional(byline),
                    summary: summary.into(),
                    body: Vec::new(),
                    photos: Vec::new(),
                    credit: optional(credit),
                    source_url: optional(source_url),
                });
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
                    let [text, href] = r.fields()?;
                    a.body.push(Block::Link {
                        text: text.into(),
                        href: href.into(),
                    });
                }
                "photo" => {
                    let [url, alt, caption, credit] = r.fields()?;
                    a.photos.push(Photo {
                        url: optional(url),
                        alt: optional(alt),
                        caption: caption.into(),
                        credit: optional(credit),
                    });
                }
                _ => {}
            }
        }
        Ok(BodyShard { articles })
    }
}

/// The body shard table: a `shard file bytes` record per shard, in order.
pub fn shard_table_text(parts: &[Part]) -> String {
    let mut out = records::header(SHARD_TABLE_KIND, DATA_VERSION);
    for p in parts {
        push_record(&mut out, &["shard", &p.file, &p.bytes.to_string()]);
    }
    out
}

pub fn parse_shard_table(part: &Part, bytes: &[u8]) -> Result<Vec<Part>, DataError> {
    verify(part, bytes)?;
    let lines = records::read(&part.file, bytes, SHARD_TABLE_KIND, DATA_VERSION)?;
    lines
        .iter()
        .filter(|r| r.kind() == "shard")
        .map(|r| Part::read(r, r.fields()?))
        .collect()
}

/// A fresh catalog and statistics for a manifest, to which parts are appended.
pub fn empty_catalog(manifest: &Manifest) -> (Catalog, DocStats) {
    let catalog = Catalog {
        topic_labels: manifest.topic_labels.clone(),
        skipped: manifest.skipped(),
        ..Catalog::default()
    };
    let stats = DocStats {
        docs: manifest.index.docs,
        title_tokens: manifest.index.title_tokens,
        body_tokens: manifest.index.body_tokens,
        ..DocStats::default()
    };
    (catalog, stats)
}
