//! Reading a Markdown plan with a CommonMark parser (pulldown-cmark, with
//! GitHub's tables).
//!
//! Every block keeps where it starts in the source, so that a plan whose
//! blocks are not changed is written back exactly as it came in (see
//! [`crate::export::splice_source`]). Inline markup (emphasis, links, code)
//! is read as its text: quotes match the words a reader sees. Emphasis
//! (`*…*`, `**…**`) is kept beside the text, as the block's marks (see
//! [`crate::plan::emphasis`]); not in table cells.

use crate::doc::{BlockKind, RawBlock};
use crate::plan::emphasis::{self, Em, Mark};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The blocks of a Markdown text, each with its source offset.
pub(crate) fn parse(input: &str) -> Vec<RawBlock> {
    let mut b = Builder::new(input);
    for (event, range) in Parser::new_ext(input, Options::ENABLE_TABLES).into_offset_iter() {
        b.event(event, range);
    }
    b.finish_block();
    b.out
}

struct Builder<'s> {
    src: &'s str,
    out: Vec<RawBlock>,
    /// The block being read and its text so far.
    cur: Option<RawBlock>,
    /// Markers of the open lists, innermost last: `None` for a bullet list,
    /// the delimiter (`.` or `)`) for an ordered one.
    lists: Vec<Option<char>>,
    /// Is the current list item's first paragraph still to come?
    item_open: bool,
    /// The cells of the table row being read.
    cells: Option<Vec<String>>,
    /// Page breaks (form feeds) counted up to `counted`.
    page: u32,
    counted: usize,
    /// How many strong and emphasis spans are open.
    bold: u32,
    italic: u32,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str) -> Self {
        Builder {
            src,
            out: Vec::new(),
            cur: None,
            lists: Vec::new(),
            item_open: false,
            cells: None,
            page: 1,
            counted: 0,
            bold: 0,
            italic: 0,
        }
    }

    fn page_at(&mut self, at: usize) -> u32 {
        if at > self.counted {
            self.page += self.src[self.counted..at].matches('\u{000C}').count() as u32;
            self.counted = at;
        }
        self.page
    }

    fn start_block(&mut self, kind: BlockKind, at: usize) {
        self.finish_block();
        // a block's place starts with its line's indent, so that a block
        // written anew does not take the indent of the one after it
        let line_start = self.src[..at].rfind('\n').map_or(0, |i| i + 1);
        let at = if self.src[line_start..at]
            .bytes()
            .all(|b| b == b' ' || b == b'\t')
        {
            line_start
        } else {
            at
        };
        let page = self.page_at(at);
        let tight = self
            .out
            .last()
            .is_some_and(|p| crate::doc::tight(p.kind, kind));
        self.cur = Some(RawBlock {
            kind,
            page,
            tight,
            source_start: Some(at),
            ..Default::default()
        });
    }

    fn finish_block(&mut self) {
        if let Some(mut b) = self.cur.take() {
            let lines: Vec<&str> = b.text.split('\n').collect();
            let joined = crate::doc::join_lines(&lines);
            if !b.marks.is_empty() {
                b.marks = emphasis::carry(&b.text, &b.marks, &joined);
            }
            b.text = joined;
            if !b.text.is_empty() {
                self.out.push(b);
            }
        }
    }

    fn push_text(&mut self, text: &str, at: usize) {
        if let Some(cells) = self.cells.as_mut() {
            if let Some(cell) = cells.last_mut() {
                cell.push_str(text);
            }
            return;
        }
        if self.cur.is_none() {
            // text outside any block we know (raw HTML): a paragraph
            self.start_block(BlockKind::Paragraph, at);
        }
        let em = Em {
            bold: self.bold > 0,
            italic: self.italic > 0,
        };
        if let Some(b) = self.cur.as_mut() {
            let start = b.text.len();
            b.text.push_str(text);
            if !em.is_plain() {
                b.marks.push(Mark {
                    range: start..b.text.len(),
                    em,
                });
            }
        }
    }

    fn event(&mut self, event: Event<'_>, r: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, r),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t, r.start)
            }
            Event::Html(t) | Event::InlineHtml(t) => self.push_text(&t, r.start),
            // lines are joined as pasted lines are: a word hyphenated at a
            // line end is one word again
            Event::SoftBreak | Event::HardBreak => self.push_text("\n", r.start),
            Event::FootnoteReference(_) | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, r: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.start_block(BlockKind::Heading { level: level as u8 }, r.start)
            }
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock => {
                if self.item_open && self.cur.is_some() {
                    // the first paragraph of a list item is the item's text
                    self.item_open = false;
                } else {
                    self.start_block(BlockKind::Paragraph, r.start);
                }
            }
            Tag::List(first) => {
                self.finish_block();
                let delimiter = first.map(|_| self.delimiter_at(r.start));
                self.lists.push(delimiter);
            }
            Tag::Item => {
                self.start_block(BlockKind::ListItem, r.start);
                let marker = self.marker_at(r.start);
                let depth = self.lists.len().saturating_sub(1).min(8) as u8;
                if let Some(b) = self.cur.as_mut() {
                    b.marker = marker;
                    b.depth = depth;
                }
                self.item_open = true;
            }
            Tag::TableHead | Tag::TableRow => {
                self.start_block(BlockKind::TableRow, r.start);
                self.cells = Some(Vec::new());
            }
            Tag::TableCell => {
                if let Some(cells) = self.cells.as_mut() {
                    cells.push(String::new());
                }
            }
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Item => {
                self.item_open = false;
                self.finish_block();
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::TableHead | TagEnd::TableRow => {
                let cells = self.cells.take().unwrap_or_default();
                if let Some(b) = self.cur.as_mut() {
                    b.text = cells
                        .iter()
                        .map(|c| crate::doc::collapse_space(c).replace('|', "\\|"))
                        .collect::<Vec<_>>()
                        .join(" | ");
                }
                self.finish_block();
            }
            _ => {}
        }
    }

    /// The delimiter of the ordered list item starting at `at`.
    fn delimiter_at(&self, at: usize) -> char {
        let s = self.src[at..].trim_start();
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if s[digits..].starts_with(')') {
            ')'
        } else {
            '.'
        }
    }

    /// The marker of the list item starting at `at`: its number and
    /// delimiter as written, or `-` for a bullet.
    fn marker_at(&self, at: usize) -> String {
        let s = self.src[at..].trim_start();
        match self.lists.last() {
            Some(Some(d)) => {
                let digits = s.bytes().take_while(u8::is_ascii_digit).count();
                format!("{}{d}", &s[..digits])
            }
            _ => "-".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::doc::{BlockKind, Document, SourceFormat};

    fn blocks(md: &str) -> Vec<(BlockKind, String, String, u8)> {
        Document::parse(md, SourceFormat::Markdown)
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.marker, b.text, b.depth))
            .collect()
    }

    #[test]
    fn lists_keep_their_markers_and_nesting() {
        let got = blocks("# Plan\n\n1. Spara.\n2. Satsa.\n   - mer\n   - *mindre*\n\n3) Tre\n");
        let li = BlockKind::ListItem;
        assert_eq!(
            got[1..],
            [
                (li, "1.".into(), "Spara.".into(), 0),
                (li, "2.".into(), "Satsa.".into(), 0),
                (li, "-".into(), "mer".into(), 1),
                (li, "-".into(), "mindre".into(), 1),
                (li, "3)".into(), "Tre".into(), 0),
            ]
        );
    }

    #[test]
    fn tables_are_rows_of_cells() {
        let d = Document::parse(
            "# T\n\n| År | Kostnad |\n|---|---:|\n| 2024 | 4 500 |\n| a\\|b | c |\n",
            SourceFormat::Markdown,
        )
        .unwrap();
        let rows: Vec<&str> = d.blocks[1..].iter().map(|b| b.text.as_str()).collect();
        assert_eq!(rows, ["År | Kostnad", "2024 | 4 500", "a\\|b | c"]);
        assert!(d.blocks[1..].iter().all(|b| b.kind == BlockKind::TableRow));
        assert_eq!(
            d.canonical,
            "# T\n\n| År | Kostnad |\n| 2024 | 4 500 |\n| a\\|b | c |\n"
        );
    }

    #[test]
    fn every_block_knows_its_place_in_the_source() {
        let md = "Titel\n=====\n\nEtt stycke\nsom bryts.\n\n* a\n* b\n\n> citat\n";
        let d = Document::parse(md, SourceFormat::Markdown).unwrap();
        assert_eq!(d.source.as_deref(), Some(md));
        let spans: Vec<&str> = d
            .blocks
            .iter()
            .map(|b| &md[b.source.clone().unwrap()])
            .collect();
        assert_eq!(
            spans,
            [
                "Titel\n=====\n\n",
                "Ett stycke\nsom bryts.\n\n",
                "* a\n",
                "* b\n\n> ",
                "citat\n"
            ]
        );
        assert_eq!(d.blocks[1].text, "Ett stycke som bryts.");
    }
}
