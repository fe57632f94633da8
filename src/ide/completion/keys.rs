//! Key items: the top-level keys chant knows that the frontmatter lacks, and the keys of a
//! nested mapping (`approval:`), each a snippet shaped for its value.

use super::context::{owner_line, top_key, Line};
use super::item::{value, Completion, CompletionKind};
use crate::spec::schema::{self, FieldShape, ReferenceKind, FIELDS};
use crate::text::TextRange;

/// Keys chant knows that the frontmatter does not have yet, in chant's order.
pub(super) fn key_items(lines: &[Line], text: &str, edit: TextRange) -> Vec<Completion> {
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
pub(super) fn nested_key_items(lines: &[Line], text: &str, parent: &str, edit: TextRange) -> Vec<Completion> {
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

pub(super) fn key_snippet(name: &str, shape: FieldShape) -> String {
    match shape {
        FieldShape::List | FieldShape::OneOrList => format!("{name}:\n  - $1"),
        FieldShape::Map => format!("{name}:\n  $1"),
        _ => format!("{name}: $1"),
    }
}

pub(super) fn shape_detail(shape: FieldShape) -> String {
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
