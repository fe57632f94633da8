//! The workspace's ids in sorted and in reversed-sorted order, so "did you mean" compares an
//! unknown id with its nearest neighbours instead of with every id of the workspace.
//!
//! Typos keep most of an id: one late in the id (`2026-01-24-01x-v60`) leaves the id next to
//! the right one in sorted order, one early (`2062-01-24-01x-v06`) leaves it next to the right
//! one in reversed order. Built once per change of the id set, in O(n log n).

/// Sorted ids, and sorted reversed ids (each with its position in `forward`).
#[derive(Debug, Default)]
pub struct IdIndex {
    forward: Vec<String>,
    backward: Vec<(String, usize)>,
}

impl IdIndex {
    pub fn new<'a>(ids: impl Iterator<Item = &'a str>) -> IdIndex {
        let mut forward: Vec<String> = ids.map(str::to_string).collect();
        forward.sort_unstable();
        let mut backward: Vec<(String, usize)> =
            forward.iter().enumerate().map(|(i, id)| (id.chars().rev().collect(), i)).collect();
        backward.sort_unstable();
        IdIndex { forward, backward }
    }

    /// Up to `per_side` ids on each side of `wanted` in sorted order, and as many again around it
    /// in reversed order: every id when the workspace has no more than that.
    pub fn near(&self, wanted: &str, per_side: usize) -> Vec<&str> {
        if self.forward.len() <= 4 * per_side {
            return self.forward.iter().map(String::as_str).collect();
        }
        let window = |at: usize, len: usize| at.saturating_sub(per_side)..(at + per_side).min(len);
        let at = self.forward.partition_point(|id| id.as_str() < wanted);
        let mut out: Vec<usize> = window(at, self.forward.len()).collect();
        let reversed: String = wanted.chars().rev().collect();
        let at = self.backward.partition_point(|(id, _)| id.as_str() < reversed.as_str());
        out.extend(self.backward[window(at, self.backward.len())].iter().map(|(_, i)| *i));
        out.sort_unstable();
        out.dedup();
        out.into_iter().map(|i| self.forward[i].as_str()).collect()
    }
}

impl IdIndex {
    /// Every id, sorted.
    pub fn sorted(&self) -> &[String] {
        &self.forward
    }

    /// Every id that starts with `prefix`, in sorted order: one binary search, then a walk over
    /// exactly the matches.
    pub fn with_prefix(&self, prefix: &str) -> &[String] {
        let start = self.forward.partition_point(|id| id.as_str() < prefix);
        let len = self.forward[start..].partition_point(|id| id.starts_with(prefix));
        &self.forward[start..start + len]
    }
}

#[cfg(test)]
mod tests {
    use super::IdIndex;

    #[test]
    fn neighbours_in_both_orders() {
        let ids: Vec<String> = (0..100).map(|i| format!("2026-01-24-{i:03}-abc")).collect();
        let index = IdIndex::new(ids.iter().map(String::as_str));
        // A typo late in the id: neighbours in sorted order. Early: neighbours in reversed order.
        expect_test::expect![[r#"
            [
                "2026-01-24-049-abc",
                "2026-01-24-050-abc",
                "2026-01-24-051-abc",
                "2026-01-24-052-abc",
                "2026-01-24-089-abc",
                "2026-01-24-099-abc",
            ]
        "#]]
        .assert_debug_eq(&index.near("2026-01-24-050-abd", 2));
        expect_test::expect![[r#"
            [
                "2026-01-24-040-abc",
                "2026-01-24-050-abc",
                "2026-01-24-099-abc",
            ]
        "#]]
        .assert_debug_eq(&index.near("2062-01-24-050-abc", 1));
        assert_eq!(index.near("x", 100).len(), 100);
        assert_eq!(index.with_prefix("2026-01-24-09"), &ids[90..]);
        assert!(index.with_prefix("2026-01-24-1").is_empty());
    }
}
