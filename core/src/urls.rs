//! The app's URLs, as pure functions: where the site lives, where an article
//! lives, and how the list's whole state reads from and writes to the query
//! string.

use crate::model::facets::is_facet_name;
use crate::model::text::slugify;
use crate::model::{Date, Timestamp};
use crate::query::{Query, Sort, View, NO_TOPIC};

/// The router base from the document's base path: "/dateline/" → "/dateline", "/" → "".
pub fn router_base(base_pathname: &str) -> String {
    base_pathname.trim_end_matches('/').to_string()
}

/// A link's href: the site's base path joined to an in-app path. (The router
/// strips the base when matching routes but does not add it to links.)
pub fn join_base(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The in-app path of an article.
pub fn article_path(id: &str) -> String {
    format!("/article/{id}")
}

/// The list filtered to one topic.
pub fn topic_path(topic_label: &str) -> String {
    format!("/?topic={}", slugify(topic_label))
}

/// A calendar day as `YYYY-MM-DD`; anything else (a time, junk) is `None`.
pub fn parse_day(value: &str) -> Option<Date> {
    Timestamp::parse(value)
        .ok()
        .filter(|t| t.time.is_none())
        .map(|t| t.date)
}

/// Reads `?topic=acq&topic=earn&from=1987-03-01&to=1987-03-31&q=oil+price&exact=1&sort=relevance`.
/// Unknown keys and invalid values are ignored; the last `from`/`to`/`q`/`sort` wins.
pub fn view_from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> View {
    let mut view = View::default();
    let mut exact = false;
    for (key, value) in pairs {
        match key {
            "topic" => {
                let slug = if value == NO_TOPIC {
                    NO_TOPIC.to_string()
                } else {
                    slugify(value)
                };
                if !slug.is_empty() && !view.topics.contains(&slug) {
                    view.topics.push(slug);
                }
            }
            "from" => view.from = parse_day(value).or(view.from),
            "to" => view.to = parse_day(value).or(view.to),
            "q" => {
                let text: String = value
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(200)
                    .collect();
                view.q = Query::new(text);
            }
            "sort" => view.sort = Sort::parse(value).or(view.sort),
            "unread" => view.unread = value == "1",
            // On an article: the list it was opened from.
            "list" => view.saved = value == "saved",
            // "Search instead for …": the words as typed, no corrections.
            "exact" => exact = value == "1",
            // Any other key is a facet (`?place=tokyo&source=reuters`);
            // the engine ignores facets and values the archive does not have.
            facet if is_facet_name(facet) => {
                let slug = slugify(value);
                let values = view.facet_mut(facet);
                if !slug.is_empty() && !values.contains(&slug) {
                    values.push(slug);
                }
            }
            _ => {}
        }
    }
    view.facets.retain(|(_, values)| !values.is_empty());
    if exact && !view.q.is_empty() {
        view.q = Query::exact(view.q.text());
    }
    if let (Some(from), Some(to)) = (view.from, view.to) {
        if from > to {
            (view.from, view.to) = (Some(to), Some(from));
        }
    }
    view
}

/// `application/x-www-form-urlencoded`, as browsers write a form: letters,
/// digits and `-_.*` as they are, space as `+`, every other byte as `%XX`.
/// Written here rather than with `form_urlencoded` (already a dependency of
/// the router), whose 768-byte table of `%XX` strings and generic encoder
/// cost the wasm 1.3 kB (gzip) more than these lines (251,966 vs 253,289
/// bytes); a test checks these bytes equal `form_urlencoded`'s for every
/// character class.
fn encode(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

/// The query string for a view, `?…` or "" when it is the default view.
/// Its section is the path's (`view_path`), not a key.
pub fn view_to_query(view: &View) -> String {
    query_string(view, false)
}

fn query_string(view: &View, with_list: bool) -> String {
    let mut pairs: Vec<(&str, String)> = view.topics.iter().map(|t| ("topic", t.clone())).collect();
    for (facet, values) in &view.facets {
        pairs.extend(values.iter().map(|v| (facet.as_str(), v.clone())));
    }
    if let Some(from) = view.from {
        pairs.push(("from", from.iso()));
    }
    if let Some(to) = view.to {
        pairs.push(("to", to.iso()));
    }
    if !view.q.is_empty() {
        pairs.push(("q", view.q.text().to_string()));
        if view.q.is_exact() {
            pairs.push(("exact", "1".to_string()));
        }
    }
    if let Some(sort) = view.sort {
        pairs.push(("sort", sort.as_str().to_string()));
    }
    if view.unread {
        pairs.push(("unread", "1".to_string()));
    }
    if with_list && view.saved {
        pairs.push(("list", "saved".to_string()));
    }
    if pairs.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(key);
        out.push('=');
        encode(value, &mut out);
    }
    out
}

/// The in-app path of the list showing `view`.
pub fn view_path(view: &View) -> String {
    let section = if view.saved { "saved" } else { "" };
    format!("/{section}{}", view_to_query(view))
}

/// An article opened from the list showing `view`: the list rides along in
/// its query, so the article page knows its previous and next, and the way
/// back. From the plain latest list it is the article's own path.
pub fn article_in_list(id: &str, view: &View) -> String {
    format!("{}{}", article_path(id), query_string(view, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Timestamp::parse(s).unwrap().date
    }

    #[test]
    fn base_follows_the_public_url() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base("/dateline/"), "/dateline");
        assert_eq!(router_base("/a/b/"), "/a/b");
    }

    #[test]
    fn links_carry_the_base() {
        assert_eq!(join_base("", "/article/a"), "/article/a");
        assert_eq!(join_base("/dateline", "/article/a"), "/dateline/article/a");
        assert_eq!(
            join_base("/dateline", "/?topic=nba"),
            "/dateline/?topic=nba"
        );
        assert_eq!(join_base("/dateline", "/"), "/dateline/");
        assert_eq!(join_base("", "/"), "/");
    }

    #[test]
    fn paths_for_articles_and_topics() {
        assert_eq!(article_path("rubio-says"), "/article/rubio-says");
        assert_eq!(topic_path("Sports News"), "/?topic=sports-news");
    }

    #[test]
    fn reads_every_part_of_a_view() {
        let view = view_from_pairs([
            ("topic", "acq"),
            ("topic", "earn"),
            ("topic", "acq"),
            ("topic", "none"),
            ("from", "1987-03-01"),
            ("to", "1987-03-31"),
            ("q", "oil price"),
            ("sort", "relevance"),
        ]);
        assert_eq!(view.topics, ["acq", "earn", "none"]);
        assert_eq!(view.from, Some(date("1987-03-01")));
        assert_eq!(view.to, Some(date("1987-03-31")));
        assert_eq!(view.q.text(), "oil price");
        assert_eq!(view.sort, Some(Sort::Relevance));
    }

    #[test]
    fn ignores_what_it_does_not_understand() {
        let view = view_from_pairs([
            ("from", "1987-02-30"),
            ("to", "yesterday"),
            ("sort", "random"),
            ("Page", "9"),
            ("topic", ""),
            ("topic", "<script>"),
            ("from", "1987-03-01T10:00"),
            ("place", ""),
            ("a b", "x"),
        ]);
        assert_eq!(
            view,
            View {
                topics: vec!["script".into()],
                ..View::default()
            }
        );
        let swapped = view_from_pairs([("from", "1987-04-01"), ("to", "1987-03-01")]);
        assert_eq!(
            (swapped.from, swapped.to),
            (Some(date("1987-03-01")), Some(date("1987-04-01")))
        );
    }

    #[test]
    fn encodes_as_form_urlencoded_does() {
        let every: String = (1u32..0x800)
            .filter_map(char::from_u32)
            .chain(['😀', '\u{FFFD}'])
            .collect();
        for text in [
            "oil & gas/price ü",
            "a+b=c;d?e#f",
            "~*-_. \t\n",
            every.as_str(),
        ] {
            let mut ours = String::new();
            encode(text, &mut ours);
            let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn facets_read_and_write_like_topics() {
        let view = view_from_pairs([
            ("place", "Tokyo"),
            ("source", "reuters"),
            ("place", "new-york"),
            ("place", "tokyo"),
        ]);
        assert_eq!(view.facet("place"), ["tokyo", "new-york"]);
        assert_eq!(view.facet("source"), ["reuters"]);
        assert_eq!(
            view_to_query(&view),
            "?place=tokyo&place=new-york&source=reuters"
        );
    }

    #[test]
    fn writes_views_that_read_back() {
        assert_eq!(view_to_query(&View::default()), "");
        let view = View {
            topics: vec!["acq".into(), "money-fx".into()],
            facets: vec![("people".to_string(), vec!["james-baker".to_string()])],
            from: Some(date("1987-03-01")),
            to: None,
            q: "oil & gas/price ü".into(),
            sort: Some(Sort::Oldest),
            ..View::default()
        };
        let query = view_to_query(&view);
        assert_eq!(
            query,
            "?topic=acq&topic=money-fx&people=james-baker&from=1987-03-01&q=oil+%26+gas%2Fprice+%C3%BC&sort=oldest"
        );
        assert_eq!(view_path(&View::default()), "/");
        // What the browser would decode:
        let decoded: Vec<(String, String)> = form_urlencoded::parse(&query.as_bytes()[1..])
            .into_owned()
            .collect();
        let again = view_from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(again, view);
    }

    /// The Saved section and "Unread only": the section is the path, and an
    /// article opened from a list carries that list (section included).
    #[test]
    fn sections_and_unread_read_back() {
        let saved = View {
            saved: true,
            unread: true,
            topics: vec!["acq".into()],
            ..View::default()
        };
        assert_eq!(view_path(&saved), "/saved?topic=acq&unread=1");
        assert_eq!(
            view_path(&View {
                saved: true,
                ..View::default()
            }),
            "/saved"
        );
        let link = article_in_list("a-1", &saved);
        assert_eq!(link, "/article/a-1?topic=acq&unread=1&list=saved");
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(link.split_once('?').unwrap().1.as_bytes())
                .into_owned()
                .collect();
        assert_eq!(
            view_from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            saved
        );
        assert_eq!(article_in_list("a-1", &View::default()), "/article/a-1");
        // Other values mean nothing; `unread` is no facet.
        assert_eq!(
            view_from_pairs([("unread", "yes"), ("list", "other")]),
            View::default()
        );
        assert_eq!(saved.active_filters(), 2);
        assert_eq!(
            saved.cleared(),
            View {
                saved: true,
                ..View::default()
            }
        );
    }

    /// "Search instead for opek" keeps the words as typed through the URL;
    /// `exact` without a search, or with another value, means nothing.
    #[test]
    fn an_exact_search_reads_back() {
        let view = View {
            q: Query::exact("opek"),
            ..View::default()
        };
        assert_eq!(view_to_query(&view), "?q=opek&exact=1");
        let again = view_from_pairs([("exact", "1"), ("q", "opek")]);
        assert_eq!(again, view);
        assert!(again.q.terms().exact);
        assert!(!view_from_pairs([("q", "opek"), ("exact", "yes")])
            .q
            .is_exact());
        assert_eq!(view_from_pairs([("exact", "1")]), View::default());
    }
}
