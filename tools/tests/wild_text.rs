//! Property tests with text as the wild web writes it: every generated page,
//! feed, record and metadata field (above all every date field) is built
//! from non-ASCII pieces: combining marks, right-to-left text, CJK, emoji,
//! no-break and other Unicode spaces, French and Portuguese dates. A byte
//! slice that lands inside a character panics; these find it (a French
//! `dateModified` once aborted a whole import).
//!
//! For each input: no panic; whatever is written loads whole. `make test`
//! runs 48 cases of each (`PROPTEST_CASES` for more; `make properties`).

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use serde_json::json;

use dateline_core::model::Catalog;
use dateline_tools::importer::{self, lines, records::FieldMap, Options};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(48);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn scratch() -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("dateline-wild-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// One piece of wild text: each is multi-byte somewhere, and several end
/// or start with a multi-byte character (where byte cuts land).
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "à",
            "é",
            "e\u{301}",
            "a\u{308}\u{304}",
            "\u{a0}",
            "\u{2009}",
            "\u{202f}",
            "\u{3000}",
            "\u{200f}",
            "\u{200e}",
            "\u{feff}",
            "日本語",
            "新闻",
            "한국어",
            "🗞",
            "👩‍👩‍👧",
            "🇫🇷",
            "مرحبا",
            "שלום",
            "Ελλάδα",
            "Москва",
            "İstanbul",
            "ß",
            "ﬁ",
            "Ⅻ",
            "½",
            "٣",
            "०",
            "sept.",
            "févr.",
            "août",
            "déc.",
            "às",
            "à",
            "h",
            "10h",
            "12h55",
            "Uhr",
            "mis à jour",
            "2025",
            "04",
            "4",
            "09",
            "+0200",
            "+02:00",
            "-0530",
            "Z",
            "T",
            ":",
            "-",
            ".",
            " ",
            ",",
            "(",
            ")",
            "|",
            "·",
            "—",
            "AP",
            "AFP",
            "Credit",
            "Photo",
            "By",
            "Updated",
            "Published",
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ]
}

/// Wild text: pieces run together, as long as a headline.
fn wild() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..14).prop_map(|p| p.concat())
}

/// A date field as real metadata fills it: a good date, one with a
/// no-break space, a French or Portuguese printed date, or wild text.
fn wild_date() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("4 sept. 2025 à 10h".to_string()),
        Just("2025-09-04T10:00:00\u{a0}+0200".to_string()),
        Just("21.dez.2018 às 12h55".to_string()),
        Just("30 avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)".to_string()),
        Just("2025-09-04T10:00:00+0200".to_string()),
        Just("2025-09-04 03:38 Last Updated At:03:40\u{a0}".to_string()),
        (
            wild(),
            prop::sample::select(vec!["+0200", "Z", "à", "\u{a0}", ""])
        )
            .prop_map(|(w, end)| format!("2025-09-04T{w}{end}")),
        wild(),
    ]
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn import(options: Options) -> Result<(), TestCaseError> {
    let out = options.output.clone();
    match importer::run(&options) {
        Ok(_) => {
            let json = fs::read_to_string(&out).unwrap();
            let catalog = Catalog::from_json(&json)
                .map_err(|e| TestCaseError::fail(format!("written bundle does not load: {e}")))?;
            prop_assert!(catalog.skipped.is_empty(), "{:?}", catalog.skipped);
            Ok(())
        }
        Err(importer::ImportError::NoArticles { .. }) => Ok(()),
        Err(e) => Err(TestCaseError::fail(format!("import failed: {e}"))),
    }
}

