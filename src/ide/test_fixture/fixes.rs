//! Test support for quick fixes: apply a fix the way an editor does and check what it
//! produced and what the workspace says afterwards. Shared by each rule's `fix_tests` and the
//! `code_actions` tests; a glob import brings the usual test vocabulary too.

pub use expect_test::{expect, Expect};

pub use super::{join_fixtures, trim_indent, with_cursor, CursorFixture};
pub use crate::ide::code_actions::{fixes_for, Edit};
pub use crate::ide::diagnostics::{diagnose, Code, Diagnostic, DiagnosticData, Hint};
pub use crate::workspace::config::SeverityOverrides;
pub use crate::workspace::Workspace;

/// Applies non-overlapping edits, as an editor does: back to front on the original offsets.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = text.to_string();
    for e in sorted.iter().rev() {
        out.replace_range(e.range.as_usize(), &e.new_text);
    }
    out
}

pub fn codes(fx: &CursorFixture, ws: &Workspace) -> Vec<Code> {
    diagnose(ws, &fx.file, &SeverityOverrides::default()).iter().map(|d| d.code).collect()
}

/// Applies the fix titled `title` of the `code` diagnostic under `$0`; returns the rendered
/// result (titles offered, new text, created files) and the codes before and after.
#[track_caller]
pub fn run_fix(fixture: &str, code: Code, title: &str) -> (String, Vec<Code>, Vec<Code>) {
    let fx = with_cursor(fixture);
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let index = diagnostics
        .iter()
        .position(|d| d.code == code && d.range.start as usize <= fx.offset && fx.offset <= d.range.end as usize)
        .unwrap_or_else(|| panic!("no {code:?} at the cursor: {diagnostics:#?}"));
    let offered = fixes_for(&fx.ws, fx.spec(), &diagnostics, index);
    let titles: Vec<&str> = offered.iter().map(|f| f.title.as_str()).collect();
    let fix = offered.iter().find(|f| f.title == title).unwrap_or_else(|| panic!("no `{title}` in {titles:?}"));
    let mut out = format!("offered: {titles:?}\n");
    let new_text = apply_edits(&fx.spec().text, &fix.edits);
    fx.files.write(&fx.file, &new_text);
    for created in &fix.creates {
        fx.files.write(&created.path, &created.text);
        out.push_str(&format!("created {}: {:?}\n", fx.rel(&created.path), created.text));
    }
    // `␍` shows where a CRLF file kept its carriage returns.
    out.push_str(&new_text.replace('\r', "␍"));
    let before: Vec<Code> = codes(&fx, &fx.ws);
    let after_ws = fx.files.load();
    let after = codes(&fx, &after_ws);
    (out, before, after)
}

/// `after` holds nothing that `before` minus one `repaired` did not already hold.
#[track_caller]
pub fn assert_repaired(before: &[Code], after: &[Code], repaired: Code) {
    let mut left = before.to_vec();
    let at = left.iter().position(|c| *c == repaired).expect("the repaired code was there");
    left.remove(at);
    for code in after {
        let at = left.iter().position(|c| c == code);
        assert!(at.is_some(), "new or remaining {code:?}: before {before:?}, after {after:?}");
        left.remove(at.expect("checked"));
    }
}

#[track_caller]
pub fn check_fix(fixture: &str, code: Code, title: &str, expect: Expect) {
    let (out, before, after) = run_fix(fixture, code, title);
    expect.assert_eq(&out);
    assert_repaired(&before, &after, code);
}
