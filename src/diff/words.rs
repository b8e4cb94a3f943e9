//! The word diff: `similar` over words, spaces and punctuation, then the
//! semantic clean-up.

use super::{cleanup_semantic, Chunk, Tag};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::HashMap;
use std::hash::Hash;
use unicode_segmentation::UnicodeSegmentation;

/// Word-level difference of two passages, semantically cleaned up.
pub fn diff_words(old: &str, new: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    diff_words_into(old, new, &mut out);
    out
}

pub(super) fn diff_words_into(old: &str, new: &str, out: &mut Vec<Chunk>) {
    // common prefix and suffix, on character boundaries, backed off to a
    // word boundary so a changed word is shown whole
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(&old[prefix..], &new[prefix..]);
    let (o, n) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut chunks = Vec::new();
    if prefix > 0 {
        chunks.push(Chunk::new(Tag::Equal, &old[..prefix]));
    }
    if !o.is_empty() || !n.is_empty() {
        // room for a word and a space every four bytes, to grow seldom
        let mut a: Vec<Word> = Vec::with_capacity(o.len() / 2 + 2);
        let mut b: Vec<Word> = Vec::with_capacity(n.len() / 2 + 2);
        a.extend(o.split_word_bounds().map(Word));
        b.extend(n.split_word_bounds().map(Word));
        // the words are consecutive slices: a run of them is one slice
        let (ao, bo) = (
            offsets(a.iter().map(|w| w.0)),
            offsets(b.iter().map(|w| w.0)),
        );
        let old_run = |i: usize, len: usize| &o[ao[i]..ao[i + len]];
        let new_run = |i: usize, len: usize| &n[bo[i]..bo[i + len]];
        for op in diff_slices(&a, &b, ANCHOR_DEPTH) {
            match op {
                DiffOp::Equal { old_index, len, .. } => {
                    chunks.push(Chunk::new(Tag::Equal, old_run(old_index, len)))
                }
                DiffOp::Delete {
                    old_index, old_len, ..
                } => chunks.push(Chunk::new(Tag::Delete, old_run(old_index, old_len))),
                DiffOp::Insert {
                    new_index, new_len, ..
                } => chunks.push(Chunk::new(Tag::Insert, new_run(new_index, new_len))),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    chunks.push(Chunk::new(Tag::Delete, old_run(old_index, old_len)));
                    chunks.push(Chunk::new(Tag::Insert, new_run(new_index, new_len)));
                }
            }
        }
    }
    if suffix > 0 {
        chunks.push(Chunk::new(Tag::Equal, &old[old.len() - suffix..]));
    }
    cleanup_semantic(&mut chunks);
    out.extend(chunks);
}

/// Above this many pairs of tokens (old times new) the diff is anchored
/// before Myers' algorithm runs: its time grows with the product when the
/// texts differ much, as when a sentence is replaced by a long text.
const MYERS_PAIRS: usize = 1 << 22;

/// How many times a gap between anchors may be anchored again.
const ANCHOR_DEPTH: u32 = 3;

/// The diff of `a` and `b`: Myers' when there are at most [`MYERS_PAIRS`]
/// pairs to compare; else anchored on the tokens that stand once in each
/// and in the same order (as the patience diff does), the gaps between them
/// diffed likewise, and a gap that is still too large after `depth` rounds,
/// or has no anchor, deleted and inserted whole. Linear but for the sorting
/// of the anchors, on any input.
fn diff_slices<T: Hash + Eq + Ord>(a: &[T], b: &[T], depth: u32) -> Vec<DiffOp> {
    if a.len().saturating_mul(b.len()) <= MYERS_PAIRS {
        return capture_diff_slices(Algorithm::Myers, a, b);
    }
    let anchors = if depth == 0 {
        Vec::new()
    } else {
        anchors(a, b)
    };
    let mut out: Vec<DiffOp> = Vec::new();
    let (mut pa, mut pb) = (0, 0);
    for (ia, ib) in anchors.into_iter().chain([(a.len(), b.len())]) {
        for op in diff_gap(&a[pa..ia], &b[pb..ib], depth) {
            push_op(&mut out, shift(op, pa, pb));
        }
        if ia < a.len() {
            push_op(
                &mut out,
                DiffOp::Equal {
                    old_index: ia,
                    new_index: ib,
                    len: 1,
                },
            );
        }
        (pa, pb) = (ia + 1, ib + 1);
    }
    out
}

/// A gap between two anchors: diffed again, or deleted and inserted whole
/// when no round is left.
fn diff_gap<T: Hash + Eq + Ord>(a: &[T], b: &[T], depth: u32) -> Vec<DiffOp> {
    let small = a.len().saturating_mul(b.len()) <= MYERS_PAIRS;
    if small || (depth > 1 && !a.is_empty() && !b.is_empty()) {
        return diff_slices(a, b, depth.saturating_sub(1));
    }
    let mut out = Vec::new();
    if !a.is_empty() {
        out.push(DiffOp::Delete {
            old_index: 0,
            old_len: a.len(),
            new_index: 0,
        });
    }
    if !b.is_empty() {
        out.push(DiffOp::Insert {
            old_index: a.len(),
            new_index: 0,
            new_len: b.len(),
        });
    }
    out
}

