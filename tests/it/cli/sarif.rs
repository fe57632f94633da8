//! `check --format sarif` is valid SARIF 2.1.0: the log of real workspaces is validated against
//! the OASIS schema (a committed copy: CI has no network), and its rules and results say what
//! code-scanning services show.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::expect;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(fixtures().join("sarif/sarif-schema-2.1.0.json")).expect("read schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::draft4::new(&schema).expect("the SARIF schema is valid draft 4")
}

fn sarif_of(dir: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(["check", dir, "--format", "sarif", "--include-archive"])
        .current_dir(fixtures())
        .output()
        .expect("run chant-lsp");
    serde_json::from_slice(&out.stdout).expect("SARIF output is JSON")
}

#[test]
fn sarif_logs_of_real_workspaces_are_valid() {
    let validator = validator();
    for dir in ["approval-workflow", "kpi-okr-workflow", "tdd-workflow", "corpus-chant-2026-02-11"] {
        let log = sarif_of(dir);
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert_eq!(errors, Vec::<String>::new(), "{dir}");
        let results = log["runs"][0]["results"].as_array().map_or(0, Vec::len);
        assert!(results > 0, "{dir} has findings");
    }
}

/// A log that breaks the schema is caught: the validation above can fail.
#[test]
fn the_schema_rejects_a_broken_log() {
    let mut log = sarif_of("approval-workflow");
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator().is_valid(&log));
}

#[test]
fn rules_come_from_the_catalogue_and_results_point_at_them() {
    let log = sarif_of("approval-workflow");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let codes: Vec<&str> = chant_lsp::catalogue::Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, codes);
    let first = &run["results"][0];
    let rule = &rules[first["ruleIndex"].as_u64().expect("ruleIndex") as usize];
    assert_eq!(rule["id"], first["ruleId"]);
    let help = rule["help"]["text"].as_str().unwrap_or_default();
    assert!(help.starts_with("### `invalid-value`\n\n**Default severity:** error"), "{help}");
    let mut shown = first.clone();
    shown["message"]["text"] = Value::from("…");
    expect![[r#"
        {
          "level": "error",
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "approval-workflow/.chant/specs/001-risky-refactor.md"
                },
                "region": {
                  "endColumn": 21,
                  "endLine": 2,
                  "startColumn": 7,
                  "startLine": 2
                }
              }
            }
          ],
          "message": {
            "text": "…"
          },
          "ruleId": "invalid-value",
          "ruleIndex": 6
        }"#]]
    .assert_eq(&serde_json::to_string_pretty(&shown).expect("JSON"));
    expect![[r#"{"level":"error"} The file does not start with a `---` block. unicodeCodePoints"#]].assert_eq(
        &format!(
            "{} {} {}",
            rules[6]["defaultConfiguration"],
            rules[1]["shortDescription"]["text"].as_str().unwrap_or_default(),
            run["columnKind"].as_str().unwrap_or_default()
        ),
    );
}
