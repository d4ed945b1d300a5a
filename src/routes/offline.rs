//! `/offline`: what this browser can show without a connection, and a way to
//! save everything. The service worker caches data files as they are read
//! (cache `dateline-data`); this page reads that cache and can fill it
//! completely.

use std::collections::HashSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::Site;
use crate::components::loaded::WithSite;
use crate::components::title::Title;
use crate::data::{Part, MANIFEST_URL};
use crate::model::text::{byte_size, group_thousands};

/// Shared with `src/web/sw.js`.
const DATA_CACHE: &str = "dateline-data";

#[derive(Clone, Debug, PartialEq, Default)]
struct Saved {
    catalog: (usize, usize),
    index: (usize, usize),
    bodies: (usize, usize),
    bytes: u64,
    total: u64,
    missing: Vec<String>,
}

fn absolute(file: &str) -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(file, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| file.to_string())
}

fn storage() -> Result<web_sys::CacheStorage, String> {
    window().caches().map_err(|_| {
        "This browser keeps no offline copies here (it needs HTTPS or localhost).".to_string()
    })
}

async fn open(storage: &web_sys::CacheStorage, name: &str) -> Result<web_sys::Cache, String> {
    let cache = JsFuture::from(storage.open(name))
        .await
        .map_err(|_| "The offline store could not be opened.".to_string())?;
    Ok(cache.unchecked_into())
}

/// What is saved, by kind. (Files the current data no longer names are
/// dropped by the service worker when a new version takes over.)
async fn survey(site: &Site) -> Result<Saved, String> {
    let files = site.all_files().await.map_err(|e| e.to_string())?;
    // Files read or saved are in the data cache; a small site's data is also
    // precached with the app (in its versioned cache).
    let mut cached = HashSet::new();
    let unreadable = |_| "The offline store could not be read.".to_string();
    let storage = storage()?;
    let names = JsFuture::from(storage.keys()).await.map_err(unreadable)?;
    for name in js_sys::Array::from(&names)
        .iter()
        .filter_map(|n| n.as_string())
        .filter(|n| n.starts_with("dateline-"))
    {
        let store = open(&storage, &name).await?;
        let keys = JsFuture::from(store.keys()).await.map_err(unreadable)?;
        cached.extend(
            js_sys::Array::from(&keys)
                .iter()
                .filter_map(|r| r.dyn_into::<web_sys::Request>().ok())
                .map(|r| r.url()),
        );
    }
    let mut saved = Saved::default();
    for part in files.iter().filter(|p| p.file != MANIFEST_URL) {
        let have = cached.contains(&absolute(&part.file));
        let kind = if part.file.starts_with("data/catalog-") {
            &mut saved.catalog
        } else if part.file.starts_with("data/index-") {
            &mut saved.index
        } else if part.file.starts_with("data/body-") {
            &mut saved.bodies
        } else {
            &mut (0, 0)
        };
        kind.1 += 1;
        kind.0 += usize::from(have);
        saved.total += part.bytes;
        if have {
            saved.bytes += part.bytes;
        } else {
            saved.missing.push(part.file.clone());
        }
    }
    Ok(saved)
}

fn has_service_worker() -> bool {
    js_sys::Reflect::get(&window(), &"navigator".into())
        .ok()
        .and_then(|n| js_sys::Reflect::get(&n, &"serviceWorker".into()).ok())
        .and_then(|sw| js_sys::Reflect::get(&sw, &"controller".into()).ok())
        .is_some_and(|c| !c.is_null() && !c.is_undefined())
}

#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Title text="Offline reading".to_string() />
        <section class="offline-page" aria-labelledby="offline-title">
            <h1 id="offline-title">"Offline reading"</h1>
            <WithSite let:site>
                <OfflineStatus site />
            </WithSite>
        </section>
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
    fn lines(&self, articles: usize) -> Vec<String> {
        let app = if has_service_worker() {
            "The app: saved"
        } else {
            "The app: not saved (offline support starts after the next visit, over HTTPS or localhost)"
        };
        vec![
            app.to_string(),
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
                &format!("all {} articles", group_thousands(articles)),
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

#[component]
fn OfflineStatus(site: Site) -> impl IntoView {
    let shown = RwSignal::new(Shown {
        message: Some("Checking what is saved…".into()),
        ..Shown::default()
    });
    let missing = StoredValue::new((Vec::<String>::new(), 0u64));
    let saving = RwSignal::new(false);
    let articles = site.read_untracked(|a| a.manifest.articles as usize);
    let check = {
        let site = site.clone();
        move |message: Option<String>| {
            let site = site.clone();
            leptos::task::spawn_local(async move {
                let next = match survey(&site).await {
                    Ok(saved) => {
                        let to_save = saved.total - saved.bytes;
                        missing.set_value((saved.missing.clone(), to_save));
                        let done = saved.missing.is_empty();
                        Shown {
                            lines: saved.lines(articles),
                            save: (!done).then(|| {
                                format!("Save everything for offline ({})", byte_size(to_save))
                            }),
                            message: message.or_else(|| {
                                done.then(|| {
                                    "Everything is saved: Dateline works fully offline here.".into()
                                })
                            }),
                        }
                    }
                    Err(message) => Shown {
                        message: Some(message),
                        ..Shown::default()
                    },
                };
                shown.set(next);
            });
        }
    };
    check(None);
    let save_all = move |_| {
        let (site, check) = (site.clone(), check.clone());
        let (files, bytes) = missing.get_value();
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = save(&site, files, bytes, shown).await;
            saving.set(false);
            check(result.err());
        });
    };
    view! {
        <ul class="offline-status">
            {move || shown.with(|s| s.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view())}
        </ul>
        <p class="save-progress" role="status">{move || shown.with(|s| s.message.clone())}</p>
        <Show when=move || shown.with(|s| s.save.is_some())>
            <button type="button" class="button" disabled=move || saving.get() on:click=save_all.clone()>
                {move || shown.with(|s| s.save.clone())}
            </button>
        </Show>
    }
}

/// Downloads every missing file into the offline store, a few at a time.
async fn save(
    site: &Site,
    missing: Vec<String>,
    bytes: u64,
    shown: RwSignal<Shown>,
) -> Result<(), String> {
    let cache = open(&storage()?, DATA_CACHE).await?;
    let sizes: std::collections::HashMap<String, u64> = site
        .all_files()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|p: Part| (p.file, p.bytes))
        .collect();
    let mut done = 0u64;
    for (n, batch) in missing.chunks(8).enumerate() {
        let progress = format!(
            "Saving… {} of {} files ({} of {})",
            group_thousands(n * 8),
            group_thousands(missing.len()),
            byte_size(done),
            byte_size(bytes)
        );
        shown.update(|s| s.message = Some(progress));
        let urls = js_sys::Array::new();
        for file in batch {
            urls.push(&absolute(file).into());
            done += sizes.get(file).copied().unwrap_or(0);
        }
        JsFuture::from(cache.add_all_with_str_sequence(&urls))
            .await
            .map_err(|_| {
                format!(
                    "Saving stopped: {} could not be downloaded. Try again when online.",
                    batch[0]
                )
            })?;
    }
    Ok(())
}
