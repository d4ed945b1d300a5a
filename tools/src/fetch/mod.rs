//! Polite fetching: one feed's HTTP request as a well-behaved reader makes
//! it. Conditional GET (ETag and Last-Modified, each sent when known), a
//! 304 that costs nothing, gzip and brotli, redirects followed by hand (so
//! that a permanent one can update the subscription, a loop is caught, and
//! each hop is held to the same limits), a time-out and a size cap on every
//! response (the cap counts decoded bytes: a gzip bomb stops at the cap),
//! 410 Gone and Retry-After understood. `state` keeps what it learns
//! between runs.

pub mod state;

use std::time::Duration;

use url::Url;

/// How patient and how generous one request is.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The whole request, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// The most bytes a body may hold once decoded.
    pub max_bytes: u64,
    /// The most redirects followed for one request.
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_bytes: 16 << 20,
            max_redirects: 5,
        }
    }
}

/// What the last good response said about its content, to ask next time
/// whether it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// A request that was answered.
#[derive(Debug)]
pub struct Fetched {
    /// `None`: 304 Not Modified, nothing new.
    pub body: Option<Vec<u8>>,
    /// The validators to send next time (the old ones after a 304, unless it sent new ones).
    pub validators: Validators,
    /// Where every redirect on the way was permanent (301, 308): the
    /// address the subscription should use from now on.
    pub moved_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("410 Gone: the feed has been removed")]
    Gone,
    #[error("{status}: asked to wait{}", .retry_after.map(|s| format!(" {s} s")).unwrap_or_default())]
    SlowDown {
        status: u16,
        retry_after: Option<u64>,
    },
    #[error("HTTP {0}")]
    Status(u16),
    #[error("larger than {0} bytes (the limit for one response)")]
    TooLarge(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("a redirect loop back to {0}")]
    RedirectLoop(String),
    #[error("a redirect to {0}, which is not an http(s) address")]
    BadRedirect(String),
    #[error("no answer within {0} s")]
    Timeout(u64),
    #[error("{0}")]
    Network(String),
}

/// The client every feed of a run is fetched with.
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
}

impl Client {
    /// `user_agent` names Dateline and, when known, the site it builds.
    pub fn new(user_agent: &str, limits: Limits) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(limits.timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(user_agent)
            .build()
            .into();
        Client { agent, limits }
    }

    /// The User-Agent Dateline sends: its name and version, and the site.
    pub fn user_agent(site: Option<&str>) -> String {
        let version = env!("CARGO_PKG_VERSION");
        match site {
            Some(site) => format!("Dateline/{version} (+{site})"),
            None => format!("Dateline/{version}"),
        }
    }

    /// GETs `url`, asking with `known` whether it changed.
    pub fn get(&self, url: &str, known: &Validators) -> Result<Fetched, FetchError> {
        let mut current =
            Url::parse(url).map_err(|e| FetchError::Network(format!("{url}: {e}")))?;
        let mut visited = vec![current.clone()];
        let mut all_permanent = true;
        loop {
            let mut request = self.agent.get(current.as_str());
            if let Some(etag) = &known.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &known.last_modified {
                request = request.header("If-Modified-Since", date);
            }
            let mut response = request.call().map_err(|e| self.error(e))?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let location = header("location").ok_or(FetchError::Status(status))?;
                let next = current
                    .join(&location)
                    .map_err(|_| FetchError::BadRedirect(location.clone()))?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(FetchError::BadRedirect(next.to_string()));
                }
                if visited.contains(&next) {
                    return Err(FetchError::RedirectLoop(next.to_string()));
                }
                if visited.len() > self.limits.max_redirects {
                    return Err(FetchError::TooManyRedirects(self.limits.max_redirects));
                }
                all_permanent &= matches!(status, 301 | 308);
                visited.push(next.clone());
                current = next;
                continue;
            }
            let moved_to = (visited.len() > 1 && all_permanent).then(|| current.to_string());
            let validators = Validators {
                etag: header("etag"),
                last_modified: header("last-modified"),
            };
            return match status {
                304 => Ok(Fetched {
                    body: None,
                    validators: Validators {
                        etag: validators.etag.or_else(|| known.etag.clone()),
                        last_modified: validators
                            .last_modified
                            .or_else(|| known.last_modified.clone()),
                    },
                    moved_to,
                }),
                200..=299 => {
                    let body = response
                        .body_mut()
                        .with_config()
                        .limit(self.limits.max_bytes)
                        .read_to_vec()
                        .map_err(|e| self.error(e))?;
                    Ok(Fetched {
                        body: Some(body),
                        validators,
                        moved_to,
                    })
                }
                410 => Err(FetchError::Gone),
                429 | 503 => Err(FetchError::SlowDown {
                    status,
                    retry_after: header("retry-after").and_then(|v| retry_after_seconds(&v)),
                }),
                _ => Err(FetchError::Status(status)),
            };
        }
    }

    fn error(&self, e: ureq::Error) -> FetchError {
        match e {
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.limits.max_bytes),
            ureq::Error::Timeout(_) => FetchError::Timeout(self.limits.timeout.as_secs()),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                FetchError::Timeout(self.limits.timeout.as_secs())
            }
            other => FetchError::Network(other.to_string()),
        }
    }
}

/// Retry-After as seconds: a number of seconds, or an HTTP date (seconds
/// from now; a date passed is 0).
pub fn retry_after_seconds(value: &str) -> Option<u64> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(seconds);
    }
    let at = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?;
    let now = chrono::Utc::now();
    Some((at.timestamp() - now.timestamp()).max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert_eq!(retry_after_seconds("120"), Some(120));
        assert_eq!(
            retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(0)
        );
        assert_eq!(retry_after_seconds("soon"), None);
    }

    #[test]
    fn the_user_agent_names_dateline_and_the_site() {
        let ua = Client::user_agent(Some("https://someone.github.io/news/"));
        assert!(
            ua.starts_with("Dateline/") && ua.ends_with("(+https://someone.github.io/news/)"),
            "{ua}"
        );
    }
}
