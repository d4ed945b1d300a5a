//! A real HTTP server on 127.0.0.1 for the tests that fetch: each path
//! answers as its `Route` says (a feed with ETag and Last-Modified that
//! answers 304 when asked right, a status, a redirect, a stall, a gzip body),
//! and every request is logged with its headers. It listens on a port the
//! system picks and lives as long as the test process; nothing else is
//! ever contacted.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone)]
pub enum Route {
    /// A feed: sent with an ETag and a Last-Modified (each when asked for),
    /// 304 to a request whose If-None-Match or If-Modified-Since matches.
    Feed {
        body: String,
        content_type: &'static str,
        etag: bool,
        last_modified: bool,
    },
    /// Any status with these headers and body.
    Status {
        code: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// A redirect to a path of this server (or any address).
    Redirect { code: u16, to: String },
    /// Reads the request, then says nothing for this long.
    Stall(Duration),
    /// A feed answered after `delay` (a slow server, to watch concurrency).
    Slow { body: String, delay: Duration },
    /// A 200 whose body comes one byte every `every`, `bytes` in all: a
    /// server slow enough that only the time-out ends the request.
    Trickle { bytes: usize, every: Duration },
}

impl Route {
    pub fn feed(body: impl Into<String>) -> Route {
        Route::Feed {
            body: body.into(),
            content_type: "application/rss+xml",
            etag: true,
            last_modified: true,
        }
    }

    pub fn status(code: u16) -> Route {
        Route::Status {
            code,
            headers: Vec::new(),
            body: format!("status {code}").into_bytes(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
}

impl Request {
    pub fn conditional(&self) -> bool {
        self.headers.contains_key("if-none-match") || self.headers.contains_key("if-modified-since")
    }
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Route>,
    log: Vec<Request>,
    /// Requests being answered now, by the address they came to, and the most at once.
    in_flight: HashMap<String, usize>,
    most_per_host: usize,
    most_overall: usize,
}

#[derive(Clone)]
pub struct Server {
    pub host: String,
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl Server {
    pub fn start() -> Server {
        Server::listen("127.0.0.1", Arc::new(Mutex::new(State::default())))
    }

    /// The same server (routes, log, counts) listening on another loopback
    /// address too (`127.0.0.2`…): another host to a client.
    pub fn also_on(&self, host: &str) -> Server {
        Server::listen(host, self.state.clone())
    }

    fn listen(host: &str, state: Arc<Mutex<State>>) -> Server {
        let listener = TcpListener::bind(format!("{host}:0")).unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = state.clone();
        let name = host.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                let name = name.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &state, &name);
                });
            }
        });
        Server {
            host: host.to_string(),
            port,
            state,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}:{}{path}", self.host, self.port)
    }

    /// The most requests answered at once to one address, and overall.
    pub fn most_at_once(&self) -> (usize, usize) {
        let state = self.state.lock().unwrap();
        (state.most_per_host, state.most_overall)
    }

    pub fn set(&self, path: &str, route: Route) {
        self.state
            .lock()
            .unwrap()
            .routes
            .insert(path.to_string(), route);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().log.clone()
    }

    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }
}

fn etag_of(body: &str) -> String {
    format!("\"{:016x}\"", dateline_core::data::fnv1a(body.as_bytes()))
}

/// A fixed date per body, so that If-Modified-Since can match; another
/// body gets another date (to the second: two bodies on one date would
/// make a changed feed answer 304).
fn date_of(body: &str) -> String {
    let h = dateline_core::data::fnv1a(body.as_bytes());
    let (day, hour, minute, second) = (1 + h % 28, (h >> 8) % 24, (h >> 16) % 60, (h >> 24) % 60);
    format!("Mon, {day:02} Feb 2026 {hour:02}:{minute:02}:{second:02} GMT")
}

/// Counts a request in flight for as long as it lives.
struct InFlight<'a> {
    state: &'a Mutex<State>,
    host: String,
}

impl<'a> InFlight<'a> {
    fn new(state: &'a Mutex<State>, host: &str) -> InFlight<'a> {
        let mut s = state.lock().unwrap();
        let here = {
            let n = s.in_flight.entry(host.to_string()).or_default();
            *n += 1;
            *n
        };
        let overall: usize = s.in_flight.values().sum();
        s.most_per_host = s.most_per_host.max(here);
        s.most_overall = s.most_overall.max(overall);
        InFlight {
            state,
            host: host.to_string(),
        }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Ok(mut s) = self.state.lock() {
            if let Some(n) = s.in_flight.get_mut(&self.host) {
                *n -= 1;
            }
        }
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>, host: &str) -> std::io::Result<()> {
    let _counted = InFlight::new(state, host);
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let request = Request {
        path: path.clone(),
        headers,
    };
    let route = {
        let mut state = state.lock().unwrap();
        state.log.push(request.clone());
        state.routes.get(&path).cloned()
    };
    let mut stream = stream;
    let (code, extra, body): (u16, Vec<(&str, String)>, Vec<u8>) = match route {
        None => (404, vec![], b"not found".to_vec()),
        Some(Route::Stall(time)) => {
            std::thread::sleep(time);
            return Ok(());
        }
        Some(Route::Slow { body, delay }) => {
            std::thread::sleep(delay);
            (
                200,
                vec![("Content-Type", "application/rss+xml".to_string())],
                body.into_bytes(),
            )
        }
        Some(Route::Trickle { bytes, every }) => {
            let head = format!("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {bytes}\r\nContent-Type: application/rss+xml\r\n\r\n");
            stream.write_all(head.as_bytes())?;
            for _ in 0..bytes {
                std::thread::sleep(every);
                stream.write_all(b" ")?;
                stream.flush()?;
            }
            return Ok(());
        }
        Some(Route::Redirect { code, to }) => (code, vec![("Location", to)], Vec::new()),
        Some(Route::Status {
            code,
            headers,
            body,
        }) => (code, headers, body),
        Some(Route::Feed {
            body,
            content_type,
            etag,
            last_modified,
        }) => {
            let tag = etag_of(&body);
            let date = date_of(&body);
            // If-None-Match, when sent, decides alone (RFC 9110 13.2.2).
            let fresh = match request.headers.get("if-none-match") {
                Some(sent) if etag => *sent == tag,
                _ => last_modified && request.headers.get("if-modified-since") == Some(&date),
            };
            let mut extra = vec![("Content-Type", content_type.to_string())];
            if etag {
                extra.push(("ETag", tag));
            }
            if last_modified {
                extra.push(("Last-Modified", date));
            }
            if fresh {
                (304, extra, Vec::new())
            } else {
                (200, extra, body.into_bytes())
            }
        }
    };
    let mut head = format!(
        "HTTP/1.1 {code} X\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in extra {
        head += &format!("{name}: {value}\r\n");
    }
    head += "\r\n";
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

/// An RSS 2.0 feed of `(guid, title, link, day of February 2026)` items.
pub fn rss(title: &str, items: &[(&str, &str, &str, u8)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title, link, day)| {
            format!(
                "<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title><link>{link}</link>\
                 <pubDate>Mon, {day:02} Feb 2026 09:00:00 +0000</pubDate>\
                 <description>&lt;p&gt;{title}: the full story, as the wire carried it, with enough words to read as an article.&lt;/p&gt;</description></item>"
            )
        })
        .collect();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>{title}</title><link>https://paper.test/</link>{items}</channel></rss>")
}
