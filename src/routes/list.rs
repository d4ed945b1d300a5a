//! The article list with its filters. The URL's query string is the whole
//! state: it is parsed once into a `View` (search terms included), every
//! control reads that view and writes a new URL, and the archive answers it
//! with the outcome and what its search is still waiting for.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::components::shelf_tools::shelf_tools;

use crate::api::{Site, Stream};
use crate::boot::after_tasks_while_covered;
use crate::components::filters::{filter_controls, list_header, HeaderWords, ListInputs};
use crate::components::loaded::WithSite;
use crate::components::results::Results;
use crate::components::spelling::SpellingNotice;
use crate::components::states::{ArchiveProgress, SkippedNotice};
use crate::components::title::Title;
use crate::context::{view_in_query, SetView};
use crate::listing;
use crate::perf::{self, Timed};
use crate::schedule::after_next_paint;
use dateline_core::data::archive::Answer;
use dateline_core::model::text::Coverage;
use dateline_core::query::{Outcome, Terms, View};

/// The latest news at `/`, and the Saved section at `/saved` (one route
/// view for both: a second costs the wasm 8 kB of router and view code).
#[component]
pub fn ListPage() -> impl IntoView {
    let saved = use_location()
        .pathname
        .with_untracked(|p| p.trim_end_matches('/').ends_with("/saved"));
    view! {
        <WithSite let:site>
            <ArticleBrowser site saved />
        </WithSite>
    }
}

/// A list of articles with its filters and search: the latest news, or
/// (`saved`) the Saved section.
#[component]
pub fn ArticleBrowser(site: Site, saved: bool) -> impl IntoView {
    let query = use_query_map();
    let view_memo = Memo::new(move |_| {
        let mut view = query.with(view_in_query);
        view.saved = saved;
        view
    });
    SetView::provide();

    // The answer is timed for the benchmark.
    let answer: Memo<Timed<Answer>> = listing::answer(site.clone(), view_memo, None);
    let outcome: Memo<Arc<Outcome>> = Memo::new(move |_| answer.with(|t| t.value.outcome.clone()));
    let waiting = Memo::new(move |_| answer.with(|t| t.value.is_waiting()));
    perf::track_list(
        answer,
        Signal::derive(move || (!waiting.get()).then(|| outcome.with(|o| o.hits.len()))),
    );
    let terms: Memo<Terms> = Memo::new(move |_| view_memo.with(|v| v.q.terms().clone()));
    // The outside world: fetch the index files a search waits for.
    let searcher = site.clone();
    Effect::new(move |_| {
        if waiting.get() {
            searcher.prepare_search(terms.get());
        }
    });

    let span_site = site.clone();
    let span = Memo::new(move |_| span_site.read(|a| a.engine.span()));

    let coverage = coverage(&site);
    let controls = ListInputs {
        view: view_memo,
        outcome,
        span,
        coverage,
    };
    let skipped = site.read_untracked(|a| a.catalog.skipped.clone());
    let heading = {
        let site = site.clone();
        Memo::new(move |_| {
            view_memo.with(|view| match view.topics.as_slice() {
                [] if view.q.text().trim().is_empty() && view.saved => "Saved articles".to_string(),
                [] if view.q.text().trim().is_empty() => "Latest news".to_string(),
                [] => format!("Search: {}", view.q.text().trim()),
                topics => site.read_untracked(|a| {
                    let labels: Vec<&str> =
                        topics.iter().map(|t| a.catalog.topic_label(t)).collect();
                    labels.join(", ")
                }),
            })
        })
    };
    let title = move || {
        if view_memo.with(|v| *v == View::default()) {
            String::new()
        } else {
            heading.get()
        }
    };

    // The list first, its filters a frame later (in their own column, or in
    // a panel a narrow screen shows closed: nothing moves).
    let filters_built = after_next_paint();
    // The results a task after the header (`after_tasks` says why).
    let results_built = after_tasks_while_covered(1);
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 900.0);

    view! {
        <Title text=title />
        <div class="browser">
            {list_header(controls, HeaderWords { heading, waiting, coverage })}
            <aside class="filters" aria-label="Filters">
                <details class="filters-panel" open=wide>
                    <summary>
                        "Filters"
                        {move || {
                            let n = view_memo.with(View::active_filters);
                            (n > 0).then(|| format!(" ({n} active)"))
                        }}
                    </summary>
                    <Show when=move || filters_built.get()>
                        {filter_controls(controls)}
                    </Show>
                </details>
            </aside>
            <section class="results-column" aria-labelledby="list-title">
                {saved.then(|| shelf_tools(site.clone()))}
                <ArchiveProgress site=site.clone() />
                {(!skipped.is_empty()).then(|| view! { <SkippedNotice skipped /> })}
                <SearchStatus site=site.clone() waiting terms />
                <Show when=move || results_built.get() && !waiting.get()>
                    <SpellingNotice outcome view=view_memo />
                    <Results site=site.clone() outcome view=view_memo coverage />
                </Show>
            </section>
        </div>
    }
}

/// While a search's index chunks download: say so; when they fail: say
/// which, and offer to try again.
/// How much of the archive the list's answers cover, as the archive streams in.
fn coverage(site: &Site) -> Memo<Coverage> {
    let total = site.read_untracked(|a| a.manifest.articles as usize);
    let site = site.clone();
    Memo::new(move |_| {
        let seen = site.read(|a| a.catalog.articles.len());
        match site.stream.get() {
            Stream::Complete => Coverage::Whole,
            _ if seen >= total => Coverage::Whole,
            Stream::Loading => Coverage::Arriving { seen, total },
            Stream::Failed(_) => Coverage::Partial { seen, total },
        }
    })
}

#[component]
fn SearchStatus(site: Site, waiting: Memo<bool>, terms: Memo<Terms>) -> impl IntoView {
    let failure = site.search_failure.clone();
    move || {
        if !waiting.get() {
            return ().into_any();
        }
        let error = failure.with(|f| {
            f.as_ref()
                .filter(|(failed, _)| terms.with(|t| t == failed))
                .map(|(_, e)| e.to_string())
        });
        match error {
            Some(e) => {
                let site = site.clone();
                view! {
                    <div class="notice failed" role="alert">
                        <p>{format!("This search could not be run: {e}")}</p>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| site.prepare_search(terms.get_untracked())
                        >
                            "Try again"
                        </button>
                    </div>
                }
                .into_any()
            }
            None => view! {
                <p class="notice progress" role="status">
                    <span class="spinner small" aria-hidden="true"></span>
                    "Searching the archive…"
                </p>
            }
            .into_any(),
        }
    }
}
