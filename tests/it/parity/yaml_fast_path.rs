//! The fast typed verdict (read off the span tree) against serde_yaml, chant's own parser: over
//! every fixture file and over thousands of generated frontmatters full of YAML traps. The fast
//! path may decline anything, but when it answers it must equal serde_yaml's `Ok`.

use std::path::{Path, PathBuf};

use chant_lsp::spec::{Spec, SpecLocation};
use chant_lsp::syntax::frontmatter::{self, ChantSplit};
use chant_lsp::syntax::typed::{self, ChantFrontmatter, TypedError};
use chant_lsp::syntax::{typed_fast, yaml};
use expect_test::expect;

/// Both verdicts on one file: the fast one (`None` when it declines) and serde_yaml's.
fn verdicts(text: &str) -> Option<(Option<ChantFrontmatter>, Result<ChantFrontmatter, TypedError>)> {
    let ChantSplit::Frontmatter { yaml: chant_yaml, .. } = frontmatter::chant_split(text) else { return None };
    let serde = typed::deserialize(&text[chant_yaml.as_usize()], chant_yaml.start as usize);
    let fast = frontmatter::split(text).filter(|fm| fm.close.is_some()).and_then(|fm| {
        match yaml::parse(&text[fm.yaml.as_usize()], fm.yaml.start as usize) {
            (Some(root), None) => typed_fast::from_tree(text, chant_yaml, &fm, &root),
            _ => None,
        }
    });
    Some((fast, serde))
}

/// How many files were seen, had chant frontmatter, loaded in chant, and took the fast path.
#[derive(Debug, Default)]
struct Tally {
    files: usize,
    frontmatter: usize,
    serde_ok: usize,
    fast: usize,
}

impl Tally {
    /// Compares the verdicts on `text`; `label` names the case in a failure.
    fn check(&mut self, label: &str, text: &str) {
        self.files += 1;
        let Some((fast, serde)) = verdicts(text) else { return };
        self.frontmatter += 1;
        self.serde_ok += usize::from(serde.is_ok());
        if let Some(fast) = fast {
            self.fast += 1;
            assert_eq!(Ok(&fast), serde.as_ref(), "fast path disagrees with serde_yaml on {label}:\n{text}");
        }
    }
}

fn markdown_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read fixture folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, acc);
        } else if path.extension().is_some_and(|e| e == "md") {
            acc.push(path);
        }
    }
}

