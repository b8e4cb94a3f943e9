//! Writing the plan as a .docx file, clean or with tracked changes as real
//! Word revisions.
//!
//! A .docx file is a zip package of XML parts. [`write_docx`] writes these,
//! always in this order and with fixed zip timestamps, so the same blocks give
//! the same bytes:
//!
//! | part | what it holds |
//! |---|---|
//! | `[Content_Types].xml`, `_rels/.rels` | what each part is and where the document starts |
//! | `docProps/core.xml` | the title, the language and the date |
//! | `word/document.xml` | the text: paragraphs, lists, tables, revisions |
//! | `word/styles.xml` | body font and language, "Title" and "heading 1"… with outline levels |
//! | `word/numbering.xml` | one numbering scheme per kind of list, one instance per list |
//! | `word/settings.xml`, `word/fontTable.xml` | page defaults, the font and its fallback |
//! | `word/_rels/document.xml.rels` | links from the text to the other parts |
//!
//! # Revisions
//!
//! Word keeps a tracked change as an element around runs of text:
//! `<w:ins>` around inserted runs and `<w:del>` around deleted ones (whose
//! text is in `<w:delText>`), each with an id, an author and a date. *Accept
//! All* keeps inserted text and drops deleted text; *Reject All* does the
//! opposite.
//!
//! The end of a paragraph, its *paragraph mark*, is a character of its own and
//! can be inserted or deleted too (`<w:pPr><w:rPr><w:ins/>`). Dropping a mark
//! joins the paragraph to the next one, which keeps its own style. So a wholly
//! inserted paragraph has its text *and* its mark inserted: rejecting both
//! leaves nothing behind, not an empty paragraph.
//!
//! The last paragraph of the document (or the last before a table) cannot be
//! joined to a next one: its mark stays, and the mark of the paragraph before
//! the change takes the revision instead, as Word does when the last paragraph
//! is deleted. The paragraph left then shows a different paragraph in each
//! view, so its style is tracked as well (`w:pPrChange`). In general a mark is
//! kept by a view when its paragraph is in the view and a later paragraph of
//! the same stretch is too; a mark one view drops is marked as the other
//! view's change (see [`paragraph_marks`]), and a mark both drop is left out.
//!
//! One case has no exact answer: when a view shows none of the paragraphs
//! right before a table (an inserted paragraph between two tables, say), one
//! empty paragraph stays there, as neither Word nor LibreOffice joins a
//! paragraph into a table (and two tables need a paragraph between them).
//!
//! # Example
//!
//! ```
//! use amend::apply::Run;
//! use amend::diff::Tag;
//! use amend::export::docx::{write_docx, DocxOptions};
//! use amend::render::TrackedBlock;
//!
//! let run = |tag, text: &str| Run {
//!     tag,
//!     text: text.into(),
//!     by: if tag == Tag::Equal { vec![] } else { vec!["v2".into()] },
//!     em: Default::default(),
//! };
//! let blocks = vec![TrackedBlock {
//!     kind: "paragraph",
//!     level: 0,
//!     marker: String::new(),
//!     depth: 0,
//!     status: "changed",
//!     runs: vec![
//!         run(Tag::Equal, "Kommunen ska bli "),
//!         run(Tag::Delete, "Sveriges mest effektiva kommun"),
//!         run(Tag::Insert, "en bra arbetsgivare"),
//!     ],
//!     cells: vec![],
//! }];
//! let opts = DocxOptions {
//!     title: "Handlingsplan".into(),
//!     tracked: true,
//!     authors: [("v2".to_string(), "Emily Munter (V)".to_string())].into(),
//!     date: Some("2023-10-16".into()),
//!     ..DocxOptions::default()
//! };
//! let docx = write_docx(&blocks, &opts);
//! assert_eq!(&docx[..2], b"PK");
//! assert_eq!(docx, write_docx(&blocks, &opts));
//! ```

use crate::apply::Run;
use crate::diff::Tag;
use crate::plan::emphasis::Em;
use crate::plan::numbering;
use crate::render::TrackedBlock;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

