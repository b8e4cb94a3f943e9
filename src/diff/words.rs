//! The word diff: `similar` over words, spaces and punctuation, then the
//! semantic clean-up.

use super::{cleanup_semantic, Chunk, Tag};
use similar::{capture_diff_slices, capture_diff_slices_deadline, Algorithm, DiffOp, Instant};
use std::collections::HashMap;
use std::time::Duration;
use unicode_segmentation::UnicodeSegmentation;

/// Word-level difference of two passages, semantically cleaned up.
///
/// Bounded like [`compare`](super::compare): two long passages that cannot
/// have much in common are shown as one deletion and one insertion rather
/// than diffed, and a diff still running after [`TIME_LIMIT`] gives up on
/// what is left of it the same way.
pub fn diff_words(old: &str, new: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    diff_words_into(old, new, &mut out, &mut Clock::default());
    out
}

pub(super) fn diff_words_into(old: &str, new: &str, out: &mut Vec<Chunk>, clock: &mut Clock) {
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
        match word_ops(&a, &b, clock) {
            Some(ops) => push_ops(&ops, o, n, &a, &b, &mut chunks),
            None => {
                chunks.push(Chunk::new(Tag::Delete, o));
                chunks.push(Chunk::new(Tag::Insert, n));
            }
        }
    }
    if suffix > 0 {
        chunks.push(Chunk::new(Tag::Equal, &old[old.len() - suffix..]));
    }
    cleanup_semantic(&mut chunks);
    out.extend(chunks);
}

/// The chunks of a diff of the words `a` of `o` and `b` of `n`.
fn push_ops(ops: &[DiffOp], o: &str, n: &str, a: &[Word], b: &[Word], chunks: &mut Vec<Chunk>) {
    // the words are consecutive slices: a run of them is one slice
    let (ao, bo) = (
        offsets(a.iter().map(|w| w.0)),
        offsets(b.iter().map(|w| w.0)),
    );
    let old_run = |i: usize, len: usize| &o[ao[i]..ao[i + len]];
    let new_run = |i: usize, len: usize| &n[bo[i]..bo[i + len]];
    for op in ops {
        match *op {
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

/// How long the word diffs of one comparison may take together before the
/// rest of each is shown as one deletion and one insertion.
pub const TIME_LIMIT: Duration = Duration::from_millis(500);

/// Myers's diff of `n` and `m` words takes at most about `(n + m)²` steps:
/// below this many words a diff is cheap whatever the texts, and runs
/// without looking at the clock.
const SMALL: usize = 1_000;

/// Steps a diff of more than [`SMALL`] words may be expected to take, at
/// least, before it is not tried (see [`word_ops`]).
const MAX_STEPS: usize = 50_000_000;

/// The time the word diffs of one comparison started, and the words
/// diffed since the clock was last read, so that it is read seldom.
#[derive(Default)]
pub(super) struct Clock {
    deadline: Option<Instant>,
    words: usize,
}

impl Clock {
    /// A clock started now.
    pub(super) fn start() -> Clock {
        Clock {
            deadline: Some(Instant::now() + TIME_LIMIT),
            words: 0,
        }
    }

    /// Has the time run out (read now)?
    pub(super) fn is_up(&mut self) -> bool {
        self.words = 0;
        let now = Instant::now();
        now > *self.deadline.get_or_insert(now + TIME_LIMIT)
    }

    /// Counts `words` diffed; has the time run out? Reads the clock (a call
    /// out of the module in the browser) once every [`SMALL`] words, and
    /// starts it on the first read.
    fn out_of_time(&mut self, words: usize) -> bool {
        self.words += words;
        self.words >= SMALL && self.is_up()
    }

    pub(super) fn deadline(&mut self) -> Option<Instant> {
        Some(
            *self
                .deadline
                .get_or_insert_with(|| Instant::now() + TIME_LIMIT),
        )
    }
}

/// The diff of the words `a` and `b`, or `None` when it would cost too much:
/// when the time is up, or when the words are many and too few of them are
/// shared for the diff to be worth its cost. Myers's diff takes about
/// `(n + m) · d` steps for `d` words deleted or inserted, and `d` is at
/// least the number of words one side has more of than the other.
fn word_ops(a: &[Word], b: &[Word], clock: &mut Clock) -> Option<Vec<DiffOp>> {
    let len = a.len() + b.len();
    if clock.out_of_time(len) {
        return None;
    }
    if len <= SMALL {
        return Some(capture_diff_slices(Algorithm::Myers, a, b));
    }
    if len.saturating_mul(unmatched(a, b)) > MAX_STEPS {
        return None;
    }
    Some(capture_diff_slices_deadline(
        Algorithm::Myers,
        a,
        b,
        clock.deadline(),
    ))
}

/// How many of the words of `a` and `b` have no counterpart on the other
/// side, counting repeats: a diff deletes or inserts at least these.
fn unmatched(a: &[Word], b: &[Word]) -> usize {
    let mut count: HashMap<&str, isize, crate::text::FxBuild> = HashMap::default();
    for w in a {
        *count.entry(w.0).or_default() += 1;
    }
    for w in b {
        *count.entry(w.0).or_default() -= 1;
    }
    count.values().map(|c| c.unsigned_abs()).sum()
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
