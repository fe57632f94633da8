//! Test support: multi-file fixtures held in an in-memory file system (ide tests never write to
//! disk), and a renderer that prints diagnostics as carets under the source lines they point at.
//!
//! The fixture format (an indented raw string; `//- /path` lines start files) is in `format.rs`,
//! shared with the integration tests. The first file is the one checked.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use expect_test::Expect;

pub mod fixes;
mod format;

pub use format::{parse_fixture, trim_indent};

use super::diagnostics::{diagnose, Code, Diagnostic};
use crate::workspace::config::SeverityOverrides;
use crate::workspace::fs::{FileAccess, MemoryFs, SPEC_LIMIT};
use crate::workspace::load::load_workspace_with;
use crate::workspace::Workspace;

/// Where fixture workspaces live in their in-memory file system (nothing is on disk there).
pub const FIXTURE_ROOT: &str = "/chant-fixture";
/// 2026-01-02 03:04 UTC: every fixture file has this time, so previews are stable.
pub const PINNED_SECS: u64 = 1_767_323_040;

/// A fixture's files: the in-memory file system, its root and the first file's path.
pub struct FixtureFiles {
    pub root: PathBuf,
    pub first: PathBuf,
    pub fs: Arc<MemoryFs>,
}

impl FixtureFiles {
    /// Writes (or replaces) the file at `path`, an absolute path under the root.
    pub fn write(&self, path: &Path, text: &str) {
        let rel = path.strip_prefix(&self.root).expect("a path in the fixture");
        self.fs.write(&rel.to_string_lossy(), text);
    }

    /// The text of a fixture file, empty when it does not exist.
    pub fn read(&self, path: &Path) -> String {
        self.fs.read_text(path, SPEC_LIMIT).map(|r| r.text).unwrap_or_default()
    }

    /// A path relative to the workspace root, for readable snapshots.
    pub fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.root).unwrap_or(path).display().to_string()
    }

    /// Indexes the fixture as it is now, as the server and `check` do: the text-only rules run
    /// while each file is parsed.
    pub fn load(&self) -> Workspace {
        load_workspace_with(self.fs.clone(), Some(crate::ide::diagnostics::local_findings)).0
    }
}

/// Joins fixture pieces, each trimmed on its own (see `trim_indent`), so tests can share files
/// written once (a `const` or a `let`) between fixtures that differ in the first file.
pub fn join_fixtures(pieces: &[&str]) -> String {
    pieces.iter().map(|piece| trim_indent(piece)).collect()
}

pub fn write_fixture(fixture: &str) -> FixtureFiles {
    let root = PathBuf::from(FIXTURE_ROOT);
    let fs =
        Arc::new(MemoryFs::new(root.clone()).with_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(PINNED_SECS)));
    fs.mkdir(".chant/specs");
    let files = parse_fixture(fixture);
    for (path, text) in &files {
        fs.write(path, text);
    }
    let first = root.join(files[0].0.trim_start_matches('/'));
    FixtureFiles { root, first, fs }
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
    let files = write_fixture(fixture);
    let ws = files.load();
    let diagnostics = diagnostics_for(&ws, &files.first, codes);
    let text = files.read(&files.first);
    expect.assert_eq(&render(&text, &diagnostics));
}

#[track_caller]
pub fn check(code: Code, fixture: &str, expect: Expect) {
    check_codes(&[code], fixture, expect);
}

/// A fixture with one `$0` cursor: the workspace written without the marker, the loaded index,
/// the file holding the cursor and the cursor's byte offset in it.
pub struct CursorFixture {
    pub files: FixtureFiles,
    pub ws: Workspace,
    pub file: PathBuf,
    pub offset: usize,
}

impl CursorFixture {
    pub fn spec(&self) -> &crate::spec::Spec {
        self.ws.kept_source(&self.file).expect("the cursor is in a spec file")
    }

    /// The spec holding the cursor, as the features take it.
    pub fn spec_file(&self) -> crate::ide::SpecFile<'_> {
        crate::ide::SpecFile::new(&self.file, self.spec())
    }

    /// The cursor, as the features take it.
    pub fn position(&self) -> crate::ide::FilePosition<'_> {
        self.spec_file().at(self.offset)
    }

    /// A path relative to the workspace root, for readable snapshots.
    pub fn rel(&self, path: &Path) -> String {
        self.files.rel(path)
    }

    /// The text of a fixture file (through the fixture's file system).
    pub fn read(&self, path: &Path) -> String {
        self.files.read(path)
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
    let written = write_fixture(&cleaned);
    let file = written.root.join(files[holder].0.trim_start_matches('/'));
    let mut ws = written.load();
    // The file holding the cursor is open in the editor: its text is kept, as the server keeps it.
    if let Some(source) = ws.source(&file) {
        ws.upsert_kept(file.clone(), source);
    }
    CursorFixture { files: written, ws, file, offset }
}

#[cfg(test)]
mod tests {
    // The format's own tests live here: `format.rs` is also compiled into every integration test.
    use super::format::{parse_fixture, trim_indent};

    #[test]
    fn indentation_shared_by_all_lines_is_removed() {
        let text = "\n    ---\n    depends_on:\n      - b\n\n    ---\n    ";
        assert_eq!(trim_indent(text), "---\ndepends_on:\n  - b\n\n---\n");
    }

    #[test]
    fn text_at_column_zero_is_kept() {
        assert_eq!(trim_indent("---\n  a: b\n---\n"), "---\n  a: b\n---\n");
    }

    #[test]
    fn headers_split_files() {
        let files = parse_fixture(
            r#"
            //- /.chant/specs/a.md
            # A
            //- /docs/b.md
              indented
            "#,
        );
        let expected = [("/.chant/specs/a.md", "# A\n"), ("/docs/b.md", "  indented\n")];
        assert_eq!(files, expected.map(|(p, t)| (p.to_string(), t.to_string())));
    }
}
