//! A list's answer, shared by the list pages (Latest and Saved) and the
//! article page (its previous and next): the view run over the archive,
//! limited by the reader's shelf where the view asks (the Saved section,
//! unread only).

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::Site;
use crate::perf::{self, Timed};
use crate::shelf::ShelfStore;
use dateline_core::data::archive::Answer;
use dateline_core::query::{Scope, View};

/// The view's answer, new whenever it is recomputed (timed for the benchmark).
/// `opened`: the article being read, which stays in its list under "Unread
/// only" although opening it marked it read (else it would have no
/// previous or next).
pub fn answer(site: Site, view: Memo<View>, opened: Option<String>) -> Memo<Timed<Answer>> {
    let store = ShelfStore::get();
    let scope_site = site.clone();
    // Made again only when the shelf, the catalog or the view's section changes.
    let scope = Memo::new(move |_| {
        let (saved, unread) = view.with(|v| (v.saved, v.unread));
        let limits = View {
            saved,
            unread,
            ..View::default()
        };
        store.shelf.with(|shelf| {
            let unmarked;
            let shelf = match &opened {
                Some(id) if unread && shelf.is_read(id) => {
                    let mut copy = shelf.clone();
                    copy.read.retain(|r| r != id);
                    unmarked = copy;
                    &unmarked
                }
                _ => shelf,
            };
            scope_site.read(|a| {
                Scope::new(
                    a.catalog.articles.iter().map(|x| x.id.as_str()),
                    shelf,
                    &limits,
                )
                .map(Arc::new)
            })
        })
    });
    // The outcome memos after this compare outcomes (once, as the hits of
    // 200,000 articles are worth comparing only once per change).
    Memo::new_with_compare(
        move |_| {
            let scope = scope.get();
            perf::timed(|| view.with(|v| site.read(|a| a.run_in(v, scope.as_deref()))))
        },
        |_, _| true,
    )
}