/// How to write a .docx file.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxOptions {
    /// The document's title (in its properties; the text has its own heading).
    pub title: String,
    /// Changes as Word revisions (`true`), or the adopted text only.
    pub tracked: bool,
    /// Revision authors: amendment id → "Emily Munter (V)" (see [`authors`]).
    /// A change by several amendments names each author, joined by ", "; an
    /// id not listed is written as it is, a change without one as "amend".
    pub authors: HashMap<String, String>,
    /// The revision date, "2023-10-16" (written as "2023-10-16T00:00:00Z");
    /// revisions have no date when `None`.
    pub date: Option<String>,
    /// The document language, "sv-SE".
    pub lang: String,
}

impl Default for DocxOptions {
    /// Untitled, untracked, no authors, no date, Swedish.
    fn default() -> Self {
        DocxOptions {
            title: String::new(),
            tracked: false,
            authors: HashMap::new(),
            date: None,
            lang: "sv-SE".into(),
        }
    }
}

/// Revision authors of a case: every amendment's id → its proposer,
/// "Emily Munter (V)".
pub fn authors(case: &crate::case::Case) -> HashMap<String, String> {
    case.amendments
        .iter()
        .map(|a| (a.id.clone(), case.proposer_label(a)))
        .collect()
}

/// Writes the blocks as a .docx file: with [`DocxOptions::tracked`], every
/// inserted and deleted run as a Word revision by its proposer; otherwise the
/// adopted text only.
pub fn write_docx(blocks: &[TrackedBlock], opts: &DocxOptions) -> Vec<u8> {
    write_docx_weighted(blocks, opts, &[])
}

/// As [`write_docx`], with every table of as many columns as `weights`
/// has its columns as wide as they say, relative to each other (the
/// minutes' voteringslista: the name wider than the marks); other tables,
/// and all of them when `weights` is empty, have equal columns.
pub fn write_docx_weighted(
    blocks: &[TrackedBlock],
    opts: &DocxOptions,
    weights: &[u32],
) -> Vec<u8> {
    let accepted;
    let blocks = if opts.tracked {
        blocks
    } else {
        accepted = accepted_blocks(blocks);
        &accepted
    };
    let lists = Lists::of(blocks);
    let mut w = Writer::new(opts, 1);
    w.weights = weights.to_vec();
    w.body(blocks, &lists);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(opts)),
        ("word/document.xml", document_xml(&w.xml)),
        ("word/styles.xml", styles_xml(&opts.lang)),
        ("word/numbering.xml", lists.numbering_xml()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
    ];
    zip_package(&parts)
}

/// The adopted text as blocks without changes: deleted blocks and runs left
/// out, inserted runs made equal.
pub(crate) fn accepted_blocks(blocks: &[TrackedBlock]) -> Vec<TrackedBlock> {
    let accept = crate::render::accepted;
    blocks
        .iter()
        .filter(|b| b.status != "deleted")
        .map(|b| TrackedBlock {
            status: "equal",
            runs: accept(&b.runs),
            cells: b.cells.iter().map(|c| accept(c)).collect(),
            marker: b.marker.clone(),
            ..*b
        })
        .collect()
}

/// "2023-10-16" → "2023-10-16T00:00:00Z"; a date with a time is kept.
fn w3c_date(date: &str) -> String {
    if date.contains('T') {
        date.to_string()
    } else {
        format!("{date}T00:00:00Z")
    }
}

/// Zips the parts in the given order, deflated, every entry dated
/// 1980-01-01 (zip's default), so equal parts give equal bytes.
fn zip_package(parts: &[(&str, String)]) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, options)
            .and_then(|()| zip.write_all(xml.as_bytes()).map_err(Into::into))
            .expect("writing to memory cannot fail");
    }
    zip.finish()
        .expect("writing to memory cannot fail")
        .into_inner()
}

// ---------------------------------------------------------------------------
// Text and escaping

