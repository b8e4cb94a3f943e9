//! Correcting a plan after it was pasted or read: a block made a heading of
//! some level, a paragraph or a list item, two blocks joined, a block split.
//!
//! Plans pasted from a PDF or read from a Word file are split into blocks by
//! heuristics, which sometimes guess wrong: a bold line not taken as a
//! heading, a paragraph cut in two at a page break, two paragraphs run
//! together, a running header taken for text. Each [`PlanEdit`] names a block by its index (from 0, as in
//! [`Document::blocks`]) and [`edit`] returns the corrected plan as text in
//! the structured form of [`crate::plan`] (with its page breaks), so the
//! plan's format becomes [`SourceFormat::Structured`]. Every block the edit
//! does not touch keeps its kind, text, marker and page.
//!
//! An edit that makes no sense is an [`Error::PlanEdit`] naming the block by
//! its number (from 1, as `amend plan` lists them) and what is wrong, or an
//! [`Error::NoSuchBlock`].

use crate::doc::{join_lines, SourceFormat};
use crate::doc::{marker_token, tight, write_line, Block, BlockKind, Document, RawBlock};
use crate::error::Error;
use crate::text::{excerpt, nfc};
use serde::{Deserialize, Serialize};

/// One correction of a plan's blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum PlanEdit {
    /// Make block `block` a heading of `level` (1 to 6). A list item's
    /// number stays in the heading's text ("1. Inledning").
    Heading { block: usize, level: u8 },
    /// Make block `block` a paragraph of body text.
    Paragraph { block: usize },
    /// Make block `block` an item of a list: its marker is the number or
    /// letter its text starts with ("1. …", "a) …"), or a bullet.
    ListItem { block: usize },
    /// Join block `block` with the next one: one space between them, or
    /// none where a word was hyphenated at the cut ("kärn-" + "verksamheter").
    /// The joined block keeps the first one's kind and page.
    Join { block: usize },
    /// Split block `block` in two at `at`: the first part keeps the block's
    /// kind, the second is a paragraph (or, in a list, an item when it starts
    /// with a marker).
    Split { block: usize, at: SplitAt },
    /// Remove block `block`: a running header or footer, a page number, that
    /// the reader took for text of the plan.
    Remove { block: usize },
}

/// Where to split a block's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitAt {
    /// Before the character at this offset (in characters, from 0).
    Char(usize),
    /// Before this offset in UTF-16 code units (what the browser counts).
    Utf16(usize),
    /// Before this text, which must stand once in the block.
    Text(String),
}

impl PlanEdit {
    /// The index of the block the edit starts from.
    pub fn block(&self) -> usize {
        match *self {
            PlanEdit::Heading { block, .. }
            | PlanEdit::Paragraph { block }
            | PlanEdit::ListItem { block }
            | PlanEdit::Join { block }
            | PlanEdit::Split { block, .. }
            | PlanEdit::Remove { block } => block,
        }
    }
}

/// A name for a block's kind in messages: "a heading of level 2".
fn kind_name(b: &RawBlock) -> String {
    match b.kind {
        BlockKind::Heading { level } => format!("a heading of level {level}"),
        BlockKind::Paragraph => "a paragraph".into(),
        BlockKind::ListItem => "a list item".into(),
        BlockKind::TableRow => "a table row".into(),
    }
}

/// The plan's blocks as a reader would hand them over, page breaks and
/// list and table tightness as the canonical text has them.
fn raw_blocks(doc: &Document) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::with_capacity(doc.blocks.len());
    let mut prev: Option<&Block> = None;
    for b in &doc.blocks {
        let tight = prev.is_some_and(|p| {
            tight(p.kind, b.kind) && doc.canonical.get(p.range.end..b.range.start) == Some("\n")
        });
        out.push(RawBlock {
            kind: b.kind,
            text: b.text.clone(),
            page: b.page,
            marker: b.marker.clone(),
            depth: b.depth,
            tight,
            source_start: None,
            marks: Vec::new(),
        });
        prev = Some(b);
    }
    out
}