/// A saved page whose every metadata field is wild text, dates above all.
fn page_with_metadata(m: &[String; 8], body: &str) -> String {
    let ld = json!({
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": m[0], "datePublished": m[1], "dateModified": m[2],
        "author": [{"@type": "Person", "name": m[3]}, m[4]], "articleSection": m[5],
        "keywords": m[6], "image": {"url": "https://paper.test/p.jpg", "caption": m[7], "width": m[7]},
        "publisher": {"name": m[5]}
    });
    format!(
        "<html lang=\"{l}\" dir=\"{l}\"><head><title>{t}</title>\
         <meta property=\"article:published_time\" content=\"{p}\">\
         <meta property=\"article:modified_time\" content=\"{d}\">\
         <meta name=\"date\" content=\"{p}\"><meta name=\"author\" content=\"{a}\">\
         <meta property=\"og:title\" content=\"{t}\"><meta property=\"og:site_name\" content=\"{s}\">\
         <meta property=\"og:locale\" content=\"{l}\"><meta name=\"keywords\" content=\"{k}\">\
         <meta property=\"og:image\" content=\"https://paper.test/{k}.jpg\"><meta property=\"og:image:width\" content=\"{c}\">\
         <meta name=\"description\" content=\"{c}\">\
         <script type=\"application/ld+json\">{ld}</script></head>\
         <body><article><h1>{t}</h1><time datetime=\"{d}\">{d}</time>{body}</article></body></html>",
        t = escape(&m[0]),
        p = escape(&m[1]),
        d = escape(&m[2]),
        a = escape(&m[3]),
        l = escape(&m[4]),
        s = escape(&m[5]),
        k = escape(&m[6]),
        c = escape(&m[7]),
        ld = ld.to_string().replace("</", "<\\/"),
    )
}

fn metadata() -> impl Strategy<Value = [String; 8]> {
    (
        wild(),
        wild_date(),
        wild_date(),
        wild(),
        wild(),
        wild(),
        wild(),
        wild(),
    )
        .prop_map(|(a, b, c, d, e, f, g, h)| [a, b, c, d, e, f, g, h])
}

