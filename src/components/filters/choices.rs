//! The multi-select filters: topics, and each facet (source, place, author,
//! and the lists an import mapped). One component for all, told which
//! filter it is; the view and the outcome know each filter's values.

use std::sync::Arc;

use leptos::prelude::*;

use crate::context::SetView;
use dateline_core::model::text::group_thousands;
use dateline_core::query::search::tokens;
use dateline_core::query::{Filter, Outcome, TopicCount, View};

/// How many values show before "Show all".
const SHORT_LIST: usize = 10;

fn folded(s: &str) -> String {
    tokens(s)
        .into_iter()
        .map(|t| t.word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a filter is called in its controls.
#[derive(Clone)]
pub struct ChoiceWords {
    pub legend: String,
    pub find: String,
    pub none: String,
    /// " topics" in "Show all 121 topics"; empty for "Show all 147".
    pub plural: String,
}

impl ChoiceWords {
    pub fn topics() -> ChoiceWords {
        ChoiceWords {
            legend: "Topics".into(),
            find: "Find a topic".into(),
            none: "No topic matches.".into(),
            plural: " topics".into(),
        }
    }

    pub fn facet(label: &str) -> ChoiceWords {
        ChoiceWords {
            legend: label.into(),
            find: format!("Find in {label}"),
            none: "Nothing matches.".into(),
            plural: String::new(),
        }
    }
}

/// Multi-select values, most articles first, each with the count it would
/// give. `facet`: the facet's name, or `None` for the topics.
#[component]
pub fn ChoiceFilter(
    facet: Option<String>,
    words: ChoiceWords,
    view: Memo<View>,
    outcome: Memo<Arc<Outcome>>,
) -> impl IntoView {
    let set_view = SetView::get();
    let is_facet = facet.is_some();
    let filter = Arc::new(facet.map_or(Filter::Topics, Filter::Facet));
    let (find, set_find) = signal(String::new());
    let (show_all, set_show_all) = signal(false);
    let listed = {
        let filter = filter.clone();
        Memo::new(move |_| {
            let needle = folded(&find.get());
            let selected = view.with(|v| v.chosen(&filter).to_vec());
            outcome.with(|o| {
                let matching: Vec<&TopicCount> = o
                    .values(&filter)
                    .iter()
                    .filter(|t| {
                        needle.is_empty()
                            || folded(&t.label).contains(&needle)
                            || t.slug.contains(&needle)
                    })
                    .collect();
                let total = matching.len();
                let shown: Vec<TopicCount> = matching
                    .into_iter()
                    .enumerate()
                    .filter(|(i, t)| {
                        show_all.get()
                            || !needle.is_empty()
                            || *i < SHORT_LIST
                            || selected.iter().any(|s| **s == *t.slug)
                    })
                    .map(|(_, t)| t.clone())
                    .collect();
                (shown, total)
            })
        })
    };
    let total = {
        let filter = filter.clone();
        move || outcome.with(|o| o.values(&filter).len())
    };
    let class = if is_facet {
        "topic-filter facet-filter"
    } else {
        "topic-filter"
    };
    let show_label = {
        let total = total.clone();
        let plural = words.plural.clone();
        move || {
            if show_all.get() {
                format!("Show fewer{plural}")
            } else {
                format!("Show all {}{plural}", total())
            }
        }
    };

    view! {
        <fieldset class=class>
            <legend>{words.legend.clone()}</legend>
            <Show when={
                let total = total.clone();
                move || total() > SHORT_LIST
            }>
                <input
                    type="search"
                    class="topic-find"
                    aria-label=words.find.clone()
                    placeholder=words.find.clone()
                    prop:value=find
                    on:input=move |ev| set_find.set(event_target_value(&ev))
                />
            </Show>
            <ul class="topic-list">
                // Keyed by value alone: counts change (as the archive streams in)
                // without replacing the checkbox a reader may have focused.
                <For each=move || listed.get().0 key=|t| t.slug.to_string() let:value>
                    {
                        let slug = value.slug.clone();
                        let (count_filter, checked_filter, toggle_filter) =
                            (filter.clone(), filter.clone(), filter.clone());
                        let (count_slug, checked_slug) = (slug.clone(), slug.clone());
                        let count = Memo::new(move |_| {
                            outcome.with(|o| {
                                o.values(&count_filter)
                                    .iter()
                                    .find(|t| t.slug == count_slug)
                                    .map_or(0, |t| t.count)
                            })
                        });
                        view! {
                            <li>
                                <label class="topic-choice" class:zero=move || count.get() == 0>
                                    <input
                                        type="checkbox"
                                        value=slug.clone()
                                        prop:checked=move || {
                                            view.with(|v| v.chosen(&checked_filter).iter().any(|s| **s == *checked_slug))
                                        }
                                        on:change=move |_| {
                                            set_view.push(view.get_untracked().toggled(&toggle_filter, &slug))
                                        }
                                    />
                                    <span class="topic-name">{value.label.clone()}</span>
                                    <span class="topic-count">{move || group_thousands(count.get())}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || listed.with(|(_, n)| *n == 0)>
                <p class="muted">{words.none.clone()}</p>
            </Show>
            <Show when=move || { find.with(String::is_empty) && total() > SHORT_LIST }>
                <button
                    type="button"
                    class="link-button"
                    aria-expanded=move || show_all.get().to_string()
                    on:click=move |_| set_show_all.update(|s| *s = !*s)
                >
                    {show_label.clone()}
                </button>
            </Show>
        </fieldset>
    }
}
