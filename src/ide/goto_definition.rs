//! Feature: go to definition. From a spec id (frontmatter or body) to that spec's title line;
//! from a path field entry to the file (every match of a `tracks` glob); from `prompt:` to the
//! prompt file; from a body link to its file, or to the heading its `#fragment` names.
//!
//! Paths never resolve outside the workspace root (absolute paths, `..` climbing out, symlinks
//! leading out); missing targets resolve to nothing. Document links reuse the same resolution.

use std::path::{Path, PathBuf};

use super::cursor::{target_at, Target};
use super::FilePosition;
use crate::spec::id;
use crate::spec::schema::{self, is_glob, ReferenceKind};
use crate::syntax::{frontmatter, markdown};
use crate::text::TextRange;
use crate::workspace::fs::{glob, SPEC_LIMIT};
use crate::workspace::load::expand_home;
pub use crate::workspace::paths::normalize_rel;
use crate::workspace::paths::slash_path;
use crate::workspace::Workspace;

/// A place in a file: a spec's title line, a heading, or the top of a file (`0..0`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavTarget {
    pub path: PathBuf,
    pub range: TextRange,
}

impl NavTarget {
    fn file(path: PathBuf) -> NavTarget {
        NavTarget { path, range: TextRange::empty(0) }
    }
}

/// Where the thing under `offset` is defined; empty when nothing resolves.
pub fn goto_definition(ws: &Workspace, at: FilePosition) -> Vec<NavTarget> {
    match target_at(ws, at.spec, at.offset) {
        Some(target) => resolve_target(ws, at.path, &target),
        None => Vec::new(),
    }
}

/// Every file (and place in it) a target of the spec at `spec_path` points at.
pub fn resolve_target(ws: &Workspace, spec_path: &Path, target: &Target) -> Vec<NavTarget> {
    match target {
        Target::SpecId { id, .. } => resolve_spec_id(ws, id).into_iter().collect(),
        Target::Path { value, field, .. } if expands_globs(field) && is_glob(value) => glob_files(ws, value),
        Target::Path { value, .. } => {
            workspace_file(ws, Path::new(""), value).map(NavTarget::file).into_iter().collect()
        }
        Target::Prompt { name, .. } => prompt_file(ws, name).map(NavTarget::file).into_iter().collect(),
        Target::Link { dest, fragment, .. } => {
            resolve_link(ws, spec_path, dest, fragment.as_deref()).into_iter().collect()
        }
        Target::Key { .. } | Target::EnumValue { .. } | Target::Title { .. } => Vec::new(),
    }
}

/// The spec an id names: an active spec wins over an archived one; `repo:id` goes through
/// `config.repos` to `<repo>/.chant/specs/<id>.md` when that file exists. The other repository
/// comes from the (untrusted) config, so its file is only checked for existence, through a door
/// rooted at its specs folder, never read: the target is the top of the file.
pub fn resolve_spec_id(ws: &Workspace, spec_id: &str) -> Option<NavTarget> {
    if let Some(path) = ws.lookup_path(spec_id) {
        let range = ws.spec(path).and_then(|s| s.title.as_ref()).map_or(TextRange::empty(0), |t| t.line);
        return Some(NavTarget { path: path.to_path_buf(), range });
    }
    let (repo, bare) = id::split_repo(spec_id)?;
    let repo = ws.config.repos.iter().find(|r| r.name == repo)?;
    // A relative repo path is relative to the workspace root, where chant runs.
    let specs = ws.root.join(expand_home(&repo.path)).join(".chant/specs");
    let path = specs.join(format!("{bare}.md"));
    ws.fs.other_root(specs).is_file(&path).then(|| NavTarget { path, range: TextRange::empty(0) })
}

/// Only a path-or-glob field's globs stand for the files they match; elsewhere a glob is one
/// (odd) path name.
fn expands_globs(field: &str) -> bool {
    schema::reference_kind(field) == ReferenceKind::PathOrGlob
}

/// The existing file `value` names relative to `base` (a folder relative to the root), when it
/// stays inside the workspace, symlinks included.
pub fn workspace_file(ws: &Workspace, base: &Path, value: &str) -> Option<PathBuf> {
    let full = ws.root.join(normalize_rel(base, value)?);
    inside(ws, &full).then_some(full)
}

fn inside(ws: &Workspace, full: &Path) -> bool {
    ws.fs.is_file(full)
}

