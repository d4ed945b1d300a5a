//! The sharded site data gives exactly what the whole bundle in memory gives:
//! the same ids in the same order and the same counts for filters and search,
//! and every article whole from its shard. Damaged files are errors for their
//! part. Reuters parts skip (with a message) when ../shared is absent.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use dateline_core::data::archive::{
    Archive, IndexFile, Located, SearchNeeds, FACETS_PART, HEAD_PART,
};
use dateline_core::data::{Manifest, Part, MANIFEST_URL};
use dateline_core::model::{BundleFile, Catalog, Date, Timestamp};
use dateline_core::query::search::Terms;
use dateline_core::query::{Engine, Sort, View};
use dateline_tools::importer::import_pages;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(catalog: &Catalog, name: &str) -> PathBuf {
    let dir = temp_dir(name);
    dateline_tools::site::data::write_data(&dir, catalog, false).unwrap();
    dir
}

fn read(dir: &Path, part: &str) -> Vec<u8> {
    fs::read(dir.join(part)).unwrap()
}

/// Loads the archive the way the app does: manifest, then parts in order.
fn load(dir: &Path) -> Archive {
    let manifest = Manifest::parse(&read(dir, MANIFEST_URL)).unwrap();
    let mut archive = Archive::new(manifest);
    while let Some((_, part)) = archive.next_part() {
        let bytes = read(dir, &part.file.clone());
        archive.add_part(&bytes).unwrap();
    }
    archive
}

/// Fetches what a view's search needs, like the app before it runs the view.
fn prepare(dir: &Path, archive: &mut Archive, view: &View) -> usize {
    let mut fetched = 0;
    loop {
        match archive.search_needs(view.q.terms()) {
            SearchNeeds::Nothing => return fetched,
            SearchNeeds::Files(files) => {
                for (file, part) in files {
                    let bytes = read(dir, &part.file);
                    fetched += bytes.len();
                    archive.add_index_file(file, &bytes).unwrap();
                }
            }
        }
    }
}

fn date(s: &str) -> Option<Date> {
    Timestamp::parse(s).ok().map(|t| t.date)
}

fn ids(catalog: &Catalog, hits: &[u32]) -> Vec<String> {
    hits.iter()
        .map(|&i| catalog.articles[i as usize].id.clone())
        .collect()
}

/// Every view gives the same ids, topic counts and histogram both ways.
fn assert_same(catalog: &Catalog, dir: &Path, views: &[View]) {
    let engine = Engine::new(catalog);
    let mut archive = load(dir);
    assert_eq!(archive.catalog.articles.len(), catalog.articles.len());
    for view in views {
        // The answer says it is waiting exactly while the search needs files.
        let before = archive.run(view);
        let needed = archive.search_needs(view.q.terms());
        assert_eq!(before.needs, needed, "{view:?}");
        assert_eq!(before.is_waiting(), needed != SearchNeeds::Nothing);
        prepare(dir, &mut archive, view);
        let whole = engine.run(catalog, view);
        let answer = archive.run(view);
        assert!(!answer.is_waiting(), "{view:?}");
        let sharded = &answer.outcome;
        assert_eq!(
            ids(&archive.catalog, &sharded.hits),
            ids(catalog, &whole.hits),
            "{view:?}"
        );
        assert_eq!(sharded.topics, whole.topics, "{view:?}");
        assert_eq!(sharded.facets, whole.facets, "{view:?}");
        assert_eq!(sharded.histogram, whole.histogram, "{view:?}");
        assert_eq!(sharded.corrections, whole.corrections, "{view:?}");
        assert_eq!(sharded.terms, whole.terms, "{view:?}");
        assert_eq!(sharded.sort, whole.sort);
    }
    // Each article is whole in its shard, and the list fields match.
    let table = read(dir, &archive.manifest.bodies.file);
    archive.set_body_table(&table).unwrap();
    for (i, article) in catalog.articles.iter().enumerate() {
        let Located::Shard(shard, part) = archive.locate(&article.id) else {
            panic!("{} has no shard", article.id)
        };
        if !archive.has_shard(shard) {
            archive.add_shard(shard, &read(dir, &part.file)).unwrap();
        }
        // The shard adds the related stories the build chose: real
        // articles of this archive with their titles, never the article itself.
        let mut from_shard = archive.article(&article.id).unwrap().clone();
        assert!(from_shard.related.len() <= 5);
        for related in std::mem::take(&mut from_shard.related) {
            assert_ne!(related.id, article.id);
            let at = catalog.articles.iter().position(|a| a.id == related.id);
            let at = at.unwrap();
            assert_eq!(catalog.articles[at].title, related.title);
            assert!(at > i, "related stories are older ones");
        }
        assert_eq!(&from_shard, article);
        let listed = &archive.catalog.articles[i];
        assert_eq!(
            (
                &listed.id,
                &listed.title,
                &listed.published,
                &listed.topics,
                &listed.dateline
            ),
            (
                &article.id,
                &article.title,
                &article.published,
                &article.topics,
                &article.dateline
            )
        );
        assert_eq!(archive.catalog.photo_count(i), article.photos.len());
    }
    assert_eq!(archive.article("no-such-article"), None);
}

