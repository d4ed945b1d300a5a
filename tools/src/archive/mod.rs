//! The permanent archive: every article a subscription ever brought, kept in
//! the content directory as the v2 bundle's article records, one JSON Lines
//! file per month of publication (`archive/2026-12.jsonl`, undated ones in
//! `archive/undated.jsonl`). Each line is one article record with an
//! `archive` object beside its fields (the keys that identify the entry and
//! the feeds that carried it), which the bundle loader ignores.
//!
//! Lines are in a stable order (publication time, then id) and a file is
//! rewritten only when its bytes change, so a daily update is a small diff
//! and a run with nothing new changes no byte. Files are written atomically
//! (temporary file and rename): a run killed at any point leaves each month
//! either as it was or as it is now, and the archive always loads. Two
//! updates at once are refused by a lock file.

pub mod merge;
pub mod similar;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::output::write_atomically;
use dateline_core::model::{Article, Tombstone};

/// The archive's folder inside a content directory.
pub const DIR: &str = "archive";
const UNDATED: &str = "undated";
const LOCK: &str = ".update.lock";

/// What identifies an archived article's entry, and where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// `guid:…`, `url:…` and `text:…` keys (`merge::entry_keys`): an entry
    /// with any of them is this article.
    pub keys: Vec<String>,
    /// The subscriptions that carried it, the first one's text kept.
    pub feeds: Vec<String>,
    /// Removed (`dateline remove`): the line keeps only the id, the date,
    /// the topics, the facet values by slug (`Tombstone`) and the keys, so
    /// the site keeps the article's place and numbers, and a feed that
    /// still carries the entry does not bring it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// A removed article's words, as hashes (`Tombstone::words`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<u32>,
}

/// What a removed article leaves (`Tombstone`): its place, numbers and
/// the hashes of its words.
pub fn tombstone_of(article: &Article) -> Tombstone {
    Tombstone {
        words: dateline_core::query::search::word_digest(article),
        ..Tombstone::of(article)
    }
}

/// One line of a month file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    #[serde(flatten)]
    pub article: Article,
    pub archive: Provenance,
}

impl Record {
    /// Keeps only what the article's place (`Tombstone`) and its entry's
    /// keys need: the facet values as the slugs they are numbered by, and
    /// the hashes of its words.
    pub fn remove(&mut self) {
        let kept = tombstone_of(&self.article);
        let mut facets: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (facet, slug) in kept.facets {
            facets.entry(facet).or_default().push(slug);
        }
        self.article = Article {
            id: kept.id,
            published: kept.published,
            topics: kept.topics,
            facets: (!facets.is_empty()).then(|| Box::new(facets)),
            ..Article::default()
        };
        self.archive.removed = true;
        self.archive.words = kept.words;
    }
}

/// The month file a record belongs in: `2026-12`, or `undated`.
pub fn month_of(article: &Article) -> String {
    match article.published {
        Some(t) => format!("{:04}-{:02}", t.date.year, t.date.month),
        None => UNDATED.to_string(),
    }
}

/// The archive of one content directory, in memory.
#[derive(Debug, Default)]
pub struct Archive {
    pub records: Vec<Record>,
}

impl Archive {
    /// Reads every month file of `content/archive/`; none yet is an empty
    /// archive. A line that cannot be read is an error naming file and line:
    /// an update must not write over what it could not read.
    pub fn read(content: &Path) -> Result<Archive, String> {
        let dir = content.join(DIR);
        let mut records = Vec::new();
        for path in month_files(&dir)? {
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for (n, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let record: Record = serde_json::from_str(line).map_err(|e| {
                    format!(
                        "{} line {}: not an archive record ({e})",
                        path.display(),
                        n + 1
                    )
                })?;
                records.push(record);
            }
        }
        Ok(Archive { records })
    }

