//! Typo tolerance: a word that finds nothing, or far fewer documents than a
//! spelling one or two edits away, is searched with that spelling too.
//!
//! The words it may become come from a lexicon (each indexed word of letters
//! with its document count), cut by first letter so that a chunked index
//! fetches one piece per misspelled word. The first letter is trusted, as
//! Elasticsearch's `prefix_length: 1` and most spelling correctors do: it is
//! the letter typed most carefully, and trusting it is what lets the
//! lexicon come in pieces.

/// Words shorter than this are never corrected (most 3-letter strings are
/// one edit from some other word).
pub const MIN_CORRECTED: usize = 4;
/// From this length, two edits are allowed (below it, one).
pub const TWO_EDITS_FROM: usize = 8;
/// A word with at least this many documents is taken as meant, or with one
/// in `TRUSTED_SHARE` of the archive's when that is more: a misspelling the
/// sources themselves made once in 20,000 stories is a dozen at 200,000,
/// and still a misspelling ("bundesbnak").
pub const TRUSTED_DOCS: usize = 5;
pub const TRUSTED_SHARE: usize = 10_000;

/// The documents a word needs to be taken as meant, in an archive of `docs`.
pub fn trusted_docs(docs: u32) -> usize {
    TRUSTED_DOCS.max(docs as usize / TRUSTED_SHARE)
}
/// A word is corrected when a near spelling has this many times its documents.
pub const MORE_LIKELY: usize = 50;

/// One word with its document count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconEntry {
    pub word: String,
    pub docs: u32,
}

/// The piece a word's corrections are found in: its first letter.
pub fn piece_key(word: &str) -> Option<char> {
    word.chars().next()
}

/// Whether a word may be a correction (and is worth correcting): letters
/// only, long enough, of a script written with spaces. Numbers, codes and
/// CJK characters are searched as typed.
pub fn is_correctable(word: &str) -> bool {
    word.chars().count() >= MIN_CORRECTED - 1
        && word
            .chars()
            .all(|c| c.is_alphabetic() && !crate::model::text::is_gram_script(c))
}

/// A lexicon piece holds the words of one first letter or more, about this
/// many bytes of them: a small archive has a piece or two, not one file per
/// letter; a large one a piece per letter (never split: a word's
/// corrections are all in one piece).
pub const LEXICON_BYTES: usize = 16 * 1024;

/// The lexicon of an index: its correctable words with their document
/// counts, from `terms` in word order, cut into pieces of whole first
/// letters. Each piece is named by its first word's first letter and holds
/// the letters up to the next piece's.
pub fn lexicon_pieces<'a>(
    terms: impl IntoIterator<Item = (&'a str, usize)>,
) -> Vec<(char, Vec<LexiconEntry>)> {
    let mut pieces: Vec<(char, Vec<LexiconEntry>)> = Vec::new();
    let mut bytes = 0;
    for (word, docs) in terms {
        let (Some(key), true) = (piece_key(word), is_correctable(word)) else {
            continue;
        };
        let same_letter = pieces
            .last()
            .and_then(|(_, p)| p.last())
            .is_some_and(|last| piece_key(&last.word) == Some(key));
        if pieces.is_empty() || (!same_letter && bytes >= LEXICON_BYTES) {
            pieces.push((key, Vec::new()));
            bytes = 0;
        }
        bytes += word.len() + 4;
        if let Some((_, piece)) = pieces.last_mut() {
            piece.push(LexiconEntry {
                word: word.to_string(),
                docs: docs as u32,
            });
        }
    }
    pieces
}

/// The piece (by position) that holds the words starting with `key`, given
/// each piece's first letter in order.
pub fn piece_index<T>(pieces: &[T], first: impl Fn(&T) -> char, key: char) -> Option<usize> {
    pieces.partition_point(|p| first(p) <= key).checked_sub(1)
}

/// The words of a piece that start with `key`.
pub fn words_starting(piece: &[LexiconEntry], key: char) -> &[LexiconEntry] {
    let first = |e: &LexiconEntry| piece_key(&e.word).unwrap_or_default();
    let start = piece.partition_point(|e| first(e) < key);
    let len = piece[start..].partition_point(|e| first(e) == key);
    &piece[start..start + len]
}

