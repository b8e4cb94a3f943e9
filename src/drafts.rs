//! Proposals drafted apart and brought together: members draft on their own
//! laptops, the secretary gathers their drafts into the meeting's case
//! ([`merge`]); and a case carried to a new version of the plan
//! ([`rebase`]). Nothing is dropped on the way: every proposal either
//! arrives, is recognised as one already there, or is kept and listed with
//! what needs a look.
//!
//! A draft ([`Draft`]) is a small file: the plan's fingerprint (not the
//! plan), and the member's proposals with the members they name. A whole
//! case file is a draft too.

use crate::amendment::Amendment;
use crate::case::{Case, Member};
use crate::doc::Document;
use crate::error::Error;
use crate::locate::locate;
use serde::{Deserialize, Serialize};

/// The format tag of a draft file.
pub const DRAFT_FORMAT: &str = "amend-draft/1";

/// A member's proposals, without the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: String,
    /// The case's title, for the one who opens the file.
    #[serde(default)]
    pub title: String,
    /// [`fingerprint`] of the plan the proposals were drafted on.
    pub plan: String,
    /// The members the proposals name (proposers, supporters).
    #[serde(default)]
    pub members: Vec<Member>,
    pub amendments: Vec<Amendment>,
}

impl Draft {
    /// The draft of `case`'s proposals by `proposer` (all of them when
    /// `None`), with the members they name.
    pub fn of(case: &Case, doc: &Document, proposer: Option<&str>) -> Draft {
        let amendments: Vec<Amendment> = case
            .amendments
            .iter()
            .filter(|a| proposer.is_none_or(|p| a.proposer == p))
            .cloned()
            .collect();
        let named = |m: &Member| {
            amendments
                .iter()
                .any(|a| a.proposer == m.id || a.supporters.contains(&m.id))
        };
        Draft {
            format: DRAFT_FORMAT.into(),
            title: case.title.clone(),
            plan: fingerprint(doc),
            members: case.members.iter().filter(|m| named(m)).cloned().collect(),
            amendments,
        }
    }

