//! The multi-select filters: topics, and each facet (source, place, author,
//! and the lists an import mapped). One kind of control for all, told which
//! filter it is; `dateline_core::query::controls::listed` says what shows.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::parts::Go;
use crate::components::blocks::{part, show, Dom};
use crate::components::events::{CHANGE, CLICK, INPUT};
use dateline_core::markup::{Act, Markup};
use dateline_core::model::text::Coverage;
use dateline_core::query::controls::{listed, SHORT_LIST};
use dateline_core::query::{Filter, Outcome, TopicCount, View};

/// What a filter is called in its controls.
pub struct ChoiceWords {
    pub legend: String,
    pub find: String,
    pub none: String,
    /// " topics" in "Show all 121 topics"; empty for "Show all 147".
    pub plural: &'static str,
}

impl ChoiceWords {
    pub fn topics() -> ChoiceWords {
        ChoiceWords {
            legend: "Topics".into(),
            find: "Find a topic".into(),
            none: "No topic matches.".into(),
            plural: " topics",
        }
    }

    pub fn facet(label: &str) -> ChoiceWords {
        ChoiceWords {
            legend: label.into(),
            find: format!("Find in {label}"),
            none: "Nothing matches.".into(),
            plural: "",
        }
    }
}

/// A value's checkbox, kept while it is listed.
struct Choice {
    item: Element,
    label: Element,
    input: HtmlInputElement,
    count: Element,
    shown_count: Option<String>,
    /// The update that last listed it.
    round: u32,
}

impl Choice {
    fn new(dom: &mut Dom, list: &Element, value: &TopicCount) -> Choice {
        let item = dom.element(list, "li");
        let label = part(dom, &item, "label", "topic-choice");
        let input = dom.element(&label, "input");
        dom.attribute(&input, "type", "checkbox");
        dom.attribute(&input, "value", &value.slug);
        dom.act(&input, Act::Choose);
        let name = part(dom, &label, "span", "topic-name");
        dom.text(&name, &value.label);
        let count = part(dom, &label, "span", "topic-count");
        Choice {
            item,
            label,
            input: input.unchecked_into(),
            count,
            shown_count: None,
            round: 0,
        }
    }

    fn update(&mut self, count: usize, chosen: bool, coverage: Coverage) {
        let text = coverage.count_of(count);
        if self.shown_count.as_ref() != Some(&text) {
            self.count.set_text_content(Some(&text));
            let _ = self
                .label
                .class_list()
                .toggle_with_force("zero", count == 0);
            self.shown_count = Some(text);
        }
        self.input.set_checked(chosen);
    }
}

/// One multi-select filter: its values most articles first, each with the
/// count it would give; a find box past ten values; "Show all".
pub struct ChoiceControls {
    pub filter: Filter,
    plural: &'static str,
    fieldset: Element,
    find: HtmlInputElement,
    list: Element,
    none: Element,
    more: Element,
    /// By value: counts change (as the archive streams in) and values
    /// reorder without replacing the checkbox a reader may have focused.
    choices: HashMap<Arc<str>, Choice>,
    /// Counts updates, to tell the values this one lists from the rest.
    round: u32,
    show_all: bool,
    /// The coverage of the last update, for the updates a find or "Show all" makes.
    coverage: Coverage,
}

