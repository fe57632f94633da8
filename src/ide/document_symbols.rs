//! Document symbols: the frontmatter with its keys, then the markdown heading outline nested by
//! level. The section ranges are shared with folding.

use super::limits::{more_not_shown, DOCUMENT_SYMBOLS};
use super::SpecFile;
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Frontmatter,
    Key,
    Heading,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The whole extent: a key with its value, a heading with its section.
    pub range: TextRange,
    /// The part to highlight: the key, the heading line.
    pub selection_range: TextRange,
    pub children: Vec<DocumentSymbol>,
}

/// A heading and the text it governs, up to the next heading of the same or a higher level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub level: u8,
    pub text: String,
    pub heading: TextRange,
    /// From the heading to the end of the section's last non-blank text.
    pub range: TextRange,
}

pub fn sections(spec: &Spec) -> Vec<Section> {
    let headings = &spec.markdown().headings;
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let next = headings[i + 1..].iter().find(|n| n.level <= h.level);
            let limit = next.map_or(spec.text.len(), |n| n.range.start as usize);
            let end = spec.text[..limit].trim_end().len().max(h.range.end as usize);
            Section {
                level: h.level,
                text: h.text.clone(),
                heading: h.range,
                range: TextRange::new(h.range.start as usize, end),
            }
        })
        .collect()
}

/// The outline of the spec. Only its own text matters; the workspace is taken like every
/// feature's.
pub fn document_symbols(_ws: &Workspace, file: SpecFile) -> Vec<DocumentSymbol> {
    let spec = file.spec;
    let mut out: Vec<DocumentSymbol> = frontmatter_symbol(spec).into_iter().collect();
    let mut sections = sections(spec);
    // Headings past the cap are not listed; a last symbol at the last listed one says so.
    let more = sections.len().saturating_sub(DOCUMENT_SYMBOLS - 1);
    sections.truncate(DOCUMENT_SYMBOLS - 1);
    out.extend(nest(&sections, &mut 0, 0));
    if let (true, Some(last)) = (more > 0, sections.last()) {
        out.push(DocumentSymbol {
            name: more_not_shown(more, "headings"),
            kind: SymbolKind::Heading,
            range: last.heading,
            selection_range: last.heading,
            children: Vec::new(),
        });
    }
    out
}

fn frontmatter_symbol(spec: &Spec) -> Option<DocumentSymbol> {
    let split = spec.split.as_ref()?;
    let end = split.close.map_or(split.yaml.end, |c| c.end);
    let children = spec
        .yaml
        .iter()
        .flat_map(|root| root.entries())
        .take(DOCUMENT_SYMBOLS)
        .filter_map(|entry| {
            let name = entry.key.as_scalar()?.to_string();
            let range =
                TextRange::new(entry.key.range.start as usize, entry.value.range.end.max(entry.key.range.end) as usize);
            Some(DocumentSymbol {
                name,
                kind: SymbolKind::Key,
                range,
                selection_range: entry.key.range,
                children: Vec::new(),
            })
        })
        .collect();
    Some(DocumentSymbol {
        name: "frontmatter".to_string(),
        kind: SymbolKind::Frontmatter,
        range: TextRange::new(split.open.start as usize, end as usize),
        selection_range: split.open,
        children,
    })
}

/// The sections from `*next` on that sit deeper than `parent_level`, each with its own subtree.
fn nest(sections: &[Section], next: &mut usize, parent_level: u8) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    while let Some(section) = sections.get(*next).filter(|s| s.level > parent_level) {
        *next += 1;
        let children = nest(sections, next, section.level);
        // Editors reject symbols without a name.
        let name = if section.text.is_empty() { "(empty heading)".to_string() } else { section.text.clone() };
        out.push(DocumentSymbol {
            name,
            kind: SymbolKind::Heading,
            range: section.range,
            selection_range: section.heading,
            children,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::with_cursor;

    fn render(text: &str, symbols: &[DocumentSymbol], depth: usize, out: &mut String) {
        for s in symbols {
            let last_line = text[s.range.as_usize()].lines().last().unwrap_or_default();
            out.push_str(&format!(
                "{}{:?} {:?} [{}] … {:?}\n",
                "  ".repeat(depth),
                s.kind,
                s.name,
                &text[s.selection_range.as_usize()],
                last_line
            ));
            render(text, &s.children, depth + 1, out);
        }
    }

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = with_cursor(fixture);
        let spec = f.spec();
        let mut out = String::new();
        render(&spec.text, &document_symbols(&f.ws, f.spec_file()), 0, &mut out);
        expect.assert_eq(&out);
    }

    #[test]
    fn frontmatter_keys_and_nested_headings() {
        check(
            r#"---
type: code$0
depends_on:
  - a
  - b
approval:
  required: true
---
# Ünïcode 🚀

Intro.

## Context

### Détail

text

```
# not a heading
```

## Acceptance Criteria

- [ ] one

#
"#,
            expect![[r##"
                Frontmatter "frontmatter" [---] … "---"
                  Key "type" [type] … "type: code"
                  Key "depends_on" [depends_on] … "  - b"
                  Key "approval" [approval] … "  required: true"
                Heading "Ünïcode 🚀" [# Ünïcode 🚀] … "- [ ] one"
                  Heading "Context" [## Context] … "```"
                    Heading "Détail" [### Détail] … "```"
                  Heading "Acceptance Criteria" [## Acceptance Criteria] … "- [ ] one"
                Heading "(empty heading)" [#] … "#"
            "##]],
        );
    }

    #[test]
    fn no_frontmatter_no_headings() {
        check("just text$0\n", expect![""]);
    }

    #[test]
    fn outline_and_folds_are_capped() {
        let headings: String = (0..2_100).map(|i| format!("## H{i}\ntext\n")).collect();
        let spec = Spec::parse("t".into(), crate::spec::SpecLocation::Active, format!("---\n---\n# T\n{headings}"));
        let (ws, path) = (Workspace::new("/w".into()), std::path::Path::new("/w/.chant/specs/t.md"));
        let symbols = document_symbols(&ws, SpecFile::new(path, &spec));
        let title = &symbols[1];
        let last = symbols.last().expect("symbols");
        let folds = crate::ide::folding_ranges::folding_ranges(&ws, SpecFile::new(path, &spec));
        expect![[r#"top level: 3, under the title: 1998, last: "102 more headings not shown", folds: 2000"#]]
            .assert_eq(&format!(
                "top level: {}, under the title: {}, last: {:?}, folds: {}",
                symbols.len(),
                title.children.len(),
                last.name,
                folds.len()
            ));
    }
}
