//! The article list: newest first, optionally narrowed to topics by `?topic=`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::app::href;
use leptos_router::hooks::use_query_map;

use crate::components::article_card::ArticleCard;
use crate::components::loaded::WithCatalog;
use crate::components::states::SkippedNotice;
use crate::model::Catalog;
use crate::urls::ListQuery;

#[component]
pub fn ListPage() -> impl IntoView {
    view! {
        <WithCatalog let:catalog>
            <ArticleList catalog />
        </WithCatalog>
    }
}

#[component]
fn ArticleList(catalog: Arc<Catalog>) -> impl IntoView {
    let query = use_query_map();
    let list_query = Memo::new(move |_| {
        query.with(|q| {
            let topics = q.get_all("topic").unwrap_or_default();
            ListQuery::from_pairs(topics.iter().map(|t| ("topic", t.as_str())))
        })
    });
    let topic_labels = {
        let catalog = catalog.clone();
        Memo::new(move |_| {
            list_query.with(|q| {
                q.topics
                    .iter()
                    .map(|slug| catalog.topic_label(slug).unwrap_or(slug).to_string())
                    .collect::<Vec<_>>()
            })
        })
    };
    let heading = move || match topic_labels.get().as_slice() {
        [] => "Latest news".to_string(),
        labels => labels.join(", "),
    };
    let articles = {
        let catalog = catalog.clone();
        Memo::new(move |_| {
            list_query.with(|q| catalog.with_topics(&q.topics).cloned().collect::<Vec<_>>())
        })
    };
    let count = move || match articles.with(Vec::len) {
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
    };
    let skipped = catalog.skipped.clone();

    view! {
        <Title text=move || if list_query.with(|q| q.topics.is_empty()) { String::new() } else { heading() } />
        <section class="list-page" aria-labelledby="list-title">
            <header class="list-header">
                <h1 id="list-title">{heading}</h1>
                <p class="result-count" role="status" aria-live="polite">{count}</p>
                <Show when=move || !list_query.with(|q| q.topics.is_empty())>
                    <p class="filter-note">
                        "Showing one topic. " <A href=href("/")>"Show all articles"</A>
                    </p>
                </Show>
            </header>
            {(!skipped.is_empty()).then(|| view! { <SkippedNotice skipped /> })}
            <Show
                when=move || articles.with(|a| !a.is_empty())
                fallback=|| view! { <p class="empty">"No articles match. " <A href=href("/")>"Show all articles"</A></p> }
            >
                <ol class="article-list">
                    <For each=move || articles.get() key=|a| a.id.clone() let:article>
                        <li><ArticleCard article /></li>
                    </For>
                </ol>
            </Show>
        </section>
    }
}
