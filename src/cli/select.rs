//! Which codes `check` reports and what fails the run: `--select` / `--ignore` (code names or
//! prefixes of code families such as `frontmatter-`), `--severity CODE=LEVEL`, `--exit-zero` and
//! `--error-on LEVEL`. They are laid over `.chant/lsp.yaml` as one more layer of severity
//! overrides, so a code switched off here is neither reported nor fixed, exactly as in the editor.

use crate::catalogue::{Code, Severity};
use crate::workspace::config::{SeverityOverrides, SeveritySetting};

/// The selection options of one `check` run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Code names or prefixes; empty means every code.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// `--severity CODE=LEVEL`, in the order given (a later one wins).
    pub severity: Vec<(Code, SeveritySetting)>,
}

/// What makes the run fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitPolicy {
    /// `--exit-zero`: findings never fail the run (usage and I/O errors still do).
    pub exit_zero: bool,
    /// The lowest severity that fails the run: `error` by default.
    pub error_on: Severity,
}

impl Default for ExitPolicy {
    fn default() -> ExitPolicy {
        ExitPolicy { exit_zero: false, error_on: Severity::Error }
    }
}

impl ExitPolicy {
    /// 1 when a finding at `error_on` or above was reported, else 0.
    pub fn exit_code(&self, severities: impl IntoIterator<Item = Severity>) -> i32 {
        let failing = severities.into_iter().any(|s| s <= self.error_on);
        i32::from(failing && !self.exit_zero)
    }
}

/// Reads `--error-on`'s value.
pub fn parse_error_on(value: &str) -> Result<Severity, String> {
    match value {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        "information" | "info" => Ok(Severity::Information),
        _ => Err(format!("--error-on `{value}`: use error, warning or information")),
    }
}

/// Splits `a,b` and checks that each names a code or the start of one (`frontmatter-`).
pub fn parse_codes(option: &str, value: &str) -> Result<Vec<String>, String> {
    let names: Vec<String> = value.split(',').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect();
    if names.is_empty() {
        return Err(format!("{option} needs a code or a code prefix, such as `unknown-field` or `frontmatter-`"));
    }
    match names.iter().find(|n| !Code::ALL.iter().any(|c| c.as_str().starts_with(n.as_str()))) {
        Some(unknown) => Err(format!("{option}: `{unknown}` is no diagnostic code nor the start of one")),
        None => Ok(names),
    }
}

/// Reads one `--severity CODE=LEVEL`.
pub fn parse_severity(value: &str) -> Result<(Code, SeveritySetting), String> {
    let usage = || format!("--severity `{value}`: use CODE=LEVEL, LEVEL one of error, warning, information, hint, off");
    let (code, level) = value.split_once('=').ok_or_else(usage)?;
    let code = Code::from_str(code.trim()).ok_or_else(|| format!("--severity: `{code}` is no diagnostic code"))?;
    let level = serde_yaml::from_str::<SeveritySetting>(level.trim()).map_err(|_| usage())?;
    Ok((code, level))
}

impl Selection {
    /// Whether `code` is reported at all: selected (or no selection) and not ignored.
    pub fn selects(&self, code: Code) -> bool {
        let matches = |names: &[String]| names.iter().any(|n| code.as_str().starts_with(n.as_str()));
        (self.select.is_empty() || matches(&self.select)) && !matches(&self.ignore)
    }

    /// The workspace's own overrides (`.chant/lsp.yaml`) with this selection laid over them.
    pub fn overrides(&self, file: &SeverityOverrides) -> SeverityOverrides {
        let mut layer = SeverityOverrides::default();
        layer.by_code.extend(self.severity.iter().copied());
        for code in Code::ALL.iter().filter(|c| !self.selects(**c)) {
            layer.by_code.insert(*code, SeveritySetting::Off);
        }
        file.merged(&layer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_select_families_and_ignore_wins() {
        let selection = Selection {
            select: parse_codes("--select", "frontmatter-,unknown-field").expect("valid"),
            ignore: parse_codes("--ignore", "frontmatter-split").expect("valid"),
            severity: vec![parse_severity("unknown-field=error").expect("valid")],
        };
        let on: Vec<&str> = Code::ALL.iter().filter(|c| selection.selects(**c)).map(|c| c.as_str()).collect();
        assert_eq!(on, ["frontmatter-missing", "frontmatter-unclosed", "unknown-field", "frontmatter-comment"]);
        let mut file = SeverityOverrides::default();
        file.by_code.insert(Code::UnknownField, SeveritySetting::Hint);
        file.by_code.insert(Code::FrontmatterMissing, SeveritySetting::Error);
        let merged = selection.overrides(&file);
        assert_eq!(merged.get(Code::UnknownField), Some(Some(Severity::Error)));
        assert_eq!(merged.get(Code::FrontmatterMissing), Some(Some(Severity::Error)));
        assert_eq!(merged.get(Code::FrontmatterSplit), Some(None));
        assert_eq!(merged.get(Code::YamlSyntax), Some(None));
    }

    #[test]
    fn bad_values_are_usage_errors() {
        assert_eq!(
            parse_codes("--select", "front-"),
            Err("--select: `front-` is no diagnostic code nor the start of one".to_string())
        );
        assert_eq!(
            parse_severity("complexity=loud").map(|_| ()),
            Err("--severity `complexity=loud`: use CODE=LEVEL, LEVEL one of error, warning, information, hint, off"
                .to_string())
        );
        assert_eq!(parse_error_on("hint"), Err("--error-on `hint`: use error, warning or information".to_string()));
    }

    #[test]
    fn exit_policy() {
        let warn = [Severity::Warning, Severity::Information];
        assert_eq!(ExitPolicy::default().exit_code(warn), 0);
        assert_eq!(ExitPolicy { error_on: Severity::Warning, ..ExitPolicy::default() }.exit_code(warn), 1);
        assert_eq!(ExitPolicy { exit_zero: true, error_on: Severity::Warning }.exit_code(warn), 0);
        assert_eq!(ExitPolicy::default().exit_code([Severity::Error]), 1);
    }
}
