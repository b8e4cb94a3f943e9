//! Two whole documents compared paragraph by paragraph: unchanged paragraphs
//! cost a hash, changed ones are paired up and the pairs get a word diff.

use super::pairing::{align, features, Step, Words};
use super::words::{diff_words_into, number, offsets, Clock};
use super::{normalize, Chunk, Tag};
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

/// Splits a text into paragraphs, each keeping the line breaks that follow it.
pub(super) fn paragraphs(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    // from line break to line break
    while let Some(k) = next_line_break(bytes, i) {
        i = k;
        if i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
            let mut j = i;
            while j < bytes.len() && (bytes[j] == b'\n' || bytes[j] == b'\r') {
                j += 1;
            }
            out.push(&s[start..j]);
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Where the next line break is in `bytes` from `from` on. Looks at eight
/// bytes at a time: `x - 0x01…01 & !x & 0x80…80` has the high bit set of
/// the bytes of `x` that are zero, and of none before the first; `x` is the
/// eight bytes with the bits of a line break flipped.
fn next_line_break(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const BREAKS: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ BREAKS;
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return Some(i + zero.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|k| i + k)
}

/// Compares two whole texts, paragraph by paragraph.
///
/// The steps, each cheap enough that the whole stays close to linear in the
/// length of the texts:
///
/// 1. Identical texts are one equal chunk, and the paragraphs the texts
///    start and end with in common are set aside (a comparison of bytes).
/// 2. The paragraphs between are aligned: walking both texts side by side
///    while they agree, and looking a few paragraphs ahead where they do not
///    (see [`unchanged`]), or failing that by a diff of paragraph numbers
///    (see [`aligned`]). A paragraph moved elsewhere is deleted where it was
///    and inserted where it went.
/// 3. Each stretch between two unchanged paragraphs is paired up (see
///    [`pairing`](super::pairing)): versions of one paragraph, one split in
///    two or two joined into one are diffed word by word, the rest are
///    whole paragraphs deleted and inserted.
///
/// Word diffs are bounded (see [`diff_words`](super::diff_words)). Whatever
/// the texts, the old text is the equal and deleted chunks in order and the
/// new text the equal and inserted ones.
pub fn compare(old: &str, new: &str) -> Vec<Chunk> {
    if same(old, new) {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Chunk::new(Tag::Equal, old)]
        };
    }
    let (a, b) = (Side::new(old), Side::new(new));
    let (m, n) = (a.paras.len(), b.paras.len());
    let head = a
        .paras
        .iter()
        .zip(&b.paras)
        .take_while(|(x, y)| same(x, y))
        .count();
    let tail = a.paras[head..]
        .iter()
        .rev()
        .zip(b.paras[head..].iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let mut out = vec![Chunk::new(Tag::Equal, a.run(0, head))];
    let mut clock = Clock::start();
    let mut at = (head, head);
    let middle = (&a.paras[head..m - tail], &b.paras[head..n - tail]);
    for (i, j, len) in unchanged(middle.0, middle.1, &mut clock) {
        let (i, j) = (head + i, head + j);
        changed((&a, at.0, i), (&b, at.1, j), &mut out, &mut clock);
        out.push(Chunk::new(Tag::Equal, a.run(i, i + len)));
        at = (i + len, j + len);
    }
    changed(
        (&a, at.0, m - tail),
        (&b, at.1, n - tail),
        &mut out,
        &mut clock,
    );
    out.push(Chunk::new(Tag::Equal, a.run(m - tail, m)));
    normalize(&mut out);
    out
}

/// A text cut into paragraphs.
struct Side<'a> {
    text: &'a str,
    paras: Vec<&'a str>,
    /// where each paragraph starts, and where the last ends
    at: Vec<usize>,
}

impl<'a> Side<'a> {
    fn new(text: &'a str) -> Side<'a> {
        let paras = paragraphs(text);
        let at = offsets(paras.iter().copied());
        Side { text, paras, at }
    }

    /// Paragraphs `from..to`: as they are consecutive slices, one slice.
    fn run(&self, from: usize, to: usize) -> &'a str {
        &self.text[self.at[from]..self.at[to]]
    }
}

/// How far ahead [`unchanged`] looks for the texts to agree again after a
/// difference, in paragraphs on either side.
const LOOK_AHEAD: usize = 8;

/// The runs of paragraphs left unchanged, as `(old index, new index,
/// length)`, in order.
///
/// Most paragraphs of two versions are the same and in the same order, so
/// this walks both texts side by side, and after a difference looks a few
/// paragraphs ahead for where they agree again (two paragraphs in a row
/// equal): that costs little more than comparing the texts. Only when they
/// do not agree again within [`LOOK_AHEAD`] paragraphs is the rest aligned
/// by [`aligned`].
fn unchanged(a: &[&str], b: &[&str], clock: &mut Clock) -> Vec<(usize, usize, usize)> {
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if same(a[i], b[j]) {
            match runs.last_mut() {
                Some((ri, rj, len)) if *ri + *len == i && *rj + *len == j => *len += 1,
                _ => runs.push((i, j, 1)),
            }
            (i, j) = (i + 1, j + 1);
        } else if let Some((x, y)) = agree_again(&a[i..], &b[j..]) {
            (i, j) = (i + x, j + y);
        } else {
            let rest = aligned(&a[i..], &b[j..], clock);
            runs.extend(rest.into_iter().map(|(x, y, len)| (i + x, j + y, len)));
            break;
        }
    }
    runs
}

