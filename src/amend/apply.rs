//! Applying adopted operations to the plan, with tracked changes.
//!
//! The result is the new text and a list of [`Run`]s in document order:
//! unchanged, inserted and deleted text, each change carrying the amendments
//! it comes from. Accepting every change (equal + inserted runs) gives the new
//! text; rejecting every change (equal + deleted runs) gives the original,
//! exactly. Replacements are refined to word level (see [`crate::diff`]).

use crate::conflict::{find_conflicts, Conflict};
use crate::diff::{diff_words, Tag};
use crate::error::Error;
use crate::locate::Edit;
use crate::plan::emphasis::Em;
use serde::{Deserialize, Serialize};

/// A run of the tracked text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub tag: Tag,
    pub text: String,
    /// The amendments behind an inserted or deleted run (more than one when
    /// identical proposals were adopted together); empty for equal runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
    /// The emphasis the plan has on this text (see
    /// [`crate::plan::emphasis`]): `"b"`, `"i"` or `"bi"`; inserted text is
    /// plain.
    #[serde(default, skip_serializing_if = "Em::is_plain")]
    pub em: Em,
}

/// The adopted text with its tracked changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    /// The new canonical text (Markdown).
    pub text: String,
    pub runs: Vec<Run>,
    /// Amendments left out because one that wins over them was adopted:
    /// `(loser, winner)`.
    pub dropped: Vec<(String, String)>,
}

/// Accepting every change.
pub fn accept_all(runs: &[Run]) -> String {
    runs.iter()
        .filter(|r| r.tag != Tag::Delete)
        .map(|r| r.text.as_str())
        .collect()
}

/// Rejecting every change.
pub fn reject_all(runs: &[Run]) -> String {
    runs.iter()
        .filter(|r| r.tag != Tag::Insert)
        .map(|r| r.text.as_str())
        .collect()
}

