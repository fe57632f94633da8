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

/// The id map of these specs, given as `(id, path)` in path order.
pub(super) fn group_by_id(specs: impl Iterator<Item = (String, SpecPath)>) -> PMap<Box<str>, PathList> {
    let mut grouped = Grouped::default();
    for (id, path) in specs {
        grouped.add(id, &path);
    }
    grouped.into_map()
}

fn reverse_indexes(specs: &[(SpecPath, Arc<SpecInfo>)]) -> Reverse {
    // One index at a time, so that only one set of plain maps is alive beside the built ones.
    let referrers = group(specs, |spec, add| links(spec).into_iter().for_each(add));
    let mentions = group(specs, |spec, add| spec.mentioned_ids().into_iter().map(str::to_string).for_each(add));
    let files_named = group(specs, |spec, add| file_keys(spec).into_iter().for_each(add));
    (referrers, mentions, files_named)
}

/// The persistent index of the keys `keys_of` gives each spec.
fn group(
    specs: &[(SpecPath, Arc<SpecInfo>)],
    keys_of: impl Fn(&SpecInfo, &mut dyn FnMut(String)),
) -> PMap<Box<str>, PathList> {
    let mut grouped = Grouped::default();
    for (path, spec) in specs {
        keys_of(spec, &mut |key| grouped.add(key, path));
    }
    grouped.into_map()
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
