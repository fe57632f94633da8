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

/// The file a module path names (`["server", "lsp_ext"]` → `src/server/lsp_ext.rs`), if any.
fn module_file(files: &std::collections::BTreeMap<String, String>, parts: &[String]) -> Option<String> {
    if parts.is_empty() {
        return Some("src/lib.rs".to_string());
    }
    let base = format!("src/{}", parts.join("/"));
    [format!("{base}.rs"), format!("{base}/mod.rs")].into_iter().find(|f| files.contains_key(f))
}

/// `a::{b, c::{d, e as f}}` → `a::b`, `a::c::d`, `a::c::e` (aliases dropped).
fn expand_use(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).trim().to_string()];
    };
    let (prefix, inner) = (&tree[..open], &tree[open + 1..tree.len() - 1]);
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand_use(p.trim()))
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// Which files each file of `src/` imports: its `use` items and the `crate::`/`super::` paths in
/// its code (tests excluded), each counted at the file that defines the module or item. A
/// `mod.rs` re-exporting its children (`pub use`) is a facade, not an import.
fn import_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let files: BTreeMap<String, String> = sources()
        .into_iter()
        .filter(|(p, _)| p.starts_with("src"))
        .map(|(p, text)| (p.to_string_lossy().replace('\\', "/"), text))
        .collect();
    let comment = regex::Regex::new(r"//[^\n]*").unwrap();
    let use_item = regex::Regex::new(r"(?m)^\s*(pub(?:\([a-z]+\))? )?use ([^;]+);").unwrap();
    let inline = regex::Regex::new(r"\b(?:crate|super)(?:::\w+)+").unwrap();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in &files {
        let mut here: Vec<String> = file["src/".len()..file.len() - 3].split('/').map(String::from).collect();
        let facade = matches!(here.last().map(String::as_str), Some("mod" | "lib"));
        if facade {
            here.pop();
        }
        let code = comment.replace_all(code_before_tests(text), "").to_string();
        let mut paths: Vec<(String, bool)> = Vec::new();
        for m in use_item.captures_iter(&code) {
            if facade && m.get(1).is_some() {
                continue;
            }
            let tree = m[2].split_whitespace().collect::<Vec<_>>().join(" ");
            let tree = tree.replace(" ::", "::").replace(":: ", "::").replace("{ ", "{").replace(" }", "}");
            paths.extend(expand_use(&tree).into_iter().map(|p| (p, true)));
        }
        for m in inline.find_iter(&code) {
            let followed =
                code[m.end()..].starts_with("::") || code[m.end()..].starts_with(|c: char| c.is_alphanumeric());
            if !followed {
                paths.push((m.as_str().to_string(), false));
            }
        }
        for (path, is_use) in paths {
            let mut segs: Vec<String> = path.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
            let mut base = match segs.first().map(String::as_str) {
                Some("crate") => {
                    segs.remove(0);
                    Vec::new()
                }
                Some("super" | "self") => {
                    let mut base = here.clone();
                    while let Some(first) = segs.first().filter(|s| *s == "super" || *s == "self") {
                        if first == "super" {
                            base.pop();
                        }
                        segs.remove(0);
                    }
                    base
                }
                // A `use child::…` of a module's own child; a registry's calls are not imports.
                Some(first)
                    if is_use && module_file(&files, &[here.clone(), vec![first.to_string()]].concat()).is_some() =>
                {
                    here.clone()
                }
                _ => continue,
            };
            base.extend(segs.iter().cloned());
            let Some(n) = (0..=base.len()).rev().find(|&n| module_file(&files, &base[..n]).is_some()) else { continue };
            let target = module_file(&files, &base[..n]).expect("found");
            if n < base.len() {
                // An item: counted where it is defined, not where it is re-exported.
                let name = base.last().expect("an item");
                let defined =
                    regex::Regex::new(&format!(r"\b(fn|struct|enum|type|const|static|trait|mod)\s+{name}\b")).unwrap();
                if name == "self" || name == "*" || !defined.is_match(&files[&target]) {
                    continue;
                }
            }
            if &target != file {
                graph.entry(file.clone()).or_default().insert(target);
            }
        }
    }
    graph
}

/// No two files of `src/` import each other, directly or around a loop: each file's job sits
/// above or below another's, never both.
#[test]
fn no_file_level_import_loops() {
    use std::collections::BTreeSet;
    let graph = import_graph();
    let reaches = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(f) = stack.pop() {
            for next in graph.get(&f).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let mut loops: BTreeSet<Vec<String>> = BTreeSet::new();
    for file in graph.keys() {
        let from_here = reaches(file);
        if from_here.contains(file) {
            let mut members: Vec<String> = from_here.into_iter().filter(|f| reaches(f).contains(file)).collect();
            members.sort();
            loops.insert(members);
        }
    }
    let found: Vec<String> = loops.into_iter().map(|l| l.join(" ")).collect();
    assert!(found.is_empty(), "file-level import loops: {found:#?}");
}
