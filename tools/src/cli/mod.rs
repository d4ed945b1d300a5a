//! The `dateline` command: a thin clap layer over the importer, the site
//! builder, the update and the subscriptions. Each subcommand parses its
//! arguments once, calls one library function, and prints a summary.
//!
//! Exit codes scripts can trust: 0 done, 1 nothing usable (no article, every
//! feed failed, a file that cannot be read or written), 2 a usage error
//! (clap's own code; nothing is read or written).

mod progress;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::archive::Archive;
use crate::fetch::Limits;
use crate::importer::{self, records::FieldMap, table, ImportError, Options};
use crate::subscriptions::{checked_url, Feed, FullText, Subscriptions};
use crate::update::{self, Outcome, UpdateOptions};

const AFTER_HELP: &str = "\
A news site that keeps itself up to date:
  dateline feeds add https://example.org/feed.xml   follow a feed (content/subscriptions.opml)
  dateline update                                   fetch every feed into content/archive/
  make build                                        the site, from content/ and its archive

Exit codes: 0 done, 1 nothing usable (see the message), 2 usage error.";

/// An offline-first static news reader: import what you have, follow feeds,
/// keep every story, build the site.
#[derive(Parser, Debug)]
#[command(name = "dateline", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Turn pages, feeds, CSV and JSON Lines into the article bundle.
    #[command(
        after_help = "PAGE may be a saved page (.html, .htm), a scraped text page (.txt), a feed \
        (RSS, Atom, JSON Feed: read by its content), each optionally .gz, or a directory of them. \
        A content directory's archive/ (kept by `dateline update`) is read with it.\n\n\
        Example: dateline import -o dist/articles.json content/"
    )]
    Import(ImportArgs),
    /// Finish a built site: site data, article pages, icons, service worker.
    #[command(
        after_help = "Trunk's post_build hook runs `dateline build \"$TRUNK_STAGING_DIR\"` after \
        `dateline import`. With --data, only the site data of a bundle is written (test fixtures, benchmarks)."
    )]
    Build(BuildArgs),
    /// Fetch every subscribed feed and keep what is new in the archive.
    #[command(
        after_help = "Conditional requests (a feed that did not change costs one small request), \
        one request at a time per host, a time-out and a size cap per response. Feed state is kept in \
        CONTENT_DIR/archive/feeds-state.json; a run with nothing new changes no file.\n\n\
        Example: dateline update content --keep-days 365"
    )]
    Update(UpdateArgs),
    /// Manage the subscriptions (CONTENT_DIR/subscriptions.opml).
    #[command(subcommand)]
    Feeds(FeedsCommand),
    /// Remove articles from the archive, for good.
    #[command(
        after_help = "The article's text goes; its id, date, topics, the keys that identify its \
                      entry and the hashes of its words (never the text) stay in the archive, so a \
                      feed that still carries the entry does not bring it back, and the next build \
                      keeps its place: only the files of its part of the site change. IDs are the \
                      last part of an article's address (article/<ID>/).\n\n\
                      Example: dateline remove --content content reuters-1987-03-02-1234"
    )]
    Remove {
        /// The ids of the articles to remove.
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
        #[command(flatten)]
        content: ContentArg,
    },
    /// Print a shell completion script (e.g. `dateline completions bash > ~/.local/share/bash-completion/completions/dateline`).
    Completions { shell: clap_complete::Shell },
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// Pages, feeds or directories of them.
    #[arg(value_name = "PAGE")]
    pages: Vec<PathBuf>,
    /// Where to write the bundle (written atomically).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Where saved pages came from, for relative links they do not resolve themselves.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// A JSON Lines export (.jsonl or .jsonl.gz); repeatable; needs --map.
    #[arg(long, value_name = "FILE")]
    jsonl: Vec<PathBuf>,
    /// A CSV export with a header row (.csv or .csv.gz); repeatable; needs --map.
    #[arg(long, value_name = "FILE")]
    csv: Vec<PathBuf>,
    /// Between CSV fields: ',' (default), ';' or tab.
    #[arg(long, value_name = "D")]
    delimiter: Option<String>,
    /// Between topics in one CSV cell (default ',').
    #[arg(long, value_name = "C")]
    topic_separator: Option<char>,
    /// Which record fields make which article fields, e.g.
    /// id=newid,title=title,published=date,topics=topics,body=body|unproc_text
    /// (fields: id title published updated topics body summary dateline source byline url
    /// facet.NAME; a|b tries a, then b).
    #[arg(long, value_name = "SPEC")]
    map: Option<String>,
    /// Topic code to label lines: 'Label (CODE)' or 'code<TAB>label'.
    #[arg(long, value_name = "FILE")]
    topic_labels: Option<PathBuf>,
    /// The source for records that name none.
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Benchmarks only: N copies, copy k dated k years later, ids suffixed -k.
    #[arg(long, value_name = "N", default_value_t = 1, hide_short_help = true)]
    copies: u32,
    /// Do not print what the importer noticed.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// The built site to finish (Trunk's staging directory), or with --data the directory to write data into.
    #[arg(value_name = "SITE_DIR")]
    dir: PathBuf,
    /// Only write the site data of this bundle into SITE_DIR/data/.
    #[arg(long, value_name = "BUNDLE")]
    data: Option<PathBuf>,
    /// With --data: accept a bundle with no article to show.
    #[arg(long, requires = "data")]
    allow_empty: bool,
    /// Keep what this build did in DIR, and take up what the last one left
    /// there: when the archive only grew, only the new articles are processed
    /// (the files are the same as a clean build's).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct UpdateArgs {
    /// The content directory: its subscriptions.opml and archive/.
    #[arg(value_name = "CONTENT_DIR", default_value = "content")]
    content: PathBuf,
    /// Remove archived articles published more than N days ago, as `dateline remove` does (default: keep forever).
    #[arg(long, value_name = "N")]
    keep_days: Option<u32>,
    /// Seconds one request may take, from connecting to the last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// The most bytes one response may hold once decoded.
    #[arg(long, value_name = "BYTES", default_value_t = 16 << 20)]
    max_bytes: u64,
    /// Requests under way at once (never more than one per host).
    #[arg(long, value_name = "N", default_value_t = 4)]
    jobs: usize,
    /// The site's address, named in the User-Agent (default: DATELINE_SITE_URL).
    #[arg(long, value_name = "URL", env = "DATELINE_SITE_URL")]
    site_url: Option<String>,
}

