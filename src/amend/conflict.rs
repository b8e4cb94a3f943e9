//! Conflicts between operations: which pairs touch the same words, and which
//! pairs have the very same effect.
//!
//! All operations are resolved against the *original* text, so two
//! operations conflict when their edits of that text overlap:
//!
//! * **overlap**: both remove or replace words, and some words are in both;
//! * **inside a deleted section**: one removes a section and the other's
//!   passage (or insertion point) lies inside it;
//! * **insertion inside**: one inserts at a point strictly inside a passage
//!   the other removes or replaces.
//!
//! Two operations that remove the same range and insert the same text are
//! **identical** ("likalydande"): they are not in conflict, and adopting both
//! applies the change once, attributed to both.
//!
//! Two insertions at the same point do not conflict; they are applied in the
//! order the amendments were tabled.

use crate::amendment::Action;
use crate::locate::Edit;
use serde::Serialize;
use std::fmt;

/// How two operations relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The same effect (likalydande).
    Identical,
    /// Both change some of the same words.
    Overlap,
    /// One deletes a section that holds the other's target.
    InsideDeletedSection,
    /// One inserts inside the passage the other removes or replaces.
    InsertionInside,
}

/// One operation of one amendment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub struct OpId {
    pub amendment: String,
    /// 0-based operation index.
    pub op: usize,
}

impl fmt::Display for OpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (operation {})", self.amendment, self.op + 1)
    }
}

/// A pair of operations that touch the same words, or that are identical.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The operation that comes first in the document.
    pub a: OpId,
    pub b: OpId,
    pub kind: ConflictKind,
}

impl Conflict {
    /// Does this pair involve the amendments `x` and `y` (in either order)?
    pub fn between(&self, x: &str, y: &str) -> bool {
        (self.a.amendment == x && self.b.amendment == y)
            || (self.a.amendment == y && self.b.amendment == x)
    }

    /// Is it a real conflict (not an identical pair)?
    pub fn is_conflict(&self) -> bool {
        self.kind != ConflictKind::Identical
    }

    /// A sentence describing the pair, in English.
    pub fn describe(&self) -> String {
        match self.kind {
            ConflictKind::Identical => format!(
                "{} and {} make the same change (identical proposals)",
                self.a, self.b
            ),
            ConflictKind::Overlap => {
                format!("{} and {} change some of the same words", self.a, self.b)
            }
            ConflictKind::InsideDeletedSection => {
                format!(
                    "{} and {}: one deletes the section that holds the other's passage",
                    self.a, self.b
                )
            }
            ConflictKind::InsertionInside => {
                format!(
                    "{} and {}: one inserts text inside the passage the other changes",
                    self.a, self.b
                )
            }
        }
    }
}

fn same_effect(x: &Edit, y: &Edit) -> bool {
    x.range == y.range
        && crate::text::Normalized::key_of(&x.insert) == crate::text::Normalized::key_of(&y.insert)
}

/// Every pair of operations in `edits` that conflict or are identical, in
/// document order of their first member.
pub fn find_conflicts(edits: &[Edit]) -> Vec<Conflict> {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| (edits[i].range.start, edits[i].range.end));
    let mut out = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        let x = &edits[i];
        for &j in &order[k + 1..] {
            let y = &edits[j];
            if y.range.start > x.range.end {
                break;
            }
            // what starts where x ends is beside it, but for an insertion at
            // a deleted section's very end, which is still inside it
            if y.range.start == x.range.end
                && y.range.start != x.range.start
                && !at_end_of_deleted_section(x, y)
            {
                continue;
            }
            if x.amendment == y.amendment && x.op == y.op {
                continue;
            }
            let kind = if same_effect(x, y) {
                Some(ConflictKind::Identical)
            } else if !x.range.is_empty() && !y.range.is_empty() {
                // y.start >= x.start and y.start < x.end
                let section =
                    x.action == Action::DeleteSection || y.action == Action::DeleteSection;
                if separate_removals(x, y) {
                    None
                } else {
                    Some(if section && (contains(x, y) || contains(y, x)) {
                        ConflictKind::InsideDeletedSection
                    } else {
                        ConflictKind::Overlap
                    })
                }
            } else if at_end_of_deleted_section(x, y) {
                Some(ConflictKind::InsideDeletedSection)
            } else if !x.range.is_empty() && y.range.is_empty() && y.range.start > x.range.start {
                Some(if x.action == Action::DeleteSection {
                    ConflictKind::InsideDeletedSection
                } else {
                    ConflictKind::InsertionInside
                })
            } else {
                None
            };
            if let Some(kind) = kind {
                out.push(Conflict {
                    a: OpId {
                        amendment: x.amendment.clone(),
                        op: x.op,
                    },
                    b: OpId {
                        amendment: y.amendment.clone(),
                        op: y.op,
                    },
                    kind,
                });
            }
        }
    }
    out
}

