//! The plan text: parsing Markdown or text pasted from a PDF into blocks.
//!
//! A [`Document`] is a list of [`Block`]s (headings, paragraphs, list items)
//! with stable ids, page numbers and the section each belongs to. It also has
//! a *canonical text*: the blocks written as Markdown, separated by blank
//! lines. Every amendment resolves to byte ranges of that canonical text, so
//! applying, conflicts and tracked changes all work on one string.

use crate::error::Error;
use crate::plan::emphasis::{self, Mark};
use crate::text::{joins_hyphenated, joins_keeping_hyphen, nfc, Normalized};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The largest plan accepted, in bytes (a 100-page plan is about 400 kB).
pub const MAX_PLAN_BYTES: usize = 20 * 1024 * 1024;
/// The longest block accepted, in characters: a longer "paragraph" is a sign
/// that the input is not a plan text (a minified file, a binary dump).
pub const MAX_BLOCK_CHARS: usize = 100_000;

/// How the plan text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Decide from the text: Markdown if a line starts with `# `.
    #[default]
    Auto,
    /// Markdown: `#` headings, `-`/`*` list items, blank lines between paragraphs.
    Markdown,
    /// Plain text as pasted from a PDF (hard-wrapped lines, form feeds between pages).
    Text,
    /// amend's structured form (see [`crate::plan`]): one block a line, the
    /// form of every [`Document::canonical`] text.
    Structured,
    /// Read from a .docx file, in the structured form of [`crate::plan`].
    Docx,
    /// Read from a PDF file, in the structured form of [`crate::plan`].
    Pdf,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum BlockKind {
    /// A heading of level 1 (the title) to 6.
    Heading { level: u8 },
    /// A paragraph of body text.
    #[default]
    Paragraph,
    /// One item of a bulleted or numbered list (its marker and nesting are
    /// [`Block::marker`] and [`Block::depth`]).
    ListItem,
    /// One row of a table; its text is the cells joined by ` | `.
    TableRow,
}

/// One block of the plan. Two blocks are equal when they are the same block
/// of the same canonical text: where each came from in a source is not
/// compared.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Stable id: the heading's slug for a heading (`h-lokaleffektivitet`),
    /// the section's slug and a number for the rest (`h-lokaleffektivitet/p2`).
    pub id: String,
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The block's text, without Markdown markers, in NFC.
    pub text: String,
    /// The page the block starts on (1-based; 1 if the text has no page breaks).
    pub page: u32,
    /// Index of the heading block of the innermost section holding this block
    /// (for a heading: its parent section's heading).
    pub parent: Option<usize>,
    /// Byte range of the whole block (markers included) in the canonical text.
    pub range: Range<usize>,
    /// Byte range of the block's text in the canonical text.
    pub text_range: Range<usize>,
    /// A list item's marker as the plan writes it ("1.", "a)", "i.", or "-"
    /// for a bullet); empty for other blocks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub marker: String,
    /// A list item's nesting level (0 for a top-level item).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub depth: u8,
    /// Byte range of the block in the plan's source, where the source can be
    /// written back as it was (a Markdown plan): from the block's start to
    /// the next block's start.
    #[serde(skip)]
    pub source: Option<Range<usize>>,
}

pub(crate) fn is_zero(n: &u8) -> bool {
    *n == 0
}

impl PartialEq for Block {
    fn eq(&self, o: &Block) -> bool {
        self.id == o.id
            && self.kind == o.kind
            && self.text == o.text
            && self.page == o.page
            && self.parent == o.parent
            && self.range == o.range
            && self.text_range == o.text_range
            && self.marker == o.marker
            && self.depth == o.depth
    }
}

impl Block {
    /// The heading level, if the block is a heading.
    pub fn level(&self) -> Option<u8> {
        match self.kind {
            BlockKind::Heading { level } => Some(level),
            _ => None,
        }
    }
}

/// A parsed plan.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The canonical text: blocks as Markdown, separated by blank lines,
    /// ending with a newline.
    pub canonical: String,
    /// The match key of the canonical text (see [`Normalized`]).
    pub(crate) norm: Normalized,
    /// Byte ranges in `norm.key` where each alphanumeric word starts, for
    /// finding quoted passages quickly.
    pub(crate) word_index: WordIndex,
    /// The [`heading_key`] of every heading, by block index, made on the
    /// first [`Document::find_headings`].
    heading_keys: std::sync::OnceLock<Vec<(usize, String)>>,
    /// The plan's source, when it can be written back as it was (a Markdown
    /// plan): see [`Block::source`].
    pub source: Option<String>,
    /// Emphasis (bold, italic) over byte ranges of the canonical text, each
    /// inside one block's text (see [`crate::plan::emphasis`]); empty for a
    /// plan without any, or whose reader does not know it.
    pub marks: Vec<Mark>,
}

/// Where each word of a match key starts, in text order, found by the
/// word's [`word_hash`]. Words that happen to share a hash share a list:
/// whoever looks a word up compares the text at each place anyway.
///
/// The lists lie one after another in one vector, and an open-addressing
/// table leads from a hash to its list: building it costs a probe of a small
/// table and two stores a word, with no allocation per word.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordIndex {
    /// `(high half of the hash, list + 1)`, or `(0, 0)` for a free slot; a
    /// power of two long. Half a hash keeps the table small enough to stay
    /// in the fastest cache; words that share it share a list.
    slots: Vec<(u32, u32)>,
    /// List `n` is `places[starts[n]..starts[n + 1]]`.
    starts: Vec<u32>,
    places: Vec<u32>,
}

/// Words of fewer bytes than this ("i", "av", "och", "på", a good quarter
/// of a Swedish text) are left out of the [`WordIndex`]: a quote is found by
/// a longer word, or, if it has none, by a search of the whole key.
pub(crate) const MIN_INDEXED: usize = 4;

impl WordIndex {
    fn build(key: &str) -> WordIndex {
        let mut slots = vec![(0u32, 0u32); 1024];
        let mut counts: Vec<u32> = Vec::new();
        // (list, place) of every word, in text order
        let mut seq: Vec<(u32, u32)> = Vec::with_capacity(key.len() / 6);
        for_each_word(key, |at, word| {
            if word.len() < MIN_INDEXED {
                return;
            }
            let h = (word_hash(word) >> 32) as u32;
            let n = match Self::probe(&slots, h) {
                Ok(n) => n,
                Err(free) => {
                    slots[free] = (h, counts.len() as u32 + 1);
                    counts.push(0);
                    if counts.len() * 2 > slots.len() {
                        slots = Self::grow(&slots);
                    }
                    counts.len() - 1
                }
            };
            counts[n] += 1;
            seq.push((n as u32, at as u32));
        });
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0;
        starts.push(0);
        for c in &counts {
            total += c;
            starts.push(total);
        }
        let mut fill: Vec<u32> = starts[..counts.len()].to_vec();
        let mut places = vec![0u32; seq.len()];
        for (n, at) in seq {
            places[fill[n as usize] as usize] = at;
            fill[n as usize] += 1;
        }
        WordIndex {
            slots,
            starts,
            places,
        }
    }

