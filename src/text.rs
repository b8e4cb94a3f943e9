//! Text normalisation for matching quoted passages.
//!
//! Minutes quote the plan loosely: line breaks where the PDF wrapped, a word
//! hyphenated across a line end, ”typographic” or "straight" quotes, an en dash
//! typed as a hyphen. [`Normalized`] turns a text into a *match key* in which
//! those differences vanish, and keeps a map from every byte of the key back to
//! the byte range it came from, so that a match in the key is a range in the
//! original text.

#[cfg(feature = "nfc-tables")]
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `s` in Unicode normal form C (composed å, ä, ö), borrowing when it
/// already is.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    if surely_nfc(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    compose(s)
}

#[cfg(feature = "nfc-tables")]
fn compose(s: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(s),
        _ => std::borrow::Cow::Owned(s.nfc().collect()),
    }
}

/// A function that composes text to NFC, for builds without the
/// `nfc-tables` feature (the browser binding installs the browser's own).
#[cfg(not(feature = "nfc-tables"))]
static COMPOSER: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Installs the function that composes text to NFC in builds without the
/// `nfc-tables` feature. Without either, text that is not plainly NFC is
/// taken as it is.
#[cfg(not(feature = "nfc-tables"))]
pub fn set_composer(compose: fn(&str) -> String) {
    let _ = COMPOSER.set(compose);
}

#[cfg(not(feature = "nfc-tables"))]
fn compose(s: &str) -> std::borrow::Cow<'_, str> {
    match COMPOSER.get() {
        Some(f) => {
            let n = f(s);
            if n == s {
                std::borrow::Cow::Borrowed(s)
            } else {
                std::borrow::Cow::Owned(n)
            }
        }
        None => std::borrow::Cow::Borrowed(s),
    }
}

/// Is `c` (from U+0300 on) a starter that may stand in NFC?
#[cfg(feature = "nfc-tables")]
fn nfc_starter(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) == 0
        && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// Without the tables: only the dashes, quotes and bullets of General
/// Punctuation (U+2010–U+2027) are known; anything else is looked at by
/// [`compose`].
#[cfg(not(feature = "nfc-tables"))]
fn nfc_starter(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c)
}

/// A quick test that `s` is in NFC, by bytes: true when every character
/// from U+0300 on (the first combining mark) is a starter that may stand in
/// NFC. Every character below U+0300 is such a starter (see the tests), and
/// those are the bytes below 0xCC in UTF-8; only the rare others (dashes,
/// quotes) are looked up. False means "look closer", not "not NFC".
fn surely_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // eight bytes at a time while none is from 0xCC on
        if i + 8 <= bytes.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i..i + 8]);
            let w = u64::from_le_bytes(w);
            if w & ((w & !HIGH) + 0x34 * ONES) & HIGH == 0 {
                i += 8;
                continue;
            }
        }
        if bytes[i] < 0xCC {
            i += 1;
            continue;
        }
        // a byte from 0xCC on always starts a character
        let Some(c) = s[i..].chars().next() else {
            return false;
        };
        if !nfc_starter(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// Is `c` a quotation mark of any style?
pub fn is_double_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2033}'
    )
}

fn is_single_quote(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}'
    )
}

/// The character `c` stands for in a match key, or `None` if it is dropped.
fn key_char(c: char) -> Option<char> {
    if is_double_quote(c) {
        Some('"')
    } else if is_single_quote(c) {
        Some('\'')
    } else if matches!(
        c,
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2010}' | '\u{2011}' | '\u{2212}'
    ) {
        Some('-')
    } else if c == '\u{00AD}' || c == '\u{200B}' || c == '\u{FEFF}' {
        None
    } else if c.is_whitespace() {
        Some(' ')
    } else {
        Some(c)
    }
}

/// Words that follow a hyphen at a line end without joining it: in
/// "förskole-\noch skolenheterna" the hyphen is part of the text.
const KEEP_HYPHEN_BEFORE: &[&str] = &[
    "och",
    "eller",
    "samt",
    "respektive",
    "resp",
    "som",
    "till",
    "men",
    "and",
    "or",
];

