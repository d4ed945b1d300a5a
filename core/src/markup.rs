//! An article's page as elements: the one description of its markup, built
//! by the app into the DOM (`src/components/blocks.rs`) and by the site
//! builder into static HTML (`tools/src/site/pages.rs`), so the page a
//! reader gets before (or without) the app is the page the app shows.
//!
//! Everything here goes through [`Markup`]: an element with attributes, or a
//! text node. Nothing is ever parsed as HTML; text and attribute values are
//! data, which the DOM keeps as such and [`Html`] escapes.

use crate::model::text::{plural, reading_time};
use crate::model::{Article, Block, Inline, ListItem, Photo, Related, Table};
use crate::query::search::{highlight, Terms};
use crate::urls::{article_path, join_base, topic_path};

/// What every link out of an article carries: no window handle for the other
/// page, no referrer, and no endorsement of where it goes.
pub const LINK_REL: &str = "noopener noreferrer nofollow";

/// Where markup goes: the browser's DOM, or an HTML document.
pub trait Markup {
    type Node;
    /// A new `tag` element at the end of `parent`.
    fn element(&mut self, parent: &Self::Node, tag: &'static str) -> Self::Node;
    fn attribute(&mut self, element: &Self::Node, name: &'static str, value: &str);
    /// A text node at the end of `parent`.
    fn text(&mut self, parent: &Self::Node, text: &str);

    fn element_with_text(
        &mut self,
        parent: &Self::Node,
        tag: &'static str,
        text: &str,
    ) -> Self::Node {
        let el = self.element(parent, tag);
        self.text(&el, text);
        el
    }

    /// Says what a control does (`data-act`), for the app's handlers.
    fn act(&mut self, element: &Self::Node, act: Act) {
        self.attribute(element, Act::ATTRIBUTE, act.as_str());
    }
}

/// The list's search field's id (`/` focuses it).
pub const SEARCH_FIELD: &str = "search-input";

/// Declares `Act` with its variants and their `data-act` values in one
/// list, so no variant can lack a value or be missing from `Act::ALL`.
macro_rules! acts {
    ($($(#[$doc:meta])* $name:ident => $value:literal,)*) => {
        /// What a control does, as its element says in `data-act`: written
        /// here and by the app's parts, read by the app's handlers (one
        /// listener serves a part's many elements). One enum, so a misspelt
        /// action fails to compile instead of leaving a control that
        /// silently does nothing.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Act {
            $($(#[$doc])* $name,)*
        }

        impl Act {
            pub const ALL: &'static [Act] = &[$(Act::$name),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Act::$name => $value,)*
                }
            }
        }
    };
}

acts! {
    /// The list's search field.
    Search => "search",
    /// The list's sort box.
    Sort => "sort",
    /// "Unread only".
    Unread => "unread",
    /// A date preset (its days in `data-from`, `data-to`).
    Range => "range",
    /// The date filter's first day.
    From => "from",
    /// The date filter's last day.
    To => "to",
    /// The histogram's bars.
    Bars => "bars",
    /// One bar (its number in `data-i`).
    Bar => "bar",
    /// A topic or facet value ticked.
    Choose => "choose",
    /// The box that finds a filter's values.
    Find => "find",
    /// A filter's "Show more".
    More => "more",
    /// The Saved section's export.
    Export => "export",
    /// The Saved section's import.
    Import => "import",
    /// The Saved section's "Forget".
    Forget => "forget",
}

impl Act {
    pub const ATTRIBUTE: &'static str = "data-act";

    /// The action a `data-act` value names (none for another value).
    pub fn parse(value: &str) -> Option<Act> {
        Act::ALL.iter().copied().find(|act| act.as_str() == value)
    }
}

/// The headline block: topics (links to their lists under `base`), headline,
/// who and where, when, the reading time, and notes on guessed facts. Fills
/// `header` (the page's `<header class="story-header">`).
pub fn story_header<M: Markup>(
    m: &mut M,
    header: &M::Node,
    article: &Article,
    labels: &[String],
    words: u32,
    base: &str,
) {
    let kicker = m.element(header, "p");
    m.attribute(&kicker, "class", "kicker");
    for (topic, label) in article.topics.iter().zip(labels) {
        let a = m.element_with_text(&kicker, "a", label);
        m.attribute(&a, "href", &join_base(base, &topic_path(topic)));
        m.attribute(&a, "class", "topic");
    }
    let h1 = m.element_with_text(header, "h1", &article.title);
    m.attribute(&h1, "id", "story-title");

    let who = m.element(header, "p");
    m.attribute(&who, "class", "meta byline");
    // The byline as printed; else the authors the source listed.
    let authors =
        (!article.authors.is_empty()).then(|| format!("By {}", article.authors.join(", ")));
    let source = article.source.as_ref().or(article.site_name.as_ref());
    for (class, value) in [
        ("author", article.byline.as_ref().or(authors.as_ref())),
        ("dateline", article.dateline.as_ref()),
        ("source", source),
    ] {
        if let Some(value) = value {
            let span = m.element_with_text(&who, "span", value);
            m.attribute(&span, "class", class);
        }
    }

    if !article.also.is_empty() {
        also_reported(m, header, &article.also);
    }

    let when = m.element(header, "p");
    m.attribute(&when, "class", "meta times");
    let updated = article.updated.zip(article.updated_label());
    let published = article.published.map(|p| (p, p.long()));
    for (class, stamp) in [("published", published), ("updated", updated)] {
        if let Some((time, label)) = stamp {
            let el = m.element_with_text(&when, "time", &label);
            m.attribute(&el, "class", class);
            m.attribute(&el, "datetime", &time.to_string());
            m.attribute(&el, "dir", "auto");
        }
    }
    if let Some(reading) = reading_time(words) {
        let span = m.element_with_text(&when, "span", &reading);
        m.attribute(&span, "class", "reading-time");
    }
    if article.title_derived || article.published_inferred {
        let note = m.element(header, "p");
        m.attribute(&note, "class", "note");
        if article.title_derived {
            m.text(&note, "The source printed no headline; this one is taken from the story’s first sentence. ");
        }
        if article.published_inferred {
            m.text(
                &note,
                "Date inferred from the photo captions; the source printed none.",
            );
        }
    }
}

/// "Also reported by The Wire, City Desk": the other outlets that carried
/// the story, each linked to its own copy when its address is known.
fn also_reported<M: Markup>(m: &mut M, header: &M::Node, outlets: &[crate::model::Outlet]) {
    let p = m.element(header, "p");
    m.attribute(&p, "class", "meta also");
    m.text(&p, "Also reported by ");
    for (i, outlet) in outlets.iter().enumerate() {
        if i > 0 {
            m.text(&p, ", ");
        }
        match &outlet.url {
            Some(url) => {
                let a = m.element_with_text(&p, "a", &outlet.name);
                m.attribute(&a, "href", url);
                m.attribute(&a, "rel", "noopener");
            }
            None => m.text(&p, &outlet.name),
        }
    }
}

/// The story under its headline: the lead picture (unless the body or the
/// photos show it), the body, credit, tags and the photos section. Fills
/// `parent` (the page's `<div class="story-content">`) and returns the
/// body's container, holding the first `body_blocks` blocks: the app adds
/// the rest of a very long body a batch at a time.
pub fn story_content<M: Markup>(
    m: &mut M,
    parent: &M::Node,
    article: &Article,
    body_blocks: usize,
) -> M::Node {
    let lead = article.lead_image.as_deref().filter(|lead| {
        !article
            .body
            .iter()
            .any(|b| matches!(b, Block::Figure(p) if p.url == lead.url))
            && !article.photos.iter().any(|p| p.url == lead.url)
    });
    if let Some(lead) = lead {
        let figures = m.element(parent, "div");
        m.attribute(&figures, "class", "figures");
        figure(m, &figures, lead);
    }
    let body = m.element(parent, "div");
    m.attribute(&body, "class", "story-body");
    for block in article.body.iter().take(body_blocks) {
        self::block(m, &body, block);
    }
    if let Some(credit) = &article.credit {
        let p = m.element_with_text(parent, "p", credit);
        m.attribute(&p, "class", "credit-line");
    }
    if !article.tags.is_empty() {
        let p = m.element(parent, "p");
        m.attribute(&p, "class", "tags");
        let label = m.element_with_text(&p, "span", "Tags: ");
        m.attribute(&label, "class", "label");
        m.text(&p, &article.tags.join(" · "));
    }
    if !article.photos.is_empty() {
        let heading = match article.photos.len() {
            1 => "Photo".to_string(),
            n => format!("Photos ({n})"),
        };
        let section = m.element(parent, "section");
        m.attribute(&section, "class", "photos");
        m.attribute(&section, "aria-label", &heading);
        m.element_with_text(&section, "h2", &heading);
        let figures = m.element(&section, "div");
        m.attribute(&figures, "class", "figures");
        for photo in &article.photos {
            figure(m, &figures, photo);
        }
    }
    body
}

/// The related stories the build chose, as links under `base`. Fills
/// `section` (the page's `<section class="related">`).
pub fn related_stories<M: Markup>(m: &mut M, section: &M::Node, related: &[Related], base: &str) {
    let h2 = m.element_with_text(section, "h2", "Related stories");
    m.attribute(&h2, "id", "related-title");
    let list = m.element(section, "ul");
    for story in related {
        let li = m.element(&list, "li");
        let a = m.element_with_text(&li, "a", &story.title);
        m.attribute(&a, "href", &join_base(base, &article_path(&story.id)));
        m.attribute(&a, "dir", "auto");
    }
}

/// A link's address and words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// The ways on from an article through the list the reader came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListLinks {
    /// The list itself ("← Back to the list").
    pub back: Link,
    /// The article before and after this one in that list, by headline.
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// Back to the list (`data-back`, for Escape), and its previous and next
/// article (`rel`, for `p` and `n`). Fills `nav` (the page's `<nav
/// class="story-nav">`).
pub fn list_links<M: Markup>(m: &mut M, nav: &M::Node, links: &ListLinks) {
    let back = m.element_with_text(nav, "a", &links.back.text);
    m.attribute(&back, "href", &links.back.href);
    m.attribute(&back, "data-back", "");
    m.attribute(&back, "aria-keyshortcuts", "Escape");
    for (link, rel, label, key) in [
        (&links.previous, "prev", "Previous", "p"),
        (&links.next, "next", "Next", "n"),
    ] {
        let Some(link) = link else { continue };
        let a = m.element(nav, "a");
        for (name, value) in [
            ("href", link.href.as_str()),
            ("rel", rel),
            ("class", rel),
            ("aria-keyshortcuts", key),
        ] {
            m.attribute(&a, name, value);
        }
        let span = m.element_with_text(&a, "span", label);
        m.attribute(&span, "class", "label");
        m.text(&a, &link.text);
    }
}

/// The list header's controls: the search field, the result count, "Clear
/// all filters" (hidden until a filter is on) and the sort box. The app
/// builds them and keeps these nodes to update (`src/components/filters/
/// header.rs`); the site builder writes them into the static list page,
/// where they are disabled (`live` false: searching and sorting need the
/// app) and hold the place the app's will.
pub struct ListControls<N> {
    pub search: N,
    pub count: N,
    pub clear: N,
    pub sort: N,
    /// "Recently saved" (the Saved section's own order), "Newest first",
    /// "Oldest first", "Relevance".
    pub orders: [N; 4],
}

pub fn list_controls<M: Markup>(
    m: &mut M,
    header: &M::Node,
    count: &str,
    live: bool,
) -> ListControls<M::Node> {
    let form = m.element(header, "form");
    m.attribute(&form, "class", "search");
    m.attribute(&form, "role", "search");
    let label = m.element_with_text(&form, "label", "Search articles");
    m.attribute(&label, "for", SEARCH_FIELD);
    m.attribute(&label, "class", "visually-hidden");
    let search = m.element(&form, "input");
    for (name, value) in [
        ("id", SEARCH_FIELD),
        ("type", "search"),
        ("placeholder", "Search titles and text"),
        ("autocomplete", "off"),
        ("spellcheck", "false"),
    ] {
        m.attribute(&search, name, value);
    }
    m.act(&search, Act::Search);
    let tools = m.element(header, "div");
    m.attribute(&tools, "class", "list-tools");
    let count = m.element_with_text(&tools, "p", count);
    m.attribute(&count, "class", "result-count");
    m.attribute(&count, "role", "status");
    m.attribute(&count, "aria-live", "polite");
    let clear = m.element_with_text(&tools, "a", "Clear all filters");
    m.attribute(&clear, "class", "clear-all");
    m.attribute(&clear, "hidden", "");
    let label = m.element_with_text(&tools, "label", "Sort ");
    m.attribute(&label, "class", "sort");
    let sort = m.element(&label, "select");
    m.act(&sort, Act::Sort);
    // Every order, so the box is as wide on both pages; "Recently saved"
    // shows in the Saved section only.
    let orders = [
        ("", "Recently saved"),
        ("newest", "Newest first"),
        ("oldest", "Oldest first"),
        ("relevance", "Relevance"),
    ]
    .map(|(value, text)| {
        let option = m.element_with_text(&sort, "option", text);
        m.attribute(&option, "value", value);
        option
    });
    m.attribute(&orders[0], "hidden", "");
    if live {
        m.attribute(&search, "aria-keyshortcuts", "/");
    } else {
        m.attribute(&search, "disabled", "");
        m.attribute(&sort, "disabled", "");
        m.attribute(&orders[1], "selected", "");
    }
    ListControls {
        search,
        count,
        clear,
        sort,
        orders,
    }
}

/// What a list card shows of an article.
pub struct CardFacts<'a> {
    pub article: &'a Article,
    /// Its first topic and that topic's label.
    pub topic: Option<(&'a String, &'a str)>,
    pub photos: usize,
    /// Its body's words, for the reading time.
    pub words: u32,
    /// The summary as the catalog cuts it.
    pub summary: &'a str,
    pub base: &'a str,
    /// Where its headline leads (its page, with the list it is in).
    pub link: &'a str,
    /// The words searched for, marked in its headline and summary.
    pub terms: Option<&'a Terms>,
}

/// The nodes of a card that the app changes in place: the headline's link
/// (it follows the list the card is in) and the line the "Read" mark joins.
pub struct CardParts<N> {
    pub link: N,
    pub meta: N,
}

/// An article's card in the list, for the app's list (`src/components/
/// article_card.rs` adds what only the app can do: read state and Save) and
/// the prerendered list page, so the two cannot drift apart.
pub fn card<M: Markup>(m: &mut M, card: &M::Node, facts: &CardFacts) -> CardParts<M::Node> {
    let article = facts.article;
    let kicker = m.element(card, "p");
    m.attribute(&kicker, "class", "kicker");
    if let Some((topic, label)) = facts.topic {
        let a = m.element_with_text(&kicker, "a", label);
        m.attribute(&a, "class", "topic");
        m.attribute(&a, "href", &join_base(facts.base, &topic_path(topic)));
    }
    let h2 = m.element(card, "h2");
    m.attribute(&h2, "class", "card-title");
    let a = m.element(&h2, "a");
    m.attribute(&a, "href", facts.link);
    marked(m, &a, &article.title, facts.terms);
    let meta = m.element(card, "p");
    m.attribute(&meta, "class", "meta");
    if let Some(published) = article.published {
        let time = m.element_with_text(&meta, "time", &published.date.short());
        m.attribute(&time, "datetime", &published.to_string());
    }
    let photos = (facts.photos > 0).then(|| plural(facts.photos, "photo", "photos"));
    for (class, text) in [
        ("dateline", article.dateline.clone()),
        ("photo-count", photos),
        ("reading-time", reading_time(facts.words)),
    ] {
        if let Some(text) = text {
            let span = m.element_with_text(&meta, "span", &text);
            m.attribute(&span, "class", class);
        }
    }
    let summary = m.element(card, "p");
    m.attribute(&summary, "class", "summary");
    marked(m, &summary, facts.summary, facts.terms);
    CardParts { link: a, meta }
}

/// Text with the searched words in `<mark>`, every run a text node.
fn marked<M: Markup>(m: &mut M, parent: &M::Node, text: &str, terms: Option<&Terms>) {
    match terms {
        Some(terms) if !terms.is_empty() => {
            for (run, hit) in highlight(text, terms) {
                if hit {
                    m.element_with_text(parent, "mark", run);
                } else {
                    m.text(parent, run);
                }
            }
        }
        _ => m.text(parent, text),
    }
}

/// One body block, each the element it is.
pub fn block<M: Markup>(m: &mut M, parent: &M::Node, block: &Block) {
    match block {
        Block::Paragraph { text, spans } => {
            let p = m.element(parent, "p");
            rich(m, &p, text, spans);
        }
        Block::Heading { level, text, spans } => {
            let tag = ["h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(&2, &6) - 2)];
            let h = m.element(parent, tag);
            rich(m, &h, text, spans);
        }
        Block::List { ordered, items } => {
            let list = m.element(parent, if *ordered { "ol" } else { "ul" });
            items.iter().for_each(|item| list_item(m, &list, item));
        }
        Block::Quote { blocks, cite } => {
            let quote = m.element(parent, "blockquote");
            blocks.iter().for_each(|b| self::block(m, &quote, b));
            if let Some(cite) = cite {
                let footer = m.element(&quote, "footer");
                m.element_with_text(&footer, "cite", cite);
            }
        }
        Block::Figure(photo) => figure(m, parent, photo),
        Block::Preformatted { text } => {
            m.element_with_text(parent, "pre", text);
        }
        Block::Table(table) => self::table(m, parent, table),
        Block::Divider => {
            m.element(parent, "hr");
        }
        Block::Embed { href, caption } => {
            let p = m.element(parent, "p");
            m.attribute(&p, "class", "embed");
            link(m, &p, href, if caption.is_empty() { href } else { caption });
        }
        Block::Link { text, href } => {
            let div = m.element(parent, "div");
            m.attribute(&div, "class", "story-link");
            link(m, &div, href, text);
        }
        Block::Unknown => {}
    }
}

fn link<M: Markup>(m: &mut M, parent: &M::Node, href: &str, text: &str) {
    let a = m.element_with_text(parent, "a", text);
    m.attribute(&a, "href", href);
    m.attribute(&a, "rel", LINK_REL);
}

fn list_item<M: Markup>(m: &mut M, list: &M::Node, item: &ListItem) {
    let li = m.element(list, "li");
    rich(m, &li, &item.text, &item.spans);
    item.blocks.iter().for_each(|b| block(m, &li, b));
}

/// A table scrolls inside its own focusable box, so a wide one never
/// widens the page and keyboard users can scroll it too.
fn table<M: Markup>(m: &mut M, parent: &M::Node, table: &Table) {
    let scroll = m.element(parent, "div");
    m.attribute(&scroll, "class", "table-scroll");
    m.attribute(&scroll, "role", "region");
    m.attribute(&scroll, "tabindex", "0");
    m.attribute(
        &scroll,
        "aria-label",
        table.caption.as_deref().unwrap_or("Table"),
    );
    let t = m.element(&scroll, "table");
    if let Some(caption) = &table.caption {
        m.element_with_text(&t, "caption", caption);
    }
    if !table.header.is_empty() {
        let head = m.element(&t, "thead");
        let tr = m.element(&head, "tr");
        for cell in &table.header {
            let th = m.element_with_text(&tr, "th", cell);
            m.attribute(&th, "scope", "col");
        }
    }
    let body = m.element(&t, "tbody");
    for row in &table.rows {
        let tr = m.element(&body, "tr");
        for cell in row {
            let td = m.element_with_text(&tr, "td", cell);
            // A cell of prose gets room to read, not a column of single words.
            if cell.chars().count() > 40 {
                m.attribute(&td, "class", "prose");
            }
        }
    }
}

/// A picture with its caption and credit. Without a URL it is still a
/// captioned figure with a placeholder; width and height reserve its space
/// (the app turns a picture that fails to load into the same placeholder).
pub fn figure<M: Markup>(m: &mut M, parent: &M::Node, photo: &Photo) {
    let figure = m.element(parent, "figure");
    let size = photo.width.zip(photo.height);
    match &photo.url {
        Some(url) => {
            m.attribute(&figure, "class", "photo");
            let img = m.element(&figure, "img");
            let alt = photo.alt.as_deref().unwrap_or(&photo.caption);
            for (name, value) in [
                ("src", url.as_str()),
                ("alt", alt),
                ("loading", "lazy"),
                ("decoding", "async"),
                ("referrerpolicy", "no-referrer"),
            ] {
                m.attribute(&img, name, value);
            }
            if let Some((w, h)) = size {
                m.attribute(&img, "width", &w.to_string());
                m.attribute(&img, "height", &h.to_string());
            }
        }
        None => {
            let class = if size.is_some() {
                "photo no-image sized"
            } else {
                "photo no-image"
            };
            m.attribute(&figure, "class", class);
            let placeholder = m.element_with_text(&figure, "div", "Photo");
            m.attribute(&placeholder, "class", "photo-placeholder");
            m.attribute(&placeholder, "aria-hidden", "true");
            if let Some((w, h)) = size {
                m.attribute(&placeholder, "style", &format!("aspect-ratio: {w} / {h}"));
            }
        }
    }
    if !photo.caption.is_empty() || photo.credit.is_some() {
        let caption = m.element(&figure, "figcaption");
        let span = m.element_with_text(&caption, "span", &photo.caption);
        m.attribute(&span, "class", "caption");
        if let Some(credit) = &photo.credit {
            m.text(&caption, " ");
            let span = m.element_with_text(&caption, "span", credit);
            m.attribute(&span, "class", "credit");
        }
    }
}

/// Plain text, or spans when the block has them.
fn rich<M: Markup>(m: &mut M, parent: &M::Node, text: &str, spans: &[Inline]) {
    if spans.is_empty() {
        m.text(parent, text);
    } else {
        spans.iter().for_each(|s| span(m, parent, s));
    }
}

fn span<M: Markup>(m: &mut M, parent: &M::Node, span: &Inline) {
    let (el, children) = match span {
        Inline::Text { text } => return m.text(parent, text),
        Inline::Code { text } => return drop(m.element_with_text(parent, "code", text)),
        Inline::Break => return drop(m.element(parent, "br")),
        Inline::Unknown => return,
        Inline::Em { spans } => (m.element(parent, "em"), spans),
        Inline::Strong { spans } => (m.element(parent, "strong"), spans),
        Inline::Link { href, spans } => {
            let a = m.element(parent, "a");
            m.attribute(&a, "href", href);
            m.attribute(&a, "rel", LINK_REL);
            (a, spans)
        }
    };
    children.iter().for_each(|s| self::span(m, &el, s));
}

/// Markup as an HTML document fragment: elements kept as a tree, written
/// out with every text and attribute value escaped.
#[derive(Debug, Default)]
pub struct Html {
    nodes: Vec<HtmlNode>,
}

#[derive(Debug)]
enum HtmlNode {
    Element {
        tag: &'static str,
        attributes: Vec<(&'static str, String)>,
        children: Vec<usize>,
    },
    Text(String),
}

/// Elements that have no end tag.
const VOID: &[&str] = &["img", "br", "hr", "input"];

impl Html {
    /// A fragment with one element, `tag`, to build into.
    pub fn new(tag: &'static str) -> (Html, usize) {
        let html = Html {
            nodes: vec![HtmlNode::Element {
                tag,
                attributes: Vec::new(),
                children: Vec::new(),
            }],
        };
        (html, 0)
    }

    /// The element `node` and everything in it, as HTML.
    pub fn write(&self, node: usize) -> String {
        let mut out = String::new();
        self.write_into(node, &mut out);
        out
    }

    fn write_into(&self, node: usize, out: &mut String) {
        match &self.nodes[node] {
            HtmlNode::Text(text) => escape_into(text, false, out),
            HtmlNode::Element {
                tag,
                attributes,
                children,
            } => {
                out.push('<');
                out.push_str(tag);
                for (name, value) in attributes {
                    out.push(' ');
                    out.push_str(name);
                    out.push_str("=\"");
                    escape_into(value, true, out);
                    out.push('"');
                }
                out.push('>');
                if VOID.contains(tag) {
                    return;
                }
                children.iter().for_each(|&c| self.write_into(c, out));
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
        }
    }

    fn push(&mut self, parent: usize, node: HtmlNode) -> usize {
        let at = self.nodes.len();
        self.nodes.push(node);
        if let HtmlNode::Element { children, .. } = &mut self.nodes[parent] {
            children.push(at);
        }
        at
    }
}

impl Markup for Html {
    type Node = usize;

    fn element(&mut self, parent: &usize, tag: &'static str) -> usize {
        self.push(
            *parent,
            HtmlNode::Element {
                tag,
                attributes: Vec::new(),
                children: Vec::new(),
            },
        )
    }

    fn attribute(&mut self, element: &usize, name: &'static str, value: &str) {
        if let HtmlNode::Element { attributes, .. } = &mut self.nodes[*element] {
            match attributes.iter_mut().find(|(n, _)| *n == name) {
                Some(existing) => existing.1 = value.to_string(),
                None => attributes.push((name, value.to_string())),
            }
        }
    }

    fn text(&mut self, parent: &usize, text: &str) {
        self.push(*parent, HtmlNode::Text(text.to_string()));
    }
}

/// `text` escaped for HTML text (`&`, `<`, `>`) or, with `attribute`, a
/// double-quoted attribute value (also `"`). Characters HTML forbids
/// (controls but tab, newline and carriage return) are dropped.
pub fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, attribute, &mut out);
    out
}

fn escape_into(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_act_reads_back_from_what_it_writes() {
        for &act in Act::ALL {
            assert_eq!(Act::parse(act.as_str()), Some(act));
        }
        let mut names: Vec<&str> = Act::ALL.iter().map(|a| a.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Act::ALL.len(), "one name each");
        assert_eq!(Act::parse("Search"), None);
        assert_eq!(Act::parse(""), None);
    }
    use crate::model::Timestamp;

    fn html_of(build: impl FnOnce(&mut Html, &usize)) -> String {
        let (mut html, root) = Html::new("div");
        build(&mut html, &root);
        html.write(root)
    }

    #[test]
    fn every_block_type_is_its_element() {
        let blocks: Vec<Block> = serde_json::from_str(
            r#"[
            {"type":"heading","level":3,"text":"Sub"},
            {"type":"paragraph","text":"a b","spans":[{"type":"text","text":"a "},{"type":"strong","spans":[{"type":"em","spans":[{"type":"text","text":"b"}]}]},{"type":"break"},{"type":"code","text":"x<y"},{"type":"link","href":"https://e.org/?a=1&b=2","spans":[{"type":"text","text":"l"}]}]},
            {"type":"list","ordered":true,"items":[{"text":"one","blocks":[{"type":"list","items":[{"text":"inner"}]}]}]},
            {"type":"quote","blocks":[{"type":"paragraph","text":"q"}],"cite":"Who"},
            {"type":"preformatted","text":"  code\n"},
            {"type":"table","caption":"T","header":["h"],"rows":[["c"]]},
            {"type":"divider"},
            {"type":"figure","url":"https://e.org/p.jpg","caption":"Cap","credit":"Cr","width":4,"height":3},
            {"type":"embed","href":"https://v.org/1","caption":""}
        ]"#,
        )
        .unwrap();
        let out = html_of(|m, root| blocks.iter().for_each(|b| block(m, root, b)));
        for part in [
            "<h3>Sub</h3>",
            "<p>a <strong><em>b</em></strong><br><code>x&lt;y</code><a href=\"https://e.org/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">l</a></p>",
            "<ol><li>one<ul><li>inner</li></ul></li></ol>",
            "<blockquote><p>q</p><footer><cite>Who</cite></footer></blockquote>",
            "<pre>  code\n</pre>",
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"T\"><table><caption>T</caption><thead><tr><th scope=\"col\">h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table></div>",
            "<hr>",
            "<figure class=\"photo\"><img src=\"https://e.org/p.jpg\" alt=\"Cap\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" width=\"4\" height=\"3\"><figcaption><span class=\"caption\">Cap</span> <span class=\"credit\">Cr</span></figcaption></figure>",
            "<p class=\"embed\"><a href=\"https://v.org/1\" rel=\"noopener noreferrer nofollow\">https://v.org/1</a></p>",
        ] {
            assert!(out.contains(part), "{part} missing from {out}");
        }
    }

    #[test]
    fn hostile_text_stays_text() {
        let mut article = Article {
            title: "<script>alert(1)</script> & \"quotes\"".into(),
            byline: Some("<img src=x onerror=alert(1)>".into()),
            topics: vec!["a\"b".into()],
            ..Article::default()
        };
        article.body = vec![Block::Paragraph {
            text: "</div><b>\u{0}bold</b>".into(),
            spans: vec![],
        }];
        article.photos = vec![Photo {
            url: Some("x\" onerror=\"alert(1)".into()),
            ..Photo::default()
        }];
        let out = html_of(|m, root| {
            story_header(
                m,
                root,
                &article,
                &["<i>label</i>".to_string()],
                10,
                "/base/",
            );
            story_content(m, root, &article, usize::MAX);
        });
        assert!(
            !out.contains("<script")
                && !out.contains("<img src=x")
                && !out.contains("<b>")
                && !out.contains("<i>")
        );
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\""));
        assert!(out.contains("src=\"x&quot; onerror=&quot;alert(1)\""));
        assert!(
            out.contains("&lt;/div&gt;&lt;b&gt;bold&lt;/b&gt;"),
            "the NUL is dropped: {out}"
        );
        assert!(out.contains("href=\"/base/?topic=a-b\""), "{out}");
    }

