//! Where each article's data goes: the append-friendly arrangement of the
//! site data (`docs/format.md`, "How the files are laid out").
//!
//! Articles are counted from the oldest (age 0) and grouped in units of
//! `UNIT`. A full unit is sealed; the newest articles sit in the open unit.
//! Full units are gathered into groups of `FANOUT`ⁿ units as the digits of
//! the sealed count in base `FANOUT` say (like a binary counter, in base
//! 8), the largest groups holding the oldest articles. So the arrangement is
//! a function of the article count alone: articles added after the newest
//! change only the open unit and, when a unit fills, the groups its digit
//! carries into; every older group keeps its articles, so its files keep
//! their bytes and names. A clean build and a long run of small updates
//! arrive at the same files.
//!
//! The catalog is in groups of at most `CATALOG_LEVEL` (a part stays small
//! enough to parse between frames); the search index in segments of any
//! size (a search reads every segment, so there should be few).

use std::ops::Range;

/// Articles in a unit.
pub const UNIT: usize = 1000;
/// Units that merge into one group of the next size.
pub const FANOUT: usize = 8;
/// Catalog parts hold at most `FANOUT^CATALOG_LEVEL` units (8,000 articles).
pub const CATALOG_LEVEL: u32 = 1;
/// Index segments grow to `FANOUT^INDEX_LEVEL` units (32.8 million
/// articles: in effect unbounded).
pub const INDEX_LEVEL: u32 = 5;
/// The catalog's head: the newest articles, the first screen's part.
pub const HEAD: usize = 100;

/// Where the open unit of `n` articles starts: the articles before it are
/// in sealed units, whose files only a carry or an older article's change
/// rewrites.
pub fn open_unit_start(n: usize) -> usize {
    n / UNIT * UNIT
}

/// The groups of `n` articles, as age ranges (0 the oldest), oldest first:
/// the sealed units gathered by the base-`FANOUT` digits of their count,
/// no group larger than `FANOUT^max_level` units, then the open unit.
pub fn groups(n: usize, max_level: u32) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut units = n / UNIT;
    let mut start = 0;
    for level in (0..=max_level).rev() {
        let size = FANOUT.pow(level);
        for _ in 0..units / size {
            out.push(start..start + size * UNIT);
            start += size * UNIT;
        }
        units %= size;
    }
    if start < n {
        out.push(start..n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_digits_of_the_sealed_count() {
        assert_eq!(groups(0, 5), Vec::<Range<usize>>::new());
        assert_eq!(groups(577, 5), vec![0..577]);
        assert_eq!(groups(1000, 5), vec![0..1000]);
        // 21 sealed units: 2·8 + 5, then the open unit.
        let g = groups(21_577, 5);
        assert_eq!(g.len(), 2 + 5 + 1);
        assert_eq!(g[0], 0..8000);
        assert_eq!(g[1], 8000..16_000);
        assert_eq!(g[2], 16_000..17_000);
        assert_eq!(g[7], 21_000..21_577);
        // Capped: at level 1 the 64-unit group is eight of eight.
        assert_eq!(groups(64_000, 1).len(), 8);
        assert_eq!(groups(64_000, 5), vec![0..64_000]);
    }

    #[test]
    fn groups_cover_every_article_once_in_order() {
        for n in [1, 99, 1000, 7999, 8000, 8001, 65_432, 215_770] {
            for level in [1, 5] {
                let g = groups(n, level);
                assert_eq!(g.first().unwrap().start, 0);
                assert_eq!(g.last().unwrap().end, n);
                assert!(g.windows(2).all(|w| w[0].end == w[1].start));
            }
        }
    }

    /// The property the layout exists for: adding articles (newer than all)
    /// leaves every group but the open one and those a carry merges as they
    /// were, and a day's carry touches few articles.
    #[test]
    fn adding_articles_keeps_old_groups() {
        let mut n = 21_577;
        let mut rewritten_max = 0;
        for _day in 0..400 {
            let before = groups(n, 5);
            n += 50;
            let after = groups(n, 5);
            // Each old group is kept, or lies whole inside one new group.
            for g in &before {
                assert!(
                    after.contains(g) || after.iter().any(|a| a.start <= g.start && g.end <= a.end),
                    "{g:?} split: {before:?} → {after:?}"
                );
            }
            let rewritten: usize = after
                .iter()
                .filter(|g| !before.contains(g))
                .map(|g| g.len())
                .sum();
            rewritten_max = rewritten_max.max(rewritten);
        }
        // The largest carry in 400 days (20,000 articles): 64 units.
        assert!(rewritten_max <= 64 * UNIT, "{rewritten_max}");
    }
}
