//! Stable sorting with one sort routine for the whole core. The standard library's stable sort
//! is generated anew for every element type and key (about 4 KB of wasm each, 32 KB in all for
//! the core's few sorts); here the indices are sorted once, through a comparison given as a
//! trait object, and the items moved into that order.

use std::cmp::Ordering;

/// `0..count` in the order `compare` gives (stable: equal ones keep their order).
fn sorted_indices(count: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..count).collect();
    indices.sort_by(|&a, &b| compare(a, b));
    indices
}

/// Move `items` into `order` (a permutation of their positions).
fn reorder<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| taken[at].take()));
}

/// Sort `items` stably by `key` (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let order = sorted_indices(items.len(), &|a, b| key(&items[a]).cmp(&key(&items[b])));
    reorder(items, order);
}

/// Sort `items` stably (as `slice::sort`).
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    let order = sorted_indices(items.len(), &|a, b| items[a].cmp(&items[b]));
    reorder(items, order);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let words = ["pear", "fig", "apple", "kiwi", "date", "plum", "lime", "", "fig"];
        let mut ours: Vec<&str> = words.to_vec();
        let mut theirs = ours.clone();
        sort_by_key(&mut ours, |word| word.len());
        theirs.sort_by_key(|word| word.len());
        assert_eq!(ours, theirs);
        let mut ours: Vec<&str> = words.to_vec();
        let mut theirs = ours.clone();
        sort(&mut ours);
        theirs.sort();
        assert_eq!(ours, theirs);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
