//! The markdown body as CommonMark sees it: headings, task-list boxes, links and code blocks,
//! with byte ranges into the whole file.
//!
//! pulldown-cmark runs over the file with the frontmatter blanked to spaces (never with its YAML
//! metadata option, which would take any `---` pair in the body for metadata), so every offset it
//! reports is already a file offset.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The whole heading line.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskBox {
    /// The `[ ]` / `[x]` bytes.
    pub range: TextRange,
    pub checked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub range: TextRange,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markdown {
    pub headings: Vec<Heading>,
    pub task_boxes: Vec<TaskBox>,
    pub links: Vec<Link>,
    pub code_blocks: Vec<TextRange>,
}

fn options() -> Options {
    // An explicit allowlist: GFM features specs use, and nothing that reinterprets `---`.
    Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Parses `text` with everything before `body_start` blanked out.
pub fn parse(text: &str, body_start: usize) -> Markdown {
    let blanked;
    let source = if body_start == 0 {
        text
    } else {
        blanked = blank_prefix(text, body_start);
        &blanked
    };
    let mut md = Markdown::default();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut link: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((heading_level(level), range.start, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text)) = heading.take() {
                    let end = source[start..range.end].trim_end().len() + start;
                    md.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        range: TextRange::new(start, end),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, acc)) = heading.as_mut() {
                    acc.push_str(&t);
                }
            }
            Event::TaskListMarker(checked) => {
                md.task_boxes.push(TaskBox { range: TextRange::new(range.start, range.end), checked })
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), range.start)),
            Event::End(TagEnd::Link) => {
                if let Some((dest, start)) = link.take() {
                    md.links.push(Link { dest, range: TextRange::new(start, range.end) });
                }
            }
            Event::Start(Tag::CodeBlock(_)) => md.code_blocks.push(TextRange::new(range.start, range.end)),
            _ => {}
        }
    }
    md
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Replaces the bytes before `end` with spaces, keeping line breaks so offsets stay valid.
pub fn blank_prefix(text: &str, end: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, ch) in text.char_indices() {
        if i >= end {
            out.push_str(&text[i..]);
            break;
        }
        if ch == '\n' || ch == '\r' {
            out.push(ch);
        } else {
            out.extend(std::iter::repeat_n(' ', ch.len_utf8()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_file_offsets() {
        let text = "---\na: b\n---\n# T\u{e9}\n\n- [ ] one\n- [x] two [l](x.md)\n";
        let md = parse(text, 13);
        assert_eq!(md.headings, vec![Heading { level: 1, text: "T\u{e9}".into(), range: TextRange::new(13, 18) }]);
        let boxes: Vec<_> = md.task_boxes.iter().map(|b| (&text[b.range.as_usize()], b.checked)).collect();
        assert_eq!(boxes, vec![("[ ]", false), ("[x]", true)]);
        assert_eq!(md.links, vec![Link { dest: "x.md".into(), range: TextRange::new(40, 49) }]);
    }
}
