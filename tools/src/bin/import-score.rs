//! `import-score [DIR]` — how HTML import does on the development pages
//! (default `../shared/corpora/pages`): body precision, recall and F1,
//! headline, byline, published time and language per page and overall,
//! pages per second. Skips cleanly when the pages are not there.

use std::path::PathBuf;
use std::process::ExitCode;

use dateline_tools::score::{f1, score_dir};

fn mark(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "-",
    }
}

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/pages"));
    if !dir.is_dir() {
        println!(
            "import-score: {} is not here; nothing to score (skipped)",
            dir.display()
        );
        return ExitCode::SUCCESS;
    }
    let score = match score_dir(&dir) {
        Ok(score) => score,
        Err(e) => {
            eprintln!("import-score: cannot read {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
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
    ExitCode::SUCCESS
}
