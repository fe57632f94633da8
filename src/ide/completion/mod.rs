//! Completion in the frontmatter: spec ids, workspace paths (folder by folder), top-level keys,
//! enum values and prompt names.
//!
//! The cursor's context is read first (`context`), then the items it asks for are built:
//! `keys`, `values` (ids, prompt names, enum values) and `paths`.

mod context;
mod item;
mod keys;
mod paths;
#[cfg(test)]
mod tests;
mod values;

use context::{context_at, frontmatter_lines, Context};
pub use item::{Completion, CompletionKind};
use keys::{key_items, nested_key_items};
use values::value_items;

use super::limits::COMPLETION_ITEMS;
use super::FilePosition;
use crate::workspace::Workspace;

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
