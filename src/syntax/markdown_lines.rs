//! Markdown read line by line, for documents that are not specs (research artifacts, PR
//! templates): ATX headings, fenced code opened by a run of backticks or tildes, a document's
//! sections, and its first paragraph. Specs' own lines follow chant's rules instead
//! (`spec::criteria`); the full outline of a spec comes from pulldown-cmark (`markdown.rs`).

/// One section of a markdown document: heading level and text, and its own lines (up to the
/// next heading of any level).
#[derive(Clone, Debug)]
pub struct DocSection {
    pub level: usize,
    pub heading: String,
    pub body: String,
}

/// Splits a markdown document at ATX headings outside code fences.
pub fn doc_sections(text: &str) -> Vec<DocSection> {
    let mut out: Vec<DocSection> = Vec::new();
    let mut fence: Option<String> = None;
    let mut current = DocSection { level: 0, heading: String::new(), body: String::new() };
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) && trimmed.trim_start_matches(['`', '~']).trim().is_empty() {
                fence = None;
            }
        } else if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
        } else if let Some((level, heading)) = atx_heading(line) {
            out.push(std::mem::replace(&mut current, DocSection { level, heading, body: String::new() }));
            continue;
        }
        current.body.push_str(line);
        current.body.push('\n');
    }
    out.push(current);
    out
}

/// The run of backticks or tildes that opens a fence on this (left-trimmed) line.
pub fn fence_marker(trimmed: &str) -> Option<String> {
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = trimmed.chars().take_while(|c| *c == ch).count();
    (n >= 3).then(|| ch.to_string().repeat(n))
}

/// `(level, text)` of an ATX heading line (`## Title`, up to three spaces of indent).
pub fn atx_heading(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, after.trim().trim_end_matches('#').trim().to_string()))
}

/// The first paragraph or list of `body`; a paragraph that ends with `:` keeps the list that
/// follows it. Code blocks, tables and sub-headings are never part of an excerpt.
pub fn condense(body: &str) -> Option<String> {
    let blocks = blocks(body);
    let mut it = blocks.into_iter().filter(|b| !b.starts_with("```") && !b.starts_with("~~~") && !b.starts_with('|'));
    let first = it.next()?;
    let is_list = |b: &str| b.starts_with("- ") || b.starts_with("* ") || b.starts_with(|c: char| c.is_ascii_digit());
    if first.trim_end().ends_with(':') && !is_list(&first) {
        if let Some(next) = it.next().filter(|b| is_list(b)) {
            return Some(format!("{first}\n\n{next}"));
        }
    }
    Some(first)
}

/// Blank-line separated blocks, with fenced code kept in one block.
fn blocks(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut fence: Option<String> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            cur.push(line);
            if trimmed.starts_with(open.as_str()) {
                fence = None;
                out.push(cur.join("\n"));
                cur.clear();
            }
            continue;
        }
        if let Some(m) = fence_marker(trimmed) {
            if !cur.is_empty() {
                out.push(cur.join("\n"));
                cur.clear();
            }
            fence = Some(m);
            cur.push(line);
            continue;
        }
        if trimmed.is_empty() {
            if !cur.is_empty() {
                out.push(cur.join("\n"));
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur.join("\n"));
    }
    out.into_iter().map(|b| b.trim_end().to_string()).filter(|b| !b.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn condense_keeps_the_list_a_paragraph_introduces() {
        let body = "\nIntro:\n\n1. one\n2. two\n\nMore.\n";
        assert_eq!(condense(body).as_deref(), Some("Intro:\n\n1. one\n2. two"));
        assert_eq!(condense("```\ncode\n```\n\nText\nwraps.\n").as_deref(), Some("Text\nwraps."));
    }
}
