//! Writing the plan back into the .docx package it was read from.
//!
//! [`write_package`] copies every part of the package as it is (styles,
//! numbering, headers, footers, media, settings, content types…) except the
//! main document part, `word/document.xml`, where:
//!
//! - a paragraph (or table row) whose block is unchanged keeps its XML byte
//!   for byte;
//! - a changed paragraph is written again with its own paragraph properties
//!   (`w:pPr`: style, numbering, indents) and its first run's properties
//!   (`w:rPr`) for every run, the changes as Word revisions (`w:ins`,
//!   `w:del`) in the tracked version and as plain text in the clean one;
//!   when the plan has its emphasis (see [`crate::plan::emphasis`]), bold
//!   and italic are taken off those properties and each run of unchanged or
//!   deleted text is bold or italic as the plan has it, inserted text plain;
//! - an inserted block is a new paragraph whose properties are those of the
//!   nearest paragraph of the same kind (a list item those of the item
//!   before it, so that it is numbered by Word; a heading the package's
//!   heading style for its level); a deleted block is a paragraph of deleted
//!   runs with a deleted mark in the tracked version, and left out of the
//!   clean one;
//! - paragraphs the reader had to interpret (Word's own tracked changes,
//!   comment anchors) are written as read: changes accepted, anchors left out.
//!
//! The package's paragraphs are matched with the plan's blocks by kind and
//! text, not by position, since the plan may have been corrected after it
//! was read (a line made a heading, two paragraphs joined): a diff over the
//! blocks pairs them, and a paragraph that no longer matches its block is
//! written from the block. A paragraph no block matches is left out (its
//! section break, if it ends a section, is kept).
//!
//! The zip is written in the package's order of entries, each dated
//! 1980-01-01, so the same package and changes give the same bytes.

use std::collections::HashSet;
use std::io::{Cursor, Write as _};
use std::ops::Range;

use base64::Engine as _;
use quick_xml::events::Event;

use crate::apply::Run;
use crate::diff::Tag;
use crate::doc::{BlockKind, Document};
use crate::export::docx::{DocxOptions, Writer};
use crate::plan::docx::{read_layout, DocxError, Layout, Source};
use crate::render::TrackedBlock;

/// Why a kept package cannot be written back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    #[error("the kept .docx package is not base64: {detail}")]
    NotBase64 { detail: String },
    #[error("the kept .docx package cannot be read: {0}")]
    Docx(#[from] DocxError),
}

/// The package as the case file keeps it: base64, standard alphabet, padded.
pub fn encode(package: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(package)
}

/// The package a case file keeps (white space, such as line breaks, allowed).
pub fn decode(text: &str) -> Result<Vec<u8>, PackageError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| PackageError::NotBase64 {
            detail: e.to_string(),
        })
}

/// A case's plan as a .docx file with the changes of `applied`: written
/// into the package the plan was read from when the case keeps one
/// (`plan.docx`), else written anew. With `tracked` every change is a Word
/// revision by its proposer, dated the meeting's date; else the adopted text.
pub fn case_docx(
    case: &crate::case::Case,
    doc: &Document,
    applied: &crate::apply::Applied,
    tracked: bool,
) -> Result<Vec<u8>, PackageError> {
    let opts = DocxOptions {
        title: case.title.clone(),
        tracked,
        authors: crate::export::docx::authors(case),
        date: case.meeting.date.clone(),
        lang: "sv-SE".into(),
    };
    match &case.plan.docx {
        Some(package) => write_package(&decode(package)?, doc, &applied.runs, &opts),
        None => Ok(crate::export::docx::write_docx(
            &crate::render::tracked_blocks(&applied.runs),
            &opts,
        )),
    }
}

/// The package with the plan's tracked changes `runs` (over `doc`'s
/// canonical text) written into its main document part: as Word revisions
/// when `opts.tracked`, else the adopted text only. `opts.title` and
/// `opts.lang` are not used: the package keeps its own.
pub fn write_package(
    package: &[u8],
    doc: &Document,
    runs: &[Run],
    opts: &DocxOptions,
) -> Result<Vec<u8>, PackageError> {
    let layout = read_layout(package)?;
    let lines = tracked_lines(doc, runs);
    let matched = align(&layout.sources, doc);
    let mut body = Body::new(&layout, &matched, opts, !doc.marks.is_empty());
    body.write(&lines);
    let xml = body.finish();
    Ok(rezip(package, &layout.document, xml)?)
}

// ---------------------------------------------------------------------------
// The plan's lines and the package's paragraphs

/// One line of the tracked text and the plan block it belongs to (`None`
/// for an inserted line).
struct Line {
    block: Option<usize>,
    tracked: TrackedBlock,
}

fn tracked_lines(doc: &Document, runs: &[Run]) -> Vec<Line> {
    crate::render::split_lines(runs)
        .into_iter()
        .filter_map(|(runs, at)| {
            Some(Line {
                block: at.map(|p| doc.block_at(p)),
                tracked: crate::render::tracked_block(runs)?,
            })
        })
        .collect()
}

