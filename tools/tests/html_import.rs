//! HTML import: golden checks on real saved pages (the development pages in
//! `../shared`, skipped when absent), and fixtures of our own for hostile
//! markup, encodings, pages saved with their pictures, gzip, pages with no
//! article, and pages nested or sized to break a parser.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use dateline_core::model::{Article, Block, BundleFile, Catalog, Direction, Inline};
use dateline_tools::importer::html::{import_html, HtmlInput, Media};
use dateline_tools::score;

const BIN: &str = env!("CARGO_BIN_EXE_dateline");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/html");
const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpora/pages");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-html-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `dateline import` with `args`; it must succeed.
fn import_ok(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let out = Command::new(BIN).arg("import").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn import_bytes(bytes: &[u8]) -> Result<Article, String> {
    let input = HtmlInput {
        bytes,
        path: None,
        base_url: None,
    };
    import_html(&input, &mut Media::default()).map(|(a, _)| a)
}

/// A development page, or `None` (with a note) when `../shared` is absent.
fn dev_page(name: &str) -> Option<Article> {
    let path = Path::new(PAGES).join(name).join("source.html");
    let Ok(bytes) = fs::read(&path) else {
        eprintln!("skipping: {} is not here", path.display());
        return None;
    };
    let input = HtmlInput {
        bytes: &bytes,
        path: Some(&path),
        base_url: Some("http://fakehost/test/page.html"),
    };
    Some(import_html(&input, &mut Media::default()).unwrap().0)
}

fn all_blocks(blocks: &[Block], out: &mut Vec<Block>) {
    for b in blocks {
        out.push(b.clone());
        match b {
            Block::List { items, .. } => items.iter().for_each(|i| all_blocks(&i.blocks, out)),
            Block::Quote { blocks, .. } => all_blocks(blocks, out),
            _ => {}
        }
    }
}

fn count(a: &Article, pred: impl Fn(&Block) -> bool) -> usize {
    let mut all = Vec::new();
    all_blocks(&a.body, &mut all);
    all.iter().filter(|b| pred(b)).count()
}

/// The bundle as the importer writes it and the loader reads it back:
/// what HTML import produces always loads unchanged.
fn reloaded(a: &Article) -> Article {
    let mut articles = vec![a.clone()];
    dateline_tools::importer::assign_ids(&mut articles);
    let json = BundleFile::new(&articles).to_json();
    let catalog = Catalog::from_json(&json).unwrap();
    assert!(catalog.skipped.is_empty(), "{:?}", catalog.skipped);
    let mut expected = articles[0].clone();
    if expected.summary.is_empty() {
        expected.summary = catalog.articles[0].summary.clone();
    }
    assert_eq!(
        catalog.articles[0], expected,
        "the loader changes nothing the importer wrote"
    );
    catalog.articles[0].clone()
}

#[test]
fn guardian_page_keeps_headline_byline_date_figures_and_lists() {
    let Some(a) = dev_page("guardian-1") else {
        return;
    };
    assert_eq!(
        a.title,
        "'What is the sea telling us?': Māori tribes fearful over whale strandings | Eleanor Ainge Roy"
    );
    assert_eq!(a.byline.as_deref(), Some("Eleanor Ainge Roy"));
    assert_eq!(a.topics, ["Environment"]);
    assert_eq!(a.published.unwrap().to_string(), "2019-01-03T07:00:02Z");
    assert_eq!(a.language.as_deref(), Some("en"));
    let figures = count(
        &a,
        |b| matches!(b, Block::Figure(p) if p.url.as_deref().is_some_and(|u| u.starts_with("https://i.guim.co.uk/"))),
    );
    assert!(figures >= 10, "{figures} pictures");
    assert!(count(&a, |b| matches!(b, Block::List { .. })) >= 5);
    assert!(count(&a, |b| matches!(b, Block::Heading { .. })) >= 1);
    reloaded(&a);
}

#[test]
fn nytimes_page_separates_captions_from_credits_and_keeps_headings() {
    let Some(a) = dev_page("nytimes-3") else {
        return;
    };
    assert_eq!(a.byline.as_deref(), Some("Corey Kilgannon"));
    assert_eq!(
        a.title,
        "Manhole Fires and Burst Pipes: How Winter Wreaks Havoc on What’s Underneath N.Y.C."
    );
    let credited: Vec<(String, String)> = {
        let mut all = Vec::new();
        all_blocks(&a.body, &mut all);
        all.into_iter()
            .filter_map(|b| match b {
                Block::Figure(p) => Some((p.caption, p.credit?)),
                _ => None,
            })
            .collect()
    };
    assert!(credited.len() >= 5, "{credited:?}");
    for (caption, credit) in &credited {
        assert!(
            !caption.contains(credit.as_str()),
            "{caption:?} still holds {credit:?}"
        );
        assert!(!credit.starts_with("Credit"), "{credit:?}");
    }
    assert!(count(&a, |b| matches!(b, Block::Heading { level: 2..=3, .. })) >= 3);
    reloaded(&a);
}

#[test]
fn lwn_page_keeps_its_tables_and_quotes() {
    let Some(a) = dev_page("lwn-1") else { return };
    let mut all = Vec::new();
    all_blocks(&a.body, &mut all);
    let tables: Vec<Block> = all
        .into_iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .collect();
    assert!(tables.len() >= 3, "{} tables", tables.len());
    let Block::Table(first) = &tables[0] else {
        unreachable!()
    };
    assert!(first.rows.iter().all(|r| !r.is_empty()));
    assert!(count(&a, |b| matches!(b, Block::Quote { .. })) >= 2);
    reloaded(&a);
}

#[test]
fn cnet_page_keeps_its_quotes_and_inline_links() {
    let Some(a) = dev_page("cnet") else { return };
    assert!(count(&a, |b| matches!(b, Block::Quote { .. })) >= 3);
    let links = a
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { spans, .. } if spans.iter().any(|s| matches!(s, Inline::Link { .. }))))
        .count();
    assert!(links >= 3, "{links} paragraphs with links");
}

