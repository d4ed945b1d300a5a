use leptos::prelude::*;

use crate::context::href;
use dateline_core::model::text::{plural, reading_time};
use dateline_core::model::Article;
use dateline_core::query::search::{highlight, Terms};
use dateline_core::urls::{article_path, topic_path};

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
pub fn reading(words: u32) -> impl IntoView {
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
    #[prop(optional)] terms: Terms,
) -> impl IntoView {
    let photos = (photos > 0).then(|| plural(photos, "photo", "photos"));

    let title = marked(&article.title, &terms);
    let summary = marked(&article.summary, &terms);
    view! {
        <article class="card">
            <p class="kicker">
                {article.topics.first().zip(topic).map(|(slug, label)| {
                    view! { <a href=href(&topic_path(slug)) class="topic">{label}</a> }
                })}
            </p>
            <h2 class="card-title">
                <a href=href(&article_path(&article.id))>{title}</a>
            </h2>
            <p class="meta">
                {article.published.map(|p| view! { <time datetime=p.to_string()>{p.date.short()}</time> })}
                {article.dateline.clone().map(|d| view! { <span class="dateline">{d}</span> })}
                {photos.map(|p| view! { <span class="photo-count">{p}</span> })}
                {reading(words)}
            </p>
            <p class="summary">{summary}</p>
        </article>
    }
}
