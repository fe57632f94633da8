//! Feature: find references. On a spec (its title line, or any occurrence of its id): every id
//! field entry naming it and every body mention, in active and archived specs alike. On any
//! other file (the cursor anywhere in it, or on its path inside a spec): every path field entry
//! naming it (a `tracks` glob that matches it counts) and every body link leading to it.

use super::limits::REFERENCES;
use std::path::{Path, PathBuf};

use super::cursor::{target_at, Target};
use super::goto_definition::{normalize_rel, percent_decode, prompt_file, resolve_link};
use super::FilePosition;
use crate::spec::schema::{self, is_glob};
use crate::text::TextRange;
use crate::workspace::Workspace;

/// What references are asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Spec(String),
    /// A file, relative to the workspace root.
    File(PathBuf),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub path: PathBuf,
    pub range: TextRange,
}

/// References of what sits at the cursor in a spec.
pub fn references(ws: &Workspace, at: FilePosition, include_declaration: bool) -> Vec<Reference> {
    match subject_at(ws, at) {
        Some(subject) => references_of(ws, &subject, include_declaration),
        None => Vec::new(),
    }
}

/// References of a file that is not a spec (a prompt, a tracked source file): wherever the
/// cursor is, the file itself is the subject.
/// A file no spec names (a README, docs, notes: agents send every Markdown file here) has none,
/// not even itself: the answer stays empty rather than listing the file alone.
pub fn file_references_at(ws: &Workspace, path: &Path, include_declaration: bool) -> Vec<Reference> {
    let Ok(rel) = path.strip_prefix(&ws.root) else { return Vec::new() };
    if file_references(ws, rel).is_empty() {
        return Vec::new();
    }
    references_of(ws, &Subject::File(rel.to_path_buf()), include_declaration)
}

fn references_of(ws: &Workspace, subject: &Subject, include_declaration: bool) -> Vec<Reference> {
    let mut out = Vec::new();
    if include_declaration {
        out.extend(declaration(ws, subject));
    }
    match subject {
        Subject::Spec(id) => out.extend(spec_references(ws, id)),
        Subject::File(rel) => out.extend(file_references(ws, rel)),
    }
    // A location cannot say that more were left out; the first ones by file and offset are kept.
    // (Rename uses the uncapped lists: it must change every place.)
    out.truncate(REFERENCES);
    out
}

/// What the references at the cursor are of: a spec, or a file the cursor's path or link names.
pub fn subject_at(ws: &Workspace, at: FilePosition) -> Option<Subject> {
    let FilePosition { path, spec, offset } = at;
    match target_at(ws, spec, offset)? {
        Target::SpecId { id, .. } => ws.lookup(&id).is_some().then_some(Subject::Spec(id)),
        Target::Title { .. } => Some(Subject::Spec(spec.id.clone())),
        Target::Path { value, .. } if is_glob(&value) => None,
        Target::Path { value, .. } => normalize_rel(Path::new(""), &value).map(Subject::File),
        Target::Prompt { name, .. } => file_subject(ws, &prompt_file(ws, &name)?),
        Target::Link { dest, fragment, .. } => {
            file_subject(ws, &resolve_link(ws, path, &dest, fragment.as_deref())?.path)
        }
        Target::Key { .. } | Target::EnumValue { .. } => None,
    }
}

/// A file as a subject: a spec file stands for its spec.
fn file_subject(ws: &Workspace, full: &Path) -> Option<Subject> {
    if let Some(spec) = ws.spec(full) {
        return Some(Subject::Spec(spec.id.clone()));
    }
    Some(Subject::File(full.strip_prefix(&ws.root).ok()?.to_path_buf()))
}

fn declaration(ws: &Workspace, subject: &Subject) -> Option<Reference> {
    match subject {
        Subject::Spec(id) => {
            let path = ws.lookup_path(id)?;
            let range = ws.spec(path).and_then(|s| s.title.as_ref()).map_or(TextRange::empty(0), |t| t.line);
            Some(Reference { path: path.to_path_buf(), range })
        }
        Subject::File(rel) => {
            let full = ws.root.join(rel);
            ws.fs.is_file(&full).then_some(Reference { path: full, range: TextRange::empty(0) })
        }
    }
}

/// Every id field entry naming `id` and every body mention of it (a word holding a hyphen and
/// a digit, as ids do), sorted by file and offset; found through the workspace's mention index,
/// so the cost is that of the answer. Ranges cover the id alone (not the quotes around it), so a rename can
/// replace them.
pub fn spec_references(ws: &Workspace, id: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    for path in ws.mentioning(id) {
        let Some(spec) = ws.spec(path) else { continue };
        let fields = spec.items.iter().filter(|it| &*it.value == id && schema::id_fields().contains(&it.field));
        out.extend(fields.map(|it| Reference { path: path.to_path_buf(), range: it.inner }));
        let body = spec.body_ids.iter().filter(|(word, _)| &**word == id);
        out.extend(body.map(|(_, range)| Reference { path: path.to_path_buf(), range: *range }));
    }
    sorted(out)
}

