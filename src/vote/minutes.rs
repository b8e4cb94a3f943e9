//! The minutes' account of the decision: "Förslag till beslut på
//! sammanträdet", "Beslutsgång", "Beslut", "Reservation", and a
//! voteringslista for every roll call with ballots — in the phrasing Swedish
//! municipal minutes use, or in English.

use crate::amendment::{Amendment, AmendmentKind};
use crate::case::{BodyKind, Case, Member};
use crate::procedure::{
    parts, Choice, Decision, FormalKind, Reservation, Round, Status, Tally, BASE, DECIDE, REJECT,
};
use crate::render::Lang;
use crate::vote::style::{DecisionStyle, FallenStyle, Style, SupportStyle, TallyStyle};
use serde::{Deserialize, Serialize};

/// One section of the minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Which section it is, whatever the language: "proposals",
    /// "procedure", "decision", "reservations", "notes", "list-1", …,
    /// "reservation-1", … (a written reservation's text, by the
    /// reservation's number).
    pub key: String,
    pub title: String,
    /// Paragraphs, separated by blank lines.
    pub text: String,
    /// For a voteringslista: the same list as a table, for showing it as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
    /// Set when the text is the secretary's, not the generated one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edited: Option<Edited>,
}

/// What an edited section's text stands in for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edited {
    /// The text the case's record gives now (empty when the record no
    /// longer gives the section at all).
    pub generated: String,
    /// The generated text is not the one the edit started from: the case
    /// changed since, and the secretary should look again.
    pub changed: bool,
}

/// The secretary's own text of one section of the minutes, kept in the
/// case file (`"minutes_edits"`): it stands in for the generated text
/// until it is dropped ("regenerated").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionEdit {
    /// The section's key ([`Section::key`]).
    pub section: String,
    /// The minutes' language the edit is of: "sv" or "en".
    #[serde(default = "sv")]
    pub lang: String,
    /// The section's title when the edit was made, to show the edit by if
    /// the section is no longer generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The secretary's text.
    pub text: String,
    /// The generated text the edit started from.
    #[serde(default)]
    pub generated: String,
}

fn sv() -> String {
    "sv".into()
}

/// A voteringslista as a table: a caption, the column heads, a row per
/// member (name, party, then "X" under the vote) and the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub foot: Vec<String>,
}

/// The generated minutes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    pub sections: Vec<Section>,
    /// What keeps them from being complete: a sentence for each tabled
    /// proposal (not withdrawn, not fallen) that was never decided. Empty
    /// for minutes that can be signed; otherwise they are a draft, and say
    /// so first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// A draft's notice, in the minutes' language: "UTKAST – …", naming
    /// what is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl Minutes {
    /// The section with this title.
    pub fn section(&self, title: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.title == title)
            .map(|s| s.text.as_str())
    }

    /// Are these minutes a draft (a proposal never decided)?
    pub fn is_draft(&self) -> bool {
        !self.missing.is_empty()
    }

    /// All sections as plain text, a draft's notice first.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(notice) = &self.notice {
            out.push_str(notice);
            out.push_str("\n\n");
        }
        for s in &self.sections {
            out.push_str(&s.title);
            out.push('\n');
            out.push_str(&s.text);
            out.push_str("\n\n");
        }
        out.trim_end().to_string() + "\n"
    }
}

/// Swedish ordinal words as the minutes write them ("första ändringsförslag").
pub fn ordinal_sv(n: u32) -> String {
    const W: [&str; 12] = [
        "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde",
        "tionde", "elfte", "tolfte",
    ];
    W.get(n.wrapping_sub(1) as usize)
        .map_or_else(|| format!("{n}:e"), |w| w.to_string())
}

fn ordinal_en(n: u32) -> String {
    const W: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    W.get(n.wrapping_sub(1) as usize)
        .map_or_else(|| format!("{n}th"), |w| w.to_string())
}

