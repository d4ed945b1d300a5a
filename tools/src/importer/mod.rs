//! The native importer: scraped pages in, a bundle out. Parsing is pure and
//! tested here; `crate::output` and the `dateline import` command do the I/O.

pub mod feed;
pub mod feed_repair;
pub mod headline;
pub mod html;
pub mod lines;
pub mod page;
pub mod records;
pub mod region;
pub mod sniff;
pub mod table;

use std::fs;
use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use crate::output::write_atomically;
use dateline_core::model::text::{is_valid_id, slugify};
use dateline_core::model::{Article, BundleFile};
use records::FieldMap;

pub use page::{parse_page, PageImport};

/// The articles of several pages in input order, with unique URL-safe ids.
pub fn import_pages<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Vec<Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut notes = Vec::new();
    for (name, text) in pages {
        let page = parse_page(text);
        if page.articles.is_empty() {
            notes.push(format!("{name}: no article text found"));
        }
        notes.extend(page.notes.into_iter().map(|n| format!("{name}: {n}")));
        articles.extend(page.articles);
    }
    assign_ids(&mut articles);
    (articles, notes)
}

/// Ids kept where the source gave a usable one, else made from titles
/// ("rubio-says-us-and-mexico-…"), cut at a word; all made unique.
pub fn assign_ids(articles: &mut [Article]) {
    assign_ids_counting(articles);
}

/// `assign_ids`, returning how many candidate ids it tried. Each base id
/// remembers the next suffix to try, so ten thousand articles titled
/// "Market report" cost ten thousand tries, not fifty million (it took 39 s
/// when every duplicate counted up from `-2` again).
pub fn assign_ids_counting(articles: &mut [Article]) -> usize {
    const MAX: usize = 80;
    let mut taken = std::collections::HashSet::new();
    let mut next_suffix: std::collections::HashMap<String, u64> = Default::default();
    let mut tries = 0;
    for (i, article) in articles.iter_mut().enumerate() {
        let mut base = if is_valid_id(&article.id) {
            article.id.clone()
        } else {
            slugify(&article.title)
        };
        if base.len() > MAX {
            let cut = base[..MAX].rfind('-').unwrap_or(MAX);
            base.truncate(cut);
        }
        if base.is_empty() {
            base = format!("article-{}", i + 1);
        }
        let mut id = base.clone();
        tries += 1;
        if !taken.insert(id.clone()) {
            let n = next_suffix.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                tries += 1;
                if taken.insert(id.clone()) {
                    break;
                }
            }
        }
        article.id = id;
    }
    tries
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} holds no pages (.txt, .html, .htm, optionally .gz)")]
    EmptyDir(PathBuf),
    #[error("no articles found in the input; the previous bundle is left as it was")]
    /// With what was noticed on the way (why each file gave nothing).
    NoArticles { notes: Vec<String> },
    #[error("{path}, line {line}: {message}")]
    Record {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path} {what} (the limit; split it into smaller files)")]
    TooLarge { path: PathBuf, what: String },
    #[error("{0}")]
    Usage(String),
}

/// What to import and where to write it.
#[derive(Debug, Default)]
pub struct Options {
    /// Scraped text pages (.txt), saved HTML pages (.html, .htm), either
    /// optionally gzipped, or directories of them.
    pub pages: Vec<PathBuf>,
    /// The address saved pages came from, for their relative links when
    /// they name no canonical URL or `<base>`.
    pub base_url: Option<String>,
    /// JSON Lines exports (optionally .gz), read with `map`.
    pub jsonl: Vec<PathBuf>,
    /// CSV files (optionally .gz), a header row naming the columns, read with `map`.
    pub csv: Vec<PathBuf>,
    pub csv_format: table::CsvFormat,
    pub map: Option<FieldMap>,
    /// A file of topic code → label lines.
    pub topic_labels: Option<PathBuf>,
    /// The source for records that name none ("Reuters").
    pub source: Option<String>,
    /// The most bytes an input file may hold or expand to; `None`: `MAX_INPUT_BYTES`.
    pub max_input_bytes: Option<u64>,
    /// For benchmarks only: this many copies of everything (1 = as imported),
    /// copy k with its dates moved k years on and ids ending in `-k`.
    pub copies: u32,
    /// Articles already read elsewhere (the archive `dateline update` keeps),
    /// imported with the rest.
    pub articles: Vec<Article>,
    /// Articles removed from an archive given (`dateline remove`): they keep
    /// their places in the bundle, and an article of the same id is left out.
    pub removed: Vec<dateline_core::model::Tombstone>,
    pub output: PathBuf,
}