/// Is `c` allowed in an XML 1.0 document? (Tab, newline and carriage return
/// are; other control characters and U+FFFE, U+FFFF are not.)
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for XML content and attribute values (`&`, `<`, `>`, `"`),
/// leaving out characters XML 1.0 forbids.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The content of a `<w:r>`: text in `<w:t>` (`<w:delText>` when `deleted`),
/// a line break as `<w:br/>`, a tab as `<w:tab/>`.
pub(crate) fn run_content(text: &str, deleted: bool) -> String {
    let el = if deleted { "w:delText" } else { "w:t" };
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            let piece = escape_xml(&piece.replace('\r', ""));
            if !piece.is_empty() {
                let _ = write!(out, "<{el} xml:space=\"preserve\">{piece}</{el}>");
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Lists and numbering

/// A number format of Word's numbering (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NumFmt {
    Bullet,
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
}

impl NumFmt {
    fn name(self) -> &'static str {
        match self {
            NumFmt::Bullet => "bullet",
            NumFmt::Decimal => "decimal",
            NumFmt::LowerLetter => "lowerLetter",
            NumFmt::UpperLetter => "upperLetter",
            NumFmt::LowerRoman => "lowerRoman",
            NumFmt::UpperRoman => "upperRoman",
        }
    }
}

/// How one level of a list is numbered: the format and what follows the
/// number ('.' or ')'; ' ' for a bullet).
type Level = (NumFmt, char);

/// The level of a list of style `s` (see [`crate::plan::numbering`]).
fn level_of(s: numbering::Style) -> Level {
    let fmt = match (s.format, s.upper) {
        (b'1', _) => NumFmt::Decimal,
        (b'a', false) => NumFmt::LowerLetter,
        (b'a', true) => NumFmt::UpperLetter,
        (b'i', false) => NumFmt::LowerRoman,
        (b'i', true) => NumFmt::UpperRoman,
        _ => return (NumFmt::Bullet, ' '),
    };
    (fmt, s.close)
}

/// Word's nine list levels; depths beyond are written at the last.
const LEVELS: usize = 9;

/// The lists of a text: which list each block belongs to, and the numbering
/// scheme each list uses.
struct Lists {
    /// The `w:numId` of each block's list (list items only).
    num_of: Vec<Option<usize>>,
    /// Each list's scheme (an index into `schemes`), depth and first number.
    lists: Vec<(usize, usize, u32)>,
    /// The distinct schemes: a format for each of the nine levels.
    schemes: Vec<[Level; LEVELS]>,
}

impl Lists {
    /// Each list of the text ([`crate::render::lists_of`]: a nested list,
    /// a list of another kind and the items after a list's deleted first
    /// ones are lists of their own) is a `w:num` starting at its first
    /// number; its scheme has the list's format at its depth and the rest
    /// from [`default_levels`], shared with earlier lists of the same kind.
    fn of(blocks: &[TrackedBlock]) -> Lists {
        let found = crate::render::lists_of(blocks);
        let mut lists = Lists {
            num_of: found.of.iter().map(|l| l.map(|l| l + 1)).collect(),
            lists: Vec::new(),
            schemes: Vec::new(),
        };
        for l in &found.lists {
            let (level, d) = (level_of(l.style), usize::from(l.depth).min(LEVELS - 1));
            let mut levels = default_levels(level);
            levels[d] = level;
            let scheme = match lists.schemes.iter().position(|s| *s == levels) {
                Some(k) => k,
                None => {
                    lists.schemes.push(levels);
                    lists.schemes.len() - 1
                }
            };
            lists.lists.push((scheme, d, l.start));
        }
        lists
    }
}

/// A list item's level, 0 to 8.
fn depth(b: &TrackedBlock) -> usize {
    usize::from(b.depth).min(LEVELS - 1)
}

/// Levels for a list whose top level is `top`: bullets stay bullets; numbers
/// go on decimal → letters → roman, with the top level's punctuation.
fn default_levels(top: Level) -> [Level; LEVELS] {
    let cycle = [NumFmt::Decimal, NumFmt::LowerLetter, NumFmt::LowerRoman];
    let start = match top.0 {
        NumFmt::Bullet => return [top; LEVELS],
        NumFmt::Decimal => 0,
        NumFmt::LowerLetter | NumFmt::UpperLetter => 1,
        NumFmt::LowerRoman | NumFmt::UpperRoman => 2,
    };
    std::array::from_fn(|d| {
        if d == 0 {
            top
        } else {
            (cycle[(start + d) % 3], top.1)
        }
    })
}

/// Bullets by level: "•", "◦", "▪", again.
const BULLETS: [&str; 3] = ["•", "◦", "▪"];