    /// Each month file's bytes, lines in a stable order.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut months: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
        for record in &self.records {
            months
                .entry(month_of(&record.article))
                .or_default()
                .push(record);
        }
        months
            .into_iter()
            .map(|(month, mut records)| {
                records.sort_by(|a, b| {
                    (a.article.published, &a.article.id).cmp(&(b.article.published, &b.article.id))
                });
                let mut bytes = Vec::new();
                for record in records {
                    serde_json::to_writer(&mut bytes, record).expect("plain data serializes");
                    bytes.push(b'\n');
                }
                (format!("{month}.jsonl"), bytes)
            })
            .collect()
    }

    /// Writes the month files whose bytes changed and removes those no
    /// record is in any more; returns the files written or removed.
    pub fn write(&self, content: &Path) -> Result<Vec<PathBuf>, String> {
        let dir = content.join(DIR);
        let files = self.files();
        let mut changed = Vec::new();
        for (name, bytes) in &files {
            let path = dir.join(name);
            if fs::read(&path).is_ok_and(|old| old == *bytes) {
                continue;
            }
            write_atomically(&path, bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            changed.push(path);
        }
        for path in month_files(&dir)? {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if !files.contains_key(&name) {
                fs::remove_file(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                changed.push(path);
            }
        }
        Ok(changed)
    }

    /// The articles, for a build (removed ones are not).
    pub fn articles(&self) -> Vec<Article> {
        self.records
            .iter()
            .filter(|r| !r.archive.removed)
            .map(|r| r.article.clone())
            .collect()
    }

    /// The removed articles' places, for a build.
    pub fn removed(&self) -> Vec<Tombstone> {
        self.records
            .iter()
            .filter(|r| r.archive.removed)
            .map(|r| Tombstone {
                words: r.archive.words.clone(),
                ..Tombstone::of(&r.article)
            })
            .collect()
    }

    /// Removes the articles with these ids: each keeps its id, date, topics,
    /// facet slugs and keys (`Provenance::removed`) and loses everything else. Returns the ids
    /// removed now; an id the archive does not have is an error naming it,
    /// and then nothing is removed.
    pub fn remove(&mut self, ids: &[String]) -> Result<Vec<String>, String> {
        let unknown: Vec<&str> = ids
            .iter()
            .filter(|id| !self.records.iter().any(|r| &r.article.id == *id))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(format!(
                "no article with the id {} in the archive; nothing removed",
                unknown.join(", ")
            ));
        }
        let mut removed = Vec::new();
        for record in &mut self.records {
            if ids.contains(&record.article.id) && !record.archive.removed {
                record.remove();
                removed.push(record.article.id.clone());
            }
        }
        Ok(removed)
    }
}

