//! Work spread over the cores: one scoped thread per contiguous chunk, results in input order.
//! Loading a workspace and diagnosing many specs both fan out through here.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

/// At most this many threads: past it the file reads and the allocator contend.
const MAX_THREADS: usize = 8;
/// Each thread takes this many blocks on average: files differ in cost (an archive of long specs
/// beside short active ones), so contiguous halves would leave one core idle at the end.
const BLOCKS_PER_THREAD: usize = 16;

/// `work` over `items`, block by block on up to one thread per core, each thread taking the next
/// block when it is free; the results keep the input order. Fewer than `min_parallel` items are
/// done on the calling thread. A block whose work panicked yields `on_panic(block length)`
/// instead, so one bad input costs its block, never the whole run.
pub fn map_chunks<T, R, W, P>(items: &[T], min_parallel: usize, work: W, on_panic: P) -> Vec<R>
where
    T: Sync,
    R: Send,
    W: Fn(&[T]) -> Vec<R> + Sync,
    P: Fn(usize) -> Vec<R>,
{
    let n_threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
    if items.len() < min_parallel {
        return work(items);
    }
    let block = items.len().div_ceil(n_threads * BLOCKS_PER_THREAD).max(1);
    let blocks: Vec<&[T]> = items.chunks(block).collect();
    let next = AtomicUsize::new(0);
    let take_blocks = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(part) = blocks.get(i) else { return done };
            done.push((i, catch_unwind(AssertUnwindSafe(|| work(part))).ok()));
        }
    };
    let mut results: Vec<(usize, Option<Vec<R>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n_threads.min(blocks.len())).map(|_| scope.spawn(take_blocks)).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().flat_map(|(i, found)| found.unwrap_or_else(|| on_panic(blocks[i].len()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_contains_a_panic_to_its_chunk() {
        let items: Vec<u32> = (0..100).collect();
        let doubled = map_chunks(&items, 1, |part| part.iter().map(|i| i * 2).collect(), |_| Vec::new());
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let guarded = map_chunks(
            &items,
            1,
            |part| {
                assert!(!part.contains(&0), "the chunk holding 0 fails");
                part.to_vec()
            },
            |len| vec![u32::MAX; len],
        );
        assert_eq!(guarded.len(), items.len());
        assert_eq!(guarded[0], u32::MAX);
        assert!(guarded.iter().zip(0..).all(|(&got, i)| got == u32::MAX || got == i));
    }
}
