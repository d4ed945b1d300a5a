//! The app shell: masthead, routes and the site data every page reads.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::{fetch_site, SiteResult};
use crate::components::update_banner::UpdateBanner;
use crate::routes::{
    article::ArticlePage, list::ListPage, not_found::NotFound, offline::OfflinePage,
};
use dateline_core::urls::{join_base, router_base};

/// The site data, shared by every page: `None` while its first part loads;
/// `load` (again) retries a failed load.
#[derive(Clone, Copy)]
pub struct SiteState(pub RwSignal<Option<SiteResult>>);

impl SiteState {
    pub fn load(self) {
        self.0.set(None);
        leptos::task::spawn_local(async move { self.0.set(Some(fetch_site().await)) });
    }
}

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

/// The masthead's sections, the current one marked for assistive technology.
#[component]
fn SectionLinks() -> impl IntoView {
    let path = use_location().pathname;
    let current = move |target: &'static str| {
        move || {
            path.with(|p| p.trim_end_matches('/') == href(target).trim_end_matches('/'))
                .then_some("page")
        }
    };
    view! {
        <nav aria-label="Sections">
            <a href=href("/") aria-current=current("/")>"Latest"</a>
            <a href=href("/offline") aria-current=current("/offline")>"Offline"</a>
        </nav>
    }
}

#[component]
pub fn App() -> impl IntoView {
    let site = SiteState(RwSignal::new(None));
    site.load();
    provide_context(site);
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
                    <a href=href("/") class="brand">"Dateline"</a>
                    <SectionLinks />
                </div>
            </header>
            <main id="content" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=ListPage />
                    <Route path=path!("article/:id") view=ArticlePage />
                    <Route path=path!("offline") view=OfflinePage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Dateline — news that works offline. Articles © their publishers."</p>
            </footer>
        </Router>
    }
}
