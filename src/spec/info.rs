//! The compact summary of one spec that the workspace index keeps for every file: what other
//! specs, the graph rules and the cross-file features read (id, title, status, links with their
//! ranges, criteria counts, line positions), without the text or the syntax trees. The full
//! parse ([`Spec`]) is kept only for open documents and rebuilt from disk when a feature needs it.

use std::sync::{Arc, OnceLock};

use super::finding::Diagnostic as Finding;
use super::schema;
use super::{Spec, SpecLocation, Title, Unreadable};
use crate::syntax::typed::{ApprovalStatus, ChantFrontmatter, SpecStatus, SpecType, TypedError};
use crate::text::{LineIndex, TextRange};

/// What chant's loader concluded, reduced to what readiness and the graph ask of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub status: SpecStatus,
    pub spec_type: SpecType,
    /// `depends_on` as chant read it; `None` when the key is absent (which matters to chant's
    /// member rules).
    pub depends_on: Option<Box<[String]>>,
    /// An approval is required and not given.
    pub awaits_approval: bool,
}

impl Loaded {
    fn new(fm: &ChantFrontmatter) -> Loaded {
        Loaded {
            status: fm.status,
            spec_type: fm.spec_type,
            depends_on: fm.depends_on.as_ref().map(|d| d.clone().into_boxed_slice()),
            awaits_approval: fm.approval.as_ref().is_some_and(|a| a.required && a.status != ApprovalStatus::Approved),
        }
    }
}

/// One top-level frontmatter key: where it is, and whether it has a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    pub name: Box<str>,
    pub range: TextRange,
    pub has_value: bool,
}

/// One string of a kept field (a reference field, `status`, `type`, `model`, `prompt`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldItem {
    pub field: &'static str,
    pub value: Box<str>,
    pub range: TextRange,
    /// The value's own text inside `range`, which may include quotes: what a rename replaces.
    pub inner: TextRange,
    /// chant accepts the field's value (see [`Spec::rejects`]).
    pub accepted: bool,
}

/// The acceptance-criteria facts that other specs and the graph rules read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CriteriaCounts {
    pub heading: Option<TextRange>,
    pub items: u32,
    pub checked: u32,
    /// chant's `has_acceptance_criteria`: the section exists and holds a box.
    pub counted: bool,
}

#[derive(Debug)]
pub struct SpecInfo {
    pub id: String,
    pub location: SpecLocation,
    pub title: Option<Title>,
    // The two below are boxed: rare, and large beside the rest of a summary kept per spec.
    pub unreadable: Option<Box<Unreadable>>,
    pub verdict: Result<Loaded, Box<TypedError>>,
    status: Option<SpecStatus>,
    spec_type: Option<SpecType>,
    pub keys: Box<[KeyInfo]>,
    pub items: Box<[FieldItem]>,
    pub criteria: CriteriaCounts,
    pub n_words: u32,
    /// Where file-level findings go: the opening `---`, else the first line.
    pub header: TextRange,
    pub line_index: LineIndex,
    /// Words of the body shaped like ids (a hyphen and a digit), each with its range: the body
    /// mentions references and rename find.
    pub body_ids: Box<[(Box<str>, TextRange)]>,
    /// Local markdown links of the body (destination without the fragment, range).
    pub body_links: Box<[(Box<str>, TextRange)]>,
    /// The findings that depend on this file's text alone, computed while the text was parsed.
    local: OnceLock<Arc<[Finding]>>,
}

/// Fields whose strings the summary keeps besides the reference fields.
const KEPT_SCALARS: &[&str] = &["status", "type", "model", schema::PROMPT];

