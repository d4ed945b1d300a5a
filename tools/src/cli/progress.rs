//! What the `dateline` command shows while it works and when it is done: a
//! progress bar with counts on a terminal, one plain line per feed
//! elsewhere (CI logs), and a summary table at the end.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use crate::fetch::state::States;
use crate::subscriptions::Subscriptions;
use crate::update::{FeedReport, Outcome, UpdateReport};

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar of `total` `unit`s (feeds, files) on a terminal; nothing elsewhere.
    pub fn new(what: &str, unit: &str, total: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(&format!(
                    "{{prefix}} [{{bar:30}}] {{pos}}/{{len}} {unit} {{wide_msg}}"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_prefix(what.to_string());
            bar
        });
        Progress { bar }
    }

    pub fn feed_done(&self, feed: &FeedReport) {
        let line = format!("{} {}", feed.url, outcome_text(&feed.outcome));
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(line);
            }
            None => eprintln!("{line}"),
        }
    }

    /// `done` of `total` (a total learnt once the work started).
    pub fn at(&self, done: usize, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn outcome_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::NotModified => "not modified".into(),
        Outcome::Fetched(m) => {
            let mut text = format!("{} new, {} updated, {} known", m.new, m.updated, m.known);
            if m.joined > 0 {
                text += &format!(
                    ", {} told again by this outlet (listed on the first telling)",
                    m.joined
                );
            }
            text
        }
        Outcome::Failed(why) => format!("failed: {why}"),
        Outcome::Skipped(why) => format!("skipped: {why}"),
    }
}

/// The table after an update: one row per feed, then the totals.
pub fn print_summary(report: &UpdateReport) {
    let rows: Vec<[String; 3]> = report
        .feeds
        .iter()
        .map(|f| {
            let status = match &f.outcome {
                Outcome::NotModified => "304".to_string(),
                Outcome::Fetched(_) => "ok".to_string(),
                Outcome::Failed(_) => "FAILED".to_string(),
                Outcome::Skipped(_) => "skipped".to_string(),
            };
            let mut what = outcome_text(&f.outcome);
            if let Some(to) = &f.moved_to {
                what += &format!("; moved permanently to {to} (subscription updated)");
            }
            [status, f.url.clone(), what]
        })
        .collect();
    print_table(["status", "feed", "what happened"], &rows);
    let m = report.merged();
    let same = if m.joined > 0 {
        format!(
            ", {} told again by another outlet (listed on the first telling)",
            m.joined
        )
    } else {
        String::new()
    };
    eprintln!(
        "dateline update: {} feed(s), {} failed; {} new, {} updated{same}; {} article(s) archived; {}",
        report.feeds.len(),
        report.failed(),
        m.new,
        m.updated,
        report.articles,
        match report.written.len() {
            0 => "no file changed".to_string(),
            n => format!("{n} file(s) written"),
        }
    );
}

/// `dateline feeds list`: each feed with how it last went.
pub fn print_feeds(subs: &Subscriptions, states: &States) {
    let rows: Vec<[String; 3]> = subs
        .feeds
        .iter()
        .map(|f| {
            let state = states.feeds.get(&f.url).cloned().unwrap_or_default();
            let status = if state.retired {
                "retired (410 Gone)".to_string()
            } else if state.failures > 0 {
                format!(
                    "failing {}× ({})",
                    state.failures,
                    state.last_error.unwrap_or_default()
                )
            } else if let Some(day) = state.last_change {
                format!("last new story {day}")
            } else {
                "not fetched yet".to_string()
            };
            let name = f.title.clone().or(f.text.clone()).unwrap_or_default();
            [f.url.clone(), name, status]
        })
        .collect();
    if rows.is_empty() {
        eprintln!("no feeds followed yet: `dateline feeds add URL`");
        return;
    }
    print_table(["feed", "name", "status"], &rows);
}

/// The table after an import.
pub fn print_import_summary(
    report: &crate::importer::ImportReport,
    archived: usize,
    output: &std::path::Path,
) {
    let rows = [
        [
            "files read".to_string(),
            report.files.to_string(),
            "pages and feeds (directories expanded)".to_string(),
        ],
        [
            "files skipped".to_string(),
            report.skipped_files.to_string(),
            "each with its reason above".to_string(),
        ],
        [
            "from the archive".to_string(),
            archived.to_string(),
            "articles `dateline update` keeps".to_string(),
        ],
        [
            "articles written".to_string(),
            report.articles.to_string(),
            output.display().to_string(),
        ],
        [
            "notes".to_string(),
            report.notes.len().to_string(),
            "what the importer noticed (-q hides them)".to_string(),
        ],
    ];
    print_table(["", "count", ""], &rows);
}

/// The table after a build, read from what it wrote.
pub fn print_build_summary(site: &std::path::Path) {
    let manifest =
        std::fs::read_to_string(site.join(dateline_core::data::MANIFEST_URL)).unwrap_or_default();
    let articles = manifest
        .lines()
        .find_map(|l| l.strip_prefix("articles\t"))
        .unwrap_or("0")
        .to_string();
    let (mut files, mut bytes) = (0u64, 0u64);
    for entry in std::fs::read_dir(site.join("data"))
        .into_iter()
        .flatten()
        .flatten()
    {
        files += 1;
        bytes += entry.metadata().map_or(0, |m| m.len());
    }
    let pages = std::fs::read_dir(site.join("article")).map_or(0, |d| d.count());
    let feeds = ["feed.xml", "feed.json", "sitemap.xml"]
        .iter()
        .filter(|f| site.join(f).exists())
        .copied()
        .collect::<Vec<_>>();
    let rows = [
        [
            "articles".to_string(),
            articles,
            "in the site data".to_string(),
        ],
        [
            "data files".to_string(),
            files.to_string(),
            format!("{bytes} bytes in {}", site.join("data").display()),
        ],
        [
            "article pages".to_string(),
            pages.to_string(),
            "each readable without JavaScript".to_string(),
        ],
        [
            "feeds".to_string(),
            feeds.len().to_string(),
            if feeds.is_empty() {
                "none: the site's address is not known (see the note)".to_string()
            } else {
                feeds.join(", ")
            },
        ],
    ];
    print_table(["", "count", ""], &rows);
}

fn print_table(head: [&str; 3], rows: &[[String; 3]]) {
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([head[i].len()])
            .max()
            .unwrap_or(0)
            .min(70)
    };
    let (a, b) = (width(0), width(1));
    eprintln!("{:a$}  {:b$}  {}", head[0], head[1], head[2]);
    for row in rows {
        eprintln!("{:a$}  {:b$}  {}", row[0], row[1], row[2]);
    }
}
