//! Folding ranges: the frontmatter block, each markdown section and each code fence. Only
//! ranges that span more than one line are worth folding.

use super::document_symbols::sections;
use super::limits::FOLDING_RANGES;
use super::SpecFile;
use crate::text::TextRange;
use crate::workspace::Workspace;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    /// The frontmatter and heading sections.
    Region,
    Code,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    pub range: TextRange,
    pub kind: FoldKind,
}

/// The folds of the spec. Only its own text matters; the workspace is taken like every feature's.
pub fn folding_ranges(_ws: &Workspace, file: SpecFile) -> Vec<Fold> {
    let spec = file.spec;
    let mut folds = Vec::new();
    if let Some(split) = &spec.split {
        if let Some(close) = split.close {
            folds.push(Fold {
                range: TextRange::new(split.open.start as usize, close.end as usize),
                kind: FoldKind::Region,
            });
        }
    }
    folds.extend(sections(spec).into_iter().map(|s| Fold { range: s.range, kind: FoldKind::Region }));
    for block in &spec.markdown().code_blocks {
        // pulldown-cmark's block range ends after the closing fence's line break.
        let end = spec.text[..block.end as usize].trim_end().len().max(block.start as usize);
        folds.push(Fold { range: TextRange::new(block.start as usize, end), kind: FoldKind::Code });
    }
    folds.retain(|f| spec.text[f.range.as_usize()].contains('\n'));
    folds.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    // A fold has no text to say it was cut: the outline (document symbols) says so instead.
    folds.truncate(FOLDING_RANGES);
    folds
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::ide::test_fixture::with_cursor;

    #[test]
    fn frontmatter_sections_and_fences() {
        let f = with_cursor(
            r#"
                ---
                type: code$0
                ---
                # Ünïcode 🚀

                Intro.

                ## One line
                ## Two

                ```rust
                fn f() {}
                ```

                  ~~~
                  x
                  ~~~

            "#,
        );
        let spec = f.spec();
        let index = spec.line_index();
        let actual: String = folding_ranges(&f.ws, f.spec_file())
            .iter()
            .map(|fold| {
                let (start, end) = (index.line_of(fold.range.start), index.line_of(fold.range.end));
                format!(
                    "{:?} {start}..={end} {:?}\n",
                    fold.kind,
                    &spec.text[fold.range.as_usize()].lines().next().unwrap_or_default()
                )
            })
            .collect();
        expect![[r###"
            Region 0..=2 "---"
            Region 3..=16 "# Ünïcode 🚀"
            Region 8..=16 "## Two"
            Code 10..=12 "```rust"
            Code 14..=16 "~~~"
        "###]]
        .assert_eq(&actual);
    }
}
