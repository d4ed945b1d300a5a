//! The current results over time. Clicking a bar narrows the range to it;
//! dragging across bars narrows it to the span. What the bars say is
//! `dateline_core::query::controls`.

use web_sys::{Element, Event};

use super::parts::Go;
use crate::components::blocks::{part, show, Dom};
use crate::components::events::{CLICK, POINTERDOWN, POINTERLEAVE, POINTEROVER, POINTERUP};
use dateline_core::markup::{Act, Markup};
use dateline_core::model::Date;
use dateline_core::query::controls::{bars, caption, ends};
use dateline_core::query::{Histogram, View};

pub struct HistogramControls {
    figure: Element,
    caption: Element,
    bars: Element,
    ends: [Element; 2],
    /// The histogram the bars show, and each bar's first and last day.
    shown: Option<Histogram>,
    days: Vec<(Date, Date)>,
    /// A drag in progress: the bar it started on and the one it is over.
    drag: Option<(usize, usize)>,
}

impl HistogramControls {
    pub fn new(dom: &mut Dom, parent: &Element) -> HistogramControls {
        let figure = part(dom, parent, "figure", "histogram");
        let caption = dom.element(&figure, "figcaption");
        let bars = part(dom, &figure, "div", "bars");
        for (name, value) in [
            ("role", "group"),
            (
                "aria-label",
                "Choose a date range: click a bar, or drag across bars",
            ),
        ] {
            dom.attribute(&bars, name, value);
        }
        dom.act(&bars, Act::Bars);
        let axis = part(dom, &figure, "div", "axis");
        dom.attribute(&axis, "aria-hidden", "true");
        let ends = [dom.element(&axis, "span"), dom.element(&axis, "span")];
        HistogramControls {
            figure,
            caption,
            bars,
            ends,
            shown: None,
            days: Vec::new(),
            drag: None,
        }
    }

    pub fn update(&mut self, dom: &mut Dom, histogram: &Histogram) {
        if self.shown.as_ref() == Some(histogram) {
            return;
        }
        show(&self.figure, !histogram.buckets.is_empty());
        self.caption.set_text_content(Some(&caption(histogram)));
        let (first, last) = ends(histogram);
        self.ends[0].set_text_content(Some(&first));
        self.ends[1].set_text_content(Some(&last));
        self.bars.set_text_content(None);
        for (i, bar) in bars(histogram).iter().enumerate() {
            let button = part(dom, &self.bars, "button", "bar");
            for (name, value) in [
                ("type", "button"),
                ("aria-label", &bar.label),
                ("title", &bar.label),
                ("data-i", &i.to_string()),
            ] {
                dom.attribute(&button, name, value);
            }
            dom.act(&button, Act::Bar);
            if bar.permille == 0 {
                let _ = button.class_list().add_1("empty");
            }
            let fill = part(dom, &button, "span", "fill");
            dom.attribute(&fill, "style", &bar.height());
        }
        self.days = histogram
            .buckets
            .iter()
            .map(|b| (b.first, b.last))
            .collect();
        self.shown = Some(histogram.clone());
        self.drag = None;
    }

    /// A drag starts, moves, ends, or leaves the bars; or a bar is clicked
    /// (or pressed with the keyboard): a new view for the range chosen.
    pub fn on_event(
        &mut self,
        event: &Event,
        kind: &str,
        control: &Element,
        view: &View,
    ) -> Option<Go> {
        let bar = control
            .get_attribute("data-i")
            .and_then(|i| i.parse::<usize>().ok());
        match (kind, bar, self.drag) {
            (POINTERDOWN, Some(i), _) => {
                event.prevent_default();
                self.mark_drag(Some((i, i)));
                None
            }
            (POINTEROVER, Some(i), Some((start, _))) => {
                self.mark_drag(Some((start, i)));
                None
            }
            (POINTERUP, Some(i), Some((start, _))) if start != i => self.select(start, i, view),
            (CLICK, Some(i), drag) => self.select(drag.map_or(i, |(start, _)| start), i, view),
            // `pointerleave` is heard for every element the pointer leaves:
            // only the bars' own counts.
            (POINTERLEAVE, None, Some(_)) if control == &self.bars => {
                self.mark_drag(None);
                None
            }
            _ => None,
        }
    }

    fn mark_drag(&mut self, drag: Option<(usize, usize)>) {
        self.drag = drag;
        let bars = self.bars.children();
        for i in 0..bars.length() {
            let dragging = drag.is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&(i as usize)));
            if let Some(bar) = bars.item(i) {
                let _ = bar.class_list().toggle_with_force("dragging", dragging);
            }
        }
    }

    fn select(&mut self, a: usize, b: usize, view: &View) -> Option<Go> {
        self.mark_drag(None);
        let (first, _) = *self.days.get(a.min(b))?;
        let (_, last) = *self.days.get(a.max(b))?;
        Go::to(View {
            from: Some(first),
            to: Some(last),
            ..view.clone()
        })
    }
}
