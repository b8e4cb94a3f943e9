//! Reading a .docx file into plan text (see [`crate::plan`]).
//!
//! A .docx file is a zip archive of XML *parts*. The text is in
//! `word/document.xml`, a list of paragraphs (`w:p`) and tables (`w:tbl`)
//! made of runs (`w:r`) of text (`w:t`). What makes a paragraph a heading or
//! a list item is kept elsewhere: `word/styles.xml` names each paragraph
//! style ("heading 2", "Title") and `word/numbering.xml` says how a numbered
//! paragraph's number is written (`%1.` in lower-case letters, starting at
//! 1). [`read_docx`] reads all three and writes the plan in the structured
//! form, the way Word shows it:
//!
//! ```no_run
//! use amend::doc::{Document, SourceFormat};
//! use amend::plan::docx::read_docx;
//!
//! let read = read_docx(&std::fs::read("plan.docx")?)?;
//! // "# Handlingsplan\n\n## 1. Inledning\n\nText.\n\n  a) Spara.\n  b) Låna.\n"
//! for note in &read.notes {
//!     eprintln!("note: {}", note.message());
//! }
//! let doc = Document::parse(&read.text, SourceFormat::Docx)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! How Word's model becomes the structured form:
//!
//! - **headings**: the style "Title" is level 1, "heading N" is level N + 1,
//!   and an outline level N (`w:outlineLvl`, counted from 0) is level N + 2,
//!   all at most 6; a style inherits from the style it is based on;
//! - **numbers** are counted as Word counts them (a list continues across
//!   other paragraphs, a deeper level starts again when a shallower one
//!   advances) and written in the level's format: `%1.%2.` with decimals is
//!   `2.3.`, `%1)` with lower-case letters is `a)`; a numbered heading gets its
//!   number before its text, a numbered paragraph is a list item, and any
//!   bullet is written `-`;
//! - **tracked changes** are accepted (insertions kept, deletions dropped),
//!   as Word's "Accept All Changes" would, and counted in a [`Note`];
//! - **left out**, as not part of the plan's text: headers, footers,
//!   footnotes, comments, text boxes, hidden text, a table of contents,
//!   field codes (their results are kept) and placeholder text.
//!
//! No input makes the reader panic: a damaged file is a [`DocxError`] naming
//! the part that is wrong.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read as _};
use std::ops::Range;
use std::path::Path;

use crate::plan::emphasis::{self, Em, Mark};
use quick_xml::events::{BytesStart, Event};
use serde::Serialize;
use zip::result::ZipError;

/// The largest .docx file read, in bytes.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The most read from one part of the archive once unpacked, in bytes: a
/// 300-page plan's `word/document.xml` is about 10 MB, and a small archive
/// that unpacks to gigabytes (a "zip bomb") stops here.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The first bytes of an OLE compound file: an old .doc, or a .docx that
/// Word has encrypted with a password.
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A .docx file read into plan text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The plan text in the structured form of [`crate::plan`], ending with
    /// a newline.
    pub text: String,
    /// Bold and italic text (`w:b`, `w:i` of a run, its character style or,
    /// outside headings, its paragraph style), over byte ranges of `text`;
    /// not in tables.
    pub marks: Vec<Mark>,
    /// What was accepted or left out on the way.
    pub notes: Vec<Note>,
}

/// Something the reader did that the user should know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Note {
    /// Word's tracked changes were accepted: inserted text kept, deleted
    /// text dropped. Each count is of changes, not of words.
    TrackedChangesAccepted { insertions: usize, deletions: usize },
    /// The document has comments; they are not plan text.
    CommentsIgnored { count: usize },
    /// Footnotes and endnotes were left out (their reference marks too).
    FootnotesLeftOut { footnotes: usize, endnotes: usize },
    /// Text boxes (and other text in drawings) were left out.
    TextBoxesLeftOut { count: usize },
    /// Runs of hidden text (Word's "Hidden" font effect) were left out.
    HiddenTextLeftOut { runs: usize },
    /// A table of contents was left out: it repeats the headings.
    TableOfContentsLeftOut { lines: usize },
}

/// "1 comment", "2 comments".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Note {
    /// The note in English.
    pub fn message(&self) -> String {
        match *self {
            Note::TrackedChangesAccepted {
                insertions,
                deletions,
            } => format!(
                "tracked changes accepted, as Word's Accept All Changes would: {}, {}",
                count(insertions, "insertion", "insertions"),
                count(deletions, "deletion", "deletions")
            ),
            Note::CommentsIgnored { count: n } => format!(
                "{} left out: comments are not plan text",
                count(n, "comment", "comments")
            ),
            Note::FootnotesLeftOut {
                footnotes,
                endnotes,
            } => format!(
                "{} and {} left out: notes are not plan text",
                count(footnotes, "footnote", "footnotes"),
                count(endnotes, "endnote", "endnotes")
            ),
            Note::TextBoxesLeftOut { count: n } => format!(
                "{} left out: text in drawings is not plan text",
                count(n, "text box", "text boxes")
            ),
            Note::HiddenTextLeftOut { runs } => {
                format!("hidden text left out ({})", count(runs, "run", "runs"))
            }
            Note::TableOfContentsLeftOut { lines } => format!(
                "the table of contents left out ({})",
                count(lines, "line", "lines")
            ),
        }
    }

    /// The note in Swedish.
    pub fn message_sv(&self) -> String {
        match *self {
            Note::TrackedChangesAccepted {
                insertions,
                deletions,
            } => format!(
                "spårade ändringar godkända, som med Godkänn alla ändringar i Word: {}, {}",
                count(insertions, "infogning", "infogningar"),
                count(deletions, "borttagning", "borttagningar")
            ),
            Note::CommentsIgnored { count: n } => format!(
                "{} utelämnade: kommentarer är inte plantext",
                count(n, "kommentar", "kommentarer")
            ),
            Note::FootnotesLeftOut {
                footnotes,
                endnotes,
            } => format!(
                "{} och {} utelämnade: noter är inte plantext",
                count(footnotes, "fotnot", "fotnoter"),
                count(endnotes, "slutnot", "slutnoter")
            ),
            Note::TextBoxesLeftOut { count: n } => format!(
                "{} utelämnade: text i bilder och figurer är inte plantext",
                count(n, "textruta", "textrutor")
            ),
            Note::HiddenTextLeftOut { runs } => {
                format!(
                    "dold text utelämnad ({})",
                    count(runs, "textavsnitt", "textavsnitt")
                )
            }
            Note::TableOfContentsLeftOut { lines } => format!(
                "innehållsförteckningen utelämnad ({})",
                count(lines, "rad", "rader")
            ),
        }
    }
}

/// What a zip archive that is not a .docx seems to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    EmptyZip,
    /// OpenDocument text (LibreOffice Writer).
    Odt,
    /// OpenDocument spreadsheet.
    Ods,
    /// OpenDocument presentation.
    Odp,
    /// Another OpenDocument file.
    OpenDocument,
    /// Excel workbook.
    Xlsx,
    /// PowerPoint presentation.
    Pptx,
    /// An Office Open XML package without a Word document.
    OtherOffice,
    Epub,
}

impl Found {
    fn en(self) -> &'static str {
        match self {
            Found::EmptyZip => "an empty zip archive",
            Found::Odt => "an OpenDocument text, .odt",
            Found::Ods => "an OpenDocument spreadsheet, .ods",
            Found::Odp => "an OpenDocument presentation, .odp",
            Found::OpenDocument => "an OpenDocument file",
            Found::Xlsx => "an Excel workbook, .xlsx",
            Found::Pptx => "a PowerPoint presentation, .pptx",
            Found::OtherOffice => "an Office file of another kind",
            Found::Epub => "an EPUB e-book",
        }
    }

    fn sv(self) -> &'static str {
        match self {
            Found::EmptyZip => "ett tomt zip-arkiv",
            Found::Odt => "ett OpenDocument-textdokument, .odt",
            Found::Ods => "ett OpenDocument-kalkylblad, .ods",
            Found::Odp => "en OpenDocument-presentation, .odp",
            Found::OpenDocument => "en OpenDocument-fil",
            Found::Xlsx => "en Excel-arbetsbok, .xlsx",
            Found::Pptx => "en PowerPoint-presentation, .pptx",
            Found::OtherOffice => "en Office-fil av annat slag",
            Found::Epub => "en EPUB-bok",
        }
    }
}

/// " (it is an Excel workbook, .xlsx)", or nothing.
fn found_en(found: &Option<Found>) -> String {
    found.map_or(String::new(), |f| format!(" (it is {})", f.en()))
}

/// A size in MB with one decimal, "61.2" (`sep` is the decimal separator).
fn mb(bytes: usize, sep: char) -> String {
    let tenths = bytes as u64 * 10 / (1024 * 1024);
    format!("{}{sep}{}", tenths / 10, tenths % 10)
}

/// Why a .docx file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    #[error("the file is {} MB; the largest .docx read is {} MB", mb(*bytes, '.'), max / (1024 * 1024))]
    TooLarge { bytes: usize, max: usize },
    #[error(
        "the file is an OLE compound file, not a zip archive: a .docx encrypted with a \
         password, or an old .doc (Word 97-2003); open it in Word and save it as a .docx \
         without a password"
    )]
    Encrypted,
    #[error(
        "the file is not a .docx: it is not a zip archive (a .doc, .rtf or .pdf saved \
         with the wrong name?); open it in Word and save it as a .docx"
    )]
    NotZip,
    #[error(
        "the zip archive has no word/document.xml, so it is not a .docx{}; open it and \
         save it as a .docx (Word document)",
        found_en(found)
    )]
    NotDocx { found: Option<Found> },
    #[error("the file starts like a zip archive but cannot be opened (cut short?): {detail}")]
    BrokenZip { detail: String },
    #[error("{part}: unpacks to more than {} MB, the most read from one part", max / (1024 * 1024))]
    PartTooLarge { part: String, max: u64 },
    #[error("{part}: {detail}")]
    Corrupt { part: String, detail: String },
}

