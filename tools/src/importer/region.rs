//! Which lines of a copied page are its article. A browser's copy of a news
//! page is mostly not the story: menus, sign-up forms, share buttons, teaser
//! lists and comment boxes come before, inside and after it. The story is
//! where text is dense: runs of sentences with at most a few labels between
//! them (subheads, an "Advertisement", a short related-links box). Menus
//! and teaser lists are runs of many short labels, so they split the page
//! into blocks; the block with the most text is the article, the lines just
//! above it are its header (headline, byline, date, section), and the rest
//! is dropped. A block that starts a story of its own (a wire dateline, a
//! timestamp) and carries a real share of the text is kept too, for pages
//! that run several stories together.

/// What one line weighs when looking for the article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Weight {
    /// A sentence or more of text: this many characters of it.
    Text(usize),
    /// A short line: a heading, a label, a menu entry.
    Label,
    /// Neither helps nor hurts: captions, credits, share buttons.
    Neutral,
    /// A byline or a printed date: neutral, but a story's header is here,
    /// so text above it is not the same story.
    Mark,
    /// A line that starts a story (a wire dateline, with this many
    /// characters of text after it; a timestamp, with none).
    Anchor(usize),
}

/// At most this many labels between two paragraphs keep them in one block
/// (a subhead, a pull quote's attribution, a three-link related box).
pub const MAX_GAP: usize = 3;
/// How far above its first paragraph a story's header may reach, in lines
/// that are not neutral.
pub const HEADER_LINES: usize = 20;
/// A further block with a story anchor is kept when it has at least this
/// share of the main block's text.
const ANCHORED_SHARE: usize = 4;
/// A header reaches over one paragraph this long under a label (a
/// standfirst), when it is at most this many lines above the text.
const STANDFIRST_CHARS: usize = 300;
const STANDFIRST_REACH: usize = 6;
/// Characters of text on the far side of a gap that outweigh one label in it.
pub const CHARS_PER_LABEL: usize = 100;

#[derive(Debug, Clone, Copy)]
struct Block {
    /// First text line.
    start: usize,
    /// Last line (text, or the neutral lines right after it).
    end: usize,
    mass: usize,
    anchored: bool,
    /// Labels between the previous block and this one.
    gap_before: usize,
    /// A byline or date between the previous block and this one.
    header_before: bool,
}

/// What a line of the page is to the article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    Dropped,
    /// Its text or its header.
    Kept,
    /// The short paragraph under its headline: the article's summary.
    Standfirst,
}

/// What each line is: the article's blocks with their headers, and the rest.
pub fn article_lines(weights: &[Weight]) -> Vec<Role> {
    let blocks = blocks(weights);
    let mut keep = vec![Role::Dropped; weights.len()];
    let Some(main) = (0..blocks.len()).max_by_key(|&i| (blocks[i].mass, std::cmp::Reverse(i)))
    else {
        return keep;
    };
    // The story goes on past a longer gap (a code listing, a gallery's
    // labels, a box of links) when there is enough text on the other side
    // to outweigh it.
    // It does not go on past another byline or date: that is another
    // story's header, or this one's, with the page's text above it.
    let worth = |gap: usize, block: &Block| block.mass >= gap * CHARS_PER_LABEL;
    let (mut first, mut last) = (main, main);
    while first > 0
        && !blocks[first].header_before
        && worth(blocks[first].gap_before, &blocks[first - 1])
    {
        first -= 1;
    }
    while last + 1 < blocks.len()
        && !blocks[last + 1].header_before
        && worth(blocks[last + 1].gap_before, &blocks[last + 1])
    {
        last += 1;
    }
    let story = Block {
        start: blocks[first].start,
        end: blocks[last].end,
        ..blocks[main]
    };
    let mass = blocks[first..=last].iter().map(|b| b.mass).sum::<usize>();
    let others = blocks[..first].iter().chain(&blocks[last + 1..]);
    let mut kept: Vec<Block> = others
        .filter(|b| b.anchored && b.mass * ANCHORED_SHARE >= mass)
        .copied()
        .chain([story])
        .collect();
    kept.sort_by_key(|b| b.start);
    let mut floor = 0;
    for block in kept {
        let (start, standfirst) = header_start(weights, block.start, floor);
        keep[start..=block.end]
            .iter_mut()
            .for_each(|k| *k = Role::Kept);
        if let Some(line) = standfirst {
            keep[line] = Role::Standfirst;
        }
        floor = block.end + 1;
    }
    keep
}

