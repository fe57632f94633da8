//! `check --fix`: the editor's fix-all (`ide::code_actions::fix_all`, the same function the
//! server offers) applied to one spec until nothing more applies, with the workspace's index
//! updated so that the re-check, and the specs fixed after this one, see the fixed text.
//!
//! The text is read again through the workspace's file door rather than taken from the index,
//! which need not keep every spec's text. A file that cannot be read as a spec is never touched.
//! Fix-all never ticks acceptance-criteria boxes and never creates files; this adds nothing else.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ide::code_actions::{fix_all, Applicability, Edit};
use crate::ide::diagnostics::diagnose;
use crate::spec::Spec;
use crate::workspace::config::SeverityOverrides;
use crate::workspace::load::{parse_spec_file, read_spec_text};
use crate::workspace::Workspace;

/// Fix-all defers edits that collide with one already taken to a next run; a spec is run again
/// until nothing changes, at most this many times (two suffice for every spec of the corpus).
const MAX_PASSES: usize = 8;

/// One spec with fixes applied: its text before and after, and how many findings were fixed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedSpec {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    pub n_fixes: usize,
}

/// Applies fix-all to the spec at `path` (text from disk through `ws.fs`), puts the result in
/// the index, and returns it; `None` when there was nothing to fix or the file is no readable
/// spec.
pub fn fix_spec_on_disk(
    ws: &mut Workspace,
    path: &Path,
    overrides: &SeverityOverrides,
    applicability: Applicability,
) -> Option<FixedSpec> {
    let text = read_spec_text(&*ws.fs, path).ok()?;
    fix_spec_text(ws, path, text, overrides, applicability)
}

/// Applies fix-all to `text` as the spec at `path` of `ws` (the index then holds the fixed
/// text); `None` when nothing applies or the text is no spec chant-lsp can analyse.
pub fn fix_spec_text(
    ws: &mut Workspace,
    path: &Path,
    text: String,
    overrides: &SeverityOverrides,
    applicability: Applicability,
) -> Option<FixedSpec> {
    // The index usually holds this very text already: re-indexing it would only cost time.
    let mut spec = match ws.kept_source(path) {
        Some(indexed) if indexed.unreadable.is_none() && indexed.text == text => indexed.clone(),
        _ => {
            let spec = Arc::new(readable(&ws.root, path, text.clone())?);
            ws.upsert_kept(path.to_path_buf(), spec.clone());
            spec
        }
    };
    let mut n_fixes = 0;
    for _ in 0..MAX_PASSES {
        let found = diagnose(ws, path, overrides);
        let Some(fix) = fix_all(ws, &spec, &found, applicability) else { break };
        let fixed = apply_edits(&spec.text, &fix.edits);
        // A fixed text that no longer parses as a spec would be a bug in a fix: keep the last good one.
        let Some(next) = readable(&ws.root, path, fixed) else { break };
        if next.text == spec.text {
            break;
        }
        n_fixes += fix.diagnostics.len();
        spec = Arc::new(next);
        ws.upsert_kept(path.to_path_buf(), spec.clone());
    }
    (n_fixes > 0).then(|| FixedSpec { path: path.to_path_buf(), before: text, after: spec.text.clone(), n_fixes })
}

/// Fixes every spec of `paths` in turn (in the order given), skipping those that cannot be read
/// as specs; the specs fixed, in that order. One at a time: a fix may change what the specs
/// after it are told (a spec that loads again, a dependency that resolves).
pub fn fix_reported(
    ws: &mut Workspace,
    paths: &[PathBuf],
    overrides: &SeverityOverrides,
    applicability: Applicability,
) -> Vec<FixedSpec> {
    let mut fixed = Vec::new();
    for path in paths {
        if ws.spec(path).is_some_and(|s| s.unreadable.is_none()) {
            fixed.extend(fix_spec_on_disk(ws, path, overrides, applicability));
        }
    }
    fixed
}

/// Puts the text a spec had before fixing back in the index (its fixed text could not be
/// written).
pub fn restore(ws: &mut Workspace, fixed: &FixedSpec) {
    if let Some(spec) = parse_spec_file(&ws.root, &fixed.path, fixed.before.clone()) {
        ws.upsert_kept(fixed.path.clone(), Arc::new(spec));
    }
}

/// `text` parsed as the spec at `path`, unless it is no spec or one chant-lsp cannot analyse.
fn readable(root: &Path, path: &Path, text: String) -> Option<Spec> {
    parse_spec_file(root, path, text).filter(|spec| spec.unreadable.is_none())
}

/// `text` with `edits` (sorted, not overlapping, as fix-all returns them) applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        let range = edit.range.as_usize();
        out.push_str(&text[at..range.start]);
        out.push_str(&edit.new_text);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::fs::MemoryFs;
    use crate::workspace::load::load_workspace_in;

    #[test]
    fn colliding_fixes_are_applied_in_later_passes() {
        // Both insertions land at the end of the frontmatter: fix-all takes one per pass.
        let text = "---\nstatus: pending\n---\n# A\n\n## Acceptance Criteria\n- [ ] a\n";
        let fs = MemoryFs::new("/ws");
        fs.write(".chant/specs/a.md", text);
        fs.write(".chant/config.md", "---\nenterprise:\n  required: [labels, target_files]\n---\n");
        let (mut ws, _) = load_workspace_in(Arc::new(fs));
        let path = Path::new("/ws/.chant/specs/a.md");
        let fixed = fix_spec_on_disk(&mut ws, path, &SeverityOverrides::default(), Applicability::Safe);
        let fixed = fixed.expect("something fixed");
        expect_test::expect![[r#"
            ---
            status: pending
            labels: []
            target_files: []
            ---
            # A

            ## Acceptance Criteria
            - [ ] a
        "#]]
        .assert_eq(&fixed.after);
        assert_eq!((fixed.n_fixes, ws.kept_source(path).map(|s| s.text.clone())), (2, Some(fixed.after.clone())));
    }
}
