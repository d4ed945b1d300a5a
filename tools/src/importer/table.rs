//! Spreadsheets (CSV) to articles, with the same `--map` as JSON Lines: a
//! header row names the columns, each row becomes a record of them. Quoted
//! fields with delimiters and line breaks, a BOM, `,` `;` or tab between
//! fields; topics split by a chosen separator; a row that cannot be read or
//! cannot be an article is skipped and counted with its line number.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::records::{record_to_article, FieldMap};
use dateline_core::model::Article;

#[derive(Debug, Clone, Copy)]
pub struct CsvFormat {
    pub delimiter: u8,
    /// Between topics in one cell ("Politics|Europe").
    pub topic_separator: char,
}

impl Default for CsvFormat {
    fn default() -> Self {
        CsvFormat {
            delimiter: b',',
            topic_separator: ',',
        }
    }
}

/// `,` `;` `tab` (or a tab character) as a delimiter.
pub fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\t" | "\\t" => Ok(b'\t'),
        other => Err(format!(
            "--delimiter must be ',', ';' or tab, not {other:?}"
        )),
    }
}

/// Rows left out: why → their line numbers.
pub type SkippedRows = BTreeMap<String, Vec<u64>>;

/// The articles of a CSV text, and the rows skipped.
pub fn import_csv(
    text: &str,
    map: &FieldMap,
    format: CsvFormat,
    default_source: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<(Vec<Article>, SkippedRows), String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(format.delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("its header row cannot be read ({e})"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let topic_columns = map.sources("topics");
    for wanted in ["title", "body"].iter().flat_map(|k| map.sources(k)) {
        if !headers.contains(wanted) {
            notes.push(format!(
                "no column named {wanted:?} (the header has: {})",
                headers.join(", ")
            ));
        }
    }
    let mut articles = Vec::new();
    let mut skipped = SkippedRows::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let why = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("{len} fields where the header has {expected_len}")
                    }
                    _ => "a row that cannot be read".to_string(),
                };
                skipped.entry(why).or_default().push(line);
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        let mut record = Map::new();
        for (name, cell) in headers.iter().zip(row.iter()) {
            let value = if topic_columns.contains(name) {
                Value::Array(
                    cell.split(format.topic_separator)
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(|t| Value::String(t.to_string()))
                        .collect(),
                )
            } else {
                Value::String(cell.to_string())
            };
            record.insert(name.clone(), value);
        }
        match record_to_article(&Value::Object(record), map, default_source, notes) {
            Ok(article) => articles.push(article),
            Err(reason) => skipped.entry(reason).or_default().push(line),
        }
    }
    Ok((articles, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> FieldMap {
        FieldMap::parse("title=headline,body=text,published=date,topics=tags").unwrap()
    }

    #[test]
    fn quoted_fields_bom_and_topic_separators() {
        let text = "\u{feff}headline,text,date,tags\n\
            \"Ferry, kept\",\"First line.\n\nSecond, with a comma.\",2026-02-02T20:15,Harbour|City\n\
            Short row only\n\
            ,,2026-01-01,\n";
        let format = CsvFormat {
            topic_separator: '|',
            ..CsvFormat::default()
        };
        let (articles, skipped) = import_csv(text, &map(), format, None, &mut Vec::new()).unwrap();
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert_eq!(a.title, "Ferry, kept");
        assert_eq!(
            a.paragraphs().collect::<Vec<_>>(),
            ["First line.", "Second, with a comma."]
        );
        assert_eq!(a.topics, ["Harbour", "City"]);
        assert_eq!(a.published.unwrap().to_string(), "2026-02-02T20:15");
        let lines: Vec<u64> = skipped.values().flatten().copied().collect();
        // The quoted record spans lines 2–4: the short row is line 5, the empty one 6.
        assert_eq!(lines, [5, 6], "{skipped:?}");
    }

    #[test]
    fn semicolons_and_tabs() {
        for (delimiter, sep) in [(b';', ";"), (b'\t', "\t")] {
            let text = format!("headline{sep}text\nA title{sep}Some body.\n");
            let format = CsvFormat {
                delimiter,
                ..CsvFormat::default()
            };
            let (articles, _) = import_csv(&text, &map(), format, None, &mut Vec::new()).unwrap();
            assert_eq!(articles[0].title, "A title");
        }
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert!(parse_delimiter("|").is_err());
    }
}