/// A scale-up of real text for benchmarks: `copies` copies of the articles,
/// copy k (from 0) with dates `k` whole years later and, for k > 0, ids
/// suffixed `-k`. A 29 February that does not exist in the later year becomes
/// the 28th.
pub fn replicate(articles: &[Article], copies: u32) -> Vec<Article> {
    use dateline_core::model::Timestamp;
    let shift = |t: Timestamp, years: u16| Timestamp {
        date: t.date.plus_years(years),
        ..t
    };
    let mut out = Vec::with_capacity(articles.len() * copies.max(1) as usize);
    for k in 0..copies.max(1) {
        for article in articles {
            let mut copy = article.clone();
            if k > 0 {
                copy.id = format!("{}-{k}", article.id);
                copy.published = article.published.map(|t| shift(t, k as u16));
                copy.updated = article.updated.map(|t| shift(t, k as u16));
            }
            out.push(copy);
        }
    }
    out
}

/// What kind of page a file holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Text,
    Html,
    /// RSS, Atom or JSON Feed (read as what its content is).
    Feed,
}

/// `page.txt`, `page.html`, `page.htm`, feeds (`.xml`, `.rss`, `.atom`,
/// `.json`), and each with `.gz`.
pub fn page_kind(path: &Path) -> Option<PageKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".txt") {
        Some(PageKind::Text)
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Some(PageKind::Html)
    } else if [".xml", ".rss", ".atom", ".json"]
        .iter()
        .any(|e| name.ends_with(e))
    {
        Some(PageKind::Feed)
    } else {
        None
    }
}

/// The pages named, directories expanded (with their subdirectories, but
/// not the `…_files` folders that hold a saved page's pictures) in name order.
pub fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|source| ImportError::Read {
            path: input.clone(),
            source,
        })?;
        if meta.is_dir() {
            let before = files.len();
            pages_in(input, &mut files)?;
            if files.len() == before {
                return Err(ImportError::EmptyDir(input.clone()));
            }
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn pages_in(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|source| ImportError::Read {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            // A saved page's pictures, hidden folders and the archive
            // (`dateline update`'s records, read by the command) hold no pages.
            if !name.ends_with("_files") && !name.starts_with('.') && name != "archive" {
                pages_in(&path, files)?;
            }
        } else if page_kind(&path).is_some() {
            files.push(path);
        }
    }
    Ok(())
}

/// UTF-8 as it is; anything else is read as Windows-1252/Latin-1 so no text is lost.
pub fn decode_page(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text.trim_start_matches('\u{feff}').to_string(), false),
        Err(e) => (
            e.into_bytes().iter().map(|&b| char::from(b)).collect(),
            true,
        ),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The largest input file read, and the most a gzipped one may expand to
/// (a 1 MB gzip of zeros once took 2.1 GB of memory before it said "no
/// articles").
pub const MAX_INPUT_BYTES: u64 = 256 << 20;
/// The longest JSON Lines record read (a 50 MB line once took ~1 GB to parse).
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// A file's bytes, gunzipped when its name ends in `.gz`, within `MAX_INPUT_BYTES`.
fn read_maybe_gz(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    let too_large = |what: &str| ImportError::TooLarge {
        path: path.to_path_buf(),
        what: what.to_string(),
    };
    let size = fs::metadata(path)
        .map_err(|source| ImportError::Read {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    let mib = limit as f64 / f64::from(1 << 20);
    if size > limit {
        return Err(too_large(&format!("is larger than {mib} MiB")));
    }
    let bytes = read(path)?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        let decoder = flate2::read::MultiGzDecoder::new(&bytes[..]);
        std::io::Read::read_to_end(&mut std::io::Read::take(decoder, limit + 1), &mut out)
            .map_err(|source| ImportError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        if out.len() as u64 > limit {
            return Err(too_large(&format!("expands to more than {mib} MiB")));
        }
        out
    } else {
        bytes
    };
    Ok(bytes)
}

/// A structured export's text (JSON Lines, CSV), gunzipped when its name
/// ends in `.gz`, within the input limit.
fn export_text(options: &Options, path: &Path) -> Result<String, ImportError> {
    let limit = options.max_input_bytes.unwrap_or(MAX_INPUT_BYTES);
    Ok(decode_page(read_maybe_gz(path, limit)?).0)
}

/// The field mapping a structured export needs (`--jsonl`, `--csv`).
fn mapping<'a>(options: &'a Options, flag: &str) -> Result<&'a FieldMap, ImportError> {
    options.map.as_ref().ok_or_else(|| {
        ImportError::Usage(format!(
            "{flag} needs --map (e.g. title=title,published=date,body=body)"
        ))
    })
}

