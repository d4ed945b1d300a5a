//! One article at `/article/<id>`.

use crate::components::title::Title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api::{LoadError, Site};
use crate::boot::boot_done;
use crate::components::article_nav::{list_neighbours, related_stories};
use crate::components::blocks::{build, Content};
use crate::components::loaded::WithSite;
use crate::components::save_button::save_button;
use crate::components::share::share_button;
use crate::components::states::{keep_prerendered_page, Loading};
use crate::context::{href, Loaded};
use crate::perf;
use crate::shelf::ShelfStore;
use std::sync::Arc;

use dateline_core::model::Article;
use dateline_core::query::search::SearchIndex;

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
    move || article_state(&site, &loaded, loaded.get())
}

type ArticleResult = Result<Option<Article>, LoadError>;

/// The page for each state of the article's loading.
fn article_state(
    site: &Site,
    loaded: &Loaded<ArticleResult>,
    state: Option<ArticleResult>,
) -> AnyView {
    // The prerendered page (if any) goes once the app's page is built; a
    // failure keeps it readable.
    if let Some(Err(error)) = &state {
        let retry = loaded.clone();
        if keep_prerendered_page(&error.to_string(), Box::new(move || retry.reload())) {
            return ().into_any();
        }
    }
    if state.is_some() {
        boot_done();
    }
    match state {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(Some(article))) => {
            let labels = site.read_untracked(|a| {
                article
                    .topics
                    .iter()
                    .map(|t| a.catalog.topic_label(t).to_string())
                    .collect()
            });
            // The count the list shows (the catalog's), from the article itself.
            let words = SearchIndex::body_words(&article);
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
    let source_url = article.source_url.clone();
    let (id, headline) = (article.id.clone(), article.title.clone());
    let related = article.related.clone();
    let article = Arc::new(article);

    // The header and the story are `dateline_core::markup`, the markup the
    // site builder writes into the article's static page.
    view! {
        <Title text=headline.clone() />
        // `data-source`: where the story came from, written out on paper (style/main.css).
        <article class="story" aria-labelledby="story-title" lang=lang dir=dir data-source=source_url>
            <header class="story-header" use:build=Content::Header(article.clone(), labels, words) />
            <div class="story-actions">
                {save_button(id.clone(), headline.clone())}
                {share_button(id.clone(), headline)}
            </div>
            <div class="story-content" use:build=Content::Story(article) />
            // The app's own words stay left to right in a right-to-left article.
            <footer class="story-footer" dir="ltr">
                {related_stories(related)}
                {list_neighbours(site, id)}
            </footer>
        </article>
    }
}
