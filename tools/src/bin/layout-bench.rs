//! What an update costs in site data (`make bench-layout`): builds the site
//! data of a bundle without its newest articles, then with them, and
//! reports the files and bytes that differ, the build times (clean, and
//! incremental through `--cache`), and what a returning reader downloads;
//! then a run of daily updates with the worst day; then what one edited
//! article rewrites, by its age, and one removed. Benchmarks only: the
//! bundles are research corpora (`../shared`).
//!
//!   layout-bench BUNDLE [--new 50] [--days 30] [--no-edits] [--dir target/bench/layout]
//!
//! Prints one JSON report.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dateline_core::model::facets::FacetTable;
use dateline_core::model::{Article, Catalog};
use dateline_tools::archive::tombstone_of;
use dateline_tools::site::data::write_data_cached;

fn main() {
    if let Err(e) = run() {
        eprintln!("layout-bench: {e}");
        std::process::exit(1);
    }
}

/// A catalog of `articles`, with `all`'s topic labels and the facets
/// these articles have.
fn catalog_of(all: &Catalog, articles: Vec<Article>) -> Catalog {
    Catalog {
        facets: FacetTable::new(&articles, &[]),
        articles,
        topic_labels: all.topic_labels.clone(),
        ..Catalog::default()
    }
}

/// The catalog without its newest `k` articles.
fn without_newest(all: &Catalog, k: usize) -> Catalog {
    let articles = all.articles[k.min(all.articles.len())..].to_vec();
    catalog_of(all, articles)
}

