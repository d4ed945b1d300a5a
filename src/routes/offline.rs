//! `/offline`: what this browser can show without a connection, and a way to
//! save everything. The service worker does the work (`tools/src/web/sw.js`): it
//! keeps data files as they are read, and answers this page's two questions,
//! "what is saved?" and "save the next few missing files".

use gloo_events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::components::blocks::{part, show, Dom};
use crate::components::title::Title;
use dateline_core::markup::Markup;
use dateline_core::model::text::{byte_size, group_thousands};

/// The service worker's answer: per kind of file, (saved, all).
#[derive(Clone, Debug, PartialEq, Default)]
struct Saved {
    articles: usize,
    catalog: (usize, usize),
    index: (usize, usize),
    bodies: (usize, usize),
    bytes: u64,
    total: u64,
    missing: usize,
    missing_bytes: u64,
}

const NO_ANSWER: &str = "The offline store did not answer; reload the page to try again.";

/// The service worker controlling this page, if any.
fn controller() -> Option<web_sys::ServiceWorker> {
    window().navigator().service_worker().controller()
}

fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

impl Saved {
    fn from_answer(data: &JsValue) -> Result<Saved, String> {
        if let Some(error) = field(data, "error").as_string() {
            return Err(error);
        }
        let number = |key: &str| field(data, key).as_f64().unwrap_or(0.0) as u64;
        let pair = |key: &str| {
            let counts = js_sys::Array::from(&field(data, key));
            let at = |i| counts.get(i).as_f64().unwrap_or(0.0) as usize;
            (at(0), at(1))
        };
        Ok(Saved {
            articles: number("articles") as usize,
            catalog: pair("catalog"),
            index: pair("index"),
            bodies: pair("body"),
            bytes: number("bytes"),
            total: number("total"),
            missing: number("missing") as usize,
            missing_bytes: number("missingBytes"),
        })
    }
}

/// Asks the service worker one question, over a channel of its own, and
/// waits (up to ten seconds) for its one answer.
async fn ask(worker: &web_sys::ServiceWorker, question: &str) -> Result<Saved, String> {
    let channel = web_sys::MessageChannel::new().map_err(|_| NO_ANSWER.to_string())?;
    let answer = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
    });
    let timeout = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10_000);
    });
    worker
        .post_message_with_transferable(&question.into(), &js_sys::Array::of1(&channel.port2()))
        .map_err(|_| NO_ANSWER.to_string())?;
    let first = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(
        &answer, &timeout,
    )))
    .await
    .map_err(|_| NO_ANSWER.to_string())?;
    let event: web_sys::MessageEvent = first.dyn_into().map_err(|_| NO_ANSWER.to_string())?;
    Saved::from_answer(&event.data())
}

#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Title text="Offline reading".to_string() />
        <section class="offline-page" aria-labelledby="offline-title" use:offline_status />
    }
}

fn describe(label: &str, (have, all): (usize, usize), whole: &str, part: &str) -> String {
    if have == all {
        format!("{label}: {whole}")
    } else {
        format!(
            "{label}: {part} ({} of {} parts saved)",
            group_thousands(have),
            group_thousands(all)
        )
    }
}

impl Saved {
    /// What the page says, one line per kind of file, then the total.
    fn lines(&self) -> Vec<String> {
        vec![
            "The app: saved".to_string(),
            describe(
                "The article list, dates and topic filters",
                self.catalog,
                "saved, all articles",
                "only the newest articles",
            ),
            describe(
                "Search",
                self.index,
                "every word",
                "only words already searched for",
            ),
            describe(
                "Full text",
                self.bodies,
                &format!("all {} articles", group_thousands(self.articles)),
                "only articles already opened, and those stored beside them",
            ),
            format!(
                "Saved in this browser: {} of {}.",
                byte_size(self.bytes),
                byte_size(self.total)
            ),
        ]
    }
}

