//! An article's header and story built as DOM nodes from data: the markup
//! itself is `dateline_core::markup`, which the site builder also writes as
//! each article's static page, so the page the app shows is the page a
//! reader had before the app took over. No content is ever parsed as HTML:
//! every string becomes a text node or an attribute value.
//!
//! Why DOM calls and not `view!`: a block tree is data of any shape, so a
//! view per block type meant a type-erased view per node, which cost the
//! wasm 14 kB gzip (measured: 270.3 kB against 256.2 kB with this builder).
//! The story never changes once shown, so nothing reactive is lost.
//!
//! `Dom` and the helpers at the end (`part`, `show`, `acted_on`) are also
//! how the app's other parts are built from data: the list's controls
//! (`filters/parts.rs`), the Saved tools, the offline page.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event};

use dateline_core::markup::{self, Act, CardFacts, ListLinks, Markup};
use dateline_core::model::{Article, Related};
use dateline_core::query::search::Terms;

use crate::context::site_base;

/// What `use:build` fills an element with.
#[derive(Clone)]
pub enum Content {
    /// The headline block, with its topics' labels and the body's word count.
    Header(Arc<Article>, Vec<String>, u32),
    /// The lead picture, body, credit, tags and photos.
    Story(Arc<Article>),
    /// The related stories' heading and links.
    Related(Vec<Related>),
    /// A list card's topic, headline, facts and summary.
    Card(Arc<CardContent>),
    /// An article's way back to its list and on through it, which follows
    /// the list as it streams in.
    ListLinks(Memo<ListLinks>),
}

/// What a list card shows; its headline link and read mark follow the list
/// and the reader's marks.
pub struct CardContent {
    pub article: Article,
    /// The label of its first topic ("Mergers/Acquisitions" for "acq").
    pub topic: Option<String>,
    pub photos: usize,
    /// Words in its body, for the reading time.
    pub words: u32,
    /// The words searched for, marked in its headline and summary.
    pub terms: Terms,
    /// Its page, with the list it is in (for that list's previous and next).
    pub link: Signal<String>,
    pub read: Memo<bool>,
}

/// Blocks built before the page first shows; the rest follow a batch a
/// frame, so an article of 100,000 paragraphs shows its start at once
/// instead of freezing the page for seconds (it took 6.1 s).
const FIRST_BLOCKS: usize = 200;
const BATCH: usize = 1_000;

pub fn build(container: Element, content: Content) {
    let mut dom = Dom::new();
    match content {
        Content::Header(article, labels, words) => {
            markup::story_header(&mut dom, &container, &article, &labels, words, site_base())
        }
        Content::Story(article) => {
            let body = markup::story_content(&mut dom, &container, &article, FIRST_BLOCKS);
            build_rest(body, article, FIRST_BLOCKS);
        }
        Content::Related(related) => {
            markup::related_stories(&mut dom, &container, &related, site_base())
        }
        Content::Card(card) => build_card(&mut dom, &container, &card),
        Content::ListLinks(links) => {
            Effect::new(move |_| {
                container.set_text_content(None);
                links.with(|links| markup::list_links(&mut dom, &container, links));
            });
        }
    }
}

fn build_card(dom: &mut Dom, container: &Element, card: &CardContent) {
    let article = &card.article;
    let facts = CardFacts {
        article,
        topic: article.topics.first().zip(card.topic.as_deref()),
        photos: card.photos,
        words: card.words,
        summary: &article.summary,
        base: site_base(),
        link: &card.link.get_untracked(),
        terms: Some(&card.terms),
    };
    let parts = markup::card(dom, container, &facts);
    // The list changes under a card it keeps (another sort, a filter that
    // keeps it): its link follows; and the reader's marks show "Read".
    let (link, read) = (card.link, card.read);
    let (title, meta) = (parts.link, parts.meta);
    let mark = document().create_element("span").expect("a valid tag name");
    mark.set_class_name("read-mark");
    mark.set_text_content(Some("Read"));
    Effect::new(move |_| {
        set(&title, "href", &link.get());
        if read.get() {
            let _ = meta.append_child(&mark);
        } else {
            mark.remove();
        }
    });
}

