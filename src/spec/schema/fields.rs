//! The table of chant's frontmatter keys: every fact about one key sits in its one entry.
//! Adding a field means adding an entry here; the rules and features read it from the table.

use super::field::FieldShape::*;
use super::field::MustExist::OnceCompleted;
use super::field::ReferenceKind::{PathOrGlob, PromptName, SpecId, WorkspacePath};
use super::field::{key as f, names::*, FieldInfo};
use crate::syntax::typed;

// The value lists are the spellings of the typed enums (`syntax::typed`), defined there once.
pub const TYPES: &[&str] = &typed::names(typed::SPEC_TYPES);
pub const STATUSES: &[&str] = &typed::names(typed::SPEC_STATUSES);
pub const VERIFICATION_STATUSES: &[&str] = &typed::names(typed::VERIFICATION_STATUSES);
pub const APPROVAL_STATUSES: &[&str] = &typed::names(typed::APPROVAL_STATUSES);

/// Every key of chant's `SpecFrontmatter`, in chant's serialization order.
pub const FIELDS: &[FieldInfo] = &[
    f("type", Enum(TYPES), "What kind of work the spec is; decides which lint rules apply. Default `code`."),
    f("status", Enum(STATUSES), "Lifecycle state, written by chant's commands. Default `pending`."),
    f(
        DEPENDS_ON,
        OneOrList,
        "Spec ids (file stems) that must be `completed` before this spec is ready. Compared by exact string.",
    )
    .refers_to(SpecId),
    f("labels", List, "Free-text labels for filtering (`chant list --label`)."),
    f(TARGET_FILES, List, "Files the work produces or changes.").refers_to(WorkspacePath).must_exist(OnceCompleted),
    f(CONTEXT, List, "Files whose contents are injected into the prompt as context.").refers_to(WorkspacePath),
    f(PROMPT, Text, "Prompt name: the stem of `.chant/prompts/<name>.md`.").refers_to(PromptName),
    f("branch", Text, "Git branch of the work, set by `chant work`."),
    f("commits", List, "Commit hashes recorded when the spec is finalized."),
    f("completed_at", Text, "UTC completion time, `YYYY-MM-DDTHH:MM:SSZ`."),
    f("model", Text, "Model that did the work; names containing opus/sonnet/haiku are normalized."),
    f(TRACKS, List, "Paths or globs a documentation spec keeps in sync (drift input).").refers_to(PathOrGlob),
    f(INFORMED_BY, List, "Research artifacts and files the work builds on (drift input).").refers_to(WorkspacePath),
    f(ORIGIN, List, "Source files a research spec analyses (drift input).").refers_to(WorkspacePath),
    f("schedule", Text, "Free-form schedule of a recurring research spec (only exported)."),
    f("source_branch", Text, "Conflict specs: the branch being merged."),
    f("target_branch", Text, "Conflict specs: the branch merged into."),
    // Paths, but chant writes them itself and nothing reads them back: no reference kind, so no
    // existence check on a conflict spec written long ago.
    f("conflicting_files", List, "Conflict specs: files in conflict."),
    f(BLOCKED_SPECS, List, "Conflict specs: spec ids blocked by the conflict.").refers_to(SpecId),
    f(ORIGINAL_SPEC, Text, "Conflict specs: the spec whose merge conflicted.").refers_to(SpecId),
    f("last_verified", Text, "RFC 3339 time of the last `chant verify`."),
    f("verification_status", Enum(VERIFICATION_STATUSES), "Result of the last `chant verify`."),
    f("verification_failures", List, "Criteria that failed verification, with notes."),
    f("replayed_at", Text, "When the spec was last replayed."),
    f("replay_count", Int, "How often the spec was replayed (an integer)."),
    f("original_completed_at", Text, "Completion time before a replay."),
    f("derived_fields", List, "Names of fields filled by enterprise derivation.").hidden_from_required_check(),
    f("approval", Map, "Approval gate: `required`, `status` (pending/approved/rejected), `by`, `at`."),
    f(MEMBERS, List, "Member spec ids of a driver or group spec.").refers_to(SpecId),
    f(OUTPUT_SCHEMA, Text, "Path to a JSON Schema the agent's output must satisfy.").refers_to(WorkspacePath),
    f("public", Bool, "`false` hides the spec from `chant site`; only `true`/`false` are accepted.")
        .hidden_from_required_check(),
    f("retry_state", Map, "Watch-mode retry bookkeeping: `attempts`, `last_retry_time`, `next_retry_time`.")
        .hidden_from_required_check(),
];

/// The keys of the nested `approval` mapping, addressed as `approval.<key>`.
pub const APPROVAL_FIELDS: &[FieldInfo] = &[
    f("approval.required", Bool, "When `true`, `chant work` refuses the spec until it is approved. Default `false`."),
    f(
        "approval.status",
        Enum(APPROVAL_STATUSES),
        "Where the approval gate stands, written by `chant approve` / `chant reject`. Default `pending`.",
    ),
    f("approval.by", Text, "Who approved or rejected the spec."),
    f("approval.at", Text, "When the spec was approved or rejected."),
];

/// The keys of the nested `retry_state` mapping (all three are required by chant's struct).
pub const RETRY_STATE_FIELDS: &[FieldInfo] = &[
    f("retry_state.attempts", Int, "Retries so far (an integer)."),
    f("retry_state.last_retry_time", Int, "When the last retry ran."),
    f("retry_state.next_retry_time", Int, "When the next retry is due."),
];