    /// The list of hash `h`, or the free slot where it would go.
    fn probe(slots: &[(u32, u32)], h: u32) -> Result<usize, usize> {
        let mask = slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            match slots[i] {
                (_, 0) => return Err(i),
                (k, n) if k == h => return Ok(n as usize - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn grow(slots: &[(u32, u32)]) -> Vec<(u32, u32)> {
        let mut bigger = vec![(0u32, 0u32); slots.len() * 2];
        for &(h, n) in slots.iter().filter(|s| s.1 != 0) {
            if let Err(free) = Self::probe(&bigger, h) {
                bigger[free] = (h, n);
            }
        }
        bigger
    }

    /// Where `word` (and any word with the same hash) starts, or `None`
    /// for a word too short to be indexed.
    pub(crate) fn get(&self, word: &str) -> Option<&[u32]> {
        if word.len() < MIN_INDEXED {
            return None;
        }
        if self.slots.is_empty() {
            return Some(&[]);
        }
        Some(
            match Self::probe(&self.slots, (word_hash(word) >> 32) as u32) {
                Ok(n) => &self.places[self.starts[n] as usize..self.starts[n + 1] as usize],
                Err(_) => &[],
            },
        )
    }
}

/// The key of a word in the [`WordIndex`]: a hash of its length and of its
/// first and last eight bytes (or four, or three single bytes, in a short
/// word). Two words that differ only further inside share a key, which costs
/// a few more comparisons and nothing else.
#[inline]
pub(crate) fn word_hash(word: &str) -> u64 {
    let b = word.as_bytes();
    let n = b.len();
    let load8 = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let load4 = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u32::from_le_bytes(w) as u64
    };
    let (head, tail) = match n {
        8.. => (load8(0), load8(n - 8)),
        4..=7 => (load4(0), load4(n - 4)),
        1..=3 => (
            (b[0] as u64) << 16 | (b[n / 2] as u64) << 8 | b[n - 1] as u64,
            0,
        ),
        0 => (0, 0),
    };
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    (head.wrapping_mul(K) ^ tail.rotate_left(29) ^ n as u64).wrapping_mul(K)
}

/// The high bit of every byte of the eight bytes `w` (read little-endian)
/// that belongs to a word, if they hold nothing but ASCII and whole letters
/// from U+00C0 to U+00FF (none cut at the end, no × or ÷); else `None`.
#[inline]
fn word_bytes8(w: u64) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| !(((x & !HIGH) + !HIGH) | x) & HIGH;
    let high = w & HIGH;
    let low = w & !HIGH;
    // a-z after folding case, and 0-9 (no borrow crosses a byte: each
    // minuend byte has its high bit set)
    let lower = low | (0x20 * ONES);
    let letter = ((lower | HIGH) - 0x61 * ONES) & (((0x7A * ONES) | HIGH) - lower);
    let digit = ((low | HIGH) - 0x30 * ONES) & (((0x39 * ONES) | HIGH) - low);
    let ascii = (letter | digit) & HIGH & !high;
    // bytes from 0xC0 on lead a character; all must be 0xC3, each followed
    // by its continuation byte here
    let lead = w & (w << 1) & HIGH;
    let c3 = zero(w ^ (0xC3 * ONES));
    let cont = high & !lead;
    let odd = zero(w ^ (0x97 * ONES)) | zero(w ^ (0xB7 * ONES));
    if lead & !c3 != 0 || cont != c3 << 8 || c3 >> 63 != 0 || odd != 0 {
        return None;
    }
    Some(ascii | high)
}

/// Calls `f` with the offset and text of every word (maximal run of
/// alphanumeric characters) of `s`, in order.
#[inline(always)]
pub(crate) fn for_each_word<'s>(s: &'s str, mut f: impl FnMut(usize, &'s str)) {
    let bytes = s.as_bytes();
    // where the word being read started
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // eight bytes at a time, by the high bit of each word byte
        let limit = if i + 8 <= bytes.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i..i + 8]);
            if let Some(word) = word_bytes8(u64::from_le_bytes(w)) {
                let mut bit = 0;
                while bit < 64 {
                    match start {
                        Some(w) => {
                            let rest = (!word & 0x8080_8080_8080_8080) >> bit;
                            if rest == 0 {
                                break;
                            }
                            bit += rest.trailing_zeros();
                            f(w, &s[w..i + bit as usize / 8]);
                            start = None;
                        }
                        None => {
                            let rest = word >> bit;
                            if rest == 0 {
                                break;
                            }
                            bit += rest.trailing_zeros();
                            start = Some(i + bit as usize / 8);
                        }
                    }
                }
                i += 8;
                continue;
            }
            i + 8
        } else {
            bytes.len()
        };
        // character by character up to the limit (or just past it)
        while i < limit {
            let (word_char, len) = match bytes[i] {
                b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
                // U+00C0 to U+00FF: letters but for × and ÷
                0xC3 => (!matches!(bytes.get(i + 1), Some(0x97 | 0xB7)), 2),
                _ => {
                    let c = s[i..].chars().next().unwrap_or(' ');
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            if word_char {
                start.get_or_insert(i);
            } else if let Some(w) = start.take() {
                f(w, &s[w..i]);
            }
            i += len;
        }
    }
    if let Some(w) = start {
        f(w, &s[w..]);
    }
}

/// A block as a reader finds it, before ids, sections and the canonical
/// text are worked out.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawBlock {
    pub(crate) kind: BlockKind,
    pub(crate) text: String,
    pub(crate) page: u32,
    /// A list item's marker ("1.", "a)", "-").
    pub(crate) marker: String,
    pub(crate) depth: u8,
    /// Continues the block before it as the next item of the same list or
    /// the next row of the same table (one newline between them in the
    /// canonical text instead of a blank line).
    pub(crate) tight: bool,
    /// Where the block starts in the source, if the source can be written
    /// back as it was.
    pub(crate) source_start: Option<usize>,
    /// Emphasis over byte ranges of `text`.
    pub(crate) marks: Vec<Mark>,
}

impl RawBlock {
    pub(crate) fn new(kind: BlockKind, text: String, page: u32) -> RawBlock {
        RawBlock {
            kind,
            text,
            page,
            ..Default::default()
        }
    }
}

impl Document {
    /// Parses a plan. `format` decides between Markdown and text from a PDF.
    pub fn parse(input: &str, format: SourceFormat) -> Result<Document, Error> {
        if input.len() > MAX_PLAN_BYTES {
            return Err(Error::PlanTooLarge {
                bytes: input.len(),
                max: MAX_PLAN_BYTES,
            });
        }
        if maybe_binary(input) {
            if let Some((line, what)) = find_binary(input) {
                return Err(Error::NotText { line, what });
            }
        }
        let input = nfc(input);
        let input: std::borrow::Cow<str> = if input.contains('\r') {
            input.replace("\r\n", "\n").replace('\r', "\n").into()
        } else {
            input
        };
        let format = match format {
            SourceFormat::Auto if looks_like_markdown(&input) => SourceFormat::Markdown,
            SourceFormat::Auto => SourceFormat::Text,
            f => f,
        };
        let raw = match format {
            #[cfg(feature = "markdown")]
            SourceFormat::Markdown => crate::plan::markdown::parse(&input),
            #[cfg(not(feature = "markdown"))]
            SourceFormat::Markdown => return Err(Error::FormatNotBuilt { format: "Markdown" }),
            SourceFormat::Structured | SourceFormat::Docx | SourceFormat::Pdf => {
                parse_structured(&input)
            }
            _ => parse_text(&input),
        };
        let source = (format == SourceFormat::Markdown).then(|| input.to_string());
        if raw.iter().all(|b| b.text.trim().is_empty()) {
            return Err(Error::EmptyPlan);
        }
        // a block of no more bytes than the limit has no more characters
        for b in raw.iter().filter(|b| b.text.len() > MAX_BLOCK_CHARS) {
            let n = b.text.chars().count();
            if n > MAX_BLOCK_CHARS {
                return Err(Error::BlockTooLong {
                    page: b.page,
                    chars: n,
                    max: MAX_BLOCK_CHARS,
                    start: crate::text::excerpt(&b.text, 40),
                });
            }
        }
        Ok(Document::from_raw(raw, source))
    }