#[test]
fn right_to_left_pages_say_so() {
    for name in ["rtl-1", "rtl-3", "rtl-4"] {
        let Some(a) = dev_page(name) else { return };
        assert_eq!(a.direction, Some(Direction::Rtl), "{name}");
    }
}

/// The targets of the score command, kept from regressing.
#[test]
fn development_pages_meet_the_targets() {
    if !Path::new(PAGES).is_dir() {
        eprintln!("skipping: {PAGES} is not here");
        return;
    }
    let s = score::score_dir(Path::new(PAGES)).unwrap();
    assert_eq!(s.pages.len(), 44);
    let f1 = score::f1(s.overall());
    assert!(f1 >= 0.95, "body F1 {f1:.3}");
    let (titles, _) = s.count(|p| Some(p.title));
    assert!(titles >= 40, "{titles} headlines");
    let (times, with_time) = s.count(|p| p.published);
    assert_eq!(times, with_time, "every publishedTime found at its instant");
    let (bylines, with_byline) = s.count(|p| p.byline);
    assert!(
        bylines * 5 >= with_byline * 4,
        "{bylines}/{with_byline} bylines"
    );
}

/// Every string that could run or fetch, anywhere in the bundle.
fn executable_bits(json: &str) -> Vec<&'static str> {
    let lower = json.to_ascii_lowercase();
    [
        "javascript:",
        "vbscript:",
        "data:",
        "<script",
        "onload",
        "onerror",
        "onclick",
        "onmouseover",
        "onfocus",
        "srcdoc",
        "expression(",
        "<iframe",
        "<svg",
        "<form",
        "<style",
        "__pwned",
        "http-equiv",
    ]
    .into_iter()
    .filter(|bad| lower.contains(bad))
    .collect()
}

#[test]
fn a_hostile_page_leaves_nothing_executable() {
    let bytes = fs::read(Path::new(FIXTURES).join("hostile.html")).unwrap();
    let a = import_bytes(&bytes).unwrap();
    let json = BundleFile::new(std::slice::from_ref(&a)).to_json();
    assert_eq!(executable_bits(&json), Vec::<&str>::new(), "{json}");
    // The words stay, links we would follow stay, the rest lose only their link.
    let text: String = a.body.iter().map(|b| b.text() + "\n").collect();
    for words in [
        "A link that runs script",
        "one with a tab",
        "a data one",
        "the timetable",
        "The night ferry leaving the east pier.",
    ] {
        assert!(text.contains(words), "lost {words:?}: {text}");
    }
    let mut hrefs = Vec::new();
    fn links(spans: &[Inline], out: &mut Vec<String>) {
        for s in spans {
            match s {
                Inline::Link { href, spans } => {
                    out.push(href.clone());
                    links(spans, out)
                }
                Inline::Em { spans } | Inline::Strong { spans } => links(spans, out),
                _ => {}
            }
        }
    }
    for b in &a.body {
        if let Block::Paragraph { spans, .. } = b {
            links(spans, &mut hrefs);
        }
    }
    assert_eq!(hrefs, ["https://courier.example/ferry-timetable"]);
    assert_eq!(a.title, "Council votes to keep the night ferry");
    assert_eq!(
        a.source_url.as_deref(),
        Some("https://courier.example/news/night-ferry")
    );
    assert_eq!(a.lead_image, None, "a javascript: image is no image");
    reloaded(&a);
}

