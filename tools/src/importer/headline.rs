//! Which of the short lines above a story is its headline, and which are
//! its section labels. Pages print far more short lines than headlines:
//! menus, promotions, breadcrumbs, share buttons, "Continue reading".

use super::lines::printed_date;
use dateline_core::model::text::{first_sentence, is_unspaced_script, word_count};
use dateline_core::model::Block;

/// The headline among the short lines above a story. A page prints its
/// headline, then who wrote it and when; further up come menus, promotions
/// and breadcrumbs, and between the headline and the text a page may put
/// video labels or "Continue reading". So the headline is the line that
/// shares the most words with the story's opening paragraphs, then one
/// printed before the byline or date (`marked` lines came before it), then
/// one of four words or more, then the last.
pub fn choose_title(header: &[String], marked: usize, body: &[Block]) -> Option<String> {
    let opening: String = body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .take(OPENING_PARAGRAPHS)
        .collect::<Vec<_>>()
        .join(" ");
    let opening = content_words(&opening);
    header
        .iter()
        .enumerate()
        .filter(|(_, line)| is_headline_like(line))
        .max_by_key(|&(i, line)| {
            let shared = content_words(line).intersection(&opening).count();
            // Among lines clearly about the story, the first (the headline
            // comes before its standfirst); among the rest, the last (nearest).
            let position = if shared >= 2 {
                -(i as isize)
            } else {
                i as isize
            };
            // Headlines run four to sixteen words; standfirsts run longer.
            let headline_length = (4..=16).contains(&word_count(line));
            (shared.min(4), i < marked, headline_length, position)
        })
        .map(|(_, line)| line.clone())
}

/// How many paragraphs of a story its headline is compared with.
const OPENING_PARAGRAPHS: usize = 6;

/// Words of four letters and more that say little about a story.
const COMMON_WORDS: &[&str] = &[
    "about", "after", "also", "been", "from", "have", "here", "into", "just", "like", "more",
    "most", "over", "said", "says", "some", "than", "that", "their", "them", "then", "there",
    "they", "this", "what", "when", "which", "will", "with", "would", "your", "para", "como",
    "pour", "dans", "avec", "sont", "nicht", "eine", "einer", "sich", "oder",
];

/// Words of four letters or more, lower-cased, but for [`COMMON_WORDS`];
/// and for scripts written
/// without spaces, pairs of characters (a Chinese headline shares
/// two-character words with its story, not spaced ones).
fn content_words(text: &str) -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().chain([' ']) {
        if is_unspaced_script(c) {
            if let Some(&prev) = run.last().filter(|p| is_unspaced_script(**p)) {
                words.insert([prev, c].iter().collect());
            }
            run.push(c);
            continue;
        }
        if c.is_alphanumeric() {
            run.push(c);
            continue;
        }
        if run.len() >= 4 && !run.iter().any(|c| is_unspaced_script(*c)) {
            let word: String = run.iter().flat_map(|c| c.to_lowercase()).collect();
            if !COMMON_WORDS.contains(&word.as_str()) {
                words.insert(word);
            }
        }
        run.clear();
    }
    words
}

/// Section labels: the short lines printed right next to the headline (a
/// menu further up is not a section).
pub fn section_labels(header: &[String], title: &str) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for (i, line) in header.iter().enumerate() {
        let beside_title =
            (i > 0 && header[i - 1] == title) || header.get(i + 1).is_some_and(|n| n == title);
        if line != title && beside_title && word_count(line) < 3 && !labels.contains(line) {
            labels.push(line.clone());
        }
    }
    labels
}

/// A line that could be a headline: three words or more, not a copyright
/// notice, a label ending in a colon or a sentence of a dozen words and more.
pub fn is_headline_like(line: &str) -> bool {
    let words = word_count(line);
    let separators = line.matches('|').count()
        + [" > ", " › ", " » ", " / "]
            .iter()
            .map(|s| line.matches(s).count())
            .sum::<usize>();
    // Two sentences of a dozen words and more are a standfirst.
    let sentences = first_sentence(line).len() < line.len() && words > 12;
    (3..=24).contains(&words)
        && !sentences
        && !line.contains('©')
        && !line.contains("Source:")
        // "Topics: uber, libertarians, Sydney, …": a list.
        && line.matches(',').count() < 3
        && !line.ends_with(':')
        // "Mac & i > News > 2015 > …", "首页|新闻|图片|…": a breadcrumb or a menu.
        && separators < 2
        && printed_date(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_headline_shares_the_story_s_words() {
        let header = lines(&[
            "Sign up for our daily newsletter",
            "Harbour",
            "Cracked sea wall closes the eastern quay",
            "Continue reading the main story",
        ]);
        let body = [Block::paragraph(
            "The harbour authority closed the eastern quay after inspectors found cracks in the sea wall.",
        )];
        assert_eq!(
            choose_title(&header, header.len(), &body).as_deref(),
            Some("Cracked sea wall closes the eastern quay")
        );
        assert_eq!(
            section_labels(&header, "Cracked sea wall closes the eastern quay"),
            ["Harbour"]
        );
    }

    #[test]
    fn before_the_byline_and_first_among_equals() {
        // Headline, then its standfirst (sharing as many words), then the byline.
        let header = lines(&[
            "Ferries diverted as sea wall cracks",
            "Ferries diverted while divers repair cracked wall",
            "Most popular stories of the week",
        ]);
        let body = [Block::paragraph(
            "Ferries were diverted after cracks appeared in the sea wall; divers began to repair the cracked wall.",
        )];
        assert_eq!(
            choose_title(&header, 2, &body).as_deref(),
            Some("Ferries diverted as sea wall cracks")
        );
    }

    #[test]
    fn breadcrumbs_lists_dates_and_credits_are_not_headlines() {
        for line in [
            "Mac & i > News > 2015 > Passwords for the Mac",
            "首页|新闻|图片|评论",
            "Topics: uber, libertarians, Sydney, sharing economy",
            "April 5, 2018 | 6:00 PM",
            "© 2024 Coast Gazette Ltd",
            "A quay at dawn. Source: Supplied",
            "Filed under:",
        ] {
            assert!(!is_headline_like(line), "{line}");
        }
        assert!(is_headline_like("港口管理局关闭东码头一周"));
        assert!(is_headline_like("Storm closes ports"));
    }
}