/// The nearest place where `a` and `b` agree again, `(x, y)` with `a[x] ==
/// b[y]` and the paragraphs after them equal too (or none left on either
/// side), at most [`LOOK_AHEAD`] ahead on each side; nearest by `x + y`.
fn agree_again(a: &[&str], b: &[&str]) -> Option<(usize, usize)> {
    let agree = |x: usize, y: usize| {
        x < a.len()
            && y < b.len()
            && same(a[x], b[y])
            && (x + 1 == a.len() || y + 1 == b.len() || same(a[x + 1], b[y + 1]))
    };
    (1..=2 * LOOK_AHEAD).find_map(|k| {
        (k.saturating_sub(LOOK_AHEAD)..=k.min(LOOK_AHEAD))
            .map(|x| (x, k - x))
            .find(|&(x, y)| agree(x, y))
    })
}

/// The runs of paragraphs left unchanged, as [`unchanged`] gives them, by a
/// diff of the whole: each paragraph gets a number, the same for the same
/// text; those found on one side only cannot be unchanged and are left out,
/// and Myers's diff aligns the rest.
fn aligned(a: &[&str], b: &[&str], clock: &mut Clock) -> Vec<(usize, usize, usize)> {
    let (na, nb) = number(a, b);
    // which side(s) each number is found on: 1 old, 2 new, 3 both
    let mut sides = vec![0u8; a.len() + b.len()];
    na.iter().for_each(|&x| sides[x as usize] |= 1);
    nb.iter().for_each(|&x| sides[x as usize] |= 2);
    let both = |v: &[u32]| -> (Vec<usize>, Vec<u32>) {
        let at: Vec<usize> = (0..v.len())
            .filter(|&i| sides[v[i] as usize] == 3)
            .collect();
        let kept = at.iter().map(|&i| v[i]).collect();
        (at, kept)
    };
    let ((ka, ra), (kb, rb)) = (both(&na), both(&nb));
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for op in capture_diff_slices_deadline(Algorithm::Myers, &ra, &rb, clock.deadline()) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                let (i, j) = (ka[old_index + k], kb[new_index + k]);
                match runs.last_mut() {
                    Some((ri, rj, rl)) if *ri + *rl == i && *rj + *rl == j => *rl += 1,
                    _ => runs.push((i, j, 1)),
                }
            }
        }
    }
    runs
}

/// The chunks of a stretch of changed paragraphs: old paragraphs
/// `from..to` of one side, in place of which the other has its own.
///
/// Paragraphs edited in place, at either end of the stretch, are diffed
/// word by word at once; the rest is paired up by [`align`].
fn changed(
    a: (&Side, usize, usize),
    b: (&Side, usize, usize),
    out: &mut Vec<Chunk>,
    clock: &mut Clock,
) {
    let ((a, mut a0, mut a1), (b, mut b0, mut b1)) = (a, b);
    while a0 < a1 && b0 < b1 && mostly_alike(a.paras[a0], b.paras[b0]) {
        diff_words_into(a.paras[a0], b.paras[b0], out, clock);
        (a0, b0) = (a0 + 1, b0 + 1);
    }
    let mut last = Vec::new();
    while a0 < a1 && b0 < b1 && mostly_alike(a.paras[a1 - 1], b.paras[b1 - 1]) {
        (a1, b1) = (a1 - 1, b1 - 1);
        last.push((a1, b1));
    }
    if a0 == a1 || b0 == b1 {
        out.push(Chunk::new(Tag::Delete, a.run(a0, a1)));
        out.push(Chunk::new(Tag::Insert, b.run(b0, b1)));
    } else {
        let fa: Vec<Words> = a.paras[a0..a1].iter().map(|p| features(p)).collect();
        let fb: Vec<Words> = b.paras[b0..b1].iter().map(|p| features(p)).collect();
        let (mut i, mut j) = (a0, b0);
        for step in align(&fa, &fb) {
            let (di, dj) = step.takes();
            let (o, n) = (a.run(i, i + di), b.run(j, j + dj));
            match step {
                Step::Delete => out.push(Chunk::new(Tag::Delete, o)),
                Step::Insert => out.push(Chunk::new(Tag::Insert, n)),
                Step::Pair | Step::Split | Step::Merge => diff_words_into(o, n, out, clock),
            }
            (i, j) = (i + di, j + dj);
        }
    }
    for &(i, j) in last.iter().rev() {
        diff_words_into(a.paras[i], b.paras[j], out, clock);
    }
}

/// Do two paragraphs start and end alike over at least three quarters of
/// the longer? Then they are versions of each other (most often a paragraph
/// with a word or two changed), without counting their word pairs; a
/// paragraph and one half of it split off are not.
fn mostly_alike(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let head = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let tail = x[head..]
        .iter()
        .rev()
        .zip(y[head..].iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    4 * (head + tail) >= 3 * x.len().max(y.len())
}

/// Are two texts the same? `==`, but in wasm, where `==` compares a byte at
/// a time, by [`same_by_words`].
fn same(a: &str, b: &str) -> bool {
    if cfg!(target_arch = "wasm32") {
        same_by_words(a.as_bytes(), b.as_bytes())
    } else {
        a == b
    }
}

/// Are two byte strings the same? Compared eight bytes at a time.
fn same_by_words(a: &[u8], b: &[u8]) -> bool {
    let word = |c: &[u8]| u64::from_ne_bytes(c.try_into().expect("eight bytes"));
    let (x, y) = (a.chunks_exact(8), b.chunks_exact(8));
    a.len() == b.len()
        && x.remainder() == y.remainder()
        && x.zip(y).all(|(p, q)| word(p) == word(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_by_words_is_equality() {
        let texts = [
            "",
            "a",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghj",
            "åäö åäö åäö",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_by_words(a.as_bytes(), b.as_bytes()),
                    a == b,
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
