//! Turns a scraped news page (plain text with page chrome, repeated headlines
//! and captions, possibly several stories run together) into articles.

use super::headline::{choose_title, is_headline_like, section_labels};
use super::lines::{classify, dates_in, Line};
use super::region::{article_lines, Role, Weight};
use dateline_core::model::text::{
    collapse_whitespace, derive_title, is_unspaced_script, summarize,
};
use dateline_core::model::{Article, Block, Photo, Timestamp};

/// What the importer made of one page, and what it noticed on the way.
#[derive(Debug, Default)]
pub struct PageImport {
    pub articles: Vec<Article>,
    pub notes: Vec<String>,
}

#[derive(Default)]
struct Draft {
    /// The short lines above the story, in order, and how many came before
    /// its byline or date.
    header: Vec<String>,
    header_marked: Option<usize>,
    published: Option<Timestamp>,
    updated: Option<Timestamp>,
    dateline: Option<String>,
    source: Option<String>,
    byline: Option<String>,
    /// The short paragraph under the headline, the summary when there is one.
    standfirst: Option<String>,
    /// A date printed a little above the story's header (among share
    /// buttons and a box of links), else the page's schema.org
    /// `"datePublished"` wherever it was printed: for a story that prints
    /// none of its own.
    date_above: Option<Timestamp>,
    body: Vec<Block>,
    photos: Vec<Photo>,
    credit: Option<String>,
    link_topics: Vec<String>,
}

impl Draft {
    fn has_text(&self) -> bool {
        self.body
            .iter()
            .any(|b| matches!(b, Block::Paragraph { .. }))
    }

    /// Keeps the short lines above a story for [`choose_title`]; `marked`
    /// of them came before its byline or printed date.
    fn take_header(&mut self, lines: Vec<String>, marked: usize) {
        if self.header_marked.is_none() {
            self.header_marked = Some(self.header.len() + marked);
        }
        self.header.extend(lines);
    }

    /// Lines that repeat the header (the headline, a section label) are page furniture.
    fn is_repeat(&self, line: &str) -> bool {
        self.header.iter().any(|h| h == line)
    }

    fn add_photo(&mut self, caption: &str, credit: &str) -> bool {
        let caption = collapse_whitespace(caption);
        if self.photos.iter().any(|p| p.caption == caption) {
            return false;
        }
        self.photos.push(Photo {
            url: None,
            alt: Some(caption.clone()),
            caption,
            credit: Some(credit.to_string()),
            ..Photo::default()
        });
        true
    }

    fn finish(self, notes: &mut Vec<String>) -> Option<Article> {
        let first = self.body.iter().find_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.clone()),
            _ => None,
        });
        let chosen = choose_title(&self.header, self.header_marked.unwrap_or(0), &self.body);
        let Some(first) = first else {
            if !self.photos.is_empty() || chosen.is_some() {
                notes.push(format!(
                    "dropped a fragment with no body text ({} photo(s), headline {:?})",
                    self.photos.len(),
                    chosen.as_deref().unwrap_or("none")
                ));
            }
            return None;
        };
        let topics = chosen
            .as_deref()
            .map(|title| section_labels(&self.header, title))
            .unwrap_or_default();
        let (title, title_derived) = match chosen {
            Some(title) => (title, false),
            None => {
                let title = derive_title(&first);
                notes.push(format!(
                    "no headline printed: derived {title:?} from the first sentence"
                ));
                (title, true)
            }
        };
        let (published, published_inferred) = match self.published.or(self.date_above) {
            Some(p) => (Some(p), false),
            None => {
                let latest = self.photos.iter().flat_map(|p| dates_in(&p.caption)).max();
                match latest {
                    Some(date) => notes.push(format!(
                        "{title:?}: no timestamp printed; dated {} from its photo captions",
                        date.iso()
                    )),
                    None => notes.push(format!(
                        "{title:?}: no timestamp printed and none inferable; left undated"
                    )),
                }
                (latest.map(Timestamp::date_only), latest.is_some())
            }
        };
        let mut topics = if topics.is_empty() {
            self.link_topics
        } else {
            topics
        };
        topics.dedup();
        Some(Article {
            id: String::new(),
            title,
            title_derived,
            topics,
            published,
            published_inferred,
            updated: self.updated,
            dateline: self.dateline,
            source: self.source,
            byline: self.byline,
            summary: self.standfirst.unwrap_or_else(|| summarize(&first)),
            body: self.body,
            photos: self.photos,
            credit: self.credit,
            ..Article::default()
        })
    }
}

