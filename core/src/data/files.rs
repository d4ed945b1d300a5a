//! What every site data file but the manifest shares: it is named by a hash
//! of its bytes (`data/<kind>-<hash>.<ext>`) and listed with its size, and
//! the reader checks both. FNV-1a stays (rather than a crate's hash) because
//! it is a dozen lines, runs in the wasm on every downloaded byte, and only
//! has to catch truncation, damage and stale copies, not attackers.

use super::records::{Field, Slot};
use super::{damaged, DataError};

/// One hashed file and its size in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    pub file: String,
    pub bytes: u64,
    /// Articles in a catalog part; 0 for other files.
    pub count: u32,
}

/// A file and its size: `file bytes`.
pub const PART_FIELDS: &[Field<Part>] = &[
    Field::new("file", |v| Slot::Text(&mut v.file)),
    Field::new("bytes", |v| Slot::U64(&mut v.bytes)),
];

/// A catalog part: `file bytes count`.
pub const COUNTED_PART_FIELDS: &[Field<Part>] = &[
    PART_FIELDS[0],
    PART_FIELDS[1],
    Field::new("count", |v| Slot::U32(&mut v.count)),
];

/// FNV-1a, 64 bits.
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

/// Checks a downloaded file against the size listed and the hash in its name.
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
