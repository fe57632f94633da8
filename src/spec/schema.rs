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

/// The keys of the nested `approval` mapping, addressed as `approval.<key>`.
pub const APPROVAL_FIELDS: &[FieldInfo] = &[
    FieldInfo {
        name: "approval.required",
        shape: Bool,
        doc: "When `true`, `chant work` refuses the spec until it is approved. Default `false`.",
    },
    FieldInfo {
        name: "approval.status",
        shape: Enum(APPROVAL_STATUSES),
        doc: "Where the approval gate stands, written by `chant approve` / `chant reject`. Default `pending`.",
    },
    FieldInfo { name: "approval.by", shape: Text, doc: "Who approved or rejected the spec." },
    FieldInfo { name: "approval.at", shape: Text, doc: "When the spec was approved or rejected." },
];

/// A top-level key or an `approval.<key>`.
pub fn any_field(name: &str) -> Option<&'static FieldInfo> {
    field(name).or_else(|| APPROVAL_FIELDS.iter().find(|f| f.name == name))
}

/// What one value of an enum field means to chant (spec-format §3.2, §3.3).
pub fn value_doc(field: &str, value: &str) -> Option<&'static str> {
    let doc = match (field, value) {
        ("type", "code") => "The default kind: work that changes code. No special handling.",
        ("type", "task") => "General work; chant handles it exactly like `code`.",
        ("type", "driver") => {
            "Coordinates `members`: `chant work` runs the members as a chain; lint checks `members`; completed \
             automatically once every member is completed or cancelled. Same behaviour as `group`."
        }
        ("type", "group") => {
            "Written by `chant split`: depends on its `.N` members and is completed automatically once they all \
             are. Same behaviour as `driver`."
        }
        ("type", "documentation") => {
            "Documentation work: lint wants `tracks` and `target_files`; `chant work` picks the `documentation` \
             prompt when it exists."
        }
        ("type", "research") => {
            "Research work: lint wants `informed_by` or `origin`, and `target_files` for the findings."
        }
        ("status", "pending") => "Not started. The default; ready once every dependency is completed or cancelled.",
        ("status", "in_progress") => "An agent is working on it (`chant work` started it).",
        ("status", "paused") => "Work stopped for now; it can resume (in_progress) or be cancelled.",
        ("status", "completed") => "Done and finalized; it no longer blocks the specs that depend on it.",
        ("status", "failed") => "The last attempt failed; it can be retried (pending or in_progress).",
        ("status", "needs_attention") => "Work stopped and needs a human; then back to pending or in_progress.",
        ("status", "ready") => {
            "A computed state chant never writes: no command moves a spec to or from `ready`; use `pending`."
        }
        ("status", "blocked") => {
            "Waiting on dependencies (or an approval); chant also applies it in memory to pending specs with \
             unmet dependencies."
        }
        ("status", "cancelled") => "Abandoned; it no longer blocks the specs that depend on it.",
        ("verification_status", "passed") => "The last `chant verify` found every criterion met.",
        ("verification_status", "failed") => "The last `chant verify` found criteria not met.",
        ("verification_status", "partial") => "The last `chant verify` found some criteria met, some not.",
        ("approval.status", "pending") => "Waiting for a decision; with `required: true` the spec stays blocked.",
        ("approval.status", "approved") => "Approved: the gate is open and `chant work` may run it.",
        ("approval.status", "rejected") => "Rejected: `chant work` refuses to run it.",
        _ => return None,
    };
    Some(doc)
}
