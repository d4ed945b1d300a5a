//! The text importer on pages as a browser copies them (one line per block,
//! menus, share buttons and teaser boxes included): one test per failure
//! pattern measured on real pages (`make text-score`). The pages here are
//! written for these tests, not copied from any site.

use dateline_core::model::Article;
use dateline_tools::importer::parse_page;

/// A page as `document.body.innerText` gives it: one line per block.
fn copied(lines: &[&str]) -> String {
    lines.join("\n")
}

const BODY: [&str; 4] = [
    "The harbour authority closed the eastern quay on Tuesday after inspectors found cracks in the sea wall, diverting ferries to the western terminal for at least a week.",
    "Engineers said the damage was caused by the winter storms and that repairs would begin as soon as the tide tables allowed divers to work safely at the base of the wall.",
    "Ferry operators warned passengers to expect delays of up to an hour during the morning rush, when the western terminal already handles most of the freight traffic.",
    "The authority said it would publish a timetable for the works on Friday and hold a public meeting for residents of the harbour district next month.",
];

const HEADLINE: &str = "Cracked sea wall closes the eastern quay for a week";

/// The page's one article (failing with the importer's notes otherwise).
fn one_story(lines: &[&str]) -> Article {
    let import = parse_page(&copied(lines));
    assert_eq!(import.articles.len(), 1, "{:?}", import.notes);
    import.articles.into_iter().next().unwrap()
}

fn all_text(article: &Article) -> String {
    let mut text: Vec<&str> = article.paragraphs().collect();
    text.push(&article.title);
    text.extend(article.topics.iter().map(String::as_str));
    text.join("\n")
}

#[test]
fn navigation_and_utility_lines_are_never_headline_or_body() {
    let mut page = vec![
        "Jump to navigation Skip navigation",
        "Skip to content",
        "Enter Search Keywords",
        "Show More Results",
        "Home",
        "News",
        "Sport",
        "Business",
        "Culture",
        "Weather",
        "Travel",
        "Sign up for our daily briefing and never miss a story from the coast.",
        "Subscribe",
        "Log in",
        "Local",
        HEADLINE,
        "By Marta Quill, Harbour Correspondent",
        "March 4, 2024 | 7:15 AM",
        "Share",
        "report this ad",
    ];
    page.extend(BODY);
    page.extend(["Comments", "Show More Results", "© 2024 Coast Gazette"]);
    let a = &one_story(&page);
    assert_eq!(a.title, HEADLINE);
    assert!(!a.title_derived);
    assert_eq!(a.byline.as_deref(), Some("Marta Quill"));
    assert_eq!(a.published.unwrap().to_string(), "2024-03-04T07:15");
    assert_eq!(a.topics, ["Local"], "a menu further up is not a section");
    assert_eq!(a.paragraphs().collect::<Vec<_>>(), BODY);
    let text = all_text(a);
    for chrome in [
        "Skip",
        "Search",
        "Show More",
        "report this ad",
        "Sport",
        "briefing",
        "Subscribe",
        "©",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into {text:?}");
    }
}

#[test]
fn read_more_and_related_boxes_inside_a_story_do_not_end_it() {
    let page = [
        HEADLINE,
        "March 4, 2024",
        BODY[0],
        "Read more: Storm season was the wettest in forty years",
        BODY[1],
        "Related articles",
        "Ferry fares to rise in April",
        "Harbour dredging plan approved",
        "New terminal opens to freight",
        BODY[2],
        "READ MORE",
        BODY[3],
        "Most read",
        "A story from another page entirely that nobody asked for, with several clauses.",
    ];
    let a = &one_story(&page);
    let paragraphs: Vec<&str> = a.paragraphs().collect();
    for (i, p) in BODY.iter().enumerate() {
        assert!(paragraphs.contains(p), "paragraph {i} lost: {paragraphs:?}");
    }
    let text = all_text(a);
    assert!(!text.contains("Read more") && !text.contains("READ MORE"));
    assert!(!text.contains("Related articles"));
    assert!(
        !text.contains("another page entirely"),
        "the list after 'Most read' is not this story"
    );
}

#[test]
fn paragraphs_in_scripts_without_spaces_are_never_topics() {
    let page = [
        "首页|新闻|图片|评论|娱乐|财经|体育|旅游",
        "科技",
        "港口管理局关闭东码头一周",
        "2024-03-04 07:15",
        "港口管理局周二在检查人员发现海堤出现裂缝后关闭了东码头，渡轮将改在西码头停靠至少一周。",
        "工程师表示，损坏是冬季风暴造成的，维修工作将在潮汐条件允许潜水员安全作业后立即开始",
        "乘客们想知道会延误多久？",
        "渡轮运营商提醒乘客，早高峰期间可能会延误长达一小时，因为西码头已经承担了大部分货运。",
        "防波堤修复工程の日程は金曜日に発表される予定で、来月には住民説明会も開かれる。",
    ];
    let a = &one_story(&page);
    assert_eq!(a.title, "港口管理局关闭东码头一周");
    assert_eq!(a.topics, ["科技"]);
    let paragraphs: Vec<&str> = a.paragraphs().collect();
    assert_eq!(paragraphs.len(), 5, "{paragraphs:?}");
    assert!(
        paragraphs[1].starts_with("工程师表示"),
        "a paragraph without a full stop is still text"
    );
    assert!(
        !paragraphs.iter().any(|p| p.contains('|')),
        "the menu line is not text"
    );
    for topic in &a.topics {
        assert!(
            topic.chars().count() <= 4,
            "a paragraph filed as a topic: {topic}"
        );
    }
}

