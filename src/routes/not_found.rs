use crate::components::title::Title;
use leptos::prelude::*;

use crate::context::href;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found".to_string() />
        <section class="state not-found" aria-labelledby="not-found-title">
            <h1 id="not-found-title">"Page not found"</h1>
            <p>"There is no article at this address. It may have been moved, or the link may be mistyped."</p>
            <p><a href=href("/")>"Go to the latest articles"</a></p>
        </section>
    }
}
