//! One article at `/article/<id>`.

use std::sync::Arc;

use crate::components::title::Title;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::href;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api::Loaded;
use crate::components::loaded::WithCatalog;
use crate::components::photo::PhotoFigure;
use crate::model::text::slugify;
use crate::model::{Article, Block};
use crate::urls::topic_path;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <WithCatalog let:catalog>
            {
                let catalog: Arc<Loaded> = catalog;
                move || match catalog.article(&id()) {
                    Some(article) => {
                        let labels = article
                            .topics
                            .iter()
                            .map(|t| catalog.topic_label(&slugify(t)).unwrap_or(t).to_string())
                            .collect();
                        view! { <ArticleView article=article.clone() labels /> }.into_any()
                    }
                    None => view! { <NotFound /> }.into_any(),
                }
            }
        </WithCatalog>
    }
}

#[component]
fn ArticleView(article: Article, labels: Vec<String>) -> impl IntoView {
    let Article {
        title,
        title_derived,
        topics,
        published,
        published_inferred,
        dateline,
        source,
        body,
        photos,
        credit,
        ..
    } = article.clone();
    let updated_label = article.updated_label();
    let updated = article.updated;
    let photo_heading = if photos.len() == 1 {
        "Photo".to_string()
    } else {
        format!("Photos ({})", photos.len())
    };

    view! {
        <Title text=title.clone() />
        <article class="story" aria-labelledby="story-title">
            <header class="story-header">
                <p class="kicker">
                    {topics.into_iter().zip(labels).map(|(t, label)| view! { <A href=href(&topic_path(&t)) attr:class="topic">{label}</A> }).collect_view()}
                </p>
                <h1 id="story-title">{title}</h1>
                <p class="meta byline">
                    {dateline.map(|d| view! { <span class="dateline">{d}</span> })}
                    {source.map(|s| view! { <span class="source">{s}</span> })}
                </p>
                <p class="meta times">
                    {published.map(|p| view! {
                        <time class="published" datetime=p.to_string()>{p.long()}</time>
                    })}
                    {updated.zip(updated_label).map(|(u, label)| view! {
                        <time class="updated" datetime=u.to_string()>{label}</time>
                    })}
                </p>
                {(title_derived || published_inferred).then(|| view! {
                    <p class="note">
                        {title_derived.then_some("The source printed no headline; this one is taken from the story’s first sentence. ")}
                        {published_inferred.then_some("Date inferred from the photo captions; the source printed none.")}
                    </p>
                })}
            </header>
            <div class="story-body">
                {body.into_iter().map(|block| match block {
                    Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
                    Block::Link { text, href: url } => view! {
                        <div class="story-link"><a href=url rel="noopener" target="_blank">{text}</a></div>
                    }.into_any(),
                    Block::Unknown => ().into_any(),
                }).collect_view()}
            </div>
            {credit.map(|c| view! { <p class="credit-line">{c}</p> })}
            {(!photos.is_empty()).then(|| view! {
                <section class="photos" aria-label=photo_heading.clone()>
                    <h2>{photo_heading.clone()}</h2>
                    {photos.into_iter().map(|photo| view! { <PhotoFigure photo /> }).collect_view()}
                </section>
            })}
            <footer class="story-footer">
                <A href=href("/")>"← All articles"</A>
            </footer>
        </article>
    }
}
