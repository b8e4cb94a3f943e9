//! Locating what an amendment points at and turning each operation into an
//! [`Edit`] of the plan's canonical text.
//!
//! A quoted passage matches where the plan has the same words, whatever the
//! white space, line breaks, hyphenation at a line end or quote style; it
//! never matches inside a word ("kostnaderna" does not match in
//! "driftkostnaderna"). A passage that is not found is an error naming the
//! closest passage; one that stands more than once is an error listing every
//! place, unless `section`, `page` or `occurrence` says which.

use crate::amendment::{Action, Amendment, InsertAs, Op, Position};
use crate::doc::{BlockKind, Document};
use crate::error::{Error, NearMatch, OpRef, Place};
use crate::text::{
    at_word_boundary, clean_quote, excerpt, similarity, strip_enclosing_quotes, Normalized,
};
use serde::Serialize;
use std::ops::Range;

/// One operation resolved against the plan: replace `range` of the canonical
/// text by `insert`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    /// The amendment's id.
    pub amendment: String,
    /// 0-based index of the operation within the amendment.
    pub op: usize,
    pub action: Action,
    /// Canonical byte range removed (empty for an insertion).
    pub range: Range<usize>,
    /// Canonical text inserted at `range.start`.
    pub insert: String,
    /// Blocks (indices) the edit touches, for messages and the browser.
    pub blocks: Range<usize>,
}

impl Edit {
    /// Is this a pure insertion?
    pub fn is_insertion(&self) -> bool {
        self.range.is_empty()
    }
}

/// A note about a located operation that is not an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub amendment: String,
    pub op: usize,
    pub message: String,
}

/// Locates every operation of `amendment`. Returns its edits and warnings, or
/// every error found (one per operation that failed).
pub fn locate(
    doc: &Document,
    amendment: &Amendment,
) -> Result<(Vec<Edit>, Vec<Warning>), Vec<Error>> {
    if amendment.ops.is_empty() {
        return Err(vec![Error::NoOperations {
            amendment: amendment.id.clone(),
        }]);
    }
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for (i, op) in amendment.ops.iter().enumerate() {
        let at = OpRef {
            amendment: amendment.id.clone(),
            op: i + 1,
            action: op.action.name().into(),
        };
        if let Some(problem) = op.field_problem() {
            errors.push(Error::BadOperation { at, problem });
            continue;
        }
        let mut ctx = Ctx {
            doc,
            at,
            warnings: Vec::new(),
        };
        match ctx.op(op) {
            Ok((range, insert, blocks)) => {
                edits.push(Edit {
                    amendment: amendment.id.clone(),
                    op: i,
                    action: op.action,
                    range,
                    insert,
                    blocks,
                });
                warnings.extend(ctx.warnings.into_iter().map(|message| Warning {
                    amendment: amendment.id.clone(),
                    op: i,
                    message,
                }));
            }
            Err(e) => errors.push(e),
        }
    }
    // an amendment must not contradict itself
    for c in crate::conflict::find_conflicts(&edits) {
        if !c.is_conflict() {
            continue;
        }
        let (first, second) = (c.a.op.min(c.b.op), c.a.op.max(c.b.op));
        errors.push(Error::BadOperation {
            at: OpRef {
                amendment: amendment.id.clone(),
                op: second + 1,
                action: amendment.ops[second].action.name().into(),
            },
            problem: format!(
                "it changes some of the same words as operation {}; an amendment must not contradict itself",
                first + 1
            ),
        });
    }
    if errors.is_empty() {
        Ok((edits, warnings))
    } else {
        Err(errors)
    }
}

/// Where a new section goes (an insertion `as: "section"`).
///
/// The new section is placed beside the section whose heading is block
/// `beside` (the one named by `heading`, or the one holding the quoted
/// passage), before it (`start`, `before`) or after it (`end`, `after`), and
/// so that it takes no existing text or sub-section under its heading: it
/// always goes just before a heading of its level or a higher one, or at the
/// plan's end.
///
/// - At the level of `beside` (the default): just before or just after
///   that section, sub-sections included.
/// - Deeper: a sub-section of `beside`. After: at the end of the section,
///   after its sub-sections. Before: after the section's own text, before
///   its first sub-section (as the first sub-section of its level). A level
///   more than one below is allowed (a level-4 heading under a level-2
///   section); at the end of a section whose last sub-section is shallower
///   than it, it falls under that sub-section, which `locate` warns about.
/// - Shallower: beside the section of that level that holds `beside`.
///   After: after that section ends (a new chapter after the chapter holding
///   the sub-section). Before: before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewSection {
    /// The heading block the new section is placed beside.
    pub beside: usize,
    /// Before `beside` (`start`, `before`) rather than after it.
    pub before: bool,
    /// The new heading's level.
    pub level: u8,
    /// The level of `beside`: the new heading's level when none is given.
    pub default_level: u8,
    /// The block the new section goes before (the number of blocks: at the
    /// plan's end).
    pub at: usize,
    /// The heading the new section falls under once inserted.
    pub parent: Option<usize>,
    /// When the new section is shallower than `beside`: the outermost
    /// section holding `beside` whose heading is no higher than the new
    /// one's (`beside` itself otherwise).
    pub outer: usize,
}