/// Writes blocks in the structured form: a blank line between blocks (a
/// single newline between the items of a list and the rows of a table), a
/// form feed on a line of its own where a new page starts.
fn write(blocks: &[RawBlock]) -> String {
    let mut out = String::new();
    let mut page = 1;
    for (i, b) in blocks.iter().enumerate() {
        let tight_here = i > 0 && b.tight && tight(blocks[i - 1].kind, b.kind);
        let sep = if tight_here { "\n" } else { "\n\n" };
        if i > 0 {
            out.push_str(sep);
        }
        while page < b.page {
            out.push('\u{000C}');
            out.push_str(if i > 0 { sep } else { "\n" });
            page += 1;
        }
        write_line(&mut out, b);
    }
    out.push('\n');
    out
}

/// The plan in the structured form of [`crate::plan`], page breaks
/// included: read with [`SourceFormat::Structured`] it gives the same
/// blocks.
pub fn structured(doc: &Document) -> String {
    write(&raw_blocks(doc))
}

/// The error of an edit of block `i`.
fn problem(blocks: &[RawBlock], i: usize, what: String) -> Error {
    Error::PlanEdit {
        number: i + 1,
        excerpt: excerpt(&blocks[i].text, 40),
        problem: what,
    }
}

/// A list item's marker as text before the item's text, when it says
/// something (a number or a letter; a bullet says nothing).
fn with_marker(b: &RawBlock) -> String {
    if b.kind == BlockKind::ListItem && !b.marker.is_empty() && b.marker != "-" {
        format!("{} {}", b.marker, b.text)
    } else {
        b.text.clone()
    }
}

/// The byte offset in `text` where a split at `at` falls.
fn split_offset(blocks: &[RawBlock], i: usize, at: &SplitAt) -> Result<usize, Error> {
    let text = &blocks[i].text;
    let chars = text.chars().count();
    match at {
        SplitAt::Char(n) => text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .nth(*n)
            .ok_or_else(|| {
                problem(
                    blocks,
                    i,
                    format!("it has {chars} characters; there is no character {n} to split at"),
                )
            }),
        SplitAt::Utf16(u) => {
            let mut units = 0;
            for (b, c) in text.char_indices() {
                if units == *u {
                    return Ok(b);
                }
                if units > *u {
                    break;
                }
                units += c.len_utf16();
            }
            if units == *u {
                return Ok(text.len());
            }
            Err(problem(
                blocks,
                i,
                format!("offset {u} (UTF-16) is not between two characters of its text"),
            ))
        }
        SplitAt::Text(t) => {
            let t = nfc(t.trim());
            if t.is_empty() {
                return Err(problem(blocks, i, "the text to split at is empty".into()));
            }
            let found: Vec<usize> = text.match_indices(t.as_ref()).map(|(b, _)| b).collect();
            match found.as_slice() {
                [b] => Ok(*b),
                [] => Err(problem(
                    blocks,
                    i,
                    format!("it does not have the text ”{t}”"),
                )),
                more => Err(problem(
                    blocks,
                    i,
                    format!(
                        "”{t}” stands {} times in it; give more of the text to split at",
                        more.len()
                    ),
                )),
            }
        }
    }
}

