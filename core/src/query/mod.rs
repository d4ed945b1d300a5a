//! Filtering, search and counts over a loaded catalog. Pure: the app builds an
//! `Engine` once per bundle and runs a `View` on every change.

pub mod controls;
pub mod search;
pub mod typo;

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::text::slugify;
use crate::model::{Catalog, Date};
use search::SearchIndex;
pub use search::{Correction, Query, Terms};

pub use crate::model::{NO_TOPIC, NO_TOPIC_LABEL};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Relevance,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "newest" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            "relevance" => Some(Sort::Relevance),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Relevance => "relevance",
        }
    }
}

/// What the reader asked for: the list's whole state, as the URL carries it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    /// Topic slugs (or `NO_TOPIC`); an article matches when it has any of them.
    pub topics: Vec<String>,
    /// Facet name → value slugs; an article matches a facet when it has any
    /// of its values, and every facet chosen. Values (and facets) the
    /// archive does not have are ignored.
    /// A list sorted by name, not a map: the wasm pays for every map type it holds.
    pub facets: Vec<(String, Vec<String>)>,
    /// Inclusive calendar days, in each article's own wall-clock time.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The search, parsed once.
    pub q: Query,
    /// `None`: relevance while searching, else newest first (newest saved
    /// first in the Saved section).
    pub sort: Option<Sort>,
    /// Only articles the reader has not read (`?unread=1`).
    pub unread: bool,
    /// The Saved section's list (`/saved`; `?list=saved` on an article
    /// opened from it, for its previous and next).
    pub saved: bool,
}

impl View {
    pub fn effective_sort(&self) -> Sort {
        self.sort.unwrap_or(if self.q.terms().is_empty() {
            Sort::Newest
        } else {
            Sort::Relevance
        })
    }
}

/// A list filter: the topics, or one facet by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Topics,
    Facet(String),
}

impl View {
    /// The values chosen for a filter.
    pub fn chosen(&self, filter: &Filter) -> &[String] {
        match filter {
            Filter::Topics => &self.topics,
            Filter::Facet(name) => self.facet(name),
        }
    }

    /// This view with `slug` chosen for `filter`, or no longer chosen.
    pub fn toggled(&self, filter: &Filter, slug: &str) -> View {
        let mut next = self.clone();
        let values = match filter {
            Filter::Topics => &mut next.topics,
            Filter::Facet(name) => next.facet_mut(name),
        };
        match values.iter().position(|v| v == slug) {
            Some(i) => {
                values.remove(i);
            }
            None => values.push(slug.to_string()),
        }
        next.facets.retain(|(_, values)| !values.is_empty());
        next
    }

    /// The values chosen for a facet.
    pub fn facet(&self, name: &str) -> &[String] {
        match self.facets.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            Ok(i) => &self.facets[i].1,
            Err(_) => &[],
        }
    }

    /// The values chosen for a facet, to change (the facet is added, in order, if new).
    pub fn facet_mut(&mut self, name: &str) -> &mut Vec<String> {
        let i = match self.facets.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            Ok(i) => i,
            Err(i) => {
                self.facets.insert(i, (name.to_string(), Vec::new()));
                i
            }
        };
        &mut self.facets[i].1
    }

    /// How many filters are chosen, dates counting as one.
    pub fn active_filters(&self) -> usize {
        self.topics.len()
            + self.facets.iter().map(|(_, v)| v.len()).sum::<usize>()
            + usize::from(self.from.is_some() || self.to.is_some())
            + usize::from(self.unread)
    }

    /// The same list with no filters, search or order chosen (its section kept).
    pub fn cleared(&self) -> View {
        View {
            saved: self.saved,
            ..View::default()
        }
    }
}

/// What a list may show beyond its filters, from the reader's shelf: the
/// Saved section only the saved articles (newest saved first unless an
/// order is chosen), "Unread only" only those not read. Made once per
/// change of the shelf or the catalog, not per keystroke.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scope {
    /// Per article of the catalog: may it show.
    keep: Vec<bool>,
    /// Per article: its place among the saved, in the Saved section.
    saved_rank: Option<Vec<u32>>,
}

impl Scope {
    /// `None` when the view is not limited by the shelf. `ids` are the
    /// catalog's, in its order.
    pub fn new<'a>(
        ids: impl Iterator<Item = &'a str>,
        shelf: &crate::shelf::Shelf,
        view: &View,
    ) -> Option<Scope> {
        if !view.saved && !view.unread {
            return None;
        }
        let saved: Vec<&str> = shelf.saved.iter().map(|s| s.id.as_str()).collect();
        let read: Vec<&str> = shelf.read.iter().map(String::as_str).collect();
        let (saved_order, read_order) = (sorted_order(&saved), sorted_order(&read));
        let find = |list: &[&str], order: &[u32], id: &str| {
            order
                .binary_search_by(|&i| list[i as usize].cmp(id))
                .ok()
                .map(|at| order[at])
        };
        let mut keep = Vec::new();
        let mut saved_rank = Vec::new();
        for id in ids {
            let rank = find(&saved, &saved_order, id);
            let unread_ok = !view.unread || find(&read, &read_order, id).is_none();
            keep.push(unread_ok && (!view.saved || rank.is_some()));
            saved_rank.push(rank.unwrap_or(u32::MAX));
        }
        Some(Scope {
            keep,
            saved_rank: view.saved.then_some(saved_rank),
        })
    }

    fn keeps(&self, doc: usize) -> bool {
        // Articles that arrived after the scope was made wait for the next one.
        self.keep.get(doc).copied().unwrap_or(false)
    }
}