/// `YYYY-MM.jsonl` and `undated.jsonl` in `dir`, in name order.
fn month_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display())),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.strip_suffix(".jsonl").is_some_and(|stem| {
                stem == UNDATED
                    || (stem.len() == 7
                        && stem.as_bytes()[4] == b'-'
                        && stem
                            .bytes()
                            .enumerate()
                            .all(|(i, b)| i == 4 || b.is_ascii_digit()))
            })
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Held while an update runs: a second update of the same archive is
/// refused instead of interleaving its writes with the first's.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    pub fn take(content: &Path) -> Result<Lock, String> {
        let dir = content.join(DIR);
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join(LOCK);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                use std::io::Write;
                let _ = writeln!(file, "{}", std::process::id());
                Ok(Lock { path })
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                let holder = holder.trim();
                // On Linux a lock left by a process that is gone can be told apart.
                if !holder.is_empty()
                    && Path::new("/proc/self").exists()
                    && !Path::new(&format!("/proc/{holder}")).exists()
                {
                    fs::remove_file(&path)
                        .map_err(|e| format!("cannot remove the stale {}: {e}", path.display()))?;
                    return Lock::take(content);
                }
                Err(format!(
                    "another update of {} is running (process {holder}); if none is, remove {}",
                    content.display(),
                    path.display()
                ))
            }
            Err(e) => Err(format!("cannot create {}: {e}", path.display())),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::Timestamp;

    fn record(id: &str, published: Option<&str>) -> Record {
        Record {
            article: Article {
                id: id.into(),
                title: format!("Title {id}"),
                published: published.map(|p| Timestamp::parse(p).unwrap()),
                ..Article::default()
            },
            archive: Provenance {
                keys: vec![format!("url:https://a.test/{id}")],
                feeds: vec!["https://a.test/feed".into()],
                removed: false,
                words: Vec::new(),
            },
        }
    }

    #[test]
    fn a_removed_article_is_a_line_of_id_date_and_keys_that_reads_back_removed() {
        let dir = scratch("removed");
        let mut archive = Archive {
            records: vec![
                record("a", Some("2026-12-01")),
                record("b", Some("2026-12-02")),
            ],
        };
        archive.remove(&["a".into()]).unwrap();
        archive.write(&dir).unwrap();
        let december = fs::read_to_string(dir.join("archive/2026-12.jsonl")).unwrap();
        let line = december.lines().find(|l| l.contains("\"a\"")).unwrap();
        assert!(!line.contains("Title a"), "{line}");
        assert!(
            line.contains("\"removed\":true") && line.contains("url:https://a.test/a"),
            "{line}"
        );
        let back = Archive::read(&dir).unwrap();
        assert_eq!(
            back.articles()
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["b"]
        );
        assert_eq!(back.removed().len(), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dateline-archive-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn months_are_files_in_a_stable_order_and_unchanged_ones_are_not_written() {
        let dir = scratch("months");
        let mut archive = Archive {
            records: vec![
                record("b", Some("2026-12-02T10:00:00Z")),
                record("a", Some("2026-12-01")),
                record("c", Some("2026-11-30T23:00:00Z")),
                record("d", None),
            ],
        };
        let written = archive.write(&dir).unwrap();
        let names: Vec<_> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["2026-11.jsonl", "2026-12.jsonl", "undated.jsonl"]);
        let december = fs::read_to_string(dir.join("archive/2026-12.jsonl")).unwrap();
        assert!(december.find("\"a\"").unwrap() < december.find("\"b\"").unwrap());
        assert!(
            archive.write(&dir).unwrap().is_empty(),
            "nothing changed, nothing written"
        );
        let back = Archive::read(&dir).unwrap();
        assert_eq!(back.records.len(), 4);
        assert!(back.records.contains(&archive.records[0]));
        archive.records.retain(|r| r.article.id != "c");
        let written = archive.write(&dir).unwrap();
        assert_eq!(
            written,
            [dir.join("archive/2026-11.jsonl")],
            "the emptied month is removed"
        );
        assert!(!dir.join("archive/2026-11.jsonl").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    /// A run stopped between two month files (here: the second one's write
    /// fails, as a full disk or a kill would stop it) leaves every file as
    /// it was or as it is now, and the archive loads.
    #[test]
    fn a_write_stopped_halfway_leaves_a_loadable_archive() {
        let dir = scratch("halfway");
        let mut archive = Archive {
            records: vec![
                record("a", Some("2026-11-01")),
                record("b", Some("2026-12-01")),
            ],
        };
        archive.write(&dir).unwrap();
        let old_december = fs::read(dir.join("archive/2026-12.jsonl")).unwrap();
        archive.records.push(record("c", Some("2026-11-02")));
        archive.records.push(record("d", Some("2026-12-02")));
        // The temporary file `write_atomically` writes December to cannot be made.
        let blocker = dir.join(format!("archive/.2026-12.jsonl.{}.tmp", std::process::id()));
        fs::create_dir_all(blocker.join("x")).unwrap();
        assert!(archive.write(&dir).is_err());
        let back = Archive::read(&dir).unwrap();
        let ids: Vec<_> = back.records.iter().map(|r| r.article.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "b"], "November new, December as it was");
        assert_eq!(
            fs::read(dir.join("archive/2026-12.jsonl")).unwrap(),
            old_december
        );
        fs::remove_dir_all(&blocker).unwrap();
        archive.write(&dir).unwrap();
        assert_eq!(
            Archive::read(&dir).unwrap().records.len(),
            4,
            "the next run finishes the job"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_line_stops_the_read_with_its_place() {
        let dir = scratch("damaged");
        fs::create_dir_all(dir.join(DIR)).unwrap();
        fs::write(dir.join("archive/2026-01.jsonl"), "{\"id\":\"a\"").unwrap();
        let error = Archive::read(&dir).unwrap_err();
        assert!(error.contains("2026-01.jsonl line 1"), "{error}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_second_update_is_refused_while_one_holds_the_lock() {
        let dir = scratch("lock");
        let lock = Lock::take(&dir).unwrap();
        assert!(Lock::take(&dir).unwrap_err().contains("another update"));
        drop(lock);
        let again = Lock::take(&dir);
        assert!(again.is_ok());
        drop(again);
        // A lock left by a process that is gone is taken over.
        fs::write(dir.join(DIR).join(LOCK), "999999999\n").unwrap();
        assert!(Lock::take(&dir).is_ok());
        let _ = fs::remove_dir_all(&dir);
    }
}