fn number_sv(n: usize) -> String {
    const W: [&str; 9] = [
        "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
    ];
    W.get(n.wrapping_sub(2))
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

fn number_en(n: usize) -> String {
    const W: [&str; 9] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    W.get(n.wrapping_sub(2))
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// Swedish genitive: "Amanda Andersson" → "Amanda Anderssons", "Lars" → "Lars".
pub fn genitive_sv(name: &str) -> String {
    let name = name.trim();
    if name.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

fn genitive_en(name: &str) -> String {
    let name = name.trim();
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// Is `point` the decision point that adopts the plan ("… antas.", "…
/// is adopted.")? The adopted-with style joins the changes to it.
fn adopting_point(point: &str, sv: bool) -> bool {
    let p = point.trim_end().trim_end_matches('.');
    if sv {
        p.ends_with(" antas") || p.ends_with(" fastställs") || p.ends_with(" godkänns")
    } else {
        p.ends_with(" adopted") || p.ends_with(" approved")
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "A", "A och B", "A, B och C".
fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

struct Writer<'a> {
    case: &'a Case,
    /// The case's members and amendments, by id.
    lookup: crate::case::Lookup<'a>,
    lang: Lang,
}

impl<'a> Writer<'a> {
    fn new(case: &'a Case, lang: Lang) -> Writer<'a> {
        Writer {
            case,
            lookup: case.lookup(),
            lang,
        }
    }

    fn sv(&self) -> bool {
        self.lang == Lang::Sv
    }

    /// "idag" or "i dag", as the house style writes it.
    fn today(&self) -> &'static str {
        self.case.style.today()
    }

    fn style(&self) -> &'a Style {
        &self.case.style
    }

    fn member(&self, id: &str) -> Option<&'a Member> {
        self.lookup.member(id)
    }

    fn name(&self, id: &str) -> String {
        self.member(id)
            .map_or_else(|| id.to_string(), |m| m.name.clone())
    }

    fn label(&self, id: &str) -> String {
        self.member(id)
            .map_or_else(|| id.to_string(), Member::label)
    }

    fn body(&self) -> String {
        if self.sv() {
            self.case.meeting.body.clone()
        } else {
            match self.case.meeting.body_kind {
                BodyKind::Kommunstyrelse => "the municipal executive board".into(),
                BodyKind::Fullmaktige => "the municipal council".into(),
                BodyKind::Namnd => "the committee".into(),
            }
        }
    }

    fn base(&self) -> String {
        if self.sv() {
            self.case.base.name.clone()
        } else {
            self.case
                .base
                .name_en
                .clone()
                .unwrap_or_else(|| "the base proposal".into())
        }
    }

    fn kind_word(&self, kind: AmendmentKind) -> &'static str {
        match (kind, self.sv()) {
            (AmendmentKind::Change, true) => "ändringsförslag",
            (AmendmentKind::Addition, true) => "tilläggsförslag",
            (AmendmentKind::Change, false) => "amendment",
            (AmendmentKind::Addition, false) => "addition",
        }
    }

    fn ordinal(&self, a: &Amendment) -> Option<String> {
        self.lookup.numbered(a).then(|| {
            let n = self.lookup.ordinal(a);
            if self.sv() {
                ordinal_sv(n)
            } else {
                ordinal_en(n)
            }
        })
    }

    /// "Amanda Anderssons första" (+ party if asked), without the kind word.
    fn owner(&self, a: &Amendment, party: bool) -> String {
        let mut s = self.genitive(&a.proposer, party);
        if let Some(o) = self.ordinal(a) {
            s.push(' ');
            s.push_str(&o);
        }
        s
    }

    /// A member's name in the genitive ("Amanda Anderssons"), with their
    /// party when asked ("Amanda Anderssons (MP)").
    fn genitive(&self, id: &str, party: bool) -> String {
        let m = self.member(id);
        let name = m.map_or(id, |m| m.name.as_str());
        let mut s = if self.sv() {
            genitive_sv(name)
        } else {
            genitive_en(name)
        };
        if let Some(m) = m.filter(|m| party && !m.party.is_empty()) {
            s.push_str(&format!(" ({})", m.party));
        }
        s
    }

    /// "Amanda Anderssons andra och Emily Munters första ändringsförslag".
    fn amendments_phrase(&self, ids: &[&str], party: bool) -> String {
        let list: Vec<&Amendment> = ids
            .iter()
            .filter_map(|id| self.lookup.amendment(id))
            .collect();
        if list.is_empty() {
            return ids.join(", ");
        }
        let and = if self.sv() { "och" } else { "and" };
        let same_kind = list.iter().all(|a| a.kind == list[0].kind);
        // each proposer's in a row: "Amanda Anderssons (MP) första och andra"
        let mut groups: Vec<Vec<&Amendment>> = Vec::new();
        for a in &list {
            match groups.last_mut() {
                Some(g) if g[0].proposer == a.proposer => g.push(a),
                _ => groups.push(vec![a]),
            }
        }
        if same_kind && groups.len() < list.len() {
            let kind = self.kind_word(list[0].kind);
            let each: Vec<String> = groups
                .iter()
                .map(|g| {
                    let mut words = vec![self.owner(g[0], party)];
                    words.extend(g[1..].iter().filter_map(|a| self.ordinal(a)));
                    format!("{} {kind}", join_list(&words, and))
                })
                .collect();
            join_list(&each, if self.sv() { "samt" } else { "and" })
        } else if same_kind {
            let owners: Vec<String> = list.iter().map(|a| self.owner(a, party)).collect();
            format!(
                "{} {}",
                join_list(&owners, and),
                self.kind_word(list[0].kind)
            )
        } else {
            let each: Vec<String> = list
                .iter()
                .map(|a| format!("{} {}", self.owner(a, party), self.kind_word(a.kind)))
                .collect();
            join_list(&each, and)
        }
    }

    /// The name of an alternative in the minutes.
    fn alternative(&self, alt: &str) -> String {
        match alt {
            BASE => self.base(),
            REJECT => (if self.sv() { "avslag" } else { "rejection" }).into(),
            DECIDE => {
                if self.sv() {
                    format!("att ärendet ska avgöras {}", self.today())
                } else {
                    "deciding the matter today".into()
                }
            }
            _ => {
                if let Some(f) = self.case.procedure.formal.iter().find(|f| f.id == alt) {
                    let who = self.name(&f.proposer);
                    return match (f.kind, self.sv()) {
                        (FormalKind::Remit, true) => {
                            format!("{} förslag om återremiss", genitive_sv(&who))
                        }
                        (FormalKind::Postpone, true) => {
                            format!("{} förslag om bordläggning", genitive_sv(&who))
                        }
                        (FormalKind::Remit, false) => {
                            format!("{} motion to refer the matter back", genitive_en(&who))
                        }
                        (FormalKind::Postpone, false) => {
                            format!("{} motion to postpone the matter", genitive_en(&who))
                        }
                    };
                }
                self.amendments_phrase(&parts(alt), false)
            }
        }
    }

    /// "UTKAST – protokollet är inte färdigt: …", naming what is missing.
    fn draft_notice(&self, missing: &[String]) -> String {
        if self.sv() {
            format!(
                "UTKAST – protokollet är inte färdigt: {}.",
                missing.join("; ")
            )
        } else {
            format!(
                "DRAFT – the minutes are not complete: {}.",
                missing.join("; ")
            )
        }
    }

    /// A sentence for each tabled proposal, not withdrawn and not fallen,
    /// that the procedure never decided (none when a formal motion ended
    /// the matter: what was left is not decided, rightly).
    fn missing(&self, d: &Decision) -> Vec<String> {
        if d.ended_by.is_some() {
            return Vec::new();
        }
        d.statuses
            .iter()
            .filter(|s| s.status == Status::Open)
            .map(|s| {
                let formal = self.case.procedure.formal.iter().any(|f| f.id == s.id);
                let what = if formal {
                    self.alternative(&s.id)
                } else {
                    self.amendments_phrase(&[s.id.as_str()], true)
                };
                if self.sv() {
                    format!("{what} har inte avgjorts")
                } else {
                    format!("{what} has not been decided")
                }
            })
            .collect()
    }

    fn proposals_section(&self) -> String {
        let mut paras = self.base_support();
        paras.extend(self.formal_proposals());
        self.proposals_of_kind(AmendmentKind::Change, &mut paras);
        paras.extend(self.separate_support());
        self.proposals_of_kind(AmendmentKind::Addition, &mut paras);
        paras.join("\n\n")
    }

    /// "X (S) föreslår bifall till arbetsutskottets förslag till beslut
    /// [samt avslag på övriga förslag]." — one sentence each, or in the
    /// joined style one for all who say the same.
    fn base_support(&self) -> Vec<String> {
        let base = self.base();
        let mut out = Vec::new();
        for reject in [false, true] {
            let who: Vec<String> = self
                .case
                .base
                .supporters
                .iter()
                .filter(|b| b.reject_others == reject)
                .map(|b| self.label(&b.member))
                .collect();
            let groups: Vec<Vec<String>> = match self.style().support {
                SupportStyle::Joined if !who.is_empty() => vec![who],
                _ => who.into_iter().map(|w| vec![w]).collect(),
            };
            for g in groups {
                let who = self.joined(&g);
                out.push(match (self.sv(), reject) {
                    (true, false) => format!("{who} föreslår bifall till {base}."),
                    (true, true) => {
                        format!("{who} föreslår bifall till {base} samt avslag på övriga förslag.")
                    }
                    (false, false) => format!("{who} proposes that {base} be approved."),
                    (false, true) => format!(
                        "{who} proposes that {base} be approved and every other proposal rejected."
                    ),
                });
            }
        }
        for id in &self.case.base.rejected_by {
            let who = self.label(id);
            out.push(if self.sv() {
                format!("{who} föreslår avslag på {base}.")
            } else {
                format!("{who} proposes that {base} be rejected.")
            });
        }
        out
    }

    /// "Heidi Hankanen Ängberg (C)" or, with others joining, "Heidi
    /// Hankanen Ängberg (C), med instämmande av Lars Lind (L),".
    fn joined(&self, labels: &[String]) -> String {
        match labels {
            [] => String::new(),
            [one] => one.clone(),
            [first, rest @ ..] => {
                let (with, and) = if self.sv() {
                    ("med instämmande av", "och")
                } else {
                    ("supported by", "and")
                };
                format!("{first}, {with} {},", join_list(rest, and))
            }
        }
    }

    fn formal_proposals(&self) -> Vec<String> {
        let case = self.case;
        case.procedure
            .formal
            .iter()
            .filter(|f| !f.withdrawn)
            .map(|f| {
                let who = self.label(&f.proposer);
                match (f.kind, self.sv()) {
                    (FormalKind::Remit, true) => format!(
                        "{who} föreslår att ärendet återremitteras med följande motivering: {}",
                        f.reason.trim()
                    ),
                    (FormalKind::Postpone, true) => {
                        format!("{who} föreslår att ärendet bordläggs.")
                    }
                    (FormalKind::Remit, false) => format!(
                        "{who} moves that the matter be referred back, for these reasons: {}",
                        f.reason.trim()
                    ),
                    (FormalKind::Postpone, false) => {
                        format!("{who} moves that the matter be postponed.")
                    }
                }
            })
            .collect()
    }

    /// Each proposer's proposals of one kind as one paragraph (those tabled
    /// for the case that the matter is decided today as another).
    fn proposals_of_kind(&self, kind: AmendmentKind, paras: &mut Vec<String>) {
        let mut groups: Vec<(&str, bool)> = Vec::new();
        for a in self.case.active().filter(|a| a.kind == kind) {
            if !groups.contains(&(a.proposer.as_str(), a.conditional)) {
                groups.push((&a.proposer, a.conditional));
            }
        }
        for (p, conditional) in groups {
            let theirs: Vec<&Amendment> = self
                .case
                .active()
                .filter(|a| a.kind == kind && a.proposer == p && a.conditional == conditional)
                .collect();
            let head = self.proposal_head(kind, p, &theirs, conditional);
            let body: Vec<String> = if theirs.len() == 1 {
                vec![self.with_motivation(theirs[0], theirs[0].wording.trim().to_string())]
            } else {
                theirs
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        self.with_motivation(a, format!("{}. {}", i + 1, a.wording.trim()))
                    })
                    .collect()
            };
            paras.push(format!("{head}\n{}", body.join("\n")));
        }
    }

    /// "Amanda Andersson (MP) föreslår följande två ändringar i
    /// arbetsutskottets förslag till beslut:", with "För det fall ärendet
    /// ska avgöras idag" before a conditional proposal and, in the joined
    /// style, "med instämmande av" those who support every one of them.
    fn proposal_head(
        &self,
        kind: AmendmentKind,
        p: &str,
        theirs: &[&Amendment],
        conditional: bool,
    ) -> String {
        let base = self.base();
        let mut labels = vec![self.label(p)];
        if self.style().support == SupportStyle::Joined {
            labels.extend(self.support_of_all(theirs).iter().map(|s| self.label(s)));
        }
        let who = self.joined(&labels);
        let n = theirs.len();
        let what = match (kind, self.sv(), n) {
            (AmendmentKind::Change, true, 1) => format!("följande ändring i {base}:"),
            (AmendmentKind::Change, true, _) => {
                format!("följande {} ändringar i {base}:", number_sv(n))
            }
            (AmendmentKind::Addition, true, 1) => format!("följande tillägg till {base}:"),
            (AmendmentKind::Addition, true, _) => {
                format!("följande {} tillägg till {base}:", number_sv(n))
            }
            (AmendmentKind::Change, false, 1) => format!("the following amendment to {base}:"),
            (AmendmentKind::Change, false, _) => {
                format!("the following {} amendments to {base}:", number_en(n))
            }
            (AmendmentKind::Addition, false, 1) => format!("the following addition to {base}:"),
            (AmendmentKind::Addition, false, _) => {
                format!("the following {} additions to {base}:", number_en(n))
            }
        };
        match (self.sv(), conditional) {
            (true, false) => format!("{who} föreslår {what}"),
            (true, true) => format!(
                "För det fall ärendet ska avgöras {} föreslår {who} {what}",
                self.today()
            ),
            (false, false) => format!("{who} proposes {what}"),
            (false, true) => format!("Should the matter be decided today, {who} proposes {what}"),
        }
    }

    /// A wording followed, when the house style asks for it, by the
    /// proposal's reasons: "Motivering: …".
    fn with_motivation(&self, a: &Amendment, wording: String) -> String {
        match a
            .motivation
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            Some(m) if self.style().motivations => {
                format!(
                    "{wording}\n{} {m}",
                    if self.sv() { "Motivering:" } else { "Reasons:" }
                )
            }
            _ => wording,
        }
    }

    /// The members who support every one of `theirs`.
    fn support_of_all<'b>(&self, theirs: &[&'b Amendment]) -> Vec<&'b str> {
        let Some(first) = theirs.first() else {
            return Vec::new();
        };
        first
            .supporters
            .iter()
            .map(String::as_str)
            .filter(|s| theirs.iter().all(|a| a.supporters.iter().any(|x| x == s)))
            .collect()
    }

    /// "X föreslår att Ys andra ändringsförslag bifalls.", for each
    /// supporter in the order they first support something (in the joined
    /// style only support not already joined to a proposal).
    fn separate_support(&self) -> Vec<String> {
        let case = self.case;
        let joined = self.style().support == SupportStyle::Joined;
        // under the joined style, what a supporter backs along with all of its proposer's group
        let is_joined = |a: &Amendment, s: &str| {
            joined && {
                let group: Vec<&Amendment> = case
                    .active()
                    .filter(|b| {
                        b.kind == a.kind
                            && b.proposer == a.proposer
                            && b.conditional == a.conditional
                    })
                    .collect();
                self.support_of_all(&group).contains(&s)
            }
        };
        let mut supporters: Vec<&str> = Vec::new();
        for a in case.active() {
            for s in &a.supporters {
                if !supporters.contains(&s.as_str()) && !is_joined(a, s) {
                    supporters.push(s);
                }
            }
        }
        supporters
            .into_iter()
            .map(|s| {
                let ids: Vec<&str> = case
                    .active()
                    .filter(|a| a.supporters.iter().any(|x| x == s) && !is_joined(a, s))
                    .map(|a| a.id.as_str())
                    .collect();
                let what = self.amendments_phrase(&ids, true);
                if self.sv() {
                    format!("{} föreslår att {what} bifalls.", self.label(s))
                } else {
                    format!("{} proposes that {what} be approved.", self.label(s))
                }
            })
            .collect()
    }

    /// The result of a roll call, in the house style's form: "Med 11
    /// ja-röster mot 2 nej-röster och 2 som avstår beslutar …" or
    /// "Omröstningsresultat: Med 11 ja-röster mot 2 nej-röster samt 2
    /// ledamöter som avstår från att rösta beslutar …".
    fn tally_sentence(&self, t: &Tally, verb_phrase: &str) -> String {
        let c = t.counts;
        let body = self.body();
        let long = self.style().tally == TallyStyle::Long;
        let plural =
            |n: u32, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        if self.sv() {
            let abstain = match (c.avstar, long) {
                (0, _) => String::new(),
                (n, false) => format!(" och {n} som avstår"),
                (n, true) => format!(
                    " samt {n} {} som avstår från att rösta",
                    plural(n, "ledamot", "ledamöter")
                ),
            };
            let casting = if t.casting {
                " med ordförandens utslagsröst"
            } else {
                ""
            };
            let votes = |n: u32, word: &str| format!("{n} {word}-{}", plural(n, "röst", "röster"));
            format!(
                "{}Med {} mot {}{abstain} beslutar {body}{casting} {verb_phrase}.",
                if long { "Omröstningsresultat: " } else { "" },
                votes(c.ja, "ja"),
                votes(c.nej, "nej")
            )
        } else {
            let abstain = match (c.avstar, long) {
                (0, _) => String::new(),
                (n, false) => format!(" and {n} {}", plural(n, "abstention", "abstentions")),
                (n, true) => format!(" and {n} {} abstaining", plural(n, "member", "members")),
            };
            let casting = if t.casting {
                " with the chair's casting vote"
            } else {
                ""
            };
            format!(
                "{}With {} {} in favour to {} against{abstain}, {body} decides{casting} {verb_phrase}.",
                if long { "Result of the roll call: " } else { "" },
                c.ja,
                plural(c.ja, "vote", "votes"),
                c.nej
            )
        }
    }

    /// "att bifalla X" / "att avslå X" / "att återremittera ärendet".
    fn verb_phrase(&self, winner: &str, alternatives: &[String]) -> String {
        let sv = self.sv();
        if winner == REJECT {
            let other = alternatives
                .iter()
                .find(|a| a.as_str() != REJECT)
                .map(String::as_str)
                .unwrap_or("");
            return if sv {
                format!("att avslå {}", self.alternative(other))
            } else {
                format!("to reject {}", self.alternative(other))
            };
        }
        if winner == DECIDE {
            return if sv {
                format!("att ärendet ska avgöras {}", self.today())
            } else {
                "to decide the matter today".into()
            };
        }
        if let Some(f) = self.case.procedure.formal.iter().find(|f| f.id == winner) {
            return match (f.kind, sv) {
                (FormalKind::Remit, true) => "att återremittera ärendet".into(),
                (FormalKind::Postpone, true) => "att bordlägga ärendet".into(),
                (FormalKind::Remit, false) => "to refer the matter back".into(),
                (FormalKind::Postpone, false) => "to postpone the matter".into(),
            };
        }
        if sv {
            format!("att bifalla {}", self.alternative(winner))
        } else {
            format!("to approve {}", self.alternative(winner))
        }
    }

    /// "… och finner att kommunstyrelsen bifaller X."
    fn finding(&self, winner: &str, alternatives: &[String]) -> String {
        let body = self.body();
        let sv = self.sv();
        if winner == REJECT {
            let other = alternatives
                .iter()
                .find(|a| a.as_str() != REJECT)
                .map(String::as_str)
                .unwrap_or("");
            return if sv {
                format!("finner att {body} avslår {}", self.alternative(other))
            } else {
                format!("finds that {body} rejects {}", self.alternative(other))
            };
        }
        if sv {
            format!("finner att {body} bifaller {}", self.alternative(winner))
        } else {
            format!("finds that {body} approves {}", self.alternative(winner))
        }
    }

    /// "Ordföranden konstaterar att det finns fyra förslag: arbetsutskottets
    /// förslag till beslut, Amanda Anderssons (MP) två ändringsförslag och
    /// Emily Munters (V) tilläggsförslag." Every proposal counts; the list
    /// names each proposer's proposals of one kind together.
    fn statement_paragraph(&self) -> String {
        let case = self.case;
        let mut items = vec![self.base()];
        let formal: Vec<&str> = case
            .procedure
            .formal
            .iter()
            .filter(|f| !f.withdrawn)
            .map(|f| f.id.as_str())
            .collect();
        items.extend(formal.iter().map(|id| self.alternative(id)));
        let mut groups: Vec<(&str, AmendmentKind, Vec<&str>)> = Vec::new();
        for a in case.active() {
            match groups
                .iter_mut()
                .find(|(p, k, _)| *p == a.proposer && *k == a.kind)
            {
                Some(g) => g.2.push(&a.id),
                None => groups.push((&a.proposer, a.kind, vec![&a.id])),
            }
        }
        for (proposer, kind, ids) in &groups {
            let owner = self.genitive(proposer, true);
            let n = ids.len();
            items.push(match (self.sv(), n) {
                (_, 1) => format!("{owner} {}", self.kind_word(*kind)),
                (true, _) => format!("{owner} {} {}", number_sv(n), self.kind_word(*kind)),
                (false, _) => format!("{owner} {} {}s", number_en(n), self.kind_word(*kind)),
            });
        }
        let n = 1 + formal.len() + groups.iter().map(|g| g.2.len()).sum::<usize>();
        if self.sv() {
            let count = if n == 1 {
                "ett".to_string()
            } else {
                number_sv(n)
            };
            format!(
                "Ordföranden konstaterar att det finns {count} förslag: {}.",
                join_list(&items, "och")
            )
        } else {
            let count = if n == 1 {
                "one proposal".to_string()
            } else {
                format!("{} proposals", number_en(n))
            };
            format!(
                "The chair notes that there {} {count}: {}.",
                if n == 1 { "is" } else { "are" },
                join_list(&items, "and")
            )
        }
    }

    /// "Ordföranden föreslår följande propositionsordning: först …, därefter
    /// … och sist …. Kommunstyrelsen godkänner ordförandens förslag till
    /// propositionsordning."
    fn order_paragraph(&self) -> String {
        let sv = self.sv();
        let steps: Vec<String> = self
            .case
            .procedure
            .propositions
            .iter()
            .filter(|p| p.alternatives.len() >= 2)
            .map(|p| self.proposition_phrase(&p.alternatives))
            .collect();
        let n = steps.len();
        let ordered: Vec<String> = steps
            .into_iter()
            .enumerate()
            .map(|(i, step)| match (sv, i, n) {
                (_, _, 1) => step,
                (true, 0, _) => format!("först {step}"),
                (true, i, n) if i + 1 == n => format!("sist {step}"),
                (true, _, _) => format!("därefter {step}"),
                (false, 0, _) => format!("first {step}"),
                (false, i, n) if i + 1 == n => format!("finally {step}"),
                (false, _, _) => format!("then {step}"),
            })
            .collect();
        let body = capitalize(&self.body());
        if sv {
            format!(
                "Ordföranden föreslår följande propositionsordning: {}. {body} godkänner ordförandens förslag till propositionsordning.",
                join_list(&ordered, "och")
            )
        } else {
            format!(
                "The chair proposes the following order of propositions: {}. {body} approves the chair's proposed order.",
                join_list(&ordered, "and")
            )
        }
    }

    /// One proposition as the proposed order names it: "arbetsutskottets
    /// förslag mot Amanda Anderssons första ändringsförslag", "frågan om
    /// ärendet ska avgöras idag eller återremitteras".
    fn proposition_phrase(&self, alts: &[String]) -> String {
        let formal = alts
            .iter()
            .find_map(|a| self.case.procedure.formal.iter().find(|f| &f.id == a));
        if let Some(f) = formal {
            return match (f.kind, self.sv()) {
                (FormalKind::Remit, true) => format!(
                    "frågan om ärendet ska avgöras {} eller återremitteras",
                    self.today()
                ),
                (FormalKind::Postpone, true) => format!(
                    "frågan om ärendet ska avgöras {} eller bordläggas",
                    self.today()
                ),
                (FormalKind::Remit, false) => {
                    "whether the matter is to be decided today or referred back".into()
                }
                (FormalKind::Postpone, false) => {
                    "whether the matter is to be decided today or postponed".into()
                }
            };
        }
        let rest: Vec<String> = alts[1..].iter().map(|a| self.alternative(a)).collect();
        let (against, and) = if self.sv() {
            ("mot", "och")
        } else {
            ("against", "and")
        };
        format!(
            "{} {against} {}",
            self.alternative(&alts[0]),
            join_list(&rest, and)
        )
    }

    fn procedure_section(&self, d: &Decision, lists: &mut Vec<(String, Round)>) -> String {
        let case = self.case;
        let sv = self.sv();
        let mut paras = Vec::new();
        if case.procedure.statement {
            paras.push(self.statement_paragraph());
        }
        if case.procedure.order_approved {
            paras.push(self.order_paragraph());
        }
        for r in &d.propositions {
            let Some(prop) = case.procedure.propositions.get(r.index) else {
                continue;
            };
            let Some(found) = &r.found else { continue };
            if r.alternatives == [BASE] && r.winner.is_some() {
                paras.push(self.base_alone(d, r.index));
                continue;
            }
            if r.alternatives.len() < 2 || r.winner.is_none() || r.moot {
                continue;
            }
            let alts = &r.alternatives;
            let mut s = String::new();
            let formal = alts
                .iter()
                .find_map(|a| case.procedure.formal.iter().find(|f| &f.id == a));
            if let Some(f) = formal {
                let (verb_sv, verb_en) = match f.kind {
                    FormalKind::Remit => ("återremitteras", "referred back"),
                    FormalKind::Postpone => ("bordläggas", "postponed"),
                };
                let today = found == DECIDE;
                s.push_str(&if sv {
                    format!(
                        "Ordföranden frågar om ärendet ska avgöras {} eller {verb_sv} och finner att {}.",
                        self.today(),
                        if today { format!("det ska avgöras {}", self.today()) } else { format!("det ska {verb_sv}") }
                    )
                } else {
                    format!(
                        "The chair asks whether the matter is to be decided today or {verb_en} and finds that {}.",
                        if today { "it is to be decided today".to_string() } else { format!("it is to be {verb_en}") }
                    )
                });
            } else {
                let first = self.alternative(&alts[0]);
                let rest: Vec<String> = alts[1..].iter().map(|a| self.alternative(a)).collect();
                let and = if sv { "och" } else { "and" };
                s.push_str(&if sv {
                    format!(
                        "Ordföranden ställer {first} mot {} och {}.",
                        join_list(&rest, and),
                        self.finding(found, alts)
                    )
                } else {
                    format!(
                        "The chair puts {first} against {} and {}.",
                        join_list(&rest, and),
                        self.finding(found, alts)
                    )
                });
            }
            if let Some(rc) = &prop.roll_call {
                s.push(' ');
                s.push_str(&self.demand_sentence(rc));
                if !r.preliminary.is_empty() {
                    s.push(' ');
                    s.push_str(&if sv {
                        format!(
                            "Ordföranden finner att {} är huvudförslag.",
                            self.alternative(found)
                        )
                    } else {
                        format!(
                            "The chair finds that {} is the main proposal.",
                            self.alternative(found)
                        )
                    });
                    for (k, t) in r.preliminary.iter().enumerate() {
                        let w = if t.winner == Choice::Ja {
                            &t.ja
                        } else {
                            &t.nej
                        };
                        let round = &rc.preliminary[k];
                        let voted = round.counts.is_some() || !round.ballots.is_empty();
                        s.push(' ');
                        if voted {
                            s.push_str(&if sv {
                                format!(
                                    "För att utse motförslag godkänner {} följande propositionsordning: Ja-röst för {}. Nej-röst för {}. {}",
                                    self.body(),
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.tally_sentence(t, &format!("att utse {} till motförslag", self.alternative(w)))
                                )
                            } else {
                                format!(
                                    "To choose the counter-proposal, {} approves the following order of voting: Yes for {}. No for {}. {}",
                                    self.body(),
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.tally_sentence(t, &format!("that {} is the counter-proposal", self.alternative(w)))
                                )
                            });
                            if !round.ballots.is_empty() {
                                lists.push((
                                    format!(
                                        "{} {}, {}",
                                        "proposition",
                                        r.index + 1,
                                        if sv {
                                            format!("motförslagsvotering {}", k + 1)
                                        } else {
                                            format!("preliminary vote {}", k + 1)
                                        }
                                    ),
                                    round.clone(),
                                ));
                            }
                        } else {
                            s.push_str(&if sv {
                                format!(
                                    "För att utse motförslag ställer ordföranden {} mot {} och finner att {} utses till motförslag.",
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.alternative(w)
                                )
                            } else {
                                format!(
                                    "To choose the counter-proposal, the chair puts {} against {} and finds that {} is chosen.",
                                    self.alternative(&t.ja),
                                    self.alternative(&t.nej),
                                    self.alternative(w)
                                )
                            });
                        }
                    }
                }
                if let Some(t) = &r.main_vote {
                    let w = if t.winner == Choice::Ja {
                        &t.ja
                    } else {
                        &t.nej
                    };
                    let yes_for = |a: &str| {
                        if a == DECIDE {
                            if sv {
                                format!("att ärendet ska avgöras {}", self.today())
                            } else {
                                "deciding the matter today".to_string()
                            }
                        } else if sv {
                            format!("bifall till {}", self.alternative(a))
                        } else {
                            format!("approving {}", self.alternative(a))
                        }
                    };
                    s.push(' ');
                    s.push_str(&if sv {
                        format!(
                            "{} godkänner följande propositionsordning: Ja-röst för {}. Nej-röst för {}.",
                            capitalize(&self.body()),
                            yes_for(&t.ja),
                            yes_for(&t.nej)
                        )
                    } else {
                        format!(
                            "{} approves the following order of voting: Yes for {}. No for {}.",
                            capitalize(&self.body()),
                            yes_for(&t.ja),
                            yes_for(&t.nej)
                        )
                    });
                    s.push(' ');
                    s.push_str(&self.tally_sentence(t, &self.verb_phrase(w, alts)));
                    if !rc.main.ballots.is_empty() {
                        let n = lists.len() + 1;
                        s.push(' ');
                        s.push_str(&if sv {
                            format!("Omröstningsresultatet framgår av voteringslista {n}.")
                        } else {
                            format!("The result is shown in roll-call list {n}.")
                        });
                        lists.push((format!("proposition {}", r.index + 1), rc.main.clone()));
                    }
                    if let Some(sentence) = self.failed_minority_remit(r, alts) {
                        s.push(' ');
                        s.push_str(&sentence);
                    }
                    if r.minority_remit {
                        let reason = alts
                            .iter()
                            .find_map(|a| case.procedure.formal.iter().find(|f| &f.id == a))
                            .map(|f| f.reason.trim().to_string())
                            .unwrap_or_default();
                        s.push(' ');
                        s.push_str(&if sv {
                            format!("Då minst en tredjedel av de närvarande ledamöterna röstat för återremiss återremitteras ärendet med följande motivering: {reason}")
                        } else {
                            format!("As at least a third of the members present voted to refer the matter back, it is referred back for these reasons: {reason}")
                        });
                    }
                }
            }
            if !r.fell.is_empty() {
                let mut fallen: Vec<&str> = Vec::new();
                for (id, _) in &r.fell {
                    if !fallen.contains(&id.as_str()) {
                        fallen.push(id);
                    }
                }
                let names = self.amendments_phrase(&fallen, false);
                s.push(' ');
                s.push_str(&match (sv, self.style().fallen) {
                    (true, FallenStyle::Falls) => format!("Därmed faller {names}."),
                    (true, FallenStyle::HasFallen) => format!("Därmed har {names} fallit."),
                    (false, FallenStyle::Falls) => format!("{} thereby falls.", capitalize(&names)),
                    (false, FallenStyle::HasFallen) => {
                        format!("{} has thereby fallen.", capitalize(&names))
                    }
                });
            }
            paras.push(s);
        }
        paras.join("\n\n")
    }

    /// "Ordföranden ställer proposition på arbetsutskottets förslag till
    /// beslut och finner att kommunstyrelsen bifaller detsamma." — "… i
    /// övrigt" after propositions on changes to it.
    fn base_alone(&self, d: &Decision, index: usize) -> String {
        let after_changes = d.propositions[..index].iter().any(|p| {
            p.alternatives.iter().flat_map(|a| parts(a)).any(|id| {
                self.lookup
                    .amendment(id)
                    .is_some_and(|a| a.kind == AmendmentKind::Change)
            })
        });
        let body = self.body();
        match (self.sv(), after_changes) {
            (true, false) => format!("Ordföranden ställer proposition på {} och finner att {body} bifaller detsamma.", self.base()),
            (true, true) => format!("Ordföranden ställer proposition på {} i övrigt och finner att {body} bifaller detsamma.", self.base()),
            (false, false) => format!("The chair puts {} to the meeting and finds that {body} approves it.", self.base()),
            (false, true) => format!("The chair puts the rest of {} to the meeting and finds that {body} approves it.", self.base()),
        }
    }

    /// "Omröstning begärs." or, when the case names who asked, "Omröstning
    /// begärs av Amanda Andersson (MP)."
    fn demand_sentence(&self, rc: &crate::procedure::RollCall) -> String {
        let by: Vec<String> = rc.demanded_by.iter().map(|m| self.label(m)).collect();
        match (self.sv(), by.is_empty()) {
            (true, true) => "Omröstning begärs.".into(),
            (true, false) => format!("Omröstning begärs av {}.", join_list(&by, "och")),
            (false, true) => "A roll call is demanded.".into(),
            (false, false) => format!("{} demands a roll call.", join_list(&by, "and")),
        }
    }

    /// In fullmäktige, a roll call on an återremiss that fewer than a third
    /// of those present voted for: "Då mindre än en tredjedel av de
    /// närvarande ledamöterna röstat för återremiss ska ärendet avgöras idag."
    fn failed_minority_remit(
        &self,
        r: &crate::procedure::PropositionResult,
        alts: &[String],
    ) -> Option<String> {
        let remit = alts.iter().any(|a| {
            self.case
                .procedure
                .formal
                .iter()
                .any(|f| &f.id == a && f.kind == FormalKind::Remit)
        });
        let decided_today = r.winner.as_deref() == Some(DECIDE);
        if !remit
            || !decided_today
            || r.minority_remit
            || self.case.meeting.body_kind != BodyKind::Fullmaktige
        {
            return None;
        }
        Some(if self.sv() {
            format!(
                "Då mindre än en tredjedel av de närvarande ledamöterna röstat för återremiss ska ärendet avgöras {}.",
                self.today()
            )
        } else {
            "As fewer than a third of the members present voted to refer the matter back, it is to be decided today.".into()
        })
    }

    fn decision_section(&self, d: &Decision) -> String {
        let case = self.case;
        let sv = self.sv();
        if d.ended_by.as_deref() == Some(REJECT) {
            return if sv {
                format!("{} avslår {}.", capitalize(&self.body()), self.base())
            } else {
                format!("{} rejects {}.", capitalize(&self.body()), self.base())
            };
        }
        if let Some(id) = &d.ended_by {
            if let Some(f) = case.procedure.formal.iter().find(|f| &f.id == id) {
                return match (f.kind, sv) {
                    (FormalKind::Remit, true) => format!(
                        "Ärendet återremitteras med följande motivering: {}",
                        f.reason.trim()
                    ),
                    (FormalKind::Postpone, true) => "Ärendet bordläggs.".into(),
                    (FormalKind::Remit, false) => format!(
                        "The matter is referred back for these reasons: {}",
                        f.reason.trim()
                    ),
                    (FormalKind::Postpone, false) => "The matter is postponed.".into(),
                };
            }
        }
        let pending = d
            .propositions
            .iter()
            .any(|p| p.winner.is_none() && p.alternatives.len() >= 2);
        if pending || case.procedure.propositions.is_empty() {
            return (if sv {
                "Ärendet är inte avgjort."
            } else {
                "The matter has not been decided."
            })
            .into();
        }
        let mut out: Vec<String> = case
            .base
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if case.base.points.len() > 1 {
                    format!("{}. {}", i + 1, p.trim())
                } else {
                    p.trim().to_string()
                }
            })
            .collect();
        if !d.adopted.is_empty() {
            let ids: Vec<&str> = d.adopted.iter().map(String::as_str).collect();
            let adopted: Vec<&Amendment> = ids
                .iter()
                .filter_map(|id| self.lookup.amendment(id))
                .collect();
            let has = |k: AmendmentKind| adopted.iter().any(|a| a.kind == k);
            let what = match (has(AmendmentKind::Change), has(AmendmentKind::Addition), sv) {
                (true, true, true) => "följande ändringar och tillägg",
                (true, false, true) if adopted.len() == 1 => "följande ändring",
                (true, false, true) => "följande ändringar",
                (false, _, true) if adopted.len() == 1 => "följande tillägg",
                (false, _, true) => "följande tillägg",
                (true, true, false) => "the following changes and additions are",
                (true, false, false) if adopted.len() == 1 => "the following change is",
                (true, false, false) => "the following changes are",
                (false, _, false) if adopted.len() == 1 => "the following addition is",
                (false, _, false) => "the following additions are",
            };
            let phrase = self.amendments_phrase(&ids, true);
            let adopts = out.iter().position(|p| adopting_point(p, sv));
            match (self.style().decision, adopts) {
                (DecisionStyle::AdoptedWith, Some(i)) => {
                    // "1. Handlingsplanen antas med de ändringar som följer av …:"
                    let point = out[i].trim_end().trim_end_matches('.').to_string();
                    out[i] = if sv {
                        format!("{point} med de ändringar som följer av bifallet till {phrase}:")
                    } else {
                        format!("{point}, with the changes that follow from approving {phrase}:")
                    };
                    let list: Vec<String> = adopted
                        .iter()
                        .map(|a| format!("– {}", a.wording.trim()))
                        .collect();
                    out.splice(i + 1..i + 1, list);
                    return out.join("\n");
                }
                _ => {
                    // a paragraph of its own after the decision points
                    out.push(String::new());
                    out.push(if sv {
                        format!("Med bifall till {phrase} görs {what} i {}:", self.base())
                    } else {
                        format!(
                            "With the approval of {phrase}, {what} made to {}:",
                            self.base()
                        )
                    });
                }
            }
            for a in adopted {
                out.push(format!("– {}", a.wording.trim()));
            }
        }
        out.join("\n")
    }

    /// A line for each reservation: "Emily Munter (V) reserverar sig till
    /// förmån för eget förslag.", "Ledamöterna för S reserverar sig mot
    /// beslutet att avslå Amanda Anderssons (MP) tilläggsförslag."
    fn reservation_section(&self, d: &Decision) -> String {
        self.case
            .procedure
            .reservations
            .iter()
            .map(|r| self.reservation_line(r, d))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn reservation_line(&self, r: &Reservation, d: &Decision) -> String {
        let sv = self.sv();
        let who = self.reserving(r);
        let and = if sv { "och" } else { "and" };
        let mut what = String::new();
        if !r.against.is_empty() {
            what.push_str(&self.against_phrase(&r.against, d));
        }
        if !r.in_favour_of.is_empty() {
            let alts: Vec<String> = r.in_favour_of.iter().map(|a| self.alternative(a)).collect();
            what.push_str(&format!(
                " {} {}",
                if sv {
                    "till förmån för"
                } else {
                    "in favour of"
                },
                join_list(&alts, and)
            ));
        } else if r.against.is_empty() {
            what.push_str(match (sv, r.group.is_some()) {
                (true, false) => " till förmån för eget förslag",
                (true, true) => " mot beslutet",
                (false, false) => " in favour of their own proposal",
                (false, true) => " against the decision",
            });
        }
        let written = match (r.written || r.text.is_some(), sv) {
            (true, true) => " Skriftlig reservation bifogas protokollet.",
            (true, false) => " A written reservation is attached to the minutes.",
            _ => "",
        };
        if sv {
            format!("{who} reserverar sig{what}.{written}")
        } else {
            let verb = if r.group.is_some() {
                "enter a reservation"
            } else {
                "enters a reservation"
            };
            format!("{who} {verb}{what}.{written}")
        }
    }

    /// Who reserves: "Emily Munter (V)" or "Ledamöterna för S".
    fn reserving(&self, r: &Reservation) -> String {
        match (&r.group, self.sv()) {
            (Some(g), true) => format!("Ledamöterna för {}", g.trim()),
            (Some(g), false) => format!("The members for {}", g.trim()),
            (None, _) => self.label(&r.member),
        }
    }

    /// " mot beslutet att bifalla A och att avslå B": each alternative with
    /// what the meeting did with it.
    fn against_phrase(&self, against: &[String], d: &Decision) -> String {
        let sv = self.sv();
        let approved = |id: &str| {
            id == BASE
                || d.adopted.iter().any(|a| a == id)
                || d.ended_by.as_deref() == Some(id)
                || (id == DECIDE && d.ended_by.is_none())
        };
        let parts: Vec<String> = against
            .iter()
            .map(|a| {
                let verb = match (approved(a), sv) {
                    (true, true) => "bifalla",
                    (false, true) => "avslå",
                    (true, false) => "approve",
                    (false, false) => "reject",
                };
                format!("{verb} {}", self.alternative(a))
            })
            .collect();
        if sv {
            format!(" mot beslutet att {}", parts.join(" och att "))
        } else {
            format!(" against the decision to {}", parts.join(" and to "))
        }
    }

    /// "Amanda Andersson (MP) lämnar följande protokollsanteckning: …", a
    /// paragraph each.
    fn notes_section(&self) -> String {
        self.case
            .procedure
            .protocol_notes
            .iter()
            .map(|n| {
                let who = self.label(&n.member);
                if self.sv() {
                    format!(
                        "{who} lämnar följande protokollsanteckning: {}",
                        n.text.trim()
                    )
                } else {
                    format!(
                        "{who} enters the following note in the minutes: {}",
                        n.text.trim()
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn voting_list(&self, n: usize, title: &str, round: &Round) -> String {
        let sv = self.sv();
        let (member_h, party_h, ja_h, nej_h, av_h, sum_h) = if sv {
            ("Ledamot", "Parti", "Ja", "Nej", "Avstår", "Summa")
        } else {
            ("Member", "Party", "Yes", "No", "Abstain", "Total")
        };
        let width = round
            .ballots
            .iter()
            .map(|b| self.name(&b.member).chars().count())
            .max()
            .unwrap_or(0)
            .max(member_h.len())
            + 2;
        let pad =
            |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
        let mut out = format!(
            "{} {n} ({title})\n",
            if sv {
                "Voteringslista"
            } else {
                "Roll-call list"
            }
        );
        out.push_str(&format!(
            "{}{}{}{}{}\n",
            pad(member_h, width),
            pad(party_h, 8),
            pad(ja_h, 6),
            pad(nej_h, 6),
            av_h
        ));
        let (mut j, mut nn, mut a) = (0, 0, 0);
        for b in &round.ballots {
            let party = self
                .member(&b.member)
                .map(|m| m.party.clone())
                .unwrap_or_default();
            let mark = |c: Choice| if b.vote == c { "X" } else { "" };
            match b.vote {
                Choice::Ja => j += 1,
                Choice::Nej => nn += 1,
                Choice::Avstar => a += 1,
            }
            out.push_str(
                format!(
                    "{}{}{}{}{}",
                    pad(&self.name(&b.member), width),
                    pad(&party, 8),
                    pad(mark(Choice::Ja), 6),
                    pad(mark(Choice::Nej), 6),
                    mark(Choice::Avstar)
                )
                .trim_end(),
            );
            out.push('\n');
        }
        out.push_str(&format!(
            "{}{}{}{}{}",
            pad(sum_h, width),
            pad("", 8),
            pad(&j.to_string(), 6),
            pad(&nn.to_string(), 6),
            a
        ));
        out
    }

    /// The voteringslista as a table.
    fn voting_table(&self, n: usize, title: &str, round: &Round) -> Table {
        let sv = self.sv();
        let head = if sv {
            ["Ledamot", "Parti", "Ja", "Nej", "Avstår"]
        } else {
            ["Member", "Party", "Yes", "No", "Abstain"]
        };
        let mut totals = [0u32; 3];
        let rows = round
            .ballots
            .iter()
            .map(|b| {
                let k = match b.vote {
                    Choice::Ja => 0,
                    Choice::Nej => 1,
                    Choice::Avstar => 2,
                };
                totals[k] += 1;
                let mut row = vec![
                    self.name(&b.member),
                    self.member(&b.member)
                        .map(|m| m.party.clone())
                        .unwrap_or_default(),
                ];
                row.extend((0..3).map(|i| if i == k { "X".into() } else { String::new() }));
                row
            })
            .collect();
        let mut foot = vec![
            (if sv { "Summa" } else { "Total" }).to_string(),
            String::new(),
        ];
        foot.extend(totals.iter().map(u32::to_string));
        Table {
            caption: format!(
                "{} {n} ({title})",
                if sv {
                    "Voteringslista"
                } else {
                    "Roll-call list"
                }
            ),
            head: head.iter().map(|s| s.to_string()).collect(),
            rows,
            foot,
        }
    }
}

/// What heads an extract of the minutes: the paragraph ("§ 217"), the case
/// number ("2023.476 KS"), the case's title and the meeting ("Kommunstyrelsen,
/// sammanträde 2023-10-16"); each left out when the case does not give it.
/// The text, HTML and .docx extracts all start from this.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Head {
    pub paragraph: Option<String>,
    pub case_number: Option<String>,
    pub title: Option<String>,
    pub meeting: Option<String>,
}

impl Head {
    /// "§ 217 Kommunkoncernövergripande ekonomisk handlingsplan": the
    /// paragraph and the title, as a heading names the item (empty when the
    /// case has neither).
    pub fn heading(&self) -> String {
        [&self.paragraph, &self.title]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The head of an extract of `case`'s minutes, in `lang`.
pub fn head(case: &Case, lang: Lang) -> Head {
    let given = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let meeting = given(case.meeting.date.as_deref()).map(|date| {
        let body = capitalize(&Writer::new(case, lang).body());
        match lang {
            Lang::Sv => format!("{body}, sammanträde {date}"),
            Lang::En => format!("{body}, meeting of {date}"),
        }
    });
    Head {
        paragraph: given(case.meeting.paragraph.as_deref()),
        case_number: given(case.meeting.case_number.as_deref()),
        title: given(Some(&case.title)),
        meeting,
    }
}

/// The minutes as a plain-text extract: a heading with the paragraph, the
/// case number, the case's title and the meeting's date, then every section.
pub fn minutes_text(case: &Case, decision: &Decision, lang: Lang) -> String {
    let m = minutes(case, decision, lang);
    let h = head(case, lang);
    let numbers: Vec<&str> = [&h.paragraph, &h.case_number]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let mut lines = Vec::new();
    if !numbers.is_empty() {
        lines.push(numbers.join("  "));
    }
    lines.extend(h.title.iter().cloned());
    lines.extend(h.meeting.iter().cloned());
    if lines.is_empty() {
        m.to_text()
    } else {
        format!("{}\n\n{}", lines.join("\n"), m.to_text())
    }
}

/// Writes the minutes of a decided (or partly decided) case: the generated
/// sections, each replaced by the secretary's text where the case keeps an
/// edit of it (see [`SectionEdit`]).
pub fn minutes(case: &Case, decision: &Decision, lang: Lang) -> Minutes {
    let w = Writer::new(case, lang);
    let mut sections = generated_sections(&w, decision);
    apply_edits(&mut sections, &case.minutes_edits, lang);
    let missing = w.missing(decision);
    let notice = (!missing.is_empty()).then(|| w.draft_notice(&missing));
    Minutes {
        sections,
        missing,
        notice,
    }
}

/// A section as generated, not edited.
fn section(key: impl Into<String>, title: impl Into<String>, text: String) -> Section {
    Section {
        key: key.into(),
        title: title.into(),
        text,
        table: None,
        edited: None,
    }
}

/// The sections the case's record gives, in the order of the minutes.
fn generated_sections(w: &Writer, decision: &Decision) -> Vec<Section> {
    let case = w.case;
    let sv = w.sv();
    let pick = |sv_text: &'static str, en_text: &'static str| if sv { sv_text } else { en_text };
    let mut lists = Vec::new();
    let mut sections = vec![
        section(
            "proposals",
            pick(
                "Förslag till beslut på sammanträdet",
                "Proposals at the meeting",
            ),
            w.proposals_section(),
        ),
        section(
            "procedure",
            pick("Beslutsgång", "Decision procedure"),
            w.procedure_section(decision, &mut lists),
        ),
        section(
            "decision",
            pick("Beslut", "Decision"),
            w.decision_section(decision),
        ),
    ];
    let reservations = w.reservation_section(decision);
    if !reservations.is_empty() {
        sections.push(section(
            "reservations",
            pick("Reservation", "Reservations"),
            reservations,
        ));
    }
    let notes = &case.procedure.protocol_notes;
    if !notes.is_empty() {
        let title = match notes.len() {
            1 => pick("Protokollsanteckning", "Protocol note"),
            _ => pick("Protokollsanteckningar", "Protocol notes"),
        };
        sections.push(section("notes", title, w.notes_section()));
    }
    for (i, (title, round)) in lists.iter().enumerate() {
        let n = i + 1;
        let mut s = section(
            format!("list-{n}"),
            format!(
                "{} {n}",
                pick("Bilaga: voteringslista", "Appendix: roll-call list")
            ),
            w.voting_list(n, title, round),
        );
        s.table = Some(w.voting_table(n, title, round));
        sections.push(s);
    }
    for (i, r) in case.procedure.reservations.iter().enumerate() {
        if let Some(text) = r.text.as_deref().filter(|t| !t.trim().is_empty()) {
            sections.push(section(
                format!("reservation-{}", i + 1),
                format!(
                    "{} ({})",
                    pick("Bilaga: reservation", "Appendix: reservation"),
                    w.reserving(r)
                ),
                text.trim().to_string(),
            ));
        }
    }
    sections
}

/// Puts the secretary's text in place of each edited section of `lang`,
/// marked as edited, with the text generated now and whether it changed
/// since the edit was made. An edit of a section the record no longer
/// gives is kept, at the end, as a section of its own (its text is the
/// secretary's work; only they can drop it).
fn apply_edits(sections: &mut Vec<Section>, edits: &[SectionEdit], lang: Lang) {
    let code = lang_code(lang);
    for e in edits.iter().filter(|e| e.lang == code) {
        match sections.iter_mut().find(|s| s.key == e.section) {
            Some(s) => {
                let generated = std::mem::replace(&mut s.text, e.text.clone());
                s.table = None;
                s.edited = Some(Edited {
                    changed: generated != e.generated,
                    generated,
                });
            }
            None => sections.push(Section {
                key: e.section.clone(),
                title: e.title.clone().unwrap_or_else(|| e.section.clone()),
                text: e.text.clone(),
                table: None,
                edited: Some(Edited {
                    generated: String::new(),
                    changed: true,
                }),
            }),
        }
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_names_what_the_case_gives() {
        let mut case = Case::new("  Handlingsplan ", "# Plan\n\nText.\n");
        assert_eq!(
            head(&case, Lang::Sv),
            Head {
                title: Some("Handlingsplan".into()),
                ..Head::default()
            }
        );
        assert_eq!(head(&case, Lang::Sv).heading(), "Handlingsplan");
        case.meeting.paragraph = Some("§ 12".into());
        case.meeting.case_number = Some(" ".into());
        case.meeting.date = Some("2024-02-05".into());
        case.meeting.body = "kommunfullmäktige".into();
        let h = head(&case, Lang::Sv);
        assert_eq!(h.heading(), "§ 12 Handlingsplan");
        assert_eq!(h.case_number, None, "blank is left out");
        assert_eq!(
            h.meeting.as_deref(),
            Some("Kommunfullmäktige, sammanträde 2024-02-05")
        );
        case.title = String::new();
        assert_eq!(head(&case, Lang::Sv).heading(), "§ 12");
    }

    #[test]
    fn swedish_words() {
        assert_eq!(genitive_sv("Amanda Andersson"), "Amanda Anderssons");
        assert_eq!(
            genitive_sv("Heidi Hankanen Ängberg"),
            "Heidi Hankanen Ängbergs"
        );
        assert_eq!(genitive_sv("Lars"), "Lars");
        assert_eq!(genitive_sv("Felix"), "Felix");
        assert_eq!(ordinal_sv(1), "första");
        assert_eq!(ordinal_sv(2), "andra");
        assert_eq!(ordinal_sv(13), "13:e");
        assert_eq!(number_sv(2), "två");
        assert_eq!(
            join_list(&["a".into(), "b".into(), "c".into()], "och"),
            "a, b och c"
        );
    }
}
