//! The quick fix of each diagnostic code that has an obvious repair.
//!
//! The rules own their suggestions and hand them over in `Diagnostic::hint`, so a fix never
//! offers something its diagnostic did not, and never depends on a message's wording.

use std::path::Path;

use super::{column, eol, full_line, Edit, Fix, NewFile};
use crate::ide::diagnostics::{Code, Diagnostic, Hint};
use crate::spec::criteria::{marker_rename, MARKER};
use crate::spec::id::nearest;
use crate::spec::schema::{self, is_glob, FieldShape, DEPENDS_ON, PROMPT};
use crate::spec::Spec;
use crate::syntax::yaml::{NodeKind, YamlEntry, YamlNode};
use crate::text::TextRange;
use crate::workspace::Workspace;

pub(super) fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    // Frontmatter edits need the tree; with a YAML error its spans cannot be trusted.
    let yaml_ok = spec.yaml_error.is_none() && spec.split.as_ref().is_some_and(|fm| fm.close.is_some());
    match d.code {
        Code::FrontmatterMissing => frontmatter(spec, index),
        Code::InvisibleCriteria => rename_heading(spec, d, index),
        Code::SpecIdInBody if yaml_ok => add_dependency(ws, spec, d, index),
        _ if !yaml_ok => Vec::new(),
        Code::InvalidValue | Code::UnknownDependency | Code::UnknownMember => {
            let original = &spec.text[d.range.as_usize()];
            suggested(d)
                .into_iter()
                .map(|s| {
                    let edit = Edit { range: d.range, new_text: requote(original, s) };
                    Fix::edit(format!("Change to `{s}`"), index, vec![edit])
                })
                .collect()
        }
        Code::UnknownField => unknown_field(spec, d, index),
        Code::SelfDependency => remove_item(spec, d, index),
        Code::MissingFile => missing_file(ws, spec, d, index),
        Code::UnknownPrompt => prompts(ws, spec, d, index),
        Code::TypeFieldMissing | Code::MissingRequiredField => insert_key(ws, spec, d, index),
        _ => Vec::new(),
    }
}

