//! What a page shows while the bundle loads, when it fails, and when some
//! articles in it had to be skipped.

use leptos::prelude::*;

use crate::app::CatalogResource;
use crate::model::Skipped;

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
pub fn LoadFailed(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let catalog = expect_context::<CatalogResource>();
    let messages = move || {
        errors.with(|errors| {
            errors
                .iter()
                .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                .collect_view()
        })
    };
    view! {
        <section class="state error" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">"The articles could not be loaded"</h1>
            <ul>{messages}</ul>
            <button type="button" class="button" on:click=move |_| catalog.refetch()>
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
    let summary = if count == 1 {
        "1 article in the bundle could not be shown.".to_string()
    } else {
        format!("{count} articles in the bundle could not be shown.")
    };
    view! {
        <details class="notice skipped" role="note">
            <summary>{summary}</summary>
            <ul>{items}</ul>
        </details>
    }
}
