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

/// Written `[start, end, "b"]`, as the case file keeps it.
impl Serialize for Mark {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.range.start, self.range.end, self.em).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Mark {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Mark, D::Error> {
        let (start, end, em) = <(usize, usize, Em)>::deserialize(d)?;
        Ok(Mark {
            range: start..end,
            em,
        })
    }
}

/// Marks made well-formed: each cut to `text`'s char boundaries and to the
/// lines of `text` it crosses (`within` says which byte ranges may be
/// emphasised, sorted: the blocks' texts), overlapping emphases combined,
/// sorted, neighbours alike joined, empty and plain ones left out.
pub fn normalize(marks: &[Mark], text: &str, within: &[Range<usize>]) -> Vec<Mark> {
    let mut cuts: Vec<(usize, usize, Em)> = Vec::new();
    for m in marks.iter().filter(|m| !m.em.is_plain()) {
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
            if s < e {
                cuts.push((s, e, m.em));
            }
        }
    }
    if cuts.is_empty() {
        return Vec::new();
    }
    // every place an emphasis starts or ends, then each stretch between two
    let mut points: Vec<usize> = cuts.iter().flat_map(|c| [c.0, c.1]).collect();
    points.sort_unstable();
    points.dedup();
    cuts.sort_by_key(|c| c.0);
    let mut out: Vec<Mark> = Vec::new();
    // the marks over the stretch, found by a sweep
    let mut open: Vec<(usize, Em)> = Vec::new();
    let mut next = 0;
    for w in points.windows(2) {
        let (s, e) = (w[0], w[1]);
        open.retain(|o| o.0 > s);
        while next < cuts.len() && cuts[next].0 <= s {
            open.push((cuts[next].1, cuts[next].2));
            next += 1;
        }
        let em = open.iter().fold(Em::default(), |a, o| a.with(o.1));
        if em.is_plain() {
            continue;
        }
        match out.last_mut() {
            Some(l) if l.range.end == s && l.em == em => l.range.end = e,
            _ => out.push(Mark { range: s..e, em }),
        }
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
/// in to, length)` in order: lines first, then the bytes of the lines that
/// differ (any white space the same as any other).
fn common(from: &str, to: &str) -> Vec<(usize, usize, usize)> {
    use similar::{capture_diff_slices, Algorithm, DiffTag};
    fn lines(s: &str) -> (Vec<&str>, Vec<usize>) {
        let mut at = 0;
        let mut starts = Vec::new();
        let ls: Vec<&str> = s
            .split_inclusive('\n')
            .inspect(|l| {
                starts.push(at);
                at += l.len();
            })
            .collect();
        starts.push(at);
        (ls, starts)
    }
    let (a, a_at) = lines(from);
    let (b, b_at) = lines(to);
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, x, y) = op.as_tag_tuple();
        let (xs, xe, ys, ye) = (a_at[x.start], a_at[x.end], b_at[y.start], b_at[y.end]);
        match tag {
            DiffTag::Equal => out.push((xs, ys, xe - xs)),
            DiffTag::Replace => {
                // a line break that became a space is the same white space
                let space = |s: &[u8]| -> Vec<u8> {
                    s.iter()
                        .map(|&b| if b.is_ascii_whitespace() { b' ' } else { b })
                        .collect()
                };
                let (p, q) = (
                    space(&from.as_bytes()[xs..xe]),
                    space(&to.as_bytes()[ys..ye]),
                );
                for op in capture_diff_slices(Algorithm::Myers, &p, &q) {
                    let (tag, x, y) = op.as_tag_tuple();
                    if tag == DiffTag::Equal {
                        out.push((xs + x.start, ys + y.start, x.len()));
                    }
                }
            }
            _ => {}
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
        assert_eq!(texts.concat(), "Två tr");
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
