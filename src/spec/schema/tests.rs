//! Holds the schema to chant's own struct: the serde types in `syntax::typed` mirror chant's
//! `SpecFrontmatter`, so their field and variant lists must equal the schema's tables.

use serde::de::{self, Deserialize, Visitor};

use super::*;
use crate::syntax::typed::{Approval, RetryState};
use crate::syntax::typed::{ApprovalStatus, ChantFrontmatter, SpecStatus, VerificationStatus};

/// A deserializer that answers nothing and reports the names serde asks for: a struct's field
/// list or an enum's variant list, as derive(Deserialize) generated them.
struct NamesOf;

#[derive(Debug)]
struct Names(Vec<&'static str>);

impl std::fmt::Display for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for Names {}

impl de::Error for Names {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Names(Vec::new())
    }
}

impl<'de> de::Deserializer<'de> for NamesOf {
    type Error = Names;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Names> {
        Err(Names(Vec::new()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Names> {
        Err(Names(fields.to_vec()))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Names> {
        Err(Names(variants.to_vec()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

fn names_of<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
    match T::deserialize(NamesOf) {
        Err(Names(names)) => names,
        Ok(_) => Vec::new(),
    }
}

fn suffixes(fields: &[FieldInfo]) -> Vec<&'static str> {
    fields.iter().map(nested_key).collect()
}

#[test]
fn the_typed_struct_has_exactly_the_schema_fields() {
    let schema: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(names_of::<ChantFrontmatter>(), schema);
    assert_eq!(names_of::<Approval>(), suffixes(APPROVAL_FIELDS));
    assert_eq!(names_of::<RetryState>(), suffixes(RETRY_STATE_FIELDS));
}

#[test]
fn the_typed_enums_have_exactly_the_schema_values() {
    assert_eq!(names_of::<SpecType>(), TYPES);
    assert_eq!(names_of::<SpecStatus>(), STATUSES);
    assert_eq!(names_of::<VerificationStatus>(), VERIFICATION_STATUSES);
    assert_eq!(names_of::<ApprovalStatus>(), APPROVAL_STATUSES);
    let spelled: Vec<&str> = [SpecType::Code, SpecType::Documentation, SpecType::Group].map(type_name).to_vec();
    assert_eq!(spelled, ["code", "documentation", "group"]);
}

#[test]
fn reference_kinds() {
    assert_eq!(id_fields(), [DEPENDS_ON, BLOCKED_SPECS, ORIGINAL_SPEC, MEMBERS]);
    assert_eq!(path_fields(), [TARGET_FILES, CONTEXT, TRACKS, INFORMED_BY, ORIGIN, OUTPUT_SCHEMA]);
    assert_eq!(reference_kind(PROMPT), ReferenceKind::PromptName);
    assert_eq!(reference_kind(TRACKS), ReferenceKind::PathOrGlob);
    assert_eq!(reference_kind("labels"), ReferenceKind::None);
    assert_eq!(reference_kind("no_such_key"), ReferenceKind::None);
    assert_eq!(field(TARGET_FILES).map(|f| f.must_exist), Some(MustExist::OnceCompleted));
    assert_eq!(field(CONTEXT).map(|f| f.must_exist), Some(MustExist::Always));
}

#[test]
fn globs_and_derived_entries() {
    let globs: Vec<bool> = ["src/*.rs", "a?.md", "[ab].md", "docs/guide.md", ""].map(is_glob).to_vec();
    assert_eq!(globs, [true, true, true, false, false]);
    assert!(is_derived_entry(CONTEXT, "derived_team=core"));
    assert!(!is_derived_entry(CONTEXT, "derived_notes.md"));
    assert!(!is_derived_entry(INFORMED_BY, "derived_team=core"));
}

#[test]
fn type_wants_and_required_visibility() {
    let wanting = |name| wanted_by(name).map(type_name).collect::<Vec<_>>();
    assert_eq!(wanting(TARGET_FILES), ["documentation", "research"]);
    assert_eq!(wanting(ORIGIN), ["research"]);
    assert_eq!(wanting(DEPENDS_ON), Vec::<&str>::new());
    let hidden: Vec<&str> = FIELDS.iter().filter(|f| !visible_to_required_check(f.name)).map(|f| f.name).collect();
    assert_eq!(hidden, ["derived_fields", "public", "retry_state"]);
    assert!(!visible_to_required_check("team"));
}