/// Splits the page into blocks of text at gaps of more than [`MAX_GAP`] labels.
fn blocks(weights: &[Weight]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    let mut gap = 0;
    let mut anchor_pending = false;
    let mut mark_pending = false;
    for (i, weight) in weights.iter().enumerate() {
        let mass = match *weight {
            Weight::Label => {
                gap += 1;
                continue;
            }
            Weight::Mark => {
                mark_pending = true;
                continue;
            }
            // Captions and credits right after the text belong to its block.
            Weight::Neutral | Weight::Anchor(0) => {
                anchor_pending |= *weight == Weight::Anchor(0);
                if let Some(block) = open.as_mut().filter(|_| gap == 0) {
                    block.end = i;
                }
                continue;
            }
            Weight::Anchor(mass) => {
                anchor_pending = true;
                mass
            }
            Weight::Text(mass) => mass,
        };
        match open.as_mut() {
            Some(block) if gap <= MAX_GAP => {
                block.end = i;
                block.mass += mass;
                block.anchored |= anchor_pending;
            }
            _ => {
                blocks.extend(open.take());
                open = Some(Block {
                    start: i,
                    end: i,
                    mass,
                    anchored: anchor_pending,
                    gap_before: gap,
                    header_before: mark_pending,
                });
            }
        }
        gap = 0;
        anchor_pending = false;
        mark_pending = false;
    }
    blocks.extend(open);
    blocks
}

/// The first line of the header above the text starting at `start`: back
/// over labels and neutral lines, stopping at text, `floor` or after
/// [`HEADER_LINES`] lines that are not neutral; and the standfirst it
/// reached over, if any.
fn header_start(weights: &[Weight], start: usize, floor: usize) -> (usize, Option<usize>) {
    let mut first = start;
    let mut counted = 0;
    let mut standfirst = None;
    while first > floor {
        match weights[first - 1] {
            // One short paragraph right under a label, near the text: a
            // standfirst under its headline, with a byline, share buttons
            // or a box of links between it and the story.
            Weight::Text(mass)
                if standfirst.is_none()
                    && counted <= STANDFIRST_REACH
                    && mass <= STANDFIRST_CHARS
                    && first >= 2
                    && first - 2 >= floor
                    && weights[first - 2] == Weight::Label =>
            {
                standfirst = Some(first - 1);
            }
            Weight::Text(_) => break,
            Weight::Anchor(mass) if mass > 0 => break,
            Weight::Neutral | Weight::Mark => {}
            Weight::Label | Weight::Anchor(_) => {
                counted += 1;
                if counted > HEADER_LINES {
                    break;
                }
            }
        }
        first -= 1;
    }
    (first, standfirst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weight::*;

    fn kept(weights: &[Weight]) -> Vec<usize> {
        article_lines(weights)
            .iter()
            .enumerate()
            .filter_map(|(i, k)| (*k != Role::Dropped).then_some(i))
            .collect()
    }

    #[test]
    fn a_menu_splits_the_page_and_the_densest_block_wins() {
        let mut page = vec![Text(120)];
        page.extend([Label; 8]);
        page.extend([Label, Neutral, Text(300), Label, Text(400), Neutral]);
        page.extend([Label; 5]);
        page.push(Text(200));
        // The teaser above the menu and the comment below are dropped; the
        // story keeps its header: the labels above it, up to the teaser.
        assert_eq!(kept(&page), (1..=14).collect::<Vec<_>>());
        // A long menu is cut at the header's reach.
        let mut page = vec![Text(120)];
        page.extend([Label; 20]);
        page.push(Text(300));
        assert_eq!(kept(&page), (21 - HEADER_LINES..=21).collect::<Vec<_>>());
    }

    #[test]
    fn a_few_labels_inside_the_story_do_not_end_it() {
        let page = [
            Label,
            Text(200),
            Label,
            Label,
            Label,
            Text(200),
            Neutral,
            Label,
            Text(50),
        ];
        assert_eq!(kept(&page), (0..9).collect::<Vec<_>>());
    }

    #[test]
    fn an_anchored_block_with_a_fair_share_is_a_second_story() {
        let mut page = vec![Label, Text(400)];
        page.extend([Label; 6]);
        page.extend([Anchor(0), Text(150), Neutral]);
        page.extend([Label; 6]);
        page.extend([Anchor(20)]);
        let kept = kept(&page);
        assert!(kept.contains(&1) && kept.contains(&9) && kept.contains(&10));
        assert!(!kept.contains(&17), "a tiny anchored teaser is not a story");
    }

    #[test]
    fn a_page_without_text_keeps_nothing() {
        assert!(kept(&[Label, Neutral, Anchor(0)]).is_empty());
    }
}
