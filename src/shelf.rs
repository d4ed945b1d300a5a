//! The reader's shelf (saved articles and read state, `dateline_core::shelf`)
//! kept in the browser's local storage through `gloo-storage`: loaded once,
//! written on every change, and re-read when another tab writes it (the
//! `storage` event). Where storage is unavailable (a private window, a
//! policy that blocks it, a full quota) the shelf lives for this page only
//! and `status` says so; reading never depends on it.

use dateline_core::shelf::{Merged, Shelf, ShelfError};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

/// The one key, versioned by the document it holds (`Shelf::to_json`).
const KEY: &str = "dateline:shelf";

/// Whether what the reader saves is kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Keeping {
    Kept,
    /// Why not: shown beside every Save button's section.
    Off(String),
}

#[derive(Clone, Copy)]
pub struct ShelfStore {
    pub shelf: RwSignal<Shelf>,
    pub keeping: RwSignal<Keeping>,
}

/// The browser's storage, if this page may use it. Asked of `web_sys` first:
/// `gloo-storage` assumes storage exists and throws when it does not.
fn storage_usable() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .is_some_and(|s| s.get_item(KEY).is_ok())
}

/// The stored shelf: a missing one is empty; an unreadable one is left in
/// place (a newer Dateline may have written it) and saving is off.
fn load() -> (Shelf, Keeping) {
    if !storage_usable() {
        return (
            Shelf::default(),
            Keeping::Off("This browser does not let the page keep data (private window or blocked storage): saved articles and read marks last until you close this page.".into()),
        );
    }
    match LocalStorage::raw().get_item(KEY).ok().flatten() {
        None => (Shelf::default(), Keeping::Kept),
        Some(text) => match Shelf::from_json(&text) {
            Ok(shelf) => (shelf, Keeping::Kept),
            Err(e) => (
                Shelf::default(),
                Keeping::Off(format!(
                    "Your saved articles could not be read, so they are left as they are. {e}"
                )),
            ),
        },
    }
}

impl ShelfStore {
    /// Made and provided once by the app.
    pub fn provide() -> ShelfStore {
        let (shelf, keeping) = load();
        let store = ShelfStore {
            shelf: RwSignal::new(shelf),
            keeping: RwSignal::new(keeping),
        };
        // Another tab changed the shelf: take its version.
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            if e.key().as_deref() == Some(KEY) && store.keeping.get_untracked() == Keeping::Kept {
                let text = e.new_value().unwrap_or_default();
                if let Ok(shelf) = Shelf::from_json(&text) {
                    store.shelf.set(shelf);
                } else if text.is_empty() {
                    store.shelf.set(Shelf::default());
                }
            }
        });
        provide_context(store);
        store
    }

    pub fn get() -> ShelfStore {
        expect_context()
    }

    /// Changes the shelf and keeps the change (unless storage is off).
    fn change(&self, f: impl FnOnce(&mut Shelf) -> bool) -> bool {
        let mut changed = false;
        self.shelf.update(|s| changed = f(s));
        if changed && self.keeping.get_untracked() == Keeping::Kept {
            let result = self
                .shelf
                .with_untracked(|s| LocalStorage::raw().set_item(KEY, &s.to_json()));
            if result.is_err() {
                self.keeping.set(Keeping::Off(
                    "The browser's storage for this site is full: new saved articles and read marks last until you close this page.".into(),
                ));
            }
        }
        changed
    }

    /// Whether `id` is saved now; not followed (the Save buttons follow
    /// the shelf in one effect, `components/save_button.rs`).
    pub fn is_saved(&self, id: &str) -> bool {
        self.shelf.with_untracked(|s| s.is_saved(id))
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.shelf.with(|s| s.is_read(id))
    }

    /// Saves or unsaves; false when the shelf is full.
    pub fn toggle_saved(&self, id: &str, title: &str) -> bool {
        let now = js_sys::Date::now();
        self.change(|s| s.toggle_saved(id, title, now))
    }

    pub fn mark_read(&self, id: &str) {
        self.change(|s| s.mark_read(id));
    }

    pub fn toggle_read(&self, id: &str) {
        self.change(|s| {
            s.toggle_read(id);
            true
        });
    }

    /// Adds a file's saved articles and read marks; a bad file changes nothing.
    pub fn import(&self, text: &str) -> Result<Merged, ShelfError> {
        let theirs = Shelf::from_json(text)?;
        let mut merged = Merged::default();
        self.change(|s| {
            merged = s.merge(theirs);
            merged != Merged::default()
        });
        Ok(merged)
    }

    pub fn export(&self) -> String {
        self.shelf.with_untracked(Shelf::to_json)
    }
}