    #[test]
    fn the_header_lists_every_outlet_that_carried_the_story() {
        let article = Article {
            title: "Headline".into(),
            source: Some("The Wire".into()),
            also: vec![
                crate::model::Outlet {
                    name: "The Paper".into(),
                    url: Some("https://paper.test/s?a=1&b=<2>".into()),
                },
                crate::model::Outlet {
                    name: "City <Desk>".into(),
                    url: None,
                },
            ],
            ..Article::default()
        };
        let out = html_of(|m, root| story_header(m, root, &article, &[], 0, "/"));
        assert!(
            out.contains("<p class=\"meta also\">Also reported by <a href=\"https://paper.test/s?a=1&amp;b=&lt;2&gt;\" rel=\"noopener\">The Paper</a>, City &lt;Desk&gt;</p>"),
            "{out}"
        );
        let alone = Article {
            also: Vec::new(),
            ..article
        };
        assert!(
            !html_of(|m, root| story_header(m, root, &alone, &[], 0, "/"))
                .contains("Also reported")
        );
    }

    #[test]
    fn the_header_says_who_when_and_how_long() {
        let article = Article {
            title: "Headline".into(),
            authors: vec!["A. Writer".into(), "B. Writer".into()],
            dateline: Some("LONDON".into()),
            site_name: Some("The Paper".into()),
            published: Timestamp::parse("2024-03-05T10:00:00Z").ok(),
            title_derived: true,
            ..Article::default()
        };
        let out = html_of(|m, root| story_header(m, root, &article, &[], 460, "/"));
        assert!(out.contains("<h1 id=\"story-title\">Headline</h1>"));
        assert!(out.contains("<span class=\"author\">By A. Writer, B. Writer</span><span class=\"dateline\">LONDON</span><span class=\"source\">The Paper</span>"));
        assert!(
            out.contains(
                "<time class=\"published\" datetime=\"2024-03-05T10:00:00Z\" dir=\"auto\">"
            ),
            "{out}"
        );
        assert!(out.contains("<span class=\"reading-time\">2 min read</span>"));
        assert!(out.contains("The source printed no headline"));
    }