/// What a block is matched by: kind, heading level, text with white space
/// made single spaces.
type Key = (u8, u8, String);

fn key(kind: BlockKind, text: &str) -> Key {
    let text = crate::text::nfc(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let (k, level) = match kind {
        BlockKind::Heading { level } => (0, level),
        BlockKind::Paragraph => (1, 0),
        BlockKind::ListItem => (2, 0),
        BlockKind::TableRow => (3, 0),
    };
    (k, level, words.join(" "))
}

fn source_key(s: &Source) -> Option<Key> {
    let l = crate::doc::parse_line(&s.line)?;
    Some(key(l.kind, &s.line[l.text]))
}

/// A plan block's source: its index and whether it reads as the block.
type Match = Option<(usize, bool)>;

/// Pairs the plan's blocks with the package's sources by a diff over their
/// keys: equal keys match exactly; in a stretch that differs, blocks and
/// sources are paired in order, a row only with a row.
fn align(sources: &[Source], doc: &Document) -> Vec<Match> {
    use similar::{capture_diff_slices, Algorithm, DiffOp};
    let (at, old): (Vec<usize>, Vec<Key>) = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, source_key(s)?)))
        .unzip();
    let new: Vec<Key> = doc.blocks.iter().map(|b| key(b.kind, &b.text)).collect();
    let mut matched = vec![None; new.len()];
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (0..len).for_each(|k| matched[new_index + k] = Some((at[old_index + k], true))),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for k in 0..old_len.min(new_len) {
                    let row = |key: &Key| key.0 == 3;
                    if row(&old[old_index + k]) == row(&new[new_index + k]) {
                        matched[new_index + k] = Some((at[old_index + k], false));
                    }
                }
            }
            _ => {}
        }
    }
    matched
}

// ---------------------------------------------------------------------------
// XML pieces

/// An element found in a piece of XML: its bytes, and those of its content
/// (`None` for an empty element, `<w:rPr/>`).
#[derive(Debug, Clone)]
struct El {
    outer: Range<usize>,
    inner: Option<Range<usize>>,
}