/// Applies `edit` to the blocks.
fn apply(blocks: &mut Vec<RawBlock>, edit: &PlanEdit) -> Result<(), Error> {
    let i = edit.block();
    if i >= blocks.len() {
        return Err(Error::NoSuchBlock {
            number: i.saturating_add(1),
            blocks: blocks.len(),
        });
    }
    let b = &blocks[i];
    match edit {
        PlanEdit::Heading { level, .. } => {
            if !(1..=6).contains(level) {
                return Err(problem(
                    blocks,
                    i,
                    format!("a heading's level is 1 to 6, not {level}"),
                ));
            }
            if b.kind == (BlockKind::Heading { level: *level }) {
                return Err(problem(
                    blocks,
                    i,
                    format!("it is already {}", kind_name(b)),
                ));
            }
            if b.kind == BlockKind::TableRow {
                return Err(problem(
                    blocks,
                    i,
                    "a table row cannot become a heading; make it a paragraph first".into(),
                ));
            }
            let text = with_marker(b);
            blocks[i] = RawBlock {
                kind: BlockKind::Heading { level: *level },
                text,
                page: b.page,
                ..Default::default()
            };
        }
        PlanEdit::Paragraph { .. } => {
            if b.kind == BlockKind::Paragraph {
                return Err(problem(blocks, i, "it is already a paragraph".into()));
            }
            let text = with_marker(b);
            blocks[i] = RawBlock::new(BlockKind::Paragraph, text, b.page);
        }
        PlanEdit::ListItem { .. } => {
            match b.kind {
                BlockKind::ListItem => {
                    return Err(problem(blocks, i, "it is already a list item".into()))
                }
                BlockKind::TableRow => {
                    return Err(problem(
                        blocks,
                        i,
                        "a table row cannot become a list item; make it a paragraph first".into(),
                    ))
                }
                _ => {}
            }
            // "1. Inledning" → item "1." with the text "Inledning"
            let (marker, text) = match marker_token(&b.text) {
                Some(m) => (b.text[..m].to_string(), b.text[m + 1..].trim().to_string()),
                None => ("-".to_string(), b.text.clone()),
            };
            blocks[i] = RawBlock {
                kind: BlockKind::ListItem,
                text,
                page: b.page,
                marker,
                ..Default::default()
            };
        }
        PlanEdit::Join { .. } => {
            let Some(next) = blocks.get(i + 1) else {
                return Err(problem(
                    blocks,
                    i,
                    "it is the plan's last block; there is no next block to join it with".into(),
                ));
            };
            if b.kind == BlockKind::TableRow || next.kind == BlockKind::TableRow {
                return Err(problem(
                    blocks,
                    i,
                    format!(
                        "{} cannot be joined with {}: table rows are not joined",
                        kind_name(b),
                        kind_name(next)
                    ),
                ));
            }
            let text = join_lines(&[b.text.as_str(), with_marker(next).as_str()]);
            blocks[i].text = text;
            blocks.remove(i + 1);
        }
        PlanEdit::Split { at, .. } => {
            if b.kind == BlockKind::TableRow {
                return Err(problem(blocks, i, "a table row cannot be split".into()));
            }
            let cut = split_offset(blocks, i, at)?;
            let (head, tail) = b.text.split_at(cut);
            let (head, tail) = (head.trim_end(), tail.trim_start());
            if head.is_empty() || tail.is_empty() {
                let end = if head.is_empty() { "start" } else { "end" };
                return Err(problem(
                    blocks,
                    i,
                    format!("a split at the {end} of its text leaves an empty block"),
                ));
            }
            let mut second = RawBlock::new(BlockKind::Paragraph, tail.to_string(), b.page);
            if b.kind == BlockKind::ListItem {
                if let Some(m) = marker_token(tail) {
                    second = RawBlock {
                        kind: BlockKind::ListItem,
                        text: tail[m + 1..].trim().to_string(),
                        page: b.page,
                        marker: tail[..m].to_string(),
                        depth: b.depth,
                        tight: true,
                        source_start: None,
                        marks: Vec::new(),
                    };
                }
            }
            blocks[i].text = head.to_string();
            blocks.insert(i + 1, second);
        }
        PlanEdit::Remove { .. } => {
            if blocks.len() == 1 {
                return Err(problem(
                    blocks,
                    i,
                    "it is the plan's only block; a plan cannot be empty".into(),
                ));
            }
            blocks.remove(i);
        }
    }
    // the blocks around the edit sit tight only if their kinds do
    for j in i..blocks.len().min(i + 2) {
        if j > 0 {
            let t = tight(blocks[j - 1].kind, blocks[j].kind);
            blocks[j].tight = t;
        }
    }
    Ok(())
}

