//! Building the index of a freshly loaded workspace in one go: the reverse indexes are grouped
//! in plain hash maps first and become persistent maps one key at a time (not one mention at a
//! time), on a second thread while this one fills the spec and id maps and finds the cycles.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use super::path_list::PathList;
use super::{file_keys, links, PMap, SpecPath, Workspace};
use crate::spec::info::SpecInfo;

/// The three reverse indexes: id → specs linking it, id → specs mentioning it, file name → specs
/// that may name it.
type Reverse = (PMap<Box<str>, PathList>, PMap<Box<str>, PathList>, PMap<Box<str>, PathList>);

impl Workspace {
    /// Fills an empty index with `specs` (in the order given, which the reverse lists keep).
    pub(super) fn fill(&mut self, specs: Vec<(SpecPath, Arc<SpecInfo>)>) {
        debug_assert!(self.specs.is_empty());
        let (referrers, mentions, files_named) = std::thread::scope(|scope| {
            let reverse = scope.spawn(|| reverse_indexes(&specs));
            let mut by_id = Grouped::default();
            for (path, spec) in &specs {
                by_id.add(spec.id.clone(), path);
            }
            self.by_id = by_id.into_map();
            self.specs = specs.iter().cloned().collect();
            self.recompute_cycles();
            reverse.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        self.referrers = referrers;
        self.mentions = mentions;
        self.files_named = files_named;
    }
}

fn reverse_indexes(specs: &[(SpecPath, Arc<SpecInfo>)]) -> Reverse {
    let mut referrers = Grouped::default();
    let mut mentions = Grouped::default();
    let mut files_named = Grouped::default();
    for (path, spec) in specs {
        for target in links(spec) {
            referrers.add(target, path);
        }
        for id in spec.mentioned_ids() {
            mentions.add(id.to_string(), path);
        }
        for name in file_keys(spec) {
            files_named.add(name, path);
        }
    }
    (referrers.into_map(), mentions.into_map(), files_named.into_map())
}

/// Paths grouped by key, each path once per key (a spec may list a target twice).
#[derive(Default)]
struct Grouped(HashMap<String, Vec<SpecPath>, FxBuildHasher>);

impl Grouped {
    fn add(&mut self, key: String, path: &SpecPath) {
        let paths = self.0.entry(key).or_default();
        // One spec's keys arrive together, so its repeats are the list's last entry.
        if !paths.last().is_some_and(|last| Arc::ptr_eq(last, path)) {
            paths.push(Arc::clone(path));
        }
    }

    fn into_map(self) -> PMap<Box<str>, PathList> {
        self.0.into_iter().map(|(key, paths)| (key.into_boxed_str(), PathList::from_paths(paths))).collect()
    }
}
