//! The case file (`"format": "amend/1"`): the plan, the members, the
//! amendments and the meeting's procedure, in one JSON document that the CLI
//! and the browser app both read and write.

use crate::amendment::{Amendment, AmendmentKind};
use crate::apply::{apply, Applied};
use crate::conflict::{find_conflicts, Conflict};
use crate::doc::{Document, SourceFormat};
use crate::error::Error;
use crate::locate::{locate, Edit, Warning};
use crate::procedure::Procedure;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The format this version reads and writes.
pub const FORMAT: &str = "amend/1";

/// The kind of body that meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// Kommunstyrelsen (or its arbetsutskott).
    #[default]
    Kommunstyrelse,
    /// Kommunfullmäktige: a minority of a third can send a matter back.
    Fullmaktige,
    /// A nämnd.
    Namnd,
}

/// The meeting the case is decided at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// The body's name in the definite form, as the minutes write it:
    /// "kommunstyrelsen", "kommunfullmäktige", "barn- och ungdomsnämnden".
    pub body: String,
    #[serde(default)]
    pub body_kind: BodyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The minutes' paragraph, e.g. "§ 217".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<String>,
    /// Diarienummer, e.g. "2023.476 KS".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number: Option<String>,
    /// The chair's member id (casts the deciding vote on a tie).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
}

impl Default for Meeting {
    fn default() -> Self {
        Meeting {
            body: "kommunstyrelsen".into(),
            body_kind: BodyKind::default(),
            date: None,
            paragraph: None,
            case_number: None,
            chair: None,
        }
    }
}

/// A member of the body (or a serving substitute).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub name: String,
    /// Party abbreviation as the minutes write it: "MP", "V", "C".
    pub party: String,
    /// Tjänstgörande ersättare rather than ledamot.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub substitute: bool,
}

impl Member {
    /// "Amanda Andersson (MP)".
    pub fn label(&self) -> String {
        if self.party.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.party)
        }
    }
}

/// The plan text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub format: SourceFormat,
    pub text: String,
    /// The .docx file the plan was read from, in base64, when it came from
    /// one: a .docx export starts from this package (see
    /// `export::docx_package`). Kept as text, so that a build without the
    /// file formats reads and writes it unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docx: Option<String>,
    /// The plan's emphasis, as its reader found it: byte ranges of the
    /// canonical text with `b`, `i` or `bi`, written `"12-30b 41-47i"` (see
    /// [`crate::plan::emphasis`]). Left out for a plan without emphasis and
    /// for a Markdown plan, whose source has its emphasis.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        with = "crate::plan::emphasis::as_text"
    )]
    pub marks: Vec<crate::plan::emphasis::Mark>,
}

/// The proposal the amendments are put against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseProposal {
    /// Its name in the minutes, in the definite form: "arbetsutskottets
    /// förslag till beslut".
    pub name: String,
    /// Its name in English minutes ("the working committee's proposal").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The numbered decision points as the minutes print them.
    #[serde(default)]
    pub points: Vec<String>,
    /// Members who propose that the base be approved ("X föreslår bifall
    /// till arbetsutskottets förslag").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporters: Vec<BaseSupport>,
    /// Members who propose that the base be rejected as a whole ("X
    /// föreslår avslag på arbetsutskottets förslag"); the default order
    /// then puts the base against rejection first after the formal motions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_by: Vec<String>,
}

/// A member's proposal to approve the base proposal, and with it, when
/// `reject_others`, to reject every other proposal ("… samt avslag på
/// övriga förslag").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseSupport {
    pub member: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reject_others: bool,
}

impl Default for BaseProposal {
    fn default() -> Self {
        BaseProposal {
            name: "arbetsutskottets förslag till beslut".into(),
            name_en: None,
            points: Vec::new(),
            supporters: Vec::new(),
            rejected_by: Vec::new(),
        }
    }
}