/// The plan `doc` with `edit` made, as text in the structured form (read it
/// with [`SourceFormat::Structured`]).
pub fn edit(doc: &Document, edit: &PlanEdit) -> Result<String, Error> {
    let mut blocks = raw_blocks(doc);
    apply(&mut blocks, edit)?;
    let text = write(&blocks);
    // what was written reads back as the blocks meant
    debug_assert_eq!(
        Document::parse(&text, SourceFormat::Structured)
            .map(|d| d.blocks.len())
            .ok(),
        Some(blocks.len()),
        "{text}"
    );
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, format: SourceFormat) -> Document {
        Document::parse(text, format).unwrap()
    }

    /// (kind, text, page) of every block.
    fn shape(d: &Document) -> Vec<(String, String, u32)> {
        d.blocks
            .iter()
            .map(|b| {
                let k = match b.kind {
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::Paragraph => "p".into(),
                    BlockKind::ListItem => {
                        format!("li{}{}", " ".repeat(b.depth as usize), b.marker)
                    }
                    BlockKind::TableRow => "tr".into(),
                };
                (k, b.text.clone(), b.page)
            })
            .collect()
    }

    fn edited(d: &Document, e: PlanEdit) -> Document {
        let text = edit(d, &e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
        parse(&text, SourceFormat::Structured)
    }

    fn error(d: &Document, e: PlanEdit) -> String {
        edit(d, &e).expect_err("an error").to_string()
    }

    /// pdftotext's output of tests/plans/pdf-features.pdf: a plan pasted
    /// from a PDF, with the defects such text has.
    const PASTED: &str = include_str!("../../tests/plans/pasted-features.txt");

    #[test]
    fn structured_form_reads_back_as_the_same_blocks() {
        let example = include_str!("../../examples/alingsas-ks-2023-217/plan.txt");
        let md = "# Plan\n\n## A\n\nText.\n\n- x\n- y\n\n1. ett\n  a) två\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n\\# inte en rubrik\n";
        for (text, format) in [
            (example, SourceFormat::Text),
            (PASTED, SourceFormat::Text),
            (md, SourceFormat::Markdown),
        ] {
            let d = parse(text, format);
            let again = parse(&structured(&d), SourceFormat::Structured);
            assert_eq!(shape(&again), shape(&d));
            assert_eq!(again.canonical, d.canonical);
        }
        // pages are kept, an empty page too
        let d = parse(
            "A\n\nText ett.\n\u{000C}\u{000C}Text tre.\n",
            SourceFormat::Text,
        );
        assert_eq!(d.pages(), 3);
        let s = structured(&d);
        assert_eq!(parse(&s, SourceFormat::Structured).pages(), 3, "{s:?}");
    }

    #[test]
    fn the_pasted_plan_corrected() {
        let d = parse(PASTED, SourceFormat::Text);
        let find = |d: &Document, start: &str| {
            d.blocks
                .iter()
                .position(|b| b.text == start || b.text.starts_with(&format!("{start} ")))
                .unwrap_or_else(|| panic!("no block starts ”{start}”: {:#?}", shape(d)))
        };
        let n = d.blocks.len();
        // the running header taken for the title, the title for a heading
        // below it: the header removed, the title the top heading
        assert_eq!(d.blocks[0].text, "Testkommunen · Plan för lokaler 2024");
        assert_eq!(d.blocks[0].level(), Some(1));
        assert_eq!(d.blocks[1].text, "Plan för lokaler och service");
        assert_eq!(d.blocks[1].level(), Some(2));
        let d = edited(&d, PlanEdit::Remove { block: 0 });
        let d = edited(&d, PlanEdit::Heading { block: 0, level: 1 });
        assert_eq!(d.blocks.len(), n - 1);

        // "1. Inledning" read as an item of a numbered list: a heading
        let intro = find(&d, "Inledning");
        assert_eq!(d.blocks[intro].kind, BlockKind::ListItem);
        let d = edited(
            &d,
            PlanEdit::Heading {
                block: intro,
                level: 2,
            },
        );
        assert_eq!(d.blocks[intro].text, "1. Inledning");
        assert_eq!(d.blocks[intro].parent, Some(0));
        assert_eq!(d.blocks[intro + 1].parent, Some(intro));

        // a heading run into the paragraph after it: split, and marked
        let run = find(&d, "3.1 Samordning Samordningen omfattar");
        assert_eq!(d.blocks[run].kind, BlockKind::Paragraph);
        let d = edited(
            &d,
            PlanEdit::Split {
                block: run,
                at: SplitAt::Text("Samordningen omfattar".into()),
            },
        );
        let d = edited(
            &d,
            PlanEdit::Heading {
                block: run,
                level: 3,
            },
        );
        assert_eq!(d.find_headings("Samordning"), vec![run]);
        assert_eq!(
            d.blocks[run + 1].text,
            "Samordningen omfattar flera områden:"
        );
        assert_eq!(d.blocks[run + 1].parent, Some(run));

        // a bullet's text taken for a heading, the last bullet for a paragraph
        let lokaler = find(&d, "Lokaler");
        assert_eq!(d.blocks[lokaler].level(), Some(3));
        let d = edited(&d, PlanEdit::ListItem { block: lokaler });
        let service = find(&d, "Service");
        assert_eq!(d.blocks[service].kind, BlockKind::Paragraph);
        let d = edited(&d, PlanEdit::ListItem { block: service });
        assert_eq!(
            shape(&d)[lokaler..=service]
                .iter()
                .map(|(k, t, _)| format!("{k} {t}"))
                .collect::<Vec<_>>(),
            ["li- Lokaler", "li- skolor", "li- förskolor", "li- Service"]
        );
        // one list: the items on consecutive lines
        assert!(d
            .canonical
            .contains("\n\n- Lokaler\n- skolor\n- förskolor\n- Service\n\n"));
        // "Samordning" is now the section of the list, not "Lokaler"
        assert_eq!(
            d.section_of(service).map(|b| b.text.as_str()),
            Some("3.1 Samordning")
        );

        // the table's last numbers ran into the sentence after the table
        let sum = find(&d, "3000 1500 4500 Tabellen");
        let d = edited(
            &d,
            PlanEdit::Split {
                block: sum,
                at: SplitAt::Text("Tabellen".into()),
            },
        );
        assert_eq!(d.blocks[sum].text, "3000 1500 4500");
        assert_eq!(
            d.blocks[sum + 1].text,
            "Tabellen visar kostnaderna i tusentals kronor per år."
        );

        // the running header on pages 2 and 3, the second in the middle of
        // a paragraph cut at the page break
        let header = find(&d, "Testkommunen");
        assert_eq!(
            (d.blocks[header].level(), d.blocks[header].page),
            (Some(4), 2)
        );
        let d = edited(&d, PlanEdit::Remove { block: header });
        let header = find(&d, "Testkommunen");
        assert_eq!(d.blocks[header].page, 3);
        assert!(d.blocks[header - 1].text.ends_with("vilket gör att en"));
        let d = edited(&d, PlanEdit::Remove { block: header });
        let d = edited(&d, PlanEdit::Join { block: header - 1 });
        let cut = &d.blocks[header - 1];
        assert!(cut.text.contains("vilket gör att en noggrann uppföljning"));
        assert_eq!(cut.page, 2);
        assert!(d.blocks.iter().all(|b| !b.text.contains("Testkommunen")));
        assert_eq!(d.blocks.len(), n - 3 + 2 - 1);
        // the plan's last page is still page 3, though no block starts on it
        assert_eq!(d.blocks.last().unwrap().page, 2);
        let text = structured(&d);
        assert_eq!(text.matches('\u{000C}').count(), 1, "{text}");
    }

    #[test]
    fn headings_and_paragraphs() {
        let d = parse(
            "# Plan\n\nLokaler\n\nVi ska ha färre lokaler.\n\n1. Inledning\n2. Mål\n",
            SourceFormat::Structured,
        );
        let e = edited(&d, PlanEdit::Heading { block: 1, level: 2 });
        assert_eq!(e.blocks[1].level(), Some(2));
        assert_eq!(e.blocks[2].parent, Some(1));
        assert_eq!(e.find_headings("Lokaler"), vec![1]);
        // back again
        let f = edited(&e, PlanEdit::Paragraph { block: 1 });
        assert_eq!(shape(&f), shape(&d));
        // a numbered item keeps its number in the heading, and gets it back
        let e = edited(&d, PlanEdit::Heading { block: 3, level: 2 });
        assert_eq!(e.blocks[3].text, "1. Inledning");
        assert_eq!(e.blocks[4].kind, BlockKind::ListItem);
        assert!(
            e.canonical.ends_with("## 1. Inledning\n\n2. Mål\n"),
            "{}",
            e.canonical
        );
        let f = edited(&e, PlanEdit::ListItem { block: 3 });
        assert_eq!(shape(&f), shape(&d));
        assert_eq!(f.canonical, d.canonical);
        // a paragraph that reads as markup stays a paragraph
        let e = edited(&d, PlanEdit::Paragraph { block: 0 });
        let e = edited(&e, PlanEdit::Paragraph { block: 3 });
        assert_eq!(e.blocks[3].kind, BlockKind::Paragraph);
        assert_eq!(e.blocks[3].text, "1. Inledning");
    }

    #[test]
    fn join_and_split() {
        let d = parse(
            "# Plan\n\nKommunen ska arbeta med kärn-\n\nverksamheterna och förskole-\n\noch skolenheterna.\n\nDet här stycket fortsätter\n\u{000C}\n\npå nästa sida.\n\nSista stycket.\n",
            SourceFormat::Structured,
        );
        assert_eq!(d.blocks.len(), 7);
        let e = edited(&d, PlanEdit::Join { block: 1 });
        let e = edited(&e, PlanEdit::Join { block: 1 });
        assert_eq!(
            e.blocks[1].text,
            "Kommunen ska arbeta med kärnverksamheterna och förskole- och skolenheterna."
        );
        // a paragraph cut at a page break: joined, on the first page
        let e = edited(&e, PlanEdit::Join { block: 2 });
        assert_eq!(
            e.blocks[2].text,
            "Det här stycket fortsätter på nästa sida."
        );
        assert_eq!(e.blocks[2].page, 1);
        assert_eq!(e.blocks[3].page, 2);
        assert_eq!(e.pages(), 2);
        // split back where it was joined
        let f = edited(
            &e,
            PlanEdit::Split {
                block: 2,
                at: SplitAt::Char("Det här stycket fortsätter ".chars().count()),
            },
        );
        assert_eq!(f.blocks[2].text, "Det här stycket fortsätter");
        assert_eq!(f.blocks[3].text, "på nästa sida.");
        assert_eq!(f.blocks[3].page, 1);
        // UTF-16 offsets (the browser's)
        let s = "Kommunen ska arbeta med kärnverksamheterna och ";
        let f = edited(
            &e,
            PlanEdit::Split {
                block: 1,
                at: SplitAt::Utf16(s.encode_utf16().count()),
            },
        );
        assert_eq!(f.blocks[2].text, "förskole- och skolenheterna.");
        // a heading with its text run in
        let d = parse(
            "# Plan\n\n## Lokaler Vi ska ha färre lokaler.\n",
            SourceFormat::Structured,
        );
        let e = edited(
            &d,
            PlanEdit::Split {
                block: 1,
                at: SplitAt::Text("Vi ska".into()),
            },
        );
        assert_eq!(
            shape(&e)[1..],
            [
                ("h2".into(), "Lokaler".into(), 1),
                ("p".into(), "Vi ska ha färre lokaler.".into(), 1)
            ]
        );
        // two items run together
        let d = parse("- ett 2. två\n", SourceFormat::Structured);
        let e = edited(
            &d,
            PlanEdit::Split {
                block: 0,
                at: SplitAt::Text("2.".into()),
            },
        );
        assert_eq!(e.canonical, "- ett\n2. två\n");
    }

    #[test]
    fn what_cannot_be_done_is_said() {
        let d = parse(
            "# Plan\n\nText om lokaler, om lokaler.\n\n| a | b |\n| 1 | 2 |\n",
            SourceFormat::Structured,
        );
        assert_eq!(
            error(&d, PlanEdit::Join { block: 7 }),
            "there is no block 8; the plan has 4 blocks"
        );
        assert_eq!(
            error(&d, PlanEdit::Heading { block: 1, level: 7 }),
            "block 2 (”Text om lokaler, om lokaler.”): a heading's level is 1 to 6, not 7"
        );
        assert!(error(&d, PlanEdit::Heading { block: 0, level: 1 })
            .ends_with("it is already a heading of level 1"));
        assert!(error(&d, PlanEdit::Paragraph { block: 1 }).ends_with("it is already a paragraph"));
        assert!(error(&d, PlanEdit::Heading { block: 2, level: 2 })
            .contains("a table row cannot become a heading"));
        assert!(error(&d, PlanEdit::ListItem { block: 2 })
            .contains("a table row cannot become a list item"));
        assert_eq!(
            error(&d, PlanEdit::Join { block: 1 }),
            "block 2 (”Text om lokaler, om lokaler.”): a paragraph cannot be joined with a table row: table rows are not joined"
        );
        assert!(error(&d, PlanEdit::Join { block: 3 }).contains("the plan's last block"));
        let one = parse("Ett stycke.\n", SourceFormat::Structured);
        assert!(error(&one, PlanEdit::Remove { block: 0 }).ends_with("a plan cannot be empty"));
        assert!(error(
            &d,
            PlanEdit::Split {
                block: 2,
                at: SplitAt::Char(2)
            }
        )
        .ends_with("a table row cannot be split"));
        for (at, end) in [
            (SplitAt::Char(0), "start"),
            (SplitAt::Text("Text".into()), "start"),
            (SplitAt::Char(28), "end"),
        ] {
            assert!(
                error(
                    &d,
                    PlanEdit::Split {
                        block: 1,
                        at: at.clone()
                    }
                )
                .ends_with(&format!(
                    "a split at the {end} of its text leaves an empty block"
                )),
                "{at:?}"
            );
        }
        assert!(error(
            &d,
            PlanEdit::Split {
                block: 1,
                at: SplitAt::Char(29)
            }
        )
        .ends_with("it has 28 characters; there is no character 29 to split at"));
        assert!(error(
            &d,
            PlanEdit::Split {
                block: 1,
                at: SplitAt::Text("om lokaler".into())
            }
        )
        .ends_with("”om lokaler” stands 2 times in it; give more of the text to split at"));
        assert!(error(
            &d,
            PlanEdit::Split {
                block: 1,
                at: SplitAt::Text("skolor".into())
            }
        )
        .ends_with("it does not have the text ”skolor”"));
        // inside a character that takes two UTF-16 units
        let d = parse("Ett 𝔸 två.\n", SourceFormat::Structured);
        assert!(error(
            &d,
            PlanEdit::Split {
                block: 0,
                at: SplitAt::Utf16(5)
            }
        )
        .contains("not between two characters"));
        assert_eq!(
            edited(
                &d,
                PlanEdit::Split {
                    block: 0,
                    at: SplitAt::Utf16(6)
                }
            )
            .blocks[1]
                .text,
            "två."
        );
        // every error names its kind for the app
        assert_eq!(
            edit(&d, &PlanEdit::Join { block: 0 }).unwrap_err().code(),
            "plan_edit"
        );
        assert_eq!(
            edit(&d, &PlanEdit::Join { block: 1 }).unwrap_err().code(),
            "no_such_block"
        );
    }

    #[test]
    fn every_block_of_the_example_made_a_heading_and_back() {
        let d = parse(
            include_str!("../../examples/alingsas-ks-2023-217/plan.txt"),
            SourceFormat::Text,
        );
        for i in 0..d.blocks.len() {
            let back = match d.blocks[i].kind {
                BlockKind::Heading { level } => {
                    let e = edited(&d, PlanEdit::Paragraph { block: i });
                    edited(&e, PlanEdit::Heading { block: i, level })
                }
                BlockKind::Paragraph => {
                    let e = edited(&d, PlanEdit::Heading { block: i, level: 3 });
                    assert_eq!(e.blocks[i].level(), Some(3));
                    edited(&e, PlanEdit::Paragraph { block: i })
                }
                _ => continue,
            };
            assert_eq!(shape(&back), shape(&d), "block {i}");
        }
    }

    #[test]
    fn edits_cross_as_json() {
        let e: PlanEdit =
            serde_json::from_str(r#"{"action":"split","block":3,"at":{"utf16":17}}"#).unwrap();
        assert_eq!(
            e,
            PlanEdit::Split {
                block: 3,
                at: SplitAt::Utf16(17)
            }
        );
        let e: PlanEdit =
            serde_json::from_str(r#"{"action":"heading","block":0,"level":2}"#).unwrap();
        assert_eq!(e, PlanEdit::Heading { block: 0, level: 2 });
    }
}
