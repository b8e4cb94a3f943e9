//! The meeting's procedure: propositions, how each was decided, and what
//! follows from the decisions.
//!
//! The chair puts proposals against each other (*ställer proposition*): the
//! base proposal against the amendments that compete for one passage, each
//! addition against rejection (*mot avslag*). Each proposition is decided by
//! the chair's finding (*acklamation*) or, when a member demands it, by a roll
//! call (*votering*); a tie goes to the chair's casting vote (*utslagsröst*).
//! With three or more alternatives the chair's finding is the main proposal
//! and the others are reduced by preliminary votes to one counter-proposal
//! (*kontrapropositionsvotering*). In fullmäktige a third of those present can
//! send a matter back (*minoritetsåterremiss*).
//!
//! An adopted amendment makes every proposal that conflicts with it fall
//! (*faller*), including one whose passage lies in a section it deletes.
//!
//! Alternatives are written as strings: `"base"` (the base proposal),
//! `"reject"` (avslag), `"decide"` (the matter is decided today, against a
//! formal motion), an amendment or formal motion id, or identical amendments
//! joined by `+` (`"mp2+v1"`), which are one alternative that keeps every
//! proposer's name.

use crate::amendment::AmendmentKind;
use crate::case::{Analysis, BodyKind, Case};
use crate::conflict::Conflict;
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The base proposal.
pub const BASE: &str = "base";
/// Rejection (avslag), the counterpart of an addition.
pub const REJECT: &str = "reject";
/// Deciding the matter today, the counterpart of a formal motion.
pub const DECIDE: &str = "decide";

/// A formal motion: it concerns how the matter is handled, not its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormalKind {
    /// Återremiss: send the matter back for more preparation.
    Remit,
    /// Bordläggning: postpone the matter to a later meeting.
    Postpone,
}

/// A formal motion (återremiss, bordläggning).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormalMotion {
    pub id: String,
    pub kind: FormalKind,
    pub proposer: String,
    /// The reasons (required for återremiss).
    #[serde(default)]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporters: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
}

/// A member's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    Ja,
    Nej,
    /// Avstår.
    #[serde(alias = "avstår")]
    Avstar,
}

/// One member's ballot in a roll call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ballot {
    pub member: String,
    pub vote: Choice,
}

/// Vote counts, when only the totals are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub ja: u32,
    pub nej: u32,
    #[serde(default)]
    pub avstar: u32,
}

/// One vote between two alternatives: ja for one, nej for the other.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Round {
    /// The alternative a ja-vote supports (for the main vote: the chair's
    /// finding, which is the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
    /// The alternative a nej-vote supports (for the main vote: the
    /// counter-proposal, which is the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nej: Option<String>,
    /// For a preliminary round decided without a roll call: the chair's finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// Each member's vote (the voteringslista), or …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<Ballot>,
    /// … only the totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Counts>,
    /// The chair's casting vote on a tie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub casting_vote: Option<Choice>,
}

/// A roll call (votering).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RollCall {
    /// Who demanded it (optional; the minutes only say "Omröstning begärs").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demanded_by: Vec<String>,
    /// Preliminary rounds that pick the counter-proposal when there are three
    /// or more alternatives: the first between two of the alternatives that
    /// are not the main proposal, each next one between the last winner and
    /// one more.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preliminary: Vec<Round>,
    /// The main vote: the main proposal (ja) against the counter-proposal (nej).
    pub main: Round,
}

/// One proposition put by the chair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposition {
    /// The alternatives put against each other (see the module docs).
    pub alternatives: Vec<String>,
    /// The alternative the chair finds adopted. Without it the proposition is
    /// not decided yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// The roll call, if one was demanded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roll_call: Option<RollCall>,
}

/// A reservation against the decision, by a member or by a party's
/// members ("Ledamöterna för S reserverar sig …").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Reservation {
    /// The member who reserves; empty when `group` does.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub member: String,
    /// A party whose members reserve together (their party code, as the
    /// members list writes it: "S").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The alternatives whose fate is reserved against ("mot beslutet att
    /// bifalla arbetsutskottets förslag", "… att avslå Ms tilläggsförslag");
    /// empty means the decision as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub against: Vec<String>,
    /// The alternatives reserved in favour of; empty means the member's own
    /// proposals ("till förmån för eget förslag"), or nothing named when
    /// `against` names the decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_favour_of: Vec<String>,
    /// A written reservation follows (skriftlig reservation, bilaga).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub written: bool,
    /// The written reservation's text, attached to the minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A protokollsanteckning: a member's statement entered in the minutes
/// (the chair allows it; it is not a reservation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProtocolNote {
    pub member: String,
    pub text: String,
}

/// How the meeting handled the case.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Procedure {
    /// Members (ids) absent from this item; everyone else listed is present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    /// Number of members present, when not all of them are listed as members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formal: Vec<FormalMotion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propositions: Vec<Proposition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reservations: Vec<Reservation>,
    /// The chair states the proposals before putting them ("Ordföranden
    /// konstaterar att det finns tre förslag: …").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub statement: bool,
    /// The chair proposes the order of the propositions and the body
    /// approves it ("… godkänner ordförandens förslag till
    /// propositionsordning").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub order_approved: bool,
    /// Protokollsanteckningar, in the order they were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub protocol_notes: Vec<ProtocolNote>,
}

impl Procedure {
    /// Nothing recorded yet.
    pub fn is_empty(&self) -> bool {
        self.absent.is_empty()
            && self.present_count.is_none()
            && self.formal.is_empty()
            && self.propositions.is_empty()
            && self.reservations.is_empty()
            && !self.statement
            && !self.order_approved
            && self.protocol_notes.is_empty()
    }
}

/// Where an amendment stands after the procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not decided yet.
    Open,
    Adopted,
    Rejected,
    /// Fell because a conflicting amendment was adopted.
    Fallen,
    Withdrawn,
}

/// The status of one amendment or formal motion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalStatus {
    pub id: String,
    pub status: Status,
    /// For a fallen proposal: the adopted amendment that made it fall.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<String>,
    /// The proposition (0-based) that decided it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposition: Option<usize>,
}

