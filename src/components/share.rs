use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::context::href;
use dateline_core::urls::article_path;

/// `navigator.<name>(args…)` as a promise, when the browser has it.
fn navigator_call(path: &[&str], args: &[JsValue]) -> Option<js_sys::Promise> {
    let mut this: JsValue = window().navigator().into();
    for name in &path[..path.len() - 1] {
        this = js_sys::Reflect::get(&this, &(*name).into()).ok()?;
    }
    let f: js_sys::Function = js_sys::Reflect::get(&this, &path[path.len() - 1].into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&this, &args).ok()?.dyn_into().ok()
}

/// Share the article's address: the system's share sheet where the browser
/// has one (the Web Share API), else the address copied to the clipboard,
/// else the address written out to copy by hand. A polite status says which.
pub fn share_button(id: String, title: String) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let share = move |_| {
        let url = format!(
            "{}{}",
            window().location().origin().unwrap_or_default(),
            href(&article_path(&id))
        );
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.as_str().into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.as_str().into());
        let sheet = navigator_call(&["share"], &[data.into()]);
        leptos::task::spawn_local(async move {
            if let Some(sheet) = sheet {
                // Cancelling the sheet is not an error worth saying.
                let _ = JsFuture::from(sheet).await;
                return;
            }
            let copied = match navigator_call(&["clipboard", "writeText"], &[url.as_str().into()]) {
                Some(p) => JsFuture::from(p).await.is_ok(),
                None => false,
            };
            said.set(if copied {
                "Link copied.".to_string()
            } else {
                format!("Copy this link: {url}")
            });
        });
    };
    view! {
        <button type="button" class="share" on:click=share>"Share"</button>
        <span class="share-status" role="status">{move || said.get()}</span>
    }
}
