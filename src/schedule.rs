//! When work runs: after the next painted frame, in a task of its own, or
//! after a wait. The app yields with these so that what it just rendered
//! is on screen before long work goes on (the catalog streams in between
//! frames, the first screen is built in one task).

use leptos::prelude::{request_animation_frame, set_timeout, signal, ReadSignal, Set};

/// Resolves after the next frame is painted (the frame that shows what was
/// just rendered), or after a quarter second where frames are not drawn (a
/// tab in the background still streams its catalog).
pub async fn painted() {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    // Whichever comes first sends; the other finds the sender taken.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let send = move |done: std::rc::Rc<std::cell::Cell<_>>| {
        if let Some(done) = done.take() {
            let _ = futures::channel::oneshot::Sender::send(done, ());
        }
    };
    let (frame, late) = (done.clone(), done);
    request_animation_frame(move || set_timeout(move || send(frame), std::time::Duration::ZERO));
    set_timeout(move || send(late), std::time::Duration::from_millis(250));
    let _ = wait.await;
}

/// Resolves after `wait`.
pub async fn sleep(wait: std::time::Duration) {
    let (done, waited) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        wait,
    );
    let _ = waited.await;
}

/// Resolves in a task of its own (a zero timeout).
pub async fn next_task() {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        std::time::Duration::ZERO,
    );
    let _ = wait.await;
}

/// A signal that turns true in a task after the next frame is painted: a
/// part of a page that can wait (the list's filters) is built then, so the
/// page's first build is a shorter task and the browser can paint and answer
/// input in between (Lighthouse's total blocking time).
pub fn after_next_paint() -> ReadSignal<bool> {
    true_after(painted())
}

/// A signal that turns true `tasks` tasks from now: the app builds its
/// frame, its page and what serves every page in tasks of their own. The
/// browser compiles each wasm function the first time it runs, on the main
/// thread, and that is most of the app's start: one task running all that
/// code first would keep input and painting waiting (Lighthouse's total
/// blocking time), a few shorter ones do not.
pub fn after_tasks(tasks: u32) -> ReadSignal<bool> {
    true_after(async move {
        for _ in 0..tasks {
            next_task().await;
        }
    })
}

/// A signal that turns true once `wait` is done.
fn true_after(wait: impl std::future::Future<Output = ()> + 'static) -> ReadSignal<bool> {
    let (done, set_done) = signal(false);
    leptos::task::spawn_local(async move {
        wait.await;
        set_done.set(true);
    });
    done
}