/// The replacement values the rule suggested, best first.
fn suggested(d: &Diagnostic) -> Vec<&str> {
    match &d.hint {
        Hint::Replace(values) => values.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `new` in the quotes `original` was written with, so the file keeps its style.
fn requote(original: &str, new: &str) -> String {
    for q in ['"', '\''] {
        if original.len() >= 2 && original.starts_with(q) && original.ends_with(q) {
            return format!("{q}{new}{q}");
        }
    }
    new.to_string()
}

fn frontmatter(spec: &Spec, index: usize) -> Vec<Fix> {
    let nl = eol(&spec.text);
    let block = format!("---{nl}type: code{nl}status: pending{nl}---{nl}");
    vec![Fix::edit("Add a frontmatter block", index, vec![Edit { range: TextRange::empty(0), new_text: block }])]
}

/// The entry whose key sits at `key`, anywhere in the tree, with the mapping holding it.
fn find_entry(node: &YamlNode, key: TextRange) -> Option<(&YamlNode, &YamlEntry)> {
    match &node.kind {
        NodeKind::Map { entries, .. } => {
            entries.iter().find_map(|e| if e.key.range == key { Some((node, e)) } else { find_entry(&e.value, key) })
        }
        NodeKind::Seq { items, .. } => items.iter().find_map(|it| find_entry(it, key)),
        _ => None,
    }
}

/// The whole lines an entry spans, terminators included: what removing it deletes.
fn entry_lines(text: &str, entry: &YamlEntry) -> TextRange {
    let end = entry.value.range.end.max(entry.key.range.end) as usize;
    let first = full_line(text, entry.key.range.start as usize);
    let last = full_line(text, end.saturating_sub(1).max(entry.key.range.start as usize));
    TextRange::new(first.start as usize, last.end as usize)
}

fn unknown_field(spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let Some(root) = &spec.yaml else { return Vec::new() };
    let Some((map, entry)) = find_entry(root, d.range) else { return Vec::new() };
    let text = spec.text.as_str();
    let key = &text[d.range.as_usize()];
    let remove = Edit { range: entry_lines(text, entry), new_text: String::new() };
    let mut out = Vec::new();
    if let Some(target) = suggested(d).first().copied() {
        match map.get(target) {
            None if !fits(target, &entry.value) => {}
            None => {
                let mut edits = vec![Edit { range: d.range, new_text: target.to_string() }];
                // `commit: abc` → `commits: [abc]`: chant rejects a lone string for a list key.
                let is_list = schema::field(target).is_some_and(|f| f.shape == FieldShape::List);
                if is_list && entry.value.as_scalar().is_some() && !entry.value.is_null() {
                    let old = &text[entry.value.range.as_usize()];
                    edits.push(Edit { range: entry.value.range, new_text: format!("[{old}]") });
                }
                out.push(Fix::edit(format!("Rename `{key}` to `{target}`"), index, edits));
            }
            Some(existing) => {
                // `commit: abc` next to `commits: [...]`: the value joins the list chant reads.
                let items: Vec<&str> = entry.value.scalar_items().iter().map(|it| &text[it.range.as_usize()]).collect();
                if let (false, Some(mut edits)) = (items.is_empty(), append_items(text, existing, &items)) {
                    edits.push(remove.clone());
                    edits.sort_by_key(|e| e.range.start);
                    out.push(Fix::edit(format!("Merge `{key}` into `{target}`"), index, edits));
                }
            }
        }
    }
    let mut removal = Fix::edit(format!("Remove `{key}`"), index, vec![remove]);
    removal.deletes = true;
    out.push(removal);
    out
}

/// Whether `value` keeps its meaning under the key `target` (a lone string is wrapped in a
/// list); `needs_approval: true` does not become an `approval` mapping.
fn fits(target: &str, value: &YamlNode) -> bool {
    let Some(field) = schema::field(target) else { return true };
    match (&value.kind, field.shape) {
        (NodeKind::Map { .. }, FieldShape::Map) => true,
        (_, FieldShape::Map) | (NodeKind::Map { .. }, _) => false,
        (NodeKind::Seq { .. }, FieldShape::List | FieldShape::OneOrList) => true,
        (NodeKind::Seq { .. }, _) => false,
        _ => true,
    }
}

/// Edits adding `items` (source text) at the end of the list `seq`, in the list's own style.
fn append_items(text: &str, seq: &YamlNode, items: &[&str]) -> Option<Vec<Edit>> {
    let NodeKind::Seq { flow, items: existing } = &seq.kind else { return None };
    if *flow {
        let close = seq.range.end as usize - 1;
        let (at, sep) = match existing.last() {
            Some(last) => (last.range.end as usize, ", "),
            None => (close, ""),
        };
        let new_text = format!("{sep}{}", items.join(", "));
        return Some(vec![Edit { range: TextRange::empty(at), new_text }]);
    }
    let last = existing.last()?;
    let prefix = dash_prefix(text, last.range.start as usize)?;
    let nl = eol(text);
    let new_text: String = items.iter().map(|it| format!("{nl}{prefix}- {it}")).collect();
    Some(vec![Edit { range: TextRange::empty(last.range.end as usize), new_text }])
}

/// The indentation before the `-` of the block list item starting at `item_start`.
fn dash_prefix(text: &str, item_start: usize) -> Option<&str> {
    let dash = text[..item_start].rfind('-')?;
    let line_start = text[..dash].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..dash];
    prefix.chars().all(|c| c == ' ').then_some(prefix)
}

fn remove_item(spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let Some(node) = spec.field(DEPENDS_ON) else { return Vec::new() };
    let text = spec.text.as_str();
    let entry = &text[d.range.as_usize()];
    let range = match &node.kind {
        // The only entry: an empty `depends_on:` would be noise, so the key goes with it.
        NodeKind::Seq { flow: false, items } if items.len() == 1 => {
            let root = spec.yaml.as_ref().map(|r| r.entries()).unwrap_or_default();
            match root.iter().find(|e| e.key.as_scalar() == Some(DEPENDS_ON)) {
                Some(entry) => entry_lines(text, entry),
                None => return Vec::new(),
            }
        }
        NodeKind::Seq { flow: false, .. } => full_line(text, d.range.start as usize),
        NodeKind::Seq { flow: true, items } => {
            let Some(i) = items.iter().position(|it| it.range == d.range) else { return Vec::new() };
            match (i.checked_sub(1).map(|p| &items[p]), items.get(i + 1)) {
                (_, Some(next)) => TextRange::new(d.range.start as usize, next.range.start as usize),
                (Some(prev), None) => TextRange::new(prev.range.end as usize, d.range.end as usize),
                (None, None) => d.range,
            }
        }
        _ => {
            let edit = Edit { range: d.range, new_text: "[]".to_string() };
            let mut fix = Fix::edit(format!("Remove `{entry}` from `depends_on`"), index, vec![edit]);
            fix.deletes = true;
            return vec![fix];
        }
    };
    let mut fix =
        Fix::edit(format!("Remove `{entry}` from `depends_on`"), index, vec![Edit { range, new_text: String::new() }]);
    fix.deletes = true;
    vec![fix]
}

/// `issue-42_sprawl.md` → `Issue 42 sprawl`.
fn heading_from(value: &str) -> String {
    let stem = Path::new(value).file_stem().and_then(|s| s.to_str()).unwrap_or(value);
    let words: Vec<&str> = stem.split(['-', '_', ' ', '.']).filter(|w| !w.is_empty()).collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => joined,
    }
}

