//! Hover: a summary of the spec an id names, a preview of the file a path names, and what a
//! frontmatter key or enum value means to chant. Returns markdown and the hovered byte range.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use super::cursor::{target_at, Target};
use crate::spec::schema::{self, FieldInfo, FieldShape};
use crate::spec::{Spec, SpecLocation};
use crate::syntax::markdown;
use crate::text::TextRange;
use crate::workspace::{Resolution, Workspace};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    pub range: TextRange,
    pub markdown: String,
}

/// Previews read no more than this much of a file, however large it is.
const PREVIEW_BYTES: u64 = 64 * 1024;
/// A NUL byte in this many leading bytes marks a file as binary.
const BINARY_PROBE: usize = 8 * 1024;
const OPENING_LINES: usize = 12;
const OUTLINE_HEADINGS: usize = 20;
const LISTED_SPECS: usize = 10;
const PARAGRAPH_CHARS: usize = 500;

/// The hover at `offset` of `spec`, which lives at `path`.
pub fn hover(ws: &Workspace, path: &Path, spec: &Spec, offset: usize) -> Option<HoverResult> {
    let target = target_at(ws, spec, offset)?;
    let markdown = match &target {
        Target::SpecId { id, .. } => id_hover(ws, id),
        Target::Title { .. } => spec_card(ws, spec, path),
        Target::Path { value, .. } => path_hover(ws, Path::new(""), value),
        Target::Link { dest, .. } => link_hover(ws, path, dest),
        Target::Prompt { name, .. } => path_hover(ws, Path::new(""), &format!(".chant/prompts/{name}.md")),
        Target::Key { name, .. } => key_hover(name),
        Target::EnumValue { field, value, .. } => value_hover(field, value),
    };
    Some(HoverResult { range: target.range(), markdown })
}

// ---- spec ids -------------------------------------------------------------------------------

fn id_hover(ws: &Workspace, id: &str) -> String {
    if let Resolution::CrossRepo { repo, id: inner } = ws.resolve(id) {
        return format!("`{inner}` in repository `{repo}`: chant does not resolve cross-repository ids here");
    }
    match (ws.lookup(id), ws.lookup_path(id)) {
        (Some(spec), Some(path)) => spec_card(ws, spec, path),
        _ => format!("no spec with id `{id}`"),
    }
}

/// Title, state, progress, location, unmet dependencies and opening paragraph of a spec.
fn spec_card(ws: &Workspace, spec: &Spec, path: &Path) -> String {
    let mut out = match &spec.title {
        Some(title) => format!("**{}**\n\n", title.text),
        None => format!("**{}** (no title)\n\n", spec.id),
    };
    let criteria = match spec.criteria.items.len() {
        0 => "no acceptance criteria".to_string(),
        n => format!("criteria {}/{n}", spec.criteria.n_checked()),
    };
    out.push_str(&format!(
        "`{}` · {} · {} · {criteria} · {} `{}`",
        spec.id,
        status_name(spec),
        type_name(spec),
        location_name(spec.location),
        rel_display(ws, path)
    ));
    if !spec.loads() {
        out.push_str("\n\n⚠ chant cannot load this spec");
    }
    let unmet = unmet_dependencies(ws, spec);
    if !unmet.is_empty() {
        out.push_str(&format!("\n\nUnmet dependencies: {}", unmet.join(", ")));
    }
    if let Some(paragraph) = first_paragraph(spec) {
        out.push_str("\n\n---\n\n");
        out.push_str(&paragraph);
    }
    out
}

/// The status as chant reads it; a value chant rejects is shown as written.
pub fn status_name(spec: &Spec) -> String {
    match spec.status() {
        Some(status) => snake_case(&format!("{status:?}")),
        None => format!("{} (invalid)", spec.scalar("status").map_or("", |(s, _)| s)),
    }
}

pub fn type_name(spec: &Spec) -> String {
    match spec.spec_type() {
        Some(ty) => snake_case(&format!("{ty:?}")),
        None => format!("{} (invalid)", spec.scalar("type").map_or("", |(s, _)| s)),
    }
}

/// `InProgress` → `in_progress`: chant's serde names of its enum variants.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn location_name(location: SpecLocation) -> &'static str {
    match location {
        SpecLocation::Active => "active",
        SpecLocation::Nested => "nested",
        SpecLocation::Archived => "archived",
    }
}