/// Joins a word hyphenated across a line break ("kärn-\nverksamheter") unless
/// the next word shows that the hyphen belongs to the text ("förskole-\noch").
///
/// `before` is the text up to and including the hyphen, `next_line` the
/// following line with leading white space removed.
pub fn joins_hyphenated(before: &str, next_line: &str) -> bool {
    let Some(stem) = before.strip_suffix('-') else {
        return false;
    };
    // the word part before the hyphen: a single letter ("e-tjänster") or an
    // abbreviation in capitals ("IT-system") is a compound, never hyphenation
    let word: Vec<char> = stem
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let prev_is_letter = word.first().is_some_and(|c| c.is_alphabetic());
    let compound = word.len() == 1 || word.iter().all(|c| !c.is_lowercase());
    let next_word: String = next_line
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    prev_is_letter
        && !compound
        && next_word.chars().next().is_some_and(char::is_lowercase)
        && !KEEP_HYPHEN_BEFORE.contains(&next_word.as_str())
}

/// Joins a line ending in a hyphen or dash to the next without a space,
/// keeping the dash, when it is part of a compound or a range rather than
/// hyphenation: "IT-\nsystem", "e-\ntjänster", "2020-\ntalet",
/// "2023–\n2025". A hyphen before "och" ("förskole-\noch") and a dash after
/// a space ("kostnader –\nvilket") keep the space.
pub fn joins_keeping_hyphen(before: &str, next_line: &str) -> bool {
    let mut rev = before.chars().rev();
    let dash = rev
        .next()
        .is_some_and(|c| matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}'));
    if !dash {
        return false;
    }
    let next_word: String = next_line
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    dash && rev.next().is_some_and(char::is_alphanumeric)
        && !next_word.is_empty()
        && !KEEP_HYPHEN_BEFORE.contains(&next_word.to_lowercase().as_str())
        && !joins_hyphenated(before, next_line)
}

/// Prepares a quoted passage as typed in minutes: NFC, words hyphenated at a
/// line end re-joined, outer white space trimmed.
pub fn clean_quote(quote: &str) -> String {
    let quote = nfc(quote);
    let mut out = String::with_capacity(quote.len());
    for (i, line) in quote.split('\n').enumerate() {
        let line = line.trim_end_matches(['\r', ' ', '\t']);
        // the joined text so far is checked against every next line, so a
        // word hyphenated over three lines joins whole
        let next = line.trim_start();
        if i > 0 && joins_hyphenated(&out, next) {
            out.pop();
            out.push_str(next);
        } else if i > 0 && joins_keeping_hyphen(&out, next) {
            out.push_str(next);
        } else {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out.trim().to_string()
}

/// Strips one pair of enclosing quotation marks, if the passage has them.
pub fn strip_enclosing_quotes(s: &str) -> Option<&str> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let last = chars.next_back()?;
    if is_double_quote(first) && is_double_quote(last) {
        Some(s[first.len_utf8()..s.len() - last.len_utf8()].trim())
    } else {
        None
    }
}

/// A stretch of a match key and where it comes from in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// Where the stretch starts in the key.
    key: u32,
    /// Where it starts in the source.
    src: u32,
    /// 0 if the stretch is a copy of the source, byte for byte (a white-space
    /// character of one byte written as a space), up to the next stretch;
    /// otherwise the stretch is one key byte (a space, a straight quote or a
    /// hyphen) that stands for the source bytes `src..end`.
    end: u32,
}

/// A match key of a text with a map back to the text's byte offsets.
///
/// The map is a list of [`Span`]s: most of a plan's key is a copy of its
/// text, so it changes only where a run of white space, a Markdown marker or
/// a typographic quote or dash became one byte, a few times a paragraph.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The key: one space for every run of white space, quotes and dashes of
    /// one style, soft hyphens dropped.
    pub key: String,
    /// Sorted by key offset (and so by source offset); the first starts at 0
    /// unless the key is empty.
    spans: Vec<Span>,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `w` that is zero.
fn zero_bytes(w: u64) -> u64 {
    !(((w & !HIGH) + !HIGH) | w) & HIGH
}

/// Are the eight bytes `w` (read little-endian) plain text, each character
/// its own key: ASCII characters from U+0020 on, no two spaces together and
/// none last, and whole letters from U+00C0 to U+00FF (å, ä, ö, é), none
/// cut at the end? The key of a run of plain words is a copy of it.
fn plain8(w: u64) -> bool {
    // a byte below 0x20 (exact for "is there one")
    let control = w.wrapping_sub(0x20 * ONES) & !w & HIGH;
    let space = zero_bytes(w ^ (0x20 * ONES));
    let lead = zero_bytes(w ^ (0xC3 * ONES));
    control == 0
        && space & (space << 8) == 0
        && (space | lead) >> 56 == 0
        && (w & HIGH & !lead) == lead << 8
}

