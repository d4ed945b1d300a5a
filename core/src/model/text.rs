//! Small text helpers shared by the importer and the app.

use super::fold::fold_char;

/// "Sports News" → "sports-news"; "Café Société" → "cafe-societe".
pub fn slugify(s: &str) -> String {
    let mut slug = String::with_capacity(s.len());
    let mut pending_dash = false;
    for c in s.chars().flat_map(fold_char) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    slug
}

/// Ids become URL path segments, so keep them to a safe alphabet.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Links and images may point at the web or at files beside the bundle, never at scripts.
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => !url.is_empty(),
    }
}

/// A BCP 47 language tag in shape: subtags of 1–8 letters or digits joined by
/// `-`, the first all letters ("en", "pt-BR", "zh-Hant-TW").
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// True for letters of scripts written without spaces between words (Han,
/// kana, Thai, Lao, Khmer, Myanmar): there a word count by spaces means
/// nothing, so a paragraph of Chinese is one "word".
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF       // Thai, Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1780..=0x17FF     // Khmer
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF     // Han extension A
        | 0x4E00..=0x9FFF     // Han
        | 0xF900..=0xFAFF     // Han compatibility
        | 0x20000..=0x3134F   // Han extensions B–G
    )
}

/// Han, kana and Hangul: search indexes them by characters and pairs
/// (`query::search::Gram`).
/// Thai and other unspaced scripts stay runs, findable as whole words.
pub fn is_gram_script(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // Hangul jamo
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3130..=0x318F     // Hangul compatibility jamo
        | 0x31F0..=0x31FF     // Katakana extensions
        | 0x3400..=0x4DBF     // Han extension A
        | 0x4E00..=0x9FFF     // Han
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // Han compatibility
        | 0x20000..=0x3134F   // Han extensions B–G
    )
}

/// Words in a text as a reader counts them: space-separated words, and for
/// scripts written without spaces, one word per two characters (the
/// average length of a Chinese word).
pub fn word_count(s: &str) -> usize {
    let unspaced = s.chars().filter(|&c| is_unspaced_script(c)).count();
    let spaced = s
        .split_whitespace()
        .filter(|w| !w.chars().any(is_unspaced_script))
        .count();
    spaced + unspaced.div_ceil(2)
}

pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gov", "sen", "rep", "gen", "col", "lt", "sgt",
    "capt", "prof", "no", "vs", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "aug",
    "sep", "sept", "oct", "nov", "dec", "fla", "calif", "mass", "ariz", "colo", "conn", "ga",
    "ill", "ind", "mich", "minn", "tenn", "tex", "va", "wash", "wis",
];

/// Byte index just past the first sentence's terminal punctuation (and any
/// closing quote), or `None` when the text is a single sentence.
fn first_sentence_end(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(_, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && matches!(chars[end].1, '"' | '”' | '’' | '\'' | ')') {
            end += 1;
        }
        let &(_, next) = chars.get(end)?;
        let &(_, after) = chars.get(end + 1)?;
        if !next.is_whitespace() || !(after.is_uppercase() || matches!(after, '"' | '“' | '‘'))
        {
            continue;
        }
        if c == '.' {
            let word: String = chars[..i]
                .iter()
                .rev()
                .map(|&(_, c)| c)
                .take_while(|c| c.is_alphanumeric() || *c == '.')
                .collect();
            let word: String = word.chars().rev().collect::<String>().to_lowercase();
            let single_letter =
                word.chars().filter(|c| c.is_alphabetic()).count() <= 1 || word.contains('.');
            if single_letter || ABBREVIATIONS.contains(&word.as_str()) {
                continue;
            }
        }
        return Some(chars.get(end).map_or(text.len(), |&(p, _)| p));
    }
    None
}

pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    match first_sentence_end(text) {
        Some(end) => text[..end].trim_end(),
        None => text,
    }
}

