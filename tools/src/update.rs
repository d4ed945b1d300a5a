//! `dateline update`: every subscribed feed fetched once, politely, and
//! what is new folded into the permanent archive.
//!
//! One request at a time per host (a host's feeds are one worker's queue)
//! and a bounded number overall. A feed that fails (network, HTTP status,
//! broken XML, absurd content) costs nothing already archived: it is
//! reported with its reason and counted in its state. Nothing is written
//! unless something changed, each file atomically, under the archive's lock.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{mpsc, Mutex};

use crate::archive::merge::{Merged, Merger};
use crate::archive::{Archive, Lock, DIR as ARCHIVE_DIR};
use crate::fetch::state::{FeedState, States};
use crate::fetch::{Client, FetchError, Fetched, Limits};
use crate::importer::feed::{read_feed, FeedEntry};
use crate::importer::html::Media;
use crate::subscriptions::{Feed, Subscriptions};

#[derive(Debug, Clone)]
pub struct UpdateOptions {
    pub content: PathBuf,
    /// Articles published more than this many days ago are removed; `None`: kept forever.
    pub keep_days: Option<u32>,
    pub limits: Limits,
    /// Requests under way at once, over all hosts.
    pub workers: usize,
    /// The site's address, named in the User-Agent.
    pub site: Option<String>,
}

/// What became of one feed in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 304 Not Modified.
    NotModified,
    Fetched(Merged),
    Failed(String),
    /// Not asked this run: retired (410) or asked to wait.
    Skipped(String),
}

#[derive(Debug, Clone)]
pub struct FeedReport {
    pub url: String,
    pub outcome: Outcome,
    /// Where a permanent redirect moved it (the subscription now says so).
    pub moved_to: Option<String>,
    pub bytes: u64,
}

#[derive(Debug, Default)]
pub struct UpdateReport {
    pub feeds: Vec<FeedReport>,
    /// Files written or removed.
    pub written: Vec<PathBuf>,
    pub articles: usize,
}

impl UpdateReport {
    pub fn failed(&self) -> usize {
        self.feeds
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Failed(_)))
            .count()
    }

    pub fn merged(&self) -> Merged {
        let mut total = Merged::default();
        for feed in &self.feeds {
            if let Outcome::Fetched(m) = feed.outcome {
                total.new += m.new;
                total.updated += m.updated;
                total.known += m.known;
                total.joined += m.joined;
            }
        }
        total
    }
}

/// A feed's answer, parsed in the worker that fetched it.
struct Answer {
    feed: Feed,
    result: Result<(Fetched, Option<Vec<FeedEntry>>), FetchError>,
    parse_error: Option<String>,
}

