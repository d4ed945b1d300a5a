use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::href;

use crate::model::Article;
use crate::urls::{article_path, topic_path};

#[component]
pub fn ArticleCard(article: Article) -> impl IntoView {
    let photos = match article.photos.len() {
        0 => None,
        1 => Some("1 photo".to_string()),
        n => Some(format!("{n} photos")),
    };
    let topic = article.topics.first().cloned();
    view! {
        <article class="card">
            <p class="kicker">
                {topic.map(|t| view! { <A href=href(&topic_path(&t)) attr:class="topic">{t.clone()}</A> })}
            </p>
            <h2 class="card-title">
                <A href=href(&article_path(&article.id))>{article.title.clone()}</A>
            </h2>
            <p class="meta">
                {article.published.map(|p| view! { <time datetime=p.to_string()>{p.date.short()}</time> })}
                {article.dateline.clone().map(|d| view! { <span class="dateline">{d}</span> })}
                {photos.map(|p| view! { <span class="photo-count">{p}</span> })}
            </p>
            <p class="summary">{article.summary.clone()}</p>
        </article>
    }
}
