//! Classifies one line of a scraped news page. Each test here is about the
//! shape of a line (a timestamp, a caption with a credit, a wire dateline), not
//! about any one page, so the same rules read any page of that kind.

use dateline_core::model::text::word_count;
use dateline_core::model::time::{month_from_name, month_from_printed_name, Date, Time, Timestamp};

#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    /// Share buttons, menus' utility entries, "Read more: …" teasers, a
    /// picture's file name or credit line: never content.
    Chrome,
    /// "Recommended Articles": the article text is over; what follows is
    /// other stories.
    End,
    Timestamp {
        published: Timestamp,
        updated: Option<Timestamp>,
    },
    /// A photo caption with its credit split out of the closing parentheses.
    Caption {
        caption: &'a str,
        credit: &'a str,
    },
    /// "AP NBA: https://apnews.com/NBA"
    Link {
        text: &'a str,
        href: &'a str,
    },
    /// "Associated Press writers … contributed to this report."
    Credit(&'a str),
    /// "By Jane Doe, Staff Writer": the name(s) after "By".
    Byline(&'a str),
    /// "MEXICO CITY (AP) — Mexico and …": the start of a wire story.
    Dateline {
        place: &'a str,
        source: &'a str,
        rest: &'a str,
    },
    /// A line that is nothing but a date as pages print them ("April 5, 2018
    /// | 6:00 PM", "24 July 2015"): the story's date if it has none yet.
    PrintedDate {
        at: Timestamp,
        line: &'a str,
    },
    /// `"datePublished": "…"`: the page's schema.org metadata printed as
    /// text; dates a story that prints no date of its own.
    MetadataDate(Timestamp),
    /// A line without closing punctuation: a headline, a section label or a subhead.
    Short(&'a str),
    Paragraph(&'a str),
}

/// Phrases a line made only of is page chrome: navigation aids, share
/// buttons, search and sign-up widgets, ad labels, teaser markers. A line
/// that also says anything else ("Facebook shares fell") is not chrome.
const CHROME: &[&str] = &[
    "skip to content",
    "skip to main content",
    "skip navigation",
    "skip to navigation",
    "jump to navigation",
    "jump to content",
    "toggle navigation",
    "open navigation",
    "open menu",
    "close menu",
    "main menu",
    "menu",
    "back to top",
    "feature image",
    "more images",
    "view gallery",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "flipboard",
    "tumblr",
    "email",
    "e-mail",
    "print",
    "share",
    "share this",
    "share this article",
    "tweet",
    "save",
    "copy link",
    "comments",
    "view comments",
    "advertisement",
    "report this ad",
    "sponsored",
    "sponsored content",
    "search",
    "search form",
    "enter search keywords",
    "enter your keywords",
    "show more results",
    "load more",
    "show more",
    "sign in",
    "sign up",
    "log in",
    "log out",
    "login",
    "register",
    "subscribe",
    "subscribe now",
    "newsletter",
    "newsletters",
    "follow us",
    "close",
    "read more",
    "related",
    "related articles",
    "related stories",
    "related content",
    "related coverage",
    "see also",
    "tags",
    "topics",
];

const END_MARKERS: &[&str] = &[
    "recommended articles",
    "recommended for you",
    "most read",
    "most popular",
    "more stories",
    "you may also like",
    "you might also like",
];

/// A line that starts with one of these is a link to another story set
/// into this one ("Read more: Markets fall again").
const TEASER_STARTS: &[&str] = &[
    "read more:",
    "read more -",
    "related:",
    "see also:",
    "also read:",
    "read also:",
    "read next:",
    "more:",
    "watch:",
    "listen:",
];

/// A line that starts with one of these (and is short) credits a picture.
const PICTURE_CREDIT_STARTS: &[&str] = &[
    "photo:",
    "photos:",
    "photograph:",
    "image:",
    "credit:",
    "picture:",
    "foto:",
    "illustration:",
];

const CREDIT_STARTS: &[&str] = &[
    "ap photo",
    "photo",
    "ap",
    "reuters",
    "afp",
    "getty",
    "epa",
    "pool",
    "courtesy",
    "handout",
    "file photo",
];

pub fn classify(line: &str) -> Line<'_> {
    let lower = line.to_lowercase();
    if is_chrome(&lower) {
        return Line::Chrome;
    }
    if END_MARKERS.contains(&lower.trim_end_matches(':')) {
        return Line::End;
    }
    if is_teaser_or_picture_label(&lower) {
        return Line::Chrome;
    }
    if let Some(name) = byline(line) {
        return Line::Byline(name);
    }
    if let Some((published, updated)) = parse_timestamp_line(line) {
        return Line::Timestamp { published, updated };
    }
    if let Some(at) = printed_date(line) {
        return Line::PrintedDate { at, line };
    }
    if let Some(at) = metadata_date(line) {
        return Line::MetadataDate(at);
    }
    // "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST"
    if let Some(at) = lower
        .find(" last modified")
        .or_else(|| lower.find(" updated"))
        .and_then(|i| printed_date(line.get(..i)?))
    {
        return Line::PrintedDate { at, line };
    }
    if let Some((caption, credit)) = split_caption(line) {
        return Line::Caption { caption, credit };
    }
    if let Some((text, href)) = split_link(line) {
        return Line::Link { text, href };
    }
    if is_credit_line(&lower) {
        return Line::Credit(line);
    }
    if let Some((place, source, rest)) = split_dateline(line) {
        return Line::Dateline {
            place,
            source,
            rest,
        };
    }
    // A closing quote ends a sentence when punctuation comes before it
    // ("… he said."”); a headline may end on a quoted phrase without any.
    let unquoted = line.trim_end_matches(['"', '”', '’', '\'', '»', '」', '』']);
    // "23 choses que toutes les filles…": a teaser cut short, not a
    // sentence; nor is "… What’s Underneath N.Y.C.", which ends on initials.
    let closes_sentence = unquoted
        .ends_with(['.', '?', '!', ':', ';', ',', '。', '！', '？', '）'])
        && !ends_with_initials(unquoted);
    // A question or exclamation of a dozen words is as often a headline
    // ("How does the brain turn … into conscious thought?") as a sentence.
    let mut before_last = unquoted.chars();
    let last = before_last.next_back();
    let headline_question = matches!(last, Some('?' | '!' | '？' | '！'))
        && word_count(line) <= 12
        && !before_last
            .as_str()
            .contains(['.', '?', '!', '？', '！', '。']);
    // "首页|新闻|图片|评论|…", "Home | News | Sport | …": a menu on one line.
    let menu = line.matches(['|', '｜']).count() >= 3;
    if menu || ((!closes_sentence || headline_question) && word_count(line) <= 20) {
        Line::Short(line)
    } else {
        Line::Paragraph(line)
    }
}

/// `"datePublished": "2017-11-03 03:01:00.000000",`: a page's schema.org
/// metadata, printed as text where a browser shows a script it cannot run.
fn metadata_date(line: &str) -> Option<Timestamp> {
    let value = line.trim().strip_prefix("\"datePublished\"")?;
    let value = value.trim_start().strip_prefix(':')?.trim();
    let value = value
        .trim_end_matches(',')
        .strip_prefix('"')?
        .strip_suffix('"')?;
    page_time(value)
}

/// A page's date as its metadata gives it, offset kept: ISO 8601 with `T`
/// or a space, fractions of a second, and offsets written `+0100` or
/// `+01:00`; else a date as people print it (`printed_date`: "4 sept. 2025
/// à 10h", which real JSON-LD holds).
pub fn page_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(t) = Timestamp::parse(text) {
        return Some(t);
    }
    // "2025-09-04T10:00:00\u{a0}+0200": a space (often a no-break one)
    // before the offset.
    let spaced: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let joined = match spaced.rsplit_once(' ') {
        Some((head, offset)) if head.contains(':') && offset.starts_with(['+', '-']) => {
            format!("{head}{offset}")
        }
        _ => spaced,
    };
    let text = joined.as_str();
    if let Ok(t) = Timestamp::parse(text) {
        return Some(t);
    }
    // "+0100" → "+01:00". The cut is by bytes, so it goes through `get`:
    // a date that ends in a multi-byte character ("4 sept. 2025 à 10h",
    // a no-break space) is no offset, not a panic.
    let compact_offset = text
        .len()
        .checked_sub(5)
        .and_then(|at| Some((text.get(..at)?, text.get(at..)?)))
        .filter(|(head, tail)| {
            !head.is_empty()
                && tail.starts_with(['+', '-'])
                && tail[1..].bytes().all(|b| b.is_ascii_digit())
        });
    match compact_offset {
        Some((head, tail)) => {
            Timestamp::parse(&format!("{head}{}:{}", &tail[..3], &tail[3..])).ok()
        }
        None => printed_date(text),
    }
}

/// "N.Y.C.", "U.S.": the last word is initials, each a letter and a dot.
fn ends_with_initials(line: &str) -> bool {
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let parts: Vec<&str> = last.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// "Read more: …", "Photo: Jane Doe / Reuters", "WEB18-Facebook-1160x768.jpg".
fn is_teaser_or_picture_label(lower: &str) -> bool {
    let words = lower.split_whitespace().count();
    let short = words <= 16;
    // "Share on Google Plus", "Share via Email".
    let share = words <= 5 && (lower.starts_with("share on ") || lower.starts_with("share via "));
    let file_name = !lower.contains(char::is_whitespace)
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
            .iter()
            .any(|ext| lower.ends_with(ext));
    file_name
        || share
        || (short && TEASER_STARTS.iter().any(|s| lower.starts_with(s)))
        || (short && PICTURE_CREDIT_STARTS.iter().any(|s| lower.starts_with(s)))
}

/// The names in a byline line ("By Jane Doe, Staff Writer" → "Jane Doe";
/// "By Ann Lee and Bo Kim | Reuters" → "Ann Lee and Bo Kim").
fn byline(line: &str) -> Option<&str> {
    // English, French, German, Spanish and Portuguese, Dutch.
    let rest = [
        "By ", "by ", "BY ", "Par ", "par ", "Von ", "von ", "Por ", "por ", "Door ",
    ]
    .iter()
    .find_map(|p| line.strip_prefix(p))?;
    let name = rest
        .split([',', '|', '—', '–', '·', '\t'])
        .next()?
        .split(" - ")
        .next()?
        .trim();
    // Every word a name's: "By Monday, prices fell" is a sentence.
    let names = name.split_whitespace().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || [
                "and", "&", "de", "da", "van", "von", "der", "del", "la", "le", "y",
            ]
            .contains(&w)
    });
    let words = name.split_whitespace().count();
    let sentence = line.ends_with(['.', '!', '?']) && !line.ends_with(" Jr.");
    (names && (1..=8).contains(&words) && word_count(line) <= 24 && !sentence).then_some(name)
}

