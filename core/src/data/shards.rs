//! Body shards (`data/body-*.txt`): whole articles, in catalog order, and
//! the shard table (`data/bodies-*.txt`) that lists them, newest first, with
//! how many articles each holds. The build fills shards from the oldest
//! article on, closing one when it is full (`SHARD_BYTES` in the site
//! builder), so new articles only ever change the newest shard. An article is an `article` record followed by its `topic`
//! records, its `author`, `tag`, `related`, `also` (other outlets), `facet`,
//! `lead` (image) and `photo` records, then
//! its body (see `body`).

use super::files::{verify, Part, COUNTED_PART_FIELDS};
use super::records::{self, Field, Slot};
#[cfg(not(target_arch = "wasm32"))]
use super::records::{push_fields, push_record};
use super::{DataError, DATA_VERSION};

use super::body::{self, BodyReader};
use crate::model::{Article, Outlet, Related};

const SHARD_KIND: &str = "dateline-bodies";
const SHARD_TABLE_KIND: &str = "dateline-shards";
/// Version 2: rich articles (body records replaced `paragraph` and `link`).
const BODIES_VERSION: u32 = 2;

/// `article id title flags published updated dateline source byline credit
/// source-url summary`: flags `d` (derived title) and `i` (inferred date);
/// an empty optional field is absent.
const ARTICLE_FIELDS: &[Field<Article>] = &[
    Field::new("id", |v| Slot::Id(&mut v.id)),
    Field::new("title", |v| Slot::Text(&mut v.title)),
    Field {
        name: "flags",
        slot: |v| {
            Slot::Flags([
                (&mut v.title_derived, 'd'),
                (&mut v.published_inferred, 'i'),
            ])
        },
    },
    Field::new("published", |v| Slot::Time(&mut v.published)),
    Field::new("updated", |v| Slot::Time(&mut v.updated)),
    Field::new("dateline", |v| Slot::Optional(&mut v.dateline)),
    Field::new("source", |v| Slot::Optional(&mut v.source)),
    Field::new("byline", |v| Slot::Optional(&mut v.byline)),
    Field::new("credit", |v| Slot::Optional(&mut v.credit)),
    Field::new("source url", |v| Slot::Optional(&mut v.source_url)),
    Field::new("summary", |v| Slot::Text(&mut v.summary)),
    Field::new("language", |v| Slot::Optional(&mut v.language)),
    Field::new("direction", |v| Slot::Direction(&mut v.direction)),
    Field::new("site name", |v| Slot::Optional(&mut v.site_name)),
];

#[derive(Debug, Default)]
pub struct BodyShard {
    pub articles: Vec<Article>,
}

impl BodyShard {
    #[cfg(not(target_arch = "wasm32"))]
    /// One article's records, ready to be joined into a shard, with its
    /// related stories (`related id title`).
    pub fn article_text(a: &Article, related: &[&Article]) -> String {
        let mut out = String::new();
        push_fields(&mut out, "article", a, ARTICLE_FIELDS);
        for topic in &a.topics {
            push_record(&mut out, &["topic", topic]);
        }
        for author in &a.authors {
            push_record(&mut out, &["author", author]);
        }
        for tag in &a.tags {
            push_record(&mut out, &["tag", tag]);
        }
        for other in related {
            push_record(&mut out, &["related", &other.id, &other.title]);
        }
        for outlet in &a.also {
            push_record(
                &mut out,
                &["also", &outlet.name, outlet.url.as_deref().unwrap_or("")],
            );
        }
        for (facet, values) in a.facets.iter().flat_map(|f| f.iter()) {
            for value in values {
                push_record(&mut out, &["facet", facet, value]);
            }
        }
        let photos = a.lead_image.as_deref().map(|p| ("lead", p)).into_iter();
        for (kind, photo) in photos.chain(a.photos.iter().map(|p| ("photo", p))) {
            let fields = body::photo_fields(photo);
            let mut all = vec![kind];
            all.extend(fields.iter().map(String::as_str));
            push_record(&mut out, &all);
        }
        body::push_blocks(&mut out, &a.body);
        out
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// A shard file from its articles' records.
    pub fn to_text<'a>(articles: impl IntoIterator<Item = &'a str>) -> String {
        let mut out = records::header(SHARD_KIND, BODIES_VERSION);
        out.extend(articles);
        out
    }