/// The outermost elements of `xml` that `want(ancestors, name)` picks, by
/// local names, in order. Malformed XML gives the elements found before it.
fn elements(xml: &str, want: impl Fn(&[Vec<u8>], &[u8]) -> bool) -> Vec<El> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut open: Vec<(usize, usize, bool)> = Vec::new();
    let mut out = Vec::new();
    let mut inside = 0usize;
    loop {
        let from = reader.buffer_position() as usize;
        let Ok(event) = reader.read_event() else {
            return out;
        };
        let to = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_vec();
                let picked = inside == 0 && want(&path, &name);
                inside += usize::from(picked);
                open.push((from, to, picked));
                path.push(name);
            }
            Event::Empty(e) if inside == 0 && want(&path, e.local_name().as_ref()) => {
                out.push(El {
                    outer: from..to,
                    inner: None,
                });
            }
            Event::End(_) => {
                path.pop();
                if let Some((start, content, true)) = open.pop() {
                    inside -= 1;
                    out.push(El {
                        outer: start..to,
                        inner: Some(content..from),
                    });
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// `xml` with the elements `want` picks taken out.
fn without(xml: &str, want: impl Fn(&[Vec<u8>], &[u8]) -> bool) -> String {
    let cuts: Vec<Edit> = elements(xml, want)
        .into_iter()
        .map(|e| Edit {
            at: e.outer,
            xml: String::new(),
        })
        .collect();
    splice(xml, cuts)
}

fn first(xml: &str, want: impl Fn(&[Vec<u8>], &[u8]) -> bool) -> Option<&str> {
    elements(xml, want).first().map(|e| &xml[e.outer.clone()])
}

fn is(name: &[u8], names: &[&[u8]]) -> bool {
    names.contains(&name)
}

/// The paragraph properties of a paragraph (`<w:p>…</w:p>`), as written.
fn ppr_of(p: &str) -> &str {
    first(p, |path, n| path.len() == 1 && n == b"pPr").unwrap_or("")
}

/// The properties of a paragraph's first run, as written.
fn rpr_of(p: &str) -> &str {
    let in_run = |path: &[Vec<u8>], n: &[u8]| {
        n == b"rPr" && path.last().is_some_and(|l| l == b"r") && !path.iter().any(|a| a == b"pPr")
    };
    first(p, in_run).unwrap_or("")
}

/// Paragraph properties without Word's tracked changes (of the mark and
/// of the properties), and without the section break unless `keep_section`.
fn clean_ppr(ppr: &str, keep_section: bool) -> String {
    without(ppr, |path, n| {
        let mark = path.last().is_some_and(|l| l == b"rPr");
        n == b"pPrChange"
            || (n == b"sectPr" && !keep_section && path.len() == 1)
            || (mark && is(n, &[b"ins", b"del", b"moveFrom", b"moveTo"]))
    })
}

/// Run properties without a tracked formatting change.
fn clean_rpr(rpr: &str) -> String {
    without(rpr, |_, n| n == b"rPrChange")
}

/// Whether paragraph `p` has a page break (`<w:br w:type="page"/>`, not
/// in Word's own deletion) before its text and after it.
fn page_breaks(p: &str) -> [bool; 2] {
    let text = elements(p, |_, n| n == b"t")
        .first()
        .map_or(usize::MAX, |t| t.outer.start);
    let mut out = [false; 2];
    for br in elements(p, |path, n| n == b"br" && !path.iter().any(|a| a == b"del")) {
        if p[br.outer.clone()].contains("\"page\"") {
            out[usize::from(br.outer.start > text)] = true;
        }
    }
    out
}

fn has_section(ppr: &str) -> bool {
    !elements(ppr, |path, n| path.len() == 1 && n == b"sectPr").is_empty()
}

/// Paragraph properties with the mark's revision `rev` (`<w:ins …/>`),
/// first in the mark's run properties, which come before a section break
/// and a change of properties.
fn with_mark(ppr: &str, rev: &str) -> String {
    if ppr.is_empty() {
        return format!("<w:pPr><w:rPr>{rev}</w:rPr></w:pPr>");
    }
    let child = |names: &'static [&'static [u8]]| {
        move |path: &[Vec<u8>], n: &[u8]| path.len() == 1 && is(n, names)
    };
    let (at, text) = match elements(ppr, child(&[b"rPr"])).first() {
        Some(El {
            inner: Some(inner), ..
        }) => (inner.start..inner.start, rev.to_string()),
        Some(El { outer, .. }) => (outer.clone(), format!("<w:rPr>{rev}</w:rPr>")),
        None => {
            let after = elements(ppr, child(&[b"sectPr", b"pPrChange"]));
            let end = elements(ppr, |path, n| path.is_empty() && n == b"pPr");
            let at = match (after.first(), end.first()) {
                (Some(e), _) => e.outer.start,
                (None, Some(El { inner: Some(i), .. })) => i.end,
                _ => return format!("<w:pPr><w:rPr>{rev}</w:rPr></w:pPr>"),
            };
            (at..at, format!("<w:rPr>{rev}</w:rPr>"))
        }
    };
    splice(ppr, vec![Edit { at, xml: text }])
}

/// A row (`<w:tr>…</w:tr>`) with the revision `rev` in its properties, or
/// with properties holding only it.
fn row_with_mark(row: &str, rev: &str) -> String {
    let trpr = elements(row, |path, n| path.len() == 1 && n == b"trPr");
    let edit = match trpr.first() {
        Some(El {
            inner: Some(inner), ..
        }) => {
            let change = elements(&row[inner.clone()], |p, n| {
                p.is_empty() && n == b"trPrChange"
            });
            let at = change
                .first()
                .map_or(inner.end, |c| inner.start + c.outer.start);
            Edit {
                at: at..at,
                xml: rev.to_string(),
            }
        }
        Some(El { outer, .. }) => Edit {
            at: outer.clone(),
            xml: format!("<w:trPr>{rev}</w:trPr>"),
        },
        None => {
            let before = elements(row, |path, n| path.len() == 1 && n == b"tblPrEx");
            let start = elements(row, |path, n| path.is_empty() && n == b"tr");
            let at = match (before.first(), start.first()) {
                (Some(e), _) => e.outer.end,
                (None, Some(El { inner: Some(i), .. })) => i.start,
                _ => return row.to_string(),
            };
            Edit {
                at: at..at,
                xml: format!("<w:trPr>{rev}</w:trPr>"),
            }
        }
    };
    splice(row, vec![edit])
}

/// A row's properties without Word's tracked insertion or deletion of it.
fn clean_row(row: &str) -> String {
    without(row, |path, n| {
        path.len() == 2 && path[1] == b"trPr" && is(n, &[b"ins", b"del", b"trPrChange"])
    })
}

/// The largest `w:id` of the part, so that new revisions get ids of their own.
fn largest_id(xml: &str) -> u32 {
    xml.match_indices(":id=\"")
        .filter_map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            rest[..rest.find('"')?].parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0)
}

/// A replacement of the bytes `at`.
#[derive(Debug, Clone)]
struct Edit {
    at: Range<usize>,
    xml: String,
}

/// `xml` with the edits made, in order of place (edits at one place in the
/// order given); an edit inside the bytes an earlier one replaced is left out.
fn splice(xml: &str, mut edits: Vec<Edit>) -> String {
    crate::sort::sort_by_key(&mut edits, |e| (e.at.start, e.at.end));
    let mut out = String::with_capacity(xml.len());
    let mut done = 0;
    for e in edits {
        if e.at.start < done || e.at.end > xml.len() {
            continue;
        }
        out.push_str(&xml[done..e.at.start]);
        out.push_str(&e.xml);
        done = e.at.end;
    }
    out.push_str(&xml[done..]);
    out
}

