//! Renders a page once the bundle is in, with the loading and error states
//! every page shares.

use std::sync::Arc;

use leptos::prelude::*;

use super::states::{LoadFailed, Loading};
use crate::api::Loaded;
use crate::app::CatalogResource;

#[component]
pub fn WithCatalog<F, V>(children: F) -> impl IntoView
where
    F: Fn(Arc<Loaded>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let catalog = expect_context::<CatalogResource>();
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=|errors| view! { <LoadFailed errors /> }>
                {
                    let children = children.clone();
                    move || {
                        let children = children.clone();
                        Suspend::new(async move { catalog.await.map(|c| children(c)) })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}
