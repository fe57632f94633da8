//! Bad input never panics: every prefix-cut, byte-damaged and line-shuffled variant of real
//! specs parses, gets diagnostics, and survives every editor feature at odd offsets. Deterministic (a fixed pseudo-random sequence), so a
//! failure names a reproducible input.

use std::path::Path;

use chant_lsp::ide::diagnostics::diagnose;
use chant_lsp::spec::{Spec, SpecLocation};
use chant_lsp::text::{LineCol, PositionEncoding};
use chant_lsp::workspace::config::SeverityOverrides;
use chant_lsp::workspace::Workspace;

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

/// Runs every editor feature at a few offsets (valid, inside multi-byte characters, past the
/// end): none may panic, whatever the text.
fn every_feature_survives(
    ws: &Workspace,
    path: &Path,
    spec: &Spec,
    found: &[chant_lsp::ide::diagnostics::Diagnostic],
    rng: &mut Lcg,
) {
    use chant_lsp::ide::*;
    let len = spec.text.len();
    let offsets = [0, len, len + 7, rng.next(len + 1), rng.next(len + 1)];
    for offset in offsets {
        let _ = hover::hover(ws, path, spec, offset);
        let _ = goto_definition::goto_definition(ws, spec, path, offset);
        let _ = completion::completions(ws, spec, offset);
        let _ = references::references(ws, path, Some(spec), offset, true);
        let _ = rename::prepare_rename(ws, spec, offset);
        let _ = rename::rename(ws, spec, offset, "renamed-id");
    }
    let _ = code_actions::fix_all(ws, spec, found);
    for index in 0..found.len() {
        let _ = code_actions::fixes_for(ws, spec, found, index);
    }
    let _ = code_lens::code_lenses(ws, path, spec);
    let _ = document_symbols::document_symbols(spec);
    let _ = folding_ranges::folding_ranges(spec);
    let _ = document_links::document_links(ws, spec, path);
    let _ = inlay_hints::inlay_hints(ws, spec, chant_lsp::text::TextRange::new(0, len));
}

#[test]
fn damaged_specs_never_panic() {
    let root = std::env::temp_dir().join(format!("chant-lsp-robust-{}", std::process::id()));
    let mut ws = Workspace::new(root.clone());
    let mut rng = Lcg(42);
    let mut n_checked = 0;
    for (i, text) in samples().iter().enumerate() {
        for round in 0..150 {
            let damaged = if round == 0 { text.clone() } else { damage(text, &mut rng) };
            let path = root.join(format!(".chant/specs/s{i}.md"));
            let spec = Spec::parse(format!("s{i}"), SpecLocation::Active, damaged.clone());
            ws.upsert(path.clone(), std::sync::Arc::new(spec));
            let found = diagnose(&ws, &path, &SeverityOverrides::default());
            let spec = ws.spec(&path).expect("just inserted");
            for d in &found {
                assert!(d.range.start <= d.range.end && d.range.end as usize <= damaged.len(), "{d:?} in {damaged:?}");
                assert!(
                    damaged.is_char_boundary(d.range.start as usize) && damaged.is_char_boundary(d.range.end as usize)
                );
                for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                    let lc = spec.line_index().line_col(d.range.start, enc);
                    let back = spec.line_index().offset(LineCol { line: lc.line, col: lc.col }, enc);
                    assert_eq!(back, d.range.start, "{d:?} in {damaged:?}");
                }
            }
            every_feature_survives(&ws, &path, spec, &found, &mut rng);
            n_checked += 1;
        }
    }
    assert_eq!(n_checked, 50 * 150);
}
