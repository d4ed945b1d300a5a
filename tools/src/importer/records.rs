//! Structured exports (JSON Lines) with a field mapping: which field holds the
//! title, the date, the topics, the body… Nothing here knows any one corpus.

use std::collections::BTreeMap;

use serde_json::Value;

use dateline_core::model::facets::{is_facet_name, RESERVED};
use dateline_core::model::text::{collapse_whitespace, derive_title, slugify, summarize};
use dateline_core::model::{Article, Block, Timestamp};

/// For each article field, the source fields to try in order (`body=body|unproc_text`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldMap {
    fields: BTreeMap<String, Vec<String>>,
}

/// `--map facet.people=people`: a list field to filter by.
pub const FACET_PREFIX: &str = "facet.";

pub const MAPPABLE: &[&str] = &[
    "id",
    "title",
    "published",
    "updated",
    "topics",
    "body",
    "summary",
    "dateline",
    "source",
    "byline",
    "url",
];

impl FieldMap {
    /// `title=title,published=date,topics=topics,body=body|unproc_text`
    pub fn parse(spec: &str) -> Result<FieldMap, String> {
        let mut fields = BTreeMap::new();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, sources) = pair
                .split_once('=')
                .ok_or_else(|| format!("field mapping {pair:?} is not of the form key=field"))?;
            let key = key.trim();
            let facet = key.strip_prefix(FACET_PREFIX);
            if facet.is_some_and(|name| !is_facet_name(name)) {
                return Err(format!(
                    "facet name {:?} in the mapping: use lower-case letters, digits and '-', not one of {}",
                    facet.unwrap_or_default(),
                    RESERVED.join(", ")
                ));
            }
            if facet.is_none() && !MAPPABLE.contains(&key) {
                return Err(format!(
                    "unknown article field {key:?} in the mapping (known: {}, and facet.<name> for a list to filter by)",
                    MAPPABLE.join(", ")
                ));
            }
            let sources: Vec<String> = sources
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if sources.is_empty() {
                return Err(format!("no source field given for {key:?}"));
            }
            fields.insert(key.to_string(), sources);
        }
        if !fields.contains_key("title") && !fields.contains_key("body") {
            return Err("the mapping needs at least a title or a body field".into());
        }
        Ok(FieldMap { fields })
    }

    /// The facets mapped (`facet.<name>=field`), by name.
    fn facets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields
            .keys()
            .filter_map(|k| Some((k.strip_prefix(FACET_PREFIX)?, k.as_str())))
    }

    /// The record fields mapped to an article field (empty when unmapped).
    pub fn sources(&self, key: &str) -> &[String] {
        self.fields.get(key).map_or(&[], Vec::as_slice)
    }

    /// The first non-empty value among the mapped source fields.
    fn get<'a>(&self, record: &'a Value, key: &str) -> Option<&'a Value> {
        self.fields
            .get(key)?
            .iter()
            .filter_map(|f| record.get(f))
            .find(|v| match v {
                Value::Null => false,
                Value::String(s) => !s.trim().is_empty(),
                Value::Array(a) => !a.is_empty(),
                _ => true,
            })
    }

    fn text(&self, record: &Value, key: &str) -> Option<String> {
        match self.get(record, key)? {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn list(&self, record: &Value, key: &str) -> Vec<String> {
        match self.get(record, key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Some(Value::String(s)) => s
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Topic code → label, from lines such as `Mergers/Acquisitions (ACQ)` or `acq<TAB>Mergers/Acquisitions`.
/// The first label given for a code wins.
pub fn parse_topic_labels(text: &str) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        let pair = if let Some((code, label)) = line.split_once('\t') {
            Some((code.trim(), label.trim()))
        } else if let (Some(open), true) = (line.rfind(" ("), line.ends_with(')')) {
            let code = &line[open + 2..line.len() - 1];
            let is_code = code.chars().any(|c| c.is_ascii_alphabetic())
                && code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
            is_code.then(|| (code, line[..open].trim()))
        } else {
            None
        };
        if let Some((code, label)) = pair.filter(|(c, l)| !c.is_empty() && !l.is_empty()) {
            labels
                .entry(code.to_lowercase())
                .or_insert_with(|| label.to_string());
        }
    }
    labels
}

/// Paragraphs from plain text, whichever convention it uses: blank lines
/// between paragraphs, or (hard-wrapped newswire) a new line that starts
/// indented. A text is read as indented when some line starts with two or
/// more spaces; then any indented line starts a paragraph (" Reuter", table
/// rows). Otherwise only blank lines do, and an indented line such as a list
/// item continues its block. Wrapped lines are joined with spaces.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let indent_style = text
        .lines()
        .any(|l| (l.starts_with("  ") || l.starts_with('\t')) && !l.trim().is_empty());
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = collapse_whitespace(current);
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    for line in text.lines() {
        let starts_paragraph = indent_style && line.starts_with(char::is_whitespace);
        if line.trim().is_empty() || starts_paragraph {
            flush(&mut current, &mut paragraphs);
        }
        current.push(' ');
        current.push_str(line.trim());
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// "SALVADOR, Feb 26 -" → "SALVADOR": the date is in `published`, the dash is punctuation.
fn clean_dateline(raw: &str) -> String {
    let mut s = raw.trim().trim_end_matches(['-', '—', '–', ' ']).trim();
    if let Some((place, tail)) = s.rsplit_once(',') {
        let mut words = tail.split_whitespace();
        let is_date = matches!((words.next(), words.next(), words.next()), (Some(m), Some(d), None)
            if dateline_core::model::time::month_from_name(m).is_some() && d.chars().all(|c| c.is_ascii_digit()));
        if is_date {
            s = place.trim();
        }
    }
    s.to_string()
}

fn timestamp(map: &FieldMap, record: &Value, key: &str) -> Result<Option<Timestamp>, String> {
    match map.text(record, key) {
        None => Ok(None),
        Some(raw) => Timestamp::parse(&raw).map(Some).map_err(|e| e.to_string()),
    }
}

/// One record to an article; `Err` says why it cannot be one. An unparsable
/// date leaves the article undated (and says so in `notes`) rather than losing it.
pub fn record_to_article(
    record: &Value,
    map: &FieldMap,
    default_source: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<Article, String> {
    if !record.is_object() {
        return Err("not a JSON object".into());
    }
    let mut body: Vec<Block> = map
        .text(record, "body")
        .map(|b| split_paragraphs(&b))
        .unwrap_or_default()
        .into_iter()
        .map(Block::paragraph)
        .collect();
    // A last paragraph of one bare word ("Reuter") is a sign-off, not text.
    let sign_off = match body.last() {
        Some(Block::Paragraph { text, .. })
            if text.chars().all(char::is_alphabetic) && body.len() > 1 =>
        {
            Some(text.clone())
        }
        _ => None,
    };
    if sign_off.is_some() {
        body.pop();
    }
    let title = map.text(record, "title").map(|t| collapse_whitespace(&t));
    let first = body.iter().find_map(|b| match b {
        Block::Paragraph { text, .. } => Some(text.clone()),
        _ => None,
    });
    let (title, title_derived) = match (title, &first) {
        (Some(t), _) => (t, false),
        (None, Some(first)) => (derive_title(first), true),
        (None, None) => return Err("no title and no body".into()),
    };
    let id = map
        .text(record, "id")
        .map(|raw| slugify(&raw))
        .unwrap_or_default();
    let published = timestamp(map, record, "published").unwrap_or_else(|e| {
        notes.push(format!("{id}: {e}; left undated"));
        None
    });
    let updated = timestamp(map, record, "updated").unwrap_or(None);
    let summary = map
        .text(record, "summary")
        .unwrap_or_else(|| first.as_deref().map(summarize).unwrap_or_default());
    let facets: BTreeMap<String, Vec<String>> = map
        .facets()
        .map(|(name, key)| (name.to_string(), map.list(record, key)))
        .filter(|(_, values)| !values.is_empty())
        .collect();
    Ok(Article {
        id,
        title,
        title_derived,
        topics: map
            .list(record, "topics")
            .into_iter()
            .map(|t| t.trim().to_string())
            .collect(),
        published,
        published_inferred: false,
        updated,
        dateline: map
            .text(record, "dateline")
            .map(|d| clean_dateline(&d))
            .filter(|d| !d.is_empty()),
        source: map
            .text(record, "source")
            .or_else(|| default_source.map(str::to_owned)),
        byline: map.text(record, "byline"),
        summary,
        body,
        photos: Vec::new(),
        credit: sign_off,
        source_url: map.text(record, "url"),
        facets: (!facets.is_empty()).then(|| Box::new(facets)),
        ..Article::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mapping_is_checked() {
        assert!(FieldMap::parse("title=headline,body=text|raw").is_ok());
        assert!(FieldMap::parse("title").unwrap_err().contains("key=field"));
        assert!(FieldMap::parse("colour=red,title=t")
            .unwrap_err()
            .contains("unknown article field"));
        assert!(FieldMap::parse("topics=t")
            .unwrap_err()
            .contains("title or a body"));
    }

    #[test]
    fn splits_blank_line_paragraphs() {
        let text = "First para line one\nline two.\n\nSecond para.\n\n\nThird.";
        assert_eq!(
            split_paragraphs(text),
            ["First para line one line two.", "Second para.", "Third."]
        );
    }

    #[test]
    fn splits_indented_newswire_paragraphs() {
        let text = "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the\ntemporao will be late.\n Reuter";
        assert_eq!(
            split_paragraphs(text),
            [
                "Showers continued throughout the week in the Bahia cocoa zone.",
                "The dry period means the temporao will be late.",
                "Reuter"
            ]
        );
    }

    #[test]
    fn list_items_stay_in_their_block_when_blank_lines_separate_paragraphs() {
        let text = "Intro.\n\nThey said:\n - one thing\n - another\n\nEnd.";
        assert_eq!(
            split_paragraphs(text),
            ["Intro.", "They said: - one thing - another", "End."]
        );
    }

    #[test]
    fn reads_label_files_in_both_shapes() {
        let labels = parse_topic_labels("**Codes (2)\n\nMergers/Acquisitions (ACQ)\nMoney/Foreign Exchange (MONEY-FX)\nacq\tOther\nearn\tEarnings\n");
        assert_eq!(labels["acq"], "Mergers/Acquisitions");
        assert_eq!(labels["money-fx"], "Money/Foreign Exchange");
        assert_eq!(labels["earn"], "Earnings");
        assert_eq!(labels.len(), 3);
    }

    #[test]
    fn records_become_articles() {
        let map = FieldMap::parse(
            "id=newid,title=title,published=date,topics=topics,body=body|unproc,dateline=dateline",
        )
        .unwrap();
        let mut notes = Vec::new();
        let record = json!({"newid": 7, "title": "COCOA  REVIEW", "date": "1987-02-26T15:01:01", "topics": ["cocoa"],
            "dateline": "SALVADOR, Feb 26 -", "body": "Showers fell.\n    More rain is due.\n    Reuter", "extra": 1});
        let a = record_to_article(&record, &map, Some("Reuters"), &mut notes).unwrap();
        assert_eq!((a.id.as_str(), a.title.as_str()), ("7", "COCOA REVIEW"));
        assert_eq!(a.published.unwrap().to_string(), "1987-02-26T15:01:01");
        assert_eq!(a.dateline.as_deref(), Some("SALVADOR"));
        assert_eq!(a.topics, ["cocoa"]);
        assert_eq!(a.paragraphs().count(), 2);
        assert_eq!(a.credit.as_deref(), Some("Reuter"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.summary, "Showers fell.");

        let untitled = json!({"newid": 8, "date": "31-MAR-1987 605:12:19", "unproc": "FED WEEKLY REPORT 1 - FEB 26\n  Two weeks."});
        let a = record_to_article(&untitled, &map, None, &mut notes).unwrap();
        assert!(a.title_derived);
        assert_eq!(a.published, None);
        assert!(notes
            .iter()
            .any(|n| n.starts_with("8:") && n.contains("left undated")));

        assert!(record_to_article(&json!({"newid": 9}), &map, None, &mut notes).is_err());
        assert!(record_to_article(&json!([1]), &map, None, &mut notes).is_err());
    }
}
