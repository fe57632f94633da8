//! Drives every analysis feature over one spec and checks the invariants every answer must keep
//! (ranges inside the text, on character boundaries; fix edits sorted and disjoint). Shared by
//! the robustness and property tests and, by path, by the fuzz targets in `fuzz/`, so all three
//! probe the same surface.

use std::path::Path;
use std::sync::Arc;

use chant_lsp::ide::diagnostics::{diagnose, Diagnostic};
use chant_lsp::ide::*;
use chant_lsp::text::{LineCol, PositionEncoding, TextEdit, TextRange};
use chant_lsp::workspace::config::SeverityOverrides;
use chant_lsp::workspace::Workspace;

/// Diagnoses the spec at `path` and runs every feature at each of `offsets` (which may lie past
/// the end or inside a character). Panics when a feature panics or breaks an invariant.
pub fn every_feature(ws: &Workspace, path: &Path, offsets: &[usize]) -> Vec<Diagnostic> {
    let spec = &ws.source(path).expect("the spec under test is in the workspace");
    let index = &ws.spec(path).expect("indexed").line_index;
    let text = spec.text.as_str();
    let found = diagnose(ws, path, &SeverityOverrides::default());
    for d in &found {
        in_text(text, d.range, "diagnostic");
        for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let lc = index.line_col(d.range.start, enc);
            let back = index.offset(LineCol { line: lc.line, col: lc.col }, enc);
            assert_eq!(back, d.range.start, "{d:?} does not round-trip through {enc:?}");
        }
    }
    for &offset in offsets {
        at_offset(ws, path, spec, offset);
        let range = TextRange::new(offset.min(text.len()), (offset + 40).min(text.len()));
        for action in code_actions::criteria_actions(spec, range) {
            if let code_actions::CriteriaAction::Enabled(fix) = action {
                sorted_disjoint(text, &fix.edits, &fix.title);
            }
        }
        for hint in inlay_hints::inlay_hints(ws, SpecFile::new(path, spec).range(range)) {
            assert!(text.is_char_boundary(hint.offset), "inlay hint at {} splits a character", hint.offset);
        }
    }
    if let Some(fix) = code_actions::fix_all(ws, spec, &found, code_actions::Applicability::Safe) {
        sorted_disjoint(text, &fix.edits, &fix.title);
    }
    for index in 0..found.len() {
        for fix in code_actions::fixes_for(ws, spec, &found, index) {
            sorted_disjoint(text, &fix.edits, &fix.title);
        }
    }
    whole_document(ws, path, spec);
    found
}

/// The features that take a cursor position.
fn at_offset(ws: &Workspace, path: &Path, spec: &Arc<chant_lsp::spec::Spec>, offset: usize) {
    let text = spec.text.as_str();
    let at = SpecFile::new(path, spec).at(offset);
    if let Some(h) = hover::hover(ws, at) {
        in_text(text, h.range, "hover");
    }
    for nav in goto_definition::goto_definition(ws, at) {
        in_file(ws, &nav.path, nav.range, "definition");
    }
    for c in completion::completions(ws, at) {
        in_text(text, c.edit, "completion");
    }
    for r in references::references(ws, at, true) {
        in_file(ws, &r.path, r.range, "reference");
    }
    if let Ok(target) = rename::prepare_rename(ws, at) {
        in_text(text, target.range, "prepareRename");
    }
    if let Ok(plan) = rename::rename(ws, at, "renamed-id") {
        for file in &plan.edits {
            if let Some(other) = ws.source(&file.path) {
                sorted_disjoint(&other.text, &file.edits, "rename");
            }
        }
    }
}

/// The features that answer for the whole document (or the whole workspace).
fn whole_document(ws: &Workspace, path: &Path, spec: &Arc<chant_lsp::spec::Spec>) {
    let text = spec.text.as_str();
    let file = SpecFile::new(path, spec);
    for lens in code_lens::code_lenses(ws, file) {
        in_text(text, lens.range, "code lens");
    }
    symbols_in_text(text, &document_symbols::document_symbols(ws, file));
    for fold in folding_ranges::folding_ranges(ws, file) {
        in_text(text, fold.range, "folding range");
    }
    for link in document_links::document_links(ws, file) {
        in_text(text, link.range, "document link");
    }
    let _ = inlay_hints::inlay_hints(ws, file.range(TextRange::new(0, text.len())));
    let _ = workspace_symbols::workspace_symbols(ws, "");
    let _ = workspace_symbols::workspace_symbols(ws, &spec.id);
    let description = pr_description::describe(ws, spec, None);
    let (range, _) = pr_description::prepared_section_edit(text, &description.text);
    in_text(text, range, "prepared PR description");
}

fn symbols_in_text(text: &str, symbols: &[document_symbols::DocumentSymbol]) {
    for s in symbols {
        in_text(text, s.range, "document symbol");
        in_text(text, s.selection_range, "document symbol selection");
        symbols_in_text(text, &s.children);
    }
}

fn in_file(ws: &Workspace, path: &Path, range: TextRange, what: &str) {
    if let Some(spec) = ws.source(path) {
        in_text(&spec.text, range, what);
    }
}

/// `range` is ordered, inside `text` and starts and ends on character boundaries.
pub fn in_text(text: &str, range: TextRange, what: &str) {
    let ok = range.start <= range.end
        && text.is_char_boundary(range.start as usize)
        && text.is_char_boundary(range.end as usize);
    assert!(ok, "{what} range {range:?} is not a valid range of a {}-byte text", text.len());
}

/// Edits lie inside `text`, in order, without overlapping, so applying them is well defined.
pub fn sorted_disjoint(text: &str, edits: &[TextEdit], what: &str) {
    for e in edits {
        in_text(text, e.range, what);
    }
    for pair in edits.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start, "{what}: edits overlap or are out of order: {pair:?}");
    }
}

/// The id of the spec under test in [`workspace_around`].
pub const SPEC_ID: &str = "2026-01-01-002-xyz";

/// A workspace under `root` (never touched on disk) holding `text` as the active spec
/// [`SPEC_ID`], plus an active spec depending on it and an archived one it may name, so
/// references, rename and dependency checks have something to find. Returns the spec's path.
pub fn workspace_around(root: &Path, text: String) -> (Workspace, std::path::PathBuf) {
    use chant_lsp::spec::{Spec, SpecLocation};
    let neighbour = format!(
        "---\ntype: code\nstatus: pending\ndepends_on:\n  - {SPEC_ID}\n---\n# Neighbour\n\nAfter {SPEC_ID}.\n\n\
         ## Acceptance Criteria\n\n- [ ] done\n"
    );
    let archived = "---\ntype: code\nstatus: completed\n---\n# Archived\n".to_string();
    let mut ws = Workspace::new(root.to_path_buf());
    ws.local_rules = Some(chant_lsp::ide::diagnostics::local_findings);
    let path = root.join(format!(".chant/specs/{SPEC_ID}.md"));
    // Nothing is on disk: every spec is held as an open document, its text kept.
    let specs = [
        (
            root.join(".chant/specs/2026-01-01-001-abc.md"),
            Spec::parse("2026-01-01-001-abc".into(), SpecLocation::Active, neighbour),
        ),
        (
            root.join(".chant/archive/2026-01-01/2026-01-01-003-arc.md"),
            Spec::parse("2026-01-01-003-arc".into(), SpecLocation::Archived, archived),
        ),
        (path.clone(), Spec::parse(SPEC_ID.into(), SpecLocation::Active, text)),
    ];
    for (at, spec) in specs {
        ws.upsert_kept(at, Arc::new(spec));
    }
    (ws, path)
}
