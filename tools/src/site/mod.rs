//! Finishes a built site in Trunk's staging directory (a `post_build` hook):
//! icons and the web app manifest, `404.html` for hosts without rewrites, and
//! the service worker with a precache list of every file the app needs, each
//! with a content revision, so the list can never go stale.

pub mod address;
pub mod cache;
pub mod data;
pub mod feeds;
pub mod icons;
pub mod pages;
pub mod related;

use std::fs;
use std::path::{Path, PathBuf};

use crate::output::write_atomically;
use address::Settings;

pub const SERVICE_WORKER: &str = "sw.js";
const SW_TEMPLATE: &str = include_str!("../web/sw.js");
const ICON_SOURCE: &str = include_str!("../web/icon.svg");

/// (file, size, maskable)
pub const ICONS: &[(&str, u32, bool)] = &[
    ("icons/icon-192.png", 192, false),
    ("icons/icon-512.png", 512, false),
    ("icons/maskable-192.png", 192, true),
    ("icons/maskable-512.png", 512, true),
];

/// A content revision for cache busting (the hash that names data files).
pub fn revision(bytes: &[u8]) -> String {
    format!("{:016x}", dateline_core::data::fnv1a(bytes))
}

pub fn manifest() -> String {
    let icons: Vec<serde_json::Value> = ICONS
        .iter()
        .map(|&(src, size, maskable)| {
            serde_json::json!({
                "src": src,
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": if maskable { "maskable" } else { "any" },
            })
        })
        .collect();
    // Relative URLs resolve against the manifest's own URL, so they follow the public URL.
    let manifest = serde_json::json!({
        "id": "./",
        "name": "Dateline",
        "short_name": "Dateline",
        "description": "A fast news reader that works offline.",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": "#a1121f",
        "background_color": "#fbfaf7",
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).expect("serializes") + "\n"
}

/// The app's sections other than the list, each given a copy of the app shell (as 404.html)
/// at its address (`saved/index.html`), so a static host answers them 200.
pub const SECTIONS: &[&str] = &["saved", "offline"];

/// The app shell, precached at install: everything in the site but the
/// service worker itself, 404.html, the feeds, sitemap and robots.txt (for
/// feed readers and crawlers, not the app), the section pages (copies of
/// index.html), the article pages (index.html with the article as static
/// HTML, for first visits, crawlers and readers without JavaScript: the
/// worker serves index.html for every page, and the app draws the article)
/// and the site data, in name order.
fn precache_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in
            fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            if path == root.join("article")
                || path == root.join("data")
                || SECTIONS.iter().any(|s| path == root.join(s))
            {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if ![
                SERVICE_WORKER,
                "404.html",
                feeds::ATOM_FILE,
                feeds::JSON_FILE,
                address::SITEMAP_FILE,
                address::ROBOTS_FILE,
            ]
            .iter()
            .any(|own| path == root.join(own))
            {
                files.push(path);
            }
        }
    }
    files.extend(precached_data(root)?);
    files.sort();
    Ok(files)
}

/// Site data up to this size is precached whole: a small site works fully
/// offline after one visit.
pub const PRECACHE_DATA_BYTES: u64 = 2_000_000;

/// The site data the worker precaches: all of it for a small site; else the
/// manifest and the first catalog part (the newest articles), the rest being
/// cached as it is read or saved from the /offline page.
fn precached_data(root: &Path) -> Result<Vec<PathBuf>, String> {
    let manifest_path = root.join(dateline_core::data::MANIFEST_URL);
    let Ok(text) = fs::read(&manifest_path) else {
        return Ok(Vec::new());
    };
    let manifest = dateline_core::data::Manifest::parse(&text).map_err(|e| e.to_string())?;
    let dir = root.join("data");
    let mut all = Vec::new();
    let mut total = 0u64;
    for entry in fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        total += entry.metadata().map_err(|e| e.to_string())?.len();
        all.push(entry.path());
    }
    if total <= PRECACHE_DATA_BYTES {
        return Ok(all);
    }
    let mut files = vec![manifest_path];
    files.push(root.join(&manifest.head.file));
    Ok(files)
}