/// True when the line is made only of chrome phrases ("Skip to Content Facebook Feature Image").
fn is_chrome(lower: &str) -> bool {
    let mut rest = lower.trim();
    while !rest.is_empty() {
        // The longest phrase that fits: "related articles", not "related".
        let fits = |p: &&&str| {
            rest.starts_with(**p)
                && rest[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        };
        match CHROME.iter().filter(fits).max_by_key(|p| p.len()) {
            Some(p) => {
                rest = rest[p.len()..]
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '|' || c == '·')
            }
            None => return false,
        }
    }
    true
}

/// "2025-09-04 03:38 Last Updated At:03:40", "2025-09-04 03:38", "Published 2025-09-04 03:38 Updated 2025-09-05 10:00".
fn parse_timestamp_line(line: &str) -> Option<(Timestamp, Option<Timestamp>)> {
    let mut s = line.trim();
    for prefix in ["Published:", "Published", "Posted:", "Posted"] {
        s = s.strip_prefix(prefix).unwrap_or(s).trim_start();
    }
    let stamp = s.get(..16)?;
    let published = Timestamp::parse(stamp).ok().filter(|t| t.time.is_some())?;
    let rest = s[16..].trim();
    if rest.is_empty() {
        return Some((published, None));
    }
    let lower = rest.to_ascii_lowercase();
    if !lower.contains("updated") {
        return None;
    }
    let after = rest[lower.rfind("updated")? + "updated".len()..]
        .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == ':' || c.is_whitespace());
    let updated = if let Some(full) = after.get(..16).and_then(|s| Timestamp::parse(s).ok()) {
        full
    } else {
        let (h, m) = after.get(..5)?.split_once(':')?;
        let time = Time::new(h.parse().ok()?, m.parse().ok()?, None)?;
        // An update printed as a bare time earlier than the publication is the next day.
        let date = if published.time.is_some_and(|p| time < p) {
            // No day after 9999-12-31: the update time alone says nothing.
            let Some(next) = published.date.next_day() else {
                return Some((published, None));
            };
            next
        } else {
            published.date
        };
        Timestamp::local(date, time)
    };
    Some((published, Some(updated)))
}

