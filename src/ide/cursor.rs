//! What sits at a position of a spec: a spec id, a path, a prompt name, a key, an enum value,
//! a markdown link or the spec's own title. Every navigation feature starts here.

use crate::spec::schema::{self, FieldShape, ReferenceKind};
use crate::spec::Spec;
use crate::syntax::yaml::{NodeKind, YamlNode};
use crate::text::TextRange;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A spec id in an id field (`field`), or written in the body (`field` is `None`).
    SpecId { id: String, range: TextRange, field: Option<&'static str> },
    /// A path in a path field.
    Path { value: String, range: TextRange, field: &'static str },
    /// The `prompt:` value.
    Prompt { name: String, range: TextRange },
    /// A markdown link in the body: destination without its `#fragment`, and the fragment.
    Link { dest: String, fragment: Option<String>, range: TextRange },
    /// A frontmatter key (`approval.status` for nested keys).
    Key { name: String, range: TextRange },
    /// The value of an enum field.
    EnumValue { field: String, value: String, range: TextRange },
    /// The spec's own title line: the spec itself.
    Title { range: TextRange },
}

impl Target {
    pub fn range(&self) -> TextRange {
        match self {
            Target::SpecId { range, .. }
            | Target::Path { range, .. }
            | Target::Prompt { range, .. }
            | Target::Link { range, .. }
            | Target::Key { range, .. }
            | Target::EnumValue { range, .. }
            | Target::Title { range } => *range,
        }
    }
}

/// The target under `offset` (a cursor just after a word still counts).
pub fn target_at(ws: &Workspace, spec: &Spec, offset: usize) -> Option<Target> {
    if let Some(t) = frontmatter_targets(spec).into_iter().find(|t| t.range().touches(offset)) {
        return Some(t);
    }
    if let Some(title) = &spec.title {
        if title.line.touches(offset) && !title.in_code_block {
            return Some(Target::Title { range: title.line });
        }
    }
    if let Some(link) = link_targets(spec).into_iter().find(|t| t.range().touches(offset)) {
        return Some(link);
    }
    body_id_at(ws, spec, offset)
}

/// Every target of the frontmatter, in source order.
pub fn frontmatter_targets(spec: &Spec) -> Vec<Target> {
    let mut out = Vec::new();
    let Some(root) = &spec.yaml else { return out };
    for entry in root.entries() {
        let Some(key) = entry.key.as_scalar() else { continue };
        out.push(Target::Key { name: key.to_string(), range: entry.key.range });
        value_targets(key, &entry.value, &mut out);
        if key == "approval" {
            for inner in entry.value.entries() {
                let Some(inner_key) = inner.key.as_scalar() else { continue };
                let name = format!("approval.{inner_key}");
                out.push(Target::Key { name: name.clone(), range: inner.key.range });
                value_targets(&name, &inner.value, &mut out);
            }
        }
    }
    out
}

fn value_targets(key: &str, value: &YamlNode, out: &mut Vec<Target>) {
    let scalars = || value.scalar_items().into_iter().filter_map(|it| Some((it.as_scalar()?.to_string(), it.range)));
    match schema::field(key).map(|f| (f.reference, f.name)) {
        Some((ReferenceKind::SpecId, field)) => {
            out.extend(scalars().map(|(id, range)| Target::SpecId { id, range, field: Some(field) }));
        }
        Some((ReferenceKind::WorkspacePath | ReferenceKind::PathOrGlob, field)) => {
            out.extend(scalars().map(|(value, range)| Target::Path { value, range, field }));
        }
        Some((ReferenceKind::PromptName, _)) => {
            out.extend(scalars().map(|(name, range)| Target::Prompt { name, range }))
        }
        _ => enum_target(key, value, out),
    }
}

fn enum_target(key: &str, value: &YamlNode, out: &mut Vec<Target>) {
    if is_enum(key) {
        if let NodeKind::Scalar { value: v, .. } = &value.kind {
            if !value.is_null() {
                out.push(Target::EnumValue { field: key.to_string(), value: v.clone(), range: value.range });
            }
        }
    }
}

fn is_enum(key: &str) -> bool {
    schema::any_field(key).is_some_and(|f| matches!(f.shape, FieldShape::Enum(_)))
}

/// Markdown links of the body that point at local files (not URLs, not in-page anchors).
pub fn link_targets(spec: &Spec) -> Vec<Target> {
    spec.markdown()
        .links
        .iter()
        .filter(|l| crate::spec::info::is_local_link(&l.dest))
        .map(|l| {
            let (dest, fragment) = match l.dest.split_once('#') {
                Some((d, f)) => (d.to_string(), Some(f.to_string())),
                None => (l.dest.clone(), None),
            };
            Target::Link { dest, fragment, range: l.range }
        })
        .collect()
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')
}

/// The word under `offset` in the body, when it is the id of a known spec.
fn body_id_at(ws: &Workspace, spec: &Spec, offset: usize) -> Option<Target> {
    if offset < spec.body_start || offset > spec.text.len() || !spec.text.is_char_boundary(offset) {
        return None;
    }
    let text = &spec.text;
    let start =
        text[..offset].char_indices().rev().take_while(|(_, c)| is_id_char(*c)).last().map_or(offset, |(i, _)| i);
    let end = text[offset..].char_indices().find(|(_, c)| !is_id_char(*c)).map_or(text.len(), |(i, _)| offset + i);
    // Sentence punctuation is not part of an id: `see 005-fork-fix.` names `005-fork-fix`.
    let word = text[start..end].trim_end_matches(['.', ':']);
    if word.is_empty() || ws.lookup(word).is_none() {
        return None;
    }
    Some(Target::SpecId { id: word.to_string(), range: TextRange::new(start, start + word.len()), field: None })
}

/// Every known spec id written in the body, in one pass: each word is looked up once, so the
/// cost is the body's length whatever the number of distinct ids in it.
pub fn all_body_ids(ws: &Workspace, spec: &Spec) -> Vec<Target> {
    let mut out = Vec::new();
    let mut in_word = false;
    for (i, c) in spec.body().char_indices() {
        let starts_word = is_id_char(c) && !in_word;
        in_word = is_id_char(c);
        if starts_word {
            let at = spec.body_start + i;
            out.extend(body_id_at(ws, spec, at).filter(|t| t.range().start as usize == at));
        }
    }
    out
}

/// Every known spec id written in the body, outside code, for references and renames.
pub fn body_ids(ws: &Workspace, spec: &Spec, id: &str) -> Vec<TextRange> {
    let body = spec.body();
    memchr::memmem::find_iter(body.as_bytes(), id.as_bytes())
        .map(|at| spec.body_start + at)
        .filter(|&at| {
            let before = spec.text[..at].chars().next_back();
            let after = spec.text[at + id.len()..].chars().next();
            !before.is_some_and(is_id_char) && !after.is_some_and(|c| is_id_char(c) && !matches!(c, '.' | ':'))
        })
        .filter(|&at| body_id_at(ws, spec, at).is_some_and(|t| t.range().start as usize == at))
        .map(|at| TextRange::new(at, at + id.len()))
        .collect()
}
