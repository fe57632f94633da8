//! What a newcomer's field gets for free: every key the schema marks as a path (or an id) is
//! navigated, checked and completed with no other edit. The table below is generated from the
//! schema, so a new path field shows up here the moment it is added there.

use expect_test::expect;

use super::completion::completions;
use super::diagnostics::Code;
use super::goto_definition::goto_definition;
use super::test_fixture::{diagnostics_for, with_cursor, CursorFixture};
use crate::spec::schema::{self, FieldShape};

/// `key: value` in the field's YAML shape: a one-entry list, or a scalar for a text field.
fn entry(key: &str, value: &str) -> String {
    match schema::field(key).map(|f| f.shape) {
        Some(FieldShape::Text) => format!("{key}: {value}"),
        _ => format!("{key}: [{value}]"),
    }
}

/// A completed spec (so every path must exist) whose `key` holds `value`, next to one doc file
/// and one other spec.
fn fixture(key: &str, value: &str) -> CursorFixture {
    with_cursor(&format!(
        r#"
            //- /.chant/specs/a.md
            ---
            status: completed
            {}
            ---
            # A
            //- /docs/guide.md
            # Guide
            //- /.chant/specs/b.md
            ---
            status: pending
            ---
            # B
        "#,
        entry(key, value)
    ))
}

fn goto(key: &str, value: &str) -> String {
    let f = fixture(key, value);
    let found = goto_definition(&f.ws, f.position());
    found.iter().map(|t| f.rel(&t.path)).collect::<Vec<_>>().join(" ")
}

fn completes(key: &str, typed: &str, wanted: &str) -> bool {
    let f = fixture(key, &format!("{typed}$0"));
    completions(&f.ws, f.position()).iter().any(|c| c.label == wanted)
}

fn findings(key: &str, value: &str) -> String {
    // The cursor is not used; the fixture just needs one.
    let f = fixture(key, &format!("{value}$0"));
    let codes: Vec<&str> =
        diagnostics_for(&f.ws, &f.file, &[Code::MissingFile, Code::NoMatch]).iter().map(|d| d.code.as_str()).collect();
    codes.join(" ")
}

#[test]
fn every_path_field_is_navigated_checked_and_completed() {
    let rows: Vec<String> = schema::path_fields()
        .iter()
        .map(|key| {
            format!(
                "{key}: goto={} missing={} completes={}",
                goto(key, "docs/gui$0de.md"),
                findings(key, "docs/gone.md"),
                completes(key, "docs/", "guide.md"),
            )
        })
        .collect();
    expect![[r#"
        target_files: goto=docs/guide.md missing=missing-file completes=true
        context: goto=docs/guide.md missing=missing-file completes=true
        tracks: goto=docs/guide.md missing=no-match completes=true
        informed_by: goto=docs/guide.md missing=missing-file completes=true
        origin: goto=docs/guide.md missing=missing-file completes=true
        output_schema: goto=docs/guide.md missing=missing-file completes=true"#]]
    .assert_eq(&rows.join("\n"));
}

#[test]
fn every_id_field_is_navigated_and_completed() {
    let rows: Vec<String> = schema::id_fields()
        .iter()
        .map(|key| format!("{key}: goto={} completes={}", goto(key, "b$0"), completes(key, "", "b")))
        .collect();
    expect![[r#"
        depends_on: goto=.chant/specs/b.md completes=true
        blocked_specs: goto=.chant/specs/b.md completes=true
        original_spec: goto=.chant/specs/b.md completes=true
        members: goto=.chant/specs/b.md completes=true"#]]
    .assert_eq(&rows.join("\n"));
}
