//! The first look at a workspace while its full index is still being built: every id the walk
//! found, and the summaries of the specs an opened spec's verdicts read (its links, its driver
//! and the driver's links, its siblings and its members) or its text names (ids in the body,
//! for a hover on them), each parsed from disk on demand.
//!
//! That is enough for every rule that reads a spec's own neighbourhood; what needs the whole
//! graph (cycles, who depends on a spec, references) waits for the full index. A first-look
//! workspace is marked (`Workspace::first_look`) so that the features needing the whole graph
//! know to wait.

use std::path::Path;
use std::sync::Arc;

use super::load::{self, Walked};
use super::readiness::MAX_SIBLING_SCAN;
use super::{links, SpecPath, Workspace};
use crate::spec::Spec;

impl Workspace {
    /// The workspace a walk found, with every id known and no spec parsed yet.
    pub fn first_look(walked: &Walked) -> Workspace {
        let mut ws = walked.ws.clone();
        let paths = walked.files.iter().map(|entry| Arc::clone(entry.shared_path()));
        ws.by_id = super::bulk::group_by_id(paths.map(|path| (load::spec_id(&path), path)));
        ws.first_look = true;
        ws
    }

    /// Adds the spec the editor opened (its text kept, for quick fixes) and parses from disk the
    /// specs its verdicts read. Returns `false` when that neighbourhood is too large to parse
    /// now, and the spec should wait for the full index.
    pub fn look_at(&mut self, path: &Path, spec: Arc<Spec>) -> bool {
        let info = Arc::new(self.summarise(path, &spec));
        let path = self.intern_id_path(&info.id, path);
        self.specs.insert(Arc::clone(&path), Arc::clone(&info));
        self.sources.insert(path, spec);
        let mut wanted = links(&info);
        wanted.push(info.id.clone());
        wanted.extend(info.mentioned_ids().into_iter().map(str::to_string));
        if let Some(driver) = crate::spec::id::driver_of(&info.id) {
            wanted.push(driver.to_string());
            wanted.extend(self.ids_with_prefix(&format!("{driver}.")).iter().take(MAX_SIBLING_SCAN).cloned());
        }
        wanted.extend(self.ids_with_prefix(&format!("{}.", info.id)).iter().cloned());
        if wanted.len() > MAX_NEIGHBOURS {
            return false;
        }
        self.parse_ids(&wanted);
        // The driver's own dependencies count for a member: known only once the driver is read.
        let driver = crate::spec::id::driver_of(&info.id).and_then(|d| self.lookup(d)).map(|d| links(d));
        self.parse_ids(&driver.unwrap_or_default());
        true
    }

    /// The index's copy of `path` (adding `id → path` for a new file the walk did not see).
    fn intern_id_path(&mut self, id: &str, path: &Path) -> SpecPath {
        if let Some(kept) = self.by_id.get(id).and_then(|list| list.iter().find(|p| &***p == path).cloned()) {
            return kept;
        }
        let path = SpecPath::from(path);
        super::link(&mut self.by_id, id, &path);
        self.id_index = Default::default();
        path
    }

    /// Parses every file of these ids that is not summarised yet.
    fn parse_ids(&mut self, ids: &[String]) {
        for id in ids {
            let Some(list) = self.by_id.get(id.as_str()) else { continue };
            let paths: Vec<SpecPath> = list.iter().filter(|p| !self.specs.contains_key(&***p)).cloned().collect();
            for path in paths {
                let Some(spec) = load::load_spec_file(&*self.fs, &self.root, &path) else { continue };
                let info = Arc::new(self.summarise(&path, &spec));
                self.specs.insert(path, info);
            }
        }
    }
}

/// Most specs parsed for one first answer: past this (a driver with thousands of members) the
/// answer waits for the full index rather than read a large part of the workspace twice.
const MAX_NEIGHBOURS: usize = 4_096;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::fs::MemoryFs;

    /// An id named only in the opened spec's body is summarised too: a hover on it during
    /// start-up shows that spec, not "no spec with id".
    #[test]
    fn ids_in_the_opened_body_are_summarised() {
        let fs = MemoryFs::new("/ws");
        fs.write(".chant/config.md", "---\nproject:\n  name: t\n---\n");
        let opened = "---\nstatus: pending\n---\n# Opened\n\nFollows up 002-named.\n";
        fs.write(".chant/specs/001-opened.md", opened);
        fs.write(".chant/specs/002-named.md", "---\nstatus: completed\n---\n# Named in the body\n");
        fs.write(".chant/specs/003-other.md", "---\nstatus: pending\n---\n# Other\n");
        let walked = load::walk_workspace(Arc::new(fs), None);
        let mut look = Workspace::first_look(&walked);
        let path = Path::new("/ws/.chant/specs/001-opened.md");
        let spec = load::parse_spec_file(Path::new("/ws"), path, opened.to_string()).expect("a spec");
        assert!(look.look_at(path, Arc::new(spec)));
        let title = |id: &str| look.lookup(id).and_then(|s| s.title.as_ref()).map(|t| t.text.clone());
        assert_eq!(title("002-named").as_deref(), Some("Named in the body"));
        assert_eq!(title("003-other"), None, "only the neighbourhood is parsed");
        assert!(look.ids().any(|id| id == "003-other"), "every id is known");
    }
}
