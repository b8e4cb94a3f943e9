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
//!
//! Both run in time linear in the text apart from the diff itself: the
//! clean-up folds equalities in one pass (see [`cleanup_semantic`]).

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp};
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
        for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
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

/// Numbers for the paragraphs of `a` and `b`, the same number for the same
/// text, so that the diff compares numbers rather than strings (a map by
/// text, so that two paragraphs never share a number by chance).
fn number(a: &[&str], b: &[&str]) -> (Vec<u32>, Vec<u32>) {
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
fn offsets<'a>(parts: impl ExactSizeIterator<Item = &'a str>) -> Vec<usize> {
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
    if chunks.len() < 3 {
        // no equality between two changes
        return;
    }
    // Equalities and groups of changes (a deletion, an insertion or both)
    // now alternate. Folding an equality merges the groups on either side,
    // which only makes the equalities beside them more likely to go, never
    // less: so every order of folding ends at the same text, and one pass
    // from left to right that folds each equality as soon as both its
    // groups are known, and then looks again at the equality before, finds
    // it in linear time.
    #[derive(Clone, Copy)]
    enum Item {
        Equal {
            at: usize,
            chars: usize,
            punct: bool,
        },
        Group {
            del: usize,
            ins: usize,
        },
    }
    let mut fold = vec![false; chunks.len()];
    let mut stack: Vec<Item> = Vec::new();
    let mut k = 0;
    while k < chunks.len() {
        if chunks[k].tag == Tag::Equal {
            let t = &chunks[k].text;
            stack.push(Item::Equal {
                at: k,
                chars: t.chars().count(),
                punct: t.chars().all(|c| !c.is_alphanumeric()),
            });
            k += 1;
            continue;
        }
        let (mut del, mut ins) = (0, 0);
        while k < chunks.len() && chunks[k].tag != Tag::Equal {
            let n = chunks[k].text.chars().count();
            match chunks[k].tag {
                Tag::Insert => ins += n,
                _ => del += n,
            }
            k += 1;
        }
        // an equality goes when it is no longer than the larger side of the
        // change on either side of it, or is one or two spaces or marks
        while let [.., Item::Group { del: d, ins: i }, Item::Equal { at, chars, punct }] = stack[..]
        {
            let (before, after) = (d.max(i), del.max(ins));
            if before > 0 && after > 0 && (chars <= before.min(after) || (punct && chars <= 2)) {
                fold[at] = true;
                stack.truncate(stack.len() - 2);
                del += d + chars;
                ins += i + chars;
            } else {
                break;
            }
        }
        stack.push(Item::Group { del, ins });
    }
    if fold.contains(&true) {
        let old = std::mem::take(chunks);
        for (c, fold) in old.into_iter().zip(fold) {
            if fold {
                chunks.push(Chunk::new(Tag::Delete, c.text.clone()));
                chunks.push(Chunk::new(Tag::Insert, c.text));
            } else {
                chunks.push(c);
            }
        }
        normalize(chunks);
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

    /// The word diff, clean-up and comparison as first written: a clean-up
    /// that normalises after every fold and starts over, paragraphs aligned
    /// by their standard hashes, runs of words joined by `concat`.
    mod reference {
        use super::super::{common_prefix, common_suffix, normalize, Chunk, Tag};
        use similar::{capture_diff_slices, Algorithm, DiffOp};
        use std::hash::{Hash, Hasher};
        use unicode_segmentation::UnicodeSegmentation;

        /// Splits a text into paragraphs, each keeping the line breaks that follow it.
        pub(super) fn paragraphs(s: &str) -> Vec<&str> {
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

        pub(super) fn cleanup_semantic(chunks: &mut Vec<Chunk>) {
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

        fn hash(s: &str) -> u64 {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            s.hash(&mut h);
            h.finish()
        }

        pub(super) fn compare(old: &str, new: &str) -> Vec<Chunk> {
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
    }

    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    const WORDS: &[&str] = &[
        "ska",
        "nämnden",
        "kostnaderna",
        " ",
        " ",
        ", ",
        ".",
        "å",
        "en",
        "lokaler",
        "x",
        "i",
        "Över",
        "2024",
        "–",
        "”",
    ];

    fn text(rng: &mut Rng, words: usize) -> String {
        (0..words).map(|_| WORDS[rng.below(WORDS.len())]).collect()
    }

    fn edit(rng: &mut Rng, s: &str, edits: usize) -> String {
        let mut words: Vec<String> = s.split_word_bounds().map(str::to_string).collect();
        for _ in 0..edits {
            let at = rng.below(words.len() + 1);
            match rng.below(3) {
                0 if at < words.len() => words[at] = WORDS[rng.below(WORDS.len())].into(),
                1 if at < words.len() => {
                    words.remove(at);
                }
                _ => words.insert(at, WORDS[rng.below(WORDS.len())].into()),
            }
        }
        words.concat()
    }

    #[test]
    fn paragraphs_as_first_written() {
        let mut rng = Rng(0x9A9A);
        const PIECES: &[&str] = &["a", "ord ", "\n", "\n\n", "\r", "\r\n", "\n\r\n", "å"];
        for _ in 0..5000 {
            let s: String = (0..rng.below(20))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect();
            assert_eq!(paragraphs(&s), reference::paragraphs(&s), "{s:?}");
        }
    }

    #[test]
    fn clean_up_in_one_pass_as_in_many() {
        let mut rng = Rng(0xD1FF);
        const TEXTS: &[&str] = &["", " ", "a", "ab", "abc def", ", ", ".", "ord ord ord", "–"];
        for _ in 0..20_000 {
            let chunks: Vec<Chunk> = (0..rng.below(14))
                .map(|_| {
                    let tag = [Tag::Equal, Tag::Insert, Tag::Delete][rng.below(3)];
                    Chunk::new(tag, TEXTS[rng.below(TEXTS.len())])
                })
                .collect();
            let (mut fast, mut slow) = (chunks.clone(), chunks.clone());
            cleanup_semantic(&mut fast);
            reference::cleanup_semantic(&mut slow);
            assert_eq!(fast, slow, "{chunks:?}");
        }
    }

    #[test]
    fn word_diff_and_compare_as_first_written() {
        let mut rng = Rng(0xC0DE);
        for round in 0..400 {
            let (n, e) = (2 + rng.below(60), 1 + rng.below(8));
            let a = text(&mut rng, n);
            let b = edit(&mut rng, &a, e);
            assert_eq!(diff_words(&a, &b), {
                let mut out = Vec::new();
                reference::diff_words_into(&a, &b, &mut out);
                out
            });
            // documents: paragraphs edited, added, removed and split
            let paras = 1 + rng.below(12);
            let old: String = (0..paras)
                .map(|_| {
                    let n = 1 + rng.below(30);
                    text(&mut rng, n) + "\n\n"
                })
                .collect();
            let mut new: Vec<String> = reference::paragraphs(&old)
                .into_iter()
                .map(str::to_string)
                .collect();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(new.len());
                match rng.below(4) {
                    0 => {
                        let e = 1 + rng.below(3);
                        new[at] = edit(&mut rng, &new[at], e)
                    }
                    1 if new.len() > 1 => {
                        new.remove(at);
                    }
                    2 => new.insert(at, text(&mut rng, 5) + "\n\n"),
                    _ => new[at] = format!("ny.\n\n{}", new[at]),
                }
            }
            let new = new.concat();
            let (fast, slow) = (compare(&old, &new), reference::compare(&old, &new));
            assert_eq!(fast, slow, "round {round}: {old:?} → {new:?}");
            assert_eq!(old_text(&fast), old);
            assert_eq!(new_text(&fast), new);
        }
    }

    #[test]
    fn prefix_backs_off_to_word_start() {
        let d = diff_words("kostnaderna", "kostnad");
        assert_eq!(show(&d), "[-kostnaderna-]{+kostnad+}");
    }
}