/// Articles from JSON Lines exports. A line that is not JSON, or a record that
/// cannot be an article, is skipped and counted in the notes.
pub fn import_jsonl(
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Vec<Article>, ImportError> {
    if options.jsonl.is_empty() {
        return Ok(Vec::new());
    }
    let map = mapping(options, "--jsonl")?;
    let mut articles = Vec::new();
    for path in &options.jsonl {
        match guarded(path, || jsonl_file(options, map, path, notes)) {
            Ok(found) => articles.extend(found?),
            Err(internal) => notes.push(internal),
        }
    }
    Ok(articles)
}

/// One JSON Lines file's articles.
fn jsonl_file(
    options: &Options,
    map: &FieldMap,
    path: &Path,
    notes: &mut Vec<String>,
) -> Result<Vec<Article>, ImportError> {
    let mut articles = Vec::new();
    let text = export_text(options, path)?;
    let mut skipped = BTreeMap::<String, usize>::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        if line.len() > MAX_LINE_BYTES {
            *skipped
                .entry(format!(
                    "line {} is longer than 16 MiB (the limit for one record)",
                    n + 1
                ))
                .or_default() += 1;
            continue;
        }
        let record = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(record) => record,
            Err(e) => {
                *skipped
                    .entry(format!("line {} is not JSON ({e})", n + 1))
                    .or_default() += 1;
                continue;
            }
        };
        match records::record_to_article(&record, map, options.source.as_deref(), notes) {
            Ok(article) => articles.push(article),
            Err(reason) => *skipped.entry(reason).or_default() += 1,
        }
    }
    for (reason, count) in skipped {
        notes.push(format!(
            "{}: skipped {count} record(s): {reason}",
            path.display()
        ));
    }
    Ok(articles)
}

/// Pictures whose host is off the public web (the reader's own machine or
/// network: `dateline_core::model::hosts`) lose their address, with a note;
/// caption and credit stay. The loader's `Photo::clean` drops them too, as
/// the last gate for any bundle; this is where the importer says so.
fn drop_local_pictures(articles: &mut [Article], notes: &mut Vec<String>) {
    use dateline_core::model::{hosts, Block, Photo};
    fn check(photo: &mut Photo, dropped: &mut Vec<String>) {
        if let Some(reason) = photo.url.as_deref().and_then(hosts::not_public) {
            dropped.push(format!(
                "{} ({reason})",
                photo.url.take().unwrap_or_default()
            ));
        }
    }
    fn blocks(list: &mut [Block], dropped: &mut Vec<String>) {
        for block in list {
            match block {
                Block::Figure(photo) => check(photo, dropped),
                Block::Quote { blocks: inner, .. } => blocks(inner, dropped),
                Block::List { items, .. } => {
                    for item in items {
                        blocks(&mut item.blocks, dropped);
                    }
                }
                _ => {}
            }
        }
    }
    for article in articles {
        let mut dropped = Vec::new();
        if let Some(lead) = article.lead_image.as_deref_mut() {
            check(lead, &mut dropped);
        }
        for photo in &mut article.photos {
            check(photo, &mut dropped);
        }
        blocks(&mut article.body, &mut dropped);
        for picture in dropped {
            notes.push(format!(
                "\"{}\": picture {picture} left out, its caption kept: a reader's browser would request it",
                article.title
            ));
        }
    }
}

