//! The result list: the first page of hits, more on request, and the scroll
//! position kept for when the reader comes back from an article.

use std::sync::Arc;

use leptos::prelude::*;

use super::article_card::article_card;
use crate::api::Site;
use crate::context::{boot_done, href, ScrollMemory};
use dateline_core::model::text::group_thousands;
use dateline_core::query::{Outcome, View};
use dateline_core::urls::{article_in_list, view_path};

const PAGE: usize = 50;

#[component]
pub fn Results(site: Site, outcome: Memo<Arc<Outcome>>, view: Memo<View>) -> impl IntoView {
    let restore = ScrollMemory::restore();
    if let Some((_, y)) = restore {
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    }
    // How many results show: kept with the view it was chosen for, so a new
    // view starts again at the first page (more articles streaming in for
    // the same view keep it).
    let chosen = RwSignal::new((
        view.get_untracked(),
        restore.map_or(PAGE, |(n, _)| n.max(PAGE)),
    ));
    let limit = Memo::new(move |_| {
        chosen.with(|(for_view, n)| view.with(|v| if v == for_view { *n } else { PAGE }))
    });
    let show_more = move |_| chosen.set((view.get_untracked(), limit.get_untracked() + PAGE));
    let save_position =
        move |_| ScrollMemory::save(limit.get_untracked(), window().scroll_y().unwrap_or(0.0));
    let shown = move || {
        let n = limit.get();
        outcome.with(|o| {
            let q = o.terms.clone();
            o.hits
                .iter()
                .take(n)
                .map(|&i| (i, q.clone()))
                .collect::<Vec<_>>()
        })
    };
    let total = move || outcome.with(|o| o.hits.len());
    // The list is on screen: the prerendered one (the list page's) goes.
    Effect::new(|_| boot_done());
    view! {
        <Show when=move || total() == 0>
            <p class="empty">
                {move || if view.with(|v| v.saved && *v == v.cleared()) {
                    "Nothing saved yet: “Save” on any article keeps it here, readable offline. "
                } else {
                    "No articles match these filters. "
                }}
                <a href=move || href(&view_path(&view.with(View::cleared)))>"Clear all filters"</a>
            </p>
        </Show>
        <ol class="article-list" on:click:capture=save_position>
            <For each=shown key=|(i, terms)| (*i, terms.clone()) let:hit>
                {
                    let (article, topic, photos, words) = site.read_untracked(|a| {
                        let i = hit.0 as usize;
                        let article = a.catalog.articles[i].clone();
                        let topic = article
                            .topics
                            .first()
                            .map(|t| a.catalog.topic_label(t).to_string());
                        (article, topic, a.catalog.photo_count(i), a.body_words(i).unwrap_or(0))
                    });
                    let id = article.id.clone();
                    let link = Signal::derive(move || href(&view.with(|v| article_in_list(&id, v))));
                    view! { <li>{article_card(article, topic, photos, words, link, hit.1)}</li> }
                }
            </For>
        </ol>
        <Show when=move || { total() > limit.get() }>
            <p class="more">
                <button type="button" class="button" on:click=show_more>
                    {move || {
                        let next = (total() - limit.get()).min(PAGE);
                        format!("Show {next} more")
                    }}
                </button>
                <span class="muted">
                    {move || format!(" {} of {} shown", group_thousands(limit.get().min(total())), group_thousands(total()))}
                </span>
            </p>
        </Show>
    }
}
