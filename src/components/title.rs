//! The document title, "<page> — Dateline" (just "Dateline" for an empty page
//! name). An effect: the title is outside the app's own DOM.

use leptos::prelude::*;

use dateline_core::model::text::document_title;

#[component]
pub fn Title(#[prop(into)] text: Signal<String>) -> impl IntoView {
    Effect::new(move |_| document().set_title(&document_title(&text.get())));
}