/// The articles as the site's loader will take them (`Article::validated`:
/// unsafe URLs dropped, blank fields absent, over-long titles cut with the
/// whole kept in the body); one it would reject is left out with a note.
fn loadable(articles: Vec<Article>, notes: &mut Vec<String>) -> Vec<Article> {
    let mut kept = Vec::with_capacity(articles.len());
    for (i, article) in articles.into_iter().enumerate() {
        // Ids are made unique and URL-safe after this: check with a stand-in.
        let id = article.id.clone();
        let checked = Article {
            id: "x".into(),
            ..article
        }
        .validated();
        match checked {
            Ok(a) => kept.push(Article { id, ..a }),
            Err(reason) => notes.push(format!("article {}: left out: {reason}", i + 1)),
        }
    }
    kept
}

/// Articles from CSV files, read with the same `--map` as JSON Lines; rows
/// that cannot be read or cannot be articles are skipped and counted with
/// their line numbers.
pub fn import_csv_files(
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Vec<Article>, ImportError> {
    if options.csv.is_empty() {
        return Ok(Vec::new());
    }
    let map = mapping(options, "--csv")?;
    let mut articles = Vec::new();
    for path in &options.csv {
        match guarded(path, || csv_file(options, map, path, notes)) {
            Ok(found) => articles.extend(found?),
            Err(internal) => notes.push(internal),
        }
    }
    Ok(articles)
}

/// One CSV file's articles.
fn csv_file(
    options: &Options,
    map: &FieldMap,
    path: &Path,
    notes: &mut Vec<String>,
) -> Result<Vec<Article>, ImportError> {
    let text = export_text(options, path)?;
    let (found, skipped) = table::import_csv(
        &text,
        map,
        options.csv_format,
        options.source.as_deref(),
        notes,
    )
    .map_err(|message| ImportError::Record {
        path: path.to_path_buf(),
        line: 1,
        message,
    })?;
    for (reason, lines) in skipped {
        let shown: Vec<String> = lines.iter().take(10).map(u64::to_string).collect();
        let more = if lines.len() > 10 { ", …" } else { "" };
        notes.push(format!(
            "{}: skipped {} row(s): {reason} (line {}{more})",
            path.display(),
            lines.len(),
            shown.join(", ")
        ));
    }
    Ok(found)
}

/// What one input file gave: articles (feeds, saved pages), or a text
/// page's text for `import_pages`, or nothing (skipped, with the reason in
/// the notes).
enum FileImport {
    Articles(Vec<Article>),
    TextPage(String),
    Skipped,
}

/// Everything one run reads files into: the pictures saved with pages and
/// the feed entries already taken (the same entry in two feeds is one article).
#[derive(Default)]
struct RunState {
    media: html::Media,
    seen_entries: std::collections::HashSet<u64>,
}

/// Runs one input's work. A panic in it is a bug in Dateline, not in the
/// input: it becomes that input's error (reported with the file's name) and
/// the run goes on with the others, so one odd file never costs the rest.
/// This needs unwinding: the dev profile the Trunk hook and `make` run has
/// it (`panic = "abort"` is the wasm's release setting).
fn guarded<T>(path: &Path, work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        format!(
            "{}: internal error, skipped (a bug in Dateline: please report it with this file): {message}",
            path.display()
        )
    })
}

/// One page or feed file, read as what its content is.
fn import_file(
    options: &Options,
    path: &Path,
    state: &mut RunState,
    notes: &mut Vec<String>,
) -> Result<FileImport, ImportError> {
    #[cfg(test)]
    tests::fail_point(path);
    let bytes = match read_maybe_gz(path, options.max_input_bytes.unwrap_or(MAX_INPUT_BYTES)) {
        Ok(bytes) => bytes,
        Err(e @ ImportError::TooLarge { .. }) => {
            notes.push(format!("{e}; skipped"));
            return Ok(FileImport::Skipped);
        }
        Err(e) => return Err(e),
    };
    // Read as what it is, whatever its name says; refuse what is no page.
    let content = sniff::sniff(&bytes);
    let refusal = match content {
        sniff::Content::Binary => Some("binary data, not a page"),
        sniff::Content::Json if !sniff::is_json_feed(&bytes) => {
            Some("JSON but not a JSON Feed (JSON Lines import with --jsonl and --map)")
        }
        _ => None,
    };
    if let Some(why) = refusal {
        notes.push(format!("{}: {why}; skipped", path.display()));
        return Ok(FileImport::Skipped);
    }
    let is_feed = matches!(content, sniff::Content::Feed | sniff::Content::Json);
    let is_html = content == sniff::Content::Html;
    if is_html && page_kind(path) == Some(PageKind::Text) {
        notes.push(format!(
            "{}: holds HTML; read as a saved web page",
            path.display()
        ));
    }
    if !(is_feed || is_html || page_kind(path) == Some(PageKind::Html)) {
        let (text, latin1) = decode_page(bytes);
        if latin1 {
            notes.push(format!("{}: not UTF-8; read as Latin-1", path.display()));
        }
        return Ok(FileImport::TextPage(text));
    }
    let base_url = options.base_url.as_deref();
    let result = if is_feed {
        feed::import_feed(&bytes, base_url, &mut state.seen_entries, &mut state.media)
    } else {
        let input = html::HtmlInput {
            bytes: &bytes,
            path: Some(path),
            base_url,
        };
        html::import_html(&input, &mut state.media).map(|(a, n)| (vec![a], n))
    };
    Ok(match result {
        Ok((found, file_notes)) => {
            let named = file_notes
                .into_iter()
                .map(|n| format!("{}: {n}", path.display()));
            notes.extend(named);
            FileImport::Articles(found)
        }
        Err(reason) => {
            notes.push(format!("{}: {reason}", path.display()));
            FileImport::Skipped
        }
    })
}