/// A line that is only a date (and maybe a time and zone) in one of the
/// ways pages print them: "April 5, 2018 | 6:00 PM", "24 July 2015",
/// "Thu 3 Jan 2019 02.00 EST", "Jun 7, 2023, 8:54 PM UTC",
/// "2019-11-18T10:00:00Z", "21.dez.2018 às 12h55", "30 avril 2015 à 07:19",
/// after an optional "Published"/"Updated" or a wire agency's name, and
/// before an optional "(Updated …)". Every word must be part of the date, so
/// a sentence that mentions one is not it; nothing is relative to today.
pub fn printed_date(line: &str) -> Option<Timestamp> {
    let line = line.trim();
    // "Published Thursday 27 July 2017 Published Thu 27 Jul 2017": the
    // same date printed twice, long and short.
    if let Some(first) = line.split_whitespace().next().filter(|w| w.len() > 3) {
        if let Some(again) = line[first.len()..].find(&format!(" {first} ")) {
            if let Some(at) = printed_date(&line[..first.len() + again]) {
                return Some(at);
            }
        }
    }
    let mut s = line.trim_end_matches(['|', '·', ',']).trim_end();
    for prefix in [
        "published on",
        "published:",
        "published",
        "posted on",
        "posted:",
        "posted",
        "updated on",
        "updated:",
        "updated",
        "publié le",
        "publicado em",
        "publicado el",
        "veröffentlicht am",
    ] {
        let starts = s
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix) || head.to_lowercase() == prefix);
        if starts {
            s = s[prefix.len()..].trim_start();
        }
    }
    // "(Mis à jour : 30 avril 2015 à 07:38)": the publication comes first.
    if let Some(open) = s.find(" (").filter(|_| s.ends_with(')')) {
        s = s[..open].trim_end();
    }
    if s.len() > 60 || s.is_empty() {
        return None;
    }
    if let Ok(t) = Timestamp::parse(s) {
        return Some(t);
    }
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·'))
        .filter(|t| !t.is_empty())
        .flat_map(split_dotted_date)
        .collect();
    // "22 Dec, 2016 22 Dec, 2016": the same date printed twice.
    let half = tokens.len() / 2;
    let tokens = if tokens.len() % 2 == 0 && half > 0 && tokens[..half] == tokens[half..] {
        &tokens[..half]
    } else {
        &tokens[..]
    };
    // "AFP 30 avril 2015": an agency's name before the date.
    let tokens = match tokens {
        [first, rest @ ..]
            if (2..=6).contains(&first.len()) && first.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => tokens,
    };
    date_from_tokens(tokens)
}