fn rel_display(ws: &Workspace, path: &Path) -> String {
    let rel = path.strip_prefix(&ws.root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// `depends_on` entries that still block the spec: not completed or cancelled, or not found.
fn unmet_dependencies(ws: &Workspace, spec: &Spec) -> Vec<String> {
    spec.string_items("depends_on")
        .into_iter()
        .filter_map(|(dep, _)| match ws.lookup(dep) {
            None => Some(format!("`{dep}` (not found)")),
            Some(target) => {
                let status = status_name(target);
                (!matches!(status.as_str(), "completed" | "cancelled")).then(|| format!("`{dep}` ({status})"))
            }
        })
        .collect()
}

/// The first paragraph of prose after the title, skipping headings and code fences.
fn first_paragraph(spec: &Spec) -> Option<String> {
    let from = spec.title.as_ref().map_or(spec.body_start, |t| t.line.end as usize);
    let mut lines: Vec<&str> = Vec::new();
    for line in spec.body_lines() {
        if (line.range.start as usize) < from {
            continue;
        }
        let content = spec.text[line.range.as_usize()].trim();
        let breaks = line.in_fence || content.is_empty() || content.starts_with('#');
        if breaks && !lines.is_empty() {
            break;
        }
        if !breaks {
            lines.push(content);
        }
    }
    if lines.is_empty() {
        return None;
    }
    let text = lines.join("\n");
    Some(match text.char_indices().nth(PARAGRAPH_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    })
}

// ---- paths ----------------------------------------------------------------------------------

/// Folds `.` and `..` away; `None` when the path is absolute or climbs above its start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// A workspace-relative path with `/` separators, as specs write them.
fn slash_path(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn outside(value: &str, why: &str) -> String {
    format!("`{value}` is outside the workspace ({why}), not previewed")
}

/// A body link resolves from the spec's folder, as markdown links do; a link written
/// root-relative, the way frontmatter paths are, is accepted when only that one exists.
fn link_hover(ws: &Workspace, spec_path: &Path, dest: &str) -> String {
    let decoded = percent_decode(dest);
    let dest = decoded.as_str();
    let folder = spec_path.parent().and_then(|p| p.strip_prefix(&ws.root).ok()).unwrap_or(Path::new(""));
    let from_folder = normalize(&folder.join(dest));
    let from_root = normalize(Path::new(dest));
    match (from_folder, from_root) {
        (Some(f), Some(r)) if !ws.root.join(&f).exists() && ws.root.join(&r).exists() => {
            path_hover(ws, Path::new(""), dest)
        }
        _ => path_hover(ws, folder, dest),
    }
}

/// Link destinations escape spaces and non-ASCII bytes (`r%C3%A9sum%C3%A9.md`); invalid escapes
/// are kept as written.
fn percent_decode(dest: &str) -> String {
    let bytes = dest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match hex.filter(|_| bytes[i] == b'%').and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| dest.to_string())
}

/// The preview of `value`, resolved from `base` (a folder relative to the workspace root).
fn path_hover(ws: &Workspace, base: &Path, value: &str) -> String {
    if value.trim().is_empty() {
        return "an empty path names no file".to_string();
    }
    if value.starts_with('~') || Path::new(value).is_absolute() {
        return outside(value, "an absolute path");
    }
    let Some(rel) = normalize(&base.join(value)) else {
        return outside(value, "a `..` climbs out of it");
    };
    if value.contains(['*', '?', '[']) {
        return glob_summary(ws, value, &rel);
    }
    let full = ws.root.join(&rel);
    if !full.exists() {
        return format!("`{value}` does not exist");
    }
    let inside = full.canonicalize().is_ok_and(|real| real.starts_with(&ws.canonical_root));
    if !inside {
        return outside(value, "a symlink leads out of it");
    }
    match FilePreview::read(&full) {
        Ok(preview) => preview.render(&slash_path(&rel), &artifact_specs(ws, &rel)),
        Err(e) => format!("`{value}` cannot be read: {e}"),
    }
}

fn glob_summary(ws: &Workspace, value: &str, rel: &Path) -> String {
    let pattern = ws.root.join(rel);
    let matches: Vec<String> = pattern
        .to_str()
        .and_then(|p| glob::glob(p).ok())
        .into_iter()
        .flat_map(|paths| paths.flatten())
        .filter_map(|p| p.strip_prefix(&ws.root).ok().map(slash_path))
        .collect();
    let mut out = format!("`{value}` matches {} file{}", matches.len(), plural(matches.len()));
    for m in matches.iter().take(LISTED_SPECS) {
        out.push_str(&format!("\n- `{m}`"));
    }
    if matches.len() > LISTED_SPECS {
        out.push_str(&format!("\n- and {} more", matches.len() - LISTED_SPECS));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Who produces a file (`target_files`) and who builds on it (`informed_by`, `context`, `origin`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArtifactSpecs {
    pub producers: Vec<String>,
    pub consumers: Vec<String>,
}

fn artifact_specs(ws: &Workspace, rel: &Path) -> ArtifactSpecs {
    let names = |spec: &Spec, fields: &[&str]| {
        fields.iter().any(|f| spec.string_items(f).iter().any(|(v, _)| normalize(Path::new(v)).as_deref() == Some(rel)))
    };
    let mut out = ArtifactSpecs::default();
    for (_, spec) in ws.specs() {
        if names(spec, &["target_files"]) {
            out.producers.push(spec.id.clone());
        }
        if names(spec, &["informed_by", "context", "origin"]) {
            out.consumers.push(spec.id.clone());
        }
    }
    for list in [&mut out.producers, &mut out.consumers] {
        list.sort();
        list.dedup();
    }
    out
}

/// What a preview shows of a file: its size, modification time and opening bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePreview {
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub is_dir: bool,
    pub is_file: bool,
    /// The first [`PREVIEW_BYTES`] of the file; `None` for binary files and folders.
    pub head: Option<String>,
}

impl FilePreview {
    pub fn read(full: &Path) -> std::io::Result<FilePreview> {
        let meta = std::fs::metadata(full)?;
        let mut preview = FilePreview {
            size: meta.len(),
            modified: meta.modified().ok(),
            is_dir: meta.is_dir(),
            is_file: meta.is_file(),
            head: None,
        };
        // Only regular files are opened: reading a FIFO or a device could block forever.
        if !meta.is_file() {
            return Ok(preview);
        }
        let mut bytes = Vec::new();
        std::fs::File::open(full)?.take(PREVIEW_BYTES).read_to_end(&mut bytes)?;
        if !bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
            preview.head = Some(String::from_utf8_lossy(&bytes).into_owned());
        }
        Ok(preview)
    }

    pub fn render(&self, rel: &str, specs: &ArtifactSpecs) -> String {
        let modified = self.modified.map_or_else(|| "unknown".to_string(), format_utc);
        let what = if self.is_dir {
            "folder".to_string()
        } else if !self.is_file {
            "not a regular file".to_string()
        } else if self.head.is_none() {
            format!("binary, {}", human_size(self.size))
        } else {
            human_size(self.size)
        };
        let mut out = format!("**`{rel}`** · {what} · modified {modified} UTC");
        if !specs.producers.is_empty() {
            out.push_str(&format!("\n\nProduced by {}", spec_list(&specs.producers)));
        }
        if !specs.consumers.is_empty() {
            out.push_str(&format!("\n\nConsumed by {}", spec_list(&specs.consumers)));
        }
        if let Some(head) = &self.head {
            let ext = Path::new(rel).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
            if matches!(ext.as_str(), "md" | "markdown") {
                out.push_str(&markdown_outline(head));
            }
            out.push_str("\n\n");
            out.push_str(&fenced(&opening_lines(head), &language(&ext)));
        }
        out
    }
}

fn spec_list(ids: &[String]) -> String {
    let mut parts: Vec<String> = ids.iter().take(LISTED_SPECS).map(|id| format!("`{id}`")).collect();
    if ids.len() > LISTED_SPECS {
        parts.push(format!("and {} more", ids.len() - LISTED_SPECS));
    }
    parts.join(", ")
}

fn markdown_outline(text: &str) -> String {
    let headings = markdown::parse(text, 0).headings;
    if headings.is_empty() {
        return String::new();
    }
    let mut out = "\n\nOutline:".to_string();
    for h in headings.iter().take(OUTLINE_HEADINGS) {
        out.push_str(&format!("\n{}- {}", "  ".repeat(h.level.saturating_sub(1) as usize), h.text));
    }
    if headings.len() > OUTLINE_HEADINGS {
        out.push_str(&format!("\n- … {} more headings", headings.len() - OUTLINE_HEADINGS));
    }
    out
}

fn opening_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().take(OPENING_LINES).collect();
    lines.join("\n").trim_end().to_string()
}

/// A code fence longer than any backtick run inside, so the content cannot close it early.
fn fenced(text: &str, lang: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{text}\n{fence}")
}

/// The fence language for a file extension: usually the extension itself.
fn language(ext: &str) -> String {
    match ext {
        "md" | "markdown" => "markdown",
        "yml" => "yaml",
        "txt" | "" => "text",
        "rs" => "rust",
        "py" => "python",
        "sh" => "bash",
        other => other,
    }
    .to_string()
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// `YYYY-MM-DD HH:MM` in UTC, from the civil-from-days algorithm (no time-zone database needed).
pub fn format_utc(time: SystemTime) -> String {
    let secs = time.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", rem / 3600, rem % 3600 / 60)
}

// ---- keys and values ------------------------------------------------------------------------

fn key_hover(name: &str) -> String {
    match schema::any_field(name) {
        Some(info) => format!("**`{}`** · {}\n\n{}", info.name, shape_text(info), info.doc),
        None => {
            let hint = schema::KNOWN_UNKNOWN.iter().find(|(k, _)| *k == name).and_then(|(_, s)| *s);
            let hint = hint.map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            format!("`{name}`: chant ignores this key{hint}")
        }
    }
}

fn shape_text(info: &FieldInfo) -> String {
    match info.shape {
        FieldShape::Text => "string".to_string(),
        FieldShape::List => "list of strings".to_string(),
        FieldShape::OneOrList => "a string or a list of strings".to_string(),
        FieldShape::Enum(values) => {
            format!("one of {}", values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "))
        }
        FieldShape::Bool => "`true` or `false`".to_string(),
        FieldShape::Int => "integer".to_string(),
        FieldShape::Map => "mapping".to_string(),
    }
}

fn value_hover(field: &str, value: &str) -> String {
    if let Some(doc) = schema::value_doc(field, value) {
        return format!("**`{field}: {value}`**\n\n{doc}");
    }
    match schema::any_field(field) {
        Some(info) => format!("`{value}` is not a valid `{field}`: {}", shape_text(info)),
        None => format!("`{value}` is not a valid `{field}`"),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::with_cursor;

    /// 2026-01-02 03:04 UTC: every fixture file gets this time, so snapshots do not change.
    const PINNED: u64 = 1_767_323_040;

    fn pin_mtimes(dir: &Path) {
        for entry in std::fs::read_dir(dir).expect("read fixture").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pin_mtimes(&path);
            } else if let Ok(file) = std::fs::File::options().write(true).open(&path) {
                file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(PINNED)).expect("set mtime");
            }
        }
    }

    /// Renders the hovered text, then the markdown.
    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = with_cursor(fixture);
        pin_mtimes(&f.tmp.root);
        let spec = f.spec();
        let actual = match hover(&f.ws, &f.file, spec, f.offset) {
            Some(h) => format!("[{}]\n{}\n", &spec.text[h.range.as_usize()], h.markdown),
            None => "no hover\n".to_string(),
        };
        expect.assert_eq(&actual);
    }

    const DEPS: &str = r#"
//- /.chant/specs/001-fix.md
---
status: completed
---
# Fix race condition

The store loses writes when two workers save at once.
Both read, both write.

## Acceptance Criteria

- [x] one
- [ ] two
//- /.chant/archive/000-old/000-old.md
---
status: completed
---
# Old work
"#;

    #[test]
    fn id_in_block_list() {
        check(
            &format!(
                "{}{DEPS}",
                "//- /.chant/specs/002-next.md\n---\ndepends_on:\n  - 001-f$0ix\n  - gone\n---\n# Next\n"
            ),
            expect![[r#"
                [001-fix]
                **Fix race condition**

                `001-fix` · completed · code · criteria 1/2 · active `.chant/specs/001-fix.md`

                ---

                The store loses writes when two workers save at once.
                Both read, both write.
            "#]],
        );
    }

    #[test]
    fn id_in_flow_list_archived() {
        check(
            &format!("{}{DEPS}", "//- /.chant/specs/002-next.md\n---\ndepends_on: [001-fix, 000-o$0ld]\n---\n# Next\n"),
            expect![[r#"
                [000-old]
                **Old work**

                `000-old` · completed · code · no acceptance criteria · archived `.chant/archive/000-old/000-old.md`
            "#]],
        );
    }

    #[test]
    fn scalar_depends_on_and_missing_ids() {
        check(
            "---\ndepends_on: nowh$0ere\n---\n# A\n",
            expect![[r#"
                [nowhere]
                no spec with id `nowhere`
            "#]],
        );
    }

    #[test]
    fn own_title_lists_unmet_dependencies() {
        check(
            r#"
//- /.chant/specs/002-ünï.md
---
type: research
depends_on: [001-fix, 003-wip, gone]
---
# Ünïcode 🚀$0

```
not a paragraph
```

## Context

First words
of the body.

Second paragraph.
//- /.chant/specs/001-fix.md
---
status: completed
---
# Fix
//- /.chant/specs/003-wip.md
---
status: in_progress
---
# Wip
"#,
            expect![[r#"
                [# Ünïcode 🚀]
                **Ünïcode 🚀**

                `002-ünï` · pending · research · no acceptance criteria · active `.chant/specs/002-ünï.md`

                Unmet dependencies: `003-wip` (in_progress), `gone` (not found)

                ---

                First words
                of the body.
            "#]],
        );
    }

    #[test]
    fn known_id_in_body() {
        check(
            &format!("{}{DEPS}", "//- /.chant/specs/002-next.md\n# Next\n\nSee 001-fi$0x.\n"),
            expect![[r#"
                [001-fix]
                **Fix race condition**

                `001-fix` · completed · code · criteria 1/2 · active `.chant/specs/001-fix.md`

                ---

                The store loses writes when two workers save at once.
                Both read, both write.
            "#]],
        );
    }

    #[test]
    fn markdown_artifact_with_producer_and_consumers() {
        check(
            r#"
//- /.chant/specs/002-use.md
---
informed_by:
  - .chant/research/résumé-测$0试.md
---
# Use
//- /.chant/specs/001-make.md
---
target_files: [./.chant/research/résumé-测试.md]
---
# Make
//- /.chant/research/résumé-测试.md
# Résumé 测试

Opening line.

## Findings

### Détail
"#,
            expect![[r#"
                [.chant/research/résumé-测试.md]
                **`.chant/research/résumé-测试.md`** · 59 bytes · modified 2026-01-02 03:04 UTC

                Produced by `001-make`

                Consumed by `002-use`

                Outline:
                - Résumé 测试
                  - Findings
                    - Détail

                ```markdown
                # Résumé 测试

                Opening line.

                ## Findings

                ### Détail
                ```
            "#]],
        );
    }

    #[test]
    fn text_artifact_in_a_fence_with_its_language() {
        check(
            r#"
//- /.chant/specs/002-use.md
---
context: [src/ma$0in.rs]
---
# Use
//- /src/main.rs
fn main() {
    let s = "```";
}
"#,
            expect![[r#"
                [src/main.rs]
                **`src/main.rs`** · 33 bytes · modified 2026-01-02 03:04 UTC

                Consumed by `002-use`

                ````rust
                fn main() {
                    let s = "```";
                }
                ````
            "#]],
        );
    }

    #[test]
    fn binary_missing_and_outside_paths() {
        let fixture =
            "//- /.chant/specs/a.md\n---\ncontext: [data.bin, missing.md, /etc/passwd, ../x.md, link.md, '']\n---\n# A\n";
        let f = with_cursor(&fixture.replace("data.bin", "data$0.bin"));
        std::fs::write(f.tmp.root.join("data.bin"), b"\x89PNG\0\0rest").expect("write binary");
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/hostname", f.tmp.root.join("link.md")).expect("symlink");
        pin_mtimes(&f.tmp.root);
        let spec = f.spec();
        let at = |needle: &str| {
            let offset = spec.text.find(needle).expect("needle") + 1;
            hover(&f.ws, &f.file, spec, offset).map(|h| h.markdown).unwrap_or_default()
        };
        let actual = ["data.bin", "missing.md", "/etc/passwd", "../x.md", "link.md", "''"].map(at).join("\n");
        expect![[r#"
            **`data.bin`** · binary, 10 bytes · modified 2026-01-02 03:04 UTC

            Consumed by `a`
            `missing.md` does not exist
            `/etc/passwd` is outside the workspace (an absolute path), not previewed
            `../x.md` is outside the workspace (a `..` climbs out of it), not previewed
            `link.md` is outside the workspace (a symlink leads out of it), not previewed
            an empty path names no file"#]]
        .assert_eq(&actual);
    }

    #[test]
    fn body_link_resolves_from_the_spec_folder() {
        check(
            r#"
//- /.chant/specs/a.md
# A

See [notes](../notes/n$0.md#part).
//- /.chant/notes/n.md
plain notes
"#,
            expect![[r#"
                [[notes](../notes/n.md#part)]
                **`.chant/notes/n.md`** · 12 bytes · modified 2026-01-02 03:04 UTC

                ```markdown
                plain notes
                ```
            "#]],
        );
    }

    #[test]
    fn escaped_link_and_prompt() {
        check(
            "//- /.chant/specs/a.md\n# A\n\n[r](../research/r%C3%A9sum%C3%A9%20$0x.md)\n//- /.chant/research/résumé x.md\nR\n",
            expect![[r#"
                [[r](../research/r%C3%A9sum%C3%A9%20x.md)]
                **`.chant/research/résumé x.md`** · 2 bytes · modified 2026-01-02 03:04 UTC

                ```markdown
                R
                ```
            "#]],
        );
        check(
            "//- /.chant/specs/a.md\n---\nprompt: stan$0dard\n---\n# A\n//- /.chant/prompts/standard.md\n# Standard\n",
            expect![[r#"
                [standard]
                **`.chant/prompts/standard.md`** · 11 bytes · modified 2026-01-02 03:04 UTC

                Outline:
                - Standard

                ```markdown
                # Standard
                ```
            "#]],
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifo_is_not_opened() {
        let f = with_cursor("//- /.chant/specs/a.md\n---\ncontext: [pi$0pe]\n---\n# A\n");
        let status = std::process::Command::new("mkfifo").arg(f.tmp.root.join("pipe")).status().expect("mkfifo");
        assert!(status.success());
        let markdown = hover(&f.ws, &f.file, f.spec(), f.offset).expect("hover").markdown;
        assert!(markdown.starts_with("**`pipe`** · not a regular file · modified "), "{markdown}");
    }

    #[test]
    fn glob_in_tracks() {
        check(
            "//- /.chant/specs/a.md\n---\ntracks: ['docs/*.m$0d']\n---\n# A\n//- /docs/x.md\nx\n//- /docs/y.md\ny\n",
            expect![[r#"
                ['docs/*.md']
                `docs/*.md` matches 2 files
                - `docs/x.md`
                - `docs/y.md`
            "#]],
        );
    }

    #[test]
    fn keys_and_values() {
        check(
            "---\nsta$0tus: completed\n---\n# A\n",
            expect![[r#"
                [status]
                **`status`** · one of `pending`, `in_progress`, `paused`, `completed`, `failed`, `needs_attention`, `ready`, `blocked`, `cancelled`

                Lifecycle state, written by chant's commands. Default `pending`.
            "#]],
        );
        check(
            "---\nstatus: comp$0leted\n---\n# A\n",
            expect![[r#"
                [completed]
                **`status: completed`**

                Done and finalized; it no longer blocks the specs that depend on it.
            "#]],
        );
        check(
            "---\napproval:\n  required: true\n  status: rej$0ected\n---\n# A\n",
            expect![[r#"
                [rejected]
                **`approval.status: rejected`**

                Rejected: `chant work` refuses to run it.
            "#]],
        );
        check(
            "---\ntype: do$0cs\n---\n# A\n",
            expect![[r#"
                [docs]
                `docs` is not a valid `type`: one of `code`, `task`, `driver`, `documentation`, `research`, `group`
            "#]],
        );
        check(
            "---\nta$0gs: [a]\n---\n# A\n",
            expect![[r#"
                [tags]
                `tags`: chant ignores this key; did you mean `labels`?
            "#]],
        );
    }

    #[test]
    fn nothing_to_hover_and_out_of_range_offsets() {
        check("# A\n\nplain te$0xt\n", expect!["no hover\n"]);
        let f = with_cursor("# A$0\n");
        assert_eq!(hover(&f.ws, &f.file, f.spec(), 10_000), None);
    }

    #[test]
    fn utc_formatting() {
        assert_eq!(format_utc(SystemTime::UNIX_EPOCH + Duration::from_secs(PINNED)), "2026-01-02 03:04");
        assert_eq!(format_utc(SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29 00:00");
    }
}