impl DocxError {
    /// A stable code for the error, for programs and the browser.
    pub fn code(&self) -> &'static str {
        match self {
            DocxError::TooLarge { .. } => "docx_too_large",
            DocxError::Encrypted => "docx_encrypted",
            DocxError::NotZip => "docx_not_zip",
            DocxError::NotDocx { .. } => "not_docx",
            DocxError::BrokenZip { .. } => "docx_broken_zip",
            DocxError::PartTooLarge { .. } => "docx_part_too_large",
            DocxError::Corrupt { .. } => "docx_corrupt",
        }
    }

    /// The error in Swedish: what is wrong and what to do about it.
    pub fn message_sv(&self) -> String {
        match self {
            DocxError::TooLarge { bytes, max } => format!(
                "filen är {} MB; den största .docx-fil som läses är {} MB",
                mb(*bytes, ','),
                max / (1024 * 1024)
            ),
            DocxError::Encrypted => "filen är en OLE-fil, inte ett zip-arkiv: en .docx som \
                 är krypterad med lösenord, eller en gammal .doc (Word 97–2003); öppna den i \
                 Word och spara den som .docx utan lösenord"
                .to_string(),
            DocxError::NotZip => "filen är ingen .docx: den är inte ett zip-arkiv (en .doc, \
                 .rtf eller .pdf med fel namn?); öppna den i Word och spara den som .docx"
                .to_string(),
            DocxError::NotDocx { found } => format!(
                "zip-arkivet har ingen word/document.xml och är alltså ingen .docx{}; öppna \
                 filen och spara den som .docx (Word-dokument)",
                found.map_or(String::new(), |f| format!(" (det är {})", f.sv()))
            ),
            DocxError::BrokenZip { detail } => format!(
                "filen börjar som ett zip-arkiv men går inte att öppna (avkortad?): {detail}"
            ),
            DocxError::PartTooLarge { part, max } => format!(
                "{part}: packas upp till mer än {} MB, det mesta som läses ur en del",
                max / (1024 * 1024)
            ),
            DocxError::Corrupt { part, detail } => {
                format!("{part}: delen är trasig: {detail}")
            }
        }
    }
}

fn corrupt(part: &str, detail: impl std::fmt::Display) -> DocxError {
    DocxError::Corrupt {
        part: part.to_string(),
        detail: detail.to_string(),
    }
}

/// Checks a file's size before it is read: a caller that knows the size
/// (from the file system, or a browser's `File.size`) can refuse a large
/// file without reading it.
pub fn check_size(bytes: usize) -> Result<(), DocxError> {
    if bytes > MAX_FILE_BYTES {
        return Err(DocxError::TooLarge {
            bytes,
            max: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// Reads a .docx file from disk, checking its size before reading it.
pub fn read_docx_file(path: &Path) -> Result<Read, DocxError> {
    let io = |e: std::io::Error| corrupt(&path.display().to_string(), e);
    let len = std::fs::metadata(path).map_err(io)?.len();
    check_size(usize::try_from(len).unwrap_or(usize::MAX))?;
    read_docx(&std::fs::read(path).map_err(io)?)
}

/// Reads a .docx file's bytes into plan text in the structured form.
///
/// ```no_run
/// let read = amend::plan::docx::read_docx(&std::fs::read("plan.docx")?)?;
/// assert!(read.text.ends_with('\n'));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_docx(bytes: &[u8]) -> Result<Read, DocxError> {
    Ok(read_layout(bytes)?.read)
}

/// A .docx file read into plan text, with where each block came from in
/// the main document part, so that the package can be written back with
/// the plan's changes (see [`crate::export::docx_package`]).
#[derive(Debug, Clone)]
pub struct Layout {
    pub read: Read,
    /// The main document part's name in the archive ("word/document.xml").
    pub document: String,
    /// The main document part's text; every span below is a byte range of it.
    pub xml: String,
    /// One source per block line of [`Read::text`], in order.
    pub sources: Vec<Source>,
    /// What a writer leaves out as read: comment anchors outside
    /// paragraphs and table rows Word deleted as tracked changes.
    pub drops: Vec<Range<usize>>,
    /// Paragraphs left without text once Word's tracked changes are
    /// accepted: written back as empty paragraphs.
    pub emptied: Vec<Range<usize>>,
    /// The paragraph style of each heading level, and whether the style
    /// numbers its paragraphs (Word writes the number).
    pub heading_styles: HashMap<u8, (String, bool)>,
}

/// Where one block line of the plan text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The block's line in the structured form.
    pub line: String,
    /// The paragraph (`w:p`), the paragraphs joined by a deleted paragraph
    /// mark, or the table row (`w:tr`).
    pub span: Range<usize>,
    /// A heading's number that Word's numbering writes ("2.1."): in the
    /// line, not in the paragraph's text.
    pub number: Option<String>,
    /// Whether the reader had to interpret the XML: Word's tracked changes
    /// accepted, comment anchors left out.
    pub interpreted: bool,
    /// A table row's cells, as the line has them: each cell's paragraphs,
    /// or `None` for a column a cell before it spans.
    pub cells: Vec<Option<Vec<Range<usize>>>>,
    /// A table row's table (`w:tbl`).
    pub table: Option<Range<usize>>,
}

/// Reads a .docx file like [`read_docx`], keeping where each block came from.
pub fn read_layout(bytes: &[u8]) -> Result<Layout, DocxError> {
    let mut zip = open_zip(bytes)?;
    let parts = find_parts(&mut zip)?;
    let styles = match &parts.styles {
        Some(p) => Styles::parse(&read_part(&mut zip, p)?, p)?,
        None => Styles::default(),
    };
    let numbering = match &parts.numbering {
        Some(p) => Numbering::parse(&read_part(&mut zip, p)?, p)?,
        None => Numbering::default(),
    };
    let xml = read_part(&mut zip, &parts.document)?;
    let sections = section_starts(&xml, &parts.document)?;
    let mut body = Body::new(&styles, &numbering, sections);
    body.walk(&xml, &parts.document)?;
    let comments = match &parts.comments {
        Some(p) => count_comments(&read_part(&mut zip, p)?, p)?,
        None => 0,
    };
    let traced = std::mem::take(&mut body.traced);
    Ok(Layout {
        read: body.finish(comments),
        document: parts.document,
        xml,
        sources: traced.sources,
        drops: traced.drops,
        emptied: traced.emptied,
        heading_styles: styles.heading_styles(),
    })
}

// ---------------------------------------------------------------------------
// The archive and its parts

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Opens the archive, telling an OLE file and a file that is no zip at all
/// from a damaged zip.
fn open_zip(bytes: &[u8]) -> Result<Archive<'_>, DocxError> {
    check_size(bytes.len())?;
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(DocxError::Encrypted);
    }
    if !bytes.starts_with(b"PK") {
        return Err(DocxError::NotZip);
    }
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::BrokenZip {
        detail: e.to_string(),
    })
}

/// The names of the parts read, as the archive spells them.
struct Parts {
    document: String,
    styles: Option<String>,
    numbering: Option<String>,
    comments: Option<String>,
}

/// Finds the main document and the parts it refers to. Part names are
/// compared without regard to case, as the Open Packaging Conventions say.
fn find_parts(zip: &mut Archive) -> Result<Parts, DocxError> {
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let lookup = |want: &str| names.iter().find(|n| n.eq_ignore_ascii_case(want)).cloned();
    let main = match lookup("word/document.xml") {
        Some(m) => m,
        None => {
            let rels = match lookup("_rels/.rels") {
                Some(r) => relationships(&read_part(zip, &r)?, &r, "")?,
                None => HashMap::new(),
            };
            rels.get("officeDocument")
                .filter(|t| t.to_ascii_lowercase().starts_with("word/"))
                .and_then(|t| lookup(t))
                .ok_or_else(|| DocxError::NotDocx {
                    found: identify(zip, &names),
                })?
        }
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let rels = match lookup(&format!("{dir}_rels/{file}.rels")) {
        Some(r) => relationships(&read_part(zip, &r)?, &r, &dir)?,
        None => HashMap::new(),
    };
    let part = |kind: &str| {
        let by_rel = rels.get(kind).and_then(|t| lookup(t));
        by_rel.or_else(|| lookup(&format!("{dir}{kind}.xml")))
    };
    Ok(Parts {
        styles: part("styles"),
        numbering: part("numbering"),
        comments: part("comments"),
        document: main,
    })
}

/// Says what an archive without a Word document is, if it can tell.
fn identify(zip: &mut Archive, names: &[String]) -> Option<Found> {
    if names.is_empty() {
        return Some(Found::EmptyZip);
    }
    let has = |want: &str| names.iter().any(|n| n.eq_ignore_ascii_case(want));
    if has("mimetype") {
        let mime = read_part(zip, "mimetype").unwrap_or_default();
        let mime = mime.trim();
        return Some(match mime {
            "application/vnd.oasis.opendocument.text" => Found::Odt,
            "application/vnd.oasis.opendocument.spreadsheet" => Found::Ods,
            "application/vnd.oasis.opendocument.presentation" => Found::Odp,
            "application/epub+zip" => Found::Epub,
            m if m.starts_with("application/vnd.oasis.opendocument") => Found::OpenDocument,
            _ => return None,
        });
    }
    if has("xl/workbook.xml") {
        Some(Found::Xlsx)
    } else if has("ppt/presentation.xml") {
        Some(Found::Pptx)
    } else if has("[Content_Types].xml") {
        Some(Found::OtherOffice)
    } else {
        None
    }
}

/// Reads a relationships part into `last segment of Type → target`, the
/// target resolved against `dir` (the folder of the part it belongs to).
fn relationships(xml: &str, part: &str, dir: &str) -> Result<HashMap<String, String>, DocxError> {
    let mut out = HashMap::new();
    let mut x = Xml::new(xml, part);
    loop {
        match x.next()? {
            Item::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                if attr(&e, b"TargetMode").is_some_and(|m| m == "External") {
                    continue;
                }
                let (Some(kind), Some(target)) = (attr(&e, b"Type"), attr(&e, b"Target")) else {
                    continue;
                };
                let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                out.entry(kind)
                    .or_insert_with(|| resolve_target(dir, &target));
            }
            Item::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// `dir` + `target`, with `..` taken back and a leading `/` meaning the
/// archive's root: `("word/", "../customXml/item1.xml")` is
/// `customXml/item1.xml`.
fn resolve_target(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut segments: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// Reads one part as text, unpacking at most [`MAX_PART_BYTES`].
fn read_part(zip: &mut Archive, name: &str) -> Result<String, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::UnsupportedArchive(m)) if m == ZipError::PASSWORD_REQUIRED => {
            return Err(DocxError::Encrypted)
        }
        Err(e) => return Err(corrupt(name, e)),
    };
    let too_large = || DocxError::PartTooLarge {
        part: name.to_string(),
        max: MAX_PART_BYTES,
    };
    if file.size() > MAX_PART_BYTES {
        return Err(too_large());
    }
    let mut buf = Vec::with_capacity(file.size().min(1 << 24) as usize);
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| corrupt(name, e))?;
    if buf.len() as u64 > MAX_PART_BYTES {
        return Err(too_large());
    }
    decode(buf).map_err(|detail| corrupt(name, detail))
}

