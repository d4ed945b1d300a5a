//! Golden facts for the seed page the project ships as its default content.

use dateline_core::model::{Article, Block, Catalog};
use dateline_tools::importer::import_pages;

const SEED: &str = include_str!("../content/ap-rubio-mexico-warriors-kuminga.txt");

fn seed() -> Vec<Article> {
    let (articles, _notes) = import_pages([("seed", SEED)]);
    articles
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.paragraphs().collect()
}

#[test]
fn finds_exactly_two_articles() {
    assert_eq!(seed().len(), 2);
}

#[test]
fn article_one_rubio() {
    let a = &seed()[0];
    assert_eq!(
        a.title,
        "Rubio says US and Mexico will strengthen security collaboration"
    );
    assert!(!a.title_derived);
    assert_eq!(a.topics, ["News"]);
    assert_eq!(a.published.unwrap().to_string(), "2025-09-04T03:38");
    assert!(!a.published_inferred);
    assert_eq!(a.updated.unwrap().to_string(), "2025-09-04T03:40");
    assert_eq!(a.updated_label().unwrap(), "Updated 03:40");
    assert_eq!(a.dateline.as_deref(), Some("MEXICO CITY"));
    assert_eq!(a.source.as_deref(), Some("AP"));
    let paras = paragraphs(a);
    assert_eq!(paras.len(), 21);
    assert!(
        paras[0].starts_with("Mexico and the United States on Wednesday agreed"),
        "{}",
        paras[0]
    );
    assert!(paras[20].ends_with("weapons from north to south."));
    assert!(a.body.iter().all(|b| matches!(b, Block::Paragraph { .. })));
    let credit = a.credit.as_deref().unwrap();
    assert!(
        credit.starts_with("Associated Press writers")
            && credit.ends_with("contributed to this report.")
    );
    assert!(!paras
        .iter()
        .any(|p| p.contains("contributed to this report")));
    assert_eq!(a.photos.len(), 4);
    for photo in &a.photos {
        assert!(photo
            .credit
            .as_deref()
            .unwrap()
            .eq_ignore_ascii_case("AP Photo/Jacquelyn Martin, Pool"));
        assert!(
            !photo.caption.contains("(AP Photo"),
            "credit split out of {:?}",
            photo.caption
        );
        assert!(photo.url.is_none());
    }
    assert_eq!(
        a.photos[0].credit.as_deref(),
        Some("AP Photo/Jacquelyn Martin, Pool")
    );
    assert!(a.photos[0]
        .caption
        .starts_with("Mexican President Claudia Sheinbaum, right, meets"));
}

#[test]
fn article_two_kuminga() {
    let a = &seed()[1];
    assert!(a.title_derived);
    assert_eq!(
        a.title,
        "Coach Steve Kerr spoke with Warriors forward Jonathan Kuminga"
    );
    assert_eq!(a.topics, ["NBA"]);
    assert_eq!(a.published.unwrap().to_string(), "2026-01-15");
    assert!(a.published_inferred);
    assert_eq!(a.updated, None);
    assert_eq!(a.dateline.as_deref(), Some("SAN FRANCISCO"));
    assert_eq!(a.source.as_deref(), Some("AP"));
    let paras = paragraphs(a);
    assert_eq!(paras.len(), 14);
    assert!(paras[0].starts_with("Coach Steve Kerr spoke"));
    assert!(paras[13].starts_with("“Jonathan's a great young guy"));
    assert!(a.body.contains(&Block::Link {
        text: "AP NBA".into(),
        href: "https://apnews.com/NBA".into()
    }));
    assert!(!paras.iter().any(|p| p.contains("apnews.com")));
    let credits: Vec<_> = a
        .photos
        .iter()
        .map(|p| p.credit.as_deref().unwrap())
        .collect();
    assert_eq!(credits, ["AP Photo/Jeff Chiu", "AP Photo/Justine Willard"]);
}

#[test]
fn page_chrome_never_becomes_content() {
    for a in seed() {
        let mut texts: Vec<&str> = a.paragraphs().collect();
        texts.extend(a.photos.iter().map(|p| p.caption.as_str()));
        texts.push(&a.title);
        for text in texts {
            for chrome in [
                "Skip to Content",
                "Facebook",
                "Feature Image",
                "More Images",
                "Recommended Articles",
            ] {
                assert!(!text.contains(chrome), "{chrome:?} leaked into {text:?}");
            }
            assert_ne!(text, "News");
        }
        let first_title = "Rubio says US and Mexico will strengthen security collaboration";
        assert!(!a.paragraphs().any(|p| p == first_title));
    }
}

#[test]
fn each_photo_appears_once() {
    for a in seed() {
        let mut captions: Vec<_> = a.photos.iter().map(|p| p.caption.clone()).collect();
        captions.sort();
        captions.dedup();
        assert_eq!(captions.len(), a.photos.len());
    }
}

#[test]
fn ids_are_unique_url_safe_and_the_bundle_loads_back() {
    let articles = seed();
    assert_eq!(
        articles[0].id,
        "rubio-says-us-and-mexico-will-strengthen-security-collaboration"
    );
    let json = dateline_core::model::BundleFile::new(&articles).to_json();
    let catalog = Catalog::from_json(&json).unwrap();
    assert!(catalog.skipped.is_empty());
    // Newest first: the January 2026 story leads.
    assert_eq!(catalog.articles[0].id, articles[1].id);
    assert_eq!(catalog.articles[1], articles[0]);
}

#[test]
fn import_is_deterministic() {
    let once = dateline_core::model::BundleFile::new(&seed()).to_json();
    let twice = dateline_core::model::BundleFile::new(&seed()).to_json();
    assert_eq!(once, twice);
}