/// Do `x` and `y` only remove text, from different blocks? Then what they
/// share is at most the blank line between them: a run of blocks takes the
/// blank line after it, or the one before it if it ends the plan, so the
/// last two sections of a plan deleted by two amendments share one.
fn separate_removals(x: &Edit, y: &Edit) -> bool {
    let removal = |e: &Edit| e.insert.is_empty() && e.action != Action::Replace;
    removal(x) && removal(y) && (x.blocks.end <= y.blocks.start || y.blocks.end <= x.blocks.start)
}

/// Is `y` an insertion at the very end of the section `x` deletes, into one
/// of its blocks? (The last section of a plan takes the blank line before
/// it, so its range ends where its text does: a sentence added at its end
/// would otherwise land in the section before it.)
fn at_end_of_deleted_section(x: &Edit, y: &Edit) -> bool {
    x.action == Action::DeleteSection
        && y.is_insertion()
        && y.range.start == x.range.end
        && x.blocks.start <= y.blocks.start
        && y.blocks.end <= x.blocks.end
}

fn contains(outer: &Edit, inner: &Edit) -> bool {
    outer.action == Action::DeleteSection
        && outer.range.start <= inner.range.start
        && inner.range.end <= outer.range.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amendment::{Amendment, InsertAs, Op, Position};
    use crate::doc::{Document, SourceFormat};

    fn edits(plan: &str, ops: Vec<Op>) -> Vec<Edit> {
        let doc = Document::parse(plan, SourceFormat::Structured).unwrap();
        ops.into_iter()
            .enumerate()
            .flat_map(|(i, op)| {
                let a = Amendment::probe(&format!("a{i}"), vec![op]);
                crate::locate::locate(&doc, &a).unwrap().0
            })
            .collect()
    }

    fn added_at_end(heading: &str) -> Op {
        Op::insert_in_section(
            Position::End,
            heading,
            "Det gäller även boenden.",
            InsertAs::Sentence,
        )
    }

    /// A sentence added at the end of a section that another proposal strikes
    /// is inside it, also when the section ends the plan.
    #[test]
    fn an_addition_to_a_struck_section_conflicts_with_striking_it() {
        for plan in [
            "# P\n\n## 4 Uppföljning\n\nKommunen ska.\n\n### 4.1 Digitalisering\n\nArbetet följs upp.\n",
            "# P\n\n## 4 Uppföljning\n\nKommunen ska.\n\n### 4.1 Digitalisering\n\nArbetet följs upp.\n\n## 5 Sist\n\nText.\n",
        ] {
            let e = edits(
                plan,
                vec![added_at_end("4.1 Digitalisering"), Op::delete_section("4.1 Digitalisering")],
            );
            let c = find_conflicts(&e);
            assert_eq!(c.len(), 1, "{plan:?}: {c:?}");
            assert_eq!(c[0].kind, ConflictKind::InsideDeletedSection);
        }
        // added to the section before the struck one: no conflict
        let e = edits(
            "# P\n\n## 4 Uppföljning\n\nKommunen ska.\n\n### 4.1 Digitalisering\n\nArbetet följs upp.\n",
            vec![
                Op::insert_at_quote(Position::After, "Kommunen ska.", "Även boenden.", InsertAs::Sentence),
                Op::delete_section("4.1 Digitalisering"),
            ],
        );
        assert_eq!(find_conflicts(&e), vec![]);
    }
}