    fn from_raw(raw: Vec<RawBlock>, source: Option<String>) -> Document {
        let mut canonical = String::with_capacity(raw.iter().map(|b| b.text.len() + 4).sum());
        let mut blocks: Vec<Block> = Vec::with_capacity(raw.len());
        let mut skip = Vec::new();
        // stack of (level, block index) of open headings
        let mut open: Vec<(u8, usize)> = Vec::new();
        let mut ids = IdMaker::default();
        let mut marks: Vec<Mark> = Vec::new();
        let source_len = source.as_ref().map(String::len);
        let source_ends: Vec<Option<usize>> = (0..raw.len())
            .map(|i| match raw.get(i + 1) {
                Some(next) => next.source_start,
                None => source_len,
            })
            .collect();
        for (n, b) in raw.into_iter().enumerate() {
            if let Some(p) = blocks.last() {
                // (a reader may have dropped the block a tight one continued)
                let one = b.tight && tight(p.kind, b.kind);
                canonical.push_str(if one { "\n" } else { "\n\n" });
            }
            let start = canonical.len();
            let (text_start, text_end) = write_line(&mut canonical, &b);
            if text_start > start {
                skip.push(start..text_start);
            }
            if text_end < canonical.len() {
                skip.push(text_end..canonical.len());
            }
            let parent = match b.kind {
                BlockKind::Heading { level } => {
                    while open.last().is_some_and(|&(l, _)| l >= level) {
                        open.pop();
                    }
                    open.last().map(|&(_, i)| i)
                }
                _ => open.last().map(|&(_, i)| i),
            };
            let index = blocks.len();
            let id = match b.kind {
                BlockKind::Heading { .. } => ids.heading(&b.text),
                _ => ids.body(parent.map(|p: usize| blocks[p].id.as_str())),
            };
            if let BlockKind::Heading { level } = b.kind {
                open.push((level, index));
            }
            marks.extend(emphasis::shifted(&b.marks, text_start));
            let source = match (b.source_start, source_ends[n]) {
                (Some(a), Some(z)) if a <= z => Some(a..z),
                _ => None,
            };
            blocks.push(Block {
                id,
                kind: b.kind,
                text: b.text,
                page: b.page,
                parent,
                range: start..canonical.len(),
                text_range: text_start..text_end,
                marker: b.marker,
                depth: b.depth,
                source,
            });
        }
        canonical.push('\n');
        let norm = Normalized::new(&canonical, &skip);
        let word_index = index_words(&norm.key);
        // the source can be written back only if every block knows its place
        let source = source.filter(|_| blocks.iter().all(|b| b.source.is_some()));
        let mut doc = Document {
            blocks,
            canonical,
            norm,
            word_index,
            heading_keys: std::sync::OnceLock::new(),
            source,
            marks: Vec::new(),
        };
        if !marks.is_empty() {
            doc.set_marks(&marks);
        }
        doc
    }

    /// Sets the plan's emphasis: `marks` over byte ranges of the canonical
    /// text, kept to the blocks' texts and to whole characters (see
    /// [`emphasis::normalize`]).
    pub fn set_marks(&mut self, marks: &[Mark]) {
        let within: Vec<Range<usize>> = self.blocks.iter().map(|b| b.text_range.clone()).collect();
        self.marks = emphasis::normalize(marks, &self.canonical, &within);
    }

    /// New blocks for an insertion: `text` read as the structured form reads
    /// it (a blank line between paragraphs, a line starting with a list
    /// marker a new item, other line breaks joined) and `heading`, if given,
    /// before them.
    pub(crate) fn new_blocks(text: &str, heading: Option<(u8, &str)>) -> Vec<RawBlock> {
        let text = nfc(text).replace("\r\n", "\n");
        let mut blocks = Vec::new();
        if let Some((level, h)) = heading {
            blocks.push(RawBlock::new(
                BlockKind::Heading { level },
                collapse_space(h),
                1,
            ));
        }
        blocks.extend(parse_structured(&text));
        blocks
    }

    /// Where and what to insert so that `new` follows block `b`, each new
    /// block on a line of its own and separated from its neighbours as the
    /// canonical text separates blocks. New bullet items after an item of a
    /// numbered list continue its numbering.
    pub(crate) fn insertion_after(&self, b: usize, mut new: Vec<RawBlock>) -> (usize, String) {
        let anchor = &self.blocks[b];
        if let Some(style) = super::numbering::style_at(&self.blocks, b) {
            let mut last = anchor.marker.clone();
            for n in new.iter_mut().filter(|n| n.kind == BlockKind::ListItem) {
                if n.depth == anchor.depth && (n.marker == "-" || n.marker.is_empty()) {
                    if let Some(next) = next_marker(&last, style) {
                        n.marker = next;
                    }
                }
                last = n.marker.clone();
            }
        }
        let mut out = String::new();
        let last = write_blocks(&mut out, Some(anchor.kind), &new).unwrap_or(anchor.kind);
        // the separator after the anchor stays after the new blocks
        if let Some(next) = self.blocks.get(b + 1) {
            let kept = &self.canonical[anchor.range.end..next.range.start];
            if kept == "\n" && !tight(last, next.kind) {
                out.push('\n');
            }
        }
        (anchor.range.end, out)
    }

    /// Where and what to insert so that `new` comes before block `b` (see
    /// [`Document::insertion_after`]).
    pub(crate) fn insertion_before(&self, b: usize, new: Vec<RawBlock>) -> (usize, String) {
        let anchor = &self.blocks[b];
        let mut out = String::new();
        if b > 0 {
            let prev = &self.blocks[b - 1];
            let kept = &self.canonical[prev.range.end..anchor.range.start];
            if kept == "\n" && new.first().is_some_and(|n| !tight(prev.kind, n.kind)) {
                out.push('\n');
            }
        }
        if let Some(last) = write_blocks(&mut out, None, &new) {
            out.push_str(separator(last, anchor.kind));
        }
        (anchor.range.start, out)
    }

    /// The range of blocks (indices) of the section whose heading is block
    /// `heading`: the heading and everything up to the next heading of the
    /// same or a higher level.
    pub fn section_blocks(&self, heading: usize) -> Range<usize> {
        let level = self.blocks[heading].level().unwrap_or(0);
        let end = self.blocks[heading + 1..]
            .iter()
            .position(|b| b.level().is_some_and(|l| l <= level))
            .map_or(self.blocks.len(), |i| heading + 1 + i);
        heading..end
    }

    /// The canonical byte range of a run of blocks, including one of the
    /// separators beside it, so that removing the range leaves a well-formed
    /// text: the one after it, or the one before it if it runs to the end or
    /// if only the one after it is what its neighbours ask for (a list's last
    /// item before a heading or a paragraph leaves the blank line).
    pub fn removal_range(&self, blocks: Range<usize>) -> Range<usize> {
        let first = &self.blocks[blocks.start];
        let last = &self.blocks[blocks.end - 1];
        let before = blocks.start.checked_sub(1).map(|p| &self.blocks[p]);
        if let (Some(prev), Some(next)) = (before, self.blocks.get(blocks.end)) {
            let between = |a: &Block, b: &Block| &self.canonical[a.range.end..b.range.start];
            let asks = |sep: &str| sep == "\n\n" || tight(prev.kind, next.kind);
            if !asks(between(prev, first)) && asks(between(last, next)) {
                return prev.range.end..last.range.end;
            }
        }
        if blocks.end < self.blocks.len() {
            first.range.start..self.blocks[blocks.end].range.start
        } else if blocks.start > 0 {
            self.blocks[blocks.start - 1].range.end..last.range.end
        } else {
            first.range.start..last.range.end
        }
    }

