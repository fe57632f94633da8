//! Completion at `$0` in fixtures: one line per item offered.

use expect_test::{expect, Expect};

use std::path::Path;

use super::*;
use crate::ide::test_fixture::{join_fixtures, trim_indent, with_cursor};
use crate::ide::SpecFile;
use crate::spec::{Spec, SpecLocation};

/// One line per item: label, kind, the replaced text and the details that are set.
fn check(fixture: &str, expect: Expect) {
    let fx = with_cursor(fixture);
    let spec = fx.spec();
    let items = completions(&fx.ws, fx.position());
    let mut out = String::new();
    for item in items {
        let replaced = &spec.text[item.edit.as_usize()];
        out.push_str(&format!("{} {:?} [{}..{} {replaced:?}]", item.label, item.kind, item.edit.start, item.edit.end));
        if item.insert != item.label {
            out.push_str(&format!(" insert={:?}", item.insert));
        }
        if let Some(detail) = &item.detail {
            out.push_str(&format!(" detail={detail:?}"));
        }
        if let Some(filter) = &item.filter_text {
            out.push_str(&format!(" filter={filter:?}"));
        }
        if item.retrigger {
            out.push_str(" retrigger");
        }
        out.push('\n');
    }
    expect.assert_eq(&out);
}

const SPECS: &str = r#"
//- /.chant/specs/2026-01-02-001-abc.md
---
status: completed
---
# Parser rewrite
//- /.chant/specs/2026-01-03-002-def.md
---
---
# Fix the lexer
//- /.chant/archive/2025-12-30-001-old.md
---
status: completed
---
# Old work
"#;

/// `current` (an indented raw fixture) as the first file, followed by the shared specs.
fn with_specs(current: &str) -> String {
    format!("//- /.chant/specs/2026-01-04-001-cur.md\n{}{SPECS}", trim_indent(current))
}

