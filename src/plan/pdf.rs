//! Reading a PDF into plan text (see [`crate::plan`]).
//!
//! A PDF has no paragraphs, headings or lists: only pieces of text placed on
//! a page in some font at some position. Poppler's `pdftohtml -xml` lists
//! those pieces (`<text top left width height font>`, each a run of words on
//! one line) with their fonts (`<fontspec id size>`), and the structure is
//! read back from the layout, the way a reader's eye does it:
//!
//! 1. **lines**: pieces that share a line, left to right, with a space where
//!    there is a gap; a gap wider than a word space splits the line into
//!    *cells*, and a run of lines with cells in the same columns is a table;
//! 2. **running headers and footers**: lines near the top or bottom edge that
//!    repeat (digits ignored) on at least half of the pages, and page numbers,
//!    told by counting up from page to page — a number alone on a line that
//!    does not (a table's sum at a page's foot) is content;
//! 3. **headings**: lines in a clearly larger font than the body (the size
//!    that carries the most characters), or wholly bold, short, without final
//!    punctuation and followed by body text; larger is higher;
//! 4. **blocks**: lines run on into a paragraph while the line spacing is
//!    normal and the indent stays; a bullet or a number starts a list item,
//!    nested by its indent; a word hyphenated at a line end is joined again,
//!    and a paragraph that did not end a sentence runs on to the next page;
//! 5. **emphasis**: the words of paragraphs and list items set in bold or
//!    italic type (pdftohtml's `<b>` and `<i>`, or a font named so) become
//!    [`Mark`]s over the text; a heading's own type is not emphasis.
//!
//! [`from_pdftohtml_xml`] does all of that on the XML text (a pure function,
//! for tests); [`read_pdf`] first runs `pdftohtml` on the file's bytes.

use super::emphasis::{self, Em, Mark};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The largest PDF accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The most pages read (a plan of a thousand pages is not a plan).
const MAX_PAGES: usize = 5000;

/// How long `pdftohtml` may take before it is stopped.
const TOOL_TIMEOUT: Duration = Duration::from_secs(120);

/// A PDF read into plan text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The plan text in the structured form of [`crate::plan`].
    pub text: String,
    /// Bold and italic words of paragraphs and list items, over byte
    /// ranges of `text` (a heading's own type is not emphasis; table cells
    /// have none).
    pub marks: Vec<Mark>,
    /// The number of pages of the PDF.
    pub pages: u32,
    /// What the reader left out or noticed (running footers removed, page
    /// numbers removed, …).
    pub notes: Vec<Note>,
}

/// Something the reader did that the user should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Page numbers were removed from this many pages.
    PageNumbers { pages: usize },
    /// A running header or footer was removed from this many pages (its
    /// text as it stood on the first of them).
    Running { text: String, pages: usize },
    /// The file does not end with `%%EOF`: it may be cut short.
    NoEofMarker,
}

impl Note {
    /// The note in English.
    pub fn message(&self) -> String {
        match self {
            Note::PageNumbers { pages } => format!("page numbers removed on {pages} pages"),
            Note::Running { text, pages } => {
                format!("a running header or footer removed from {pages} pages: “{text}”")
            }
            Note::NoEofMarker => "the PDF lacks its end marker %%EOF: it may be cut short; \
                 check that the text is whole"
                .to_string(),
        }
    }

    /// The note in Swedish.
    pub fn message_sv(&self) -> String {
        match self {
            Note::PageNumbers { pages } => format!("sidnummer borttagna på {pages} sidor"),
            Note::Running { text, pages } => {
                format!("sidhuvud eller sidfot borttagen från {pages} sidor: ”{text}”")
            }
            Note::NoEofMarker => "PDF-filen saknar slutmarkeringen %%EOF: den kan vara avkapad, \
                 kontrollera att texten är hel"
                .to_string(),
        }
    }
}

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the file is {bytes} bytes; the largest PDF accepted is {max} bytes")]
    TooLarge { bytes: usize, max: usize },
    #[error("the file is not a PDF: it does not start with %PDF-")]
    NotPdf,
    #[error("the PDF is encrypted or forbids copying its text")]
    Encrypted,
    #[error("the PDF has no text layer on any of its {pages} pages (a scan?)")]
    NoText { pages: u32 },
    #[error("pdftohtml was not found: install poppler-utils (Debian)")]
    ToolMissing,
    #[error("pdftohtml failed: {detail}")]
    Tool { detail: String },
    #[error("the PDF is damaged: {detail}")]
    Corrupt { detail: String },
    /// The file could not be read at all (no such file, no permission).
    #[error("the file could not be read: {detail}")]
    Unreadable { detail: String },
}