/// True when `s` surely has no white space but single spaces: no byte below
/// 0x20, no two spaces together, no lead byte of a character from U+0100 on
/// (among them the wider white space). False means "look closer".
pub(crate) fn surely_single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    // the high bit of byte 0 if the byte before was a space
    let mut space_before = 0u64;
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(w);
        let space = zero_bytes(w ^ (0x20 * ONES));
        // below 0x20 (exact for "is there one")
        let control = w.wrapping_sub(0x20 * ONES) & !w & HIGH;
        // from 0xC0 on, the lead bytes, but for 0xC3 (U+00C0–U+00FF)
        let lead = w & (w << 1) & HIGH & !zero_bytes(w ^ (0xC3 * ONES));
        if control | lead | (space & ((space << 8) | space_before)) != 0 {
            return false;
        }
        space_before = space >> 56;
        i += 8;
    }
    let mut space = space_before != 0;
    for &x in &b[i..] {
        if x < 0x20 || (x >= 0xC0 && x != 0xC3) || (x == b' ' && space) {
            return false;
        }
        space = x == b' ';
    }
    true
}

/// Is `b` an ASCII character that [`char::is_whitespace`] accepts?
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

struct KeyWriter<'t> {
    text: &'t str,
    key: String,
    spans: Vec<Span>,
    /// The source offset where the open copy stretch ends, if one is open.
    copy_end: Option<usize>,
}

impl KeyWriter<'_> {
    fn open_copy(&mut self, src: usize) {
        if self.copy_end != Some(src) {
            self.spans.push(Span {
                key: self.key.len() as u32,
                src: src as u32,
                end: 0,
            });
        }
    }

    /// Copies the source bytes `a..b`.
    fn copy(&mut self, a: usize, b: usize) {
        self.open_copy(a);
        self.key.push_str(&self.text[a..b]);
        self.copy_end = Some(b);
    }

    /// Writes one space for the source bytes `a..b`.
    fn space(&mut self, a: usize, b: usize) {
        if b - a == 1 {
            self.open_copy(a);
            self.key.push(' ');
            self.copy_end = Some(b);
        } else {
            self.mapped(' ', a, b);
        }
    }

    /// Writes the ASCII character `k` for the source bytes `a..b`.
    fn mapped(&mut self, k: char, a: usize, b: usize) {
        self.spans.push(Span {
            key: self.key.len() as u32,
            src: a as u32,
            end: b as u32,
        });
        self.key.push(k);
        self.copy_end = None;
    }
}

