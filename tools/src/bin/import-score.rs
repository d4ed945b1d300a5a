//! `import-score [DIR]` — how HTML import does on the development pages
//! (default `../shared/corpora/pages`): body precision, recall and F1,
//! headline, byline, published time and language per page and overall,
//! pages per second. Skips cleanly when the pages are not there.

use std::path::PathBuf;
use std::process::ExitCode;

use dateline_tools::score::{print_table, score_dir};

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
    print_table(&score);
    ExitCode::SUCCESS
}
