//! Fix safety against chant's own verdicts. For every workspace listed in
//! tests/fixtures/chant-verdicts/workspaces.txt (the corpus with its archive moved into
//! .chant/specs/, every fixture workspace) chant 0.23.2's verdict on each spec was recorded by
//! scripts/record-chant-verdicts.sh before any fix, after `check --fix` and after
//! `check --fix --unsafe-fixes`: whether chant loads it, its title, its `chant lint` findings by
//! rule. CI has no chant, so this test
//!
//! - runs the same fixes on copies of the workspaces and checks that chant-lsp's own model of
//!   chant's verdict (the loader's verdict, the title rule, and the rules that mirror
//!   `chant lint`) equals the recorded one before and after each kind of fix, exactly; and
//! - checks that the recorded verdicts after the fixes are never worse than before: no title
//!   chant read changes, no spec chant loaded stops loading, no `chant lint` error appears on a
//!   spec chant loaded, and no workspace has more errors. A spec chant could not load may show
//!   errors once a fix makes it loadable: chant had not checked it before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{copy_dir, TempWorkspace};
use chant_lsp::catalogue::Code;
use chant_lsp::ide::diagnostics::diagnose;
use chant_lsp::workspace::config::SeverityOverrides;
use chant_lsp::workspace::load::load_workspace;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn records() -> PathBuf {
    repo().join("tests/fixtures/chant-verdicts")
}

/// One line of the manifest: a record name, a folder and its layout.
struct Listed {
    name: String,
    folder: String,
    flatten: bool,
}

fn manifest() -> Vec<Listed> {
    let text = std::fs::read_to_string(records().join("workspaces.txt")).expect("read the manifest");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "manifest line {l:?}");
            assert!(cols[2] == "flatten" || cols[2] == "as-is", "layout {:?}", cols[2]);
            Listed { name: cols[0].into(), folder: cols[1].into(), flatten: cols[2] == "flatten" }
        })
        .collect()
}

/// chant's verdict on one spec: loads, title, `chant lint` findings as `severity:rule` → count.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Verdict {
    loads: bool,
    title: Option<String>,
    lint: BTreeMap<String, usize>,
}

impl Verdict {
    fn errors(&self) -> impl Iterator<Item = (&String, &usize)> {
        self.lint.iter().filter(|(k, _)| k.starts_with("error:"))
    }
}

type Verdicts = BTreeMap<String, Verdict>;

/// Renders verdicts in the record's own line format, so a mismatch reads as a diff.
fn render(verdicts: &Verdicts) -> String {
    verdicts
        .iter()
        .map(|(id, v)| {
            let title = v.title.as_deref().map_or("-".to_string(), |t| t.replace('\\', "\\\\").replace('\t', "\\t"));
            let lint: Vec<String> =
                v.lint.iter().map(|(k, n)| if *n == 1 { k.clone() } else { format!("{k}x{n}") }).collect();
            let lint = if lint.is_empty() { "-".to_string() } else { lint.join(" ") };
            format!("{id}\t{}\t{title}\t{lint}\n", if v.loads { "loads" } else { "fails" })
        })
        .collect()
}

/// The recorded verdicts of one workspace: before, after safe fixes, after unsafe fixes.
fn recorded(name: &str) -> [Verdicts; 3] {
    let text = std::fs::read_to_string(records().join(format!("{name}.txt"))).expect("read a record");
    let mut states: [Verdicts; 3] = Default::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "record line {line:?}");
        let state = ["before", "safe", "unsafe"].iter().position(|s| *s == cols[0]).expect("a state");
        let title = (cols[3] != "-").then(|| cols[3].replace("\\t", "\t").replace("\\\\", "\\"));
        let lint = cols[4]
            .split(' ')
            .filter(|t| *t != "-")
            .map(|t| match t.rsplit_once('x').filter(|(_, n)| n.parse::<usize>().is_ok()) {
                Some((k, n)) => (k.to_string(), n.parse().expect("a count")),
                None => (t.to_string(), 1),
            })
            .collect();
        states[state].insert(cols[1].to_string(), Verdict { loads: cols[2] == "loads", title, lint });
    }
    // `safe` and `unsafe` list only what differs from `before`.
    for state in 1..3 {
        let changed = std::mem::take(&mut states[state]);
        let mut full = states[0].clone();
        full.extend(changed);
        states[state] = full;
    }
    states
}

