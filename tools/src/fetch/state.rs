//! What Dateline remembers about each subscribed feed between runs, in one
//! small JSON file beside the archive (`archive/feeds-state.json`,
//! docs/format.md describes it): the validators for the next conditional
//! GET, how many runs in a row failed and why the last one did, when the feed
//! last brought something new, whether it is retired (410 Gone), and a time
//! before which a server that asked to slow down is not asked again.
//!
//! No check times: a run that finds nothing new writes nothing, so an hourly
//! update leaves the repository untouched. The file is written only when
//! what it holds changed, and then atomically.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Validators;
use crate::output::write_atomically;

pub const FILE: &str = "feeds-state.json";
const FORMAT: &str = "dateline-feeds-state";

/// One feed's state, keyed by its subscription URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    #[serde(default, flatten)]
    pub validators: Validators,
    /// Runs in a row that failed (0 after a good one).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub failures: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The day (UTC, `YYYY-MM-DD`) the feed last brought a new or changed article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_change: Option<String>,
    /// The feed answered 410 Gone: it is not fetched again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// The server asked to wait (429, 503 with Retry-After): not before
    /// this instant (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct States {
    pub feeds: BTreeMap<String, FeedState>,
}

#[derive(Serialize, Deserialize)]
struct StateFile {
    format: String,
    version: u32,
    feeds: BTreeMap<String, FeedState>,
}

impl States {
    /// The states in `dir`, none when there is no file yet.
    pub fn read(dir: &Path) -> Result<States, String> {
        let path = dir.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(States::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let file: StateFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} is damaged ({e}); move it away to start afresh",
                path.display()
            )
        })?;
        if file.format != FORMAT || file.version != 1 {
            return Err(format!(
                "{} is not a feed state file this Dateline reads",
                path.display()
            ));
        }
        Ok(States { feeds: file.feeds })
    }

    /// The file's bytes: keys sorted, one feed a few lines, a newline at the end.
    pub fn to_bytes(&self) -> Vec<u8> {
        let file = StateFile {
            format: FORMAT.into(),
            version: 1,
            feeds: self.feeds.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).expect("plain data serializes");
        bytes.push(b'\n');
        bytes
    }

    /// Writes the file when its bytes would change; says whether it did.
    pub fn write(&self, dir: &Path) -> std::io::Result<bool> {
        let path = dir.join(FILE);
        let bytes = self.to_bytes();
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(false);
        }
        write_atomically(&path, &bytes)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip_and_a_good_feed_is_two_lines() {
        let mut states = States::default();
        states.feeds.insert(
            "https://a.test/feed".into(),
            FeedState {
                validators: Validators {
                    etag: Some("\"x\"".into()),
                    last_modified: None,
                },
                ..FeedState::default()
            },
        );
        let bytes = states.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.contains("\"etag\": \"\\\"x\\\"\"") && !text.contains("failures"),
            "{text}"
        );
        let dir = std::env::temp_dir().join(format!("dateline-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(states.write(&dir).unwrap());
        assert!(!states.write(&dir).unwrap(), "unchanged: not written again");
        assert_eq!(States::read(&dir).unwrap(), states);
        std::fs::write(dir.join(FILE), "{").unwrap();
        assert!(States::read(&dir).unwrap_err().contains("damaged"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
