//! Repository hygiene checks that keep the architecture honest: the analysis layers never see
//! LSP types, every source file says what it is for, and no debugging leftovers ship.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, acc);
        } else if path.extension().is_some_and(|e| e == "rs") {
            acc.push(path);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        if root.join(dir).is_dir() {
            rust_files(&root.join(dir), &mut files);
        }
    }
    files.sort();
    files
        .into_iter()
        .filter(|p| !p.components().any(|c| c.as_os_str() == "fixtures"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read source");
            (p.strip_prefix(root).expect("inside repo").to_path_buf(), text)
        })
        .collect()
}

/// Only `src/server/` may speak LSP or run async code (design P1); the CLI may write JSON; the
/// MCP edge (`src/mcp/`) runs async code and speaks JSON, but no LSP.
#[test]
fn analysis_layers_do_not_know_lsp() {
    let lsp = ["tower_lsp", "ls_types", "lsp_types", "tokio", "dashmap"];
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(p, _)| p.starts_with("src") && !p.starts_with("src/server") && !p.ends_with("main.rs"))
        .flat_map(|(p, text)| {
            let mcp = p.starts_with("src/mcp");
            let json_allowed = p.starts_with("src/cli") || mcp;
            let lsp = lsp.iter().copied().filter(|f| !(mcp && *f == "tokio"));
            let forbidden: Vec<&str> = lsp.chain((!json_allowed).then_some("serde_json")).collect();
            forbidden
                .into_iter()
                .filter(|f| text.contains(f))
                .map(|f| format!("{} uses {f}", p.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(offenders, Vec::<String>::new());
}

/// Every file opens with a `//!` line saying what it is for (design P13).
#[test]
fn every_file_has_a_module_doc() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.starts_with("//!"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(missing, Vec::<String>::new());
}

#[test]
fn no_debugging_leftovers() {
    let needles = [concat!("db", "g!("), concat!("to", "do!("), concat!("unimple", "mented!(")];
    let found: Vec<String> = sources()
        .into_iter()
        .flat_map(|(p, text)| {
            needles
                .iter()
                .filter(|n| text.contains(*n))
                .map(move |n| format!("{}: {n}", p.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

/// Workspace files are reached only through the file door (`src/workspace/fs/`), which keeps
/// reads inside the root, bounded and off FIFOs and devices; a direct call elsewhere would
/// quietly bypass all of that. Test code and benches may set up files however they like.
#[test]
fn file_system_access_goes_through_the_door() {
    let needles = [
        "std::fs",
        "File::open",
        "read_dir",
        "read_to_string(",
        "glob::glob",
        ".canonicalize(",
        ".exists()",
        ".is_file()",
        ".is_dir()",
        ".metadata(",
    ];
    // The server's own stdin is not a workspace file: it checks whether stdin is a pipe. The
    // command line's one writer (`check --fix`) replaces spec files atomically and checks for
    // itself that they are regular files inside the root.
    let exempt = ["src/server/stdio.rs", "src/cli/write.rs"];
    let found: Vec<String> = sources()
        .into_iter()
        .filter(|(p, _)| p.starts_with("src") && !p.starts_with("src/workspace/fs"))
        .filter(|(p, _)| !exempt.iter().any(|e| p == Path::new(e)))
        .filter(|(p, _)| !p.ends_with("tests.rs") && !p.ends_with("test_fixture.rs"))
        .flat_map(|(p, text)| {
            // Unit tests sit at the bottom of a file, after `#[cfg(test)]`.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_string();
            needles.iter().filter(|n| code.contains(*n)).map(|n| format!("{}: {n}", p.display())).collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

/// The code of a file without its inline unit-test module (`#[cfg(test)] mod tests { … }` sits
/// at the bottom); a `#[cfg(test)] mod tests;` declaration does not end the code.
fn code_before_tests(text: &str) -> &str {
    let mut from = 0;
    while let Some(at) = text[from..].find("#[cfg(test)]") {
        let at = from + at;
        let rest = text[at + "#[cfg(test)]".len()..].trim_start();
        let opens_block = rest.find('{').is_some_and(|brace| rest.find(';').is_none_or(|semi| brace < semi));
        if rest.starts_with("mod ") && opens_block {
            return &text[..at];
        }
        from = at + 1;
    }
    text
}

/// Non-test code under `src/` outside the schema's own layers, line by line (comments dropped).
fn code_lines_outside_schema() -> Vec<(PathBuf, usize, String)> {
    sources()
        .into_iter()
        // typed.rs is chant's serde struct, and typed_fast.rs reads the same keys off the tree: both
        // spell chant's own field names, as serde does.
        .filter(|(p, _)| p.starts_with("src") && !p.starts_with("src/spec"))
        .filter(|(p, _)| p != Path::new("src/syntax/typed.rs") && p != Path::new("src/syntax/typed_fast.rs"))
        .filter(|(p, _)| !p.ends_with("tests.rs") && !p.ends_with("test_fixture.rs"))
        .flat_map(|(p, text)| {
            code_before_tests(&text)
                .lines()
                .enumerate()
                .filter(|(_, line)| !line.trim_start().starts_with("//"))
                .map(|(i, line)| (p.clone(), i + 1, line.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Keys whose entries refer to ids, paths, globs or prompts are named through `spec::schema`
/// (`schema::DEPENDS_ON`, `schema::path_fields()`), so adding or changing one is one edit there.
#[test]
fn reference_field_names_are_spelled_only_in_the_schema() {
    use chant_lsp::spec::schema::{ReferenceKind, FIELDS};
    let names: Vec<String> =
        FIELDS.iter().filter(|f| f.reference != ReferenceKind::None).map(|f| format!("\"{}\"", f.name)).collect();
    // The same words, meaning something else: the config's `defaults.prompt` key and a
    // "Context" heading of a pull-request template.
    let elsewhere = [("src/workspace/config.rs", "\"prompt\""), ("src/ide/pr_description/template.rs", "\"context\"")];
    let found: Vec<String> = code_lines_outside_schema()
        .into_iter()
        .flat_map(|(p, n, line)| {
            names
                .iter()
                .filter(|name| line.contains(name.as_str()))
                .filter(|name| !elsewhere.contains(&(p.to_str().unwrap_or_default(), name.as_str())))
                .map(|name| format!("{}:{n}: {name}", p.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

/// What makes a path a glob is decided once, by `spec::schema::is_glob`.
#[test]
fn the_glob_test_is_not_reimplemented() {
    let found: Vec<String> = code_lines_outside_schema()
        .into_iter()
        .filter(|(_, _, line)| line.contains("'*'") && (line.contains("'?'") || line.contains("'['")))
        .map(|(p, n, _)| format!("{}:{n}", p.display()))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}
