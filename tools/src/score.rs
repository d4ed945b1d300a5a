//! How well HTML import does on saved pages with a known answer (the
//! development pages under `../shared/corpora/pages/`: `source.html`, the
//! article as Readability extracts it in `expected.html`, and its
//! `expected-metadata.json`), scored the way public extraction benchmarks
//! score: tokens are Unicode word runs (`\w+`), shingles are 4 consecutive
//! tokens, and each page's true/false positives and false negatives are
//! counted over shingle multisets and normalised by their sum; precision and
//! recall are means over pages and F1 their harmonic mean.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline_core::model::Article;
use serde::Deserialize;

use crate::importer::html::{import_html, page_time, HtmlInput, Media};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Overlap {
    pub precision: f64,
    pub recall: f64,
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    static WORD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let word = WORD.get_or_init(|| regex::Regex::new(r"\w+").expect("a valid pattern"));
    let tokens: Vec<String> = word
        .find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect();
    let mut counts = HashMap::new();
    if tokens.len() < 4 {
        if !tokens.is_empty() {
            *counts.entry(tokens).or_default() += 1;
        }
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.to_vec()).or_default() += 1;
    }
    counts
}

/// Precision and recall of `got` against `expected` for one page.
pub fn overlap(got: &str, expected: &str) -> Overlap {
    let (got, expected) = (shingles(got), shingles(expected));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &n) in &got {
        let m = expected.get(shingle).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    for (shingle, &m) in &expected {
        fn_ += m.saturating_sub(got.get(shingle).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return Overlap {
            precision: 1.0,
            recall: 1.0,
        };
    }
    let (tp, fp, fn_) = (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum);
    let ratio = |a: f64, b: f64| if a + b > 0.0 { a / (a + b) } else { 0.0 };
    Overlap {
        precision: ratio(tp, fp),
        recall: ratio(tp, fn_),
    }
}

pub fn f1(o: Overlap) -> f64 {
    if o.precision + o.recall == 0.0 {
        0.0
    } else {
        2.0 * o.precision * o.recall / (o.precision + o.recall)
    }
}

/// The text of an HTML fragment as a reader sees it: text nodes run
/// together (`<span>D</span>espite` is one word), blocks apart.
pub fn html_text(html: &str) -> String {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "font",
    ];
    let doc = dom_query::Document::from(html);
    let mut out = String::new();
    for node in doc.root().descendants_it() {
        if node.is_text() {
            out.push_str(&node.text());
        } else if node.is_element() {
            let name = node.node_name().unwrap_or_default().to_ascii_lowercase();
            if !INLINE.contains(&name.as_str()) {
                out.push(' ');
            }
        }
    }
    out
}

/// All the words of an imported article's body.
pub fn article_text(article: &Article) -> String {
    let mut out = String::new();
    for block in &article.body {
        block.push_text(&mut out);
        out.push('\n');
    }
    out
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Expected {
    title: Option<String>,
    byline: Option<String>,
    lang: Option<String>,
    published_time: Option<String>,
}

/// One page's score.
#[derive(Debug, Clone, Default)]
pub struct PageScore {
    pub name: String,
    pub overlap: Overlap,
    /// Why the page gave no article, when it did not.
    pub skipped: Option<String>,
    pub title: bool,
    pub got_title: String,
    /// `None` when the page has no expected value.
    pub byline: Option<bool>,
    pub got_byline: Option<String>,
    pub published: Option<bool>,
    pub language: Option<bool>,
    pub time: Duration,
}

pub struct Score {
    pub pages: Vec<PageScore>,
}

impl Score {
    pub fn overall(&self) -> Overlap {
        let n = self.pages.len().max(1) as f64;
        Overlap {
            precision: self.pages.iter().map(|p| p.overlap.precision).sum::<f64>() / n,
            recall: self.pages.iter().map(|p| p.overlap.recall).sum::<f64>() / n,
        }
    }

    /// (matches, pages with an expected value) of one check.
    pub fn count(&self, check: impl Fn(&PageScore) -> Option<bool>) -> (usize, usize) {
        let values: Vec<bool> = self.pages.iter().filter_map(check).collect();
        (values.iter().filter(|&&v| v).count(), values.len())
    }

    pub fn pages_per_second(&self) -> f64 {
        let total: Duration = self.pages.iter().map(|p| p.time).sum();
        self.pages.len() as f64 / total.as_secs_f64().max(1e-9)
    }
}

/// Scores every page folder under `dir` (name order).
pub fn score_dir(dir: &Path) -> std::io::Result<Score> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    folders.sort();
    let pages = folders
        .iter()
        .map(|f| score_page(f))
        .collect::<std::io::Result<_>>()?;
    Ok(Score { pages })
}

