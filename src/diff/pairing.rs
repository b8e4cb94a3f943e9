//! Pairing up the paragraphs of a replaced stretch.
//!
//! When the paragraph alignment leaves `m` old paragraphs facing `n` new ones
//! between two unchanged ones, some of the new are edited versions of old
//! ones, some are new text, and a paragraph may have been split in two or
//! two joined into one. [`align`] finds out which, so that only versions of
//! the same paragraph are diffed word by word and the rest are shown as
//! whole paragraphs deleted and inserted, rather than as a word diff of the
//! whole stretch (slow, and unreadable where the texts are unrelated).
//!
//! Two paragraphs are versions of each other when they share at least half
//! of their word pairs (two neighbouring words; see [`features`]). Word pairs
//! rather than words, as two unrelated paragraphs of one plan share many of
//! their words ("ska", "för", "kostnaderna") but few of their pairs, while
//! an edit of a word costs a version only the two pairs it stands in.
//!
//! The pairing is an alignment in order, like a diff, of edit steps
//! ([`Step`]) that costs the fewest changed word pairs: a paragraph deleted
//! or inserted costs all of its pairs, two versions paired the pairs they do
//! not share. It is found by dynamic programming over the `m × n` grid, or
//! over a band around its diagonal when the grid is large, so that its cost
//! stays linear in the number of paragraphs.

/// One step of an alignment of old and new paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// An old paragraph deleted.
    Delete,
    /// A new paragraph inserted.
    Insert,
    /// An old paragraph edited into a new one.
    Pair,
    /// An old paragraph split into two new ones.
    Split,
    /// Two old paragraphs joined into one new one.
    Merge,
}

impl Step {
    /// How many old and new paragraphs the step takes.
    pub(super) fn takes(self) -> (usize, usize) {
        match self {
            Step::Delete => (1, 0),
            Step::Insert => (0, 1),
            Step::Pair => (1, 1),
            Step::Split => (1, 2),
            Step::Merge => (2, 1),
        }
    }
}

/// Grid cells the alignment may visit before it keeps to a band around the
/// diagonal.
const MAX_CELLS: usize = 1 << 18;

/// Half the width of that band, at least.
const MIN_BAND: usize = 16;

