//! Each kind of change applied to an in-memory workspace: the exact specs it makes dirty.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use expect_test::{expect, Expect};

use super::*;
use crate::ide::test_fixture::{write_fixture, FixtureFiles};
use crate::workspace::fs::{FileAccess, MemoryFs};

/// Workspaces found and read on the fixture's in-memory disk.
#[derive(Debug)]
struct MemorySource {
    fs: Arc<MemoryFs>,
}

impl WorkspaceSource for MemorySource {
    fn find_root(&self, path: &Path) -> Option<PathBuf> {
        let holds_chant = |dir: &Path| self.fs.other_root(dir.to_path_buf()).is_dir(&dir.join(".chant"));
        path.ancestors().find(|dir| holds_chant(dir)).map(Path::to_path_buf)
    }

    fn walk(&self, root: &Path) -> crate::workspace::load::Walked {
        crate::workspace::load::walk_workspace(Arc::from(self.fs.other_root(root.to_path_buf())), None)
    }
}

/// A fixture's files and an index that has read the fixture's root.
struct Fx {
    files: FixtureFiles,
    index: LiveIndex,
}

impl Fx {
    fn new(fixture: &str) -> Fx {
        let files = write_fixture(fixture);
        let mut index = LiveIndex::new(Box::new(MemorySource { fs: files.fs.clone() }));
        index.apply(Change::IndexRoot { root: files.root.clone() });
        Fx { files, index }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.files.root.join(rel)
    }

    fn edit(&mut self, rel: &str, text: &str) -> String {
        self.apply(Change::EditorText { path: self.path(rel), text: text.to_string() })
    }

    fn on_disk(&mut self, rel: &str) -> String {
        self.apply(Change::OnDisk { path: self.path(rel) })
    }

    /// Applies `change` and renders what it invalidated.
    fn apply(&mut self, change: Change) -> String {
        let dirty = self.index.apply(change);
        render(&self.files.root, &dirty)
    }

    /// The title the index holds for a spec.
    fn title(&self, rel: &str) -> Option<String> {
        let ws = self.index.set().workspace_of(&self.path(rel))?;
        ws.spec(&self.path(rel))?.title.as_ref().map(|t| t.text.clone())
    }
}

/// One line per fact, paths relative to the fixture root.
fn render(root: &Path, dirty: &Dirty) -> String {
    let rel = |p: &Path| match p.strip_prefix(root) {
        Ok(r) if r.as_os_str().is_empty() => ".".to_string(),
        Ok(r) => r.display().to_string(),
        Err(_) => p.display().to_string(),
    };
    let mut out = String::new();
    for spec in &dirty.specs {
        out.push_str(&format!("spec {}\n", rel(spec)));
    }
    for root in &dirty.roots {
        out.push_str(&format!("every spec of {}\n", rel(root)));
    }
    if dirty.all {
        out.push_str("every spec\n");
    }
    for (root, n) in &dirty.indexed {
        out.push_str(&format!("indexed {} ({n} specs)\n", rel(root)));
    }
    for skip in &dirty.skipped {
        out.push_str(&format!("skipped {}: {}\n", rel(&skip.path), skip.reason));
    }
    out
}

#[track_caller]
fn check(actual: String, expect: Expect) {
    expect.assert_eq(&actual);
}

const A_NEEDS_B: &str = r#"
//- /.chant/specs/a.md
---
depends_on: [b]
---
# A
//- /.chant/specs/b.md
# B
//- /.chant/specs/c.md
---
depends_on: [a]
---
# C
//- /.chant/specs/d.md
# D
"#;

