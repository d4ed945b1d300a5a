//! Turns a scraped news page (plain text with page chrome, repeated headlines
//! and captions, possibly several stories run together) into articles.

use super::lines::{classify, dates_in, Line};
use dateline_core::model::text::{collapse_whitespace, derive_title, summarize};
use dateline_core::model::{Article, Block, Photo, Timestamp};

/// What the importer made of one page, and what it noticed on the way.
#[derive(Debug, Default)]
pub struct PageImport {
    pub articles: Vec<Article>,
    pub notes: Vec<String>,
}

#[derive(Default)]
struct Draft {
    title: Option<String>,
    topics: Vec<String>,
    published: Option<Timestamp>,
    updated: Option<Timestamp>,
    dateline: Option<String>,
    source: Option<String>,
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

    /// The lines above a story: the most repeated long line is the headline,
    /// the short ones are section labels.
    fn take_header(&mut self, lines: &[String]) {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for line in lines {
            match counts.iter_mut().find(|(l, _)| *l == line) {
                Some((_, n)) => *n += 1,
                None => counts.push((line, 1)),
            }
        }
        let title = counts
            .iter()
            .filter(|(l, _)| l.split_whitespace().count() >= 3)
            .fold(None::<(&str, usize)>, |best, &(l, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((l, n)),
            })
            .map(|(l, _)| l.to_string());
        for (line, _) in &counts {
            if Some(*line) != title.as_deref()
                && line.split_whitespace().count() < 3
                && !self.topics.iter().any(|t| t == line)
            {
                self.topics.push(line.to_string());
            }
        }
        if self.title.is_none() {
            self.title = title;
        }
    }

    /// Lines that repeat the headline or a section label are page furniture.
    fn is_repeat(&self, line: &str) -> bool {
        self.title.as_deref() == Some(line) || self.topics.iter().any(|t| t == line)
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
        let Some(first) = first else {
            if !self.photos.is_empty() || self.title.is_some() {
                notes.push(format!(
                    "dropped a fragment with no body text ({} photo(s), headline {:?})",
                    self.photos.len(),
                    self.title.as_deref().unwrap_or("none")
                ));
            }
            return None;
        };
        let (title, title_derived) = match self.title {
            Some(title) => (title, false),
            None => {
                let title = derive_title(&first);
                notes.push(format!(
                    "no headline printed: derived {title:?} from the first sentence"
                ));
                (title, true)
            }
        };
        let (published, published_inferred) = match self.published {
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
        let mut topics = if self.topics.is_empty() {
            self.link_topics
        } else {
            self.topics
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
            byline: None,
            summary: summarize(&first),
            body: self.body,
            photos: self.photos,
            credit: self.credit,
            ..Article::default()
        })
    }
}

struct PageParser {
    current: Draft,
    /// Short lines not yet placed: a header if a story starts next, else subheads.
    pending: Vec<String>,
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

    /// Places the pending short lines as this story's header, or as subheads
    /// in its body when the story is already under way.
    fn place_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if self.current.has_text() {
            for line in pending {
                if !self.current.is_repeat(&line) {
                    self.current.body.push(Block::paragraph(line));
                }
            }
        } else {
            self.current.take_header(&pending);
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
            Line::End => {}
            Line::Short(text) => self.pending.push(collapse_whitespace(text)),
            // A printed date dates the story once; another one is just a line.
            Line::PrintedDate { at, line } => {
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

pub fn parse_page(text: &str) -> PageImport {
    let mut parser = PageParser {
        current: Draft::default(),
        pending: Vec::new(),
        done: Vec::new(),
        notes: Vec::new(),
        chrome_lines: 0,
        duplicate_captions: 0,
    };
    let mut dropped_after_end = 0;
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    for line in lines.by_ref() {
        let line = classify(line);
        if line == Line::End {
            break;
        }
        parser.line(line);
    }
    dropped_after_end += lines.count();
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
