//! Feature: rename a spec id. On an id (an id field entry, a body mention, or the spec's own
//! title line for "this spec"), every reference in every spec is rewritten and the spec file is
//! renamed to `<new>.md` in its folder. When the user renames a spec file instead, the same
//! reference edits follow the new file stem.
//!
//! Refusals are user-facing messages: the editor shows them as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::cursor::{target_at, Target};
use super::references::spec_references;
use super::FilePosition;
use crate::spec::id;
use crate::text::TextRange;
use crate::workspace::fs::FsError;
use crate::workspace::load::spec_id;
use crate::workspace::Workspace;

/// The id a rename would change, and where it sits under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameTarget {
    pub id: String,
    pub range: TextRange,
}

pub use crate::text::TextEdit;

/// The edits of one file, in source order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdits {
    pub path: PathBuf,
    pub edits: Vec<TextEdit>,
}

/// A whole rename: text edits on the files as they are now, then the spec file's move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenamePlan {
    pub edits: Vec<FileEdits>,
    pub old_path: PathBuf,
    pub new_path: PathBuf,
}

pub fn prepare_rename(ws: &Workspace, at: FilePosition) -> Result<RenameTarget, String> {
    let spec = at.spec;
    let target = match target_at(ws, spec, at.offset) {
        Some(Target::SpecId { id, range, .. }) => RenameTarget { id, range },
        Some(Target::Title { range }) => RenameTarget { id: spec.id.clone(), range },
        _ => return Err("Only a spec id can be renamed here: put the cursor on a spec id or on a spec's title".into()),
    };
    if ws.lookup(&target.id).is_none() {
        if let Some((repo, _)) = id::split_repo(&target.id) {
            return Err(format!("`{}` is a spec of the `{repo}` repository: rename it there", target.id));
        }
        return Err(format!("`{}` is not the id of a known spec", target.id));
    }
    // Quoted entries: the editor selects the id, not its quotes.
    let range = match spec.text[target.range.as_usize()].find(&target.id) {
        Some(at) => {
            TextRange::new(target.range.start as usize + at, target.range.start as usize + at + target.id.len())
        }
        None => target.range,
    };
    Ok(RenameTarget { range, ..target })
}

pub fn rename(ws: &Workspace, at: FilePosition, new_name: &str) -> Result<RenamePlan, String> {
    let target = prepare_rename(ws, at)?;
    check_new_name(ws, &target.id, new_name)?;
    let old_path = ws.lookup_path(&target.id).ok_or_else(|| format!("`{}` has no spec file", target.id))?.to_path_buf();
    let new_path = old_path.with_file_name(format!("{new_name}.md"));
    // Anything already there counts, even a link leading out of the workspace.
    if ws.fs.stat(&new_path) != Err(FsError::Missing) {
        return Err(format!("`{}` already exists", new_path.display()));
    }
    Ok(RenamePlan { edits: id_edits(ws, &target.id, new_name), old_path, new_path })
}

fn check_new_name(ws: &Workspace, old: &str, new: &str) -> Result<(), String> {
    if new.is_empty() {
        return Err("A spec id cannot be empty".into());
    }
    if new == old {
        return Err(format!("The spec is already called `{old}`"));
    }
    if new.contains(['/', '\\', ':']) || new.contains(char::is_whitespace) {
        return Err(format!("`{new}` is not a valid spec id: it must not contain `/`, `\\`, `:` or whitespace"));
    }
    if new.starts_with('.') {
        return Err(format!("`{new}` is not a valid spec id: it must not start with `.`"));
    }
    if ws.lookup(new).is_some() {
        return Err(format!("A spec with id `{new}` already exists"));
    }
    Ok(())
}

/// Edits replacing every reference to `old` (id field entries, body mentions) with `new`.
pub fn id_edits(ws: &Workspace, old: &str, new: &str) -> Vec<FileEdits> {
    let mut by_file: BTreeMap<PathBuf, Vec<TextEdit>> = BTreeMap::new();
    for r in spec_references(ws, old) {
        by_file.entry(r.path).or_default().push(TextEdit { range: r.range, new_text: new.to_string() });
    }
    by_file.into_iter().map(|(path, edits)| FileEdits { path, edits }).collect()
}