/// Positions of `list` in the order of its values (one sort for the whole
/// engine: see `sort_ids`).
fn sorted_order(list: &[&str]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..list.len() as u32).collect();
    sort_ids(&mut order, &mut |a, b| {
        list[a as usize].cmp(list[b as usize])
    });
    order
}

/// A facet's values with their counts, for its filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub name: String,
    /// As headed: "Place".
    pub label: String,
    /// Most articles first, then by label.
    pub values: Vec<TopicCount>,
}

impl Outcome {
    /// A filter's values with their counts.
    pub fn values(&self, filter: &Filter) -> &[TopicCount] {
        match filter {
            Filter::Topics => &self.topics,
            Filter::Facet(name) => self
                .facets
                .iter()
                .find(|f| f.name == *name)
                .map_or(&[], |f| f.values.as_slice()),
        }
    }
}

/// The order of a filter's values: most articles first, then by label.
/// (One function for topics and facets.)
fn most_articles_first(counts: Vec<TopicCount>) -> Vec<TopicCount> {
    let mut order: Vec<u32> = (0..counts.len() as u32).collect();
    sort_ids(&mut order, &mut |a, b| {
        let (a, b) = (&counts[a as usize], &counts[b as usize]);
        b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label))
    });
    let mut counts: Vec<Option<TopicCount>> = counts.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&i| counts[i as usize].take())
        .collect()
}

/// Sorts ids with a comparison behind a reference: every sort of the query
/// is this one function in the wasm (each `sort_by` closure is a copy of the
/// sort, about 3 kB).
fn sort_ids(ids: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> std::cmp::Ordering) {
    ids.sort_by(|&a, &b| compare(a, b));
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicCount {
    /// Shared with the engine's list (a view's outcome names every value of
    /// every filter, thousands at 200k articles: copying each one's text on
    /// every keystroke took a third of the query).
    pub slug: Arc<str>,
    pub label: Arc<str>,
    /// Articles this topic would give, combined with the other active filters.
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Month,
    /// A bucket of one or more whole years (`Bucket::first` to `Bucket::last`).
    Year,
}

/// The most bars the histogram ever has: it picks days, months, or runs of
/// years so that the span fits. One article dated 0001-01-01 once made
/// 24,301 bars (4 s to the first screen).
pub const MAX_BUCKETS: i64 = 120;

/// Years a date must fall in to count for date ranges and the histogram.
/// An article dated outside (the zero date `0001-01-01` some exporters
/// write, `9999-12-31`) keeps its date on its page but is treated as
/// undated when filtering by date.
pub const DATED_YEARS: std::ops::RangeInclusive<u16> = 1000..=2999;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub first: Date,
    pub last: Date,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    pub unit: Unit,
    /// Every day or month of the range, empty ones included.
    pub buckets: Vec<Bucket>,
    /// Results with no usable date (not in any bucket).
    pub undated: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Positions in `catalog.articles`, in the view's order.
    pub hits: Vec<u32>,
    /// Every topic, most articles first (then by label), with "No topic" last.
    pub topics: Vec<TopicCount>,
    /// Each facet the archive has, in the table's order.
    pub facets: Vec<FacetCounts>,
    pub histogram: Histogram,
    /// The terms searched, with the spellings corrections added (for highlighting).
    pub terms: Terms,
    /// Words searched with other spellings too ("opek" → "opec").
    pub corrections: Vec<Correction>,
    pub sort: Sort,
}

/// A short list of numbers per article, all in one array: a view reads
/// every article's lists, and reading them in a row is what keeps a query
/// on 200,000 articles within a frame (a `Vec` per article put each list
/// elsewhere in memory: the count loop was half cache misses).
#[derive(Default)]
struct Lists {
    /// Where each article's list ends in `items`.
    ends: Vec<u32>,
    items: Vec<u16>,
}

impl Lists {
    fn push(&mut self, list: &[u16]) {
        self.items.extend_from_slice(list);
        self.ends.push(self.items.len() as u32);
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &[u16] {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        &self.items[start..self.ends[i] as usize]
    }
}

/// A topic's or facet value's name, made once and shared by every outcome.
#[derive(Clone)]
struct Choice {
    slug: Arc<str>,
    label: Arc<str>,
}

impl Choice {
    fn new(slug: &str, label: &str) -> Choice {
        Choice {
            slug: slug.into(),
            label: label.into(),
        }
    }

