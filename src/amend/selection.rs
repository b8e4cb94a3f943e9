//! Turning a selection in the displayed plan into a quoted passage that
//! locates uniquely.
//!
//! The browser reports a selection as block indices and offsets in UTF-16
//! code units (what the DOM counts) within the blocks' text. The selection is
//! widened to whole words; if the words stand more than once in the plan, the
//! passage is narrowed with `section` and, if that is not enough, with
//! `occurrence`, so that [`crate::locate`] finds exactly the selected place.

use crate::amendment::{Amendment, Op};
use crate::doc::Document;
use crate::error::Error;
use crate::locate::{find_all, locate};
use crate::text::Normalized;
use serde::Serialize;
use std::ops::Range;

/// A selected passage, ready to be quoted by an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The passage, whole words, blocks joined by a blank line.
    pub quote: String,
    /// The section heading to narrow by, if the passage stands in more than
    /// one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Which occurrence (1-based), if `section` is not enough.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    /// How many places in the whole plan have the passage.
    pub places: usize,
    /// The first and last block of the passage.
    pub blocks: Range<usize>,
    /// The snapped selection: UTF-16 offsets in the first and the last block.
    pub start: usize,
    pub end: usize,
    /// The heading of the section the passage starts in, and its page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub page: u32,
    /// Does the passage cover its blocks' whole text?
    pub whole: bool,
}

impl Quote {
    /// `op` narrowed so that it finds this passage.
    pub fn narrow(&self, mut op: Op) -> Op {
        op.section = self.section.clone();
        op.occurrence = self.occurrence;
        op
    }
}

