//! Finds the frontmatter block of a spec line by line, and where chant's own naive splitter
//! would cut it, so the two can be compared.
//!
//! Our rule: the first non-blank line is `---`; the block ends at the next line that is `---`.
//! A `...` line (YAML's document end) does not end it, because it does not end chant's
//! frontmatter either; it is remembered so the unclosed block can say so. chant's rule (spec-format §2.1): after trimming the file, the text must start with `---`
//! and the frontmatter ends at the first `---` substring anywhere after those three characters.

use crate::text::TextRange;

/// The frontmatter as we find it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontmatterSplit {
    /// The opening `---` line, without its terminator.
    pub open: TextRange,
    /// Text after `---` on the opening line (`----`, `---yaml`): chant reads it as YAML.
    pub open_tail: Option<TextRange>,
    /// The YAML between the delimiters (empty when the block is unclosed).
    pub yaml: TextRange,
    /// The closing `---` line, or `None` when the block is never closed.
    pub close: Option<TextRange>,
    /// The first `...` line inside the block: a YAML document end that chant does not treat as
    /// the end of the frontmatter.
    pub dots: Option<TextRange>,
    /// Where the markdown body begins.
    pub body_start: usize,
}

/// What chant's splitter does with the same text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChantSplit {
    /// chant finds no frontmatter and loads the spec with defaults.
    NoFrontmatter,
    /// chant's YAML is `yaml` and it ends at the `---` found at `cut`.
    Frontmatter { yaml: TextRange, cut: TextRange },
}

/// Iterates over lines as (content range, range including the terminator).
fn lines(text: &str) -> impl Iterator<Item = (TextRange, TextRange)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        let mut next = end;
        if next < bytes.len() {
            next += if bytes[next] == b'\r' && bytes.get(next + 1) == Some(&b'\n') { 2 } else { 1 };
        }
        pos = next;
        Some((TextRange::new(start, end), TextRange::new(start, next)))
    })
}

/// The lines of the block (content ranges, without terminators): the YAML between the
/// delimiters, or everything after the opening line while the block is still unclosed, as it
/// is while being typed.
pub fn block_lines<'t>(text: &'t str, split: &FrontmatterSplit) -> impl Iterator<Item = TextRange> + 't {
    let start = split.yaml.start as usize;
    let end = if split.close.is_some() { split.yaml.end as usize } else { text.len() };
    lines(&text[start..end])
        .map(move |(content, _)| TextRange::new(start + content.start as usize, start + content.end as usize))
}

pub fn split(text: &str) -> Option<FrontmatterSplit> {
    let mut it = lines(text).skip_while(|(content, _)| text[content.as_usize()].trim().is_empty());
    let (open_line, open_full) = it.next()?;
    let open_text = &text[open_line.as_usize()];
    let trimmed = open_text.trim();
    if !trimmed.starts_with("---") {
        return None;
    }
    let lead = open_text.len() - open_text.trim_start().len();
    let dashes_end = open_line.start as usize + lead + 3;
    let open_tail =
        (trimmed != "---").then(|| TextRange::new(dashes_end, open_line.start as usize + lead + trimmed.len()));
    let yaml_start = open_full.end as usize;
    let mut dots = None;
    for (content, full) in it {
        let line = text[content.as_usize()].trim_end();
        if line == "..." && dots.is_none() {
            dots = Some(TextRange::new(content.start as usize, content.start as usize + 3));
        }
        if line == "---" {
            return Some(FrontmatterSplit {
                open: open_line,
                open_tail,
                yaml: TextRange::new(yaml_start, content.start as usize),
                close: Some(TextRange::new(content.start as usize, content.start as usize + 3)),
                dots,
                body_start: full.end as usize,
            });
        }
    }
    Some(FrontmatterSplit {
        open: open_line,
        open_tail,
        yaml: TextRange::empty(yaml_start),
        close: None,
        dots,
        body_start: yaml_start,
    })
}

/// chant's `split_frontmatter`, reproduced to predict where chant will cut.
pub fn chant_split(text: &str) -> ChantSplit {
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    if !trimmed.starts_with("---") {
        return ChantSplit::NoFrontmatter;
    }
    let yaml_start = lead + 3;
    match trimmed[3..].find("---") {
        Some(rel) => {
            let cut = yaml_start + rel;
            ChantSplit::Frontmatter { yaml: TextRange::new(yaml_start, cut), cut: TextRange::new(cut, cut + 3) }
        }
        None => ChantSplit::NoFrontmatter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_block_with_crlf() {
        let text = "---\r\ntype: code\r\n---\r\n# T\r\n";
        let fm = split(text).unwrap();
        assert_eq!(&text[fm.yaml.as_usize()], "type: code\r\n");
        assert_eq!(&text[fm.body_start..], "# T\r\n");
        assert_eq!(
            chant_split(text),
            ChantSplit::Frontmatter { yaml: TextRange::new(3, 17), cut: TextRange::new(17, 20) }
        );
    }

    #[test]
    fn unclosed_and_missing() {
        assert_eq!(split("# Title\n"), None);
        let fm = split("\n---\na: 1\n").unwrap();
        assert_eq!(fm.close, None);
        assert_eq!(chant_split("\n---\na: 1\n"), ChantSplit::NoFrontmatter);
    }

    #[test]
    fn block_lines_after_blank_lines_and_while_unclosed() {
        let text = "\n\n---\na: 1\r\nb: 2\n---\n# T\n";
        let fm = split(text).unwrap();
        let got: Vec<&str> = block_lines(text, &fm).map(|l| &text[l.as_usize()]).collect();
        assert_eq!(got, ["a: 1", "b: 2"]);
        let text = "---\na: 1\nb: ";
        let fm = split(text).unwrap();
        let got: Vec<&str> = block_lines(text, &fm).map(|l| &text[l.as_usize()]).collect();
        assert_eq!(got, ["a: 1", "b: "]);
    }

    #[test]
    fn chant_cuts_inside_a_value() {
        let text = "---\nnote: a---b\n---\n";
        let fm = split(text).unwrap();
        assert_eq!(fm.close, Some(TextRange::new(16, 19)));
        assert_eq!(
            chant_split(text),
            ChantSplit::Frontmatter { yaml: TextRange::new(3, 11), cut: TextRange::new(11, 14) }
        );
    }
}
