//! The native importer: scraped pages in, a bundle out. Parsing is pure and
//! tested here; `crate::output` and the `dateline-import` command do the I/O.

pub mod html;
pub mod lines;
pub mod page;
pub mod records;

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
    const MAX: usize = 80;
    let mut taken = std::collections::HashSet::new();
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
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        article.id = id;
    }
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
    NoArticles,
    #[error("{path}, line {line}: {message}")]
    Record {
        path: PathBuf,
        line: usize,
        message: String,
    },
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
    pub map: Option<FieldMap>,
    /// A file of topic code → label lines.
    pub topic_labels: Option<PathBuf>,
    /// The source for records that name none ("Reuters").
    pub source: Option<String>,
    /// For benchmarks only: this many copies of everything (1 = as imported),
    /// copy k with its dates moved k years on and ids ending in `-k`.
    pub copies: u32,
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
}

/// `page.txt`, `page.html`, `page.htm`, and each with `.gz`.
pub fn page_kind(path: &Path) -> Option<PageKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".txt") {
        Some(PageKind::Text)
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Some(PageKind::Html)
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
            if !name.ends_with("_files") && !name.starts_with('.') {
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

/// A file's bytes, gunzipped when its name ends in `.gz`.
fn read_maybe_gz(path: &Path) -> Result<Vec<u8>, ImportError> {
    let bytes = read(path)?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut out)
            .map_err(|source| ImportError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        out
    } else {
        bytes
    };
    Ok(bytes)
}

/// The lines of a JSON Lines file, gunzipped when it ends in `.gz`.
fn jsonl_text(path: &Path) -> Result<String, ImportError> {
    Ok(decode_page(read_maybe_gz(path)?).0)
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
    let Some(map) = &options.map else {
        return Err(ImportError::Usage(
            "--jsonl needs --map (e.g. title=title,published=date,body=body)".into(),
        ));
    };
    let mut articles = Vec::new();
    for path in &options.jsonl {
        let text = jsonl_text(path)?;
        let mut skipped = BTreeMap::<String, usize>::new();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
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
    }
    Ok(articles)
}

/// Reads everything named in `options` and writes the bundle; returns the article count and notes.
pub fn run(options: &Options) -> Result<(usize, Vec<String>), ImportError> {
    let mut notes = Vec::new();
    let mut articles = import_jsonl(options, &mut notes)?;
    let mut pages = Vec::new();
    let mut media = html::Media::default();
    let mut skipped_pages = 0;
    for path in input_files(&options.pages)? {
        let bytes = read_maybe_gz(&path)?;
        if page_kind(&path) == Some(PageKind::Html) {
            let input = html::HtmlInput {
                bytes: &bytes,
                path: Some(&path),
                base_url: options.base_url.as_deref(),
            };
            match html::import_html(&input, &mut media) {
                Ok((article, page_notes)) => {
                    notes.extend(
                        page_notes
                            .into_iter()
                            .map(|n| format!("{}: {n}", path.display())),
                    );
                    articles.push(article);
                }
                Err(reason) => {
                    skipped_pages += 1;
                    notes.push(format!("{}: {reason}", path.display()));
                }
            }
            continue;
        }
        let (text, latin1) = decode_page(bytes);
        if latin1 {
            notes.push(format!("{}: not UTF-8; read as Latin-1", path.display()));
        }
        pages.push((path.display().to_string(), text));
    }
    let (page_articles, page_notes) =
        import_pages(pages.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    notes.extend(page_notes);
    articles.extend(page_articles);
    if skipped_pages > 0 {
        notes.push(format!(
            "{skipped_pages} page(s) held no article and were skipped"
        ));
    }
    if articles.is_empty() {
        return Err(ImportError::NoArticles);
    }
    assign_ids(&mut articles);
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
        ..BundleFile::new(&articles)
    };
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
    write_atomically(&options.output, bundle.to_json().as_bytes()).map_err(|source| {
        ImportError::Write {
            path: options.output.clone(),
            source,
        }
    })?;
    Ok((articles.len(), notes))
}
