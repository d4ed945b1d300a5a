//! The feeds a site follows: `subscriptions.opml` in the content directory,
//! OPML 2.0 as every feed reader imports and exports it. One `<outline
//! type="rss">` a feed, with Dateline's own settings as attributes in its
//! namespace (other readers keep or ignore them):
//!
//! - `text`, `title`: the feed's name; `xmlUrl`: its address; `htmlUrl`: its site;
//! - `category`: topics added to every entry (OPML's comma-separated list);
//! - `dateline:title`: the source name its articles show instead of the feed's own;
//! - `dateline:fullText`: `on`, `off` or `always`, for the full-text fetcher.
//!
//! Reading takes any OPML a reader exported: feeds nested in folders are
//! feeds, an outline without `xmlUrl` is a folder.

use std::path::Path;

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use url::Url;

use crate::output::write_atomically;

pub const FILE: &str = "subscriptions.opml";
const NAMESPACE: &str = "https://dateline.invalid/opml/1";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FullText {
    /// Fetch the entry's page when the feed's text is short.
    #[default]
    On,
    Off,
    /// Fetch every entry's page.
    Always,
}

impl FullText {
    fn parse(s: &str) -> Option<FullText> {
        match s.trim().to_ascii_lowercase().as_str() {
            "on" | "" => Some(FullText::On),
            "off" => Some(FullText::Off),
            "always" => Some(FullText::Always),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            FullText::On => "on",
            FullText::Off => "off",
            FullText::Always => "always",
        }
    }
}

/// One subscribed feed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Feed {
    pub url: String,
    /// The feed's name as the reader shows it.
    pub text: Option<String>,
    pub site: Option<String>,
    /// Topics added to every entry.
    pub topics: Vec<String>,
    /// The source name its articles show instead of the feed's own title.
    pub title: Option<String>,
    pub full_text: FullText,
}

/// A feed address a subscription can hold: absolute http(s), nothing else
/// (a `file:` or `javascript:` feed is refused when added).
pub fn checked_url(url: &str) -> Result<String, String> {
    let parsed = Url::parse(url.trim()).map_err(|e| format!("{url:?} is not an address ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "{url:?} is not an http(s) address; feeds are fetched over HTTP"
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("{url:?} names no host"));
    }
    Ok(parsed.to_string())
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscriptions {
    pub title: Option<String>,
    pub feeds: Vec<Feed>,
}

impl Subscriptions {
    /// The subscriptions in `dir`, none when it has no file yet.
    pub fn read(dir: &Path) -> Result<Subscriptions, String> {
        let path = dir.join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Subscriptions::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Subscriptions::default()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    /// Any OPML's feeds; notes for outlines left out (no usable address).
    pub fn parse(text: &str) -> Result<Subscriptions, String> {
        let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
        let mut subs = Subscriptions::default();
        let mut in_title = false;
        let mut seen_opml = false;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    "opml" => seen_opml = true,
                    "title" => in_title = true,
                    "outline" => {
                        if let Some(feed) = outline(&e)? {
                            if !subs.feeds.iter().any(|f| f.url == feed.url) {
                                subs.feeds.push(feed);
                            }
                        }
                    }
                    _ => {}
                },
                Ok(Event::Text(t)) if in_title => {
                    let text = t.xml10_content();
                    let title = subs.title.take().unwrap_or_default() + text.trim();
                    subs.title = Some(title).filter(|t| !t.is_empty());
                }
                Ok(Event::GeneralRef(r)) if in_title => {
                    let text = match r.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    subs.title = Some(subs.title.take().unwrap_or_default() + text);
                }
                Ok(Event::End(_)) => in_title = false,
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => {
                    return Err(format!(
                        "not OPML that can be read (at byte {}: {e})",
                        reader.error_position()
                    ))
                }
            }
        }
        if !seen_opml {
            return Err("not OPML (no <opml> element)".into());
        }
        Ok(subs)
    }

    /// OPML 2.0, feeds in the order they were added.
    pub fn to_opml(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out += &format!("<opml version=\"2.0\" xmlns:dateline=\"{NAMESPACE}\">\n  <head>\n");
        let title = self.title.as_deref().unwrap_or("Dateline subscriptions");
        out += &format!(
            "    <title>{}</title>\n  </head>\n  <body>\n",
            escape(title)
        );
        for feed in &self.feeds {
            let name = feed
                .text
                .as_deref()
                .or(feed.title.as_deref())
                .unwrap_or(&feed.url);
            let mut attrs = vec![
                ("type", "rss".to_string()),
                ("text", name.to_string()),
                ("title", name.to_string()),
                ("xmlUrl", feed.url.clone()),
            ];
            if let Some(site) = &feed.site {
                attrs.push(("htmlUrl", site.clone()));
            }
            if !feed.topics.is_empty() {
                attrs.push(("category", feed.topics.join(",")));
            }
            if let Some(title) = &feed.title {
                attrs.push(("dateline:title", title.clone()));
            }
            if feed.full_text != FullText::On {
                attrs.push(("dateline:fullText", feed.full_text.name().to_string()));
            }
            let attrs: Vec<String> = attrs
                .iter()
                .map(|(k, v)| format!("{k}=\"{}\"", escape(v.as_str())))
                .collect();
            out += &format!("    <outline {}/>\n", attrs.join(" "));
        }
        out += "  </body>\n</opml>\n";
        out
    }

    /// Writes `dir/subscriptions.opml` atomically.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        write_atomically(&dir.join(FILE), self.to_opml().as_bytes())
    }
}