impl PdfError {
    /// A stable code for the error, for programs and the browser.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::TooLarge { .. } => "pdf_too_large",
            PdfError::NotPdf => "not_pdf",
            PdfError::Encrypted => "pdf_encrypted",
            PdfError::NoText { .. } => "pdf_no_text",
            PdfError::ToolMissing => "pdf_tool_missing",
            PdfError::Tool { .. } => "pdf_tool_failed",
            PdfError::Corrupt { .. } => "pdf_corrupt",
            PdfError::Unreadable { .. } => "pdf_unreadable",
        }
    }

    /// The error in Swedish: what is wrong and what to do about it.
    pub fn message_sv(&self) -> String {
        match self {
            PdfError::TooLarge { bytes, max } => {
                format!("PDF-filen är {bytes} byte; den största som tas emot är {max} byte")
            }
            PdfError::NotPdf => "filen är ingen PDF: den börjar inte med %PDF-".to_string(),
            PdfError::Encrypted => "PDF-filen är krypterad eller skyddad mot kopiering av text: \
                 spara den utan lösenord och skydd och läs in den igen"
                .to_string(),
            PdfError::NoText { pages } => format!(
                "PDF-filen har ingen text på någon av sina {pages} sidor (inskannad?): \
                 kör textigenkänning (OCR) på den eller be om en textversion"
            ),
            PdfError::ToolMissing => "programmet pdftohtml saknas: installera poppler-utils \
                 (Debian: apt-get install poppler-utils)"
                .to_string(),
            PdfError::Tool { detail } => format!("pdftohtml kunde inte läsa PDF-filen: {detail}"),
            PdfError::Corrupt { detail } => format!("PDF-filen är trasig: {detail}"),
            PdfError::Unreadable { detail } => format!("filen kunde inte läsas: {detail}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Running pdftohtml

/// Reads a PDF's bytes into plan text by running `pdftohtml` (from Debian's
/// poppler-utils) and [`from_pdftohtml_xml`].
pub fn read_pdf(bytes: &[u8]) -> Result<Read, PdfError> {
    read_pdf_with_tool(bytes, OsStr::new("pdftohtml"))
}

/// Reads a PDF file, checking its size before reading it.
pub fn read_pdf_file(path: &Path) -> Result<Read, PdfError> {
    let too_large = |bytes: usize| PdfError::TooLarge {
        bytes,
        max: MAX_FILE_BYTES,
    };
    let io = |e: std::io::Error| PdfError::Unreadable {
        detail: format!("{}: {e}", path.display()),
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES as u64 {
        return Err(too_large(usize::try_from(len).unwrap_or(usize::MAX)));
    }
    read_pdf(&std::fs::read(path).map_err(io)?)
}

/// [`read_pdf`] with the `pdftohtml` program named by `tool` (a name looked
/// up on `PATH`, or a path).
pub fn read_pdf_with_tool(bytes: &[u8], tool: &OsStr) -> Result<Read, PdfError> {
    check_bytes(bytes)?;
    let xml = run_pdftohtml(bytes, tool)?;
    let mut read = from_pdftohtml_xml(&xml)?;
    if !ends_with_eof_marker(bytes) {
        read.notes.push(Note::NoEofMarker);
    }
    Ok(read)
}

/// The checks made before any program runs: size and the `%PDF-` header
/// (which readers look for in the first 1024 bytes).
fn check_bytes(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(PdfError::TooLarge {
            bytes: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    Ok(())
}

/// Does the file end with `%%EOF` (give or take trailing white space and
/// junk within the last kilobyte)?
fn ends_with_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// A file in the temporary folder, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    /// Creates a new, empty file whose name no other process holds.
    fn create(suffix: &str) -> std::io::Result<(TempFile, std::fs::File)> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!("amend-{}-{nanos}-{n}{suffix}", std::process::id());
            let path = std::env::temp_dir().join(name);
            match std::fs::File::options()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(f) => return Ok((TempFile(path), f)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs `pdftohtml -xml` on `bytes` (written to a temporary file: it does not
/// read standard input) and returns its XML. Its output goes to files too,
/// so that neither pipe can fill up while it runs.
fn run_pdftohtml(bytes: &[u8], tool: &OsStr) -> Result<String, PdfError> {
    let tmp = |e: std::io::Error| PdfError::Tool {
        detail: format!("a temporary file could not be written: {e}"),
    };
    let (input, mut f) = TempFile::create(".pdf").map_err(tmp)?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(tmp)?;
    // closed before the tool reads it (a no-op where files have no handle)
    #[allow(clippy::drop_non_drop)]
    drop(f);
    let (out, out_file) = TempFile::create(".xml").map_err(tmp)?;
    let (err, err_file) = TempFile::create(".err").map_err(tmp)?;
    let spawned = Command::new(tool)
        .args(["-xml", "-i", "-stdout", "-enc", "UTF-8"])
        .arg(&input.0)
        .stdin(Stdio::null())
        .stdout(out_file)
        .stderr(err_file)
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PdfError::ToolMissing),
        Err(e) => {
            return Err(PdfError::Tool {
                detail: format!("it could not be started: {e}"),
            })
        }
    };
    let status = wait_with_timeout(&mut child)?;
    let stderr = std::fs::read(&err.0).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&stderr).trim().to_string();
    let xml = std::fs::read(&out.0).map_err(tmp)?;
    if !status.success() {
        return Err(tool_error(&stderr, status.code(), bytes));
    }
    if stderr.contains("not allowed") {
        return Err(PdfError::Encrypted);
    }
    String::from_utf8(xml).map_err(|e| PdfError::Tool {
        detail: format!("its output is not UTF-8: {e}"),
    })
}

/// Waits for `child`, stopping it after [`TOOL_TIMEOUT`].
fn wait_with_timeout(
    child: &mut std::process::Child,
) -> Result<std::process::ExitStatus, PdfError> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() > TOOL_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Tool {
                    detail: format!("it did not finish in {} s", TOOL_TIMEOUT.as_secs()),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                return Err(PdfError::Tool {
                    detail: format!("waiting for it failed: {e}"),
                })
            }
        }
    }
}

/// The error for a failed run of `pdftohtml`, told from its message: a
/// password asked for, a file it could not make sense of, or anything else.
fn tool_error(stderr: &str, code: Option<i32>, bytes: &[u8]) -> PdfError {
    let lower = stderr.to_lowercase();
    let has_encrypt = bytes.windows(8).any(|w| w == b"/Encrypt");
    if lower.contains("password") || lower.contains("not allowed") || has_encrypt {
        return PdfError::Encrypted;
    }
    // the last line says what finally went wrong; the first ones are often
    // repairs it tried
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
    let detail = match (last, code) {
        (Some(l), _) => l.trim().to_string(),
        (None, Some(c)) => format!("it exited with status {c} without a message"),
        (None, None) => "it was stopped by a signal".to_string(),
    };
    // poppler says "Syntax Error", "Couldn't find trailer dictionary",
    // "Couldn't read xref table", "May not be a PDF file" for a damaged file
    let damaged = [
        "syntax error",
        "xref",
        "trailer",
        "may not be a pdf",
        "couldn't",
    ];
    if damaged.iter().any(|d| lower.contains(d)) {
        PdfError::Corrupt { detail }
    } else {
        PdfError::Tool { detail }
    }
}

// ---------------------------------------------------------------------------
// The XML of pdftohtml

/// A run of text as it is placed on a page: on one line, in one font.
///
/// Positions are from the page's top left corner, in the units of
/// `pdftohtml -xml` (PDF points × 1.5); any reader of a PDF's text (the
/// browser's pdf.js, see `www/js/pdfread.js`) can supply them.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Chunk {
    pub top: f32,
    pub left: f32,
    pub width: f32,
    pub height: f32,
    /// The font size.
    pub size: f32,
    /// Every letter of it is bold.
    #[serde(default)]
    pub bold: bool,
    /// Every letter of it is italic.
    #[serde(default)]
    pub italic: bool,
    pub text: String,
    /// The emphasis of each byte of `text` ([`BOLD`], [`ITALIC`]) where
    /// part of it is bold or italic (pdftohtml's `<b>` and `<i>`); empty
    /// when `bold` and `italic` say it for the whole.
    #[serde(skip)]
    em: Vec<u8>,
}

/// A byte's emphasis bits: bold.
const BOLD: u8 = 1;
/// A byte's emphasis bits: italic.
const ITALIC: u8 = 2;

/// The emphasis bits of bold and italic.
fn em_bits(bold: bool, italic: bool) -> u8 {
    (if bold { BOLD } else { 0 }) | (if italic { ITALIC } else { 0 })
}

impl Chunk {
    /// The emphasis of each byte of the text.
    fn em(&self) -> Vec<u8> {
        if self.em.len() == self.text.len() {
            return self.em.clone();
        }
        let bits = em_bits(self.bold, self.italic);
        vec![bits; self.text.len()]
    }
}

/// One page: its height and its runs of text, in reading order.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Page {
    pub height: f32,
    pub chunks: Vec<Chunk>,
}