impl NewSection {
    /// Places a new section with a heading of `level` (the level of
    /// `beside` when `None`) beside the section whose heading is block
    /// `beside`.
    pub fn place(doc: &Document, beside: usize, before: bool, level: Option<u8>) -> NewSection {
        let blocks = &doc.blocks;
        let default_level = blocks[beside].level().unwrap_or(2);
        let level = level.unwrap_or(default_level);
        // the first heading from block `from` on of level `l` or higher
        let next = |from: usize, l: u8| {
            blocks[from..]
                .iter()
                .position(|b| b.level().is_some_and(|x| x <= l))
                .map_or(blocks.len(), |i| from + i)
        };
        let mut outer = beside;
        while let Some(p) = blocks[outer].parent {
            if blocks[p].level().is_some_and(|l| l >= level) {
                outer = p;
            } else {
                break;
            }
        }
        let at = match (level > default_level, before) {
            // the first sub-section (of its level or higher), or the end
            (true, true) => next(beside + 1, level),
            (true, false) => next(beside + 1, default_level),
            (false, true) => outer,
            (false, false) => next(beside + 1, level),
        };
        let parent = blocks[..at]
            .iter()
            .rposition(|b| b.level().is_some_and(|l| l < level));
        NewSection {
            beside,
            before,
            level,
            default_level,
            at,
            parent,
            outer,
        }
    }

    /// Where `op` (an insertion of a section) places its new section in
    /// `doc`, if it locates.
    pub fn of(doc: &Document, op: &Op) -> Option<NewSection> {
        if op.action != Action::Insert || op.insert_as != Some(InsertAs::Section) {
            return None;
        }
        let mut ctx = Ctx {
            doc,
            at: OpRef {
                amendment: String::new(),
                op: 1,
                action: op.action.name().into(),
            },
            warnings: Vec::new(),
        };
        let (beside, before) = match op.position? {
            Position::Start | Position::End => (
                ctx.heading(op.heading.as_deref()?, op).ok()?,
                op.position == Some(Position::Start),
            ),
            Position::Before | Position::After => {
                let q = ctx.quote(op.quote.as_deref()?, op).ok()?;
                let b = ctx.enclosing_heading(doc.block_at(q.start)).ok()?;
                (b, op.position == Some(Position::Before))
            }
        };
        Some(NewSection::place(doc, beside, before, op.new_heading_level))
    }
}

struct Ctx<'a> {
    doc: &'a Document,
    at: OpRef,
    warnings: Vec<String>,
}

type Resolved = (Range<usize>, String, Range<usize>);