/// Applies `edits` (the operations of the adopted amendments, in the order
/// the amendments were tabled) to `original`.
///
/// Edits that conflict are an error naming the pair, unless `prefer` has a
/// `(winner, loser)` pair for them: then the loser's amendment is left out
/// entirely and reported in [`Applied::dropped`].
pub fn apply(
    original: &str,
    edits: &[Edit],
    prefer: &[(String, String)],
) -> Result<Applied, Error> {
    let conflicts = find_conflicts(edits);
    let mut dropped: Vec<(String, String)> = Vec::new();
    let is_dropped = |d: &[(String, String)], id: &str| d.iter().any(|(l, _)| l == id);
    for c in conflicts.iter().filter(|c| c.is_conflict()) {
        let (a, b) = (&c.a.amendment, &c.b.amendment);
        if is_dropped(&dropped, a) || is_dropped(&dropped, b) {
            continue;
        }
        if a == b {
            return Err(Error::Invalid(format!(
                "amendment {a}: operations {} and {} change the same words; an amendment must not contradict itself",
                c.a.op + 1,
                c.b.op + 1
            )));
        }
        let winner = prefer
            .iter()
            .find(|(w, l)| (w == a && l == b) || (w == b && l == a));
        match winner {
            Some((w, l)) => dropped.push((l.clone(), w.clone())),
            None => return Err(conflict_error(c)),
        }
    }
    // keep, merge identical edits
    let mut kept: Vec<(Edit, Vec<String>)> = Vec::new();
    // the kept edits of each range, in order
    let mut by_range: std::collections::HashMap<(usize, usize), Vec<usize>, crate::text::FxBuild> =
        Default::default();
    for e in edits.iter().filter(|e| !is_dropped(&dropped, &e.amendment)) {
        let same = by_range.entry((e.range.start, e.range.end)).or_default();
        let twin = same.iter().copied().find(|&k| {
            crate::text::Normalized::key_of(&kept[k].0.insert)
                == crate::text::Normalized::key_of(&e.insert)
        });
        match twin {
            Some(k) => {
                let by = &mut kept[k].1;
                if !by.contains(&e.amendment) {
                    by.push(e.amendment.clone())
                }
            }
            None => {
                same.push(kept.len());
                kept.push((e.clone(), vec![e.amendment.clone()]));
            }
        }
    }
    crate::sort::sort_by_key(&mut kept, |(e, _)| (e.range.start, e.range.end));
    // Removals of neighbouring blocks overlap by the blank line between them
    // when the second ends the plan, as it takes the blank line before it.
    // Together they end the plan, so the first takes the blank line before
    // it instead, as one removal of both would.
    let removal = |e: &Edit| e.insert.is_empty() && !e.range.is_empty();
    for i in (1..kept.len()).rev() {
        let (x, y) = (&kept[i - 1].0, &kept[i].0);
        if !(removal(x) && removal(y) && y.range.start < x.range.end) {
            continue;
        }
        let r = x.range.clone();
        let shift = r.start >= 2
            && original[..r.start].ends_with("\n\n")
            && original[..r.end].ends_with("\n\n")
            && !kept[..i - 1]
                .iter()
                .any(|(e, _)| !removal(e) && e.range.end > r.start - 2);
        if shift {
            kept[i - 1].0.range = r.start - 2..r.end - 2;
        }
    }

    let mut runs: Vec<Run> = Vec::with_capacity(kept.len() * 3 + 1);
    let mut at = 0;
    // a sentence added where a removal of its whole block ends opens the
    // block; one added where such a removal begins closes it
    let mut opens_block = false;
    let mut closes_block = false;
    for (k, (e, by)) in kept.iter().enumerate() {
        // a removal may share the blank line before it with the removal
        // before it (see `find_conflicts`): it goes once
        let start = if e.insert.is_empty() {
            e.range.start.max(at).min(e.range.end)
        } else {
            e.range.start
        };
        if start > at {
            push(&mut runs, Tag::Equal, &original[at..start], &[]);
        }
        let old = &original[start..e.range.end];
        if e.action == crate::amendment::Action::Replace {
            for c in diff_words(old, &e.insert) {
                let who: &[String] = if c.tag == Tag::Equal { &[] } else { by };
                push(&mut runs, c.tag, &c.text, who);
            }
        } else {
            let sentence_after = kept.get(k + 1).is_some_and(|(n, _)| {
                n.range.is_empty() && n.range.start == e.range.end && n.insert.starts_with(' ')
            });
            let kept_start = if sentence_after && e.insert.is_empty() {
                block_start(old)
            } else {
                0
            };
            let kept_end = if closes_block && e.insert.is_empty() {
                block_end(old)
            } else {
                old.len()
            }
            .max(kept_start);
            // a sentence before a removal of the whole block it begins
            let sentence_before = e.range.is_empty()
                && e.insert.ends_with(' ')
                && kept.get(k + 1).is_some_and(|(n, _)| {
                    n.insert.is_empty()
                        && n.range.start == e.range.end
                        && (n.range.start == 0 || original[..n.range.start].ends_with('\n'))
                        && block_end(&original[n.range.clone()]) < n.range.len()
                });
            push(&mut runs, Tag::Equal, &old[..kept_start], &[]);
            push(&mut runs, Tag::Delete, &old[kept_start..kept_end], by);
            push(&mut runs, Tag::Equal, &old[kept_end..], &[]);
            let mut insert = e.insert.as_str();
            if opens_block {
                insert = insert.trim_start();
            }
            if sentence_before {
                insert = insert.trim_end();
            }
            push(&mut runs, Tag::Insert, insert, by);
            opens_block = kept_start > 0;
            closes_block = sentence_before;
        }
        at = at.max(e.range.end);
    }
    if at < original.len() {
        push(&mut runs, Tag::Equal, &original[at..], &[]);
    }
    let runs = fix_separators(strike_emptied_rows(runs));
    Ok(Applied {
        text: accept_all(&runs),
        runs,
        dropped,
    })
}

