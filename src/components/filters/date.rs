//! The date filter: presets counted back from the newest article, and
//! from/to by calendar day.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::parts::Go;
use crate::components::blocks::{part, show, Dom};
use crate::components::events::{CHANGE, CLICK};
use dateline_core::markup::{Act, Markup};
use dateline_core::model::Date;
use dateline_core::query::{preset_anchor, preset_range, View, PRESETS};
use dateline_core::urls::parse_day;

/// Today's date on the reader's clock.
fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
}

pub struct DateControls {
    fieldset: Element,
    /// Said instead when no article has a date.
    undated: Element,
    presets: Element,
    /// Each preset's button and range; "All dates" is the one without.
    buttons: Vec<(Element, Option<(Date, Date)>)>,
    from: HtmlInputElement,
    to: HtmlInputElement,
    /// The archive's span the presets and bounds were made for.
    span: Option<(Date, Date)>,
    /// The from/to the buttons and fields show.
    range: Option<(Option<Date>, Option<Date>)>,
}

impl DateControls {
    pub fn new(dom: &mut Dom, parent: &Element) -> DateControls {
        let fieldset = part(dom, parent, "fieldset", "date-filter");
        dom.element_with_text(&fieldset, "legend", "Date");
        let presets = part(dom, &fieldset, "div", "presets");
        dom.attribute(&presets, "role", "group");
        dom.attribute(&presets, "aria-label", "Date presets");
        let range = part(dom, &fieldset, "div", "range");
        let mut day_input = |label: &'static str, act: Act| {
            let wrapper = dom.element(&range, "label");
            dom.text(&wrapper, label);
            let input = dom.element(&wrapper, "input");
            dom.attribute(&input, "type", "date");
            dom.attribute(&input, "name", act.as_str());
            dom.act(&input, act);
            input.unchecked_into::<HtmlInputElement>()
        };
        let (from, to) = (day_input("From", Act::From), day_input("To", Act::To));
        let undated = part(dom, parent, "p", "muted");
        dom.text(&undated, "No dated articles to filter by date.");
        DateControls {
            fieldset,
            undated,
            presets,
            buttons: Vec::new(),
            from,
            to,
            span: None,
            range: None,
        }
    }

    pub fn update(&mut self, dom: &mut Dom, view: &View, span: Option<(Date, Date)>) {
        let rebuilt = span != self.span || self.buttons.is_empty();
        if rebuilt {
            self.build_presets(dom, span);
        }
        show(&self.fieldset, span.is_some());
        show(&self.undated, span.is_none());
        let range = (view.from, view.to);
        // Only a new range is written: the outcome also changes as the
        // archive streams in, and writing a date field's value again would
        // clear a day the reader is halfway through typing.
        if !rebuilt && self.range == Some(range) {
            return;
        }
        self.range = Some(range);
        for (button, preset) in &self.buttons {
            let pressed = match preset {
                Some((from, to)) => range == (Some(*from), Some(*to)),
                None => range == (None, None),
            };
            let _ = button.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
        }
        self.from
            .set_value(&view.from.map(Date::iso).unwrap_or_default());
        self.to
            .set_value(&view.to.map(Date::iso).unwrap_or_default());
    }

    fn build_presets(&mut self, dom: &mut Dom, span: Option<(Date, Date)>) {
        self.presets.set_text_content(None);
        self.span = span;
        let Some((oldest, newest)) = span else {
            self.buttons.clear();
            return;
        };
        for input in [&self.from, &self.to] {
            input.set_min(&oldest.iso());
            input.set_max(&newest.iso());
        }
        let anchor = today().map_or(newest, |today| preset_anchor(newest, today));
        let ranges = PRESETS
            .iter()
            .map(|&(label, _, days)| (label, Some(preset_range(anchor, days))))
            .chain([("All dates", None)]);
        self.buttons = ranges
            .map(|(label, range)| {
                let button = part(dom, &self.presets, "button", "chip");
                dom.attribute(&button, "type", "button");
                dom.act(&button, Act::Range);
                if let Some((from, to)) = range {
                    dom.attribute(&button, "data-from", &from.iso());
                    dom.attribute(&button, "data-to", &to.iso());
                }
                dom.text(&button, label);
                (button, range)
            })
            .collect();
    }

    /// A preset pressed, or a day chosen (a new view).
    pub fn on_event(&self, kind: &str, act: Act, control: &Element, view: &View) -> Option<Go> {
        let day = |name| control.get_attribute(name).and_then(|d| parse_day(&d));
        let mut next = view.clone();
        match (kind, act) {
            (CLICK, Act::Range) => (next.from, next.to) = (day("data-from"), day("data-to")),
            (CHANGE, Act::From) => {
                next.from = parse_day(&control.unchecked_ref::<HtmlInputElement>().value())
            }
            (CHANGE, Act::To) => {
                next.to = parse_day(&control.unchecked_ref::<HtmlInputElement>().value())
            }
            _ => return None,
        }
        // A range typed backwards means the same days.
        if let (Some(from), Some(to)) = (next.from, next.to) {
            if from > to {
                (next.from, next.to) = (Some(to), Some(from));
            }
        }
        Go::to(next)
    }
}
