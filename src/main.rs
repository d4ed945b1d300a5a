#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // index.html shows a static "Loading…" until the app takes over.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(dateline::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "dateline is a browser app: build it with `trunk build`; \
         the importer is `cargo run -p dateline-tools --bin dateline-import`."
    );
    std::process::exit(2);
}
