//! "Showing results for opec — search instead for opek": said whenever a
//! search was corrected, with a link that searches the words as typed.

use std::sync::Arc;

use leptos::prelude::*;

use crate::context::href;
use dateline_core::query::{Outcome, Query, View};
use dateline_core::urls::view_path;

#[component]
pub fn SpellingNotice(outcome: Memo<Arc<Outcome>>, view: Memo<View>) -> impl IntoView {
    move || {
        let corrected = outcome.with(|o| {
            (!o.corrections.is_empty()).then(|| view.with(|v| v.q.corrected_text(&o.corrections)))
        })?;
        let (typed, exact_href) = view.with(|v| {
            let exact = View {
                q: Query::exact(v.q.text()),
                ..v.clone()
            };
            (v.q.text().trim().to_string(), href(&view_path(&exact)))
        });
        Some(view! {
            <p class="notice spelling">
                "Showing results for " <strong>{corrected.trim().to_string()}</strong> " — "
                <a href=exact_href>"search instead for " <em>{typed}</em></a>
            </p>
        })
    }
}