impl Lists {
    /// `word/numbering.xml`: one `w:abstractNum` per scheme, then one `w:num`
    /// per list, numbered lists starting at their first item's number.
    fn numbering_xml(&self) -> String {
        let mut x = format!("{XML_DECL}<w:numbering {W_NS}>");
        for (id, levels) in self.schemes.iter().enumerate() {
            let _ = write!(x, "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>");
            for (d, level) in levels.iter().enumerate() {
                x.push_str(&level_xml(d, *level));
            }
            x.push_str("</w:abstractNum>");
        }
        for (k, &(scheme, first_depth, start)) in self.lists.iter().enumerate() {
            let _ = write!(
                x,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{scheme}\"/>",
                k + 1
            );
            if self.schemes[scheme][first_depth].0 != NumFmt::Bullet {
                let _ = write!(x, "<w:lvlOverride w:ilvl=\"{first_depth}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride>");
            }
            x.push_str("</w:num>");
        }
        x.push_str("</w:numbering>");
        x
    }
}

/// One `w:lvl`: "%1." or a bullet, indented 0.5" more per level with the
/// number hanging.
fn level_xml(d: usize, (fmt, suffix): Level) -> String {
    let text = if fmt == NumFmt::Bullet {
        BULLETS[d % BULLETS.len()].to_string()
    } else {
        format!("%{}{suffix}", d + 1)
    };
    let left = 720 * (d + 1);
    format!(
        "<w:lvl w:ilvl=\"{d}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{left}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
        fmt.name()
    )
}

// ---------------------------------------------------------------------------
// Paragraph marks

/// What happens to a paragraph's mark, and which block's style it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Mark {
    /// Inserted: *Reject All* drops it.
    ins: bool,
    /// Deleted: *Accept All* drops it.
    del: bool,
    /// The block whose paragraph properties the mark carries (the block
    /// itself, except for the last paragraph of a stretch).
    props: usize,
    /// The block whose properties the mark had before the change, when they
    /// differ (`w:pPrChange`).
    old: Option<usize>,
}

fn in_accepted(b: &TrackedBlock) -> bool {
    b.status != "deleted"
}

fn in_rejected(b: &TrackedBlock) -> bool {
    b.status != "inserted"
}

/// The paragraph marks of the blocks (table rows get a plain one, unused).
///
/// Paragraphs between tables form a stretch. A view keeps the mark of a
/// paragraph it shows when it shows a later paragraph of the stretch; the
/// last paragraph's mark is kept by both views and carries the properties of
/// the last paragraph each view shows. A stretch one view shows nothing of
/// is marked by each block's own status instead.
fn paragraph_marks(blocks: &[TrackedBlock]) -> Vec<Mark> {
    let mut marks: Vec<Mark> = (0..blocks.len())
        .map(|i| Mark {
            props: i,
            ..Mark::default()
        })
        .collect();
    let mut start = 0;
    while start < blocks.len() {
        let end = start
            + blocks[start..]
                .iter()
                .take_while(|b| b.kind != "table_row")
                .count();
        stretch_marks(&blocks[start..end], &mut marks[start..end], start);
        start = end + 1;
    }
    marks
}

/// [`paragraph_marks`] for one stretch of paragraphs, the first at `offset`.
fn stretch_marks(blocks: &[TrackedBlock], marks: &mut [Mark], offset: usize) {
    let (Some(last_a), Some(last_r)) = (
        blocks.iter().rposition(in_accepted),
        blocks.iter().rposition(in_rejected),
    ) else {
        for (b, m) in blocks.iter().zip(marks.iter_mut()) {
            (m.ins, m.del) = (!in_rejected(b), !in_accepted(b));
        }
        return;
    };
    let n = blocks.len();
    for i in 0..n - 1 {
        let kept_a = in_accepted(&blocks[i]) && i < last_a;
        let kept_r = in_rejected(&blocks[i]) && i < last_r;
        (marks[i].ins, marks[i].del) = (!kept_r, !kept_a);
    }
    marks[n - 1].props = offset + last_a;
    if last_a != last_r {
        marks[n - 1].old = Some(offset + last_r);
    }
}

/// The amendments behind a change at block `i`: those of its first changed
/// run, or of the first changed run after it (a mark shifted before a change).
fn mark_authors(blocks: &[TrackedBlock], i: usize) -> &[String] {
    blocks[i..]
        .iter()
        .flat_map(|b| b.runs.iter().chain(b.cells.iter().flatten()))
        .find(|r| r.tag != Tag::Equal)
        .map_or(&[], |r| &r.by)
}

