//! Builds a hostile chant workspace at test or bench time (nothing large is committed): every
//! kind of damaged, huge, cyclic, linked or special file a cloned repository can hold.
//!
//! Shared by `tests/it/stress/hostile.rs` (what is reported, how large every answer is) and
//! `benches/hostile.rs` (how long and how much memory it all takes).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The text a spec linked from outside the root holds; it must never appear in any output.
pub const SECRET: &str = "SECRET-OUTSIDE-THE-ROOT";

/// Sizes of the generated cases, as the issue that asked for them states them.
pub const HUGE_SPEC_BYTES: usize = 20 * 1024 * 1024;
pub const MANY_LINES: usize = 200_000;
pub const MANY_KEYS: usize = 10_000;
pub const MANY_DEPS: usize = 10_000;
pub const DEEP_NESTING: usize = 10_000;
pub const CYCLE_LEN: usize = 3_000;

/// A generated workspace; its folder and the sibling "outside" folder are removed on drop.
pub struct HostileWorkspace {
    pub root: PathBuf,
    base: PathBuf,
}

impl Drop for HostileWorkspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

impl HostileWorkspace {
    pub fn spec(&self, name: &str) -> PathBuf {
        self.root.join(".chant/specs").join(name)
    }
}

/// Criteria every well-formed case carries, so it reports only what the case is about.
const DONE: &str = "\n## Acceptance Criteria\n\n- [x] done\n";

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, bytes).expect("write file");
}

