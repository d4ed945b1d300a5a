//! "New version available — reload": shown when the service worker (see
//! index.html) has installed a newer build that waits to take over. Built
//! from data (`filters/parts.rs` says why): the banner is filled when it
//! shows, so its status region announces it.

use gloo_events::EventListener;
use leptos::prelude::*;
use web_sys::Element;

use super::blocks::{event_in, part, show, Dom};
use dateline_core::markup::Markup;

fn update_waiting() -> bool {
    js_sys::Reflect::get(&window(), &"__datelineWaiting".into()).is_ok_and(|w| w.is_truthy())
}

pub fn update_banner() -> impl IntoView {
    view! { <div class="update-banner" role="status" use:banner></div> }
}

fn banner(banner: Element) {
    show(&banner, false);
    let ready = RwSignal::new(update_waiting());
    let listeners = [
        EventListener::new(&window(), "dateline:update-ready", move |_| ready.set(true)),
        EventListener::new(&banner, super::events::CLICK, |event| {
            if event_in(event, "button").is_some() {
                if let Ok(apply) = web_sys::Event::new("dateline:apply-update") {
                    let _ = window().dispatch_event(&apply);
                }
            }
        }),
    ];
    Effect::new(move |_| {
        // The listeners live as long as this effect, as long as the app.
        let _ = &listeners;
        if ready.get() && banner.child_element_count() == 0 {
            show(&banner, true);
            let mut dom = Dom::new();
            dom.element_with_text(&banner, "span", "New version available");
            let button = part(&mut dom, &banner, "button", "button");
            dom.attribute(&button, "type", "button");
            dom.text(&button, "Reload");
        }
    });
}