/// A feed from an `<outline>`, or `None` for a folder.
fn outline(e: &BytesStart) -> Result<Option<Feed>, String> {
    let mut feed = Feed::default();
    let mut url = None;
    for attr in e.attributes().flatten() {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .trim()
            .to_string();
        let value = Some(value).filter(|v| !v.is_empty());
        match attr.key.as_ref() {
            "xmlUrl" | "xmlurl" => url = value,
            "text" => feed.text = value.or(feed.text.take()),
            "title" => feed.text = feed.text.take().or(value),
            "htmlUrl" => feed.site = value,
            "category" => {
                feed.topics = value
                    .unwrap_or_default()
                    .split(',')
                    // OPML categories may be paths ("/News/World"): the last part is the topic.
                    .filter_map(|c| {
                        c.trim()
                            .rsplit('/')
                            .next()
                            .map(str::trim)
                            .map(str::to_string)
                    })
                    .filter(|c| !c.is_empty())
                    .collect()
            }
            "dateline:title" => feed.title = value,
            "dateline:fullText" => {
                let setting = value.unwrap_or_default();
                feed.full_text = FullText::parse(&setting).ok_or_else(|| {
                    format!("dateline:fullText={setting:?} is not on, off or always")
                })?;
            }
            _ => {}
        }
    }
    let Some(url) = url else { return Ok(None) };
    feed.url = checked_url(&url)?;
    // A name that is only the address (what is written when none is known)
    // is no name: it would outlive a move to another address.
    if feed
        .text
        .as_deref()
        .is_some_and(|t| t == url || t == feed.url)
    {
        feed.text = None;
    }
    Ok(Some(feed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_readers_opml_is_read_folders_and_all() {
        // As NetNewsWire and Miniflux export it: folders, entities, both cases of xmlUrl.
        let opml = r#"<?xml version="1.0" encoding="UTF-8"?>
            <opml version="1.1"><head><title>My feeds</title></head><body>
            <outline text="News"><outline text="Ars &amp; Co" type="rss" xmlUrl="https://ars.test/feed" htmlUrl="https://ars.test/"/>
            <outline text="Folder"><outline title="Deep" xmlurl="http://deep.test/rss"/></outline></outline>
            <outline text="Duplicate" xmlUrl="https://ars.test/feed"/></body></opml>"#;
        let subs = Subscriptions::parse(opml).unwrap();
        assert_eq!(subs.title.as_deref(), Some("My feeds"));
        let urls: Vec<&str> = subs.feeds.iter().map(|f| f.url.as_str()).collect();
        assert_eq!(urls, ["https://ars.test/feed", "http://deep.test/rss"]);
        assert_eq!(subs.feeds[0].text.as_deref(), Some("Ars & Co"));
        assert_eq!(subs.feeds[1].text.as_deref(), Some("Deep"));
    }

    #[test]
    fn dateline_settings_round_trip() {
        let subs = Subscriptions {
            title: None,
            feeds: vec![Feed {
                url: "https://a.test/feed?x=1&y=\"2\"".into(),
                text: Some("A <feed>".into()),
                site: Some("https://a.test/".into()),
                topics: vec!["World".into(), "Économie".into()],
                title: Some("The A".into()),
                full_text: FullText::Always,
            }],
        };
        let opml = subs.to_opml();
        let back = Subscriptions::parse(&opml).unwrap();
        let mut expected = subs.feeds[0].clone();
        expected.url = "https://a.test/feed?x=1&y=%222%22".into();
        assert_eq!(back.feeds, vec![expected]);
        assert!(opml.contains("dateline:fullText=\"always\""), "{opml}");
    }

    #[test]
    fn only_http_feeds_are_subscribed() {
        assert!(checked_url("https://a.test/feed").is_ok());
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://a.test/f",
            "/feed.xml",
            "a.test/feed",
        ] {
            assert!(checked_url(bad).is_err(), "{bad}");
        }
        let opml = r#"<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>"#;
        assert!(Subscriptions::parse(opml)
            .unwrap_err()
            .contains("not an http(s) address"));
        assert!(Subscriptions::parse("<rss/>")
            .unwrap_err()
            .contains("not OPML"));
        assert!(Subscriptions::parse("<opml><body><outline").is_err());
    }
}
