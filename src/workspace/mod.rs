//! One chant workspace (a folder holding `.chant/`): every spec by path and by id, the reverse
//! links between them, dependency cycles, prompts and config.
//!
//! The index is updated one file at a time (`upsert`/`remove`), so an edit costs the edited spec
//! plus bookkeeping, never a re-read of the workspace.

mod bulk;
pub mod changes;
pub mod config;
mod cycles;
pub mod file_cache;
mod first_look;
pub mod fs;
mod id_index;
pub mod load;
pub mod parallel;
pub mod path_list;
pub mod paths;
pub mod readiness;
pub mod set;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxBuildHasher;

use crate::spec::finding::Diagnostic;
use crate::spec::info::SpecInfo;
use crate::spec::schema::{DEPENDS_ON, MEMBERS};
use crate::spec::{Spec, SpecLocation};
use config::{ChantConfig, SeverityOverrides};
pub use cycles::SHORT as SHORT_CYCLE;

/// A persistent hash map with a fast non-cryptographic hash: keys are paths and ids from the
/// user's own files, and lookups sit on the hot path of every diagnostic.
type PMap<K, V> = imbl::GenericHashMap<K, V, FxBuildHasher, imbl::shared_ptr::DefaultSharedPtr>;

use path_list::PathList;
pub use path_list::SpecPath;

/// How a `depends_on` / `members` entry resolves, in chant's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A loadable spec directly in `.chant/specs/`: what chant's lint accepts.
    Active(PathBuf),
    /// Found only in a sub-folder of specs or in the archive: chant's lint calls it unknown.
    Elsewhere(PathBuf),
    /// The file exists but chant cannot load it, so chant treats the id as unknown.
    Unloadable(PathBuf),
    /// `repo:id`: chant never resolves it for dependencies.
    CrossRepo {
        repo: String,
        id: String,
    },
    Missing,
}

/// `Clone` is shallow for specs (they sit behind `Arc`), so the server can copy-on-write.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub root: PathBuf,
    /// The only way to the workspace's files: keeps reads inside `root`, bounded, regular files.
    pub fs: Arc<dyn fs::FileAccess>,
    pub config: ChantConfig,
    /// Severities from `.chant/lsp.yaml`.
    pub file_overrides: SeverityOverrides,
    // Persistent maps: the server keeps the previous index for readers while it applies an
    // edit, and cloning these is O(1) where a std map would copy 10,000 entries per keystroke.
    specs: PMap<SpecPath, Arc<SpecInfo>>,
    /// The full parse of the specs whose text is kept (open documents): every other spec is
    /// summarised in `specs` and re-read through `fs` when a feature needs its text.
    sources: PMap<SpecPath, Arc<Spec>>,
    by_id: PMap<Box<str>, PathList>,
    /// Target id → specs that name it in `depends_on` or `members`.
    referrers: PMap<Box<str>, PathList>,
    /// Id → specs that name it in any id field or write it in their body: what references and
    /// rename visit, so neither reads every spec.
    mentions: PMap<Box<str>, PathList>,
    /// File name → specs with a path entry or a body link ending in it (`*`: a glob entry):
    /// the only specs that can name a given file.
    files_named: PMap<Box<str>, PathList>,
    pub prompts: HashSet<String>,
    /// Spec id → the ids of the dependency cycle it is part of.
    cycles: HashMap<String, Arc<Vec<String>>>,
    /// Sorted ids for "did you mean", built on first use after the id set changes.
    id_index: OnceLock<Arc<id_index::IdIndex>>,
    /// Which referenced paths exist; cleared whenever files change.
    pub files: file_cache::FileCache,
    /// The text-only rules, run while a spec's text is parsed so that its summary carries their
    /// findings (set by the layer that owns the rules; without it they run on demand).
    pub local_rules: Option<LocalRules>,
    /// Only the ids and the opened specs' neighbourhoods are known (`first_look.rs`): the full
    /// index is still being built, so nothing that reads the whole graph may trust this one.
    pub first_look: bool,
}

/// The findings of one spec that depend on its text alone.
pub type LocalRules = fn(&Path, &Spec) -> Vec<Diagnostic>;

