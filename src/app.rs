//! The app shell: masthead, routes, and the context every page shares.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::fetch_site;
use crate::boot::{boot_done, prerendered};
use crate::components::blocks::{watch_image_failures, Dom};
use crate::components::save_button::serve_save_buttons;
use crate::components::shortcuts::{listen_for_shortcuts, open_shortcuts};
use crate::components::states::kept_page_click;
use crate::components::update_banner::update_banner;
use crate::context::{href, site_base, Loaded, ScrollMemory, SiteData};
use crate::routes::{
    article::ArticlePage, list::ListPage, not_found::NotFound, offline::OfflinePage,
};
use crate::schedule::after_tasks;
use crate::shelf::ShelfStore;
use dateline_core::markup::Markup;
use web_sys::Element;

/// The masthead's sections, the current one marked for assistive technology.
#[component]
fn SectionLinks() -> impl IntoView {
    let path = use_location().pathname;
    // Leaving a prerendered page before the app showed it: it goes too.
    let first = path.get_untracked();
    Effect::new(move |_| {
        if path.with(|p| *p != first) {
            boot_done();
        }
    });
    view! { <nav aria-label="Sections" use:section_links=path></nav> }
}

/// The links, built from data (`components/filters/parts.rs` says why);
/// the one for the page shown is `aria-current`.
fn section_links(nav: Element, path: Memo<String>) {
    let mut dom = Dom::new();
    let links = [
        ("/", "Latest"),
        ("/saved", "Saved"),
        ("/offline", "Offline"),
    ]
    .map(|(to, name)| {
        let link = dom.element_with_text(&nav, "a", name);
        let to = href(to);
        dom.attribute(&link, "href", &to);
        (link, to)
    });
    Effect::new(move |_| {
        path.with(|path| {
            for (link, to) in &links {
                let here = path.trim_end_matches('/') == to.trim_end_matches('/');
                let _ = match here {
                    true => link.set_attribute("aria-current", "page"),
                    false => link.remove_attribute("aria-current"),
                };
            }
        })
    });
}

/// What serves every page for the app's whole life, inside the router (the
/// shortcuts navigate): Save buttons, keyboard shortcuts, and the banner
/// that offers a new version.
#[component]
fn Services(site: SiteData) -> impl IntoView {
    serve_save_buttons(ShelfStore::get(), site);
    listen_for_shortcuts();
    update_banner()
}

#[component]
pub fn App() -> impl IntoView {
    let site = SiteData(Loaded::new(fetch_site));
    provide_context(site.clone());
    ShelfStore::provide();
    watch_image_failures();
    // Lists restore their scroll position only when reached with back/forward.
    let _ = window_event_listener(leptos::ev::popstate, |_| {
        ScrollMemory::note_history_move(true)
    });
    let _ = window_event_listener(leptos::ev::click, |event| {
        ScrollMemory::note_history_move(false);
        kept_page_click(&event);
    });

    // Three tasks, each shorter than one would be (`after_tasks` says why):
    // the frame, then the page, then the services.
    let page_built = after_tasks(1);
    let services_started = after_tasks(2);
    // index.html's plain "Loading…" gives way once the page is built; a
    // prerendered page stays until the app shows it (`boot_done`).
    let plain_shell = !prerendered();
    Effect::new(move |_| {
        if plain_shell && page_built.get() {
            boot_done();
        }
    });
    view! {
        <Router base=site_base()>
            <a class="skip-link" href="#content">"Skip to content"</a>
            <Show when=move || services_started.get()>
                <Services site=site.clone() />
            </Show>
            <header class="masthead">
                <div class="masthead-inner">
                    <a href=href("/") class="brand">"Dateline"</a>
                    <SectionLinks />
                </div>
            </header>
            <main id="content" tabindex="-1">
                <Show when=move || page_built.get()>
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("") view=ListPage />
                        <Route path=path!("article/:id") view=ArticlePage />
                        <Route path=path!("offline") view=OfflinePage />
                        <Route path=path!("saved") view=ListPage />
                    </Routes>
                </Show>
            </main>
            <footer class="site-footer">
                <p>"Dateline — news that works offline. Articles © their publishers."</p>
                <button type="button" class="link-button" aria-keyshortcuts="?" on:click=|_| open_shortcuts()>
                    "Keyboard shortcuts"
                </button>
            </footer>
        </Router>
    }
}