/// How much text above a story's start may be the page's rather than a story.
#[derive(Clone, Copy)]
struct Preamble {
    paragraphs: usize,
    chars: usize,
}

/// A standfirst is a sentence or two.
const MAX_STANDFIRST_CHARS: usize = 300;

const ABOVE_A_DATELINE: Preamble = Preamble {
    paragraphs: 2,
    chars: 400,
};
/// A headline with its byline or date after text is a clearer start than a
/// dateline (which a story may quote), so more text above it may go.
const ABOVE_A_HEADLINE: Preamble = Preamble {
    paragraphs: 12,
    chars: 1500,
};

struct PageParser {
    current: Draft,
    /// Short lines not yet placed: a header if a story starts next, else subheads.
    pending: Vec<String>,
    /// How many pending lines came before the story's byline or printed date.
    marked: Option<usize>,
    done: Vec<Article>,
    notes: Vec<String>,
    chrome_lines: usize,
    duplicate_captions: usize,
}

impl PageParser {
    fn start_story(&mut self) {
        let draft = std::mem::take(&mut self.current);
        if let Some(article) = draft.finish(&mut self.notes) {
            self.done.push(article);
        }
    }

    /// A little text above a story's start (a wire dateline, or a headline
    /// with its byline or date), in a story with no dateline or date of its
    /// own, is the page's (a sign-up prompt, a section's blurb), not a
    /// story: the header stays, the text goes. More text than `limit` is a
    /// story, and the next one starts here.
    fn drop_preamble(&mut self, limit: Preamble, above: &str) {
        let paragraphs: Vec<usize> = self
            .current
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.chars().count()),
                _ => None,
            })
            .collect();
        if !paragraphs.is_empty()
            && paragraphs.len() <= limit.paragraphs
            && paragraphs.iter().sum::<usize>() <= limit.chars
        {
            self.notes.push(format!(
                "dropped {} line(s) of page text above {above}",
                self.current.body.len()
            ));
            self.current.body.clear();
        }
    }

    /// Notes where a byline or date came in a story's header. After some
    /// text, a headline followed by a byline or date starts the story.
    fn mark_header(&mut self) {
        let draft = &self.current;
        if draft.has_text()
            && draft.byline.is_none()
            && draft.published.is_none()
            && draft.dateline.is_none()
            && self.pending.iter().any(|l| is_headline_like(l))
        {
            self.drop_preamble(ABOVE_A_HEADLINE, "the story's headline");
        } else if draft.standfirst.is_none() && draft.byline.is_none() && draft.published.is_none()
        {
            // One short paragraph between the headline and its byline or
            // date is the standfirst, not the story's first paragraph.
            if let [Block::Paragraph { text, .. }] = &draft.body[..] {
                if text.chars().count() <= MAX_STANDFIRST_CHARS && self.pending.is_empty() {
                    self.current.standfirst = Some(text.clone());
                    self.current.body.clear();
                }
            }
        }
        if !self.current.has_text() && self.marked.is_none() {
            self.marked = Some(self.pending.len());
        }
    }

    /// Places the pending short lines as this story's header, or as subheads
    /// in its body when the story is already under way.
    fn place_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let marked = self.marked.take().unwrap_or(pending.len());
        if self.current.has_text() {
            for line in pending {
                if !self.current.is_repeat(&line) {
                    self.current.body.push(Block::paragraph(line));
                }
            }
        } else {
            self.current.take_header(pending, marked);
        }
    }

    fn push_paragraph(&mut self, text: &str) {
        self.place_pending();
        let text = collapse_whitespace(text);
        if !self.current.is_repeat(&text) {
            self.current.body.push(Block::paragraph(text));
        }
    }

    fn line(&mut self, line: Line<'_>) {
        match line {
            Line::Chrome => self.chrome_lines += 1,
            // Used through `date_above` only when the story prints no date.
            Line::End | Line::MetadataDate(_) => {}
            Line::Byline(name) => {
                self.mark_header();
                if self.current.byline.is_none() {
                    self.current.byline = Some(collapse_whitespace(name));
                }
            }
            Line::Short(text) => self.pending.push(collapse_whitespace(text)),
            // A printed date dates the story once; another one is just a line.
            Line::PrintedDate { at, line } => {
                self.mark_header();
                if self.current.published.is_none() {
                    self.current.published = Some(at);
                } else {
                    self.pending.push(collapse_whitespace(line));
                }
            }
            Line::Timestamp { published, updated } => {
                if self.current.has_text() || self.current.published.is_some() {
                    self.start_story();
                }
                self.place_pending();
                self.current.published = Some(published);
                self.current.updated = updated;
            }
            Line::Dateline {
                place,
                source,
                rest,
            } => {
                if self.current.dateline.is_none() && self.current.published.is_none() {
                    self.drop_preamble(ABOVE_A_DATELINE, "a wire dateline");
                }
                let under_way = self.current.has_text() || self.current.dateline.is_some();
                if under_way {
                    // The headline of the next story, if the page printed one, sits in `pending`.
                    self.start_story();
                }
                self.place_pending();
                self.current.dateline = Some(place.to_string());
                self.current.source = Some(source.to_string());
                if !rest.is_empty() {
                    self.push_paragraph(rest);
                }
            }
            Line::Paragraph(text) => self.push_paragraph(text),
            Line::Caption { caption, credit } => {
                if !self.current.add_photo(caption, credit) {
                    self.duplicate_captions += 1;
                }
            }
            Line::Link { text, href } => {
                self.place_pending();
                let topic = match self.current.source.as_deref() {
                    Some(source) => text
                        .strip_prefix(source)
                        .map(str::trim)
                        .filter(|t| !t.is_empty()),
                    None => None,
                };
                if let Some(topic) = topic {
                    self.current.link_topics.push(topic.to_string());
                }
                self.current.body.push(Block::Link {
                    text: text.to_string(),
                    href: href.to_string(),
                });
            }
            Line::Credit(text) => {
                self.place_pending();
                let text = collapse_whitespace(text);
                match &mut self.current.credit {
                    Some(existing) if *existing != text => {
                        existing.push(' ');
                        existing.push_str(&text);
                    }
                    Some(_) => {}
                    None => self.current.credit = Some(text),
                }
            }
        }
    }
}

