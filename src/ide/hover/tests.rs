//! Hover tests: `$0` fixtures rendered as the hovered text followed by the markdown; file
//! times are pinned so previews are stable.

use expect_test::{expect, Expect};

use super::*;
use crate::ide::test_fixture::{join_fixtures, with_cursor};

/// Renders the hovered text, then the markdown.
#[track_caller]
fn check(fixture: &str, expect: Expect) {
    let f = with_cursor(fixture);
    let spec = f.spec();
    let actual = match hover(&f.ws, f.position()) {
        Some(h) => format!("[{}]\n{}\n", &spec.text[h.range.as_usize()], h.markdown),
        None => "no hover\n".to_string(),
    };
    expect.assert_eq(&actual);
}

const DEPS: &str = r#"
//- /.chant/specs/001-fix.md
---
status: completed
---
# Fix race condition

The store loses writes when two workers save at once.
Both read, both write.

## Acceptance Criteria

- [x] one
- [ ] two
//- /.chant/archive/000-old/000-old.md
---
status: completed
---
# Old work
"#;

#[test]
fn id_in_block_list() {
    check(
        &join_fixtures(&[
            // The blank line at the end is the one `DEPS` starts with.
            r#"
                //- /.chant/specs/002-next.md
                ---
                depends_on:
                  - 001-f$0ix
                  - gone
                ---
                # Next

            "#,
            DEPS,
        ]),
        expect![[r#"
            [001-fix]
            **Fix race condition**

            `001-fix` · completed · code · criteria 1/2 · active `.chant/specs/001-fix.md`

            ---

            The store loses writes when two workers save at once.
            Both read, both write.
        "#]],
    );
}

#[test]
fn id_in_flow_list_archived() {
    check(
        &join_fixtures(&[
            // The blank line at the end is the one `DEPS` starts with.
            r#"
                //- /.chant/specs/002-next.md
                ---
                depends_on: [001-fix, 000-o$0ld]
                ---
                # Next

            "#,
            DEPS,
        ]),
        expect![[r#"
            [000-old]
            **Old work**

            `000-old` · completed · code · no acceptance criteria · archived `.chant/archive/000-old/000-old.md`
        "#]],
    );
}

#[test]
fn scalar_depends_on_and_missing_ids() {
    check(
        r#"
            ---
            depends_on: nowh$0ere
            ---
            # A
        "#,
        expect![[r#"
            [nowhere]
            no spec with id `nowhere`
        "#]],
    );
}

#[test]
fn own_title_lists_unmet_dependencies() {
    check(
        r#"
//- /.chant/specs/002-ünï.md
---
type: research
depends_on: [001-fix, 003-wip, gone]
---
# Ünïcode 🚀$0

```
not a paragraph
```

## Context

First words
of the body.

Second paragraph.
//- /.chant/specs/001-fix.md
---
status: completed
---
# Fix
//- /.chant/specs/003-wip.md
---
status: in_progress
---
# Wip
"#,
        expect![[r#"
            [# Ünïcode 🚀]
            **Ünïcode 🚀**

            `002-ünï` · pending · research · no acceptance criteria · active `.chant/specs/002-ünï.md`

            Blocked by: `003-wip` (in_progress), `gone` (not found)

            ---

            First words
            of the body.
        "#]],
    );
}

#[test]
fn known_id_in_body() {
    check(
        &join_fixtures(&[
            // The blank line at the end is the one `DEPS` starts with.
            r#"
                //- /.chant/specs/002-next.md
                # Next

                See 001-fi$0x.

            "#,
            DEPS,
        ]),
        expect![[r#"
            [001-fix]
            **Fix race condition**

            `001-fix` · completed · code · criteria 1/2 · active `.chant/specs/001-fix.md`

            ---

            The store loses writes when two workers save at once.
            Both read, both write.
        "#]],
    );
}

#[test]
fn markdown_artifact_with_producer_and_consumers() {
    check(
        r#"
//- /.chant/specs/002-use.md
---
informed_by:
  - .chant/research/résumé-测$0试.md
---
# Use
//- /.chant/specs/001-make.md
---
target_files: [./.chant/research/résumé-测试.md]
---
# Make
//- /.chant/research/résumé-测试.md
# Résumé 测试

Opening line.

## Findings

### Détail
"#,
        expect![[r#"
            [.chant/research/résumé-测试.md]
            **`.chant/research/résumé-测试.md`** · 59 bytes · modified 2026-01-02 03:04 UTC

            Produced by `001-make`

            Consumed by `002-use`

            Outline:
            - Résumé 测试
              - Findings
                - Détail

            ```markdown
            # Résumé 测试

            Opening line.

            ## Findings

            ### Détail
            ```
        "#]],
    );
}

#[test]
fn text_artifact_in_a_fence_with_its_language() {
    check(
        r#"
//- /.chant/specs/002-use.md
---
context: [src/ma$0in.rs]
---
# Use
//- /src/main.rs
fn main() {
    let s = "```";
}
"#,
        expect![[r#"
            [src/main.rs]
            **`src/main.rs`** · 33 bytes · modified 2026-01-02 03:04 UTC

            Consumed by `002-use`

            ````rust
            fn main() {
                let s = "```";
            }
            ````
        "#]],
    );
}

#[test]
fn binary_missing_and_outside_paths() {
    let fixture = r#"
        //- /.chant/specs/a.md
        ---
        context: [data.bin, missing.md, /etc/passwd, ../x.md, link.md, '']
        ---
        # A
    "#;
    let f = with_cursor(&fixture.replace("data.bin", "data$0.bin"));
    f.files.fs.write_bytes("data.bin", b"\x89PNG\0\0rest");
    f.files.fs.link_out("link.md");
    let spec = f.spec();
    let at = |needle: &str| {
        let offset = spec.text.find(needle).expect("needle") + 1;
        hover(&f.ws, f.spec_file().at(offset)).map(|h| h.markdown).unwrap_or_default()
    };
    let actual = ["data.bin", "missing.md", "/etc/passwd", "../x.md", "link.md", "''"].map(at).join("\n");
    expect![[r#"
        **`data.bin`** · binary, 10 bytes · modified 2026-01-02 03:04 UTC

        Consumed by `a`
        `missing.md` does not exist
        `/etc/passwd` is outside the workspace (an absolute path), not previewed
        `../x.md` is outside the workspace (a `..` climbs out of it), not previewed
        `link.md` is outside the workspace (a symlink leads out of it), not previewed
        an empty path names no file"#]]
    .assert_eq(&actual);
}

#[test]
fn body_link_resolves_from_the_spec_folder() {
    check(
        r#"
//- /.chant/specs/a.md
# A

See [notes](../notes/n$0.md#part).
//- /.chant/notes/n.md
plain notes
"#,
        expect![[r#"
            [[notes](../notes/n.md#part)]
            **`.chant/notes/n.md`** · 12 bytes · modified 2026-01-02 03:04 UTC

            ```markdown
            plain notes
            ```
        "#]],
    );
}

#[test]
fn escaped_link_and_prompt() {
    check(
        r#"
            //- /.chant/specs/a.md
            # A

            [r](../research/r%C3%A9sum%C3%A9%20$0x.md)
            //- /.chant/research/résumé x.md
            R
        "#,
        expect![[r#"
            [[r](../research/r%C3%A9sum%C3%A9%20x.md)]
            **`.chant/research/résumé x.md`** · 2 bytes · modified 2026-01-02 03:04 UTC

            ```markdown
            R
            ```
        "#]],
    );
    check(
        r#"
            //- /.chant/specs/a.md
            ---
            prompt: stan$0dard
            ---
            # A
            //- /.chant/prompts/standard.md
            # Standard
        "#,
        expect![[r#"
            [standard]
            **`.chant/prompts/standard.md`** · 11 bytes · modified 2026-01-02 03:04 UTC

            Outline:
            - Standard

            ```markdown
            # Standard
            ```
        "#]],
    );
}

#[test]
fn fifo_is_not_opened() {
    let f = with_cursor(
        r#"
            //- /.chant/specs/a.md
            ---
            context: [pi$0pe]
            ---
            # A
        "#,
    );
    f.files.fs.special("pipe", crate::workspace::fs::NodeKind::Fifo);
    let markdown = hover(&f.ws, f.position()).expect("hover").markdown;
    assert!(markdown.starts_with("**`pipe`** · not a regular file · modified "), "{markdown}");
}

#[test]
fn glob_in_tracks() {
    check(
        r#"
            //- /.chant/specs/a.md
            ---
            tracks: ['docs/*.m$0d']
            ---
            # A
            //- /docs/x.md
            x
            //- /docs/y.md
            y
        "#,
        expect![[r#"
            ['docs/*.md']
            `docs/*.md` matches 2 files
            - `docs/x.md`
            - `docs/y.md`
        "#]],
    );
}

#[test]
fn keys_and_values() {
    check(
        r#"
            ---
            sta$0tus: completed
            ---
            # A
        "#,
        expect![[r#"
            [status]
            **`status`** · one of `pending`, `in_progress`, `paused`, `completed`, `failed`, `needs_attention`, `ready`, `blocked`, `cancelled`

            Lifecycle state, written by chant's commands. Default `pending`.
        "#]],
    );
    check(
        r#"
            ---
            status: comp$0leted
            ---
            # A
        "#,
        expect![[r#"
            [completed]
            **`status: completed`**

            Done and finalized; it no longer blocks the specs that depend on it.
        "#]],
    );
    check(
        r#"
            ---
            approval:
              required: true
              status: rej$0ected
            ---
            # A
        "#,
        expect![[r#"
            [rejected]
            **`approval.status: rejected`**

            Rejected: `chant work` refuses to run it.
        "#]],
    );
    check(
        r#"
            ---
            type: do$0cs
            ---
            # A
        "#,
        expect![[r#"
            [docs]
            `docs` is not a valid `type`: one of `code`, `task`, `driver`, `documentation`, `research`, `group`
        "#]],
    );
    check(
        r#"
            ---
            ta$0gs: [a]
            ---
            # A
        "#,
        expect![[r#"
            [tags]
            `tags`: chant ignores this key; did you mean `labels`?
        "#]],
    );
}

#[test]
fn nothing_to_hover_and_out_of_range_offsets() {
    check(
        r#"
            # A

            plain te$0xt
        "#,
        expect!["no hover\n"],
    );
    let f = with_cursor("# A$0\n");
    assert_eq!(hover(&f.ws, f.spec_file().at(10_000)), None);
}

#[test]
fn utc_formatting() {
    use std::time::{Duration, SystemTime};
    let pinned = SystemTime::UNIX_EPOCH + Duration::from_secs(crate::ide::test_fixture::PINNED_SECS);
    assert_eq!(format_utc(pinned), "2026-01-02 03:04");
    assert_eq!(format_utc(SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29 00:00");
}