/// Scores the text importer: each page's text as a browser copies it
/// (`text_dir/<name>.txt`, made by `tests/score/page-text.mjs`) imported as a
/// scraped page; the article with the most body text is the page's.
pub fn score_text_dir(pages: &Path, text_dir: &Path) -> std::io::Result<Score> {
    let mut names: Vec<String> = std::fs::read_dir(text_dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".txt")
                .map(str::to_owned)
        })
        .filter(|n| pages.join(n).join("expected.html").is_file())
        .collect();
    names.sort();
    let mut scores = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(text_dir.join(format!("{name}.txt")))?;
        let folder = pages.join(&name);
        let started = Instant::now();
        let (articles, _) = crate::importer::import_pages([(name.as_str(), text.as_str())]);
        let time = started.elapsed();
        let best = articles.into_iter().max_by_key(|a| article_text(a).len());
        scores.push(match best {
            Some(article) => judge(&folder, name, &article, time, Dates::SameDay)?,
            None => PageScore {
                name,
                skipped: Some("no article found".into()),
                time,
                ..PageScore::default()
            },
        });
    }
    Ok(Score { pages: scores })
}

fn same_words(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// Lower case, one space between words, typographic quotes as plain ones.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['“', '”', '„'], "\"")
        .replace(['‘', '’'], "'")
}

/// The expected title is the document's `<title>`, which often adds the
/// site's name ("… | Eleanor Ainge Roy", "… - Breitbart", "…_探索者 _光明网",
/// "…（CNET Japan） - Yahoo!ニュース"). A page prints its headline without
/// it, so a headline is right when it is the title or the title up to such
/// a separator.
pub fn headline_matches(expected: &str, got: &str) -> bool {
    let (expected, got) = (normalise(expected), normalise(got));
    if got.is_empty() {
        return false;
    }
    expected == got
        || expected.strip_prefix(&got).is_some_and(|rest| {
            rest.trim_start()
                .starts_with(['|', '-', '–', '—', '_', '(', '（', '[', '·', ':'])
        })
}

/// How a published time is judged: the same instant (HTML import reads
/// the page's metadata), or the same calendar day (a page's text prints the
/// date, often without a zone or seconds, sometimes on a 12-hour clock the
/// metadata renders as 24).
#[derive(Clone, Copy)]
enum Dates {
    SameInstant,
    SameDay,
}

pub fn score_page(folder: &Path) -> std::io::Result<PageScore> {
    let source = std::fs::read(folder.join("source.html"))?;
    let name = folder
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let started = Instant::now();
    let mut media = Media::default();
    let result = import_html(
        &HtmlInput {
            bytes: &source,
            path: Some(&folder.join("source.html")),
            base_url: Some("http://fakehost/test/page.html"),
        },
        &mut media,
    );
    let time = started.elapsed();
    let article = match result {
        Ok((article, _)) => article,
        Err(reason) => {
            return Ok(PageScore {
                name,
                skipped: Some(reason),
                time,
                ..PageScore::default()
            })
        }
    };
    judge(folder, name, &article, time, Dates::SameInstant)
}