impl SpecInfo {
    /// Summarises a full parse. `local` is the text-only findings when the caller has them.
    pub fn new(spec: &Spec, local: Option<Vec<Finding>>) -> SpecInfo {
        let info = SpecInfo {
            id: spec.id.clone(),
            location: spec.location,
            title: spec.title.clone(),
            unreadable: spec.unreadable.clone().map(Box::new),
            verdict: spec.verdict.as_ref().map(Loaded::new).map_err(|e| Box::new(e.clone())),
            status: spec.status(),
            spec_type: spec.spec_type(),
            keys: keys(spec),
            items: items(spec),
            criteria: CriteriaCounts {
                heading: spec.criteria.heading,
                items: spec.criteria.items.len() as u32,
                checked: spec.criteria.n_checked() as u32,
                counted: spec.criteria.has_acceptance_criteria(&spec.text),
            },
            n_words: spec.n_words() as u32,
            header: header_range(spec),
            line_index: spec.owned_line_index(),
            body_ids: body_ids(spec),
            body_links: body_links(spec),
            local: OnceLock::new(),
        };
        if let Some(local) = local {
            let _ = info.local.set(local.into());
        }
        info
    }

    /// Parses `text` and keeps only the summary (tests and tools that build an index by hand).
    pub fn from_text(id: String, location: SpecLocation, text: String) -> SpecInfo {
        SpecInfo::new(&Spec::parse(id, location, text), None)
    }

    pub fn loads(&self) -> bool {
        self.verdict.is_ok()
    }

    pub fn status(&self) -> Option<SpecStatus> {
        self.status
    }

    pub fn spec_type(&self) -> Option<SpecType> {
        self.spec_type
    }

    /// The text-only findings, if they were computed.
    pub fn local_findings(&self) -> Option<&Arc<[Finding]>> {
        self.local.get()
    }

    /// Records the text-only findings (the first caller wins; they are a function of the text).
    pub fn set_local_findings(&self, found: Arc<[Finding]>) -> &Arc<[Finding]> {
        self.local.get_or_init(|| found)
    }

    /// `Spec::string_items` for a kept field.
    pub fn string_items(&self, field: &str) -> Vec<(&str, TextRange)> {
        self.items.iter().filter(|it| it.field == field).map(|it| (&*it.value, it.range)).collect()
    }

    /// `Spec::accepted_items` for a kept field.
    pub fn accepted_items(&self, field: &str) -> Vec<(&str, TextRange)> {
        self.items.iter().filter(|it| it.field == field && it.accepted).map(|it| (&*it.value, it.range)).collect()
    }

    /// `Spec::scalar` for `status`, `type`, `model` or `prompt`.
    pub fn scalar(&self, field: &str) -> Option<(&str, TextRange)> {
        debug_assert!(KEPT_SCALARS.contains(&field), "{field} is not kept as a scalar");
        self.items.iter().find(|it| it.field == field).map(|it| (&*it.value, it.range))
    }

    /// Where `value` is written inside the entry at `range` (past an opening quote); `range`
    /// itself when no such entry is kept.
    pub fn inner_range(&self, range: TextRange, value: &str) -> TextRange {
        let found = self.items.iter().find(|it| it.range == range && &*it.value == value);
        found.map_or(range, |it| it.inner)
    }

    /// The range of a top-level key, if present.
    pub fn key_range(&self, key: &str) -> Option<TextRange> {
        self.keys.iter().find(|k| &*k.name == key).map(|k| k.range)
    }

    /// The key is present with a non-null value.
    pub fn has_value(&self, key: &str) -> bool {
        self.keys.iter().any(|k| &*k.name == key && k.has_value)
    }