    /// Indices of the heading blocks whose text matches `heading`
    /// (case-insensitively, ignoring white space, quote style and a leading
    /// section number such as "3.2"). When several match and some of them
    /// have the very number given ("2024 års budget" beside "2023 års
    /// budget"), only those.
    pub fn find_headings(&self, heading: &str) -> Vec<usize> {
        let want = heading_key(heading);
        let keys = self.heading_keys.get_or_init(|| {
            self.blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.level().is_some())
                .map(|(i, b)| (i, heading_key(&b.text)))
                .collect()
        });
        let found: Vec<usize> = keys
            .iter()
            .filter(|(_, k)| *k == want)
            .map(|&(i, _)| i)
            .collect();
        if found.len() > 1 {
            let full = heading_full_key(heading);
            let same: Vec<usize> = found
                .iter()
                .copied()
                .filter(|&i| heading_full_key(&self.blocks[i].text) == full)
                .collect();
            if !same.is_empty() {
                return same;
            }
        }
        found
    }

    /// The innermost section heading of block `i` (itself if it is a heading).
    pub fn section_of(&self, i: usize) -> Option<&Block> {
        let b = &self.blocks[i];
        if b.level().is_some() {
            Some(b)
        } else {
            b.parent.map(|p| &self.blocks[p])
        }
    }

    /// The index of the block holding canonical byte `pos`.
    pub fn block_at(&self, pos: usize) -> usize {
        self.blocks
            .partition_point(|b| b.range.end < pos)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// The text as Markdown (the canonical text).
    pub fn to_markdown(&self) -> String {
        self.canonical.clone()
    }

    /// Number of pages.
    pub fn pages(&self) -> u32 {
        self.blocks.last().map_or(1, |b| b.page)
    }
}

/// The comparison key of a heading.
pub fn heading_key(s: &str) -> String {
    let key = heading_full_key(s);
    let key = key.as_str();
    let without_number = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if without_number.len() < key.len() && without_number.starts_with(' ') {
        without_number.trim_start().to_string()
    } else {
        key.to_string()
    }
}

/// The comparison key of a heading with its number, if it has one.
fn heading_full_key(s: &str) -> String {
    let key = Normalized::key_of(&nfc(s)).to_lowercase();
    key.trim_matches(|c: char| c == '"' || c == ' ' || c == ':' || c == '.')
        .to_string()
}

#[derive(Default)]
struct IdMaker {
    used: std::collections::HashMap<String, usize, crate::text::FxBuild>,
    body_counts: std::collections::HashMap<String, usize, crate::text::FxBuild>,
}

impl IdMaker {
    fn unique(&mut self, base: String) -> String {
        let n = self.used.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}-{n}")
        }
    }
    fn heading(&mut self, text: &str) -> String {
        self.unique(format!("h-{}", slug(text)))
    }
    fn body(&mut self, section: Option<&str>) -> String {
        let section = section.unwrap_or("top");
        let n = match self.body_counts.get_mut(section) {
            Some(n) => {
                *n += 1;
                *n
            }
            None => {
                self.body_counts.insert(section.to_string(), 1);
                1
            }
        };
        // format! would do, at a cost that shows on a long plan
        let mut id = String::with_capacity(section.len() + 6);
        id.push_str(section);
        id.push_str("/p");
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        id.extend(digits[at..].iter().map(|&d| d as char));
        id
    }
}

/// A readable ASCII slug: "Nämndbuffertar mot …" → "namndbuffertar-mot-…".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

fn index_words(key: &str) -> WordIndex {
    WordIndex::build(key)
}

/// A quick scan by bytes: false when `input` surely has nothing that
/// [`find_binary`] reports (a control character other than tab, line feed,
/// carriage return and form feed, or U+FFFD).
fn maybe_binary(input: &str) -> bool {
    let b = input.as_bytes();
    let bad = |i: usize| match b[i] {
        0x00..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F => true,
        // U+0080 to U+009F
        0xC2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        // U+FFFD
        0xEF => b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD]),
        _ => false,
    };
    // eight bytes at a time: look closer only at words with a byte below
    // 0x20 but for line feeds, or equal to 0x7F, 0xC2 or 0xEF
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // the high bit of every zero byte
    let zero = |x: u64| !(((x & !HIGH) + !HIGH) | x) & HIGH;
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(w);
        // the high bit of every byte below 0x20 (no borrow crosses a byte)
        let control = !(((w & !HIGH) | HIGH) - 0x20 * ONES) & !w & HIGH;
        let odd = (control & !zero(w ^ (0x0A * ONES)))
            | zero(w ^ (0x7F * ONES))
            | zero(w ^ (0xC2 * ONES))
            | zero(w ^ (0xEF * ONES));
        if odd != 0 && (i..i + 8).any(bad) {
            return true;
        }
        i += 8;
    }
    (i..b.len()).any(bad)
}

/// Finds a NUL or other control character that plan text never has.
fn find_binary(input: &str) -> Option<(usize, String)> {
    for (n, line) in input.split('\n').enumerate() {
        if let Some(c) = line
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\t' | '\r' | '\u{000C}'))
        {
            return Some((n + 1, format!("control character U+{:04X}", c as u32)));
        }
        if line.contains('\u{FFFD}') {
            return Some((
                n + 1,
                "replacement character U+FFFD (not UTF-8 text?)".into(),
            ));
        }
    }
    None
}

fn looks_like_markdown(s: &str) -> bool {
    // only a line that starts with '#' tells: look at the '#'s that start one
    s.match_indices('#').any(|(i, _)| {
        let l = &s[i..];
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        (i == 0 || s.as_bytes()[i - 1] == b'\n')
            && (1..=6).contains(&hashes)
            && l[hashes..].starts_with(' ')
    })
}

/// Where the text of a list item starts in `line`, if the line starts with
/// a list marker (see [`text_marker`]).
fn list_marker(line: &str) -> Option<usize> {
    text_marker(line).map(|m| m.text_start)
}

/// A list marker at the start of a line of pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TextMarker {
    /// Where the item's text starts.
    text_start: usize,
    /// The marker as the structured form writes it: `-` for a bullet, the
    /// number or letter as written otherwise ("1.", "a)", "iv)").
    marker: String,
    /// 1 for a sub-bullet (Word's "o", "◦", "▪"), else 0.
    depth: u8,
    /// A number with "." or ")": a numbered heading can look the same.
    numbered: bool,
}

/// Reads a list marker at the start of a line of pasted text: a bullet
/// (•, -, *, –, ▪, ◦, ·, +, and Word's "o" for a sub-bullet) or a number,
/// letter or roman numeral with "." or ")" ("1.", "2)", "a)", "iv)"),
/// followed by white space (a space, or the tab or no-break space that text
/// copied from Word or a PDF has after a marker). A sign before a number
/// ("+ 3 %", "- 2 %") is not a bullet.
fn text_marker(line: &str) -> Option<TextMarker> {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    let space_after = |i: usize| {
        t[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map(|c| indent + i + c.len_utf8())
    };
    let item = |len: usize, marker: &str, depth: u8, numbered: bool| {
        // a marker alone on its line: the item's text is on the next line
        let text_start = if t.len() == len {
            Some(line.len())
        } else {
            space_after(len)
        }?;
        Some(TextMarker {
            text_start,
            marker: marker.to_string(),
            depth,
            numbered,
        })
    };
    let first = t.chars().next()?;
    let after = t[first.len_utf8()..].trim_start();
    if matches!(first, '+' | '-' | '–') && after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    match first {
        '•' | '-' | '*' | '–' | '·' | '+' => return item(first.len_utf8(), "-", 0, false),
        '▪' | '◦' | '\u{F0A7}' => return item(first.len_utf8(), "-", 1, false),
        // Word's sub-bullet, pasted as the letter o and a tab
        'o' if t[1..].starts_with('\t') => return item(1, "-", 1, false),
        _ => {}
    }
    // "1. ", "1) ", "2.3 " is a heading's number, not a marker
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 3 && (t[digits..].starts_with('.') || t[digits..].starts_with(')')) {
        return item(digits + 1, &t[..digits + 1], 0, true);
    }
    // "a) ", "iv) ": a letter or a roman numeral with a parenthesis
    let letters = t.bytes().take_while(u8::is_ascii_lowercase).count();
    let roman = t.as_bytes()[..letters]
        .iter()
        .all(|c| matches!(c, b'i' | b'v' | b'x'));
    if (letters == 1 || (roman && letters <= 4)) && letters > 0 && t[letters..].starts_with(')') {
        return item(letters + 1, &t[..letters + 1], 0, false);
    }
    None
}

/// `s` trimmed, with every run of white space inside it one space.
pub(crate) fn collapse_space(s: &str) -> String {
    join_lines(&[s])
}

/// Joins hard-wrapped lines into one paragraph, re-joining words hyphenated at
/// a line end.
pub(crate) fn join_lines(lines: &[&str]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
        } else if joins_hyphenated(&out, line) {
            out.pop();
            out.push_str(line);
        } else if joins_keeping_hyphen(&out, line) {
            out.push_str(line);
        } else {
            out.push(' ');
            out.push_str(line);
        }
    }
    // collapse inner runs of white space
    if !needs_collapse(&out) {
        return out;
    }
    let mut collapsed = String::with_capacity(out.len());
    let mut space = false;
    for c in out.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !collapsed.is_empty() {
                collapsed.push(' ');
            }
            space = false;
            collapsed.push(c);
        }
    }
    collapsed
}

