//! Stable sorting with one copy of the standard library's sort.
//!
//! Each `sort_by_key` of its own element type and closure is a copy of the
//! standard stable sort, several KB of wasm each. The engine sorts short
//! lists — edits, marks, groups, hits — in some fifteen places; these
//! functions sort a list of indices with one comparison type instead and
//! then move the elements into place, so the browser's modules hold the
//! sort once. The cost is a call through a pointer per comparison and one
//! list of indices.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `slice::sort_by` does.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` stably by `key`, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..len` sorted stably by `cmp`: the one instance of the
/// standard sort.
fn order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_as_the_standard_sort() {
        let mut v: Vec<(u8, char)> = "dbacbadc".chars().map(|c| (c as u8 % 3, c)).collect();
        let mut expected = v.clone();
        expected.sort_by_key(|x| x.0);
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, expected);
        let mut w: Vec<String> = ["b", "a", "c"].map(String::from).to_vec();
        sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w, ["c", "b", "a"]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
    }
}