/// One side of a decided vote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    pub ja: String,
    pub nej: String,
    pub counts: Counts,
    /// The winning side.
    pub winner: Choice,
    /// Decided by the chair's casting vote.
    pub casting: bool,
}

/// What came of one proposition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropositionResult {
    pub index: usize,
    /// The alternatives actually put (withdrawn ones removed).
    pub alternatives: Vec<String>,
    /// The winning alternative, if decided.
    pub winner: Option<String>,
    /// The chair's finding (the main proposal).
    pub found: Option<String>,
    /// Preliminary rounds (kontraproposition) and the main vote, if voted.
    pub preliminary: Vec<Tally>,
    pub main_vote: Option<Tally>,
    /// Amendments that fell because of this decision, with the adopted
    /// amendment that made them fall.
    pub fell: Vec<(String, String)>,
    /// The matter was sent back or postponed here; nothing after it is decided.
    pub ends_matter: bool,
    /// A minority of a third sent the matter back (fullmäktige).
    pub minority_remit: bool,
    /// Every proposal put against the base had already fallen: the
    /// proposition is moot and the minutes leave it out.
    pub moot: bool,
}

/// The outcome of the whole procedure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub propositions: Vec<PropositionResult>,
    pub statuses: Vec<ProposalStatus>,
    /// Adopted amendments, in tabled order.
    pub adopted: Vec<String>,
    /// What ended the matter: a formal motion carried (återremiss,
    /// bordläggning), or `reject` when the base proposal was rejected as a
    /// whole (avslag på hela förslaget).
    pub ended_by: Option<String>,
    /// Things that are allowed but unusual.
    pub warnings: Vec<String>,
    /// The same warnings with what they concern, for showing each next to
    /// its propositions.
    pub notices: Vec<Notice>,
    /// Members present.
    pub present: u32,
}

/// A warning with the propositions and proposals it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    /// What kind of warning: `different_passages`, `identical_separate`,
    /// `order`, `put_twice`, `already_fallen`, `withdrawn`, `after_end`,
    /// `too_few`, `addition_vs_base`, `reject_not_addition`, `not_put`.
    pub code: &'static str,
    /// The propositions (0-based) it concerns, if any.
    pub propositions: Vec<usize>,
    /// The proposals it names.
    pub ids: Vec<String>,
    /// The warning's text (as in [`Decision::warnings`]).
    pub message: String,
}

impl Decision {
    pub fn status(&self, id: &str) -> Option<&ProposalStatus> {
        self.statuses.iter().find(|s| s.id == id)
    }
}

/// A procedure error of kind `code` (see [`problem_code`]).
fn invalid(code: &'static str, message: String) -> Error {
    Error::Procedure { code, message }
}

/// The kind of each amendment, by id (the first of two with one id).
fn kinds(case: &Case) -> HashMap<&str, AmendmentKind> {
    let mut out = HashMap::with_capacity(case.amendments.len());
    for a in &case.amendments {
        out.entry(a.id.as_str()).or_insert(a.kind);
    }
    out
}

/// The kind of amendment `id`, if it is one (a lookup that, unlike
/// [`Case::amendment`], builds no error when it is not).
fn amendment_kind(kinds: &HashMap<&str, AmendmentKind>, id: &str) -> Option<AmendmentKind> {
    kinds.get(id).copied()
}

/// Splits `"mp2+v1"` into its ids.
pub fn parts(alt: &str) -> Vec<&str> {
    alt.split('+')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Groups of amendments that compete for the same words (connected by
/// conflicting or identical pairs), in document order, each group's identical
/// amendments merged into one alternative.
pub fn conflict_groups(
    case: &Case,
    conflicts: &[Conflict],
    first_pos: &HashMap<String, usize>,
) -> Vec<Vec<String>> {
    let ids: Vec<&str> = case
        .active()
        .filter(|a| a.kind == AmendmentKind::Change)
        .map(|a| a.id.as_str())
        .collect();
    let mut parent: HashMap<&str, &str> = ids.iter().map(|&i| (i, i)).collect();
    fn root<'a>(p: &HashMap<&'a str, &'a str>, mut x: &'a str) -> &'a str {
        while p[x] != x {
            x = p[x];
        }
        x
    }
    for c in conflicts {
        let (a, b) = (c.a.amendment.as_str(), c.b.amendment.as_str());
        if parent.contains_key(a) && parent.contains_key(b) {
            let (ra, rb) = (root(&parent, a), root(&parent, b));
            if ra != rb {
                parent.insert(ra, rb);
            }
        }
    }
    let mut groups: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    let mut key_of: HashMap<&str, (usize, usize)> = HashMap::new();
    for (n, &id) in ids.iter().enumerate() {
        let r = root(&parent, id);
        let pos = ids
            .iter()
            .filter(|&&x| root(&parent, x) == r)
            .map(|x| first_pos.get(*x).copied().unwrap_or(usize::MAX))
            .min()
            .unwrap_or(usize::MAX);
        let key = *key_of.entry(r).or_insert((pos, n));
        groups.entry(key).or_default().push(id);
    }
    groups
        .into_values()
        .map(|members| merge_identical(&members, conflicts))
        .collect()
}

/// Joins identical amendments of a group into `a+b` alternatives.
fn merge_identical(members: &[&str], conflicts: &[Conflict]) -> Vec<String> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    for &m in members {
        let twin = out.iter_mut().find(|alt| {
            alt.iter().all(|&x| {
                let pairs: Vec<_> = conflicts.iter().filter(|c| c.between(x, m)).collect();
                !pairs.is_empty() && pairs.iter().all(|c| !c.is_conflict())
            })
        });
        match twin {
            Some(alt) => alt.push(m),
            None => out.push(vec![m]),
        }
    }
    out.into_iter().map(|a| a.join("+")).collect()
}

