//! Fetching the site data: its URLs, its errors, and the order things come
//! in. The first screen needs only the manifest and the first catalog part;
//! the rest of the catalog streams in behind it, index chunks come per
//! search and body shards per article.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::perf;
use crate::schedule::{painted, sleep};
use dateline_core::data::archive::{Archive, IndexFile, Located, SearchNeeds};
use dateline_core::data::{DataError, Manifest, Part, MANIFEST_URL};
use dateline_core::model::Article;
use dateline_core::query::search::Terms;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("{file} could not be downloaded ({reason}); check your connection and try again")]
    Network { file: String, reason: String },
    #[error("The server answered {status} {status_text} for {file}")]
    Http {
        file: String,
        status: u16,
        status_text: String,
    },
    #[error(transparent)]
    Data(#[from] DataError),
}

/// The request index.html's inline script already started (and read) for a
/// file, if any; each is taken once (a retry makes a new one).
fn early_request(file: &str) -> Option<js_sys::Promise> {
    let requests = js_sys::Reflect::get(&window(), &"__datelineFirst".into()).ok()?;
    let requests: &js_sys::Object = requests.dyn_ref()?;
    let key = JsValue::from_str(file);
    let request = js_sys::Reflect::get(requests, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(requests, &key);
    Some(request)
}

/// Downloads one data file (URLs are relative to the document's `<base>`).
/// Hashed files never change, so the HTTP cache may answer; the manifest is
/// revalidated every time.
async fn download(file: &str, revalidate: bool) -> Result<Vec<u8>, LoadError> {
    let network = |e: JsValue| LoadError::Network {
        file: file.to_string(),
        reason: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the request failed".into()),
    };
    // An early request comes read: [response, body].
    let (response, body) = match early_request(file) {
        Some(request) => {
            let pair: js_sys::Array = JsFuture::from(request)
                .await
                .map_err(network)?
                .unchecked_into();
            (
                pair.get(0).unchecked_into::<web_sys::Response>(),
                Some(pair.get(1)),
            )
        }
        None => {
            let init = web_sys::RequestInit::new();
            if revalidate {
                init.set_cache(web_sys::RequestCache::NoCache);
            }
            let request = window().fetch_with_str_and_init(file, &init);
            let response = JsFuture::from(request).await.map_err(network)?;
            (response.unchecked_into(), None)
        }
    };
    if !response.ok() {
        return Err(LoadError::Http {
            file: file.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let body = match body {
        Some(body) => body,
        None => JsFuture::from(response.array_buffer().map_err(network)?)
            .await
            .map_err(network)?,
    };
    Ok(js_sys::Uint8Array::new(&body).to_vec())
}

/// How far the catalog has streamed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Stream {
    Loading,
    Complete,
    /// A part failed: what came before it stays, the rest waits for a retry.
    Failed(LoadError),
}

/// The site data, shared by every page. The archive grows as files arrive
/// (catalog parts, index chunks, body shards); it lives in a signal, so what
/// reads it through `read` updates when it does.
///
/// Loading the first screen is a load once with retry (`context::Loaded`,
/// hand-made for the wasm budget), but the rest of the catalog is not one: it streams in part by part into the same
/// archive, whose every intermediate state must show (counts and lists
/// cover what has arrived, with the progress notice). A resource resolves
/// once per fetch; the archive here changes 22 times at Reuters and 23 at
/// 200k while the list stays interactive, so the stream is a task that
/// writes the signal part by part.
#[derive(Clone)]
pub struct Site {
    archive: std::sync::Arc<std::sync::RwLock<Archive>>,
    changed: ArcTrigger,
    pub stream: ArcRwSignal<Stream>,
    /// The search whose index files could not be fetched, and why: shown
    /// while that search is the current one.
    pub search_failure: ArcRwSignal<Option<(Terms, LoadError)>>,
}

pub type SiteResult = Result<Site, LoadError>;

impl Site {
    pub fn read<R>(&self, f: impl FnOnce(&Archive) -> R) -> R {
        self.changed.track();
        self.read_untracked(f)
    }

    pub fn read_untracked<R>(&self, f: impl FnOnce(&Archive) -> R) -> R {
        f(&self.archive.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn update<R>(&self, f: impl FnOnce(&mut Archive) -> R) -> R {
        let out = f(&mut self.archive.write().unwrap_or_else(|e| e.into_inner()));
        self.changed.notify();
        out
    }

    async fn next_part(&self) -> Result<bool, LoadError> {
        let Some(part) = self.read_untracked(|a| a.next_part().map(|(_, p)| p.clone())) else {
            return Ok(false);
        };
        let bytes = download(&part.file, false).await?;
        self.update(|a| a.add_part(&bytes))?;
        Ok(true)
    }

    /// Fetches the remaining catalog parts one after another (a failure
    /// stops the stream; calling this again resumes it). It starts once the
    /// first list is on screen: nothing after the first part is needed for
    /// it, so nothing else is downloaded before it.
    pub fn stream_rest(&self) {
        let site = self.clone();
        self.stream.set(Stream::Loading);
        leptos::task::spawn_local(async move {
            painted().await;
            loop {
                match site.next_part().await {
                    Ok(true) => {}
                    Ok(false) => {
                        perf::catalog_complete();
                        site.stream.set(Stream::Complete);
                        return;
                    }
                    Err(e) => {
                        site.stream.set(Stream::Failed(e));
                        return;
                    }
                }
            }
        });
    }

    /// Fetches whatever the search for `terms` still needs: the search
    /// runs as soon as the archive has it (the list's answer stops waiting).
    /// A failure is kept with its terms, so it shows only for that search.
    pub fn prepare_search(&self, terms: Terms) {
        let site = self.clone();
        self.search_failure.set(None);
        leptos::task::spawn_local(async move {
            loop {
                let needs = site.read_untracked(|a| a.search_needs(&terms));
                let result = match needs {
                    SearchNeeds::Nothing => return,
                    SearchNeeds::Files(files) => fetch_index_files(&site, files).await,
                };
                if let Err(e) = result {
                    site.search_failure.set(Some((terms, e)));
                    return;
                }
            }
        });
    }

    /// Fetches the body shard table, unless it is in.
    async fn ensure_body_table(&self) -> Result<(), LoadError> {
        if self.read_untracked(|a| a.body_table().is_none()) {
            let part = self.read_untracked(|a| a.manifest.bodies.clone());
            let bytes = download(&part.file, false).await?;
            self.update(|a| a.set_body_table(&bytes))?;
        }
        Ok(())
    }

    /// The whole article: its shard is fetched on first need. Which shard
    /// holds it follows from its place in the catalog, so an article not in
    /// the parts so far waits for the stream to bring it (the newest are in
    /// the first part); `None` once the whole catalog is in without it.
    pub async fn article(&self, id: String) -> Result<Option<Article>, LoadError> {
        self.ensure_body_table().await?;
        loop {
            let (i, part) = match self.read_untracked(|a| a.locate(&id)) {
                Located::Shard(i, part) => (i, part),
                Located::Nowhere => return Ok(None),
                Located::NotYet => {
                    if let Stream::Failed(e) = self.stream.get_untracked() {
                        return Err(e);
                    }
                    sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            };
            if !self.read_untracked(|a| a.has_shard(i)) {
                let bytes = download(&part.file, false).await?;
                self.update(|a| a.add_shard(i, &bytes))?;
            }
            return Ok(self.read_untracked(|a| a.article(&id).cloned()));
        }
    }
}

/// Downloads the index files side by side (each a task of its own, since
/// the futures are only polled when awaited); fails with the first error.
async fn fetch_index_files(site: &Site, files: Vec<(IndexFile, Part)>) -> Result<(), LoadError> {
    let (sender, receiver) = futures::channel::mpsc::unbounded();
    let count = files.len();
    for (file, part) in files {
        let (site, sender) = (site.clone(), sender.clone());
        leptos::task::spawn_local(async move {
            let result = match download(&part.file, false).await {
                Ok(bytes) => site
                    .update(|a| a.add_index_file(file, &bytes))
                    .map_err(LoadError::from),
                Err(e) => Err(e),
            };
            let _ = sender.unbounded_send(result);
        });
    }
    let mut results = futures::StreamExt::take(receiver, count);
    while let Some(result) = futures::StreamExt::next(&mut results).await {
        result?;
    }
    Ok(())
}

/// The manifest and the first catalog part: all the first screen needs
/// (index.html has usually requested both already).
pub async fn fetch_site() -> SiteResult {
    // The app's frame is built in the task that starts it; the page it shows
    // is built in another (the first data is often in already: without this
    // the two would be one long task that input and painting wait for).
    painted().await;
    let bytes = download(MANIFEST_URL, true).await?;
    let manifest = Manifest::parse(&bytes)?;
    let site = Site {
        archive: std::sync::Arc::new(std::sync::RwLock::new(Archive::new(manifest))),
        changed: ArcTrigger::new(),
        stream: ArcRwSignal::new(Stream::Loading),
        search_failure: ArcRwSignal::new(None),
    };
    site.next_part().await?;
    perf::first_part_loaded();
    site.stream_rest();
    // Reading the data and building the page with it are two tasks too.
    painted().await;
    Ok(site)
}