/// Decodes a part's bytes: UTF-8 (Word's choice), or UTF-16 with a byte
/// order mark, which XML also allows.
fn decode(buf: Vec<u8>) -> Result<String, &'static str> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units = bytes.chunks_exact(2).map(|c| from([c[0], c[1]]));
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| "not valid UTF-16")
    };
    match buf.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| "not valid UTF-8")
        }
        _ => String::from_utf8(buf).map_err(|_| "not valid UTF-8"),
    }
}

// ---------------------------------------------------------------------------
// XML

/// What [`Xml::next`] returns: an element's start (an empty element is a
/// start and an end), an end, a piece of text (an entity such as `&amp;` is
/// a piece of its own), or the end of the part.
enum Item<'a> {
    Start(BytesStart<'a>),
    End,
    Text(Cow<'a, str>),
    Eof,
}

/// A pull parser over one part that reports errors as [`DocxError::Corrupt`]
/// and checks that every element is closed.
struct Xml<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    /// Where the last item returned starts, in bytes.
    from: usize,
}

impl<'a> Xml<'a> {
    fn new(xml: &'a str, part: &'a str) -> Xml<'a> {
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        Xml {
            reader,
            part,
            depth: 0,
            from: 0,
        }
    }

    /// The bytes of the last item returned (an empty element's end is
    /// empty, at the element's end).
    fn span(&self) -> Range<usize> {
        self.from..self.reader.buffer_position() as usize
    }

    fn next(&mut self) -> Result<Item<'a>, DocxError> {
        loop {
            self.from = self.reader.buffer_position() as usize;
            let event = self.reader.read_event().map_err(|e| {
                let at = self.reader.error_position();
                corrupt(self.part, format_args!("{e} (at byte {at})"))
            })?;
            let text = |r: Result<Cow<'a, str>, _>| r.map_err(|e| corrupt(self.part, e));
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    Item::Start(e)
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Item::End
                }
                Event::Text(t) => Item::Text(text(t.xml10_content())?),
                Event::CData(t) => Item::Text(text(t.decode())?),
                Event::GeneralRef(r) => match entity(&r) {
                    Some(s) => Item::Text(s),
                    None => continue,
                },
                Event::Eof if self.depth > 0 => {
                    return Err(corrupt(
                        self.part,
                        "the XML ends inside an element (cut short?)",
                    ))
                }
                Event::Eof => Item::Eof,
                _ => continue,
            });
        }
    }
}

/// The text of a character reference (`&#8211;`) or a predefined entity
/// (`&amp;`); other entities (a .docx has no DTD to define them) are dropped.
fn entity<'a>(r: &quick_xml::events::BytesRef<'a>) -> Option<Cow<'a, str>> {
    if r.is_char_ref() {
        return r
            .resolve_char_ref()
            .ok()
            .flatten()
            .map(|c| c.to_string().into());
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name).map(Cow::Borrowed)
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)?;
    Some(
        match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        },
    )
}

/// A toggle property (`<w:vanish/>`, `<w:pageBreakBefore w:val="0"/>`).
fn on(e: &BytesStart) -> bool {
    attr(e, b"val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

/// A small number attribute (`w:val`), such as a level or an id.
fn number<T: std::str::FromStr>(e: &BytesStart, name: &[u8]) -> Option<T> {
    attr(e, name)?.trim().parse().ok()
}

fn local<'e>(e: &'e BytesStart) -> &'e [u8] {
    e.local_name().into_inner()
}

/// Counts the comments of a comments part.
fn count_comments(xml: &str, part: &str) -> Result<usize, DocxError> {
    let mut x = Xml::new(xml, part);
    let mut n = 0;
    loop {
        match x.next()? {
            Item::Start(e) if x.depth == 2 && local(&e) == b"comment" => n += 1,
            Item::Eof => return Ok(n),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// Styles

/// One style of `word/styles.xml`, with what makes a paragraph a heading
/// or numbered.
#[derive(Debug, Default)]
struct Style {
    /// A paragraph style (`w:type="paragraph"`, the default).
    paragraph: bool,
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    page_break_before: Option<bool>,
    /// Bold and italic in the style's run properties.
    bold: Option<bool>,
    italic: Option<bool>,
}

/// The styles by id, and the paragraph style used where none is named.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_para: Option<String>,
}

impl Styles {
    fn parse(xml: &str, part: &str) -> Result<Styles, DocxError> {
        let mut styles = Styles::default();
        let mut x = Xml::new(xml, part);
        let mut path: Vec<Vec<u8>> = Vec::new();
        let mut current: Option<(String, Style)> = None;
        loop {
            match x.next()? {
                Item::Start(e) => {
                    let name = local(&e).to_vec();
                    if path.len() == 1 && name == b"style" {
                        let id = attr(&e, b"styleId").unwrap_or_default();
                        let para = attr(&e, b"type").is_none_or(|t| t == "paragraph");
                        if para && attr(&e, b"default").is_some_and(|d| d == "1" || d == "true") {
                            styles.default_para = Some(id.clone());
                        }
                        let style = Style {
                            paragraph: para,
                            ..Style::default()
                        };
                        current = Some((id, style));
                    } else if let Some((_, style)) = &mut current {
                        style_property(style, &path[2..], &name, &e);
                    }
                    path.push(name);
                }
                Item::End => {
                    if path.pop().is_some_and(|n| n == b"style") && path.len() == 1 {
                        if let Some((id, style)) = current.take() {
                            styles.by_id.entry(id).or_insert(style);
                        }
                    }
                }
                Item::Text(_) => {}
                Item::Eof => return Ok(styles),
            }
        }
    }

    /// The style and the styles it is based on, nearest first (a cycle or
    /// a chain of more than 32 is cut).
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut next = id.or(self.default_para.as_deref());
        while let Some(s) = next.and_then(|id| self.by_id.get(id)) {
            if out.len() >= 32 || out.iter().any(|o| std::ptr::eq(*o, s)) {
                break;
            }
            out.push(s);
            next = s.based_on.as_deref();
        }
        out
    }

    /// The heading level of a paragraph with style `id` and its own outline
    /// level, if it is a heading.
    fn heading_level(&self, id: Option<&str>, outline: Option<u8>) -> Option<u8> {
        if let Some(o) = outline {
            return outline_level(o);
        }
        let chain = self.chain(id);
        if chain.is_empty() {
            // a style that styles.xml lacks: its id may still say "Heading1"
            return id.and_then(level_from_name);
        }
        for s in chain {
            if let Some(l) = level_from_name(&s.name) {
                return Some(l);
            }
            if let Some(o) = s.outline {
                return outline_level(o);
            }
        }
        None
    }

    /// The paragraph style of each heading level its name gives ("heading
    /// 2" is level 3), the one with the smallest id where several do, and
    /// whether the style numbers its paragraphs.
    fn heading_styles(&self) -> HashMap<u8, (String, bool)> {
        let mut out: HashMap<u8, (String, bool)> = HashMap::new();
        let mut ids: Vec<&String> = self.by_id.keys().collect();
        ids.sort();
        for id in ids {
            let style = &self.by_id[id];
            let Some(level) = level_from_name(&style.name).filter(|_| style.paragraph) else {
                continue;
            };
            let chain = self.chain(Some(id));
            let numbered = chain.iter().find_map(|s| s.num_id).is_some_and(|n| n != 0);
            out.entry(level).or_insert_with(|| (id.clone(), numbered));
        }
        out
    }

    /// Bold and italic as style `id` (and those it is based on) sets them.
    fn emphasis(&self, id: Option<&str>) -> (Option<bool>, Option<bool>) {
        let chain = self.chain(id);
        (
            chain.iter().find_map(|s| s.bold),
            chain.iter().find_map(|s| s.italic),
        )
    }

    /// Whether a style name says the paragraph is a line of a table of
    /// contents ("toc 1", "TOC Heading"; LibreOffice's "Contents 1").
    fn is_toc(&self, id: Option<&str>) -> bool {
        let name = match self.chain(id).first() {
            Some(s) => squeeze(&s.name),
            None => squeeze(id.unwrap_or_default()),
        };
        let rest = name
            .strip_prefix("toc")
            .or_else(|| name.strip_prefix("contents"));
        rest.is_some_and(|r| {
            r == "heading" || (!r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
        })
    }
}

/// Records one property of a style, `path` being the elements between the
/// `w:style` and the property's element `name`.
fn style_property(style: &mut Style, path: &[Vec<u8>], name: &[u8], e: &BytesStart) {
    let path: Vec<&[u8]> = path.iter().map(Vec::as_slice).collect();
    match (path.as_slice(), name) {
        ([], b"name") => style.name = attr(e, b"val").unwrap_or_default(),
        ([], b"basedOn") => style.based_on = attr(e, b"val"),
        ([b"pPr"], b"outlineLvl") => style.outline = number(e, b"val"),
        ([b"pPr"], b"pageBreakBefore") => style.page_break_before = Some(on(e)),
        ([b"pPr", b"numPr"], b"numId") => style.num_id = number(e, b"val"),
        ([b"pPr", b"numPr"], b"ilvl") => style.ilvl = number(e, b"val"),
        ([b"rPr"], b"b") => style.bold = Some(on(e)),
        ([b"rPr"], b"i") => style.italic = Some(on(e)),
        _ => {}
    }
}

/// Lower case, without white space: "Heading 1" → "heading1".
fn squeeze(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The level an outline level (0 to 8; 9 is body text) gives.
fn outline_level(outline: u8) -> Option<u8> {
    (outline < 9).then(|| (outline + 2).min(6))
}

/// The level a style's name gives: "Title" or Swedish "Rubrik" 1, "heading
/// N" or "Rubrik N" N + 1.
fn level_from_name(name: &str) -> Option<u8> {
    let n = squeeze(name);
    if n == "title" || n == "rubrik" {
        return Some(1);
    }
    let digits = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("rubrik"))?;
    let d: u8 = digits.parse().ok().filter(|d| (1..=9).contains(d))?;
    Some((d + 1).min(6))
}

// ---------------------------------------------------------------------------
// Numbering

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<i64>,
    /// `decimal`, `lowerLetter`, `bullet`, …
    format: String,
    /// `%1.`, `%1.%2.`, `•`
    text: Option<String>,
    /// `w:lvlRestart`: restart after a use of this level (1-based) or
    /// shallower; 0 never.
    restart: Option<u8>,
    /// `w:isLgl`: every number of the text in decimal.
    legal: bool,
}

/// A list definition (`w:abstractNum`).
#[derive(Debug, Default)]
struct Abstract {
    levels: HashMap<u8, Level>,
    /// `w:numStyleLink`: the definition is the numbering of this style's.
    style_link: Option<String>,
}

/// A list instance (`w:num`): a definition, with levels started at other
/// numbers or replaced.
#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    starts: HashMap<u8, i64>,
    levels: HashMap<u8, Level>,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<u32, Num>,
}

