//! Bad input never panics: every prefix-cut, byte-damaged and line-shuffled variant of real
//! specs, and random near-spec texts and random bytes, parse, get diagnostics, and survive every
//! editor feature at odd offsets while keeping their invariants (see `exercise/mod.rs`). The
//! damaged-corpus test is deterministic (a fixed pseudo-random sequence); the random ones shrink
//! a failure to a small input.

use crate::support::exercise;

use std::path::Path;

use proptest::prelude::*;

/// A small linear congruential generator: enough to vary inputs, identical on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn samples() -> Vec<String> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus-chant-2026-02-11/.chant/archive/2026-02-03");
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("corpus folder").flatten().map(|e| e.path()).collect();
    paths.sort();
    let mut texts: Vec<String> = paths.iter().take(40).filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    texts.extend(
        [
            "---\n",
            "---\n---\n",
            "---\n: :\n---\n",
            "---\n[\n---\n",
            "---\ndepends_on: &a [*a]\n---\n# T\n",
            "---\ntype: !!binary aGVsbG8=\n---\n",
            "---\r\nstatus: \"\u{1F600}\r\n---\r\n# \u{6d4b}\r\n",
            "\u{feff}---\nlabels:\n\t- x\n---\n",
            "---\napproval: 3\nretry_state: {attempts: -1}\n---\n## Acceptance Criteria\n- [ ]- [x]- [X]\n",
            "```\n# inside\n## Acceptance Criteria\n- [ ] x\n",
        ]
        .map(String::from),
    );
    texts
}

fn damage(text: &str, rng: &mut Lcg) -> String {
    let mut bytes = text.as_bytes().to_vec();
    match rng.next(4) {
        0 => bytes.truncate(rng.next(bytes.len() + 1)),
        1 => {
            for _ in 0..3 {
                if !bytes.is_empty() {
                    let at = rng.next(bytes.len());
                    let noise = b"-:[]{}\"'\t\r\n#`*&!|>";
                    bytes[at] = noise[rng.next(noise.len())];
                }
            }
        }
        2 => {
            let at = rng.next(bytes.len() + 1);
            bytes.splice(at..at, "---\n".bytes());
        }
        _ => {
            let mut lines: Vec<&str> = text.lines().collect();
            if lines.len() > 1 {
                let (a, b) = (rng.next(lines.len()), rng.next(lines.len()));
                lines.swap(a, b);
            }
            return lines.join("\n");
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn damaged_specs_never_panic() {
    let root = std::env::temp_dir().join(format!("chant-lsp-robust-{}", std::process::id()));
    let mut rng = Lcg(42);
    let mut n_checked = 0;
    for text in samples() {
        for round in 0..100 {
            let damaged = if round == 0 { text.clone() } else { damage(&text, &mut rng) };
            let len = damaged.len();
            let offsets = [0, len, len + 7, rng.next(len + 1), rng.next(len + 1)];
            let (ws, path) = exercise::workspace_around(&root, damaged);
            exercise::every_feature(&ws, &path, &offsets);
            n_checked += 1;
        }
    }
    assert_eq!(n_checked, 50 * 100);
}

/// Lines and fragments a spec is made of: every frontmatter key chant's schema knows (with good
/// and bad values), the fences, lists, links and ids the features look at, and awkward text.
const NEAR_SPEC: &[&str] = &[
    "---\n",
    "---\r\n",
    "...\n",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    "- ",
    "  - ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "\"",
    "'",
    "#",
    "`",
    "```\n",
    "~~~\n",
    "type: ",
    "status: ",
    "depends_on:",
    "target_files:",
    "tracks:",
    "informed_by:",
    "labels:",
    "prompt:",
    "approval:",
    "required: true\n",
    "retry_state:",
    "members:",
    "parent:",
    "context:",
    "model:",
    "branch:",
    "commits:",
    "completed_at: ",
    "created: 2026-01-01\n",
    "output_schema:",
    "verification_status:",
    "pr:",
    "code",
    "documentation",
    "research",
    "driver",
    "group",
    "task",
    "pending",
    "in_progress",
    "completed",
    "blocked",
    "pendng",
    "docs",
    "2026-01-01-001-abc",
    "2026-01-01-002-xyz",
    "2026-01-01-003-arc",
    "2026-01-01-00",
    "src/a.rs",
    ".chant/research/r.md",
    "*.rs",
    "../x.md",
    "[link](./2026-01-01-001-abc.md#t)",
    "# Title\n",
    "## Acceptance Criteria\n",
    "## Prepared PR Description\n",
    "- [ ] ",
    "- [x] ",
    "- [X] ",
    "{{spec.title}}",
    "{{research.r}}",
    "é",
    "😀",
    "测试",
    "\u{feff}",
    "\u{2028}",
    "\u{0}",
    "x",
    "42",
];

fn near_spec() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(NEAR_SPEC), 0..60).prop_map(|p| p.concat())
}

/// Offsets anywhere in the text, inside characters and past its end.
fn offsets() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..700, 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn near_spec_texts_never_panic(text in near_spec(), offsets in offsets()) {
        let root = std::env::temp_dir().join("chant-lsp-near-spec");
        let (ws, path) = exercise::workspace_around(&root, text);
        exercise::every_feature(&ws, &path, &offsets);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), offsets in offsets()) {
        let root = std::env::temp_dir().join("chant-lsp-random-bytes");
        let (ws, path) = exercise::workspace_around(&root, String::from_utf8_lossy(&bytes).into_owned());
        exercise::every_feature(&ws, &path, &offsets);
    }
}