/// A number attribute of an XML element, 0 when missing or not a number.
fn attr_f32(e: &quick_xml::events::BytesStart<'_>, name: &str) -> f32 {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()?;
            v.trim().parse::<f32>().ok()
        })
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// A text attribute of an XML element, empty when missing.
fn attr_string(e: &quick_xml::events::BytesStart<'_>, name: &str) -> String {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
        .unwrap_or_default()
}

/// The pages read so far from `pdftohtml`'s XML, and the `<text>` element
/// being read.
#[derive(Default)]
struct XmlPages {
    /// Font id → (size, emphasis bits by its name).
    fonts: HashMap<String, (f32, u8)>,
    pages: Vec<Page>,
    /// The chunk of the open `<text>` element.
    chunk: Option<Chunk>,
    /// Its font's name says bold or italic (emphasis bits).
    font_em: u8,
    /// How deep inside `<b>` and `<i>` elements the reader is.
    bold_depth: u32,
    italic_depth: u32,
    /// The letters of the open chunk, and how many of them are bold and
    /// italic.
    letters: usize,
    bold_letters: usize,
    italic_letters: usize,
}

impl XmlPages {
    /// An element opens (or stands alone).
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        match e.name().as_ref() {
            b"page" => self.pages.push(Page {
                height: attr_f32(e, "height"),
                chunks: Vec::new(),
            }),
            b"fontspec" => {
                let family = attr_string(e, "family").to_lowercase();
                let bold = family.contains("bold") || family.contains("black");
                let italic = family.contains("italic") || family.contains("oblique");
                let bits = em_bits(bold, italic);
                let size = attr_f32(e, "size");
                self.fonts.insert(attr_string(e, "id"), (size, bits));
            }
            b"text" => {
                let font = self.fonts.get(&attr_string(e, "font")).copied();
                let (size, bits) = font.unwrap_or((attr_f32(e, "height"), 0));
                self.font_em = bits;
                self.letters = 0;
                self.bold_letters = 0;
                self.italic_letters = 0;
                self.chunk = Some(Chunk {
                    top: attr_f32(e, "top"),
                    left: attr_f32(e, "left"),
                    width: attr_f32(e, "width"),
                    height: attr_f32(e, "height"),
                    size,
                    bold: false,
                    italic: false,
                    text: String::new(),
                    em: Vec::new(),
                });
            }
            b"b" => self.bold_depth += 1,
            b"i" => self.italic_depth += 1,
            _ => {}
        }
    }

    /// An element closes: a chunk is whole, or bold type ends.
    fn end(&mut self, name: &[u8]) {
        match name {
            b"b" => self.bold_depth = self.bold_depth.saturating_sub(1),
            b"i" => self.italic_depth = self.italic_depth.saturating_sub(1),
            b"text" => {
                if let (Some(mut c), Some(p)) = (self.chunk.take(), self.pages.last_mut()) {
                    let all = |n: usize| self.letters > 0 && n == self.letters;
                    c.bold = self.font_em & BOLD != 0 || all(self.bold_letters);
                    c.italic = self.font_em & ITALIC != 0 || all(self.italic_letters);
                    if c.em.iter().all(|&b| b == c.em[0]) {
                        // one emphasis for the whole: the flags say it
                        c.em.clear();
                    }
                    p.chunks.push(c);
                }
                self.bold_depth = 0;
                self.italic_depth = 0;
            }
            _ => {}
        }
    }

    /// Text inside the open `<text>` element (text elsewhere is ignored).
    fn text(&mut self, s: &str) {
        if let Some(c) = self.chunk.as_mut() {
            let n = s.chars().filter(|c| !c.is_whitespace()).count();
            self.letters += n;
            let mut bits = self.font_em;
            if self.bold_depth > 0 {
                self.bold_letters += n;
                bits |= BOLD;
            }
            if self.italic_depth > 0 {
                self.italic_letters += n;
                bits |= ITALIC;
            }
            c.text.push_str(s);
            c.em.resize(c.text.len(), bits);
        }
    }

    /// A reference: `&#228;`, `&amp;`; an unknown one is kept as written.
    fn reference(&mut self, r: &quick_xml::events::BytesRef<'_>, name: &str) {
        if let Ok(Some(c)) = r.resolve_char_ref() {
            self.text(c.encode_utf8(&mut [0; 4]));
        } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(name) {
            self.text(s);
        } else if name == "nbsp" {
            self.text("\u{A0}");
        } else {
            self.text(&format!("&{name};"));
        }
    }
}

/// Decoded text, or the error of malformed XML at byte `at`.
fn decoded<E: std::fmt::Display>(
    d: Result<std::borrow::Cow<'_, str>, E>,
    at: u64,
) -> Result<std::borrow::Cow<'_, str>, PdfError> {
    d.map_err(|e| malformed(&e, at))
}

fn malformed(e: &dyn std::fmt::Display, at: u64) -> PdfError {
    PdfError::Corrupt {
        detail: format!("pdftohtml's XML is malformed at byte {at}: {e}"),
    }
}

