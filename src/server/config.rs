//! Editor settings: `initializationOptions` and `workspace/didChangeConfiguration`.
//!
//! Shape: `{"chantLsp": {"diagnostics": {"severity": {"<code>": "warning"}}, "includeArchive": true}}`;
//! the object without the `chantLsp` wrapper is accepted too. Bad entries are logged and skipped,
//! never fatal: a typo in one code must not lose the other settings.

use std::collections::HashMap;

use serde::Deserialize;

use crate::workspace::config::SeverityOverrides;
pub use crate::workspace::set::ClientSettings;

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawSettings {
    diagnostics: RawDiagnostics,
    include_archive: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawDiagnostics {
    severity: HashMap<String, String>,
}

impl ClientSettings {
    /// Reads settings from a client JSON value; `None` when the value holds none of ours.
    pub fn from_json(value: &serde_json::Value) -> Option<ClientSettings> {
        let inner = value.get("chantLsp").unwrap_or(value);
        if !inner.is_object() {
            return None;
        }
        let raw: RawSettings = match serde_json::from_value(inner.clone()) {
            Ok(raw) => raw,
            Err(err) => {
                tracing::warn!("ignoring chant-lsp settings: {err}");
                return None;
            }
        };
        let (severity, problems) = SeverityOverrides::from_map(&raw.diagnostics.severity);
        for problem in problems {
            tracing::warn!("chantLsp.diagnostics.severity: {problem}");
        }
        Some(ClientSettings { severity, include_archive: raw.include_archive })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ide::diagnostics::Code;
    use crate::workspace::config::SeveritySetting;

    #[test]
    fn wrapped_and_bare_objects_read_the_same() {
        let bare =
            json!({"diagnostics": {"severity": {"unknown-field": "off", "nope": "error"}}, "includeArchive": true});
        let wrapped = json!({ "chantLsp": bare.clone() });
        let settings = ClientSettings::from_json(&bare).expect("settings");
        assert_eq!(ClientSettings::from_json(&wrapped), Some(settings.clone()));
        assert!(settings.include_archive);
        assert_eq!(settings.severity.by_code.get(&Code::UnknownField), Some(&SeveritySetting::Off));
        assert_eq!(settings.severity.by_code.len(), 1);
    }

    #[test]
    fn non_objects_are_not_settings() {
        assert_eq!(ClientSettings::from_json(&json!(null)), None);
        assert_eq!(ClientSettings::from_json(&json!({"includeArchive": "yes"})), None);
    }
}
