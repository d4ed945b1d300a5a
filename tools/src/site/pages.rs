//! Each article's own page, `article/<id>/index.html`: the app's shell
//! (index.html) with the article in it as static HTML, for readers without
//! JavaScript (or before the app has loaded), link previews and search
//! engines. The article's markup is `dateline_core::markup`, the same code
//! the app builds the page with, so the two cannot drift; the app takes the
//! page over once it shows the same (`src/context.rs` `boot_done`).
//!
//! The head gets the document title, a description, and when the site's
//! address is known a canonical URL, OpenGraph and Twitter card tags and
//! JSON-LD `NewsArticle`, all escaped as data.

use dateline_core::markup::{self, escape, Html, Markup};
use dateline_core::model::text::{count_text, document_title, truncate_words};
use dateline_core::model::{Article, Block, Catalog, Related};
use dateline_core::query::search::SearchIndex;
use dateline_core::urls::{article_path, join_base};

/// Characters of the description (the summary, or the body's start).
const DESCRIPTION_CHARS: usize = 200;

/// What an article's page is made from, beside the article.
pub struct PageFacts<'a> {
    /// The public URL path ("/dateline/").
    pub base: &'a str,
    /// The site's absolute address ("https://someone.github.io/dateline/"), if known.
    pub site: Option<&'a str>,
    /// Its topics' labels, in its topics' order.
    pub labels: Vec<String>,
    /// Its body's words, as the catalog counts them (`SearchIndex::body_words`).
    pub words: u32,
    pub related: Vec<Related>,
}

