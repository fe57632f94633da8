//! chant's typed frontmatter, deserialized with the same serde_yaml release chant uses, so that
//! every accept/reject decision matches chant's exactly (spec-format §3.1).
//!
//! serde_yaml stops at the first error and keeps no spans, so when the whole block is rejected
//! each top-level entry is re-checked alone (the others blanked out, offsets unchanged) to find
//! every offending value and its exact location.

use serde::{Deserialize, Deserializer, Serialize};

use crate::syntax::yaml::YamlNode;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecType {
    #[default]
    Code,
    Task,
    Driver,
    Documentation,
    Research,
    Group,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecStatus {
    #[default]
    Pending,
    InProgress,
    Paused,
    Completed,
    Failed,
    NeedsAttention,
    Ready,
    Blocked,
    Cancelled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    Passed,
    Failed,
    Partial,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatus {
    #[default]
    Pending,
    Approved,
    Rejected,
}

/// How each variant is spelled in the frontmatter, in declaration order: the one list of
/// spellings. The fast typed path reads values with it, the schema's value lists are its names
/// ([`names`]), and a test holds serde's `snake_case` spelling of each enum equal to it.
pub const SPEC_TYPES: [(&str, SpecType); 6] = [
    ("code", SpecType::Code),
    ("task", SpecType::Task),
    ("driver", SpecType::Driver),
    ("documentation", SpecType::Documentation),
    ("research", SpecType::Research),
    ("group", SpecType::Group),
];

pub const SPEC_STATUSES: [(&str, SpecStatus); 9] = [
    ("pending", SpecStatus::Pending),
    ("in_progress", SpecStatus::InProgress),
    ("paused", SpecStatus::Paused),
    ("completed", SpecStatus::Completed),
    ("failed", SpecStatus::Failed),
    ("needs_attention", SpecStatus::NeedsAttention),
    ("ready", SpecStatus::Ready),
    ("blocked", SpecStatus::Blocked),
    ("cancelled", SpecStatus::Cancelled),
];

pub const VERIFICATION_STATUSES: [(&str, VerificationStatus); 3] = [
    ("passed", VerificationStatus::Passed),
    ("failed", VerificationStatus::Failed),
    ("partial", VerificationStatus::Partial),
];

pub const APPROVAL_STATUSES: [(&str, ApprovalStatus); 3] = [
    ("pending", ApprovalStatus::Pending),
    ("approved", ApprovalStatus::Approved),
    ("rejected", ApprovalStatus::Rejected),
];

/// The spellings of a variant table, for the schema's `Enum` value lists.
pub const fn names<T: Copy, const N: usize>(variants: [(&'static str, T); N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = variants[i].0;
        i += 1;
    }
    out
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Approval {
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub status: ApprovalStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RetryState {
    pub attempts: usize,
    pub last_retry_time: u64,
    pub next_retry_time: u64,
}

/// The shape chant deserializes; fields chant does not know are ignored, as chant ignores them.
/// Serialized, it gives the bytes chant's `Spec::save` writes: the same fields in the same order,
/// `None` left out, through the same serde_yaml release.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ChantFrontmatter {
    #[serde(default, rename = "type")]
    pub spec_type: SpecType,
    #[serde(default)]
    pub status: SpecStatus,
    #[serde(default, deserialize_with = "scalar_or_list", skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_files: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commits: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracks: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub informed_by: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_branch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_branch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicting_files: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_specs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_spec: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_verified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_status: Option<VerificationStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_failures: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replayed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_completed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived_fields: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_schema: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_state: Option<RetryState>,
}

/// `depends_on` alone accepts one string as well as a list (an untagged enum, as in chant).
fn scalar_or_list<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(Option::<OneOrMany>::deserialize(de)?.map(|it| match it {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    }))
}

/// serde_yaml's verdict, with the message stripped of its path prefix and location suffix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedError {
    /// Byte offset into the file, when serde_yaml knows one.
    pub offset: Option<usize>,
    /// The field path serde reports (`type`, `labels[1]`, `approval.status`), if any.
    pub path: Option<String>,
    pub message: String,
}

/// Deserializes `yaml` (which starts at byte `base` of the file) exactly as chant does.
pub fn deserialize(yaml: &str, base: usize) -> Result<ChantFrontmatter, TypedError> {
    serde_yaml::from_str::<ChantFrontmatter>(yaml).map_err(|err| to_typed_error(&err, base))
}

fn to_typed_error(err: &serde_yaml::Error, base: usize) -> TypedError {
    let offset = err.location().map(|loc| base + loc.index());
    // Positions are reported as ranges instead, so drop serde_yaml's own `at line L column C`.
    static AT_LINE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r" at line \d+ column \d+").expect("valid regex"));
    let text = AT_LINE.replace_all(&err.to_string(), "").into_owned();
    // serde_yaml prefixes the message with the path of the failing value: `labels[1]: invalid …`.
    let (path, message) = match text.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (Some(path.to_string()), rest.to_string()),
        _ => (None, text),
    };
    TypedError { offset, path, message }
}

/// Re-checks each top-level entry of `root` alone and returns the errors chant would hit.
pub fn field_errors(yaml: &str, base: usize, root: &YamlNode) -> Vec<TypedError> {
    let entries = root.entries();
    let mut errors = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let start = line_start(yaml, entry.key.range.start as usize - base);
        let end = entries.get(i + 1).map_or(yaml.len(), |next| line_start(yaml, next.key.range.start as usize - base));
        let isolated = blank_outside(yaml, start, end);
        if let Err(err) = deserialize(&isolated, base) {
            errors.push(err);
        }
    }
    errors
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Replaces every byte outside `start..end` with a space, keeping line breaks, so that offsets
/// and line numbers inside the kept part are unchanged.
fn blank_outside(text: &str, start: usize, end: usize) -> String {
    let bytes: Vec<u8> = text
        .bytes()
        .enumerate()
        .map(|(i, b)| if (start..end).contains(&i) || b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    // Whole characters are either kept or turned into spaces, so the bytes stay valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml;

    #[test]
    fn matches_chant_on_known_traps() {
        assert!(deserialize("depends_on: [001]\nmodel: 4\n", 0).is_ok());
        assert!(deserialize("depends_on: one\n", 0).is_ok());
        assert_eq!(
            deserialize("labels: auth\n", 0).unwrap_err().message,
            "invalid type: string \"auth\", expected a sequence"
        );
        assert!(deserialize("public: yes\n", 0).is_err());
        assert!(deserialize("replay_count: \"2\"\n", 0).is_err());
        assert!(deserialize("status: ok\nstatus: ok\n", 0).is_err());
    }

    #[test]
    fn every_bad_field_is_found() {
        let src = "type: docs\nlabels: x\nstatus: pending\napproval:\n  status: done\n";
        let (root, _) = yaml::parse(src, 4);
        let errors = field_errors(src, 4, &root.unwrap());
        let found: Vec<_> = errors.iter().map(|e| (e.offset, e.path.clone().unwrap_or_default())).collect();
        assert_eq!(
            found,
            vec![(Some(10), "type".into()), (Some(23), "labels".into()), (Some(61), "approval.status".into())]
        );
    }
}
