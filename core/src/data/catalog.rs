//! Catalog parts (`data/catalog-*.txt`): the list's fields for each article,
//! in catalog order (newest first), one `article` record per line. The app
//! needs them all for its counts, so this is the hot path at 200k articles.

use super::files::{verify, Part};
use super::manifest::Manifest;
#[cfg(not(target_arch = "wasm32"))]
use super::records::push_fields;
use super::records::{self, Field, Slot};
use super::{damaged, DataError};

use crate::model::{Article, Catalog, Timestamp};
use crate::query::search::DocStats;

const CATALOG_KIND: &str = "dateline-catalog";
/// Version 2: escaped fields (version 1 flattened tabs and line breaks) and
/// a record kind per line, like every other text file. Version 3: facets.
const CATALOG_VERSION: u32 = 3;

/// A short summary for the list: the article's summary cut to this many characters.
pub const LIST_SUMMARY_CHARS: usize = 200;

/// One article as the list sees it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CatalogEntry {
    pub id: String,
    pub title: String,
    pub published: Option<Timestamp>,
    /// Indices into the manifest's topic names.
    pub topics: Vec<u16>,
    pub dateline: Option<String>,
    /// Cut to `LIST_SUMMARY_CHARS`.
    pub summary: String,
    pub photos: u16,
    /// Title and body word counts, for search ranking.
    pub title_len: u16,
    pub body_len: u32,
    /// Numbers of its facet values in the manifest's table.
    pub facets: Vec<u16>,
}

/// `article id title published topics dateline summary photos title-words
/// body-words facets`; topics and facets comma-separated, an empty optional
/// field is absent.
const ENTRY_FIELDS: &[Field<CatalogEntry>] = &[
    Field::new("id", |v| Slot::Id(&mut v.id)),
    Field::new("title", |v| Slot::Text(&mut v.title)),
    Field::new("published", |v| Slot::Time(&mut v.published)),
    Field::new("topics", |v| Slot::Numbers(&mut v.topics)),
    Field::new("dateline", |v| Slot::Optional(&mut v.dateline)),
    Field::new("summary", |v| Slot::Text(&mut v.summary)),
    Field::new("photos", |v| Slot::U16(&mut v.photos)),
    Field::new("title words", |v| Slot::U16(&mut v.title_len)),
    Field::new("body words", |v| Slot::U32(&mut v.body_len)),
    Field::new("facets", |v| Slot::Numbers(&mut v.facets)),
];

/// A catalog part: its articles in catalog order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CatalogPart {
    pub entries: Vec<CatalogEntry>,
}

