//! Fetching the article bundle: its URL, its errors, its parsing.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use crate::model::{BundleError, Catalog};
use crate::query::Engine;

/// Relative, so it resolves against the document's `<base>`: the bundle sits
/// beside index.html whether the site lives at `/` or at `/<repo>/`.
pub const BUNDLE_URL: &str = "articles.json";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("The articles could not be downloaded ({0}); check your connection and try again")]
    Network(String),
    #[error("The server answered {status} {status_text} for the article file")]
    Http { status: u16, status_text: String },
    #[error(transparent)]
    Bundle(#[from] BundleError),
}

/// A loaded bundle, with its query engine built the first time a list needs it.
pub struct Loaded {
    catalog: Catalog,
    engine: OnceLock<Engine>,
}

impl Loaded {
    pub fn engine(&self) -> &Engine {
        self.engine.get_or_init(|| Engine::new(&self.catalog))
    }

    pub fn run(&self, view: &crate::query::View) -> crate::query::Outcome {
        self.engine().run(&self.catalog, view)
    }
}

impl Deref for Loaded {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.catalog
    }
}

pub type CatalogResult = Result<Arc<Loaded>, LoadError>;

// The bundle is fetched once for the app's lifetime, so there is no
// in-flight request to abort on cleanup.
pub async fn fetch_catalog() -> CatalogResult {
    let response = gloo_net::http::Request::get(BUNDLE_URL)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let text = response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    let catalog = Catalog::from_json(&text)?;
    Ok(Arc::new(Loaded {
        catalog,
        engine: OnceLock::new(),
    }))
}
