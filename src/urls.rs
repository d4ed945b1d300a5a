//! The app's URLs, as pure functions: where the site lives, where an article
//! lives, and what the list's query string means.

use crate::model::text::slugify;

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

/// The list's view as a URL states it: `?topic=nba&topic=news`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// Topic slugs, deduplicated, in the order given; junk values are dropped.
    pub topics: Vec<String>,
}

impl ListQuery {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ListQuery {
        let mut topics: Vec<String> = Vec::new();
        for (key, value) in pairs {
            if key == "topic" {
                let slug = slugify(value);
                if !slug.is_empty() && !topics.contains(&slug) {
                    topics.push(slug);
                }
            }
        }
        ListQuery { topics }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn query_keeps_known_topics_and_ignores_the_rest() {
        let q = ListQuery::from_pairs([
            ("topic", "NBA"),
            ("topic", "nba"),
            ("topic", "<script>"),
            ("x", "1"),
            ("topic", ""),
        ]);
        assert_eq!(q.topics, ["nba", "script"]);
        assert_eq!(ListQuery::from_pairs([]), ListQuery::default());
    }
}
