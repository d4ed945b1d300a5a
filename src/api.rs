//! Fetching the article bundle: its URL, its errors, its parsing.

use std::sync::Arc;

use crate::model::{BundleError, Catalog};

/// Relative, so it resolves against the document's `<base>`: the bundle sits
/// beside index.html whether the site lives at `/` or at `/<repo>/`.
pub const BUNDLE_URL: &str = "articles.json";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("the articles could not be downloaded ({0}); check your connection and try again")]
    Network(String),
    #[error("the server answered {status} {status_text} for the article file")]
    Http { status: u16, status_text: String },
    #[error(transparent)]
    Bundle(#[from] BundleError),
}

pub type CatalogResult = Result<Arc<Catalog>, LoadError>;

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
    Ok(Arc::new(Catalog::from_json(&text)?))
}