/// The page's state as plain text, so the view has one shape.
#[derive(Clone, Default, PartialEq)]
struct Shown {
    lines: Vec<String>,
    /// The save button's label, when there is something to save.
    save: Option<String>,
    message: Option<String>,
}

impl Shown {
    fn from_saved(saved: Saved, message: Option<String>) -> Shown {
        let done = saved.missing == 0;
        Shown {
            lines: saved.lines(),
            save: (!done).then(|| {
                format!(
                    "Save everything for offline ({})",
                    byte_size(saved.missing_bytes)
                )
            }),
            message: message.or_else(|| {
                done.then(|| "Everything is saved: Dateline works fully offline here.".into())
            }),
        }
    }

    fn message(message: String) -> Shown {
        Shown {
            message: Some(message),
            ..Shown::default()
        }
    }
}

/// The page's heading, what is saved, and the button to save the rest:
/// built from data (`components/filters/parts.rs` says why), brought up to
/// date by one effect.
fn offline_status(section: Element) {
    let shown = RwSignal::new(Shown::message("Checking what is saved…".into()));
    let saving = RwSignal::new(false);
    match controller() {
        Some(worker) => leptos::task::spawn_local(async move {
            shown.set(match ask(&worker, "offline-status").await {
                Ok(saved) => Shown::from_saved(saved, None),
                Err(message) => Shown::message(message),
            });
        }),
        None => shown.set(Shown {
            lines: vec!["The app: not saved (offline support starts after the next visit, over HTTPS or localhost)".into()],
            ..Shown::default()
        }),
    }
    let mut dom = Dom::new();
    let h1 = dom.element_with_text(&section, "h1", "Offline reading");
    dom.attribute(&h1, "id", "offline-title");
    let lines = part(&mut dom, &section, "ul", "offline-status");
    let message = part(&mut dom, &section, "p", "save-progress");
    dom.attribute(&message, "role", "status");
    let button = part(&mut dom, &section, "button", "button");
    dom.attribute(&button, "type", "button");
    let click = EventListener::new(&button, crate::components::events::CLICK, move |_| {
        saving.set(true);
        leptos::task::spawn_local(async move {
            // Looked up again here: the page holds no handle to the worker.
            let result = match controller() {
                Some(worker) => save_everything(&worker, shown).await,
                None => Err(NO_ANSWER.to_string()),
            };
            saving.set(false);
            match result {
                Ok(saved) => shown.set(Shown::from_saved(saved, None)),
                Err(message) => shown.update(|s| s.message = Some(message)),
            }
        });
    });
    Effect::new(move |_| {
        // The listener lives as long as this effect: both go with the page.
        let _ = &click;
        shown.with(|s| {
            lines.set_text_content(None);
            for line in &s.lines {
                dom.element_with_text(&lines, "li", line);
            }
            message.set_text_content(s.message.as_deref());
            button.set_text_content(s.save.as_deref());
            show(&button, s.save.is_some());
        });
        let _ = button.toggle_attribute_with_force("disabled", saving.get());
    });
}

/// Asks the service worker to save batch after batch, showing progress,
/// until nothing is missing. (The total can grow as it goes: a saved table
/// makes the files it lists known.)
async fn save_everything(
    worker: &web_sys::ServiceWorker,
    shown: RwSignal<Shown>,
) -> Result<Saved, String> {
    let mut saved = ask(worker, "offline-status").await?;
    while saved.missing > 0 {
        let progress = format!(
            "Saving… {} of {} saved",
            byte_size(saved.bytes),
            byte_size(saved.total)
        );
        shown.set(Shown::from_saved(saved.clone(), Some(progress)));
        let next = ask(worker, "offline-save").await?;
        if next.missing > 0 && next.bytes <= saved.bytes {
            return Err(
                "Saving stopped: the browser kept no more files (is its storage full?).".into(),
            );
        }
        saved = next;
    }
    Ok(saved)
}