/// The page's non-empty lines, trimmed, with hard-wrapped sentences joined:
/// a line that does not end a sentence, followed by one that starts in
/// lower case, is the same paragraph ("… the ultimate video" / "game
/// console …"), as in text laid out at a fixed width. Both must be runs of
/// words (four and two at least): "facebook" under "Follow Us" is a menu,
/// and "by Jane Doe" under a headline is its byline.
fn join_wrapped_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let continues = line.chars().next().is_some_and(char::is_lowercase)
            && line.split_whitespace().count() >= 2
            && !line.starts_with("by ")
            && !line.starts_with("by:");
        match lines.last_mut() {
            Some(previous)
                if continues
                    && previous.split_whitespace().count() >= 4
                    && !previous.ends_with(['.', '?', '!', ':', ';', '"', '”']) =>
            {
                previous.push(' ');
                previous.push_str(line);
            }
            _ => lines.push(line.to_string()),
        }
    }
    lines
}

/// How far above the first kept line a printed date may be and still date
/// the story below it.
const DATE_REACH: usize = 30;

/// The nearest date printed in the lines dropped just above the article.
fn date_above(lines: &[Line<'_>], roles: &[Role]) -> Option<Timestamp> {
    let first = roles.iter().position(|&r| r != Role::Dropped)?;
    lines[first.saturating_sub(DATE_REACH)..first]
        .iter()
        .rev()
        .find_map(|line| match line {
            Line::PrintedDate { at, .. } => Some(*at),
            Line::Timestamp { published, .. } => Some(*published),
            _ => None,
        })
}

/// Characters of readable text in a line: words, not the long runs of a
/// URL or a tag a page printed as text (`<img src="//c.example.com/c.gif?…">`),
/// which would otherwise outweigh a story.
fn text_mass(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| (w.chars().count(), w.chars().any(is_unspaced_script)))
        .filter(|&(n, unspaced)| unspaced || n <= 24)
        .map(|(n, _)| n + 1)
        .sum()
}

