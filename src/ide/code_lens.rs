//! Feature: code lenses. On the title line: `ready` or `blocked by N` (chant's readiness, for a
//! pending or failed spec), `depends on N`, `required by M` and, for a driver or
//! group, `members K/N completed`, each clickable to the specs it counts. On the acceptance
//! criteria heading chant counts: `X/Y done`, clickable to the open criteria. On a heading whose
//! boxes chant cannot see: a lens saying so, which renames the heading when that is the fix.
//!
//! A lens that cannot be computed is never silently missing: when chant cannot load the spec, or
//! it has no frontmatter or no title, a lens on the first line says which lenses are unavailable
//! and why.

use std::path::Path;

use super::diagnostics::line_range;
use super::limits::{more_not_shown, CODE_LENSES, LENS_LOCATIONS};
use super::references::Reference;
use super::SpecFile;
use crate::spec::criteria::{marker_rename, MARKER};
use crate::spec::schema::{DEPENDS_ON, MEMBERS};
use crate::spec::Spec;
use crate::syntax::typed::{SpecStatus, SpecType};
use crate::text::TextRange;
use crate::workspace::readiness::{readiness, Blocker, Readiness};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    /// Where the lens sits: the line it annotates.
    pub range: TextRange,
    pub title: String,
    pub action: LensAction,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LensAction {
    /// A label only.
    None,
    /// Clicking lists these places (a spec's title line, an entry naming a spec, a criterion).
    ShowLocations(Vec<Reference>),
    /// Clicking replaces `range` of this spec with `new_text`.
    ApplyEdit(Edit),
}

/// A text edit in the spec the lenses were computed for.
pub use crate::text::TextEdit as Edit;

/// Every lens of the spec (which may be newer than the indexed one).
pub fn code_lenses(ws: &Workspace, file: SpecFile) -> Vec<Lens> {
    let SpecFile { path, spec } = file;
    let first_line = line_range(spec, 0);
    if let Some(why) = cannot_load(spec) {
        let title = format!("chant cannot load this spec: {why} — lenses unavailable");
        return vec![Lens { range: first_line, title, action: LensAction::None }];
    }
    let mut out = Vec::new();
    let has_frontmatter = spec.split.as_ref().is_some_and(|fm| fm.close.is_some());
    if spec.split.is_none() {
        let title = "no frontmatter: chant reads no dependencies or members — dependency lenses unavailable";
        out.push(Lens { range: first_line, title: title.to_string(), action: LensAction::None });
    } else if !has_frontmatter {
        let title = "frontmatter is not closed by `---` — dependency lenses unavailable";
        out.push(Lens { range: first_line, title: title.to_string(), action: LensAction::None });
    }
    match &spec.title {
        Some(title) => {
            out.extend(readiness_lens(ws, path, spec, title.line));
            if has_frontmatter {
                out.push(depends_on(ws, path, spec, title.line));
            }
            out.push(required_by(ws, spec, title.line));
            if has_frontmatter {
                out.extend(members(ws, path, spec, title.line));
            }
        }
        None => out.push(Lens {
            range: first_line,
            title: "no `# Title` line — dependency lenses unavailable".to_string(),
            action: LensAction::None,
        }),
    }
    out.extend(criteria_progress(path, spec));
    out.extend(invisible_criteria(path, spec));
    out.sort_by_key(|lens| lens.range.start);
    bound(&mut out);
    out
}

/// Caps the lenses and the places each one lists; the titles say what was cut.
fn bound(lenses: &mut Vec<Lens>) {
    for lens in lenses.iter_mut() {
        if let LensAction::ShowLocations(places) = &mut lens.action {
            if places.len() > LENS_LOCATIONS {
                lens.title.push_str(&format!(" (lists the first {LENS_LOCATIONS} of {})", places.len()));
                places.truncate(LENS_LOCATIONS);
            }
        }
    }
    if lenses.len() > CODE_LENSES {
        let more = lenses.len() - (CODE_LENSES - 1);
        lenses.truncate(CODE_LENSES - 1);
        let range = lenses.last().map_or(TextRange::empty(0), |l| l.range);
        lenses.push(Lens { range, title: more_not_shown(more, "lenses"), action: LensAction::None });
    }
}

