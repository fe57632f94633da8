//! Every quick fix applied to a fixture: the exact text it produces, and the diagnostics after
//! re-reading the workspace (the repaired one gone, nothing new).

use expect_test::{expect, Expect};

use super::*;
use crate::ide::diagnostics::{diagnose, Code, Diagnostic, DiagnosticData, Hint};
use crate::ide::test_fixture::{join_fixtures, trim_indent, with_cursor, CursorFixture};
use crate::workspace::config::SeverityOverrides;

/// Applies non-overlapping edits, as an editor does: back to front on the original offsets.
fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = text.to_string();
    for e in sorted.iter().rev() {
        out.replace_range(e.range.as_usize(), &e.new_text);
    }
    out
}

fn codes(fx: &CursorFixture, ws: &Workspace) -> Vec<Code> {
    diagnose(ws, &fx.file, &SeverityOverrides::default()).iter().map(|d| d.code).collect()
}

/// Applies the fix titled `title` of the `code` diagnostic under `$0`; returns the rendered
/// result (titles offered, new text, created files) and the codes before and after.
#[track_caller]
fn run_fix(fixture: &str, code: Code, title: &str) -> (String, Vec<Code>, Vec<Code>) {
    let fx = with_cursor(fixture);
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let index = diagnostics
        .iter()
        .position(|d| d.code == code && d.range.start as usize <= fx.offset && fx.offset <= d.range.end as usize)
        .unwrap_or_else(|| panic!("no {code:?} at the cursor: {diagnostics:#?}"));
    let offered = fixes_for(&fx.ws, fx.spec(), &diagnostics, index);
    let titles: Vec<&str> = offered.iter().map(|f| f.title.as_str()).collect();
    let fix = offered.iter().find(|f| f.title == title).unwrap_or_else(|| panic!("no `{title}` in {titles:?}"));
    let mut out = format!("offered: {titles:?}\n");
    let new_text = apply_edits(&fx.spec().text, &fix.edits);
    fx.files.write(&fx.file, &new_text);
    for created in &fix.creates {
        fx.files.write(&created.path, &created.text);
        out.push_str(&format!("created {}: {:?}\n", fx.rel(&created.path), created.text));
    }
    // `␍` shows where a CRLF file kept its carriage returns.
    out.push_str(&new_text.replace('\r', "␍"));
    let before: Vec<Code> = codes(&fx, &fx.ws);
    let after_ws = fx.files.load();
    let after = codes(&fx, &after_ws);
    (out, before, after)
}

/// `after` holds nothing that `before` minus one `repaired` did not already hold.
#[track_caller]
fn assert_repaired(before: &[Code], after: &[Code], repaired: Code) {
    let mut left = before.to_vec();
    let at = left.iter().position(|c| *c == repaired).expect("the repaired code was there");
    left.remove(at);
    for code in after {
        let at = left.iter().position(|c| c == code);
        assert!(at.is_some(), "new or remaining {code:?}: before {before:?}, after {after:?}");
        left.remove(at.expect("checked"));
    }
}

#[track_caller]
fn check_fix(fixture: &str, code: Code, title: &str, expect: Expect) {
    let (out, before, after) = run_fix(fixture, code, title);
    expect.assert_eq(&out);
    assert_repaired(&before, &after, code);
}