/// How a numbered paragraph is marked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    Bullet,
    Number(String),
}

impl Numbering {
    fn parse(xml: &str, part: &str) -> Result<Numbering, DocxError> {
        let mut r = NumberingReader::default();
        let mut x = Xml::new(xml, part);
        loop {
            match x.next()? {
                Item::Start(e) => {
                    let name = local(&e).to_vec();
                    r.start(&name, &e);
                    r.path.push(name);
                }
                Item::End => {
                    let name = r.path.pop().unwrap_or_default();
                    r.end(&name);
                }
                Item::Text(_) => {}
                Item::Eof => return Ok(r.numbering),
            }
        }
    }
}

/// The state of reading `word/numbering.xml`: the definition or instance
/// being read, and the level within it.
#[derive(Default)]
struct NumberingReader {
    numbering: Numbering,
    path: Vec<Vec<u8>>,
    abs: Option<(String, Abstract)>,
    num: Option<(u32, Num)>,
    level: Option<(u8, Level)>,
    override_level: Option<u8>,
}

impl NumberingReader {
    /// An element starts, `self.path` holding its ancestors.
    fn start(&mut self, name: &[u8], e: &BytesStart) {
        match (self.path.len(), name) {
            (1, b"abstractNum") => {
                let id = attr(e, b"abstractNumId").unwrap_or_default();
                self.abs = Some((id, Abstract::default()));
            }
            (1, b"num") => self.num = number(e, b"numId").map(|id| (id, Num::default())),
            (2, b"numStyleLink") => {
                if let Some((_, a)) = &mut self.abs {
                    a.style_link = attr(e, b"val");
                }
            }
            (2, b"abstractNumId") => {
                if let Some((_, m)) = &mut self.num {
                    m.abstract_id = attr(e, b"val").unwrap_or_default();
                }
            }
            (2, b"lvlOverride") => self.override_level = number(e, b"ilvl").filter(|l| *l < 9),
            (3, b"startOverride") => {
                let value = number::<i64>(e, b"val");
                if let (Some((_, m)), Some(l), Some(v)) =
                    (&mut self.num, self.override_level, value)
                {
                    m.starts.insert(l, v.clamp(0, 1 << 31));
                }
            }
            (2 | 3, b"lvl") => {
                let ilvl = number(e, b"ilvl").filter(|l| *l < 9);
                self.level = ilvl.map(|l| (l, Level::default()));
            }
            (_, property) => {
                if let Some((_, l)) = &mut self.level {
                    level_property(l, property, e);
                }
            }
        }
    }

    /// An element ends, `self.path` holding its ancestors.
    fn end(&mut self, name: &[u8]) {
        let n = &mut self.numbering;
        match (self.path.len(), name) {
            (1, b"abstractNum") => {
                if let Some((id, a)) = self.abs.take() {
                    n.abstracts.entry(id).or_insert(a);
                }
            }
            (1, b"num") => {
                if let Some((id, m)) = self.num.take() {
                    n.nums.entry(id).or_insert(m);
                }
            }
            (depth @ (2 | 3), b"lvl") => {
                let Some((ilvl, l)) = self.level.take() else {
                    return;
                };
                match (depth, &mut self.abs, &mut self.num) {
                    (2, Some((_, a)), _) => {
                        a.levels.entry(ilvl).or_insert(l);
                    }
                    (3, _, Some((_, m))) => {
                        m.levels.insert(ilvl, l);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Records one property of a list level.
fn level_property(level: &mut Level, name: &[u8], e: &BytesStart) {
    match name {
        b"start" => level.start = number::<i64>(e, b"val").map(|v| v.clamp(0, 1 << 31)),
        b"numFmt" => level.format = attr(e, b"val").unwrap_or_default(),
        b"lvlText" => level.text = attr(e, b"val"),
        b"lvlRestart" => level.restart = number(e, b"val"),
        b"isLgl" => level.legal = on(e),
        _ => {}
    }
}

/// Where each list stands: the last number given at each level, by list.
/// Lists that share a definition share a count, as in Word, unless an
/// instance starts a level at a number of its own.
#[derive(Debug, Default)]
struct Counters {
    by_list: HashMap<String, [Option<i64>; 9]>,
}

/// A list instance resolved to its definition.
struct List<'n> {
    num: &'n Num,
    abstract_id: &'n str,
    def: &'n Abstract,
}

impl List<'_> {
    fn level(&self, ilvl: u8) -> Option<&Level> {
        self.num
            .levels
            .get(&ilvl)
            .or_else(|| self.def.levels.get(&ilvl))
    }

    fn start(&self, ilvl: u8) -> i64 {
        let level_start = || self.level(ilvl).and_then(|l| l.start);
        self.num
            .starts
            .get(&ilvl)
            .copied()
            .or_else(level_start)
            .unwrap_or(0)
    }

    /// The key of the count this instance advances.
    fn counter_key(&self, num_id: u32) -> String {
        if self.num.starts.is_empty() && self.num.levels.is_empty() {
            format!("a{}", self.abstract_id)
        } else {
            format!("n{num_id}")
        }
    }
}

impl Numbering {
    /// Finds the definition of list `num_id`, following a `w:numStyleLink`
    /// to the numbering style that holds it.
    fn list(&self, num_id: u32, styles: &Styles) -> Option<List<'_>> {
        let num = self.nums.get(&num_id)?;
        let mut abstract_id = num.abstract_id.as_str();
        for _ in 0..4 {
            let (key, def) = self.abstracts.get_key_value(abstract_id)?;
            let Some(link) = &def.style_link else {
                return Some(List {
                    num,
                    abstract_id: key,
                    def,
                });
            };
            let linked = styles.chain(Some(link)).iter().find_map(|s| s.num_id)?;
            abstract_id = self.nums.get(&linked)?.abstract_id.as_str();
        }
        None
    }

    /// Advances list `num_id` at level `ilvl` and gives the paragraph's
    /// marker as Word shows it, or `None` if the level shows none.
    fn next(
        &self,
        styles: &Styles,
        counters: &mut Counters,
        num_id: u32,
        ilvl: u8,
    ) -> Option<Marker> {
        let list = self.list(num_id, styles)?;
        let level = list.level(ilvl)?;
        let counts = counters
            .by_list
            .entry(list.counter_key(num_id))
            .or_default();
        let i = usize::from(ilvl);
        counts[i] = Some(counts[i].map_or(list.start(ilvl), |c| c.saturating_add(1)));
        for (k, count) in counts.iter_mut().enumerate().skip(i + 1) {
            let restart = list.level(k as u8).and_then(|l| l.restart);
            if restart.is_none_or(|r| usize::from(r) > i) {
                *count = None;
            }
        }
        if level.format == "bullet" {
            return Some(Marker::Bullet);
        }
        let shown = expand_level_text(level.text.as_deref()?, |k| {
            let value = counts[usize::from(k)].unwrap_or_else(|| list.start(k));
            let format = match list.level(k) {
                _ if level.legal => "decimal",
                Some(l) => l.format.as_str(),
                None => "decimal",
            };
            format_number(value, format)
        });
        let shown = shown.trim();
        if shown.is_empty() {
            None
        } else if !shown.chars().any(char::is_alphanumeric) {
            Some(Marker::Bullet) // a symbol as the level's text: "•", "–", ""
        } else {
            Some(Marker::Number(shown.to_string()))
        }
    }
}

/// Replaces each `%N` of a level's text by the number of level N
/// (1-based), as `number(N - 1)` writes it.
fn expand_level_text(text: &str, mut number: impl FnMut(u8) -> String) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = chars
            .peek()
            .and_then(|d| d.to_digit(10))
            .filter(|d| (1..=9).contains(d));
        match digit {
            Some(d) if c == '%' => {
                chars.next();
                out.push_str(&number(d as u8 - 1));
            }
            _ => out.push(c),
        }
    }
    out
}

/// A number in a level's format: 4 is `4`, `d`, `D`, `iv`, `IV`, `04`.
/// Formats not listed are written in decimal.
fn format_number(value: i64, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" => format!("{value:02}"),
        "lowerLetter" => letters(value, b'a'),
        "upperLetter" => letters(value, b'A'),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperRoman" => roman(value),
        "decimalEnclosedParen" => format!("({value})"),
        _ => value.to_string(),
    }
}