/// The pages of `pdftohtml -xml` output, with their text chunks.
fn parse_xml(xml: &str) -> Result<Vec<Page>, PdfError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut st = XmlPages::default();
    loop {
        let event = reader.read_event();
        let at = reader.buffer_position();
        match event.map_err(|e| malformed(&e, at))? {
            Event::Start(e) | Event::Empty(e) => st.start(&e),
            Event::End(e) => st.end(e.name().as_ref()),
            Event::Text(t) => st.text(&decoded(t.decode(), at)?),
            Event::CData(t) => st.text(&decoded(t.decode(), at)?),
            Event::GeneralRef(r) => st.reference(&r, &decoded(r.decode(), at)?),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(st.pages)
}

// ---------------------------------------------------------------------------
// Lines

/// One line of a page: the chunks that share it, left to right.
#[derive(Debug, Clone)]
struct Line {
    /// 0-based page index.
    page: usize,
    top: f32,
    bottom: f32,
    left: f32,
    right: f32,
    /// The size of the font that carries most of the line's letters.
    size: f32,
    bold: bool,
    /// The whole line, white space collapsed.
    text: String,
    /// The emphasis of each byte of `text` ([`BOLD`], [`ITALIC`]).
    em: Vec<u8>,
    /// The line split where the gap is wider than a word space, with the
    /// left edge of each part; one cell for an ordinary line.
    cells: Vec<(f32, String)>,
}

/// Collapses every run of white space to one space and trims the ends.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The emphasis of a space put between two stretches: what both sides
/// have (a space between two bold words is bold, one after them is not).
fn space_em(before: &[u8], after: &[u8]) -> u8 {
    before.last().copied().unwrap_or(0) & after.first().copied().unwrap_or(0)
}

/// [`collapse`] with the emphasis of each byte (`em`, one a byte of `s`)
/// following the text.
fn collapse_em(s: &str, em: &[u8]) -> (String, Vec<u8>) {
    let mut text = String::with_capacity(s.len());
    let mut bits = Vec::with_capacity(s.len());
    for w in s.split_whitespace() {
        let at = w.as_ptr() as usize - s.as_ptr() as usize;
        let w_em = &em[at..at + w.len()];
        if !text.is_empty() {
            text.push(' ');
            bits.push(space_em(&bits, w_em));
        }
        text.push_str(w);
        bits.extend_from_slice(w_em);
    }
    (text, bits)
}

/// Appends `next` (with its emphasis) to `text`, a space between them
/// when `space` and both have text.
fn push_em(text: &mut String, em: &mut Vec<u8>, next: &str, next_em: &[u8], space: bool) {
    if space && !text.is_empty() && !next.is_empty() {
        text.push(' ');
        em.push(space_em(em, next_em));
    }
    text.push_str(next);
    em.extend_from_slice(next_em);
}

/// Groups a page's chunks into lines: a chunk joins a line when their boxes
/// overlap vertically by at least half the smaller height (a larger or
/// smaller font on the same line is placed a little higher or lower).
fn page_lines(page_index: usize, page: &Page) -> Vec<Line> {
    let mut chunks: Vec<&Chunk> = page
        .chunks
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .collect();
    crate::sort::sort_by(&mut chunks, |a, b| {
        a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left))
    });
    let mut groups: Vec<Vec<&Chunk>> = Vec::new();
    for c in chunks {
        let fits = |g: &Vec<&Chunk>| {
            g.iter().any(|o| {
                let overlap = (o.top + o.height).min(c.top + c.height) - o.top.max(c.top);
                overlap >= 0.5 * o.height.min(c.height)
            })
        };
        match groups.iter_mut().rev().take(3).find(|g| fits(g)) {
            Some(g) => g.push(c),
            None => groups.push(vec![c]),
        }
    }
    let mut lines: Vec<Line> = groups
        .into_iter()
        .map(|g| make_line(page_index, g))
        .collect();
    crate::sort::sort_by(&mut lines, |a, b| {
        a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left))
    });
    lines
}

/// Joins the chunks of one line, left to right: a space where there is a
/// gap, a new cell where the gap is wider than two spaces would be.
fn make_line(page: usize, mut g: Vec<&Chunk>) -> Line {
    g.sort_by(|a, b| a.left.total_cmp(&b.left));
    // each cell with the emphasis of each of its bytes
    let mut cells: Vec<(f32, String, Vec<u8>)> = Vec::new();
    let mut prev_right: Option<f32> = None;
    let mut by_size: Vec<(f32, usize)> = Vec::new();
    for c in &g {
        let gap = prev_right.map(|r| c.left - r);
        let em = c.em();
        match (gap, cells.last_mut()) {
            (Some(gap), Some((_, cell, cell_em))) if gap <= 0.8 * c.size => {
                let space = gap > 0.1 * c.size && !cell.ends_with(char::is_whitespace);
                push_em(cell, cell_em, &c.text, &em, space);
            }
            _ => cells.push((c.left, c.text.clone(), em)),
        }
        prev_right = Some(prev_right.map_or(c.left + c.width, |r| r.max(c.left + c.width)));
        let n = c.text.chars().filter(|c| !c.is_whitespace()).count();
        match by_size.iter_mut().find(|(s, _)| (s - c.size).abs() < 0.5) {
            Some(e) => e.1 += n,
            None => by_size.push((c.size, n)),
        }
    }
    let mut cells: Vec<(f32, String, Vec<u8>)> = cells
        .into_iter()
        .map(|(l, t, em)| {
            let (t, em) = collapse_em(&t, &em);
            (l, t, em)
        })
        .filter(|(_, t, _)| !t.is_empty())
        .collect();
    // a bullet or number set off by a tab ("•⇥Text", "3.2⇥Lokaler") belongs
    // to the text after it: such lines are list items and headings, not rows
    if cells.len() == 2 && is_lone_marker(&cells[0].1) {
        let (_, rest, rest_em) = cells.remove(1);
        let (_, first, first_em) = &mut cells[0];
        push_em(first, first_em, &rest, &rest_em, true);
    }
    let mut text = String::new();
    let mut em = Vec::new();
    for (_, t, e) in &cells {
        push_em(&mut text, &mut em, t, e, true);
    }
    let cells = cells.into_iter().map(|(l, t, _)| (l, t)).collect();
    let size = by_size
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(0.0, |(s, _)| *s);
    Line {
        page,
        top: g.iter().map(|c| c.top).fold(f32::MAX, f32::min),
        bottom: g.iter().map(|c| c.top + c.height).fold(f32::MIN, f32::max),
        left: g.first().map_or(0.0, |c| c.left),
        right: prev_right.unwrap_or(0.0),
        size,
        bold: g.iter().all(|c| c.bold),
        text,
        em,
        cells,
    }
}

// ---------------------------------------------------------------------------
// Running headers, footers and page numbers

/// The part of a page's height, at the top and at the bottom, where running
/// headers and footers are looked for.
const EDGE: f32 = 0.09;

/// Is `line` near the top or bottom edge of its page?
fn at_edge(line: &Line, pages: &[Page]) -> bool {
    let h = pages.get(line.page).map_or(0.0, |p| p.height);
    h > 0.0 && (line.top < EDGE * h || line.bottom > (1.0 - EDGE) * h)
}

/// A line's text with digits left out, and its font size, for telling a
/// running header or footer that repeats with another page number ("Sida 3
/// (8)") — and not taking the title for a header that repeats it in a
/// smaller font.
fn repeat_key(line: &Line) -> String {
    let digits = |c: char| c.is_ascii_digit();
    let text = collapse(&line.text.to_lowercase().replace(digits, " "));
    if text.is_empty() {
        return text;
    }
    format!("{text} @{}", line.size.round())
}

/// The page number a line shows, if it is nothing but a page number: "7",
/// "- 7 -", "Sida 7", "Sida 7 av 9", "Page 7 of 9", "7 (9)", "7/9".
fn shown_page_number(text: &str) -> Option<u32> {
    let t = text.trim().to_lowercase();
    let t = t.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' '));
    let t = ["sida ", "sidan ", "page ", "s. "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let (n, rest) = t.split_at(digits);
    let rest = rest.trim();
    let total_ok = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let ok = rest.is_empty()
        || rest.strip_prefix('/').is_some_and(|r| total_ok(r.trim()))
        || rest.strip_prefix("av ").is_some_and(|r| total_ok(r.trim()))
        || rest.strip_prefix("of ").is_some_and(|r| total_ok(r.trim()))
        || rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|r| total_ok(r.trim()));
    if ok {
        n.parse().ok()
    } else {
        None
    }
}

