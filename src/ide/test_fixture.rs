//! Test support: multi-file fixtures written to a temporary workspace, and a renderer that
//! prints diagnostics as carets under the source lines they point at.
//!
//! A fixture is plain text; `//- /path` lines start a new file (paths relative to the workspace
//! root). Without a header the text is `/.chant/specs/test.md`. The first file is the one checked.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::Expect;

use super::diagnostics::{diagnose, Code, Diagnostic};
use crate::workspace::config::SeverityOverrides;
use crate::workspace::load::load_workspace;
use crate::workspace::Workspace;

/// A temporary folder removed on drop.
pub struct TempWorkspace {
    pub root: PathBuf,
    pub first: PathBuf,
}

impl Drop for TempWorkspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub fn parse_fixture(fixture: &str) -> Vec<(String, String)> {
    let fixture = fixture.strip_prefix('\n').unwrap_or(fixture);
    if !fixture.starts_with("//- ") {
        return vec![("/.chant/specs/test.md".to_string(), fixture.to_string())];
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("//- ") {
            files.push((path.trim().to_string(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
        }
    }
    files
}

pub fn write_fixture(fixture: &str) -> TempWorkspace {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let root = std::env::temp_dir().join(format!("chant-lsp-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join(".chant/specs")).expect("create temp workspace");
    let files = parse_fixture(fixture);
    for (path, text) in &files {
        let full = root.join(path.trim_start_matches('/'));
        std::fs::create_dir_all(full.parent().expect("has parent")).expect("create folder");
        std::fs::write(&full, text).expect("write fixture file");
    }
    let first = root.join(files[0].0.trim_start_matches('/'));
    TempWorkspace { root, first }
}

/// Renders `diagnostics` under the lines of `text` they start on.
pub fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let (start, end) = (pos, pos + content.len());
        // NUL bytes would end up raw in the snapshot source; show them as a visible symbol.
        out.push_str(&content.replace('\0', "\u{2400}"));
        out.push('\n');
        for d in diagnostics.iter().filter(|d| {
            let s = d.range.start as usize;
            (start..=end).contains(&s) && (s < end || d.range.is_empty() || s == start)
        }) {
            let col = text[start..d.range.start as usize].chars().count();
            let stop = (d.range.end as usize).min(end);
            let width = text[d.range.start as usize..stop.max(d.range.start as usize)].chars().count().max(1);
            out.push_str(&format!(
                "{}{} {}[{}]: {}\n",
                " ".repeat(col),
                "^".repeat(width),
                d.severity.as_str(),
                d.code.as_str(),
                d.message
            ));
        }
        pos += line.len();
    }
    out
}

pub fn diagnostics_for(ws: &Workspace, path: &Path, codes: &[Code]) -> Vec<Diagnostic> {
    diagnose(ws, path, &SeverityOverrides::default())
        .into_iter()
        .filter(|d| codes.is_empty() || codes.contains(&d.code))
        .collect()
}

/// Checks the diagnostics with the given codes (all codes when empty) on the fixture's first file.
#[track_caller]
pub fn check_codes(codes: &[Code], fixture: &str, expect: Expect) {
    let tmp = write_fixture(fixture);
    let (ws, _) = load_workspace(&tmp.root);
    let diagnostics = diagnostics_for(&ws, &tmp.first, codes);
    let text = std::fs::read_to_string(&tmp.first).expect("fixture file");
    expect.assert_eq(&render(&text, &diagnostics));
}

#[track_caller]
pub fn check(code: Code, fixture: &str, expect: Expect) {
    check_codes(&[code], fixture, expect);
}

/// A fixture with one `$0` cursor: the workspace written without the marker, the loaded index,
/// the file holding the cursor and the cursor's byte offset in it.
pub struct CursorFixture {
    pub tmp: TempWorkspace,
    pub ws: Workspace,
    pub file: PathBuf,
    pub offset: usize,
}

impl CursorFixture {
    pub fn spec(&self) -> &crate::spec::Spec {
        self.ws.spec(&self.file).expect("the cursor is in a spec file")
    }

    /// A path relative to the workspace root, for readable snapshots.
    pub fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.tmp.root).unwrap_or(path).display().to_string()
    }
}

/// Writes a fixture holding exactly one `$0` and loads it.
#[track_caller]
pub fn with_cursor(fixture: &str) -> CursorFixture {
    let files = parse_fixture(fixture);
    let holder = files.iter().position(|(_, text)| text.contains("$0")).expect("fixture has a $0 cursor");
    let offset = files[holder].1.find("$0").expect("cursor");
    let cleaned: String =
        files.iter().map(|(path, text)| format!("//- {path}\n{}", text.replacen("$0", "", 1))).collect();
    let tmp = write_fixture(&cleaned);
    let file = tmp.root.join(files[holder].0.trim_start_matches('/'));
    let (ws, _) = load_workspace(&tmp.root);
    CursorFixture { tmp, ws, file, offset }
}