/// Word's letters: a … z, then aa … zz, then aaa …
fn letters(value: i64, a: u8) -> String {
    if !(1..=26 * 20).contains(&value) {
        return value.to_string();
    }
    let letter = (a + ((value - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((value - 1) / 26 + 1) as usize).collect()
}

/// Roman numerals, 1 to 3999; other numbers in decimal.
fn roman(mut value: i64) -> String {
    if !(1..4000).contains(&value) {
        return value.to_string();
    }
    const DIGITS: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in DIGITS {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Sections

/// Elements whose content is never read, in the body or in the pre-pass
/// over sections: deleted text, old properties of a tracked formatting
/// change, the fallback copy of alternate content, field instructions,
/// drawings and text boxes.
fn never_read(name: &[u8]) -> bool {
    matches!(
        name,
        b"del"
            | b"moveFrom"
            | b"delText"
            | b"delInstrText"
            | b"instrText"
            | b"pPrChange"
            | b"rPrChange"
            | b"sectPrChange"
            | b"tblPrChange"
            | b"trPrChange"
            | b"tcPrChange"
            | b"tblGridChange"
            | b"numberingChange"
            | b"Fallback"
            | b"drawing"
            | b"pict"
            | b"object"
            | b"txbxContent"
    )
}

/// Whether each section of the document starts on a new page, in order. A
/// section's `w:type` says how it starts after the one before it (next page
/// unless it says `continuous`); a paragraph's `w:sectPr` ends a section,
/// so the page breaks after it if the *next* section starts a new page.
fn section_starts(xml: &str, part: &str) -> Result<Vec<bool>, DocxError> {
    let mut x = Xml::new(xml, part);
    let mut starts = Vec::new();
    let (mut skip, mut in_section) = (0usize, None::<usize>);
    loop {
        match x.next()? {
            Item::Start(_) if skip > 0 => skip += 1,
            Item::Start(e) if never_read(local(&e)) => skip = 1,
            Item::Start(e) if local(&e) == b"sectPr" => {
                starts.push(true);
                in_section = Some(x.depth);
            }
            Item::Start(e) if in_section == Some(x.depth - 1) && local(&e) == b"type" => {
                if let Some(last) = starts.last_mut() {
                    *last = attr(&e, b"val").is_none_or(|v| v != "continuous");
                }
            }
            Item::End if skip > 0 => skip -= 1,
            Item::End if in_section.is_some_and(|d| d > x.depth) => in_section = None,
            Item::Eof => return Ok(starts),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// The body

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    page_break_before: Option<bool>,
    /// A page break before any text (a `w:br w:type="page"` or a rendered
    /// break at the paragraph's start).
    break_before: bool,
    /// A page break after some text, or a section break that starts a new
    /// page: the next block starts a new page.
    break_after: bool,
    /// The paragraph mark is a tracked deletion: accepted, the paragraph
    /// runs on into the next.
    mark_deleted: bool,
    text: String,
    /// The paragraph's bytes in the part (from its first paragraph's start
    /// when a deleted mark joined paragraphs).
    start: usize,
    end: usize,
    /// Word's tracked changes or comment anchors in it.
    interpreted: bool,
    /// Bytes of `text` and the bold and italic their run sets (by its own
    /// properties or its character style), if it does.
    ems: Vec<(Range<usize>, Option<bool>, Option<bool>)>,
}

/// The outermost table being read; nested tables are read into its cells.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    row_deleted: bool,
    cell: String,
    /// Columns the cell spans (`w:gridSpan`).
    span: usize,
    break_after: bool,
    /// The bytes of the table and of the row being read.
    start: usize,
    row_start: usize,
    /// The row has tracked changes or comment anchors.
    row_interpreted: bool,
    /// The paragraphs of the cell being read, then each cell's (`None` for
    /// a column spanned).
    cell_paras: Vec<Range<usize>>,
    row_cells: Cells,
    /// Each row kept: its bytes, cells and whether it was interpreted.
    row_sources: Vec<(Range<usize>, Cells, bool)>,
}

/// A row's cells: each cell's paragraphs, `None` for a column spanned.
type Cells = Vec<Option<Vec<Range<usize>>>>;

/// Where the blocks came from (see [`Layout`]).
#[derive(Debug, Default)]
struct Traced {
    sources: Vec<Source>,
    drops: Vec<Range<usize>>,
    emptied: Vec<Range<usize>>,
}

/// The element a start opened, as far as reading the body cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    NumPr,
    /// The paragraph mark's run properties (`w:pPr/w:rPr`).
    MarkRPr,
    R,
    RPr,
    T,
    Tbl,
    Tr,
    TrPr,
    Tc,
    TcPr,
    /// A content control (`w:sdt`); true when it shows placeholder text.
    Sdt(bool),
    SdtPr,
    Other,
}

/// What the body had that is not plan text, or was changed, counted.
#[derive(Debug, Default)]
struct Tally {
    insertions: usize,
    deletions: usize,
    footnotes: usize,
    endnotes: usize,
    comment_marks: usize,
    text_boxes: usize,
    hidden_runs: usize,
    toc_lines: usize,
}

/// Reads `word/document.xml` into the structured form.
struct Body<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
    counters: Counters,
    /// Whether each section starts on a new page (see [`section_starts`]),
    /// and how many section ends have been passed.
    sections: Vec<bool>,
    sections_passed: usize,
    stack: Vec<Tag>,
    /// While > 0, inside an element that is not read: its depth.
    skip: usize,
    /// Whether the element skipped is a drawing, whose text boxes are
    /// counted (the fallback copy of one is not).
    skip_counts_boxes: bool,
    para: Option<Para>,
    /// A paragraph whose mark was deleted, waiting to run on.
    carry: Option<Para>,
    table: Option<Table>,
    table_depth: usize,
    run_hidden: bool,
    /// Bold and italic as the run being read sets them: by its own
    /// properties, and by its character style.
    run_em: (Option<bool>, Option<bool>),
    run_style_em: (Option<bool>, Option<bool>),
    /// The emphasis found, over byte ranges of the text written.
    marks: Vec<Mark>,
    out: Output,
    tally: Tally,
    /// The bytes of the item being read.
    at: Range<usize>,
    traced: Traced,
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles, numbering: &'s Numbering, sections: Vec<bool>) -> Body<'s> {
        Body {
            styles,
            numbering,
            counters: Counters::default(),
            sections,
            sections_passed: 0,
            stack: Vec::new(),
            skip: 0,
            skip_counts_boxes: false,
            para: None,
            carry: None,
            table: None,
            table_depth: 0,
            run_hidden: false,
            run_em: (None, None),
            run_style_em: (None, None),
            marks: Vec::new(),
            out: Output::default(),
            tally: Tally::default(),
            at: 0..0,
            traced: Traced::default(),
        }
    }

    fn walk(&mut self, xml: &str, part: &str) -> Result<(), DocxError> {
        let mut x = Xml::new(xml, part);
        loop {
            match x.next()? {
                Item::Start(e) => {
                    self.at = x.span();
                    self.start(&e);
                }
                Item::End => {
                    self.at = x.span();
                    self.end();
                }
                Item::Text(t) => self.text(&t),
                Item::Eof => return Ok(()),
            }
        }
    }

    /// An element starts: note what it is, and act on the empty elements
    /// that stand for text (`w:tab`, `w:br`) or properties.
    fn start(&mut self, e: &BytesStart) {
        let name = local(e);
        if self.skip > 0 {
            self.skip += 1;
            if self.skip_counts_boxes && name == b"txbxContent" {
                self.tally.text_boxes += 1;
            }
            return;
        }
        let parent = self.stack.last().copied().unwrap_or(Tag::Other);
        let tag = match (parent, name) {
            (Tag::MarkRPr, b"del" | b"moveFrom") => self.mark_deleted(),
            (Tag::TrPr, b"del") => self.row_deleted(),
            (_, b"del" | b"moveFrom") => {
                self.tally.deletions += 1;
                self.interpret();
                return self.skip_element();
            }
            (Tag::MarkRPr, b"ins" | b"moveTo") => {
                self.interpret();
                Tag::Other
            }
            (Tag::MarkRPr, _) => Tag::Other,
            (_, b"ins" | b"moveTo") => {
                self.tally.insertions += 1;
                self.interpret();
                Tag::Other
            }
            (_, b"drawing" | b"pict") => {
                self.skip_element();
                self.skip_counts_boxes = true;
                return;
            }
            (_, b"txbxContent") => {
                self.tally.text_boxes += 1;
                return self.skip_element();
            }
            (_, n) if never_read(n) => {
                if n.ends_with(b"Change") {
                    self.interpret(); // Word's tracked formatting
                }
                return self.skip_element();
            }
            _ => match self.structure(parent, name, e) {
                Some(tag) => tag,
                None => return self.skip_element(),
            },
        };
        self.stack.push(tag);
    }

    /// The tag of a start that is not a tracked change, or `None` to skip
    /// the element.
    fn structure(&mut self, parent: Tag, name: &[u8], e: &BytesStart) -> Option<Tag> {
        Some(match (parent, name) {
            (_, b"p") if self.para.is_none() => {
                self.para = Some(Para {
                    start: self.at.start,
                    ..Para::default()
                });
                Tag::P
            }
            (Tag::P, b"pPr") => Tag::PPr,
            (Tag::PPr, _) => return self.paragraph_property(name, e),
            (Tag::NumPr, b"numId") => self.with_para(|p| p.num_id = number(e, b"val")),
            (Tag::NumPr, b"ilvl") => {
                self.with_para(|p| p.ilvl = number(e, b"val").filter(|l| *l < 9))
            }
            (_, b"sectPr" | b"sdtEndPr" | b"rt" | b"sym") => return None,
            (_, b"r") => {
                self.run_hidden = false;
                self.run_em = (None, None);
                self.run_style_em = (None, None);
                Tag::R
            }
            (Tag::R, b"rPr") => Tag::RPr,
            (Tag::RPr, b"b") => {
                self.run_em.0 = Some(on(e));
                Tag::Other
            }
            (Tag::RPr, b"i") => {
                self.run_em.1 = Some(on(e));
                Tag::Other
            }
            (Tag::RPr, b"rStyle") => {
                if let Some(id) = attr(e, b"val") {
                    self.run_style_em = self.styles.emphasis(Some(&id));
                }
                Tag::Other
            }
            (Tag::RPr, b"vanish") if on(e) => {
                self.run_hidden = true;
                self.tally.hidden_runs += 1;
                Tag::Other
            }
            (Tag::RPr, _) => return None,
            (_, b"lastRenderedPageBreak") => self.page_break(),
            (_, b"footnoteReference") => Self::tally(&mut self.tally.footnotes),
            (_, b"endnoteReference") => Self::tally(&mut self.tally.endnotes),
            (_, b"commentReference") => {
                self.comment_anchor();
                Self::tally(&mut self.tally.comment_marks)
            }
            (_, b"commentRangeStart" | b"commentRangeEnd") => {
                self.comment_anchor();
                Tag::Other
            }
            (Tag::R, b"t") => Tag::T,
            (Tag::R, _) => self.run_content(name, e),
            (
                _,
                b"tbl" | b"tr" | b"tc" | b"trPr" | b"tcPr" | b"gridSpan" | b"tblPr" | b"tblGrid",
            ) => return self.table_structure(parent, name, e),
            (_, b"sdt") => Tag::Sdt(false),
            (Tag::Sdt(_), b"sdtPr") => Tag::SdtPr,
            (Tag::SdtPr, b"showingPlcHdr") => {
                if let Some(Tag::Sdt(placeholder)) = self.stack.iter_mut().rev().nth(1) {
                    *placeholder = true;
                }
                Tag::Other
            }
            (Tag::SdtPr, _) => return None,
            (Tag::Sdt(true), b"sdtContent") => return None,
            _ => Tag::Other,
        })
    }

    /// Word's tracked changes or a comment anchor: the paragraph, and the
    /// table row it is in, are read as they would be once accepted.
    fn interpret(&mut self) {
        if let Some(p) = &mut self.para {
            p.interpreted = true;
        }
        if let Some(t) = self.table.as_mut().filter(|_| self.table_depth > 0) {
            t.row_interpreted = true;
        }
    }

    /// A comment anchor: in a paragraph, the paragraph is interpreted;
    /// outside one, it is dropped when the package is written back.
    fn comment_anchor(&mut self) {
        if self.para.is_some() {
            self.interpret();
        } else {
            self.traced.drops.push(self.at.clone());
        }
    }

    fn tally(n: &mut usize) -> Tag {
        *n += 1;
        Tag::Other
    }

    fn skip_element(&mut self) {
        self.skip = 1;
        self.skip_counts_boxes = false;
    }

    fn with_para(&mut self, f: impl FnOnce(&mut Para)) -> Tag {
        if let Some(p) = &mut self.para {
            f(p);
        }
        Tag::Other
    }

    /// A child of the paragraph's properties (`w:pPr`).
    fn paragraph_property(&mut self, name: &[u8], e: &BytesStart) -> Option<Tag> {
        Some(match name {
            b"pStyle" => self.with_para(|p| p.style = attr(e, b"val")),
            b"numPr" => Tag::NumPr,
            b"outlineLvl" => self.with_para(|p| p.outline = number(e, b"val")),
            b"pageBreakBefore" => self.with_para(|p| p.page_break_before = Some(on(e))),
            b"rPr" => Tag::MarkRPr,
            b"sectPr" => {
                self.sections_passed += 1;
                let next_starts_page = self.sections.get(self.sections_passed).copied();
                if self.table_depth == 0 && next_starts_page.unwrap_or(false) {
                    self.with_para(|p| p.break_after = true);
                }
                return None;
            }
            _ => return None,
        })
    }

    /// A child of a run other than its text and properties.
    fn run_content(&mut self, name: &[u8], e: &BytesStart) -> Tag {
        match name {
            b"tab" | b"ptab" | b"cr" => self.push_text(" "),
            b"br" if attr(e, b"type").is_some_and(|t| t == "page") => {
                // the words on either side are on different pages
                self.page_break();
                self.push_text(" ");
            }
            b"br" => self.push_text(" "),
            b"noBreakHyphen" => self.push_text("-"),
            _ => {}
        }
        Tag::Other
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = &mut self.para {
            p.text.push_str(text);
        }
    }

    /// A page break in the current paragraph: before the block if no text
    /// came before it, else after it. In a table: after the table.
    fn page_break(&mut self) -> Tag {
        if let Some(t) = self.table.as_mut().filter(|_| self.table_depth > 0) {
            t.break_after = true;
        } else if let Some(p) = &mut self.para {
            if p.text.trim().is_empty() {
                p.break_before = true;
            } else {
                p.break_after = true;
            }
        }
        Tag::Other
    }

    fn mark_deleted(&mut self) -> Tag {
        if self.table_depth == 0 {
            self.tally.deletions += 1;
            self.with_para(|p| p.mark_deleted = true);
        }
        Tag::Other
    }

    fn row_deleted(&mut self) -> Tag {
        self.tally.deletions += 1;
        if let Some(t) = self.table.as_mut().filter(|_| self.table_depth == 1) {
            t.row_deleted = true;
        }
        Tag::Other
    }

    /// Table elements: only the outermost table's rows and cells are
    /// structure; a nested table's text goes into the outer cell.
    fn table_structure(&mut self, parent: Tag, name: &[u8], e: &BytesStart) -> Option<Tag> {
        let outer = self.table_depth == 1;
        Some(match (parent, name) {
            (_, b"tbl") => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table = Some(Table {
                        start: self.at.start,
                        ..Table::default()
                    });
                }
                Tag::Tbl
            }
            (_, b"tr") if outer => {
                if let Some(t) = &mut self.table {
                    t.row_start = self.at.start;
                }
                Tag::Tr
            }
            (_, b"tc") if outer => Tag::Tc,
            (Tag::Tr, b"trPr") => Tag::TrPr,
            (Tag::Tc, b"tcPr") => Tag::TcPr,
            (Tag::TcPr, b"gridSpan") => {
                if let Some(t) = &mut self.table {
                    t.span = number(e, b"val").unwrap_or(1);
                }
                Tag::Other
            }
            (_, b"tblPr" | b"tblGrid") => return None,
            _ => Tag::Other,
        })
    }

    fn text(&mut self, text: &str) {
        if self.skip == 0 && self.stack.last() == Some(&Tag::T) && !self.run_hidden {
            let bold = self.run_em.0.or(self.run_style_em.0);
            let italic = self.run_em.1.or(self.run_style_em.1);
            if let Some(p) = &mut self.para {
                if bold.is_some() || italic.is_some() {
                    let at = p.text.len();
                    p.ems.push((at..at + text.len(), bold, italic));
                }
            }
            self.push_text(text);
        }
    }

    /// An element ends.
    fn end(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match self.stack.pop() {
            Some(Tag::P) => {
                if let Some(p) = &mut self.para {
                    p.end = self.at.end;
                }
                self.close_para();
            }
            Some(Tag::R) => self.run_hidden = false,
            Some(Tag::Tc) => self.close_cell(),
            Some(Tag::Tr) => self.close_row(),
            Some(Tag::Tbl) => self.close_table(),
            _ => {}
        }
    }

    /// A paragraph ends: write it as a heading, list item or paragraph, or
    /// into the table cell it is in.
    fn close_para(&mut self) {
        let Some(mut p) = self.para.take() else {
            return;
        };
        if let Some(mut before) = self.carry.take() {
            let n = before.text.len();
            for e in &mut p.ems {
                e.0 = e.0.start + n..e.0.end + n;
            }
            before.ems.append(&mut p.ems);
            p.ems = before.ems;
            p.text.insert_str(0, &before.text);
            p.break_before |= before.break_before;
            p.start = before.start;
            p.interpreted = true;
        }
        if p.mark_deleted {
            self.carry = Some(p);
            return;
        }
        if self.styles.is_toc(p.style.as_deref()) {
            self.tally.toc_lines += 1;
            return;
        }
        let text = clean(&p.text);
        let marker = self.marker(&p);
        if self.table_depth > 0 {
            if let Some(t) = self.table.as_mut().filter(|_| self.table_depth == 1) {
                t.cell_paras.push(p.start..p.end);
                t.row_interpreted |= p.interpreted;
            }
            return self.cell_paragraph(marker, &text);
        }
        let style_break = || {
            self.styles
                .chain(p.style.as_deref())
                .iter()
                .find_map(|s| s.page_break_before)
        };
        if p.break_before || p.page_break_before.or_else(style_break).unwrap_or(false) {
            self.out.page_break();
        }
        if !text.is_empty() {
            let level = self.styles.heading_level(p.style.as_deref(), p.outline);
            let number = match (&marker, level) {
                (Some((Marker::Number(n), _)), Some(_)) => Some(n.clone()),
                _ => None,
            };
            let (kind, line) = block_line(level, marker, &text);
            self.out.push(kind, &line);
            // a heading's style makes it bold, which is not emphasis
            let style = match level {
                Some(_) => (None, None),
                None => self.styles.emphasis(p.style.as_deref()),
            };
            let marks = run_marks(&p, style);
            if !marks.is_empty() {
                let at = self.out.text.len() - text.len();
                let marks = emphasis::carry(&p.text, &marks, &text);
                self.marks.extend(emphasis::shifted(&marks, at));
            }
            self.traced.sources.push(Source {
                line,
                span: p.start..p.end,
                number,
                interpreted: p.interpreted,
                cells: Vec::new(),
                table: None,
            });
        } else if p.interpreted {
            self.traced.emptied.push(p.start..p.end);
        }
        if p.break_after {
            self.out.page_break();
        }
    }

    /// The paragraph's list marker, advancing its list: from its own
    /// numbering (`w:numPr`) or its style's; list 0 means "not numbered".
    fn marker(&mut self, p: &Para) -> Option<(Marker, u8)> {
        let styles = self.styles;
        let chain = styles.chain(p.style.as_deref());
        let from_style = chain.iter().find_map(|s| s.num_id);
        let num_id = p.num_id.or(from_style)?;
        if num_id == 0 {
            return None;
        }
        let ilvl = p
            .ilvl
            .or_else(|| chain.iter().find_map(|s| s.ilvl))
            .unwrap_or(0);
        let marker = self
            .numbering
            .next(styles, &mut self.counters, num_id, ilvl)?;
        Some((marker, ilvl))
    }

    /// A paragraph in a table cell: its text, after its number if it has
    /// one, joins the cell's text.
    fn cell_paragraph(&mut self, marker: Option<(Marker, u8)>, text: &str) {
        let Some(t) = &mut self.table else { return };
        if text.is_empty() {
            return;
        }
        if !t.cell.is_empty() {
            t.cell.push(' ');
        }
        if let Some((Marker::Number(n), _)) = marker {
            t.cell.push_str(&n);
            t.cell.push(' ');
        }
        t.cell.push_str(text);
    }

    fn close_cell(&mut self) {
        if let Some(t) = &mut self.table {
            t.row.push(std::mem::take(&mut t.cell));
            t.row_cells.push(Some(std::mem::take(&mut t.cell_paras)));
            // a cell spanning columns: empty cells keep the columns in line
            for _ in 1..t.span.clamp(1, 64) {
                t.row.push(String::new());
                t.row_cells.push(None);
            }
            t.span = 1;
        }
    }

    fn close_row(&mut self) {
        if let Some(t) = &mut self.table {
            let row = std::mem::take(&mut t.row);
            let cells = std::mem::take(&mut t.row_cells);
            let interpreted = std::mem::take(&mut t.row_interpreted);
            let span = t.row_start..self.at.end;
            if std::mem::take(&mut t.row_deleted) {
                self.traced.drops.push(span);
            } else {
                t.rows.push(row);
                t.row_sources.push((span, cells, interpreted));
            }
        }
    }

    fn close_table(&mut self) {
        self.table_depth = self.table_depth.saturating_sub(1);
        if self.table_depth > 0 {
            return;
        }
        let Some(t) = self.table.take() else { return };
        if let Some(lines) = table_lines(&t.rows) {
            self.out.push(Kind::Block, &lines);
            let table = t.start..self.at.end;
            // the line after the first is the delimiter row
            let rows = lines.lines().enumerate().filter(|(i, _)| *i != 1);
            for ((_, line), (span, cells, interpreted)) in rows.zip(t.row_sources) {
                self.traced.sources.push(Source {
                    line: line.to_string(),
                    span,
                    number: None,
                    interpreted,
                    cells,
                    table: Some(table.clone()),
                });
            }
        }
        if t.break_after {
            self.out.page_break();
        }
    }

    /// The text read, and the notes on what was accepted or left out.
    fn finish(mut self, comments: usize) -> Read {
        if let Some(p) = self.carry.take() {
            // the last paragraph's mark deleted: nothing to run on into
            self.para = Some(Para {
                mark_deleted: false,
                ..p
            });
            self.close_para();
        }
        let t = &self.tally;
        let mut notes = Vec::new();
        if t.insertions + t.deletions > 0 {
            notes.push(Note::TrackedChangesAccepted {
                insertions: t.insertions,
                deletions: t.deletions,
            });
        }
        let comments = if comments > 0 {
            comments
        } else {
            t.comment_marks
        };
        if comments > 0 {
            notes.push(Note::CommentsIgnored { count: comments });
        }
        if t.footnotes + t.endnotes > 0 {
            notes.push(Note::FootnotesLeftOut {
                footnotes: t.footnotes,
                endnotes: t.endnotes,
            });
        }
        if t.text_boxes > 0 {
            notes.push(Note::TextBoxesLeftOut {
                count: t.text_boxes,
            });
        }
        if t.hidden_runs > 0 {
            notes.push(Note::HiddenTextLeftOut {
                runs: t.hidden_runs,
            });
        }
        if t.toc_lines > 0 {
            notes.push(Note::TableOfContentsLeftOut { lines: t.toc_lines });
        }
        Read {
            text: self.out.finish(),
            marks: self.marks,
            notes,
        }
    }
}

// ---------------------------------------------------------------------------
// Writing the structured form

/// What the last block written was, which decides the separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Kind {
    #[default]
    Nothing,
    Block,
    ListItem,
}