impl Workspace {
    /// An empty workspace on the real file system.
    pub fn new(root: PathBuf) -> Workspace {
        Workspace::with_fs(Arc::new(fs::RealFs::new(root)))
    }

    /// An empty workspace whose files are reached through `fs`.
    pub fn with_fs(fs: Arc<dyn fs::FileAccess>) -> Workspace {
        Workspace {
            root: fs.root().to_path_buf(),
            fs,
            config: ChantConfig::default(),
            file_overrides: SeverityOverrides::default(),
            specs: PMap::default(),
            sources: PMap::default(),
            by_id: PMap::default(),
            referrers: PMap::default(),
            mentions: PMap::default(),
            files_named: PMap::default(),
            prompts: HashSet::new(),
            cycles: HashMap::new(),
            id_index: OnceLock::new(),
            files: file_cache::FileCache::default(),
            local_rules: None,
            first_look: false,
        }
    }

    pub fn chant_dir(&self) -> PathBuf {
        self.root.join(".chant")
    }

    pub fn specs(&self) -> impl Iterator<Item = (&SpecPath, &Arc<SpecInfo>)> {
        self.specs.iter()
    }

    /// The summary of the spec at `path`.
    pub fn spec(&self, path: &Path) -> Option<&Arc<SpecInfo>> {
        self.specs.get(path)
    }

    /// The full parse of the spec at `path`: the kept one of an open document, else the file
    /// read again through the door (`None` when it is no longer there or no longer a spec).
    pub fn source(&self, path: &Path) -> Option<Arc<Spec>> {
        if let Some(spec) = self.sources.get(path) {
            return Some(Arc::clone(spec));
        }
        self.specs.get(path)?;
        load::load_spec_file(&*self.fs, &self.root, path).map(Arc::new)
    }

    /// The kept full parse of an open document, without touching the disk.
    pub fn kept_source(&self, path: &Path) -> Option<&Arc<Spec>> {
        self.sources.get(path)
    }

    /// Summarises a full parse, with its text-only findings when the rules are known.
    pub fn summarise(&self, path: &Path, spec: &Spec) -> SpecInfo {
        SpecInfo::new(spec, self.local_rules.map(|rules| rules(path, spec)))
    }

    pub fn len(&self) -> usize {
        self.specs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.specs.is_empty()
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(|id| &**id)
    }

