//! `workspace/didChangeConfiguration`: new editor settings for every workspace.

use tower_lsp_server::ls_types as lsp;

use crate::server::analysis::Task;
use crate::server::config::ClientSettings;
use crate::server::session::Backend;

pub fn did_change_configuration(backend: &Backend, params: lsp::DidChangeConfigurationParams) {
    match ClientSettings::from_json(&params.settings) {
        Some(settings) => backend.analysis.send(Task::Settings(settings)),
        None => tracing::debug!("configuration change without chant-lsp settings ignored"),
    }
}