/// A whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub format: String,
    pub title: String,
    #[serde(default)]
    pub meeting: Meeting,
    pub plan: Plan,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default)]
    pub base: BaseProposal,
    #[serde(default)]
    pub amendments: Vec<Amendment>,
    #[serde(default, skip_serializing_if = "Procedure::is_empty")]
    pub procedure: Procedure,
    /// The secretary's own text of sections of the minutes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minutes_edits: Vec<crate::vote::minutes::SectionEdit>,
    /// The house style of the minutes (see [`crate::vote::style`]).
    #[serde(default, skip_serializing_if = "crate::vote::style::Style::is_default")]
    pub style: crate::vote::style::Style,
}

/// Everything `amend check` reports about a case.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub doc: Document,
    /// The edits of every active amendment that could be located, in tabled
    /// order.
    pub edits: Vec<Edit>,
    pub errors: Vec<Error>,
    pub warnings: Vec<Warning>,
    /// Conflicting and identical pairs between active amendments.
    pub conflicts: Vec<Conflict>,
}

fn json_error(e: serde_json::Error) -> Error {
    Error::Json {
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
        line: e.line(),
        column: e.column(),
    }
}

impl Case {
    /// A new case around a plan text.
    pub fn new(title: &str, plan: &str) -> Case {
        Case {
            format: FORMAT.into(),
            title: title.into(),
            meeting: Meeting::default(),
            plan: Plan {
                format: SourceFormat::Auto,
                text: plan.into(),
                docx: None,
                marks: Vec::new(),
            },
            members: Vec::new(),
            base: BaseProposal::default(),
            amendments: Vec::new(),
            procedure: Procedure::default(),
            minutes_edits: Vec::new(),
            style: Default::default(),
        }
    }

    /// Reads a case file and checks that its ids hang together.
    pub fn from_json(s: &str) -> Result<Case, Error> {
        Ok(Case::from_json_keeping(s)?.0)
    }

    /// [`Case::from_json`], and the fields of the file that amend does not
    /// know (see [`crate::fields`]), to be written back with
    /// [`crate::fields::to_json_keeping`].
    pub fn from_json_keeping(s: &str) -> Result<(Case, Vec<crate::fields::Unknown>), Error> {
        let value: serde_json::Value = serde_json::from_str(s).map_err(json_error)?;
        let format = value
            .get("format")
            .map(|f| f.as_str().map_or_else(|| f.to_string(), str::to_string));
        Case::check_format(format.as_deref())?;
        let mut case: Case = serde_json::from_str(s).map_err(json_error)?;
        case.validate()?;
        case.read_wordings();
        Ok((case, crate::fields::unknown(&value)))
    }

    /// Gives each amendment that has a wording and no operations the
    /// operations its wording says ([`crate::amend::reading`]), marked as
    /// read (`from_wording`) until a person confirms them. Those whose
    /// wording cannot be read keep no operations; [`Case::unread`] says why.
    pub fn read_wordings(&mut self) {
        for a in self.amendments.iter_mut().filter(|a| a.ops.is_empty()) {
            if let Ok(ops) = crate::amend::reading::read_wording(&a.wording) {
                a.ops = ops;
                a.from_wording = true;
            }
        }
    }

    /// The active amendments without operations and why their wording
    /// could not be read.
    pub fn unread(&self) -> Vec<(&str, crate::amend::reading::Unread)> {
        self.active()
            .filter(|a| a.ops.is_empty())
            .filter_map(|a| {
                crate::amend::reading::read_wording(&a.wording)
                    .err()
                    .map(|e| (a.id.as_str(), e))
            })
            .collect()
    }

    /// Checks a case file's `"format"`: `None` when the file has none, else
    /// its value (a string as it is, any other value as JSON).
    pub fn check_format(format: Option<&str>) -> Result<(), Error> {
        match format {
            None => Err(Error::NotACase),
            Some(FORMAT) => Ok(()),
            Some(other) => Err(Error::FormatVersion {
                found: other.into(),
            }),
        }
    }

