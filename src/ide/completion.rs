//! Completion in the frontmatter: spec ids, workspace paths (folder by folder), top-level keys,
//! enum values and prompt names.
//!
//! A frontmatter being typed is usually invalid YAML (`depends_on: [a, 00`), so the context is
//! read from the raw lines around the cursor, never from the YAML tree.

use super::limits::COMPLETION_ITEMS;
use std::path::{Component, Path};

use super::FilePosition;
use crate::spec::id::is_date_id;
use crate::spec::schema::{self, FieldShape, ReferenceKind, FIELDS};
use crate::spec::{Spec, SpecLocation};
use crate::syntax::frontmatter;
use crate::text::TextRange;
use crate::workspace::Workspace;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    SpecId,
    Folder,
    File,
    Key,
    Value,
    Prompt,
}

/// One proposal. Items come in the order they should be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// What the editor matches the typed word against, when it differs from the label.
    pub filter_text: Option<String>,
    /// The partial word the insertion replaces.
    pub edit: TextRange,
    pub insert: String,
    /// `insert` holds snippet placeholders (`$1`).
    pub snippet: bool,
    /// Ask the editor to complete again after inserting (a folder: its entries come next).
    pub retrigger: bool,
}

/// Folders never offered as paths: version control and build output.
const SKIPPED_DIRS: &[&str] = &[".git", "target", "node_modules"];

/// The proposals at the cursor; empty outside the frontmatter.
pub fn completions(ws: &Workspace, at: FilePosition) -> Vec<Completion> {
    let FilePosition { spec, offset, .. } = at;
    let Some(lines) = frontmatter_lines(spec, offset) else { return Vec::new() };
    let Some(context) = context_at(&spec.text, &lines, offset) else { return Vec::new() };
    match context {
        Context::Key { edit } => key_items(&lines, &spec.text, edit),
        Context::NestedKey { parent, edit } => nested_key_items(&lines, &spec.text, parent, edit),
        Context::Value { field, typed, edit, listed, pad } => {
            let mut items = value_items(ws, spec, &field, typed, edit, &listed);
            if pad {
                // Right after `key:` or `-` YAML needs a space before the value.
                items.iter_mut().for_each(|item| item.insert.insert(0, ' '));
            }
            bound(items, &spec.text[edit.as_usize()])
        }
    }
}

/// At most [`COMPLETION_ITEMS`]: past that, only the items matching what is typed, in order.
/// A full list means "type more": the server marks it incomplete so the editor asks again.
fn bound(items: Vec<Completion>, typed: &str) -> Vec<Completion> {
    if items.len() <= COMPLETION_ITEMS {
        return items;
    }
    let typed = typed.trim_matches(['"', '\'', ' ']).to_lowercase();
    items
        .into_iter()
        .filter(|item| item.filter_text.as_deref().unwrap_or(&item.label).to_lowercase().contains(&typed))
        .take(COMPLETION_ITEMS)
        .collect()
}

/// A frontmatter line: its range without the line break.
type Line = TextRange;

/// The frontmatter's lines as `syntax::frontmatter` finds the block (to the end of the text
/// while it is still being typed), when `offset` lies on one of them.
fn frontmatter_lines(spec: &Spec, offset: usize) -> Option<Vec<Line>> {
    let split = spec.split.as_ref()?;
    let inner: Vec<Line> = frontmatter::block_lines(&spec.text, split).collect();
    inner.iter().any(|l| l.start as usize <= offset && offset <= l.end as usize).then_some(inner)
}

