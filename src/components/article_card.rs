use std::sync::Arc;

use leptos::prelude::*;

use super::blocks::{build, CardContent, Content};
use super::save_button::save_button;
use crate::shelf::ShelfStore;
use dateline_core::model::Article;
use dateline_core::query::search::Terms;

/// An article in the list. Its topic, headline, facts and summary are
/// `dateline_core::markup::card`, which the site builder also writes into the
/// prerendered list page, so the two are one markup; the view adds what only
/// the app does: read state (dimmed, "Read") and Save.
///
/// A plain function, and the card's text built from data rather than a
/// `view!` per part, which cost the wasm 1.9 kB gzip more.
pub fn article_card(
    article: Article,
    topic: Option<String>,
    photos: usize,
    words: u32,
    link: Signal<String>,
    terms: Terms,
) -> impl IntoView {
    let store = ShelfStore::get();
    let read = {
        let id = article.id.clone();
        Memo::new(move |_| store.is_read(&id))
    };
    let (id, title) = (article.id.clone(), article.title.clone());
    let key = id.clone();
    let content = Content::Card(Arc::new(CardContent {
        article,
        topic,
        photos,
        words,
        terms,
        link,
        read,
    }));
    view! {
        // `data-id`: which article the keyboard's `s` and `u` act on.
        <article class="card" class:read=read data-id=key use:build=content>
            {save_button(id, title)}
        </article>
    }
}
