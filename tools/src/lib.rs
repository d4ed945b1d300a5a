//! Dateline's native tools: `importer` turns what people have into the
//! article bundle, `site` turns the bundle into the site's data, icons,
//! service worker and article pages. Native only: the wasm build cannot reach
//! this crate (the app does not depend on it).

pub mod importer;
mod output;
pub mod quality;
pub mod score;
pub mod site;
