//! Pictures only from where they may come: an imported page or feed whose
//! pictures point at the reader's own machine or network keeps their
//! captions and credits but not their addresses, and says so.

use std::fs;

use dateline_core::model::{Block, Catalog};
use dateline_tools::importer::{self, Options};

const LOCAL: &[&str] = &[
    "http://127.0.0.1:8080/probe.png",
    "http://[::1]/probe.png",
    "http://192.168.1.1/router.png",
    "http://localhost/x.png",
    "http://2130706433/x.png",
    "http://169.254.169.254/latest/meta-data/",
];

#[test]
fn pictures_pointing_at_the_readers_network_are_left_out_with_their_captions_kept() {
    let dir = std::env::temp_dir().join(format!("dateline-local-pictures-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let figures: String = LOCAL
        .iter()
        .enumerate()
        .map(|(i, url)| {
            format!(
                "<figure><img src=\"{url}\"><figcaption>Local picture {i}</figcaption></figure>"
            )
        })
        .collect();
    let paragraph = "<p>The harbour ferry is back on its old timetable after a week at the west pier, the port said.</p>";
    fs::write(
        dir.join("page.html"),
        format!(
            "<html><head><title>Ferry back</title><meta property=\"og:image\" content=\"http://10.0.0.1/lead.jpg\"></head>\
             <body><article>{p}{figures}<figure><img src=\"https://cdn.paper.test/public.jpg\"><figcaption>Public picture</figcaption></figure>{p}{p}</article></body></html>",
            p = paragraph
        ),
    )
    .unwrap();
    let media: String = LOCAL.iter().map(|u| format!("<media:content url=\"{u}\" medium=\"image\"><media:description>Feed picture</media:description></media:content>")).collect();
    fs::write(
        dir.join("feed.xml"),
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>F</title>\
             <item><guid>1</guid><title>Tram late</title><link>https://paper.test/t</link>\
             <description>&lt;p&gt;The tram was late again.&lt;/p&gt;&lt;img src=\"http://127.0.0.1/in-text.png\" alt=\"In text\"&gt;</description>{media}</item></channel></rss>"
        ),
    )
    .unwrap();
    let out = dir.join("out/articles.json");
    let (_, notes) = importer::run(&Options {
        pages: vec![dir.clone()],
        output: out.clone(),
        ..Options::default()
    })
    .unwrap();
    let json = fs::read_to_string(&out).unwrap();
    for url in LOCAL
        .iter()
        .chain(&["http://10.0.0.1/lead.jpg", "http://127.0.0.1/in-text.png"])
    {
        assert!(!json.contains(url), "{url} is in the bundle");
    }
    assert!(
        json.contains("https://cdn.paper.test/public.jpg"),
        "a public picture stays"
    );
    let catalog = Catalog::from_json(&json).unwrap();
    let page = catalog
        .articles
        .iter()
        .find(|a| a.title == "Ferry back")
        .unwrap();
    let captions: Vec<String> = page
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Figure(photo) => Some(photo.caption.clone()),
            _ => None,
        })
        .collect();
    assert!(
        captions.iter().any(|c| c.contains("Local picture 0")),
        "captions stay: {captions:?}"
    );
    let said = notes.join("\n");
    assert!(
        said.contains("http://127.0.0.1:8080/probe.png (a loopback address"),
        "{said}"
    );
    assert!(
        said.contains("http://192.168.1.1/router.png (a private network address)"),
        "{said}"
    );
    let _ = fs::remove_dir_all(&dir);
}
