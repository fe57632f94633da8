//! Readiness against chant's own verdict on real specs. The corpus keeps its work archived,
//! where chant computes no readiness, so this test moves every archived spec into
//! `.chant/specs/` (as if none had been archived) and compares with what chant 0.23.2's
//! `chant export --ready` listed for exactly that tree on 2026-12-01: 3 of the 859 specs,
//! `2026-01-27-012-w8v`, `2026-01-27-013-bo5` and `2026-01-27-015-ous`.

use std::path::Path;

use crate::support::TempWorkspace;
use chant_lsp::workspace::load::load_workspace;
use chant_lsp::workspace::readiness::{readiness, Readiness};
use expect_test::expect;

const CORPUS: &str = "tests/fixtures/corpus-chant-2026-02-11/.chant";

fn flatten_archive(from: &Path, specs: &Path) {
    for entry in std::fs::read_dir(from).expect("list archive").flatten() {
        let path = entry.path();
        if path.is_dir() {
            flatten_archive(&path, specs);
        } else if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, specs.join(entry.file_name())).expect("copy spec");
        }
    }
}

#[test]
fn ready_specs_of_the_unarchived_corpus_are_chants() {
    let ws = TempWorkspace::new(&[]);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    std::fs::copy(corpus.join("config.md"), ws.path(".chant/config.md")).expect("copy config");
    flatten_archive(&corpus.join("archive"), &ws.path(".chant/specs"));
    let (index, _) = load_workspace(&ws.root);
    let mut waiting: Vec<String> = index
        .specs()
        .filter_map(|(_, spec)| match readiness(&index, spec) {
            Readiness::NotWaiting(_) => None,
            verdict => Some(format!("{}: {verdict:?}", spec.id)),
        })
        .collect();
    waiting.sort();
    assert_eq!(index.len(), 859);
    expect![[r#"
        2026-01-27-012-w8v: Ready
        2026-01-27-013-bo5: Ready
        2026-01-27-013-tci: NotLoaded
        2026-01-27-014-dii: NotLoaded
        2026-01-27-015-ous: Ready
        2026-01-28-001-mek: NotLoaded
        2026-01-28-00k-wc7: NotLoaded
        2026-02-01-00e-19i: NotLoaded
        2026-02-01-00f-89q: NotLoaded
        2026-02-01-00g-jyo: NotLoaded
        2026-02-01-00h-95j: NotLoaded
        2026-02-01-00i-ajx: NotLoaded
        2026-02-01-00j-l7h: NotLoaded
        2026-02-01-00k-f5m: NotLoaded
        2026-02-03-01r-ke3: NotLoaded
        2026-02-03-01s-9p7: NotLoaded
        2026-02-03-01t-iif: NotLoaded
        2026-02-03-01u-qob: NotLoaded
        2026-02-03-01v-y7p: NotLoaded
        2026-02-03-01w-eh8: NotLoaded
        2026-02-05-00j-63i: NotLoaded
        2026-02-05-00k-m4f: NotLoaded"#]]
    .assert_eq(&waiting.join("\n"));
}
