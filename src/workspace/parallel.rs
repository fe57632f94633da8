//! Work spread over the cores: one scoped thread per contiguous chunk, results in input order.
//! Loading a workspace and diagnosing many specs both fan out through here.

/// At most this many threads: past it the file reads and the allocator contend.
const MAX_THREADS: usize = 8;

/// `work` over `items`, chunk by chunk on up to one thread per core; the results keep the input
/// order. Fewer than `min_parallel` items are done on the calling thread. A chunk whose thread
/// panicked yields `on_panic(chunk length)` instead, so one bad input costs its chunk, never
/// the whole run.
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
    let chunk = items.len().div_ceil(n_threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items.chunks(chunk).map(|part| (part.len(), scope.spawn(move || work(part)))).collect();
        handles.into_iter().flat_map(|(len, h)| h.join().unwrap_or_else(|_| on_panic(len))).collect()
    })
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
