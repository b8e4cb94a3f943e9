//! Competing proposals side by side, and any set of proposals over the plan.
//!
//! * [`check`] locates every tabled amendment and groups those whose edits
//!   overlap or are identical ([`Group`]): each group is a passage that
//!   several proposals want to change differently (or identically), with the
//!   plan's blocks it spans.
//! * [`overlay`] shows a set of amendments on the plan as tracked changes,
//!   even when they conflict: deleting whole blocks (a section, a heading, a
//!   paragraph) is shown as a mark on those blocks, so changes inside them
//!   stay visible; of two word-level changes to the same words, the one
//!   earlier in the given order is shown and the other is reported as
//!   hidden.
//! * [`column`] is one alternative of a group: the plan's blocks of the
//!   passage with one amendment applied (or none: the base text).

use crate::amendment::Amendment;
use crate::apply::{apply, Run};
use crate::case::Case;
use crate::conflict::{find_conflicts, Conflict, ConflictKind, OpId};
use crate::diff::Tag;
use crate::doc::Document;
use crate::error::Error;
use crate::locate::{locate, Edit, Warning};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// An amendment that could not be located or applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failed {
    pub amendment: String,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The closest passage or heading the plan has to one not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest: Option<String>,
}

impl Failed {
    fn new(amendment: &str, e: &Error) -> Failed {
        Failed {
            amendment: amendment.to_string(),
            code: e.code(),
            message: e.to_string(),
            help: e.help(),
            nearest: e.nearest_text(),
        }
    }
}

/// Where one operation of an amendment stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Located {
    pub amendment: String,
    /// 0-based operation index.
    pub op: usize,
    /// The plan's blocks it touches.
    pub blocks: Range<usize>,
    pub page: u32,
}

/// Amendments whose edits overlap or are identical: one passage, several
/// proposals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// In tabled order.
    pub amendments: Vec<String>,
    /// The plan's blocks the passage spans.
    pub blocks: Range<usize>,
    /// Do all of them make the very same change (likalydande)?
    pub identical: bool,
    /// The pairs that tie the group together.
    pub pairs: Vec<Conflict>,
}

/// Every tabled amendment located, with conflicts and groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub located: Vec<Located>,
    pub failed: Vec<Failed>,
    pub warnings: Vec<Warning>,
    pub conflicts: Vec<Conflict>,
    pub groups: Vec<Group>,
}

/// Locates amendments; returns the edits and the failures.
fn locate_each<'a>(
    doc: &Document,
    amendments: impl Iterator<Item = &'a Amendment>,
) -> (Vec<Edit>, Vec<Warning>, Vec<Failed>) {
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    for a in amendments {
        match locate(doc, a) {
            Ok((e, w)) => {
                edits.extend(e);
                warnings.extend(w);
            }
            Err(errors) => {
                if let Some(e) = errors.first() {
                    failed.push(Failed::new(&a.id, e));
                }
            }
        }
    }
    (edits, warnings, failed)
}

/// Locates every active amendment of `case` and groups the competing ones.
pub fn check(case: &Case, doc: &Document) -> Check {
    let (edits, warnings, failed) = locate_each(doc, case.active());
    let conflicts = find_conflicts(&edits);
    let groups = groups(case, &edits, &conflicts);
    let located = edits
        .iter()
        .map(|e| Located {
            amendment: e.amendment.clone(),
            op: e.op,
            blocks: e.blocks.clone(),
            page: doc.blocks.get(e.blocks.start).map_or(1, |b| b.page),
        })
        .collect();
    Check {
        located,
        failed,
        warnings,
        conflicts,
        groups,
    }
}