/// Found by `near_spec_texts_never_panic`: completing a value typed after a multi-byte space
/// (U+00A0, U+2028) cut the text inside that space.
#[test]
fn completion_after_a_multibyte_space_does_not_split_it() {
    use chant_lsp::ide::completion::completions;
    let text = "---\nstatus: a\u{a0}pend\n---\n# T\n".to_string();
    let cursor = text.find("pend").expect("typed word") + 4;
    let (ws, path) = exercise::workspace_around(Path::new("/nonexistent"), text.clone());
    let spec = &ws.source(&path).expect("spec");
    let found: Vec<String> = completions(&ws, chant_lsp::ide::SpecFile::new(&path, spec).at(cursor))
        .iter()
        .map(|c| format!("{} {:?} {:?}", c.label, c.edit, &text[c.edit.as_usize()]))
        .collect();
    expect_test::expect![[r#"
        [
            "pending TextRange { start: 15, end: 19 } \"pend\"",
            "in_progress TextRange { start: 15, end: 19 } \"pend\"",
            "paused TextRange { start: 15, end: 19 } \"pend\"",
            "completed TextRange { start: 15, end: 19 } \"pend\"",
            "failed TextRange { start: 15, end: 19 } \"pend\"",
            "needs_attention TextRange { start: 15, end: 19 } \"pend\"",
            "ready TextRange { start: 15, end: 19 } \"pend\"",
            "blocked TextRange { start: 15, end: 19 } \"pend\"",
            "cancelled TextRange { start: 15, end: 19 } \"pend\"",
        ]
    "#]]
    .assert_debug_eq(&found);
}

/// Found by `near_spec_texts_never_panic`: criteria actions for a selection starting inside a
/// multi-byte character sliced the text there.
#[test]
fn criteria_actions_accept_a_range_inside_a_character() {
    use chant_lsp::ide::code_actions::{criteria_actions, CriteriaAction};
    let text = "---\n---\n# T\n\n## Acceptance Criteria\n\n- [ ] é\n".to_string();
    let inside = text.find('é').expect("é") + 1;
    let (ws, path) = exercise::workspace_around(Path::new("/nonexistent"), text);
    let spec = &ws.source(&path).expect("spec");
    let titles: Vec<String> = criteria_actions(spec, chant_lsp::text::TextRange::new(inside, inside))
        .into_iter()
        .map(|a| match a {
            CriteriaAction::Enabled(fix) => format!("{} {:?}", fix.title, fix.edits),
            CriteriaAction::Disabled { title, reason } => format!("{title} (disabled: {reason})"),
        })
        .collect();
    expect_test::expect![[r#"
        [
            "Mark done [TextEdit { range: TextRange { start: 40, end: 41 }, new_text: \"x\" }]",
        ]
    "#]]
    .assert_debug_eq(&titles);
}