/// Reads everything named in `options` and writes the bundle; returns the article count and notes.
pub fn run(options: &Options) -> Result<(usize, Vec<String>), ImportError> {
    run_reporting(options, &|_, _| {}).map(|r| (r.articles, r.notes))
}

/// What a run read and wrote, for the command's summary.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Articles written.
    pub articles: usize,
    /// Pages and feeds read (directories expanded).
    pub files: usize,
    /// Files that gave no article (each with its reason in the notes).
    pub skipped_files: usize,
    pub notes: Vec<String>,
}

/// `run`, telling `progress` (files done, files in all) after each file.
pub fn run_reporting(
    options: &Options,
    progress: &dyn Fn(usize, usize),
) -> Result<ImportReport, ImportError> {
    let mut notes = Vec::new();
    let mut articles = options.articles.clone();
    articles.extend(import_jsonl(options, &mut notes)?);
    articles.extend(import_csv_files(options, &mut notes)?);
    let mut pages = Vec::new();
    let mut state = RunState::default();
    let mut skipped_pages = 0;
    let files = input_files(&options.pages)?;
    let total = files.len();
    for (done, path) in files.into_iter().enumerate() {
        progress(done, total);
        let mut file_notes = Vec::new();
        let outcome = guarded(&path, || {
            import_file(options, &path, &mut state, &mut file_notes)
        });
        notes.append(&mut file_notes);
        match outcome {
            Ok(Ok(FileImport::Articles(found))) => articles.extend(found),
            Ok(Ok(FileImport::TextPage(text))) => pages.push((path, text)),
            Ok(Ok(FileImport::Skipped)) => skipped_pages += 1,
            Ok(Err(e)) => return Err(e),
            Err(internal) => {
                skipped_pages += 1;
                notes.push(internal);
            }
        }
    }
    let media = state.media;
    for (path, text) in &pages {
        match guarded(path, || parse_page(text)) {
            Ok(page) => {
                if page.articles.is_empty() {
                    notes.push(format!("{}: no article text found", path.display()));
                }
                let named = page
                    .notes
                    .iter()
                    .map(|n| format!("{}: {n}", path.display()));
                notes.extend(named);
                articles.extend(page.articles);
            }
            Err(internal) => {
                skipped_pages += 1;
                notes.push(internal);
            }
        }
    }
    if skipped_pages > 0 {
        notes.push(format!(
            "{skipped_pages} page(s) held no article and were skipped"
        ));
    }
    drop_local_pictures(&mut articles, &mut notes);
    let mut articles = loadable(articles, &mut notes);
    if articles.is_empty() {
        return Err(ImportError::NoArticles { notes });
    }
    assign_ids(&mut articles);
    if !options.removed.is_empty() {
        let removed: std::collections::HashSet<&str> =
            options.removed.iter().map(|t| t.id.as_str()).collect();
        let before = articles.len();
        articles.retain(|a| !removed.contains(a.id.as_str()));
        if articles.len() < before {
            notes.push(format!(
                "{} article(s) left out: removed from the archive (dateline remove)",
                before - articles.len()
            ));
        }
    }
    if options.copies > 1 {
        articles = replicate(&articles, options.copies);
        notes.push(format!(
            "{} copies for benchmarking: {} articles",
            options.copies,
            articles.len()
        ));
    }
    let mut labels = match &options.topic_labels {
        Some(path) => records::parse_topic_labels(&decode_page(read(path)?).0),
        None => BTreeMap::new(),
    };
    let used: std::collections::HashSet<String> = articles
        .iter()
        .flat_map(|a| a.topics.iter().map(|t| slugify(t)))
        .collect();
    labels.retain(|code, _| used.contains(code));
    let bundle = BundleFile {
        topics: labels,
        removed: &options.removed,
        ..BundleFile::new(&articles)
    };
    let json = bundle.to_json();
    // The same loader the site uses reads the bundle before it is written:
    // the importer never writes what its own site build would drop.
    let check = dateline_core::model::Catalog::from_json(&json).map_err(|e| {
        ImportError::Usage(format!("the bundle would not load ({e}); nothing written"))
    })?;
    if let Some(s) = check.skipped.first() {
        return Err(ImportError::Usage(format!(
            "article {} ({}) would not load: {}; nothing written",
            s.position,
            s.id.as_deref().unwrap_or("no id"),
            s.reason
        )));
    }
    let years = dateline_core::query::DATED_YEARS;
    let odd = check
        .articles
        .iter()
        .filter(|a| a.published.is_some_and(|p| !years.contains(&p.date.year)))
        .count();
    if odd > 0 {
        notes.push(format!(
            "{odd} article(s) dated outside the years {}–{}: listed, but undated for date filters and the histogram",
            dateline_core::query::DATED_YEARS.start(),
            dateline_core::query::DATED_YEARS.end()
        ));
    }
    // Pictures first: the bundle never names one that is not there.
    let site = options.output.parent().unwrap_or(Path::new("."));
    for (name, bytes) in &media.files {
        let path = site.join(name);
        if !path.exists() {
            write_atomically(&path, bytes).map_err(|source| ImportError::Write { path, source })?;
        }
    }
    if !media.files.is_empty() {
        notes.push(format!(
            "{} picture(s) saved with the pages copied to {}",
            media.files.len(),
            site.join("media").display()
        ));
    }
    write_atomically(&options.output, json.as_bytes()).map_err(|source| ImportError::Write {
        path: options.output.clone(),
        source,
    })?;
    progress(total, total);
    Ok(ImportReport {
        articles: articles.len(),
        files: total,
        skipped_files: skipped_pages,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// The file whose import panics, standing in for a bug no input finds today.
        static PANIC_ON: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    pub(super) fn fail_point(path: &Path) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if PANIC_ON.with(|p| p.borrow().is_some() && *p.borrow() == name) {
            panic!("byte index 14 is not a char boundary (a stand-in)");
        }
    }

    #[test]
    fn a_file_whose_import_fails_unexpectedly_costs_only_itself() {
        let dir = std::env::temp_dir().join(format!("dateline-guard-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let page = "MEXICO CITY (AP) — The harbour ferry is back on its old timetable after a week at the \
            west pier, the port authority said on Monday, after inspectors found the sea wall sound.\n";
        fs::write(dir.join("a.txt"), page).unwrap();
        fs::write(dir.join("b.txt"), page.replace("ferry", "tram")).unwrap();
        PANIC_ON.with(|p| *p.borrow_mut() = Some("a.txt".into()));
        let options = Options {
            pages: vec![dir.join("a.txt"), dir.join("b.txt")],
            output: dir.join("out/articles.json"),
            ..Options::default()
        };
        let (count, notes) = run(&options).unwrap();
        PANIC_ON.with(|p| *p.borrow_mut() = None);
        assert_eq!(count, 1, "{notes:?}");
        let note = notes.iter().find(|n| n.contains("a.txt")).unwrap();
        assert!(
            note.contains("internal error, skipped") && note.contains("not a char boundary"),
            "{note}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn guarded_work_that_panics_is_an_error_naming_its_file() {
        let err = guarded(Path::new("x/page.html"), || -> u8 { panic!("boom {}", 1) }).unwrap_err();
        assert!(
            err.starts_with("x/page.html: internal error") && err.ends_with("boom 1"),
            "{err}"
        );
        assert_eq!(guarded(Path::new("p"), || 7), Ok(7));
    }
}