fn missing_file(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let original = &spec.text[d.range.as_usize()];
    let value = original.trim_matches(['"', '\'']);
    if is_glob(value) {
        return Vec::new();
    }
    let full = ws.root.join(value);
    let mut out = Vec::new();
    let initial = if value.ends_with(".md") { format!("# {}\n", heading_from(value)) } else { String::new() };
    out.push(Fix {
        creates: vec![NewFile { path: full.clone(), text: initial }],
        ..Fix::edit(format!("Create `{value}`"), index, Vec::new())
    });
    // The closest name in the folder the path points into: a typo or a renamed file.
    let (Some(parent), Some(name)) = (full.parent(), full.file_name().and_then(|n| n.to_str())) else {
        return out;
    };
    let siblings: Vec<String> = ws
        .fs
        .list(parent)
        .map(|dir| dir.iter().filter_map(|e| e.name().map(str::to_string)).collect())
        .unwrap_or_default();
    let names: Vec<&str> = siblings.iter().map(String::as_str).collect();
    // Only a path that ends in the file name can have that name swapped (not `dir/`, `a/.`).
    if !value.ends_with(name) {
        return out;
    }
    if let Some(close) = nearest(name, &names).filter(|c| *c != name) {
        let replaced = format!("{}{close}", &value[..value.len() - name.len()]);
        let edit = Edit { range: d.range, new_text: requote(original, &replaced) };
        out.push(Fix::edit(format!("Change to `{replaced}`"), index, vec![edit]));
    }
    out
}

fn prompts(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let original = &spec.text[d.range.as_usize()];
    let mut names: Vec<&str> = ws.prompts.iter().map(String::as_str).collect();
    names.sort_unstable();
    // The rule's own guess first, then the rest alphabetically.
    if let Some(best) = suggested(d).first() {
        if let Some(at) = names.iter().position(|n| n == best) {
            let best = names.remove(at);
            names.insert(0, best);
        }
    }
    names
        .into_iter()
        .take(12)
        .map(|name| {
            let edit = Edit { range: d.range, new_text: requote(original, name) };
            Fix::edit(format!("Change prompt to `{name}`"), index, vec![edit])
        })
        .collect()
}

fn rename_heading(spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    // A shadowed `## Acceptance Criteria` has the right name already: it needs merging, which
    // is the user's call.
    if d.hint != Hint::RenameHeading {
        return Vec::new();
    }
    // Only the last marker counts: next to a counted section with boxes, a renamed heading
    // would hide one of the two lists. An empty counted section above it is harmless.
    let counted_above = spec.criteria.section.is_none_or(|s| s.end <= d.range.start);
    if !spec.criteria.items.is_empty() || !counted_above {
        return Vec::new();
    }
    let line = full_line(&spec.text, d.range.start as usize);
    let content = spec.text[line.as_usize()].trim_end_matches(['\n', '\r']);
    let content = TextRange::new(line.start as usize, line.start as usize + content.len());
    let Some(edit) = marker_rename(&spec.text, content) else { return Vec::new() };
    vec![Fix::edit(format!("Rename the heading to `{MARKER}`"), index, vec![edit])]
}

