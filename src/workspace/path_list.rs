//! The set of spec paths a reverse index keeps per key (the specs that depend on an id, mention
//! it, or name a file). Nearly every such set holds one to three paths, a few hold tens of
//! thousands (a word every spec writes): a small shared vector for the first, a persistent set
//! for the second, so neither a tree node per key nor a linear scan of a huge list is paid.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

/// A spec's path, allocated once and shared by every map that keys or lists it: at 100,000
/// specs each path would otherwise be copied into the index about eight times.
pub type SpecPath = Arc<Path>;

type PSet = imbl::GenericHashSet<SpecPath, FxBuildHasher, imbl::shared_ptr::DefaultSharedPtr>;

/// Past this many paths a list becomes a persistent set.
const FEW: usize = 16;

#[derive(Clone, Debug)]
pub enum PathList {
    Few(Arc<Vec<SpecPath>>),
    /// Boxed so that a list is two words: the maps allocate room for many lists per node.
    Many(Box<PSet>),
}

impl PathList {
    pub fn one(path: &SpecPath) -> PathList {
        PathList::Few(Arc::new(vec![Arc::clone(path)]))
    }

    /// The list of `paths`, which holds no path twice.
    pub fn from_paths(paths: Vec<SpecPath>) -> PathList {
        if paths.len() <= FEW {
            PathList::Few(Arc::new(paths))
        } else {
            PathList::Many(Box::new(paths.into_iter().collect()))
        }
    }

    pub fn insert(&mut self, path: &SpecPath) {
        match self {
            PathList::Few(list) if list.iter().any(|p| p == path) => {}
            PathList::Few(list) if list.len() < FEW => Arc::make_mut(list).push(Arc::clone(path)),
            PathList::Few(list) => {
                let mut set: PSet = list.iter().cloned().collect();
                set.insert(Arc::clone(path));
                *self = PathList::Many(Box::new(set));
            }
            PathList::Many(set) => {
                set.insert(Arc::clone(path));
            }
        }
    }

    pub fn remove(&mut self, path: &Path) {
        match self {
            PathList::Few(list) => {
                if list.iter().any(|p| **p == *path) {
                    Arc::make_mut(list).retain(|p| **p != *path);
                }
            }
            PathList::Many(set) => {
                set.remove(path);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            PathList::Few(list) => list.is_empty(),
            PathList::Many(set) => set.is_empty(),
        }
    }

    /// The paths; no allocation (this runs for every id lookup).
    pub fn iter(&self) -> impl Iterator<Item = &SpecPath> + '_ {
        let (few, many) = match self {
            PathList::Few(list) => (Some(list.iter()), None),
            PathList::Many(set) => (None, Some(set.iter())),
        };
        few.into_iter().flatten().chain(many.into_iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Growing past the small size and shrinking again keeps exactly the paths inserted.
    #[test]
    fn keeps_a_set_of_paths_at_any_size() {
        let path = |i: usize| SpecPath::from(Path::new(&format!("/w/{i}.md")));
        let mut list = PathList::one(&path(0));
        for i in 0..40 {
            list.insert(&path(i));
            list.insert(&path(i));
        }
        assert!(matches!(list, PathList::Many(_)));
        for i in (0..40).filter(|i| i % 3 != 0) {
            list.remove(&path(i));
        }
        let mut kept: Vec<String> = list.iter().map(|p| p.display().to_string()).collect();
        kept.sort();
        let mut expected: Vec<String> = (0..40).filter(|i| i % 3 == 0).map(|i| path(i).display().to_string()).collect();
        expected.sort();
        assert_eq!(kept, expected);
        let mut small = PathList::one(&path(1));
        small.remove(&path(1));
        assert!(small.is_empty());
    }
}
