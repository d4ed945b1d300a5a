//! What the reader keeps in their own browser: the articles they saved and
//! the ones they have read. Pure: the app stores it (as JSON, through
//! `gloo-storage`), syncs it across tabs and exports it to a file; this
//! module says what it holds, how a file is checked, and how two shelves
//! merge. Read and written with `crate::json`, not serde (see there why).
//!
//! The stored and the exported form are the same document, versioned, so a
//! newer Dateline can read an older one and an older one refuses a newer one
//! rather than dropping what it does not understand:
//! `{"format":"dateline-shelf","version":1,"saved":[{"id","title","saved_at"}],"read":["id",…]}`.

use crate::json::{write_string, Json};

pub const SHELF_FORMAT: &str = "dateline-shelf";
pub const SHELF_VERSION: u32 = 1;
/// Read marks kept at most (the oldest go first): a reader of a 200,000
/// article archive still fits in the 5 MB browsers give a site.
pub const MAX_READ: usize = 20_000;
/// Saved articles kept at most; saving past it says so instead.
pub const MAX_SAVED: usize = 5_000;

/// One saved article. The title is kept so an article a new deploy no
/// longer has can still be named.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedArticle {
    pub id: String,
    pub title: String,
    /// When it was saved, in whole milliseconds since 1970 (the browser's clock).
    pub saved_at: f64,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Shelf {
    /// Newest saved first.
    pub saved: Vec<SavedArticle>,
    /// Ids of read articles in the order they were read (oldest first).
    pub read: Vec<String>,
}

/// Why a stored value or an imported file was not taken. Nothing is changed
/// when one is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShelfError {
    #[error("This file is not a Dateline export (it is not JSON: {0}).")]
    NotJson(String),
    #[error("This file is not a Dateline export of saved articles.")]
    Foreign,
    #[error(
        "This file was written by a newer Dateline (version {0}); update this page and try again."
    )]
    Newer(u32),
    #[error("This file is a Dateline export but something in it is wrong: {0}.")]
    Invalid(String),
}

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Merged {
    pub saved: usize,
    pub read: usize,
}

impl Shelf {
    pub fn is_empty(&self) -> bool {
        self.saved.is_empty() && self.read.is_empty()
    }

    pub fn is_saved(&self, id: &str) -> bool {
        self.saved.iter().any(|s| s.id == id)
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.iter().any(|r| r == id)
    }

    /// Saves (first in the list) or unsaves; false when it is full.
    pub fn toggle_saved(&mut self, id: &str, title: &str, now: f64) -> bool {
        if let Some(at) = self.saved.iter().position(|s| s.id == id) {
            self.saved.remove(at);
            return true;
        }
        if self.saved.len() >= MAX_SAVED {
            return false;
        }
        self.saved.insert(
            0,
            SavedArticle {
                id: id.to_string(),
                title: title.to_string(),
                saved_at: now,
            },
        );
        true
    }

    /// Marks an article read (opening it does); false when it already was.
    pub fn mark_read(&mut self, id: &str) -> bool {
        if self.is_read(id) {
            return false;
        }
        self.read.push(id.to_string());
        if self.read.len() > MAX_READ {
            self.read.drain(..self.read.len() - MAX_READ);
        }
        true
    }

    pub fn toggle_read(&mut self, id: &str) {
        if let Some(at) = self.read.iter().position(|r| r == id) {
            self.read.remove(at);
        } else {
            self.mark_read(id);
        }
    }

    /// Adds what `other` has and this shelf lacks; an article saved in both
    /// keeps this shelf's entry. Saved articles stay newest saved first.
    pub fn merge(&mut self, other: Shelf) -> Merged {
        let mut merged = Merged::default();
        for entry in other.saved {
            if self.insert_saved(entry) {
                merged.saved += 1;
            }
        }
        for id in other.read {
            if self.mark_read(&id) {
                merged.read += 1;
            }
        }
        merged
    }

    /// Adds an entry where its date puts it (after those saved at the same
    /// instant), unless it is there already or the shelf is full. Inserted
    /// in place rather than sorted: a sort is kilobytes of wasm.
    fn insert_saved(&mut self, entry: SavedArticle) -> bool {
        if self.is_saved(&entry.id) || self.saved.len() >= MAX_SAVED {
            return false;
        }
        let at = self.saved.partition_point(|s| s.saved_at >= entry.saved_at);
        self.saved.insert(at, entry);
        true
    }

