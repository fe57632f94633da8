//! The release and install files agree with each other and with the crate: the Rust version the
//! README states is `rust-version` and the real minimum of the locked dependencies, every install
//! command is `--locked`, the CI entry points (GitHub Action, pre-commit hooks, Mason package)
//! parse and name the archives the release workflow publishes, and the published crate holds
//! only what it needs.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn yaml(rel: &str) -> Value {
    serde_yaml::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel} is not valid YAML: {e}"))
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(repo());
    cmd
}

/// `1.91` and `1.91.0` are the same version.
fn version_key(v: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = v.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    parts.resize(3, 0);
    parts
}

/// `cargo metadata` of the locked dependency graph, every platform's packages included. Offline
/// first (the test must not need the network once the dependencies are fetched), then online
/// for a fresh clone whose cache lacks another platform's crates.
fn locked_metadata() -> serde_json::Value {
    let args = ["metadata", "--format-version", "1", "--locked"];
    let out = cargo().args(args).arg("--offline").output().expect("run cargo metadata");
    let out = if out.status.success() { out } else { cargo().args(args).output().expect("run cargo metadata") };
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("cargo metadata JSON")
}

/// The README's "Rust X or newer" is `rust-version`, and no locked dependency declares a higher
/// `rust-version`: the version stated is the one a build really needs.
#[test]
fn rust_version_is_the_real_minimum_and_the_readme_says_it() {
    let meta = locked_metadata();
    let packages = meta["packages"].as_array().expect("packages");
    let ours = packages.iter().find(|p| p["name"] == "chant-lsp").expect("chant-lsp package");
    let declared = ours["rust_version"].as_str().expect("rust-version is set");
    let (needed, by) = packages
        .iter()
        .filter(|p| p["name"] != "chant-lsp")
        .filter_map(|p| Some((p["rust_version"].as_str()?, format!("{} {}", p["name"], p["version"]))))
        .max_by_key(|(v, _)| version_key(v))
        .expect("some dependency declares a rust-version");
    assert_eq!(version_key(declared), version_key(needed), "rust-version is {declared}, but {by} needs {needed}");
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("Rust {declared} or newer")),
        "the README must say \"Rust {declared} or newer\" (Cargo.toml's rust-version)"
    );
}

/// Text files a user reads install commands from (the test fixtures are chant's own specs,
/// quoted as they are).
fn documented_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(name.as_str(), "target" | "node_modules" | "fixtures" | ".git" | "dist") {
                documented_files(&path, acc);
            }
        } else if [".md", ".sh", ".yml", ".yaml", ".lua", ".el", ".toml"].iter().any(|ext| name.ends_with(ext))
            || name == "run"
        {
            acc.push(path);
        }
    }
}

