//! "New version available — reload": shown when the service worker (see
//! index.html) has installed a newer build that waits to take over.

use leptos::prelude::*;

fn update_waiting() -> bool {
    js_sys::Reflect::get(&window(), &"__datelineWaiting".into()).is_ok_and(|w| w.is_truthy())
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(update_waiting());
    let _ = window_event_listener_untyped("dateline:update-ready", move |_| ready.set(true));
    let apply = move |_| {
        if let Ok(event) = web_sys::Event::new("dateline:apply-update") {
            let _ = window().dispatch_event(&event);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>"New version available"</span>
                <button type="button" class="button" on:click=apply>
                    "Reload"
                </button>
            </div>
        </Show>
    }
}