/// The keys ([`repeat_key`]) of the running headers and footers, and the
/// offsets (shown number − page number) of the page numbers: those found at
/// a page edge on at least half of the pages, and on two at least (or a
/// lone page's "1").
fn find_running(lines: &[Line], pages: &[Page]) -> (Vec<String>, Vec<i64>) {
    let n_pages = pages.len();
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    let mut offsets: HashMap<i64, Vec<usize>> = HashMap::new();
    for l in lines.iter().filter(|l| at_edge(l, pages)) {
        let key = repeat_key(l);
        if !key.is_empty() {
            seen.entry(key).or_default().push(l.page);
        }
        if let Some(n) = shown_page_number(&l.text) {
            let page_no = l.page as i64 + 1;
            offsets.entry(n as i64 - page_no).or_default().push(l.page);
        }
    }
    // on how many pages (the lines come in page order)
    let enough = |pages_seen: &Vec<usize>| {
        let mut v = pages_seen.clone();
        v.dedup();
        v.len() >= 2 && v.len() * 2 >= n_pages
    };
    let running = seen
        .into_iter()
        .filter(|(_, p)| enough(p))
        .map(|(k, _)| k)
        .collect();
    let counted = offsets
        .into_iter()
        .filter(|(o, p)| enough(p) || (n_pages == 1 && *o == 0))
        .map(|(o, _)| o)
        .collect();
    (running, counted)
}

/// Removes running headers and footers and page numbers from `lines`,
/// returning notes on what went.
fn remove_running(lines: &mut Vec<Line>, pages: &[Page]) -> Vec<Note> {
    let (running, counted) = find_running(lines, pages);
    // each running line once (its first text), with the pages it stood on
    let mut removed: Vec<(String, String, usize)> = Vec::new();
    let mut n_numbers = 0;
    lines.retain(|l| {
        if !at_edge(l, pages) {
            return true;
        }
        let number = shown_page_number(&l.text)
            .is_some_and(|n| counted.contains(&(n as i64 - l.page as i64 - 1)));
        if number {
            n_numbers += 1;
            return false;
        }
        let key = repeat_key(l);
        if !running.contains(&key) {
            return true;
        }
        match removed.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, n)) => *n += 1,
            None => removed.push((key, l.text.clone(), 1)),
        }
        false
    });
    let mut notes = Vec::new();
    if n_numbers > 0 {
        notes.push(Note::PageNumbers { pages: n_numbers });
    }
    for (_, text, pages) in removed.into_iter().take(3) {
        notes.push(Note::Running { text, pages });
    }
    notes
}

// ---------------------------------------------------------------------------
// Measures of the body text

/// What the body text looks like: its font size, its line pitch, its
/// letters' width.
#[derive(Debug, Clone, Copy)]
struct Body {
    size: f32,
    /// The distance from one line's top to the next within a paragraph.
    pitch: f32,
    /// The average width of a letter.
    letter: f32,
    /// The right edge of the text column (the widest body lines reach it).
    right: f32,
}

impl Body {
    fn measure(lines: &[Line]) -> Body {
        // the size that carries the most letters
        let mut by_size: Vec<(f32, usize)> = Vec::new();
        for l in lines {
            let n = l.text.chars().filter(|c| !c.is_whitespace()).count();
            match by_size.iter_mut().find(|(s, _)| (s - l.size).abs() < 0.5) {
                Some(e) => e.1 += n,
                None => by_size.push((l.size, n)),
            }
        }
        let size = by_size
            .iter()
            .max_by_key(|(_, n)| *n)
            .map_or(12.0, |(s, _)| *s)
            .max(1.0);
        let body = |l: &&Line| (l.size - size).abs() < 0.5;
        // the pitch: a low percentile of the distances between body lines
        // that follow each other on a page (paragraph gaps are larger)
        let mut pitches: Vec<f32> = lines
            .windows(2)
            .filter(|w| w[0].page == w[1].page && body(&&w[0]) && body(&&w[1]))
            .map(|w| w[1].top - w[0].top)
            .filter(|&d| d > 0.8 * size && d < 3.0 * size)
            .collect();
        pitches.sort_by(f32::total_cmp);
        let pitch = pitches
            .get(pitches.len() / 5)
            .copied()
            .unwrap_or(1.2 * size);
        let (w, n) = lines.iter().filter(body).fold((0.0, 0usize), |(w, n), l| {
            (w + l.right - l.left, n + l.text.chars().count())
        });
        let letter = if n > 0 { w / n as f32 } else { 0.5 * size };
        let right = lines
            .iter()
            .filter(body)
            .map(|l| l.right)
            .fold(0.0, f32::max);
        Body {
            size,
            pitch,
            letter,
            right,
        }
    }

    /// Does `next` follow `prev` at the normal spacing of lines within a
    /// paragraph (on the same page)?
    fn normal_gap(&self, prev: &Line, next: &Line) -> bool {
        let scale = prev.size.max(next.size) / self.size;
        let d = next.top - prev.top;
        prev.page == next.page && d > 0.0 && d <= self.pitch * scale * 1.2 + 0.1 * self.size
    }

    /// Did `prev` end because `next`'s first word would not fit on it, the
    /// way a wrapped line does?
    fn wrapped(&self, prev: &Line, next: &Line) -> bool {
        let word = next.text.split(' ').next().unwrap_or("");
        let room = self.right - prev.right;
        room < (word.chars().count() + 1) as f32 * self.letter + self.size
    }
}

// ---------------------------------------------------------------------------
// What each line is

/// Is `cell` nothing but a list marker or a heading's number ("•", "1.",
/// "a)", "3.2")?
fn is_lone_marker(cell: &str) -> bool {
    let with_text = format!("{cell} x");
    let marker = list_marker(&with_text).is_some_and(|(m, _, _)| m == cell);
    let parts: Vec<&str> = cell.trim_end_matches('.').split('.').collect();
    let section = cell.len() <= 8
        && parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    marker || section
}

