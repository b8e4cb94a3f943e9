//! The plan: its model ([`doc`]) and one reader per format it arrives in.
//!
//! A reader turns a file into plan text in amend's *structured form*, which
//! [`crate::doc::Document::parse`] reads with `SourceFormat::Docx` or
//! `SourceFormat::Pdf` (the form is the same; the name records where it came
//! from):
//!
//! - one block per line; blocks are separated by one blank line, except
//!   consecutive items of one list and consecutive rows of one table, which
//!   are separated by a single newline;
//! - a heading is `#` × level, a space and the heading's text with its
//!   number as the document shows it: `## 3.2 Lokaler`;
//! - a list item is two spaces per nesting level, the marker as the document
//!   shows it (`1.`, `1)`, `a)`, `i.` for numbered items, `-` for any
//!   bullet), a space and the text: `  a) Spara.`;
//! - a table row is `| cell | cell |`, with a `|` inside a cell written `\|`;
//!   the first row of a table is followed by a delimiter row `| --- | --- |`;
//! - a page break is a line holding only a form feed (U+000C) between two
//!   blocks: the block after it starts a new page.

pub mod doc;
#[cfg(feature = "formats")]
pub mod docx;
#[cfg(feature = "correct")]
pub mod edit;
pub mod emphasis;
#[cfg(feature = "markdown")]
pub mod markdown;
pub mod numbering;
#[cfg(feature = "formats")]
pub mod pdf;
pub mod versions;
