//! Word-level differences that read naturally.
//!
//! [`diff_words`] compares two passages word by word with `similar` and then
//! cleans the result up the way diff-match-patch's semantic clean-up does: a
//! short stretch of equal text between two changes ("en", ", ") is folded
//! into the change, so a rewording shows as a few struck and inserted
//! phrases rather than a confetti of one-word fragments.
//!
//! [`compare`] does the same for two whole documents: it aligns paragraphs
//! first (an unchanged paragraph costs a comparison of bytes), pairs up the
//! paragraphs of each changed stretch (an edited paragraph with its old
//! version, one split in two with both halves, two joined with the one they
//! became), and diffs words only inside those pairs; a paragraph that pairs
//! with none, such as a new or moved one, is inserted or deleted whole.
//!
//! Both are bounded whatever the texts: a word diff of two long passages
//! that have too little in common to be worth it is one deletion and one
//! insertion, and so is what is left of a word diff after [`TIME_LIMIT`].
//! The clean-up folds equalities in one pass (see [`cleanup_semantic`]).
//! Whatever the texts, the equal and deleted chunks in order are the old
//! text, and the equal and inserted ones the new ([`old_text`],
//! [`new_text`]).
//!
//! The parts: [`words`] (the word diff), [`cleanup`] (the semantic
//! clean-up), [`paragraphs`] (whole documents, paragraph by paragraph) and
//! [`pairing`] (the paragraphs of a changed stretch paired up).

mod cleanup;
mod pairing;
mod paragraphs;
mod words;

