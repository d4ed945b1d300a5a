use leptos::ev;
use leptos::prelude::*;

use crate::context::SetView;
use dateline_core::model::Date;
use dateline_core::query::{preset_anchor, preset_range, View, PRESETS};
use dateline_core::urls::parse_day;

/// Today's date on the reader's clock.
fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
}

/// From/to by calendar day, and presets counted back from the newest article.
#[component]
pub fn DateFilter(view: Memo<View>, span: Option<(Date, Date)>) -> impl IntoView {
    let set_view = SetView::get();
    let Some((oldest, newest)) = span else {
        return view! { <p class="muted">"No dated articles to filter by date."</p> }.into_any();
    };
    let anchor = today().map_or(newest, |today| preset_anchor(newest, today));
    let presets = PRESETS
        .iter()
        .map(|&(label, _, days)| {
            let (from, to) = preset_range(anchor, days);
            let active = move || view.with(|v| v.from == Some(from) && v.to == Some(to));
            view! {
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || active().to_string()
                    on:click=move |_| set_view.push(View { from: Some(from), to: Some(to), ..view.get_untracked() })
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let all_active = move || view.with(|v| v.from.is_none() && v.to.is_none());
    let set_bound = move |is_from: bool| {
        move |ev: ev::Event| {
            let value = parse_day(&event_target_value(&ev));
            let mut next = view.get_untracked();
            if is_from {
                next.from = value;
            } else {
                next.to = value;
            }
            if let (Some(f), Some(t)) = (next.from, next.to) {
                if f > t {
                    (next.from, next.to) = (Some(t), Some(f));
                }
            }
            set_view.push(next);
        }
    };
    view! {
        <fieldset class="date-filter">
            <legend>"Date"</legend>
            <div class="presets" role="group" aria-label="Date presets">
                {presets}
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || all_active().to_string()
                    on:click=move |_| set_view.push(View { from: None, to: None, ..view.get_untracked() })
                >
                    "All dates"
                </button>
            </div>
            <div class="range">
                <DayInput label="From" oldest newest value=Signal::derive(move || view.with(|v| v.from)) on_change=set_bound(true) />
                <DayInput label="To" oldest newest value=Signal::derive(move || view.with(|v| v.to)) on_change=set_bound(false) />
            </div>
        </fieldset>
    }
    .into_any()
}

#[component]
fn DayInput<F>(
    label: &'static str,
    oldest: Date,
    newest: Date,
    value: Signal<Option<Date>>,
    on_change: F,
) -> impl IntoView
where
    F: Fn(ev::Event) + 'static,
{
    view! {
        <label>
            {label}
            <input
                type="date"
                name=label.to_lowercase()
                min=oldest.iso()
                max=newest.iso()
                prop:value=move || value.get().map(Date::iso).unwrap_or_default()
                on:change=on_change
            />
        </label>
    }
}
