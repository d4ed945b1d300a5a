//! `dateline-site DIR` — finish a built site (run by Trunk's post_build hook
//! on its staging directory): icons, manifest, 404.html, service worker.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: dateline-site SITE_DIR");
        return ExitCode::from(64);
    };
    match dateline::site::finish(std::path::Path::new(&dir)) {
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