/// The structured text being written: blocks separated by a blank line,
/// list items by a newline, and a page break a form feed on a line of its
/// own between two blocks.
#[derive(Debug, Default)]
struct Output {
    text: String,
    last: Kind,
    pending_break: bool,
}

impl Output {
    /// The next block starts a new page. Breaks before the first block,
    /// after the last, and twice in a row come to nothing.
    fn page_break(&mut self) {
        self.pending_break = true;
    }

    fn push(&mut self, kind: Kind, block: &str) {
        if self.last != Kind::Nothing {
            let sep = if self.last == Kind::ListItem && kind == Kind::ListItem {
                "\n"
            } else {
                "\n\n"
            };
            self.text.push_str(sep);
            if self.pending_break {
                self.text.push('\u{000C}');
                self.text.push_str(sep);
            }
        }
        self.pending_break = false;
        self.text.push_str(block);
        self.last = kind;
    }

    fn finish(mut self) -> String {
        self.text.push('\n');
        self.text
    }
}

/// The emphasis of a paragraph's runs, over byte ranges of its text: what
/// each run sets, else what the paragraph's style `style` sets.
fn run_marks(p: &Para, style: (Option<bool>, Option<bool>)) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    let mut at = 0;
    let mut add = |range: Range<usize>, bold: Option<bool>, italic: Option<bool>| {
        let em = Em {
            bold: bold.or(style.0).unwrap_or(false),
            italic: italic.or(style.1).unwrap_or(false),
        };
        if em.is_plain() || range.is_empty() {
            return;
        }
        // runs of the same emphasis are one stretch
        match out.last_mut() {
            Some(Mark { range: r, em: e }) if r.end == range.start && *e == em => r.end = range.end,
            _ => out.push(Mark { range, em }),
        }
    };
    for (range, bold, italic) in &p.ems {
        add(at..range.start, None, None);
        add(range.clone(), *bold, *italic);
        at = range.end;
    }
    add(at..p.text.len(), None, None);
    out
}

