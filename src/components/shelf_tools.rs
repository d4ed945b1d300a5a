//! The Saved section's own tools, above its list: whether (and where) saved
//! articles are kept, the saved articles this archive no longer has, and
//! export to and import from a file.
//!
//! Built from data like the list's controls (`filters/parts.rs`): as a view
//! with reactive texts and flags it cost the wasm 6.9 kB gzip, and as a
//! view of reactive blocks 7.3 kB.

use gloo_events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlInputElement};

use super::blocks::{acted_on, part, show, Dom};
use super::events::{CHANGE, CLICK};
use crate::api::Site;
use crate::shelf::{Keeping, ShelfStore};
use dateline_core::markup::{Act, Markup};
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
    view! {
        <section class="shelf-tools" aria-label="Saved articles on this device" use:shelf_panel=site />
    }
}

/// The section's elements that change.
#[derive(Clone)]
struct Shown {
    keeping: Element,
    /// What the last export or import did.
    said: Element,
    gone: Element,
    gone_names: Element,
}

impl Shown {
    fn new(section: &Element) -> Shown {
        let mut dom = Dom::new();
        let keeping = part(&mut dom, section, "p", "muted");
        let actions = part(&mut dom, section, "p", "shelf-actions");
        let export = part(&mut dom, &actions, "button", "button");
        dom.attribute(&export, "type", "button");
        dom.act(&export, Act::Export);
        dom.text(&export, "Export saved articles");
        let import = part(&mut dom, &actions, "label", "button file-button");
        dom.text(&import, "Import saved articles");
        let file = dom.element(&import, "input");
        dom.attribute(&file, "type", "file");
        dom.attribute(&file, "accept", "application/json,.json");
        dom.act(&file, Act::Import);
        let said = part(&mut dom, section, "p", "notice");
        dom.attribute(&said, "role", "status");
        let gone = part(&mut dom, section, "div", "notice gone");
        let line = dom.element_with_text(&gone, "p", "No longer in this archive: ");
        let gone_names = dom.element(&line, "span");
        let remove = part(&mut dom, &gone, "button", "button");
        dom.attribute(&remove, "type", "button");
        dom.act(&remove, Act::Forget);
        dom.text(&remove, "Remove them from Saved");
        Shown {
            keeping,
            said,
            gone,
            gone_names,
        }
    }

    fn say(&self, text: &str) {
        self.said.set_text_content(Some(text));
        show(&self.said, !text.is_empty());
    }
}

fn shelf_panel(section: Element, site: Site) {
    let store = ShelfStore::get();
    let shown = Shown::new(&section);
    shown.say("");
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
    let heard = shown.clone();
    let listeners = [CLICK, CHANGE].map(|kind| {
        let shown = heard.clone();
        EventListener::new(&section, kind, move |event| {
            let Some((control, act)) = acted_on(event) else {
                return;
            };
            match (event.type_().as_str(), act) {
                (CLICK, Act::Export) => {
                    shown.say(match download("dateline-saved.json", &store.export()) {
                        Ok(()) => "Exported to dateline-saved.json.",
                        Err(_) => "The export could not be saved.",
                    })
                }
                (CLICK, Act::Forget) => {
                    for (id, _) in gone.get_untracked() {
                        store.toggle_saved(&id, "");
                    }
                }
                (CHANGE, Act::Import) => {
                    let input: HtmlInputElement = control.unchecked_into();
                    let Some(file) = input.files().and_then(|f| f.get(0)) else {
                        return;
                    };
                    input.set_value("");
                    let shown = shown.clone();
                    leptos::task::spawn_local(
                        async move { shown.say(&import_file(store, file).await) },
                    );
                }
                _ => {}
            }
        })
    });
    Effect::new(move |_| {
        // The listeners live as long as this effect: both go with the page.
        let _ = &listeners;
        let keeping = store.keeping.get();
        let kept = keeping == Keeping::Kept;
        shown.keeping.set_text_content(Some(match &keeping {
            Keeping::Kept => {
                "Saved articles and read marks stay in this browser, on this device only."
            }
            Keeping::Off(why) => why,
        }));
        let _ = shown
            .keeping
            .class_list()
            .toggle_with_force("failed", !kept);
        gone.with(|gone| {
            let names: Vec<&str> = gone.iter().map(|(_, name)| name.as_str()).collect();
            shown.gone_names.set_text_content(Some(&names.join(" · ")));
            show(&shown.gone, !gone.is_empty());
        });
    });
}
