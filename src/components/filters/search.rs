//! The search field and the sort box, parts of the list's header
//! (`header.rs`).

use gloo_events::{EventListener, EventListenerOptions};
use leptos::prelude::window;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement, KeyboardEvent};

use super::parts::{Controls, Current, Go};
use crate::components::blocks::{part, show, Dom};
use dateline_core::markup::Markup;
use dateline_core::query::{Query, Sort, View};

/// Whether a key event comes from where the reader types (no shortcut there).
pub fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
        })
}

/// The search field: `/` focuses it from anywhere, Escape clears it. Typing
/// rewrites the current history entry instead of adding one per keystroke.
pub struct SearchField {
    input: HtmlInputElement,
    /// `/` from anywhere on the page.
    _shortcut: EventListener,
}

impl SearchField {
    pub fn new(form: &Element) -> SearchField {
        let mut dom = Dom::new();
        let label = part(&mut dom, form, "label", "visually-hidden");
        dom.attribute(&label, "for", "search-input");
        dom.text(&label, "Search articles");
        let input = dom.element(form, "input");
        for (name, value) in [
            ("id", "search-input"),
            ("type", "search"),
            ("placeholder", "Search titles and text"),
            ("aria-keyshortcuts", "/"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("data-act", "search"),
        ] {
            dom.attribute(&input, name, value);
        }
        let input: HtmlInputElement = input.unchecked_into();
        let focus = input.clone();
        // Not passive: the `/` must not be typed into the field it focuses.
        let options = EventListenerOptions::enable_prevent_default();
        let shortcut =
            EventListener::new_with_options(&window(), "keydown", options, move |event| {
                let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if key.key() == "/"
                    && !key.ctrl_key()
                    && !key.meta_key()
                    && !key.alt_key()
                    && !is_text_field(key.target())
                {
                    key.prevent_default();
                    let _ = focus.focus();
                }
            });
        SearchField {
            input,
            _shortcut: shortcut,
        }
    }
}

impl Controls for SearchField {
    fn update(&mut self, current: &Current) {
        let text = current.view.q.text();
        if self.input.value() != text {
            self.input.set_value(text);
        }
    }

    fn on_event(&mut self, event: &Event, current: &Current) -> Option<Go> {
        let view = current.view;
        match event.type_().as_str() {
            "input" => {
                // The first keystroke of a search gets its own history entry; the rest replace it.
                Some(Go {
                    view: View {
                        q: Query::new(self.input.value()),
                        ..view.clone()
                    },
                    replace: !view.q.is_empty(),
                })
            }
            "keydown" => {
                let key = event.dyn_ref::<KeyboardEvent>()?;
                if key.key() != "Escape" || view.q.is_empty() {
                    return None;
                }
                event.prevent_default();
                Go::to(View {
                    q: Query::default(),
                    ..view.clone()
                })
            }
            _ => None,
        }
    }
}

/// The list's order. The Saved section has its own (newest saved first),
/// which is no sort of the URL's; "Relevance" needs a search.
pub struct SortBox {
    select: HtmlSelectElement,
    /// "Recently saved", "Newest first", "Oldest first", "Relevance".
    options: [Element; 4],
}

impl SortBox {
    pub fn new(label: &Element) -> SortBox {
        let mut dom = Dom::new();
        dom.text(label, "Sort ");
        let select = dom.element(label, "select");
        dom.attribute(&select, "data-act", "sort");
        let options = [
            ("", "Recently saved"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
            ("relevance", "Relevance"),
        ]
        .map(|(value, text)| {
            let option = dom.element_with_text(&select, "option", text);
            dom.attribute(&option, "value", value);
            option
        });
        SortBox {
            select: select.unchecked_into(),
            options,
        }
    }
}

impl Controls for SortBox {
    fn update(&mut self, current: &Current) {
        let view = current.view;
        let saved_order = view.saved && view.sort.is_none() && view.q.terms().is_empty();
        let searching = !current.outcome.terms.is_empty();
        show(&self.options[0], view.saved);
        let _ = self.options[3].toggle_attribute_with_force("disabled", !searching);
        self.select.set_value(match saved_order {
            true => "",
            false => current.outcome.sort.as_str(),
        });
    }

    fn on_event(&mut self, _: &Event, current: &Current) -> Option<Go> {
        Go::to(View {
            sort: Sort::parse(&self.select.value()),
            ..current.view.clone()
        })
    }
}
