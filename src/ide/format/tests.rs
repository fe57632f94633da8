//! The formatter on small specs: chant's form, the kept lines and where they go, idempotence.

use expect_test::{expect, Expect};

use super::*;

fn check(input: &str, expected: Expect) {
    let shown = match format_spec(input) {
        Ok(formatted) => {
            let again = format_spec(&formatted.text).expect("formats again");
            assert_eq!(again.text, formatted.text, "idempotent");
            let kept: Vec<&str> = formatted.kept.iter().map(|r| &formatted.text[r.as_usize()]).collect();
            format!("{}\n--- kept: {kept:?}", formatted.text)
        }
        Err(not) => format!("left as it is: {}", not.reason),
    };
    expected.assert_eq(&shown);
}

#[test]
fn chant_order_styles_and_trimmed_body() {
    check(
        "---\nstatus: pending\nlabels: [b, 'a']\ntype: task\nmodel: claude-opus-4-5\ndepends_on: 001\n---\n\n# T\n\nBody.\n\n",
        expect![[r##"
            ---
            type: task
            status: pending
            depends_on:
            - '001'
            labels:
            - b
            - a
            model: opus
            ---
            # T

            Body.
            --- kept: []"##]],
    );
}

#[test]
fn comments_and_unknown_keys_stay_where_written() {
    check(
        "---\n# owner: alice\nstatus: pending   # keep until Friday\npriority: high\nlabels:\n- a # first\n# between\n- b\ntype: code\n---\n# T\n",
        expect![[r##"
            ---
            type: code
            # owner: alice
            status: pending   # keep until Friday
            priority: high
            labels:
            - a
            - b
            # first
            # between
            ---
            # T
            --- kept: ["# owner: alice\n", "   # keep until Friday", "priority: high\n", "# first\n", "# between\n"]"##]],
    );
}

#[test]
fn unloadable_and_hash_in_values() {
    check(
        "---\ntype: docs\n---\n# T\n",
        expect![[
            r##"left as it is: chant cannot load it: Failed to parse spec frontmatter: type: unknown variant `docs`, expected one of `code`, `task`, `driver`, `documentation`, `research`, `group` at line 2 column 7"##
        ]],
    );
    check(
        "---\ntype: code\nbranch: 'a #b'\nschedule: |\n  x # not a comment\n---\n# T",
        expect![[r#"
            ---
            type: code
            status: pending
            branch: 'a #b'
            schedule: |
              x # not a comment
            ---
            # T
            --- kept: []"#]],
    );
}

#[test]
fn no_frontmatter_gets_chants_defaults() {
    check(
        "# T\n",
        expect![[r#"
        ---
        type: code
        status: pending
        ---
        # T
        --- kept: []"#]],
    );
}

#[test]
fn edits_cover_the_frontmatter_and_the_blanks_after_the_body() {
    let before = "---\nstatus: a\ntype: code\n---\n# T\n\nsame\nsame\nend  \n\n";
    let after = "---\ntype: code\nstatus: a\n---\n# T\n\nsame\nsame\nend";
    let found = edits(before, after);
    let shown: Vec<_> = found.iter().map(|e| (&before[e.range.as_usize()], e.new_text.as_str())).collect();
    assert_eq!(shown, [("status: a\ntype: code", "type: code\nstatus: a"), ("  \n\n", "")]);
    assert!(edits(after, after).is_empty());
}

#[test]
fn unknown_keys_inside_approval_stay_inside_it() {
    check(
        "---\ntype: code\napproval:\n  note: ask Bob\n  required: true # gate\nstatus: pending\n---\n# T",
        expect![[r##"
            ---
            type: code
            status: pending
            approval:
              required: true
              status: pending
              note: ask Bob
            # gate
            ---
            # T
            --- kept: ["  note: ask Bob\n", "# gate\n"]"##]],
    );
    check("---\n{type: code, priority: high}\n---\n# T", expect!["left as it is: its frontmatter comments or unknown keys cannot be kept in place: the frontmatter is a flow mapping `{…}` with comments or keys chant does not know"]);
    check("---\ntype: code\napproval: {required: true, note: x}\n---\n# T", expect!["left as it is: its frontmatter comments or unknown keys cannot be kept in place: `approval` is written as `{…}` with a key chant does not know"]);
}