/// Edits that follow a spec file moved from `old` to `new`: nothing unless its stem changed,
/// and nothing when another file is the one its id resolves to (the references are not its).
pub fn file_rename_edits(ws: &Workspace, old: &Path, new: &Path) -> Vec<FileEdits> {
    let (old_id, new_id) = (spec_id(old), spec_id(new));
    if old_id == new_id || ws.spec_location(old).is_none() || ws.lookup_path(&old_id).is_none_or(|p| **p != *old) {
        return Vec::new();
    }
    id_edits(ws, &old_id, &new_id)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::{join_fixtures, with_cursor, CursorFixture};

    fn render_edits(fx: &CursorFixture, edits: &[FileEdits]) -> String {
        let mut out = String::new();
        for file in edits {
            let text = fx.read(&file.path);
            for e in &file.edits {
                let line = text[..e.range.start as usize].matches('\n').count() + 1;
                let old = &text[e.range.as_usize()];
                out.push_str(&format!("{}:{line} {old} -> {}\n", fx.rel(&file.path), e.new_text));
            }
        }
        out
    }

    #[track_caller]
    fn check(fixture: &str, new_name: &str, expect: Expect) {
        let fx = with_cursor(fixture);
        let rendered = match rename(&fx.ws, fx.position(), new_name) {
            Ok(plan) => {
                let moved = format!("move {} -> {}\n", fx.rel(&plan.old_path), fx.rel(&plan.new_path));
                render_edits(&fx, &plan.edits) + &moved
            }
            Err(message) => format!("refused: {message}\n"),
        };
        expect.assert_eq(&rendered);
    }

    const SPECS: &str = r#"//- /.chant/specs/002-b.md
---
depends_on: ["001-a", 001-ab]
---
# B needs 001-a.
//- /.chant/specs/001-ab.md
# AB
//- /.chant/archive/x/004-d.md
---
members: [001-a]
---
# D
"#;

    #[test]
    fn renames_everywhere_and_moves_the_file() {
        let fixture = join_fixtures(&[
            r#"
                //- /.chant/specs/001-a.md
                # Ünïcode 🚀$0

                Self: 001-a.
            "#,
            SPECS,
        ]);
        check(
            &fixture,
            "001-alpha",
            expect![[r#"
            .chant/archive/x/004-d.md:2 001-a -> 001-alpha
            .chant/specs/001-a.md:3 001-a -> 001-alpha
            .chant/specs/002-b.md:2 001-a -> 001-alpha
            .chant/specs/002-b.md:4 001-a -> 001-alpha
            move .chant/specs/001-a.md -> .chant/specs/001-alpha.md
        "#]],
        );
        let fixture = join_fixtures(&[
            r#"
                //- /.chant/specs/001-a.md
                # A
            "#,
            &SPECS.replace("\"001-a\"", "\"00$01-a\""),
        ]);
        check(
            &fixture,
            "001-alpha",
            expect![[r#"
            .chant/archive/x/004-d.md:2 001-a -> 001-alpha
            .chant/specs/002-b.md:2 001-a -> 001-alpha
            .chant/specs/002-b.md:4 001-a -> 001-alpha
            move .chant/specs/001-a.md -> .chant/specs/001-alpha.md
        "#]],
        );
    }

    #[test]
    fn refusals() {
        let fixture = join_fixtures(&[
            r#"
                //- /.chant/specs/001-a.md
                ---
                depends_on: [00$01-a, zz]
                ---
                # A
            "#,
            SPECS,
        ]);
        check(
            &fixture,
            "",
            expect![[r#"
            refused: A spec id cannot be empty
        "#]],
        );
        check(
            &fixture,
            "a b",
            expect![[r#"
            refused: `a b` is not a valid spec id: it must not contain `/`, `\`, `:` or whitespace
        "#]],
        );
        check(
            &fixture,
            "x/y",
            expect![[r#"
            refused: `x/y` is not a valid spec id: it must not contain `/`, `\`, `:` or whitespace
        "#]],
        );
        check(
            &fixture,
            "r:y",
            expect![[r#"
            refused: `r:y` is not a valid spec id: it must not contain `/`, `\`, `:` or whitespace
        "#]],
        );
        check(
            &fixture,
            "001-ab",
            expect![[r#"
            refused: A spec with id `001-ab` already exists
        "#]],
        );
        check(
            r#"
                ---
                depends_on: [z$0z]
                ---
                # A
            "#,
            "y",
            expect![[r#"
            refused: `zz` is not the id of a known spec
        "#]],
        );
        check(
            r#"
                ---
                depends_on: [api:0$01]
                ---
                # A
            "#,
            "y",
            expect![[r#"
            refused: `api:01` is a spec of the `api` repository: rename it there
        "#]],
        );
        check(
            r#"
                ---
                sta$0tus: pending
                ---
                # A
            "#,
            "y",
            expect![[r#"
            refused: Only a spec id can be renamed here: put the cursor on a spec id or on a spec's title
        "#]],
        );
    }

    #[test]
    fn file_renames_follow_the_stem() {
        let fx = with_cursor(&join_fixtures(&[
            r#"
                //- /.chant/specs/001-a.md
                # A$0
            "#,
            SPECS,
        ]));
        let specs = fx.files.root.join(".chant/specs");
        let edits = file_rename_edits(&fx.ws, &specs.join("001-a.md"), &specs.join("001-z.md"));
        expect![[r#"
            .chant/archive/x/004-d.md:2 001-a -> 001-z
            .chant/specs/002-b.md:2 001-a -> 001-z
            .chant/specs/002-b.md:4 001-a -> 001-z
        "#]]
        .assert_eq(&render_edits(&fx, &edits));
        let moved = file_rename_edits(&fx.ws, &specs.join("001-a.md"), &fx.files.root.join(".chant/archive/001-a.md"));
        assert_eq!(moved, Vec::new());
    }
}