/// Has `s` white space other than single spaces between other characters?
/// (`s` starts and ends with a character that is not white space.)
fn needs_collapse(s: &str) -> bool {
    if crate::text::surely_single_spaced(s) {
        return false;
    }
    let b = s.as_bytes();
    let mut space = false;
    for (i, &x) in b.iter().enumerate() {
        if x == b' ' {
            if space {
                return true;
            }
            space = true;
            continue;
        }
        space = false;
        let white = match x {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
            // the lead bytes of the white space from U+0085 on
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        if white {
            return true;
        }
    }
    false
}

/// What one line of the structured form (see [`crate::plan`]) is: the
/// canonical text of a [`Document`] is written in that form too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    pub kind: BlockKind,
    /// A list item's marker ("1.", "a)", "-"); empty for other blocks.
    pub marker: &'a str,
    /// A list item's nesting level: two spaces of indent each.
    pub depth: u8,
    /// The block's text within the line (without markers).
    pub text: Range<usize>,
}

/// Reads one line of the structured form; `None` for a blank line or a
/// table's delimiter row (`| --- | --- |`).
pub fn parse_line(line: &str) -> Option<Line<'_>> {
    let t = line.trim_end();
    if t.trim_start().is_empty() {
        return None;
    }
    let para = |from: usize| Line {
        kind: BlockKind::Paragraph,
        marker: "",
        depth: 0,
        text: from..t.len(),
    };
    if t.starts_with('\\') {
        return Some(para(1));
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        return Some(Line {
            kind: BlockKind::Heading {
                level: hashes as u8,
            },
            marker: "",
            depth: 0,
            text: hashes + 1..t.len(),
        });
    }
    if t.starts_with('|') && t.len() > 1 && t.ends_with('|') && !t.ends_with("\\|") {
        if t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ')) {
            return None;
        }
        let inner = &t[1..t.len() - 1];
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        return Some(Line {
            kind: BlockKind::TableRow,
            marker: "",
            depth: 0,
            text: 1 + lead..t.len() - 1 - trail,
        });
    }
    let body = t.trim_start_matches(' ');
    let indent = t.len() - body.len();
    if let Some(m) = marker_token(body) {
        return Some(Line {
            kind: BlockKind::ListItem,
            marker: &body[..m],
            depth: (indent / 2).min(8) as u8,
            text: indent + m + 1..t.len(),
        });
    }
    Some(para(0))
}

/// The length of a list marker that starts `s` and is followed by a space:
/// a bullet (`-`, `*`, `+`, `•`) or a number, letter or roman numeral with
/// `.` or `)` (`1.`, `2.3.`, `a)`, `iv.`).
pub fn marker_token(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let followed = |n: usize| (b.get(n) == Some(&b' ') && b.len() > n + 1).then_some(n);
    if s.starts_with('•') {
        return followed('•'.len_utf8());
    }
    match b.first()? {
        b'-' | b'*' | b'+' => return followed(1),
        _ => {}
    }
    let closes = |n: usize| matches!(b.get(n), Some(b'.' | b')'));
    // numbers, possibly several joined by dots: "1.", "2.3.", "12)"; up to
    // nine digits each, as CommonMark reads an ordered list's number
    let mut n = 0;
    loop {
        let d = b[n..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || d > 9 {
            break;
        }
        n += d;
        if b.get(n) == Some(&b'.') && b.get(n + 1).is_some_and(u8::is_ascii_digit) {
            n += 1;
            continue;
        }
        return closes(n).then(|| followed(n + 1)).flatten();
    }
    // one letter, or a roman numeral
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let roman = b[..letters].iter().all(|c| {
        matches!(
            c.to_ascii_lowercase(),
            b'i' | b'v' | b'x' | b'l' | b'c' | b'd' | b'm'
        )
    });
    if (letters == 1 || (roman && (1..=6).contains(&letters))) && closes(letters) {
        return followed(letters + 1);
    }
    None
}

/// Writes block `b` as one line of the structured form; returns where its
/// text starts and ends.
pub(crate) fn write_line(out: &mut String, b: &RawBlock) -> (usize, usize) {
    match b.kind {
        BlockKind::Heading { level } => {
            for _ in 0..level {
                out.push('#');
            }
            out.push(' ');
        }
        BlockKind::ListItem => {
            for _ in 0..b.depth {
                out.push_str("  ");
            }
            out.push_str(if b.marker.is_empty() { "-" } else { &b.marker });
            out.push(' ');
        }
        BlockKind::TableRow => out.push_str("| "),
        BlockKind::Paragraph => {
            if needs_escape(&b.text) {
                out.push('\\');
            }
        }
    }
    let start = out.len();
    out.push_str(&b.text);
    let end = out.len();
    if b.kind == BlockKind::TableRow {
        out.push_str(" |");
    }
    (start, end)
}

/// The marker after `m` in a list of style `style`: "3." after "2.", "c)"
/// after "b)", "ii." after "i." (see [`super::numbering`]).
pub(crate) fn next_marker(m: &str, style: super::numbering::Style) -> Option<String> {
    super::numbering::marker(style, super::numbering::value(m, style)? + 1)
}

/// Does a block of kind `b` right after one of kind `a` go on the next line
/// (the items of a list, the rows of a table) rather than after a blank
/// line?
pub(crate) fn tight(a: BlockKind, b: BlockKind) -> bool {
    a == b && matches!(a, BlockKind::ListItem | BlockKind::TableRow)
}

/// The separator of two neighbouring blocks in the canonical text (see
/// [`tight`]).
fn separator(a: BlockKind, b: BlockKind) -> &'static str {
    if tight(a, b) {
        "\n"
    } else {
        "\n\n"
    }
}

/// Writes `new` a block a line, each after the separator that the block
/// before it asks for (`prev` is the block before the first, if any);
/// returns the kind of the last block written.
fn write_blocks(out: &mut String, prev: Option<BlockKind>, new: &[RawBlock]) -> Option<BlockKind> {
    let mut prev = prev;
    for n in new {
        if let Some(k) = prev {
            out.push_str(separator(k, n.kind));
        }
        write_line(out, n);
        prev = Some(n.kind);
    }
    prev
}

/// Would a paragraph with this text be read as something else? (Then the
/// structured form writes it after a backslash.)
pub(crate) fn needs_escape(text: &str) -> bool {
    parse_line(text).is_none_or(|l| l.kind != BlockKind::Paragraph || l.text.start != 0)
}

/// Reads plan text in the structured form (see [`crate::plan`]): one block
/// a line. A paragraph line right after a paragraph or list item line (no
/// blank line between) continues it, so text typed by hand reads well too.
fn parse_structured(input: &str) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::new();
    let mut page = 1;
    let mut blank = true;
    for raw_line in input.split('\n') {
        let mut line = raw_line;
        while let Some(rest) = line.strip_prefix('\u{000C}') {
            page += 1;
            blank = true;
            line = rest;
        }
        let Some(l) = parse_line(line) else {
            // a delimiter row keeps the table together
            blank |= line.trim().is_empty();
            continue;
        };
        let text = join_lines(&[&line[l.text.clone()]]);
        if text.is_empty() {
            continue;
        }
        let prev = out.last_mut();
        if let Some(p) = prev.filter(|_| !blank && l.kind == BlockKind::Paragraph) {
            if matches!(p.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                p.text = join_lines(&[p.text.as_str(), text.as_str()]);
                continue;
            }
        }
        let tight = !blank && out.last().is_some_and(|p| tight(p.kind, l.kind));
        out.push(RawBlock {
            kind: l.kind,
            text,
            page,
            marker: l.marker.to_string(),
            depth: l.depth,
            tight,
            source_start: None,
            marks: Vec::new(),
        });
        blank = false;
    }
    out
}