/// A list item's marker at the start of a line, and the length of the
/// marker with the white space after it. `strong` is false for the markers
/// that also start ordinary lines (a dash, "o").
fn list_marker(text: &str) -> Option<(&str, usize, bool)> {
    let first = text.chars().next()?;
    let rest = &text[first.len_utf8()..];
    let bullet_strong = matches!(
        first,
        '•' | '▪' | '◦' | '·' | '●' | '■' | '□' | '‣' | '⁃' | '○' | '►' | '\u{F0B7}' | '\u{F0A7}'
    );
    let bullet_weak = matches!(first, '–' | '-' | 'o' | '—');
    if (bullet_strong || bullet_weak) && (rest.starts_with(' ') || rest.is_empty()) {
        let len = first.len_utf8() + usize::from(!rest.is_empty());
        return Some((&text[..first.len_utf8()], len, bullet_strong));
    }
    let end = text.find(' ')?;
    let word = &text[..end];
    let body = word.strip_suffix(['.', ')'])?;
    let body = body.strip_prefix('(').unwrap_or(body);
    let numbered = !body.is_empty() && body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit());
    let lettered = body.len() == 1 && body.bytes().all(|b| b.is_ascii_lowercase());
    let roman = !body.is_empty()
        && body.len() <= 4
        && body.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    if numbered || lettered || roman {
        Some((word, end + 1, true))
    } else {
        None
    }
}

/// Is `s` the end of a sentence (or a clause that a list follows)?
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '”', '"', ')', '»'])
}

/// The depth of a heading's own number: "3" and "3." → 1, "3.2" → 2.
fn number_depth(text: &str) -> usize {
    let word = text.split(' ').next().unwrap_or("");
    let w = word.trim_end_matches('.');
    if text.contains(' ')
        && !w.is_empty()
        && w.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        w.split('.').count()
    } else {
        0
    }
}

/// What a line was read as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Body,
    /// A heading line of the given size class (0: the largest).
    Heading(usize),
    /// A row of table number `n`.
    Row(usize),
}

/// Marks the runs of at least two lines whose cells stand in the same
/// columns as tables, and returns each table's column lefts.
fn find_tables(lines: &[Line], body: &Body, roles: &mut [Role]) -> Vec<Vec<f32>> {
    let mut tables: Vec<Vec<f32>> = Vec::new();
    let tol = 0.6 * body.size;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].cells.len() < 2 || lines[i].size >= 1.15 * body.size {
            i += 1;
            continue;
        }
        let columns: Vec<f32> = lines[i].cells.iter().map(|(l, _)| *l).collect();
        let fits = |l: &Line| {
            l.cells
                .iter()
                .all(|(x, _)| columns.iter().any(|c| (c - x).abs() <= tol))
                && (l.cells.len() >= 2 || (l.cells[0].0 - columns[0]).abs() > tol)
        };
        let mut j = i + 1;
        while j < lines.len()
            && lines[j].page == lines[j - 1].page
            && lines[j].top - lines[j - 1].top < 3.0 * body.pitch.max(body.size)
            && fits(&lines[j])
        {
            j += 1;
        }
        if j - i >= 2 {
            for r in &mut roles[i..j] {
                *r = Role::Row(tables.len());
            }
            tables.push(columns);
        }
        i = j.max(i + 1);
    }
    tables
}

/// Is `l` a heading by its size: clearly larger than the body, and not
/// a paragraph of larger type (many words ending in a full stop)?
fn is_large_heading(l: &Line, body: &Body) -> bool {
    let words = l.text.split(' ').count();
    l.size >= 1.15 * body.size && words <= 30 && (words <= 12 || !l.text.ends_with('.'))
}

/// Is line `i` a heading in bold body type: wholly bold, short, without
/// final punctuation, and followed by body text?
fn is_bold_heading(lines: &[Line], roles: &[Role], i: usize, body: &Body) -> bool {
    let l = &lines[i];
    let t = l.text.as_str();
    let followed_by_body = lines.get(i + 1).is_some_and(|n| {
        !n.bold && n.size < 1.15 * body.size && roles[i + 1] == Role::Body && n.page <= l.page + 1
    });
    l.bold
        && l.size >= 0.95 * body.size
        && t.chars().count() <= 90
        && t.split(' ').count() <= 12
        && !t.ends_with(['.', ',', ';', ':', '!', '?', '-'])
        && followed_by_body
}

/// Marks heading lines with their size class and returns the classes'
/// sizes, largest first (a bold line of body size is the last class).
fn find_headings(lines: &[Line], body: &Body, roles: &mut [Role]) -> Vec<f32> {
    let mut sizes: Vec<f32> = Vec::new();
    let mut marks: Vec<(usize, f32)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if roles[i] != Role::Body {
            continue;
        }
        let size = if is_large_heading(l, body) {
            l.size
        } else if is_bold_heading(lines, roles, i, body) {
            // below every larger size
            body.size * 1.0001
        } else {
            continue;
        };
        marks.push((i, size));
        if !sizes.iter().any(|s| (s - size).abs() < 0.5) {
            sizes.push(size);
        }
    }
    sizes.sort_by(|a, b| b.total_cmp(a));
    for (i, size) in marks {
        let class = sizes
            .iter()
            .position(|s| (s - size).abs() < 0.5)
            .unwrap_or(0);
        roles[i] = Role::Heading(class);
    }
    sizes
}

// ---------------------------------------------------------------------------
// Blocks

/// What a block of the plan text is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A heading of a size class (levels are given at the end).
    Heading {
        class: usize,
    },
    Paragraph,
    /// A list item: its nesting depth and its marker as written (`-` for a
    /// bullet).
    Item {
        depth: usize,
        marker: String,
    },
    /// A table row, of table `table`.
    Row {
        table: usize,
        cells: Vec<String>,
    },
}

/// A block being built, with the last line read into it.
#[derive(Debug, Clone)]
struct Block {
    kind: Kind,
    text: String,
    /// The emphasis of each byte of `text` ([`BOLD`], [`ITALIC`]).
    em: Vec<u8>,
    /// 0-based page index of its first line.
    page: usize,
    first: Line,
    last: Line,
    lines: usize,
}

/// Joins `next` to the text of a block, re-joining a word hyphenated at the
/// line end.
fn join_line(text: &mut String, next: &str) {
    let mut em = vec![0; text.len()];
    join_line_em(text, &mut em, next, &vec![0; next.len()]);
}

/// [`join_line`] with the emphasis of each byte following the text (`em`
/// of `text`, `next_em` of `next`).
fn join_line_em(text: &mut String, em: &mut Vec<u8>, next: &str, next_em: &[u8]) {
    if let Some(stem) = text.strip_suffix('\u{AD}') {
        let n = stem.len();
        text.truncate(n);
        em.truncate(n);
        push_em(text, em, next, next_em, false);
    } else if crate::text::joins_hyphenated(text, next) {
        text.pop();
        em.truncate(text.len());
        push_em(text, em, next, next_em, false);
    } else if crate::text::joins_keeping_hyphen(text, next) {
        push_em(text, em, next, next_em, false);
    } else {
        if !text.is_empty() {
            text.push(' ');
            em.push(space_em(em, next_em));
        }
        push_em(text, em, next, next_em, false);
    }
}

