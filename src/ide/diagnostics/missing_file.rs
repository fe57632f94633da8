//! `missing-file`: a path in `informed_by`, `context`, `origin` or `output_schema` (and in
//! `target_files` once the spec is completed) that does not exist in the workspace.

use super::fix::{requote, Edit, Fix, NewFile};
use super::paths::{check_path, path_entries, PathCheck};
use super::Diagnostic;
use super::{Acc, Code, GraphCtx};
use crate::spec::id::nearest;
use crate::spec::schema::is_glob;
use crate::spec::schema::{ReferenceKind, CONTEXT, OUTPUT_SCHEMA, TARGET_FILES};
use crate::spec::Spec;
use crate::workspace::Workspace;
use std::path::Path;

pub(super) fn check(ctx: &GraphCtx, acc: &mut Acc) {
    for (field, value, range) in path_entries(ctx.spec) {
        // A path-or-glob field that names nothing is `no-match`'s finding.
        if field.reference == ReferenceKind::PathOrGlob || check_path(ctx.ws, value) != PathCheck::Missing {
            continue;
        }
        let field = field.name;
        let why = match field {
            TARGET_FILES => "the spec is completed but this file it should have produced is not in the workspace",
            CONTEXT => "chant cannot inject it into the prompt",
            OUTPUT_SCHEMA => "chant lint fails with `Output schema file not found` once the spec is completed",
            _ => "drift checks and readers of this spec cannot find it",
        };
        acc.push(Code::MissingFile, range, format!("`{value}` ({field}) does not exist: {why}"));
    }
}

/// The quick fixes of one of this rule's findings (`index`: its place in the list the editor
/// sent back), registered in `FIXES`.
pub(super) fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    missing_file(ws, spec, d, index)
}

/// `issue-42_sprawl.md` → `Issue 42 sprawl`.
fn heading_from(value: &str) -> String {
    let stem = Path::new(value).file_stem().and_then(|s| s.to_str()).unwrap_or(value);
    let words: Vec<&str> = stem.split(['-', '_', ' ', '.']).filter(|w| !w.is_empty()).collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => joined,
    }
}

fn missing_file(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let original = &spec.text[d.range.as_usize()];
    let value = original.trim_matches(['"', '\'']);
    if is_glob(value) {
        return Vec::new();
    }
    let full = ws.root.join(value);
    let mut out = Vec::new();
    let initial = if value.ends_with(".md") { format!("# {}\n", heading_from(value)) } else { String::new() };
    out.push(Fix {
        creates: vec![NewFile { path: full.clone(), text: initial }],
        ..Fix::edit(format!("Create `{value}`"), index, Vec::new())
    });
    // The closest name in the folder the path points into: a typo or a renamed file.
    let (Some(parent), Some(name)) = (full.parent(), full.file_name().and_then(|n| n.to_str())) else {
        return out;
    };
    let siblings: Vec<String> = ws
        .fs
        .list(parent)
        .map(|dir| dir.iter().filter_map(|e| e.name().map(str::to_string)).collect())
        .unwrap_or_default();
    let names: Vec<&str> = siblings.iter().map(String::as_str).collect();
    // Only a path that ends in the file name can have that name swapped (not `dir/`, `a/.`).
    if !value.ends_with(name) {
        return out;
    }
    if let Some(close) = nearest(name, &names).filter(|c| *c != name) {
        let replaced = format!("{}{close}", &value[..value.len() - name.len()]);
        let edit = Edit { range: d.range, new_text: requote(original, &replaced) };
        out.push(Fix::edit(format!("Change to `{replaced}`"), index, vec![edit]));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn missing_paths() {
        check(
            Code::MissingFile,
            r#"
                //- /.chant/specs/a.md
                ---
                status: pending
                informed_by:
                  - .chant/research/there.md
                  - .chant/research/gone.md
                context: [derived_team=core]
                target_files: [not-yet.rs]
                ---
                # A
                //- /.chant/research/there.md
                # R
            "#,
            expect![[r#"
                ---
                status: pending
                informed_by:
                  - .chant/research/there.md
                  - .chant/research/gone.md
                    ^^^^^^^^^^^^^^^^^^^^^^^ warning[missing-file]: `.chant/research/gone.md` (informed_by) does not exist: drift checks and readers of this spec cannot find it
                context: [derived_team=core]
                target_files: [not-yet.rs]
                ---
                # A
            "#]],
        );
        check(
            Code::MissingFile,
            r#"
                ---
                status: completed
                target_files: [src/*.rs, out.md]
                ---
                # A
            "#,
            expect![[r#"
            ---
            status: completed
            target_files: [src/*.rs, out.md]
                           ^^^^^^^^ warning[missing-file]: `src/*.rs` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
                                     ^^^^^^ warning[missing-file]: `out.md` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
            ---
            # A
        "#]],
        );
    }
}

/// The rule's quick fixes applied to fixtures: the exact text each produces, and the findings
/// after re-reading the workspace (the repaired one gone, nothing new).
#[cfg(test)]
mod fix_tests {
    use crate::ide::test_fixture::fixes::*;

    #[test]
    fn missing_file_create_or_pick() {
        check_fix(
            r#"
                //- /.chant/specs/a.md
                ---
                informed_by:
                  - $0.chant/research/issue-42-sprawl.md
                ---
                # A
                //- /.chant/research/notes.md
                # N
            "#,
            Code::MissingFile,
            "Create `.chant/research/issue-42-sprawl.md`",
            expect![[r##"
                offered: ["Create `.chant/research/issue-42-sprawl.md`"]
                created .chant/research/issue-42-sprawl.md: "# Issue 42 sprawl\n"
                ---
                informed_by:
                  - .chant/research/issue-42-sprawl.md
                ---
                # A
            "##]],
        );
        check_fix(
            r#"
                //- /.chant/specs/a.md
                ---
                informed_by: ['$0.chant/research/ntoes.md']
                ---
                # A
                //- /.chant/research/notes.md
                # N
            "#,
            Code::MissingFile,
            "Change to `.chant/research/notes.md`",
            expect![[r#"
                offered: ["Create `.chant/research/ntoes.md`", "Change to `.chant/research/notes.md`"]
                ---
                informed_by: ['.chant/research/notes.md']
                ---
                # A
            "#]],
        );
    }
}
