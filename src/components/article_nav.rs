//! Ways on from an article: its related stories (chosen at build time and
//! stored with it), and the previous and next article of the list the
//! reader came from, which rides in the article's URL.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::Site;
use crate::components::blocks::{build, Content};
use crate::context::{href, view_in_query};
use crate::listing;
use dateline_core::model::Related;
use dateline_core::urls::{article_in_list, view_path};

/// The related stories the build stored with the article (with their
/// titles: nothing to look up, nothing to wait for).
pub fn related_stories(related: Vec<Related>) -> impl IntoView {
    // Its heading and links are `dateline_core::markup`, as on the static page.
    (!related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-title" use:build=Content::Related(related) />
        }
    })
}

/// Back to the list (`data-back`, for Escape), and its previous and next
/// article (`rel`, for `p` and `n`), each keeping the list in its URL.
pub fn list_neighbours(site: Site, id: String) -> impl IntoView {
    let query = use_query_map();
    let view = Memo::new(move |_| query.with(view_in_query));
    let answer = listing::answer(site.clone(), view, Some(id.clone()));
    let searcher = site.clone();
    // The outside world: a list with a search needs its index files.
    Effect::new(move |_| {
        if answer.with(|t| t.value.is_waiting()) {
            searcher.prepare_search(view.with(|v| v.q.terms().clone()));
        }
    });
    let around = Memo::new(move |_| {
        answer.with(|t| {
            site.read_untracked(|a| {
                let articles = &a.catalog.articles;
                let me = articles.iter().position(|x| x.id == id)? as u32;
                let hits = &t.value.outcome.hits;
                let at = hits.iter().position(|&h| h == me)?;
                let link = |h: &u32| {
                    let x = &articles[*h as usize];
                    view.with(|v| (href(&article_in_list(&x.id, v)), x.title.clone()))
                };
                Some((
                    at.checked_sub(1).and_then(|p| hits.get(p)).map(link),
                    hits.get(at + 1).map(link),
                ))
            })
        })
    });
    let back = move || href(&view.with(view_path));
    let back_label = move || {
        view.with(|v| match (v.saved, *v == v.cleared()) {
            (true, _) => "← Saved articles",
            (false, true) => "← All articles",
            (false, false) => "← Back to the list",
        })
    };
    view! {
        <nav class="story-nav" aria-label="This list">
            <a href=back data-back="" aria-keyshortcuts="Escape">{back_label}</a>
            {move || around.get().map(|(prev, next)| view! {
                {prev.map(|(link, title)| view! {
                    <a href=link rel="prev" class="prev" aria-keyshortcuts="p">
                        <span class="label">"Previous"</span>{title}
                    </a>
                })}
                {next.map(|(link, title)| view! {
                    <a href=link rel="next" class="next" aria-keyshortcuts="n">
                        <span class="label">"Next"</span>{title}
                    </a>
                })}
            })}
        </nav>
    }
}
