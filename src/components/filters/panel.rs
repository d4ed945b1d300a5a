//! The list's filters as one panel: "Unread only", the date filter, the
//! histogram, the topics and each facet, each a part built from data
//! (`parts.rs` says how and why).

use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::choices::{ChoiceControls, ChoiceWords};
use super::date::DateControls;
use super::histogram::HistogramControls;
use super::parts::{wire, Controls, Current, Go, ListInputs};
use crate::components::blocks::{acted_on, Dom};
use crate::components::events::{
    CHANGE, CLICK, INPUT, POINTERDOWN, POINTERLEAVE, POINTEROVER, POINTERUP,
};
use dateline_core::markup::{Act, Markup};
use dateline_core::model::text::Coverage;
use dateline_core::query::{Filter, Outcome, View};
use leptos::prelude::*;

pub fn filter_controls(inputs: ListInputs) -> impl IntoView {
    view! { <div class="filter-controls" use:filter_panel=inputs></div> }
}

fn filter_panel(root: Element, inputs: ListInputs) {
    let events = [
        CHANGE,
        INPUT,
        CLICK,
        POINTERDOWN,
        POINTEROVER,
        POINTERUP,
        POINTERLEAVE,
    ];
    wire(&root, &events, inputs, Box::new(Panel::new(&root)));
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
}

impl Panel {
    fn new(root: &Element) -> Panel {
        let mut dom = Dom::new();
        let label = dom.element(root, "label");
        dom.attribute(&label, "class", "unread-only");
        let unread = dom.element(&label, "input");
        dom.attribute(&unread, "type", "checkbox");
        dom.act(&unread, Act::Unread);
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
        }
    }

    /// A filter per facet with values, in the table's order: kept ones keep
    /// their elements (and a find typed into them).
    fn update_facets(&mut self, view: &View, outcome: &Outcome, coverage: Coverage) {
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
            controls.update(&mut self.dom, view, outcome, coverage);
            self.facets.push(controls);
            after = element;
        }
        for gone in kept {
            gone.element().remove();
        }
    }
}

impl Controls for Panel {
    fn update(&mut self, current: &Current) {
        let (view, outcome) = (current.view, &**current.outcome);
        self.unread.set_checked(view.unread);
        self.dates.update(&mut self.dom, view, current.span);
        self.histogram.update(&mut self.dom, &outcome.histogram);
        self.topics
            .update(&mut self.dom, view, outcome, current.coverage);
        self.update_facets(view, outcome, current.coverage);
    }

    fn on_event(&mut self, event: &Event, current: &Current) -> Option<Go> {
        let (control, act) = acted_on(event)?;
        let kind = event.type_();
        let view = current.view;
        match act {
            Act::Unread if kind == CHANGE => Go::to(View {
                unread: !view.unread,
                ..view.clone()
            }),
            Act::Range | Act::From | Act::To => self.dates.on_event(&kind, act, &control, view),
            Act::Bar | Act::Bars => self.histogram.on_event(event, &kind, &control, view),
            Act::Choose | Act::Find | Act::More => {
                let filter = match control.closest("[data-facet]").ok()? {
                    Some(fieldset) => Filter::Facet(fieldset.get_attribute("data-facet")?),
                    None => Filter::Topics,
                };
                let controls = std::iter::once(&mut self.topics)
                    .chain(self.facets.iter_mut())
                    .find(|c| c.filter == filter)?;
                controls.on_event(&mut self.dom, &kind, act, &control, view, current.outcome)
            }
            _ => None,
        }
    }
}
