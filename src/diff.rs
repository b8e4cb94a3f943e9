//! Word-level differences that read naturally.
//!
//! [`diff_words`] compares two passages word by word with `similar` and then
//! cleans the result up the way diff-match-patch's semantic clean-up does: a
//! short stretch of equal text between two changes ("en", ", ") is folded
//! into the change, so a rewording shows as a few struck and inserted
//! phrases rather than a confetti of one-word fragments.
//!
//! [`compare`] does the same for two whole documents: it aligns paragraphs
//! first (an unchanged paragraph costs one hash), then diffs words only inside
//! the paragraphs that changed.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::hash::{Hash, Hasher};
use unicode_segmentation::UnicodeSegmentation;

/// Is a run of text unchanged, inserted or deleted?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    Equal,
    Insert,
    Delete,
}

/// A run of text with its tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    pub tag: Tag,
    pub text: String,
}

impl Chunk {
    pub fn new(tag: Tag, text: impl Into<String>) -> Chunk {
        Chunk {
            tag,
            text: text.into(),
        }
    }
}

/// The old text of a list of chunks (equal and deleted runs).
pub fn old_text(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .filter(|c| c.tag != Tag::Insert)
        .map(|c| c.text.as_str())
        .collect()
}

/// The new text of a list of chunks (equal and inserted runs).
pub fn new_text(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .filter(|c| c.tag != Tag::Delete)
        .map(|c| c.text.as_str())
        .collect()
}

/// Word-level difference of two passages, semantically cleaned up.
pub fn diff_words(old: &str, new: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    diff_words_into(old, new, &mut out);
    out
}