/// A paragraph's line: `## 1. Inledning` for a heading (numbered or not),
/// `  a) Spara.` for a numbered paragraph of level 1, `- Spara.` for a
/// bulleted one, the text itself for a paragraph (after a `\` if it would
/// read as markup).
fn block_line(level: Option<u8>, marker: Option<(Marker, u8)>, text: &str) -> (Kind, String) {
    if let Some(level) = level {
        let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
        return match marker {
            Some((Marker::Number(n), _)) => (Kind::Block, format!("{hashes} {n} {text}")),
            _ => (Kind::Block, format!("{hashes} {text}")),
        };
    }
    match marker {
        Some((m, ilvl)) => {
            let m = match m {
                Marker::Bullet => "-".to_string(),
                Marker::Number(n) => n,
            };
            let indent = "  ".repeat(usize::from(ilvl));
            (Kind::ListItem, format!("{indent}{m} {text}"))
        }
        None if reads_as_markup(text) => (Kind::Block, format!("\\{text}")),
        None => (Kind::Block, text.to_string()),
    }
}

/// Whether a paragraph's text would be read as something else than a
/// paragraph: a heading (`#`), a table row (`|`), a bullet, a number or
/// letter like a list's (`1.`, `a)`, `iv.`, `(2)`), or a backslash.
fn reads_as_markup(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if matches!(
        first,
        '#' | '|'
            | '\\'
            | '-'
            | '*'
            | '+'
            | '>'
            | '•'
            | '–'
            | '—'
            | '▪'
            | '◦'
            | '·'
            | '‣'
            | '○'
            | '■'
    ) {
        return true;
    }
    let token = text.split_whitespace().next().unwrap_or_default();
    let Some(body) = token.strip_suffix(['.', ')']) else {
        return false;
    };
    let body = body.strip_prefix('(').unwrap_or(body);
    let parts: Vec<&str> = body.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let letter = body.chars().count() == 1 && body.chars().all(char::is_alphabetic);
    let roman = !body.is_empty() && body.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    numeric || letter || roman
}