/// The default order of propositions: formal motions first (återremiss, then
/// bordläggning), each alone against deciding today; then the amendments one
/// conflict group at a time in document order, the base proposal against
/// every alternative for that passage; then each addition against rejection.
pub fn default_order(case: &Case) -> Result<Vec<Proposition>, Error> {
    let an = case.analyze()?;
    Ok(default_order_with(case, &an))
}

/// [`default_order`] with the case already analysed.
pub fn default_order_with(case: &Case, an: &Analysis) -> Vec<Proposition> {
    let mut first_pos: HashMap<String, usize> = HashMap::new();
    for e in &an.edits {
        let p = first_pos
            .entry(e.amendment.clone())
            .or_insert(e.range.start);
        *p = (*p).min(e.range.start);
    }
    let mut out = Vec::new();
    for kind in [FormalKind::Remit, FormalKind::Postpone] {
        for f in case
            .procedure
            .formal
            .iter()
            .filter(|f| f.kind == kind && !f.withdrawn)
        {
            out.push(Proposition {
                alternatives: vec![DECIDE.into(), f.id.clone()],
                found: None,
                roll_call: None,
            });
        }
    }
    // avslag on the whole, when someone moved it
    if !case.base.rejected_by.is_empty() {
        out.push(Proposition {
            alternatives: vec![BASE.into(), REJECT.into()],
            found: None,
            roll_call: None,
        });
    }
    for group in conflict_groups(case, &an.conflicts, &first_pos) {
        let mut alternatives = vec![BASE.to_string()];
        alternatives.extend(group);
        out.push(Proposition {
            alternatives,
            found: None,
            roll_call: None,
        });
    }
    let mut additions: Vec<_> = case
        .active()
        .filter(|a| a.kind == AmendmentKind::Addition)
        .collect();
    crate::sort::sort_by_key(&mut additions, |a| {
        first_pos.get(&a.id).copied().unwrap_or(usize::MAX)
    });
    for a in additions {
        out.push(Proposition {
            alternatives: vec![a.id.clone(), REJECT.into()],
            found: None,
            roll_call: None,
        });
    }
    out
}

struct Ctx<'a> {
    case: &'a Case,
    /// The kind of each amendment, by id.
    kinds: &'a HashMap<&'a str, AmendmentKind>,
    conflicts: Vec<Conflict>,
    present: u32,
    present_members: HashSet<&'a str>,
    warnings: Vec<String>,
    notices: Vec<Notice>,
}

/// Runs the recorded procedure: checks every proposition, works out each
/// decision, which proposals were adopted, rejected or fell, and returns the
/// adopted set. Undecided propositions leave their proposals open.
pub fn decide(case: &Case) -> Result<Decision, Error> {
    let an = case.analyze()?;
    decide_with(case, &an)
}