fn paragraphs() -> impl Strategy<Value = String> {
    prop::collection::vec(wild(), 1..6).prop_map(|ps| {
        ps.iter()
            .map(|p| {
                format!(
                    "<p>{} — the harbour ferry kept running through the night, {}.</p>\
                     <figure><img src=\"/{}.jpg\"><figcaption>{} Credit {}</figcaption></figure>",
                    escape(p),
                    escape(p),
                    escape(p),
                    escape(p),
                    escape(p)
                )
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(config())]

    /// Every date reader on any text: never a panic.
    #[test]
    fn date_readers_take_any_text(text in wild(), date in wild_date()) {
        for t in [&text, &date] {
            let _ = lines::page_time(t);
            let _ = lines::printed_date(t);
            let _ = lines::classify(t);
            let _ = lines::dates_in(t);
            let _ = dateline_core::model::Timestamp::parse(t);
            let _ = importer::records::parse_topic_labels(&format!("{t} ({t})\n{t}\t{t}\n{t} (x{t})"));
        }
    }

    /// A saved page with wild metadata in every field imports, and a good
    /// page beside it is never lost for it.
    #[test]
    fn pages_with_wild_metadata_import(meta in metadata(), body in paragraphs()) {
        let dir = scratch();
        fs::write(dir.join("a-wild.html"), page_with_metadata(&meta, &body)).unwrap();
        fs::write(dir.join("b-good.html"), format!("<html><head><title>Ferry back</title></head><body><article>{}</article></body></html>",
            format!("<p>{EN}</p>").repeat(4))).unwrap();
        let out = dir.join("out/articles.json");
        import(Options { pages: vec![dir.clone()], output: out.clone(), base_url: Some("https://paper.test/".into()), ..Options::default() })?;
        let catalog = Catalog::from_json(&fs::read_to_string(&out).unwrap()).unwrap();
        prop_assert!(catalog.articles.iter().any(|a| a.title == "Ferry back"), "the good page was lost");
        let _ = fs::remove_dir_all(&dir);
    }

    /// A text page of wild lines (datelines, bylines, captions, dates).
    #[test]
    fn text_pages_of_wild_lines_import(lines in prop::collection::vec(prop_oneof![
        3 => wild(),
        1 => wild_date(),
        1 => wild().prop_map(|t| format!("{t} (AP) — {t}")),
        1 => wild().prop_map(|t| format!("{t} ({t} Photo/{t})")),
        1 => wild().prop_map(|t| format!("By {t}")),
        1 => wild_date().prop_map(|d| format!("Published {d} Updated {d}")),
        1 => wild().prop_map(|t| format!("\"datePublished\": \"{t}\",")),
    ], 0..30)) {
        let dir = scratch();
        let page = dir.join("page.txt");
        fs::write(&page, lines.join("\n")).unwrap();
        import(Options { pages: vec![page], output: dir.join("out/articles.json"), ..Options::default() })?;
        let _ = fs::remove_dir_all(&dir);
    }

    /// JSON Lines and CSV records whose every field, dates too, is wild.
    #[test]
    fn records_of_wild_text_import(records in prop::collection::vec((wild(), wild(), wild_date(), wild_date(), wild()), 0..8)) {
        let dir = scratch();
        let jsonl = dir.join("records.jsonl");
        let csv = dir.join("records.csv");
        let mut writer = csv::Writer::from_path(&csv).unwrap();
        writer.write_record(["title", "body", "date", "updated", "topics"]).unwrap();
        let mut lines = Vec::new();
        for (title, body, date, updated, topics) in &records {
            lines.push(json!({"title": title, "body": body, "date": date, "updated": updated, "topics": [topics], "byline": title}).to_string());
            writer.write_record([title, body, date, updated, topics]).unwrap();
        }
        writer.flush().unwrap();
        fs::write(&jsonl, lines.join("\n")).unwrap();
        import(Options {
            jsonl: vec![jsonl],
            csv: vec![csv],
            map: Some(FieldMap::parse("title=title,body=body,published=date,updated=updated,topics=topics").unwrap()),
            output: dir.join("out/articles.json"),
            ..Options::default()
        })?;
        let _ = fs::remove_dir_all(&dir);
    }

    /// RSS, Atom and JSON Feed entries whose every field, dates too, is wild.
    #[test]
    fn feeds_of_wild_text_import(entries in prop::collection::vec((wild(), wild(), wild_date(), wild_date()), 0..6), kind in 0..3u8) {
        let body = match kind {
            0 => format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>F</title><lastBuildDate>{}</lastBuildDate>{}</channel></rss>",
                escape(&entries.first().map(|e| e.2.clone()).unwrap_or_default()),
                entries.iter().enumerate().map(|(i, (t, d, p, u))| format!(
                    "<item><guid>{i}{}</guid><title>{}</title><link>https://paper.test/{i}</link><pubDate>{}</pubDate><dc:date>{}</dc:date><dc:creator>{}</dc:creator><category>{}</category><description>{}</description></item>",
                    escape(t), escape(t), escape(p), escape(u), escape(t), escape(d), escape(d))).collect::<String>()),
            1 => format!("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><id>f</id><updated>{}</updated>{}</feed>",
                escape(&entries.first().map(|e| e.3.clone()).unwrap_or_default()),
                entries.iter().enumerate().map(|(i, (t, d, p, u))| format!(
                    "<entry><id>e{i}</id><title>{}</title><published>{}</published><updated>{}</updated><author><name>{}</name></author><category term=\"{}\"/><content type=\"html\">{}</content></entry>",
                    escape(t), escape(p), escape(u), escape(t), escape(d), escape(d))).collect::<String>()),
            _ => json!({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": entries.iter().enumerate().map(|(i, (t, d, p, u))| json!({
                "id": format!("{i}{t}"), "title": t, "url": format!("https://paper.test/{i}"), "content_text": d, "date_published": p, "date_modified": u,
                "authors": [{"name": t}], "tags": [d]})).collect::<Vec<_>>()}).to_string(),
        };
        let dir = scratch();
        let file = dir.join("feed.xml");
        fs::write(&file, body).unwrap();
        import(Options { pages: vec![file], output: dir.join("out/articles.json"), ..Options::default() })?;
        let _ = fs::remove_dir_all(&dir);
    }
}

const FR: &str = "Le bac du port a repris ses horaires habituels après une semaine au quai ouest, \
    a indiqué lundi la capitainerie, qui avait fermé le quai est après avoir trouvé des fissures dans la digue.";