/// A heading line's emphasis without what all its letters have: the type of
/// a heading (bold, or italic) is no emphasis, a word set off in it is.
fn heading_em(line: &Line) -> Vec<u8> {
    let all = line
        .text
        .bytes()
        .zip(&line.em)
        .filter(|(b, _)| !b.is_ascii_whitespace())
        .fold(BOLD | ITALIC, |a, (_, e)| a & e);
    line.em.iter().map(|e| e & !all).collect()
}

/// Reads the lines, with their roles, into blocks.
struct Builder<'a> {
    body: &'a Body,
    tables: &'a [Vec<f32>],
    blocks: Vec<Block>,
    /// The lefts of the markers of the list being read, outermost first.
    list: Vec<f32>,
}

impl Builder<'_> {
    fn push(&mut self, kind: Kind, text: String, em: Vec<u8>, line: &Line) {
        self.blocks.push(Block {
            kind,
            text,
            em,
            page: line.page,
            first: line.clone(),
            last: line.clone(),
            lines: 1,
        });
    }

    fn extend(&mut self, line: &Line, text: &str, em: &[u8]) {
        if let Some(b) = self.blocks.last_mut() {
            join_line_em(&mut b.text, &mut b.em, text, em);
            b.last = line.clone();
            b.lines += 1;
        }
    }

    fn line(&mut self, line: &Line, role: Role) {
        match role {
            Role::Heading(class) => self.heading(line, class),
            Role::Row(table) => self.row(line, table),
            Role::Body => self.body_line(line),
        }
    }

    fn heading(&mut self, line: &Line, class: usize) {
        self.list.clear();
        let runs_on = self.blocks.last().is_some_and(|b| {
            b.kind == Kind::Heading { class } && self.body.normal_gap(&b.last, line)
        });
        let em = heading_em(line);
        if runs_on {
            self.extend(line, &line.text, &em);
        } else {
            self.push(Kind::Heading { class }, line.text.clone(), em, line);
        }
    }

    fn row(&mut self, line: &Line, table: usize) {
        self.list.clear();
        let columns = &self.tables[table];
        let tol = 0.6 * self.body.size;
        let mut cells = vec![String::new(); columns.len()];
        for (left, text) in &line.cells {
            let col = columns
                .iter()
                .position(|c| (c - left).abs() <= tol)
                .unwrap_or(0);
            join_line(&mut cells[col], text);
        }
        // no emphasis in table cells (nor do the other readers keep it there)
        let em = vec![0; line.text.len()];
        self.push(Kind::Row { table, cells }, line.text.clone(), em, line);
    }

    fn body_line(&mut self, line: &Line) {
        let tol = 0.5 * self.body.size;
        let last = self.blocks.last();
        let continues = last.is_some_and(|b| self.continues(b, line));
        let marker = list_marker(&line.text).filter(|(_, _, strong)| {
            // a dash that starts a line of a paragraph running on is a dash
            *strong || !continues || line.left > last.map_or(0.0, |b| b.last.left) + tol
        });
        if let Some((m, len, _)) = marker {
            let depth = self.depth(line.left, tol);
            let marker = if m.chars().all(char::is_alphanumeric) || m.ends_with(['.', ')']) {
                m.to_string()
            } else {
                "-".to_string()
            };
            let rest = &line.text[len..];
            let start = len + (rest.len() - rest.trim_start().len());
            let end = len + rest.trim_end().len();
            let text = line.text[start..end].to_string();
            let em = line.em[start..end].to_vec();
            self.push(Kind::Item { depth, marker }, text, em, line);
        } else if continues {
            self.extend(line, &line.text, &line.em);
        } else {
            if !matches!(last.map(|b| &b.kind), Some(Kind::Item { .. })) || line.left <= tol {
                self.list.clear();
            }
            self.push(Kind::Paragraph, line.text.clone(), line.em.clone(), line);
        }
    }

    /// The nesting depth of a list marker at `left`.
    fn depth(&mut self, left: f32, tol: f32) -> usize {
        while self.list.last().is_some_and(|&l| l > left + tol) {
            self.list.pop();
        }
        if self.list.last().is_none_or(|&l| l < left - tol) {
            self.list.push(left);
        }
        self.list.len() - 1
    }

    /// Does `line` continue block `b` (a paragraph or a list item)?
    fn continues(&self, b: &Block, line: &Line) -> bool {
        let tol = 0.5 * self.body.size;
        let prev = &b.last;
        let indent_ok = match &b.kind {
            Kind::Paragraph => {
                (line.left - prev.left).abs() <= tol
                    // a first line indented more than the rest
                    || (b.lines == 1 && line.left < prev.left)
            }
            // the text of an item's later lines stands right of its marker
            Kind::Item { .. } => line.left > b.first.left + tol,
            _ => return false,
        };
        let same_size = (line.size - prev.size).abs() < 0.5;
        if prev.page != line.page {
            // a paragraph runs on to the next page when its last line there
            // was full and did not end a sentence
            let tol = 0.5 * self.body.size;
            return line.page == prev.page + 1
                && same_size
                && match b.kind {
                    Kind::Item { .. } => indent_ok,
                    _ => (line.left - prev.left).abs() <= tol,
                }
                && self.body.wrapped(prev, line)
                && !ends_sentence(&prev.text);
        }
        indent_ok
            && same_size
            && self.body.normal_gap(prev, line)
            && (self.body.wrapped(prev, line) || !ends_sentence(&prev.text))
    }
}

/// The heading level of each size class: the largest is level 1 when the
/// document's first heading is its only one (the title), and the sections
/// start at level 2 otherwise; a heading numbered deeper than others of its
/// size ("3.2" among "3") goes a level down.
fn levels(blocks: &[Block]) -> Vec<u8> {
    let heads: Vec<(usize, usize)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b.kind {
            Kind::Heading { class } => Some((i, class)),
            _ => None,
        })
        .collect();
    let title = heads.first().filter(|&&(i, c)| {
        c == 0
            && number_depth(&blocks[i].text) == 0
            && heads.iter().filter(|h| h.1 == 0).count() == 1
    });
    let shift = if title.is_some() { 1 } else { 2 };
    // the smallest number depth of each class, among numbered headings
    let mut min_depth: HashMap<usize, usize> = HashMap::new();
    for &(i, c) in &heads {
        let d = number_depth(&blocks[i].text);
        if d > 0 {
            let e = min_depth.entry(c).or_insert(d);
            *e = (*e).min(d);
        }
    }
    let mut out = vec![0u8; blocks.len()];
    let mut level_of_class: Vec<usize> = heads.iter().map(|h| h.1).collect();
    level_of_class.sort_unstable();
    level_of_class.dedup();
    for &(i, c) in &heads {
        let rank = level_of_class.iter().position(|&x| x == c).unwrap_or(0);
        let d = number_depth(&blocks[i].text);
        let extra = min_depth.get(&c).map_or(0, |&m| d.saturating_sub(m));
        let level = if title.is_some_and(|t| t.0 == i) {
            1
        } else {
            rank + shift + extra
        };
        out[i] = level.min(6) as u8;
    }
    out
}