    /// A draft file, or a whole case file taken as one.
    pub fn from_json(s: &str) -> Result<Draft, Error> {
        let v: serde_json::Value =
            serde_json::from_str(s).map_err(|e| Error::Invalid(format!("not JSON: {e}")))?;
        if v.get("format").and_then(|f| f.as_str()) == Some(DRAFT_FORMAT) {
            return serde_json::from_value(v)
                .map_err(|e| Error::Invalid(format!("not a draft of amend: {e}")));
        }
        let case = Case::from_json(s)?;
        let doc = case.document()?;
        Ok(Draft::of(&case, &doc, None))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// A plan's fingerprint: a hash of its canonical text (FNV-1a, 64 bits, in
/// hex), the same for the same plan however it was read.
pub fn fingerprint(doc: &Document) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in doc.canonical.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What became of one proposal of a draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Added under its own id.
    Added,
    /// Added under a new id: the case has another proposal with its id.
    Renamed { from: String },
    /// Already in the case (same proposer, same operations): not added again.
    AlreadyThere { as_id: String },
    /// Re-sent by its proposer with something changed: the case's version
    /// replaced (see [`merge`]), under the case's id. `fields` names what
    /// changed: "wording", "ops", "motivation", "kind", "conditional",
    /// "supporters".
    Updated { fields: Vec<&'static str> },
}

/// One line of a merge's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merged {
    /// Which draft (from 0, in the order given).
    pub draft: usize,
    /// The proposal's id in the case.
    pub id: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Drafted on another version of the plan: located again in this one
    /// (`None`), or not (the reason), so that it needs a look.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_version: Option<Option<String>>,
}

impl Merged {
    /// Does this proposal need the secretary's look (its passage not
    /// found in this version of the plan)?
    pub fn needs_look(&self) -> bool {
        matches!(self.other_version, Some(Some(_)))
    }
}

/// Brings `drafts` into `case`: members matched by name (or added),
/// proposals added in the drafts' order, those already there recognised,
/// clashing ids renumbered, those drafted on another version of the plan
/// located again and flagged when their passage is not found.
///
/// A proposal re-sent by its proposer is recognised, not added twice: the
/// case's proposal by the same member (matched by name, like every member)
/// with the same operations and kind, or else with the same id. When the
/// re-sent one differs from the case's (its wording, operations, motivation,
/// kind, conditional, or new supporters), it is the member's corrected
/// version: it replaces the case's and is reported [`Outcome::Updated`],
/// naming what changed. What the secretary did to the case's version is
/// kept: its id, its `note`, `withdrawn`, and its supporters (the draft's
/// are added to them, none dropped). When nothing differs it is
/// [`Outcome::AlreadyThere`]. Another member's proposal with the same id is
/// never the same proposal: it is added under a new id
/// ([`Outcome::Renamed`]). A corrected proposal whose operations changed and
/// whose id the case renumbered on the first merge is not recognised: it is
/// added beside the old one, for the secretary to settle.
pub fn merge(case: &mut Case, drafts: &[Draft]) -> Result<Vec<Merged>, Error> {
    let doc = case.document()?;
    let here = fingerprint(&doc);
    let mut report = Vec::new();
    for (n, d) in drafts.iter().enumerate() {
        let ids = bring_members(case, &d.members);
        for a in &d.amendments {
            let mut a = a.clone();
            a.proposer = mapped(&ids, &a.proposer);
            for s in &mut a.supporters {
                *s = mapped(&ids, s);
            }
            let other_version = (d.plan != here).then(|| {
                locate(&doc, &a).err().map(|e| {
                    e.iter()
                        .map(Error::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                })
            });
            let same = case
                .amendments
                .iter()
                .position(|b| b.proposer == a.proposer && b.kind == a.kind && b.ops == a.ops)
                .or_else(|| {
                    case.amendments
                        .iter()
                        .position(|b| b.proposer == a.proposer && b.id == a.id)
                });
            let outcome = if let Some(i) = same {
                let b = &mut case.amendments[i];
                let fields = update(b, a);
                a = b.clone();
                if fields.is_empty() {
                    Outcome::AlreadyThere {
                        as_id: a.id.clone(),
                    }
                } else {
                    Outcome::Updated { fields }
                }
            } else if case.amendments.iter().any(|b| b.id == a.id) {
                let new_id = free_id(case, &a.id);
                let from = std::mem::replace(&mut a.id, new_id);
                case.amendments.push(a.clone());
                Outcome::Renamed { from }
            } else {
                case.amendments.push(a.clone());
                Outcome::Added
            };
            report.push(Merged {
                draft: n,
                id: a.id,
                outcome,
                other_version,
            });
        }
    }
    Ok(report)
}

/// Replaces the case's version `old` of a proposal with the re-sent `new`,
/// keeping the secretary's part (id, note, withdrawn, supporters, which
/// `new`'s join): the fields that changed, none when it is the same.
fn update(old: &mut Amendment, new: Amendment) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if old.wording != new.wording {
        fields.push("wording");
    }
    if old.ops != new.ops {
        fields.push("ops");
    }
    if old.motivation != new.motivation {
        fields.push("motivation");
    }
    if old.kind != new.kind {
        fields.push("kind");
    }
    if old.conditional != new.conditional {
        fields.push("conditional");
    }
    let mut supporters = old.supporters.clone();
    for s in &new.supporters {
        if !supporters.contains(s) {
            supporters.push(s.clone());
        }
    }
    if supporters != old.supporters {
        fields.push("supporters");
    }
    if !fields.is_empty() {
        *old = Amendment {
            id: std::mem::take(&mut old.id),
            ordinal: new.ordinal.or(old.ordinal),
            supporters,
            withdrawn: old.withdrawn,
            note: old.note.take(),
            ..new
        };
    }
    fields
}

/// The case's id for each of the draft's members: the member of the same
/// name (and party) already there, or the member added.
fn bring_members(case: &mut Case, members: &[Member]) -> Vec<(String, String)> {
    let mut ids = Vec::new();
    for m in members {
        let same = |c: &&Member| {
            c.name.trim().to_lowercase() == m.name.trim().to_lowercase()
                && (c.party.is_empty() || m.party.is_empty() || c.party == m.party)
        };
        let id = match case.members.iter().find(same) {
            Some(c) => c.id.clone(),
            None => {
                let id = if case.members.iter().any(|c| c.id == m.id) {
                    crate::vote::members::new_id(&case.members, &m.name)
                } else {
                    m.id.clone()
                };
                case.members.push(Member {
                    id: id.clone(),
                    ..m.clone()
                });
                id
            }
        };
        ids.push((m.id.clone(), id));
    }
    ids
}

fn mapped(ids: &[(String, String)], id: &str) -> String {
    ids.iter()
        .find(|(from, _)| from == id)
        .map_or_else(|| id.to_string(), |(_, to)| to.clone())
}

/// An id like `id` that no proposal of the case has: "mp1" → "mp3" when
/// "mp2" is taken too; "c-tillagg" → "c-tillagg-2".
fn free_id(case: &Case, id: &str) -> String {
    let stem = id.trim_end_matches(|c: char| c.is_ascii_digit());
    let (stem, first) = if stem.len() < id.len() {
        (stem.to_string(), 1)
    } else {
        (format!("{id}-"), 2)
    };
    (first..)
        .map(|n| format!("{stem}{n}"))
        .find(|c| !case.amendments.iter().any(|a| &a.id == c))
        .unwrap_or_default()
}

/// A proposal whose passage is not where it was in the new version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub id: String,
    /// Why it is not located: the error, naming the operation.
    pub message: String,
    /// The passage in the old version.
    pub old: String,
    /// What the new version has closest to it, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

/// Carries `case` to a new version of its plan: the plan replaced (`text`
/// in `format`, as its reader gave it), every active proposal located again
/// in it. Those whose passage is not found are listed with the old passage
/// and the closest the new version has; they are kept as they were, for the
/// secretary to settle, never dropped.
pub fn rebase(case: &mut Case, plan: crate::case::Plan) -> Result<Vec<Moved>, Error> {
    let old_doc = case.document()?;
    let old = case.analyze_with(old_doc.clone());
    case.plan = plan;
    let doc = case.document()?;
    let mut out = Vec::new();
    for a in case.active() {
        let Err(errors) = locate(&doc, a) else {
            continue;
        };
        let passage: Vec<&str> = old
            .edits
            .iter()
            .filter(|e| e.amendment == a.id && !e.range.is_empty())
            .map(|e| old_doc.canonical[e.range.clone()].trim())
            .collect();
        out.push(Moved {
            id: a.id.clone(),
            message: errors
                .iter()
                .map(Error::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            old: passage.join(" … "),
            new: errors.iter().find_map(Error::nearest_text),
        });
    }
    Ok(out)
}
