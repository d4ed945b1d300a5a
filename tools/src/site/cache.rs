//! The build cache (`dateline build --cache DIR`): what one build leaves for
//! the next, so that the next build processes only the newest articles. It
//! holds the data files of the last build (hard links where the file system
//! allows, so they cost no space) and `state.json`: a fingerprint of every
//! article, the word counts the ranking needs, the related stories'
//! choosing state as it was at the start of the open unit (`related::Related`,
//! `layout::open_unit_start`), and which files hold which articles.
//!
//! The next build takes it up when the articles of the sealed units are
//! unchanged: it takes their files as they are and processes the open
//! unit's articles again with the new ones, so the day's new articles, and
//! the edits and removals feeds make to their recent stories, cost only the
//! newest thousand articles' work. A file is taken only where the layout
//! (`dateline_core::data::layout`) makes it a function of articles that did
//! not change, so the output is the same as a clean build's, byte for byte.
//! Anything else (an older article edited or removed, another version of
//! the builder, a damaged cache) makes a clean build, which refills the cache.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::related::Related;
use crate::output::write_atomically;
use dateline_core::data::layout::open_unit_start;
use dateline_core::data::{Part, MANIFEST_URL};
use dateline_core::model::Article;

const FORMAT: &str = "dateline-build-cache";
/// Raised whenever what the builder writes changes: an old cache is then
/// ignored, never misread.
const VERSION: u32 = 3;
const STATE: &str = "state.json";

/// One group of the layout and its files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Its articles by age (0 the oldest).
    pub ages: Range<usize>,
    /// The file the manifest or a table lists for it.
    pub file: String,
    pub bytes: u64,
    pub count: u32,
    /// Every file it consists of (an index segment: its table, chunks and lexicon).
    pub files: Vec<String>,
}

impl Group {
    pub fn new(ages: Range<usize>, part: &Part, files: Vec<String>) -> Group {
        Group {
            ages,
            file: part.file.clone(),
            bytes: part.bytes,
            count: part.count,
            files,
        }
    }

    pub fn part(&self) -> Part {
        Part {
            file: self.file.clone(),
            bytes: self.bytes,
            count: self.count,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuildState {
    pub format: String,
    pub version: u32,
    /// Per article by age: a hash of the article as the bundle holds it.
    pub fingerprints: Vec<u64>,
    /// Per article by age: its title and body words (the ranking's lengths).
    pub lens: Vec<(u16, u32)>,
    /// The related stories' choosing state at the start of the open unit:
    /// what the next build takes up (it chooses for the open unit again).
    pub related: Related,
    pub catalog: Vec<Group>,
    pub segments: Vec<Group>,
    pub shards: Vec<Group>,
}

impl BuildState {
    /// Every article's fingerprint, by age (the catalog is newest first):
    /// a hash of its JSON, taken 8 bytes at a time into one reused buffer
    /// (byte-wise FNV and a buffer per article were a sixth of a 200k
    /// archive's incremental build).
    pub fn fingerprints(articles: &[Article]) -> Vec<u64> {
        let mut json = Vec::new();
        articles
            .iter()
            .rev()
            .map(|a| {
                json.clear();
                serde_json::to_writer(&mut json, a).expect("an article serializes");
                fingerprint(&json)
            })
            .collect()
    }

    /// The articles (by age) whose files the next build can take as they
    /// are, if they did not change: those of the sealed units.
    pub fn sealed(&self) -> usize {
        self.related.seen()
    }

    fn groups(&self) -> impl Iterator<Item = &Group> {
        self.catalog
            .iter()
            .chain(&self.segments)
            .chain(&self.shards)
    }
}

/// FNV-1a over 64-bit words (the last one zero-padded), then the length.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        h ^= u64::from_le_bytes(word.try_into().expect("8 bytes"));
        h = h.wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    h ^= u64::from_le_bytes(last);
    h = h.wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    (h ^ bytes.len() as u64).wrapping_mul(0x0100_0000_01b3)
}

pub struct BuildCache {
    pub dir: PathBuf,
}

impl BuildCache {
    pub fn open(dir: &Path) -> BuildCache {
        BuildCache {
            dir: dir.to_path_buf(),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// The previous build's state, when the articles of its sealed units
    /// are the oldest of these, unchanged (by fingerprint, by age), and
    /// every file it names is at hand.
    pub fn state_for(&self, fingerprints: &[u64]) -> Option<BuildState> {
        let text = fs::read(self.dir.join(STATE)).ok()?;
        let state: BuildState = serde_json::from_slice(&text).ok()?;
        let n = state.fingerprints.len();
        let sealed = state.sealed();
        let usable = state.format == FORMAT
            && state.version == VERSION
            && sealed == open_unit_start(n)
            && sealed <= fingerprints.len()
            && state.fingerprints[..sealed] == fingerprints[..sealed]
            && state.lens.len() == n
            && state
                .groups()
                .flat_map(|g| &g.files)
                .all(|f| self.dir.join(f).is_file());
        usable.then_some(state)
    }

    /// Puts the cached `file` (`data/…`) at `to`; returns its size.
    pub fn link(&self, file: &str, to: &Path) -> Result<u64, String> {
        let from = self.dir.join(file);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        if fs::hard_link(&from, to).is_err() {
            fs::copy(&from, to).map_err(|e| format!("{file} from the build cache: {e}"))?;
        }
        Ok(fs::metadata(to).map_err(|e| e.to_string())?.len())
    }

    /// Keeps the data files of a finished build (`data_dir`) and its state,
    /// dropping the files it no longer has.
    pub fn save(&self, data_dir: &Path, state: &BuildState) -> Result<(), String> {
        let kept = self.data();
        fs::create_dir_all(&kept).map_err(|e| format!("{}: {e}", kept.display()))?;
        let _ = fs::remove_file(self.dir.join(STATE));
        let names = |dir: &Path| -> Result<Vec<String>, String> {
            let list = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            Ok(list
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect())
        };
        let now = names(data_dir)?;
        for old in names(&kept)? {
            if !now.contains(&old) {
                let _ = fs::remove_file(kept.join(old));
            }
        }
        let manifest = Path::new(MANIFEST_URL).file_name().unwrap_or_default();
        for name in now.iter().filter(|n| n.as_str() != manifest) {
            let to = kept.join(name);
            let from = data_dir.join(name);
            if !to.exists() && fs::hard_link(&from, &to).is_err() {
                fs::copy(&from, &to).map_err(|e| format!("{name}: {e}"))?;
            }
        }
        let state = BuildState {
            format: FORMAT.into(),
            version: VERSION,
            ..state.clone()
        };
        let text = serde_json::to_vec(&state).map_err(|e| e.to_string())?;
        write_atomically(&self.dir.join(STATE), &text).map_err(|e| e.to_string())
    }
}
