//! The article list with its filters. The URL's query string is the whole
//! state: every control reads the `View` parsed from it and writes a new URL.

use std::sync::Arc;

use crate::components::title::Title;
use dateline_core::data::archive::SearchNeeds;
use dateline_core::query::search::Terms;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{mark, SearchState, Site};
use crate::app::href;
use crate::components::filters::{DateFilter, Histogram, SearchBox, SortChoice, TopicFilter};
use crate::components::loaded::WithSite;
use crate::components::results::Results;
use crate::components::states::{ArchiveProgress, SkippedNotice};
use dateline_core::model::text::count_text;
use dateline_core::query::{Outcome, View};
use dateline_core::urls::{view_from_pairs, view_path};

/// Writes a new view to the URL: a history entry per change, or in place while typing.
#[derive(Clone, Copy)]
pub struct SetView(pub Callback<(View, bool)>);

impl SetView {
    pub fn push(&self, view: View) {
        self.0.run((view, false));
    }

    pub fn set(&self, view: View, replace: bool) {
        self.0.run((view, replace));
    }
}

#[component]
pub fn ListPage() -> impl IntoView {
    view! {
        <WithSite let:site>
            <ArticleBrowser site />
        </WithSite>
    }
}

#[component]
fn ArticleBrowser(site: Site) -> impl IntoView {
    let query = use_query_map();
    let view_memo = Memo::new(move |_| {
        query.with(|q| {
            let pairs: Vec<(String, String)> = ["topic", "from", "to", "q", "sort"]
                .iter()
                .flat_map(|k| {
                    q.get_all(k)
                        .unwrap_or_default()
                        .into_iter()
                        .map(move |v| (k.to_string(), v))
                })
                .collect();
            view_from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        })
    });
    let navigate = use_navigate();
    let set_view = SetView(Callback::new(move |(view, replace): (View, bool)| {
        mark("dateline:change");
        let options = NavigateOptions {
            replace,
            scroll: false,
            resolve: false,
            ..NavigateOptions::default()
        };
        navigate(&href(&view_path(&view)), options);
    }));
    provide_context(set_view);

    // A search runs once its index chunks are in; the effect fetches them.
    let terms = Memo::new(move |_| view_memo.with(|v| Terms::parse(&v.q)));
    let reader = site.clone();
    let search_pending = Memo::new(move |_| {
        let wanted = terms.get();
        reader.read(|a| a.search_needs(&wanted)) != SearchNeeds::Nothing
    });
    let searcher = site.clone();
    Effect::new(move |_| {
        let wanted = terms.get();
        if search_pending.get() {
            searcher.search.set(SearchState::Fetching);
            searcher.prepare_search(wanted, move |t| terms.get_untracked() == *t);
        } else {
            searcher.search.set(SearchState::Ready);
        }
    });

    let runner = site.clone();
    let outcome: Memo<Arc<Outcome>> = Memo::new(move |_| {
        mark("dateline:query-start");
        let outcome = Arc::new(view_memo.with(|v| runner.read(|a| a.run(v))));
        if let Some(perf) = window().performance() {
            let _ = perf.measure_with_start_mark("dateline:query", "dateline:query-start");
        }
        outcome
    });
    let count_label = move || {
        if search_pending.get() {
            "Searching…".to_string()
        } else {
            count_text(outcome.with(|o| o.hits.len()))
        }
    };
    Effect::new(move |_| {
        search_pending.track();
        let expected = outcome.with(|o| count_text(o.hits.len()));
        let Some(perf) = window().performance() else {
            return;
        };
        if perf.get_entries_by_name("dateline:change").length() == 0 {
            return;
        }
        // Effects run after the view's own updates: the DOM already shows this
        // outcome here ("dateline:update"). A zero timeout then ends after the
        // browser's next rendering step when one is due ("dateline:settled").
        let shown = document()
            .query_selector(".result-count")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t == expected);
        // While a search waits for its index chunks the count says "Searching…":
        // the change is measured when its results are shown.
        if !shown {
            return;
        }
        let _ = perf.measure_with_start_mark("dateline:update", "dateline:change");
        set_timeout(
            move || {
                let _ = perf.measure_with_start_mark("dateline:settled", "dateline:change");
                perf.clear_marks_with_mark_name("dateline:change");
            },
            std::time::Duration::ZERO,
        );
    });

    let span_site = site.clone();
    let span = Memo::new(move |_| span_site.read(|a| a.engine.span()));
    // Effects run after the DOM is updated; the frame after it is the first list painted.
    Effect::new(move |first: Option<()>| {
        if first.is_none() {
            mark("dateline:list-rendered");
            request_animation_frame(|| {
                set_timeout(|| mark("dateline:list-painted"), std::time::Duration::ZERO)
            });
        }
    });
    let skipped = site.read_untracked(|a| a.catalog.skipped.clone());
    let heading = {
        let site = site.clone();
        move || {
            let view = view_memo.get();
            match view.topics.as_slice() {
                [] if view.q.trim().is_empty() => "Latest news".to_string(),
                [] => format!("Search: {}", view.q.trim()),
                topics => topics
                    .iter()
                    .map(|t| {
                        site.read_untracked(|a| {
                            a.catalog
                                .topic_label(t)
                                .unwrap_or(if t == "none" { "No topic" } else { t })
                                .to_string()
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        }
    };
    let title = {
        let heading = heading.clone();
        move || {
            if view_memo.with(|v| *v == View::default()) {
                String::new()
            } else {
                heading()
            }
        }
    };
    let filtered = move || view_memo.with(|v| *v != View::default());

    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 900.0);

    view! {
        <Title text=title />
        <div class="browser">
            <header class="list-header">
                <h1 id="list-title">{heading}</h1>
                <SearchBox view=view_memo />
                <div class="list-tools">
                    <p class="result-count" role="status" aria-live="polite">
                        {count_label}
                    </p>
                    <Show when=filtered>
                        <a class="clear-all" href=href("/")>"Clear all filters"</a>
                    </Show>
                    <SortChoice view=view_memo outcome />
                </div>
            </header>
            <aside class="filters" aria-label="Filters">
                <details class="filters-panel" open=wide>
                    <summary>
                        "Filters"
                        {move || {
                            let n = view_memo.with(|v| v.topics.len() + usize::from(v.from.is_some() || v.to.is_some()));
                            (n > 0).then(|| format!(" ({n} active)"))
                        }}
                    </summary>
                    {move || view! { <DateFilter view=view_memo span=span.get() /> }}
                    <Histogram view=view_memo outcome />
                    <TopicFilter view=view_memo outcome />
                </details>
            </aside>
            <section class="results-column" aria-labelledby="list-title">
                <ArchiveProgress site=site.clone() />
                {(!skipped.is_empty()).then(|| view! { <SkippedNotice skipped /> })}
                <SearchStatus site=site.clone() pending=search_pending terms />
                <Show when=move || !search_pending.get()>
                    <Results site=site.clone() outcome view=view_memo />
                </Show>
            </section>
        </div>
    }
}

/// While a search's index chunks download: say so; when they fail: say
/// which, and offer to try again.
#[component]
fn SearchStatus(site: Site, pending: Memo<bool>, terms: Memo<Terms>) -> impl IntoView {
    let state = site.search;
    move || match state.get() {
        SearchState::Failed(e) if pending.get() => {
            let site = site.clone();
            view! {
                <div class="notice failed" role="alert">
                    <p>{format!("This search could not be run: {e}")}</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            site.search.set(SearchState::Fetching);
                            site.prepare_search(terms.get_untracked(), move |t| terms.get_untracked() == *t);
                        }
                    >
                        "Try again"
                    </button>
                </div>
            }
            .into_any()
        }
        _ if pending.get() => view! {
            <p class="notice progress" role="status">
                <span class="spinner small" aria-hidden="true"></span>
                "Searching the archive…"
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
