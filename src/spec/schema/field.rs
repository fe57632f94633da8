//! What the schema says about one key: its YAML shape, what its entries refer to, when a path
//! must exist, and the key names code reads. The table of keys (`fields.rs`) is built from these.

/// The names of the keys whose entries refer to something, for code that reads one of them.
/// Code outside `spec/` spells these through the constants (a tidy test keeps it so).
pub mod names {
    pub const DEPENDS_ON: &str = "depends_on";
    pub const MEMBERS: &str = "members";
    pub const ORIGINAL_SPEC: &str = "original_spec";
    pub const BLOCKED_SPECS: &str = "blocked_specs";
    pub const TARGET_FILES: &str = "target_files";
    pub const CONTEXT: &str = "context";
    pub const INFORMED_BY: &str = "informed_by";
    pub const ORIGIN: &str = "origin";
    pub const OUTPUT_SCHEMA: &str = "output_schema";
    pub const TRACKS: &str = "tracks";
    pub const PROMPT: &str = "prompt";
}

/// The YAML shape chant's struct expects for a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldShape {
    /// A plain string (any scalar text is accepted).
    Text,
    /// A list of strings (a lone scalar is rejected).
    List,
    /// `depends_on`: a string or a list of strings.
    OneOrList,
    Enum(&'static [&'static str]),
    Bool,
    Int,
    /// A nested mapping (`approval`, `retry_state`).
    Map,
}

/// What each entry of a key names, which decides navigation, completion and the path rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    None,
    /// A spec id (a file stem, or `repo:id`).
    SpecId,
    /// A path relative to the workspace root (a glob in it is still checked, never expanded).
    WorkspacePath,
    /// A path or a glob; navigation expands the glob, and a match-nothing glob is `no-match`.
    PathOrGlob,
    /// The stem of a file in `.chant/prompts/`.
    PromptName,
}

/// When a path entry that names nothing is a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MustExist {
    /// Always: the spec reads it.
    Always,
    /// Only once the spec is `completed`: before that the work has not produced it yet.
    OnceCompleted,
}

#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    pub name: &'static str,
    pub shape: FieldShape,
    pub doc: &'static str,
    pub reference: ReferenceKind,
    /// Meaningful for path kinds only.
    pub must_exist: MustExist,
    /// Whether `enterprise.required` can name it: chant's `has_frontmatter_field` skips a few keys.
    pub required_check_sees: bool,
}

/// A plain key: refers to nothing, visible to `enterprise.required`.
pub(super) const fn key(name: &'static str, shape: FieldShape, doc: &'static str) -> FieldInfo {
    FieldInfo {
        name,
        shape,
        doc,
        reference: ReferenceKind::None,
        must_exist: MustExist::Always,
        required_check_sees: true,
    }
}

impl FieldInfo {
    pub(super) const fn refers_to(self, reference: ReferenceKind) -> FieldInfo {
        FieldInfo { reference, ..self }
    }

    pub(super) const fn must_exist(self, must_exist: MustExist) -> FieldInfo {
        FieldInfo { must_exist, ..self }
    }

    pub(super) const fn hidden_from_required_check(self) -> FieldInfo {
        FieldInfo { required_check_sees: false, ..self }
    }

    pub fn is_path(&self) -> bool {
        matches!(self.reference, ReferenceKind::WorkspacePath | ReferenceKind::PathOrGlob)
    }
}