/// The number of a line that could be a page number or a running footer at
/// a page's edge ("3", "Sida 3", "Sida 3 av 6", "3 (6)", "3/6"), and whether
/// its form says so by itself (everything but a bare number).
fn page_number(line: &str) -> Option<(u32, bool)> {
    let t = line.trim().to_lowercase();
    let (t, named) = match t.strip_prefix("sida ").or_else(|| t.strip_prefix("page ")) {
        Some(rest) => (rest.to_string(), true),
        None => (t.clone(), false),
    };
    let t = t
        .replace(" av ", "/")
        .replace(" of ", "/")
        .replace(" (", "/")
        .replace(')', "");
    let parts: Vec<&str> = t.split('/').collect();
    if t.is_empty()
        || t.len() > 9
        || parts.len() > 2
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some((parts[0].parse().ok()?, named || parts.len() == 2))
}

/// The lines to drop as page numbers: `(page, line)` pairs, in order. A line in a form
/// only a page number has ("Sida 3", "3 (6)") always goes; a bare number at
/// a page's edge only when the numbers run in step with the pages on at
/// least two pages, so that a number that is content ("4500" as the last
/// line of a table) stays.
fn page_number_lines(pages: &[Vec<&str>]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize, i64, bool)> = Vec::new();
    let mut offsets: std::collections::HashMap<i64, usize> = Default::default();
    for (p, lines) in pages.iter().enumerate() {
        let first = lines.iter().position(|l| !l.trim().is_empty());
        let last = lines.iter().rposition(|l| !l.trim().is_empty());
        let mut edges = vec![first, last];
        edges.dedup();
        for i in edges.into_iter().flatten() {
            if let Some((n, named)) = page_number(lines[i]) {
                let offset = n as i64 - p as i64;
                *offsets.entry(offset).or_default() += 1;
                found.push((p, i, offset, named));
            }
        }
    }
    // one number alone counts if it is its page's own number
    let alone = found.len() == 1 && pages.len() > 1 && offsets.contains_key(&1);
    let best = offsets
        .iter()
        .filter(|&(_, &n)| n >= 2 || alone)
        .max_by_key(|&(&o, &n)| (n, -o.abs()))
        .map(|(&o, _)| o);
    found
        .into_iter()
        .filter(|&(_, _, offset, named)| named || Some(offset) == best)
        .map(|(p, i, _, _)| (p, i))
        .collect()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '”', '"', ')'])
}

/// Could `line` be a heading: short, starting with a capital or a section
/// number, without final punctuation?
fn heading_candidate(line: &str) -> bool {
    let t = line.trim();
    let first = t.chars().next();
    // at most 90 characters (no more than 90 bytes surely is; more than
    // 360 surely is not) and twelve words, the cheap tests first
    let short = t.len() <= 90 || (t.len() <= 360 && t.chars().count() <= 90);
    !t.is_empty()
        && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !t.ends_with(['.', ',', ';', ':', '!', '?', '-'])
        && short
        && list_marker(t).is_none()
        && t.split_whitespace().nth(12).is_none()
}

/// The level of a plain-text heading from its number ("3" → 2, "3.1" → 3),
/// if it has one.
fn numbered_level(line: &str) -> Option<u8> {
    let t = line.trim();
    let num: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if num.is_empty()
        || !num.starts_with(|c: char| c.is_ascii_digit())
        || !t[num.len()..].starts_with(' ')
    {
        return None;
    }
    let parts = num.trim_end_matches('.').split('.').count();
    Some((parts as u8 + 1).min(6))
}

fn parse_text(input: &str) -> Vec<RawBlock> {
    // 1. lines with their pages, footers dropped
    // room for lines of some forty bytes, to grow seldom
    let mut lines: Vec<(&str, u32)> = Vec::with_capacity(input.len() / 40 + 16);
    let pages: Vec<Vec<&str>> = input
        .split('\u{000C}')
        .map(|p| p.split('\n').collect())
        .collect();
    let numbers = page_number_lines(&pages);
    for (p, page_lines) in pages.iter().enumerate() {
        let page = p as u32 + 1;
        for (i, l) in page_lines.iter().enumerate() {
            if numbers.binary_search(&(p, i)).is_ok() {
                continue;
            }
            lines.push((l, page));
        }
        // a page break ends a paragraph unless the text runs on (see below)
        lines.push(("\u{000C}", page));
    }
    // the width the text is wrapped at, in characters (a high percentile of
    // the line lengths, so that an odd long line does not count)
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|(l, _)| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    // the value a sort would put there, without sorting the rest
    let at = lengths.len().saturating_sub(1) * 19 / 20;
    let width = if lengths.is_empty() {
        0
    } else {
        *lengths.select_nth_unstable(at).1
    };
    // did the line end only because the next word would not fit on it?
    let wrapped = |line: &str, next: &str| {
        let next_word = next.split_whitespace().next().unwrap_or("");
        list_marker(next).is_none()
            && (line.trim().chars().count() + 1 + next_word.chars().count()) * 10 > width * 9
    };

    // 2. groups of lines separated by blank lines (each a range of `kept`,
    // the lines that are not blank, so that a group costs no allocation)
    struct Group {
        lines: Range<usize>,
        page: u32,
        page_break_before: bool,
    }
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut groups: Vec<Group> = Vec::with_capacity(lines.len() / 3 + 1);
    let mut start = 0;
    let mut current_page = 1;
    let mut break_pending = false;
    let mut current_break = false;
    for (l, page) in lines {
        if l == "\u{000C}" || l.trim().is_empty() {
            if kept.len() > start {
                groups.push(Group {
                    lines: start..kept.len(),
                    page: current_page,
                    page_break_before: current_break,
                });
                start = kept.len();
            }
            if l == "\u{000C}" {
                break_pending = true;
            }
            continue;
        }
        if kept.len() == start {
            current_page = page;
            current_break = break_pending;
            break_pending = false;
        }
        kept.push(l);
    }
    if kept.len() > start {
        groups.push(Group {
            lines: start..kept.len(),
            page: current_page,
            page_break_before: current_break,
        });
    }

    // 3. blocks
    let mut out: Vec<RawBlock> = Vec::with_capacity(groups.len() + groups.len() / 4);
    let mut levels = Levels::default();
    // body text after a heading starts a sentence or a list; a line in lower
    // case continues a paragraph
    let starts_block = |l: &str| {
        list_marker(l).is_some()
            || l.trim_start()
                .chars()
                .next()
                .is_some_and(|c| !c.is_lowercase())
    };
    let n_groups = groups.len();
    for gi in 0..n_groups {
        let g = &groups[gi];
        let mut lines: &[&str] = &kept[g.lines.clone()];
        // a paragraph broken by a page break runs on if it did not end a
        // sentence and the next page starts in lower case
        if g.page_break_before {
            if let Some(prev) = out.last_mut() {
                let first = lines[0].trim_start();
                if prev.kind == BlockKind::Paragraph
                    && !ends_sentence(&prev.text)
                    && first.chars().next().is_some_and(char::is_lowercase)
                {
                    let end = lines
                        .iter()
                        .position(|l| list_marker(l).is_some())
                        .unwrap_or(lines.len());
                    let mut joined = vec![prev.text.as_str()];
                    joined.extend_from_slice(&lines[..end]);
                    prev.text = join_lines(&joined);
                    lines = &lines[end..];
                    if lines.is_empty() {
                        continue;
                    }
                }
            }
        }
        let next_is_body = || {
            groups.get(gi + 1).is_some_and(|n| {
                let first = kept[n.lines.start];
                starts_block(first)
                    && (n.lines.len() > 1
                        || !heading_candidate(first)
                        || list_marker(first).is_some())
            })
        };
        // a heading: a short line without final punctuation, followed by
        // body text, first in its group or after a line that ends a sentence
        let nothing_yet = out.is_empty();
        let is_heading = |i: usize| {
            let line = lines[i];
            let numbered = text_marker(line).filter(|m| m.numbered);
            let candidate = if let Some(m) = numbered {
                numbered_heading(line, &m)
                    && !lines
                        .get(i + 1)
                        .is_some_and(|n| text_marker(n).is_some_and(|m| m.numbered))
            } else {
                heading_candidate(line)
            };
            candidate
                && (i == 0 || ends_sentence(lines[i - 1]) && list_marker(lines[i - 1]).is_none())
                && match lines.get(i + 1) {
                    Some(next) => starts_block(next) && !wrapped(line, next),
                    None => i == 0 && (next_is_body() || nothing_yet),
                }
        };
        let mut start = 0;
        for i in 0..=lines.len() {
            if i < lines.len() && !is_heading(i) {
                continue;
            }
            body_blocks(&mut out, &lines[start..i], g.page, &wrapped);
            if i < lines.len() {
                let text = join_lines(&lines[i..i + 1]);
                let level = levels.of(&text, out.is_empty());
                out.push(RawBlock::new(BlockKind::Heading { level }, text, g.page));
            }
            start = i + 1;
        }
    }
    // a bullet with nothing after it ("- " at the end of a page)
    out.retain(|b| !b.text.is_empty());
    out
}

