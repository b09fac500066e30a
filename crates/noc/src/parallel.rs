//! Work on every core, in input order.

/// Runs `f` over `items` on `threads` threads (at least 1), keeping the
/// input order; each thread has its own working memory `W`. Threads take
/// blocks of `block` items in turn, so that one thread with harder items
/// does not leave the other idle.
pub(crate) fn in_blocks<T, W, R, F>(
    items: &[T],
    threads: usize,
    block: usize,
    f: F,
) -> Vec<R>
where
    T: Sync,
    W: Default,
    R: Send,
    F: Fn(&mut W, &T) -> R + Sync,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 || items.len() <= block {
        let mut w = W::default();
        return items.iter().map(|x| f(&mut w, x)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut blocks: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut w = W::default();
                    let mut mine = vec![];
                    loop {
                        let start = next.fetch_add(
                            block,
                            std::sync::atomic::Ordering::Relaxed,
                        );
                        if start >= items.len() {
                            break mine;
                        }
                        let end = (start + block).min(items.len());
                        let done: Vec<R> = items[start..end]
                            .iter()
                            .map(|x| f(&mut w, x))
                            .collect();
                        mine.push((start, done));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
            })
            .collect()
    });
    blocks.sort_by_key(|(start, _)| *start);
    blocks.into_iter().flat_map(|(_, done)| done).collect()
}

/// The number of cores to use for building.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_input_order() {
        let items: Vec<u32> = (0..1000).collect();
        for threads in [1, 2, 3] {
            let out =
                super::in_blocks(&items, threads, 7, |n: &mut u32, x| {
                    *n += 1;
                    x * 2
                });
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }
}