enum Context {
    /// A top-level key being typed at the start of a line.
    Key { edit: TextRange },
    /// A key of the mapping under `parent` (`approval:`), typed on an indented line.
    NestedKey { parent: &'static str, edit: TextRange },
    /// A value of `field` (`approval.status` for nested keys): `typed` is the part of the word
    /// before the cursor, `listed` the other entries already in the field; `pad` when the cursor
    /// touches the `:` or `-` before the value.
    Value { field: String, typed: String, edit: TextRange, listed: Vec<String>, pad: bool },
}

fn context_at(text: &str, lines: &[Line], offset: usize) -> Option<Context> {
    let index = lines.iter().position(|l| l.start as usize <= offset && offset <= l.end as usize)?;
    let line = lines[index];
    let (start, end) = (line.start as usize, line.end as usize);
    if !text.is_char_boundary(offset) {
        return None;
    }
    let before = &text[start..offset];
    // serde_yaml, and so chant, writes block list items at column 0: `depends_on:\n- a`.
    let indented = before.starts_with([' ', '\t', '-']);
    if !indented && !before.contains(':') {
        // Inside an existing key (`sta|tus: x`) a key snippet would duplicate the colon.
        let rest = &text[offset..end];
        if !before.chars().all(is_key_char) || rest.contains(':') || rest.starts_with('-') {
            return None;
        }
        let word_end = offset + text[offset..end].find(|c| !is_key_char(c)).unwrap_or(end - offset);
        return Some(Context::Key { edit: TextRange::new(start, word_end) });
    }
    let trimmed = before.trim_start();
    if indented && trimmed.chars().all(is_key_char) && !text[offset..end].contains(':') {
        let parent = top_key(&text[lines[owner_line(text, lines, index)?].as_usize()])?;
        let parent = schema::field(parent).filter(|f| !schema::nested_fields(f.name).is_empty())?.name;
        let word_end = offset + text[offset..end].find(|c| !is_key_char(c)).unwrap_or(end - offset);
        return Some(Context::NestedKey { parent, edit: TextRange::new(offset - trimmed.len(), word_end) });
    }
    let field = if indented { nested_field(text, lines, index)? } else { top_key(&text[start..end])?.to_string() };
    let value_start = value_start(text, start, offset, indented)?;
    // Step over the whole break character: a no-break or line-separator space is several bytes.
    let typed = &text[value_start..offset];
    let word_start = value_start
        + typed.rfind(is_value_break).map_or(0, |i| i + typed[i..].chars().next().map_or(1, char::len_utf8));
    let word_end = offset + text[offset..end].find(is_value_break).unwrap_or(end - offset);
    let owner = owner_line(text, lines, index);
    let listed = listed_values(text, lines, owner).into_iter().filter(|(_, r)| r.start as usize != word_start);
    Some(Context::Value {
        field,
        typed: text[word_start..offset].to_string(),
        edit: TextRange::new(word_start, word_end),
        listed: listed.map(|(v, _)| v).collect(),
        pad: word_start == value_start,
    })
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Characters that end a value word: list syntax, quotes and spaces.
fn is_value_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '[' | ']' | '"' | '\'')
}

/// `key` of a `key: ...` line written at column 0.
fn top_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    (!key.is_empty() && key.chars().all(is_key_char)).then_some(key)
}

/// Where the value of the cursor's line starts: after `key:`, or after `- ` of a list item.
fn value_start(text: &str, line_start: usize, offset: usize, indented: bool) -> Option<usize> {
    let before = &text[line_start..offset];
    let trimmed = before.trim_start();
    let indent = before.len() - trimmed.len();
    if indented && trimmed.starts_with('-') {
        return Some(line_start + indent + 1);
    }
    let colon = before.find(':')?;
    Some(line_start + colon + 1)
}

/// The field an indented line belongs to: the top-level key above it, or `parent.child` for a
/// `child: value` line nested under it.
fn nested_field(text: &str, lines: &[Line], index: usize) -> Option<String> {
    let owner = owner_line(text, lines, index)?;
    let parent = top_key(&text[lines[owner].as_usize()])?;
    let own = text[lines[index].as_usize()].trim_start();
    if own.starts_with('-') {
        return Some(parent.to_string());
    }
    let (child, _) = own.split_once(':')?;
    Some(format!("{parent}.{}", child.trim_end()))
}

/// The nearest line at or above `index` that starts at column 0 with a key.
fn owner_line(text: &str, lines: &[Line], index: usize) -> Option<usize> {
    (0..=index).rev().find(|&i| {
        let line = &text[lines[i].as_usize()];
        !line.starts_with([' ', '\t', '#']) && top_key(line).is_some()
    })
}

/// The values written under the key on line `owner` (flow items, block items or a scalar),
/// with their ranges, read from the raw text.
fn listed_values(text: &str, lines: &[Line], owner: Option<usize>) -> Vec<(String, TextRange)> {
    let Some(owner) = owner else { return Vec::new() };
    let mut out = Vec::new();
    let key_line = lines[owner];
    let colon = text[key_line.as_usize()].find(':').map_or(key_line.end as usize, |i| key_line.start as usize + i + 1);
    words(text, TextRange::new(colon, key_line.end as usize), &mut out);
    for line in lines[owner + 1..].iter().take_while(|l| text[l.as_usize()].starts_with([' ', '\t', '-'])) {
        let content = &text[line.as_usize()];
        if let Some(dash) = content.trim_start().strip_prefix('-') {
            let from = line.end as usize - dash.len();
            words(text, TextRange::new(from, line.end as usize), &mut out);
        }
    }
    out
}

fn words(text: &str, range: TextRange, out: &mut Vec<(String, TextRange)>) {
    let mut start = None;
    for (i, c) in text[range.as_usize()].char_indices().chain([(range.len(), ' ')]) {
        let at = range.start as usize + i;
        match (start, is_value_break(c)) {
            (None, false) => start = Some(at),
            (Some(s), true) => {
                out.push((text[s..at].to_string(), TextRange::new(s, at)));
                start = None;
            }
            _ => {}
        }
    }
}