/// The word pairs of a paragraph as sorted hashes, duplicates kept: each
/// word paired with the one before it, the first with the paragraph's
/// start. A word is a run of ASCII letters and digits and of non-ASCII
/// characters (å, ä, ö; also the odd dash or quotation mark, which does no
/// harm to a likeness). Spaces, punctuation and line breaks do not count, so
/// rewrapping a paragraph changes none of its pairs.
pub(super) fn features(p: &str) -> Words {
    let mut out = Vec::with_capacity(p.len() / 6 + 1);
    let mut prev: u64 = 0x51_7c_c1_b7;
    let mut word: Option<u64> = None;
    let mut end_word = |w: u64, prev: &mut u64| {
        let pair = (w ^ prev.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        out.push((pair >> 32) as u32);
        *prev = w;
    };
    for &c in p.as_bytes() {
        if c.is_ascii_alphanumeric() || c >= 0x80 {
            let h = word.unwrap_or(0xCBF2_9CE4_8422_2325);
            word = Some((h ^ c as u64).wrapping_mul(0x0100_0000_01B3));
        } else if let Some(w) = word.take() {
            end_word(w, &mut prev);
        }
    }
    if let Some(w) = word {
        end_word(w, &mut prev);
    }
    out.sort_unstable();
    let mut seen = [0u64; 4];
    for &f in &out {
        seen[(f >> 6) as usize & 3] |= 1 << (f & 63);
    }
    Words { pairs: out, seen }
}

/// A paragraph's word pairs ([`features`]), and a set of 256 bits with the
/// bit of each pair (its hash modulo 256) set, to tell cheaply that two
/// paragraphs share few pairs.
pub(super) struct Words {
    pairs: Vec<u32>,
    seen: [u64; 4],
}

impl Words {
    /// At least as many as the word pairs `self` shares with `other`: those
    /// of its pairs whose bit `other` has set.
    fn shared_at_most(&self, other: &Words) -> u32 {
        self.pairs
            .iter()
            .map(|&f| (other.seen[(f >> 6) as usize & 3] >> (f & 63)) as u32 & 1)
            .sum()
    }
}

/// How many word pairs two paragraphs share, counting repeats, if at least
/// half as many as the smaller has (fewer are no use to [`best`]), else 0.
/// A merge of the two sorted lists, without branches: each step moves on
/// in the list with the smaller item, or in both.
fn shared(a: &Words, b: &Words) -> u32 {
    let (least, at_most) = (a.pairs.len().min(b.pairs.len()) as u32, a.shared_at_most(b));
    if 2 * at_most < least {
        return 0;
    }
    let (a, b) = (&a.pairs, &b.pairs);
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += u32::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// A cell of the grid: the least cost of aligning the first `i` old and
/// `j` new paragraphs, the last step on the way there, and how many word
/// pairs old paragraph `i - 1` and new paragraph `j - 1` share.
#[derive(Clone, Copy)]
struct Cell {
    cost: u32,
    step: Step,
    shared: u32,
}

/// The grid, row by row, each row only the band of columns `lo[i]..=hi[i]`.
struct Grid {
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
    cells: Vec<Cell>,
}

impl Grid {
    /// A grid of `m + 1` rows and `n + 1` columns, banded to `band` either
    /// side of the diagonal (`m`, `n` > 0).
    fn new(m: usize, n: usize, band: usize) -> Grid {
        let (mut lo, mut hi, mut start) = (Vec::new(), Vec::new(), Vec::new());
        let mut total = 0;
        for i in 0..=m {
            // row i reaches from before where the diagonal enters it to past
            // where it leaves, so that consecutive rows overlap
            let l = (i * n / m).saturating_sub(band);
            let h = ((i + 1) * n).div_ceil(m).saturating_add(band).min(n);
            lo.push(l);
            hi.push(h);
            start.push(total);
            total += h - l + 1;
        }
        let unset = Cell {
            cost: u32::MAX,
            step: Step::Delete,
            shared: 0,
        };
        Grid {
            lo,
            hi,
            start,
            cells: vec![unset; total],
        }
    }

    fn get(&self, i: usize, j: usize) -> Option<&Cell> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| &self.cells[self.start[i] + j - self.lo[i]])
    }
}

