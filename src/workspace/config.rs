//! `.chant/config.md` as far as the checks need it, and chant-lsp's own `.chant/lsp.yaml`
//! (per-code severities shared by `check` and every editor).
//!
//! chant reads its config leniently: when the file is missing or does not parse, defaults are
//! used and the enterprise checks are skipped (spec-format §5); we do the same.

use std::collections::HashMap;

use serde::Deserialize;
use serde_yaml::Value;

use crate::catalogue::{Code, Severity};
use crate::syntax::frontmatter::{chant_split, ChantSplit};

#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    pub complexity_criteria: u64,
    pub complexity_files: u64,
    pub complexity_words: u64,
    pub simple_criteria: u64,
    pub simple_files: u64,
    pub simple_words: u64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            complexity_criteria: 10,
            complexity_files: 5,
            complexity_words: 150,
            simple_criteria: 1,
            simple_files: 1,
            simple_words: 3,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Repo {
    pub name: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChantConfig {
    pub thresholds: Thresholds,
    /// chant only ever consults `complexity_words` here; default `[complexity_words]`.
    pub lint_disable: Vec<String>,
    /// `None` when chant would skip the enterprise checks (config missing or invalid).
    pub enterprise_required: Option<Vec<String>>,
    pub default_prompt: Option<String>,
    pub repos: Vec<Repo>,
}

impl Default for ChantConfig {
    fn default() -> ChantConfig {
        ChantConfig {
            thresholds: Thresholds::default(),
            lint_disable: vec!["complexity_words".to_string()],
            enterprise_required: None,
            default_prompt: None,
            repos: Vec::new(),
        }
    }
}

impl ChantConfig {
    pub fn words_rule_enabled(&self) -> bool {
        !self.lint_disable.iter().any(|d| d == "complexity_words")
    }

    /// Reads the frontmatter of `.chant/config.md` text; never fails.
    pub fn parse(text: &str) -> ChantConfig {
        let ChantSplit::Frontmatter { yaml, .. } = chant_split(text) else {
            return ChantConfig::default();
        };
        let Ok(root) = serde_yaml::from_str::<Value>(&text[yaml.as_usize()]) else {
            return ChantConfig::default();
        };
        let mut config = ChantConfig { enterprise_required: Some(Vec::new()), ..ChantConfig::default() };
        if let Some(lint) = root.get("lint") {
            // Setting `lint:` replaces the whole section, so a missing `disable` re-defaults it.
            if let Some(thresholds) = lint.get("thresholds") {
                read_thresholds(thresholds, &mut config.thresholds);
            }
            if let Some(disable) = lint.get("disable") {
                config.lint_disable = strings(disable);
            }
        }
        if let Some(required) = root.get("enterprise").and_then(|e| e.get("required")) {
            config.enterprise_required = Some(strings(required));
        }
        config.default_prompt =
            root.get("defaults").and_then(|d| d.get("prompt")).and_then(Value::as_str).map(str::to_string);
        if let Some(Value::Sequence(repos)) = root.get("repos") {
            config.repos = repos
                .iter()
                .filter_map(|r| {
                    Some(Repo {
                        name: r.get("name")?.as_str()?.to_string(),
                        path: r.get("path")?.as_str()?.to_string(),
                    })
                })
                .collect();
        }
        config
    }
}

fn read_thresholds(node: &Value, acc: &mut Thresholds) {
    let get = |key: &str, default: u64| node.get(key).and_then(Value::as_u64).unwrap_or(default);
    *acc = Thresholds {
        complexity_criteria: get("complexity_criteria", acc.complexity_criteria),
        complexity_files: get("complexity_files", acc.complexity_files),
        complexity_words: get("complexity_words", acc.complexity_words),
        simple_criteria: get("simple_criteria", acc.simple_criteria),
        simple_files: get("simple_files", acc.simple_files),
        simple_words: get("simple_words", acc.simple_words),
    };
}

fn strings(node: &Value) -> Vec<String> {
    match node {
        Value::Sequence(items) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Value::String(one) => vec![one.clone()],
        _ => Vec::new(),
    }
}

/// A severity setting: a level, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeveritySetting {
    Error,
    Warning,
    #[serde(alias = "info")]
    Information,
    Hint,
    Off,
}

impl SeveritySetting {
    pub fn to_severity(self) -> Option<Severity> {
        match self {
            SeveritySetting::Error => Some(Severity::Error),
            SeveritySetting::Warning => Some(Severity::Warning),
            SeveritySetting::Information => Some(Severity::Information),
            SeveritySetting::Hint => Some(Severity::Hint),
            SeveritySetting::Off => None,
        }
    }
}

/// Per-code severity overrides; later layers (editor settings) win over earlier ones (the file).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeverityOverrides {
    pub by_code: HashMap<Code, SeveritySetting>,
}

impl SeverityOverrides {
    /// Reads `{ "<code>": "error" | "warning" | "information" | "hint" | "off" }`; unknown codes and
    /// values are returned as problems so they can be logged rather than silently ignored.
    pub fn from_map(map: &HashMap<String, String>) -> (SeverityOverrides, Vec<String>) {
        let mut res = SeverityOverrides::default();
        let mut problems = Vec::new();
        for (code, level) in map {
            let Some(code_enum) = Code::from_str(code) else {
                problems.push(format!("unknown diagnostic code `{code}`"));
                continue;
            };
            match serde_yaml::from_str::<SeveritySetting>(level) {
                Ok(setting) => {
                    res.by_code.insert(code_enum, setting);
                }
                Err(_) => {
                    problems.push(format!("`{code}`: `{level}` is not one of error, warning, information, hint, off"))
                }
            }
        }
        (res, problems)
    }

    pub fn merged(&self, over: &SeverityOverrides) -> SeverityOverrides {
        let mut by_code = self.by_code.clone();
        by_code.extend(over.by_code.iter().map(|(k, v)| (*k, *v)));
        SeverityOverrides { by_code }
    }

    /// `Some(None)` means switched off.
    pub fn get(&self, code: Code) -> Option<Option<Severity>> {
        self.by_code.get(&code).map(|s| s.to_severity())
    }
}

/// The repository file `.chant/lsp.yaml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LspFile {
    pub severity: HashMap<String, String>,
}

impl LspFile {
    pub fn parse(text: &str) -> Result<LspFile, String> {
        if text.trim().is_empty() {
            return Ok(LspFile::default());
        }
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_section_replaces_defaults() {
        let config = ChantConfig::parse(
            "---\nlint:\n  thresholds:\n    complexity_criteria: 3\nenterprise:\n  required: [labels]\n---\n",
        );
        assert_eq!(config.thresholds.complexity_criteria, 3);
        assert!(!config.words_rule_enabled());
        assert_eq!(config.enterprise_required, Some(vec!["labels".to_string()]));
        let broken = ChantConfig::parse("---\nlint: [\n---\n");
        assert_eq!(broken.enterprise_required, None);
    }
}
