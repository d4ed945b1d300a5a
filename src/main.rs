#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic's message in the console (the crate `console_error_panic_hook`
    // adds a JS stack trace for 427 B more of the release wasm, gzip -9).
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    // The app starts in a task of its own: the one that compiled the wasm
    // is long enough (`schedule::after_tasks` says why).
    wasm_bindgen_futures::spawn_local(async {
        dateline::schedule::next_task().await;
        leptos::mount::mount_to_body(dateline::app::App);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "dateline-app is the browser app: build it with `make build` (Trunk); \
         the command is `dateline` (`cargo run -p dateline-tools --bin dateline -- --help`)."
    );
    std::process::exit(2);
}