/// A value that satisfies the presence check without inventing content for the user.
fn placeholder(ws: &Workspace, key: &str) -> Option<String> {
    let shape = schema::field(key).map(|f| f.shape)?;
    Some(match shape {
        FieldShape::List | FieldShape::OneOrList => "[]".to_string(),
        FieldShape::Enum(values) => values.first()?.to_string(),
        FieldShape::Bool => "false".to_string(),
        FieldShape::Int => "0".to_string(),
        FieldShape::Map => return None,
        // A prompt must name an existing file, or the fix trades one warning for another.
        FieldShape::Text if key == PROMPT => {
            let mut names: Vec<&String> = ws.prompts.iter().collect();
            names.sort_unstable();
            match names.iter().find(|n| n.as_str() == "standard").or(names.first()) {
                Some(name) => name.to_string(),
                None => return None,
            }
        }
        FieldShape::Text => "TODO".to_string(),
    })
}

fn insert_key(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    // No hint for an unsatisfiable `enterprise.required` entry: that is fixed in the config.
    let (Hint::MissingKey(key), Some(fm)) = (&d.hint, &spec.split) else { return Vec::new() };
    let key = key.as_str();
    let Some(value) = placeholder(ws, key) else { return Vec::new() };
    let text = spec.text.as_str();
    let title = format!("Add `{key}: {value}`");
    let present = spec.yaml.as_ref().and_then(|root| root.entries().iter().find(|e| e.key.as_scalar() == Some(key)));
    let edit = match present {
        // `prompt:` with nothing after it: fill the value in rather than repeating the key.
        Some(entry) => {
            let line = full_line(text, entry.key.range.start as usize);
            let content_end = line.start as usize + text[line.as_usize()].trim_end_matches(['\n', '\r']).len();
            Edit { range: TextRange::new(entry.key.range.end as usize, content_end), new_text: format!(": {value}") }
        }
        None => {
            Edit { range: TextRange::empty(fm.yaml.end as usize), new_text: format!("{key}: {value}{}", eol(text)) }
        }
    };
    vec![Fix::edit(title, index, vec![edit])]
}

/// The indentation of block list items relative to their key in this file (`""` or `"  "`).
fn list_indent(spec: &Spec) -> String {
    let text = spec.text.as_str();
    let root = spec.yaml.as_ref();
    root.into_iter()
        .flat_map(|r| r.entries())
        .find_map(|e| match &e.value.kind {
            NodeKind::Seq { flow: false, items } => {
                let prefix = dash_prefix(text, items.first()?.range.start as usize)?;
                Some(" ".repeat(prefix.len().saturating_sub(column(text, e.key.range.start as usize))))
            }
            _ => None,
        })
        .unwrap_or_default()
}

fn add_dependency(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    if d.hint != Hint::AddDependency {
        return Vec::new();
    }
    let id = &spec.text[d.range.as_usize()];
    // Naming an id no spec has would only trade this warning for `unknown-dependency`.
    if ws.lookup(id).is_none() || spec.string_items(DEPENDS_ON).iter().any(|(e, _)| *e == id) {
        return Vec::new();
    }
    let (Some(fm), text) = (&spec.split, spec.text.as_str()) else { return Vec::new() };
    let nl = eol(text);
    let title = format!("Add `{id}` to `depends_on` (chant lint still warns while the id is in the text)");
    let present =
        spec.yaml.as_ref().and_then(|root| root.entries().iter().find(|e| e.key.as_scalar() == Some(DEPENDS_ON)));
    let edits = match present {
        None => {
            let new_text = format!("depends_on:{nl}{}- {id}{nl}", list_indent(spec));
            vec![Edit { range: TextRange::empty(fm.yaml.end as usize), new_text }]
        }
        Some(entry) if entry.value.is_null() => {
            let line = full_line(text, entry.key.range.start as usize);
            let content_end = line.start as usize + text[line.as_usize()].trim_end_matches(['\n', '\r']).len();
            let indent = " ".repeat(column(text, entry.key.range.start as usize)) + &list_indent(spec);
            let new_text = format!(":{nl}{indent}- {id}");
            vec![Edit { range: TextRange::new(entry.key.range.end as usize, content_end), new_text }]
        }
        Some(entry) => match &entry.value.kind {
            NodeKind::Seq { .. } => match append_items(text, &entry.value, &[id]) {
                Some(edits) => edits,
                None => return Vec::new(),
            },
            NodeKind::Scalar { .. } => {
                let old = &text[entry.value.range.as_usize()];
                vec![Edit { range: entry.value.range, new_text: format!("[{old}, {id}]") }]
            }
            _ => return Vec::new(),
        },
    };
    // chant's scheduler now waits for that spec: right when the text depends on it, but the
    // author's call.
    vec![Fix { changes_meaning: true, ..Fix::edit(title, index, edits) }]
}