impl Ctx<'_> {
    fn missing(&self, what: &str) -> Error {
        Error::MissingField {
            at: self.at.clone(),
            what: what.into(),
        }
    }

    fn need<'o>(&self, v: &'o Option<String>, what: &str) -> Result<&'o str, Error> {
        let s = v.as_deref().ok_or_else(|| self.missing(what))?;
        if s.trim().is_empty() {
            return Err(Error::EmptyText {
                at: self.at.clone(),
                what: what.into(),
            });
        }
        Ok(s)
    }

    fn op(&mut self, op: &Op) -> Result<Resolved, Error> {
        let doc = self.doc;
        match op.action {
            Action::DeleteSection => {
                let h = self.heading(
                    self.need(&op.heading, "\"heading\" (the section's heading)")?,
                    op,
                )?;
                let blocks = doc.section_blocks(h);
                Ok((doc.removal_range(blocks.clone()), String::new(), blocks))
            }
            Action::DeleteHeading => {
                let h = self.heading(self.need(&op.heading, "\"heading\"")?, op)?;
                let own_body = h + 1 < doc.blocks.len() && doc.blocks[h + 1].level().is_none();
                if !own_body {
                    self.warnings.push(format!(
                        "”{}” has no text of its own; removing the heading only leaves its sub-sections under the section before",
                        doc.blocks[h].text
                    ));
                } else {
                    self.warnings.push(format!(
                        "only the heading ”{}” goes; its text joins the section before. If the whole section is meant, use delete_section",
                        doc.blocks[h].text
                    ));
                }
                Ok((doc.removal_range(h..h + 1), String::new(), h..h + 1))
            }
            Action::Delete => {
                let r = self.quote(
                    self.need(&op.quote, "\"quote\" (the passage to delete)")?,
                    op,
                )?;
                // the blocks of the passage itself, not of the blank line
                // a whole block takes with it
                let blocks = self.blocks_of(&r);
                let r = tidy_deletion(doc, r);
                Ok((r, String::new(), blocks))
            }
            Action::Replace => {
                let text = inline(self.need(&op.text, "\"text\" (the new wording)")?);
                let mut r = self.quote(
                    self.need(&op.quote, "\"quote\" (the passage to replace)")?,
                    op,
                )?;
                // "… håller nere kostnaderna" → "… på rätt sätt.": the full stop
                // after the passage belongs to the replacement.
                if let Some(last) = text.chars().last().filter(|c| matches!(c, '.' | '!' | '?')) {
                    if doc.canonical[r.end..].starts_with(last) {
                        r.end += last.len_utf8();
                    }
                }
                let blocks = self.blocks_of(&r);
                Ok((r, text, blocks))
            }
            Action::Insert => self.insert(op),
        }
    }

    fn blocks_of(&self, r: &Range<usize>) -> Range<usize> {
        let a = self.doc.block_at(r.start);
        let b = self.doc.block_at(r.end.saturating_sub(1).max(r.start));
        a..b + 1
    }

    fn insert(&mut self, op: &Op) -> Result<Resolved, Error> {
        let doc = self.doc;
        let position = op
            .position
            .ok_or_else(|| self.missing("\"position\" (before, after, start or end)"))?;
        let insert_as = op.insert_as.unwrap_or_default();
        let raw = self.need(&op.text, "\"text\" (the text to insert)")?;
        let sentence = inline(raw);
        let new_heading = self
            .need(
                &op.new_heading,
                "\"new_heading\" (the new section's heading)",
            )
            .map(inline);
        let paras = || Document::new_blocks(raw, None);
        let section = |level: u8| -> Result<Vec<crate::doc::RawBlock>, Error> {
            let heading = new_heading.clone()?;
            Ok(Document::new_blocks(raw, Some((level, &heading))))
        };
        let level = op.new_heading_level;
        match position {
            Position::Before | Position::After => {
                let q = self.quote(self.need(&op.quote, "\"quote\" (where to insert)")?, op)?;
                let before = position == Position::Before;
                match insert_as {
                    InsertAs::Sentence => {
                        if before {
                            Ok((q.start..q.start, format!("{sentence} "), self.blocks_of(&q)))
                        } else {
                            let mut pos = q.end;
                            if let Some(c) = doc.canonical[pos..]
                                .chars()
                                .next()
                                .filter(|c| matches!(c, '.' | '!' | '?' | ':'))
                            {
                                pos += c.len_utf8();
                            }
                            Ok((pos..pos, format!(" {sentence}"), self.blocks_of(&q)))
                        }
                    }
                    InsertAs::Paragraph => {
                        let (b, (pos, text)) = if before {
                            let b = doc.block_at(q.start);
                            (b, doc.insertion_before(b, paras()))
                        } else {
                            let b = doc.block_at(q.end);
                            (b, doc.insertion_after(b, paras()))
                        };
                        Ok((pos..pos, text, b..b + 1))
                    }
                    InsertAs::Section => {
                        let b = doc.block_at(q.start);
                        let h = self.enclosing_heading(b)?;
                        self.section_insert(h, before, level, &section)
                    }
                }
            }
            Position::Start | Position::End => {
                let h = self.heading(
                    self.need(&op.heading, "\"heading\" (the section to insert into)")?,
                    op,
                )?;
                let start = position == Position::Start;
                // the section's own body: up to its first sub-heading
                let body_end = doc.blocks[h + 1..]
                    .iter()
                    .position(|b| b.level().is_some())
                    .map_or(doc.blocks.len(), |i| h + 1 + i);
                let body = h + 1..body_end;
                match insert_as {
                    InsertAs::Section => self.section_insert(h, start, level, &section),
                    _ if start => {
                        let first = doc.blocks.get(h + 1).filter(|_| !body.is_empty());
                        match first {
                            Some(b)
                                if insert_as == InsertAs::Sentence
                                    && b.kind == BlockKind::Paragraph =>
                            {
                                let pos = b.text_range.start;
                                Ok((pos..pos, format!("{sentence} "), h + 1..h + 2))
                            }
                            _ => {
                                let (pos, text) = doc.insertion_after(h, paras());
                                Ok((pos..pos, text, h..h + 1))
                            }
                        }
                    }
                    _ => {
                        let last = if body.is_empty() { h } else { body.end - 1 };
                        let b = &doc.blocks[last];
                        if insert_as == InsertAs::Sentence && b.kind == BlockKind::Paragraph {
                            let pos = b.text_range.end;
                            Ok((pos..pos, format!(" {sentence}"), last..last + 1))
                        } else {
                            let (pos, text) = doc.insertion_after(last, paras());
                            Ok((pos..pos, text, last..last + 1))
                        }
                    }
                }
            }
        }
    }

    fn enclosing_heading(&self, b: usize) -> Result<usize, Error> {
        let doc = self.doc;
        if doc.blocks[b].level().is_some() {
            Ok(b)
        } else {
            doc.blocks[b].parent.ok_or_else(|| Error::BadOperation {
                at: self.at.clone(),
                problem:
                    "the passage is not in any section, so a new section cannot be placed beside it"
                        .into(),
            })
        }
    }

    fn section_insert(
        &mut self,
        h: usize,
        before: bool,
        level: Option<u8>,
        section: &dyn Fn(u8) -> Result<Vec<crate::doc::RawBlock>, Error>,
    ) -> Result<Resolved, Error> {
        let doc = self.doc;
        let p = NewSection::place(doc, h, before, level);
        if p.level > p.default_level && !before && p.parent != Some(h) {
            if let Some(under) = p.parent {
                self.warnings.push(format!(
                    "the new level-{} heading goes at the end of ”{}”, after its sub-section ”{}” (level {}), so it falls under ”{}”",
                    p.level,
                    doc.blocks[h].text,
                    doc.blocks[under].text,
                    doc.blocks[under].level().unwrap_or_default(),
                    doc.blocks[under].text,
                ));
            }
        }
        let new = section(p.level)?;
        if before && p.at < doc.blocks.len() {
            let (pos, text) = doc.insertion_before(p.at, new);
            Ok((pos..pos, text, p.at..p.at + 1))
        } else {
            let (pos, text) = doc.insertion_after(p.at - 1, new);
            Ok((pos..pos, text, p.at - 1..p.at))
        }
    }

    fn place(&self, pos: usize, text: &str) -> Place {
        let doc = self.doc;
        let b = doc.block_at(pos);
        Place {
            page: doc.blocks[b].page,
            section: doc.section_of(b).map(|s| s.text.clone()),
            block: doc.blocks[b].id.clone(),
            excerpt: excerpt(text, 60),
        }
    }

    /// Resolves a heading to its block index.
    fn heading(&mut self, heading: &str, op: &Op) -> Result<usize, Error> {
        let doc = self.doc;
        let mut found = doc.find_headings(heading);
        if found.is_empty() {
            let nearest = nearest_heading(doc, heading).map(|(s, i)| {
                Box::new(NearMatch {
                    similarity: s,
                    place: self.place(doc.blocks[i].range.start, &doc.blocks[i].text),
                    text: doc.blocks[i].text.clone(),
                })
            });
            return Err(Error::HeadingNotFound {
                at: self.at.clone(),
                heading: heading.trim().into(),
                nearest,
            });
        }
        if let Some(p) = op.page {
            let on_page: Vec<usize> = found
                .iter()
                .copied()
                .filter(|&i| doc.blocks[i].page == p)
                .collect();
            if on_page.is_empty() && found.len() == 1 {
                self.warnings.push(format!(
                    "the heading ”{}” is on page {}, not page {p}",
                    doc.blocks[found[0]].text, doc.blocks[found[0]].page
                ));
            } else if !on_page.is_empty() {
                found = on_page;
            }
        }
        self.pick(
            found,
            op.occurrence,
            || heading.to_string(),
            |this, v| Error::HeadingAmbiguous {
                at: this.at.clone(),
                heading: heading.trim().into(),
                places: v
                    .iter()
                    .map(|&i| this.place(doc.blocks[i].range.start, &doc.blocks[i].text))
                    .collect(),
            },
        )
    }

    fn pick<T: Clone>(
        &self,
        found: Vec<T>,
        occurrence: Option<u32>,
        what: impl Fn() -> String,
        ambiguous: impl Fn(&Self, &[T]) -> Error,
    ) -> Result<T, Error> {
        match occurrence {
            Some(n) => {
                if n == 0 || n as usize > found.len() {
                    Err(Error::NoSuchOccurrence {
                        at: self.at.clone(),
                        quote: what().trim().into(),
                        occurrence: n,
                        found: found.len(),
                    })
                } else {
                    Ok(found[n as usize - 1].clone())
                }
            }
            None if found.len() > 1 => Err(ambiguous(self, &found)),
            None => Ok(found[0].clone()),
        }
    }

    /// The heading block of the section named `section` (by which a quote is
    /// narrowed) and the canonical range the section spans. The quote's page
    /// and occurrence do not apply to the heading.
    fn section_span(&mut self, section: &str, op: &Op) -> Result<(usize, Range<usize>), Error> {
        let doc = self.doc;
        let h = self.heading(
            section,
            &Op {
                occurrence: None,
                page: None,
                ..op.clone()
            },
        )?;
        let sb = doc.section_blocks(h);
        Ok((
            h,
            doc.blocks[sb.start].range.start..doc.blocks[sb.end - 1].range.end,
        ))
    }

    /// Resolves a quoted passage to a canonical byte range.
    fn quote(&mut self, quote: &str, op: &Op) -> Result<Range<usize>, Error> {
        let doc = self.doc;
        let cleaned = clean_quote(quote);
        let mut tries = Vec::new();
        if let Some(inner) = strip_enclosing_quotes(&cleaned) {
            tries.push(inner.to_string());
        }
        tries.push(cleaned.clone());
        let mut found = Vec::new();
        let mut used = cleaned.clone();
        for t in &tries {
            let key = Normalized::key_of(t);
            if !key.chars().any(char::is_alphanumeric) {
                return Err(Error::EmptyText {
                    at: self.at.clone(),
                    what: "the quoted passage has no words, so it".into(),
                });
            }
            found = find_all(doc, &key);
            if !found.is_empty() {
                used = t.clone();
                break;
            }
        }
        let display = |r: &Range<usize>| doc.canonical[r.clone()].to_string();
        if found.is_empty() {
            let scope = match &op.section {
                Some(s) => self.section_span(s, op)?.1,
                None => 0..doc.canonical.len(),
            };
            let key = Normalized::key_of(tries.first().map_or(&cleaned, |t| t));
            let nearest = crate::amend::nearest::nearest_match(doc, &key, scope).map(|(s, r)| {
                Box::new(NearMatch {
                    similarity: s,
                    place: self.place(r.start, &display(&r)),
                    text: display(&r),
                })
            });
            return Err(Error::QuoteNotFound {
                at: self.at.clone(),
                quote: excerpt(&used, 200),
                nearest,
            });
        }
        if let Some(s) = &op.section {
            let (h, span) = self.section_span(s, op)?;
            let inside: Vec<_> = found
                .iter()
                .filter(|r| r.start >= span.start && r.end <= span.end)
                .cloned()
                .collect();
            if inside.is_empty() {
                return Err(Error::NotInSection {
                    at: self.at.clone(),
                    quote: excerpt(&used, 120),
                    section: doc.blocks[h].text.clone(),
                    found: found
                        .iter()
                        .map(|r| self.place(r.start, &display(r)))
                        .collect(),
                });
            }
            found = inside;
        }
        if let Some(p) = op.page {
            let page_of = |r: &Range<usize>| {
                (
                    doc.blocks[doc.block_at(r.start)].page,
                    doc.blocks[doc.block_at(r.end)].page,
                )
            };
            let on_page: Vec<_> = found
                .iter()
                .filter(|r| {
                    let (a, b) = page_of(r);
                    a <= p && p <= b
                })
                .cloned()
                .collect();
            if on_page.is_empty() && found.len() == 1 {
                self.warnings.push(format!(
                    "the passage is on page {}, not page {p}",
                    page_of(&found[0]).0
                ));
            } else if !on_page.is_empty() {
                found = on_page;
            }
        }
        self.pick(
            found,
            op.occurrence,
            || excerpt(&used, 120),
            |this, v| Error::QuoteAmbiguous {
                at: this.at.clone(),
                quote: excerpt(&used, 120),
                places: v.iter().map(|r| this.place(r.start, &display(r))).collect(),
            },
        )
    }
}

