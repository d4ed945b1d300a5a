//! `text-score [PAGES_DIR [TEXT_DIR]]` — how the text importer does on the
//! development pages as a browser copies them (the text made by
//! `tests/score/page-text.mjs` in `target/page-text/`): body precision,
//! recall and F1, headline, byline, published time, per page and overall.
//! `make text-score` makes the text and runs this.

use std::path::PathBuf;
use std::process::ExitCode;

use dateline_tools::score::{print_table, score_text_dir};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let pages = args
        .next()
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/pages"));
    let text = args
        .next()
        .unwrap_or_else(|| PathBuf::from("target/page-text"));
    if !pages.is_dir() || !text.is_dir() {
        println!(
            "text-score: {} or {} is not here; nothing to score (skipped)",
            pages.display(),
            text.display()
        );
        return ExitCode::SUCCESS;
    }
    match score_text_dir(&pages, &text) {
        Ok(score) => {
            print_table(&score);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("text-score: {e}");
            ExitCode::FAILURE
        }
    }
}