#[test]
fn indexing_reads_a_root_once_and_rechecks_everything() {
    let mut fx = Fx::new(A_NEEDS_B);
    check(
        fx.apply(Change::IndexRoot { root: fx.files.root.clone() }),
        expect![[r#"
        every spec
    "#]],
    );
    let mut fresh = LiveIndex::new(Box::new(MemorySource { fs: fx.files.fs.clone() }));
    let dirty = fresh.apply(Change::IndexRoot { root: fx.files.root.clone() });
    check(
        render(&fx.files.root, &dirty),
        expect![[r#"
        every spec
        indexed . (4 specs)
    "#]],
    );
}

/// The edited spec and the specs that name it; its old and new targets keep their verdicts.
#[test]
fn editing_depends_on_rechecks_the_spec_and_its_referrers() {
    let mut fx = Fx::new(A_NEEDS_B);
    check(
        fx.edit(".chant/specs/a.md", "---\ndepends_on: [d]\n---\n# A\n"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/c.md
    "#]],
    );
    // `a` names `d` now: an edit of `d` (its status, say) can change `a`'s verdict.
    check(
        fx.edit(".chant/specs/d.md", "# D, retitled\n"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/d.md
    "#]],
    );
    // Nobody names `b` any more.
    check(
        fx.edit(".chant/specs/b.md", "# B, retitled\n"),
        expect![[r#"
        spec .chant/specs/b.md
    "#]],
    );
}

/// Forming a cycle (c → a → b → c) re-checks every mate of a short cycle; so does breaking it.
#[test]
fn a_cycle_formed_or_broken_rechecks_its_mates() {
    let mut fx = Fx::new(A_NEEDS_B);
    check(
        fx.edit(".chant/specs/b.md", "---\ndepends_on: [c]\n---\n# B\n"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/b.md
        spec .chant/specs/c.md
    "#]],
    );
    check(
        fx.edit(".chant/specs/b.md", "# B\n"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/b.md
        spec .chant/specs/c.md
    "#]],
    );
}

/// In a long cycle each spec's message names only its neighbours: editing one re-checks the spec
/// pointing at it and the one it points at, not the whole ring.
#[test]
fn a_long_cycle_rechecks_only_the_neighbours() {
    let ring: String = (0..10)
        .map(|i| format!("//- /.chant/specs/s{i}.md\n---\ndepends_on: [s{}]\n---\n# S{i}\n", (i + 1) % 10))
        .collect();
    let mut fx = Fx::new(&ring);
    check(
        fx.edit(".chant/specs/s5.md", "---\ndepends_on: [s6]\n---\n# S5, retitled\n"),
        expect![[r#"
        spec .chant/specs/s4.md
        spec .chant/specs/s5.md
        spec .chant/specs/s6.md
    "#]],
    );
}

/// A spec appearing or going on disk re-checks the specs that depend on its id.
#[test]
fn a_spec_created_or_deleted_on_disk_rechecks_its_dependents() {
    let mut fx = Fx::new(A_NEEDS_B);
    fx.files.fs.write(".chant/specs/x.md", "# X\n");
    check(
        fx.on_disk(".chant/specs/x.md"),
        expect![[r#"
        spec .chant/specs/x.md
    "#]],
    );
    fx.files.fs.remove(".chant/specs/b.md");
    check(
        fx.on_disk(".chant/specs/b.md"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/b.md
    "#]],
    );
    assert_eq!(fx.title(".chant/specs/b.md"), None);
}

const NAMES_FILES: &str = r#"
//- /.chant/specs/a.md
---
informed_by: [docs/notes.md]
---
# A
//- /.chant/specs/b.md
---
context: ["docs/*.md"]
---
# B
//- /.chant/specs/c.md
---
target_files: [docs]
---
# C
//- /.chant/specs/d.md
---
target_files: [src/main.rs]
---
# D
//- /docs/notes.md
notes
"#;

/// A file named by a path field (directly, by a glob, or by a folder holding it) re-checks the
/// specs that name it; other specs keep their verdicts.
#[test]
fn deleting_a_referenced_file_rechecks_its_referrers() {
    let mut fx = Fx::new(NAMES_FILES);
    fx.files.fs.remove("docs/notes.md");
    check(
        fx.on_disk("docs/notes.md"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/b.md
        spec .chant/specs/c.md
    "#]],
    );
    // A deleted folder is often reported alone: what was named inside it counts too.
    check(
        fx.on_disk("docs"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/b.md
        spec .chant/specs/c.md
    "#]],
    );
    // Build output is never a referenced file.
    check(fx.on_disk("target/debug/x.md"), expect![""]);
}

/// A folder of specs moved in or out is reported as the folder: what the index had below it and
/// what the disk has now are both re-read.
#[test]
fn a_folder_of_specs_reported_alone_is_reread() {
    let mut fx = Fx::new("//- /.chant/specs/a.md\n---\ndepends_on: [n]\n---\n# A\n//- /.chant/specs/old/o.md\n# O\n");
    fx.files.fs.remove(".chant/specs/old");
    fx.files.fs.write(".chant/specs/later/n.md", "# N\n");
    check(
        fx.on_disk(".chant/specs/old"),
        expect![[r#"
        spec .chant/specs/old/o.md
    "#]],
    );
    check(
        fx.on_disk(".chant/specs/later"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/later/n.md
    "#]],
    );
}

/// `config.md`, `lsp.yaml` and prompts change what any spec of their workspace may report;
/// saving a spec changes nothing the edits have not already applied.
#[test]
fn config_lsp_yaml_and_prompt_changes_recheck_their_workspace() {
    let mut fx = Fx::new(A_NEEDS_B);
    check(
        fx.edit(".chant/config.md", "---\nlint: {}\n---\n"),
        expect![[r#"
        every spec of .
    "#]],
    );
    check(
        fx.edit(".chant/lsp.yaml", "severity:\n  unknown-field: loud\n"),
        expect![[r#"
        every spec of .
        skipped .chant/lsp.yaml: `unknown-field`: `loud` is not one of error, warning, information, hint, off
    "#]],
    );
    fx.files.fs.write(".chant/prompts/review.md", "prompt\n");
    check(
        fx.on_disk(".chant/prompts/review.md"),
        expect![[r#"
        every spec of .
    "#]],
    );
    check(
        fx.apply(Change::Saved { path: fx.path(".chant/prompts/review.md") }),
        expect![[r#"
        every spec of .
    "#]],
    );
    check(fx.apply(Change::Saved { path: fx.path(".chant/specs/a.md") }), expect![""]);
}

/// While the editor holds a spec its text wins over the disk; closing it reverts to the disk.
#[test]
fn the_editor_text_wins_until_the_file_is_closed() {
    let mut fx = Fx::new(A_NEEDS_B);
    check(
        fx.edit(".chant/specs/b.md", "# B in the editor\n"),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/b.md
    "#]],
    );
    fx.files.fs.write(".chant/specs/b.md", "# B on disk\n");
    check(fx.on_disk(".chant/specs/b.md"), expect![""]);
    assert_eq!(fx.title(".chant/specs/b.md").as_deref(), Some("B in the editor"));
    check(
        fx.apply(Change::EditorClosed { path: fx.path(".chant/specs/b.md") }),
        expect![[r#"
        spec .chant/specs/a.md
        spec .chant/specs/b.md
    "#]],
    );
    assert_eq!(fx.title(".chant/specs/b.md").as_deref(), Some("B on disk"));
    // Closed twice, or never opened: nothing to re-read.
    check(fx.apply(Change::EditorClosed { path: fx.path(".chant/specs/b.md") }), expect![""]);
}

/// Opening a file below a workspace the index does not know reads that workspace; a file with no
/// `.chant/` above it is not analysed and not tracked as open.
#[test]
fn opening_a_file_discovers_its_workspace() {
    let mut fx =
        Fx::new("//- /.chant/specs/a.md\n# A\n//- /sub/.chant/specs/n.md\n# N\n//- /sub/.chant/specs/m.md\n# M\n");
    check(
        fx.edit("sub/.chant/specs/n.md", "# N edited\n"),
        expect![[r#"
        spec sub/.chant/specs/n.md
        every spec of sub
        indexed sub (2 specs)
    "#]],
    );
    assert!(fx.index.is_open(&fx.path("sub/.chant/specs/n.md")));
    let outside = PathBuf::from("/elsewhere/x.md");
    check(fx.apply(Change::EditorText { path: outside.clone(), text: "# X\n".to_string() }), expect![""]);
    assert!(!fx.index.is_open(&outside));
}

#[test]
fn settings_and_closed_roots_recheck_everything() {
    let mut fx = Fx::new(A_NEEDS_B);
    let settings = ClientSettings { include_archive: true, ..ClientSettings::default() };
    check(
        fx.apply(Change::Settings(settings)),
        expect![[r#"
        every spec
    "#]],
    );
    assert!(fx.index.set().settings.include_archive);
    check(
        fx.apply(Change::RootClosed { root: fx.files.root.clone() }),
        expect![[r#"
        every spec
    "#]],
    );
    assert!(fx.index.set().workspaces.is_empty());
    check(fx.apply(Change::RootClosed { root: fx.files.root.clone() }), expect![""]);
}

/// Readers holding the set from before a change keep seeing it unchanged.
#[test]
fn a_change_leaves_earlier_readers_views_alone() {
    let mut fx = Fx::new(A_NEEDS_B);
    let before = Arc::clone(fx.index.set());
    fx.edit(".chant/specs/b.md", "# B edited\n");
    let b = fx.path(".chant/specs/b.md");
    let title = |set: &WorkspaceSet| set.workspace_of(&b).and_then(|ws| ws.spec(&b)?.title.clone()).map(|t| t.text);
    assert_eq!(title(&before).as_deref(), Some("B"));
    assert_eq!(title(fx.index.set()).as_deref(), Some("B edited"));
}

/// A file outside every `.chant/` folder is a referenced file of each workspace that holds it:
/// nested workspaces both re-check their specs naming it; a file outside them all changes nothing.
#[test]
fn a_referenced_file_counts_in_every_workspace_holding_it() {
    let mut fx = Fx::new(
        r#"
//- /.chant/specs/top.md
---
context: [sub/docs/x.md]
---
# Top
//- /sub/.chant/specs/inner.md
---
context: [docs/x.md]
---
# Inner
//- /sub/docs/x.md
x
"#,
    );
    fx.apply(Change::IndexRoot { root: fx.path("sub") });
    fx.files.fs.remove("sub/docs/x.md");
    check(
        fx.on_disk("sub/docs/x.md"),
        expect![[r#"
        spec .chant/specs/top.md
        spec sub/.chant/specs/inner.md
    "#]],
    );
    check(fx.apply(Change::OnDisk { path: PathBuf::from("/elsewhere/docs/x.md") }), expect![""]);
}

/// Members inherit their driver's dependencies and wait for earlier siblings, without naming
/// either: editing the driver re-checks its members, editing a member its siblings.
#[test]
fn a_driver_or_member_edit_rechecks_the_group() {
    let mut fx = Fx::new(
        r#"
        //- /.chant/specs/d.md
        ---
        type: driver
        ---
        # D
        //- /.chant/specs/d.1.md
        ---
        status: completed
        ---
        # One
        //- /.chant/specs/d.2.md
        ---
        status: in_progress
        ---
        # Two
        //- /.chant/specs/other.md
        ---
        ---
        # Other
        "#,
    );
    check(
        fx.edit(".chant/specs/d.md", "---\ntype: driver\ndepends_on: [other]\n---\n# D\n"),
        expect![[r#"
            spec .chant/specs/d.1.md
            spec .chant/specs/d.2.md
            spec .chant/specs/d.md
        "#]],
    );
    check(
        fx.edit(".chant/specs/d.1.md", "---\nstatus: pending\n---\n# One\n"),
        expect![[r#"
        spec .chant/specs/d.1.md
        spec .chant/specs/d.2.md
    "#]],
    );
}
