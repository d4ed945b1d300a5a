//! The importer on pages of the same kind as the seed but shaped differently:
//! one story, several, with and without header timestamps or photos.

use dateline_tools::importer::{import_pages, parse_page};

fn page(lines: &[&str]) -> String {
    lines.join("\n\n")
}

#[test]
fn one_article_with_header_and_no_photos() {
    let text = page(&[
        "Skip to Content Facebook Feature Image",
        "Storm closes ports along the coast",
        "Weather",
        "Storm closes ports along the coast",
        "2024-11-02 18:05",
        "HOUSTON (AP) — A strong storm closed ports on Saturday. Ships waited offshore.",
        "Officials said the ports would reopen Monday.",
        "Recommended Articles",
        "Some other story headline",
    ]);
    let import = parse_page(&text);
    assert_eq!(import.articles.len(), 1);
    let a = &import.articles[0];
    assert_eq!(a.title, "Storm closes ports along the coast");
    assert_eq!(a.topics, ["Weather"]);
    assert_eq!(a.published.unwrap().to_string(), "2024-11-02T18:05");
    assert_eq!(a.updated, None);
    assert_eq!(a.dateline.as_deref(), Some("HOUSTON"));
    assert_eq!(a.paragraphs().count(), 2);
    assert!(a.photos.is_empty());
    assert_eq!(a.summary, "A strong storm closed ports on Saturday.");
    assert!(import.notes.iter().any(|n| n.contains("after the end")));
}

#[test]
fn no_timestamp_and_no_photos_leaves_the_story_undated() {
    let text = page(&[
        "BERLIN (Reuters) - Markets rallied on Tuesday as inflation eased.",
        "Bonds were flat.",
    ]);
    let import = parse_page(&text);
    let a = &import.articles[0];
    assert!(a.title_derived);
    assert_eq!(a.title, "Markets rallied on Tuesday as inflation eased");
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.published, None);
    assert!(!a.published_inferred);
    assert!(import.notes.iter().any(|n| n.contains("left undated")));
}

#[test]
fn three_stories_run_together_each_keep_their_photos() {
    let text = page(&[
        "City council approves budget",
        "Local",
        "2023-05-10 09:00 Last Updated At: 11:30",
        "SPRINGFIELD (AP) — The council approved the budget on Tuesday.",
        "More Images",
        "Council members vote in Springfield, Tuesday, May 9, 2023. (AP Photo/Ann Lee)",
        "Council members vote in Springfield, Tuesday, May 9, 2023. (AP Photo/Ann Lee)",
        "The vote was 7-2.",
        "PORTLAND, Ore. (AP) — A bridge reopened after repairs.",
        "Cars cross the bridge in Portland, Ore., Friday, May 12, 2023. (AP Photo/Bo Kim)",
        "Drivers were relieved.",
        "AP Travel: https://apnews.com/travel",
        "DENVER (AP) — Snow fell in May.",
        "A plow clears a road in Denver, Monday, May 1, 2023. (AP Photo/Cy Diaz)",
        "A plow clears a road in Denver, Wednesday, May 3, 2023. (AP Photo/Cy Diaz)",
    ]);
    let (articles, _) = import_pages([("p", text.as_str())]);
    assert_eq!(articles.len(), 3);
    let [council, bridge, snow] = &articles[..] else {
        panic!()
    };
    assert_eq!(council.title, "City council approves budget");
    assert_eq!(council.updated.unwrap().to_string(), "2023-05-10T11:30");
    assert_eq!(council.paragraphs().count(), 2);
    assert_eq!(council.photos.len(), 1);
    assert_eq!(bridge.dateline.as_deref(), Some("PORTLAND, Ore."));
    assert_eq!(bridge.topics, ["Travel"]);
    assert_eq!(bridge.published.unwrap().to_string(), "2023-05-12");
    assert!(bridge.published_inferred);
    assert_eq!(
        snow.published.unwrap().to_string(),
        "2023-05-03",
        "the latest caption date wins"
    );
    assert_eq!(snow.photos.len(), 2);
    assert!(snow.topics.is_empty());
    let ids: std::collections::HashSet<_> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
}

