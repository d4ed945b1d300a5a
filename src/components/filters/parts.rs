//! How the list's controls are made: each is a plain struct that builds its
//! elements once, updates them in place when the view or outcome changes,
//! and answers its elements' events with a new view (or not). One effect
//! per control tells it of a change; a few listeners on its root element
//! hear every event (each element says what it is in `data-act`).
//!
//! Why not `view!`: every reactive attribute and handler of a view is its
//! own generic code in the wasm. Written as views, the filter panel was
//! 34.1 kB gzip, the app's largest part. Built like this (measured, wasm
//! `gzip -9`): the filter panel 302,698 → 280,442 B; the list's header with
//! search and sort 280,442 → 275,080 B. The Saved tools, the article's list
//! links, the offline page and the other small parts built the same way
//! (`blocks::Dom`, `part`, `show`) took it to 260,673 B. The behaviour is
//! the same, and the e2e tests say so.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use leptos::prelude::*;
use web_sys::{Element, Event};

use crate::context::SetView;
use dateline_core::model::text::Coverage;
use dateline_core::model::Date;
use dateline_core::query::{Outcome, View};

/// What the list's controls follow.
#[derive(Clone, Copy)]
pub struct ListInputs {
    pub view: Memo<View>,
    pub outcome: Memo<Arc<Outcome>>,
    /// The archive's oldest and newest dates (none when nothing is dated).
    pub span: Memo<Option<(Date, Date)>>,
    /// How much of the archive the outcome covers (counts are floors until all of it).
    pub coverage: Memo<Coverage>,
}

/// A new view to go to, in a new history entry or (`replace`) in place.
pub struct Go {
    pub view: View,
    pub replace: bool,
}

impl Go {
    pub fn to(view: View) -> Option<Go> {
        Some(Go {
            view,
            replace: false,
        })
    }
}

pub trait Controls {
    /// Brings the elements up to date. Runs in the control's effect: any
    /// signal it reads is followed too.
    fn update(&mut self, current: &Current);
    /// What an event on the control's elements asks for.
    fn on_event(&mut self, event: &Event, current: &Current) -> Option<Go>;
}

/// The inputs' values at the moment.
pub struct Current<'a> {
    pub view: &'a View,
    pub outcome: &'a Arc<Outcome>,
    pub span: Option<(Date, Date)>,
    pub coverage: Coverage,
}

/// Keeps `controls` in step with `inputs`, and hears `events` on `root` in
/// the capture phase (which also sees the events that do not bubble, such
/// as `pointerleave`). The listeners go when the effect does, with the page.
pub fn wire(
    root: &Element,
    events: &[&'static str],
    inputs: ListInputs,
    controls: Box<dyn Controls>,
) {
    let set_view = SetView::get();
    let controls = Rc::new(RefCell::new(controls));
    // Not passive: a control may prevent an event's default.
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    let listeners: Vec<EventListener> = events
        .iter()
        .map(|&kind| {
            let controls = controls.clone();
            EventListener::new_with_options(root, kind, options, move |event| {
                let view = inputs.view.get_untracked();
                let outcome = inputs.outcome.get_untracked();
                let current = Current {
                    view: &view,
                    outcome: &outcome,
                    span: inputs.span.get_untracked(),
                    coverage: inputs.coverage.get_untracked(),
                };
                // The controls are let go before the URL changes.
                let go = controls.borrow_mut().on_event(event, &current);
                if let Some(go) = go {
                    set_view.set(go.view, go.replace);
                }
            })
        })
        .collect();
    Effect::new(move |_| {
        let _ = &listeners;
        let outcome = inputs.outcome.get();
        let span = inputs.span.get();
        let coverage = inputs.coverage.get();
        inputs.view.with(|view| {
            let current = Current {
                view,
                outcome: &outcome,
                span,
                coverage,
            };
            controls.borrow_mut().update(&current);
        });
    });
}