    fn counted(&self, count: usize) -> TopicCount {
        TopicCount {
            slug: self.slug.clone(),
            label: self.label.clone(),
            count,
        }
    }
}

/// The view's filters in the engine's numbers (`Engine::wanted`).
struct Wanted {
    /// The date range's first and last day numbers.
    from: Option<i64>,
    to: Option<i64>,
    /// Whether topics are chosen; "No topic" among them; the others' numbers.
    filters_topics: bool,
    no_topic: bool,
    topics: Vec<u16>,
    /// Per facet, the value numbers chosen (`None`: no value chosen that
    /// the archive has).
    values: Vec<Option<Vec<u16>>>,
}

/// Which chosen filters an article misses: a filter's counts count the
/// articles that miss no other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Misses {
    None,
    Topics,
    Facet(usize),
    /// Two or more, or out of the date range: it counts nowhere.
    Several,
}

/// What one run counts: the results, in catalog order, and each topic's
/// and facet value's articles.
struct Tally {
    hits: Vec<u32>,
    topics: Vec<usize>,
    values: Vec<usize>,
    no_topic: usize,
}

#[derive(Default)]
pub struct Engine {
    /// The facet values have not arrived yet (site data streams them after
    /// the first catalog part): a view that filters by a facet has no
    /// results until they do, rather than every article.
    pub facets_pending: bool,
    /// Day number per article (`None` when undated), catalog order.
    days: Vec<Option<i64>>,
    /// Month number per article (`Date::month_number`; 0 when undated),
    /// so the histogram by month does no calendar arithmetic per hit.
    months: Vec<i64>,
    /// Topic indices per article.
    doc_topics: Lists,
    /// Facet value numbers per article (`Catalog::facets`).
    doc_facets: Lists,
    /// Each facet value's facet, as a position in `facet_names`.
    value_facet: Vec<u8>,
    facet_names: Vec<String>,
    /// Each topic's name, by topic index.
    topics: Vec<Choice>,
    /// Each facet value's name, by value number, and each facet's values.
    value_choices: Vec<Choice>,
    facet_members: Vec<Vec<u16>>,
    slug_index: HashMap<String, u16>,
    /// The in-memory index, built on first need (the chunked index replaces it in the app).
    search: std::sync::OnceLock<SearchIndex>,
    first_day: Option<i64>,
    last_day: Option<i64>,
    /// `DATED_YEARS` unless set otherwise (`None` only before construction).
    dated_years: Option<std::ops::RangeInclusive<u16>>,
}

impl Engine {
    pub fn new(catalog: &Catalog) -> Engine {
        Engine::with_dated_years(catalog, DATED_YEARS)
    }

    /// An engine that counts dates only in `years` for ranges and the histogram.
    pub fn with_dated_years(catalog: &Catalog, years: std::ops::RangeInclusive<u16>) -> Engine {
        let mut engine = Engine {
            dated_years: Some(years),
            ..Engine::default()
        };
        engine.extend(catalog);
        engine
    }

    /// Takes in the catalog's articles past those already known (the catalog
    /// only ever grows at its end, as its parts arrive).
    pub fn extend(&mut self, catalog: &Catalog) {
        if self.value_choices.len() != catalog.facets.values.len() {
            // Facets in their listed order (built-in first, then by name),
            // whatever order their values were numbered in.
            let values = &catalog.facets.values;
            self.facet_names.clear();
            for v in values.iter().filter(|v| !v.is_hole()) {
                if !self.facet_names.contains(&v.facet) {
                    let rank = crate::model::facets::facet_rank(&v.facet);
                    let at = (self.facet_names.iter())
                        .position(|n| crate::model::facets::facet_rank(n) > rank)
                        .unwrap_or(self.facet_names.len());
                    self.facet_names.insert(at, v.facet.clone());
                }
            }
            self.value_facet = values
                .iter()
                .map(|v| {
                    self.facet_names
                        .iter()
                        .position(|n| *n == v.facet)
                        .unwrap_or(0) as u8
                })
                .collect();
            self.value_choices = catalog
                .facets
                .values
                .iter()
                .map(|v| Choice::new(&v.slug, &v.label))
                .collect();
            self.facet_members = vec![Vec::new(); self.facet_names.len()];
            for (v, &f) in self.value_facet.iter().enumerate() {
                if !values[v].is_hole() {
                    self.facet_members[usize::from(f)].push(v as u16);
                }
            }
        }
        for i in self.doc_facets.len()..catalog.articles.len() {
            self.doc_facets
                .push(catalog.facets.articles.get(i).map_or(&[], |v| v.as_slice()));
        }
        for article in &catalog.articles[self.days.len()..] {
            let ids: Vec<u16> = article
                .topics
                .iter()
                .map(|t| {
                    let slug = slugify(t);
                    if let Some(&id) = self.slug_index.get(&slug) {
                        return id;
                    }
                    let id = self.topics.len() as u16;
                    self.topics.push(Choice::new(&slug, catalog.topic_label(t)));
                    self.slug_index.insert(slug, id);
                    id
                })
                .collect();
            // Repeats removed without a sort (an article has a few topics;
            // each sort is code the wasm carries).
            let mut unique = Vec::with_capacity(ids.len());
            for id in ids {
                if !unique.contains(&id) {
                    unique.push(id);
                }
            }
            self.doc_topics.push(&unique);
            let years = self.dated_years.clone().unwrap_or(DATED_YEARS);
            let published = article.published.filter(|p| years.contains(&p.date.year));
            let day = published.map(|p| p.date.day_number());
            if let Some(d) = day {
                self.first_day = Some(self.first_day.map_or(d, |f| f.min(d)));
                self.last_day = Some(self.last_day.map_or(d, |l| l.max(d)));
            }
            self.days.push(day);
            self.months
                .push(published.map_or(0, |p| p.date.month_number()));
        }
    }

