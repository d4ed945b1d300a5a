//! The keyboard: one listener for the whole app, acting on what the page
//! shows (the focused list item, the article's links and buttons), so a
//! shortcut does exactly what a click there would. `?` opens the dialog
//! listing them (static in index.html: the wasm carries none of its
//! markup). No shortcut fires while the reader types in a field or holds
//! Ctrl, Alt or Meta (those keys belong to the browser and to screen readers).

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::filters::is_text_field;
use crate::context::ScrollMemory;
use crate::shelf::ShelfStore;
use dateline_core::markup::SEARCH_FIELD;

fn query(selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

fn dialog() -> Option<web_sys::HtmlDialogElement> {
    document().get_element_by_id("shortcuts")?.dyn_into().ok()
}

/// The list item holding the focus, if any.
fn focused_item() -> Option<web_sys::Element> {
    document()
        .active_element()?
        .closest(".article-list > li")
        .ok()
        .flatten()
}

/// Moves the focus `by` items through the list (focusing scrolls it into
/// view); past the end, shows more first.
fn move_focus(by: i32) {
    let Ok(items) = document().query_selector_all(".article-list > li") else {
        return;
    };
    let current = focused_item().and_then(|item| {
        (0..items.length()).find(|&i| items.get(i).is_some_and(|n| n.is_same_node(Some(&item))))
    });
    let next = current.map_or(0, |i| i as i64 + i64::from(by));
    if next < 0 || items.length() == 0 {
        return;
    }
    if next >= i64::from(items.length()) {
        if let Some(more) = query(".more button") {
            more.click();
            // The new items render on the next frame.
            request_animation_frame(move || focus_item(next));
        }
        return;
    }
    focus_item(next);
}

fn focus_item(n: i64) {
    if let Some(link) = query(&format!(
        ".article-list > li:nth-child({}) .card-title a",
        n + 1
    )) {
        let _ = link.focus();
    }
}

/// Opens the shortcuts dialog; closing it gives the focus back.
pub fn open_shortcuts() {
    let Some(d) = dialog() else { return };
    let before: Option<web_sys::HtmlElement> =
        document().active_element().and_then(|e| e.dyn_into().ok());
    let restore = Closure::once_into_js(move || {
        if let Some(el) = before {
            let _ = el.focus();
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = d.add_event_listener_with_callback_and_add_event_listener_options(
        "close",
        restore.unchecked_ref(),
        &options,
    );
    let _ = d.show_modal();
}

/// Tab and Shift+Tab go round the dialog's controls, never out of it.
fn trap_focus(d: &web_sys::HtmlDialogElement, e: &web_sys::KeyboardEvent) {
    let Ok(all) = d.query_selector_all("button, a[href]") else {
        return;
    };
    let (first, last) = (all.get(0), all.get(all.length().saturating_sub(1)));
    let active = document().active_element();
    let at = |n: &Option<web_sys::Node>| {
        n.as_ref()
            .is_some_and(|n| active.as_ref().is_some_and(|a| a.is_same_node(Some(n))))
    };
    let target = if e.shift_key() && at(&first) {
        last
    } else if !e.shift_key() && at(&last) {
        first
    } else if active.is_some_and(|a| d.contains(Some(&a))) {
        return;
    } else {
        first
    };
    e.prevent_default();
    if let Some(el) = target.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Listens for the shortcuts (once, by the app, inside the router).
pub fn listen_for_shortcuts() {
    let store = ShelfStore::get();
    let navigate = use_navigate();
    let handle = window_event_listener(ev::keydown, move |e| {
        if let Some(d) = dialog().filter(|d| d.open()) {
            if e.key() == "Tab" {
                trap_focus(&d, &e);
            }
            return;
        }
        if e.ctrl_key() || e.meta_key() || e.alt_key() || is_text_field(e.target()) {
            return;
        }
        let key = e.key();
        // Before the Shift test: on many layouts these two need Shift.
        if key == "?" {
            e.prevent_default();
            open_shortcuts();
            return;
        }
        if key == "/" {
            let field = document().get_element_by_id(SEARCH_FIELD);
            if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
                // Not typed into the field it focuses.
                e.prevent_default();
                let _ = field.focus();
            }
            return;
        }
        if e.shift_key() {
            return;
        }
        let item = focused_item();
        let in_item = |selector: &str| -> Option<web_sys::HtmlElement> {
            item.as_ref()?
                .query_selector(selector)
                .ok()
                .flatten()?
                .dyn_into()
                .ok()
        };
        let click = |el: Option<web_sys::HtmlElement>| el.map(|el| el.click()).is_some();
        let acted = match key.as_str() {
            "j" | "k" => {
                move_focus(if key == "j" { 1 } else { -1 });
                true
            }
            "o" => click(in_item(".card-title a")),
            "s" => click(in_item("[data-save]").or_else(|| query(".story-actions [data-save]"))),
            "u" => in_item("[data-id]")
                .and_then(|card| card.get_attribute("data-id"))
                .map(|id| store.toggle_read(&id))
                .is_some(),
            "n" => click(query("a[rel=next]")),
            "p" => click(query("a[rel=prev]")),
            "Escape" | "Backspace" => {
                match query("a[data-back]").and_then(|a| a.get_attribute("href")) {
                    Some(list) => {
                        // Back where the reader was: the list restores its
                        // length and scroll as after the browser's Back.
                        ScrollMemory::note_history_move(true);
                        let options = leptos_router::NavigateOptions {
                            // `href` already carries the site's base.
                            resolve: false,
                            scroll: false,
                            ..Default::default()
                        };
                        navigate(&list, options);
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        };
        if acted {
            e.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}
