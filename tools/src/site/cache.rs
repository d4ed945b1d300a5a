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
use dateline_core::model::{places_by_age, Catalog};

const FORMAT: &str = "dateline-build-cache";
/// Raised whenever what the builder writes changes: an old cache is then
/// ignored, never misread.
const VERSION: u32 = 6;
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
    /// An index segment's places (by age) removed since its chunks were
    /// written: its terms table's overlay (`site::data::overlay`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gone: Vec<usize>,
}

impl Group {
    pub fn new(ages: Range<usize>, part: &Part, files: Vec<String>) -> Group {
        Group {
            ages,
            file: part.file.clone(),
            bytes: part.bytes,
            count: part.count,
            files,
            gone: Vec::new(),
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
    /// Per place by age (articles and removed ones, `Slots`): a hash of
    /// the article as the bundle holds it, or of its removal.
    pub fingerprints: Vec<u64>,
    /// The places of the sealed units (`layout::open_unit_start`).
    pub sealed: usize,
    /// The removed places, by age, in order.
    pub removed: Vec<usize>,
    /// Per article by age (removed ones have none): its title and body
    /// words (the ranking's lengths).
    pub lens: Vec<(u16, u32)>,
    /// The related stories' choosing state at the start of the open unit:
    /// what the next build takes up (it chooses for the open unit again).
    pub related: Related,
    pub catalog: Vec<Group>,
    pub segments: Vec<Group>,
    pub shards: Vec<Group>,
}

impl BuildState {
    /// Every place's fingerprint, by age: a hash of its article's JSON (or
    /// of its removal), taken 8 bytes at a time into one reused buffer
    /// (byte-wise FNV and a buffer per article were a sixth of a 200k
    /// archive's incremental build).
    pub fn fingerprints(catalog: &Catalog, slots: &Slots) -> Vec<u64> {
        let mut json = Vec::new();
        (0..slots.len())
            .map(|age| {
                json.clear();
                match slots.at(age) {
                    Slot::Article(i) => serde_json::to_writer(&mut json, &catalog.articles[i]),
                    Slot::Removed(r) => {
                        json.extend_from_slice(b"removed:");
                        serde_json::to_writer(&mut json, &catalog.removed[r])
                    }
                }
                .expect("an article serializes");
                fingerprint(&json)
            })
            .collect()
    }

    /// Whether the articles of the sealed units are the oldest of these,
    /// unchanged.
    pub fn sealed_unchanged(&self, fingerprints: &[u64]) -> bool {
        let sealed = self.sealed;
        sealed <= fingerprints.len() && self.fingerprints[..sealed] == fingerprints[..sealed]
    }

    fn groups(&self) -> impl Iterator<Item = &Group> {
        self.catalog
            .iter()
            .chain(&self.segments)
            .chain(&self.shards)
    }
}

/// A place: an article's catalog position, or a removed one's position
/// in `Catalog::removed`.
pub use dateline_core::model::Place as Slot;

/// The archive's places by age (0 the oldest): its articles and the
/// removed ones, in the catalog's order. The layout counts places, so a
/// removed article keeps its place and the files around it stay as they
/// were; the files hold only the articles.
#[derive(Debug, Clone)]
pub struct Slots {
    by_age: Vec<Slot>,
    /// Per place: the articles older than it (the article ages below it).
    articles_before: Vec<usize>,
}

impl Slots {
    pub fn new(catalog: &Catalog) -> Slots {
        let by_age = places_by_age(&catalog.articles, &catalog.removed);
        let mut articles_before = Vec::with_capacity(by_age.len() + 1);
        let mut count = 0;
        for slot in &by_age {
            articles_before.push(count);
            count += usize::from(matches!(slot, Slot::Article(_)));
        }
        articles_before.push(count);
        Slots {
            by_age,
            articles_before,
        }
    }

    pub fn len(&self) -> usize {
        self.by_age.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_age.is_empty()
    }

    pub fn at(&self, age: usize) -> Slot {
        self.by_age[age]
    }

    /// Every place, the oldest first.
    pub fn by_age(&self) -> &[Slot] {
        &self.by_age
    }

    /// The articles (by their own age, 0 the oldest) of the places `ages`.
    pub fn article_ages(&self, ages: &Range<usize>) -> Range<usize> {
        self.articles_before[ages.start]..self.articles_before[ages.end]
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

    /// The previous build's state, when it is this builder's, whole, and
    /// every file it names is at hand.
    pub fn state(&self) -> Option<BuildState> {
        let text = fs::read(self.dir.join(STATE)).ok()?;
        let state: BuildState = serde_json::from_slice(&text).ok()?;
        let usable = state.format == FORMAT
            && state.version == VERSION
            && state.sealed == open_unit_start(state.fingerprints.len())
            && state.related.seen() == state.sealed
            && state
                .groups()
                .flat_map(|g| &g.files)
                .all(|f| self.dir.join(f).is_file());
        usable.then_some(state)
    }

    /// The previous build's state, when the articles of its sealed units
    /// are the oldest of these, unchanged (by fingerprint, by age): the
    /// build takes it up.
    pub fn state_for(&self, fingerprints: &[u64]) -> Option<BuildState> {
        self.state()
            .filter(|state| state.sealed_unchanged(fingerprints))
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