    /// Ids worth comparing with `wanted` for "did you mean": its neighbours in sorted and
    /// reversed order (up to `per_side` each way) and the ids that end `wanted`; every id in a
    /// small workspace. Never a scan of every id, so 10,000 unknown ids cost 10,000 lookups.
    pub fn ids_near(&self, wanted: &str, per_side: usize) -> Vec<&str> {
        let index = self.id_index.get_or_init(|| Arc::new(id_index::IdIndex::new(self.ids())));
        let mut out = index.near(wanted, per_side);
        // `wanted.ends_with(id)`: chant's partial-id rule, found by exact lookups of its suffixes.
        let suffixes = wanted.char_indices().skip(1).map(|(i, _)| &wanted[i..]);
        out.extend(suffixes.filter_map(|s| self.by_id.get_key_value(s)).map(|(k, _)| &**k));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every id, sorted (built once after the id set changes).
    pub fn ids_sorted(&self) -> &[String] {
        let index = self.id_index.get_or_init(|| Arc::new(id_index::IdIndex::new(self.ids())));
        index.sorted()
    }

    /// Ids that start with `prefix` (a driver's members: `<id>.`), sorted, found without a scan.
    pub fn ids_with_prefix(&self, prefix: &str) -> &[String] {
        let index = self.id_index.get_or_init(|| Arc::new(id_index::IdIndex::new(self.ids())));
        index.with_prefix(prefix)
    }

    /// The spec chant's blocking logic finds for `id`: one it loads from `.chant/specs/` or a
    /// sub-folder. Archived and unloadable specs do not count: to chant they are missing.
    pub fn loaded_spec(&self, id: &str) -> Option<&Arc<SpecInfo>> {
        let paths = self.by_id.get(id)?;
        let found = paths.iter().filter_map(|p| self.specs.get(p));
        found.filter(|s| s.location != SpecLocation::Archived && s.loads()).min_by_key(|s| rank(s))
    }

    /// Where a path inside this workspace would sit as a spec, if it is one.
    pub fn spec_location(&self, path: &Path) -> Option<SpecLocation> {
        load::spec_location(&self.root, path)
    }

    /// Adds or replaces a spec whose text is kept (an open document); returns the ids whose
    /// referrers must be re-checked.
    pub fn upsert_kept(&mut self, path: PathBuf, spec: Arc<Spec>) -> Vec<String> {
        let info = Arc::new(self.summarise(&path, &spec));
        let path = self.intern(path);
        let touched = self.upsert_interned(Arc::clone(&path), info);
        self.sources.insert(path, spec);
        touched
    }

    /// The shared copy of `path` when the index already holds it, else a new one.
    fn intern(&self, path: impl Into<SpecPath> + AsRef<Path>) -> SpecPath {
        match self.specs.get_key_value(path.as_ref()) {
            Some((kept, _)) => Arc::clone(kept),
            None => path.into(),
        }
    }

    /// Adds or replaces a spec by its summary (its text is not kept); returns the ids whose
    /// referrers must be re-checked.
    pub fn upsert(&mut self, path: PathBuf, spec: Arc<SpecInfo>) -> Vec<String> {
        let path = self.intern(path);
        self.upsert_interned(path, spec)
    }

    fn upsert_interned(&mut self, path: SpecPath, spec: Arc<SpecInfo>) -> Vec<String> {
        self.files.clear();
        let old = self.remove_quiet(&path);
        let spec_id = spec.id.clone();
        let mut touched = vec![spec.id.clone()];
        let old_links = old.as_ref().map(|o| links(o)).unwrap_or_default();
        let new_links = links(&spec);
        let graph_changed = old.is_none() || old_links != new_links || old.as_ref().is_some_and(|o| o.id != spec.id);
        if let Some(old) = &old {
            if old.id != spec.id {
                touched.push(old.id.clone());
            }
        }
        if old.as_ref().is_none_or(|o| o.id != spec.id) {
            self.id_index = OnceLock::new();
        }
        link(&mut self.by_id, &spec.id, &path);
        for target in links(&spec) {
            link(&mut self.referrers, &target, &path);
        }
        self.add_mentions(&path, &spec);
        self.specs.insert(path, spec);
        if graph_changed {
            let mut changed = vec![spec_id.clone()];
            changed.extend(old.as_ref().map(|o| o.id.clone()).filter(|id| *id != spec_id));
            touched.extend(self.update_cycles(&changed));
            // A long cycle's mates name their predecessor in their message: a spec this one
            // starts or stops pointing at must be re-checked even if the cycle kept its members.
            let (old_set, new_set): (HashSet<&String>, HashSet<&String>) =
                (old_links.iter().collect(), new_links.iter().collect());
            let in_long_cycle = |id: &&&String| self.cycles.get(**id).is_some_and(|c| c.len() > SHORT_CYCLE);
            let flipped = old_set.symmetric_difference(&new_set).filter(in_long_cycle);
            touched.extend(flipped.map(|id| (*id).clone()).collect::<Vec<_>>());
        }
        touched
    }

    /// Adds many specs at once (the initial index): links are recorded per spec, cycles are
    /// computed once at the end rather than after every insert.
    pub fn insert_all<P>(&mut self, specs: impl IntoIterator<Item = (P, Arc<SpecInfo>)>)
    where
        P: Into<SpecPath> + AsRef<Path>,
    {
        self.id_index = OnceLock::new();
        if self.specs.is_empty() {
            return self.fill(specs.into_iter().map(|(path, spec)| (path.into(), spec)).collect());
        }
        for (path, spec) in specs {
            self.remove_quiet(path.as_ref());
            let path = self.intern(path);
            link(&mut self.by_id, &spec.id, &path);
            for target in links(&spec) {
                link(&mut self.referrers, &target, &path);
            }
            self.add_mentions(&path, &spec);
            self.specs.insert(path, spec);
        }
        self.recompute_cycles();
    }

    /// Removes a spec; returns the ids whose referrers must be re-checked.
    pub fn remove(&mut self, path: &Path) -> Vec<String> {
        self.files.clear();
        let Some(old) = self.remove_quiet(path) else { return Vec::new() };
        self.id_index = OnceLock::new();
        let mut touched = vec![old.id.clone()];
        touched.extend(self.update_cycles(std::slice::from_ref(&old.id)));
        touched
    }

    fn remove_quiet(&mut self, path: &Path) -> Option<Arc<SpecInfo>> {
        self.sources.remove(path);
        let old = self.specs.remove(path)?;
        unlink(&mut self.by_id, &old.id, path);
        for target in links(&old) {
            unlink(&mut self.referrers, &target, path);
        }
        for id in old.mentioned_ids() {
            unlink(&mut self.mentions, id, path);
        }
        for name in file_keys(&old) {
            unlink(&mut self.files_named, &name, path);
        }
        Some(old)
    }

    fn add_mentions(&mut self, path: &SpecPath, spec: &SpecInfo) {
        for id in spec.mentioned_ids() {
            link(&mut self.mentions, id, path);
        }
        for name in file_keys(spec) {
            link(&mut self.files_named, &name, path);
        }
    }

    /// Specs that may name the file `rel` in a path entry or a body link: those whose entries
    /// or links end in its file name, and those with a glob entry. Callers check each one.
    pub fn may_name_file(&self, rel: &Path) -> Vec<&SpecPath> {
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let named = self.files_named.get(name.as_str()).into_iter().flat_map(|l| l.iter());
        let globs = self.files_named.get(GLOB_KEY).into_iter().flat_map(|l| l.iter());
        let mut out: Vec<&SpecPath> = named.chain(globs).collect();
        out.sort();
        out.dedup();
        out
    }

    /// Specs that name `id` in an id field or write it in their body (as a word holding a hyphen and a digit).
    pub fn mentioning(&self, id: &str) -> impl Iterator<Item = &SpecPath> {
        self.mentions.get(id).into_iter().flat_map(|l| l.iter())
    }

    /// Specs whose diagnostics depend on the spec(s) with these ids: referrers and cycle mates.
    pub fn dependents(&self, ids: &[String]) -> HashSet<PathBuf> {
        let mut out = HashSet::new();
        for id in ids {
            out.extend(self.referrers.get(id.as_str()).into_iter().flat_map(|l| l.iter()).map(|p| p.to_path_buf()));
            match self.cycles.get(id) {
                // A short cycle's messages and related locations list every mate.
                Some(cycle) if cycle.len() <= SHORT_CYCLE => {
                    for mate in cycle.iter() {
                        out.extend(
                            self.by_id.get(mate.as_str()).into_iter().flat_map(PathList::iter).map(|p| p.to_path_buf()),
                        );
                    }
                }
                // A long cycle's mate shows only its neighbours: the specs pointing here (the
                // referrers, taken above) and the ones this spec points at in the cycle.
                Some(cycle) => {
                    let next = self.lookup(id).map(|s| links(s)).unwrap_or_default();
                    for mate in next.iter().filter(|m| cycle.binary_search(m).is_ok()) {
                        out.extend(
                            self.by_id.get(mate.as_str()).into_iter().flat_map(PathList::iter).map(|p| p.to_path_buf()),
                        );
                    }
                }
                None => {}
            }
            out.extend(self.by_id.get(id.as_str()).into_iter().flat_map(PathList::iter).map(|p| p.to_path_buf()));
            self.group_dependents(id, &mut out);
        }
        out
    }

    /// Members inherit their driver's dependencies and wait for their earlier siblings (chant's
    /// readiness, and the `blocked-by` rule): when a spec changes, so may the verdicts of its
    /// members and of its later siblings, though neither names it. Bounded like the readiness
    /// check itself.
    fn group_dependents(&self, id: &str, out: &mut HashSet<PathBuf>) {
        let members = self.ids_with_prefix(&format!("{id}."));
        let siblings = match crate::spec::id::driver_of(id) {
            Some(driver) => self.ids_with_prefix(&format!("{driver}.")),
            None => &[],
        };
        for linked in members.iter().chain(siblings).take(2 * readiness::MAX_SIBLING_SCAN) {
            out.extend(self.by_id.get(linked.as_str()).into_iter().flat_map(PathList::iter).map(|p| p.to_path_buf()));
        }
    }

    pub fn referrers(&self, id: &str) -> impl Iterator<Item = &SpecPath> {
        self.referrers.get(id).into_iter().flat_map(|l| l.iter())
    }

    /// The spec an id names, preferring an active spec over a nested or archived one.
    pub fn lookup(&self, id: &str) -> Option<&Arc<SpecInfo>> {
        let paths = self.by_id.get(id)?;
        paths.iter().filter_map(|p| self.specs.get(p)).min_by_key(|s| rank(s))
    }

    pub fn lookup_path(&self, id: &str) -> Option<&SpecPath> {
        let paths = self.by_id.get(id)?;
        paths.iter().min_by_key(|p| self.specs.get(*p).map_or(9, |s| rank(s)))
    }

    pub fn resolve(&self, entry: &str) -> Resolution {
        if let Some((repo, id)) = crate::spec::id::split_repo(entry) {
            if !self.by_id.contains_key(entry) {
                return Resolution::CrossRepo { repo: repo.to_string(), id: id.to_string() };
            }
        }
        let (Some(spec), Some(path)) = (self.lookup(entry), self.lookup_path(entry)) else {
            return Resolution::Missing;
        };
        match (spec.location, spec.loads()) {
            (_, false) => Resolution::Unloadable(path.to_path_buf()),
            (SpecLocation::Active, true) => Resolution::Active(path.to_path_buf()),
            _ => Resolution::Elsewhere(path.to_path_buf()),
        }
    }

    pub fn cycle_of(&self, id: &str) -> Option<&Arc<Vec<String>>> {
        self.cycles.get(id)
    }

    /// Recomputes cycles; returns ids whose cycle membership changed.
    fn recompute_cycles(&mut self) -> Vec<String> {
        let new = cycles::find(self);
        cycles::replace(&mut self.cycles, new)
    }

    /// Recomputes the cycles the specs with these ids can be part of, after their links changed.
    fn update_cycles(&mut self, changed: &[String]) -> Vec<String> {
        let mut cycles = std::mem::take(&mut self.cycles);
        let moved = cycles::update(self, &mut cycles, changed);
        self.cycles = cycles;
        moved
    }

    pub fn has_prompt(&self, name: &str) -> bool {
        self.prompts.contains(name)
    }
}

/// The `files_named` key of every spec with a glob entry.
const GLOB_KEY: &str = "*";

/// The file names a spec's path entries and body links end in (`*` for a glob entry), each once.
fn file_keys(spec: &SpecInfo) -> Vec<String> {
    let name = |value: &str| Path::new(value).file_name().map(|n| n.to_string_lossy().into_owned());
    let path_fields = crate::spec::schema::path_fields();
    let entries = spec.items.iter().filter(|it| path_fields.contains(&it.field));
    let mut out: Vec<String> = entries
        .filter_map(
            |it| if crate::spec::schema::is_glob(&it.value) { Some(GLOB_KEY.to_string()) } else { name(&it.value) },
        )
        .collect();
    out.extend(spec.body_links.iter().filter_map(|(dest, _)| name(&paths::percent_decode(dest))));
    out.sort_unstable();
    out.dedup();
    out
}

fn link(index: &mut PMap<Box<str>, PathList>, key: &str, path: &SpecPath) {
    match index.get_mut(key) {
        Some(list) => list.insert(path),
        None => {
            index.insert(key.into(), PathList::one(path));
        }
    }
}

fn unlink(index: &mut PMap<Box<str>, PathList>, key: &str, path: &Path) {
    if let Some(list) = index.get_mut(key) {
        list.remove(path);
        if list.is_empty() {
            index.remove(key);
        }
    }
}

fn rank(spec: &SpecInfo) -> u8 {
    match spec.location {
        SpecLocation::Active => 0,
        SpecLocation::Nested => 1,
        SpecLocation::Archived => 2,
    }
}

/// The ids a spec points at through `depends_on` and `members`.
pub fn links(spec: &SpecInfo) -> Vec<String> {
    let mut out: Vec<String> = spec.string_items(DEPENDS_ON).into_iter().map(|(s, _)| s.to_string()).collect();
    out.extend(spec.string_items(MEMBERS).into_iter().map(|(s, _)| s.to_string()));
    out
}