#[test]
fn chrome_above_a_wire_dateline_is_not_an_article_and_credits_are_not_headlines() {
    let page = [
        "Get the app for breaking news alerts.",
        "Advertisement",
        "Divers begin repairs on the cracked sea wall",
        "Photo: Ann Lee/Coast Gazette",
        "Advertisement",
        "PORTSMOUTH, England (AP) — Divers began repairing the cracked sea wall on Wednesday, a day after the eastern quay was closed to ferries.",
        BODY[1],
        BODY[2],
        "Divers prepare to enter the water in Portsmouth, Wednesday, March 5, 2024. (AP Photo/Bo Kim)",
    ];
    let a = &one_story(&page);
    assert_eq!(a.title, "Divers begin repairs on the cracked sea wall");
    assert_eq!(a.dateline.as_deref(), Some("PORTSMOUTH, England"));
    assert!(a
        .paragraphs()
        .next()
        .unwrap()
        .starts_with("Divers began repairing"));
    assert!(!all_text(a).contains("Get the app"));
    assert_eq!(a.photos.len(), 1);
}

#[test]
fn printed_dates_win_over_caption_dates_and_a_standfirst_is_the_summary() {
    let page = [
        HEADLINE,
        "Ferries move to the western terminal while divers repair the wall.",
        "Thu 7 Mar 2024 02.00 EST Last modified on Fri 8 Mar 2024 06.16 EST",
        "Share on Facebook",
        "Share on Twitter",
        BODY[0],
        "The quay in Portsmouth, Monday, March 11, 2024. (AP Photo/Bo Kim)",
        BODY[1],
    ];
    let a = &one_story(&page);
    assert_eq!(a.title, HEADLINE);
    assert_eq!(a.published.unwrap().to_string(), "2024-03-07T02:00-05:00");
    assert!(!a.published_inferred, "a printed date is not inferred");
    assert_eq!(
        a.summary,
        "Ferries move to the western terminal while divers repair the wall."
    );
    assert_eq!(a.paragraphs().collect::<Vec<_>>(), &BODY[..2]);

    // With no printed date, the captions date the story, and say so.
    let undated = [
        HEADLINE,
        BODY[0],
        "The quay in Portsmouth, Monday, March 11, 2024. (AP Photo/Bo Kim)",
    ];
    let a = &one_story(&undated);
    assert_eq!(a.published.unwrap().to_string(), "2024-03-11");
    assert!(a.published_inferred);
}

#[test]
fn teaser_lists_cut_short_are_not_text() {
    let mut page = vec![
        "23 things everyone who grew up by the sea…",
        "21 harbour photos that will make you…",
        "What the tide left behind on the…",
        HEADLINE,
        "Posted on March 4, 2024, at 7:15 a.m.",
    ];
    page.extend(BODY);
    let a = &one_story(&page);
    assert_eq!(a.title, HEADLINE);
    assert_eq!(a.published.unwrap().to_string(), "2024-03-04T07:15");
    assert_eq!(a.paragraphs().collect::<Vec<_>>(), BODY);
}

#[test]
fn hard_wrapped_sentences_are_joined_and_printed_markup_does_not_outweigh_the_story() {
    let mut page = vec![
        r#"<img src="//c.example.com/c.gif?udc=true&amp;rid=09bc8b7b76484883a023f9b400b40653&amp;rnd=636148835780628490&amp;tp=http%253A%252F%252Fwww.example.com%252Fen-us%252Fnews%252Fworld%252Fharbour-closed-after-storm-damage" alt="">"#,
        "Follow Us",
        "facebook",
        "twitter",
        HEADLINE,
        "by Marta Quill",
        "The harbour authority closed the eastern quay on Tuesday after",
        "inspectors found cracks in the sea wall, diverting ferries to the",
        "western terminal for at least a week.",
    ];
    page.extend(&BODY[1..]);
    let a = &one_story(&page);
    assert_eq!(a.title, HEADLINE);
    assert_eq!(
        a.paragraphs().collect::<Vec<_>>(),
        BODY,
        "wrapped lines are one paragraph"
    );
    assert!(!all_text(a).contains("facebook"));
}

#[test]
fn a_date_printed_only_as_page_metadata_dates_the_story() {
    let mut page = vec![HEADLINE, "Share", "03.04.24 in Harbours"];
    page.extend(BODY);
    page.extend([
        "Recommended Articles",
        "{",
        r#""@type": "NewsArticle","#,
        r#""datePublished": "2024-03-04 07:15:00.000000","#,
        "}",
    ]);
    let a = one_story(&page);
    assert_eq!(a.published.unwrap().to_string(), "2024-03-04T07:15:00");
    assert!(!a.published_inferred);
    assert_eq!(
        a.paragraphs().collect::<Vec<_>>(),
        BODY,
        "the metadata is not text"
    );
}