/// An unlocked `cargo install` resolves the newest dependencies, which may need a newer Rust
/// than the README says or break the build: every install command the repository shows is
/// `--locked`.
#[test]
fn every_cargo_install_command_is_locked() {
    let mut files = Vec::new();
    documented_files(repo(), &mut files);
    let mut unlocked = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if let Some(at) = line.find("cargo install ") {
                let command = &line[at..];
                if !command.contains("--locked") && !command.contains("--list") {
                    unlocked.push(format!(
                        "{}:{}: {}",
                        file.strip_prefix(repo()).unwrap_or(file).display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(files.len() > 10, "found only {} files to look at", files.len());
    assert_eq!(unlocked, Vec::<String>::new());
}

/// The targets `dist-workspace.toml` builds, read from its `targets = [...]` line.
fn dist_targets() -> Vec<String> {
    let config = read("dist-workspace.toml");
    let line = config.lines().find(|l| l.trim_start().starts_with("targets =")).expect("a targets line");
    line.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

/// The archive name the release publishes for a target, as dist names them.
fn archive_for(target: &str) -> String {
    let ext = if target.contains("windows") { ".zip" } else { ".tar.gz" };
    format!("chant-lsp-{target}{ext}")
}

#[test]
fn release_builds_every_platform_the_issue_names() {
    let targets = dist_targets();
    for needed in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.iter().any(|t| t == needed), "dist-workspace.toml does not build {needed}: {targets:?}");
    }
    let config = read("dist-workspace.toml");
    assert!(config.contains("unix-archive = \".tar.gz\""), "the archive names below assume .tar.gz");
    assert!(repo().join(".github/workflows/release.yml").is_file(), "the release workflow dist generates");
}

/// The repository the release archives come from, from Cargo.toml (`owner/name`).
fn repository() -> String {
    let manifest = read("Cargo.toml");
    let line = manifest.lines().find(|l| l.starts_with("repository = ")).expect("repository in Cargo.toml");
    line.trim_start_matches("repository = \"https://github.com/").trim_end_matches('"').to_string()
}

fn str_at<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    path.iter().fold(value, |v, key| &v[*key]).as_str().unwrap_or_else(|| panic!("no string at {path:?}"))
}

/// Mason downloads the archives the release publishes, for each platform, and runs the binary
/// inside: a folder named after the archive on Unix, the zip's top on Windows.
#[test]
fn mason_package_points_at_the_release_archives() {
    let package = yaml("editors/nvim/mason/package.yaml");
    assert_eq!(str_at(&package, &["name"]), "chant-lsp");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(str_at(&package, &["source", "id"]), format!("pkg:github/{}@v{version}", repository()));
    assert_eq!(str_at(&package, &["bin", "chant-lsp"]), "{{source.asset.bin}}");
    let targets = dist_targets();
    let assets = package["source"]["asset"].as_sequence().expect("source.asset list");
    let mut seen = Vec::new();
    for asset in assets {
        let file = str_at(asset, &["file"]);
        let target = file.trim_start_matches("chant-lsp-").trim_end_matches(".tar.gz").trim_end_matches(".zip");
        assert!(targets.iter().any(|t| t == target), "{file}: dist does not build {target}");
        assert_eq!(file, archive_for(target));
        let bin = if target.contains("windows") {
            "chant-lsp.exe".to_string()
        } else {
            format!("chant-lsp-{target}/chant-lsp")
        };
        assert_eq!(str_at(asset, &["bin"]), bin, "{file}");
        seen.push(str_at(asset, &["target"]).to_string());
    }
    expect_test::expect![[r#"["darwin_arm64", "darwin_x64", "linux_arm64", "linux_x64", "win_x64"]"#]]
        .assert_eq(&format!("{seen:?}"));
}

/// The action's inputs, its two steps, and the release script it runs.
#[test]
fn github_action_installs_a_release_and_runs_check() {
    let action = yaml("action.yml");
    assert_eq!(str_at(&action, &["runs", "using"]), "composite");
    let inputs: Vec<&str> = action["inputs"].as_mapping().expect("inputs").keys().filter_map(Value::as_str).collect();
    assert_eq!(inputs, ["paths", "version", "args", "repository"]);
    assert_eq!(str_at(&action, &["inputs", "repository", "default"]), repository());
    let steps = action["runs"]["steps"].as_sequence().expect("steps");
    let runs: Vec<&str> = steps.iter().map(|s| str_at(s, &["run"])).collect();
    assert!(runs[0].contains("scripts/install-release.sh"), "{}", runs[0]);
    assert!(runs[1].contains("chant-lsp check --format github $CHANT_LSP_PATHS $CHANT_LSP_ARGS"), "{}", runs[1]);
    assert!(repo().join("scripts/install-release.sh").is_file());
    let script = read("scripts/install-release.sh");
    assert!(script.contains(&format!("repository=${{3:-{}}}", repository())), "the script's default repository");
    for target in dist_targets().iter().filter(|t| !t.contains("linux-gnu")) {
        assert!(script.contains(&format!("target={target}")), "install-release.sh does not pick {target}");
    }
}

/// pre-commit passes the staged files its `files` pattern matches: specs, active or archived, in
/// any workspace of the repository, and nothing else.
#[test]
fn pre_commit_hooks_match_spec_files_only() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_sequence().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| str_at(h, &["id"])).collect();
    assert_eq!(ids, ["chant-lsp-check", "chant-lsp-check-system"]);
    for hook in hooks {
        assert_eq!(str_at(hook, &["entry"]), "chant-lsp check");
        assert!(["rust", "system"].contains(&str_at(hook, &["language"])));
        let files = regex::Regex::new(str_at(hook, &["files"])).expect("files is a regex");
        let matched: Vec<bool> = [
            ".chant/specs/2026-01-01-001-abc.md",
            "app/.chant/archive/2026-01-01/2026-01-01-001-abc.md",
            ".chant/config.md",
            "docs/specs/x.md",
            ".chant/specs/notes.txt",
        ]
        .iter()
        .map(|p| files.is_match(p))
        .collect();
        assert_eq!(matched, [true, true, false, false, false]);
    }
}

/// The published crate holds the sources and the README, not the megabytes of test fixtures,
/// the editor clients, node_modules or the fuzz crate.
#[test]
fn published_crate_holds_only_what_it_needs() {
    let out = cargo().args(["package", "--list", "--allow-dirty", "--offline"]).output().expect("run cargo package");
    assert!(out.status.success(), "cargo package --list: {}", String::from_utf8_lossy(&out.stderr));
    let list = String::from_utf8_lossy(&out.stdout);
    let outside: Vec<&str> = list.lines().filter(|f| !f.starts_with("src/") && !f.starts_with("docs/")).collect();
    assert_eq!(outside, [".cargo_vcs_info.json", "Cargo.lock", "Cargo.toml", "Cargo.toml.orig", "README.md"]);
}

/// Every file that names the GitHub repository names the one in Cargo.toml, so moving the
/// repository is one edit there and this test lists the rest.
#[test]
fn every_file_names_the_same_repository() {
    let ours = repository();
    let mut wrong = Vec::new();
    for rel in [
        "README.md",
        "action.yml",
        "scripts/install-release.sh",
        "editors/nvim/mason/package.yaml",
        "editors/nvim/lsp/chant_lsp.lua",
    ] {
        let text = read(rel);
        for (at, _) in text.match_indices("github.com/") {
            let named: String = text[at + "github.com/".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || "-_./".contains(*c))
                .collect();
            let named: Vec<&str> = named.split('/').take(2).collect();
            if named.get(1).is_some_and(|n| n.starts_with("chant-lsp")) && named.join("/") != ours {
                wrong.push(format!("{rel}: {}", named.join("/")));
            }
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
}

/// The action's install step on a release laid out as dist publishes it (a folder of archives
/// with their `.sha256` files, reached as file://): it installs the binary and runs it, and
/// refuses an archive whose checksum does not match. A small script stands in for the binary:
/// the real archive is checked where it is built (the release workflow).
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn install_script_checks_and_installs_a_release_archive() {
    let base = std::env::temp_dir().join(format!("chant-lsp-release-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let target = "x86_64-unknown-linux-musl";
    let folder = base.join("pkg").join(format!("chant-lsp-{target}"));
    std::fs::create_dir_all(&folder).expect("temp folder");
    std::fs::write(folder.join("chant-lsp"), "#!/bin/sh\necho \"chant-lsp $1\"\n").expect("stand-in binary");
    let sh = |script: &str| {
        let out = Command::new("bash").arg("-c").arg(script).current_dir(&base).output().expect("run bash");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let archive = archive_for(target);
    let made = sh(&format!(
        "set -e; mkdir -p v0.1.0 && tar -czf v0.1.0/{archive} -C pkg chant-lsp-{target} && cd v0.1.0 && sha256sum {archive} > {archive}.sha256"
    ));
    assert_eq!(made.0, Some(0), "{}", made.2);
    let script = repo().join("scripts/install-release.sh");
    let install = |dest: &str| {
        sh(&format!("CHANT_LSP_RELEASE_BASE=file://{} bash {} 0.1.0 {dest}", base.display(), script.display()))
    };
    let good = install("bin");
    let installed = base.join("bin/chant-lsp").is_file();
    let bad_sum = sh(&format!("echo 0000 > v0.1.0/{archive}.sha256"));
    let bad = install("bin2");
    let refused = !base.join("bin2/chant-lsp").exists();
    let _ = std::fs::remove_dir_all(&base);
    let last_line = good.1.lines().last().unwrap_or_default().to_string();
    assert_eq!((good.0, last_line.as_str(), installed), (Some(0), "chant-lsp --version", true), "{}", good.2);
    assert_eq!(bad_sum.0, Some(0));
    assert_eq!((bad.0, refused), (Some(1), true));
    assert!(bad.2.contains("does not match its published SHA-256"), "{}", bad.2);
}
