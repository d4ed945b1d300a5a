//! Where the site is served from, and what the build writes for that
//! address: the settings the build reads from its environment, the
//! absolute URL of each page, `sitemap.xml` and `robots.txt`, and text as
//! XML carries it (for the sitemap and the feeds).

use dateline_core::urls::join_base;

/// The setting naming the site's address (`https://me.github.io/dateline/`;
/// only the origin is taken, the path is the public URL's).
pub const SITE_URL_SETTING: &str = "DATELINE_SITE_URL";
/// The setting capping how many article pages are written.
pub const MAX_PAGES_SETTING: &str = "DATELINE_MAX_PAGES";
/// Up to this many articles (the newest) get their own
/// `article/<id>/index.html` unless `DATELINE_MAX_PAGES` says otherwise:
/// static hosts limit a site's size (GitHub Pages publishes at most 1 GB).
/// Past it, an article's address is answered by 404.html, which boots the
/// app there as well.
pub const MAX_ARTICLE_PAGES: usize = 5_000;
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// What the build reads from its environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `DATELINE_SITE_URL`, when given (the feeds and the sitemap need it).
    pub site_url: Option<String>,
    pub max_pages: usize,
    /// `dateline build --cache DIR`: where one build leaves what the next
    /// takes up (`site::cache`).
    pub cache: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            site_url: None,
            max_pages: MAX_ARTICLE_PAGES,
            cache: None,
        }
    }
}

impl Settings {
    /// The settings from `get` (the environment): empty values are unset.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
        let given = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let max_pages = match given(MAX_PAGES_SETTING) {
            None => MAX_ARTICLE_PAGES,
            Some(value) => value.trim().parse().map_err(|_| {
                format!("{MAX_PAGES_SETTING} must be a whole number of pages (0 for none), not {value:?}")
            })?,
        };
        Ok(Settings {
            site_url: given(SITE_URL_SETTING),
            max_pages,
            cache: None,
        })
    }
}

/// The site's absolute address, ending in `/`: the origin of `setting` (an
/// `http(s)://` URL) with the public URL path `base`.
pub fn site_address(setting: &str, base: &str) -> Result<String, String> {
    let setting = setting.trim();
    let rest = setting
        .strip_prefix("https://")
        .or_else(|| setting.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("{SITE_URL_SETTING} must be an http:// or https:// address, not {setting:?}")
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let bad = |c: char| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}@".contains(c);
    if host.is_empty() || host.chars().any(bad) {
        return Err(format!(
            "{SITE_URL_SETTING} has no usable host: {setting:?}"
        ));
    }
    let scheme = &setting[..setting.len() - rest.len()];
    Ok(join_base(&format!("{scheme}{host}"), base)
        .trim_end_matches('/')
        .to_string()
        + "/")
}

/// An article's page, as its file answers it (`article/<id>/index.html`:
/// with the slash, no redirect).
pub fn page_url(site: &str, id: &str) -> String {
    format!("{site}article/{id}/")
}

/// `sitemap.xml`: the list page and every article page written, nothing
/// else (addresses past the page cap are the app's, not pages).
pub fn sitemap(site: &str, pages: &[&str]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let urls = std::iter::once(site.to_string()).chain(pages.iter().map(|id| page_url(site, id)));
    for url in urls {
        out += &format!("  <url><loc>{}</loc></url>\n", xml(&url));
    }
    out + "</urlset>\n"
}

/// Text for XML: escaped, and without the characters XML 1.0 cannot carry
/// (C0 controls but tab and line breaks, lone surrogates cannot occur in a
/// `str`, U+FFFE/U+FFFF).
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `robots.txt`: everything may be crawled; the sitemap named. (Crawlers
/// read it only at a domain's root: it counts where the site is served at
/// `/`, and is harmless under a path.)
pub fn robots(site: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {site}{SITEMAP_FILE}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://example.org/dateline/";

    #[test]
    fn settings_come_from_the_environment_with_clear_errors() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Settings::read(env(&[])).unwrap(), Settings::default());
        assert_eq!(
            Settings::read(env(&[(SITE_URL_SETTING, " "), (MAX_PAGES_SETTING, "")])).unwrap(),
            Settings::default()
        );
        let set = Settings::read(env(&[
            (SITE_URL_SETTING, SITE),
            (MAX_PAGES_SETTING, " 20 "),
        ]));
        assert_eq!(
            set.unwrap(),
            Settings {
                site_url: Some(SITE.into()),
                max_pages: 20,
                cache: None,
            }
        );
        for bad in ["-1", "lots", "1e6"] {
            let pairs: &'static [(&'static str, &'static str)] =
                Box::leak(vec![(MAX_PAGES_SETTING, bad)].into_boxed_slice());
            let error = Settings::read(env(pairs)).unwrap_err();
            assert!(
                error.contains(MAX_PAGES_SETTING) && error.contains(bad),
                "{error}"
            );
        }
    }

    #[test]
    fn the_address_is_the_settings_origin_with_the_public_path() {
        assert_eq!(
            site_address("https://me.github.io", "/dateline/").unwrap(),
            SITE.replace("example.org", "me.github.io")
        );
        assert_eq!(
            site_address(" http://127.0.0.1:8080/anything/else?x ", "/").unwrap(),
            "http://127.0.0.1:8080/"
        );
        for bad in [
            "me.github.io",
            "ftp://x/",
            "https://",
            "https://a b/",
            "javascript:alert(1)",
        ] {
            let error = site_address(bad, "/").unwrap_err();
            assert!(error.contains(SITE_URL_SETTING), "{bad}: {error}");
        }
    }

    #[test]
    fn the_sitemap_lists_the_list_and_the_pages_and_parses() {
        let map = sitemap(SITE, &["a-story", "b.2"]);
        let locs: Vec<&str> = map
            .lines()
            .filter_map(|l| l.trim().strip_prefix("<url><loc>"))
            .map(|l| l.trim_end_matches("</loc></url>"))
            .collect();
        assert_eq!(
            locs,
            [
                SITE.to_string(),
                format!("{SITE}article/a-story/"),
                format!("{SITE}article/b.2/")
            ]
        );
        assert!(map.starts_with("<?xml") && map.trim_end().ends_with("</urlset>"));
        assert_eq!(
            robots(SITE),
            "User-agent: *\nAllow: /\nSitemap: https://example.org/dateline/sitemap.xml\n"
        );
    }
}