fn page(title: &str, body: &str) -> String {
    let para = format!("<p>{body}</p>");
    format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{}</article></body></html>", para.repeat(6))
}

#[test]
fn each_encoding_reads_correctly() {
    let cases: [(&encoding_rs::Encoding, &str, &str, &str); 5] = [
        (encoding_rs::WINDOWS_1252, "windows-1252", "Café “au lait” — naïve façade", "Ça coûte cher, déjà vu à l’hôtel, façade rénovée, œuvre complète."),
        (encoding_rs::SHIFT_JIS, "Shift_JIS", "東京の新しい駅", "東京の新しい駅が今日開業しました。多くの人々が朝早くから集まり、新しい路線を祝いました。"),
        (encoding_rs::GBK, "gb2312", "北京新闻", "北京市今天宣布了新的交通计划，市民可以乘坐更多的公共汽车和地铁。"),
        (encoding_rs::ISO_8859_2, "iso-8859-2", "Łódź się zmienia", "Miasto Łódź ogłosiło nowy plan, który zmieni ulice, parki i źródła wody."),
        (encoding_rs::ISO_8859_7, "iso-8859-7", "Νέα γέφυρα", "Η νέα γέφυρα άνοιξε σήμερα το πρωί μετά από δύο χρόνια εργασιών."),
    ];
    for (encoding, label, title, sentence) in cases {
        let html =
            page(title, sentence).replace("<head>", &format!("<head><meta charset=\"{label}\">"));
        let (bytes, _, lossy) = encoding.encode(&html);
        assert!(!lossy, "{label}");
        let a = import_bytes(&bytes).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(a.title, title, "{label}");
        assert!(
            a.body.iter().any(|b| b.text() == sentence),
            "{label}: {:?}",
            a.body
        );
    }
}

#[test]
fn pages_with_no_article_are_skipped_with_a_reason() {
    let index = "<html><body><nav><a href='/a'>One</a> <a href='/b'>Two</a></nav><ul><li><a href='/c'>Three</a></li></ul></body></html>";
    let error = import_bytes(index.as_bytes()).unwrap_err();
    assert!(error.contains("no article"), "{error}");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let error = import_bytes(png).unwrap_err();
    assert!(error.contains("binary"), "{error}");
    assert!(import_bytes(b"").is_err());
}

#[test]
fn deep_and_huge_pages_neither_crash_nor_hang() {
    let n = 100_000;
    let sentence = "Deep text that is long enough to count as the article itself. ";
    let deep = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(n),
        sentence.repeat(8),
        "</div>".repeat(n)
    );
    let a = import_bytes(deep.as_bytes()).unwrap();
    assert!(a.body.iter().any(|b| b.text().contains("Deep text")));
    let inline = format!(
        "<html><body><p>{}deep inline {}</p></body></html>",
        "<b><i>".repeat(n),
        sentence.repeat(8)
    );
    let a = import_bytes(inline.as_bytes()).unwrap();
    reloaded(&a);

    let paragraph = format!("<p>{}</p>\n", "word ".repeat(200));
    let huge = format!(
        "<html><body><article><h1>Huge</h1>{}</article></body></html>",
        paragraph.repeat(50_000)
    );
    assert!(huge.len() > 50_000_000);
    let a = import_bytes(huge.as_bytes()).unwrap();
    assert_eq!(a.body.len(), 50_000);
}

/// A tiny real JPEG header: enough for the importer's check of what a file is.
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

