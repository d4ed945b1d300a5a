//! `dateline-import -o dist/articles.json content/` — scraped pages or JSON
//! Lines exports to a bundle.

use std::path::PathBuf;
use std::process::ExitCode;

use dateline_tools::importer::{records::FieldMap, table, Options};

const USAGE: &str = "usage: dateline-import [options] -o OUTPUT.json [PAGE...]
  PAGE                a saved page (.html, .htm), a scraped text page (.txt), either optionally .gz,
                      or a directory of them (with subdirectories), read in name order; pictures
                      saved with an HTML page (Page_files/) are copied to media/ beside the output
  --base-url URL      where saved pages came from, for relative links they do not resolve themselves
  -o, --output FILE   where to write the bundle (written atomically)
  PAGE may also be a feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed; .xml .rss .atom .json), read by its content
  --jsonl FILE        a JSON Lines export (.jsonl or .jsonl.gz); repeatable; needs --map
  --csv FILE          a CSV export with a header row (.csv or .csv.gz); repeatable; needs --map
  --delimiter D       between CSV fields: ',' (default), ';' or tab
  --topic-separator C between topics in one CSV cell (default ',')
  --map SPEC          which record fields make which article fields, e.g.
                      id=newid,title=title,published=date,topics=topics,body=body|unproc_text,dateline=dateline
                      (fields: id title published updated topics body summary dateline source byline url;
                      a|b tries a, then b)
  --topic-labels FILE topic code to label lines: 'Label (CODE)' or 'code<TAB>label'
  --source NAME       the source for records that name none
  --copies N          benchmarks only: N copies, copy k dated k years later, ids suffixed -k
  -q, --quiet         do not print what the importer noticed";

fn parse_args() -> Result<Option<(Options, bool)>, String> {
    let mut options = Options::default();
    let mut output = None;
    let mut quiet = false;
    let mut args = std::env::args_os().skip(1);
    let value = |args: &mut dyn Iterator<Item = std::ffi::OsString>, flag: &str| {
        args.next().ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => output = Some(PathBuf::from(value(&mut args, "-o")?)),
            Some("--jsonl") => options
                .jsonl
                .push(PathBuf::from(value(&mut args, "--jsonl")?)),
            Some("--csv") => options.csv.push(PathBuf::from(value(&mut args, "--csv")?)),
            Some("--delimiter") => {
                let d = value(&mut args, "--delimiter")?;
                options.csv_format.delimiter = table::parse_delimiter(&d.to_string_lossy())?;
            }
            Some("--topic-separator") => {
                let s = value(&mut args, "--topic-separator")?
                    .to_string_lossy()
                    .into_owned();
                let mut chars = s.chars();
                options.csv_format.topic_separator = match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => return Err("--topic-separator takes one character".into()),
                };
            }
            Some("--map") => {
                let spec = value(&mut args, "--map")?;
                options.map = Some(FieldMap::parse(&spec.to_string_lossy())?);
            }
            Some("--topic-labels") => {
                options.topic_labels = Some(PathBuf::from(value(&mut args, "--topic-labels")?))
            }
            Some("--source") => {
                options.source = Some(value(&mut args, "--source")?.to_string_lossy().into_owned())
            }
            Some("--copies") => {
                let n = value(&mut args, "--copies")?;
                options.copies = n
                    .to_string_lossy()
                    .parse()
                    .map_err(|_| "--copies needs a whole number")?;
            }
            Some("--base-url") => {
                options.base_url = Some(
                    value(&mut args, "--base-url")?
                        .to_string_lossy()
                        .into_owned(),
                )
            }
            Some("-q" | "--quiet") => quiet = true,
            Some("-h" | "--help") => return Ok(None),
            Some(flag) if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ => options.pages.push(PathBuf::from(arg)),
        }
    }
    options.output = output.ok_or("no output given (-o FILE)")?;
    if options.pages.is_empty() && options.jsonl.is_empty() && options.csv.is_empty() {
        return Err("nothing to import: give pages, feeds, --jsonl or --csv".into());
    }
    Ok(Some((options, quiet)))
}

fn main() -> ExitCode {
    let (options, quiet) = match parse_args() {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("dateline-import: {e}\n{USAGE}");
            return ExitCode::from(64);
        }
    };
    match dateline_tools::importer::run(&options) {
        Ok((count, notes)) => {
            if !quiet {
                for note in notes.iter().take(50) {
                    eprintln!("note: {note}");
                }
                if notes.len() > 50 {
                    eprintln!("note: … and {} more", notes.len() - 50);
                }
            }
            eprintln!(
                "dateline-import: wrote {count} article(s) to {}",
                options.output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Why nothing was found is in the notes: show them even when quiet.
            if let dateline_tools::importer::ImportError::NoArticles { notes } = &e {
                for note in notes.iter().take(50) {
                    eprintln!("note: {note}");
                }
            }
            eprintln!("dateline-import: error: {e}");
            ExitCode::FAILURE
        }
    }
}