/// The heading most like `heading` (at least 50 % alike) and its
/// similarity. A heading whose length alone keeps it below the best so far
/// is not compared.
fn nearest_heading(doc: &Document, heading: &str) -> Option<(f32, usize)> {
    let want = crate::doc::heading_key(heading);
    let mut best: Option<(f32, usize)> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.level().is_none() {
            continue;
        }
        let key = crate::doc::heading_key(&b.text);
        let (la, lb) = (want.len() as f32, key.len() as f32);
        let floor = best.map_or(0.5, |b| b.0.max(0.5));
        if 2.0 * la.min(lb) / (la + lb) < floor {
            continue;
        }
        let s = similarity(&want, &key);
        if s >= 0.5 && best.is_none_or(|b| s >= b.0) {
            best = Some((s, i));
        }
    }
    best
}

/// Every canonical range where the match key `key` stands, at word
/// boundaries.
pub(crate) fn find_all(doc: &Document, key: &str) -> Vec<Range<usize>> {
    let hay = &doc.norm.key;
    // Every match has each word of the key at a place where the index has
    // it (a word at the key's edge is whole there, or the boundary check
    // fails), so the places of any one word will do: take the rarest.
    let mut rarest: Option<(usize, &[u32])> = None;
    let mut words = false;
    crate::doc::for_each_word(key, |offset, word| {
        words = true;
        if rarest.is_some_and(|(_, p)| p.is_empty()) {
            return;
        }
        let Some(places) = doc.word_index.get(word) else {
            return;
        };
        if rarest.is_none_or(|(_, p)| places.len() < p.len()) {
            rarest = Some((offset, places));
        }
    });
    let first = key.chars().next().unwrap_or(' ');
    let last = key.chars().next_back().unwrap_or(' ');
    let Some((offset, positions)) = rarest else {
        if !words {
            return Vec::new();
        }
        // only words too short to be indexed: every place the key stands
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(k) = hay[from..].find(key) {
            let s = from + k;
            let e = s + key.len();
            if at_word_boundary(hay, s, first, true) && at_word_boundary(hay, e, last, false) {
                out.push(doc.norm.source_range(s..e));
            }
            from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
        }
        return out;
    };
    let mut out = Vec::new();
    // the first and last eight bytes rule out most places without a call
    // to compare the whole key
    let word8 = |b: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let (hb, kb) = (hay.as_bytes(), key.as_bytes());
    let ends8 = (kb.len() >= 8).then(|| (word8(kb, 0), word8(kb, kb.len() - 8)));
    for &p in positions {
        let p = p as usize;
        if p < offset {
            continue;
        }
        let s = p - offset;
        let e = s + key.len();
        if let Some((head, tail)) = ends8 {
            if e > hb.len() || word8(hb, s) != head || word8(hb, e - 8) != tail {
                continue;
            }
        }
        if hay.get(s..e) == Some(key)
            && at_word_boundary(hay, s, first, true)
            && at_word_boundary(hay, e, last, false)
        {
            out.push(doc.norm.source_range(s..e));
        }
    }
    out
}