/// Aligns `old` and `new` paragraphs (their [`features`]): the steps, in
/// order, that turn the one into the other at the least cost.
pub(super) fn align(old: &[Words], new: &[Words]) -> Vec<Step> {
    let (m, n) = (old.len(), new.len());
    if m == 0 || n == 0 {
        return [vec![Step::Delete; m], vec![Step::Insert; n]].concat();
    }
    let band = MIN_BAND.max(MAX_CELLS / (m + 1));
    let mut grid = Grid::new(m, n, band);
    for i in 0..=m {
        for j in grid.lo[i]..=grid.hi[i] {
            let cell = best(&grid, old, new, i, j);
            let k = grid.start[i] + j - grid.lo[i];
            grid.cells[k] = cell;
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (m, n);
    while i > 0 || j > 0 {
        let step = grid.get(i, j).expect("the path keeps to the band").step;
        let (di, dj) = step.takes();
        steps.push(step);
        (i, j) = (i - di, j - dj);
    }
    steps.reverse();
    steps
}

/// The weight of a paragraph: its word pairs, at least one.
fn weight(f: &Words) -> u32 {
    f.pairs.len().max(1) as u32
}

/// The best way into cell `(i, j)` from the cells before it.
fn best(grid: &Grid, old: &[Words], new: &[Words], i: usize, j: usize) -> Cell {
    if i == 0 && j == 0 {
        return Cell {
            cost: 0,
            step: Step::Pair,
            shared: 0,
        };
    }
    let from = |di: usize, dj: usize| {
        (i >= di && j >= dj)
            .then(|| grid.get(i - di, j - dj))
            .flatten()
            .filter(|c| c.cost != u32::MAX)
            .map(|c| c.cost)
    };
    let s = if i > 0 && j > 0 && from(1, 1).is_some() {
        shared(&old[i - 1], &new[j - 1])
    } else {
        0
    };
    // the cheapest option, and of equal costs the first listed
    let mut cheapest = (u32::MAX, Step::Delete);
    let mut option = |cost: u32, step: Step| {
        if cost < cheapest.0 {
            cheapest = (cost, step);
        }
    };
    if i > 0 && j > 0 {
        let (wo, wn) = (weight(&old[i - 1]), weight(&new[j - 1]));
        if let Some(c) = from(1, 1).filter(|_| 2 * s >= wo.max(wn)) {
            option(c + wo + wn - 2 * s, Step::Pair);
        }
        // split: old i - 1 into new j - 2 and j - 1
        if let (Some(c), Some(prev)) = (from(1, 2), grid.get(i, j - 1)) {
            let first = (weight(&new[j - 2]), prev.shared);
            if let Some(cost) = two_for_one(wo, first, (wn, s)) {
                option(c + cost, Step::Split);
            }
        }
        // merge: old i - 2 and i - 1 into new j - 1
        if let (Some(c), Some(prev)) = (from(2, 1), grid.get(i - 1, j)) {
            let first = (weight(&old[i - 2]), prev.shared);
            if let Some(cost) = two_for_one(wn, first, (wo, s)) {
                option(c + cost, Step::Merge);
            }
        }
    }
    // an insertion before a deletion: read from the end, the path then
    // deletes before it inserts
    if let Some(c) = from(0, 1) {
        option(c + weight(&new[j - 1]), Step::Insert);
    }
    if let Some(c) = from(1, 0) {
        option(c + weight(&old[i - 1]), Step::Delete);
    }
    let (cost, step) = cheapest;
    Cell {
        cost,
        step,
        shared: s,
    }
}

/// The cost of one paragraph of weight `w` split into, or joined from, two
/// of weights `w1` and `w2` that share `s1` and `s2` word pairs with it;
/// `None` unless each of the two is mostly its text and together they make
/// up most of it.
fn two_for_one(w: u32, (w1, s1): (u32, u32), (w2, s2): (u32, u32)) -> Option<u32> {
    let both = (s1 + s2).min(w);
    (2 * s1 >= w1 && 2 * s2 >= w2 && 2 * both >= w.max(w1 + w2)).then(|| w + w1 + w2 - 2 * both)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(old: &[&str], new: &[&str]) -> Vec<Step> {
        let f = |v: &[&str]| v.iter().map(|p| features(p)).collect::<Vec<_>>();
        align(&f(old), &f(new))
    }

    #[test]
    fn versions_pair_and_strangers_do_not() {
        let old = ["Nämnden ska minska kostnaderna för lokaler under planperioden."];
        let edited = ["Nämnden ska se över kostnaderna för lokaler under planperioden."];
        let other = ["Kommunen bör utreda behovet av förskoleplatser före årets slut."];
        assert_eq!(steps(&old, &edited), [Step::Pair]);
        assert_eq!(steps(&old, &other), [Step::Delete, Step::Insert]);
    }

    #[test]
    fn splits_and_merges() {
        let whole = "Nämnden ska minska kostnaderna för lokaler. Kommunen bör utreda behovet av förskoleplatser.";
        let halves = [
            "Nämnden ska minska kostnaderna för lokaler.",
            "Kommunen bör utreda behovet av förskoleplatser.",
        ];
        assert_eq!(steps(&[whole], &halves), [Step::Split]);
        assert_eq!(steps(&halves, &[whole]), [Step::Merge]);
    }

    #[test]
    fn a_band_reaches_the_corner() {
        let old: Vec<String> = (0..3000).map(|k| format!("gammal {k} text")).collect();
        let new: Vec<String> = (0..40).map(|k| format!("ny {k} text")).collect();
        let f = |v: &[String]| v.iter().map(|p| features(p)).collect::<Vec<_>>();
        let s = align(&f(&old), &f(&new));
        let (a, b) = s.iter().fold((0, 0), |(a, b), s| {
            let (x, y) = s.takes();
            (a + x, b + y)
        });
        assert_eq!((a, b), (3000, 40));
    }
}
