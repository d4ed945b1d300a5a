//! Save for later: a toggle (`aria-pressed`) whose name stays "Save". Saving
//! also fetches the article's body shard, which the service worker keeps,
//! so a saved article can be read offline.
//!
//! A button is plain markup that names its article (`data-save`,
//! `data-title`); one listener and one effect, started by the app, serve
//! every Save button on the page. A view per button, with its own memo,
//! reactive attribute and handler, cost the wasm about 2 kB gzip and every
//! card of the list its own reactive nodes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::blocks::event_in;
use crate::context::SiteData;
use crate::shelf::{Keeping, ShelfStore};

fn pressed(saved: bool) -> &'static str {
    if saved {
        "true"
    } else {
        "false"
    }
}

pub fn save_button(id: String, title: String) -> impl IntoView {
    let saved = ShelfStore::get().is_saved(&id);
    view! {
        <button
            type="button"
            class="save"
            data-save=id
            data-title=title
            aria-pressed=pressed(saved)
            aria-keyshortcuts="s"
        >
            "Save"
        </button>
    }
}

/// Started once by the app: a click on any Save button (or `s`) saves or
/// unsaves its article, and every Save button shows whether its article is
/// saved, whatever changed that (this page, another tab, an import).
pub fn serve_save_buttons(store: ShelfStore, site: SiteData) {
    let _ = window_event_listener(leptos::ev::click, move |event| {
        let Some(button) = event_in(&event, "[data-save]") else {
            return;
        };
        let id = button.get_attribute("data-save").unwrap_or_default();
        let title = button.get_attribute("data-title").unwrap_or_default();
        let saving = !store.is_saved(&id);
        if !store.toggle_saved(&id, &title) {
            store.keeping.set(Keeping::Off(
                "You have saved as many articles as Dateline keeps (5,000): unsave some to save more.".into(),
            ));
        } else if saving {
            if let Some(Ok(site)) = site.0.get_untracked() {
                leptos::task::spawn_local(async move {
                    let _ = site.article(id).await;
                });
            }
        }
    });
    // The outside world: buttons anywhere on the page.
    Effect::new(move |_| {
        store.shelf.with(|shelf| {
            let Ok(buttons) = document().query_selector_all("[data-save]") else {
                return;
            };
            for i in 0..buttons.length() {
                let Some(button) = buttons
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                else {
                    continue;
                };
                let id = button.get_attribute("data-save").unwrap_or_default();
                let _ = button.set_attribute("aria-pressed", pressed(shelf.is_saved(&id)));
            }
        })
    });
}