    #[test]
    fn the_list_links_lead_back_and_on_and_keep_headlines_as_text() {
        let links = ListLinks {
            back: Link {
                href: "/dateline/?topic=acq".into(),
                text: "← Back to the list".into(),
            },
            previous: None,
            next: Some(Link {
                href: "/dateline/article/7?topic=acq".into(),
                text: "<b>Bold</b> & co".into(),
            }),
        };
        let html = html_of(|m, nav| list_links(m, nav, &links));
        assert_eq!(
            html,
            "<div><a href=\"/dateline/?topic=acq\" data-back=\"\" aria-keyshortcuts=\"Escape\">\
             ← Back to the list</a><a href=\"/dateline/article/7?topic=acq\" rel=\"next\" \
             class=\"next\" aria-keyshortcuts=\"n\"><span class=\"label\">Next</span>\
             &lt;b&gt;Bold&lt;/b&gt; &amp; co</a></div>"
        );
    }

    #[test]
    fn the_static_list_controls_are_the_apps_disabled() {
        let html = html_of(|m, header| {
            list_controls(m, header, "2 articles", false);
        });
        assert!(html.contains("<input id=\"search-input\" type=\"search\""));
        // A void element: no end tag.
        assert!(html.contains("data-act=\"search\" disabled=\"\"></form>"));
        assert!(html.contains(
            "<p class=\"result-count\" role=\"status\" aria-live=\"polite\">2 articles</p>"
        ));
        assert!(html.contains("<a class=\"clear-all\" hidden=\"\">Clear all filters</a>"));
        assert!(html.contains("<select data-act=\"sort\" disabled=\"\">"));
        assert!(html.contains("<option value=\"\" hidden=\"\">Recently saved</option><option value=\"newest\" selected=\"\">Newest first</option>"));
        let live = html_of(|m, header| {
            list_controls(m, header, "", true);
        });
        assert!(!live.contains("disabled") && !live.contains("selected"));
        assert!(live.contains("aria-keyshortcuts=\"/\""));
    }