    /// Builds the in-memory search index now, if it is not built yet.
    pub fn build_search(&self, catalog: &Catalog) -> &SearchIndex {
        self.search
            .get_or_init(|| SearchIndex::new(&catalog.articles))
    }

    /// The newest and oldest article dates, for presets and the histogram.
    pub fn span(&self) -> Option<(Date, Date)> {
        Some((
            Date::from_day_number(self.first_day?),
            Date::from_day_number(self.last_day?),
        ))
    }

    /// The view's results, searching the in-memory index. `catalog` must be
    /// the one the engine was built from.
    pub fn run(&self, catalog: &Catalog, view: &View) -> Outcome {
        self.run_in(catalog, view, None)
    }

    /// `run`, limited to a scope (the Saved section, unread only).
    pub fn run_in(&self, catalog: &Catalog, view: &View, scope: Option<&Scope>) -> Outcome {
        let terms = view.q.terms();
        if terms.is_empty() {
            return self.run_scored(view, None, Vec::new(), scope);
        }
        let (scores, corrections) = self.build_search(catalog).search_corrected(terms);
        self.run_scored(view, Some(scores), corrections, scope)
    }

    /// The view's results given the search scores for its terms (`None` when
    /// it searches nothing), one per known article, and the corrections
    /// they were scored with.
    pub fn run_scored(
        &self,
        view: &View,
        scores: Option<Vec<Option<f32>>>,
        corrections: Vec<Correction>,
        scope: Option<&Scope>,
    ) -> Outcome {
        let wanted = self.wanted(view);
        let mut tally = Tally {
            hits: Vec::new(),
            topics: vec![0; self.topics.len()],
            values: vec![0; self.value_choices.len()],
            no_topic: 0,
        };
        let waiting_for_facets = self.facets_pending && !view.facets.is_empty();
        if !waiting_for_facets {
            for doc in 0..self.doc_topics.len() {
                let searched_out = scores
                    .as_ref()
                    .is_some_and(|s| s.get(doc).is_none_or(Option::is_none));
                if searched_out || scope.is_some_and(|s| !s.keeps(doc)) {
                    continue;
                }
                self.tally(doc, &wanted, &mut tally);
            }
        }
        let sort = view.effective_sort();
        let mut hits = tally.hits;
        self.sort_hits(&mut hits, view, scores.as_deref(), scope);
        let histogram = self.histogram(&hits, wanted.from, wanted.to);
        Outcome {
            hits,
            topics: self.topic_counts(&tally.topics, tally.no_topic, wanted.no_topic),
            facets: self.facet_counts(&tally.values),
            histogram,
            terms: view.q.terms().corrected(&corrections),
            corrections,
            sort,
        }
    }

    /// What the view's filters let through, in the engine's numbers.
    fn wanted(&self, view: &View) -> Wanted {
        let values = self
            .facet_names
            .iter()
            .zip(&self.facet_members)
            .map(|(name, members)| {
                let slugs = view.facet(name);
                let values: Vec<u16> = members
                    .iter()
                    .copied()
                    .filter(|&v| {
                        let slug = &self.value_choices[usize::from(v)].slug;
                        slugs.iter().any(|s| **s == **slug)
                    })
                    .collect();
                (!values.is_empty()).then_some(values)
            })
            .collect();
        Wanted {
            from: view.from.map(Date::day_number),
            to: view.to.map(Date::day_number),
            filters_topics: !view.topics.is_empty(),
            no_topic: view.topics.iter().any(|t| t == NO_TOPIC),
            topics: view
                .topics
                .iter()
                .filter_map(|t| self.slug_index.get(t).copied())
                .collect(),
            values,
        }
    }