/// [`decide`] with the case already analysed (the procedure plays no part
/// in the analysis, so one serves any number of procedures).
pub fn decide_with(case: &Case, an: &Analysis) -> Result<Decision, Error> {
    if let Some(e) = an.errors.first() {
        return Err(e.clone());
    }
    let p = &case.procedure;
    for id in &p.absent {
        if case.member(id).is_none() {
            return Err(invalid(
                "unknown_member",
                format!("the absent member ”{id}” is not among the members"),
            ));
        }
    }
    let present_members: HashSet<&str> = case
        .members
        .iter()
        .map(|m| m.id.as_str())
        .filter(|id| !p.absent.iter().any(|a| a == id))
        .collect();
    let present = p.present_count.unwrap_or(present_members.len() as u32);
    if (present as usize) < present_members.len() && p.present_count.is_some() {
        return Err(invalid(
            "present_count",
            format!(
                "present_count is {present}, but {} members are listed and not absent",
                present_members.len()
            ),
        ));
    }
    let mut seen_formal = HashSet::new();
    for f in &p.formal {
        if case.amendments.iter().any(|a| a.id == f.id)
            || [BASE, REJECT, DECIDE].contains(&f.id.as_str())
            || !seen_formal.insert(&f.id)
        {
            return Err(Error::DuplicateId {
                id: f.id.clone(),
                what: "a formal motion and another proposal".into(),
            });
        }
        if case.member(&f.proposer).is_none() {
            return Err(Error::UnknownMember {
                amendment: f.id.clone(),
                member: f.proposer.clone(),
                role: "proposer".into(),
            });
        }
        if f.kind == FormalKind::Remit && f.reason.trim().is_empty() && !f.withdrawn {
            return Err(invalid(
                "remit_reason",
                format!(
                    "återremiss {} has no reasons; a motion to send a matter back must give them",
                    f.id
                ),
            ));
        }
    }
    let kinds = kinds(case);
    let mut ctx = Ctx {
        case,
        kinds: &kinds,
        conflicts: an.conflicts.clone(),
        present,
        present_members,
        warnings: Vec::new(),
        notices: Vec::new(),
    };

    let mut status: BTreeMap<String, ProposalStatus> = BTreeMap::new();
    for a in &case.amendments {
        let s = if a.withdrawn {
            Status::Withdrawn
        } else {
            Status::Open
        };
        status.insert(
            a.id.clone(),
            ProposalStatus {
                id: a.id.clone(),
                status: s,
                because: None,
                proposition: None,
            },
        );
    }
    for f in &p.formal {
        let s = if f.withdrawn {
            Status::Withdrawn
        } else {
            Status::Open
        };
        status.insert(
            f.id.clone(),
            ProposalStatus {
                id: f.id.clone(),
                status: s,
                because: None,
                proposition: None,
            },
        );
    }

    let mut results = Vec::new();
    let mut ended_by: Option<String> = None;
    let mut used_in: HashMap<String, usize> = HashMap::new();
    for (i, prop) in p.propositions.iter().enumerate() {
        let alternatives = ctx.check_alternatives(i, prop)?;
        for alt in &alternatives {
            for id in parts(alt) {
                if status.contains_key(id) {
                    if let Some(prev) = used_in.insert(id.to_string(), i) {
                        ctx.warn(
                            "put_twice",
                            &[prev, i],
                            &[id],
                            format!(
                                "{id} is put in proposition {} and again in proposition {}",
                                prev + 1,
                                i + 1
                            ),
                        );
                    }
                }
            }
        }
        ctx.check_grouping(i, &alternatives);
        let mut result = PropositionResult {
            index: i,
            alternatives: alternatives.clone(),
            winner: None,
            found: prop.found.clone(),
            preliminary: Vec::new(),
            main_vote: None,
            fell: Vec::new(),
            ends_matter: false,
            minority_remit: false,
            moot: false,
        };
        if ended_by.is_some() {
            if prop.found.is_some() {
                ctx.warn(
                    "after_end",
                    &[i],
                    &[],
                    format!(
                        "proposition {} is recorded after the matter was ended (sent back, postponed or the base proposal rejected); it is not counted",
                        i + 1
                    ),
                );
            }
            results.push(result);
            continue;
        }
        let base_alone = alternatives == [BASE];
        if alternatives.len() < 2 && !base_alone {
            ctx.warn(
                "too_few",
                &[i],
                &[],
                format!(
                    "proposition {} has fewer than two alternatives left; it is skipped",
                    i + 1
                ),
            );
            results.push(result);
            continue;
        }
        // already fallen alternatives
        for alt in &alternatives {
            for id in parts(alt) {
                if let Some(s) = status.get(id) {
                    if s.status == Status::Fallen {
                        let because = s.because.clone().unwrap_or_default();
                        ctx.warn(
                            "already_fallen",
                            &[i],
                            &[id, &because],
                            format!(
                                "{id} in proposition {} had already fallen (because {} was adopted)",
                                i + 1,
                                if because.is_empty() { "?" } else { &because }
                            ),
                        );
                    }
                }
            }
        }
        let proposals: Vec<&str> = alternatives
            .iter()
            .flat_map(|a| parts(a))
            .filter(|id| ctx.kinds.contains_key(id))
            .collect();
        result.moot = !proposals.is_empty()
            && proposals
                .iter()
                .all(|id| status.get(*id).is_some_and(|s| s.status == Status::Fallen));
        let Some(found) = &prop.found else {
            if prop.roll_call.is_some() {
                return Err(invalid("no_finding", format!(
                    "proposition {}: a roll call is recorded but not the chair's finding (\"found\"), which the main vote puts as ja",
                    i + 1
                )));
            }
            results.push(result);
            continue;
        };
        if !alternatives.contains(found) {
            return Err(invalid(
                "finding_not_alternative",
                format!(
                "proposition {}: the chair's finding ”{found}” is not one of its alternatives ({})",
                i + 1,
                alternatives.join(", ")
            ),
            ));
        }
        let winner = match &prop.roll_call {
            None => found.clone(),
            Some(rc) => ctx.roll_call(i, &alternatives, found, rc, &mut result)?,
        };
        result.winner = Some(winner.clone());
        // the formal motions
        let formal: Vec<&FormalMotion> = alternatives
            .iter()
            .filter_map(|a| p.formal.iter().find(|f| &f.id == a))
            .collect();
        if let Some(f) = formal.first() {
            let remit_by_minority = result.minority_remit;
            let carried = winner == f.id || remit_by_minority;
            let st = status.get_mut(&f.id).expect("formal motions have a status");
            st.status = if carried {
                Status::Adopted
            } else {
                Status::Rejected
            };
            st.proposition = Some(i);
            if carried {
                result.ends_matter = true;
                ended_by = Some(f.id.clone());
            }
            results.push(result);
            continue;
        }
        // avslag on the whole: the base proposal rejected ends the matter
        if winner == REJECT && alternatives.iter().any(|a| a == BASE) {
            result.ends_matter = true;
            ended_by = Some(REJECT.into());
        }
        // the amendments
        for alt in &alternatives {
            let won = alt == &winner;
            for id in parts(alt) {
                if let Some(st) = status.get_mut(id) {
                    if won {
                        if st.status == Status::Fallen {
                            return Err(invalid("fallen_adopted", format!(
                                "proposition {}: {id} cannot be adopted, it fell when {} was adopted",
                                i + 1,
                                st.because.as_deref().unwrap_or("?")
                            )));
                        }
                        st.status = Status::Adopted;
                        st.because = None;
                    } else if st.status != Status::Fallen {
                        st.status = Status::Rejected;
                    }
                    st.proposition = Some(i);
                }
            }
        }
        // whatever conflicts with what was adopted falls; an identical
        // proposal not yet decided is adopted with it
        for id in parts(&winner) {
            for c in ctx
                .conflicts
                .iter()
                .filter(|c| c.a.amendment == id || c.b.amendment == id)
            {
                let other = if c.a.amendment == id {
                    &c.b.amendment
                } else {
                    &c.a.amendment
                };
                let Some(st) = status.get_mut(other) else {
                    continue;
                };
                match (c.is_conflict(), st.status) {
                    (true, Status::Adopted) => {
                        return Err(invalid("conflict_adopted", format!(
                            "proposition {}: {id} conflicts with {other}, which was adopted before; both cannot stand",
                            i + 1
                        )))
                    }
                    (true, Status::Open) => {
                        st.status = Status::Fallen;
                        st.because = Some(id.to_string());
                        st.proposition = Some(i);
                        result.fell.push((other.clone(), id.to_string()));
                    }
                    (false, Status::Open) => {
                        st.status = Status::Adopted;
                        st.proposition = Some(i);
                    }
                    _ => {}
                }
            }
        }
        results.push(result);
    }
    for r in &p.reservations {
        ctx.check_reservation(r, &results)?;
    }
    for n in &p.protocol_notes {
        ctx.check_note(n)?;
    }
    for (i, e) in case.minutes_edits.iter().enumerate() {
        if e.lang != "sv" && e.lang != "en" {
            return Err(invalid(
                "edit_language",
                format!(
                    "minutes_edits[{i}] (section ”{}”) is in the language ”{}”; the minutes are written in ”sv” or ”en”",
                    e.section, e.lang
                ),
            ));
        }
    }
    for id in &case.base.rejected_by {
        if case.member(id).is_none() {
            return Err(invalid(
                "unknown_member",
                format!("”{id}” moves to reject the base proposal but is not a member"),
            ));
        }
    }
    for b in &case.base.supporters {
        if case.member(&b.member).is_none() {
            return Err(invalid(
                "unknown_member",
                format!(
                    "”{}” supports the base proposal but is not a member",
                    b.member
                ),
            ));
        }
    }
    ctx.check_order(&results);
    let mut separate = Vec::new();
    for c in ctx.conflicts.iter().filter(|c| !c.is_conflict()) {
        let (a, b) = (&c.a.amendment, &c.b.amendment);
        if let (Some(&x), Some(&y)) = (used_in.get(a), used_in.get(b)) {
            if x != y {
                separate.push((a.clone(), b.clone(), x.min(y), x.max(y)));
            }
        }
    }
    for (a, b, x, y) in separate {
        let w = format!(
            "{a} and {b} are identical but put in different propositions ({} and {}); they are usually one alternative, ”{a}+{b}”",
            x + 1,
            y + 1
        );
        if !ctx.warnings.contains(&w) {
            ctx.warn("identical_separate", &[x, y], &[&a, &b], w);
        }
    }
    if p.propositions.iter().all(|x| x.found.is_some())
        && ended_by.is_none()
        && !p.propositions.is_empty()
    {
        for a in case.active() {
            if status[&a.id].status == Status::Open {
                ctx.warn(
                    "not_put",
                    &[],
                    &[&a.id],
                    format!("{} was not put to the meeting", a.id),
                );
            }
        }
    }
    let adopted: Vec<String> = case
        .amendments
        .iter()
        .filter(|a| status[&a.id].status == Status::Adopted)
        .map(|a| a.id.clone())
        .collect();
    let statuses = case
        .amendments
        .iter()
        .map(|a| a.id.as_str())
        .chain(p.formal.iter().map(|f| f.id.as_str()))
        .map(|id| status[id].clone())
        .collect();
    Ok(Decision {
        propositions: results,
        statuses,
        adopted,
        ended_by,
        warnings: ctx.warnings,
        notices: ctx.notices,
        present: ctx.present,
    })
}