/// Edits allowed for a word of `len` letters.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..MIN_CORRECTED => 0,
        MIN_CORRECTED..TWO_EDITS_FROM => 1,
        _ => 2,
    }
}

/// Edit distance with adjacent transpositions counting as one edit
/// ("bundesbnak" is one from "bundesbank"), or `None` past `max`.
pub fn distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    // Three rows: two back (for transpositions), the previous, the current;
    // each turn moves them up one, so the last row computed is the last.
    let mut rows = vec![0usize; 3 * width];
    for (j, cell) in rows[2 * width..].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows.rotate_left(width);
        let (back, rest) = rows.split_at_mut(width);
        let (previous, current) = rest.split_at_mut(width);
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(back[j - 2] + 1);
            }
            current[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[2 * width + b.len()];
    (d <= max).then_some(d)
}

/// A word searched with other spellings besides its own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Correction {
    /// As typed (in its search form).
    pub typed: String,
    /// The spelling searched too. One: "Showing results for …" names what
    /// was searched, and a second spelling would fill the list with its stories.
    pub word: String,
}

/// How near a spelling is: edits, whether it sounds different, and its
/// documents (more is nearer). Smaller is better.
type Rank = (usize, bool, std::cmp::Reverse<u32>);

/// What a word's lexicon piece says about it.
pub fn correct(
    word: &str,
    own_docs: usize,
    trusted: usize,
    piece: &[LexiconEntry],
) -> Option<Correction> {
    if !needs_checking(word, own_docs, trusted) {
        return None;
    }
    let typed: Vec<char> = word.chars().collect();
    let max = max_edits(typed.len());
    let sound = sound_key(word);
    // The best: fewest edits, then sounding like the typed word, then most
    // documents (the piece is in word order, so ties keep the first word).
    // One pass, no sort: this runs in the browser on every search.
    let mut best: Option<(Rank, &LexiconEntry)> = None;
    let mut most = 0;
    let mut letters = Vec::new();
    for entry in piece {
        if entry.word == word {
            continue;
        }
        letters.clear();
        letters.extend(entry.word.chars());
        if let Some(d) = distance(&typed, &letters, max) {
            most = most.max(entry.docs);
            let rank = (
                d,
                sound_key(&entry.word) != sound,
                std::cmp::Reverse(entry.docs),
            );
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, entry));
            }
        }
    }
    let (_, entry) = best?;
    if own_docs > 0 && (most as usize) < own_docs.saturating_mul(MORE_LIKELY) {
        return None;
    }
    Some(Correction {
        typed: word.to_string(),
        word: entry.word.clone(),
    })
}

/// A word as it sounds, roughly: letters that often stand for the same
/// sound made one (k, q → c; z → s; y → i). Of two spellings equally near,
/// one that sounds like what was typed wins: "opek" is "opec" before the
/// commoner "open". (Doubled letters are not merged: "wheet" would then
/// sound like "whet" and not become "wheat".)
fn sound_key(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'k' | 'q' => 'c',
            'z' => 's',
            'y' => 'i',
            c => c,
        })
        .collect()
}

