//! Dateline's browser app: `app` (the shell and router), `routes` (a file per
//! page), `components`, `context` (what pages and components share),
//! `api` (fetching the site data), `boot` (the page the app takes over)
//! and `schedule` (when work runs). The pure core is the `dateline-core`
//! crate, the native importer and site builder the `dateline-tools` crate.

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod boot;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod context;
#[cfg(target_arch = "wasm32")]
mod listing;
#[cfg(target_arch = "wasm32")]
mod perf;
#[cfg(target_arch = "wasm32")]
mod routes;
#[cfg(target_arch = "wasm32")]
pub mod schedule;
#[cfg(target_arch = "wasm32")]
mod shelf;