/// Cuts at the last word boundary at or before `max` characters, with "…".
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    // Counted as it grows: a 10 MB text costs one pass, not one per word.
    let mut chars = 0;
    for word in text.split_whitespace() {
        let word_chars = word.chars().count();
        let needed = chars + usize::from(!out.is_empty()) + word_chars;
        if needed > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        chars = needed;
    }
    if out.is_empty() {
        // One word longer than the limit: cut inside it.
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '—', '–', '-', ' ']);
    format!("{out}…")
}

/// A one-line summary: the first sentence, cut at a word if it runs long.
pub fn summarize(paragraph: &str) -> String {
    truncate_words(first_sentence(paragraph), 220)
}

/// Words before which a long sentence can end and still read as a headline.
const CLAUSE_BREAKS: &[&str] = &[
    "about", "after", "amid", "as", "at", "because", "before", "but", "by", "despite", "during",
    "for", "from", "in", "into", "on", "over", "since", "than", "that", "to", "under", "until",
    "when", "where", "which", "while", "who", "with", "without",
];

/// A headline from a story's first sentence for a source that printed none:
/// the whole sentence when short, else cut before a clause word so it still
/// reads, else at a word boundary with "…".
pub fn derive_title(first_paragraph: &str) -> String {
    const MAX: usize = 90;
    const MIN: usize = 35;
    let sentence = first_sentence(first_paragraph).trim_end_matches(['.', ' ']);
    if sentence.chars().count() <= MAX {
        return sentence.to_string();
    }
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut best = None;
    let mut len = 0;
    for (i, word) in words.iter().enumerate() {
        if i > 0 && len >= MIN && CLAUSE_BREAKS.contains(&word.to_lowercase().as_str()) {
            best = Some(i);
        }
        len += word.chars().count() + usize::from(i > 0);
        if len > MAX {
            break;
        }
    }
    match best {
        Some(i) => words[..i]
            .join(" ")
            .trim_end_matches([',', ';', ':'])
            .to_string(),
        None => truncate_words(sentence, MAX),
    }
}

/// "21,577"
/// "850 bytes", "12.3 kB", "260.1 MB" (decimal units; integer arithmetic only).
pub fn byte_size(n: u64) -> String {
    let one_decimal = |unit: u64| {
        let tenths = (n * 10 + unit / 2) / unit;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    match n {
        0..1_000 => format!("{n} bytes"),
        1_000..1_000_000 => format!("{} kB", one_decimal(1_000)),
        1_000_000..1_000_000_000 => format!("{} MB", one_decimal(1_000_000)),
        _ => format!("{} GB", one_decimal(1_000_000_000)),
    }
}

pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "<page> — Dateline", or "Dateline" for the front page.
pub fn document_title(page: &str) -> String {
    if page.is_empty() {
        "Dateline".to_string()
    } else {
        format!("{page} — Dateline")
    }
}

/// A count with its noun: "1 photo", "2,448 articles".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", group_thousands(n)),
    }
}

/// Reading speed for the reading time: words a minute of an adult reading
/// news on screen (the usual figure, as Medium and most readers use).
pub const WORDS_PER_MINUTE: u32 = 230;

/// "4 min read" for a body of `words` (rounded up: a 30-word brief is a
/// minute), `None` for an article without a body.
pub fn reading_time(words: u32) -> Option<String> {
    (words > 0).then(|| format!("{} min read", words.div_ceil(WORDS_PER_MINUTE)))
}

/// The result count as the list announces it.
pub fn count_text(n: usize) -> String {
    match n {
        0 => "No articles match".to_string(),
        n => plural(n, "article", "articles"),
    }
}

/// How much of the archive an answer covers: a count or a "no match" is
/// final only for the whole of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    Whole,
    /// `seen` of `total` articles are in; the rest is on its way.
    Arriving {
        seen: usize,
        total: usize,
    },
    /// A part failed: only `seen` of `total` articles can be searched.
    Partial {
        seen: usize,
        total: usize,
    },
}

