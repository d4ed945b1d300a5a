//! Search in scripts written without spaces, and in letters that fold: a
//! fixture of Chinese, Japanese and Korean paragraphs (written for this
//! test), with the expected hits computed independently as plain substring
//! containment in the paragraphs.

use dateline_core::model::Article;
use dateline_core::query::search::{highlight, SearchIndex, Terms};

const PARAGRAPHS: &[(&str, &str)] = &[
    ("zh-1", "北京市政府周一宣布，将扩大地铁网络。"),
    ("zh-2", "上海证券交易所的股价周二上涨。"),
    ("zh-3", "中国人民银行决定下调利率，北京的市场反应平静。"),
    ("ja-1", "東京証券取引所で株価が大きく上昇した。"),
    (
        "ja-2",
        "日本銀行は金利を据え置くと発表した。トヨタの株価も上昇。",
    ),
    ("ja-3", "ガソリン価格が上がり、東京の消費者は不満を述べた。"),
    ("ko-1", "서울 증시가 화요일 상승했다."),
    (
        "ko-2",
        "한국은행은 기준금리를 동결했다. 서울의 주택 가격은 안정적이다.",
    ),
    ("th-1", "ตลาดหุ้นกรุงเทพปิดบวก"),
    (
        "en-1",
        "Prices rose in Łódź and Přívoz; ＯＰＥＣ met in İstanbul.",
    ),
];

fn article(id: &str, text: &str) -> Article {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": "", "body": [{"type": "paragraph", "text": text}]
    }))
    .unwrap()
}

fn index() -> SearchIndex {
    let articles: Vec<Article> = PARAGRAPHS.iter().map(|(id, t)| article(id, t)).collect();
    SearchIndex::new(&articles)
}

fn found(index: &SearchIndex, q: &str) -> Vec<&'static str> {
    index
        .search(&Terms::parse(q))
        .iter()
        .zip(PARAGRAPHS)
        .filter(|(score, _)| score.is_some())
        .map(|(_, (id, _))| *id)
        .collect()
}

fn containing(needle: &str) -> Vec<&'static str> {
    PARAGRAPHS
        .iter()
        .filter(|(_, text)| text.contains(needle))
        .map(|(id, _)| *id)
        .collect()
}

#[test]
fn cjk_queries_find_the_paragraphs_that_contain_them() {
    let index = index();
    for q in [
        "北京",
        "北",
        "股价",
        "利率",
        "北京市",
        "人民银行",
        "上海证券",
        "東京",
        "株価",
        "上昇",
        "ガソリン",
        "トヨタ",
        "金利",
        "日本銀行",
        "서울",
        "금리",
        "상승",
        "한국은행",
        "京",
    ] {
        let expected = containing(q);
        assert!(!expected.is_empty(), "{q}: the fixture has it");
        assert_eq!(found(&index, q), expected, "{q}");
    }
    // A query with two runs needs both, wherever they are.
    assert_eq!(found(&index, "東京 株価"), ["ja-1"]);
    assert_eq!(found(&index, "北京 利率"), ["zh-3"]);
    // Nothing made up: pairs across a sentence break or absent text find nothing.
    assert!(found(&index, "大阪").is_empty());
    assert!(found(&index, "부산").is_empty());
}

#[test]
fn thai_runs_are_found_as_whole_words_and_prefixes() {
    let index = index();
    assert_eq!(found(&index, "ตลาดหุ้นกรุงเทพปิดบวก "), ["th-1"]);
    assert_eq!(found(&index, "ตลาดหุ้น"), ["th-1"]);
}

#[test]
fn folded_letters_find_either_spelling() {
    let index = index();
    for q in [
        "lodz ",
        "ŁÓDŹ ",
        "privoz ",
        "opec ",
        "ＯＰＥＣ ",
        "istanbul ",
        "İSTANBUL ",
    ] {
        assert_eq!(found(&index, q), ["en-1"], "{q}");
    }
}

#[test]
fn cjk_matches_are_highlighted_in_the_original_text() {
    let text = PARAGRAPHS[2].1;
    let runs = highlight(text, &Terms::parse("北京"));
    let marked: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0).collect();
    assert_eq!(marked, ["北京"]);
    assert_eq!(runs.iter().map(|r| r.0).collect::<String>(), text);
    // Overlapping pairs of a longer query come out as one marked run.
    let runs = highlight(PARAGRAPHS[1].1, &Terms::parse("上海证券"));
    let marked: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0).collect();
    assert_eq!(marked, ["上海证券"]);
    // A folded word is marked as written.
    let runs = highlight(PARAGRAPHS[9].1, &Terms::parse("lodz opec"));
    let marked: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0).collect();
    assert_eq!(marked, ["Łódź", "ＯＰＥＣ"]);
}