#[derive(Subcommand, Debug)]
enum FeedsCommand {
    /// Follow a feed (an http or https address).
    Add {
        url: String,
        /// The source name its articles show instead of the feed's own title.
        #[arg(long)]
        title: Option<String>,
        /// A topic added to every entry; repeatable.
        #[arg(long = "topic", value_name = "TOPIC")]
        topics: Vec<String>,
        /// Fetch entries' pages for their whole text.
        #[arg(long, value_enum, default_value_t = FullTextArg::On)]
        full_text: FullTextArg,
        #[command(flatten)]
        content: ContentArg,
    },
    /// Stop following a feed (its archived articles stay).
    Remove {
        url: String,
        #[command(flatten)]
        content: ContentArg,
    },
    /// The feeds followed, with how each last went.
    List {
        #[command(flatten)]
        content: ContentArg,
    },
    /// Follow every feed of an OPML file another reader exported.
    Import {
        file: PathBuf,
        #[command(flatten)]
        content: ContentArg,
    },
    /// Print the subscriptions as OPML, for another reader.
    Export {
        #[command(flatten)]
        content: ContentArg,
    },
}

#[derive(Args, Debug)]
struct ContentArg {
    /// The content directory holding subscriptions.opml.
    #[arg(long = "content", value_name = "DIR", default_value = "content")]
    dir: PathBuf,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum FullTextArg {
    On,
    Off,
    Always,
}

/// Runs the command line; the process exits with what it returns.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Import(args) => import(args),
        Command::Build(args) => build(args),
        Command::Update(args) => run_update(args),
        Command::Feeds(command) => feeds(command),
        Command::Remove { ids, content } => remove(&ids, &content.dir),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "dateline",
                &mut std::io::stdout(),
            );
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("dateline: {message}\n(see `dateline --help`)");
            ExitCode::from(2)
        }
        Err(Failure::Nothing(message)) => {
            eprintln!("dateline: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Why a command stopped: the arguments (2) or the input (1).
enum Failure {
    Usage(String),
    Nothing(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Nothing(message)
    }
}

/// `dateline remove`: marks the articles removed, under the update lock.
fn remove(ids: &[String], content: &Path) -> Result<(), Failure> {
    let _lock = crate::archive::Lock::take(content)?;
    let mut archive = Archive::read(content)?;
    let removed = archive.remove(ids)?;
    archive.write(content)?;
    let already = ids.len() - removed.len();
    eprintln!(
        "dateline remove: {} article(s) removed from {}{}; the next build leaves them out",
        removed.len(),
        content.join(crate::archive::DIR).display(),
        if already > 0 {
            format!(" ({already} already were)")
        } else {
            String::new()
        }
    );
    Ok(())
}

fn import(args: ImportArgs) -> Result<(), Failure> {
    let mut options = Options {
        base_url: args.base_url,
        jsonl: args.jsonl,
        csv: args.csv,
        topic_labels: args.topic_labels,
        source: args.source,
        copies: args.copies,
        output: args.output,
        ..Options::default()
    };
    if let Some(d) = &args.delimiter {
        options.csv_format.delimiter = table::parse_delimiter(d).map_err(Failure::Usage)?;
    }
    if let Some(c) = args.topic_separator {
        options.csv_format.topic_separator = c;
    }
    if let Some(spec) = &args.map {
        options.map = Some(FieldMap::parse(spec).map_err(Failure::Usage)?);
    }
    // A content directory's archive comes with it; a directory that holds
    // only an archive is no error.
    for page in args.pages {
        if page.is_dir() {
            let archived = Archive::read(&page)?;
            let has_pages = importer::input_files(std::slice::from_ref(&page)).is_ok();
            options.articles.extend(archived.articles());
            options.removed.extend(archived.removed());
            if !has_pages && !options.articles.is_empty() {
                continue;
            }
        }
        options.pages.push(page);
    }
    if options.pages.is_empty()
        && options.jsonl.is_empty()
        && options.csv.is_empty()
        && options.articles.is_empty()
    {
        return Err(Failure::Usage(
            "nothing to import: give pages, feeds, a content directory, --jsonl or --csv".into(),
        ));
    }
    let archived = options.articles.len();
    let shown = progress::Progress::new("import", "files", 0);
    let result = importer::run_reporting(&options, &|done, total| shown.at(done, total));
    shown.finish();
    match result {
        Ok(report) => {
            if !args.quiet {
                print_notes(&report.notes);
                progress::print_import_summary(&report, archived, &options.output);
            }
            let from_archive = if archived > 0 {
                format!(" ({archived} from the archive)")
            } else {
                String::new()
            };
            eprintln!(
                "dateline import: wrote {} article(s){from_archive} to {}",
                report.articles,
                options.output.display()
            );
            Ok(())
        }
        Err(ImportError::NoArticles { notes }) => {
            // Why nothing was found is in the notes: show them even when quiet.
            print_notes(&notes);
            Err(ImportError::NoArticles { notes: Vec::new() }
                .to_string()
                .into())
        }
        Err(e @ ImportError::Usage(_)) if e.to_string().contains("needs --map") => {
            Err(Failure::Usage(e.to_string()))
        }
        Err(e) => Err(e.to_string().into()),
    }
}

fn print_notes(notes: &[String]) {
    for note in notes.iter().take(50) {
        eprintln!("note: {note}");
    }
    if notes.len() > 50 {
        eprintln!("note: … and {} more", notes.len() - 50);
    }
}

fn build(args: BuildArgs) -> Result<(), Failure> {
    let report = match &args.data {
        Some(bundle) => data_only(bundle, &args.dir, args.allow_empty, args.cache.as_deref())?,
        None => {
            if !args.dir.join("index.html").is_file() {
                return Err(Failure::Usage(format!(
                    "{} is not a built site (no index.html): build with `make build` or `trunk build`, or give --data BUNDLE",
                    args.dir.display()
                )));
            }
            let settings = crate::site::address::Settings {
                cache: args.cache.clone(),
                ..crate::site::address::Settings::read(|name| std::env::var(name).ok())?
            };
            let shown = progress::Progress::new("build", "article pages", 0);
            let report = crate::site::finish_reporting(&args.dir, &settings, &|done, total| {
                shown.at(done, total)
            });
            shown.finish();
            let report = report?;
            progress::print_build_summary(&args.dir);
            report
        }
    };
    eprintln!("dateline build: {report}");
    Ok(())
}

fn data_only(
    bundle: &Path,
    dir: &Path,
    allow_empty: bool,
    cache: Option<&Path>,
) -> Result<String, String> {
    let json = std::fs::read_to_string(bundle)
        .map_err(|e| format!("cannot read {}: {e}", bundle.display()))?;
    let catalog = dateline_core::model::Catalog::from_json(&json).map_err(|e| e.to_string())?;
    let report = crate::site::data::write_data_cached(dir, &catalog, allow_empty, cache)?;
    let dropped = catalog.facets.dropped;
    let summary = format!(
        "site data for {} articles ({} skipped): {} files, {} bytes{}{}",
        catalog.articles.len(),
        catalog.skipped.len(),
        report.files,
        report.bytes,
        crate::site::data::reused_note(&report),
        if dropped > 0 {
            format!("; {dropped} facet values past the first 65,536 are not offered as filters (the articles keep them)")
        } else {
            String::new()
        }
    );
    // The process ends after this: freeing a large archive's millions of
    // strings one by one would take a tenth of an incremental build.
    std::mem::forget((catalog, json, report));
    Ok(summary)
}

fn run_update(args: UpdateArgs) -> Result<(), Failure> {
    let options = UpdateOptions {
        content: args.content,
        keep_days: args.keep_days,
        limits: Limits {
            timeout: Duration::from_secs(args.timeout.max(1)),
            max_bytes: args.max_bytes,
            ..Limits::default()
        },
        workers: args.jobs.max(1),
        site: args.site_url.filter(|s| !s.is_empty()),
    };
    let total = Subscriptions::read(&options.content)?.feeds.len();
    let shown = progress::Progress::new("update", "feeds", total as u64);
    let report = update::update(&options, &|feed| shown.feed_done(feed))?;
    shown.finish();
    progress::print_summary(&report);
    let fetched = report
        .feeds
        .iter()
        .filter(|f| !matches!(f.outcome, Outcome::Failed(_) | Outcome::Skipped(_)))
        .count();
    if fetched == 0 && report.failed() > 0 {
        return Err(format!(
            "every feed failed ({}); the archive is as it was",
            report.failed()
        )
        .into());
    }
    Ok(())
}

fn feeds(command: FeedsCommand) -> Result<(), Failure> {
    match command {
        FeedsCommand::Add {
            url,
            title,
            topics,
            full_text,
            content,
        } => {
            let url = checked_url(&url).map_err(Failure::Usage)?;
            let mut subs = Subscriptions::read(&content.dir)?;
            let full_text = match full_text {
                FullTextArg::On => FullText::On,
                FullTextArg::Off => FullText::Off,
                FullTextArg::Always => FullText::Always,
            };
            let feed = Feed {
                url: url.clone(),
                text: None,
                site: None,
                topics,
                title,
                full_text,
            };
            match subs.feeds.iter_mut().find(|f| f.url == url) {
                Some(existing) => {
                    *existing = Feed {
                        text: existing.text.take(),
                        site: existing.site.take(),
                        ..feed
                    };
                    eprintln!(
                        "dateline feeds: {url} was followed already; its settings are updated"
                    );
                }
                None => {
                    subs.feeds.push(feed);
                    eprintln!(
                        "dateline feeds: following {url} ({} feeds); `dateline update` fetches it",
                        subs.feeds.len()
                    );
                }
            }
            write_subs(&subs, &content.dir)
        }
        FeedsCommand::Remove { url, content } => {
            let mut subs = Subscriptions::read(&content.dir)?;
            let before = subs.feeds.len();
            let wanted = checked_url(&url).unwrap_or(url.clone());
            subs.feeds.retain(|f| f.url != wanted);
            if subs.feeds.len() == before {
                return Err(
                    format!("{url} is not followed (`dateline feeds list` shows what is)").into(),
                );
            }
            eprintln!("dateline feeds: no longer following {url}; its archived articles stay");
            write_subs(&subs, &content.dir)
        }
        FeedsCommand::List { content } => {
            let subs = Subscriptions::read(&content.dir)?;
            let states = crate::fetch::state::States::read(&content.dir.join(crate::archive::DIR))?;
            progress::print_feeds(&subs, &states);
            Ok(())
        }
        FeedsCommand::Import { file, content } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let found =
                Subscriptions::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            let mut subs = Subscriptions::read(&content.dir)?;
            let mut added = 0;
            for feed in found.feeds {
                if !subs.feeds.iter().any(|f| f.url == feed.url) {
                    subs.feeds.push(feed);
                    added += 1;
                }
            }
            eprintln!(
                "dateline feeds: {added} feed(s) added from {}, {} followed",
                file.display(),
                subs.feeds.len()
            );
            write_subs(&subs, &content.dir)
        }
        FeedsCommand::Export { content } => {
            print!("{}", Subscriptions::read(&content.dir)?.to_opml());
            Ok(())
        }
    }
}

fn write_subs(subs: &Subscriptions, dir: &Path) -> Result<(), Failure> {
    subs.write(dir).map_err(|e| {
        Failure::Nothing(format!(
            "cannot write {}: {e}",
            dir.join(crate::subscriptions::FILE).display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
