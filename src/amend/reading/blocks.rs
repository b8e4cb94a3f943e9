//! Changes written as blocks: a lead ending in a colon, and the old or the
//! new text on the lines after it, unquoted, often as a bulleted list.
//!
//! | wording | operations |
//! |---|---|
//! | … yrkar att kommunstyrelsens mål:<br>• A<br>• B<br>Ersätts med:<br>• C<br>• D | `replace` A with C, B with D (one more new item: `insert` it as an item after B; one fewer: `delete` the old) |
//! | … första meningen under målet ”M”<br>Ändras från:<br>A<br>Till:<br>B | `replace` A with B, in section M |
//! | … yrkar att … stryka kultur- och fritidsnämndens mål:<br>• A | `delete` A |
//! | … läggs till i § 2 under rubriken X:<br>Text | `insert` Text as a paragraph at the end of X |
//!
//! A wording with a quote in a block is not a block form: it is read as
//! quotes are (see the parent module).

use super::{
    bulleted, counted_place, named_section, numbered, one_line, page, section_quote, shape,
};
use super::{ADDS, OPEN, STRIKES};
use crate::amendment::{InsertAs, Op, Position};

/// A lead (the lines up to one ending in a colon) and the passages of the
/// block after it.
struct Segment {
    lead: String,
    passages: Vec<String>,
    /// Whether the block is a bulleted list.
    bulleted: bool,
}

/// The words of a lead that turn from the old block to the new.
const PIVOTS: [&str; 7] = [
    "ersätts med",
    "ersätts av",
    "byts ut mot",
    "ändras till",
    "till",
    "ska lyda",
    "får lydelsen",
];

/// The operations of a block form, or `None` when the wording is not one.
pub(super) fn read(wording: &str) -> Option<Result<Vec<Op>, String>> {
    let segments = segments(wording)?;
    let lower = |s: &Segment| s.lead.to_lowercase();
    match &segments[..] {
        [old, new] if is_pivot(&lower(new)) => Some(Ok(replacements(old, new))),
        [one] if STRIKES.iter().any(|w| lower(one).contains(w)) => Some(Ok(deletions(one))),
        [one] => addition(one),
        _ => None,
    }
}

/// Is a lead just a pivot ("Ersätts med:", "Till:")?
fn is_pivot(lead: &str) -> bool {
    let lead = lead.trim().trim_end_matches(':').trim();
    PIVOTS.contains(&lead)
}

/// The wording's segments, when it has at least one lead and every block
/// has text and is unquoted and unnumbered.
fn segments(wording: &str) -> Option<Vec<Segment>> {
    let mut out: Vec<Segment> = Vec::new();
    let mut lead = String::new();
    for line in wording.lines() {
        let t = line.trim();
        let new_lead = out.last().is_none_or(|s| passages(s).next().is_some());
        if t.ends_with(':') && new_lead {
            lead.push_str(t);
            out.push(Segment {
                lead: std::mem::take(&mut lead),
                passages: Vec::new(),
                bulleted: false,
            });
        } else if let Some(seg) = out.last_mut() {
            if t.contains(OPEN) || numbered(line).is_some() {
                return None;
            }
            add_line(seg, line);
        } else {
            lead.push_str(t);
            lead.push(' ');
        }
    }
    let whole = !out.is_empty() && out.iter().all(|s| passages(s).next().is_some());
    whole.then_some(out)
}

/// Adds a block's line to its passages: a bullet starts one, a blank
/// line ends one (an empty passage marks the end), any other line goes on
/// the one before.
fn add_line(seg: &mut Segment, line: &str) {
    let passages = &mut seg.passages;
    let t = one_line(line);
    let t = t.as_str();
    if t.is_empty() {
        if passages.last().is_some_and(|p| !p.is_empty()) {
            passages.push(String::new());
        }
    } else if let Some(item) = bulleted(line) {
        seg.bulleted = true;
        passages.push(one_line(item));
    } else {
        match passages.last_mut() {
            Some(p) => {
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(t);
            }
            None => passages.push(t.into()),
        }
    }
}

/// The passages, blank markers left out.
fn passages(seg: &Segment) -> impl Iterator<Item = &String> {
    seg.passages.iter().filter(|p| !p.is_empty())
}

/// Where the lead puts the change: a named section, a numbered one, or a
/// quoted goal or heading; and a page.
fn place(lead: &str) -> (Option<String>, Option<u32>) {
    let s = shape(lead);
    let section = named_section(&s, lead).or_else(|| section_quote(&s, usize::MAX, true));
    (section, page(&s.skeleton))
}

/// Old items replaced by new ones, in order; old ones left over struck,
/// new ones left over added after the last old one (as items of its list,
/// when the new ones are bulleted).
fn replacements(old: &Segment, new: &Segment) -> Vec<Op> {
    let (section, page) = place(&old.lead);
    let olds: Vec<&String> = passages(old).collect();
    let news: Vec<&String> = passages(new).collect();
    let mut ops: Vec<Op> = olds
        .iter()
        .zip(&news)
        .map(|(a, b)| Op::replace(a, b))
        .collect();
    ops.extend(olds.iter().skip(news.len()).map(|a| Op::delete(a)));
    if let (Some(last), true) = (olds.last(), news.len() > olds.len()) {
        let added: Vec<String> = news[olds.len()..]
            .iter()
            .map(|b| {
                if new.bulleted {
                    format!("- {b}")
                } else {
                    b.to_string()
                }
            })
            .collect();
        let text = added.join(if new.bulleted { "\n" } else { "\n\n" });
        ops.push(Op::insert_at_quote(
            Position::After,
            last,
            &text,
            InsertAs::Paragraph,
        ));
    }
    ops.into_iter()
        .map(|op| Op {
            section: section.clone(),
            page,
            ..op
        })
        .collect()
}

/// Every item of the block struck.
fn deletions(seg: &Segment) -> Vec<Op> {
    let (section, page) = place(&seg.lead);
    passages(seg)
        .map(|p| Op {
            section: section.clone(),
            page,
            ..Op::delete(p)
        })
        .collect()
}

/// The block added at the end of the section the lead names.
fn addition(seg: &Segment) -> Option<Result<Vec<Op>, String>> {
    let lead = seg.lead.to_lowercase();
    if !ADDS.iter().any(|w| lead.contains(w)) && !lead.contains("tillägg") {
        return None;
    }
    let (heading, _) = place(&seg.lead);
    let heading = heading?;
    if let Some(why) = counted_place(&lead) {
        return Some(Err(why));
    }
    let texts: Vec<&String> = passages(seg).collect();
    let [text] = texts[..] else {
        return Some(Err(
            "an addition of several paragraphs: add them one by one, or quote the text".into(),
        ));
    };
    let insert_as = if lead.contains("mening") {
        InsertAs::Sentence
    } else {
        InsertAs::Paragraph
    };
    Some(Ok(vec![Op::insert_in_section(
        Position::End,
        &heading,
        text,
        insert_as,
    )]))
}