impl ChoiceControls {
    pub fn new(dom: &mut Dom, parent: &Element, filter: Filter, words: ChoiceWords) -> Self {
        let class = match &filter {
            Filter::Topics => "topic-filter",
            Filter::Facet(_) => "topic-filter facet-filter",
        };
        let fieldset = part(dom, parent, "fieldset", class);
        if let Filter::Facet(name) = &filter {
            dom.attribute(&fieldset, "data-facet", name);
        }
        dom.element_with_text(&fieldset, "legend", &words.legend);
        let find = part(dom, &fieldset, "input", "topic-find");
        for (name, value) in [
            ("type", "search"),
            ("aria-label", &words.find),
            ("placeholder", &words.find),
        ] {
            dom.attribute(&find, name, value);
        }
        dom.act(&find, Act::Find);
        let list = part(dom, &fieldset, "ul", "topic-list");
        let none = part(dom, &fieldset, "p", "muted");
        dom.text(&none, &words.none);
        let more = part(dom, &fieldset, "button", "link-button");
        dom.attribute(&more, "type", "button");
        dom.act(&more, Act::More);
        ChoiceControls {
            filter,
            plural: words.plural,
            fieldset,
            find: find.unchecked_into(),
            list,
            none,
            more,
            choices: HashMap::new(),
            round: 0,
            show_all: false,
            coverage: Coverage::Whole,
        }
    }

    pub fn element(&self) -> &Element {
        &self.fieldset
    }

    pub fn update(&mut self, dom: &mut Dom, view: &View, outcome: &Outcome, coverage: Coverage) {
        self.coverage = coverage;
        let values = outcome.values(&self.filter);
        let chosen = view.chosen(&self.filter);
        let find = self.find.value();
        let (listed, matching) = listed(values, chosen, &find, self.show_all);

        let focused = document().active_element();
        // Values no longer listed go first, so the walk below moves only
        // values that really changed places.
        // (Marked through the map itself: a lookup each, not a search of
        // the listed values for every kept one.)
        self.round = self.round.wrapping_add(1);
        for value in &listed {
            if let Some(choice) = self.choices.get_mut(&value.slug) {
                choice.round = self.round;
            }
        }
        let round = self.round;
        self.choices.retain(|_, choice| {
            let keep = choice.round == round;
            if !keep {
                choice.item.remove();
            }
            keep
        });
        let mut next = self.list.first_element_child();
        for value in &listed {
            let choice = self
                .choices
                .entry(value.slug.clone())
                .or_insert_with(|| Choice::new(dom, &self.list, value));
            choice.update(
                value.count,
                chosen.iter().any(|c| **c == *value.slug),
                coverage,
            );
            if next.as_ref() == Some(&choice.item) {
                next = choice.item.next_element_sibling();
            } else {
                let _ = self
                    .list
                    .insert_before(&choice.item, next.as_ref().map(|n| n.as_ref()));
            }
        }
        // A moved checkbox loses focus in the move: it gets it back.
        if let Some(focused) = focused.filter(|f| self.list.contains(Some(f.as_ref()))) {
            if document().active_element().as_ref() != Some(&focused) {
                let _ = focused.unchecked_ref::<HtmlElement>().focus();
            }
        }

        let total = values.len();
        show(&self.find, total > SHORT_LIST);
        show(&self.none, matching == 0);
        show(&self.more, find.is_empty() && total > SHORT_LIST);
        let label = match self.show_all {
            true => format!("Show fewer{}", self.plural),
            false => format!("Show all {total}{}", self.plural),
        };
        self.more.set_text_content(Some(&label));
        let _ = self.more.set_attribute(
            "aria-expanded",
            if self.show_all { "true" } else { "false" },
        );
    }

    /// A value checked or unchecked (a new view), a find typed, or "Show
    /// all" pressed (this filter alone changes).
    pub fn on_event(
        &mut self,
        dom: &mut Dom,
        kind: &str,
        act: Act,
        control: &Element,
        view: &View,
        outcome: &Outcome,
    ) -> Option<Go> {
        match (kind, act) {
            (CHANGE, Act::Choose) => {
                let slug = control.get_attribute("value")?;
                Go::to(view.toggled(&self.filter, &slug))
            }
            (INPUT, Act::Find) => {
                self.update(dom, view, outcome, self.coverage);
                None
            }
            (CLICK, Act::More) => {
                self.show_all = !self.show_all;
                self.update(dom, view, outcome, self.coverage);
                None
            }
            _ => None,
        }
    }
}