/// The service worker: the template with the precache list and a version
/// derived from every file's revision.
pub fn service_worker(root: &Path) -> Result<(String, usize), String> {
    let mut entries = Vec::new();
    for path in precache_files(root)? {
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let url = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let url = if url == "index.html" {
            "./".to_string()
        } else {
            url
        };
        entries.push(serde_json::json!({ "url": url, "revision": revision(&bytes) }));
    }
    let list = serde_json::to_string(&entries).expect("serializes");
    let version = revision(list.as_bytes());
    let header = format!("const VERSION = \"{version}\";\nconst PRECACHE = {list};\n");
    Ok((header + SW_TEMPLATE, entries.len()))
}

/// The importer's bundle in the staging directory; replaced by `data/`.
pub const BUNDLE: &str = "articles.json";

/// Everything the hook does, in order, with the settings in the
/// environment (`DATELINE_SITE_URL`, `DATELINE_MAX_PAGES`); returns a
/// one-line report.
pub fn finish(root: &Path) -> Result<String, String> {
    finish_with(root, &Settings::read(|name| std::env::var(name).ok())?)
}

/// `finish` with the given settings.
pub fn finish_with(root: &Path, settings: &Settings) -> Result<String, String> {
    finish_reporting(root, settings, &|_, _| {})
}

/// `finish_with`, telling `progress` (pages written, pages in all) as the
/// article pages are written: the long part of a large site's build.
pub fn finish_reporting(
    root: &Path,
    settings: &Settings,
    progress: &dyn Fn(usize, usize),
) -> Result<String, String> {
    let write = writer(root);
    let icon = icons::Icon::parse(ICON_SOURCE)?;
    for &(name, size, maskable) in ICONS {
        write(name, &icon.png(size, maskable)?)?;
    }
    write("manifest.webmanifest", manifest().as_bytes())?;
    let index = fs::read(root.join("index.html"))
        .map_err(|e| format!("no index.html in {}: {e}", root.display()))?;
    let base = public_url(&String::from_utf8_lossy(&index));
    let built = match fs::read_to_string(root.join(BUNDLE)) {
        Ok(json) => {
            let catalog =
                dateline_core::model::Catalog::from_json(&json).map_err(|e| e.to_string())?;
            let built = finish_from(root, settings, &catalog, (index, &base), progress)?;
            fs::remove_file(root.join(BUNDLE)).map_err(|e| e.to_string())?;
            built
        }
        Err(_) if root.join(dateline_core::data::MANIFEST_URL).exists() => {
            write("404.html", &index)?;
            Built::default()
        }
        Err(e) => return Err(format!("no {BUNDLE} in {}: {e}", root.display())),
    };
    let (sw, count) = service_worker(root)?;
    write(SERVICE_WORKER, sw.as_bytes())?;
    // Last, so the service worker does not precache it.
    write(HEADERS, headers_file(root, &base)?.as_bytes())?;
    let Built { report, left_out } = built;
    Ok(format!(
        "{report}icons, manifest, 404.html, {HEADERS} and a service worker precaching {count} files{left_out}"
    ))
}

/// What building from the bundle said: the summary's first clauses, and
/// what it left out and how to get it (a line of its own, not a clause in
/// the summary: sites once lost their feeds without a word).
#[derive(Default)]
struct Built {
    report: String,
    left_out: String,
}

/// Writes files under `root`, each atomically.
fn writer(root: &Path) -> impl Fn(&str, &[u8]) -> Result<(), String> + '_ {
    move |name, bytes| write_atomically(&root.join(name), bytes).map_err(|e| e.to_string())
}