#[test]
fn a_page_saved_with_its_files_brings_its_pictures() {
    let dir = scratch("saved");
    let input = dir.join("in");
    fs::create_dir_all(input.join("Bridge story_files")).unwrap();
    fs::write(input.join("Bridge story_files/photo.jpg"), JPEG).unwrap();
    fs::write(
        input.join("Bridge story_files/evil.svg"),
        "<svg onload=alert(1)></svg>",
    )
    .unwrap();
    fs::write(
        input.join("Bridge story_files/fake.jpg"),
        "<html>not a picture</html>",
    )
    .unwrap();
    fs::write(dir.join("outside.jpg"), JPEG).unwrap();
    let body = "The bridge reopened on Saturday after two years of repairs, and the first buses crossed at dawn.";
    let html = format!(
        r#"<html><head><title>Bridge reopens</title><link rel="canonical" href="https://paper.example/bridge"></head><body><article><h1>Bridge reopens</h1>
        <p>{body}</p><figure><img src="./Bridge%20story_files/photo.jpg" width="640" height="480"><figcaption>The bridge at dawn.</figcaption></figure>
        <p>{body}</p><figure><img src="Bridge story_files/evil.svg"><figcaption>An SVG.</figcaption></figure>
        <p>{body}</p><figure><img src="Bridge story_files/fake.jpg"><figcaption>Not a picture.</figcaption></figure>
        <p>{body}</p><figure><img src="../outside.jpg"><figcaption>Outside the folder.</figcaption></figure>
        <p>{body} <a href="/related">Related</a></p></article></body></html>"#
    );
    fs::write(input.join("Bridge story.html"), html).unwrap();
    let site = dir.join("site");
    import_ok(&[
        "-o".as_ref(),
        site.join("articles.json").as_os_str(),
        input.as_os_str(),
    ]);
    let catalog =
        Catalog::from_json(&fs::read_to_string(site.join("articles.json")).unwrap()).unwrap();
    let a = &catalog.articles[0];
    let figures: Vec<_> = a
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Figure(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(figures.len(), 4);
    let copied = figures[0].url.as_deref().unwrap();
    assert!(
        copied.starts_with("media/") && copied.ends_with(".jpg"),
        "{copied}"
    );
    assert_eq!(fs::read(site.join(copied)).unwrap(), JPEG);
    assert_eq!(
        (figures[0].width, figures[0].height),
        (Some(640), Some(480))
    );
    // Not copied, and not pointed at either (the page named a canonical URL,
    // so they resolve there: remote, over https).
    for f in &figures[1..] {
        assert!(
            f.url
                .as_deref()
                .is_none_or(|u| u.starts_with("https://paper.example/")),
            "{f:?}"
        );
    }
    let media: Vec<_> = fs::read_dir(site.join("media")).unwrap().collect();
    assert_eq!(
        media.len(),
        1,
        "only the real picture inside the page's folder is copied"
    );
    let text = fs::read_to_string(site.join("articles.json")).unwrap();
    assert!(
        text.contains("https://paper.example/related"),
        "relative links resolve against the canonical URL"
    );
}

#[test]
fn gzipped_pages_and_base_url() {
    use std::io::Write;
    let dir = scratch("gz");
    let body = "A gzipped page still reads as any other page does, with its links made whole from the base.";
    let html = format!("<html><head><title>Zipped</title></head><body><article><h1>Zipped</h1><p>{body}</p><p>{body} <a href='story/2'>next</a></p><p>{body}</p></article></body></html>");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(html.as_bytes()).unwrap();
    fs::write(dir.join("page.html.gz"), gz.finish().unwrap()).unwrap();
    let out_file = dir.join("out/articles.json");
    import_ok(&[
        "-o".as_ref(),
        out_file.as_os_str(),
        "--base-url".as_ref(),
        "https://zip.example/news/".as_ref(),
        dir.join("page.html.gz").as_os_str(),
    ]);
    let text = fs::read_to_string(out_file).unwrap();
    assert!(text.contains("\"title\":\"Zipped\""));
    assert!(text.contains("https://zip.example/news/story/2"));
}

#[test]
fn a_directory_of_pages_skips_those_without_articles_and_counts_them() {
    let dir = scratch("dir");
    let body = "Enough words in this paragraph to make an article of it, repeated so the extractor agrees with us.";
    fs::write(dir.join("a.html"), page("First story", body)).unwrap();
    fs::write(
        dir.join("b.htm"),
        "<html><body><a href='/x'>x</a></body></html>",
    )
    .unwrap();
    fs::write(dir.join("c.html"), b"\0\0\0binary").unwrap();
    let out_file = dir.join("out.json");
    let out = Command::new(BIN)
        .arg("import")
        .args(["-o".as_ref(), out_file.as_os_str(), dir.as_os_str()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 page(s) held no article"), "{stderr}");
    assert!(
        stderr.contains("b.htm") && stderr.contains("c.html"),
        "{stderr}"
    );
    let catalog = Catalog::from_json(&fs::read_to_string(out_file).unwrap()).unwrap();
    assert_eq!(catalog.articles.len(), 1);
}
