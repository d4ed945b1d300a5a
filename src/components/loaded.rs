//! Renders a page once the site data's first part is in, with the loading
//! and error states every page shares.

use leptos::prelude::*;

use super::states::{LoadFailed, Loading};
use crate::api::Site;
use crate::context::{boot_done, SiteData};

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
        Some(Err(error)) => {
            boot_done();
            view! { <LoadFailed error /> }.into_any()
        }
    }
}
