//! Feeds as feed readers meet them. A strict XML or JSON parser refuses
//! feeds that every tolerant reader (feedparser, NetNewsWire, Miniflux)
//! reads; these repairs make them readable, and say what they did. They run
//! only on a feed the parser refused as it came (`feed::read_feed`), so a
//! well-formed feed is never touched.
//!
//! XML: junk before the root element (a mangled declaration such as
//! `<?phpxml version="1.0"?>`, a PHP warning, a comment, a BOM in the wrong
//! place), a wrong or missing encoding declaration (bytes read as what they
//! are: the declared encoding when it decodes them, else UTF-8, else
//! Windows-1252), HTML entities XML does not declare (`&nbsp;`, `&eacute;`:
//! the whole HTML table), `&` left unescaped, empty `media:` text elements
//! (one empty `<media:description type="html">` made the parser reject the
//! whole feed), and Atom 0.3 (read as Atom 1.0).
//!
//! JSON Feed: a `version` URL written with `http:` (as many real feeds do)
//! and `tags` given as one comma-separated string instead of a list.

use std::borrow::Cow;
use std::collections::HashMap;

/// A repaired feed and what was repaired, in words.
#[derive(Debug)]
pub struct Repaired {
    pub bytes: Vec<u8>,
    pub repairs: Vec<&'static str>,
}

/// The names of the root elements a feed has.
const ROOTS: &[&str] = &["rss", "feed", "rdf:rdf", "rdf"];

/// Where a feed's root element starts in `text`, if what comes before it is
/// only a prolog (declarations, comments, a doctype) or a little junk.
pub fn feed_root(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find('<').map(|i| from + i) {
        let rest = &lower[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            from = at + 4 + comment.find("-->").map_or(comment.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with('?') || rest.starts_with('!') {
            from = at + 1 + rest.find('>').unwrap_or(rest.len().saturating_sub(1)) + 1;
            continue;
        }
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
            .count();
        let name = &rest[..name_len];
        // Junk before the root: tolerated while short (a warning line, a
        // stray word) and when the root starts its own line or follows a
        // prolog item; "a page about <rss> feeds" is text.
        let before = lower[..at].trim();
        let prev = lower[..at].trim_end_matches([' ', '\t']).chars().last();
        let junk_ok =
            before.is_empty() || (before.len() <= 400 && matches!(prev, Some('\n' | '>')));
        return (ROOTS.contains(&name) && junk_ok).then_some(at);
    }
    None
}

/// The XML repairs, or `None` when there is nothing to repair.
pub fn repair_xml(bytes: &[u8]) -> Option<Repaired> {
    let mut repairs = Vec::new();
    let (text, decoded) = decode(bytes);
    if let Some(note) = decoded {
        repairs.push(note);
    }
    let root = feed_root(&text)?;
    let before = &text[..root];
    let declared_well = before.trim().is_empty()
        || (before.trim_start().starts_with("<?xml ") && before.matches('<').count() == 1);
    if !declared_well {
        repairs.push("what came before the root element (a mangled declaration, comments or junk) was dropped");
    }
    let body = &text[root..];
    let mut out = String::with_capacity(body.len() + 64);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let (fixed, entities, ampersands) = fix_ampersands(body);
    if entities > 0 {
        repairs.push(
            "HTML entities XML does not declare (&nbsp;, &eacute; …) were read as their characters",
        );
    }
    if ampersands > 0 {
        repairs.push("a bare & was read as a character");
    }
    let (fixed, emptied) = drop_empty_media_text(&fixed);
    if emptied {
        repairs.push("empty media: text elements were dropped");
    }
    let fixed = match atom_03(&fixed) {
        Some(atom) => {
            repairs.push("Atom 0.3 was read as Atom 1.0");
            atom
        }
        None => fixed.into_owned(),
    };
    out.push_str(&fixed);
    (!repairs.is_empty()).then(|| Repaired {
        bytes: out.into_bytes(),
        repairs,
    })
}

/// The text of `bytes`: its BOM, else its declared encoding when that
/// decodes it, else UTF-8, else Windows-1252 (which decodes any byte).
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = encoding.decode(bytes);
        return (
            text.into_owned(),
            bad.then_some("characters its encoding could not decode were replaced"),
        );
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
    let declared = head.split_once("encoding=").and_then(|(_, rest)| {
        rest.trim_start_matches(['"', '\''])
            .split(['"', '\''])
            .next()
            .map(str::to_string)
    });
    let utf8 = std::str::from_utf8(bytes).ok();
    match (
        declared
            .as_deref()
            .and_then(|d| encoding_rs::Encoding::for_label(d.as_bytes())),
        utf8,
    ) {
        (Some(enc), Some(text)) if enc != encoding_rs::UTF_8 && !text.is_ascii() => {
            // Declared as a single-byte encoding, written as UTF-8: the bytes win.
            (
                text.to_string(),
                Some("its encoding declaration was wrong (the bytes are UTF-8)"),
            )
        }
        (Some(enc), _) if enc != encoding_rs::UTF_8 => {
            let (text, _, _) = enc.decode(bytes);
            (text.into_owned(), None)
        }
        (_, Some(text)) => (text.to_string(), None),
        (_, None) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (
                text.into_owned(),
                Some("its bytes are not UTF-8 as declared; read as Windows-1252"),
            )
        }
    }
}