/// Keys chant knows that the frontmatter does not have yet, in chant's order.
fn key_items(lines: &[Line], text: &str, edit: TextRange) -> Vec<Completion> {
    let present: Vec<&str> = lines
        .iter()
        .filter(|l| !l.contains(edit.start as usize))
        .filter_map(|l| top_key(&text[l.as_usize()]))
        .collect();
    FIELDS
        .iter()
        .filter(|f| !present.contains(&f.name))
        .map(|f| Completion {
            label: f.name.to_string(),
            kind: CompletionKind::Key,
            detail: Some(shape_detail(f.shape)),
            documentation: Some(f.doc.to_string()),
            filter_text: None,
            edit,
            insert: key_snippet(f.name, f.shape),
            snippet: true,
            retrigger: matches!(f.shape, FieldShape::Enum(_) | FieldShape::Bool)
                || f.reference == ReferenceKind::PromptName,
        })
        .collect()
}

/// Keys of `parent`'s mapping not yet written under it.
fn nested_key_items(lines: &[Line], text: &str, parent: &str, edit: TextRange) -> Vec<Completion> {
    let Some(index) = lines.iter().position(|l| l.start <= edit.start && edit.start <= l.end) else {
        return Vec::new();
    };
    let Some(owner) = owner_line(text, lines, index) else { return Vec::new() };
    let siblings = lines[owner + 1..].iter().filter(|l| l.start != lines[index].start);
    let present: Vec<&str> = siblings
        .take_while(|l| text[l.as_usize()].starts_with([' ', '\t']))
        .filter_map(|l| top_key(text[l.as_usize()].trim_start()))
        .collect();
    schema::nested_fields(parent)
        .iter()
        .map(|f| (schema::nested_key(f), f))
        .filter(|(name, _)| !present.contains(name))
        .map(|(name, f)| Completion {
            documentation: Some(f.doc.to_string()),
            insert: format!("{name}: $1"),
            snippet: true,
            retrigger: matches!(f.shape, FieldShape::Enum(_)),
            ..value(name, CompletionKind::Key, edit)
        })
        .collect()
}

fn key_snippet(name: &str, shape: FieldShape) -> String {
    match shape {
        FieldShape::List | FieldShape::OneOrList => format!("{name}:\n  - $1"),
        FieldShape::Map => format!("{name}:\n  $1"),
        _ => format!("{name}: $1"),
    }
}

fn shape_detail(shape: FieldShape) -> String {
    match shape {
        FieldShape::Text => "text".to_string(),
        FieldShape::List => "list".to_string(),
        FieldShape::OneOrList => "id or list of ids".to_string(),
        FieldShape::Enum(values) => values.join(" | "),
        FieldShape::Bool => "true | false".to_string(),
        FieldShape::Int => "integer".to_string(),
        FieldShape::Map => "mapping".to_string(),
    }
}

fn value_items(
    ws: &Workspace,
    spec: &Spec,
    field: &str,
    typed: String,
    edit: TextRange,
    listed: &[String],
) -> Vec<Completion> {
    match schema::reference_kind(field) {
        ReferenceKind::SpecId => id_items(ws, spec, edit, listed, &spec.text[edit.as_usize()]),
        ReferenceKind::WorkspacePath | ReferenceKind::PathOrGlob => path_items(ws, field, &typed, edit),
        ReferenceKind::PromptName => {
            let mut names: Vec<&String> = ws.prompts.iter().collect();
            names.sort();
            names.into_iter().map(|n| value(n, CompletionKind::Prompt, edit)).collect()
        }
        ReferenceKind::None => enum_values(field).iter().map(|v| value(v, CompletionKind::Value, edit)).collect(),
    }
}

fn enum_values(field: &str) -> &'static [&'static str] {
    match schema::any_field(field).map(|f| f.shape) {
        Some(FieldShape::Enum(values)) => values,
        Some(FieldShape::Bool) => &["true", "false"],
        _ => &[],
    }
}

fn value(label: &str, kind: CompletionKind, edit: TextRange) -> Completion {
    Completion {
        label: label.to_string(),
        kind,
        detail: None,
        documentation: None,
        filter_text: None,
        edit,
        insert: label.to_string(),
        snippet: false,
        retrigger: false,
    }
}

