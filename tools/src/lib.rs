//! Dateline's native tools, the `dateline` command. The flow, arrows
//! pointing down only:
//!
//! - `cli`: the command line (clap), progress and summaries;
//! - `update`: one run over the subscriptions (`subscriptions`, OPML);
//! - `fetch` (the polite HTTP client and feed state) and `archive` (the
//!   permanent monthly records, merging and dedup);
//! - `importer`: what people have (pages, feeds, CSV, JSON Lines) to articles;
//!   `site`: the bundle to the site's data, pages, icons and service worker;
//! - `dateline_core`: the model both sides share.
//!
//! Native only: the wasm build cannot reach this crate (the app does not
//! depend on it).

pub mod archive;
pub mod cli;
pub mod fetch;
pub mod importer;
mod output;
pub mod quality;
pub mod score;
pub mod site;
pub mod subscriptions;
pub mod update;