/// Every markdown file of every fixture workspace (specs, archive, prompts, config), and the
/// verdict `Spec::parse` keeps for it, which must be serde_yaml's in every case, errors included.
#[test]
fn fast_path_agrees_with_serde_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    markdown_files(&root, &mut files);
    files.sort();
    let (mut corpus, mut others) = (Tally::default(), Tally::default());
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let label = path.strip_prefix(&root).expect("inside fixtures").display().to_string();
        let tally = if label.starts_with("corpus-chant-2026-02-11") { &mut corpus } else { &mut others };
        tally.check(&label, &text);
        if let Some((_, serde)) = verdicts(&text) {
            let spec = Spec::parse("id".into(), SpecLocation::Active, text);
            assert_eq!(spec.verdict, serde, "Spec::parse keeps another verdict than serde_yaml's on {label}");
        }
    }
    expect![[r#"
        (
            Tally {
                files: 880,
                frontmatter: 877,
                serde_ok: 858,
                fast: 858,
            },
            Tally {
                files: 97,
                frontmatter: 78,
                serde_ok: 67,
                fast: 61,
            },
        )
    "#]]
    .assert_debug_eq(&(corpus, others));
}

/// splitmix64: a tiny seeded generator, so every run tests the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Every field chant knows, plus keys it ignores and near-misses of known ones.
const KEYS: &[&str] = &[
    "type",
    "status",
    "depends_on",
    "labels",
    "target_files",
    "context",
    "prompt",
    "branch",
    "commits",
    "completed_at",
    "model",
    "tracks",
    "informed_by",
    "origin",
    "schedule",
    "source_branch",
    "target_branch",
    "conflicting_files",
    "blocked_specs",
    "original_spec",
    "last_verified",
    "verification_status",
    "verification_failures",
    "replayed_at",
    "replay_count",
    "original_completed_at",
    "derived_fields",
    "approval",
    "members",
    "output_schema",
    "public",
    "retry_state",
    "pr",
    "Type",
    "status2",
    "<<",
    "1",
    "~",
    "\"type\"",
    "'status'",
    "über",
    "? model",
];

/// Scalars that YAML parsers or serde_yaml's typing read in surprising ways, and ordinary ones.
const SCALARS: &[&str] = &[
    "2026-01-24-001-abc",
    "2026-01-24-001-x7m",
    "2026-02-11",
    "2026-02-11T10:00:00Z",
    "001",
    "0",
    "1",
    "42",
    "-1",
    "+1",
    "007",
    "+007",
    "1e3",
    "1e-3",
    "1.5",
    ".5",
    ".inf",
    "-.inf",
    ".nan",
    "inf",
    "nan",
    "Infinity",
    "0x1F",
    "0o17",
    "0b101",
    "1_000",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "99999999999999999999",
    "true",
    "True",
    "TRUE",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "code",
    "task",
    "driver",
    "documentation",
    "docs",
    "group",
    "research",
    "pending",
    "in_progress",
    "completed",
    "failed",
    "cancelled",
    "ready",
    "blocked",
    "paused",
    "needs_attention",
    "passed",
    "partial",
    "approved",
    "rejected",
    "claude-sonnet-4",
    "src/lib.rs",
    "a b",
    "é",
    "日本語",
    "emoji 🎉",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "it's",
    "say \"hi\"",
    "#x",
    "@x",
    "`x`",
    "%x",
    "-x",
    "- x",
    "? x",
    ":x",
    "x:",
    "a, b",
    "[a]",
    "{a: 1}",
    "!x",
    "!!str x",
    "&a x",
    "*a",
    "|",
    ">",
    "a\tb",
    "back\\slash",
    "x ",
    " x",
    "\u{2028}",
    "a\u{85}b",
    "\u{feff}x",
    "\u{a0}",
    "a---b",
    "...",
    "<<",
    r"\x41",
    r"\u00e9",
    r"\N",
    r"\_",
    r"\L",
    r"\e",
    r"\/",
    r"\q",
    r"\U0001F600",
    r"\0",
    r"a\ b",
    r"\t",
];

/// Values real specs hold, for cases with few traps.
const CLEAN: &[&str] = &[
    "2026-01-24-001-abc",
    "2026-01-24-001-x7m",
    "2026-02-11T10:00:00Z",
    "001",
    "1234567",
    "abc1234",
    "code",
    "task",
    "driver",
    "group",
    "pending",
    "in_progress",
    "completed",
    "failed",
    "passed",
    "approved",
    "true",
    "false",
    "2",
    "claude-sonnet-4",
    "src/lib.rs",
    "docs/a b.md",
    "Fix the bug!",
    "it's",
    "é",
    "~",
    "",
];

/// Draws frontmatters; `wild` is the percentage of decisions that pick a trap.
struct Gen {
    rng: Rng,
    wild: usize,
}

impl Gen {
    fn trap(&mut self) -> bool {
        self.rng.chance(self.wild)
    }

    fn scalar(&mut self) -> String {
        if !self.trap() {
            let raw = self.rng.pick(CLEAN);
            return if self.rng.chance(15) { format!("'{}'", raw.replace('\'', "''")) } else { raw.to_string() };
        }
        let rng = &mut self.rng;
        let raw = rng.pick(SCALARS);
        match rng.below(10) {
            0 => format!("'{}'", raw.replace('\'', "''")),
            1 => format!("\"{}\"", raw.replace('\\', "\\\\").replace('"', "\\\"")),
            2 => format!("\"{raw}\""),
            3 => format!("'{raw}'"),
            4 => format!("{}{raw}", rng.pick(&["!!str ", "!!int ", "!!bool ", "!x ", "&a ", "*a ", "!!null "])),
            _ => raw.to_string(),
        }
    }

    fn indent(&mut self) -> &'static str {
        if self.trap() {
            self.rng.pick(&["", " ", "    ", "\t", "   "])
        } else {
            self.rng.pick(&["  ", ""])
        }
    }

    /// A value after `key:` (with its leading space or line break), in one of YAML's shapes.
    fn value(&mut self, depth: usize) -> String {
        let indent = self.indent();
        let shapes = if depth > 1 {
            5
        } else if self.trap() {
            12
        } else {
            11
        };
        match self.rng.below(shapes) {
            0..=3 => {
                let tail = if self.trap() { " # note" } else { "" };
                format!(" {}{tail}\n", self.scalar())
            }
            4 => "\n".to_string(),
            5 | 6 => self.flow_list(),
            7 | 8 => {
                let mut out = String::from("\n");
                for _ in 0..1 + self.rng.below(3) {
                    let item_indent = if self.trap() { self.indent() } else { indent };
                    let item = if self.trap() { String::new() } else { format!(" {}", self.scalar()) };
                    out.push_str(&format!("{item_indent}-{item}\n"));
                }
                out
            }
            9 | 10 => self.nested_map(indent, depth),
            _ => self
                .rng
                .pick(&[
                    " |\n  text\n",
                    " >-\n  a\n  b\n",
                    " two\n  lines\n",
                    " {required: true}\n",
                    " &a [x]\n",
                    " *a\n",
                    " !x\n  - a\n",
                    " !!seq [a]\n",
                    " !x [a]\n",
                    " &l\n  - a\n",
                    " !!map\n  required: true\n",
                    " !x\n  required: true\n",
                    " &m\n  attempts: 1\n",
                ])
                .to_string(),
        }
    }

    fn flow_list(&mut self) -> String {
        let items: Vec<String> = (0..self.rng.below(4)).map(|_| self.scalar()).collect();
        let sep = if self.trap() { self.rng.pick(&[",", " , ", ",\n  ", ",\n"]) } else { ", " };
        let trailing = if self.trap() { "," } else { "" };
        format!(" [{}{trailing}]\n", items.join(sep))
    }

    /// A block mapping (approval and retry_state keys, and one chant ignores), each line of
    /// every nested value indented by `indent`.
    fn nested_map(&mut self, indent: &str, depth: usize) -> String {
        let keys = ["required", "status", "by", "at", "attempts", "last_retry_time", "next_retry_time", "extra"];
        let mut out = String::from("\n");
        for _ in 0..1 + self.rng.below(4) {
            let key = self.rng.pick(&keys);
            let inner = self.value(depth + 1);
            let body = inner.strip_suffix('\n').unwrap_or(&inner).replace('\n', &format!("\n{indent}"));
            out.push_str(&format!("{indent}{key}:{body}\n"));
        }
        out
    }

    /// A value of the type chant gives `key`, in one of the shapes real specs write it.
    fn fitting(&mut self, key: &str) -> String {
        let one_of = |gen: &mut Gen, names: &[&str]| format!(" {}\n", gen.rng.pick(names));
        match key {
            "type" => one_of(self, &["code", "task", "driver", "documentation", "research", "group"]),
            "status" => {
                one_of(self, &["pending", "in_progress", "completed", "failed", "ready", "blocked", "cancelled"])
            }
            "verification_status" => one_of(self, &["passed", "failed", "partial", "~", ""]),
            "public" => one_of(self, &["true", "false", "null"]),
            "replay_count" => one_of(self, &["0", "3", "4294967295", "~"]),
            "approval" => "\n  required: true\n  status: approved\n  by: someone\n".to_string(),
            "retry_state" => {
                "\n  attempts: 2\n  last_retry_time: 1700000000000\n  next_retry_time: 1700000060000\n".to_string()
            }
            "depends_on" if self.rng.chance(30) => one_of(self, &["2026-01-24-001-abc", "'2026-01-24-001-x7m'", "001"]),
            "depends_on"
            | "labels"
            | "target_files"
            | "context"
            | "commits"
            | "tracks"
            | "informed_by"
            | "origin"
            | "conflicting_files"
            | "blocked_specs"
            | "verification_failures"
            | "derived_fields"
            | "members" => {
                let items: Vec<String> =
                    (0..self.rng.below(4)).map(|_| self.scalar()).filter(|s| !s.is_empty()).collect();
                if self.rng.chance(50) {
                    format!(" [{}]\n", items.join(", "))
                } else {
                    items.iter().map(|it| format!("\n- {it}")).collect::<String>() + "\n"
                }
            }
            _ => format!(" {}\n", self.scalar()),
        }
    }

    /// A value almost of the type chant gives `key`: the typing traps of YAML 1.1, quoting,
    /// case, signs and bounds.
    fn near_miss(&mut self, key: &str) -> String {
        let pick = |gen: &mut Gen, names: &[&str]| format!(" {}\n", gen.rng.pick(names));
        match key {
            "type" | "status" | "verification_status" => {
                pick(self, &["Code", "'code'", "\"task\"", "docs", "~", "", "'pending'", "Passed", "[code]", "passed "])
            }
            "public" => pick(self, &["yes", "True", "TRUE", "'true'", "\"false\"", "1", "on", "~", "[true]"]),
            "replay_count" => pick(
                self,
                &["'2'", "\"2\"", "-1", "+2", "0x10", "0o7", "1e2", "2.0", "007", "4294967296", "99999999999999999999"],
            ),
            "approval" => {
                let required = self.rng.pick(&["yes", "True", "'true'", "1", "false", "~", ""]);
                let status = self.rng.pick(&["Approved", "'approved'", "done", "rejected", "~"]);
                format!("\n  required: {required}\n  status: {status}\n")
            }
            "retry_state" => {
                let attempts = self.rng.pick(&["'2'", "-1", "1.0", "0x2", "2"]);
                let time = self.rng.pick(&["18446744073709551616", "1e3", "~", "5"]);
                let missing = if self.rng.chance(30) { "" } else { "  next_retry_time: 1\n" };
                format!("\n  attempts: {attempts}\n  last_retry_time: {time}\n{missing}")
            }
            "depends_on" => {
                pick(self, &["1", "[1]", "true", "[2026-01-24-001-abc, 42]", "1e3", "'1'", "[.5]", "0x1F", "~"])
            }
            _ => pick(self, &["[a, b]", "a", "~", "\n  - x", "{a: 1}", "'quoted'", "12", "- x"]),
        }
    }

    /// A frontmatter of a few entries, with now and then a line-level trap between them.
    fn frontmatter(&mut self) -> String {
        let mut yaml = String::new();
        for _ in 0..1 + self.rng.below(6) {
            // Real specs use the known fields, so those dominate.
            let key = if self.trap() { self.rng.pick(KEYS) } else { KEYS[self.rng.below(32)] };
            let value = match (self.trap(), self.rng.chance(50)) {
                (true, true) => self.value(0),
                (true, false) => self.near_miss(key),
                (false, _) => self.fitting(key),
            };
            yaml.push_str(&format!("{key}:{value}"));
            if self.trap() {
                yaml.push_str(self.rng.pick(&[
                    "# comment\n",
                    "\n",
                    "  # indented\n",
                    "...\n",
                    "%YAML 1.2\n",
                    "junk\n",
                    " status: x\n",
                    "]\n",
                ]));
            }
        }
        if self.trap() {
            yaml = yaml.replace('\n', "\r\n");
        }
        let open = if self.trap() {
            self.rng.pick(&["---  \n", "--- # c\n", "----\n", "  ---\n", "---\n!!map\n", "---\n&a\n", "--- !x\n"])
        } else {
            "---\n"
        };
        format!("{open}{yaml}---\n# Title\n")
    }
}

/// Thousands of generated frontmatters, from nearly clean to full of traps: whatever the fast
/// path answers, serde_yaml answers too.
#[test]
fn fast_path_agrees_with_serde_on_generated_traps() {
    let mut tally = Tally::default();
    for case in 0..5000 {
        let mut gen = Gen { rng: Rng(0x5eed_0013 + case), wild: [0, 2, 5, 10, 25, 60][case as usize % 6] };
        let text = gen.frontmatter();
        tally.check(&format!("generated case {case}"), &text);
    }
    expect![[r#"
        Tally {
            files: 5000,
            frontmatter: 5000,
            serde_ok: 2683,
            fast: 2226,
        }
    "#]]
    .assert_debug_eq(&tally);
}
