//! One article at `/article/<id>`.

use crate::components::title::Title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api::Site;
use crate::components::article_card::reading;
use crate::components::article_nav::{list_neighbours, related_stories};
use crate::components::blocks::{Blocks, Figures};
use crate::components::loaded::WithSite;
use crate::components::save_button::save_button;
use crate::components::share::share_button;
use crate::components::states::Loading;
use crate::context::{href, Loaded};
use crate::perf;
use crate::shelf::ShelfStore;
use dateline_core::model::{Article, Block};
use dateline_core::urls::topic_path;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    view! {
        <WithSite let:site>
            {move || view! { <ArticleLoader site=site.clone() id=id.get() /> }}
        </WithSite>
    }
}

/// Fetches the article's body shard (once per shard), then shows it. One
/// loader per id (the page makes a new one when the id changes), so an
/// article never shows under another's address while it loads.
#[component]
fn ArticleLoader(site: Site, id: String) -> impl IntoView {
    let fetcher = site.clone();
    let loaded = Loaded::new(move || {
        let (site, id) = (fetcher.clone(), id.clone());
        async move { site.article(id).await }
    });
    move || match loaded.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(Some(article))) => {
            let (labels, words) = site.read_untracked(|a| {
                let labels = article
                    .topics
                    .iter()
                    .map(|t| a.catalog.topic_label(t).to_string())
                    .collect();
                // The count the list shows, once the article's catalog part is in.
                let at = a.catalog.articles.iter().position(|x| x.id == article.id);
                (labels, at.and_then(|i| a.body_words(i)).unwrap_or(0))
            });
            view! { <ArticleView site=site.clone() article labels words /> }.into_any()
        }
        Some(Ok(None)) => view! { <NotFound /> }.into_any(),
        Some(Err(error)) => {
            let retry = loaded.clone();
            view! {
                <Title text="Article unavailable".to_string() />
                <section class="state error" role="alert" aria-labelledby="error-title">
                    <h1 id="error-title">"This article could not be loaded"</h1>
                    <p>{error.to_string()}</p>
                    <p>
                        <button type="button" class="button" on:click=move |_| retry.reload()>"Try again"</button>
                        " "
                        <a href=href("/")>"All articles"</a>
                    </p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn ArticleView(site: Site, article: Article, labels: Vec<String>, words: u32) -> impl IntoView {
    // Effects run once the view is in the DOM.
    Effect::new(|_| perf::article_shown());
    // Opening an article marks it read (kept in the browser's storage).
    let store = ShelfStore::get();
    let opened = article.id.clone();
    Effect::new(move |_| store.mark_read(&opened));
    let lang = article.language.clone();
    let dir = article.direction.map(|d| d.as_str());
    // The lead image opens the story unless the body already shows it.
    let lead = article.lead_image.as_deref().cloned().filter(|lead| {
        !article
            .body
            .iter()
            .any(|b| matches!(b, Block::Figure(p) if p.url == lead.url))
            && !article.photos.iter().any(|p| p.url == lead.url)
    });
    let Article {
        body,
        photos,
        credit,
        tags,
        source_url,
        related,
        id,
        ..
    } = article.clone();
    let headline = article.title.clone();
    let photo_heading = if photos.len() == 1 {
        "Photo".to_string()
    } else {
        format!("Photos ({})", photos.len())
    };
    let tag_line = (!tags.is_empty()).then(|| tags.join(" · "));

    view! {
        <Title text=headline.clone() />
        // `data-source`: where the story came from, written out on paper (style/main.css).
        <article class="story" aria-labelledby="story-title" lang=lang dir=dir data-source=source_url>
            <StoryHeader article labels words />
            <div class="story-actions">
                {save_button(id.clone(), headline.clone())}
                {share_button(id.clone(), headline)}
            </div>
            {lead.map(|photo| view! { <Figures photos=vec![photo] /> })}
            <Blocks blocks=body class="story-body" />
            {credit.map(|c| view! { <p class="credit-line">{c}</p> })}
            {tag_line.map(|t| view! { <p class="tags"><span class="label">"Tags: "</span>{t}</p> })}
            {(!photos.is_empty()).then(|| view! {
                <section class="photos" aria-label=photo_heading.clone()>
                    <h2>{photo_heading.clone()}</h2>
                    <Figures photos />
                </section>
            })}
            // The app's own words stay left to right in a right-to-left article.
            <footer class="story-footer" dir="ltr">
                {related_stories(related)}
                {list_neighbours(site, id)}
            </footer>
        </article>
    }
}

/// Topics, headline, who and where, and when.
#[component]
fn StoryHeader(article: Article, labels: Vec<String>, words: u32) -> impl IntoView {
    let updated_label = article.updated_label();
    let Article {
        title,
        title_derived,
        topics,
        published,
        published_inferred,
        updated,
        dateline,
        source,
        site_name,
        byline,
        authors,
        ..
    } = article;
    // The byline as printed; else the authors the source listed.
    let byline =
        byline.or_else(|| (!authors.is_empty()).then(|| format!("By {}", authors.join(", "))));
    let source = source.or(site_name);
    view! {
        <header class="story-header">
            <p class="kicker">
                {topics.into_iter().zip(labels).map(|(t, label)| view! { <a href=href(&topic_path(&t)) class="topic">{label}</a> }).collect_view()}
            </p>
            <h1 id="story-title">{title}</h1>
            <p class="meta byline">
                {byline.map(|b| view! { <span class="author">{b}</span> })}
                {dateline.map(|d| view! { <span class="dateline">{d}</span> })}
                {source.map(|s| view! { <span class="source">{s}</span> })}
            </p>
            <p class="meta times">
                {published.map(|p| view! {
                    <time class="published" datetime=p.to_string() dir="auto">{p.long()}</time>
                })}
                {updated.zip(updated_label).map(|(u, label)| view! {
                    <time class="updated" datetime=u.to_string() dir="auto">{label}</time>
                })}
                {reading(words)}
            </p>
            {(title_derived || published_inferred).then(|| view! {
                <p class="note">
                    {title_derived.then_some("The source printed no headline; this one is taken from the story’s first sentence. ")}
                    {published_inferred.then_some("Date inferred from the photo captions; the source printed none.")}
                </p>
            })}
        </header>
    }
}
