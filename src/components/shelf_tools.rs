//! The Saved section's own tools, above its list: whether (and where) saved
//! articles are kept, the saved articles this archive no longer has, and
//! export to and import from a file.
//!
//! Written as one static structure whose texts and `hidden` flags are
//! reactive: a reactive block that returns a view costs the wasm its own
//! build and rebuild code (this section was 7.3 kB gzip written that way).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::Site;
use crate::shelf::{Keeping, ShelfStore};
use dateline_core::model::text::plural;

/// Saves `text` as a file the browser downloads.
fn download(name: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts: js_sys::Array = [wasm_bindgen::JsValue::from_str(text)].iter().collect();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// What an import did, for the status line.
async fn import_file(store: ShelfStore, file: web_sys::File) -> String {
    let Some(text) = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
    else {
        return "Nothing was imported: that file could not be read.".into();
    };
    match store.import(&text) {
        Ok(m) => format!(
            "Imported {} and {}.",
            plural(m.saved, "new saved article", "new saved articles"),
            plural(m.read, "read mark", "read marks")
        ),
        Err(e) => format!("Nothing was imported. {e}"),
    }
}

pub fn shelf_tools(site: Site) -> impl IntoView {
    let store = ShelfStore::get();
    let said = RwSignal::new(String::new());
    // Saved articles this archive does not have, once all of it has arrived
    // (a new deploy may have dropped them): named, not silently dropped.
    let gone = Memo::new(move |_| {
        site.read(|a| {
            if !a.is_complete() {
                return Vec::new();
            }
            store.shelf.with(|s| {
                s.saved
                    .iter()
                    .filter(|x| !a.catalog.articles.iter().any(|c| c.id == x.id))
                    .map(|x| {
                        let name = if x.title.is_empty() { &x.id } else { &x.title };
                        (x.id.clone(), name.clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let forget_gone = move |_| {
        for (id, _) in gone.get_untracked() {
            store.toggle_saved(&id, "");
        }
    };
    let export = move |_| {
        said.set(match download("dateline-saved.json", &store.export()) {
            Ok(()) => "Exported to dateline-saved.json.".into(),
            Err(_) => "The export could not be saved.".into(),
        });
    };
    let import = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move { said.set(import_file(store, file).await) });
    };
    let keeping = move || match store.keeping.get() {
        Keeping::Kept => {
            "Saved articles and read marks stay in this browser, on this device only.".to_string()
        }
        Keeping::Off(why) => why,
    };
    view! {
        <section class="shelf-tools" aria-label="Saved articles on this device">
            <p class="muted" class:failed=move || store.keeping.with(|k| *k != Keeping::Kept)>{keeping}</p>
            <p class="shelf-actions">
                <button type="button" class="button" on:click=export>"Export saved articles"</button>
                <label class="button file-button">
                    "Import saved articles"
                    <input type="file" accept="application/json,.json" on:change=import />
                </label>
            </p>
            <p class="notice" role="status" hidden=move || said.with(String::is_empty)>{move || said.get()}</p>
            <div class="notice gone" hidden=move || gone.with(Vec::is_empty)>
                <p>"No longer in this archive: " {move || gone.with(|g| g.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(" · "))}</p>
                <button type="button" class="button" on:click=forget_gone>"Remove them from Saved"</button>
            </div>
        </section>
    }
}