/// Why chant cannot load the spec, if it cannot.
fn cannot_load(spec: &Spec) -> Option<String> {
    if let Some(err) = &spec.yaml_error {
        return Some(format!("YAML syntax error: {}", err.message));
    }
    let err = spec.verdict.as_ref().err()?;
    Some(match &err.path {
        Some(field) => format!("`{field}`: {}", err.message),
        None => err.message.clone(),
    })
}

/// Where a `depends_on` / `members` entry leads: the title line of the spec it names, or the
/// entry itself when no spec in the workspace has that id.
fn target(ws: &Workspace, path: &Path, id: &str, entry: TextRange) -> Reference {
    match ws.lookup_path(id) {
        Some(found) => {
            let range = ws.spec(found).and_then(|s| s.title.as_ref()).map_or(TextRange::empty(0), |t| t.line);
            Reference { path: found.to_path_buf(), range }
        }
        None => Reference { path: path.to_path_buf(), range: entry },
    }
}

fn show(locations: Vec<Reference>) -> LensAction {
    if locations.is_empty() {
        LensAction::None
    } else {
        LensAction::ShowLocations(locations)
    }
}

/// `ready` or `blocked by N` for a spec chant could start (pending or failed), by chant's own
/// rules; the click lists what blocks it. Other statuses get no lens: the status says it all.
fn readiness_lens(ws: &Workspace, path: &Path, spec: &Spec, line: TextRange) -> Option<Lens> {
    match readiness(ws, ws.spec(path)?) {
        Readiness::Ready => Some(Lens { range: line, title: "ready".to_string(), action: LensAction::None }),
        Readiness::Blocked(blockers) => {
            // A missing dependency leads to its own entry; everything else to the blocking spec.
            let entries = spec.string_items(DEPENDS_ON);
            let entry = |id: &str| entries.iter().find(|(e, _)| *e == id).map_or(line, |(_, r)| *r);
            let own = |b: &Blocker| b.id().map(|id| target(ws, path, id, entry(id)));
            let locations = blockers.iter().filter_map(own).collect();
            Some(Lens { range: line, title: format!("blocked by {}", blockers.len()), action: show(locations) })
        }
        Readiness::NotWaiting(_) | Readiness::NotLoaded => None,
    }
}

fn depends_on(ws: &Workspace, path: &Path, spec: &Spec, line: TextRange) -> Lens {
    let entries = spec.string_items(DEPENDS_ON);
    let locations = entries.iter().map(|(id, range)| target(ws, path, id, *range)).collect();
    Lens { range: line, title: format!("depends on {}", entries.len()), action: show(locations) }
}

/// Specs, active or archived, listing this spec's id in `depends_on`; the click lists the entries.
fn required_by(ws: &Workspace, spec: &Spec, line: TextRange) -> Lens {
    let mut paths: Vec<&crate::workspace::SpecPath> = ws.referrers(&spec.id).collect();
    paths.sort();
    let mut locations = Vec::new();
    let mut n = 0;
    for referrer in paths {
        let Some(other) = ws.spec(referrer) else { continue };
        let entries: Vec<TextRange> =
            other.string_items(DEPENDS_ON).into_iter().filter(|(id, _)| *id == spec.id).map(|(_, r)| r).collect();
        if entries.is_empty() {
            continue;
        }
        n += 1;
        locations.extend(
            entries
                .into_iter()
                .map(|range| Reference { path: referrer.to_path_buf(), range: other.inner_range(range, &spec.id) }),
        );
    }
    Lens { range: line, title: format!("required by {n}"), action: show(locations) }
}

/// `members K/N completed` for a driver or group, or any spec listing members.
fn members(ws: &Workspace, path: &Path, spec: &Spec, line: TextRange) -> Option<Lens> {
    let entries = spec.string_items(MEMBERS);
    let is_driver = matches!(spec.spec_type(), Some(SpecType::Driver | SpecType::Group));
    if entries.is_empty() && !is_driver {
        return None;
    }
    let completed = entries
        .iter()
        .filter(|(id, _)| ws.lookup(id).is_some_and(|m| m.status() == Some(SpecStatus::Completed)))
        .count();
    let locations = entries.iter().map(|(id, range)| target(ws, path, id, *range)).collect();
    let title = match entries.len() {
        0 => "no members".to_string(),
        n => format!("members {completed}/{n} completed"),
    };
    Some(Lens { range: line, title, action: show(locations) })
}