impl Normalized {
    /// Builds the key of `text`, skipping the byte ranges in `skip` (which must
    /// be sorted and not overlap; they count as white space). The document uses
    /// `skip` for Markdown markers such as `## ` and `- `.
    pub fn new(text: &str, skip: &[std::ops::Range<usize>]) -> Self {
        let bytes = text.as_bytes();
        let mut w = KeyWriter {
            text,
            key: String::with_capacity(text.len()),
            spans: Vec::new(),
            copy_end: None,
        };
        // the source range of white space not yet written
        let mut pending: Option<(usize, usize)> = None;
        let mut skip_i = 0;
        let mut i = 0;
        while i < bytes.len() {
            while skip.get(skip_i).is_some_and(|r| r.end <= i) {
                skip_i += 1;
            }
            let next_skip = match skip.get(skip_i) {
                Some(r) if r.start <= i => {
                    let len = text[i..].chars().next().map_or(1, char::len_utf8);
                    pending = Some((pending.map_or(i, |p| p.0), i + len));
                    i += len;
                    continue;
                }
                Some(r) => r.start,
                None => bytes.len(),
            };
            if is_ascii_space(bytes[i]) {
                pending = Some((pending.map_or(i, |p| p.0), i + 1));
                i += 1;
                continue;
            }
            if bytes[i] >= 0x80 {
                let c = text[i..].chars().next().unwrap_or(' ');
                let len = c.len_utf8();
                match key_char(c) {
                    None => {
                        i += len;
                        continue;
                    }
                    Some(' ') => {
                        pending = Some((pending.map_or(i, |p| p.0), i + len));
                        i += len;
                        continue;
                    }
                    Some(k) if k != c => {
                        if let Some((s, e)) = pending.take() {
                            if !w.key.is_empty() {
                                w.space(s, e);
                            }
                        }
                        w.mapped(k, i, i + len);
                        i += len;
                        continue;
                    }
                    Some(_) => {}
                }
            }
            // a run of characters that stand for themselves
            if let Some((s, e)) = pending.take() {
                if !w.key.is_empty() {
                    w.space(s, e);
                }
            }
            let start = i;
            while i < next_skip {
                if i + 8 <= next_skip {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(&bytes[i..i + 8]);
                    if plain8(u64::from_le_bytes(w)) {
                        i += 8;
                        continue;
                    }
                }
                let b = bytes[i];
                if b < 0x80 {
                    if is_ascii_space(b) {
                        // one space before a character that stands for
                        // itself is its own key, as it would be on its own
                        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                        if b == b' ' && i + 1 < next_skip && next < 0x80 && !is_ascii_space(next) {
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                } else if b == 0xC3 {
                    // U+00C0 to U+00FF: letters (å, ä, ö, é) and × ÷
                    i += 2;
                } else {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if key_char(c) != Some(c) {
                        break;
                    }
                    i += c.len_utf8();
                }
            }
            w.copy(start, i);
        }
        Normalized {
            key: w.key,
            spans: w.spans,
        }
    }

    /// The match key of a quoted passage (no map needed).
    pub fn key_of(s: &str) -> String {
        Normalized::new(s, &[]).key
    }

    /// The start of the key character holding byte `k`.
    fn char_start(&self, mut k: usize) -> usize {
        while !self.key.is_char_boundary(k) {
            k -= 1;
        }
        k
    }

    /// The stretch holding key byte `k` (which must be in the key).
    fn span(&self, k: usize) -> Span {
        assert!(k < self.key.len(), "key offset {k} out of range");
        self.spans[self.spans.partition_point(|s| s.key as usize <= k) - 1]
    }

    /// The source offset where the character holding key byte `k` starts.
    fn source_start(&self, k: usize) -> usize {
        let s = self.span(k);
        if s.end != 0 {
            s.src as usize
        } else {
            s.src as usize + self.char_start(k) - s.key as usize
        }
    }

    /// The source offset where the character (or white-space run) holding
    /// key byte `k` ends.
    fn source_end(&self, k: usize) -> usize {
        let s = self.span(k);
        if s.end != 0 {
            s.end as usize
        } else {
            let c = self.char_start(k);
            let len = self.key[c..].chars().next().map_or(1, char::len_utf8);
            s.src as usize + c + len - s.key as usize
        }
    }

    /// The source byte range of the key range `r` (which must lie on
    /// character boundaries of the key and be non-empty).
    pub fn source_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.source_start(r.start)..self.source_end(r.end - 1)
    }

    /// The key offset of the first key character at or after source offset
    /// `pos`.
    pub fn key_offset(&self, pos: usize) -> usize {
        let j = self.spans.partition_point(|s| (s.src as usize) < pos);
        let next = self.spans.get(j).map_or(self.key.len(), |s| s.key as usize);
        if let Some(s) = j.checked_sub(1).map(|p| self.spans[p]) {
            // a copied stretch that runs on past `pos`
            let len = next - s.key as usize;
            if s.end == 0 && pos < s.src as usize + len {
                let mut k = s.key as usize + pos - s.src as usize;
                while !self.key.is_char_boundary(k) {
                    k += 1;
                }
                return k;
            }
        }
        next
    }
}

/// A fast hasher for the word index and paragraph hashes: FxHash's
/// rotate-xor-multiply, eight bytes at a time. Its keys come from the plan
/// being read, not from an adversary, so it need not resist forced
/// collisions the way the standard hasher does.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let word = |b: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[..8]);
            u64::from_le_bytes(w)
        };
        let mut bytes = bytes;
        if bytes.len() >= 32 {
            // four lanes side by side for long keys (whole paragraphs)
            let mut lanes = [self.hash, self.hash ^ 1, self.hash ^ 2, self.hash ^ 3];
            while bytes.len() >= 32 {
                for (k, lane) in lanes.iter_mut().enumerate() {
                    *lane = (lane.rotate_left(5) ^ word(&bytes[8 * k..])).wrapping_mul(Self::K);
                }
                bytes = &bytes[32..];
            }
            for lane in lanes {
                self.add(lane);
            }
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // byte by byte: a copy into a buffer would call memcpy
            let mut w = 0u64;
            for (k, &b) in rest.iter().enumerate() {
                w |= (b as u64) << (8 * k);
            }
            self.add(w);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s for a `HashMap`.
pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Is byte offset `i` of `s` a word boundary for a passage whose edge
/// character is `edge` (`before`: the passage starts at `i`)?
pub fn at_word_boundary(s: &str, i: usize, edge: char, before: bool) -> bool {
    if !edge.is_alphanumeric() {
        return true;
    }
    let neighbour = if before {
        s[..i].chars().next_back()
    } else {
        s[i..].chars().next()
    };
    !neighbour.is_some_and(char::is_alphanumeric)
}

/// Texts of together at most this many bytes are compared character by
/// character; longer ones word by word, within a band (see
/// [`similarity`]).
const SIMILAR_BY_CHARS: usize = 4096;

/// How far (in words) from the diagonal a long comparison looks.
const SIMILAR_BAND: usize = 64;

/// Similarity of two texts between 0 and 1, case-insensitively (used to
/// name the closest match of a quote not found): twice the characters they
/// have in common, in order, over the characters of both. Texts of together
/// more than [`SIMILAR_BY_CHARS`] bytes are compared by their words (each
/// word counting its characters and one for the space after it), and only
/// within [`SIMILAR_BAND`] words of where the one text's place in the other
/// would be were they the same length: the time grows with the texts'
/// length, not its square, and a text with a few changes here and there
/// scores as it would character by character, near enough.
pub fn similarity(a: &str, b: &str) -> f32 {
    Likeness::new(a).to(b)
}

/// [`similarity`] to one text, prepared once for comparing many with it.
pub struct Likeness<'a> {
    text: &'a str,
    /// The text's characters in lower case.
    chars: Vec<char>,
    /// Where each character stands in `chars`, a bit for each place:
    /// `masks[at[c]..at[c] + words]`.
    at: std::collections::HashMap<char, usize, FxBuild>,
    masks: Vec<u64>,
    /// The text's [`hashed_words`], for a long comparison.
    words: std::sync::OnceLock<Vec<(u64, u32)>>,
}