/// `&` that starts no XML reference: HTML entities become their
/// characters, bare ampersands `&amp;`. CDATA sections and comments are
/// left as they are. Returns the text and how many of each were fixed.
fn fix_ampersands(text: &str) -> (Cow<'_, str>, usize, usize) {
    if !text.contains('&') {
        return (Cow::Borrowed(text), 0, 0);
    }
    let mut out = String::with_capacity(text.len());
    let (mut entities, mut bare) = (0, 0);
    let mut cache: HashMap<String, Option<String>> = HashMap::new();
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
            if rest.starts_with(open) {
                let end = rest.find(close).map_or(rest.len(), |e| e + close.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
        if rest.starts_with('<') {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        if !rest.starts_with('&') {
            continue;
        }
        let name_len = rest[1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        let name = &rest[1..1 + name_len];
        let closed = rest[1 + name_len..].starts_with(';');
        if closed && (matches!(name, "amp" | "lt" | "gt" | "quot" | "apos") || is_char_ref(name)) {
            out.push_str(&rest[..name_len + 2]);
            rest = &rest[name_len + 2..];
            continue;
        }
        let html = closed
            .then(|| {
                cache
                    .entry(name.to_string())
                    .or_insert_with(|| html_entity(name))
                    .clone()
            })
            .flatten();
        match html {
            Some(chars) => {
                entities += 1;
                for c in chars.chars() {
                    out.push_str(&format!("&#{};", u32::from(c)));
                }
                rest = &rest[name_len + 2..];
            }
            None => {
                bare += 1;
                out.push_str("&amp;");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), entities, bare)
}

fn is_char_ref(name: &str) -> bool {
    let Some(num) = name.strip_prefix('#') else {
        return false;
    };
    match num.strip_prefix(['x', 'X']) {
        Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// What `&name;` means in HTML (html5ever's whole table), if anything.
fn html_entity(name: &str) -> Option<String> {
    let reference = format!("&{name};");
    let doc = dom_query::Document::from(format!("<p>{reference}</p>").as_str());
    let text = doc.select("p").text().to_string();
    (text != reference && !text.is_empty()).then_some(text)
}

/// `<media:description type="html"></media:description>` and the like: empty
/// media text elements, which some parsers refuse whole.
fn drop_empty_media_text(text: &str) -> (Cow<'_, str>, bool) {
    let pattern = regex::Regex::new(r"<media:(description|title|text|credit|keywords)\b[^>]*?(?:/>|>\s*</media:(?:description|title|text|credit|keywords)>)")
        .expect("a valid pattern");
    match pattern.replace_all(text, "") {
        Cow::Borrowed(_) => (Cow::Borrowed(text), false),
        Cow::Owned(s) => (Cow::Owned(s), true),
    }
}

/// Atom 0.3 as Atom 1.0: the namespace, and the elements 1.0 renamed.
fn atom_03(text: &str) -> Option<String> {
    const OLD: &str = "http://purl.org/atom/ns#";
    if !text.contains(OLD) {
        return None;
    }
    let mut out = text.replace(OLD, "http://www.w3.org/2005/Atom");
    for (old, new) in [
        ("issued", "published"),
        ("modified", "updated"),
        ("tagline", "subtitle"),
        ("copyright", "rights"),
    ] {
        out = out
            .replace(&format!("<{old}>"), &format!("<{new}>"))
            .replace(&format!("</{old}>"), &format!("</{new}>"));
    }
    Some(
        out.replace("mode=\"escaped\"", "type=\"html\"")
            .replace("mode=\"xml\"", "type=\"xhtml\""),
    )
}

/// The JSON Feed repairs, or `None` when there is nothing to repair.
pub fn repair_json(bytes: &[u8]) -> Option<Repaired> {
    let text = String::from_utf8_lossy(bytes);
    let mut feed: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let mut repairs = Vec::new();
    if let Some(version) = feed.get_mut("version") {
        if let Some(v) = version
            .as_str()
            .and_then(|v| v.strip_prefix("http://jsonfeed.org/"))
        {
            *version = serde_json::Value::String(format!("https://jsonfeed.org/{v}"));
            repairs.push("its version URL was written with http: (read as https:)");
        }
    }
    let mut tags_fixed = false;
    for item in feed
        .get_mut("items")
        .and_then(|i| i.as_array_mut())
        .into_iter()
        .flatten()
    {
        if let Some(tags) = item.get_mut("tags") {
            if let Some(list) = tags.as_str() {
                let split: Vec<serde_json::Value> = list
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| serde_json::Value::String(t.to_string()))
                    .collect();
                *tags = serde_json::Value::Array(split);
                tags_fixed = true;
            }
        }
    }
    if tags_fixed {
        repairs.push("tags given as one string were read as a list");
    }
    (!repairs.is_empty()).then(|| Repaired {
        bytes: serde_json::to_vec(&feed).unwrap_or_default(),
        repairs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_found_past_prologs_and_junk() {
        assert_eq!(feed_root("<?xml version=\"1.0\"?><rss>"), Some(21));
        assert_eq!(feed_root("<!-- generated --><feed xmlns='x'>"), Some(18));
        assert_eq!(
            feed_root("<?phpxml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Some(25)
        );
        assert!(feed_root("Warning: x in /var/www/feed.php on line 3\n<rss>").is_some());
        assert_eq!(feed_root("<html><body>"), None);
        assert_eq!(
            feed_root("A page of text about <rss> feeds"),
            None,
            "a text page is not a feed"
        );
    }

    #[test]
    fn entities_and_ampersands_become_xml() {
        let (fixed, entities, bare) = fix_ampersands(
            "Caf&eacute; &amp; bar&nbsp;&mdash; R&D &#8217; &unknown; <![CDATA[a & b]]>",
        );
        assert_eq!(
            fixed,
            "Caf&#233; &amp; bar&#160;&#8212; R&amp;D &#8217; &amp;unknown; <![CDATA[a & b]]>"
        );
        assert_eq!((entities, bare), (3, 2));
    }

    #[test]
    fn json_feed_versions_and_tags_are_repaired() {
        let repaired = repair_json(br#"{"version":"http://jsonfeed.org/version/1","items":[{"id":"1","tags":"workflow, omnifocus"}]}"#).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&repaired.bytes).unwrap();
        assert_eq!(v["version"], "https://jsonfeed.org/version/1");
        assert_eq!(
            v["items"][0]["tags"],
            serde_json::json!(["workflow", "omnifocus"])
        );
        assert_eq!(repaired.repairs.len(), 2);
        assert!(
            repair_json(br#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#).is_none()
        );
    }

    #[test]
    fn encodings_are_read_as_the_bytes_are() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><title>Caf\xe9</title></rss>";
        let (text, note) = decode(latin1);
        assert!(text.contains("Café") && note.is_some());
        let mislabelled =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>Café</title></rss>";
        let (text, note) = decode(mislabelled.as_bytes());
        assert!(text.contains("Café") && note.is_some(), "{text}");
        let right =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>Caf\xe9</title></rss>";
        assert_eq!(
            decode(right),
            (
                String::from_utf8_lossy(right).replace('\u{fffd}', "é"),
                None
            )
        );
    }
}