    /// The case as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Checks that ids are unique, that proposers and supporters are members
    /// and that the operations' fields fit together.
    pub fn validate(&self) -> Result<(), Error> {
        use crate::procedure::{BASE, DECIDE, REJECT};
        let mut seen: HashSet<&str> = HashSet::new();
        for m in &self.members {
            if m.id.trim().is_empty() {
                return Err(Error::Invalid(format!(
                    "member ”{}” has an empty id",
                    m.name
                )));
            }
            if !seen.insert(m.id.as_str()) {
                return Err(Error::DuplicateId {
                    id: m.id.clone(),
                    what: "two members".into(),
                });
            }
        }
        let mut seen_a = HashSet::new();
        for a in &self.amendments {
            if a.id.trim().is_empty() {
                return Err(Error::Invalid("an amendment has an empty id".into()));
            }
            // the procedure's own alternatives
            let reserved = match a.id.as_str() {
                BASE => Some("the base proposal"),
                REJECT => Some("avslag (rejecting the matter)"),
                DECIDE => Some("deciding the matter today"),
                _ => None,
            };
            if let Some(what) = reserved {
                return Err(Error::ReservedId {
                    id: a.id.clone(),
                    what: what.into(),
                });
            }
            if !seen_a.insert(a.id.as_str()) {
                return Err(Error::DuplicateId {
                    id: a.id.clone(),
                    what: "two amendments".into(),
                });
            }
            if !seen.contains(a.proposer.as_str()) {
                return Err(Error::UnknownMember {
                    amendment: a.id.clone(),
                    member: a.proposer.clone(),
                    role: "proposer".into(),
                });
            }
            for s in &a.supporters {
                if !seen.contains(s.as_str()) {
                    return Err(Error::UnknownMember {
                        amendment: a.id.clone(),
                        member: s.clone(),
                        role: "supporter".into(),
                    });
                }
            }
            a.check_fields()?;
        }
        if let Some(chair) = &self.meeting.chair {
            if self.member(chair).is_none() {
                return Err(Error::Invalid(format!(
                    "the chair ”{chair}” is not among the members"
                )));
            }
        }
        Ok(())
    }

    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub fn amendment(&self, id: &str) -> Result<&Amendment, Error> {
        self.amendments
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(|| self.unknown_amendment(id))
    }

    fn unknown_amendment(&self, id: &str) -> Error {
        Error::UnknownAmendment {
            id: id.into(),
            known: self.amendments.iter().map(|a| a.id.clone()).collect(),
        }
    }

    /// Amendments that have not been withdrawn, in tabled order.
    pub fn active(&self) -> impl Iterator<Item = &Amendment> {
        self.amendments.iter().filter(|a| !a.withdrawn)
    }

    /// The proposer's own number for an amendment: its `ordinal`, or its
    /// place among the proposer's amendments of the same kind.
    pub fn ordinal(&self, a: &Amendment) -> u32 {
        a.ordinal.unwrap_or_else(|| {
            self.active()
                .filter(|x| x.proposer == a.proposer && x.kind == a.kind)
                .position(|x| x.id == a.id)
                .map_or(1, |p| p as u32 + 1)
        })
    }

    /// Does the proposer have more than one active amendment of this kind
    /// (so the minutes must say "första", "andra")?
    pub fn numbered(&self, a: &Amendment) -> bool {
        self.active()
            .filter(|x| x.proposer == a.proposer && x.kind == a.kind)
            .count()
            > 1
    }

    /// "Emily Munter (V)", or the proposer id if unknown.
    pub fn proposer_label(&self, a: &Amendment) -> String {
        proposer_label(self.member(&a.proposer), a)
    }

    /// A short label for an amendment in tracked changes: "V 2", "MP tillägg"
    /// ("MP addition" in English). The label names the party, so when two
    /// members of a party have proposals of one kind, the party's are
    /// numbered in tabled order ("L 1" Nils Nyström's, "L 2" Lisa
    /// Larsson's) to tell them apart; otherwise the number is the proposer's
    /// own ([`Case::ordinal`]), when they have more than one. The minutes
    /// name each member's own proposals and keep their own numbers.
    pub fn short_label(&self, a: &Amendment, lang: crate::render::Lang) -> String {
        let number = party_places(self)
            .get(a.id.as_str())
            .copied()
            .or_else(|| self.numbered(a).then(|| self.ordinal(a)));
        short_label(self.member(&a.proposer), a, number, lang)
    }

