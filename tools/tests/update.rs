//! `dateline update` and `dateline feeds` against a real HTTP server on
//! 127.0.0.1 (tests/common/server.rs): feeds that change between runs,
//! ETag/Last-Modified/304, redirects, errors, stalls, bombs, hostile
//! entries, GUIDs that change on every fetch.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::server::{rss, Route, Server};
use dateline_core::model::Catalog;
use dateline_tools::archive::Archive;

const BIN: &str = env!("CARGO_BIN_EXE_dateline");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-update-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn dateline(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("DATELINE_SITE_URL")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn add(content: &Path, url: &str, extra: &[&str]) {
    let mut args = vec!["feeds", "add", url, "--content", content.to_str().unwrap()];
    args.extend(extra);
    let out = dateline(&args);
    assert!(out.status.success(), "{}", text(&out));
}

fn update(content: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["update", content.to_str().unwrap(), "--timeout", "2"];
    args.extend(extra);
    dateline(&args)
}

/// Every file below `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The titles of the archive's articles (removed ones have none).
fn titles(content: &Path) -> Vec<String> {
    let mut t: Vec<String> = Archive::read(content)
        .unwrap()
        .articles()
        .into_iter()
        .map(|a| a.title)
        .collect();
    t.sort();
    t
}

#[test]
fn a_second_update_with_nothing_new_asks_conditionally_and_writes_nothing() {
    let server = Server::start();
    server.set(
        "/a.xml",
        Route::feed(rss(
            "A",
            &[
                ("a1", "Harbour opens", "https://paper.test/a1", 2),
                ("a2", "Bridge shuts", "https://paper.test/a2", 3),
            ],
        )),
    );
    // One feed with only an ETag, one with only a Last-Modified: each is used on its own.
    server.set(
        "/b.xml",
        Route::Feed {
            body: rss("B", &[("b1", "Ferry back", "https://paper.test/b1", 4)]),
            content_type: "application/rss+xml",
            etag: true,
            last_modified: false,
        },
    );
    server.set(
        "/c.xml",
        Route::Feed {
            body: rss("C", &[("c1", "Tram late", "https://paper.test/c1", 5)]),
            content_type: "text/xml",
            etag: false,
            last_modified: true,
        },
    );
    let content = scratch("quiet");
    for f in ["/a.xml", "/b.xml", "/c.xml"] {
        add(&content, &server.url(f), &[]);
    }
    let out = update(&content, &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        titles(&content),
        ["Bridge shuts", "Ferry back", "Harbour opens", "Tram late"]
    );
    assert!(content.join("archive/2026-02.jsonl").is_file());
    let before = snapshot(&content);

    server.clear_log();
    let out = update(&content, &[]);
    assert!(out.status.success(), "{}", text(&out));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.conditional()), "{requests:?}");
    let b = requests.iter().find(|r| r.path == "/b.xml").unwrap();
    assert!(
        b.headers.contains_key("if-none-match") && !b.headers.contains_key("if-modified-since")
    );
    let c = requests.iter().find(|r| r.path == "/c.xml").unwrap();
    assert!(
        c.headers.contains_key("if-modified-since") && !c.headers.contains_key("if-none-match")
    );
    assert!(text(&out).contains("no file changed"), "{}", text(&out));
    assert_eq!(
        snapshot(&content),
        before,
        "a run with nothing new changes no byte"
    );
    let ua = &requests[0].headers["user-agent"];
    assert!(ua.starts_with("Dateline/"), "{ua}");
}

