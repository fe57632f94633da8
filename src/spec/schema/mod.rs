//! The one definition of chant's frontmatter keys: shape, meaning, what an entry refers to (a
//! spec id, a workspace path, a glob, a prompt), when a path must exist, which spec types want
//! the key, and whether `enterprise.required` can see it. Rules, navigation, completion and
//! hover all ask here instead of keeping their own lists.

mod field;
mod fields;
mod values;

use std::sync::LazyLock;

use crate::syntax::typed::SpecType;

pub use field::names::*;
pub use field::{FieldInfo, FieldShape, MustExist, ReferenceKind};
pub use fields::{
    APPROVAL_FIELDS, APPROVAL_STATUSES, FIELDS, RETRY_STATE_FIELDS, STATUSES, TYPES, VERIFICATION_STATUSES,
};
pub use values::value_doc;

/// The key of a nested field without its parent: `approval.status` is `status`.
pub fn nested_key(field: &FieldInfo) -> &'static str {
    field.name.split_once('.').map_or(field.name, |(_, key)| key)
}

/// Whether chant's struct for the mapping under `parent` needs every key (`retry_state` has no
/// defaults; `approval` defaults `required` and `status` and makes `by` and `at` optional).
pub fn nested_keys_required(parent: &str) -> bool {
    parent == "retry_state"
}

/// A top-level key of chant's frontmatter.
pub fn field(name: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.name == name)
}

/// A top-level key, an `approval.<key>` or a `retry_state.<key>`.
pub fn any_field(name: &str) -> Option<&'static FieldInfo> {
    field(name).or_else(|| APPROVAL_FIELDS.iter().chain(RETRY_STATE_FIELDS).find(|f| f.name == name))
}

/// The keys of the nested mapping under `parent` (`approval`, `retry_state`), if it has one.
pub fn nested_fields(parent: &str) -> &'static [FieldInfo] {
    match parent {
        "approval" => APPROVAL_FIELDS,
        "retry_state" => RETRY_STATE_FIELDS,
        _ => &[],
    }
}

/// What the entries of `name` refer to (`None` for unknown keys).
pub fn reference_kind(name: &str) -> ReferenceKind {
    field(name).map_or(ReferenceKind::None, |f| f.reference)
}

fn names_where(keep: fn(&FieldInfo) -> bool) -> Vec<&'static str> {
    FIELDS.iter().filter(|f| keep(f)).map(|f| f.name).collect()
}

/// Keys whose entries are spec ids, in chant's order.
pub static ID_FIELDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| names_where(|f| f.reference == ReferenceKind::SpecId));
/// Keys whose entries are workspace paths (globs allowed where the kind says so), in chant's order.
pub static PATH_FIELDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| names_where(FieldInfo::is_path));

pub fn id_fields() -> &'static [&'static str] {
    &ID_FIELDS
}

pub fn path_fields() -> &'static [&'static str] {
    &PATH_FIELDS
}

/// Whether a path entry is a glob pattern rather than one path: the one test, shared by the
/// rules, navigation and the file door's walker so they never disagree on what a glob is.
pub fn is_glob(value: &str) -> bool {
    value.contains(['*', '?', '['])
}

/// Enterprise derivation appends `derived_<key>=<value>` strings to `context`: data, not paths.
pub fn is_derived_entry(field: &str, value: &str) -> bool {
    field == CONTEXT && value.starts_with("derived_") && value.contains('=')
}

/// Whether `enterprise.required` can name `name` (chant's `has_frontmatter_field` sees it).
pub fn visible_to_required_check(name: &str) -> bool {
    field(name).is_some_and(|f| f.required_check_sees)
}

/// A key chant lint's `type` rules want on a spec of one type: one of `any_of` must be present.
#[derive(Clone, Copy, Debug)]
pub struct TypeWant {
    pub spec_type: SpecType,
    pub any_of: &'static [&'static str],
    /// Why the key matters for this type, as the diagnostic says it.
    pub why: &'static str,
}

/// chant lint's `type` rules (spec-format §lint), in the order chant checks them.
pub const TYPE_WANTS: &[TypeWant] = &[
    TypeWant {
        spec_type: SpecType::Documentation,
        any_of: &[TRACKS],
        why: "list the source files this documentation follows, so drift can be detected",
    },
    TypeWant {
        spec_type: SpecType::Documentation,
        any_of: &[TARGET_FILES],
        why: "list the documentation files the work writes",
    },
    TypeWant {
        spec_type: SpecType::Research,
        any_of: &[INFORMED_BY, ORIGIN],
        why: "name the material the research starts from",
    },
    TypeWant {
        spec_type: SpecType::Research,
        any_of: &[TARGET_FILES],
        why: "name the file the findings are written to",
    },
];

/// The spec types whose lint wants `name` (alone or as one of alternatives).
pub fn wanted_by(name: &str) -> impl Iterator<Item = SpecType> + '_ {
    TYPE_WANTS.iter().filter(move |w| w.any_of.contains(&name)).map(|w| w.spec_type)
}

/// The `type:` spelling of a spec type.
pub fn type_name(spec_type: SpecType) -> &'static str {
    // TYPES lists the variants in declaration order; a test below holds the two together.
    TYPES[spec_type as usize]
}

/// Keys seen in real specs that chant ignores, with the key they were probably meant to be.
pub const KNOWN_UNKNOWN: &[(&str, Option<&str>)] = &[
    ("commit", Some("commits")),
    ("pr", None),
    ("id", None),
    ("title", None),
    ("created", None),
    ("driver", Some(MEMBERS)),
    ("parent", None),
    ("cancelled_reason", None),
    ("superseded_by", None),
    ("needs_approval", Some("approval")),
    ("amendments", None),
    ("dependencies", Some(DEPENDS_ON)),
    ("depends", Some(DEPENDS_ON)),
    ("tags", Some("labels")),
];

#[cfg(test)]
mod tests;