fn diff_words_into(old: &str, new: &str, out: &mut Vec<Chunk>) {
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
        let a: Vec<&str> = o.split_word_bounds().collect();
        let b: Vec<&str> = n.split_word_bounds().collect();
        for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
            match op {
                DiffOp::Equal { old_index, len, .. } => chunks.push(Chunk::new(
                    Tag::Equal,
                    a[old_index..old_index + len].concat(),
                )),
                DiffOp::Delete {
                    old_index, old_len, ..
                } => chunks.push(Chunk::new(
                    Tag::Delete,
                    a[old_index..old_index + old_len].concat(),
                )),
                DiffOp::Insert {
                    new_index, new_len, ..
                } => chunks.push(Chunk::new(
                    Tag::Insert,
                    b[new_index..new_index + new_len].concat(),
                )),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    chunks.push(Chunk::new(
                        Tag::Delete,
                        a[old_index..old_index + old_len].concat(),
                    ));
                    chunks.push(Chunk::new(
                        Tag::Insert,
                        b[new_index..new_index + new_len].concat(),
                    ));
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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Length of the common prefix, cut back so it does not end inside a word.
fn common_prefix(a: &str, b: &str) -> usize {
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
fn common_suffix(a: &str, b: &str) -> usize {
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

/// Folds short equalities that stand between changes into the changes and
/// merges neighbouring runs, as diff-match-patch's `diff_cleanupSemantic`
/// does: an equality goes when it is no longer than the largest change on
/// either side of it.
pub fn cleanup_semantic(chunks: &mut Vec<Chunk>) {
    normalize(chunks);
    loop {
        let mut changed = false;
        let mut i = 0;
        while i < chunks.len() {
            if chunks[i].tag != Tag::Equal || i == 0 || i + 1 >= chunks.len() {
                i += 1;
                continue;
            }
            let side = |range: &mut dyn Iterator<Item = &Chunk>| {
                let (mut ins, mut del) = (0usize, 0usize);
                for c in range.take_while(|c| c.tag != Tag::Equal) {
                    let n = c.text.chars().count();
                    if c.tag == Tag::Insert {
                        ins += n
                    } else {
                        del += n
                    }
                }
                ins.max(del)
            };
            let before = side(&mut chunks[..i].iter().rev());
            let after = side(&mut chunks[i + 1..].iter());
            let len = chunks[i].text.chars().count();
            let only_space_or_punct = chunks[i].text.chars().all(|c| !c.is_alphanumeric());
            if before > 0
                && after > 0
                && (len <= before.min(after) || (only_space_or_punct && len <= 2))
            {
                let text = std::mem::take(&mut chunks[i].text);
                chunks[i] = Chunk::new(Tag::Delete, text.clone());
                chunks.insert(i + 1, Chunk::new(Tag::Insert, text));
                changed = true;
                normalize(chunks);
                i = i.saturating_sub(2);
                continue;
            }
            i += 1;
        }
        if !changed {
            break;
        }
    }
}

/// Merges runs between equalities into one deletion then one insertion, and
/// joins neighbouring equalities; drops empty runs.
pub fn normalize(chunks: &mut Vec<Chunk>) {
    let mut out: Vec<Chunk> = Vec::with_capacity(chunks.len());
    let mut del = String::new();
    let mut ins = String::new();
    let flush = |out: &mut Vec<Chunk>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Chunk::new(Tag::Delete, std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Chunk::new(Tag::Insert, std::mem::take(ins)));
        }
    };
    for c in chunks.drain(..) {
        match c.tag {
            Tag::Delete => del.push_str(&c.text),
            Tag::Insert => ins.push_str(&c.text),
            Tag::Equal => {
                if c.text.is_empty() {
                    continue;
                }
                flush(&mut out, &mut del, &mut ins);
                match out.last_mut() {
                    Some(last) if last.tag == Tag::Equal => last.text.push_str(&c.text),
                    _ => out.push(c),
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    *chunks = out;
}

/// Splits a text into paragraphs, each keeping the line breaks that follow it.
fn paragraphs(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
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

fn hash(s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Compares two whole texts: paragraphs are aligned by hash, and only
/// changed paragraphs are diffed word by word.
pub fn compare(old: &str, new: &str) -> Vec<Chunk> {
    let a = paragraphs(old);
    let b = paragraphs(new);
    let ha: Vec<u64> = a.iter().map(|p| hash(p)).collect();
    let hb: Vec<u64> = b.iter().map(|p| hash(p)).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ha, &hb) {
        match op {
            DiffOp::Equal { old_index, len, .. } => out.push(Chunk::new(
                Tag::Equal,
                a[old_index..old_index + len].concat(),
            )),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.push(Chunk::new(
                Tag::Delete,
                a[old_index..old_index + old_len].concat(),
            )),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.push(Chunk::new(
                Tag::Insert,
                b[new_index..new_index + new_len].concat(),
            )),
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
                        &a[old_index..old_index + old_len].concat(),
                        &b[new_index..new_index + new_len].concat(),
                        &mut out,
                    );
                }
            }
        }
    }
    normalize(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(c: &[Chunk]) -> String {
        c.iter()
            .map(|c| match c.tag {
                Tag::Equal => c.text.clone(),
                Tag::Insert => format!("{{+{}+}}", c.text),
                Tag::Delete => format!("[-{}-]", c.text),
            })
            .collect()
    }

    #[test]
    fn one_word_changed() {
        let d = diff_words("Vi ska ha goda resultat.", "Vi ska ha bra resultat.");
        assert_eq!(show(&d), "Vi ska ha [-goda-]{+bra+} resultat.");
    }

    #[test]
    fn short_equalities_fold_into_changes() {
        let d = diff_words("the quick brown fox", "a slow brown dog");
        // the single space between "the"→"a" and "quick"→"slow" folds in;
        // " brown " is longer than "fox"→"dog" and stays
        assert_eq!(show(&d), "[-the quick-]{+a slow+} brown [-fox-]{+dog+}");
    }

    #[test]
    fn compare_round_trips() {
        let a = "Ett.\n\nTvå tre.\n\nFyra.\n";
        let b = "Ett.\n\nTvå fem.\n\nNytt.\n\nFyra.\n";
        let c = compare(a, b);
        assert_eq!(old_text(&c), a);
        assert_eq!(new_text(&c), b);
    }

    #[test]
    fn prefix_backs_off_to_word_start() {
        let d = diff_words("kostnaderna", "kostnad");
        assert_eq!(show(&d), "[-kostnaderna-]{+kostnad+}");
    }
}