// ---------------------------------------------------------------------------
// Runs

/// The runs a version shows: all of them when tracked, else the adopted
/// text as equal runs.
fn visible(runs: &[Run], tracked: bool) -> Vec<Run> {
    if tracked {
        return runs.to_vec();
    }
    crate::render::accepted(runs)
}

/// The runs without their first `n` bytes.
fn cut_front(runs: &[Run], mut n: usize) -> Vec<Run> {
    let mut out = Vec::new();
    for r in runs {
        let take = n.min(r.text.len());
        n -= take;
        if take < r.text.len() && r.text.is_char_boundary(take) {
            out.push(Run {
                text: r.text[take..].to_string(),
                ..r.clone()
            });
        }
    }
    out
}

/// The length of the number that starts a heading's text and that Word's
/// numbering writes: `number` and a space, or, for a numbered style, a
/// first word of digits and '.' or ')'.
fn number_length(text: &str, number: Option<&str>, numbered_style: bool) -> usize {
    if let Some(n) = number.filter(|n| text.starts_with(&format!("{n} "))) {
        return n.len() + 1;
    }
    let word = text.split(' ').next().unwrap_or_default();
    let numeric = word
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b')');
    if numbered_style
        && numeric
        && word.bytes().any(|b| b.is_ascii_digit())
        && word.len() < text.len()
    {
        word.len() + 1
    } else {
        0
    }
}

fn equal(text: impl Into<String>) -> Run {
    Run {
        tag: Tag::Equal,
        text: text.into(),
        by: vec![],
        em: Default::default(),
    }
}

fn text_of(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

// ---------------------------------------------------------------------------
// Writing the main document part

/// How a paragraph is written: its properties, its runs' properties, and
/// whether a number that starts its text is Word's (`Some(number)`, or
/// `Some("")` for any number a numbered style writes).
#[derive(Debug, Clone, Default)]
struct Look {
    ppr: String,
    rpr: String,
    number: Option<String>,
}

struct Body<'a> {
    layout: &'a Layout,
    matched: &'a [Match],
    /// Each source's plan block.
    block_of: Vec<Option<usize>>,
    tracked: bool,
    w: Writer<'a>,
    edits: Vec<Edit>,
    /// The last source written over or kept, and the last plan block.
    last: Option<usize>,
    block: usize,
    /// The plan has its emphasis (see [`crate::plan::emphasis`]): a run
    /// written again is bold or italic as its text is, not as the first
    /// run was.
    emphasis: bool,
    /// The page breaks (before the text, after it) of the source the next
    /// paragraph is written over.
    page_breaks: [bool; 2],
}

