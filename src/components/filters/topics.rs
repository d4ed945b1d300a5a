use std::sync::Arc;

use leptos::prelude::*;

use crate::context::SetView;
use dateline_core::model::text::group_thousands;
use dateline_core::query::search::tokens;
use dateline_core::query::{Outcome, TopicCount, View};

/// How many topics show before "Show all".
const SHORT_LIST: usize = 10;

fn folded(s: &str) -> String {
    tokens(s)
        .into_iter()
        .map(|t| t.word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Multi-select topics, most articles first, each with the count it would give.
#[component]
pub fn TopicFilter(view: Memo<View>, outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let set_view = SetView::get();
    let (find, set_find) = signal(String::new());
    let (show_all, set_show_all) = signal(false);
    let listed = Memo::new(move |_| {
        let needle = folded(&find.get());
        let selected = view.with(|v| v.topics.clone());
        outcome.with(|o| {
            let matching: Vec<&TopicCount> = o
                .topics
                .iter()
                .filter(|t| {
                    needle.is_empty()
                        || folded(&t.label).contains(&needle)
                        || t.slug.contains(&needle)
                })
                .collect();
            let total = matching.len();
            let shown: Vec<TopicCount> = if show_all.get() || !needle.is_empty() {
                matching.into_iter().cloned().collect()
            } else {
                matching
                    .iter()
                    .enumerate()
                    .filter(|(i, t)| *i < SHORT_LIST || selected.contains(&t.slug))
                    .map(|(_, t)| (*t).clone())
                    .collect()
            };
            (shown, total)
        })
    });
    let toggle = move |slug: String| {
        let mut next = view.get_untracked();
        match next.topics.iter().position(|t| *t == slug) {
            Some(i) => {
                next.topics.remove(i);
            }
            None => next.topics.push(slug),
        }
        set_view.push(next);
    };
    let total = move || outcome.with(|o| o.topics.len());

    view! {
        <fieldset class="topic-filter">
            <legend>"Topics"</legend>
            <Show when=move || { total() > SHORT_LIST }>
                <input
                    type="search"
                    class="topic-find"
                    aria-label="Find a topic"
                    placeholder="Find a topic"
                    prop:value=find
                    on:input=move |ev| set_find.set(event_target_value(&ev))
                />
            </Show>
            <ul class="topic-list">
                // Keyed by topic alone: counts change (as the archive streams in)
                // without replacing the checkbox a reader may have focused.
                <For each=move || listed.get().0 key=|t| t.slug.clone() let:topic>
                    {
                        let slug = topic.slug.clone();
                        let checked_slug = slug.clone();
                        let count_slug = slug.clone();
                        let count = Memo::new(move |_| {
                            outcome.with(|o| {
                                o.topics.iter().find(|t| t.slug == count_slug).map_or(0, |t| t.count)
                            })
                        });
                        view! {
                            <li>
                                <label class="topic-choice" class:zero=move || count.get() == 0>
                                    <input
                                        type="checkbox"
                                        value=slug.clone()
                                        prop:checked=move || view.with(|v| v.topics.contains(&checked_slug))
                                        on:change=move |_| toggle(slug.clone())
                                    />
                                    <span class="topic-name">{topic.label.clone()}</span>
                                    <span class="topic-count">{move || group_thousands(count.get())}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || listed.with(|(_, n)| *n == 0)>
                <p class="muted">"No topic matches."</p>
            </Show>
            <Show when=move || { find.with(String::is_empty) && total() > SHORT_LIST }>
                <button
                    type="button"
                    class="link-button"
                    aria-expanded=move || show_all.get().to_string()
                    on:click=move |_| set_show_all.update(|s| *s = !*s)
                >
                    {move || if show_all.get() { "Show fewer topics".to_string() } else { format!("Show all {} topics", total()) }}
                </button>
            </Show>
        </fieldset>
    }
}