    /// The case's members and amendments by id and the amendments' numbers,
    /// worked out once for whoever asks about many amendments.
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup::new(self)
    }

    /// Keeps the emphasis a reader found (`marks` over byte ranges of the
    /// plan text it wrote, `self.plan.text`) in the case and in `doc`, the
    /// plan parsed, over its canonical text.
    pub fn set_read_marks(&mut self, doc: &mut Document, marks: &[crate::plan::emphasis::Mark]) {
        let carried = crate::plan::emphasis::carry(&self.plan.text, marks, &doc.canonical);
        doc.set_marks(&carried);
        self.plan.marks = doc.marks.clone();
    }

    /// Parses the plan.
    pub fn document(&self) -> Result<Document, Error> {
        let mut doc = Document::parse(&self.plan.text, self.plan.format)?;
        if doc.marks.is_empty() && !self.plan.marks.is_empty() {
            doc.set_marks(&self.plan.marks);
        }
        Ok(doc)
    }

    /// Locates every active amendment and lists conflicts. Fails only if the
    /// plan itself cannot be read; amendments that cannot be located are
    /// listed in [`Analysis::errors`].
    pub fn analyze(&self) -> Result<Analysis, Error> {
        let doc = self.document()?;
        Ok(self.analyze_with(doc))
    }

    /// [`Case::analyze`] with an already parsed plan.
    pub fn analyze_with(&self, doc: Document) -> Analysis {
        let mut edits = Vec::new();
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for a in self.active() {
            match locate(&doc, a) {
                Ok((e, w)) => {
                    edits.extend(e);
                    warnings.extend(w);
                }
                Err(e) => errors.extend(e),
            }
        }
        let conflicts = find_conflicts(&edits);
        Analysis {
            doc,
            edits,
            errors,
            warnings,
            conflicts,
        }
    }

    /// Applies the adopted amendments (ids) to the plan. `prefer` lists
    /// `(winner, loser)` pairs for adopted amendments that conflict.
    pub fn apply(
        &self,
        adopted: &[String],
        prefer: &[(String, String)],
    ) -> Result<(Document, Applied), Error> {
        let doc = self.document()?;
        let applied = self.apply_with(&doc, adopted, prefer)?;
        Ok((doc, applied))
    }

    /// [`Case::apply`] with an already parsed plan.
    pub fn apply_with(
        &self,
        doc: &Document,
        adopted: &[String],
        prefer: &[(String, String)],
    ) -> Result<Applied, Error> {
        let lookup = self.lookup();
        let index = |id: &str| lookup.index(id).ok_or_else(|| self.unknown_amendment(id));
        for (w, l) in prefer {
            index(w)?;
            index(l)?;
        }
        let mut edits = Vec::new();
        // tabled order, whatever order the ids were given in
        let mut places: Vec<usize> = Vec::with_capacity(adopted.len());
        for id in adopted {
            let i = index(id)?;
            if self.amendments[i].withdrawn {
                return Err(Error::Invalid(format!(
                    "amendment {id} is withdrawn and cannot be adopted"
                )));
            }
            places.push(i);
        }
        places.sort_unstable();
        places.dedup();
        for a in places.into_iter().map(|i| &self.amendments[i]) {
            match locate(doc, a) {
                Ok((e, _)) => edits.extend(e),
                Err(mut errs) => return Err(errs.remove(0)),
            }
        }
        let mut applied = apply(&doc.canonical, &edits, prefer)?;
        applied.runs = crate::plan::emphasis::emphasize(applied.runs, &doc.marks);
        Ok(applied)
    }
}

