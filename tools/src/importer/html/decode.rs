//! Bytes to text for saved pages: the character encoding from the BOM, a
//! `<meta charset>` or `http-equiv` declaration (the HTML standard's
//! prescan, first 1024 bytes), else UTF-8 when the bytes are UTF-8, else
//! windows-1252 as browsers do; and a guard against nesting so deep that
//! parsing it would take minutes.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The text of a page and the encoding it was read in. One departure from
/// the standard: bytes that are valid UTF-8 and not plain ASCII are read as
/// UTF-8 whatever the page declares, because a saved copy is often
/// re-encoded to UTF-8 with its old `<meta charset=gb2312>` left in place,
/// while text really in a legacy encoding is practically never valid UTF-8.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    let surely_utf8 = !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok();
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| surely_utf8.then_some(UTF_8))
        .or_else(|| declared(bytes))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    // A page that declares UTF-16 but has no BOM is ASCII-compatible text in
    // practice (a saved copy re-encoded): the standard reads it as UTF-8.
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        if Encoding::for_bom(bytes).is_some() {
            encoding
        } else {
            UTF_8
        }
    } else {
        encoding
    };
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used)
}

/// The encoding a `<meta>` in the first 1024 bytes declares.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(label) = attribute(tag, "charset") {
            if let Some(e) = Encoding::for_label(label.as_bytes()) {
                return Some(e);
            }
        }
        let is_content_type = attribute(tag, "http-equiv").is_some_and(|v| v == "content-type");
        if let (true, Some(content)) = (is_content_type, attribute(tag, "content")) {
            if let Some(at) = content.find("charset=") {
                let label = content[at + 8..]
                    .trim_matches(|c| c == '"' || c == '\'')
                    .split([';', ' ', '"', '\''])
                    .next()
                    .unwrap_or("");
                if let Some(e) = Encoding::for_label(label.as_bytes()) {
                    return Some(e);
                }
            }
        }
    }
    None
}

/// An attribute's value in a (lower-cased) tag's text, quoted or not.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut search = tag;
    while let Some(at) = search.find(name) {
        let before_ok = at == 0 || search.as_bytes()[at - 1].is_ascii_whitespace();
        let after = search[at + name.len()..].trim_start();
        search = &search[at + name.len()..];
        if !before_ok {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '/')
                .next()
                .unwrap_or(""),
        });
    }
    None
}

/// How deep elements may nest before the importer flattens them. Real
/// articles stay far below (the deepest of the 44 development pages: about
/// 40); a page nested 100,000 deep took the HTML parser 44 s and the
/// extractor longer than we waited.
pub const MAX_NESTING: usize = 256;

/// The page with start and end tags past `MAX_NESTING` levels removed (their
/// text stays). Counts only elements that need an end tag (not `p`, `li`
/// and the others whose end tags are optional, nor void elements), skips
/// comments and the raw text of `script`, `style`, `textarea`, `title`.
pub fn limit_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // Open elements: name and whether its start tag was dropped.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut open_names: std::collections::HashMap<String, usize> = Default::default();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let start = i + found;
        i = start + 1;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = html[name_start..]
            .find('>')
            .map_or(html.len(), |e| name_start + e + 1);
        i = end;
        if !closing
            && matches!(
                name.as_str(),
                "script" | "style" | "textarea" | "title" | "xmp"
            )
        {
            i = closing_tag(html, end, &name).unwrap_or(html.len());
            continue;
        }
        if !needs_end_tag(&name) || (!closing && html[start..end].ends_with("/>")) {
            continue;
        }
        let drop = if closing {
            if open_names.get(&name).copied().unwrap_or(0) == 0 {
                continue;
            }
            let mut dropped = false;
            while let Some((top, was_dropped)) = open.pop() {
                *open_names.get_mut(&top).expect("counted when opened") -= 1;
                if top == name {
                    dropped = was_dropped;
                    break;
                }
            }
            dropped
        } else {
            let dropped = open.len() >= MAX_NESTING;
            *open_names.entry(name.clone()).or_default() += 1;
            open.push((name, dropped));
            dropped
        };
        if drop {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..start]);
            copied = end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Where `</name` (any case) starts at or after `from`: found in one pass,
/// without copying the rest of the page for every script.
fn closing_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let tag = bytes.get(start + 2..start + 2 + name.len())?;
        if tag.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

fn needs_end_tag(name: &str) -> bool {
    !matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "html"
            | "head"
            | "body"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_encoding() {
        let (shift_jis, _, _) = encoding_rs::SHIFT_JIS.encode("日本語の記事");
        let page = [b"<meta charset=\"Shift_JIS\"><p>".as_slice(), &shift_jis].concat();
        let (text, used) = decode(&page);
        assert_eq!(used, encoding_rs::SHIFT_JIS);
        assert!(text.contains("日本語の記事"));

        let (gbk, _, _) = encoding_rs::GBK.encode("中文新闻");
        let page = [
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>"
                .as_slice(),
            &gbk,
        ]
        .concat();
        assert!(decode(&page).0.contains("中文新闻"));

        let (text, used) = decode(b"<meta charset=iso-8859-1><p>caf\xe9 \x93quoted\x94");
        assert_eq!(
            used, WINDOWS_1252,
            "ISO-8859-1 is read as windows-1252, as browsers do"
        );
        assert!(text.contains("café “quoted”"));

        let (greek, _, _) = encoding_rs::ISO_8859_7.encode("Ειδήσεις");
        let page = [b"<meta charset=\"iso-8859-7\"><p>".as_slice(), &greek].concat();
        assert!(decode(&page).0.contains("Ειδήσεις"));
    }

    #[test]
    fn a_page_re_encoded_to_utf8_is_read_as_utf8() {
        let page =
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>中文新闻";
        assert_eq!(decode(page.as_bytes()).1, UTF_8);
    }

    #[test]
    fn the_bom_wins_and_undeclared_bytes_are_guessed() {
        let page = [
            b"\xef\xbb\xbf<meta charset=windows-1252><p>".as_slice(),
            "é".as_bytes(),
        ]
        .concat();
        assert_eq!(
            decode(&page),
            ("<meta charset=windows-1252><p>é".to_string(), UTF_8)
        );
        assert_eq!(decode("<p>é".as_bytes()).1, UTF_8);
        assert_eq!(decode(b"<p>\xe9").1, WINDOWS_1252);
    }

    #[test]
    fn nesting_is_cut_at_the_limit_and_text_stays() {
        let deep = format!(
            "{}<p>core</p>{}",
            "<div>".repeat(1000),
            "</div>".repeat(1000)
        );
        let limited = limit_nesting(&deep);
        assert_eq!(limited.matches("<div>").count(), MAX_NESTING);
        assert_eq!(limited.matches("</div>").count(), MAX_NESTING);
        assert!(limited.contains("<p>core</p>"));
        let shallow = "<div><p>a<div>b</div><!-- <div> --><script>'<div>'</script></div>";
        assert!(matches!(limit_nesting(shallow), Cow::Borrowed(_)));
    }
}
