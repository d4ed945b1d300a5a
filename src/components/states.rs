//! What a page shows while the bundle loads, when it fails, and when some
//! articles in it had to be skipped.

use leptos::prelude::*;

use crate::api::LoadError;
use crate::api::{Site, Stream};
use crate::context::SiteData;
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
