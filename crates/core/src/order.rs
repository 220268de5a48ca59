//! Sorting that shares one copy of the standard library's sort across the whole app.
//!
//! Each `slice::sort_by(closure)` with its own closure or element type is a copy of std's sort
//! in the wasm (0.3-3 KB each): the main module held 138 of them, about 5 % of its code
//! (issue 15, the first load; docs/size.md). These functions sort a list of `u32` positions with
//! one comparator type, then move the items into that order, so every sort in the app uses the
//! same copy. The cost is an indirect call per comparison and a `u32` per item, which at the
//! app's sizes (at most some 10,000 items) is well under a millisecond. No crate does this
//! funnelling (a generic sort crate would be copied per type just the same), hence our own.
//!
//! Not for large lists of plain numbers (the search ranking's keys on every keystroke, the
//! index's typo table of some 100,000 entries, the boundaries' segments on the map): std's sort
//! of plain keys is several times faster there, and one copy per number type is little. Through
//! here, the ranking's sort took about 90 ms of a typing run at 4x CPU
//! (`tests/bench/typing.mjs --profile`) and the segments' 22 ms more of a start on `/kaart`
//! (`tests/bench/profile.mjs`).
//!
//! All sorts here are stable: equal items keep their order, as with `slice::sort_by`.
//!
//! ```
//! use wegwijzer_core::order;
//! let mut names = vec!["Ieper", "aalst", "Brugge"];
//! order::sort_by_key(&mut names, |n| n.to_lowercase());
//! assert_eq!(names, ["aalst", "Brugge", "Ieper"]);
//! ```

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (like `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    arrange(items, order);
}

/// Sorts `items` by the key `key` gives, stably (like `slice::sort_by_key`); `key` is called
/// twice per comparison, so it should be cheap.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by the key `key` gives, calling it once per item (like
/// `slice::sort_by_cached_key`, but stable).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    arrange(items, order);
}

/// Sorts `items` in their natural order, stably (like `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them (equal ones in ascending order).
/// Not generic and never inlined: this is the one place that instantiates std's sort.
///
/// ```
/// let words = ["peer", "appel", "banaan"];
/// let order = wegwijzer_core::order::positions(words.len(), &|a, b| words[a].cmp(words[b]));
/// assert_eq!(order, [1, 2, 0]);
/// ```
#[inline(never)]
pub fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let len = u32::try_from(len).expect("fewer than 2^32 items");
    let mut order: Vec<u32> = (0..len).collect();
    // Ties broken by position: std's unstable sort (smaller and faster than its stable one)
    // then gives exactly the stable order.
    order.sort_unstable_by(|&a, &b| compare(a as usize, b as usize).then(a.cmp(&b)));
    order
}

/// Moves `items` so that `items[k]` becomes the item that was at `order[k]`, in place: each
/// cycle of the permutation is followed once, and `order` marks the places already filled.
fn arrange<T>(items: &mut [T], mut order: Vec<u32>) {
    for start in 0..items.len() {
        let mut k = start;
        loop {
            let from = order[k] as usize;
            order[k] = k as u32;
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so the cases are the same on every run.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn matches_std_stable_sort_on_many_lists() {
        for (seed, n, modulo) in [(1, 0, 5), (2, 1, 5), (3, 2, 2), (4, 17, 3), (5, 100, 10), (6, 1000, 50), (7, 5000, 1_000_000)] {
            // Pairs (key, original position): equal keys must keep their order.
            let items: Vec<(u64, usize)> = numbers(seed, n, modulo).into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, std, "seed {seed}, {n} items");
        }
    }

    #[test]
    fn keyed_and_natural_orders() {
        let mut words = vec!["peer".to_string(), "Appel".into(), "banaan".into(), "appel".into()];
        sort_by_cached_key(&mut words, |w| w.to_lowercase());
        assert_eq!(words, ["Appel", "appel", "banaan", "peer"]);
        sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        assert_eq!(words, ["banaan", "Appel", "appel", "peer"]);
        sort(&mut words);
        assert_eq!(words, ["Appel", "appel", "banaan", "peer"]);
    }

    #[test]
    fn arranges_items_that_are_not_copy() {
        // Owned strings moved through cycles of every length, the longest being the whole list.
        let mut items: Vec<String> = (0..50).map(|i| format!("{:02}", (i * 7) % 50)).collect();
        sort(&mut items);
        assert_eq!(items, (0..50).map(|i| format!("{i:02}")).collect::<Vec<_>>());
        let mut reversed: Vec<String> = (0..9).rev().map(|i| i.to_string()).collect();
        sort(&mut reversed);
        assert_eq!(reversed, ["0", "1", "2", "3", "4", "5", "6", "7", "8"]);
    }
}
