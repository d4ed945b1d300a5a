//! Generates the search folding table (`fold_table.bin`, included by
//! `src/model/fold.rs`) from Unicode's decompositions, so the table follows
//! the Unicode data of `unicode-normalization` instead of a hand-kept list,
//! and the wasm carries only the table.
//!
//! A letter's search form: for Latin and Greek letters, the compatibility
//! decomposition (NFKD) without its combining marks ("Přívoz" → "privoz",
//! "ά" → "α"); for full-width forms, ligatures, letter-like symbols and
//! enclosed numbers, their compatibility form (NFKC: "Ｏｉｌ" → "oil", "ﬁ" →
//! "fi"); then lower case with the case folds that lower-casing misses
//! (ß → ss, final ς → σ), and the letters that do not decompose (ł, đ, ø…).
//! Only letters whose search form differs from `char::to_lowercase` are listed.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Scripts whose accents are dropped: Latin (with IPA) and Greek.
const STRIP_MARKS: &[(u32, u32)] = &[(0x80, 0x24F), (0x370, 0x3FF), (0x1E00, 0x1FFF)];
/// Compatibility forms only: punctuation and letter-like symbols, enclosed
/// numbers, the ideographic space, Latin ligatures, full- and half-width forms.
/// Kana are not here: their voicing marks are part of the letter.
const COMPATIBILITY: &[(u32, u32)] = &[
    (0x2000, 0x218F),
    (0x2460, 0x24FF),
    (0x3000, 0x3000),
    (0xFB00, 0xFB06),
    (0xFF00, 0xFFEF),
];
/// Letters that Unicode does not decompose, written as readers type them.
const UNDECOMPOSED: &[(char, &str)] = &[
    ('ł', "l"),
    ('đ', "d"),
    ('ð', "d"),
    ('ø', "o"),
    ('ħ', "h"),
    ('ı', "i"),
    ('ŧ', "t"),
    ('ƀ', "b"),
    ('ɨ', "i"),
    ('ʉ', "u"),
    ('ƚ', "l"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('þ', "th"),
    ('ς', "σ"),
];

fn search_form(c: char, strip_marks: bool) -> String {
    let composed: String = if strip_marks {
        c.nfkd().filter(|&m| !is_combining_mark(m)).nfkc().collect()
    } else {
        c.nfkc().collect()
    };
    let lower: String = composed.chars().flat_map(char::to_lowercase).collect();
    lower
        .chars()
        // The search drops marks written apart (`fold::is_combining_mark`),
        // so a form never keeps one ("‗" is a space and a combining low line).
        .filter(|&m| !is_combining_mark(m))
        .map(|l| {
            UNDECOMPOSED
                .iter()
                .find(|(u, _)| *u == l)
                .map_or_else(|| l.to_string(), |(_, s)| s.to_string())
        })
        .collect()
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut table: Vec<(u32, String)> = Vec::new();
    for (ranges, strip) in [(STRIP_MARKS, true), (COMPATIBILITY, false)] {
        for &(first, last) in ranges {
            for c in (first..=last).filter_map(char::from_u32) {
                let form = search_form(c, strip);
                let lower: String = c.to_lowercase().collect();
                if form != lower {
                    table.push((c as u32, form));
                }
            }
        }
    }
    table.sort();
    // Per letter: the gap from the previous code point (LEB128), the form's
    // length in bytes, the form. Gaps are mostly 1 and forms mostly one
    // ASCII letter, so this is 1.5 kB gzipped where arrays of keys and
    // offsets were 5.8 kB.
    let mut out = Vec::new();
    let mut previous = 0;
    for (c, form) in &table {
        let mut gap = c - previous;
        previous = *c;
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        out.push(u8::try_from(form.len()).unwrap());
        out.extend_from_slice(form.as_bytes());
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("fold_table.bin");
    std::fs::write(path, out).unwrap();
}
