//! The native importer: scraped pages in, a bundle out. Parsing is pure and
//! tested here; `write_atomically` and the `dateline-import` command do the I/O.

pub mod lines;
pub mod page;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::text::slugify;
use crate::model::{Article, BundleFile};

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

/// Ids from titles ("rubio-says-us-and-mexico-…"), cut at a word and made unique.
pub fn assign_ids(articles: &mut [Article]) {
    const MAX: usize = 80;
    let mut taken = std::collections::HashSet::new();
    for (i, article) in articles.iter_mut().enumerate() {
        let mut base = slugify(&article.title);
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
    #[error("{0} holds no .txt pages")]
    EmptyDir(PathBuf),
    #[error("no articles found in the input; the previous bundle is left as it was")]
    NoArticles,
}

/// The `.txt` pages named, directories expanded in name order.
pub fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|source| ImportError::Read {
            path: input.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = fs::read_dir(input)
                .map_err(|source| ImportError::Read {
                    path: input.clone(),
                    source,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            if found.is_empty() {
                return Err(ImportError::EmptyDir(input.clone()));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
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

/// Reads the pages and writes the bundle; returns the article count and notes.
pub fn run(inputs: &[PathBuf], output: &Path) -> Result<(usize, Vec<String>), ImportError> {
    let mut pages = Vec::new();
    let mut notes = Vec::new();
    for path in input_files(inputs)? {
        let bytes = fs::read(&path).map_err(|source| ImportError::Read {
            path: path.clone(),
            source,
        })?;
        let (text, latin1) = decode_page(bytes);
        if latin1 {
            notes.push(format!("{}: not UTF-8; read as Latin-1", path.display()));
        }
        pages.push((path.display().to_string(), text));
    }
    let (articles, page_notes) = import_pages(pages.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    notes.extend(page_notes);
    if articles.is_empty() {
        return Err(ImportError::NoArticles);
    }
    write_atomically(output, BundleFile::new(&articles).to_json().as_bytes())?;
    Ok((articles.len(), notes))
}

/// Writes beside the target and renames over it, so a failed run never leaves
/// a half-written bundle where the old one was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let err = |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(err)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundle".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(err)
}
