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

/// Only `src/server/` may speak LSP or run async code (design P1); the CLI may write JSON.
#[test]
fn analysis_layers_do_not_know_lsp() {
    let lsp = ["tower_lsp", "ls_types", "lsp_types", "tokio", "dashmap"];
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(p, _)| p.starts_with("src") && !p.starts_with("src/server") && !p.ends_with("main.rs"))
        .flat_map(|(p, text)| {
            let json_allowed = p.starts_with("src/cli");
            let forbidden: Vec<&str> = lsp.iter().copied().chain((!json_allowed).then_some("serde_json")).collect();
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
    // The server's own stdin is not a workspace file: it checks whether stdin is a pipe.
    let exempt = ["src/server/stdio.rs"];
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
