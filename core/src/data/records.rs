//! The line format of the site's text files (manifest, tables, body shards):
//! a header line naming the kind of file and its version, then one record
//! per line, fields separated by tabs. A backslash escapes a tab (`\t`), a
//! line break (`\n`, `\r`) or itself (`\\`) inside a field, so every string
//! comes back exactly. The app reads these with a few dozen lines of code
//! instead of a JSON parser, which keeps the wasm small.
//!
//! Each record kind names its fields once, in file order, as a list of
//! `Field`s: writing, reading, the field count and the errors all follow
//! from that list, so adding a field touches one list.

use std::borrow::Cow;

use super::{damaged, DataError};
use crate::model::text::is_valid_id;
use crate::model::{Direction, Timestamp};

/// Appends one record: the fields, escaped and tab-separated, then a line break.
pub fn push_record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        for c in field.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
    }
    out.push('\n');
}

/// One named field of a record of `T`: its name (for errors) and where its
/// text goes in a `T`, as a `Slot` that knows how to read and write it.
pub struct Field<T> {
    pub name: &'static str,
    pub slot: for<'a> fn(&'a mut T) -> Slot<'a>,
}

impl<T> Field<T> {
    pub const fn new(name: &'static str, slot: for<'a> fn(&'a mut T) -> Slot<'a>) -> Field<T> {
        Field { name, slot }
    }
}

// Copy for every `T` (a derive would ask `T: Copy`): the lists can share fields.
impl<T> Clone for Field<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Field<T> {}

/// Where a field's text goes, by what it holds. Reading and writing each
/// kind is written once here, so a record's field list is one line a field.
pub enum Slot<'a> {
    Text(&'a mut String),
    /// A URL-safe article id (checked).
    Id(&'a mut String),
    /// Text, absent when empty.
    Optional(&'a mut Option<String>),
    /// ISO 8601, absent when empty.
    Time(&'a mut Option<Timestamp>),
    U16(&'a mut u16),
    U32(&'a mut u32),
    U64(&'a mut u64),
    Count(&'a mut usize),
    /// Comma-separated numbers.
    Numbers(&'a mut Vec<u16>),
    /// Flags, each a letter present when set.
    Flags([(&'a mut bool, char); 2]),
    /// `ltr`, `rtl`, or empty for none.
    Direction(&'a mut Option<Direction>),
}

impl Slot<'_> {
    #[inline(never)]
    pub fn read(self, text: &str) -> Result<(), &'static str> {
        match self {
            Slot::Text(s) => *s = text.into(),
            Slot::Id(s) => {
                if !is_valid_id(text) {
                    return Err("invalid id");
                }
                *s = text.into();
            }
            Slot::Optional(o) => *o = optional(text),
            Slot::Time(t) => *t = timestamp(text)?,
            Slot::U16(n) => *n = number(text)?,
            Slot::U32(n) => *n = number(text)?,
            Slot::U64(n) => *n = number(text)?,
            Slot::Count(n) => *n = number(text)?,
            Slot::Numbers(v) => {
                *v = text
                    .split(',')
                    .filter(|t| !t.is_empty())
                    .map(number)
                    .collect::<Result<_, _>>()?
            }
            Slot::Flags(flags) => {
                for (flag, letter) in flags {
                    *flag = text.chars().any(|c| c == letter);
                }
            }
            Slot::Direction(d) => {
                *d = match text {
                    "" => None,
                    "ltr" => Some(Direction::Ltr),
                    "rtl" => Some(Direction::Rtl),
                    _ => return Err("not ltr or rtl"),
                }
            }
        }
        Ok(())
    }

    /// Native only: the app never writes, so this stays out of the wasm.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn write(self) -> String {
        match self {
            Slot::Text(s) | Slot::Id(s) => s.clone(),
            Slot::Optional(o) => o.clone().unwrap_or_default(),
            Slot::Time(t) => t.map(|t| t.to_string()).unwrap_or_default(),
            Slot::U16(n) => n.to_string(),
            Slot::U32(n) => n.to_string(),
            Slot::U64(n) => n.to_string(),
            Slot::Count(n) => n.to_string(),
            Slot::Numbers(v) => {
                let numbers: Vec<String> = v.iter().map(u16::to_string).collect();
                numbers.join(",")
            }
            Slot::Flags(flags) => flags
                .into_iter()
                .filter(|(flag, _)| **flag)
                .map(|(_, letter)| letter)
                .collect(),
            Slot::Direction(d) => d.map_or("", |d| d.as_str()).into(),
        }
    }
}

/// Appends a `kind` record holding `value`'s fields (read from a copy: a
/// slot lends its field mutably, and the builder can afford the clone).
#[cfg(not(target_arch = "wasm32"))]
pub fn push_fields<T: Clone>(out: &mut String, kind: &str, value: &T, fields: &[Field<T>]) {
    let mut copy = value.clone();
    let written: Vec<String> = fields.iter().map(|f| (f.slot)(&mut copy).write()).collect();
    let mut all: Vec<&str> = Vec::with_capacity(fields.len() + 1);
    all.push(kind);
    all.extend(written.iter().map(String::as_str));
    push_record(out, &all);
}

/// A field that is absent when empty.
pub fn optional(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

/// A timestamp field: ISO 8601, or empty for none.
pub fn timestamp(field: &str) -> Result<Option<Timestamp>, &'static str> {
    match field {
        "" => Ok(None),
        t => Timestamp::parse(t).map(Some).map_err(|_| "invalid date"),
    }
}

/// A number field.
pub fn number<N: std::str::FromStr>(field: &str) -> Result<N, &'static str> {
    field.parse().map_err(|_| "not a number")
}

/// A field as written: `None` for a bad escape.
fn unescape(field: &str) -> Option<Cow<'_, str>> {
    if !field.contains('\\') {
        return Some(Cow::Borrowed(field));
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(Cow::Owned(out))
}

/// One record of a file being read; errors name the file and line.
#[derive(Debug)]
pub struct Record<'a> {
    file: &'a str,
    line: usize,
    fields: Vec<Cow<'a, str>>,
}

impl<'a> Record<'a> {
    /// The record's kind: its first field.
    pub fn kind(&self) -> &str {
        self.fields.first().map_or("", |f| f)
    }

    pub fn error(&self, what: &str) -> DataError {
        damaged(self.file, format!("line {}: {what}", self.line))
    }

    /// All the fields after the kind.
    pub fn rest(&self) -> &[Cow<'a, str>] {
        self.fields.get(1..).unwrap_or_default()
    }

    /// The fields after the kind, exactly `N` of them.
    pub fn fields<const N: usize>(&self) -> Result<[&str; N], DataError> {
        let rest: Vec<&str> = self.fields.iter().skip(1).map(|f| f.as_ref()).collect();
        let found = rest.len();
        rest.try_into().map_err(|_| {
            let plural = if found == 1 { "" } else { "s" };
            self.error(&format!("{found} field{plural} instead of {N}"))
        })
    }

    pub fn number<T: std::str::FromStr>(&self, field: &str) -> Result<T, DataError> {
        field.parse().map_err(|_| self.error("not a number"))
    }

    /// The fields after the kind read into a `T`, exactly as many as listed.
    pub fn read_into<T: Default>(&self, fields: &[Field<T>]) -> Result<T, DataError> {
        let texts = self.values(fields.len())?;
        let mut value = T::default();
        for (field, text) in fields.iter().zip(texts) {
            (field.slot)(&mut value)
                .read(text)
                .map_err(|why| self.field_error(field.name, why))?;
        }
        Ok(value)
    }

    /// The fields after the kind, exactly `count` of them (apart from
    /// `read_into`, which is generic, so that this is compiled once).
    fn values(&self, count: usize) -> Result<&[Cow<'a, str>], DataError> {
        let found = self.fields.len().saturating_sub(1);
        if found != count {
            let plural = if found == 1 { "" } else { "s" };
            return Err(self.error(&format!("{found} field{plural} instead of {count}")));
        }
        Ok(&self.fields[1..])
    }

    fn field_error(&self, name: &str, why: &str) -> DataError {
        self.error(&format!("{name}: {why}"))
    }
}

/// The records of a file after its header, which must be `kind` and a
/// version no newer than `version` (a newer one is `UnsupportedVersion`).
pub fn read<'a>(
    file: &'a str,
    bytes: &'a [u8],
    kind: &str,
    version: u32,
) -> Result<Vec<Record<'a>>, DataError> {
    let text = std::str::from_utf8(bytes).map_err(|_| damaged(file, "not UTF-8 text"))?;
    let mut lines = text.lines();
    let found = lines
        .next()
        .and_then(|header| header.strip_prefix(kind)?.strip_prefix('\t')?.parse().ok())
        .ok_or_else(|| damaged(file, format!("it does not start with a {kind} header")))?;
    if found > version {
        return Err(DataError::UnsupportedVersion {
            found,
            supported: version,
        });
    }
    let mut records = Vec::new();
    for (n, text) in lines.enumerate() {
        let line = n + 2;
        let fields = text
            .split('\t')
            .map(|f| unescape(f).ok_or_else(|| damaged(file, format!("line {line}: a bad escape"))))
            .collect::<Result<_, _>>()?;
        records.push(Record { file, line, fields });
    }
    Ok(records)
}

/// The header line of a file of this kind.
pub fn header(kind: &str, version: u32) -> String {
    format!("{kind}\t{version}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_comes_back_exactly() {
        let awkward = [
            "plain",
            "",
            "tab\there",
            "two\nlines\r\n",
            "back\\slash \\t not a tab",
            "ünï",
        ];
        let mut text = header("dateline-test", 1);
        push_record(&mut text, &awkward);
        let records = read("f", text.as_bytes(), "dateline-test", 1).unwrap();
        assert_eq!(records.len(), 1);
        let got: Vec<&str> = records[0].fields.iter().map(|f| f.as_ref()).collect();
        assert_eq!(got, awkward);
        assert_eq!(records[0].kind(), "plain");
        assert_eq!(records[0].fields::<5>().unwrap()[2], "two\nlines\r\n");
    }

    #[test]
    fn bad_files_are_refused_with_file_and_line() {
        let wrong_kind = read("data/x.txt", b"dateline-other\t1\n", "dateline-test", 1);
        assert!(wrong_kind.is_err_and(|e| e.to_string().contains("data/x.txt")));
        let json = read("f", b"{\"format\":1}", "dateline-test", 1);
        assert!(json
            .unwrap_err()
            .to_string()
            .contains("does not start with a dateline-test header"));
        let bad_escape = read("f", b"dateline-test\t1\nok\nbad\\x\n", "dateline-test", 1);
        assert!(bad_escape.is_err_and(|e| e.to_string().contains("line 3: a bad escape")));
        let records = read("f", b"dateline-test\t1\na\tb\n", "dateline-test", 1).unwrap();
        assert!(records[0]
            .fields::<2>()
            .is_err_and(|e| e.to_string().contains("line 2: 1 field instead of 2")));
        assert!(records[0].number::<u32>("x1").is_err());
        assert!(read("f", &[0xff, 0xfe], "dateline-test", 1).is_err());
    }

    #[test]
    fn a_newer_version_is_refused() {
        let newer = read("f", b"dateline-test\t3\nanything\n", "dateline-test", 1).unwrap_err();
        assert_eq!(
            newer,
            DataError::UnsupportedVersion {
                found: 3,
                supported: 1
            }
        );
    }
}
