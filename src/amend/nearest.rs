//! The passage most like a quote that was not found, for the "closest
//! match" of the error.
//!
//! The work is bounded whatever the plan and the quote: the quote's words
//! look up their places in the plan's word index (at most [`PROBES`] of
//! them, the rarest of each stretch of a long quote), each place votes for
//! where the passage would start, and only the [`CANDIDATES`] places with
//! the most of the quote's words are compared with it in full, a few
//! alignments each (see [`crate::text::similarity`], itself bounded).

use crate::doc::{Document, MIN_INDEXED};
use crate::text::Likeness;
use std::ops::Range;

/// At most this many words of a quote look up their places.
const PROBES: usize = 48;

/// Places compared with the quote in full.
const CANDIDATES: usize = 8;

/// A place where word `word` of the quote stands in the plan: `at` in the
/// plan's key, `start` where the quote would start if it lined up there.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: isize,
    word: u32,
    at: usize,
}

/// The passage of `doc` within canonical range `scope` most like `key`, with
/// its similarity (only if at least 40 %).
pub(crate) fn nearest_match(
    doc: &Document,
    key: &str,
    scope: Range<usize>,
) -> Option<(f32, Range<usize>)> {
    let hay = doc.norm.key.as_str();
    let lo = doc.norm.key_offset(scope.start);
    let hi = doc.norm.key_offset(scope.end).min(hay.len());
    let words = word_spans(key, 0, key.len());
    if words.is_empty() || lo >= hi {
        return None;
    }
    let mut hits = hits(doc, key, &words, lo..hi);
    if hits.is_empty() {
        return None;
    }
    crate::sort::sort_by_key(&mut hits, |h| (h.start, h.word));
    let n = words.len();
    let like = Likeness::new(key);
    let mut best: Option<(f32, Range<usize>)> = None;
    for c in candidates(&hits, n, key.len()) {
        let floor = best.as_ref().map_or(0.0, |b| b.0);
        if let Some(found) = aligned(hay, &like, n, lo..hi, &hits[c], floor) {
            if best.as_ref().is_none_or(|b| found.0 > b.0) {
                best = Some(found);
            }
        }
    }
    best.filter(|b| b.0 >= 0.4)
        .map(|(s, r)| (s, doc.norm.source_range(r)))
}

/// The places in `scope` of the quote's words that look them up: every
/// word that the plan's index has, or for a long quote the rarest of each
/// of [`PROBES`] stretches; failing those (a quote of short words, or of
/// none the plan has), the words of any length, found by a search.
fn hits(doc: &Document, key: &str, words: &[(usize, usize)], scope: Range<usize>) -> Vec<Hit> {
    let out = probe(doc, key, words, scope.clone(), false);
    if !out.is_empty() {
        return out;
    }
    probe(doc, key, words, scope, true)
}

fn probe(
    doc: &Document,
    key: &str,
    words: &[(usize, usize)],
    scope: Range<usize>,
    search: bool,
) -> Vec<Hit> {
    let word = |j: usize| &key[words[j].0..words[j].1];
    let stretch = words.len().div_ceil(PROBES);
    let mut out = Vec::new();
    for first in (0..words.len()).step_by(stretch) {
        let last = (first + stretch).min(words.len());
        let j = if search {
            Some(first)
        } else {
            (first..last)
                .filter_map(|j| indexed(doc, word(j)).filter(|&n| n > 0).map(|n| (n, j)))
                .min()
                .map(|(_, j)| j)
        };
        let Some(j) = j else {
            continue;
        };
        let offset = words[j].0 as isize;
        out.extend(places_of(doc, word(j), scope.clone()).map(|at| Hit {
            start: at as isize - offset,
            word: j as u32,
            at,
        }));
    }
    out
}

/// The word as written, in lower case and capitalised.
fn forms(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let first = lower.chars().next().map_or(0, char::len_utf8);
    let mut capital: String = lower[..first].to_uppercase();
    capital.push_str(&lower[first..]);
    let mut forms = vec![word.to_string(), lower, capital];
    forms.sort_unstable();
    forms.dedup();
    forms
}

