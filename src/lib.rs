//! Dateline: an offline-first news reader. `model` is the article bundle and
//! runs anywhere; `importer` is native only; `app` and its pages are the
//! browser UI.

pub mod data;
pub mod model;
pub mod query;
pub mod urls;

#[cfg(not(target_arch = "wasm32"))]
pub mod importer;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod routes;