/// The places `(in a, in b)` of the tokens that stand once in each, the
/// longest run of them in the same order in both.
fn anchors<T: Hash + Eq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    // (count in a, place in a, count in b, place in b)
    let mut seen: HashMap<&T, (u32, usize, u32, usize)> = HashMap::new();
    for (i, t) in a.iter().enumerate() {
        let e = seen.entry(t).or_insert((0, i, 0, 0));
        e.0 += 1;
    }
    for (i, t) in b.iter().enumerate() {
        if let Some(e) = seen.get_mut(t) {
            e.2 += 1;
            e.3 = i;
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|e| e.0 == 1 && e.2 == 1)
        .map(|e| (e.1, e.3))
        .collect();
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest subsequence of `pairs` (in order of their first member)
/// whose second members increase.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: the index in `pairs` ending the best run of k + 1
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, p) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < p.1);
        before[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(pairs[i]);
        at = before[i];
    }
    out.reverse();
    out
}

/// `op` with its old places moved by `da` and its new ones by `db`.
fn shift(op: DiffOp, da: usize, db: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + da,
            new_index: new_index + db,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + da,
            old_len,
            new_index: new_index + db,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + da,
            new_index: new_index + db,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + da,
            old_len,
            new_index: new_index + db,
            new_len,
        },
    }
}

/// Appends `op`, joined to an equal stretch just before it.
fn push_op(out: &mut Vec<DiffOp>, op: DiffOp) {
    if let (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) =
        (out.last_mut(), &op)
    {
        *len += more;
        return;
    }
    out.push(op);
}

/// Numbers for the paragraphs of `a` and `b`, the same number for the same
/// text, so that the diff compares numbers rather than strings (a map by
/// text, so that two paragraphs never share a number by chance).
pub(super) fn number(a: &[&str], b: &[&str]) -> (Vec<u32>, Vec<u32>) {
    let mut numbers: std::collections::HashMap<&str, u32, crate::text::FxBuild> =
        std::collections::HashMap::with_capacity_and_hasher(a.len() + b.len(), Default::default());
    let mut number = |p| -> u32 {
        let n = numbers.len() as u32;
        *numbers.entry(p).or_insert(n)
    };
    let na = a.iter().map(|&p| number(p)).collect();
    let nb = b.iter().map(|&p| number(p)).collect();
    (na, nb)
}

/// Where each of `parts` (consecutive slices of one text) starts in it, and
/// where the last ends.
pub(super) fn offsets<'a>(parts: impl ExactSizeIterator<Item = &'a str>) -> Vec<usize> {
    let mut out = Vec::with_capacity(parts.len() + 1);
    let mut at = 0;
    out.push(0);
    for p in parts {
        at += p.len();
        out.push(at);
    }
    out
}

/// A word, a run of spaces or a mark of a passage being diffed: equal when
/// the texts are, but compared byte by byte in place, as they are short,
/// rather than by a call to compare memory (which the diff makes often).
#[derive(Debug, Clone, Copy)]
struct Word<'a>(&'a str);

impl PartialEq for Word<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
    }
}

impl Eq for Word<'_> {}

impl std::hash::Hash for Word<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}

impl PartialOrd for Word<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Word<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Length of the common prefix, cut back so it does not end inside a word.
pub(super) fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        n = i + x.len_utf8();
    }
    if n == a.len() && n == b.len() {
        return n;
    }
    // back off to a word boundary
    let next_a = a[n..].chars().next();
    let next_b = b[n..].chars().next();
    let mid_word = |next: Option<char>| next.is_some_and(is_word_char);
    while n > 0 && (mid_word(next_a) || mid_word(next_b)) {
        let prev = a[..n].chars().next_back();
        if !prev.is_some_and(is_word_char) {
            break;
        }
        n -= prev.map_or(0, char::len_utf8);
    }
    n
}

/// Length of the common suffix, cut back so it does not start inside a word.
pub(super) fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    if n == a.len() && n == b.len() {
        return n;
    }
    let before_a = a[..a.len() - n].chars().next_back();
    let before_b = b[..b.len() - n].chars().next_back();
    let mid_word = |c: Option<char>| c.is_some_and(is_word_char);
    while n > 0 && (mid_word(before_a) || mid_word(before_b)) {
        let first = a[a.len() - n..].chars().next();
        if !first.is_some_and(is_word_char) {
            break;
        }
        n -= first.map_or(0, char::len_utf8);
    }
    n
}
