//! Ways on from an article: its related stories (chosen at build time and
//! stored with it), and the previous and next article of the list the
//! reader came from, which rides in the article's URL.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::Site;
use crate::components::blocks::{build, Content};
use crate::context::{href, view_in_query};
use crate::listing;
use dateline_core::markup::{Link, ListLinks};
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
    let links = Memo::new(move |_| {
        let link = |h: u32| {
            site.read_untracked(|a| {
                let x = &a.catalog.articles[h as usize];
                Link {
                    href: view.with(|v| href(&article_in_list(&x.id, v))),
                    text: x.title.clone(),
                }
            })
        };
        let me = site.read_untracked(|a| a.catalog.articles.iter().position(|x| x.id == id));
        let around = answer.with(|t| {
            let hits = &t.value.outcome.hits;
            let at = hits.iter().position(|&h| Some(h as usize) == me)?;
            Some((
                at.checked_sub(1).map(|p| hits[p]),
                hits.get(at + 1).copied(),
            ))
        });
        let (previous, next) = around.unwrap_or_default();
        let back = view.with(|v| Link {
            href: href(&view_path(v)),
            text: match (v.saved, *v == v.cleared()) {
                (true, _) => "← Saved articles",
                (false, true) => "← All articles",
                (false, false) => "← Back to the list",
            }
            .into(),
        });
        ListLinks {
            back,
            previous: previous.map(link),
            next: next.map(link),
        }
    });
    view! { <nav class="story-nav" aria-label="This list" use:build=Content::ListLinks(links) /> }
}
