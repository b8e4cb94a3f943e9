//! Two versions of a plan compared as plans, not as files.
//!
//! A plan that comes back from the committee as a new PDF or a re-pasted
//! text differs from the old one in ways that are not changes: lines wrapped
//! at other places, a word hyphenated at a line's end ("kommun-" /
//! "koncernen"), page footers and page breaks where the pages now end. Both
//! versions are read as plans ([`Document::parse`]) and what is compared is
//! their content: each block's text with the white space inside it made one
//! space, page breaks left out, and lines that are only a page's number or
//! footer ("3", "Sida 3 av 12", "- 3 -") dropped when they stand between
//! blocks. A word broken over two lines with a hyphen is joined again when
//! the same word appears unbroken in either version; a hyphen that belongs
//! to the word (the "kommun-" of "kommun- och regionsektorn") stays.
//!
//! What is left is compared by [`crate::diff::compare`]: paragraphs aligned
//! first, words diffed only in changed ones. A paragraph that moved is
//! reported as a move ([`Moved`]) as well as being deleted where it was and
//! inserted where it is.

use crate::diff::{self, Chunk, Tag};
use crate::doc::{Block, BlockKind, Document};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A paragraph that is in both versions, at another place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub text: String,
    /// Its block's place (from 0) among the compared blocks of each version.
    pub from: usize,
    pub to: usize,
}

/// The comparison of two versions of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Versions {
    /// The content of the old version against the new, as tracked changes.
    pub chunks: Vec<Chunk>,
    /// The paragraphs among the changes that only moved.
    pub moved: Vec<Moved>,
}

impl Versions {
    /// Is the content the same?
    pub fn unchanged(&self) -> bool {
        self.chunks.iter().all(|c| c.tag == Tag::Equal)
    }
}

/// Compares two versions of a plan by their content (see the module docs).
pub fn compare_versions(old: &Document, new: &Document) -> Versions {
    let words = unbroken_words(&[old, new]);
    let a = content(old, &words);
    let b = content(new, &words);
    let text = |blocks: &[String]| {
        if blocks.is_empty() {
            String::new()
        } else {
            blocks.join("\n\n") + "\n"
        }
    };
    let chunks = diff::compare(&text(&a), &text(&b));
    let moved = moves(&a, &b, &chunks);
    Versions { chunks, moved }
}

/// The blocks that carry content, each as one line of normalised text.
fn content(doc: &Document, words: &HashSet<String>) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| !is_page_furniture(b))
        .map(|b| block_line(b, words))
        .collect()
}

/// A block as the comparison sees it: its marker (heading level, list
/// marker, table row) and its text with wrapped lines joined.
fn block_line(b: &Block, words: &HashSet<String>) -> String {
    let text = join_lines(&b.text, words);
    match b.kind {
        BlockKind::Heading { level } => format!("{} {text}", "#".repeat(usize::from(level))),
        BlockKind::ListItem => format!("{} {text}", b.marker),
        BlockKind::TableRow | BlockKind::Paragraph => text,
    }
}

/// `text` with its line breaks and runs of white space made single spaces,
/// and a word hyphenated at a line's end joined when `words` has it whole.
fn join_lines(text: &str, words: &HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return String::new();
    };
    out.push_str(&squeeze(first));
    for line in lines {
        let line = squeeze(line);
        let head = out.rsplit(' ').next().unwrap_or("");
        let tail = line.split(' ').next().unwrap_or("");
        let broken = head.len() > 1 && head.ends_with('-') && tail.starts_with(char::is_lowercase);
        let joined = format!("{}{tail}", &head[..head.len().saturating_sub(1)]);
        if broken && words.contains(&word_key(&joined)) {
            out.truncate(out.len() - 1);
            out.push_str(&line);
        } else {
            out.push(' ');
            out.push_str(&line);
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word as the hyphenation check looks it up: letters only, lower case.
fn word_key(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every word written whole, unbroken, in the texts.
fn unbroken_words(docs: &[&Document]) -> HashSet<String> {
    let mut out = HashSet::new();
    for d in docs {
        for b in &d.blocks {
            out.extend(b.text.split_whitespace().map(word_key));
        }
    }
    out
}

/// A paragraph that is only a page's number or footer: "3", "- 3 -",
/// "Sida 3 av 12", "Page 3 of 12", "3 (12)".
fn is_page_furniture(b: &Block) -> bool {
    // (a pasted text's reader may take a short line for a heading or an item)
    if b.kind == BlockKind::TableRow {
        return false;
    }
    let t = format!("{} {}", b.marker, b.text).trim().to_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let words: Vec<&str> = t.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n] => number(n) || number(n.trim_matches(['(', ')'])),
        [a, b] if number(a) => b.starts_with('(') && number(b.trim_matches(['(', ')'])),
        [page, n] => matches!(*page, "sida" | "page" | "s.") && number(n),
        [page, n, of, total] => {
            matches!(*page, "sida" | "page")
                && number(n)
                && matches!(*of, "av" | "of")
                && number(total)
        }
        _ => false,
    }
}

/// The paragraphs deleted in one place and inserted whole in another.
fn moves(a: &[String], b: &[String], chunks: &[Chunk]) -> Vec<Moved> {
    let deleted = whole_paragraphs(chunks, Tag::Delete);
    let inserted = whole_paragraphs(chunks, Tag::Insert);
    let mut at_new: HashMap<&str, usize> = HashMap::new();
    for (i, p) in b.iter().enumerate() {
        at_new.entry(p.as_str()).or_insert(i);
    }
    a.iter()
        .enumerate()
        .filter(|(_, p)| deleted.contains(p.as_str()) && inserted.contains(p.as_str()))
        .filter_map(|(from, p)| {
            Some(Moved {
                text: p.clone(),
                from,
                to: *at_new.get(p.as_str())?,
            })
        })
        .collect()
}

/// The paragraphs that chunks of `tag` delete or insert whole.
fn whole_paragraphs(chunks: &[Chunk], tag: Tag) -> HashSet<&str> {
    chunks
        .iter()
        .filter(|c| c.tag == tag)
        .flat_map(|c| c.text.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::SourceFormat;

    fn plan(text: &str) -> Document {
        Document::parse(text, SourceFormat::Text).unwrap()
    }

    #[test]
    fn a_hyphen_is_joined_only_where_the_word_is_written_whole() {
        let words: HashSet<String> = ["kommunkoncernen".to_string()].into();
        assert_eq!(
            join_lines(
                "hela kommun-\nkoncernen och kommun-\noch regionsektorn",
                &words
            ),
            "hela kommunkoncernen och kommun- och regionsektorn"
        );
    }

    #[test]
    fn page_numbers_and_footers_are_not_content() {
        let d = plan("Plan\n\nEn mening.\n\nSida 3 av 12\n\n- 4 -\n\n5\n\nTvå meningar.\n");
        let v = compare_versions(&d, &plan("Plan\n\nEn mening.\n\nTvå meningar.\n"));
        assert!(v.unchanged(), "{:?}", v.chunks);
    }
}
