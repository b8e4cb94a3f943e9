//! Emphasis (bold, italic) beside the plan's text.
//!
//! The canonical text stays plain, so that quoting, locating and applying
//! work on the words a reader sees; emphasis is a list of [`Mark`]s, byte
//! ranges of the canonical text, each inside one block's text (never over a
//! marker or a line break), sorted, not overlapping, and no two neighbours
//! alike. A reader gives the marks of each block's text; the tracked runs
//! take them on with [`emphasize`]: a run of unchanged or deleted text keeps
//! the emphasis the plan has there, inserted text has none.

use crate::apply::Run;
use crate::diff::Tag;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Range;

/// The emphasis of a stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Em {
    pub bold: bool,
    pub italic: bool,
}

impl Em {
    pub const BOLD: Em = Em {
        bold: true,
        italic: false,
    };
    pub const ITALIC: Em = Em {
        bold: false,
        italic: true,
    };

    /// Neither bold nor italic.
    pub fn is_plain(&self) -> bool {
        !self.bold && !self.italic
    }

    /// Both emphases.
    pub fn with(self, o: Em) -> Em {
        Em {
            bold: self.bold || o.bold,
            italic: self.italic || o.italic,
        }
    }

    /// "b", "i", "bi" or "".
    pub fn code(&self) -> &'static str {
        match (self.bold, self.italic) {
            (true, true) => "bi",
            (true, false) => "b",
            (false, true) => "i",
            (false, false) => "",
        }
    }

    fn from_code(s: &str) -> Option<Em> {
        if !s.bytes().all(|b| b == b'b' || b == b'i') {
            return None;
        }
        Some(Em {
            bold: s.contains('b'),
            italic: s.contains('i'),
        })
    }
}

/// Written as its [`Em::code`]: `"b"`, `"i"` or `"bi"`.
impl Serialize for Em {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Em {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Em, D::Error> {
        let s = String::deserialize(d)?;
        Em::from_code(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("emphasis ”{s}”: use \"b\", \"i\" or \"bi\""))
        })
    }
}

/// Emphasis over a byte range of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub em: Em,
}

/// Marks as the case file keeps them: one line of text, each mark its
/// start and end and its emphasis, `"12-30b 41-47i 60-72bi"` (a long list
/// stays one short line in a pretty-printed case file).
pub fn to_text(marks: &[Mark]) -> String {
    let mut out = String::with_capacity(marks.len() * 12);
    for m in marks {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&m.range.start.to_string());
        out.push('-');
        out.push_str(&m.range.end.to_string());
        out.push_str(m.em.code());
    }
    out
}

/// Reads marks written by [`to_text`].
pub fn from_text(text: &str) -> Result<Vec<Mark>, String> {
    text.split_whitespace()
        .map(|m| {
            let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
            let a = digits(m);
            let rest = m[a..].strip_prefix('-');
            let b = rest.map_or(0, digits);
            let code = rest.map_or("", |r| &r[b..]);
            match (
                m[..a].parse(),
                rest.map(|r| r[..b].parse()),
                Em::from_code(code),
            ) {
                (Ok(start), Some(Ok(end)), Some(em)) if !em.is_plain() => Ok(Mark {
                    range: start..end,
                    em,
                }),
                _ => Err(format!(
                    "emphasis ”{m}”: write start-end and b, i or bi, as 12-30b"
                )),
            }
        })
        .collect()
}

/// (De)serializes a list of marks as [`to_text`] writes it.
pub mod as_text {
    use super::*;

