//! Removals as an overlay on an index segment, folded in when it merges.
//!
//! Removing an article from a sealed unit changes its catalog part and body
//! shard (they hold the article), but rewriting its index segment would
//! rewrite every chunk of it: the segment numbers its documents in order,
//! and each one after the removed article would move down by one. At 200k
//! articles the oldest segment is a third of the site. So the segment keeps
//! its chunks and lexicon pieces as they were written, and only its terms
//! table changes: it lists the removed documents (`gone`, the numbers the
//! chunks give them) and the lexicon counts the removal changed (`patch`).
//! The app skips the gone documents' postings and numbers the rest without
//! them (`Chunk::decode`), and reads the patched counts
//! (`ChunkedIndex::insert_lexicon`), so every answer is a clean build's. The
//! segment is written anew, without its removed articles, when the layout
//! next merges it into a larger one, or by a build without the cache.
//!
//! The removed article's words stay in those chunks until then, where no
//! search reaches them: a build without `--cache` leaves none.

use std::fs;
use std::ops::Range;

use super::{segment_postings, Writer};
use crate::site::cache::{BuildCache, BuildState, Group, Slot, Slots};
use dateline_core::data::index::{parse_lexicon, parse_table, table_text};
use dateline_core::query::search::SearchIndex;
use dateline_core::query::typo::{lexicon_pieces, LexiconEntry};

/// The previous build, for the segments of a build it cannot take up as a
/// whole.
pub struct Overlay<'a> {
    pub cache: &'a BuildCache,
    pub state: BuildState,
    pub fingerprints: &'a [u64],
    pub slots: &'a Slots,
}

impl Overlay<'_> {
    /// The previous build's segment of the places `ages`, when they are
    /// the same but for articles removed since: the segment and the
    /// newly removed places. Anything else in them changed: `None`.
    fn previous(&self, ages: &Range<usize>) -> Option<(&Group, Vec<usize>)> {
        let group = self.state.segments.iter().find(|g| g.ages == *ages)?;
        let before = self.state.fingerprints.get(ages.clone())?;
        let now = self.fingerprints.get(ages.clone())?;
        let mut removed = Vec::new();
        for (age, (old, new)) in ages.clone().zip(before.iter().zip(now)) {
            if old == new {
                continue;
            }
            let removed_now = matches!(self.slots.at(age), Slot::Removed(_));
            let was_article = self.state.removed.binary_search(&age).is_err();
            if !(removed_now && was_article) {
                return None;
            }
            removed.push(age);
        }
        Some((group, removed))
    }

    /// The segment of the places `ages` (its articles at catalog positions
    /// `range` of `index`) taken from the previous build, with its overlay
    /// brought up to date; `None` when it must be written anew.
    pub fn segment(
        &self,
        out: &mut Writer,
        index: &SearchIndex,
        ages: &Range<usize>,
        range: Range<usize>,
    ) -> Result<Option<Group>, String> {
        let Some((group, removed)) = self.previous(ages) else {
            return Ok(None);
        };
        if removed.is_empty() {
            out.reuse(self.cache, group)?;
            return Ok(Some(group.clone()));
        }
        let mut gone = group.gone.clone();
        gone.extend(removed);
        gone.sort_unstable();
        // What a damaged or unexpected cache file gives: a segment written anew.
        let Some(table) = self.overlaid_table(group, &gone, index, range.clone()) else {
            return Ok(None);
        };
        let text = table_text(&table);
        let mut part = out.hashed("terms", "txt", text.as_bytes())?;
        part.count = range.len() as u32;
        let mut files = Vec::with_capacity(group.files.len());
        for file in group.files.iter().filter(|f| **f != group.file) {
            out.reuse_file(self.cache, file)?;
            files.push(file.clone());
        }
        files.push(part.file.clone());
        Ok(Some(Group {
            gone,
            ..Group::new(ages.clone(), &part, files)
        }))
    }

    /// The previous segment's terms table with the places `gone` as its
    /// removed documents and the lexicon counts of its articles now.
    fn overlaid_table(
        &self,
        group: &Group,
        gone: &[usize],
        index: &SearchIndex,
        range: Range<usize>,
    ) -> Option<dateline_core::data::index::TermTable> {
        let read = |file: &str| fs::read(self.cache.dir.join(file)).ok();
        let mut table = parse_table(&group.part(), &read(&group.file)?).ok()?;
        // The documents as the chunks number them: the articles the
        // segment was written with, newest first.
        table.gone.clear();
        let mut doc = 0u32;
        for age in group.ages.clone().rev() {
            let was_gone = gone.binary_search(&age).is_ok();
            if was_gone {
                table.gone.push(doc);
            }
            if was_gone || matches!(self.slots.at(age), Slot::Article(_)) {
                doc += 1;
            }
        }
        if doc as usize != range.len() + gone.len() {
            return None;
        }
        let mut written: Vec<LexiconEntry> = Vec::new();
        for piece in &table.lexicons {
            written.extend(parse_lexicon(piece, &read(&piece.file)?).ok()?);
        }
        let (terms, postings) = segment_postings(index, range);
        let words = terms
            .iter()
            .zip(&postings)
            .map(|(t, p)| (t.as_str(), p.len()));
        let now: Vec<LexiconEntry> = lexicon_pieces(words)
            .into_iter()
            .flat_map(|(_, piece)| piece)
            .collect();
        table.patch = patch(&written, &now)?;
        Some(table)
    }
}

/// The lexicon entries of `written` whose counts are not those of `now`
/// (0 for a word no document has any more); `None` when `now` has a word
/// `written` lacks (the articles did not only lose documents). Both are in
/// word order.
fn patch(written: &[LexiconEntry], now: &[LexiconEntry]) -> Option<Vec<LexiconEntry>> {
    let mut changed = Vec::new();
    let mut now = now.iter().peekable();
    for entry in written {
        let docs = match now.peek() {
            Some(n) if n.word == entry.word => now.next().map_or(0, |n| n.docs),
            Some(n) if n.word < entry.word => return None,
            _ => 0,
        };
        if docs != entry.docs {
            changed.push(LexiconEntry {
                word: entry.word.clone(),
                docs,
            });
        }
    }
    now.next().is_none().then_some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &[(&str, u32)]) -> Vec<LexiconEntry> {
        list.iter()
            .map(|&(word, docs)| LexiconEntry {
                word: word.into(),
                docs,
            })
            .collect()
    }

    #[test]
    fn a_patch_holds_the_changed_counts_and_the_words_gone() {
        let written = entries(&[("apple", 3), ("bank", 2), ("coal", 1), ("dollar", 5)]);
        let now = entries(&[("apple", 3), ("bank", 1), ("dollar", 5)]);
        assert_eq!(
            patch(&written, &now),
            Some(entries(&[("bank", 1), ("coal", 0)]))
        );
        assert_eq!(patch(&written, &written), Some(Vec::new()));
    }

    #[test]
    fn a_word_the_written_lexicon_lacks_is_no_patch() {
        let written = entries(&[("apple", 3), ("coal", 1)]);
        assert_eq!(patch(&written, &entries(&[("bank", 1)])), None);
        assert_eq!(
            patch(&written, &entries(&[("apple", 3), ("zinc", 1)])),
            None
        );
    }
}