/// Heading levels of pasted text: the title is 1, a numbered heading's
/// level follows its number ("3" → 2, "3.1" → 3), an unnumbered heading
/// goes one below the last numbered one.
#[derive(Default)]
struct Levels {
    last_numbered: Option<u8>,
    seen_title: bool,
}

impl Levels {
    fn of(&mut self, text: &str, first: bool) -> u8 {
        let numbered = numbered_level(text);
        let level = if !self.seen_title && first && numbered.is_none() {
            1
        } else if let Some(l) = numbered {
            self.last_numbered = Some(l);
            l
        } else {
            self.last_numbered.map_or(2, |l| (l + 1).min(6))
        };
        self.seen_title = true;
        level
    }
}

/// Is a line that starts with the numbered marker `m`, like a numbered list
/// item ("1. Inledning", "2.\tFörutsättningar"), a numbered heading: a
/// short text starting with a capital, without final punctuation?
fn numbered_heading(line: &str, m: &TextMarker) -> bool {
    let rest = line[m.text_start.min(line.len())..].trim();
    m.marker.ends_with('.')
        && rest.chars().next().is_some_and(char::is_uppercase)
        && heading_candidate(rest)
}

/// The paragraphs and list items of a run of lines with no heading.
fn body_blocks(
    out: &mut Vec<RawBlock>,
    lines: &[&str],
    page: u32,
    wrapped: &dyn Fn(&str, &str) -> bool,
) {
    let mut para: Vec<&str> = Vec::new();
    let mut item: Option<(TextMarker, Vec<&str>)> = None;
    let flush_item = |out: &mut Vec<RawBlock>, item: &mut Option<(TextMarker, Vec<&str>)>| {
        if let Some((m, lines)) = item.take() {
            let tight = out
                .last()
                .is_some_and(|b| tight(b.kind, BlockKind::ListItem));
            out.push(RawBlock {
                kind: BlockKind::ListItem,
                text: join_lines(&lines),
                page,
                marker: m.marker,
                depth: m.depth,
                tight,
                source_start: None,
                marks: Vec::new(),
            });
        }
    };
    let flush_para = |out: &mut Vec<RawBlock>, para: &mut Vec<&str>| {
        if !para.is_empty() {
            out.push(RawBlock::new(BlockKind::Paragraph, join_lines(para), page));
            para.clear();
        }
    };
    for (i, l) in lines.iter().enumerate() {
        if let Some(m) = text_marker(l) {
            flush_para(out, &mut para);
            flush_item(out, &mut item);
            let text = &l[m.text_start.min(l.len())..];
            item = Some((m, vec![text]));
        } else if let Some((_, item_lines)) = item.as_mut() {
            // a line that starts anew after an item that was not wrapped
            // is the paragraph after the list
            let prev = lines[i - 1];
            let capital = l
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if capital && !wrapped(prev, l) {
                flush_item(out, &mut item);
                para.push(l);
            } else {
                item_lines.push(l);
            }
        } else {
            para.push(l);
        }
    }
    flush_para(out, &mut para);
    flush_item(out, &mut item);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(d: &Document) -> Vec<(String, &str)> {
        d.blocks
            .iter()
            .map(|b| {
                let k = match b.kind {
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::Paragraph => "p".into(),
                    BlockKind::ListItem => format!("li{}", b.marker),
                    BlockKind::TableRow => "tr".into(),
                };
                (k, b.text.as_str())
            })
            .collect()
    }

    #[test]
    fn plain_text_from_pdf() {
        let text = "Ekonomisk handlingsplan\n\n1 Inledning\nKommunen ska arbeta med kärn-\nverksamheterna och förskole-\noch skolenheterna.\n\nLokaleffektivitet\nText om lokaler\n• punkt ett\nsom fortsätter\n• punkt två\n3\n\u{000C}Nästa sida börjar här.\n4\n";
        let d = Document::parse(text, SourceFormat::Auto).unwrap();
        assert_eq!(
            kinds(&d),
            vec![
                ("h1".into(), "Ekonomisk handlingsplan"),
                ("h2".into(), "1 Inledning"),
                (
                    "p".into(),
                    "Kommunen ska arbeta med kärnverksamheterna och förskole- och skolenheterna."
                ),
                ("h3".into(), "Lokaleffektivitet"),
                ("p".into(), "Text om lokaler"),
                ("li-".into(), "punkt ett som fortsätter"),
                ("li-".into(), "punkt två"),
                ("p".into(), "Nästa sida börjar här."),
            ]
        );
        assert_eq!(d.blocks.last().unwrap().page, 2);
        assert_eq!(d.blocks[3].id, "h-lokaleffektivitet");
        assert_eq!(d.blocks[4].id, "h-lokaleffektivitet/p1");
    }

    #[test]
    fn paragraph_runs_across_page_break() {
        let text = "Titel\n\nDet här stycket fortsätter\n\u{000C}på nästa sida.\n";
        let d = Document::parse(text, SourceFormat::Text).unwrap();
        assert_eq!(
            d.blocks[1].text,
            "Det här stycket fortsätter på nästa sida."
        );
        assert_eq!(d.blocks[1].page, 1);
    }

    #[test]
    fn markdown_sections_nest() {
        let md = "# Plan\n\n## A\n\nText a.\n\n### A1\n\nText a1.\n\n## B\n\n- x\n\n- y\n";
        let d = Document::parse(md, SourceFormat::Auto).unwrap();
        assert_eq!(d.section_blocks(1), 1..5);
        assert_eq!(d.blocks[4].parent, Some(3));
        assert_eq!(d.blocks[3].parent, Some(1));
        // items of one list on lines of their own; the source as it was
        assert!(d.canonical.ends_with("## B\n\n- x\n- y\n"));
        assert_eq!(d.source.as_deref(), Some(md));
        assert_eq!(d.find_headings("a1"), vec![3]);
    }

    #[test]
    fn nfd_input_is_composed() {
        let d = Document::parse("# Na\u{0308}mnd\n\nText.\n", SourceFormat::Auto).unwrap();
        assert_eq!(d.blocks[0].text, "Nämnd");
    }

    #[test]
    fn words_found_by_blocks_as_by_characters() {
        let by_chars = |s: &str| {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                if c.is_alphanumeric() {
                    start.get_or_insert(i);
                } else if let Some(w) = start.take() {
                    out.push((w, s[w..i].to_string()));
                }
            }
            out
        };
        const PIECES: &[&str] = &[
            "ord",
            " ",
            "Nämnd",
            "å",
            "ö",
            "×",
            "÷",
            "2024",
            "–",
            "”",
            ".",
            "\n\n",
            "x",
            "é",
            "\u{A0}",
            "𝔸",
            "ß",
            "-",
            "kostnaderna",
            "Ö",
            "µ",
            "²",
        ];
        let mut seed: u64 = 77;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(120) {
                // mostly plain words, so that whole blocks are read by bits
                let p = if next(3) == 0 {
                    next(PIECES.len())
                } else {
                    next(5)
                };
                text.push_str(PIECES[p]);
            }
            let mut got = Vec::new();
            for_each_word(&text, |at, w| got.push((at, w.to_string())));
            assert_eq!(got, by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn collapse_check_by_words_agrees() {
        let exact = |s: &str| {
            let mut space = false;
            s.chars().any(|c| {
                let double = c == ' ' && space;
                space = c == ' ';
                double || (c.is_whitespace() && c != ' ')
            })
        };
        const PIECES: &[&str] = &[
            "ord",
            " ",
            "Nämnd",
            "å",
            "–",
            "\t",
            "\u{A0}",
            "\u{2009}",
            "\u{3000}",
            "\u{1680}",
            "\u{85}",
            "”",
            "x",
            "\u{1}",
            "«",
            "kostnaderna",
        ];
        let mut seed: u64 = 99;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..5000 {
            let mut text = String::from("a");
            for _ in 0..next(30) {
                let p = if next(4) == 0 {
                    next(PIECES.len())
                } else {
                    next(3)
                };
                text.push_str(PIECES[p]);
            }
            text.push('z');
            assert_eq!(needs_collapse(&text), exact(&text), "{text:?}");
        }
    }

    #[test]
    fn word_index_lists_every_place() {
        let mut key = String::new();
        for i in 0..3000 {
            // more than a thousand different words, so the table grows
            key.push_str(&format!("ord{} nämnd, å {} ", i % 1500, i % 7));
        }
        let index = index_words(&key);
        // the index keeps half of each hash
        let half = |w: &str| word_hash(w) >> 32;
        let mut want: std::collections::HashMap<u64, Vec<u32>> = Default::default();
        for_each_word(&key, |at, w| {
            if w.len() >= MIN_INDEXED {
                want.entry(half(w)).or_default().push(at as u32)
            }
        });
        for_each_word(&key, |_, w| match index.get(w) {
            Some(places) => assert_eq!(places, want[&half(w)], "{w}"),
            None => assert!(w.len() < MIN_INDEXED, "{w}"),
        });
        assert_eq!(index.get("saknas"), Some(&[][..]));
        assert_eq!(index.get("å"), None);
        assert_eq!(WordIndex::default().get("ordet"), Some(&[][..]));
    }

    #[test]
    fn markdown_is_told_by_a_heading_line() {
        let by_lines = |s: &str| {
            s.lines().any(|l| {
                let hashes = l.chars().take_while(|&c| c == '#').count();
                (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
            })
        };
        for s in [
            "# Plan",
            "Plan\n## A",
            "C# och F#",
            "#Plan",
            "####### sju",
            "x\n#",
            "x\n# ",
            "",
            "#",
            "a #b\n c",
            "\n###### sex\n",
            "text\r\n# rubrik",
            "#\n# ",
        ] {
            assert_eq!(looks_like_markdown(s), by_lines(s), "{s:?}");
        }
        let mut ids = IdMaker::default();
        for n in 1..=120 {
            assert_eq!(ids.body(Some("h-a")), format!("h-a/p{n}"));
        }
        assert_eq!(ids.body(None), "top/p1");
    }

    #[test]
    fn heading_candidates_as_first_written() {
        let first_written = |line: &str| {
            let t = line.trim();
            let n = t.chars().count();
            let first = t.chars().next();
            n > 0
                && n <= 90
                && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && !t.ends_with(['.', ',', ';', ':', '!', '?', '-'])
                && list_marker(t).is_none()
                && t.split_whitespace().count() <= 12
        };
        let long = "Å".repeat(89);
        let lines = [
            "3.2 Lokalförsörjning inom förskolan",
            "",
            "  ",
            "1. punkt",
            "Text med punkt.",
            "ett två tre fyra fem sex sju åtta nio tio elva tolv",
            "Ett två tre fyra fem sex sju åtta nio tio elva tolv",
            "Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton",
            long.as_str(),
            &format!("{long}Ä"),
            &format!("{long}ÄÖ"),
            &"A".repeat(91),
            &"Ö".repeat(200),
            "– Rubrik",
        ];
        for l in lines {
            assert_eq!(heading_candidate(l), first_written(l), "{l:?}");
        }
    }

    #[test]
    fn quick_binary_scan_misses_nothing() {
        let mut text = String::from("Åtgärd – ”citat” «x» \u{00A0}\t\r\n\u{000C}\u{FEFF}\u{FFFC}ü");
        assert!(!maybe_binary(&text));
        for bad in [
            '\u{0000}', '\u{0008}', '\u{000B}', '\u{001F}', '\u{007F}', '\u{0080}', '\u{009F}',
            '\u{FFFD}',
        ] {
            for at in 0..=12 {
                let mut t: String = text.chars().take(at).collect();
                t.push(bad);
                t.extend(text.chars().skip(at));
                assert!(maybe_binary(&t), "{t:?}");
                assert!(find_binary(&t).is_some(), "{t:?}");
            }
        }
        text.push_str(&"x".repeat(20));
        assert!(!maybe_binary(&text));
    }

    #[test]
    fn markdown_list_numbers_read_back_from_the_canonical_text() {
        // CommonMark numbers a list with up to nine digits
        for md in ["20251. kommun\n", "123456789) nio\n"] {
            let d = Document::parse(md, SourceFormat::Markdown).unwrap();
            assert_eq!(d.blocks[0].kind, BlockKind::ListItem, "{md:?}");
            let again = Document::parse(&d.canonical, SourceFormat::Structured).unwrap();
            assert_eq!(again.blocks, d.blocks, "{md:?}");
        }
    }

    #[test]
    fn markers_count_on() {
        let next = |m: &str| next_marker(m, super::super::numbering::style(&[m]));
        assert_eq!(next("2.").as_deref(), Some("3."));
        assert_eq!(next("b)").as_deref(), Some("c)"));
        assert_eq!(next("z)"), None);
        // "i." is a roman numeral, unless its list is lettered
        assert_eq!(next("i.").as_deref(), Some("ii."));
        let d = Document::parse("# P\n\nh. ett\ni. två\n", SourceFormat::Structured).unwrap();
        let (_, text) = d.insertion_after(2, Document::new_blocks("- tre", None));
        assert_eq!(text, "\nj. tre");
        let d = Document::parse("# P\n\ni. ett\n", SourceFormat::Structured).unwrap();
        let (_, text) = d.insertion_after(1, Document::new_blocks("- två", None));
        assert_eq!(text, "\nii. två");
        // a bullet, written in any form, has no next
        for bullet in ["-", "•", "*", ""] {
            assert_eq!(next(bullet), None, "{bullet:?}");
        }
        // a new bullet item after a "•" item of a structured plan
        let d = Document::parse("# P\n\n• ett\n", SourceFormat::Structured).unwrap();
        let (_, text) = d.insertion_after(1, Document::new_blocks("- två", None));
        assert_eq!(text, "\n- två");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(matches!(
            Document::parse(" \n\n \u{000C}\n", SourceFormat::Auto),
            Err(Error::EmptyPlan)
        ));
        assert!(matches!(
            Document::parse("abc\u{0000}def", SourceFormat::Auto),
            Err(Error::NotText { line: 1, .. })
        ));
    }
}