    /// Which of the chosen filters the article `doc` (in the date range or
    /// not) misses.
    fn misses(&self, doc: usize, wanted: &Wanted) -> Misses {
        let day = self.days[doc];
        let in_range = match (wanted.from, wanted.to) {
            (None, None) => true,
            (from, to) => {
                day.is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t))
            }
        };
        if !in_range {
            return Misses::Several;
        }
        let topics = self.doc_topics.get(doc);
        let topics_ok = !wanted.filters_topics
            || (wanted.no_topic && topics.is_empty())
            || topics.iter().any(|t| wanted.topics.contains(t));
        let values = self.doc_facets.get(doc);
        let mut misses = if topics_ok {
            Misses::None
        } else {
            Misses::Topics
        };
        for (facet, wanted) in wanted.values.iter().enumerate() {
            let Some(wanted) = wanted else { continue };
            if !values.iter().any(|v| wanted.contains(v)) {
                misses = match misses {
                    Misses::None => Misses::Facet(facet),
                    _ => Misses::Several,
                };
            }
        }
        misses
    }

    /// Counts the article `doc` where it counts. Each filter's counts say
    /// what choosing a value there would give: they count the articles
    /// every *other* chosen filter lets through. So an article that misses
    /// no filter counts for all of them (and is a result), one that misses
    /// a single filter counts for that filter alone, and one that misses
    /// two (or is out of the date range) counts nowhere.
    fn tally(&self, doc: usize, wanted: &Wanted, tally: &mut Tally) {
        let misses = self.misses(doc, wanted);
        if matches!(misses, Misses::None | Misses::Topics) {
            let topics = self.doc_topics.get(doc);
            for &t in topics {
                tally.topics[usize::from(t)] += 1;
            }
            tally.no_topic += usize::from(topics.is_empty());
        }
        if matches!(misses, Misses::None | Misses::Facet(_)) {
            for &v in self.doc_facets.get(doc) {
                // Until the values arrive, articles' numbers name nothing yet.
                let Some(&facet) = self.value_facet.get(usize::from(v)) else {
                    continue;
                };
                if misses == Misses::None || misses == Misses::Facet(usize::from(facet)) {
                    tally.values[usize::from(v)] += 1;
                }
            }
        }
        if misses == Misses::None {
            tally.hits.push(doc as u32);
        }
    }

    /// Puts the results (in catalog order) in the view's order.
    fn sort_hits(
        &self,
        hits: &mut [u32],
        view: &View,
        scores: Option<&[Option<f32>]>,
        scope: Option<&Scope>,
    ) {
        let saved_rank = scope.and_then(|s| s.saved_rank.as_deref());
        match view.effective_sort() {
            // The Saved section: newest saved first, unless an order is chosen.
            Sort::Newest if view.sort.is_none() && saved_rank.is_some() => {
                let rank = saved_rank.unwrap_or_default();
                sort_ids(hits, &mut |a, b| rank[a as usize].cmp(&rank[b as usize]));
            }
            Sort::Newest => {}
            Sort::Oldest => {
                // Catalog order is newest first with undated last; keep undated last.
                let dated = hits.partition_point(|&d| self.days[d as usize].is_some());
                hits[..dated].reverse();
            }
            Sort::Relevance => {
                if let Some(scores) = scores {
                    sort_ids(hits, &mut |a, b| {
                        let (sa, sb) = (
                            scores[a as usize].unwrap_or_default(),
                            scores[b as usize].unwrap_or_default(),
                        );
                        sb.total_cmp(&sa).then(a.cmp(&b))
                    });
                }
            }
        }
    }

    /// The topics with their counts, most articles first, and "No topic"
    /// when an article has none or it is chosen.
    fn topic_counts(&self, counts: &[usize], no_topic: usize, wanted: bool) -> Vec<TopicCount> {
        let topics: Vec<TopicCount> = self
            .topics
            .iter()
            .zip(counts)
            .map(|(choice, &count)| choice.counted(count))
            .collect();
        let mut topics = most_articles_first(topics);
        if no_topic > 0 || wanted {
            topics.push(TopicCount {
                slug: NO_TOPIC.into(),
                label: NO_TOPIC_LABEL.into(),
                count: no_topic,
            });
        }
        topics
    }

    /// Each facet's values with their counts, most articles first.
    fn facet_counts(&self, counts: &[usize]) -> Vec<FacetCounts> {
        self.facet_names
            .iter()
            .zip(&self.facet_members)
            .map(|(name, members)| {
                let values: Vec<TopicCount> = members
                    .iter()
                    .map(|&v| self.value_choices[usize::from(v)].counted(counts[usize::from(v)]))
                    .collect();
                FacetCounts {
                    name: name.clone(),
                    label: crate::model::facets::facet_label(name),
                    values: most_articles_first(values),
                }
            })
            .collect()
    }

    fn histogram(&self, hits: &[u32], from: Option<i64>, to: Option<i64>) -> Histogram {
        let days: Vec<i64> = hits.iter().filter_map(|&d| self.days[d as usize]).collect();
        let undated = hits.len() - days.len();
        let (Some(first), Some(last)) = (from.or(self.first_day), to.or(self.last_day)) else {
            return Histogram {
                unit: Unit::Day,
                buckets: Vec::new(),
                undated,
            };
        };
        let (first, last) = (first.min(last), first.max(last));
        let (start, end) = (Date::from_day_number(first), Date::from_day_number(last));
        let unit = if last - first <= 62 {
            Unit::Day
        } else if end.month_number() - start.month_number() < MAX_BUCKETS {
            Unit::Month
        } else {
            Unit::Year
        };
        let mut buckets = Vec::new();
        match unit {
            Unit::Year => {
                let (y0, y1) = (i64::from(start.year), i64::from(end.year));
                // Whole years a bar, as few as keep the bars within the bound.
                let step = ((y1 - y0 + 1 + MAX_BUCKETS - 1) / MAX_BUCKETS).max(1);
                let mut y = y0;
                while y <= y1 {
                    let last_year = (y + step - 1).min(y1);
                    buckets.push(Bucket {
                        first: Date::new(y as u16, 1, 1).unwrap_or(start),
                        last: Date::new(last_year as u16, 12, 31).unwrap_or(end),
                        count: 0,
                    });
                    y += step;
                }
                for &doc in hits {
                    let doc = doc as usize;
                    if self.days[doc].is_none_or(|d| d < first || d > last) {
                        continue;
                    }
                    let year = self.months[doc].div_euclid(12);
                    let i = (year - y0) / step;
                    if let Some(bucket) = usize::try_from(i).ok().and_then(|i| buckets.get_mut(i)) {
                        bucket.count += 1;
                    }
                }
            }
            Unit::Day => {
                for day in first..=last {
                    let date = Date::from_day_number(day);
                    buckets.push(Bucket {
                        first: date,
                        last: date,
                        count: 0,
                    });
                }
                for d in days.iter().filter(|&&d| d >= first && d <= last) {
                    buckets[(d - first) as usize].count += 1;
                }
            }
            Unit::Month => {
                let base = start.month_number();
                for m in base..=end.month_number() {
                    let (year, month) = ((m / 12) as u16, (m % 12) as u8 + 1);
                    let first = Date {
                        year,
                        month,
                        day: 1,
                    };
                    let last = first.month_end();
                    buckets.push(Bucket {
                        first,
                        last,
                        count: 0,
                    });
                }
                for &doc in hits {
                    let doc = doc as usize;
                    if self.days[doc].is_none() {
                        continue;
                    }
                    let i = self.months[doc] - base;
                    if let Some(bucket) = usize::try_from(i).ok().and_then(|i| buckets.get_mut(i)) {
                        bucket.count += 1;
                    }
                }
            }
        }
        Histogram {
            unit,
            buckets,
            undated,
        }
    }
}

