//! What a page shows while the bundle loads, when it fails, and when some
//! articles in it had to be skipped.

use leptos::prelude::*;

use super::blocks::{event_in, Dom};
use crate::api::LoadError;
use crate::api::{Site, Stream};
use crate::boot::prerendered;
use crate::context::SiteData;
use dateline_core::markup::Markup;
use dateline_core::model::text::{group_thousands, plural};
use dateline_core::model::Skipped;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="state loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <p>"Loading articles…"</p>
        </div>
    }
}

#[component]
pub fn LoadFailed(error: LoadError) -> impl IntoView {
    let site = SiteData::get().0;
    view! {
        <section class="state error" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">"The articles could not be loaded"</h1>
            <p>{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| site.reload()>
                "Try again"
            </button>
        </section>
    }
}

/// On a prerendered page (an article's, or the list's newest articles), a
/// load that failed keeps the page: the reader goes on reading what the site
/// builder wrote, and a notice above it says what failed and offers to try
/// again (the page stays while the app tries). Elsewhere it does nothing and
/// says so (`false`): the caller shows its own error state.
///
/// Plain DOM calls: the notice goes into the static page, which is not the
/// app's; the app's nodes stay hidden behind it until `boot_done`.
pub fn keep_prerendered_page(error: &str, retry: Box<dyn FnOnce()>) -> bool {
    let boot = document().get_element_by_id("boot");
    let Some((boot, Ok(Some(main)))) = boot
        .filter(|_| prerendered())
        .map(|boot| (boot.clone(), boot.query_selector("main")))
    else {
        return false;
    };
    if let Ok(Some(old)) = boot.query_selector(".kept-page") {
        old.remove();
    }
    // Tests (and the reader) can tell a kept page from one being taken over.
    if !boot.class_name().contains("failed") {
        boot.set_class_name(&format!("{} failed", boot.class_name()));
    }
    // Built apart, then put first in the page: announced once, as a whole.
    let notice = document()
        .create_element("section")
        .expect("a valid tag name");
    let mut dom = Dom::new();
    dom.attribute(&notice, "class", "notice failed kept-page");
    dom.attribute(&notice, "role", "alert");
    dom.element_with_text(&notice, "h2", "Dateline could not load its data");
    dom.element_with_text(&notice, "p", error);
    dom.element_with_text(
        &notice,
        "p",
        "This page is as the site was built, so it can still be read; search, filters and saving need the data.",
    );
    let button = dom.element_with_text(&notice, "button", "Try again");
    dom.attribute(&button, "class", "button");
    dom.attribute(&button, "type", "button");
    KEPT_PAGE_RETRY.with(|r| *r.borrow_mut() = Some(retry));
    let _ = main.prepend_with_node_1(&notice);
    true
}

thread_local! {
    static KEPT_PAGE_RETRY: std::cell::RefCell<Option<Box<dyn FnOnce()>>> = Default::default();
}

/// The kept page's "Try again": the app's one click listener passes every
/// click here (the static page's button needs no listener of its own).
pub fn kept_page_click(event: &web_sys::MouseEvent) {
    let Some(button) = event_in(event, ".kept-page button") else {
        return;
    };
    if let Some(retry) = KEPT_PAGE_RETRY.with(|r| r.borrow_mut().take()) {
        let _ = button.set_attribute("disabled", "");
        button.set_text_content(Some("Trying again…"));
        retry();
    }
}

#[component]
pub fn SkippedNotice(skipped: Vec<Skipped>) -> impl IntoView {
    let count = skipped.len();
    let items = skipped
        .into_iter()
        .map(|s| {
            let which = match s.id {
                Some(id) => format!("Item {} ({id})", s.position),
                None => format!("Item {}", s.position),
            };
            view! { <li><strong>{which}</strong>": "{s.reason}</li> }
        })
        .collect_view();
    let summary = format!(
        "{} in the archive could not be shown.",
        plural(count, "article", "articles")
    );
    view! {
        <details class="notice skipped" role="note">
            <summary>{summary}</summary>
            <ul>{items}</ul>
        </details>
    }
}

/// How much of the archive has arrived: counts and filters cover only that
/// much until it is complete; a part that failed says so, with a retry.
#[component]
pub fn ArchiveProgress(site: Site) -> impl IntoView {
    let total = site.read_untracked(|a| a.manifest.articles as usize);
    let loaded = {
        let site = site.clone();
        move || site.read(|a| a.catalog.articles.len())
    };
    let stream = site.stream.clone();
    move || {
        let n = loaded();
        let shown = format!("{} of {}", group_thousands(n), group_thousands(total));
        match stream.get() {
            // Every article is in (the rest is facet values): nothing to
            // announce, and a notice that comes and goes would move the list.
            Stream::Complete => ().into_any(),
            Stream::Loading if n >= total => ().into_any(),
            Stream::Loading => view! {
                <p class="notice progress" role="status">
                    <span class="spinner small" aria-hidden="true"></span>
                    {format!("Loading the archive: {shown} articles so far. Counts, dates and search cover these until the rest arrives.")}
                </p>
            }
            .into_any(),
            Stream::Failed(e) => {
                let site = site.clone();
                view! {
                    <div class="notice failed" role="alert">
                        <p>{format!("Part of the archive could not be loaded, so only {shown} articles are shown and counted. {e}")}</p>
                        <button type="button" class="button" on:click=move |_| site.stream_rest()>"Try again"</button>
                    </div>
                }
                .into_any()
            }
        }
    }
}