fn seed_catalog() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut pages = Vec::new();
    for entry in fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            pages.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    let (mut articles, _) = import_pages(pages.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    dateline_tools::importer::assign_ids(&mut articles);
    Catalog::from_json(&BundleFile::new(&articles).to_json()).unwrap()
}

#[test]
fn the_seed_reads_the_same_sharded() {
    let catalog = seed_catalog();
    let dir = write(&catalog, "seed-data");
    let manifest = load(&dir).manifest;
    assert_eq!(manifest.articles, 2);
    assert_eq!(manifest.catalog.len(), 1);
    let views = [
        View::default(),
        View {
            q: "sheinbaum ramon".into(),
            ..View::default()
        },
        View {
            q: "warriors kum".into(),
            ..View::default()
        },
        View {
            topics: vec!["nba".into()],
            ..View::default()
        },
        View {
            q: "zzzz ".into(),
            ..View::default()
        },
    ];
    assert_same(&catalog, &dir, &views);
}

#[test]
fn damaged_or_missing_parts_are_errors_for_their_part() {
    let catalog = seed_catalog();
    let dir = write(&catalog, "damaged-data");
    let manifest = load(&dir).manifest;
    let part = manifest.catalog[0].clone();
    let bytes = read(&dir, &part.file);

    let mut archive = Archive::new(manifest.clone());
    let err = archive.add_part(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(err.to_string().contains(&part.file), "{err}");
    assert!(err.to_string().contains("bytes instead of"), "{err}");
    let mut flipped = bytes.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x20;
    let err = archive.add_part(&flipped).unwrap_err();
    assert!(err.to_string().contains("does not match"), "{err}");
    assert!(archive.catalog.articles.is_empty(), "nothing half-loaded");
    archive.add_part(&bytes).unwrap();
    assert_eq!(archive.catalog.articles.len(), 2);

    // Bodies and index: same checks, and the rest of the archive stays usable.
    let table = read(&dir, &manifest.bodies.file);
    assert!(archive.set_body_table(b"dateline-shards\t1\n").is_err());
    archive.set_body_table(&table).unwrap();
    let id = catalog.articles[0].id.clone();
    let Located::Shard(shard, part) = archive.locate(&id) else {
        panic!("no shard")
    };
    let body = read(&dir, &part.file);
    assert!(archive.add_shard(shard, &body[1..]).is_err());
    assert_eq!(archive.article(&id), None);
    let terms = Terms::parse("sheinbaum ");
    let SearchNeeds::Files(tables) = archive.search_needs(&terms) else {
        panic!("tables first")
    };
    for (file, part) in tables {
        assert!(matches!(file, IndexFile::Table(_)));
        let bytes = read(&dir, &part.file);
        assert!(archive.add_index_file(file, &bytes[1..]).is_err());
        archive.add_index_file(file, &bytes).unwrap();
    }
    let SearchNeeds::Files(chunks) = archive.search_needs(&terms) else {
        panic!("chunks next")
    };
    let (file, chunk) = &chunks[0];
    assert!(matches!(file, IndexFile::Chunk(..)));
    let mut bytes = read(&dir, &chunk.file);
    bytes.truncate(bytes.len() - 1);
    assert!(archive.add_index_file(*file, &bytes).is_err());
    assert_eq!(
        archive.search_needs(&terms),
        SearchNeeds::Files(chunks.clone()),
        "still missing"
    );
    // A damaged lexicon piece is an error for that search alone.
    let misspelled = Terms::parse("sheinbaun ");
    let SearchNeeds::Files(chunks) = archive.search_needs(&misspelled) else {
        panic!("the typed word's chunk first")
    };
    for (file, part) in chunks {
        assert!(matches!(file, IndexFile::Chunk(..)));
        archive
            .add_index_file(file, &read(&dir, &part.file))
            .unwrap();
    }
    let SearchNeeds::Files(pieces) = archive.search_needs(&misspelled) else {
        panic!("then its lexicon piece")
    };
    let (file, piece) = &pieces[0];
    // The seed is small: its lexicon is one piece, from its first letter.
    assert!(matches!(file, IndexFile::Lexicon(..)), "{file:?}");
    assert_eq!(pieces.len(), 1);
    let bytes = read(&dir, &piece.file);
    let err = archive
        .add_index_file(*file, &bytes[..bytes.len() - 2])
        .unwrap_err();
    assert!(err.to_string().contains(&piece.file), "{err}");
    archive.add_index_file(*file, &bytes).unwrap();
    // The seed's index is one chunk, which the typed word already fetched.
    assert_eq!(archive.search_needs(&misspelled), SearchNeeds::Nothing);
    let corrected = archive.run(&View {
        q: "sheinbaun ".into(),
        ..View::default()
    });
    assert_eq!(corrected.outcome.corrections[0].word, "sheinbaum");
    assert_eq!(corrected.outcome.hits.len(), 1);
    assert_eq!(
        archive.run(&View::default()).outcome.hits.len(),
        2,
        "filters still work"
    );

    // A manifest that is not one is refused with its reason.
    let text = fs::read_to_string(dir.join(MANIFEST_URL)).unwrap();
    let refused = |text: &str| Manifest::parse(text.as_bytes()).unwrap_err().to_string();
    assert!(refused(r#"{"format":"x"}"#).contains("not Dateline site data"));
    assert!(refused("<!doctype html>").contains("not Dateline site data"));
    let newer = text.replacen("dateline-data\t2", "dateline-data\t9", 1);
    assert!(refused(&newer).contains("version 9"));
    let cut: String = text
        .lines()
        .filter(|l| !l.starts_with("catalog"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        refused(&cut).contains("its article counts do not add up"),
        "{}",
        refused(&cut)
    );
    let bad_number = text.replacen("articles\t2", "articles\ttwo", 1);
    assert!(refused(&bad_number).contains("data/manifest.txt is damaged (line 2: not a number)"));
    let no_bodies: String = text
        .lines()
        .filter(|l| !l.starts_with("bodies"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(refused(&no_bodies).contains("it has no bodies line"));
    let later = format!("{text}newkind\tignored\n");
    assert_eq!(
        Manifest::parse(later.as_bytes()).unwrap(),
        Manifest::parse(text.as_bytes()).unwrap()
    );
}

fn reuters() -> Option<Catalog> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578");
    let file = dir.join("reuters21578.jsonl.gz");
    if !file.exists() {
        eprintln!(
            "skipped: ../shared/corpora/reuters21578 is not here (tests and benchmarks only)"
        );
        return None;
    }
    let articles = common::import_reuters(&file);
    Some(Catalog::from_json(&BundleFile::new(&articles).to_json()).unwrap())
}

#[test]
fn reuters_reads_the_same_sharded() {
    let Some(catalog) = reuters() else { return };
    let dir = write(&catalog, "reuters-data");
    let manifest = load(&dir).manifest;
    assert!(manifest.catalog.len() > 2, "several catalog parts");
    // The head (the first screen), then the open unit, then sealed groups.
    assert_eq!(manifest.head.count, 100);
    assert_eq!(
        manifest.catalog[0].count as usize,
        catalog.articles.len() % 1000
    );
    assert!(manifest.segments.len() > 2, "several index segments");
    let q = |q: &str| View {
        q: q.into(),
        ..View::default()
    };
    let mut views = vec![
        View::default(),
        View {
            topics: vec!["acq".into(), "earn".into()],
            ..View::default()
        },
        View {
            topics: vec!["none".into()],
            ..View::default()
        },
        View {
            from: date("1987-03-01"),
            to: date("1987-03-31"),
            topics: vec!["crude".into()],
            ..View::default()
        },
        View {
            from: date("1987-04-07"),
            to: date("1987-04-07"),
            sort: Some(Sort::Oldest),
            ..View::default()
        },
        View {
            q: "oil price ".into(),
            topics: vec!["crude".into()],
            from: date("1987-03-01"),
            to: date("1987-03-31"),
            sort: Some(Sort::Oldest),
            ..View::default()
        },
        View {
            topics: vec!["crude".into()],
            facets: vec![
                (
                    "country".to_string(),
                    vec!["japan".to_string(), "uk".to_string()],
                ),
                (
                    "place".to_string(),
                    vec!["tokyo".to_string(), "atlantis".to_string()],
                ),
                ("planet".to_string(), vec!["mars".to_string()]),
            ],
            ..View::default()
        },
        View {
            q: "oil ".into(),
            facets: vec![("author".to_string(), vec!["rich-miller".to_string()])],
            ..View::default()
        },
    ];
    for text in [
        "oil price ",
        "Coffee",
        "crud",
        "bank rate cut ",
        "yen dol",
        "opec pri",
        "u",
        "said the ",
        "zzzz ",
        "ü",
        // Misspelled: corrected from the lexicon pieces, as in memory.
        "opek",
        "bundesbnak ",
        "intrest rate",
        "petrolium ",
        "wheet exports ",
        "accquisition",
    ] {
        views.push(q(text));
    }
    views.push(View {
        q: dateline_core::query::Query::exact("opek"),
        ..View::default()
    });
    assert_same(&catalog, &dir, &views);

    // A misspelled word costs its lexicon piece and its correction's chunk.
    let mut archive = load(&dir);
    let fetched = prepare(&dir, &mut archive, &q("bundesbnak "));
    let answer = archive.run(&q("bundesbnak "));
    assert_eq!(answer.outcome.corrections[0].word, "bundesbank");
    assert!(!answer.outcome.hits.is_empty());
    // Each index segment has its own lexicon (8 on Reuters), and a word's
    // piece is in each: 390 kB, where one index took 250 kB
    // (docs/format.md, "How the files are laid out", says what it costs).
    assert!(fetched < 450_000, "{fetched} bytes");

    // A word's search fetches one or two chunks, not the index.
    let mut archive = load(&dir);
    let fetched = prepare(&dir, &mut archive, &q("cocoa "));
    let total = archive.chunk_bytes().unwrap();
    assert!(fetched as u64 * 20 < total, "{fetched} of {total} bytes");
}

#[test]
fn the_same_bytes_every_build() {
    let catalog = seed_catalog();
    let a = write(&catalog, "det-a");
    let b = write(&catalog, "det-b");
    let listing = |dir: &Path| {
        let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir.join("data"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    assert_eq!(listing(&a), listing(&b));
}

/// The facet values come after the first catalog part: until they do, a
/// view filtered by a facet has no results (not every article), and the
/// list without facets works; then both are right.
#[test]
fn facet_values_stream_in_after_the_first_part() {
    let Some(catalog) = reuters() else { return };
    let dir = write(&catalog, "facets-stream");
    let manifest = Manifest::parse(&read(&dir, MANIFEST_URL)).unwrap();
    let facets = manifest.facets.clone().expect("Reuters has facets");
    let manifest_text = fs::read_to_string(dir.join(MANIFEST_URL)).unwrap();
    assert!(
        !manifest_text.contains("\nvalue\t"),
        "values are not in the manifest"
    );

    let mut archive = Archive::new(manifest);
    let (first, part) = archive.next_part().unwrap();
    assert_eq!(first, HEAD_PART, "the head first");
    let bytes = read(&dir, &part.file.clone());
    archive.add_part(&bytes).unwrap();
    let (i, next) = archive.next_part().unwrap();
    assert_eq!((i, next), (FACETS_PART, &facets), "the values come next");
    let mut tokyo = View::default();
    tokyo.facet_mut("place").push("tokyo".into());
    assert!(archive.run(&tokyo).outcome.hits.is_empty());
    assert_eq!(archive.run(&View::default()).outcome.hits.len(), 100);

    // A damaged values file is an error for it alone; the right one goes in.
    let values = read(&dir, &facets.file);
    assert!(archive.add_part(&values[..values.len() - 3]).is_err());
    archive.add_part(&values).unwrap();
    let whole = Engine::new(&catalog);
    while let Some((_, part)) = archive.next_part() {
        let bytes = read(&dir, &part.file.clone());
        archive.add_part(&bytes).unwrap();
    }
    let expected = whole.run(&catalog, &tokyo);
    assert!(!expected.hits.is_empty());
    assert_eq!(archive.run(&tokyo).outcome.hits, expected.hits);
}

/// A manifest naming a facet values file of no values: it is read once,
/// and the catalog completes (an empty list once meant "not yet", forever).
#[test]
fn an_empty_facet_values_file_is_read_once() {
    let catalog =
        Catalog::from_json(r#"{"articles": [{"id": "a", "title": "No facets"}]}"#).unwrap();
    let dir = write(&catalog, "facets-empty");
    let mut manifest = Manifest::parse(&read(&dir, MANIFEST_URL)).unwrap();
    assert_eq!(manifest.facets, None, "nothing to filter by: no file");
    let empty = "dateline-facets\t1\n";
    let part = Part {
        file: dateline_core::data::hashed_name("facets", "txt", empty.as_bytes()),
        bytes: empty.len() as u64,
        count: 0,
    };
    manifest.facets = Some(part.clone());
    let mut archive = Archive::new(manifest);
    let mut fetched = Vec::new();
    while let Some((_, next)) = archive.next_part() {
        let next = next.clone();
        assert!(fetched.len() < 5, "fetched again and again: {fetched:?}");
        let bytes = if next == part {
            empty.as_bytes().to_vec()
        } else {
            read(&dir, &next.file)
        };
        archive.add_part(&bytes).unwrap();
        fetched.push(next.file);
    }
    assert_eq!(fetched.len(), 2, "{fetched:?}");
    assert!(archive.is_complete());
}