    /// The stored and exported form.
    pub fn to_json(&self) -> String {
        let mut out = format!(r#"{{"format":"{SHELF_FORMAT}","version":{SHELF_VERSION},"saved":["#);
        for (i, s) in self.saved.iter().enumerate() {
            out.push_str(if i == 0 { "{" } else { ",{" });
            out.push_str(r#""id":"#);
            write_string(&mut out, &s.id);
            out.push_str(r#","title":"#);
            write_string(&mut out, &s.title);
            // Whole milliseconds: integers read back exactly.
            out.push_str(&format!(
                r#","saved_at":{}}}"#,
                s.saved_at.clamp(0.0, 9e15) as u64
            ));
        }
        out.push_str(r#"],"read":["#);
        for (i, id) in self.read.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_string(&mut out, id);
        }
        out.push_str("]}");
        out
    }

    /// Reads a stored value or an imported file, checking that it is ours
    /// and that every entry is usable: ids are non-empty and short, and
    /// duplicates are dropped.
    pub fn from_json(text: &str) -> Result<Shelf, ShelfError> {
        let value = Json::parse(text).map_err(ShelfError::NotJson)?;
        if value.get("format").and_then(Json::as_str) != Some(SHELF_FORMAT) {
            return Err(ShelfError::Foreign);
        }
        match value.get("version").and_then(Json::as_f64) {
            Some(v) if v > f64::from(SHELF_VERSION) => {
                return Err(ShelfError::Newer(v.min(f64::from(u32::MAX)) as u32))
            }
            Some(v) if v >= 1.0 && v.fract() == 0.0 => {}
            _ => return Err(ShelfError::Invalid("it has no valid version".into())),
        }
        let list = |key: &str| -> Result<&[Json], ShelfError> {
            match value.get(key) {
                None => Ok(&[]),
                Some(Json::Array(items)) => Ok(items),
                Some(_) => Err(invalid(&format!("“{key}” is not a list"))),
            }
        };
        let mut shelf = Shelf::default();
        for entry in list("saved")? {
            let id = entry
                .get("id")
                .and_then(Json::as_str)
                .ok_or_else(|| invalid("a saved article has no id"))?;
            check_id(id)?;
            let title = match entry.get("title") {
                None => "",
                Some(t) => t
                    .as_str()
                    .ok_or_else(|| invalid("a saved article's title is not text"))?,
            };
            let saved_at = match entry.get("saved_at") {
                None => 0.0,
                Some(t) => t
                    .as_f64()
                    .filter(|t| t.is_finite())
                    .ok_or_else(|| invalid("a saved article's date is not a number"))?,
            };
            shelf.insert_saved(SavedArticle {
                id: id.to_string(),
                title: title.chars().take(500).collect(),
                saved_at,
            });
        }
        for id in list("read")? {
            let id = id
                .as_str()
                .ok_or_else(|| invalid("a read mark is not an id"))?;
            check_id(id)?;
            shelf.mark_read(id);
        }
        Ok(shelf)
    }
}

fn invalid(what: &str) -> ShelfError {
    ShelfError::Invalid(what.to_string())
}

fn check_id(id: &str) -> Result<(), ShelfError> {
    if id.is_empty() || id.len() > 200 || id.chars().any(char::is_control) {
        return Err(invalid(
            "an article id is empty, too long or has control characters",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shelf_with(saved: &[(&str, f64)], read: &[&str]) -> Shelf {
        let mut shelf = Shelf::default();
        for (id, at) in saved {
            shelf.toggle_saved(id, &format!("Title {id}"), *at);
        }
        for id in read {
            shelf.mark_read(id);
        }
        shelf
    }

    #[test]
    fn saving_twice_unsaves_and_the_newest_saved_comes_first() {
        let mut shelf = shelf_with(&[("a", 1.0), ("b", 2.0)], &[]);
        assert_eq!(
            shelf
                .saved
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert!(shelf.toggle_saved("a", "A", 3.0));
        assert!(!shelf.is_saved("a"));
        assert!(shelf.is_saved("b"));
        assert_eq!(shelf.saved[0].title, "Title b");
    }

    #[test]
    fn read_marks_are_kept_once_and_the_oldest_go_past_the_limit() {
        let mut shelf = Shelf::default();
        assert!(shelf.mark_read("a"));
        assert!(!shelf.mark_read("a"));
        shelf.toggle_read("a");
        assert!(!shelf.is_read("a"));
        shelf.toggle_read("a");
        assert!(shelf.is_read("a"));
        for i in 0..MAX_READ {
            shelf.mark_read(&format!("x{i}"));
        }
        assert_eq!(shelf.read.len(), MAX_READ);
        assert!(!shelf.is_read("a"), "the oldest mark went first");
        assert!(shelf.is_read(&format!("x{}", MAX_READ - 1)));
    }

    #[test]
    fn a_full_shelf_refuses_to_save_more() {
        let mut shelf = Shelf::default();
        for i in 0..MAX_SAVED {
            assert!(shelf.toggle_saved(&format!("a{i}"), "", i as f64));
        }
        assert!(!shelf.toggle_saved("one-more", "", 0.0));
        assert!(!shelf.is_saved("one-more"));
        assert!(shelf.toggle_saved("a0", "", 0.0), "unsaving still works");
    }

    #[test]
    fn the_stored_form_reads_back_as_it_was() {
        let shelf = shelf_with(&[("a", 1.0), ("b-2\"☃", 1700000000000.0)], &["a", "c"]);
        let json = shelf.to_json();
        assert!(
            json.starts_with(r#"{"format":"dateline-shelf","version":1,"#),
            "{json}"
        );
        assert_eq!(Shelf::from_json(&json).unwrap(), shelf);
        assert_eq!(
            Shelf::from_json(&Shelf::default().to_json()).unwrap(),
            Shelf::default()
        );
    }

    #[test]
    fn merging_adds_only_what_is_missing() {
        let mut mine = shelf_with(&[("a", 1.0), ("b", 5.0)], &["a"]);
        let theirs = shelf_with(&[("b", 9.0), ("c", 3.0)], &["a", "c"]);
        let merged = mine.merge(theirs.clone());
        assert_eq!(merged, Merged { saved: 1, read: 1 });
        let order: Vec<(&str, f64)> = mine
            .saved
            .iter()
            .map(|s| (s.id.as_str(), s.saved_at))
            .collect();
        assert_eq!(
            order,
            [("b", 5.0), ("c", 3.0), ("a", 1.0)],
            "b keeps its own date"
        );
        assert_eq!(mine.read, ["a", "c"]);
        assert_eq!(
            mine.merge(theirs),
            Merged::default(),
            "merging again adds nothing"
        );
    }

    #[test]
    fn foreign_and_malformed_files_are_refused_with_their_reason() {
        let err = |text: &str| Shelf::from_json(text).unwrap_err();
        assert!(matches!(err("not json"), ShelfError::NotJson(_)));
        assert!(matches!(err(""), ShelfError::NotJson(_)));
        assert_eq!(err("[1,2]"), ShelfError::Foreign);
        assert_eq!(err(r#"{"saved":[]}"#), ShelfError::Foreign);
        assert_eq!(
            err(r#"{"format":"other","version":1}"#),
            ShelfError::Foreign
        );
        assert_eq!(
            err(r#"{"format":"dateline-shelf","version":2}"#),
            ShelfError::Newer(2)
        );
        assert!(matches!(
            err(r#"{"format":"dateline-shelf"}"#),
            ShelfError::Invalid(_)
        ));
        for bad in [
            r#"{"format":"dateline-shelf","version":1,"saved":{"id":"a"}}"#,
            r#"{"format":"dateline-shelf","version":1,"saved":[{"title":"no id"}]}"#,
            r#"{"format":"dateline-shelf","version":1,"saved":[{"id":""}]}"#,
            r#"{"format":"dateline-shelf","version":1,"read":[3]}"#,
            r#"{"format":"dateline-shelf","version":1,"read":["a\nb"]}"#,
        ] {
            assert!(matches!(err(bad), ShelfError::Invalid(_)), "{bad}");
        }
        // Messages a reader can act on.
        assert!(err("[1]").to_string().contains("not a Dateline export"));
        assert!(err(r#"{"format":"dateline-shelf","version":7}"#)
            .to_string()
            .contains("newer Dateline"));
    }

    #[test]
    fn a_file_with_duplicates_reads_as_one_entry_each() {
        let text = r#"{"format":"dateline-shelf","version":1,
            "saved":[{"id":"a","title":"A","saved_at":1},{"id":"a","title":"A again","saved_at":2},{"id":"b","saved_at":3}],
            "read":["a","a","b"],"future_field":true}"#;
        let shelf = Shelf::from_json(text).unwrap();
        assert_eq!(shelf.saved.len(), 2);
        assert_eq!(shelf.saved[0].id, "b");
        assert_eq!(shelf.saved[1].title, "A");
        assert_eq!(shelf.read, ["a", "b"]);
    }
}
