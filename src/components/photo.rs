use leptos::prelude::*;

use dateline_core::model::Photo;

/// A photo with its caption and credit. Without an image URL it is still a
/// captioned figure, never a broken image.
#[component]
pub fn PhotoFigure(photo: Photo) -> impl IntoView {
    let has_image = photo.url.is_some();
    let alt = photo.alt.clone().unwrap_or_else(|| photo.caption.clone());
    view! {
        <figure class="photo" class:no-image=!has_image>
            {match photo.url {
                Some(url) => view! { <img src=url alt=alt loading="lazy" decoding="async" /> }.into_any(),
                None => view! { <div class="photo-placeholder" aria-hidden="true">"Photo"</div> }.into_any(),
            }}
            <figcaption>
                <span class="caption">{photo.caption}</span>
                {photo.credit.map(|c| view! { " " <span class="credit">{c}</span> })}
            </figcaption>
        </figure>
    }
}