/// `X/Y done` on the heading chant counts; the click lists the open criteria.
fn criteria_progress(path: &Path, spec: &Spec) -> Option<Lens> {
    let heading = spec.criteria.heading?;
    let items = &spec.criteria.items;
    let open = spec.criteria.unchecked().map(|c| Reference { path: path.to_path_buf(), range: c.text }).collect();
    Some(Lens {
        range: heading,
        title: format!("{}/{} done", spec.criteria.n_checked(), items.len()),
        action: show(open),
    })
}

/// One lens per acceptance-criteria heading holding boxes chant does not count (the same
/// headings the `invisible-criteria` diagnostic flags). Without a counted heading, the last such
/// heading offers the rename (renaming an earlier one would leave it shadowed by a later one).
fn invisible_criteria(path: &Path, spec: &Spec) -> Vec<Lens> {
    let counted_heading = spec.criteria.heading;
    // (heading line, boxes chant does not see under it)
    let hiding: Vec<(TextRange, usize)> = spec
        .hidden_criteria()
        .into_iter()
        .filter(|h| counted_heading.is_none_or(|c| c.start != h.heading.start))
        .map(|h| (line_range(spec, h.heading.start as usize), h.hidden))
        .collect();
    // The heading to rename when chant counts none: the last one, unless it is the title.
    let rename = match counted_heading {
        None => hiding.last().and_then(|&(line, _)| rename_edit(spec, line).map(|edit| (line, edit))),
        Some(_) => None,
    };
    let here = |range: TextRange| vec![Reference { path: path.to_path_buf(), range }];
    hiding
        .iter()
        .map(|&(line, hidden)| {
            let noun = if hidden == 1 { "criterion" } else { "criteria" };
            let seen = format!("chant sees 0 of {hidden} {noun} here");
            let (title, action) = match (counted_heading, &rename) {
                (None, Some((at, edit))) if *at == line => {
                    (format!("{seen} — rename heading to `{MARKER}`"), LensAction::ApplyEdit(edit.clone()))
                }
                (None, Some((at, _))) => (
                    format!("{seen} — merge them into the last criteria section"),
                    LensAction::ShowLocations(here(*at)),
                ),
                (None, None) => (format!("{seen} — put them under a `{MARKER}` heading"), LensAction::None),
                (Some(counted), _) if spec.criteria.shadowed_headings.iter().any(|h| h.start == line.start) => (
                    format!("{seen} — only the last `{MARKER}` counts: merge them there"),
                    LensAction::ShowLocations(here(counted)),
                ),
                (Some(counted), _) => {
                    (format!("{seen} — move them under `{MARKER}`"), LensAction::ShowLocations(here(counted)))
                }
            };
            Lens { range: line, title, action }
        })
        .collect()
}

