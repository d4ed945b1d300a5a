//! Dateline's pure core, shared by the browser app and the native tools:
//! `model` is the article bundle, `data` the sharded site data the app reads,
//! `query` filtering and search, `urls` the app's URLs. No I/O, no browser.

pub mod data;
pub mod json;
pub mod markup;
pub mod model;
pub mod query;
pub mod shelf;
pub mod urls;
