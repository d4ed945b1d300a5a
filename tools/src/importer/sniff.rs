//! What a file holds, by its content rather than its name: the importer
//! reads a page as the kind it is, and refuses (with a message) what is no
//! page at all, so a binary, a feed or a JSON file named `.txt` never
//! becomes a junk article.

/// The kinds of input the importer tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Binary,
    Html,
    /// RSS, Atom or other XML.
    Feed,
    Json,
    Text,
}

pub fn sniff(bytes: &[u8]) -> Content {
    let has_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]);
    let head = &bytes[..bytes.len().min(8192)];
    if !has_bom && head.contains(&0) {
        return Content::Binary;
    }
    // Control bytes other than white space are not text either (an ELF or
    // JPEG header without a NUL in reach).
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if !has_bom && controls * 20 > head.len().max(1) {
        return Content::Binary;
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]);
    let start = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<head")
    {
        Content::Html
    } else if start.starts_with("<?xml")
        || start.starts_with("<rss")
        || start.starts_with("<feed")
        || start.starts_with("<rdf:rdf")
    {
        // XHTML is XML too.
        if start.contains("<html") {
            Content::Html
        } else {
            Content::Feed
        }
    } else if super::feed_repair::feed_root(&start).is_some() {
        // A feed behind a comment, a mangled declaration or a little junk
        // is a feed, never a text page of raw markup.
        Content::Feed
    } else if start.starts_with('{') || start.starts_with('[') {
        Content::Json
    } else {
        Content::Text
    }
}

/// A JSON Feed: an object whose `version` names jsonfeed.org.
pub fn is_json_feed(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        version: Option<String>,
    }
    let text = String::from_utf8_lossy(bytes);
    serde_json::from_str::<Probe>(text.trim_start_matches('\u{feff}'))
        .ok()
        .and_then(|p| p.version)
        .is_some_and(|v| v.contains("jsonfeed.org"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_kinds_apart() {
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\0\0\0"), Content::Binary);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Content::Binary);
        assert_eq!(sniff(b"<html><p>Text</p></html>"), Content::Html);
        assert_eq!(
            sniff(b"\xff\xd8\xff\xe0\x10\x4a\x46\x49\x46\x01\x02\x03\x04\x05\x06\x07"),
            Content::Binary
        );
        assert_eq!(sniff(b"  <!DOCTYPE html><html><p>x"), Content::Html);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Content::Feed
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Content::Feed
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"),
            Content::Html
        );
        assert_eq!(sniff(b"{\"format\":\"dateline-bundle\"}"), Content::Json);
        assert_eq!(
            sniff("\u{feff}MEXICO CITY (AP) — Mexico and…".as_bytes()),
            Content::Text
        );
        assert_eq!(sniff(b""), Content::Text);
        assert_eq!(sniff(b"<!-- hi --><rss version=\"2.0\">"), Content::Feed);
        assert_eq!(
            sniff(b"<?phpxml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss>"),
            Content::Feed
        );
    }
}
