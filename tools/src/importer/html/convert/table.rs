//! Tables: a grid of text with its caption and column headings, or, when
//! the table only lays out the page, its content as blocks.

use dom_query::NodeRef;

use dateline_core::model::text::collapse_whitespace;
use dateline_core::model::{Block, Table};

use super::{name, Converter};

impl Converter<'_> {
    pub(super) fn table(&mut self, n: &NodeRef, out: &mut Vec<Block>, depth: usize) {
        let rows: Vec<NodeRef> = table_rows(n);
        let nested = n
            .descendants_it()
            .any(|d| d.is_element() && name(&d) == "table");
        let single_column = rows.iter().all(|r| cells(r).len() <= 1);
        // A table used for layout: its content, not a grid.
        if nested || single_column || rows.is_empty() {
            out.extend(self.blocks_of(n, depth + 1));
            return;
        }
        let caption = n
            .children_it(false)
            .find(|c| c.is_element() && name(c) == "caption")
            .map(|c| collapse_whitespace(&c.text()))
            .filter(|c| !c.is_empty());
        let mut table = Table {
            caption,
            ..Table::default()
        };
        for (i, row) in rows.iter().enumerate() {
            let row_cells = cells(row);
            let in_head = row.parent().is_some_and(|p| name(&p) == "thead");
            let all_th = row_cells.iter().all(|c| name(c) == "th");
            let texts: Vec<String> = row_cells
                .iter()
                .map(|c| collapse_whitespace(&c.text()))
                .collect();
            if table.header.is_empty() && i == 0 && (in_head || all_th) {
                table.header = texts;
            } else if in_head && table.rows.is_empty() {
                // A second header row: keep it as the first row.
                table.rows.push(texts);
            } else {
                table.rows.push(texts);
            }
        }
        table.rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        out.push(Block::Table(table));
    }
}

fn table_rows<'a>(table: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut rows = Vec::new();
    for child in table.children_it(false).filter(|c| c.is_element()) {
        match name(&child).as_str() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                child
                    .children_it(false)
                    .filter(|r| r.is_element() && name(r) == "tr"),
            ),
            _ => {}
        }
    }
    rows
}

fn cells<'a>(row: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    row.children_it(false)
        .filter(|c| c.is_element() && matches!(name(c).as_str(), "td" | "th"))
        .collect()
}
