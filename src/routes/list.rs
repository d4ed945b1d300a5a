//! The article list with its filters. The URL's query string is the whole
//! state: every control reads the `View` parsed from it and writes a new URL.

use std::sync::Arc;

use crate::components::title::Title;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::Loaded;
use crate::app::href;
use crate::components::filters::{DateFilter, Histogram, SearchBox, SortChoice, TopicFilter};
use crate::components::loaded::WithCatalog;
use crate::components::results::Results;
use crate::components::states::SkippedNotice;
use crate::model::text::count_text;
use crate::query::{Outcome, View};
use crate::urls::{view_from_pairs, view_path};

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
        <WithCatalog let:catalog>
            <ArticleBrowser catalog />
        </WithCatalog>
    }
}

fn mark(name: &str) {
    if let Some(perf) = window().performance() {
        let _ = perf.mark(name);
    }
}

#[component]
fn ArticleBrowser(catalog: Arc<Loaded>) -> impl IntoView {
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

    let engine_owner = catalog.clone();
    let outcome: Memo<Arc<Outcome>> = Memo::new(move |_| {
        mark("dateline:query-start");
        let outcome = Arc::new(view_memo.with(|v| engine_owner.run(v)));
        if let Some(perf) = window().performance() {
            let _ = perf.measure_with_start_mark("dateline:query", "dateline:query-start");
        }
        outcome
    });
    Effect::new(move |_| {
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
        if shown {
            let _ = perf.measure_with_start_mark("dateline:update", "dateline:change");
        }
        set_timeout(
            move || {
                let _ = perf.measure_with_start_mark("dateline:settled", "dateline:change");
                perf.clear_marks_with_mark_name("dateline:change");
            },
            std::time::Duration::ZERO,
        );
    });

    let span = catalog.engine().span();
    // The list is on screen without the search index; build it right after,
    // so the first keystroke finds it ready.
    if !catalog.engine().search_ready() {
        let loaded = catalog.clone();
        set_timeout(
            move || {
                mark("dateline:index-start");
                loaded.engine().build_search(&loaded);
                if let Some(perf) = window().performance() {
                    let _ = perf.measure_with_start_mark("dateline:index", "dateline:index-start");
                }
            },
            std::time::Duration::from_millis(50),
        );
    }
    let skipped = catalog.skipped.clone();
    let heading = {
        let catalog = catalog.clone();
        move || {
            let view = view_memo.get();
            match view.topics.as_slice() {
                [] if view.q.trim().is_empty() => "Latest news".to_string(),
                [] => format!("Search: {}", view.q.trim()),
                topics => topics
                    .iter()
                    .map(|t| {
                        catalog
                            .topic_label(t)
                            .unwrap_or(if t == "none" { "No topic" } else { t })
                            .to_string()
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
                        {move || count_text(outcome.with(|o| o.hits.len()))}
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
                    <DateFilter view=view_memo span />
                    <Histogram view=view_memo outcome />
                    <TopicFilter view=view_memo outcome />
                </details>
            </aside>
            <section class="results-column" aria-labelledby="list-title">
                {(!skipped.is_empty()).then(|| view! { <SkippedNotice skipped /> })}
                <Results catalog=catalog.clone() outcome />
            </section>
        </div>
    }
}