/// Every other spec id not already listed, newest first: chant's date ids (`2026-01-15-001-x7k`)
/// sort by date and sequence when compared as text, descending; other ids follow.
///
/// Only the items shown are built: past [`COMPLETION_ITEMS`] ids, the ones whose id holds what is
/// typed (ignoring case), in that order. The ids come from the sorted index, so a keystroke
/// costs a pass over the ids, never a sort or a lookup of each (titles are matched by the
/// editor among the items sent).
fn id_items(ws: &Workspace, spec: &Spec, edit: TextRange, listed: &[String], typed: &str) -> Vec<Completion> {
    let listed: std::collections::HashSet<&str> = listed.iter().map(String::as_str).collect();
    let sorted = ws.ids_sorted();
    let newest_first = || {
        let dated = sorted.iter().rev().filter(|id| is_date_id(id));
        dated.chain(sorted.iter().rev().filter(|id| !is_date_id(id))).map(String::as_str)
    };
    let offered = |id: &&str| *id != spec.id && !listed.contains(id);
    let mut ids: Vec<&str> = newest_first().filter(offered).take(COMPLETION_ITEMS + 1).collect();
    if ids.len() > COMPLETION_ITEMS {
        let typed = typed.trim_matches(['"', '\'', ' ']);
        let holds = |id: &&str| contains_ignoring_case(id, typed);
        ids = newest_first().filter(offered).filter(holds).take(COMPLETION_ITEMS).collect();
    }
    ids.into_iter()
        .filter_map(|id| {
            let target = ws.lookup(id)?;
            let title = target.title.as_ref().map_or("", |t| t.text.as_str());
            let status = target.scalar("status").map_or("pending", |(s, _)| s);
            let archived = if target.location == SpecLocation::Archived { " · archived" } else { "" };
            Some(Completion {
                detail: Some(format!("{status}{archived} · {title}")),
                filter_text: Some(format!("{id} {title}")),
                ..value(id, CompletionKind::SpecId, edit)
            })
        })
        .collect()
}

/// `haystack` holds `needle`, ASCII letters compared without case.
fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The entries of the folder typed so far (`src/` lists `src`), replacing only the last
/// segment. Never leaves the workspace: `..`, absolute paths and symlinks out are refused.
fn path_items(ws: &Workspace, field: &str, typed: &str, edit: TextRange) -> Vec<Completion> {
    let (dir, name) = typed.rsplit_once('/').map_or(("", typed), |(d, n)| (d, n));
    let edit = TextRange::new(edit.start as usize + typed.len() - name.len(), edit.end as usize);
    let mut out = Vec::new();
    if field == schema::INFORMED_BY && dir.is_empty() {
        out.extend(research_items(ws, edit));
    }
    if let Some(folder) = inside_folder(ws, dir) {
        out.extend(folder_items(ws, &folder, edit));
    }
    out
}

/// `root/dir` when `dir` is a relative path that stays inside the workspace.
fn inside_folder(ws: &Workspace, dir: &str) -> Option<std::path::PathBuf> {
    let rel = Path::new(dir);
    if !rel.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return None;
    }
    let folder = ws.root.join(rel);
    ws.contains_real(&folder).then_some(folder)
}

/// Research artifacts, offered first for `informed_by` with their full path.
fn research_items(ws: &Workspace, edit: TextRange) -> Vec<Completion> {
    let research = ws.chant_dir().join("research");
    let mut items = folder_items(ws, &research, edit);
    for item in &mut items {
        item.label = format!(".chant/research/{}", item.label);
        item.insert = item.label.clone();
    }
    items
}

/// Folders (ending in `/`, re-triggering) then files, each sorted by name.
fn folder_items(ws: &Workspace, folder: &Path, edit: TextRange) -> Vec<Completion> {
    let Ok(entries) = ws.fs.list(folder) else { return Vec::new() };
    let mut found: Vec<(bool, String)> = entries
        .iter()
        .filter_map(|e| Some((e.is_dir_in(&*ws.fs), e.name()?.to_string())))
        .filter(|(is_dir, name)| !(*is_dir && SKIPPED_DIRS.contains(&name.as_str())))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found
        .into_iter()
        .map(|(is_dir, name)| {
            if is_dir {
                let label = format!("{name}/");
                Completion { retrigger: true, ..value(&label, CompletionKind::Folder, edit) }
            } else {
                value(&name, CompletionKind::File, edit)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::{join_fixtures, trim_indent, with_cursor};
    use crate::ide::SpecFile;

    /// One line per item: label, kind, the replaced text and the details that are set.
    fn check(fixture: &str, expect: Expect) {
        let fx = with_cursor(fixture);
        let spec = fx.spec();
        let items = completions(&fx.ws, fx.position());
        let mut out = String::new();
        for item in items {
            let replaced = &spec.text[item.edit.as_usize()];
            out.push_str(&format!(
                "{} {:?} [{}..{} {replaced:?}]",
                item.label, item.kind, item.edit.start, item.edit.end
            ));
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
            &[count("---\ndepends_on: [$]\n---\n# T\n"), count("---\ndepends_on: [2026-01-03$]\n---\n# T\n")]
                .join("\n"),
        );
    }
}