/// How a line counts when finding the article's lines ([`super::region`]).
fn weight(line: &Line<'_>) -> Weight {
    match line {
        Line::Paragraph(text) => Weight::Text(text_mass(text)),
        Line::Dateline { rest, .. } => Weight::Anchor(text_mass(rest).max(1)),
        Line::Timestamp { .. } => Weight::Anchor(0),
        Line::Short(_) => Weight::Label,
        Line::PrintedDate { .. } | Line::Byline(_) => Weight::Mark,
        Line::End
        | Line::Chrome
        | Line::MetadataDate(_)
        | Line::Caption { .. }
        | Line::Link { .. }
        | Line::Credit(_) => Weight::Neutral,
    }
}

pub fn parse_page(text: &str) -> PageImport {
    let mut parser = PageParser {
        current: Draft::default(),
        pending: Vec::new(),
        marked: None,
        done: Vec::new(),
        notes: Vec::new(),
        chrome_lines: 0,
        duplicate_captions: 0,
    };
    let joined = join_wrapped_lines(text);
    let mut lines: Vec<Line<'_>> = joined.iter().map(|l| classify(l)).collect();
    let page_date = lines.iter().find_map(|line| match line {
        Line::MetadataDate(at) => Some(*at),
        _ => None,
    });
    // "Recommended Articles": what follows is other stories, not this page's.
    let after_end = lines
        .iter()
        .position(|l| *l == Line::End)
        .map_or(0, |end| lines.drain(end..).count());
    let keep = article_lines(&lines.iter().map(weight).collect::<Vec<_>>());
    let last_kept = keep.iter().rposition(|&k| k != Role::Dropped);
    let dropped_after_end = after_end + last_kept.map_or(0, |last| lines.len() - last - 1);
    let dropped_elsewhere =
        keep.iter().filter(|&&k| k == Role::Dropped).count() + after_end - dropped_after_end;
    if dropped_elsewhere > 0 {
        parser.notes.push(format!(
            "dropped {dropped_elsewhere} line(s) of menus, teasers and other page text around the article"
        ));
    }
    parser.current.date_above = date_above(&lines, &keep).or(page_date);
    for (line, role) in lines.into_iter().zip(keep) {
        match (role, line) {
            (Role::Dropped, _) => {}
            (Role::Standfirst, Line::Paragraph(text)) => {
                parser
                    .current
                    .standfirst
                    .get_or_insert(collapse_whitespace(text));
            }
            (_, line) => parser.line(line),
        }
    }
    // Short lines left at the very end are page furniture (tags, labels), not text.
    if !parser.pending.is_empty() {
        parser.notes.push(format!(
            "dropped {} trailing label line(s): {:?}",
            parser.pending.len(),
            parser.pending
        ));
        parser.pending.clear();
    }
    parser.start_story();
    let PageParser {
        done,
        mut notes,
        chrome_lines,
        duplicate_captions,
        ..
    } = parser;
    if chrome_lines > 0 {
        notes.push(format!("dropped {chrome_lines} line(s) of page chrome"));
    }
    if duplicate_captions > 0 {
        notes.push(format!(
            "dropped {duplicate_captions} repeated photo caption(s)"
        ));
    }
    if dropped_after_end > 0 {
        notes.push(format!(
            "dropped {dropped_after_end} line(s) after the end of the article text"
        ));
    }
    PageImport {
        articles: done,
        notes,
    }
}