/// How many places the index lists for the forms of `word` (some may be
/// other words with the same hash), or `None` if it is too short to be
/// indexed.
fn indexed(doc: &Document, word: &str) -> Option<usize> {
    (word.len() >= MIN_INDEXED).then(|| {
        forms(word)
            .iter()
            .map(|f| doc.word_index.get(f).map_or(0, <[u32]>::len))
            .sum()
    })
}

/// Where `word` stands in `scope` of the plan's key, as a whole word,
/// whatever the case of its letters: from the index, or by a search if the
/// word is too short to be indexed.
fn places_of<'d>(
    doc: &'d Document,
    word: &str,
    scope: Range<usize>,
) -> impl Iterator<Item = usize> + 'd {
    let hay = doc.norm.key.as_str();
    let mut out: Vec<usize> = Vec::new();
    for form in forms(word) {
        let whole = |p: usize| {
            let end = p + form.len();
            end <= scope.end
                && hay.get(p..end) == Some(form.as_str())
                && !hay[end..].chars().next().is_some_and(char::is_alphanumeric)
                && !hay[..p]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        };
        if let Some(list) = doc.word_index.get(&form) {
            let from = list.partition_point(|&p| (p as usize) < scope.start);
            let list = &list[from..];
            let to = list.partition_point(|&p| (p as usize) < scope.end);
            out.extend(list[..to].iter().map(|&p| p as usize).filter(|&p| whole(p)));
        } else {
            let found = hay[scope.clone()].match_indices(form.as_str());
            out.extend(found.map(|(i, _)| scope.start + i).filter(|&p| whole(p)));
        }
    }
    out.into_iter()
}

/// The best [`CANDIDATES`] groups of hits (ranges of `hits`, sorted by
/// start), each the hits whose starts lie within a window of the quote's
/// length over four, ranked by how many different words of the quote they
/// have; groups apart from each other.
fn candidates(hits: &[Hit], words: usize, len: usize) -> Vec<Range<usize>> {
    let width = (len / 4).max(32) as isize;
    let mut count = vec![0u32; words];
    let mut distinct = 0;
    let mut lo = 0;
    let mut windows = Vec::with_capacity(hits.len());
    for (hi, h) in hits.iter().enumerate() {
        count[h.word as usize] += 1;
        distinct += (count[h.word as usize] == 1) as u32;
        while h.start - hits[lo].start > width {
            count[hits[lo].word as usize] -= 1;
            distinct -= (count[hits[lo].word as usize] == 0) as u32;
            lo += 1;
        }
        windows.push((distinct, lo..hi + 1));
    }
    // most words first; of equals, the earliest (a counting sort)
    let mut by_count: Vec<Vec<Range<usize>>> = vec![Vec::new(); words + 1];
    for (count, w) in windows {
        by_count[count as usize].push(w);
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for w in by_count.into_iter().rev().flatten() {
        let apart = |o: &Range<usize>| {
            let (a, b) = (hits[w.start].start, hits[o.start].start);
            (a - b).abs() > width
        };
        if out.iter().all(apart) {
            out.push(w);
            if out.len() == CANDIDATES {
                break;
            }
        }
    }
    out
}

/// The passage of the plan's key most like the quote (`like`, of `n`
/// words) that a group of hits suggests, if more alike than `floor`: it
/// starts as many words before the group's first hit as the quote has
/// before that word, or a word more or less, or any number fewer (the
/// quote's first words may be other words), and ends likewise after its
/// last hit, running on to closing punctuation. The best start is chosen
/// first, then the best end for it.
fn aligned(
    hay: &str,
    like: &Likeness,
    n: usize,
    scope: Range<usize>,
    group: &[Hit],
    floor: f32,
) -> Option<(f32, Range<usize>)> {
    let chain = in_order(group);
    let (first, last) = (chain.first()?, chain.last()?);
    let before = first.word as usize;
    let after = n - 1 - last.word as usize;
    let starts = options(
        &words_before(hay, scope.start, first.at, before + 1),
        before,
    );
    let ends = options(&words_after(hay, scope.end, last.at, after + 2), after);
    let mut best: Option<(f32, Range<usize>)> = None;
    let expected = *ends.last()?;
    for &s in &starts {
        consider(
            hay,
            like,
            like.len(),
            s..closing(hay, expected.max(s)),
            floor,
            &mut best,
        );
    }
    let start = best.as_ref().map_or(*starts.last()?, |b| b.1.start);
    for &e in &ends {
        consider(
            hay,
            like,
            like.len(),
            start..closing(hay, e.max(start)),
            floor,
            &mut best,
        );
    }
    best
}

/// Compares passage `r` of the plan's key with the quote (`like`, of
/// `len` bytes), and keeps it in `best` if it is more alike than that and
/// than `floor`.
fn consider(
    hay: &str,
    like: &Likeness,
    len: usize,
    r: Range<usize>,
    floor: f32,
    best: &mut Option<(f32, Range<usize>)>,
) {
    let (la, lb) = (len as f32, r.len() as f32);
    let top = best.as_ref().map_or(floor, |b| b.0.max(floor));
    // no passage of this length can beat the best so far
    if r.is_empty() || 2.0 * la.min(lb) / (la + lb) <= top {
        return;
    }
    let sim = like.to(&hay[r.clone()]);
    if sim > top {
        *best = Some((sim, r));
    }
}

/// The places of `v` (word starts or ends, nearest the hit first) worth
/// trying when the quote has `k` words beyond the hit: the `k`th, a word
/// either way, and every nearer one (for a large `k`, a few spread out).
/// The one for `k` (or the farthest there is) comes last.
fn options(v: &[usize], k: usize) -> Vec<usize> {
    let mut out: Vec<usize> = if k <= 8 {
        (0..=k + 1).collect()
    } else {
        vec![0, k / 4, k / 2, 3 * k / 4, k - 1, k + 1]
    };
    out.retain(|&i| i != k && i < v.len());
    out.push(k.min(v.len().saturating_sub(1)));
    out.into_iter().filter_map(|i| v.get(i).copied()).collect()
}

/// The most hits of `group` that stand in the plan in the quote's order
/// (each word once): the hits that line the quote up, without those of a
/// word that happens to stand nearby as well.
fn in_order(group: &[Hit]) -> Vec<Hit> {
    let mut hits = group.to_vec();
    // of one word's hits, the later first, so that a run takes one of them
    crate::sort::sort_by(&mut hits, |a, b| a.word.cmp(&b.word).then(b.at.cmp(&a.at)));
    // tails[k]: the hit ending the best run of k + 1 found so far
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; hits.len()];
    for (i, h) in hits.iter().enumerate() {
        let k = tails.partition_point(|&t| hits[t].at < h.at);
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
        out.push(hits[i]);
        at = before[i];
    }
    out.reverse();
    out
}