/// Widens a deleted passage so that the text left reads well: a whole block
/// goes with its blank line; a passage inside a paragraph takes one adjoining
/// space with it — the one before it when punctuation follows ("spara
/// pengar nu." less "nu" is "spara pengar.").
fn tidy_deletion(doc: &Document, r: Range<usize>) -> Range<usize> {
    let first = doc.block_at(r.start);
    let last = doc.block_at(r.end.saturating_sub(1));
    let t = &doc.canonical;
    if r.start <= doc.blocks[first].text_range.start && r.end >= doc.blocks[last].text_range.end {
        return doc.removal_range(first..last + 1);
    }
    let b = &doc.blocks[last];
    if t[r.end..].starts_with(' ')
        && (r.start == doc.blocks[first].text_range.start || t[..r.start].ends_with(' '))
    {
        r.start..r.end + 1
    } else if t[..r.start].ends_with(' ')
        && (r.end == b.text_range.end || t[r.end..].starts_with(closing_punctuation))
    {
        r.start - 1..r.end
    } else {
        r
    }
}

/// Punctuation that closes on the word before it, with no space between.
fn closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '”' | '»' | '…'
    )
}

/// A sentence or a replacement: one line, single spaces.
fn inline(s: &str) -> String {
    let s = crate::text::nfc(s);
    // already one line with single spaces: as it is
    if crate::text::surely_single_spaced(&s) && !s.starts_with(' ') && !s.ends_with(' ') {
        return s.into_owned();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::SourceFormat;

    fn doc() -> Document {
        Document::parse(
            "# Plan\n\n## Lokaler\n\nDe ska bli färre. Kostnaderna ska ned.\n\n## Drift\n\nDriftkostnaderna ska ned. Kostnaderna ska ned.\n",
            SourceFormat::Markdown,
        )
        .unwrap()
    }

    fn am(ops: Vec<Op>) -> Amendment {
        Amendment::probe("a1", ops)
    }

    /// The plan's text after deleting `quote` from it.
    fn after_deleting(plan: &str, quote: &str) -> String {
        let doc = Document::parse(plan, SourceFormat::Structured).unwrap();
        let (edits, _) = locate(&doc, &am(vec![Op::delete(quote)])).unwrap();
        crate::apply::apply(&doc.canonical, &edits, &[])
            .unwrap()
            .text
    }

    #[test]
    fn a_deletion_takes_the_space_that_would_be_left_over() {
        let plan = "# Plan\n\nVi ska spara pengar i år. Vi (alla) ska säga ”ja tack”, sedan gå.\n";
        let cases = [
            ("i år", "Vi ska spara pengar. Vi (alla)"),
            ("spara", "Vi ska pengar i år."),
            ("Vi ska spara", "\npengar i år."),
            ("(alla)", "Vi ska säga"),
            ("tack”", "säga ”ja, sedan"),
            ("ja tack", "säga ””, sedan"),
            ("sedan gå", "”ja tack”,."),
        ];
        for (quote, want) in cases {
            let got = after_deleting(plan, quote);
            assert!(got.contains(want), "{quote:?}: {got:?}");
            assert!(
                !got.contains(" .") && !got.contains(" ,") && !got.contains("  "),
                "{quote:?}: {got:?}"
            );
        }
    }

    #[test]
    fn ambiguous_quote_lists_both_places() {
        let err = locate(&doc(), &am(vec![Op::delete("Kostnaderna ska ned.")])).unwrap_err();
        match &err[0] {
            Error::QuoteAmbiguous { places, .. } => {
                assert_eq!(places.len(), 2);
                assert_eq!(places[0].section.as_deref(), Some("Lokaler"));
                assert_eq!(places[1].section.as_deref(), Some("Drift"));
            }
            e => panic!("{e}"),
        }
        let ok = locate(
            &doc(),
            &am(vec![Op::delete("Kostnaderna ska ned.").in_section("Drift")]),
        )
        .unwrap();
        let d = doc();
        assert_eq!(&d.canonical[ok.0[0].range.clone()], " Kostnaderna ska ned.");
    }

    #[test]
    fn inline_joins_words_with_single_spaces() {
        for s in [
            "Vi ska ha färre lokaler.",
            " Vi  ska\nha\tfärre ",
            "a\u{A0}b\u{2009}c",
            "",
            " ",
            "Na\u{0308}mnd",
            "ord – ord”",
        ] {
            let want = crate::text::nfc(s)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(inline(s), want, "{s:?}");
        }
    }

    #[test]
    fn never_matches_inside_a_word() {
        let d = doc();
        let found = find_all(&d, "kostnaderna ska ned");
        assert!(
            found.is_empty(),
            "lower-case k only stands inside Driftkostnaderna"
        );
    }

    /// `find_all` looks a key up by its rarest word; it must find exactly
    /// the places a scan of the whole text finds, for keys cut anywhere:
    /// inside words, at punctuation, on spaces.
    #[test]
    fn find_all_agrees_with_a_scan() {
        let d = Document::parse(
            "# Plan för 2024–2026\n\n## Lokaler\n\nDe ska bli färre. Kostnaderna ska ned, ”snart”.\n\n- kostnaderna ska ned\n\n## Drift\n\nDriftkostnaderna ska ned. Kostnaderna ska ned. Ned ska de, ned!\n\nja ja ja.\n",
            SourceFormat::Markdown,
        )
        .unwrap();
        let hay = &d.norm.key;
        let scan = |key: &str| -> Vec<Range<usize>> {
            let first = key.chars().next().unwrap_or(' ');
            let last = key.chars().next_back().unwrap_or(' ');
            (0..hay.len())
                .filter(|&s| {
                    hay.get(s..s + key.len()) == Some(key)
                        && at_word_boundary(hay, s, first, true)
                        && at_word_boundary(hay, s + key.len(), last, false)
                })
                .map(|s| d.norm.source_range(s..s + key.len()))
                .collect()
        };
        let bounds: Vec<usize> = (0..=hay.len())
            .filter(|&i| hay.is_char_boundary(i))
            .collect();
        let mut keys = 0;
        for (x, &a) in bounds.iter().enumerate() {
            for &b in &bounds[x + 1..(x + 40).min(bounds.len())] {
                let key = &hay[a..b];
                if !key.chars().any(char::is_alphanumeric) {
                    continue;
                }
                assert_eq!(find_all(&d, key), scan(key), "{key:?}");
                keys += 1;
            }
        }
        assert!(keys > 1000);
        assert_eq!(find_all(&d, "ska ned").len(), 4);
        // places that overlap, of a key of short words only
        assert_eq!(find_all(&d, "ja ja").len(), 2);
        assert!(find_all(&d, "ska upp").is_empty());
    }

    #[test]
    fn not_found_names_nearest() {
        let err = locate(&doc(), &am(vec![Op::delete("De ska bli fler.")])).unwrap_err();
        match &err[0] {
            Error::QuoteNotFound {
                nearest: Some(n), ..
            } => {
                assert!(n.text.starts_with("De ska bli färre"), "{}", n.text);
                assert_eq!(n.place.section.as_deref(), Some("Lokaler"));
            }
            e => panic!("{e:?}"),
        }
    }

    // ---- a new section at the level asked for ----

    fn chapters() -> Document {
        Document::parse(
            "# Plan\n\n## 1 Inledning\n\nText ett.\n\n## 3 Åtgärder\n\nÅtgärdstext.\n\n### 3.1 Lokaler\n\nLokaltext.\n\n### 3.2 Drift\n\nDrifttext.\n\n## 4 Uppföljning\n\nUppföljningstext.\n",
            SourceFormat::Markdown,
        )
        .unwrap()
    }

    fn new_section(position: Position, at: &str, level: Option<u8>) -> Op {
        let mut op = if matches!(position, Position::Start | Position::End) {
            Op::insert_in_section(position, at, "Ny text.", InsertAs::Section)
        } else {
            Op::insert_at_quote(position, at, "Ny text.", InsertAs::Section)
        };
        op.new_heading = Some("Digitalisering".into());
        op.new_heading_level = level;
        op
    }

    /// The plan after the insertion, as (level or 0, text) per block, the
    /// new heading's index and its parent's text; and the warnings.
    /// Each block's heading level (0 for text) and text.
    type Outline = Vec<(u8, String)>;

    fn inserted(op: Op) -> (Outline, usize, Option<String>, Vec<Warning>) {
        let d = chapters();
        let (edits, warnings) = locate(&d, &am(vec![op])).unwrap();
        let applied = crate::apply::apply(&d.canonical, &edits, &[]).unwrap();
        let after = Document::parse(&applied.text, SourceFormat::Structured).unwrap();
        assert_eq!(after.blocks.len(), d.blocks.len() + 2, "{}", applied.text);
        let i = after
            .blocks
            .iter()
            .position(|b| b.text == "Digitalisering")
            .unwrap();
        assert_eq!(after.blocks[i + 1].text, "Ny text.");
        let parent = after.blocks[i].parent.map(|p| after.blocks[p].text.clone());
        let outline = after
            .blocks
            .iter()
            .map(|b| (b.level().unwrap_or(0), b.text.clone()))
            .collect();
        (outline, i, parent, warnings)
    }

    fn texts(outline: &[(u8, String)], range: Range<usize>) -> Vec<&str> {
        outline[range].iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn a_new_section_without_a_level_takes_its_neighbours() {
        let (o, i, parent, w) = inserted(new_section(Position::End, "3 Åtgärder", None));
        assert_eq!(o[i].0, 2);
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Drifttext.", "Digitalisering", "Ny text.", "4 Uppföljning"]
        );
        assert_eq!(parent.as_deref(), Some("Plan"));
        assert!(w.is_empty());
        let (o, i, _, _) = inserted(new_section(Position::Start, "3.1 Lokaler", None));
        assert_eq!(o[i].0, 3);
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Åtgärdstext.", "Digitalisering", "Ny text.", "3.1 Lokaler"]
        );
        // the level asked for is the default one: the same text
        let d = chapters();
        for (position, at, level) in [
            (Position::End, "3 Åtgärder", 2),
            (Position::Start, "3.2 Drift", 3),
            (Position::After, "Lokaltext.", 3),
        ] {
            let plain = locate(&d, &am(vec![new_section(position, at, None)])).unwrap();
            let asked = locate(&d, &am(vec![new_section(position, at, Some(level))])).unwrap();
            assert_eq!(plain, asked, "{at}");
        }
    }

    #[test]
    fn a_sub_section_at_the_end_of_a_chapter_follows_its_sub_sections() {
        let (o, i, parent, w) = inserted(new_section(Position::End, "3 Åtgärder", Some(3)));
        assert_eq!(o[i].0, 3);
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Drifttext.", "Digitalisering", "Ny text.", "4 Uppföljning"]
        );
        assert_eq!(parent.as_deref(), Some("3 Åtgärder"));
        assert!(w.is_empty(), "{w:?}");
        // after a passage of the chapter's own text: the same place
        let (o2, ..) = inserted(new_section(Position::After, "Åtgärdstext.", Some(3)));
        assert_eq!(o, o2);
    }

    #[test]
    fn a_sub_section_at_the_start_of_a_chapter_follows_its_own_text() {
        let (o, i, parent, _) = inserted(new_section(Position::Start, "3 Åtgärder", Some(3)));
        assert_eq!(o[i].0, 3);
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Åtgärdstext.", "Digitalisering", "Ny text.", "3.1 Lokaler"]
        );
        assert_eq!(parent.as_deref(), Some("3 Åtgärder"));
        // a chapter without sub-sections: at its end
        let (o, i, parent, _) = inserted(new_section(Position::Start, "4 Uppföljning", Some(3)));
        assert_eq!(
            texts(&o, i - 1..o.len()),
            ["Uppföljningstext.", "Digitalisering", "Ny text."]
        );
        assert_eq!(parent.as_deref(), Some("4 Uppföljning"));
    }

    #[test]
    fn a_new_chapter_beside_a_sub_section_goes_beside_its_chapter() {
        let (o, i, parent, _) = inserted(new_section(Position::End, "3.1 Lokaler", Some(2)));
        assert_eq!(o[i].0, 2);
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Drifttext.", "Digitalisering", "Ny text.", "4 Uppföljning"]
        );
        assert_eq!(parent.as_deref(), Some("Plan"));
        let (o, i, _, _) = inserted(new_section(Position::Before, "Lokaltext.", Some(2)));
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Text ett.", "Digitalisering", "Ny text.", "3 Åtgärder"]
        );
        // a new level-2 chapter with the chapter's own level: after it
        let (o, i, _, _) = inserted(new_section(Position::End, "3 Åtgärder", Some(2)));
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Drifttext.", "Digitalisering", "Ny text.", "4 Uppföljning"]
        );
    }

    #[test]
    fn a_heading_two_levels_down() {
        // at the start: straight under the chapter, before its sub-sections
        let (o, i, parent, w) = inserted(new_section(Position::Start, "3 Åtgärder", Some(4)));
        assert_eq!(o[i].0, 4);
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Åtgärdstext.", "Digitalisering", "Ny text.", "3.1 Lokaler"]
        );
        assert_eq!(parent.as_deref(), Some("3 Åtgärder"));
        assert!(w.is_empty());
        // at the end: under the last sub-section, with a warning that says so
        let (o, i, parent, w) = inserted(new_section(Position::End, "3 Åtgärder", Some(4)));
        assert_eq!(
            texts(&o, i - 1..i + 3),
            ["Drifttext.", "Digitalisering", "Ny text.", "4 Uppföljning"]
        );
        assert_eq!(parent.as_deref(), Some("3.2 Drift"));
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message.contains("falls under ”3.2 Drift”"),
            "{}",
            w[0].message
        );
        // the new heading as the plan writes it
        let d = chapters();
        let (edits, _) = locate(
            &d,
            &am(vec![new_section(Position::End, "3 Åtgärder", Some(4))]),
        )
        .unwrap();
        assert_eq!(edits[0].insert, "\n\n#### Digitalisering\n\nNy text.");
    }

    #[test]
    fn a_heading_level_out_of_range_or_on_the_wrong_operation_is_an_error() {
        let d = chapters();
        for (op, want) in [
            (
                new_section(Position::End, "3 Åtgärder", Some(7)),
                "\"new_heading_level\" is 7; a heading's level is 1 (the title) to 6",
            ),
            (
                new_section(Position::End, "3 Åtgärder", Some(0)),
                "\"new_heading_level\" is 0",
            ),
            (
                Op::replace("Lokaltext.", "Ny.").heading_level(3),
                "this operation replaces a passage",
            ),
            (
                Op::insert_in_section(Position::End, "3 Åtgärder", "Ny.", InsertAs::Paragraph)
                    .heading_level(3),
                "this operation inserts a paragraph",
            ),
            (
                Op {
                    insert_as: None,
                    ..new_section(Position::End, "3 Åtgärder", Some(3))
                },
                "this operation inserts a sentence",
            ),
        ] {
            let ok = Op::delete("Text ett.");
            let err = locate(&d, &am(vec![ok, op])).unwrap_err();
            assert_eq!(err.len(), 1);
            match &err[0] {
                Error::BadOperation { at, problem } => {
                    assert_eq!((at.amendment.as_str(), at.op), ("a1", 2));
                    assert!(problem.contains(want), "{problem}");
                    assert!(
                        err[0]
                            .to_string()
                            .starts_with("amendment a1, operation 2 ("),
                        "{}",
                        err[0]
                    );
                }
                e => panic!("{e:?}"),
            }
        }
        for level in 1..=6 {
            assert!(locate(
                &d,
                &am(vec![new_section(Position::End, "3 Åtgärder", Some(level))])
            )
            .is_ok());
        }
    }
}