    pub fn serialize<S: Serializer>(marks: &[Mark], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_text(marks))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Mark>, D::Error> {
        from_text(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Marks made well-formed: each cut to `text`'s char boundaries and to the
/// lines of `text` it crosses (`within` says which byte ranges may be
/// emphasised, sorted: the blocks' texts), overlapping emphases combined,
/// sorted, neighbours alike joined, empty and plain ones left out.
pub fn normalize(marks: &[Mark], text: &str, within: &[Range<usize>]) -> Vec<Mark> {
    // the emphasis of each byte, as bits (1 bold, 2 italic), up to the last
    // byte emphasised
    let mut bits: Vec<u8> = Vec::new();
    for m in marks {
        let b = u8::from(m.em.bold) | u8::from(m.em.italic) << 1;
        let first = within.partition_point(|w| w.end <= m.range.start);
        for w in within[first..].iter().take_while(|w| w.start < m.range.end) {
            let mut s = m.range.start.max(w.start).min(text.len());
            let mut e = m.range.end.min(w.end).min(text.len());
            while !text.is_char_boundary(s) {
                s += 1;
            }
            while !text.is_char_boundary(e) {
                e -= 1;
            }
            if b != 0 && s < e {
                if bits.len() < e {
                    bits.resize(e, 0);
                }
                bits[s..e].iter_mut().for_each(|x| *x |= b);
            }
        }
    }
    // each stretch of bytes alike; no stretch crosses from one block's text
    // into the next (the bytes between them are never emphasised)
    let mut out = Vec::new();
    let mut i = 0;
    while i < bits.len() {
        let b = bits[i];
        let j = i + bits[i..].iter().take_while(|&&x| x == b).count();
        if b != 0 {
            out.push(Mark {
                range: i..j,
                em: Em {
                    bold: b & 1 != 0,
                    italic: b & 2 != 0,
                },
            });
        }
        i = j;
    }
    out
}

/// Marks moved from one byte offset to another: `shift` added to each.
pub fn shifted(marks: &[Mark], shift: usize) -> impl Iterator<Item = Mark> + '_ {
    marks.iter().map(move |m| Mark {
        range: m.range.start + shift..m.range.end + shift,
        em: m.em,
    })
}

/// The stretches `from` and `to` have in common, as `(start in from, start
/// in to, length)` in order: the equal words of a word diff (the one
/// tracked changes use), any ASCII white space the same as a space.
fn common(from: &str, to: &str) -> Vec<(usize, usize, usize)> {
    let space = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_whitespace() { ' ' } else { c })
            .collect()
    };
    let (mut a, mut b) = (0, 0);
    let mut out = Vec::new();
    for c in crate::diff::diff_words(&space(from), &space(to)) {
        let n = c.text.len();
        match c.tag {
            Tag::Equal => {
                out.push((a, b, n));
                a += n;
                b += n;
            }
            Tag::Delete => a += n,
            Tag::Insert => b += n,
        }
    }
    out
}

/// Marks over `from` carried over to `to`, a text made from it (the same
/// blocks written again, a block corrected): each mark keeps the stretches
/// of its text that `to` still has. Not normalized.
pub fn carry(from: &str, marks: &[Mark], to: &str) -> Vec<Mark> {
    if marks.is_empty() {
        return Vec::new();
    }
    if from == to {
        return marks.to_vec();
    }
    let same = common(from, to);
    let mut out = Vec::new();
    for m in marks {
        let first = same.partition_point(|c| c.0 + c.2 <= m.range.start);
        for &(f, t, n) in same[first..].iter().take_while(|c| c.0 < m.range.end) {
            let s = m.range.start.max(f);
            let e = m.range.end.min(f + n);
            if s < e {
                out.push(Mark {
                    range: t + (s - f)..t + (e - f),
                    em: m.em,
                });
            }
        }
    }
    out
}

