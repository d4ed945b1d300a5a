use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::SetView;
use dateline_core::query::{Outcome, Query, Sort, View};

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
#[component]
pub fn SearchBox(view: Memo<View>) -> impl IntoView {
    let set_view = SetView::get();
    let input: NodeRef<html::Input> = NodeRef::new();
    let shortcut = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "/"
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !is_text_field(ev.target())
        {
            ev.prevent_default();
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || shortcut.remove());
    let on_input = move |ev: ev::Event| {
        let current = view.get_untracked();
        // The first keystroke of a search gets its own history entry; the rest replace it.
        let replace = !current.q.is_empty();
        set_view.set(
            View {
                q: Query::new(event_target_value(&ev)),
                ..current
            },
            replace,
        );
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        if ev.key() == "Escape" && !view.with_untracked(|v| v.q.is_empty()) {
            ev.prevent_default();
            set_view.push(View {
                q: Query::default(),
                ..view.get_untracked()
            });
        }
    };
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-input" class="visually-hidden">"Search articles"</label>
            <input
                id="search-input"
                type="search"
                node_ref=input
                placeholder="Search titles and text"
                aria-keyshortcuts="/"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || view.with(|v| v.q.text().to_string())
                on:input=on_input
                on:keydown=on_keydown
            />
        </form>
    }
}

#[component]
pub fn SortChoice(view: Memo<View>, outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let set_view = SetView::get();
    // The Saved section's own order (newest saved first) is no sort of the URL's.
    let saved_order = move || view.with(|v| v.saved && v.sort.is_none() && v.q.terms().is_empty());
    let current = move || {
        if saved_order() {
            ""
        } else {
            outcome.with(|o| o.sort.as_str())
        }
    };
    let searching = move || outcome.with(|o| !o.terms.is_empty());
    let on_change = move |ev: ev::Event| {
        let sort = Sort::parse(&event_target_value(&ev));
        set_view.push(View {
            sort,
            ..view.get_untracked()
        });
    };
    view! {
        <label class="sort">
            "Sort "
            <select on:change=on_change prop:value=current>
                <option value="" hidden=move || !view.with(|v| v.saved) selected=saved_order>"Recently saved"</option>
                <option value="newest" selected=move || current() == "newest">"Newest first"</option>
                <option value="oldest" selected=move || current() == "oldest">"Oldest first"</option>
                <option value="relevance" disabled=move || !searching() selected=move || current() == "relevance">
                    "Relevance"
                </option>
            </select>
        </label>
    }
}