/// What keeps a recorded procedure from being decided, and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The proposition (0-based) the problem is in, if it is in one.
    pub proposition: Option<usize>,
    /// The reservation (0-based) the problem is in, if it is in one.
    pub reservation: Option<usize>,
    /// What kind of problem (see [`problem_code`]).
    pub code: &'static str,
    /// The error's text.
    pub message: String,
}

/// A procedure's outcome as far as it can be worked out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The decision. With a problem in a proposition or a reservation: the
    /// decision of the propositions before it (reservations left out);
    /// with a problem elsewhere (members, formal motions), none.
    pub decision: Option<Decision>,
    pub problem: Option<Problem>,
}

/// A stable code for a procedure error: the error's own code, or for the
/// procedure's checks one of `tie`, `too_many_votes`,
/// `abstained_reservation`, `absent_vote`, `absent_reservation`,
/// `unknown_member`, `unknown_proposal`, `votes_twice`, `counts_mismatch`,
/// `no_votes`, `finding_not_alternative`, `no_finding`,
/// `preliminary_not_needed`, `preliminary_count`, `preliminary_sides`,
/// `preliminary_finding`, `main_vote_sides`, `fallen_adopted`,
/// `conflict_adopted`, `twice`, `not_identical`, `identical_separate`,
/// `cannot_join`, `empty_alternative`, `remit_reason`, `present_count`,
/// `counts_too_large` (`invalid` for anything else).
pub fn problem_code(e: &Error) -> &'static str {
    e.code()
}

/// Runs the recorded procedure like [`decide_with`], but instead of failing
/// reports the first problem with where it is — the proposition or the
/// reservation — and the decision of everything before it, so that a
/// meeting's record can be shown while it is being corrected.
pub fn report(case: &Case, an: &Analysis) -> Report {
    let e = match decide_with(case, an) {
        Ok(d) => {
            return Report {
                decision: Some(d),
                problem: None,
            }
        }
        Err(e) => e,
    };
    let problem = |proposition, reservation| {
        Some(Problem {
            proposition,
            reservation,
            code: problem_code(&e),
            message: e.to_string(),
        })
    };
    let mut probe = case.clone();
    let props = std::mem::take(&mut probe.procedure.propositions);
    let reservations = std::mem::take(&mut probe.procedure.reservations);
    let with = |probe: &mut Case, n: usize, res: &[Reservation]| {
        probe.procedure.propositions = props[..n].to_vec();
        probe.procedure.reservations = res.to_vec();
        decide_with(probe, an)
    };
    if with(&mut probe, 0, &[]).is_err() {
        return Report {
            decision: None,
            problem: problem(None, None),
        };
    }
    // the shortest failing prefix ends with the proposition at fault
    let (mut ok, mut bad) = (0, props.len() + 1);
    while bad - ok > 1 {
        let mid = (ok + bad) / 2;
        if mid <= props.len() && with(&mut probe, mid, &[]).is_ok() {
            ok = mid;
        } else {
            bad = mid;
        }
    }
    let decision = with(&mut probe, ok, &[]).ok();
    if ok < props.len() {
        return Report {
            decision,
            problem: problem(Some(ok), None),
        };
    }
    let reservation =
        (0..reservations.len()).find(|&r| with(&mut probe, ok, &reservations[r..=r]).is_err());
    Report {
        decision,
        problem: problem(None, reservation),
    }
}

