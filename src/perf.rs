//! The User Timing marks and measures the benchmark (`tests/bench`) reads,
//! all named here: pages say what happened, this module tells the browser.
//! Nothing in the app reads them back.

use dateline_core::data::archive::Answer;
use dateline_core::model::text::count_text;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `performance.measure(name, { start, end })` (User Timing Level 3).
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn measure_with_options(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;
}

fn performance() -> Option<web_sys::Performance> {
    window().performance()
}

fn mark(name: &str) {
    if let Some(perf) = performance() {
        let _ = perf.mark(name);
    }
}

/// Milliseconds on the page's clock.
pub fn now() -> f64 {
    performance().map_or(0.0, |p| p.now())
}

/// The first catalog part is in: the first screen can render.
pub fn first_part_loaded() {
    mark("dateline:first-part");
}

/// The whole catalog is in: every filter counts every article.
pub fn catalog_complete() {
    mark("dateline:catalog-complete");
}

/// An article's page shows its text.
pub fn article_shown() {
    mark("dateline:article-shown");
}

/// A control asked for a new view: the interaction measures start here.
pub fn view_changed() {
    mark("dateline:change");
}

/// A value with the time it took to compute (read from the clock, so a memo
/// can time its own work and leave recording it to an effect).
#[derive(Debug, Clone)]
pub struct Timed<T> {
    pub value: T,
    started: f64,
    finished: f64,
}

pub fn timed<T>(compute: impl FnOnce() -> T) -> Timed<T> {
    let started = now();
    let value = compute();
    Timed {
        value,
        started,
        finished: now(),
    }
}

/// Records the list's figures: each query's compute time (`dateline:query`),
/// each change from the control to the DOM showing its results
/// (`dateline:update`) and to the next rendering step (`dateline:settled`),
/// and the first list rendered and painted.
pub fn track_list(answer: Memo<Timed<Answer>>, shown: Signal<Option<usize>>) {
    Effect::new(move |_| {
        let (started, finished) = answer.with(|t| (t.started, t.finished));
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"start".into(), &started.into());
        let _ = js_sys::Reflect::set(&options, &"end".into(), &finished.into());
        let _ = measure_with_options("dateline:query", &options);
    });
    // This effect follows the count the list shows (what the view's own
    // render effects follow), not the answer they derive it from: subscribed
    // to the answer it ran a step later and measured 2.4 → 9.4 ms for the
    // same keystroke on Reuters (`make bench`).
    Effect::new(move |_| {
        // While a search waits for its index chunks the count says
        // "Searching…": the change is measured when its results are shown.
        let Some(expected) = shown.get().map(count_text) else {
            return;
        };
        let Some(perf) = performance() else {
            return;
        };
        if perf.get_entries_by_name("dateline:change").length() == 0 {
            return;
        }
        // Effects run after the view's own updates: the DOM already shows this
        // outcome here ("dateline:update"). A zero timeout then ends after the
        // browser's next rendering step when one is due ("dateline:settled").
        let shown = document()
            .query_selector(".result-count")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t == expected);
        if !shown {
            return;
        }
        let _ = perf.measure_with_start_mark("dateline:update", "dateline:change");
        set_timeout(
            move || {
                let _ = perf.measure_with_start_mark("dateline:settled", "dateline:change");
                perf.clear_marks_with_mark_name("dateline:change");
            },
            std::time::Duration::ZERO,
        );
    });
    // Effects run after the DOM is updated; the frame after it is the first list painted.
    Effect::new(move |first: Option<()>| {
        if first.is_none() {
            mark("dateline:list-rendered");
            request_animation_frame(|| {
                set_timeout(|| mark("dateline:list-painted"), std::time::Duration::ZERO)
            });
        }
    });
}