impl<'a> Body<'a> {
    fn new(
        layout: &'a Layout,
        matched: &'a [Match],
        opts: &'a DocxOptions,
        emphasis: bool,
    ) -> Body<'a> {
        let mut block_of = vec![None; layout.sources.len()];
        for (b, m) in matched.iter().enumerate() {
            if let Some((s, _)) = m {
                block_of[*s] = Some(b);
            }
        }
        Body {
            layout,
            matched,
            block_of,
            tracked: opts.tracked,
            w: Writer::new(opts, largest_id(&layout.xml).saturating_add(1)),
            edits: Vec::new(),
            last: None,
            block: 0,
            emphasis,
            page_breaks: [false; 2],
        }
    }

    /// The run properties a paragraph's runs are written again with: its
    /// first run's, without bold and italic when the runs carry their own.
    fn rpr(&self, p: &str) -> String {
        let rpr = clean_rpr(rpr_of(p));
        if !self.emphasis {
            return rpr;
        }
        without(&rpr, |path, n| {
            path.len() == 1 && is(n, &[b"b", b"bCs", b"i", b"iCs"])
        })
    }

    fn xml(&self, r: &Range<usize>) -> &'a str {
        &self.layout.xml[r.clone()]
    }

    /// The edits for every line, every source no block matches, and what
    /// the reader interpreted outside paragraphs.
    fn write(&mut self, lines: &[Line]) {
        let mut i = 0;
        while i < lines.len() {
            let n = 1 + lines[i + 1..]
                .iter()
                .take_while(|l| l.block.is_some() && l.block == lines[i].block)
                .count();
            match lines[i].block {
                Some(b) => self.block(b, &lines[i..i + n]),
                None => self.new_line(&lines[i].tracked),
            }
            i += n;
        }
        for s in 0..self.layout.sources.len() {
            if self.block_of[s].is_none() && source_key(&self.layout.sources[s]).is_some() {
                self.remove(s);
            }
        }
        self.interpreted_elsewhere();
    }

    /// Comment anchors between paragraphs and rows Word deleted go;
    /// paragraphs whose text Word deleted stay, empty.
    fn interpreted_elsewhere(&mut self) {
        for d in &self.layout.drops {
            self.edits.push(Edit {
                at: d.clone(),
                xml: String::new(),
            });
        }
        for e in &self.layout.emptied {
            let ppr = clean_ppr(ppr_of(self.xml(e)), true);
            self.edits.push(Edit {
                at: e.clone(),
                xml: format!("<w:p>{ppr}</w:p>"),
            });
        }
    }

    /// The new `word/document.xml`, or `None` if nothing changed.
    fn finish(self) -> Option<String> {
        if self.edits.is_empty() {
            return None;
        }
        Some(splice(&self.layout.xml, self.edits))
    }

    /// The lines of plan block `b`: over its source, or new if it has none.
    fn block(&mut self, b: usize, lines: &[Line]) {
        self.block = b;
        let Some((s, exact)) = self.matched[b] else {
            return lines.iter().for_each(|l| self.new_line(&l.tracked));
        };
        self.last = Some(s);
        let source = &self.layout.sources[s];
        let first = &lines[0].tracked;
        if exact && !source.interpreted && lines.len() == 1 && first.status == "equal" {
            return;
        }
        if source.table.is_some() {
            let xml = self.row_over(s, first, exact);
            self.edits.push(Edit {
                at: source.span.clone(),
                xml,
            });
            return lines[1..].iter().for_each(|l| self.new_line(&l.tracked));
        }
        let xml = self.paragraphs_over(s, lines);
        self.edits.push(Edit {
            at: source.span.clone(),
            xml,
        });
    }

    /// The paragraphs written over source `s`: its look if the kinds agree,
    /// its section break kept on the last.
    fn paragraphs_over(&mut self, s: usize, lines: &[Line]) -> String {
        let source = &self.layout.sources[s];
        let p = self.xml(&source.span);
        let ppr = ppr_of(p);
        let same_kind = crate::doc::parse_line(&source.line)
            .is_some_and(|l| key(l.kind, "").0 == kind_key(&lines[0].tracked).0);
        let look = if same_kind {
            Look {
                ppr: clean_ppr(ppr, false),
                rpr: self.rpr(p),
                number: source.number.clone(),
            }
        } else {
            self.look_for(&lines[0].tracked)
        };
        let mut out = String::new();
        let breaks = page_breaks(p);
        for (k, l) in lines.iter().enumerate() {
            self.page_breaks = [k == 0 && breaks[0], k + 1 == lines.len() && breaks[1]];
            let section = k + 1 == lines.len() && has_section(ppr);
            let look = match section {
                true => Look {
                    ppr: clean_ppr(if same_kind { ppr } else { &look.ppr }, true),
                    ..look.clone()
                },
                false => look.clone(),
            };
            out.push_str(&self.paragraph(&look, &l.tracked));
        }
        if out.is_empty() && has_section(ppr) {
            out = format!("<w:p>{}</w:p>", clean_ppr(ppr, true));
        }
        out
    }

    /// A source no block matches: left out, but a paragraph that ends a
    /// section keeps its section break.
    fn remove(&mut self, s: usize) {
        let source = &self.layout.sources[s];
        let ppr = ppr_of(self.xml(&source.span));
        let xml = if source.table.is_none() && has_section(ppr) {
            format!("<w:p>{}</w:p>", clean_ppr(ppr, true))
        } else {
            String::new()
        };
        self.edits.push(Edit {
            at: source.span.clone(),
            xml,
        });
    }

    /// One paragraph: the look's properties, the mark's revision in the
    /// tracked version of a wholly inserted or deleted block, the runs.
    /// Nothing for a deleted block in the clean version. The source's page
    /// breaks are kept, deleted with a deleted block, so that *Reject All*
    /// brings them back.
    fn paragraph(&mut self, look: &Look, b: &TrackedBlock) -> String {
        let breaks = std::mem::take(&mut self.page_breaks);
        if !self.tracked && b.status == "deleted" {
            return String::new();
        }
        let mut runs = visible(&b.runs, self.tracked);
        let numbered = look.number.as_deref().is_some_and(str::is_empty);
        let number = look.number.as_deref().filter(|n| !n.is_empty());
        if b.kind == "heading" {
            runs = cut_front(&runs, number_length(&text_of(&runs), number, numbered));
        }
        if b.kind == "list_item" && !look.ppr.contains("numPr>") {
            runs.insert(0, equal(format!("{} ", b.marker)));
        }
        let ppr = match (self.tracked, b.status) {
            (true, "inserted") => with_mark(&look.ppr, &format!("<w:ins{}/>", self.rev(b))),
            (true, "deleted") => with_mark(&look.ppr, &format!("<w:del{}/>", self.rev(b))),
            _ => look.ppr.clone(),
        };
        self.page_break(breaks[0], b);
        self.w.runs(&runs, &look.rpr);
        self.page_break(breaks[1], b);
        format!("<w:p>{ppr}{}</w:p>", std::mem::take(&mut self.w.xml))
    }

    /// A page break (if `any`) in the runs being written, deleted in the
    /// tracked version of a deleted block `b`.
    fn page_break(&mut self, any: bool, b: &TrackedBlock) {
        let br = "<w:r><w:br w:type=\"page\"/></w:r>";
        if any && self.tracked && b.status == "deleted" {
            let rev = self.rev(b);
            self.w.xml.push_str(&format!("<w:del{rev}>{br}</w:del>"));
        } else if any {
            self.w.xml.push_str(br);
        }
    }

    /// A revision's attributes for a change of the whole block `b`.
    fn rev(&mut self, b: &TrackedBlock) -> String {
        let by = b
            .runs
            .iter()
            .chain(b.cells.iter().flatten())
            .find(|r| r.tag != Tag::Equal);
        self.w.revision(by.map_or(&[], |r| &r.by))
    }

    /// A line of no source (inserted, or a block the package lacks), after
    /// the last source: a row after a row, anything else after the table.
    fn new_line(&mut self, b: &TrackedBlock) {
        let last = self.last.map(|s| &self.layout.sources[s]);
        let at = match last {
            Some(s) if b.kind == "table_row" || s.table.is_none() => s.span.end,
            Some(s) => s.table.as_ref().map_or(s.span.end, |t| t.end),
            None => self
                .layout
                .sources
                .first()
                .map_or_else(|| self.body_end(), |s| s.span.start),
        };
        let xml = match last {
            Some(s) if b.kind == "table_row" && s.table.is_some() => {
                self.new_row(self.last.unwrap_or_default(), b)
            }
            _ if b.kind == "table_row" => self.new_table(b),
            _ => {
                let look = self.look_for(b);
                self.paragraph(&look, b)
            }
        };
        self.edits.push(Edit { at: at..at, xml });
    }

    /// Where the body's last section break starts (or the body ends).
    fn body_end(&self) -> usize {
        let xml = &self.layout.xml;
        let body = elements(xml, |path, n| path.len() == 1 && n == b"body");
        let Some(El {
            inner: Some(inner), ..
        }) = body.first()
        else {
            return xml.len();
        };
        let sect = elements(&xml[inner.clone()], |p, n| p.is_empty() && n == b"sectPr");
        sect.last()
            .map_or(inner.end, |s| inner.start + s.outer.start)
    }

    /// A new table of one row, written as the plain .docx writer writes one.
    fn new_table(&mut self, b: &TrackedBlock) -> String {
        let row = TrackedBlock {
            cells: b.cells.iter().map(|c| visible(c, self.tracked)).collect(),
            ..b.clone()
        };
        self.w.table(std::slice::from_ref(&row));
        std::mem::take(&mut self.w.xml)
    }

    /// The look of a new paragraph like `b`: a heading's style for its
    /// level, else the nearest source of the same kind (the one before
    /// first; for a list item, one of the same depth first).
    fn look_for(&self, b: &TrackedBlock) -> Look {
        if b.kind == "heading" {
            if let Some((id, numbered)) = self.layout.heading_styles.get(&b.level) {
                return Look {
                    ppr: format!("<w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>", escape(id)),
                    rpr: String::new(),
                    number: numbered.then(String::new),
                };
            }
        }
        let want = kind_key(b);
        let depth = |s: &Source| crate::doc::parse_line(&s.line).map(|l| l.depth);
        let same = |s: &Source, deep: bool| {
            source_key(s).is_some_and(|k| (k.0, k.1) == (want.0, want.1))
                && (!deep || depth(s) == Some(b.depth))
        };
        let found = [true, false].iter().find_map(|&deep| {
            let before = (0..=self.block).rev();
            let after = self.block + 1..self.matched.len();
            before.chain(after).find_map(|i| {
                let (s, _) = self.matched.get(i).copied().flatten()?;
                let source = &self.layout.sources[s];
                same(source, deep).then_some(source)
            })
        });
        let Some(source) = found else {
            return self.heading_look(b).unwrap_or_default();
        };
        let p = self.xml(&source.span);
        let mut ppr = clean_ppr(ppr_of(p), false);
        if depth(source) != Some(b.depth) {
            ppr = with_level(&ppr, b.depth);
        }
        Look {
            ppr,
            rpr: self.rpr(p),
            number: source.number.as_ref().map(|_| String::new()),
        }
    }

    /// The look of a new heading of a level the package has neither a
    /// style nor a heading for (a sub-section one level deeper than any it
    /// has): the style of the nearest level it has one for that Word does
    /// not number, at this level of the outline, so that it reads as a
    /// heading of its level.
    fn heading_look(&self, b: &TrackedBlock) -> Option<Look> {
        if b.kind != "heading" || b.level < 2 {
            return None;
        }
        let nearest = self
            .layout
            .heading_styles
            .iter()
            .filter(|(&l, (_, numbered))| l >= 2 && !numbered)
            .min_by_key(|(&l, _)| (l.abs_diff(b.level), l));
        let style = nearest.map_or(String::new(), |(_, (id, _))| {
            format!("<w:pStyle w:val=\"{}\"/>", escape(id))
        });
        Some(Look {
            ppr: format!(
                "<w:pPr>{style}<w:outlineLvl w:val=\"{}\"/></w:pPr>",
                b.level - 2
            ),
            rpr: String::new(),
            number: None,
        })
    }

    /// A row written over row source `s`: every cell that changed (or
    /// every cell, if the row did not read as the block or was interpreted)
    /// written again, in its own cell's look. A deleted row goes from the
    /// clean version and is marked deleted in the tracked one.
    fn row_over(&mut self, s: usize, b: &TrackedBlock, exact: bool) -> String {
        if !self.tracked && b.status == "deleted" {
            return String::new();
        }
        let source = &self.layout.sources[s];
        let all = !exact || source.interpreted;
        let row = self.cells_over(source, b, all);
        match (self.tracked, b.status) {
            (true, "deleted") => row_with_mark(&row, &format!("<w:del{}/>", self.rev(b))),
            _ => row,
        }
    }

    /// A new row after row source `s`, made from it: its properties and
    /// its cells' looks, every cell written with the new text.
    fn new_row(&mut self, s: usize, b: &TrackedBlock) -> String {
        let row = self.cells_over(&self.layout.sources[s], b, true);
        match (self.tracked, b.status) {
            (true, "inserted") => row_with_mark(&row, &format!("<w:ins{}/>", self.rev(b))),
            _ => row,
        }
    }

    /// Row source `source` with the cells of `b` that changed (all, with
    /// `all`) written over its cells' paragraphs.
    fn cells_over(&mut self, source: &Source, b: &TrackedBlock, all: bool) -> String {
        let row = self.xml(&source.span);
        let base = source.span.start;
        let mut edits = Vec::new();
        for (k, cell) in b.cells.iter().enumerate() {
            let Some(Some(paras)) = source.cells.get(k) else {
                continue;
            };
            let (Some(p0), Some(pn)) = (paras.first(), paras.last()) else {
                continue;
            };
            if !all && cell.iter().all(|r| r.tag == Tag::Equal) {
                continue;
            }
            let p = self.xml(p0);
            let look = Look {
                ppr: clean_ppr(ppr_of(p), false),
                rpr: self.rpr(p),
                number: None,
            };
            let cell_block = TrackedBlock {
                kind: "paragraph",
                status: "changed",
                runs: cell.clone(),
                cells: Vec::new(),
                ..b.clone()
            };
            edits.push(Edit {
                at: p0.start - base..pn.end - base,
                xml: self.paragraph(&look, &cell_block),
            });
        }
        clean_row(&splice(row, edits))
    }
}

