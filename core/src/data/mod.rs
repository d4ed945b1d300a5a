//! The sharded site data the app reads (see `docs/format.md`, "Site data"),
//! a module per kind of file: the `manifest`, the `catalog` in parts (what
//! the list and filters need, newest first), article bodies in `shards` and
//! the search `index` in chunks; `files` is what they share (hashed names,
//! sizes, checks), `records` the line format of the text files, and
//! `archive` what the app holds as they arrive. Every file but the manifest
//! is named by a hash of its bytes, which the reader checks, so a stale,
//! truncated or damaged file is an error for the part it holds, never wrong
//! results.

pub mod archive;
pub mod body;
pub mod catalog;
pub mod facets;
pub mod files;
pub mod index;
pub mod layout;
pub mod manifest;
pub mod records;
pub mod shards;

pub use catalog::{empty_catalog, CatalogEntry, CatalogPart, LIST_SUMMARY_CHARS};
pub use files::{fnv1a, hashed_name, verify, Part};
pub use manifest::{IndexInfo, Manifest};
pub use shards::{parse_shard_table, BodyShard};

pub const DATA_FORMAT: &str = "dateline-data";
/// Version 2: the append-friendly layout (`layout`): a catalog head, index
/// segments, body shards in age order with their article counts.
pub const DATA_VERSION: u32 = 2;
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
