//! Renders a page once the site data's first part is in, with the loading
//! and error states every page shares.

use leptos::prelude::*;

use super::states::{keep_prerendered_page, LoadFailed, Loading};
use crate::api::{LoadError, Site, SiteResult};
use crate::boot::boot_done;
use crate::context::{Loaded, SiteData};

#[component]
pub fn WithSite<F, V>(children: F) -> impl IntoView
where
    F: Fn(Site) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let site = SiteData::get().0;
    move || match site.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(site)) => children(site).into_any(),
        Some(Err(error)) => site_failed(&site, error),
    }
}

/// A prerendered page stays readable; elsewhere the error state. (Not in
/// `WithSite`, which is generic: each page would get its own copy.)
fn site_failed(site: &Loaded<SiteResult>, error: LoadError) -> AnyView {
    let retry = site.clone();
    if keep_prerendered_page(&error.to_string(), Box::new(move || retry.reload())) {
        return ().into_any();
    }
    boot_done();
    view! { <LoadFailed error /> }.into_any()
}
