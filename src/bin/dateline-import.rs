//! `dateline-import -o dist/articles.json content/` — scraped pages to a bundle.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: dateline-import [-q] -o OUTPUT.json INPUT...
  INPUT   a scraped page (.txt) or a directory of them, read in name order
  -o      where to write the bundle (written atomically)
  -q      do not print what the importer noticed";

fn main() -> ExitCode {
    let mut output = None;
    let mut inputs = Vec::new();
    let mut quiet = false;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => output = args.next().map(PathBuf::from),
            Some("-q" | "--quiet") => quiet = true,
            Some("-h" | "--help") => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Some(flag) if flag.starts_with('-') => {
                eprintln!("dateline-import: unknown option {flag}\n{USAGE}");
                return ExitCode::from(64);
            }
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    let (Some(output), false) = (output, inputs.is_empty()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(64);
    };
    match dateline::importer::run(&inputs, &output) {
        Ok((count, notes)) => {
            if !quiet {
                for note in notes {
                    eprintln!("note: {note}");
                }
            }
            eprintln!(
                "dateline-import: wrote {count} article(s) to {}",
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dateline-import: error: {e}");
            ExitCode::FAILURE
        }
    }
}