/// "21.dez.2018" → "21", "dez", "2018"; "30.04.2015" → "30", "04", "2015"
/// (day first, as pages that print dots do); other tokens unchanged.
fn split_dotted_date(token: &str) -> Vec<&str> {
    let parts: Vec<&str> = token.split('.').filter(|p| !p.is_empty()).collect();
    let year_last = parts
        .last()
        .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    if parts.len() == 3 && year_last && parts[0].bytes().all(|b| b.is_ascii_digit()) {
        parts
    } else {
        vec![token]
    }
}

/// Words that join a date to its time: "à", "às", "at", "um", "de".
const DATE_JOINERS: &[&str] = &[
    "at", "à", "às", "a", "um", "om", "alle", "de", "del", "le", "el", "am", "uhr", "h", "-", "—",
];

fn date_from_tokens(tokens: &[&str]) -> Option<Timestamp> {
    let (mut year, mut month, mut day, mut time) = (None, None, None, None::<(u8, u8)>);
    let mut offset: Option<i16> = None;
    let mut pm: Option<bool> = None;
    for (i, token) in tokens.iter().enumerate() {
        let lower = token.to_lowercase();
        let lower = lower.trim_end_matches('.');
        if WEEKDAYS
            .iter()
            .any(|w| lower == *w || (lower.len() >= 3 && w.starts_with(lower)))
            && day.is_none()
            && month.is_none()
        {
            continue;
        }
        let digits = !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_digit());
        if let Some(m) = month_from_printed_name(lower).filter(|_| month.is_none() && !digits) {
            month = Some(m);
        } else if digits && lower.len() == 4 && year.is_none() {
            year = lower.parse::<u16>().ok();
        } else if digits && (1..=2).contains(&lower.len()) && day.is_none() {
            day = lower.parse::<u8>().ok();
        } else if digits && (1..=2).contains(&lower.len()) && month.is_none() && day.is_some() {
            // "30.04.2015": the second number is the month.
            month = lower.parse::<u8>().ok();
        } else if let Some((h, m, rest)) = clock(lower).filter(|_| time.is_none()) {
            time = Some((h, m));
            match rest {
                "" => {}
                "am" | "a.m" => pm = Some(false),
                "pm" | "p.m" => pm = Some(true),
                _ => return None,
            }
        } else if matches!(lower, "am" | "a.m" | "pm" | "p.m") && time.is_some() {
            pm = Some(lower.starts_with('p'));
        } else if let Some(minutes) = zone_offset(lower).filter(|_| offset.is_none()) {
            offset = Some(minutes);
        } else if DATE_JOINERS.contains(&lower) && i > 0 {
            continue;
        } else {
            return None;
        }
    }
    let date = Date::new(year?, month?, day?)?;
    let Some((mut hour, minute)) = time else {
        return Some(Timestamp::date_only(date));
    };
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    Some(Timestamp {
        date,
        time: Some(Time::new(hour, minute, None)?),
        offset_minutes: offset,
    })
}

