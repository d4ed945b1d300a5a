use std::sync::Arc;

use leptos::prelude::*;

use crate::context::SetView;
use dateline_core::model::text::{group_thousands, plural};
use dateline_core::query::{Bucket, Outcome, Unit, View};

fn bucket_label(bucket: &Bucket, unit: Unit) -> String {
    match unit {
        Unit::Day => bucket.first.long(),
        Unit::Month => format!("{} {}", bucket.first.month_name(), bucket.first.year),
        Unit::Year if bucket.first.year == bucket.last.year => bucket.first.year.to_string(),
        Unit::Year => format!("{}–{}", bucket.first.year, bucket.last.year),
    }
}

/// The current results over time. Clicking a bar narrows the range to it;
/// dragging across bars narrows it to the span.
#[component]
pub fn Histogram(view: Memo<View>, outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let set_view = SetView::get();
    let drag_start = RwSignal::new(None::<usize>);
    let drag_end = RwSignal::new(None::<usize>);
    let histogram = Memo::new(move |_| outcome.with(|o| o.histogram.clone()));
    let select = move |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        let (first, last) = histogram.with_untracked(|h| (h.buckets[lo].first, h.buckets[hi].last));
        drag_start.set(None);
        drag_end.set(None);
        set_view.push(View {
            from: Some(first),
            to: Some(last),
            ..view.get_untracked()
        });
    };
    let in_drag = move |i: usize| match (drag_start.get(), drag_end.get()) {
        (Some(a), Some(b)) => i >= a.min(b) && i <= a.max(b),
        _ => false,
    };
    let bars = move || {
        let h = histogram.get();
        let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
        h.buckets
            .iter()
            .enumerate()
            .map(|(i, bucket)| {
                let label = format!(
                    "{}: {}",
                    bucket_label(bucket, h.unit),
                    plural(bucket.count, "article", "articles")
                );
                // Whole per-mille steps: integer formatting keeps float printing out of the wasm.
                let permille = if bucket.count == 0 {
                    0
                } else {
                    40 + 960 * bucket.count / max
                };
                let height = format!("height: {}.{}%", permille / 10, permille % 10);
                view! {
                    <button
                        type="button"
                        class="bar"
                        class:dragging=move || in_drag(i)
                        class:empty=bucket.count == 0
                        aria-label=label.clone()
                        title=label
                        on:pointerdown=move |ev| {
                            ev.prevent_default();
                            drag_start.set(Some(i));
                            drag_end.set(Some(i));
                        }
                        on:pointerenter=move |_| {
                            if drag_start.get_untracked().is_some() {
                                drag_end.set(Some(i));
                            }
                        }
                        on:pointerup=move |_| {
                            if let Some(start) = drag_start.get_untracked() {
                                if start != i {
                                    select(start, i);
                                }
                            }
                        }
                        on:click=move |_| select(drag_start.get_untracked().unwrap_or(i), i)
                    >
                        <span class="fill" style=height></span>
                    </button>
                }
            })
            .collect_view()
    };
    let caption = move || {
        histogram.with(|h| {
            let unit = match (h.unit, h.buckets.first()) {
                (Unit::Day, _) => "day",
                (Unit::Month, _) => "month",
                (Unit::Year, Some(b)) if b.first.year != b.last.year => "years",
                (Unit::Year, _) => "year",
            };
            let undated = if h.undated > 0 {
                format!(" ({} undated not shown)", group_thousands(h.undated))
            } else {
                String::new()
            };
            format!("Results by {unit}{undated}")
        })
    };
    let ends = move || {
        histogram.with(|h| match (h.buckets.first(), h.buckets.last()) {
            (Some(a), Some(b)) => (bucket_label(a, h.unit), bucket_label(b, h.unit)),
            _ => (String::new(), String::new()),
        })
    };
    view! {
        <Show when=move || histogram.with(|h| !h.buckets.is_empty())>
            <figure class="histogram">
                <figcaption>{caption}</figcaption>
                <div
                    class="bars"
                    role="group"
                    aria-label="Choose a date range: click a bar, or drag across bars"
                    on:pointerleave=move |_| {
                        drag_start.set(None);
                        drag_end.set(None);
                    }
                >
                    {bars}
                </div>
                <div class="axis" aria-hidden="true">
                    <span>{move || ends().0}</span>
                    <span>{move || ends().1}</span>
                </div>
            </figure>
        </Show>
    }
}