/// The starts of the word at `at` and of up to `k` words before it, down
/// to `lo`: the word at `at` first.
fn words_before(hay: &str, lo: usize, at: usize, k: usize) -> Vec<usize> {
    let mut out = vec![at];
    let mut in_word = false;
    let mut end = at;
    for (i, c) in hay[lo..at].char_indices().rev() {
        if out.len() > k {
            break;
        }
        let w = c.is_alphanumeric();
        if in_word && !w {
            out.push(end);
        }
        in_word = w;
        end = lo + i;
    }
    if in_word && out.len() <= k {
        out.push(end);
    }
    out
}

/// The ends of the word at `at` and of up to `k` words after it, up to
/// `hi`: the word at `at` first.
fn words_after(hay: &str, hi: usize, at: usize, k: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_word = false;
    for (i, c) in hay[at..hi].char_indices() {
        let w = c.is_alphanumeric();
        if in_word && !w {
            out.push(at + i);
            if out.len() > k {
                return out;
            }
        }
        in_word = w;
    }
    if in_word {
        out.push(hi);
    }
    out
}

/// `e`, or just after the closing punctuation that follows it.
fn closing(hay: &str, e: usize) -> usize {
    hay[e..]
        .chars()
        .next()
        .filter(|c| ".,;:!?\"".contains(*c))
        .map_or(e, |c| e + c.len_utf8())
}

/// The `(start, end)` of every word of `s[lo..hi]`.
fn word_spans(s: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s[lo..hi].char_indices() {
        let i = i + lo;
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((st, i));
        }
    }
    if let Some(st) = start {
        out.push((st, hi));
    }
    out
}