/// Where the text of the block a removal takes whole begins, past the line
/// break before it and the block's marker ("## ", "  a. "), or 0 when the
/// removal does not begin with a line break. A sentence added at the
/// removal's end then stands in the block, as the tracked views show it,
/// instead of joining the block before it.
fn block_start(removed: &str) -> usize {
    let breaks = removed.len() - removed.trim_start_matches('\n').len();
    if breaks == 0 {
        return 0;
    }
    let line = removed[breaks..].split('\n').next().unwrap_or_default();
    breaks + crate::doc::parse_line(line).map_or(0, |l| l.text.start)
}

/// Where the line breaks that end a removal of whole blocks begin (the
/// removal's length when it does not end with one). A sentence added at
/// the removal's start then stands in the block, as the tracked views show
/// it, instead of joining the block after it (whose line could then read
/// as another kind of block, or keep an escape of its start in its middle).
fn block_end(removed: &str) -> usize {
    removed.trim_end_matches('\n').len()
}

/// Strikes every table row whose cells the changes leave empty, with the
/// line break after it: the structured form has no empty row (`| | |` reads
/// as a table's delimiter row, as a .docx row without text reads as no
/// row), so the row goes, as a removal of whole rows would take it. The
/// row's markup becomes deleted text of those who emptied it; rejecting
/// every change still gives the original.
fn strike_emptied_rows(runs: Vec<Run>) -> Vec<Run> {
    let text = accept_all(&runs);
    // the byte ranges of the accepted text to strike
    let mut gone: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end_matches('\n');
        if t.starts_with('|') && crate::doc::parse_line(t).is_none() {
            gone.push(start..start + line.len());
        }
        start += line.len();
    }
    if gone.is_empty() {
        return runs;
    }
    // who emptied each row: the first removal in it
    let mut by: Vec<&[String]> = vec![&[]; gone.len()];
    let mut p = 0;
    for r in &runs {
        if r.tag == Tag::Delete {
            if let Some(k) = gone.iter().position(|g| g.start <= p && p < g.end) {
                if by[k].is_empty() {
                    by[k] = &r.by;
                }
            }
        } else {
            p += r.text.len();
        }
    }
    let mut out = Vec::with_capacity(runs.len() + 2 * gone.len());
    let mut p = 0;
    for r in &runs {
        if r.tag == Tag::Delete {
            push_em(&mut out, r.tag, &r.text, &r.by, r.em);
            continue;
        }
        let end = p + r.text.len();
        let mut at = p;
        while at < end {
            let inside = gone.iter().position(|g| g.contains(&at));
            let to = match inside {
                Some(k) => gone[k].end,
                None => gone
                    .iter()
                    .map(|g| g.start)
                    .find(|&s| s > at)
                    .unwrap_or(end),
            }
            .min(end);
            let piece = &r.text[at - p..to - p];
            match (inside, r.tag) {
                (None, _) => push_em(&mut out, r.tag, piece, &r.by, r.em),
                (Some(k), Tag::Equal) => push_em(&mut out, Tag::Delete, piece, by[k], r.em),
                // text inserted in the row goes with it
                (Some(_), _) => {}
            }
            at = to;
        }
        p = end;
    }
    out
}