/// Groups of operations tied by conflicts or identity (connected components),
/// as groups of amendments with the blocks their tied operations span.
pub fn groups(case: &Case, edits: &[Edit], conflicts: &[Conflict]) -> Vec<Group> {
    let key = |o: &OpId| (o.amendment.clone(), o.op);
    let mut index: HashMap<(String, usize), usize> = HashMap::new();
    for c in conflicts {
        for o in [&c.a, &c.b] {
            let n = index.len();
            index.entry(key(o)).or_insert(n);
        }
    }
    let mut parent: Vec<usize> = (0..index.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for c in conflicts {
        let (a, b) = (index[&key(&c.a)], index[&key(&c.b)]);
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let lookup = case.lookup();
    let tabled = |id: &str| lookup.index(id).unwrap_or(usize::MAX);
    let mut out: Vec<(usize, Group)> = Vec::new();
    let mut root_of_group: HashMap<usize, usize> = HashMap::new();
    for e in edits {
        let Some(&i) = index.get(&(e.amendment.clone(), e.op)) else {
            continue;
        };
        let root = find(&mut parent, i);
        let g = *root_of_group.entry(root).or_insert_with(|| {
            out.push((
                root,
                Group {
                    amendments: Vec::new(),
                    blocks: e.blocks.clone(),
                    identical: true,
                    pairs: Vec::new(),
                },
            ));
            out.len() - 1
        });
        let group = &mut out[g].1;
        if !group.amendments.contains(&e.amendment) {
            group.amendments.push(e.amendment.clone());
        }
        group.blocks = group.blocks.start.min(e.blocks.start)..group.blocks.end.max(e.blocks.end);
    }
    for c in conflicts {
        let root = find(&mut parent, index[&key(&c.a)]);
        if let Some(&g) = root_of_group.get(&root) {
            let group = &mut out[g].1;
            group.identical &= c.kind == ConflictKind::Identical;
            group.pairs.push(c.clone());
        }
    }
    let mut groups: Vec<Group> = out.into_iter().map(|(_, g)| g).collect();
    for g in &mut groups {
        crate::sort::sort_by_key(&mut g.amendments, |id| tabled(id));
    }
    crate::sort::sort_by_key(&mut groups, |g| (g.blocks.start, g.blocks.end));
    groups
}

/// One block of an overlay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlayBlock {
    /// The plan's block this is (none for a block an amendment inserts).
    pub index: Option<usize>,
    /// "heading", "paragraph", "list_item" or "table_row" (whose runs hold
    /// its cells with ` | ` between them).
    pub kind: &'static str,
    /// Heading level (0 for other blocks).
    pub level: u8,
    /// A list item's marker ("1.", "a)", "-"), as the plan writes it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub marker: String,
    /// A list item's nesting level.
    #[serde(skip_serializing_if = "crate::doc::is_zero")]
    pub depth: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// "equal", "inserted", "deleted" or "changed", from the runs.
    pub status: &'static str,
    pub runs: Vec<Run>,
    /// Amendments that delete this whole block (with its section or alone).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed_by: Vec<String>,
    /// Every amendment with a change in or of this block, in tabled order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<String>,
}

/// An amendment left out of an overlay's text because an amendment earlier
/// in the order changes the same words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hidden {
    pub amendment: String,
    pub because: String,
}

/// A set of amendments shown over the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlay {
    pub blocks: Vec<OverlayBlock>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<Hidden>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<Failed>,
}

/// If `e` deletes whole blocks, which.
fn removed_blocks(doc: &Document, e: &Edit) -> Option<Range<usize>> {
    if !e.insert.is_empty() || e.range.is_empty() {
        return None;
    }
    let first = doc.block_at(e.range.start);
    for s in [first, first + 1] {
        if s >= doc.blocks.len() {
            break;
        }
        for t in s + 1..=doc.blocks.len() {
            if t > s + 1 && doc.blocks[t - 1].range.start > e.range.end {
                break;
            }
            if doc.removal_range(s..t) == e.range {
                return Some(s..t);
            }
        }
    }
    None
}

use crate::render::block_status as status;

use crate::apply::push as push_run;

