//! The result list: the first page of hits, more on request, and the scroll
//! position kept for when the reader comes back from an article.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::article_card::ArticleCard;
use crate::api::Site;
use crate::app::href;
use dateline_core::model::text::group_thousands;
use dateline_core::model::text::slugify;
use dateline_core::query::{Outcome, View};

const PAGE: usize = 50;

thread_local! {
    /// Per list URL: how many results were shown and where the page was scrolled.
    static SAVED: RefCell<HashMap<String, (usize, f64)>> = RefCell::new(HashMap::new());
    /// Whether the current page was reached with back/forward.
    static CAME_BACK: Cell<bool> = const { Cell::new(false) };
}

/// Called by the app on popstate (back/forward) and on link clicks.
pub fn note_history_move(back_or_forward: bool) {
    CAME_BACK.with(|c| c.set(back_or_forward));
}

fn current_url() -> String {
    window().location().href().unwrap_or_default()
}

#[component]
pub fn Results(site: Site, outcome: Memo<Arc<Outcome>>, view: Memo<View>) -> impl IntoView {
    let restore = CAME_BACK
        .with(Cell::get)
        .then(|| SAVED.with(|s| s.borrow().get(&current_url()).copied()))
        .flatten();
    let limit = RwSignal::new(restore.map_or(PAGE, |(n, _)| n.max(PAGE)));
    if let Some((_, y)) = restore {
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    }
    // A new view starts again at the first page (more articles streaming in
    // for the same view do not).
    Effect::new(move |previous: Option<()>| {
        view.track();
        if previous.is_some() {
            limit.set(PAGE);
        }
    });
    let save_position = move |_| {
        let y = window().scroll_y().unwrap_or(0.0);
        SAVED.with(|s| {
            s.borrow_mut()
                .insert(current_url(), (limit.get_untracked(), y))
        });
    };
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
    view! {
        <Show when=move || total() == 0>
            <p class="empty">"No articles match these filters. " <a href=href("/")>"Clear all filters"</a></p>
        </Show>
        <ol class="article-list" on:click:capture=save_position>
            <For each=shown key=|(i, terms)| (*i, terms.clone()) let:hit>
                {
                    let (article, topic, photos) = site.read_untracked(|a| {
                        let i = hit.0 as usize;
                        let article = a.catalog.articles[i].clone();
                        let topic = article.topics.first().map(|t| {
                            a.catalog.topic_label(&slugify(t)).unwrap_or(t).to_string()
                        });
                        (article, topic, a.catalog.photo_count(i))
                    });
                    view! {
                        <li>
                            <ArticleCard article topic photos terms=hit.1 />
                        </li>
                    }
                }
            </For>
        </ol>
        <Show when=move || { total() > limit.get() }>
            <p class="more">
                <button type="button" class="button" on:click=move |_| limit.update(|n| *n += PAGE)>
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