/// Every file a `tracks` glob matches under the root, sorted.
pub fn glob_files(ws: &Workspace, value: &str) -> Vec<NavTarget> {
    let Some(rel) = normalize_rel(Path::new(""), value) else { return Vec::new() };
    let found = glob::find(&*ws.fs, &slash_path(&rel), usize::MAX, glob::MAX_VISITED);
    found.paths.into_iter().filter(|p| inside(ws, p)).map(NavTarget::file).collect()
}

pub fn prompt_file(ws: &Workspace, name: &str) -> Option<PathBuf> {
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return None;
    }
    workspace_file(ws, Path::new(".chant/prompts"), &format!("{name}.md"))
}

/// A body link: relative to the spec's folder first, then to the workspace root.
pub fn resolve_link(ws: &Workspace, spec_path: &Path, dest: &str, fragment: Option<&str>) -> Option<NavTarget> {
    let dest = percent_decode(dest);
    let folder = spec_path.parent().and_then(|p| p.strip_prefix(&ws.root).ok()).unwrap_or(Path::new(""));
    let path = workspace_file(ws, folder, &dest).or_else(|| workspace_file(ws, Path::new(""), &dest))?;
    let range = match fragment {
        Some(fragment) if is_markdown(&path) => heading_range(ws, &path, &percent_decode(fragment)),
        _ => None,
    };
    Some(NavTarget { path, range: range.unwrap_or(TextRange::empty(0)) })
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The line of the heading a fragment names, by GitHub-style slug or by its text.
fn heading_range(ws: &Workspace, path: &Path, fragment: &str) -> Option<TextRange> {
    let headings = match ws.spec(path).and_then(|_| ws.source(path)) {
        Some(spec) => spec.markdown().headings.clone(),
        None => {
            let text = ws.fs.read_text(path, SPEC_LIMIT).ok()?.text;
            let body_start = frontmatter::split(&text).map_or(0, |fm| fm.body_start);
            markdown::parse(&text, body_start).headings
        }
    };
    let wanted = fragment.to_lowercase();
    headings.into_iter().find(|h| slug(&h.text) == wanted || h.text.to_lowercase() == wanted).map(|h| h.range)
}

/// GitHub's heading anchor: lower case, punctuation dropped, spaces become `-`.
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

pub use crate::workspace::paths::percent_decode;

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::{join_fixtures, trim_indent, with_cursor};

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let fx = with_cursor(fixture);
        let found = goto_definition(&fx.ws, fx.position());
        let rendered: Vec<String> = found
            .iter()
            .map(|t| {
                let text = fx.read(&t.path);
                let line = text[..t.range.start as usize].matches('\n').count() + 1;
                format!("{}:{line} {}", fx.rel(&t.path), &text[t.range.as_usize()]).trim_end().to_string()
            })
            .collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn depends_on_block_list_goes_to_title() {
        check(
            r#"
//- /.chant/specs/a.md
---
depends_on:
  - 002-b$0
---
# A
//- /.chant/specs/002-b.md
---
status: pending
---
# Ünïcode 🚀
"#,
            expect![".chant/specs/002-b.md:4 # Ünïcode 🚀"],
        );
    }

    #[test]
    fn flow_list_scalar_and_quoted_forms() {
        let files = r#"
            //- /.chant/specs/b.md
            # B
            //- /.chant/specs/c.md
            # C
        "#;
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    ---
                    depends_on: [b, c$0]
                    ---
                    # A
                "#,
                files,
            ]),
            expect![".chant/specs/c.md:1 # C"],
        );
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    ---
                    depends_on: $0b
                    ---
                    # A
                "#,
                files,
            ]),
            expect![".chant/specs/b.md:1 # B"],
        );
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    ---
                    members: ["c$0"]
                    ---
                    # A
                "#,
                files,
            ]),
            expect![".chant/specs/c.md:1 # C"],
        );
    }

    #[test]
    fn active_wins_over_archived_and_archived_alone_resolves() {
        let fixture = |id: &str| {
            format!(
                r#"
                    //- /.chant/specs/a.md
                    ---
                    depends_on: [{id}$0]
                    ---
                    # A
                    //- /.chant/archive/x/b.md
                    # Old B
                    //- /.chant/specs/b.md
                    # New B
                    //- /.chant/archive/c/c.md
                    # Archived C
                "#
            )
        };
        check(&fixture("b"), expect![".chant/specs/b.md:1 # New B"]);
        check(&fixture("c"), expect![".chant/archive/c/c.md:1 # Archived C"]);
        check(&fixture("missing"), expect![[""]]);
    }

    #[test]
    fn body_mention_goes_to_spec() {
        check(
            r#"
                //- /.chant/specs/a.md
                # A

                After 002-b$0, do this.
                //- /.chant/specs/002-b.md
                # B
            "#,
            expect![".chant/specs/002-b.md:1 # B"],
        );
    }

    #[test]
    fn paths_prompts_and_non_ascii_files() {
        let files = r#"
            //- /.chant/research/résumé-测试.md
            notes
            //- /.chant/prompts/standard.md
            prompt
        "#;
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    ---
                    informed_by:
                      - .chant/research/résumé-$0测试.md
                    ---
                    # A
                "#,
                files,
            ]),
            expect![".chant/research/résumé-测试.md:1"],
        );
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    ---
                    prompt: stan$0dard
                    ---
                    # A
                "#,
                files,
            ]),
            expect![".chant/prompts/standard.md:1"],
        );
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    ---
                    context: [./missing$0.md]
                    ---
                    # A
                "#,
                files,
            ]),
            expect![[""]],
        );
    }

    #[test]
    fn never_outside_the_root() {
        check(
            r#"
                ---
                context: [/etc/pass$0wd]
                ---
                # A
            "#,
            expect![[""]],
        );
        check(
            r#"
                ---
                context: [../../../../../../etc/pass$0wd]
                ---
                # A
            "#,
            expect![[""]],
        );
        check(
            r#"
                # A

                See [x](../../../../../../etc/pass$0wd).
            "#,
            expect![[""]],
        );
    }

    #[test]
    fn symlinks_leading_out_are_not_followed() {
        let fx = with_cursor(
            r#"
                ---
                context: [docs/li$0nk.md, docs/inner.md]
                ---
                # A
                //- /docs/real.md
                x
            "#,
        );
        fx.files.fs.link_out("docs/link.md");
        fx.files.fs.link("docs/inner.md", "docs/real.md");
        let out = goto_definition(&fx.ws, fx.position());
        let inner = goto_definition(&fx.ws, fx.spec_file().at(fx.offset + 15));
        assert_eq!(out, Vec::new());
        assert_eq!(inner.len(), 1, "a symlink that stays inside resolves: {inner:?}");
    }

    #[test]
    fn tracks_glob_lists_every_match() {
        check(
            r#"
                //- /.chant/specs/a.md
                ---
                tracks: ["src/*.rs$0"]
                ---
                # A
                //- /src/b.rs
                b
                //- /src/a.rs
                a
                //- /src/x/c.rs
                c
            "#,
            expect![[r#"
                src/a.rs:1
                src/b.rs:1"#]],
        );
    }

    #[test]
    fn links_relative_to_folder_then_root_and_headings() {
        let files = r#"
            //- /.chant/specs/notes.md
            # Notes

            ## Root Cause: the lock

            text
            //- /docs/guide.md
            # Guide

            ## Ünïcode 🚀
        "#;
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    # A

                    See [n](notes.md#root-$0cause-the-lock).
                "#,
                files,
            ]),
            expect![".chant/specs/notes.md:3 ## Root Cause: the lock"],
        );
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    # A

                    See [g](docs/guide.md#$0ünïcode-).
                "#,
                files,
            ]),
            expect!["docs/guide.md:3 ## Ünïcode 🚀"],
        );
        check(
            &join_fixtures(&[
                r#"
                    //- /.chant/specs/a.md
                    # A

                    See [g](docs/gu$0ide.md#nowhere).
                "#,
                files,
            ]),
            expect!["docs/guide.md:1"],
        );
    }

    #[test]
    fn cross_repo_id_through_config() {
        let other = Path::new("/other-repo");
        let config = format!(
            r#"
                ---
                repos:
                  - name: api
                    path: {}
                ---
            "#,
            other.display()
        );
        let fx = with_cursor(&join_fixtures(&[
            r#"
                //- /.chant/specs/a.md
                ---
                depends_on: [api:007-x$0, api:008-none]
                ---
                # A
                //- /.chant/config.md
            "#,
            &config,
        ]));
        fx.files.fs.write_absolute(
            &other.join(".chant/specs/007-x.md"),
            &trim_indent(
                r#"
                    ---
                    status: pending
                    ---
                    # Far away
                "#,
            ),
        );
        let found = goto_definition(&fx.ws, fx.position());
        // Another repository is only checked for the file, never read: the target is its top.
        assert_eq!(found, vec![NavTarget { path: other.join(".chant/specs/007-x.md"), range: TextRange::empty(0) }]);
    }
}