#[test]
fn new_entries_arrive_old_ones_stay_and_an_edited_one_is_updated_in_place() {
    let server = Server::start();
    server.set(
        "/f.xml",
        Route::feed(rss(
            "F",
            &[
                ("tag:f,1", "One", "https://paper.test/1", 2),
                ("tag:f,2", "Two", "https://paper.test/2", 3),
            ],
        )),
    );
    let content = scratch("grow");
    add(
        &content,
        &server.url("/f.xml"),
        &["--topic", "Harbour", "--title", "The Paper"],
    );
    assert!(update(&content, &[]).status.success());
    let first = Archive::read(&content).unwrap();
    let id_of_two = first
        .records
        .iter()
        .find(|r| r.article.title == "Two")
        .unwrap()
        .article
        .id
        .clone();
    assert!(first
        .records
        .iter()
        .all(|r| r.article.topics.contains(&"Harbour".to_string())
            && r.article.source.as_deref() == Some("The Paper")));

    // A day later: One left the feed, Two was corrected, Three is new (in March).
    server.set(
        "/f.xml",
        Route::feed(
            rss(
                "F",
                &[
                    ("tag:f,2", "Two, corrected", "https://paper.test/2", 3),
                    ("tag:f,3", "Three", "https://paper.test/3", 28),
                ],
            )
            .replace("28 Feb", "01 Mar"),
        ),
    );
    let out = update(&content, &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 new, 1 updated"), "{}", text(&out));
    assert_eq!(titles(&content), ["One", "Three", "Two, corrected"]);
    let archive = Archive::read(&content).unwrap();
    assert_eq!(
        archive
            .records
            .iter()
            .find(|r| r.article.title == "Two, corrected")
            .unwrap()
            .article
            .id,
        id_of_two
    );
    assert!(content.join("archive/2026-03.jsonl").is_file());
    let state = fs::read_to_string(content.join("archive/feeds-state.json")).unwrap();
    assert!(
        state.contains("last_change") && state.contains("etag"),
        "{state}"
    );
}

#[test]
fn the_same_story_in_two_feeds_is_one_article() {
    let server = Server::start();
    server.set(
        "/a.xml",
        Route::feed(rss(
            "A",
            &[(
                "1",
                "Port reopens",
                "https://paper.test/port?utm_source=a",
                2,
            )],
        )),
    );
    server.set(
        "/b.xml",
        Route::feed(rss(
            "B",
            &[
                (
                    "x-9",
                    "Port reopens (B)",
                    "https://www.paper.test/port/#top",
                    2,
                ),
                ("2", "Other", "https://paper.test/other", 2),
            ],
        )),
    );
    let content = scratch("dedup");
    add(&content, &server.url("/a.xml"), &[]);
    add(&content, &server.url("/b.xml"), &[]);
    assert!(update(&content, &["--jobs", "1"]).status.success());
    let archive = Archive::read(&content).unwrap();
    assert_eq!(archive.records.len(), 2, "{:?}", titles(&content));
    let port = archive
        .records
        .iter()
        .find(|r| r.article.title.starts_with("Port"))
        .unwrap();
    assert_eq!(port.archive.feeds.len(), 2);
}

#[test]
fn a_failing_feed_loses_nothing_and_says_why() {
    let server = Server::start();
    server.set(
        "/good.xml",
        Route::feed(rss("G", &[("g1", "Good news", "https://paper.test/g1", 2)])),
    );
    server.set(
        "/flaky.xml",
        Route::feed(rss(
            "F",
            &[("f1", "Flaky first", "https://paper.test/f1", 2)],
        )),
    );
    let content = scratch("failing");
    add(&content, &server.url("/good.xml"), &[]);
    add(&content, &server.url("/flaky.xml"), &[]);
    assert!(update(&content, &[]).status.success());

    for (route, why) in [
        (Route::status(500), "HTTP 500"),
        (
            Route::Status {
                code: 200,
                headers: vec![],
                body: b"<rss><channel><item><title>cut".to_vec(),
            },
            "not a feed",
        ),
        (
            Route::Status {
                code: 200,
                headers: vec![("Content-Type", "text/html".into())],
                body: b"<html><body><p>Not a feed at all</p></body></html>".to_vec(),
            },
            "not a feed",
        ),
        (Route::Stall(Duration::from_secs(6)), "no answer within"),
        // Slow rather than silent: a byte every 100 ms, for 20 s.
        (
            Route::Trickle {
                bytes: 200,
                every: Duration::from_millis(100),
            },
            "no answer within",
        ),
        (Route::status(404), "HTTP 404"),
    ] {
        server.set("/flaky.xml", route);
        let out = update(&content, &[]);
        assert!(
            out.status.success(),
            "one feed failing is no failed run: {}",
            text(&out)
        );
        assert!(text(&out).contains(why), "{why}: {}", text(&out));
        assert_eq!(titles(&content), ["Flaky first", "Good news"]);
    }
    let state = fs::read_to_string(content.join("archive/feeds-state.json")).unwrap();
    assert!(
        state.contains("\"failures\": 6") && state.contains("HTTP 404"),
        "{state}"
    );

    // Every feed failing: exit 1, archive as it was.
    server.set("/good.xml", Route::status(503));
    let before = snapshot(&content.join("archive"));
    let out = update(&content, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(titles(&content), ["Flaky first", "Good news"]);
    let after = snapshot(&content.join("archive"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
}

#[test]
fn redirects_gone_and_slow_down_are_understood() {
    let server = Server::start();
    let body = rss("M", &[("m1", "Moved story", "https://paper.test/m1", 2)]);
    server.set("/new.xml", Route::feed(body.clone()));
    server.set(
        "/old.xml",
        Route::Redirect {
            code: 301,
            to: "/new.xml".into(),
        },
    );
    server.set(
        "/temp.xml",
        Route::Redirect {
            code: 302,
            to: "/new.xml".into(),
        },
    );
    server.set(
        "/loop1.xml",
        Route::Redirect {
            code: 301,
            to: "/loop2.xml".into(),
        },
    );
    server.set(
        "/loop2.xml",
        Route::Redirect {
            code: 302,
            to: "/loop1.xml".into(),
        },
    );
    server.set("/gone.xml", Route::status(410));
    server.set(
        "/busy.xml",
        Route::Status {
            code: 429,
            headers: vec![("Retry-After", "3600".into())],
            body: vec![],
        },
    );
    let content = scratch("redirects");
    for f in [
        "/old.xml",
        "/temp.xml",
        "/loop1.xml",
        "/gone.xml",
        "/busy.xml",
    ] {
        add(&content, &server.url(f), &[]);
    }
    let out = update(&content, &["--jobs", "1"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("redirect loop"), "{said}");
    assert!(said.contains("moved permanently to"), "{said}");
    let opml = fs::read_to_string(content.join("subscriptions.opml")).unwrap();
    assert!(
        !opml.contains("/old.xml") && opml.contains("/new.xml"),
        "a 301 updates the subscription: {opml}"
    );
    assert!(opml.contains("/temp.xml"), "a 302 does not: {opml}");
    assert_eq!(
        titles(&content),
        ["Moved story"],
        "both addresses of one feed: one article"
    );

    server.clear_log();
    let out = update(&content, &["--jobs", "1"]);
    let asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert!(
        !asked.contains(&"/gone.xml".to_string()),
        "a retired feed is not asked again: {asked:?}"
    );
    assert!(
        !asked.contains(&"/busy.xml".to_string()),
        "Retry-After is honoured: {asked:?}"
    );
    assert!(
        text(&out).contains("retired") && text(&out).contains("asked to wait"),
        "{}",
        text(&out)
    );
}

#[test]
fn bombs_and_oversized_bodies_stop_at_the_cap() {
    let server = Server::start();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 200_000);
    server.set(
        "/bomb.xml",
        Route::Status {
            code: 200,
            headers: vec![
                ("Content-Encoding", "gzip".into()),
                ("Content-Type", "application/rss+xml".into()),
            ],
            body: bomb,
        },
    );
    server.set(
        "/big.xml",
        Route::Status {
            code: 200,
            headers: vec![],
            body: vec![b'x'; 3 << 20],
        },
    );
    // A gzipped feed within the cap is read.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(rss("Z", &[("z1", "Zipped", "https://paper.test/z1", 2)]).as_bytes())
        .unwrap();
    server.set(
        "/zipped.xml",
        Route::Status {
            code: 200,
            headers: vec![("Content-Encoding", "gzip".into())],
            body: gz.finish().unwrap(),
        },
    );
    let content = scratch("bombs");
    for f in ["/bomb.xml", "/big.xml", "/zipped.xml"] {
        add(&content, &server.url(f), &[]);
    }
    let out = update(&content, &["--max-bytes", "1000000"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    let failed_rows = said
        .lines()
        .filter(|l| l.starts_with("FAILED") && l.contains("larger than 1000000 bytes"));
    assert_eq!(failed_rows.count(), 2, "{said}");
    assert_eq!(titles(&content), ["Zipped"]);
}

#[test]
fn hostile_entries_are_made_safe_and_changing_guids_do_not_flood() {
    let server = Server::start();
    let hostile = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>H</title>\
        <item><guid>urn:uuid:RUN</guid><title>Safe &lt;script&gt;alert(1)&lt;/script&gt; title</title><link>https://paper.test/h1</link>\
        <pubDate>Mon, 02 Feb 2026 09:00:00 +0000</pubDate><description>&lt;p onclick=\"x()\"&gt;Text with \
        &lt;a href=\"javascript:alert(1)\"&gt;a bad link&lt;/a&gt; and &lt;img src=\"x\" onerror=\"alert(1)\"&gt; plenty of words to keep.&lt;/p&gt;\
        &lt;script&gt;steal()&lt;/script&gt;</description></item></channel></rss>";
    let content = scratch("hostile");
    add(&content, &server.url("/h.xml"), &[]);
    for run in 0..4 {
        server.set(
            "/h.xml",
            Route::feed(hostile.replace("RUN", &format!("{run}-0000-0000-0000"))),
        );
        assert!(update(&content, &[]).status.success());
    }
    let archive = Archive::read(&content).unwrap();
    assert_eq!(
        archive.records.len(),
        1,
        "a GUID that changes every fetch is still one story"
    );
    let line = fs::read_to_string(content.join("archive/2026-02.jsonl")).unwrap();
    for bad in ["javascript:", "onclick", "onerror", "steal()", "<script"] {
        assert!(!line.contains(bad), "{bad} in {line}");
    }
}

#[test]
fn subscriptions_refuse_what_is_not_http_and_round_trip_through_opml() {
    let content = scratch("subs");
    for bad in ["file:///etc/passwd", "javascript:alert(1)", "feed.xml"] {
        let out = dateline(&["feeds", "add", bad, "--content", content.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", text(&out));
    }
    assert!(!content.join("subscriptions.opml").exists());
    let other = content.join("other.opml");
    fs::write(&other, "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>Exported</title></head><body>\
        <outline text=\"Tech\"><outline text=\"One\" type=\"rss\" xmlUrl=\"https://one.test/feed\"/></outline>\
        <outline text=\"Two\" xmlUrl=\"https://two.test/rss\" category=\"World,/News/Europe\"/></body></opml>").unwrap();
    let c = content.to_str().unwrap();
    assert!(
        dateline(&["feeds", "import", other.to_str().unwrap(), "--content", c])
            .status
            .success()
    );
    assert!(dateline(&[
        "feeds",
        "add",
        "https://three.test/atom",
        "--full-text",
        "off",
        "--content",
        c
    ])
    .status
    .success());
    let list = text(&dateline(&["feeds", "list", "--content", c]));
    assert!(
        list.contains("https://one.test/feed") && list.contains("not fetched yet"),
        "{list}"
    );
    let exported = dateline(&["feeds", "export", "--content", c]);
    let opml = String::from_utf8_lossy(&exported.stdout);
    assert!(
        opml.contains("category=\"World,Europe\"") && opml.contains("dateline:fullText=\"off\""),
        "{opml}"
    );
    assert!(
        dateline(&["feeds", "remove", "https://one.test/feed", "--content", c])
            .status
            .success()
    );
    assert_eq!(
        dateline(&["feeds", "remove", "https://one.test/feed", "--content", c])
            .status
            .code(),
        Some(1)
    );
    let out = update(&scratch("empty"), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("dateline feeds add"), "{}", text(&out));
}

#[test]
fn two_updates_at_once_are_refused() {
    let content = scratch("locked");
    add(&content, "https://unused.test/feed", &[]);
    let lock = dateline_tools::archive::Lock::take(&content).unwrap();
    let out = update(&content, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("another update"), "{}", text(&out));
    drop(lock);
}

#[test]
fn a_content_directory_builds_with_its_archive() {
    let server = Server::start();
    server.set(
        "/f.xml",
        Route::feed(rss(
            "F",
            &[("f1", "From the feed", "https://paper.test/f1", 2)],
        )),
    );
    let content = scratch("build");
    fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../content/ap-rubio-mexico-warriors-kuminga.txt"
        ),
        content.join("seed.txt"),
    )
    .unwrap();
    add(&content, &server.url("/f.xml"), &[]);
    assert!(update(&content, &[]).status.success());
    let bundle = content.join("out/articles.json");
    let out = dateline(&[
        "import",
        "-o",
        bundle.to_str().unwrap(),
        content.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("(1 from the archive)"),
        "{}",
        text(&out)
    );
    let catalog = Catalog::from_json(&fs::read_to_string(&bundle).unwrap()).unwrap();
    assert_eq!(catalog.articles.len(), 3);
    assert!(catalog.articles.iter().any(|a| a.title == "From the feed"));
    // Only an archive, no pages: still a content directory.
    fs::remove_file(content.join("seed.txt")).unwrap();
    let out = dateline(&[
        "import",
        "-o",
        bundle.to_str().unwrap(),
        content.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn an_update_killed_midway_leaves_the_archive_loadable_and_the_next_run_goes_on() {
    let server = Server::start();
    server.set(
        "/a.xml",
        Route::feed(rss("A", &[("a1", "Kept", "https://paper.test/a1", 2)])),
    );
    let content = scratch("killed");
    add(&content, &server.url("/a.xml"), &[]);
    assert!(update(&content, &[]).status.success());
    let before = snapshot(&content);
    server.set("/a.xml", Route::Stall(Duration::from_secs(20)));
    let mut child = Command::new(BIN)
        .args(["update", content.to_str().unwrap(), "--timeout", "30"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it is inside its request, then kill it.
    let asked = std::time::Instant::now();
    while server.requests().len() < 2 && asked.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        content.join("archive/.update.lock").exists(),
        "a killed run leaves its lock"
    );
    assert_eq!(titles(&content), ["Kept"]);
    server.set(
        "/a.xml",
        Route::feed(rss("A", &[("a2", "Next", "https://paper.test/a2", 3)])),
    );
    let out = update(&content, &[]);
    assert!(
        out.status.success(),
        "the lock of a process that is gone is taken over: {}",
        text(&out)
    );
    assert_eq!(titles(&content), ["Kept", "Next"]);
    assert!(!content.join("archive/.update.lock").exists());
    let after = snapshot(&content);
    assert_eq!(
        after.get(&content.join("subscriptions.opml")),
        before.get(&content.join("subscriptions.opml"))
    );
}

#[test]
fn keep_days_is_the_only_thing_that_removes_articles() {
    let server = Server::start();
    let feed = feed_with(&[("k1", "Fresh news", 2), ("k2", "Old news", 400)]);
    server.set("/k.xml", Route::feed(feed));
    let content = scratch("keep");
    add(&content, &server.url("/k.xml"), &[]);
    assert!(update(&content, &[]).status.success());
    assert_eq!(
        titles(&content),
        ["Fresh news", "Old news"],
        "kept forever by default"
    );
    let out = update(&content, &["--keep-days", "30"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(titles(&content), ["Fresh news"]);
    // The feed changes (so it is read whole again) and still holds the old
    // entry: that is not taken again, nor called new.
    let feed = feed_with(&[
        ("k1", "Fresh news", 2),
        ("k2", "Old news", 400),
        ("k3", "Fresher news", 1),
    ]);
    server.set("/k.xml", Route::feed(feed));
    let out = update(&content, &["--keep-days", "30"]);
    assert!(
        text(&out).contains("1 new, 0 updated, 1 known"),
        "{}",
        text(&out)
    );
    assert_eq!(titles(&content), ["Fresh news", "Fresher news"]);
}

/// An RSS feed of `(guid, title, days ago)` items. One instant for every
/// feed of a test: a second that ticks between two would change a date.
fn feed_with(items: &[(&str, &str, i64)]) -> String {
    static NOW: std::sync::OnceLock<chrono::DateTime<chrono::Utc>> = std::sync::OnceLock::new();
    let now = *NOW.get_or_init(chrono::Utc::now);
    let items: String = items
        .iter()
        .map(|(guid, title, days_ago)| {
            let date = (now - chrono::Duration::days(*days_ago)).to_rfc2822();
            format!("<item><guid>{guid}</guid><title>{title}</title><link>https://paper.test/{guid}</link><pubDate>{date}</pubDate><description>{title}.</description></item>")
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>K</title>{items}</channel></rss>")
}

#[test]
fn one_request_at_a_time_per_host_and_a_bounded_number_overall() {
    let server = Server::start();
    let hosts: Vec<Server> = std::iter::once(server.clone())
        .chain(
            ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
                .iter()
                .map(|h| server.also_on(h)),
        )
        .collect();
    let content = scratch("polite");
    for (h, host) in hosts.iter().enumerate() {
        for f in 0..3 {
            let path = format!("/h{h}-f{f}.xml");
            let body = rss(
                "P",
                &[(
                    &format!("h{h}f{f}"),
                    &format!("Story {h} {f}"),
                    &format!("https://paper.test/{h}/{f}"),
                    2,
                )],
            );
            server.set(
                &path,
                Route::Slow {
                    body,
                    delay: Duration::from_millis(150),
                },
            );
            add(&content, &host.url(&path), &[]);
        }
    }
    let out = update(&content, &["--jobs", "3"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(titles(&content).len(), 12);
    let (per_host, overall) = server.most_at_once();
    assert_eq!(per_host, 1, "never two requests at once to one host");
    assert!(
        overall <= 3,
        "--jobs 3 bounds the requests at once: {overall}"
    );
    assert!(overall >= 2, "hosts are fetched side by side: {overall}");
}

#[test]
fn a_removed_article_stays_removed_through_updates_and_keeps_its_place_in_the_bundle() {
    let server = Server::start();
    let feed = |first: &str| {
        Route::feed(rss(
            "F",
            &[
                ("r1", first, "https://paper.test/r1", 2),
                ("r2", "The second story", "https://paper.test/r2", 1),
            ],
        ))
    };
    server.set("/f.xml", feed("The story to remove"));
    let content = scratch("remove");
    add(&content, &server.url("/f.xml"), &[]);
    assert!(update(&content, &[]).status.success());
    let archive = Archive::read(&content).unwrap();
    let id = archive
        .records
        .iter()
        .find(|r| r.article.title == "The story to remove")
        .unwrap()
        .article
        .id
        .clone();
    let dir = content.to_str().unwrap();

    let before = snapshot(&content);
    let out = dateline(&["remove", "--content", dir, &id, "no-such-article"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("no-such-article"), "{}", text(&out));
    assert_eq!(snapshot(&content), before, "a failed remove writes nothing");
    let out = dateline(&["remove", "--content", dir, &id]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("1 article(s) removed"),
        "{}",
        text(&out)
    );

    // The feed still carries it, even edited: it stays removed.
    server.set("/f.xml", feed("The story to remove, corrected"));
    assert!(update(&content, &[]).status.success());
    assert_eq!(titles(&content), ["The second story"]);
    assert_eq!(Archive::read(&content).unwrap().removed().len(), 1);

    let bundle = content.join("out/articles.json");
    let out = dateline(&["import", "-o", bundle.to_str().unwrap(), dir]);
    assert!(out.status.success(), "{}", text(&out));
    let catalog = Catalog::from_json(&fs::read_to_string(&bundle).unwrap()).unwrap();
    assert_eq!(
        catalog
            .articles
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>(),
        ["The second story"]
    );
    assert_eq!(
        catalog
            .removed
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        [id.as_str()]
    );
    assert!(catalog.removed[0].published.is_some());
    let site = content.join("site");
    let out = dateline(&[
        "build",
        "--data",
        bundle.to_str().unwrap(),
        site.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let manifest = fs::read_to_string(site.join("data/manifest.txt")).unwrap();
    assert!(manifest.contains("articles\t1\n"), "{manifest}");
}