/// The byte offset in `s` of UTF-16 offset `u`, clamped to `s`.
fn byte_at_utf16(s: &str, u: usize) -> usize {
    let mut n = 0;
    for (i, c) in s.char_indices() {
        if n >= u {
            return i;
        }
        n += c.len_utf16();
    }
    s.len()
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Widens `start..end` of `text` to whole words and trims white space and
/// leading punctuation. Closing punctuation the selection took in is kept.
fn snap(text: &str, mut start: usize, mut end: usize) -> Range<usize> {
    // into a word: back to its start; out of a word: forward to its end
    while let Some(c) = text[..start].chars().next_back() {
        if !is_word(c) || !text[start..].chars().next().is_some_and(is_word) {
            break;
        }
        start -= c.len_utf8();
    }
    while let Some(c) = text[end..].chars().next() {
        if !is_word(c) || !text[..end].chars().next_back().is_some_and(is_word) {
            break;
        }
        end += c.len_utf8();
    }
    // leading white space and punctuation (but an opening quotation mark or
    // parenthesis that the selection took in stays)
    while let Some(c) = text[start..end].chars().next() {
        if is_word(c) || matches!(c, '(' | '”' | '"' | '“' | '»' | '«') {
            break;
        }
        start += c.len_utf8();
    }
    while let Some(c) = text[start..end].chars().next_back() {
        if !c.is_whitespace() {
            break;
        }
        end -= c.len_utf8();
    }
    start..end
}

fn probe(op: Op) -> Amendment {
    Amendment::probe("selection", vec![op])
}

/// The quoted passage for a selection from UTF-16 offset `start` of block
/// `first` to UTF-16 offset `end` of block `last` (inclusive).
pub fn quote_at(
    doc: &Document,
    first: usize,
    start: usize,
    last: usize,
    end: usize,
) -> Result<Quote, Error> {
    let n = doc.blocks.len();
    if first >= n || last >= n || last < first {
        return Err(Error::Invalid(format!(
            "the selection runs from block {first} to block {last}; the plan has {n} blocks"
        )));
    }
    let (first_text, last_text) = (&doc.blocks[first].text, &doc.blocks[last].text);
    let mut s = byte_at_utf16(first_text, start);
    let mut e = byte_at_utf16(last_text, end);
    if first == last && e < s {
        std::mem::swap(&mut s, &mut e);
    }
    // snap the two ends in their own blocks
    let s_snapped = if first == last {
        snap(first_text, s, e)
    } else {
        snap(first_text, s, first_text.len())
    };
    let e_snapped = if first == last {
        s_snapped.clone()
    } else {
        snap(last_text, 0, e)
    };
    let (s, e) = (s_snapped.start, e_snapped.end);
    let mut quote = String::new();
    for b in first..=last {
        let t = &doc.blocks[b].text;
        let piece = match (b == first, b == last) {
            (true, true) => &t[s..e],
            (true, false) => &t[s..],
            (false, true) => &t[..e],
            (false, false) => t.as_str(),
        };
        if !quote.is_empty() && !piece.is_empty() {
            quote.push_str("\n\n");
        }
        quote.push_str(piece);
    }
    let key = Normalized::key_of(&quote);
    if !key.chars().any(is_word) {
        return Err(Error::Invalid(
            "the selection has no words; select the words to quote".into(),
        ));
    }
    let at = doc.blocks[first].text_range.start + s;
    let found = find_all(doc, &key);
    let places = found.len();
    let heading = doc.section_of(first).map(|h| h.text.clone());
    let whole = s == 0 && e == last_text.len();
    let mut q = Quote {
        quote,
        section: None,
        occurrence: None,
        places,
        blocks: first..last + 1,
        start: utf16_len(&first_text[..s]),
        end: utf16_len(&last_text[..e]),
        heading: heading.clone(),
        page: doc.blocks[first].page,
        whole,
    };
    if places <= 1 {
        return Ok(q);
    }
    // narrow by section, then by occurrence within what is left
    let resolves = |q: &Quote| {
        locate(doc, &probe(q.narrow(Op::delete(&q.quote))))
            .ok()
            .is_some_and(|(edits, _)| edits[0].range.start <= at && at < edits[0].range.end)
    };
    let mut candidates = found;
    if let Some(h) = &heading {
        q.section = Some(h.clone());
        if resolves(&q) {
            return Ok(q);
        }
        let hs = doc.find_headings(h);
        if hs.len() == 1 {
            let sb = doc.section_blocks(hs[0]);
            let span = doc.blocks[sb.start].range.start..doc.blocks[sb.end - 1].range.end;
            candidates.retain(|r| r.start >= span.start && r.end <= span.end);
        } else {
            q.section = None;
        }
    }
    let nearest = candidates
        .iter()
        .enumerate()
        .min_by_key(|(_, r)| r.start.abs_diff(at))
        .map(|(i, _)| i as u32 + 1);
    q.occurrence = nearest;
    if resolves(&q) {
        return Ok(q);
    }
    Err(Error::Invalid(format!(
        "the selected passage stands {places} times and could not be told apart: ”{}”",
        crate::text::excerpt(&q.quote, 80)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::SourceFormat;

    fn doc() -> Document {
        Document::parse(
            "# Plan\n\n## Lokaler\n\nKostnaderna ska ned. Lokalerna ska bli färre.\n\n## Drift\n\nKostnaderna ska ned. Driften ska bli billigare. Kostnaderna ska ned.\n",
            SourceFormat::Markdown,
        )
        .unwrap()
    }

    #[test]
    fn snaps_to_whole_words() {
        let d = doc();
        // "ostnaderna sk" in block 2 → "Kostnaderna ska"
        let q = quote_at(&d, 2, 1, 2, 14).unwrap();
        assert_eq!(q.quote, "Kostnaderna ska");
        assert_eq!((q.start, q.end), (0, 15));
        assert_eq!(q.section.as_deref(), Some("Lokaler"));
        // leading space and trailing space are trimmed, a full stop kept
        let q = quote_at(&d, 2, 20, 2, 46).unwrap();
        assert_eq!(q.quote, "Lokalerna ska bli färre.");
        assert_eq!(q.places, 1);
        assert_eq!(q.section, None);
        assert!(!q.whole);
    }

    #[test]
    fn offsets_are_utf16() {
        let d =
            Document::parse("# Ö\n\nÅtgärder för 😀 kommunen.\n", SourceFormat::Markdown).unwrap();
        // "kommunen" starts after "Åtgärder för 😀 " = 16 UTF-16 units
        let q = quote_at(&d, 1, 16, 1, 24).unwrap();
        assert_eq!((q.start, q.end), (16, 24));
        assert_eq!(q.quote, "kommunen");
    }

    #[test]
    fn repeated_passage_is_narrowed_by_section() {
        let d = doc();
        let q = quote_at(&d, 2, 0, 2, 20).unwrap();
        assert_eq!(q.quote, "Kostnaderna ska ned.");
        assert_eq!(q.places, 3);
        assert_eq!(q.section.as_deref(), Some("Lokaler"));
        assert_eq!(q.occurrence, None);
    }

    #[test]
    fn repeated_within_a_section_gets_an_occurrence() {
        let d = doc();
        let text = &d.blocks[4].text;
        let second = text.rfind("Kostnaderna").unwrap();
        let q = quote_at(&d, 4, second, 4, text.len()).unwrap();
        assert_eq!(q.section.as_deref(), Some("Drift"));
        assert_eq!(q.occurrence, Some(2));
        let (edits, _) = locate(&d, &probe(q.narrow(Op::replace(&q.quote, "x")))).unwrap();
        assert_eq!(edits[0].range.start, d.blocks[4].text_range.start + second);
    }

    #[test]
    fn across_blocks_and_whole_blocks() {
        let d = doc();
        let q = quote_at(&d, 3, 0, 4, 20).unwrap();
        assert_eq!(q.quote, "Drift\n\nKostnaderna ska ned.");
        assert_eq!(q.blocks, 3..5);
        let (edits, _) = locate(&d, &probe(q.narrow(Op::delete(&q.quote)))).unwrap();
        assert_eq!(edits[0].blocks.start, 3);
        let q = quote_at(&d, 2, 0, 2, 1000).unwrap();
        assert!(q.whole);
    }

    #[test]
    fn a_selection_without_words_is_an_error() {
        let d = doc();
        assert!(quote_at(&d, 2, 20, 2, 21).is_err());
        assert!(quote_at(&d, 9, 0, 9, 1).is_err());
    }
}
