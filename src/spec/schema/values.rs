//! What each value of chant's enum fields means (spec-format §3.2, §3.3), for hover.

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