/// A table's rows, `| a | b |`, the first followed by `| --- | --- |`;
/// `None` if no cell has text. Short rows are filled out with empty cells.
fn table_lines(rows: &[Vec<String>]) -> Option<String> {
    if rows.iter().flatten().all(String::is_empty) {
        return None;
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push('|');
        for c in 0..columns {
            match row.get(c).filter(|c| !c.is_empty()) {
                Some(cell) => {
                    out.push(' ');
                    out.push_str(&cell.replace('|', "\\|"));
                    out.push_str(" |");
                }
                None => out.push_str(" |"),
            }
        }
        if i == 0 {
            out.push('\n');
            out.push('|');
            out.push_str(&" --- |".repeat(columns));
        }
    }
    Some(out)
}

/// A paragraph's text with runs of white space made one space, trimmed;
/// control characters are white space and soft hyphens dropped. No-break
/// spaces stay: Word uses them on purpose ("5 000 kr").
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if matches!(c, '\u{00AD}' | '\u{FEFF}') {
            continue;
        }
        let keep = matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}');
        if c.is_control() || (c.is_whitespace() && !keep) {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_format() {
        let cases = [
            (4, "decimal", "4"),
            (4, "decimalZero", "04"),
            (4, "lowerLetter", "d"),
            (28, "lowerLetter", "bb"),
            (3, "upperLetter", "C"),
            (4, "lowerRoman", "iv"),
            (1994, "upperRoman", "MCMXCIV"),
            (0, "lowerRoman", "0"),
            (2, "none", ""),
            (5, "ordinal", "5"),
            (10_000, "lowerLetter", "10000"),
        ];
        for (value, format, want) in cases {
            assert_eq!(format_number(value, format), want, "{value} {format}");
        }
    }

    #[test]
    fn level_text_takes_each_level_s_number() {
        let numbers = ["2", "c", "iv"];
        let shown = expand_level_text("%1.%2)%3 %", |k| numbers[usize::from(k)].to_string());
        assert_eq!(shown, "2.c)iv %");
        assert_eq!(expand_level_text("Steg %1:", |_| "1".into()), "Steg 1:");
    }

    #[test]
    fn heading_levels_from_style_names() {
        assert_eq!(level_from_name("Title"), Some(1));
        assert_eq!(level_from_name("Rubrik"), Some(1));
        assert_eq!(level_from_name("heading 1"), Some(2));
        assert_eq!(level_from_name("Heading 3"), Some(4));
        assert_eq!(level_from_name("Rubrik 2"), Some(3));
        assert_eq!(level_from_name("heading 9"), Some(6));
        assert_eq!(level_from_name("Heading1"), Some(2));
        assert_eq!(level_from_name("Underrubrik"), None);
        assert_eq!(level_from_name("heading"), None);
        assert_eq!(outline_level(0), Some(2));
        assert_eq!(outline_level(7), Some(6));
        assert_eq!(outline_level(9), None);
    }

    #[test]
    fn styles_inherit_and_cycles_end() {
        let xml = r#"<w:styles xmlns:w="w">
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="H"><w:name w:val="Mina rubriker"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Under"/><w:basedOn w:val="H"/></w:style>
            <w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
            <w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>
            <w:style w:type="table" w:styleId="T"><w:name w:val="T"/><w:tblStylePr w:type="firstRow"><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:tblStylePr></w:style>
        </w:styles>"#;
        let styles = Styles::parse(xml, "word/styles.xml").unwrap();
        assert_eq!(styles.heading_level(Some("Sub"), None), Some(3));
        assert_eq!(styles.heading_level(Some("Sub"), Some(9)), None);
        assert_eq!(styles.heading_level(None, None), None);
        assert_eq!(styles.heading_level(Some("A"), None), None);
        assert_eq!(styles.heading_level(Some("T"), None), None);
        assert_eq!(styles.heading_level(Some("Heading2"), None), Some(3));
    }

    #[test]
    fn markup_at_a_paragraph_s_start_is_escaped() {
        for text in [
            "# a", "| a", "\\a", "- a", "• a", "1. a", "12) a", "a) b", "iv. x", "(2) a", "2.3. a",
            "C.",
        ] {
            assert!(reads_as_markup(text), "{text}");
        }
        for text in [
            "Vi ska",
            "Dvs. så",
            "2023 blev",
            "Mål. a",
            "1,5 miljoner",
            "",
        ] {
            assert!(!reads_as_markup(text), "{text}");
        }
        assert_eq!(
            block_line(None, None, "1. a"),
            (Kind::Block, "\\1. a".to_string())
        );
    }

    #[test]
    fn block_lines() {
        let number = |n: &str| Some((Marker::Number(n.to_string()), 1));
        assert_eq!(block_line(Some(2), number("1."), "Mål").1, "## 1. Mål");
        assert_eq!(
            block_line(Some(3), Some((Marker::Bullet, 0)), "Mål").1,
            "### Mål"
        );
        assert_eq!(
            block_line(None, number("b)"), "Låna."),
            (Kind::ListItem, "  b) Låna.".into())
        );
        assert_eq!(block_line(None, Some((Marker::Bullet, 0)), "x").1, "- x");
    }

    #[test]
    fn white_space_collapses_but_no_break_spaces_stay() {
        assert_eq!(clean("  a \t b\n\u{000C}c  "), "a b c");
        assert_eq!(clean("5\u{00A0}000 kr"), "5\u{00A0}000 kr");
        assert_eq!(clean("av\u{00AD}tal"), "avtal");
        assert_eq!(clean(" \t "), "");
    }

    #[test]
    fn tables_are_rectangular_and_escape_bars() {
        let rows = vec![
            vec!["a".to_string(), "b|c".to_string()],
            vec!["d".to_string()],
        ];
        assert_eq!(
            table_lines(&rows).unwrap(),
            "| a | b\\|c |\n| --- | --- |\n| d | |"
        );
        assert_eq!(table_lines(&[vec![String::new()]]), None);
    }

    #[test]
    fn page_breaks_never_lead_trail_or_double() {
        let mut out = Output::default();
        out.page_break();
        out.push(Kind::Block, "A");
        out.page_break();
        out.page_break();
        out.push(Kind::ListItem, "- b");
        out.push(Kind::ListItem, "- c");
        out.page_break();
        out.push(Kind::ListItem, "- d");
        out.page_break();
        assert_eq!(out.finish(), "A\n\n\u{000C}\n\n- b\n- c\n\u{000C}\n- d\n");
        assert_eq!(Output::default().finish(), "\n");
    }

    #[test]
    fn section_breaks_start_a_page_unless_continuous() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr></w:p>
            <w:p><w:pPr><w:pPrChange><w:pPr><w:sectPr/></w:pPr></w:pPrChange><w:sectPr/></w:pPr></w:p>
            <w:sectPr><w:type w:val="continuous"/></w:sectPr>
        </w:body></w:document>"#;
        assert_eq!(section_starts(xml, "d").unwrap(), vec![false, true, false]);
    }

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve_target("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word/", "/word/x.xml"), "word/x.xml");
        assert_eq!(
            resolve_target("word/", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve_target("", "../../a.xml"), "a.xml");
    }

    #[test]
    fn parts_in_utf16_are_read() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("<a>ö</a>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(bytes).unwrap(), "<a>ö</a>");
        assert!(decode(vec![0xC3]).is_err());
    }

    #[test]
    fn entities_and_unclosed_elements() {
        let mut x = Xml::new("<a>&amp;&#8211;&unknown;</a>", "p");
        let mut text = String::new();
        loop {
            match x.next().unwrap() {
                Item::Text(t) => text.push_str(&t),
                Item::Eof => break,
                _ => {}
            }
        }
        assert_eq!(text, "&–");
        let mut x = Xml::new("<a><b>", "word/document.xml");
        let err = std::iter::from_fn(|| Some(x.next()))
            .find_map(Result::err)
            .unwrap();
        assert!(err.to_string().starts_with("word/document.xml: "), "{err}");
    }

    #[test]
    fn error_codes_and_swedish_messages() {
        let errors = [
            DocxError::TooLarge {
                bytes: 64 * 1024 * 1024,
                max: MAX_FILE_BYTES,
            },
            DocxError::Encrypted,
            DocxError::NotZip,
            DocxError::NotDocx { found: None },
            DocxError::BrokenZip { detail: "x".into() },
            DocxError::PartTooLarge {
                part: "word/document.xml".into(),
                max: MAX_PART_BYTES,
            },
            DocxError::Corrupt {
                part: "word/styles.xml".into(),
                detail: "x".into(),
            },
        ];
        let codes: std::collections::HashSet<_> = errors.iter().map(DocxError::code).collect();
        assert_eq!(codes.len(), errors.len());
        assert_eq!(
            errors[0].message_sv(),
            "filen är 64,0 MB; den största .docx-fil som läses är 50 MB"
        );
        assert!(errors[5].to_string().starts_with("word/document.xml: "));
        for e in &errors {
            assert!(!e.message_sv().is_empty() && e.message_sv() != e.to_string());
        }
    }
}
