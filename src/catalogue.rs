//! The diagnostic catalogue (spec-format §12): stable codes and their default severities.
//!
//! Kept below the workspace layer because both the configuration readers (severity overrides
//! by code) and the rules in `ide::diagnostics` need it.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident;)*) => {
        /// Stable diagnostic codes, as published in `Diagnostic.code`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            #[allow(clippy::should_implement_trait)]
            pub fn from_str(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    UnreadableSpec = "unreadable-spec", Error;
    FrontmatterMissing = "frontmatter-missing", Warning;
    FrontmatterUnclosed = "frontmatter-unclosed", Error;
    FrontmatterSplit = "frontmatter-split", Warning;
    YamlSyntax = "yaml-syntax", Error;
    InvalidType = "invalid-type", Error;
    InvalidValue = "invalid-value", Error;
    DuplicateKey = "duplicate-key", Error;
    UnknownField = "unknown-field", Warning;
    FrontmatterComment = "frontmatter-comment", Warning;
    MissingTitle = "missing-title", Error;
    TitleInCodeBlock = "title-in-code-block", Warning;
    MissingRequiredField = "missing-required-field", Error;
    TypeFieldMissing = "type-field-missing", Warning;
    EmptyMembers = "empty-members", Warning;
    ApprovalInconsistent = "approval-inconsistent", Error;
    UnknownDependency = "unknown-dependency", Error;
    ArchivedDependency = "archived-dependency", Warning;
    CrossRepoDependency = "cross-repo-dependency", Information;
    SelfDependency = "self-dependency", Error;
    DependencyCycle = "dependency-cycle", Error;
    UnknownMember = "unknown-member", Error;
    BlockedBy = "blocked-by", Information;
    MissingFile = "missing-file", Warning;
    NoMatch = "no-match", Warning;
    PathOutsideWorkspace = "path-outside-workspace", Warning;
    UnknownPrompt = "unknown-prompt", Warning;
    SpecIdInBody = "spec-id-in-body", Warning;
    Complexity = "complexity", Warning;
    ModelWaste = "model-waste", Warning;
    UncheckedCriterion = "unchecked-criterion", Warning;
    InvisibleCriteria = "invisible-criteria", Warning;
    NoAcceptanceCriteria = "no-acceptance-criteria", Information;
    EmptyCriterion = "empty-criterion", Warning;
}
