//! The copies of the diagnostic catalogue in the documentation agree with `src/catalogue.rs`:
//! docs/features.md's severity table (rebuilt here from the catalogue and compared as text), and the
//! order and "Default severity" line of every section of docs/diagnostics.md. A code added,
//! renamed, reordered or given another severity fails here until the docs say the same.
//! (docs/diagnostics.md's messages are checked by `docs_diagnostics.rs`, the editor settings by
//! `editor_settings.rs`.)

use chant_lsp::catalogue::Code;

/// Codes whose severity docs/features.md and docs/diagnostics.md describe in words, because the rule
/// decides it per finding; every other code shows its catalogue severity alone.
fn described_severity(code: Code) -> Option<(&'static str, &'static str)> {
    match code {
        // (README cell, start of the docs/diagnostics.md line)
        Code::UnreadableSpec => Some((
            "error; warning when chant still loads the file",
            "error when chant cannot load the file either; warning when chant still",
        )),
        Code::UncheckedCriterion => Some((
            "depends on the spec's status: warning (completed), information (in progress, paused, failed, needs attention), hint (otherwise), none (cancelled)",
            "depends on the spec's `status`:",
        )),
        _ => None,
    }
}

fn read(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// docs/features.md's table as it should read, one row per code in catalogue order.
fn readme_table() -> String {
    let mut table = String::from("| code | default severity |\n|---|---|\n");
    for code in Code::ALL {
        let severity = described_severity(*code).map_or(code.default_severity().as_str(), |(cell, _)| cell);
        table.push_str(&format!("| `{}` | {severity} |\n", code.as_str()));
    }
    table
}

#[test]
fn readme_severity_table_is_the_catalogue() {
    let readme = read("docs/features.md");
    let start = readme.find("| code | default severity |").expect("docs/features.md has the severity table");
    let end = readme[start..].find("\n\n").map_or(readme.len(), |n| start + n + 1);
    let expected = readme_table();
    assert!(
        readme[start..end] == expected,
        "docs/features.md's severity table differs from src/catalogue.rs; it should read:\n\n{expected}\nbut reads:\n\n{}",
        &readme[start..end]
    );
}

/// A word-described severity still begins with the catalogue's, where the catalogue's holds.
#[test]
fn described_severities_start_with_the_catalogue_one() {
    let (cell, line) = described_severity(Code::UnreadableSpec).expect("described");
    let catalogue = Code::UnreadableSpec.default_severity().as_str();
    assert!(cell.starts_with(catalogue) && line.starts_with(catalogue), "{catalogue}: {cell} / {line}");
}

#[test]
fn diagnostics_doc_follows_the_catalogue_order_and_severities() {
    let doc = read("docs/diagnostics.md");
    let documented: Vec<(String, String)> = doc
        .split("\n### `")
        .skip(1)
        .filter_map(|part| {
            let (code, section) = part.split_once("`\n")?;
            let line = section.lines().find_map(|l| l.strip_prefix("**Default severity:** "))?;
            Some((code.to_string(), line.to_string()))
        })
        .collect();
    let codes: Vec<&str> = documented.iter().map(|(code, _)| code.as_str()).collect();
    let catalogue: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, catalogue, "docs/diagnostics.md sections are not in catalogue order");
    let wrong: Vec<String> = Code::ALL
        .iter()
        .zip(&documented)
        .filter(|(code, (_, line))| {
            let want = described_severity(**code).map_or(code.default_severity().as_str(), |(_, line)| line);
            // A plain severity is the whole line; a described one is the line's start.
            if described_severity(**code).is_some() {
                !line.starts_with(want)
            } else {
                line != want
            }
        })
        .map(|(code, (_, line))| format!("{}: documented as `{line}`", code.as_str()))
        .collect();
    assert_eq!(wrong, Vec::<String>::new(), "docs/diagnostics.md default severities differ from the catalogue");
}
