//! Hover: a summary of the spec an id names, a preview of the file a path names, and what a
//! frontmatter key or enum value means to chant. Returns markdown and the hovered byte range.

mod preview;
#[cfg(test)]
mod tests;

use std::path::Path;

use super::cursor::{target_at, Target};
use super::FilePosition;
use crate::spec::info::SpecInfo;
use crate::spec::schema::{self, FieldInfo, FieldShape};
use crate::spec::{Spec, SpecLocation};
use crate::text::TextRange;
use crate::workspace::readiness::{readiness, Blocker, DepState, Readiness};
use crate::workspace::{Resolution, Workspace};
pub use preview::{format_utc, ArtifactSpecs, FilePreview};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    pub range: TextRange,
    pub markdown: String,
}

const PARAGRAPH_CHARS: usize = 500;

/// The hover at the cursor.
pub fn hover(ws: &Workspace, at: FilePosition) -> Option<HoverResult> {
    let FilePosition { path, spec, offset } = at;
    let target = target_at(ws, spec, offset)?;
    let markdown = match &target {
        Target::SpecId { id, .. } => id_hover(ws, id),
        Target::Title { .. } => spec_card(ws, ws.spec(path)?, path),
        Target::Path { value, .. } => preview::path_hover(ws, Path::new(""), value),
        Target::Link { dest, .. } => preview::link_hover(ws, path, dest),
        Target::Prompt { name, .. } => preview::path_hover(ws, Path::new(""), &format!(".chant/prompts/{name}.md")),
        Target::Key { name, .. } => key_hover(name),
        Target::EnumValue { field, value, .. } => value_hover(field, value),
    };
    Some(HoverResult { range: target.range(), markdown })
}

// ---- spec ids -------------------------------------------------------------------------------

fn id_hover(ws: &Workspace, id: &str) -> String {
    if let Resolution::CrossRepo { repo, id: inner } = ws.resolve(id) {
        return format!("`{inner}` in repository `{repo}`: chant does not resolve cross-repository ids here");
    }
    match (ws.lookup(id), ws.lookup_path(id)) {
        (Some(spec), Some(path)) => spec_card(ws, spec, path),
        _ => format!("no spec with id `{id}`"),
    }
}

/// Title, state, progress, location, readiness (what blocks it) and opening paragraph of a spec.
fn spec_card(ws: &Workspace, spec: &SpecInfo, path: &Path) -> String {
    let mut out = match &spec.title {
        Some(title) => format!("**{}**\n\n", title.text),
        None => format!("**{}** (no title)\n\n", spec.id),
    };
    let criteria = match spec.criteria.items {
        0 => "no acceptance criteria".to_string(),
        n => format!("criteria {}/{n}", spec.criteria.checked),
    };
    out.push_str(&format!(
        "`{}` · {} · {} · {criteria} · {} `{}`",
        spec.id,
        status_name(spec),
        type_name(spec),
        location_name(spec.location),
        rel_display(ws, path)
    ));
    if !spec.loads() {
        out.push_str("\n\n⚠ chant cannot load this spec");
    }
    match readiness(ws, spec) {
        Readiness::Ready => out.push_str("\n\nReady: chant would start it now"),
        Readiness::Blocked(blockers) => {
            let reasons: Vec<String> = blockers.iter().map(blocker_text).collect();
            out.push_str(&format!("\n\nBlocked by: {}", reasons.join(", ")));
        }
        Readiness::NotWaiting(_) | Readiness::NotLoaded => {}
    }
    // The summary has no text: the paragraph is read from the file (or the open document).
    if let Some(paragraph) = ws.source(path).and_then(|source| first_paragraph(&source)) {
        out.push_str("\n\n---\n\n");
        out.push_str(&paragraph);
    }
    out
}

/// The status as chant reads it; a value chant rejects is shown as written.
pub fn status_name(spec: &SpecInfo) -> String {
    match spec.status() {
        Some(status) => snake_case(&format!("{status:?}")),
        None => format!("{} (invalid)", spec.scalar("status").map_or("", |(s, _)| s)),
    }
}