/// "6:00", "02.00", "12h55", "07:19:58", "8:54pm" → hour, minute and what
/// follows the minutes ("pm").
fn clock(token: &str) -> Option<(u8, u8, &str)> {
    let split = token.find([':', '.', 'h'])?;
    let hour = token[..split].parse::<u8>().ok()?;
    let rest = &token[split + 1..];
    // "10h": the hour alone, as French and Portuguese pages print it.
    if rest.is_empty() && token[split..].starts_with('h') {
        return (hour < 24).then_some((hour, 0, rest));
    }
    let minute = rest.get(..2)?.parse::<u8>().ok()?;
    let mut rest = &rest[2..];
    if let Some(seconds) = rest.strip_prefix(':') {
        rest = seconds.get(2..)?;
    }
    (hour < 24 && minute < 60).then_some((hour, minute, rest))
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Minutes east of UTC for the zone names pages print most.
fn zone_offset(zone: &str) -> Option<i16> {
    Some(match zone {
        "utc" | "gmt" | "z" => 0,
        "est" => -5 * 60,
        "edt" => -4 * 60,
        "cst" => -6 * 60,
        "cdt" => -5 * 60,
        "pst" => -8 * 60,
        "pdt" => -7 * 60,
        "bst" => 60,
        "cet" => 60,
        "cest" => 2 * 60,
        _ => return None,
    })
}

fn split_caption(line: &str) -> Option<(&str, &str)> {
    let inner_end = line.strip_suffix(')')?.len();
    let open = line[..inner_end].rfind('(')?;
    let credit = line[open + 1..inner_end].trim();
    let caption = line[..open].trim();
    let lower = credit.to_lowercase();
    let looks_like_credit = CREDIT_STARTS.iter().any(|s| {
        lower.starts_with(s)
            && lower[s.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    }) || lower.contains("photo/")
        || lower.contains("photo by");
    (looks_like_credit && caption.split_whitespace().count() >= 3 && credit.len() <= 120)
        .then_some((caption, credit))
}

fn split_link(line: &str) -> Option<(&str, &str)> {
    let (text, href) = line
        .split_once(": ")
        .or_else(|| line.split_once(':').filter(|(_, h)| h.starts_with("http")))?;
    let href = href.trim();
    let is_url = (href.starts_with("https://") || href.starts_with("http://"))
        && !href.contains(char::is_whitespace);
    let text = text.trim();
    (is_url && !text.is_empty() && text.chars().count() <= 60).then_some((text, href))
}

fn is_credit_line(lower: &str) -> bool {
    lower.len() < 500
        && [
            "contributed to this report",
            "contributed reporting",
            "contributed to this story",
        ]
        .iter()
        .any(|p| lower.trim_end_matches(['.', ' ']).ends_with(p))
}

/// "MEXICO CITY (AP) — rest", "HOMESTEAD, Fla. (AP) — rest".
fn split_dateline(line: &str) -> Option<(&str, &str, &str)> {
    let open = line.find(" (")?;
    let close = open + line[open..].find(')')?;
    let place = line[..open].trim();
    let source = line[open + 2..close].trim();
    let after = line[close + 1..].trim_start();
    let rest = after.trim_start_matches(['—', '–', '-']);
    if rest.len() == after.len() || source.is_empty() || source.len() > 24 {
        return None;
    }
    let city = place.split(',').next()?;
    let upper = city.chars().filter(|c| c.is_uppercase()).count();
    let city_ok = upper >= 2 && city.chars().all(|c| !c.is_lowercase()) && city.len() <= 40;
    let source_ok = source.chars().next()?.is_uppercase();
    (city_ok && source_ok && place.len() <= 60).then_some((place, source, rest.trim_start()))
}

/// Every "Month day, year" date in a text, e.g. "Thursday, Jan. 15, 2026" or "September 3, 2025".
pub fn dates_in(text: &str) -> Vec<Date> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(3)
        .filter_map(|w| {
            let month = month_from_name(w[0].trim_start_matches(['(', ',']))?;
            let day: u8 = w[1].strip_suffix(',')?.parse().ok()?;
            let year = w[2].trim_end_matches(|c: char| !c.is_ascii_digit());
            let year: u16 = (year.len() == 4).then(|| year.parse().ok())??;
            Date::new(year, month, day)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_times_keep_their_offset() {
        for (text, iso) in [
            ("2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"),
            ("2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"),
            ("2019-01-03T07:00:02.000Z", "2019-01-03T07:00:02Z"),
            ("2016-12-22T10:43:37-08:00", "2016-12-22T10:43:37-08:00"),
        ] {
            assert_eq!(page_time(text).unwrap().to_string(), iso);
        }
        assert_eq!(page_time("last Tuesday"), None);
        // Real JSON-LD: a French date, and a no-break space before the offset.
        assert_eq!(
            page_time("4 sept. 2025 à 10h").unwrap().to_string(),
            "2025-09-04T10:00"
        );
        assert_eq!(
            page_time("2025-09-04T10:00:00\u{a0}+0200")
                .unwrap()
                .to_string(),
            "2025-09-04T10:00:00+02:00"
        );
        for tail in ["à", "é", "\u{a0}", "日本", "🗞", "e\u{301}", "\u{200f}"] {
            for head in ["", "x", "2025-09-04", "2025-09-04T10:00:00+02"] {
                let _ = page_time(&format!("{head}{tail}"));
                let _ = page_time(&format!("{tail}{head}"));
            }
        }
    }

    #[test]
    fn chrome_lines_are_recognised_whole() {
        assert_eq!(
            classify("Skip to Content Facebook Feature Image"),
            Line::Chrome
        );
        assert_eq!(classify("More Images"), Line::Chrome);
        assert_eq!(classify("Share | Email | Print"), Line::Chrome);
        assert!(matches!(classify("Facebook shares fell"), Line::Short(_)));
        assert_eq!(classify("Recommended Articles"), Line::End);
    }

    #[test]
    fn timestamps_with_and_without_updates() {
        let Line::Timestamp { published, updated } =
            classify("2025-09-04 03:38 Last Updated At:03:40")
        else {
            panic!()
        };
        assert_eq!(published.to_string(), "2025-09-04T03:38");
        assert_eq!(updated.unwrap().to_string(), "2025-09-04T03:40");
        let Line::Timestamp { updated, .. } = classify("2025-09-04 23:50 Last Updated At: 00:10")
        else {
            panic!()
        };
        assert_eq!(updated.unwrap().to_string(), "2025-09-05T00:10");
        let Line::Timestamp { updated, .. } =
            classify("Published 2025-09-04 10:00 Updated 2025-09-06 08:15")
        else {
            panic!()
        };
        assert_eq!(updated.unwrap().to_string(), "2025-09-06T08:15");
        assert!(matches!(
            classify("2025-09-04 03:38"),
            Line::Timestamp { updated: None, .. }
        ));
        assert!(matches!(
            classify("2025-09-04 was a busy day for markets."),
            Line::Paragraph(_)
        ));
    }

    #[test]
    fn dates_printed_the_common_ways() {
        for (line, iso) in [
            ("April 5, 2018 | 6:00 PM", "2018-04-05T18:00"),
            ("24 July 2015", "2015-07-24"),
            ("Thu 3 Jan 2019 02.00 EST", "2019-01-03T02:00-05:00"),
            ("Jun 7, 2023, 8:54 PM UTC", "2023-06-07T20:54Z"),
            ("2019-11-18T10:00:00Z", "2019-11-18T10:00:00Z"),
            ("Published: March 3, 2021", "2021-03-03"),
            ("Sept. 12, 2019 12:30 a.m.", "2019-09-12T00:30"),
            (
                "AFP 30 avril 2015 à 07:19 (Mis à jour : 30 avril 2015 à 07:38)",
                "2015-04-30T07:19",
            ),
            ("21.dez.2018 às 12h55", "2018-12-21T12:55"),
            ("22 Dec, 2016 22 Dec, 2016", "2016-12-22"),
            (
                "Published Thursday 27 July 2017 Published Thu 27 Jul 2017",
                "2017-07-27",
            ),
            ("Sunday, Feb 1, 2015 11:57 AM UTC", "2015-02-01T11:57Z"),
            ("5 de abril de 2018", "2018-04-05"),
            ("30.04.2015 07:19", "2015-04-30T07:19"),
        ] {
            assert_eq!(
                printed_date(line).map(|t| t.to_string()),
                Some(iso.to_string()),
                "{line}"
            );
        }
        for line in [
            "The vote on 24 July 2015 was close",
            "April 2018",
            "5 things to know",
            "Today",
        ] {
            assert_eq!(printed_date(line), None, "{line}");
        }
        assert!(matches!(classify("24 July 2015"), Line::PrintedDate { .. }));
        assert_eq!(
            metadata_date(r#"  "datePublished": "2017-11-03 03:01:00.000000","#)
                .map(|t| t.date.iso()),
            Some("2017-11-03".to_string())
        );
        assert_eq!(metadata_date(r#""dateModified": "2017-11-03""#), None);
    }

    #[test]
    fn captions_split_their_credit() {
        assert_eq!(
            classify("Rubio speaks in Mexico City, Tuesday, Sept. 2, 2025. (AP Photo/Jacquelyn Martin, Pool)"),
            Line::Caption {
                caption: "Rubio speaks in Mexico City, Tuesday, Sept. 2, 2025.",
                credit: "AP Photo/Jacquelyn Martin, Pool"
            }
        );
        assert!(matches!(
            classify("A flooded street in Lagos. (Reuters/Jane Doe)"),
            Line::Caption { .. }
        ));
        assert!(matches!(
            classify("Sales rose 4% (excluding fuel)."),
            Line::Paragraph(_)
        ));
        assert!(matches!(
            classify("The group (which formed in 2020) met on Monday (local time)"),
            Line::Short(_)
        ));
    }

    #[test]
    fn datelines_start_stories() {
        assert_eq!(
            classify("SAN FRANCISCO (AP) — Coach Steve Kerr spoke."),
            Line::Dateline {
                place: "SAN FRANCISCO",
                source: "AP",
                rest: "Coach Steve Kerr spoke."
            }
        );
        assert_eq!(
            classify("HOMESTEAD, Fla. (Reuters) - Storms hit."),
            Line::Dateline {
                place: "HOMESTEAD, Fla.",
                source: "Reuters",
                rest: "Storms hit."
            }
        );
        assert!(matches!(
            classify("Officials (AP) — said nothing."),
            Line::Paragraph(_)
        ));
        assert!(matches!(
            classify("NEW YORK (AP) said nothing."),
            Line::Paragraph(_)
        ));
    }

    #[test]
    fn links_credits_and_plain_lines() {
        assert_eq!(
            classify("AP NBA: https://apnews.com/NBA"),
            Line::Link {
                text: "AP NBA",
                href: "https://apnews.com/NBA"
            }
        );
        assert!(matches!(
            classify("Note: https is secure, he said."),
            Line::Paragraph(_)
        ));
        assert!(matches!(
            classify("Associated Press writers María Verza and Farnoush Amiri contributed to this report."),
            Line::Credit(_)
        ));
        assert!(matches!(classify("News"), Line::Short("News")));
    }

    #[test]
    fn finds_dates_as_captions_print_them() {
        let dates = dates_in("game in San Francisco, Thursday, Jan. 15, 2026. Earlier, Saturday, Jan. 3, 2026, in Utah");
        assert_eq!(
            dates.iter().map(|d| d.iso()).collect::<Vec<_>>(),
            ["2026-01-15", "2026-01-03"]
        );
        assert_eq!(
            dates_in("Wednesday, September 3, 2025.")[0].iso(),
            "2025-09-03"
        );
        assert!(dates_in("May 45, 2020 and June 2020").is_empty());
    }
}