    /// Every id the spec names in an id field or writes in its body, each once.
    pub fn mentioned_ids(&self) -> Vec<&str> {
        let fields = self.items.iter().filter(|it| schema::id_fields().contains(&it.field)).map(|it| &*it.value);
        let mut out: Vec<&str> = fields.chain(self.body_ids.iter().map(|(id, _)| &**id)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn keys(spec: &Spec) -> Box<[KeyInfo]> {
    let Some(root) = &spec.yaml else { return Box::default() };
    root.entries()
        .iter()
        .filter_map(|e| {
            let name = e.key.as_scalar()?;
            Some(KeyInfo { name: name.into(), range: e.key.range, has_value: !e.value.is_null() })
        })
        .collect()
}

fn items(spec: &Spec) -> Box<[FieldItem]> {
    let fields = schema::id_fields().iter().chain(schema::path_fields()).chain(KEPT_SCALARS);
    let mut out = Vec::new();
    for &field in fields {
        if out.iter().any(|it: &FieldItem| it.field == field) {
            continue;
        }
        let accepted = !spec.rejects(field);
        if KEPT_SCALARS.contains(&field) {
            // Only a plain scalar value counts, as `Spec::scalar` reads it.
            if let Some((value, range)) = spec.scalar(field) {
                out.push(FieldItem { field, value: value.into(), range, inner: inner(spec, range, value), accepted });
            }
            continue;
        }
        for (value, range) in spec.string_items(field) {
            out.push(FieldItem { field, value: value.into(), range, inner: inner(spec, range, value), accepted });
        }
    }
    out.into_boxed_slice()
}

/// Where `value` is written inside its scalar's `range` (past an opening quote).
fn inner(spec: &Spec, range: TextRange, value: &str) -> TextRange {
    match spec.text[range.as_usize()].find(value) {
        Some(at) => TextRange::new(range.start as usize + at, range.start as usize + at + value.len()),
        None => range,
    }
}

fn header_range(spec: &Spec) -> TextRange {
    match &spec.split {
        Some(fm) => fm.open,
        None => {
            let index = spec.line_index();
            TextRange::new(index.line_start(0) as usize, index.line_end(0) as usize)
        }
    }
}

fn is_id_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':')
}

/// Every word of the body that can be a spec id worth finding: one holding a hyphen and a digit,
/// as chant's generated ids (`2026-01-15-001-x7k`) and the usual hand-made ones (`001-auth`)
/// do. Words are cut as the cursor cuts them, trailing sentence punctuation dropped. Keeping
/// every word would cost more than the text; these are about three per spec.
fn body_ids(spec: &Spec) -> Box<[(Box<str>, TextRange)]> {
    let body = spec.body();
    let bytes = body.as_bytes();
    let mut out: Vec<(Box<str>, TextRange)> = Vec::new();
    let mut next_free = 0;
    for hyphen in memchr::memchr_iter(b'-', bytes) {
        if hyphen < next_free {
            continue;
        }
        let start = bytes[..hyphen].iter().rposition(|&b| !is_id_char(b)).map_or(0, |i| i + 1);
        let end = bytes[hyphen..].iter().position(|&b| !is_id_char(b)).map_or(bytes.len(), |i| hyphen + i);
        next_free = end;
        let word = body[start..end].trim_end_matches(['.', ':']);
        if word.bytes().any(|b| b.is_ascii_digit()) && word.contains('-') {
            let range = TextRange::new(spec.body_start + start, spec.body_start + start + word.len());
            out.push((word.into(), range));
        }
    }
    out.into_boxed_slice()
}

/// The body's local markdown links; the markdown outline is built only when the body has
/// something that can be a link, a `](` or a `]:` (looked for in one pass over the `]`s).
fn body_links(spec: &Spec) -> Box<[(Box<str>, TextRange)]> {
    let body = spec.body().as_bytes();
    if !memchr::memchr_iter(b']', body).any(|at| matches!(body.get(at + 1), Some(b'(' | b':'))) {
        return Box::default();
    }
    spec.markdown()
        .links
        .iter()
        .filter(|l| is_local_link(&l.dest))
        .map(|l| (l.dest.split_once('#').map_or(l.dest.as_str(), |(d, _)| d).into(), l.range))
        .collect()
}

/// A link to a local file: not a URL, not an in-page anchor.
pub fn is_local_link(dest: &str) -> bool {
    !dest.is_empty() && !dest.starts_with('#') && !dest.contains("://") && !dest.starts_with("mailto:")
}