const EN: &str =
    "The harbour ferry is back on its old timetable after a week at the west pier, the port \
    authority said on Monday, after inspectors found the sea wall by the east pier sound again.";

/// The case from the field: one good page and one whose JSON-LD holds a
/// French date. Both import; the French date is read.
#[test]
fn a_french_date_costs_nothing() {
    let dir = scratch();
    let page = |title: &str, modified: &str| {
        format!(
            "<html lang=\"fr\"><head><title>{title}</title><script type=\"application/ld+json\">\
             {{\"@type\":\"NewsArticle\",\"headline\":\"{title}\",\"datePublished\":\"{modified}\",\"dateModified\":\"{modified}\"}}</script>\
             </head><body><article>{body}</article></body></html>",
            body = format!("<p>{FR}</p>").repeat(4)
        )
    };
    fs::write(
        dir.join("bon.html"),
        page("Le bac reprend", "2025-09-04T10:00:00+02:00"),
    )
    .unwrap();
    fs::write(
        dir.join("francais.html"),
        page("Le quai rouvre", "4 sept. 2025 à 10h"),
    )
    .unwrap();
    let out = dir.join("out/articles.json");
    importer::run(&Options {
        pages: vec![dir.clone()],
        output: out.clone(),
        ..Options::default()
    })
    .unwrap();
    let catalog = Catalog::from_json(&fs::read_to_string(&out).unwrap()).unwrap();
    let french = catalog
        .articles
        .iter()
        .find(|a| a.title == "Le quai rouvre")
        .expect("the French page");
    assert_eq!(french.published.unwrap().to_string(), "2025-09-04T10:00");
    assert!(catalog.articles.iter().any(|a| a.title == "Le bac reprend"));
    let _ = fs::remove_dir_all(&dir);
}

/// A bundle's article of wild text in every field the site prints.
fn wild_article() -> impl Strategy<Value = serde_json::Value> {
    (wild(), wild(), wild(), wild(), wild_date(), prop::collection::vec(wild(), 0..3), prop::collection::vec(wild(), 1..4))
        .prop_map(|(title, byline, summary, dateline, date, topics, paragraphs)| {
            json!({
                "title": format!("{title}x"), "byline": byline, "summary": summary, "dateline": dateline,
                "published": if Timestamp::parse(&date).is_ok() { json!(date) } else { json!("2025-09-04T10:00:00+02:00") },
                "topics": topics, "source": byline,
                "body": paragraphs.iter().map(|p| json!({"type": "paragraph", "text": format!("{p} {p}")})).collect::<Vec<_>>(),
            })
        })
}

use dateline_core::model::Timestamp;
use dateline_tools::site::{data::write_data, feeds, pages};

proptest! {
    #![proptest_config(config())]

    /// The site builder on wild articles: data, every article's page, the
    /// list page and both feeds, and never a panic.
    #[test]
    fn the_site_builds_from_wild_articles(articles in prop::collection::vec(wild_article(), 1..6)) {
        let articles: Vec<_> = articles.into_iter().enumerate()
            .map(|(i, mut a)| { a["id"] = json!(format!("a{i}")); a })
            .collect();
        let catalog = Catalog::from_json(&json!({"format": "dateline-bundle", "version": 2, "articles": articles}).to_string()).unwrap();
        let dir = scratch();
        let data = write_data(&dir, &catalog, true).map_err(TestCaseError::fail)?;
        let shell = include_str!("../../index.html");
        for i in 0..catalog.articles.len() {
            let facts = pages::PageFacts::of(&catalog, i, &data, "/dateline/", Some("https://someone.test/dateline/"));
            let page = pages::article_page(shell, &catalog.articles[i], &facts);
            prop_assert!(page.contains("</html>"));
        }
        prop_assert!(pages::list_page(shell, &catalog, "/dateline/").contains("</html>"));
        let _ = feeds::atom(&catalog, "https://someone.test/dateline/");
        let _ = feeds::json(&catalog, "https://someone.test/dateline/");
        let _ = fs::remove_dir_all(&dir);
    }
}