fn build_rest(body: Element, article: Arc<Article>, from: usize) {
    if from >= article.body.len() {
        return;
    }
    request_animation_frame(move || {
        // The reader moved on: the story left the page.
        if !body.is_connected() {
            return;
        }
        let mut dom = Dom::new();
        let to = (from + BATCH).min(article.body.len());
        article.body[from..to]
            .iter()
            .for_each(|b| markup::block(&mut dom, &body, b));
        build_rest(body, article, to);
    });
}

/// The page's DOM as a place for markup.
pub struct Dom(Document);

impl Dom {
    pub fn new() -> Dom {
        Dom(document())
    }
}

impl Markup for Dom {
    type Node = Element;

    fn element(&mut self, parent: &Element, tag: &'static str) -> Element {
        let el = self.0.create_element(tag).expect("a valid tag name");
        parent.append_child(&el).expect("an element takes children");
        el
    }

    fn attribute(&mut self, element: &Element, name: &'static str, value: &str) {
        set(element, name, value);
    }

    fn text(&mut self, parent: &Element, text: &str) {
        parent
            .append_child(&self.0.create_text_node(text))
            .expect("an element takes text");
    }
}

fn set(el: &Element, name: &str, value: &str) {
    el.set_attribute(name, value)
        .expect("a valid attribute name");
}

/// Once, at start: a picture that cannot load (offline, gone) is replaced by
/// a placeholder of its size, and its figure keeps the caption. `error`
/// does not bubble, so one listener in the capture phase sees them all.
pub fn watch_image_failures() {
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let Some(img) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Some(figure) = img.parent_element().filter(|f| f.class_name() == "photo") else {
            return;
        };
        if img.tag_name() != "IMG" {
            return;
        }
        let sized = img.has_attribute("width") && img.has_attribute("height");
        figure.set_class_name(if sized {
            "photo no-image sized"
        } else {
            "photo no-image"
        });
        let placeholder = document().create_element("div").expect("a valid tag name");
        placeholder.set_class_name("photo-placeholder");
        placeholder.set_text_content(Some("Image unavailable"));
        set(&placeholder, "aria-hidden", "true");
        if let (Some(w), Some(h)) = (img.get_attribute("width"), img.get_attribute("height")) {
            set(&placeholder, "style", &format!("aspect-ratio: {w} / {h}"));
        }
        let _ = img.replace_with_with_node_1(&placeholder);
    });
    let _ = document().add_event_listener_with_callback_and_bool(
        super::events::ERROR,
        on_error.as_ref().unchecked_ref(),
        true,
    );
    // The listener lives as long as the page.
    on_error.forget();
}

/// The element matching `selector` that an event happened in (its target
/// or the nearest ancestor), for listeners that serve many elements.
pub fn event_in(event: &Event, selector: &str) -> Option<Element> {
    let target: Element = event.target()?.dyn_into().ok()?;
    target.closest(selector).ok()?
}

/// The element an event is about: the nearest with a `data-act`, and the
/// action it names.
pub fn acted_on(event: &Event) -> Option<(Element, Act)> {
    let control = event_in(event, &format!("[{}]", Act::ATTRIBUTE))?;
    let act = Act::parse(&control.get_attribute(Act::ATTRIBUTE)?)?;
    Some((control, act))
}

/// Shows or hides a part that comes and goes (`hidden`; style/main.css
/// keeps it hidden whatever the part's own `display`).
pub fn show(element: &Element, shown: bool) {
    let _ = element.toggle_attribute_with_force("hidden", !shown);
}

/// A new `tag` element with a class, at the end of `parent`.
pub fn part(dom: &mut Dom, parent: &Element, tag: &'static str, class: &str) -> Element {
    let element = dom.element(parent, tag);
    dom.attribute(&element, "class", class);
    element
}