#[test]
fn a_second_header_with_its_own_timestamp_starts_a_new_story() {
    let text = page(&[
        "First headline about a thing",
        "2023-01-01 10:00",
        "The first story has a body.",
        "Second headline about another thing",
        "Sport",
        "2023-01-02 12:00",
        "The second story has a body too.",
    ]);
    let import = parse_page(&text);
    assert_eq!(import.articles.len(), 2);
    assert_eq!(
        import.articles[1].title,
        "Second headline about another thing"
    );
    assert_eq!(import.articles[1].topics, ["Sport"]);
    assert_eq!(
        import.articles[0].paragraphs().collect::<Vec<_>>(),
        ["The first story has a body."]
    );
}

#[test]
fn subheads_inside_a_story_stay_in_the_body() {
    let text = page(&[
        "A long headline for a story",
        "2023-01-01 10:00",
        "Opening paragraph of the story.",
        "What happens next",
        "Closing paragraph of the story.",
    ]);
    let a = &parse_page(&text).articles[0];
    assert_eq!(
        a.paragraphs().collect::<Vec<_>>(),
        [
            "Opening paragraph of the story.",
            "What happens next",
            "Closing paragraph of the story."
        ]
    );
}

#[test]
fn hostile_text_is_kept_as_text() {
    let text = page(&[
        "Headline with <b>markup</b> inside it",
        "2023-01-01 10:00",
        "<script>alert('x')</script> and <img src=x onerror=alert(1)> are words here.",
    ]);
    let a = &parse_page(&text).articles[0];
    assert_eq!(a.title, "Headline with <b>markup</b> inside it");
    assert!(a
        .paragraphs()
        .next()
        .unwrap()
        .starts_with("<script>alert('x')</script>"));
}

#[test]
fn pages_without_article_text_give_nothing_and_say_so() {
    for text in [
        "",
        "Skip to Content\n\nFacebook",
        "Just a Label\n\nAnother Label",
        "Recommended Articles\n\nA story.",
    ] {
        let (articles, notes) = import_pages([("junk", text)]);
        assert!(articles.is_empty(), "{text:?}");
        assert!(
            notes.iter().any(|n| n.contains("no article text")),
            "{notes:?}"
        );
    }
}

#[test]
fn same_titles_get_distinct_ids() {
    let one = page(&["Same headline for both", "2023-01-01 10:00", "Body one."]);
    let two = page(&["Same headline for both", "2023-01-02 10:00", "Body two."]);
    let (articles, _) = import_pages([("a", one.as_str()), ("b", two.as_str())]);
    assert_eq!(articles[0].id, "same-headline-for-both");
    assert_eq!(articles[1].id, "same-headline-for-both-2");
}

#[test]
fn benchmark_copies_move_dates_by_whole_years_with_distinct_ids() {
    let one = page(&["A story about leap days", "2024-02-29 10:00", "Body."]);
    let two = page(&[
        "Another story",
        "2024-03-01 09:00 Last Updated At: 10:00",
        "Body two.",
    ]);
    let (articles, _) = import_pages([("a", one.as_str()), ("b", two.as_str())]);
    let copies = dateline_tools::importer::replicate(&articles, 3);
    assert_eq!(copies.len(), 6);
    let ids: std::collections::HashSet<_> = copies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 6);
    assert_eq!(copies[2].id, format!("{}-1", articles[0].id));
    assert_eq!(
        copies[2].published.unwrap().to_string(),
        "2025-02-28T10:00",
        "no 29 February in 2025"
    );
    assert_eq!(copies[4].published.unwrap().to_string(), "2026-02-28T10:00");
    assert_eq!(copies[5].updated.unwrap().to_string(), "2026-03-01T10:00");
    assert_eq!(copies[5].body, articles[1].body);
    assert_eq!(dateline_tools::importer::replicate(&articles, 1), articles);
}