/// A fresh copy of a listed workspace laid out as the record's was.
fn prepare(listed: &Listed) -> TempWorkspace {
    let ws = TempWorkspace::bare();
    copy_dir(&repo().join(&listed.folder), &ws.root);
    if ws.path("_chant").is_dir() {
        std::fs::rename(ws.path("_chant"), ws.path(".chant")).expect("rename _chant");
    }
    if listed.flatten {
        let mut archived = Vec::new();
        collect_md(&ws.path(".chant/archive"), &mut archived);
        for file in archived {
            let target = ws.path(".chant/specs").join(file.file_name().expect("a name"));
            assert!(!target.exists(), "two specs named {}", target.display());
            std::fs::rename(&file, &target).expect("move an archived spec");
        }
        std::fs::remove_dir_all(ws.path(".chant/archive")).expect("remove the archive");
    }
    ws
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("list folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_md(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The `chant lint` rule a finding of ours stands for, if any.
fn chant_rule(code: Code) -> Option<&'static str> {
    Some(match code {
        Code::MissingTitle => "error:title",
        Code::UnknownDependency | Code::ArchivedDependency | Code::CrossRepoDependency | Code::UnknownMember => {
            "error:dependency"
        }
        Code::MissingRequiredField => "error:required",
        Code::ApprovalInconsistent => "error:approval",
        Code::Complexity => "warning:complexity",
        Code::SpecIdInBody => "warning:coupling",
        Code::ModelWaste => "warning:model_waste",
        Code::TypeFieldMissing => "warning:type",
        _ => return None,
    })
}

/// chant-lsp's model of chant's verdict on every spec `chant lint` reads (the `*.md` files
/// directly in .chant/specs/).
fn model(root: &Path) -> Verdicts {
    let root = root.canonicalize().expect("canonical root");
    let (ws, _) = load_workspace(&root);
    let specs = root.join(".chant/specs");
    let mut out = Verdicts::new();
    for entry in std::fs::read_dir(&specs).expect("list specs").flatten() {
        let path = entry.path();
        if !path.is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let id = path.file_stem().expect("a stem").to_string_lossy().into_owned();
        let info = ws.spec(&path).unwrap_or_else(|| panic!("{} is not in the index", path.display()));
        let loads = info.loads() && info.unreadable.as_ref().is_none_or(|u| u.chant_loads);
        let mut lint = BTreeMap::new();
        if loads {
            for d in diagnose(&ws, &path, &SeverityOverrides::default()) {
                if let Some(rule) = chant_rule(d.code) {
                    *lint.entry(rule.to_string()).or_default() += 1;
                }
            }
            // chant's coupling rule says once per spec which ids the body names.
            if let Some(n) = lint.get_mut("warning:coupling") {
                *n = 1;
            }
        } else {
            lint.insert("error:parse".to_string(), 1);
        }
        let title = if loads { info.title.as_ref().map(|t| t.text.clone()) } else { None };
        out.insert(id, Verdict { loads, title, lint });
    }
    out
}

fn fix(root: &Path, unsafe_fixes: bool) {
    let mut args = vec!["check", "--fix", "."];
    if unsafe_fixes {
        args.push("--unsafe-fixes");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp")).args(&args).current_dir(root).output().expect("run");
    assert!(out.status.code().is_some_and(|c| c <= 1), "check --fix failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// What makes `after` worse than `before` for chant, one line per problem.
fn worse(before: &Verdicts, after: &Verdicts) -> Vec<String> {
    let mut found = Vec::new();
    for (id, b) in before {
        let Some(a) = after.get(id) else {
            found.push(format!("{id}: gone"));
            continue;
        };
        if !b.loads {
            continue;
        }
        if !a.loads {
            found.push(format!("{id}: chant no longer loads it"));
        } else if a.title != b.title {
            found.push(format!("{id}: title {:?} became {:?}", b.title, a.title));
        }
        for (rule, n) in a.errors() {
            let was = b.lint.get(rule).copied().unwrap_or(0);
            if *n > was {
                found.push(format!("{id}: {rule} {was} → {n}"));
            }
        }
    }
    let total = |v: &Verdicts| v.values().flat_map(|v| v.errors().map(|(_, n)| *n)).sum::<usize>();
    if total(after) > total(before) {
        found.push(format!("chant lint errors {} → {}", total(before), total(after)));
    }
    found
}

#[test]
fn recorded_verdicts_after_fixes_are_never_worse() {
    let mut problems = Vec::new();
    for listed in manifest() {
        let [before, safe, unsafe_] = recorded(&listed.name);
        for (kind, after) in [("safe", &safe), ("unsafe", &unsafe_)] {
            problems.extend(worse(&before, after).into_iter().map(|p| format!("{} ({kind}): {p}", listed.name)));
        }
    }
    assert_eq!(problems, Vec::<String>::new());
}

/// chant-lsp's model of chant's verdict equals chant's recorded verdict before any fix and after
/// each kind, on every listed workspace.
#[test]
fn our_model_of_chant_matches_the_records_before_and_after_fixes() {
    for listed in manifest() {
        let [before, safe, unsafe_] = recorded(&listed.name);
        let ws = prepare(&listed);
        assert_eq!(render(&model(&ws.root)), render(&before), "{} before any fix", listed.name);
        fix(&ws.root, false);
        assert_eq!(render(&model(&ws.root)), render(&safe), "{} after check --fix", listed.name);
        let ws = prepare(&listed);
        fix(&ws.root, true);
        assert_eq!(render(&model(&ws.root)), render(&unsafe_), "{} after check --fix --unsafe-fixes", listed.name);
    }
}

/// Every workspace among the test fixtures (and the shipped example) has its record.
#[test]
fn every_fixture_workspace_is_listed() {
    let listed: Vec<String> = manifest().into_iter().map(|l| l.folder).collect();
    let mut found = vec!["examples/oss-maintainer-workflow".to_string()];
    let fixtures = repo().join("tests/fixtures");
    // `fmt/specs/` holds the formatter's copies of specs that stand in workspaces listed here
    // already (the shipped example's archive, the research-workflow paths), without the config
    // and prompts a workspace has: the fixes are held to chant's verdict where they live.
    let skipped = fixtures.join("fmt");
    let mut stack = vec![fixtures.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list folder").flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == ".chant" || name == "_chant" {
                let rel = dir.strip_prefix(repo()).expect("inside the repository");
                found.push(rel.to_string_lossy().into_owned());
            } else if path == skipped {
                continue;
            } else if path.is_dir() && !path.join(".chant").is_dir() && !path.join("_chant").is_dir() {
                stack.push(path);
            } else if path.is_dir() {
                let rel = path.strip_prefix(repo()).expect("inside the repository");
                found.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found.dedup();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(found, listed_sorted);
}