#[test]
fn ids_in_a_block_list() {
    check(
        &with_specs(
            r#"
                ---
                depends_on:
                  - 2026-01-02-001-abc
                  - 20$0
                ---
                # Current
            "#,
        ),
        expect![[r#"
            2026-01-03-002-def SpecId [43..45 "20"] detail="pending · Fix the lexer" filter="2026-01-03-002-def Fix the lexer"
            2025-12-30-001-old SpecId [43..45 "20"] detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
        "#]],
    );
}

#[test]
fn ids_in_a_block_list_at_column_0_as_chant_writes_it() {
    check(
        &with_specs(
            r#"
                ---
                depends_on:
                - 2026-01-02-001-abc
                - $0
                ---
                # Current
            "#,
        ),
        expect![[r#"
        2026-01-03-002-def SpecId [39..39 ""] detail="pending · Fix the lexer" filter="2026-01-03-002-def Fix the lexer"
        2025-12-30-001-old SpecId [39..39 ""] detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
    "#]],
    );
}

#[test]
fn ids_in_a_flow_list() {
    check(
        &with_specs(
            r#"
                ---
                depends_on: [2026-01-03-002-def, 2026$0]
                ---
                # Current
            "#,
        ),
        expect![[r#"
        2026-01-02-001-abc SpecId [37..41 "2026"] detail="completed · Parser rewrite" filter="2026-01-02-001-abc Parser rewrite"
        2025-12-30-001-old SpecId [37..41 "2026"] detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
    "#]],
    );
}

#[test]
fn ids_in_a_bare_scalar_while_the_yaml_is_broken() {
    check(
        &with_specs(
            r#"
                ---
                members: $0
                status: "open
                ---
                # Current
            "#,
        ),
        expect![[r#"
        2026-01-03-002-def SpecId [13..13 ""] detail="pending · Fix the lexer" filter="2026-01-03-002-def Fix the lexer"
        2026-01-02-001-abc SpecId [13..13 ""] detail="completed · Parser rewrite" filter="2026-01-02-001-abc Parser rewrite"
        2025-12-30-001-old SpecId [13..13 ""] detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
    "#]],
    );
}

#[test]
fn ids_in_an_unclosed_flow_list_date_ids_first() {
    let current = with_specs(
        r#"
            ---
            depends_on: [2026-01-03-002-def, $0
            ---
            # Current
        "#,
    );
    check(
        &format!("{current}//- /.chant/specs/fix-typo.md\n---\n---\n# Typo\n"),
        expect![[r#"
        2026-01-02-001-abc SpecId [37..37 ""] detail="completed · Parser rewrite" filter="2026-01-02-001-abc Parser rewrite"
        2025-12-30-001-old SpecId [37..37 ""] detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
        fix-typo SpecId [37..37 ""] detail="pending · Typo" filter="fix-typo Typo"
    "#]],
    );
}

#[test]
fn ids_in_a_bare_scalar_replace_the_whole_word() {
    check(
        &with_specs(
            r#"
                ---
                depends_on: 2026-01-0$02-001-abc
                ---
                # Current
            "#,
        ),
        expect![[r#"
        2026-01-03-002-def SpecId [16..34 "2026-01-02-001-abc"] detail="pending · Fix the lexer" filter="2026-01-03-002-def Fix the lexer"
        2026-01-02-001-abc SpecId [16..34 "2026-01-02-001-abc"] detail="completed · Parser rewrite" filter="2026-01-02-001-abc Parser rewrite"
        2025-12-30-001-old SpecId [16..34 "2026-01-02-001-abc"] detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
    "#]],
    );
}

#[test]
fn a_space_is_inserted_after_a_bare_colon_or_dash() {
    check(
        r#"
            ---
            status:$0
            ---
            # A
        "#,
        expect![[r#"
        pending Value [11..11 ""] insert=" pending"
        in_progress Value [11..11 ""] insert=" in_progress"
        paused Value [11..11 ""] insert=" paused"
        completed Value [11..11 ""] insert=" completed"
        failed Value [11..11 ""] insert=" failed"
        needs_attention Value [11..11 ""] insert=" needs_attention"
        ready Value [11..11 ""] insert=" ready"
        blocked Value [11..11 ""] insert=" blocked"
        cancelled Value [11..11 ""] insert=" cancelled"
    "#]],
    );
    check(
        &with_specs(
            r#"
                ---
                depends_on:
                  -$0
                ---
                # Current
            "#,
        ),
        expect![[r#"
        2026-01-03-002-def SpecId [19..19 ""] insert=" 2026-01-03-002-def" detail="pending · Fix the lexer" filter="2026-01-03-002-def Fix the lexer"
        2026-01-02-001-abc SpecId [19..19 ""] insert=" 2026-01-02-001-abc" detail="completed · Parser rewrite" filter="2026-01-02-001-abc Parser rewrite"
        2025-12-30-001-old SpecId [19..19 ""] insert=" 2025-12-30-001-old" detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
    "#]],
    );
}

#[test]
fn paths_folder_by_folder() {
    // The leading blank line ends a.md, as it always has in these fixtures.
    let files = r#"

        //- /.chant/research/résumé-测试.md
        notes
        //- /docs/guide.md
        guide
        //- /target/debug/x
        //- /node_modules/m/index.js
    "#;
    check(
        &join_fixtures(&[
            r#"
                //- /.chant/specs/a.md
                ---
                informed_by:
                  - $0
                ---
                # A
            "#,
            files,
        ]),
        expect![[r#"
        .chant/research/résumé-测试.md File [21..21 ""]
        .chant/ Folder [21..21 ""] retrigger
        docs/ Folder [21..21 ""] retrigger
    "#]],
    );
    check(
        &join_fixtures(&[
            r#"
                //- /.chant/specs/a.md
                ---
                context: [docs/g$0]
                ---
                # A
            "#,
            files,
        ]),
        expect![[r#"
        guide.md File [19..20 "g"]
    "#]],
    );
    check(
        &join_fixtures(&[
            r#"
                //- /.chant/specs/a.md
                ---
                target_files:
                  - ".chant/research/r$0"
                ---
                # A
            "#,
            files,
        ]),
        expect![[r#"
            résumé-测试.md File [39..40 "r"]
        "#]],
    );
}

#[test]
fn paths_never_leave_the_workspace() {
    check(
        r#"
            ---
            context:
              - ../$0
            ---
            # A
        "#,
        expect![[r#""#]],
    );
    check(
        r#"
            ---
            context:
              - /etc/$0
            ---
            # A
        "#,
        expect![[r#""#]],
    );
}

#[test]
fn top_level_keys_not_yet_present() {
    check(
        r#"
            ---
            status: pending
            de$0
            type: code
            ---
            # A
        "#,
        expect![[r#"
        depends_on Key [20..22 "de"] insert="depends_on:\n  - $1" detail="id or list of ids"
        labels Key [20..22 "de"] insert="labels:\n  - $1" detail="list"
        target_files Key [20..22 "de"] insert="target_files:\n  - $1" detail="list"
        context Key [20..22 "de"] insert="context:\n  - $1" detail="list"
        prompt Key [20..22 "de"] insert="prompt: $1" detail="text" retrigger
        branch Key [20..22 "de"] insert="branch: $1" detail="text"
        commits Key [20..22 "de"] insert="commits:\n  - $1" detail="list"
        completed_at Key [20..22 "de"] insert="completed_at: $1" detail="text"
        model Key [20..22 "de"] insert="model: $1" detail="text"
        tracks Key [20..22 "de"] insert="tracks:\n  - $1" detail="list"
        informed_by Key [20..22 "de"] insert="informed_by:\n  - $1" detail="list"
        origin Key [20..22 "de"] insert="origin:\n  - $1" detail="list"
        schedule Key [20..22 "de"] insert="schedule: $1" detail="text"
        source_branch Key [20..22 "de"] insert="source_branch: $1" detail="text"
        target_branch Key [20..22 "de"] insert="target_branch: $1" detail="text"
        conflicting_files Key [20..22 "de"] insert="conflicting_files:\n  - $1" detail="list"
        blocked_specs Key [20..22 "de"] insert="blocked_specs:\n  - $1" detail="list"
        original_spec Key [20..22 "de"] insert="original_spec: $1" detail="text"
        last_verified Key [20..22 "de"] insert="last_verified: $1" detail="text"
        verification_status Key [20..22 "de"] insert="verification_status: $1" detail="passed | failed | partial" retrigger
        verification_failures Key [20..22 "de"] insert="verification_failures:\n  - $1" detail="list"
        replayed_at Key [20..22 "de"] insert="replayed_at: $1" detail="text"
        replay_count Key [20..22 "de"] insert="replay_count: $1" detail="integer"
        original_completed_at Key [20..22 "de"] insert="original_completed_at: $1" detail="text"
        derived_fields Key [20..22 "de"] insert="derived_fields:\n  - $1" detail="list"
        approval Key [20..22 "de"] insert="approval:\n  $1" detail="mapping"
        members Key [20..22 "de"] insert="members:\n  - $1" detail="list"
        output_schema Key [20..22 "de"] insert="output_schema: $1" detail="text"
        public Key [20..22 "de"] insert="public: $1" detail="true | false" retrigger
        retry_state Key [20..22 "de"] insert="retry_state:\n  $1" detail="mapping"
    "#]],
    );
}

#[test]
fn enum_values() {
    check(
        r#"
            ---
            status: in$0
            ---
            # A
        "#,
        expect![[r#"
        pending Value [12..14 "in"]
        in_progress Value [12..14 "in"]
        paused Value [12..14 "in"]
        completed Value [12..14 "in"]
        failed Value [12..14 "in"]
        needs_attention Value [12..14 "in"]
        ready Value [12..14 "in"]
        blocked Value [12..14 "in"]
        cancelled Value [12..14 "in"]
    "#]],
    );
    check(
        r#"
            ---
            approval:
              required: true
              status: $0
            ---
            # A
        "#,
        expect![[r#"
        pending Value [41..41 ""]
        approved Value [41..41 ""]
        rejected Value [41..41 ""]
    "#]],
    );
}

#[test]
fn nested_keys_not_yet_present() {
    check(
        r#"
            ---
            approval:
              status: pending
              $0
            ---
            # A
        "#,
        expect![[r#"
        required Key [34..34 ""] insert="required: $1"
        by Key [34..34 ""] insert="by: $1"
        at Key [34..34 ""] insert="at: $1"
    "#]],
    );
    check(
        r#"
            ---
            retry_state:
              la$0
            ---
            # A
        "#,
        expect![[r#"
        attempts Key [19..21 "la"] insert="attempts: $1"
        last_retry_time Key [19..21 "la"] insert="last_retry_time: $1"
        next_retry_time Key [19..21 "la"] insert="next_retry_time: $1"
    "#]],
    );
    check(
        r#"
            ---
            labels:
              $0
            ---
            # A
        "#,
        expect![[r#""#]],
    );
}

#[test]
fn prompt_names() {
    let fixture = r#"
        //- /.chant/specs/a.md
        ---
        prompt: $0
        ---
        # A
        //- /.chant/prompts/standard.md
        p
        //- /.chant/prompts/bootstrap.md
        p
    "#;
    check(
        fixture,
        expect![[r#"
        bootstrap Prompt [12..12 ""]
        standard Prompt [12..12 ""]
    "#]],
    );
}

#[test]
fn nothing_outside_the_frontmatter() {
    check(
        r#"
            ---
            status: pending
            ---
            # A
            status: $0
        "#,
        expect![[r#""#]],
    );
    check(
        r#"
            ---
            status: pending
            ---
            # A
            $0"#,
        expect![[r#""#]],
    );
}

/// Blank lines before `---`: chant trims them and loads the spec, so completion reads the same
/// block the diagnostics do (`syntax::frontmatter::split`).
#[test]
fn works_after_blank_lines_before_the_frontmatter() {
    check(
        &format!("//- /.chant/specs/2026-01-04-001-cur.md\n\n\n---\ndepends_on: [$0]\n---\n# Current\n{SPECS}"),
        expect![[r#"
            2026-01-03-002-def SpecId [19..19 ""] detail="pending · Fix the lexer" filter="2026-01-03-002-def Fix the lexer"
            2026-01-02-001-abc SpecId [19..19 ""] detail="completed · Parser rewrite" filter="2026-01-02-001-abc Parser rewrite"
            2025-12-30-001-old SpecId [19..19 ""] detail="completed · archived · Old work" filter="2025-12-30-001-old Old work"
        "#]],
    );
}

/// Past 500 ids only the ones matching the typed text are offered, at most 500 of them.
#[test]
fn id_items_are_capped_and_filtered_by_what_is_typed() {
    let mut ws = Workspace::new(std::path::PathBuf::from("/w"));
    ws.insert_all((0..700).map(|i| {
        let id = format!("2026-01-{:02}-{i:03}-abc", i % 28 + 1);
        let text = "---\n---\n# Step\n".to_string();
        let path = std::path::PathBuf::from(format!("/w/.chant/specs/{id}.md"));
        (path, std::sync::Arc::new(crate::spec::info::SpecInfo::from_text(id, SpecLocation::Active, text)))
    }));
    let count = |marked: &str| {
        let offset = marked.find('$').expect("cursor marker");
        let spec = Spec::parse("me".into(), SpecLocation::Active, marked.replace('$', ""));
        let items = completions(&ws, SpecFile::new(Path::new("/w/.chant/specs/me.md"), &spec).at(offset));
        format!("{} items, first {}", items.len(), items.first().map_or("", |i| i.label.as_str()))
    };
    expect![[r#"
        500 items, first 2026-01-28-699-abc
        25 items, first 2026-01-03-674-abc"#]]
    .assert_eq(
        &[count("---\ndepends_on: [$]\n---\n# T\n"), count("---\ndepends_on: [2026-01-03$]\n---\n# T\n")].join("\n"),
    );
}