    pub fn parse(part: &Part, bytes: &[u8]) -> Result<BodyShard, DataError> {
        verify(part, bytes)?;
        let lines = records::read(&part.file, bytes, SHARD_KIND, BODIES_VERSION)?;
        let mut articles: Vec<Article> = Vec::new();
        let mut body = BodyReader::default();
        for r in &lines {
            if r.kind() == "article" {
                if let Some(a) = articles.last_mut() {
                    a.body = std::mem::take(&mut body).finish();
                }
                articles.push(r.read_into(ARTICLE_FIELDS)?);
                continue;
            }
            let Some(a) = articles.last_mut() else {
                return Err(r.error("a record before the first article"));
            };
            match r.kind() {
                "topic" => a.topics.push(r.fields::<1>()?[0].into()),
                "author" => a.authors.push(r.fields::<1>()?[0].into()),
                "tag" => a.tags.push(r.fields::<1>()?[0].into()),
                "related" => {
                    let [id, title] = r.fields()?;
                    a.related.push(Related {
                        id: id.into(),
                        title: title.into(),
                    });
                }
                "also" => {
                    let [name, url] = r.fields()?;
                    a.also.push(Outlet {
                        name: name.into(),
                        url: (!url.is_empty()).then(|| url.into()),
                    });
                }
                "facet" => {
                    let [facet, value] = r.fields()?;
                    let facets = a.facets.get_or_insert_with(Default::default);
                    facets.entry(facet.into()).or_default().push(value.into());
                }
                "photo" => a.photos.push(body::photo_from(r.rest())),
                "lead" => a.lead_image = Some(Box::new(body::photo_from(r.rest()))),
                kind if body::is_body_record(kind) => body.add(r)?,
                _ => {}
            }
        }
        if let Some(a) = articles.last_mut() {
            a.body = body.finish();
        }
        Ok(BodyShard { articles })
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The body shard table: a `shard file bytes count` record per shard, newest first.
pub fn shard_table_text(parts: &[Part]) -> String {
    let mut out = records::header(SHARD_TABLE_KIND, DATA_VERSION);
    for part in parts {
        push_fields(&mut out, "shard", part, COUNTED_PART_FIELDS);
    }
    out
}

pub fn parse_shard_table(part: &Part, bytes: &[u8]) -> Result<Vec<Part>, DataError> {
    verify(part, bytes)?;
    let lines = records::read(&part.file, bytes, SHARD_TABLE_KIND, DATA_VERSION)?;
    lines
        .iter()
        .filter(|r| r.kind() == "shard")
        .map(|r| r.read_into(COUNTED_PART_FIELDS))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::hashed_name;
    use crate::model::Catalog;

    /// Every block type, nested lists and quotes, spans in spans, photos with
    /// sizes, a lead image, authors, tags, facets, language and direction come back
    /// from a shard exactly as the bundle held them.
    #[test]
    fn a_rich_article_survives_the_shard() {
        let json = r#"{"format":"dateline-bundle","version":2,"articles":[
          {"id":"rich","title":"Rich","authors":["A. Writer","B. Writer"],"tags":["space","launch"],
           "language":"ar","direction":"rtl","site_name":"The Paper","canonical_url":"https://paper.test/rich",
           "facets":{"people":["Tab\tName","B"],"orgs":["opec"]},
           "lead_image":{"url":"https://paper.test/lead.jpg","caption":"Lead","width":1200,"height":800},
           "photos":[{"caption":"Tab\there","credit":"C"}],
           "body":[
            {"type":"heading","level":3,"text":"Section"},
            {"type":"paragraph","spans":[{"type":"text","text":"A "},{"type":"strong","spans":[{"type":"em","spans":[{"type":"text","text":"very"}]}]},
               {"type":"break"},{"type":"link","href":"https://x.test/","spans":[{"type":"text","text":"link"}]},{"type":"code","text":"\\n"}]},
            {"type":"list","ordered":true,"items":[{"text":"One"},{"spans":[{"type":"em","spans":[{"type":"text","text":"Two"}]}],
               "blocks":[{"type":"list","items":[{"text":"Two a"}]},{"type":"paragraph","text":"More"}]}]},
            {"type":"quote","blocks":[{"type":"paragraph","text":"Said."},{"type":"quote","blocks":[{"type":"paragraph","text":"Inner"}]}],"cite":"Someone"},
            {"type":"figure","url":"https://x.test/a.jpg","alt":"A","width":640,"height":480,"caption":"Cap","credit":"Cred"},
            {"type":"preformatted","text":"  a\n\tb"},
            {"type":"table","caption":"T","header":["a","b"],"rows":[["1","2"],["3",""]]},
            {"type":"table","rows":[["no header"]]},
            {"type":"divider"},
            {"type":"embed","href":"https://video.test/v/1","caption":"Watch"},
            {"type":"link","text":"More","href":"https://x.test/more"},
            {"type":"paragraph","text":"End."}]}]}"#;
        let article = &Catalog::from_json(json).unwrap().articles[0];
        assert_eq!(article.body.len(), 12);
        let mut article = article.clone();
        let others: Vec<Article> = [("other-1", "Other"), ("other\t2", "Tab\there")]
            .map(|(id, title)| Article {
                id: id.into(),
                title: title.into(),
                ..Article::default()
            })
            .into();
        article.related = others
            .iter()
            .map(|o| Related {
                id: o.id.clone(),
                title: o.title.clone(),
            })
            .collect();
        let related: Vec<&Article> = others.iter().collect();
        let text = BodyShard::to_text([BodyShard::article_text(&article, &related).as_str()]);
        let part = Part {
            file: hashed_name("body", "txt", text.as_bytes()),
            bytes: text.len() as u64,
            count: 0,
        };
        let shard = BodyShard::parse(&part, text.as_bytes()).unwrap();
        assert_eq!(shard.articles[0], article);
    }

    #[test]
    fn a_body_record_out_of_place_is_damage() {
        let article = Article {
            id: "x".into(),
            title: "X".into(),
            ..Article::default()
        };
        let records = BodyShard::article_text(&article, &[]) + "p\t1\tskips a level\n";
        let text = BodyShard::to_text([records.as_str()]);
        let part = Part {
            file: hashed_name("body", "txt", text.as_bytes()),
            bytes: text.len() as u64,
            count: 0,
        };
        let error = BodyShard::parse(&part, text.as_bytes()).unwrap_err();
        assert!(error.to_string().contains("deeper"), "{error}");
    }
}