/// Gives every separator a change touches the newlines the structured form
/// asks for once the changes are made (see [`crate::plan`]): each edit
/// chose its separators from the original neighbours, so where edits meet
/// (an insertion's last separator and a removal's first, two removals of
/// neighbours) or a list's last item goes, there may be one too many or one
/// too few. Only newlines between blocks change, each as a tracked change
/// (an inserted one dropped, a kept one deleted, a deleted one kept, one
/// inserted), so rejecting every change still gives the original.
fn fix_separators(runs: Vec<Run>) -> Vec<Run> {
    let text = accept_all(&runs);
    let mut spans = Vec::with_capacity(runs.len());
    let mut p = 0;
    for r in &runs {
        let len = if r.tag == Tag::Delete {
            0
        } else {
            r.text.len()
        };
        spans.push(p..p + len);
        p += len;
    }
    let line = |s: usize, e: usize| crate::doc::parse_line(&text[s..e]).map(|l| l.kind);
    // (run, byte in it, whether a newline goes in before that byte rather
    // than the one there changing side, by whom)
    let mut fixes: Vec<(usize, usize, bool, &[String])> = Vec::new();
    let (mut first, mut line_start, mut s) = (0, 0, 0);
    while let Some(n) = text[s..].find('\n') {
        s += n;
        let e = s + text[s..].bytes().take_while(|&b| b == b'\n').count();
        while spans[first].end < s {
            first += 1;
        }
        // the runs the separator is made of, and removals inside it or at its ends
        let near = || {
            (first..runs.len())
                .take_while(|&i| spans[i].start <= e)
                .filter(|&i| spans[i].start < e && spans[i].end > s || spans[i].is_empty())
        };
        let by = near()
            .find(|&i| runs[i].tag != Tag::Equal)
            .map(|i| &runs[i].by[..]);
        let count = e - s;
        let want = if by.is_none() {
            count
        } else if e == text.len() {
            1
        } else if s == 0 {
            0
        } else {
            let next_end = text[e..].find('\n').map_or(text.len(), |n| e + n);
            match (line(line_start, s), line(e, next_end)) {
                (Some(a), Some(b)) if crate::doc::tight(a, b) => count.min(2),
                (Some(_), Some(_)) => 2,
                _ => count,
            }
        };
        let mut need = want as isize - count as isize;
        // too many: inserted newlines go first, then kept ones
        for tag in [Tag::Insert, Tag::Equal] {
            for i in near().filter(|&i| runs[i].tag == tag) {
                let (a, z) = (s.max(spans[i].start), e.min(spans[i].end));
                for at in (a..z).take((-need).max(0) as usize) {
                    fixes.push((i, at - spans[i].start, false, by.unwrap_or_default()));
                    need += 1;
                }
            }
        }
        // too few: the newlines at either end of a removal stay, else new
        // ones go in
        for i in near().filter(|&i| runs[i].tag == Tag::Delete) {
            let t = runs[i].text.as_bytes();
            let nl = |b: &&u8| **b == b'\n';
            let trail = t.len() - t.iter().rev().take_while(nl).count();
            let lead = t.iter().take_while(nl).count().min(trail);
            for at in (trail..t.len()).chain(0..lead).take(need.max(0) as usize) {
                fixes.push((i, at, false, &[]));
                need -= 1;
            }
        }
        if let Some(i) = near().next().filter(|_| need > 0) {
            let at = s.max(spans[i].start) - spans[i].start;
            for _ in 0..need {
                fixes.push((i, at, true, by.unwrap_or_default()));
            }
        }
        line_start = e;
        s = e;
    }
    if fixes.is_empty() {
        return runs;
    }
    crate::sort::sort_by_key(&mut fixes, |f| (f.0, f.1, !f.2));
    let mut out = Vec::with_capacity(runs.len() + 2 * fixes.len());
    let mut fixes = fixes.into_iter().peekable();
    for (i, r) in runs.iter().enumerate() {
        let mut at = 0;
        while let Some((_, o, add, by)) = fixes.next_if(|f| f.0 == i) {
            push_em(&mut out, r.tag, &r.text[at..o], &r.by, r.em);
            at = o + usize::from(!add);
            match (add, r.tag) {
                (true, _) | (_, Tag::Equal) => {
                    let tag = if add { Tag::Insert } else { Tag::Delete };
                    push(&mut out, tag, "\n", by)
                }
                (_, Tag::Delete) => push(&mut out, Tag::Equal, "\n", &[]),
                (_, Tag::Insert) => {}
            }
        }
        push_em(&mut out, r.tag, &r.text[at..], &r.by, r.em);
    }
    out
}