/// Splits tracked runs over the canonical text into blocks, one a line, each
/// with the plan's block it comes from, markers taken off.
fn split_blocks(doc: &Document, runs: &[Run]) -> Vec<OverlayBlock> {
    crate::render::split_lines(runs)
        .into_iter()
        .filter_map(|(runs, at)| {
            let origin = at.map(|at| doc.block_at(at));
            let b = crate::render::tracked_block(runs)?;
            let runs = if b.kind == "table_row" {
                join_cells(b.cells)
            } else {
                b.runs
            };
            Some(OverlayBlock {
                index: origin,
                kind: b.kind,
                level: b.level,
                marker: b.marker,
                depth: b.depth,
                page: origin.map(|i| doc.blocks[i].page),
                status: status(&runs),
                runs,
                removed_by: Vec::new(),
                marks: Vec::new(),
            })
        })
        .filter(|b| !b.runs.is_empty())
        .collect()
}

/// A table row's cells as one list of runs, ` | ` between cells.
fn join_cells(cells: Vec<Vec<Run>>) -> Vec<Run> {
    let mut runs = Vec::new();
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            push_run(&mut runs, Tag::Equal, " | ", &[]);
        }
        for r in cell {
            crate::apply::push_em(&mut runs, r.tag, &r.text, &r.by, r.em);
        }
    }
    runs
}

/// Which of the amendments (in `order`, the first winning) show and which
/// are hidden by a conflict with one shown before them; broken and failed
/// ones do neither.
fn shown_and_hidden<'a>(
    order: &[&'a Amendment],
    broken: &HashSet<String>,
    failed: &[Failed],
    conflicts: &[Conflict],
) -> (HashSet<&'a str>, Vec<Hidden>) {
    let failed: HashSet<&str> = failed.iter().map(|f| f.amendment.as_str()).collect();
    // each amendment's opponents, in the order of the conflicts
    let mut against: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in conflicts {
        let (a, b) = (c.a.amendment.as_str(), c.b.amendment.as_str());
        against.entry(a).or_default().push(b);
        against.entry(b).or_default().push(a);
    }
    let mut shown: HashSet<&str> = HashSet::new();
    let mut hidden: Vec<Hidden> = Vec::new();
    for a in order {
        if broken.contains(&a.id) || failed.contains(a.id.as_str()) {
            continue;
        }
        let others = against.get(a.id.as_str()).map_or(&[][..], Vec::as_slice);
        match others.iter().find(|o| shown.contains(*o)) {
            Some(b) => hidden.push(Hidden {
                amendment: a.id.clone(),
                because: b.to_string(),
            }),
            None => {
                shown.insert(&a.id);
            }
        }
    }
    (shown, hidden)
}