/// The key of a tracked block's kind (its text left out).
fn kind_key(b: &TrackedBlock) -> Key {
    let kind = match b.kind {
        "heading" => BlockKind::Heading { level: b.level },
        "list_item" => BlockKind::ListItem,
        "table_row" => BlockKind::TableRow,
        _ => BlockKind::Paragraph,
    };
    key(kind, "")
}

/// Paragraph properties with the list level (`w:ilvl`) set to `depth`.
fn with_level(ppr: &str, depth: u8) -> String {
    let ilvl = elements(ppr, |path, n| {
        path.last().is_some_and(|l| l == b"numPr") && n == b"ilvl"
    });
    let edits = ilvl
        .into_iter()
        .map(|e| Edit {
            at: e.outer,
            xml: format!("<w:ilvl w:val=\"{depth}\"/>"),
        })
        .collect();
    splice(ppr, edits)
}

fn escape(s: &str) -> String {
    crate::export::docx::escape_xml(s)
}

// ---------------------------------------------------------------------------
// The zip

/// The package with its main document part replaced by `xml` (when
/// given): every entry in its place, every other entry's bytes as they
/// were, all dated 1980-01-01.
fn rezip(package: &[u8], part: &str, xml: Option<String>) -> Result<Vec<u8>, DocxError> {
    let broken = |e: zip::result::ZipError| DocxError::BrokenZip {
        detail: e.to_string(),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(package)).map_err(broken)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut seen = HashSet::new();
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(broken)?;
        if !seen.insert(file.name().to_string()) {
            continue; // a name twice: the first is the one read
        }
        match &xml {
            Some(xml) if file.name() == part => {
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .last_modified_time(zip::DateTime::default());
                out.start_file(part, options).map_err(broken)?;
                out.write_all(xml.as_bytes())
                    .map_err(|e| broken(e.into()))?;
            }
            _ => out
                .raw_copy_file_touch(file, zip::DateTime::default(), None)
                .map_err(broken)?,
        }
    }
    Ok(out.finish().map_err(broken)?.into_inner())
}