// ---------------------------------------------------------------------------
// The document body

/// Writes `word/document.xml`'s body into `xml`, numbering revisions from
/// `next_id`.
pub(crate) struct Writer<'a> {
    opts: &'a DocxOptions,
    /// The revision date, "2023-10-16T00:00:00Z".
    date: Option<String>,
    next_id: u32,
    /// Relative column widths for tables of as many columns (see
    /// [`write_docx_weighted`]).
    weights: Vec<u32>,
    pub(crate) xml: String,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(opts: &'a DocxOptions, next_id: u32) -> Writer<'a> {
        Writer {
            opts,
            date: opts.date.as_deref().map(w3c_date),
            next_id,
            weights: Vec::new(),
            xml: String::new(),
        }
    }

    /// The attributes of a new revision: ` w:id="7" w:author="…" w:date="…"`.
    pub(crate) fn revision(&mut self, by: &[String]) -> String {
        let id = self.next_id;
        self.next_id += 1;
        let author = if by.is_empty() {
            "amend".to_string()
        } else {
            by.iter()
                .map(|id| self.opts.authors.get(id).unwrap_or(id).as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut attrs = format!(" w:id=\"{id}\" w:author=\"{}\"", escape_xml(&author));
        if let Some(date) = &self.date {
            let _ = write!(attrs, " w:date=\"{}\"", escape_xml(date));
        }
        attrs
    }

    /// Paragraphs, lists and tables in order; a paragraph after a last
    /// table (a document ends with a paragraph).
    ///
    /// A mark both views drop (a deleted paragraph before an inserted last
    /// one) is left out: its text runs on in the next paragraph, as it would
    /// in either view. Word could keep it as inserted and deleted, but
    /// LibreOffice reads only one revision of a paragraph mark.
    fn body(&mut self, blocks: &[TrackedBlock], lists: &Lists) {
        let marks = paragraph_marks(blocks);
        let (mut i, mut from) = (0, 0);
        while i < blocks.len() {
            if blocks[i].kind == "table_row" {
                let n = blocks[i..]
                    .iter()
                    .take_while(|b| b.kind == "table_row")
                    .count();
                self.table(&blocks[i..i + n]);
                i += n;
            } else if !(marks[i].ins && marks[i].del) {
                self.paragraph(blocks, from..=i, &marks[i], lists);
                i += 1;
            } else {
                i += 1;
                continue;
            }
            from = i;
        }
        if blocks.last().is_none_or(|b| b.kind == "table_row") {
            self.xml.push_str("<w:p/>");
        }
    }

    /// One paragraph of the blocks `range` (one block, unless marks were
    /// left out): its properties, its mark's revision, its runs.
    fn paragraph(
        &mut self,
        blocks: &[TrackedBlock],
        range: std::ops::RangeInclusive<usize>,
        mark: &Mark,
        lists: &Lists,
    ) {
        let i = *range.end();
        let props = paragraph_props(&blocks[mark.props], lists.num_of[mark.props]);
        let _ = write!(self.xml, "<w:p><w:pPr>{props}");
        if mark.ins || mark.del {
            let attrs = self.revision(mark_authors(blocks, i));
            let el = if mark.ins { "w:ins" } else { "w:del" };
            let _ = write!(self.xml, "<w:rPr><{el}{attrs}/></w:rPr>");
        }
        let old = mark
            .old
            .map(|o| (o, paragraph_props(&blocks[o], lists.num_of[o])));
        if let Some((old, old_props)) = old.filter(|(_, p)| *p != props) {
            let attrs = self.revision(mark_authors(blocks, old.min(mark.props)));
            let _ = write!(
                self.xml,
                "<w:pPrChange{attrs}><w:pPr>{old_props}</w:pPr></w:pPrChange>"
            );
        }
        self.xml.push_str("</w:pPr>");
        for b in &blocks[range] {
            self.runs(&b.runs, "");
        }
        self.xml.push_str("</w:p>");
    }

    /// Runs: equal text as it is, inserted text in `w:ins`, deleted text in
    /// `w:del` (as `w:delText`), each run with the properties `rpr` (a
    /// `w:rPr` element, or nothing).
    pub(crate) fn runs(&mut self, runs: &[Run], rpr: &str) {
        for r in runs {
            let content = run_content(&r.text, r.tag == Tag::Delete);
            if content.is_empty() {
                continue;
            }
            let rpr = with_em(rpr, r.em);
            let el = match r.tag {
                Tag::Equal => {
                    let _ = write!(self.xml, "<w:r>{rpr}{content}</w:r>");
                    continue;
                }
                Tag::Insert => "w:ins",
                Tag::Delete => "w:del",
            };
            let attrs = self.revision(&r.by);
            let _ = write!(self.xml, "<{el}{attrs}><w:r>{rpr}{content}</w:r></{el}>");
        }
    }

    /// The widths of `cols` columns over the text width: as the writer's
    /// weights say when there are as many, else equal.
    fn column_widths(&self, cols: usize) -> Vec<usize> {
        let total: u32 = self.weights.iter().sum();
        if self.weights.len() != cols || total == 0 {
            return vec![TEXT_WIDTH / cols; cols];
        }
        self.weights
            .iter()
            .map(|&w| TEXT_WIDTH * w as usize / total as usize)
            .collect()
    }

    /// A table of rows: a grid of columns over the text width (equal, or
    /// weighted), single borders, the first row a header row repeated on
    /// each page.
    pub(crate) fn table(&mut self, rows: &[TrackedBlock]) {
        let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0).max(1);
        let widths = self.column_widths(cols);
        let border = |side: &str| {
            format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>")
        };
        let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .iter()
            .map(|s| border(s))
            .collect();
        let _ = write!(self.xml, "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
        for width in &widths {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{width}\"/>");
        }
        self.xml.push_str("</w:tblGrid>");
        for (k, row) in rows.iter().enumerate() {
            self.row(row, k == 0, &widths);
        }
        self.xml.push_str("</w:tbl>");
    }

    /// One table row, padded to a cell per column of `widths`; a wholly
    /// inserted or deleted row is marked as such in `w:trPr`.
    fn row(&mut self, row: &TrackedBlock, header: bool, widths: &[usize]) {
        self.xml.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if header {
            self.xml.push_str("<w:tblHeader/>");
        }
        let el = match row.status {
            "inserted" => Some("w:ins"),
            "deleted" => Some("w:del"),
            _ => None,
        };
        if let Some(el) = el {
            let by = row.cells.iter().flatten().find(|r| r.tag != Tag::Equal);
            let attrs = self.revision(by.map_or(&[], |r| &r.by));
            let _ = write!(self.xml, "<{el}{attrs}/>");
        }
        self.xml.push_str("</w:trPr>");
        for (c, width) in widths.iter().enumerate() {
            let _ = write!(
                self.xml,
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
            );
            if let Some(cell) = row.cells.get(c) {
                self.runs(cell, if header { "<w:rPr><w:b/></w:rPr>" } else { "" });
            }
            self.xml.push_str("</w:p></w:tc>");
        }
        self.xml.push_str("</w:tr>");
    }
}

/// Run properties (`<w:rPr>…</w:rPr>`, or nothing) with the run's emphasis:
/// `w:b`/`w:bCs` and `w:i`/`w:iCs` where the schema puts them, after the
/// run's style and fonts, unless the properties have them already.
pub(crate) fn with_em(rpr: &str, em: Em) -> std::borrow::Cow<'_, str> {
    if em.is_plain() {
        return rpr.into();
    }
    let has =
        |name: &str| rpr.contains(&format!("<w:{name}/>")) || rpr.contains(&format!("<w:{name} "));
    let mut add = String::new();
    if em.bold && !has("b") {
        add.push_str("<w:b/><w:bCs/>");
    }
    if em.italic && !has("i") {
        add.push_str("<w:i/><w:iCs/>");
    }
    if add.is_empty() {
        return rpr.into();
    }
    let open = match rpr.find('>') {
        Some(i) if rpr.starts_with("<w:rPr") && !rpr[..i].ends_with('/') => i + 1,
        _ => return format!("<w:rPr>{add}</w:rPr>").into(),
    };
    // past the run's style and fonts, which come first
    let mut at = open;
    for name in ["<w:rStyle", "<w:rFonts"] {
        if rpr[at..].starts_with(name) {
            let end = rpr[at..].find('>').map_or(rpr.len(), |i| at + i + 1);
            at = if rpr[..end].ends_with("/>") {
                end
            } else {
                let close = format!("</{}>", &name[1..]);
                rpr[end..]
                    .find(&close)
                    .map_or(end, |i| end + i + close.len())
            };
        }
    }
    format!("{}{add}{}", &rpr[..at], &rpr[at..]).into()
}

