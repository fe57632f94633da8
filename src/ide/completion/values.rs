//! Value items, by what the field refers to: spec ids (newest first, bounded), paths, prompt
//! names, or the values of an enum or a boolean.

use super::item::{value, Completion, CompletionKind};
use super::paths::path_items;
use crate::ide::limits::COMPLETION_ITEMS;
use crate::spec::id::is_date_id;
use crate::spec::schema::{self, FieldShape, ReferenceKind};
use crate::spec::{Spec, SpecLocation};
use crate::text::TextRange;
use crate::workspace::Workspace;

pub(super) fn value_items(
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

pub(super) fn enum_values(field: &str) -> &'static [&'static str] {
    match schema::any_field(field).map(|f| f.shape) {
        Some(FieldShape::Enum(values)) => values,
        Some(FieldShape::Bool) => &["true", "false"],
        _ => &[],
    }
}

/// Every other spec id not already listed, newest first: chant's date ids (`2026-01-15-001-x7k`)
/// sort by date and sequence when compared as text, descending; other ids follow.
///
/// Only the items shown are built: past [`COMPLETION_ITEMS`] ids, the ones whose id holds what is
/// typed (ignoring case), in that order. The ids come from the sorted index, so a keystroke
/// costs a pass over the ids, never a sort or a lookup of each (titles are matched by the
/// editor among the items sent).
pub(super) fn id_items(
    ws: &Workspace,
    spec: &Spec,
    edit: TextRange,
    listed: &[String],
    typed: &str,
) -> Vec<Completion> {
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
pub(super) fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}