#[test]
fn invalid_value_status() {
    check_fix(
        r#"
            ---
            status: $0complete
            ---
            # T
        "#,
        Code::InvalidValue,
        "Change to `completed`",
        expect![[r#"
            offered: ["Change to `completed`"]
            ---
            status: completed
            ---
            # T
        "#]],
    );
}

#[test]
fn invalid_value_type() {
    check_fix(
        r#"
            ---
            type: $0implementation
            ---
            # T
            ## Acceptance Criteria
            - [x] a
        "#,
        Code::InvalidValue,
        "Change to `code`",
        expect![[r#"
            offered: ["Change to `code`"]
            ---
            type: code
            ---
            # T
            ## Acceptance Criteria
            - [x] a
        "#]],
    );
    check_fix(
        r#"
            ---
            type: $0docs
            tracks: [a.rs]
            target_files: [b.md]
            ---
            # T
            ## Acceptance Criteria
            - [x] a
        "#,
        Code::InvalidValue,
        "Change to `documentation`",
        expect![[r#"
            offered: ["Change to `documentation`"]
            ---
            type: documentation
            tracks: [a.rs]
            target_files: [b.md]
            ---
            # T
            ## Acceptance Criteria
            - [x] a
        "#]],
    );
}

#[test]
fn invalid_value_keeps_quotes_and_crlf() {
    check_fix(
        // Escaped, not a raw fixture: the CRLF line ends are the case.
        "---\r\napproval:\r\n  status: $0\"approve\"\r\n  by: alice\r\n  at: 2026-01-01T00:00:00Z\r\n---\r\n# T\r\n",
        Code::InvalidValue,
        "Change to `approved`",
        expect![[r#"
            offered: ["Change to `approved`"]
            ---␍
            approval:␍
              status: "approved"␍
              by: alice␍
              at: 2026-01-01T00:00:00Z␍
            ---␍
            # T␍
        "#]],
    );
}

#[test]
fn unknown_field_rename_remove_and_merge() {
    check_fix(
        r#"
            ---
            type: code
            $0commit: abc
            ---
            # T
        "#,
        Code::UnknownField,
        "Rename `commit` to `commits`",
        expect![[r#"
            offered: ["Rename `commit` to `commits`", "Remove `commit`"]
            ---
            type: code
            commits: [abc]
            ---
            # T
        "#]],
    );
    check_fix(
        r#"
            ---
            commits:
              - def
            $0commit: abc
            status: pending
            ---
            # T
        "#,
        Code::UnknownField,
        "Merge `commit` into `commits`",
        expect![[r#"
            offered: ["Merge `commit` into `commits`", "Remove `commit`"]
            ---
            commits:
              - def
              - abc
            status: pending
            ---
            # T
        "#]],
    );
    check_fix(
        r#"
            ---
            commits: [def]
            $0commit: abc
            ---
            # T
        "#,
        Code::UnknownField,
        "Merge `commit` into `commits`",
        expect![[r#"
            offered: ["Merge `commit` into `commits`", "Remove `commit`"]
            ---
            commits: [def, abc]
            ---
            # T
        "#]],
    );
    check_fix(
        r#"
            ---
            $0pr:
              - 12
            status: pending
            ---
            # T
        "#,
        Code::UnknownField,
        "Remove `pr`",
        expect![[r#"
            offered: ["Remove `pr`"]
            ---
            status: pending
            ---
            # T
        "#]],
    );
}

/// `needs_approval: true` is not an approval mapping: only removal is offered.
#[test]
fn unknown_field_rename_needs_a_fitting_value() {
    check_fix(
        r#"
            ---
            $0needs_approval: true
            ---
            # T
        "#,
        Code::UnknownField,
        "Remove `needs_approval`",
        expect![[r#"
            offered: ["Remove `needs_approval`"]
            ---
            ---
            # T
        "#]],
    );
    check_fix(
        r#"
            ---
            $0tags:
              - a
            ---
            # T
        "#,
        Code::UnknownField,
        "Rename `tags` to `labels`",
        expect![[r#"
            offered: ["Rename `tags` to `labels`", "Remove `tags`"]
            ---
            labels:
              - a
            ---
            # T
        "#]],
    );
}

#[test]
fn unknown_dependency_and_member() {
    check_fix(
        r#"
            //- /.chant/specs/b.md
            ---
            depends_on:
              - $0004-sprawl
            ---
            # B
            //- /.chant/specs/004-sprawl-fix.md
            ---
            ---
            # S
        "#,
        Code::UnknownDependency,
        "Change to `004-sprawl-fix`",
        expect![[r#"
            offered: ["Change to `004-sprawl-fix`"]
            ---
            depends_on:
              - 004-sprawl-fix
            ---
            # B
        "#]],
    );
    check_fix(
        r#"
            //- /.chant/specs/d.md
            ---
            type: driver
            members:
              - d.1
              - $0"d.3"
            ---
            # D
            //- /.chant/specs/d.1.md
            ---
            ---
            # One
            //- /.chant/specs/d.2.md
            ---
            ---
            # Two
        "#,
        Code::UnknownMember,
        "Change to `d.2`",
        expect![[r#"
            offered: ["Change to `d.1`", "Change to `d.2`"]
            ---
            type: driver
            members:
              - d.1
              - "d.2"
            ---
            # D
        "#]],
    );
}

#[test]
fn self_dependency_block_and_flow() {
    check_fix(
        r#"
            //- /.chant/specs/me.md
            ---
            depends_on:
              - other
              - $0me
            status: pending
            ---
            # T
            //- /.chant/specs/other.md
            ---
            ---
            # O
        "#,
        Code::SelfDependency,
        "Remove `me` from `depends_on`",
        expect![[r#"
            offered: ["Remove `me` from `depends_on`"]
            ---
            depends_on:
              - other
            status: pending
            ---
            # T
        "#]],
    );
    check_fix(
        r#"
            //- /.chant/specs/me.md
            ---
            depends_on: [$0me, other]
            ---
            # T
            //- /.chant/specs/other.md
            ---
            ---
            # O
        "#,
        Code::SelfDependency,
        "Remove `me` from `depends_on`",
        expect![[r#"
            offered: ["Remove `me` from `depends_on`"]
            ---
            depends_on: [other]
            ---
            # T
        "#]],
    );
}

#[test]
fn self_dependency_only_entry_takes_the_key_along() {
    check_fix(
        r#"
            //- /.chant/specs/me.md
            ---
            depends_on:
              - $0me
            ---
            # T
        "#,
        Code::SelfDependency,
        "Remove `me` from `depends_on`",
        expect![[r#"
            offered: ["Remove `me` from `depends_on`"]
            ---
            ---
            # T
        "#]],
    );
}

#[test]
fn missing_file_create_or_pick() {
    check_fix(
        r#"
            //- /.chant/specs/a.md
            ---
            informed_by:
              - $0.chant/research/issue-42-sprawl.md
            ---
            # A
            //- /.chant/research/notes.md
            # N
        "#,
        Code::MissingFile,
        "Create `.chant/research/issue-42-sprawl.md`",
        expect![[r##"
            offered: ["Create `.chant/research/issue-42-sprawl.md`"]
            created .chant/research/issue-42-sprawl.md: "# Issue 42 sprawl\n"
            ---
            informed_by:
              - .chant/research/issue-42-sprawl.md
            ---
            # A
        "##]],
    );
    check_fix(
        r#"
            //- /.chant/specs/a.md
            ---
            informed_by: ['$0.chant/research/ntoes.md']
            ---
            # A
            //- /.chant/research/notes.md
            # N
        "#,
        Code::MissingFile,
        "Change to `.chant/research/notes.md`",
        expect![[r#"
            offered: ["Create `.chant/research/ntoes.md`", "Change to `.chant/research/notes.md`"]
            ---
            informed_by: ['.chant/research/notes.md']
            ---
            # A
        "#]],
    );
}

#[test]
fn unknown_prompt() {
    check_fix(
        r#"
            //- /.chant/specs/a.md
            ---
            prompt: $0standrd
            ---
            # A
            //- /.chant/prompts/standard.md
            P
            //- /.chant/prompts/bugfix.md
            P
        "#,
        Code::UnknownPrompt,
        "Change prompt to `standard`",
        expect![[r#"
            offered: ["Change prompt to `standard`", "Change prompt to `bugfix`"]
            ---
            prompt: standard
            ---
            # A
        "#]],
    );
}

#[test]
fn invisible_criteria_heading() {
    check_fix(
        r#"
            ---
            ---
            # T
            $0### Acceptance criteria (v2)
            - [x] a
        "#,
        Code::InvisibleCriteria,
        "Rename the heading to `## Acceptance Criteria`",
        expect![[r#"
            offered: ["Rename the heading to `## Acceptance Criteria`"]
            ---
            ---
            # T
            ## Acceptance Criteria (v2)
            - [x] a
        "#]],
    );
}

/// A level-1 title that mentions acceptance criteria is chant's title: its boxes are flagged,
/// but renaming it would leave chant without a title (`Missing title`), so there is no fix. A
/// later level-1 heading is not the title and may be renamed.
#[test]
fn invisible_criteria_never_renames_the_title() {
    let fx = with_cursor(
        r#"
            ---
            ---
            $0# Check the acceptance criteria
            - [ ] a
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let index = diagnostics.iter().position(|d| d.code == Code::InvisibleCriteria).expect("flagged");
    assert_eq!(fixes_for(&fx.ws, fx.spec(), &diagnostics, index), Vec::new());
    check_fix(
        r#"
            ---
            ---
            # Check the acceptance criteria
            $0# Acceptance criteria
            - [x] a
        "#,
        Code::InvisibleCriteria,
        "Rename the heading to `## Acceptance Criteria`",
        expect![[r#"
            offered: ["Rename the heading to `## Acceptance Criteria`"]
            ---
            ---
            # Check the acceptance criteria
            ## Acceptance Criteria
            - [x] a
        "#]],
    );
}

/// Revealing 22 boxes crosses chant's `complexity` threshold (10): the fix's title says so.
#[test]
fn invisible_criteria_title_names_the_complexity_warning() {
    let title = "Rename the heading to `## Acceptance Criteria` (chant then counts 22 criteria, more than 10: `chant lint` warns `complexity`)";
    let (out, _, after) = run_fix(
        r#"
            ---
            ---
            # T
            $0### Acceptance Criteria
            - [ ] box 1
            - [ ] box 2
            - [ ] box 3
            - [ ] box 4
            - [ ] box 5
            - [ ] box 6
            - [ ] box 7
            - [ ] box 8
            - [ ] box 9
            - [ ] box 10
            - [ ] box 11
            - [ ] box 12
            - [ ] box 13
            - [ ] box 14
            - [ ] box 15
            - [ ] box 16
            - [ ] box 17
            - [ ] box 18
            - [ ] box 19
            - [ ] box 20
            - [ ] box 21
            - [ ] box 22
        "#,
        Code::InvisibleCriteria,
        title,
    );
    assert!(out.contains("\n## Acceptance Criteria\n"), "{out}");
    assert!(after.contains(&Code::Complexity));
}

/// The comments move, word for word, into HTML comments right after the closing `---`; the
/// YAML chant reads, the title and the criteria stay as they were. The fix changes what the
/// agent reads, so only unsafe fix-all takes it.
#[test]
fn frontmatter_comments_move_into_the_body() {
    let fixture = r#"
            ---
            # owner: alice
            type: code # kind
            status: "pending # value"
            ---

            # T
            ## Acceptance Criteria
            - [ ] a
        "#;
    let fx = with_cursor(&fixture.replacen("# owner", "$0# owner", 1));
    check_fix(
        &fixture.replacen("# owner", "$0# owner", 1),
        Code::FrontmatterComment,
        "Move the 2 frontmatter comments into the body, where chant keeps them",
        expect![[r#"
            offered: ["Move the 2 frontmatter comments into the body, where chant keeps them"]
            ---
            type: code
            status: "pending # value"
            ---
            <!-- # owner: alice -->
            <!-- # kind -->

            # T
            ## Acceptance Criteria
            - [ ] a
        "#]],
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let comments = |fix: Option<Fix>| {
        fix.map_or(0, |f| f.diagnostics.iter().filter(|&&i| diagnostics[i].code == Code::FrontmatterComment).count())
    };
    assert_eq!(comments(fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Safe)), 0);
    assert_eq!(comments(fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Unsafe)), 1);
}

/// With boxes already counted elsewhere, either rename would hide one of the two lists.
#[test]
fn invisible_criteria_next_to_a_counted_section_is_left_to_the_user() {
    let fx = with_cursor(
        r#"
            ---
            ---
            # T
            ## Acceptance Criteria
            - [x] a
            ## Notes
            $0### Acceptance Criteria
            - [ ] b
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let index = diagnostics.iter().position(|d| d.code == Code::InvisibleCriteria).expect("flagged");
    assert_eq!(fixes_for(&fx.ws, fx.spec(), &diagnostics, index), Vec::new());
}

#[test]
fn type_field_missing_inserts_key() {
    check_fix(
        r#"
            ---
            type: $0documentation
            target_files: [a.md]
            ---
            # T
        "#,
        Code::TypeFieldMissing,
        "Add `tracks: []`",
        expect![[r#"
            offered: ["Add `tracks: []`"]
            ---
            type: documentation
            target_files: [a.md]
            tracks: []
            ---
            # T
        "#]],
    );
}

#[test]
fn research_spec_gets_informed_by() {
    check_fix(
        r#"
            ---
            type: $0research
            target_files: [out.md]
            ---
            # T
        "#,
        Code::TypeFieldMissing,
        "Add `informed_by: []`",
        expect![[r#"
            offered: ["Add `informed_by: []`"]
            ---
            type: research
            target_files: [out.md]
            informed_by: []
            ---
            # T
        "#]],
    );
}

#[test]
fn missing_required_field_fills_the_value() {
    check_fix(
        r#"
            //- /.chant/specs/a.md
            $0---
            labels: [x]
            prompt:
            ---
            # T
            //- /.chant/config.md
            ---
            project:
              name: p
            enterprise:
              required: [labels, prompt]
            ---
            //- /.chant/prompts/standard.md
            P
        "#,
        Code::MissingRequiredField,
        "Add `prompt: standard`",
        expect![[r#"
            offered: ["Add `prompt: standard`"]
            ---
            labels: [x]
            prompt: standard
            ---
            # T
        "#]],
    );
    check_fix(
        // Escaped, not a raw fixture: the spec's CRLF line ends are the case.
        "//- /.chant/specs/a.md\r\n$0---\r\nstatus: pending\r\n---\r\n# T\r\n//- /.chant/config.md\n---\nproject:\n  name: p\nenterprise:\n  required: [labels]\n---\n",
        Code::MissingRequiredField,
        "Add `labels: []`",
        expect![[r#"
            offered: ["Add `labels: []`"]
            ---␍
            status: pending␍
            labels: []␍
            ---␍
            # T␍
        "#]],
    );
}

#[test]
fn frontmatter_missing_inserts_a_block() {
    check_fix(
        r#"
            $0# Title

            Body
        "#,
        Code::FrontmatterMissing,
        "Add a frontmatter block",
        expect![[r#"
            offered: ["Add a frontmatter block"]
            ---
            type: code
            status: pending
            ---
            # Title

            Body
        "#]],
    );
}

/// chant's `coupling` lint flags ids in prose whatever `depends_on` says, so the warning stays
/// after the fix; what the fix guarantees is that the dependency is recorded and nothing new
/// appears.
#[track_caller]
fn check_add_dependency(fixture: &str, expect: Expect) {
    let title = "Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)";
    let (out, before, after) = run_fix(fixture, Code::SpecIdInBody, title);
    expect.assert_eq(&out);
    // chant's verdict: the warning remains (its message now says the id is listed already), and
    // nothing else changes.
    assert_eq!(before, after);
}

#[test]
fn spec_id_in_body_adds_the_dependency() {
    let other = r#"
        //- /.chant/specs/2026-01-20-00a-abc.md
        ---
        ---
        # Other
    "#;
    check_add_dependency(
        &join_fixtures(&[
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                labels:
                  - x
                ---
                # T
                See $02026-01-20-00a-abc.
            "#,
            other,
        ]),
        expect![[r#"
            offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
            ---
            labels:
              - x
            depends_on:
              - 2026-01-20-00a-abc
            ---
            # T
            See 2026-01-20-00a-abc.
        "#]],
    );
    check_add_dependency(
        &join_fixtures(&[
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                depends_on:
                - 2026-01-20-00b-abc
                ---
                # T
                See $02026-01-20-00a-abc.
            "#,
            other,
            r#"
                //- /.chant/specs/2026-01-20-00b-abc.md
                ---
                ---
                # B
            "#,
        ]),
        expect![[r#"
            offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
            ---
            depends_on:
            - 2026-01-20-00b-abc
            - 2026-01-20-00a-abc
            ---
            # T
            See 2026-01-20-00a-abc.
        "#]],
    );
}

#[test]
fn spec_id_in_body_flow_and_empty_forms() {
    let other = r#"
        //- /.chant/specs/2026-01-20-00a-abc.md
        ---
        ---
        # Other
    "#;
    check_add_dependency(
        &join_fixtures(&[
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                depends_on: []
                ---
                # T
                See $02026-01-20-00a-abc.
            "#,
            other,
        ]),
        expect![[r#"
            offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
            ---
            depends_on: [2026-01-20-00a-abc]
            ---
            # T
            See 2026-01-20-00a-abc.
        "#]],
    );
    check_add_dependency(
        &join_fixtures(&[
            r#"
                //- /.chant/specs/2026-01-22-001-x7m.md
                ---
                depends_on:
                labels:
                    - x
                ---
                # T
                See $02026-01-20-00a-abc.
            "#,
            other,
        ]),
        expect![[r#"
            offered: ["Add `2026-01-20-00a-abc` to `depends_on` (chant lint still warns while the id is in the text; chant blocks this spec until `2026-01-20-00a-abc` is completed)"]
            ---
            depends_on:
                - 2026-01-20-00a-abc
            labels:
                - x
            ---
            # T
            See 2026-01-20-00a-abc.
        "#]],
    );
}

#[test]
fn fix_all_combines_single_choice_fixes() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            $0---
            type: implementation
            status: complete
            commit: abc
            pr: 1
            depends_on:
              - 004-sprawl
              - a
            ---
            # A
            ## Acceptance Criteria
            - [x] a
            //- /.chant/specs/004-sprawl-fix.md
            ---
            status: completed
            ---
            # S
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let fix = fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Safe).expect("something to fix");
    let repaired: Vec<Code> = fix.diagnostics.iter().map(|&i| diagnostics[i].code).collect();
    expect![[r#"
        [InvalidValue, InvalidValue, UnknownField, UnknownDependency]
    "#]]
    .assert_eq(&format!("{repaired:?}\n"));
    let new_text = apply_edits(&fx.spec().text, &fix.edits);
    // `pr` (removal only) and the self-dependency (a deletion) stay for the user to decide.
    expect![[r#"
        ---
        type: code
        status: completed
        commits: [abc]
        pr: 1
        depends_on:
          - 004-sprawl-fix
          - a
        ---
        # A
        ## Acceptance Criteria
        - [x] a
    "#]]
    .assert_eq(&new_text);
    fx.files.write(&fx.file, &new_text);
    let after_ws = fx.files.load();
    let after = codes(&fx, &after_ws);
    let mut left: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    for code in &repaired {
        let at = left.iter().position(|c| c == code).expect("was there");
        left.remove(at);
    }
    assert_eq!(after, left);
}

/// A missing file may be created or replaced by the closest name: two choices, so fix-all takes
/// neither, even though it never creates files itself.
#[test]
fn fix_all_leaves_a_missing_file_to_the_user() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            $0---
            informed_by: ['.chant/research/ntoes.md']
            ---
            # A
            //- /.chant/research/notes.md
            # N
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    assert_eq!(diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::MissingFile, Code::NoAcceptanceCriteria]);
    let both = [Applicability::Safe, Applicability::Unsafe].map(|a| fix_all(&fx.ws, fx.spec(), &diagnostics, a));
    assert_eq!(both, [None, None]);
}

/// Unsafe fixes add the diagnostics whose only fix deletes (`pr`, the self-dependency `a`) or
/// changes what chant does (the id in the body becomes a dependency), never one with a choice,
/// and never a file.
#[test]
fn unsafe_fix_all_also_takes_single_deleting_fixes() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            $0---
            type: implementation
            commit: abc
            pr: 1
            depends_on:
              - a
              - b
            ---
            # A
            After 2026-01-20-00a-abc.
            ## Acceptance Criteria
            - [x] a
            //- /.chant/specs/b.md
            ---
            type: code
            ---
            # B
            //- /.chant/specs/2026-01-20-00a-abc.md
            ---
            type: code
            ---
            # C
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let safe = fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Safe).expect("something to fix");
    let fix = fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Unsafe).expect("something to fix");
    let codes = |fix: &Fix| fix.diagnostics.iter().map(|&i| diagnostics[i].code).collect::<Vec<Code>>();
    expect![[r#"
        [InvalidValue, UnknownField]
        [InvalidValue, UnknownField, UnknownField, SelfDependency, SpecIdInBody]
    "#]]
    .assert_eq(&format!("{:?}\n{:?}\n", codes(&safe), codes(&fix)));
    expect![[r#"
        ---
        type: code
        commits: [abc]
        depends_on:
          - b
          - 2026-01-20-00a-abc
        ---
        # A
        After 2026-01-20-00a-abc.
        ## Acceptance Criteria
        - [x] a
    "#]]
    .assert_eq(&apply_edits(&fx.spec().text, &fix.edits));
}

// Acceptance criteria toggles.

const CRITERIA: &str = r#"
    ---
    status: pending
    ---
    # T
    ## Acceptance Criteria
    - [ ] one
      - [x] nested
    ```
    - [ ] fenced
    ```
    - [ ] two - [X] three
    ## Notes
    - [ ] not counted
"#;

fn criteria_at(text: &str, needle: &str) -> Vec<CriteriaAction> {
    let spec = Spec::parse("t".into(), crate::spec::SpecLocation::Active, text.to_string());
    let at = text.find(needle).expect("needle");
    criteria_actions(&spec, TextRange::new(at, at + needle.len()))
}

#[track_caller]
fn check_criteria(text: &str, needle: &str, expect: Expect) {
    let text = &trim_indent(text);
    let mut out = String::new();
    for action in criteria_at(text, needle) {
        match action {
            CriteriaAction::Enabled(fix) => {
                out.push_str(&format!("== {}\n{}", fix.title, apply_edits(text, &fix.edits)));
            }
            CriteriaAction::Disabled { title, reason } => out.push_str(&format!("== {title} (disabled: {reason})\n")),
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn mark_done_and_not_done_touch_only_counted_boxes() {
    check_criteria(
        CRITERIA,
        "one",
        expect![[r#"
            == Mark done
            ---
            status: pending
            ---
            # T
            ## Acceptance Criteria
            - [x] one
              - [x] nested
            ```
            - [ ] fenced
            ```
            - [ ] two - [X] three
            ## Notes
            - [ ] not counted
        "#]],
    );
    check_criteria(
        CRITERIA,
        "nested",
        expect![[r#"
            == Mark not done
            ---
            status: pending
            ---
            # T
            ## Acceptance Criteria
            - [ ] one
              - [ ] nested
            ```
            - [ ] fenced
            ```
            - [ ] two - [X] three
            ## Notes
            - [ ] not counted
        "#]],
    );
    check_criteria(
        CRITERIA,
        "fenced",
        expect![[r#"
        == Mark done (disabled: chant does not count this box: only boxes outside ``` fences in the last `## Acceptance Criteria` section count)
    "#]],
    );
    check_criteria(
        CRITERIA,
        "not counted",
        expect![[r#"
        == Mark done (disabled: chant does not count this box: only boxes outside ``` fences in the last `## Acceptance Criteria` section count)
    "#]],
    );
    check_criteria(CRITERIA, "# T", expect![[""]]);
}

#[test]
fn two_boxes_on_one_line_get_one_action_each() {
    check_criteria(
        CRITERIA,
        "two",
        expect![[r#"
            == Mark done: two
            ---
            status: pending
            ---
            # T
            ## Acceptance Criteria
            - [ ] one
              - [x] nested
            ```
            - [ ] fenced
            ```
            - [x] two - [X] three
            ## Notes
            - [ ] not counted
            == Mark not done: three
            ---
            status: pending
            ---
            # T
            ## Acceptance Criteria
            - [ ] one
              - [x] nested
            ```
            - [ ] fenced
            ```
            - [ ] two - [ ] three
            ## Notes
            - [ ] not counted
        "#]],
    );
}

#[test]
fn mark_all_done_on_the_heading() {
    check_criteria(
        CRITERIA,
        "## Acceptance",
        expect![[r#"
            == Mark all criteria done
            ---
            status: pending
            ---
            # T
            ## Acceptance Criteria
            - [x] one
              - [x] nested
            ```
            - [ ] fenced
            ```
            - [x] two - [X] three
            ## Notes
            - [ ] not counted
        "#]],
    );
    // Escaped, not a raw fixture: the CRLF line ends are the case.
    let done = "---\n---\n# T\n## Acceptance Criteria\r\n- [x] a\r\n";
    check_criteria(
        done,
        "## Acceptance",
        expect![[r#"
        == Mark all criteria done (disabled: Every criterion is already done)
    "#]],
    );
}

#[test]
fn broken_frontmatter_disables_the_toggles() {
    check_criteria(
        r#"
            ---
            status: "open
            ---
            # T
            ## Acceptance Criteria
            - [ ] a
        "#,
        "] a",
        expect![[r#"
            == Mark done (disabled: The frontmatter has a YAML syntax error (line 2): chant cannot load this spec; fix the frontmatter first)
        "#]],
    );
}

// Caps: a selection over a whole huge criteria list.

#[test]
fn criteria_actions_on_thousands_of_boxes_are_capped_and_say_so() {
    let boxes: String = (0..6_000).map(|i| format!("- [ ] c{i}\n")).collect();
    let text = format!("---\nstatus: pending\n---\n# T\n## Acceptance Criteria\n{boxes}");
    let spec = Spec::parse("t".into(), crate::spec::SpecLocation::Active, text.clone());
    let actions = criteria_actions(&spec, TextRange::new(0, text.len()));
    let rendered: Vec<String> = actions
        .iter()
        .map(|action| match action {
            CriteriaAction::Enabled(fix) => format!("{} ({} edits)", fix.title, fix.edits.len()),
            CriteriaAction::Disabled { title, reason } => format!("{title} (disabled: {reason})"),
        })
        .collect();
    let shown = format!("{} actions\n{}", rendered.len(), rendered[rendered.len() - 3..].join("\n"));
    expect![[r#"
        102 actions
        Mark done: c99 (1 edits)
        Mark the first 5000 of 6000 open criteria done (5000 edits)
        5900 more criteria toggles not shown (disabled: At most 100 criteria are offered at once: select fewer lines)"#]].assert_eq(&shown);
}

// What one request gets: `code_actions` with the client's diagnostics, with and without data.

const SELECTION: &str = r#"
    //- /.chant/specs/a.md
    ---
    type: implementation
    status: compl$0ete
    pr: 1
    ---
    # A
    ## Acceptance Criteria
    - [x] a
"#;

/// Everything a client sent back of the findings of the current text: with the data we
/// published, or without it (the client dropped it).
fn shown(fx: &CursorFixture, diagnostics: &[Diagnostic], with_data: bool) -> Vec<Shown> {
    let spec = fx.spec();
    diagnostics
        .iter()
        .map(|d| {
            let data = with_data.then(|| DiagnosticData::of(d, spec));
            Shown::from_client(spec, d.code, d.range, d.severity, d.message.clone(), data)
        })
        .collect()
}

fn all_kinds() -> Asked {
    Asked { quick_fixes: true, criteria: true, fix_all: true, fix_all_by_name: false, create_files: true }
}

/// One line per action: kind, title, and what it repairs (`#i` = the client's i-th diagnostic).
fn render(spec: &Spec, actions: &CodeActions) -> String {
    let repairs = |offered: &Offered| -> String {
        let names: Vec<String> = offered
            .repairs
            .iter()
            .map(|r| match r {
                Repairs::Shown(i) => format!("#{i}"),
                Repairs::Other(d) => format!("{}@{:?}", d.code.as_str(), &spec.text[d.range.as_usize()]),
            })
            .collect();
        names.join(", ")
    };
    let mut out = String::new();
    for o in &actions.quick_fixes {
        out.push_str(&format!("quickfix {} [{}]\n", o.fix.title, repairs(o)));
    }
    if actions.more_problems > 0 {
        out.push_str(&format!("{} more problems\n", actions.more_problems));
    }
    for c in &actions.criteria {
        match c {
            CriteriaAction::Enabled(fix) => out.push_str(&format!("rewrite {}\n", fix.title)),
            CriteriaAction::Disabled { title, .. } => out.push_str(&format!("rewrite {title} (disabled)\n")),
        }
    }
    if let Some(o) = &actions.fix_all {
        out.push_str(&format!("fixAll {} [{}]\n", o.fix.title, repairs(o)));
    }
    out
}

#[test]
fn data_and_rerun_paths_offer_the_same_actions() {
    let fx = with_cursor(SELECTION);
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let at_cursor: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.range.touches(fx.offset)).cloned().collect();
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let ask = |with_data: bool| {
        let actions = code_actions(&fx.ws, within, Some(&shown(&fx, &at_cursor, with_data)), all_kinds(), &overrides);
        render(fx.spec(), &actions)
    };
    let from_data = ask(true);
    assert_eq!(from_data, ask(false), "a client that drops data gets the same actions");
    // Fix-all names the client's own diagnostic, and the other one it repairs as well.
    expect![[r#"
        quickfix Change to `completed` [#0]
        fixAll Fix all auto-fixable chant problems [invalid-value@"implementation", #0]
    "#]]
    .assert_eq(&from_data);
}

#[test]
fn stale_data_gets_no_fix() {
    let fx = with_cursor(SELECTION);
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let status = diagnostics.iter().find(|d| d.range.touches(fx.offset)).expect("the status finding");
    let data = DiagnosticData::of(status, fx.spec());
    assert_eq!((data.text.as_str(), &data.hint), ("complete", &Hint::Replace(vec!["completed".to_string()])));
    // The user typed over the value since the diagnostic was published (same length).
    let edited = fx.spec().text.replace("complete", "complexe");
    let spec = Spec::parse("a".into(), crate::spec::SpecLocation::Active, edited);
    let stale = Shown::from_client(&spec, status.code, status.range, status.severity, String::new(), Some(data));
    assert_eq!(stale, Shown::Rebuilt(None));
    // Unchanged text rebuilds the very finding the rule made (less its related places).
    let fresh =
        DiagnosticData::of(status, fx.spec()).rebuild(status.code, status.severity, status.message.clone(), fx.spec());
    assert_eq!(fresh.as_ref(), Some(status));
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let actions = code_actions(&fx.ws, within, Some(&[stale]), all_kinds(), &SeverityOverrides::default());
    assert_eq!(actions, CodeActions::default());
}

#[test]
fn without_context_the_findings_under_the_range_count() {
    let fx = with_cursor(SELECTION);
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let actions = code_actions(&fx.ws, within, None, all_kinds(), &SeverityOverrides::default());
    expect![[r#"
        quickfix Change to `completed` [invalid-value@"complete"]
        fixAll Fix all auto-fixable chant problems [invalid-value@"implementation", invalid-value@"complete"]
    "#]]
    .assert_eq(&render(fx.spec(), &actions));
}

#[test]
fn fix_all_away_from_problems_only_when_named() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            ---
            type: implementation
            ---
            # A
            ## Acceptance Criteria
            - [ ] $0a
        "#,
    );
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let nearby = code_actions(&fx.ws, within, None, all_kinds(), &overrides);
    expect![[r#"
        rewrite Mark done (disabled)
    "#]]
    .assert_eq(&render(fx.spec(), &nearby));
    let named = Asked { quick_fixes: false, criteria: false, fix_all_by_name: true, ..all_kinds() };
    let on_save = code_actions(&fx.ws, within, None, named, &overrides);
    expect![[r#"
        fixAll Fix all auto-fixable chant problems [invalid-value@"implementation"]
    "#]]
    .assert_eq(&render(fx.spec(), &on_save));
}

#[test]
fn a_client_that_cannot_create_files_is_not_offered_file_creation() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            ---
            informed_by: [docs/$0x.md]
            ---
            # A
            ## Acceptance Criteria
            - [x] a
        "#,
    );
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let can = code_actions(&fx.ws, within, None, all_kinds(), &overrides);
    let cannot = code_actions(&fx.ws, within, None, Asked { create_files: false, ..all_kinds() }, &overrides);
    expect![[r#"
        quickfix Create `docs/x.md` [missing-file@"docs/x.md"]
    "#]]
    .assert_eq(&render(fx.spec(), &can));
    assert_eq!(render(fx.spec(), &cannot), "");
}

/// A check with no suggestion publishes no hint; the finding it came from (an empty suggestion
/// list) is still the one fix-all repairs, so the client's copy is what fix-all names.
#[test]
fn an_empty_suggestion_list_travels_as_no_hint() {
    let fx = with_cursor(
        r#"
            //- /.chant/specs/a.md
            ---
            prompt: zz$0zzzz
            ---
            # A
            ## Acceptance Criteria
            - [x] a
            //- /.chant/prompts/standard.md
            Do it.
        "#,
    );
    let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
    let at_cursor: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.range.touches(fx.offset)).cloned().collect();
    assert_eq!(
        at_cursor.iter().map(|d| (d.code, &d.hint)).collect::<Vec<_>>(),
        [(Code::UnknownPrompt, &Hint::Replace(Vec::new()))]
    );
    assert_eq!(DiagnosticData::of(&at_cursor[0], fx.spec()).hint, Hint::None);
    let within = fx.spec_file().range(TextRange::empty(fx.offset));
    let overrides = SeverityOverrides::default();
    let ask = |with_data: bool| {
        let actions = code_actions(&fx.ws, within, Some(&shown(&fx, &at_cursor, with_data)), all_kinds(), &overrides);
        render(fx.spec(), &actions)
    };
    let from_data = ask(true);
    assert_eq!(from_data, ask(false));
    expect![[r#"
        quickfix Change prompt to `standard` [#0]
        fixAll Fix all auto-fixable chant problems [#0]
    "#]]
    .assert_eq(&from_data);
}
