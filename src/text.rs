//! Text normalisation for matching quoted passages.
//!
//! Minutes quote the plan loosely: line breaks where the PDF wrapped, a word
//! hyphenated across a line end, ”typographic” or "straight" quotes, an en dash
//! typed as a hyphen. [`Normalized`] turns a text into a *match key* in which
//! those differences vanish, and keeps a map from every byte of the key back to
//! the byte range it came from, so that a match in the key is a range in the
//! original text.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `s` in Unicode normal form C (composed å, ä, ö), borrowing when it
/// already is.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(s),
        _ => std::borrow::Cow::Owned(s.nfc().collect()),
    }
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

/// A match key of a text with a map back to the text's byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The key: one space for every run of white space, quotes and dashes of
    /// one style, soft hyphens dropped.
    pub key: String,
    /// For every byte of `key`, the byte offset in the source where the
    /// character it belongs to starts.
    starts: Vec<u32>,
    /// For every byte of `key`, the byte offset in the source where the
    /// character (or white-space run) it belongs to ends.
    ends: Vec<u32>,
}

impl Normalized {
    /// Builds the key of `text`, skipping the byte ranges in `skip` (which must
    /// be sorted and not overlap; they count as white space). The document uses
    /// `skip` for Markdown markers such as `## ` and `- `.
    pub fn new(text: &str, skip: &[std::ops::Range<usize>]) -> Self {
        let mut n = Normalized {
            key: String::with_capacity(text.len()),
            starts: Vec::with_capacity(text.len()),
            ends: Vec::with_capacity(text.len()),
        };
        let mut skip = skip.iter().peekable();
        let mut pending_space: Option<(u32, u32)> = None;
        for (i, c) in text.char_indices() {
            while skip.peek().is_some_and(|r| r.end <= i) {
                skip.next();
            }
            let end = (i + c.len_utf8()) as u32;
            let skipped = skip.peek().is_some_and(|r| r.start <= i && i < r.end);
            let k = if skipped { Some(' ') } else { key_char(c) };
            match k {
                None => {}
                Some(' ') => {
                    pending_space = Some(match pending_space {
                        Some((s, _)) => (s, end),
                        None => (i as u32, end),
                    });
                }
                Some(k) => {
                    if let Some((s, e)) = pending_space.take() {
                        if !n.key.is_empty() {
                            n.push(' ', s, e);
                        }
                    }
                    n.push(k, i as u32, end);
                }
            }
        }
        n
    }

    fn push(&mut self, c: char, start: u32, end: u32) {
        let len = c.len_utf8();
        self.key.push(c);
        for _ in 0..len {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    /// The match key of a quoted passage (no map needed).
    pub fn key_of(s: &str) -> String {
        Normalized::new(s, &[]).key
    }

    /// The source byte range of the key range `r` (which must lie on
    /// character boundaries of the key and be non-empty).
    pub fn source_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.starts[r.start] as usize..self.ends[r.end - 1] as usize
    }

    /// The key offset of the first key character at or after source offset
    /// `pos`.
    pub fn key_offset(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| (s as usize) < pos)
    }
}

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

/// Similarity of two texts between 0 and 1, comparing words
/// case-insensitively (used to name the closest match of a quote not found).
pub fn similarity(a: &str, b: &str) -> f32 {
    let a = a.to_lowercase();
    let b = b.to_lowercase();
    similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_chars(&a, &b)
        .ratio()
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn strips_enclosing_quotes_of_any_style() {
        assert_eq!(
            strip_enclosing_quotes("\"Förslagsvis har”"),
            Some("Förslagsvis har")
        );
        assert_eq!(strip_enclosing_quotes("Förslagsvis"), None);
    }
}
