//! `chant-lsp schema` agrees with chant: the generated JSON Schema accepts the frontmatter chant
//! loads and rejects what it refuses, on the real corpus and on hand-written edge cases. chant's
//! verdict is the checker's serde model, which mirrors chant's struct with chant's serde_yaml.

use std::path::{Path, PathBuf};

use chant_lsp::cli::schema::json_schema;
use chant_lsp::spec::{Spec, SpecLocation};
use chant_lsp::syntax::frontmatter::ChantSplit;
use chant_lsp::syntax::typed;
use expect_test::expect;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&json_schema()).expect("the generated schema is valid draft 2020-12")
}

/// The frontmatter as JSON, the way a YAML-aware validator sees it; `None` when it is not YAML.
fn as_json(yaml: &str) -> Option<Value> {
    serde_yaml::from_str::<Value>(yaml).ok()
}

fn markdown_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read corpus").flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, acc);
        } else if path.extension().is_some_and(|e| e == "md") {
            acc.push(path);
        }
    }
}

#[test]
fn the_schema_agrees_with_chant_on_every_corpus_spec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus-chant-2026-02-11/.chant");
    let mut files = Vec::new();
    for dir in ["specs", "archive"] {
        markdown_files(&root.join(dir), &mut files);
    }
    files.sort();
    let validator = validator();
    let (mut accepted, mut refused, mut not_yaml) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read spec");
        let spec = Spec::parse("corpus".to_string(), SpecLocation::Active, text);
        let ChantSplit::Frontmatter { yaml, .. } = &spec.chant_split else { continue };
        let Some(json) = as_json(&spec.text[yaml.as_usize()]) else {
            not_yaml += 1;
            continue;
        };
        let valid = validator.is_valid(&json);
        match (spec.verdict.is_ok(), valid) {
            (true, true) => accepted += 1,
            (false, false) => refused += 1,
            _ => disagreements.push(path.strip_prefix(&root).unwrap_or(path).display().to_string()),
        }
    }
    assert_eq!(disagreements, Vec::<String>::new());
    expect!["860 files: 841 loaded and accepted, 19 refused by both, 0 not YAML"].assert_eq(&format!(
        "{} files: {accepted} loaded and accepted, {refused} refused by both, {not_yaml} not YAML",
        files.len()
    ));
}

#[test]
fn the_schema_agrees_with_chant_on_edge_cases() {
    let cases = [
        "status: complete",
        "status: completed",
        "status: ~",
        "type: docs",
        "type: ~",
        "depends_on: a",
        "depends_on: [a, b]",
        "depends_on: [1234]",
        "depends_on: 1234",
        "depends_on: [true]",
        "depends_on: ~",
        "depends_on: [~]",
        "labels: foo",
        "labels: [1, true, x]",
        "labels: [~]",
        "labels: [[a]]",
        "target_files: [~, a.rs]",
        "prompt: 12",
        "prompt: true",
        "prompt: [a]",
        "model: 1.5",
        "public: yes",
        "public: 'true'",
        "public: false",
        "replay_count: 3",
        "replay_count: -1",
        "replay_count: 1.5",
        "replay_count: 5000000000",
        "verification_status: ~",
        "verification_status: partial",
        "approval: {required: true, status: approved, by: me}",
        "approval: {required: ~}",
        "approval: {status: maybe}",
        "approval: {commit: x}",
        "approval: []",
        "retry_state: {attempts: 1}",
        "retry_state: {attempts: 1, last_retry_time: 2, next_retry_time: 3}",
        "unknown_key: [1, {a: b}]",
        "",
    ];
    let validator = validator();
    let rows: Vec<String> = cases
        .iter()
        .map(|yaml| {
            let chant = typed::deserialize(yaml, 0).is_ok();
            let schema = as_json(yaml).is_some_and(|json| validator.is_valid(&json));
            let verdict = |ok| if ok { "loads" } else { "refused" };
            let agree = if chant == schema { "" } else { "  <-- DISAGREE" };
            format!("{yaml:?}: chant {}, schema {}{agree}", verdict(chant), verdict(schema))
        })
        .collect();
    expect![[r#"
        "status: complete": chant refused, schema refused
        "status: completed": chant loads, schema loads
        "status: ~": chant refused, schema refused
        "type: docs": chant refused, schema refused
        "type: ~": chant refused, schema refused
        "depends_on: a": chant loads, schema loads
        "depends_on: [a, b]": chant loads, schema loads
        "depends_on: [1234]": chant refused, schema refused
        "depends_on: 1234": chant refused, schema refused
        "depends_on: [true]": chant refused, schema refused
        "depends_on: ~": chant loads, schema loads
        "depends_on: [~]": chant refused, schema refused
        "labels: foo": chant refused, schema refused
        "labels: [1, true, x]": chant loads, schema loads
        "labels: [~]": chant loads, schema loads
        "labels: [[a]]": chant refused, schema refused
        "target_files: [~, a.rs]": chant loads, schema loads
        "prompt: 12": chant loads, schema loads
        "prompt: true": chant loads, schema loads
        "prompt: [a]": chant refused, schema refused
        "model: 1.5": chant loads, schema loads
        "public: yes": chant refused, schema refused
        "public: 'true'": chant refused, schema refused
        "public: false": chant loads, schema loads
        "replay_count: 3": chant loads, schema loads
        "replay_count: -1": chant refused, schema refused
        "replay_count: 1.5": chant refused, schema refused
        "replay_count: 5000000000": chant refused, schema refused
        "verification_status: ~": chant loads, schema loads
        "verification_status: partial": chant loads, schema loads
        "approval: {required: true, status: approved, by: me}": chant loads, schema loads
        "approval: {required: ~}": chant refused, schema refused
        "approval: {status: maybe}": chant refused, schema refused
        "approval: {commit: x}": chant loads, schema loads
        "approval: []": chant refused, schema refused
        "retry_state: {attempts: 1}": chant refused, schema refused
        "retry_state: {attempts: 1, last_retry_time: 2, next_retry_time: 3}": chant loads, schema loads
        "unknown_key: [1, {a: b}]": chant loads, schema loads
        "": chant loads, schema loads"#]]
    .assert_eq(&rows.join("\n"));
}