/// The width of the text on an A4 page with 2.5 cm margins, in twentieths of
/// a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1417;

/// A heading's style: level 1 (the plan's title) "Title", level n "Heading{n-1}".
fn heading_style(level: u8) -> String {
    match level {
        0 | 1 => "Title".to_string(),
        n => format!("Heading{}", (n - 1).min(HEADINGS)),
    }
}

/// The paragraph properties of a block, without its mark: style and list.
fn paragraph_props(b: &TrackedBlock, num: Option<usize>) -> String {
    match b.kind {
        "heading" => format!("<w:pStyle w:val=\"{}\"/>", heading_style(b.level)),
        "list_item" => format!(
            "<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>",
            depth(b),
            num.unwrap_or(0)
        ),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------
// The other parts

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// `word/document.xml` around a body: an A4 page with 2.5 cm margins.
fn document_xml(body: &str) -> String {
    format!(
        "{XML_DECL}<w:document {W_NS}><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

/// `docProps/core.xml`: title, language and (if given) date.
fn core_xml(opts: &DocxOptions) -> String {
    let mut x = format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:language>{}</dc:language><cp:lastModifiedBy>amend</cp:lastModifiedBy>",
        escape_xml(&opts.title),
        escape_xml(&opts.lang)
    );
    if let Some(date) = &opts.date {
        let date = escape_xml(&w3c_date(date));
        let _ = write!(x, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>");
    }
    x.push_str("</cp:coreProperties>");
    x
}

/// The number of heading styles after "Title".
const HEADINGS: u8 = 6;

/// `word/styles.xml`: Calibri 11 pt in the document's language, "Title" and
/// "heading 1"–"heading 6" with outline levels (for Word's navigation pane
/// and PDF bookmarks), and "List Paragraph".
fn styles_xml(lang: &str) -> String {
    let lang = escape_xml(lang);
    let mut x = format!(
        "{XML_DECL}<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:spacing w:after=\"80\"/><w:ind w:left=\"720\"/></w:pPr></w:style>"
    );
    x.push_str(&heading_style_xml("Title", "Title", 0, 48));
    for n in 1..=HEADINGS {
        let size = [32, 28, 24, 22, 22, 22][usize::from(n - 1)];
        x.push_str(&heading_style_xml(
            &format!("Heading{n}"),
            &format!("heading {n}"),
            n - 1,
            size,
        ));
    }
    x.push_str("</w:styles>");
    x
}

/// A heading style: bold, `size` half-points, kept with the next paragraph,
/// at outline level `outline` (0 is the top).
fn heading_style_xml(id: &str, name: &str, outline: u8, size: u32) -> String {
    let italic = if outline >= 3 { "<w:i/>" } else { "" };
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"{}\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{}\" w:after=\"120\"/><w:outlineLvl w:val=\"{outline}\"/></w:pPr><w:rPr><w:b/><w:bCs/>{italic}<w:color w:val=\"1F3864\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
        if id == "Title" { 10 } else { 9 },
        if id == "Title" { 0 } else { 280 }
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/><Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/></Relationships>";

/// `word/settings.xml`. No `w:trackRevisions`: the revisions are in the
/// text, new edits are not tracked unless the reader turns tracking on.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"709\"/><w:hyphenationZone w:val=\"425\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

/// `word/fontTable.xml`: Calibri, with Carlito (its metric twin) and any
/// sans-serif font where it is missing.
const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:font w:name=\"Calibri\"><w:altName w:val=\"Carlito\"/><w:panose1 w:val=\"020F0502020204030204\"/><w:charset w:val=\"00\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>";

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: &'static str, status: &'static str) -> TrackedBlock {
        TrackedBlock {
            kind,
            level: 0,
            marker: String::new(),
            depth: 0,
            status,
            runs: vec![],
            cells: vec![],
        }
    }

    #[test]
    fn escaping_leaves_out_what_xml_forbids() {
        assert_eq!(
            escape_xml("a<b>&\"c\"'\u{1}\u{B}\u{FFFE}\u{FFFF}\tä😀"),
            "a&lt;b&gt;&amp;&quot;c&quot;'\tä😀"
        );
        assert_eq!(
            run_content("a\tb\nc\r", true),
            "<w:delText xml:space=\"preserve\">a</w:delText><w:tab/><w:delText xml:space=\"preserve\">b</w:delText><w:br/><w:delText xml:space=\"preserve\">c</w:delText>"
        );
        assert_eq!(w3c_date("2023-10-16"), "2023-10-16T00:00:00Z");
        assert_eq!(w3c_date("2023-10-16T12:00:00Z"), "2023-10-16T12:00:00Z");
    }

    #[test]
    fn lists_share_schemes_and_start_at_their_first_number() {
        let item = |marker: &str, depth: u8, status: &'static str| TrackedBlock {
            marker: marker.into(),
            depth,
            ..block("list_item", status)
        };
        let blocks = vec![
            item("3.", 0, "equal"),
            item("c)", 1, "equal"),
            item("4.", 0, "equal"),
            item("a)", 1, "deleted"),
            item("b)", 1, "equal"),
            block("paragraph", "equal"),
            item("1.", 0, "equal"),
            item("-", 0, "equal"),
            item("i.", 0, "inserted"),
        ];
        let lists = Lists::of(&blocks);
        let num_of = [1, 2, 1, 3, 4, 0, 5, 6, 7].map(|n| (n > 0).then_some(n));
        assert_eq!(lists.num_of, num_of);
        // a nested list starts at its own number; after a deleted first item,
        // the kept items start at theirs; a list of another kind is a list
        assert_eq!(
            lists.lists,
            [
                (0, 0, 3),
                (1, 1, 3),
                (1, 1, 1),
                (1, 1, 2),
                (0, 0, 1),
                (2, 0, 1),
                (3, 0, 1)
            ]
        );
        assert_eq!(lists.schemes[1][1], (NumFmt::LowerLetter, ')'));
        assert_eq!(lists.schemes[3][0], (NumFmt::LowerRoman, '.'));
        let xml = lists.numbering_xml();
        assert!(xml.contains("<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"3\"/>"));
        assert!(xml.contains("<w:lvlText w:val=\"%2)\"/>"));
        assert_eq!(xml.matches("<w:abstractNum ").count(), 4);
        assert_eq!(default_levels((NumFmt::Bullet, ' '))[4].0, NumFmt::Bullet);
    }

    #[test]
    fn marks_of_inserted_and_deleted_paragraphs() {
        let marks = |statuses: &[&'static str]| -> Vec<(bool, bool, usize, Option<usize>)> {
            let blocks: Vec<_> = statuses.iter().map(|s| block("paragraph", s)).collect();
            paragraph_marks(&blocks)
                .iter()
                .map(|m| (m.ins, m.del, m.props, m.old))
                .collect()
        };
        // in the middle: each block's own status
        assert_eq!(
            marks(&["equal", "inserted", "deleted", "equal"]),
            vec![
                (false, false, 0, None),
                (true, false, 1, None),
                (false, true, 2, None),
                (false, false, 3, None)
            ]
        );
        // at the end: the mark before takes the change, the last mark the style
        assert_eq!(
            marks(&["changed", "inserted"]),
            vec![(true, false, 0, None), (false, false, 1, Some(0))]
        );
        assert_eq!(
            marks(&["equal", "deleted"]),
            vec![(false, true, 0, None), (false, false, 0, Some(1))]
        );
        // a replaced last paragraph: the mark between goes in both views
        assert_eq!(
            marks(&["equal", "inserted", "deleted"]),
            vec![
                (false, false, 0, None),
                (true, true, 1, None),
                (false, false, 1, Some(2))
            ]
        );
        // nothing left in one view: own statuses
        assert_eq!(
            marks(&["inserted", "inserted"]),
            vec![(true, false, 0, None), (true, false, 1, None)]
        );
    }
}
