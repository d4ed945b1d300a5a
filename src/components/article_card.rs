use leptos::prelude::*;

use super::save_button::save_button;
use crate::context::href;
use crate::shelf::ShelfStore;
use dateline_core::model::text::{plural, reading_time};
use dateline_core::model::Article;
use dateline_core::query::search::{highlight, Terms};
use dateline_core::urls::topic_path;

/// Text with the searched words in `<mark>`, every run still a text node.
fn marked(text: &str, terms: &Terms) -> impl IntoView {
    highlight(text, terms)
        .into_iter()
        .map(|(run, hit)| {
            let run = run.to_string();
            if hit {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
}

/// "4 min read", as the list and the article page show it.
fn reading(words: u32) -> impl IntoView {
    reading_time(words).map(|r| view! { <span class="reading-time">{r}</span> })
}

/// Plain links: the router handles their clicks, and a card is cheaper without
/// the per-link reactive state of `<A>` (a list redraws 50 of them per keystroke).
#[component]
pub fn ArticleCard(
    article: Article,
    /// The label of its first topic ("Mergers/Acquisitions" for "acq").
    topic: Option<String>,
    photos: usize,
    /// Words in its body, for the reading time.
    words: u32,
    /// Its page, with the list it is in (for that list's previous and next).
    link: Signal<String>,
    #[prop(optional)] terms: Terms,
) -> impl IntoView {
    let photos = (photos > 0).then(|| plural(photos, "photo", "photos"));
    let store = ShelfStore::get();
    let read = {
        let id = article.id.clone();
        Memo::new(move |_| store.is_read(&id))
    };

    let title = marked(&article.title, &terms);
    let summary = marked(&article.summary, &terms);
    view! {
        // `data-id`: which article the keyboard's `s` and `u` act on.
        <article class="card" class:read=read data-id=article.id.clone()>
            <p class="kicker">
                {article.topics.first().zip(topic).map(|(slug, label)| {
                    view! { <a href=href(&topic_path(slug)) class="topic">{label}</a> }
                })}
            </p>
            <h2 class="card-title">
                <a href=link>{title}</a>
            </h2>
            <p class="meta">
                {article.published.map(|p| view! { <time datetime=p.to_string()>{p.date.short()}</time> })}
                {article.dateline.clone().map(|d| view! { <span class="dateline">{d}</span> })}
                {photos.map(|p| view! { <span class="photo-count">{p}</span> })}
                {reading(words)}
                <Show when=move || read.get()>
                    <span class="read-mark">"Read"</span>
                </Show>
            </p>
            <p class="summary">{summary}</p>
            {save_button(article.id.clone(), article.title.clone())}
        </article>
    }
}