pub fn build(tag: &str) -> HostileWorkspace {
    let base = std::env::temp_dir().join(format!("chant-lsp-hostile-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (root, outside) = (base.join("ws"), base.join("outside"));
    std::fs::create_dir_all(root.join(".chant/specs")).expect("create workspace");
    std::fs::create_dir_all(root.join(".chant/research")).expect("create research folder");
    std::fs::create_dir_all(&outside).expect("create outside folder");
    write(&outside, "secret.md", format!("---\nstatus: pending\n---\n# {SECRET}\n\n{SECRET}\n"));
    encodings(&root);
    sizes(&root);
    yaml(&root);
    cycle(&root);
    special_files(&root, &outside);
    HostileWorkspace { root, base }
}

fn encodings(root: &Path) {
    write(root, ".chant/specs/bad-utf8.md", b"---\nstatus: pending\n---\n# Caf\xe9\n");
    write(root, ".chant/specs/nul.md", b"---\nstatus: pending\n---\n# Nul\x00\n");
    write(root, ".chant/specs/bom.md", format!("\u{feff}---\nstatus: pending\n---\n# Bom\n{DONE}"));
    write(root, ".chant/specs/crlf.md", format!("---\nstatus: pendng\n---\n# Crlf\n{DONE}").replace('\n', "\r\n"));
    write(root, ".chant/specs/lone-cr.md", format!("---\nstatus: pending\n---\n# Cr\n{DONE}").replace('\n', "\r"));
    write(root, ".chant/specs/tabs.md", format!("---\nstatus: pending\ndepends_on:\n\t- bom\n---\n# Tabs\n{DONE}"));
}

fn sizes(root: &Path) {
    let mut huge = String::from("---\nstatus: pending\n---\n# Huge\n\n");
    let line = "A line of a very large spec, repeated until the file is twenty megabytes long.\n";
    while huge.len() < HUGE_SPEC_BYTES {
        huge.push_str(line);
    }
    write(root, ".chant/specs/huge.md", huge);

    let mut lines = String::from("---\nstatus: completed\n---\n# Many lines\n\n## Acceptance Criteria\n\n");
    for i in 0..MANY_LINES {
        let _ = writeln!(lines, "- [ ] item {i}");
    }
    write(root, ".chant/specs/many-lines.md", lines);

    let mut keys = String::from("---\nstatus: pending\n");
    for i in 0..MANY_KEYS {
        let _ = writeln!(keys, "key{i}: value");
    }
    write(root, ".chant/specs/many-keys.md", format!("{keys}---\n# Many keys\n{DONE}"));

    let mut deps = String::from("---\nstatus: pending\ndepends_on:\n");
    for i in 0..MANY_DEPS {
        let _ = writeln!(deps, "  - 2026-01-01-{i:03x}-zzz");
    }
    write(root, ".chant/specs/many-deps.md", format!("{deps}---\n# Many dependencies\n{DONE}"));
}

fn yaml(root: &Path) {
    let deep = format!("---\nlabels: {}{}\n---\n# Deep\n{DONE}", "[".repeat(DEEP_NESTING), "]".repeat(DEEP_NESTING));
    write(root, ".chant/specs/deep-flow.md", deep);
    // Compact block sequences nest one level per `- `, so the file stays small (indenting each
    // level on its own line would make it quadratic in the depth).
    let block = format!("---\nstatus: pending\nlabels:\n  {}x\n---\n# Deep block\n{DONE}", "- ".repeat(DEEP_NESTING));
    write(root, ".chant/specs/deep-block.md", block);
    // Nine levels of nine aliases: a billion strings if anything expands it.
    let mut bomb = String::from("---\nstatus: pending\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..9 {
        let prev = format!("*x{}", level - 1);
        let _ = writeln!(bomb, "x{level}: &x{level} [{}]", [prev.as_str(); 9].join(", "));
    }
    write(root, ".chant/specs/alias-bomb.md", format!("{bomb}---\n# Alias bomb\n{DONE}"));
    let mut markdown = format!("---\nstatus: pending\n---\n# Deep markdown\n\n{}quote\n\n", "> ".repeat(DEEP_NESTING));
    for depth in 0..3_000 {
        let _ = writeln!(markdown, "{}- item", "  ".repeat(depth.min(200)));
    }
    let _ = writeln!(
        markdown,
        "\n{}x{}\n\n{}em{}\n",
        "[".repeat(DEEP_NESTING),
        "]".repeat(DEEP_NESTING),
        "*".repeat(DEEP_NESTING),
        "*".repeat(DEEP_NESTING)
    );
    write(root, ".chant/specs/deep-markdown.md", format!("{markdown}{DONE}"));
    let scalar = format!("---\nstatus: pending\ndescription: |\n  before\n  ---\n  after\n---\n# Block scalar\n{DONE}");
    write(root, ".chant/specs/block-scalar.md", scalar);
}

fn cycle(root: &Path) {
    for i in 0..CYCLE_LEN {
        let next = (i + 1) % CYCLE_LEN;
        let text = format!("---\nstatus: pending\ndepends_on: [cycle-{next:04}]\n---\n# Cycle {i}\n{DONE}");
        write(root, &format!(".chant/specs/cycle-{i:04}.md"), text);
    }
}

#[cfg(unix)]
fn special_files(root: &Path, outside: &Path) {
    use std::os::unix::fs::symlink;
    let specs = root.join(".chant/specs");
    let research = root.join(".chant/research");
    symlink(".", specs.join("loop")).expect("folder link loop");
    symlink("loop-b.md", specs.join("loop-a.md")).expect("file link loop");
    symlink("loop-a.md", specs.join("loop-b.md")).expect("file link loop");
    symlink(outside.join("secret.md"), specs.join("linked-out.md")).expect("spec linked out");
    symlink("/dev/zero", specs.join("zero.md")).expect("spec linked to /dev/zero");
    std::fs::create_dir_all(specs.join("dir.md")).expect("folder named like a spec");
    mkfifo(&specs.join("fifo.md"));
    mkfifo(&research.join("fifo.md"));
    symlink("/dev/zero", research.join("zero.md")).expect("research linked to /dev/zero");
    symlink(outside.join("secret.md"), research.join("link-out.md")).expect("research linked out");
    symlink(outside, root.join("outside-folder")).expect("folder linked out");
    let named = [
        ".chant/research/fifo.md",
        ".chant/research/zero.md",
        ".chant/research/link-out.md",
        "outside-folder/secret.md",
        "../outside/secret.md",
    ];
    let mut text = String::from("---\nstatus: pending\ntype: research\ninformed_by:\n");
    for path in named {
        let _ = writeln!(text, "  - {path}");
    }
    let _ = writeln!(text, "  - {}", outside.join("secret.md").display());
    text.push_str("target_files:\n  - .chant/research/fifo.md\n  - ../outside/secret.md\n");
    text.push_str("tracks:\n  - \"outside-folder/**/*.md\"\n");
    write(root, ".chant/specs/escape.md", format!("{text}---\n# Escape\n{DONE}"));
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}