impl<'a> PageFacts<'a> {
    /// The facts of the `i`th article of `catalog`.
    pub fn of(
        catalog: &Catalog,
        i: usize,
        data: &super::data::DataReport,
        base: &'a str,
        site: Option<&'a str>,
    ) -> Self {
        let article = &catalog.articles[i];
        PageFacts {
            base,
            site,
            labels: article
                .topics
                .iter()
                .map(|t| catalog.topic_label(t).to_string())
                .collect(),
            words: SearchIndex::body_words(article),
            related: data
                .related
                .get(i)
                .into_iter()
                .flatten()
                .map(|&r| {
                    let other = &catalog.articles[r as usize];
                    Related {
                        id: other.id.clone(),
                        title: other.title.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// `index` (the shell) as `article`'s page.
pub fn article_page(index: &str, article: &Article, facts: &PageFacts) -> String {
    let page = with_head(index, article, facts);
    let body = static_page(article, facts);
    app_after_first_paint(&replace_boot(&page, &body))
}

/// The app's module waits for the page's first contentful paint.
const AFTER_PAINT: &str = "await window.__datelinePainted;";

/// The head's data requests wait for it too, and set the promise: the first
/// contentful paint (the article), else (a browser without paint timing)
/// the next frame, and at most 3 s (a tab in the background paints nothing).
const PAINTED: &str = "(window.__datelinePainted = new Promise(function (done) {
            var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
            if (types.indexOf(\"paint\") < 0) return requestAnimationFrame(function () { setTimeout(done); });
            new PerformanceObserver(function (list, observer) {
                if (list.getEntriesByName(\"first-contentful-paint\").length) { observer.disconnect(); setTimeout(done); }
            }).observe({ type: \"paint\", buffered: true });
            setTimeout(done, 3000);
        })).then(function () {";

/// The page with the app (and the data the head requests for it) fetched
/// once the article has been painted, not beside it: the reader has the
/// story at once, and on a slow connection the 300 kB of wasm no longer
/// competes with the page's own HTML and CSS. The shell's loader is Trunk's
/// (a `modulepreload`, a wasm `preload` and a module that imports the app);
/// a shell without it is left as it is, the app starting as on any page.
fn app_after_first_paint(page: &str) -> String {
    let loader = page.find("<script type=\"module\">\nimport init, * as bindings from '");
    let (Some(loader), Some(early)) = (
        loader,
        page.find("(function () {\n            var requests"),
    ) else {
        return page.to_string();
    };
    let mut out = page.to_string();
    // Later in the page first, so the earlier offsets hold.
    let import = out[loader..]
        .find("import init, * as bindings from ")
        .map(|at| loader + at);
    if let Some(at) = import {
        let end = at + out[at..].find(';').unwrap_or(0) + 1;
        let module = out[at..end]
            .trim_start_matches("import init, * as bindings from ")
            .trim_end_matches(';')
            .to_string();
        out.replace_range(
            at..end,
            &format!("{AFTER_PAINT}\nconst bindings = await import({module});\nconst init = bindings.default;"),
        );
    }
    // The data requests: a classic script, so its function runs after a
    // frame (finding its script element then: `currentScript` is gone).
    if let Some(end) = out[early..].find("})();").map(|at| early + at) {
        out.replace_range(end..end + "})();".len(), "});");
        let script = &mut out[early..end].to_string();
        *script = script.replacen("(function () {", PAINTED, 1);
        *script = script.replace(
            "document.currentScript",
            "document.querySelector(\"script[data-first-files]\")",
        );
        out.replace_range(early..end, script);
    }
    // Trunk's preloads of the app's module and wasm.
    while let Some(at) = out.find("<link rel=\"modulepreload\"").or_else(|| {
        out.find("<link rel=\"preload\"").filter(|&at| {
            out[at..]
                .split('>')
                .next()
                .is_some_and(|tag| tag.contains("_bg.wasm"))
        })
    }) {
        let end = at + out[at..].find('>').map_or(out.len() - at, |e| e + 1);
        out.replace_range(at..end, "");
    }
    out
}

/// The summary, else the body's first words.
fn description(article: &Article) -> String {
    let text = if article.summary.trim().is_empty() {
        article
            .body
            .iter()
            .find_map(|b| match b {
                Block::Paragraph { text, spans }
                    if !text.trim().is_empty() || !spans.is_empty() =>
                {
                    Some(b.text())
                }
                _ => None,
            })
            .unwrap_or_default()
    } else {
        article.summary.clone()
    };
    truncate_words(text.trim(), DESCRIPTION_CHARS)
}

/// An absolute http(s) address for a picture: as it is, or the site's own
/// `media/` under the site's address.
fn absolute(url: &str, site: Option<&str>) -> Option<String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Some(url.to_string())
    } else if url.starts_with("media/") {
        site.map(|s| format!("{s}{url}"))
    } else {
        None
    }
}

fn image(article: &Article, site: Option<&str>) -> Option<String> {
    let in_body = article.body.iter().filter_map(|b| match b {
        Block::Figure(p) => p.url.as_deref(),
        _ => None,
    });
    article
        .lead_image
        .iter()
        .filter_map(|p| p.url.as_deref())
        .chain(article.photos.iter().filter_map(|p| p.url.as_deref()))
        .chain(in_body)
        .find_map(|url| absolute(url, site))
}

/// The head's tags for the article.
fn head_tags(article: &Article, facts: &PageFacts) -> String {
    let description = description(article);
    let image = image(article, facts.site);
    let url = facts.site.map(|s| super::address::page_url(s, &article.id));
    let mut meta: Vec<(&str, &str, String)> = vec![
        ("property", "og:type", "article".into()),
        ("property", "og:title", article.title.clone()),
        ("property", "og:description", description.clone()),
        ("property", "og:site_name", "Dateline".into()),
        (
            "name",
            "twitter:card",
            if image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            }
            .into(),
        ),
        ("name", "twitter:title", article.title.clone()),
        ("name", "twitter:description", description.clone()),
    ];
    if let Some(url) = &url {
        meta.push(("property", "og:url", url.clone()));
    }
    if let Some(image) = &image {
        meta.push(("property", "og:image", image.clone()));
        meta.push(("name", "twitter:image", image.clone()));
    }
    if let Some(published) = article.published {
        meta.push(("property", "article:published_time", published.to_string()));
    }
    if let Some(updated) = article.updated {
        meta.push(("property", "article:modified_time", updated.to_string()));
    }
    if let Some(section) = facts.labels.first() {
        meta.push(("property", "article:section", section.clone()));
    }
    for tag in &article.tags {
        meta.push(("property", "article:tag", tag.clone()));
    }
    let mut out = String::new();
    if let Some(url) = &url {
        out += &format!("<link rel=\"canonical\" href=\"{}\">\n", escape(url, true));
    }
    for (kind, name, value) in meta {
        out += &format!(
            "<meta {kind}=\"{name}\" content=\"{}\">\n",
            escape(&value, true)
        );
    }
    out += "<script type=\"application/ld+json\">";
    out += &json_ld(
        article,
        facts,
        &description,
        image.as_deref(),
        url.as_deref(),
    );
    out += "</script>\n";
    out
}

/// JSON-LD `NewsArticle`, safe inside a `<script>` element: `<`, `>` and
/// `&` are written as JSON escapes, so no text can close the element.
fn json_ld(
    article: &Article,
    facts: &PageFacts,
    description: &str,
    image: Option<&str>,
    url: Option<&str>,
) -> String {
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
    });
    let fields = ld.as_object_mut().expect("an object");
    let authors: Vec<&String> = if article.authors.is_empty() {
        article.byline.iter().collect()
    } else {
        article.authors.iter().collect()
    };
    if !authors.is_empty() {
        let people: Vec<_> = authors
            .iter()
            .map(|name| serde_json::json!({"@type": "Person", "name": name.trim_start_matches("By ")}))
            .collect();
        fields.insert("author".into(), people.into());
    }
    if let Some(published) = article.published {
        fields.insert("datePublished".into(), published.to_string().into());
    }
    if let Some(updated) = article.updated {
        fields.insert("dateModified".into(), updated.to_string().into());
    }
    if let Some(image) = image {
        fields.insert("image".into(), vec![image].into());
    }
    if !facts.labels.is_empty() {
        fields.insert("articleSection".into(), facts.labels.clone().into());
    }
    if !article.tags.is_empty() {
        fields.insert("keywords".into(), article.tags.clone().into());
    }
    if let Some(language) = &article.language {
        fields.insert("inLanguage".into(), language.clone().into());
    }
    if let Some(url) = url {
        fields.insert("url".into(), url.into());
        fields.insert("mainEntityOfPage".into(), url.into());
    }
    if let Some(source) = article.source.as_ref().or(article.site_name.as_ref()) {
        fields.insert(
            "publisher".into(),
            serde_json::json!({"@type": "Organization", "name": source}),
        );
    }
    if facts.words > 0 {
        fields.insert("wordCount".into(), facts.words.into());
    }
    ld.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The shell's head with the article's title, description and tags.
fn with_head(index: &str, article: &Article, facts: &PageFacts) -> String {
    let mut page = index.replacen(
        "<title>Dateline</title>",
        &format!(
            "<title>{}</title>",
            escape(&document_title(&article.title), false)
        ),
        1,
    );
    const DESCRIPTION: &str = "<meta name=\"description\" content=\"";
    if let Some(start) = page.find(DESCRIPTION).map(|at| at + DESCRIPTION.len()) {
        if let Some(len) = page[start..].find('"') {
            page.replace_range(start..start + len, &escape(&description(article), true));
        }
    }
    match page.find("</head>") {
        Some(at) => [&page[..at], &head_tags(article, facts), &page[at..]].concat(),
        None => page,
    }
}

/// The static page's frame in `root` (the boot element the app removes):
/// the skip link and masthead as the app draws them, and `<main>`, returned.
/// `path` is the page's own (the app shows the page only at that address:
/// the service worker answers every address with index.html).
fn page_frame(html: &mut Html, root: &usize, base: &str, path: &str) -> usize {
    html.attribute(root, "id", "boot");
    html.attribute(root, "class", "prerendered");
    html.attribute(root, "data-path", &join_base(base, path));
    let skip = html.element_with_text(root, "a", "Skip to content");
    html.attribute(&skip, "class", "skip-link");
    html.attribute(&skip, "href", "#content");
    let masthead = html.element(root, "header");
    html.attribute(&masthead, "class", "masthead");
    let inner = html.element(&masthead, "div");
    html.attribute(&inner, "class", "masthead-inner");
    let brand = html.element_with_text(&inner, "a", "Dateline");
    html.attribute(&brand, "href", &join_base(base, "/"));
    html.attribute(&brand, "class", "brand");
    let nav = html.element(&inner, "nav");
    html.attribute(&nav, "aria-label", "Sections");
    for (label, section) in [
        ("Latest", "/"),
        ("Saved", "/saved"),
        ("Offline", "/offline"),
    ] {
        let a = html.element_with_text(&nav, "a", label);
        html.attribute(&a, "href", &join_base(base, section));
        if section == path {
            html.attribute(&a, "aria-current", "page");
        }
    }
    let main = html.element(root, "main");
    html.attribute(&main, "id", "content");
    html.attribute(&main, "tabindex", "-1");
    main
}

/// The site footer as the app draws it (without its shortcuts button).
fn page_footer(html: &mut Html, root: &usize) {
    let footer = html.element(root, "footer");
    html.attribute(&footer, "class", "site-footer");
    html.element_with_text(
        &footer,
        "p",
        "Dateline — news that works offline. Articles © their publishers.",
    );
}

/// The page as the app shows it: its masthead, the article (header and
/// story through `dateline_core::markup`, related stories) and footer.
fn static_page(article: &Article, facts: &PageFacts) -> String {
    let (mut html, root) = Html::new("div");
    let path = dateline_core::urls::article_path(&article.id);
    let main = page_frame(&mut html, &root, facts.base, &path);
    let story = html.element(&main, "article");
    html.attribute(&story, "class", "story");
    html.attribute(&story, "aria-labelledby", "story-title");
    if let Some(language) = &article.language {
        html.attribute(&story, "lang", language);
    }
    if let Some(direction) = article.direction {
        html.attribute(&story, "dir", direction.as_str());
    }
    if let Some(source) = &article.source_url {
        html.attribute(&story, "data-source", source);
    }
    let header = html.element(&story, "header");
    html.attribute(&header, "class", "story-header");
    markup::story_header(
        &mut html,
        &header,
        article,
        &facts.labels,
        facts.words,
        facts.base,
    );
    // Where the app puts Save and Share: kept, so nothing below moves.
    let actions = html.element(&story, "div");
    html.attribute(&actions, "class", "story-actions");
    let content = html.element(&story, "div");
    html.attribute(&content, "class", "story-content");
    markup::story_content(&mut html, &content, article, usize::MAX);
    let footer = html.element(&story, "footer");
    html.attribute(&footer, "class", "story-footer");
    html.attribute(&footer, "dir", "ltr");
    if !facts.related.is_empty() {
        let section = html.element(&footer, "section");
        html.attribute(&section, "class", "related");
        html.attribute(&section, "aria-labelledby", "related-title");
        markup::related_stories(&mut html, &section, &facts.related, facts.base);
    }

    page_footer(&mut html, &root);
    html.write(root)
}

/// How many of the newest articles the list page holds: the app's first page.
pub const LIST_ARTICLES: usize = 50;

/// `index` (the shell) as the list page: the newest articles as the app's
/// cards (headline links to their pages, topic, date, dateline, photos,
/// reading time, summary), readable without JavaScript and shown before the
/// app has loaded. The app takes it over once its own list is shown.
pub fn list_page(index: &str, catalog: &Catalog, base: &str) -> String {
    let (mut html, root) = Html::new("div");
    let main = page_frame(&mut html, &root, base, "/");
    let browser = html.element(&main, "div");
    html.attribute(&browser, "class", "browser");
    let header = html.element(&browser, "header");
    html.attribute(&header, "class", "list-header");
    let h1 = html.element_with_text(&header, "h1", "Latest news");
    html.attribute(&h1, "id", "list-title");
    // The app's controls, disabled: they take the app's place, so nothing
    // moves when the app takes over, and cannot be used before it has (nor
    // without JavaScript, which searching and sorting need).
    markup::list_controls(
        &mut html,
        &header,
        &count_text(catalog.articles.len()),
        false,
    );
    // Without JavaScript the stylesheet leaves those controls out (`scripting:
    // none`), so the list says what it holds and what the app would add.
    let noscript = html.element(&header, "noscript");
    let note = html.element_with_text(&noscript, "p", &no_script_note(catalog.articles.len()));
    html.attribute(&note, "class", "notice");
    // The filters as a narrow screen first shows them (a closed panel): the
    // results start where the app's will. A wide screen shows the app's
    // filters beside the list when they are there.
    let aside = html.element(&browser, "aside");
    html.attribute(&aside, "class", "filters");
    html.attribute(&aside, "aria-label", "Filters");
    let panel = html.element(&aside, "details");
    html.attribute(&panel, "class", "filters-panel");
    html.element_with_text(&panel, "summary", "Filters");
    let results = html.element(&browser, "section");
    html.attribute(&results, "class", "results-column");
    html.attribute(&results, "aria-labelledby", "list-title");
    let list = html.element(&results, "ol");
    html.attribute(&list, "class", "article-list");
    for (i, article) in catalog.articles.iter().enumerate().take(LIST_ARTICLES) {
        let li = html.element(&list, "li");
        let card = html.element(&li, "article");
        html.attribute(&card, "class", "card");
        html.attribute(&card, "data-id", &article.id);
        let label = article.topics.first().map(|t| (t, catalog.topic_label(t)));
        let summary = truncate_words(
            &article.summary,
            dateline_core::data::catalog::LIST_SUMMARY_CHARS,
        );
        markup::card(
            &mut html,
            &card,
            &markup::CardFacts {
                article,
                topic: label,
                photos: catalog.photo_count(i),
                words: SearchIndex::body_words(article),
                summary: &summary,
                base,
                link: &join_base(base, &article_path(&article.id)),
                terms: None,
            },
        );
        // The card's Save, kept in place (saving needs the app).
        let save = html.element_with_text(&card, "button", "Save");
        for (name, value) in [("type", "button"), ("class", "save"), ("disabled", "")] {
            html.attribute(&save, name, value);
        }
    }
    page_footer(&mut html, &root);
    let page = replace_boot(index, &html.write(root));
    app_after_first_paint(&page)
}

/// What the list page says to a reader without JavaScript, for a catalog
/// of `total` articles (the page holds the newest `LIST_ARTICLES`).
fn no_script_note(total: usize) -> String {
    let holds = match total {
        0 => String::new(),
        n if n <= LIST_ARTICLES => "This page lists every article. ".to_string(),
        _ => format!("This page lists the newest {LIST_ARTICLES} articles. "),
    };
    format!("{holds}Searching, filtering and saving need JavaScript.")
}

/// The last thing in a prerendered boot: the page is for its own address
/// only (`data-path`; the list's only without a query, an article's with the
/// list it was opened from), and the service worker answers every address
/// with index.html. Elsewhere the boot becomes the shell's plain "Loading"
/// before anything is painted, and the app shows what the address asks for.
/// Written without `<` or `"`: nothing in it could end the script or the string.
const ADDRESS_GUARD: &str = "<script>(function (boot) {\
var page = boot.getAttribute('data-path').replace(/\\/$/, '');\
var here = location.pathname.replace(/\\/$/, '');\
if (here === page && (!location.search || page.indexOf('/article/') !== -1)) return;\
boot.className = 'state loading'; boot.setAttribute('role', 'status');\
var note = document.createElement('p'); note.textContent = 'Loading Dateline…';\
boot.replaceChildren(note);\
})(document.currentScript.parentNode);</script>";

/// The shell with its `<div id="boot">…</div>` replaced by `body` (a
/// prerendered boot, which gets its [`ADDRESS_GUARD`]).
fn replace_boot(page: &str, body: &str) -> String {
    let Some(start) = page.find("<div id=\"boot\"") else {
        return page.to_string();
    };
    // Its own `</div>`, past any nested ones: the shell's boot is one
    // element, but a page prerendered before (the list page, when the build
    // runs again in the same directory) has a whole page in it.
    let mut depth = 0usize;
    let mut at = start;
    let end = loop {
        let open = page[at + 1..].find("<div").map(|i| at + 1 + i);
        let Some(close) = page[at + 1..].find("</div>").map(|i| at + 1 + i) else {
            return page.to_string();
        };
        match open {
            Some(open) if open < close => {
                depth += 1;
                at = open;
            }
            _ if depth == 0 => break close + "</div>".len(),
            _ => {
                depth -= 1;
                at = close;
            }
        }
    };
    let body = body.strip_suffix("</div>").unwrap_or(body);
    [&page[..start], body, ADDRESS_GUARD, "</div>", &page[end..]].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::model::{Photo, Timestamp};

    const SHELL: &str = "<html><head><meta name=\"description\" content=\"Dateline: a fast news reader.\">\
        <title>Dateline</title></head><body><div id=\"boot\" class=\"state loading\"><p>Loading…</p>\
        <noscript><p>Needs JavaScript.</p></noscript></div><dialog id=\"shortcuts\"></dialog></body></html>";

    fn facts<'a>(site: Option<&'a str>) -> PageFacts<'a> {
        PageFacts {
            base: "/dateline/",
            site,
            labels: vec!["Oil & Gas".into()],
            words: 300,
            related: vec![Related {
                id: "other".into(),
                title: "Other <story>".into(),
            }],
        }
    }

    fn article() -> Article {
        Article {
            id: "a-story".into(),
            title: "Crude </title><script>alert(1)</script> rises".into(),
            topics: vec!["crude".into()],
            authors: vec!["Ann Writer".into()],
            published: Timestamp::parse("2024-03-05T10:00:00Z").ok(),
            summary: "Prices \"jumped\" </script> today.".into(),
            body: vec![Block::Paragraph {
                text: "Body text.".into(),
                spans: vec![],
            }],
            lead_image: Some(Box::new(Photo {
                url: Some("media/lead.jpg".into()),
                caption: "Lead".into(),
                ..Photo::default()
            })),
            ..Article::default()
        }
    }

    #[test]
    fn the_page_carries_the_article_and_its_facts() {
        let page = article_page(
            SHELL,
            &article(),
            &facts(Some("https://example.org/dateline/")),
        );
        assert!(page.contains("<title>Crude &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; rises — Dateline</title>"), "{page}");
        assert!(page.contains("<meta name=\"description\" content=\"Prices &quot;jumped&quot; &lt;/script&gt; today.\">"));
        assert!(page.contains(
            "<link rel=\"canonical\" href=\"https://example.org/dateline/article/a-story/\">"
        ));
        assert!(page.contains(
            "<meta property=\"og:image\" content=\"https://example.org/dateline/media/lead.jpg\">"
        ));
        assert!(page.contains(
            "<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\">"
        ));
        assert!(page.contains("<meta property=\"article:section\" content=\"Oil &amp; Gas\">"));
        assert!(page.contains(
            "<div id=\"boot\" class=\"prerendered\" data-path=\"/dateline/article/a-story\">"
        ));
        assert!(!page.contains("Loading…"), "the boot's loader is replaced");
        assert!(
            page.contains("<dialog id=\"shortcuts\">"),
            "the rest of the shell stays"
        );
        assert!(page.contains("<p>Body text.</p>"));
        assert!(page
            .contains("<a href=\"/dateline/article/other\" dir=\"auto\">Other &lt;story&gt;</a>"));
        // The boot's own script (its last child) and nothing else.
        assert!(page.contains(&format!("{ADDRESS_GUARD}</div>")));
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "no article text becomes a script: {page}"
        );

        let start = page.find("application/ld+json\">").unwrap() + 21;
        let end = start + page[start..].find("</script>").unwrap();
        let ld: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], article().title);
        assert_eq!(ld["datePublished"], "2024-03-05T10:00:00Z");
        assert_eq!(ld["author"][0]["name"], "Ann Writer");
        assert_eq!(
            ld["image"][0],
            "https://example.org/dateline/media/lead.jpg"
        );
        assert_eq!(ld["articleSection"][0], "Oil & Gas");
        assert_eq!(ld["url"], "https://example.org/dateline/article/a-story/");
    }

    #[test]
    fn without_the_sites_address_no_absolute_urls_are_guessed() {
        let page = article_page(SHELL, &article(), &facts(None));
        assert!(
            !page.contains("canonical") && !page.contains("og:url") && !page.contains("og:image")
        );
        assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        assert!(page.contains("<h1 id=\"story-title\">"));
    }

    #[test]
    fn the_app_loads_after_the_article_is_painted() {
        let shell = "<head><script data-first-files=\"data/manifest.txt\">\n        (function () {\n            var requests = (window.__datelineFirst = {});\n            document.currentScript.getAttribute(\"data-first-files\");\n        })();\n    </script>\
            <link rel=\"modulepreload\" href=\"/d/app-1.js\" integrity=\"x\">\
            <link rel=\"preload\" href=\"/d/app-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\
            <link rel=\"preload\" href=\"/d/font.woff2\" as=\"font\">\
            <script type=\"module\">\nimport init, * as bindings from '/d/app-1.js';\nconst wasm = await init({ module_or_path: '/d/app-1_bg.wasm' });\n</script>\
            <title>Dateline</title></head><body><div id=\"boot\">Loading…</div></body>";
        let page = article_page(shell, &article(), &facts(None));
        assert!(
            !page.contains("modulepreload") && !page.contains("_bg.wasm\" as=\"fetch"),
            "{page}"
        );
        assert!(
            page.contains("<link rel=\"preload\" href=\"/d/font.woff2\" as=\"font\">"),
            "other preloads stay"
        );
        assert!(page.contains(&format!("{AFTER_PAINT}\nconst bindings = await import('/d/app-1.js');\nconst init = bindings.default;\nconst wasm = await init(")));
        assert!(page.contains(&format!("{PAINTED}\n            var requests")));
        assert!(page.contains("document.querySelector(\"script[data-first-files]\").getAttribute"));
        assert!(page.contains("\n        });\n    </script>"), "{page}");
        // A shell of another shape is left as it is.
        assert!(article_page(SHELL, &article(), &facts(None))
            .contains(r#"<div id="boot" class="prerendered""#));
    }

    #[test]
    fn a_boot_with_a_page_in_it_is_replaced_whole() {
        let prerendered =
            "<body><div id=\"boot\" class=\"prerendered\"><div class=\"a\"><div>x</div></div>\
            <p>y</p></div><dialog></dialog></body>";
        let page = replace_boot(prerendered, "<div id=\"boot\">new</div>");
        assert_eq!(
            page,
            format!("<body><div id=\"boot\">new{ADDRESS_GUARD}</div><dialog></dialog></body>")
        );
        // No end to the boot: the page is left as it is.
        assert_eq!(
            replace_boot("<div id=\"boot\"><div>", "b"),
            "<div id=\"boot\"><div>"
        );
    }

    fn catalog(count: usize) -> Catalog {
        let articles: Vec<Article> = (0..count)
            .map(|i| Article {
                id: format!("story-{i:02}"),
                title: format!("Story {i} <b>"),
                published: Timestamp::parse(&format!("2024-03-{:02}T10:00:00Z", 1 + i % 28)).ok(),
                ..Article::default()
            })
            .collect();
        Catalog::from_json(&dateline_core::model::BundleFile::new(&articles).to_json()).unwrap()
    }

    #[test]
    fn the_list_page_links_the_newest_articles_and_says_what_needs_javascript() {
        let page = list_page(SHELL, &catalog(3), "/dateline/");
        assert_eq!(
            page.matches("<h2 class=\"card-title\"><a href=\"/dateline/article/story-")
                .count(),
            3
        );
        assert!(page.contains(">Story 1 &lt;b&gt;</a>"), "{page}");
        assert!(
            page.contains(
                "<noscript><p class=\"notice\">This page lists every article. \
            Searching, filtering and saving need JavaScript.</p></noscript>"
            ),
            "{page}"
        );
        // Past the page's cap the note says how many it holds.
        let page = list_page(SHELL, &catalog(LIST_ARTICLES + 1), "/dateline/");
        assert_eq!(page.matches("class=\"card-title\"").count(), LIST_ARTICLES);
        assert!(page.contains(">This page lists the newest 50 articles. Searching"));
        assert_eq!(
            no_script_note(0),
            "Searching, filtering and saving need JavaScript."
        );
    }

    #[test]
    fn the_description_falls_back_to_the_body() {
        let mut a = article();
        a.summary.clear();
        assert_eq!(description(&a), "Body text.");
    }
}