/// Writes the blocks in the structured form of [`crate::plan`], with the
/// marks of their emphasis over it.
fn write_blocks(blocks: &[Block]) -> (String, Vec<Mark>) {
    let levels = levels(blocks);
    let mut out = String::new();
    let mut marks: Vec<Mark> = Vec::new();
    let mut within: Vec<Range<usize>> = Vec::new();
    let mut page = blocks.first().map_or(0, |b| b.page);
    let mut prev: Option<&Kind> = None;
    for (i, b) in blocks.iter().enumerate() {
        if b.text.trim().is_empty() {
            continue;
        }
        let tight = match (prev, &b.kind) {
            (Some(Kind::Item { .. }), Kind::Item { .. }) => true,
            (Some(Kind::Row { table: a, .. }), Kind::Row { table: t, .. }) => a == t,
            _ => false,
        };
        let sep = if tight { "\n" } else { "\n\n" };
        if prev.is_some() {
            out.push_str(sep);
            while page < b.page {
                out.push('\u{000C}');
                out.push_str(sep);
                page += 1;
            }
        }
        page = page.max(b.page);
        if let Some(at) = write_block(&mut out, b, levels[i], prev) {
            within.push(at..at + b.text.len());
            marks.extend(em_marks(&b.em, at));
        }
        prev = Some(&b.kind);
    }
    let marks = emphasis::normalize(&marks, &out, &within);
    (out, marks)
}

/// The stretches of emphasised bytes in `em`, as marks from byte `at` on.
fn em_marks(em: &[u8], at: usize) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < em.len() {
        let bits = em[i];
        let n = em[i..].iter().take_while(|&&b| b == bits).count();
        if bits != 0 {
            out.push(Mark {
                range: at + i..at + i + n,
                em: Em {
                    bold: bits & BOLD != 0,
                    italic: bits & ITALIC != 0,
                },
            });
        }
        i += n;
    }
    out
}

/// Writes one block; returns where its text starts in `out` when it may
/// carry emphasis (not in a table row).
fn write_block(out: &mut String, b: &Block, level: u8, prev: Option<&Kind>) -> Option<usize> {
    match &b.kind {
        Kind::Heading { .. } => {
            out.push_str(&"#".repeat(level.max(1) as usize));
            out.push(' ');
        }
        Kind::Paragraph => {
            if crate::doc::needs_escape(&b.text) {
                out.push('\\');
            }
        }
        Kind::Item { depth, marker } => {
            out.push_str(&"  ".repeat(*depth));
            out.push_str(marker);
            out.push(' ');
        }
        Kind::Row { table, cells } => {
            let cell = |c: &String| c.replace('|', "\\|");
            let row: Vec<String> = cells.iter().map(cell).collect();
            out.push_str(&format!("| {} |", row.join(" | ")));
            let first = !matches!(prev, Some(Kind::Row { table: t, .. }) if t == table);
            if first {
                let delim = vec!["---"; cells.len()].join(" | ");
                out.push_str(&format!("\n| {delim} |"));
            }
            return None;
        }
    }
    let at = out.len();
    out.push_str(&b.text);
    Some(at)
}

/// Reads the XML that `pdftohtml -xml -i -enc UTF-8` writes into plan text.
///
/// This is the whole reader but for running the program: tests feed it XML
/// they wrote.
pub fn from_pdftohtml_xml(xml: &str) -> Result<Read, PdfError> {
    from_pages(parse_xml(xml)?)
}

/// Reads pages of placed text into plan text: the reader without the XML,
/// for text that comes from elsewhere (the browser's pdf.js).
pub fn from_pages(pages: Vec<Page>) -> Result<Read, PdfError> {
    if pages.len() > MAX_PAGES {
        return Err(PdfError::Corrupt {
            detail: format!("{} pages; the most read is {MAX_PAGES}", pages.len()),
        });
    }
    if pages.is_empty() {
        return Err(PdfError::Corrupt {
            detail: "pdftohtml found no pages".to_string(),
        });
    }
    let n_pages = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    let mut lines: Vec<Line> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| page_lines(i, p))
        .collect();
    if lines.is_empty() {
        return Err(PdfError::NoText { pages: n_pages });
    }
    let notes = remove_running(&mut lines, &pages);
    let body = Body::measure(&lines);
    let mut roles = vec![Role::Body; lines.len()];
    let tables = find_tables(&lines, &body, &mut roles);
    find_headings(&lines, &body, &mut roles);
    let mut b = Builder {
        body: &body,
        tables: &tables,
        blocks: Vec::new(),
        list: Vec::new(),
    };
    for (line, role) in lines.iter().zip(&roles) {
        b.line(line, *role);
    }
    let (mut text, marks) = write_blocks(&b.blocks);
    text.push('\n');
    Ok(Read {
        text,
        marks,
        pages: n_pages,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_forms() {
        assert_eq!(shown_page_number("7"), Some(7));
        assert_eq!(shown_page_number("Sida 7 (9)"), Some(7));
        assert_eq!(shown_page_number("sida 7 av 9"), Some(7));
        assert_eq!(shown_page_number("7/9"), Some(7));
        assert_eq!(shown_page_number("– 7 –"), Some(7));
        assert_eq!(shown_page_number("7 kronor"), None);
        assert_eq!(shown_page_number("3.2 Lokaler"), None);
    }

    #[test]
    fn lone_markers() {
        for m in ["•", "1.", "a)", "3.2", "iv."] {
            assert!(is_lone_marker(m), "{m}");
        }
        for m in ["2023", "Hyror", "4500", "3"] {
            assert!(!is_lone_marker(m), "{m}");
        }
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("• Text"), Some(("•", "• ".len(), true)));
        assert_eq!(list_marker("1. Text"), Some(("1.", 3, true)));
        assert_eq!(list_marker("a) Text"), Some(("a)", 3, true)));
        assert_eq!(list_marker("iv. Text"), Some(("iv.", 4, true)));
        assert_eq!(list_marker("– Text"), Some(("–", "– ".len(), false)));
        assert_eq!(list_marker("3.2 Lokaler"), None);
        assert_eq!(list_marker("Det. Text"), None);
        assert_eq!(list_marker("2023 års"), None);
    }

    #[test]
    fn heading_numbers() {
        assert_eq!(number_depth("3.2 Lokaler"), 2);
        assert_eq!(number_depth("1. Inledning"), 1);
        assert_eq!(number_depth("Inledning"), 0);
        assert_eq!(number_depth("2023"), 0);
    }
}