/// One imported article against the page's expected body and metadata.
fn judge(
    folder: &Path,
    name: String,
    article: &Article,
    time: Duration,
    dates: Dates,
) -> std::io::Result<PageScore> {
    let expected_html = std::fs::read_to_string(folder.join("expected.html"))?;
    let expected: Expected = std::fs::read_to_string(folder.join("expected-metadata.json"))
        .ok()
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    let expected_time = expected.published_time.as_deref().and_then(page_time);
    Ok(PageScore {
        name,
        overlap: overlap(&article_text(article), &html_text(&expected_html)),
        skipped: None,
        title: expected
            .title
            .as_deref()
            .is_some_and(|t| headline_matches(t, &article.title)),
        got_title: article.title.clone(),
        byline: expected.byline.as_deref().map(|b| {
            article
                .byline
                .as_deref()
                .is_some_and(|got| same_words(b, got))
        }),
        got_byline: article.byline.clone(),
        // The same instant (a page printing 02.00 EST for 07:00Z is right),
        // or the same day as each prints it.
        published: expected_time.map(|want| {
            article.published.is_some_and(|got| match dates {
                Dates::SameInstant => got.sort_key() == want.sort_key(),
                Dates::SameDay => got.date == want.date,
            })
        }),
        language: expected.lang.as_deref().map(|want| {
            article
                .language
                .as_deref()
                .is_some_and(|got| got.eq_ignore_ascii_case(want))
        }),
        time,
    })
}

fn mark(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "-",
    }
}

/// The per-page table, the overall line and the worst five, as both score commands print them.
pub fn print_table(score: &Score) {
    println!(
        "{:<22} {:>6} {:>6} {:>6}  {:<5} {:<6} {:<9} {:<4}",
        "page", "P", "R", "F1", "title", "byline", "published", "lang"
    );
    for p in &score.pages {
        println!(
            "{:<22} {:>6.3} {:>6.3} {:>6.3}  {:<5} {:<6} {:<9} {:<4}{}",
            p.name,
            p.overlap.precision,
            p.overlap.recall,
            f1(p.overlap),
            mark(Some(p.title)),
            mark(p.byline),
            mark(p.published),
            mark(p.language),
            p.skipped
                .as_deref()
                .map(|s| format!("  skipped: {s}"))
                .unwrap_or_default()
        );
    }
    let overall = score.overall();
    let (titles, pages) = score.count(|p| Some(p.title));
    let (bylines, with_byline) = score.count(|p| p.byline);
    let (times, with_time) = score.count(|p| p.published);
    let (langs, with_lang) = score.count(|p| p.language);
    println!(
        "\noverall ({pages} pages): precision {:.3}, recall {:.3}, F1 {:.3}; headline exact {titles}/{pages}; \
         byline {bylines}/{with_byline}; published {times}/{with_time}; language {langs}/{with_lang}; {:.0} pages/s",
        overall.precision,
        overall.recall,
        f1(overall),
        score.pages_per_second()
    );
    let mut worst: Vec<_> = score.pages.iter().collect();
    worst.sort_by(|a, b| f1(a.overlap).total_cmp(&f1(b.overlap)));
    println!(
        "worst five by F1: {}",
        worst
            .iter()
            .take(5)
            .map(|p| format!("{} {:.3}", p.name, f1(p.overlap)))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_is_the_title_without_the_site_name() {
        assert!(headline_matches(
            "Storm hits coast - Daily News",
            "Storm hits coast"
        ));
        assert!(headline_matches(
            "宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网",
            "宇航员在太空中喝酒会怎么样？后果很严重"
        ));
        assert!(headline_matches(
            "Pills \"Burned Her Up\"",
            "Pills “Burned Her\u{a0}Up”"
        ));
        assert!(!headline_matches(
            "Storm hits coast today",
            "Storm hits coast"
        ));
        assert!(!headline_matches("Storm hits coast", ""));
    }

    #[test]
    fn overlap_counts_shingle_multisets() {
        let text = "one two three four five six";
        assert_eq!(
            overlap(text, text),
            Overlap {
                precision: 1.0,
                recall: 1.0
            }
        );
        // Three shingles each; the got side shares two of them.
        let o = overlap("one two three four five", "two three four five six");
        // tp 1, fp 1, fn 1 of 3: precision 1/2, recall 1/2.
        assert!(
            (o.precision - 0.5).abs() < 1e-9 && (o.recall - 0.5).abs() < 1e-9,
            "{o:?}"
        );
        assert_eq!(f1(overlap("", "a b c d e")), 0.0);
        // Unicode words: accents and CJK are word characters.
        assert_eq!(
            overlap("café crème brûlée été", "café crème brûlée été").recall,
            1.0
        );
    }
}
