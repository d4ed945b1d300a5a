//! Native benchmark of the query logic on a JSON Lines corpus (Reuters by default):
//! index build time, then p50/p95 of topic changes, date-range changes and
//! search keystrokes. Prints a JSON report.
//!
//!   cargo run --release -p dateline-tools --bin query-bench [-- CORPUS.jsonl.gz [COPIES]]

use std::path::PathBuf;
use std::time::Instant;

use dateline_core::model::{BundleFile, Catalog, Timestamp};
use dateline_core::query::{Engine, View};
use dateline_tools::importer::{assign_ids, import_jsonl, records::FieldMap, replicate, Options};

const MAP: &str =
    "id=newid,title=title,published=date,topics=topics,body=body|unproc_text,dateline=dateline,\
byline=author,facet.country=places,facet.people=people,facet.orgs=orgs,facet.exchanges=exchanges";

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn time_views(
    engine: &Engine,
    catalog: &Catalog,
    views: &[View],
    rounds: usize,
) -> (f64, f64, usize) {
    let mut samples = Vec::new();
    for _ in 0..rounds {
        for view in views {
            let start = Instant::now();
            let out = engine.run(catalog, view);
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(out);
        }
    }
    let n = samples.len();
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.95),
        n,
    )
}

fn main() {
    let corpus = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/corpora/reuters21578/reuters21578.jsonl.gz")
        });
    if !corpus.exists() {
        eprintln!(
            "query-bench: {} is not here; nothing to measure",
            corpus.display()
        );
        return;
    }
    let options = Options {
        jsonl: vec![corpus.clone()],
        map: Some(FieldMap::parse(MAP).unwrap()),
        ..Options::default()
    };
    let mut articles = import_jsonl(&options, &mut Vec::new()).expect("corpus imports");
    assign_ids(&mut articles);
    let copies: u32 = std::env::args()
        .nth(2)
        .and_then(|c| c.parse().ok())
        .unwrap_or(1);
    let articles = replicate(&articles, copies);
    let json = BundleFile::new(&articles).to_json();
    let start = Instant::now();
    let catalog = Catalog::from_json(&json).unwrap();
    let parse_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    let engine = Engine::new(&catalog);
    let filters_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    engine.build_search(&catalog);
    let index_ms = start.elapsed().as_secs_f64() * 1000.0;

    let day = |s: &str| Some(Timestamp::parse(s).unwrap().date);
    let topic_views: Vec<View> = [
        &["acq"][..],
        &["acq", "earn"],
        &["crude"],
        &["none"],
        &["grain", "wheat", "corn"],
        &[],
    ]
    .iter()
    .map(|t| View {
        topics: t.iter().map(|s| s.to_string()).collect(),
        ..View::default()
    })
    .collect();
    let date_views: Vec<View> = [
        ("1987-03-01", "1987-03-31"),
        ("1987-10-14", "1987-10-20"),
        ("1987-04-07", "1987-04-07"),
        ("1987-02-26", "1987-10-20"),
    ]
    .iter()
    .map(|(f, t)| View {
        from: day(f),
        to: day(t),
        topics: vec!["acq".into()],
        ..View::default()
    })
    .collect();
    let typed = "oil prices opec";
    let search_views: Vec<View> = (1..=typed.len())
        .map(|n| View {
            q: typed[..n].into(),
            ..View::default()
        })
        .collect();

    let mut facet_views: Vec<View> = Vec::new();
    for (facet, values, topics) in [
        ("country", &["usa"][..], &[][..]),
        ("country", &["japan", "uk"], &["crude"]),
        ("place", &["tokyo"], &["acq"]),
        ("author", &["rich-miller"], &[]),
        ("people", &["james-baker"], &["money-fx"]),
    ] {
        let mut view = View {
            topics: topics.iter().map(|t| t.to_string()).collect(),
            ..View::default()
        };
        view.facet_mut(facet)
            .extend(values.iter().map(|v| v.to_string()));
        facet_views.push(view);
    }
    let typo_views: Vec<View> = [
        "opek",
        "bundesbnak ",
        "intrest rate",
        "petrolium ",
        "accquisition",
    ]
    .iter()
    .map(|q| View {
        q: (*q).into(),
        ..View::default()
    })
    .collect();
    let queries = dateline_tools::quality::Queries::load();
    let (_, typing) = dateline_tools::quality::typing_stability(&engine, &catalog, &queries.typing);
    let (rows, found) =
        dateline_tools::quality::misspelling_recall(&engine, &catalog, &queries.misspellings);

    let (fp50, fp95, fnn) = time_views(&engine, &catalog, &facet_views, 20);
    let (yp50, yp95, yn) = time_views(&engine, &catalog, &typo_views, 10);
    let (tp50, tp95, tn) = time_views(&engine, &catalog, &topic_views, 20);
    let (dp50, dp95, dn) = time_views(&engine, &catalog, &date_views, 20);
    let (sp50, sp95, sn) = time_views(&engine, &catalog, &search_views, 10);
    println!(
        "{{\n  \"corpus\": {:?},\n  \"articles\": {},\n  \"bundle_bytes\": {},\n  \"parse_ms\": {parse_ms:.1},\n  \"filters_ms\": {filters_ms:.1},\n  \"index_ms\": {index_ms:.1},\n  \"topic_change_ms\": {{\"p50\": {tp50:.3}, \"p95\": {tp95:.3}, \"samples\": {tn}}},\n  \"date_change_ms\": {{\"p50\": {dp50:.3}, \"p95\": {dp95:.3}, \"samples\": {dn}}},\n  \"search_keystroke_ms\": {{\"p50\": {sp50:.3}, \"p95\": {sp95:.3}, \"samples\": {sn}}},\n  \"facet_change_ms\": {{\"p50\": {fp50:.3}, \"p95\": {fp95:.3}, \"samples\": {fnn}}},\n  \"misspelled_query_ms\": {{\"p50\": {yp50:.3}, \"p95\": {yp95:.3}, \"samples\": {yn}}},\n  \"typing_shared_of_10\": {typing:.2},\n  \"misspellings_found_in_top10\": {{\"found\": {}, \"of\": {}, \"share\": {found:.3}}}\n}}",
        corpus.display().to_string(),
        catalog.articles.len(),
        json.len(),
        rows.iter().filter(|r| r.found).count(),
        rows.len(),
    );
}