/// Runs an update; `progress` hears each feed as it is done.
pub fn update(
    options: &UpdateOptions,
    progress: &(dyn Fn(&FeedReport) + Sync),
) -> Result<UpdateReport, String> {
    let content = &options.content;
    let _lock = Lock::take(content)?;
    let mut subs = Subscriptions::read(content)?;
    if subs.feeds.is_empty() {
        return Err(format!(
            "{} follows no feed yet: add one with `dateline feeds add URL` or `dateline feeds import FILE.opml`",
            content.display()
        ));
    }
    let archive_dir = content.join(ARCHIVE_DIR);
    let mut states = States::read(&archive_dir)?;
    let mut archive = Archive::read(content)?;
    let now = chrono::Utc::now();
    let today = now.format("%Y-%m-%d").to_string();
    // Articles published before this day are not kept (`--keep-days`).
    let cutoff = options.keep_days.map(|days| {
        (now - chrono::Duration::days(i64::from(days)))
            .format("%Y-%m-%d")
            .to_string()
    });

    let mut reports = Vec::new();
    let mut due = Vec::new();
    for feed in &subs.feeds {
        let state = states.feeds.get(&feed.url).cloned().unwrap_or_default();
        let waiting = state
            .not_before
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .filter(|t| *t > now);
        let skip = if state.retired {
            Some("retired: it answered 410 Gone (remove it, or add it again to retry)".to_string())
        } else {
            waiting.map(|t| format!("the server asked to wait until {}", t.to_rfc3339()))
        };
        match skip {
            Some(why) => reports.push(FeedReport {
                url: feed.url.clone(),
                outcome: Outcome::Skipped(why),
                moved_to: None,
                bytes: 0,
            }),
            None => due.push((feed.clone(), state)),
        }
    }
    for report in &reports {
        progress(report);
    }

    let client = Client::new(
        &Client::user_agent(options.site.as_deref()),
        options.limits.clone(),
    );
    let mut merger = Merger::new(&mut archive);
    let mut moves = Vec::new();
    // Each answer is settled as it comes (the progress moves with the
    // fetches), on this thread: the archive and states are never shared.
    fetch_all(&client, due.clone(), options.workers.max(1), |answer| {
        let url = answer.feed.url.clone();
        let state = states.feeds.entry(url.clone()).or_default();
        let report = settle(answer, state, &mut merger, &today, cutoff.as_deref());
        if let Some(to) = &report.moved_to {
            moves.push((url.clone(), to.clone()));
        }
        progress(&report);
        reports.push(report);
    });
    drop(merger);
    for (from, to) in &moves {
        move_feed(&mut subs, &mut states, &mut archive, from, to);
    }
    // What is too old loses its text and keeps its place (`Record::remove`),
    // so the site around it stays as it was instead of every newer file
    // moving (docs/format.md, "How the files are laid out").
    if let Some(cutoff) = &cutoff {
        for record in &mut archive.records {
            if !record.archive.removed && too_old(&record.article, cutoff) {
                record.remove();
            }
        }
    }
    // Forget state for feeds no longer subscribed.
    states
        .feeds
        .retain(|url, _| subs.feeds.iter().any(|f| &f.url == url));

    let mut written = archive.write(content)?;
    if states.write(&archive_dir).map_err(|e| {
        format!(
            "cannot write {}: {e}",
            archive_dir.join(crate::fetch::state::FILE).display()
        )
    })? {
        written.push(archive_dir.join(crate::fetch::state::FILE));
    }
    if !moves.is_empty() {
        subs.write(content)
            .map_err(|e| format!("cannot write the subscriptions: {e}"))?;
        written.push(content.join(crate::subscriptions::FILE));
    }
    reports.sort_by_key(|r| subs_order(&subs, r));
    Ok(UpdateReport {
        feeds: reports,
        written,
        articles: archive.records.len(),
    })
}

fn subs_order(subs: &Subscriptions, report: &FeedReport) -> usize {
    let url = report.moved_to.as_ref().unwrap_or(&report.url);
    subs.feeds
        .iter()
        .position(|f| &f.url == url)
        .unwrap_or(usize::MAX)
}

/// Fetches and parses every due feed, one worker per host at a time and
/// `workers` at most at once; hands each answer to `settle` as it comes.
fn fetch_all(
    client: &Client,
    due: Vec<(Feed, FeedState)>,
    workers: usize,
    mut settle: impl FnMut(Answer),
) {
    let mut by_host: BTreeMap<String, Vec<(Feed, FeedState)>> = BTreeMap::new();
    for (feed, state) in due {
        let host = url::Url::parse(&feed.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        by_host.entry(host).or_default().push((feed, state));
    }
    let queue = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let (send, receive) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let queue = &queue;
            scope.spawn(move || loop {
                let Some(host) = queue.lock().map(|mut q| q.pop()).ok().flatten() else {
                    return;
                };
                for (feed, state) in host {
                    if send.send(fetch_one(client, feed, &state)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        for answer in receive {
            settle(answer);
        }
    })
}

fn fetch_one(client: &Client, feed: Feed, state: &FeedState) -> Answer {
    let result = client.get(&feed.url, &state.validators);
    let (result, parse_error) = match result {
        Ok(fetched) => match &fetched.body {
            None => (Ok((fetched, None)), None),
            Some(body) => {
                let base = fetched.moved_to.clone().unwrap_or_else(|| feed.url.clone());
                let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    read_feed(body, Some(&base), &mut Media::default())
                }))
                .unwrap_or_else(|_| {
                    Err(
                        "internal error while reading it (a bug in Dateline: please report it)"
                            .into(),
                    )
                });
                match parsed {
                    Ok((entries, _)) => (Ok((fetched, Some(entries))), None),
                    Err(e) => (Ok((fetched, None)), Some(e)),
                }
            }
        },
        Err(e) => (Err(e), None),
    };
    Answer {
        feed,
        result,
        parse_error,
    }
}