    #[test]
    fn a_card_marks_the_searched_words_as_text() {
        let article = Article {
            id: "a1".into(),
            title: "Oil <b>prices</b> rise".into(),
            topics: vec!["crude".into()],
            dateline: Some("LONDON".into()),
            ..Article::default()
        };
        let topic = "crude".to_string();
        let facts = |terms| CardFacts {
            article: &article,
            topic: Some((&topic, "Crude oil")),
            photos: 2,
            words: 460,
            summary: "Prices of oil went up.",
            base: "/d",
            link: "/d/article/a1/?q=oil",
            terms,
        };
        let terms = Terms::parse("oil ");
        let out = html_of(|m, root| {
            card(m, root, &facts(Some(&terms)));
        });
        assert_eq!(
            out,
            "<div><p class=\"kicker\"><a class=\"topic\" href=\"/d/?topic=crude\">Crude oil</a></p>\
             <h2 class=\"card-title\"><a href=\"/d/article/a1/?q=oil\"><mark>Oil</mark> &lt;b&gt;prices&lt;/b&gt; rise</a></h2>\
             <p class=\"meta\"><span class=\"dateline\">LONDON</span><span class=\"photo-count\">2 photos</span><span class=\"reading-time\">2 min read</span></p>\
             <p class=\"summary\">Prices of <mark>oil</mark> went up.</p></div>"
        );
        // No search: the same card, unmarked.
        let plain = html_of(|m, root| {
            card(m, root, &facts(None));
        });
        assert_eq!(plain, out.replace("<mark>", "").replace("</mark>", ""));
    }

    #[test]
    fn the_lead_picture_shows_once_and_the_body_can_stop_early() {
        let lead = Photo {
            url: Some("https://e.org/lead.jpg".into()),
            caption: "Lead".into(),
            ..Photo::default()
        };
        let mut article = Article {
            lead_image: Some(Box::new(lead.clone())),
            ..Article::default()
        };
        article.body = (0..5)
            .map(|i| Block::Paragraph {
                text: format!("p{i}"),
                spans: vec![],
            })
            .collect();
        let out = html_of(|m, root| {
            story_content(m, root, &article, 2);
        });
        assert!(out.starts_with("<div><div class=\"figures\"><figure class=\"photo\"><img src=\"https://e.org/lead.jpg\""));
        assert!(
            out.contains("<div class=\"story-body\"><p>p0</p><p>p1</p></div>"),
            "{out}"
        );
        article.photos = vec![lead];
        let out = html_of(|m, root| {
            story_content(m, root, &article, usize::MAX);
        });
        assert_eq!(out.matches("lead.jpg").count(), 1, "{out}");
        assert!(out.contains(
            "<section class=\"photos\" aria-label=\"Photo\"><h2>Photo</h2><div class=\"figures\">"
        ));
    }
}
