//! The page the app takes over: the boot element index.html starts with,
//! either the plain "Loading…" or a prerendered page (an article's, or the
//! list's, written by the site builder, `tools/src/site/pages.rs`). This
//! module alone decides when it goes.

use leptos::prelude::{document, request_animation_frame, signal, ReadSignal};

/// An article's static page (written by the site builder, `#boot.prerendered`)
/// stays on screen, the app's nodes hidden behind it (style/main.css), until
/// the app shows that page too (or anything else): then it goes, and the
/// same markup is the app's. The plain "Loading…" boot goes once the app
/// has built its first page (`app::App`).
pub fn boot_done() {
    let prerendered = prerendered();
    if let Some(boot) = document().get_element_by_id("boot") {
        if prerendered {
            // Two frames on: the browser has recorded the static page's
            // paint as the largest (its record is dropped if the node is
            // gone first, and the same text painted by the app would count
            // as painted late).
            request_animation_frame(move || request_animation_frame(move || boot.remove()));
        } else {
            boot.remove();
        }
    }
}

/// Whether the page came with its content prerendered (for this address:
/// the boot's own script makes it the plain "Loading" elsewhere, see
/// `tools/src/site/pages.rs`).
pub fn prerendered() -> bool {
    document()
        .get_element_by_id("boot")
        .is_some_and(|boot| boot.class_name().contains("prerendered"))
}

/// `after_tasks` while a prerendered page covers the app, whose nodes do not
/// show until it goes (so a page built in steps looks the same); true at
/// once afterwards, when a page built in steps would show half built.
pub fn after_tasks_while_covered(tasks: u32) -> ReadSignal<bool> {
    match prerendered() {
        true => crate::schedule::after_tasks(tasks),
        false => signal(true).0,
    }
}
