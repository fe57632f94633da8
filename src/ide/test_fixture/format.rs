//! The text format of test fixtures, shared by the library's unit tests and the integration
//! tests (which include this file by path, since test-only code is not part of the library).
//!
//! A fixture is plain text, usually an indented raw string: its common indentation is removed
//! (as expect-test does for snapshots) so the spec reads in the test as it reads in a file.
//! `//- /path` lines start a new file (paths relative to the workspace root). Without a header
//! the whole text is `/.chant/specs/test.md`.

/// The path of a fixture written without a `//- /path` header.
pub const DEFAULT_PATH: &str = "/.chant/specs/test.md";

/// The fixture's files as `(path, text)`, in the order written.
pub fn parse_fixture(fixture: &str) -> Vec<(String, String)> {
    let fixture = trim_indent(fixture);
    if !fixture.starts_with("//- ") {
        return vec![(DEFAULT_PATH.to_string(), fixture)];
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

/// Drops one leading newline and the indentation (in spaces) that every non-blank line shares.
/// Blank lines may be shorter than that indentation; they keep only their line break. A
/// fixture whose first line sits at column 0 comes back unchanged but for the leading newline.
pub fn trim_indent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    text.split_inclusive('\n')
        .map(|line| match line.get(..indent) {
            Some(lead) if lead.bytes().all(|b| b == b' ') => &line[indent..],
            // A blank line shorter than the indentation: keep its line break only.
            _ => &line[line.trim_end_matches(['\n', '\r']).len()..],
        })
        .collect()
}