/// Date presets relative to the newest article: (label, URL value, days back inclusive).
pub const PRESETS: &[(&str, &str, i64)] = &[
    ("Last day", "day", 1),
    ("Last week", "week", 7),
    ("Last month", "month", 30),
    ("Last year", "year", 365),
];

/// The day presets count back from: the newest article's, but never past
/// tomorrow, so one article dated in the far future does not leave every
/// preset empty.
pub fn preset_anchor(newest: Date, today: Date) -> Date {
    newest.min(today.next_day().unwrap_or(today))
}

/// The from/to range a preset stands for, given the newest article's date.
pub fn preset_range(newest: Date, days: i64) -> (Date, Date) {
    (
        Date::from_day_number(newest.day_number() - (days - 1)),
        newest,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_each_articles_numbers_apart() {
        let mut lists = Lists::default();
        for list in [&[][..], &[4, 2], &[], &[7], &[1, 1, 9]] {
            lists.push(list);
        }
        assert_eq!(lists.len(), 5);
        let back: Vec<&[u16]> = (0..lists.len()).map(|i| lists.get(i)).collect();
        assert_eq!(back, [&[][..], &[4, 2], &[], &[7], &[1, 1, 9]]);
    }

    /// Choosing and unchoosing values, for topics and facets alike; a facet
    /// with nothing chosen leaves the view (and its URL).
    #[test]
    fn filters_toggle_their_values() {
        let place = Filter::Facet("place".into());
        let view = View::default()
            .toggled(&place, "tokyo")
            .toggled(&Filter::Topics, "acq");
        assert_eq!(view.chosen(&place), ["tokyo"]);
        assert_eq!(view.chosen(&Filter::Topics), ["acq"]);
        assert_eq!(view.active_filters(), 2);
        let view = view.toggled(&place, "paris").toggled(&place, "tokyo");
        assert_eq!(view.chosen(&place), ["paris"]);
        let view = view.toggled(&place, "paris");
        assert!(view.facets.is_empty());
        assert_eq!(
            view.chosen(&Filter::Facet("author".into())),
            [] as [String; 0]
        );
    }

    fn catalog(articles: serde_json::Value) -> Catalog {
        let json =
            serde_json::json!({"format": "dateline-bundle", "version": 1, "articles": articles});
        Catalog::from_json(&json.to_string()).unwrap()
    }

    fn sample() -> Catalog {
        catalog(serde_json::json!([
            {"id": "a", "title": "Oil price rises", "topics": ["crude"], "published": "1987-03-03T23:30:00"},
            {"id": "b", "title": "Wheat harvest", "topics": ["grain", "wheat"], "published": "1987-03-04T00:10:00"},
            {"id": "c", "title": "Oil and grain", "topics": ["crude", "grain"], "published": "1987-04-10T12:00:00"},
            {"id": "d", "title": "Untagged oil note", "published": "1987-06-01T08:00:00"},
            {"id": "e", "title": "Undated item"}
        ]))
    }

    fn ids(catalog: &Catalog, outcome: &Outcome) -> Vec<String> {
        outcome
            .hits
            .iter()
            .map(|&i| catalog.articles[i as usize].id.clone())
            .collect()
    }

    fn date(s: &str) -> Date {
        crate::model::Timestamp::parse(s).unwrap().date
    }

    /// A removed article's values stay numbered (`FacetTable`), but the
    /// filters offer only values some article has.
    #[test]
    fn the_filters_leave_out_what_only_removed_articles_had() {
        let json = serde_json::json!({"format": "dateline-bundle", "version": 1,
            "articles": [{"id": "b", "title": "B", "published": "2026-12-02T08:00",
                "authors": ["Rui Costa"]}],
            "removed": [{"id": "a", "published": "2026-12-01T08:00", "topics": ["Metro"],
                "facets": [["author", "ana-lima"], ["desk", "metro"]]}]});
        let c = Catalog::from_json(&json.to_string()).unwrap();
        assert_eq!(
            c.facets.values.len(),
            3,
            "the removed article's values keep numbers"
        );
        let out = Engine::new(&c).run(&c, &View::default());
        let offered: Vec<(&str, Vec<&str>)> = (out.facets.iter())
            .map(|f| (f.name.as_str(), f.values.iter().map(|v| &*v.slug).collect()))
            .collect();
        assert_eq!(offered, [("author", vec!["rui-costa"])]);
        assert!(out.topics.iter().all(|t| &*t.slug != "metro"));
    }

    #[test]
    fn the_saved_section_and_unread_only_are_scopes_of_the_shelf() {
        let c = sample();
        let engine = Engine::new(&c);
        let mut shelf = crate::shelf::Shelf::default();
        shelf.toggle_saved("a", "A", 1.0);
        shelf.toggle_saved("e", "E", 2.0);
        shelf.toggle_saved("c", "C", 3.0);
        shelf.toggle_saved("gone", "Gone", 4.0);
        shelf.mark_read("c");
        shelf.mark_read("b");
        let run = |view: &View| {
            let scope = Scope::new(c.articles.iter().map(|a| a.id.as_str()), &shelf, view);
            let out = engine.run_in(&c, view, scope.as_ref());
            (
                ids(&c, &out),
                out.topics
                    .iter()
                    .map(|t| (t.slug.to_string(), t.count))
                    .collect::<Vec<_>>(),
            )
        };
        assert!(Scope::new(
            c.articles.iter().map(|a| a.id.as_str()),
            &shelf,
            &View::default()
        )
        .is_none());
        let saved = View {
            saved: true,
            ..View::default()
        };
        // Newest saved first; an id the catalog lacks shows nowhere.
        assert_eq!(run(&saved).0, ["c", "e", "a"]);
        // An order chosen wins; filters and counts cover the saved only.
        assert_eq!(
            run(&View {
                sort: Some(Sort::Newest),
                ..saved.clone()
            })
            .0,
            ["c", "a", "e"]
        );
        let (hits, topics) = run(&View {
            topics: vec!["crude".into()],
            ..saved.clone()
        });
        assert_eq!(hits, ["c", "a"]);
        assert!(
            topics.contains(&("crude".to_string(), 2))
                && topics.contains(&("grain".to_string(), 1)),
            "{topics:?}"
        );
        // Unread only, in both sections.
        assert_eq!(
            run(&View {
                unread: true,
                ..View::default()
            })
            .0,
            ["d", "a", "e"]
        );
        assert_eq!(
            run(&View {
                unread: true,
                ..saved.clone()
            })
            .0,
            ["e", "a"]
        );
        // A search inside the Saved section ranks by relevance.
        assert_eq!(
            run(&View {
                q: "oil".into(),
                ..saved
            })
            .0
            .len(),
            2
        );
    }

    #[test]
    fn day_numbers_round_trip() {
        for s in ["1970-01-01", "1987-02-28", "2000-02-29", "2026-12-31"] {
            assert_eq!(Date::from_day_number(date(s).day_number()), date(s));
        }
        assert_eq!(date("1970-01-02").day_number(), 1);
    }

    #[test]
    fn no_filter_lists_everything_newest_first() {
        let c = sample();
        let out = Engine::new(&c).run(&c, &View::default());
        assert_eq!(ids(&c, &out), ["d", "c", "b", "a", "e"]);
        let oldest = Engine::new(&c).run(
            &c,
            &View {
                sort: Some(Sort::Oldest),
                ..View::default()
            },
        );
        assert_eq!(ids(&c, &oldest), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn topics_match_any_and_counts_combine_with_other_filters() {
        let c = sample();
        let engine = Engine::new(&c);
        let view = View {
            topics: vec!["crude".into(), "wheat".into()],
            ..View::default()
        };
        assert_eq!(ids(&c, &engine.run(&c, &view)), ["c", "b", "a"]);
        let none = View {
            topics: vec![NO_TOPIC.into()],
            ..View::default()
        };
        assert_eq!(ids(&c, &engine.run(&c, &none)), ["d", "e"]);

        let march = View {
            from: Some(date("1987-03-01")),
            to: Some(date("1987-03-31")),
            ..View::default()
        };
        let out = engine.run(&c, &march);
        let count = |slug: &str| {
            out.topics
                .iter()
                .find(|t| *t.slug == *slug)
                .map(|t| t.count)
        };
        assert_eq!(
            (count("crude"), count("grain"), count("wheat")),
            (Some(1), Some(1), Some(1))
        );
        assert_eq!(count(NO_TOPIC), None, "no untagged story in March");
        let all = engine.run(&c, &View::default());
        assert_eq!(all.topics.first().map(|t| t.count), Some(2));
        assert_eq!(
            all.topics.last().map(|t| (&*t.slug, t.count)),
            Some((NO_TOPIC, 2))
        );
    }

    #[test]
    fn date_range_is_inclusive_by_wall_clock_day() {
        let c = sample();
        let engine = Engine::new(&c);
        let day = |d: &str| View {
            from: Some(date(d)),
            to: Some(date(d)),
            ..View::default()
        };
        assert_eq!(
            ids(&c, &engine.run(&c, &day("1987-03-03"))),
            ["a"],
            "23:30 on 3 March belongs to 3 March"
        );
        assert_eq!(ids(&c, &engine.run(&c, &day("1987-03-04"))), ["b"]);
        let open_end = View {
            from: Some(date("1987-04-01")),
            ..View::default()
        };
        assert_eq!(
            ids(&c, &engine.run(&c, &open_end)),
            ["d", "c"],
            "undated stories drop out of a range"
        );
    }

    #[test]
    fn search_combines_with_filters_and_ranks() {
        let c = sample();
        let engine = Engine::new(&c);
        let out = engine.run(
            &c,
            &View {
                q: "oil".into(),
                ..View::default()
            },
        );
        assert_eq!(out.sort, Sort::Relevance);
        assert_eq!(out.hits.len(), 3);
        let grain = View {
            q: "oil".into(),
            topics: vec!["grain".into()],
            ..View::default()
        };
        assert_eq!(ids(&c, &engine.run(&c, &grain)), ["c"]);
        let newest = View {
            q: "oil".into(),
            sort: Some(Sort::Newest),
            ..View::default()
        };
        assert_eq!(ids(&c, &engine.run(&c, &newest)), ["d", "c", "a"]);
    }

    #[test]
    fn histogram_shows_empty_months_and_days() {
        let c = sample();
        let engine = Engine::new(&c);
        let out = engine.run(&c, &View::default());
        assert_eq!(out.histogram.unit, Unit::Month);
        let counts: Vec<usize> = out.histogram.buckets.iter().map(|b| b.count).collect();
        assert_eq!(counts, [2, 1, 0, 1], "March, April, empty May, June");
        assert_eq!(out.histogram.undated, 1);
        let march = View {
            from: Some(date("1987-03-01")),
            to: Some(date("1987-03-05")),
            ..View::default()
        };
        let out = engine.run(&c, &march);
        assert_eq!(out.histogram.unit, Unit::Day);
        assert_eq!(
            out.histogram
                .buckets
                .iter()
                .map(|b| b.count)
                .collect::<Vec<_>>(),
            [0, 0, 1, 1, 0]
        );
    }

    /// One article dated 0001-01-01 and one 9999-12-31 among normal ones:
    /// they stay listed (as undated for dates), and the bars stay few.
    #[test]
    fn extreme_dates_neither_widen_the_histogram_nor_vanish() {
        let c = catalog(serde_json::json!([
            {"id": "a", "title": "A", "published": "2025-03-01"},
            {"id": "b", "title": "B", "published": "2025-03-04"},
            {"id": "zero", "title": "Zero", "published": "0001-01-01T00:00:00Z"},
            {"id": "max", "title": "Max", "published": "9999-12-31"},
        ]));
        let engine = Engine::new(&c);
        let out = engine.run(&c, &View::default());
        assert_eq!(out.hits.len(), 4, "every article is still listed");
        assert_eq!(out.histogram.unit, Unit::Day);
        assert_eq!(out.histogram.buckets.len(), 4);
        assert_eq!(out.histogram.undated, 2);
        // A range typed into the URL across the whole calendar: still bounded.
        let wide = View {
            from: Some(date("0001-01-01")),
            to: Some(date("9999-12-31")),
            ..View::default()
        };
        let out = engine.run(&c, &wide);
        assert_eq!(out.histogram.unit, Unit::Year);
        assert!(out.histogram.buckets.len() as i64 <= MAX_BUCKETS);
        assert_eq!(
            out.histogram.buckets.iter().map(|b| b.count).sum::<usize>(),
            2
        );
        let bucket = out.histogram.buckets.iter().find(|b| b.count == 2).unwrap();
        assert!(
            bucket.first.year <= 2025 && bucket.last.year >= 2025,
            "{bucket:?}"
        );
    }

    #[test]
    fn long_spans_are_shown_by_year() {
        let c = catalog(serde_json::json!([
            {"id": "a", "title": "A", "published": "1990-05-01"},
            {"id": "b", "title": "B", "published": "2025-03-04"},
        ]));
        let engine = Engine::new(&c);
        let out = engine.run(&c, &View::default());
        assert_eq!(out.histogram.unit, Unit::Year);
        assert_eq!(
            out.histogram.buckets.len(),
            36,
            "1990 to 2025, a bar a year"
        );
        assert_eq!(out.histogram.buckets[0].count, 1);
    }

    #[test]
    fn presets_never_count_back_from_the_future() {
        let today = date("2026-11-28");
        assert_eq!(preset_anchor(date("2025-09-04"), today), date("2025-09-04"));
        assert_eq!(preset_anchor(date("2999-01-01"), today), date("2026-11-29"));
    }

    #[test]
    fn presets_count_back_from_the_newest_story() {
        let (from, to) = preset_range(date("1987-10-20"), 7);
        assert_eq!(
            (from.iso(), to.iso()),
            ("1987-10-14".into(), "1987-10-20".into())
        );
        assert_eq!(preset_range(date("1987-03-01"), 1).0.iso(), "1987-03-01");
    }
}
