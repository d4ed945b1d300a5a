//! HTML's white-space rules applied to spans.

use dateline_core::model::Inline;

/// HTML whitespace rules on spans: runs of white space are one space, none
/// at the start or end, none doubled across span boundaries; empty spans go.
pub fn normalize(spans: Vec<Inline>) -> Vec<Inline> {
    let mut last_space = true;
    let mut spans = collapse(spans, &mut last_space);
    trim_end(&mut spans);
    prune(spans)
}

fn collapse(spans: Vec<Inline>, last_space: &mut bool) -> Vec<Inline> {
    spans
        .into_iter()
        .map(|span| match span {
            Inline::Text { text } => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    if c.is_whitespace() && c != '\u{a0}' {
                        if !*last_space {
                            out.push(' ');
                            *last_space = true;
                        }
                    } else {
                        out.push(c);
                        *last_space = false;
                    }
                }
                Inline::Text { text: out }
            }
            Inline::Code { text } => {
                *last_space = text.ends_with(' ');
                Inline::Code { text }
            }
            Inline::Break => {
                *last_space = true;
                Inline::Break
            }
            Inline::Em { spans } => Inline::Em {
                spans: collapse(spans, last_space),
            },
            Inline::Strong { spans } => Inline::Strong {
                spans: collapse(spans, last_space),
            },
            Inline::Link { href, spans } => Inline::Link {
                href,
                spans: collapse(spans, last_space),
            },
            Inline::Unknown => Inline::Unknown,
        })
        .collect()
}

/// Drops the space at the very end, and before each line break.
fn trim_end(spans: &mut Vec<Inline>) {
    while let Some(last) = spans.last_mut() {
        match last {
            Inline::Text { text } => {
                let trimmed = text.trim_end_matches(' ').len();
                text.truncate(trimmed);
                if text.is_empty() {
                    spans.pop();
                    continue;
                }
            }
            Inline::Em { spans: inner }
            | Inline::Strong { spans: inner }
            | Inline::Link { spans: inner, .. } => {
                trim_end(inner);
                if inner.is_empty() {
                    spans.pop();
                    continue;
                }
            }
            Inline::Break => {
                spans.pop();
                continue;
            }
            _ => {}
        }
        break;
    }
}

fn prune(spans: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(spans.len());
    let kept = spans.into_iter().filter_map(|span| match span {
        Inline::Text { text } if text.is_empty() => None,
        Inline::Em { spans } => Some(prune(spans))
            .filter(|s| !s.is_empty())
            .map(|spans| Inline::Em { spans }),
        Inline::Strong { spans } => Some(prune(spans))
            .filter(|s| !s.is_empty())
            .map(|spans| Inline::Strong { spans }),
        Inline::Link { href, spans } => Some(prune(spans))
            .filter(|s| !s.is_empty())
            .map(|spans| Inline::Link { href, spans }),
        Inline::Code { text } if text.trim().is_empty() => None,
        span => Some(span),
    });
    // Neighbouring text is one span (a link that was dropped leaves three).
    for span in kept {
        match (out.last_mut(), span) {
            (Some(Inline::Text { text: last }), Inline::Text { text }) => last.push_str(&text),
            (_, span) => out.push(span),
        }
    }
    out
}
