//! docs/diagnostics.md shows, for every diagnostic code, an example spec and the exact line
//! `chant-lsp check` prints for it. This test rebuilds each example as a workspace and checks
//! that the line printed today is the documented one, so a changed message cannot leave the
//! documentation stale.

use std::process::Command;

use crate::support::TempWorkspace;
use chant_lsp::catalogue::Code;

/// What the prose of an example says the workspace also holds ("in a workspace that has …").
fn context(code: &str) -> &'static [(&'static str, &'static str)] {
    match code {
        "unknown-dependency" => &[(".chant/specs/004-sprawl-fix.md", "---\ntype: code\n---\n# Sprawl fix\n")],
        "archived-dependency" => {
            &[(".chant/archive/005-fork-f/005-fork-fix.md", "---\ntype: code\nstatus: completed\n---\n# Fork fix\n")]
        }
        "unknown-member" => &[(".chant/specs/checkout.1.md", "---\ntype: code\n---\n# Checkout part 1\n")],
        "blocked-by" => &[(".chant/specs/schema.md", "---\ntype: code\nstatus: pending\n---\n# Design the schema\n")],
        "unknown-prompt" => &[(".chant/prompts/standard.md", "# Standard prompt\n")],
        _ => &[],
    }
}

/// One documented example: the files it names and the lines `check` should print.
struct Example {
    code: String,
    files: Vec<(String, String)>,
    expected: Vec<String>,
}

/// Fenced blocks of a section in order: (info string, body). Fences of three or four backticks.
fn blocks(section: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let fence_len = line.chars().take_while(|&c| c == '`').count();
        if fence_len < 3 {
            continue;
        }
        let fence = &line[..fence_len];
        let info = line[fence_len..].trim().to_string();
        let mut body = Vec::new();
        for inner in lines.by_ref() {
            if inner == fence {
                break;
            }
            body.push(inner);
        }
        out.push((info, body.join("\n") + "\n"));
    }
    out
}

/// The example of one `### \`code\`` section: spec files are named in backticks after
/// `**Example:**` (and `and \`x.md\``), matched in order with the `markdown` blocks; a `yaml`
/// block is `.chant/config.md`; the first `text` block holds the expected lines.
fn example(code: &str, section: &str) -> Example {
    let start = section.find("**Example:**").unwrap_or_else(|| panic!("{code}: no **Example:**"));
    let text = &section[start..];
    let names = prose_spec_names(text);
    let mut specs = names.into_iter();
    let mut files = Vec::new();
    let mut expected = Vec::new();
    for (info, body) in blocks(text) {
        match info.as_str() {
            "markdown" if expected.is_empty() => {
                if let Some(name) = specs.next() {
                    // The docs show a NUL byte, which a page cannot hold, as `␀`.
                    files.push((format!(".chant/specs/{name}"), body.replace('\u{2400}', "\0")));
                }
            }
            "yaml" if expected.is_empty() => files.push((".chant/config.md".to_string(), body)),
            "text" if expected.is_empty() => {
                expected = body.lines().filter(|l| l.starts_with(".chant/")).map(String::from).collect();
            }
            _ => {}
        }
    }
    Example { code: code.to_string(), files, expected }
}

/// Backticked `*.md` names (no folder) in the prose lines of `text`, outside code fences, in
/// order: `api.md` and `schema.md`, or `add-login.md` after a config block.
fn prose_spec_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let ticks = line.chars().take_while(|&c| c == '`').count();
        if ticks >= 3 {
            let marker = &line[..ticks];
            fence = match fence {
                Some(open) if open == marker && line.len() == ticks => None,
                None => Some(marker),
                open => open,
            };
            continue;
        }
        if fence.is_some() {
            continue;
        }
        let inline = line.split('`').skip(1).step_by(2);
        names.extend(inline.filter(|n| n.ends_with(".md") && !n.contains('/')).map(String::from));
    }
    names
}

fn examples() -> Vec<Example> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md")).expect("docs");
    let mut parts = doc.split("\n### `").skip(1);
    let mut out = Vec::new();
    for part in parts.by_ref() {
        let Some((code, section)) = part.split_once("`\n") else { continue };
        out.push(example(code, section));
    }
    out
}

#[test]
fn every_documented_message_is_what_check_prints() {
    let examples = examples();
    let mut documented: Vec<&str> = examples.iter().map(|e| e.code.as_str()).collect();
    documented.sort_unstable();
    let mut codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(documented, codes, "one documented example per code");

    let mut stale = Vec::new();
    for example in &examples {
        assert!(!example.files.is_empty() && !example.expected.is_empty(), "{}: example not found", example.code);
        let mut files: Vec<(&str, &str)> = example.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        files.extend(context(&example.code).iter().copied());
        let ws = TempWorkspace::new(&files);
        let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
            .args(["check", "."])
            .current_dir(&ws.root)
            .output()
            .expect("run chant-lsp check");
        let printed = String::from_utf8(out.stdout).expect("UTF-8 output");
        for line in &example.expected {
            if !printed.lines().any(|l| l == line) {
                stale.push(format!("{}:\n  documented: {line}\n  printed:    {printed}", example.code));
            }
        }
    }
    assert!(stale.is_empty(), "docs/diagnostics.md is stale:\n{}", stale.join("\n"));
}
