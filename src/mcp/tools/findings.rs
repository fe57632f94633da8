//! What `check` and `check_text` answer: each finding with its code, severity, message, path,
//! 1-based line/column range (columns count characters, as `check`'s text output does) and how
//! fix-all treats it; and the choice of specs a `paths` argument names.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use super::Truncated;
use crate::catalogue::Severity;
use crate::ide::code_actions::{fix_kind, FixKind};
use crate::ide::diagnostics::{diagnose, Diagnostic};
use crate::mcp::Root;
use crate::spec::SpecLocation;
use crate::workspace::fs::lexical;
use crate::workspace::Workspace;

/// The answer of `check` and `check_text`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Findings {
    pub findings: Vec<Finding>,
    pub summary: Summary,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Summary {
    pub specs_checked: usize,
    pub errors: usize,
    pub warnings: usize,
    pub information: usize,
    /// Findings `fix` repairs, and those it repairs only with `unsafe: true`.
    pub fixable: usize,
    pub fixable_unsafe: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    /// Relative to the workspace root.
    pub path: String,
    pub code: String,
    /// `error`, `warning` or `information` (hints are for editors and not listed).
    pub severity: String,
    pub message: String,
    pub range: Range,
    /// `safe`: `fix` repairs it; `unsafe`: only with `unsafe: true`; `manual`: an editor offers
    /// quick fixes but picking one is a choice; `none`: no quick fix.
    pub fix: String,
}

/// 1-based; `end` is just past the last character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// The findings of `paths` (absolute spec paths of `ws`), in that order.
pub fn findings(root: &Root, ws: &Workspace, paths: &[PathBuf]) -> Findings {
    let mut out = Findings::default();
    let overrides = ws.file_overrides.clone();
    for path in paths {
        let Some(info) = ws.spec(path) else { continue };
        out.summary.specs_checked += 1;
        let found = diagnose(ws, path, &overrides);
        let source = if found.is_empty() { None } else { ws.source(path) };
        for (index, d) in found.iter().enumerate() {
            let severity = match d.severity {
                Severity::Error => &mut out.summary.errors,
                Severity::Warning => &mut out.summary.warnings,
                Severity::Information => &mut out.summary.information,
                Severity::Hint => continue,
            };
            *severity += 1;
            let kind = source.as_ref().map_or(FixKind::None, |spec| fix_kind(ws, spec, &found, index));
            out.summary.fixable += usize::from(kind == FixKind::Safe);
            out.summary.fixable_unsafe += usize::from(kind == FixKind::Unsafe);
            out.findings.push(finding(root, path, &info.line_index, d, kind));
        }
    }
    out
}

fn finding(root: &Root, path: &Path, index: &crate::text::LineIndex, d: &Diagnostic, kind: FixKind) -> Finding {
    let at = |offset| {
        let at = index.line_char_col(offset);
        Position { line: at.line + 1, column: at.col + 1 }
    };
    let fix = match kind {
        FixKind::None => "none",
        FixKind::Safe => "safe",
        FixKind::Unsafe => "unsafe",
        FixKind::Manual => "manual",
    };
    Finding {
        path: root.relative(path),
        code: d.code.as_str().to_string(),
        severity: d.severity.as_str().to_string(),
        message: d.message.clone(),
        range: Range { start: at(d.range.start), end: at(d.range.end) },
        fix: fix.to_string(),
    }
}

/// The specs `paths` names, sorted: every active spec when it is empty; for a folder, the
/// specs below it (archived ones only when the folder is inside `.chant/archive/`); a file must
/// be a spec of the workspace.
pub fn selected_specs(root: &Root, ws: &Workspace, paths: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    if paths.is_empty() {
        out.extend(ws.specs().filter(|(_, s)| s.location == SpecLocation::Active).map(|(p, _)| p.to_path_buf()));
    }
    for given in paths {
        let path = root.resolve(given)?;
        if ws.spec(&path).is_some() {
            out.push(path);
            continue;
        }
        let archive = root.dir.join(".chant/archive");
        let below: Vec<PathBuf> = ws
            .specs()
            .filter(|(p, s)| p.starts_with(&path) && (s.location == SpecLocation::Active || path.starts_with(&archive)))
            .map(|(p, _)| p.to_path_buf())
            .collect();
        if below.is_empty() && !ws.fs.is_dir(&path) {
            return Err(format!(
                "`{given}` is neither a spec nor a folder of the workspace (specs are the .md files under .chant/specs/ and .chant/archive/)"
            ));
        }
        out.extend(below);
    }
    crate::workspace::paths::sort_paths(&mut out, |p| p);
    out.dedup();
    Ok(out)
}

/// `given` as an absolute path where a spec of the workspace may live (it need not exist).
pub fn spec_path(root: &Root, given: &str) -> Result<PathBuf, String> {
    let path = root.resolve(given)?;
    let path = lexical(&path).unwrap_or(path);
    crate::workspace::load::spec_location(&root.dir, &path).ok_or_else(|| {
        format!("`{given}` is not a spec path: specs are the .md files under .chant/specs/ and .chant/archive/")
    })?;
    Ok(path)
}