/// The amendments `ids` over the plan, earlier ids winning word-level
/// conflicts (see the module documentation).
pub fn overlay(case: &Case, doc: &Document, ids: &[String]) -> Overlay {
    let mut failed = Vec::new();
    let mut order: Vec<&Amendment> = Vec::new();
    let lookup = case.lookup();
    let mut seen: HashSet<&str> = HashSet::new();
    for id in ids {
        match lookup.amendment(id) {
            Some(a) if seen.insert(a.id.as_str()) => order.push(a),
            Some(_) => {}
            None => failed.push(Failed::new(id, &case.amendment(id).unwrap_err())),
        }
    }
    let (edits, _, not_located) = locate_each(doc, order.iter().copied());
    failed.extend(not_located);
    let tabled: HashMap<&str, usize> = case
        .amendments
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();

    // whole-block deletions are marks; the rest is text
    let mut removals: Vec<(String, Range<usize>)> = Vec::new();
    let mut texts: Vec<Edit> = Vec::new();
    for e in edits {
        match removed_blocks(doc, &e) {
            Some(r) => removals.push((e.amendment.clone(), r)),
            None => texts.push(e),
        }
    }

    // of two word-level changes to the same words, the earlier in `ids` shows
    let conflicts: Vec<Conflict> = find_conflicts(&texts)
        .into_iter()
        .filter(Conflict::is_conflict)
        .collect();
    let mut broken: HashSet<String> = HashSet::new();
    for c in conflicts.iter().filter(|c| c.a.amendment == c.b.amendment) {
        if broken.insert(c.a.amendment.clone()) {
            let e = Error::Invalid(format!(
                "amendment {}: operations {} and {} change the same words",
                c.a.amendment,
                c.a.op + 1,
                c.b.op + 1
            ));
            failed.push(Failed::new(&c.a.amendment, &e));
        }
    }
    let (shown, hidden) = shown_and_hidden(&order, &broken, &failed, &conflicts);
    let mut kept: Vec<Edit> = texts
        .iter()
        .filter(|e| shown.contains(e.amendment.as_str()))
        .cloned()
        .collect();
    crate::sort::sort_by_key(&mut kept, |e| {
        (tabled.get(e.amendment.as_str()).copied(), e.op)
    });
    let runs = match apply(&doc.canonical, &kept, &[]) {
        Ok(applied) => applied.runs,
        Err(e) => {
            failed.push(Failed::new("", &e));
            vec![Run {
                tag: Tag::Equal,
                text: doc.canonical.clone(),
                by: Vec::new(),
                em: Default::default(),
            }]
        }
    };
    let runs = crate::plan::emphasis::emphasize(runs, &doc.marks);
    let mut blocks = split_blocks(doc, &runs);

    // marks: block deletions, changes in the runs, hidden changes
    let mut by_index: HashMap<usize, usize> = HashMap::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Some(x) = b.index {
            by_index.entry(x).or_insert(i);
        }
    }
    for (id, r) in &removals {
        for x in r.clone() {
            if let Some(&i) = by_index.get(&x) {
                if !blocks[i].removed_by.contains(id) {
                    blocks[i].removed_by.push(id.clone());
                }
            }
        }
    }
    let hidden_ids: HashSet<&str> = hidden.iter().map(|h| h.amendment.as_str()).collect();
    let mut hidden_marks: Vec<(usize, String)> = Vec::new();
    for e in texts
        .iter()
        .filter(|e| hidden_ids.contains(e.amendment.as_str()))
    {
        for x in e.blocks.clone() {
            hidden_marks.push((x, e.amendment.clone()));
        }
    }
    for (x, id) in hidden_marks {
        if let Some(&i) = by_index.get(&x) {
            blocks[i].marks.push(id);
        }
    }
    let rank = |id: &String| tabled.get(id.as_str()).copied().unwrap_or(usize::MAX);
    for b in &mut blocks {
        let mut marks = std::mem::take(&mut b.marks);
        marks.extend(b.removed_by.iter().cloned());
        for r in &b.runs {
            marks.extend(r.by.iter().cloned());
        }
        crate::sort::sort_by_key(&mut marks, rank);
        marks.dedup();
        b.marks = marks;
        crate::sort::sort_by_key(&mut b.removed_by, rank);
    }
    Overlay {
        blocks,
        hidden,
        failed,
    }
}