/// The text of one part of a package, for tests.
#[cfg(test)]
fn part_text(package: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(package)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_marks() {
        let p = "<w:p w:rsidR=\"1\"><w:pPr><w:pStyle w:val=\"A\"/><w:rPr><w:ins w:id=\"1\"/><w:b/></w:rPr><w:sectPr><w:type/></w:sectPr></w:pPr><w:ins w:id=\"2\"><w:r><w:rPr><w:i/><w:rPrChange><w:rPr/></w:rPrChange></w:rPr><w:t>x</w:t></w:r></w:ins></w:p>";
        let ppr = ppr_of(p);
        assert!(ppr.starts_with("<w:pPr><w:pStyle") && ppr.ends_with("</w:pPr>"));
        assert_eq!(
            clean_ppr(ppr, false),
            "<w:pPr><w:pStyle w:val=\"A\"/><w:rPr><w:b/></w:rPr></w:pPr>"
        );
        assert!(has_section(ppr));
        assert_eq!(clean_rpr(rpr_of(p)), "<w:rPr><w:i/></w:rPr>");
        assert_eq!(
            with_mark("<w:pPr><w:jc/></w:pPr>", "<w:del/>"),
            "<w:pPr><w:jc/><w:rPr><w:del/></w:rPr></w:pPr>"
        );
        assert_eq!(
            with_mark("<w:pPr><w:rPr/><w:sectPr/></w:pPr>", "<w:ins/>"),
            "<w:pPr><w:rPr><w:ins/></w:rPr><w:sectPr/></w:pPr>"
        );
        assert_eq!(
            with_mark("<w:pPr><w:jc/><w:sectPr/></w:pPr>", "<w:ins/>"),
            "<w:pPr><w:jc/><w:rPr><w:ins/></w:rPr><w:sectPr/></w:pPr>"
        );
        assert_eq!(
            with_mark("", "<w:ins/>"),
            "<w:pPr><w:rPr><w:ins/></w:rPr></w:pPr>"
        );
        assert_eq!(
            row_with_mark(
                "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr>",
                "<w:ins/>"
            ),
            "<w:tr><w:trPr><w:cantSplit/><w:ins/></w:trPr><w:tc/></w:tr>"
        );
        assert_eq!(
            row_with_mark("<w:tr w:x=\"1\"><w:tc/></w:tr>", "<w:del/>"),
            "<w:tr w:x=\"1\"><w:trPr><w:del/></w:trPr><w:tc/></w:tr>"
        );
        assert_eq!(
            with_level(
                "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>",
                2
            ),
            "<w:pPr><w:numPr><w:ilvl w:val=\"2\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        );
        assert_eq!(
            largest_id("<w:a w:id=\"7\"/><w:b w:id=\"12\"/><c r:id=\"x\"/>"),
            12
        );
    }

    #[test]
    fn numbers_that_word_writes() {
        assert_eq!(number_length("2.1. Lokaler", Some("2.1."), false), 5);
        assert_eq!(number_length("4 Ny rubrik", None, true), 2);
        assert_eq!(number_length("4 Ny rubrik", None, false), 0);
        assert_eq!(number_length("2024 års budget", Some("3."), false), 0);
        assert_eq!(number_length("12", None, true), 0);
        let runs = vec![equal("2.1"), equal(". Lokaler")];
        assert_eq!(text_of(&cut_front(&runs, 5)), "Lokaler");
    }

    #[test]
    fn bad_packages_are_errors() {
        assert!(matches!(
            decode("not base64!"),
            Err(PackageError::NotBase64 { .. })
        ));
        assert_eq!(decode(&encode(b"PK\x03\x04")).unwrap(), b"PK\x03\x04");
        let doc = Document::parse("Text.\n", crate::doc::SourceFormat::Docx).unwrap();
        let e = write_package(b"hello", &doc, &[], &DocxOptions::default()).unwrap_err();
        assert_eq!(e, PackageError::Docx(DocxError::NotZip));
        assert!(e.to_string().contains("not a zip archive"));
        let docx = crate::export::docx::write_docx(&[], &DocxOptions::default());
        let e = write_package(&docx[..docx.len() / 2], &doc, &[], &DocxOptions::default());
        assert!(matches!(
            e,
            Err(PackageError::Docx(DocxError::BrokenZip { .. }))
        ));
    }

    #[test]
    fn an_unchanged_plan_gives_the_package_back() {
        let blocks = crate::render::tracked_blocks(&[equal("# Plan\n\nText.\n")]);
        let package = crate::export::docx::write_docx(&blocks, &DocxOptions::default());
        let read = crate::plan::docx::read_docx(&package).unwrap();
        let doc = Document::parse(&read.text, crate::doc::SourceFormat::Docx).unwrap();
        let runs = [equal(doc.canonical.clone())];
        let out = write_package(&package, &doc, &runs, &DocxOptions::default()).unwrap();
        assert_eq!(
            part_text(&out, "word/document.xml"),
            part_text(&package, "word/document.xml")
        );
    }
}
