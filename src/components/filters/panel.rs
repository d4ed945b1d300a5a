//! The list's filters as one panel built from data: "Unread only", the date
//! filter, the histogram, the topics and each facet. Each part is a plain
//! struct that builds its elements once and updates them in place from the
//! current view and outcome; one effect tells them of a change, and a few
//! listeners on the panel hear every control (each control says what it is
//! in `data-act`).
//!
//! Why not a `view!` per control: written that way the panel was the app's
//! largest part, 34.1 kB of the wasm gzip, because every reactive attribute
//! and handler of a view is its own generic code. Built like this the wasm
//! is 22.3 kB gzip smaller (302,698 → 280,442 B, measured). The behaviour is
//! the same: checkboxes keep their element (and the reader's focus) while
//! counts change and values reorder.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::choices::{ChoiceControls, ChoiceWords};
use super::date::DateControls;
use super::histogram::HistogramControls;
use crate::components::blocks::Dom;
use crate::context::SetView;
use dateline_core::markup::Markup;
use dateline_core::model::Date;
use dateline_core::query::{Filter, Outcome, View};

/// What the panel follows.
#[derive(Clone, Copy)]
pub struct FilterInputs {
    pub view: Memo<View>,
    pub outcome: Memo<Arc<Outcome>>,
    /// The archive's oldest and newest dates (none when nothing is dated).
    pub span: Memo<Option<(Date, Date)>>,
}

pub fn filter_controls(inputs: FilterInputs) -> impl IntoView {
    view! { <div class="filter-controls" use:filter_panel=inputs></div> }
}

/// Events the controls raise. Heard in the capture phase, which also sees
/// the events that do not bubble (the bars' `pointerleave`).
const EVENTS: [&str; 7] = [
    "change",
    "input",
    "click",
    "pointerdown",
    "pointerover",
    "pointerup",
    "pointerleave",
];

fn filter_panel(root: Element, inputs: FilterInputs) {
    let set_view = SetView::get();
    let panel = Rc::new(RefCell::new(Panel::new(&root)));
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        // The histogram's pointerdown is prevented (no text selection on a drag).
        passive: false,
    };
    let listeners: Vec<EventListener> = EVENTS
        .iter()
        .map(|&kind| {
            let panel = panel.clone();
            EventListener::new_with_options(&root, kind, options, move |event| {
                let view = inputs.view.get_untracked();
                // The panel is let go before the URL changes.
                let next = panel.borrow_mut().on_event(event, &view);
                if let Some(next) = next {
                    set_view.push(next);
                }
            })
        })
        .collect();
    Effect::new(move |_| {
        // The listeners live as long as this effect: both go with the page.
        let _ = &listeners;
        let outcome = inputs.outcome.get();
        let span = inputs.span.get();
        inputs
            .view
            .with(|view| panel.borrow_mut().update(view, &outcome, span));
    });
}

struct Panel {
    dom: Dom,
    root: Element,
    unread: web_sys::HtmlInputElement,
    dates: DateControls,
    histogram: HistogramControls,
    topics: ChoiceControls,
    /// One per facet the outcome has values for, in the table's order.
    facets: Vec<ChoiceControls>,
    /// The outcome last shown, for what changes without a new view (a find,
    /// "Show all").
    outcome: Option<Arc<Outcome>>,
}

impl Panel {
    fn new(root: &Element) -> Panel {
        let mut dom = Dom::new();
        let label = dom.element(root, "label");
        dom.attribute(&label, "class", "unread-only");
        let unread = dom.element(&label, "input");
        dom.attribute(&unread, "type", "checkbox");
        dom.attribute(&unread, "data-act", "unread");
        dom.text(&label, "Unread only");
        let dates = DateControls::new(&mut dom, root);
        let histogram = HistogramControls::new(&mut dom, root);
        let topics = ChoiceControls::new(&mut dom, root, Filter::Topics, ChoiceWords::topics());
        Panel {
            dom,
            root: root.clone(),
            unread: unread.unchecked_into(),
            dates,
            histogram,
            topics,
            facets: Vec::new(),
            outcome: None,
        }
    }

    fn update(&mut self, view: &View, outcome: &Arc<Outcome>, span: Option<(Date, Date)>) {
        self.unread.set_checked(view.unread);
        self.dates.update(&mut self.dom, view, span);
        self.histogram.update(&mut self.dom, &outcome.histogram);
        self.topics.update(&mut self.dom, view, outcome);
        self.update_facets(view, outcome);
        self.outcome = Some(outcome.clone());
    }

    /// A filter per facet with values, in the table's order: kept ones keep
    /// their elements (and a find typed into them).
    fn update_facets(&mut self, view: &View, outcome: &Outcome) {
        let mut kept = std::mem::take(&mut self.facets);
        let mut after = self.topics.element().clone();
        for facet in outcome.facets.iter().filter(|f| !f.values.is_empty()) {
            let filter = Filter::Facet(facet.name.clone());
            let mut controls = match kept.iter().position(|c| c.filter == filter) {
                Some(i) => kept.remove(i),
                None => {
                    let words = ChoiceWords::facet(&facet.label);
                    ChoiceControls::new(&mut self.dom, &self.root, filter, words)
                }
            };
            let element = controls.element().clone();
            if element.previous_element_sibling().as_ref() != Some(&after) {
                let _ = after.after_with_node_1(&element);
            }
            controls.update(&mut self.dom, view, outcome);
            self.facets.push(controls);
            after = element;
        }
        for gone in kept {
            gone.element().remove();
        }
    }

    /// What a control's event asks for: a new view to go to, or `None` when
    /// only the panel changes (or nothing does).
    fn on_event(&mut self, event: &Event, view: &View) -> Option<View> {
        let target: Element = event.target()?.dyn_into().ok()?;
        let control = target.closest("[data-act]").ok()??;
        let act = control.get_attribute("data-act")?;
        let kind = event.type_();
        match act.as_str() {
            "unread" if kind == "change" => Some(View {
                unread: !view.unread,
                ..view.clone()
            }),
            "range" | "from" | "to" => self.dates.on_event(&kind, &act, &control, view),
            "bar" | "bars" => self.histogram.on_event(event, &kind, &control, view),
            "choose" | "find" | "more" => {
                let filter = match control.closest("[data-facet]").ok()? {
                    Some(fieldset) => Filter::Facet(fieldset.get_attribute("data-facet")?),
                    None => Filter::Topics,
                };
                let outcome = self.outcome.clone()?;
                let controls = std::iter::once(&mut self.topics)
                    .chain(self.facets.iter_mut())
                    .find(|c| c.filter == filter)?;
                controls.on_event(&mut self.dom, &kind, &act, &control, view, &outcome)
            }
            _ => None,
        }
    }
}

/// Shows or hides a part that comes and goes (`hidden`; style/main.css
/// keeps it hidden whatever the part's own `display`).
pub fn show(element: &Element, shown: bool) {
    let _ = element.toggle_attribute_with_force("hidden", !shown);
}

/// A new `tag` element with a class, at the end of `parent`.
pub fn part(dom: &mut Dom, parent: &Element, tag: &'static str, class: &str) -> Element {
    let element = dom.element(parent, tag);
    dom.attribute(&element, "class", class);
    element
}
