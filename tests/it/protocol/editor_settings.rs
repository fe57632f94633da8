//! The VS Code extension's settings schema lists exactly the server's diagnostic codes, with the
//! severities the server accepts and each code's default severity in its description, so the
//! settings UI never offers a code the server ignores or misses a new one.

use chant_lsp::catalogue::Code;
use serde_json::Value;

fn package_json() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode/package.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read package.json")).expect("package.json is JSON")
}

#[test]
fn severity_settings_cover_every_code() {
    let package = package_json();
    let properties = &package["contributes"]["configuration"]["properties"];
    let severity = &properties["chantLsp.diagnostics.severity"]["properties"];
    // serde_json reads objects into sorted maps, so both sides are compared sorted.
    let listed: Vec<&str> = severity.as_object().expect("an object of codes").keys().map(String::as_str).collect();
    let mut codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(listed, codes);
    for code in Code::ALL {
        let entry = &severity[code.as_str()];
        let levels: Vec<&str> = entry["enum"].as_array().expect("enum").iter().filter_map(Value::as_str).collect();
        assert_eq!(levels, ["error", "warning", "information", "hint", "off"], "{code:?}");
        let description = entry["markdownDescription"].as_str().expect("description");
        let default = if *code == Code::UncheckedCriterion {
            "default: warning when `completed`".to_string()
        } else {
            format!("default: {}", code.default_severity().as_str())
        };
        assert!(description.starts_with(&format!("`{}` ({default}", code.as_str())), "{description}");
    }
}

#[test]
fn server_settings_have_their_editor_twins() {
    let package = package_json();
    let properties = &package["contributes"]["configuration"]["properties"];
    let names: Vec<&str> = properties.as_object().expect("properties").keys().map(String::as_str).collect();
    // `chantLsp.chant.path` is the client's own (the chant binary its spec actions run).
    assert_eq!(
        names,
        [
            "chantLsp.chant.path",
            "chantLsp.diagnostics.severity",
            "chantLsp.includeArchive",
            "chantLsp.server.path",
            "chantLsp.trace.server"
        ]
    );
    assert_eq!(properties["chantLsp.includeArchive"]["default"], Value::Bool(false));
}

/// The settings UI lists codes in the order of the file, so it follows the catalogue's (which
/// is the README's and docs/diagnostics.md's). serde_json sorts keys, so the order is read from
/// the text.
#[test]
fn severity_settings_follow_the_catalogue_order() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode/package.json"))
        .expect("read package.json");
    let severity = text.find("\"chantLsp.diagnostics.severity\"").expect("severity setting");
    let mut listed: Vec<(usize, &str)> = Code::ALL
        .iter()
        .map(|code| {
            let key = format!("\"{}\": {{", code.as_str());
            (text[severity..].find(&key).expect("every code is listed"), code.as_str())
        })
        .collect();
    listed.sort_unstable();
    let in_file: Vec<&str> = listed.into_iter().map(|(_, code)| code).collect();
    let catalogue: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(in_file, catalogue);
}