/// One alternative of a passage: the plan's blocks `blocks` with the
/// amendment `id` applied alone, or as they stand (`None`).
pub fn column(case: &Case, doc: &Document, id: Option<&str>, blocks: Range<usize>) -> Overlay {
    let ids: Vec<String> = id.into_iter().map(str::to_string).collect();
    let mut o = overlay(case, doc, &ids);
    // an inserted block belongs to the passage if a neighbouring plan block does
    let in_range = |x: Option<usize>| x.is_some_and(|x| blocks.contains(&x));
    let prev: Vec<Option<usize>> = o
        .blocks
        .iter()
        .scan(None, |last, b| {
            let before = *last;
            if b.index.is_some() {
                *last = b.index;
            }
            Some(before)
        })
        .collect();
    let mut next: Vec<Option<usize>> = o
        .blocks
        .iter()
        .rev()
        .scan(None, |last, b| {
            let after = *last;
            if b.index.is_some() {
                *last = b.index;
            }
            Some(after)
        })
        .collect();
    next.reverse();
    let inside: Vec<bool> = o
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b.index {
            Some(_) => in_range(b.index),
            None => in_range(prev[i]) || in_range(next[i]),
        })
        .collect();
    let mut keep = inside.into_iter();
    o.blocks.retain(|_| keep.next().unwrap_or(false));
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../examples/alingsas-ks-2023-217/case.json");

    fn example() -> (Case, Document) {
        let case = Case::from_json(EXAMPLE).unwrap();
        let doc = case.document().unwrap();
        (case, doc)
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn heading(doc: &Document, text: &str) -> usize {
        doc.find_headings(text)[0]
    }

    #[test]
    fn groups_of_the_example() {
        let (case, doc) = example();
        let c = check(&case, &doc);
        assert!(c.failed.is_empty(), "{:?}", c.failed);
        assert_eq!(c.groups.len(), 2, "{:?}", c.groups);
        let buffers = c
            .groups
            .iter()
            .find(|g| g.amendments == ids(&["mp2", "v1"]))
            .expect("MP 2 and V 1");
        assert!(buffers.identical);
        let h = heading(&doc, "Nämndbuffertar mot oförutsedda kostnader");
        assert_eq!(buffers.blocks, doc.section_blocks(h));
        let goals = c
            .groups
            .iter()
            .find(|g| g.amendments == ids(&["mp1", "v2"]))
            .expect("MP 1 and V 2");
        assert!(!goals.identical);
        let h = heading(&doc, "Effektivisera den politiska målstyrningen");
        assert_eq!(goals.blocks, doc.section_blocks(h));
    }

    #[test]
    fn overlay_shows_changes_inside_a_deleted_section() {
        let (case, doc) = example();
        let all = ids(&["mp1", "mp2", "v1", "v2", "mp-tillagg", "c-tillagg"]);
        let o = overlay(&case, &doc, &all);
        assert!(o.failed.is_empty(), "{:?}", o.failed);
        assert!(o.hidden.is_empty(), "{:?}", o.hidden);
        // every plan block is there once, in order
        let indices: Vec<usize> = o.blocks.iter().filter_map(|b| b.index).collect();
        assert_eq!(indices, (0..doc.blocks.len()).collect::<Vec<_>>());
        let h = heading(&doc, "Effektivisera den politiska målstyrningen");
        let section = doc.section_blocks(h);
        for b in o
            .blocks
            .iter()
            .filter(|b| b.index.is_some_and(|i| section.contains(&i)))
        {
            assert_eq!(b.removed_by, ids(&["mp1"]));
        }
        let reworded = o
            .blocks
            .iter()
            .find(|b| b.runs.iter().any(|r| r.by == ids(&["v2"])))
            .expect("V 2's change");
        assert_eq!(reworded.removed_by, ids(&["mp1"]));
        assert_eq!(reworded.marks, ids(&["mp1", "v2"]));
        assert_eq!(reworded.status, "changed");
        // identical deletions are both named
        let b = heading(&doc, "Nämndbuffertar mot oförutsedda kostnader");
        let buffers = o.blocks.iter().find(|x| x.index == Some(b)).unwrap();
        assert_eq!(buffers.removed_by, ids(&["mp2", "v1"]));
        assert_eq!(buffers.kind, "heading");
        assert_eq!(
            buffers.runs[0].text,
            "Nämndbuffertar mot oförutsedda kostnader"
        );
        // the added paragraph is a block of its own
        let added: Vec<&OverlayBlock> = o.blocks.iter().filter(|b| b.index.is_none()).collect();
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].status, "inserted");
        assert_eq!(added[0].marks, ids(&["c-tillagg"]));
    }

    #[test]
    fn earlier_in_the_order_wins_word_conflicts() {
        let (mut case, doc) = example();
        let mut mine = case.amendments[3].clone();
        mine.id = "x".into();
        mine.ops[0].text = Some("Vi ska vara en effektiv kommun.".into());
        case.amendments.push(mine);
        let o = overlay(&case, &doc, &ids(&["x", "v2"]));
        assert_eq!(
            o.hidden,
            vec![Hidden {
                amendment: "v2".into(),
                because: "x".into()
            }]
        );
        let b = o
            .blocks
            .iter()
            .find(|b| b.runs.iter().any(|r| r.by == ids(&["x"])))
            .unwrap();
        assert_eq!(b.marks, ids(&["v2", "x"]));
        let o = overlay(&case, &doc, &ids(&["v2", "x"]));
        assert_eq!(o.hidden[0].amendment, "x");
    }

    #[test]
    fn unknown_and_unlocatable_amendments_fail_alone() {
        let (mut case, doc) = example();
        case.amendments[3].ops[0].quote = Some("finns inte i planen alls".into());
        let o = overlay(&case, &doc, &ids(&["nope", "v2", "mp-tillagg"]));
        let failed: Vec<&str> = o.failed.iter().map(|f| f.amendment.as_str()).collect();
        assert_eq!(failed, vec!["nope", "v2"]);
        assert_eq!(o.failed[1].code, "quote_not_found");
        assert!(o.blocks.iter().any(|b| b.marks == ids(&["mp-tillagg"])));
    }

    #[test]
    fn columns_of_a_group() {
        let (case, doc) = example();
        let h = heading(&doc, "Effektivisera den politiska målstyrningen");
        let range = doc.section_blocks(h);
        let base = column(&case, &doc, None, range.clone());
        assert_eq!(base.blocks.len(), range.len());
        assert!(base
            .blocks
            .iter()
            .all(|b| b.status == "equal" && b.marks.is_empty()));
        let mp1 = column(&case, &doc, Some("mp1"), range.clone());
        assert!(mp1.blocks.iter().all(|b| b.removed_by == ids(&["mp1"])));
        let v2 = column(&case, &doc, Some("v2"), range.clone());
        assert_eq!(v2.blocks.len(), range.len());
        assert_eq!(
            v2.blocks.iter().filter(|b| b.status == "changed").count(),
            1
        );
        let c = column(&case, &doc, Some("c-tillagg"), {
            let l = heading(&doc, "Lokaleffektivitet");
            doc.section_blocks(l)
        });
        assert_eq!(c.blocks.last().unwrap().status, "inserted");
    }

    #[test]
    fn markers_are_taken_off_even_after_an_insertion() {
        let case = Case::new("T", "# Plan\n\n## Mål\n\nText här.\n\n- punkt\n");
        let mut case = case;
        case.members.push(crate::case::Member {
            id: "m".into(),
            name: "M".into(),
            party: "X".into(),
            substitute: false,
        });
        case.amendments.push(Amendment {
            id: "a".into(),
            proposer: "m".into(),
            kind: crate::AmendmentKind::Change,
            ordinal: None,
            wording: String::new(),
            ops: vec![
                crate::Op::insert_at_quote(
                    crate::Position::Before,
                    "Mål",
                    "Nya",
                    crate::InsertAs::Sentence,
                ),
                crate::Op::replace("punkt", "prick"),
            ],
            supporters: vec![],
            withdrawn: false,
            conditional: false,
            from_wording: false,
            motivation: None,
            note: None,
        });
        let doc = case.document().unwrap();
        let o = overlay(&case, &doc, &ids(&["a"]));
        let texts: Vec<String> = o
            .blocks
            .iter()
            .map(|b| {
                b.runs
                    .iter()
                    .map(|r| format!("{:?}:{}", r.tag, r.text))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "Equal:Plan",
                "Insert:Nya |Equal:Mål",
                "Equal:Text här.",
                "Delete:punkt|Insert:prick"
            ]
        );
        assert_eq!(o.blocks[3].kind, "list_item");
    }
}