impl Ctx<'_> {
    fn warn(&mut self, code: &'static str, propositions: &[usize], ids: &[&str], message: String) {
        self.notices.push(Notice {
            code,
            propositions: propositions.to_vec(),
            ids: ids.iter().map(|s| s.to_string()).collect(),
            message: message.clone(),
        });
        self.warnings.push(message);
    }

    /// Checks a proposition's alternatives and returns them with withdrawn
    /// proposals taken out.
    fn check_alternatives(&mut self, i: usize, prop: &Proposition) -> Result<Vec<String>, Error> {
        let case = self.case;
        let n = i + 1;
        let mut out = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let formal_ids: Vec<&str> = case
            .procedure
            .formal
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        for alt in &prop.alternatives {
            let ids = parts(alt);
            if ids.is_empty() {
                return Err(invalid(
                    "empty_alternative",
                    format!("proposition {n} has an empty alternative"),
                ));
            }
            let mut kept = Vec::new();
            for id in &ids {
                if !seen.insert(id) {
                    return Err(invalid("twice", format!(
                        "proposition {n}: ”{id}” stands twice among the alternatives; a proposal is one alternative"
                    )));
                }
                if [BASE, REJECT, DECIDE].contains(id) || formal_ids.contains(id) {
                    if ids.len() > 1 {
                        return Err(invalid(
                            "cannot_join",
                            format!(
                            "proposition {n}: ”{id}” cannot be joined with + to other proposals"
                        ),
                        ));
                    }
                    if let Some(f) = case.procedure.formal.iter().find(|f| f.id == *id) {
                        if f.withdrawn {
                            self.warn(
                                "withdrawn",
                                &[i],
                                &[id],
                                format!("{id} is withdrawn and leaves proposition {n}"),
                            );
                            continue;
                        }
                    }
                    kept.push(*id);
                    continue;
                }
                let a = case.amendment(id).map_err(|_| {
                    invalid("unknown_proposal", format!(
                        "proposition {n} names ”{id}”, which is no proposal of this case (amendments: {}; or base, reject, decide{})",
                        case.amendments.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(", "),
                        if formal_ids.is_empty() { String::new() } else { format!(", {}", formal_ids.join(", ")) }
                    ))
                })?;
                if a.withdrawn {
                    self.warn(
                        "withdrawn",
                        &[i],
                        &[id],
                        format!("{id} is withdrawn and leaves proposition {n}"),
                    );
                    continue;
                }
                kept.push(*id);
            }
            // joined alternatives must really be identical
            for w in kept.windows(2) {
                let identical = self
                    .conflicts
                    .iter()
                    .any(|c| c.between(w[0], w[1]) && !c.is_conflict())
                    && !self
                        .conflicts
                        .iter()
                        .any(|c| c.between(w[0], w[1]) && c.is_conflict());
                if !identical {
                    return Err(invalid("not_identical", format!(
                        "proposition {n}: {} and {} are joined as one alternative, but they are not identical",
                        w[0], w[1]
                    )));
                }
            }
            if !kept.is_empty() {
                out.push(kept.join("+"));
            }
        }
        // identical proposals put as separate alternatives
        for (x, ax) in out.iter().enumerate() {
            for ay in &out[x + 1..] {
                for a in parts(ax) {
                    for b in parts(ay) {
                        let same = self
                            .conflicts
                            .iter()
                            .any(|c| c.between(a, b) && !c.is_conflict());
                        if same {
                            return Err(invalid("identical_separate", format!(
                                "proposition {n}: {a} and {b} are the same proposal (identical); put them as one alternative, ”{a}+{b}”"
                            )));
                        }
                    }
                }
            }
        }
        let has = |s: &str| out.iter().any(|a| a == s);
        let additions = out.iter().filter(|a| {
            parts(a)
                .iter()
                .any(|id| amendment_kind(self.kinds, id) == Some(AmendmentKind::Addition))
        });
        let with_base = additions.clone().count() > 0 && has(BASE);
        // (rejection against the base proposal is avslag on the whole)
        let reject_alone = has(REJECT) && additions.count() == 0 && !has(BASE);
        if with_base {
            self.warn(
                "addition_vs_base",
                &[i],
                &[],
                format!(
                    "proposition {n} puts an addition against the base proposal; additions are usually put against rejection"
                ),
            );
        }
        if reject_alone {
            self.warn(
                "reject_not_addition",
                &[i],
                &[],
                format!("proposition {n} puts rejection against something that is not an addition"),
            );
        }
        Ok(out)
    }

    /// Warns where a proposition groups proposals in an unusual way.
    fn check_grouping(&mut self, i: usize, alternatives: &[String]) {
        let amendments: Vec<&str> = alternatives
            .iter()
            .flat_map(|a| parts(a))
            .filter(|id| amendment_kind(self.kinds, id) == Some(AmendmentKind::Change))
            .collect();
        for (x, a) in amendments.iter().enumerate() {
            for b in &amendments[x + 1..] {
                if !self.conflicts.iter().any(|c| c.between(a, b)) {
                    self.warn(
                        "different_passages",
                        &[i],
                        &[a, b],
                        format!(
                            "proposition {}: {a} and {b} concern different passages; they are usually put one at a time",
                            i + 1
                        ),
                    );
                }
            }
        }
    }

    /// Warns where the order departs from the usual one: formal motions
    /// first, additions last.
    fn check_order(&mut self, results: &[PropositionResult]) {
        let case = self.case;
        let kind_of = |r: &PropositionResult| -> u8 {
            let ids: Vec<&str> = r.alternatives.iter().flat_map(|a| parts(a)).collect();
            if ids
                .iter()
                .any(|id| case.procedure.formal.iter().any(|f| f.id == *id))
            {
                0
            } else if ids
                .iter()
                .any(|id| amendment_kind(self.kinds, id) == Some(AmendmentKind::Addition))
            {
                2
            } else {
                1
            }
        };
        let names = ["a formal motion", "amendments", "an addition"];
        let kinds: Vec<u8> = results.iter().map(kind_of).collect();
        let kind_of = |r: &PropositionResult| kinds[r.index];
        for (i, a) in results.iter().enumerate() {
            if let Some(b) = results[i + 1..].iter().find(|b| kind_of(b) < kind_of(a)) {
                self.warn(
                    "order",
                    &[a.index, b.index],
                    &[],
                    format!(
                        "proposition {} ({}) comes before proposition {} ({}); formal motions are usually put first and additions last",
                        a.index + 1,
                        names[kind_of(a) as usize],
                        b.index + 1,
                        names[kind_of(b) as usize]
                    ),
                );
            }
        }
    }

    fn tally(&self, n: usize, what: &str, r: &Round, ja: &str, nej: &str) -> Result<Tally, Error> {
        let counts = if !r.ballots.is_empty() {
            let mut c = Counts::default();
            let mut seen = HashSet::new();
            for b in &r.ballots {
                if self.case.member(&b.member).is_none() {
                    return Err(invalid(
                        "unknown_member",
                        format!("proposition {n}, {what}: ”{}” is not a member", b.member),
                    ));
                }
                if !self.present_members.contains(b.member.as_str()) {
                    return Err(invalid(
                        "absent_vote",
                        format!(
                            "proposition {n}, {what}: {} is absent and cannot vote",
                            b.member
                        ),
                    ));
                }
                if !seen.insert(&b.member) {
                    return Err(invalid(
                        "votes_twice",
                        format!("proposition {n}, {what}: {} votes twice", b.member),
                    ));
                }
                match b.vote {
                    Choice::Ja => c.ja += 1,
                    Choice::Nej => c.nej += 1,
                    Choice::Avstar => c.avstar += 1,
                }
            }
            if let Some(given) = r.counts {
                if given != c {
                    return Err(invalid("counts_mismatch", format!(
                        "proposition {n}, {what}: the counts ({}–{}, {} avstår) do not match the ballots ({}–{}, {} avstår)",
                        given.ja, given.nej, given.avstar, c.ja, c.nej, c.avstar
                    )));
                }
            }
            c
        } else if let Some(c) = r.counts {
            c
        } else {
            return Err(invalid(
                "no_votes",
                format!("proposition {n}, {what}: a roll call needs the ballots or the counts"),
            ));
        };
        let Some(total) = counts
            .ja
            .checked_add(counts.nej)
            .and_then(|t| t.checked_add(counts.avstar))
        else {
            return Err(invalid("counts_too_large", format!(
                "proposition {n}, {what}: the counts ({} ja, {} nej, {} avstår) are too large to add up; only {} members are present",
                counts.ja, counts.nej, counts.avstar, self.present
            )));
        };
        if total > self.present {
            return Err(invalid("too_many_votes", format!(
                "proposition {n}, {what}: {total} votes ({} ja, {} nej, {} avstår) but only {} members present",
                counts.ja, counts.nej, counts.avstar, self.present
            )));
        }
        let (winner, casting) = if counts.ja > counts.nej {
            (Choice::Ja, false)
        } else if counts.nej > counts.ja {
            (Choice::Nej, false)
        } else {
            match r.casting_vote {
                Some(c @ (Choice::Ja | Choice::Nej)) => (c, true),
                _ => {
                    return Err(invalid("tie", format!(
                        "proposition {n}, {what}: the vote is tied {}–{}; record the chair's casting vote (utslagsröst, \"casting_vote\": \"ja\" or \"nej\")",
                        counts.ja, counts.nej
                    )))
                }
            }
        };
        Ok(Tally {
            ja: ja.into(),
            nej: nej.into(),
            counts,
            winner,
            casting,
        })
    }

    fn roll_call(
        &mut self,
        i: usize,
        alternatives: &[String],
        found: &str,
        rc: &RollCall,
        result: &mut PropositionResult,
    ) -> Result<String, Error> {
        let n = i + 1;
        for d in &rc.demanded_by {
            if self.case.member(d).is_none() {
                return Err(invalid(
                    "unknown_member",
                    format!("proposition {n}: ”{d}”, who demanded the roll call, is not a member"),
                ));
            }
        }
        let others: Vec<&String> = alternatives
            .iter()
            .filter(|a| a.as_str() != found)
            .collect();
        // kontraproposition: pick the counter-proposal
        let counter = if others.len() == 1 {
            if !rc.preliminary.is_empty() {
                return Err(invalid("preliminary_not_needed", format!(
                    "proposition {n} has two alternatives; preliminary rounds are only for three or more"
                )));
            }
            others[0].clone()
        } else {
            if rc.preliminary.len() != others.len() - 1 {
                return Err(invalid("preliminary_count", format!(
                    "proposition {n}: {} alternatives besides the main proposal need {} preliminary rounds to pick the counter-proposal; {} recorded",
                    others.len(),
                    others.len() - 1,
                    rc.preliminary.len()
                )));
            }
            let mut used: HashSet<&str> = HashSet::new();
            let mut last: Option<String> = None;
            for (k, r) in rc.preliminary.iter().enumerate() {
                let what = format!("preliminary round {}", k + 1);
                let (Some(ja), Some(nej)) = (&r.ja, &r.nej) else {
                    return Err(invalid("preliminary_sides", format!("proposition {n}, {what}: say which alternatives are put (\"ja\" and \"nej\")")));
                };
                for x in [ja, nej] {
                    if x == found {
                        return Err(invalid("preliminary_sides", format!(
                            "proposition {n}, {what}: the main proposal ”{found}” is not put in preliminary rounds"
                        )));
                    }
                    if !others.contains(&x) {
                        return Err(invalid("preliminary_sides", format!("proposition {n}, {what}: ”{x}” is not an alternative of this proposition")));
                    }
                }
                if ja == nej {
                    return Err(invalid(
                        "preliminary_sides",
                        format!("proposition {n}, {what}: ”{ja}” is put against itself"),
                    ));
                }
                if let Some(l) = &last {
                    if ja != l && nej != l {
                        return Err(invalid("preliminary_sides", format!(
                            "proposition {n}, {what}: the winner of the round before (”{l}”) must be put again"
                        )));
                    }
                }
                used.insert(ja);
                used.insert(nej);
                let w = if let Some(f) = &r.found {
                    if r.counts.is_some() || !r.ballots.is_empty() {
                        let t = self.tally(n, &what, r, ja, nej)?;
                        let w = if t.winner == Choice::Ja {
                            ja.clone()
                        } else {
                            nej.clone()
                        };
                        result.preliminary.push(t);
                        w
                    } else {
                        if f != ja && f != nej {
                            return Err(invalid("preliminary_finding", format!("proposition {n}, {what}: the finding ”{f}” is neither ”{ja}” nor ”{nej}”")));
                        }
                        result.preliminary.push(Tally {
                            ja: ja.clone(),
                            nej: nej.clone(),
                            counts: Counts::default(),
                            winner: if f == ja { Choice::Ja } else { Choice::Nej },
                            casting: false,
                        });
                        f.clone()
                    }
                } else {
                    let t = self.tally(n, &what, r, ja, nej)?;
                    let w = if t.winner == Choice::Ja {
                        ja.clone()
                    } else {
                        nej.clone()
                    };
                    result.preliminary.push(t);
                    w
                };
                last = Some(w);
            }
            if used.len() != others.len() {
                return Err(invalid(
                    "preliminary_count",
                    format!("proposition {n}: the preliminary rounds leave out some alternatives"),
                ));
            }
            last.unwrap_or_default()
        };
        let ja = rc.main.ja.clone().unwrap_or_else(|| found.to_string());
        let nej = rc.main.nej.clone().unwrap_or_else(|| counter.clone());
        if ja != found || nej != counter {
            return Err(invalid("main_vote_sides", format!(
                "proposition {n}: the main vote puts the main proposal ”{found}” (ja) against the counter-proposal ”{counter}” (nej), not ”{ja}” against ”{nej}”"
            )));
        }
        let t = self.tally(n, "main vote", &rc.main, &ja, &nej)?;
        let winner = if t.winner == Choice::Ja {
            ja.clone()
        } else {
            nej.clone()
        };
        // a third of those present can send a matter back in fullmäktige
        let remit = self
            .case
            .procedure
            .formal
            .iter()
            .find(|f| f.kind == FormalKind::Remit && (f.id == ja || f.id == nej));
        if let (Some(f), BodyKind::Fullmaktige) = (remit, self.case.meeting.body_kind) {
            let for_remit = if f.id == ja {
                t.counts.ja
            } else {
                t.counts.nej
            };
            if winner != f.id && for_remit * 3 >= self.present {
                result.minority_remit = true;
            }
        }
        result.main_vote = Some(t);
        Ok(winner)
    }

    fn check_reservation(
        &self,
        r: &Reservation,
        results: &[PropositionResult],
    ) -> Result<(), Error> {
        let who = match (r.member.is_empty(), &r.group) {
            (false, None) => self.check_reserving_member(&r.member)?,
            (true, Some(g)) => self.check_reserving_group(g)?,
            (false, Some(g)) => {
                return Err(invalid(
                    "reservation_member_and_group",
                    format!(
                        "a reservation names both the member ”{}” and the group ”{g}”; record one reservation for each",
                        r.member
                    ),
                ))
            }
            (true, None) => {
                return Err(invalid(
                    "reservation_without_member",
                    "a reservation names neither a member nor a group (\"member\" or \"group\")".into(),
                ))
            }
        };
        let own: Vec<&str> = if r.in_favour_of.is_empty() {
            self.case
                .active()
                .filter(|a| a.proposer == r.member)
                .map(|a| a.id.as_str())
                .chain(
                    self.case
                        .procedure
                        .formal
                        .iter()
                        .filter(|f| f.proposer == r.member)
                        .map(|f| f.id.as_str()),
                )
                .collect()
        } else {
            r.in_favour_of.iter().map(String::as_str).collect()
        };
        for id in own
            .iter()
            .copied()
            .chain(r.against.iter().map(String::as_str))
        {
            if ![BASE, REJECT, DECIDE].contains(&id)
                && amendment_kind(self.kinds, id).is_none()
                && !self.case.procedure.formal.iter().any(|f| f.id == id)
            {
                return Err(invalid(
                    "unknown_proposal",
                    format!(
                        "the reservation of {who} names ”{id}”, which is no proposal of this case"
                    ),
                ));
            }
        }
        if r.member.is_empty() {
            return Ok(());
        }
        let m = self
            .case
            .member(&r.member)
            .map_or(who.clone(), |m| m.label());
        // a member who abstained on the question cannot reserve
        for res in results {
            let concerns = res
                .alternatives
                .iter()
                .any(|a| parts(a).iter().any(|p| own.contains(p)));
            if !concerns {
                continue;
            }
            let Some(prop) = self.case.procedure.propositions.get(res.index) else {
                continue;
            };
            let Some(rc) = &prop.roll_call else { continue };
            let abstained = rc
                .main
                .ballots
                .iter()
                .any(|b| b.member == r.member && b.vote == Choice::Avstar);
            if abstained {
                return Err(invalid("abstained_reservation", format!(
                    "{} abstained in the vote on proposition {} and so cannot reserve against the decision",
                    m,
                    res.index + 1
                )));
            }
        }
        Ok(())
    }

    /// A reserving member: known and present. Their label.
    fn check_reserving_member(&self, id: &str) -> Result<String, Error> {
        let m = self.case.member(id).ok_or_else(|| {
            invalid(
                "unknown_member",
                format!("the reservation names ”{id}”, who is not a member"),
            )
        })?;
        if !self.present_members.contains(id) {
            return Err(invalid(
                "absent_reservation",
                format!(
                    "{} is absent and cannot reserve against the decision",
                    m.label()
                ),
            ));
        }
        Ok(m.label())
    }

    /// A reserving group: the party of a member present. "the members for S".
    fn check_reserving_group(&self, party: &str) -> Result<String, Error> {
        let present = self.case.members.iter().any(|m| {
            m.party.trim() == party.trim() && self.present_members.contains(m.id.as_str())
        });
        if !present {
            return Err(invalid(
                "unknown_group",
                format!(
                    "the reservation names the group ”{party}”, the party of no member present"
                ),
            ));
        }
        Ok(format!("the members for {}", party.trim()))
    }

    fn check_note(&self, n: &ProtocolNote) -> Result<(), Error> {
        if self.case.member(&n.member).is_none() {
            return Err(invalid(
                "unknown_member",
                format!("a protocol note names ”{}”, who is not a member", n.member),
            ));
        }
        if n.text.trim().is_empty() {
            return Err(invalid(
                "empty_note",
                format!("the protocol note of ”{}” has no text", n.member),
            ));
        }
        Ok(())
    }
}