impl Coverage {
    /// "6 of 21,578".
    fn share(seen: usize, total: usize) -> String {
        format!("{} of {}", group_thousands(seen), group_thousands(total))
    }

    /// The count for `n` hits: never "No articles match" before the
    /// archive is in (a reader who believes it leaves), never a total that
    /// is not final.
    pub fn count(self, n: usize) -> String {
        match self {
            Coverage::Whole => count_text(n),
            Coverage::Arriving { seen, total } if n == 0 => {
                format!(
                    "Still looking: {} articles searched",
                    Self::share(seen, total)
                )
            }
            Coverage::Arriving { seen, total } => format!(
                "{} so far, {} searched",
                plural(n, "article", "articles"),
                Self::share(seen, total)
            ),
            Coverage::Partial { seen, total } if n == 0 => {
                format!(
                    "No match in the {} articles that loaded",
                    Self::share(seen, total)
                )
            }
            Coverage::Partial { seen, total } => format!(
                "{} in the {} that loaded",
                plural(n, "article", "articles"),
                Self::share(seen, total)
            ),
        }
    }

    /// A filter value's count: "86", or "86+" while articles are still
    /// arriving or missing (a count of part of the archive is a floor).
    pub fn count_of(self, n: usize) -> String {
        match self {
            Coverage::Whole => group_thousands(n),
            _ => format!("{}+", group_thousands(n)),
        }
    }