/// Each active amendment's place (from 1) among its party's active
/// amendments of its kind, for the parties whose amendments of that kind
/// come from more than one member: what tells "L 1" from "L 2" in the
/// labels ([`Case::short_label`]).
fn party_places(case: &Case) -> HashMap<&str, u32> {
    let party = |id: &str| {
        case.members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.party.trim())
            .filter(|p| !p.is_empty())
    };
    let mut groups: Vec<((&str, AmendmentKind), Vec<&Amendment>)> = Vec::new();
    for a in case.active() {
        let Some(p) = party(&a.proposer) else {
            continue;
        };
        match groups.iter_mut().find(|(k, _)| *k == (p, a.kind)) {
            Some((_, g)) => g.push(a),
            None => groups.push(((p, a.kind), vec![a])),
        }
    }
    let mut places = HashMap::new();
    for (_, g) in groups {
        if g.iter().all(|a| a.proposer == g[0].proposer) {
            continue;
        }
        for (n, a) in g.iter().enumerate() {
            places.entry(a.id.as_str()).or_insert(n as u32 + 1);
        }
    }
    places
}

fn proposer_label(member: Option<&Member>, a: &Amendment) -> String {
    member.map_or_else(|| a.proposer.clone(), Member::label)
}

/// [`Case::short_label`], given the proposer and the amendment's number
/// (`None` when it is the proposer's only one of its kind).
fn short_label(
    member: Option<&Member>,
    a: &Amendment,
    number: Option<u32>,
    lang: crate::render::Lang,
) -> String {
    // the party, or the name of a proposer without one
    let party = member.map_or(a.proposer.as_str(), |m| {
        if m.party.trim().is_empty() {
            m.name.as_str()
        } else {
            m.party.as_str()
        }
    });
    let addition = match lang {
        crate::render::Lang::Sv => "tillägg",
        crate::render::Lang::En => "addition",
    };
    match (a.kind, number) {
        (AmendmentKind::Change, Some(n)) => format!("{party} {n}"),
        (AmendmentKind::Change, None) => party.to_string(),
        (AmendmentKind::Addition, Some(n)) => format!("{party} {addition} {n}"),
        (AmendmentKind::Addition, None) => format!("{party} {addition}"),
    }
}

/// A case's members and amendments by id, and each active amendment's place
/// among its proposer's active amendments of its kind: what
/// [`Case::member`], [`Case::amendment`], [`Case::ordinal`] and
/// [`Case::numbered`] find by going through the lists, found once.
pub struct Lookup<'c> {
    case: &'c Case,
    members: HashMap<&'c str, &'c Member>,
    /// The index of each amendment in `case.amendments` (the first, should
    /// two share an id).
    amendments: HashMap<&'c str, usize>,
    /// Active amendments by proposer and kind.
    counts: HashMap<(&'c str, AmendmentKind), u32>,
    /// Each active amendment's place (from 1) among its proposer's active
    /// amendments of its kind.
    places: HashMap<&'c str, u32>,
    /// Each active amendment's place among its party's of its kind, where
    /// more than one member of the party has one (see [`party_places`]).
    party_places: HashMap<&'c str, u32>,
}

impl<'c> Lookup<'c> {
    fn new(case: &'c Case) -> Lookup<'c> {
        let mut members = HashMap::with_capacity(case.members.len());
        for m in &case.members {
            members.entry(m.id.as_str()).or_insert(m);
        }
        let mut amendments = HashMap::with_capacity(case.amendments.len());
        for (i, a) in case.amendments.iter().enumerate() {
            amendments.entry(a.id.as_str()).or_insert(i);
        }
        let mut counts = HashMap::new();
        let mut places = HashMap::new();
        for a in case.active() {
            let n = counts.entry((a.proposer.as_str(), a.kind)).or_insert(0);
            *n += 1;
            places.entry(a.id.as_str()).or_insert(*n);
        }
        Lookup {
            case,
            members,
            amendments,
            counts,
            places,
            party_places: party_places(case),
        }
    }

    /// [`Case::member`].
    pub fn member(&self, id: &str) -> Option<&'c Member> {
        self.members.get(id).copied()
    }