pub use cleanup::{cleanup_semantic, normalize};
pub use paragraphs::compare;
pub use words::{diff_words, TIME_LIMIT};

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::paragraphs::paragraphs;
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

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

    /// The word diff and clean-up as first written: a clean-up that
    /// normalises after every fold and starts over, runs of words joined by
    /// `concat`.
    mod reference {
        use super::super::words::{common_prefix, common_suffix};
        use super::super::{normalize, Chunk, Tag};
        use similar::{capture_diff_slices, Algorithm, DiffOp};
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
    fn word_diff_as_first_written_and_compare_round_trips() {
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
            let c = compare(&old, &new);
            assert_eq!(old_text(&c), old, "round {round}: {old:?} → {new:?}");
            assert_eq!(new_text(&c), new, "round {round}: {old:?} → {new:?}");
        }
    }

    #[test]
    fn prefix_backs_off_to_word_start() {
        let d = diff_words("kostnaderna", "kostnad");
        assert_eq!(show(&d), "[-kostnaderna-]{+kostnad+}");
    }

    const SENTENCES: &[&str] = &[
        "Nämnden ska minska kostnaderna för lokaler under planperioden.",
        "Kommunen bör utreda behovet av förskoleplatser före årets slut.",
        "Förvaltningen ska följa upp sjukfrånvaron bland medarbetarna i varje delårsrapport.",
        "Socialnämnden behöver samordna bemanningen i hemtjänsten i nära dialog med brukarna.",
        "Enligt prognosen uppgår kostnaderna för försörjningsstöd till 42 miljoner kronor.",
        "Bolagen förväntas hålla nere energiförbrukningen i kommunens fastigheter.",
        "Kultur- och fritidsnämnden ska prioritera tillgängligheten i kommunens lokaler.",
        "Under 2023 ökade köerna till särskilt boende med 4,2 procent jämfört med året innan.",
    ];

    /// A text of `n` paragraphs of two or three sentences each, every
    /// paragraph different.
    fn document(n: usize) -> Vec<String> {
        (0..n)
            .map(|k| {
                let s = |i: usize| SENTENCES[(k * 3 + i * 5) % SENTENCES.len()];
                format!("Stycke {k}: {} {} {}\n\n", s(0), s(1), s(k % 2 + 2))
            })
            .collect()
    }

    fn round_trips(old: &str, new: &str) -> Vec<Chunk> {
        let c = compare(old, new);
        assert_eq!(old_text(&c), old);
        assert_eq!(new_text(&c), new);
        c
    }

    #[test]
    fn identical_texts_are_one_equal_chunk() {
        let t = document(5).concat();
        assert_eq!(compare(&t, &t), [Chunk::new(Tag::Equal, t.clone())]);
        assert_eq!(compare("", ""), []);
    }

    #[test]
    fn a_moved_paragraph_is_deleted_and_inserted_whole() {
        let old = document(10);
        let mut new = old.clone();
        let p = new.remove(2);
        new.insert(7, p);
        let c = round_trips(&old.concat(), &new.concat());
        let changes: Vec<&Chunk> = c.iter().filter(|c| c.tag != Tag::Equal).collect();
        assert_eq!(
            changes,
            [
                &Chunk::new(Tag::Delete, old[2].clone()),
                &Chunk::new(Tag::Insert, old[2].clone())
            ]
        );
    }

    #[test]
    fn an_unrelated_paragraph_in_place_of_another_is_no_word_soup() {
        let mut old = document(3);
        let mut new = old.clone();
        old[1] = format!("{} {}\n\n", SENTENCES[0], SENTENCES[1]);
        new[1] = format!("{} {}\n\n", SENTENCES[2], SENTENCES[3]);
        let c = round_trips(&old.concat(), &new.concat());
        assert_eq!(
            show(&c),
            format!("{}[-{}-]{{+{}+}}{}", old[0], old[1], new[1], old[2])
        );
    }

    #[test]
    fn a_split_or_merged_paragraph_is_a_small_change() {
        let old = document(4);
        let mut new = old.clone();
        let (head, tail) = old[1].split_at(old[1].find(". ").unwrap() + 2);
        new[1] = format!("{}\n\n{tail}", head.trim_end());
        let changes = |c: &[Chunk]| -> String {
            c.iter()
                .filter(|c| c.tag != Tag::Equal)
                .map(|c| c.text.clone())
                .collect()
        };
        let split = round_trips(&old.concat(), &new.concat());
        assert_eq!(changes(&split), " \n\n", "{}", show(&split));
        let merged = round_trips(&new.concat(), &old.concat());
        assert_eq!(changes(&merged), "\n\n ", "{}", show(&merged));
    }

    #[test]
    fn pathological_texts_round_trip() {
        let long = |words: &[&str], n: usize, sep: &str| -> String {
            (0..n)
                .map(|k| words[k * 7 % words.len()])
                .collect::<Vec<_>>()
                .join(sep)
        };
        let cases = [
            // no word in common, one paragraph and many
            (
                long(&["alfa", "beta", "gamma"], 20_000, " "),
                long(&["ett", "två", "tre"], 20_000, " "),
            ),
            (
                long(&["alfa", "beta"], 20_000, "\n\n"),
                long(&["ett", "två"], 20_000, "\n\n"),
            ),
            // long repeats, one word more or less
            ("a ".repeat(30_000), "a ".repeat(29_999)),
            ("a\n\n".repeat(5_000), "a\n\nb\n\n".repeat(2_500)),
            // the same words in another order
            (
                long(&["x", "y", "z", "w"], 20_000, " "),
                long(&["w", "z", "y", "x"], 20_000, " "),
            ),
            (String::new(), "ny text".into()),
            ("gammal text\n\n".into(), String::new()),
        ];
        for (old, new) in &cases {
            round_trips(old, new);
            round_trips(new, old);
        }
    }

    #[test]
    fn splits_merges_and_moves_round_trip() {
        let mut rng = Rng(0x5EED);
        for _ in 0..200 {
            let mut paras = document(2 + rng.below(12));
            let old = paras.concat();
            for _ in 0..1 + rng.below(5) {
                let k = rng.below(paras.len());
                match rng.below(4) {
                    0 => {
                        let p = paras.remove(k);
                        let (h, t) = p.split_at(p.find(". ").unwrap() + 2);
                        paras.insert(k, format!("{h}\n\n"));
                        paras.insert(k + 1, t.to_string());
                    }
                    1 if k + 1 < paras.len() => {
                        let next = paras.remove(k + 1);
                        paras[k] = format!("{} {next}", paras[k].trim_end());
                    }
                    2 => {
                        let p = paras.remove(k);
                        let to = rng.below(paras.len() + 1);
                        paras.insert(to, p);
                    }
                    _ => {
                        let e = 1 + rng.below(4);
                        paras[k] = edit(&mut rng, &paras[k], e);
                    }
                }
            }
            round_trips(&old, &paras.concat());
        }
    }
}