/// Everything made from the articles: site data, feeds, the list page,
/// 404.html and the sections, article pages, sitemap and robots.txt.
/// `index` is Trunk's shell, `base` the site's public URL path.
fn finish_from(
    root: &Path,
    settings: &Settings,
    catalog: &dateline_core::model::Catalog,
    (index, base): (Vec<u8>, &str),
    progress: &dyn Fn(usize, usize),
) -> Result<Built, String> {
    let write = writer(root);
    let data = data::write_data_cached(root, catalog, false, settings.cache.as_deref())?;
    let mut index = request_early(&index, &[data.manifest.head.file.as_str()]);
    let site = match &settings.site_url {
        Some(setting) => Some(address::site_address(setting, base)?),
        None => None,
    };
    let (mut report, left_out) = write_feeds(root, catalog, site.as_deref(), &mut index)?;
    // The list page holds the newest articles; the 404 page and the
    // sections stay the plain shell (they show other pages).
    let list = pages::list_page(&String::from_utf8_lossy(&index), catalog, base);
    write("index.html", list.as_bytes())?;
    report += &format!(
        "site data for {} articles ({} files, {} bytes{}), ",
        catalog.articles.len(),
        data.files,
        data.bytes,
        data::reused_note(&data)
    );
    write("404.html", &index)?;
    // The app's own sections answer 200 too (not through the 404 page).
    for section in SECTIONS {
        write(&format!("{section}/index.html"), &index)?;
    }
    let pages = article_pages(
        root,
        catalog,
        &data,
        &index,
        site.as_deref(),
        settings.max_pages,
        progress,
    )?;
    report += &format!("{} article page(s)", pages.len());
    if pages.len() < catalog.articles.len() {
        report += &format!(
            " (the newest; {} set the cap, the rest open through 404.html)",
            address::MAX_PAGES_SETTING
        );
    }
    report += ", ";
    if let Some(site) = &site {
        write(
            address::SITEMAP_FILE,
            address::sitemap(site, &pages).as_bytes(),
        )?;
        write(address::ROBOTS_FILE, address::robots(site).as_bytes())?;
    }
    Ok(Built { report, left_out })
}

/// The site's feeds, when its address is known (their links go into
/// `index`'s head), after removing those of an earlier build; the
/// summary's clause, and the note on what was left out when it is not.
fn write_feeds(
    root: &Path,
    catalog: &dateline_core::model::Catalog,
    site: Option<&str>,
    index: &mut Vec<u8>,
) -> Result<(String, String), String> {
    let write = writer(root);
    for stale in [
        feeds::ATOM_FILE,
        feeds::JSON_FILE,
        address::SITEMAP_FILE,
        address::ROBOTS_FILE,
    ] {
        let _ = fs::remove_file(root.join(stale));
    }
    let Some(site) = site else {
        let note = format!(
            "\nnote: no feed.xml, feed.json, sitemap.xml or robots.txt: they need the site's address \
             ({} not set). Give it to get them: make build SITE_URL=https://you.github.io \
             (the Pages workflow does), or {}=https://example.org for dateline build.",
            address::SITE_URL_SETTING,
            address::SITE_URL_SETTING
        );
        return Ok((String::new(), note));
    };
    write(feeds::ATOM_FILE, feeds::atom(catalog, site).as_bytes())?;
    write(feeds::JSON_FILE, feeds::json(catalog, site).as_bytes())?;
    *index = in_head(index, &feeds::head_links());
    Ok((
        format!("feeds, sitemap.xml and robots.txt for {site}, "),
        String::new(),
    ))
}

/// The cache rules for hosts that read them (Netlify, Cloudflare Pages; the
/// README's "Hosting" says how to set the same elsewhere).
pub const HEADERS: &str = "_headers";
const FOREVER: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
/// Data files named by the hash of their bytes (`data/<kind>-<hash>.<ext>`).
const HASHED_DATA: &[&str] = &[
    "catalog", "facets", "body", "bodies", "terms", "index", "lexicon",
];

