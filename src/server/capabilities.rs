//! What the server offers the client, and the position encoding both sides will speak.
//!
//! Only this file and `initialize` look at client capabilities; the rest of the server reads the
//! negotiated results from `Session`.

use tower_lsp_server::ls_types as lsp;

use super::lsp_ext;
use crate::text::PositionEncoding;

/// The capabilities advertised in the `initialize` response.
pub fn server_capabilities(encoding: PositionEncoding) -> lsp::ServerCapabilities {
    let sync = lsp::TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
        // Saves matter only for `.chant/config.md`, `.chant/lsp.yaml` and prompts, re-read from disk.
        save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
        ..Default::default()
    };
    let spec_files = lsp::FileOperationRegistrationOptions {
        filters: vec![lsp::FileOperationFilter {
            scheme: Some("file".to_string()),
            pattern: lsp::FileOperationPattern {
                glob: "**/.chant/{specs,archive}/**/*.md".to_string(),
                matches: Some(lsp::FileOperationPatternKind::File),
                options: None,
            },
        }],
    };
    lsp::ServerCapabilities {
        position_encoding: Some(encoding_kind(encoding)),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(sync)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        call_hierarchy_provider: Some(lsp::CallHierarchyServerCapability::Simple(true)),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        document_link_provider: Some(lsp::DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(["-", "[", ",", " ", "/", ":", "."].map(String::from).to_vec()),
            ..Default::default()
        }),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![
                lsp::CodeActionKind::QUICKFIX,
                lsp::CodeActionKind::new(lsp_ext::FIX_ALL),
                lsp::CodeActionKind::REFACTOR_REWRITE,
            ]),
            resolve_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_lens_provider: Some(lsp::CodeLensOptions { resolve_provider: Some(false) }),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: lsp_ext::COMMANDS.iter().map(|c| c.to_string()).collect(),
            work_done_progress_options: Default::default(),
        }),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        workspace: Some(lsp::WorkspaceServerCapabilities {
            workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp::OneOf::Left(true)),
            }),
            file_operations: Some(lsp::WorkspaceFileOperationsServerCapabilities {
                will_rename: Some(spec_files),
                ..Default::default()
            }),
        }),
        ..Default::default()
    }
}

/// Prefers UTF-8 (our native offsets, no conversion cost) when the client offers it; UTF-16 is
/// the protocol's mandatory default otherwise.
pub fn negotiate_encoding(caps: &lsp::ClientCapabilities) -> PositionEncoding {
    let offered = caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()).unwrap_or_default();
    if offered.contains(&lsp::PositionEncodingKind::UTF8) {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}

/// The client handles `chant-lsp/indexChanged` (it says so with `experimental.chantIndexChanged`);
/// other clients are not sent a notification they do not know.
pub fn wants_index_changed(caps: &lsp::ClientCapabilities) -> bool {
    caps.experimental
        .as_ref()
        .and_then(|e| e.get(lsp_ext::INDEX_CHANGED_CAPABILITY))
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

pub fn supports_work_done_progress(caps: &lsp::ClientCapabilities) -> bool {
    caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false)
}

/// How the client takes workspace edits; features whose edit the client cannot apply are not
/// offered (or say why), rather than failing when chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EditSupport {
    /// `documentChanges` (versioned edits, file operations); otherwise plain `changes`.
    pub document_changes: bool,
    pub create_files: bool,
    pub rename_files: bool,
    /// The client applies edits the server sends with `workspace/applyEdit`.
    pub apply_edit: bool,
}

pub fn edit_support(caps: &lsp::ClientCapabilities) -> EditSupport {
    let workspace = caps.workspace.as_ref();
    let edits = workspace.and_then(|w| w.workspace_edit.as_ref());
    let document_changes = edits.and_then(|e| e.document_changes).unwrap_or(false);
    let operations = edits.and_then(|e| e.resource_operations.as_deref()).unwrap_or_default();
    EditSupport {
        document_changes,
        create_files: document_changes && operations.contains(&lsp::ResourceOperationKind::Create),
        rename_files: document_changes && operations.contains(&lsp::ResourceOperationKind::Rename),
        apply_edit: workspace.and_then(|w| w.apply_edit).unwrap_or(false),
    }
}

/// Whether the client asks `codeAction/resolve` for an action's missing `edit` (VS Code, Neovim
/// 0.10+ do); then the expensive "Fill PR description" edit is computed only when chosen.
pub fn resolves_code_action_edits(caps: &lsp::ClientCapabilities) -> bool {
    let code_action = caps.text_document.as_ref().and_then(|t| t.code_action.as_ref());
    let resolve = code_action.and_then(|c| c.resolve_support.as_ref());
    resolve.is_some_and(|r| r.properties.iter().any(|p| p == "edit"))
}

/// Whether the client can watch files for us after a `client/registerCapability`.
pub fn supports_file_watching(caps: &lsp::ClientCapabilities) -> bool {
    let watched = caps.workspace.as_ref().and_then(|w| w.did_change_watched_files.as_ref());
    watched.and_then(|w| w.dynamic_registration).unwrap_or(false)
}

/// Every file under any `.chant/` folder: specs, config, `lsp.yaml` and prompts all matter.
pub fn file_watchers() -> lsp::DidChangeWatchedFilesRegistrationOptions {
    let watcher =
        lsp::FileSystemWatcher { glob_pattern: lsp::GlobPattern::String("**/.chant/**".to_string()), kind: None };
    lsp::DidChangeWatchedFilesRegistrationOptions { watchers: vec![watcher] }
}

fn encoding_kind(encoding: PositionEncoding) -> lsp::PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => lsp::PositionEncodingKind::UTF16,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps_offering(encodings: &[&'static str]) -> lsp::ClientCapabilities {
        lsp::ClientCapabilities {
            general: Some(lsp::GeneralClientCapabilities {
                position_encodings: Some(encodings.iter().map(|e| lsp::PositionEncodingKind::from(*e)).collect()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn edit_support_needs_document_changes_for_file_operations() {
        let caps = |edit: serde_json::Value, apply: bool| -> lsp::ClientCapabilities {
            serde_json::from_value(serde_json::json!({ "workspace": { "workspaceEdit": edit, "applyEdit": apply } }))
                .expect("capabilities")
        };
        let full =
            caps(serde_json::json!({ "documentChanges": true, "resourceOperations": ["create", "rename"] }), true);
        let all = EditSupport { document_changes: true, create_files: true, rename_files: true, apply_edit: true };
        assert_eq!(edit_support(&full), all);
        let ops_only = caps(serde_json::json!({ "resourceOperations": ["create", "rename"] }), false);
        assert_eq!(edit_support(&ops_only), EditSupport::default());
        assert_eq!(edit_support(&lsp::ClientCapabilities::default()), EditSupport::default());
    }

    #[test]
    fn utf8_wins_only_when_offered() {
        assert_eq!(negotiate_encoding(&caps_offering(&["utf-16", "utf-8"])), PositionEncoding::Utf8);
        assert_eq!(negotiate_encoding(&caps_offering(&["utf-32", "utf-16"])), PositionEncoding::Utf16);
        assert_eq!(negotiate_encoding(&lsp::ClientCapabilities::default()), PositionEncoding::Utf16);
    }
}
