//! `dateline-site DIR` — finish a built site (run by Trunk's post_build hook
//! on its staging directory): site data from `DIR/articles.json`, icons,
//! manifest, 404.html, service worker.
//!
//! `dateline-site --data BUNDLE DIR` — only write the site data for a bundle
//! into `DIR/data/` (test fixtures, benchmarks). Either way the new data
//! replaces the old only once all of it is written, and a bundle with no
//! article to show is refused unless `--allow-empty` is given.

use std::path::Path;
use std::process::ExitCode;

fn data_only(bundle: &Path, dir: &Path, allow_empty: bool) -> Result<String, String> {
    let json = std::fs::read_to_string(bundle)
        .map_err(|e| format!("cannot read {}: {e}", bundle.display()))?;
    let catalog = dateline_core::model::Catalog::from_json(&json).map_err(|e| e.to_string())?;
    let report = dateline_tools::site::data::write_data(dir, &catalog, allow_empty)?;
    let dropped = catalog.facets.dropped;
    Ok(format!(
        "site data for {} articles ({} skipped): {} files, {} bytes{}",
        catalog.articles.len(),
        catalog.skipped.len(),
        report.files,
        report.bytes,
        if dropped > 0 {
            format!("; {dropped} facet values past the first 65,536 are not offered as filters (the articles keep them)")
        } else {
            String::new()
        }
    ))
}

fn main() -> ExitCode {
    let mut args: Vec<_> = std::env::args_os().skip(1).collect();
    let allow_empty = args.iter().any(|a| a == "--allow-empty");
    args.retain(|a| a != "--allow-empty");
    let result = match args.as_slice() {
        [flag, bundle, dir] if flag == "--data" => {
            data_only(Path::new(bundle), Path::new(dir), allow_empty)
        }
        [dir] => dateline_tools::site::finish(Path::new(dir)),
        _ => {
            eprintln!(
                "usage: dateline-site SITE_DIR | dateline-site [--allow-empty] --data BUNDLE OUT_DIR"
            );
            return ExitCode::from(64);
        }
    };
    match result {
        Ok(report) => {
            eprintln!("dateline-site: {report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dateline-site: error: {e}");
            ExitCode::FAILURE
        }
    }
}