/// Rewrites an ATX heading line `### acceptance criteria …` to `## Acceptance Criteria …`.
fn rename_edit(spec: &Spec, line: TextRange) -> Option<Edit> {
    let text = &spec.text[line.as_usize()];
    let is_title = spec.title.as_ref().is_some_and(|t| t.line == line);
    if is_title || !text.trim_start().starts_with('#') {
        return None;
    }
    marker_rename(&spec.text, line)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::{join_fixtures, write_fixture};

    /// One line per lens: its 1-based line, the text it covers, its title, then where a click
    /// leads (`path:line` of each location) or the edit it applies.
    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let tmp = write_fixture(fixture);
        let ws = tmp.load();
        let spec = &ws.source(&tmp.first).expect("the first file is a spec");
        let rel = |p: &Path| p.strip_prefix(&tmp.root).unwrap_or(p).display().to_string();
        let line_of = |text: &str, offset: u32| text[..offset as usize].matches('\n').count() + 1;
        let rendered: Vec<String> = code_lenses(&ws, SpecFile::new(&tmp.first, spec))
            .iter()
            .map(|lens| {
                let covered = &spec.text[lens.range.as_usize()];
                let head = format!("{} `{covered}` {}", line_of(&spec.text, lens.range.start), lens.title);
                match &lens.action {
                    LensAction::None => head,
                    LensAction::ShowLocations(locations) => {
                        let targets: Vec<String> = locations
                            .iter()
                            .map(|r| {
                                let text = tmp.read(&r.path);
                                format!("{}:{}", rel(&r.path), line_of(&text, r.range.start))
                            })
                            .collect();
                        format!("{head} → {}", targets.join(", "))
                    }
                    LensAction::ApplyEdit(edit) => {
                        format!("{head} → replace `{}` with `{}`", &spec.text[edit.range.as_usize()], edit.new_text)
                    }
                }
            })
            .collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    const OTHERS: &str = r#"
//- /.chant/specs/001-a.md
---
status: completed
---
# A
//- /.chant/specs/003-c.md
---
depends_on: ["002-b", "001-a"]
---
# C
//- /.chant/archive/2026-01/004-d.md
---
depends_on:
  - 002-b
---
# D
//- /.chant/specs/005-e.md
---
members: [002-b]
---
# E lists 002-b as a member only
"#;

    #[test]
    fn dependencies_on_the_title_line() {
        check(
            &join_fixtures(&[
                // The blank line at the end is the one `OTHERS` starts with.
                r#"
                    //- /.chant/specs/002-b.md
                    ---
                    depends_on:
                      - 001-a
                      - nobody
                    ---

                    # B needs A

                "#,
                OTHERS,
            ]),
            expect![[r#"
                7 `# B needs A` blocked by 1 → .chant/specs/002-b.md:4
                7 `# B needs A` depends on 2 → .chant/specs/001-a.md:4, .chant/specs/002-b.md:4
                7 `# B needs A` required by 2 → .chant/archive/2026-01/004-d.md:3, .chant/specs/003-c.md:2"#]],
        );
    }

    #[test]
    fn driver_members() {
        check(
            r#"
//- /.chant/specs/d.md
---
type: driver
members:
  - d.1
  - "d.2"
  - d.3
---
# Driver
//- /.chant/specs/d.1.md
---
status: completed
---
# One
//- /.chant/archive/d.2.md
---
status: completed
---
# Two
"#,
            expect![[r#"
                8 `# Driver` ready
                8 `# Driver` depends on 0
                8 `# Driver` required by 0
                8 `# Driver` members 2/3 completed → .chant/specs/d.1.md:4, .chant/archive/d.2.md:4, .chant/specs/d.md:6"#]],
        );
        check(
            r#"
                ---
                type: group
                ---
                # Empty group
            "#,
            expect![[r#"
                4 `# Empty group` ready
                4 `# Empty group` depends on 0
                4 `# Empty group` required by 0
                4 `# Empty group` no members"#]],
        );
    }

    #[test]
    fn criteria_progress_and_open_items() {
        check(
            r#"
                ---
                ---
                # T

                ## Acceptance Criteria

                - [x] one
                - [ ] two
                - [X] three
                - [ ] four
            "#,
            expect![[r#"
                3 `# T` ready
                3 `# T` depends on 0
                3 `# T` required by 0
                5 `## Acceptance Criteria` 2/4 done → .chant/specs/test.md:8, .chant/specs/test.md:10"#]],
        );
        check(
            r#"
                ---
                ---
                # T
                ## Acceptance Criteria
                - [x] all
            "#,
            expect![[r#"
                3 `# T` ready
                3 `# T` depends on 0
                3 `# T` required by 0
                4 `## Acceptance Criteria` 1/1 done"#]],
        );
    }

    #[test]
    fn criteria_chant_cannot_see() {
        // No heading chant counts: renaming is the fix.
        check(
            r#"
                ---
                ---
                # T
                ### Acceptance criteria (v2)
                - [ ] a
                - [x] b
            "#,
            expect![[r#"
                3 `# T` ready
                3 `# T` depends on 0
                3 `# T` required by 0
                4 `### Acceptance criteria (v2)` chant sees 0 of 2 criteria here — rename heading to `## Acceptance Criteria` → replace `### Acceptance criteria` with `## Acceptance Criteria`"#]],
        );
        // Two sections, no counted one: the last is renamed, the other merged into it.
        check(
            r#"
                ---
                ---
                # T
                ### Acceptance Criteria
                - [ ] a
                ## Acceptance criteria
                - [ ] b
            "#,
            expect![[r#"
                3 `# T` ready
                3 `# T` depends on 0
                3 `# T` required by 0
                4 `### Acceptance Criteria` chant sees 0 of 1 criterion here — merge them into the last criteria section → .chant/specs/test.md:6
                6 `## Acceptance criteria` chant sees 0 of 1 criterion here — rename heading to `## Acceptance Criteria` → replace `## Acceptance criteria` with `## Acceptance Criteria`"#]],
        );
        // A title that mentions acceptance criteria is never renamed.
        check(
            r#"
                ---
                ---
                # Acceptance criteria for X
                - [ ] a
            "#,
            expect![[r#"
                3 `# Acceptance criteria for X` ready
                3 `# Acceptance criteria for X` depends on 0
                3 `# Acceptance criteria for X` required by 0
                3 `# Acceptance criteria for X` chant sees 0 of 1 criterion here — put them under a `## Acceptance Criteria` heading"#]],
        );
        // An earlier section shadowed by a later one, and a sub-heading under the counted one.
        check(
            r#"
                ---
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
                ## Notes
                ## Acceptance Criteria
                - [ ] b
                ## More
                ### Acceptance Criteria
                - [ ] c
            "#,
            expect![[r#"
                3 `# T` ready
                3 `# T` depends on 0
                3 `# T` required by 0
                4 `## Acceptance Criteria` chant sees 0 of 1 criterion here — only the last `## Acceptance Criteria` counts: merge them there → .chant/specs/test.md:7
                7 `## Acceptance Criteria` 0/1 done → .chant/specs/test.md:8
                10 `### Acceptance Criteria` chant sees 0 of 1 criterion here — move them under `## Acceptance Criteria` → .chant/specs/test.md:7"#]],
        );
    }

    #[test]
    fn malformed_specs_say_why() {
        check(
            r#"
                ---
                type: bogus
                depends_on: [x]
                ---
                # T
                ## Acceptance Criteria
                - [ ] a
            "#,
            expect!["1 `---` chant cannot load this spec: `type`: unknown variant `bogus`, expected one of `code`, `task`, `driver`, `documentation`, `research`, `group` — lenses unavailable"],
        );
        check(
            r#"
                ---
                depends_on: [x
                ---
                # T
            "#,
            expect!["1 `---` chant cannot load this spec: YAML syntax error: while parsing a flow sequence, expected ',' or ']' — lenses unavailable"],
        );
        check(
            r#"
                # No frontmatter
                ## Acceptance Criteria
                - [ ] a
            "#,
            expect![[r#"
                1 `# No frontmatter` no frontmatter: chant reads no dependencies or members — dependency lenses unavailable
                1 `# No frontmatter` ready
                1 `# No frontmatter` required by 0
                2 `## Acceptance Criteria` 0/1 done → .chant/specs/test.md:3"#]],
        );
        check(
            r#"
                ---
                status: pending
                ---
                No title here.
            "#,
            expect!["1 `---` no `# Title` line — dependency lenses unavailable"],
        );
        check(
            r#"
                ---
                depends_on: [a]
                # T
            "#,
            expect![[r#"
                1 `---` frontmatter is not closed by `---` — dependency lenses unavailable
                3 `# T` ready
                3 `# T` required by 0"#]],
        );
        check(
            "",
            expect![[r#"
            1 `` no frontmatter: chant reads no dependencies or members — dependency lenses unavailable
            1 `` no `# Title` line — dependency lenses unavailable"#]],
        );
    }

    #[test]
    fn lenses_list_at_most_500_places_and_say_so() {
        let boxes: String = (0..600).map(|i| format!("- [ ] c{i}\n")).collect();
        let tmp = write_fixture(&format!("---\n---\n# T\n\n## Acceptance Criteria\n\n{boxes}"));
        let ws = tmp.load();
        let spec = &ws.source(&tmp.first).expect("a spec");
        let rendered: Vec<String> = code_lenses(&ws, SpecFile::new(&tmp.first, spec))
            .iter()
            .map(|lens| match &lens.action {
                LensAction::ShowLocations(places) => format!("{} ({} places)", lens.title, places.len()),
                _ => lens.title.clone(),
            })
            .collect();
        expect![[r#"
            ready
            depends on 0
            required by 0
            0/600 done (lists the first 500 of 600) (500 places)"#]]
        .assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn at_most_1000_lenses() {
        // Each heading that hides boxes from chant gets a lens.
        let hidden: String = (0..1_100).map(|i| format!("### Acceptance criteria {i}\n- [ ] a\n")).collect();
        let tmp = write_fixture(&format!("---\n---\n# T\n{hidden}"));
        let ws = tmp.load();
        let spec = &ws.source(&tmp.first).expect("a spec");
        let lenses = code_lenses(&ws, SpecFile::new(&tmp.first, spec));
        let last = lenses.last().map(|l| l.title.clone()).unwrap_or_default();
        expect!["1000 lenses, last: 104 more lenses not shown"]
            .assert_eq(&format!("{} lenses, last: {last}", lenses.len()));
    }
}
