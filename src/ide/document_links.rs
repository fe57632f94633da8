//! Feature: document links. Every spec id (frontmatter and body), path, prompt and body link of
//! a spec that resolves to a file becomes clickable. A `tracks` glob is a link only when it
//! matches exactly one file: a link has a single target, and picking one of many would mislead.

use std::path::PathBuf;

use super::cursor::{all_body_ids, frontmatter_targets, link_targets, Target};
use super::goto_definition::resolve_target;
use super::limits::DOCUMENT_LINKS;
use super::SpecFile;
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocLink {
    /// The clickable text.
    pub range: TextRange,
    /// The file it opens.
    pub target: PathBuf,
}

/// The links of the spec, in source order.
pub fn document_links(ws: &Workspace, file: SpecFile) -> Vec<DocLink> {
    let SpecFile { path, spec } = file;
    let mut targets: Vec<Target> = frontmatter_targets(spec)
        .into_iter()
        .filter(|t| matches!(t, Target::SpecId { .. } | Target::Path { .. } | Target::Prompt { .. }))
        .collect();
    targets.extend(link_targets(spec));
    targets.extend(body_id_targets(ws, spec));
    let mut out: Vec<DocLink> = targets
        .iter()
        .filter_map(|t| {
            let [only] = resolve_target(ws, path, t).try_into().ok()?;
            Some(DocLink { range: t.range(), target: only.path })
        })
        .collect();
    out.sort_by_key(|l| (l.range.start, l.range.end));
    out.dedup_by_key(|l| l.range);
    // Links carry no text to say they were cut; the first ones in the file are kept.
    out.truncate(DOCUMENT_LINKS);
    out
}

/// Spec ids written in the body, except inside markdown links (the link wins there).
fn body_id_targets(ws: &Workspace, spec: &Spec) -> Vec<Target> {
    let mut links: Vec<TextRange> = spec.markdown().links.iter().map(|l| l.range).collect();
    links.sort_by_key(|l| l.start);
    all_body_ids(ws, spec).into_iter().filter(|t| !inside_any(&links, t.range().start as usize)).collect()
}

/// Whether `offset` is inside one of `links` (sorted by start, never nested): a binary search,
/// so a body with many links and many ids stays linear-logarithmic.
fn inside_any(links: &[TextRange], offset: usize) -> bool {
    let after = links.partition_point(|l| l.start as usize <= offset);
    after > 0 && links[after - 1].contains(offset)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::with_cursor;

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let fx = with_cursor(fixture);
        let spec = fx.spec();
        let rendered: Vec<String> = document_links(&fx.ws, fx.spec_file())
            .iter()
            .map(|l| format!("{} -> {}", &spec.text[l.range.as_usize()], fx.rel(&l.target)))
            .collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn every_kind_of_link() {
        check(
            r#"
//- /.chant/specs/a.md
$0---
depends_on: [002-b, missing]
members:
  - old
informed_by:
  - .chant/research/résumé-测试.md
  - /etc/passwd
tracks: ["src/*.rs", "docs/*.md"]
prompt: standard
---
# A

After 002-b and old, read [the notes](../research/résumé-测试.md#top) or [web](https://x.y).
//- /.chant/specs/002-b.md
# B
//- /.chant/archive/old/old.md
# Old
//- /.chant/research/résumé-测试.md
# Top
//- /.chant/prompts/standard.md
p
//- /src/one.rs
x
//- /docs/a.md
a
//- /docs/b.md
b
"#,
            expect![[r#"
                002-b -> .chant/specs/002-b.md
                old -> .chant/archive/old/old.md
                .chant/research/résumé-测试.md -> .chant/research/résumé-测试.md
                "src/*.rs" -> src/one.rs
                standard -> .chant/prompts/standard.md
                002-b -> .chant/specs/002-b.md
                old -> .chant/archive/old/old.md
                [the notes](../research/résumé-测试.md#top) -> .chant/research/résumé-测试.md"#]],
        );
    }
}
