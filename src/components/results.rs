//! The result list: the first page of hits, more on request, and the scroll
//! position kept for when the reader comes back from an article.

use std::sync::Arc;

use gloo_events::EventListener;
use leptos::prelude::*;
use web_sys::Element;

use super::article_card::article_card;
use super::blocks::{part, show, Dom};
use crate::api::Site;
use crate::boot::boot_done;
use crate::context::{href, ScrollMemory};
use dateline_core::markup::Markup;
use dateline_core::model::text::{group_thousands, Coverage};
use dateline_core::query::{Outcome, View};
use dateline_core::urls::{article_in_list, view_path};

const PAGE: usize = 50;

#[component]
pub fn Results(
    site: Site,
    outcome: Memo<Arc<Outcome>>,
    view: Memo<View>,
    coverage: Memo<Coverage>,
) -> impl IntoView {
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
    let total = Memo::new(move |_| outcome.with(|o| o.hits.len()));
    let more = MoreInputs {
        total,
        limit,
        show_more: Callback::new(move |()| {
            chosen.set((view.get_untracked(), limit.get_untracked() + PAGE))
        }),
    };
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
    // The list is on screen: the prerendered one (the list page's) goes.
    Effect::new(|_| boot_done());
    view! {
        <p class="empty" use:empty_note=(view, total, coverage)></p>
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
        <p class="more" use:more_button=more></p>
    }
}

/// Said when nothing is listed: why, and the way out (and while the archive
/// still arrives, that it is still looking, not that nothing matches).
fn empty_note(note: Element, (view, total, coverage): (Memo<View>, Memo<usize>, Memo<Coverage>)) {
    let mut dom = Dom::new();
    Effect::new(move |_| {
        note.set_text_content(None);
        let empty = total.get() == 0;
        show(&note, empty);
        if !empty {
            return;
        }
        view.with(|view| {
            dom.text(
                &note,
                // "Nothing saved yet" only once every article is in: a saved
                // one may be in a part still on its way.
                &if view.saved && *view == view.cleared() && coverage.get() == Coverage::Whole {
                    "Nothing saved yet: “Save” on any article keeps it here, readable offline. "
                        .to_string()
                } else {
                    coverage.get().empty_note()
                },
            );
            let clear = dom.element_with_text(&note, "a", "Clear all filters");
            dom.attribute(&clear, "href", &href(&view_path(&view.cleared())));
        });
    });
}

/// What "Show more" follows and does.
#[derive(Clone, Copy)]
struct MoreInputs {
    total: Memo<usize>,
    limit: Memo<usize>,
    show_more: Callback<()>,
}

fn more_button(more: Element, inputs: MoreInputs) {
    let mut dom = Dom::new();
    let button = part(&mut dom, &more, "button", "button");
    dom.attribute(&button, "type", "button");
    let shown = part(&mut dom, &more, "span", "muted");
    let click = EventListener::new(&button, super::events::CLICK, move |_| {
        inputs.show_more.run(())
    });
    Effect::new(move |_| {
        // The listener lives as long as this effect: both go with the page.
        let _ = &click;
        let (total, limit) = (inputs.total.get(), inputs.limit.get());
        show(&more, total > limit);
        let next = total.saturating_sub(limit).min(PAGE);
        button.set_text_content(Some(&format!("Show {next} more")));
        shown.set_text_content(Some(&format!(
            " {} of {} shown",
            group_thousands(limit.min(total)),
            group_thousands(total)
        )));
    });
}
