//! Timestamps as printed at the source: a calendar date, an optional wall-clock
//! time and an offset only when the source states one. Nothing here shifts a
//! time into another zone, so "03:38" stays "03:38".

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    /// Kept only when the source printed seconds.
    pub second: Option<u8>,
}

/// An ISO 8601 date or date-time: `2026-01-15`, `2025-09-04T03:38`,
/// `1987-02-26T15:01:01`, `2025-09-04T03:38:00+02:00`, `…Z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    pub date: Date,
    pub time: Option<Time>,
    /// Minutes east of UTC, only when the source states it.
    pub offset_minutes: Option<i16>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 8601 date or date-time: {0:?}")]
pub struct TimestampError(pub String);

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date of years 1 to 9999 (the four digits ISO 8601 writes), or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn month_name(self) -> &'static str {
        MONTHS[usize::from(self.month - 1)]
    }

    /// "4 September 2025"
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }

    /// "4 Sep 2025"
    pub fn short(self) -> String {
        format!("{} {} {}", self.day, &self.month_name()[..3], self.year)
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The day after, or `None` after 9999-12-31 (the importer once wrote
    /// `10000-01-01`, which its own loader then rejected).
    pub fn next_day(self) -> Option<Date> {
        if self.day < days_in_month(self.year, self.month) {
            Date::new(self.year, self.month, self.day + 1)
        } else if self.month < 12 {
            Date::new(self.year, self.month + 1, 1)
        } else {
            Date::new(self.year.checked_add(1)?, 1, 1)
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian): for ordering across
    /// offsets, date ranges and the histogram.
    pub fn day_number(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `day_number` days after 1970-01-01, the inverse of
    /// `day_number` (civil-from-days, after Howard Hinnant).
    pub fn from_day_number(day: i64) -> Date {
        let z = day + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as u16;
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    /// The same day `years` later; a 29 February that the later year does
    /// not have becomes the 28th.
    pub fn plus_years(self, years: u16) -> Date {
        let year = self.year.saturating_add(years).min(9999);
        Date {
            year,
            day: self.day.min(days_in_month(year, self.month)),
            ..self
        }
    }

    /// Months since year 0 (January 0 is 0): consecutive months are
    /// consecutive numbers, for the histogram.
    pub fn month_number(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The last day of this date's month.
    pub fn month_end(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Month number from an English name or abbreviation: "Jan", "Jan.", "Sept.", "September".
pub fn month_from_name(name: &str) -> Option<u8> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    if name == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == name || (name.len() == 3 && m.starts_with(&name))
        })
        .map(|i| i as u8 + 1)
}

/// Month number from a month name as pages print it, in English (see
/// [`month_from_name`]) or French, German, Spanish, Portuguese, Italian or
/// Dutch, whole or abbreviated as those languages do ("févr.", "dez", "März").
pub fn month_from_printed_name(name: &str) -> Option<u8> {
    const OTHER: [&[&str]; 12] = [
        &[
            "janvier", "janv", "januar", "jän", "enero", "ene", "janeiro", "gennaio", "gen",
            "januari",
        ],
        &[
            "février",
            "fevrier",
            "févr",
            "fevr",
            "februar",
            "febrero",
            "fevereiro",
            "fev",
            "febbraio",
            "februari",
        ],
        &[
            "mars", "märz", "marz", "marzo", "março", "marco", "maart", "mrt",
        ],
        &["avril", "avr", "abril", "abr", "aprile"],
        &["mai", "mayo", "maio", "maggio", "mei", "mag"],
        &["juin", "juni", "junio", "junho", "giugno", "jun"],
        &["juillet", "juil", "juli", "julio", "julho", "luglio", "lug"],
        &["août", "aout", "agosto", "ago", "augustus"],
        &["septembre", "septiembre", "setembro", "set", "settembre"],
        &[
            "octobre", "oktober", "okt", "octubre", "outubro", "out", "ottobre", "ott",
        ],
        &["novembre", "noviembre", "novembro"],
        &[
            "décembre",
            "decembre",
            "déc",
            "dezember",
            "dez",
            "diciembre",
            "dic",
            "dezembro",
            "dicembre",
        ],
    ];
    month_from_name(name).or_else(|| {
        let name = name.trim_end_matches('.').to_lowercase();
        OTHER
            .iter()
            .position(|names| names.contains(&name.as_str()))
            .map(|i| i as u8 + 1)
    })
}

impl Time {
    pub fn new(hour: u8, minute: u8, second: Option<u8>) -> Option<Time> {
        (hour < 24 && minute < 60 && second.is_none_or(|s| s < 60)).then_some(Time {
            hour,
            minute,
            second,
        })
    }

    /// "03:38", as a 24-hour clock.
    pub fn hm(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    fn minutes(self) -> i64 {
        i64::from(self.hour) * 60 + i64::from(self.minute)
    }
}

impl Timestamp {
    pub fn date_only(date: Date) -> Timestamp {
        Timestamp {
            date,
            time: None,
            offset_minutes: None,
        }
    }

    pub fn local(date: Date, time: Time) -> Timestamp {
        Timestamp {
            date,
            time: Some(time),
            offset_minutes: None,
        }
    }

    pub fn parse(s: &str) -> Result<Timestamp, TimestampError> {
        parse_iso(s.trim()).ok_or_else(|| TimestampError(s.to_string()))
    }

    /// A sort key in minutes. Wall-clock times without an offset are taken as
    /// they are; times with one are moved to UTC so they order correctly.
    pub fn sort_key(&self) -> i64 {
        let minutes = self.date.day_number() * 1440 + self.time.map_or(0, Time::minutes);
        minutes - i64::from(self.offset_minutes.unwrap_or(0))
    }

    /// "4 September 2025, 03:38" or "15 January 2026".
    pub fn long(&self) -> String {
        match self.time {
            Some(t) => format!("{}, {}", self.date.long(), t.hm()),
            None => self.date.long(),
        }
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.date.iso())?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}", t.hour, t.minute)?;
            if let Some(s) = t.second {
                write!(f, ":{s:02}")?;
            }
            match self.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(off) => {
                    let sign = if off < 0 { '-' } else { '+' };
                    let off = off.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", off / 60, off % 60)?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

fn digits<const N: usize>(s: &str) -> Option<u32> {
    (s.len() == N && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn parse_iso(s: &str) -> Option<Timestamp> {
    let (date_part, rest) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = date_part.split('-');
    let year = digits::<4>(parts.next()?)?;
    let month = digits::<2>(parts.next()?)?;
    let day = digits::<2>(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    let date = Date::new(year as u16, month as u8, day as u8)?;
    let Some(rest) = rest else {
        return Some(Timestamp::date_only(date));
    };
    let (clock, offset_minutes) = split_offset(rest)?;
    let mut fields = clock.split(':');
    let hour = digits::<2>(fields.next()?)?;
    let minute = digits::<2>(fields.next()?)?;
    let second = match fields.next() {
        // Fractions of a second are accepted and dropped.
        Some(sec) => Some(digits::<2>(sec.split('.').next()?)? as u8),
        None => None,
    };
    if fields.next().is_some() {
        return None;
    }
    let time = Time::new(hour as u8, minute as u8, second)?;
    Some(Timestamp {
        date,
        time: Some(time),
        offset_minutes,
    })
}

fn split_offset(rest: &str) -> Option<(&str, Option<i16>)> {
    if let Some(clock) = rest.strip_suffix('Z') {
        return Some((clock, Some(0)));
    }
    match rest.rfind(['+', '-']) {
        Some(i) => {
            let (clock, off) = rest.split_at(i);
            let sign: i16 = if off.starts_with('-') { -1 } else { 1 };
            let (h, m) = off[1..].split_once(':')?;
            let minutes = digits::<2>(h)? * 60 + digits::<2>(m)?;
            (minutes <= 18 * 60).then_some((clock, Some(sign * minutes as i16)))
        }
        None => Some((rest, None)),
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Timestamp::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_forms_it_accepts() {
        for s in [
            "2026-01-15",
            "2025-09-04T03:38",
            "1987-02-26T15:01:01",
            "2025-09-04T03:38:00+02:00",
            "2025-09-04T03:38:00-05:30",
            "2025-09-04T03:38Z",
        ] {
            assert_eq!(Timestamp::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(
            Timestamp::parse("2025-09-04 03:38").unwrap().to_string(),
            "2025-09-04T03:38"
        );
    }

    #[test]
    fn rejects_impossible_dates_and_junk() {
        for s in [
            "",
            "2025-02-29",
            "2024-13-01",
            "2025-09-04T24:00",
            "yesterday",
            "2025-9-4",
            "2025-09-04T03:38+99:00",
        ] {
            assert!(Timestamp::parse(s).is_err(), "{s}");
        }
        assert!(Timestamp::parse("2024-02-29").is_ok());
    }

    #[test]
    fn orders_by_instant_when_offsets_are_given() {
        let a = Timestamp::parse("2025-09-04T03:38").unwrap();
        let b = Timestamp::parse("2025-09-04T03:40").unwrap();
        let c = Timestamp::parse("2025-09-04T05:00+02:00").unwrap();
        assert!(a < b);
        assert!(c < a, "05:00+02:00 is 03:00 UTC");
        assert!(Timestamp::parse("2025-09-04").unwrap() < a);
    }

    #[test]
    fn formats_for_readers() {
        let t = Timestamp::parse("2025-09-04T03:38").unwrap();
        assert_eq!(t.long(), "4 September 2025, 03:38");
        assert_eq!(t.date.short(), "4 Sep 2025");
        assert_eq!(
            Date::new(2025, 12, 31).unwrap().next_day().unwrap().iso(),
            "2026-01-01"
        );
        assert_eq!(
            Date::new(2024, 2, 28).unwrap().next_day().unwrap().iso(),
            "2024-02-29"
        );
    }

    #[test]
    fn reads_month_names_as_printed() {
        assert_eq!(month_from_name("Jan."), Some(1));
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("September"), Some(9));
        assert_eq!(month_from_name("May"), Some(5));
        assert_eq!(month_from_name("Ju"), None);
        assert_eq!(month_from_name("Thursday"), None);
        for (name, month) in [
            ("avril", 4),
            ("dez", 12),
            ("März", 3),
            ("févr.", 2),
            ("Dec", 12),
        ] {
            assert_eq!(month_from_printed_name(name), Some(month), "{name}");
        }
        assert_eq!(month_from_printed_name("Montag"), None);
    }
}
