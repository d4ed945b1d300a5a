use leptos::prelude::*;

use crate::context::SetView;
use dateline_core::query::View;

/// "Unread only": hides the articles the reader has opened (or marked read).
pub fn unread_only(view: Memo<View>) -> impl IntoView {
    let set_view = SetView::get();
    let toggle = move |_| {
        let current = view.get_untracked();
        set_view.push(View {
            unread: !current.unread,
            ..current
        });
    };
    view! {
        <label class="unread-only">
            <input type="checkbox" prop:checked=move || view.with(|v| v.unread) on:change=toggle />
            "Unread only"
        </label>
    }
}