/// The site's public URL path, from the `<base href>` Trunk writes ("/" if none).
fn public_url(index: &str) -> String {
    let href = index
        .find("<base href=\"")
        .map(|at| &index[at + 12..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("/");
    format!("/{}/", href.trim_matches('/')).replace("//", "/")
}

/// Whether a file name carries a content hash: `<stem>-<hex digits>` then
/// `.ext` or `_bg.wasm` (Trunk's names, and the site data's). Trunk writes its
/// 64-bit hash with `{:x}`, unpadded: one build in sixteen has 15 digits or
/// fewer, so 8 to 16 are accepted (fewer than 8 happens once in 2^32 builds).
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// `_headers`: content-hashed files cache for a year, everything else is
/// revalidated on every visit. Each path matches one rule only (these hosts
/// merge the headers of every rule that matches).
fn headers_file(root: &Path, base: &str) -> Result<String, String> {
    let mut forever = Vec::new();
    let mut revalidate = vec![base.to_string()];
    let mut names: Vec<String> = fs::read_dir(root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && name != HEADERS)
        .collect();
    names.push(SERVICE_WORKER.to_string());
    names.sort();
    names.dedup();
    for name in names {
        let path = format!("{base}{name}");
        if is_hashed(&name) {
            forever.push(path);
        } else {
            revalidate.push(path);
        }
    }
    for dir in ["icons", "article"] {
        if root.join(dir).is_dir() {
            revalidate.push(format!("{base}{dir}/*"));
        }
    }
    forever.extend(
        HASHED_DATA
            .iter()
            .map(|kind| format!("{base}data/{kind}-*")),
    );
    // Pictures copied from saved pages are named by their content too.
    if root.join("media").is_dir() {
        forever.push(format!("{base}media/*"));
    }
    revalidate.push(format!("{base}{}", dateline_core::data::MANIFEST_URL));
    let mut out = String::from(
        "# Written by dateline build. Content-hashed files never change: cached for a year.\n\
         # Everything else is revalidated on each visit, so a new deploy shows at once.\n",
    );
    for (paths, rule) in [(forever, FOREVER), (revalidate, REVALIDATE)] {
        for path in paths {
            out.push_str(&format!("{path}\n  Cache-Control: {rule}\n"));
        }
    }
    Ok(out)
}

/// index.html with `tags` added at the end of its head.
fn in_head(index: &[u8], tags: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(index);
    match html.find("</head>") {
        Some(at) => [&html[..at], tags, &html[at..]].concat().into_bytes(),
        None => index.to_vec(),
    }
}

/// index.html with `files` added to those its inline script requests at
/// once beside the manifest (the first catalog part; on an article's page
/// also the shard table and its body shard), so the page's data is on its
/// way before the app starts.
pub fn request_early(index: &[u8], files: &[&str]) -> Vec<u8> {
    const ATTRIBUTE: &str = r#"data-first-files=""#;
    let html = String::from_utf8_lossy(index);
    let Some(start) = html.find(ATTRIBUTE).map(|at| at + ATTRIBUTE.len()) else {
        return index.to_vec();
    };
    let Some(end) = html[start..].find('"').map(|len| start + len) else {
        return index.to_vec();
    };
    let mut list = vec![dateline_core::data::MANIFEST_URL];
    list.extend(files);
    let mut html = html.into_owned();
    html.replace_range(start..end, &list.join(" "));
    html.into_bytes()
}

/// The page of each of the newest `max_pages` articles at its URL (the
/// article as static HTML in the app's shell, `pages`), so static hosts
/// answer deep links to them with 200 and their content rather than with
/// their 404 page (which still boots the app, for anything else); returns
/// the ids written.
fn article_pages<'a>(
    root: &Path,
    catalog: &'a dateline_core::model::Catalog,
    data: &data::DataReport,
    index: &[u8],
    site: Option<&str>,
    max_pages: usize,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<&'a str>, String> {
    let base = public_url(&String::from_utf8_lossy(index));
    let _ = fs::remove_dir_all(root.join("article"));
    let first_part = data.manifest.head.file.as_str();
    let mut written = Vec::new();
    let total = catalog.articles.len().min(max_pages);
    for (i, article) in catalog.articles.iter().enumerate().take(max_pages) {
        if i % 64 == 0 {
            progress(i, total);
        }
        let shard = &data.shards[data.shard_of[i]];
        let files = [first_part, &data.manifest.bodies.file, &shard.file];
        let shell = request_early(index, &files);
        let facts = pages::PageFacts::of(catalog, i, data, &base, site);
        let page = pages::article_page(&String::from_utf8_lossy(&shell), article, &facts);
        let dir = format!("article/{}", article.id);
        write_atomically(&root.join(dir).join("index.html"), page.as_bytes())
            .map_err(|e| e.to_string())?;
        written.push(article.id.as_str());
    }
    progress(total, total);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_rules_split_hashed_files_from_the_rest() {
        assert_eq!(
            public_url(r#"<head><base href="/dateline/">"#),
            "/dateline/"
        );
        assert_eq!(public_url(r#"<base href="/">"#), "/");
        assert_eq!(public_url("<head>"), "/");
        assert!(is_hashed("dateline-be081687c523758a_bg.wasm"));
        assert!(is_hashed("main-d745a504cae6093e.css"));
        assert!(!is_hashed("icon-192.png"));
        assert!(!is_hashed("dateline-zz081687c523758a.js"));
        // Trunk's hash is unpadded: a leading zero digit is left out.
        assert!(is_hashed("dateline-e081687c523758a_bg.wasm"));
        assert!(is_hashed("dateline-e081687c523758a.js"));
        assert!(!is_hashed("feed-2024.xml"));

        let dir = std::env::temp_dir().join(format!("dateline-headers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("article/a")).unwrap();
        fs::create_dir_all(dir.join("data")).unwrap();
        for name in [
            "index.html",
            "404.html",
            "manifest.webmanifest",
            "dateline-0123456789abcdef.js",
            "main-0123456789abcdef.css",
        ] {
            fs::write(dir.join(name), "x").unwrap();
        }
        let text = headers_file(&dir, "/dateline/").unwrap();
        let rule = |path: &str| {
            let at = text
                .find(&format!("{path}\n"))
                .unwrap_or_else(|| panic!("{path} has no rule:\n{text}"));
            text[at..].lines().nth(1).unwrap().trim().to_string()
        };
        let forever = format!("Cache-Control: {FOREVER}");
        let revalidate = format!("Cache-Control: {REVALIDATE}");
        assert_eq!(rule("/dateline/dateline-0123456789abcdef.js"), forever);
        assert_eq!(rule("/dateline/main-0123456789abcdef.css"), forever);
        assert_eq!(rule("/dateline/data/catalog-*"), forever);
        assert_eq!(rule("/dateline/data/index-*"), forever);
        for path in [
            "/dateline/",
            "/dateline/index.html",
            "/dateline/404.html",
            "/dateline/sw.js",
            "/dateline/manifest.webmanifest",
            "/dateline/data/manifest.txt",
            "/dateline/article/*",
        ] {
            assert_eq!(rule(path), revalidate, "{path}");
        }
        assert_eq!(
            text.matches("Cache-Control").count(),
            text.lines().filter(|l| l.starts_with('/')).count()
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_worker_lists_every_file_with_a_revision() {
        let dir = std::env::temp_dir().join(format!("dateline-site-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::create_dir_all(dir.join(".stage")).unwrap();
        fs::write(dir.join("index.html"), "<html>").unwrap();
        fs::write(dir.join("app-1234_bg.wasm"), "wasm").unwrap();
        fs::write(
            dir.join(BUNDLE),
            r#"{"articles":[{"id":"a-story","title":"A"}]}"#,
        )
        .unwrap();
        fs::write(dir.join(".stage/junk"), "x").unwrap();
        let report = finish_with(&dir, &Settings::default()).unwrap();
        assert!(
            report.contains("site data for 1 articles")
                && report.contains("1 article page(s)")
                && report.contains("precaching 13 files"),
            "{report}"
        );
        assert!(
            !dir.join(BUNDLE).exists(),
            "the bundle is replaced by data/"
        );
        assert!(dir.join(dateline_core::data::MANIFEST_URL).exists());
        assert_eq!(
            fs::read(dir.join("article/a-story/index.html")).unwrap(),
            b"<html>"
        );
        let sw = fs::read_to_string(dir.join(SERVICE_WORKER)).unwrap();
        let list_line = sw.lines().nth(1).unwrap();
        let list: Vec<serde_json::Value> = serde_json::from_str(
            list_line
                .trim_start_matches("const PRECACHE = ")
                .trim_end_matches(';'),
        )
        .unwrap();
        let urls: Vec<&str> = list.iter().map(|e| e["url"].as_str().unwrap()).collect();
        // A small site's data is precached whole.
        let data: Vec<&str> = urls
            .iter()
            .copied()
            .filter(|u| u.starts_with("data/"))
            .collect();
        assert_eq!(data.len(), 6, "{data:?}");
        assert!(data.contains(&dateline_core::data::MANIFEST_URL));
        let shell: Vec<&str> = urls
            .iter()
            .copied()
            .filter(|u| !u.starts_with("data/"))
            .collect();
        assert_eq!(
            shell,
            [
                "app-1234_bg.wasm",
                "icons/icon-192.png",
                "icons/icon-512.png",
                "icons/maskable-192.png",
                "icons/maskable-512.png",
                "./",
                "manifest.webmanifest",
            ]
        );
        assert!(list
            .iter()
            .all(|e| e["revision"].as_str().unwrap().len() == 16));
        assert_eq!(fs::read(dir.join("404.html")).unwrap(), b"<html>");
        let before = sw.lines().next().unwrap().to_string();
        fs::write(dir.join("app-1234_bg.wasm"), "wasm 2").unwrap();
        finish(&dir).unwrap();
        let after = fs::read_to_string(dir.join(SERVICE_WORKER)).unwrap();
        assert_ne!(
            after.lines().next().unwrap(),
            before,
            "new content, new version"
        );
    }

    #[test]
    fn the_manifest_follows_the_public_url() {
        let m: serde_json::Value = serde_json::from_str(&manifest()).unwrap();
        assert_eq!(m["start_url"], "./");
        assert_eq!(m["scope"], "./");
        assert_eq!(m["display"], "standalone");
        assert!(m["icons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["purpose"] == "maskable" && i["sizes"] == "512x512"));
    }

    #[test]
    fn pages_request_their_first_data_once() {
        let index = b"<head>\n    <script data-first-files=\"data/manifest.txt\">\n    </script>\n</head>\n";
        let once = request_early(index, &["data/catalog-1.txt"]);
        let twice = request_early(&once, &["data/catalog-2.txt", "data/body-3.txt"]);
        let html = String::from_utf8(twice).unwrap();
        assert_eq!(
            html,
            "<head>\n    <script data-first-files=\"data/manifest.txt data/catalog-2.txt data/body-3.txt\">\n    </script>\n</head>\n"
        );
        assert_eq!(
            request_early(b"<p>no script</p>", &["x"]),
            b"<p>no script</p>"
        );
    }

    #[test]
    fn hostile_articles_stay_text_in_their_static_pages() {
        let dir =
            std::env::temp_dir().join(format!("dateline-hostile-pages-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let shell = "<html><head><base href=\"/news/\"><title>Dateline</title></head>\
            <body><div id=\"boot\">Loading</div><script>boot()</script></body></html>";
        fs::write(dir.join("index.html"), shell).unwrap();
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
        for fixture in ["hostile.json", "rich.json"] {
            fs::copy(format!("{fixtures}/{fixture}"), dir.join(BUNDLE)).unwrap();
            let settings = Settings {
                site_url: Some("https://example.org".into()),
                ..Settings::default()
            };
            finish_with(&dir, &settings).unwrap();
            let mut pages = 0;
            for entry in fs::read_dir(dir.join("article")).unwrap() {
                let html = fs::read_to_string(entry.unwrap().path().join("index.html")).unwrap();
                pages += 1;
                // The shell's one script, the boot's address guard and the
                // JSON-LD: nothing from the article runs.
                assert_eq!(html.matches("<script").count(), 3, "{html}");
                assert_eq!(html.matches("<script>(function (boot) {").count(), 1);
                assert_eq!(
                    html.matches("<script type=\"application/ld+json\">")
                        .count(),
                    1
                );
                for never in [
                    "<img src=x",
                    "<b>",
                    "javascript:",
                    "window.__pwned = 1</script>",
                ] {
                    assert!(!html.contains(never), "{fixture}: {never} in {html}");
                }
                assert!(html
                    .contains("<div id=\"boot\" class=\"prerendered\" data-path=\"/news/article/"));
            }
            assert!(pages > 0, "{fixture}");
            if fixture == "hostile.json" {
                let page = fs::read_to_string(dir.join("article/hostile/index.html")).unwrap();
                assert!(
                    page.contains("Headline &lt;img src=x onerror=\"window.__pwned = 2\"&gt;</h1>"),
                    "{page}"
                );
            }
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn feeds_are_written_and_linked_from_every_page_when_the_address_is_known() {
        let dir = std::env::temp_dir().join(format!("dateline-feeds-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let shell = r#"<html><head><base href="/news/"></head><body></body></html>"#;
        let bundle = r#"{"articles":[{"id":"a-story","title":"A","published":"2024-01-02"}]}"#;
        fs::write(dir.join("index.html"), shell).unwrap();
        fs::write(dir.join(BUNDLE), bundle).unwrap();
        let site = |url: &str| Settings {
            site_url: Some(url.into()),
            ..Settings::default()
        };
        let report = finish_with(&dir, &site("https://example.org/ignored/path")).unwrap();
        assert!(
            report.contains("feeds, sitemap.xml and robots.txt for https://example.org/news/"),
            "{report}"
        );
        let atom = fs::read_to_string(dir.join(feeds::ATOM_FILE)).unwrap();
        assert!(
            atom.contains("<id>https://example.org/news/article/a-story/</id>"),
            "{atom}"
        );
        let sitemap = fs::read_to_string(dir.join(address::SITEMAP_FILE)).unwrap();
        assert!(sitemap.contains("<loc>https://example.org/news/article/a-story/</loc>"));
        assert!(fs::read_to_string(dir.join(address::ROBOTS_FILE))
            .unwrap()
            .contains("Sitemap: https://example.org/news/sitemap.xml"));
        assert!(dir.join(feeds::JSON_FILE).exists());
        for page in [
            "index.html",
            "404.html",
            "article/a-story/index.html",
            "saved/index.html",
            "offline/index.html",
        ] {
            let html = fs::read_to_string(dir.join(page)).unwrap();
            let links = html.find(&feeds::head_links()).expect(page);
            assert!(links < html.find("</head>").unwrap(), "{page}: in the head");
        }
        let sw = fs::read_to_string(dir.join(SERVICE_WORKER)).unwrap();
        for own in ["feed.xml", "feed.json", "sitemap.xml", "robots.txt"] {
            assert!(!sw.contains(own), "{own} is not an app file");
        }

        // Without the address: no feeds, no links, and a stale pair is removed.
        fs::write(dir.join("index.html"), shell).unwrap();
        fs::write(dir.join(BUNDLE), bundle).unwrap();
        let report = finish_with(&dir, &Settings::default()).unwrap();
        assert!(
            report
                .lines()
                .nth(1)
                .is_some_and(|note| note.starts_with("note: no feed.xml, feed.json")
                    && note.contains("DATELINE_SITE_URL not set")
                    && note.contains("SITE_URL=https://")),
            "{report}"
        );
        for gone in ["feed.xml", "feed.json", "sitemap.xml", "robots.txt"] {
            assert!(!dir.join(gone).exists(), "{gone} left from the last build");
        }
        assert!(!fs::read_to_string(dir.join("index.html"))
            .unwrap()
            .contains("feed.xml"));

        // A malformed address stops the build with a clear message.
        fs::write(dir.join(BUNDLE), bundle).unwrap();
        let error = finish_with(&dir, &site("example.org")).unwrap_err();
        assert!(
            error.contains("DATELINE_SITE_URL must be an http"),
            "{error}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_page_cap_writes_the_newest_pages_and_the_sitemap_lists_exactly_them() {
        let dir = std::env::temp_dir().join(format!("dateline-cap-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("index.html"),
            r#"<html><head><base href="/"></head></html>"#,
        )
        .unwrap();
        let bundle = r#"{"articles":[
            {"id":"old","title":"Old","published":"2020-01-01"},
            {"id":"new","title":"New","published":"2024-01-01"},
            {"id":"mid","title":"Mid","published":"2022-01-01"}]}"#;
        fs::write(dir.join(BUNDLE), bundle).unwrap();
        let settings = Settings {
            site_url: Some("http://localhost:9".into()),
            max_pages: 2,
            ..Settings::default()
        };
        let report = finish_with(&dir, &settings).unwrap();
        assert!(
            report.contains("2 article page(s) (the newest; DATELINE_MAX_PAGES set the cap"),
            "{report}"
        );
        let mut pages: Vec<String> = fs::read_dir(dir.join("article"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        pages.sort();
        assert_eq!(pages, ["mid", "new"]);
        let sitemap = fs::read_to_string(dir.join(address::SITEMAP_FILE)).unwrap();
        let locs: Vec<&str> = sitemap.matches("<loc>").collect();
        assert_eq!(locs.len(), 3, "the list and the two pages: {sitemap}");
        assert!(sitemap.contains("http://localhost:9/article/new/") && !sitemap.contains("/old/"));
        // The capped-out article still opens: 404.html is the app.
        assert_eq!(
            fs::read(dir.join("404.html")).unwrap(),
            fs::read(dir.join("index.html")).unwrap()
        );

        fs::write(dir.join(BUNDLE), bundle).unwrap();
        let none = Settings {
            max_pages: 0,
            ..Settings::default()
        };
        assert!(finish_with(&dir, &none)
            .unwrap()
            .contains("0 article page(s)"));
        assert!(!dir.join("article/new").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn revisions_change_with_content() {
        assert_eq!(revision(b""), "cbf29ce484222325");
        assert_ne!(revision(b"a"), revision(b"b"));
    }
}