pub fn type_name(spec: &SpecInfo) -> String {
    match spec.spec_type() {
        Some(ty) => snake_case(&format!("{ty:?}")),
        None => format!("{} (invalid)", spec.scalar("type").map_or("", |(s, _)| s)),
    }
}

/// `InProgress` → `in_progress`: chant's serde names of its enum variants.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn location_name(location: SpecLocation) -> &'static str {
    match location {
        SpecLocation::Active => "active",
        SpecLocation::Nested => "nested",
        SpecLocation::Archived => "archived",
    }
}

fn rel_display(ws: &Workspace, path: &Path) -> String {
    preview::slash_path(path.strip_prefix(&ws.root).unwrap_or(path))
}

/// One reason the spec waits, in chant's terms.
pub fn blocker_text(blocker: &Blocker) -> String {
    let state = |state: &DepState| match state {
        DepState::Status(status) => snake_case(&format!("{status:?}")),
        DepState::Archived => "archived: chant counts it as missing".to_string(),
        DepState::Unloadable => "chant cannot load it".to_string(),
        DepState::Unread => "not read: too large or binary".to_string(),
        DepState::Missing => "not found".to_string(),
    };
    match blocker {
        Blocker::Dependency { id, state: s } => format!("`{id}` ({})", state(s)),
        Blocker::DriverDependency { driver, id, state: s } => format!("`{id}` ({}, via driver `{driver}`)", state(s)),
        Blocker::Approval => "approval (required, not yet approved)".to_string(),
        Blocker::PriorSibling { id, status } => {
            format!("`{id}` (prior sibling, {})", snake_case(&format!("{status:?}")))
        }
        Blocker::Member { id, status } => format!("`{id}` (member, {})", snake_case(&format!("{status:?}"))),
    }
}

/// The first paragraph of prose after the title, skipping headings and code fences.
fn first_paragraph(spec: &Spec) -> Option<String> {
    let from = spec.title.as_ref().map_or(spec.body_start, |t| t.line.end as usize);
    let mut lines: Vec<&str> = Vec::new();
    for line in spec.body_lines() {
        if (line.range.start as usize) < from {
            continue;
        }
        let content = spec.text[line.range.as_usize()].trim();
        let breaks = line.in_fence || content.is_empty() || content.starts_with('#');
        if breaks && !lines.is_empty() {
            break;
        }
        if !breaks {
            lines.push(content);
        }
    }
    if lines.is_empty() {
        return None;
    }
    let text = lines.join("\n");
    Some(match text.char_indices().nth(PARAGRAPH_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    })
}

// ---- keys and values ------------------------------------------------------------------------

fn key_hover(name: &str) -> String {
    match schema::any_field(name) {
        Some(info) => format!("**`{}`** · {}\n\n{}", info.name, shape_text(info), info.doc),
        None => {
            let hint = schema::KNOWN_UNKNOWN.iter().find(|(k, _)| *k == name).and_then(|(_, s)| *s);
            let hint = hint.map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            format!("`{name}`: chant ignores this key{hint}")
        }
    }
}

fn shape_text(info: &FieldInfo) -> String {
    match info.shape {
        FieldShape::Text => "string".to_string(),
        FieldShape::List => "list of strings".to_string(),
        FieldShape::OneOrList => "a string or a list of strings".to_string(),
        FieldShape::Enum(values) => {
            format!("one of {}", values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "))
        }
        FieldShape::Bool => "`true` or `false`".to_string(),
        FieldShape::Int => "integer".to_string(),
        FieldShape::Map => "mapping".to_string(),
    }
}

fn value_hover(field: &str, value: &str) -> String {
    if let Some(doc) = schema::value_doc(field, value) {
        return format!("**`{field}: {value}`**\n\n{doc}");
    }
    match schema::any_field(field) {
        Some(info) => format!("`{value}` is not a valid `{field}`: {}", shape_text(info)),
        None => format!("`{value}` is not a valid `{field}`"),
    }
}
