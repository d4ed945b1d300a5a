//! Classifies one line of a scraped news page. Each test here is about the
//! shape of a line (a timestamp, a caption with a credit, a wire dateline), not
//! about any one page, so the same rules read any page of that kind.

use dateline_core::model::time::{month_from_name, Date, Time, Timestamp};

#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    /// Share buttons, "More Images" and the like: never content.
    Chrome,
    /// "Recommended Articles": the article text is over.
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
    /// A line without closing punctuation: a headline, a section label or a subhead.
    Short(&'a str),
    Paragraph(&'a str),
}

const CHROME: &[&str] = &[
    "skip to content",
    "skip to main content",
    "feature image",
    "more images",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "email",
    "print",
    "share",
    "copy link",
    "advertisement",
];

const END_MARKERS: &[&str] = &[
    "recommended articles",
    "related articles",
    "most read",
    "more stories",
    "read more",
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
    if let Some((published, updated)) = parse_timestamp_line(line) {
        return Line::Timestamp { published, updated };
    }
    if let Some(at) = printed_date(line) {
        return Line::PrintedDate { at, line };
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
    let closes_sentence = line.ends_with(['.', '?', '!', '"', '”', '’', '\'', '…', ':', ';', ',']);
    if !closes_sentence && line.split_whitespace().count() <= 20 {
        Line::Short(line)
    } else {
        Line::Paragraph(line)
    }
}

/// True when the line is made only of chrome phrases ("Skip to Content Facebook Feature Image").
fn is_chrome(lower: &str) -> bool {
    let mut rest = lower.trim();
    while !rest.is_empty() {
        match CHROME.iter().find(|p| {
            rest.starts_with(**p)
                && rest[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }) {
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
/// "2019-11-18T10:00:00Z", after an optional "Published"/"Updated". Every
/// word must be part of the date, so a sentence that mentions one is not it.
pub fn printed_date(line: &str) -> Option<Timestamp> {
    let mut s = line.trim();
    for prefix in [
        "Published on",
        "Published:",
        "Published",
        "Posted on",
        "Posted:",
        "Posted",
        "Updated:",
        "Updated",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
        }
    }
    if s.len() > 60 || s.is_empty() {
        return None;
    }
    if let Ok(t) = Timestamp::parse(s) {
        return Some(t);
    }
    let (mut year, mut month, mut day, mut time) = (None, None, None, None::<(u8, u8)>);
    let mut offset: Option<i16> = None;
    let mut pm: Option<bool> = None;
    for token in s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·'))
        .filter(|t| !t.is_empty())
    {
        let lower = token.to_ascii_lowercase();
        let lower = lower.trim_end_matches('.');
        if WEEKDAYS
            .iter()
            .any(|w| lower == *w || (lower.len() >= 3 && w.starts_with(lower)))
            && day.is_none()
            && month.is_none()
        {
            continue;
        }
        if let Some(m) = month_from_name(lower).filter(|_| month.is_none()) {
            month = Some(m);
        } else if lower.len() == 4 && lower.bytes().all(|b| b.is_ascii_digit()) && year.is_none() {
            year = lower.parse::<u16>().ok();
        } else if (1..=2).contains(&lower.len())
            && lower.bytes().all(|b| b.is_ascii_digit())
            && day.is_none()
        {
            day = lower.parse::<u8>().ok();
        } else if let Some((h, m)) = lower.split_once([':', '.']).filter(|_| time.is_none()) {
            let (h, m) = (h.parse::<u8>().ok()?, m.get(..2)?.parse::<u8>().ok()?);
            time = Some((h, m));
            match &lower[lower.find([':', '.'])? + 3..] {
                "" => {}
                "am" => pm = Some(false),
                "pm" => pm = Some(true),
                _ => return None,
            }
        } else if matches!(lower, "am" | "a.m" | "pm" | "p.m") && time.is_some() {
            pm = Some(lower.starts_with('p'));
        } else if let Some(minutes) = zone_offset(lower).filter(|_| offset.is_none()) {
            offset = Some(minutes);
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