/// The data files of a site: name → size.
fn listing(site: &Path) -> BTreeMap<String, u64> {
    fs::read_dir(site.join("data"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| {
                    let size = e.metadata().map_or(0, |m| m.len());
                    (e.file_name().to_string_lossy().into_owned(), size)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Files (and their bytes) of `after` that `before` does not have; the
/// manifest counts as changed always (it is not named by its hash).
fn changed(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> (usize, u64) {
    let new = after
        .iter()
        .filter(|(name, _)| name.as_str() == "manifest.txt" || !before.contains_key(*name));
    new.fold((0, 0), |(n, b), (_, size)| (n + 1, b + size))
}

/// What a reader who has the previous data cached (catalog, facets, a few
/// articles) downloads to see the update and open a new article: the
/// manifest, the new catalog files and facet values, the body table and
/// the newest shard, where they changed.
fn returning_reader(site: &Path, before: &BTreeMap<String, u64>) -> Result<u64, String> {
    let text = fs::read_to_string(site.join("data/manifest.txt")).map_err(|e| e.to_string())?;
    let mut wanted: Vec<String> = vec!["data/manifest.txt".into()];
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if matches!(fields[0], "head" | "catalog" | "facets" | "bodies") && fields.len() > 1 {
            wanted.push(fields[1].to_string());
        }
    }
    let bodies = wanted
        .iter()
        .find(|f| f.starts_with("data/bodies-"))
        .cloned();
    if let Some(table) = bodies {
        let table = fs::read_to_string(site.join(&table)).map_err(|e| e.to_string())?;
        if let Some(newest) = table.lines().find(|l| l.starts_with("shard\t")) {
            wanted.push(newest.split('\t').nth(1).unwrap_or_default().to_string());
        }
    }
    wanted.sort();
    wanted.dedup();
    let mut bytes = 0;
    for file in wanted {
        let name = file.trim_start_matches("data/");
        if name == "manifest.txt" || !before.contains_key(name) {
            bytes += fs::metadata(site.join(&file))
                .map_err(|e| e.to_string())?
                .len();
        }
    }
    Ok(bytes)
}

/// The catalog with the article at `position` (0 the newest) edited as a
/// feed's correction would: a word in the title, a sentence more.
fn edited(all: &Catalog, position: usize) -> Catalog {
    let mut articles = all.articles.clone();
    let article = &mut articles[position];
    article.title.push_str(" (corrected)");
    if let Some(first) = article.body.first().cloned() {
        article.body.push(first);
    }
    catalog_of(all, articles)
}

/// The catalog without the article at `position`: removed as `dateline
/// remove` does (its place kept), or gone from the bundle.
fn removed(all: &Catalog, position: usize, keep_place: bool) -> Catalog {
    let mut articles = all.articles.clone();
    let gone = articles.remove(position);
    let mut catalog = catalog_of(all, articles);
    if keep_place {
        catalog.set_removed(vec![tombstone_of(&gone)]);
    }
    catalog
}

/// What one edit or removal rewrites, each built through `--cache` from
/// the whole archive's build (a removal from a sealed unit keeps its index
/// segment's chunks, with an overlay).
fn edits(all: &Catalog, dir: &Path) -> Result<Vec<serde_json::Value>, String> {
    let (site, cache) = (dir.join("edit"), dir.join("edit-cache"));
    let n = all.articles.len();
    let cases = [
        ("edit", "today's (position 10)", 10),
        ("edit", "a week old (position 350)", 350),
        ("edit", "the middle one", n / 2),
        ("edit", "the oldest", n - 1),
        ("remove", "the middle one (dateline remove)", n / 2),
        ("remove", "the oldest (dateline remove)", n - 1),
        ("remove", "the middle one (gone from the bundle)", n / 2),
    ];
    let mut report = Vec::new();
    for (what, which, position) in cases {
        let position = position.min(n - 1);
        let catalog = match what {
            "edit" => edited(all, position),
            _ => removed(all, position, which.contains("dateline remove")),
        };
        build(&site, all, Some(&cache))?;
        let before = listing(&site);
        build(&site, &catalog, Some(&cache))?;
        let now = listing(&site);
        let (files, bytes) = changed(&before, &now);
        let total: u64 = now.values().sum();
        report.push(serde_json::json!({
            "change": what, "article": which, "position": position,
            "files_changed": files, "bytes_changed": bytes, "share": bytes as f64 / total as f64,
        }));
    }
    let _ = fs::remove_dir_all(&site);
    let _ = fs::remove_dir_all(&cache);
    Ok(report)
}

fn build(site: &Path, catalog: &Catalog, cache: Option<&Path>) -> Result<f64, String> {
    let started = Instant::now();
    write_data_cached(site, catalog, false, cache)?;
    Ok(started.elapsed().as_secs_f64())
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let bundle = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or("usage: layout-bench BUNDLE [--new 50] [--days 30] [--dir DIR]")?;
    let new: usize = flag("--new", "50").parse().map_err(|_| "--new: a number")?;
    let days: usize = flag("--days", "30")
        .parse()
        .map_err(|_| "--days: a number")?;
    let dir = PathBuf::from(flag("--dir", "target/bench/layout"));
    let _ = fs::remove_dir_all(&dir);
    let json = fs::read_to_string(bundle).map_err(|e| format!("{bundle}: {e}"))?;
    let all = Catalog::from_json(&json).map_err(|e| e.to_string())?;
    let (site, clean, cache) = (dir.join("site"), dir.join("clean"), dir.join("cache"));

    // One update of `new` articles: clean builds both sides, then the
    // incremental build of the newer side from the older one's cache.
    let older = without_newest(&all, new);
    let clean_older = build(&clean, &older, None)?;
    let before = listing(&clean);
    let clean_all = build(&clean, &all, None)?;
    let after = listing(&clean);
    let (files, bytes) = changed(&before, &after);
    let total: u64 = after.values().sum();
    let reader = returning_reader(&clean, &before)?;
    build(&site, &older, Some(&cache))?;
    let incremental = build(&site, &all, Some(&cache))?;
    if listing(&site) != after {
        return Err("the incremental build differs from the clean one".into());
    }

    // A run of daily updates, each through the cache.
    let mut daily = Vec::new();
    let start = without_newest(&all, new * days);
    build(&site, &start, Some(&cache))?;
    let mut previous = listing(&site);
    for day in 1..=days {
        let catalog = without_newest(&all, new * (days - day));
        let seconds = build(&site, &catalog, Some(&cache))?;
        let now = listing(&site);
        let (f, b) = changed(&previous, &now);
        let total: u64 = now.values().sum();
        let reader = returning_reader(&site, &previous)?;
        daily.push(serde_json::json!({
            "day": day, "files": f, "bytes": b, "share": b as f64 / total as f64,
            "returning_reader_bytes": reader, "seconds": seconds,
        }));
        previous = now;
    }
    let worst = daily
        .iter()
        .max_by(|a, b| a["bytes"].as_u64().cmp(&b["bytes"].as_u64()))
        .cloned();
    let mean = |key: &str| {
        daily.iter().filter_map(|d| d[key].as_f64()).sum::<f64>() / daily.len().max(1) as f64
    };
    let edits = if args.iter().any(|a| a == "--no-edits") {
        Vec::new()
    } else {
        edits(&all, &dir)?
    };
    let report = serde_json::json!({
        "articles": all.articles.len(),
        "edits": edits,
        "update": {
            "new_articles": new,
            "files_changed": files, "files": after.len(),
            "bytes_changed": bytes, "bytes": total, "share": bytes as f64 / total as f64,
            "returning_reader_bytes": reader,
            "clean_build_seconds": clean_all, "clean_build_older_seconds": clean_older,
            "incremental_build_seconds": incremental,
        },
        "days": {
            "count": days, "per_day": new,
            "mean_bytes": mean("bytes"), "mean_share": mean("share"),
            "mean_returning_reader_bytes": mean("returning_reader_bytes"),
            "mean_seconds": mean("seconds"),
            "worst": worst,
            "each": daily,
        },
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).expect("serializes")
    );
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}
