//! `data/facets-*.txt`: the facet values the catalog parts number, one
//! `value facet slug label` record each, in number order. Fetched right
//! after the first catalog part: the first screen does without them.

use super::files::{verify, Part};
#[cfg(not(target_arch = "wasm32"))]
use super::records::push_fields;
use super::records::{self, Field, Slot};
use super::{damaged, DataError, DATA_VERSION};
use crate::model::facets::FacetValue;

const FACETS_KIND: &str = "dateline-facets";

const VALUE_FIELDS: &[Field<FacetValue>] = &[
    Field::new("facet", |v| Slot::Text(&mut v.facet)),
    Field::new("slug", |v| Slot::Text(&mut v.slug)),
    Field::new("label", |v| Slot::Text(&mut v.label)),
];

#[cfg(not(target_arch = "wasm32"))]
pub fn facets_text(values: &[FacetValue]) -> String {
    let mut out = records::header(FACETS_KIND, DATA_VERSION);
    for value in values {
        push_fields(&mut out, "value", value, VALUE_FIELDS);
    }
    out
}

/// Reads the values, checking there are as many as the manifest says.
pub fn parse_facets(part: &Part, bytes: &[u8]) -> Result<Vec<FacetValue>, DataError> {
    verify(part, bytes)?;
    let lines = records::read(&part.file, bytes, FACETS_KIND, DATA_VERSION)?;
    // Room as the file can hold (a record is at least 8 bytes), not as the
    // manifest claims: a damaged count must not reserve gigabytes.
    let mut values = Vec::with_capacity((part.count as usize).min(bytes.len() / 8));
    for r in lines.iter().filter(|r| r.kind() == "value") {
        values.push(r.read_into(VALUE_FIELDS)?);
    }
    if values.len() != part.count as usize {
        return Err(damaged(
            &part.file,
            format!("{} values instead of {}", values.len(), part.count),
        ));
    }
    Ok(values)
}
