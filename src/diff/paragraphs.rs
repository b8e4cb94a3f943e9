//! Two whole documents compared paragraph by paragraph: unchanged paragraphs
//! cost a hash, changed ones get a word diff.

use super::words::{diff_words_into, number, offsets};
use super::{normalize, Chunk, Tag};
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// Splits a text into paragraphs, each keeping the line breaks that follow it.
pub(super) fn paragraphs(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    // from line break to line break (`find` looks for one a word at a time)
    while let Some(k) = s[i..].find('\n') {
        i += k;
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

/// Compares two whole texts: paragraphs are aligned first (each paragraph
/// gets a number, the same for the same text), and only changed paragraphs
/// are diffed word by word.
pub fn compare(old: &str, new: &str) -> Vec<Chunk> {
    let a = paragraphs(old);
    let b = paragraphs(new);
    let (na, nb) = number(&a, &b);
    // the paragraphs are consecutive slices: a run of them is one slice
    let (ao, bo) = (offsets(a.iter().copied()), offsets(b.iter().copied()));
    let old_run = |i: usize, len: usize| &old[ao[i]..ao[i + len]];
    let new_run = |i: usize, len: usize| &new[bo[i]..bo[i + len]];
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &na, &nb) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                out.push(Chunk::new(Tag::Equal, old_run(old_index, len)))
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.push(Chunk::new(Tag::Delete, old_run(old_index, old_len))),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.push(Chunk::new(Tag::Insert, new_run(new_index, new_len))),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                if old_len == new_len {
                    // paragraphs edited in place: diff each pair
                    for k in 0..old_len {
                        diff_words_into(a[old_index + k], b[new_index + k], &mut out);
                    }
                } else {
                    diff_words_into(
                        old_run(old_index, old_len),
                        new_run(new_index, new_len),
                        &mut out,
                    );
                }
            }
        }
    }
    normalize(&mut out);
    out
}
