//! The session's lifecycle messages: `initialize` (negotiate, remember the session), `initialized`
//! (start indexing, watch files) and `shutdown`. How the process ends after `exit`, and the watch
//! on the editor's process, are the transport's (`transport/session_end.rs`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types as lsp;

use super::analysis::Task;
use super::capabilities::{
    edit_support, file_watchers, negotiate_encoding, resolves_code_action_edits, server_capabilities,
    supports_file_watching, supports_work_done_progress, wants_index_changed,
};
use super::config::ClientSettings;
use super::from_proto;
use super::session::{Backend, Session};
use super::watcher;
use crate::workspace::load::{find_root, find_roots_below};

/// The token of the start-up indexing progress.
const INDEXING_TOKEN: &str = "chant-lsp/indexing";

/// The id of the file-watcher registration.
const WATCH_REGISTRATION: &str = "chant-lsp/watch-chant-folders";
/// The id of the registration for files referenced outside `.chant/`.
const WATCH_REFERENCED_REGISTRATION: &str = "chant-lsp/watch-referenced-files";

/// How long to wait for the client to answer our requests (progress token, registration) before
/// carrying on without them.
const CLIENT_ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// How deep below a workspace folder to look for `.chant/` folders; the same as `check`.
const ROOT_SEARCH_DEPTH: usize = 6;

/// `initialize`: also starts watching the editor's process, whose death ends the session.
pub fn initialize(backend: &Backend, params: lsp::InitializeParams) -> lsp::InitializeResult {
    backend.lifecycle.watch_client(params.process_id);
    let encoding = negotiate_encoding(&params.capabilities);
    let session = Session {
        encoding,
        work_done_progress: supports_work_done_progress(&params.capabilities),
        file_watching: supports_file_watching(&params.capabilities),
        resolves_action_edits: resolves_code_action_edits(&params.capabilities),
        edits: edit_support(&params.capabilities),
        roots: initial_roots(&params),
    };
    tracing::info!("initialize: {encoding:?} positions, roots {:?}", session.roots);
    backend.analysis.send(Task::Configure { encoding, notify_index: wants_index_changed(&params.capabilities) });
    if let Some(settings) = params.initialization_options.as_ref().and_then(ClientSettings::from_json) {
        backend.analysis.send(Task::Settings(settings));
    }
    if backend.session.set(session).is_err() {
        tracing::warn!("initialize received twice; keeping the first session");
    }
    let server_info =
        lsp::ServerInfo { name: "chant-lsp".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) };
    lsp::InitializeResult {
        capabilities: server_capabilities(encoding),
        server_info: Some(server_info),
        ..Default::default()
    }
}

/// Roots from the workspace folders (or the older `rootUri`): the folder holding `.chant/` at or
/// above each one, else every workspace below it (a monorepo opened at its top).
fn initial_roots(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    #[allow(deprecated)] // `rootUri` is still what some clients send.
    let fallback = params.root_uri.iter().cloned().collect::<Vec<_>>();
    let folders: Vec<lsp::Uri> = match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| f.uri.clone()).collect(),
        _ => fallback,
    };
    roots_of(&folders)
}

/// The chant workspaces of some editor folders: at or above each, else below it.
pub(super) fn roots_of(folders: &[lsp::Uri]) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for dir in folders.iter().filter_map(from_proto::file_path) {
        let found = match find_root(&dir) {
            Some(root) => vec![root],
            None => find_roots_below(&dir, ROOT_SEARCH_DEPTH),
        };
        for root in found {
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
    }
    roots
}

/// Starts indexing, under a progress token when the client supports one, then asks the client
/// to watch `.chant/` folders and referenced files, or watches them itself when the client
/// cannot: agents and scripts write specs outside the editor.
pub async fn initialized(backend: &Backend) {
    let Some(session) = backend.session.get() else {
        return;
    };
    let progress = if session.work_done_progress { create_progress(backend).await } else { None };
    let roots = session.roots.clone();
    if !session.file_watching {
        // Watches are in place before indexing starts, so no write during indexing is missed.
        let (analysis, alive) = (backend.analysis.clone(), Arc::downgrade(&backend.docs));
        let watch_roots = roots.clone();
        let started = tokio::task::spawn_blocking(move || watcher::start(watch_roots, analysis, alive)).await;
        if let Err(err) = started {
            tracing::error!("the file watcher failed to start: {err}");
        }
    }
    backend.analysis.send(Task::InitialIndex { roots, progress });
    if session.file_watching {
        register_file_watchers(backend, WATCH_REGISTRATION, file_watchers()).await;
        register_file_watchers(backend, WATCH_REFERENCED_REGISTRATION, referenced_file_watchers()).await;
    }
}

/// Files that specs name outside `.chant/` (`context`, `target_files`, ...) can be anything
/// anywhere, so the pattern is every file; but only their existence matters to the missing-file
/// checks, so only creations and deletions are asked for. Content edits, the bulk of all file
/// events, stay in the client. Registering each referenced folder instead would need a new
/// registration whenever a spec's paths change.
fn referenced_file_watchers() -> lsp::DidChangeWatchedFilesRegistrationOptions {
    let watcher = lsp::FileSystemWatcher {
        glob_pattern: lsp::GlobPattern::String("**/*".to_string()),
        kind: Some(lsp::WatchKind::Create | lsp::WatchKind::Delete),
    };
    lsp::DidChangeWatchedFilesRegistrationOptions { watchers: vec![watcher] }
}

async fn register_file_watchers(backend: &Backend, id: &str, watchers: lsp::DidChangeWatchedFilesRegistrationOptions) {
    let options = match serde_json::to_value(watchers) {
        Ok(options) => options,
        Err(err) => {
            tracing::error!("cannot encode file watchers: {err}");
            return;
        }
    };
    let registration = lsp::Registration {
        id: id.to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: Some(options),
    };
    let registered = backend.client.register_capability(vec![registration]);
    match tokio::time::timeout(CLIENT_ANSWER_TIMEOUT, registered).await {
        Ok(Ok(())) => tracing::debug!("{id}: watching files through the client"),
        Ok(Err(err)) => tracing::warn!("client refused to watch files: {err}"),
        Err(_) => {
            tracing::warn!("no answer to client/registerCapability; files changed outside the editor go unnoticed")
        }
    }
}

/// Asks the client for the indexing token: the protocol forbids reporting on a token the client
/// has not acknowledged. A client that never answers must not keep the index from being built.
async fn create_progress(backend: &Backend) -> Option<lsp::ProgressToken> {
    let token = lsp::ProgressToken::String(INDEXING_TOKEN.to_string());
    let created = backend.client.create_work_done_progress(token.clone());
    match tokio::time::timeout(CLIENT_ANSWER_TIMEOUT, created).await {
        Ok(Ok(())) => Some(token),
        Ok(Err(err)) => {
            tracing::warn!("client refused a progress token: {err}");
            None
        }
        Err(_) => {
            tracing::warn!("no answer to window/workDoneProgress/create; indexing without progress");
            None
        }
    }
}

/// `shutdown`: from now on `exit` ends the session cleanly.
pub fn shutdown(backend: &Backend) {
    backend.lifecycle.shutdown_requested();
}
