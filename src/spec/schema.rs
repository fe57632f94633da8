//! What chant knows about frontmatter keys: their shapes, allowed values and meaning. Used by
//! diagnostics now and by hover and completion later.

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

#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    pub name: &'static str,
    pub shape: FieldShape,
    pub doc: &'static str,
}

pub const TYPES: &[&str] = &["code", "task", "driver", "documentation", "research", "group"];
pub const STATUSES: &[&str] =
    &["pending", "in_progress", "paused", "completed", "failed", "needs_attention", "ready", "blocked", "cancelled"];
pub const VERIFICATION_STATUSES: &[&str] = &["passed", "failed", "partial"];
pub const APPROVAL_STATUSES: &[&str] = &["pending", "approved", "rejected"];

use FieldShape::*;

/// Every key of chant's `SpecFrontmatter`, in chant's serialization order.
pub const FIELDS: &[FieldInfo] = &[
    FieldInfo {
        name: "type",
        shape: Enum(TYPES),
        doc: "What kind of work the spec is; decides which lint rules apply. Default `code`.",
    },
    FieldInfo {
        name: "status",
        shape: Enum(STATUSES),
        doc: "Lifecycle state, written by chant's commands. Default `pending`.",
    },
    FieldInfo {
        name: "depends_on",
        shape: OneOrList,
        doc: "Spec ids (file stems) that must be `completed` before this spec is ready. Compared by exact string.",
    },
    FieldInfo { name: "labels", shape: List, doc: "Free-text labels for filtering (`chant list --label`)." },
    FieldInfo { name: "target_files", shape: List, doc: "Files the work produces or changes." },
    FieldInfo { name: "context", shape: List, doc: "Files whose contents are injected into the prompt as context." },
    FieldInfo { name: "prompt", shape: Text, doc: "Prompt name: the stem of `.chant/prompts/<name>.md`." },
    FieldInfo { name: "branch", shape: Text, doc: "Git branch of the work, set by `chant work`." },
    FieldInfo { name: "commits", shape: List, doc: "Commit hashes recorded when the spec is finalized." },
    FieldInfo { name: "completed_at", shape: Text, doc: "UTC completion time, `YYYY-MM-DDTHH:MM:SSZ`." },
    FieldInfo {
        name: "model",
        shape: Text,
        doc: "Model that did the work; names containing opus/sonnet/haiku are normalized.",
    },
    FieldInfo { name: "tracks", shape: List, doc: "Paths or globs a documentation spec keeps in sync (drift input)." },
    FieldInfo {
        name: "informed_by",
        shape: List,
        doc: "Research artifacts and files the work builds on (drift input).",
    },
    FieldInfo { name: "origin", shape: List, doc: "Source files a research spec analyses (drift input)." },
    FieldInfo {
        name: "schedule",
        shape: Text,
        doc: "Free-form schedule of a recurring research spec (only exported).",
    },
    FieldInfo { name: "source_branch", shape: Text, doc: "Conflict specs: the branch being merged." },
    FieldInfo { name: "target_branch", shape: Text, doc: "Conflict specs: the branch merged into." },
    FieldInfo { name: "conflicting_files", shape: List, doc: "Conflict specs: files in conflict." },
    FieldInfo { name: "blocked_specs", shape: List, doc: "Conflict specs: spec ids blocked by the conflict." },
    FieldInfo { name: "original_spec", shape: Text, doc: "Conflict specs: the spec whose merge conflicted." },
    FieldInfo { name: "last_verified", shape: Text, doc: "RFC 3339 time of the last `chant verify`." },
    FieldInfo {
        name: "verification_status",
        shape: Enum(VERIFICATION_STATUSES),
        doc: "Result of the last `chant verify`.",
    },
    FieldInfo { name: "verification_failures", shape: List, doc: "Criteria that failed verification, with notes." },
    FieldInfo { name: "replayed_at", shape: Text, doc: "When the spec was last replayed." },
    FieldInfo { name: "replay_count", shape: Int, doc: "How often the spec was replayed (an integer)." },
    FieldInfo { name: "original_completed_at", shape: Text, doc: "Completion time before a replay." },
    FieldInfo { name: "derived_fields", shape: List, doc: "Names of fields filled by enterprise derivation." },
    FieldInfo {
        name: "approval",
        shape: Map,
        doc: "Approval gate: `required`, `status` (pending/approved/rejected), `by`, `at`.",
    },
    FieldInfo { name: "members", shape: List, doc: "Member spec ids of a driver or group spec." },
    FieldInfo { name: "output_schema", shape: Text, doc: "Path to a JSON Schema the agent's output must satisfy." },
    FieldInfo {
        name: "public",
        shape: Bool,
        doc: "`false` hides the spec from `chant site`; only `true`/`false` are accepted.",
    },
    FieldInfo {
        name: "retry_state",
        shape: Map,
        doc: "Watch-mode retry bookkeeping: `attempts`, `last_retry_time`, `next_retry_time`.",
    },
];

pub fn field(name: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.name == name)
}

/// Keys seen in real specs that chant ignores, with the key they were probably meant to be.
pub const KNOWN_UNKNOWN: &[(&str, Option<&str>)] = &[
    ("commit", Some("commits")),
    ("pr", None),
    ("id", None),
    ("title", None),
    ("created", None),
    ("driver", Some("members")),
    ("parent", None),
    ("cancelled_reason", None),
    ("superseded_by", None),
    ("needs_approval", Some("approval")),
    ("amendments", None),
    ("dependencies", Some("depends_on")),
    ("depends", Some("depends_on")),
    ("tags", Some("labels")),
];

/// Fields whose values are workspace paths that must exist (`target_files` only once completed).
pub const PATH_FIELDS: &[&str] = &["informed_by", "context", "origin", "output_schema", "target_files"];

/// Fields `enterprise.required` can name and chant's `has_frontmatter_field` can see.
pub fn visible_to_required_check(name: &str) -> bool {
    !matches!(name, "derived_fields" | "public" | "retry_state") && field(name).is_some()
}
