//! Every chant workspace the server knows, plus the editor's settings: the value that requests
//! read through a snapshot and that [`super::changes::LiveIndex`] replaces after each change.
//!
//! Workspaces sit behind `Arc` so a writer can copy-on-write one workspace while readers keep
//! using the previous version.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::SeverityOverrides;
use super::Workspace;
use crate::spec::SpecLocation;

/// Settings that come from the editor (`initializationOptions`, `didChangeConfiguration`); they
/// win over `.chant/lsp.yaml`. The server reads them from JSON; this layer only uses them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientSettings {
    pub severity: SeverityOverrides,
    /// Publish diagnostics for archived specs that are not open.
    pub include_archive: bool,
}

#[derive(Clone, Debug, Default)]
pub struct WorkspaceSet {
    /// By root folder (the folder that holds `.chant/`).
    pub workspaces: BTreeMap<PathBuf, Arc<Workspace>>,
    pub settings: Arc<ClientSettings>,
}

impl WorkspaceSet {
    /// The known root whose `.chant/` folder holds `path`.
    pub fn root_of(&self, path: &Path) -> Option<&PathBuf> {
        // Reverse order visits nested roots (`/a/b`) before their parents (`/a`).
        self.workspaces.keys().rev().find(|root| path.starts_with(root.join(".chant")))
    }

    pub fn workspace_of(&self, path: &Path) -> Option<&Arc<Workspace>> {
        self.workspaces.get(self.root_of(path)?)
    }

    /// A writable workspace; cloned first if a snapshot still shares it.
    pub fn workspace_mut(&mut self, root: &Path) -> Option<&mut Workspace> {
        self.workspaces.get_mut(root).map(Arc::make_mut)
    }

    /// `.chant/lsp.yaml` with the editor's settings on top.
    pub fn overrides(&self, ws: &Workspace) -> SeverityOverrides {
        ws.file_overrides.merged(&self.settings.severity)
    }

    /// Whether a spec's diagnostics are published: archived specs only when asked for, or when
    /// the user has them open.
    pub fn publishes(&self, ws: &Workspace, path: &Path, is_open: bool) -> bool {
        let Some(spec) = ws.spec(path) else {
            return false;
        };
        spec.location != SpecLocation::Archived || self.settings.include_archive || is_open
    }
}
