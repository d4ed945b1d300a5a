//! What pages and components share, provided once by the app or the list
//! page: the site's base path and links under it, the site data, the way a
//! control writes a new view to the URL, and the list's scroll memory.
//! Pages and components import from here (and `api`), never from `app` or a
//! page, so imports point one way: routes → components → context/api → core.

use std::collections::HashMap;

use dateline_core::query::View;
use dateline_core::urls::{join_base, router_base, view_from_pairs, view_path};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::SiteResult;
use crate::perf;

/// Where the site lives ("" at the root, "/dateline" under a sub-path), from
/// the `<base>` Trunk writes for its public URL. Read once: it never changes.
pub fn site_base() -> &'static str {
    thread_local! {
        static BASE: &'static str = {
            let href = document().base_uri().ok().flatten().unwrap_or_default();
            let path = web_sys::Url::new(&href).map(|u| u.pathname()).unwrap_or_else(|_| "/".into());
            Box::leak(router_base(&path).into_boxed_str())
        };
    }
    BASE.with(|b| *b)
}

/// The href for an in-app path such as `/article/x`, under the site's base.
pub fn href(path: &str) -> String {
    join_base(site_base(), path)
}

/// The list view a URL's query string names (the list page's, or the one
/// an article was opened from).
pub fn view_in_query(query: &leptos_router::params::ParamsMap) -> View {
    view_from_pairs(query.into_iter().map(|(k, v)| (k.as_ref(), v)))
}

/// A value loaded once by a task, and loaded again on `reload` (after a
/// failure): `None` while it loads.
///
/// Hand-made rather than `LocalResource`, which does the same but costs the
/// wasm 10.7 kB gzip for the two loads that use this (the site's first
/// screen and an article's shard: 267.2 kB with LocalResource, 256.3 kB with
/// this; `wasm-opt -Oz`, then `gzip -9`), which would break the wasm budget
/// on its own. The streamed catalog is not a load at all (see `api::Site`).
pub struct Loaded<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    reload: std::sync::Arc<dyn Fn() + Send + Sync>,
}

impl<T: Send + Sync + 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        Loaded {
            value: self.value,
            reload: self.reload.clone(),
        }
    }
}

impl<T: Clone + Send + Sync + 'static> Loaded<T> {
    /// Starts loading now.
    pub fn new<F, Fut>(fetch: F) -> Loaded<T>
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = T> + 'static,
    {
        let value = RwSignal::new(None);
        let reload = std::sync::Arc::new(move || {
            value.set(None);
            let loading = fetch();
            leptos::task::spawn_local(async move { value.set(Some(loading.await)) });
        });
        reload();
        Loaded { value, reload }
    }

    /// The value once loaded (tracked).
    pub fn get(&self) -> Option<T> {
        self.value.get()
    }

    pub fn get_untracked(&self) -> Option<T> {
        self.value.get_untracked()
    }

    pub fn reload(&self) {
        (self.reload)();
    }
}

/// The site data every page reads: the manifest and first catalog part,
/// loaded once by the app.
#[derive(Clone)]
pub struct SiteData(pub Loaded<SiteResult>);

impl SiteData {
    pub fn get() -> SiteData {
        expect_context()
    }
}

/// Writes a new view to the URL: a history entry per change, or in place
/// while typing. The list page provides it; its controls use it.
#[derive(Clone, Copy)]
pub struct SetView(Callback<(View, bool)>);

impl SetView {
    /// Made (inside the router) and provided by the list page.
    pub fn provide() -> SetView {
        let navigate = use_navigate();
        let set_view = SetView(Callback::new(move |(view, replace): (View, bool)| {
            perf::view_changed();
            let options = NavigateOptions {
                replace,
                scroll: false,
                resolve: false,
                ..NavigateOptions::default()
            };
            navigate(&href(&view_path(&view)), options);
        }));
        provide_context(set_view);
        set_view
    }

    pub fn get() -> SetView {
        expect_context()
    }

    pub fn set(&self, view: View, replace: bool) {
        self.0.run((view, replace));
    }
}

/// Per list URL: how many results were shown and where the page was
/// scrolled, restored only when the reader comes back with back/forward.
/// Kept here rather than in the reactive arena: nothing reads it
/// reactively, the wasm has one thread, and this costs 0.8 kB (gzip) less.
#[derive(Clone, Copy)]
pub struct ScrollMemory;

thread_local! {
    static SAVED: std::cell::RefCell<HashMap<String, (usize, f64)>> = Default::default();
    static CAME_BACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl ScrollMemory {
    /// Told by the app of every back/forward (popstate) and every click (a
    /// new navigation).
    pub fn note_history_move(back_or_forward: bool) {
        CAME_BACK.with(|c| c.set(back_or_forward));
    }

    fn current_url() -> String {
        window().location().href().unwrap_or_default()
    }

    /// What to restore for the current URL: results shown and scroll offset.
    pub fn restore() -> Option<(usize, f64)> {
        if !CAME_BACK.with(|c| c.get()) {
            return None;
        }
        let url = Self::current_url();
        SAVED.with(|s| s.borrow().get(&url).copied())
    }

    pub fn save(shown: usize, scroll_y: f64) {
        let url = Self::current_url();
        SAVED.with(|s| s.borrow_mut().insert(url, (shown, scroll_y)));
    }
}