/// Appends a run, joining it to the last one when tag and authors match.
pub(crate) fn push(runs: &mut Vec<Run>, tag: Tag, text: &str, by: &[String]) {
    push_em(runs, tag, text, by, Em::default())
}

/// Appends a run of emphasis `em`, joining it to the last one when tag,
/// authors and emphasis match.
pub(crate) fn push_em(runs: &mut Vec<Run>, tag: Tag, text: &str, by: &[String], em: Em) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        if last.tag == tag && last.by == by && last.em == em {
            last.text.push_str(text);
            return;
        }
    }
    runs.push(Run {
        tag,
        text: text.to_string(),
        by: by.to_vec(),
        em,
    });
}

/// The error for adopting both sides of a conflict.
pub fn conflict_error(c: &Conflict) -> Error {
    Error::Conflict {
        a: c.a.amendment.clone(),
        b: c.b.amendment.clone(),
        reason: c.describe(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amendment::{Amendment, InsertAs, Op, Position};
    use crate::doc::{Document, SourceFormat};

    /// Adopts each of `ops` as an amendment of its own; checks that
    /// rejecting gives the plan and accepting `want`, a plan text that
    /// reads back as itself.
    fn adopts(plan: &str, ops: Vec<Op>, want: &str) {
        let doc = Document::parse(plan, SourceFormat::Structured).unwrap();
        let mut edits = Vec::new();
        for (i, op) in ops.into_iter().enumerate() {
            let a = Amendment::probe(&format!("a{i}"), vec![op]);
            edits.extend(crate::locate::locate(&doc, &a).unwrap().0);
        }
        let applied = apply(&doc.canonical, &edits, &[]).unwrap();
        assert_eq!(reject_all(&applied.runs), doc.canonical);
        assert_eq!(accept_all(&applied.runs), applied.text);
        assert_eq!(applied.text, want, "{:#?}", applied.runs);
        let again = Document::parse(&applied.text, SourceFormat::Structured).unwrap();
        assert_eq!(again.canonical, applied.text);
    }

    fn after(quote: &str, text: &str) -> Op {
        Op::insert_at_quote(Position::After, quote, text, InsertAs::Paragraph)
    }

    fn before(quote: &str, text: &str) -> Op {
        Op::insert_at_quote(Position::Before, quote, text, InsertAs::Paragraph)
    }

    #[test]
    fn an_insertion_meets_a_removal() {
        let plan = "# Plan\n\n## Kommun ett\n\n- kommun ärende\n- öppen kommun\n";
        // the paragraph after the first item, the last item gone
        let ops = || {
            vec![
                after("kommun ärende", "Ny text."),
                Op::delete("öppen kommun"),
            ]
        };
        adopts(
            plan,
            ops(),
            "# Plan\n\n## Kommun ett\n\n- kommun ärende\n\nNy text.\n",
        );
        let heading = format!("{plan}\n## Två\n");
        let want = "# Plan\n\n## Kommun ett\n\n- kommun ärende\n\nNy text.\n\n## Två\n";
        adopts(&heading, ops(), want);
        // a new item instead, before a paragraph
        let ops = vec![
            after("kommun ärende", "- ny punkt"),
            Op::delete("öppen kommun"),
        ];
        let para = format!("{plan}\nSlut.\n");
        let want = "# Plan\n\n## Kommun ett\n\n- kommun ärende\n- ny punkt\n\nSlut.\n";
        adopts(&para, ops, want);
        // a paragraph before an item whose neighbour goes
        let ops = vec![
            Op::delete("kommun ärende"),
            before("öppen kommun", "Ny text."),
        ];
        let want = "# Plan\n\n## Kommun ett\n\nNy text.\n\n- öppen kommun\n";
        adopts(plan, ops, want);
    }

    #[test]
    fn a_list_s_last_item_before_a_heading() {
        let plan = "# Plan\n\n## 1 Inledning\n\n1. se över lokalerna\n2. samordna inköpen\n\n## 2 Ekonomi\n\nÄrendet återremitteras inte.\n";
        let want = "# Plan\n\n## 1 Inledning\n\n1. se över lokalerna\n\n## 2 Ekonomi\n\nÄrendet återremitteras inte.\n";
        adopts(plan, vec![Op::delete("samordna inköpen")], want);
    }

    #[test]
    fn a_list_s_last_item_before_a_paragraph() {
        let plan =
            "# Plan\n\n1. se över lokalerna\n2. samordna inköpen\n\nÄrendet återremitteras inte.\n";
        let want = "# Plan\n\n1. se över lokalerna\n\nÄrendet återremitteras inte.\n";
        adopts(plan, vec![Op::delete("samordna inköpen")], want);
        // its last two items, one at a time
        let plan = "# Plan\n\n- ett\n- två\n- tre\n\nText.\n";
        let ops = vec![Op::delete("två"), Op::delete("tre")];
        adopts(plan, ops, "# Plan\n\n- ett\n\nText.\n");
    }

    #[test]
    fn a_list_s_first_item_after_a_paragraph() {
        let plan = "# Plan\n\nInledning.\n\n- ett\n- två\n";
        adopts(
            plan,
            vec![Op::delete("ett")],
            "# Plan\n\nInledning.\n\n- två\n",
        );
        let ops = vec![Op::delete("Inledning."), Op::delete("ett")];
        adopts(plan, ops, "# Plan\n\n- två\n");
        let ops = vec![Op::delete("ett"), before("två", "Mellan.")];
        adopts(plan, ops, "# Plan\n\nInledning.\n\nMellan.\n\n- två\n");
    }

    #[test]
    fn a_sentence_before_a_struck_paragraph_stands_in_its_place() {
        let sentence =
            || Op::insert_at_quote(Position::Before, "Går.", "Ny mening.", InsertAs::Sentence);
        // not "Ny mening. \\- kvar", nor "Ny mening. - punkt"
        for next in ["\\- kvar\n", "- punkt\n"] {
            let plan = format!("# Plan\n\n## Ett\n\nGår.\n\n{next}");
            let want = format!("# Plan\n\n## Ett\n\nNy mening.\n\n{next}");
            adopts(&plan, vec![sentence(), Op::delete("Går.")], &want);
        }
    }

    #[test]
    fn a_row_whose_cells_are_all_struck_goes() {
        let plan = "# Plan\n\nText.\n\n| Område | Belopp |\n| Mål | 2030 |\n";
        let struck = |a: &str, b: &str| vec![Op::delete(a), Op::delete(b)];
        let want = "# Plan\n\nText.\n\n| Mål | 2030 |\n";
        adopts(plan, struck("Område", "Belopp"), want);
        let want = "# Plan\n\nText.\n\n| Område | Belopp |\n";
        adopts(plan, struck("Mål", "2030"), want);
        let plan = "# Plan\n\n| Område | Belopp |\n\nText.\n";
        adopts(plan, struck("Område", "Belopp"), "# Plan\n\nText.\n");
    }

    #[test]
    fn a_table_s_last_row() {
        let plan = "# Plan\n\n| År | Kronor |\n| 2024 | 100 |\n| 2025 | 200 |\n\n## Sist\n";
        let want = "# Plan\n\n| År | Kronor |\n| 2024 | 100 |\n\n## Sist\n";
        adopts(plan, vec![Op::delete("2025 | 200")], want);
        let ops = vec![Op::delete("2024 | 100"), Op::delete("2025 | 200")];
        adopts(plan, ops, "# Plan\n\n| År | Kronor |\n\n## Sist\n");
        let ops = vec![after("2024 | 100", "Text."), Op::delete("2025 | 200")];
        let want = "# Plan\n\n| År | Kronor |\n| 2024 | 100 |\n\nText.\n\n## Sist\n";
        adopts(plan, ops, want);
    }
}
