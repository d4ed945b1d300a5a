//! Where a picture may come from. A reader's browser fetches every picture
//! an article shows, so a picture address is also a request the site makes
//! on the reader's behalf: one that points at the reader's own machine or
//! network (`http://127.0.0.1/…`, `http://192.168.1.1/…`, `http://router/`)
//! would let an imported page or feed probe it. Such an address is never
//! kept (`Photo::clean`; the importer says so for each it drops).
//!
//! Not on the public web: literal IPv4 addresses in the loopback, private,
//! link-local, shared (CGNAT), "this network", documentation, benchmarking,
//! multicast, broadcast and reserved ranges; IPv6 loopback, unspecified,
//! unique-local, link-local, multicast and documentation addresses (and an
//! IPv4 one mapped into IPv6 that would be refused itself); numeric hosts a
//! browser reads as IPv4 although they are not written as four decimal
//! parts (`2130706433`, `0x7f.1`, `017700000001` are all 127.0.0.1); and
//! names that are plainly local: `localhost`, names under `.localhost`,
//! `.local`, `.localdomain`, `.internal`, `.lan`, `.home.arpa`, and
//! single-label names (`intranet`, `router`). A relative address (a file
//! beside the bundle) is the site's own and is fine.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Why `url` does not point at the public web, or `None` when it may be
/// fetched by a reader's browser.
pub fn not_public(url: &str) -> Option<&'static str> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        let Some((inner, _)) = v6.split_once(']') else {
            return Some("an address that cannot be read");
        };
        return match inner.parse::<Ipv6Addr>() {
            Ok(ip) => ipv6_reason(ip),
            Err(_) => Some("an address that cannot be read"),
        };
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return Some("no host");
    }
    // A browser reads a host whose last label is a number as an IPv4 address.
    let last = host.rsplit('.').next().unwrap_or("");
    let numeric = !last.is_empty()
        && (last.bytes().all(|b| b.is_ascii_digit())
            || last
                .strip_prefix("0x")
                .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())));
    if numeric {
        return match strict_ipv4(&host) {
            Some(ip) => ipv4_reason(ip),
            None => Some("a numeric host in a form only some browsers read (an IPv4 address)"),
        };
    }
    if host == "localhost" || !host.contains('.') {
        return Some("a name only the reader's own network knows");
    }
    const LOCAL: &[&str] = &[
        ".localhost",
        ".local",
        ".localdomain",
        ".internal",
        ".lan",
        ".home.arpa",
    ];
    LOCAL
        .iter()
        .any(|suffix| host.ends_with(suffix))
        .then_some("a name only the reader's own network knows")
}

/// Four decimal parts, each 0–255, no leading zeros (which some parsers read as octal).
fn strict_ipv4(host: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = host.split('.').collect();
    let plain = parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        });
    if !plain {
        return None;
    }
    host.parse().ok()
}

fn ipv4_reason(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    let reason = if ip.is_loopback() {
        "a loopback address (the reader's own machine)"
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        "a private network address"
    } else if ip.is_link_local() {
        "a link-local address"
    } else if a == 0 || ip.is_broadcast() || a >= 224 {
        "an address no one serves the public from (multicast, broadcast or reserved)"
    } else if (a, b, c) == (192, 0, 0)
        || (a, b, c) == (192, 0, 2)
        || (a, b, c) == (198, 51, 100)
        || (a, b, c) == (203, 0, 113)
        || (a == 198 && (b == 18 || b == 19))
    {
        "a documentation or test address"
    } else {
        return None;
    };
    Some(reason)
}

fn ipv6_reason(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return ipv4_reason(v4);
    }
    let first = ip.segments()[0];
    let reason = if ip.is_loopback() {
        "a loopback address (the reader's own machine)"
    } else if ip.is_unspecified() {
        "an address no one serves the public from (multicast, broadcast or reserved)"
    } else if first & 0xfe00 == 0xfc00 {
        "a private network address"
    } else if first & 0xffc0 == 0xfe80 {
        "a link-local address"
    } else if first & 0xff00 == 0xff00 {
        "an address no one serves the public from (multicast, broadcast or reserved)"
    } else if first == 0x2001 && ip.segments()[1] == 0x0db8 {
        "a documentation or test address"
    } else {
        return None;
    };
    Some(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_of_the_readers_own_network_are_refused() {
        for url in [
            "http://127.0.0.1/a.jpg",
            "https://127.1.2.3:8443/a.jpg",
            "http://[::1]/a.jpg",
            "http://[::ffff:192.168.0.1]/a.jpg",
            "http://[fe80::1]/a.jpg",
            "http://[fd00::5]/a.jpg",
            "http://10.0.0.8/a.jpg",
            "http://172.16.4.4/a.jpg",
            "http://192.168.1.1/router.png",
            "http://169.254.169.254/latest/meta-data",
            "http://100.64.0.1/x.png",
            "http://0.0.0.0/x.png",
            "http://2130706433/x.png",
            "http://0x7f.1/x.png",
            "http://017700000001/x.png",
            "http://127.000.000.001/x.png",
            "http://localhost/x.png",
            "http://LOCALHOST./x.png",
            "http://printer.local/x.png",
            "http://nas.home.arpa/x.png",
            "http://app.localhost/x.png",
            "http://intranet/x.png",
            "http://user:pw@127.0.0.1/x.png",
            "http://192.0.2.7/x.png",
            "http://[2001:db8::1]/x.png",
        ] {
            assert!(not_public(url).is_some(), "{url}");
        }
    }

    #[test]
    fn the_public_web_and_the_sites_own_files_are_kept() {
        for url in [
            "https://apnews.com/photo.jpg",
            "https://8.8.8.8/x.png",
            "https://[2606:4700::1111]/x.png",
            "https://cdn.example.org:8080/a/b.webp?w=800#x",
            "https://127.example.org/x.png",
            "https://a.b.c.paper.test/x.png",
            "media/3f2a.jpg",
            "/media/x.png",
            "mailto:someone@example.org",
        ] {
            assert_eq!(not_public(url), None, "{url}");
        }
        assert!(
            not_public("http://[::1/x.png").is_some(),
            "an unreadable address is not kept"
        );
    }
}