/// Published before `cutoff` (`YYYY-MM-DD`); an undated article is never too old.
fn too_old(article: &dateline_core::model::Article, cutoff: &str) -> bool {
    article
        .published
        .is_some_and(|p| p.date.iso().as_str() < cutoff)
}

/// One feed's answer folded into its state and the archive; entries older
/// than `cutoff` are not taken (they would be removed again at once, and
/// reported as new on every run).
fn settle(
    answer: Answer,
    state: &mut FeedState,
    merger: &mut Merger,
    today: &str,
    cutoff: Option<&str>,
) -> FeedReport {
    let Answer {
        feed,
        result,
        parse_error,
    } = answer;
    let mut report = FeedReport {
        url: feed.url.clone(),
        outcome: Outcome::NotModified,
        moved_to: None,
        bytes: 0,
    };
    let fail = |state: &mut FeedState, why: String| {
        state.failures += 1;
        state.last_error = Some(why.clone());
        Outcome::Failed(why)
    };
    match result {
        Ok((fetched, entries)) => {
            report.moved_to = fetched.moved_to.clone();
            report.bytes = fetched.body.as_ref().map_or(0, |b| b.len() as u64);
            state.not_before = None;
            if let Some(why) = parse_error {
                // The old validators stay: the next run fetches it whole again.
                report.outcome = fail(state, why);
                return report;
            }
            state.failures = 0;
            state.last_error = None;
            state.validators = fetched.validators;
            if let Some(entries) = entries {
                let entries = entries
                    .into_iter()
                    .filter(|e| cutoff.is_none_or(|c| !too_old(&e.article, c)))
                    .map(|e| with_settings(e, &feed))
                    .collect();
                let merged = merger.merge(&feed.url, entries);
                if merged.new + merged.updated > 0 {
                    state.last_change = Some(today.to_string());
                }
                report.outcome = Outcome::Fetched(merged);
            }
        }
        Err(FetchError::Gone) => {
            state.retired = true;
            report.outcome = fail(state, FetchError::Gone.to_string());
        }
        Err(e @ FetchError::SlowDown { retry_after, .. }) => {
            if let Some(seconds) = retry_after {
                let at =
                    chrono::Utc::now() + chrono::Duration::seconds(seconds.min(7 * 86_400) as i64);
                state.not_before = Some(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            }
            report.outcome = fail(state, e.to_string());
        }
        Err(e) => report.outcome = fail(state, e.to_string()),
    }
    report
}

/// The subscription's own settings on each of its entries.
fn with_settings(mut entry: FeedEntry, feed: &Feed) -> FeedEntry {
    if let Some(title) = &feed.title {
        entry.article.source = Some(title.clone());
    }
    for topic in &feed.topics {
        if !entry.article.topics.contains(topic) {
            entry.article.topics.push(topic.clone());
        }
    }
    entry
}

/// A feed that moved for good: the subscription, its state and the
/// archive's records follow it (its short ids are scoped by its address).
fn move_feed(
    subs: &mut Subscriptions,
    states: &mut States,
    archive: &mut Archive,
    from: &str,
    to: &str,
) {
    if subs.feeds.iter().any(|f| f.url == to) {
        subs.feeds.retain(|f| f.url != from);
    } else if let Some(feed) = subs.feeds.iter_mut().find(|f| f.url == from) {
        feed.url = to.to_string();
    }
    if let Some(state) = states.feeds.remove(from) {
        states.feeds.insert(to.to_string(), state);
    }
    let scoped = format!("guid:{from}#");
    for record in &mut archive.records {
        for feed in &mut record.archive.feeds {
            if feed == from {
                *feed = to.to_string();
            }
        }
        for key in &mut record.archive.keys {
            if let Some(guid) = key.strip_prefix(&scoped) {
                *key = format!("guid:{to}#{guid}");
            }
        }
    }
}
