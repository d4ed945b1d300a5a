use leptos::prelude::*;

use crate::context::SiteData;
use crate::shelf::ShelfStore;

/// Save for later: a toggle (`aria-pressed`) whose name stays "Save". Saving
/// also fetches the article's body shard, which the service worker keeps,
/// so a saved article can be read offline.
///
/// A plain function, not a `#[component]`: each component costs the wasm its
/// own copies of the view machinery (about 2 kB gzip for this one).
pub fn save_button(id: String, title: String) -> impl IntoView {
    let store = ShelfStore::get();
    let site = SiteData::get().0;
    let saved = {
        let id = id.clone();
        Memo::new(move |_| store.is_saved(&id))
    };
    let key = id.clone();
    let toggle = move |_| {
        let saving = !saved.get_untracked();
        if !store.toggle_saved(&id, &title) {
            store.keeping.set(crate::shelf::Keeping::Off(
                "You have saved as many articles as Dateline keeps (5,000): unsave some to save more.".into(),
            ));
        } else if saving {
            if let Some(Ok(site)) = site.get_untracked() {
                let id = id.clone();
                leptos::task::spawn_local(async move {
                    let _ = site.article(id).await;
                });
            }
        }
    };
    view! {
        <button
            type="button"
            class="save"
            data-save=key
            aria-pressed=move || if saved.get() { "true" } else { "false" }
            aria-keyshortcuts="s"
            on:click=toggle
        >
            "Save"
        </button>
    }
}
