//! The list's header: its heading, the search field, how many articles the
//! view has, "Clear all filters" and the sort box. One part built from data
//! (`parts.rs`), like the filter panel; the controls' markup is
//! `core::markup::list_controls`, the one the static list page has.

use leptos::prelude::*;
use web_sys::{Element, Event};

use super::parts::{wire, Controls, Current, Go, ListInputs};
use super::search::{SearchField, SortBox};
use crate::components::blocks::{acted_on, show, Dom};
use crate::components::events::{CHANGE, INPUT, KEYDOWN, SUBMIT};
use crate::context::href;
use dateline_core::markup::{self, Act, Markup};
use dateline_core::model::text::Coverage;
use dateline_core::urls::view_path;

/// What the header says beyond the view: its heading ("Latest news", the
/// topics' labels, "Search: …"), and whether a search waits for its index.
#[derive(Clone, Copy)]
pub struct HeaderWords {
    pub heading: Memo<String>,
    pub waiting: Memo<bool>,
    /// How much of the archive the count covers: it is final only for all of it.
    pub coverage: Memo<Coverage>,
}

pub fn list_header(inputs: ListInputs, words: HeaderWords) -> impl IntoView {
    view! { <header class="list-header" use:header_part=(inputs, words)></header> }
}

fn header_part(root: Element, (inputs, words): (ListInputs, HeaderWords)) {
    let header = ListHeader::new(&root, words);
    let events = [SUBMIT, INPUT, KEYDOWN, CHANGE];
    wire(&root, &events, inputs, Box::new(header));
}

struct ListHeader {
    words: HeaderWords,
    heading: Element,
    search: SearchField,
    count: Element,
    clear: Element,
    sort: SortBox,
}

impl ListHeader {
    fn new(header: &Element, words: HeaderWords) -> ListHeader {
        let mut dom = Dom::new();
        let heading = dom.element(header, "h1");
        dom.attribute(&heading, "id", "list-title");
        let controls = markup::list_controls(&mut dom, header, "", true);
        ListHeader {
            words,
            heading,
            search: SearchField::new(controls.search),
            count: controls.count,
            clear: controls.clear,
            sort: SortBox::new(controls.sort, controls.orders),
        }
    }
}

impl Controls for ListHeader {
    fn update(&mut self, current: &Current) {
        // Read inside the header's effect (`parts::wire`): it follows these too.
        let (heading, waiting) = (self.words.heading.get(), self.words.waiting.get());
        let coverage = self.words.coverage.get();
        self.heading.set_text_content(Some(&heading));
        self.count.set_text_content(Some(&match waiting {
            true => "Searching…".to_string(),
            false => coverage.count(current.outcome.hits.len()),
        }));
        let view = current.view;
        let _ = self
            .clear
            .set_attribute("href", &href(&view_path(&view.cleared())));
        show(&self.clear, *view != view.cleared());
        self.search.update(current);
        self.sort.update(current);
    }

    fn on_event(&mut self, event: &Event, current: &Current) -> Option<Go> {
        if event.type_() == SUBMIT {
            // Enter searches nothing more: the list already follows the field.
            event.prevent_default();
            return None;
        }
        match acted_on(event)?.1 {
            Act::Search => self.search.on_event(event, current),
            Act::Sort if event.type_() == CHANGE => self.sort.on_event(event, current),
            _ => None,
        }
    }
}
