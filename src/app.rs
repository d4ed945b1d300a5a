//! The app shell: masthead, routes and the one article bundle every page reads.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::api::{fetch_catalog, CatalogResult};
use crate::components::update_banner::UpdateBanner;
use crate::routes::{article::ArticlePage, list::ListPage, not_found::NotFound};
use crate::urls::{join_base, router_base};

/// The bundle, shared by every page; `refetch` retries a failed load.
pub type CatalogResource = LocalResource<CatalogResult>;

/// Where the site lives ("" at the root, "/dateline" under a sub-path), from
/// the `<base>` Trunk writes for its public URL.
fn site_base() -> &'static str {
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

#[component]
pub fn App() -> impl IntoView {
    let catalog: CatalogResource = LocalResource::new(fetch_catalog);
    provide_context(catalog);
    // Lists restore their scroll position only when reached with back/forward.
    let _ = window_event_listener(leptos::ev::popstate, |_| {
        crate::components::results::note_history_move(true)
    });
    let _ = window_event_listener(leptos::ev::click, |_| {
        crate::components::results::note_history_move(false)
    });

    view! {
        <Router base=site_base()>
            <a class="skip-link" href="#content">"Skip to content"</a>
            <UpdateBanner />
            <header class="masthead">
                <div class="masthead-inner">
                    <A href=href("/") attr:class="brand">"Dateline"</A>
                    <nav aria-label="Sections">
                        <A href=href("/") exact=true>"Latest"</A>
                    </nav>
                </div>
            </header>
            <main id="content" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=ListPage />
                    <Route path=path!("article/:id") view=ArticlePage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Dateline — news that works offline. Articles © their publishers."</p>
            </footer>
        </Router>
    }
}
