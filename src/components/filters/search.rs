//! The search field and the sort box, parts of the list's header
//! (`header.rs`); their markup is `core::markup::list_controls`, which the
//! static list page writes too.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement, KeyboardEvent};

use super::parts::{Controls, Current, Go};
use crate::components::blocks::show;
use crate::components::events::{INPUT, KEYDOWN};
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
/// (`/` from anywhere on the page focuses it: `shortcuts`.)
pub struct SearchField {
    input: HtmlInputElement,
}

impl SearchField {
    /// Serves `input`, the field `core::markup::list_controls` made.
    pub fn new(input: Element) -> SearchField {
        SearchField {
            input: input.unchecked_into(),
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
            INPUT => {
                // The first keystroke of a search gets its own history entry; the rest replace it.
                Some(Go {
                    view: View {
                        q: Query::new(self.input.value()),
                        ..view.clone()
                    },
                    replace: !view.q.is_empty(),
                })
            }
            KEYDOWN => {
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
    /// Serves the box and its orders `core::markup::list_controls` made.
    pub fn new(select: Element, options: [Element; 4]) -> SortBox {
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