    /// The amendment `id`, if the case has it.
    pub fn amendment(&self, id: &str) -> Option<&'c Amendment> {
        self.index(id).map(|i| &self.case.amendments[i])
    }

    /// The index of amendment `id` in the case's list (its tabled place).
    pub fn index(&self, id: &str) -> Option<usize> {
        self.amendments.get(id).copied()
    }

    /// [`Case::ordinal`].
    pub fn ordinal(&self, a: &Amendment) -> u32 {
        a.ordinal
            .unwrap_or_else(|| self.places.get(a.id.as_str()).copied().unwrap_or(1))
    }

    /// [`Case::numbered`].
    pub fn numbered(&self, a: &Amendment) -> bool {
        self.counts
            .get(&(a.proposer.as_str(), a.kind))
            .is_some_and(|&n| n > 1)
    }

    /// [`Case::proposer_label`].
    pub fn proposer_label(&self, a: &Amendment) -> String {
        proposer_label(self.member(&a.proposer), a)
    }

    /// [`Case::short_label`].
    pub fn short_label(&self, a: &Amendment, lang: crate::render::Lang) -> String {
        let number = self
            .party_places
            .get(a.id.as_str())
            .copied()
            .or_else(|| self.numbered(a).then(|| self.ordinal(a)));
        short_label(self.member(&a.proposer), a, number, lang)
    }
}

// ---- correcting the plan ----

/// An active amendment that does not locate in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotLocated {
    pub amendment: String,
    /// Did it locate in the plan before the change?
    pub before: bool,
    /// The first error's code and message (see [`Error::code`]).
    pub code: &'static str,
    pub message: String,
    #[serde(skip)]
    pub error: Error,
}

/// How the amendments locate after the plan changed. The amendments
/// themselves are never changed or dropped by a change of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relocated {
    /// Active amendments that do not locate in the new plan, in tabled order.
    pub failed: Vec<NotLocated>,
    /// Amendments that did not locate in the old plan and do in the new.
    pub found: Vec<String>,
}

impl Relocated {
    /// The amendments that located in the old plan and no longer do.
    pub fn lost(&self) -> impl Iterator<Item = &NotLocated> {
        self.failed.iter().filter(|f| f.before)
    }
}

impl Case {
    /// Corrects the plan (see [`crate::plan::edit`]): the plan becomes the
    /// corrected text in the structured form. Returns the new plan and how
    /// the amendments locate in it.
    #[cfg(feature = "correct")]
    pub fn edit_plan(
        &mut self,
        edit: &crate::plan::edit::PlanEdit,
    ) -> Result<(Document, Relocated), Error> {
        let doc = self.document()?;
        self.edit_plan_with(&doc, edit)
    }

    /// [`Case::edit_plan`] with the plan already parsed.
    #[cfg(feature = "correct")]
    pub fn edit_plan_with(
        &mut self,
        doc: &Document,
        edit: &crate::plan::edit::PlanEdit,
    ) -> Result<(Document, Relocated), Error> {
        let text = crate::plan::edit::edit(doc, edit)?;
        self.set_plan_with(doc, SourceFormat::Structured, text)
    }

    /// Replaces the plan's text (`old` is the current plan, parsed), as when
    /// a correction is undone. Nothing changes if the new text cannot be
    /// read.
    pub fn set_plan_with(
        &mut self,
        old: &Document,
        format: SourceFormat,
        text: String,
    ) -> Result<(Document, Relocated), Error> {
        let mut new = Document::parse(&text, format)?;
        // emphasis the new text's source has, or the old plan's carried over
        let own = !new.marks.is_empty();
        if !own && !old.marks.is_empty() {
            let carried = crate::plan::emphasis::carry(&old.canonical, &old.marks, &new.canonical);
            new.set_marks(&carried);
        }
        let mut failed = Vec::new();
        let mut found = Vec::new();
        for a in self.active() {
            let was = locate(old, a).is_ok();
            match locate(&new, a) {
                Ok(_) if !was => found.push(a.id.clone()),
                Ok(_) => {}
                Err(mut errors) => {
                    let error = errors.remove(0);
                    failed.push(NotLocated {
                        amendment: a.id.clone(),
                        before: was,
                        code: error.code(),
                        message: error.to_string(),
                        error,
                    });
                }
            }
        }
        self.plan.format = format;
        self.plan.text = text;
        self.plan.marks = if own { Vec::new() } else { new.marks.clone() };
        Ok((new, Relocated { failed, found }))
    }
}