/// Whether a word with `own_docs` documents is doubtful enough to look up
/// (`trusted`: `trusted_docs` of the archive).
pub fn needs_checking(word: &str, own_docs: usize, trusted: usize) -> bool {
    own_docs < trusted && is_correctable(word) && word.chars().count() >= MIN_CORRECTED
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        distance(&a, &b, max)
    }

    #[test]
    fn distance_counts_insertions_deletions_substitutions_and_swaps() {
        assert_eq!(d("opek", "opec", 2), Some(1));
        assert_eq!(d("bundesbnak", "bundesbank", 2), Some(1));
        assert_eq!(d("accquisition", "acquisition", 2), Some(1));
        assert_eq!(d("intrest", "interest", 2), Some(1));
        assert_eq!(d("petrolium", "petroleum", 2), Some(1));
        assert_eq!(d("wheet", "wheat", 2), Some(1));
        assert_eq!(d("goverment", "government", 2), Some(1));
        assert_eq!(d("recieve", "receive", 2), Some(1));
        assert_eq!(d("ecnoomy", "economy", 2), Some(1));
        assert_eq!(d("ecnomoy", "economy", 2), Some(2));
        assert_eq!(d("same", "same", 0), Some(0));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("", "abc", 3), Some(3));
        assert_eq!(d("abc", "", 2), None);
        assert_eq!(d("łodz", "lodz", 1), Some(1));
    }

    #[test]
    fn edits_allowed_grow_with_the_word() {
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(4), 1);
        assert_eq!(max_edits(7), 1);
        assert_eq!(max_edits(8), 2);
    }

    fn piece(words: &[(&str, u32)]) -> Vec<LexiconEntry> {
        words
            .iter()
            .map(|&(word, docs)| LexiconEntry {
                word: word.into(),
                docs,
            })
            .collect()
    }

    #[test]
    fn a_word_is_corrected_when_it_finds_nothing_or_far_less() {
        let o = piece(&[
            ("oecd", 40),
            ("opec", 900),
            ("opel", 12),
            ("open", 600),
            ("oper", 1),
        ]);
        let c = correct("opek", 0, TRUSTED_DOCS, &o).unwrap();
        assert_eq!(c.word, "opec", "sounds alike first");
        let c = correct("opan", 0, TRUSTED_DOCS, &o).unwrap();
        assert_eq!(c.word, "open", "the nearest first");
        let c = correct("opeb", 0, TRUSTED_DOCS, &o).unwrap();
        assert_eq!(c.word, "opec", "then the most common");
        // A real word with documents of its own is left alone unless a near
        // spelling is far more common.
        assert_eq!(correct("opel", 12, TRUSTED_DOCS, &o), None);
        let c = correct("oper", 1, TRUSTED_DOCS, &o).unwrap();
        assert_eq!(c.word, "opec");
        assert_eq!(correct("opec", 900, TRUSTED_DOCS, &o), None);
        // Nothing near: no correction.
        assert_eq!(correct("ozzzz", 0, TRUSTED_DOCS, &o), None);
        // Short words and numbers are searched as typed.
        assert_eq!(correct("ope", 0, TRUSTED_DOCS, &o), None);
        assert_eq!(
            correct("1987", 0, TRUSTED_DOCS, &piece(&[("1986", 500)])),
            None
        );
        // In a large archive a word needs more documents to be trusted.
        assert_eq!(trusted_docs(21_577), 5);
        assert_eq!(trusted_docs(215_770), 21);
        assert_eq!(
            correct("oper", 12, trusted_docs(215_770), &o).unwrap().word,
            "opec"
        );
        assert_eq!(correct("oper", 12, trusted_docs(21_577), &o), None);
    }

    #[test]
    fn the_lexicon_holds_correctable_words_in_pieces_of_whole_letters() {
        let pieces = lexicon_pieces([
            ("1987", 5),
            ("ab", 3),
            ("abc", 2),
            ("abcd", 1),
            ("b2b", 4),
            ("bank", 9),
            ("北京", 3),
        ]);
        // Small: one piece, named by its first letter, holding a and b.
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].0, 'a');
        assert_eq!(words_starting(&pieces[0].1, 'b'), piece(&[("bank", 9)]));
        assert_eq!(words_starting(&pieces[0].1, 'a').len(), 2);
        assert!(words_starting(&pieces[0].1, 'c').is_empty());

        // Large: a letter never spans two pieces.
        let letters = |i: u32| -> String {
            (0..4)
                .map(|k| char::from(b'a' + ((i / 26u32.pow(k)) % 26) as u8))
                .rev()
                .collect()
        };
        let words: Vec<String> = ["a", "b", "c"]
            .iter()
            .flat_map(|l| (0..3000).map(move |i| format!("{l}word{}", letters(i))))
            .collect();
        let pieces = lexicon_pieces(words.iter().map(|w| (w.as_str(), 1)));
        let keys: Vec<char> = pieces.iter().map(|p| p.0).collect();
        assert_eq!(keys, ['a', 'b', 'c']);
        for (key, piece) in &pieces {
            assert!(piece.iter().all(|e| e.word.starts_with(*key)));
        }
        assert_eq!(piece_index(&pieces, |p| p.0, 'b'), Some(1));
        assert_eq!(piece_index(&pieces, |p| p.0, 'z'), Some(2));
        assert_eq!(piece_index(&pieces, |p| p.0, '0'), None);
    }
}