/// Every path field entry naming the file at `rel` (globs included) and every body link to it.
pub fn file_references(ws: &Workspace, rel: &Path) -> Vec<Reference> {
    let full = ws.root.join(rel);
    let mut out = Vec::new();
    for path in ws.may_name_file(rel) {
        let Some(spec) = ws.spec(path) else { continue };
        for field in schema::path_fields() {
            for (value, range) in spec.string_items(field) {
                if names_file(value, rel) {
                    out.push(Reference { path: path.to_path_buf(), range });
                }
            }
        }
        for (dest, range) in spec.body_links.iter() {
            // Resolving touches the disk: only links ending in the file's name can lead to it.
            if Path::new(&percent_decode(dest)).file_name() != rel.file_name() {
                continue;
            }
            if resolve_link(ws, path, dest, None).is_some_and(|t| t.path == full) {
                out.push(Reference { path: path.to_path_buf(), range: *range });
            }
        }
    }
    sorted(out)
}

/// Whether a path entry (a path, or a glob) names `rel`; both are compared normalised.
fn names_file(value: &str, rel: &Path) -> bool {
    let Some(normal) = normalize_rel(Path::new(""), value) else { return false };
    if !is_glob(value) {
        return normal == rel;
    }
    let options = glob::MatchOptions { require_literal_separator: true, ..glob::MatchOptions::new() };
    let pattern = normal.to_str().and_then(|p| glob::Pattern::new(p).ok());
    pattern.is_some_and(|p| p.matches_path_with(rel, options))
}

fn sorted(mut refs: Vec<Reference>) -> Vec<Reference> {
    refs.sort_by(|a, b| (&a.path, a.range.start).cmp(&(&b.path, b.range.start)));
    refs.dedup();
    refs
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::{join_fixtures, with_cursor};
    use crate::ide::SpecFile;

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let fx = with_cursor(fixture);
        let found = match fx.ws.kept_source(&fx.file) {
            Some(spec) => references(&fx.ws, SpecFile::new(&fx.file, spec).at(fx.offset), true),
            None => file_references_at(&fx.ws, &fx.file, true),
        };
        let rendered: Vec<String> = found
            .iter()
            .map(|r| {
                let text = fx.read(&r.path);
                let line = text[..r.range.start as usize].matches('\n').count() + 1;
                format!("{}:{line} {}", fx.rel(&r.path), &text[r.range.as_usize()]).trim_end().to_string()
            })
            .collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    const SPECS: &str = r#"
//- /.chant/specs/002-b.md
---
depends_on: ["001-a"]
---
# B needs 001-a.
//- /.chant/specs/003-c.md
---
members:
  - 001-a
  - 002-b
informed_by: [./.chant/research/résumé-测试.md]
tracks: [".chant/research/*.md"]
---
# C

See [notes](../research/résumé-测试.md).
//- /.chant/archive/x/004-d.md
---
depends_on: 001-a
context:
  - .chant/research/../research/résumé-测试.md
---
# D
//- /.chant/research/résumé-测试.md
# Notes
"#;

    #[test]
    fn on_a_spec_title_and_on_an_entry() {
        check(
            &join_fixtures(&[
                // The blank line at the end is the one `SPECS` starts with.
                r#"
                    //- /.chant/specs/001-a.md
                    # Ünïcode $0🚀

                    Self: 001-a.

                "#,
                SPECS,
            ]),
            expect![[r#"
                .chant/specs/001-a.md:1 # Ünïcode 🚀
                .chant/archive/x/004-d.md:2 001-a
                .chant/specs/001-a.md:3 001-a
                .chant/specs/002-b.md:2 001-a
                .chant/specs/002-b.md:4 001-a
                .chant/specs/003-c.md:3 001-a"#]],
        );
        check(
            &join_fixtures(&[
                // The blank line at the end is the one `SPECS` starts with.
                r#"
                    //- /.chant/specs/001-a.md
                    # A

                "#,
                &SPECS.replace("  - 001-a\n", "  - 00$01-a\n"),
            ]),
            expect![[r#"
            .chant/specs/001-a.md:1 # A
            .chant/archive/x/004-d.md:2 001-a
            .chant/specs/002-b.md:2 001-a
            .chant/specs/002-b.md:4 001-a
            .chant/specs/003-c.md:3 001-a"#]],
        );
    }

    #[test]
    fn on_an_artifact_and_on_its_path() {
        check(
            &SPECS.replace("# Notes", "# No$0tes"),
            expect![[r#"
            .chant/research/résumé-测试.md:1
            .chant/archive/x/004-d.md:4 .chant/research/../research/résumé-测试.md
            .chant/specs/003-c.md:5 ./.chant/research/résumé-测试.md
            .chant/specs/003-c.md:6 ".chant/research/*.md"
            .chant/specs/003-c.md:10 [notes](../research/résumé-测试.md)"#]],
        );
        check(
            &SPECS.replace("[./.chant", "[./.ch$0ant"),
            expect![[r#"
            .chant/research/résumé-测试.md:1
            .chant/archive/x/004-d.md:4 .chant/research/../research/résumé-测试.md
            .chant/specs/003-c.md:5 ./.chant/research/résumé-测试.md
            .chant/specs/003-c.md:6 ".chant/research/*.md"
            .chant/specs/003-c.md:10 [notes](../research/résumé-测试.md)"#]],
        );
    }

    #[test]
    fn nothing_for_unknown_ids_and_keys() {
        check(
            r#"
                ---
                depends_on: [nob$0ody]
                ---
                # A
            "#,
            expect![[""]],
        );
        check(
            r#"
                ---
                sta$0tus: pending
                ---
                # A
            "#,
            expect![[""]],
        );
    }
}