/// Runs of tracked changes over a text with the text's marks: every equal
/// or deleted run split where an emphasis starts or ends and given the
/// emphasis of its bytes; inserted runs stay plain. Without marks the runs
/// come back as they are.
pub fn emphasize(runs: Vec<Run>, marks: &[Mark]) -> Vec<Run> {
    if marks.is_empty() {
        return runs;
    }
    let mut out: Vec<Run> = Vec::with_capacity(runs.len() + marks.len() * 2);
    let mut orig = 0usize;
    let mut k = 0usize;
    for r in runs {
        if r.tag == Tag::Insert {
            out.push(r);
            continue;
        }
        let start = orig;
        let end = orig + r.text.len();
        orig = end;
        while k < marks.len() && marks[k].range.end <= start {
            k += 1;
        }
        if marks.get(k).is_none_or(|m| m.range.start >= end) {
            out.push(r);
            continue;
        }
        let mut at = start;
        let mut j = k;
        let piece = |out: &mut Vec<Run>, s: usize, e: usize, em: Em| {
            if s < e {
                out.push(Run {
                    tag: r.tag,
                    text: r.text[s - start..e - start].to_string(),
                    by: r.by.clone(),
                    em,
                });
            }
        };
        while at < end {
            match marks.get(j).filter(|m| m.range.start < end) {
                Some(m) => {
                    let s = m.range.start.max(at);
                    let e = m.range.end.min(end);
                    piece(&mut out, at, s, Em::default());
                    piece(&mut out, s, e, m.em);
                    at = e;
                    j += 1;
                }
                None => {
                    piece(&mut out, at, end, Em::default());
                    at = end;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: usize, e: usize, em: Em) -> Mark {
        Mark { range: s..e, em }
    }

    #[test]
    fn overlapping_marks_combine_and_neighbours_join() {
        let text = "abcdefghij";
        let got = normalize(
            &[m(0, 4, Em::BOLD), m(2, 6, Em::ITALIC), m(6, 8, Em::ITALIC)],
            text,
            std::slice::from_ref(&(0..text.len())),
        );
        let bi = Em::BOLD.with(Em::ITALIC);
        assert_eq!(got, [m(0, 2, Em::BOLD), m(2, 4, bi), m(4, 8, Em::ITALIC)]);
    }

    #[test]
    fn marks_stay_inside_block_texts_and_characters() {
        let text = "# Rubrik\n\nÅr två";
        // over the marker and the blank line, and into the middle of "Å"
        let got = normalize(&[m(0, 11, Em::BOLD)], text, &[2..8, 10..text.len()]);
        assert_eq!(got, [m(2, 8, Em::BOLD)]);
        let got = normalize(&[m(0, 12, Em::BOLD)], text, &[2..8, 10..text.len()]);
        assert_eq!(got, [m(2, 8, Em::BOLD), m(10, 12, Em::BOLD)]);
        let got = normalize(&[m(11, 14, Em::BOLD)], text, &[2..8, 10..text.len()]);
        assert_eq!(got, [m(12, 14, Em::BOLD)]);
    }

    #[test]
    fn marks_follow_their_words_into_a_corrected_text() {
        let from = "Ett\n\nTvå tre fyra.\n";
        let to = "# Ett\n\nTvå tre fyra.\n";
        let tre = from.find("tre").unwrap();
        let got = carry(from, &[m(tre, tre + 3, Em::BOLD)], to);
        let at = to.find("tre").unwrap();
        assert_eq!(got, [m(at, at + 3, Em::BOLD)]);
        // a changed word loses its emphasis, its neighbours keep theirs
        let to = "Ett\n\nTvå tri fyra.\n";
        let got = carry(from, &[m(tre - "Två ".len(), tre + 3, Em::BOLD)], to);
        let texts: Vec<&str> = got.iter().map(|m| &to[m.range.clone()]).collect();
        assert_eq!(texts.concat(), "Två ");
    }

    #[test]
    fn runs_split_where_emphasis_starts_and_ends() {
        let run = |tag, text: &str| Run {
            tag,
            text: text.into(),
            by: vec![],
            em: Em::default(),
        };
        let runs = vec![
            run(Tag::Equal, "Ett två "),
            run(Tag::Delete, "tre"),
            run(Tag::Insert, "TRE"),
            run(Tag::Equal, " fyra"),
        ];
        // "två tre fy" bold in the original
        let got = emphasize(runs, &[m(4, "Ett två tre fy".len(), Em::BOLD)]);
        let seen: Vec<(Tag, &str, bool)> = got
            .iter()
            .map(|r| (r.tag, r.text.as_str(), r.em.bold))
            .collect();
        assert_eq!(
            seen,
            [
                (Tag::Equal, "Ett ", false),
                (Tag::Equal, "två ", true),
                (Tag::Delete, "tre", true),
                (Tag::Insert, "TRE", false),
                (Tag::Equal, " fy", true),
                (Tag::Equal, "ra", false),
            ]
        );
    }
}