impl CatalogPart {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn push(
        &mut self,
        article: &Article,
        topics: Vec<u16>,
        facets: Vec<u16>,
        (title_len, body_len): (u16, u32),
    ) {
        self.entries.push(CatalogEntry {
            id: article.id.clone(),
            title: article.title.clone(),
            published: article.published,
            topics,
            dateline: article.dateline.clone(),
            summary: crate::model::text::truncate_words(&article.summary, LIST_SUMMARY_CHARS),
            photos: article.photos.len().min(usize::from(u16::MAX)) as u16,
            title_len,
            body_len,
            facets,
        });
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// The part as written to disk.
    pub fn to_text(&self) -> String {
        let mut out = records::header(CATALOG_KIND, CATALOG_VERSION);
        for entry in &self.entries {
            push_fields(&mut out, "article", entry, ENTRY_FIELDS);
        }
        out
    }

    /// Parses and checks a part: its hash and size, its header, every
    /// field, known topics, as many articles as the manifest says. Anything
    /// else means the file is damaged.
    pub fn parse(part: &Part, bytes: &[u8], manifest: &Manifest) -> Result<CatalogPart, DataError> {
        verify(part, bytes)?;
        let lines = records::read(&part.file, bytes, CATALOG_KIND, CATALOG_VERSION)?;
        let mut entries = Vec::with_capacity(lines.len());
        for r in lines.iter().filter(|r| r.kind() == "article") {
            let entry = r.read_into(ENTRY_FIELDS)?;
            if entry
                .topics
                .iter()
                .any(|&t| usize::from(t) >= manifest.topic_names.len())
            {
                return Err(r.error("topics: unknown topic"));
            }
            let values = manifest.facets.as_ref().map_or(0, |f| f.count as usize);
            if entry.facets.iter().any(|&f| usize::from(f) >= values) {
                return Err(r.error("facets: unknown facet value"));
            }
            entries.push(entry);
        }
        if entries.len() != part.count as usize {
            return Err(damaged(
                &part.file,
                format!("{} articles instead of {}", entries.len(), part.count),
            ));
        }
        Ok(CatalogPart { entries })
    }

    /// Appends this part's articles (bodies empty) to the catalog and their
    /// word counts to the search statistics.
    pub fn append_to(self, manifest: &Manifest, catalog: &mut Catalog, stats: &mut DocStats) {
        for entry in self.entries {
            catalog.articles.push(Article {
                id: entry.id,
                title: entry.title,
                topics: entry
                    .topics
                    .iter()
                    .map(|&t| manifest.topic_names[usize::from(t)].clone())
                    .collect(),
                published: entry.published,
                dateline: entry.dateline,
                summary: entry.summary,
                ..Article::default()
            });
            catalog.photo_counts.push(entry.photos);
            catalog.facets.articles.push(entry.facets);
            stats.push(entry.title_len, entry.body_len);
        }
    }
}

/// A fresh catalog and statistics for a manifest, to which parts are appended.
pub fn empty_catalog(manifest: &Manifest) -> (Catalog, DocStats) {
    let mut catalog = Catalog {
        topic_labels: manifest.topic_labels.clone(),
        skipped: manifest.skipped.clone(),
        ..Catalog::default()
    };
    // Room for every article at once: growing by doubling kept up to twice
    // the list in memory (Reuters: 27 MB of wasm memory against 21 MB). A
    // damaged manifest cannot make this huge: a catalog record takes at
    // least 16 bytes of the parts the manifest lists.
    let catalog_bytes: u64 = manifest.catalog.iter().map(|p| p.bytes).sum();
    let room = u64::from(manifest.articles).min(catalog_bytes / 16) as usize;
    catalog.articles.reserve_exact(room);
    catalog.photo_counts.reserve_exact(room);
    let mut stats = DocStats {
        docs: manifest.index.docs,
        title_tokens: manifest.index.title_tokens,
        body_tokens: manifest.index.body_tokens,
        ..DocStats::default()
    };
    stats.title_len.reserve_exact(room);
    stats.body_len.reserve_exact(room);
    (catalog, stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::hashed_name;

    fn manifest(topics: &[&str]) -> Manifest {
        Manifest {
            topic_names: topics.iter().map(|t| t.to_string()).collect(),
            ..Manifest::default()
        }
    }

    fn part_for(text: &str, count: u32) -> Part {
        Part {
            file: hashed_name("catalog", "txt", text.as_bytes()),
            bytes: text.len() as u64,
            count,
        }
    }

    #[test]
    fn every_field_comes_back_exactly() {
        let entry = CatalogEntry {
            id: "a-1".into(),
            title: "Tabs\tand\nbreaks \\ kept".into(),
            published: Some(Timestamp::parse("2025-09-04T03:38:00-04:00").unwrap()),
            topics: vec![1, 0],
            dateline: Some("MEXICO CITY (AP)".into()),
            summary: "Two\nlines".into(),
            photos: 3,
            title_len: 4,
            body_len: 812,
            facets: vec![2, 0],
        };
        let undated = CatalogEntry {
            id: "b".into(),
            ..CatalogEntry::default()
        };
        let written = CatalogPart {
            entries: vec![entry, undated],
        };
        let text = written.to_text();
        let mut known = manifest(&["x", "y"]);
        known.facets = Some(Part {
            count: 3,
            ..Part::default()
        });
        let read = CatalogPart::parse(&part_for(&text, 2), text.as_bytes(), &known);
        assert_eq!(read.unwrap(), written);
        // A facet number past the manifest's table is damage.
        known.facets.as_mut().unwrap().count = 2;
        let err = CatalogPart::parse(&part_for(&text, 2), text.as_bytes(), &known).unwrap_err();
        assert!(
            err.to_string().contains("facets: unknown facet value"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_line_names_its_field() {
        let text = "dateline-catalog\t3\narticle\tok\tTitle\tnot a date\t\t\t\t0\t1\t2\t\n";
        let err = CatalogPart::parse(&part_for(text, 1), text.as_bytes(), &manifest(&[]));
        assert_eq!(
            err.unwrap_err().to_string(),
            format!(
                "{} is damaged (line 2: published: invalid date)",
                part_for(text, 1).file
            )
        );
        let unknown_topic = "dateline-catalog\t3\narticle\tok\tTitle\t\t5\t\t\t0\t1\t2\t\n";
        let err = CatalogPart::parse(
            &part_for(unknown_topic, 1),
            unknown_topic.as_bytes(),
            &manifest(&["only"]),
        );
        assert!(err
            .unwrap_err()
            .to_string()
            .contains("line 2: topics: unknown topic"));
        let short = "dateline-catalog\t3\narticle\tok\tTitle\n";
        let err = CatalogPart::parse(&part_for(short, 1), short.as_bytes(), &manifest(&[]));
        assert!(err
            .unwrap_err()
            .to_string()
            .contains("line 2: 2 fields instead of 10"));
    }

    #[test]
    fn a_version_1_part_is_not_read_as_version_2() {
        // Version 1 had no record kind: its lines would be misread, so it must not
        // parse (a newer app reads only what the matching build wrote).
        let v1 = "dateline-catalog\t1\nok\tTitle\t\t\t\t\t0\t1\t2\n";
        let err = CatalogPart::parse(&part_for(v1, 1), v1.as_bytes(), &manifest(&[]));
        assert!(err.is_err());
    }
}