/// Characters in lower case (ASCII ones quickly).
fn lower_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(|c| {
        let ascii = c.is_ascii().then(|| c.to_ascii_lowercase());
        let other = (!c.is_ascii())
            .then(|| c.to_lowercase())
            .into_iter()
            .flatten();
        ascii.into_iter().chain(other)
    })
}

impl<'a> Likeness<'a> {
    pub fn new(text: &'a str) -> Likeness<'a> {
        let chars: Vec<char> = if text.len() <= SIMILAR_BY_CHARS {
            lower_chars(text).collect()
        } else {
            Vec::new()
        };
        let w = chars.len().div_ceil(64);
        let mut at: std::collections::HashMap<char, usize, FxBuild> = Default::default();
        let mut masks: Vec<u64> = Vec::new();
        for (i, &x) in chars.iter().enumerate() {
            let k = *at.entry(x).or_insert_with(|| {
                masks.resize(masks.len() + w, 0);
                masks.len() - w
            });
            masks[k + i / 64] |= 1 << (i % 64);
        }
        Likeness {
            text,
            chars,
            at,
            masks,
            words: std::sync::OnceLock::new(),
        }
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Is the text empty?
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The [`similarity`] of the text and `other`.
    pub fn to(&self, other: &str) -> f32 {
        if self.text.len() + other.len() > SIMILAR_BY_CHARS {
            let words = self.words.get_or_init(|| hashed_words(self.text));
            return word_similarity(words, &hashed_words(other));
        }
        let (common, n) = common_length(&self.chars, &self.at, &self.masks, lower_chars(other));
        if self.chars.is_empty() && n == 0 {
            return 1.0;
        }
        2.0 * common as f32 / (self.chars.len() + n) as f32
    }
}

/// The length of the longest common subsequence of `a` and `b`, by
/// Hyyrö's bit-parallel algorithm: a pass over `b` with a bit for each
/// element of `a`, the elements of `a` not yet matched (`at` and `masks`
/// as in [`Likeness`]). Also the length of `b`.
fn common_length<T: Eq + std::hash::Hash>(
    a: &[T],
    at: &std::collections::HashMap<T, usize, FxBuild>,
    masks: &[u64],
    b: impl Iterator<Item = T>,
) -> (usize, usize) {
    let w = a.len().div_ceil(64);
    let mut v = vec![!0u64; w];
    let mut n = 0;
    for y in b {
        n += 1;
        let Some(&k) = at.get(&y) else {
            continue;
        };
        let m = &masks[k..k + w];
        let (mut carry, mut borrow) = (false, false);
        for (v, &m) in v.iter_mut().zip(m) {
            let u = *v & m;
            let (sum, c1) = v.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(carry as u64);
            let (diff, b1) = v.overflowing_sub(u);
            let (diff, b2) = diff.overflowing_sub(borrow as u64);
            (carry, borrow) = (c1 || c2, b1 || b2);
            *v = sum | diff;
        }
    }
    let rest = a.len() % 64;
    let common = v
        .iter()
        .enumerate()
        .map(|(k, v)| {
            let bits = if k + 1 == w && rest != 0 {
                (1u64 << rest) - 1
            } else {
                !0
            };
            (!v & bits).count_ones() as usize
        })
        .sum();
    (common, n)
}

/// The words of a text for [`word_similarity`]: a hash of each in lower
/// case, and its weight, its characters and one for the space after it.
fn hashed_words(s: &str) -> Vec<(u64, u32)> {
    use std::hash::Hasher;
    let mut out = Vec::new();
    let mut word: Option<(FxHasher, u32)> = None;
    for c in s.chars() {
        if c.is_alphanumeric() {
            let (h, n) = word.get_or_insert_with(|| (FxHasher::default(), 1));
            for l in c.to_lowercase() {
                h.write_u32(l as u32);
            }
            *n += 1;
        } else if let Some((h, n)) = word.take() {
            out.push((h.finish(), n));
        }
    }
    out.extend(word.map(|(h, n)| (h.finish(), n)));
    out
}

/// [`similarity`] of long texts (their [`hashed_words`]): the weighted
/// longest common subsequence of their words within a band around the
/// diagonal.
fn word_similarity(a: &[(u64, u32)], b: &[(u64, u32)]) -> f32 {
    let total: u32 = a.iter().chain(b).map(|w| w.1).sum();
    if total == 0 {
        return 1.0;
    }
    let (n, m) = (a.len(), b.len());
    // common[j]: the weight in common of a[..i] and b[..j], this row and
    // the one before (a cell outside the band keeps an earlier row's value,
    // which is no more than its own: the result is never too high)
    let mut prev = vec![0u32; m + 1];
    let mut cur = vec![0u32; m + 1];
    for i in 1..=n {
        let centre = i * m / n.max(1);
        let lo = centre.saturating_sub(SIMILAR_BAND).max(1);
        let hi = (centre + SIMILAR_BAND).min(m);
        for j in lo..=hi {
            cur[j] = if a[i - 1].0 == b[j - 1].0 {
                prev[j - 1] + a[i - 1].1
            } else {
                prev[j].max(cur[j - 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let common = prev.iter().copied().max().unwrap_or(0);
    2.0 * common as f32 / total as f32
}

/// A short excerpt of `s` around byte range `r`, on character boundaries,
/// with an ellipsis where it was cut.
pub fn excerpt(s: &str, max_chars: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut} …")
}

// The tests compare with unicode-normalization's tables.
#[cfg(all(test, feature = "nfc-tables"))]
mod tests {
    use super::*;
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

    #[test]
    fn key_collapses_space_quotes_and_dashes() {
        let n = Normalized::new("Ett  ”citat”\nmed\u{00AD}  2023–2025", &[]);
        assert_eq!(n.key, "Ett \"citat\" med 2023-2025");
    }

    #[test]
    fn source_range_maps_back() {
        let text = "Alpha\n  beta ”gamma”";
        let n = Normalized::new(text, &[]);
        let k = n.key.find("beta \"gamma\"").unwrap();
        let r = n.source_range(k..k + "beta \"gamma\"".len());
        assert_eq!(&text[r], "beta ”gamma”");
    }

    #[test]
    fn skipped_ranges_count_as_space() {
        let text = "## Rubrik\n\nText";
        let skip = [std::ops::Range { start: 0, end: 3 }];
        let n = Normalized::new(text, &skip);
        assert_eq!(n.key, "Rubrik Text");
    }

    #[test]
    fn hyphenation_rules() {
        assert!(joins_hyphenated("kärn-", "verksamheter"));
        assert!(!joins_hyphenated("förskole-", "och skolenheterna"));
        assert!(!joins_hyphenated("2023-", "2025"));
        assert!(!joins_hyphenated("Alingsås-", "Energi"));
        assert_eq!(
            clean_quote("inom alla kärn-\n  verksamheter, ha en"),
            "inom alla kärnverksamheter, ha en"
        );
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd = "a\u{030A}tgärd";
        assert_eq!(nfc(nfd), "åtgärd");
    }

    #[test]
    fn plain_words_are_plain() {
        let w = |s: &[u8]| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&s[..8]);
            plain8(u64::from_le_bytes(b))
        };
        assert!(w("Nämnd sk".as_bytes()));
        assert!(w(b"a b c de"));
        assert!(w(b"\"x'-.,;a"));
        assert!(w("åäöÅ".as_bytes()));
        assert!(w("aé ×÷".as_bytes()));
        assert!(!w(b"a  b cde"));
        assert!(!w(b"abc def "));
        assert!(!w(b"abc\ndefg"));
        assert!(!w(b"abc\tdefg"));
        // a letter cut at the end, a dash, a no-break space
        assert!(!w("abcdefgé".as_bytes()));
        assert!(!w("a–bcdefg".as_bytes()));
        assert!(!w("ab\u{A0}cdefg".as_bytes()));
        assert!(!w("abc\u{AD}defg".as_bytes()));
    }

    #[test]
    fn quick_nfc_test_agrees() {
        // the premise of `surely_nfc`: below U+0300 every character is a
        // starter allowed in NFC
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        for s in [
            "Nämnd – ”citat” 2023–2025 …",
            "a\u{030A}",
            "\u{212B}ngström",
            "\u{1100}\u{1161}",
            "e\u{0301}\u{0327}",
            "\u{0344}",
            "",
        ] {
            let quick = is_nfc_quick(s.chars()) == IsNormalized::Yes;
            assert!(!surely_nfc(s) || quick, "{s:?}");
            assert_eq!(nfc(s), s.nfc().collect::<String>(), "{s:?}");
        }
        assert!(surely_nfc("Nämnd – ”citat” 2023–2025 …"));
        // eight bytes at a time: a combining mark anywhere is seen
        for pad in 0..20 {
            let plain = format!("{}Nämnd ”citat”{}", "x".repeat(pad), "y".repeat(pad));
            assert!(surely_nfc(&plain), "{plain:?}");
            for mark in ["\u{0301}", "\u{0344}", "\u{1161}"] {
                let t = format!("{}a{mark}{}", "x".repeat(pad), "y".repeat(20 - pad));
                assert!(!surely_nfc(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn strips_enclosing_quotes_of_any_style() {
        assert_eq!(
            strip_enclosing_quotes("\"Förslagsvis har”"),
            Some("Förslagsvis har")
        );
        assert_eq!(strip_enclosing_quotes("Förslagsvis"), None);
    }

    /// The map as it was first written: a source offset for every key byte.
    struct ByteMap {
        key: String,
        starts: Vec<u32>,
        ends: Vec<u32>,
    }

    impl ByteMap {
        fn new(text: &str, skip: &[std::ops::Range<usize>]) -> Self {
            let mut n = ByteMap {
                key: String::new(),
                starts: Vec::new(),
                ends: Vec::new(),
            };
            let push = |n: &mut ByteMap, c: char, start: usize, end: usize| {
                n.key.push(c);
                for _ in 0..c.len_utf8() {
                    n.starts.push(start as u32);
                    n.ends.push(end as u32);
                }
            };
            let mut skip = skip.iter().peekable();
            let mut pending: Option<(usize, usize)> = None;
            for (i, c) in text.char_indices() {
                while skip.peek().is_some_and(|r| r.end <= i) {
                    skip.next();
                }
                let end = i + c.len_utf8();
                let skipped = skip.peek().is_some_and(|r| r.start <= i && i < r.end);
                match if skipped { Some(' ') } else { key_char(c) } {
                    None => {}
                    Some(' ') => pending = Some((pending.map_or(i, |p| p.0), end)),
                    Some(k) => {
                        if let Some((s, e)) = pending.take() {
                            if !n.key.is_empty() {
                                push(&mut n, ' ', s, e);
                            }
                        }
                        push(&mut n, k, i, end);
                    }
                }
            }
            n
        }
    }

    /// The span map answers exactly as a map of every key byte would, for
    /// every range and offset, on texts full of white space, markers,
    /// typographic quotes, dashes, soft hyphens and multi-byte letters.
    #[test]
    fn span_map_matches_byte_map() {
        const PIECES: &[&str] = &[
            "a", "å", "Ö", "ord", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u{A0}", "\u{3000}",
            "\u{2028}", "”", "\"", "'", "’", "–", "-", "\u{AD}", "\u{200B}", "𝔸", "#", "é", "1",
        ];
        let mut seed: u64 = 0x5EED;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        // long runs of plain words, which the key copies eight bytes at a time
        const PLAIN: &[&str] = &["ord ", "Nämnd ", "kostnaderna", "ä", "x", "é", " "];
        for round in 0..6000 {
            let mut text = String::new();
            for _ in 0..next(if round % 2 == 0 { 24 } else { 60 }) {
                if round % 2 == 1 && next(4) != 0 {
                    text.push_str(PLAIN[next(PLAIN.len())]);
                } else {
                    text.push_str(PIECES[next(PIECES.len())]);
                }
            }
            // sorted, disjoint skip ranges on character boundaries
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut skip = Vec::new();
            let mut at = 0;
            while next(3) == 0 && at + 1 < bounds.len() {
                let a = at + next(bounds.len() - at);
                let b = (a + 1 + next(3)).min(bounds.len() - 1);
                if a < b {
                    skip.push(bounds[a]..bounds[b]);
                }
                at = b;
            }
            let old = ByteMap::new(&text, &skip);
            let new = Normalized::new(&text, &skip);
            assert_eq!(new.key, old.key, "{text:?} {skip:?}");
            for pos in 0..=text.len() + 1 {
                let want = old.starts.partition_point(|&s| (s as usize) < pos);
                assert_eq!(new.key_offset(pos), want, "{text:?} {skip:?} at {pos}");
            }
            let kb: Vec<usize> = (0..=new.key.len())
                .filter(|&i| new.key.is_char_boundary(i))
                .collect();
            for (x, &a) in kb.iter().enumerate() {
                for &b in &kb[x + 1..(x + 24).min(kb.len())] {
                    let want = old.starts[a] as usize..old.ends[b - 1] as usize;
                    assert_eq!(new.source_range(a..b), want, "{text:?} {skip:?} {a}..{b}");
                }
            }
        }
    }

    /// The longest common subsequence by the table, row by row.
    fn common_by_table(a: &[char], b: &[char]) -> usize {
        let mut prev = vec![0usize; b.len() + 1];
        for x in a {
            let mut cur = vec![0usize; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = if x == y {
                    prev[j] + 1
                } else {
                    prev[j + 1].max(cur[j])
                };
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn common_length_agrees_with_the_table() {
        // texts of two to five letters, across the 64-bit words
        let mut x: u64 = 12345;
        let mut text = |n: usize, letters: u64| -> Vec<char> {
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (b'a' + (x % letters) as u8) as char
                })
                .collect()
        };
        for (n, m, letters) in [(0, 5, 2), (5, 0, 2), (63, 64, 2), (64, 65, 3), (130, 70, 5)] {
            for _ in 0..20 {
                let (a, b) = (text(n, letters), text(m, letters));
                let s: String = a.iter().collect();
                let like = Likeness::new(&s);
                let (common, len) =
                    common_length(&like.chars, &like.at, &like.masks, b.iter().copied());
                assert_eq!(common, common_by_table(&a, &b), "{a:?} {b:?}");
                assert_eq!(len, b.len());
            }
        }
    }

    #[test]
    fn similarity_is_the_character_ratio() {
        for (a, b) in [
            ("De ska bli fler.", "De ska bli färre."),
            (
                "Personalen ska få sämre villkor",
                "Personalen ska få BÄTTRE villkor.",
            ),
            ("", ""),
            ("abc", ""),
        ] {
            let (la, lb) = (a.to_lowercase(), b.to_lowercase());
            let want = similar::TextDiff::configure()
                .algorithm(similar::Algorithm::Myers)
                .diff_chars(&la, &lb)
                .ratio();
            assert!((similarity(a, b) - want).abs() < 1e-6, "{a} | {b}");
        }
    }

    #[test]
    fn long_texts_compare_by_words_within_a_band() {
        let a: String = (0..2000).map(|i| format!("ord{} ", i % 37)).collect();
        let mut b = a.clone();
        // two words changed, one dropped
        b.replace_range(100..110, "xyzxyzxyzx");
        b.replace_range(5000..5020, "");
        let s = similarity(&a, &b);
        assert!(s > 0.99 && s < 1.0, "{s}");
        assert!(similarity(&a, "helt annan text") < 0.01);
    }
}