    /// What an empty list says, before its "Clear all filters" link.
    pub fn empty_note(self) -> String {
        match self {
            Coverage::Whole => "No articles match these filters. ".to_string(),
            Coverage::Arriving { seen, total } => format!(
                "Nothing yet in the {} articles searched: still looking through the rest. ",
                Self::share(seen, total)
            ),
            Coverage::Partial { seen, total } => format!(
                "No match in the {} articles that loaded; the rest could not be loaded. ",
                Self::share(seen, total)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_final_only_for_the_whole_archive() {
        assert_eq!(Coverage::Whole.count(0), "No articles match");
        assert_eq!(Coverage::Whole.count(1), "1 article");
        let arriving = Coverage::Arriving {
            seen: 5000,
            total: 21578,
        };
        assert_eq!(
            arriving.count(0),
            "Still looking: 5,000 of 21,578 articles searched"
        );
        assert_eq!(
            arriving.count(2),
            "2 articles so far, 5,000 of 21,578 searched"
        );
        assert!(!arriving.empty_note().contains("No articles match"));
        assert_eq!(Coverage::Whole.count_of(1234), "1,234");
        assert_eq!(arriving.count_of(30), "30+");
        let partial = Coverage::Partial {
            seen: 5000,
            total: 21578,
        };
        assert_eq!(
            partial.count(0),
            "No match in the 5,000 of 21,578 articles that loaded"
        );
        assert_eq!(
            partial.count(1),
            "1 article in the 5,000 of 21,578 that loaded"
        );
        for c in [arriving, partial] {
            for n in 0..3 {
                assert!(!c.count(n).contains("No articles match"), "{c:?} {n}");
            }
        }
    }

    #[test]
    fn reading_time_rounds_up_to_whole_minutes() {
        assert_eq!(reading_time(0), None);
        assert_eq!(reading_time(1).as_deref(), Some("1 min read"));
        assert_eq!(reading_time(230).as_deref(), Some("1 min read"));
        assert_eq!(reading_time(231).as_deref(), Some("2 min read"));
        assert_eq!(reading_time(2_300).as_deref(), Some("10 min read"));
        assert_eq!(reading_time(300_000).as_deref(), Some("1305 min read"));
    }

    #[test]
    fn words_are_counted_in_scripts_with_and_without_spaces() {
        assert_eq!(word_count("Storm closes ports"), 3);
        assert_eq!(word_count("宇航员在太空中喝酒会怎么样"), 7);
        assert_eq!(word_count("DeepMind新电脑已可利用记忆自学 人工智能"), 8);
        assert!(is_unspaced_script('の') && !is_unspaced_script('a') && !is_unspaced_script('한'));
    }

    #[test]
    fn titles_name_the_page_and_the_site() {
        assert_eq!(document_title(""), "Dateline");
        assert_eq!(document_title("NBA"), "NBA — Dateline");
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(21577), "21,577");
        assert_eq!(group_thousands(1234567), "1,234,567");
        assert_eq!(count_text(0), "No articles match");
        assert_eq!(count_text(1), "1 article");
        assert_eq!(count_text(2448), "2,448 articles");
        assert_eq!(plural(1, "photo", "photos"), "1 photo");
        assert_eq!(plural(0, "photo", "photos"), "0 photos");
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slugify("Sports News"), "sports-news");
        assert_eq!(slugify("  NBA  "), "nba");
        assert_eq!(slugify("Ramón's Café — Société!"), "ramons-cafe-societe");
        assert_eq!(slugify("U.S. & Mexico"), "u-s-mexico");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn ids_and_urls_are_checked() {
        assert!(is_valid_id("rubio-says-us_1.2"));
        assert!(
            !is_valid_id("../x") && !is_valid_id("a/b") && !is_valid_id("") && !is_valid_id("a b")
        );
        assert!(
            is_safe_url("https://apnews.com/NBA")
                && is_safe_url("images/a.jpg")
                && is_safe_url("/a?b:c")
        );
        assert!(
            !is_safe_url("javascript:alert(1)")
                && !is_safe_url(" JavaScript:x")
                && !is_safe_url("data:x")
        );
        assert!(!is_safe_url("vbscript:x") && !is_safe_url(""));
    }

    #[test]
    fn first_sentence_skips_abbreviations() {
        assert_eq!(
            first_sentence("The U.S. and Mexico met. Then they left."),
            "The U.S. and Mexico met."
        );
        assert_eq!(
            first_sentence("On Jan. 3 Dr. Lee left. Next day."),
            "On Jan. 3 Dr. Lee left."
        );
        assert_eq!(
            first_sentence("“It is fine,” he said. “Really.”"),
            "“It is fine,” he said."
        );
        assert_eq!(first_sentence("One sentence only."), "One sentence only.");
        assert_eq!(
            first_sentence("He said “Stop.” Then left."),
            "He said “Stop.”"
        );
    }

    #[test]
    fn truncation_cuts_at_words() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("alpha beta gamma delta", 13), "alpha beta…");
        assert!(truncate_words(&"word ".repeat(100), 50).chars().count() <= 50);
    }

    #[test]
    fn derived_titles_read_like_headlines() {
        let kuminga = "Coach Steve Kerr spoke with Warriors forward Jonathan Kuminga during the morning shootaround Thursday about the player's situation being out of the rotation for more than a month now with expectations he will be traded before the deadline next month.";
        assert_eq!(
            derive_title(kuminga),
            "Coach Steve Kerr spoke with Warriors forward Jonathan Kuminga"
        );
        assert_eq!(
            derive_title("Stocks rose on Monday. More later."),
            "Stocks rose on Monday"
        );
        let no_breaks = "Zxcv ".repeat(40);
        let t = derive_title(&no_breaks);
        assert!(t.ends_with('…') && t.chars().count() <= 90, "{t}");
    }

    #[test]
    fn byte_sizes_read_naturally() {
        assert_eq!(byte_size(850), "850 bytes");
        assert_eq!(byte_size(12_345), "12.3 kB");
        assert_eq!(byte_size(999_000), "999.0 kB");
        assert_eq!(byte_size(260_149_000), "260.1 MB");
        assert_eq!(byte_size(3_000_000_000), "3.0 GB");
    }
}
